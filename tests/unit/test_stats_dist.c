/*
 * test_stats_dist.c — normal and Student t distributions, incomplete beta.
 * Every expected value is a published constant or an exact closed form
 * evaluated with libm, never the module's own output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cxreport/stats.h"

#define PI 3.14159265358979323846

static void assert_rel(double got, double want, double rel)
{
    double err = fabs(got - want) / (fabs(want) > 0 ? fabs(want) : 1.0);
    if (!(err <= rel))
        fail_msg("got %.17g, want %.17g (relative error %.3g > %.3g)", got, want, err, rel);
}

static void normal_cdf_of_1_96_is_the_published_value(void **state)
{
    (void)state;
    /* Φ(1.96) = 0.9750021048517795 (standard table value, 16 digits). */
    assert_rel(cx_dist_normal_cdf(1.96), 0.9750021048517795, 1e-15);
    assert_rel(cx_dist_normal_cdf(-1.96), 1.0 - 0.9750021048517795, 1e-13);
    assert_rel(cx_dist_normal_cdf(0.0), 0.5, 0.0);
}

static void normal_tail_keeps_its_relative_precision(void **state)
{
    (void)state;
    /* 1 − Φ(10) = erfc(10/√2)/2 = 7.61985302416052606597e-24 (30-digit
     * evaluation); 1 − cdf would give 0. */
    assert_rel(cx_dist_normal_sf(10.0), 7.61985302416052606597e-24, 1e-13);
    assert_rel(cx_dist_normal_cdf(-10.0), 7.61985302416052606597e-24, 1e-13);
}

static void normal_quantile_gives_the_textbook_critical_values(void **state)
{
    (void)state;
    /* Published critical values: z(0.975) = 1.959963984540054,
     * z(0.95) = 1.6448536269514722, z(0.995) = 2.5758293035489004. */
    assert_rel(cx_dist_normal_quantile(0.975), 1.959963984540054, 1e-14);
    assert_rel(cx_dist_normal_quantile(0.95), 1.6448536269514722, 1e-14);
    assert_rel(cx_dist_normal_quantile(0.995), 2.5758293035489004, 1e-14);
    assert_rel(cx_dist_normal_quantile(0.025), -1.959963984540054, 1e-14);
    assert_true(cx_dist_normal_quantile(0.5) == 0.0);
}

static void normal_quantile_inverts_the_cdf_in_the_far_tails(void **state)
{
    (void)state;
    double ps[] = {1e-300, 1e-12, 1e-5, 0.3, 0.7, 1.0 - 1e-10};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        double x = cx_dist_normal_quantile(ps[i]);
        /* Invert with libm's erfc directly (independent of the module). */
        double back = 0.5 * erfc(-x / sqrt(2.0));
        assert_rel(back, ps[i], 1e-12);
    }
}

static void normal_quantile_out_of_domain_is_nan_or_infinite(void **state)
{
    (void)state;
    assert_true(isnan(cx_dist_normal_quantile(-0.1)));
    assert_true(isnan(cx_dist_normal_quantile(1.5)));
    assert_true(isnan(cx_dist_normal_quantile(NAN)));
    assert_true(cx_dist_normal_quantile(0.0) == -HUGE_VAL);
    assert_true(cx_dist_normal_quantile(1.0) == HUGE_VAL);
}

static void t_with_1_df_is_the_cauchy_closed_form(void **state)
{
    (void)state;
    /* df = 1: P(|T| >= t) = 1 − 2·atan(t)/π = 2·atan(1/t)/π (t > 0),
     * the second form free of cancellation. */
    double ts[] = {1e-6, 0.1, 0.5, 1.0, 2.0, 6.3137515146750, 10.0, 1e3, 1e8};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
        assert_rel(cx_dist_t_p2(ts[i], 1.0), 2.0 * atan(1.0 / ts[i]) / PI, 1e-12);
    /* t(0.95, 1) = 6.3137515146750: one-sided 0.05, two-sided 0.10. */
    assert_rel(cx_dist_t_p2(6.3137515146750, 1.0), 0.10, 1e-12);
}

