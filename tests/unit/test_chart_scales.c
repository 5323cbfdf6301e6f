/*
 * test_chart_scales.c — the arithmetic under every chart: nice ticks,
 * linear scales, number text, arcs as Béziers, the least-squares fit, and
 * the label helpers (ellipsis, wrapping, spreading, placement).
 *
 * Expected values are worked out by hand in the comments, or come from a
 * published example (Anscombe's quartet).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_fixture.h"
#include "../../src/chart/chart_int.h"

#define MINUS "\xE2\x88\x92"
#define ELLIPSIS "\xE2\x80\xA6"

/* ---- ticks ---------------------------------------------------------------- */

static void ticks_of_0_to_100_in_at_most_6_step_by_20(void **state)
{
    (void)state;
    cx_ticks t;
    /* Steps 1, 2, 5, 10 give 101, 51, 21, 11 ticks; 20 gives 0..100 in 6. */
    assert_true(cx_ticks_nice(0, 100, 6, &t));
    assert_near(t.step, 20, 1e-12);
    assert_int_equal(t.count, 6);
    assert_near(t.lo, 0, 1e-12);
    assert_near(t.hi, 100, 1e-12);
    assert_int_equal(t.decimals, 0);
}

static void ticks_of_an_nps_range_extend_to_nice_ends(void **state)
{
    (void)state;
    cx_ticks t;
    /* −8..54 in at most 8: step 5 needs −10..55 = 14 ticks; step 10 needs
     * −10..60 = 8 ticks. */
    assert_true(cx_ticks_nice(-8, 54, 8, &t));
    assert_near(t.step, 10, 1e-12);
    assert_near(t.lo, -10, 1e-12);
    assert_near(t.hi, 60, 1e-12);
    assert_int_equal(t.count, 8);
    assert_near(cx_ticks_value(&t, 1), 0, 1e-12);
}

static void ticks_step_by_1_2_or_5_times_a_power_of_ten_and_cover_the_range(void **state)
{
    (void)state;
    static const double ranges[][2] = { { 0, 1 },       { -3.7, 12.2 }, { 0.001, 0.0093 },
                                        { 1e6, 3.2e6 }, { -250, -17 },   { 0, 7 },
                                        { 99, 101 },    { -1e-3, 1e-3 }, { 42, 42.5 } };
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int max = 2; max <= 12; max++) {
            cx_ticks t;
            double lo = ranges[r][0], hi = ranges[r][1];
            assert_true(cx_ticks_nice(lo, hi, max, &t));
            int allowed = max < 3 && lo < 0 && hi > 0 ? 3 : max;   /* 0 is a tick */
            assert_true(t.count >= 2 && t.count <= allowed);
            assert_true(t.lo <= lo + 1e-12 && t.hi >= hi - 1e-12);
            double m = t.step / pow(10, floor(log10(t.step) + 1e-9));
            assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
            /* Consecutive ticks are one step apart. */
            for (int i = 1; i < t.count; i++)
                assert_near(cx_ticks_value(&t, i) - cx_ticks_value(&t, i - 1), t.step,
                                    1e-9 * t.step);
        }
}

static void tick_values_are_the_decimals_a_reader_expects(void **state)
{
    (void)state;
    cx_ticks t;
    /* 0.1..0.3 in 3 ticks: step 0.1, and the middle tick is the double
     * nearest 0.2, the last the double nearest 0.3 (0.1 + 0.2 is not). */
    assert_true(cx_ticks_nice(0.1, 0.3, 3, &t));
    assert_int_equal(t.count, 3);
    assert_true(cx_ticks_value(&t, 0) == 0.1);
    assert_true(cx_ticks_value(&t, 1) == 0.2);
    assert_true(cx_ticks_value(&t, 2) == 0.3);
    assert_int_equal(t.decimals, 1);
}

