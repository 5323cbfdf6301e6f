/*
 * test_data_validate.c — the contract's rules on values, questions and
 * survey metadata: what each question type accepts, missing codes, the
 * weight, and each metadata error with its message and position.
 *
 * Positions are counted by hand; the layout of the inputs is fixed so the
 * counting is written once (see the comments at each helper).
 */
#include "data_testutil.h"

/* Line 1 declares the question, line 2 holds one response:
 *    "responses": [{"r": VALUE}]}
 * ^1 ^2         ^13 ^16        : the value always starts at column 22. */
static void value_fails(const char *question, const char *field, const char *value,
                        const char *message)
{
    char text[1024];
    snprintf(text, sizeof text, "{\"questions\": [%s],\n \"responses\": [{\"%s\": %s}]}",
             question, field, value);
    write_fails_with(&dir, "v.json", text, 2, 22, message);
}

static cx_table *values_ok(const char *question, const char *responses)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"questions\": [%s],\n \"responses\": [%s]}", question, responses);
    return load_ok(tdir_write(&dir, "ok.json", text));
}

static const char scale_q[] =
    "{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 10, \"missing\": [99, \"N/A\"]}";

static void scale_values_are_integers_within_bounds(void **state)
{
    (void)state;
    cx_table *t = values_ok(scale_q, "{\"r\": 0}, {\"r\": 10}, {\"r\": 9.0}, {\"r\": -0}, "
                                     "{\"r\": 99}, {\"r\": \"N/A\"}, {\"r\": null}, {}");
    const cx_column *r = col_of(t, "r");
    double want[] = {0, 10, 9, 0};
    for (int i = 0; i < 4; i++)
        assert_true(r->num[i] == want[i]);
    assert_false(signbit(r->num[3]));                /* -0 is stored as 0 */
    for (int i = 4; i < 8; i++)
        assert_true(isnan(r->num[i]));               /* codes, null and absent: missing */
    cx_table_free(t);
    value_fails(scale_q, "r", "7.5",
                "response 1, field \"r\": expected an integer 0..10 (scale), found 7.5");
    value_fails(scale_q, "r", "\"9\"",
                "response 1, field \"r\": expected an integer 0..10 (scale), found \"9\"");
    value_fails(scale_q, "r", "11",
                "response 1, field \"r\": expected an integer 0..10 (scale), found 11");
    value_fails(scale_q, "r", "-1",
                "response 1, field \"r\": expected an integer 0..10 (scale), found -1");
    value_fails(scale_q, "r", "true",
                "response 1, field \"r\": expected an integer 0..10 (scale), found true");
    value_fails(scale_q, "r", "98",
                "response 1, field \"r\": expected an integer 0..10 (scale), found 98");
}

static void number_text_and_boolean_values_keep_to_their_type(void **state)
{
    (void)state;
    const char *num = "{\"id\": \"n\", \"type\": \"number\", \"missing\": [-9]}";
    cx_table *t = values_ok(num, "{\"n\": 1.5}, {\"n\": -9}, {\"n\": -1e-3}");
    const cx_column *n = col_of(t, "n");
    assert_true(n->num[0] == 1.5 && isnan(n->num[1]) && n->num[2] == -0.001);
    cx_table_free(t);
    value_fails(num, "n", "\"5\"", "response 1, field \"n\": expected a number, found \"5\"");
    value_fails(num, "n", "false", "response 1, field \"n\": expected a number, found false");

    const char *txt = "{\"id\": \"s\", \"type\": \"text\"}";
    value_fails(txt, "s", "5", "response 1, field \"s\": expected a string (text), found 5");

    const char *yn = "{\"id\": \"b\", \"type\": \"boolean\"}";
    value_fails(yn, "b", "\"yes\"",
                "response 1, field \"b\": expected true or false (boolean), found \"yes\"");
    value_fails(yn, "b", "1", "response 1, field \"b\": expected true or false (boolean), found 1");
}

