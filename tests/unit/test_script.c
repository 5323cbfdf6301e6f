/*
 * test_script.c — the Lua sandbox: what a script can and cannot reach,
 * the limits, determinism, error positions, require and JSON results.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cxreport/script.h"

typedef struct run {
    cx_status status;
    cx_diag diag;
    char trace[4096];
    char *json;
    cx_strlist files;
} run;

static char workdir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", workdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Runs `text` as <workdir>/NAME.lua with the given limits. */
static run run_named(const char *name, const char *text, cx_script_limits limits)
{
    run r;
    memset(&r, 0, sizeof r);
    char file[128], path[512];
    snprintf(file, sizeof file, "%s.lua", name);
    write_file(file, text);
    snprintf(path, sizeof path, "%s/%s", workdir, file);
    cx_doc *doc = cx_doc_new();
    cx_param params[] = {{"client", "Contoso"}, {"year", "2016"}};
    cx_script_env env;
    memset(&env, 0, sizeof env);
    env.script_path = path;
    env.lua_dir = CX_LUA_DIR;
    env.doc = doc;
    env.params = params;
    env.nparams = 2;
    env.limits = limits;
    env.want_result = true;
    cx_diag_clear(&r.diag);
    r.status = cx_script_run(&env, &r.diag, r.trace, sizeof r.trace);
    r.json = env.result_json;
    r.files = env.files_read;
    cx_data_reads_free(&env.reads);
    cx_diag_list_free(&env.warnings);
    cx_doc_free(doc);
    return r;
}

static run run_script(const char *text)
{
    cx_script_limits none = {0, 0, 0};
    return run_named("script", text, none);
}

static void run_free(run *r)
{
    free(r->json);
    cx_strlist_free(&r->files);
}

static void expect_json(const char *text, const char *json)
{
    run r = run_script(text);
    if (r.status != CX_OK)
        fail_msg("script failed: %s:%ld: %s", r.diag.file, r.diag.line, r.diag.message);
    assert_string_equal(r.json, json);
    run_free(&r);
}

static void expect_error(const char *text, long line, const char *message)
{
    run r = run_script(text);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_int_equal(r.diag.line, line);
    if (!strstr(r.diag.message, message))
        fail_msg("message \"%s\" lacks \"%s\"", r.diag.message, message);
    run_free(&r);
}

/* ---- what is reachable ---- */

static void removed_libraries_are_undefined_globals(void **state)
{
    (void)state;
    const char *names[] = {"io", "os", "debug", "package", "coroutine", "dofile",
                           "loadfile", "require_c", "collectgarbage_x"};
    for (size_t i = 0; i < 7; i++) {
        char text[128];
        snprintf(text, sizeof text, "local x = %s", names[i]);
        char want[64];
        snprintf(want, sizeof want, "undefined global '%s'", names[i]);
        expect_error(text, 1, want);
    }
}

static void string_dump_is_removed(void **state)
{
    (void)state;
    expect_json("return string.dump == nil", "true\n");
}

static void load_refuses_binary_chunks(void **state)
{
    (void)state;
    expect_error("load('\\27Lua', 'x', 'b')", 1, "only text chunks");
    /* a binary signature in text mode is a syntax error, returned not raised */
    expect_json("local f, err = load('\\27Lua') return f == nil and err ~= nil", "true\n");
}

static void load_of_text_runs_in_the_sandbox(void **state)
{
    (void)state;
    expect_json("return load('return 1 + 2')()", "3\n");
    expect_error("load('return io')()", 1, "undefined global 'io'");
}

static void collectgarbage_allows_only_harmless_options(void **state)
{
    (void)state;
    expect_json("return type(collectgarbage('count'))", "\"number\"\n");
    expect_error("collectgarbage('stop')", 1, "invalid option 'stop'");
}

static void string_format_refuses_addresses(void **state)
{
    (void)state;
    expect_error("return string.format('%p', {})", 1, "'%p' is not available");
    expect_json("return string.format('%s|%5.1f', {}, 2.25)", "\"table|  2.2\"\n");
}

