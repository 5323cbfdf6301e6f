/*
 * linebreak.c — greedy line filling over styled spans.
 *
 * Words are collected as pieces (one per face change inside a word) and
 * measured once; lines are filled word by word, and a word wider than a
 * whole line is cut between code points.  When a line is complete its
 * pieces are merged into runs (one per face) and copied into the arena.
 *
 * Owns only scratch vectors, reused from call to call.  Never decides
 * vertical positions: that is pagination's job.
 */
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

typedef struct piece {
    const char *s;
    size_t len;
    int face;
    long units;
    const cx_span *span;    /* link, reference or note marker; NULL = plain */
    bool space;             /* a word space */
} piece;

typedef struct pvec { piece *v; size_t n, cap; } pvec;

struct cx_linebreak {
    cx_font *font;
    cx_arena *arena;
    pvec word, line;
    cx_lline *lines;
    size_t nlines, cap_lines;
    char *buf;              /* run text being joined */
    size_t cap_buf;
    bool oom;
    /* the line being filled */
    double size, limit;     /* limit in 1/1000 em */
    long line_units;
    bool have_space;        /* white space seen since the last word */
    int space_face;
    const cx_span *space_span;
    bool words;             /* every word a run of its own (justification) */
    cx_ref_fn ref_fn;       /* reference text */
    void *ref_ctx;
    const cx_span *bad_ref; /* a reference the resolver did not know */
};

void cx_linebreak_set_refs(cx_linebreak *lb, cx_ref_fn fn, void *ctx)
{
    lb->ref_fn = fn;
    lb->ref_ctx = ctx;
}

static bool is_marker(const cx_span *sp)
{
    return sp && sp->note > 0;
}

/* Advance of a piece of text in 1/1000 em of the line's size: note
 * markers are superscripts, rounded up so a line never overflows. */
static long units_of(cx_linebreak *lb, int face, const cx_span *sp, const char *s, size_t len)
{
    long u = cx_font_units(lb->font, face, s, len);
    return is_marker(sp) ? (u * CX_SUPER_PERCENT + 99) / 100 : u;
}

static long cp_units(cx_linebreak *lb, int face, const cx_span *sp, uint32_t cp)
{
    long u = cx_font_cp_units(lb->font, face, cp);
    return is_marker(sp) ? (u * CX_SUPER_PERCENT + 99) / 100 : u;
}

/* The text a span prints: a reference's from the resolver. */
static const char *span_text(cx_linebreak *lb, const cx_span *sp, size_t *len)
{
    if (sp->ref && lb->ref_fn) {
        const char *t = lb->ref_fn(lb->ref_ctx, sp);
        if (!t) {
            lb->bad_ref = lb->bad_ref ? lb->bad_ref : sp;
            *len = sp->len;
            return sp->text;
        }
        *len = strlen(t);
        return t;
    }
    *len = sp->len;
    return sp->text;
}

cx_linebreak *cx_linebreak_new(cx_font *font, cx_arena *arena)
{
    cx_linebreak *lb = calloc(1, sizeof *lb);
    if (lb) {
        lb->font = font;
        lb->arena = arena;
    }
    return lb;
}