static void category_values_must_be_options_when_options_are_given(void **state)
{
    (void)state;
    const char *cat = "{\"id\": \"c\", \"type\": \"category\", \"options\": [\"b\", \"a\", \"5\"]}";
    cx_table *t = values_ok(cat, "{\"c\": \"a\"}, {\"c\": 5}, {\"c\": \"b\"}");
    const cx_column *c = col_of(t, "c");
    assert_int_equal(c->code[0], 1);
    assert_int_equal(c->code[1], 2);                /* the number 5 reads as "5" */
    assert_int_equal(c->code[2], 0);
    cx_table_free(t);
    value_fails(cat, "c", "\"z\"",
                "response 1, field \"c\": expected one of \"b\", \"a\", \"5\" (category), found \"z\"");
    const char *open = "{\"id\": \"c\", \"type\": \"category\"}";
    t = values_ok(open, "{\"c\": \"x\"}, {\"c\": 2}");
    assert_string_equal(code_str(t, "c", 1), "2");
    cx_table_free(t);
    value_fails(open, "c", "{}",
                "response 1, field \"c\": expected a string (category), found an object");
}

static void multi_values_are_arrays_of_options(void **state)
{
    (void)state;
    const char *m = "{\"id\": \"m\", \"type\": \"multi\", \"options\": [\"a\", \"b\"]}";
    cx_table *t = values_ok(m, "{\"m\": [\"b\", \"a\", \"b\"]}, {\"m\": []}, {\"m\": null}");
    const cx_column *c = col_of(t, "m");
    assert_int_equal(c->multi_offset[1], 2);        /* a repeated choice counts once */
    assert_int_equal(c->multi_code[0], 1);
    assert_int_equal(c->multi_code[1], 0);
    assert_int_equal(c->multi_offset[2], 2);
    assert_false(c->multi_missing[1]);
    assert_true(c->multi_missing[2]);
    assert_true(cx_column_is_missing(c, 2));
    assert_false(cx_column_is_missing(c, 1));
    cx_table_free(t);
    value_fails(m, "m", "\"a\"",
                "response 1, field \"m\": expected an array of strings (multi), found \"a\"");

    /* the bad element is pointed at: line 2 is  "responses": [{"m": ["a", "z"]}]}
     * where "z" starts at column 28 */
    write_fails_with(&dir, "m.json",
                     "{\"questions\": [{\"id\": \"m\", \"type\": \"multi\", \"options\": [\"a\", \"b\"]}],\n"
                     " \"responses\": [{\"m\": [\"a\", \"z\"]}]}", 2, 28,
                     "response 1, field \"m\": expected one of \"a\", \"b\" (multi), found \"z\"");
    write_fails_with(&dir, "m.json",
                     "{\"questions\": [{\"id\": \"m\", \"type\": \"multi\"}],\n"
                     " \"responses\": [{\"m\": [1]}]}", 2, 23,
                     "response 1, field \"m\": expected a string in the array (multi), found 1");
}

/* Questions written on line 2 after one space:
 *   {"questions": [
 *    QUESTION
 *   ], "responses": []} */
static void question_fails(const char *question, long column, const char *message)
{
    char text[1024];
    snprintf(text, sizeof text, "{\"questions\": [\n %s\n], \"responses\": []}", question);
    write_fails_with(&dir, "q.json", text, 2, column, message);
}

