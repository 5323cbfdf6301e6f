-- The small build the allocation-failure sweep runs: one dataset, the
-- statistics, a table, a chart, key figures, the contents and a brand
-- with a logo, so every stage from loading to the PDF allocates.
report { title = "Fault sweep", author = "Tests", prepared_for = "Contoso", brand = "meridian" }
local s = dataset "survey"
contents()
h1 "Results"
local by = s:group_by("vendor"):nps("recommend")
local rows = {}
for _, row in ipairs(by:rows()) do rows[#rows + 1] = { row.vendor, fmt.number(row.nps, 1), row.n } end
tabulate { header = { "Vendor", "NPS", "n" }, align = { "left", "right", "right" }, rows = rows }
paragraph("Overall NPS **" .. fmt.number(s:nps("recommend"):value("nps"), 1) .. "** across *both* vendors.")
keyfigures { { label = "Responses", value = tostring(#s) } }
chart { kind = "bar", title = "NPS by vendor", data = by, category = "vendor", value = "nps",
        caption = "NPS by vendor.", name = "nps" }
local r = correlate({ 1, 2, 3, 4, 5 }, { 2, 4, 5, 4, 5 })
bullets { "r = " .. fmt.number(r.r, 2), "weighted by w" }
