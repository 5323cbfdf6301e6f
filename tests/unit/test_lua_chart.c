/*
 * test_lua_chart.c — the chart{} function of report scripts: what reaches
 * the document's chart block, and every misuse as a script error at the
 * calling line with nothing added.
 *
 * Scripts run through cx_script_run with two small datasets bound; the
 * expected specs are the literal numbers of the scripts and data files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cxreport/data.h"
#include "cxreport/script.h"

#include "workdir_fixture.h"

static cx_table *vendors_table, *gaps_table;

typedef struct run {
    cx_status status;
    cx_diag diag;
    cx_doc *doc;
} run;

/* Runs text as <workdir>/report.lua; the caller frees r.doc. */
static run run_script(const char *text)
{
    run r;
    memset(&r, 0, sizeof r);
    char path[512];
    cxt_workdir_write("report.lua", text, path);
    cx_named_table named[] = { { "vendors", vendors_table }, { "gaps", gaps_table } };
    r.doc = cx_doc_new();
    cx_script_env env;
    memset(&env, 0, sizeof env);
    env.script_path = path;
    env.lua_dir = CX_LUA_DIR;
    env.doc = r.doc;
    env.datasets = named;
    env.ndatasets = 2;
    char trace[2048];
    cx_diag_clear(&r.diag);
    r.status = cx_script_run(&env, &r.diag, trace, sizeof trace);
    cx_strlist_free(&env.files_read);
    cx_data_reads_free(&env.reads);
    cx_diag_list_free(&env.warnings);
    free(env.result_json);
    return r;
}

/* The spec of the only block of a script that must succeed. */
static const cx_doc_chart *only_chart(run *r)
{
    if (r->status != CX_OK)
        fail_msg("script failed: line %ld: %s", r->diag.line, r->diag.message);
    assert_int_equal(cx_doc_block_count(r->doc), 1);
    const cx_block *b = cx_doc_block(r->doc, 0);
    assert_int_equal(b->kind, CX_BLOCK_CHART);
    return b->chart;
}

/* The script must fail at `line` with a message containing `message`,
 * leaving the document without a chart. */
static void expect_error(const char *text, long line, const char *message)
{
    run r = run_script(text);
    assert_int_equal(r.status, CX_ESCRIPT);
    if (r.diag.line != line || !strstr(r.diag.message, message))
        fail_msg("got line %ld: \"%s\"; want line %ld: \"%s\"", r.diag.line, r.diag.message,
                 line, message);
    for (size_t i = 0; i < cx_doc_block_count(r.doc); i++)
        assert_int_not_equal(cx_doc_block(r.doc, i)->kind, CX_BLOCK_CHART);
    cx_doc_free(r.doc);
}

static void assert_values(const double *got, const double *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("value %zu: %.17g, expected %.17g", i + 1, got[i], want[i]);
}

/* ---- what reaches the document ------------------------------------------ */

static void a_bar_chart_of_inline_values_becomes_one_chart_block(void **state)
{
    (void)state;
    run r = run_script("local x = 1\n"
                       "chart { kind = 'bar', title = 'NPS by vendor',\n"
                       "        categories = { 'Acme', 'Borealis', 'Cobalt' },\n"
                       "        values = { 31, -5, 12.5 } }\n");
    const cx_doc_chart *c = only_chart(&r);
    assert_int_equal(cx_doc_block(r.doc, 0)->src_line, 2);
    assert_int_equal(c->spec.kind, CX_CHART_BAR);
    assert_string_equal(c->spec.title, "NPS by vendor");
    assert_int_equal(c->spec.ncategories, 3);
    assert_string_equal(c->spec.categories[1], "Borealis");
    assert_int_equal(c->spec.nseries, 1);
    assert_null(c->spec.series[0].name);
    assert_int_equal(c->spec.series[0].n, 3);
    assert_values(c->spec.series[0].values, (const double[]){ 31, -5, 12.5 }, 3);
    assert_null(c->spec.series[0].lo);
    /* defaults: vertical, unsorted, automatic size and range, 0 decimals */
    assert_false(c->spec.horizontal);
    assert_int_equal(c->spec.sort, CX_SORT_NONE);
    assert_true(c->spec.width == 0 && c->spec.height == 0);
    assert_true(c->spec.min == 0 && c->spec.max == 0);
    assert_int_equal(c->spec.format.decimals, 0);
    assert_null(c->spec.palette);
    assert_null(c->name);
    assert_int_equal(c->number, 0);
    assert_non_null(c->alt);
    cx_doc_free(r.doc);
}

