/*
 * layout_blocks.c — the blocks that are more than running text: rows of
 * key-figure tiles, boxed callouts, block quotes and the list of end
 * notes.
 *
 * Key figures: as many tiles to a row as fit at a readable width, the
 * rows balanced (five tiles are three and two, not four and one), every
 * tile of a row as tall as the tallest, labels and changes aligned across
 * the row.  A tile never splits; the rows stay together on one page when
 * they fit on one.  A change carries an arrow (a drawn triangle: no font
 * needed) and is green when it is good news, red when bad, grey when the
 * script does not say.
 *
 * Callouts are kept whole when they fit on a page; quotes and notes flow
 * like paragraphs, with the same widow and orphan rules
 * (cx_layout_flow).  Box backgrounds are put under the text they hold,
 * per page part, once that part is placed.
 *
 * Owns nothing beyond what it allocates in the result's arena.  Never
 * draws: it only emits items.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* key figures */
static const double TILE_GAP = 10.0;
static const double TILE_MIN_W = 110.0;
static const double TILE_PAD_X = 10.0, TILE_PAD_TOP = 11.0, TILE_PAD_BOTTOM = 10.0;
static const double TILE_BAR = 3.0;
static const double VALUE_SIZE = 22.0, VALUE_MIN_SIZE = 12.0, VALUE_LEADING = 1.15;
static const double SMALL_LEADING = 1.35;
static const double LABEL_GAP = 3.0, CHANGE_GAP = 5.0;
static const double ARROW_W = 6.5, ARROW_H = 5.6, ARROW_GAP = 3.5;
/* callouts and quotes */
static const double BOX_PAD = 10.0, BOX_STRIPE = 3.0;
static const double QUOTE_INDENT = 16.0, QUOTE_BAR = 2.5;
static const double SPACE_BEFORE = 10.0, SPACE_AFTER = 12.0;

typedef struct tile {
    const cx_keyfig *fig;
    cx_ltext value, label, change;
    double value_size;
} tile;

struct cx_pblock {
    cx_block_kind kind;
    size_t block;
    /* KEYFIGURES */
    tile *tiles;
    size_t ntiles, cols, nrows;
    double tile_w, small_size;
    double *row_h;              /* per row */
    size_t *label_lines;        /* per row: the most label lines */
    /* CALLOUT, QUOTE: the lines to flow */
    cx_fline *lines;
    size_t nlines;
    double lh;
    /* NOTES */
    size_t nnotes;
    cx_ltext *notes;
    cx_lrun *numbers;
    double indent, size;
};

static cx_status oom(cx_layout_state *L)
{
    return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
}

static double text_lh(const cx_layout_state *L)
{
    return L->th.body_size * L->th.leading;
}

/* ---- key figures ---------------------------------------------------------- */

