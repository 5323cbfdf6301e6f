#!/bin/sh
# Benchmarks: prints one line per figure, with its target beside it.
#
# usage: make bench                       (builds, then runs this)
#        tests/bench/run.sh BUILD-DIR     (e.g. build/release, already built
#                                          with `make all` and tests/tools/*)
#
# Needs the project's binaries (BUILD-DIR/cxreport, BUILD-DIR/tools/
# gen_dataset, bench_stats, bench_exec), /usr/bin/time (Debian package
# `time`), and optionally taskset (to pin every run to CPU 0, so that
# figures are single-core), pdfinfo (page count) and python3 (figure 3).
#
# Data: 1,000,000 responses of 13 fields, written by gen_dataset into
# bench-data/ (gitignored, never committed) as survey.jsonl, survey.json and
# survey.csv, with the sidecar survey.meta.json shared by .jsonl and .csv.
# The generator is deterministic, so a file that exists with the expected
# size is not written again; generation takes a few seconds per file.
#
# The figures (wall time, with the CPU time (user + system) beside it: a
# CPU time well below the wall time means something else was running;
# "peak" is the peak resident memory of the process; MB = 10^6 bytes):
#  1. load: `cxreport run tests/bench/load.lua --data survey=FILE`, a script
#     that only reads the dataset, so this is loading and validating the
#     file, plus start-up.  /usr/bin/time, median of 3 runs (the peak is the
#     largest of the 3).  Targets: .jsonl < 2 s, .json < 2.5 s, .csv < 1 s;
#     peak < 300 MB each.
#  2. build: `cxreport build tests/bench/report20.lua` (title page,
#     contents, headings, paragraphs, lists, a 240-row table; about 20
#     pages, counted with pdfinfo), median of 5.  Target < 100 ms.
#  3. for comparison only: Python's json.load of survey.json, one run
#     (skipped when python3 is absent).
#  4. statistics after load (tools/bench_stats, which links libcxreport.a,
#     loads survey.jsonl once, then times each operation with
#     clock_gettime, median of 5): NPS by vendor (75 groups, weighted, SE
#     and CI) < 50 ms; 4x4 Pearson + Spearman matrices < 300 ms; a 20-item
#     maturity model over 100,000 organisations < 200 ms; and the tool's
#     peak memory.
#  5. for information: the Lua API end to end, `cxreport run
#     tests/bench/nps_by_vendor.lua` minus `cxreport run tests/bench/load.lua`
#     on survey.jsonl, run alternately (tools/bench_exec), median of 3
#     differences.
# A figure over its target is marked MISSED; the script still exits 0.  It
# exits non-zero (with a message) when a tool is missing or a run fails.
# It ends with the line `bench: done`.
set -eu
LC_ALL=C
export LC_ALL

[ $# -eq 1 ] || { echo "usage: tests/bench/run.sh BUILD-DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" 2>/dev/null && pwd) || { echo "bench: no build directory $1" >&2; exit 1; }
cd "$root"

cx=$build/cxreport
gen=$build/tools/gen_dataset
stats=$build/tools/bench_stats
bexec=$build/tools/bench_exec
need() { # need PATH HINT
    [ -x "$1" ] || { echo "bench: $1 is missing: $2" >&2; exit 1; }
}
need "$cx" "run 'make all' (or 'make bench')"
need "$gen" "run 'make bench', which builds tests/tools/*.c"
need "$stats" "run 'make bench', which builds tests/tools/*.c"
need "$bexec" "run 'make bench', which builds tests/tools/*.c"
need "$build/tools/bench_chart" "run 'make bench', which builds tests/tools/*.c"
need /usr/bin/time "install Debian's 'time' package (apt-get install time)"

pin=
if command -v taskset > /dev/null 2>&1 && taskset -c 0 true 2> /dev/null; then
    pin="taskset -c 0"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# ---- helpers ------------------------------------------------------------
median() { # median FILE: median of the first column, one number per line
    sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                                             else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
maxcol() { # maxcol FILE: the largest value of the first column
    sort -n "$1" | tail -n 1
}
mb_of_kb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }
mb_of_bytes() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'; }
size_of() { wc -c < "$1" | tr -d ' '; }
below() { awk -v x="$1" -v t="$2" 'BEGIN { exit !(x < t) }'; }
verdict() { # verdict "VALUE TARGET"...: ok when every value is below its target
    v=ok
    for pair in "$@"; do
        below "${pair% *}" "${pair#* }" || v=MISSED
    done
    echo "$v"
}
busy() { # busy WALL CPU: a note when the wall time exceeds the CPU time by 15 %
    awk -v w="$1" -v c="$2" 'BEGIN { if (w > 1.15 * c + 0.005)
        printf " (machine busy: wall %.0f%% over cpu)", 100 * (w - c) / c }'
}

