/*
 * test_stats_describe.c — counts, means, sd, quantiles, box shares.
 * Expected values are worked out by hand in the comments.
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

static void mean_and_sd_of_one_to_ten(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 10, &r, NULL), CX_OK);
    /* Σx = 55, mean 5.5; Σ(x−5.5)² = 2·(4.5²+3.5²+2.5²+1.5²+0.5²) = 82.5;
     * sample sd (n−1) = sqrt(82.5/9). */
    assert_true(r.defined && r.sd_defined);
    assert_int_equal(r.n, 10);
    assert_near(r.sum, 55.0, TOL);
    assert_near(r.mean, 5.5, TOL);
    assert_near(r.sd, sqrt(82.5 / 9.0), TOL);
    assert_near(r.n_eff, 10.0, TOL);
    assert_near(r.min, 1.0, 0.0);
    assert_near(r.max, 10.0, 0.0);
}

static void missing_values_are_skipped_and_counted(void **state)
{
    (void)state;
    double x[] = {1, NAN, 3, NAN};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 4, &r, NULL), CX_OK);
    /* {1, 3}: mean 2, sd sqrt(((−1)² + 1²)/1) = sqrt(2). */
    assert_int_equal(r.n, 2);
    assert_int_equal(r.n_missing, 2);
    assert_near(r.mean, 2.0, TOL);
    assert_near(r.sd, sqrt(2.0), TOL);
}

static void weighted_mean_sd_and_kish_base_by_hand(void **state)
{
    (void)state;
    double x[] = {1, 2, 3}, w[] = {1, 2, 3};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, w, 3, &r, NULL), CX_OK);
    /* Σw = 6, Σwx = 1 + 4 + 9 = 14, mean = 14/6 = 7/3.
     * Σw² = 1 + 4 + 9 = 14, n_eff = 36/14.
     * Σw(x−m)² = 1·(4/3)² + 2·(1/3)² + 3·(2/3)² = (16 + 2 + 12)/9 = 10/3;
     * Σw − Σw²/Σw = 6 − 14/6 = 11/3; sd = sqrt((10/3)/(11/3)) = sqrt(10/11). */
    assert_near(r.sum_w, 6.0, TOL);
    assert_near(r.mean, 7.0 / 3.0, TOL);
    assert_near(r.n_eff, 36.0 / 14.0, TOL);
    assert_near(r.sd, sqrt(10.0 / 11.0), TOL);
}

static void unit_weights_and_scaled_weights_change_nothing(void **state)
{
    (void)state;
    double x[] = {3, 7, 7, 1, 9, 4};
    double ones[] = {1, 1, 1, 1, 1, 1};
    double w[] = {0.5, 2, 1.5, 1, 3, 0.25}, w10[6];
    for (int i = 0; i < 6; i++)
        w10[i] = 10.0 * w[i];
    cx_describe u, one, a, b;
    assert_int_equal(cx_describe_compute(x, NULL, 6, &u, NULL), CX_OK);
    assert_int_equal(cx_describe_compute(x, ones, 6, &one, NULL), CX_OK);
    assert_int_equal(cx_describe_compute(x, w, 6, &a, NULL), CX_OK);
    assert_int_equal(cx_describe_compute(x, w10, 6, &b, NULL), CX_OK);
    assert_near(one.mean, u.mean, TOL);
    assert_near(one.sd, u.sd, TOL);
    assert_near(b.mean, a.mean, TOL);
    assert_near(b.sd, a.sd, TOL);
    assert_near(b.n_eff, a.n_eff, TOL);
}

static void zero_weights_leave_the_row_out(void **state)
{
    (void)state;
    double x[] = {1, 100, 3}, w[] = {1, 0, 1};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, w, 3, &r, NULL), CX_OK);
    assert_int_equal(r.n, 2);
    assert_near(r.mean, 2.0, TOL);
    assert_near(r.max, 3.0, 0.0);
}

static void negative_or_nan_weights_are_data_errors(void **state)
{
    (void)state;
    double x[] = {1, 2, 3};
    double neg[] = {1, -0.5, 1}, nan_w[] = {1, 1, NAN}, inf_w[] = {INFINITY, 1, 1};
    cx_describe r;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_describe_compute(x, neg, 3, &r, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "row 2"));
    assert_non_null(strstr(d.message, "-0.5"));
    assert_false(r.defined);
    assert_int_equal(cx_describe_compute(x, nan_w, 3, &r, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "row 3"));
    assert_int_equal(cx_describe_compute(x, inf_w, 3, &r, NULL), CX_EDATA);
}

static void the_weight_of_a_missing_answer_is_not_read(void **state)
{
    (void)state;
    double x[] = {1, NAN, 3}, w[] = {1, -7, 1};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, w, 3, &r, NULL), CX_OK);
    assert_near(r.mean, 2.0, TOL);
}

