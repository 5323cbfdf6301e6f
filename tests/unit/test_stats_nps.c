/*
 * test_stats_nps.c — NPS, net scores, SE, intervals, difference test.
 * Every expected value is worked out by hand in a comment and written in
 * the test as that arithmetic, never copied from the program's output.
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

/* 10 answers: promoters 9, 10, 9, 10, 9; passives 7, 8; detractors 0, 6, 3. */
static const double TEN[] = {9, 7, 10, 0, 9, 8, 6, 10, 3, 9};

static void nps_of_five_promoters_two_passives_three_detractors(void **state)
{
    (void)state;
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &def, NULL, &r, NULL), CX_OK);
    /* NPS = 100·(5 − 3)/10 = 20; shares 50 / 20 / 30 %.
     * p = 0.5, d = 0.3: v = 0.8 − 0.2² = 0.76; SE = 100·sqrt(0.76/10). */
    assert_true(r.defined);
    assert_int_equal(r.n, 10);
    assert_int_equal(r.n_top, 5);
    assert_int_equal(r.n_mid, 2);
    assert_int_equal(r.n_bottom, 3);
    assert_true(r.score == 20.0);
    assert_true(r.pct_top == 50.0 && r.pct_mid == 20.0 && r.pct_bottom == 30.0);
    assert_near(r.variance, 0.76, TOL);
    assert_near(r.se, 100.0 * sqrt(0.76 / 10.0), TOL);
    assert_near(r.base, 10.0, 0.0);
}

static void adjusted_wald_interval_by_hand(void **state)
{
    (void)state;
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &def, NULL, &r, NULL), CX_OK);
    /* P' = 5.75, D' = 3.75, n' = 13: p' = 5.75/13, d' = 3.75/13.
     * NPS' = 100·2/13; v' = 9.5/13 − (2/13)²; SE' = 100·sqrt(v'/13);
     * CI = NPS' ∓ 1.96·SE'. */
    double pa = 5.75 / 13.0, da = 3.75 / 13.0;
    double va = (pa + da) - (pa - da) * (pa - da);
    double sea = 100.0 * sqrt(va / 13.0);
    assert_int_equal(r.ci_method, CX_CI_ADJUSTED_WALD);
    assert_near(r.ci_center, 200.0 / 13.0, TOL);
    assert_near(va, 9.5 / 13.0 - 4.0 / 169.0, 1e-15);
    assert_near(r.ci_se, sea, TOL);
    assert_near(r.ci_lo, 200.0 / 13.0 - 1.96 * sea, TOL);
    assert_near(r.ci_hi, 200.0 / 13.0 + 1.96 * sea, TOL);
}

static void wald_interval_and_other_confidence_levels(void **state)
{
    (void)state;
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    cx_ci_opts wald90 = {CX_CI_WALD, 90}, wald99 = {CX_CI_WALD, 99};
    double se = 100.0 * sqrt(0.76 / 10.0);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &def, &wald90, &r, NULL), CX_OK);
    assert_near(r.ci_lo, 20.0 - 1.645 * se, TOL);
    assert_near(r.ci_hi, 20.0 + 1.645 * se, TOL);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &def, &wald99, &r, NULL), CX_OK);
    /* 20 ∓ 2.576·27.568 = [−51.02, 91.02]: inside ±100, no clamping. */
    assert_near(r.ci_lo, 20.0 - 2.576 * se, TOL);
    assert_near(r.ci_hi, 20.0 + 2.576 * se, TOL);
}

static void nps_of_all_promoters_is_100_with_se_0(void **state)
{
    (void)state;
    double x[] = {9, 10, 10, 9, 9, 10, 10, 9, 10, 10};
    cx_net r, w;
    cx_net_def def = CX_NET_NPS;
    cx_ci_opts wald = {CX_CI_WALD, 95};
    assert_int_equal(cx_nps_compute(x, NULL, 10, &def, NULL, &r, NULL), CX_OK);
    assert_true(r.score == 100.0);
    assert_true(r.se == 0.0);
    /* Adjusted: P' = 10.75, D' = 0.75, n' = 13: NPS' = 100·10/13 = 76.92;
     * v' = 11.5/13 − (10/13)² = 49.5/169; SE' = 100·sqrt(49.5/169/13)
     * = 15.01; CI = [76.92 − 29.42, 76.92 + 29.42] = [47.50, 106.34],
     * the top clamped to 100: a sensible, non-degenerate interval. */
    double sea = 100.0 * sqrt(49.5 / 169.0 / 13.0);
    assert_near(r.ci_center, 1000.0 / 13.0, TOL);
    assert_near(r.ci_lo, 1000.0 / 13.0 - 1.96 * sea, TOL);
    assert_true(r.ci_hi == 100.0);
    assert_true(r.ci_lo > 40.0 && r.ci_lo < 60.0);
    /* Wald degenerates to [100, 100]. */
    assert_int_equal(cx_nps_compute(x, NULL, 10, &def, &wald, &w, NULL), CX_OK);
    assert_true(w.ci_lo == 100.0 && w.ci_hi == 100.0);
}