static void ticks_of_one_value_widen_around_it(void **state)
{
    (void)state;
    cx_ticks t;
    assert_true(cx_ticks_nice(0, 0, 5, &t));
    assert_true(t.lo <= 0 && t.hi > 0);
    assert_true(cx_ticks_nice(5, 5, 5, &t));
    assert_true(t.lo <= 5 && t.hi >= 5 && t.hi > t.lo);
    assert_true(cx_ticks_nice(-5, -5, 5, &t));
    assert_true(t.lo <= -5 && t.hi >= -5 && t.hi > t.lo);
}

static void ticks_refuse_nan_infinity_reversed_ranges_and_fewer_than_2(void **state)
{
    (void)state;
    cx_ticks t = { .count = 99 };
    assert_false(cx_ticks_nice(NAN, 1, 5, &t));
    assert_false(cx_ticks_nice(0, INFINITY, 5, &t));
    assert_false(cx_ticks_nice(2, 1, 5, &t));
    assert_false(cx_ticks_nice(0, 1, 1, &t));
    assert_int_equal(t.count, 99);
}

static void ticks_of_small_ranges_carry_their_decimals(void **state)
{
    (void)state;
    cx_ticks t;
    /* 0..0.0003 in at most 4: step 0.0001 (4 ticks), 4 decimals. */
    assert_true(cx_ticks_nice(0, 0.0003, 4, &t));
    assert_near(t.step, 0.0001, 1e-15);
    assert_int_equal(t.decimals, 4);
    assert_int_equal(t.count, 4);
}

/* ---- scales -------------------------------------------------------------- */

static void a_scale_maps_the_domain_onto_the_range(void **state)
{
    (void)state;
    cx_scale s = { -10, 60, 100, 400 };
    /* 300 pt for 70 units: 0 sits 10/70 of the way, 100 + 300·10/70. */
    assert_near(cx_scale_map(&s, -10), 100, 1e-12);
    assert_near(cx_scale_map(&s, 60), 400, 1e-12);
    assert_near(cx_scale_map(&s, 0), 100 + 300.0 * 10 / 70, 1e-9);
    cx_scale up = { 0, 100, 500, 100 };     /* y axes run upwards */
    assert_near(cx_scale_map(&up, 25), 400, 1e-12);
}

/* ---- number text ---------------------------------------------------------- */

static void negative_numbers_carry_a_true_minus_sign(void **state)
{
    (void)state;
    char buf[64];
    cx_number_format f = { 0 };
    cx_format_number(-8, &f, buf, sizeof buf);
    assert_string_equal(buf, MINUS "8");
    f.decimals = 1;
    cx_format_number(-0.04, &f, buf, sizeof buf);
    assert_string_equal(buf, "0.0");        /* rounds to zero: no "−0.0" */
    cx_format_number(-0.0, &f, buf, sizeof buf);
    assert_string_equal(buf, "0.0");
}

static void numbers_round_half_away_from_zero(void **state)
{
    (void)state;
    char buf[64];
    cx_number_format f = { .decimals = 1 };
    cx_format_number(24.05, &f, buf, sizeof buf);   /* binary 24.04999… */
    assert_string_equal(buf, "24.1");
    cx_format_number(-24.05, &f, buf, sizeof buf);
    assert_string_equal(buf, MINUS "24.1");
    f.decimals = 0;
    cx_format_number(2.5, &f, buf, sizeof buf);
    assert_string_equal(buf, "3");
    cx_format_number(-2.5, &f, buf, sizeof buf);
    assert_string_equal(buf, MINUS "3");
    cx_format_number(2.4999, &f, buf, sizeof buf);
    assert_string_equal(buf, "2");
    /* the same text as a table cell: 2.675 is stored as 2.67499…, but
     * reads (and rounds) as the decimal 2.675 */
    f.decimals = 2;
    cx_format_number(2.675, &f, buf, sizeof buf);
    assert_string_equal(buf, "2.68");
}

