/*
 * font.c — FreeType behind one module: opening the faces of a family and
 * its fallback fonts, deciding which face draws each character, and
 * measuring UTF-8 text with their advances.
 *
 * A character the face asked for lacks is drawn by the first fallback
 * font that has it; one that no font has is drawn as a placeholder box
 * the width of the face's .notdef glyph (layout draws the box and warns),
 * except invisible format characters (zero-width spaces, variation
 * selectors), which are dropped.
 *
 * Owns its FT_Library (one per cx_font: no process-wide state) and a
 * per-face cache of (advance, drawing face): a flat table for the first
 * 2048 code points (Latin, Greek, Cyrillic and more) and an
 * open-addressing hash for the rest.  Never scales, hints or kerns: the
 * widths must be the ones libharu writes into the PDF.
 */
#include "font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { DIRECT = 0x800, HASH_MIN = 64 };

typedef struct far_entry {
    uint32_t cp;
    int32_t units;                      /* < 0: empty slot */
    int8_t res;                         /* drawing face, CX_GLYPH_* when none */
} far_entry;

typedef struct face_cache {
    FT_Face face;
    long upem;
    double ascent, descent;
    int16_t direct[DIRECT];             /* -1 = not yet measured */
    int8_t dres[DIRECT];                /* drawing face of each direct entry */
    far_entry *far;
    size_t far_cap, far_used;
} face_cache;

struct cx_font {
    FT_Library lib;
    int nfaces;                         /* CX_FONT_FACES + fallbacks */
    face_cache faces[CX_MAX_FACES];
};

/* A face index as given, or 0 when out of range. */
static int face_ix(const cx_font *f, int face)
{
    return face >= 0 && face < f->nfaces ? face : 0;
}

void cx_font_free(cx_font *f)
{
    if (!f)
        return;
    for (int i = 0; i < CX_MAX_FACES; i++) {
        if (f->faces[i].face)
            FT_Done_Face(f->faces[i].face);
        free(f->faces[i].far);
    }
    if (f->lib)
        FT_Done_FreeType(f->lib);
    free(f);
}

cx_status cx_font_open(const cx_fontset *set, cx_font **out, cx_diag *diag)
{
    *out = NULL;
    const char *paths[CX_MAX_FACES] = { set->regular, set->bold, set->italic,
                                        set->bold_italic };
    static const char *const names[CX_MAX_FACES] = { "regular", "bold", "italic",
                                                     "bold italic", "fallback", "fallback",
                                                     "fallback", "fallback" };
    size_t nfb = set->nfallback < CX_MAX_FALLBACK ? set->nfallback : CX_MAX_FALLBACK;
    for (size_t k = 0; k < nfb; k++)
        paths[CX_FACE_FALLBACK + k] = set->fallback[k];
    cx_status st = CX_OK;
    cx_font *f = calloc(1, sizeof *f);
    if (!f)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory opening fonts");
    if (FT_Init_FreeType(&f->lib) != 0) {
        f->lib = NULL;
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "cannot initialise FreeType");
        goto fail;
    }
    f->nfaces = CX_FONT_FACES + (int)nfb;
    for (int i = 0; i < f->nfaces; i++) {
        face_cache *fc = &f->faces[i];
        if (!paths[i]) {
            st = cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "no font file given for the %s face",
                             names[i]);
            goto fail;
        }
        FT_Error err = FT_New_Face(f->lib, paths[i], 0, &fc->face);
        if (err) {
            fc->face = NULL;
            st = cx_diag_set(diag, CX_EOUTPUT, paths[i], 0, 0,
                             err == FT_Err_Cannot_Open_Resource
                                 ? "cannot open font file (%s face): no such file or not readable"
                                 : "not a usable TrueType font file (%s face)",
                             names[i]);
            goto fail;
        }
        if (!FT_IS_SFNT(fc->face) || !FT_IS_SCALABLE(fc->face) || fc->face->units_per_EM == 0
            || FT_Select_Charmap(fc->face, FT_ENCODING_UNICODE) != 0) {
            st = cx_diag_set(diag, CX_EOUTPUT, paths[i], 0, 0,
                             "not a usable TrueType font file (%s face): no Unicode outlines",
                             names[i]);
            goto fail;
        }
        fc->upem = fc->face->units_per_EM;
        fc->ascent = (double)fc->face->ascender / (double)fc->upem;
        fc->descent = -(double)fc->face->descender / (double)fc->upem;
        memset(fc->direct, 0xFF, sizeof fc->direct);
    }
    *out = f;
    return CX_OK;
fail:
    cx_font_free(f);
    return st;
}

/* Invisible format characters: dropped when no font has them. */
static bool ignorable(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F)
           || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF
           || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* The face that draws cp when `face` is asked for. */
static int resolve(const cx_font *f, int face, uint32_t cp)
{
    /* libharu maps only the basic plane (a format-4 cmap) */
    if (cp <= 0xFFFF && FT_Get_Char_Index(f->faces[face].face, cp) != 0)
        return face;
    /* fallback fonts may be subset, which takes the private use area */
    bool pua = cp >= 0xE000 && cp <= 0xF8FF;
    for (int k = CX_FONT_FACES; face < CX_FONT_FACES && k < f->nfaces && cp <= 0xFFFF && !pua; k++)
        if (FT_Get_Char_Index(f->faces[k].face, cp) != 0)
            return k;
    return ignorable(cp) ? CX_GLYPH_DROP : CX_GLYPH_NONE;
}

