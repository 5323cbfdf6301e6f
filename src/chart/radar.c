/*
 * radar.c — radar (spider) charts: the client against the benchmark median
 * on 3 to 12 dimensions, with the benchmark's interquartile band.
 *
 * Spokes start at the top and go clockwise in category order.  Rings are
 * nice ticks; the band is one even-odd path (upper quartile outline with
 * the lower quartile cut out).  Everything is opaque: the client's line is
 * not filled, so the band and the median stay visible.  Each dimension's
 * label carries the client's value (and the median) so no number has to
 * be read off the rings.
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct radar {
    double cx, cy, R;
    size_t n;
    cx_scale rs;            /* value → radius */
} radar;

static double angle(const radar *r, size_t i)
{
    return -CX_PI / 2 + 2 * CX_PI * (double)i / (double)r->n;
}

static void polygon(cx_chart_ctx *c, const radar *r, const double *v, bool reverse)
{
    for (size_t k = 0; k < r->n; k++) {
        size_t i = reverse ? r->n - 1 - k : k;
        double rad = cx_scale_map(&r->rs, v[i]), a = angle(r, i);
        double x = r->cx + rad * cos(a), y = r->cy + rad * sin(a);
        if (k == 0)
            cx_dl_move(c->dl, x, y);
        else
            cx_dl_line(c->dl, x, y);
    }
    cx_dl_close(c->dl);
}

static void dim_label(cx_chart_ctx *c, const radar *r, size_t i, double maxw)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    double a = angle(r, i), ca = cos(a), sa = sin(a);
    double gap = 6;
    double x = r->cx + (r->R + gap) * ca, y = r->cy + (r->R + gap) * sa;
    char lines[600], num[160], v0[64], v1[64];
    double w;
    int nl = cx_label_wrap(c, CX_FACE_BOLD, c->fs_small, s->categories[i], maxw, 2, lines,
                           sizeof lines, &w);
    cx_chart_fmt(c, s->series[0].values[i], v0, sizeof v0);
    snprintf(num, sizeof num, "%s", v0);
    if (s->nseries > 1) {
        /* "72 (median 63)", or just "72" where that does not fit. */
        char full[160];
        cx_chart_fmt(c, s->series[1].values[i], v1, sizeof v1);
        snprintf(full, sizeof full, "%s (median %s)", v0, v1);
        if (cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, full, strlen(full)) <= maxw)
            snprintf(num, sizeof num, "%s", full);
    }
    bool show = !s->hide_values;
    int total = nl + (show ? 1 : 0);
    double lh = c->fs_small * 1.2;
    cx_anchor an = ca > 0.25 ? CX_ANCHOR_LEFT : ca < -0.25 ? CX_ANCHOR_RIGHT : CX_ANCHOR_CENTER;
    /* Block of lines: above the point at the top, below it at the bottom,
     * centred on it at the sides. */
    double block = (double)(total - 1) * lh;
    double first = sa < -0.25 ? y - block - e->descent * c->fs_small
                   : sa > 0.25 ? y + e->ascent * c->fs_small
                               : cx_chart_mid_baseline(c, y, c->fs_small) - block / 2;
    const char *p = lines;
    for (int l = 0; l < nl; l++, p += strlen(p) + 1)
        cx_chart_text(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, CX_FACE_BOLD, c->fs_small, e->text,
                      an, x, first + l * lh, 0, p);
    if (show)
        cx_chart_text_fit(c, CX_DL_ROLE_VALUE_LABEL, 0, (int)i, CX_FACE_REGULAR, c->fs_small,
                          e->muted, an, x, first + nl * lh, 0, num, maxw);
}

