-- data: survey=survey.json
-- Escape and abuse attempts against the sandbox, each of which must fail
-- cleanly (an error the script can see, or a harmless value), never
-- reach a file, a process, the network, or Lua's internals.  Attempts
-- that end the whole script (endless loops, memory bombs, pathological
-- patterns, __gc loops) are cases of tests/bad/.  The full list of
-- reachable globals is checked against the README's list (tests/e2e/run.sh).
local check = require "check"
local tried = 0
local function refused(what, fn, pattern)
  tried = tried + 1
  check.fails(fn, pattern or "", what)
end
local function harmless(what, fn, want)
  tried = tried + 1
  local ok, got = pcall(fn)
  if not ok or got ~= want then
    error(("%s: expected %s, got %s (%s)"):format(what, tostring(want), tostring(got), tostring(ok)), 2)
  end
end

-- removed libraries and functions
refused("io.open", function() return io.open("/etc/passwd") end, "undefined global 'io'")
refused("io.popen", function() return io.popen("id") end, "undefined global 'io'")
refused("os.execute", function() return os.execute("id") end, "undefined global 'os'")
refused("os.getenv", function() return os.getenv("HOME") end, "undefined global 'os'")
refused("os.remove", function() return os.remove("out.pdf") end, "undefined global 'os'")
refused("debug.getregistry", function() return debug.getregistry() end, "undefined global 'debug'")
refused("debug.sethook", function() return debug.sethook() end, "undefined global 'debug'")
refused("package.loadlib", function() return package.loadlib("libc.so.6", "system") end, "undefined global 'package'")
refused("coroutine.wrap (dodging the hook)", function() return coroutine.wrap(function() end) end, "undefined global 'coroutine'")
refused("dofile", function() return dofile("/etc/passwd") end, "undefined global 'dofile'")
refused("loadfile", function() return loadfile("/etc/passwd") end, "undefined global 'loadfile'")
refused("string.dump", function() return string.dump(print) end, "attempt to call a nil value")
refused("(\"\"):dump()", function() return ("x").dump(print) end, "attempt to call a nil value")
-- binary chunks
refused("load in binary mode", function() return load("\27Lua", "x", "b") end, "only text chunks")
refused("load in binary-or-text mode", function() return load("\27Lua", "x", "bt") end, "only text chunks")
harmless("load of a binary signature as text", function() return (load("\27LuaT\0")) end, nil)
refused("load from a reader function", function() return load(function() return nil end) end, "expected a string chunk")
harmless("load with an empty environment cannot see io", function() return load("return io", "x", "t", {})() end, nil)
-- require outside the module folders
refused("require a relative path", function() return require "../etc/passwd" end, "invalid module name")
refused("require an absolute path", function() return require "/etc/passwd" end, "invalid module name")
refused("require with a slash", function() return require "models/cx_competencies" end, "invalid module name")
refused("require with empty segments", function() return require "models..x" end, "invalid module name")
refused("require a C library name", function() return require "io" end, "not found")
refused("require a system module", function() return require "socket" end, "not found")
-- data outside --data
refused("a dataset by path", function() return dataset "/etc/passwd" end, "no dataset named")
refused("a dataset by relative path", function() return dataset "../../survey.json" end, "no dataset named")
-- metatable tricks
harmless("the string metatable is hidden", function() return getmetatable("") end, false)
harmless("the global table's metatable is hidden", function() return getmetatable(_G) end, false)
refused("replacing the global metatable", function() return setmetatable(_G, {}) end, "protected metatable")
refused("replacing param's metatable", function() return setmetatable(param, {}) end, "protected metatable")
refused("a __gc finalizer (runs without the instruction hook)",
        function() return setmetatable({}, { __gc = function() end }) end, "__gc metamethods are not available")
refused("writing param", function() param.client = "x" end, "param is read-only")
harmless("a dataset's metatable is hidden", function() return getmetatable(dataset "survey") end, false)
harmless("a groups' metatable is hidden", function()
  return getmetatable(dataset "survey":group_by("vendor")) end, false)
refused("a Lua finalizer through a dataset's metatable", function()
  getmetatable(dataset "survey":filter { vendor = "A" }).__gc = function() while true do end end end,
  "attempt to index a boolean value")
refused("closing a dataset by hand through its metatable", function()
  return getmetatable(dataset "survey").__close(dataset "survey") end, "attempt to index a boolean value")
refused("a dataset method on the wrong object", function() return dataset("survey").filter(42, {}) end,
        "cx.dataset expected, got number")
harmless("rawget finds no removed library", function() return rawget(_G, "io") == nil and rawget(_G, "os") == nil end, true)
refused("load finds no removed library either", function() return load("return os.getenv('HOME')")() end,
        "undefined global 'os'")
refused("a tostring loop (C stack)", function()
  local t = setmetatable({}, { __tostring = function(x) return tostring(x) end }); return tostring(t) end,
  "stack overflow")
refused("a __concat loop (C stack)", function()
  local t = setmetatable({}, { __concat = function(a, b) return a .. b end }); return t .. "x" end,
  "stack overflow")
refused("an __index loop", function()
  local t = {}; setmetatable(t, { __index = t }); return t.x end, "chain too long")
refused("a huge string.format width", function() return string.format("%99999d", 1) end, "invalid conversion")
refused("table.move past the integer range", function() return table.move({ 1 }, 1, math.maxinteger, 2) end,
        "wrap around")
refused("a dataset's fields as methods", function() return dataset("survey").nps_secret end, "has no method")
-- addresses and determinism
harmless("tostring of a table has no address", function() return tostring({}) end, "table")
harmless("tostring of a function has no address", function() return tostring(print) end, "function")
refused("string.format %p", function() return string.format("%p", {}) end, "'%p' is not available")
harmless("%s of a table has no address", function() return string.format("%s", {}) end, "table")
harmless("randomseed without a seed is fixed", function()
  math.randomseed(); local a = math.random(1e9); math.randomseed(); return a == math.random(1e9) end, true)
-- garbage collector controls
refused("collectgarbage stop", function() return collectgarbage("stop") end, "invalid option")
refused("collectgarbage generational", function() return collectgarbage("generational") end, "invalid option")
refused("collectgarbage setpause", function() return collectgarbage("setpause", 1000) end, "invalid option")
-- resource abuse that a script can catch
refused("deep Lua recursion", function() local function f() return 1 + f() end return f() end, "stack overflow")
refused("deep C recursion through gsub", function()
  local function f(s) return (s:gsub(".", f)) end return f("xx") end, "")
refused("a string too large", function() return string.rep("x", 1 << 40) end, "")
refused("unpacking too many values", function() return table.unpack({}, 1, 1e8) end, "too many results")
refused("utf8.char out of range", function() return utf8.char(0x7FFFFFFF + 1) end, "value out of range")
-- errors with odd objects
harmless("an error object whose __tostring fails", function()
  return (pcall(error, setmetatable({}, { __tostring = function() error("nested") end }))) end, false)
return ("ok, %d attempts refused or harmless"):format(tried) and "ok"
