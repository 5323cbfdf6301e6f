/*
 * test_stats_correlate.c — Pearson, Spearman, matrices, least squares.
 * Sums are worked out by hand in the comments; p-values are checked
 * against the closed form of the t distribution with 3 df, or against
 * Simpson integration of the t density.
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
#define PI 3.14159265358979323846

static void assert_near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* Two-sided p of Student t with 3 df, from its closed-form CDF
 * F(t) = 1/2 + [t/(√3(1 + t²/3)) + atan(t/√3)]/π. */
static double p2_df3(double t)
{
    t = fabs(t);
    double r3 = sqrt(3.0);
    double f = 0.5 + (t / (r3 * (1.0 + t * t / 3.0)) + atan(t / r3)) / PI;
    return 2.0 * (1.0 - f);
}

static void pearson_by_hand(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 5, 95, &c, NULL), CX_OK);
    /* x̄ = 3, ȳ = 4; dx = −2 −1 0 1 2, dy = −2 0 1 0 1.
     * Sxy = 4 + 0 + 0 + 0 + 2 = 6, Sxx = 10, Syy = 6: r = 6/sqrt(60).
     * t = r·sqrt(3)/sqrt(1 − 0.6) = sqrt(0.6·3/0.4) = sqrt(4.5), df 3.
     * Fisher: tanh(atanh(r) ∓ 1.96/sqrt(2)). */
    double r = 6.0 / sqrt(60.0);
    assert_int_equal(c.state, CX_CORR_OK);
    assert_int_equal(c.n, 5);
    assert_near(c.r, r, TOL);
    assert_near(c.df, 3.0, 0.0);
    assert_near(c.t, sqrt(4.5), TOL);
    assert_near(c.p, p2_df3(sqrt(4.5)), 1e-12);
    assert_true(c.ci_defined);
    assert_near(c.ci_lo, tanh(atanh(r) - 1.96 / sqrt(2.0)), TOL);
    assert_near(c.ci_hi, tanh(atanh(r) + 1.96 / sqrt(2.0)), TOL);
}

static double t_density(double u, double df)
{
    double c = exp(lgamma((df + 1.0) / 2.0) - lgamma(df / 2.0)) / sqrt(df * PI);
    return c * pow(1.0 + u * u / df, -(df + 1.0) / 2.0);
}

static void pearson_r_half_with_twenty_pairs_has_p_0_0248(void **state)
{
    (void)state;
    /* x = 1..20, dx = x − 10.5.  e = dx² − mean(dx²) is orthogonal to dx
     * and to 1 (dx is symmetric), so y = dx/|dx| + √3·e/|e| has
     * r = 1/sqrt(1 + 3) = 0.5 exactly in real arithmetic.
     * t = 0.5·sqrt(18)/sqrt(0.75) = sqrt(6), df 18, table p ≈ 0.0248;
     * checked against Simpson integration of the t density. */
    double x[20], y[20], e[20], mdx2 = 0.0, ndx = 0.0, ne = 0.0;
    for (int i = 0; i < 20; i++) {
        x[i] = i + 1;
        mdx2 += (x[i] - 10.5) * (x[i] - 10.5) / 20.0;
    }
    for (int i = 0; i < 20; i++) {
        e[i] = (x[i] - 10.5) * (x[i] - 10.5) - mdx2;
        ndx += (x[i] - 10.5) * (x[i] - 10.5);
        ne += e[i] * e[i];
    }
    for (int i = 0; i < 20; i++)
        y[i] = (x[i] - 10.5) / sqrt(ndx) + sqrt(3.0) * e[i] / sqrt(ne);
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 20, 95, &c, NULL), CX_OK);
    assert_near(c.r, 0.5, 1e-12);
    assert_near(c.t, sqrt(6.0), 1e-11);
    double t = sqrt(6.0), h = t / 20000, s = t_density(0, 18) + t_density(t, 18);
    for (int i = 1; i < 20000; i++)
        s += (i % 2 ? 4.0 : 2.0) * t_density(i * h, 18);
    assert_near(c.p, 1.0 - 2.0 * s * h / 3.0, 1e-11);
    assert_near(c.p, 0.0248, 0.00005);
    assert_near(c.ci_lo, tanh(atanh(0.5) - 1.96 / sqrt(17.0)), 1e-11);
    assert_near(c.ci_hi, tanh(atanh(0.5) + 1.96 / sqrt(17.0)), 1e-11);
}

