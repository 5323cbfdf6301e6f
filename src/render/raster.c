/*
 * raster.c — draws display lists with Cairo into PNG and SVG.  The only
 * file of the project that includes cairo.h.
 *
 * Fonts come from the files the PDF embeds, through FreeType, with the
 * font options fixed (no hinting, no hint metrics, grey antialiasing):
 * fontconfig and the machine's settings never get a say, so the bytes are
 * the same everywhere.  Text is placed with the width the chart stage
 * measured (same fonts, same metrics), so anchors agree with the PDF.  In
 * PNGs text is filled as glyph outlines: Cairo 1.16 puts shown glyphs on
 * whole pixels, which moves letters by up to half a pixel against the PDF;
 * outlines land where the metrics say.
 *
 * No process-wide state of our own.  Cairo keeps recently used font faces
 * in its own cache after we release them, so each face carries user data
 * that closes the FreeType face, and the FreeType library is shared by
 * reference count and closed with its last face.  Never prints; failures
 * are cx_diag values.
 */
#include "cxreport/raster.h"

#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

void cx_raster_fonts_default(cx_raster_fonts *fonts)
{
    fonts->regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    fonts->bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    fonts->italic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf";
    fonts->bold_italic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf";
    fonts->nfallback = 0;
}

/* ---- fonts ------------------------------------------------------------- */

typedef struct ft_lib { FT_Library lib; int refs; } ft_lib;
typedef struct ft_ref { ft_lib *owner; FT_Face face; } ft_ref;

static const cairo_user_data_key_t face_key;

static void lib_release(ft_lib *l)
{
    if (l && --l->refs == 0) {
        FT_Done_FreeType(l->lib);
        free(l);
    }
}

static void face_done(void *p)
{
    ft_ref *r = p;
    FT_Done_Face(r->face);
    lib_release(r->owner);
    free(r);
}

enum { NFACES = 8 };    /* 4 styles + 4 fallback fonts */

typedef struct fontset {
    ft_lib *lib;
    const char *path[NFACES];
    cairo_font_face_t *face[NFACES];
    cairo_font_options_t *opts;
} fontset;

static cx_status fontset_init(fontset *fs, const cx_raster_fonts *f, cx_diag *diag)
{
    memset(fs, 0, sizeof *fs);
    if (!f || !f->regular)
        return cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "chart export: no regular font given");
    fs->path[0] = f->regular;
    fs->path[1] = f->bold ? f->bold : f->regular;
    fs->path[2] = f->italic ? f->italic : f->regular;
    fs->path[3] = f->bold_italic ? f->bold_italic : fs->path[1];
    for (size_t k = 0; k < f->nfallback && k < NFACES - 4; k++)
        fs->path[4 + k] = f->fallback[k];
    fs->lib = calloc(1, sizeof *fs->lib);
    fs->opts = cairo_font_options_create();
    if (!fs->lib || cairo_font_options_status(fs->opts) != CAIRO_STATUS_SUCCESS)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: out of memory");
    if (FT_Init_FreeType(&fs->lib->lib)) {
        free(fs->lib);
        fs->lib = NULL;
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: FreeType did not start");
    }
    fs->lib->refs = 1;
    cairo_font_options_set_hint_style(fs->opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fs->opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fs->opts, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_subpixel_order(fs->opts, CAIRO_SUBPIXEL_ORDER_DEFAULT);
    return CX_OK;
}

/* Loads a face the first time the list uses it. */
static cx_status fontset_face(fontset *fs, int i, cairo_font_face_t **out, cx_diag *diag)
{
    if (i < 0 || i >= NFACES || !fs->path[i])
        i = 0;
    if (fs->face[i]) {
        *out = fs->face[i];
        return CX_OK;
    }
    FT_Face face;
    if (FT_New_Face(fs->lib->lib, fs->path[i], 0, &face))
        return cx_diag_set(diag, CX_EOUTPUT, fs->path[i], 0, 0,
                           "chart export: cannot load this font");
    ft_ref *ref = malloc(sizeof *ref);
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_HINTING);
    if (!ref || cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(cf, &face_key, ref, face_done) != CAIRO_STATUS_SUCCESS) {
        free(ref);
        cairo_font_face_destroy(cf);
        FT_Done_Face(face);
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: out of memory");
    }
    ref->face = face;
    ref->owner = fs->lib;
    fs->lib->refs++;
    fs->face[i] = cf;
    *out = cf;
    return CX_OK;
}

static void fontset_done(fontset *fs)
{
    for (int i = 0; i < NFACES; i++)
        if (fs->face[i])
            cairo_font_face_destroy(fs->face[i]);
    if (fs->opts)
        cairo_font_options_destroy(fs->opts);
    lib_release(fs->lib);
}

/* ---- drawing ------------------------------------------------------------ */