/* ---- determinism ---- */

static void tostring_never_shows_an_address(void **state)
{
    (void)state;
    expect_json("return {tostring({}), tostring(print), tostring(setmetatable({}, "
                "{__tostring = function() return 'mine' end}))}",
                "[\n  \"table\",\n  \"function\",\n  \"mine\"\n]\n");
}

static void pairs_walks_numbers_then_strings_in_order(void **state)
{
    (void)state;
    expect_json("local t = {zeta = 1, alpha = 2, [10] = 3, [2] = 4, [true] = 5, [1.5] = 6}\n"
                "local ks = {} for k in pairs(t) do ks[#ks + 1] = tostring(k) end\n"
                "return table.concat(ks, ' ')",
                "\"1.5 2 10 alpha zeta true\"\n");
}

static void next_agrees_with_pairs(void **state)
{
    (void)state;
    expect_json("local t = {b = 1, a = 2, [3] = 3}\n"
                "local ks, k = {}, next(t)\n"
                "while k ~= nil do ks[#ks + 1] = tostring(k) k = next(t, k) end\n"
                "return table.concat(ks, ' ')",
                "\"3 a b\"\n");
}

static void math_random_starts_from_a_fixed_seed(void **state)
{
    (void)state;
    run a = run_script("return {math.random(1000000), math.random(1000000)}");
    run b = run_script("return {math.random(1000000), math.random(1000000)}");
    assert_int_equal(a.status, CX_OK);
    assert_string_equal(a.json, b.json);
    run c = run_script("math.randomseed() return math.random(1000000)");
    run d = run_script("math.randomseed() return math.random(1000000)");
    assert_string_equal(c.json, d.json);
    run_free(&a);
    run_free(&b);
    run_free(&c);
    run_free(&d);
}

/* ---- limits ---- */

