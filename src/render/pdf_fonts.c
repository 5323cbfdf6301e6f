/*
 * pdf_fonts.c — the subsets of the fonts a document embeds (pdf_fonts.h):
 * which characters it draws in each face, the subset of those
 * (ttsubset.c), and the file libharu reads it from.
 *
 * Owns the temporary files until cx_pdf_subsets_free.  Never calls
 * libharu: pdf.c loads what is made here.
 */
#include "pdf_fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ttsubset.h"

/* The distinct characters of the BMP drawn in a font: the subsetter
 * looks each up once. */
typedef struct cpset {
    uint32_t *v;
    size_t n, cap;
    bool oom;
    unsigned char seen[0x10000 / 8];
} cpset;

static void add_text(cpset *s, const char *t, size_t len)
{
    const unsigned char *p = (const unsigned char *)t;
    for (size_t i = 0; i < len && !s->oom;) {
        uint32_t cp = p[i];
        size_t need = cp < 0x80 ? 0 : cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (i + need >= len)
            break;                      /* truncated: layout never makes one */
        cp = need == 0 ? cp : cp & (0x3Fu >> need);
        for (size_t k = 1; k <= need; k++)
            cp = cp << 6 | (p[i + k] & 0x3Fu);
        i += need + 1;
        if (cp > 0xFFFF || (s->seen[cp >> 3] & (1u << (cp & 7))))
            continue;                   /* libharu maps only the BMP */
        s->seen[cp >> 3] |= (unsigned char)(1u << (cp & 7));
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            uint32_t *nv = realloc(s->v, cap * sizeof *nv);
            if (!nv) {
                s->oom = true;
                return;
            }
            s->v = nv;
            s->cap = cap;
        }
        s->v[s->n++] = cp;
    }
}

/* Every character drawn in `face`, text items and charts alike. */
static void collect(const cx_layout_result *lr, int face, cpset *s)
{
    for (size_t p = 0; p < lr->npages; p++) {
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT && it->text.face == face) {
                add_text(s, it->text.text, it->text.len);
            } else if (it->kind == CX_ITEM_DL && it->dl.dl) {
                const cx_dl *dl = it->dl.dl;
                for (size_t k = 0; k < dl->nitems; k++)
                    if (dl->items[k].kind == CX_DL_TEXT && dl->items[k].text.face == face)
                        add_text(s, cx_dl_text_of(dl, &dl->items[k]), dl->items[k].text.len);
            }
        }
    }
}

void cx_pdf_subsets_free(cx_pdf_subsets *s)
{
    for (int f = 0; f < CX_MAX_FACES; f++)
        if (s->file[f]) {
            fclose(s->file[f]);
            s->file[f] = NULL;
        }
}

cx_status cx_pdf_subsets_make(const cx_layout_result *lr, const char *const *paths,
                              const bool *used, cx_pdf_subsets *out, cx_diag *diag)
{
    memset(out, 0, sizeof *out);
    cx_status st = CX_OK;
    for (int f = 0; f < CX_MAX_FACES && st == CX_OK; f++) {
        if (!used[f] || !paths[f])
            continue;
        bool seen = false;              /* faces sharing a file share its subset */
        for (int g = 0; g < f; g++)
            seen |= used[g] && paths[g] && strcmp(paths[g], paths[f]) == 0;
        if (seen)
            continue;
        cpset *s = calloc(1, sizeof *s);
        if (!s) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
            break;
        }
        for (int h = f; h < CX_MAX_FACES; h++)
            if (used[h] && paths[h] && strcmp(paths[h], paths[f]) == 0)
                collect(lr, h, s);
        unsigned char *bytes = NULL;
        size_t len = 0;
        bool oom = s->oom;
        cx_diag sd;
        cx_diag_clear(&sd);
        st = oom ? CX_EINTERNAL : cx_ttf_subset(paths[f], s->v, s->n, &bytes, &len, &sd);
        free(s->v);
        free(s);
        /* A font libharu can take whole that the subsetter cannot read
         * (a symbol cmap, say) is embedded as it is, as it was before;
         * libharu reports what is wrong with it, if anything. */
        if (st == CX_EOUTPUT && cx_ttf_glyph_count(paths[f]) <= CX_TTF_GLYPH_LIMIT) {
            st = CX_OK;
            continue;
        }
        if (oom) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
            break;
        }
        if (st != CX_OK) {
            *diag = sd;
            break;
        }
        /* libharu loads fonts from files only: the subset goes through an
         * unnamed temporary file (tmpfile: in /tmp) */
        FILE *tf = tmpfile();
        if (!tf || fwrite(bytes, 1, len, tf) != len || fflush(tf) != 0) {
            st = cx_diag_set(diag, CX_EOUTPUT, paths[f], 0, 0,
                             "cannot write a temporary subset of this font to /tmp: %s",
                             strerror(errno));
            if (tf)
                fclose(tf);
        } else {
            out->file[f] = tf;
            snprintf(out->path[f], sizeof out->path[f], "/proc/self/fd/%d", fileno(tf));
            /* maxp.numGlyphs of the subset, found through its directory */
            for (unsigned t = 0; t < 13; t++) {
                const unsigned char *r = bytes + 12 + 16 * t;
                if (memcmp(r, "maxp", 4) == 0) {
                    size_t off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8
                                 | r[11];
                    out->glyphs[f] = (unsigned)bytes[off + 4] << 8 | bytes[off + 5];
                }
            }
        }
        free(bytes);
    }
    if (st != CX_OK)
        cx_pdf_subsets_free(out);
    return st;
}

char *cx_pdf_font_pua_text(unsigned glyphs)
{
    if (glyphs < 2)
        return NULL;
    unsigned n = glyphs - 1 < 0x18FF ? glyphs - 1 : 0x18FF;
    char *t = malloc(3 * (size_t)n + 1), *o = t;
    if (!t)
        return NULL;
    for (unsigned g = 1; g <= n; g++) {
        uint32_t cp = 0xE000 + g;
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = '\0';
    return t;
}
