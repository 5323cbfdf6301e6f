-- Shared by the assessment templates: one client scored against its peers
-- under a maturity model, and the tables every assessment report shows.
--
--   local assessment = require "report.assessment"
--   local a = assessment.load(dataset "assessment", model, param.client)
--   -- a.client, a.me (the client's scored row), a.scored, a.peers, a.bench
--   assessment.summary_table(a, "Competency", caption, label)     -- caption, label optional
--   assessment.level_shares_table(a, "Maturity level", caption)
local M = {}

function M.score(x) return x and fmt.number(x, 0) or "–" end
function M.pct(x) return x and fmt.percent(x, 0) or "–" end

-- The client (an `account` value; default: the first organisation), its
-- scored row, the peers (every other organisation) and the benchmark.
function M.load(ds, model, client, top_levels)
  client = client or ds:value("account", 1)
  local scored = ds:score(model)
  local mine = scored:filter { account = client }
  if #mine == 0 then error(("no organisation called '%s' in the assessment"):format(client), 2) end
  return {
    client = client,
    model = model,
    scored = scored,
    me = mine:row(1),
    peers = scored:filter { account = { ["not"] = client } },
    bench = ds:benchmark(model, { client = client, by = "account", good = "Good", top_levels = top_levels or 2 }),
  }
end

-- Each dimension's score, rating, peer median and percentile, then overall.
function M.summary_table(a, what, caption, label)
  local rows = {}
  local function percentile(x) return x and fmt.number(x, 0) or "–" end
  for _, d in ipairs(a.bench.dimensions) do
    rows[#rows + 1] = { d.name, M.score(d.client), d.rating or "–", M.score(d.median), percentile(d.percentile) }
  end
  local o = a.bench.overall
  rows[#rows + 1] = { "**Overall**", M.score(o.client), o.level or "–", M.score(o.median), percentile(o.percentile) }
  tabulate { header = { what, "Score", "Rating", "Peer median", "Percentile" },
             align = { "left", "right", "left", "right", "right" }, rows = rows,
             caption = caption, label = label }
end

-- The share of peers at each level, the client's level marked.
function M.level_shares_table(a, what, caption)
  local rows = {}
  for _, share in ipairs(a.bench.overall.shares) do
    rows[#rows + 1] = { share.name .. (share.name == a.me.level and "  ← client" or ""), M.pct(share.pct) }
  end
  tabulate { header = { what, "Share of peers" }, align = { "left", "right" }, rows = rows, caption = caption }
end

-- The client against the peer median and quartile band, one spoke per
-- dimension; the figure is labelled "fig:radar" for {ref:fig:radar}.
function M.radar_chart(a, title)
  local names, mine, med, q1, q3 = {}, {}, {}, {}, {}
  for i, d in ipairs(a.bench.dimensions) do
    names[i], mine[i], med[i], q1[i], q3[i] = d.name, d.client or 0, d.median, d.q1, d.q3
  end
  chart { kind = "radar", title = title, categories = names, min = 0, max = 100,
          series = { { name = a.client, values = mine },
                     { name = "Peer median", values = med, lo = q1, hi = q3 } },
          caption = ("Scores 0–100; the band is the middle half of the %d peers."):format(a.bench.peers),
          name = "radar", label = "fig:radar" }
  return names
end

return M
