#!/bin/bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan + libFuzzer) into
# build/fuzz/, replays every kept regression input, then fuzzes each
# harness for SECONDS on a copy of its seed corpus (build/fuzz/corpus-NAME,
# which grows from run to run).  A crash, leak, timeout or out-of-memory
# input is copied to tests/fuzz/regressions/NAME/ so every later run
# replays it; such a harness counts as failed.  Harnesses run one after
# the other; FUZZ_JOBS=2 runs them at the same time, and FUZZ_HARNESSES=
# "brand" runs only the harnesses named.
#
# usage: tests/fuzz/run.sh [SECONDS]      (default 60; 0 = replay only)
#        FUZZ_OUT=DIR builds and keeps corpora there instead of build/fuzz.
# needs: clang and its runtime (Debian 12: clang libclang-rt-14-dev) and
#        the libraries of the ordinary build.
set -u
shopt -s nullglob
secs=${1:-60}
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${FUZZ_OUT:-build/fuzz}
CC=${FUZZ_CC:-clang}
PKGS="cairo cairo-ft freetype2 libcjson lua5.4 libcrypto"
harnesses=${FUZZ_HARNESSES:-"load script brand"}

command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)"; exit 2; }
pkg_cflags=$(pkg-config --cflags $PKGS) || exit 2
pkg_libs=$(pkg-config --libs $PKGS) || exit 2
flags=(-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
       -fno-sanitize-recover=all -std=c17 -Wall -Wextra -Wno-missing-field-initializers
       -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -DCX_VERSION='"fuzz"'
       "-DCX_LUA_DIR=\"$root/lua\"" "-DCX_TEMPLATES_DIR=\"$root/templates\""
       "-DCX_FUZZ_DATA_DIR=\"$root/tests/api\"" -Iinclude $pkg_cflags)

# ---- build: each library source is compiled again when it or any header
# changed; the library objects carry fuzzer coverage (fuzzer-no-link).
mkdir -p "$out/obj"
newest_header=$(ls -t include/cxreport/*.h src/*/*.h | head -1)
objs=() pids=() failed_build=0
for src in src/*/*.c; do
    obj="$out/obj/$(echo "${src#src/}" | tr / _ | sed 's/\.c$/.o/')"
    objs+=("$obj")
    if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_header" -nt "$obj" ]; then
        "$CC" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
        pids+=($!)
        if [ ${#pids[@]} -ge "$(nproc)" ]; then
            wait "${pids[0]}" || failed_build=1
            pids=("${pids[@]:1}")
        fi
    fi
done
for p in "${pids[@]}"; do wait "$p" || failed_build=1; done
for h in $harnesses; do
    [ $failed_build = 0 ] || break
    "$CC" "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$h.c" "${objs[@]}" \
        $pkg_libs -lhpdf -lm -o "$out/fuzz_$h" || failed_build=1
done
if [ $failed_build != 0 ]; then
    echo "fuzz: build failed"
    exit 2
fi

# ---- run
# print() in scripts goes to stdout: closed (-close_fd_mask=1).
common=(-timeout=10 -rss_limit_mb=2048 -close_fd_mask=1 -print_final_stats=1)

# Seeds drawn from the test suites, so they are never kept twice: the
# API scripts and the script bad-input cases for `script`; the API
# datasets and the dataset bad-input cases (format byte first, sidecar
# after "\n#SIDECAR#\n") for `load`.  tests/fuzz/corpus/ holds only the
# seeds written for fuzzing.
gather_seeds() { # gather_seeds NAME DIR
    local h=$1 dir=$2 f d data ext byte
    if [ "$h" = brand ]; then
        # the shipped brands and those of the brand bad-input cases
        for f in templates/brands/*/brand.lua tests/bad/cases/brand-*/*/*/brand.lua \
                 tests/bad/cases/brand-*/*/brand.lua; do
            cp "$f" "$dir/$(echo "$f" | tr / _)"
        done
        return 0
    fi
    if [ "$h" = script ]; then
        for f in tests/api/*.lua; do
            [ "$(basename "$f")" = check.lua ] || cp "$f" "$dir/api-$(basename "$f")"
        done
        for d in tests/bad/cases/script-*/; do
            # stuck inside C code, this one ends the process by design
            [ "$(basename "$d")" = script-cpu-timeout-in-pattern ] && continue
            [ -f "$d/report.lua" ] && cp "$d/report.lua" "$dir/$(basename "$d").lua"
        done
        return 0
    fi
    for f in tests/api/*.json; do
        { printf 0; cat "$f"; } > "$dir/api-$(basename "$f" .json)"
    done
    for d in tests/bad/cases/data-*/; do
        data=
        for f in "$d"*.json "$d"*.jsonl "$d"*.csv; do
            case "$f" in *.meta.json) ;; *) data=$f ;; esac
        done
        [ -n "$data" ] || continue
        ext=${data##*.}
        case "$ext" in json) byte=0 ;; jsonl) byte=1 ;; *) byte=2 ;; esac
        {
            printf %s "$byte"
            cat "$data"
            local side=${data%.*}.meta.json
            if [ -f "$side" ]; then printf '\n#SIDECAR#\n'; cat "$side"; fi
        } > "$dir/$(basename "$d")"
    done
}

