local f = load("\27Lua\x54\0", "chunk", "b")
