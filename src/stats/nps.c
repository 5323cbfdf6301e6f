/*
 * nps.c — Net Promoter Score and net scores on any integer scale: counts
 * (and weighted sums) per class, score, shares, standard error, the
 * adjusted-Wald or Wald interval, and the two-sample difference test.
 *
 * Exactness: unweighted results come from integer counts, each figure one
 * correctly rounded division (100.0*(P−D)/n), so two groups with the same
 * ratio get the same double and tie in rankings.  This file never sorts,
 * ranks or formats; it never allocates.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

#define SQRT2 1.41421356237309504880

cx_status cx_nps_check_def(const cx_net_def *def, cx_diag *d)
{
    if (!def)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "no net score definition given");
    if (def->scale_min >= def->scale_max)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the scale %ld..%ld is not a range",
                           def->scale_min, def->scale_max);
    if (def->top_lo > def->top_hi || def->bottom_lo > def->bottom_hi)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "a box is empty (top %ld..%ld, bottom %ld..%ld)", def->top_lo,
                           def->top_hi, def->bottom_lo, def->bottom_hi);
    if (def->top_lo < def->scale_min || def->top_hi > def->scale_max ||
        def->bottom_lo < def->scale_min || def->bottom_hi > def->scale_max)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "the boxes (top %ld..%ld, bottom %ld..%ld) leave the scale %ld..%ld",
                           def->top_lo, def->top_hi, def->bottom_lo, def->bottom_hi,
                           def->scale_min, def->scale_max);
    if (!(def->top_hi < def->bottom_lo || def->bottom_hi < def->top_lo))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "the top box %ld..%ld and the bottom box %ld..%ld overlap",
                           def->top_lo, def->top_hi, def->bottom_lo, def->bottom_hi);
    return CX_OK;
}

void cx_net_add(cx_net *o, int cls, double wi)
{
    if (cls == 2) {
        o->n_top++;
        o->w_top += wi;
    } else if (cls == 0) {
        o->n_bottom++;
        o->w_bottom += wi;
    } else {
        o->n_mid++;
        o->w_mid += wi;
    }
    o->sum_w2 += wi * wi;
}

int cx_nps_classify(const cx_net_def *def, double v, size_t i, cx_diag *d)
{
    if (!(v >= (double)def->scale_min && v <= (double)def->scale_max) || v != floor(v)) {
        cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: %g is not an answer on the %ld..%ld scale",
                    i + 1, v, def->scale_min, def->scale_max);
        return -1;
    }
    long a = (long)v;
    if (a >= def->top_lo && a <= def->top_hi)
        return 2;
    if (a >= def->bottom_lo && a <= def->bottom_hi)
        return 0;
    return 1;
}

static cx_status ci_z(const cx_ci_opts *ci, double *z, cx_diag *d)
{
    if (ci->method != CX_CI_ADJUSTED_WALD && ci->method != CX_CI_WALD)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown interval method %d",
                           (int)ci->method);
    return cx_dist_confidence_z(ci->confidence, z, d);
}

static double clamp100(double v)
{
    return v < -100.0 ? -100.0 : v > 100.0 ? 100.0 : v;
}

/* p + d − (p − d)², never below 0 (it is p(1−p) + d(1−d) + 2pd). */
static double net_variance(double p, double dd)
{
    double v = p + dd - (p - dd) * (p - dd);
    return v > 0.0 ? v : 0.0;
}

