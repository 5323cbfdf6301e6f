/*
 * test_data_jsonl.c — the JSON Lines encoding: one response per line,
 * blank lines, the NAME.meta.json sidecar (present, absent, broken), line
 * ends, limits, and errors on a line in the middle of a file.
 *
 * Positions are counted by hand from the input next to each case.
 */
#include "data_testutil.h"

static const char scale_meta[] =
    "{\"survey\": {\"title\": \"V\"},\n"
    " \"questions\": [{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 10, \"missing\": [99]}]}\n";

static void lines_are_responses_and_blank_lines_are_skipped(void **state)
{
    (void)state;
    tdir_write(&dir, "votes.meta.json", scale_meta);
    cx_table *t = load_ok(tdir_write(&dir, "votes.jsonl",
                                     "{\"id\": \"A\", \"r\": 9}\n\n   \n{\"id\": \"B\", \"r\": 99}\n"));
    assert_int_equal(t->nrows, 2);
    const cx_column *r = col_of(t, "r");
    assert_true(r->declared);
    assert_int_equal(r->type, CX_Q_SCALE);
    assert_true(r->num[0] == 9.0);
    assert_true(isnan(r->num[1]));                 /* 99 is the declared missing code */
    assert_string_equal(t->survey.title, "V");
    assert_string_equal(code_str(t, "id", 1), "B");
    cx_table_free(t);
}

static void without_a_sidecar_fields_are_typed_from_values(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "plain.jsonl",
                                     "{\"n\": 1, \"s\": \"a\"}\n{\"n\": -2.5e1, \"s\": 2}"));
    assert_int_equal(t->nquestions, 0);
    assert_int_equal(col_of(t, "n")->type, CX_Q_NUMBER);
    assert_true(col_of(t, "n")->num[1] == -25.0);
    assert_int_equal(col_of(t, "s")->type, CX_Q_CATEGORY);
    assert_string_equal(code_str(t, "s", 1), "2");
    cx_table_free(t);
}

static void ndjson_files_take_the_same_sidecar_name(void **state)
{
    (void)state;
    tdir_write(&dir, "feed.meta.json", scale_meta);
    cx_table *t = load_ok(tdir_write(&dir, "feed.ndjson", "{\"r\": 3}\n"));
    assert_int_equal(col_of(t, "r")->type, CX_Q_SCALE);
    cx_table_free(t);
}

static void crlf_and_byte_order_marks_are_tolerated(void **state)
{
    (void)state;
    tdir_write(&dir, "win.meta.json", "\xEF\xBB\xBF{\"questions\": [{\"id\": \"a\", \"type\": \"number\"}]}\r\n");
    cx_table *t = load_ok(tdir_write(&dir, "win.jsonl",
                                     "\xEF\xBB\xBF{\"a\": 1}\r\n\r\n{\"a\": 2}\r\n"));
    assert_int_equal(t->nrows, 2);
    assert_true(col_of(t, "a")->declared);
    cx_table_free(t);
    /* line 3 is {"a": "x"} after a blank CRLF line: the value is character 7 */
    write_fails_with(&dir, "win.jsonl", "\xEF\xBB\xBF{\"a\": 1}\r\n\r\n{\"a\": \"x\"}\r\n", 3, 7,
                     "response 2, field \"a\": expected a number, found \"x\"");
}

