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

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/brand.h"
#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"
#include "defaults.h"

#ifndef CX_LUA_DIR
#define CX_LUA_DIR "lua"
#endif
#ifndef CX_TEMPLATES_DIR
#define CX_TEMPLATES_DIR "templates"
#endif

/* The look of the report: the brand --brand names, else the one the
 * report names (report { brand = NAME }), else the house look.  *brand
 * is the loaded brand (NULL for the house look); opts and theme borrow
 * from it. */
static cx_status load_look(const cx_build_opts *opts, const cx_doc *doc, cx_brand **brand,
                           cx_render_opts *ropts, cx_theme *theme, cx_diag *diag)
{
    const char *dir = opts->brand_dir;
    const char *name = cx_doc_get_meta(doc)->brand;
    char found[PATH_MAX];
    if (!dir && name) {
        if (!cx_brand_find(name, opts->script, CX_TEMPLATES_DIR, found, sizeof found))
            return cx_diag_set(diag, CX_EDATA, opts->script, 0, 0,
                               "no brand called '%s' (looked for brands/%s/brand.lua beside "
                               "the script and among the shipped templates/brands)", name, name);
        dir = found;
    }
    if (!dir) {
        cx_render_opts_default(ropts);
        cx_theme_default(theme);
        return CX_OK;
    }
    cx_status st = cx_brand_load(dir, brand, diag);
    if (st == CX_OK)
        cx_brand_apply(*brand, ropts, theme);
    return st;
}

/* Every file the look reads is an input of the build (the cache hashes
 * them): fonts, and the brand's brand.lua, logo and cover image. */
static cx_status look_inputs(const cx_render_opts *ropts, const cx_brand *brand,
                             cx_strlist *files, cx_diag *diag)
{
    const char *paths[4 + CX_MAX_FALLBACK + 3] = { ropts->fonts.regular, ropts->fonts.bold,
                                                   ropts->fonts.italic,
                                                   ropts->fonts.bold_italic };
    size_t n = 4;
    for (size_t k = 0; k < ropts->fonts.nfallback && k < CX_MAX_FALLBACK; k++)
        paths[n++] = ropts->fonts.fallback[k];
    if (brand) {
        paths[n++] = brand->file;
        paths[n++] = brand->logo;
        paths[n++] = brand->cover_image;
    }
    for (size_t i = 0; i < n; i++) {
        char real[PATH_MAX];
        if (paths[i] && realpath(paths[i], real) && !cx_strlist_add(files, real))
            return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    }
    return CX_OK;
}

/* A PDF over --max-output-size is refused before anything is written,
 * its size rounded up so it never reads as equal to the limit. */
static cx_status check_output_size(const cx_build_opts *opts, size_t len, cx_diag *diag)
{
    size_t max = opts->max_output_size ? opts->max_output_size : CX_DEFAULT_MAX_OUTPUT_SIZE;
    if (len <= max)
        return CX_OK;
    char limit[64], size[64];
    cx_diag_size_text(max, limit, sizeof limit);
    if (len >= ((size_t)1 << 20))
        snprintf(size, sizeof size, "%.1f MiB", ceil((double)len * 10 / (1 << 20)) / 10);
    else if (len >= 1024)
        snprintf(size, sizeof size, "%.1f KiB", ceil((double)len * 10 / 1024) / 10);
    else
        snprintf(size, sizeof size, "%zu bytes", len);
    return cx_diag_set(diag, CX_EOUTPUT, opts->output ? opts->output : opts->script, 0, 0,
                       "the PDF is %s, over the output limit of %s (raise it with "
                       "--max-output-size)", size, limit);
}

void cx_build_data_free(cx_build_data *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        if (d->tables)
            cx_table_free((cx_table *)d->tables[i].table);
        if (d->paths)
            free(d->paths[i]);
        if (d->tables)
            free((char *)d->tables[i].name);
    }
    free(d->tables);
    free(d->paths);
    memset(d, 0, sizeof *d);
}

cx_status cx_build_data_load(const cx_build_opts *opts, cx_build_data *out, cx_diag *diag)
{
    memset(out, 0, sizeof *out);
    cx_data_list list;
    cx_status st = cx_data_defaults(opts->script, opts->data, opts->ndata, &list, diag);
    if (st != CX_OK)
        return st;
    cx_load_limits lim = opts->load_limits;
    if (!lim.max_rows)
        lim.max_rows = CX_DEFAULT_MAX_ROWS;
    if (!lim.max_line_bytes)
        lim.max_line_bytes = CX_DEFAULT_MAX_LINE_BYTES;
    if (!lim.max_data_memory)
        lim.max_data_memory = CX_DEFAULT_MAX_DATA_MEMORY;
    out->tables = calloc(list.count ? list.count : 1, sizeof *out->tables);
    out->paths = calloc(list.count ? list.count : 1, sizeof *out->paths);
    if (!out->tables || !out->paths) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < list.count; i++) {
        const cx_data_arg *a = &list.args[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(a->name, list.args[j].name) == 0) {
                st = cx_diag_set(diag, CX_EUSAGE, NULL, 0, 0, "--data %s is given twice", a->name);
                goto done;
            }
        cx_table *t = NULL;
        if ((st = cx_dataset_load(a->path, &lim, &t, diag)) != CX_OK)
            goto done;
        out->tables[out->count].table = t;
        out->count++;
        if (!(out->tables[out->count - 1].name = strdup(a->name)) ||
            !(out->paths[out->count - 1] = strdup(a->path))) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
done:
    cx_data_list_free(&list);
    if (st != CX_OK)
        cx_build_data_free(out);
    return st;
}

