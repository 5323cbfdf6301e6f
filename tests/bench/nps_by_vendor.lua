-- nps_by_vendor.lua — figure 5 of tests/bench/run.sh: NPS by vendor with
-- SE and confidence interval, weighted, through the Lua API.  Fails (and
-- so fails the benchmark) unless it finds the 75 vendors of gen_dataset.
local r = dataset "survey":group_by("vendor"):nps("recommend", { weight = "weight" })
if #r ~= 75 then error(("expected 75 vendors, found %d"):format(#r)) end
return #r
