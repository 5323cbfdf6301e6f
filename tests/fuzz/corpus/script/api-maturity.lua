-- data: assessment=assessment.json
-- Maturity scoring and benchmarks on assessment.json, by hand.
-- Dimension score = 100 * (mean - 1) / 4 over the answered items (at least
-- half of them); overall = mean of the four; bands from the shipped model.
local check = require "check"
local model = require "models.cx_competencies"
local a = dataset "assessment"
local s = a:score(model)

-- Alpha: pl 3,3,3,2,2 -> mean 2.6 -> exactly 40 ("Weak": [30, 50));
-- cbv 5,5,4,4,4 -> 4.4 -> 85; ee all 1 -> 0; cc 4,4,2 (3 of 5) -> 100*(7/3)/4.
check.near(s:value("pl", 1), 40, "pl of Alpha")
check.eq(s:value("pl_rating", 1), "Weak", "a score of exactly 40 is in the band from 30")
check.near(s:value("cbv", 1), 85, "cbv of Alpha")
check.eq(s:value("cbv_rating", 1), "Very good", "85 is Very good")
check.near(s:value("ee", 1), 0, "ee of Alpha")
check.near(s:value("cc", 1), 175 / 3, "cc with three of five items")
local overall = (40 + 85 + 0 + 175 / 3) / 4
check.near(s:value("overall", 1), overall, "overall of Alpha")
check.eq(s:value("level", 1), "Mobilize", "45.8 is Mobilize [40, 55)")
-- Gamma answered 2 of 5 ee items: no ee score, so no overall score either.
check.eq(s:value("ee", 3), nil, "fewer than half the items")
check.eq(s:value("overall", 3), nil, "overall needs every dimension")
-- Beta: 100, 75, 50, 100*(22/5-1)/4 = 85 -> overall 77.5 -> Align.
check.near(s:value("overall", 2), 77.5, "overall of Beta")
check.eq(s:value("level", 2), "Align", "Align")

-- Benchmark Alpha against the other two (Beta, Gamma).
local b = a:benchmark(model, { client = "Alpha" })
check.eq(b.peers, 2, "peers")
local pl = b.dimensions[1]
-- Peers' pl: Beta 100, Gamma 25 -> median 62.5, q1 = 25 + 0.25*75, q3 = 25 + 0.75*75.
check.near(pl.median, 62.5, "median")
check.near(pl.q1, 43.75, "q1")
check.near(pl.q3, 81.25, "q3")
-- Alpha's 40: one peer below, none equal -> 100 * (1 + 0) / 2.
check.near(pl.percentile, 50, "percentile rank")
-- Good or better: Beta (100) of two peers.
check.near(pl.good_share, 50, "share rated Good or better")
-- ee: only Beta has a score (50).
check.eq(b.dimensions[3].n, 1, "peers with an ee score")
check.eq(b.overall.level, "Mobilize", "client level")
check.fails(function() a:benchmark(model, { client = "Nobody" }) end, "no row", "unknown client")
check.fails(function() a:score({ scale = { min = 1, max = 5 }, dimensions = {} }) end,
            "no dimensions", "empty model")
return "ok"
