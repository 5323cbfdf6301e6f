/*
 * heatmap.c — heat maps: dimensions (rows) × segments (columns), each cell
 * coloured by its value and printing it, with a colour legend below.
 *
 * The ramp runs from near-white to the first palette colour (sequential),
 * or through near-white between the second and the first colour when the
 * range spans zero (diverging), so the brand colours carry it and the
 * default (blue/orange) stays readable with colour-vision deficiencies.
 * Cell text switches between dark and white by contrast.
 */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct ramp {
    double lo, hi;
    bool diverging;
    cx_rgba low, mid, high;
} ramp;

static cx_rgba ramp_at(const ramp *r, double v)
{
    if (r->hi <= r->lo)
        return r->high;
    if (r->diverging) {
        double m = fmax(-r->lo, r->hi);
        double t = v / m;
        t = t < -1 ? -1 : t > 1 ? 1 : t;
        return t < 0 ? cx_rgba_mix(r->mid, r->low, -t) : cx_rgba_mix(r->mid, r->high, t);
    }
    double t = (v - r->lo) / (r->hi - r->lo);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return cx_rgba_mix(r->mid, r->high, t);
}

static bool whole_words(const cx_chart_ctx *c, const char *t, double maxw, int *lines)
{
    char buf[1200];
    double w;
    int nl = cx_label_wrap(c, CX_FACE_BOLD, c->fs_small, t, maxw, 2, buf, sizeof buf, &w);
    if (nl > *lines)
        *lines = nl;
    const char *p = buf;
    for (int i = 0; i < nl; i++, p += strlen(p) + 1)
        if (strstr(p, CX_ELLIPSIS) && !strstr(t, CX_ELLIPSIS))
            return false;
    return true;
}

