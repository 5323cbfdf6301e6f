/*
 * test_data_table.c — the table API: column lookup, cell text, the number
 * format, row selection, dictionaries and small helpers.
 *
 * Expected number texts are those of ECMAScript's Number::toString
 * (what JSON.stringify prints), written out by hand from its rules.
 */
#include "data_testutil.h"

#include <float.h>

static void numbers_print_in_their_shortest_round_trip_form(void **state)
{
    (void)state;
    struct { double x; const char *text; } cases[] = {
        {9, "9"},
        {0.1, "0.1"},
        {-2.5, "-2.5"},
        {-0.0, "0"},
        {0.1 + 0.2, "0.30000000000000004"},
        {123.456, "123.456"},
        {1234567.125, "1234567.125"},
        {1e15, "1000000000000000"},
        {9007199254740992.0, "9007199254740992"},     /* 2^53 */
        {1.23e20, "123000000000000000000"},
        {1e20, "100000000000000000000"},
        {1e21, "1e+21"},                              /* 22 digits: exponent form */
        {1.5e300, "1.5e+300"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {0.000001, "0.000001"},
        {1e-7, "1e-7"},
        {1.5e-10, "1.5e-10"},
        {5e-324, "5e-324"},                           /* the smallest subnormal */
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_string_equal(cx_format_double(cases[i].x, buf, sizeof buf), cases[i].text);
        assert_true(strtod(buf, NULL) == cases[i].x);
    }
}

static const char sample[] =
    "{\"survey\": {\"weight\": \"w\", \"note\": \"n\"},\n"
    " \"questions\": [{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 10},\n"
    "               {\"id\": \"ok\", \"type\": \"boolean\"},\n"
    "               {\"id\": \"m\", \"type\": \"multi\", \"options\": [\"x\", \"y\", \"z\"]}],\n"
    " \"responses\": [\n"
    "  {\"id\": \"A\", \"r\": 9, \"ok\": true, \"m\": [\"z\", \"x\"], \"w\": 1, \"v\": 0.1},\n"
    "  {\"id\": \"B\", \"r\": null, \"ok\": false, \"m\": [], \"w\": 2, \"v\": 1e21},\n"
    "  {\"id\": \"C\", \"r\": 3, \"m\": null, \"w\": 0.5}\n"
    " ]}\n";

static void cells_read_as_text(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "cells.json", sample));
    char buf[64];
    int r = cx_table_column_index(t, "r"), ok = cx_table_column_index(t, "ok"),
        m = cx_table_column_index(t, "m"), id = cx_table_column_index(t, "id"),
        v = cx_table_column_index(t, "v");
    assert_true(r >= 0 && ok >= 0 && m >= 0 && id >= 0 && v >= 0);
    assert_string_equal(cx_table_cell_text(t, (size_t)r, 0, buf, sizeof buf), "9");
    assert_null(cx_table_cell_text(t, (size_t)r, 1, buf, sizeof buf));
    assert_string_equal(cx_table_cell_text(t, (size_t)ok, 0, buf, sizeof buf), "true");
    assert_string_equal(cx_table_cell_text(t, (size_t)ok, 1, buf, sizeof buf), "false");
    assert_null(cx_table_cell_text(t, (size_t)ok, 2, buf, sizeof buf));
    assert_string_equal(cx_table_cell_text(t, (size_t)m, 0, buf, sizeof buf), "z; x");
    assert_string_equal(cx_table_cell_text(t, (size_t)m, 1, buf, sizeof buf), "");
    assert_null(cx_table_cell_text(t, (size_t)m, 2, buf, sizeof buf));
    assert_string_equal(cx_table_cell_text(t, (size_t)id, 2, buf, sizeof buf), "C");
    assert_string_equal(cx_table_cell_text(t, (size_t)v, 0, buf, sizeof buf), "0.1");
    assert_string_equal(cx_table_cell_text(t, (size_t)v, 1, buf, sizeof buf), "1e+21");
    assert_null(cx_table_cell_text(t, 99, 0, buf, sizeof buf));
    assert_null(cx_table_cell_text(t, (size_t)r, 3, buf, sizeof buf));
    assert_int_equal(cx_table_column_index(t, "R"), -1);      /* exact case */
    assert_null(cx_table_column(t, "nope"));
    assert_ptr_equal(cx_table_column(t, "m"), &t->cols[m]);
    cx_table_free(t);
}

