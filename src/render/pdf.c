/*
 * pdf.c — laid-out pages to PDF bytes with libharu; the only file that
 * includes hpdf.h.
 *
 * Draws exactly what layout decided (text runs, translucent or turned for
 * a watermark, rules, fills, links, PNG and JPEG pictures, each loaded
 * once, and charts' display lists through pdf_chart.c) and adds what only
 * a PDF has: embedded TrueType faces with UTF-8 text (each a subset of
 * the characters drawn, pdf_fonts.c), the outline (bookmarks), link
 * annotations, document information.  The
 * output is deterministic: no /ID, no clock; the dates come from
 * opts->date_epoch and the Producer is ours, not libharu's version.
 *
 * libharu reports errors through a callback; ours longjmps to the single
 * recovery point in cx_pdf_render, which frees the document (HPDF_Free
 * releases everything libharu allocated) and the one buffer we own.
 * Nothing between setjmp and a possible longjmp allocates memory of ours
 * except that buffer, which is volatile and freed there.
 *
 * Never measures text and never moves anything: if something looks
 * misplaced, the fault is in layout.
 */
#include "cxreport/image.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"
#include "pdf_chart.h"
#include "pdf_fonts.h"

#include <errno.h>
#include <cairo.h>
#include <hpdf.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEJAVU_DIR "/usr/share/fonts/truetype/dejavu/"
#define WQY_MICROHEI "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

void cx_render_opts_default(cx_render_opts *opts)
{
    *opts = (cx_render_opts){
        .fonts = { DEJAVU_DIR "DejaVuSans.ttf", DEJAVU_DIR "DejaVuSans-Bold.ttf",
                   DEJAVU_DIR "DejaVuSans-Oblique.ttf",
                   DEJAVU_DIR "DejaVuSans-BoldOblique.ttf" },
        .page_width = 595.276,
        .page_height = 841.89,
        .margin_top = 56.7,
        .margin_right = 56.7,
        .margin_bottom = 56.7,
        .margin_left = 56.7,
        .date_epoch = 0,
        .producer = "cxreport",
        .max_pages = CX_DEFAULT_MAX_PAGES,
    };
    /* CJK and more for the characters DejaVu lacks, when installed */
    if (access(WQY_MICROHEI, R_OK) == 0)
        opts->fonts.fallback[opts->fonts.nfallback++] = WQY_MICROHEI;
}

enum { NFACES = CX_MAX_FACES, MAX_IMAGES = 32 };

/* Pictures, each loaded once however many pages show it (libharu holds
 * an image's pixels until the document is saved). */
typedef struct image_cache {
    size_t n;
    const char *path[MAX_IMAGES];
    HPDF_Image image[MAX_IMAGES];
} image_cache;

/* ExtGStates for translucent text (watermarks), one per alpha. */
typedef struct alpha_cache {
    int n;
    unsigned char alpha[8];
    HPDF_ExtGState gs[8];
} alpha_cache;

typedef struct pdf_ctx {
    jmp_buf jb;
    HPDF_STATUS err, detail;
    const char *doing;          /* what was being done, for the message */
    const char *file;           /* the file involved, or NULL */
    cx_status file_status;      /* what a failure with that file is */
    image_cache images;
    alpha_cache alphas;
    /* a picture being decoded, freed by the caller even after a longjmp */
    cairo_surface_t *png;
    unsigned char *rgb, *alpha;
    const char *why;            /* a failure described without libharu */
} pdf_ctx;


static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
    pdf_ctx *c = user;
    c->err = err;
    c->detail = detail;
    longjmp(c->jb, 1);
}

/* State of one page's content stream, to skip redundant operators. */
typedef struct pen {
    HPDF_Page page;
    bool in_text;
    int face;
    double size;
    cx_rgba fill, stroke;
    double width;
    int dash_on, dash_off;
    int cap;
    unsigned char alpha;        /* fill alpha in force */
} pen;

static void set_fill(pen *p, cx_rgba c)
{
    if (p->fill == c)
        return;
    HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)((c >> 24) & 0xFF) / 255.0f,
                         (HPDF_REAL)((c >> 16) & 0xFF) / 255.0f,
                         (HPDF_REAL)((c >> 8) & 0xFF) / 255.0f);
    p->fill = c;
}

