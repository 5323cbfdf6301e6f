/*
 * test_data_json.c — the .json encoding: object and bare-array forms,
 * members in any order, streaming across the read buffer, and every
 * syntax and contract error with its exact message and position.
 *
 * Positions are counted by hand from the input written next to each
 * case: columns are 1-based and count characters (code points).
 */
#include "data_testutil.h"

static const char full_example[] =
    "{\"survey\": {\"id\": \"s1\", \"title\": \"T\", \"year\": 2016, \"fielded\": \"2016-06-15\",\n"
    "            \"wave\": 3, \"population\": \"IT buyers\",\n"
    "            \"sponsor\": {\"name\": \"Acme\", \"tags\": [\"a\", 1, true, null]}},\n"
    " \"questions\": [\n"
    "   {\"id\": \"recommend\", \"type\": \"scale\", \"min\": 0, \"max\": 10, \"text\": \"Recommend?\",\n"
    "    \"labels\": {\"10\": \"Extremely likely\", \"0\": \"Not at all likely\"}},\n"
    "   {\"id\": \"role\", \"type\": \"category\", \"options\": [\"decision maker\", \"influencer\", \"end user\"]},\n"
    "   {\"id\": \"channels\", \"type\": \"multi\", \"options\": [\"web\", \"phone\", \"mail\"]},\n"
    "   {\"id\": \"ok\", \"type\": \"boolean\"},\n"
    "   {\"id\": \"note\", \"type\": \"text\"},\n"
    "   {\"id\": \"spend\", \"type\": \"number\", \"missing\": [-1]}\n"
    " ],\n"
    " \"responses\": [\n"
    "   {\"id\": \"R1\", \"role\": \"end user\", \"recommend\": 9, \"channels\": [\"mail\", \"web\"],\n"
    "    \"ok\": true, \"note\": \"fine\", \"spend\": 10.5},\n"
    "   {\"id\": \"R2\", \"role\": null, \"recommend\": 9.0, \"channels\": [], \"ok\": false, \"spend\": -1},\n"
    "   {\"id\": \"R3\", \"role\": \"influencer\", \"recommend\": null, \"channels\": null, \"note\": \"fine\"}\n"
    " ]}\n";

