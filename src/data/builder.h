/*
 * builder.h — filling a cx_table row by row (internal to src/data).
 *
 * The loaders turn each response into calls on a builder: start a row,
 * map each field name to a column, set the value, end the row.  The
 * builder checks every value against its column's question (or infers the
 * type of an undeclared field), stores it in the column, and on a bad
 * value says what was expected; the loader, which knows where the value
 * is in the file, turns that into the final positioned message.
 *
 * Columns grow geometrically, all together; no allocation per value.
 * Every growth (column arrays, dictionaries and their strings) is charged
 * to the table's memory budget (cx_load_limits.max_data_memory) before it
 * is made, so a dataset over the limit stops at the value being read.
 *
 * Ownership: the builder fills a table it does not own; cx_tb_free frees
 * only the builder.
 */
#ifndef CX_DATA_BUILDER_H
#define CX_DATA_BUILDER_H

#include <cJSON.h>

#include "cxreport/data.h"

typedef struct cx_tb cx_tb;

/* What was wrong with one value (a CX_EDATA from cx_tb_set_*). */
typedef struct cx_tb_err {
    int col;                /* the field's column */
    int elem;               /* multi: index of the bad array element; -1 = the value */
    bool absent;            /* a required value (the weight) is not there at all */
    char expected[640];     /* "an integer 0..10 (scale)" … */
    char message[320];      /* instead of expected/found, when set */
    bool limit;             /* a limit stopped the load: message alone, at
                               the position, without naming the response */
} cx_tb_err;

/* Starts filling t, whose questions and survey are set: creates the
 * declared columns (in questions order).  lim gives max_rows and
 * max_data_memory (0 or lim NULL = no limit).  NULL on out of memory. */
cx_tb *cx_tb_new(cx_table *t, const cx_load_limits *lim);
void cx_tb_free(cx_tb *b);

/* Column of field name[0..len) (the k-th member of the current
 * response, used to predict the next row's layout), creating an
 * undeclared column at first sight.  -1 on out of memory or over the
 * memory limit: cx_tb_failure says which. */
int cx_tb_column(cx_tb *b, const char *name, size_t len, size_t k);

/* The same for a NUL-terminated name. */
int cx_tb_column_z(cx_tb *b, const char *name, size_t k);

/* Why the last call failed: CX_EDATA with e->message (and e->limit)
 * naming --max-data-memory when the memory limit stopped it, else
 * CX_EINTERNAL with e->message "out of memory". */
cx_status cx_tb_failure(const cx_tb *b, cx_tb_err *e);

/* Starts a new row with every column missing.  CX_EDATA when the row
 * would pass max_rows or the memory limit (e->message says so),
 * CX_EINTERNAL on out of memory (e->message too). */
cx_status cx_tb_row_begin(cx_tb *b, cx_tb_err *e);

/* Marks col as set in the current row: false when it already was (a
 * duplicate field). */
bool cx_tb_claim(cx_tb *b, int col);

/* Sets the current row's value of col from a JSON value / a CSV cell's
 * text.  CX_EDATA with *e filled (a bad value, or the memory limit),
 * or CX_EINTERNAL. */
cx_status cx_tb_set_json(cx_tb *b, int col, const cJSON *v, cx_tb_err *e);
cx_status cx_tb_set_text(cx_tb *b, int col, const char *s, size_t len, cx_tb_err *e);

/* Ends the row (checks that the weight is there).  CX_EDATA with *e. */
cx_status cx_tb_row_end(cx_tb *b, cx_tb_err *e);

/* Completes the table: trims columns to nrows, creates still-missing
 * columns, builds the name index, points weight at its column. */
cx_status cx_tb_finish(cx_tb *b);

/* "one of "a", "b", … (category)" and friends: what a column expects. */
void cx_tb_expected(const cx_column *c, bool weight, char *buf, size_t size);

#endif
