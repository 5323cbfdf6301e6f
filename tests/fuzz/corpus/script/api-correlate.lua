-- data: survey=survey.json
-- Correlations against closed forms.
local check = require "check"

-- x = 1..5, y = 2, 4, 5, 4, 5: Sxy = 6, Sxx = 10, Syy = 6 -> r = 6/sqrt(60) = sqrt(0.6).
local r = correlate({ 1, 2, 3, 4, 5 }, { 2, 4, 5, 4, 5 })
check.near(r.r, math.sqrt(0.6), "pearson r")
check.eq(r.n, 5, "n")
-- t = r sqrt(3) / sqrt(1 - r^2) = 3/sqrt(2); Student t with 3 df has the closed form
-- p = 1 - (2/pi) (u/(1+u^2) + atan(u)), u = t/sqrt(3).
local t = math.sqrt(0.6) * math.sqrt(3) / math.sqrt(0.4)
local u = t / math.sqrt(3)
check.near(r.t, t, "t")
check.near(r.p, 1 - 2 / math.pi * (u / (1 + u * u) + math.atan(u)), "p from t with 3 df", 1e-12)
-- Fisher z interval with n - 3 = 2.
local z = 0.5 * math.log((1 + r.r) / (1 - r.r))
check.near(r.ci_low, math.tanh(z - 1.96 / math.sqrt(2)), "ci low")
check.near(r.ci_high, math.tanh(z + 1.96 / math.sqrt(2)), "ci high")

-- Spearman with ties: y = 1, 3, 2, 2, 5 has ranks 1, 4, 2.5, 2.5, 5; x ranks 1..5.
-- Pearson of the ranks: mean 3; dx = -2..2; dy = -2, 1, -0.5, -0.5, 2;
-- Sxy = 4 - 0 + ... = (-2)(-2) + (-1)(1) + 0 + (1)(-0.5) + (2)(2) = 6.5;
-- Sxx = 10; Syy = 4 + 1 + 0.25 + 0.25 + 4 = 9.5 -> rho = 6.5 / sqrt(95).
local rho = correlate({ 1, 2, 3, 4, 5 }, { 1, 3, 2, 2, 5 }, { method = "spearman" })
check.near(rho.r, 6.5 / math.sqrt(95), "spearman with ties")

-- Zero variance: r is undefined, reported as such.
local flat = correlate({ 1, 2, 3, 4 }, { 5, 5, 5, 5 })
check.eq(flat.defined, false, "no variance")
check.eq(flat.r, nil, "no r when undefined")

-- Least squares through the means: b = Sxy/Sxx = 0.6, a = 4 - 0.6*3 = 2.2, R^2 = 0.6.
local f = fit({ 1, 2, 3, 4, 5 }, { 2, 4, 5, 4, 5 })
check.near(f.b, 0.6, "slope")
check.near(f.a, 2.2, "intercept")
check.near(f.r2, 0.6, "r squared")

-- Datasets: company-level correlation of two results matched by their group field.
local s = dataset "survey"
local nps = s:group_by("vendor"):nps("recommend")
local pm = s:group_by("vendor"):net("purchase", { top = { 4, 5 }, bottom = { 1, 2 } })
local c = correlate(nps, pm, { x = "nps", y = "net" })
check.eq(c.n, 2, "two vendors")
check.eq(c.defined, false, "two points leave r undefined")

-- Quantiles (type 7, as R's quantile(1:10, 0.25) = 3.25) and percentile ranks.
check.near(quantile({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.25), 3.25, "type 7 quantile")
check.near(percentile_rank({ 10, 20, 30, 40 }, 30), 100 * (2 + 0.5) / 4, "percentile rank")
check.list(ranks({ 5, 9, 9, 1 }), { 3, 1, 1, 4 }, "ranks with ties")
-- Difference of two independent scores: z = 10 / sqrt(3^2 + 4^2) = 2, p = erfc(2/sqrt 2).
local dt = diff_test{ a = 40, se_a = 3, n_a = 100, b = 30, se_b = 4, n_b = 100 }
check.near(dt.z, 2, "z")
check.near(dt.p, 0.04550026389635842, "p of z = 2 (2 * (1 - Phi(2)))", 1e-12)
check.eq(dt.significant, true, "significant at 0.05")
return "ok"