static void object_form_fills_every_column_type(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "full.json", full_example));
    assert_int_equal(t->nrows, 3);
    /* six declared questions first, in questions order, then "id" */
    assert_int_equal(t->ncols, 7);
    const char *order[] = {"recommend", "role", "channels", "ok", "note", "spend", "id"};
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(t->cols[i].name, order[i]);

    const cx_column *rec = col_of(t, "recommend");
    assert_int_equal(rec->type, CX_Q_SCALE);
    assert_true(rec->declared);
    assert_int_equal(rec->storage, CX_STORE_NUMBER);
    assert_true(rec->num[0] == 9.0 && rec->num[1] == 9.0);   /* 9 and 9.0 are both 9 */
    assert_true(isnan(rec->num[2]));

    /* codes follow the options' display order, whatever the data order */
    const cx_column *role = col_of(t, "role");
    assert_int_equal(cx_dict_count(role->dict), 3);
    assert_string_equal(cx_dict_string(role->dict, 0), "decision maker");
    assert_int_equal(role->code[0], 2);
    assert_int_equal(role->code[1], -1);
    assert_int_equal(role->code[2], 1);

    const cx_column *ch = col_of(t, "channels");
    assert_int_equal(ch->storage, CX_STORE_MULTI);
    assert_int_equal(ch->multi_offset[0], 0);
    assert_int_equal(ch->multi_offset[1], 2);
    assert_int_equal(ch->multi_code[0], 2);         /* mail */
    assert_int_equal(ch->multi_code[1], 0);         /* web */
    assert_int_equal(ch->multi_offset[2], 2);       /* [] : answered, nothing chosen */
    assert_int_equal(ch->multi_missing[1], 0);
    assert_int_equal(ch->multi_offset[3], 2);       /* null: missing */
    assert_int_equal(ch->multi_missing[2], 1);

    const cx_column *ok = col_of(t, "ok");
    assert_int_equal(ok->type, CX_Q_BOOLEAN);
    assert_true(ok->num[0] == 1.0 && ok->num[1] == 0.0 && isnan(ok->num[2]));

    const cx_column *note = col_of(t, "note");
    assert_int_equal(note->type, CX_Q_TEXT);
    assert_int_equal(note->code[0], 0);
    assert_int_equal(note->code[1], -1);
    assert_int_equal(note->code[2], 0);
    assert_int_equal(cx_dict_count(note->dict), 1);

    const cx_column *spend = col_of(t, "spend");
    assert_true(spend->num[0] == 10.5);
    assert_true(isnan(spend->num[1]));              /* -1 is a declared missing code */
    assert_true(isnan(spend->num[2]));              /* absent */

    const cx_column *id = col_of(t, "id");
    assert_false(id->declared);
    assert_null(id->question);
    assert_int_equal(id->type, CX_Q_CATEGORY);
    assert_string_equal(code_str(t, "id", 2), "R3");

    /* questions */
    assert_int_equal(t->nquestions, 6);
    const cx_question *q = &t->questions[0];
    assert_string_equal(q->id, "recommend");
    assert_string_equal(q->text, "Recommend?");
    assert_int_equal(q->min, 0);
    assert_int_equal(q->max, 10);
    assert_int_equal(q->nlabels, 2);                /* sorted by value */
    assert_int_equal(q->labels[0].value, 0);
    assert_string_equal(q->labels[0].label, "Not at all likely");
    assert_int_equal(q->labels[1].value, 10);
    assert_ptr_equal(rec->question, q);
    assert_null(t->questions[1].text);
    assert_int_equal(t->questions[5].nmissing, 1);
    assert_true(t->questions[5].missing[0].is_number);
    assert_true(t->questions[5].missing[0].number == -1.0);

    /* survey */
    assert_string_equal(t->survey.id, "s1");
    assert_string_equal(t->survey.title, "T");
    assert_true(t->survey.has_year);
    assert_int_equal(t->survey.year, 2016);
    assert_string_equal(t->survey.fielded, "2016-06-15");
    assert_string_equal(t->survey.wave, "3");
    assert_string_equal(t->survey.population, "IT buyers");
    assert_null(t->survey.weight);
    assert_null(t->weight);
    const cx_value *extra = &t->survey.extra;
    assert_int_equal(extra->kind, CX_V_OBJECT);
    assert_int_equal(extra->count, 1);
    const cx_value *sp = cx_value_get(extra, "sponsor");
    assert_non_null(sp);
    assert_string_equal(cx_value_get(sp, "name")->string, "Acme");
    const cx_value *tags = cx_value_get(sp, "tags");
    assert_int_equal(tags->kind, CX_V_ARRAY);
    assert_int_equal(tags->count, 4);
    assert_int_equal(tags->items[0].kind, CX_V_STRING);
    assert_true(tags->items[1].kind == CX_V_NUMBER && tags->items[1].number == 1.0);
    assert_true(tags->items[2].kind == CX_V_BOOL && tags->items[2].boolean);
    assert_int_equal(tags->items[3].kind, CX_V_NULL);
    assert_string_equal(t->path, tdir_path(&dir, "full.json"));
    cx_table_free(t);
}

