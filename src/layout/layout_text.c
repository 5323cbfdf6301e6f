/*
 * layout_text.c — lines on pages: drawing them (justified or not, with
 * their links, references and note markers), flowing them down the pages
 * with widow and orphan control, and the document's internal links.
 *
 * Justification widens the word spaces of a line, never the letters: a
 * line broken for it (cx_linebreak_words) has one run per word, and each
 * run moves right by its number of spaces times the line's extra space,
 * so the last word ends exactly at the measure.  The last line of a
 * paragraph keeps its natural spaces.
 *
 * References ("Figure 3") and note markers jump to places that may come
 * later in the document, so their links are kept pending with the block
 * or note they point at, and made once everything is placed
 * (cx_layout_text_end).  Web links are made at once.  Where a table or
 * figure starts is recorded by their placers (cx_layout_mark_block).
 *
 * Owns the tracking tables (freed by cx_layout_text_free) and nothing
 * else; items go to the result like every other item.  Never draws.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct lpos {
    size_t page;
    double y;
    bool set;
} lpos;

typedef enum link_kind { TO_BLOCK, TO_NOTE, TO_MARKER } link_kind;

typedef struct pending {
    size_t page;
    double x, y, w, h;
    link_kind kind;
    size_t id;              /* block index, or note number - 1 */
} pending;

struct cx_ltrack {
    size_t nblocks, nnotes;
    lpos *blocks;           /* where each table and figure starts */
    const char **ref_text;  /* per block: "Figure 3", made once */
    lpos *notes;            /* where each note is listed */
    lpos *markers;          /* each note's marker in the text */
    pending *links;
    size_t nlinks, cap_links;
    cx_fline *scratch;      /* cx_layout_flow_text's lines */
    size_t cap_scratch;
};

static const double SUPER_RISE = 0.36;      /* a note marker's baseline, in sizes up */

/* ---- references ----------------------------------------------------------- */

/* "Figure 3" or "Table 2" for a label (cx_ref_fn). */
static const char *ref_text(void *ctx, const cx_span *sp)
{
    cx_layout_state *L = ctx;
    size_t b = cx_doc_find_label(L->doc, sp->ref);
    if (b == SIZE_MAX || b >= L->track->nblocks)
        return NULL;
    const char **slot = &L->track->ref_text[b];
    if (*slot)
        return *slot;
    const cx_block *blk = cx_doc_block(L->doc, b);
    int n = blk->kind == CX_BLOCK_TABLE   ? blk->table->number
          : blk->kind == CX_BLOCK_CHART   ? blk->chart->number
          : blk->kind == CX_BLOCK_IMAGE   ? blk->image->number : 0;
    const char *word = blk->kind == CX_BLOCK_TABLE ? "Table" : "Figure";
    *slot = cx_arena_printf(L->res->arena, "%s %d", word, n);
    if (!*slot)
        L->oom = true;
    return *slot ? *slot : sp->ref;
}

cx_status cx_layout_text_begin(cx_layout_state *L)
{
    struct cx_ltrack *t = calloc(1, sizeof *t);
    L->track = t;
    if (!t)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    t->nblocks = cx_doc_block_count(L->doc);
    t->nnotes = cx_doc_note_count(L->doc);
    t->blocks = calloc(t->nblocks ? t->nblocks : 1, sizeof *t->blocks);
    t->ref_text = calloc(t->nblocks ? t->nblocks : 1, sizeof *t->ref_text);
    t->notes = calloc(t->nnotes ? t->nnotes : 1, sizeof *t->notes);
    t->markers = calloc(t->nnotes ? t->nnotes : 1, sizeof *t->markers);
    if (!t->blocks || !t->ref_text || !t->notes || !t->markers)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    cx_linebreak_set_refs(L->lb, ref_text, L);
    return CX_OK;
}

void cx_layout_text_free(cx_layout_state *L)
{
    struct cx_ltrack *t = L->track;
    if (!t)
        return;
    free(t->blocks);
    free(t->ref_text);
    free(t->notes);
    free(t->markers);
    free(t->links);
    free(t->scratch);
    free(t);
    L->track = NULL;
}

static void mark(lpos *p, size_t page, double y)
{
    if (!p->set)
        *p = (lpos){ page, y, true };
}