static void numbers_take_prefix_suffix_grouping_and_plus(void **state)
{
    (void)state;
    char buf[64];
    cx_number_format f = { .decimals = 2, .prefix = "$", .thousands = "," };
    cx_format_number(-1234567.891, &f, buf, sizeof buf);
    assert_string_equal(buf, MINUS "$1,234,567.89");
    cx_number_format p = { .suffix = "%", .plus = true };
    cx_format_number(5, &p, buf, sizeof buf);
    assert_string_equal(buf, "+5%");
    cx_format_number(0, &p, buf, sizeof buf);
    assert_string_equal(buf, "0%");
    cx_number_format d2 = { .decimals = 2 };
    cx_format_number(0.05, &d2, buf, sizeof buf);
    assert_string_equal(buf, "0.05");
    cx_format_number(5, &d2, buf, sizeof buf);
    assert_string_equal(buf, "5.00");
}

static void number_text_never_overflows_its_buffer(void **state)
{
    (void)state;
    char buf[6];
    cx_number_format f = { .decimals = 3 };
    size_t n = cx_format_number(-123456.789, &f, buf, sizeof buf);
    assert_int_equal(strlen(buf), n);
    assert_true(n < sizeof buf);
    char big[400];
    cx_format_number(1e300, &f, big, sizeof big);
    assert_int_equal(strlen(big), 301 + 4);         /* 301 digits, ".000" */
}

/* ---- arcs ------------------------------------------------------------------ */

static void a_quarter_arc_bezier_stays_within_0_03_percent_of_the_radius(void **state)
{
    (void)state;
    cx_dl_point b[4];
    double r = 100;
    cx_arc_bezier(0, 0, r, 0, CX_PI / 2, b);
    assert_near(b[0].x, 100, 1e-12);
    assert_near(b[3].y, 100, 1e-9);
    /* Control distance 4/3·tan(22.5°)·r = 55.228…·r/100. */
    assert_near(b[1].y, 4.0 / 3.0 * tan(CX_PI / 8) * r, 1e-9);
    for (int i = 0; i <= 100; i++) {
        double t = i / 100.0, u = 1 - t;
        double k0 = u * u * u, k1 = 3 * u * u * t, k2 = 3 * u * t * t, k3 = t * t * t;
        double x = k0 * b[0].x + k1 * b[1].x + k2 * b[2].x + k3 * b[3].x;
        double y = k0 * b[0].y + k1 * b[1].y + k2 * b[2].y + k3 * b[3].y;
        assert_true(fabs(hypot(x, y) - r) < 0.0003 * r);
    }
}

static void a_circle_is_four_curves_closed(void **state)
{
    (void)state;
    cx_dl *dl = cx_dl_new(100, 100);
    cx_dl_circle(dl, 50, 50, 10);
    cx_dl_style st = { .fill = CX_RGB(0x000000) };
    cx_dl_paint(dl, &st, CX_DL_ROLE_MARKER, 0, 0);
    assert_true(cx_dl_ok(dl));
    assert_int_equal(dl->nitems, 1);
    const cx_dl_path *p = &dl->items[0].path;
    assert_int_equal(p->nops, 6);               /* move, 4 curves, close */
    assert_int_equal(dl->ops[p->op0], CX_OP_MOVE);
    for (int i = 1; i <= 4; i++)
        assert_int_equal(dl->ops[p->op0 + i], CX_OP_CURVE);
    assert_int_equal(dl->ops[p->op0 + 5], CX_OP_CLOSE);
    /* The last curve ends where the path began: (60, 50). */
    assert_near(dl->pts[p->pt0 + 12].x, 60, 1e-9);
    assert_near(dl->pts[p->pt0 + 12].y, 50, 1e-9);
    cx_dl_free(dl);
}

/* ---- least squares ------------------------------------------------------------ */

