/*
 * test_build_limits.c — the limits a build applies around its stages:
 * pages (--max-pages), the size of the PDF (--max-output-size), and the
 * documented defaults a build takes for every limit left at 0.
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

#include "cxreport/build.h"
#include "cxreport/render.h"
#include "workdir_fixture.h"

static const char SMALL[] = "report { title = \"Small\" }\nparagraph \"hello\"\n";

/* A build (or check) of script into out with the given limits. */
static cx_status build(cx_command cmd, const char *script, const char *out, size_t max_pages,
                       size_t max_output, cx_diag *d)
{
    cx_build_opts o;
    memset(&o, 0, sizeof o);
    o.command = cmd;
    o.script = script;
    o.output = out;
    o.max_pages = max_pages;
    o.max_output_size = max_output;
    char trace[1024];
    cx_diag_clear(d);
    return cx_build_run(&o, d, trace, sizeof trace);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void a_pdf_over_the_output_limit_is_refused_and_the_old_file_stays(void **state)
{
    (void)state;
    char script[512], out[512], fresh[600];
    cxt_workdir_write("small.lua", SMALL, script);
    cxt_workdir_write("out.pdf", "previous output\n", out);
    snprintf(fresh, sizeof fresh, "%s/fresh.pdf", cxt_workdir);
    cx_diag d;
    assert_int_equal(build(CX_CMD_BUILD, script, fresh, 0, 0, &d), CX_OK);
    long len = file_size(fresh);
    assert_true(len > 4096 && len < 1024 * 1024);

    /* the size rounds up to a tenth of a KiB, so it never reads as the limit */
    char want[200];
    snprintf(want, sizeof want, "the PDF is %.1f KiB, over the output limit of 4 KiB (raise it "
             "with --max-output-size)", ceil((double)len * 10 / 1024) / 10);
    assert_int_equal(build(CX_CMD_BUILD, script, out, 0, 4096, &d), CX_EOUTPUT);
    assert_string_equal(d.message, want);
    assert_string_equal(d.file, out);
    assert_int_equal(file_size(out), 16);                /* untouched */

    /* check renders the PDF too, and refuses it the same way */
    assert_int_equal(build(CX_CMD_CHECK, script, NULL, 0, 4096, &d), CX_EOUTPUT);
    assert_string_equal(d.message, want);
    assert_string_equal(d.file, script);

    /* a limit that is not a whole number of KiB is shown in bytes; the
     * exact size passes */
    assert_int_equal(build(CX_CMD_BUILD, script, out, 0, 4097, &d), CX_EOUTPUT);
    assert_non_null(strstr(d.message, "over the output limit of 4097 bytes"));
    assert_int_equal(build(CX_CMD_BUILD, script, out, 0, (size_t)len, &d), CX_OK);
    assert_int_equal(file_size(out), len);
}

static void the_page_limit_is_a_script_error_at_the_line_that_needs_the_page(void **state)
{
    (void)state;
    char script[512], out[512];
    cxt_workdir_write("chapters.lua",
                      "report { title = \"Chapters\" }\n"
                      "for i = 1, 1000000 do\n"
                      "  h1(\"Chapter \" .. i)\n"
                      "  pagebreak()\n"
                      "end\n", script);
    cxt_workdir_write("chapters.pdf", "previous output\n", out);
    cx_diag d;
    assert_int_equal(build(CX_CMD_BUILD, script, out, 5, 0, &d), CX_ESCRIPT);
    assert_string_equal(d.file, script);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.message,
                        "the report needs more than 5 pages (raise the limit with --max-pages)");
    assert_int_equal(file_size(out), 16);
}

static void limits_left_at_zero_are_the_documented_defaults(void **state)
{
    (void)state;
    /* README "Limits" and cxreport --help state these */
    assert_int_equal(CX_DEFAULT_MAX_PAGES, 2000);
    assert_int_equal(CX_DEFAULT_MAX_OUTPUT_SIZE, (size_t)256 << 20);
    assert_int_equal(CX_DEFAULT_MAX_ROWS, 50000000);
    assert_int_equal(CX_DEFAULT_MAX_LINE_BYTES, (size_t)64 << 20);
    assert_int_equal(CX_DEFAULT_MAX_DATA_MEMORY, (size_t)4 << 30);
    assert_int_equal(CX_DEFAULT_MAX_MEMORY, (size_t)1 << 30);
    assert_int_equal(CX_DEFAULT_MAX_STEPS, 1000000000);
    assert_true(CX_DEFAULT_TIMEOUT == 60.0);
    /* a build with every limit at 0 runs under them: the small report
     * fits all of them */
    char script[512], out[512];
    cxt_workdir_write("defaults.lua", SMALL, script);
    snprintf(out, sizeof out, "%s/defaults.pdf", cxt_workdir);
    cx_diag d;
    assert_int_equal(build(CX_CMD_BUILD, script, out, 0, 0, &d), CX_OK);
}

static int setup(void **state)
{
    (void)state;
    return cxt_workdir_make("build-limits");
}

static int teardown(void **state)
{
    (void)state;
    return cxt_workdir_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_pdf_over_the_output_limit_is_refused_and_the_old_file_stays),
        cmocka_unit_test(the_page_limit_is_a_script_error_at_the_line_that_needs_the_page),
        cmocka_unit_test(limits_left_at_zero_are_the_documented_defaults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
