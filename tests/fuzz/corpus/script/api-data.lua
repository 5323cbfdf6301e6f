-- data: survey=survey.json
-- Data operations on survey.json: filter, sort, top, distinct, derive,
-- join, rank, counts — each checked against the rows written out by hand.
local check = require "check"
local s = dataset "survey"

check.eq(#s, 10, "rows")
check.list(s:fields(), { "vendor", "role", "recommend", "purchase", "w" }, "fields")

-- Equality, "any of" lists, ranges and missing values.
check.eq(#s:filter{ vendor = "A" }, 5, "vendor A")
check.eq(#s:filter{ role = { "influencer", "economic buyer" } }, 4, "any of two roles")
check.eq(#s:filter{ vendor = "B", role = "end user" }, 2, "two conditions")
check.eq(#s:filter{ recommend = { min = 9 } }, 4, "recommend >= 9")          -- 10, 9, 9, 10
check.eq(#s:filter{ recommend = { min = 3, max = 8 } }, 4, "3..8")           -- 8, 3, 6, 7
check.eq(#s:filter{ recommend = { missing = true } }, 1, "missing")
check.eq(#s:filter{ recommend = { missing = false } }, 9, "present")
check.eq(#s:filter{ role = { ["not"] = "end user" } }, 6, "not end user")
check.eq(#s:filter(function(r) return r.purchase == 4 end), 2, "predicate")
check.fails(function() s:filter{ recommend = "9" } end, "holds numbers", "text for a number")
check.fails(function() s:filter{ colour = "red" } end, "has no field 'colour'", "unknown field")

-- Sorting is stable; "-" is descending; missing values go last.
local sorted = s:sort("-recommend")
check.list(sorted:column("recommend"), { 10, 10, 9, 9, 8, 7, 6, 3, 0, nil }, "descending")
check.list(sorted:top(2):column("vendor"), { "B", "A" }, "stable: file order among equals")
check.list(s:sort("vendor", "-purchase"):top(3):column("purchase"), { 5, 3, 2 }, "two keys")

-- Distinct values, sorted.
check.list(s:distinct("role"), { "decision maker", "economic buyer", "end user", "influencer" }, "distinct")

-- Derived columns, and ranks where ties share the best rank.
local d = s:derive("promoter", function(r) return r.recommend ~= nil and r.recommend >= 9 end)
check.eq(#d:filter{ promoter = true }, 4, "derived boolean")
local ranked = s:filter{ vendor = "B" }:rank("recommend")
check.list(ranked:column("rank"), { 1, 2, 2, 4, 5 }, "competition ranks")     -- 10, 9, 9, 8, 3

-- Counts and shares per value, within groups.
local c = s:group_by("vendor"):counts("role")
-- A: decision maker 1, economic buyer 1, end user 2, influencer 1 (of 5)
check.list(c:column("vendor"), { "A", "A", "A", "A", "B", "B", "B" }, "count groups")
check.list(c:column("n"), { 1, 1, 2, 1, 1, 2, 2 }, "counts")
check.near(c:value("pct", 3), 40, "share of end users at A")

-- Joins match rows by a key: last year against this year.
local now = s:group_by("vendor"):nps("recommend")
local j = now:join(now:filter{ vendor = "B" }, { by = "vendor", suffix = "_b" })
check.list(j:column("nps_b"), { nil, 40 }, "left join leaves unmatched rows empty")

-- Year over year: B 40 vs A -25 as if they were two years; n < 30 is not tested.
local cmp = now:filter{ vendor = "B" }:compare(now:filter{ vendor = "B" }, { by = "vendor" })
check.near(cmp:value("change"), 0, "change")
check.eq(cmp:value("tested"), false, "small bases are not tested")

-- One-row results are read with :value; dataset.field is an error.
check.fails(function() return now.promoters end, "has no method 'promoters'", "field access")
check.eq(now:value("vendor", 2), "B", "value(field, row)")
return "ok"
