/*
 * internal.h — helpers shared by the files of src/stats/ and nobody else.
 * Each helper is defined in the file its prefix names.  Never include
 * this from outside src/stats/ (tests of the public API use stats.h).
 */
#ifndef CXREPORT_STATS_INTERNAL_H
#define CXREPORT_STATS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/stats.h"

/* describe.c: CX_ESCRIPT when p is NULL but n > 0 ("<what> is missing"). */
cx_status cx_describe_need(const void *p, size_t n, const char *what, cx_diag *d);
/* describe.c: CX_EDATA at the first infinite value (NaN is fine). */
cx_status cx_describe_finite(const double *x, size_t n, cx_diag *d);
/* describe.c: decides whether row i (0-based) is used.  Returns 1 and
 * sets *wi when used, 0 when skipped (NaN value or weight 0), -1 after
 * filling d when the row breaks a rule (infinite value, bad weight). */
int cx_describe_row(const double *x, const double *w, size_t i, double *wi,
                    cx_diag *d);

/* nps.c: class of an answer under def: 0 bottom, 1 middle, 2 top; -1
 * after filling d when it is not an integer on the scale. */
int cx_nps_classify(const cx_net_def *def, double v, size_t i, cx_diag *d);
/* Counts one answer of class cls (0 bottom, 1 middle, 2 top) with weight wi. */
void cx_net_add(cx_net *o, int cls, double wi);
/* nps.c: CX_ESCRIPT unless def is well formed. */
cx_status cx_nps_check_def(const cx_net_def *def, cx_diag *d);
/* nps.c: finishes out from the counts/sums already in it (n_top, n_mid,
 * n_bottom, w_*, sum_w2, weighted); z from the confidence table. */
void cx_nps_finish(cx_net *out, const cx_ci_opts *ci, double z);

/* sort.c: scratch for sorts, reused across columns of one size (a
 * matrix sorts k columns: allocating once spares k−1 rounds of page
 * faults).  Zero-initialise; cx_sort_buf_free (idempotent) when done. */
typedef struct cx_sort_buf {
    size_t cap;
    uint64_t *keys;     /* 2·cap */
    size_t *tmp;        /* cap */
} cx_sort_buf;
bool cx_sort_buf_reserve(cx_sort_buf *b, size_t n);
void cx_sort_buf_free(cx_sort_buf *b);

/* sort.c: sorts v[0..n-1] (no NaN) ascending.  false when out of memory. */
bool cx_sort_f64(double *v, size_t n);
/* sort.c: indices of the non-NaN values of x, ascending, stable; their
 * number in *m.  false when out of memory. */
bool cx_sort_order_f64(const double *x, size_t n, size_t *order, size_t *m);
/* sort.c: the same, also writing the sorted values into sorted[0..m-1]
 * when sorted is not NULL (−0 comes out as +0); buf may be NULL. */
bool cx_sort_order_values_f64(const double *x, size_t n, size_t *order, double *sorted,
                              size_t *m, cx_sort_buf *buf);

/* rank.c: scratch for cx_rank_group_ids, reused across columns. */
typedef struct cx_rank_buf {
    cx_sort_buf sort;
    size_t cap;
    size_t *order;      /* cap */
    double *sorted;     /* cap */
} cx_rank_buf;
void cx_rank_buf_free(cx_rank_buf *b);

/* rank.c: tie groups of x in ascending order, anchored at each group's
 * first value: gid[row] is the group (0-based, ascending) of each
 * non-missing row and CX_RANK_NO_GROUP for missing rows; *groups gets
 * their number.  Small-integer data (scale answers) is grouped directly
 * by value in two passes; other data is sorted first.  n must be below
 * CX_RANK_NO_GROUP; buf may be NULL.  false when out of memory. */
#define CX_RANK_NO_GROUP UINT32_MAX
bool cx_rank_group_ids(const double *x, size_t n, uint32_t *gid, size_t *groups,
                       cx_rank_buf *buf);

#endif