static void t_with_2_df_is_its_closed_form(void **state)
{
    (void)state;
    /* df = 2: P(|T| >= t) = 1 − t/sqrt(2 + t²)
     *                     = 2 / (sqrt(2+t²)·(sqrt(2+t²) + t)). */
    double ts[] = {1e-6, 0.3, 1.0, 2.0, 4.3, 25.0, 1e4};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        double s = sqrt(2.0 + ts[i] * ts[i]);
        assert_rel(cx_dist_t_p2(ts[i], 2.0), 2.0 / (s * (s + ts[i])), 1e-12);
    }
    /* The 5 % critical value solves t/sqrt(2 + t²) = 0.95:
     * t² = 0.9025·2/(1 − 0.9025) = 1.805/0.0975, t = 4.3026527297… (the
     * table's 4.303). */
    double t05 = sqrt(1.805 / 0.0975);
    assert_true(fabs(t05 - 4.303) < 0.0005);
    assert_rel(cx_dist_t_p2(t05, 2.0), 0.05, 1e-12);
}

static void t_cdf_with_3_df_is_its_closed_form(void **state)
{
    (void)state;
    /* df = 3: F(t) = 1/2 + [t/(√3(1 + t²/3)) + atan(t/√3)]/π. */
    double ts[] = {-4.0, -1.7, -0.2, 0.0, 0.2, 1.7, 3.182446305284263};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        double t = ts[i], r3 = sqrt(3.0);
        double want = 0.5 + (t / (r3 * (1.0 + t * t / 3.0)) + atan(t / r3)) / PI;
        assert_rel(cx_dist_t_cdf(t, 3.0), want, 1e-12);
    }
    /* Table: t(0.975, 3) = 3.182446305284263. */
    assert_rel(cx_dist_t_cdf(3.182446305284263, 3.0), 0.975, 1e-12);
}

/* Student t density with df degrees of freedom, from libm's lgamma. */
static double t_density(double u, double df)
{
    double c = exp(lgamma((df + 1.0) / 2.0) - lgamma(df / 2.0)) / sqrt(df * PI);
    return c * pow(1.0 + u * u / df, -(df + 1.0) / 2.0);
}

static void t_p_for_r_0_5_with_n_20_matches_numeric_integration(void **state)
{
    (void)state;
    /* r = 0.5, n = 20: t = 0.5·sqrt(18)/sqrt(0.75) = sqrt(6) = 2.4494897…,
     * df = 18; table p ≈ 0.0248.  Independent check: p = 1 − 2∫₀ᵗ f(u)du
     * by Simpson's rule with 20,000 panels (error ~1e-16). */
    double t = sqrt(6.0), df = 18.0;
    int panels = 20000;
    double h = t / panels, s = t_density(0.0, df) + t_density(t, df);
    for (int i = 1; i < panels; i++)
        s += (i % 2 ? 4.0 : 2.0) * t_density(i * h, df);
    double p = 1.0 - 2.0 * s * h / 3.0;
    assert_rel(cx_dist_t_p2(t, df), p, 1e-11);
    assert_true(fabs(cx_dist_t_p2(t, df) - 0.0248) < 0.00005);
}

static void t_with_huge_df_approaches_the_normal(void **state)
{
    (void)state;
    /* df = 999,998, t = 2: 0.04550053385185912 (30-digit quadrature of
     * the t density); the normal value 2(1 − Φ(2)) = 0.0455002638963584
     * differs in the 6th digit, so this checks the large-df path.
     * df = 99,998, t = √6: 0.014307581332347236 (30-digit value). */
    assert_rel(cx_dist_t_p2(2.0, 999998.0), 0.04550053385185912, 1e-14);
    assert_rel(cx_dist_t_p2(sqrt(6.0), 99998.0), 0.014307581332347236, 1e-14);
    assert_rel(cx_dist_t_p2(2.0, INFINITY), erfc(2.0 / sqrt(2.0)), 1e-15);
}

