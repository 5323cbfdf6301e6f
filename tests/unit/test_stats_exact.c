/*
 * test_stats_exact.c — the 1e-9 "mathematically equal" comparison.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "cxreport/stats.h"

static void values_within_1e9_compare_equal(void **state)
{
    (void)state;
    assert_int_equal(cx_exact_cmp(32.0, 32.0 + 5e-10), 0);
    assert_int_equal(cx_exact_cmp(32.0 + 5e-10, 32.0), 0);
    assert_true(cx_exact_eq(40.0, 39.99999999999999));
}

static void values_further_apart_than_1e9_are_ordered(void **state)
{
    (void)state;
    assert_int_equal(cx_exact_cmp(32.0, 32.0 + 2e-9), -1);
    assert_int_equal(cx_exact_cmp(32.0 + 2e-9, 32.0), 1);
    assert_false(cx_exact_eq(0.0, 1e-8));
}

static void two_paths_to_the_same_nps_compare_equal(void **state)
{
    (void)state;
    /* n = 6, P = 3, D = 1: NPS = 100·2/6 = 33.3…  Computed as one
     * division and as the difference of the two shares, the doubles
     * differ in the last bits (33.333333333333336 vs 33.333333333333329). */
    double one = 100.0 * (3 - 1) / 6;
    double two = 100.0 * 3 / 6 - 100.0 * 1 / 6;
    assert_true(one != two);
    assert_int_equal(cx_exact_cmp(one, two), 0);
}

static void nan_sorts_after_every_number_and_equals_nan(void **state)
{
    (void)state;
    assert_int_equal(cx_exact_cmp(NAN, 1e300), 1);
    assert_int_equal(cx_exact_cmp(-1e300, NAN), -1);
    assert_int_equal(cx_exact_cmp(NAN, NAN), 0);
    assert_int_equal(cx_exact_cmp(INFINITY, INFINITY), 0);
    assert_int_equal(cx_exact_cmp(-INFINITY, INFINITY), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_within_1e9_compare_equal),
        cmocka_unit_test(values_further_apart_than_1e9_are_ordered),
        cmocka_unit_test(two_paths_to_the_same_nps_compare_equal),
        cmocka_unit_test(nan_sorts_after_every_number_and_equals_nan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
