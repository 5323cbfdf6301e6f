/*
 * build.c — one build: data, script, layout, render, write.
 *
 * Stages run strictly in order and each one's failure stops the build
 * before anything is written: the PDF and the chart exports (--charts)
 * are both rendered into memory first, then written, the PDF first.
 * Everything the build allocates is released on every path (one cleanup
 * label).
 */
#include "cxreport/build.h"
#include "charts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/doc.h"
#include "cxreport/render.h"
#include "defaults.h"

#ifndef CX_LUA_DIR
#define CX_LUA_DIR "lua"
#endif

static cx_status load_datasets(const cx_build_opts *opts, const cx_data_list *data,
                               cx_table **tables, cx_named_table *named, cx_diag *diag)
{
    for (size_t i = 0; i < data->count; i++) {
        const cx_data_arg *a = &data->args[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(a->name, data->args[j].name) == 0)
                return cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0, "--data %s is given twice",
                                   a->name);
        cx_status st = cx_dataset_load(a->path, &opts->load_limits, &tables[i], diag);
        if (st != CX_OK)
            return st;
        named[i].name = a->name;
        named[i].table = tables[i];
    }
    return CX_OK;
}

cx_status cx_build_run(const cx_build_opts *opts, cx_diag *diag, char *trace, size_t trace_size)
{
    cx_data_list data;
    cx_status st = cx_data_defaults(opts->script, opts->data, opts->ndata, &data, diag);
    if (st != CX_OK)
        return st;
    cx_table **tables = calloc(data.count ? data.count : 1, sizeof *tables);
    cx_named_table *named = calloc(data.count ? data.count : 1, sizeof *named);
    cx_doc *doc = cx_doc_new();
    cx_layout_result *layout = NULL;
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    cx_chart_files *charts = NULL;
    cx_script_env env;
    memset(&env, 0, sizeof env);

    if (!tables || !named || !doc) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = load_datasets(opts, &data, tables, named, diag)) != CX_OK)
        goto done;

    env.script_path = opts->script;
    env.lua_dir = opts->lua_dir ? opts->lua_dir : CX_LUA_DIR;
    env.ndatasets = data.count;
    env.datasets = named;
    env.nparams = opts->nparams;
    env.params = opts->params;
    env.doc = doc;
    env.limits = opts->limits;
    env.want_result = opts->command == CX_CMD_RUN;
    env.print_to_stdout = opts->command == CX_CMD_RUN;
    if ((st = cx_script_run(&env, diag, trace, trace_size)) != CX_OK)
        goto done;

    if (opts->command == CX_CMD_RUN) {
        fputs(env.result_json, stdout);
        if (fflush(stdout) != 0)
            st = cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "cannot write to standard output");
        goto done;
    }

    cx_render_opts ropts;
    cx_render_opts_default(&ropts);
    ropts.has_date = opts->has_date;
    ropts.date_epoch = opts->has_date ? opts->date_epoch : 0;
    ropts.producer = "cxreport " CX_VERSION;
    if ((st = cx_layout(doc, &ropts, &layout, diag)) != CX_OK)
        goto done;
    if ((st = cx_pdf_render(layout, doc, &ropts, &pdf, &pdf_len, diag)) != CX_OK)
        goto done;
    bool want_charts = opts->command == CX_CMD_BUILD && opts->charts_dir;
    if (want_charts && ((st = cx_charts_render(layout, doc, &ropts, &charts, diag)) != CX_OK
                        || (st = cx_charts_make_dir(opts->charts_dir, diag)) != CX_OK))
        goto done;
    if (opts->command == CX_CMD_BUILD)
        st = cx_write_atomic(opts->output, pdf, pdf_len, diag);
    if (st == CX_OK && want_charts)
        st = cx_charts_write(charts, opts->charts_dir, diag);

done:
    cx_chart_files_free(charts);
    free(pdf);
    cx_layout_free(layout);
    cx_strlist_free(&env.files_read);
    free(env.result_json);
    cx_doc_free(doc);
    if (tables)
        for (size_t i = 0; i < data.count; i++)
            cx_table_free(tables[i]);
    cx_data_list_free(&data);
    free(tables);
    free(named);
    return st;
}
