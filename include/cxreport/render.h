/*
 * render.h — from a document to PDF bytes.
 *
 * cx_layout measures text with the real metrics of the fonts the PDF
 * embeds, breaks lines, paginates (title page, contents, body, tables
 * split with repeated headers, keep-with-next for headings) and numbers
 * the pages and the contents in one pass.  cx_pdf_render draws the
 * laid-out pages with libharu into memory.  The output is deterministic:
 * no wall-clock time, no addresses; the date comes from opts.
 *
 * Ownership: cx_layout returns a cx_layout_result the caller frees with
 * cx_layout_free (accepts NULL); it borrows the document, which must
 * outlive it.  cx_pdf_render returns a malloc'd buffer in *bytes that the
 * caller frees with free().
 */
#ifndef CXREPORT_RENDER_H
#define CXREPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"
#include "cxreport/doc.h"

/* Faces are numbered 0..3 (CX_FACE_* in chart.h: regular, bold, italic,
 * bold italic) and CX_FACE_FALLBACK + k for fallback font k, which draws
 * the characters the main font lacks (whatever the style). */
enum { CX_MAX_FALLBACK = 4, CX_FACE_FALLBACK = 4, CX_MAX_FACES = 8 };

typedef struct cx_fontset {
    const char *regular, *bold, *italic, *bold_italic;   /* TrueType files */
    size_t nfallback;
    const char *fallback[CX_MAX_FALLBACK];  /* TrueType files or collections
                                               (.ttc: the first font) */
} cx_fontset;

typedef struct cx_render_opts {
    cx_fontset fonts;
    double page_width, page_height;     /* points; A4 = 595.276 × 841.89 */
    double margin_top, margin_right, margin_bottom, margin_left;
    bool has_date;                      /* false: the PDF carries no date and
                                           the title page shows only a date
                                           the script set */
    int64_t date_epoch;                 /* seconds since 1970 (UTC): the
                                           document date, from SOURCE_DATE_EPOCH */
    const char *producer;               /* e.g. "cxreport 0.1.0" */
    size_t max_pages;                   /* cx_layout fails with CX_ESCRIPT as
                                           soon as the document needs a page
                                           more, at the line of the block that
                                           asked for it; 0 = no limit */
} cx_render_opts;

#define CX_DEFAULT_MAX_PAGES ((size_t)2000)

/* Fills opts with the defaults: DejaVu Sans from
 * /usr/share/fonts/truetype/dejavu, with WenQuanYi Micro Hei as the
 * fallback font when it is installed, A4, 56.7 pt (2 cm) margins,
 * no date, producer "cxreport", at most CX_DEFAULT_MAX_PAGES pages. */
void cx_render_opts_default(cx_render_opts *opts);

typedef struct cx_layout_result cx_layout_result;

cx_status cx_layout(const cx_doc *doc, const cx_render_opts *opts,
                    cx_layout_result **out, cx_diag *diag);
void cx_layout_free(cx_layout_result *lr);
size_t cx_layout_page_count(const cx_layout_result *lr);

cx_status cx_pdf_render(const cx_layout_result *lr, const cx_doc *doc,
                        const cx_render_opts *opts, unsigned char **bytes,
                        size_t *len, cx_diag *diag);

#endif