static void question_definitions_are_checked(void **state)
{
    (void)state;
    question_fails("{\"id\": \"a\", \"type\": \"rating\"}", 22,
                   "questions[0] (\"a\"): \"type\" must be one of scale, number, category, multi, "
                   "text, boolean, found \"rating\"");
    question_fails("{\"id\": \"a\"}", 2,
                   "questions[0] (\"a\"): \"type\" is required (scale, number, category, multi, "
                   "text or boolean)");
    question_fails("{\"type\": \"text\"}", 2, "questions[0]: \"id\" is required");
    question_fails("{\"id\": 5, \"type\": \"text\"}", 9,
                   "questions[0]: \"id\" must be a non-empty string, found 5");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 0}", 2,
                   "questions[0] (\"r\"): \"min\" and \"max\" are required for a scale question");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 0.5, \"max\": 3}", 38,
                   "questions[0] (\"r\"): \"min\" must be an integer, found 0.5");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 5, \"max\": 3}", 48,
                   "questions[0] (\"r\"): \"max\" (3) must not be less than \"min\" (5)");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 1, \"options\": [\"a\"]}", 51,
                   "questions[0] (\"r\"): \"options\" applies only to category and multi questions");
    question_fails("{\"id\": \"t\", \"type\": \"text\", \"min\": 0}", 30,
                   "questions[0] (\"t\"): \"min\" applies only to scale questions");
    question_fails("{\"id\": \"a\", \"type\": \"text\", \"label\": \"x\"}", 30,
                   "questions[0] (\"a\"): unknown member \"label\" (expected id, text, type, min, "
                   "max, labels, options or missing)");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 1, \"labels\": {\"2\": \"x\"}}", 62,
                   "questions[0] (\"r\"): \"labels\" key \"2\" is outside the scale 0..1");
    question_fails("{\"id\": \"r\", \"type\": \"scale\", \"min\": 0, \"max\": 1, \"labels\": {\"01\": \"x\"}}", 62,
                   "questions[0] (\"r\"): \"labels\" key \"01\" is not an integer");
    question_fails("{\"id\": \"c\", \"type\": \"category\", \"options\": [\"a\", \"a\"]}", 51,
                   "questions[0] (\"c\"): duplicate option \"a\"");
    question_fails("{\"id\": \"c\", \"type\": \"category\", \"options\": []}", 45,
                   "questions[0] (\"c\"): \"options\" must be a non-empty array of strings, found an array");
    question_fails("{\"id\": \"c\", \"type\": \"text\", \"missing\": [true]}", 42,
                   "questions[0] (\"c\"): missing[0] must be a number or a string, found true");
    question_fails("{\"id\": \"c\", \"type\": \"text\", \"text\": 1}", 38,
                   "questions[0] (\"c\"): \"text\" must be a string, found 1");
    question_fails("5", 2, "questions[0]: expected a question object, found 5");
    question_fails("{\"id\": \"a\", \"type\": \"text\", \"type\": \"text\"}", 30,
                   "duplicate member \"type\"");
    /* the second question is on line 3: its id value is column 9 */
    write_fails_with(&dir, "dup.json",
                     "{\"questions\": [\n {\"id\": \"a\", \"type\": \"text\"},\n {\"id\": \"a\", \"type\": \"text\"}\n], \"responses\": []}",
                     3, 9, "questions[1] (\"a\"): duplicate id \"a\" (also questions[0])");
    write_fails_with(&dir, "qo.json", "{\"questions\": {}, \"responses\": []}", 1, 15,
                     "\"questions\" must be an array of question objects, found an object");
}

/* {"survey": {"MEMBER": VALUE ... on line 1; `column` is where VALUE is. */
static void survey_fails(const char *survey, long column, const char *message)
{
    char text[1024];
    snprintf(text, sizeof text, "{\"survey\": %s, \"responses\": []}", survey);
    write_fails_with(&dir, "s.json", text, 1, column, message);
}