static cx_status prepare_tiles(cx_layout_state *L, const cx_block *b, cx_pblock *pb)
{
    cx_arena *a = L->res->arena;
    size_t n = b->nfigs;
    size_t cols = (size_t)floor((L->width + TILE_GAP) / (TILE_MIN_W + TILE_GAP));
    cols = cols < 1 ? 1 : cols > n ? n : cols;
    size_t rows = (n + cols - 1) / cols;
    cols = (n + rows - 1) / rows;                   /* balance the rows */
    pb->ntiles = n;
    pb->cols = cols;
    pb->nrows = rows;
    pb->tile_w = (L->width - (double)(cols - 1) * TILE_GAP) / (double)cols;
    pb->small_size = L->th.body_size - 1.5;
    pb->tiles = cx_arena_calloc(a, n, sizeof *pb->tiles);
    pb->row_h = cx_arena_calloc(a, rows, sizeof *pb->row_h);
    pb->label_lines = cx_arena_calloc(a, rows, sizeof *pb->label_lines);
    if (!pb->tiles || !pb->row_h || !pb->label_lines)
        return oom(L);
    double inner = pb->tile_w - 2 * TILE_PAD_X;
    size_t most_change[CX_DOC_KEYFIGS_MAX] = { 0 };
    for (size_t i = 0; i < n; i++) {
        tile *t = &pb->tiles[i];
        const cx_keyfig *f = &b->figs[i];
        t->fig = f;
        /* The number on one line: a smaller size when it is too wide. */
        double natural = cx_font_measure(L->font, CX_STYLE_BOLD, VALUE_SIZE, f->value,
                                         strlen(f->value));
        t->value_size = natural > inner ? fmax(VALUE_MIN_SIZE, VALUE_SIZE * inner / natural)
                                        : VALUE_SIZE;
        cx_status st = cx_linebreak_plain(L->lb, f->value, CX_STYLE_BOLD, t->value_size, inner,
                                          &t->value, L->diag);
        if (st == CX_OK)
            st = cx_linebreak_plain(L->lb, f->label, 0, pb->small_size, inner, &t->label,
                                    L->diag);
        if (st == CX_OK && f->change_text) {
            /* "−1.9 vs 2015": the change in bold, the space in the label's run */
            char *lbl = f->change_label ? cx_arena_printf(a, " %s", f->change_label) : NULL;
            if (f->change_label && !lbl)
                return oom(L);
            cx_span sp[2] = {
                { .text = f->change_text, .len = strlen(f->change_text), .style = CX_STYLE_BOLD },
                { .text = lbl, .len = lbl ? strlen(lbl) : 0 },
            };
            cx_rich r = { lbl ? 2 : 1, sp };
            st = cx_linebreak_rich(L->lb, &r, 0, pb->small_size, inner - ARROW_W - ARROW_GAP,
                                   &t->change, L->diag);
        }
        if (st != CX_OK)
            return st;
        size_t row = i / cols;
        if (t->label.nlines > pb->label_lines[row])
            pb->label_lines[row] = t->label.nlines;
        if (t->change.nlines > most_change[row])
            most_change[row] = t->change.nlines;
    }
    double small_lh = pb->small_size * SMALL_LEADING;
    for (size_t r = 0; r < rows; r++) {
        double value_h = 0;
        for (size_t i = r * cols; i < n && i < (r + 1) * cols; i++) {
            const tile *t = &pb->tiles[i];
            value_h = fmax(value_h, (double)t->value.nlines * t->value_size * VALUE_LEADING);
        }
        pb->row_h[r] = TILE_BAR + TILE_PAD_TOP + value_h + LABEL_GAP
                       + (double)pb->label_lines[r] * small_lh
                       + (most_change[r] ? CHANGE_GAP + (double)most_change[r] * small_lh : 0)
                       + TILE_PAD_BOTTOM;
    }
    return CX_OK;
}

static double tiles_height(const cx_pblock *pb)
{
    double h = 0;
    for (size_t r = 0; r < pb->nrows; r++)
        h += pb->row_h[r] + (r ? TILE_GAP : 0);
    return h;
}

static void push_text(cx_layout_state *L, const cx_lrun *run, double x, double base, double size,
                      cx_rgba color)
{
    cx_item it = { .kind = CX_ITEM_TEXT };
    it.text = (cx_item_text){ .text = run->text, .len = run->len, .face = run->face,
                              .size = size, .color = color, .x = x + run->x, .y = base,
                              .width = run->width };
    cx_layout_item(L, L->page, &it);
}

static void push_rect(cx_layout_state *L, double x, double y, double w, double h, cx_rgba fill)
{
    cx_item it = { .kind = CX_ITEM_RECT };
    it.rect = (cx_item_rect){ x, y, w, h, fill, CX_NONE, 0 };
    cx_layout_item(L, L->page, &it);
}

/* An arrow up or down whose base sits on the text's baseline; no change
 * is a short flat bar in its place. */
static void push_arrow(cx_layout_state *L, double x, double base, int dir, cx_rgba color)
{
    cx_item it = { .kind = CX_ITEM_POLYGON };
    double lo = base + 0.3, hi = base + 0.3 + ARROW_H, mid = (lo + hi) / 2.0;
    if (dir == 0)
        it.polygon = (cx_item_polygon){ 4, { x, x + ARROW_W, x + ARROW_W, x },
                                        { mid - 0.7, mid - 0.7, mid + 0.7, mid + 0.7 }, color };
    else
        it.polygon = (cx_item_polygon){ 3, { x, x + ARROW_W, x + ARROW_W / 2.0, 0 },
                                        { dir > 0 ? lo : hi, dir > 0 ? lo : hi,
                                          dir > 0 ? hi : lo, 0 }, color };
    cx_layout_item(L, L->page, &it);
}

/* Whether the change as printed is zero ("0.0": no sign, no arrow). */
static bool prints_zero(const cx_keyfig *f)
{
    return f->change_text[0] != '+' && strncmp(f->change_text, "\xE2\x88\x92", 3) != 0;
}

/* The colour a change is drawn in: is it good news? */
static cx_rgba change_color(const cx_layout_state *L, const cx_keyfig *f)
{
    if (f->good == CX_GOOD_NONE || prints_zero(f))
        return L->th.muted;
    bool up = f->change > 0;
    return up == (f->good == CX_GOOD_UP) ? L->th.good : L->th.bad;
}

