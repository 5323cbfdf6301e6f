/*
 * pdf_fonts.h — the fonts a document embeds, cut down to what it draws
 * (internal to src/render/).
 *
 * Every face a document uses is replaced, for that document, by a subset
 * holding the glyphs of the characters it draws in it (ttsubset.h),
 * written to an anonymous temporary file that libharu reads through
 * /proc/self/fd.  Two reasons: a font of more than 32,767 glyphs
 * (ttsubset.h says why) cannot be embedded whole, and libharu builds
 * each embedded face's code-point-to-glyph map by looking every code
 * point of the BMP up in the font's cmap, segment by segment, which for
 * a whole Latin font costs more than the rest of a small document; a
 * subset's cmap has a handful of segments.  The text drawn is the same
 * (the code points, so extraction is unchanged), and so are the glyphs
 * and their advances.  A font of at most 32,767 glyphs the subsetter
 * cannot read is embedded as it is.  The subset maps each kept glyph
 * g >= 1 from U+E000 + g as well; measuring those once (cx_pdf_font_
 * pua_text) makes libharu embed every kept glyph, the parts of composite
 * glyphs included.
 *
 * Ownership: cx_pdf_subsets_make fills a cx_pdf_subsets the caller
 * releases with cx_pdf_subsets_free (closes the files); the text of
 * cx_pdf_font_pua_text is malloc'd, freed by the caller.
 */
#ifndef CX_RENDER_PDF_FONTS_H
#define CX_RENDER_PDF_FONTS_H

#include <stdio.h>

#include "cxreport/layout.h"

typedef struct cx_pdf_subsets {
    FILE *file[CX_MAX_FACES];       /* NULL: the face's font is used as it is */
    char path[CX_MAX_FACES][40];    /* "/proc/self/fd/N" */
    unsigned glyphs[CX_MAX_FACES];  /* glyphs in the subset */
} cx_pdf_subsets;

/* paths[face] for every face in use (used[face]); others may be NULL. */
cx_status cx_pdf_subsets_make(const cx_layout_result *lr, const char *const *paths,
                              const bool *used, cx_pdf_subsets *out, cx_diag *diag);
void cx_pdf_subsets_free(cx_pdf_subsets *s);

/* UTF-8 of U+E001 .. U+E000 + glyphs - 1 (at most the private use area);
 * NULL when out of memory or glyphs < 2. */
char *cx_pdf_font_pua_text(unsigned glyphs);

#endif
