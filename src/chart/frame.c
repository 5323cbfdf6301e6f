/*
 * frame.c — the frame of every chart with categories on one axis and
 * values on the other (bars, grouped, stacked, dot plot, distribution,
 * bullet): where the plot goes, how big the category labels may be, the
 * value scale with room reserved for value labels, reference lines with
 * their labels in a band of their own, axis titles.
 *
 * The frame decides geometry so that nothing leaves the chart box: labels
 * are truncated or wrapped to the room they have, and a chart too small
 * for its categories is an error, not an unreadable picture.  The marks
 * themselves belong to the kinds.
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool has(const char *s) { return s && s[0]; }

static double row_h(const cx_chart_ctx *c) { return c->fs_small * 1.5; }

static int label_face(const cx_frame *f, const cx_chart_spec *s, size_t i)
{
    return f->bold_highlight && cx_chart_is_highlighted(s, i) ? CX_FACE_BOLD : CX_FACE_REGULAR;
}

static cx_status layout_h(cx_chart_ctx *c, const cx_frame_req *rq, cx_frame *f,
                          double dmin, double dmax, bool fixed)
{
    const cx_chart_spec *s = c->spec;
    size_t n = f->n;
    int hrows = s->nrefs > 1 ? (int)s->nrefs : 1;
    if (s->nrefs == 0 && !has(s->y_title))
        hrows = 0;
    f->header_rows = hrows;
    double header_h = hrows * row_h(c) + rq->headroom;
    double bottom_h = cx_axis_below_h(c);
    double chrome = cx_chart_title_height(c) + cx_legend_height(c, rq->legend, rq->nlegend) +
                    header_h + bottom_h + 2;
    cx_chart_begin(c, chrome + (double)n * rq->pitch);
    cx_legend_draw(c, rq->legend, rq->nlegend);
    f->top = c->y;
    f->py0 = c->y + header_h;
    f->py1 = c->H - bottom_h;
    f->pitch = (f->py1 - f->py0) / (double)n;
    f->lfs = fmin(c->fs, f->pitch / 1.3);
    if (f->pitch <= 0 || f->lfs < rq->min_label_size)
        return cx_chart_fail(c, "%zu categories do not fit in a chart %.0f pt tall "
                             "(it needs at least %.0f pt)",
                             n, c->H, ceil(chrome + (double)n * rq->min_label_size * 1.3));

    double lw = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = s->categories[i];
        double w = cx_chart_measure(c, label_face(f, s, i), f->lfs, t, strlen(t));
        if (w > lw)
            lw = w;
    }
    f->label_w = fmin(lw, c->W * 0.32);
    double x0 = f->label_w + c->fs * 0.6;
    double xs0 = x0 + (rq->neg_w > 0 ? rq->neg_w + 3 : 0);
    double xs1 = c->W - (rq->pos_w > 0 ? rq->pos_w + 3 : 2);
    if (xs1 - xs0 < 40)
        return cx_chart_fail(c, "a chart %.0f pt wide leaves no room for its bars next to "
                             "the labels", c->W);
    f->ticks = cx_axis_ticks(c, dmin, dmax, xs1 - xs0, true);
    f->vs = fixed ? (cx_scale){ dmin, dmax, xs0, xs1 }
                  : (cx_scale){ f->ticks.lo, f->ticks.hi, xs0, xs1 };
    f->px0 = xs0;
    f->px1 = xs1;
    return CX_OK;
}

/* True when the label wraps into at most 3 lines without cutting a word. */
static bool wraps_whole(const cx_chart_ctx *c, double size, const char *t, double maxw,
                        int *lines)
{
    char buf[1200];
    double w;
    int nl = cx_label_wrap(c, CX_FACE_REGULAR, size, t, maxw, 3, buf, sizeof buf, &w);
    if (nl > *lines)
        *lines = nl;
    if (strstr(t, CX_ELLIPSIS))
        return true;
    const char *p = buf;
    for (int i = 0; i < nl; i++, p += strlen(p) + 1)
        if (strstr(p, CX_ELLIPSIS))
            return false;
    return true;
}

static double ref_label_w(const cx_chart_ctx *c)
{
    double w = 0;
    char buf[512];
    for (size_t k = 0; k < c->spec->nrefs; k++) {
        cx_axis_ref_text(c, &c->spec->refs[k], buf, sizeof buf);
        double m = cx_chart_measure(c, CX_FACE_ITALIC, c->fs_small, buf, strlen(buf));
        if (m > w)
            w = m;
    }
    return fmin(w, c->W * 0.25);
}

