/*
 * test_stats_accounts.c — B2B accounts: roles, coverage, disagreement,
 * and the respondent / account / decision_maker aggregation modes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cxreport/stats.h"

#define TOL 1e-9

static void assert_near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

enum { DM = CX_ROLE_DECISION_MAKER, IN = CX_ROLE_INFLUENCER, EU = CX_ROLE_END_USER,
       EB = CX_ROLE_ECONOMIC_BUYER };

/* Account 0: DM 10 (P); EU 2, 3 (D, D); IN 8 (M)           → all 1P 1M 2D
 * Account 1: DM 9, 9 (P, P); EB 7 (M); EU 9 (P)             → all 3P 1M
 * Account 2: DM 6 (D); unknown role 10 (P); one NaN answer  → all 1P 1D
 * One row without an account (skipped). */
static const double X[] = {10, 2, 3, 8, 9, 9, 7, 9, 6, 10, NAN, 0};
static const int32_t ACC[] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, -1};
static const int32_t ROLE[] = {DM, EU, EU, IN, DM, DM, EB, EU, DM, -1, EU, DM};
enum { N = 12 };

static void per_account_and_per_role_nps(void **state)
{
    (void)state;
    cx_account a[3];
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, NULL, a, NULL), CX_OK);
    /* Account 0: 100·(1 − 2)/4 = −25; DM 100, EU −100, IN 0, EB none. */
    assert_int_equal(a[0].all.n, 4);
    assert_true(a[0].all.score == -25.0);
    assert_true(a[0].role[DM].score == 100.0);
    assert_true(a[0].role[EU].score == -100.0);
    assert_true(a[0].role[IN].score == 0.0);
    assert_false(a[0].role[EB].defined);
    /* Account 1: 100·3/4 = 75.  Account 2: 100·(1 − 1)/2 = 0, DM −100. */
    assert_true(a[1].all.score == 75.0);
    assert_true(a[2].all.score == 0.0);
    assert_int_equal(a[2].all.n, 2);
    assert_true(a[2].role[DM].score == -100.0);
}

static void coverage_lists_the_roles_not_heard(void **state)
{
    (void)state;
    cx_account a[3];
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, NULL, a, NULL), CX_OK);
    assert_true(a[0].heard[DM] && a[0].heard[IN] && a[0].heard[EU] && !a[0].heard[EB]);
    assert_int_equal(a[0].roles_missing, 1);
    assert_false(a[1].heard[IN]);
    assert_int_equal(a[1].roles_missing, 1);
    /* Account 2: only the DM is heard (the unknown role and the NaN
     * answer of an end user do not count). */
    assert_int_equal(a[2].roles_missing, 3);
}

static void a_promoter_decision_maker_and_detractor_users_disagree(void **state)
{
    (void)state;
    cx_account a[3];
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, NULL, a, NULL), CX_OK);
    /* Account 0: DM +100 vs EU −100: spread 200 > 100. */
    assert_true(a[0].disagree);
    assert_near(a[0].spread, 200.0, 0.0);
    assert_int_equal(a[0].role_high, DM);
    assert_int_equal(a[0].role_low, EU);
    /* Account 1: DM +100, EU +100, EB 0: spread 100, not above 100. */
    assert_false(a[1].disagree);
    assert_near(a[1].spread, 100.0, 0.0);
    /* Account 2: one role, no spread. */
    assert_false(a[2].disagree);
    assert_int_equal(a[2].role_high, -1);
    /* With a threshold of 50, account 1 disagrees too. */
    cx_accounts_opts o = CX_ACCOUNTS_DEFAULT;
    o.disagree_threshold = 50.0;
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, &o, a, NULL), CX_OK);
    assert_true(a[1].disagree);
    /* Requiring 2 answers per role: account 0 keeps only EU (2 answers). */
    o = CX_ACCOUNTS_DEFAULT;
    o.min_role_n = 2;
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, &o, a, NULL), CX_OK);
    assert_false(a[0].disagree);
}

