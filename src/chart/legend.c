/*
 * legend.c — the legend: one row (or more, wrapped) of keys and labels
 * above the plot.
 *
 * A legend always takes its own band of the chart box, between the title
 * and the plot, so it can never cover data.  Labels longer than the width
 * are truncated with an ellipsis.
 */
#include "chart_int.h"

#include <string.h>

static double key_width(const cx_chart_ctx *c, cx_key_kind k)
{
    return k == CX_KEY_SWATCH ? c->fs_small * 0.95 : c->fs_small * 2.2;
}

static void draw_key(cx_chart_ctx *c, const cx_legend_entry *e, double x, double ymid)
{
    double s = c->fs_small * 0.95;
    cx_dl_style st = { 0 };
    switch (e->key) {
    case CX_KEY_SWATCH:
        cx_dl_rect(c->dl, x, ymid - s / 2, s, s);
        st.fill = e->color;
        cx_dl_paint(c->dl, &st, CX_DL_ROLE_LEGEND_KEY, e->series, -1);
        break;
    case CX_KEY_LINE:
    case CX_KEY_DASH:
    case CX_KEY_MARKER: {
        double w = key_width(c, e->key);
        cx_dl_move(c->dl, x, ymid);
        cx_dl_line(c->dl, x + w, ymid);
        st.stroke = e->color;
        st.width = 1.5;
        if (e->key == CX_KEY_DASH) {
            st.dash[0] = 3;
            st.dash[1] = 2;
        }
        cx_dl_paint(c->dl, &st, CX_DL_ROLE_LEGEND_KEY, e->series, -1);
        if (e->key == CX_KEY_MARKER) {
            cx_dl_circle(c->dl, x + w / 2, ymid, 2.2);
            cx_dl_style m = { .fill = e->color, .stroke = c->env->background, .width = 0.75 };
            cx_dl_paint(c->dl, &m, CX_DL_ROLE_LEGEND_KEY, e->series, -1);
        }
        break;
    }
    }
}

/* Row breaks: the same walk for measuring and drawing. */
static int legend_rows(const cx_chart_ctx *c, const cx_legend_entry *e, size_t n)
{
    double fs = c->fs_small, gap = fs * 1.4, kgap = fs * 0.45, x = 0;
    int rows = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        const char *label = e[i].label ? e[i].label : "";
        double need = key_width(c, e[i].key) + kgap +
                      cx_chart_measure(c, CX_FACE_REGULAR, fs, label, strlen(label));
        if (x > 0 && x + need > c->W) {
            x = 0;
            rows++;
        }
        x += need + gap;
    }
    return rows;
}

double cx_legend_height(const cx_chart_ctx *c, const cx_legend_entry *e, size_t n)
{
    if (n == 0)
        return 0;
    return legend_rows(c, e, n) * c->fs_small * 1.6 + c->fs_small * 0.4;
}

void cx_legend_draw(cx_chart_ctx *c, const cx_legend_entry *e, size_t n)
{
    if (n == 0)
        return;
    double fs = c->fs_small, rowh = fs * 1.6, gap = fs * 1.4, kgap = fs * 0.45;
    double x = 0, y = c->y + rowh / 2;
    for (size_t i = 0; i < n; i++) {
        const char *label = e[i].label ? e[i].label : "";
        double kw = key_width(c, e[i].key);
        double lw = cx_chart_measure(c, CX_FACE_REGULAR, fs, label, strlen(label));
        double need = kw + kgap + lw;
        if (x > 0 && x + need > c->W) {
            x = 0;
            y += rowh;
        }
        draw_key(c, &e[i], x, y);
        double room = c->W - x - kw - kgap;
        double w = cx_chart_text_fit(c, CX_DL_ROLE_LEGEND_LABEL, e[i].series, -1, CX_FACE_REGULAR,
                                     fs, c->env->text, CX_ANCHOR_LEFT, x + kw + kgap,
                                     cx_chart_mid_baseline(c, y, fs), 0, label, room);
        x += kw + kgap + w + gap;
    }
    c->y = y + rowh / 2 + fs * 0.4;
}