static cx_status layout_v(cx_chart_ctx *c, const cx_frame_req *rq, cx_frame *f,
                          double dmin, double dmax, bool fixed)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    size_t n = f->n;
    double header_h = cx_axis_above_h(c) + rq->headroom;
    double refw = ref_label_w(c);
    cx_ticks t0;
    if (!cx_ticks_nice(dmin, dmax, 8, &t0))
        return cx_chart_fail(c, "cannot scale the values %g..%g", dmin, dmax);
    double tw = cx_axis_label_width(c, &t0);
    double px0 = tw + 5, px1 = c->W - (refw > 0 ? refw + 5 : 1);
    double slot = (px1 - px0) / (double)n;
    if (slot < 3)
        return cx_chart_fail(c, "%zu categories do not fit in a chart %.0f pt wide", n, c->W);

    double default_h = fmax(c->W * 0.5, 160);
    double h = s->height > 0 ? s->height : fmin(default_h, e->max_height);
    f->lfs = c->fs;
    int lines = 1;
    bool whole = true;
    for (size_t i = 0; i < n && whole; i++)
        whole = wraps_whole(c, f->lfs, s->categories[i], slot - 3, &lines);
    if (whole) {
        f->rotated = false;
        f->label_h = lines * f->lfs * 1.15;
    } else {
        f->rotated = true;
        f->lfs = fmin(c->fs, slot * 0.85);
        lines = 1;
        double lw = 0;
        for (size_t i = 0; i < n; i++) {
            const char *t = s->categories[i];
            double w = cx_chart_measure(c, CX_FACE_REGULAR, f->lfs, t, strlen(t));
            if (w > lw)
                lw = w;
        }
        /* A default-height chart grows so turned labels keep their text. */
        if (s->height <= 0) {
            default_h = fmin(fmax(default_h, (lw + 4) / 0.38), e->max_height);
            h = default_h;
        }
        f->label_h = fmin(lw, h * 0.38);
    }
    if (f->lfs < rq->min_label_size)
        return cx_chart_fail(c, "%zu categories do not fit in a chart %.0f pt wide", n, c->W);
    double bottom_h = 3 + f->label_h + e->descent * f->lfs +
                      (has(s->x_title) ? c->fs_small * 1.7 : 0);

    cx_chart_begin(c, default_h);
    cx_legend_draw(c, rq->legend, rq->nlegend);
    f->top = c->y;
    double py0 = c->y + header_h, py1 = c->H - bottom_h;
    double ys0 = py0 + (dmax > 0 ? rq->value_h : 0);
    double ys1 = py1 - (dmin < 0 ? rq->value_h : 0);
    if (ys1 - ys0 < 30)
        return cx_chart_fail(c, "a chart %.0f pt tall leaves no room for its bars", c->H);
    f->ticks = cx_axis_ticks(c, dmin, dmax, ys1 - ys0, false);
    double tw2 = cx_axis_label_width(c, &f->ticks);
    if (tw2 > tw) {
        px0 = tw2 + 5;
        slot = (px1 - px0) / (double)n;
    }
    f->vs = fixed ? (cx_scale){ dmin, dmax, ys1, ys0 }
                  : (cx_scale){ f->ticks.lo, f->ticks.hi, ys1, ys0 };
    f->px0 = px0;
    f->px1 = px1;
    f->py0 = ys0;
    f->py1 = ys1;
    f->pitch = slot;
    f->label_top = py1 + 3;
    return CX_OK;
}

cx_status cx_frame_layout(cx_chart_ctx *c, const cx_frame_req *rq, cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    memset(f, 0, sizeof *f);
    f->horizontal = rq->horizontal;
    f->bold_highlight = rq->bold_highlight;
    f->zero_below = rq->zero_below;
    f->n = s->ncategories;
    f->order = cx_chart_order(c, rq->sort_key);
    if (!f->order)
        return cx_chart_oom(c);
    double dmin = rq->dmin, dmax = rq->dmax;
    bool fixed = rq->fixed_range;
    if (s->min < s->max) {
        dmin = s->min;
        dmax = s->max;
        fixed = true;
    }
    for (size_t k = 0; k < s->nrefs; k++) {
        double v = s->refs[k].value;
        if (fixed && (v < dmin || v > dmax))
            return cx_chart_fail(c, "reference line %g is outside the axis range %g..%g", v,
                                 dmin, dmax);
        dmin = fmin(dmin, v);
        dmax = fmax(dmax, v);
    }
    return rq->horizontal ? layout_h(c, rq, f, dmin, dmax, fixed)
                          : layout_v(c, rq, f, dmin, dmax, fixed);
}

void cx_frame_free(cx_frame *f)
{
    free(f->order);
    f->order = NULL;
}

double cx_frame_slot(const cx_frame *f, size_t r)
{
    return (f->horizontal ? f->py0 : f->px0) + ((double)r + 0.5) * f->pitch;
}