static void bare_array_types_undeclared_fields_from_their_values(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "bare.json",
        "[{\"a\": 1, \"b\": \"x\", \"c\": true},\n"
        " {\"a\": 2.5, \"b\": 3, \"c\": null, \"d\": null},\n"
        " {\"b\": \"x\", \"c\": false}]"));
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->nquestions, 0);
    const cx_column *a = col_of(t, "a");
    assert_int_equal(a->type, CX_Q_NUMBER);
    assert_true(a->num[0] == 1.0 && a->num[1] == 2.5 && isnan(a->num[2]));
    const cx_column *b = col_of(t, "b");
    assert_int_equal(b->type, CX_Q_CATEGORY);
    assert_string_equal(code_str(t, "b", 0), "x");
    assert_string_equal(code_str(t, "b", 1), "3");  /* a number among strings: its text */
    assert_int_equal(b->code[2], b->code[0]);
    const cx_column *c = col_of(t, "c");
    assert_int_equal(c->type, CX_Q_CATEGORY);
    assert_string_equal(code_str(t, "c", 0), "true");
    assert_null(code_str(t, "c", 1));
    assert_string_equal(code_str(t, "c", 2), "false");
    const cx_column *d = col_of(t, "d");             /* only nulls: numeric, all missing */
    assert_int_equal(d->type, CX_Q_NUMBER);
    assert_true(isnan(d->num[0]) && isnan(d->num[1]) && isnan(d->num[2]));
    assert_int_equal(d->num == NULL, 0);
    cx_table_free(t);
}

static void a_numeric_column_meeting_a_string_keeps_first_appearance_order(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "mixed.json",
        "[{\"z\": 7}, {\"z\": 0.5}, {\"z\": null}, {\"z\": \"seven\"}, {\"z\": 7}]"));
    const cx_column *z = col_of(t, "z");
    assert_int_equal(z->type, CX_Q_CATEGORY);
    assert_int_equal(z->storage, CX_STORE_CODE);
    assert_null(z->num);
    assert_int_equal(cx_dict_count(z->dict), 3);
    assert_string_equal(cx_dict_string(z->dict, 0), "7");
    assert_string_equal(cx_dict_string(z->dict, 1), "0.5");
    assert_string_equal(cx_dict_string(z->dict, 2), "seven");
    int32_t want[] = {0, 1, -1, 2, 0};
    for (int i = 0; i < 5; i++)
        assert_int_equal(z->code[i], want[i]);
    cx_table_free(t);
}

static void questions_after_the_responses_still_apply(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "late.json",
        "{\"responses\": [{\"r\": 99, \"m\": [\"a\"]}, {\"r\": 3, \"m\": [\"b\", \"a\"]}],\n"
        " \"questions\": [{\"id\": \"r\", \"type\": \"scale\", \"min\": 1, \"max\": 7, \"missing\": [99]},\n"
        "               {\"id\": \"m\", \"type\": \"multi\"}]}"));
    const cx_column *r = col_of(t, "r");
    assert_int_equal(r->type, CX_Q_SCALE);
    assert_true(isnan(r->num[0]) && r->num[1] == 3.0);
    const cx_column *m = col_of(t, "m");
    assert_int_equal(m->storage, CX_STORE_MULTI);
    assert_string_equal(cx_dict_string(m->dict, m->multi_code[2]), "a");
    assert_int_equal(t->ncols, 2);
    cx_table_free(t);
}

static void a_late_question_turns_an_accepted_value_into_an_error(void **state)
{
    (void)state;
    /* {"responses": [{"r": 8}]  →  '8' is character 22 */
    write_fails_with(&dir, "late_bad.json",
        "{\"responses\": [{\"r\": 8}], \"questions\": [{\"id\": \"r\", \"type\": \"scale\", \"min\": 1, \"max\": 7}]}",
        1, 22, "response 1, field \"r\": expected an integer 1..7 (scale), found 8");
    /* {"responses": [{"w": 1}, {"x": 2}]: the second response's '{' is character 26 */
    write_fails_with(&dir, "late_weight.json",
        "{\"responses\": [{\"w\": 1}, {\"x\": 2}], \"survey\": {\"weight\": \"w\"}}",
        1, 26, "response 2: missing the weight field \"w\" (survey.weight: every response "
               "needs a finite weight >= 0)");
    /* an array is fine only if the late metadata makes it a multi: here it does not
     * ({"responses": [{"m": [ → '[' of the value is character 22) */
    write_fails_with(&dir, "late_array.json",
        "{\"responses\": [{\"m\": [\"a\"]}], \"survey\": {\"title\": \"x\"}}",
        1, 22, "response 1, field \"m\": expected a number, string, boolean or null (an array "
               "is allowed only for a multi question), found an array");
}