# ---- data -----------------------------------------------------------------
rows=1000000
rows_text=1,000,000
data=bench-data
mkdir -p "$data"
# Sizes gen_dataset writes for 1,000,000 rows with the default seed.
meta_size=3014
generate() { # generate FORMAT EXPECTED-SIZE
    f=$data/survey.$1
    if [ -f "$f" ] && [ "$(size_of "$f")" = "$2" ]; then
        if [ "$1" = json ] || { [ -f "$data/survey.meta.json" ] &&
                                [ "$(size_of "$data/survey.meta.json")" = "$meta_size" ]; }; then
            return 0
        fi
    fi
    echo "bench: generating $f ($rows_text responses)"
    $gen "$1" "$rows" "$f" || { echo "bench: gen_dataset failed for $f" >&2; exit 1; }
    if [ "$(size_of "$f")" != "$2" ]; then
        echo "bench: note: $f is $(size_of "$f") bytes, not the $2 run.sh expects;" \
             "gen_dataset has changed: update the sizes in tests/bench/run.sh" >&2
    fi
}
generate jsonl 279476179
generate json 284479214
generate csv 104776737

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null) || cpu_model=
pinned="pinned to CPU 0"
[ -n "$pin" ] || pinned="not pinned (no taskset)"
echo "bench: cxreport $("$cx" --version 2> /dev/null | awk '{ print $NF }'), ${cpu_model:-unknown CPU}, $pinned"

# ---- 1. load and validate ---------------------------------------------------
load() { # load FORMAT TARGET-SECONDS
    f=$data/survey.$1
    : > "$tmp/ts"
    : > "$tmp/ms"
    : > "$tmp/cs"
    for _ in 1 2 3; do
        if ! $pin /usr/bin/time -o "$tmp/time" -f '%e %M %U %S' \
                "$cx" run tests/bench/load.lua --data "survey=$f" > "$tmp/out" 2> "$tmp/err"; then
            echo "bench: cxreport run tests/bench/load.lua failed on $f:" >&2
            cat "$tmp/err" >&2
            exit 1
        fi
        if [ "$(cat "$tmp/out")" != "$rows" ]; then
            echo "bench: expected $rows responses in $f, cxreport says: $(cat "$tmp/out")" >&2
            exit 1
        fi
        read -r t kb user sys < "$tmp/time"
        echo "$t" >> "$tmp/ts"
        echo "$kb" >> "$tmp/ms"
        awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >> "$tmp/cs"
    done
    s=$(median "$tmp/ts")
    c=$(median "$tmp/cs")
    peak=$(mb_of_kb "$(maxcol "$tmp/ms")")
    printf 'load %s responses (.%s, %s MB): %.2f s (cpu %.2f s), peak %s MB   [target < %s s, < 300 MB] %s%s\n' \
        "$rows_text" "$1" "$(mb_of_bytes "$(size_of "$f")")" "$s" "$c" "$peak" \
        "$2" "$(verdict "$s $2" "$peak 300")" "$(busy "$s" "$c")"
}
load jsonl 2
load json 2.5
load csv 1

