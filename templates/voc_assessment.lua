--@data assessment = ../fixtures/voc_assessment/assessment.json
--
-- Voice-of-the-customer programme assessment: the six Ds.
--
--   cxreport build templates/voc_assessment.lua -o voc.pdf \
--       --data assessment=voc.json --param client="Northwind Traders"
--
-- Data: `assessment`, one response per organisation: id, account, segment
-- (B2B or B2C) and detect_1…deploy_5 (six Ds × five items, 1–5).  `client`
-- names an account (default: the first); peers are every other one.

local model = require "models.voc_six_ds"
local shared = require "report.assessment"
local assessment = dataset "assessment"
local a = shared.load(assessment, model, param.client)
local client, me, scored, bench = a.client, a.me, a.scored, a.bench
local score = shared.score

local stage_text = {
  Novices = "Feedback is collected sporadically, if at all, and rarely reaches decision makers.",
  Collectors = "Feedback is collected regularly, but little of it is analysed or acted on.",
  Analyzers = "Feedback is analysed for root causes; the insight is not yet used across functions.",
  Collaborators = "Insight is discussed across functions and shapes improvements.",
  Transformers = "The programme changes how the organisation designs and delivers its experiences, and closes the loop with customers.",
}

report {
  title = "Voice of the Customer Programme Assessment",
  subtitle = "The six Ds of a voice-of-the-customer programme",
  prepared_for = client,
  author = "cxreport consulting",
  subject = "VoC programme maturity: the six Ds",
  justify = true,
}

contents()

h1 "Summary"
paragraph(("**%s**'s voice-of-the-customer programme scores **%s** out of 100, the **%s** stage. {ref:fig:radar} shows each discipline against the peers."):format(
  client, score(me.overall), me.level or "(not enough answers)"))
if stage_text[me.level] then
  callout { title = ("The %s stage"):format(me.level), text = stage_text[me.level] }
end
shared.summary_table(a, "Discipline", "Each discipline's score and rating, the peers' median and the client's percentile among them.")

local names = shared.radar_chart(a, "The six Ds against peers")

h1 "The six Ds"
for _, d in ipairs(model.dimensions) do
  local b
  for _, x in ipairs(bench.dimensions) do if x.id == d.id then b = x end end
  h2(d.name)
  paragraph(("*%s.* %s scores %s (%s); peers range from %s to %s in the middle half, median %s."):format(
    d.description, client, score(b.client), b.rating or "no rating", score(b.q1), score(b.q3), score(b.median)))
end

h1 "Stages"
shared.level_shares_table(a, "Stage", "The share of peer organisations at each stage.")

h1 "B2B and B2C peers"
paragraph "Mean score of each discipline by segment (all organisations, the client included), in {ref:tab:segments} and {ref:fig:segments}."
local header, align, rows = { "Segment", "n" }, { "left", "right" }, {}
for _, d in ipairs(model.dimensions) do header[#header + 1] = d.name; align[#align + 1] = "right" end
local segments = scored:group_by("segment"):count()
for i, seg in ipairs(segments:column("segment")) do
  local row = { seg, segments:value("n", i) }
  for _, d in ipairs(model.dimensions) do
    row[#row + 1] = score(scored:filter { segment = seg }:mean(d.id):value("mean"))
  end
  rows[#rows + 1] = row
end
tabulate { header = header, align = align, rows = rows, caption = "Mean score of each discipline by segment.",
           label = "tab:segments" }
local series = {}
for i, seg in ipairs(segments:column("segment")) do
  local values = {}
  for j, d in ipairs(model.dimensions) do values[j] = scored:filter { segment = seg }:mean(d.id):value("mean") or 0 end
  series[i] = { name = seg, values = values }
end
chart { kind = "grouped", title = "B2B and B2C peers", y_title = "Mean score (0–100)", categories = names,
        series = series, decimals = 0, caption = "Mean score of each discipline by segment.", name = "segments",
        label = "fig:segments" }

h1 "Method"
paragraph "Six disciplines of five statements each, answered on a 1–5 agreement scale and rescaled to 0–100. A discipline with fewer than three answered items has no score; the overall score is the mean of the six and needs all of them. Stages on the overall score: Novices [0, 20), Collectors [20, 40), Analyzers [40, 60), Collaborators [60, 80), Transformers [80, 100].^[These cut-offs are cxreport's documented defaults; a model can set its own bands.] Percentile ranks: 100 × (peers below + ½ × peers equal) / peers."
