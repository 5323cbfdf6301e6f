#!/bin/sh
# The bad-input suite: every case must stop the build with one exact error
# line and exit code, and leave an existing output file byte-for-byte
# untouched with no temporary file beside it.
#
# A case is a folder tests/bad/cases/NAME/ holding:
#   args      the cxreport arguments, one line, run inside a copy of the folder
#             (files named there are relative to it; `out.pdf` is the output)
#   expected  the exact first line cxreport must print on stderr
#   status    the exit code it must return
#   ...       the case's own inputs (report.lua, datasets, sidecars)
# A case without report.lua gets tests/bad/report.lua, which loads the
# dataset "survey" and builds a title page.
#
# usage: tests/bad/run.sh path/to/cxreport [case-name-filter]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
filter=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for case in "$here"/cases/*/; do
    name=$(basename "$case")
    case "$name" in *"$filter"*) ;; *) continue ;; esac
    work="$tmp/$name"
    cp -R "$case" "$work"
    [ -f "$work/report.lua" ] || cp "$here/report.lua" "$work/report.lua"
    printf 'previous output, must survive\n' > "$work/out.pdf"
    before=$(cksum < "$work/out.pdf")
    expected=$(cat "$case/expected")
    want_status=$(cat "$case/status")
    args=$(cat "$case/args")
    (cd "$work" && eval "${CX_WRAP:-} \"$bin\" $args" > stdout 2> stderr < /dev/null)
    got_status=$?
    got=$(head -n 1 "$work/stderr")
    problems=
    [ "$got_status" = "$want_status" ] || problems="$problems exit $got_status (want $want_status);"
    [ "$got" = "$expected" ] || problems="$problems
      stderr: $got
      want:   $expected;"
    [ "$(cksum < "$work/out.pdf")" = "$before" ] || problems="$problems out.pdf changed;"
    leftovers=$(cd "$work" && ls -A | grep -E '^\.?out\.pdf\..|\.tmp' || true)
    [ -z "$leftovers" ] || problems="$problems temporary left: $leftovers;"
    if [ -z "$problems" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL bad/$name:$problems"
    fi
done
echo "bad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
