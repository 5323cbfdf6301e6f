/*
 * fuzz_script.c — libFuzzer harness for the Lua sandbox (src/script/).
 *
 * The input is a report script.  It is written to report.lua in one
 * private temporary folder (made on the first run, beside a copy of the
 * API tests' check.lua so `require "check"` works) and run with small
 * limits against three small datasets loaded once: survey, accounts and
 * assessment from tests/api/.  A script error is a fine outcome; a crash,
 * a leak or a sanitizer report is a bug.  The returned value is
 * serialised (as `cxreport run` does) and the document closed, so the
 * JSON writer and cx_doc_finish are covered too.
 *
 * The CPU-time limit ends the process with _exit when a script is stuck
 * inside a C function past the grace period: that is the sandbox's
 * documented last resort, not a harness failure (run.sh reports it).
 *
 * Must never: write outside its folder, or print (print() in scripts
 * goes to stdout, which run.sh closes with -close_fd_mask=1).
 */
#include "cxreport/data.h"
#include "cxreport/diag.h"
#include "cxreport/doc.h"
#include "cxreport/script.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CX_FUZZ_DATA_DIR
#error "define CX_FUZZ_DATA_DIR: the folder holding survey.json (tests/api)"
#endif

static char dir[64];
static char script[128], check_copy[128];
static cx_named_table datasets[3];
static cx_table *tables[3];

static void teardown(void)
{
    for (size_t i = 0; i < 3; i++)
        cx_table_free(tables[i]);
    if (check_copy[0])
        unlink(check_copy);
    if (dir[0])
        rmdir(dir);
}

static void die(const char *what)
{
    fprintf(stderr, "fuzz_script: %s\n", what);
    abort();                /* the harness's set-up, not the sandbox */
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out)
        die("cannot copy check.lua");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            die("cannot copy check.lua");
    fclose(in);
    if (fclose(out) != 0)
        die("cannot copy check.lua");
}

static void setup(void)
{
    static const char *const names[3] = { "survey", "accounts", "assessment" };
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/cxfuzz-script-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp failed");
    atexit(teardown);
    snprintf(script, sizeof script, "%s/report.lua", dir);
    snprintf(check_copy, sizeof check_copy, "%s/check.lua", dir);
    copy_file(CX_FUZZ_DATA_DIR "/check.lua", check_copy);
    for (size_t i = 0; i < 3; i++) {
        char path[1024];
        cx_diag diag;
        snprintf(path, sizeof path, "%s/%s.json", CX_FUZZ_DATA_DIR, names[i]);
        if (cx_dataset_load(path, NULL, &tables[i], &diag) != CX_OK)
            die(diag.message);
        datasets[i].name = names[i];
        datasets[i].table = tables[i];
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        setup();
    FILE *f = fopen(script, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        die("cannot write the script");

    cx_doc *doc = cx_doc_new();
    if (!doc)
        die("out of memory");
    static const cx_param params[] = { { "wave", "2024" }, { "title", "Fuzz" } };
    cx_script_env env;
    memset(&env, 0, sizeof env);
    env.script_path = script;
    env.lua_dir = CX_LUA_DIR;
    env.ndatasets = 3;
    env.datasets = datasets;
    env.nparams = 2;
    env.params = params;
    env.doc = doc;
    env.limits.max_memory = (size_t)64 << 20;
    env.limits.max_steps = 1000000;
    env.limits.timeout = 2.0;
    env.want_result = true;
    env.print_to_stdout = true;

    cx_diag diag;
    cx_diag_clear(&diag);
    char trace[2048];
    cx_status st = cx_script_run(&env, &diag, trace, sizeof trace);
    if (st == CX_OK) {
        if (!env.result_json)
            abort();        /* the contract: want_result yields JSON */
        cx_diag fin;
        cx_diag_clear(&fin);
        (void)cx_doc_finish(doc, true, &fin);
    } else if (diag.status == CX_OK) {
        abort();            /* never fail without a diagnostic (its message
                               may be empty: error("") is one) */
    }

    cx_strlist_free(&env.files_read);
    cx_data_reads_free(&env.reads);
    cx_diag_list_free(&env.warnings);
    free(env.result_json);
    cx_doc_free(doc);
    unlink(script);
    return 0;
}
