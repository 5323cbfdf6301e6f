/*
 * jscan.c — the strict JSON checker and locator (see jscan.h).
 *
 * It checks and measures; it never builds values and never allocates on
 * the checking path.  Messages follow one pattern, "expected …, found …",
 * and always point at the character where the problem is seen.
 */
#include "jscan.h"
#include "number.h"
#include "utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that may appear in a string as they are: everything from 0x20
 * to 0x7F but the quote and the backslash.  UTF-8 leaders and control
 * characters take the slow path. */
static const unsigned char plain_str[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20: '"' */
    R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50: '\\' */
    R16(1), R16(1),
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
#undef R16
};

void cx_jscan_init(cx_jscan *s, const char *p, const char *end, bool final,
                   const char *end_name, long line, long col)
{
    s->p = p;
    s->end = end;
    s->final = final;
    s->end_name = end_name ? end_name : "end of file";
    s->line = line;
    s->col_base = col;
    s->line_start = p;
    s->cont = 0;
    s->depth = 0;
    s->err_at = NULL;
    s->msg[0] = '\0';
}

long cx_jscan_column(const cx_jscan *s, const char *at)
{
    if (at < s->line_start)
        return s->col_base;
    return s->col_base + (long)cx_data_utf8_count(s->line_start, at);
}

long cx_jscan_cursor_column(const cx_jscan *s)
{
    return s->col_base + (long)(s->p - s->line_start) - (long)s->cont;
}

static inline void ws(cx_jscan *s)
{
    const char *p = s->p, *end = s->end;
    while (p < end) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\r')
            p++;
        else if (c == '\n') {
            p++;
            s->line++;
            s->line_start = p;
            s->col_base = 1;
            s->cont = 0;
        } else
            break;
    }
    s->p = p;
}

void cx_jscan_ws(cx_jscan *s)
{
    ws(s);
}

cx_js_status cx_jscan_error(cx_jscan *s, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    s->err_at = at;
    return CX_JS_ERROR;
}

void cx_jscan_describe(const cx_jscan *s, const char *at, char *buf, size_t size)
{
    if (at >= s->end) {
        snprintf(buf, size, "%s", s->end_name);
        return;
    }
    unsigned char c = (unsigned char)*at;
    if (c >= 0x20 && c < 0x7F)
        snprintf(buf, size, "'%c'", c);
    else if (c < 0x80)
        snprintf(buf, size, "U+%04X", c);
    else {
        int n = cx_data_utf8_seq(at, s->end, true);
        if (n > 0)
            snprintf(buf, size, "'%.*s'", n, at);
        else
            snprintf(buf, size, "byte 0x%02X", c);
    }
}

/* A byte >= 0x80 where a token was expected: an invalid one is reported
 * as such, so the message never blames syntax for an encoding problem. */
static cx_js_status bad_utf8_or(cx_jscan *s, const char *at)
{
    if ((unsigned char)*at >= 0x80) {
        int n = cx_data_utf8_seq(at, s->end, s->final);
        if (n < 0)
            return CX_JS_MORE;
        if (n == 0)
            return cx_jscan_error(s, at, "invalid UTF-8 (byte 0x%02X)",
                                  (unsigned char)*at);
    }
    return CX_JS_OK;
}

cx_js_status cx_jscan_expected(cx_jscan *s, const char *at, const char *what,
                               const char *in)
{
    if (at >= s->end) {
        if (!s->final)
            return CX_JS_MORE;
        if (in)
            return cx_jscan_error(s, at, "unexpected %s inside %s", s->end_name, in);
        return cx_jscan_error(s, at, "expected %s, found %s", what, s->end_name);
    }
    cx_js_status st = bad_utf8_or(s, at);
    if (st != CX_JS_OK)
        return st;
    char found[32];
    cx_jscan_describe(s, at, found, sizeof found);
    return cx_jscan_error(s, at, "expected %s, found %s", what, found);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* At a backslash inside a string: checks the escape, returns its length
 * (0 with the status set on error or when more input is needed). */
static size_t js_escape(cx_jscan *s, const char *p, cx_js_status *st)
{
    const char *end = s->end;
    *st = CX_JS_OK;
    if (p + 1 >= end) {
        *st = s->final ? cx_jscan_error(s, end, "unexpected %s inside a string", s->end_name)
                       : CX_JS_MORE;
        return 0;
    }
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return 2;
    case 'u':
        break;
    default: {
        char d[32];
        cx_jscan_describe(s, p + 1, d, sizeof d);
        if ((unsigned char)p[1] >= 0x20 && (unsigned char)p[1] < 0x7F)
            *st = cx_jscan_error(s, p, "invalid escape '\\%c' in a string", p[1]);
        else
            *st = cx_jscan_error(s, p, "invalid escape in a string: '\\' followed by %s", d);
        return 0;
    }
    }
    if (end - p < 6) {
        for (const char *q = p + 2; q < end; q++)
            if (hexval(*q) < 0)
                goto badhex;
        *st = s->final ? cx_jscan_error(s, end, "unexpected %s inside a string", s->end_name)
                       : CX_JS_MORE;
        return 0;
    }
    long cp = hex4(p + 2);
    if (cp < 0)
        goto badhex;
    if (cp == 0) {
        *st = cx_jscan_error(s, p, "\\u0000 (the NUL character) is not allowed in a string");
        return 0;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        *st = cx_jscan_error(s, p, "invalid escape '\\u%.4s' in a string: a low surrogate "
                             "without a high surrogate before it", p + 2);
        return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 12 && !s->final) {
            *st = CX_JS_MORE;
            return 0;
        }
        long lo = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4(p + 8) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) {
            *st = cx_jscan_error(s, p, "invalid escape '\\u%.4s' in a string: a high surrogate "
                                 "must be followed by a low surrogate escape", p + 2);
            return 0;
        }
        return 12;
    }
    return 6;