static void a_byte_order_mark_is_skipped_and_not_counted(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "bom.json", "\xEF\xBB\xBF[{\"a\": 1}]"));
    assert_int_equal(t->nrows, 1);
    cx_table_free(t);
    /* after the mark: [ { " a " : space 0 → '0' is character 8 */
    write_fails_with(&dir, "bom_bad.json", "\xEF\xBB\xBF[{\"a\": 01}]", 1, 8,
                     "invalid number '01' (leading zeros are not allowed)");
}

static void crlf_line_ends_are_whitespace(void **state)
{
    (void)state;
    cx_table *t = load_ok(tdir_write(&dir, "crlf.json", "[\r\n{\"a\": 1},\r\n{\"a\": 2}\r\n]\r\n"));
    assert_int_equal(t->nrows, 2);
    cx_table_free(t);
    /* line 3 is {"a": x} : 'x' is character 7 */
    write_fails_with(&dir, "crlf_bad.json", "[\r\n{\"a\": 1},\r\n{\"a\": x}\r\n]\r\n", 3, 7,
                     "expected a value, found 'x'");
}

static void syntax_errors_point_at_the_offending_character(void **state)
{
    (void)state;
    /* the file ends after "2": 18 characters, so the end is column 19 */
    write_fails_with(&dir, "s1.json", "[{\"a\": 1}, {\"a\": 2", 1, 19,
                     "unexpected end of file inside an object");
    /* ends right after the comma (10 characters) */
    write_fails_with(&dir, "s2.json", "[{\"a\": 1},", 1, 11,
                     "unexpected end of file inside the responses array");
    write_fails_with(&dir, "s3.json", "{\"responses\": [{\"a\": 1}", 1, 24,
                     "unexpected end of file inside the responses array");
    /* [ { "a" : space 1 space " → the second quote-open is character 10 */
    write_fails_with(&dir, "s4.json", "[{\"a\": 1 \"b\": 2}]", 1, 10,
                     "expected ',' or '}' after a member, found '\"'");
    write_fails_with(&dir, "s5.json", "[{\"a\": 1}] x", 1, 12,
                     "unexpected 'x' after the end of the document");
    write_fails_with(&dir, "s6.json", "[{\"a\": 1}, 5]", 1, 12,
                     "response 2: expected an object {\"field\": value, …}, found 5");
    write_fails_with(&dir, "s7.json", "[{\"a\": tru}]", 1, 8, "expected a value, found 'tru'");
    write_fails_with(&dir, "s8.json", "[{\"a\": 1,}]", 1, 10,
                     "expected a member name (a string in double quotes), found '}'");
    write_fails_with(&dir, "s9.json", "[{\"a\" 1}]", 1, 7,
                     "expected ':' after the member name, found '1'");
    write_fails_with(&dir, "s10.json", "[{\"a\": 1} {\"a\": 2}]", 1, 11,
                     "expected ',' or ']' after a response, found '{'");
    write_fails_with(&dir, "s11.json", "", 1, 1,
                     "expected a JSON object {\"responses\": […]} or an array of responses, "
                     "found end of file");
    write_fails_with(&dir, "s12.json", "  \"x\"", 1, 3,
                     "expected a JSON object {\"responses\": […]} or an array of responses, "
                     "found '\"'");
    /* a real tab inside a string: the quote is character 8, x 9, the tab 10 */
    write_fails_with(&dir, "s13.json", "[{\"a\": \"x\ty\"}]", 1, 10,
                     "unexpected control character U+0009 inside a string (escape it)");
    write_fails_with(&dir, "s14.json", "[{\"a\": \"x\\qy\"}]", 1, 10,
                     "invalid escape '\\q' in a string");
    write_fails_with(&dir, "s15.json", "[{\"a\": \"\\ud800\"}]", 1, 9,
                     "invalid escape '\\ud800' in a string: a high surrogate must be followed "
                     "by a low surrogate escape");
}

