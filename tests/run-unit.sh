#!/bin/sh
# Runs each cmocka test binary given; prints one closing tally line.
# A cmocka binary exits with the number of failed tests.
pass=0 fail=0
for t in "$@"; do
    if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