static void every_option_reaches_the_spec(void **state)
{
    (void)state;
    run r = run_script(
        "chart { kind = 'dot', title = 'T', x_title = 'X', y_title = 'Y', noun = 'vendors',\n"
        "        categories = { 'a', 'b' }, values = { 10, 20 }, lo = { 5, 15 }, hi = { 12, 30 },\n"
        "        horizontal = true, sort = 'asc', width = 300, height = 120.5,\n"
        "        min = -10, max = 40, decimals = 2, prefix = '$', suffix = ' pts',\n"
        "        hide_values = true, fit_line = false, marker_label = 'us',\n"
        "        name = 'dots', caption = 'A **dot** plot.', palette = { '#0072b2', '#E69F00' } }\n");
    const cx_doc_chart *c = only_chart(&r);
    const cx_chart_spec *s = &c->spec;
    assert_int_equal(s->kind, CX_CHART_DOT);
    assert_string_equal(s->x_title, "X");
    assert_string_equal(s->y_title, "Y");
    assert_string_equal(s->noun, "vendors");
    assert_values(s->series[0].lo, (const double[]){ 5, 15 }, 2);
    assert_values(s->series[0].hi, (const double[]){ 12, 30 }, 2);
    assert_true(s->horizontal);
    assert_int_equal(s->sort, CX_SORT_ASC);
    assert_true(s->width == 300 && s->height == 120.5);
    assert_true(s->min == -10 && s->max == 40);
    assert_int_equal(s->format.decimals, 2);
    assert_string_equal(s->format.prefix, "$");
    assert_string_equal(s->format.suffix, " pts");
    assert_true(s->hide_values);
    assert_false(s->fit_line);
    assert_string_equal(s->marker_label, "us");
    assert_string_equal(c->name, "dots");
    assert_int_equal(c->number, 1);
    assert_int_equal(c->caption.nspans, 3);
    assert_string_equal(c->caption.spans[1].text, "dot");
    assert_int_equal(s->npalette, 2);
    assert_int_equal(s->palette[0], CX_RGB(0x0072B2));
    assert_int_equal(s->palette[1], CX_RGB(0xE69F00));
    cx_doc_free(r.doc);
}

