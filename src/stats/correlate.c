/*
 * correlate.c — Pearson and Spearman correlations (pairwise complete),
 * their t test and Fisher-z interval, correlation matrices, and the
 * least-squares line.  Undefined cases (fewer than 3 pairs, a constant
 * variable) are states of the result, never NaN.  Never allocates except
 * the rank scratch of Spearman.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* |r| this close to 1 is a perfect correlation (the two-pass sums of an
 * exactly linear relation land within a few ulps of 1). */
#define PERFECT_TOL 1e-12

/* Sums over the complete pairs: n, means, Sxx, Syy, Sxy, and whether x
 * or y is constant (decided on min == max, not on Sxx == 0, which the
 * rounding of the mean can spoil). */
typedef struct moments {
    size_t n;
    double mx, my, sxx, syy, sxy;
    bool x_const, y_const;
} moments;

static void pair_moments(const double *x, const double *y, size_t n, moments *m)
{
    memset(m, 0, sizeof *m);
    double sx = 0.0, sy = 0.0;
    double xlo = 0.0, xhi = 0.0, ylo = 0.0, yhi = 0.0;
    for (size_t i = 0; i < n; i++) {
        double a = x[i], b = y[i];
        if (isnan(a) || isnan(b))
            continue;
        if (m->n == 0) {
            xlo = xhi = a;
            ylo = yhi = b;
        }
        if (a < xlo)
            xlo = a;
        if (a > xhi)
            xhi = a;
        if (b < ylo)
            ylo = b;
        if (b > yhi)
            yhi = b;
        sx += a;
        sy += b;
        m->n++;
    }
    if (m->n == 0)
        return;
    m->x_const = xlo == xhi;
    m->y_const = ylo == yhi;
    m->mx = m->x_const ? xlo : sx / (double)m->n;
    m->my = m->y_const ? ylo : sy / (double)m->n;
    for (size_t i = 0; i < n; i++) {
        double a = x[i], b = y[i];
        if (isnan(a) || isnan(b))
            continue;
        double da = a - m->mx, db = b - m->my;
        m->sxx += da * da;
        m->syy += db * db;
        m->sxy += da * db;
    }
}

/* Fills t, p and the interval of an r over n pairs. */
static void finish(cx_corr *o, const moments *m, double z)
{
    o->n = m->n;
    if (m->n < 3) {
        o->state = CX_CORR_TOO_FEW;
        return;
    }
    if (m->x_const || m->y_const || m->sxx == 0.0 || m->syy == 0.0) {
        o->state = CX_CORR_NO_VARIANCE;
        return;
    }
    o->state = CX_CORR_OK;
    double r = m->sxy / (sqrt(m->sxx) * sqrt(m->syy));
    if (r > 1.0)
        r = 1.0;
    if (r < -1.0)
        r = -1.0;
    o->df = (double)(m->n - 2);
    if (1.0 - fabs(r) <= PERFECT_TOL) {
        o->r = r < 0.0 ? -1.0 : 1.0;
        o->perfect = true;
        o->t = o->r * HUGE_VAL;
        o->p = 0.0;
        o->ci_defined = true;
        o->ci_lo = o->ci_hi = o->r;
        return;
    }
    o->r = r;
    o->t = r * sqrt(o->df) / sqrt((1.0 - r) * (1.0 + r));
    o->p = cx_dist_t_p2(o->t, o->df);
    if (m->n > 3) {
        double zr = atanh(r), h = z / sqrt((double)(m->n - 3));
        o->ci_defined = true;
        o->ci_lo = tanh(zr - h);
        o->ci_hi = tanh(zr + h);
    }
}

static cx_status begin(const double *x, const double *y, size_t n, int confidence,
                       cx_corr *out, cx_corr_method method, double *z, cx_diag *d)
{
    cx_status st;
    memset(out, 0, sizeof *out);
    out->method = method;
    out->confidence = confidence;
    if ((st = cx_describe_need(x, n, "the x array", d)) != CX_OK ||
        (st = cx_describe_need(y, n, "the y array", d)) != CX_OK ||
        (st = cx_dist_confidence_z(confidence, z, d)) != CX_OK ||
        (st = cx_describe_finite(x, n, d)) != CX_OK || (st = cx_describe_finite(y, n, d)) != CX_OK)
        return st;
    return CX_OK;
}