static void draw_tile(cx_layout_state *L, const cx_pblock *pb, const tile *t, double x,
                      double top, double h, size_t row)
{
    const cx_theme *th = &L->th;
    push_rect(L, x, top - h, pb->tile_w, h, th->panel_fill);
    push_rect(L, x, top - TILE_BAR, pb->tile_w, TILE_BAR, th->accent);
    double tx = x + TILE_PAD_X, y = top - TILE_BAR - TILE_PAD_TOP;
    double vlh = t->value_size * VALUE_LEADING;
    double value_h = 0;
    for (size_t i = row * pb->cols; i < pb->ntiles && i < (row + 1) * pb->cols; i++)
        value_h = fmax(value_h, (double)pb->tiles[i].value.nlines * pb->tiles[i].value_size
                                    * VALUE_LEADING);
    for (size_t k = 0; k < t->value.nlines; k++)
        cx_layout_draw_line(L, &t->value.lines[k], tx, y - (double)k * vlh, t->value_size, vlh,
                            th->accent);
    y -= value_h + LABEL_GAP;
    double slh = pb->small_size * SMALL_LEADING;
    for (size_t k = 0; k < t->label.nlines; k++)
        cx_layout_draw_line(L, &t->label.lines[k], tx, y - (double)k * slh, pb->small_size, slh,
                            th->text);
    y -= (double)pb->label_lines[row] * slh + CHANGE_GAP;
    if (!t->change.nlines)
        return;
    const cx_keyfig *f = t->fig;
    cx_rgba cc = change_color(L, f);
    double cx = tx + ARROW_W + ARROW_GAP;
    for (size_t k = 0; k < t->change.nlines; k++) {
        const cx_lline *ln = &t->change.lines[k];
        double base = y - (double)k * slh - cx_layout_baseline(L, 0, pb->small_size, slh);
        if (k == 0)
            push_arrow(L, tx, base, prints_zero(f) ? 0 : f->change > 0 ? 1 : -1, cc);
        for (size_t r = 0; r < ln->nruns; r++)
            push_text(L, &ln->runs[r], cx, base, pb->small_size,
                      ln->runs[r].face & CX_STYLE_BOLD ? cc : th->muted);
    }
}

