/*
 * accounts.c — B2B accounts (spec §6): per account and per role NPS,
 * role coverage, role disagreement, and the three aggregation modes
 * (respondent, account, decision_maker).  Built on nps.c's counting and
 * finishing; never allocates (the results double as accumulators).
 */
#include "internal.h"

#include <math.h>
#include <string.h>

cx_status cx_accounts_compute(const double *x, const double *w,
                              const int32_t *account, const int32_t *role,
                              size_t n, size_t naccounts,
                              const cx_accounts_opts *opts, cx_account *out,
                              cx_diag *d)
{
    cx_accounts_opts dflt = CX_ACCOUNTS_DEFAULT;
    cx_net_def def = CX_NET_NPS;
    double z;
    cx_status st;
    if (!opts)
        opts = &dflt;
    if (n > 0 && (!x || !account || !role))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "missing value, account or role array");
    if (naccounts > 0 && !out)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "no room for %zu accounts", naccounts);
    if (opts->ci.method != CX_CI_ADJUSTED_WALD && opts->ci.method != CX_CI_WALD)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown interval method %d",
                           (int)opts->ci.method);
    if ((st = cx_dist_confidence_z(opts->ci.confidence, &z, d)) != CX_OK)
        return st;
    if (!isfinite(opts->disagree_threshold) || opts->disagree_threshold < 0.0)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "disagreement threshold %g must be >= 0",
                           opts->disagree_threshold);
    if (opts->min_role_n < 1)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "min_role_n must be at least 1");
    if (naccounts > 0)
        memset(out, 0, naccounts * sizeof *out);
    for (size_t a = 0; a < naccounts; a++) {
        out[a].all.weighted = w != NULL;
        for (int r = 0; r < CX_NROLES; r++)
            out[a].role[r].weighted = w != NULL;
    }
    for (size_t i = 0; i < n; i++) {
        int32_t a = account[i], r = role[i];
        if (a == -1)
            continue;
        if (a < -1 || (size_t)a >= naccounts) {
            st = cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: account code %ld is outside 0..%zu",
                             i + 1, (long)a, naccounts ? naccounts - 1 : 0);
            goto fail;
        }
        if (r < -1 || r >= CX_NROLES) {
            st = cx_diag_set(d, CX_EDATA, NULL, 0, 0, "row %zu: role code %ld is not a role",
                             i + 1, (long)r);
            goto fail;
        }
        double wi;
        int use = cx_describe_row(x, w, i, &wi, d);
        if (use < 0) {
            st = CX_EDATA;
            goto fail;
        }
        if (!use)
            continue;
        int cls = cx_nps_classify(&def, x[i], i, d);
        if (cls < 0) {
            st = CX_EDATA;
            goto fail;
        }
        cx_net_add(&out[a].all, cls, wi);
        if (r >= 0)
            cx_net_add(&out[a].role[r], cls, wi);
    }
    for (size_t a = 0; a < naccounts; a++) {
        cx_account *acc = &out[a];
        cx_nps_finish(&acc->all, &opts->ci, z);
        acc->role_high = acc->role_low = -1;
        size_t qualifying = 0;
        double hi = 0.0, lo = 0.0;
        for (int r = 0; r < CX_NROLES; r++) {
            cx_nps_finish(&acc->role[r], &opts->ci, z);
            acc->heard[r] = acc->role[r].n > 0;
            if (!acc->heard[r])
                acc->roles_missing++;
            if (!acc->role[r].defined || acc->role[r].n < opts->min_role_n)
                continue;
            double s = acc->role[r].score;
            if (qualifying == 0 || s > hi) {
                hi = s;
                acc->role_high = r;
            }
            if (qualifying == 0 || s < lo) {
                lo = s;
                acc->role_low = r;
            }
            qualifying++;
        }
        if (qualifying >= 2) {
            acc->spread = hi - lo;
            acc->disagree = acc->spread - opts->disagree_threshold > CX_EXACT_TOL;
        } else {
            acc->role_high = acc->role_low = -1;
        }
    }
    return CX_OK;
fail:
    memset(out, 0, naccounts * sizeof *out);
    return st;
}

cx_status cx_accounts_aggregate(const cx_account *accounts, size_t naccounts,
                                cx_agg mode, size_t min_account_n,
                                const cx_ci_opts *ci, cx_accounts_total *out,
                                cx_diag *d)
{
    cx_ci_opts dflt = CX_CI_DEFAULT;
    double z;
    cx_status st;
    memset(out, 0, sizeof *out);
    out->mode = mode;
    if (!ci)
        ci = &dflt;
    if (naccounts > 0 && !accounts)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "missing account results");
    if (mode != CX_AGG_RESPONDENT && mode != CX_AGG_ACCOUNT && mode != CX_AGG_DECISION_MAKER)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown aggregation mode %d", (int)mode);
    if (min_account_n < 1)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "min_account_n must be at least 1");
    if (ci->method != CX_CI_ADJUSTED_WALD && ci->method != CX_CI_WALD)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "unknown interval method %d",
                           (int)ci->method);
    if ((st = cx_dist_confidence_z(ci->confidence, &z, d)) != CX_OK)
        return st;

    if (mode == CX_AGG_ACCOUNT) {
        /* Each account once: two passes for a stable sd. */
        double sum = 0.0;
        for (size_t a = 0; a < naccounts; a++) {
            const cx_net *s = &accounts[a].all;
            if (!s->defined || s->n < min_account_n)
                continue;
            sum += s->score;
            out->accounts++;
            out->answers += s->n;
        }
        if (out->accounts == 0)
            return CX_OK;
        out->defined = true;
        out->nps = sum / (double)out->accounts;
        if (out->accounts >= 2) {
            double ss = 0.0;
            for (size_t a = 0; a < naccounts; a++) {
                const cx_net *s = &accounts[a].all;
                if (!s->defined || s->n < min_account_n)
                    continue;
                ss += (s->score - out->nps) * (s->score - out->nps);
            }
            out->se_defined = true;
            out->sd = sqrt(ss / (double)(out->accounts - 1));
            out->se = out->sd / sqrt((double)out->accounts);
        }
        return CX_OK;
    }

    /* Pooled: add the counts and sums of the chosen base. */
    cx_net *pool = &out->net;
    for (size_t a = 0; a < naccounts; a++) {
        const cx_net *s = mode == CX_AGG_RESPONDENT ? &accounts[a].all
                                                    : &accounts[a].role[CX_ROLE_DECISION_MAKER];
        if (s->n == 0 || s->n < min_account_n)
            continue;
        pool->weighted = pool->weighted || s->weighted;
        pool->n_top += s->n_top;
        pool->n_mid += s->n_mid;
        pool->n_bottom += s->n_bottom;
        pool->w_top += s->w_top;
        pool->w_mid += s->w_mid;
        pool->w_bottom += s->w_bottom;
        pool->sum_w2 += s->sum_w2;
        out->accounts++;
    }
    cx_nps_finish(pool, ci, z);
    out->answers = pool->n;
    out->defined = pool->defined;
    out->nps = pool->score;
    out->se_defined = pool->defined;
    out->se = pool->se;
    return CX_OK;
}