cx_status cx_radar_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    size_t n = s->ncategories;
    if (n < 3 || n > 12)
        return cx_chart_fail(c, "a radar chart needs 3 to 12 dimensions, not %zu", n);
    if (s->nseries > 2)
        return cx_chart_fail(c, "a radar chart takes the client and one benchmark, not %zu series",
                             s->nseries);
    if (s->series[0].lo)
        return cx_chart_fail(c, "radar chart: the band (lo/hi) belongs to the benchmark, series 2");
    const cx_chart_series *bench = s->nseries > 1 ? &s->series[1] : NULL;

    double dmin = 0, dmax = 0;
    for (size_t k = 0; k < s->nseries; k++)
        for (size_t i = 0; i < n; i++) {
            const cx_chart_series *se = &s->series[k];
            dmin = fmin(dmin, se->lo ? se->lo[i] : se->values[i]);
            dmax = fmax(dmax, se->hi ? se->hi[i] : se->values[i]);
        }
    cx_ticks t;
    bool fixed = s->min < s->max;
    if (fixed) {
        dmin = s->min;
        dmax = s->max;
    }
    if (!cx_ticks_nice(dmin, dmax, 6, &t))
        return cx_chart_fail(c, "radar chart: cannot scale %g..%g", dmin, dmax);
    if (!fixed) {
        dmin = t.lo;
        dmax = t.hi;
    }

    char lname[3][96];
    cx_legend_entry leg[3];
    size_t nleg = 0;
    snprintf(lname[0], sizeof lname[0], "%s", s->series[0].name ? s->series[0].name : "Client");
    leg[nleg++] = (cx_legend_entry){ lname[0], cx_chart_color(c, 0), CX_KEY_MARKER, 0 };
    cx_rgba bcol = cx_rgba_mix(e->neutral, e->text, 0.45);
    cx_rgba band = cx_rgba_mix(e->neutral, e->background, 0.55);
    if (bench) {
        snprintf(lname[1], sizeof lname[1], "%s", bench->name ? bench->name : "Benchmark median");
        leg[nleg++] = (cx_legend_entry){ lname[1], bcol, CX_KEY_DASH, 1 };
        if (bench->lo)
            leg[nleg++] = (cx_legend_entry){ "Interquartile range", band, CX_KEY_SWATCH, 1 };
    }
    double label_w = fmin(c->W * 0.2, 110);
    double label_h = c->fs_small * 1.2 * 3;
    cx_chart_begin(c, fmin(fmax(c->W * 0.72, 200), 360));
    cx_legend_draw(c, leg, nleg);
    double top = c->y + 2, bottom = c->H - 2;
    radar r = { .n = n, .cx = c->W / 2, .cy = (top + bottom) / 2 };
    r.R = fmin((bottom - top) / 2 - label_h - 6, c->W / 2 - label_w - 8);
    if (r.R < 30)
        return cx_chart_fail(c, "a radar chart %.0f x %.0f pt leaves no room for its spokes",
                             c->W, c->H);
    r.rs = (cx_scale){ dmin, dmax, 0, r.R };

    /* Rings at the ticks, spokes, tick labels along the top spoke. */
    for (int k = 0; k < t.count; k++) {
        double v = cx_ticks_value(&t, k);
        if (v <= dmin || v > dmax + 1e-9)
            continue;
        double rad = cx_scale_map(&r.rs, v);
        for (size_t i = 0; i < n; i++) {
            double a = angle(&r, i);
            if (i == 0)
                cx_dl_move(c->dl, r.cx + rad * cos(a), r.cy + rad * sin(a));
            else
                cx_dl_line(c->dl, r.cx + rad * cos(a), r.cy + rad * sin(a));
        }
        cx_dl_close(c->dl);
    }
    for (size_t i = 0; i < n; i++) {
        cx_dl_move(c->dl, r.cx, r.cy);
        cx_dl_line(c->dl, r.cx + r.R * cos(angle(&r, i)), r.cy + r.R * sin(angle(&r, i)));
    }
    cx_dl_style gs = { .stroke = e->grid, .width = 0.6 };
    cx_dl_paint(c->dl, &gs, CX_DL_ROLE_GRID, -1, -1);

    if (bench && bench->lo) {
        polygon(c, &r, bench->hi, false);
        polygon(c, &r, bench->lo, true);
        cx_dl_style bs = { .fill = band, .even_odd = true };
        cx_dl_paint(c->dl, &bs, CX_DL_ROLE_BAND, 1, -1);
    }
    char buf[96];
    cx_number_format tf = s->format;
    tf.decimals = t.decimals;
    for (int k = 0; k < t.count; k++) {
        double v = cx_ticks_value(&t, k);
        if (v <= dmin || v > dmax + 1e-9)
            continue;
        cx_format_number(v, &tf, buf, sizeof buf);
        cx_chart_text(c, CX_DL_ROLE_TICK_LABEL, -1, k, CX_FACE_REGULAR, c->fs_small * 0.9, e->muted,
                      CX_ANCHOR_LEFT, r.cx + 2,
                      r.cy - cx_scale_map(&r.rs, v) + e->ascent * c->fs_small * 0.9 + 1, 0, buf);
    }
    if (bench) {
        polygon(c, &r, bench->values, false);
        cx_dl_style ms = { .stroke = bcol, .width = 1.25, .dash = { 3, 2 } };
        cx_dl_paint(c->dl, &ms, CX_DL_ROLE_LINE, 1, -1);
    }
    polygon(c, &r, s->series[0].values, false);
    cx_dl_style cs = { .stroke = cx_chart_color(c, 0), .width = 2 };
    cx_dl_paint(c->dl, &cs, CX_DL_ROLE_LINE, 0, -1);
    for (size_t i = 0; i < n; i++) {
        double rad = cx_scale_map(&r.rs, s->series[0].values[i]), a = angle(&r, i);
        cx_dl_circle(c->dl, r.cx + rad * cos(a), r.cy + rad * sin(a), 2.6);
        cx_dl_style ps = { .fill = cx_chart_color(c, 0), .stroke = e->background, .width = 0.75 };
        cx_dl_paint(c->dl, &ps, CX_DL_ROLE_MARKER, 0, (int)i);
    }
    for (size_t i = 0; i < n; i++)
        dim_label(c, &r, i, label_w);
    return CX_OK;
}
