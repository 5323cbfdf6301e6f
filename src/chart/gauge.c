/*
 * gauge.c — a key figure against its peers: bullet charts (one row per
 * figure: the peers' range in greys, their interquartile band darker, the
 * median as a tick, the client's value as a bar) and gauges (the same
 * reading on a half-circle dial per figure).
 *
 * Series 1 is the client, series 2 the peers (values = median, lo/hi =
 * quartiles).  The scale is the spec's range, else nice around all of it.
 * Dial arcs are Béziers (cx_dl_arc), like every curve of the list.
 */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static cx_status check_peers(cx_chart_ctx *c, const char *what)
{
    const cx_chart_spec *s = c->spec;
    if (s->nseries != 2 || !s->series[1].lo)
        return cx_chart_fail(c, "a %s chart takes two series: the client, and the peers with "
                             "median (values) and quartiles (lo, hi)", what);
    for (size_t i = 0; i < s->ncategories; i++)
        if (s->series[1].values[i] < s->series[1].lo[i] ||
            s->series[1].values[i] > s->series[1].hi[i])
            return cx_chart_fail(c, "%s chart: %s: the peer median is outside its quartiles", what,
                                 s->categories[i]);
    return CX_OK;
}

static void data_range(const cx_chart_spec *s, double *lo, double *hi)
{
    *lo = 0;
    *hi = 0;
    for (size_t k = 0; k < s->nseries; k++)
        for (size_t i = 0; i < s->ncategories; i++) {
            const cx_chart_series *se = &s->series[k];
            *lo = fmin(*lo, se->lo ? se->lo[i] : se->values[i]);
            *hi = fmax(*hi, se->hi ? se->hi[i] : se->values[i]);
        }
}

static void peer_legend(cx_chart_ctx *c, cx_legend_entry leg[3], cx_rgba band, cx_rgba mid)
{
    const cx_chart_spec *s = c->spec;
    const char *client = s->series[0].name && s->series[0].name[0] ? s->series[0].name : "Client";
    leg[0] = (cx_legend_entry){ client, cx_chart_color(c, 0), CX_KEY_SWATCH, 0 };
    leg[1] = (cx_legend_entry){ "Peer median", mid, CX_KEY_LINE, 1 };
    leg[2] = (cx_legend_entry){ "Peers' middle 50%", band, CX_KEY_SWATCH, 1 };
}

