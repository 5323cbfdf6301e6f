#!/bin/sh
# End-to-end tests: the cxreport binary on real inputs, checked with the
# tools a user would use (qpdf, pdftotext, cmp).
#
# usage: tests/e2e/run.sh path/to/cxreport
# CX_WRAP, when set, prefixes every cxreport call (e.g. valgrind).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
cd "$root"

cx() { ${CX_WRAP:-} "$bin" "$@"; }
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL e2e: $*"; }
check() { # check WHAT COMMAND...: passes when the command succeeds
    what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}

# pdftotext output must contain each expected line, in this order.
text_in_order() { # text_in_order PDF EXPECTED-FILE
    pdftotext -layout "$1" "$tmp/text.txt" 2>/dev/null || return 1
    awk 'NR==FNR { want[++n] = $0; next }
         { rest = $0
           while (i < n && (p = index(rest, want[i + 1]))) { rest = substr(rest, p + length(want[i + 1])); i++ } }
         END { if (i < n) { print "  missing in order: " want[i + 1] > "/dev/stderr"; exit 1 } }' \
        "$2" "$tmp/text.txt"
}

for script in tests/e2e/cases/*.lua; do
    [ -e "$script" ] || continue
    name=$(basename "$script" .lua)
    args=
    [ -f "tests/e2e/cases/$name.args" ] && args=$(cat "tests/e2e/cases/$name.args")
    out="$tmp/$name.pdf"
    if ! eval "cx build \"$script\" -o \"$out\" $args" > "$tmp/$name.log" 2>&1; then
        bad "$name: build failed"; cat "$tmp/$name.log"; continue
    fi
    ok
    check "$name: qpdf --check" sh -c "qpdf --check '$out' > '$tmp/qpdf.log' 2>&1"
    if [ -f "tests/e2e/cases/$name.expected" ]; then
        check "$name: text in order" text_in_order "$out" "tests/e2e/cases/$name.expected"
    fi
    # Reproducible: a second build gives the same bytes, with and without a date.
    eval "cx build \"$script\" -o \"$out.2\" $args" > /dev/null 2>&1
    check "$name: byte-identical rebuild" cmp -s "$out" "$out.2"
    eval "SOURCE_DATE_EPOCH=1466000000 cx build \"$script\" -o \"$out.3\" $args" > /dev/null 2>&1
    eval "SOURCE_DATE_EPOCH=1466000000 cx build \"$script\" -o \"$out.4\" $args" > /dev/null 2>&1
    check "$name: byte-identical rebuild with SOURCE_DATE_EPOCH" cmp -s "$out.3" "$out.4"
    # `check` does everything but write.
    eval "cx check \"$script\" $args" > /dev/null 2>&1
    check "$name: check succeeds" test $? -eq 0
done

# The shipped templates build from their bundled data with no arguments,
# pass qpdf, and rebuild byte for byte.
for t in templates/*.lua; do
    [ -e "$t" ] || continue
    name=$(basename "$t" .lua)
    out="$tmp/template-$name.pdf"
    if cx build "$t" -o "$out" > "$tmp/$name.log" 2>&1; then
        ok
        check "template $name: qpdf --check" sh -c "qpdf --check '$out' > /dev/null 2>&1"
        cx build "$t" -o "$out.2" > /dev/null 2>&1
        check "template $name: byte-identical rebuild" cmp -s "$out" "$out.2"
    else
        bad "template $name: build failed"; cat "$tmp/$name.log"
    fi
done

# The bundled fixtures are exactly what their generator writes.
gen="$(dirname "$bin")/tools/gen_fixtures"
if [ -x "$gen" ]; then
    "$gen" "$tmp/fixtures" > /dev/null 2>&1
    check "fixtures are reproduced by tests/tools/gen_fixtures" diff -r -q "$tmp/fixtures" fixtures
fi

# --charts DIR: every chart as DIR/NN-name.png (2x) and .svg, in document
# order, named by `name` or a slug of the title; the same bytes every time;
# nothing at all when the build fails.
cx build tests/e2e/cases/charts.lua -o "$tmp/ch.pdf" --charts "$tmp/charts/a" > /dev/null 2>&1
check "--charts builds and creates the folder" test $? -eq 0 -a -d "$tmp/charts/a"
for stem in 01-nps-ranking 02-nps-with-95-confidence-interval 03-promoters-passives-and-detractors \
            04-responses-by-role 05-nps-over-time 06-nps-by-customer-segment 07-satisfaction-and-nps \
            08-cx-maturity-by-competency 09-organisations-by-maturity-level \
            10-competency-scores-by-segment 11-key-figures-against-peers 12-where-helix-stands 13-chart; do
    echo "$stem.png"; echo "$stem.svg"
done | sort > "$tmp/charts.want"
ls -A "$tmp/charts/a" > "$tmp/charts.got"
check "--charts writes NN-name.png and .svg for every chart" cmp -s "$tmp/charts.want" "$tmp/charts.got"
if ! cmp -s "$tmp/charts.want" "$tmp/charts.got"; then diff "$tmp/charts.want" "$tmp/charts.got" | head; fi
# PNG signature, then IHDR width: 2 px per point of a 481.876 pt column
# with 8 pt margins, 2 * 497.876 = 995.75, rounded up: 996 = 0x3e4
check "chart PNG is a PNG at twice the chart's size" sh -c \
    "od -An -tx1 -N24 '$tmp/charts/a/01-nps-ranking.png' | tr -d ' \n' | grep -q '^89504e470d0a1a0a0000000d49484452000003e4'"
check "chart SVG is an SVG in points" grep -q '<svg .*width="497.876pt"' "$tmp/charts/a/01-nps-ranking.svg"
cx build tests/e2e/cases/charts.lua -o "$tmp/ch2.pdf" --charts "$tmp/charts/b" > /dev/null 2>&1
check "two chart exports are byte-identical" diff -r "$tmp/charts/a" "$tmp/charts/b"
cx build tests/e2e/cases/charts.lua -o "$tmp/ch3.pdf" > /dev/null 2>&1
check "the PDF does not change with --charts" cmp -s "$tmp/ch.pdf" "$tmp/ch3.pdf"
printf 'chart { kind = "bar", categories = { "a" }, values = { 1 } }\nerror("late failure")\n' > "$tmp/late.lua"
cx build "$tmp/late.lua" -o "$tmp/late.pdf" --charts "$tmp/charts/late" > /dev/null 2>&1
check "a script error exits 4 with --charts" test $? -eq 4
check "a failed build writes no chart files" test ! -e "$tmp/charts/late"
printf 'chart { kind = "bar", categories = { "a" }, values = { 1 } }\nchart { kind = "radar", categories = { "a", "b" }, values = { 1, 2 } }\n' > "$tmp/layoutfail.lua"
mkdir -p "$tmp/charts/kept"
cx build "$tmp/layoutfail.lua" -o "$tmp/layoutfail.pdf" --charts "$tmp/charts/kept" > "$tmp/layoutfail.log" 2>&1
check "a chart that cannot be drawn is a script error at its line" \
    grep -q '^.*layoutfail.lua:2: chart: a radar chart needs 3 to 12 dimensions, not 2$' "$tmp/layoutfail.log"
check "a chart that cannot be drawn writes no chart files" sh -c "[ -z \"\$(ls -A '$tmp/charts/kept')\" ] && [ ! -e '$tmp/layoutfail.pdf' ]"
cx check tests/e2e/cases/charts.lua --charts "$tmp/charts/c" > /dev/null 2>&1
check "--charts only goes with build (2)" test $? -eq 2
printf 'x\n' > "$tmp/charts/file"
printf 'chart { kind = "bar", categories = { "a" }, values = { 1 } }\n' > "$tmp/one.lua"
cx build "$tmp/one.lua" -o "$tmp/one.pdf" --charts "$tmp/charts/file" > /dev/null 2>&1
check "--charts naming a file is an output error (5)" test $? -eq 5
check "--charts naming a file writes no PDF" test ! -e "$tmp/one.pdf"

# Typography blocks: links are annotations (web links as /URI actions);
# the data behind the charts is an appendix unless --chart-data off.
cx build tests/e2e/cases/blocks.lua -o "$tmp/blocks.pdf" --no-cache > /dev/null 2>&1
qpdf --qdf --object-streams=disable "$tmp/blocks.pdf" "$tmp/blocks-qdf.pdf" > /dev/null 2>&1
check "blocks: two web links are /URI actions" \
    test "$(grep -a -c '/S /URI' "$tmp/blocks-qdf.pdf")" -eq 2
# 4 contents entries, 3 references, 2 note markers and 2 links back, 2 web links
check "blocks: 13 link annotations" \
    test "$(grep -a -c '/Subtype /Link' "$tmp/blocks-qdf.pdf")" -eq 13
check "blocks: the appendix has the data behind the charts" \
    sh -c "pdftotext '$tmp/blocks.pdf' - 2>/dev/null | grep -q 'Data behind the charts'"
cx build tests/e2e/cases/blocks.lua -o "$tmp/blocks-off.pdf" --chart-data off --no-cache > /dev/null 2>&1
check "blocks: --chart-data off leaves the appendix out" \
    sh -c "! pdftotext '$tmp/blocks-off.pdf' - 2>/dev/null | grep -q 'Data behind the charts'"
cx build tests/e2e/cases/blocks.lua -o "$tmp/blocks-bad.pdf" --chart-data table > /dev/null 2>&1
check "blocks: --chart-data takes appendix or off (2)" test $? -eq 2

# A script that only names its report builds a one-page PDF.
printf 'report { title = "Only a title", subtitle = "and a subtitle", author = "A. Author" }\n' > "$tmp/title.lua"
cx build "$tmp/title.lua" -o "$tmp/title.pdf" > /dev/null 2>&1
check "title-only script builds" test -s "$tmp/title.pdf"
check "title-only PDF passes qpdf" sh -c "qpdf --check '$tmp/title.pdf' > /dev/null 2>&1"
check "title-only PDF has one page" sh -c "pdfinfo '$tmp/title.pdf' | grep -q '^Pages: *1\$'"
check "title page text extracts" sh -c "pdftotext '$tmp/title.pdf' - 2>/dev/null | grep -q 'Only a title'"
check "document info has the title" sh -c "pdfinfo '$tmp/title.pdf' | grep -q '^Title: *Only a title'"
check "document info has the author" sh -c "pdfinfo '$tmp/title.pdf' | grep -q '^Author: *A. Author'"

# The default output name is the script's, in the current folder.
(cd "$tmp" && cx build title.lua > /dev/null 2>&1)
check "default output is SCRIPT.pdf" test -s "$tmp/title.pdf"

# SOURCE_DATE_EPOCH sets the document date; without it there is none.
SOURCE_DATE_EPOCH=1466000000 cx build "$tmp/title.lua" -o "$tmp/dated.pdf" > /dev/null 2>&1
check "SOURCE_DATE_EPOCH sets CreationDate" sh -c "pdfinfo -isodates '$tmp/dated.pdf' | grep -q '^CreationDate: *2016-06-15T14:13:20'"
check "no date without SOURCE_DATE_EPOCH" sh -c "! pdfinfo '$tmp/title.pdf' | grep -q '^CreationDate'"

# run: prints what the script prints, and its value as JSON with sorted keys.
printf 'print("hello", 1, 2.5)\nreturn { b = 1, a = { 3, 2 }, c = 0.1, d = 1/0, e = "x" }\n' > "$tmp/run.lua"
cx run "$tmp/run.lua" > "$tmp/run.out" 2> "$tmp/run.err"
check "run exits 0" test $? -eq 0
printf 'hello\t1\t2.5\n{\n  "a": [\n    3,\n    2\n  ],\n  "b": 1,\n  "c": 0.1,\n  "d": null,\n  "e": "x"\n}\n' > "$tmp/run.want"
check "run prints output and sorted JSON" cmp -s "$tmp/run.out" "$tmp/run.want"

# param values reach the script as strings; absent ones are nil.
printf 'return { year = param.year, missing = param.nope, kind = type(param.year) }\n' > "$tmp/param.lua"
cx run "$tmp/param.lua" --param year=2016 > "$tmp/param.out" 2>&1
check "param.KEY is the --param string" grep -q '"year": "2016"' "$tmp/param.out"
check "param value is a string" grep -q '"kind": "string"' "$tmp/param.out"
check "absent param is nil" sh -c "! grep -q missing '$tmp/param.out'"

# The sandbox: exactly the globals the README lists are reachable (the
# block after its "reachable-globals" marker).
cx run tests/e2e/globals.lua > "$tmp/globals.out" 2>&1
sed -n '/^<!-- reachable-globals/,/^```$/p' README.md | sed '1,2d;$d' | tr ' ' '\n' | grep -v '^$' > "$tmp/globals.documented"
printf 'null\n' >> "$tmp/globals.documented"     # what the script returns
check "the README's list of globals is found" test -s "$tmp/globals.documented" -a "$(wc -l < "$tmp/globals.documented")" -gt 100
check "globals match the list in the README" cmp -s "$tmp/globals.out" "$tmp/globals.documented"
if ! cmp -s "$tmp/globals.out" "$tmp/globals.documented"; then diff "$tmp/globals.out" "$tmp/globals.documented" | head -20; fi

# pairs() order is stable across runs (Lua's hash seed changes every run).
printf 'local t = {} for i = 1, 200 do t["k" .. i] = i end\nlocal o = {} for k in pairs(t) do o[#o + 1] = k end\nreturn table.concat(o, ",")\n' > "$tmp/order.lua"
cx run "$tmp/order.lua" > "$tmp/order1" 2>&1
cx run "$tmp/order.lua" > "$tmp/order2" 2>&1
cx run "$tmp/order.lua" > "$tmp/order3" 2>&1
check "pairs order is the same on every run" sh -c "cmp -s '$tmp/order1' '$tmp/order2' && cmp -s '$tmp/order1' '$tmp/order3'"

# Usage errors exit 2; help and version exit 0.
cx --help > "$tmp/help" 2>&1
check "--help exits 0" test $? -eq 0
check "--help documents exit codes" grep -q '4  script error' "$tmp/help"
cx --version > "$tmp/version" 2>&1
check "--version exits 0 and names the program" grep -q '^cxreport [0-9]' "$tmp/version"
cx build > /dev/null 2>&1
check "missing script is a usage error (2)" test $? -eq 2
cx frobnicate x.lua > /dev/null 2>&1
check "unknown command is a usage error (2)" test $? -eq 2
cx build "$tmp/title.lua" --bogus > /dev/null 2>&1
check "unknown option is a usage error (2)" test $? -eq 2
cx build "$tmp/title.lua" --data nameonly > /dev/null 2>&1
check "--data without = is a usage error (2)" test $? -eq 2

# Output errors exit 5 and leave nothing behind.
cx build "$tmp/title.lua" -o "$tmp/no/such/dir/x.pdf" > /dev/null 2>&1
check "unwritable output is an output error (5)" test $? -eq 5
mkdir -p "$tmp/isdir.pdf"
cx build "$tmp/title.lua" -o "$tmp/isdir.pdf" > /dev/null 2>&1
check "output that is a directory is an output error (5)" test $? -eq 5
check "no temporary left behind" sh -c "! ls -A '$tmp' | grep -q '^\\.isdir'"

# Brands: the same report in the brand it names (meridian), in the house
# look (--brand overrides the name) and in a test brand with a cover
# picture and a watermark; each brand's colours, logo, cover, page size
# and furniture must be in its PDF and no other's.
bs=tests/e2e/brand/report.lua
cx build "$bs" -o "$tmp/b-meridian.pdf" > "$tmp/b-meridian.log" 2>&1
check "a report builds in the brand it names" test $? -eq 0
cx build "$bs" --brand templates/brands/default -o "$tmp/b-default.pdf" > "$tmp/b-default.log" 2>&1
check "--brand overrides the brand a report names" test $? -eq 0
cx build "$bs" --brand tests/e2e/brands/draft -o "$tmp/b-draft.pdf" > "$tmp/b-draft.log" 2>&1
check "a brand with a cover picture and a watermark builds" test $? -eq 0
for b in meridian default draft; do
    check "brand $b: qpdf --check" sh -c "qpdf --check '$tmp/b-$b.pdf' > /dev/null 2>&1"
    qpdf --qdf --object-streams=disable "$tmp/b-$b.pdf" "$tmp/b-$b.qdf" > /dev/null 2>&1
    pdftotext -f 1 -l 1 "$tmp/b-$b.pdf" "$tmp/b-$b.cover" 2>/dev/null
    pdftotext -f 2 "$tmp/b-$b.pdf" "$tmp/b-$b.body" 2>/dev/null
done
cx build "$bs" -o "$tmp/b-meridian2.pdf" > /dev/null 2>&1
check "a branded report rebuilds byte for byte" cmp -s "$tmp/b-meridian.pdf" "$tmp/b-meridian2.pdf"
cx build "$bs" --brand tests/e2e/brands/draft -o "$tmp/b-draft2.pdf" > /dev/null 2>&1
check "a report with images and a watermark rebuilds byte for byte" cmp -s "$tmp/b-draft.pdf" "$tmp/b-draft2.pdf"
# primary colours: meridian #00594F, the house #1D4E89 (as libharu writes them)
check "meridian's teal fills its pages" grep -aq '^0 0.34902 0.3098 rg' "$tmp/b-meridian.qdf"
check "the house blue is not in meridian's pages" sh -c "! grep -aq '0.11373 0.30588 0.53725 rg' '$tmp/b-meridian.qdf'"
check "the house blue fills the default brand's pages" grep -aq '^0.11373 0.30588 0.53725 rg' "$tmp/b-default.qdf"
check "meridian's teal is not in the default brand's pages" sh -c "! grep -aq '0 0.34902 0.3098 rg' '$tmp/b-default.qdf'"
check "meridian embeds Lato, the house DejaVu" sh -c "pdffonts '$tmp/b-meridian.pdf' 2>/dev/null | grep -q Lato-Regular && pdffonts '$tmp/b-default.pdf' 2>/dev/null | grep -q DejaVuSans && ! pdffonts '$tmp/b-default.pdf' 2>/dev/null | grep -q Lato"
# the logo: meridian's 540 x 160 PNG with its transparency (a soft mask)
check "meridian's logo is in its PDF, with transparency" sh -c "pdfimages -list '$tmp/b-meridian.pdf' 2>/dev/null | grep -q ' image  *540  *160 ' && pdfimages -list '$tmp/b-meridian.pdf' 2>/dev/null | grep -q ' smask  *540  *160 '"
check "the house look has no logo" sh -c "! pdfimages -list '$tmp/b-default.pdf' 2>/dev/null | grep -q ' 540  *160 '"
check "the cover picture is embedded as JPEG" sh -c "pdfimages -list '$tmp/b-draft.pdf' 2>/dev/null | grep -q ' image  *800  *400 .* jpeg '"
check "the script's picture is in every brand" sh -c "for b in meridian default draft; do pdfimages -list '$tmp/b-'\$b.pdf 2>/dev/null | grep -q ' image  *300  *120 ' || exit 1; done"
check "meridian's pages are US Letter" sh -c "pdfinfo '$tmp/b-meridian.pdf' | grep -q '^Page size: *612 x 792 pts'"
check "the house pages are A4" sh -c "pdfinfo '$tmp/b-default.pdf' | grep -q '^Page size: *595.276 x 841.89 pts'"
check "a custom page size" sh -c "pdfinfo '$tmp/b-draft.pdf' | grep -q '^Page size: *540 x 720 pts'"
check "meridian's cover names the client under the band" sh -c "grep -q '^PREPARED FOR\$' '$tmp/b-meridian.cover' && grep -q '^Fabrikam Residences\$' '$tmp/b-meridian.cover' && grep -q 'Quarterly Customer Review' '$tmp/b-meridian.cover'"
check "the house cover says whom it is prepared for" grep -q '^Prepared for Fabrikam Residences$' "$tmp/b-default.cover"
check "meridian's footer carries the confidentiality line" grep -q 'Confidential — prepared for Fabrikam Residences' "$tmp/b-meridian.body"
check "the house footer carries the title" grep -q '^Quarterly Customer Review$' "$tmp/b-default.body"
check "the watermark is translucent" grep -aq '/ca 0.14902' "$tmp/b-draft.qdf"
check "no watermark in meridian" sh -c "! grep -aq '/ca ' '$tmp/b-meridian.qdf'"
# a character no font has: a box and a warning at its line, the build succeeds
check "a character no font has is a warning at its line" \
    grep -q '^tests/e2e/brand/report.lua:12: warning: no font has the character U+1F600 ' "$tmp/b-meridian.log"
if [ -r /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    check "Japanese comes from the fallback font" sh -c "pdffonts '$tmp/b-meridian.pdf' 2>/dev/null | grep -q WenQuanYiMicroHei && grep -q '価格がもう少し安ければ満足です' '$tmp/b-meridian.body'"
fi
# chart exports draw with the brand's fonts and colours
cx build "$bs" -o "$tmp/b-ch.pdf" --charts "$tmp/b-charts-m" > /dev/null 2>&1
cx build "$bs" --brand templates/brands/default -o "$tmp/b-ch2.pdf" --charts "$tmp/b-charts-d" > /dev/null 2>&1
check "chart exports follow the brand" sh -c "test -s '$tmp/b-charts-m/01-nps-by-segment.png' && ! cmp -s '$tmp/b-charts-m/01-nps-by-segment.png' '$tmp/b-charts-d/01-nps-by-segment.png'"
cx build "$bs" --brand "$tmp/no-such-brand" -o "$tmp/b-none.pdf" > "$tmp/b-none.log" 2>&1
check "a missing brand folder is a data error (3)" test $? -eq 3
check "a missing brand folder writes nothing" test ! -e "$tmp/b-none.pdf"

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