static void the_fit_of_anscombes_first_set_is_3_plus_half_x_with_r_0_816(void **state)
{
    (void)state;
    /* Anscombe (1973), set I: y = 3.00 + 0.500x, r = 0.816. */
    static const double x[11] = { 10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5 };
    static const double y[11] = { 8.04, 6.95, 7.58, 8.81, 8.33, 9.96,
                                  7.24, 4.26, 10.84, 4.82, 5.68 };
    double a, b, r;
    assert_true(cx_scatter_fit(x, y, 11, &a, &b, &r));
    assert_near(a, 3.0, 1e-3);
    assert_near(b, 0.5, 1e-3);
    assert_near(r, 0.816, 1e-3);
}

static void points_on_a_line_fit_it_exactly(void **state)
{
    (void)state;
    static const double x[4] = { 1, 2, 3, 4 }, y[4] = { 3, 5, 7, 9 };    /* y = 1 + 2x */
    double a, b, r;
    assert_true(cx_scatter_fit(x, y, 4, &a, &b, &r));
    assert_near(a, 1, 1e-12);
    assert_near(b, 2, 1e-12);
    assert_near(r, 1, 1e-12);
    static const double same[3] = { 2, 2, 2 };
    assert_false(cx_scatter_fit(same, y, 3, &a, &b, &r));
}

/* ---- labels ---------------------------------------------------------------------- */

typedef struct lab { cxt_fonts f; cx_chart_env env; cx_chart_spec spec; cx_chart_ctx c; } lab;

static int lab_setup(void **state)
{
    lab *l = calloc(1, sizeof *l);
    if (!l || !cxt_fonts_open(&l->f))
        return -1;
    cxt_env(&l->f, &l->env);
    l->c.env = &l->env;
    l->c.spec = &l->spec;
    *state = l;
    return 0;
}

static int lab_teardown(void **state)
{
    lab *l = *state;
    cxt_fonts_close(&l->f);
    free(l);
    return 0;
}

static void a_label_that_fits_is_kept_whole(void **state)
{
    lab *l = *state;
    char out[128];
    double w = cx_label_fit(&l->c, CX_FACE_REGULAR, 8, "Acme Cloud", 200, out, sizeof out);
    assert_string_equal(out, "Acme Cloud");
    assert_near(w, cxt_measure(&l->f, 0, 8, "Acme Cloud", 10), 1e-9);
}

static void a_long_label_is_cut_at_a_character_with_an_ellipsis(void **state)
{
    lab *l = *state;
    const char *s = "Consolidated International Enterprise Software Holdings";
    char out[128];
    double w = cx_label_fit(&l->c, CX_FACE_REGULAR, 8, s, 100, out, sizeof out);
    size_t n = strlen(out);
    assert_true(n > 3);
    assert_string_equal(out + n - 3, ELLIPSIS);
    assert_memory_equal(out, s, n - 3);             /* a prefix of the label */
    assert_true(w <= 100);
    /* Longest such prefix: one more character would not fit. */
    char longer[128];
    memcpy(longer, s, n - 2);
    memcpy(longer + n - 2, ELLIPSIS, 4);
    assert_true(cxt_measure(&l->f, 0, 8, longer, strlen(longer)) > 100 || s[n - 3] == ' ');
    /* Multi-byte text is cut between characters, never inside one. */
    w = cx_label_fit(&l->c, CX_FACE_REGULAR, 8, "Ærøskøbing Ångström Ötztal Łódź", 60, out,
                     sizeof out);
    assert_true(cx_chart_utf8_ok(out, strlen(out)));
    assert_true(w <= 60);
}

static void a_label_with_no_room_at_all_is_empty(void **state)
{
    lab *l = *state;
    char out[16] = "x";
    assert_near(cx_label_fit(&l->c, CX_FACE_REGULAR, 8, "Acme", 2, out, sizeof out), 0, 0);
    assert_string_equal(out, "");
}