badhex:
    *st = cx_jscan_error(s, p, "invalid escape in a string: '\\u' must be followed by "
                         "four hexadecimal digits");
    return 0;
}

/* Index of the first byte of w (read little-endian from memory) that
 * is a quote, a backslash, a control character or >= 0x80; 8 if none.
 * The usual "has zero byte" bit tricks: exact for the lowest byte. */
static inline unsigned first_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t hit = ((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w;
    hit &= high;
    return hit ? (unsigned)__builtin_ctzll(hit) >> 3 : 8;
}

static inline bool little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static inline cx_js_status js_string(cx_jscan *s)
{
    const char *p = s->p + 1, *end = s->end;
    const bool swar = little_endian();
    for (;;) {
        /* Plain text eight bytes at a time, the tail byte by byte. */
        if (swar) {
            while (end - p >= 8) {
                uint64_t w;
                memcpy(&w, p, 8);
                unsigned i = first_special(w);
                p += i;
                if (i < 8)
                    goto special;
            }
        }
        while (p < end && plain_str[(unsigned char)*p])
            p++;
    special:
        if (p >= end) {
            if (!s->final)
                return CX_JS_MORE;
            return cx_jscan_error(s, p, "unexpected %s inside a string", s->end_name);
        }
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            s->p = p + 1;
            return CX_JS_OK;
        }
        if (c == '\\') {
            cx_js_status st;
            size_t n = js_escape(s, p, &st);
            if (!n)
                return st;
            p += n;
        } else if (c < 0x20) {
            if (c == '\n')
                return cx_jscan_error(s, p, "unexpected line break inside a string "
                                      "(write it as \\n)");
            return cx_jscan_error(s, p, "unexpected control character U+%04X inside a "
                                  "string (escape it)", c);
        } else {
            int n = cx_data_utf8_seq(p, end, s->final);
            if (n < 0)
                return CX_JS_MORE;
            if (n == 0)
                return cx_jscan_error(s, p, "invalid UTF-8 (byte 0x%02X)", c);
            s->cont += (size_t)n - 1;
            p += n;
        }
    }
}

