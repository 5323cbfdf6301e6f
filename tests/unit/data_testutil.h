/*
 * data_testutil.h — helpers shared by the dataset tests (test_data_*.c):
 * a private temporary directory to write input files into, and asserts
 * on the result of loading one.  Header-only, static functions.
 */
#ifndef CX_DATA_TESTUTIL_H
#define CX_DATA_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cxreport/data.h"

typedef struct tdir {
    char path[64];
    char files[256][64];
    int nfiles;
    char buf[256];              /* the last path made */
} tdir;

static inline void tdir_make(tdir *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->path, sizeof d->path, "/tmp/cxdata-test-XXXXXX");
    assert_non_null(mkdtemp(d->path));
}

/* prefix, n times 'x', suffix (caller frees): a value too big for a
 * small memory limit. */
static inline char *with_long_text(const char *prefix, size_t n, const char *suffix)
{
    size_t a = strlen(prefix), b = strlen(suffix);
    char *s = malloc(a + n + b + 1);
    assert_non_null(s);
    memcpy(s, prefix, a);
    memset(s + a, 'x', n);
    memcpy(s + a + n, suffix, b + 1);
    return s;
}

/* Path of name inside the directory (valid until the next call). */
static inline const char *tdir_path(tdir *d, const char *name)
{
    snprintf(d->buf, sizeof d->buf, "%s/%s", d->path, name);
    return d->buf;
}

/* Writes len bytes (or strlen when len is -1) to name; returns its path. */
static inline const char *tdir_write_n(tdir *d, const char *name, const char *data, long len)
{
    const char *p = tdir_path(d, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    size_t n = len < 0 ? strlen(data) : (size_t)len;
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    int known = 0;
    for (int i = 0; i < d->nfiles; i++)
        known |= strcmp(d->files[i], name) == 0;
    if (!known) {
        assert_true(d->nfiles < 256);
        snprintf(d->files[d->nfiles++], sizeof d->files[0], "%s", name);
    }
    return tdir_path(d, name);
}

static inline const char *tdir_write(tdir *d, const char *name, const char *data)
{
    return tdir_write_n(d, name, data, -1);
}

static inline void tdir_remove(tdir *d)
{
    for (int i = 0; i < d->nfiles; i++)
        unlink(tdir_path(d, d->files[i]));
    rmdir(d->path);
}

/* Loads path, which must succeed. */
static inline cx_table *load_ok(const char *path)
{
    cx_table *t = NULL;
    cx_diag diag;
    cx_status st = cx_dataset_load(path, NULL, &t, &diag);
    if (st != CX_OK) {
        char buf[4096];
        print_error("unexpected failure: %s\n", cx_diag_format(&diag, buf, sizeof buf));
    }
    assert_int_equal(st, CX_OK);
    assert_non_null(t);
    return t;
}

/* Loads path with limits, which must fail with a data error at
 * line:column with exactly this message (in file `file`, or path when
 * file is NULL). */
static inline void load_fails_with(const char *path, const cx_load_limits *lim,
                                   const char *file, long line, long column,
                                   const char *message)
{
    cx_table *t = (cx_table *)1;
    cx_diag diag;
    char want_file[512];
    snprintf(want_file, sizeof want_file, "%s", file ? file : path);
    cx_status st = cx_dataset_load(path, lim, &t, &diag);
    if (st != CX_EDATA || strcmp(diag.message, message) != 0 || diag.line != line ||
        diag.column != column) {
        char buf[4096];
        print_error("got:  %s\nwant: %ld:%ld: %s\n", cx_diag_format(&diag, buf, sizeof buf),
                    line, column, message);
    }
    assert_int_equal(st, CX_EDATA);
    assert_null(t);
    assert_int_equal(diag.status, CX_EDATA);
    assert_string_equal(diag.message, message);
    assert_string_equal(diag.file, want_file);
    assert_int_equal(diag.line, line);
    assert_int_equal(diag.column, column);
}

/* The same, for a file written just now into d under name. */
static inline void write_fails_with(tdir *d, const char *name, const char *content,
                                    long line, long column, const char *message)
{
    char path[256];
    snprintf(path, sizeof path, "%s", tdir_write(d, name, content));
    load_fails_with(path, NULL, NULL, line, column, message);
}

static inline const cx_column *col_of(const cx_table *t, const char *name)
{
    const cx_column *c = cx_table_column(t, name);
    if (!c)
        print_error("no column \"%s\"\n", name);
    assert_non_null(c);
    return c;
}

/* The string of a code column's row (NULL when missing). */
static inline const char *code_str(const cx_table *t, const char *name, size_t row)
{
    const cx_column *c = col_of(t, name);
    assert_int_equal(c->storage, CX_STORE_CODE);
    return c->code[row] < 0 ? NULL : cx_dict_string(c->dict, c->code[row]);
}

/* The group's folder, made and removed by the group set-up. */
static tdir dir;

static inline int tdir_setup(void **state)
{
    (void)state;
    tdir_make(&dir);
    return 0;
}

static inline int tdir_teardown(void **state)
{
    (void)state;
    tdir_remove(&dir);
    return 0;
}

#endif
