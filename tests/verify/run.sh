#!/bin/sh
# Every number in the four shipped reports, checked against an independent
# computation: builds each template from its bundled data with the given
# binary (no SOURCE_DATE_EPOCH), extracts the text with pdftotext -layout
# and hands it to verify_reports.py, which recomputes each figure from the
# fixtures in Python and compares.  Closes with "verify: N passed, M failed".
#
# usage: tests/verify/run.sh path/to/cxreport
# CX_WRAP, when set, prefixes every cxreport call (e.g. valgrind).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"

if ! command -v python3 > /dev/null 2>&1; then
    echo "FAIL verify: python3 is not installed"
    echo "verify: 0 passed, 1 failed"
    exit 1
fi

for t in nps_benchmark cx_assessment voc_assessment account_review; do
    # a failed build leaves no text: verify_reports.py counts it as a failure
    if env -u SOURCE_DATE_EPOCH ${CX_WRAP:-} "$bin" build "templates/$t.lua" -o "$tmp/$t.pdf" > "$tmp/$t.log" 2>&1; then
        pdftotext -layout "$tmp/$t.pdf" "$tmp/$t.txt" 2>/dev/null || rm -f "$tmp/$t.txt"
    else
        echo "verify: templates/$t.lua did not build:"
        sed 's/^/    /' "$tmp/$t.log"
    fi
done
python3 tests/verify/verify_reports.py "$root" "$tmp"