static void nps_of_all_detractors_is_minus_100(void **state)
{
    (void)state;
    double x[] = {0, 6, 3, 5};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, NULL, 4, &def, NULL, &r, NULL), CX_OK);
    assert_true(r.score == -100.0);
    assert_true(r.se == 0.0);
    assert_true(r.ci_lo == -100.0);
    assert_true(r.ci_hi < 0.0);
}

static void missing_answers_are_out_of_the_base(void **state)
{
    (void)state;
    double x[] = {10, NAN, 0, NAN, 8};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, NULL, 5, &def, NULL, &r, NULL), CX_OK);
    /* 3 answers: 1 P, 1 M, 1 D → NPS 0; v = 2/3 − 0 → SE = 100·sqrt(2/9). */
    assert_int_equal(r.n, 3);
    assert_true(r.score == 0.0);
    assert_near(r.se, 100.0 * sqrt(2.0 / 9.0), TOL);
}

static void no_answers_leave_the_nps_undefined(void **state)
{
    (void)state;
    double x[] = {NAN, NAN};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, NULL, 2, &def, NULL, &r, NULL), CX_OK);
    assert_false(r.defined);
    assert_int_equal(r.n, 0);
    assert_true(r.score == 0.0 && r.se == 0.0 && r.ci_lo == 0.0 && r.ci_hi == 0.0);
    assert_int_equal(cx_nps_compute(NULL, NULL, 0, &def, NULL, &r, NULL), CX_OK);
    assert_false(r.defined);
}

static void one_answer_gives_a_score_and_a_wide_adjusted_interval(void **state)
{
    (void)state;
    double x[] = {7};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, NULL, 1, &def, NULL, &r, NULL), CX_OK);
    /* One passive: NPS 0, SE 0.  Adjusted: P' = D' = 0.75, n' = 4:
     * NPS' = 0, v' = 1.5/4 = 0.375, SE' = 100·sqrt(0.375/4). */
    assert_true(r.score == 0.0 && r.se == 0.0);
    assert_near(r.ci_hi, 1.96 * 100.0 * sqrt(0.375 / 4.0), TOL);
    assert_near(r.ci_lo, -1.96 * 100.0 * sqrt(0.375 / 4.0), TOL);
}

static void answers_off_the_scale_are_data_errors(void **state)
{
    (void)state;
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    cx_diag d;
    double eleven[] = {9, 11}, half[] = {7.5}, neg[] = {-1}, inf[] = {INFINITY};
    cx_diag_clear(&d);
    assert_int_equal(cx_nps_compute(eleven, NULL, 2, &def, NULL, &r, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "row 2"));
    assert_non_null(strstr(d.message, "11"));
    assert_false(r.defined);
    assert_int_equal(cx_nps_compute(half, NULL, 1, &def, NULL, &r, NULL), CX_EDATA);
    assert_int_equal(cx_nps_compute(neg, NULL, 1, &def, NULL, &r, NULL), CX_EDATA);
    assert_int_equal(cx_nps_compute(inf, NULL, 1, &def, NULL, &r, NULL), CX_EDATA);
}

