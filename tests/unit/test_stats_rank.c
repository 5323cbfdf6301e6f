/*
 * test_stats_rank.c — competition ranks, average ranks, percentile ranks
 * and the O(n) ordering under them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/stats.h"

#define TOL 1e-9

static void assert_near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static void ties_share_the_best_rank(void **state)
{
    (void)state;
    double x[] = {50, 30, 50, 10};
    size_t r[4];
    /* Highest first: 50, 50 share 1; 30 is 3 (two above it); 10 is 4. */
    assert_int_equal(cx_rank_competition(x, 4, CX_RANK_HIGH_FIRST, r, NULL), CX_OK);
    assert_int_equal(r[0], 1);
    assert_int_equal(r[1], 3);
    assert_int_equal(r[2], 1);
    assert_int_equal(r[3], 4);
    /* Lowest first: 10 is 1, 30 is 2, the two 50s share 3. */
    assert_int_equal(cx_rank_competition(x, 4, CX_RANK_LOW_FIRST, r, NULL), CX_OK);
    assert_int_equal(r[0], 3);
    assert_int_equal(r[1], 2);
    assert_int_equal(r[2], 3);
    assert_int_equal(r[3], 1);
}

static void nps_equal_in_exact_arithmetic_tie_in_ranking(void **state)
{
    (void)state;
    /* Vendor A: P = 3, D = 1 of 6 → 100·2/6, computed as one division;
     * vendor B: the same ratio computed as the difference of shares
     * 100·3/6 − 100·1/6.  The doubles differ (…336 vs …329) but the
     * vendors must share rank 2 behind C = 50. */
    double a = 100.0 * 2.0 / 6.0, b = 100.0 * 3.0 / 6.0 - 100.0 * 1.0 / 6.0;
    assert_true(a != b);
    double x[] = {a, 50.0, b, 10.0};
    size_t r[4];
    assert_int_equal(cx_rank_competition(x, 4, CX_RANK_HIGH_FIRST, r, NULL), CX_OK);
    assert_int_equal(r[0], 2);
    assert_int_equal(r[1], 1);
    assert_int_equal(r[2], 2);
    assert_int_equal(r[3], 4);
}

static void tie_groups_are_anchored_and_do_not_chain(void **state)
{
    (void)state;
    /* 0, 0.6e-9, 1.2e-9: the group anchored at 0 takes 0.6e-9 (within
     * 1e-9) but not 1.2e-9, which starts its own group. */
    double x[] = {1.2e-9, 0.0, 0.6e-9};
    size_t r[3];
    assert_int_equal(cx_rank_competition(x, 3, CX_RANK_LOW_FIRST, r, NULL), CX_OK);
    assert_int_equal(r[0], 3);
    assert_int_equal(r[1], 1);
    assert_int_equal(r[2], 1);
}

static void missing_values_are_not_ranked(void **state)
{
    (void)state;
    double x[] = {NAN, 5, 7, NAN};
    size_t r[4];
    assert_int_equal(cx_rank_competition(x, 4, CX_RANK_HIGH_FIRST, r, NULL), CX_OK);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[1], 2);
    assert_int_equal(r[2], 1);
    assert_int_equal(r[3], 0);
    assert_int_equal(cx_rank_competition(NULL, 0, CX_RANK_HIGH_FIRST, NULL, NULL), CX_OK);
    assert_int_equal(cx_rank_competition(x, 4, (cx_rank_order)9, r, NULL), CX_ESCRIPT);
}

static void average_ranks_split_ties(void **state)
{
    (void)state;
    double x[] = {20, 10, 30, 20, NAN};
    double r[5];
    /* Sorted 10, 20, 20, 30: ranks 1, (2+3)/2 = 2.5, 2.5, 4; NaN stays NaN. */
    assert_int_equal(cx_rank_average(x, 5, r, NULL), CX_OK);
    assert_near(r[0], 2.5, 0.0);
    assert_near(r[1], 1.0, 0.0);
    assert_near(r[2], 4.0, 0.0);
    assert_near(r[3], 2.5, 0.0);
    assert_true(isnan(r[4]));
}

static void average_ranks_of_many_ties_on_a_scale(void **state)
{
    (void)state;
    /* 100 answers on a 1–3 scale (the counting path): every 4th is a 3
     * (25 of them), the others are 1 below row 60 (45) and 2 above (30).
     * The 1s span ranks 1..45 → (1 + 45)/2 = 23; the 2s 46..75 → 60.5;
     * the 3s 76..100 → 88. */
    double x[100], r[100];
    for (int i = 0; i < 100; i++)
        x[i] = i % 4 == 0 ? 3 : (i < 60 ? 1 : 2);
    int c1 = 0, c2 = 0, c3 = 0;
    for (int i = 0; i < 100; i++)
        c1 += x[i] == 1, c2 += x[i] == 2, c3 += x[i] == 3;
    assert_int_equal(c1, 45);
    assert_int_equal(c2, 30);
    assert_int_equal(c3, 25);
    assert_int_equal(cx_rank_average(x, 100, r, NULL), CX_OK);
    for (int i = 0; i < 100; i++)
        assert_near(r[i], x[i] == 1 ? 23.0 : x[i] == 2 ? 60.5 : 88.0, 0.0);
}