cx_status cx_bullet_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    const cx_chart_series *cl = &s->series[0], *pe = &s->series[1];
    cx_status st;
    cx_frame f = { 0 };
    char buf[96];
    if ((st = check_peers(c, "bullet")))
        return st;
    double lo, hi, pos_w = 0;
    data_range(s, &lo, &hi);
    for (size_t i = 0; i < s->ncategories && !s->hide_values; i++) {
        size_t len = cx_chart_fmt(c, cl->values[i], buf, sizeof buf);
        pos_w = fmax(pos_w, cx_chart_measure(c, CX_FACE_BOLD, c->fs, buf, len));
    }
    cx_rgba outer = cx_rgba_mix(e->neutral, e->background, 0.7);
    cx_rgba band = cx_rgba_mix(e->neutral, e->background, 0.15);
    cx_rgba mid = e->text;
    cx_legend_entry leg[3];
    peer_legend(c, leg, band, mid);
    cx_frame_req rq = {
        .horizontal = true,
        .dmin = lo,
        .dmax = hi,
        .pos_w = pos_w > 0 ? pos_w + 6 : 0,
        .pitch = c->fs * 3.2,
        .min_label_size = 4.5,
        .legend = leg,
        .nlegend = 3,
        .zero_below = true,
        .bold_highlight = true,
    };
    if ((st = cx_frame_layout(c, &rq, &f)))
        goto done;
    /* Peer bands under the grid would hide it; draw them first. */
    double th = fmin(f.pitch * 0.62, 22);
    for (size_t r = 0; r < f.n; r++) {
        size_t i = f.order[r];
        double y = cx_frame_slot(&f, r);
        double a = f.vs.d0, b = f.vs.d1;
        cx_dl_rect(c->dl, cx_scale_map(&f.vs, a), y - th / 2,
                   cx_scale_map(&f.vs, b) - cx_scale_map(&f.vs, a), th);
        cx_dl_style os = { .fill = outer };
        cx_dl_paint(c->dl, &os, CX_DL_ROLE_BAND, 1, (int)i);
        double q1 = cx_scale_map(&f.vs, pe->lo[i]), q3 = cx_scale_map(&f.vs, pe->hi[i]);
        cx_dl_rect(c->dl, q1, y - th / 2, q3 - q1, th);
        cx_dl_style bs = { .fill = band };
        cx_dl_paint(c->dl, &bs, CX_DL_ROLE_BAND, 1, (int)i);
    }
    cx_frame_grid(c, &f);
    for (size_t r = 0; r < f.n; r++) {
        size_t i = f.order[r];
        double y = cx_frame_slot(&f, r);
        double x0 = cx_scale_map(&f.vs, fmax(f.vs.d0, fmin(0, f.vs.d1)));
        double xv = cx_scale_map(&f.vs, cl->values[i]);
        double bt = th * 0.38;
        cx_dl_rect(c->dl, fmin(x0, xv), y - bt / 2, fabs(xv - x0), bt);
        cx_dl_style vs = { .fill = cx_chart_color(c, 0) };
        cx_dl_paint(c->dl, &vs, CX_DL_ROLE_BAR, 0, (int)i);
        double xm = cx_scale_map(&f.vs, pe->values[i]);
        cx_dl_move(c->dl, xm, y - th / 2 - 1);
        cx_dl_line(c->dl, xm, y + th / 2 + 1);
        cx_dl_style ms = { .stroke = mid, .width = 2 };
        cx_dl_paint(c->dl, &ms, CX_DL_ROLE_LINE, 1, (int)i);
        if (!s->hide_values) {
            cx_chart_fmt(c, cl->values[i], buf, sizeof buf);
            cx_chart_text(c, CX_DL_ROLE_VALUE_LABEL, 0, (int)i, CX_FACE_BOLD, c->fs,
                          cx_chart_ink(c, cx_chart_color(c, 0)), CX_ANCHOR_RIGHT, c->W,
                          cx_chart_mid_baseline(c, y, c->fs), 0, buf);
        }
    }
    cx_frame_finish(c, &f);
done:
    cx_frame_free(&f);
    return st;
}

/* An annular sector between radii r0 < r1 from value a to b. */
static void sector(cx_chart_ctx *c, double cx, double cy, double r0, double r1, double a0,
                   double a1)
{
    cx_dl_arc(c->dl, cx, cy, r1, a0, a1);
    cx_dl_arc(c->dl, cx, cy, r0, a1, a0);
    cx_dl_close(c->dl);
}

