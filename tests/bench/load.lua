-- load.lua — the trivial script of figures 1 and 5 in tests/bench/run.sh:
-- every dataset is loaded and validated before a script runs, so timing
-- this script times the load; it returns the row count, which run.sh
-- checks.
local s = dataset "survey"
return #s
