/*
 * layout_table.c — tables: column widths, cell wrapping, rows across pages.
 *
 * Column widths follow the content: each column is as wide as its widest
 * cell on one line.  When the columns together are wider than the text,
 * they shrink in two steps, each sharing the cut in proportion to what a
 * column can give: first the header cells wrap (a column keeps the width
 * of its body cells and of the header's longest word), then the body
 * cells wrap down to their longest words.  When even the longest words
 * do not fit, every column keeps at least an equal share of the width
 * and the ones with long words are cut (words broken between
 * characters).  A table of so many columns that an equal share cannot
 * hold one character and its padding is the one case that can overflow.
 *
 * A table with a caption is numbered, "Table N: caption" above it, and
 * the caption stays with the header and the first row.
 *
 * Rows never split across pages; a page that takes a table's rows after
 * its first repeats the header row.  A row taller than a page is the one
 * exception: it is continued line by line, under a repeated header, so
 * nothing ever runs off the page.
 *
 * Owns nothing beyond what it allocates in the result's arena.  Never
 * draws: it only emits items.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>

static const double PAD_X = 6.0, PAD_Y = 4.0;
static const double TABLE_LEADING = 1.3;
static const double SPACE_AROUND = 6.0;
static const double CAPTION_GAP = 5.0;     /* caption to header */
static const double CAPTION_LEADING = 1.35;

struct cx_ptable {
    const cx_doc_table *t;
    size_t ncols, nrows;        /* nrows counts the header as row 0 */
    double *colw;               /* with padding */
    double total_w;
    cx_ltext *cells;            /* nrows * ncols, row 0 = header */
    size_t *nlines;             /* per row: the most lines of any cell */
    double *rowh;
    double size, lh;
    cx_ltext caption;           /* no lines = none */
    double caption_lh;
};

/* The caption's height with its gap to the table. */
static double caption_height(const cx_ptable *pt)
{
    return pt->caption.nlines ? (double)pt->caption.nlines * pt->caption_lh + CAPTION_GAP : 0;
}

static const cx_rich *cell_rich(const cx_doc_table *t, size_t r, size_t c)
{
    return r == 0 ? &t->header[c] : &t->cells[(r - 1) * t->ncols + c];
}

