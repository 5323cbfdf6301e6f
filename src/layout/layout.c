/*
 * layout.c — from the document tree to positioned pages, in one pass.
 *
 * Every block is measured and broken into lines (the text width is the
 * same on every page, so this never depends on pagination) a few blocks
 * ahead of where it is placed, so a document past the page limit stops
 * early.  The blocks flow down the pages: headings keep with the first
 * lines of what follows, paragraphs and list items obey widow/orphan
 * control (never one line of a paragraph alone at the bottom or top of a
 * page), tables split between rows (layout_table.c).  The contents' size
 * is known from the start, so it simply takes its place in the flow; its
 * page numbers and links are added once the body has been placed, and so
 * are the footers ("Page x of y"), when y is known.
 *
 * Owns the result (pages, items, generated strings) until it is returned.
 * Never draws, never sees libharu: the renderer only copies what is here.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CONTENTS_LEVELS = 2, MAX_KEEP_CHAIN = 3 };

static const double H_BEFORE[3] = { 22.0, 16.0, 12.0 };
static const double H_AFTER[3] = { 8.0, 6.0, 4.0 };
static const double H_LEADING = 1.25;
static const double ITEM_SPACE = 3.0;       /* between list items */
static const double LEADER_PITCH = 4.0;     /* dot leaders: one dot every 4 pt */

typedef struct prep {
    cx_ltext text;              /* HEADING, PARAGRAPH */
    cx_ltext *items;            /* LIST */
    cx_lrun *markers;           /* LIST: "•" or "12." */
    double indent;              /* LIST: text starts this far in */
    cx_ptable *table;           /* TABLE */
    cx_pchart *chart;           /* CHART */
    cx_pimage *image;           /* IMAGE */
    cx_pblock *blk;             /* KEYFIGURES, CALLOUT, QUOTE, NOTES */
    bool justify;               /* PARAGRAPH */
} prep;

typedef struct centry {         /* one line (or more) of the contents */
    size_t block;               /* the heading it points at */
    int level, face;
    double size, lh, indent, space_before;
    cx_ltext text;
} centry;

typedef struct cfix {           /* a placed contents entry awaiting its number */
    size_t entry, page;
    double top, bottom;         /* the entry's box */
    double baseline;            /* of its last line */
    double text_end;            /* x where its last line ends */
} cfix;

typedef struct flow {
    cx_layout_state L;
    size_t nblocks;
    prep *preps;
    size_t *hpage;              /* per block: page of a placed heading */
    double *hy;                 /* per block: top of a placed heading */
    bool *hplaced;
    bool brk;                   /* start a new page before the next block */
    centry *entries;
    size_t nentries;
    bool entries_ready;
    cfix *fixes;
    size_t nfixes, cap_fixes;
    size_t nprepared;           /* blocks 0..nprepared-1 are measured */
} flow;

/* ---- pages and items --------------------------------------------------- */

void cx_layout_item(cx_layout_state *L, size_t page, const cx_item *it)
{
    if (it->kind == CX_ITEM_TEXT)
        cx_layout_split_text(L, page, it);
    else
        cx_layout_push(L, page, it);
}

void cx_layout_push(cx_layout_state *L, size_t page, const cx_item *it)
{
    if (L->oom || page >= L->res->npages)
        return;
    cx_layout_page *pg = &L->res->pages[page];
    if (pg->nitems == pg->cap) {
        size_t ncap = pg->cap ? pg->cap * 2 : 64;
        cx_item *ni = realloc(pg->items, ncap * sizeof *ni);
        if (!ni) {
            L->oom = true;
            return;
        }
        pg->items = ni;
        pg->cap = ncap;
    }
    pg->items[pg->nitems++] = *it;
}

void cx_layout_new_page(cx_layout_state *L)
{
    cx_layout_result *res = L->res;
    if (L->oom)
        return;
    if (L->opts->max_pages && res->npages >= L->opts->max_pages) {
        /* Stop here rather than lay out a runaway document to the end. */
        L->oom = L->page_limit = true;
        L->limit_file = L->src_file;
        L->limit_line = L->src_line;
        return;
    }
    if (res->npages == res->cap_pages) {
        size_t ncap = res->cap_pages ? res->cap_pages * 2 : 16;
        cx_layout_page *np = realloc(res->pages, ncap * sizeof *np);
        if (!np) {
            L->oom = true;
            return;
        }
        res->pages = np;
        res->cap_pages = ncap;
    }
    res->pages[res->npages++] = (cx_layout_page){ 0 };
    L->page = res->npages - 1;
    L->y = L->top;
    L->fresh = true;
    L->pending = 0;
}

