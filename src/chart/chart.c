/*
 * chart.c — the entry point: checks a spec, sets up the build context and
 * hands it to the kind; plus the helpers every kind uses (title, text runs,
 * colours, number text, category order).
 *
 * Owns the validation of chart input: a kind may assume that its series
 * have the right length, that every number is finite and every string is
 * valid UTF-8.  Never loads fonts, never prints; bad input is a CX_ESCRIPT
 * diagnostic, not a blank chart.
 */
#include "chart_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every
 * common colour-vision deficiency.  Blue first: it carries the main series
 * and stays readable on white; yellow last (weak contrast on white). */
static const cx_rgba okabe_ito[8] = {
    CX_RGB(0x0072B2), CX_RGB(0xE69F00), CX_RGB(0x009E73), CX_RGB(0xD55E00),
    CX_RGB(0x56B4E9), CX_RGB(0xCC79A7), CX_RGB(0x000000), CX_RGB(0xF0E442),
};

size_t cx_chart_default_palette(const cx_rgba **out)
{
    *out = okabe_ito;
    return 8;
}

void cx_chart_env_default(cx_chart_env *env)
{
    memset(env, 0, sizeof *env);
    env->font_size = 8;
    env->small_size = 7;
    env->title_size = 10;
    /* DejaVu Sans: ascender 1901, descender 483, cap height 1493 per 2048. */
    env->ascent = 0.928;
    env->descent = 0.236;
    env->cap_height = 0.729;
    env->column_width = 481.89;     /* A4 less two 2 cm margins */
    env->max_height = 680;
    env->text = CX_RGB(0x222222);
    env->muted = CX_RGB(0x595959);
    env->axis = CX_RGB(0x4D4D4D);
    env->grid = CX_RGB(0xE3E3E3);
    env->neutral = CX_RGB(0xB4BEC8);
    env->background = CX_RGB(0xFFFFFF);
}

/* ---- small helpers -------------------------------------------------------- */

bool cx_chart_utf8_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            p++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if ((size_t)(e - p) < n + 1)
            return false;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

cx_status cx_chart_fail(cx_chart_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cx_diag_set(c->diag, CX_ESCRIPT, NULL, 0, 0, "chart: %s", msg);
}

cx_status cx_chart_oom(cx_chart_ctx *c)
{
    return cx_diag_set(c->diag, CX_EINTERNAL, NULL, 0, 0, "chart: out of memory");
}

double cx_chart_measure(const cx_chart_ctx *c, int face, double size,
                        const char *s, size_t len)
{
    if (len == 0)
        return 0;
    double w = c->env->measure(c->env->measure_ctx, face, size, s, len);
    return isfinite(w) && w > 0 ? w : 0;
}

double cx_chart_text(cx_chart_ctx *c, cx_dl_role role, int series, int index,
                     int face, double size, cx_rgba color, cx_anchor a,
                     double x, double y, int rot, const char *s)
{
    size_t len = strlen(s);
    double w = cx_chart_measure(c, face, size, s, len);
    cx_dl_text_run(c->dl, role, series, index, face, size, color, a, x, y, rot, w, s, len);
    return w;
}

double cx_chart_text_fit(cx_chart_ctx *c, cx_dl_role role, int series, int index,
                         int face, double size, cx_rgba color, cx_anchor a,
                         double x, double y, int rot, const char *s, double maxw)
{
    char buf[1024];
    double w = cx_label_fit(c, face, size, s, maxw, buf, sizeof buf);
    cx_dl_text_run(c->dl, role, series, index, face, size, color, a, x, y, rot, w,
                   buf, strlen(buf));
    return w;
}

cx_rgba cx_chart_color(const cx_chart_ctx *c, size_t i)
{
    return c->pal[i % c->npal];
}

static double chan(cx_rgba c, int shift) { return (double)((c >> shift) & 0xFF); }

cx_rgba cx_rgba_mix(cx_rgba a, cx_rgba b, double t)
{
    cx_rgba out = 0xFF;
    for (int shift = 24; shift >= 8; shift -= 8) {
        double v = chan(a, shift) + (chan(b, shift) - chan(a, shift)) * t;
        long q = lround(v);
        out |= (cx_rgba)(q < 0 ? 0 : q > 255 ? 255 : q) << shift;
    }
    return out;
}

