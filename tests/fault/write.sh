#!/bin/bash
# Write failures: the output cannot be written because the disk is full,
# the folder is read-only, or the output path is a folder.  Each build must
# fail with exit status 5 and one diagnostic naming the output, leave the
# earlier out.pdf byte-for-byte untouched and leave no temporary file.
#
#   disk full      a file-size limit (ulimit -f: write fails with EFBIG),
#                  and, when this runs as root, a real 16 KiB tmpfs
#                  (write or fsync fails with ENOSPC)
#   read-only      a folder without write permission (as root, the build
#                  runs as nobody through setpriv, since root ignores it)
#   a folder       -o names an existing folder
#
# usage: tests/fault/write.sh CXREPORT-BIN
set -u
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cxwrite.XXXXXX")
mounted=
cleanup() {
    [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
    chmod -R u+w "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
export SOURCE_DATE_EPOCH=1700000000
pass=0 fail=0
args=(build "$root/tests/fault/report.lua" --data "survey=$root/tests/api/survey.json" --no-cache)

# expect NAME DIR OUTPUT STDERR-PATTERN COMMAND-PREFIX...: runs the build
# writing OUTPUT (inside DIR, which holds the earlier out.pdf)
expect() {
    local name=$1 dir=$2 out=$3 pattern=$4
    shift 4
    local rc=0 err
    err=$("$@" "$bin" "${args[@]}" -o "$out" 2>&1 >/dev/null) || rc=$?
    local why=
    local stray
    stray=$(ls -A "$dir" | grep -v -x -e out.pdf)
    if [ $rc != 5 ]; then why="exit status $rc, expected 5"
    elif ! cmp -s "$dir/out.pdf" "$work/earlier.pdf"; then why="the earlier out.pdf changed"
    elif [ -n "$stray" ]; then why="left behind: $stray"
    elif [ "$(printf '%s\n' "$err" | wc -l)" != 1 ]; then why="expected one line"
    elif ! grep -q -E "$pattern" <<<"$err"; then why="message does not match /$pattern/"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL write $name: $why"
        printf '  stderr: %s\n' "$err"
    fi
}

printf 'an earlier report\n' > "$work/earlier.pdf"
fresh() { # fresh DIR: DIR holding only a copy of the earlier report
    mkdir -p "$1"
    cp "$work/earlier.pdf" "$1/out.pdf"
}

# disk full, as a file-size limit: the PDF is far over 8 KiB (the limit
# is the process's, so it may first stop the font subsets libharu reads
# from temporary files: that is the same error, reported on the font)
fresh "$work/fsize"
expect file-size-limit "$work/fsize" "$work/fsize/out.pdf" \
    "^($work/fsize/out.pdf: cannot write output \(write\)|.*\.ttf: cannot write a temporary subset of this font to /tmp): File too large$" \
    bash -c 'ulimit -f 8; exec "$@"' limited

# disk full, for real: a 16 KiB file system (the PDF is over 40 KiB)
if [ "$(id -u)" = 0 ] && mkdir -p "$work/full" && mount -t tmpfs -o size=16k tmpfs "$work/full" 2>/dev/null; then
    mounted=$work/full
    cp "$work/earlier.pdf" "$work/full/out.pdf"
    expect disk-full "$work/full" "$work/full/out.pdf" \
        "^$work/full/out.pdf: cannot write output \((write|fsync|close)\): No space left on device$" env
    umount "$work/full" && mounted=
else
    echo "skip write disk-full: mounting a small tmpfs needs root (the file-size limit case ran)"
fi

# a read-only folder.  As root the build runs as nobody, from copies
# nobody can read (the checkout may be in a private home folder).
fresh "$work/ro"
chmod 555 "$work/ro"
as_user=env
if [ "$(id -u)" = 0 ]; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    cp "$bin" "$work/cxreport"
    chmod 755 "$work/cxreport"
    printf 'report { title = "Read-only" }\nparagraph "A report with nowhere to go."\n' > "$work/plain.lua"
    chmod 644 "$work/plain.lua"
    saved_bin=$bin saved_args=("${args[@]}")
    bin=$work/cxreport args=(build "$work/plain.lua")
fi
expect read-only-folder "$work/ro" "$work/ro/out.pdf" \
    "^$work/ro/out.pdf: cannot write output: Permission denied$" $as_user
if [ "$(id -u)" = 0 ]; then
    bin=$saved_bin args=("${saved_args[@]}")
    rm -f "$work/cxreport" "$work/plain.lua"
fi
chmod 755 "$work/ro"

# the output path is a folder
fresh "$work/isdir"
mkdir "$work/isdir/report.pdf"
cp -r "$work/isdir" "$work/isdir.before"
rc=0
err=$("$bin" "${args[@]}" -o "$work/isdir/report.pdf" 2>&1 >/dev/null) || rc=$?
if [ $rc = 5 ] && diff -r "$work/isdir" "$work/isdir.before" >/dev/null &&
   [ "$err" = "$work/isdir/report.pdf: cannot write output: it is a directory" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL write output-is-a-folder: exit $rc: $err"
fi

echo "write: $pass passed, $fail failed"
[ $fail = 0 ]
