/*
 * doc.h — the document tree a report script builds.
 *
 * A cx_doc is metadata plus a flat sequence of blocks (headings,
 * paragraphs, lists, tables, charts, page breaks, the contents).  It says
 * what the report contains, never where things go: measuring, line
 * breaking and pagination belong to layout.  Inline markup in paragraphs,
 * list items, table cells and chart captions is parsed here, once, into
 * styled spans:
 *
 *   **bold**   *italic*   ***bold italic***   \*  \\  (escapes)
 *
 * An unmatched marker is kept as literal text.  All text must be valid
 * UTF-8 (checked on entry; the adders fail with CX_ESCRIPT otherwise).
 *
 * Ownership: cx_doc_new creates a document with its own arena; every
 * string and block added is copied into that arena, so callers keep
 * ownership of what they pass.  cx_doc_free releases everything (accepts
 * NULL).  Pointers returned by the accessors are borrowed and live until
 * cx_doc_free.
 */
#ifndef CXREPORT_DOC_H
#define CXREPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/arena.h"
#include "cxreport/chart.h"
#include "cxreport/diag.h"

enum { CX_STYLE_BOLD = 1u, CX_STYLE_ITALIC = 2u };

typedef struct cx_span {
    const char *text;       /* UTF-8, NUL-terminated, arena-owned */
    size_t len;             /* bytes */
    unsigned style;         /* CX_STYLE_* bits */
} cx_span;

typedef struct cx_rich {
    size_t nspans;
    cx_span *spans;
} cx_rich;

typedef enum cx_align { CX_ALIGN_LEFT, CX_ALIGN_CENTER, CX_ALIGN_RIGHT } cx_align;

typedef enum cx_block_kind {
    CX_BLOCK_HEADING,
    CX_BLOCK_PARAGRAPH,
    CX_BLOCK_LIST,
    CX_BLOCK_TABLE,
    CX_BLOCK_PAGE_BREAK,
    CX_BLOCK_CONTENTS,
    CX_BLOCK_CHART,
} cx_block_kind;

typedef struct cx_doc_table {
    size_t ncols, nrows;
    cx_rich *header;        /* ncols cells */
    cx_align *align;        /* ncols */
    cx_rich *cells;         /* nrows * ncols, row-major */
} cx_doc_table;

/* A chart: its spec, deep-copied (every array and string lives in the
 * document's arena), checked when it was added (cx_chart_describe runs the
 * chart stage's input checks), so layout only has to build it. */
typedef struct cx_doc_chart {
    cx_chart_spec spec;
    int number;             /* figure number: 1, 2, ... in document order
                               among the charts with a caption; 0 = none */
    cx_rich caption;        /* inline markup; no spans = no caption */
    const char *name;       /* file-name stem for chart exports; NULL = a
                               slug of the title */
    const char *alt;        /* one-sentence text alternative */
} cx_doc_chart;

typedef struct cx_block {
    cx_block_kind kind;
    int level;              /* HEADING: 1..3 */
    cx_rich text;           /* HEADING, PARAGRAPH */
    bool numbered;          /* LIST */
    size_t nitems;          /* LIST */
    cx_rich *items;         /* LIST */
    cx_doc_table *table;    /* TABLE */
    cx_doc_chart *chart;    /* CHART */
    /* where the script added it, for diagnostics; NULL/0 if unknown */
    const char *src_file;
    long src_line;
} cx_block;

typedef struct cx_doc_meta {
    const char *title, *subtitle, *author, *date, *subject, *keywords; /* NULL = unset */
} cx_doc_meta;

typedef struct cx_doc cx_doc;

cx_doc *cx_doc_new(void);
void cx_doc_free(cx_doc *doc);
cx_arena *cx_doc_arena(cx_doc *doc);

/* key: "title", "subtitle", "author", "date", "subject", "keywords". */
cx_status cx_doc_set_meta(cx_doc *doc, const char *key, const char *value, cx_diag *diag);
const cx_doc_meta *cx_doc_get_meta(const cx_doc *doc);

/* Where the next added block comes from (the script's file:line). */
void cx_doc_set_source(cx_doc *doc, const char *file, long line);

cx_status cx_doc_add_heading(cx_doc *doc, int level, const char *text, cx_diag *diag);
cx_status cx_doc_add_paragraph(cx_doc *doc, const char *markup, cx_diag *diag);
cx_status cx_doc_add_list(cx_doc *doc, bool numbered, const char *const *items,
                          size_t nitems, cx_diag *diag);
/* header: ncols strings; align: ncols values or NULL (all left);
 * cells: nrows*ncols strings, row-major. */
cx_status cx_doc_add_table(cx_doc *doc, size_t ncols, const char *const *header,
                           const cx_align *align, size_t nrows,
                           const char *const *cells, cx_diag *diag);
/* A chart block; with a caption it is figure N, "Figure N: caption" under
 * the chart (charts without one are not numbered).  spec is
 * copied; it must pass the chart stage's checks (CX_ESCRIPT otherwise,
 * with the chart stage's message).  caption: inline markup or NULL.  name:
 * NULL, or 1 to 100 ASCII letters, digits, '-' and '_'. */
cx_status cx_doc_add_chart(cx_doc *doc, const cx_chart_spec *spec, const char *caption,
                           const char *name, cx_diag *diag);
cx_status cx_doc_add_page_break(cx_doc *doc, cx_diag *diag);
cx_status cx_doc_add_contents(cx_doc *doc, cx_diag *diag);

size_t cx_doc_block_count(const cx_doc *doc);
const cx_block *cx_doc_block(const cx_doc *doc, size_t i);

/* Parses inline markup into spans allocated from arena.  Exposed for
 * tests and for layout of generated text. */
cx_status cx_rich_parse(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF).  On false, *bad_offset is the 0-based byte offset
 * of the first bad sequence (may be NULL). */
bool cx_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
