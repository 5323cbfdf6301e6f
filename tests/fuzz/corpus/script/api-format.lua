-- data: survey=survey.json
-- Number formatting: no locale, half away from zero on the decimal shown.
local check = require "check"
check.eq(fmt.number(1234.5678, 2, { group = "," }), "1,234.57", "grouping")
check.eq(fmt.number(1234.5, 1, { decimal = ",", group = " " }), "1 234,5", "decimal comma")
check.eq(fmt.number(2.675, 2), "2.68", "2.675 rounds up as written")
check.eq(fmt.number(0.125, 2), "0.13", "half away from zero")
check.eq(fmt.delta(-1.94, 1), "\u{2212}1.9", "true minus sign")
check.eq(fmt.delta(3.15, 1), "+3.2", "signed delta")
check.eq(fmt.delta(-0.04, 1), "0.0", "no sign on zero")
check.eq(fmt.nps(12.5), "13", "NPS half away from zero")
check.eq(fmt.nps(-12.5), "\u{2212}13", "negative NPS")
check.eq(fmt.percent(45.25, 1), "45.3%", "percent")
check.eq(fmt.p(0.0004), "p < 0.001", "small p")
check.eq(fmt.p(0.0341), "p = 0.034", "p")
check.fails(function() fmt.number(0 / 0, 1) end, "", "NaN is an error")
return "ok"