static void set_stroke(pen *p, cx_rgba c, double width, int on, int off, int cap)
{
    if (p->stroke != c) {
        HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)((c >> 24) & 0xFF) / 255.0f,
                               (HPDF_REAL)((c >> 16) & 0xFF) / 255.0f,
                               (HPDF_REAL)((c >> 8) & 0xFF) / 255.0f);
        p->stroke = c;
    }
    if (p->width != width) {
        HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
        p->width = width;
    }
    if (p->dash_on != on || p->dash_off != off) {
        if (on > 0) {
            HPDF_UINT16 pat[2] = { (HPDF_UINT16)on, (HPDF_UINT16)off };
            HPDF_Page_SetDash(p->page, pat, 2, 0);
        } else {
            HPDF_Page_SetDash(p->page, NULL, 0, 0);
        }
        p->dash_on = on;
        p->dash_off = off;
    }
    if (p->cap != cap) {
        HPDF_Page_SetLineCap(p->page, cap ? HPDF_ROUND_END : HPDF_BUTT_END);
        p->cap = cap;
    }
}

static void end_text(pen *p)
{
    if (p->in_text) {
        HPDF_Page_EndText(p->page);
        p->in_text = false;
    }
}

/* libharu 2.3.0 takes whole-point dash lengths and rejects 0, so a dash
 * is rounded to at least 1 pt. */
static int dash_len(double v)
{
    long r = lround(v);
    return r < 1 ? 1 : r > 1000 ? 1000 : (int)r;
}

/* Fill alpha through an ExtGState; outside a text object, as libharu
 * requires. */
static void set_alpha(HPDF_Doc pdf, pen *p, alpha_cache *ac, unsigned char a)
{
    if (p->alpha == a)
        return;
    HPDF_ExtGState gs = NULL;
    for (int i = 0; i < ac->n; i++)
        if (ac->alpha[i] == a)
            gs = ac->gs[i];
    if (!gs) {
        gs = HPDF_CreateExtGState(pdf);
        HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)a / 255.0f);
        if (ac->n < 8) {
            ac->alpha[ac->n] = a;
            ac->gs[ac->n++] = gs;
        }
    }
    end_text(p);
    HPDF_Page_SetExtGState(p->page, gs);
    p->alpha = a;
}

static void free_png(pdf_ctx *ctx)
{
    if (ctx->png)
        cairo_surface_destroy(ctx->png);
    free(ctx->rgb);
    free(ctx->alpha);
    ctx->png = NULL;
    ctx->rgb = ctx->alpha = NULL;
}

/* Ends the rendering (as libharu's errors do) when a PNG cannot be
 * decoded: ctx->why says why, or memory ran out when it is NULL. */
static _Noreturn void png_failed(pdf_ctx *ctx)
{
    ctx->err = ctx->why ? HPDF_INVALID_PNG_IMAGE : HPDF_FAILD_TO_ALLOC_MEM;
    ctx->detail = 0;
    longjmp(ctx->jb, 1);
}

/* A PNG, decoded by Cairo into 8-bit RGB plus an alpha soft mask when it
 * has transparency.  libharu's own PNG loader frees memory twice when an
 * allocation fails inside it (found by fault injection), so it is not
 * used.  The buffers live in ctx, so the error path frees them too. */
static HPDF_Image load_png(HPDF_Doc pdf, pdf_ctx *ctx, const char *path)
{
    ctx->png = cairo_image_surface_create_from_png(path);
    cairo_status_t cs = cairo_surface_status(ctx->png);
    if (cs != CAIRO_STATUS_SUCCESS) {
        ctx->why = cs == CAIRO_STATUS_NO_MEMORY ? NULL : cairo_status_to_string(cs);
        png_failed(ctx);
    }
    cairo_surface_flush(ctx->png);
    int w = cairo_image_surface_get_width(ctx->png), h = cairo_image_surface_get_height(ctx->png);
    int stride = cairo_image_surface_get_stride(ctx->png);
    const unsigned char *data = cairo_image_surface_get_data(ctx->png);
    bool has_alpha = cairo_image_surface_get_format(ctx->png) == CAIRO_FORMAT_ARGB32;
    size_t npx = (size_t)w * (size_t)h;
    ctx->rgb = malloc(npx ? npx * 3 : 1);
    ctx->alpha = has_alpha ? malloc(npx ? npx : 1) : NULL;
    if (!data || !ctx->rgb || (has_alpha && !ctx->alpha))
        png_failed(ctx);
    bool translucent = false;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t px = row[x];           /* native-endian, premultiplied */
            unsigned a = has_alpha ? px >> 24 : 255;
            unsigned c[3] = { (px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF };
            size_t i = (size_t)y * (size_t)w + (size_t)x;
            for (int k = 0; k < 3; k++)
                ctx->rgb[3 * i + (size_t)k] =
                    (unsigned char)(a == 0 ? 0 : a == 255 ? c[k] : (c[k] * 255 + a / 2) / a);
            if (has_alpha)
                ctx->alpha[i] = (unsigned char)a;
            translucent |= a != 255;
        }
    }
    HPDF_Image img = HPDF_LoadRawImageFromMem(pdf, ctx->rgb, (HPDF_UINT)w, (HPDF_UINT)h,
                                              HPDF_CS_DEVICE_RGB, 8);
    if (translucent) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, ctx->alpha, (HPDF_UINT)w, (HPDF_UINT)h,
                                                   HPDF_CS_DEVICE_GRAY, 8);
        HPDF_Image_AddSMask(img, mask);
    }
    free_png(ctx);
    return img;
}

