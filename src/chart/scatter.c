/*
 * scatter.c — scatter plots: points (x, y) with optional labels, the
 * least-squares line with its equation and Pearson's r, highlighted points
 * drawn last and labelled first.
 *
 * Point labels go where they overlap no other label, no point and no part
 * of the equation; a label with no free place is left out rather than
 * drawn over another (the point itself always stays).  The fit line is
 * clipped to the plot.  Both axes fit the data (no forced zero).
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cx_scatter_fit(const double *x, const double *y, size_t n, double *a, double *b,
                    double *r)
{
    if (n < 2)
        return false;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if (!(sxx > 0))
        return false;
    *b = sxy / sxx;
    *a = my - *b * mx;
    *r = syy > 0 ? sxy / sqrt(sxx * syy) : 0;
    return true;
}

/* Enough decimals for two significant digits of the coefficient. */
static int coef_decimals(double v)
{
    if (v == 0)
        return 1;
    int d = 1 - (int)floor(log10(fabs(v)));
    return d < 0 ? 0 : d > 4 ? 4 : d;
}

static void fit_text(double a, double b, double r, char *buf, size_t size)
{
    char sb[64], sa[64], sr[64];
    cx_number_format f = { .decimals = coef_decimals(b) };
    cx_format_number(b, &f, sb, sizeof sb);
    f.decimals = coef_decimals(a) < 1 ? 1 : coef_decimals(a);
    cx_format_number(fabs(a), &f, sa, sizeof sa);
    f.decimals = 2;
    cx_format_number(r, &f, sr, sizeof sr);
    snprintf(buf, size, "y = %sx %s %s   r = %s", sb, a < 0 ? CX_MINUS : "+", sa, sr);
}

