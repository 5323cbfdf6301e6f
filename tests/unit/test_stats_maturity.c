/*
 * test_stats_maturity.c — maturity models: checking, scoring, bands,
 * benchmarks.  The models are the spec's shipped ones, written as data.
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

/* CX competencies (spec §5): 4 dimensions × 5 items, 1–5. */
static const size_t PL[] = {0, 1, 2, 3, 4}, CBV[] = {5, 6, 7, 8, 9},
                    EE[] = {10, 11, 12, 13, 14}, CC[] = {15, 16, 17, 18, 19};
static const cx_maturity_dim CX_DIMS[] = {
    {"pl", "Purposeful Leadership", PL, 5, 1.0},
    {"cbv", "Compelling Brand Values", CBV, 5, 1.0},
    {"ee", "Employee Engagement", EE, 5, 1.0},
    {"cc", "Customer Connectedness", CC, 5, 1.0},
};
static const cx_band RATINGS[] = {
    {30, "Very weak"}, {50, "Weak"}, {65, "Okay"}, {80, "Good"}, {0, "Very good"},
};
static const cx_band CX_LEVELS[] = {
    {25, "Ignore"}, {40, "Explore"}, {55, "Mobilize"},
    {70, "Operationalize"}, {85, "Align"}, {0, "Embed"},
};
static const cx_maturity_model CX_MODEL = {
    "CX competencies", 1, 5, 20, CX_DIMS, 4, RATINGS, 5, CX_LEVELS, 6,
};

static void fill(double *a, size_t from, const double *v, size_t n)
{
    memcpy(a + from, v, n * sizeof *v);
}

static void a_dimension_score_rescales_the_mean_to_0_100(void **state)
{
    (void)state;
    double a[20];
    for (int i = 0; i < 20; i++)
        a[i] = 5;
    double pl[] = {1, 2, 3, 4, 5};
    fill(a, 0, pl, 5);
    cx_mscore dims[4], overall;
    assert_int_equal(cx_maturity_score_row(&CX_MODEL, a, dims, &overall, NULL), CX_OK);
    /* pl: mean 3 → 100·(3 − 1)/(5 − 1) = 50 → "Okay" (index 2, [50, 65)).
     * Others all 5 → 100 → "Very good".  Overall (50 + 3·100)/4 = 87.5
     * → "Embed". */
    assert_true(dims[0].defined);
    assert_near(dims[0].score, 50.0, 0.0);
    assert_int_equal(dims[0].band, 2);
    assert_near(dims[1].score, 100.0, 0.0);
    assert_int_equal(dims[1].band, 4);
    assert_true(overall.defined);
    assert_near(overall.score, 87.5, TOL);
    assert_int_equal(overall.band, 5);
    assert_int_equal(overall.answered, 4);
}

static void a_mean_of_2_6_scores_exactly_40_and_is_mobilize(void **state)
{
    (void)state;
    /* Every dimension answers 2, 2, 3, 3, 3: sum 13, mean 2.6,
     * 100·(13 − 5·1)/(5·4) = 800/20 = 40 exactly → rating "Weak"
     * ([30, 50)), overall 40 → level "Mobilize", the band starting at 40. */
    double a[20], v[] = {2, 2, 3, 3, 3};
    for (int k = 0; k < 4; k++)
        fill(a, (size_t)(5 * k), v, 5);
    cx_mscore dims[4], overall;
    assert_int_equal(cx_maturity_score_row(&CX_MODEL, a, dims, &overall, NULL), CX_OK);
    for (int k = 0; k < 4; k++) {
        assert_true(dims[k].score == 40.0);
        assert_int_equal(dims[k].band, 1);
    }
    assert_near(overall.score, 40.0, TOL);
    assert_int_equal(overall.band, 2);
    assert_string_equal(CX_LEVELS[overall.band].name, "Mobilize");
}

static void a_score_exact_in_rationals_is_exact_in_doubles(void **state)
{
    (void)state;
    /* On a 1–7 scale, 5 answers summing 14 (mean 2.8):
     * 100·(14 − 5)/(5·6) = 900/30 = 30 exactly.  The naive
     * 100·(14/5 − 1)/6 gives 29.999999999999996 in doubles, which would
     * fall into "Very weak"; the integer path gives 30 → "Weak". */
    static const size_t items[] = {0, 1, 2, 3, 4};
    static const cx_maturity_dim dim[] = {{"d", "D", items, 5, 1.0}};
    cx_maturity_model m = {"seven", 1, 7, 5, dim, 1, RATINGS, 5, CX_LEVELS, 6};
    double a[] = {1, 2, 3, 4, 4};
    double naive = 100.0 * (14.0 / 5.0 - 1.0) / 6.0;
    assert_true(naive < 30.0);
    cx_mscore ds, overall;
    assert_int_equal(cx_maturity_score_row(&m, a, &ds, &overall, NULL), CX_OK);
    assert_true(ds.score == 30.0);
    assert_int_equal(ds.band, 1);
    assert_string_equal(RATINGS[ds.band].name, "Weak");
}