cx_status cx_layout_table_prepare(cx_layout_state *L, const cx_doc_table *t, cx_ptable **out)
{
    cx_arena *a = L->res->arena;
    cx_ptable *pt = cx_arena_calloc(a, 1, sizeof *pt);
    if (!pt)
        goto oom;
    pt->t = t;
    pt->ncols = t->ncols;
    pt->nrows = t->nrows + 1;
    pt->size = L->th.table_size;
    pt->lh = pt->size * TABLE_LEADING;
    pt->caption_lh = (L->th.body_size - 1.0) * CAPTION_LEADING;
    cx_status cst = cx_layout_numbered_caption(L, "Table", t->number, &t->caption,
                                               L->th.body_size - 1.0, &pt->caption);
    if (cst != CX_OK)
        return cst;
    pt->colw = cx_arena_calloc(a, pt->ncols, sizeof *pt->colw);
    double *minw = cx_arena_calloc(a, pt->ncols, sizeof *minw);
    double *bodyw = cx_arena_calloc(a, pt->ncols, sizeof *bodyw);
    pt->cells = cx_arena_calloc(a, pt->nrows * pt->ncols, sizeof *pt->cells);
    pt->nlines = cx_arena_calloc(a, pt->nrows, sizeof *pt->nlines);
    pt->rowh = cx_arena_calloc(a, pt->nrows, sizeof *pt->rowh);
    if (!pt->colw || !minw || !bodyw || !pt->cells || !pt->nlines || !pt->rowh)
        goto oom;

    /* Per column: natural width (widest cell on one line), the width
     * with the header wrapped, and the minimum (longest word). */
    double sum_nat = 0, sum_body = 0, sum_min = 0;
    for (size_t c = 0; c < pt->ncols; c++) {
        double nat = 0, body = 0, mn = 0;
        for (size_t r = 0; r < pt->nrows; r++) {
            double n, w;
            cx_linebreak_measure(L->lb, cell_rich(t, r, c), r == 0 ? CX_STYLE_BOLD : 0,
                                 pt->size, &n, &w);
            nat = fmax(nat, n);
            body = fmax(body, r == 0 ? w : n);
            mn = fmax(mn, w);
        }
        pt->colw[c] = nat + 2 * PAD_X;
        bodyw[c] = body + 2 * PAD_X;
        minw[c] = mn + 2 * PAD_X;
        sum_nat += pt->colw[c];
        sum_body += bodyw[c];
        sum_min += minw[c];
    }
    double avail = L->width;
    if (sum_nat > avail) {
        const double *hi = pt->colw, *lo = bodyw;
        double sum_hi = sum_nat, sum_lo = sum_body;
        if (sum_body > avail) {
            hi = bodyw;
            lo = minw;
            sum_hi = sum_body;
            sum_lo = sum_min;
        }
        if (sum_lo <= avail && sum_hi > sum_lo) {
            double k = (avail - sum_lo) / (sum_hi - sum_lo);
            for (size_t c = 0; c < pt->ncols; c++)
                pt->colw[c] = lo[c] + (hi[c] - lo[c]) * k;
        } else {
            /* Even the longest words do not fit: every column keeps at
             * least an equal share (or its own minimum, if smaller) and
             * the columns with long words give up the rest. */
            double share = avail / (double)pt->ncols, sum_floor = 0;
            for (size_t c = 0; c < pt->ncols; c++)
                sum_floor += fmin(minw[c], share);
            double k = sum_min > sum_floor ? (avail - sum_floor) / (sum_min - sum_floor) : 0;
            for (size_t c = 0; c < pt->ncols; c++) {
                double fl = fmin(minw[c], share);
                pt->colw[c] = fl + (minw[c] - fl) * k;
            }
        }
    }
    pt->total_w = 0;
    for (size_t c = 0; c < pt->ncols; c++)
        pt->total_w += pt->colw[c];

    /* Break every cell at its column's width; row heights follow. */
    for (size_t r = 0; r < pt->nrows; r++) {
        size_t most = 1;
        for (size_t c = 0; c < pt->ncols; c++) {
            double w = fmax(pt->colw[c] - 2 * PAD_X, 1.0);
            cx_status st = cx_linebreak_rich(L->lb, cell_rich(t, r, c),
                                             r == 0 ? CX_STYLE_BOLD : 0, pt->size, w,
                                             &pt->cells[r * pt->ncols + c], L->diag);
            if (st != CX_OK)
                return st;
            size_t n = pt->cells[r * pt->ncols + c].nlines;
            most = n > most ? n : most;
        }
        pt->nlines[r] = most;
        pt->rowh[r] = (double)most * pt->lh + 2 * PAD_Y;
    }
    *out = pt;
    return CX_OK;
oom:
    return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory laying out a table");
}

double cx_layout_table_min_start(const cx_layout_state *L, const cx_ptable *pt)
{
    double h = SPACE_AROUND + caption_height(pt) + pt->rowh[0]
               + (pt->nrows > 1 ? pt->rowh[1] : 0);
    double full = L->top - L->bottom;
    return h < full ? h : full;
}

/* Draws lines [from, to) of every cell of row r at the current position:
 * shading, text and the rule below. */