cx_status cx_correlate_pearson(const double *x, const double *y, size_t n,
                               int confidence, cx_corr *out, cx_diag *d)
{
    double z;
    cx_status st = begin(x, y, n, confidence, out, CX_CORR_PEARSON, &z, d);
    if (st != CX_OK)
        return st;
    moments m;
    pair_moments(x, y, n, &m);
    finish(out, &m, z);
    return CX_OK;
}

/* Spearman works on tie groups: each column is grouped once (by value
 * for scale answers, else after a radix sort) and every row gets the id
 * of its tie group (cx_rank_group_ids).  For a pair, the
 * rows complete in both are counted per group; a group's average rank
 * over those rows is (rows in lower groups) + (count + 1)/2, centred on
 * the mean rank (m + 1)/2 so the sums below are two-pass exact.  Ranks
 * are thus taken over the complete pairs only, in O(n) per pair, with
 * the cache-friendly access of small group tables on scale data. */
typedef struct ranked {
    uint32_t *gid;      /* n group ids, CX_RANK_NO_GROUP for missing */
    size_t groups;
} ranked;

static bool rank_column(const double *x, size_t n, ranked *r, cx_rank_buf *buf)
{
    r->gid = malloc((n ? n : 1) * sizeof *r->gid);
    return r->gid && cx_rank_group_ids(x, n, r->gid, &r->groups, buf);
}

/* Centred average ranks per group of a, counted over the rows where b is
 * present; returns the number of groups that occur (1 = constant). */
static size_t centre_ranks(double *c, size_t groups, double m)
{
    double below = 0.0, mid = 0.5 * (m + 1.0);
    size_t present = 0;
    for (size_t g = 0; g < groups; g++) {
        double k = c[g];
        present += k > 0.0;
        c[g] = below + 0.5 * (k + 1.0) - mid;
        below += k;
    }
    return present;
}

static void spearman_pair(const ranked *a, const ranked *b, size_t n, double *ca, double *cb,
                          moments *mo)
{
    memset(mo, 0, sizeof *mo);
    memset(ca, 0, (a->groups ? a->groups : 1) * sizeof *ca);
    memset(cb, 0, (b->groups ? b->groups : 1) * sizeof *cb);
    const uint32_t *ga = a->gid, *gb = b->gid;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = ga[i], y = gb[i];
        if (x == CX_RANK_NO_GROUP || y == CX_RANK_NO_GROUP)
            continue;
        ca[x] += 1.0;
        cb[y] += 1.0;
        m++;
    }
    mo->n = m;
    if (m == 0)
        return;
    mo->x_const = centre_ranks(ca, a->groups, (double)m) <= 1;
    mo->y_const = centre_ranks(cb, b->groups, (double)m) <= 1;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = ga[i], y = gb[i];
        if (x == CX_RANK_NO_GROUP || y == CX_RANK_NO_GROUP)
            continue;
        double u = ca[x], v = cb[y];
        sxx += u * u;
        syy += v * v;
        sxy += u * v;
    }
    mo->sxx = sxx;
    mo->syy = syy;
    mo->sxy = sxy;
}

cx_status cx_correlate_spearman(const double *x, const double *y, size_t n,
                                int confidence, cx_corr *out, cx_diag *d)
{
    const double *cols[2] = {x, y};
    cx_corr m[4];
    double z;
    cx_status st = begin(x, y, n, confidence, out, CX_CORR_SPEARMAN, &z, d);
    if (st != CX_OK)
        return st;
    st = cx_correlate_matrix(cols, 2, n, CX_CORR_SPEARMAN, confidence, m, d);
    if (st == CX_OK)
        *out = m[1];
    return st;
}

/* A column against itself: perfect unless constant or too short. */
static void diagonal(const double *x, size_t n, cx_corr *o)
{
    moments m;
    memset(&m, 0, sizeof m);
    double lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        if (m.n == 0 || x[i] < lo)
            lo = x[i];
        if (m.n == 0 || x[i] > hi)
            hi = x[i];
        m.n++;
    }
    o->n = m.n;
    if (m.n < 3) {
        o->state = CX_CORR_TOO_FEW;
        return;
    }
    if (lo == hi) {
        o->state = CX_CORR_NO_VARIANCE;
        return;
    }
    o->state = CX_CORR_OK;
    o->r = 1.0;
    o->perfect = true;
    o->df = (double)(m.n - 2);
    o->t = HUGE_VAL;
    o->p = 0.0;
    o->ci_defined = true;
    o->ci_lo = o->ci_hi = 1.0;
}

