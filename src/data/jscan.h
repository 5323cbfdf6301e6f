/*
 * jscan.h — a strict JSON checker with positions (internal to src/data).
 *
 * cJSON builds our trees but lets through much that the dataset contract
 * forbids (invalid UTF-8, \u0000, 0123, raw control characters, loose
 * whitespace) and reports errors without a position.  Every JSON value is
 * therefore checked by this scanner first: it walks the bytes once,
 * enforces RFC 8259 plus the contract's extra rules, tracks line:column,
 * and on failure says "expected …, found …" at the offending character.
 * After it accepts a value, cJSON cannot fail on it.
 *
 * The same scanner, run again over a value already accepted, locates a
 * member or element by path: that is how the error path finds the line
 * and column of a field whose value breaks a question's rules.
 *
 * A scanner works on a byte range [p, end) it does not own.  When final is
 * false and a value runs past end, it stops with CX_JS_MORE so a streaming
 * reader can load more bytes and start that value again.
 */
#ifndef CX_DATA_JSCAN_H
#define CX_DATA_JSCAN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum cx_js_status { CX_JS_OK = 0, CX_JS_MORE, CX_JS_ERROR } cx_js_status;

enum { CX_JS_MAX_DEPTH = 1000, CX_JS_MAX_NUMBER = 63 };

typedef struct cx_jscan {
    const char *p, *end;
    bool final;                 /* end is the end of the input */
    const char *end_name;       /* "end of file" or "end of line" */
    /* position: line of p; column of line_start; UTF-8 continuation
     * bytes seen between line_start and p */
    long line, col_base;
    const char *line_start;
    size_t cont;
    int depth;
    /* the error, when a call returned CX_JS_ERROR */
    const char *err_at;
    char msg[400];
} cx_jscan;

/* Starts a scanner over [p, end) whose first byte is at line:col. */
void cx_jscan_init(cx_jscan *s, const char *p, const char *end, bool final,
                   const char *end_name, long line, long col);

/* Column (1-based, code points) of a pointer on the scanner's current
 * line at or after line_start; exact on valid UTF-8. */
long cx_jscan_column(const cx_jscan *s, const char *at);

/* Column of the cursor, cheap (uses the continuation count). */
long cx_jscan_cursor_column(const cx_jscan *s);

/* Skips JSON whitespace (space, tab, CR, LF), counting lines. */
void cx_jscan_ws(cx_jscan *s);

/* Checks one value at the cursor and moves past it. */
cx_js_status cx_jscan_value(cx_jscan *s);

/* Checks one string at the cursor (which must be '"'). */
cx_js_status cx_jscan_string(cx_jscan *s);

/* Sets a syntax error at `at`: "expected WHAT, found X" (or unexpected
 * end of input inside IN).  Returns CX_JS_MORE instead when at == end and
 * the input is not final. */
cx_js_status cx_jscan_expected(cx_jscan *s, const char *at, const char *what,
                               const char *in);
cx_js_status cx_jscan_error(cx_jscan *s, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Describes the character at `at` for a message: 'x', 'é', U+0009, or the
 * scanner's end_name at end. */
void cx_jscan_describe(const cx_jscan *s, const char *at, char *buf, size_t size);

/* ---- locating values inside an accepted value (error paths) ---- */

typedef struct cx_jpath_step {
    const char *key;            /* member name, or NULL for an array index */
    size_t index;               /* array index (key == NULL) */
    int occurrence;             /* which member of that name (1 = first) */
} cx_jpath_step;

typedef struct cx_jloc {
    const char *value, *value_end;   /* the value's text */
    long line, col;                  /* of value */
    const char *key;                 /* the member name's opening quote, or NULL */
    long key_line, key_col;
} cx_jloc;

/* Follows path from the value at text (already accepted by the scanner)
 * starting at line:col.  Returns false when the path does not exist. */
bool cx_jscan_locate(const char *text, const char *end, long line, long col,
                     const cx_jpath_step *path, size_t npath, cx_jloc *out);

/* A value's text as an error message shows it: numbers, strings and
 * literals as written (shortened when long), "an object", "an array". */
void cx_jscan_found(const char *value, const char *value_end, char *buf, size_t size);

/* Decodes the JSON string whose opening quote is at p (already accepted)
 * into a malloc'd NUL-terminated buffer; NULL on out of memory. */
char *cx_jscan_decode_string(const char *p, size_t *len);

#endif
