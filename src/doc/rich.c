/*
 * rich.c — inline markup to styled spans.
 *
 *   **bold**   *italic*   ***bold italic***   \*  \\
 *
 * A small cousin of CommonMark's emphasis algorithm: runs of unescaped
 * '*' are delimiters; a run can open when the next character is not white
 * space and can close when the previous one is not.  Each closer takes the
 * nearest opener on a stack, using two stars (bold) when both sides have
 * two, else one (italic), and keeps matching while both have stars left
 * (so *** opens and closes bold and italic at once).  Whatever stars stay
 * unmatched are printed as they are, so no input is ever an error (except
 * invalid UTF-8).
 *
 * Owns no memory: scratch buffers are freed before returning, spans live
 * in the caller's arena.  Never looks at fonts or widths.
 */
#include "cxreport/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct tok {
    bool delim;
    size_t off, len;        /* text: bytes in the scratch buffer; delim: star count */
    size_t rem;             /* delim: stars not yet matched */
    bool can_open, can_close;
} tok;

typedef struct match { size_t open, close; unsigned style; } match;

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Appends text to the span list, merging with the last span when the style
 * is the same.  Text is collected in out_buf; spans point into it by
 * offset until the end, when they are copied into the arena. */
typedef struct span_acc {
    char *buf;
    size_t len;
    size_t *start, *end;
    unsigned *style;
    size_t n;
} span_acc;

static void acc_add(span_acc *a, const char *s, size_t len, unsigned style)
{
    if (len == 0)
        return;
    if (!(a->n > 0 && a->style[a->n - 1] == style && a->end[a->n - 1] == a->len)) {
        a->start[a->n] = a->len;
        a->style[a->n] = style;
        a->n++;
    }
    memcpy(a->buf + a->len, s, len);
    a->len += len;
    a->end[a->n - 1] = a->len;
}

static cx_status parse(cx_arena *arena, const char *s, size_t n, cx_rich *out,
                       cx_diag *diag)
{
    cx_status st = CX_EINTERNAL;
    /* At most n tokens, n matches (each match consumes at least one star),
     * n bytes of text and n spans (plus one for the empty cases). */
    size_t cap = n + 1;
    tok *toks = calloc(cap, sizeof *toks);
    match *ms = calloc(cap, sizeof *ms);
    size_t *stack = calloc(cap, sizeof *stack);
    int *bold = calloc(cap + 1, sizeof *bold), *ital = calloc(cap + 1, sizeof *ital);
    char *text = malloc(cap);
    span_acc acc = { malloc(cap), 0, calloc(cap, sizeof(size_t)),
                     calloc(cap, sizeof(size_t)), calloc(cap, sizeof(unsigned)), 0 };
    if (!toks || !ms || !stack || !bold || !ital || !text || !acc.buf || !acc.start
        || !acc.end || !acc.style) {
        cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory parsing markup");
        goto done;
    }

    /* 1. Tokens: text (escapes resolved) and star runs. */
    size_t ntok = 0, tlen = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '*') {
            size_t j = i;
            while (j < n && s[j] == '*')
                j++;
            unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
            unsigned char next = j < n ? (unsigned char)s[j] : ' ';
            toks[ntok++] = (tok){ .delim = true, .len = j - i, .rem = j - i,
                                  .can_open = !is_space(next), .can_close = !is_space(prev) };
            i = j;
            continue;
        }
        if (ntok == 0 || toks[ntok - 1].delim)
            toks[ntok++] = (tok){ .delim = false, .off = tlen };
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '\\')) {
            text[tlen++] = s[i + 1];
            i += 2;
        } else {
            text[tlen++] = s[i++];
        }
        toks[ntok - 1].len = tlen - toks[ntok - 1].off;
    }

    /* 2. Match closers with openers. */
    size_t nms = 0, sp = 0;
    for (size_t t = 0; t < ntok; t++) {
        tok *d = &toks[t];
        if (!d->delim)
            continue;
        if (d->can_close) {
            while (d->rem > 0 && sp > 0) {
                size_t oi = stack[sp - 1];
                tok *o = &toks[oi];
                size_t use = (o->rem >= 2 && d->rem >= 2) ? 2 : 1;
                ms[nms++] = (match){ oi, t, use == 2 ? CX_STYLE_BOLD : CX_STYLE_ITALIC };
                o->rem -= use;
                d->rem -= use;
                if (o->rem == 0)
                    sp--;
            }
        }
        if (d->rem > 0 && d->can_open)
            stack[sp++] = t;
    }

    /* 3. Style of each token: the matches that strictly enclose it.  The
     * stars a delimiter keeps are literal text at that token's place. */
    for (size_t m = 0; m < nms; m++) {
        int *cnt = ms[m].style == CX_STYLE_BOLD ? bold : ital;
        cnt[ms[m].open + 1]++;
        cnt[ms[m].close]--;
    }
    int b = 0, it = 0;
    for (size_t t = 0; t < ntok; t++) {
        b += bold[t];
        it += ital[t];
        unsigned style = (b > 0 ? CX_STYLE_BOLD : 0u) | (it > 0 ? CX_STYLE_ITALIC : 0u);
        if (toks[t].delim) {
            for (size_t k = 0; k < toks[t].rem; k++)
                acc_add(&acc, "*", 1, style);
        } else {
            acc_add(&acc, text + toks[t].off, toks[t].len, style);
        }
    }

    /* 4. Copy the spans into the arena. */
    out->nspans = 0;
    out->spans = NULL;
    if (acc.n > 0) {
        out->spans = cx_arena_calloc(arena, acc.n, sizeof *out->spans);
        if (!out->spans) {
            cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory parsing markup");
            goto done;
        }
        for (size_t k = 0; k < acc.n; k++) {
            size_t len = acc.end[k] - acc.start[k];
            char *p = cx_arena_strndup(arena, acc.buf + acc.start[k], len);
            if (!p) {
                out->spans = NULL;
                cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory parsing markup");
                goto done;
            }
            out->spans[k] = (cx_span){ p, len, acc.style[k] };
        }
        out->nspans = acc.n;
    }
    st = CX_OK;
done:
    free(toks);
    free(ms);
    free(stack);
    free(bold);
    free(ital);
    free(text);
    free(acc.buf);
    free(acc.start);
    free(acc.end);
    free(acc.style);
    return st;
}

cx_status cx_rich_parse(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag)
{
    if (!arena || !markup || !out)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "cx_rich_parse: missing argument");
    size_t n = strlen(markup), bad;
    if (!cx_utf8_valid(markup, n, &bad))
        return cx_diag_set(diag, CX_ESCRIPT, NULL, 0, 0, "invalid UTF-8 in text at byte %zu",
                           bad + 1);
    return parse(arena, markup, n, out, diag);
}