double cx_layout_avail(const cx_layout_state *L)
{
    return L->y - (L->fresh ? 0.0 : L->pending) - L->bottom;
}

void cx_layout_begin_block(cx_layout_state *L)
{
    if (!L->fresh)
        L->y -= L->pending;
    L->pending = 0;
}

double cx_layout_baseline(const cx_layout_state *L, int face, double size, double lh)
{
    double a = cx_font_ascent(L->font, face), d = cx_font_descent(L->font, face);
    return (lh - (a + d) * size) / 2.0 + a * size;
}

static void add_text(cx_layout_state *L, size_t page, const char *s, size_t len, int face,
                     double size, cx_rgba color, double x, double y, double width)
{
    cx_item it = { .kind = CX_ITEM_TEXT };
    it.text = (cx_item_text){ .text = s, .len = len, .face = face, .size = size, .color = color,
                              .x = x, .y = y, .width = width };
    cx_layout_item(L, page, &it);
}

static void add_outline(flow *F, int level, const char *title, size_t page, double y)
{
    cx_layout_result *res = F->L.res;
    if (F->L.oom)
        return;
    if (res->noutline == res->cap_outline) {
        size_t ncap = res->cap_outline ? res->cap_outline * 2 : 16;
        cx_outline_entry *no = realloc(res->outline, ncap * sizeof *no);
        if (!no) {
            F->L.oom = true;
            return;
        }
        res->outline = no;
        res->cap_outline = ncap;
    }
    res->outline[res->noutline++] = (cx_outline_entry){ level, title, page, y };
}

/* ---- preparing blocks -------------------------------------------------- */

static cx_status prepare_list(flow *F, const cx_block *b, prep *p)
{
    cx_layout_state *L = &F->L;
    double size = L->th.body_size;
    p->items = cx_arena_calloc(L->res->arena, b->nitems ? b->nitems : 1, sizeof *p->items);
    p->markers = cx_arena_calloc(L->res->arena, b->nitems ? b->nitems : 1, sizeof *p->markers);
    if (!p->items || !p->markers)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    double widest = 0;
    for (size_t k = 0; k < b->nitems; k++) {
        char *m = b->numbered ? cx_arena_printf(L->res->arena, "%zu.", k + 1)
                              : cx_arena_strdup(L->res->arena, "\xE2\x80\xA2"); /* • */
        if (!m)
            return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
        size_t len = strlen(m);
        double w = cx_font_measure(L->font, 0, size, m, len);
        p->markers[k] = (cx_lrun){ .text = m, .len = len, .width = w };
        widest = w > widest ? w : widest;
    }
    p->indent = b->numbered ? fmax(18.0, widest + 7.0) : 16.0;
    for (size_t k = 0; k < b->nitems; k++) {
        cx_status st = cx_linebreak_rich(L->lb, &b->items[k], 0, size, L->width - p->indent,
                                         &p->items[k], L->diag);
        if (st != CX_OK)
            return st;
    }
    return CX_OK;
}

static cx_status prepare_range(flow *F, size_t from, size_t to)
{
    cx_layout_state *L = &F->L;
    for (size_t i = from; i < to; i++) {
        const cx_block *b = cx_doc_block(L->doc, i);
        prep *p = &F->preps[i];
        cx_status st = CX_OK;
        switch (b->kind) {
        case CX_BLOCK_HEADING:
            st = cx_linebreak_rich(L->lb, &b->text, CX_STYLE_BOLD,
                                   L->th.heading_size[b->level - 1], L->width, &p->text,
                                   L->diag);
            break;
        case CX_BLOCK_PARAGRAPH:
            p->justify = b->align == CX_PAR_JUSTIFY
                         || (b->align == CX_PAR_DEFAULT && cx_doc_get_meta(L->doc)->justify);
            st = (p->justify ? cx_linebreak_words : cx_linebreak_rich)(
                L->lb, &b->text, 0, L->th.body_size, L->width, &p->text, L->diag);
            break;
        case CX_BLOCK_LIST:
            st = prepare_list(F, b, p);
            break;
        case CX_BLOCK_TABLE:
            st = cx_layout_table_prepare(L, b->table, &p->table);
            break;
        case CX_BLOCK_CHART:
            st = cx_layout_chart_prepare(L, i, &p->chart);
            break;
        case CX_BLOCK_IMAGE:
            st = cx_layout_image_prepare(L, i, &p->image);
            break;
        case CX_BLOCK_KEYFIGURES:
        case CX_BLOCK_CALLOUT:
        case CX_BLOCK_QUOTE:
        case CX_BLOCK_NOTES:
            st = cx_layout_block_prepare(L, i, &p->blk);
            break;
        case CX_BLOCK_PAGE_BREAK:
        case CX_BLOCK_CONTENTS:
            break;
        }
        if (st != CX_OK) {
            /* a reference to an unknown label: the block's script line */
            if (st == CX_ESCRIPT && L->diag && !L->diag->file[0] && !L->diag->line) {
                snprintf(L->diag->file, sizeof L->diag->file, "%s",
                         b->src_file ? b->src_file : "");
                L->diag->line = b->src_line;
            }
            return st;
        }
    }
    return CX_OK;
}