static void the_three_aggregation_modes_by_hand(void **state)
{
    (void)state;
    cx_account a[3];
    cx_accounts_total t;
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, NULL, a, NULL), CX_OK);
    /* respondent: pooled 5 P, 2 M, 3 D of 10 → 100·2/10 = 20. */
    assert_int_equal(cx_accounts_aggregate(a, 3, CX_AGG_RESPONDENT, 1, NULL, &t, NULL), CX_OK);
    assert_true(t.defined);
    assert_true(t.nps == 20.0);
    assert_int_equal(t.answers, 10);
    assert_int_equal(t.accounts, 3);
    assert_near(t.se, 100.0 * sqrt((0.8 - 0.04) / 10.0), TOL);
    /* account: (−25 + 75 + 0)/3 = 50/3; sd over the three accounts with
     * n − 1 = 2; se = sd/sqrt(3). */
    assert_int_equal(cx_accounts_aggregate(a, 3, CX_AGG_ACCOUNT, 1, NULL, &t, NULL), CX_OK);
    double m = 50.0 / 3.0;
    double sd = sqrt(((-25 - m) * (-25 - m) + (75 - m) * (75 - m) + (0 - m) * (0 - m)) / 2.0);
    assert_near(t.nps, m, TOL);
    assert_int_equal(t.accounts, 3);
    assert_near(t.sd, sd, TOL);
    assert_near(t.se, sd / sqrt(3.0), TOL);
    /* decision_maker: DMs answered 10, 9, 9, 6 → 3 P, 1 D of 4 → 50. */
    assert_int_equal(cx_accounts_aggregate(a, 3, CX_AGG_DECISION_MAKER, 1, NULL, &t, NULL), CX_OK);
    assert_true(t.nps == 50.0);
    assert_int_equal(t.answers, 4);
}

static void small_accounts_can_be_left_out_of_the_account_mean(void **state)
{
    (void)state;
    cx_account a[3];
    cx_accounts_total t;
    assert_int_equal(cx_accounts_compute(X, NULL, ACC, ROLE, N, 3, NULL, a, NULL), CX_OK);
    /* min 3 answers: account 2 (2 answers) drops → (−25 + 75)/2 = 25. */
    assert_int_equal(cx_accounts_aggregate(a, 3, CX_AGG_ACCOUNT, 3, NULL, &t, NULL), CX_OK);
    assert_near(t.nps, 25.0, TOL);
    assert_int_equal(t.accounts, 2);
    /* No account qualifies: undefined, not an error. */
    assert_int_equal(cx_accounts_aggregate(a, 3, CX_AGG_ACCOUNT, 50, NULL, &t, NULL), CX_OK);
    assert_false(t.defined);
    assert_false(t.se_defined);
}

static void weighted_accounts_use_weight_sums(void **state)
{
    (void)state;
    double x[] = {10, 0, 0}, w[] = {3, 1, 1};
    int32_t acc[] = {0, 0, 0}, role[] = {DM, EU, EU};
    cx_account a;
    assert_int_equal(cx_accounts_compute(x, w, acc, role, 3, 1, NULL, &a, NULL), CX_OK);
    /* ΣwP = 3, ΣwD = 2, Σw = 5 → 100·1/5 = 20. */
    assert_true(a.all.weighted);
    assert_near(a.all.score, 20.0, TOL);
}

static void bad_codes_are_data_errors(void **state)
{
    (void)state;
    double x[] = {10, 9};
    int32_t acc[] = {0, 3}, acc_ok[] = {0, 0}, role_bad[] = {DM, 7}, role[] = {DM, DM};
    cx_account a[2];
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_accounts_compute(x, NULL, acc, role, 2, 2, NULL, a, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "row 2"));
    assert_int_equal(cx_accounts_compute(x, NULL, acc_ok, role_bad, 2, 2, NULL, a, &d), CX_EDATA);
    double eleven[] = {11, 9};
    assert_int_equal(cx_accounts_compute(eleven, NULL, acc_ok, role, 2, 2, NULL, a, &d), CX_EDATA);
    cx_accounts_total t;
    assert_int_equal(cx_accounts_aggregate(a, 2, (cx_agg)9, 1, NULL, &t, &d), CX_ESCRIPT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(per_account_and_per_role_nps),
        cmocka_unit_test(coverage_lists_the_roles_not_heard),
        cmocka_unit_test(a_promoter_decision_maker_and_detractor_users_disagree),
        cmocka_unit_test(the_three_aggregation_modes_by_hand),
        cmocka_unit_test(small_accounts_can_be_left_out_of_the_account_mean),
        cmocka_unit_test(weighted_accounts_use_weight_sums),
        cmocka_unit_test(bad_codes_are_data_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