static void a_bad_line_in_the_middle_is_reported_on_its_line(void **state)
{
    (void)state;
    /* line 4: {"a": 1} {"a": 2} → the second '{' is character 10 */
    write_fails_with(&dir, "mid.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n{\"a\": 1} {\"a\": 2}\n{\"a\": 5}\n",
                     4, 10, "unexpected '{' after the response (one response per line)");
    /* line 2 stops inside a string: the end of line is after 8 characters */
    write_fails_with(&dir, "cut.jsonl", "{\"a\": 1}\n{\"a\": \"x\n{\"a\": 3}\n", 2, 9,
                     "unexpected end of line inside a string");
    /* the same on the last line, which has no line end */
    write_fails_with(&dir, "cut2.jsonl", "{\"a\": 1}\n{\"a\": \"x", 2, 9,
                     "unexpected end of file inside a string");
    write_fails_with(&dir, "arr.jsonl", "[1, 2]\n", 1, 1,
                     "response 1: expected an object {\"field\": value, …}, found an array");
    /* blank lines do not count as responses: the bad one is response 2 */
    write_fails_with(&dir, "num.jsonl", "{\"a\": 1}\n\n{\"a\": [1]}\n", 3, 7,
                     "response 2, field \"a\": expected a number, string, boolean or null (an "
                     "array is allowed only for a multi question), found an array");
}

static void columns_count_characters_on_the_line(void **state)
{
    (void)state;
    tdir_write(&dir, "uni.meta.json", scale_meta);
    /* {"é": "ü", "r": 11} → the 11 is character 17 */
    write_fails_with(&dir, "uni.jsonl", "{\"r\": 1}\n{\"é\": \"ü\", \"r\": 11}\n", 2, 17,
                     "response 2, field \"r\": expected an integer 0..10 (scale), found 11");
}

static void sidecar_errors_name_the_sidecar(void **state)
{
    (void)state;
    const char *data = tdir_write(&dir, "side.jsonl", "{\"a\": 1}\n");
    char data_path[256], meta_path[256];
    snprintf(data_path, sizeof data_path, "%s", data);
    snprintf(meta_path, sizeof meta_path, "%s", tdir_path(&dir, "side.meta.json"));

    /* {"survey": {"title": "x",}} → the '}' after the comma is character 26 */
    tdir_write(&dir, "side.meta.json", "{\"survey\": {\"title\": \"x\",}}");
    load_fails_with(data_path, NULL, meta_path, 1, 26,
                    "expected a member name (a string in double quotes), found '}'");
    /* the second question's '{' is on line 3, character 3 */
    tdir_write(&dir, "side.meta.json",
               "{\"questions\": [\n  {\"id\": \"a\", \"type\": \"text\"},\n  {\"id\": \"r\", \"type\": \"scale\"}\n]}");
    load_fails_with(data_path, NULL, meta_path, 3, 3,
                    "questions[1] (\"r\"): \"min\" and \"max\" are required for a scale question");
    /* {"survey": {}, "responses" → the key's quote is character 16 */
    tdir_write(&dir, "side.meta.json", "{\"survey\": {}, \"responses\": []}");
    load_fails_with(data_path, NULL, meta_path, 1, 16,
                    "unknown member \"responses\" (a sidecar holds only \"survey\" and \"questions\")");
    tdir_write(&dir, "side.meta.json", "[]");
    load_fails_with(data_path, NULL, meta_path, 1, 1,
                    "expected an object {\"survey\": …, \"questions\": […]}, found '['");
    tdir_write(&dir, "side.meta.json", "{\"survey\": {}} {}");
    load_fails_with(data_path, NULL, meta_path, 1, 16,
                    "unexpected '{' after the end of the document");
    tdir_write(&dir, "side.meta.json", "{\"survey\": {\"a\": 1, \"a\": 2}}");
    load_fails_with(data_path, NULL, meta_path, 1, 21, "duplicate member \"a\"");
}

static void limits_name_their_flags(void **state)
{
    (void)state;
    cx_load_limits bytes = {.max_line_bytes = 20};
    /* line 2 has 26 bytes; the first one past the limit is character 21 */
    load_fails_with(tdir_write(&dir, "long.jsonl", "{\"a\": 1}\n{\"a\": \"0123456789abcdef\"}\n"),
                    &bytes, NULL, 2, 21,
                    "line is longer than 20 bytes (raise the limit with --max-line-bytes)");
    cx_load_limits rows = {.max_rows = 1};
    load_fails_with(tdir_write(&dir, "rows.jsonl", "{\"a\": 1}\n\n{\"a\": 2}\n"), &rows, NULL, 3, 1,
                    "more than 1 response (raise the limit with --max-rows)");
}