void cx_layout_mark_block(cx_layout_state *L, size_t block, size_t page, double y)
{
    if (L->track && block < L->track->nblocks)
        mark(&L->track->blocks[block], page, y);
}

void cx_layout_mark_note(cx_layout_state *L, int note, size_t page, double y)
{
    if (L->track && note >= 1 && (size_t)note <= L->track->nnotes)
        mark(&L->track->notes[note - 1], page, y);
}

static void add_pending(cx_layout_state *L, pending pd)
{
    struct cx_ltrack *t = L->track;
    if (!t || L->oom)
        return;
    if (t->nlinks == t->cap_links) {
        size_t ncap = t->cap_links ? t->cap_links * 2 : 16;
        pending *nl = realloc(t->links, ncap * sizeof *nl);
        if (!nl) {
            L->oom = true;
            return;
        }
        t->links = nl;
        t->cap_links = ncap;
    }
    t->links[t->nlinks++] = pd;
}

void cx_layout_link_back(cx_layout_state *L, int note, size_t page, double x, double y, double w,
                         double h)
{
    if (note >= 1)
        add_pending(L, (pending){ page, x, y, w, h, TO_MARKER, (size_t)note - 1 });
}

void cx_layout_text_end(cx_layout_state *L)
{
    struct cx_ltrack *t = L->track;
    if (!t)
        return;
    for (size_t k = 0; k < t->nlinks && !L->oom; k++) {
        const pending *pd = &t->links[k];
        const lpos *to = pd->kind == TO_BLOCK  ? (pd->id < t->nblocks ? &t->blocks[pd->id] : NULL)
                       : pd->kind == TO_NOTE   ? (pd->id < t->nnotes ? &t->notes[pd->id] : NULL)
                                               : (pd->id < t->nnotes ? &t->markers[pd->id] : NULL);
        if (!to || !to->set)
            continue;       /* e.g. notes never listed: the marker stays a plain number */
        cx_item it = { .kind = CX_ITEM_LINK };
        it.link = (cx_item_link){ .x = pd->x, .y = pd->y, .w = pd->w, .h = pd->h,
                                  .target_page = to->page, .target_y = to->y };
        cx_layout_push(L, pd->page, &it);
    }
}

/* ---- drawing lines -------------------------------------------------------- */

void cx_layout_insert(cx_layout_state *L, size_t page, size_t at, const cx_item *it)
{
    if (L->oom || page >= L->res->npages)
        return;
    cx_layout_push(L, page, it);
    cx_layout_page *pg = &L->res->pages[page];
    if (L->oom || at >= pg->nitems - 1)
        return;
    cx_item moved = pg->items[pg->nitems - 1];
    memmove(&pg->items[at + 1], &pg->items[at], (pg->nitems - 1 - at) * sizeof *pg->items);
    pg->items[at] = moved;
}

void cx_layout_draw_line(cx_layout_state *L, const cx_lline *ln, double x, double top,
                         double size, double lh, cx_rgba color)
{
    cx_layout_draw_line_ex(L, ln, x, top, size, lh, color, 0);
}

