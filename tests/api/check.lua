-- Assertions for the API tests: each compares a computed value with one
-- worked out independently (by hand, in the test's comments).
local check = {}

function check.near(got, want, what, tol)
  tol = tol or 1e-9
  if type(got) ~= "number" or math.abs(got - want) > tol then
    error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2)
  end
end

function check.eq(got, want, what)
  if got ~= want then
    error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2)
  end
end

function check.list(got, want, what)
  check.eq(#got, #want, what .. " (length)")
  for i = 1, #want do check.eq(got[i], want[i], ("%s[%d]"):format(what, i)) end
end

-- Runs fn and returns the error message it raised (the test fails when it
-- raises none).
function check.fails(fn, pattern, what)
  local ok, err = pcall(fn)
  if ok then error(what .. ": expected an error", 2) end
  if not tostring(err):find(pattern, 1, true) then
    error(("%s: error %q lacks %q"):format(what, tostring(err), pattern), 2)
  end
end

return check