cx_status cx_scatter_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    const cx_chart_series *se = &s->series[0];
    size_t n = se->n;
    cx_status st = CX_OK;
    cx_label_box *box = NULL;
    double *avoid = NULL;
    char buf[256];
    if (!se->x)
        return cx_chart_fail(c, "scatter chart: series 1 has no x values");
    if (s->nseries > 1)
        return cx_chart_fail(c, "a scatter chart takes one series, not %zu", s->nseries);
    double fa = 0, fb = 0, fr = 0;
    if (s->fit_line && !cx_scatter_fit(se->x, se->values, n, &fa, &fb, &fr))
        return cx_chart_fail(c, "scatter chart: no least-squares line: the x values do not vary");

    double xmin = se->x[0], xmax = xmin, ymin = se->values[0], ymax = ymin;
    for (size_t i = 0; i < n; i++) {
        xmin = fmin(xmin, se->x[i]);
        xmax = fmax(xmax, se->x[i]);
        ymin = fmin(ymin, se->values[i]);
        ymax = fmax(ymax, se->values[i]);
    }
    bool fixed = s->min < s->max;
    if (fixed) {
        ymin = s->min;
        ymax = s->max;
    }

    cx_chart_begin(c, fmax(c->W * 0.62, 180));
    double top = c->y;
    double ys0 = top + cx_axis_above_h(c), ys1 = c->H - cx_axis_below_h(c);
    if (ys1 - ys0 < 40)
        return cx_chart_fail(c, "a scatter chart %.0f pt tall leaves no room for its points", c->H);
    cx_ticks ty = cx_axis_ticks(c, ymin, ymax, ys1 - ys0, false);
    double px0 = cx_axis_label_width(c, &ty) + 5, px1 = c->W - 5;  /* room for a marker */
    if (px1 - px0 < 60)
        return cx_chart_fail(c, "a scatter chart %.0f pt wide leaves no room for its points", c->W);
    cx_ticks tx = cx_axis_ticks(c, xmin, xmax, px1 - px0, true);
    cx_scale xs = { tx.lo, tx.hi, px0, px1 };
    cx_scale ys = fixed ? (cx_scale){ ymin, ymax, ys1, ys0 } : (cx_scale){ ty.lo, ty.hi, ys1, ys0 };
    cx_axis_y(c, &ys, &ty, px0, px1, px0 - 4);
    cx_axis_x(c, &xs, &tx, ys0, ys1, ys1 + 3 + e->ascent * c->fs_small);
    cx_axis_zero_y(c, &ys, px0, px1);
    cx_axis_zero_x(c, &xs, ys0, ys1);

    /* Obstacles: every point; the equation as a fixed label box. */
    box = calloc(n + 1, sizeof *box);
    avoid = malloc(3 * n * sizeof *avoid);
    if (!box || !avoid) {
        st = cx_chart_oom(c);
        goto done;
    }
    double pr = 3;
    for (size_t i = 0; i < n; i++) {
        avoid[3 * i] = cx_scale_map(&xs, se->x[i]);
        avoid[3 * i + 1] = cx_scale_map(&ys, se->values[i]);
        avoid[3 * i + 2] = pr;
    }
    size_t nb = 0;
    if (s->fit_line) {
        cx_dl_clip_push(c->dl, px0, ys0, px1 - px0, ys1 - ys0);
        cx_dl_move(c->dl, cx_scale_map(&xs, xmin), cx_scale_map(&ys, fa + fb * xmin));
        cx_dl_line(c->dl, cx_scale_map(&xs, xmax), cx_scale_map(&ys, fa + fb * xmax));
        cx_dl_style fs = { .stroke = cx_rgba_mix(e->text, e->background, 0.35), .width = 1 };
        cx_dl_paint(c->dl, &fs, CX_DL_ROLE_FIT_LINE, 0, -1);
        cx_dl_clip_pop(c->dl);
        fit_text(fa, fb, fr, buf, sizeof buf);
        double w = fmin(cx_chart_measure(c, CX_FACE_ITALIC, c->fs_small, buf, strlen(buf)),
                        px1 - px0 - 6);
        double h = (e->ascent + e->descent) * c->fs_small;
        /* The top corner with fewer points under the text. */
        int best = 0, bestn = -1;
        for (int corner = 0; corner < 2; corner++) {
            double bx = corner == 0 ? px0 + 3 : px1 - 3 - w;
            int cnt = 0;
            for (size_t i = 0; i < n; i++)
                if (avoid[3 * i] > bx - pr && avoid[3 * i] < bx + w + pr &&
                    avoid[3 * i + 1] < ys0 + 2 + h + pr)
                    cnt++;
            if (bestn < 0 || cnt < bestn)
                best = corner, bestn = cnt;
        }
        double bx = best == 0 ? px0 + 3 : px1 - 3 - w;
        cx_chart_text_fit(c, CX_DL_ROLE_FIT_LABEL, 0, -1, CX_FACE_ITALIC, c->fs_small, e->text,
                          CX_ANCHOR_LEFT, bx, ys0 + 2 + e->ascent * c->fs_small, 0, buf, w);
        box[nb++] = (cx_label_box){ .w = w, .h = h, .placed = true, .x = bx, .y = ys0 + 2 };
    }

    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            bool hl = cx_chart_is_highlighted(s, i);
            if (hl != (pass == 1))
                continue;
            cx_dl_circle(c->dl, avoid[3 * i], avoid[3 * i + 1], hl ? pr + 0.6 : pr);
            cx_rgba col = hl ? cx_chart_color(c, 3 % c->npal) : cx_chart_color(c, 0);
            cx_dl_style ps = { .fill = col, .stroke = e->background, .width = 0.75 };
            cx_dl_paint(c->dl, &ps, CX_DL_ROLE_MARKER, 0, (int)i);
        }

    if (s->ncategories) {
        size_t first = nb;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < n; i++) {
                bool hl = cx_chart_is_highlighted(s, i);
                if (hl != (pass == 0))
                    continue;
                const char *t = s->categories[i];
                int face = hl ? CX_FACE_BOLD : CX_FACE_REGULAR;
                double w = cx_chart_measure(c, face, c->fs_small, t, strlen(t));
                box[nb++] = (cx_label_box){ .ax = avoid[3 * i], .ay = avoid[3 * i + 1],
                                            .w = fmin(w, (px1 - px0) / 2),
                                            .h = e->cap_height * c->fs_small + 2,
                                            .r = pr, .place = t[0] != '\0' };
            }
        cx_label_place(box, nb, px0, ys0, px1, ys1, avoid, n);
        size_t j = first;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < n; i++) {
                bool hl = cx_chart_is_highlighted(s, i);
                if (hl != (pass == 0))
                    continue;
                cx_label_box *b = &box[j++];
                if (!b->placed)
                    continue;
                cx_chart_text_fit(c, CX_DL_ROLE_POINT_LABEL, 0, (int)i,
                                  hl ? CX_FACE_BOLD : CX_FACE_REGULAR, c->fs_small,
                                  hl ? e->text : e->muted, CX_ANCHOR_LEFT, b->x,
                                  b->y + 1 + e->cap_height * c->fs_small, 0, s->categories[i],
                                  b->w + 0.01);
            }
    }
    if (s->y_title && s->y_title[0])
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_LEFT, 0, top + e->ascent * c->fs_small, 0, s->y_title, c->W);
    if (s->x_title && s->x_title[0])
        cx_chart_text_fit(c, CX_DL_ROLE_AXIS_TITLE, -1, -1, CX_FACE_REGULAR, c->fs_small, e->muted,
                          CX_ANCHOR_CENTER, (px0 + px1) / 2, c->H - e->descent * c->fs_small - 1,
                          0, s->x_title, c->W);
done:
    free(box);
    free(avoid);
    return st;
}