void cx_build_result_free(cx_build_result *r)
{
    if (!r)
        return;
    free(r->pdf);
    cx_strlist_free(&r->files_read);
    cx_data_reads_free(&r->reads);
    cx_diag_list_free(&r->warnings);
    cx_chart_files_free(r->charts);
    memset(r, 0, sizeof *r);
}

cx_status cx_build_one(const cx_build_opts *opts, const cx_build_data *data,
                       const cx_param *params, size_t nparams, cx_build_result *res,
                       cx_diag *diag, char *trace, size_t trace_size)
{
    memset(res, 0, sizeof *res);
    cx_status st = CX_OK;
    cx_doc *doc = cx_doc_new();
    cx_layout_result *layout = NULL;
    cx_brand *brand = NULL;
    cx_script_env env;
    memset(&env, 0, sizeof env);
    if (!doc) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }

    env.script_path = opts->script;
    env.lua_dir = opts->lua_dir ? opts->lua_dir : CX_LUA_DIR;
    env.brand_dir = opts->brand_dir;
    env.ndatasets = data->count;
    env.datasets = data->tables;
    env.nparams = nparams;
    env.params = params;
    env.doc = doc;
    env.limits = opts->limits;
    env.want_result = opts->command == CX_CMD_RUN;
    env.print_to_stdout = opts->command == CX_CMD_RUN;
    st = cx_script_run(&env, diag, trace, trace_size);
    res->files_read = env.files_read;
    res->reads = env.reads;
    res->warnings = env.warnings;
    memset(&env.files_read, 0, sizeof env.files_read);
    memset(&env.reads, 0, sizeof env.reads);
    memset(&env.warnings, 0, sizeof env.warnings);
    if (st != CX_OK)
        goto done;

    if (opts->command == CX_CMD_RUN) {
        fputs(env.result_json, stdout);
        if (fflush(stdout) != 0)
            st = cx_diag_set(diag, CX_EOUTPUT, NULL, 0, 0, "cannot write to standard output");
        goto done;
    }

    /* End notes the script did not place, and the data behind the charts
     * unless --chart-data off. */
    bool chart_data = !(opts->chart_data && strcmp(opts->chart_data, "off") == 0);
    if ((st = cx_doc_finish(doc, chart_data, diag)) != CX_OK)
        goto done;
    cx_render_opts ropts;
    cx_theme theme;
    if ((st = load_look(opts, doc, &brand, &ropts, &theme, diag)) != CX_OK)
        goto done;
    ropts.has_date = opts->has_date;
    ropts.date_epoch = opts->has_date ? opts->date_epoch : 0;
    ropts.producer = "cxreport " CX_VERSION;
    ropts.max_pages = opts->max_pages ? opts->max_pages : CX_DEFAULT_MAX_PAGES;
    if ((st = cx_layout_themed(doc, &ropts, &theme, &layout, diag)) != CX_OK) {
        if (st == CX_ESCRIPT && !diag->file[0])     /* the appendix: the script made it too */
            snprintf(diag->file, sizeof diag->file, "%s", opts->script);
        goto done;
    }
    res->pages = cx_layout_page_count(layout);
    for (size_t w = 0; w < layout->warnings.count; w++) {
        cx_diag warning = layout->warnings.items[w];
        if (!warning.file[0])           /* the cover and furniture: from the script */
            snprintf(warning.file, sizeof warning.file, "%s", opts->script);
        if (!cx_diag_list_add(&res->warnings, &warning)) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    /* the fonts and the brand are inputs too: another version, other bytes */
    if ((st = look_inputs(&ropts, brand, &res->files_read, diag)) != CX_OK)
        goto done;
    if ((st = cx_pdf_render(layout, doc, &ropts, &res->pdf, &res->pdf_len, diag)) != CX_OK)
        goto done;
    if ((st = check_output_size(opts, res->pdf_len, diag)) != CX_OK)
        goto done;
    if (opts->command == CX_CMD_BUILD && opts->charts_dir)
        st = cx_charts_render(layout, doc, &ropts, &res->charts, diag);

done:
    cx_layout_free(layout);
    cx_brand_free(brand);
    cx_strlist_free(&env.files_read);
    cx_data_reads_free(&env.reads);
    cx_diag_list_free(&env.warnings);
    free(env.result_json);
    cx_doc_free(doc);
    return st;
}

cx_status cx_build_run(const cx_build_opts *opts, cx_diag *diag, char *trace, size_t trace_size)
{
    cx_build_data data;
    cx_build_result res;
    memset(&res, 0, sizeof res);
    cx_status st = cx_build_data_load(opts, &data, diag);
    if (st != CX_OK)
        return st;
    st = cx_build_one(opts, &data, opts->params, opts->nparams, &res, diag, trace, trace_size);
    if (st == CX_OK && opts->command == CX_CMD_BUILD && res.charts)
        st = cx_make_dirs(opts->charts_dir, diag);
    if (st == CX_OK && opts->command == CX_CMD_BUILD)
        st = cx_write_atomic(opts->output, res.pdf, res.pdf_len, diag);
    if (st == CX_OK && res.charts)
        st = cx_charts_write(res.charts, opts->charts_dir, diag);
    cx_build_result_free(&res);
    cx_build_data_free(&data);
    return st;
}