static void what_cjson_would_let_through_is_rejected(void **state)
{
    (void)state;
    /* [ { " a " : space → the value starts at character 8 */
    write_fails_with(&dir, "c1.json", "[{\"a\": 0123}]", 1, 8,
                     "invalid number '0123' (leading zeros are not allowed)");
    write_fails_with(&dir, "c2.json", "[{\"a\": 1e999}]", 1, 8,
                     "number 1e999 is out of range (numbers must be finite)");
    write_fails_with(&dir, "c3.json", "[{\"a\": NaN}]", 1, 8,
                     "NaN is not allowed (numbers must be finite)");
    write_fails_with(&dir, "c4.json", "[{\"a\": -Infinity}]", 1, 8,
                     "-Infinity is not allowed (numbers must be finite)");
    write_fails_with(&dir, "c5.json", "[{\"a\": 1.}]", 1, 8,
                     "invalid number '1.' (a digit must follow the decimal point)");
    write_fails_with(&dir, "c6.json", "[{\"a\": .5}]", 1, 8,
                     "invalid number '.5' (a digit must come before the decimal point)");
    /* the backslash of \u0000 is character 10 (after the quote at 8 and x at 9) */
    write_fails_with(&dir, "c7.json", "[{\"a\": \"x\\u0000\"}]", 1, 10,
                     "\\u0000 (the NUL character) is not allowed in a string");
    /* the second "a" starts at character 11 */
    write_fails_with(&dir, "c8.json", "[{\"a\": 1, \"a\": 2}]", 1, 11,
                     "response 1: duplicate field \"a\"");
    /* keys are case-sensitive: "A" and "a" are two fields */
    cx_table *t = load_ok(tdir_write(&dir, "c9.json", "[{\"a\": 1, \"A\": 2}]"));
    assert_int_equal(t->ncols, 2);
    assert_true(col_of(t, "A")->num[0] == 2.0);
    assert_null(cx_table_column(t, "B"));
    cx_table_free(t);
    /* invalid UTF-8 in a value (the bad byte follows the quote at 8) and in a key */
    write_fails_with(&dir, "c10.json", "[{\"a\": \"\xff\"}]", 1, 9, "invalid UTF-8 (byte 0xFF)");
    write_fails_with(&dir, "c11.json", "[{\"\xc3\x28\": 1}]", 1, 4, "invalid UTF-8 (byte 0xC3)");
    /* an overlong form and an encoded surrogate are invalid too */
    write_fails_with(&dir, "c12.json", "[{\"a\": \"\xc0\xaf\"}]", 1, 9, "invalid UTF-8 (byte 0xC0)");
    write_fails_with(&dir, "c13.json", "[{\"a\": \"\xed\xa0\x80\"}]", 1, 9,
                     "invalid UTF-8 (byte 0xED)");
}

static void nested_values_are_errors_with_the_response_id(void **state)
{
    (void)state;
    /* [ {"id": "R1", "a": { → the value's '{' is character 20 */
    write_fails_with(&dir, "n1.json", "[{\"id\": \"R1\", \"a\": {\"b\": 1}}]", 1, 20,
                     "response 1 (id \"R1\"), field \"a\": expected a number, string, boolean "
                     "or null (an array is allowed only for a multi question), found an object");
    write_fails_with(&dir, "n2.json", "[{\"a\": [1, 2], \"id\": 7}]", 1, 8,
                     "response 1 (id 7), field \"a\": expected a number, string, boolean or "
                     "null (an array is allowed only for a multi question), found an array");
}

