/*
 * ttsubset.h — a TrueType font cut down to the glyphs a document draws
 * (internal to src/render/).
 *
 * libharu reads glyph ids as signed 16-bit numbers when it follows the
 * parts of a composite glyph, so in a font of more than 32,767 glyphs
 * (WenQuanYi Micro Hei has 49,531) every character built from parts
 * numbered above that comes out blank.  A subset renumbers the glyphs it
 * keeps from 0, so none is above the limit, and is small besides; its
 * cmap has few segments, which makes libharu's per-document lookup of
 * every BMP code point cheap (pdf_fonts.h).
 *
 * cx_ttf_subset reads a TrueType file or the first font of a collection
 * (.ttc) and writes a TrueType font holding .notdef, the glyphs of the
 * given BMP code points (others are ignored: libharu maps only the BMP)
 * and the parts of the composite ones, with the tables libharu needs
 * (OS/2, cmap (format 4, a segment per cluster of code points), cvt, fpgm, glyf, head, hhea, hmtx, loca (long),
 * maxp, name, post (format 3), prep).  Metrics, outlines and hinting are
 * copied unchanged, so widths measured on the original font hold.
 *
 * Ownership: *out is malloc'd; the caller frees it.  Errors: CX_EOUTPUT
 * naming the file (not a TrueType font, a table missing or damaged),
 * CX_EINTERNAL on out of memory.
 */
#ifndef CX_RENDER_TTSUBSET_H
#define CX_RENDER_TTSUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"

/* Fonts with more glyphs than this need a subset for libharu. */
enum { CX_TTF_GLYPH_LIMIT = 32767 };

/* Number of glyphs of the font (maxp), 0 when it cannot be read. */
unsigned long cx_ttf_glyph_count(const char *path);

cx_status cx_ttf_subset(const char *path, const uint32_t *cps, size_t ncps,
                        unsigned char **out, size_t *len, cx_diag *diag);

#endif
