/*
 * pdf_chart.c — a chart's display list drawn as PDF vector graphics and
 * real text with libharu.  With pdf.c, the only file that includes hpdf.h.
 *
 * The list is in points with y down from the chart's top-left; the page
 * has y up, so every point is flipped here (not with a matrix: a flipped
 * matrix would mirror the text).  libharu silently drops a path whose
 * colour, width or dash changes after it began, so all state is set before
 * the first MoveTo; state already in force is not re-emitted, which keeps
 * the content stream small.  Text runs are placed with the widths the
 * chart stage measured, so anchors match the Cairo renderer.
 *
 * Never allocates (ExtGStates belong to the document) and never calls back
 * into the chart stage.
 */
#include "pdf_chart.h"

#include <math.h>
#include <stdbool.h>

typedef struct gs_cache { unsigned char fa, sa; HPDF_ExtGState gs; } gs_cache;

typedef struct pdf_state {
    HPDF_Doc pdf;
    HPDF_Page page;
    double x0, ytop;
    bool valid;             /* false after a restore: re-emit everything */
    cx_rgba fill, stroke;   /* rgb part in force */
    double width, dash0, dash1;
    unsigned char fa, sa;   /* alpha in force */
    HPDF_Font font;
    double size;
    bool in_text;
    gs_cache gs[16];
    int ngs;
    unsigned char alpha_stack[32][2];   /* alpha in force at each clip push */
} pdf_state;

static HPDF_REAL ch(cx_rgba c, int shift) { return (HPDF_REAL)((c >> shift) & 0xFF) / 255.0f; }

static void end_text(pdf_state *s)
{
    if (s->in_text) {
        HPDF_Page_EndText(s->page);
        s->in_text = false;
    }
}

/* Alpha through an ExtGState, one per (fill, stroke) alpha pair. */
static void set_alpha(pdf_state *s, unsigned char fa, unsigned char sa)
{
    if (s->fa == fa && s->sa == sa)
        return;
    if (!s->pdf) {
        s->fa = fa;
        s->sa = sa;
        return;
    }
    HPDF_ExtGState g = NULL;
    for (int i = 0; i < s->ngs; i++)
        if (s->gs[i].fa == fa && s->gs[i].sa == sa)
            g = s->gs[i].gs;
    if (!g) {
        g = HPDF_CreateExtGState(s->pdf);
        if (!g)
            return;
        HPDF_ExtGState_SetAlphaFill(g, fa / 255.0f);
        HPDF_ExtGState_SetAlphaStroke(g, sa / 255.0f);
        if (s->ngs < 16)
            s->gs[s->ngs++] = (gs_cache){ fa, sa, g };
    }
    end_text(s);
    HPDF_Page_SetExtGState(s->page, g);
    s->fa = fa;
    s->sa = sa;
}

static void set_fill(pdf_state *s, cx_rgba c)
{
    if (s->valid && (s->fill | 0xFF) == (c | 0xFF))
        return;
    HPDF_Page_SetRGBFill(s->page, ch(c, 24), ch(c, 16), ch(c, 8));
    s->fill = c | 0xFF;
}

static void set_stroke(pdf_state *s, const cx_dl_path *p)
{
    if (!s->valid || (s->stroke | 0xFF) != (p->stroke | 0xFF)) {
        HPDF_Page_SetRGBStroke(s->page, ch(p->stroke, 24), ch(p->stroke, 16), ch(p->stroke, 8));
        s->stroke = p->stroke | 0xFF;
    }
    if (!s->valid || s->width != p->width) {
        HPDF_Page_SetLineWidth(s->page, (HPDF_REAL)p->width);
        s->width = p->width;
    }
    /* libharu 2.3 takes whole-point dashes; the raster renderer rounds
     * the same way. */
    double d0 = p->dash[0] > 0 && p->dash[1] > 0 ? round(p->dash[0]) : 0;
    double d1 = d0 > 0 ? round(p->dash[1]) : 0;
    if (!s->valid || s->dash0 != d0 || s->dash1 != d1) {
        if (d0 > 0 && d1 > 0) {
            HPDF_UINT16 pat[2] = { (HPDF_UINT16)d0, (HPDF_UINT16)d1 };
            HPDF_Page_SetDash(s->page, pat, 2, 0);
        } else {
            HPDF_Page_SetDash(s->page, NULL, 0, 0);
        }
        s->dash0 = d0;
        s->dash1 = d1;
    }
}