static void bands_treat_float_noise_at_a_boundary_as_the_boundary(void **state)
{
    (void)state;
    /* 64.99 is "Okay"; 65 − 1e-12 is 65 in exact arithmetic → "Good";
     * 80 is "Very good" (the open-ended last band); 0 is "Very weak". */
    assert_int_equal(cx_maturity_band(RATINGS, 5, 64.99), 2);
    assert_int_equal(cx_maturity_band(RATINGS, 5, 65.0 - 1e-12), 3);
    assert_int_equal(cx_maturity_band(RATINGS, 5, 65.0), 3);
    assert_int_equal(cx_maturity_band(RATINGS, 5, 80.0), 4);
    assert_int_equal(cx_maturity_band(RATINGS, 5, 100.0), 4);
    assert_int_equal(cx_maturity_band(RATINGS, 5, 0.0), 0);
    assert_int_equal(cx_maturity_band_find(RATINGS, 5, "Good"), 3);
    assert_int_equal(cx_maturity_band_find(RATINGS, 5, "Excellent"), -1);
}

static void fewer_than_half_the_items_leave_a_dimension_unscored(void **state)
{
    (void)state;
    /* A 4-item dimension: 2 answered (exactly half) is scored, 1 is not. */
    static const size_t i0[] = {0, 1, 2, 3}, i1[] = {4, 5, 6, 7};
    static const cx_maturity_dim dims[] = {{"a", "A", i0, 4, 1.0}, {"b", "B", i1, 4, 1.0}};
    cx_maturity_model m = {"four", 1, 5, 8, dims, 2, RATINGS, 5, CX_LEVELS, 6};
    double a[] = {4, NAN, 5, NAN, 3, NAN, NAN, NAN};
    cx_mscore ds[2], overall;
    assert_int_equal(cx_maturity_score_row(&m, a, ds, &overall, NULL), CX_OK);
    /* a: {4, 5} mean 4.5 → 100·(9 − 2)/(2·4) = 87.5.  b: one answer → none. */
    assert_true(ds[0].defined);
    assert_near(ds[0].score, 87.5, 0.0);
    assert_int_equal(ds[0].answered, 2);
    assert_false(ds[1].defined);
    assert_int_equal(ds[1].answered, 1);
    assert_true(ds[1].score == 0.0);
    /* One unscored dimension leaves the overall score undefined. */
    assert_false(overall.defined);
    assert_int_equal(overall.answered, 1);
}

static void three_of_five_items_are_enough_two_are_not(void **state)
{
    (void)state;
    double a[20];
    for (int i = 0; i < 20; i++)
        a[i] = 3;
    a[0] = a[1] = NAN;              /* pl: 3 of 5 answered */
    a[5] = a[6] = a[7] = NAN;       /* cbv: 2 of 5 answered */
    cx_mscore ds[4], overall;
    assert_int_equal(cx_maturity_score_row(&CX_MODEL, a, ds, &overall, NULL), CX_OK);
    assert_true(ds[0].defined);
    assert_false(ds[1].defined);
    assert_false(overall.defined);
}

static void dimension_weights_weight_the_overall_mean(void **state)
{
    (void)state;
    static const size_t i0[] = {0}, i1[] = {1};
    static const cx_maturity_dim dims[] = {{"a", "A", i0, 1, 1.0}, {"b", "B", i1, 1, 3.0}};
    cx_maturity_model m = {"w", 1, 5, 2, dims, 2, RATINGS, 5, CX_LEVELS, 6};
    double a[] = {1, 5};
    cx_mscore ds[2], overall;
    assert_int_equal(cx_maturity_score_row(&m, a, ds, &overall, NULL), CX_OK);
    /* a = 0, b = 100, weights 1 and 3: (0·1 + 100·3)/4 = 75 → "Align". */
    assert_near(overall.score, 75.0, TOL);
    assert_int_equal(overall.band, 4);
}

static void fractional_answers_take_the_general_path(void **state)
{
    (void)state;
    static const size_t i0[] = {0, 1};
    static const cx_maturity_dim dims[] = {{"a", "A", i0, 2, 1.0}};
    cx_maturity_model m = {"f", 1, 5, 2, dims, 1, RATINGS, 5, CX_LEVELS, 6};
    double a[] = {2.5, 3.5};
    cx_mscore ds, overall;
    assert_int_equal(cx_maturity_score_row(&m, a, &ds, &overall, NULL), CX_OK);
    /* mean 3 → 50. */
    assert_near(ds.score, 50.0, TOL);
}