cx_js_status cx_jscan_string(cx_jscan *s)
{
    return js_string(s);
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static bool is_number_char(char c)
{
    return is_word_char(c) || c == '.' || c == '+' || c == '-';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static cx_js_status js_number(cx_jscan *s)
{
    const char *start = s->p, *end = s->end, *p = start;
    const char *why = NULL;

    /* The whole run of number-like characters is the token a reader
     * sees, so it is what an error shows. */
    const char *run = start + 1;
    while (run < end && is_number_char(*run))
        run++;
    if (run >= end && !s->final)
        return CX_JS_MORE;
    size_t runlen = (size_t)(run - start);

    if (*p == '-') {
        p++;
        if (p < end && *p == 'I' && runlen == 9 && memcmp(start, "-Infinity", 9) == 0)
            return cx_jscan_error(s, start, "-Infinity is not allowed (numbers must be finite)");
        if (p >= end || !is_digit(*p)) {
            why = "a digit must follow the minus sign";
            goto bad;
        }
    }
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p)) {
            why = "leading zeros are not allowed";
            goto bad;
        }
    } else
        while (p < end && is_digit(*p))
            p++;
    bool exp = false;
    if (p < end && *p == '.') {
        p++;
        if (p >= end || !is_digit(*p)) {
            why = "a digit must follow the decimal point";
            goto bad;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        exp = true;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || !is_digit(*p)) {
            why = "a digit must follow the exponent";
            goto bad;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    if (p != run) {
        why = "not a JSON number";
        goto bad;
    }
    size_t len = (size_t)(p - start);
    if (len > CX_JS_MAX_NUMBER)
        return cx_jscan_error(s, start, "invalid number '%.20s…' (longer than %d characters)",
                              start, CX_JS_MAX_NUMBER);
    if (exp || len > 300) {
        double v;
        cx_number_parse(start, len, &v);
        if (isinf(v))
            return cx_jscan_error(s, start, "number %.*s is out of range (numbers must be "
                                  "finite)", (int)len, start);
    }
    s->p = p;
    return CX_JS_OK;
bad:
    if (runlen > 40)
        return cx_jscan_error(s, start, "invalid number '%.40s…' (%s)", start, why);
    return cx_jscan_error(s, start, "invalid number '%.*s' (%s)", (int)runlen, start, why);
}

static cx_js_status js_word(cx_jscan *s)
{
    const char *start = s->p, *end = s->end, *p = start;
    while (p < end && is_word_char(*p))
        p++;
    if (p >= end && !s->final)
        return CX_JS_MORE;
    size_t n = (size_t)(p - start);
    if ((n == 4 && (memcmp(start, "true", 4) == 0 || memcmp(start, "null", 4) == 0)) ||
        (n == 5 && memcmp(start, "false", 5) == 0)) {
        s->p = p;
        return CX_JS_OK;
    }
    if ((n == 3 && memcmp(start, "NaN", 3) == 0) || (n == 8 && memcmp(start, "Infinity", 8) == 0))
        return cx_jscan_error(s, start, "%.*s is not allowed (numbers must be finite)",
                              (int)n, start);
    if (n > 24)
        return cx_jscan_error(s, start, "expected a value, found '%.24s…'", start);
    return cx_jscan_error(s, start, "expected a value, found '%.*s'", (int)n, start);
}

static cx_js_status js_value(cx_jscan *s, const char *in);

static cx_js_status js_object(cx_jscan *s)
{
    cx_js_status st;
    if (++s->depth > CX_JS_MAX_DEPTH)
        return cx_jscan_error(s, s->p, "nesting deeper than %d levels", CX_JS_MAX_DEPTH);
    s->p++;
    ws(s);
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        s->depth--;
        return CX_JS_OK;
    }
    for (;;) {
        if (s->p >= s->end || *s->p != '"')
            return cx_jscan_expected(s, s->p, "a member name (a string in double quotes)",
                                     "an object");
        if ((st = js_string(s)) != CX_JS_OK)
            return st;
        ws(s);
        if (s->p >= s->end || *s->p != ':')
            return cx_jscan_expected(s, s->p, "':' after the member name", "an object");
        s->p++;
        ws(s);
        if ((st = js_value(s, "an object")) != CX_JS_OK)
            return st;
        ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            ws(s);
            continue;
        }
        if (s->p < s->end && *s->p == '}') {
            s->p++;
            s->depth--;
            return CX_JS_OK;
        }
        return cx_jscan_expected(s, s->p, "',' or '}' after a member", "an object");
    }
}

static cx_js_status js_array(cx_jscan *s)
{
    cx_js_status st;
    if (++s->depth > CX_JS_MAX_DEPTH)
        return cx_jscan_error(s, s->p, "nesting deeper than %d levels", CX_JS_MAX_DEPTH);
    s->p++;
    ws(s);
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        s->depth--;
        return CX_JS_OK;
    }
    for (;;) {
        if ((st = js_value(s, "an array")) != CX_JS_OK)
            return st;
        ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            ws(s);
            continue;
        }
        if (s->p < s->end && *s->p == ']') {
            s->p++;
            s->depth--;
            return CX_JS_OK;
        }
        return cx_jscan_expected(s, s->p, "',' or ']' after an element", "an array");
    }
}

static cx_js_status js_value(cx_jscan *s, const char *in)
{
    if (s->p >= s->end)
        return cx_jscan_expected(s, s->p, "a value", in);
    char c = *s->p;
    switch (c) {
    case '{':
        return js_object(s);
    case '[':
        return js_array(s);
    case '"':
        return js_string(s);
    case '-':
        return js_number(s);
    default:
        if (is_digit(c))
            return js_number(s);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
            return js_word(s);
        if (c == '.' || c == '+') {
            const char *run = s->p + 1;
            while (run < s->end && is_number_char(*run))
                run++;
            if (run >= s->end && !s->final)
                return CX_JS_MORE;
            if (run - s->p > 1 && is_digit(s->p[1]))
                return cx_jscan_error(s, s->p, "invalid number '%.*s' (%s)",
                                      (int)(run - s->p > 40 ? 40 : run - s->p), s->p,
                                      c == '.' ? "a digit must come before the decimal point"
                                               : "a leading plus sign is not allowed");
        }
        return cx_jscan_expected(s, s->p, "a value", in);
    }
}