# ---- 2. build a 20-page report ------------------------------------------------
if ! $pin "$bexec" 5 "$cx" build tests/bench/report20.lua -o "$tmp/report20.pdf" --no-cache \
        > "$tmp/exec" 2> "$tmp/err"; then
    echo "bench: cxreport build tests/bench/report20.lua failed:" >&2
    cat "$tmp/err" >&2
    exit 1
fi
read -r s kb cpu < "$tmp/exec"
pages=$(pdfinfo "$tmp/report20.pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }') || pages=
ms=$(awk -v s="$s" 'BEGIN { printf "%.0f", s * 1000 }')
printf 'build a text-and-table report (%s pages): %s ms (cpu %.0f ms), peak %s MB   [target < 100 ms] %s%s\n' \
    "${pages:-? (no pdfinfo)}" "$ms" "$(awk -v c="$cpu" 'BEGIN { print c * 1000 }')" \
    "$(mb_of_kb "$kb")" "$(verdict "$ms 100")" "$(busy "$s" "$cpu")"

# ---- charts: one 62-bar ranking, and a report with ten charts against the same without
read -r cmed cmin cmax <<EOF2
$($pin "$build/tools/bench_chart")
EOF2
echo "chart: 62-bar ranking, laid out and drawn into a PDF page: $cmed ms (fastest $cmin, slowest $cmax)   [target < 2 ms] $(verdict "$cmed 2")"
if ! $pin "$bexec" 5 "$cx" build tests/bench/charts10.lua -o "$tmp/charts10.pdf" --no-cache \
        > "$tmp/exec10" 2> "$tmp/err"; then
    echo "bench: cxreport build tests/bench/charts10.lua failed:" >&2
    cat "$tmp/err" >&2
    exit 1
fi
read -r s10 _ _ < "$tmp/exec10"
ratio=$(awk -v a="$s10" -v b="$s" 'BEGIN { printf "%.2f", a / b }')
echo "chart: the 20-page report with 10 charts: $(awk -v x="$s10" 'BEGIN { printf "%.0f", x * 1000 }') ms, ${ratio}x the report without them   [target < 2x] $(verdict "$ratio 2")"

# ---- 3. Python's json.load, for comparison --------------------------------------
if command -v python3 > /dev/null 2>&1 && python3 -c 'import json' > /dev/null 2>&1; then
    f=$data/survey.json
    if $pin /usr/bin/time -o "$tmp/time" -f '%e %M %U %S' python3 -c '
import json, sys
with open(sys.argv[1], "rb") as f:
    json.load(f)' "$f" > /dev/null 2> "$tmp/err"; then
        read -r s kb user sys < "$tmp/time"
        printf 'for comparison: %s json.load of the .json file: %.2f s (cpu %.2f s), peak %s MB   [no target]\n' \
            "$(python3 -c 'import platform; print("Python " + platform.python_version())')" \
            "$s" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(mb_of_kb "$kb")"
    fi
fi

# ---- 4. statistics after load (C API) -------------------------------------------
if ! $pin "$stats" "$data/survey.jsonl" 5 > "$tmp/stats" 2> "$tmp/err"; then
    echo "bench: bench_stats failed:" >&2
    cat "$tmp/err" >&2
    exit 1
fi
sed 's/^/stats: /' "$tmp/stats"

# ---- 5. the same through Lua, end to end ------------------------------------------
# The two scripts run alternately, so that a busy spell of the machine
# weighs on both; the figure is the median of the three differences.
lua_run() { # lua_run SCRIPT: wall seconds of one run on survey.jsonl
    if ! $pin "$bexec" 1 "$cx" run "$1" --data "survey=$data/survey.jsonl" \
            > "$tmp/exec" 2> "$tmp/err"; then
        echo "bench: cxreport run $1 failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
    awk '{ print $1 }' "$tmp/exec"
}
: > "$tmp/diff"
: > "$tmp/total"
: > "$tmp/base"
for _ in 1 2 3; do
    t=$(lua_run tests/bench/nps_by_vendor.lua)
    b=$(lua_run tests/bench/load.lua)
    echo "$t" >> "$tmp/total"
    echo "$b" >> "$tmp/base"
    awk -v t="$t" -v b="$b" 'BEGIN { print t - b }' >> "$tmp/diff"
done
awk -v d="$(median "$tmp/diff")" -v t="$(median "$tmp/total")" -v b="$(median "$tmp/base")" \
    -v rows="$rows_text" 'BEGIN {
    printf "lua: group_by(\"vendor\"):nps(\"recommend\", {weight = \"weight\"}) on %s rows: ", rows
    if (d > 0) printf "%.0f ms", d * 1000; else printf "too small to measure"
    printf " (run %.2f s - load %.2f s, medians)   [info]\n", t, b }'