cx_status cx_correlate_matrix(const double *const *cols, size_t k, size_t n,
                              cx_corr_method method, int confidence,
                              cx_corr *out, cx_diag *d)
{
    cx_status st;
    double z;
    ranked *rk = NULL;
    double *ca = NULL, *cb = NULL;
    if ((st = cx_describe_need(cols, k, "the column array", d)) != CX_OK ||
        (st = cx_describe_need(out, k, "the result matrix", d)) != CX_OK ||
        (st = cx_dist_confidence_z(confidence, &z, d)) != CX_OK)
        return st;
    if (method != CX_CORR_PEARSON && method != CX_CORR_SPEARMAN)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown correlation method %d",
                           (int)method);
    for (size_t i = 0; i < k; i++) {
        if ((st = cx_describe_need(cols[i], n, "a column", d)) != CX_OK ||
            (st = cx_describe_finite(cols[i], n, d)) != CX_OK)
            return st;
    }
    if (k == 0)
        return CX_OK;
    memset(out, 0, k * k * sizeof *out);
    for (size_t i = 0; i < k * k; i++) {
        out[i].method = method;
        out[i].confidence = confidence;
    }
    if (method == CX_CORR_SPEARMAN) {
        if (n >= CX_RANK_NO_GROUP) {
            st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "%zu rows are too many to rank", n);
            goto done;
        }
        rk = calloc(k, sizeof *rk);
        bool ok = rk != NULL;
        size_t most = 1;
        cx_rank_buf buf = {0};
        for (size_t i = 0; ok && i < k; i++) {
            ok = rank_column(cols[i], n, &rk[i], &buf);
            if (ok && rk[i].groups > most)
                most = rk[i].groups;
        }
        cx_rank_buf_free(&buf);
        if (ok) {
            ca = malloc(most * sizeof *ca);
            cb = malloc(most * sizeof *cb);
            ok = ca && cb;
        }
        if (!ok) {
            memset(out, 0, k * k * sizeof *out);
            st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory ranking %zu rows", n);
            goto done;
        }
    }
    for (size_t i = 0; i < k; i++) {
        diagonal(cols[i], n, &out[i * k + i]);
        for (size_t j = i + 1; j < k; j++) {
            moments m;
            if (method == CX_CORR_PEARSON) {
                pair_moments(cols[i], cols[j], n, &m);
            } else {
                spearman_pair(&rk[i], &rk[j], n, ca, cb, &m);
            }
            finish(&out[i * k + j], &m, z);
            out[j * k + i] = out[i * k + j];
        }
    }
    st = CX_OK;
done:
    if (rk)
        for (size_t i = 0; i < k; i++)
            free(rk[i].gid);
    free(rk);
    free(ca);
    free(cb);
    return st;
}

cx_status cx_correlate_line(const double *x, const double *y, size_t n,
                            cx_line *out, cx_diag *d)
{
    cx_status st;
    memset(out, 0, sizeof *out);
    if ((st = cx_describe_need(x, n, "the x array", d)) != CX_OK ||
        (st = cx_describe_need(y, n, "the y array", d)) != CX_OK ||
        (st = cx_describe_finite(x, n, d)) != CX_OK || (st = cx_describe_finite(y, n, d)) != CX_OK)
        return st;
    moments m;
    pair_moments(x, y, n, &m);
    out->n = m.n;
    if (m.n < 2 || m.x_const || m.sxx == 0.0)
        return CX_OK;
    out->defined = true;
    out->mean_x = m.mx;
    out->mean_y = m.my;
    out->b = m.y_const ? 0.0 : m.sxy / m.sxx;
    out->a = m.my - out->b * m.mx;
    if (!m.y_const && m.syy > 0.0) {
        double r = m.sxy / (sqrt(m.sxx) * sqrt(m.syy));
        out->r2_defined = true;
        out->r2 = r * r > 1.0 ? 1.0 : r * r;
    }
    return CX_OK;
}
