/*
 * dl.c — the display list: growable arrays of items, path ops, points and
 * text, and the arc-to-Bézier conversion both renderers rely on.
 *
 * Owns the memory of a cx_dl.  Never draws and never measures: it only
 * records.  An allocation failure sets a sticky flag instead of returning
 * an error from every call, so the chart kinds can draw straight-line code
 * and check once at the end (cx_dl_ok).
 */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

cx_dl *cx_dl_new(double width, double height)
{
    cx_dl *dl = calloc(1, sizeof *dl);
    if (!dl)
        return NULL;
    dl->width = width;
    dl->height = height;
    dl->background = CX_RGB(0xFFFFFF);
    return dl;
}

void cx_dl_free(cx_dl *dl)
{
    if (!dl)
        return;
    free(dl->items);
    free(dl->ops);
    free(dl->pts);
    free(dl->text);
    free(dl);
}

bool cx_dl_ok(const cx_dl *dl)
{
    return dl && !dl->failed;
}

/* Makes room for `more` elements of `size` bytes; false (and the sticky
 * flag) on failure.  Indices stay 32-bit in the items, so lists are capped
 * well below 4 G elements. */
static bool grow(cx_dl *dl, void **arr, size_t *cap, size_t used, size_t more,
                 size_t size)
{
    if (dl->failed)
        return false;
    if (used + more <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < used + more)
        ncap *= 2;
    if (ncap > UINT32_MAX / 2) {
        dl->failed = true;
        return false;
    }
    void *p = realloc(*arr, ncap * size);
    if (!p) {
        dl->failed = true;
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

static void add_op(cx_dl *dl, cx_dl_op op, const cx_dl_point *p, size_t np)
{
    if (!grow(dl, (void **)&dl->ops, &dl->cap_ops, dl->nops, 1, 1) ||
        !grow(dl, (void **)&dl->pts, &dl->cap_pts, dl->npts, np, sizeof *dl->pts))
        return;
    dl->ops[dl->nops++] = (unsigned char)op;
    for (size_t i = 0; i < np; i++)
        dl->pts[dl->npts++] = p[i];
}

void cx_dl_move(cx_dl *dl, double x, double y)
{
    cx_dl_point p = { x, y };
    add_op(dl, CX_OP_MOVE, &p, 1);
}

void cx_dl_line(cx_dl *dl, double x, double y)
{
    cx_dl_point p = { x, y };
    add_op(dl, CX_OP_LINE, &p, 1);
}

void cx_dl_curve(cx_dl *dl, double x1, double y1, double x2, double y2,
                 double x3, double y3)
{
    cx_dl_point p[3] = { { x1, y1 }, { x2, y2 }, { x3, y3 } };
    add_op(dl, CX_OP_CURVE, p, 3);
}

void cx_dl_close(cx_dl *dl)
{
    add_op(dl, CX_OP_CLOSE, NULL, 0);
}

/* The standard construction: for a span θ ≤ 90°, the control points lie on
 * the tangents at distance k = 4/3 · tan(θ/4) · r, which keeps the radial
 * error below 0.03 % of r. */
void cx_arc_bezier(double cx, double cy, double r, double a0, double a1,
                   cx_dl_point out[4])
{
    double k = 4.0 / 3.0 * tan((a1 - a0) / 4.0) * r;
    double c0 = cos(a0), s0 = sin(a0), c1 = cos(a1), s1 = sin(a1);
    out[0] = (cx_dl_point){ cx + r * c0, cy + r * s0 };
    out[1] = (cx_dl_point){ out[0].x - k * s0, out[0].y + k * c0 };
    out[3] = (cx_dl_point){ cx + r * c1, cy + r * s1 };
    out[2] = (cx_dl_point){ out[3].x + k * s1, out[3].y - k * c1 };
}

void cx_dl_arc(cx_dl *dl, double cx, double cy, double r, double a0, double a1)
{
    double span = a1 - a0;
    int n = (int)ceil(fabs(span) / (CX_PI / 2) - 1e-9);
    if (n < 1)
        n = 1;
    cx_dl_point b[4];
    for (int i = 0; i < n; i++) {
        double s = a0 + span * i / n, e = a0 + span * (i + 1) / n;
        cx_arc_bezier(cx, cy, r, s, e, b);
        if (i == 0) {
            if (dl->nops > dl->path_op0)
                cx_dl_line(dl, b[0].x, b[0].y);
            else
                cx_dl_move(dl, b[0].x, b[0].y);
        }
        cx_dl_curve(dl, b[1].x, b[1].y, b[2].x, b[2].y, b[3].x, b[3].y);
    }
}

void cx_dl_rect(cx_dl *dl, double x, double y, double w, double h)
{
    cx_dl_move(dl, x, y);
    cx_dl_line(dl, x + w, y);
    cx_dl_line(dl, x + w, y + h);
    cx_dl_line(dl, x, y + h);
    cx_dl_close(dl);
}

void cx_dl_circle(cx_dl *dl, double cx, double cy, double r)
{
    cx_dl_arc(dl, cx, cy, r, 0, 2 * CX_PI);
    cx_dl_close(dl);
}

static cx_dl_item *add_item(cx_dl *dl, cx_dl_kind kind, cx_dl_role role,
                            int series, int index)
{
    if (!grow(dl, (void **)&dl->items, &dl->cap_items, dl->nitems, 1, sizeof *dl->items))
        return NULL;
    cx_dl_item *it = &dl->items[dl->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->role = role;
    it->series = series;
    it->index = index;
    return it;
}

void cx_dl_paint(cx_dl *dl, const cx_dl_style *st, cx_dl_role role,
                 int series, int index)
{
    size_t op0 = dl->path_op0, pt0 = dl->path_pt0;
    dl->path_op0 = dl->nops;
    dl->path_pt0 = dl->npts;
    if (dl->nops == op0 || (st->fill == CX_NONE && st->stroke == CX_NONE))
        return;     /* nothing visible: keep the list free of no-ops */
    cx_dl_item *it = add_item(dl, CX_DL_PATH, role, series, index);
    if (!it)
        return;
    it->path.op0 = (uint32_t)op0;
    it->path.nops = (uint32_t)(dl->nops - op0);
    it->path.pt0 = (uint32_t)pt0;
    it->path.fill = st->fill;
    it->path.stroke = st->stroke;
    it->path.width = st->width;
    it->path.dash[0] = st->dash[0];
    it->path.dash[1] = st->dash[1];
    it->path.even_odd = st->even_odd;
}

void cx_dl_text_run(cx_dl *dl, cx_dl_role role, int series, int index,
                    int face, double size, cx_rgba color, cx_anchor anchor,
                    double x, double y, int rotation, double width,
                    const char *utf8, size_t len)
{
    if (len == 0)
        return;
    if (!grow(dl, (void **)&dl->text, &dl->cap_text, dl->ntext, len + 1, 1))
        return;
    cx_dl_item *it = add_item(dl, CX_DL_TEXT, role, series, index);
    if (!it)
        return;
    memcpy(dl->text + dl->ntext, utf8, len);
    dl->text[dl->ntext + len] = '\0';
    it->text.off = (uint32_t)dl->ntext;
    it->text.len = (uint32_t)len;
    dl->ntext += len + 1;
    it->text.face = face;
    it->text.size = size;
    it->text.color = color;
    it->text.anchor = anchor;
    it->text.x = x;
    it->text.y = y;
    it->text.width = width;
    it->text.rotation = rotation;
}

void cx_dl_clip_push(cx_dl *dl, double x, double y, double w, double h)
{
    cx_dl_item *it = add_item(dl, CX_DL_CLIP_PUSH, CX_DL_ROLE_NONE, -1, -1);
    if (it)
        it->clip = (cx_dl_clip){ x, y, w, h };
}

void cx_dl_clip_pop(cx_dl *dl)
{
    add_item(dl, CX_DL_CLIP_POP, CX_DL_ROLE_NONE, -1, -1);
}
