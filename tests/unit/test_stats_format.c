/*
 * test_stats_format.c — report number text: rounding of the shown
 * decimal, separators, signs, percent, NPS integers, p-values.
 * Expected strings are written by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <string.h>

#include "cxreport/stats.h"

#define MINUS "\xE2\x88\x92"     /* U+2212 */

static void expect_fixed(double x, int dec, const char *want)
{
    char buf[64];
    assert_int_equal(cx_format_fixed(buf, sizeof buf, x, dec, NULL), CX_OK);
    if (strcmp(buf, want) != 0)
        fail_msg("%.17g to %d decimals: got \"%s\", want \"%s\"", x, dec, buf, want);
}

static void halves_round_away_from_zero_on_the_shown_decimal(void **state)
{
    (void)state;
    expect_fixed(0.125, 2, "0.13");     /* exactly representable half */
    expect_fixed(2.675, 2, "2.68");     /* stored as 2.67499999…, shown 2.675 */
    expect_fixed(1.005, 2, "1.01");     /* stored as 1.00499999… */
    expect_fixed(1.45, 1, "1.5");
    expect_fixed(2.5, 0, "3");
    expect_fixed(0.5, 0, "1");
    expect_fixed(-2.5, 0, MINUS "3");
    expect_fixed(-0.125, 2, MINUS "0.13");
    expect_fixed(2.674, 2, "2.67");
    expect_fixed(9.995, 2, "10.00");    /* carry into a new digit */
    expect_fixed(99.95, 1, "100.0");
}

static void shortest_round_trip_digits_are_what_gets_rounded(void **state)
{
    (void)state;
    /* 0.1 + 0.2 = 0.30000000000000004 (its shortest form), → "0.30". */
    expect_fixed(0.1 + 0.2, 2, "0.30");
    expect_fixed(0.1 + 0.2, 17, "0.30000000000000004");
    expect_fixed(1234.5678, 0, "1235");
    expect_fixed(3.0, 3, "3.000");
    expect_fixed(0.0, 1, "0.0");
}

static void tiny_and_huge_values(void **state)
{
    (void)state;
    expect_fixed(1e-7, 2, "0.00");
    expect_fixed(0.000005, 5, "0.00001");
    expect_fixed(0.0000049, 5, "0.00000");
    expect_fixed(0.05, 1, "0.1");
    expect_fixed(0.04999, 1, "0.0");
    expect_fixed(1e21, 0, "1000000000000000000000");
    expect_fixed(123456789012345678.0, 0, "123456789012345680");
}

static void thousands_separators_and_the_decimal_comma(void **state)
{
    (void)state;
    char buf[64];
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = 2;
    f.group = ",";
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 1234567.891, &f, NULL), CX_OK);
    assert_string_equal(buf, "1,234,567.89");
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 999.995, &f, NULL), CX_OK);
    assert_string_equal(buf, "1,000.00");
    assert_int_equal(cx_format_decimal(buf, sizeof buf, -123456.0, &f, NULL), CX_OK);
    assert_string_equal(buf, MINUS "123,456.00");
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 100.0, &f, NULL), CX_OK);
    assert_string_equal(buf, "100.00");
    /* German style: "." groups, "," decimals. */
    f.decimals = 1;
    f.group = ".";
    f.decimal = ",";
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 1234.56, &f, NULL), CX_OK);
    assert_string_equal(buf, "1.234,6");
    /* A narrow no-break space (U+202F) as the group separator. */
    f.group = "\xE2\x80\xAF";
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 1234567.0, &f, NULL), CX_OK);
    assert_string_equal(buf, "1\xE2\x80\xAF" "234\xE2\x80\xAF" "567,0");
}

static void signed_deltas_use_a_true_minus_and_no_sign_on_zero(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(cx_format_delta(buf, sizeof buf, 3.2, 1, NULL), CX_OK);
    assert_string_equal(buf, "+3.2");
    assert_int_equal(cx_format_delta(buf, sizeof buf, -1.9, 1, NULL), CX_OK);
    assert_string_equal(buf, MINUS "1.9");
    assert_int_equal(cx_format_delta(buf, sizeof buf, -0.04, 1, NULL), CX_OK);
    assert_string_equal(buf, "0.0");
    assert_int_equal(cx_format_delta(buf, sizeof buf, 0.0, 1, NULL), CX_OK);
    assert_string_equal(buf, "0.0");
    assert_int_equal(cx_format_delta(buf, sizeof buf, -0.0, 1, NULL), CX_OK);
    assert_string_equal(buf, "0.0");
    assert_int_equal(cx_format_delta(buf, sizeof buf, 0.05, 1, NULL), CX_OK);
    assert_string_equal(buf, "+0.1");
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.ascii_minus = true;
    assert_int_equal(cx_format_decimal(buf, sizeof buf, -1.94, &f, NULL), CX_OK);
    assert_string_equal(buf, "-1.9");
}

