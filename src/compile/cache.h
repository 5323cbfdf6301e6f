/*
 * cache.h — content-hash cache entries (internal to src/compile/).
 *
 * Ownership: cx_memo and cx_cache_inputs own their strings; free them
 * with their _free functions.
 */
#ifndef CX_BUILD_CACHE_H
#define CX_BUILD_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/build.h"
#include "hash.h"

/* File hashes computed once per process. */
typedef struct cx_memo {
    size_t count, cap;
    char **paths;
    char (*hashes)[CX_HASH_HEX];
} cx_memo;

/* The hash of path's contents ("" when unreadable), computed once. */
const char *cx_memo_file(cx_memo *m, const char *path);
void cx_memo_free(cx_memo *m);

/* A dataset file together with its NAME.meta.json sidecar, if any. */
void cx_sidecar_path(const char *path, char *buf, size_t size);
void cx_dataset_hash(cx_memo *m, const char *path, char hex[CX_HASH_HEX]);

/* Runs a recorded filter ("field\tvalue…" lines) on t again: *rows is
 * malloc'd. */
cx_status cx_filter_rows(const cx_table *t, const char *filter, size_t **rows, size_t *nrows,
                         cx_diag *d);

/* Every input of one output, with its hash: for depfiles and manifests. */
typedef struct cx_cache_inputs {
    cx_strlist paths;
    size_t nhash, caphash;
    char (*hashes)[CX_HASH_HEX];
} cx_cache_inputs;

void cx_cache_inputs_add(cx_cache_inputs *in, const char *path, const char *hash);
void cx_cache_inputs_free(cx_cache_inputs *in);

void cx_cache_entry_path(const char *cache_dir, const char *output, char *buf, size_t size);

/* True when the entry proves output up to date for these settings and
 * data; fills inputs and pages from it. */
bool cx_cache_check(const char *entry_path, const char *output, const cx_strlist *opts,
                    const cx_build_data *data, cx_memo *memo, cx_cache_inputs *inputs,
                    size_t *pages, cx_diag_list *warnings);

/* Records what res read (and fills inputs). */
cx_status cx_cache_write(const char *entry_path, const char *output_hash, size_t pages,
                         const cx_strlist *opts, const cx_build_result *res,
                         const cx_build_data *data, cx_memo *memo, cx_cache_inputs *inputs,
                         cx_diag *diag);

#endif
