#!/bin/sh
# Runs each cmocka test binary given and totals their tests in one line,
# "unit: N passed, M failed".  A cmocka binary prints its own report and
# exits with the number of tests that failed.
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    "$t" > "$log" 2>&1
    status=$?
    cat "$log"
    # a binary may run several groups: add up their counts
    ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$log" | awk '{ s += $1 } END { if (NR) print s }')
    if [ -z "$ran" ]; then
        echo "FAILED: $t did not finish (exit $status)"
        fail=$((fail + 1))
        continue
    fi
    pass=$((pass + ran - status))
    fail=$((fail + status))
    [ "$status" -eq 0 ] || echo "FAILED: $t ($status failed)"
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
