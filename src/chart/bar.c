/*
 * bar.c — bar charts: single-series bars and rankings (with highlighted
 * bars and reference lines), grouped bars, stacked and 100 % stacked bars,
 * and the distribution over maturity levels with the client's level
 * marked.  Horizontal (categories down the side) or vertical.
 *
 * Bars always start at zero.  Value labels sit outside the bar end (left
 * of negative bars), stacked segments print their share inside when it
 * fits, and the frame has reserved the room for all of it, so no label
 * leaves the chart.  Never reorders the caller's arrays: sorting is an
 * order vector.
 */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct bar_data {
    cx_chart_kind kind;
    bool stacked, pct, single, horizontal;
    size_t n, k;
    double *total;          /* stacked: per category */
    double *share0;         /* 100 %: share of series 0 (sort key) */
    double vfs;             /* value label size */
    bool values;            /* value labels drawn (shown and fitting) */
} bar_data;

static double v_of(const cx_chart_ctx *c, const bar_data *b, size_t k, size_t i)
{
    double v = c->spec->series[k].values[i];
    if (b->pct)
        return b->total[i] > 0 ? v / b->total[i] * 100 : 0;
    return v;
}

/* Widest value label on the positive and the negative side. */
static void value_widths(const cx_chart_ctx *c, const bar_data *b, double *pos, double *neg)
{
    char buf[96];
    *pos = *neg = 0;
    if (c->spec->hide_values || b->stacked)
        return;
    for (size_t k = 0; k < b->k; k++)
        for (size_t i = 0; i < b->n; i++) {
            double v = c->spec->series[k].values[i];
            size_t len = cx_chart_fmt(c, v, buf, sizeof buf);
            int face = b->single && cx_chart_is_highlighted(c->spec, i) ? CX_FACE_BOLD
                                                                         : CX_FACE_REGULAR;
            double w = cx_chart_measure(c, face, b->vfs, buf, len);
            if (v < 0)
                *neg = fmax(*neg, w);
            else
                *pos = fmax(*pos, w);
        }
}

static void bar_rect(cx_chart_ctx *c, const cx_frame *f, double center, double thick,
                     double v0, double v1)
{
    double a = cx_scale_map(&f->vs, v0), b = cx_scale_map(&f->vs, v1);
    if (f->horizontal)
        cx_dl_rect(c->dl, fmin(a, b), center - thick / 2, fabs(b - a), thick);
    else
        cx_dl_rect(c->dl, center - thick / 2, fmin(a, b), thick, fabs(b - a));
}

/* The number at the end of a bar: right of positive bars, left of
 * negative ones (horizontal); above or below (vertical). */
static void end_label(cx_chart_ctx *c, const cx_frame *f, const bar_data *b, size_t k,
                      size_t i, double center, double v, double thick, bool hl)
{
    char buf[96];
    size_t len = cx_chart_fmt(c, v, buf, sizeof buf);
    int face = hl ? CX_FACE_BOLD : CX_FACE_REGULAR;
    double w = cx_chart_measure(c, face, b->vfs, buf, len);
    double end = cx_scale_map(&f->vs, v);
    cx_rgba col = hl ? c->env->text : c->env->muted;
    const cx_chart_env *e = c->env;
    if (f->horizontal) {
        double y = cx_chart_mid_baseline(c, center, b->vfs);
        if (v < 0)
            cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, (int)k, (int)i, face, b->vfs, col,
                           CX_ANCHOR_RIGHT, end - 3, y, 0, w, buf, len);
        else
            cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, (int)k, (int)i, face, b->vfs, col,
                           CX_ANCHOR_LEFT, end + 3, y, 0, w, buf, len);
    } else {
        if (w > thick + f->pitch * 0.25 && b->k > 1)
            return;     /* grouped columns too thin for their numbers */
        double y = v < 0 ? end + 2 + e->ascent * b->vfs : end - 2 - e->descent * b->vfs;
        cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, (int)k, (int)i, face, b->vfs, col,
                       CX_ANCHOR_CENTER, center, y, 0, w, buf, len);
    }
}