static void place_tiles(cx_layout_state *L, const cx_pblock *pb)
{
    double full = L->top - L->bottom, total = tiles_height(pb);
    L->pending = fmax(L->pending, SPACE_BEFORE);
    if (!L->fresh && total <= full && total > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    for (size_t r = 0; r < pb->nrows && !L->oom; r++) {
        if (r > 0)
            L->pending = fmax(L->pending, TILE_GAP);
        if (!L->fresh && pb->row_h[r] > cx_layout_avail(L) + 1e-6)
            cx_layout_new_page(L);
        cx_layout_begin_block(L);
        double x = L->left;
        for (size_t i = r * pb->cols; i < pb->ntiles && i < (r + 1) * pb->cols; i++) {
            draw_tile(L, pb, &pb->tiles[i], x, L->y, pb->row_h[r], r);
            x += pb->tile_w + TILE_GAP;
        }
        L->y -= pb->row_h[r];
        L->fresh = false;
    }
    L->pending = fmax(L->pending, SPACE_AFTER);
}

/* ---- callouts and quotes -------------------------------------------------- */

/* Appends the lines of t to pb->lines. */
static void add_lines(cx_pblock *pb, const cx_ltext *t, double x, cx_rgba color)
{
    for (size_t k = 0; k < t->nlines; k++)
        pb->lines[pb->nlines++] = (cx_fline){ .ln = &t->lines[k], .x = x, .size = t->size,
                                              .color = color };
}

static cx_status prepare_boxed(cx_layout_state *L, const cx_block *b, cx_pblock *pb)
{
    cx_arena *a = L->res->arena;
    const cx_theme *th = &L->th;
    bool callout = b->kind == CX_BLOCK_CALLOUT;
    double x = callout ? L->left + BOX_STRIPE + BOX_PAD : L->left + QUOTE_INDENT;
    double w = callout ? L->width - BOX_STRIPE - 2 * BOX_PAD : L->width - QUOTE_INDENT;
    cx_ltext *head = cx_arena_calloc(a, 2, sizeof *head);   /* [0] text, [1] title/source */
    if (!head)
        return oom(L);
    cx_status st = cx_linebreak_rich(L->lb, &b->text, callout ? 0 : CX_STYLE_ITALIC,
                                     th->body_size, w, &head[0], L->diag);
    const char *line = callout ? b->title : b->source;
    if (st == CX_OK && line) {
        const char *t = callout ? line : cx_arena_printf(a, "\xE2\x80\x94 %s", line);  /* — */
        if (!t)
            return oom(L);
        st = cx_linebreak_plain(L->lb, t, callout ? CX_STYLE_BOLD : 0,
                                callout ? th->body_size : th->body_size - 1.0, w, &head[1],
                                L->diag);
    }
    if (st != CX_OK)
        return st;
    pb->lh = text_lh(L);
    pb->lines = cx_arena_calloc(a, head[0].nlines + head[1].nlines + 1, sizeof *pb->lines);
    if (!pb->lines)
        return oom(L);
    if (callout) {
        add_lines(pb, &head[1], x, th->accent);
        add_lines(pb, &head[0], x, th->text);
    } else {
        add_lines(pb, &head[0], x, th->text);
        add_lines(pb, &head[1], x, th->muted);
    }
    return CX_OK;
}

/* A callout's background and stripe under a part of its lines. */
static void box_part(cx_layout_state *L, void *ctx, const cx_fseg *seg)
{
    (void)ctx;
    double top = seg->top + BOX_PAD, bottom = seg->bottom - BOX_PAD;
    cx_item fill = { .kind = CX_ITEM_RECT }, stripe = { .kind = CX_ITEM_RECT };
    fill.rect = (cx_item_rect){ L->left, bottom, L->width, top - bottom, L->th.panel_fill,
                                CX_NONE, 0 };
    stripe.rect = (cx_item_rect){ L->left, bottom, BOX_STRIPE, top - bottom, L->th.accent,
                                  CX_NONE, 0 };
    cx_layout_insert(L, seg->page, seg->first_item, &fill);
    cx_layout_insert(L, seg->page, seg->first_item + 1, &stripe);
}

/* A quote's bar beside a part of its lines. */
static void bar_part(cx_layout_state *L, void *ctx, const cx_fseg *seg)
{
    (void)ctx;
    cx_item bar = { .kind = CX_ITEM_RECT };
    bar.rect = (cx_item_rect){ L->left + 3.0, seg->bottom + 2.0, QUOTE_BAR,
                               seg->top - seg->bottom - 4.0, L->th.accent, CX_NONE, 0 };
    cx_layout_insert(L, seg->page, seg->first_item, &bar);
}

static void place_boxed(cx_layout_state *L, const cx_pblock *pb)
{
    bool callout = pb->kind == CX_BLOCK_CALLOUT;
    double pad = callout ? BOX_PAD : 0;
    double full = L->top - L->bottom, total = (double)pb->nlines * pb->lh + 2 * pad;
    L->pending = fmax(L->pending, SPACE_BEFORE);
    if (callout && !L->fresh && total <= full && total > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    cx_layout_begin_block(L);
    /* The padding is taken from every page the box reaches: its parts
     * never run into the margins. */
    L->y -= pad;
    L->top -= pad;
    L->bottom += pad;
    cx_layout_flow(L, pb->lines, pb->nlines, pb->lh, callout, callout ? box_part : bar_part,
                   NULL, NULL);
    L->top += pad;
    L->bottom -= pad;
    L->y -= pad;
    L->pending = fmax(L->pending, SPACE_AFTER);
}

/* ---- notes ---------------------------------------------------------------- */

static cx_status prepare_notes(cx_layout_state *L, cx_pblock *pb)
{
    cx_arena *a = L->res->arena;
    size_t n = cx_doc_note_count(L->doc);
    pb->size = L->th.body_size - 1.0;
    pb->lh = pb->size * L->th.leading;
    pb->notes = cx_arena_calloc(a, n ? n : 1, sizeof *pb->notes);
    pb->numbers = cx_arena_calloc(a, n ? n : 1, sizeof *pb->numbers);
    if (!pb->notes || !pb->numbers)
        return oom(L);
    double widest = 0;
    for (size_t k = 0; k < n; k++) {
        char *m = cx_arena_printf(a, "%zu.", k + 1);
        if (!m)
            return oom(L);
        size_t len = strlen(m);
        double w = cx_font_measure(L->font, 0, pb->size, m, len);
        pb->numbers[k] = (cx_lrun){ .text = m, .len = len, .width = w };
        widest = fmax(widest, w);
    }
    pb->indent = fmax(16.0, widest + 6.0);
    for (size_t k = 0; k < n; k++) {
        cx_status st = cx_linebreak_rich(L->lb, cx_doc_note(L->doc, k), 0, pb->size,
                                         L->width - pb->indent, &pb->notes[k], L->diag);
        if (st == CX_ESCRIPT && L->diag) {      /* a bad reference: where the note was written */
            const char *file;
            cx_doc_note_source(L->doc, k, &file, &L->diag->line);
            snprintf(L->diag->file, sizeof L->diag->file, "%s", file ? file : "");
        }
        if (st != CX_OK)
            return st;
    }
    pb->nnotes = n;
    return CX_OK;
}

/* The notes flow as one numbered list; each note's place is marked for
 * the markers that link to it, and each number links back. */
static void place_notes(cx_layout_state *L, const cx_pblock *pb)
{
    size_t total = 0, n = 0;
    for (size_t k = 0; k < pb->nnotes; k++)
        total += pb->notes[k].nlines ? pb->notes[k].nlines : 1;
    cx_fline *lines = malloc((total ? total : 1) * sizeof *lines);
    cx_fpos *pos = malloc((total ? total : 1) * sizeof *pos);
    size_t *first = malloc((pb->nnotes ? pb->nnotes : 1) * sizeof *first);
    if (!lines || !pos || !first) {
        L->oom = true;
        goto done;
    }
    for (size_t k = 0; k < pb->nnotes; k++) {
        const cx_lrun *m = &pb->numbers[k];
        first[k] = n;
        cx_layout_item_lines(lines, &n, &pb->notes[k], L->left + pb->indent, L->th.text, m,
                             L->left + pb->indent - 6.0 - m->width, L->th.link, k ? 3.0 : 0);
    }
    cx_layout_flow(L, lines, n, pb->lh, false, NULL, NULL, pos);
    for (size_t k = 0; k < pb->nnotes && !L->oom; k++) {
        const cx_fpos *at = &pos[first[k]];
        const cx_lrun *m = &pb->numbers[k];
        cx_layout_mark_note(L, (int)k + 1, at->page, at->top);
        cx_layout_link_back(L, (int)k + 1, at->page, lines[first[k]].marker_x, at->top - pb->lh,
                            m->width, pb->lh);
    }
    L->pending = fmax(L->pending, L->th.paragraph_space);
done:
    free(lines);
    free(pos);
    free(first);
}

/* ---- the interface ---------------------------------------------------------- */

cx_status cx_layout_block_prepare(cx_layout_state *L, size_t block, cx_pblock **out)
{
    const cx_block *b = cx_doc_block(L->doc, block);
    cx_pblock *pb = cx_arena_calloc(L->res->arena, 1, sizeof *pb);
    if (!pb)
        return oom(L);
    pb->kind = b->kind;
    pb->block = block;
    cx_status st = b->kind == CX_BLOCK_KEYFIGURES ? prepare_tiles(L, b, pb)
                 : b->kind == CX_BLOCK_NOTES      ? prepare_notes(L, pb)
                                                  : prepare_boxed(L, b, pb);
    if (st == CX_OK)
        *out = pb;
    return st;
}

double cx_layout_block_min_start(const cx_layout_state *L, const cx_pblock *pb, double gap)
{
    double full = L->top - L->bottom;
    switch (pb->kind) {
    case CX_BLOCK_KEYFIGURES: {
        double h = tiles_height(pb);
        return fmax(gap, SPACE_BEFORE) + (h <= full ? h : pb->row_h[0]);
    }
    case CX_BLOCK_CALLOUT: {
        double h = (double)pb->nlines * pb->lh + 2 * BOX_PAD;
        return fmax(gap, SPACE_BEFORE) + (h <= full ? h : 2 * pb->lh + BOX_PAD);
    }
    case CX_BLOCK_QUOTE:
        return fmax(gap, SPACE_BEFORE) + (double)(pb->nlines <= 3 ? pb->nlines : 2) * pb->lh;
    case CX_BLOCK_NOTES: {
        if (pb->nnotes == 0)
            return 0;
        size_t n = pb->notes[0].nlines;
        return gap + (double)(n == 0 ? 1 : n <= 3 ? n : 2) * pb->lh;
    }
    default:
        return gap;
    }
}

void cx_layout_block_place(cx_layout_state *L, const cx_pblock *pb)
{
    switch (pb->kind) {
    case CX_BLOCK_KEYFIGURES:
        place_tiles(L, pb);
        break;
    case CX_BLOCK_NOTES:
        place_notes(L, pb);
        break;
    default:
        place_boxed(L, pb);
        break;
    }
}