void cx_nps_finish(cx_net *o, const cx_ci_opts *ci, double z)
{
    o->n = o->n_top + o->n_mid + o->n_bottom;
    if (!o->weighted) {
        o->w_top = (double)o->n_top;
        o->w_mid = (double)o->n_mid;
        o->w_bottom = (double)o->n_bottom;
        o->sum_w = o->sum_w2 = (double)o->n;
    } else {
        o->sum_w = o->w_top + o->w_mid + o->w_bottom;
    }
    o->ci_method = ci->method;
    o->confidence = ci->confidence;
    o->z = z;
    o->defined = o->n > 0 && o->sum_w > 0.0;
    o->base = o->pct_top = o->pct_mid = o->pct_bottom = o->score = 0.0;
    o->variance = o->se = o->ci_center = o->ci_se = o->ci_lo = o->ci_hi = 0.0;
    if (!o->defined)
        return;

    double p, dd;
    if (!o->weighted) {
        double n = (double)o->n, P = (double)o->n_top, D = (double)o->n_bottom;
        o->base = n;
        o->pct_top = 100.0 * P / n;
        o->pct_mid = 100.0 * (double)o->n_mid / n;
        o->pct_bottom = 100.0 * D / n;
        o->score = 100.0 * (P - D) / n;
        p = P / n;
        dd = D / n;
        /* v = (n(P+D) − (P−D)²)/n², exact in the numerator below 9e7 answers. */
        double num = n * (P + D) - (P - D) * (P - D);
        o->variance = num > 0.0 ? num / (n * n) : 0.0;
    } else {
        o->base = o->sum_w * o->sum_w / o->sum_w2;
        o->pct_top = 100.0 * o->w_top / o->sum_w;
        o->pct_mid = 100.0 * o->w_mid / o->sum_w;
        o->pct_bottom = 100.0 * o->w_bottom / o->sum_w;
        o->score = 100.0 * (o->w_top - o->w_bottom) / o->sum_w;
        p = o->w_top / o->sum_w;
        dd = o->w_bottom / o->sum_w;
        o->variance = net_variance(p, dd);
    }
    o->se = 100.0 * sqrt(o->variance / o->base);

    if (ci->method == CX_CI_WALD) {
        o->ci_center = o->score;
        o->ci_se = o->se;
    } else {
        /* Rocks (2016) adjusted Wald: 3/4 + 3/4 + 3/2 pseudo-answers on the
         * (effective) base, then the same SE formula on n + 3. */
        double na = o->base + 3.0;
        double pa = (p * o->base + 0.75) / na;
        double da = (dd * o->base + 0.75) / na;
        o->ci_center = 100.0 * (pa - da);
        o->ci_se = 100.0 * sqrt(net_variance(pa, da) / na);
    }
    o->ci_lo = clamp100(o->ci_center - z * o->ci_se);
    o->ci_hi = clamp100(o->ci_center + z * o->ci_se);
}

/* Adds row i to o; -1 after filling d on a bad row. */
static int add_row(cx_net *o, const cx_net_def *def, const double *x, const double *w,
                   size_t i, cx_diag *d)
{
    double wi;
    int use = cx_describe_row(x, w, i, &wi, d);
    if (use <= 0)
        return use;
    int cls = cx_nps_classify(def, x[i], i, d);
    if (cls < 0)
        return -1;
    cx_net_add(o, cls, wi);
    return 1;
}

cx_status cx_nps_compute(const double *x, const double *w, size_t n,
                         const cx_net_def *def, const cx_ci_opts *ci,
                         cx_net *out, cx_diag *d)
{
    cx_ci_opts dflt = CX_CI_DEFAULT;
    double z;
    cx_status st;
    memset(out, 0, sizeof *out);
    if (!ci)
        ci = &dflt;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_nps_check_def(def, d)) != CX_OK || (st = ci_z(ci, &z, d)) != CX_OK)
        return st;
    out->weighted = w != NULL;
    for (size_t i = 0; i < n; i++) {
        if (add_row(out, def, x, w, i, d) < 0) {
            memset(out, 0, sizeof *out);
            return CX_EDATA;
        }
    }
    cx_nps_finish(out, ci, z);
    return CX_OK;
}

cx_status cx_nps_by_group(const double *x, const double *w,
                          const int32_t *group, size_t n, size_t ngroups,
                          const cx_net_def *def, const cx_ci_opts *ci,
                          cx_net *out, cx_diag *d)
{
    cx_ci_opts dflt = CX_CI_DEFAULT;
    double z;
    cx_status st;
    if (!ci)
        ci = &dflt;
    if ((st = cx_describe_need(x, n, "the value array", d)) != CX_OK ||
        (st = cx_describe_need(group, n, "the group array", d)) != CX_OK ||
        (st = cx_describe_need(out, ngroups, "the result array", d)) != CX_OK ||
        (st = cx_nps_check_def(def, d)) != CX_OK || (st = ci_z(ci, &z, d)) != CX_OK)
        return st;
    if (ngroups > 0)
        memset(out, 0, ngroups * sizeof *out);
    for (size_t g = 0; g < ngroups; g++)
        out[g].weighted = w != NULL;
    for (size_t i = 0; i < n; i++) {
        int32_t g = group[i];
        if (g == -1)
            continue;
        if (g < -1 || (size_t)g >= ngroups) {
            st = cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: group code %ld is outside 0..%zu",
                             i + 1, (long)g, ngroups ? ngroups - 1 : 0);
            goto fail;
        }
        if (add_row(&out[g], def, x, w, i, d) < 0) {
            st = CX_EDATA;
            goto fail;
        }
    }
    for (size_t g = 0; g < ngroups; g++)
        cx_nps_finish(&out[g], ci, z);
    return CX_OK;
