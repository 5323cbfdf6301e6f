/*
 * script_internal.h — what the sandbox and the binding files share.
 *
 * The per-run context travels as the Lua allocator's userdata, so every
 * C function reaches it with lua_getallocf — no globals, no registry
 * lookups on hot paths.
 */
#ifndef CX_SCRIPT_INTERNAL_H
#define CX_SCRIPT_INTERNAL_H

#include <limits.h>
#include <lua.h>
#include <stdbool.h>
#include <stdint.h>

#include "cxreport/script.h"
#include "cxreport/stats.h"

/* A Lua heap with a cap: the allocator's userdata begins with one, so
 * report scripts and brand files share cx_lua_capped_alloc. */
typedef struct cx_lua_heap {
    size_t used, limit;
    size_t held;                /* bytes outside the heap under the same
                                   limit: the document the script builds */
    bool exceeded;              /* an allocation was refused */
} cx_lua_heap;

void *cx_lua_capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct cx_lua_ctx {
    cx_lua_heap mem;            /* first: the allocator's userdata */
    cx_script_env *env;
    bool doc_exceeded;          /* the document took the heap's room: sticky */
    uint64_t steps, max_steps;
    bool steps_exceeded;
    volatile int time_exceeded;     /* set from the SIGPROF handler */
    char script_dir[PATH_MAX];      /* realpath of the script's folder */
    char script_dir_shown[PATH_MAX];/* the folder as the user named it */
    char lua_dir[PATH_MAX];         /* realpath of the shipped lua/ */
    char brand_dir[PATH_MAX];       /* realpath of the brand's folder; "" = none */
    const char *json_error;         /* why the returned value has no JSON */
    lua_State *L;                   /* for the warning function's position */
    char warning[1024];             /* a warning being assembled from pieces */
    size_t warning_len;
} cx_lua_ctx;

static inline cx_lua_ctx *cx_lua_ctx_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* sandbox.c: open the allowed libraries and install the deterministic and
 * restricted replacements (pairs, next, tostring, print, string.format,
 * math.randomseed, collectgarbage, load, require). */
void cx_sandbox_open(lua_State *L);

/* tostring without addresses: the value's __tostring/__name, or its type
 * name.  Pushes the string and returns it. */
const char *cx_lua_tostring(lua_State *L, int idx);

/* "file:line" of the script frame at `level` (1 = the caller of the
 * running C function) for diagnostics; "" when unknown. */
void cx_lua_where(lua_State *L, int level, const char **file, long *line);

/* Sorted-key iteration: pushes a new array of the keys of the table at
 * idx in a deterministic order (numbers ascending, then strings by bytes,
 * then false, true, then other keys). */
void cx_lua_sorted_keys(lua_State *L, int idx);

/* lua_doc.c: the first key of the table at idx (in sorted-key order, so
 * a message naming it is the same on every run) that is not one of keys,
 * or NULL when every key is; *named says whether it is a string (else the
 * result is its type's name).  The string stays valid while the table
 * does; the stack is left as it was. */
const char *cx_lua_unknown_key(lua_State *L, int idx, const char *const *keys, bool *named);

/* lua_doc.c: counts the document (cx_doc_bytes) against the memory
 * limit, with the Lua heap.  Called before and after a block is added:
 * past the limit it raises the memory-limit error, and keeps raising it
 * on every later call, so a pcall cannot go on adding blocks. */
void cx_lua_doc_charge(lua_State *L);

/* Binding modules: each registers its globals into _G. */
void cx_lua_open_doc(lua_State *L);
void cx_lua_open_data(lua_State *L);
void cx_lua_open_stats(lua_State *L);
void cx_lua_open_chart(lua_State *L);

/* lua_data.c: datasets as full userdata "cx.dataset" (borrowed from the
 * build, or owning a derived table), and groups "cx.groups". */
typedef struct cx_lua_dataset {
    const cx_table *table;
    cx_table *owned;            /* freed by __gc; NULL when borrowed */
    const char *name;           /* for messages; anchored in the user value */
    int root;                   /* index of a --data dataset, -1 for derived */
} cx_lua_dataset;

typedef struct cx_grouping cx_grouping;

/* Checks a dataset argument.  Reading a --data dataset through anything
 * but the calls that record exactly what they read (filter, count,
 * fields, metadata) marks the whole dataset as read, for the cache. */
cx_lua_dataset *cx_lua_check_dataset(lua_State *L, int idx);
cx_lua_dataset *cx_lua_test_dataset(lua_State *L, int idx);   /* NULL if not one */
/* A result is made in two steps, so no table is ever unowned while Lua may
 * raise: push an empty dataset userdata, then attach the table (raising
 * with d when t is NULL). */
cx_lua_dataset *cx_lua_new_result(lua_State *L, const char *name);
void cx_lua_set_result(lua_State *L, cx_lua_dataset *ds, cx_table *t, const cx_diag *d);
void cx_lua_push_cell(lua_State *L, const cx_table *t, size_t col, size_t row);
/* Column index of field `name` in ds, or a Lua error naming the dataset. */
size_t cx_lua_field(lua_State *L, const cx_lua_dataset *ds, const char *name);
/* The grouping behind a "cx.groups" value at idx (and its dataset). */
const cx_grouping *cx_lua_check_groups(lua_State *L, int idx, cx_lua_dataset **ds);
int cx_lua_raise_diag(lua_State *L, const cx_diag *d);
double *cx_lua_number_array(lua_State *L, int idx, size_t n, const char *what);
int cx_lua_confidence(lua_State *L, int opts);
void cx_lua_open_aggregate(lua_State *L);
void cx_lua_open_maturity(lua_State *L);
int cx_lua_correlate_arrays(lua_State *L);
/* opts.method: "pearson" (default) or "spearman"; opts 0 = none. */
cx_corr_method cx_lua_corr_method(lua_State *L, int opts);

/* json_out.c: serialises the value at idx; returns a malloc'd string or
 * NULL with *err set to a static message. */
char *cx_lua_to_json(lua_State *L, int idx, const char **err);

/* True when the resolved path lies inside the resolved folder dir. */
int cx_lua_path_inside(const char *path, const char *dir);

/* Reads a whole file into a malloc'd buffer (NUL-terminated). */
char *cx_lua_read_file(const char *path, size_t max, size_t *len, const char **err);

#endif