# ---- batches (issue: 1,000 per-client PDFs, -j 2) ------------------------
# 1,000 organisations; one 4-page PDF with 3 charts each; two workers; in
# the meridian brand (Lato): libharu spends most of a small PDF mapping
# each embedded face's glyphs, and Lato costs half of what DejaVu does.
assess=$data/assessment-1000.json
[ -f "$assess" ] || $gen assessment 1000 "$assess" > /dev/null
bout=$tmp/batch
batch() { /usr/bin/time -f '%e %M' -o "$tmp/btime" \
    "$cx" build tests/bench/client_report.lua --data "assessment=$assess" \
    --each client=account -o "$bout/{client}.pdf" -j 2 -q --brand templates/brands/meridian "$@"; }
batch || { echo "bench: the batch build failed" >&2; exit 1; }
read -r bwall bkb < "$tmp/btime"
n=$(ls "$bout" | grep -c '\.pdf$')
rate=$(awk -v n="$n" -v w="$bwall" 'BEGIN { printf "%.0f", n / w }')
# peak memory: the parent's own and the largest worker's (GNU time reports
# the maximum over the process and the children it waited for)
echo "batch: $n PDFs (4 pages, 3 charts) with -j 2: ${bwall} s, $rate reports/s, peak $(mb_of_kb "$bkb") MB per process (x3 processes)   [target >= 100/s, < 500 MB] $(verdict "$(awk -v r="$rate" 'BEGIN { print -r }') -100" "$(mb_of_kb "$bkb") 167")"
batch || exit 1
read -r nwall _ < "$tmp/btime"
echo "batch: no-change rebuild of $n: ${nwall} s   [target < 1 s] $(verdict "$nwall 1")"
ls -l --time-style=+%s.%N "$bout" > "$tmp/mt1"
# Organisation 00500 moves to another segment: its rows change, no one else's.
sed '/"Organisation 00500"/{s/"segment": "B2B"/"segment": "@@"/;s/"segment": "B2C"/"segment": "B2B"/;s/"segment": "B2B2C"/"segment": "B2B"/;s/"segment": "@@"/"segment": "B2C"/}' \
    "$assess" > "$tmp/changed.json"
/usr/bin/time -f '%e %M' -o "$tmp/btime" "$cx" build tests/bench/client_report.lua \
    --data "assessment=$tmp/changed.json" --each client=account -o "$bout/{client}.pdf" -j 2 -q \
    --brand templates/brands/meridian
ls -l --time-style=+%s.%N "$bout" > "$tmp/mt2"
rewritten=$(diff "$tmp/mt1" "$tmp/mt2" | grep -c '^>' || true)
echo "batch: one client's answers changed: $rewritten PDF rewritten   [target exactly 1] $( [ "$rewritten" = 1 ] && echo ok || echo MISSED)"

echo "bench: done"
