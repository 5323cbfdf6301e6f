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
cx_status cx_layout_figure_caption(cx_layout_state *L, int number, const cx_rich *caption,
                                   cx_ltext *out, double *lh)
{
    double size = L->th.body_size - 1.0;
    *lh = size * CAPTION_LEADING;
    *out = (cx_ltext){ NULL, 0, size };
    if (caption->nspans == 0)
        return CX_OK;
    cx_arena *a = L->res->arena;
    cx_rich r = { caption->nspans + 1, cx_arena_calloc(a, caption->nspans + 1,
                                                       sizeof *r.spans) };
    char *prefix = cx_arena_printf(a, "Figure %d: ", number);
    if (!r.spans || !prefix)
        return oom(L);
    r.spans[0] = (cx_span){ .text = prefix, .len = strlen(prefix), .style = CX_STYLE_BOLD };
    for (size_t k = 0; k < caption->nspans; k++)
        r.spans[k + 1] = caption->spans[k];
    return cx_linebreak_rich(L->lb, &r, 0, size, L->width, out, L->diag);
}

static cx_status break_caption(cx_layout_state *L, const cx_doc_chart *c, cx_pchart *pc)
{
    return cx_layout_figure_caption(L, c->number, &c->caption, &pc->caption, &pc->caption_lh);
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
    double room = page_h - (cx_layout_figure_height(0, &pc->caption, pc->caption_lh));
    /* A chart right under a heading, or under a heading and a short
     * introduction, shares its page with them: a ranking sized to the
     * whole page would otherwise leave the heading (and its paragraph)
     * alone on a nearly empty page. */
    const cx_block *prev = block > 0 ? cx_doc_block(L->doc, block - 1) : NULL;
    const cx_block *prev2 = block > 1 ? cx_doc_block(L->doc, block - 2) : NULL;
    double auto_room = room;
    if (prev && prev->kind == CX_BLOCK_HEADING)
        auto_room -= cx_layout_heading_allowance(L, prev->level);
    else if (prev && prev->kind == CX_BLOCK_PARAGRAPH && prev2 && prev2->kind == CX_BLOCK_HEADING)
        auto_room -= cx_layout_heading_allowance(L, prev2->level)
                     + 4.0 * L->th.body_size * L->th.leading + 12.0;
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
    env.max_height = fmin(env.max_height, auto_room);
    env.text = L->th.text;
    env.muted = L->th.muted;
    cx_chart_spec spec = c->spec;
    if (!spec.palette && L->th.palette && L->th.npalette > 0) {
        spec.palette = L->th.palette;
        spec.npalette = L->th.npalette;
    }
    cx_dl *dl = NULL;
    if ((st = cx_chart_build(&spec, &env, &dl, L->diag)) != CX_OK) {
        /* the chart stage does not know where the chart came from */
        snprintf(L->diag->file, sizeof L->diag->file, "%s", b->src_file ? b->src_file : "");
        L->diag->line = b->src_line;
        return st;
    }
    L->src_file = b->src_file;
    L->src_line = b->src_line;
    cx_layout_split_dl(L, dl);
    if ((st = adopt(L, dl, block, &pc->index)) != CX_OK)
        return st;
    pc->dl = dl;
    *out = pc;
    return CX_OK;
}

double cx_layout_chart_height(const cx_pchart *pc)
{
    return cx_layout_figure_height(pc->dl->height, &pc->caption, pc->caption_lh);
}

double cx_layout_chart_min_start(const cx_pchart *pc, double gap)
{
    return cx_layout_figure_min_start(cx_layout_chart_height(pc), gap);
}

double cx_layout_figure_height(double h, const cx_ltext *caption, double caption_lh)
{
    return h + (caption->nlines ? CAPTION_GAP + (double)caption->nlines * caption_lh : 0);
}

double cx_layout_figure_min_start(double height, double gap)
{
    return fmax(gap, SPACE_BEFORE) + height;
}

void cx_layout_place_figure(cx_layout_state *L, cx_item *it, double h, const cx_ltext *caption,
                            double caption_lh)
{
    L->pending = fmax(L->pending, SPACE_BEFORE);
    if (!L->fresh && cx_layout_figure_height(h, caption, caption_lh) > cx_layout_avail(L) + 1e-6)
        cx_layout_new_page(L);
    cx_layout_begin_block(L);
    cx_layout_mark_block(L, L->block, L->page, L->y);
    if (it->kind == CX_ITEM_DL) {
        it->dl.x = L->left;
        it->dl.y_top = L->y;
    } else if (it->kind == CX_ITEM_IMAGE) {
        it->image.x = L->left;
        it->image.y = L->y - h;
    }
    cx_layout_item(L, L->page, it);
    L->y -= h;
    if (caption->nlines)
        L->y -= CAPTION_GAP;
    for (size_t k = 0; k < caption->nlines; k++) {
        cx_layout_draw_line(L, &caption->lines[k], L->left, L->y, caption->size, caption_lh,
                            L->th.text);
        L->y -= caption_lh;
    }
    L->fresh = false;
    L->pending = fmax(L->pending, SPACE_AFTER);
}

void cx_layout_chart_place(cx_layout_state *L, const cx_pchart *pc)
{
    cx_item it = { .kind = CX_ITEM_DL };
    it.dl = (cx_item_dl){ pc->dl, 0, 0 };
    cx_layout_place_figure(L, &it, pc->dl->height, &pc->caption, pc->caption_lh);
    L->res->charts[pc->index].page = L->page;
}
