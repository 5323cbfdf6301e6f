/*
 * describe.c — the one-sentence text alternative of a chart (for the PDF's
 * alt text and accessible exports), e.g. "Bar chart: NPS by vendor, 62
 * vendors, from 54 (Vendor A) to −8 (Vendor B); industry average 24.1."
 *
 * Says what a reader takes from the picture: the kind, the subject, how
 * many, the extremes, the highlighted category, the reference lines.
 * Numbers use the chart's number format (true minus sign).  Runs the
 * same input checks as cx_chart_build (no NaN, matching lengths, valid
 * UTF-8), then reads only what those checks guarantee.
 */
#include "chart_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sb { char *p; size_t len, cap; bool failed; } sb;

static void add(sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(sb *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static const char *num(const cx_chart_spec *s, double v, char *buf)
{
    cx_format_number(v, &s->format, buf, 96);
    return buf;
}

static const char *noun(const cx_chart_spec *s, const char *dflt)
{
    return s->noun && s->noun[0] ? s->noun : dflt;
}

static const char *sname(const cx_chart_spec *s, size_t k)
{
    return s->series[k].name && s->series[k].name[0] ? s->series[k].name : "the series";
}

/* First index of the largest and of the smallest value. */
static void extremes(const double *v, size_t n, size_t *imax, size_t *imin)
{
    *imax = *imin = 0;
    for (size_t i = 1; i < n; i++) {
        if (v[i] > v[*imax])
            *imax = i;
        if (v[i] < v[*imin])
            *imin = i;
    }
}

static void head(sb *b, const cx_chart_spec *s, const char *kind)
{
    if (s->title && s->title[0])
        add(b, "%s: %s", kind, s->title);
    else
        add(b, "%s", kind);
}

static void range(sb *b, const cx_chart_spec *s, const double *v, size_t n)
{
    char x[96], y[96];
    size_t hi, lo;
    extremes(v, n, &hi, &lo);
    add(b, "from %s (%s) to %s (%s)", num(s, v[hi], x), s->categories[hi], num(s, v[lo], y),
        s->categories[lo]);
}

static void highlights(sb *b, const cx_chart_spec *s, const double *v)
{
    char x[96];
    for (size_t k = 0; k < s->nhighlight; k++) {
        size_t i = s->highlight[k];
        add(b, "%s%s (%s)", k ? ", " : "; highlighted: ", s->categories[i], num(s, v[i], x));
    }
}

static void refs(sb *b, const cx_chart_spec *s)
{
    for (size_t k = 0; k < s->nrefs; k++) {
        char x[96];
        cx_number_format f = s->format;
        if (s->refs[k].decimals > f.decimals)
            f.decimals = s->refs[k].decimals > 6 ? 6 : s->refs[k].decimals;
        cx_format_number(s->refs[k].value, &f, x, sizeof x);
        const char *l = s->refs[k].label && s->refs[k].label[0] ? s->refs[k].label : "reference";
        /* "Industry average" reads as "industry average" mid-sentence. */
        char lower[256];
        snprintf(lower, sizeof lower, "%s", l);
        if (lower[0] >= 'A' && lower[0] <= 'Z' && !(lower[1] >= 'A' && lower[1] <= 'Z'))
            lower[0] = (char)(lower[0] - 'A' + 'a');
        add(b, "; %s %s", lower, x);
    }
}

static void describe(sb *b, const cx_chart_spec *s)
{
    char x[96], y[96], z[96];
    size_t n = s->ncategories;
    const double *v0 = s->series[0].values;
    switch (s->kind) {
    case CX_CHART_BAR:
        head(b, s, "Bar chart");
        add(b, ", %zu %s, ", n, noun(s, "categories"));
        range(b, s, v0, n);
        highlights(b, s, v0);
        refs(b, s);
        break;
    case CX_CHART_DOT:
        head(b, s, "Dot plot");
        add(b, ", %zu %s, ", n, noun(s, "categories"));
        range(b, s, v0, n);
        if (s->series[0].lo)
            add(b, ", each with its interval");
        highlights(b, s, v0);
        refs(b, s);
        break;
    case CX_CHART_GROUPED:
    case CX_CHART_STACKED:
    case CX_CHART_STACKED100:
        head(b, s, s->kind == CX_CHART_GROUPED ? "Grouped bar chart"
                   : s->kind == CX_CHART_STACKED ? "Stacked bar chart" : "100% stacked bar chart");
        add(b, ", %zu %s, %s ", n, noun(s, "categories"),
            s->kind == CX_CHART_GROUPED ? "series" : "segments");
        for (size_t k = 0; k < s->nseries; k++)
            add(b, "%s%s", k ? (k + 1 == s->nseries ? " and " : ", ") : "", sname(s, k));
        if (s->kind != CX_CHART_STACKED100) {
            add(b, "; %s ", sname(s, 0));
            range(b, s, v0, n);
        }
        highlights(b, s, v0);
        refs(b, s);
        break;
    case CX_CHART_LINE:
        head(b, s, "Line chart");
        add(b, ", %zu series over %s\xE2\x80\x93%s", s->nseries, s->categories[0],
            s->categories[n - 1]);
        for (size_t k = 0; k < s->nseries && k < 6; k++)
            add(b, "%s%s from %s to %s", k ? ", " : ": ", sname(s, k),
                num(s, s->series[k].values[0], x), num(s, s->series[k].values[n - 1], y));
        if (s->nseries > 6)
            add(b, ", and %zu more", s->nseries - 6);
        refs(b, s);
        break;
    case CX_CHART_SCATTER: {
        const cx_chart_series *se = &s->series[0];
        head(b, s, "Scatter plot");
        add(b, ", %zu points", se->n);
        double fa, fb, fr;
        if (s->fit_line && se->x && cx_scatter_fit(se->x, se->values, se->n, &fa, &fb, &fr)) {
            cx_number_format f2 = { .decimals = 2 };
            cx_format_number(fr, &f2, z, sizeof z);
            add(b, "; correlation r = %s", z);
        }
        for (size_t k = 0; k < s->nhighlight && se->x; k++) {
            size_t i = s->highlight[k];
            add(b, "%s%s (%s, %s)", k ? ", " : "; highlighted: ",
                s->ncategories ? s->categories[i] : "a point", num(s, se->x[i], x),
                num(s, se->values[i], y));
        }
        break;
    }
    case CX_CHART_RADAR: {
        size_t hi, lo;
        head(b, s, "Radar chart");
        add(b, ", %zu dimensions; %s ", n, s->series[0].name ? s->series[0].name : "client");
        extremes(v0, n, &hi, &lo);
        add(b, "highest on %s (%s), lowest on %s (%s)", s->categories[hi], num(s, v0[hi], x),
            s->categories[lo], num(s, v0[lo], y));
        if (s->nseries > 1) {
            size_t above = 0;
            for (size_t i = 0; i < n; i++)
                above += v0[i] > s->series[1].values[i];
            add(b, "; above the %s on %zu of %zu",
                s->series[1].name ? s->series[1].name : "benchmark", above, n);
        }
        break;
    }
    case CX_CHART_DISTRIBUTION: {
        size_t hi, lo;
        extremes(v0, n, &hi, &lo);
        head(b, s, "Distribution");
        add(b, ", %zu levels; most common: %s (%s)", n, s->categories[hi], num(s, v0[hi], x));
        if (s->nhighlight)
            add(b, "; %s at %s", s->marker_label && s->marker_label[0] ? s->marker_label : "client",
                s->categories[s->highlight[0]]);
        break;
    }
    case CX_CHART_HEATMAP: {
        size_t bi = 0, bj = 0, si = 0, sj = 0;
        for (size_t j = 0; j < s->nseries; j++)
            for (size_t i = 0; i < n; i++) {
                if (s->series[j].values[i] > s->series[bj].values[bi])
                    bi = i, bj = j;
                if (s->series[j].values[i] < s->series[sj].values[si])
                    si = i, sj = j;
            }
        head(b, s, "Heat map");
        add(b, ", %zu rows by %zu columns, from %s (%s, %s) to %s (%s, %s)", n, s->nseries,
            num(s, s->series[sj].values[si], x), s->categories[si], sname(s, sj),
            num(s, s->series[bj].values[bi], y), s->categories[bi], sname(s, bj));
        break;
    }
    case CX_CHART_BULLET:
    case CX_CHART_GAUGE:
        head(b, s, s->kind == CX_CHART_BULLET ? "Bullet chart" : "Gauge chart");
        for (size_t i = 0; i < n; i++) {
            add(b, "%s%s %s", i ? "; " : ": ", s->categories[i], num(s, v0[i], x));
            if (s->nseries > 1 && s->series[1].lo)
                add(b, " (peer median %s, middle half %s\xE2\x80\x93%s)",
                    num(s, s->series[1].values[i], x), num(s, s->series[1].lo[i], y),
                    num(s, s->series[1].hi[i], z));
        }
        break;
    }
    add(b, ".");
}

cx_status cx_chart_describe(const cx_chart_spec *spec, char **out, cx_diag *diag)
{
    *out = NULL;
    if (!spec)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart: no spec given");
    cx_status st = cx_chart_validate(spec, diag);
    if (st)
        return st;
    sb b = { 0 };
    describe(&b, spec);
    if (b.failed || !b.p) {
        free(b.p);
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart: out of memory");
    }
    *out = b.p;
    return CX_OK;
}