/* Blocks are measured just ahead of where they are placed (a heading
 * looks up to MAX_KEEP_CHAIN blocks ahead), so a document that runs past
 * the page limit stops without measuring the rest of it.  The place of
 * the block being laid out (for warnings) survives measuring others. */
static cx_status prepare_upto(flow *F, size_t end)
{
    cx_layout_state *L = &F->L;
    if (end > F->nblocks)
        end = F->nblocks;
    if (F->nprepared >= end)
        return CX_OK;
    const char *file = L->src_file;
    long line = L->src_line;
    cx_status st = prepare_range(F, F->nprepared, end);
    F->nprepared = end;
    L->src_file = file;
    L->src_line = line;
    return st;
}

/* The contents lists headings of levels 1..CONTENTS_LEVELS.  Entries are
 * wrapped short of the right edge, leaving room for a four-digit number
 * and its dot leader. */
static cx_status prepare_contents(flow *F)
{
    cx_layout_state *L = &F->L;
    if (F->entries_ready)
        return CX_OK;
    F->entries_ready = true;
    size_t n = 0;
    for (size_t i = 0; i < F->nblocks; i++) {
        const cx_block *b = cx_doc_block(L->doc, i);
        if (b->kind == CX_BLOCK_HEADING && b->level <= CONTENTS_LEVELS)
            n++;
    }
    F->entries = calloc(n ? n : 1, sizeof *F->entries);
    if (!F->entries)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    double numw = cx_font_measure(L->font, 0, L->th.body_size, "0000", 4);
    for (size_t i = 0; i < F->nblocks; i++) {
        const cx_block *b = cx_doc_block(L->doc, i);
        if (b->kind != CX_BLOCK_HEADING || b->level > CONTENTS_LEVELS)
            continue;
        centry *e = &F->entries[F->nentries];
        e->block = i;
        e->level = b->level;
        e->face = b->level == 1 ? 1 : 0;
        e->size = L->th.body_size;
        e->lh = e->size * L->th.leading;
        e->indent = (b->level - 1) * 16.0;
        e->space_before = (b->level == 1 && F->nentries > 0) ? 6.0 : 0.0;
        cx_status st = cx_linebreak_rich(L->lb, &b->text, (unsigned)e->face, e->size,
                                         L->width - e->indent - numw - 24.0, &e->text, L->diag);
        if (st != CX_OK)
            return st;
        F->nentries++;
    }
    return CX_OK;
}

/* ---- keeping headings with what follows -------------------------------- */

double cx_layout_heading_allowance(const cx_layout_state *L, int level)
{
    if (level < 1 || level > 3)
        level = 1;
    return H_BEFORE[level - 1] + 2.0 * L->th.heading_size[level - 1] * H_LEADING + H_AFTER[level - 1];
}

static double heading_height(const flow *F, size_t i)
{
    const cx_block *b = cx_doc_block(F->L.doc, i);
    double lh = F->L.th.heading_size[b->level - 1] * H_LEADING;
    size_t n = F->preps[i].text.nlines;
    return (double)(n ? n : 1) * lh;
}

/* Lines of a text that must go together at the start of a page: all of a
 * text of three lines or fewer (it cannot split 2 + 2), else two. */
static double text_start(const cx_ltext *t, double lh)
{
    size_t n = t->nlines <= 3 ? t->nlines : 2;
    return (double)n * lh;
}