static HPDF_Image load_image(HPDF_Doc pdf, pdf_ctx *ctx, const char *path)
{
    image_cache *ic = &ctx->images;
    for (size_t i = 0; i < ic->n; i++)
        if (strcmp(ic->path[i], path) == 0)
            return ic->image[i];
    cx_image_info info;
    cx_diag d;
    if (cx_image_probe(path, &info, &d) != CX_OK)
        return NULL;                    /* layout checked it: gone since */
    ctx->doing = "loading an image";
    ctx->file = path;
    ctx->file_status = CX_EDATA;
    HPDF_Image img = info.format == CX_IMAGE_PNG ? load_png(pdf, ctx, path)
                                                 : HPDF_LoadJpegImageFromFile(pdf, path);
    ctx->file = NULL;
    ctx->doing = "drawing a page";
    if (ic->n < MAX_IMAGES) {
        ic->path[ic->n] = path;
        ic->image[ic->n++] = img;
    }
    return img;
}

/* A URI as PDF wants it, 7-bit ASCII: other bytes (UTF-8) and the
 * characters URIs may not hold percent-encoded, into tmp. */
static const char *uri_ascii(const char *uri, char *tmp, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = 0;
    for (const unsigned char *s = (const unsigned char *)uri; *s && k + 4 < cap; s++) {
        if (*s > 0x20 && *s < 0x7F && !strchr("\"<>\\^`{|}", *s)) {
            tmp[k++] = (char)*s;
        } else {
            tmp[k++] = '%';
            tmp[k++] = hex[*s >> 4];
            tmp[k++] = hex[*s & 15];
        }
    }
    tmp[k] = '\0';
    return tmp;
}