static void survey_members_are_checked(void **state)
{
    (void)state;
    survey_fails("{\"year\": \"2016\"}", 21, "survey: \"year\" must be an integer, found \"2016\"");
    survey_fails("{\"year\": 2016.5}", 21, "survey: \"year\" must be an integer, found 2016.5");
    survey_fails("{\"fielded\": \"2016-13-01\"}", 24,
                 "survey: \"fielded\" must be an ISO 8601 date (YYYY-MM-DD), found \"2016-13-01\"");
    survey_fails("{\"fielded\": \"2015-02-29\"}", 24,
                 "survey: \"fielded\" must be an ISO 8601 date (YYYY-MM-DD), found \"2015-02-29\"");
    survey_fails("{\"fielded\": \"June 2016\"}", 24,
                 "survey: \"fielded\" must be an ISO 8601 date (YYYY-MM-DD), found \"June 2016\"");
    survey_fails("{\"weight\": 1}", 23,
                 "survey: \"weight\" must be the name of the weight field (a non-empty string), found 1");
    survey_fails("{\"title\": [\"x\"]}", 22, "survey: \"title\" must be a string, found an array");
    write_fails_with(&dir, "s2.json", "{\"survey\": 5, \"responses\": []}", 1, 12,
                     "\"survey\" must be an object, found 5");
    /* a leap day exists in 2016; a fieldwork period is two dates */
    cx_table *t = load_ok(tdir_write(&dir, "s3.json",
                                     "{\"survey\": {\"fielded\": \"2016-02-29\"}, \"responses\": []}"));
    assert_string_equal(t->survey.fielded, "2016-02-29");
    cx_table_free(t);
    t = load_ok(tdir_write(&dir, "s4.json",
                           "{\"survey\": {\"fielded\": \"2016-06-01/2016-06-30\"}, \"responses\": []}"));
    cx_table_free(t);
}

static void weights_must_be_finite_and_not_negative(void **state)
{
    (void)state;
    /* {"survey": {"weight": "w"}, "responses": [{"w": → the value is column 49 */
    const char *head = "{\"survey\": {\"weight\": \"w\"}, \"responses\": [{\"w\": ";
    const char *bad[][2] = {
        {"-0.5", "response 1, field \"w\": expected a finite number >= 0 (the survey weight), found -0.5"},
        {"null", "response 1, field \"w\": expected a finite number >= 0 (the survey weight), found null"},
        {"\"1\"", "response 1, field \"w\": expected a finite number >= 0 (the survey weight), found \"1\""},
    };
    for (int i = 0; i < 3; i++) {
        char text[256];
        snprintf(text, sizeof text, "%s%s}]}", head, bad[i][0]);
        write_fails_with(&dir, "w.json", text, 1, 49, bad[i][1]);
    }
    cx_table *t = load_ok(tdir_write(&dir, "w_ok.json",
        "{\"survey\": {\"weight\": \"w\"}, \"responses\": [{\"w\": 0}, {\"w\": 2.5, \"x\": 1}]}"));
    assert_non_null(t->weight);
    assert_ptr_equal(t->weight, col_of(t, "w")->num);
    assert_true(t->weight[0] == 0.0 && t->weight[1] == 2.5);
    cx_table_free(t);
    /* the weight cannot name a category question: the survey's "w" is column 23 */
    write_fails_with(&dir, "w_cat.json",
                     "{\"survey\": {\"weight\": \"w\"}, \"questions\": [{\"id\": \"w\", \"type\": \"category\"}], \"responses\": []}",
                     1, 23, "survey: \"weight\" names the field \"w\", a category question, but a "
                            "weight must be a number");
    /* no response at all: the weight column still exists, empty */
    t = load_ok(tdir_write(&dir, "w_none.json", "{\"survey\": {\"weight\": \"w\"}, \"responses\": []}"));
    assert_non_null(cx_table_column(t, "w"));
    assert_int_equal(t->nrows, 0);
    cx_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scale_values_are_integers_within_bounds),
        cmocka_unit_test(number_text_and_boolean_values_keep_to_their_type),
        cmocka_unit_test(category_values_must_be_options_when_options_are_given),
        cmocka_unit_test(multi_values_are_arrays_of_options),
        cmocka_unit_test(question_definitions_are_checked),
        cmocka_unit_test(survey_members_are_checked),
        cmocka_unit_test(weights_must_be_finite_and_not_negative),
    };
    return cmocka_run_group_tests(tests, tdir_setup, tdir_teardown);
}