static void series_carry_their_names_values_and_intervals(void **state)
{
    (void)state;
    run r = run_script(
        "chart { kind = 'radar', categories = { 'S', 'C', 'E' },\n"
        "        series = { { name = 'Client', values = { 72, 58, 64 } },\n"
        "                   { name = 'Median', values = { 63, 60, 55 },\n"
        "                     lo = { 54, 51, 47 }, hi = { 71, 68, 63 } } } }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_int_equal(s->nseries, 2);
    assert_string_equal(s->series[0].name, "Client");
    assert_null(s->series[0].lo);
    assert_string_equal(s->series[1].name, "Median");
    assert_values(s->series[1].values, (const double[]){ 63, 60, 55 }, 3);
    assert_values(s->series[1].lo, (const double[]){ 54, 51, 47 }, 3);
    assert_values(s->series[1].hi, (const double[]){ 71, 68, 63 }, 3);
    cx_doc_free(r.doc);
}

static void number_categories_become_their_text(void **state)
{
    (void)state;
    run r = run_script("chart { kind = 'line', categories = { 2015, 2016, 2016.5 },\n"
                       "        values = { 1, 2, 3 } }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_string_equal(s->categories[0], "2015");
    assert_string_equal(s->categories[1], "2016");
    assert_string_equal(s->categories[2], "2016.5");
    cx_doc_free(r.doc);
}

static void highlight_takes_names_and_positions(void **state)
{
    (void)state;
    run r = run_script("chart { kind = 'bar', categories = { 'a', 'b', 'c' }, values = { 1, 2, 3 },\n"
                       "        highlight = { 'c', 1 } }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_int_equal(s->nhighlight, 2);
    assert_int_equal(s->highlight[0], 2);       /* 'c' is the third category */
    assert_int_equal(s->highlight[1], 0);       /* position 1 is the first */
    cx_doc_free(r.doc);
    r = run_script("chart { kind = 'bar', categories = { 'a', 'b' }, values = { 1, 2 },\n"
                   "        highlight = 'b' }\n");
    s = &only_chart(&r)->spec;
    assert_int_equal(s->nhighlight, 1);
    assert_int_equal(s->highlight[0], 1);
    cx_doc_free(r.doc);
}

static void refs_take_a_list_or_one_table(void **state)
{
    (void)state;
    run r = run_script("chart { kind = 'bar', categories = { 'a', 'b' }, values = { 1, 2 },\n"
                       "        refs = { { value = 1.25, label = 'Mean', decimals = 2 },\n"
                       "                 { value = 0 } } }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_int_equal(s->nrefs, 2);
    assert_true(s->refs[0].value == 1.25);
    assert_string_equal(s->refs[0].label, "Mean");
    assert_int_equal(s->refs[0].decimals, 2);
    assert_true(s->refs[1].value == 0);
    assert_null(s->refs[1].label);
    cx_doc_free(r.doc);
    r = run_script("chart { kind = 'bar', categories = { 'a' }, values = { 1 },\n"
                   "        refs = { value = 0.5, label = 'Half' } }\n");
    s = &only_chart(&r)->spec;
    assert_int_equal(s->nrefs, 1);
    assert_string_equal(s->refs[0].label, "Half");
    cx_doc_free(r.doc);
}

static void a_dataset_gives_categories_and_values_from_its_fields(void **state)
{
    (void)state;
    run r = run_script("local v = dataset 'vendors'\n"
                       "chart { kind = 'dot', data = v, category = 'vendor', value = 'nps',\n"
                       "        lo = 'ci_low', hi = 'ci_high', highlight = 'Borealis' }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_int_equal(s->ncategories, 3);
    assert_string_equal(s->categories[0], "Acme");
    assert_string_equal(s->categories[2], "Cobalt");
    assert_int_equal(s->nseries, 1);
    assert_string_equal(s->series[0].name, "nps");
    assert_values(s->series[0].values, (const double[]){ 31, -5, 12 }, 3);
    assert_values(s->series[0].lo, (const double[]){ 19.5, -17, 1 }, 3);
    assert_values(s->series[0].hi, (const double[]){ 42.5, 7, 23 }, 3);
    assert_int_equal(s->highlight[0], 1);
    cx_doc_free(r.doc);
}

static void several_value_fields_make_one_series_each(void **state)
{
    (void)state;
    run r = run_script("chart { kind = 'stacked100', data = dataset 'vendors', category = 'year',\n"
                       "        value = { 'promoters', 'passives', 'detractors' } }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_string_equal(s->categories[0], "2014");    /* a number field as labels */
    assert_int_equal(s->nseries, 3);
    assert_string_equal(s->series[2].name, "detractors");
    assert_values(s->series[0].values, (const double[]){ 48, 30, 40 }, 3);
    assert_values(s->series[1].values, (const double[]){ 35, 35, 32 }, 3);
    assert_values(s->series[2].values, (const double[]){ 17, 35, 28 }, 3);
    cx_doc_free(r.doc);
}

static void scatter_data_takes_x_from_a_field_and_labels_are_optional(void **state)
{
    (void)state;
    run r = run_script("chart { kind = 'scatter', data = dataset 'vendors', x = 'promoters',\n"
                       "        value = 'nps', fit_line = true }\n");
    const cx_chart_spec *s = &only_chart(&r)->spec;
    assert_int_equal(s->ncategories, 0);
    assert_values(s->series[0].x, (const double[]){ 48, 30, 40 }, 3);
    assert_values(s->series[0].values, (const double[]){ 31, -5, 12 }, 3);
    cx_doc_free(r.doc);
}

/* ---- misuse --------------------------------------------------------------- */

static void unknown_fields_are_errors_at_the_calling_line(void **state)
{
    (void)state;
    expect_error("local a = 1\nchart { kind = 'bar', values = { 1 }, categories = { 'a' },\n"
                 "        colour = 'red' }\n", 2, "chart: unknown field 'colour' in the chart spec");
    expect_error("chart { kind = 'line', categories = { 'a', 'b' },\n"
                 "        series = { { name = 's', values = { 1, 2 }, colour = 1 } } }\n", 1,
                 "unknown field 'colour' in series[1]");
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = { 1 },\n"
                 "        refs = { { value = 1, text = 'x' } } }", 1,
                 "unknown field 'text' in refs[1]");
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = { 1 }, [1] = 2 }", 1,
                 "chart: the chart spec has a number key");
    expect_error("chart 'bar'", 1, "table expected");
}

static void the_kind_must_be_one_of_the_twelve(void **state)
{
    (void)state;
    expect_error("chart { kind = 'pie', categories = { 'a' }, values = { 1 } }", 1,
                 "chart: kind must be bar, grouped, stacked, stacked100, line, scatter, dot, "
                 "radar, distribution, heatmap, bullet or gauge, got 'pie'");
    expect_error("chart { categories = { 'a' }, values = { 1 } }", 1, "chart: 'kind' is missing");
    expect_error("chart { kind = 1, categories = { 'a' }, values = { 1 } }", 1,
                 "kind must be a string");
}

static void wrong_types_are_errors(void **state)
{
    (void)state;
    expect_error("chart { kind = 'bar', title = 5, categories = { 'a' }, values = { 1 } }", 1,
                 "chart: 'title' must be a string, got number");
    expect_error("chart { kind = 'bar', horizontal = 'yes', categories = { 'a' }, values = { 1 } }",
                 1, "chart: 'horizontal' must be true or false, got string");
    expect_error("chart { kind = 'bar', width = '300', categories = { 'a' }, values = { 1 } }", 1,
                 "chart: 'width' must be a number, got string");
    expect_error("chart { kind = 'bar', categories = 'a', values = { 1 } }", 1,
                 "chart: 'categories' must be a list, got string");
    expect_error("chart { kind = 'bar', categories = { 'a', {} }, values = { 1, 2 } }", 1,
                 "chart: categories[2] must be a string or number, got table");
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = { '1' } }", 1,
                 "chart: values[1] must be a number, got string");
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = 1 }", 1,
                 "chart: values must be a list of numbers, got number");
    expect_error("chart { kind = 'line', categories = { 'a', 'b' }, series = { 1 } }", 1,
                 "chart: series[1] must be a table");
    expect_error("chart { kind = 'line', categories = { 'a', 'b' }, series = { { name = 's' } } }",
                 1, "chart: series[1].values is missing");
    expect_error("chart { kind = 'bar', data = { 1 }, category = 'a', value = 'b' }", 1,
                 "chart: 'data' must be a dataset, got table");
    expect_error("chart { kind = 'bar', caption = true, categories = { 'a' }, values = { 1 } }", 1,
                 "chart: 'caption' must be a string, got boolean");
}

