-- A per-client report that reads only its client's rows (a filter), so a
-- change to one client's data rebuilds that client's PDF and no other.
local helper = require "batch_helper"
local a = dataset "assessment"
local me = a:filter { account = param.client }
if param.client == "Fail Co" then error("this client is broken on purpose") end
report { title = helper.title(param.client) }
paragraph(("%d response(s); first answer %s."):format(#me, tostring(me:value("pl_1", 1))))
