#!/bin/sh
# The Lua API tests: each tests/api/NAME.lua compares what the API computes
# with values worked out by hand (see the comments in each file) and
# returns "ok".  Its first line names the datasets: `-- data: NAME=FILE …`.
#
# usage: tests/api/run.sh path/to/cxreport
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")"
pass=0 fail=0
for t in *.lua; do
    [ "$t" = check.lua ] && continue
    args=
    for d in $(sed -n '1s/^-- data: //p' "$t"); do args="$args --data $d"; done
    out=$(${CX_WRAP:-} "$bin" run "$t" $args 2>&1)
    if [ "$out" = '"ok"' ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL api/$t:"
        echo "$out" | sed 's/^/    /'
    fi
done
echo "api: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
