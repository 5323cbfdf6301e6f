--@data assessment = ../fixtures/cx_assessment/assessment.json
--
-- Per-client CX competency and maturity assessment.
--
--   cxreport build templates/cx_assessment.lua -o client.pdf \
--       --data assessment=assessment.json --param client="Contoso Pharmaceuticals"
--
-- Data: `assessment`, one response per organisation: id, account, segment,
-- industry, revenue_band and the items pl_1…pl_5, cbv_1…cbv_5, ee_1…ee_5,
-- cc_1…cc_5 on a 1–5 agreement scale.  `client` names an account (default:
-- the first).  Peers are every other organisation.

local model = require "models.cx_competencies"
local shared = require "report.assessment"
local assessment = dataset "assessment"
local a = shared.load(assessment, model, param.client)
local client, me, peers, bench = a.client, a.me, a.peers, a.bench
local score, pct = shared.score, shared.pct

local next_steps = {
  Ignore = "Make the case for customer experience: measure how customers see you today and name an executive owner.",
  Explore = "Run a first voice-of-the-customer programme and share what customers say with leadership every quarter.",
  Mobilize = "Turn scattered initiatives into a programme: a CX governance group, shared metrics and a few visible fixes.",
  Operationalize = "Embed CX in everyday decisions: link metrics to goals, train teams, and close the loop with customers.",
  Align = "Align the whole organisation: design processes around customer journeys and reward customer outcomes.",
  Embed = "Sustain and innovate: use customer insight to shape strategy and new offerings.",
}

report {
  title = "CX Competency Assessment",
  subtitle = "Customer-experience competencies and maturity against peers",
  prepared_for = client,
  author = "cxreport consulting",
  subject = "CX competencies and maturity",
  justify = true,
}

contents()

h1 "Summary"
paragraph(("**%s** scores **%s** out of 100 overall, which places it at the **%s** level of CX maturity. It is compared with %d peer organisations."):format(
  client, score(me.overall), me.level or "(not enough answers)", bench.peers))
shared.summary_table(a, "Competency", "Each competency's score and rating, the peers' median and the client's percentile among them.")

h1 "Competencies against peers"
paragraph "Each competency score is the mean of its five items, rescaled from the 1–5 agreement scale to 0–100. The peer band is the middle half of the peer organisations (first to third quartile). {ref:fig:radar} shows the client against the band, and {ref:tab:competencies} gives the numbers."
shared.radar_chart(a, "Competencies against peers")
local rows = {}
for _, d in ipairs(bench.dimensions) do
  rows[#rows + 1] = { d.name, score(d.client), score(d.q1), score(d.median), score(d.q3), pct(d.good_share) }
end
tabulate { header = { "Competency", "Client", "Peer Q1", "Median", "Peer Q3", "Peers Good+" },
           align = { "left", "right", "right", "right", "right", "right" }, rows = rows,
           caption = "The client's score against the peers' quartiles, and the share of peers rated Good or better.",
           label = "tab:competencies" }

h2 "Strengths and gaps"
paragraph "Item by item, the client's answer against the peers' mean answer (1 = strongly disagree, 5 = strongly agree). The largest positive differences are strengths, the largest negative ones gaps."
local wording = {}
for _, q in ipairs(assessment:questions()) do wording[q.id] = q.text end
local items = {}
for _, d in ipairs(model.dimensions) do
  for _, item in ipairs(d.items) do
    local peer_mean = peers:mean(item):value("mean")
    local answer = me[item]
    if answer and peer_mean then
      items[#items + 1] = { item = item, dim = d.name, answer = answer, peer = peer_mean, diff = answer - peer_mean }
    end
  end
end
table.sort(items, function(a, b) if a.diff ~= b.diff then return a.diff > b.diff end return a.item < b.item end)
local function item_rows(from, to, step)
  local out = {}
  for i = from, to, step do
    local it = items[i]
    if it then out[#out + 1] = { wording[it.item] or it.item, it.dim, tostring(it.answer), fmt.number(it.peer, 1), fmt.delta(it.diff, 1) } end
  end
  return out
end
h3 "Strengths"
tabulate { header = { "Statement", "Competency", "Client", "Peers", "Difference" },
           align = { "left", "left", "right", "right", "right" }, rows = item_rows(1, math.min(5, #items), 1),
           caption = "The five statements the client agrees with most, relative to its peers." }
h3 "Gaps"
tabulate { header = { "Statement", "Competency", "Client", "Peers", "Difference" },
           align = { "left", "left", "right", "right", "right" }, rows = item_rows(#items, math.max(#items - 4, 1), -1),
           caption = "The five statements the client agrees with least, relative to its peers." }

h1 "Where peers stand"
local levels, shares = {}, {}
for i, sh in ipairs(bench.overall.shares) do levels[i], shares[i] = sh.name, sh.pct or 0 end
chart { kind = "distribution", title = "Peers by maturity level", y_title = "Share of peers", suffix = "%",
        categories = levels, values = shares, highlight = me.level, marker_label = client,
        caption = "Share of peer organisations at each level; the marker shows the client.", name = "levels" }
shared.level_shares_table(a, "Maturity level", "The share of peer organisations at each maturity level.")

h1 "Next steps"
paragraph(("At the **%s** level, the next step is:"):format(me.level or "current"))
callout { title = "The next step",
          text = next_steps[me.level] or "Complete the assessment: too few items were answered to place the organisation on the scale." }

h1 "Method"
paragraph "Four competencies of five statements each, answered on a 1–5 agreement scale. A competency with fewer than three of its five items answered has no score, and the overall score needs all four. Ratings: Very weak [0, 30), Weak [30, 50), Okay [50, 65), Good [65, 80), Very good [80, 100]. Levels on the overall score: Ignore [0, 25), Explore [25, 40), Mobilize [40, 55), Operationalize [55, 70), Align [70, 85), Embed [85, 100].^[These cut-offs are cxreport's documented defaults; a model can set its own bands.]"
paragraph "Percentile ranks use the mean definition: 100 × (peers below + ½ × peers equal) / peers. Quartiles are Hyndman–Fan type 7."
