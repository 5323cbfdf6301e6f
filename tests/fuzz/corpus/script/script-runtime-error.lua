report { title = "x" }
local t = {}
local y = t.x + 1
