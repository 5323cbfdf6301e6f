local function check() error("the client list is empty") end
check()
