#!/bin/sh
# The build tool: batches, the cache, depfiles, shards, manifests,
# diagnostics.  usage: tests/e2e/batch.sh path/to/cxreport
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL batch: $*"; }
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
cp -R "$here/batch" "$tmp/w"
cd "$tmp/w"
cx() { ${CX_WRAP:-} "$bin" "$@"; }
build() { cx build client.lua --data assessment=data.json --each client=account -o 'out/{client}.pdf' "$@"; }
stamp() { for f in out/*.pdf; do echo "$f $(stat -c %Y.%Z "$f") $(cksum < "$f")"; done; }

build -j 2 > log 2>&1
check "batch exits 0" test $? -eq 0
check "one PDF per account" test "$(ls out/*.pdf | wc -l)" -eq 6
check "summary line" grep -q '^6 reports: 6 built, 0 unchanged, 0 failed$' log
check "names are sanitised values" test -s out/Alpha.pdf

# Nothing changed: nothing is rewritten (mtimes stay).
stamp > before; sleep 1
build -j 2 > log 2>&1
check "no-change rebuild is all unchanged" grep -q '^6 reports: 0 built, 6 unchanged, 0 failed$' log
stamp > after
check "no output rewritten" cmp -s before after

# One client's rows change: exactly that PDF is rebuilt.
sed 's/"account": "Beta", "pl_1": 4/"account": "Beta", "pl_1": 5/' data.json > d2 && mv d2 data.json
build > log 2>&1
check "changing one client's rows rebuilds one" grep -q '^6 reports: 1 built, 5 unchanged, 0 failed$' log
check "the changed client is the one rebuilt" grep -q '^built out/Beta.pdf$' log
# Another field of the file changes for nobody's rows: nothing rebuilds.
build > log 2>&1
check "a second run after it is unchanged" grep -q '0 built, 6 unchanged' log

# Each kind of input: script, module, parameter, version-independent settings.
echo '-- edited' >> client.lua
build > log 2>&1
check "changing the script rebuilds all" grep -q '6 built, 0 unchanged' log
echo '-- edited' >> batch_helper.lua
build > log 2>&1
check "changing a required module rebuilds all" grep -q '6 built, 0 unchanged' log
build --param extra=1 > log 2>&1
check "a new parameter rebuilds all" grep -q '6 built, 0 unchanged' log
SOURCE_DATE_EPOCH=1466000000 build --param extra=1 > log 2>&1
check "a new date rebuilds all" grep -q '6 built, 0 unchanged' log

# A brand is an input too: its brand.lua and its logo.
cp -R "$here/../../templates/brands/meridian" brand
build --brand brand > log 2>&1
build --brand brand > log 2>&1
check "an unchanged brand keeps the reports" grep -q '0 built, 6 unchanged' log
echo '-- edited' >> brand/brand.lua
build --brand brand > log 2>&1
check "changing brand.lua rebuilds all" grep -q '6 built, 0 unchanged' log
printf 'x' >> brand/logo.png
build --brand brand > log 2>&1
check "changing the logo rebuilds all" grep -q '6 built, 0 unchanged' log

# A corrupt or stale cache is ignored, never trusted.
SOURCE_DATE_EPOCH=1466000000 build --param extra=1 > log 2>&1
for e in out/.cxreport-cache/*.entry; do printf 'garbage' >> "$e"; break; done
SOURCE_DATE_EPOCH=1466000000 build --param extra=1 > log 2>&1
check "a corrupt cache entry is rebuilt" grep -q '1 built, 5 unchanged' log
printf 'tampered' >> out/Gamma.pdf
SOURCE_DATE_EPOCH=1466000000 build --param extra=1 > log 2>&1
check "an output changed behind our back is rebuilt" grep -q '^built out/Gamma.pdf$' log
rm out/Delta.pdf
SOURCE_DATE_EPOCH=1466000000 build --param extra=1 > log 2>&1
check "a deleted output is rebuilt" grep -q '^built out/Delta.pdf$' log
build --cache "$tmp/elsewhere" > log 2>&1
check "--cache puts the cache elsewhere" test -n "$(ls "$tmp/elsewhere")"

# Partial failure: the others are built, the exit code says not all were.
cx build client.lua --data assessment=data.json --each client=@failing.txt -o 'f/{client}.pdf' > log 2>&1
check "a failing client makes the batch exit 1" test $? -eq 1
check "the failure names the script line" grep -q 'client.lua:6: this client is broken on purpose' log
check "the other clients are built" test -s f/Alpha.pdf -a -s f/Beta.pdf
check "summary counts the failure" grep -q '3 reports: 2 built, 0 unchanged, 1 failed' log
cx build client.lua --data assessment=data.json --each client=@failing.txt -o 'ff/{client}.pdf' -j 1 --fail-fast > log 2>&1
check "--fail-fast exits 1" test $? -eq 1
check "--fail-fast stops after the failure" test ! -e ff/Fail-Co.pdf

# Collisions are found before anything is written.
cx build client.lua --data assessment=data.json --each client=@colliding.txt -o 'c/{client}.pdf' > log 2>&1
check "colliding names are a usage error" test $? -eq 2
check "the collision is named" grep -q '"A B" and "A-B" would both be written to c/A-B.pdf' log
check "nothing written on a collision" test ! -e c

# Values that try to leave the output folder stay inside it: a slash
# becomes '-', leading dots go, and '..' alone becomes '_'.
printf '%s\n' '../../escaped' '/etc/cron.d/x' '..' '.hidden' 'a/../../b' > escaping.txt
printf 'report { title = param.client }\n' > title.lua
cx build title.lua --each client=@escaping.txt -o 'esc/in/{client}.pdf' > log 2>&1
check "escaping values still build" test $? -eq 0
check "every escaping value lands in the output folder" \
    test "$(find esc -name '*.pdf' | sort | tr '\n' ' ')" = "esc/in/_.pdf esc/in/a-..-..-b.pdf esc/in/escaped.pdf esc/in/etc-cron.d-x.pdf esc/in/hidden.pdf "
check "nothing is written outside it" test -z "$(find . -newer escaping.txt -name '*.pdf' ! -path './esc/in/*')"

# Shards cover the batch exactly once.
for k in 1 2 3; do
    cx build client.lua --data assessment=data.json --each client=account -o "s$k/{client}.pdf" --shard $k/3 > /dev/null 2>&1
done
all=$(ls s1 s2 s3 | grep pdf | sort | tr '\n' ' ')
check "shards cover every client" test "$all" = "Alpha.pdf Beta.pdf Delta.pdf Epsilon.pdf Gamma.pdf Zeta.pdf "
check "shards do not overlap" test "$(ls s1 s2 s3 | grep -c pdf)" -eq 6

# Depfile: Make syntax, every input.
build --depfile deps.d > /dev/null 2>&1
check "depfile names each output" grep -q '^out/Alpha.pdf:' deps.d
check "depfile lists the script" grep -q 'client.lua' deps.d
check "depfile lists the module" grep -q 'batch_helper.lua' deps.d
check "depfile lists the data" grep -q 'data.json' deps.d
check "depfile lists the fonts" grep -q 'DejaVuSans.ttf' deps.d

# Manifest: per output its path, hash, pages, bytes, status and inputs.
build --manifest m.json > /dev/null 2>&1
check "manifest is JSON with every output" python3 -c "
import json, hashlib, sys
m = json.load(open('m.json'))
outs = {o['path']: o for o in m['outputs']}
assert len(outs) == 6, outs
a = outs['out/Alpha.pdf']
assert a['sha256'] == hashlib.sha256(open('out/Alpha.pdf', 'rb').read()).hexdigest()
assert a['pages'] == 2 and a['bytes'] == len(open('out/Alpha.pdf', 'rb').read())
assert a['status'] in ('built', 'unchanged') and a['value'] == 'Alpha'
assert any(i['path'].endswith('client.lua') for i in a['inputs'])
"

# Diagnostics as JSON lines.
cx build client.lua --data assessment=data.json --each client=@failing.txt -o 'j/{client}.pdf' --diagnostics json > log 2> err
check "--diagnostics json prints JSON lines" python3 -c "
import json
d = [json.loads(l) for l in open('err') if l.startswith('{')]
assert d and d[0]['severity'] == 'error' and d[0]['line'] == 6 and d[0]['file'].endswith('client.lua'), d
"

# Warnings: printed compiler-style, replayed from the cache, fatal with --werror.
printf 'warn("2 groups below min_n left out")\nreport { title = "w" }\n' > warn.lua
cx build warn.lua -o w.pdf > log 2>&1
check "a warning does not fail the build" test $? -eq 0
check "a warning names the script line" grep -q '^warn.lua:1: warning: 2 groups below min_n left out$' log
cx build warn.lua -o w.pdf > log 2>&1
check "an unchanged build replays its warnings" grep -q 'warning: 2 groups below min_n' log
cx build warn.lua -o w.pdf --werror > log 2>&1
check "--werror turns warnings into a failure" test $? -eq 1

# --verify builds twice and compares; --quiet prints nothing.
cx build client.lua --data assessment=data.json --param client=Alpha -o v.pdf --verify > log 2>&1
check "--verify passes for a deterministic report" test $? -eq 0 -a -s v.pdf
build --quiet > log 2>&1
check "--quiet prints nothing" test ! -s log

echo "batch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