static void average_ranks_of_fractions_tie_within_the_tolerance(void **state)
{
    (void)state;
    /* 100 fractional values (the sorting path): x[2k] = k/10 and
     * x[2k+1] = k/10 + 1e-12, so each pair ties and shares ranks
     * 2k+1 and 2k+2 → 2k + 1.5.  One NaN stays NaN. */
    double x[101], r[101];
    for (int k = 0; k < 50; k++) {
        x[2 * k] = k / 10.0;
        x[2 * k + 1] = k / 10.0 + 1e-12;
    }
    x[100] = NAN;
    assert_int_equal(cx_rank_average(x, 101, r, NULL), CX_OK);
    for (int k = 0; k < 50; k++) {
        assert_near(r[2 * k], 2 * k + 1.5, 0.0);
        assert_near(r[2 * k + 1], 2 * k + 1.5, 0.0);
    }
    assert_true(isnan(r[100]));
}

static void percentile_rank_is_the_mean_definition(void **state)
{
    (void)state;
    double peers[] = {10, 20, NAN, 30, 40};
    double pct;
    bool ok;
    /* N = 4.  30: below 2, equal 1 → 100·(2 + 0.5)/4 = 62.5.
     * 25: below 2 → 50.  5: 0.  50: 100. */
    assert_int_equal(cx_rank_percentile(peers, 5, 30, &pct, &ok, NULL), CX_OK);
    assert_true(ok);
    assert_near(pct, 62.5, TOL);
    cx_rank_percentile(peers, 5, 25, &pct, &ok, NULL);
    assert_near(pct, 50.0, TOL);
    cx_rank_percentile(peers, 5, 5, &pct, &ok, NULL);
    assert_near(pct, 0.0, TOL);
    cx_rank_percentile(peers, 5, 50, &pct, &ok, NULL);
    assert_near(pct, 100.0, TOL);
    /* Equality within 1e-9: 30 − 1e-12 is "equal" to 30. */
    cx_rank_percentile(peers, 5, 30.0 - 1e-12, &pct, &ok, NULL);
    assert_near(pct, 62.5, TOL);
}

static void percentile_rank_without_peers_is_undefined(void **state)
{
    (void)state;
    double peers[] = {NAN};
    double pct = 7;
    bool ok = true;
    assert_int_equal(cx_rank_percentile(peers, 1, 30, &pct, &ok, NULL), CX_OK);
    assert_false(ok);
    assert_true(pct == 0.0);
    double some[] = {1, 2};
    assert_int_equal(cx_rank_percentile(some, 2, NAN, &pct, &ok, NULL), CX_OK);
    assert_false(ok);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void radix_order_matches_qsort_on_signed_doubles(void **state)
{
    (void)state;
    enum { N = 5000 };
    double *x = malloc(N * sizeof *x), *ref = malloc(N * sizeof *ref);
    size_t *ord = malloc(N * sizeof *ord);
    assert_non_null(x);
    assert_non_null(ref);
    assert_non_null(ord);
    uint64_t s = 88172645463325252u;
    size_t nonmissing = 0;
    for (int i = 0; i < N; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        double u = (double)(s >> 11) / 9007199254740992.0;   /* [0, 1) */
        x[i] = i % 97 == 0 ? NAN : i % 89 == 0 ? -0.0 : i % 83 == 0 ? 0.0
             : (u - 0.5) * pow(10.0, (double)(i % 13) - 6.0);
        if (!isnan(x[i]))
            ref[nonmissing++] = x[i];
    }
    qsort(ref, nonmissing, sizeof *ref, cmp_double);
    size_t m = 0;
    assert_int_equal(cx_rank_order_asc(x, N, ord, &m, NULL), CX_OK);
    assert_int_equal(m, nonmissing);
    for (size_t k = 0; k < m; k++)
        assert_true(x[ord[k]] == ref[k]);
    free(x);
    free(ref);
    free(ord);
}

static void ordering_is_stable_for_equal_values(void **state)
{
    (void)state;
    /* Both paths: small integers (counting) and fractions (radix). */
    enum { N = 300 };
    double a[N], b[N];
    size_t oa[N], ob[N], ma, mb;
    for (int i = 0; i < N; i++) {
        a[i] = (double)(i % 3);
        b[i] = 0.5 * (double)(i % 3) + 0.25;
    }
    assert_int_equal(cx_rank_order_asc(a, N, oa, &ma, NULL), CX_OK);
    assert_int_equal(cx_rank_order_asc(b, N, ob, &mb, NULL), CX_OK);
    for (int k = 1; k < N; k++) {
        assert_true(a[oa[k - 1]] < a[oa[k]] || (a[oa[k - 1]] == a[oa[k]] && oa[k - 1] < oa[k]));
        assert_true(b[ob[k - 1]] < b[ob[k]] || (b[ob[k - 1]] == b[ob[k]] && ob[k - 1] < ob[k]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ties_share_the_best_rank),
        cmocka_unit_test(nps_equal_in_exact_arithmetic_tie_in_ranking),
        cmocka_unit_test(tie_groups_are_anchored_and_do_not_chain),
        cmocka_unit_test(missing_values_are_not_ranked),
        cmocka_unit_test(average_ranks_split_ties),
        cmocka_unit_test(average_ranks_of_many_ties_on_a_scale),
        cmocka_unit_test(average_ranks_of_fractions_tie_within_the_tolerance),
        cmocka_unit_test(percentile_rank_is_the_mean_definition),
        cmocka_unit_test(percentile_rank_without_peers_is_undefined),
        cmocka_unit_test(radix_order_matches_qsort_on_signed_doubles),
        cmocka_unit_test(ordering_is_stable_for_equal_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