static void t_p_is_symmetric_and_bounded(void **state)
{
    (void)state;
    assert_true(cx_dist_t_p2(0.0, 5.0) == 1.0);
    assert_rel(cx_dist_t_p2(-2.5, 7.0), cx_dist_t_p2(2.5, 7.0), 0.0);
    assert_true(cx_dist_t_p2(INFINITY, 7.0) == 0.0);
    assert_rel(cx_dist_t_cdf(1.3, 9.0) + cx_dist_t_cdf(-1.3, 9.0), 1.0, 1e-15);
    assert_true(isnan(cx_dist_t_p2(1.0, 0.0)));
    assert_true(isnan(cx_dist_t_p2(NAN, 3.0)));
}

static void incomplete_beta_matches_its_closed_forms(void **state)
{
    (void)state;
    /* I_x(1,1) = x;  I_x(a,1) = x^a;  I_x(1,b) = 1 − (1−x)^b. */
    double xs[] = {0.0, 0.01, 0.3, 0.5, 0.77, 0.999, 1.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double x = xs[i];
        assert_rel(cx_dist_beta_reg(1.0, 1.0, x), x, 1e-14);
        assert_rel(cx_dist_beta_reg(3.5, 1.0, x), pow(x, 3.5), 1e-13);
        assert_rel(cx_dist_beta_reg(1.0, 4.0, x), 1.0 - pow(1.0 - x, 4.0), 1e-13);
    }
    /* Symmetry I_x(a,b) = 1 − I_{1−x}(b,a), and I_½(a,a) = ½ (with both
     * arguments large the log-beta prefactor carries ~1e-14). */
    assert_rel(cx_dist_beta_reg(2.5, 7.0, 0.4) + cx_dist_beta_reg(7.0, 2.5, 0.6), 1.0, 1e-14);
    assert_rel(cx_dist_beta_reg(40.0, 40.0, 0.5), 0.5, 1e-13);
    assert_true(isnan(cx_dist_beta_reg(-1.0, 1.0, 0.5)));
    assert_true(isnan(cx_dist_beta_reg(1.0, 1.0, 1.5)));
}

static void confidence_levels_map_to_the_spec_z_values(void **state)
{
    (void)state;
    cx_diag d;
    double z = 0.0;
    cx_diag_clear(&d);
    assert_int_equal(cx_dist_confidence_z(90, &z, &d), CX_OK);
    assert_true(z == 1.645);
    assert_int_equal(cx_dist_confidence_z(95, &z, &d), CX_OK);
    assert_true(z == 1.960);
    assert_int_equal(cx_dist_confidence_z(99, &z, &d), CX_OK);
    assert_true(z == 2.576);
    assert_int_equal(cx_dist_confidence_z(80, &z, &d), CX_ESCRIPT);
    assert_int_equal(d.status, CX_ESCRIPT);
    assert_non_null(strstr(d.message, "80"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normal_cdf_of_1_96_is_the_published_value),
        cmocka_unit_test(normal_tail_keeps_its_relative_precision),
        cmocka_unit_test(normal_quantile_gives_the_textbook_critical_values),
        cmocka_unit_test(normal_quantile_inverts_the_cdf_in_the_far_tails),
        cmocka_unit_test(normal_quantile_out_of_domain_is_nan_or_infinite),
        cmocka_unit_test(t_with_1_df_is_the_cauchy_closed_form),
        cmocka_unit_test(t_with_2_df_is_its_closed_form),
        cmocka_unit_test(t_cdf_with_3_df_is_its_closed_form),
        cmocka_unit_test(t_p_for_r_0_5_with_n_20_matches_numeric_integration),
        cmocka_unit_test(t_with_huge_df_approaches_the_normal),
        cmocka_unit_test(t_p_is_symmetric_and_bounded),
        cmocka_unit_test(incomplete_beta_matches_its_closed_forms),
        cmocka_unit_test(confidence_levels_map_to_the_spec_z_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
