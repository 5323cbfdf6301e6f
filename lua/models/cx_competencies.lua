-- CX competencies: four dimensions of five items each, answered on a 1–5
-- agreement scale.  A dimension's score is the mean of its answered items
-- rescaled to 0–100; the overall score is the mean of the four.  The band
-- cut-offs are cxreport's documented defaults, not published figures.
return {
  name = "CX competencies",
  scale = { min = 1, max = 5 },
  dimensions = {
    { id = "pl",  name = "Purposeful Leadership",   items = { "pl_1", "pl_2", "pl_3", "pl_4", "pl_5" } },
    { id = "cbv", name = "Compelling Brand Values", items = { "cbv_1", "cbv_2", "cbv_3", "cbv_4", "cbv_5" } },
    { id = "ee",  name = "Employee Engagement",     items = { "ee_1", "ee_2", "ee_3", "ee_4", "ee_5" } },
    { id = "cc",  name = "Customer Connectedness",  items = { "cc_1", "cc_2", "cc_3", "cc_4", "cc_5" } },
  },
  ratings = require "models.ratings",
  levels = {
    { below = 25, name = "Ignore" },
    { below = 40, name = "Explore" },
    { below = 55, name = "Mobilize" },
    { below = 70, name = "Operationalize" },
    { below = 85, name = "Align" },
    { name = "Embed" },
  },
}
