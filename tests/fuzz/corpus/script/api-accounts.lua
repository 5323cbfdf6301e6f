-- data: accounts=accounts.json
-- B2B accounts on accounts.json, by hand:
--   Ice:  decision maker 10 (P), end users 2, 3 (D, D), influencer 8 -> P1 D2 n4: NPS -25;
--         roles: DM +100, EU -100, INF 0 -> spread 200 > 100: disagree; no economic buyer.
--   Fire: 9, 9, 9, 10 (P), 7 -> P4 D0 n5: NPS 80; every role heard; EU (10, 7) = +50,
--         others +100 -> spread 50: no disagreement.
local check = require "check"
local a = dataset "accounts"

local acc = a:accounts()
check.list(acc:column("account"), { "Fire", "Ice" }, "accounts sorted by name")
check.list(acc:column("nps"), { 80, -25 }, "account NPS")
check.list(acc:column("disagree"), { false, true }, "disagreement")
check.list(acc:column("spread"), { 50, 200 }, "spread of role NPS")
check.list(acc:column("missing_roles"), { nil, "economic buyer" }, "coverage")
check.list(acc:column("end_user_nps"), { 50, -100 }, "end users")
check.list(acc:column("roles_heard"), { 4, 3 }, "roles heard")

-- The three aggregation modes:
--   respondent: pooled P5 D2 n9 -> 100 * 3/9;
--   account: mean of -25 and 80 = 27.5;
--   decision_maker: 10 and 9 -> P2 n2 -> 100.
check.near(a:nps("recommend"):value("nps"), 100 * 3 / 9, "respondent mode")
check.near(a:nps("recommend", { aggregate = "account" }):value("nps"), 27.5, "account mode")
check.near(a:nps("recommend", { aggregate = "decision_maker" }):value("nps"), 100, "decision maker mode")
check.eq(a:nps("recommend", { aggregate = "account" }):value("accounts"), 2, "accounts counted")
return "ok"
