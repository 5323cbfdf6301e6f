-- report20.lua — the text-and-table report timed by tests/bench/run.sh
-- (figure 2): a title page, contents, numbered headings, paragraphs with
-- inline emphasis, lists and one long table that splits across pages, in
-- all about 20 pages.  It reads no dataset, so the figure measures the
-- document pipeline alone (script, layout, PDF), not a load.

report {
    title = "Benchmark report",
    subtitle = "Twenty pages of text and tables",
    author = "cxreport bench",
    subject = "Layout and PDF writing speed",
    keywords = "benchmark, layout",
}
contents()

local words = {
    "customers", "vendors", "loyalty", "recommend", "experience", "survey", "respondents",
    "measured", "across", "regions", "segments", "score", "promoters", "detractors",
    "passives", "benchmark", "industry", "decision", "makers", "influencers", "value",
    "support", "product", "quality", "renewal", "spend", "intent", "trust", "service",
}

-- Deterministic prose: math.random starts from a fixed seed in the sandbox,
-- but a hand-rolled sequence keeps the text independent of that too.
local state = 7
local function word()
    state = (state * 1103515245 + 12345) % 2147483648
    return words[state % #words + 1]
end

local function sentence(n)
    local t = {}
    for i = 1, n do
        local w = word()
        if i == 3 then w = "**" .. w .. "**" elseif i == 7 then w = "*" .. w .. "*" end
        t[i] = w
    end
    local s = table.concat(t, " ")
    return s:sub(1, 1):upper() .. s:sub(2) .. "."
end

local function para(nsentences)
    local t = {}
    for i = 1, nsentences do t[i] = sentence(8 + (i * 5) % 9) end
    paragraph(table.concat(t, " "))
end

local chapters = { "Background", "Method", "Sample", "Findings", "Segments", "Outlook" }
for c, name in ipairs(chapters) do
    h1(name)
    para(7)
    for s = 1, 3 do
        h2(("%s, part %d"):format(name, s))
        para(6)
        para(5)
        if s == 2 then
            bullets { sentence(6), sentence(9), sentence(7) }
        elseif s == 3 then
            numbered { sentence(8), sentence(6), sentence(10), sentence(5) }
        end
        h3("Notes")
        para(3)
    end
    if c == 4 then
        h2("All scores")
        paragraph("The table lists every vendor and segment; it splits across pages with its header repeated.")
        local rows = {}
        for i = 1, 240 do
            local n = 200 + (i * 37) % 900
            local p = 20 + (i * 13) % 50
            local d = 5 + (i * 7) % 30
            rows[i] = { ("Vendor %03d"), ("Segment %s"):format(({ "B2B", "B2C", "B2B2C" })[i % 3 + 1]),
                        n, ("%d%%"):format(p), ("%d%%"):format(d), p - d,
                        ("%.1f"):format(100 / math.sqrt(n) * 1.7) }
            rows[i][1] = rows[i][1]:format(i)
        end
        tabulate {
            header = { "Vendor", "Segment", "n", "Promoters", "Detractors", "NPS", "SE" },
            align = { "left", "left", "right", "right", "right", "right", "right" },
            rows = rows,
        }
    end
end
