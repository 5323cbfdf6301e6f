local s = string.rep("a", 40) .. "b"
local found = string.find(s, string.rep("a*", 30) .. "c")