/* A segment's share printed inside it, when the text fits with a margin. */
static void segment_label(cx_chart_ctx *c, const cx_frame *f, const bar_data *b, size_t k,
                          size_t i, double center, double thick, double v0, double v1,
                          cx_rgba fill)
{
    char buf[96];
    cx_number_format fmt = c->spec->format;
    if (b->pct) {
        fmt.suffix = "%";
        fmt.prefix = NULL;
    }
    size_t len = cx_format_number(v1 - v0, &fmt, buf, sizeof buf);
    double w = cx_chart_measure(c, CX_FACE_REGULAR, b->vfs, buf, len);
    double a = cx_scale_map(&f->vs, v0), z = cx_scale_map(&f->vs, v1);
    double along = fabs(z - a), across = thick;
    double need_along = f->horizontal ? w + 4 : c->env->cap_height * b->vfs + 4;
    double need_across = f->horizontal ? c->env->cap_height * b->vfs + 2 : w + 2;
    if (along < need_along || across < need_across)
        return;
    double x = f->horizontal ? (a + z) / 2 : center;
    double y = f->horizontal ? center : (a + z) / 2;
    cx_dl_text_run(c->dl, CX_DL_ROLE_VALUE_LABEL, (int)k, (int)i, CX_FACE_REGULAR, b->vfs,
                   cx_chart_text_on(c, fill), CX_ANCHOR_CENTER, x,
                   cx_chart_mid_baseline(c, y, b->vfs), 0, w, buf, len);
}

/* A light band behind a highlighted row or column of grouped/stacked bars,
 * label included, so the client's row stands out without a new colour. */
static void highlight_band(cx_chart_ctx *c, const cx_frame *f, size_t r)
{
    double s = cx_frame_slot(f, r), h = f->pitch;
    if (f->horizontal)
        cx_dl_rect(c->dl, 0, s - h / 2, c->W, h);
    else
        cx_dl_rect(c->dl, s - h / 2, f->py0, h, f->label_top + f->label_h - f->py0);
    cx_dl_style st = { .fill = cx_rgba_mix(cx_chart_color(c, 0), c->env->background, 0.88) };
    cx_dl_paint(c->dl, &st, CX_DL_ROLE_NONE, -1, (int)f->order[r]);
}

static void distribution_marker(cx_chart_ctx *c, const cx_frame *f, const bar_data *b)
{
    const cx_chart_spec *s = c->spec;
    if (s->nhighlight == 0)
        return;
    size_t i = s->highlight[0], r = 0;
    while (r < f->n && f->order[r] != i)
        r++;
    double x = cx_frame_slot(f, r), v = s->series[0].values[i];
    double top = cx_scale_map(&f->vs, fmax(v, 0));
    if (!s->hide_values)
        top -= 2 + (c->env->ascent + c->env->descent) * b->vfs;
    double tri = c->fs * 0.55;
    cx_dl_move(c->dl, x, top - 2);
    cx_dl_line(c->dl, x - tri, top - 2 - tri * 1.2);
    cx_dl_line(c->dl, x + tri, top - 2 - tri * 1.2);
    cx_dl_close(c->dl);
    cx_dl_style st = { .fill = c->env->text };
    cx_dl_paint(c->dl, &st, CX_DL_ROLE_HIGHLIGHT_MARK, 0, (int)i);
    const char *label = s->marker_label && s->marker_label[0] ? s->marker_label : "Client";
    double w = cx_chart_measure(c, CX_FACE_BOLD, c->fs, label, strlen(label));
    double maxw = fmin(c->W, fmax(f->pitch * 2, w));
    w = fmin(w, maxw);
    double lx = fmin(fmax(x, w / 2), c->W - w / 2);
    cx_chart_text_fit(c, CX_DL_ROLE_HIGHLIGHT_LABEL, 0, (int)i, CX_FACE_BOLD, c->fs, c->env->text,
                      CX_ANCHOR_CENTER, lx, top - 4 - tri * 1.2 - c->env->descent * c->fs, 0,
                      label, maxw);
}

