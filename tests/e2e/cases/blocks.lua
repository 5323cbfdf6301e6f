-- Every typography block: justified paragraphs, key-figure tiles, a
-- callout, a quote, captioned and labelled tables and figures referred to
-- from the text (before and after them), end notes, links, lists across
-- the page, and the data behind the charts.  Numbers inline, no dataset.
report { title = "Blocks and typography", subtitle = "Every block kind a report can use",
         author = "QA Team", justify = true }
contents()

h1 "Executive summary"
keyfigures {
  { value = "29.9", label = "Industry average NPS", change = -1.94, change_label = "vs 2015", good = "up" },
  { value = "54", label = "Highest NPS: Cobalt Software", change = 3, decimals = 0, change_label = "vs 2015", good = "up" },
  { value = "−8", label = "Lowest NPS: Everpine" },
  { value = "62", label = "Range in points", change = 0.04, change_label = "vs 2015", good = "down" },
}
paragraph("The ranking in {ref:fig:ranking} shows every vendor, and {ref:tab:ranking} lists the "
  .. "same numbers. The Net Promoter Score^[Net Promoter, Net Promoter Score and NPS are "
  .. "registered trademarks of Bain & Company, Inc., Satmetrix Systems, Inc. and Fred "
  .. "Reichheld.] is the share of promoters minus the share of detractors. Justified text "
  .. "spreads the spaces of every line but the last, so both edges of the column are "
  .. "straight; the method is described at [our method page](https://example.com/method) "
  .. "and the definition at https://example.com/nps-definition.")
callout { title = "The bottom line", text = "Loyalty pays: the vendors with a higher NPS see more **purchase momentum**^[Pearson correlation over the vendors, r = 0.62.]." }
quote { text = "The service is reliable, but the account team changes every year.", source = "end user, Fabrikam Residences" }

h1 "Ranking"
local vendors = { "Cobalt Software", "Acme Cloud", "Borealis Systems", "Delta Networks", "Everpine" }
local nps = { 54, 31, 12, 2, -8 }
chart { kind = "bar", title = "NPS by vendor", x_title = "NPS", noun = "vendors", categories = vendors,
        values = nps, horizontal = true, sort = "desc", caption = "NPS by vendor, highest first.",
        label = "fig:ranking" }
local rows = {}
for i, v in ipairs(vendors) do rows[#rows + 1] = { v, nps[i] } end
tabulate { header = { "Vendor", "NPS" }, align = { "left", "right" }, rows = rows,
           caption = "NPS by vendor.", label = "tab:ranking" }
paragraph { text = "A paragraph set left although the report justifies: its right edge is ragged. "
  .. "As {ref:fig:ranking} showed, Cobalt Software leads.", align = "left" }
numbered { "Collect the answers", "Compute the scores", "Act on what customers said" }