static void no_values_is_undefined_not_an_error(void **state)
{
    (void)state;
    double x[] = {NAN, NAN};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 2, &r, NULL), CX_OK);
    assert_false(r.defined);
    assert_false(r.sd_defined);
    assert_true(r.mean == 0.0 && r.sd == 0.0);
    assert_int_equal(cx_describe_compute(NULL, NULL, 0, &r, NULL), CX_OK);
    assert_false(r.defined);
}

static void one_value_has_a_mean_but_no_sd(void **state)
{
    (void)state;
    double x[] = {4.25};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 1, &r, NULL), CX_OK);
    assert_true(r.defined);
    assert_false(r.sd_defined);
    assert_near(r.mean, 4.25, 0.0);
}

static void a_constant_column_has_sd_exactly_zero(void **state)
{
    (void)state;
    /* 0.1·3/3 is not exactly 0.1 in binary; the mean must still be 0.1
     * and the sd exactly 0. */
    double x[] = {0.1, 0.1, 0.1};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 3, &r, NULL), CX_OK);
    assert_true(r.mean == 0.1);
    assert_true(r.sd == 0.0);
}

static void an_infinite_value_is_a_data_error(void **state)
{
    (void)state;
    double x[] = {1, INFINITY};
    cx_describe r;
    assert_int_equal(cx_describe_compute(x, NULL, 2, &r, NULL), CX_EDATA);
}

static void null_values_with_rows_is_a_script_error(void **state)
{
    (void)state;
    cx_describe r;
    assert_int_equal(cx_describe_compute(NULL, NULL, 3, &r, NULL), CX_ESCRIPT);
}

static void groups_are_described_separately(void **state)
{
    (void)state;
    double x[] = {1, 10, 3, 20, 99, NAN, 30};
    int32_t g[] = {0, 1, 0, 1, -1, 0, 1};
    cx_describe r[3];
    assert_int_equal(cx_describe_by_group(x, NULL, g, 7, 3, r, NULL), CX_OK);
    /* group 0: {1, 3} mean 2, sd sqrt(2), 1 missing;
     * group 1: {10, 20, 30} mean 20, sd sqrt((100+0+100)/2) = 10;
     * group 2: empty; the 99 (group −1) is in no group. */
    assert_int_equal(r[0].n, 2);
    assert_int_equal(r[0].n_missing, 1);
    assert_near(r[0].mean, 2.0, TOL);
    assert_near(r[0].sd, sqrt(2.0), TOL);
    assert_near(r[1].mean, 20.0, TOL);
    assert_near(r[1].sd, 10.0, TOL);
    assert_false(r[2].defined);
}

static void a_group_code_out_of_range_is_a_data_error(void **state)
{
    (void)state;
    double x[] = {1, 2};
    int32_t g[] = {0, 5};
    cx_describe r[2];
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_describe_by_group(x, NULL, g, 2, 2, r, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "row 2"));
}

static void quantiles_are_type_7_as_in_r(void **state)
{
    (void)state;
    /* R: quantile(1:10) = 1.00 3.25 5.50 7.75 10.00 (type 7):
     * h = 9p; p = 0.25 → h = 2.25 → x[2] + 0.25·(x[3] − x[2]) = 3.25. */
    double x[] = {10, 3, NAN, 1, 5, 7, 9, 2, 4, 8, 6};
    double p[] = {0.0, 0.25, 0.5, 0.75, 1.0}, q[5];
    size_t used = 0;
    assert_int_equal(cx_describe_quantiles(x, 11, p, 5, q, &used, NULL), CX_OK);
    assert_int_equal(used, 10);
    assert_near(q[0], 1.0, TOL);
    assert_near(q[1], 3.25, TOL);
    assert_near(q[2], 5.5, TOL);
    assert_near(q[3], 7.75, TOL);
    assert_near(q[4], 10.0, TOL);
    /* R: quantile(c(1, 2, 3, 4), 0.1) = 1.3 (h = 3·0.1 = 0.3). */
    double y[] = {4, 3, 2, 1}, p10 = 0.1, q10;
    assert_int_equal(cx_describe_quantiles(y, 4, &p10, 1, &q10, &used, NULL), CX_OK);
    assert_near(q10, 1.3, TOL);
}