static void wrapping_breaks_between_words(void **state)
{
    lab *l = *state;
    char out[256];
    double w;
    /* Room for "Developing" (wider than "Level 2") but not for the whole. */
    double room = cxt_measure(&l->f, 0, 8, "Developing", 10) + 1;
    assert_true(room < cxt_measure(&l->f, 0, 8, "Level 2 Developing", 18));
    int n = cx_label_wrap(&l->c, CX_FACE_REGULAR, 8, "Level 2 Developing", room, 3, out,
                          sizeof out, &w);
    assert_int_equal(n, 2);
    assert_string_equal(out, "Level 2");
    assert_string_equal(out + strlen(out) + 1, "Developing");
    assert_near(w, cxt_measure(&l->f, 0, 8, "Developing", 10), 1e-9);
}

static void wrapping_ends_the_last_line_with_an_ellipsis(void **state)
{
    lab *l = *state;
    char out[256];
    double w;
    double room = cxt_measure(&l->f, 0, 8, "Customer", 8) + 1;
    int n = cx_label_wrap(&l->c, CX_FACE_REGULAR, 8, "Customer experience management maturity",
                          room, 2, out, sizeof out, &w);
    assert_int_equal(n, 2);
    assert_string_equal(out, "Customer");
    const char *second = out + strlen(out) + 1;
    assert_string_equal(second + strlen(second) - 3, ELLIPSIS);
    assert_true(w <= room);
}

static void spreading_packs_a_cluster_around_its_mean(void **state)
{
    (void)state;
    /* Wishes 10, 11, 12 with gap 5: the cluster's top is the mean of
     * 10, 11 − 5, 12 − 10 = 6, so 6, 11, 16. */
    double y[3] = { 12, 10, 11 };
    cx_label_spread(y, 3, 5, 0, 100);
    assert_near(y[1], 6, 1e-12);
    assert_near(y[2], 11, 1e-12);
    assert_near(y[0], 16, 1e-12);
    /* Labels far apart stay where they are. */
    double z[2] = { 10, 50 };
    cx_label_spread(z, 2, 5, 0, 100);
    assert_near(z[0], 10, 0);
    assert_near(z[1], 50, 0);
}

static void spreading_keeps_labels_inside_the_bounds(void **state)
{
    (void)state;
    /* Wishes 1 and 2, gap 5: mean top (1 + (2 − 5)) / 2 = −1, held at 0. */
    double y[2] = { 1, 2 };
    cx_label_spread(y, 2, 5, 0, 100);
    assert_near(y[0], 0, 1e-12);
    assert_near(y[1], 5, 1e-12);
    /* At the bottom: wishes 99, 100: mean top (99 + (100 − 5)) / 2 = 97,
     * held at 100 − 5 = 95. */
    double z[2] = { 99, 100 };
    cx_label_spread(z, 2, 5, 0, 100);
    assert_near(z[0], 95, 1e-12);
    assert_near(z[1], 100, 1e-12);
}

