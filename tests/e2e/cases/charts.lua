-- One chart of each kind, with the numbers a vendor benchmark report
-- would show (inline, so the case needs no dataset).
report { title = "Tech Vendor NPS 2016", subtitle = "Charts of every kind", author = "Research team" }
contents()

local vendors = { "Acme Cloud", "Borealis Systems", "Cobalt Software", "Delta Networks",
                  "Everpine", "Fjord Data", "Granite Labs", "Helix IT Services",
                  "Ion Dynamics", "Juniper Works", "Kestrel Security", "Lumen Analytics" }
local nps = { 31, 12, 44, 27, -3, 19, 8, 36, 22, 15, 41, 25 }
local client = "Helix IT Services"

h1 "Rankings"
paragraph("Twelve vendors were rated by at least 150 IT decision makers each. "
          .. "**Helix IT Services** ranks third.")
chart { kind = "bar", title = "Net Promoter Score by vendor", x_title = "NPS", noun = "vendors",
        categories = vendors, values = nps, horizontal = true, sort = "desc",
        highlight = { client }, refs = { { value = 23.1, label = "Industry average", decimals = 1 } },
        caption = "NPS by vendor, highest first; the dashed line is the industry average.",
        name = "nps-ranking" }

-- 95 % intervals: NPS ± 1.96·SE, SE between 5 and 8 points
local se = { 6, 7, 5, 6, 8, 7, 7, 6, 6, 7, 5, 6 }
local lo, hi = {}, {}
for i = 1, #nps do lo[i] = nps[i] - 1.96 * se[i]; hi[i] = nps[i] + 1.96 * se[i] end
chart { kind = "dot", title = "NPS with 95% confidence interval", x_title = "NPS",
        categories = vendors, values = nps, lo = lo, hi = hi, sort = "desc",
        highlight = { client }, refs = { { value = 23.1, label = "Average", decimals = 1 } },
        caption = "Intervals that overlap the average are not significantly different from it." }

h2 "Promoters and detractors"
local prom = { 48, 35, 56, 44, 30, 40, 33, 52, 41, 37, 55, 45 }
local det = { 17, 23, 12, 17, 33, 21, 25, 16, 19, 22, 14, 20 }
local pass = {}
for i = 1, #prom do pass[i] = 100 - prom[i] - det[i] end
chart { kind = "stacked100", title = "Promoters, passives and detractors", horizontal = true,
        sort = "desc", categories = vendors, highlight = client, suffix = "%",
        series = { { name = "Promoters", values = prom }, { name = "Passives", values = pass },
                   { name = "Detractors", values = det } },
        palette = { "#009E73", "#BBBBBB", "#D55E00" },
        caption = "Share of each answer group; sorted by the share of promoters." }

chart { kind = "stacked", title = "Responses by role", y_title = "Responses",
        categories = { "Acme Cloud", "Cobalt Software", "Helix IT Services", "Kestrel Security" },
        series = { { name = "Decision makers", values = { 62, 71, 58, 66 } },
                   { name = "Influencers", values = { 54, 49, 61, 47 } },
                   { name = "End users", values = { 38, 45, 40, 52 } } },
        caption = "Completed interviews per vendor and role." }

h1 "Trends and drivers"
chart { kind = "line", title = "NPS over time", y_title = "NPS",
        categories = { 2012, 2013, 2014, 2015, 2016 },
        series = { { name = "Helix IT Services", values = { 18, 22, 27, 31, 36 } },
                   { name = "Industry average", values = { 25, 24, 26, 23, 23 } },
                   { name = "Granite Labs", values = { 9, 14, 13, 10, 8 } } },
        caption = "Helix has gained 18 points in four years." }

chart { kind = "grouped", title = "NPS by customer segment", y_title = "NPS",
        categories = { "Acme Cloud", "Cobalt Software", "Helix IT Services", "Kestrel Security" },
        series = { { name = "Enterprise", values = { 35, 47, 40, 44 } },
                   { name = "Mid-market", values = { 28, 41, 33, 38 } } },
        caption = "Enterprise customers recommend every vendor more readily." }

local sat = { 7.6, 6.9, 8.1, 7.4, 6.2, 7.1, 6.6, 7.9, 7.2, 6.8, 8.0, 7.3 }
chart { kind = "scatter", title = "Satisfaction and NPS", x_title = "Satisfaction (mean, 0-10)",
        y_title = "NPS", categories = vendors, values = nps, x = sat, fit_line = true,
        highlight = { client }, caption = "Vendors with more satisfied customers have a higher NPS." }

h1 "CX maturity"
local competencies = { "Strategy", "Customer insight", "Experience design", "Governance",
                       "Culture", "Metrics & ROI" }
chart { kind = "radar", title = "CX maturity by competency", categories = competencies,
        min = 0, max = 100,
        series = { { name = "Helix IT Services", values = { 72, 58, 64, 45, 69, 51 } },
                   { name = "Benchmark median", values = { 63, 60, 55, 52, 58, 47 },
                     lo = { 54, 51, 47, 43, 50, 39 }, hi = { 71, 68, 63, 61, 66, 56 } } },
        caption = "Scores 0-100; the band is the middle half of 84 assessed organisations." }

chart { kind = "distribution", title = "Organisations by maturity level",
        y_title = "Share of organisations", suffix = "%",
        categories = { "Initial", "Developing", "Defined", "Managed", "Optimised" },
        values = { 12, 31, 34, 17, 6 }, highlight = "Defined", marker_label = "Helix IT Services",
        caption = "Helix is at level 3, with a third of the organisations assessed." }

chart { kind = "heatmap", title = "Competency scores by segment", x_title = "Score (0-100)",
        categories = competencies,
        series = { { name = "B2B", values = { 62, 48, 55, 41, 58, 37 } },
                   { name = "B2C", values = { 57, 52, 49, 45, 51, 33 } },
                   { name = "Public", values = { 44, 39, 61, 36, 47, 29 } },
                   { name = "SMB", values = { 70, 58, 52, 49, 63, 44 } } },
        caption = "Mean competency score of each segment." }

h2 "Key figures"
chart { kind = "bullet", title = "Key figures against peers", min = -20, max = 100,
        categories = { "NPS", "Satisfaction (0-100)", "Retention intent %", "Effort score" },
        series = { { name = "Helix IT Services", values = { 36, 74, 81, 62 } },
                   { name = "Peers", values = { 23, 70, 76, 66 }, lo = { 12, 63, 69, 58 },
                     hi = { 33, 77, 84, 71 } } },
        caption = "The bar is Helix; the band spans the peers' middle half, the tick their median." }

chart { kind = "gauge", title = "Where Helix stands", min = 0, max = 100,
        categories = { "Satisfaction", "Retention intent %", "Effort score" },
        series = { { name = "Helix IT Services", values = { 74, 81, 62 } },
                   { name = "Peers", values = { 70, 76, 66 }, lo = { 63, 69, 58 },
                     hi = { 77, 84, 71 } } },
        caption = "The same key figures as dials." }

paragraph "Figures without a caption are not numbered:"
chart { kind = "bar", categories = { "2015", "2016" }, values = { 31, 36 }, height = 90 }
paragraph "End of the chart report."
