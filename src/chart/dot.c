/*
 * dot.c — dot plots with error bars: one row per category, a dot at the
 * estimate and a line across its interval (e.g. NPS ± its 95 % confidence
 * interval per vendor), sorted and highlighted like a ranking.
 *
 * The value axis covers the intervals, not zero: a dot has no length to
 * distort.  The zero line is drawn when zero is in range.
 */
#include "chart_int.h"

#include <math.h>

cx_status cx_dot_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_series *se = &s->series[0];
    cx_frame f = { 0 };
    cx_status st;
    if (s->nseries > 1)
        return cx_chart_fail(c, "a dot plot takes one series, not %zu", s->nseries);
    for (size_t i = 0; se->lo && i < se->n; i++)
        if (se->values[i] < se->lo[i] || se->values[i] > se->hi[i])
            return cx_chart_fail(c, "dot plot: %s: the estimate is outside its interval",
                                 s->categories[i]);
    double dmin = se->values[0], dmax = se->values[0], pos_w = 0;
    char buf[96];
    for (size_t i = 0; i < se->n; i++) {
        dmin = fmin(dmin, se->lo ? se->lo[i] : se->values[i]);
        dmax = fmax(dmax, se->hi ? se->hi[i] : se->values[i]);
        if (!s->hide_values) {
            size_t len = cx_chart_fmt(c, se->values[i], buf, sizeof buf);
            int face = cx_chart_is_highlighted(s, i) ? CX_FACE_BOLD : CX_FACE_REGULAR;
            pos_w = fmax(pos_w, cx_chart_measure(c, face, c->fs_small, buf, len));
        }
    }
    cx_frame_req rq = {
        .horizontal = true,
        .dmin = dmin,
        .dmax = dmax,
        .pos_w = pos_w > 0 ? pos_w + 3 : 0,
        .pitch = c->fs * 1.55,
        .min_label_size = 4.5,
        .bold_highlight = true,
        .zero_below = true,
    };
    if ((st = cx_frame_layout(c, &rq, &f)))
        goto done;
    double vfs = fmin(c->fs_small, f.lfs);
    cx_frame_grid(c, &f);
    bool any_hl = s->nhighlight > 0;
    double r = fmin(3.0, f.pitch * 0.3), cap = fmin(3.0, f.pitch * 0.3);
    cx_rgba dim = cx_rgba_mix(c->env->neutral, c->env->text, 0.35);
    for (size_t k = 0; k < f.n; k++) {
        size_t i = f.order[k];
        double y = cx_frame_slot(&f, k);
        bool hl = cx_chart_is_highlighted(s, i);
        cx_rgba col = any_hl && !hl ? dim : cx_chart_color(c, 0);
        double right = cx_scale_map(&f.vs, se->values[i]);
        if (se->lo) {
            double x0 = cx_scale_map(&f.vs, se->lo[i]), x1 = cx_scale_map(&f.vs, se->hi[i]);
            cx_dl_move(c->dl, x0, y);
            cx_dl_line(c->dl, x1, y);
            cx_dl_move(c->dl, x0, y - cap);
            cx_dl_line(c->dl, x0, y + cap);
            cx_dl_move(c->dl, x1, y - cap);
            cx_dl_line(c->dl, x1, y + cap);
            cx_dl_style es = { .stroke = cx_rgba_mix(col, c->env->background, 0.3), .width = 1 };
            cx_dl_paint(c->dl, &es, CX_DL_ROLE_ERROR_BAR, 0, (int)i);
            right = fmax(right + r, x1);
        } else {
            right += r;
        }
        cx_dl_circle(c->dl, cx_scale_map(&f.vs, se->values[i]), y, r);
        cx_dl_style ds = { .fill = col, .stroke = c->env->background, .width = 0.6 };
        cx_dl_paint(c->dl, &ds, CX_DL_ROLE_MARKER, 0, (int)i);
        if (!s->hide_values) {
            size_t len = cx_chart_fmt(c, se->values[i], buf, sizeof buf);
            int face = hl ? CX_FACE_BOLD : CX_FACE_REGULAR;
            double w = cx_chart_measure(c, face, vfs, buf, len);
            cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, 0, (int)i, face, vfs,
                           hl ? c->env->text : c->env->muted, CX_ANCHOR_LEFT, right + 3,
                           cx_chart_mid_baseline(c, y, vfs), 0, w, buf, len);
        }
    }
    cx_frame_finish(c, &f);
done:
    cx_frame_free(&f);
    return st;
}