static void spearman_with_ties_by_hand(void **state)
{
    (void)state;
    double x[] = {1, 2, 2, 3, 4}, y[] = {1, 3, 2, 4, 5};
    cx_corr c;
    assert_int_equal(cx_correlate_spearman(x, y, 5, 95, &c, NULL), CX_OK);
    /* Ranks: x → 1, 2.5, 2.5, 4, 5; y → 1, 3, 2, 4, 5 (means 3).
     * dx = −2 −.5 −.5 1 2, dy = −2 0 −1 1 2:
     * Sxy = 4 + 0 + 0.5 + 1 + 4 = 9.5, Sxx = 9.5, Syy = 10:
     * ρ = 9.5/sqrt(95) = sqrt(0.95).  t = sqrt(0.95·3/0.05) = sqrt(57). */
    assert_int_equal(c.method, CX_CORR_SPEARMAN);
    assert_near(c.r, sqrt(0.95), TOL);
    assert_near(c.t, sqrt(57.0), 1e-8);
    assert_near(c.p, p2_df3(sqrt(57.0)), 1e-12);
}

static void spearman_of_a_monotone_curve_is_one(void **state)
{
    (void)state;
    double x[10], y[10];
    for (int i = 0; i < 10; i++) {
        x[i] = i + 1;
        y[i] = x[i] * x[i] * x[i];
    }
    cx_corr s, p;
    assert_int_equal(cx_correlate_spearman(x, y, 10, 95, &s, NULL), CX_OK);
    assert_true(s.perfect);
    assert_true(s.r == 1.0 && s.p == 0.0 && s.ci_lo == 1.0 && s.ci_hi == 1.0);
    /* Pearson on the cubic is high but not perfect. */
    assert_int_equal(cx_correlate_pearson(x, y, 10, 95, &p, NULL), CX_OK);
    assert_false(p.perfect);
    assert_true(p.r > 0.9 && p.r < 1.0);
}

/* Average rank of v among the m values a[], by counting (O(n²)):
 * #smaller + (#equal + 1)/2 — independent of the module's sorting. */
static double count_rank(const double *a, int m, double v)
{
    int lt = 0, eq = 0;
    for (int i = 0; i < m; i++) {
        lt += a[i] < v;
        eq += a[i] == v;
    }
    return lt + (eq + 1) / 2.0;
}

static void spearman_on_many_values_matches_a_counting_reference(void **state)
{
    (void)state;
    /* 400 rows: continuous values (the radix path) with deliberate
     * exact ties and some missing values.  Reference: ranks by counting
     * over the complete pairs, then ρ = Sxy/sqrt(Sxx·Syy) on them; and,
     * for the tie-free x, the classic 1 − 6Σd²/(n(n²−1)) cross-checks the
     * ranks themselves on a tie-free column pair. */
    enum { N = 400 };
    static double x[N], y[N], cx[N], cy[N];
    uint32_t s = 2463534242u;
    for (int i = 0; i < N; i++) {
        s ^= s << 13, s ^= s >> 17, s ^= s << 5;
        x[i] = (double)(s % 100000) / 977.0;
        s ^= s << 13, s ^= s >> 17, s ^= s << 5;
        y[i] = i % 7 == 0 ? floor(x[i]) : x[i] * 0.3 + (double)(s % 1000) / 31.0;
        if (i % 37 == 5)
            x[i] = NAN;
        if (i % 41 == 9)
            y[i] = NAN;
    }
    int m = 0;
    for (int i = 0; i < N; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            cx[m] = x[i];
            cy[m++] = y[i];
        }
    double rx[N], ry[N], mean = (m + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < m; i++) {
        rx[i] = count_rank(cx, m, cx[i]) - mean;
        ry[i] = count_rank(cy, m, cy[i]) - mean;
        sxy += rx[i] * ry[i];
        sxx += rx[i] * rx[i];
        syy += ry[i] * ry[i];
    }
    cx_corr c;
    assert_int_equal(cx_correlate_spearman(x, y, N, 95, &c, NULL), CX_OK);
    assert_int_equal(c.n, (size_t)m);
    assert_near(c.r, sxy / sqrt(sxx * syy), 1e-12);

    /* Tie-free: x against a scrambled copy of itself; 1 − 6Σd²/(n(n²−1)). */
    static double u[N], v[N];
    for (int i = 0; i < N; i++) {
        u[i] = i * 1.25 + 0.5;
        v[i] = ((i * 151) % N) * 0.75;
    }
    double d2 = 0;
    for (int i = 0; i < N; i++) {
        double d = count_rank(u, N, u[i]) - count_rank(v, N, v[i]);
        d2 += d * d;
    }
    assert_int_equal(cx_correlate_spearman(u, v, N, 95, &c, NULL), CX_OK);
    assert_near(c.r, 1.0 - 6.0 * d2 / ((double)N * ((double)N * N - 1.0)), 1e-12);
}

