/*
 * build.h — one build, from inputs to an output file.
 *
 * The build owns every stage: it loads and validates each --data input
 * before the script runs, runs the script in the sandbox, lays out and
 * renders the document, and writes the PDF atomically (a temporary file
 * in the target folder, renamed at the end), so a failed build leaves an
 * earlier output byte-for-byte untouched and no temporary behind.
 *
 * With charts_dir set, a build also writes every chart of the report as
 * CHARTS_DIR/NN-name.png (2×) and .svg, after the PDF, and only when
 * everything else succeeded: all of them are rendered before anything is
 * written.
 *
 * Ownership: cx_build_opts and everything it points to are borrowed.
 */
#ifndef CXREPORT_BUILD_H
#define CXREPORT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/data.h"
#include "cxreport/diag.h"
#include "cxreport/script.h"

typedef enum cx_command { CX_CMD_BUILD, CX_CMD_CHECK, CX_CMD_RUN } cx_command;

/* --max-output-size; --max-pages defaults to CX_DEFAULT_MAX_PAGES (render.h). */
#define CX_DEFAULT_MAX_OUTPUT_SIZE ((size_t)256 << 20)

typedef struct cx_data_arg {
    const char *name, *path;
} cx_data_arg;

typedef struct cx_build_opts {
    cx_command command;
    const char *script;
    const char *output;             /* CX_CMD_BUILD only */
    const char *charts_dir;         /* CX_CMD_BUILD only; NULL = no chart export */
    size_t ndata;
    const cx_data_arg *data;
    size_t nparams;
    const cx_param *params;
    cx_script_limits limits;        /* 0s = the defaults (script.h) */
    cx_load_limits load_limits;     /* 0s = the defaults (CX_DEFAULT_MAX_ROWS…) */
    size_t max_pages;               /* the layout stops past it (CX_ESCRIPT);
                                       0 = CX_DEFAULT_MAX_PAGES */
    size_t max_output_size;         /* bytes; a bigger PDF is refused before
                                       anything is written (CX_EOUTPUT);
                                       0 = CX_DEFAULT_MAX_OUTPUT_SIZE */
    const char *lua_dir;            /* NULL = the shipped lua/ folder */
    bool has_date;                  /* SOURCE_DATE_EPOCH was given */
    int64_t date_epoch;
    /* batches: one report per value of a field (--each NAME=FIELD) or per
     * line of a file (--each NAME=@FILE); `output` holds {NAME} */
    const char *each_name, *each_field, *each_file;
    int jobs;                       /* -j; 0 = one per core */
    bool fail_fast;
    int shard_k, shard_n;           /* --shard K/N; 0/0 = the whole batch */
    /* incremental builds and reporting */
    const char *cache_dir;          /* NULL = .cxreport-cache beside the output */
    bool no_cache;                  /* --no-cache: always build, record nothing */
    const char *depfile, *manifest; /* NULL = none */
    bool diag_json;                 /* --diagnostics json */
    bool werror, verify, quiet;
    const char *brand_dir;          /* --brand DIR */
    const char *chart_data;         /* --chart-data appendix|off */
} cx_build_opts;

/* Runs one build.  On failure fills diag (and trace, for script errors,
 * with the script frames, one per line) and returns its status. */
cx_status cx_build_run(const cx_build_opts *opts, cx_diag *diag, char *trace,
                       size_t trace_size);

/* Everything `cxreport build|check|run` does with parsed options: loads
 * the data once, runs one report or a batch (forked workers after
 * loading), uses the cache, writes depfile and manifest, prints
 * diagnostics and the summary.  Returns the process exit code. */
int cx_build_main(const cx_build_opts *opts);

/* Prints a diagnostic as text (and the script traceback) or as one JSON
 * line, per opts->diag_json; output names the report in a batch. */
void cx_print_diag(const cx_build_opts *opts, const cx_diag *d, const char *trace,
                   const char *output);

/* A batch value as a file-name part: letters, digits, '_', '-', '.' kept,
 * other runs as one '-', no leading dot, never empty or a path. */
void cx_sanitize_name(const char *value, char *buf, size_t size);

/* ---- the parts of a build, for batches and caches ---- */

/* The datasets of a build (--data plus the script's declared defaults),
 * loaded and validated once and shared by every report of a batch. */
typedef struct cx_build_data {
    size_t count;
    cx_named_table *tables;     /* count entries */
    char **paths;               /* count: the file each came from */
} cx_build_data;

cx_status cx_build_data_load(const cx_build_opts *opts, cx_build_data *out, cx_diag *diag);
void cx_build_data_free(cx_build_data *d);

/* What one report produced, in memory: nothing is written. */
typedef struct cx_build_result {
    unsigned char *pdf;
    size_t pdf_len;
    size_t pages;
    cx_strlist files_read;      /* resolved paths: the script and its modules */
    cx_data_reads reads;        /* which rows of which datasets the script read */
    cx_diag_list warnings;      /* from the script (warn) and the later stages */
    struct cx_chart_files *charts;  /* --charts exports, rendered, not yet written */
} cx_build_result;

void cx_build_result_free(cx_build_result *r);

/* Runs the script with params and renders the PDF into res (and, with
 * opts->charts_dir, writes the chart exports after the caller wrote the
 * PDF: see cx_build_run).  opts->command decides how far it goes. */
cx_status cx_build_one(const cx_build_opts *opts, const cx_build_data *data,
                       const cx_param *params, size_t nparams, cx_build_result *res,
                       cx_diag *diag, char *trace, size_t trace_size);

/* Writes len bytes to path through a temporary file in the same folder,
 * flushed and renamed over path.  On failure path is untouched and the
 * temporary removed. */
cx_status cx_write_atomic(const char *path, const void *bytes, size_t len, cx_diag *diag);

/* Creates dir and its missing parents (mkdir -p); a file of that name is
 * an output error. */
cx_status cx_make_dirs(const char *dir, cx_diag *diag);

#endif
