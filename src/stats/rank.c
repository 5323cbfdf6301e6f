/*
 * rank.c — ranks for benchmark tables (competition ranking, 1 = best,
 * ties share the best rank), average ranks for Spearman, and the "mean"
 * percentile rank.  Ties are decided with the CX_EXACT_TOL tolerance, in
 * one documented way (a tie group is anchored at its first value), so
 * two vendors whose NPS are mathematically equal always share a rank.
 * Never changes its inputs; sorting goes through sort.c.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static cx_status oom(cx_diag *d, size_t n)
{
    return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory ranking %zu values", n);
}

cx_status cx_rank_order_asc(const double *x, size_t n, size_t *order,
                            size_t *m, cx_diag *d)
{
    cx_status st;
    *m = 0;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(order, n, "the order array", d)) != CX_OK)
        return st;
    if (!cx_sort_order_f64(x, n, order, m))
        return oom(d, n);
    return CX_OK;
}

cx_status cx_rank_competition(const double *x, size_t n, cx_rank_order order,
                              size_t *rank, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(rank, n, "the rank array", d)) != CX_OK ||
        (st = cx_describe_finite(x, n, d)) != CX_OK)
        return st;
    if (order != CX_RANK_HIGH_FIRST && order != CX_RANK_LOW_FIRST)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown rank order %d", (int)order);
    if (n == 0)
        return CX_OK;
    size_t *ord = malloc(n * sizeof *ord);
    size_t m = 0;
    if (!ord || !cx_sort_order_f64(x, n, ord, &m)) {
        free(ord);
        return oom(d, n);
    }
    for (size_t i = 0; i < n; i++)
        rank[i] = 0;
    /* Walk best first; a group is every value within the tolerance of
     * its first (best) value, and all of it gets 1 + the number before. */
    size_t pos = 0;
    while (pos < m) {
        size_t first = order == CX_RANK_HIGH_FIRST ? ord[m - 1 - pos] : ord[pos];
        double anchor = x[first];
        size_t end = pos;
        while (end < m) {
            size_t row = order == CX_RANK_HIGH_FIRST ? ord[m - 1 - end] : ord[end];
            if (fabs(x[row] - anchor) > CX_EXACT_TOL)
                break;
            rank[row] = pos + 1;
            end++;
        }
        pos = end;
    }
    free(ord);
    return CX_OK;
}

/* Direct grouping when every value is an integer and the span is small:
 * the groups are the distinct values present.  false when it does not
 * apply (or memory ran out: then the sorting path reports it). */
static bool groups_by_value(const double *x, size_t n, uint32_t *gid, size_t *groups)
{
    enum { SPAN = 65536 };
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (isnan(v))
            continue;
        if (!(fabs(v) < 4503599627370496.0) || v != floor(v))
            return false;
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
    }
    if (lo > hi) {                   /* nothing but NaN */
        for (size_t i = 0; i < n; i++)
            gid[i] = CX_RANK_NO_GROUP;
        *groups = 0;
        return true;
    }
    if (hi - lo >= SPAN)
        return false;
    size_t span = (size_t)(hi - lo) + 1;
    uint32_t *id = calloc(span, sizeof *id);
    if (!id)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            id[(size_t)(x[i] - lo)] = 1;
    uint32_t next = 0;
    for (size_t v = 0; v < span; v++)
        id[v] = id[v] ? next++ : CX_RANK_NO_GROUP;
    for (size_t i = 0; i < n; i++)
        gid[i] = isnan(x[i]) ? CX_RANK_NO_GROUP : id[(size_t)(x[i] - lo)];
    *groups = next;
    free(id);
    return true;
}

void cx_rank_buf_free(cx_rank_buf *b)
{
    cx_sort_buf_free(&b->sort);
    free(b->order);
    free(b->sorted);
    b->order = NULL;
    b->sorted = NULL;
    b->cap = 0;
}