static void draw_marks(cx_chart_ctx *c, const cx_frame *f, const bar_data *b)
{
    const cx_chart_spec *s = c->spec;
    bool any_hl = s->nhighlight > 0;
    double thick_all = f->pitch * (b->k > 1 && !b->stacked ? 0.8 : 0.68);
    if (!f->horizontal)
        thick_all = fmin(thick_all, b->k > 1 && !b->stacked ? 22.0 * (double)b->k : 48);
    for (size_t r = 0; r < f->n; r++) {
        size_t i = f->order[r];
        double center = cx_frame_slot(f, r);
        bool hl = cx_chart_is_highlighted(s, i);
        if (b->stacked) {
            double acc = 0;
            for (size_t k = 0; k < b->k; k++) {
                double v = v_of(c, b, k, i);
                if (v <= 0)
                    continue;
                cx_rgba fill = cx_chart_color(c, k);
                bar_rect(c, f, center, thick_all, acc, acc + v);
                cx_dl_style st = { .fill = fill, .stroke = c->env->background, .width = 0.5 };
                cx_dl_paint(c->dl, &st, CX_DL_ROLE_SEGMENT, (int)k, (int)i);
                if (!s->hide_values)
                    segment_label(c, f, b, k, i, center, thick_all, acc, acc + v, fill);
                acc += v;
            }
            continue;
        }
        double thick = thick_all / (double)b->k;
        for (size_t k = 0; k < b->k; k++) {
            double v = s->series[k].values[i];
            double cc = center - thick_all / 2 + thick * ((double)k + 0.5);
            cx_rgba fill = b->single ? (any_hl && !hl ? c->env->neutral : cx_chart_color(c, 0))
                                     : cx_chart_color(c, k);
            bar_rect(c, f, cc, b->k > 1 ? thick * 0.92 : thick, 0, v);
            cx_dl_style st = { .fill = fill };
            cx_dl_paint(c->dl, &st, CX_DL_ROLE_BAR, (int)k, (int)i);
            if (b->values)
                end_label(c, f, b, k, i, cc, v, thick, b->single && hl);
        }
    }
}

