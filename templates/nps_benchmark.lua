--@data survey = ../fixtures/nps_benchmark/survey_2016.json
--@data prior = ../fixtures/nps_benchmark/survey_2015.json
--
-- The annual tech-vendor NPS benchmark.
--
--   cxreport build templates/nps_benchmark.lua -o nps.pdf \
--       --data survey=this_year.json [--data prior=last_year.json] [--param min_n=40]
--
-- Data: `survey` (this year) and optionally `prior` (last year), one
-- response per rating, with vendor, vendor_type, role, recommend (0-10),
-- purchase (1-5), forgive (1-7), try_new (1-7; 99 = don't know, declared
-- missing) and the weight field the survey names.  Without --data the
-- bundled fixtures are used.

local survey = dataset "survey"
local prior = dataset("prior", { optional = true })
local min_n = tonumber(param.min_n or "40")
if not min_n or min_n < 1 then error("min_n must be a positive number, got " .. tostring(param.min_n)) end

local meta = survey:survey()
local year = meta.year or "this year"
local last_year = prior and (prior:survey().year or "last year")
local weighted = meta.weight ~= nil
local opts = { min_n = min_n, weight = weighted or nil }

-- ---------------------------------------------------------------- numbers

local by_vendor = survey:group_by("vendor"):nps("recommend", opts)
local listed = by_vendor:filter { flagged = false }           -- n >= min_n
local ranked = listed:sort("-nps", "vendor"):rank("nps")
local average = listed:mean("nps"):value("mean")
local pooled = survey:nps("recommend", { weight = opts.weight }):value("nps")
local best, worst = ranked:row(1), ranked:row(#ranked)

local change, prior_average
if prior then
  local before = prior:group_by("vendor"):nps("recommend", { min_n = min_n, weight = prior:survey().weight and true or nil })
  prior_average = before:filter { flagged = false }:mean("nps"):value("mean")
  change = listed:compare(before:filter { flagged = false }, { by = "vendor", min_n = min_n })
end

local momentum = survey:group_by("vendor"):net("purchase", { top = { 4, 5 }, bottom = { 1, 2 }, weight = opts.weight })
local forgive = survey:group_by("vendor"):net("forgive", { top = { 6, 7 }, bottom = { 1, 2, 3 }, weight = opts.weight })
local try_new = survey:group_by("vendor"):net("try_new", { top = { 6, 7 }, bottom = { 1, 2, 3 }, weight = opts.weight })

local function company_r(other, field)
  return correlate(listed, other, { x = "nps", y = field, by = "vendor" })
end
local r_momentum = company_r(momentum, "net")
local r_forgive = company_r(forgive, "net")
local r_try = company_r(try_new, "net")

local function n_text(n) return fmt.number(n, 0, { group = "," }) end
local function one(x) return x and fmt.number(x, 1) or "–" end
local function signed(x) return x and fmt.delta(x, 1) or "–" end
local function r_text(c) return c.defined and fmt.number(c.r, 2) or "n/a" end

-- ----------------------------------------------------------------- report

report {
  title = ("Tech Vendor NPS Benchmark %s"):format(year),
  subtitle = ("Net Promoter Score of %d technology vendors, rated by IT decision makers"):format(#by_vendor),
  author = "cxreport research",
  subject = "Net Promoter Score benchmark",
  keywords = "NPS, benchmark, technology vendors",
  justify = true,
}

contents()

h1 "Executive summary"
keyfigures {
  { value = one(average), label = "Industry average NPS", change = prior_average and (average - prior_average),
    decimals = 1, change_label = prior_average and ("vs " .. last_year), good = prior_average and "up" },
  { value = fmt.nps(best.nps), label = "Highest NPS: " .. best.vendor },
  { value = fmt.nps(worst.nps), label = "Lowest NPS: " .. worst.vendor },
  { value = fmt.nps(best.nps - worst.nps), label = "Range in NPS points" },
}
paragraph(("%s IT buyers rated **%d vendors** in %s. Of these, %d had at least %d responses and are ranked in this report ({ref:fig:ranking}); the others are listed in the appendix. Results are %s."):format(
  n_text(#survey), #by_vendor, year, #listed, min_n, weighted and "weighted" or "unweighted"))

paragraph(("The industry average NPS, the mean of the listed vendors' scores with each vendor counted once, is **%s**%s. Pooled over all answers, the NPS is %s."):format(
  one(average), prior_average and (", " .. signed(average - prior_average) .. " points from " .. last_year) or "", one(pooled)))
-- "r = 0.77" never breaks across lines: no-break spaces (U+00A0)
paragraph(("Loyalty pays: at the company level, NPS correlates with net purchase momentum at r\u{A0}=\u{A0}**%s** (n\u{A0}=\u{A0}%d vendors), with forgiveness at r\u{A0}=\u{A0}%s and with willingness to try new offerings at r\u{A0}=\u{A0}%s."):format(
  r_text(r_momentum), r_momentum.n, r_text(r_forgive), r_text(r_try)))
callout { title = "The bottom line",
          text = ("%s leads the ranking with an NPS of %s and %s trails at %s. The vendors whose customers recommend them also sell more to them ({ref:fig:momentum}): loyalty is worth managing."):format(
            best.vendor, fmt.nps(best.nps), worst.vendor, fmt.nps(worst.nps)) }

h1 "Vendor ranking"
paragraph(("Vendors with at least %d responses, ranked by NPS in {ref:fig:ranking}; {ref:fig:intervals} adds each score's 95 %% confidence interval, which uses the adjusted Wald method, and {ref:tab:ranking} lists the numbers."):format(min_n))
chart { kind = "bar", title = ("Net Promoter Score by vendor, %s"):format(year), x_title = "NPS", noun = "vendors",
        data = ranked, category = "vendor", value = "nps", horizontal = true, sort = "desc",
        refs = { { value = average, label = "Industry average", decimals = 1 } },
        caption = ("Vendors with at least %d responses; the dashed line is the industry average."):format(min_n),
        name = "nps-ranking", label = "fig:ranking" }
chart { kind = "dot", title = "NPS with 95 % confidence interval", x_title = "NPS", noun = "vendors",
        data = ranked, category = "vendor", value = "nps", lo = "ci_low", hi = "ci_high", sort = "desc",
        refs = { { value = average, label = "Average", decimals = 1 } },
        caption = "Adjusted Wald intervals; an interval that crosses the average is not significantly different from it.",
        name = "nps-intervals", label = "fig:intervals" }
local rows = {}
for _, r in ipairs(ranked:rows()) do
  rows[#rows + 1] = { r.rank, r.vendor, n_text(r.n), fmt.nps(r.nps), ("%s to %s"):format(fmt.nps(r.ci_low), fmt.nps(r.ci_high)) }
end
tabulate { header = { "Rank", "Vendor", "n", "NPS", "95 % CI" }, align = { "right", "left", "right", "right", "right" }, rows = rows,
           caption = "The ranked vendors: responses, NPS and its 95 % confidence interval.", label = "tab:ranking" }

h2 "Promoters, passives and detractors"
chart { kind = "stacked100", title = "Promoters, passives and detractors", horizontal = true, sort = "desc",
        x_title = "Share of respondents",
        categories = ranked:column("vendor"), suffix = "%",
        series = { { name = "Promoters", values = ranked:column("promoters") },
                   { name = "Passives", values = ranked:column("passives") },
                   { name = "Detractors", values = ranked:column("detractors") } },
        palette = { "#009E73", "#BBBBBB", "#D55E00" }, noun = "vendors",
        caption = "Share of each answer group, sorted by the share of promoters.", name = "nps-groups" }
rows = {}
for _, r in ipairs(ranked:rows()) do
  rows[#rows + 1] = { r.vendor, fmt.percent(r.promoters, 0), fmt.percent(r.passives, 0), fmt.percent(r.detractors, 0) }
end
tabulate { header = { "Vendor", "Promoters", "Passives", "Detractors" }, align = { "left", "right", "right", "right" }, rows = rows,
           caption = "Each answer group's share of the vendor's respondents." }

if change then
  h1 "Change from last year"
  local moved = change:filter { change = { missing = false } }:sort("-change")
  chart { kind = "bar", title = ("Change in NPS, %s to %s"):format(last_year, year), x_title = "Change in NPS points",
          noun = "vendors", data = moved, category = "vendor", value = "change", horizontal = true, sort = "desc",
          highlight = (function() local h = {} for _, r in ipairs(moved:filter { significant = true }:rows()) do h[#h + 1] = r.vendor end return h end)(),
          decimals = 1, caption = "Highlighted: significant changes (p < 0.05).", name = "nps-change",
          label = "fig:change" }
  local sig = moved:filter { significant = true }
  paragraph(("%d vendors were listed in both years. %d changed significantly (p < 0.05, two-sided test of the difference of two independent NPS values). {ref:fig:change} shows every change, {ref:tab:change} the scores of both years."):format(#moved, #sig))
  rows = {}
  for _, r in ipairs(moved:rows()) do
    rows[#rows + 1] = { r.vendor, fmt.nps(r.nps_prior), fmt.nps(r.nps), signed(r.change), r.tested and fmt.p(r.p) or "not tested", r.significant and "**yes**" or "no" }
  end
  tabulate { header = { "Vendor", tostring(last_year), tostring(year), "Change", "p", "Significant" },
             align = { "left", "right", "right", "right", "right", "left" }, rows = rows,
             caption = ("NPS in %s and %s, the change and its test."):format(last_year, year), label = "tab:change" }
end

h1 "Loyalty and purchase intent"
paragraph "Net purchase momentum is the share of respondents who expect to spend more with the vendor (4–5 on a 5-point scale) minus the share who expect to spend less (1–2). Net forgiveness and net willingness to try new offerings use the top two minus the bottom three boxes of a 7-point scale. {ref:fig:momentum} plots each vendor's NPS against its purchase momentum."
local joined = listed:join(momentum, { by = "vendor", suffix = "_momentum" })
                     :join(forgive, { by = "vendor", suffix = "_forgive" })
                     :join(try_new, { by = "vendor", suffix = "_try" })
                     :sort("-nps")
chart { kind = "scatter", title = "NPS and net purchase momentum", x_title = "Net purchase momentum",
        y_title = "NPS", noun = "vendors", data = joined:filter { net_momentum = { missing = false } },
        category = "vendor", value = "nps", x = "net_momentum", fit_line = true, height = 360,
        caption = ("Each point is a vendor; r = %s (n = %d)."):format(r_text(r_momentum), r_momentum.n),
        name = "nps-momentum", label = "fig:momentum" }
rows = {}
for _, r in ipairs(joined:rows()) do
  rows[#rows + 1] = { r.vendor, fmt.nps(r.nps), one(r.net_momentum), one(r.net_forgive), one(r.net_try) }
end
tabulate { header = { "Vendor", "NPS", "Purchase momentum", "Forgiveness", "Try new" },
           align = { "left", "right", "right", "right", "right" }, rows = rows,
           caption = "NPS and the three net loyalty scores by vendor, highest NPS first." }
tabulate { header = { "Metric against NPS (company level)", "r", "n", "p" }, align = { "left", "right", "right", "right" },
           rows = {
             { "Net purchase momentum", r_text(r_momentum), r_momentum.n, r_momentum.defined and fmt.p(r_momentum.p) or "–" },
             { "Net forgiveness", r_text(r_forgive), r_forgive.n, r_forgive.defined and fmt.p(r_forgive.p) or "–" },
             { "Net willingness to try new offerings", r_text(r_try), r_try.n, r_try.defined and fmt.p(r_try.p) or "–" },
           }, caption = "Pearson correlations with NPS across the ranked vendors." }

h2 "How promoters and detractors differ"
local function share_of(ds, field, top)
  return ds:net(field, { top = top.top, bottom = top.bottom, weight = opts.weight })
end
local promoters = survey:filter { recommend = { min = 9 } }
local detractors = survey:filter { recommend = { max = 6 } }
local pm_p, pm_d = share_of(promoters, "purchase", { top = { 4, 5 }, bottom = { 1, 2 } }), share_of(detractors, "purchase", { top = { 4, 5 }, bottom = { 1, 2 } })
local fg_p, fg_d = share_of(promoters, "forgive", { top = { 6, 7 }, bottom = { 1, 2, 3 } }), share_of(detractors, "forgive", { top = { 6, 7 }, bottom = { 1, 2, 3 } })
tabulate { header = { "", "Promoters", "Detractors" }, align = { "left", "right", "right" }, rows = {
  { "Expect to spend more (4–5)", fmt.percent(pm_p:value("top"), 0), fmt.percent(pm_d:value("top"), 0) },
  { "Expect to spend less (1–2)", fmt.percent(pm_p:value("bottom"), 0), fmt.percent(pm_d:value("bottom"), 0) },
  { "Would forgive a mistake (6–7)", fmt.percent(fg_p:value("top"), 0), fmt.percent(fg_d:value("top"), 0) },
}, caption = "Promoters and detractors over all vendors." }

h1 "Results by vendor type"
local by_type = survey:group_by("vendor_type"):nps("recommend", opts)
rows = {}
for _, r in ipairs(by_type:rows()) do
  rows[#rows + 1] = { r.vendor_type, n_text(r.n), fmt.nps(r.nps), ("%s to %s"):format(fmt.nps(r.ci_low), fmt.nps(r.ci_high)) }
end
tabulate { header = { "Vendor type", "n", "NPS (pooled)", "95 % CI" }, align = { "left", "right", "right", "right" }, rows = rows,
           caption = "NPS by vendor type, pooled over each type's respondents." }

h1 "Appendix: all vendors"
paragraph(("Every vendor rated, including those with fewer than %d responses (marked *), whose results are too uncertain to rank."):format(min_n))
rows = {}
for _, r in ipairs(by_vendor:sort("vendor"):rows()) do
  rows[#rows + 1] = { r.vendor .. (r.flagged and " *" or ""), n_text(r.n), fmt.nps(r.nps), one(r.se) }
end
tabulate { header = { "Vendor", "n", "NPS", "SE" }, align = { "left", "right", "right", "right" }, rows = rows,
           caption = "Every vendor rated, in alphabetical order." }

h1 "Methodology"
paragraph(("**Sample.** %s ratings of %d vendors%s%s."):format(n_text(#survey), #by_vendor,
  meta.population and (" by " .. meta.population) or "", meta.fielded and (", fielded " .. meta.fielded) or ""))
paragraph "**Net Promoter Score.**^[Net Promoter, Net Promoter Score and NPS are registered trademarks of Bain & Company, Inc., Satmetrix Systems, Inc. and Fred Reichheld.] Respondents answer \"How likely are you to recommend this vendor to a colleague?\" on a 0–10 scale. Promoters answer 9–10, passives 7–8, detractors 0–6. NPS = % promoters − % detractors, from −100 to +100. Missing answers are out of the base."
paragraph(("**Weighting and precision.** %s The standard error is 100·√(v/n) with v = p + d − (p − d)², using Kish's effective base (Σw)²/Σw² for weighted results. Confidence intervals are 95 %% adjusted Wald intervals (Rocks 2016: 0.75 added to promoters and detractors, 1.5 to passives)."):format(
  weighted and "Results are weighted with the survey weight." or "Results are unweighted."))
paragraph(("**Minimum base.** Vendors with fewer than %d responses are not ranked and are left out of the industry average; they are listed in the appendix."):format(min_n))
paragraph "**Change.** The difference between two years' NPS is tested with z = (NPS₁ − NPS₂)/√(SE₁² + SE₂²), two-sided; changes are only tested when both bases are at least the minimum base."