static void a_selection_is_an_independent_table(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "sel.json", sample));
    size_t rows[] = {2, 0};
    cx_table *s = cx_table_select(t, rows, 2);
    assert_non_null(s);
    cx_table_free(t);                                /* the selection must not need it */
    assert_int_equal(s->nrows, 2);
    assert_string_equal(code_str(s, "id", 0), "C");
    assert_string_equal(code_str(s, "id", 1), "A");
    const cx_column *r = col_of(s, "r");
    assert_true(r->num[0] == 3.0 && r->num[1] == 9.0);
    assert_ptr_equal(r->question, &s->questions[0]);
    const cx_column *m = col_of(s, "m");
    assert_true(m->multi_missing[0]);
    assert_int_equal(m->multi_offset[0], 0);
    assert_int_equal(m->multi_offset[1], 0);
    assert_int_equal(m->multi_offset[2], 2);
    assert_string_equal(cx_dict_string(m->dict, m->multi_code[0]), "z");
    assert_non_null(s->weight);
    assert_ptr_equal(s->weight, col_of(s, "w")->num);
    assert_true(s->weight[0] == 0.5 && s->weight[1] == 1.0);
    assert_string_equal(s->survey.weight, "w");
    assert_string_equal(cx_value_get(&s->survey.extra, "note")->string, "n");

    size_t bad[] = {5};
    assert_null(cx_table_select(s, bad, 1));         /* a row that does not exist */
    cx_table *none = cx_table_select(s, NULL, 0);
    assert_non_null(none);
    assert_int_equal(none->nrows, 0);
    assert_int_equal(none->ncols, s->ncols);
    cx_table_free(none);
    cx_table_free(s);
}

static void dictionaries_answer_codes_and_strings(void **state)
{
    (void)state;
    /* out of order, so the dictionary switches from its sorted run to a table */
    cx_table *t = load_ok(tdir_write(&dir, "dict.json",
        "[{\"c\": \"b\"}, {\"c\": \"c\"}, {\"c\": \"a\"}, {\"c\": \"c\"}, {\"c\": \"b\"}]"));
    const cx_dict *d = col_of(t, "c")->dict;
    assert_int_equal(cx_dict_count(d), 3);
    assert_string_equal(cx_dict_string(d, 2), "a");
    assert_null(cx_dict_string(d, 3));
    assert_null(cx_dict_string(d, -1));
    assert_int_equal(cx_dict_find(d, "c", 1), 1);
    assert_int_equal(cx_dict_find(d, "cc", 1), 1);  /* only len bytes count */
    assert_int_equal(cx_dict_find(d, "d", 1), -1);
    int32_t want[] = {0, 1, 2, 1, 0};
    for (int i = 0; i < 5; i++)
        assert_int_equal(col_of(t, "c")->code[i], want[i]);
    cx_table_free(t);

    /* a long sorted run (ids), then a repeat and a latecomer */
    enum { N = 5000 };
    char *text = malloc((size_t)N * 24 + 64);
    assert_non_null(text);
    size_t o = 0;
    o += (size_t)sprintf(text + o, "[");
    for (int i = 0; i < N; i++)
        o += (size_t)sprintf(text + o, "{\"id\": \"R%05d\"},", i);
    o += (size_t)sprintf(text + o, "{\"id\": \"R00042\"}, {\"id\": \"A\"}]");
    t = load_ok(tdir_write_n(&dir, "ids.json", text, (long)o));
    d = col_of(t, "id")->dict;
    assert_int_equal(cx_dict_count(d), N + 1);
    assert_int_equal(col_of(t, "id")->code[N], 42);
    assert_int_equal(col_of(t, "id")->code[N + 1], N);
    assert_int_equal(cx_dict_find(d, "R04999", 6), 4999);
    assert_int_equal(cx_dict_find(d, "A", 1), N);
    cx_table_free(t);
    free(text);
}

static void small_helpers(void **state)
{
    (void)state;
    assert_string_equal(cx_qtype_name(CX_Q_SCALE), "scale");
    assert_string_equal(cx_qtype_name(CX_Q_BOOLEAN), "boolean");
    assert_string_equal(cx_qtype_name(CX_Q_UNDECLARED), "undeclared");
    cx_value num = {.kind = CX_V_NUMBER, .number = 1};
    assert_null(cx_value_get(&num, "x"));
    assert_null(cx_value_get(NULL, "x"));
    cx_table_free(NULL);

    /* a table built by hand (no name index) is searched column by column */
    double values[] = {1, NAN};
    cx_column cols[2] = {{.name = "a", .storage = CX_STORE_NUMBER, .num = values},
                         {.name = "b", .storage = CX_STORE_NUMBER, .num = values}};
    cx_table hand = {.nrows = 2, .ncols = 2, .cols = cols};
    assert_int_equal(cx_table_column_index(&hand, "b"), 1);
    assert_null(cx_table_column(&hand, "c"));
    assert_false(cx_column_is_missing(&cols[0], 0));
    assert_true(cx_column_is_missing(&cols[0], 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_print_in_their_shortest_round_trip_form),
        cmocka_unit_test(cells_read_as_text),
        cmocka_unit_test(a_selection_is_an_independent_table),
        cmocka_unit_test(dictionaries_answer_codes_and_strings),
        cmocka_unit_test(small_helpers),
    };
    return cmocka_run_group_tests(tests, tdir_setup, tdir_teardown);
}
