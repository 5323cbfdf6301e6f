/*
 * font.h — text metrics from the TrueType files the PDF embeds (internal
 * to the layout stage; charts and brands reuse it through the layout
 * stage's measurer).
 *
 * A cx_font holds the four faces of a family (index = CX_STYLE_* bits:
 * 0 regular, 1 bold, 2 italic, 3 bold italic — the same numbering as
 * CX_FACE_* in chart.h) and its fallback fonts (CX_FACE_FALLBACK + k,
 * render.h), opened once with FreeType.  Every character is measured in
 * the face that will draw it: the face asked for when it has the glyph,
 * else the first fallback that has it (cx_font_resolve).  Advances are kept in
 * thousandths of an em, truncated exactly as libharu writes the /W widths
 * of an embedded font, so a width measured here is the distance the PDF
 * viewer moves.  No kerning: libharu cannot draw it.
 *
 * Ownership: cx_font_open allocates, cx_font_free releases (accepts NULL).
 * A cx_font caches widths as it measures, so it is not safe to share one
 * between threads; open one per build.
 */
#ifndef CX_LAYOUT_FONT_H
#define CX_LAYOUT_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"
#include "cxreport/render.h"

enum { CX_FONT_FACES = 4 };

/* cx_font_resolve's answers when no face has a character. */
enum { CX_GLYPH_NONE = -1,      /* drawn as a placeholder box (and warned) */
       CX_GLYPH_DROP = -2 };    /* an invisible format character: dropped */

typedef struct cx_font cx_font;

/* Opens the four files of set and its fallbacks.  A missing or
 * unreadable file gives CX_EOUTPUT with a message naming it. */
cx_status cx_font_open(const cx_fontset *set, cx_font **out, cx_diag *diag);
void cx_font_free(cx_font *f);

/* Advance of one code point in 1/1000 em, in the face that draws it (the
 * .notdef glyph's of `face` for a placeholder box; 0 when dropped). */
int cx_font_cp_units(cx_font *f, int face, uint32_t cp);

/* The face that draws cp when `face` is asked for: face itself, a
 * fallback face, or CX_GLYPH_NONE / CX_GLYPH_DROP. */
int cx_font_resolve(cx_font *f, int face, uint32_t cp);

/* Number of faces: 4 + the fallback fonts. */
int cx_font_face_count(const cx_font *f);

/* Sum of the advances of the UTF-8 text s[0..len) in 1/1000 em.  Bytes
 * that are not valid UTF-8 count as U+FFFD each. */
long cx_font_units(cx_font *f, int face, const char *s, size_t len);

/* Width in points at size; matches cx_measure_fn in chart.h (ctx is the
 * cx_font). */
double cx_font_measure(void *ctx, int face, double size, const char *s, size_t len);

/* hhea ascender and (positive) descender as fractions of the size. */
double cx_font_ascent(const cx_font *f, int face);
double cx_font_descent(const cx_font *f, int face);

/* Decodes one code point at s[*i] (advancing *i); invalid bytes give
 * U+FFFD and advance by one. */
uint32_t cx_font_next_cp(const char *s, size_t len, size_t *i);

#endif