static void weighted_nps_uses_weight_sums_and_the_kish_base(void **state)
{
    (void)state;
    double x[] = {10, 9, 7, 0}, w[] = {2, 1, 1, 4};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, w, 4, &def, NULL, &r, NULL), CX_OK);
    /* ΣwP = 3, ΣwM = 1, ΣwD = 4, Σw = 8: NPS = 100·(3 − 4)/8 = −12.5.
     * p = 3/8, d = 4/8: v = 7/8 − (1/8)² = 55/64.
     * Σw² = 4 + 1 + 1 + 16 = 22: n_eff = 64/22 = 32/11.
     * SE = 100·sqrt((55/64)/(32/11)) = 100·sqrt(605/2048). */
    assert_true(r.weighted);
    assert_int_equal(r.n, 4);
    assert_near(r.score, -12.5, TOL);
    assert_near(r.pct_top, 37.5, TOL);
    assert_near(r.base, 32.0 / 11.0, TOL);
    assert_near(r.variance, 55.0 / 64.0, TOL);
    assert_near(r.se, 100.0 * sqrt(605.0 / 2048.0), TOL);
    /* Adjusted on the effective base: P_e = (3/8)(32/11) = 12/11,
     * D_e = 16/11, n' = 32/11 + 3 = 65/11: p' = (12 + 8.25)/65,
     * d' = (16 + 8.25)/65; NPS' = 100·(−4/65);
     * v' = 44.5/65 − (4/65)²; SE' = 100·sqrt(v'/(65/11)). */
    double pa = 20.25 / 65.0, da = 24.25 / 65.0;
    double va = 44.5 / 65.0 - (4.0 / 65.0) * (4.0 / 65.0);
    assert_near(pa + da, 44.5 / 65.0, 1e-15);
    assert_near(r.ci_center, -400.0 / 65.0, TOL);
    assert_near(r.ci_se, 100.0 * sqrt(va / (65.0 / 11.0)), TOL);
}

static void unit_weights_give_the_unweighted_result(void **state)
{
    (void)state;
    double ones[10];
    for (int i = 0; i < 10; i++)
        ones[i] = 1.0;
    cx_net u, w;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &def, NULL, &u, NULL), CX_OK);
    assert_int_equal(cx_nps_compute(TEN, ones, 10, &def, NULL, &w, NULL), CX_OK);
    assert_near(w.score, u.score, TOL);
    assert_near(w.se, u.se, TOL);
    assert_near(w.ci_lo, u.ci_lo, TOL);
    assert_near(w.ci_hi, u.ci_hi, TOL);
}

static void zero_weight_rows_are_left_out_and_negative_weights_rejected(void **state)
{
    (void)state;
    double x[] = {10, 0, 0}, w0[] = {1, 0, 1}, wneg[] = {1, -1, 1};
    cx_net r;
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_compute(x, w0, 3, &def, NULL, &r, NULL), CX_OK);
    /* One promoter and one detractor of weight 1: NPS 0, n = 2. */
    assert_int_equal(r.n, 2);
    assert_near(r.score, 0.0, TOL);
    assert_int_equal(cx_nps_compute(x, wneg, 3, &def, NULL, &r, NULL), CX_EDATA);
}

static void loyalty_net_score_on_seven_points(void **state)
{
    (void)state;
    double x[] = {7, 6, 5, 4, 3, 2, 1};
    cx_net r;
    cx_net_def def = CX_NET_LOYALTY7;
    assert_int_equal(cx_nps_compute(x, NULL, 7, &def, NULL, &r, NULL), CX_OK);
    /* Top 6–7: 2, bottom 1–3: 3, middle 4–5: 2 → 100·(2 − 3)/7. */
    assert_true(r.score == 100.0 * (2.0 - 3.0) / 7.0);
    /* v = 5/7 − (1/7)² = 34/49; SE = 100·sqrt(34/49/7). */
    assert_near(r.se, 100.0 * sqrt(34.0 / 49.0 / 7.0), TOL);
}

static void purchase_momentum_on_five_points(void **state)
{
    (void)state;
    double x[] = {5, 4, 4, 3, 2, 1, 1, 5};
    cx_net r;
    cx_net_def def = CX_NET_MOMENTUM5;
    assert_int_equal(cx_nps_compute(x, NULL, 8, &def, NULL, &r, NULL), CX_OK);
    /* Top 4–5: 4, bottom 1–2: 3 → 100·1/8 = 12.5. */
    assert_true(r.score == 12.5);
    assert_int_equal(r.n_mid, 1);
}

static void a_bad_definition_or_confidence_is_a_script_error(void **state)
{
    (void)state;
    cx_net r;
    cx_net_def overlap = {0, 10, 6, 10, 0, 6}, outside = {1, 5, 4, 6, 1, 2},
               empty = {1, 5, 5, 4, 1, 2}, nps = CX_NET_NPS;
    cx_ci_opts c80 = {CX_CI_ADJUSTED_WALD, 80}, bad_method = {(cx_ci_method)7, 95};
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &overlap, NULL, &r, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &outside, NULL, &r, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &empty, NULL, &r, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &nps, &c80, &r, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, &nps, &bad_method, &r, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_compute(TEN, NULL, 10, NULL, NULL, &r, NULL), CX_ESCRIPT);
}