static void an_answer_off_the_scale_is_a_data_error(void **state)
{
    (void)state;
    double a[20];
    for (int i = 0; i < 20; i++)
        a[i] = 3;
    a[7] = 6;
    cx_mscore ds[4], overall;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_maturity_score_row(&CX_MODEL, a, ds, &overall, &d), CX_EDATA);
    assert_non_null(strstr(d.message, "item 8"));
    assert_false(overall.defined);
    a[7] = 0;
    assert_int_equal(cx_maturity_score_row(&CX_MODEL, a, ds, &overall, NULL), CX_EDATA);
}

static void malformed_models_are_script_errors(void **state)
{
    (void)state;
    static const size_t bad_item[] = {0, 25};
    static const cx_maturity_dim d_bad[] = {{"x", "X", bad_item, 2, 1.0}};
    static const cx_maturity_dim d_w0[] = {{"x", "X", PL, 5, 0.0}};
    static const cx_band unordered[] = {{50, "a"}, {30, "b"}, {0, "c"}};
    cx_maturity_model m;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_maturity_check(&CX_MODEL, &d), CX_OK);
    m = CX_MODEL;
    m.ndims = 0;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
    m = CX_MODEL;
    m.dims = d_bad;
    m.ndims = 1;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
    assert_non_null(strstr(d.message, "item 25"));
    m = CX_MODEL;
    m.dims = d_w0;
    m.ndims = 1;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
    m = CX_MODEL;
    m.ratings = unordered;
    m.nratings = 3;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
    m = CX_MODEL;
    m.scale_min = 5;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
    m = CX_MODEL;
    m.nlevels = 0;
    assert_int_equal(cx_maturity_check(&m, &d), CX_ESCRIPT);
}

static void columns_score_like_rows(void **state)
{
    (void)state;
    enum { ORGS = 7 };
    static double col[20][ORGS];
    const double *cols[20];
    for (int i = 0; i < 20; i++) {
        for (int o = 0; o < ORGS; o++)
            col[i][o] = (o * 7 + i * 3) % 11 == 0 ? NAN : (double)(1 + (o + i * i) % 5);
        cols[i] = col[i];
    }
    cx_mscore dims[ORGS * 4], overall[ORGS];
    assert_int_equal(cx_maturity_score_columns(&CX_MODEL, cols, ORGS, dims, overall, NULL), CX_OK);
    for (int o = 0; o < ORGS; o++) {
        double row[20];
        for (int i = 0; i < 20; i++)
            row[i] = col[i][o];
        cx_mscore rd[4], ro;
        assert_int_equal(cx_maturity_score_row(&CX_MODEL, row, rd, &ro, NULL), CX_OK);
        for (int k = 0; k < 4; k++) {
            assert_int_equal(rd[k].defined, dims[o * 4 + k].defined);
            assert_true(rd[k].score == dims[o * 4 + k].score);
            assert_int_equal(rd[k].band, dims[o * 4 + k].band);
        }
        assert_true(ro.score == overall[o].score);
    }
}

static cx_mscore ms(double score)
{
    cx_mscore s = {true, score, 0, 5};
    return s;
}

