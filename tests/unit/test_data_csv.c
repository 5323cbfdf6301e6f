/*
 * test_data_csv.c — the CSV encoding: RFC 4180 quoting, line ends, the
 * number grammar for cells, typing through the sidecar, and every error
 * with its exact message and position.
 *
 * Positions are counted by hand from the input next to each case.
 */
#include "data_testutil.h"

static void quoted_cells_hold_commas_quotes_and_line_breaks(void **state)
{
    (void)state;
    const char *variants[] = {
        "id,name,comment,n\n"
        "R1,\"Smith, Jane\",\"She said \"\"hi\"\"\",1\n"
        "R2,plain,\"two\nlines\",2\n"
        "R3,,\"\",\n",
        "id,name,comment,n\r\n"
        "R1,\"Smith, Jane\",\"She said \"\"hi\"\"\",1\r\n"
        "R2,plain,\"two\nlines\",2\r\n"
        "R3,,\"\",",                    /* no line end after the last record */
    };
    for (int v = 0; v < 2; v++) {
        cx_table *t = load_ok(tdir_write(&dir, "q.csv", variants[v]));
        assert_int_equal(t->nrows, 3);
        assert_int_equal(t->ncols, 4);
        assert_string_equal(code_str(t, "name", 0), "Smith, Jane");
        assert_string_equal(code_str(t, "comment", 0), "She said \"hi\"");
        assert_string_equal(code_str(t, "comment", 1), "two\nlines");
        assert_null(code_str(t, "name", 2));        /* empty cell: missing */
        assert_null(code_str(t, "comment", 2));     /* "" is empty too */
        const cx_column *n = col_of(t, "n");
        assert_int_equal(n->type, CX_Q_NUMBER);
        assert_true(n->num[0] == 1.0 && n->num[1] == 2.0 && isnan(n->num[2]));
        cx_table_free(t);
    }
}

static void only_the_json_number_grammar_makes_a_number(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "g.csv",
                                     "a,b,c,d,e,f,g,h\n1e3,007,NaN,inf, 5,-0.5,1.,\"2\"\n"));
    assert_int_equal(col_of(t, "a")->type, CX_Q_NUMBER);
    assert_true(col_of(t, "a")->num[0] == 1000.0);
    const char *strings[] = {"b", "007", "c", "NaN", "d", "inf", "e", " 5", "g", "1."};
    for (int i = 0; i < 10; i += 2) {
        assert_int_equal(col_of(t, strings[i])->type, CX_Q_CATEGORY);
        assert_string_equal(code_str(t, strings[i], 0), strings[i + 1]);
    }
    assert_true(col_of(t, "f")->num[0] == -0.5);
    assert_true(col_of(t, "h")->num[0] == 2.0);      /* quoting does not matter */
    cx_table_free(t);
}

static void a_byte_order_mark_and_blank_lines_are_skipped(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "b.csv", "\xEF\xBB\xBF" "a,b\n\n1,2\n\n\n3,4\n\n"));
    assert_int_equal(t->nrows, 2);
    assert_string_equal(t->cols[0].name, "a");
    assert_true(col_of(t, "b")->num[1] == 4.0);
    cx_table_free(t);
}

static const char typed_meta[] =
    "{\"survey\": {\"weight\": \"w\"}, \"questions\": [\n"
    " {\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 10, \"missing\": [99, \"N/A\"]},\n"
    " {\"id\": \"cat\", \"type\": \"category\", \"options\": [\"1\", \"2\"]},\n"
    " {\"id\": \"num\", \"type\": \"category\", \"options\": [1, 2.5]},\n"
    " {\"id\": \"txt\", \"type\": \"text\"},\n"
    " {\"id\": \"ok\", \"type\": \"boolean\"},\n"
    " {\"id\": \"ch\", \"type\": \"multi\", \"options\": [\"web\", \"phone\", \"mail\"]}]}\n";