/* libharu: advance_width * 1000 / units_per_em in unsigned integers.
 * With no glyph, the .notdef glyph's advance (the placeholder box). */
static int32_t measure_gid(const face_cache *fc, FT_UInt gid)
{
    FT_Fixed adv = 0;
    if (FT_Get_Advance(fc->face, gid, FT_LOAD_NO_SCALE, &adv) != 0)
        adv = 0;
    if (adv < 0)
        adv = 0;
    return (int32_t)((unsigned long)adv * 1000ul / (unsigned long)fc->upem);
}

static int32_t measure_cp(const cx_font *f, int face, uint32_t cp, int8_t *res)
{
    int r = resolve(f, face, cp);
    *res = (int8_t)r;
    if (r == CX_GLYPH_DROP)
        return 0;
    if (r == CX_GLYPH_NONE)
        return measure_gid(&f->faces[face], 0);
    return measure_gid(&f->faces[r], FT_Get_Char_Index(f->faces[r].face, cp));
}

static bool far_grow(face_cache *fc)
{
    size_t ncap = fc->far_cap ? fc->far_cap * 2 : HASH_MIN;
    far_entry *n = malloc(ncap * sizeof *n);
    if (!n)
        return false;
    for (size_t i = 0; i < ncap; i++)
        n[i].units = -1;
    for (size_t i = 0; i < fc->far_cap; i++) {
        if (fc->far[i].units < 0)
            continue;
        size_t h = (fc->far[i].cp * 2654435761u) & (ncap - 1);
        while (n[h].units >= 0)
            h = (h + 1) & (ncap - 1);
        n[h] = fc->far[i];
    }
    free(fc->far);
    fc->far = n;
    fc->far_cap = ncap;
    return true;
}

/* Advance and drawing face of cp in face, cached. */
static int32_t lookup(cx_font *f, int face, uint32_t cp, int *res)
{
    face = face_ix(f, face);
    face_cache *fc = &f->faces[face];
    int8_t r;
    if (cp < DIRECT) {
        if (fc->direct[cp] < 0) {
            fc->direct[cp] = (int16_t)measure_cp(f, face, cp, &r);
            fc->dres[cp] = r;
        }
        *res = fc->dres[cp];
        return fc->direct[cp];
    }
    if (fc->far_used * 2 >= fc->far_cap && !far_grow(fc)) {
        int32_t u = measure_cp(f, face, cp, &r);   /* out of memory: uncached */
        *res = r;
        return u;
    }
    size_t h = (cp * 2654435761u) & (fc->far_cap - 1);
    while (fc->far[h].units >= 0) {
        if (fc->far[h].cp == cp) {
            *res = fc->far[h].res;
            return fc->far[h].units;
        }
        h = (h + 1) & (fc->far_cap - 1);
    }
    fc->far[h].cp = cp;
    fc->far[h].units = measure_cp(f, face, cp, &r);
    fc->far[h].res = r;
    fc->far_used++;
    *res = r;
    return fc->far[h].units;
}

int cx_font_cp_units(cx_font *f, int face, uint32_t cp)
{
    int res;
    return lookup(f, face, cp, &res);
}

int cx_font_resolve(cx_font *f, int face, uint32_t cp)
{
    int res;
    lookup(f, face, cp, &res);
    return res;
}

int cx_font_face_count(const cx_font *f)
{
    return f->nfaces;
}

uint32_t cx_font_next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = *i;
    unsigned char c = p[k];
    if (c < 0x80) {
        *i = k + 1;
        return c;
    }
    size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (need == 0 || c > 0xF4 || len - k <= need) {
        *i = k + 1;
        return 0xFFFD;
    }
    uint32_t cp = c & (0x3Fu >> need);
    for (size_t j = 1; j <= need; j++) {
        if ((p[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[k + j] & 0x3Fu);
    }
    *i = k + need + 1;
    return cp;
}

long cx_font_units(cx_font *f, int face, const char *s, size_t len)
{
    long sum = 0;
    const unsigned char *p = (const unsigned char *)s;
    face = face_ix(f, face);
    face_cache *fc = &f->faces[face];
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {                   /* the common case, inline */
            int16_t u = fc->direct[p[i]];
            sum += u >= 0 ? u : cx_font_cp_units(f, face, p[i]);
            i++;
            continue;
        }
        sum += cx_font_cp_units(f, face, cx_font_next_cp(s, len, &i));
    }
    return sum;
}

double cx_font_measure(void *ctx, int face, double size, const char *s, size_t len)
{
    return (double)cx_font_units(ctx, face, s, len) * size / 1000.0;
}

double cx_font_ascent(const cx_font *f, int face)
{
    return f->faces[face_ix(f, face)].ascent;
}

double cx_font_descent(const cx_font *f, int face)
{
    return f->faces[face_ix(f, face)].descent;
}