static void draw_path(pdf_state *s, const cx_dl *dl, const cx_dl_path *p)
{
    bool fill = (p->fill & 0xFF) != 0, stroke = (p->stroke & 0xFF) != 0;
    end_text(s);
    set_alpha(s, fill ? (unsigned char)(p->fill & 0xFF) : 255,
              stroke ? (unsigned char)(p->stroke & 0xFF) : 255);
    if (fill)
        set_fill(s, p->fill);
    if (stroke)
        set_stroke(s, p);
    s->valid = true;
    const cx_dl_point *pt = dl->pts + p->pt0;
    HPDF_Page page = s->page;
    double X = s->x0, Y = s->ytop;
    for (uint32_t i = 0; i < p->nops; i++) {
        switch ((cx_dl_op)dl->ops[p->op0 + i]) {
        case CX_OP_MOVE:
            HPDF_Page_MoveTo(page, (HPDF_REAL)(X + pt[0].x), (HPDF_REAL)(Y - pt[0].y));
            pt++;
            break;
        case CX_OP_LINE:
            HPDF_Page_LineTo(page, (HPDF_REAL)(X + pt[0].x), (HPDF_REAL)(Y - pt[0].y));
            pt++;
            break;
        case CX_OP_CURVE:
            HPDF_Page_CurveTo(page, (HPDF_REAL)(X + pt[0].x), (HPDF_REAL)(Y - pt[0].y),
                              (HPDF_REAL)(X + pt[1].x), (HPDF_REAL)(Y - pt[1].y),
                              (HPDF_REAL)(X + pt[2].x), (HPDF_REAL)(Y - pt[2].y));
            pt += 3;
            break;
        case CX_OP_CLOSE:
            HPDF_Page_ClosePath(page);
            break;
        }
    }
    if (fill && stroke)
        p->even_odd ? HPDF_Page_EofillStroke(page) : HPDF_Page_FillStroke(page);
    else if (fill)
        p->even_odd ? HPDF_Page_Eofill(page) : HPDF_Page_Fill(page);
    else
        HPDF_Page_Stroke(page);
}

static void draw_text(pdf_state *s, const cx_dl *dl, const cx_dl_item *it,
                      HPDF_Font *fonts)
{
    const cx_dl_text *t = &it->text;
    /* The caller embeds only the faces its pages use; any face will do
     * for one that is missing. */
    HPDF_Font font = t->face >= 0 && t->face < CX_MAX_FACES ? fonts[t->face] : NULL;
    for (int i = 0; i < 4 && !font; i++)
        font = fonts[i];
    if (!font)
        return;
    set_alpha(s, (unsigned char)(t->color & 0xFF), s->sa);
    if (!s->in_text) {
        HPDF_Page_BeginText(s->page);
        s->in_text = true;
    }
    set_fill(s, t->color);
    s->valid = true;
    if (s->font != font || s->size != t->size) {
        HPDF_Page_SetFontAndSize(s->page, font, (HPDF_REAL)t->size);
        s->font = font;
        s->size = t->size;
    }
    double shift = t->anchor == CX_ANCHOR_CENTER ? t->width / 2
                   : t->anchor == CX_ANCHOR_RIGHT ? t->width : 0;
    double px = s->x0 + t->x, py = s->ytop - t->y;
    if (t->rotation == 90)
        HPDF_Page_SetTextMatrix(s->page, 0, 1, -1, 0, (HPDF_REAL)px, (HPDF_REAL)(py - shift));
    else
        HPDF_Page_SetTextMatrix(s->page, 1, 0, 0, 1, (HPDF_REAL)(px - shift), (HPDF_REAL)py);
    HPDF_Page_ShowText(s->page, cx_dl_text_of(dl, it));
}

void cx_pdf_draw_dl(HPDF_Doc pdf, HPDF_Page page, HPDF_Font *fonts,
                    const cx_dl *dl, double x, double y_top)
{
    if (!page || !fonts || !dl)
        return;
    pdf_state s = { .pdf = pdf, .page = page, .x0 = x, .ytop = y_top, .fa = 255, .sa = 255 };
    int depth = 0;
    HPDF_Page_GSave(page);
    /* Known starting state: the page's may be anything. */
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);
    HPDF_Page_SetMiterLimit(page, 10);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        switch (it->kind) {
        case CX_DL_PATH:
            draw_path(&s, dl, &it->path);
            break;
        case CX_DL_TEXT:
            draw_text(&s, dl, it, fonts);
            break;
        case CX_DL_CLIP_PUSH:
            end_text(&s);
            if (depth < 32) {
                s.alpha_stack[depth][0] = s.fa;
                s.alpha_stack[depth][1] = s.sa;
            }
            HPDF_Page_GSave(page);
            HPDF_Page_Rectangle(page, (HPDF_REAL)(x + it->clip.x),
                                (HPDF_REAL)(y_top - it->clip.y - it->clip.h),
                                (HPDF_REAL)it->clip.w, (HPDF_REAL)it->clip.h);
            HPDF_Page_Clip(page);
            HPDF_Page_EndPath(page);
            depth++;
            break;
        case CX_DL_CLIP_POP:
            if (depth > 0) {
                end_text(&s);
                HPDF_Page_GRestore(page);
                depth--;
                /* The restore brought back older colours, font, alpha. */
                s.valid = false;
                s.font = NULL;
                if (depth < 32) {
                    s.fa = s.alpha_stack[depth][0];
                    s.sa = s.alpha_stack[depth][1];
                }
            }
            break;
        }
    }
    end_text(&s);
    while (depth-- > 0)
        HPDF_Page_GRestore(page);
    HPDF_Page_GRestore(page);
}