static void draw_row(cx_layout_state *L, const cx_ptable *pt, size_t r, size_t from, size_t to)
{
    const cx_theme *th = &L->th;
    double h = (double)(to - from) * pt->lh + 2 * PAD_Y;
    double top = L->y, x0 = L->left;
    cx_rgba fill = r == 0 ? th->table_header_fill : (r % 2 == 0 ? th->table_stripe_fill : CX_NONE);
    if (fill != CX_NONE) {
        cx_item it = { .kind = CX_ITEM_RECT };
        it.rect = (cx_item_rect){ x0, top - h, pt->total_w, h, fill, CX_NONE, 0 };
        cx_layout_item(L, L->page, &it);
    }
    double cx = x0;
    for (size_t c = 0; c < pt->ncols; c++) {
        const cx_ltext *cell = &pt->cells[r * pt->ncols + c];
        cx_align al = pt->t->align[c];
        for (size_t k = from; k < to && k < cell->nlines; k++) {
            const cx_lline *ln = &cell->lines[k];
            double x = al == CX_ALIGN_RIGHT    ? cx + pt->colw[c] - PAD_X - ln->width
                       : al == CX_ALIGN_CENTER ? cx + (pt->colw[c] - ln->width) / 2.0
                                               : cx + PAD_X;
            double ltop = top - PAD_Y - (double)(k - from) * pt->lh;
            cx_layout_draw_line(L, ln, x, ltop, pt->size, pt->lh,
                                r == 0 ? th->table_header_text : th->text);
        }
        cx += pt->colw[c];
    }
    cx_item rule = { .kind = CX_ITEM_LINE };
    rule.line = (cx_item_line){ x0, top - h, x0 + pt->total_w, top - h,
                                r == 0 ? th->accent : th->rule, r == 0 ? 0.8 : 0.5,
                                { 0, 0 }, false };
    cx_layout_item(L, L->page, &rule);
    L->y -= h;
    L->fresh = false;
}

/* The header is repeated on continuation pages unless it is so tall
 * (over a third of the text height) that repeating it would eat the
 * pages. */
static bool repeats_header(const cx_layout_state *L, const cx_ptable *pt)
{
    return pt->rowh[0] <= (L->top - L->bottom) / 3.0;
}

static void continue_page(cx_layout_state *L, const cx_ptable *pt)
{
    cx_layout_new_page(L);
    if (repeats_header(L, pt))
        draw_row(L, pt, 0, 0, pt->nlines[0]);
}

/* A row taller than a page: its lines continue on the next pages. */
static void split_row(cx_layout_state *L, const cx_ptable *pt, size_t r)
{
    size_t done = 0, total = pt->nlines[r];
    while (done < total && !L->oom) {
        double room = L->y - L->bottom - 2 * PAD_Y;
        size_t k = room > 0 ? (size_t)floor((room + 1e-6) / pt->lh) : 0;
        if (k == 0) {
            if (!L->fresh) {
                continue_page(L, pt);
                room = L->y - L->bottom - 2 * PAD_Y;
                k = room > 0 ? (size_t)floor((room + 1e-6) / pt->lh) : 0;
            }
            if (k == 0)
                k = 1;                  /* a page smaller than one line: progress anyway */
        }
        if (k > total - done)
            k = total - done;
        draw_row(L, pt, r, done, done + k);
        done += k;
        if (done < total)
            continue_page(L, pt);
    }
}

void cx_layout_table_place(cx_layout_state *L, const cx_ptable *pt)
{
    double full = L->top - L->bottom;
    L->pending = fmax(L->pending, SPACE_AROUND);
    double need = caption_height(pt) + pt->rowh[0] + (pt->nrows > 1 ? pt->rowh[1] : 0);
    if (need > full)
        need = full;
    if (!L->fresh && need > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    cx_layout_begin_block(L);
    cx_layout_mark_block(L, L->block, L->page, L->y);
    for (size_t k = 0; k < pt->caption.nlines; k++) {
        cx_layout_draw_line(L, &pt->caption.lines[k], L->left, L->y, pt->caption.size,
                            pt->caption_lh, L->th.text);
        L->y -= pt->caption_lh;
    }
    if (pt->caption.nlines) {
        L->y -= CAPTION_GAP;
        L->fresh = false;
    }
    if (pt->rowh[0] <= L->y - L->bottom + 1e-6)
        draw_row(L, pt, 0, 0, pt->nlines[0]);
    else
        split_row(L, pt, 0);        /* a header taller than a page */
    for (size_t r = 1; r < pt->nrows && !L->oom; r++) {
        double h = pt->rowh[r];
        if (h <= L->y - L->bottom + 1e-6) {
            draw_row(L, pt, r, 0, pt->nlines[r]);
        } else if (h <= full - (repeats_header(L, pt) ? pt->rowh[0] : 0) + 1e-6) {
            continue_page(L, pt);
            draw_row(L, pt, r, 0, pt->nlines[r]);
        } else {
            split_row(L, pt, r);
        }
    }
    L->pending = fmax(L->pending, L->th.paragraph_space + SPACE_AROUND);
}
