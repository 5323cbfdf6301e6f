/*
 * doc.h — the document tree a report script builds.
 *
 * A cx_doc is metadata plus a flat sequence of blocks (headings,
 * paragraphs, lists, tables, charts, key figures, callouts, quotes, end
 * notes, page breaks, the contents).  It says what the report contains,
 * never where things go: measuring, line breaking and pagination belong
 * to layout.  Inline markup in paragraphs, list items, table cells,
 * callouts, quotes and captions is parsed here, once, into styled spans:
 *
 *   **bold**   *italic*   ***bold italic***
 *   [text](https://…)   https://…   (links: http, https and mailto)
 *   {ref:LABEL}         (a reference: "Figure 3", "Table 2")
 *   text^[note text]    (an end note: a numbered superscript marker)
 *   \*  \\  \[  \]  \{  \}  \^   (escapes)
 *
 * An unmatched marker is kept as literal text.  All text must be valid
 * UTF-8 (checked on entry; the adders fail with CX_ESCRIPT otherwise).
 * References are resolved by layout, from the block list, so they may
 * point forward; notes are numbered in document order as blocks are
 * added.
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
    const char *href;       /* a link's URL; NULL = not a link */
    const char *ref;        /* {ref:LABEL}: the label (text holds it too until
                               layout prints "Figure N"); NULL = none */
    int note;               /* an end-note marker: the note's number, text
                               its digits.  cx_rich_parse leaves -1 and the
                               note's markup in text; the document numbers
                               it.  0 = not a marker */
} cx_span;

typedef struct cx_rich {
    size_t nspans;
    cx_span *spans;
} cx_rich;

typedef enum cx_align { CX_ALIGN_LEFT, CX_ALIGN_CENTER, CX_ALIGN_RIGHT } cx_align;

/* A paragraph's alignment; DEFAULT follows the document (cx_doc_meta.justify). */
typedef enum cx_par_align { CX_PAR_DEFAULT, CX_PAR_LEFT, CX_PAR_JUSTIFY } cx_par_align;

typedef enum cx_block_kind {
    CX_BLOCK_HEADING,
    CX_BLOCK_PARAGRAPH,
    CX_BLOCK_LIST,
    CX_BLOCK_TABLE,
    CX_BLOCK_PAGE_BREAK,
    CX_BLOCK_CONTENTS,
    CX_BLOCK_CHART,
    CX_BLOCK_IMAGE,
    CX_BLOCK_KEYFIGURES,
    CX_BLOCK_CALLOUT,
    CX_BLOCK_QUOTE,
    CX_BLOCK_NOTES,
} cx_block_kind;

