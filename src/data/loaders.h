/*
 * loaders.h — the three encodings (internal to src/data).  load.c picks
 * one by extension; each fills a table created by the caller (path set,
 * nothing else) or fills diag.
 */
#ifndef CX_DATA_LOADERS_H
#define CX_DATA_LOADERS_H

#include "cxreport/data.h"

cx_status cx_json_load(cx_table *t, const char *path, const cx_load_limits *lim, cx_diag *d);
cx_status cx_jsonl_load(cx_table *t, const char *path, const char *sidecar,
                        const cx_load_limits *lim, cx_diag *d);
cx_status cx_csv_load(cx_table *t, const char *path, const char *sidecar,
                      const cx_load_limits *lim, cx_diag *d);

#endif