static void columns_count_characters_not_bytes(void **state)
{
    (void)state;
    /* [ { " é " : sp " ü " , sp " a " : sp 0 → é and ü are one column each:
     * the 0 is character 18 (21 bytes in) */
    write_fails_with(&dir, "u1.json", "[{\"é\": \"ü\", \"a\": 01}]", 1, 18,
                     "invalid number '01' (leading zeros are not allowed)");
    /* on line 4, three spaces then "b": 0x1 → the 0 is character 9 */
    write_fails_with(&dir, "u2.json", "[\n  {\"a\": 1},\n  {\"a\": 2,\n   \"b\": 0x1}\n]\n", 4, 9,
                     "invalid number '0x1' (not a JSON number)");
}

static void top_level_members_are_checked(void **state)
{
    (void)state;
    write_fails_with(&dir, "t1.json", "{\"responses\": [], \"extra\": 1}", 1, 19,
                     "unknown top-level member \"extra\" (expected \"survey\", \"questions\" or "
                     "\"responses\")");
    write_fails_with(&dir, "t2.json", "{\"survey\": {}}", 1, 1,
                     "missing member \"responses\" (the array of responses)");
    write_fails_with(&dir, "t3.json", "{\"responses\": {\"a\": 1}}", 1, 15,
                     "\"responses\" must be an array of response objects, found an object");
    write_fails_with(&dir, "t4.json", "{\"responses\": [], \"responses\": []}", 1, 19,
                     "duplicate member \"responses\"");
    cx_table *t = load_ok(tdir_write(&dir, "t5.json", "{\"responses\": []}"));
    assert_int_equal(t->nrows, 0);
    assert_int_equal(t->ncols, 0);
    cx_table_free(t);
}

static void limits_stop_the_load_with_the_flag_to_raise(void **state)
{
    (void)state;
    cx_load_limits rows = {.max_rows = 2};
    /* the third response's '{' is character 22 */
    load_fails_with(tdir_write(&dir, "l1.json", "[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]"), &rows,
                    NULL, 1, 22, "more than 2 responses (raise the limit with --max-rows)");
    cx_table *t;
    cx_diag d;
    assert_int_equal(cx_dataset_load(tdir_write(&dir, "l2.json", "[{\"a\": 1}, {\"a\": 2}]"),
                                     &rows, &t, &d), CX_OK);
    cx_table_free(t);
    cx_load_limits bytes = {.max_line_bytes = 10};
    /* {"a": 1} is 8 bytes, {"a": "long"} is 13 */
    load_fails_with(tdir_write(&dir, "l3.json", "[{\"a\": 1},\n {\"a\": \"long\"}]"), &bytes,
                    NULL, 2, 2, "response 2 is longer than 10 bytes (raise the limit with "
                    "--max-line-bytes)");
}

static void the_data_memory_limit_stops_at_the_value(void **state)
{
    (void)state;
    cx_load_limits kib = {.max_data_memory = 256 << 10};
    /* [{"a": " — the value starts at character 8 */
    char *text = with_long_text("[{\"a\": \"", 300 << 10, "\"}]");
    load_fails_with(tdir_write(&dir, "mem.json", text), &kib, NULL, 1, 8, "dataset needs more "
                    "than 256 KiB of memory (raise the limit with --max-data-memory)");
    free(text);
}

static void missing_files_and_unknown_extensions_are_data_errors(void **state)
{
    (void)state;
    load_fails_with(tdir_path(&dir, "absent.json"), NULL, NULL, 0, 0,
                    "cannot open: No such file or directory");
    load_fails_with(tdir_write(&dir, "data.txt", "[]"), NULL, NULL, 0, 0,
                    "unknown dataset extension \".txt\" (expected .json, .jsonl, .ndjson or .csv)");
    /* the extension is matched without regard to case */
    cx_table *t = load_ok(tdir_write(&dir, "upper.JSON", "[]"));
    cx_table_free(t);
}

