/*
 * rich.c — inline markup to styled spans.
 *
 *   **bold**   *italic*   ***bold italic***   \*  \\  \[  \]  \{  \}  \^
 *   [text](https://…)   https://…   {ref:LABEL}   text^[note]
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
 * Before emphasis, the tokenizer finds the inline constructs: a link
 * [text](url) whose url is http(s) or mailto and whose text may carry
 * emphasis; a bare http(s) URL (trailing punctuation left out); a
 * reference {ref:LABEL}; an end note ^[markup] (kept raw: the document
 * numbers and parses it).  Brackets are matched once with a stack, so the
 * scan stays linear whatever the input.  Anything that does not complete
 * a construct is literal text.
 *
 * Owns no memory: scratch buffers are freed before returning, spans live
 * in the caller's arena.  Never looks at fonts or widths.
 */
#include "cxreport/doc.h"
#include "doc_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum attr_kind { ATTR_LINK = 1, ATTR_REF, ATTR_NOTE } attr_kind;

/* What a text token is part of: a link (its URL), a reference (the token
 * is the label) or a note (the token is the note's raw markup). */
typedef struct attr {
    attr_kind kind;
    size_t off, len;        /* LINK: the URL in the source */
} attr;

typedef struct tok {
    bool delim;
    size_t off, len;        /* text: bytes in the scratch buffer; delim: star count */
    size_t rem;             /* delim: stars not yet matched */
    bool can_open, can_close;
    size_t attr;            /* text: 0 = plain, else attrs[attr - 1] */
} tok;

typedef struct match { size_t open, close; unsigned style; } match;

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool escapable(char c)
{
    return c == '*' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}' || c == '^';
}

static bool label_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Appends text to the span list, merging with the last span when the style
 * and attribute are the same.  Text is collected in buf; spans point into
 * it by offset until the end, when they are copied into the arena. */
typedef struct span_acc {
    char *buf;
    size_t len;
    size_t *start, *end;
    unsigned *style;
    size_t *attr;
    size_t n;
} span_acc;

static void acc_add(span_acc *a, const char *s, size_t len, unsigned style, size_t at)
{
    if (len == 0)
        return;
    if (!(a->n > 0 && a->style[a->n - 1] == style && a->attr[a->n - 1] == at
          && a->end[a->n - 1] == a->len)) {
        a->start[a->n] = a->len;
        a->style[a->n] = style;
        a->attr[a->n] = at;
        a->n++;
    }
    memcpy(a->buf + a->len, s, len);
    a->len += len;
    a->end[a->n - 1] = a->len;
}

static bool has_prefix(const char *s, size_t n, size_t i, const char *p)
{
    size_t k = strlen(p);
    return n - i >= k && memcmp(s + i, p, k) == 0;
}

/* The URL of a link [text](url) starting at s[i] == '(': its end (the
 * closing parenthesis) or 0 when it is not one. */
static size_t link_url_end(const char *s, size_t n, size_t i)
{
    if (i >= n || s[i] != '(')
        return 0;
    size_t u = i + 1;
    if (!has_prefix(s, n, u, "http://") && !has_prefix(s, n, u, "https://")
        && !has_prefix(s, n, u, "mailto:"))
        return 0;
    size_t j = u;
    while (j < n && s[j] != ')' && !is_space((unsigned char)s[j]) && (unsigned char)s[j] >= 0x20
           && j - u < 1000)
        j++;
    if (j >= n || s[j] != ')')
        return 0;
    size_t scheme = s[u] == 'm' ? 7 : s[u + 4] == 's' ? 8 : 7;
    return j > u + scheme ? j : 0;
}

/* A bare URL at s[i]: its length, or 0.  It runs to white space and
 * leaves out trailing punctuation (and a closing parenthesis it does not
 * open), as readers expect of "see https://example.com." */
