/*
 * charts.c — chart exports: every chart of the report as PNG and SVG.
 *
 * Owns the naming (NN-stem, numbered in document order, zero-padded so
 * the files sort in that order), the rendering of each display list to
 * bytes (render/raster.c, with the PDF's fonts, on a canvas with a small
 * white margin) and the writing, each file atomically.  Rendering comes first and holds the bytes, so the build
 * can write the PDF and the exports only once everything has succeeded.
 * Never lays anything out: the lists are the ones the PDF draws.
 */
#include "charts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cxreport/build.h"
#include "cxreport/raster.h"

enum { STEM_MAX = 60 };
static const double PNG_SCALE = 2.0;    /* pixels per point: the 2× export */
static const double PAD = 8.0;          /* white margin around an exported chart, pt */

typedef struct chart_file {
    char *name;                 /* "03-nps-by-vendor.png" */
    unsigned char *bytes;
    size_t len;
} chart_file;

struct cx_chart_files {
    size_t n;
    chart_file *files;
};

void cx_chart_files_free(cx_chart_files *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->files[i].name);
        free(f->files[i].bytes);
    }
    free(f->files);
    free(f);
}

void cx_charts_stem(const cx_doc_chart *c, char *buf, size_t size)
{
    if (size == 0)
        return;
    if (c->name) {
        snprintf(buf, size, "%s", c->name);
        return;
    }
    size_t n = 0, cap = size - 1 < STEM_MAX ? size - 1 : STEM_MAX;
    bool gap = false;
    for (const char *p = c->spec.title ? c->spec.title : ""; *p && n < cap; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (gap && n > 0) {
                if (n + 2 > cap)
                    break;
                buf[n++] = '-';
            }
            buf[n++] = ch;
            gap = false;
        } else {
            gap = true;
        }
    }
    buf[n] = '\0';
    if (n == 0)
        snprintf(buf, size, "chart");
}

static cx_status add_file(cx_chart_files *f, char *name, unsigned char *bytes, size_t len,
                          cx_diag *diag)
{
    if (!name) {
        free(bytes);
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory exporting charts");
    }
    f->files[f->n++] = (chart_file){ name, bytes, len };
    return CX_OK;
}

/* A copy of the list moved PAD points right and down on a canvas PAD
 * larger on every side: in the PDF the text column gives a chart its
 * margins, an image file viewed on its own needs its own.  NULL when out
 * of memory. */
static cx_dl *padded(const cx_dl *dl)
{
    cx_dl *out = cx_dl_new(dl->width + 2 * PAD, dl->height + 2 * PAD);
    if (!out)
        return NULL;
    out->background = dl->background;
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        switch (it->kind) {
        case CX_DL_PATH: {
            const cx_dl_path *p = &it->path;
            const cx_dl_point *pt = &dl->pts[p->pt0];
            for (uint32_t k = 0; k < p->nops; k++) {
                switch ((cx_dl_op)dl->ops[p->op0 + k]) {
                case CX_OP_MOVE: cx_dl_move(out, pt->x + PAD, pt->y + PAD); pt++; break;
                case CX_OP_LINE: cx_dl_line(out, pt->x + PAD, pt->y + PAD); pt++; break;
                case CX_OP_CURVE:
                    cx_dl_curve(out, pt[0].x + PAD, pt[0].y + PAD, pt[1].x + PAD, pt[1].y + PAD,
                                pt[2].x + PAD, pt[2].y + PAD);
                    pt += 3;
                    break;
                case CX_OP_CLOSE: cx_dl_close(out); break;
                }
            }
            cx_dl_style st = { p->fill, p->stroke, p->width, { p->dash[0], p->dash[1] },
                               p->even_odd };
            cx_dl_paint(out, &st, it->role, it->series, it->index);
            break;
        }
        case CX_DL_TEXT: {
            const cx_dl_text *t = &it->text;
            cx_dl_text_run(out, it->role, it->series, it->index, t->face, t->size, t->color,
                           t->anchor, t->x + PAD, t->y + PAD, t->rotation, t->width,
                           cx_dl_text_of(dl, it), t->len);
            break;
        }
        case CX_DL_CLIP_PUSH:
            cx_dl_clip_push(out, it->clip.x + PAD, it->clip.y + PAD, it->clip.w, it->clip.h);
            break;
        case CX_DL_CLIP_POP:
            cx_dl_clip_pop(out);
            break;
        }
    }
    if (!cx_dl_ok(out)) {
        cx_dl_free(out);
        return NULL;
    }
    return out;
}

/* "03-stem.png"; NULL when out of memory.  The stem is at most
 * STEM_MAX + 48 bytes, the number a size_t. */
static char *file_name(int width, size_t number, const char *stem, const char *ext)
{
    char buf[STEM_MAX + 128];
    int n = snprintf(buf, sizeof buf, "%0*zu-%s.%s", width, number, stem, ext);
    return n > 0 && (size_t)n < sizeof buf ? strdup(buf) : NULL;
}

cx_status cx_charts_render(const cx_layout_result *lr, const cx_doc *doc,
                           const cx_render_opts *opts, cx_chart_files **out, cx_diag *diag)
{
    *out = NULL;
    cx_status st = CX_OK;
    cx_chart_files *f = calloc(1, sizeof *f);
    if (!f || !(f->files = calloc(2 * lr->ncharts + 1, sizeof *f->files))) {
        free(f);
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory exporting charts");
    }
    cx_raster_fonts fonts = { opts->fonts.regular, opts->fonts.bold, opts->fonts.italic,
                              opts->fonts.bold_italic, opts->fonts.nfallback, { NULL } };
    for (size_t k = 0; k < opts->fonts.nfallback && k < 4; k++)
        fonts.fallback[k] = opts->fonts.fallback[k];
    int width = 2;
    for (size_t n = lr->ncharts; n >= 100; n /= 10)
        width++;
    for (size_t i = 0; i < lr->ncharts && st == CX_OK; i++) {
        const cx_layout_chart *lc = &lr->charts[i];
        char stem[STEM_MAX + 48];
        cx_charts_stem(cx_doc_block(doc, lc->block)->chart, stem, sizeof stem);
        unsigned char *bytes = NULL;
        size_t len = 0;
        cx_dl *dl = padded(lc->dl);
        if (!dl)
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory exporting charts");
        if (st == CX_OK
            && (st = cx_raster_png_bytes(dl, &fonts, PNG_SCALE, &bytes, &len, diag)) == CX_OK)
            st = add_file(f, file_name(width, i + 1, stem, "png"), bytes, len, diag);
        if (st == CX_OK && (st = cx_raster_svg_bytes(dl, &fonts, &bytes, &len, diag)) == CX_OK)
            st = add_file(f, file_name(width, i + 1, stem, "svg"), bytes, len, diag);
        cx_dl_free(dl);
    }
    if (st != CX_OK) {
        cx_chart_files_free(f);
        return st;
    }
    *out = f;
    return CX_OK;
}


cx_status cx_charts_write(const cx_chart_files *f, const char *dir, cx_diag *diag)
{
    cx_status st = CX_OK;
    bool slash = dir[0] && dir[strlen(dir) - 1] == '/';
    for (size_t i = 0; st == CX_OK && i < f->n; i++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s%s%s", dir, slash ? "" : "/", f->files[i].name);
        if (n < 0 || (size_t)n >= sizeof path)
            return cx_diag_set(diag, CX_EOUTPUT, dir, 0, 0, "chart file path is too long");
        st = cx_write_atomic(path, f->files[i].bytes, f->files[i].len, diag);
    }
    return st;
}
