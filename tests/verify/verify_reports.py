#!/usr/bin/env python3
"""Checks every computed number in the four shipped reports.

usage: verify_reports.py ROOT TEXTDIR

ROOT is the repository (for fixtures/), TEXTDIR holds NAME.txt, the
`pdftotext -layout` text of templates/NAME.lua built from its bundled data.
Every number the templates compute is worked out again here, from the
fixtures and the formulas of the domain spec (NPS, adjusted Wald, Kish,
net scores, Pearson with Student's t, maturity scores, type-7 quantiles,
percentile ranks, B2B account modes), formatted as the templates format
it, and compared with the text.  The appendix "Data behind the charts" is
checked too: each chart's heading, the numbers and names of its text
alternative, and its table of numbers row by row, in the order the chart
draws them and formatted as its value labels.  Nothing here reads
cxreport's own results.  Prints one line per failed check and closes with
"verify: N passed, M failed".

Standard library only.  Ratios of counts are computed exactly with
Fraction and must round exactly; values that go through a square root, a
distribution function or a mean of computed values may sit within 1e-9 of
a rounding boundary, and then either neighbour is accepted (a note goes to
standard error).
"""
import json
import math
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

MINUS = "\u2212"
DASH = "\u2013"          # the templates' "no value" mark
TOL = 1e-9


# ------------------------------------------------------------- formatting
# The templates' rules: round half away from zero on the shortest decimal
# that round-trips the double, a true minus sign, a zero never signed.

def _round(x, d):
    dec = Decimal(repr(float(x)))
    r = abs(dec).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    return r, dec < 0


def number(x, d, group=False):
    r, neg = _round(x, d)
    s = format(r, ",.%df" % d if group else ".%df" % d)
    return (MINUS + s) if neg and r != 0 else s


def nps_text(x):
    return number(x, 0)


def percent(x, d=0):
    return number(x, d) + "%"


def delta(x, d):
    r, neg = _round(x, d)
    s = format(r, ".%df" % d)
    if r == 0:
        return s
    return (MINUS if neg else "+") + s


def p_text(p):
    return "p < 0.001" if p < 0.001 else "p = " + number(p, 3)


def count(n):
    return number(n, 0, group=True)


class Want:
    """An expected cell: the text, and the other texts accepted because the
    exact value sits within TOL of a rounding boundary."""

    def __init__(self, text, alts=(), note=None, label=False):
        self.text, self.alts, self.note = text, tuple(a for a in alts if a != text), note
        self.label = label                 # a name or a category, not a number

    def __repr__(self):
        return repr(self.text) if not self.alts else "%r (or %s)" % (self.text, ", ".join(map(repr, self.alts)))


def want(x, fmt, exact=False):
    """Format x; unless exact, also accept the format of x nudged by TOL."""
    if x is None:
        return Want(DASH)
    text = fmt(x)
    if exact:
        return Want(text)
    f = float(x)
    eps = TOL * max(1.0, abs(f))
    alts = {fmt(f - eps), fmt(f + eps)} - {text}
    return Want(text, sorted(alts), note="%r is within %g of a rounding boundary" % (f, eps) if alts else None)


def lit(x):
    """A number printed as is (a count, a year, a rank)."""
    return Want(str(x))


def word(s):
    """A name, category or label the numbers decide (order, band, level)."""
    return Want(str(s), label=True)


# ------------------------------------------------------------- statistics

def mean(xs):
    xs = list(xs)
    return sum(xs, Fraction(0)) / len(xs) if xs else None


def quantile7(xs, p):
    """Hyndman-Fan type 7 (R's default), exact on Fractions."""
    xs = sorted(xs)
    if not xs:
        return None
    h = (len(xs) - 1) * Fraction(p)
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def percentile_rank(xs, x):
    if not xs or x is None:
        return None
    below = sum(1 for v in xs if v < x)
    equal = sum(1 for v in xs if v == x)
    return Fraction(100) * (below + Fraction(equal, 2)) / len(xs)


def normal_two_sided(z):
    return math.erfc(abs(z) / math.sqrt(2.0))


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        dl = d * c
        h *= dl
        if abs(dl - 1.0) < 1e-16:
            return h
    raise ArithmeticError("incomplete beta did not converge")