static void equal_ratios_give_bit_identical_scores(void **state)
{
    (void)state;
    /* Group 0: P = 3, D = 1, n = 6 → 100·2/6; group 1: P = 6, D = 2,
     * n = 12 → 100·4/12.  Mathematically equal, and computed from
     * integer counts the doubles are identical (the difference of shares
     * would give 33.333333333333336 vs 33.333333333333329). */
    double x[] = {10, 10, 10, 0, 7, 7, 9, 9, 9, 9, 9, 9, 0, 0, 8, 8, 8, 8};
    int32_t g[] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    cx_net r[2];
    cx_net_def def = CX_NET_NPS;
    assert_int_equal(cx_nps_by_group(x, NULL, g, 18, 2, &def, NULL, r, NULL), CX_OK);
    assert_int_equal(r[0].n, 6);
    assert_int_equal(r[1].n, 12);
    assert_true(r[0].score == r[1].score);
    assert_true(r[0].score == 100.0 * 2.0 / 6.0);
}

static void by_group_matches_separate_computations(void **state)
{
    (void)state;
    double x[] = {9, 3, NAN, 10, 7, 0, 8, 6, 9, 10, 2, 5};
    double w[] = {1, 2, 1, 0.5, 1, 3, 1, 1, 2, 1, 1, 0};
    int32_t g[] = {0, 1, 2, 0, -1, 1, 2, 0, 1, 2, 0, 1};
    cx_net_def def = CX_NET_NPS;
    cx_net by[3];
    assert_int_equal(cx_nps_by_group(x, w, g, 12, 3, &def, NULL, by, NULL), CX_OK);
    for (int k = 0; k < 3; k++) {
        double xs[12], ws[12];
        size_t m = 0;
        for (int i = 0; i < 12; i++)
            if (g[i] == k) {
                xs[m] = x[i];
                ws[m++] = w[i];
            }
        cx_net one;
        assert_int_equal(cx_nps_compute(xs, ws, m, &def, NULL, &one, NULL), CX_OK);
        assert_int_equal(by[k].n, one.n);
        assert_near(by[k].score, one.score, TOL);
        assert_near(by[k].se, one.se, TOL);
        assert_near(by[k].ci_lo, one.ci_lo, TOL);
    }
    int32_t bad[] = {0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(cx_nps_by_group(x, w, bad, 12, 3, &def, NULL, by, NULL), CX_EDATA);
}

static void results_from_counts_and_sums_match_the_data(void **state)
{
    (void)state;
    cx_net c, s;
    assert_int_equal(cx_nps_from_counts(5, 2, 3, NULL, &c, NULL), CX_OK);
    assert_true(c.score == 20.0);
    assert_near(c.se, 100.0 * sqrt(0.76 / 10.0), TOL);
    /* The weighted example above as sums: 3, 1, 4 and Σw² = 22. */
    assert_int_equal(cx_nps_from_sums(3, 1, 4, 22, 2, 1, 1, NULL, &s, NULL), CX_OK);
    assert_near(s.score, -12.5, TOL);
    assert_near(s.se, 100.0 * sqrt(605.0 / 2048.0), TOL);
    assert_int_equal(cx_nps_from_sums(-1, 1, 4, 22, 2, 1, 1, NULL, &s, NULL), CX_ESCRIPT);
}

static void difference_with_z_of_root_two_has_p_erfc_1(void **state)
{
    (void)state;
    cx_diff_test t;
    /* 20 vs 10, both SE 5: se = sqrt(50), z = 10/sqrt(50) = √2;
     * p = 2(1 − Φ(√2)) = erfc(1) = 0.157299207050285 (published):
     * not significant at α = 0.05. */
    assert_int_equal(cx_nps_diff_test(20, 5, 100, 10, 5, 100, 0.05, 30, &t, NULL), CX_OK);
    assert_true(t.tested);
    assert_near(t.diff, 10.0, TOL);
    assert_near(t.se, sqrt(50.0), TOL);
    assert_near(t.z, sqrt(2.0), TOL);
    assert_near(t.p, 0.157299207050285, 1e-12);
    assert_false(t.significant);
}

static void difference_with_z_of_two_root_two_is_significant(void **state)
{
    (void)state;
    cx_diff_test t;
    /* 0 vs 20, SE 5 each: z = −20/sqrt(50) = −2√2; p = erfc(2) =
     * 0.004677734981047266 (published), significant at 0.05 and 0.01. */
    assert_int_equal(cx_nps_diff_test(0, 5, 40, 20, 5, 40, 0.01, 30, &t, NULL), CX_OK);
    assert_near(t.z, -2.0 * sqrt(2.0), TOL);
    assert_near(t.p, 0.004677734981047266, 1e-14);
    assert_true(t.significant);
}

static void below_thirty_answers_is_not_tested(void **state)
{
    (void)state;
    cx_diff_test t;
    assert_int_equal(cx_nps_diff_test(50, 5, 29, 0, 5, 500, 0.05, CX_STATS_MIN_TEST_N, &t, NULL),
                     CX_OK);
    assert_false(t.tested);
    assert_int_equal(t.why, CX_UNTESTED_SMALL_BASE);
    assert_false(t.significant);
    assert_true(t.p == 0.0);
    assert_near(t.diff, 50.0, TOL);
    /* Exactly 30 is tested. */
    assert_int_equal(cx_nps_diff_test(50, 5, 30, 0, 5, 30, 0.05, 30, &t, NULL), CX_OK);
    assert_true(t.tested);
}

static void two_zero_standard_errors_are_not_tested(void **state)
{
    (void)state;
    cx_diff_test t;
    assert_int_equal(cx_nps_diff_test(100, 0, 50, 100, 0, 50, 0.05, 30, &t, NULL), CX_OK);
    assert_false(t.tested);
    assert_int_equal(t.why, CX_UNTESTED_NO_VARIANCE);
    assert_int_equal(cx_nps_diff_test(1, 1, 50, 0, 1, 50, 1.0, 30, &t, NULL), CX_ESCRIPT);
    assert_int_equal(cx_nps_diff_test(NAN, 1, 50, 0, 1, 50, 0.05, 30, &t, NULL), CX_ESCRIPT);
}

static void comparing_two_results_uses_their_scores_and_ses(void **state)
{
    (void)state;
    cx_net a, b, none;
    cx_diff_test t;
    /* a: 40 P, 20 M, 20 D (n 80) → 25; b: 20 P, 20 M, 40 D → −25.
     * p_a = 0.5, d_a = 0.25: v = 0.75 − 0.0625 = 0.6875; same for b.
     * SE = 100·sqrt(0.6875/80); z = 50/(SE·√2). */
    assert_int_equal(cx_nps_from_counts(40, 20, 20, NULL, &a, NULL), CX_OK);
    assert_int_equal(cx_nps_from_counts(20, 20, 40, NULL, &b, NULL), CX_OK);
    assert_int_equal(cx_nps_compare(&a, &b, 0.05, 30, &t, NULL), CX_OK);
    double se = 100.0 * sqrt(0.6875 / 80.0);
    assert_near(t.z, 50.0 / (se * sqrt(2.0)), TOL);
    assert_near(t.p, erfc(50.0 / (se * sqrt(2.0)) / sqrt(2.0)), 1e-12);
    assert_true(t.significant);
    assert_int_equal(cx_nps_from_counts(0, 0, 0, NULL, &none, NULL), CX_OK);
    assert_int_equal(cx_nps_compare(&a, &none, 0.05, 30, &t, NULL), CX_OK);
    assert_false(t.tested);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nps_of_five_promoters_two_passives_three_detractors),
        cmocka_unit_test(adjusted_wald_interval_by_hand),
        cmocka_unit_test(wald_interval_and_other_confidence_levels),
        cmocka_unit_test(nps_of_all_promoters_is_100_with_se_0),
        cmocka_unit_test(nps_of_all_detractors_is_minus_100),
        cmocka_unit_test(missing_answers_are_out_of_the_base),
        cmocka_unit_test(no_answers_leave_the_nps_undefined),
        cmocka_unit_test(one_answer_gives_a_score_and_a_wide_adjusted_interval),
        cmocka_unit_test(answers_off_the_scale_are_data_errors),
        cmocka_unit_test(weighted_nps_uses_weight_sums_and_the_kish_base),
        cmocka_unit_test(unit_weights_give_the_unweighted_result),
        cmocka_unit_test(zero_weight_rows_are_left_out_and_negative_weights_rejected),
        cmocka_unit_test(loyalty_net_score_on_seven_points),
        cmocka_unit_test(purchase_momentum_on_five_points),
        cmocka_unit_test(a_bad_definition_or_confidence_is_a_script_error),
        cmocka_unit_test(equal_ratios_give_bit_identical_scores),
        cmocka_unit_test(by_group_matches_separate_computations),
        cmocka_unit_test(results_from_counts_and_sums_match_the_data),
        cmocka_unit_test(difference_with_z_of_root_two_has_p_erfc_1),
        cmocka_unit_test(difference_with_z_of_two_root_two_is_significant),
        cmocka_unit_test(below_thirty_answers_is_not_tested),
        cmocka_unit_test(two_zero_standard_errors_are_not_tested),
        cmocka_unit_test(comparing_two_results_uses_their_scores_and_ses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
