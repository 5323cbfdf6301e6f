/*
 * doc_chart.h — what doc.c needs from doc_chart.c (internal to src/doc/).
 */
#ifndef CX_DOC_CHART_H
#define CX_DOC_CHART_H

#include <stdbool.h>

#include "cxreport/doc.h"

enum { CX_DOC_CHART_NAME_MAX = 100 };

/* Copies a checked spec deep into the arena; CX_EINTERNAL when out of
 * memory (out is then partly filled and must not be used). */
cx_status cx_doc_chart_copy(cx_arena *a, const cx_chart_spec *in, cx_chart_spec *out);

/* A file-name stem: 1..CX_DOC_CHART_NAME_MAX ASCII letters, digits, '-'
 * and '_' (no dots, slashes or spaces, so it can never leave the folder). */
bool cx_doc_chart_name_ok(const char *name);

#endif