static void empty_data_nan_and_mismatched_lengths_are_errors(void **state)
{
    (void)state;
    expect_error("chart { kind = 'bar', categories = {}, values = {} }", 1, "no data");
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = {} }", 1,
                 "series 1 has no values");
    expect_error("chart { kind = 'bar' }", 1, "chart: no data: give 'values', 'series' or 'data'");
    expect_error("chart { kind = 'bar', categories = { 'a', 'b' }, values = { 1, 0/0 } }", 1,
                 "value 2 is NaN (missing)");
    expect_error("chart { kind = 'bar', categories = { 'a', 'b', 'c' }, values = { 1, 2 } }", 1,
                 "series 1 has 2 values for 3 categories");
    expect_error("chart { kind = 'dot', categories = { 'a', 'b' }, values = { 1, 2 }, lo = { 0 },\n"
                 "        hi = { 2, 3 } }", 1, "chart: 'lo' has 1 numbers for 2 values");
    expect_error("chart { kind = 'bar', categories = { 'a', 'b' }, values = { 1, 1/0 } }", 1,
                 "value 2 is infinite");
    expect_error("chart { kind = 'bar', data = dataset 'vendors':filter { nps = 99 },\n"
                 "        category = 'vendor', value = 'nps' }", 1, "no data");
}

