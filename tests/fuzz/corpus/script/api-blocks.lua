-- The typography blocks' Lua functions: what they accept and the errors
-- they give for what they do not (checked before anything is added).
local check = require "check"

-- paragraphs: a string, or a table with text and align
paragraph "Plain."
paragraph { text = "Left.", align = "left" }
paragraph { text = 42, align = "justify" }
check.fails(function() paragraph { text = "x", align = "centre" } end,
            "paragraph: align must be \"left\" or \"justify\", got 'centre'", "bad align")
check.fails(function() paragraph { align = "left" } end, "paragraph: 'text' is missing", "no text")
check.fails(function() paragraph { text = "x", colour = "red" } end,
            "paragraph: unknown field 'colour' (expected text, align)", "unknown field")
report { justify = true }
check.fails(function() report { justify = "yes" } end, "report: 'justify' must be true or false, got string",
            "justify type")

-- key figures
keyfigures { { value = 29.9, label = "Industry average NPS", change = -1.94, change_label = 2015, good = "up" },
             { value = "54", label = "Highest NPS" } }
check.fails(function() keyfigures {} end, "keyfigures: give a list of 1 to 24 figures, got 0", "empty")
check.fails(function() keyfigures { { label = "x" } } end, "keyfigures: figure 1 has no 'value'", "no value")
check.fails(function() keyfigures { { value = "1" } } end, "keyfigures: figure 1 has no 'label'", "no label")
check.fails(function() keyfigures { "29.9" } end, "keyfigures: figure 1 must be a table", "not a table")
check.fails(function() keyfigures { { value = "1", label = "x", change = 0 / 0 } } end,
            "keyfigures: figure 1: 'change' must be a finite number", "NaN change")
check.fails(function() keyfigures { { value = "1", label = "x", change = 1, decimals = 7 } } end,
            "'decimals' must be a whole number from 0 to 6", "decimals")
check.fails(function() keyfigures { { value = "1", label = "x", good = "up" } } end,
            "'change_label' and 'good' describe a 'change', which is missing", "good without change")
check.fails(function() keyfigures { { value = "1", label = "x", trend = 1 } } end,
            "keyfigures: figure 1: unknown field 'trend'", "unknown field")
local many = {}
for i = 1, 25 do many[i] = { value = tostring(i), label = "n" } end
check.fails(function() keyfigures(many) end, "got 25", "too many")

-- callouts and quotes
callout "Just a text."
callout { title = "The bottom line", text = "Loyalty pays." }
quote { text = "Reliable.", source = "end user" }
quote "No source."
check.fails(function() callout { title = "T" } end, "callout: 'text' is missing", "callout text")
check.fails(function() quote { text = "x", author = "y" } end,
            "quote: unknown field 'author' (expected text, source)", "quote field")
check.fails(function() callout { text = "x", title = 3 } end, "callout: 'title' must be a string, got number",
            "title type")
check.fails(function() quote { text = "" } end, "quote: the text is empty", "empty quote")

-- captions and labels
tabulate { header = { "A" }, rows = { { 1 } }, caption = "One.", label = "tab:one" }
chart { kind = "bar", categories = { "a" }, values = { 1 }, caption = "A bar.", label = "fig:one" }
check.fails(function() tabulate { header = { "A" }, rows = { { 1 } }, caption = "Again.", label = "tab:one" } end,
            "tabulate: label 'tab:one' is already used (line", "duplicate label")
check.fails(function() tabulate { header = { "A" }, rows = { { 1 } }, label = "tab:two" } end,
            "tabulate: label 'tab:two' needs a caption", "label without caption")
check.fails(function() chart { kind = "bar", categories = { "a" }, values = { 1 }, label = "fig:two" } end,
            "chart: label 'fig:two' needs a caption", "chart label without caption")
check.fails(function() tabulate { header = { "A" }, rows = { { 1 } }, caption = 1 } end,
            "tabulate: 'caption' must be a string, got number", "caption type")
check.fails(function() tabulate { header = { "A" }, rows = {}, colour = 1 } end,
            "tabulate: unknown field 'colour' (expected header, rows, align, caption, label)", "tabulate field")

-- notes are placed once
paragraph "A note^[the note]."
notes()
check.fails(function() notes() end, "notes: the end notes are already placed", "notes twice")
return "ok"
