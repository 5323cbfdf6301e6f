-- The 20-page text-and-table report with ten charts added (make bench
-- compares the two: charts may cost at most twice the report without).
require "report20"

local names = {}
local values = {}
for i = 1, 24 do names[i] = ("Vendor %02d"):format(i); values[i] = (i * 37) % 90 - 20 end
local kinds = { "bar", "dot", "stacked100", "grouped", "line", "scatter", "radar", "distribution", "heatmap", "bullet" }
h1 "Charts"
for i, kind in ipairs(kinds) do
  local spec = { kind = kind, title = ("Chart %d: %s"):format(i, kind), caption = "A benchmark chart." }
  if kind == "bar" or kind == "dot" then
    spec.categories, spec.values, spec.horizontal = names, values, true
    if kind == "dot" then
      local lo, hi = {}, {}
      for k, v in ipairs(values) do lo[k], hi[k] = v - 8, v + 8 end
      spec.lo, spec.hi = lo, hi
    end
  elseif kind == "stacked100" then
    spec.categories, spec.horizontal = { "A", "B", "C", "D", "E", "F" }, true
    spec.series = { { name = "Promoters", values = { 50, 40, 30, 45, 35, 25 } },
                    { name = "Passives", values = { 30, 35, 40, 30, 40, 45 } },
                    { name = "Detractors", values = { 20, 25, 30, 25, 25, 30 } } }
  elseif kind == "grouped" or kind == "line" then
    spec.categories = { "2012", "2013", "2014", "2015", "2016" }
    spec.series = { { name = "Alpha", values = { 10, 14, 18, 22, 25 } }, { name = "Beta", values = { 20, 18, 21, 19, 23 } } }
  elseif kind == "scatter" then
    local x = {}
    for k, v in ipairs(values) do x[k] = v / 2 + k end
    spec.categories, spec.values, spec.x, spec.fit_line = names, values, x, true
  elseif kind == "radar" then
    spec.categories, spec.min, spec.max = { "One", "Two", "Three", "Four", "Five", "Six" }, 0, 100
    spec.series = { { name = "Client", values = { 60, 55, 70, 45, 50, 65 } },
                    { name = "Median", values = { 50, 50, 50, 50, 50, 50 }, lo = { 40, 40, 40, 40, 40, 40 }, hi = { 60, 60, 60, 60, 60, 60 } } }
  elseif kind == "distribution" then
    spec.categories, spec.values, spec.highlight = { "L1", "L2", "L3", "L4", "L5" }, { 10, 30, 35, 20, 5 }, "L3"
  elseif kind == "heatmap" then
    spec.categories = { "One", "Two", "Three", "Four" }
    spec.series = { { name = "B2B", values = { 60, 50, 40, 55 } }, { name = "B2C", values = { 45, 65, 52, 38 } } }
  elseif kind == "bullet" then
    spec.categories, spec.min, spec.max = { "NPS", "CSAT" }, -20, 100
    spec.series = { { name = "Client", values = { 35, 70 } },
                    { name = "Peers", values = { 25, 65 }, lo = { 15, 60 }, hi = { 33, 72 } } }
  end
  chart(spec)
end