static void percent_and_suffixes(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(cx_format_percent(buf, sizeof buf, 45.25, 1, NULL), CX_OK);
    assert_string_equal(buf, "45.3%");
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimal = ",";
    f.suffix = "\xC2\xA0%";     /* no-break space, French style */
    assert_int_equal(cx_format_decimal(buf, sizeof buf, 12.34, &f, NULL), CX_OK);
    assert_string_equal(buf, "12,3\xC2\xA0%");
}

static void nps_is_published_as_an_integer_half_away_from_zero(void **state)
{
    (void)state;
    char buf[16];
    assert_int_equal(cx_format_nps(buf, sizeof buf, 12.5, NULL), CX_OK);
    assert_string_equal(buf, "13");
    assert_int_equal(cx_format_nps(buf, sizeof buf, -12.5, NULL), CX_OK);
    assert_string_equal(buf, MINUS "13");
    assert_int_equal(cx_format_nps(buf, sizeof buf, 100.0 / 3.0, NULL), CX_OK);
    assert_string_equal(buf, "33");
    assert_int_equal(cx_format_nps(buf, sizeof buf, -0.4, NULL), CX_OK);
    assert_string_equal(buf, "0");
    assert_int_equal(cx_format_nps(buf, sizeof buf, -100.0, NULL), CX_OK);
    assert_string_equal(buf, MINUS "100");
}

static void p_values_read_as_in_papers(void **state)
{
    (void)state;
    char buf[32];
    cx_numfmt comma = CX_NUMFMT_DEFAULT;
    comma.decimal = ",";
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.0004, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p < 0.001");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.0, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p < 0.001");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.001, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p = 0.001");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.034, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p = 0.034");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.0345, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p = 0.035");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.9996, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p > 0.999");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 1.0, NULL, NULL), CX_OK);
    assert_string_equal(buf, "p > 0.999");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 0.034, &comma, NULL), CX_OK);
    assert_string_equal(buf, "p = 0,034");
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, 1.5, NULL, NULL), CX_ESCRIPT);
    assert_int_equal(cx_format_pvalue(buf, sizeof buf, NAN, NULL, NULL), CX_ESCRIPT);
}

static void bad_input_and_small_buffers_are_errors(void **state)
{
    (void)state;
    char buf[8];
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_format_fixed(buf, sizeof buf, NAN, 1, &d), CX_ESCRIPT);
    assert_non_null(strstr(d.message, "missing"));
    assert_int_equal(cx_format_fixed(buf, sizeof buf, INFINITY, 1, NULL), CX_ESCRIPT);
    assert_int_equal(cx_format_fixed(buf, sizeof buf, 1.0, 21, NULL), CX_ESCRIPT);
    assert_int_equal(cx_format_fixed(buf, sizeof buf, 1.0, -1, NULL), CX_ESCRIPT);
    assert_int_equal(cx_format_fixed(buf, sizeof buf, 12345678.0, 0, &d), CX_EINTERNAL);
    assert_string_equal(buf, "");
    /* Exactly fitting: 7 characters and the NUL. */
    assert_int_equal(cx_format_fixed(buf, sizeof buf, 1234567.0, 0, NULL), CX_OK);
    assert_string_equal(buf, "1234567");
    assert_int_equal(cx_format_pvalue(buf, 5, 0.5, NULL, NULL), CX_EINTERNAL);
}

static void text_does_not_depend_on_the_locale(void **state)
{
    (void)state;
    /* Under a locale with a decimal comma (if one is installed), the
     * text is unchanged.  The C.UTF-8 locale has ".", so this also runs
     * where no other locale exists. */
    const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"};
    for (size_t i = 0; i < 3; i++) {
        if (!setlocale(LC_NUMERIC, names[i]))
            continue;
        char buf[32];
        assert_int_equal(cx_format_fixed(buf, sizeof buf, 2.675, 2, NULL), CX_OK);
        assert_string_equal(buf, "2.68");
        assert_int_equal(cx_format_fixed(buf, sizeof buf, 1234.5, 1, NULL), CX_OK);
        assert_string_equal(buf, "1234.5");
    }
    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(halves_round_away_from_zero_on_the_shown_decimal),
        cmocka_unit_test(shortest_round_trip_digits_are_what_gets_rounded),
        cmocka_unit_test(tiny_and_huge_values),
        cmocka_unit_test(thousands_separators_and_the_decimal_comma),
        cmocka_unit_test(signed_deltas_use_a_true_minus_and_no_sign_on_zero),
        cmocka_unit_test(percent_and_suffixes),
        cmocka_unit_test(nps_is_published_as_an_integer_half_away_from_zero),
        cmocka_unit_test(p_values_read_as_in_papers),
        cmocka_unit_test(bad_input_and_small_buffers_are_errors),
        cmocka_unit_test(text_does_not_depend_on_the_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