/* A list's first lines that must go together: its first item's (as for
 * a paragraph) and, when that is a single line, the start of the second,
 * so the list never leaves one line alone at the foot of a page. */
static double list_start(const flow *F, size_t j, double lh)
{
    const cx_block *b = cx_doc_block(F->L.doc, j);
    const prep *p = &F->preps[j];
    double h = fmax(lh, text_start(&p->items[0], lh));
    if (b->nitems > 1 && p->items[0].nlines <= 1)
        h += ITEM_SPACE + fmax(lh, text_start(&p->items[1], lh));
    return h;
}

/* Height that block j needs at the bottom of a page to begin there, after
 * a gap of `gap` (the space a heading leaves below itself).  Follows a
 * chain of headings up to MAX_KEEP_CHAIN deep. */
static double start_height(flow *F, size_t j, double gap, int depth)
{
    cx_layout_state *L = &F->L;
    if (j >= F->nblocks)
        return 0;
    const cx_block *b = cx_doc_block(L->doc, j);
    double body_lh = L->th.body_size * L->th.leading;
    switch (b->kind) {
    case CX_BLOCK_PARAGRAPH:
        return F->preps[j].text.nlines ? gap + text_start(&F->preps[j].text, body_lh) : 0;
    case CX_BLOCK_LIST:
        return b->nitems ? gap + list_start(F, j, body_lh) : 0;
    case CX_BLOCK_TABLE:
        return gap + cx_layout_table_min_start(L, F->preps[j].table);
    case CX_BLOCK_CHART:
        return cx_layout_chart_min_start(F->preps[j].chart, gap);
    case CX_BLOCK_IMAGE:
        return cx_layout_image_min_start(F->preps[j].image, gap);
    case CX_BLOCK_KEYFIGURES:
    case CX_BLOCK_CALLOUT:
    case CX_BLOCK_QUOTE:
    case CX_BLOCK_NOTES:
        return cx_layout_block_min_start(L, F->preps[j].blk, gap);
    case CX_BLOCK_HEADING: {
        gap = fmax(gap, H_BEFORE[b->level - 1]);
        double h = gap + heading_height(F, j);
        if (depth >= MAX_KEEP_CHAIN)
            return h;
        return h + start_height(F, j + 1, H_AFTER[b->level - 1], depth + 1);
    }
    case CX_BLOCK_CONTENTS:
        return fmax(gap, H_BEFORE[0]) + L->th.heading_size[0] * H_LEADING + H_AFTER[0]
               + 2.0 * body_lh;
    case CX_BLOCK_PAGE_BREAK:
        return 0;
    }
    return 0;
}

/* A title line (heading or the contents' title) kept with `keep` more
 * points of what follows.  Returns the top of the title's box; *page is
 * the page of its first line. */