/* Big enough to cross the 1 MiB read buffer several times. */
static void responses_stream_across_the_read_buffer(void **state)
{
    (void)state;
    enum { N = 60000 };
    size_t cap = (size_t)N * 48 + 64, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    o += (size_t)snprintf(text + o, cap - o, "[\n");
    for (int i = 1; i <= N; i++)
        o += (size_t)snprintf(text + o, cap - o, "{\"id\": \"R%06d\", \"n\": %d}%s\n", i, i % 10,
                              i < N ? "," : "");
    o += (size_t)snprintf(text + o, cap - o, "]\n");
    cx_table *t = load_ok(tdir_write_n(&dir, "big.json", text, (long)o));
    assert_int_equal(t->nrows, N);
    const cx_column *n = col_of(t, "n");
    double sum = 0;
    for (size_t i = 0; i < t->nrows; i++)
        sum += n->num[i];
    /* i % 10 over 1..60000: 6000 full cycles of 0+1+…+9 = 45 */
    assert_true(sum == 6000.0 * 45);
    assert_string_equal(code_str(t, "id", N - 1), "R060000");
    cx_table_free(t);

    /* the same with an error in the last response: it is on line N + 1;
     * {"id": "R060000", "n": → the value is character 24 */
    char *last = strstr(text + o - 40, "\"n\": 0}");
    assert_non_null(last);
    memcpy(last, "\"n\": x}", 7);
    load_fails_with(tdir_write_n(&dir, "big_bad.json", text, (long)o), NULL, NULL, N + 1, 24,
                    "expected a value, found 'x'");
    free(text);
}

static void one_response_larger_than_the_buffer_still_loads(void **state)
{
    (void)state;
    size_t big = 3u << 20;                  /* a 3 MiB string */
    char *text = malloc(big + 64);
    assert_non_null(text);
    size_t o = (size_t)snprintf(text, 64, "[{\"a\": 1}, {\"s\": \"");
    memset(text + o, 'x', big);
    o += big;
    o += (size_t)snprintf(text + o, 64, "\"}]");
    cx_table *t = load_ok(tdir_write_n(&dir, "huge.json", text, (long)o));
    assert_int_equal(t->nrows, 2);
    const cx_column *s = col_of(t, "s");
    assert_int_equal(strlen(cx_dict_string(s->dict, s->code[1])), big);
    cx_table_free(t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(object_form_fills_every_column_type),
        cmocka_unit_test(bare_array_types_undeclared_fields_from_their_values),
        cmocka_unit_test(a_numeric_column_meeting_a_string_keeps_first_appearance_order),
        cmocka_unit_test(questions_after_the_responses_still_apply),
        cmocka_unit_test(a_late_question_turns_an_accepted_value_into_an_error),
        cmocka_unit_test(a_byte_order_mark_is_skipped_and_not_counted),
        cmocka_unit_test(crlf_line_ends_are_whitespace),
        cmocka_unit_test(syntax_errors_point_at_the_offending_character),
        cmocka_unit_test(what_cjson_would_let_through_is_rejected),
        cmocka_unit_test(nested_values_are_errors_with_the_response_id),
        cmocka_unit_test(columns_count_characters_not_bytes),
        cmocka_unit_test(top_level_members_are_checked),
        cmocka_unit_test(limits_stop_the_load_with_the_flag_to_raise),
        cmocka_unit_test(the_data_memory_limit_stops_at_the_value),
        cmocka_unit_test(missing_files_and_unknown_extensions_are_data_errors),
        cmocka_unit_test(responses_stream_across_the_read_buffer),
        cmocka_unit_test(one_response_larger_than_the_buffer_still_loads),
    };
    return cmocka_run_group_tests(tests, tdir_setup, tdir_teardown);
}
