/*
 * script.h — running a report script in the Lua sandbox.
 *
 * A script sees only what the build declares: the datasets given with
 * --data (already loaded and validated), the --param values, the shipped
 * lua/ folder and its own folder for `require`, and the document it adds
 * to.  No file, process or network access; a memory cap, an instruction
 * budget and a CPU-time limit turn runaway scripts into clean errors.
 * Iteration order (pairs/next), tostring and math.random are made
 * deterministic, so the same inputs build the same document.
 *
 * Only src/script/ includes Lua's headers.
 *
 * Ownership: everything in cx_script_env is borrowed for the duration of
 * cx_script_run.  The files read (the script and every module required)
 * are appended to env->files_read, which the caller owns and frees with
 * cx_strlist_free.  A returned JSON text (env->result_json) is malloc'd
 * and freed by the caller.
 */
#ifndef CXREPORT_SCRIPT_H
#define CXREPORT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/data.h"
#include "cxreport/diag.h"
#include "cxreport/doc.h"

typedef struct cx_strlist {
    size_t count, cap;
    char **items;
} cx_strlist;

/* Appends a copy of s unless already present; false on out of memory. */
bool cx_strlist_add(cx_strlist *l, const char *s);
void cx_strlist_free(cx_strlist *l);

/* What a script read of its datasets, so a cache can tell when a report
 * must be rebuilt: a filter of a dataset by field values records the rows
 * it selected (and the filter, to select them again); anything else
 * marks the whole dataset as read. */
typedef struct cx_data_selection {
    char *filter;           /* "field\tvalue\tvalue…" lines; values as text */
    size_t nrows;
    size_t *rows;           /* row indices selected, ascending */
} cx_data_selection;

typedef struct cx_data_read {
    bool whole;             /* some operation saw every row */
    size_t nsel, cap;
    cx_data_selection *sel;
} cx_data_read;

typedef struct cx_data_reads {
    size_t count;           /* one entry per dataset, in cx_script_env order */
    cx_data_read *items;
} cx_data_reads;

void cx_data_reads_free(cx_data_reads *r);

typedef struct cx_named_table {
    const char *name;
    const cx_table *table;
} cx_named_table;

typedef struct cx_param {
    const char *key, *value;
} cx_param;

typedef struct cx_script_limits {
    size_t max_memory;          /* bytes of Lua heap plus the document the
                                   script builds; 0 = default (1 GiB) */
    uint64_t max_steps;         /* Lua VM instructions; 0 = default (1e9) */
    double timeout;             /* CPU seconds for the script; 0 = default (60) */
} cx_script_limits;

#define CX_DEFAULT_MAX_MEMORY ((size_t)1 << 30)
#define CX_DEFAULT_MAX_STEPS UINT64_C(1000000000)
#define CX_DEFAULT_TIMEOUT 60.0

typedef struct cx_script_env {
    const char *script_path;    /* as given on the command line */
    const char *lua_dir;        /* the shipped lua/ folder */
    const char *brand_dir;      /* --brand DIR, or NULL: the brand report{}
                                   names; image{} reads from its folder */
    size_t ndatasets;
    const cx_named_table *datasets;
    size_t nparams;
    const cx_param *params;
    cx_doc *doc;                /* the document the script adds to */
    cx_script_limits limits;
    bool want_result;           /* `run`: serialise the returned value */
    bool print_to_stdout;       /* `run`: print() goes to stdout, else stderr */
    /* outputs */
    cx_strlist files_read;
    cx_data_reads reads;        /* what the script read of each dataset */
    cx_diag_list warnings;      /* warn("…") calls, with the script's line */
    char *result_json;          /* when want_result: JSON text of the value
                                   the script returned ("null" for none) */
} cx_script_env;

/* Runs the script.  On failure returns CX_ESCRIPT (script error, limit,
 * sandbox violation) or CX_EINTERNAL and fills diag with the script's
 * file:line and message; diag->trace (below) gets the short traceback. */
cx_status cx_script_run(cx_script_env *env, cx_diag *diag, char *trace,
                        size_t trace_size);

#endif