cx_status cx_bar_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    cx_status st = CX_OK;
    cx_frame f = { 0 };
    bar_data b = { 0 };
    cx_legend_entry *leg = NULL;
    b.kind = s->kind;
    b.stacked = s->kind == CX_CHART_STACKED || s->kind == CX_CHART_STACKED100;
    b.pct = s->kind == CX_CHART_STACKED100;
    b.single = s->kind == CX_CHART_BAR || s->kind == CX_CHART_DISTRIBUTION;
    b.horizontal = s->kind == CX_CHART_DISTRIBUTION ? false : s->horizontal;
    b.n = s->ncategories;
    b.k = b.single ? 1 : s->nseries;
    if (b.single && s->nseries > 1)
        return cx_chart_fail(c, "a %s chart takes one series, not %zu (use a grouped chart)",
                             s->kind == CX_CHART_BAR ? "bar" : "distribution", s->nseries);
    if (!b.single && b.k > c->npal)
        return cx_chart_fail(c, "%zu series but the palette has only %zu colours", b.k, c->npal);
    if (s->kind == CX_CHART_DISTRIBUTION && s->nhighlight > 1)
        return cx_chart_fail(c, "a distribution marks one level, not %zu", s->nhighlight);

    if (s->min < s->max && (s->min > 0 || s->max < 0))
        return cx_chart_fail(c, "bars start at zero, so the axis range %g..%g must include 0",
                             s->min, s->max);
    double dmin = 0, dmax = 0;
    if (b.stacked) {
        b.total = calloc(b.n, sizeof *b.total);
        b.share0 = calloc(b.n, sizeof *b.share0);
        if (!b.total || !b.share0) {
            st = cx_chart_oom(c);
            goto done;
        }
        for (size_t k = 0; k < b.k; k++)
            for (size_t i = 0; i < b.n; i++) {
                double v = s->series[k].values[i];
                if (v < 0) {
                    st = cx_chart_fail(c, "stacked bars need values >= 0; series %zu, "
                                       "category %zu, is %g", k + 1, i + 1, v);
                    goto done;
                }
                b.total[i] += v;
            }
        for (size_t i = 0; i < b.n; i++) {
            if (!b.pct && s->min < s->max && b.total[i] > s->max + 1e-9) {
                st = cx_chart_fail(c, "the stack of category %zu (%g) is above the axis range "
                                   "%g..%g", i + 1, b.total[i], s->min, s->max);
                goto done;
            }
            if (b.pct && !(b.total[i] > 0)) {
                st = cx_chart_fail(c, "100%% stacked bars: %s has no total (every part is 0)",
                                   s->categories[i][0] ? s->categories[i] : "a category");
                goto done;
            }
            b.share0[i] = b.total[i] > 0 ? s->series[0].values[i] / b.total[i] : 0;
            dmax = fmax(dmax, b.total[i]);
        }
        if (b.pct)
            dmax = 100;
    } else {
        for (size_t k = 0; k < b.k; k++)
            for (size_t i = 0; i < b.n; i++) {
                dmin = fmin(dmin, s->series[k].values[i]);
                dmax = fmax(dmax, s->series[k].values[i]);
            }
    }
    b.vfs = c->fs_small;
    double pos_w, neg_w;
    value_widths(c, &b, &pos_w, &neg_w);

    if (!b.single && s->nseries > 1) {
        leg = calloc(b.k, sizeof *leg);
        if (!leg) {
            st = cx_chart_oom(c);
            goto done;
        }
        for (size_t k = 0; k < b.k; k++)
            leg[k] = (cx_legend_entry){ s->series[k].name ? s->series[k].name : "",
                                        cx_chart_color(c, k), CX_KEY_SWATCH, (int)k };
    }
    cx_frame_req rq = {
        .horizontal = b.horizontal,
        .dmin = dmin,
        .dmax = dmax,
        .pos_w = b.horizontal ? pos_w : 0,
        .neg_w = b.horizontal ? neg_w : 0,
        .value_h = s->hide_values || b.stacked ? 0 : (c->env->ascent + c->env->descent) * b.vfs + 2,
        .pitch = b.k > 1 && !b.stacked ? fmax(c->fs * 1.6, (double)b.k * c->fs * 0.95)
                                       : c->fs * (b.stacked ? 1.9 : 1.55),
        .min_label_size = 4.5,
        .headroom = s->kind == CX_CHART_DISTRIBUTION && s->nhighlight ? c->fs * 2.2 : 0,
        .fixed_range = b.pct,
        .sort_key = b.pct ? b.share0 : NULL,
        .bold_highlight = true,
        .legend = leg,
        .nlegend = leg ? b.k : 0,
    };
    cx_number_format pct_fmt = { .suffix = "%" };
    if (b.pct)
        c->axis_fmt = &pct_fmt;
    if ((st = cx_frame_layout(c, &rq, &f)))
        goto done;
    /* Value labels follow the category labels down when rows get tight;
     * columns too narrow for their numbers show none rather than some. */
    b.vfs = fmin(b.vfs, f.lfs);
    value_widths(c, &b, &pos_w, &neg_w);
    b.values = !s->hide_values && (b.horizontal || b.k > 1 || fmax(pos_w, neg_w) <= f.pitch - 1);
    if (!b.single)
        for (size_t r = 0; r < f.n; r++)
            if (cx_chart_is_highlighted(s, f.order[r]))
                highlight_band(c, &f, r);
    cx_frame_grid(c, &f);
    draw_marks(c, &f, &b);
    cx_frame_finish(c, &f);
    if (s->kind == CX_CHART_DISTRIBUTION)
        distribution_marker(c, &f, &b);
done:
    c->axis_fmt = NULL;
    cx_frame_free(&f);
    free(b.total);
    free(b.share0);
    free(leg);
    return st;
}
