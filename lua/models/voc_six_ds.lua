-- Voice-of-the-customer programme maturity: the six Ds, five items each on
-- a 1–5 scale, and five stages on the overall score.  The band cut-offs
-- are cxreport's documented defaults, not published figures.
local function items(prefix)
  local list = {}
  for i = 1, 5 do list[i] = prefix .. "_" .. i end
  return list
end

return {
  name = "VoC programme (six Ds)",
  scale = { min = 1, max = 5 },
  dimensions = {
    { id = "detect",      name = "Detect",      items = items "detect",
      description = "Gather the right feedback from the right customers at the right time" },
    { id = "disseminate", name = "Disseminate", items = items "disseminate",
      description = "Get insight to the people who need it" },
    { id = "diagnose",    name = "Diagnose",    items = items "diagnose",
      description = "Find the root causes" },
    { id = "discuss",     name = "Discuss",     items = items "discuss",
      description = "Talk insight through across functions" },
    { id = "design",      name = "Design",      items = items "design",
      description = "Turn insight into improvements with customer-centred design" },
    { id = "deploy",      name = "Deploy",      items = items "deploy",
      description = "Put changes in place and close the loop" },
  },
  ratings = require "models.ratings",
  levels = {
    { below = 20, name = "Novices" },
    { below = 40, name = "Collectors" },
    { below = 60, name = "Analyzers" },
    { below = 80, name = "Collaborators" },
    { name = "Transformers" },
  },
}