static void draw_item(HPDF_Doc pdf, pdf_ctx *ctx, pen *p, const cx_item *it,
                      HPDF_Font fonts[NFACES], HPDF_Page *pages, const cx_layout_result *lr,
                      char *tmp, size_t tmp_cap)
{
    switch (it->kind) {
    case CX_ITEM_TEXT: {
        const cx_item_text *t = &it->text;
        if (t->len == 0 || t->color == CX_NONE)
            return;
        const char *s = t->text;
        if (s[t->len] != '\0') {        /* libharu wants NUL-terminated text */
            size_t n = t->len < tmp_cap ? t->len : tmp_cap - 1;
            memcpy(tmp, s, n);
            tmp[n] = '\0';
            s = tmp;
        }
        set_alpha(pdf, p, &ctx->alphas, (unsigned char)(t->color & 0xFF));
        if (t->angle != 0)
            end_text(p);            /* a text matrix of its own */
        if (!p->in_text) {
            HPDF_Page_BeginText(p->page);
            p->in_text = true;
        }
        int face = t->face >= 0 && t->face < NFACES && fonts[t->face] ? t->face : 0;
        if (p->face != face || p->size != t->size) {
            HPDF_Page_SetFontAndSize(p->page, fonts[face], (HPDF_REAL)t->size);
            p->face = face;
            p->size = t->size;
        }
        set_fill(p, t->color);
        if (t->angle != 0) {
            double a = t->angle * 3.14159265358979323846 / 180.0;
            HPDF_Page_SetTextMatrix(p->page, (HPDF_REAL)cos(a), (HPDF_REAL)sin(a),
                                    (HPDF_REAL)-sin(a), (HPDF_REAL)cos(a), (HPDF_REAL)t->x,
                                    (HPDF_REAL)t->y);
            HPDF_Page_ShowText(p->page, s);
            end_text(p);
        } else {
            HPDF_Page_TextOut(p->page, (HPDF_REAL)t->x, (HPDF_REAL)t->y, s);
        }
        return;
    }
    case CX_ITEM_IMAGE: {
        const cx_item_image *im = &it->image;
        if (!im->path || im->w <= 0 || im->h <= 0)
            return;
        end_text(p);
        set_alpha(pdf, p, &ctx->alphas, 255);
        HPDF_Image img = load_image(pdf, ctx, im->path);
        if (img)
            HPDF_Page_DrawImage(p->page, img, (HPDF_REAL)im->x, (HPDF_REAL)im->y,
                                (HPDF_REAL)im->w, (HPDF_REAL)im->h);
        return;
    }
    case CX_ITEM_RECT: {
        const cx_item_rect *r = &it->rect;
        bool fill = r->fill != CX_NONE, stroke = r->stroke != CX_NONE && r->line_width > 0;
        if (!fill && !stroke)
            return;
        end_text(p);
        set_alpha(pdf, p, &ctx->alphas, 255);
        if (fill)
            set_fill(p, r->fill);
        if (stroke)
            set_stroke(p, r->stroke, r->line_width, 0, 0, 0);
        HPDF_Page_Rectangle(p->page, (HPDF_REAL)r->x, (HPDF_REAL)r->y, (HPDF_REAL)r->w,
                            (HPDF_REAL)r->h);
        if (fill && stroke)
            HPDF_Page_FillStroke(p->page);
        else if (fill)
            HPDF_Page_Fill(p->page);
        else
            HPDF_Page_Stroke(p->page);
        return;
    }
    case CX_ITEM_LINE: {
        const cx_item_line *l = &it->line;
        if (l->color == CX_NONE || l->width <= 0)
            return;
        end_text(p);
        set_alpha(pdf, p, &ctx->alphas, 255);
        bool dashed = l->dash[0] > 0 || l->dash[1] > 0;
        set_stroke(p, l->color, l->width, dashed ? dash_len(l->dash[0]) : 0,
                   dashed ? dash_len(l->dash[1]) : 0, l->round_cap);
        HPDF_Page_MoveTo(p->page, (HPDF_REAL)l->x0, (HPDF_REAL)l->y0);
        HPDF_Page_LineTo(p->page, (HPDF_REAL)l->x1, (HPDF_REAL)l->y1);
        HPDF_Page_Stroke(p->page);
        return;
    }
    case CX_ITEM_LINK: {
        const cx_item_link *k = &it->link;
        HPDF_Rect rect = { (HPDF_REAL)k->x, (HPDF_REAL)k->y, (HPDF_REAL)(k->x + k->w),
                           (HPDF_REAL)(k->y + k->h) };
        HPDF_Annotation a;
        if (k->uri) {
            a = HPDF_Page_CreateURILinkAnnot(p->page, rect, uri_ascii(k->uri, tmp, tmp_cap));
        } else {
            if (k->target_page >= lr->npages)
                return;
            HPDF_Destination dst = HPDF_Page_CreateDestination(pages[k->target_page]);
            HPDF_Destination_SetFitH(dst, (HPDF_REAL)k->target_y);
            a = HPDF_Page_CreateLinkAnnot(p->page, rect, dst);
        }
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        return;
    }
    case CX_ITEM_POLYGON: {
        const cx_item_polygon *g = &it->polygon;
        if (g->fill == CX_NONE || g->n < 3 || g->n > 4)
            return;
        end_text(p);
        set_alpha(pdf, p, &ctx->alphas, 255);
        set_fill(p, g->fill);
        HPDF_Page_MoveTo(p->page, (HPDF_REAL)g->x[0], (HPDF_REAL)g->y[0]);
        for (size_t k = 1; k < g->n; k++)
            HPDF_Page_LineTo(p->page, (HPDF_REAL)g->x[k], (HPDF_REAL)g->y[k]);
        HPDF_Page_ClosePath(p->page);
        HPDF_Page_Fill(p->page);
        return;
    }
    case CX_ITEM_DL:
        if (!it->dl.dl)
            return;
        /* Drawn between a save and a restore of the graphics state, so the
         * settings this pen remembers are the ones in force afterwards. */
        end_text(p);
        set_alpha(pdf, p, &ctx->alphas, 255);
        cx_pdf_draw_dl(pdf, p->page, fonts, it->dl.dl, it->dl.x, it->dl.y_top);
        return;
    }
}