static void quantiles_of_many_values_use_the_radix_sort_correctly(void **state)
{
    (void)state;
    /* 1001 values −500..500 shuffled with a fixed LCG: the median is 0,
     * the quartiles ±250 (h = 1000·0.25 = 250 exactly). */
    enum { N = 1001 };
    static double x[N];
    for (int i = 0; i < N; i++)
        x[i] = (double)(i - 500) + 0.0;
    uint32_t s = 12345;
    for (int i = N - 1; i > 0; i--) {
        s = s * 1103515245u + 12345u;
        int j = (int)(s % (uint32_t)(i + 1));
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
    double p[] = {0.25, 0.5, 0.75}, q[3];
    size_t used;
    assert_int_equal(cx_describe_quantiles(x, N, p, 3, q, &used, NULL), CX_OK);
    assert_near(q[0], -250.0, TOL);
    assert_near(q[1], 0.0, TOL);
    assert_near(q[2], 250.0, TOL);
}

static void quantiles_of_no_values_are_undefined(void **state)
{
    (void)state;
    double x[] = {NAN}, p = 0.5, q = 7.0;
    size_t used = 99;
    assert_int_equal(cx_describe_quantiles(x, 1, &p, 1, &q, &used, NULL), CX_OK);
    assert_int_equal(used, 0);
    assert_true(q == 0.0);
}

static void a_quantile_probability_outside_0_1_is_a_script_error(void **state)
{
    (void)state;
    double x[] = {1, 2}, p = 1.5, q;
    size_t used;
    assert_int_equal(cx_describe_quantiles(x, 2, &p, 1, &q, &used, NULL), CX_ESCRIPT);
}

static void top_and_bottom_two_box_shares_by_hand(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, 5, 4, NAN};
    cx_share t, b;
    assert_int_equal(cx_describe_top2(x, NULL, 8, 1, 5, &t, NULL), CX_OK);
    assert_int_equal(cx_describe_bottom2(x, NULL, 8, 1, 5, &b, NULL), CX_OK);
    /* 7 answers; top 4–5: {4, 5, 5, 4} = 4 → 400/7 %; bottom 1–2: 2 →
     * 200/7 %.  SE of the top share: 100·sqrt((4/7)(3/7)/7). */
    assert_int_equal(t.n, 7);
    assert_int_equal(t.hits, 4);
    assert_true(t.pct == 400.0 / 7.0);
    assert_near(t.se, 100.0 * sqrt((4.0 / 7.0) * (3.0 / 7.0) / 7.0), TOL);
    assert_int_equal(b.hits, 2);
    assert_near(b.pct, 200.0 / 7.0, TOL);
}

static void weighted_box_share_uses_sums_of_weights(void **state)
{
    (void)state;
    double x[] = {5, 1, 4}, w[] = {2, 1, 1};
    cx_share t;
    assert_int_equal(cx_describe_top2(x, w, 3, 1, 5, &t, NULL), CX_OK);
    /* Σw = 4, in the box 2 + 1 = 3 → 75 %; n_eff = 16/6; SE =
     * 100·sqrt(0.75·0.25/(16/6)). */
    assert_near(t.pct, 75.0, TOL);
    assert_near(t.n_eff, 16.0 / 6.0, TOL);
    assert_near(t.se, 100.0 * sqrt(0.75 * 0.25 / (16.0 / 6.0)), TOL);
}

static void a_value_off_the_scale_is_a_data_error_for_box_shares(void **state)
{
    (void)state;
    double x[] = {1, 6};
    cx_share t;
    assert_int_equal(cx_describe_top2(x, NULL, 2, 1, 5, &t, NULL), CX_EDATA);
    assert_int_equal(cx_describe_share(x, NULL, 2, 3, 2, &t, NULL), CX_ESCRIPT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mean_and_sd_of_one_to_ten),
        cmocka_unit_test(missing_values_are_skipped_and_counted),
        cmocka_unit_test(weighted_mean_sd_and_kish_base_by_hand),
        cmocka_unit_test(unit_weights_and_scaled_weights_change_nothing),
        cmocka_unit_test(zero_weights_leave_the_row_out),
        cmocka_unit_test(negative_or_nan_weights_are_data_errors),
        cmocka_unit_test(the_weight_of_a_missing_answer_is_not_read),
        cmocka_unit_test(no_values_is_undefined_not_an_error),
        cmocka_unit_test(one_value_has_a_mean_but_no_sd),
        cmocka_unit_test(a_constant_column_has_sd_exactly_zero),
        cmocka_unit_test(an_infinite_value_is_a_data_error),
        cmocka_unit_test(null_values_with_rows_is_a_script_error),
        cmocka_unit_test(groups_are_described_separately),
        cmocka_unit_test(a_group_code_out_of_range_is_a_data_error),
        cmocka_unit_test(quantiles_are_type_7_as_in_r),
        cmocka_unit_test(quantiles_of_many_values_use_the_radix_sort_correctly),
        cmocka_unit_test(quantiles_of_no_values_are_undefined),
        cmocka_unit_test(a_quantile_probability_outside_0_1_is_a_script_error),
        cmocka_unit_test(top_and_bottom_two_box_shares_by_hand),
        cmocka_unit_test(weighted_box_share_uses_sums_of_weights),
        cmocka_unit_test(a_value_off_the_scale_is_a_data_error_for_box_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
