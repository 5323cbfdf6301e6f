#!/bin/sh
# Runs every ```lua example of the README's "Lua API reference" section with
# `cxreport run`; each must succeed.  Keeps the reference honest.
#
# usage: tests/api/examples.sh path/to/cxreport
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '
    /^## / { inref = ($0 == "## Lua API reference") }
    inref && /^```lua$/ { n++; file = sprintf("%s/example%02d.lua", dir, n); inblock = 1; next }
    inblock && /^```$/ { inblock = 0; close(file); next }
    inblock { print > file }
' "$root/README.md"
d="$root/tests/api"
pass=0 fail=0
for ex in "$tmp"/example*.lua; do
    [ -e "$ex" ] || { echo "examples: none found in README.md"; exit 1; }
    if out=$(${CX_WRAP:-} "$bin" run "$ex" --param year=2016 \
            --data survey="$d/survey.json" --data prior="$d/survey.json" \
            --data assessment="$d/assessment.json" --data accounts="$d/accounts.json" 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL README example $(basename "$ex" .lua):"
        echo "$out" | sed 's/^/    /'
    fi
done
# The tutorial's complete report (README "Writing your own report") builds.
awk '/^## / { intut = ($0 == "## Writing your own report") }
     intut && /^```lua$/ { inblock = 1; next }
     inblock && /^```$/ { inblock = 0; next }
     inblock { print }' "$root/README.md" > "$tmp/tutorial.lua"
if [ -s "$tmp/tutorial.lua" ] && out=$(${CX_WRAP:-} "$bin" build "$tmp/tutorial.lua" -o "$tmp/tutorial.pdf" --no-cache \
        --data survey="$root/fixtures/nps_benchmark/survey_2016.json" 2>&1) && [ -s "$tmp/tutorial.pdf" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL README tutorial report:"
    echo "$out" | sed 's/^/    /'
fi
echo "examples: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