cx_status cx_heatmap_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    size_t nr = s->ncategories, nc = s->nseries;
    char buf[1200];

    double lo = s->series[0].values[0], hi = lo;
    for (size_t j = 0; j < nc; j++)
        for (size_t i = 0; i < nr; i++) {
            lo = fmin(lo, s->series[j].values[i]);
            hi = fmax(hi, s->series[j].values[i]);
        }
    if (s->min < s->max) {
        lo = s->min;
        hi = s->max;
    }
    cx_ticks t;
    if (!cx_ticks_nice(lo, hi, 6, &t))
        return cx_chart_fail(c, "heat map: cannot scale %g..%g", lo, hi);
    ramp rp = { .lo = lo, .hi = hi, .diverging = lo < 0 && hi > 0,
                .low = cx_chart_color(c, c->npal > 1 ? 1 : 0),
                .mid = cx_rgba_mix(cx_chart_color(c, 0), e->background, 0.94),
                .high = cx_chart_color(c, 0) };
    if (!rp.diverging)
        rp.mid = cx_rgba_mix(cx_chart_color(c, 0), e->background, 0.92);

    /* Row labels on the left, columns share the rest (at most 90 pt). */
    double lw = 0;
    for (size_t i = 0; i < nr; i++) {
        int face = cx_chart_is_highlighted(s, i) ? CX_FACE_BOLD : CX_FACE_REGULAR;
        lw = fmax(lw, cx_chart_measure(c, face, c->fs, s->categories[i], strlen(s->categories[i])));
    }
    lw = fmin(lw, c->W * 0.32);
    double gx0 = lw + 6;
    double cw = fmin((c->W - gx0) / (double)nc, 90);
    if (cw < 12)
        return cx_chart_fail(c, "heat map: %zu columns do not fit in %.0f pt", nc, c->W);
    int hlines = 1;
    bool whole = true;
    for (size_t j = 0; j < nc && whole; j++)
        whole = whole_words(c, s->series[j].name ? s->series[j].name : "", cw - 4, &hlines);
    double hh;
    double colw_max = 0;
    if (whole) {
        hh = hlines * c->fs_small * 1.15 + 3;
    } else {
        for (size_t j = 0; j < nc; j++) {
            const char *nm = s->series[j].name ? s->series[j].name : "";
            colw_max = fmax(colw_max,
                            cx_chart_measure(c, CX_FACE_BOLD, c->fs_small, nm, strlen(nm)));
        }
        hh = fmin(colw_max, 90) + 4;
    }
    double legend_h = c->fs_small * 1.2 + (e->ascent + e->descent) * c->fs_small + 10;
    double ch_want = fmax(c->fs * 2.2, 16);
    cx_chart_begin(c, cx_chart_title_height(c) + hh + (double)nr * ch_want + legend_h + 4);
    double gy0 = c->y + hh, gy1 = c->H - legend_h;
    double ch = (gy1 - gy0) / (double)nr;
    if (ch < c->fs_small + 2)
        return cx_chart_fail(c, "heat map: %zu rows do not fit in a chart %.0f pt tall", nr, c->H);

    /* Column headers. */
    for (size_t j = 0; j < nc; j++) {
        const char *nm = s->series[j].name ? s->series[j].name : "";
        double x = gx0 + cw * ((double)j + 0.5);
        if (whole) {
            double w;
            int nl = cx_label_wrap(c, CX_FACE_BOLD, c->fs_small, nm, cw - 4, 2, buf, sizeof buf,
                                   &w);
            const char *p = buf;
            double base = gy0 - 3 - e->descent * c->fs_small - (nl - 1) * c->fs_small * 1.15;
            for (int l = 0; l < nl; l++, p += strlen(p) + 1)
                cx_chart_text(c, CX_DL_ROLE_CATEGORY_LABEL, (int)j, -1, CX_FACE_BOLD, c->fs_small,
                              e->text, CX_ANCHOR_CENTER, x, base + l * c->fs_small * 1.15, 0, p);
        } else {
            cx_chart_text_fit(c, CX_DL_ROLE_CATEGORY_LABEL, (int)j, -1, CX_FACE_BOLD, c->fs_small,
                              e->text, CX_ANCHOR_LEFT, x + e->cap_height * c->fs_small / 2, gy0 - 3,
                              90, nm, hh - 4);
        }
    }

    /* Cells with a 1 pt white gutter, values inside when they fit. */
    double vfs = fmin(c->fs, ch * 0.55);
    for (size_t i = 0; i < nr; i++) {
        double y = gy0 + ch * (double)i;
        int face = cx_chart_is_highlighted(s, i) ? CX_FACE_BOLD : CX_FACE_REGULAR;
        cx_chart_text_fit(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, face, fmin(c->fs, ch * 0.7),
                          e->text, CX_ANCHOR_RIGHT, lw, cx_chart_mid_baseline(c, y + ch / 2,
                          fmin(c->fs, ch * 0.7)), 0, s->categories[i], lw);
        for (size_t j = 0; j < nc; j++) {
            double v = s->series[j].values[i];
            cx_rgba fill = ramp_at(&rp, v);
            cx_dl_rect(c->dl, gx0 + cw * (double)j + 0.5, y + 0.5, cw - 1, ch - 1);
            cx_dl_style cs = { .fill = fill };
            cx_dl_paint(c->dl, &cs, CX_DL_ROLE_CELL, (int)j, (int)i);
            if (s->hide_values)
                continue;
            size_t len = cx_chart_fmt(c, v, buf, sizeof buf);
            double w = cx_chart_measure(c, face, vfs, buf, len);
            if (w > cw - 4)
                continue;
            cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, (int)j, (int)i, face, vfs,
                           cx_chart_text_on(c, fill), CX_ANCHOR_CENTER,
                           gx0 + cw * ((double)j + 0.5), cx_chart_mid_baseline(c, y + ch / 2, vfs),
                           0, w, buf, len);
        }
    }

    /* Legend: one swatch per tick interval, tick values at the borders. */
    double ly = gy1 + 8;
    double seg = fmin(36, (c->W - gx0) / (double)(t.count - 1));
    double sh = c->fs_small * 1.1;
    for (int k = 0; k + 1 < t.count; k++) {
        double a = cx_ticks_value(&t, k), b = cx_ticks_value(&t, k + 1);
        cx_dl_rect(c->dl, gx0 + seg * k, ly, seg, sh);
        cx_dl_style ls = { .fill = ramp_at(&rp, (a + b) / 2) };
        cx_dl_paint(c->dl, &ls, CX_DL_ROLE_LEGEND_KEY, -1, k);
    }
    cx_number_format tf = s->format;
    tf.decimals = t.decimals;
    for (int k = 0; k < t.count; k++) {
        cx_format_number(cx_ticks_value(&t, k), &tf, buf, sizeof buf);
        double x = gx0 + seg * k;
        double w = cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, buf, strlen(buf));
        cx_anchor an = CX_ANCHOR_CENTER;
        if (x + w / 2 > c->W)
            an = CX_ANCHOR_RIGHT, x = c->W;
        cx_dl_text_run(c->dl, CX_DL_ROLE_LEGEND_LABEL, -1, k, CX_FACE_REGULAR, c->fs_small,
                       e->muted, an, x, ly + sh + 2 + e->ascent * c->fs_small, 0, w, buf,
                       strlen(buf));
    }
    if (s->x_title && s->x_title[0])
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_RIGHT, gx0 - 6, ly + sh / 2 + e->cap_height * c->fs_small / 2,
                          0, s->x_title, gx0 - 6);
    return CX_OK;
}
