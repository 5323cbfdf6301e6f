/*
 * line.c — line charts: several series over ordered categories (years),
 * with markers and direct labels at the line ends instead of a legend.
 *
 * End labels are spread apart vertically so they never overlap, each with
 * the series' last value; the room they need is taken from the plot, not
 * from outside the box.  Category labels thin out (every 2nd, 3rd, …) when
 * they would collide.  The value axis fits the data (lines need no zero).
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *series_name(const cx_chart_series *se, char *buf, size_t size, size_t k)
{
    if (se->name && se->name[0])
        return se->name;
    snprintf(buf, size, "Series %zu", k + 1);
    return buf;
}

cx_status cx_line_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    size_t n = s->ncategories, ns = s->nseries;
    cx_status st = CX_OK;
    double *ey = NULL;
    char buf[128], nbuf[32];
    if (n < 2)
        return cx_chart_fail(c, "a line chart needs at least 2 categories, not %zu", n);
    if (ns > c->npal)
        return cx_chart_fail(c, "%zu series but the palette has only %zu colours", ns, c->npal);

    double dmin = s->series[0].values[0], dmax = dmin;
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < n; i++) {
            dmin = fmin(dmin, s->series[k].values[i]);
            dmax = fmax(dmax, s->series[k].values[i]);
        }
    for (size_t k = 0; k < s->nrefs; k++) {
        dmin = fmin(dmin, s->refs[k].value);
        dmax = fmax(dmax, s->refs[k].value);
    }
    bool fixed = s->min < s->max;
    if (fixed) {
        dmin = s->min;
        dmax = s->max;
        for (size_t k = 0; k < s->nrefs; k++)
            if (s->refs[k].value < dmin || s->refs[k].value > dmax)
                return cx_chart_fail(c, "reference line %g is outside the axis range %g..%g",
                                     s->refs[k].value, dmin, dmax);
    }

    /* End labels: "<value>  <name>", values in a column of their own. */
    double vw = 0, nw = 0;
    for (size_t k = 0; k < ns; k++) {
        const char *nm = series_name(&s->series[k], nbuf, sizeof nbuf, k);
        nw = fmax(nw, cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, nm, strlen(nm)));
        if (!s->hide_values) {
            size_t len = cx_chart_fmt(c, s->series[k].values[n - 1], buf, sizeof buf);
            vw = fmax(vw, cx_chart_measure(c, CX_FACE_BOLD, c->fs_small, buf, len));
        }
    }
    double vgap = vw > 0 ? 4 : 0;
    nw = fmin(nw, c->W * 0.3 - vw - vgap);
    if (nw < 10)
        nw = 10;
    double endw = vw + vgap + nw;

    cx_chart_begin(c, fmax(c->W * 0.55, 160));
    double top = c->y;
    double ys0 = top + cx_axis_above_h(c), ys1 = c->H - cx_axis_below_h(c);
    if (ys1 - ys0 < 40)
        return cx_chart_fail(c, "a line chart %.0f pt tall leaves no room for its lines", c->H);
    cx_ticks t = cx_axis_ticks(c, dmin, dmax, ys1 - ys0, false);
    double tw = cx_axis_label_width(c, &t);
    double px0 = tw + 5, px1 = c->W - endw - 8;
    if (px1 - px0 < 60)
        return cx_chart_fail(c, "a line chart %.0f pt wide leaves no room for its lines", c->W);
    cx_scale ys = fixed ? (cx_scale){ dmin, dmax, ys1, ys0 } : (cx_scale){ t.lo, t.hi, ys1, ys0 };
    double pad = fmin(8, (px1 - px0) * 0.03);
    cx_scale xs = { 0, (double)(n - 1), px0 + pad, px1 - pad };
    cx_axis_y(c, &ys, &t, px0, px1, px0 - 4);
    cx_axis_zero_y(c, &ys, px0, px1);

    for (size_t k = 0; k < s->nrefs; k++) {
        double y = cx_scale_map(&ys, s->refs[k].value);
        cx_dl_move(c->dl, px0, y);
        cx_dl_line(c->dl, px1, y);
        cx_dl_style rs = { .stroke = e->text, .width = 0.8, .dash = { 3, 2 } };
        cx_dl_paint(c->dl, &rs, CX_DL_ROLE_REF_LINE, -1, (int)k);
        cx_axis_ref_text(c, &s->refs[k], buf, sizeof buf);
        cx_chart_text_fit(c, CX_DL_ROLE_REF_LABEL, -1, (int)k, CX_FACE_ITALIC, c->fs_small, e->text,
                          CX_ANCHOR_LEFT, px0 + 2, y - 2 - e->descent * c->fs_small, 0, buf,
                          px1 - px0 - 4);
    }

    /* Category labels, every step-th when the widest would collide. */
    double lw = 0;
    for (size_t i = 0; i < n; i++)
        lw = fmax(lw, cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, s->categories[i],
                                       strlen(s->categories[i])));
    double spacing = (xs.r1 - xs.r0) / (double)(n - 1);
    size_t step = (size_t)ceil((lw + c->fs_small) / spacing);
    if (step < 1)
        step = 1;
    double lbase = ys1 + 3 + e->ascent * c->fs_small;
    for (size_t i = 0; i < n; i += step) {
        double x = cx_scale_map(&xs, (double)i);
        double w = fmin(lw, spacing * (double)step - 2);
        double cxl = fmin(fmax(x, w / 2), c->W - w / 2);
        cx_chart_text_fit(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, CX_FACE_REGULAR, c->fs_small,
                          e->muted, CX_ANCHOR_CENTER, cxl, lbase, 0, s->categories[i], w);
    }

    /* Lines, then markers on top of all lines. */
    for (size_t k = 0; k < ns; k++) {
        for (size_t i = 0; i < n; i++) {
            double x = cx_scale_map(&xs, (double)i), y = cx_scale_map(&ys, s->series[k].values[i]);
            if (i == 0)
                cx_dl_move(c->dl, x, y);
            else
                cx_dl_line(c->dl, x, y);
        }
        cx_dl_style ls = { .stroke = cx_chart_color(c, k), .width = 1.75 };
        cx_dl_paint(c->dl, &ls, CX_DL_ROLE_LINE, (int)k, -1);
    }
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < n; i++) {
            cx_dl_circle(c->dl, cx_scale_map(&xs, (double)i),
                         cx_scale_map(&ys, s->series[k].values[i]), 2.4);
            cx_dl_style ms = { .fill = cx_chart_color(c, k), .stroke = e->background,
                               .width = 0.75 };
            cx_dl_paint(c->dl, &ms, CX_DL_ROLE_MARKER, (int)k, (int)i);
        }

    ey = malloc(ns * sizeof *ey);
    if (!ey)
        return cx_chart_oom(c);
    for (size_t k = 0; k < ns; k++)
        ey[k] = cx_scale_map(&ys, s->series[k].values[n - 1]);
    double lh = c->fs_small * 1.25;
    cx_label_spread(ey, ns, lh, top + lh / 2, ys1);
    double lx = cx_scale_map(&xs, (double)(n - 1)) + 6;
    for (size_t k = 0; k < ns; k++) {
        cx_rgba ink = cx_chart_ink(c, cx_chart_color(c, k));
        double base = cx_chart_mid_baseline(c, ey[k], c->fs_small);
        if (!s->hide_values) {
            cx_chart_fmt(c, s->series[k].values[n - 1], buf, sizeof buf);
            cx_chart_text(c, CX_DL_ROLE_VALUE_LABEL, (int)k, (int)(n - 1), CX_FACE_BOLD,
                          c->fs_small, ink, CX_ANCHOR_RIGHT, lx + vw, base, 0, buf);
        }
        const char *nm = series_name(&s->series[k], nbuf, sizeof nbuf, k);
        cx_chart_text_fit(c, CX_DL_ROLE_END_LABEL, (int)k, -1, CX_FACE_REGULAR, c->fs_small, ink,
                          CX_ANCHOR_LEFT, lx + vw + vgap, base, 0, nm, c->W - (lx + vw + vgap));
    }
    if (s->y_title && s->y_title[0])
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_LEFT, 0, top + e->ascent * c->fs_small, 0, s->y_title, c->W);
    if (s->x_title && s->x_title[0])
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_CENTER, (px0 + px1) / 2, c->H - e->descent * c->fs_small - 1,
                          0, s->x_title, c->W);
    free(ey);
    return st;
}