static void pairs_with_a_missing_value_are_skipped(void **state)
{
    (void)state;
    double x[] = {1, 2, NAN, 4, 5, 6}, y[] = {2, 4, 100, NAN, 5, 4};
    cx_corr c, s;
    /* Complete pairs: (1,2) (2,4) (5,5) (6,4).  x̄ = 3.5, ȳ = 3.75;
     * dx = −2.5 −1.5 1.5 2.5; dy = −1.75 .25 1.25 .25;
     * Sxy = 4.375 − .375 + 1.875 + .625 = 6.5; Sxx = 17; Syy = 4.75. */
    assert_int_equal(cx_correlate_pearson(x, y, 6, 95, &c, NULL), CX_OK);
    assert_int_equal(c.n, 4);
    assert_near(c.r, 6.5 / sqrt(17.0 * 4.75), TOL);
    /* Spearman ranks over the complete pairs only (the 100 is dropped):
     * x → 1 2 3 4; y (2 4 5 4) → 1 2.5 4 2.5.  dx = −1.5 −.5 .5 1.5,
     * dy = −1.5 0 1.5 0: Sxy = 2.25 + .75 = 3, Sxx = 5, Syy = 4.5. */
    assert_int_equal(cx_correlate_spearman(x, y, 6, 95, &s, NULL), CX_OK);
    assert_int_equal(s.n, 4);
    assert_near(s.r, 3.0 / sqrt(22.5), TOL);
}

static void fewer_than_three_pairs_leave_r_undefined(void **state)
{
    (void)state;
    double x[] = {1, 2, NAN}, y[] = {3, 5, 7};
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 3, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_TOO_FEW);
    assert_int_equal(c.n, 2);
    assert_true(c.r == 0.0 && c.p == 0.0 && !c.ci_defined);
    assert_int_equal(cx_correlate_pearson(NULL, NULL, 0, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_TOO_FEW);
    assert_int_equal(cx_correlate_spearman(x, y, 3, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_TOO_FEW);
}

static void a_constant_variable_leaves_r_undefined(void **state)
{
    (void)state;
    double x[] = {0.1, 0.1, 0.1, 0.1}, y[] = {1, 2, 3, 4};
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 4, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_NO_VARIANCE);
    assert_true(c.r == 0.0 && !isnan(c.p));
    assert_int_equal(cx_correlate_spearman(y, x, 4, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_NO_VARIANCE);
}

static void a_perfect_negative_line_has_p_zero_and_a_point_interval(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, 6}, y[6];
    for (int i = 0; i < 6; i++)
        y[i] = -2.0 * x[i] + 0.3;
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 6, 95, &c, NULL), CX_OK);
    assert_int_equal(c.state, CX_CORR_OK);
    assert_true(c.perfect);
    assert_true(c.r == -1.0);
    assert_true(c.p == 0.0);
    assert_true(c.ci_defined && c.ci_lo == -1.0 && c.ci_hi == -1.0);
    assert_true(isinf(c.t) && c.t < 0);
}

static void three_pairs_have_a_p_value_but_no_interval(void **state)
{
    (void)state;
    double x[] = {1, 2, 3}, y[] = {1, 3, 2};
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(x, y, 3, 95, &c, NULL), CX_OK);
    /* dx = −1 0 1, dy = −1 1 0: Sxy = 1, Sxx = Syy = 2 → r = 0.5;
     * df 1: t = 0.5/sqrt(0.75); p = 2·atan(1/t)/π (Cauchy). */
    double t = 0.5 / sqrt(0.75);
    assert_near(c.r, 0.5, TOL);
    assert_near(c.p, 2.0 * atan(1.0 / t) / PI, 1e-12);
    assert_false(c.ci_defined);
}

static void bad_arguments_are_errors(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, INFINITY}, y[] = {1, 2, 3, 4};
    cx_corr c;
    assert_int_equal(cx_correlate_pearson(y, y, 4, 85, &c, NULL), CX_ESCRIPT);
    assert_int_equal(cx_correlate_pearson(x, y, 4, 95, &c, NULL), CX_EDATA);
    assert_int_equal(cx_correlate_pearson(NULL, y, 4, 95, &c, NULL), CX_ESCRIPT);
}

