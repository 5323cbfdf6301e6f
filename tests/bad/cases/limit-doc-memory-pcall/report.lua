report { title = "Tables" }
local rows = {}
for i = 1, 100 do rows[i] = { "row " .. i, i } end
-- a pcall cannot swallow the limit and go on adding
for i = 1, 1e9 do pcall(tabulate, { header = { "Name", "Value" }, rows = rows }) end
