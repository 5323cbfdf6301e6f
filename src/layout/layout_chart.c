/*
 * layout_chart.c — chart blocks: the display list, its caption, and the
 * rule that the two stay together on one page.
 *
 * The chart stage builds the list here, once, measuring its text with the
 * layout's fonts (the ones the PDF embeds and the chart exports draw
 * with), as wide as the text column unless the spec says otherwise.  The
 * result owns every list (res->charts, in document order), so the PDF
 * draws the same list a chart export writes.  A chart never splits: when
 * it and its caption do not fit the rest of a page, both move to the
 * next.  A captioned chart is a numbered figure, "Figure N: caption",
 * under the chart.
 *
 * Never draws and never sees a renderer; the only new item is CX_ITEM_DL.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double SPACE_BEFORE = 10.0;    /* above the chart */
static const double CAPTION_GAP = 6.0;      /* chart to caption */
static const double SPACE_AFTER = 14.0;     /* below the caption */
static const double CAPTION_LEADING = 1.35;

struct cx_pchart {
    size_t index;               /* in res->charts */
    const cx_dl *dl;
    cx_ltext caption;           /* no lines = no caption */
    double caption_lh;
};

static cx_status oom(cx_layout_state *L)
{
    return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
}

/* Hands dl to the result, which frees it with the rest. */
static cx_status adopt(cx_layout_state *L, cx_dl *dl, size_t block, size_t *index)
{
    cx_layout_result *res = L->res;
    if (res->ncharts == res->cap_charts) {
        size_t ncap = res->cap_charts ? res->cap_charts * 2 : 8;
        cx_layout_chart *nc = realloc(res->charts, ncap * sizeof *nc);
        if (!nc) {
            cx_dl_free(dl);
            return oom(L);
        }
        res->charts = nc;
        res->cap_charts = ncap;
    }
    *index = res->ncharts;
    res->charts[res->ncharts++] = (cx_layout_chart){ dl, block, 0 };
    return CX_OK;
}

/* "Figure N: " in bold before the caption's own spans. */
static cx_status break_caption(cx_layout_state *L, const cx_doc_chart *c, cx_pchart *pc)
{
    double size = L->th.body_size - 1.0;
    pc->caption_lh = size * CAPTION_LEADING;
    pc->caption = (cx_ltext){ NULL, 0, size };
    if (c->caption.nspans == 0)
        return CX_OK;
    cx_arena *a = L->res->arena;
    cx_rich r = { c->caption.nspans + 1, cx_arena_calloc(a, c->caption.nspans + 1,
                                                         sizeof *r.spans) };
    char *prefix = cx_arena_printf(a, "Figure %d: ", c->number);
    if (!r.spans || !prefix)
        return oom(L);
    r.spans[0] = (cx_span){ prefix, strlen(prefix), CX_STYLE_BOLD };
    for (size_t k = 0; k < c->caption.nspans; k++)
        r.spans[k + 1] = c->caption.spans[k];
    return cx_linebreak_rich(L->lb, &r, 0, size, L->width, &pc->caption, L->diag);
}

static double caption_height(const cx_pchart *pc)
{
    return pc->caption.nlines ? CAPTION_GAP + (double)pc->caption.nlines * pc->caption_lh : 0;
}

cx_status cx_layout_chart_prepare(cx_layout_state *L, size_t block, cx_pchart **out)
{
    const cx_block *b = cx_doc_block(L->doc, block);
    const cx_doc_chart *c = b->chart;
    cx_pchart *pc = cx_arena_calloc(L->res->arena, 1, sizeof *pc);
    if (!pc)
        return oom(L);
    cx_status st = break_caption(L, c, pc);
    if (st != CX_OK)
        return st;
    double page_h = L->top - L->bottom;
    double room = page_h - caption_height(pc);
    if (c->spec.width > L->width + 1e-6)
        return cx_diag_set(L->diag, CX_ESCRIPT, b->src_file, b->src_line, 0,
                           "chart: width %.1f pt is wider than the text column (%.1f pt)",
                           c->spec.width, L->width);
    if (c->spec.height > room + 1e-6)
        return cx_diag_set(L->diag, CX_ESCRIPT, b->src_file, b->src_line, 0,
                           "chart: height %.1f pt does not fit on a page (at most %.1f pt "
                           "with its caption)", c->spec.height, room);

    cx_chart_env env;
    cx_chart_env_default(&env);
    env.measure = cx_font_measure;
    env.measure_ctx = L->font;
    env.ascent = cx_font_ascent(L->font, CX_FACE_REGULAR);
    env.descent = cx_font_descent(L->font, CX_FACE_REGULAR);
    env.column_width = L->width;
    env.max_height = fmin(env.max_height, room);
    env.text = L->th.text;
    env.muted = L->th.muted;
    cx_dl *dl = NULL;
    if ((st = cx_chart_build(&c->spec, &env, &dl, L->diag)) != CX_OK) {
        /* the chart stage does not know where the chart came from */
        snprintf(L->diag->file, sizeof L->diag->file, "%s", b->src_file ? b->src_file : "");
        L->diag->line = b->src_line;
        return st;
    }
    if ((st = adopt(L, dl, block, &pc->index)) != CX_OK)
        return st;
    pc->dl = dl;
    *out = pc;
    return CX_OK;
}

double cx_layout_chart_height(const cx_pchart *pc)
{
    return pc->dl->height + caption_height(pc);
}

double cx_layout_chart_min_start(const cx_pchart *pc, double gap)
{
    return fmax(gap, SPACE_BEFORE) + cx_layout_chart_height(pc);
}

void cx_layout_chart_place(cx_layout_state *L, const cx_pchart *pc)
{
    L->pending = fmax(L->pending, SPACE_BEFORE);
    if (!L->fresh && cx_layout_chart_height(pc) > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    cx_layout_begin_block(L);
    cx_item it = { .kind = CX_ITEM_DL };
    it.dl = (cx_item_dl){ pc->dl, L->left, L->y };
    cx_layout_item(L, L->page, &it);
    L->res->charts[pc->index].page = L->page;
    L->y -= pc->dl->height;
    if (pc->caption.nlines)
        L->y -= CAPTION_GAP;
    for (size_t k = 0; k < pc->caption.nlines; k++) {
        cx_layout_draw_line(L, &pc->caption.lines[k], L->left, L->y, pc->caption.size,
                            pc->caption_lh, L->th.text);
        L->y -= pc->caption_lh;
    }
    L->fresh = false;
    L->pending = fmax(L->pending, SPACE_AFTER);
}