static void zero(cx_chart_ctx *c, const cx_frame *f)
{
    if (f->horizontal)
        cx_axis_zero_x(c, &f->vs, f->py0, f->py1);
    else
        cx_axis_zero_y(c, &f->vs, f->px0, f->px1);
}

void cx_frame_grid(cx_chart_ctx *c, const cx_frame *f)
{
    if (f->horizontal)
        cx_axis_x(c, &f->vs, &f->ticks, f->py0, f->py1,
                  f->py1 + 3 + c->env->ascent * c->fs_small);
    else
        cx_axis_y(c, &f->vs, &f->ticks, f->px0, f->px1, f->px0 - 4);
    if (f->zero_below)
        zero(c, f);
}

typedef struct gap { double a, b; } gap;

static int by_a(const void *p, const void *q)
{
    const gap *x = p, *y = q;
    return x->a < y->a ? -1 : x->a > y->a;
}

/* A reference line from a to b at `pos` (x of a vertical line, y of a
 * horizontal one), broken where it would run through a value label that
 * is already in the list: the number stays readable, the line stays. */
static void cut_line(cx_chart_ctx *c, bool vertical, double pos, double a, double b)
{
    const cx_dl *dl = c->dl;
    size_t ng = 0, cap = 0;
    gap *g = NULL;
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->kind != CX_DL_TEXT || it->role != CX_DL_ROLE_VALUE_LABEL || it->text.rotation)
            continue;
        const cx_dl_text *t = &it->text;
        double x0 = t->x - t->width * (t->anchor == CX_ANCHOR_CENTER ? 0.5
                                       : t->anchor == CX_ANCHOR_RIGHT ? 1 : 0);
        double x1 = x0 + t->width;
        double y0 = t->y - c->env->cap_height * t->size, y1 = t->y + 0.15 * t->size;
        double lo = vertical ? y0 : x0, hi = vertical ? y1 : x1;
        double cross0 = vertical ? x0 : y0, cross1 = vertical ? x1 : y1;
        if (pos < cross0 - 1.5 || pos > cross1 + 1.5 || hi < a || lo > b)
            continue;
        if (ng == cap) {
            size_t nc = cap ? cap * 2 : 8;
            gap *ng2 = realloc(g, nc * sizeof *g);
            if (!ng2)
                break;      /* fewer gaps: the line just runs through */
            g = ng2;
            cap = nc;
        }
        g[ng++] = (gap){ lo - 1.5, hi + 1.5 };
    }
    if (ng)
        qsort(g, ng, sizeof *g, by_a);
    double at = a;
    for (size_t k = 0; k <= ng; k++) {
        double end = k < ng ? g[k].a : b;
        if (end > at) {
            cx_dl_move(c->dl, vertical ? pos : at, vertical ? at : pos);
            cx_dl_line(c->dl, vertical ? pos : end, vertical ? end : pos);
        }
        if (k < ng && g[k].b > at)
            at = g[k].b;
    }
    free(g);
}

typedef struct ref_pos { double x, w; size_t k; } ref_pos;

