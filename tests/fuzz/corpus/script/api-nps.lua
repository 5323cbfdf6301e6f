-- data: survey=survey.json
-- NPS, net scores and their standard errors on survey.json, against values
-- worked out by hand.
local check = require "check"
local s = dataset "survey"

-- All answers: 9 valid (one null).  Promoters (9-10): 10,9,9,10 = 4;
-- passives (7-8): 8,7 = 2; detractors (0-6): 3,6,0 = 3.
-- NPS = 100 * (4 - 3) / 9 = 11.111…; p = 4/9, d = 3/9,
-- v = p + d - (p - d)^2 = 7/9 - 1/81 = 62/81, SE = 100 * sqrt(62/81 / 9).
local all = s:nps("recommend")
check.eq(all:value("n"), 9, "n")
check.near(all:value("nps"), 100 / 9, "nps")
check.near(all:value("promoters"), 400 / 9, "promoters")
check.near(all:value("passives"), 200 / 9, "passives")
check.near(all:value("detractors"), 300 / 9, "detractors")
check.near(all:value("se"), 100 * math.sqrt(62 / 81 / 9), "se")
-- Adjusted Wald (Rocks 2016): P' = 4.75, D' = 3.75, n' = 12.
-- NPS' = 100 * 1/12; p' = 4.75/12, d' = 3.75/12, v' = p' + d' - (p' - d')^2.
local pp, dd = 4.75 / 12, 3.75 / 12
local se_adj = 100 * math.sqrt((pp + dd - (pp - dd) ^ 2) / 12)
check.near(all:value("ci_low"), 100 / 12 - 1.96 * se_adj, "ci_low")
check.near(all:value("ci_high"), 100 / 12 + 1.96 * se_adj, "ci_high")
-- Plain Wald: NPS ± 1.96 SE.
local wald = s:nps("recommend", { ci = "wald" })
check.near(wald:value("ci_low"), 100 / 9 - 1.96 * 100 * math.sqrt(62 / 81 / 9), "wald low")

-- By vendor, sorted by the vendor name: A first.
-- A: 10, 6, 0, 7 -> P 1, D 2, n 4 -> NPS -25.  B: 10,9,9,8,3 -> P 3, D 1, n 5 -> 40.
local by = s:group_by("vendor"):nps("recommend", { min_n = 5 })
check.list(by:column("vendor"), { "A", "B" }, "vendors")
check.list(by:column("nps"), { -25, 40 }, "nps by vendor")
check.list(by:column("n"), { 4, 5 }, "n by vendor")
check.list(by:column("flagged"), { true, false }, "flagged below min_n 5")
-- Industry average: each vendor once = (-25 + 40) / 2.
check.near(by:mean("nps"):value("mean"), 7.5, "industry average")

-- Weighted (w = 2 on the first answer of B): ΣwP = 2+1+1 = 4, ΣwD = 1,
-- Σw = 6, NPS = 100 * 3/6 = 50; Kish n_eff = 6^2 / (4+1+1+1+1) = 4.5.
local bw = s:filter{ vendor = "B" }:nps("recommend", { weight = "w" })
check.near(bw:value("nps"), 50, "weighted nps")
check.near(bw:value("n_eff"), 4.5, "kish n_eff")
local p, d = 4 / 6, 1 / 6
check.near(bw:value("se"), 100 * math.sqrt((p + d - (p - d) ^ 2) / 4.5), "weighted se")
local bs = s:filter{ vendor = "B" }:nps("recommend", { weight = true })   -- the survey's weight
check.near(bs:value("nps"), 50, "survey weight")

-- Purchase momentum: % 4-5 minus % 1-2 over 10 answers:
-- top 5,4,4,5 = 4; bottom 1,2,1,2 = 4 -> net 0.
local pm = s:net("purchase", { top = { 4, 5 }, bottom = { 1, 2 } })
check.near(pm:value("net"), 0, "purchase momentum")
check.near(pm:value("top"), 40, "top box share")

-- Mean and sd of recommend per vendor.  B: 10,9,9,8,3 mean 7.8,
-- squared deviations 4.84+1.44+1.44+0.04+23.04 = 30.8, sd = sqrt(30.8/4).
local m = s:group_by("vendor"):mean("recommend")
check.near(m:value("mean", 2), 7.8, "mean of B")
check.near(m:value("sd", 2), math.sqrt(30.8 / 4), "sd of B")
-- Type-7 quartiles of A's answers 0, 6, 7, 10: q1 = 0 + 0.75*(6-0) = 4.5,
-- median = 6.5, q3 = 7 + 0.25*(10-7) = 7.75.
local dsc = s:group_by("vendor"):describe("recommend")
check.near(dsc:value("q1", 1), 4.5, "q1")
check.near(dsc:value("median", 1), 6.5, "median")
check.near(dsc:value("q3", 1), 7.75, "q3")

-- Misuse is an error with a message that names the problem.
check.fails(function() s:nps("role") end, "is a category question", "category as scale")
check.fails(function() s:nps("purchase") end, "needs a 0..10 scale", "1-5 scale as nps")
check.fails(function() s:nps("recommend", { minn = 4 }) end, "unknown option 'minn'", "typo")
check.fails(function() s:nps("nope") end, "has no field 'nope'", "unknown field")
return "ok"
