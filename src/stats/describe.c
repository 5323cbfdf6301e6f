/*
 * describe.c — counts, sums, means, standard deviations, type-7
 * quantiles and box shares of one numeric column, optionally weighted and
 * by group.  Owns the row rules every module shares (cx_describe_row):
 * NaN is missing, weights are finite and >= 0, weight 0 drops the row.
 * Never allocates except the sorted copy for quantiles.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

cx_status cx_describe_need(const void *p, size_t n, const char *what, cx_diag *d)
{
    if (!p && n > 0)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "%s is missing (NULL with %zu rows)",
                           what, n);
    return CX_OK;
}

cx_status cx_describe_finite(const double *x, size_t n, cx_diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (isinf(x[i]))
            return cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: the value is infinite", i + 1);
    return CX_OK;
}

int cx_describe_row(const double *x, const double *w, size_t i, double *wi,
                    cx_diag *d)
{
    double v = x[i];
    if (isnan(v))
        return 0;
    if (isinf(v)) {
        cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: the value is infinite", i + 1);
        return -1;
    }
    if (!w) {
        *wi = 1.0;
        return 1;
    }
    double wt = w[i];
    if (!isfinite(wt) || wt < 0.0) {
        cx_diag_set(d, CX_EDATA, NULL, 0, 0,
                    "row %zu: weight %g is not allowed (weights must be finite and >= 0)",
                    i + 1, wt);
        return -1;
    }
    if (wt == 0.0)
        return 0;
    *wi = wt;
    return 1;
}

/* Pass 1 per result: n, Σw, Σw², Σwx, min, max. */
static void acc_add(cx_describe *r, double v, double wi)
{
    if (r->n == 0 || v < r->min)
        r->min = v;
    if (r->n == 0 || v > r->max)
        r->max = v;
    r->n++;
    r->sum_w += wi;
    r->sum_w2 += wi * wi;
    r->sum += wi * v;
}

static void acc_mean(cx_describe *r)
{
    r->defined = r->n > 0;
    if (!r->defined)
        return;     /* every accumulator is still 0 */
    r->n_eff = r->sum_w * r->sum_w / r->sum_w2;
    /* All values equal: say so exactly instead of Σx/n, which can miss
     * the value by an ulp and leave a spurious sd of 1e-17. */
    r->mean = r->min == r->max ? r->min : r->sum / r->sum_w;
}

/* After pass 2 accumulated Σw(x−m)² in r->sd. */
static void acc_sd(cx_describe *r, bool weighted)
{
    double ss = r->sd;
    r->sd = 0.0;
    r->sd_defined = r->n >= 2;
    if (!r->sd_defined || r->min == r->max)
        return;
    double denom = weighted ? r->sum_w - r->sum_w2 / r->sum_w : (double)(r->n - 1);
    r->sd = denom > 0.0 ? sqrt(ss / denom) : 0.0;
}

cx_status cx_describe_compute(const double *x, const double *w, size_t n,
                              cx_describe *out, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK)
        return st;
    memset(out, 0, sizeof *out);
    double wi = 0.0;
    for (size_t i = 0; i < n; i++) {
        int use = cx_describe_row(x, w, i, &wi, d);
        if (use < 0) {
            memset(out, 0, sizeof *out);
            return CX_EDATA;
        }
        if (use)
            acc_add(out, x[i], wi);
        else if (isnan(x[i]))
            out->n_missing++;
    }
    acc_mean(out);
    if (!out->defined)
        return CX_OK;
    double ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (cx_describe_row(x, w, i, &wi, NULL) == 1) {
            double dv = x[i] - out->mean;
            ss += wi * dv * dv;
        }
    }
    out->sd = ss;
    acc_sd(out, w != NULL);
    return CX_OK;
}

cx_status cx_describe_by_group(const double *x, const double *w,
                               const int32_t *group, size_t n,
                               size_t ngroups, cx_describe *out, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(group, n, "the group array", d)) != CX_OK)
        return st;
    if (ngroups > 0 && !out)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "no room for %zu group results", ngroups);
    if (ngroups > 0)
        memset(out, 0, ngroups * sizeof *out);
    double wi = 0.0;
    for (size_t i = 0; i < n; i++) {
        int32_t g = group[i];
        if (g == -1)
            continue;
        if (g < -1 || (size_t)g >= ngroups) {
            memset(out, 0, ngroups * sizeof *out);
            return cx_diag_set(d, CX_EDATA, NULL, 0, 0,
                               "row %zu: group code %ld is outside 0..%zu", i + 1,
                               (long)g, ngroups ? ngroups - 1 : 0);
        }
        int use = cx_describe_row(x, w, i, &wi, d);
        if (use < 0) {
            memset(out, 0, ngroups * sizeof *out);
            return CX_EDATA;
        }
        if (use)
            acc_add(&out[g], x[i], wi);
        else if (isnan(x[i]))
            out[g].n_missing++;
    }
    for (size_t g = 0; g < ngroups; g++)
        acc_mean(&out[g]);
    for (size_t i = 0; i < n; i++) {
        int32_t g = group[i];
        if (g >= 0 && cx_describe_row(x, w, i, &wi, NULL) == 1) {
            double dv = x[i] - out[g].mean;
            out[g].sd += wi * dv * dv;
        }
    }
    for (size_t g = 0; g < ngroups; g++)
        acc_sd(&out[g], w != NULL);
    return CX_OK;
}