static double place_title(flow *F, const cx_ltext *t, int level, cx_rgba color, double keep,
                          size_t *page)
{
    cx_layout_state *L = &F->L;
    double lh = L->th.heading_size[level - 1] * H_LEADING;
    double h = (double)(t->nlines ? t->nlines : 1) * lh;
    double full = L->top - L->bottom;
    double need = h + keep;
    if (need > full)
        need = h < full ? h : full;
    L->pending = fmax(L->pending, H_BEFORE[level - 1]);
    if (!L->fresh && need > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    cx_layout_begin_block(L);
    double top = L->y;
    *page = L->page;
    for (size_t k = 0; k < t->nlines; k++) {
        if (!L->fresh && L->y - lh < L->bottom - 1e-6)
            cx_layout_new_page(L);  /* only a heading taller than a page */
        cx_layout_draw_line(L, &t->lines[k], L->left, L->y, t->size, lh, color);
        L->y -= lh;
        L->fresh = false;
    }
    if (t->nlines == 0) {
        L->y -= lh;
        L->fresh = false;
    }
    L->pending = H_AFTER[level - 1];
    return top;
}

/* ---- blocks ------------------------------------------------------------ */

static void place_heading(flow *F, size_t i)
{
    cx_layout_state *L = &F->L;
    const cx_block *b = cx_doc_block(L->doc, i);
    int lv = b->level;
    double keep = start_height(F, i + 1, H_AFTER[lv - 1], 1);
    cx_rgba color = lv == 1 ? L->th.accent : L->th.heading;
    size_t page;
    double top = place_title(F, &F->preps[i].text, lv, color, keep, &page);
    F->hpage[i] = page;
    F->hy[i] = top;
    F->hplaced[i] = true;
    add_outline(F, lv, b->text.nspans ? b->text.spans[0].text : "", page, top);
}

/* A list flows as one text: breaks fall between items or inside long
 * ones, never leaving one line of the list (or of an item) alone on
 * either side of a page break. */
static void place_list(flow *F, size_t i)
{
    cx_layout_state *L = &F->L;
    const cx_block *b = cx_doc_block(L->doc, i);
    const prep *p = &F->preps[i];
    double lh = L->th.body_size * L->th.leading;
    size_t total = 0, n = 0;
    for (size_t k = 0; k < b->nitems; k++)
        total += p->items[k].nlines ? p->items[k].nlines : 1;
    cx_fline *lines = malloc((total ? total : 1) * sizeof *lines);
    if (!lines) {
        L->oom = true;
        return;
    }
    for (size_t k = 0; k < b->nitems; k++) {
        const cx_lrun *m = &p->markers[k];
        double mx = b->numbered ? L->left + p->indent - 7.0 - m->width : L->left + 4.0;
        cx_layout_item_lines(lines, &n, &p->items[k], L->left + p->indent, L->th.text, m, mx,
                             b->numbered ? L->th.text : L->th.accent, k ? ITEM_SPACE : 0);
    }
    cx_layout_flow(L, lines, n, lh, false, NULL, NULL, NULL);
    free(lines);
    L->pending = fmax(L->pending, L->th.paragraph_space);
}

static void add_fix(flow *F, cfix fx)
{
    if (F->nfixes == F->cap_fixes) {
        size_t ncap = F->cap_fixes ? F->cap_fixes * 2 : 16;
        cfix *nf = realloc(F->fixes, ncap * sizeof *nf);
        if (!nf) {
            F->L.oom = true;
            return;
        }
        F->fixes = nf;
        F->cap_fixes = ncap;
    }
    F->fixes[F->nfixes++] = fx;
}

static cx_status place_contents(flow *F)
{
    cx_layout_state *L = &F->L;
    cx_status st = prepare_contents(F);
    if (st != CX_OK)
        return st;
    cx_ltext title;
    st = cx_linebreak_plain(L->lb, "Contents", 1, L->th.heading_size[0], L->width, &title,
                            L->diag);
    if (st != CX_OK)
        return st;
    double keep = H_AFTER[0];
    for (size_t e = 0; e < F->nentries && e < 2; e++)
        keep += text_start(&F->entries[e].text, F->entries[e].lh) + F->entries[e].space_before;
    size_t title_page_ix;
    place_title(F, &title, 1, L->th.accent, keep, &title_page_ix);
    for (size_t e = 0; e < F->nentries; e++) {
        const centry *ce = &F->entries[e];
        L->pending = fmax(L->pending, ce->space_before);
        double x = L->left + ce->indent;
        cx_ltext t = ce->text;
        static const cx_lline empty_line = { .runs = NULL };
        if (t.nlines == 0) {
            t.lines = (cx_lline *)&empty_line;
            t.nlines = 1;
        }
        /* Entries are short: one that does not fit whole (up to three
         * lines) moves to the next page. */
        cx_fseg part;
        cx_layout_flow_text(L, &t, x, ce->lh, L->th.text, 0, NULL, 0, 0, NULL, &part);
        double top = part.top;
        const cx_lline *last = &t.lines[t.nlines - 1];
        double baseline = L->y + ce->lh - cx_layout_baseline(L, ce->face, ce->size, ce->lh);
        add_fix(F, (cfix){ e, L->page, top, L->y, baseline, x + last->width });
    }
    L->pending = fmax(L->pending, L->th.paragraph_space);
    return CX_OK;
}

/* Page numbers, dot leaders and links of the contents, now that every
 * heading has its page. */
static void fill_contents(flow *F)
{
    cx_layout_state *L = &F->L;
    for (size_t k = 0; k < F->nfixes; k++) {
        const cfix *fx = &F->fixes[k];
        const centry *ce = &F->entries[fx->entry];
        if (!F->hplaced[ce->block])
            continue;
        size_t target = F->hpage[ce->block];
        char *num = cx_arena_printf(L->res->arena, "%zu", target + 1);
        if (!num) {
            L->oom = true;
            return;
        }
        size_t len = strlen(num);
        double w = cx_font_measure(L->font, ce->face, ce->size, num, len);
        double nx = L->right - w;
        add_text(L, fx->page, num, len, ce->face, ce->size, L->th.text, nx, fx->baseline, w);
        /* Dots on a grid anchored at the left margin, so the leaders of
         * all entries line up in columns. */
        double x0 = L->left + ceil((fx->text_end + 6.0 - L->left) / LEADER_PITCH) * LEADER_PITCH;
        double x1 = L->left + floor((nx - 5.0 - L->left) / LEADER_PITCH) * LEADER_PITCH;
        if (x1 - x0 >= LEADER_PITCH) {
            cx_item it = { .kind = CX_ITEM_LINE };
            it.line = (cx_item_line){ x0, fx->baseline + 0.5, x1, fx->baseline + 0.5,
                                      L->th.muted, 1.0, { 1.0, LEADER_PITCH - 1.0 }, false };
            cx_layout_item(L, fx->page, &it);
        }
        cx_item ln = { .kind = CX_ITEM_LINK };
        double lx = L->left + ce->indent;
        ln.link = (cx_item_link){ .x = lx, .y = fx->bottom, .w = L->right - lx,
                                  .h = fx->top - fx->bottom, .target_page = target,
                                  .target_y = F->hy[ce->block] };
        cx_layout_item(L, fx->page, &ln);
    }
}

/* ---- the driver -------------------------------------------------------- */

static cx_status place_all(flow *F)
{
    cx_layout_state *L = &F->L;
    for (size_t i = 0; i < F->nblocks && !L->oom; i++) {
        const cx_block *b = cx_doc_block(L->doc, i);
        cx_status pst = prepare_upto(F, i + MAX_KEEP_CHAIN + 1);
        if (pst != CX_OK)
            return pst;
        L->src_file = b->src_file;
        L->src_line = b->src_line;
        L->block = i;
        if (b->kind == CX_BLOCK_PAGE_BREAK) {
            F->brk = true;
            continue;
        }
        if (F->brk) {
            if (!L->fresh || L->page == 0)
                cx_layout_new_page(L);
            F->brk = false;
        }
        switch (b->kind) {
        case CX_BLOCK_HEADING:
            place_heading(F, i);
            break;
        case CX_BLOCK_PARAGRAPH:
            if (F->preps[i].text.nlines == 0)
                break;
            cx_layout_flow_text(L, &F->preps[i].text, L->left, L->th.body_size * L->th.leading,
                                L->th.text, F->preps[i].justify ? L->width : 0, NULL, 0, 0,
                                NULL, NULL);
            L->pending = fmax(L->pending, L->th.paragraph_space);
            break;
        case CX_BLOCK_LIST:
            place_list(F, i);
            break;
        case CX_BLOCK_TABLE:
            cx_layout_table_place(L, F->preps[i].table);
            break;
        case CX_BLOCK_CHART:
            cx_layout_chart_place(L, F->preps[i].chart);
            break;
        case CX_BLOCK_IMAGE:
            cx_layout_image_place(L, F->preps[i].image);
            break;
        case CX_BLOCK_KEYFIGURES:
        case CX_BLOCK_CALLOUT:
        case CX_BLOCK_QUOTE:
        case CX_BLOCK_NOTES:
            cx_layout_block_place(L, F->preps[i].blk);
            break;
        case CX_BLOCK_CONTENTS: {
            cx_status st = place_contents(F);
            if (st != CX_OK)
                return st;
            break;
        }
        case CX_BLOCK_PAGE_BREAK:
            break;
        }
    }
    return CX_OK;
}

static cx_status check_opts(const cx_render_opts *o, cx_diag *diag)
{
    double w = o->page_width - o->margin_left - o->margin_right;
    double h = o->page_height - o->margin_top - o->margin_bottom;
    if (!(o->page_width > 0 && o->page_height > 0 && o->page_width <= 14400
          && o->page_height <= 14400 && o->margin_left >= 0 && o->margin_right >= 0
          && o->margin_top >= 0 && o->margin_bottom >= 0))
        return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0,
                           "page size %.1f x %.1f pt or its margins are out of range",
                           o->page_width, o->page_height);
    if (!(w >= 72.0 && h >= 144.0))
        return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0,
                           "the margins leave no room on a %.1f x %.1f pt page "
                           "(need at least 72 x 144 pt of text area)",
                           o->page_width, o->page_height);
    return CX_OK;
}