static void the_sidecar_types_the_cells(void **state)
{
    (void)state;
    tdir_write(&dir, "typed.meta.json", typed_meta);
    cx_table *t = load_ok(tdir_write(&dir, "typed.csv",
        "r,cat,num,txt,ok,ch,w\n"
        "9.0,1,2.5,007,true,mail; web,1.5\n"
        "99,2,1,1e3,FALSE,\"[\"\"phone\"\"]\",0\n"
        "N/A,,1.0,,,,2\n"));
    assert_int_equal(t->nrows, 3);
    const cx_column *r = col_of(t, "r");
    assert_true(r->num[0] == 9.0 && isnan(r->num[1]) && isnan(r->num[2]));
    assert_int_equal(col_of(t, "cat")->code[0], 0);     /* raw text "1" is option 0 */
    assert_int_equal(col_of(t, "cat")->code[1], 1);
    assert_int_equal(col_of(t, "num")->code[0], 1);     /* options [1, 2.5] as text */
    assert_int_equal(col_of(t, "num")->code[1], 0);
    assert_int_equal(col_of(t, "num")->code[2], 0);     /* 1.0 is the number 1 */
    assert_string_equal(code_str(t, "txt", 0), "007");  /* text keeps the raw cell */
    assert_string_equal(code_str(t, "txt", 1), "1e3");
    const cx_column *ok = col_of(t, "ok");
    assert_true(ok->num[0] == 1.0 && ok->num[1] == 0.0 && isnan(ok->num[2]));
    const cx_column *ch = col_of(t, "ch");
    assert_int_equal(ch->multi_offset[1] - ch->multi_offset[0], 2);
    assert_int_equal(ch->multi_code[0], 2);             /* mail */
    assert_int_equal(ch->multi_code[1], 0);             /* web */
    assert_int_equal(ch->multi_code[2], 1);             /* phone */
    assert_int_equal(ch->multi_missing[2], 1);
    assert_non_null(t->weight);
    assert_true(t->weight[0] == 1.5 && t->weight[1] == 0.0 && t->weight[2] == 2.0);
    cx_table_free(t);
}

static void cell_count_and_quoting_errors_are_positioned(void **state)
{
    (void)state;
    /* 1,2,3: the third cell starts at character 5 */
    write_fails_with(&dir, "c1.csv", "a,b\n1,2,3\n", 2, 5,
                     "response 1: expected 2 cells as in the header, found 3");
    /* the record "1" ends after character 1 */
    write_fails_with(&dir, "c2.csv", "a,b\n1\n", 2, 2,
                     "response 1: expected 2 cells as in the header, found 1");
    write_fails_with(&dir, "c3.csv", "id,b\nR1,2\nR2,\"3\",4\n", 3, 8,
                     "response 2 (id \"R2\"): expected 2 cells as in the header, found 3");
    /* the unclosed quote is character 3 of line 2 */
    write_fails_with(&dir, "c4.csv", "a,b\n1,\"oops\n2,3\n", 2, 3,
                     "unexpected end of file inside a quoted cell (its closing quote is missing)");
    write_fails_with(&dir, "c5.csv", "a\nab\"c\n", 2, 3,
                     "unexpected '\"' inside an unquoted cell (a cell holding quotes must be "
                     "quoted, its quotes doubled)");
    write_fails_with(&dir, "c6.csv", "a,b\n\"x\"y,1\n", 2, 4,
                     "expected ',' or the end of the line after a closing quote, found 'y'");
}

static void invalid_utf8_is_reported_at_its_character(void **state)
{
    (void)state;
    write_fails_with(&dir, "u1.csv", "a,b\nok,\xff\n", 2, 4, "invalid UTF-8 (byte 0xFF)");
    /* é is one character: the bad byte is character 3 */
    write_fails_with(&dir, "u2.csv", "a,b\n\xc3\xa9,\xe2\x82\n", 2, 3, "invalid UTF-8 (byte 0xE2)");
    write_fails_with(&dir, "u3.csv", "a,\"b\xff\"\n", 1, 5, "invalid UTF-8 (byte 0xFF)");
}

static void header_errors(void **state)
{
    (void)state;
    write_fails_with(&dir, "h1.csv", "a,b,a\n1,2,3\n", 1, 5, "duplicate field \"a\" in the header");
    write_fails_with(&dir, "h2.csv", "a,,b\n", 1, 3,
                     "header cell 2 is empty (every column needs a field name)");
    write_fails_with(&dir, "h3.csv", "", 1, 1,
                     "expected a header row with the field names, found end of file");
    cx_table *t = load_ok(tdir_write(&dir, "h4.csv", "a,b\n"));
    assert_int_equal(t->nrows, 0);
    assert_int_equal(t->ncols, 2);
    cx_table_free(t);
}