typedef struct cx_doc_table {
    size_t ncols, nrows;
    cx_rich *header;        /* ncols cells */
    cx_align *align;        /* ncols */
    cx_rich *cells;         /* nrows * ncols, row-major */
    int number;             /* table number: 1, 2, ... in document order
                               among the tables with a caption; 0 = none */
    cx_rich caption;        /* "Table N: caption" above; no spans = none */
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

/* A picture from the script's or the brand's folder.  path is resolved
 * (absolute, checked to lie inside one of those folders by the script
 * binding); the file is read when the document is laid out and written. */
typedef struct cx_doc_image {
    const char *path;
    double width;           /* points; 0 = natural size, at most the column */
    int number;             /* figure number, as for charts; 0 = none */
    cx_rich caption;        /* no spans = no caption */
} cx_doc_image;

/* Whether a key figure's rise is good news (green) or bad (red). */
typedef enum cx_good { CX_GOOD_NONE, CX_GOOD_UP, CX_GOOD_DOWN } cx_good;

/* One key-figure tile: a big number, a label and a signed change. */
typedef struct cx_keyfig {
    const char *value;          /* the number as printed, e.g. "29.9" */
    const char *label;          /* plain text, e.g. "Industry average NPS" */
    bool has_change;
    double change;              /* finite */
    int decimals;               /* of the change, 0..6 */
    const char *change_label;   /* e.g. "vs 2015"; NULL = none */
    cx_good good;
    const char *change_text;    /* set by the document: "−1.9" (true minus) */
} cx_keyfig;

typedef struct cx_block {
    cx_block_kind kind;
    int level;              /* HEADING: 1..3 */
    cx_rich text;           /* HEADING, PARAGRAPH */
    bool numbered;          /* LIST */
    size_t nitems;          /* LIST */
    cx_rich *items;         /* LIST */
    cx_doc_table *table;    /* TABLE */
    cx_doc_chart *chart;    /* CHART */
    cx_doc_image *image;    /* IMAGE */
    cx_par_align align;     /* PARAGRAPH */
    const char *label;      /* TABLE, CHART: what {ref:…} names; NULL = none */
    size_t nfigs;           /* KEYFIGURES */
    cx_keyfig *figs;        /* KEYFIGURES */
    const char *title;      /* CALLOUT: plain text; NULL = none */
    const char *source;     /* QUOTE: who said it, plain; NULL = none */
    /* where the script added it, for diagnostics; NULL/0 if unknown */
    const char *src_file;
    long src_line;
} cx_block;

typedef struct cx_doc_meta {
    const char *title, *subtitle, *author, *date, *subject, *keywords; /* NULL = unset */
    const char *brand;          /* name of the brand the report asks for */
    const char *prepared_for;   /* the client: cover and confidentiality line */
    bool justify;               /* paragraphs justified unless they say otherwise */
} cx_doc_meta;

typedef struct cx_doc cx_doc;

cx_doc *cx_doc_new(void);
void cx_doc_free(cx_doc *doc);
cx_arena *cx_doc_arena(cx_doc *doc);

/* Bytes the document holds (its arena and its block array), which a
 * script's memory limit counts beside the Lua heap. */
size_t cx_doc_bytes(const cx_doc *doc);

/* key: "title", "subtitle", "author", "date", "subject", "keywords",
 * "brand", "prepared_for". */
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
/* An image block: path as described at cx_doc_image; width 0 or 1..14400
 * pt; caption inline markup or NULL (with one it is figure N). */
cx_status cx_doc_add_image(cx_doc *doc, const char *path, double width, const char *caption,
                           cx_diag *diag);
cx_status cx_doc_add_page_break(cx_doc *doc, cx_diag *diag);
cx_status cx_doc_add_contents(cx_doc *doc, cx_diag *diag);

/* ---- typography and blocks (doc_blocks.c) ---- */

/* Labels: 1 to 100 ASCII letters, digits, '-', '_', ':' and '.', unique
 * in the document, on a block with a caption (only numbered tables and
 * figures can be referred to).  NULL = no label. */
enum { CX_DOC_LABEL_MAX = 100 };

/* A paragraph with its own alignment (cx_doc_add_paragraph: DEFAULT). */
cx_status cx_doc_add_paragraph_aligned(cx_doc *doc, const char *markup, cx_par_align align,
                                       cx_diag *diag);
/* Paragraphs without an alignment of their own are justified (or not). */
void cx_doc_set_justify(cx_doc *doc, bool justify);
/* cx_doc_add_table with a caption ("Table N: caption" above the table;
 * inline markup or NULL) and a label (or NULL). */
cx_status cx_doc_add_table_ex(cx_doc *doc, size_t ncols, const char *const *header,
                              const cx_align *align, size_t nrows, const char *const *cells,
                              const char *caption, const char *label, cx_diag *diag);
/* cx_doc_add_chart with a label (or NULL). */
cx_status cx_doc_add_chart_ex(cx_doc *doc, const cx_chart_spec *spec, const char *caption,
                              const char *name, const char *label, cx_diag *diag);
/* A row of key-figure tiles (1..CX_DOC_KEYFIGS_MAX); each needs a value
 * and a label; change_text is filled in here.  figs is copied. */
enum { CX_DOC_KEYFIGS_MAX = 24 };
cx_status cx_doc_add_keyfigures(cx_doc *doc, const cx_keyfig *figs, size_t n, cx_diag *diag);
/* A boxed callout: title (plain, or NULL) over text (inline markup). */
cx_status cx_doc_add_callout(cx_doc *doc, const char *title, const char *markup,
                             cx_diag *diag);
/* A block quote (a respondent's verbatim): text (inline markup) and the
 * source (plain, or NULL). */
cx_status cx_doc_add_quote(cx_doc *doc, const char *markup, const char *source,
                           cx_diag *diag);
/* Where the end notes are listed (every note of the document).  Without
 * one, cx_doc_finish adds them at the end under "Notes". */
cx_status cx_doc_add_notes(cx_doc *doc, cx_diag *diag);

/* The block a label names, or SIZE_MAX. */
size_t cx_doc_find_label(const cx_doc *doc, const char *label);
/* End notes, numbered 1..count; note i (0-based) is number i + 1. */
size_t cx_doc_note_count(const cx_doc *doc);
const cx_rich *cx_doc_note(const cx_doc *doc, size_t i);
/* Where note i's marker was written (the script's file and line). */
void cx_doc_note_source(const cx_doc *doc, size_t i, const char **file, long *line);

/* Closes the document once the script has run: adds the end notes (when
 * there are any and no notes block) and, with chart_data, the appendix
 * "Data behind the charts" (each chart's text alternative and numbers as
 * a table).  Call once, before layout. */
cx_status cx_doc_finish(cx_doc *doc, bool chart_data, cx_diag *diag);

size_t cx_doc_block_count(const cx_doc *doc);
const cx_block *cx_doc_block(const cx_doc *doc, size_t i);

/* Parses inline markup into spans allocated from arena.  Exposed for
 * tests and for layout of generated text.  Note markers come out with
 * note = -1 and the note's markup as their text (see cx_span). */
cx_status cx_rich_parse(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF).  On false, *bad_offset is the 0-based byte offset
 * of the first bad sequence (may be NULL). */
bool cx_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
