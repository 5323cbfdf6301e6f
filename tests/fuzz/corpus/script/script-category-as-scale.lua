local s = dataset "survey"
local r = s:nps("role")