static void instruction_budget_stops_an_endless_loop(void **state)
{
    (void)state;
    cx_script_limits lim = {0, 1000000, 0};
    run r = run_named("loop", "local i = 0\nwhile true do i = i + 1 end", lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_int_equal(r.diag.line, 2);
    assert_non_null(strstr(r.diag.message, "instruction limit of 1000000 exceeded"));
    assert_non_null(strstr(r.diag.message, "--max-steps"));
    run_free(&r);
}

static void pcall_cannot_swallow_the_instruction_limit(void **state)
{
    (void)state;
    cx_script_limits lim = {0, 1000000, 0};
    run r = run_named("swallow",
                      "for i = 1, 10 do pcall(function() while true do end end) end\n"
                      "return 'escaped'", lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_null(r.json);
    assert_non_null(strstr(r.diag.message, "instruction limit"));
    run_free(&r);
}

static void memory_cap_stops_a_memory_bomb(void **state)
{
    (void)state;
    cx_script_limits lim = {32u << 20, 0, 0};
    run r = run_named("bomb", "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 4096) .. i end",
                      lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_string_equal(r.diag.message,
                        "memory limit of 32 MiB exceeded (raise it with --max-memory)");
    run_free(&r);
}

static void the_document_counts_against_the_memory_limit(void **state)
{
    (void)state;
    /* Each paragraph is a fresh Lua string soon collected, but its copy in
     * the document stays: only the document can reach 4 MiB. */
    cx_script_limits lim = {4u << 20, 0, 0};
    const char *loop = "for i = 1, 1e9 do paragraph(('word '):rep(200) .. i) end";
    run r = run_named("doc", loop, lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_string_equal(r.diag.message,
                        "memory limit of 4 MiB exceeded (raise it with --max-memory)");
    assert_null(r.json);
    run_free(&r);
    /* 2000 such paragraphs (about 2 MB) fit */
    r = run_named("doc", "for i = 1, 2000 do paragraph(('word '):rep(200) .. i) end\n"
                         "return 'fits'", lim);
    assert_int_equal(r.status, CX_OK);
    assert_string_equal(r.json, "\"fits\"\n");
    run_free(&r);
}

static void a_pcall_cannot_keep_adding_past_the_memory_limit(void **state)
{
    (void)state;
    cx_script_limits lim = {4u << 20, 0, 0};
    run r = run_named("docpcall",
                      "local rows = {}\n"
                      "for i = 1, 100 do rows[i] = { 'row ' .. i, i } end\n"
                      "for i = 1, 1e6 do pcall(tabulate, { header = { 'a', 'b' }, rows = rows }) end\n"
                      "return 'escaped'", lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_null(r.json);
    assert_string_equal(r.diag.message,
                        "memory limit of 4 MiB exceeded (raise it with --max-memory)");
    run_free(&r);
}

static void cpu_time_limit_stops_a_busy_script(void **state)
{
    (void)state;
    cx_script_limits lim = {0, UINT64_MAX, 0.3};
    run r = run_named("busy", "local x = 0\nwhile true do x = x + 1 end", lim);
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_non_null(strstr(r.diag.message, "CPU time limit of 0.3 s exceeded"));
    run_free(&r);
}

/* ---- errors ---- */

static void runtime_error_names_the_line_and_keeps_a_traceback(void **state)
{
    (void)state;
    run r = run_named("boom", "local x = 1\nlocal function f()\n  error('boom')\nend\nf()\n",
                      (cx_script_limits){0, 0, 0});
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_int_equal(r.diag.line, 3);
    assert_string_equal(r.diag.message, "boom");
    assert_non_null(strstr(r.diag.file, "boom.lua"));
    assert_non_null(strstr(r.trace, "boom.lua:3: in function 'f'"));
    assert_non_null(strstr(r.trace, "boom.lua:5: in the main chunk"));
    run_free(&r);
}

static void syntax_error_names_the_line(void **state)
{
    (void)state;
    expect_error("local x = 1\nlocal y = = 2\n", 2, "unexpected symbol near '='");
}

static void error_with_a_table_value_is_described(void **state)
{
    (void)state;
    expect_error("error({})", 1, "(error object is a table value)");
}

static void reading_an_undefined_global_is_an_error(void **state)
{
    (void)state;
    expect_error("local a = 1\nprint(undefined_name)", 2, "undefined global 'undefined_name'");
}

/* ---- require ---- */

static void require_loads_a_module_from_the_script_folder_once(void **state)
{
    (void)state;
    write_file("helper_mod.lua", "counter = (counter or 0) + 1\nreturn { twice = function(x) return 2 * x end }");
    run r = run_script("counter = 0\nlocal m = require 'helper_mod'\nlocal m2 = require 'helper_mod'\n"
                       "return {m.twice(21), counter, m == m2}");
    assert_int_equal(r.status, CX_OK);
    assert_string_equal(r.json, "[\n  42,\n  1,\n  true\n]\n");
    /* the script and the module are both recorded as read */
    assert_int_equal(r.files.count, 2);
    assert_non_null(strstr(r.files.items[1], "helper_mod.lua"));
    run_free(&r);
}

static void require_refuses_paths_and_missing_modules(void **state)
{
    (void)state;
    expect_error("require '../etc/passwd'", 1, "invalid module name '../etc/passwd'");
    expect_error("require '/etc/passwd'", 1, "invalid module name");
    expect_error("require 'no_such_module'", 1, "module 'no_such_module' not found");
}

static void require_refuses_a_symlink_out_of_the_folder(void **state)
{
    (void)state;
    char link[512];
    snprintf(link, sizeof link, "%s/escape.lua", workdir);
    unlink(link);
    assert_int_equal(symlink("/etc/hostname", link), 0);
    expect_error("require 'escape'", 1, "resolves outside");
    unlink(link);
}

static void require_detects_a_cycle(void **state)
{
    (void)state;
    write_file("cyc_a.lua", "return require 'cyc_b'");
    write_file("cyc_b.lua", "return require 'cyc_a'");
    expect_error("require 'cyc_a'", 1, "requires itself");
}

/* ---- data and results ---- */

static void param_values_are_strings_and_read_only(void **state)
{
    (void)state;
    expect_json("return {param.client, param.year, param.absent == nil}",
                "[\n  \"Contoso\",\n  \"2016\",\n  true\n]\n");
    expect_error("param.year = '2017'", 1, "param is read-only");
}

static void unknown_dataset_is_an_error_with_the_flag_to_use(void **state)
{
    (void)state;
    expect_error("local s = dataset 'survey'", 1,
                 "no dataset named 'survey' (give it with --data survey=PATH)");
}

static void returned_values_print_as_deterministic_json(void **state)
{
    (void)state;
    expect_json("return {b = 0.1, a = -3, c = 1e300, d = 0/0, e = 'q\"\\n', f = {}}",
                "{\n  \"a\": -3,\n  \"b\": 0.1,\n  \"c\": 1e+300,\n  \"d\": null,\n"
                "  \"e\": \"q\\\"\\n\",\n  \"f\": []\n}\n");
    expect_json("return nil", "null\n");
}

static void a_cycle_cannot_be_printed_as_json(void **state)
{
    (void)state;
    run r = run_script("local t = {} t.self = t return t");
    assert_int_equal(r.status, CX_ESCRIPT);
    assert_non_null(strstr(r.diag.message, "cycle"));
    run_free(&r);
}

static void report_rejects_unknown_fields(void **state)
{
    (void)state;
    expect_error("report { title = 'x', colour = 'red' }", 1, "report: unknown field 'colour'");
    expect_error("heading(4, 'x')", 1, "level must be 1, 2 or 3");
}

static int setup(void **state)
{
    (void)state;
    snprintf(workdir, sizeof workdir, "/tmp/cx-test-script-XXXXXX");
    return mkdtemp(workdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(removed_libraries_are_undefined_globals),
        cmocka_unit_test(string_dump_is_removed),
        cmocka_unit_test(load_refuses_binary_chunks),
        cmocka_unit_test(load_of_text_runs_in_the_sandbox),
        cmocka_unit_test(collectgarbage_allows_only_harmless_options),
        cmocka_unit_test(string_format_refuses_addresses),
        cmocka_unit_test(tostring_never_shows_an_address),
        cmocka_unit_test(pairs_walks_numbers_then_strings_in_order),
        cmocka_unit_test(next_agrees_with_pairs),
        cmocka_unit_test(math_random_starts_from_a_fixed_seed),
        cmocka_unit_test(instruction_budget_stops_an_endless_loop),
        cmocka_unit_test(pcall_cannot_swallow_the_instruction_limit),
        cmocka_unit_test(memory_cap_stops_a_memory_bomb),
        cmocka_unit_test(the_document_counts_against_the_memory_limit),
        cmocka_unit_test(a_pcall_cannot_keep_adding_past_the_memory_limit),
        cmocka_unit_test(cpu_time_limit_stops_a_busy_script),
        cmocka_unit_test(runtime_error_names_the_line_and_keeps_a_traceback),
        cmocka_unit_test(syntax_error_names_the_line),
        cmocka_unit_test(error_with_a_table_value_is_described),
        cmocka_unit_test(reading_an_undefined_global_is_an_error),
        cmocka_unit_test(require_loads_a_module_from_the_script_folder_once),
        cmocka_unit_test(require_refuses_paths_and_missing_modules),
        cmocka_unit_test(require_refuses_a_symlink_out_of_the_folder),
        cmocka_unit_test(require_detects_a_cycle),
        cmocka_unit_test(param_values_are_strings_and_read_only),
        cmocka_unit_test(unknown_dataset_is_an_error_with_the_flag_to_use),
        cmocka_unit_test(returned_values_print_as_deterministic_json),
        cmocka_unit_test(a_cycle_cannot_be_printed_as_json),
        cmocka_unit_test(report_rejects_unknown_fields),
    };
    return cmocka_run_group_tests_name("script", tests, setup, teardown);
}
