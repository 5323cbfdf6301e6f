/*
 * font.c — FreeType behind one module: opening the faces of a family and
 * measuring UTF-8 text with their advances.
 *
 * Owns its FT_Library (one per cx_font: no process-wide state) and a
 * per-face cache of advances: a flat table for the first 2048 code points
 * (Latin, Greek, Cyrillic and more) and an open-addressing hash for the
 * rest.  Never scales, hints or kerns: the widths must be the ones
 * libharu writes into the PDF.
 */
#include "font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <stdlib.h>
#include <string.h>

enum { DIRECT = 0x800, HASH_MIN = 64 };

typedef struct far_entry { uint32_t cp; int32_t units; } far_entry;  /* units < 0: empty */

typedef struct face_cache {
    FT_Face face;
    long upem;
    double ascent, descent;
    int16_t direct[DIRECT];             /* -1 = not yet measured */
    far_entry *far;
    size_t far_cap, far_used;
} face_cache;

struct cx_font {
    FT_Library lib;
    face_cache faces[CX_FONT_FACES];
};

void cx_font_free(cx_font *f)
{
    if (!f)
        return;
    for (int i = 0; i < CX_FONT_FACES; i++) {
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
    const char *paths[CX_FONT_FACES] = { set->regular, set->bold, set->italic,
                                         set->bold_italic };
    static const char *const names[CX_FONT_FACES] = { "regular", "bold", "italic",
                                                      "bold italic" };
    cx_status st = CX_OK;
    cx_font *f = calloc(1, sizeof *f);
    if (!f)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory opening fonts");
    if (FT_Init_FreeType(&f->lib) != 0) {
        f->lib = NULL;
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "cannot initialise FreeType");
        goto fail;
    }
    for (int i = 0; i < CX_FONT_FACES; i++) {
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

/* libharu: advance_width * 1000 / units_per_em in unsigned integers. */
static int32_t measure_cp(face_cache *fc, uint32_t cp)
{
    FT_UInt gid = FT_Get_Char_Index(fc->face, cp);
    FT_Fixed adv = 0;
    if (FT_Get_Advance(fc->face, gid, FT_LOAD_NO_SCALE, &adv) != 0)
        adv = 0;
    if (adv < 0)
        adv = 0;
    return (int32_t)((unsigned long)adv * 1000ul / (unsigned long)fc->upem);
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

int cx_font_cp_units(cx_font *f, int face, uint32_t cp)
{
    face_cache *fc = &f->faces[face & (CX_FONT_FACES - 1)];
    if (cp < DIRECT) {
        if (fc->direct[cp] < 0)
            fc->direct[cp] = (int16_t)measure_cp(fc, cp);
        return fc->direct[cp];
    }
    if (fc->far_used * 2 >= fc->far_cap && !far_grow(fc))
        return measure_cp(fc, cp);   /* out of memory: measure uncached */
    size_t h = (cp * 2654435761u) & (fc->far_cap - 1);
    while (fc->far[h].units >= 0) {
        if (fc->far[h].cp == cp)
            return fc->far[h].units;
        h = (h + 1) & (fc->far_cap - 1);
    }
    fc->far[h].cp = cp;
    fc->far[h].units = measure_cp(fc, cp);
    fc->far_used++;
    return fc->far[h].units;
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
    face_cache *fc = &f->faces[face & (CX_FONT_FACES - 1)];
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
    return f->faces[face & (CX_FONT_FACES - 1)].ascent;
}

double cx_font_descent(const cx_font *f, int face)
{
    return f->faces[face & (CX_FONT_FACES - 1)].descent;
}
