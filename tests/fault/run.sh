#!/bin/bash
# Allocation-failure sweep: builds tests/fault/report.lua once to count the
# allocation calls it makes (N), then builds it N more times, failing the
# 1st, 2nd, … N-th call in turn (see failalloc.c).  Each run must end one
# of two ways:
#   - a clean failure: exit status 3–6, a diagnostic on stderr that says
#     memory ran out, the earlier out.pdf byte-for-byte untouched and no
#     temporary file left beside it;
#   - success, with a PDF byte-identical to the reference build (a fault
#     some code can live without must not change the output).
# A signal, a sanitizer report (ASan/UBSan/LeakSanitizer in the asan
# build), a hang, any other exit status or stray output is a failure.
#
# usage: tests/fault/run.sh FAULT-BIN [STRIDE [FIRST]]
#   STRIDE=k fails only every k-th call (FIRST, FIRST+k, …): the quick run
#   make check does.  CX_WRAP="valgrind …" runs each build under it (its
#   error exit status must be 99).  FAULT_JOBS=N runs N builds at once
#   (default: the number of cores).
set -u
bin=$(realpath "$1")
stride=${2:-1}
first=${3:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
wrap=${CX_WRAP:-}
jobs=${FAULT_JOBS:-$(nproc)}
work=$(mktemp -d "${TMPDIR:-/tmp}/cxfault.XXXXXX")
# kept when a run fails: rerun one there with CX_FAIL_TRACE=1 to see the
# site (the count depends on the paths, so rerun it in its own folder)
trap '[ -e "$work/keep" ] || rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=90}
export LSAN_OPTIONS=${LSAN_OPTIONS:-exitcode=91}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=92:print_stacktrace=1}
args=(build "$root/tests/fault/report.lua" --data "survey=$root/tests/api/survey.json"
      -o out.pdf --no-cache)

mkdir -p "$work/ref"
(cd "$work/ref" && CX_FAIL_COUNT=count $wrap "$bin" "${args[@]}") > "$work/ref/log" 2>&1
if [ $? != 0 ] || [ ! -s "$work/ref/out.pdf" ]; then
    echo "fault: the reference build failed:"; cat "$work/ref/log"
    echo "fault: 0 passed, 1 failed"
    exit 1
fi
total=$(cat "$work/ref/count")
printf 'an earlier report\n' > "$work/earlier.pdf"

# one_fault N: runs the build failing call N; prints "ok KIND" or "FAIL N: why"
one_fault() {
    local n=$1 d="$work/run-$1"
    mkdir -p "$d"
    cp "$work/earlier.pdf" "$d/out.pdf"
    local rc=0
    (cd "$d" && CX_FAIL_ALLOC=$n timeout 60 $wrap "$bin" "${args[@]}") > "$d/stdout" 2> "$d/stderr" || rc=$?
    local err stray
    err=$(cat "$d/stderr")
    stray=$(cd "$d" && ls -A | grep -v -x -e out.pdf -e stdout -e stderr)
    if [ $rc = 0 ]; then
        if cmp -s "$d/out.pdf" "$work/ref/out.pdf" && [ -z "$stray" ]; then
            echo "ok survived"; rm -rf "$d"; return
        fi
        echo "FAIL $n: succeeded but the PDF differs from the reference "
        return
    fi
    local why=
    if [ $rc -ge 7 ] || [ $rc -lt 3 ]; then why="exit status $rc"
    elif ! cmp -s "$d/out.pdf" "$work/earlier.pdf"; then why="the earlier out.pdf changed"
    elif [ -n "$stray" ]; then why="left behind: $stray"
    elif [ -s "$d/stdout" ]; then why="printed to stdout"
    elif ! grep -q -i -E 'out of memory|not enough memory' <<<"$err"; then why="unexpected message"
    elif [ "$(grep -c -v '^  \|^traceback:' <<<"$err")" != 1 ]; then why="more than one diagnostic"
    fi
    if [ -z "$why" ]; then echo "ok failed-cleanly exit$rc"; rm -rf "$d"; return; fi
    echo "FAIL $n: $why: $(head -c 300 "$d/stderr" | tr '\n' ' ')"
}
export -f one_fault
export work bin wrap
export -a args 2>/dev/null
# bash cannot export arrays: hand them over as one string
export ARGS_STR="${args[*]}"
one_fault_cmd() { args=($ARGS_STR); one_fault "$1"; }
export -f one_fault_cmd

seq "$first" "$stride" "$total" | xargs -P "$jobs" -I{} bash -c 'one_fault_cmd {}' > "$work/results"
runs=$(wc -l < "$work/results")
fails=$(grep -c '^FAIL' "$work/results")
grep '^FAIL' "$work/results" | sort -t' ' -k2 -n | head -40
if [ "$fails" != 0 ]; then
    touch "$work/keep"
    echo "fault: failed runs kept in $work/run-N; to see the site of N:"
    echo "  cd $work/run-N && cp ../earlier.pdf out.pdf && SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH \\"
    echo "    CX_FAIL_TRACE=1 CX_FAIL_ALLOC=N $bin ${args[*]}"
fi
echo "fault: $total allocation calls; failed $runs of them one at a time (every ${stride}th from $first):" \
     "$(grep -c '^ok failed-cleanly' "$work/results") clean errors," \
     "$(grep -c '^ok survived' "$work/results") identical PDFs" \
     "($(grep -o 'exit[0-9]*' "$work/results" | sort | uniq -c | awk '{printf "%sexit %s ×%s", (NR > 1 ? ", " : ""), substr($2, 5), $1}'))"
echo "fault: $((runs - fails)) passed, $fails failed"
[ "$fails" = 0 ]