static void missing_values_in_the_data_name_the_row(void **state)
{
    (void)state;
    expect_error("chart { kind = 'bar', data = dataset 'gaps', category = 'vendor', value = 'nps' }",
                 1, "chart: dataset 'gaps' row 2 (Borealis) has no value for 'nps'");
    expect_error("chart { kind = 'bar', data = dataset 'gaps', category = 'region', value = 'nps' }",
                 1, "chart: dataset 'gaps' row 1 has no 'region'");
    expect_error("chart { kind = 'bar', data = dataset 'vendors', category = 'vendor', value = 'vendor' }",
                 1, "chart: field 'vendor' of dataset 'vendors' is not numeric");
    expect_error("chart { kind = 'bar', data = dataset 'vendors', category = 'vendor', value = 'x' }",
                 1, "dataset 'vendors' has no field 'x'");
}

static void contradictory_sources_are_errors(void **state)
{
    (void)state;
    expect_error("chart { kind = 'bar', categories = { 'a' }, values = { 1 },\n"
                 "        series = { { values = { 1 } } } }", 1,
                 "chart: give 'series' or 'values', not both");
    expect_error("chart { kind = 'bar', data = dataset 'vendors', categories = { 'a' },\n"
                 "        category = 'vendor', value = 'nps' }", 1,
                 "chart: give 'data' or 'categories', not both");
    expect_error("chart { kind = 'bar', categories = { 'a' }, value = 'nps' }", 1,
                 "chart: 'category' and 'value' name fields of 'data', which is missing");
    expect_error("chart { kind = 'bar', data = dataset 'vendors', value = 'nps' }", 1,
                 "chart: with 'data', 'category' names the field of the labels");
    expect_error("chart { kind = 'bar', data = dataset 'vendors', category = 'vendor' }", 1,
                 "chart: with 'data', 'value' names the field (or fields) of the values");
    expect_error("chart { kind = 'line', categories = { 'a', 'b' }, x = { 1, 2 },\n"
                 "        series = { { values = { 1, 2 } } } }", 1,
                 "chart: with 'series', give x, lo and hi inside each series");
}

static void ranges_sort_decimals_highlight_and_palette_are_checked(void **state)
{
    (void)state;
    const char *head = "chart { kind = 'bar', categories = { 'a', 'b' }, values = { 1, 2 }, ";
    char text[256];
    struct { const char *opt, *msg; } cases[] = {
        { "min = 0 }", "chart: give both min and max, or neither" },
        { "min = 5, max = 5 }", "chart: min must be below max" },
        { "min = 0, max = 1 }", "value 2 of series 1 is outside the axis range 0..1" },
        { "decimals = 7 }", "chart: decimals must be a whole number from 0 to 6" },
        { "decimals = 1.5 }", "chart: decimals must be a whole number from 0 to 6" },
        { "sort = 'up' }", "chart: sort must be \"desc\", \"asc\" or \"none\", got 'up'" },
        { "width = -1 }", "chart: width and height must be positive" },
        { "height = 1/0 }", "chart: 'height' must be a finite number" },
        { "highlight = 'z' }", "chart: highlight 'z' is not one of the categories" },
        { "highlight = { 0 } }", "chart: highlight 1 must be a category name or a position from 1" },
        { "highlight = { 3 } }", "highlight 3 is not one of the 2 categories" },
        { "palette = { 'red' } }", "chart: palette[1] must be a colour \"#RRGGBB\"" },
        { "palette = {} }", "chart: 'palette' must be a list of colours" },
        { "refs = { { label = 'x' } } }", "chart: refs[1].value must be a finite number" },
        { "refs = { { value = 1, decimals = 9 } } }", "refs[1].decimals must be a whole number" },
        { "name = 'a/b' }", "chart: name must be 1 to 100 ASCII letters, digits, '-' or '_'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "%s%s", head, cases[i].opt);
        expect_error(text, 1, cases[i].msg);
    }
}

static void an_error_caught_by_pcall_leaves_the_document_without_the_chart(void **state)
{
    (void)state;
    run r = run_script("local ok, err = pcall(chart, { kind = 'bar', categories = { 'a' },\n"
                       "                                values = { 1, 2 } })\n"
                       "assert(not ok and err:find('1 categories', 1, true), err)\n"
                       "for i = 1, 200 do pcall(chart, { kind = 'bar', categories = { 'a' },\n"
                       "                                 values = { 'x' } }) end\n"
                       "paragraph 'still here'\n");
    if (r.status != CX_OK)
        fail_msg("script failed: line %ld: %s", r.diag.line, r.diag.message);
    assert_int_equal(cx_doc_block_count(r.doc), 1);
    assert_int_equal(cx_doc_block(r.doc, 0)->kind, CX_BLOCK_PARAGRAPH);
    cx_doc_free(r.doc);
}

/* ---- fixtures ------------------------------------------------------------- */

static cx_table *load(const char *name, const char *json)
{
    char path[512];
    cxt_workdir_write(name, json, path);
    cx_load_limits limits;
    memset(&limits, 0, sizeof limits);
    cx_table *t = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_dataset_load(path, &limits, &t, &d) != CX_OK)
        fprintf(stderr, "cannot load %s: %s\n", name, d.message);
    return t;
}