fail:
    memset(out, 0, ngroups * sizeof *out);
    return st;
}

cx_status cx_nps_from_counts(size_t n_top, size_t n_mid, size_t n_bottom,
                             const cx_ci_opts *ci, cx_net *out, cx_diag *d)
{
    cx_ci_opts dflt = CX_CI_DEFAULT;
    double z;
    cx_status st;
    memset(out, 0, sizeof *out);
    if (!ci)
        ci = &dflt;
    if ((st = ci_z(ci, &z, d)) != CX_OK)
        return st;
    out->n_top = n_top;
    out->n_mid = n_mid;
    out->n_bottom = n_bottom;
    cx_nps_finish(out, ci, z);
    return CX_OK;
}

cx_status cx_nps_from_sums(double w_top, double w_mid, double w_bottom,
                           double sum_w2, size_t n_top, size_t n_mid,
                           size_t n_bottom, const cx_ci_opts *ci,
                           cx_net *out, cx_diag *d)
{
    cx_ci_opts dflt = CX_CI_DEFAULT;
    double z;
    cx_status st;
    memset(out, 0, sizeof *out);
    if (!ci)
        ci = &dflt;
    if ((st = ci_z(ci, &z, d)) != CX_OK)
        return st;
    double s[4] = {w_top, w_mid, w_bottom, sum_w2};
    for (int k = 0; k < 4; k++)
        if (!isfinite(s[k]) || s[k] < 0.0)
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                               "weighted sums must be finite and >= 0 (got %g)", s[k]);
    if ((w_top + w_mid + w_bottom > 0.0) != (sum_w2 > 0.0))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "the sum of squared weights (%g) does not match the sums", sum_w2);
    out->weighted = true;
    out->w_top = w_top;
    out->w_mid = w_mid;
    out->w_bottom = w_bottom;
    out->sum_w2 = sum_w2;
    out->n_top = n_top;
    out->n_mid = n_mid;
    out->n_bottom = n_bottom;
    cx_nps_finish(out, ci, z);
    return CX_OK;
}

cx_status cx_nps_diff_test(double a, double se_a, size_t n_a, double b,
                           double se_b, size_t n_b, double alpha,
                           size_t min_n, cx_diff_test *out, cx_diag *d)
{
    memset(out, 0, sizeof *out);
    if (!(alpha > 0.0 && alpha < 1.0))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "alpha %g is outside (0, 1)", alpha);
    if (!isfinite(a) || !isfinite(b) || !isfinite(se_a) || !isfinite(se_b) || se_a < 0.0 ||
        se_b < 0.0)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "cannot compare %g (SE %g) with %g (SE %g)", a, se_a, b, se_b);
    out->diff = a - b;
    out->se = hypot(se_a, se_b);
    if (n_a < min_n || n_b < min_n) {
        out->why = CX_UNTESTED_SMALL_BASE;
        return CX_OK;
    }
    if (out->se == 0.0) {
        out->why = CX_UNTESTED_NO_VARIANCE;
        return CX_OK;
    }
    out->tested = true;
    out->why = CX_TESTED;
    out->z = out->diff / out->se;
    out->p = erfc(fabs(out->z) / SQRT2);     /* = 2(1 − Φ(|z|)) */
    out->significant = out->p < alpha;
    return CX_OK;
}

cx_status cx_nps_compare(const cx_net *a, const cx_net *b, double alpha,
                         size_t min_n, cx_diff_test *out, cx_diag *d)
{
    if (!a->defined || !b->defined) {
        memset(out, 0, sizeof *out);
        if (!(alpha > 0.0 && alpha < 1.0))
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "alpha %g is outside (0, 1)", alpha);
        out->why = CX_UNTESTED_SMALL_BASE;
        return CX_OK;
    }
    return cx_nps_diff_test(a->score, a->se, a->n, b->score, b->se, b->n, alpha, min_n, out, d);
}