bool cx_rank_group_ids(const double *x, size_t n, uint32_t *gid, size_t *groups,
                       cx_rank_buf *buf)
{
    *groups = 0;
    if (groups_by_value(x, n, gid, groups))
        return true;
    cx_rank_buf own = {0};
    if (!buf)
        buf = &own;
    bool ok = false;
    size_t m = 0;
    if (n > buf->cap) {
        free(buf->order);
        free(buf->sorted);
        buf->order = malloc(n * sizeof *buf->order);
        buf->sorted = malloc(n * sizeof *buf->sorted);
        buf->cap = buf->order && buf->sorted ? n : 0;
        if (!buf->cap)
            goto done;
    }
    if (!cx_sort_order_values_f64(x, n, buf->order, buf->sorted, &m, &buf->sort))
        goto done;
    for (size_t i = 0; i < n; i++)
        gid[i] = CX_RANK_NO_GROUP;
    size_t g = 0;
    double anchor = 0.0;
    for (size_t k = 0; k < m; k++) {
        double v = buf->sorted[k];
        if (k == 0 || fabs(v - anchor) > CX_EXACT_TOL) {
            anchor = v;
            g++;
        }
        gid[buf->order[k]] = (uint32_t)(g - 1);
    }
    *groups = g;
    ok = true;
done:
    cx_rank_buf_free(&own);
    return ok;
}

cx_status cx_rank_average(const double *x, size_t n, double *rank, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(rank, n, "the rank array", d)) != CX_OK ||
        (st = cx_describe_finite(x, n, d)) != CX_OK)
        return st;
    if (n == 0)
        return CX_OK;
    if (n >= CX_RANK_NO_GROUP)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "%zu rows are too many to rank", n);
    st = CX_OK;
    uint32_t *gid = malloc(n * sizeof *gid);
    double *avg = NULL;
    cx_rank_buf buf = {0};
    size_t groups = 0, m = 0;
    if (!gid) {
        st = oom(d, n);
        goto done;
    }
    if (groups_by_value(x, n, gid, &groups)) {
        /* Scale answers: count each value, then give it the mean of the
         * ranks it spans, below + (count + 1)/2. */
        avg = calloc(groups ? groups : 1, sizeof *avg);
        if (!avg) {
            st = oom(d, n);
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            if (gid[i] != CX_RANK_NO_GROUP)
                avg[gid[i]] += 1.0;
        double below = 0.0;
        for (size_t g = 0; g < groups; g++) {
            double c = avg[g];
            avg[g] = below + 0.5 * (c + 1.0);
            below += c;
        }
        for (size_t i = 0; i < n; i++)
            rank[i] = gid[i] == CX_RANK_NO_GROUP ? NAN : avg[gid[i]];
        goto done;
    }
    /* Other data: walk the sorted values; a tie group spanning sorted
     * positions k0..k1−1 gets (k0 + 1 + k1)/2. */
    buf.order = malloc(n * sizeof *buf.order);
    buf.sorted = malloc(n * sizeof *buf.sorted);
    buf.cap = n;
    if (!buf.order || !buf.sorted ||
        !cx_sort_order_values_f64(x, n, buf.order, buf.sorted, &m, &buf.sort)) {
        st = oom(d, n);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        rank[i] = NAN;
    for (size_t k0 = 0; k0 < m;) {
        size_t k1 = k0 + 1;
        while (k1 < m && fabs(buf.sorted[k1] - buf.sorted[k0]) <= CX_EXACT_TOL)
            k1++;
        double r = 0.5 * ((double)k0 + 1.0 + (double)k1);
        for (size_t k = k0; k < k1; k++)
            rank[buf.order[k]] = r;
        k0 = k1;
    }
done:
    free(gid);
    free(avg);
    cx_rank_buf_free(&buf);
    return st;
}

cx_status cx_rank_percentile(const double *peers, size_t n, double value,
                             double *pct, bool *defined, cx_diag *d)
{
    cx_status st;
    *pct = 0.0;
    *defined = false;
    if ((st = cx_describe_need(peers, n, "the peer array", d)) != CX_OK ||
        (st = cx_describe_finite(peers, n, d)) != CX_OK)
        return st;
    if (isinf(value))
        return cx_diag_set(d, CX_EDATA, NULL, 0, 0, "the client's value is infinite");
    if (isnan(value))
        return CX_OK;
    size_t below = 0, equal = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(peers[i]))
            continue;
        total++;
        int c = cx_exact_cmp(peers[i], value);
        if (c < 0)
            below++;
        else if (c == 0)
            equal++;
    }
    if (total == 0)
        return CX_OK;
    /* 100·(below + equal/2)/N as one division of exact integers. */
    *pct = 100.0 * (2.0 * (double)below + (double)equal) / (2.0 * (double)total);
    *defined = true;
    return CX_OK;
}