double cx_rgba_luminance(cx_rgba c)
{
    double lin[3];
    for (int i = 0; i < 3; i++) {
        double v = chan(c, 24 - 8 * i) / 255.0;
        lin[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

static double contrast(double l1, double l2)
{
    return l1 > l2 ? (l1 + 0.05) / (l2 + 0.05) : (l2 + 0.05) / (l1 + 0.05);
}

cx_rgba cx_chart_text_on(const cx_chart_ctx *c, cx_rgba bg)
{
    double lb = cx_rgba_luminance(bg);
    return contrast(lb, 1.0) >= contrast(lb, cx_rgba_luminance(c->env->text))
               ? CX_RGB(0xFFFFFF) : c->env->text;
}

cx_rgba cx_chart_ink(const cx_chart_ctx *c, cx_rgba col)
{
    double lb = cx_rgba_luminance(c->env->background);
    cx_rgba ink = col | 0xFF;
    for (int i = 1; i <= 10 && contrast(cx_rgba_luminance(ink), lb) < 4.5; i++)
        ink = cx_rgba_mix(col | 0xFF, CX_RGB(0x000000), i * 0.1);
    return ink;
}

bool cx_chart_is_highlighted(const cx_chart_spec *s, size_t i)
{
    for (size_t k = 0; k < s->nhighlight; k++)
        if (s->highlight[k] == i)
            return true;
    return false;
}

size_t cx_chart_fmt(const cx_chart_ctx *c, double v, char *buf, size_t size)
{
    return cx_format_number(v, &c->spec->format, buf, size);
}

double cx_chart_mid_baseline(const cx_chart_ctx *c, double y, double size)
{
    return y + c->env->cap_height * size / 2;
}

typedef struct order_key { double v; size_t i; } order_key;

static int by_value_desc(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int by_value_asc(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

size_t *cx_chart_order(const cx_chart_ctx *c, const double *key)
{
    size_t n = c->spec->ncategories;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    order_key *k = malloc((n ? n : 1) * sizeof *k);
    if (!order || !k) {
        free(order);
        free(k);
        return NULL;
    }
    const double *v = key ? key : c->spec->series[0].values;
    for (size_t i = 0; i < n; i++)
        k[i] = (order_key){ v[i], i };
    /* qsort is not stable; the index tie-break makes the order total. */
    if (c->spec->sort == CX_SORT_DESC)
        qsort(k, n, sizeof *k, by_value_desc);
    else if (c->spec->sort == CX_SORT_ASC)
        qsort(k, n, sizeof *k, by_value_asc);
    for (size_t i = 0; i < n; i++)
        order[i] = k[i].i;
    free(k);
    return order;
}

double cx_chart_title_height(const cx_chart_ctx *c)
{
    if (!c->spec->title || !c->spec->title[0])
        return 1;
    return (c->env->ascent + c->env->descent + 0.6) * c->fs_title;
}

void cx_chart_begin(cx_chart_ctx *c, double default_h)
{
    double h = c->spec->height > 0 ? c->spec->height : default_h;
    if (c->spec->height <= 0 && h > c->env->max_height)
        h = c->env->max_height;
    c->H = h;
    c->dl->height = h;
    cx_dl_clip_push(c->dl, 0, 0, c->W, c->H);
    c->y = 0;
    if (c->spec->title && c->spec->title[0]) {
        double base = c->env->ascent * c->fs_title;
        cx_chart_text_fit(c, CX_DL_ROLE_TITLE, -1, -1, CX_FACE_BOLD, c->fs_title,
                          c->env->text, CX_ANCHOR_LEFT, 0, base, 0, c->spec->title, c->W);
    }
    c->y = cx_chart_title_height(c);
}

/* ---- validation ------------------------------------------------------------ */

static const char *kind_name(cx_chart_kind k)
{
    switch (k) {
    case CX_CHART_BAR: return "bar";
    case CX_CHART_GROUPED: return "grouped bar";
    case CX_CHART_STACKED: return "stacked bar";
    case CX_CHART_STACKED100: return "100% stacked bar";
    case CX_CHART_LINE: return "line";
    case CX_CHART_SCATTER: return "scatter";
    case CX_CHART_DOT: return "dot plot";
    case CX_CHART_RADAR: return "radar";
    case CX_CHART_DISTRIBUTION: return "distribution";
    case CX_CHART_HEATMAP: return "heat map";
    case CX_CHART_BULLET: return "bullet";
    case CX_CHART_GAUGE: return "gauge";
    }
    return NULL;
}

static cx_status check_str(cx_chart_ctx *c, const char *what, const char *s)
{
    if (s && !cx_chart_utf8_ok(s, strlen(s)))
        return cx_chart_fail(c, "%s is not valid UTF-8", what);
    return CX_OK;
}

static cx_status check_values(cx_chart_ctx *c, const char *sname, const char *arr,
                              const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return cx_chart_fail(c, "series %s: %s %zu is %s", sname, arr, i + 1,
                                 isnan(v[i]) ? "NaN (missing)" : "infinite");
    return CX_OK;
}

static cx_status validate(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const char *kn = kind_name(s->kind);
    cx_status st;
    if (!kn)
        return cx_chart_fail(c, "unknown chart kind %d", (int)s->kind);
    if ((st = check_str(c, "the title", s->title)) ||
        (st = check_str(c, "the x-axis title", s->x_title)) ||
        (st = check_str(c, "the y-axis title", s->y_title)) ||
        (st = check_str(c, "the marker label", s->marker_label)))
        return st;
    if (!(s->width >= 0 && s->width < 1e5) || !(s->height >= 0 && s->height < 1e5))
        return cx_chart_fail(c, "%s chart: width and height must be between 0 and 100000 pt", kn);
    if (!isfinite(s->min) || !isfinite(s->max))
        return cx_chart_fail(c, "%s chart: the axis range must be finite", kn);
    if (s->format.decimals < 0 || s->format.decimals > 6)
        return cx_chart_fail(c, "%s chart: decimals must be 0..6, not %d", kn, s->format.decimals);
    if ((st = check_str(c, "the number prefix", s->format.prefix)) ||
        (st = check_str(c, "the number suffix", s->format.suffix)) ||
        (st = check_str(c, "the thousands separator", s->format.thousands)))
        return st;
    if (s->npalette && !s->palette)
        return cx_chart_fail(c, "%s chart: palette has %zu colours but no array", kn, s->npalette);
    for (size_t i = 0; i < s->npalette; i++)
        if ((s->palette[i] & 0xFF) == 0)
            return cx_chart_fail(c, "%s chart: palette colour %zu is fully transparent", kn, i + 1);

    bool scatter = s->kind == CX_CHART_SCATTER;
    if (s->nseries == 0 || !s->series)
        return cx_chart_fail(c, "%s chart: no data (no series)", kn);
    if (s->ncategories && !s->categories)
        return cx_chart_fail(c, "%s chart: %zu categories but no names", kn, s->ncategories);
    if (!scatter && s->ncategories == 0)
        return cx_chart_fail(c, "%s chart: no data (no categories)", kn);
    for (size_t i = 0; i < s->ncategories; i++) {
        if (!s->categories[i])
            return cx_chart_fail(c, "%s chart: category %zu has no name", kn, i + 1);
        if (!cx_chart_utf8_ok(s->categories[i], strlen(s->categories[i])))
            return cx_chart_fail(c, "%s chart: category %zu is not valid UTF-8", kn, i + 1);
    }
    size_t npts = scatter ? s->series[0].n : s->ncategories;
    if (scatter && s->ncategories && s->ncategories != npts)
        return cx_chart_fail(c, "scatter chart: %zu point labels for %zu points",
                             s->ncategories, npts);
    for (size_t k = 0; k < s->nseries; k++) {
        const cx_chart_series *se = &s->series[k];
        char sname[160];
        if (se->name && !cx_chart_utf8_ok(se->name, strlen(se->name)))
            return cx_chart_fail(c, "%s chart: the name of series %zu is not valid UTF-8", kn,
                                 k + 1);
        if (se->name)
            snprintf(sname, sizeof sname, "%zu (\"%.100s\")", k + 1, se->name);
        else
            snprintf(sname, sizeof sname, "%zu", k + 1);
        if (se->n == 0 || !se->values)
            return cx_chart_fail(c, "%s chart: series %s has no values", kn, sname);
        if (se->n != npts)
            return cx_chart_fail(c, "%s chart: series %s has %zu values for %zu %s", kn,
                                 sname, se->n, npts, scatter ? "points" : "categories");
        if ((st = check_values(c, sname, "value", se->values, se->n)))
            return st;
        if (se->x && (st = check_values(c, sname, "x", se->x, se->n)))
            return st;
        if (se->lo && (st = check_values(c, sname, "lower bound", se->lo, se->n)))
            return st;
        if (se->hi && (st = check_values(c, sname, "upper bound", se->hi, se->n)))
            return st;
        if (!se->lo != !se->hi)
            return cx_chart_fail(c, "%s chart: series %s has only one of lo and hi", kn, sname);
        for (size_t i = 0; se->lo && i < se->n; i++)
            if (se->lo[i] > se->hi[i])
                return cx_chart_fail(c, "%s chart: series %s: lower bound %zu is above the "
                                     "upper bound", kn, sname, i + 1);
    }
    for (size_t k = 0; k < s->nhighlight; k++)
        if (!s->highlight || s->highlight[k] >= npts)
            return cx_chart_fail(c, "%s chart: highlight %zu is not one of the %zu %s", kn,
                                 s->highlight ? s->highlight[k] + 1 : 0, npts,
                                 scatter ? "points" : "categories");
    for (size_t k = 0; k < s->nrefs; k++) {
        if (!s->refs || !isfinite(s->refs[k].value))
            return cx_chart_fail(c, "%s chart: reference line %zu has no finite value", kn, k + 1);
        if ((st = check_str(c, "a reference line label", s->refs[k].label)))
            return st;
    }
    if (s->min < s->max) {
        for (size_t k = 0; k < s->nseries; k++) {
            const cx_chart_series *se = &s->series[k];
            const double *arrs[3] = { se->values, se->lo, se->hi };
            if (scatter || s->kind == CX_CHART_STACKED || s->kind == CX_CHART_STACKED100)
                break;
            for (int a = 0; a < 3; a++)
                for (size_t i = 0; arrs[a] && i < se->n; i++)
                    if (arrs[a][i] < s->min - 1e-9 || arrs[a][i] > s->max + 1e-9)
                        return cx_chart_fail(c, "%s chart: value %g of series %zu is outside "
                                             "the axis range %g..%g", kn, arrs[a][i], k + 1,
                                             s->min, s->max);
        }
    }
    return CX_OK;
}

cx_status cx_chart_validate(const cx_chart_spec *spec, cx_diag *diag)
{
    cx_chart_ctx c = { .spec = spec, .diag = diag };
    return validate(&c);
}

cx_status cx_chart_build(const cx_chart_spec *spec, const cx_chart_env *env,
                         cx_dl **out, cx_diag *diag)
{
    cx_status st = CX_OK;
    cx_chart_ctx c = { 0 };
    *out = NULL;
    c.diag = diag;
    if (!spec || !env || !env->measure)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0,
                           "chart: no spec or no text measurer given");
    c.spec = spec;
    c.env = env;
    if ((st = validate(&c)))
        return st;
    if (spec->npalette) {
        c.pal = spec->palette;
        c.npal = spec->npalette;
    } else {
        c.npal = cx_chart_default_palette(&c.pal);
    }
    c.fs = env->font_size > 0 ? env->font_size : 8;
    c.fs_small = env->small_size > 0 ? env->small_size : c.fs * 0.875;
    c.fs_title = env->title_size > 0 ? env->title_size : c.fs * 1.25;
    c.W = spec->width > 0 ? spec->width : env->column_width;
    if (c.W < 72)
        return cx_chart_fail(&c, "%s chart: %.1f pt is too narrow (at least 72 pt)",
                             kind_name(spec->kind), c.W);
    c.dl = cx_dl_new(c.W, spec->height);
    if (!c.dl)
        return cx_chart_oom(&c);
    c.dl->background = env->background;

    switch (spec->kind) {
    case CX_CHART_BAR:
    case CX_CHART_GROUPED:
    case CX_CHART_STACKED:
    case CX_CHART_STACKED100:
    case CX_CHART_DISTRIBUTION: st = cx_bar_draw(&c); break;
    case CX_CHART_DOT: st = cx_dot_draw(&c); break;
    case CX_CHART_LINE: st = cx_line_draw(&c); break;
    case CX_CHART_SCATTER: st = cx_scatter_draw(&c); break;
    case CX_CHART_RADAR: st = cx_radar_draw(&c); break;
    case CX_CHART_HEATMAP: st = cx_heatmap_draw(&c); break;
    case CX_CHART_BULLET: st = cx_bullet_draw(&c); break;
    case CX_CHART_GAUGE: st = cx_gauge_draw(&c); break;
    }
    if (st)
        goto fail;
    cx_dl_clip_pop(c.dl);
    if (!cx_dl_ok(c.dl)) {
        st = cx_chart_oom(&c);
        goto fail;
    }
    *out = c.dl;
    return CX_OK;
fail:
    cx_dl_free(c.dl);
    return st;
}