void cx_layout_draw_line_ex(cx_layout_state *L, const cx_lline *ln, double x, double top,
                            double size, double lh, cx_rgba color, double fill)
{
    double extra = fill > ln->width && ln->gaps > 0 ? (fill - ln->width) / ln->gaps : 0;
    /* The words of one link on one line share one clickable area. */
    const cx_span *prev = NULL;
    size_t prev_link = SIZE_MAX, prev_pending = SIZE_MAX;   /* item, pending link */
    for (size_t r = 0; r < ln->nruns; r++) {
        const cx_lrun *run = &ln->runs[r];
        const cx_span *sp = run->span;
        double rx = x + run->x + extra * run->gap;
        double base = top - cx_layout_baseline(L, run->face, size, lh);
        double tsize = size;
        cx_rgba c = sp ? L->th.link : color;
        if (sp && sp->note > 0) {
            tsize = size * CX_SUPER_PERCENT / 100.0;
            base += size * SUPER_RISE;
        }
        cx_item it = { .kind = CX_ITEM_TEXT };
        it.text = (cx_item_text){ .text = run->text, .len = run->len, .face = run->face,
                                  .size = tsize, .color = c, .x = rx, .y = base,
                                  .width = run->width };
        cx_layout_item(L, L->page, &it);
        if (!sp || L->oom)
            continue;
        /* The clickable area is the run's part of the line box (a note
         * marker's a little wider than its digits, to be hit). */
        double w = sp->note > 0 ? fmax(run->width, 0.5 * size) : run->width;
        cx_layout_page *pg = &L->res->pages[L->page];
        if (sp == prev && prev_link < pg->nitems) {
            cx_item_link *k = &pg->items[prev_link].link;
            k->w = rx + w - k->x;
            continue;
        }
        if (sp == prev && prev_pending < L->track->nlinks) {
            pending *pd = &L->track->links[prev_pending];
            pd->w = rx + w - pd->x;
            continue;
        }
        prev = sp;
        prev_link = prev_pending = SIZE_MAX;
        if (sp->href) {
            cx_item ln_it = { .kind = CX_ITEM_LINK };
            ln_it.link = (cx_item_link){ .x = rx, .y = top - lh, .w = w, .h = lh,
                                         .uri = sp->href };
            cx_layout_push(L, L->page, &ln_it);
            pg = &L->res->pages[L->page];
            if (!L->oom && pg->nitems > 0)
                prev_link = pg->nitems - 1;
            continue;
        }
        if (!L->track)
            continue;
        if (sp->ref) {
            size_t b = cx_doc_find_label(L->doc, sp->ref);
            if (b != SIZE_MAX)
                add_pending(L, (pending){ L->page, rx, top - lh, w, lh, TO_BLOCK, b });
        } else if (sp->note > 0 && (size_t)sp->note <= L->track->nnotes) {
            mark(&L->track->markers[sp->note - 1], L->page, top);
            add_pending(L, (pending){ L->page, rx, top - lh, w, lh, TO_NOTE,
                                      (size_t)sp->note - 1 });
        }
        prev_pending = L->track->nlinks ? L->track->nlinks - 1 : SIZE_MAX;
    }
}

/* ---- flowing lines -------------------------------------------------------- */

/* Height of lines [i, j) placed together on one page. */
static double part_height(const cx_fline *lines, size_t i, size_t j, double lh)
{
    double h = 0;
    for (size_t k = i; k < j; k++)
        h += lh + (k > i ? lines[k].space_before : 0);
    return h;
}

/* Where the part of the page that starts at line i ends: the last
 * allowed break within the `fit` lines that fit (all of them when the
 * rest fits); i when none is allowed here. */
static size_t part_end(const cx_fline *lines, size_t n, size_t i, size_t fit)
{
    if (n - i <= fit)
        return n;
    for (size_t j = i + fit; j >= i + 2; j--)
        if (n - j >= 2 && !lines[j].keep_with_prev)
            return j;
    return i;
}

