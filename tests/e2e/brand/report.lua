-- One report in every brand (tests/e2e/run.sh): it names the meridian
-- brand; --brand overrides that.  Text in Japanese needs the fallback
-- font; the emoji has no font at all and must come out as a box and a
-- warning.
report { title = "Quarterly Customer Review", subtitle = "Findings and next steps",
         author = "Research team", prepared_for = "Fabrikam Residences", brand = "meridian" }
contents()
h1 "Findings"
paragraph "Customers rate the onboarding highly. One wrote: 価格がもう少し安ければ満足です。"
image { path = "figure.png", width = 200, caption = "A picture from the script's folder." }
h1 "Next steps"
paragraph "Share the results with every team 😀 and follow up in June."
tabulate { header = { "Action", "Owner" }, rows = { { "Share results", "CX lead" }, { "Follow up", "Account team" } } }
chart { kind = "bar", title = "NPS by segment", categories = { "Enterprise", "Mid-market", "Small" },
        values = { 31, 12, 24 }, horizontal = true, caption = "NPS by segment." }
