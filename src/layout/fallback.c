/*
 * fallback.c — every character drawn by a font that has it.
 *
 * libharu draws a character its font lacks as nothing at all, so layout
 * never hands it one: each text item is cut into runs by the face that
 * draws each character (cx_font_resolve: the face asked for, else the
 * first fallback font that has the glyph).  A character that no font has
 * becomes a visible placeholder, a box the width of the .notdef glyph,
 * and a warning naming the character and the script line; invisible
 * format characters (zero-width spaces, variation selectors) are dropped.
 * Widths were measured the same way (font.c), so the runs sit exactly
 * where the measured line put them.
 *
 * Chart display lists get the same treatment in place, their order
 * kept.  Owns only the list of characters already warned about.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_WARNINGS = 50 };
static const double DEG = 3.14159265358979323846 / 180.0;

void cx_layout_warn(cx_layout_state *L, const char *fmt, ...)
{
    if (L->oom || L->res->warnings.count >= MAX_WARNINGS)
        return;
    cx_diag d;
    va_list ap;
    va_start(ap, fmt);
    cx_diag_vset(&d, CX_OK, L->src_file, L->src_line, 0, fmt, ap);
    va_end(ap);
    d.severity = CX_SEV_WARNING;
    if (!cx_diag_list_add(&L->res->warnings, &d))
        L->oom = true;
}

/* Warns once per character, one warning per block listing them all. */
static void warn_missing(cx_layout_state *L, uint32_t cp, const char *s, size_t len)
{
    for (size_t i = 0; i < L->nwarned; i++)
        if (L->warned[i] == cp)
            return;
    if (L->nwarned == L->cap_warned) {
        size_t ncap = L->cap_warned ? L->cap_warned * 2 : 8;
        uint32_t *nw = realloc(L->warned, ncap * sizeof *nw);
        if (!nw) {
            L->oom = true;
            return;
        }
        L->warned = nw;
        L->cap_warned = ncap;
    }
    L->warned[L->nwarned++] = cp;
    bool same = L->miss_warning && L->miss_line == L->src_line
                && (L->miss_file == L->src_file
                    || (L->miss_file && L->src_file && strcmp(L->miss_file, L->src_file) == 0));
    if (!same) {
        L->nmiss = 0;
        L->miss_list[0] = '\0';
        L->miss_file = L->src_file;
        L->miss_line = L->src_line;
        size_t before = L->res->warnings.count;
        cx_layout_warn(L, "no font has a character");
        L->miss_warning = L->res->warnings.count > before ? L->res->warnings.count : 0;
        if (!L->miss_warning)
            return;
    }
    size_t at = strlen(L->miss_list);
    if (at + 40 < sizeof L->miss_list)
        snprintf(L->miss_list + at, sizeof L->miss_list - at, "%sU+%04X \"%.*s\"",
                 L->nmiss ? ", " : "", (unsigned)cp, (int)len, s);
    else if (!strstr(L->miss_list, ", \xE2\x80\xA6"))
        snprintf(L->miss_list + at, sizeof L->miss_list - at, ", \xE2\x80\xA6");
    L->nmiss++;
    cx_diag *d = &L->res->warnings.items[L->miss_warning - 1];
    if (L->nmiss == 1)
        snprintf(d->message, sizeof d->message, "no font has the character %s: it is drawn as "
                 "a box (name a font that has it in the brand's fonts.fallback)", L->miss_list);
    else
        snprintf(d->message, sizeof d->message, "no font has these %zu characters: %s; they are "
                 "drawn as boxes (name a font that has them in the brand's fonts.fallback)",
                 L->nmiss, L->miss_list);
}

/* True when every character of s is drawn by `face` itself. */
static bool all_in_face(cx_font *font, int face, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp = cx_font_next_cp(s, len, &i);
        if (cx_font_resolve(font, face, cp) != face)
            return false;
    }
    return true;
}

/* The box standing for a character no font has: an outline from the
 * baseline to about the cap height, inset from its advance. */
static void box_of(double x, double base, double w, double size, double out[4])
{
    out[0] = x + w * 0.1;
    out[1] = base;
    out[2] = w * 0.8;
    out[3] = size * 0.7;
}

/* A stretch of text drawn by one face, or one character no font has. */
typedef struct piece {
    size_t start, end;          /* bytes */
    double off, width;          /* from the start of the text, pt */
    int face;                   /* drawing face, or CX_GLYPH_NONE */
    uint32_t cp;                /* CX_GLYPH_NONE: the character */
} piece;

/* The next piece of s from *i (invisible characters no font has are
 * skipped); *units is the advance so far in 1/1000 em.  False at the end. */
static bool next_piece(cx_layout_state *L, int face, double size, const char *s, size_t len,
                       size_t *i, long *units, piece *p)
{
    while (*i < len) {
        size_t j = *i;
        uint32_t cp = cx_font_next_cp(s, len, &j);
        int f = cx_font_resolve(L->font, face, cp);
        long u0 = *units;
        *units += cx_font_cp_units(L->font, face, cp);
        size_t start = *i;
        *i = j;
        if (f == CX_GLYPH_DROP)
            continue;
        /* a run goes on while the next characters draw with the same face */
        while (f != CX_GLYPH_NONE && *i < len) {
            j = *i;
            uint32_t next = cx_font_next_cp(s, len, &j);
            if (cx_font_resolve(L->font, face, next) != f)
                break;
            *units += cx_font_cp_units(L->font, face, next);
            *i = j;
        }
        *p = (piece){ start, *i, (double)u0 * size / 1000.0,
                      (double)(*units - u0) * size / 1000.0, f, cp };
        if (f == CX_GLYPH_NONE)
            warn_missing(L, cp, s + start, *i - start);
        return true;
    }
    return false;
}

