/*
 * labels.c — fitting text into the room a chart has for it: truncation
 * with an ellipsis, word wrapping, spreading end labels apart and placing
 * scatter labels where they collide with nothing.
 *
 * Measures only through the caller's measurer; cuts text only at UTF-8
 * character boundaries (a cut inside a character would be dropped by the
 * PDF renderer).  Never draws.
 */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Byte offsets of the character boundaries of s[0..len], into b (len + 1
 * entries at most); returns how many. */
static size_t boundaries(const char *s, size_t len, size_t *b)
{
    size_t n = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || ((unsigned char)s[i] & 0xC0) != 0x80)
            b[n++] = i;
    return n;
}

/* Copies at most len bytes, cut back to a character boundary so the copy
 * plus `reserve` bytes fits outsz. */
static size_t clamp_copy_len(const char *s, size_t len, size_t outsz, size_t reserve)
{
    if (outsz <= reserve + 1)
        return 0;
    if (len > outsz - reserve - 1) {
        len = outsz - reserve - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    return len;
}

static double fit_n(const cx_chart_ctx *c, int face, double size, const char *s,
                    size_t len, double maxw, char *out, size_t outsz)
{
    len = clamp_copy_len(s, len, outsz, 3);
    double w = cx_chart_measure(c, face, size, s, len);
    if (w <= maxw + 1e-9) {
        memcpy(out, s, len);
        out[len] = '\0';
        return w;
    }
    double ew = cx_chart_measure(c, face, size, CX_ELLIPSIS, 3);
    out[0] = '\0';
    if (ew > maxw || outsz < 4)
        return 0;
    size_t *b = malloc((len + 1) * sizeof *b);
    if (!b)
        return 0;   /* nothing drawn rather than text that overflows */
    size_t nb = boundaries(s, len, b);
    /* The largest k with width(prefix k) + ellipsis <= maxw; widths grow
     * with the prefix (no kerning), so bisect. */
    size_t lo = 0, hi = nb - 1;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (cx_chart_measure(c, face, size, s, b[mid]) + ew <= maxw + 1e-9)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t cut = b[lo];
    free(b);
    while (cut > 0 && s[cut - 1] == ' ')
        cut--;
    memcpy(out, s, cut);
    memcpy(out + cut, CX_ELLIPSIS, 4);
    return cx_chart_measure(c, face, size, out, cut + 3);
}

double cx_label_fit(const cx_chart_ctx *c, int face, double size, const char *s,
                    double maxw, char *out, size_t outsz)
{
    return fit_n(c, face, size, s, strlen(s), maxw, out, outsz);
}

static size_t skip_spaces(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

static size_t word_end(const char *s, size_t i, size_t len)
{
    i = skip_spaces(s, i, len);
    while (i < len && s[i] != ' ')
        i++;
    return i;
}

int cx_label_wrap(const cx_chart_ctx *c, int face, double size, const char *s,
                  double maxw, int maxlines, char *out, size_t outsz, double *w)
{
    size_t len = strlen(s), pos = skip_spaces(s, 0, len), at = 0;
    int lines = 0;
    *w = 0;
    if (outsz)
        out[0] = '\0';
    while (pos < len && lines < maxlines && at + 4 < outsz) {
        double lw;
        size_t end;
        if (lines == maxlines - 1) {
            end = len;
            while (end > pos && s[end - 1] == ' ')
                end--;
            lw = fit_n(c, face, size, s + pos, end - pos, maxw, out + at, outsz - at);
        } else {
            size_t best = 0, e = pos;
            while (e < len) {
                size_t ne = word_end(s, e, len);
                if (cx_chart_measure(c, face, size, s + pos, ne - pos) > maxw + 1e-9)
                    break;
                best = e = ne;
            }
            if (best == 0) {        /* the first word alone is too wide */
                end = word_end(s, pos, len);
                lw = fit_n(c, face, size, s + pos, end - pos, maxw, out + at, outsz - at);
            } else {
                end = best;
                lw = fit_n(c, face, size, s + pos, end - pos, maxw + 1, out + at, outsz - at);
            }
        }
        at += strlen(out + at) + 1;
        if (lw > *w)
            *w = lw;
        lines++;
        pos = skip_spaces(s, end, len);
    }
    return lines;
}

typedef struct spread_item { double y; size_t i; } spread_item;

static int by_y(const void *a, const void *b)
{
    const spread_item *x = a, *y = b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Clusters of labels packed gap apart, each centred on the mean of its
 * members' wishes, merged while they overlap (the usual 1-D label
 * de-overlap; optimal in the least-squares sense for a fixed order). */
void cx_label_spread(double *y, size_t n, double gap, double lo, double hi)
{
    if (n == 0)
        return;
    spread_item *it = malloc(n * sizeof *it);
    size_t *cstart = malloc(n * sizeof *cstart), *ccount = malloc(n * sizeof *ccount);
    double *ctop = malloc(n * sizeof *ctop), *csum = malloc(n * sizeof *csum);
    if (!it || !cstart || !ccount || !ctop || !csum)
        goto done;      /* labels stay where they were */
    for (size_t i = 0; i < n; i++)
        it[i] = (spread_item){ y[i], i };
    qsort(it, n, sizeof *it, by_y);
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        cstart[nc] = i;
        ccount[nc] = 1;
        csum[nc] = it[i].y;
        ctop[nc] = it[i].y;
        nc++;
        for (;;) {
            size_t k = nc - 1;
            double top = csum[k] / (double)ccount[k];
            double span = (double)(ccount[k] - 1) * gap;
            if (top > hi - span)
                top = hi - span;
            if (top < lo)
                top = lo;
            ctop[k] = top;
            if (k == 0 || ctop[k - 1] + (double)ccount[k - 1] * gap <= ctop[k] + 1e-9)
                break;
            /* Merge k into k-1: its members' wishes, shifted to the top. */
            csum[k - 1] += csum[k] - gap * (double)ccount[k - 1] * (double)ccount[k];
            ccount[k - 1] += ccount[k];
            nc--;
        }
    }
    for (size_t k = 0; k < nc; k++)
        for (size_t j = 0; j < ccount[k]; j++)
            y[it[cstart[k] + j].i] = ctop[k] + (double)j * gap;
done:
    free(it);
    free(cstart);
    free(ccount);
    free(ctop);
    free(csum);
}

static bool boxes_overlap(double ax, double ay, double aw, double ah,
                          double bx, double by, double bw, double bh, double pad)
{
    return ax < bx + bw + pad && bx < ax + aw + pad && ay < by + bh + pad && by < ay + ah + pad;
}

static bool box_hits_circle(double x, double y, double w, double h,
                            double cx, double cy, double r)
{
    double nx = cx < x ? x : cx > x + w ? x + w : cx;
    double ny = cy < y ? y : cy > y + h ? y + h : cy;
    return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < r * r;
}

void cx_label_place(cx_label_box *b, size_t n, double x0, double y0,
                    double x1, double y1, const double *avoid, size_t navoid)
{
    /* Right, left, above, below, then the diagonals: right of the point
     * reads most naturally, directly above/below next. */
    static const double dirs[8][2] = { { 1, 0 },  { -1, 0 }, { 0, -1 }, { 0, 1 },
                                       { 1, -1 }, { 1, 1 },  { -1, -1 }, { -1, 1 } };
    for (size_t i = 0; i < n; i++) {
        if (!b[i].place || b[i].placed)
            continue;
        double gap = b[i].r + 1.5;
        for (int d = 0; d < 8 && !b[i].placed; d++) {
            double dx = dirs[d][0], dy = dirs[d][1];
            double k = (dx != 0 && dy != 0) ? 0.7071 : 1;
            double x = dx > 0 ? b[i].ax + gap * k : dx < 0 ? b[i].ax - gap * k - b[i].w
                                                           : b[i].ax - b[i].w / 2;
            double y = dy > 0 ? b[i].ay + gap * k : dy < 0 ? b[i].ay - gap * k - b[i].h
                                                           : b[i].ay - b[i].h / 2;
            if (x < x0 || y < y0 || x + b[i].w > x1 || y + b[i].h > y1)
                continue;
            bool clash = false;
            for (size_t j = 0; j < n && !clash; j++)
                if (j != i && b[j].placed &&
                    boxes_overlap(x, y, b[i].w, b[i].h, b[j].x, b[j].y, b[j].w, b[j].h, 1))
                    clash = true;
            for (size_t j = 0; j < navoid && !clash; j++)
                if (box_hits_circle(x, y, b[i].w, b[i].h, avoid[3 * j], avoid[3 * j + 1],
                                    avoid[3 * j + 2] + 0.5))
                    clash = true;
            if (!clash) {
                b[i].placed = true;
                b[i].x = x;
                b[i].y = y;
            }
        }
    }
}