void cx_layout_flow(cx_layout_state *L, const cx_fline *lines, size_t n, double lh,
                    bool keep_whole, cx_fseg_fn on_seg, void *ctx, cx_fpos *pos)
{
    double full = L->top - L->bottom, total = part_height(lines, 0, n, lh);
    if (keep_whole && !L->fresh && total <= full + 1e-6 && total > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    size_t i = 0;
    while (i < n && !L->oom) {
        double avail = cx_layout_avail(L), h = 0;
        size_t fit = 0;
        while (i + fit < n) {
            h += lh + (fit > 0 ? lines[i + fit].space_before : 0);
            if (h > avail + 1e-6)
                break;
            fit++;
        }
        size_t end = part_end(lines, n, i, fit);
        if (end == i) {
            if (!L->fresh) {
                cx_layout_new_page(L);
                continue;
            }
            /* Only a page too small for the rules: take what fits, one
             * line at least, so it always progresses. */
            end = i + (fit == 0 ? 1 : fit);
        }
        cx_layout_begin_block(L);
        cx_fseg seg = { L->page, L->y, 0, L->res->pages[L->page].nitems, i, end - i };
        for (size_t k = i; k < end; k++) {
            const cx_fline *fl = &lines[k];
            if (k > i)
                L->y -= fl->space_before;
            if (pos)
                pos[k] = (cx_fpos){ L->page, L->y };
            cx_layout_draw_line_ex(L, fl->ln, fl->x, L->y, fl->size, lh, fl->color, fl->fill);
            if (fl->marker) {
                const cx_lrun *m = fl->marker;
                double base = L->y - cx_layout_baseline(L, m->face, fl->size, lh);
                cx_item it = { .kind = CX_ITEM_TEXT };
                it.text = (cx_item_text){ .text = m->text, .len = m->len, .face = m->face,
                                          .size = fl->size, .color = fl->marker_color,
                                          .x = fl->marker_x, .y = base, .width = m->width };
                cx_layout_item(L, L->page, &it);
            }
            L->y -= lh;
        }
        L->fresh = false;
        seg.bottom = L->y;
        if (on_seg)
            on_seg(L, ctx, &seg);
        i = end;
        if (i < n)
            cx_layout_new_page(L);
    }
}

typedef struct seg_ends { cx_fseg first, last; bool any; } seg_ends;

static void keep_ends(cx_layout_state *L, void *ctx, const cx_fseg *seg)
{
    (void)L;
    seg_ends *e = ctx;
    if (!e->any)
        e->first = *seg;
    e->last = *seg;
    e->any = true;
}

void cx_layout_flow_text(cx_layout_state *L, const cx_ltext *t, double x, double lh,
                         cx_rgba color, double fill, const cx_lrun *marker, double marker_x,
                         cx_rgba marker_color, cx_fseg *first, cx_fseg *last)
{
    struct cx_ltrack *tr = L->track;
    seg_ends ends = { .any = false };
    ends.first = ends.last = (cx_fseg){ L->page, L->y, L->y, 0, 0, 0 };
    if (t->nlines > tr->cap_scratch) {
        cx_fline *ns = realloc(tr->scratch, t->nlines * sizeof *ns);
        if (!ns) {
            L->oom = true;
            return;
        }
        tr->scratch = ns;
        tr->cap_scratch = t->nlines;
    }
    for (size_t k = 0; k < t->nlines; k++)
        tr->scratch[k] = (cx_fline){ .ln = &t->lines[k], .x = x, .size = t->size,
                                     .color = color, .fill = k + 1 < t->nlines ? fill : 0,
                                     .marker = k == 0 ? marker : NULL, .marker_x = marker_x,
                                     .marker_color = marker_color };
    cx_layout_flow(L, tr->scratch, t->nlines, lh, false, keep_ends, &ends, NULL);
    if (first)
        *first = ends.first;
    if (last)
        *last = ends.last;
}

void cx_layout_item_lines(cx_fline *lines, size_t *n, const cx_ltext *t, double x,
                          cx_rgba color, const cx_lrun *marker, double marker_x,
                          cx_rgba marker_color, double space_before)
{
    static const cx_lline empty = { .runs = NULL };
    size_t m = t->nlines ? t->nlines : 1;
    for (size_t p = 0; p < m; p++)
        lines[(*n)++] = (cx_fline){
            .ln = t->nlines ? &t->lines[p] : &empty, .x = x, .size = t->size, .color = color,
            .marker = p == 0 ? marker : NULL, .marker_x = marker_x,
            .marker_color = marker_color, .space_before = p == 0 ? space_before : 0,
            .keep_with_prev = p > 0 && !(p >= 2 && m - p >= 2) };
}

/* ---- captions ------------------------------------------------------------- */

cx_status cx_layout_numbered_caption(cx_layout_state *L, const char *word, int number,
                                     const cx_rich *caption, double size, cx_ltext *out)
{
    *out = (cx_ltext){ NULL, 0, size };
    if (caption->nspans == 0)
        return CX_OK;
    cx_arena *a = L->res->arena;
    cx_rich r = { caption->nspans + 1, cx_arena_calloc(a, caption->nspans + 1, sizeof *r.spans) };
    char *prefix = cx_arena_printf(a, "%s %d: ", word, number);
    if (!r.spans || !prefix)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    r.spans[0] = (cx_span){ .text = prefix, .len = strlen(prefix), .style = CX_STYLE_BOLD };
    for (size_t k = 0; k < caption->nspans; k++)
        r.spans[k + 1] = caption->spans[k];
    return cx_linebreak_rich(L->lb, &r, 0, size, L->width, out, L->diag);
}