static size_t bare_url_len(const char *s, size_t n, size_t i)
{
    size_t scheme = has_prefix(s, n, i, "https://") ? 8 : has_prefix(s, n, i, "http://") ? 7 : 0;
    if (!scheme)
        return 0;
    if (i > 0 && !is_space((unsigned char)s[i - 1]) && s[i - 1] != '(' && s[i - 1] != '*')
        return 0;
    size_t j = i + scheme;
    while (j < n && !is_space((unsigned char)s[j]) && (unsigned char)s[j] >= 0x20
           && s[j] != '<' && s[j] != '>' && s[j] != '"' && j - i < 1000)
        j++;
    for (;;) {
        char c = s[j - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\''
            || c == '*') {
            j--;
        } else if (c == ')') {
            long depth = 0;
            for (size_t k = i; k < j; k++)
                depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
            if (depth >= 0)
                break;
            j--;
        } else {
            break;
        }
        if (j <= i + scheme)
            return 0;
    }
    return j > i + scheme ? j - i : 0;
}

/* The position of the closing bracket of each '[' (n when unmatched),
 * found with one stack pass; escaped brackets do not count. */
static void match_brackets(const char *s, size_t n, size_t *close, size_t *stack)
{
    size_t sp = 0;
    for (size_t i = 0; i < n; i++) {
        close[i] = n;
        if (s[i] == '\\' && i + 1 < n && escapable(s[i + 1])) {
            close[++i] = n;
            continue;
        }
        if (s[i] == '[')
            stack[sp++] = i;
        else if (s[i] == ']' && sp > 0)
            close[stack[--sp]] = i;
    }
}