void cx_layout_split_text(cx_layout_state *L, size_t page, const cx_item *it)
{
    const cx_item_text *t = &it->text;
    if (t->len == 0 || all_in_face(L->font, t->face, t->text, t->len)) {
        cx_layout_push(L, page, it);
        return;
    }
    double c = cos(t->angle * DEG), sn = sin(t->angle * DEG);
    long units = 0;
    size_t i = 0;
    piece p;
    while (!L->oom && next_piece(L, t->face, t->size, t->text, t->len, &i, &units, &p)) {
        double x = t->x + p.off * c, y = t->y + p.off * sn;
        if (p.face == CX_GLYPH_NONE) {
            double b[4];
            box_of(x, y, p.width, t->size, b);
            cx_item box = { .kind = CX_ITEM_RECT };
            box.rect = (cx_item_rect){ b[0], b[1], b[2], b[3], CX_NONE, t->color,
                                       fmax(0.4, t->size * 0.05) };
            cx_layout_push(L, page, &box);
            continue;
        }
        cx_item run = *it;
        run.text.text = t->text + p.start;
        run.text.len = p.end - p.start;
        run.text.face = p.face;
        run.text.x = x;
        run.text.y = y;
        run.text.width = p.width;
        cx_layout_push(L, page, &run);
    }
}

/* ---- display lists ------------------------------------------------------ */

/* Appends the pieces of text item k to the end of the list; the caller
 * moves them into place.  The text is copied first: appending may move
 * the list's text buffer. */
static void split_dl_item(cx_layout_state *L, cx_dl *dl, size_t k)
{
    cx_dl_item src = dl->items[k];
    const cx_dl_text *t = &src.text;
    char *s = malloc(t->len + 1);
    if (!s) {
        L->oom = true;
        return;
    }
    memcpy(s, cx_dl_text_of(dl, &dl->items[k]), t->len + 1);
    double shift = t->anchor == CX_ANCHOR_CENTER ? t->width / 2
                   : t->anchor == CX_ANCHOR_RIGHT ? t->width : 0;
    /* the start of the run, and its direction (y grows down; rotation 90
     * reads bottom to top) */
    double dx = t->rotation == 90 ? 0 : 1, dy = t->rotation == 90 ? -1 : 0;
    double x0 = t->x - shift * dx, y0 = t->y - shift * dy;
    long units = 0;
    size_t i = 0;
    piece p;
    while (!L->oom && next_piece(L, t->face, t->size, s, t->len, &i, &units, &p)) {
        double px = x0 + p.off * dx, py = y0 + p.off * dy;
        if (p.face == CX_GLYPH_NONE) {
            double b[4];
            box_of(0, 0, p.width, t->size, b);
            if (t->rotation == 90)
                cx_dl_rect(dl, px - b[3], py - b[0] - b[2], b[3], b[2]);
            else
                cx_dl_rect(dl, px + b[0], py - b[3], b[2], b[3]);
            cx_dl_style st = { CX_NONE, t->color, fmax(0.4, t->size * 0.05), { 0, 0 }, false };
            cx_dl_paint(dl, &st, src.role, src.series, src.index);
            continue;
        }
        cx_dl_text_run(dl, src.role, src.series, src.index, p.face, t->size, t->color,
                       CX_ANCHOR_LEFT, px, py, t->rotation, p.width, s + p.start,
                       p.end - p.start);
    }
    free(s);
}

static bool needs_split(cx_layout_state *L, const cx_dl *dl, const cx_dl_item *it)
{
    return it->kind == CX_DL_TEXT
           && !all_in_face(L->font, it->text.face, cx_dl_text_of(dl, it), it->text.len);
}

void cx_layout_split_dl(cx_layout_state *L, cx_dl *dl)
{
    size_t n0 = dl->nitems, nsplit = 0;
    for (size_t k = 0; k < n0; k++)
        nsplit += needs_split(L, dl, &dl->items[k]);
    if (nsplit == 0)
        return;
    /* Append the pieces of every item that needs them, remembering where
     * each item's pieces begin (from[k] == from[k + 1] for an item kept
     * as it is), then rebuild the order. */
    size_t *from = malloc((n0 + 1) * sizeof *from);
    bool *split = malloc(n0 * sizeof *split);
    if (!from || !split) {
        free(from);
        free(split);
        L->oom = true;
        return;
    }
    for (size_t k = 0; k < n0 && !L->oom; k++) {
        from[k] = dl->nitems;
        if ((split[k] = needs_split(L, dl, &dl->items[k])))
            split_dl_item(L, dl, k);
    }
    from[n0] = dl->nitems;
    cx_dl_item *order = L->oom || !cx_dl_ok(dl) ? NULL
                                                : malloc(dl->nitems * sizeof *order);
    if (!order) {
        L->oom = true;
        free(from);
        free(split);
        return;
    }
    size_t m = 0;
    for (size_t k = 0; k < n0; k++) {
        if (split[k]) {
            memcpy(order + m, dl->items + from[k], (from[k + 1] - from[k]) * sizeof *order);
            m += from[k + 1] - from[k];
        } else {
            order[m++] = dl->items[k];
        }
    }
    memcpy(dl->items, order, m * sizeof *order);
    dl->nitems = m;
    free(order);
    free(from);
    free(split);
}
