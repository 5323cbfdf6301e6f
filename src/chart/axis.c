/*
 * axis.c — value axes: choosing nice ticks for the room there is, light
 * gridlines, tick labels kept inside the chart box, the zero line and the
 * text of reference lines.
 *
 * Gridlines of one axis are one path (one item): cheap to draw, and a
 * test can count its subpaths.  Never decides where an axis goes; the
 * kinds and the frame pass the geometry in.
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static size_t tick_text(const cx_chart_ctx *c, const cx_ticks *t, int i, char *buf,
                        size_t size)
{
    cx_number_format f = c->axis_fmt ? *c->axis_fmt : c->spec->format;
    f.decimals = t->decimals;
    f.plus = false;
    return cx_format_number(cx_ticks_value(t, i), &f, buf, size);
}

double cx_axis_label_width(const cx_chart_ctx *c, const cx_ticks *t)
{
    double w = 0;
    char buf[96];
    for (int i = 0; i < t->count; i++) {
        size_t n = tick_text(c, t, i, buf, sizeof buf);
        double m = cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, buf, n);
        if (m > w)
            w = m;
    }
    return w;
}

cx_ticks cx_axis_ticks(const cx_chart_ctx *c, double lo, double hi, double length,
                       bool horizontal)
{
    cx_ticks t = { 0 };
    if (length < 1)
        length = 1;
    for (int max = 11; max >= 2; max--) {
        if (!cx_ticks_nice(lo, hi, max, &t))
            break;
        double space = length / (t.count - 1);
        double need = horizontal ? cx_axis_label_width(c, &t) + c->fs_small * 1.8
                                 : c->fs_small * 2.6;
        if (space >= need)
            return t;
    }
    /* No room for more: two ticks, the ends. */
    if (!cx_ticks_nice(lo, hi, 2, &t))
        cx_ticks_nice(0, 1, 2, &t);
    return t;
}

double cx_axis_above_h(const cx_chart_ctx *c)
{
    const char *t = c->spec->y_title;
    return t && t[0] ? c->fs_small * 2.2 : c->fs_small * 0.8;
}

double cx_axis_below_h(const cx_chart_ctx *c)
{
    const cx_chart_env *e = c->env;
    const char *t = c->spec->x_title;
    return 3 + (e->ascent + e->descent) * c->fs_small + (t && t[0] ? c->fs_small * 1.7 : 0);
}

static bool in_domain(const cx_scale *s, double v)
{
    double a = fmin(s->d0, s->d1), b = fmax(s->d0, s->d1);
    double eps = 1e-9 * fmax(1.0, b - a);
    return v >= a - eps && v <= b + eps;
}

/* One grid line per tick inside the domain, across from..to: vertical
 * lines for an x axis, horizontal ones for a y axis. */
static void grid_lines(cx_chart_ctx *c, const cx_scale *s, const cx_ticks *t, bool vertical,
                       double from, double to)
{
    cx_dl_style grid = { .stroke = c->env->grid, .width = 0.5 };
    for (int i = 0; i < t->count; i++) {
        double v = cx_ticks_value(t, i);
        if (!in_domain(s, v))
            continue;
        double at = cx_scale_map(s, v);
        if (vertical) {
            cx_dl_move(c->dl, at, from);
            cx_dl_line(c->dl, at, to);
        } else {
            cx_dl_move(c->dl, from, at);
            cx_dl_line(c->dl, to, at);
        }
    }
    cx_dl_paint(c->dl, &grid, CX_DL_ROLE_GRID, -1, -1);
}

void cx_axis_x(cx_chart_ctx *c, const cx_scale *s, const cx_ticks *t,
               double y0, double y1, double label_y)
{
    char buf[96];
    grid_lines(c, s, t, true, y0, y1);
    for (int i = 0; i < t->count; i++) {
        double v = cx_ticks_value(t, i);
        if (!in_domain(s, v))
            continue;
        double x = cx_scale_map(s, v);
        size_t n = tick_text(c, t, i, buf, sizeof buf);
        double w = cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, buf, n);
        /* Keep the end labels inside the box rather than centred off it. */
        cx_anchor a = CX_ANCHOR_CENTER;
        if (x - w / 2 < 0)
            a = CX_ANCHOR_LEFT, x = 0;
        else if (x + w / 2 > c->W)
            a = CX_ANCHOR_RIGHT, x = c->W;
        cx_dl_text_run(c->dl, CX_DL_ROLE_TICK_LABEL, -1, i, CX_FACE_REGULAR, c->fs_small,
                       c->env->muted, a, x, label_y, 0, w, buf, n);
    }
}

void cx_axis_y(cx_chart_ctx *c, const cx_scale *s, const cx_ticks *t,
               double x0, double x1, double label_x)
{
    char buf[96];
    grid_lines(c, s, t, false, x0, x1);
    for (int i = 0; i < t->count; i++) {
        double v = cx_ticks_value(t, i);
        if (!in_domain(s, v))
            continue;
        size_t n = tick_text(c, t, i, buf, sizeof buf);
        double w = cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, buf, n);
        double y = cx_chart_mid_baseline(c, cx_scale_map(s, v), c->fs_small);
        cx_dl_text_run(c->dl, CX_DL_ROLE_TICK_LABEL, -1, i, CX_FACE_REGULAR, c->fs_small,
                       c->env->muted, CX_ANCHOR_RIGHT, label_x, y, 0, w, buf, n);
    }
}

void cx_axis_zero_x(cx_chart_ctx *c, const cx_scale *s, double y0, double y1)
{
    if (!in_domain(s, 0))
        return;
    double x = cx_scale_map(s, 0);
    cx_dl_move(c->dl, x, y0);
    cx_dl_line(c->dl, x, y1);
    cx_dl_style st = { .stroke = c->env->axis, .width = 0.8 };
    cx_dl_paint(c->dl, &st, CX_DL_ROLE_ZERO, -1, -1);
}

void cx_axis_zero_y(cx_chart_ctx *c, const cx_scale *s, double x0, double x1)
{
    if (!in_domain(s, 0))
        return;
    double y = cx_scale_map(s, 0);
    cx_dl_move(c->dl, x0, y);
    cx_dl_line(c->dl, x1, y);
    cx_dl_style st = { .stroke = c->env->axis, .width = 0.8 };
    cx_dl_paint(c->dl, &st, CX_DL_ROLE_ZERO, -1, -1);
}

void cx_axis_ref_text(const cx_chart_ctx *c, const cx_chart_ref *r, char *buf, size_t size)
{
    char num[96];
    cx_number_format f = c->spec->format;
    if (r->decimals > f.decimals)
        f.decimals = r->decimals > 6 ? 6 : r->decimals;
    cx_format_number(r->value, &f, num, sizeof num);
    if (r->label && r->label[0])
        snprintf(buf, size, "%s %s", r->label, num);
    else
        snprintf(buf, size, "%s", num);
}
