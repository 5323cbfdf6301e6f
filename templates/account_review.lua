--@data accounts = ../fixtures/account_review/accounts_2016.json
--@data prior = ../fixtures/account_review/accounts_2015.json
--
-- B2B account review: one PDF per account.
--
--   cxreport build templates/account_review.lua -o review.pdf \
--       --data accounts=accounts.json [--data prior=last_year.json] --param account="Fabrikam Residences"
--
-- Data: `accounts` (and optionally `prior`), one response per respondent:
-- account, account_tier, role, recommend (0–10), satisfaction (1–5), effort
-- (1–7, 1 = very easy), renewal_intent (1–5), comment (free text, any
-- language).  `account` names one (default: the first).

local all = dataset "accounts"
local prior = dataset("prior", { optional = true })
local name = param.account or all:value("account", 1)
local mine = all:filter { account = name }
if #mine == 0 then error(("no account called '%s' in the data"):format(name)) end
local tier = mine:value("account_tier", 1)

local roles = { "decision maker", "influencer", "end user", "economic buyer" }
local function nps(x) return x and fmt.nps(x) or "–" end
local function one(x) return x and fmt.number(x, 1) or "–" end

local modes = {
  { "Every respondent", mine:nps("recommend") },
  { "Decision makers only", mine:nps("recommend", { aggregate = "decision_maker" }) },
}
local overview = all:accounts { account = "account", role = "role", field = "recommend" }
local me = overview:filter { account = name }:row(1)
local portfolio = all:nps("recommend", { aggregate = "account" })

report {
  title = "Account Review",
  subtitle = ("%s — %s account"):format(name, tier or "B2B"),
  author = "cxreport account management",
  subject = "B2B account relationship review",
  justify = true,
}

contents()

h1 "Summary"
paragraph(("Loyalty is measured with the Net Promoter Score^[Net Promoter, Net Promoter Score and NPS are registered trademarks of Bain & Company, Inc., Satmetrix Systems, Inc. and Fred Reichheld.] (NPS): the share of promoters minus the share of detractors. %d people at **%s** answered the survey. The account's NPS is **%s** counting every respondent, and **%s** among decision makers. Across the portfolio of %d accounts, the average account NPS is %s."):format(
  #mine, name, nps(modes[1][2]:value("nps")), nps(modes[2][2]:value("nps")), portfolio:value("accounts"), one(portfolio:value("nps"))))
do
  local mine_nps, avg = modes[1][2]:value("nps"), portfolio:value("nps")
  if mine_nps and avg then
    callout { title = "The bottom line",
              text = ("**%s** stands at an NPS of %s, %s the portfolio's average account NPS of %s. The people who sign the contract and the people who use the service are compared in {ref:fig:roles}."):format(
                name, nps(mine_nps), mine_nps >= avg and "above" or "below", one(avg)) }
  end
end
if me.disagree then
  paragraph(("**Roles disagree.** The role NPS scores of this account are %s points apart: the people who sign and the people who use the service see it differently."):format(fmt.number(me.spread, 0)))
end
if me.missing_roles then
  paragraph(("**Not heard from:** %s."):format(me.missing_roles))
end

h1 "Each role's view"
paragraph "Every role's answers at this account are in {ref:tab:roles}, and their NPS side by side in {ref:fig:roles}."
local rows = {}
for _, role in ipairs(roles) do
  local r = mine:filter { role = role }
  if #r > 0 then
    rows[#rows + 1] = { role, #r, nps(r:nps("recommend"):value("nps")), one(r:mean("satisfaction"):value("mean")),
                        one(r:mean("effort"):value("mean")), one(r:mean("renewal_intent"):value("mean")) }
  else
    rows[#rows + 1] = { role, 0, "–", "–", "–", "–" }
  end
end
tabulate { header = { "Role", "n", "NPS", "Satisfaction (1–5)", "Effort (1–7)", "Renewal intent (1–5)" },
           align = { "left", "right", "right", "right", "right", "right" }, rows = rows,
           caption = "Each role's respondents, NPS and mean ratings (effort: 1 = very easy).", label = "tab:roles" }
local heard, role_nps = {}, {}
for _, role in ipairs(roles) do
  local r = mine:filter { role = role }
  if #r > 0 then heard[#heard + 1] = role; role_nps[#role_nps + 1] = r:nps("recommend"):value("nps") end
end
chart { kind = "bar", title = "NPS by role", x_title = "NPS", horizontal = true, min = -100, max = 100,
        categories = heard, values = role_nps, decimals = 0,
        caption = "Each role's NPS at this account (roles not heard from are left out).", name = "roles",
        label = "fig:roles" }

if prior then
  local before = prior:filter { account = name }
  h1 "Trend"
  if #before > 0 then
    local a, b = mine:nps("recommend"):value("nps"), before:nps("recommend"):value("nps")
    paragraph(("Last year %d people answered and the account's NPS was %s; this year it is %s (%s)."):format(
      #before, nps(b), nps(a), fmt.delta(a - b, 0)))
  else
    paragraph "The account was not in last year's survey."
  end
end

h1 "What they said"
local said = mine:filter { comment = { missing = false } }:sort("role")
local quoted = 0
for _, r in ipairs(said:rows()) do
  if r.comment ~= "" then
    quote { text = r.comment, source = ("%s, %d/10"):format(r.role, r.recommend or 0) }
    quoted = quoted + 1
  end
end
if quoted == 0 then paragraph "No comments." end

h1 "Portfolio context"
paragraph "Accounts where the roles' NPS scores are more than 100 points apart:"
local flagged = overview:filter { disagree = true }:sort("-spread")
rows = {}
for _, r in ipairs(flagged:rows()) do
  rows[#rows + 1] = { r.account .. (r.account == name and "  ← this account" or ""), r.n, nps(r.nps), fmt.number(r.spread, 0) }
end
tabulate { header = { "Account", "n", "NPS", "Role spread" }, align = { "left", "right", "right", "right" }, rows = rows,
           caption = "Accounts whose roles disagree, the widest spread first." }
