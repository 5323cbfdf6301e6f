/*
 * layout_image.c — image blocks: a picture from the script's or the
 * brand's folder, with an optional numbered caption under it.
 *
 * The picture keeps its proportions: as wide as the script asked, else
 * its natural width (96 pixels per inch), never wider than the text
 * column, never taller than a page with its caption.  Like a chart, it
 * never parts from its caption: when both do not fit the rest of a page
 * they move to the next.
 *
 * Never reads pixels (the PDF writer embeds the file); a file that is
 * missing or not a PNG or JPEG is an error at the script line that added
 * the block.
 */
#include "layout_internal.h"

#include <math.h>

struct cx_pimage {
    const char *path;
    double w, h;
    cx_ltext caption;
    double caption_lh;
};

cx_status cx_layout_image_prepare(cx_layout_state *L, size_t block, cx_pimage **out)
{
    const cx_block *b = cx_doc_block(L->doc, block);
    const cx_doc_image *im = b->image;
    cx_pimage *pi = cx_arena_calloc(L->res->arena, 1, sizeof *pi);
    if (!pi)
        return cx_diag_set(L->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory in layout");
    pi->path = im->path;
    L->src_file = b->src_file;
    L->src_line = b->src_line;
    cx_status st = cx_layout_image_size(L, im->path, im->width, &pi->w, &pi->h);
    if (st == CX_OK)
        st = cx_layout_figure_caption(L, im->number, &im->caption, &pi->caption,
                                      &pi->caption_lh);
    if (st != CX_OK)
        return st;
    double room = L->top - L->bottom - cx_layout_figure_height(0, &pi->caption, pi->caption_lh);
    double scale = fmin(1.0, fmin(L->width / pi->w, room / pi->h));
    pi->w *= scale;
    pi->h *= scale;
    *out = pi;
    return CX_OK;
}

double cx_layout_image_min_start(const cx_pimage *pi, double gap)
{
    return cx_layout_figure_min_start(cx_layout_figure_height(pi->h, &pi->caption,
                                                              pi->caption_lh), gap);
}

void cx_layout_image_place(cx_layout_state *L, const cx_pimage *pi)
{
    cx_item it = { .kind = CX_ITEM_IMAGE };
    it.image = (cx_item_image){ pi->path, 0, 0, pi->w, pi->h };
    cx_layout_place_figure(L, &it, pi->h, &pi->caption, pi->caption_lh);
}