# Replays the kept inputs, then fuzzes; prints one result line per harness.
run_one() {
    local h=$1 bin=$out/fuzz_$h log=$out/fuzz_$h.log
    local art=$out/artifacts-$h/ reg=tests/fuzz/regressions/$h
    mkdir -p "$art" "$out/corpus-$h" "$reg"
    : > "$log"
    local kept=("$reg"/*)
    if [ ${#kept[@]} -gt 0 ]; then
        if ! "$bin" "${common[@]}" -runs=1 "${kept[@]}" >>"$log" 2>&1; then
            echo "FAIL $h: a regression input fails again (see $log)"
            return 1
        fi
    fi
    [ "$secs" -gt 0 ] || { echo "ok   $h: ${#kept[@]} regression inputs replayed"; return 0; }
    local own=(tests/fuzz/corpus/"$h"/*)
    [ ${#own[@]} -eq 0 ] || cp -n "${own[@]}" "$out/corpus-$h"/
    gather_seeds "$h" "$out/corpus-$h"
    rm -f "$art"/*
    local rc=0
    "$bin" "${common[@]}" -max_total_time="$secs" -artifact_prefix="$art" \
        "$out/corpus-$h" >>"$log" 2>&1 || rc=$?
    local stats
    stats=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)
    if [ $rc = 0 ]; then
        echo "ok   $h: $stats"
        return 0
    fi
    local found=0
    for f in "$art"*; do
        [ -e "$f" ] || continue
        found=1
        cp "$f" "$reg/"
        echo "FAIL $h: $(grep -m1 -E 'ERROR|SUMMARY|libFuzzer:' "$log")"
        echo "     input $f, kept as $reg/$(basename "$f") (log: $log)"
    done
    if [ $found = 0 ]; then
        # The CPU-time limit's last resort (_exit) leaves the script behind.
        local stuck
        stuck=$(sed -n 's/: CPU time limit .* inside a library call.*//p' "$log" | tail -1)
        if [ -n "$stuck" ] && [ -e "$stuck" ]; then
            local keep="$reg/cpu-exit-$(sha1sum "$stuck" | cut -c1-12)"
            cp "$stuck" "$keep"
            rm -f "$stuck"
            echo "FAIL $h: ended by the CPU-time limit inside a C function; input kept as $keep"
        else
            echo "FAIL $h: exit status $rc, no input saved (see $log)"
        fi
    fi
    return 1
}

pass=0 fail=0
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
    for h in $harnesses; do run_one "$h" > "$out/result-$h" & done
    wait
    for h in $harnesses; do
        cat "$out/result-$h"
        if grep -q '^FAIL' "$out/result-$h"; then fail=$((fail + 1)); else pass=$((pass + 1)); fi
    done
else
    for h in $harnesses; do
        if run_one "$h"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    done
fi
echo "fuzz: $pass passed, $fail failed"
[ $fail = 0 ]