static bool overlap(const cx_label_box *a, const cx_label_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void placed_labels_overlap_neither_each_other_nor_points(void **state)
{
    (void)state;
    /* Three points in a tight row: the second label cannot go right (the
     * first took that place's neighbourhood) and must go elsewhere. */
    double pts[3][2] = { { 50, 50 }, { 56, 50 }, { 62, 50 } };
    double avoid[9];
    cx_label_box b[3];
    for (int i = 0; i < 3; i++) {
        avoid[3 * i] = pts[i][0];
        avoid[3 * i + 1] = pts[i][1];
        avoid[3 * i + 2] = 2;
        b[i] = (cx_label_box){ .ax = pts[i][0], .ay = pts[i][1], .w = 30, .h = 6, .r = 2,
                               .place = true };
    }
    cx_label_place(b, 3, 0, 0, 200, 100, avoid, 3);
    for (int i = 0; i < 3; i++) {
        if (!b[i].placed)
            continue;
        for (int j = i + 1; j < 3; j++)
            if (b[j].placed)
                assert_false(overlap(&b[i], &b[j]));
        for (int k = 0; k < 3; k++) {
            double nx = fmax(b[i].x, fmin(avoid[3 * k], b[i].x + b[i].w));
            double ny = fmax(b[i].y, fmin(avoid[3 * k + 1], b[i].y + b[i].h));
            assert_true(hypot(nx - avoid[3 * k], ny - avoid[3 * k + 1]) >= 2);
        }
    }
    assert_true(b[0].placed);
}

static void a_label_at_the_right_edge_goes_left(void **state)
{
    (void)state;
    double avoid[3] = { 195, 50, 2 };
    cx_label_box b = { .ax = 195, .ay = 50, .w = 30, .h = 6, .r = 2, .place = true };
    cx_label_place(&b, 1, 0, 0, 200, 100, avoid, 1);
    assert_true(b.placed);
    assert_true(b.x + b.w <= 195 - 2);
}

static void a_label_with_no_free_place_is_left_out(void **state)
{
    (void)state;
    /* The box is barely bigger than the point: nowhere to put 30 pt. */
    double avoid[3] = { 10, 10, 2 };
    cx_label_box b = { .ax = 10, .ay = 10, .w = 30, .h = 6, .r = 2, .place = true };
    cx_label_place(&b, 1, 0, 0, 20, 20, avoid, 1);
    assert_false(b.placed);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(ticks_of_0_to_100_in_at_most_6_step_by_20),
        cmocka_unit_test(ticks_of_an_nps_range_extend_to_nice_ends),
        cmocka_unit_test(ticks_step_by_1_2_or_5_times_a_power_of_ten_and_cover_the_range),
        cmocka_unit_test(tick_values_are_the_decimals_a_reader_expects),
        cmocka_unit_test(ticks_of_one_value_widen_around_it),
        cmocka_unit_test(ticks_refuse_nan_infinity_reversed_ranges_and_fewer_than_2),
        cmocka_unit_test(ticks_of_small_ranges_carry_their_decimals),
        cmocka_unit_test(a_scale_maps_the_domain_onto_the_range),
        cmocka_unit_test(negative_numbers_carry_a_true_minus_sign),
        cmocka_unit_test(numbers_round_half_away_from_zero),
        cmocka_unit_test(numbers_take_prefix_suffix_grouping_and_plus),
        cmocka_unit_test(number_text_never_overflows_its_buffer),
        cmocka_unit_test(a_quarter_arc_bezier_stays_within_0_03_percent_of_the_radius),
        cmocka_unit_test(a_circle_is_four_curves_closed),
        cmocka_unit_test(the_fit_of_anscombes_first_set_is_3_plus_half_x_with_r_0_816),
        cmocka_unit_test(points_on_a_line_fit_it_exactly),
        cmocka_unit_test(spreading_packs_a_cluster_around_its_mean),
        cmocka_unit_test(spreading_keeps_labels_inside_the_bounds),
        cmocka_unit_test(placed_labels_overlap_neither_each_other_nor_points),
        cmocka_unit_test(a_label_at_the_right_edge_goes_left),
        cmocka_unit_test(a_label_with_no_free_place_is_left_out),
    };
    const struct CMUnitTest text[] = {
        cmocka_unit_test(a_label_that_fits_is_kept_whole),
        cmocka_unit_test(a_long_label_is_cut_at_a_character_with_an_ellipsis),
        cmocka_unit_test(a_label_with_no_room_at_all_is_empty),
        cmocka_unit_test(wrapping_breaks_between_words),
        cmocka_unit_test(wrapping_ends_the_last_line_with_an_ellipsis),
    };
    int failed = cmocka_run_group_tests(pure, NULL, NULL);
    failed += cmocka_run_group_tests(text, lab_setup, lab_teardown);
    return failed;
}