cx_status cx_gauge_draw(cx_chart_ctx *c)
{
    const cx_chart_spec *s = c->spec;
    const cx_chart_env *e = c->env;
    const cx_chart_series *cl = &s->series[0], *pe = &s->series[1];
    size_t n = s->ncategories;
    cx_status st;
    char buf[96];
    if ((st = check_peers(c, "gauge")))
        return st;
    if (n > 6)
        return cx_chart_fail(c, "a gauge chart shows at most 6 figures, not %zu", n);
    double lo, hi;
    cx_ticks t;
    data_range(s, &lo, &hi);
    if (s->min < s->max) {
        lo = s->min;
        hi = s->max;
    } else if (cx_ticks_nice(lo, hi, 6, &t)) {
        lo = t.lo;
        hi = t.hi;
    }
    cx_rgba outer = cx_rgba_mix(e->neutral, e->background, 0.7);
    cx_rgba band = cx_rgba_mix(e->neutral, e->background, 0.15);
    cx_legend_entry leg[3];
    peer_legend(c, leg, band, e->text);

    double cellw = c->W / (double)n;
    double R = fmin(cellw / 2 - 12, 80);
    if (R < 24)
        return cx_chart_fail(c, "%zu gauges do not fit in a chart %.0f pt wide", n, c->W);
    double big = fmin(R * 0.32, c->fs * 2.2);
    double below = c->fs_small * 1.4 + c->fs * 2.6;
    cx_chart_begin(c, cx_chart_title_height(c) + cx_legend_height(c, leg, 3) + R + below + 10);
    cx_legend_draw(c, leg, 3);
    double avail = c->H - c->y - below - 6;
    if (avail < 24)
        return cx_chart_fail(c, "a gauge chart %.0f pt tall leaves no room for its dials", c->H);
    R = fmin(R, avail);
    double cy = c->y + 4 + R;
    cx_scale as = { lo, hi, CX_PI, 2 * CX_PI };
    for (size_t i = 0; i < n; i++) {
        double cx = cellw * ((double)i + 0.5);
        double ri = R * 0.58, rm = R * 0.8;
        /* Outer ring: peers.  Inner ring: the client's value. */
        sector(c, cx, cy, rm + 1.5, R, CX_PI, 2 * CX_PI);
        cx_dl_style os = { .fill = outer };
        cx_dl_paint(c->dl, &os, CX_DL_ROLE_BAND, 1, (int)i);
        sector(c, cx, cy, rm + 1.5, R, cx_scale_map(&as, pe->lo[i]), cx_scale_map(&as, pe->hi[i]));
        cx_dl_style bs = { .fill = band };
        cx_dl_paint(c->dl, &bs, CX_DL_ROLE_BAND, 1, (int)i);
        sector(c, cx, cy, ri, rm, CX_PI, 2 * CX_PI);
        cx_dl_style ts = { .fill = cx_rgba_mix(e->grid, e->background, 0.3) };
        cx_dl_paint(c->dl, &ts, CX_DL_ROLE_GRID, -1, (int)i);
        double av = cx_scale_map(&as, cl->values[i]);
        if (av > CX_PI + 1e-9) {
            sector(c, cx, cy, ri, rm, CX_PI, av);
            cx_dl_style vs = { .fill = cx_chart_color(c, 0) };
            cx_dl_paint(c->dl, &vs, CX_DL_ROLE_BAR, 0, (int)i);
        }
        double am = cx_scale_map(&as, pe->values[i]);
        cx_dl_move(c->dl, cx + (rm + 0.5) * cos(am), cy + (rm + 0.5) * sin(am));
        cx_dl_line(c->dl, cx + (R + 2) * cos(am), cy + (R + 2) * sin(am));
        cx_dl_style ms = { .stroke = e->text, .width = 2 };
        cx_dl_paint(c->dl, &ms, CX_DL_ROLE_LINE, 1, (int)i);

        if (!s->hide_values) {
            cx_chart_fmt(c, cl->values[i], buf, sizeof buf);
            cx_chart_text_fit(c, CX_DL_ROLE_VALUE_LABEL, 0, (int)i, CX_FACE_BOLD, big,
                              cx_chart_ink(c, cx_chart_color(c, 0)), CX_ANCHOR_CENTER, cx, cy - 1,
                              0, buf, ri * 1.8);
        }
        double lb = cy + 2 + e->ascent * c->fs_small;
        for (int end = 0; end < 2; end++) {
            /* The scale's ends under the dial's ends, kept inside the cell. */
            cx_chart_fmt(c, end ? hi : lo, buf, sizeof buf);
            double w = fmin(cx_chart_measure(c, CX_FACE_REGULAR, c->fs_small, buf, strlen(buf)),
                            cellw / 2 - 2);
            double x = cx + (end ? 1 : -1) * (ri + R) / 2;
            double x0 = cellw * (double)i + 1, x1 = x0 + cellw - 2;
            x = fmin(fmax(x, x0 + w / 2), x1 - w / 2);
            cx_chart_text_fit(c, CX_DL_ROLE_TICK_LABEL, -1, end, CX_FACE_REGULAR, c->fs_small,
                              e->muted, CX_ANCHOR_CENTER, x, lb, 0, buf, w + 0.01);
        }
        char lines[600];
        double w;
        int nl = cx_label_wrap(c, CX_FACE_BOLD, c->fs, s->categories[i], cellw - 8, 2, lines,
                               sizeof lines, &w);
        const char *p = lines;
        for (int l = 0; l < nl; l++, p += strlen(p) + 1)
            cx_chart_text(c, CX_DL_ROLE_CATEGORY_LABEL, -1, (int)i, CX_FACE_BOLD, c->fs, e->text,
                          CX_ANCHOR_CENTER, cx,
                          lb + c->fs_small * 0.4 + e->ascent * c->fs + l * c->fs * 1.2, 0, p);
    }
    return CX_OK;
}