static void values_are_checked_against_their_questions(void **state)
{
    (void)state;
    tdir_write(&dir, "v.meta.json",
               "{\"survey\": {\"weight\": \"w\"}, \"questions\": [{\"id\": \"r\", \"type\": \"scale\", "
               "\"min\": 0, \"max\": 10}, {\"id\": \"n\", \"type\": \"number\"}]}");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,11,1\n", 2, 4,
                     "response 1 (id \"R1\"), field \"r\": expected an integer 0..10 (scale), found 11");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,7.5,1\n", 2, 4,
                     "response 1 (id \"R1\"), field \"r\": expected an integer 0..10 (scale), found 7.5");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,\"9x\",1\n", 2, 4,
                     "response 1 (id \"R1\"), field \"r\": expected an integer 0..10 (scale), found \"9x\"");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,1,1\nR2,2,\n", 3, 6,
                     "response 2 (id \"R2\"), field \"w\": expected a finite number >= 0 (the "
                     "survey weight), found an empty cell");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,1,-1\n", 2, 6,
                     "response 1 (id \"R1\"), field \"w\": expected a finite number >= 0 (the "
                     "survey weight), found -1");
    write_fails_with(&dir, "v.csv", "id,r\nR1,1\n", 2, 1,
                     "response 1 (id \"R1\"): missing the weight field \"w\" (survey.weight: every "
                     "response needs a finite weight >= 0)");
    write_fails_with(&dir, "v.csv", "id,r,w\nR1,1,1e999\n", 2, 6,
                     "response 1 (id \"R1\"), field \"w\": number 1e999 is out of range (numbers "
                     "must be finite)");
    /* the record spans lines 2 and 3; "oops" is character 4 of line 3 */
    write_fails_with(&dir, "v.csv", "id,c,n,w\nR1,\"x\ny\",oops,1\n", 3, 4,
                     "response 1 (id \"R1\"), field \"n\": expected a number, found \"oops\"");
    /* CRLF: line 3 is 3,x → x is character 3 */
    write_fails_with(&dir, "v.csv", "id,n,w\r\n1,2,1\r\n3,x,1\r\n", 3, 3,
                     "response 2 (id 3), field \"n\": expected a number, found \"x\"");
}

static void limits_name_their_flags(void **state)
{
    (void)state;
    cx_load_limits bytes = {.max_line_bytes = 8};
    /* line 3 is 12 bytes: the ninth is the first past the limit */
    load_fails_with(tdir_write(&dir, "l1.csv", "a,b\n1,2\n12345,678901\n"), &bytes, NULL, 3, 9,
                    "line is longer than 8 bytes (raise the limit with --max-line-bytes)");
    cx_load_limits rows = {.max_rows = 2};
    load_fails_with(tdir_write(&dir, "l2.csv", "a\n1\n2\n3\n"), &rows, NULL, 4, 1,
                    "more than 2 responses (raise the limit with --max-rows)");
}

static void the_data_memory_limit_stops_at_the_cell(void **state)
{
    (void)state;
    cx_load_limits kib = {.max_data_memory = 256 << 10};
    char *text = with_long_text("id,a\nR1,", 300 << 10, "\n");
    load_fails_with(tdir_write(&dir, "mem.csv", text), &kib, NULL, 2, 4, "dataset needs more "
                    "than 256 KiB of memory (raise the limit with --max-data-memory)");
    free(text);
}

static void a_large_file_streams_through_the_buffer(void **state)
{
    (void)state;
    enum { N = 120000 };
    size_t cap = (size_t)N * 32 + 64, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    o += (size_t)snprintf(text + o, cap - o, "id,v,n\n");
    for (int i = 1; i <= N; i++)
        o += (size_t)snprintf(text + o, cap - o, "R%06d,\"v,%d\",%d\n", i, i % 3, i % 5);
    cx_table *t = load_ok(tdir_write_n(&dir, "big.csv", text, (long)o));
    assert_int_equal(t->nrows, N);
    double sum = 0;
    for (size_t i = 0; i < t->nrows; i++)
        sum += col_of(t, "n")->num[i];
    /* i % 5 for i = 1..120000: 24000 cycles of 0+1+2+3+4 = 10 */
    assert_true(sum == 24000.0 * 10);
    assert_int_equal(cx_dict_count(col_of(t, "v")->dict), 3);
    assert_string_equal(code_str(t, "v", 0), "v,1");
    cx_table_free(t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoted_cells_hold_commas_quotes_and_line_breaks),
        cmocka_unit_test(only_the_json_number_grammar_makes_a_number),
        cmocka_unit_test(a_byte_order_mark_and_blank_lines_are_skipped),
        cmocka_unit_test(the_sidecar_types_the_cells),
        cmocka_unit_test(cell_count_and_quoting_errors_are_positioned),
        cmocka_unit_test(invalid_utf8_is_reported_at_its_character),
        cmocka_unit_test(header_errors),
        cmocka_unit_test(values_are_checked_against_their_questions),
        cmocka_unit_test(limits_name_their_flags),
        cmocka_unit_test(the_data_memory_limit_stops_at_the_cell),
        cmocka_unit_test(a_large_file_streams_through_the_buffer),
    };
    return cmocka_run_group_tests(tests, tdir_setup, tdir_teardown);
}