static cx_status check_theme(const cx_theme *t, cx_diag *diag)
{
    double sizes[] = { t->body_size, t->heading_size[0], t->heading_size[1],
                       t->heading_size[2], t->table_size, t->title_size,
                       t->subtitle_size, t->byline_size, t->footer_size };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (!(sizes[i] >= 4.0 && sizes[i] <= 72.0))
            return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0,
                               "theme font size %.1f pt is out of range (4..72)", sizes[i]);
    if (!(t->leading >= 1.0 && t->leading <= 3.0) || !(t->paragraph_space >= 0.0
                                                        && t->paragraph_space <= 72.0))
        return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0, "theme spacing is out of range");
    return CX_OK;
}

cx_status cx_layout_themed(const cx_doc *doc, const cx_render_opts *opts,
                           const cx_theme *theme, cx_layout_result **out, cx_diag *diag)
{
    *out = NULL;
    cx_status st = check_opts(opts, diag);
    if (st == CX_OK)
        st = check_theme(theme, diag);
    if (st != CX_OK)
        return st;
    flow F = { 0 };
    cx_layout_state *L = &F.L;
    L->doc = doc;
    L->opts = opts;
    L->th = *theme;
    L->diag = diag;
    L->left = opts->margin_left;
    L->right = opts->page_width - opts->margin_right;
    L->top = opts->page_height - opts->margin_top;
    L->bottom = opts->margin_bottom;
    L->width = L->right - L->left;
    F.nblocks = cx_doc_block_count(doc);

    L->res = calloc(1, sizeof *L->res);
    if (!L->res || !(L->res->arena = cx_arena_new())) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
        goto done;
    }
    L->res->page_width = opts->page_width;
    L->res->page_height = opts->page_height;
    if ((st = cx_font_open(&opts->fonts, &L->font, diag)) != CX_OK)
        goto done;
    size_t nb = F.nblocks ? F.nblocks : 1;
    L->lb = cx_linebreak_new(L->font, L->res->arena);
    F.preps = calloc(nb, sizeof *F.preps);
    F.hpage = calloc(nb, sizeof *F.hpage);
    F.hy = calloc(nb, sizeof *F.hy);
    F.hplaced = calloc(nb, sizeof *F.hplaced);
    if (!L->lb || !F.preps || !F.hpage || !F.hy || !F.hplaced) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
        goto done;
    }
    if ((st = cx_layout_text_begin(L)) != CX_OK)
        goto done;
    L->src_file = NULL;                 /* the cover comes from the metadata */
    L->src_line = 0;
    if ((st = cx_layout_cover(L)) != CX_OK)
        goto done;
    F.brk = true;                       /* the body starts on a page of its own */
    if ((st = place_all(&F)) != CX_OK)
        goto done;
    fill_contents(&F);
    cx_layout_text_end(L);
    L->src_file = NULL;
    L->src_line = 0;
    cx_layout_furniture(L);
    if (L->page_limit) {
        st = cx_diag_set(diag, CX_ESCRIPT, L->limit_file, L->limit_line, 0,
                         "the report needs more than %zu page%s (raise the limit with "
                         "--max-pages)", opts->max_pages, opts->max_pages == 1 ? "" : "s");
        goto done;
    }
    if (L->oom) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
        goto done;
    }
    *out = L->res;
    L->res = NULL;
done:
    cx_layout_free(L->res);
    cx_linebreak_free(L->lb);
    cx_font_free(L->font);
    free(F.preps);
    free(F.hpage);
    free(F.hy);
    free(F.hplaced);
    free(F.entries);
    free(F.fixes);
    free(L->warned);
    cx_layout_text_free(L);
    return st;
}

cx_status cx_layout(const cx_doc *doc, const cx_render_opts *opts, cx_layout_result **out,
                    cx_diag *diag)
{
    cx_theme th;
    cx_theme_default(&th);
    return cx_layout_themed(doc, opts, &th, out, diag);
}

void cx_layout_free(cx_layout_result *lr)
{
    if (!lr)
        return;
    for (size_t p = 0; p < lr->npages; p++)
        free(lr->pages[p].items);
    free(lr->pages);
    for (size_t c = 0; c < lr->ncharts; c++)
        cx_dl_free(lr->charts[c].dl);
    free(lr->charts);
    free(lr->outline);
    cx_diag_list_free(&lr->warnings);
    cx_arena_free(lr->arena);
    free(lr);
}

size_t cx_layout_page_count(const cx_layout_result *lr)
{
    return lr ? lr->npages : 0;
}
