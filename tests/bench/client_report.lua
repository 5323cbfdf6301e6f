-- A 4-page per-client assessment with 3 charts: the batch benchmark (make bench).
local model = require "models.cx_competencies"
local a = dataset "assessment"
local me = a:filter { account = param.client }:score(model)
local row = me:row(1)
report { title = "CX Competency Assessment", subtitle = "Prepared for " .. param.client }
h1 "Summary"
paragraph(("**%s** scores **%s** overall (%s)."):format(param.client, fmt.number(row.overall or 0, 0), row.level or "–"))
local names, scores = {}, {}
for i, d in ipairs(model.dimensions) do names[i] = d.name; scores[i] = row[d.id] or 0 end
chart { kind = "bar", title = "Competency scores", categories = names, values = scores, horizontal = true, min = 0, max = 100 }
pagebreak()
h1 "Against the benchmark"
chart { kind = "radar", title = "Profile", categories = names, min = 0, max = 100,
        series = { { name = param.client, values = scores }, { name = "Reference", values = { 50, 50, 50, 50 }, lo = { 40, 40, 40, 40 }, hi = { 60, 60, 60, 60 } } } }
pagebreak()
h1 "Levels"
chart { kind = "distribution", title = "Levels", categories = { "Ignore", "Explore", "Mobilize", "Operationalize", "Align", "Embed" },
        values = { 5, 20, 40, 25, 8, 2 }, highlight = row.level, marker_label = param.client }
