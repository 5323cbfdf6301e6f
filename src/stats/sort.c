/*
 * sort.c — the sorts under quantiles, ranks and Spearman: O(n), so a
 * 1,000,000-row column ranks in milliseconds.  Scale answers (small
 * integers) are placed by counting; other values by an LSD radix sort on
 * their IEEE-754 bits, mapped to unsigned keys that order like the
 * doubles.  Internal to src/stats/ (see internal.h); never sees NaN
 * except to leave it out.
 */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    SMALL = 48,             /* below this, insertion sort */
    DIGIT_BITS = 8,         /* 8 passes of a byte: measured faster than 11 or 16 bits */
    DIGITS = 8,
    BUCKETS = 1 << DIGIT_BITS,
    COUNT_SPAN = 65536,     /* widest integer range sorted by counting */
};

#define SIGN_BIT 0x8000000000000000u

/* Unsigned key with the order of the doubles: flip all bits of
 * negatives, set the sign bit of positives.  −0 is folded to +0 first so
 * equal values get equal keys. */
static uint64_t key_of(double v)
{
    if (v == 0.0)
        v = 0.0;
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return (u & SIGN_BIT) ? ~u : (u | SIGN_BIT);
}

static double value_of(uint64_t k)
{
    uint64_t u = (k & SIGN_BIT) ? (k & ~SIGN_BIT) : ~k;
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* LSD radix sort of keys[0..n-1], carrying idx (may be NULL) along; the
 * result ends in keys/idx.  tk/ti are scratch of the same sizes.  Passes
 * where every key has the same digit are skipped. */
static void radix(uint64_t *keys, size_t *idx, uint64_t *tk, size_t *ti, size_t n)
{
    size_t hist[DIGITS][BUCKETS];
    memset(hist, 0, sizeof hist);
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < DIGITS; p++)
            hist[p][(keys[i] >> (p * DIGIT_BITS)) & (BUCKETS - 1)]++;
    uint64_t *src = keys, *dst = tk;
    size_t *isrc = idx, *idst = ti;
    for (int p = 0; p < DIGITS; p++) {
        size_t *h = hist[p];
        unsigned first = (unsigned)((src[0] >> (p * DIGIT_BITS)) & (BUCKETS - 1));
        if (h[first] == n)
            continue;
        size_t sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            size_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t at = h[(src[i] >> (p * DIGIT_BITS)) & (BUCKETS - 1)]++;
            dst[at] = src[i];
            if (isrc)
                idst[at] = isrc[i];
        }
        uint64_t *t = src; src = dst; dst = t;
        size_t *it = isrc; isrc = idst; idst = it;
    }
    if (src != keys) {
        memcpy(keys, src, n * sizeof *keys);
        if (idx)
            memcpy(idx, isrc, n * sizeof *idx);
    }
}

bool cx_sort_buf_reserve(cx_sort_buf *b, size_t n)
{
    if (n <= b->cap)
        return true;
    cx_sort_buf_free(b);
    b->keys = malloc(2 * n * sizeof *b->keys);
    b->tmp = malloc(n * sizeof *b->tmp);
    if (!b->keys || !b->tmp) {
        cx_sort_buf_free(b);
        return false;
    }
    b->cap = n;
    return true;
}

void cx_sort_buf_free(cx_sort_buf *b)
{
    free(b->keys);
    free(b->tmp);
    b->keys = NULL;
    b->tmp = NULL;
    b->cap = 0;
}

bool cx_sort_f64(double *v, size_t n)
{
    if (n < SMALL) {
        for (size_t i = 1; i < n; i++) {
            double t = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > t; j--)
                v[j] = v[j - 1];
            v[j] = t;
        }
        return true;
    }
    cx_sort_buf b = {0};
    if (!cx_sort_buf_reserve(&b, n))
        return false;
    for (size_t i = 0; i < n; i++)
        b.keys[i] = key_of(v[i]);
    radix(b.keys, NULL, b.keys + n, NULL, n);
    for (size_t i = 0; i < n; i++)
        v[i] = value_of(b.keys[i]);
    cx_sort_buf_free(&b);
    return true;
}

bool cx_sort_order_f64(const double *x, size_t n, size_t *order, size_t *m_out)
{
    return cx_sort_order_values_f64(x, n, order, NULL, m_out, NULL);
}

bool cx_sort_order_values_f64(const double *x, size_t n, size_t *order, double *sorted,
                              size_t *m_out, cx_sort_buf *buf)
{
    bool ok = false;
    size_t *count = NULL;
    cx_sort_buf own = {0};
    if (!buf)
        buf = &own;

    /* Gather the non-missing rows; note whether they are all integers in
     * a narrow range (then counting places them in one pass). */
    size_t m = 0;
    bool small_ints = true;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (isnan(v))
            continue;
        order[m++] = i;
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
        if (small_ints && !(fabs(v) < 4503599627370496.0 && v == floor(v)))
            small_ints = false;
    }
    *m_out = m;
    if (m < SMALL) {
        for (size_t i = 1; i < m; i++) {
            size_t t = order[i];
            size_t j = i;
            for (; j > 0 && x[order[j - 1]] > x[t]; j--)
                order[j] = order[j - 1];
            order[j] = t;
        }
        if (sorted)
            for (size_t k = 0; k < m; k++)
                sorted[k] = x[order[k]] == 0.0 ? 0.0 : x[order[k]];
        return true;
    }
    if (!cx_sort_buf_reserve(buf, m))
        goto done;
    if (small_ints && hi - lo < COUNT_SPAN) {
        size_t span = (size_t)(hi - lo) + 1;
        count = calloc(span + 1, sizeof *count);
        if (!count)
            goto done;
        for (size_t k = 0; k < m; k++)
            count[(size_t)(x[order[k]] - lo) + 1]++;
        for (size_t b = 1; b <= span; b++)
            count[b] += count[b - 1];
        for (size_t k = 0; k < m; k++)
            buf->tmp[count[(size_t)(x[order[k]] - lo)]++] = order[k];
        memcpy(order, buf->tmp, m * sizeof *order);
        if (sorted)
            for (size_t k = 0; k < m; k++)
                sorted[k] = x[order[k]] == 0.0 ? 0.0 : x[order[k]];
        ok = true;
        goto done;
    }
    for (size_t k = 0; k < m; k++)
        buf->keys[k] = key_of(x[order[k]]);
    radix(buf->keys, order, buf->keys + m, buf->tmp, m);
    if (sorted)     /* from the sorted keys: sequential, no gather */
        for (size_t k = 0; k < m; k++)
            sorted[k] = value_of(buf->keys[k]);
    ok = true;
done:
    free(count);
    cx_sort_buf_free(&own);
    return ok;
}