static void the_data_memory_limit_stops_where_the_table_grows(void **state)
{
    (void)state;
    /* A 300 KiB text cannot join a table capped at 256 KiB: the error is
     * at the value, before its copy is made. */
    cx_load_limits kib = {.max_data_memory = 256 << 10};
    char *text = with_long_text("{\"a\": \"", 300 << 10, "\"}\n");
    const char *path = tdir_write(&dir, "mem1.jsonl", text);
    load_fails_with(path, &kib, NULL, 1, 7, "dataset needs more than 256 KiB of memory (raise "
                    "the limit with --max-data-memory)");
    cx_load_limits odd = {.max_data_memory = 100000};
    load_fails_with(path, &odd, NULL, 1, 7, "dataset needs more than 100000 bytes of memory "
                    "(raise the limit with --max-data-memory)");
    free(text);
    /* A number column takes 8 bytes a row and doubles from 1024 rows:
     * 65536 rows hold 512 KiB (with the names' first 64 KiB pool block,
     * well under 1 MiB); the 65537th would double that to 1 MiB more. */
    enum { N = 65537 };
    size_t cap = (size_t)N * 9 + 1, o = 0;
    text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < N; i++)
        o += (size_t)snprintf(text + o, cap - o, "{\"n\": 1}\n");
    cx_load_limits mib = {.max_data_memory = 1 << 20};
    load_fails_with(tdir_write_n(&dir, "mem2.jsonl", text, (long)o), &mib, NULL, N, 1,
                    "dataset needs more than 1 MiB of memory (raise the limit with "
                    "--max-data-memory)");
    cx_table *t = NULL;
    cx_diag d;
    assert_int_equal(cx_dataset_load(tdir_write_n(&dir, "mem3.jsonl", text, (long)o - 9), &mib,
                                     &t, &d), CX_OK);
    assert_int_equal(t->nrows, N - 1);
    cx_table_free(t);
    free(text);
}

static void a_large_file_streams_through_the_buffer(void **state)
{
    (void)state;
    enum { N = 50000 };
    size_t cap = (size_t)N * 48, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 1; i <= N; i++)
        o += (size_t)snprintf(text + o, cap - o, "{\"id\": \"R%06d\", \"n\": %d}\n", i, i % 7);
    cx_table *t = load_ok(tdir_write_n(&dir, "big.jsonl", text, (long)o));
    assert_int_equal(t->nrows, N);
    double sum = 0;
    for (size_t i = 0; i < t->nrows; i++)
        sum += col_of(t, "n")->num[i];
    /* i % 7 for i = 1..50000: 7142 full cycles (0+…+6 = 21) cover 1..49994,
     * then 49995..50000 give 1+2+3+4+5+6 = 21 */
    assert_true(sum == 7142.0 * 21 + 21);
    cx_table_free(t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_are_responses_and_blank_lines_are_skipped),
        cmocka_unit_test(without_a_sidecar_fields_are_typed_from_values),
        cmocka_unit_test(ndjson_files_take_the_same_sidecar_name),
        cmocka_unit_test(crlf_and_byte_order_marks_are_tolerated),
        cmocka_unit_test(a_bad_line_in_the_middle_is_reported_on_its_line),
        cmocka_unit_test(columns_count_characters_on_the_line),
        cmocka_unit_test(sidecar_errors_name_the_sidecar),
        cmocka_unit_test(limits_name_their_flags),
        cmocka_unit_test(the_data_memory_limit_stops_where_the_table_grows),
        cmocka_unit_test(a_large_file_streams_through_the_buffer),
    };
    return cmocka_run_group_tests(tests, tdir_setup, tdir_teardown);
}
