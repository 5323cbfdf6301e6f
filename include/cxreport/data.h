/*
 * data.h — datasets: loading, validation and the columnar table.
 *
 * A dataset file (.json, .jsonl/.ndjson, .csv, plus an optional
 * NAME.meta.json sidecar) is read once, checked against the contract in
 * the dataset-format spec, and converted into a cx_table: one column per
 * field, numbers as double (NaN = missing), categories and text as
 * integer codes into a per-column dictionary (-1 = missing).  No JSON
 * tree of a whole dataset ever exists: responses are streamed through the
 * parser one at a time into the columns.
 *
 * Only src/data/ sees cJSON.  Nothing here knows about statistics,
 * documents or Lua.
 *
 * Ownership: cx_dataset_load returns a table the caller frees with
 * cx_table_free (accepts NULL).  Every pointer reachable from a table
 * (columns, dictionaries, questions, survey metadata) is owned by it and
 * valid until cx_table_free.  Derived tables (cx_table_select) own copies
 * of what they need and are freed the same way.
 */
#ifndef CXREPORT_DATA_H
#define CXREPORT_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"

/* ---- generic values (survey metadata passed to scripts unchanged) ---- */

typedef enum cx_vkind {
    CX_V_NULL, CX_V_BOOL, CX_V_NUMBER, CX_V_STRING, CX_V_ARRAY, CX_V_OBJECT
} cx_vkind;

typedef struct cx_value {
    cx_vkind kind;
    bool boolean;
    double number;
    char *string;               /* CX_V_STRING: UTF-8, NUL-terminated */
    size_t count;               /* CX_V_ARRAY / CX_V_OBJECT: items */
    char **keys;                /* CX_V_OBJECT: keys in file order */
    struct cx_value *items;     /* CX_V_ARRAY / CX_V_OBJECT */
} cx_value;

/* Member of a CX_V_OBJECT by exact key; NULL if absent or obj is not an
 * object.  Linear in the number of members. */
const cx_value *cx_value_get(const cx_value *obj, const char *key);

/* ---- questions ---- */

typedef enum cx_qtype {
    CX_Q_UNDECLARED = 0,    /* no question; typed from the values */
    CX_Q_SCALE,
    CX_Q_NUMBER,
    CX_Q_CATEGORY,
    CX_Q_MULTI,
    CX_Q_TEXT,
    CX_Q_BOOLEAN,
} cx_qtype;

const char *cx_qtype_name(cx_qtype t);   /* "scale", "number", … */

typedef struct cx_scale_label {
    long value;
    char *label;
} cx_scale_label;

typedef struct cx_missing_code {   /* one entry of a question's `missing` */
    bool is_number;
    double number;
    char *string;
} cx_missing_code;

typedef struct cx_question {
    char *id;
    char *text;                 /* NULL when not given */
    cx_qtype type;
    long min, max;              /* CX_Q_SCALE only */
    size_t nlabels;
    cx_scale_label *labels;     /* sorted by value */
    size_t noptions;
    char **options;             /* display order; NULL when not given */
    size_t nmissing;
    cx_missing_code *missing;
} cx_question;

/* ---- survey metadata ---- */

typedef struct cx_survey {
    char *id, *title, *wave, *fielded, *population, *weight; /* NULL = absent */
    bool has_year;
    long year;
    cx_value extra;             /* CX_V_OBJECT of all other members (may be empty) */
} cx_survey;

/* ---- columns ---- */

typedef enum cx_storage {
    CX_STORE_NUMBER,    /* scale, number, boolean (0/1), undeclared numeric */
    CX_STORE_CODE,      /* category, text, undeclared non-numeric */
    CX_STORE_MULTI,     /* multi: a set of codes per row */
} cx_storage;

/* A dictionary of distinct strings; codes are indices 0..count-1.  For a
 * category with `options`, codes 0..noptions-1 are the options in display
 * order; otherwise codes are in order of first appearance in the file. */
typedef struct cx_dict cx_dict;
size_t cx_dict_count(const cx_dict *d);
const char *cx_dict_string(const cx_dict *d, int32_t code);    /* NULL if out of range */
int32_t cx_dict_find(const cx_dict *d, const char *s, size_t len); /* -1 if absent */

typedef struct cx_column {
    char *name;
    cx_qtype type;              /* declared type, or the inferred one:
                                   CX_Q_NUMBER or CX_Q_CATEGORY */
    bool declared;              /* has a question in `questions` */
    const cx_question *question;/* NULL when undeclared */
    cx_storage storage;
    double *num;                /* CX_STORE_NUMBER: nrows values, NaN = missing */
    int32_t *code;              /* CX_STORE_CODE: nrows codes, -1 = missing */
    uint32_t *multi_offset;     /* CX_STORE_MULTI: nrows+1 offsets into multi_code */
    int32_t *multi_code;        /* CX_STORE_MULTI: codes of all rows, concatenated;
                                   a row with offset[i]==offset[i+1] and
                                   multi_missing[i] set is missing */
    uint8_t *multi_missing;     /* CX_STORE_MULTI: 1 = missing (null/absent) */
    cx_dict *dict;              /* CX_STORE_CODE / CX_STORE_MULTI */
} cx_column;