void cx_linebreak_free(cx_linebreak *lb)
{
    if (!lb)
        return;
    free(lb->word.v);
    free(lb->line.v);
    free(lb->lines);
    free(lb->buf);
    free(lb);
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void push(cx_linebreak *lb, pvec *pv, piece p)
{
    if (pv->n == pv->cap) {
        size_t ncap = pv->cap ? pv->cap * 2 : 32;
        piece *nv = realloc(pv->v, ncap * sizeof *nv);
        if (!nv) {
            lb->oom = true;
            return;
        }
        pv->v = nv;
        pv->cap = ncap;
    }
    pv->v[pv->n++] = p;
}

/* Turns the pieces of the current line into runs in the arena: one run
 * per face and span (per word, too, when breaking for justification, the
 * spaces then left out and counted in each run's gap). */
static void finish_line(cx_linebreak *lb)
{
    pvec *L = &lb->line;
    if (lb->nlines == lb->cap_lines) {
        size_t ncap = lb->cap_lines ? lb->cap_lines * 2 : 16;
        cx_lline *nl = realloc(lb->lines, ncap * sizeof *nl);
        if (!nl) {
            lb->oom = true;
            return;
        }
        lb->lines = nl;
        lb->cap_lines = ncap;
    }
    cx_lline *line = &lb->lines[lb->nlines++];
    line->runs = L->n ? cx_arena_calloc(lb->arena, L->n, sizeof *line->runs) : NULL;
    line->nruns = 0;
    line->gaps = 0;
    line->width = (double)lb->line_units * lb->size / 1000.0;
    if (L->n && !line->runs) {
        lb->oom = true;
        goto reset;
    }
    long x = 0;
    for (size_t i = 0; i < L->n;) {
        if (L->v[i].space)
            line->gaps++;
        if (lb->words && L->v[i].space) {
            x += L->v[i].units;
            i++;
            continue;
        }
        size_t j = i, bytes = 0;
        long units = 0;
        while (j < L->n && L->v[j].face == L->v[i].face && L->v[j].span == L->v[i].span
               && !(lb->words && L->v[j].space)) {
            bytes += L->v[j].len;
            units += L->v[j].units;
            if (j > i && L->v[j].space)
                line->gaps++;
            j++;
        }
        char *t = cx_arena_alloc(lb->arena, bytes + 1);
        if (!t) {
            lb->oom = true;
            goto reset;
        }
        size_t off = 0;
        for (size_t k = i; k < j; k++) {
            memcpy(t + off, L->v[k].s, L->v[k].len);
            off += L->v[k].len;
        }
        t[off] = '\0';
        line->runs[line->nruns++] = (cx_lrun){ t, bytes, L->v[i].face,
                                               (double)x * lb->size / 1000.0,
                                               (double)units * lb->size / 1000.0,
                                               line->gaps, L->v[i].span };
        x += units;
        i = j;
    }
reset:
    L->n = 0;
    lb->line_units = 0;
}

/* Appends a piece of a word to the line (merging with the previous piece
 * when it continues it in the same face). */
static void line_add(cx_linebreak *lb, piece p)
{
    pvec *L = &lb->line;
    if (L->n > 0) {
        piece *last = &L->v[L->n - 1];
        if (last->face == p.face && last->span == p.span && !last->space && !p.space
            && last->s + last->len == p.s) {
            last->len += p.len;
            last->units += p.units;
            lb->line_units += p.units;
            return;
        }
    }
    push(lb, L, p);
    lb->line_units += p.units;
}

/* A word wider than a whole line: cut it between code points, filling
 * each line; at least one character per line so it always progresses. */
static void place_long_word(cx_linebreak *lb)
{
    for (size_t w = 0; w < lb->word.n; w++) {
        piece p = lb->word.v[w];
        size_t seg = 0, i = 0;
        long seg_units = 0;
        while (i < p.len) {
            size_t j = i;
            uint32_t cp = cx_font_next_cp(p.s, p.len, &j);
            long u = cp_units(lb, p.face, p.span, cp);
            bool line_has = lb->line.n > 0 || i > seg;
            if (line_has && (double)(lb->line_units + seg_units + u) > lb->limit) {
                if (i > seg)
                    line_add(lb, (piece){ p.s + seg, i - seg, p.face, seg_units, p.span, false });
                finish_line(lb);
                seg = i;
                seg_units = 0;
            }
            seg_units += u;
            i = j;
        }
        if (i > seg)
            line_add(lb, (piece){ p.s + seg, i - seg, p.face, seg_units, p.span, false });
    }
}

/* Places the collected word on the current line or a new one. */
static void flush_word(cx_linebreak *lb)
{
    pvec *W = &lb->word;
    if (W->n == 0)
        return;
    long wu = 0;
    for (size_t i = 0; i < W->n; i++) {
        W->v[i].units = units_of(lb, W->v[i].face, W->v[i].span, W->v[i].s, W->v[i].len);
        wu += W->v[i].units;
    }
    if (lb->line.n > 0) {
        long su = cx_font_cp_units(lb->font, lb->space_face, ' ');
        if ((double)(lb->line_units + su + wu) <= lb->limit) {
            line_add(lb, (piece){ " ", 1, lb->space_face, su, lb->space_span, true });
            for (size_t i = 0; i < W->n; i++)
                line_add(lb, W->v[i]);
            goto done;
        }
        finish_line(lb);
    }
    if ((double)wu <= lb->limit) {
        for (size_t i = 0; i < W->n; i++)
            line_add(lb, W->v[i]);
    } else {
        place_long_word(lb);
    }
done:
    W->n = 0;
    lb->have_space = false;
}

static void feed(cx_linebreak *lb, const char *s, size_t len, int face, const cx_span *sp)
{
    size_t i = 0;
    while (i < len) {
        if (is_space((unsigned char)s[i])) {
            flush_word(lb);
            if (!lb->have_space) {
                lb->have_space = true;
                lb->space_face = face;
                lb->space_span = sp;
            }
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && !is_space((unsigned char)s[j]))
            j++;
        push(lb, &lb->word, (piece){ s + i, j - i, face, 0, sp, false });
        i = j;
    }
}

/* A span's own pointer when it is a link, reference or note marker. */
static const cx_span *special(const cx_span *sp)
{
    return sp->href || sp->ref || sp->note > 0 ? sp : NULL;
}

static cx_status run(cx_linebreak *lb, const cx_rich *r, const char *plain, size_t plain_len,
                     int plain_face, unsigned extra, double size, double max_width,
                     cx_ltext *out, cx_diag *diag)
{
    lb->word.n = lb->line.n = 0;
    lb->nlines = 0;
    lb->line_units = 0;
    lb->have_space = false;
    lb->space_face = 0;
    lb->space_span = NULL;
    lb->oom = false;
    lb->bad_ref = NULL;
    lb->size = size;
    lb->limit = max_width * 1000.0 / size + 1e-6;
    if (r) {
        for (size_t i = 0; i < r->nspans; i++) {
            size_t len;
            const char *t = span_text(lb, &r->spans[i], &len);
            feed(lb, t, len, (int)((r->spans[i].style | extra) & 3u), special(&r->spans[i]));
        }
    } else if (plain) {
        feed(lb, plain, plain_len, plain_face, NULL);
    }
    flush_word(lb);
    if (lb->line.n > 0)
        finish_line(lb);
    out->size = size;
    out->nlines = 0;
    out->lines = NULL;
    if (!lb->oom && lb->nlines > 0) {
        out->lines = cx_arena_calloc(lb->arena, lb->nlines, sizeof *out->lines);
        if (out->lines) {
            memcpy(out->lines, lb->lines, lb->nlines * sizeof *out->lines);
            out->nlines = lb->nlines;
        } else {
            lb->oom = true;
        }
    }
    if (lb->oom)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory breaking lines");
    if (lb->bad_ref)
        return cx_diag_set(diag, CX_ESCRIPT, NULL, 0, 0,
                           "unknown reference {ref:%s}: no table or figure has that label",
                           lb->bad_ref->ref);
    return CX_OK;
}

cx_status cx_linebreak_rich(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                            double size, double max_width, cx_ltext *out, cx_diag *diag)
{
    lb->words = false;
    return run(lb, r, NULL, 0, 0, extra_style, size, max_width, out, diag);
}

cx_status cx_linebreak_words(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                             double size, double max_width, cx_ltext *out, cx_diag *diag)
{
    lb->words = true;
    cx_status st = run(lb, r, NULL, 0, 0, extra_style, size, max_width, out, diag);
    lb->words = false;
    return st;
}

cx_status cx_linebreak_plain(cx_linebreak *lb, const char *s, int face, double size,
                             double max_width, cx_ltext *out, cx_diag *diag)
{
    lb->words = false;
    return run(lb, NULL, s, strlen(s), face, 0, size, max_width, out, diag);
}

void cx_linebreak_measure(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                          double size, double *natural, double *widest_word)
{
    long total = 0, word = 0, widest = 0;
    bool in_word = false, any = false, space = false;
    int space_face = 0;
    for (size_t k = 0; k < r->nspans; k++) {
        size_t len;
        const char *s = span_text(lb, &r->spans[k], &len);
        const cx_span *sp = special(&r->spans[k]);
        int face = (int)((r->spans[k].style | extra_style) & 3u);
        for (size_t i = 0; i < len;) {
            if (is_space((unsigned char)s[i])) {
                if (in_word) {
                    widest = word > widest ? word : widest;
                    word = 0;
                    in_word = false;
                }
                if (!space) {
                    space = true;
                    space_face = face;
                }
                i++;
                continue;
            }
            size_t j = i;
            while (j < len && !is_space((unsigned char)s[j]))
                j++;
            if (!in_word && any && space)
                total += cx_font_cp_units(lb->font, space_face, ' ');
            long u = units_of(lb, face, sp, s + i, j - i);
            total += u;
            word += u;
            in_word = any = true;
            space = false;
            i = j;
        }
    }
    widest = word > widest ? word : widest;
    *natural = (double)total * size / 1000.0;
    *widest_word = (double)widest * size / 1000.0;
}