static void benchmark_quartiles_percentile_and_shares_by_hand(void **state)
{
    (void)state;
    /* A one-dimension model, peers' scores 10 40 50 70 90 plus one peer
     * with no score.  Type 7 with n = 5: h = 4p → Q1 = x[1] = 40,
     * median = 50, Q3 = x[3] = 70.  Client 50: below 2, equal 1 →
     * 100·(2 + 0.5)/5 = 50.  Ratings: 10 Very weak, 40 Weak, 50 Okay,
     * 70 Good, 90 Very good → 20 % each; Good or better: 2/5 = 40 %. */
    static const size_t i0[] = {0};
    static const cx_maturity_dim dims[] = {{"a", "A", i0, 1, 1.0}};
    cx_maturity_model m = {"b", 1, 5, 1, dims, 1, RATINGS, 5, CX_LEVELS, 6};
    cx_mscore peers[6] = {ms(70), ms(10), ms(90), ms(50), ms(40), {false, 0, 0, 0}};
    cx_mscore client = ms(50);
    cx_maturity_stat ds, os;
    long good = cx_maturity_band_find(RATINGS, 5, "Good");
    long align = cx_maturity_band_find(CX_LEVELS, 6, "Align");
    assert_int_equal(cx_maturity_benchmark(&m, peers, peers, 6, &client, &client, (size_t)good,
                                           (size_t)align, &ds, &os, NULL),
                     CX_OK);
    assert_int_equal(ds.n, 5);
    assert_near(ds.q1, 40.0, TOL);
    assert_near(ds.median, 50.0, TOL);
    assert_near(ds.q3, 70.0, TOL);
    assert_near(ds.mean, (10 + 40 + 50 + 70 + 90) / 5.0, TOL);
    assert_true(ds.client_defined);
    assert_near(ds.client_pct_rank, 50.0, TOL);
    assert_int_equal(ds.client_band, 2);
    for (int b = 0; b < 5; b++)
        assert_near(ds.band_pct[b], 20.0, TOL);
    assert_near(ds.at_or_above_pct, 40.0, TOL);
    /* The same scores as overall levels: 10 Ignore, 40 Mobilize,
     * 50 Mobilize, 70 Align, 90 Embed → Align or above 2/5 = 40 %. */
    assert_near(os.band_pct[0], 20.0, TOL);
    assert_near(os.band_pct[2], 40.0, TOL);
    assert_near(os.band_pct[1], 0.0, TOL);
    assert_near(os.at_or_above_pct, 40.0, TOL);
}

static void benchmark_without_client_or_peers(void **state)
{
    (void)state;
    cx_maturity_stat ds[4], os;
    assert_int_equal(cx_maturity_benchmark(&CX_MODEL, NULL, NULL, 0, NULL, NULL, 3, 4, ds, &os,
                                           NULL),
                     CX_OK);
    assert_false(ds[0].defined);
    assert_false(os.defined);
    assert_false(os.client_defined);
    assert_int_equal(cx_maturity_benchmark(&CX_MODEL, NULL, NULL, 0, NULL, NULL, 5, 4, ds, &os,
                                           NULL),
                     CX_ESCRIPT);
}

static void voc_stage_boundaries_are_exact(void **state)
{
    (void)state;
    /* VoC six Ds, stages Novices [0,20) Collectors [20,40) …: a
     * dimension mean of 1.8 on 1–5 is 100·0.8/4 = 20 → Collectors. */
    static const cx_band STAGES[] = {
        {20, "Novices"}, {40, "Collectors"}, {60, "Analyzers"},
        {80, "Collaborators"}, {0, "Transformers"},
    };
    static const size_t it[6][5] = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}, {10, 11, 12, 13, 14},
                                    {15, 16, 17, 18, 19}, {20, 21, 22, 23, 24},
                                    {25, 26, 27, 28, 29}};
    static const char *ids[] = {"detect", "disseminate", "diagnose", "discuss", "design",
                                "deploy"};
    cx_maturity_dim dims[6];
    for (int k = 0; k < 6; k++)
        dims[k] = (cx_maturity_dim){ids[k], ids[k], it[k], 5, 1.0};
    cx_maturity_model m = {"VoC", 1, 5, 30, dims, 6, RATINGS, 5, STAGES, 5};
    double a[30];
    for (int k = 0; k < 6; k++) {
        double v[] = {1, 1, 2, 2, 3};     /* sum 9: 100·(9 − 5)/20 = 20 */
        fill(a, (size_t)(5 * k), v, 5);
    }
    cx_mscore ds[6], overall;
    assert_int_equal(cx_maturity_score_row(&m, a, ds, &overall, NULL), CX_OK);
    assert_near(overall.score, 20.0, TOL);
    assert_string_equal(STAGES[overall.band].name, "Collectors");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_dimension_score_rescales_the_mean_to_0_100),
        cmocka_unit_test(a_mean_of_2_6_scores_exactly_40_and_is_mobilize),
        cmocka_unit_test(a_score_exact_in_rationals_is_exact_in_doubles),
        cmocka_unit_test(bands_treat_float_noise_at_a_boundary_as_the_boundary),
        cmocka_unit_test(fewer_than_half_the_items_leave_a_dimension_unscored),
        cmocka_unit_test(three_of_five_items_are_enough_two_are_not),
        cmocka_unit_test(dimension_weights_weight_the_overall_mean),
        cmocka_unit_test(fractional_answers_take_the_general_path),
        cmocka_unit_test(an_answer_off_the_scale_is_a_data_error),
        cmocka_unit_test(malformed_models_are_script_errors),
        cmocka_unit_test(columns_score_like_rows),
        cmocka_unit_test(benchmark_quartiles_percentile_and_shares_by_hand),
        cmocka_unit_test(benchmark_without_client_or_peers),
        cmocka_unit_test(voc_stage_boundaries_are_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