/* True when row's value is missing (NaN, code -1, or a missing multi
 * answer).  row < the table's nrows. */
bool cx_column_is_missing(const cx_column *c, size_t row);

typedef struct cx_table {
    char *path;                 /* the file it was loaded from */
    size_t nrows;
    size_t ncols;
    cx_column *cols;            /* in order of first appearance (declared
                                   questions first, in `questions` order) */
    size_t nquestions;
    cx_question *questions;
    cx_survey survey;
    const double *weight;       /* the weight column's values, or NULL when
                                   survey.weight is absent (all weigh 1) */
    cx_dict *names;             /* private to src/data: column name -> index
                                   for cx_table_column; NULL in a table built
                                   by hand (then lookups scan the columns) */
} cx_table;

/* ---- loading ---- */

typedef struct cx_load_limits {
    size_t max_rows;            /* 0 = no limit */
    size_t max_line_bytes;      /* JSON Lines / CSV physical line; 0 = no limit */
    size_t max_data_memory;     /* bytes of the table being loaded (column
                                   arrays, dictionaries and their strings),
                                   checked where they grow; 0 = no limit */
} cx_load_limits;

/* What a build uses when a limit is 0 (cx_build_data_load; cxreport's
 * --max-rows, --max-line-bytes, --max-data-memory).  cx_dataset_load
 * itself takes 0 as "no limit". */
#define CX_DEFAULT_MAX_ROWS ((size_t)50000000)
#define CX_DEFAULT_MAX_LINE_BYTES ((size_t)64 << 20)
#define CX_DEFAULT_MAX_DATA_MEMORY ((size_t)4 << 30)

/* Loads and validates one dataset; the encoding is chosen by the file's
 * extension (.json, .jsonl, .ndjson, .csv).  On failure returns the
 * status (CX_EDATA for anything wrong with the input, CX_EINTERNAL for out
 * of memory), fills diag in the spec's shape, e.g.
 *   file = "data/vendors.json", line 4812, column 17, message =
 *   "response 602 (id \"R00602\"), field \"recommend\": expected an integer 0..10 (scale), found 11"
 * and leaves *out NULL.  limits may be NULL.
 *
 * Where the spec leaves a choice open, the loader decides so:
 *   - .json: top-level members other than survey/questions/responses are
 *     errors; members may come in any order (responses before questions
 *     cost a second pass over the responses).  max_line_bytes also caps
 *     the size of one response of a .json file.
 *   - questions: "type" is required; an unknown member, or min/max/labels
 *     outside a scale, options outside category/multi, are errors.
 *   - survey: "wave" may be a string or a number; "fielded" is YYYY-MM-DD
 *     or a period YYYY-MM-DD/YYYY-MM-DD.
 *   - values: a category takes strings, and numbers/booleans as their
 *     text; text takes strings only; a repeated choice in a multi answer
 *     counts once.
 *   - CSV: empty lines are skipped; a boolean cell is true/false (also
 *     True/TRUE/False/FALSE); a multi cell is a JSON array of strings
 *     ("[""a"",""b""]") or values separated by ';'.
 *   - numbers longer than 63 characters are rejected (cJSON's limit).
 *   - max_data_memory counts the column arrays at their allocated size
 *     and each dictionary's string pool, arrays and hash table; the load
 *     stops with CX_EDATA at the response or value being read as soon as
 *     one of them would grow past it. */
cx_status cx_dataset_load(const char *path, const cx_load_limits *limits,
                          cx_table **out, cx_diag *diag);

void cx_table_free(cx_table *t);

/* Column by exact (case-sensitive) name; NULL if absent.  O(1) average. */
const cx_column *cx_table_column(const cx_table *t, const char *name);
int cx_table_column_index(const cx_table *t, const char *name); /* -1 if absent */

/* A new table holding the given rows (indices into t, in that order) of
 * every column; questions, survey and dictionaries are copied so the new
 * table is independent of t.  NULL on out of memory. */
cx_table *cx_table_select(const cx_table *t, const size_t *rows, size_t nrows);

/* Value of a cell as text, for display and grouping: numbers in the
 * shortest form that round-trips ("9", "0.1", "1e+21"), codes as their
 * string, booleans "true"/"false", missing as NULL.  buf is used for
 * numbers (size ≥ 32). */
const char *cx_table_cell_text(const cx_table *t, size_t col, size_t row,
                               char *buf, size_t size);

/* Shortest decimal text that reads back as the same double, C-locale,
 * JSON-compatible (no "inf"/"nan": the caller never passes those).
 * Writes at most 32 bytes including the NUL; returns buf. */
char *cx_format_double(double x, char *buf, size_t size);

#endif