static cx_status parse(cx_arena *arena, const char *s, size_t n, bool notes, cx_rich *out,
                       cx_diag *diag)
{
    cx_status st = CX_EINTERNAL;
    /* At most n tokens, n matches (each match consumes at least one star),
     * n bytes of text, n spans and n attributes (plus one for the empty
     * cases). */
    size_t cap = n + 1;
    tok *toks = calloc(cap, sizeof *toks);
    match *ms = calloc(cap, sizeof *ms);
    size_t *stack = calloc(cap, sizeof *stack), *close = calloc(cap, sizeof *close);
    int *bold = calloc(cap + 1, sizeof *bold), *ital = calloc(cap + 1, sizeof *ital);
    char *text = malloc(cap);
    attr *attrs = calloc(cap, sizeof *attrs);
    span_acc acc = { malloc(cap), 0, calloc(cap, sizeof(size_t)), calloc(cap, sizeof(size_t)),
                     calloc(cap, sizeof(unsigned)), calloc(cap, sizeof(size_t)), 0 };
    if (!toks || !ms || !stack || !close || !bold || !ital || !text || !attrs || !acc.buf
        || !acc.start || !acc.end || !acc.style || !acc.attr) {
        cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory parsing markup");
        goto done;
    }
    match_brackets(s, n, close, stack);

    /* 1. Tokens: text (escapes resolved, tagged with the construct it
     * belongs to) and star runs. */
    size_t ntok = 0, tlen = 0, nattr = 0;
    size_t link = 0, link_close = n, link_after = n;  /* the link being read */
    for (size_t i = 0; i < n;) {
        if (link && i >= link_close) {      /* "](url)" ends the link's text */
            link = 0;
            i = link_after;
            continue;
        }
        if (s[i] == '*') {
            size_t j = i;
            while (j < n && s[j] == '*')
                j++;
            unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
            unsigned char next = j < n ? (unsigned char)s[j] : ' ';
            toks[ntok++] = (tok){ .delim = true, .len = j - i, .rem = j - i,
                                  .can_open = !is_space(next), .can_close = !is_space(prev),
                                  .attr = link };
            i = j;
            continue;
        }
        /* A construct of its own: a token that never merges with others. */
        size_t from = 0, to = 0, next = 0;
        attr_kind kind = 0;
        if (notes && s[i] == '^' && i + 1 < n && s[i + 1] == '[' && close[i + 1] < n
            && close[i + 1] > i + 2) {
            kind = ATTR_NOTE, from = i + 2, to = close[i + 1], next = to + 1;
        } else if (s[i] == '{' && has_prefix(s, n, i, "{ref:")) {
            size_t j = i + 5;
            while (j < n && j - i - 5 < CX_DOC_LABEL_MAX && label_char(s[j]))
                j++;
            if (j > i + 5 && j < n && s[j] == '}')
                kind = ATTR_REF, from = i + 5, to = j, next = j + 1;
        } else if (!link && s[i] == 'h' && (to = bare_url_len(s, n, i)) > 0) {
            kind = ATTR_LINK, from = i, to = i + to, next = to;
        }
        if (kind) {
            attrs[nattr++] = (attr){ kind, from, to - from };
            toks[ntok++] = (tok){ .delim = false, .off = tlen, .len = to - from, .attr = nattr };
            memcpy(text + tlen, s + from, to - from);
            tlen += to - from;
            i = next;
            continue;
        }
        size_t url_end;
        if (!link && s[i] == '[' && close[i] < n && close[i] > i + 1
            && (url_end = link_url_end(s, n, close[i] + 1)) > 0) {
            attrs[nattr++] = (attr){ ATTR_LINK, close[i] + 2, url_end - close[i] - 2 };
            link = nattr;
            link_close = close[i];
            link_after = url_end + 1;
            i++;
            continue;
        }
        if (ntok == 0 || toks[ntok - 1].delim || toks[ntok - 1].attr != link)
            toks[ntok++] = (tok){ .delim = false, .off = tlen, .attr = link };
        if (s[i] == '\\' && i + 1 < n && escapable(s[i + 1])) {
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
     * stars a delimiter keeps are literal text at that token's place (in
     * the link they sit in, if any). */
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
                acc_add(&acc, "*", 1, style, toks[t].attr);
        } else {
            acc_add(&acc, text + toks[t].off, toks[t].len, style, toks[t].attr);
        }
    }

    /* 4. Copy the spans into the arena. */
    out->nspans = 0;
    out->spans = NULL;
    if (acc.n > 0) {
        out->spans = cx_arena_calloc(arena, acc.n, sizeof *out->spans);
        if (!out->spans)
            goto oom;
        for (size_t k = 0; k < acc.n; k++) {
            size_t len = acc.end[k] - acc.start[k];
            char *p = cx_arena_strndup(arena, acc.buf + acc.start[k], len);
            if (!p)
                goto oom;
            cx_span sp_ = { p, len, acc.style[k], NULL, NULL, 0 };
            const attr *a = acc.attr[k] ? &attrs[acc.attr[k] - 1] : NULL;
            if (a && a->kind == ATTR_LINK && !(sp_.href = cx_arena_strndup(arena, s + a->off,
                                                                            a->len)))
                goto oom;
            if (a && a->kind == ATTR_REF)
                sp_.ref = p;
            if (a && a->kind == ATTR_NOTE)
                sp_.note = -1;
            out->spans[k] = sp_;
        }
        out->nspans = acc.n;
    }
    st = CX_OK;
    goto done;
oom:
    out->spans = NULL;
    out->nspans = 0;
    cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory parsing markup");
done:
    free(toks);
    free(ms);
    free(stack);
    free(close);
    free(bold);
    free(ital);
    free(text);
    free(attrs);
    free(acc.buf);
    free(acc.start);
    free(acc.end);
    free(acc.style);
    free(acc.attr);
    return st;
}

static cx_status parse_checked(cx_arena *arena, const char *markup, bool notes, cx_rich *out,
                               cx_diag *diag)
{
    if (!arena || !markup || !out)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "cx_rich_parse: missing argument");
    size_t n = strlen(markup), bad;
    if (!cx_utf8_valid(markup, n, &bad))
        return cx_diag_set(diag, CX_ESCRIPT, NULL, 0, 0, "invalid UTF-8 in text at byte %zu",
                           bad + 1);
    return parse(arena, markup, n, notes, out, diag);
}

cx_status cx_rich_parse(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag)
{
    return parse_checked(arena, markup, true, out, diag);
}

cx_status cx_rich_parse_note(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag)
{
    return parse_checked(arena, markup, false, out, diag);
}
