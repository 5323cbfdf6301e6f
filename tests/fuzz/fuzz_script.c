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

#include "fuzz_files.h"

#ifndef CX_FUZZ_DATA_DIR
#error "define CX_FUZZ_DATA_DIR: the folder holding survey.json (tests/api)"
#endif

static const char *dir, *script;
static cx_named_table datasets[3];
static cx_table *tables[3];

static void free_tables(void)
{
    for (size_t i = 0; i < 3; i++)
        cx_table_free(tables[i]);
}

static void setup(void)
{
    static const char *const names[3] = { "survey", "accounts", "assessment" };
    dir = fuzz_private_dir("script");
    script = fuzz_file("report.lua");
    fuzz_copy(CX_FUZZ_DATA_DIR "/check.lua", fuzz_file("check.lua"));
    atexit(free_tables);
    for (size_t i = 0; i < 3; i++) {
        char path[1024];
        cx_diag diag;
        snprintf(path, sizeof path, "%s/%s.json", CX_FUZZ_DATA_DIR, names[i]);
        if (cx_dataset_load(path, NULL, &tables[i], &diag) != CX_OK)
            fuzz_die(diag.message);
        datasets[i].name = names[i];
        datasets[i].table = tables[i];
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir)
        setup();
    fuzz_write(script, data, size);

    cx_doc *doc = cx_doc_new();
    if (!doc)
        fuzz_die("out of memory");
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
    return 0;
}