static cx_status fail_status(const pdf_ctx *c, cx_diag *diag)
{
    if (c->err == HPDF_FAILD_TO_ALLOC_MEM)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory while %s", c->doing);
    if (c->why)
        return cx_diag_set(diag, c->file ? c->file_status : CX_EINTERNAL, c->file, 0, 0,
                           "%s while %s", c->why, c->doing);
    if (c->file)
        return cx_diag_set(diag, c->file_status, c->file, 0, 0,
                           "libharu error 0x%04X (detail %u) while %s", (unsigned)c->err,
                           (unsigned)c->detail, c->doing);
    return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0,
                       "libharu error 0x%04X (detail %u) while %s", (unsigned)c->err,
                       (unsigned)c->detail, c->doing);
}

static bool to_date(int64_t epoch, HPDF_Date *d)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    if ((int64_t)t != epoch || !gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1
        || tm.tm_year + 1900 > 9999)
        return false;
    *d = (HPDF_Date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec, '+', 0, 0 };
    return true;
}

cx_status cx_pdf_render(const cx_layout_result *lr, const cx_doc *doc,
                        const cx_render_opts *opts, unsigned char **bytes, size_t *len,
                        cx_diag *diag)
{
    *bytes = NULL;
    *len = 0;
    const char *paths[NFACES] = { opts->fonts.regular, opts->fonts.bold, opts->fonts.italic,
                                  opts->fonts.bold_italic };
    static const char *const face_names[NFACES] = { "regular", "bold", "italic",
                                                    "bold italic", "fallback", "fallback",
                                                    "fallback", "fallback" };
    for (size_t k = 0; k < opts->fonts.nfallback && k < CX_MAX_FALLBACK; k++)
        paths[CX_FACE_FALLBACK + k] = opts->fonts.fallback[k];

    /* Only the faces the pages use are embedded. */
    bool used[NFACES] = { false };
    for (size_t p = 0; p < lr->npages; p++) {
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT && it->text.face >= 0 && it->text.face < NFACES) {
                used[it->text.face] = true;
            } else if (it->kind == CX_ITEM_DL && it->dl.dl) {
                for (size_t k = 0; k < it->dl.dl->nitems; k++) {
                    const cx_dl_item *di = &it->dl.dl->items[k];
                    if (di->kind == CX_DL_TEXT && di->text.face >= 0 && di->text.face < NFACES)
                        used[di->text.face] = true;
                }
            }
        }
    }
    for (int f = 0; f < NFACES; f++) {
        if (!used[f])
            continue;
        if (!paths[f])
            return cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "no font file given for the %s face",
                               face_names[f]);
        FILE *fp = fopen(paths[f], "rb");
        if (!fp)
            return cx_diag_set(diag, CX_EOUTPUT, paths[f], 0, 0,
                               "cannot open font file (%s face): %s", face_names[f],
                               strerror(errno));
        fclose(fp);
    }
    HPDF_Date date;
    if (!to_date(opts->date_epoch, &date))
        return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0,
                           "document date %lld is out of range (years 1 to 9999)",
                           (long long)opts->date_epoch);
    /* The faces become subsets, made before anything that may longjmp
     * (as is the text that gets all their glyphs in). */
    cx_pdf_subsets subsets;
    cx_status sst = cx_pdf_subsets_make(lr, paths, used, &subsets, diag);
    if (sst != CX_OK)
        return sst;
    char *pua[NFACES] = { NULL };
    bool pua_oom = false;
    for (int f = 0; f < NFACES; f++)
        if (subsets.file[f] && subsets.glyphs[f] > 1)
            pua_oom |= !(pua[f] = cx_pdf_font_pua_text(subsets.glyphs[f]));
    HPDF_Page *pages = calloc(lr->npages ? lr->npages : 1, sizeof *pages);
    char *tmp = malloc(4096);
    if (!pages || !tmp || pua_oom) {
        free(pages);
        free(tmp);
        for (int f = 0; f < NFACES; f++)
            free(pua[f]);
        cx_pdf_subsets_free(&subsets);
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory rendering the PDF");
    }

    pdf_ctx ctx = { .doing = "creating the document" };
    HPDF_Doc volatile pdf = NULL;
    unsigned char *volatile buf = NULL;
    cx_status st = CX_OK;
    if (setjmp(ctx.jb)) {
        st = fail_status(&ctx, diag);
        free(buf);
        free_png(&ctx);
        goto done;
    }
    /* libharu allocates with its own malloc: allocation-failure injection
     * (tests/fault/) leaves it alone, since its recovery from a failed
     * allocation frees memory twice or crashes in places (seen with
     * 2.3.0/2.4.3, upstream) */
    pdf = HPDF_New(on_error, &ctx);
    if (!pdf) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory creating the PDF");
        goto done;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");

    HPDF_Font fonts[NFACES] = { NULL };
    HPDF_Font fallback = NULL;
    for (int f = 0; f < NFACES; f++) {
        if (!used[f])
            continue;
        for (int g = 0; g < f; g++)     /* the same file twice: load it once */
            if (fonts[g] && strcmp(paths[g], paths[f]) == 0)
                fonts[f] = fonts[g];
        if (fonts[f])
            continue;
        ctx.doing = "loading a font file";
        ctx.file = paths[f];
        ctx.file_status = CX_EOUTPUT;
        size_t plen = strlen(paths[f]);
        const char *src = subsets.file[f] ? subsets.path[f] : paths[f];
        bool ttc = !subsets.file[f] && plen > 4 && (strcmp(paths[f] + plen - 4, ".ttc") == 0
                                                    || strcmp(paths[f] + plen - 4, ".TTC") == 0);
        const char *name = ttc ? HPDF_LoadTTFontFromFile2(pdf, src, 0, HPDF_TRUE)
                               : HPDF_LoadTTFontFromFile(pdf, src, HPDF_TRUE);
        fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
        if (pua[f])                     /* every glyph of the subset embedded */
            HPDF_Font_TextWidth(fonts[f], (const HPDF_BYTE *)pua[f], (HPDF_UINT)strlen(pua[f]));
        ctx.file = NULL;
        fallback = fallback ? fallback : fonts[f];
    }
    for (int f = 0; f < NFACES; f++)
        if (!fonts[f])
            fonts[f] = fallback;

    ctx.doing = "writing the document information";
    const cx_doc_meta *m = cx_doc_get_meta(doc);
    const char *producer = opts->producer ? opts->producer : "cxreport";
    if (m->title)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, m->title);
    if (m->author)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->author);
    if (m->subject)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, m->subject);
    if (m->keywords)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, m->keywords);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, producer);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, producer);
    if (opts->has_date) {
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    }

    /* All pages first: links may point forward. */
    ctx.doing = "adding pages";
    for (size_t p = 0; p < lr->npages; p++) {
        pages[p] = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(pages[p], (HPDF_REAL)lr->page_width);
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)lr->page_height);
    }
    ctx.doing = "drawing a page";
    for (size_t p = 0; p < lr->npages; p++) {
        /* Impossible values, so the first of each setting is written. */
        pen pn = { .page = pages[p], .face = -1, .size = -1, .fill = 1, .stroke = 1,
                   .width = -1, .dash_on = 0, .dash_off = 0, .cap = 0, .alpha = 255 };
        for (size_t i = 0; i < lr->pages[p].nitems; i++)
            draw_item(pdf, &ctx, &pn, &lr->pages[p].items[i], fonts, pages, lr, tmp, 4096);
        end_text(&pn);
    }

    ctx.doing = "writing the outline";
    HPDF_Outline parents[4] = { NULL };
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    for (size_t k = 0; k < lr->noutline; k++) {
        const cx_outline_entry *e = &lr->outline[k];
        if (e->page >= lr->npages)
            continue;
        int lv = e->level < 1 ? 1 : e->level > 3 ? 3 : e->level;
        HPDF_Outline parent = NULL;
        for (int q = lv - 1; q >= 1 && !parent; q--)
            parent = parents[q];
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, e->title, utf8);
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[e->page]);
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)e->y);
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
        parents[lv] = o;
        for (int q = lv + 1; q <= 3; q++)
            parents[q] = NULL;
    }
    if (lr->noutline > 0)
        HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

    ctx.doing = "saving the document";
    HPDF_SaveToStream(pdf);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    if (size == 0) {
        st = cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "libharu produced an empty document");
        goto done;
    }
    buf = malloc(size);
    if (!buf) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory copying the PDF");
        goto done;
    }
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(pdf, buf, &got);
    if (got != size) {
        free(buf);
        st = cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0,
                         "libharu returned %u of %u bytes of the document", (unsigned)got,
                         (unsigned)size);
        goto done;
    }
    *bytes = buf;
    *len = size;
done:
    HPDF_Free(pdf);
    free(pages);
    free(tmp);
    for (int f = 0; f < NFACES; f++)
        free(pua[f]);
    cx_pdf_subsets_free(&subsets);
    return st;
}