def betai(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    bt = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return bt * _betacf(a, b, x) / a
    return 1.0 - bt * _betacf(b, a, 1.0 - x) / b


def t_two_sided(t, df):
    """Two-sided p of Student's t: P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2)."""
    return betai(df / 2.0, 0.5, df / (df + t * t))


def pearson(pairs):
    """r, n, p (t with n-2 df); sums exact on Fractions."""
    n = len(pairs)
    if n < 3:
        return None
    mx = sum((x for x, _ in pairs), Fraction(0)) / n
    my = sum((y for _, y in pairs), Fraction(0)) / n
    sxx = sum(((x - mx) ** 2 for x, _ in pairs), Fraction(0))
    syy = sum(((y - my) ** 2 for _, y in pairs), Fraction(0))
    sxy = sum(((x - mx) * (y - my) for x, y in pairs), Fraction(0))
    if sxx == 0 or syy == 0:
        return None
    r = float(sxy) / math.sqrt(float(sxx) * float(syy))
    if abs(r) >= 1.0:
        p = 0.0
    else:
        t = r * math.sqrt(n - 2) / math.sqrt(1.0 - r * r)
        p = t_two_sided(t, n - 2)
    return {"r": r, "n": n, "p": p}


def nps_stats(rows, field, weight_field=None):
    """NPS with Kish SE and the 95 % adjusted Wald interval (Rocks 2016)."""
    vals = [(r[field], r[weight_field] if weight_field else 1) for r in rows if r.get(field) is not None]
    n = len(vals)
    if n == 0:
        return {"n": 0, "nps": None}
    w_all = sum((w for _, w in vals), Fraction(0))
    w_sq = sum((Fraction(w) ** 2 for _, w in vals), Fraction(0))
    w_pro = sum((w for v, w in vals if v >= 9), Fraction(0))
    w_det = sum((w for v, w in vals if v <= 6), Fraction(0))
    p, d = w_pro / w_all, w_det / w_all
    n_eff = w_all * w_all / w_sq
    se = 100.0 * math.sqrt(float((p + d - (p - d) ** 2) / n_eff))
    # adjusted Wald on the effective base: +0.75 promoters and detractors,
    # +1.5 passives, so n_eff + 3
    n_adj = n_eff + 3
    pa = (p * n_eff + Fraction(3, 4)) / n_adj
    da = (d * n_eff + Fraction(3, 4)) / n_adj
    centre = 100 * (pa - da)
    se_adj = 100.0 * math.sqrt(float((pa + da - (pa - da) ** 2) / n_adj))
    lo = max(-100.0, float(centre) - 1.96 * se_adj)
    hi = min(100.0, float(centre) + 1.96 * se_adj)
    return {"n": n, "nps": 100 * (p - d), "promoters": 100 * p, "detractors": 100 * d,
            "passives": 100 * (1 - p - d), "se": se, "ci_low": lo, "ci_high": hi}


def net_stats(rows, field, top, bottom, missing=(), weight_field=None):
    vals = [(r[field], r[weight_field] if weight_field else 1) for r in rows
            if r.get(field) is not None and r[field] not in missing]
    if not vals:
        return None
    w_all = sum((w for _, w in vals), Fraction(0))
    t = 100 * sum((w for v, w in vals if v in top), Fraction(0)) / w_all
    b = 100 * sum((w for v, w in vals if v in bottom), Fraction(0)) / w_all
    return {"top": t, "bottom": b, "net": t - b}


# ------------------------------------------------------------- checking

class Checker:
    def __init__(self):
        self.passed = self.failed = 0
        self.report = ""
        self.per_report = {}

    def _count(self, ok, label=False):
        c = self.per_report.setdefault(self.report, [0, 0, 0])
        c[0 if ok else 1] += 1
        c[2] += 1 if label else 0
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def eq(self, item, got, exp):
        if not isinstance(exp, Want):
            exp = lit(exp)
        ok = got is not None and (got == exp.text or got in exp.alts)
        self._count(ok, exp.label)
        if not ok:
            print("FAIL verify: %s: %s: report has %s, expected %r" % (
                self.report, item, "nothing" if got is None else repr(got), exp))
        elif exp.note and got != exp.text:
            print("note: %s: %s: %s; accepted %r" % (self.report, item, exp.note, got), file=sys.stderr)

    def starts(self, item, got, full):
        """A wrapped cell: its first line must begin the expected text."""
        ok = bool(got) and norm(full).startswith(got)
        self._count(ok, True)
        if not ok:
            print("FAIL verify: %s: %s: report has %s, expected the start of %r" % (
                self.report, item, "nothing" if got is None else repr(got), full))

    def fail(self, item, message):
        self._count(False)
        print("FAIL verify: %s: %s: %s" % (self.report, item, message))

    def ok(self):
        self._count(True)


CHECK = Checker()


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def cells(line):
    return [c for c in re.split(r"\s{2,}", line.strip()) if c]


class Text:
    """A report's text with footers removed, split at its headings."""

    FOOTER = re.compile(r"\s{2,}Page \d+ of \d+\s*$")

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        pages = raw.split("\f")
        self.title_page = norm(pages[0])
        self.lines = [l.rstrip() for l in "\n".join(pages).split("\n") if not self.FOOTER.search(l)]

    def sections(self, headings):
        """heading -> its lines up to the next heading (headings in document
        order; the contents page never matches, its lines end in a number)."""
        found, at = [], 0
        for h in headings:
            i = at
            while i < len(self.lines) and self.lines[i].strip() != h:
                i += 1
            if i == len(self.lines):
                CHECK.fail("heading %r" % h, "not found in order")
                found.append((h, None))
            else:
                found.append((h, i))
                at = i + 1
        out = {}
        for k, (h, i) in enumerate(found):
            if i is None:
                out[h] = []
                continue
            nxt = next((j for _, j in found[k + 1:] if j is not None), len(self.lines))
            out[h] = self.lines[i + 1:nxt]
        return out


def prose(lines):
    return norm(" ".join(lines))


def tiles(lines):
    """Key-figure tiles: {label: (value, change)}.  A row of tiles is a
    line of values, then the lines under it up to a blank line, each cell
    in the column of the value it stands under (labels wrap; the change,
    "+2.6 vs 2015", comes last, a little indented after its arrow)."""
    out, i = {}, 0
    spans = lambda line: [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        cols = [[start, value, []] for start, value in spans(lines[i])]
        if not all(re.fullmatch(r"[+\u2212]?[\d.,]+%?", value) for _, value, _ in cols):
            break               # a line of text, not of numbers: the tiles are over
        i += 1
        while i < len(lines) and lines[i].strip():
            for start, text in spans(lines[i]):
                col = max((c for c in cols if c[0] <= start + 1), key=lambda c: c[0], default=None)
                if col:
                    col[2].append(text)
            i += 1
        for _, value, parts in cols:
            change = parts.pop() if parts and re.fullmatch(r"\S+ vs \S+", parts[-1]) else None
            out[" ".join(parts)] = (value, change)
    return out


def sentence(text, pattern, wants, item):
    """Match pattern in text; each group is checked against wants."""
    m = re.search(pattern, text)
    for k, (name, w) in enumerate(wants):
        CHECK.eq("%s: %s" % (item, name), m.group(k + 1) if m else None, w)


def table(lines, header, ncols):
    """The rows of a table: the lines after its header with ncols cells,
    skipping the header repeated after a page break."""
    header = [h for h in header if h]     # an empty header cell prints nothing
    start = next((i for i, l in enumerate(lines) if cells(l) == header), None)
    if start is None:
        return None
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            continue
        c = cells(line)
        if c == header:
            continue
        if len(c) != ncols:
            break
        rows.append(c)
    return rows


def check_table(item, lines, header, expected, key=0):
    """Compare a table cell by cell with expected rows (lists of Want)."""
    got = table(lines, header, len(header))
    if got is None:
        for r in expected:
            for c in r:
                CHECK.eq("%s: table header %r" % (item, header), None, c)
        return
    names = [h or "label" for h in header]
    for i, exp in enumerate(expected):
        row = got[i] if i < len(got) else None
        label = exp[key].text
        for j, w in enumerate(exp):
            CHECK.eq("%s: row %d (%s): %s" % (item, i + 1, label, names[j]), row[j] if row else None, w)
    for i in range(len(expected), len(got)):
        CHECK.fail("%s: row %d" % (item, i + 1), "unexpected row %r" % (got[i],))


def load(root, rel):
    with open(os.path.join(root, "fixtures", rel), encoding="utf-8") as f:
        return json.load(f, parse_float=Fraction)


# ------------------------------------------------------------- charts
# The appendix "Data behind the charts": for every chart, in document
# order, a heading "Figure N: title", the chart's one-sentence text
# alternative and a table of its numbers in the order the chart draws
# them, each formatted as the chart's value labels are (the chart's
# decimals and suffix, no plus sign).

CHART_NUM = r"[+\u2212]?\d[\d,]*(?:\.\d+)?%?"


def chart_fmt(decimals=0, suffix=""):
    return lambda y: number(y, decimals) + suffix


def close(a, b):
    return abs(float(a) - float(b)) <= TOL * max(1.0, abs(float(a)), abs(float(b)))


def drawn(order, key, desc=True):
    """A chart's rows sorted by key, stably (the chart's own sort)."""
    return sorted(order, key=(lambda r: -key(r)) if desc else key)


def extreme(names, values, fmt, exact=False, highest=True):
    """The first largest (smallest) value in data order and its category:
    (name, value) Wants; unless exact, a category whose value is within
    TOL of the extreme may be the one named."""
    x = (max if highest else min)(values)
    i = values.index(x)
    ties = [] if exact else [n for n, v in zip(names, values) if close(v, x)]
    return Want(names[i], ties, label=True), want(x, fmt, exact)


class Fig:
    """An expected chart of the appendix.  alt: the regular expression of
    its text alternative, its groups checked against wants; header: the
    table's column titles; rows: [(category, [Want, ...])] in drawing
    order; keys: each row's sort key (rows whose keys are within TOL of
    each other may come in either order), or None when the chart does
    not sort."""

    def __init__(self, title, alt, wants, header, rows, keys=None):
        self.title, self.alt, self.wants, self.header, self.rows, self.keys = title, alt, wants, header, rows, keys


def chart_rows(lines, ncols):
    """(prose before the first row, rows as (category, [cell, ...]))."""
    row = re.compile(r"\s*(\S.*?)\s{2,}" + r"\s+".join(["(%s)" % CHART_NUM] * ncols) + r"\s*")
    before, rows = [], []
    for line in lines:
        m = row.fullmatch(line)
        if m:
            rows.append((norm(m.group(1)), list(m.groups()[1:])))
        elif not rows:
            before.append(line)
        # a line of words after the first row: the header again, after a page break
    return prose(before), rows


def check_charts(text, figs):
    headings = ["Figure %d: %s" % (k + 1, f.title) for k, f in enumerate(figs)]
    sec = text.sections(["Data behind the charts"] + headings)
    stray = sum(1 for h in ["Data behind the charts"] + headings for l in sec[h] if re.match(r"\s*Figure \d+: ", l))
    CHECK.eq("charts: number of figures", str(len(figs) + stray), lit(len(figs)))
    for k, f in enumerate(figs):
        item = "chart %d (%s)" % (k + 1, f.title)
        before, got = chart_rows(sec[headings[k]], len(f.header) - 1)
        m = re.match(r"(?:" + f.alt + r")(?= |$)\s*(.*)$", before)
        for j, (name, w) in enumerate(f.wants):
            CHECK.eq("%s: text alternative: %s" % (item, name), m.group(j + 1) if m else None, w)
        # the header may wrap, a word at a time within its column
        header = m.group(len(f.wants) + 1) if m else None
        CHECK.eq(item + ": table header", header and " ".join(sorted(header.split())),
                 word(" ".join(sorted(" ".join(f.header).split()))))
        for i, (name, exp) in enumerate(f.rows):
            g = got[i] if i < len(got) else (None, [None] * len(exp))
            if f.keys and g[0] != name:
                swap = next((j for j, (n, _) in enumerate(f.rows) if n == g[0] and close(f.keys[j], f.keys[i])), None)
                if swap is not None:
                    print("note: %s: %s: row %d is %r, tied within %g with %r" % (
                        CHECK.report, item, i + 1, g[0], TOL, name), file=sys.stderr)
                    name, exp = f.rows[swap]
            label = "%s: row %d (%s)" % (item, i + 1, name)
            CHECK.eq(label + ": category", g[0], word(name))
            for j, w in enumerate(exp):
                CHECK.eq("%s: %s" % (label, f.header[j + 1]), g[1][j], w)
        for i in range(len(f.rows), len(got)):
            CHECK.fail("%s: row %d" % (item, i + 1), "unexpected row %r" % (got[i],))


def radar_fig(title, client, bench, model):
    """The assessments' radar: the client (0 without a score) against the
    peer median and its quartile band."""
    dims = [bench[d] for d, _ in model["dims"]]
    names = [b["name"] for b in dims]
    mine = [b["client"] if b["client"] is not None else 0 for b in dims]
    hi_name, hi = extreme(names, mine, chart_fmt(), exact=True)
    lo_name, lo = extreme(names, mine, chart_fmt(), exact=True, highest=False)
    # scores and quartiles are exact (ratios of counts, type-7 positions): a tie is a tie
    above = sum(1 for x, b in zip(mine, dims) if x > b["median"])
    return Fig(title, "Radar chart: " + re.escape(title) + r", (\S+) dimensions; (.+?) highest on (.+?) \((\S+)\), "
               r"lowest on (.+?) \((\S+)\); above the Peer median on (\S+) of (\S+)\.",
               [("dimensions", lit(len(dims))), ("client", word(client)), ("highest", hi_name), ("highest score", hi),
                ("lowest", lo_name), ("lowest score", lo),
                ("above the median", lit(above)),
                ("of", lit(len(dims)))],
               ["Category", client, "Peer median", "Peer median (low)", "Peer median (high)"],
               [(b["name"], [score_w(x), score_w(b["median"]), score_w(b["q1"]), score_w(b["q3"])])
                for x, b in zip(mine, dims)])


# ------------------------------------------------------------- the reports

def verify_nps(root, text):
    CHECK.report = "nps_benchmark"
    min_n = 40
    cur, pri = load(root, "nps_benchmark/survey_2016.json"), load(root, "nps_benchmark/survey_2015.json")
    rows, prows = cur["responses"], pri["responses"]
    wf, pwf = cur["survey"].get("weight"), pri["survey"].get("weight")
    year, last_year = cur["survey"]["year"], pri["survey"]["year"]

    def by(rs, field="vendor"):
        groups = {}
        for r in rs:
            if r.get(field) is not None:
                groups.setdefault(r[field], []).append(r)
        return dict(sorted(groups.items()))

    vendors = by(rows)
    stats = {v: nps_stats(rs, "recommend", wf) for v, rs in vendors.items()}
    listed = [v for v in vendors if stats[v]["n"] >= min_n and stats[v]["nps"] is not None]
    ranked = sorted(listed, key=lambda v: (-stats[v]["nps"], v))
    rank = {v: 1 + sum(1 for u in listed if stats[u]["nps"] > stats[v]["nps"]) for v in listed}
    average = mean(stats[v]["nps"] for v in listed)
    pooled = nps_stats(rows, "recommend", wf)["nps"]
    best, worst = ranked[0], ranked[-1]

    pstats = {v: nps_stats(rs, "recommend", pwf) for v, rs in by(prows).items()}
    plisted = {v for v in pstats if pstats[v]["n"] >= min_n and pstats[v]["nps"] is not None}
    prior_average = mean(pstats[v]["nps"] for v in sorted(plisted))

    changes = []
    for v in listed:                       # compare keeps the left table's order
        if v not in plisted:
            continue
        a, b = stats[v], pstats[v]
        tested = a["n"] >= min_n and b["n"] >= min_n
        p = normal_two_sided(float(a["nps"] - b["nps"]) / math.hypot(a["se"], b["se"])) if tested else None
        changes.append({"vendor": v, "change": a["nps"] - b["nps"], "p": p, "tested": tested,
                        "significant": tested and p < 0.05})
    changes.sort(key=lambda c: -c["change"])  # stable

    def nets(field, top, bottom, missing=()):
        return {v: net_stats(rs, field, top, bottom, missing, wf) for v, rs in vendors.items()}

    try_missing = tuple(next(q.get("missing", []) for q in cur["questions"] if q["id"] == "try_new"))
    momentum = nets("purchase", (4, 5), (1, 2))
    forgive = nets("forgive", (6, 7), (1, 2, 3))
    try_new = nets("try_new", (6, 7), (1, 2, 3), try_missing)

    def company_r(other):
        return pearson([(stats[v]["nps"], other[v]["net"]) for v in listed if other.get(v)])

    r_m, r_f, r_t = company_r(momentum), company_r(forgive), company_r(try_new)

    def r_want(c):
        return want(c["r"], lambda x: number(x, 2)) if c else Want("n/a")

    def one(x, exact=False):
        return want(x, lambda y: number(y, 1), exact)

    def nps_w(x, exact):
        return want(x, nps_text, exact)

    exact_nps = wf is None                 # weighted NPS come from decimal weights
    sec = text.sections(["Executive summary", "Vendor ranking", "Promoters, passives and detractors",
                         "Change from last year", "Loyalty and purchase intent",
                         "How promoters and detractors differ", "Results by vendor type",
                         "Appendix: all vendors", "Methodology"])

    # title page
    sentence(text.title_page, r"Tech Vendor NPS Benchmark (\S+) Net Promoter Score of (\S+) technology vendors",
             [("year", lit(year)), ("vendors", lit(len(vendors)))], "title page")

    # executive summary
    es = sec["Executive summary"]
    body = prose(es)
    sentence(body, r"(\S+) IT buyers rated (\S+) vendors in (\S+)\. Of these, (\S+) had at least (\S+) responses",
             [("responses", lit(count(len(rows)))), ("vendors", lit(len(vendors))), ("year", lit(year)),
              ("ranked vendors", lit(len(listed))), ("min_n", lit(min_n))], "summary")
    key = tiles(es)                        # the key-figure tiles open the summary

    def key_cell(label, k):
        c = key.get(label)
        return c[k] if c else None

    def named(prefix):                     # "Highest NPS: Velora Security" -> (vendor, tile)
        return next(((l[len(prefix):], key[l]) for l in key if l.startswith(prefix)), (None, (None, None)))

    CHECK.eq("key figures: industry average NPS", key_cell("Industry average NPS", 0), one(average))
    m = re.fullmatch(r"(\S+) vs (\S+)", key_cell("Industry average NPS", 1) or "")
    CHECK.eq("key figures: change of the average", m and m.group(1), want(average - prior_average, lambda x: delta(x, 1)))
    CHECK.eq("key figures: prior year", m and m.group(2), lit(last_year))
    vendor, tile = named("Highest NPS: ")
    CHECK.eq("key figures: highest NPS", tile[0], nps_w(stats[best]["nps"], exact_nps))
    CHECK.eq("key figures: highest NPS vendor", vendor, word(best))
    vendor, tile = named("Lowest NPS: ")
    CHECK.eq("key figures: lowest NPS", tile[0], nps_w(stats[worst]["nps"], exact_nps))
    CHECK.eq("key figures: lowest NPS vendor", vendor, word(worst))
    rng = stats[best]["nps"] - stats[worst]["nps"]
    CHECK.eq("key figures: range", key_cell("Range in NPS points", 0), want(rng, nps_text))
    sentence(body, r"Results are (\S+?)\.", [("weighting", word("weighted" if wf else "unweighted"))], "summary")
    sentence(body, r"each vendor counted once, is (\S+?), (\S+) points from (\S+?)\.(?=\s|$) Pooled over all answers, the NPS is (\S+?)\.(?=\s|$)",
             [("industry average", one(average)), ("change", want(average - prior_average, lambda x: delta(x, 1))),
              ("prior year", lit(last_year)), ("pooled NPS", one(pooled))], "summary")
    sentence(body, r"net purchase momentum at r = (\S+) \(n = (\S+) vendors\), with forgiveness at r = (\S+) "
                   r"and with willingness to try new offerings at r = (\S+?)\.(?=\s|$)",
             [("r momentum", r_want(r_m)), ("n", lit(r_m["n"] if r_m else len(listed))),
              ("r forgiveness", r_want(r_f)), ("r try new", r_want(r_t))], "summary")

    # vendor ranking
    sentence(prose(sec["Vendor ranking"]), r"Vendors with at least (\S+) responses", [("min_n", lit(min_n))], "ranking")
    check_table("ranking", sec["Vendor ranking"], ["Rank", "Vendor", "n", "NPS", "95 % CI"], [
        [lit(rank[v]), word(v), lit(count(stats[v]["n"])), nps_w(stats[v]["nps"], exact_nps),
         Want(*_ci_alts(stats[v]))] for v in ranked], key=1)
    check_table("promoters, passives, detractors", sec["Promoters, passives and detractors"],
                ["Vendor", "Promoters", "Passives", "Detractors"],
                [[word(v)] + [want(stats[v][k], percent, exact_nps) for k in ("promoters", "passives", "detractors")]
                 for v in ranked])

    # change from last year
    ch = sec["Change from last year"]
    sentence(prose(ch), r"(\S+) vendors were listed in both years\. (\S+) changed significantly",
             [("vendors in both years", lit(len(changes))),
              ("significant changes", lit(sum(1 for c in changes if c["significant"])))], "change")
    check_table("change", ch, ["Vendor", str(last_year), str(year), "Change", "p", "Significant"], [
        [word(c["vendor"]), nps_w(pstats[c["vendor"]]["nps"], exact_nps), nps_w(stats[c["vendor"]]["nps"], exact_nps),
         want(c["change"], lambda x: delta(x, 1)),
         want(c["p"], p_text) if c["tested"] else word("not tested"), word("yes" if c["significant"] else "no")]
        for c in changes])

    # loyalty
    lo = sec["Loyalty and purchase intent"]
    check_table("loyalty", lo, ["Vendor", "NPS", "Purchase momentum", "Forgiveness", "Try new"], [
        [word(v), nps_w(stats[v]["nps"], exact_nps)] +
        [one(t[v]["net"], exact_nps) if t.get(v) else Want(DASH) for t in (momentum, forgive, try_new)]
        for v in sorted(listed, key=lambda v: -stats[v]["nps"])])

    def r_row(label, c):
        if not c:
            return [word(label), Want("n/a"), lit(0), Want(DASH)]
        return [word(label), r_want(c), lit(c["n"]), want(c["p"], p_text)]

    check_table("correlations", lo, ["Metric against NPS (company level)", "r", "n", "p"], [
        r_row("Net purchase momentum", r_m), r_row("Net forgiveness", r_f),
        r_row("Net willingness to try new offerings", r_t)])

    # promoters against detractors, pooled over vendors
    promoters = [r for r in rows if r.get("recommend") is not None and r["recommend"] >= 9]
    detractors = [r for r in rows if r.get("recommend") is not None and r["recommend"] <= 6]
    pm_p, pm_d = (net_stats(g, "purchase", (4, 5), (1, 2), (), wf) for g in (promoters, detractors))
    fg_p, fg_d = (net_stats(g, "forgive", (6, 7), (1, 2, 3), (), wf) for g in (promoters, detractors))
    check_table("promoters against detractors", sec["How promoters and detractors differ"], ["", "Promoters", "Detractors"], [
        [word("Expect to spend more (4%s5)" % DASH), want(pm_p["top"], percent, exact_nps), want(pm_d["top"], percent, exact_nps)],
        [word("Expect to spend less (1%s2)" % DASH), want(pm_p["bottom"], percent, exact_nps), want(pm_d["bottom"], percent, exact_nps)],
        [word("Would forgive a mistake (6%s7)" % DASH), want(fg_p["top"], percent, exact_nps), want(fg_d["top"], percent, exact_nps)]])

    # vendor type
    types = {t: nps_stats(rs, "recommend", wf) for t, rs in by(rows, "vendor_type").items()}
    check_table("vendor type", sec["Results by vendor type"], ["Vendor type", "n", "NPS (pooled)", "95 % CI"], [
        [word(t), lit(count(s["n"])), nps_w(s["nps"], exact_nps), Want(*_ci_alts(s))] for t, s in types.items()])

    # appendix
    ap = sec["Appendix: all vendors"]
    sentence(prose(ap), r"fewer than (\S+) responses \(marked \*\)", [("min_n", lit(min_n))], "appendix")
    check_table("appendix", ap, ["Vendor", "n", "NPS", "SE"], [
        [word(v + ("" if v in listed else " *")), lit(count(s["n"])), nps_w(s["nps"], exact_nps),
         want(s["se"], lambda x: number(x, 1)) if s["nps"] is not None else Want(DASH)]
        for v, s in stats.items()])

    # methodology
    me = prose(sec["Methodology"])
    sentence(me, r"Sample\. (\S+) ratings of (\S+) vendors", [("responses", lit(count(len(rows)))),
                                                              ("vendors", lit(len(vendors)))], "methodology")
    sentence(me, r"Vendors with fewer than (\S+) responses are not ranked", [("min_n", lit(min_n))], "methodology")
    sentence(me, r"Weighting and precision\. Results are (\S+) ", [("weighting", word("weighted" if wf else "unweighted."))],
             "methodology")

    # the charts, in the appendix "Data behind the charts"
    def bar_alt(kind, title):
        return kind + ": " + re.escape(title) + r", (\S+) vendors, from (\S+) \((.+?)\) to (\S+) \((.+?)\)"

    def ranges(names, values, fmt, exact):
        (hn, hv), (ln, lv) = extreme(names, values, fmt, exact), extreme(names, values, fmt, exact, highest=False)
        return [("highest", hv), ("highest vendor", hn), ("lowest", lv), ("lowest vendor", ln)]

    nps_of = [stats[v]["nps"] for v in ranked]
    by_nps = drawn(ranked, lambda v: stats[v]["nps"])
    title = "Net Promoter Score by vendor, %s" % year
    figs = [Fig(title, bar_alt("Bar chart", title) + r"; industry average (\S+?)\.",
                [("vendors", lit(len(ranked)))] + ranges(ranked, nps_of, nps_text, exact_nps) +
                [("industry average", one(average))],
                ["Vendors", "NPS"], [(v, [nps_w(stats[v]["nps"], exact_nps)]) for v in by_nps],
                [stats[v]["nps"] for v in by_nps])]
    title = "NPS with 95 % confidence interval"
    figs.append(Fig(title, bar_alt("Dot plot", title) + r", each with its interval; average (\S+?)\.",
                    [("vendors", lit(len(ranked)))] + ranges(ranked, nps_of, nps_text, exact_nps) +
                    [("average", one(average))],
                    ["Vendors", "NPS", "Low", "High"],
                    [(v, [nps_w(stats[v]["nps"], exact_nps), want(stats[v]["ci_low"], nps_text),
                          want(stats[v]["ci_high"], nps_text)]) for v in by_nps],
                    [stats[v]["nps"] for v in by_nps]))
    title = "Promoters, passives and detractors"
    by_pro = drawn(ranked, lambda v: stats[v]["promoters"])      # by the promoters' share of the stack
    figs.append(Fig(title, "100% stacked bar chart: " + re.escape(title) +
                    r", (\S+) vendors, segments Promoters, Passives and Detractors\.",
                    [("vendors", lit(len(ranked)))], ["Vendors", "Promoters", "Passives", "Detractors"],
                    [(v, [want(stats[v][k], percent, exact_nps) for k in ("promoters", "passives", "detractors")])
                     for v in by_pro], [stats[v]["promoters"] for v in by_pro]))
    title = "Change in NPS, %s to %s" % (last_year, year)
    significant = [c for c in changes if c["significant"]]
    moved = drawn(changes, lambda c: c["change"])
    alt = bar_alt("Bar chart", title)
    if significant:
        alt += "; highlighted: " + ", ".join([r"(.+?) \((\S+?)\)"] * len(significant))
    figs.append(Fig(title, alt + r"\.",
                    [("vendors", lit(len(changes)))] +
                    ranges([c["vendor"] for c in changes], [c["change"] for c in changes], chart_fmt(1), False) +
                    [w for c in significant for w in (("highlighted vendor", word(c["vendor"])),
                                                      ("highlighted change", want(c["change"], chart_fmt(1))))],
                    ["Vendors", "Change in NPS points"], [(c["vendor"], [want(c["change"], chart_fmt(1))]) for c in moved],
                    [c["change"] for c in moved]))
    title = "NPS and net purchase momentum"
    points = [v for v in drawn(listed, lambda v: stats[v]["nps"]) if momentum.get(v)]
    fit = pearson([(momentum[v]["net"], stats[v]["nps"]) for v in points])
    figs.append(Fig(title, "Scatter plot: " + re.escape(title) + r", (\S+) points" +
                    (r"; correlation r = (\S+?)\." if fit else r"\."),
                    [("points", lit(len(points)))] + ([("r", want(fit["r"], lambda x: number(x, 2)))] if fit else []),
                    ["Vendors", "Net purchase momentum", "NPS"],
                    [(v, [want(momentum[v]["net"], chart_fmt(), exact_nps), nps_w(stats[v]["nps"], exact_nps)])
                     for v in points], [stats[v]["nps"] for v in points]))
    check_charts(text, figs)


def _ci_alts(s):
    """The "lo to hi" text of an interval, and the neighbours at a boundary."""
    lo, hi = want(s["ci_low"], nps_text), want(s["ci_high"], nps_text)
    texts = ["%s to %s" % (a, b) for a in (lo.text,) + lo.alts for b in (hi.text,) + hi.alts]
    return texts[0], texts[1:], lo.note or hi.note


# ------------------------------------------------------------- maturity

CX_MODEL = {
    "dims": [("pl", "Purposeful Leadership"), ("cbv", "Compelling Brand Values"),
             ("ee", "Employee Engagement"), ("cc", "Customer Connectedness")],
    "levels": [(25, "Ignore"), (40, "Explore"), (55, "Mobilize"), (70, "Operationalize"), (85, "Align"), (None, "Embed")],
}
VOC_MODEL = {
    "dims": [("detect", "Detect"), ("disseminate", "Disseminate"), ("diagnose", "Diagnose"),
             ("discuss", "Discuss"), ("design", "Design"), ("deploy", "Deploy")],
    "levels": [(20, "Novices"), (40, "Collectors"), (60, "Analyzers"), (80, "Collaborators"), (None, "Transformers")],
}
RATINGS = [(30, "Very weak"), (50, "Weak"), (65, "Okay"), (80, "Good"), (None, "Very good")]
SCALE_MIN, SCALE_MAX, ITEMS = 1, 5, 5


def band(bands, x):
    """The first band whose `below` exceeds x (the last is open)."""
    if x is None:
        return None
    for below, name in bands:
        if below is None or below > x:
            return name


def score_org(r, model):
    out = {}
    for dim, _ in model["dims"]:
        answers = [r[k] for k in ("%s_%d" % (dim, i) for i in range(1, ITEMS + 1)) if r.get(k) is not None]
        if 2 * len(answers) >= ITEMS:      # at least half of the items
            out[dim] = 100 * (Fraction(sum(answers), len(answers)) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
        else:
            out[dim] = None
    dims = [out[d] for d, _ in model["dims"]]
    out["overall"] = mean(dims) if all(x is not None for x in dims) else None
    out["level"] = band(model["levels"], out["overall"])
    return out


def assessment(root, rel, model):
    data = load(root, rel)
    rows = data["responses"]
    client = rows[0]["account"]
    scored = [(r, score_org(r, model)) for r in rows]
    me = next(s for r, s in scored if r["account"] == client)
    peers = [(r, s) for r, s in scored if r["account"] != client]
    bench = {}
    for dim, name in model["dims"] + [("overall", "Overall")]:
        xs = [s[dim] for _, s in peers if s[dim] is not None]
        b = {"name": name, "client": me[dim], "q1": quantile7(xs, Fraction(1, 4)),
             "median": quantile7(xs, Fraction(1, 2)), "q3": quantile7(xs, Fraction(3, 4)),
             "percentile": percentile_rank(xs, me[dim])}
        if dim == "overall":
            b["rating"] = me["level"]
        else:
            b["rating"] = band(RATINGS, me[dim])
            good = sum(1 for x in xs if band(RATINGS, x) in ("Good", "Very good"))
            b["good_share"] = Fraction(100 * good, len(xs)) if xs else None
        bench[dim] = b
    levelled = [s["level"] for _, s in peers if s["level"] is not None]
    shares = [(name, Fraction(100 * levelled.count(name), len(levelled)) if levelled else None)
              for _, name in model["levels"]]
    return data, client, scored, me, peers, bench, shares


def score_w(x):
    return want(x, lambda y: number(y, 0), exact=True)


def summary_rows(model, bench):
    out = []
    for dim, _ in model["dims"] + [("overall", None)]:
        b = bench[dim]
        out.append([word(b["name"]), score_w(b["client"]), word(b["rating"] or DASH), score_w(b["median"]),
                    score_w(b["percentile"])])
    return out


def check_shares(item, lines, header, shares, client_level):
    start = next((i for i, l in enumerate(lines) if cells(l) == header), None)
    got = []
    if start is not None:
        for line in lines[start + 1:]:
            m = re.fullmatch(r"\s*(.*?)\s+(\S+%|" + DASH + r")\s*", line)
            if not line.strip() or cells(line) == header:
                continue
            if not m:
                break
            got.append((norm(m.group(1)), m.group(2)))
    for i, (name, pct) in enumerate(shares):
        label = name + (" \u2190 client" if name == client_level else "")
        g = got[i] if i < len(got) else (None, None)
        CHECK.eq("%s: row %d: level" % (item, i + 1), g[0], word(label))
        CHECK.eq("%s: row %d (%s): share" % (item, i + 1, name), g[1], want(pct, percent, exact=True))
    for i in range(len(shares), len(got)):
        CHECK.fail("%s: row %d" % (item, i + 1), "unexpected row %r" % (got[i],))


def verify_cx(root, text):
    CHECK.report = "cx_assessment"
    model = CX_MODEL
    data, client, scored, me, peers, bench, shares = assessment(root, "cx_assessment/assessment.json", model)
    sec = text.sections(["Summary", "Competencies against peers", "Strengths and gaps", "Strengths", "Gaps",
                         "Where peers stand", "Next steps", "Method"])
    sentence(text.title_page, r"Prepared for (.+?) cxreport", [("client", word(client))], "title page")
    sentence(prose(sec["Summary"]),
             r"(.+?) scores (\S+) out of 100 overall, which places it at the (.+?) level of CX maturity\. "
             r"It is compared with (\S+) peer organisations\.",
             [("client", word(client)), ("overall score", want(me["overall"], lambda y: number(y, 0))),
              ("level", word(me["level"] or "(not enough answers)")), ("peers", lit(len(peers)))], "summary")
    check_table("summary", sec["Summary"], ["Competency", "Score", "Rating", "Peer median", "Percentile"],
                summary_rows(model, bench))
    check_table("competencies", sec["Competencies against peers"],
                ["Competency", "Client", "Peer Q1", "Median", "Peer Q3", "Peers Good+"],
                [[word(b["name"]), score_w(b["client"]), score_w(b["q1"]), score_w(b["median"]), score_w(b["q3"]),
                  want(b["good_share"], percent, exact=True)] for b in (bench[d] for d, _ in model["dims"])])

    # item by item: the client's answer against the peers' mean answer
    wording = {q["id"]: q.get("text", q["id"]) for q in data["questions"]}
    client_row = next(r for r in data["responses"] if r["account"] == client)
    items = []
    for dim, name in model["dims"]:
        for i in range(1, ITEMS + 1):
            item = "%s_%d" % (dim, i)
            answers = [r[item] for r, _ in peers if r.get(item) is not None]
            if client_row.get(item) is not None and answers:
                peer = Fraction(sum(answers), len(answers))
                items.append({"item": item, "dim": name, "answer": client_row[item], "peer": peer,
                              "diff": client_row[item] - peer})
    items.sort(key=lambda it: (-it["diff"], it["item"]))
    check_items("strengths", sec["Strengths"], items[:5], wording)
    check_items("gaps", sec["Gaps"], list(reversed(items[-5:])), wording)

    check_shares("levels of peers", sec["Where peers stand"], ["Maturity level", "Share of peers"], shares, me["level"])
    sentence(prose(sec["Next steps"]), r"At the (.+?) level, the next step is:", [("level", word(me["level"] or "current"))],
             "next steps")

    # the charts, in the appendix "Data behind the charts"
    levels = [name for name, _ in shares]
    values = [pct if pct is not None else 0 for _, pct in shares]
    common, common_pct = extreme(levels, values, chart_fmt(0, "%"), exact=True)
    marked = me["level"] is not None
    check_charts(text, [
        radar_fig("Competencies against peers", client, bench, model),
        Fig("Peers by maturity level", r"Distribution: Peers by maturity level, (\S+) levels; most common: (.+?) \((\S+)\)"
            + (r"; (.+?) at (.+?)\." if marked else r"\."),
            [("levels", lit(len(levels))), ("most common", common), ("its share", common_pct)] +
            ([("marker", word(client)), ("client's level", word(me["level"]))] if marked else []),
            ["Category", "Share of peers"],
            [(name, [want(x, chart_fmt(0, "%"), exact=True)]) for name, x in zip(levels, values)])])


def check_items(item, lines, expected, wording):
    """Rows of the strengths/gaps tables; statements wrap, so a row is the
    line that carries the numbers, and starts with the statement."""
    got = []
    for line in lines:
        m = re.fullmatch(r"\s*(.+?)\s{2,}(.+?)\s{2,}(\d+)\s{2,}(\S+)\s{2,}(\S+)\s*", line)
        if m:
            got.append(m.groups())
    for i, it in enumerate(expected):
        g = got[i] if i < len(got) else None
        statement = wording.get(it["item"], it["item"])
        label = "%s: row %d (%s)" % (item, i + 1, it["item"])
        CHECK.starts(label + ": statement", g[0] if g else None, statement)
        CHECK.starts(label + ": competency", g[1] if g else None, it["dim"])
        CHECK.eq(label + ": client answer", g[2] if g else None, lit(it["answer"]))
        CHECK.eq(label + ": peer mean", g[3] if g else None, want(it["peer"], lambda y: number(y, 1), exact=True))
        CHECK.eq(label + ": difference", g[4] if g else None, want(it["diff"], lambda y: delta(y, 1), exact=True))
    for i in range(len(expected), len(got)):
        CHECK.fail("%s: row %d" % (item, i + 1), "unexpected row %r" % (got[i],))


def verify_voc(root, text):
    CHECK.report = "voc_assessment"
    model = VOC_MODEL
    data, client, scored, me, peers, bench, shares = assessment(root, "voc_assessment/assessment.json", model)
    names = [n for _, n in model["dims"]]
    sec = text.sections(["Summary", "The six Ds"] + names + ["Stages", "B2B and B2C peers", "Method"])
    sentence(text.title_page, r"Prepared for (.+?) cxreport", [("client", word(client))], "title page")
    sentence(prose(sec["Summary"]),
             r"(.+?)'s voice-of-the-customer programme scores (\S+) out of 100, the (.+?) stage\.",
             [("client", word(client)), ("overall score", want(me["overall"], lambda y: number(y, 0))),
              ("stage", word(me["level"] or "(not enough answers)"))], "summary")
    check_table("summary", sec["Summary"], ["Discipline", "Score", "Rating", "Peer median", "Percentile"],
                summary_rows(model, bench))
    for dim, name in model["dims"]:
        b = bench[dim]
        sentence(prose(sec[name]), re.escape(client) + r" scores (\S+) \((.+?)\); peers range from (\S+) to (\S+) "
                 r"in the middle half, median (\S+?)\.(?=\s|$)",
                 [("score", score_w(b["client"])), ("rating", word(b["rating"] or "no rating")), ("q1", score_w(b["q1"])),
                  ("q3", score_w(b["q3"])), ("median", score_w(b["median"]))], name)
    check_shares("stages of peers", sec["Stages"], ["Stage", "Share of peers"], shares, me["level"])
    segs = {}
    for r, s in scored:
        segs.setdefault(r["segment"], []).append(s)
    check_table("segments", sec["B2B and B2C peers"], ["Segment", "n"] + names, [
        [word(seg), lit(len(ss))] + [want(mean(s[d] for s in ss if s[d] is not None), lambda y: number(y, 0))
                                    for d, _ in model["dims"]]
        for seg, ss in sorted(segs.items())])

    # the charts, in the appendix "Data behind the charts"
    seg_names = sorted(segs)
    seg_means = {seg: [mean(s[d] for s in segs[seg] if s[d] is not None) for d, _ in model["dims"]] for seg in seg_names}
    first = [x if x is not None else 0 for x in seg_means[seg_names[0]]]
    (hn, hv), (ln, lv) = extreme(names, first, chart_fmt()), extreme(names, first, chart_fmt(), highest=False)
    listing = seg_names[0] if len(seg_names) == 1 else ", ".join(seg_names[:-1]) + " and " + seg_names[-1]
    check_charts(text, [
        radar_fig("The six Ds against peers", client, bench, model),
        Fig("B2B and B2C peers", r"Grouped bar chart: B2B and B2C peers, (\S+) categories, series (.+?); "
            r"(.+?) from (\S+) \((.+?)\) to (\S+) \((.+?)\)\.",
            [("categories", lit(len(names))), ("series", word(listing)), ("first series", word(seg_names[0])),
             ("highest", hv), ("highest discipline", hn), ("lowest", lv), ("lowest discipline", ln)],
            ["Category"] + seg_names,
            [(name, [want(seg_means[seg][j] if seg_means[seg][j] is not None else 0, chart_fmt()) for seg in seg_names])
             for j, name in enumerate(names)])])


# ------------------------------------------------------------- accounts

ROLES = ["decision maker", "influencer", "end user", "economic buyer"]


def verify_accounts(root, text):
    CHECK.report = "account_review"
    cur, pri = load(root, "account_review/accounts_2016.json"), load(root, "account_review/accounts_2015.json")
    rows, prows = cur["responses"], pri["responses"]
    name = rows[0]["account"]
    mine = [r for r in rows if r["account"] == name]
    tier = mine[0].get("account_tier")

    def nps_of(rs):
        return nps_stats(rs, "recommend")["nps"]

    accounts = {}
    for r in rows:
        accounts.setdefault(r["account"], []).append(r)
    overview = []
    for acc, rs in sorted(accounts.items()):
        role_nps = {role: nps_of([r for r in rs if r.get("role") == role]) for role in ROLES}
        heard = [x for x in role_nps.values() if x is not None]
        spread = max(heard) - min(heard) if heard else None
        overview.append({"account": acc, "n": nps_stats(rs, "recommend")["n"], "nps": nps_of(rs),
                         "spread": spread, "disagree": spread is not None and spread > 100,
                         "missing": [role for role in ROLES if role_nps[role] is None]})
    mine_ov = next(o for o in overview if o["account"] == name)
    account_nps = [o["nps"] for o in overview if o["nps"] is not None]

    sec = text.sections(["Summary", "Each role's view", "Trend", "What they said", "Portfolio context"])
    sentence(text.title_page, r"Account Review (.+?) \u2014 (.+?) account", [("account", word(name)),
                                                                           ("tier", word(tier or "B2B"))], "title page")
    summary = prose(sec["Summary"])
    sentence(summary, r"(\S+) people at (.+?) answered the survey\. The account's NPS is (\S+) counting every "
                      r"respondent, and (\S+) among decision makers\. Across the portfolio of (\S+) accounts, the "
                      r"average account NPS is (\S+?)\.(?=\s|$)",
             [("people", lit(len(mine))), ("account", word(name)), ("NPS", want(nps_of(mine), nps_text, exact=True)),
              ("decision makers' NPS",
               want(nps_of([r for r in mine if r.get("role") == "decision maker"]), nps_text, exact=True)),
              ("accounts", lit(len(account_nps))), ("average account NPS", want(mean(account_nps), lambda y: number(y, 1)))],
             "summary")
    if mine_ov["disagree"]:
        sentence(summary, r"Roles disagree\. The role NPS scores of this account are (\S+) points apart",
                 [("spread", want(mine_ov["spread"], lambda y: number(y, 0), exact=True))], "summary")
    else:
        CHECK.eq("summary: no disagreement note", "Roles disagree." if "Roles disagree." in summary else "", word(""))
    if mine_ov["missing"]:
        sentence(summary, r"Not heard from: (.+?)\.$", [("missing roles", word(", ".join(mine_ov["missing"])))], "summary")
    else:
        CHECK.eq("summary: no missing roles", "Not heard from" if "Not heard from" in summary else "", word(""))

    def mean1(rs, field):                 # a mean of integer answers is a ratio of counts: exact
        return want(mean(Fraction(r[field]) for r in rs if r.get(field) is not None), lambda y: number(y, 1), exact=True)

    role_rows = []
    for role in ROLES:
        rs = [r for r in mine if r.get("role") == role]
        if rs:
            role_rows.append([word(role), lit(len(rs)), want(nps_of(rs), nps_text, exact=True), mean1(rs, "satisfaction"),
                              mean1(rs, "effort"), mean1(rs, "renewal_intent")])
        else:
            role_rows.append([word(role), lit(0)] + [Want(DASH)] * 4)
    check_table("roles", sec["Each role's view"], ["Role", "n", "NPS", "Satisfaction (1%s5)" % DASH,
                                                    "Effort (1%s7)" % DASH, "Renewal intent (1%s5)" % DASH], role_rows)

    before = [r for r in prows if r["account"] == name]
    trend = prose(sec["Trend"])
    if before:
        a, b = nps_of(mine), nps_of(before)
        sentence(trend, r"Last year (\S+) people answered and the account's NPS was (\S+); this year it is (\S+) \((\S+)\)\.",
                 [("people last year", lit(len(before))), ("NPS last year", want(b, nps_text, exact=True)),
                  ("NPS this year", want(a, nps_text, exact=True)),
                  ("change", want(a - b, lambda y: delta(y, 0), exact=True))], "trend")
    else:
        CHECK.eq("trend", trend, word("The account was not in last year's survey."))

    # quotes: commented answers, by role (stable, byte order)
    said = sorted((r for r in mine if r.get("comment") is not None and r["comment"] != ""), key=lambda r: r["role"].encode())
    # each a block quote: the comment, then "\u2014 role, recommend/10"
    quotes = re.findall(r"\s*(.+?) \u2014 ([^,\u2014]+), (\S+)/10", prose(sec["What they said"]))
    for i, r in enumerate(said):
        m = quotes[i] if i < len(quotes) else None
        CHECK.eq("quote %d: comment" % (i + 1), m and m[0], word(norm(r["comment"])))
        CHECK.eq("quote %d: role" % (i + 1), m and m[1], word(r["role"]))
        CHECK.eq("quote %d: recommend" % (i + 1), m and m[2], lit(r.get("recommend") or 0))
    for i in range(len(said), len(quotes)):
        CHECK.fail("quote %d" % (i + 1), "unexpected quote %r" % (quotes[i],))

    flagged = sorted((o for o in overview if o["disagree"]), key=lambda o: -o["spread"])
    lines = sec["Portfolio context"]
    header = ["Account", "n", "NPS", "Role spread"]
    start = next((i for i, l in enumerate(lines) if cells(l) == header), None)
    got = []
    for line in (lines[start + 1:] if start is not None else []):
        if not line.strip() or cells(line) == header:
            continue
        m = re.fullmatch(r"\s*(.*?)\s+(\S+)\s+(\S+)\s+(\S+)\s*", line)
        if not m or not re.fullmatch(r"\d+", m.group(2)):
            break
        got.append((norm(m.group(1)),) + m.groups()[1:])
    for i, o in enumerate(flagged):
        g = got[i] if i < len(got) else (None,) * 4
        label = "portfolio: row %d (%s)" % (i + 1, o["account"])
        CHECK.eq(label + ": account", g[0], word(o["account"] + (" \u2190 this account" if o["account"] == name else "")))
        CHECK.eq(label + ": n", g[1], lit(o["n"]))
        CHECK.eq(label + ": NPS", g[2], want(o["nps"], nps_text, exact=True))
        CHECK.eq(label + ": role spread", g[3], want(o["spread"], lambda y: number(y, 0), exact=True))
    for i in range(len(flagged), len(got)):
        CHECK.fail("portfolio: row %d" % (i + 1), "unexpected row %r" % (got[i],))

    # the charts, in the appendix "Data behind the charts": the roles heard from
    heard = [(role, nps_of([r for r in mine if r.get("role") == role])) for role in ROLES]
    heard = [(role, x) for role, x in heard if x is not None]
    roles, values = [role for role, _ in heard], [x for _, x in heard]
    (hn, hv), (ln, lv) = (extreme(roles, values, chart_fmt(), exact=True),
                          extreme(roles, values, chart_fmt(), exact=True, highest=False))
    check_charts(text, [
        Fig("NPS by role", r"Bar chart: NPS by role, (\S+) categories, from (\S+) \((.+?)\) to (\S+) \((.+?)\)\.",
            [("categories", lit(len(roles))), ("highest", hv), ("highest role", hn), ("lowest", lv), ("lowest role", ln)],
            ["Category", "NPS"], [(role, [want(x, chart_fmt(), exact=True)]) for role, x in heard])])


# ------------------------------------------------------------- self-test

def self_test():
    """The formatting rules and the t distribution against closed forms."""
    CHECK.report = "self-test"
    for got, exp in [(number(2.675, 2), "2.68"), (nps_text(12.5), "13"), (nps_text(-12.5), MINUS + "13"),
                     (nps_text(-0.4), "0"), (delta(-1.94, 1), MINUS + "1.9"), (delta(3.15, 1), "+3.2"),
                     (delta(-0.04, 1), "0.0"), (percent(45.25, 1), "45.3%"), (p_text(0.0004), "p < 0.001"),
                     (p_text(0.0341), "p = 0.034"), (count(2852), "2,852"), (number(1234.5678, 2, True), "1,234.57")]:
        CHECK.eq("format", got, lit(exp))
    for t in (0.1, 0.5, 1.0, 2.5, 7.0, 40.0):
        for df, closed in ((1, 1.0 - 2.0 / math.pi * math.atan(t)), (2, 1.0 - t / math.sqrt(2.0 + t * t))):
            p = t_two_sided(t, df)
            if abs(p - closed) > 1e-12:
                CHECK.fail("t distribution, df = %d, t = %g" % (df, t), "p = %r, closed form %r" % (p, closed))
            else:
                CHECK.ok()
    # large df approaches the normal distribution
    if abs(t_two_sided(1.959963984540054, 10 ** 7) - 0.05) > 1e-6:
        CHECK.fail("t distribution, df = 1e7", "not the normal limit")
    else:
        CHECK.ok()
    # the type-7 quantile and percentile rank of the README's examples
    CHECK.eq("quantile", str(quantile7([3, 1, 4, 1, 5], Fraction(1, 2))), lit("3"))
    CHECK.eq("percentile rank", str(percentile_rank([10, 20, 30, 40], 30)), lit("125/2"))


def main(argv):
    if len(argv) != 3:
        print("usage: verify_reports.py ROOT TEXTDIR", file=sys.stderr)
        return 2
    root, textdir = argv[1], argv[2]
    self_test()
    for name, fn in (("nps_benchmark", verify_nps), ("cx_assessment", verify_cx),
                     ("voc_assessment", verify_voc), ("account_review", verify_accounts)):
        path = os.path.join(textdir, name + ".txt")
        if not os.path.exists(path):
            CHECK.report = name
            CHECK.fail("text", "%s is missing (the build failed?)" % path)
            continue
        try:
            fn(root, Text(path))
        except Exception as e:            # a parse that breaks is a failure, not a crash
            CHECK.report = name
            CHECK.fail("verification", "stopped: %s: %s" % (type(e).__name__, e))
    if os.environ.get("VERIFY_VERBOSE"):
        for rep, (p, f, labels) in CHECK.per_report.items():
            print("  %s: %d passed, %d failed (%d numbers, %d names and labels)" % (
                rep, p, f, p + f - labels, labels), file=sys.stderr)
    print("verify: %d passed, %d failed" % (CHECK.passed, CHECK.failed))
    return 0 if CHECK.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