static void set_rgba(cairo_t *cr, cx_rgba c)
{
    cairo_set_source_rgba(cr, ((c >> 24) & 0xFF) / 255.0, ((c >> 16) & 0xFF) / 255.0,
                          ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

static void draw_path(cairo_t *cr, const cx_dl *dl, const cx_dl_path *p)
{
    const cx_dl_point *pt = dl->pts + p->pt0;
    cairo_new_path(cr);
    for (uint32_t i = 0; i < p->nops; i++) {
        switch ((cx_dl_op)dl->ops[p->op0 + i]) {
        case CX_OP_MOVE: cairo_move_to(cr, pt[0].x, pt[0].y); pt++; break;
        case CX_OP_LINE: cairo_line_to(cr, pt[0].x, pt[0].y); pt++; break;
        case CX_OP_CURVE:
            cairo_curve_to(cr, pt[0].x, pt[0].y, pt[1].x, pt[1].y, pt[2].x, pt[2].y);
            pt += 3;
            break;
        case CX_OP_CLOSE: cairo_close_path(cr); break;
        }
    }
    if (p->fill & 0xFF) {
        set_rgba(cr, p->fill);
        cairo_set_fill_rule(cr, p->even_odd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
        if (p->stroke & 0xFF)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (p->stroke & 0xFF) {
        set_rgba(cr, p->stroke);
        cairo_set_line_width(cr, p->width);
        if (p->dash[0] > 0 && p->dash[1] > 0) {
            /* Whole points, as the PDF renderer must use. */
            double d[2] = { round(p->dash[0]), round(p->dash[1]) };
            cairo_set_dash(cr, d, 2, 0);
        } else {
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static cx_status draw_list(cairo_t *cr, const cx_dl *dl, fontset *fs, bool outline_text,
                           cx_diag *diag)
{
    cx_status st = CX_OK;
    int depth = 0;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_miter_limit(cr, 10);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        switch (it->kind) {
        case CX_DL_PATH:
            draw_path(cr, dl, &it->path);
            break;
        case CX_DL_TEXT: {
            const cx_dl_text *t = &it->text;
            cairo_font_face_t *face = NULL;
            if ((st = fontset_face(fs, t->face, &face, diag)))
                return st;
            cairo_set_font_face(cr, face);
            cairo_set_font_size(cr, t->size);
            cairo_set_font_options(cr, fs->opts);
            set_rgba(cr, t->color);
            double shift = t->anchor == CX_ANCHOR_CENTER ? t->width / 2
                           : t->anchor == CX_ANCHOR_RIGHT ? t->width : 0;
            cairo_save(cr);
            cairo_translate(cr, t->x, t->y);
            if (t->rotation == 90)
                cairo_rotate(cr, -PI / 2);
            cairo_move_to(cr, -shift, 0);
            if (outline_text) {
                cairo_text_path(cr, cx_dl_text_of(dl, it));
                cairo_fill(cr);
            } else {
                cairo_show_text(cr, cx_dl_text_of(dl, it));
            }
            cairo_restore(cr);
            break;
        }
        case CX_DL_CLIP_PUSH:
            cairo_save(cr);
            cairo_new_path(cr);
            cairo_rectangle(cr, it->clip.x, it->clip.y, it->clip.w, it->clip.h);
            cairo_clip(cr);
            depth++;
            break;
        case CX_DL_CLIP_POP:
            if (depth > 0) {
                cairo_restore(cr);
                depth--;
            }
            break;
        }
    }
    while (depth-- > 0)
        cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: cairo: %s",
                           cairo_status_to_string(cairo_status(cr)));
    return CX_OK;
}

/* ---- output ---------------------------------------------------------------- */

typedef struct membuf { unsigned char *p; size_t len, cap; bool failed; } membuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int n)
{
    membuf *m = closure;
    if (m->len + n > m->cap) {
        size_t cap = m->cap ? m->cap : 8192;
        while (cap < m->len + n)
            cap *= 2;
        unsigned char *p = realloc(m->p, cap);
        if (!p) {
            m->failed = true;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->len, data, n);
    m->len += n;
    return CAIRO_STATUS_SUCCESS;
}

static cx_status check_list(const cx_dl *dl, double scale, cx_diag *diag)
{
    if (!dl || !(dl->width > 0) || !(dl->height > 0) || dl->width > 1e5 || dl->height > 1e5)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: the chart has no size");
    if (!(scale > 0) || dl->width * scale > 30000 || dl->height * scale > 30000)
        return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0,
                           "chart export: scale %g gives an image too large or empty", scale);
    return CX_OK;
}

cx_status cx_raster_png_bytes(const cx_dl *dl, const cx_raster_fonts *fonts, double scale,
                              unsigned char **bytes, size_t *len, cx_diag *diag)
{
    cx_status st;
    fontset fs;
    membuf m = { 0 };
    cairo_surface_t *sf = NULL;
    cairo_t *cr = NULL;
    *bytes = NULL;
    *len = 0;
    if ((st = check_list(dl, scale, diag)))
        return st;
    if ((st = fontset_init(&fs, fonts, diag)))
        goto done;
    int w = (int)ceil(dl->width * scale - 1e-6), h = (int)ceil(dl->height * scale - 1e-6);
    bool opaque = (dl->background & 0xFF) == 0xFF;
    sf = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h);
    cr = cairo_create(sf);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: out of memory");
        goto done;
    }
    cairo_scale(cr, scale, scale);
    if (dl->background & 0xFF) {
        set_rgba(cr, dl->background);
        cairo_paint(cr);
    }
    if ((st = draw_list(cr, dl, &fs, true, diag)))
        goto done;
    cairo_surface_flush(sf);
    if (cairo_surface_write_to_png_stream(sf, mem_write, &m) != CAIRO_STATUS_SUCCESS) {
        st = cx_diag_set(diag, m.failed ? CX_EINTERNAL : CX_EOUTPUT, NULL, 0, 0,
                         "chart export: PNG encoding failed");
        goto done;
    }
    *bytes = m.p;
    *len = m.len;
    m.p = NULL;
done:
    if (cr)
        cairo_destroy(cr);
    if (sf)
        cairo_surface_destroy(sf);
    fontset_done(&fs);
    free(m.p);
    return st;
}

/* Cairo names the SVG's surfaces after a process-wide counter
 * (id="surface17"), so a second export in the same process would differ.
 * Renumber every "surfaceN" from 1 in order of appearance. */
static cx_status normalise_svg(membuf *m)
{
    static const char key[] = "surface";
    const size_t kl = sizeof key - 1;
    long map_from[64];
    size_t nmap = 0;
    membuf out = { 0 };
    size_t i = 0;
    while (i < m->len) {
        if (i + kl < m->len && memcmp(m->p + i, key, kl) == 0 &&
            m->p[i + kl] >= '0' && m->p[i + kl] <= '9') {
            size_t j = i + kl;
            long v = 0;
            while (j < m->len && m->p[j] >= '0' && m->p[j] <= '9' && v < 100000000)
                v = v * 10 + (m->p[j++] - '0');
            size_t k = 0;
            while (k < nmap && map_from[k] != v)
                k++;
            if (k == nmap && nmap < 64)
                map_from[nmap++] = v;
            char num[32];
            int nl = snprintf(num, sizeof num, "%s%zu", key, k + 1);
            if (mem_write(&out, (const unsigned char *)num, (unsigned)nl))
                goto fail;
            i = j;
            continue;
        }
        size_t j = i + 1;
        while (j < m->len && m->p[j] != 's')
            j++;
        if (mem_write(&out, m->p + i, (unsigned)(j - i)))
            goto fail;
        i = j;
    }
    free(m->p);
    *m = out;
    return CX_OK;
fail:
    free(out.p);
    return CX_EINTERNAL;
}

cx_status cx_raster_svg_bytes(const cx_dl *dl, const cx_raster_fonts *fonts,
                              unsigned char **bytes, size_t *len, cx_diag *diag)
{
    cx_status st;
    fontset fs;
    membuf m = { 0 };
    cairo_surface_t *sf = NULL;
    cairo_t *cr = NULL;
    *bytes = NULL;
    *len = 0;
    if ((st = check_list(dl, 1, diag)))
        return st;
    if ((st = fontset_init(&fs, fonts, diag)))
        goto done;
    sf = cairo_svg_surface_create_for_stream(mem_write, &m, dl->width, dl->height);
    cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PT);
    cr = cairo_create(sf);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: out of memory");
        goto done;
    }
    if (dl->background & 0xFF) {
        set_rgba(cr, dl->background);
        cairo_paint(cr);
    }
    if ((st = draw_list(cr, dl, &fs, false, diag)))
        goto done;
    cairo_destroy(cr);
    cr = NULL;
    cairo_surface_finish(sf);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS || m.failed) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: SVG output failed");
        goto done;
    }
    if (normalise_svg(&m)) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "chart export: out of memory");
        goto done;
    }
    *bytes = m.p;
    *len = m.len;
    m.p = NULL;
done:
    if (cr)
        cairo_destroy(cr);
    if (sf)
        cairo_surface_destroy(sf);
    fontset_done(&fs);
    free(m.p);
    return st;
}

static cx_status write_file(const char *path, const unsigned char *p, size_t n, cx_diag *diag)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    size_t w = fwrite(p, 1, n, f);
    int e = errno;
    if (fclose(f) != 0 || w != n)
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write: %s",
                           strerror(w != n ? e : errno));
    return CX_OK;
}

cx_status cx_raster_png(const cx_dl *dl, const cx_raster_fonts *fonts, double scale,
                        const char *path, cx_diag *diag)
{
    unsigned char *p;
    size_t n;
    cx_status st = cx_raster_png_bytes(dl, fonts, scale, &p, &n, diag);
    if (st == CX_OK)
        st = write_file(path, p, n, diag);
    free(p);
    return st;
}

cx_status cx_raster_svg(const cx_dl *dl, const cx_raster_fonts *fonts, const char *path,
                        cx_diag *diag)
{
    unsigned char *p;
    size_t n;
    cx_status st = cx_raster_svg_bytes(dl, fonts, &p, &n, diag);
    if (st == CX_OK)
        st = write_file(path, p, n, diag);
    free(p);
    return st;
}
