/*
 * table.h — creating an empty cx_table (internal to src/data).
 */
#ifndef CX_DATA_TABLE_H
#define CX_DATA_TABLE_H

#include "cxreport/data.h"

/* An empty table for path (copied): no rows, no columns, survey.extra an
 * empty object.  NULL on out of memory. */
cx_table *cx_table_new(const char *path);

/* Frees what a column owns (its name, values and dictionary). */
void cx_column_clear(cx_column *c);

/* Frees every column (keeps questions and survey): nrows and ncols 0. */
void cx_table_drop_columns(cx_table *t);

#endif