cx_js_status cx_jscan_value(cx_jscan *s)
{
    return js_value(s, NULL);
}

/* ---- error paths: decoding, locating, showing ---- */

static size_t put_utf8(char *o, long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *cx_jscan_decode_string(const char *p, size_t *len)
{
    const char *q = p + 1;
    size_t n = 0;
    while (*q != '"') {         /* accepted text: ends at an unescaped quote */
        if (*q == '\\')
            q++;
        q++;
        n++;
    }
    char *out = malloc(4 * n + 1), *o = out;   /* escapes never grow */
    if (!out)
        return NULL;
    for (q = p + 1; *q != '"';) {
        if (*q != '\\') {
            *o++ = *q++;
            continue;
        }
        char e = q[1];
        q += 2;
        switch (e) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            long cp = hex4(q);
            q += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                long lo = hex4(q + 2);
                q += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            o += put_utf8(o, cp);
            break;
        }
        default: *o++ = e; break;
        }
    }
    *o = '\0';
    if (len)
        *len = (size_t)(o - out);
    return out;
}

bool cx_jscan_locate(const char *text, const char *end, long line, long col,
                     const cx_jpath_step *path, size_t npath, cx_jloc *out)
{
    cx_jscan s;
    cx_jscan_init(&s, text, end, true, NULL, line, col);
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < npath; i++) {
        const cx_jpath_step *st = &path[i];
        cx_jscan_ws(&s);
        if (s.p >= end)
            return false;
        if (st->key) {
            if (*s.p != '{')
                return false;
            s.p++;
            int seen = 0;
            for (;;) {
                cx_jscan_ws(&s);
                if (s.p >= end || *s.p != '"')
                    return false;
                const char *k = s.p;
                long kline = s.line, kcol = cx_jscan_column(&s, k);
                size_t klen;
                char *name = cx_jscan_decode_string(k, &klen);
                if (!name)
                    return false;
                bool match = strlen(st->key) == klen && memcmp(name, st->key, klen) == 0;
                free(name);
                if (cx_jscan_string(&s) != CX_JS_OK)
                    return false;
                cx_jscan_ws(&s);
                s.p++;                          /* ':' */
                cx_jscan_ws(&s);
                if (match && ++seen == (st->occurrence > 0 ? st->occurrence : 1)) {
                    out->key = k;
                    out->key_line = kline;
                    out->key_col = kcol;
                    break;
                }
                if (cx_jscan_value(&s) != CX_JS_OK)
                    return false;
                cx_jscan_ws(&s);
                if (s.p < end && *s.p == ',')
                    s.p++;
                else
                    return false;
            }
        } else {
            if (*s.p != '[')
                return false;
            s.p++;
            cx_jscan_ws(&s);
            if (s.p < end && *s.p == ']')
                return false;
            for (size_t j = 0; j < st->index; j++) {
                if (cx_jscan_value(&s) != CX_JS_OK)
                    return false;
                cx_jscan_ws(&s);
                if (s.p < end && *s.p == ',')
                    s.p++;
                else
                    return false;
                cx_jscan_ws(&s);
            }
            out->key = NULL;
        }
    }
    cx_jscan_ws(&s);
    out->value = s.p;
    out->line = s.line;
    out->col = cx_jscan_column(&s, s.p);
    if (cx_jscan_value(&s) != CX_JS_OK)
        return false;
    out->value_end = s.p;
    return true;
}

void cx_jscan_found(const char *value, const char *value_end, char *buf, size_t size)
{
    if (value >= value_end) {
        snprintf(buf, size, "nothing");
        return;
    }
    if (*value == '{') {
        snprintf(buf, size, "an object");
        return;
    }
    if (*value == '[') {
        snprintf(buf, size, "an array");
        return;
    }
    size_t n = (size_t)(value_end - value), max = 60;
    if (n <= max) {
        snprintf(buf, size, "%.*s", (int)n, value);
        return;
    }
    while (max > 0 && ((unsigned char)value[max] & 0xC0) == 0x80)
        max--;                  /* cut on a character boundary */
    snprintf(buf, size, "%.*s…", (int)max, value);
}