static int by_x(const void *a, const void *b)
{
    const ref_pos *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

static void refs_h(cx_chart_ctx *c, const cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    size_t n = s->nrefs;
    if (n == 0)
        return;
    ref_pos *rp = malloc(n * sizeof *rp);
    double *right = calloc((size_t)f->header_rows, sizeof *right);
    if (!rp || !right) {
        c->dl->failed = true;
        goto done;
    }
    char buf[512];
    for (size_t k = 0; k < n; k++) {
        cx_axis_ref_text(c, &s->refs[k], buf, sizeof buf);
        rp[k] = (ref_pos){ cx_scale_map(&f->vs, s->refs[k].value),
                           cx_chart_measure(c, CX_FACE_ITALIC, c->fs_small, buf, strlen(buf)), k };
    }
    qsort(rp, n, sizeof *rp, by_x);
    double minx = f->label_w + c->fs * 0.6, rh = row_h(c);
    for (int r = 0; r < f->header_rows; r++)
        right[r] = r == 0 && has(s->y_title) ? minx : -1e9;
    for (size_t j = 0; j < n; j++) {
        double w = fmin(rp[j].w, c->W - minx);
        double x = rp[j].x - w / 2;
        if (x + w > c->W)
            x = c->W - w;
        if (x < minx)
            x = minx;
        int row = 0;
        while (row < f->header_rows - 1 && right[row] + 6 > x)
            row++;
        right[row] = x + w;
        double base = f->top + row * rh + c->env->ascent * c->fs_small;
        size_t k = rp[j].k;
        cx_axis_ref_text(c, &s->refs[k], buf, sizeof buf);
        cx_chart_text_fit(c, CX_DL_ROLE_REF_LABEL, -1, (int)k, CX_FACE_ITALIC, c->fs_small,
                          c->env->text, CX_ANCHOR_LEFT, x, base, 0, buf, w + 0.01);
        cut_line(c, true, rp[j].x, base + c->env->descent * c->fs_small + 1, f->py1);
        cx_dl_style st = { .stroke = c->env->text, .width = 0.8, .dash = { 3, 2 } };
        cx_dl_paint(c->dl, &st, CX_DL_ROLE_REF_LINE, -1, (int)k);
    }
done:
    free(rp);
    free(right);
}

static void refs_v(cx_chart_ctx *c, const cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    size_t n = s->nrefs;
    if (n == 0)
        return;
    double *y = malloc(n * sizeof *y);
    if (!y) {
        c->dl->failed = true;
        return;
    }
    char buf[512];
    for (size_t k = 0; k < n; k++) {
        double ly = cx_scale_map(&f->vs, s->refs[k].value);
        y[k] = ly;
        cut_line(c, false, ly, f->px0, f->px1);
        cx_dl_style st = { .stroke = c->env->text, .width = 0.8, .dash = { 3, 2 } };
        cx_dl_paint(c->dl, &st, CX_DL_ROLE_REF_LINE, -1, (int)k);
    }
    cx_label_spread(y, n, c->fs_small * 1.2, f->py0, f->py1);
    for (size_t k = 0; k < n; k++) {
        cx_axis_ref_text(c, &s->refs[k], buf, sizeof buf);
        cx_chart_text_fit(c, CX_DL_ROLE_REF_LABEL, -1, (int)k, CX_FACE_ITALIC, c->fs_small,
                          c->env->text, CX_ANCHOR_LEFT, f->px1 + 4,
                          cx_chart_mid_baseline(c, y[k], c->fs_small), 0, buf,
                          c->W - f->px1 - 4);
    }
    free(y);
}

static void labels_h(cx_chart_ctx *c, const cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    for (size_t r = 0; r < f->n; r++) {
        size_t i = f->order[r];
        double y = cx_chart_mid_baseline(c, cx_frame_slot(f, r), f->lfs);
        cx_chart_text_fit(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, label_face(f, s, i), f->lfs,
                          c->env->text, CX_ANCHOR_RIGHT, f->label_w, y, 0, s->categories[i],
                          f->label_w);
    }
    if (has(s->y_title))
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_BOLD, c->fs_small,
                          c->env->muted, CX_ANCHOR_LEFT, 0,
                          f->top + c->env->ascent * c->fs_small, 0,
                          s->y_title, f->label_w + c->fs * 0.5);
}

static void labels_v(cx_chart_ctx *c, const cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    char buf[1200];
    for (size_t r = 0; r < f->n; r++) {
        size_t i = f->order[r];
        int face = label_face(f, s, i);
        double x = cx_frame_slot(f, r);
        if (f->rotated) {
            cx_chart_text_fit(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, face, f->lfs, e->text,
                              CX_ANCHOR_RIGHT, x + e->cap_height * f->lfs / 2, f->label_top, 90,
                              s->categories[i], f->label_h);
            continue;
        }
        double w;
        int nl = cx_label_wrap(c, face, f->lfs, s->categories[i], f->pitch - 3, 3, buf,
                               sizeof buf, &w);
        const char *p = buf;
        for (int l = 0; l < nl; l++, p += strlen(p) + 1)
            cx_chart_text(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, face, f->lfs, e->text,
                          CX_ANCHOR_CENTER, x,
                          f->label_top + e->ascent * f->lfs + l * f->lfs * 1.15, 0, p);
    }
    if (has(s->y_title))
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_LEFT, 0, f->top + e->ascent * c->fs_small, 0, s->y_title,
                          c->W);
}

void cx_frame_finish(cx_chart_ctx *c, const cx_frame *f)
{
    const cx_chart_spec *s = c->spec;
    if (!f->zero_below)
        zero(c, f);
    if (f->horizontal) {
        refs_h(c, f);
        labels_h(c, f);
    } else {
        refs_v(c, f);
        labels_v(c, f);
    }
    if (has(s->x_title)) {
        double w = cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, s->x_title,
                                    strlen(s->x_title));
        double mid = (f->px0 + f->px1) / 2;
        w = fmin(w, c->W);
        mid = fmin(fmax(mid, w / 2), c->W - w / 2);
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small,
                          c->env->muted, CX_ANCHOR_CENTER, mid,
                          c->H - c->env->descent * c->fs_small - 1, 0, s->x_title, c->W);
    }
}
