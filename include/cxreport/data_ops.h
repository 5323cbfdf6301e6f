/*
 * data_ops.h — operations on columnar tables: filter, group, order, and
 * building derived tables (the results of aggregations).
 *
 * Every operation reads a table and produces new memory; no table is ever
 * changed after it is complete, so a dataset can be shared by every
 * report of a batch.  Orders are deterministic: groups come sorted by
 * their key values (strings by bytes, numbers ascending), sorts are
 * stable and put missing values last.
 *
 * Ownership: tables from cx_table_new_derived are freed with
 * cx_table_free; cx_grouping owns its arrays (cx_grouping_free).  Arrays
 * passed in (rows, values, conditions) are borrowed for the call.
 */
#ifndef CXREPORT_DATA_OPS_H
#define CXREPORT_DATA_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/data.h"

/* ---- derived tables ---- */

/* An empty table of nrows rows with no columns and no questions.  `path`
 * names where it came from, for messages ("" is fine).  NULL on OOM. */
cx_table *cx_table_new_derived(const char *path, size_t nrows);

/* Appends a column (a copy of values[0..nrows)).  type is CX_Q_NUMBER or
 * CX_Q_BOOLEAN (0/1).  A column of that name already present is replaced.
 * CX_EINTERNAL on out of memory. */
cx_status cx_table_add_numbers(cx_table *t, const char *name, cx_qtype type,
                               const double *values, cx_diag *d);
/* Appends a category column; values[i] NULL = missing. */
cx_status cx_table_add_texts(cx_table *t, const char *name,
                             const char *const *values, cx_diag *d);
/* Appends column `col` of src gathered at rows[0..t->nrows) (SIZE_MAX =
 * missing), under `name` (NULL = the source column's name). */
cx_status cx_table_add_gathered(cx_table *t, const cx_table *src, size_t col,
                                const size_t *rows, const char *name, cx_diag *d);

/* ---- grouping ---- */

enum { CX_MAX_GROUP_KEYS = 8 };

typedef struct cx_grouping {
    size_t nkeys;
    size_t keys[CX_MAX_GROUP_KEYS];     /* column indices */
    size_t nrows;
    size_t ngroups;
    int32_t *group;     /* nrows: 0..ngroups-1, or -1 when a key is missing */
    size_t *first;      /* ngroups: the first row of each group (its key values) */
    size_t *size;       /* ngroups: rows per group */
} cx_grouping;

/* Groups the rows of t by the columns cols[0..ncols); groups are numbered
 * in sorted key order.  A multi column cannot be a key (CX_ESCRIPT). */
cx_status cx_table_group(const cx_table *t, const size_t *cols, size_t ncols,
                         cx_grouping *g, cx_diag *d);
void cx_grouping_free(cx_grouping *g);

/* A table of the key columns, one row per group, in group order. */
cx_table *cx_grouping_keys(const cx_table *t, const cx_grouping *g, cx_diag *d);

/* ---- ordering ---- */

/* order[0..nrows) = the row indices of t sorted by cols (desc[i] reverses
 * column i), stable, missing values last in either direction. */
cx_status cx_table_order(const cx_table *t, const size_t *cols, const bool *desc,
                         size_t ncols, size_t *order, cx_diag *d);

/* ---- filtering ---- */

typedef enum cx_cond_kind {
    CX_COND_IN,         /* the value is one of nums[] / strs[] */
    CX_COND_NOT_IN,     /* present and none of them */
    CX_COND_RANGE,      /* lo <= value <= hi (numbers) */
    CX_COND_MISSING,
    CX_COND_PRESENT,
} cx_cond_kind;

typedef struct cx_cond {
    size_t col;
    cx_cond_kind kind;
    size_t nnums, nstrs;
    const double *nums;         /* IN/NOT_IN on number columns (booleans as 0/1) */
    const char *const *strs;    /* IN/NOT_IN on category/text/multi columns */
    double lo, hi;              /* RANGE */
} cx_cond;

/* rows[0..*nout) = the rows satisfying every condition, in table order.
 * rows must hold t->nrows entries.  A string value on a number column or
 * the reverse is CX_ESCRIPT, naming the field. */
cx_status cx_table_filter(const cx_table *t, const cx_cond *conds, size_t nconds,
                          size_t *rows, size_t *nout, cx_diag *d);

#endif