static void the_matrix_matches_pairwise_results(void **state)
{
    (void)state;
    double a[] = {1, 2, 3, 4, 5, 6, 7, NAN}, b[] = {2, 1, 4, 3, 6, NAN, 8, 7},
           c[] = {9, 7, 8, 5, 4, 3, 1, 2}, k[] = {5, 5, 5, 5, 5, 5, 5, 5};
    const double *cols[] = {a, b, c, k};
    cx_corr m[16], one;
    for (int method = 0; method < 2; method++) {
        assert_int_equal(cx_correlate_matrix(cols, 4, 8, (cx_corr_method)method, 95, m, NULL),
                         CX_OK);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) {
                const cx_corr *e = &m[i * 4 + j];
                assert_int_equal(e->method, method);
                if (i == j) {
                    assert_int_equal(e->state, i == 3 ? CX_CORR_NO_VARIANCE : CX_CORR_OK);
                    if (i != 3)
                        assert_true(e->perfect && e->r == 1.0);
                    continue;
                }
                if (method == CX_CORR_PEARSON)
                    cx_correlate_pearson(cols[i], cols[j], 8, 95, &one, NULL);
                else
                    cx_correlate_spearman(cols[i], cols[j], 8, 95, &one, NULL);
                assert_int_equal(e->state, one.state);
                assert_int_equal(e->n, one.n);
                assert_near(e->r, one.r, 1e-12);
                assert_near(e->p, one.p, 1e-12);
                const cx_corr *f = &m[j * 4 + i];
                assert_true(f->state == e->state && f->n == e->n && f->r == e->r &&
                            f->p == e->p && f->ci_lo == e->ci_lo && f->ci_hi == e->ci_hi);
            }
    }
    /* a vs b: complete rows 0..4 and 6 → n = 6. */
    assert_int_equal(m[0 * 4 + 1].n, 6);
}

static void least_squares_line_by_hand(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, NAN}, y[] = {2, 4, 5, 4, 5, 9};
    cx_line l;
    assert_int_equal(cx_correlate_line(x, y, 6, &l, NULL), CX_OK);
    /* Sxy = 6, Sxx = 10, Syy = 6 (as above): b = 0.6, a = 4 − 0.6·3 = 2.2;
     * b = r·s_y/s_x = (6/sqrt(60))·sqrt(6/4)/sqrt(10/4) = 0.6; R² = 0.6. */
    assert_true(l.defined);
    assert_int_equal(l.n, 5);
    assert_near(l.b, 0.6, TOL);
    assert_near(l.a, 2.2, TOL);
    assert_near(l.b, (6.0 / sqrt(60.0)) * sqrt(6.0 / 4.0) / sqrt(10.0 / 4.0), TOL);
    assert_true(l.r2_defined);
    assert_near(l.r2, 0.6, TOL);
    assert_near(l.mean_x, 3.0, TOL);
}

static void a_line_needs_x_to_vary(void **state)
{
    (void)state;
    double x[] = {2, 2, 2}, y[] = {1, 2, 3}, flat[] = {4, 4, 4}, xs[] = {1, 2, 3};
    cx_line l;
    assert_int_equal(cx_correlate_line(x, y, 3, &l, NULL), CX_OK);
    assert_false(l.defined);
    /* A flat y is a horizontal line: b = 0, a = 4, R² undefined. */
    assert_int_equal(cx_correlate_line(xs, flat, 3, &l, NULL), CX_OK);
    assert_true(l.defined);
    assert_near(l.b, 0.0, 0.0);
    assert_near(l.a, 4.0, TOL);
    assert_false(l.r2_defined);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pearson_by_hand),
        cmocka_unit_test(pearson_r_half_with_twenty_pairs_has_p_0_0248),
        cmocka_unit_test(spearman_with_ties_by_hand),
        cmocka_unit_test(spearman_of_a_monotone_curve_is_one),
        cmocka_unit_test(spearman_on_many_values_matches_a_counting_reference),
        cmocka_unit_test(pairs_with_a_missing_value_are_skipped),
        cmocka_unit_test(fewer_than_three_pairs_leave_r_undefined),
        cmocka_unit_test(a_constant_variable_leaves_r_undefined),
        cmocka_unit_test(a_perfect_negative_line_has_p_zero_and_a_point_interval),
        cmocka_unit_test(three_pairs_have_a_p_value_but_no_interval),
        cmocka_unit_test(bad_arguments_are_errors),
        cmocka_unit_test(the_matrix_matches_pairwise_results),
        cmocka_unit_test(least_squares_line_by_hand),
        cmocka_unit_test(a_line_needs_x_to_vary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
