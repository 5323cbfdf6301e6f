/*
 * raster.h — chart exports: a display list drawn by Cairo into PNG or SVG.
 *
 * Fonts are the document's TrueType files, loaded through FreeType (never
 * through fontconfig) with explicit font options — no hinting, no hint
 * metrics, grey antialiasing — so the same list gives the same bytes on
 * every machine.  SVG turns text into glyph outlines.  The background of
 * the list (normally white) is painted first.
 *
 * Ownership: the list and the font paths are borrowed.  The _bytes
 * variants return a malloc'd buffer in *bytes that the caller frees with
 * free().  The path variants write the file directly (the caller handles
 * temp file + rename).
 */
#ifndef CXREPORT_RASTER_H
#define CXREPORT_RASTER_H

#include <stddef.h>

#include "cxreport/chart.h"
#include "cxreport/diag.h"

typedef struct cx_raster_fonts {
    /* TrueType files for CX_FACE_REGULAR, _BOLD, _ITALIC, _BOLD_ITALIC; a
     * NULL style falls back to regular.  regular is required. */
    const char *regular, *bold, *italic, *bold_italic;
    /* the fallback fonts, faces 4.. (CX_FACE_FALLBACK + k in render.h) */
    size_t nfallback;
    const char *fallback[4];
} cx_raster_fonts;

/* DejaVu Sans from /usr/share/fonts/truetype/dejavu. */
void cx_raster_fonts_default(cx_raster_fonts *fonts);

/* PNG at `scale` pixels per point (2 = the 2× export: 144 dpi), opaque
 * RGB when the background is opaque. */
cx_status cx_raster_png(const cx_dl *dl, const cx_raster_fonts *fonts, double scale,
                        const char *path, cx_diag *diag);
cx_status cx_raster_png_bytes(const cx_dl *dl, const cx_raster_fonts *fonts, double scale,
                              unsigned char **bytes, size_t *len, cx_diag *diag);

/* SVG in points (width="…pt"). */
cx_status cx_raster_svg(const cx_dl *dl, const cx_raster_fonts *fonts, const char *path,
                        cx_diag *diag);
cx_status cx_raster_svg_bytes(const cx_dl *dl, const cx_raster_fonts *fonts,
                              unsigned char **bytes, size_t *len, cx_diag *diag);

#endif