static int setup(void **state)
{
    (void)state;
    if (cxt_workdir_make("lua-chart") != 0)
        return -1;
    vendors_table = load("vendors.json",
        "[{\"vendor\": \"Acme\", \"year\": 2014, \"nps\": 31, \"ci_low\": 19.5, \"ci_high\": 42.5,"
        "  \"promoters\": 48, \"passives\": 35, \"detractors\": 17},"
        " {\"vendor\": \"Borealis\", \"year\": 2015, \"nps\": -5, \"ci_low\": -17, \"ci_high\": 7,"
        "  \"promoters\": 30, \"passives\": 35, \"detractors\": 35},"
        " {\"vendor\": \"Cobalt\", \"year\": 2016, \"nps\": 12, \"ci_low\": 1, \"ci_high\": 23,"
        "  \"promoters\": 40, \"passives\": 32, \"detractors\": 28}]");
    gaps_table = load("gaps.json",
        "[{\"vendor\": \"Acme\", \"nps\": 31, \"region\": null},"
        " {\"vendor\": \"Borealis\", \"nps\": null, \"region\": \"EU\"}]");
    return vendors_table && gaps_table ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cx_table_free(vendors_table);
    cx_table_free(gaps_table);
    return cxt_workdir_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_bar_chart_of_inline_values_becomes_one_chart_block),
        cmocka_unit_test(every_option_reaches_the_spec),
        cmocka_unit_test(series_carry_their_names_values_and_intervals),
        cmocka_unit_test(number_categories_become_their_text),
        cmocka_unit_test(highlight_takes_names_and_positions),
        cmocka_unit_test(refs_take_a_list_or_one_table),
        cmocka_unit_test(a_dataset_gives_categories_and_values_from_its_fields),
        cmocka_unit_test(several_value_fields_make_one_series_each),
        cmocka_unit_test(scatter_data_takes_x_from_a_field_and_labels_are_optional),
        cmocka_unit_test(unknown_fields_are_errors_at_the_calling_line),
        cmocka_unit_test(the_kind_must_be_one_of_the_twelve),
        cmocka_unit_test(wrong_types_are_errors),
        cmocka_unit_test(empty_data_nan_and_mismatched_lengths_are_errors),
        cmocka_unit_test(missing_values_in_the_data_name_the_row),
        cmocka_unit_test(contradictory_sources_are_errors),
        cmocka_unit_test(ranges_sort_decimals_highlight_and_palette_are_checked),
        cmocka_unit_test(an_error_caught_by_pcall_leaves_the_document_without_the_chart),
    };
    return cmocka_run_group_tests_name("lua_chart", tests, setup, teardown);
}
