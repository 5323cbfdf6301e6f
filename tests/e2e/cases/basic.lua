-- Every block kind of the document model, with text in several scripts,
-- from a small dataset: the end-to-end suite checks the text comes out of
-- the PDF in this order.
local s = dataset "survey"
report { title = "Basic Report Ωmega", subtitle = "Zoë Ångström, Ελληνικά, Кириллица", author = "QA Team" }
contents()
h1 "First chapter"
paragraph(("The survey has %d responses from %d vendors; **bold** and *italic* text."):format(#s, #s:distinct("vendor")))
bullets { "Alpha bullet", "Beta bullet" }
numbered { "First step", "Second step" }
h2 "A table"
local rows = {}
for _, r in ipairs(s:group_by("vendor"):nps("recommend"):rows()) do
  rows[#rows + 1] = { r.vendor, r.n, fmt.nps(r.nps) }
end
tabulate { header = { "Vendor", "n", "NPS" }, align = { "left", "right", "right" }, rows = rows }
pagebreak()
h1 "Second chapter"
h3 "Small heading"
paragraph "Последний абзац — the last paragraph."
