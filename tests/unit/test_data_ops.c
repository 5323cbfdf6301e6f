/*
 * test_data_ops.c — filter, group, order and derived tables, on a small
 * table whose answers are written out here, so every expected row set is
 * read straight off the data.
 */
#include "data_testutil.h"

#include "cxreport/data_ops.h"

/* row:        0    1    2    3    4    5
 * vendor:     B    A    B    C    A    (missing)
 * score:      9    3    9    7    nil  10
 * segment:    x    y    y    x    x    y            */
static const char *const data =
    "[{\"vendor\": \"B\", \"score\": 9, \"segment\": \"x\"},"
    " {\"vendor\": \"A\", \"score\": 3, \"segment\": \"y\"},"
    " {\"vendor\": \"B\", \"score\": 9, \"segment\": \"y\"},"
    " {\"vendor\": \"C\", \"score\": 7, \"segment\": \"x\"},"
    " {\"vendor\": \"A\", \"score\": null, \"segment\": \"x\"},"
    " {\"score\": 10, \"segment\": \"y\"}]";

static cx_table *table(tdir *d)
{
    tdir_make(d);
    return load_ok(tdir_write(d, "t.json", data));
}

static void groups_are_numbered_in_sorted_key_order(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    size_t col = (size_t)cx_table_column_index(t, "vendor");
    cx_grouping g;
    cx_diag diag;
    assert_int_equal(cx_table_group(t, &col, 1, &g, &diag), CX_OK);
    assert_int_equal(g.ngroups, 3);                 /* A, B, C; the missing vendor in none */
    const int32_t want[6] = {1, 0, 1, 2, 0, -1};
    for (int i = 0; i < 6; i++)
        assert_int_equal(g.group[i], want[i]);
    assert_int_equal(g.first[0], 1);
    assert_int_equal(g.size[1], 2);
    cx_table *keys = cx_grouping_keys(t, &g, &diag);
    char buf[32];
    assert_string_equal(cx_table_cell_text(keys, 0, 2, buf, sizeof buf), "C");
    cx_table_free(keys);
    cx_grouping_free(&g);
    cx_table_free(t);
    tdir_remove(&d);
}

static void two_keys_group_by_both_values(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    size_t cols[2] = {(size_t)cx_table_column_index(t, "segment"),
                      (size_t)cx_table_column_index(t, "score")};
    cx_grouping g;
    cx_diag diag;
    assert_int_equal(cx_table_group(t, cols, 2, &g, &diag), CX_OK);
    /* (x,7) (x,9) (y,3) (y,9) (y,10); row 4 has no score */
    assert_int_equal(g.ngroups, 5);
    const int32_t want[6] = {1, 2, 3, 0, -1, 4};
    for (int i = 0; i < 6; i++)
        assert_int_equal(g.group[i], want[i]);
    cx_grouping_free(&g);
    cx_table_free(t);
    tdir_remove(&d);
}

static void order_is_stable_with_missing_values_last(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    size_t col = (size_t)cx_table_column_index(t, "score");
    size_t order[6];
    bool desc = true;
    cx_diag diag;
    assert_int_equal(cx_table_order(t, &col, &desc, 1, order, &diag), CX_OK);
    /* 10 (row 5), 9 (rows 0 then 2: stable), 7, 3, then the missing one */
    const size_t want[6] = {5, 0, 2, 3, 1, 4};
    for (int i = 0; i < 6; i++)
        assert_int_equal(order[i], want[i]);
    cx_table_free(t);
    tdir_remove(&d);
}

static void filter_combines_conditions(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    const char *seg_x[] = {"x"};
    cx_cond conds[2] = {
        {.col = (size_t)cx_table_column_index(t, "segment"), .kind = CX_COND_IN,
         .nstrs = 1, .strs = seg_x},
        {.col = (size_t)cx_table_column_index(t, "score"), .kind = CX_COND_RANGE,
         .lo = 8, .hi = 100},
    };
    size_t rows[6], n;
    cx_diag diag;
    assert_int_equal(cx_table_filter(t, conds, 2, rows, &n, &diag), CX_OK);
    assert_int_equal(n, 1);                         /* only row 0: x and 9 */
    assert_int_equal(rows[0], 0);
    conds[0].kind = CX_COND_NOT_IN;                 /* present and not x */
    assert_int_equal(cx_table_filter(t, conds, 1, rows, &n, &diag), CX_OK);
    assert_int_equal(n, 3);
    conds[1].kind = CX_COND_MISSING;
    assert_int_equal(cx_table_filter(t, &conds[1], 1, rows, &n, &diag), CX_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0], 4);
    cx_table_free(t);
    tdir_remove(&d);
}

static void filter_refuses_text_for_a_number_field(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    const char *nine[] = {"9"};
    cx_cond c = {.col = (size_t)cx_table_column_index(t, "score"), .kind = CX_COND_IN,
                 .nstrs = 1, .strs = nine};
    size_t rows[6], n;
    cx_diag diag;
    assert_int_equal(cx_table_filter(t, &c, 1, rows, &n, &diag), CX_ESCRIPT);
    assert_string_equal(diag.message,
                        "filter: field \"score\" holds numbers, but the condition gives text");
    cx_table_free(t);
    tdir_remove(&d);
}

static void derived_tables_gather_and_add_columns(void **state)
{
    (void)state;
    tdir d;
    cx_table *t = table(&d);
    cx_table *r = cx_table_new_derived("", 3);
    cx_diag diag;
    const size_t rows[3] = {3, SIZE_MAX, 0};
    assert_int_equal(cx_table_add_gathered(r, t, (size_t)cx_table_column_index(t, "vendor"), rows,
                                           "who", &diag), CX_OK);
    const double v[3] = {1.5, NAN, -2};
    assert_int_equal(cx_table_add_numbers(r, "x", CX_Q_NUMBER, v, &diag), CX_OK);
    const char *s[3] = {"p", NULL, "q"};
    assert_int_equal(cx_table_add_texts(r, "tag", s, &diag), CX_OK);
    char buf[32];
    assert_string_equal(cx_table_cell_text(r, 0, 0, buf, sizeof buf), "C");
    assert_null(cx_table_cell_text(r, 0, 1, buf, sizeof buf));
    assert_string_equal(cx_table_cell_text(r, 1, 2, buf, sizeof buf), "-2");
    assert_string_equal(cx_table_cell_text(r, 2, 2, buf, sizeof buf), "q");
    /* adding a column of the same name replaces it */
    assert_int_equal(cx_table_add_numbers(r, "x", CX_Q_NUMBER, v, &diag), CX_OK);
    assert_int_equal(r->ncols, 3);
    cx_table_free(r);
    cx_table_free(t);
    tdir_remove(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_are_numbered_in_sorted_key_order),
        cmocka_unit_test(two_keys_group_by_both_values),
        cmocka_unit_test(order_is_stable_with_missing_values_last),
        cmocka_unit_test(filter_combines_conditions),
        cmocka_unit_test(filter_refuses_text_for_a_number_field),
        cmocka_unit_test(derived_tables_gather_and_add_columns),
    };
    return cmocka_run_group_tests_name("data ops", tests, NULL, NULL);
}