double cx_describe_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 1 || p <= 0.0)
        return sorted[0];
    if (p >= 1.0)
        return sorted[n - 1];
    double h = (double)(n - 1) * p;
    double lo = floor(h);
    size_t j = (size_t)lo;
    double frac = h - lo;
    if (j + 1 >= n || frac == 0.0)
        return sorted[j];
    return sorted[j] + frac * (sorted[j + 1] - sorted[j]);
}

cx_status cx_describe_quantiles(const double *x, size_t n,
                                const double *probs, size_t nprobs,
                                double *out, size_t *n_used, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(probs, nprobs, "the probability array", d)) != CX_OK ||
        (st = cx_describe_need(out, nprobs, "the output array", d)) != CX_OK)
        return st;
    *n_used = 0;
    for (size_t j = 0; j < nprobs; j++) {
        out[j] = 0.0;
        if (!(probs[j] >= 0.0 && probs[j] <= 1.0))
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                               "quantile probability %g is outside [0, 1]", probs[j]);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(x[i]))
            return cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: the value is infinite", i + 1);
        if (!isnan(x[i]))
            m++;
    }
    if (m == 0)
        return CX_OK;
    double *v = malloc(m * sizeof *v);
    if (!v)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory sorting %zu values", m);
    st = CX_OK;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            v[k++] = x[i];
    if (!cx_sort_f64(v, m)) {
        st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory sorting %zu values", m);
        goto done;
    }
    for (size_t j = 0; j < nprobs; j++)
        out[j] = cx_describe_quantile_sorted(v, m, probs[j]);
    *n_used = m;
done:
    free(v);
    return st;
}

cx_status cx_describe_share(const double *x, const double *w, size_t n,
                            double lo, double hi, cx_share *out, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK)
        return st;
    memset(out, 0, sizeof *out);
    if (!(lo <= hi))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the box [%g, %g] is empty", lo, hi);
    double wi = 0.0, sum_w2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        int use = cx_describe_row(x, w, i, &wi, d);
        if (use < 0) {
            memset(out, 0, sizeof *out);
            return CX_EDATA;
        }
        if (!use)
            continue;
        out->n++;
        out->sum_w += wi;
        sum_w2 += wi * wi;
        if (x[i] >= lo && x[i] <= hi) {
            out->hits++;
            out->hits_w += wi;
        }
    }
    out->defined = out->n > 0;
    if (!out->defined)
        return CX_OK;
    out->n_eff = out->sum_w * out->sum_w / sum_w2;
    /* Unweighted: one division of exact integers, so equal ratios give
     * equal doubles. */
    out->pct = w ? 100.0 * out->hits_w / out->sum_w
                 : 100.0 * (double)out->hits / (double)out->n;
    double p = w ? out->hits_w / out->sum_w : (double)out->hits / (double)out->n;
    double v = p * (1.0 - p);
    out->se = 100.0 * sqrt((v > 0.0 ? v : 0.0) / out->n_eff);
    return CX_OK;
}

static cx_status check_scale(const double *x, size_t n, double lo, double hi, cx_diag *d)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the scale %g..%g is not a range", lo, hi);
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !(x[i] >= lo && x[i] <= hi))
            return cx_diag_set(d, CX_EDATA, NULL, 0, 0,
                               "row %zu: %g is outside the scale %g..%g", i + 1, x[i], lo, hi);
    return CX_OK;
}

/* The share of the two highest (top) or lowest scale points. */
static cx_status two_box(const double *x, const double *w, size_t n, double scale_min,
                         double scale_max, bool top, cx_share *out, cx_diag *d)
{
    cx_status st;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = check_scale(x, n, scale_min, scale_max, d)) != CX_OK) {
        memset(out, 0, sizeof *out);
        return st;
    }
    return top ? cx_describe_share(x, w, n, scale_max - 1.0, scale_max, out, d)
               : cx_describe_share(x, w, n, scale_min, scale_min + 1.0, out, d);
}

cx_status cx_describe_top2(const double *x, const double *w, size_t n,
                           double scale_min, double scale_max,
                           cx_share *out, cx_diag *d)
{
    return two_box(x, w, n, scale_min, scale_max, true, out, d);
}

cx_status cx_describe_bottom2(const double *x, const double *w, size_t n,
                              double scale_min, double scale_max,
                              cx_share *out, cx_diag *d)
{
    return two_box(x, w, n, scale_min, scale_max, false, out, d);
}
