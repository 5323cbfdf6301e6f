-- a result nested far deeper than any C stack could walk
local t = {}
for _ = 1, 100000 do t = { t } end
return t
