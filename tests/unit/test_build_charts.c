/*
 * test_build_charts.c — chart exports (--charts): file-name stems, the
 * NN-stem.png/.svg files a laid-out report gives, and the folder they go
 * to.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/compile/charts.h"
#include "cxreport/build.h"
#include "workdir_fixture.h"

static const char *stem_of(const char *title, const char *name)
{
    static char buf[128];
    cx_doc_chart c;
    memset(&c, 0, sizeof c);
    c.spec.title = title;
    c.name = name;
    cx_charts_stem(&c, buf, sizeof buf);
    return buf;
}

static void the_name_is_the_stem_when_given(void **state)
{
    (void)state;
    assert_string_equal(stem_of("NPS by vendor", "Ranking_2016"), "Ranking_2016");
}

static void the_title_becomes_a_lowercase_slug(void **state)
{
    (void)state;
    assert_string_equal(stem_of("Net Promoter Score (NPS) by vendor, 2016!", NULL),
                        "net-promoter-score-nps-by-vendor-2016");
    assert_string_equal(stem_of("  --Hello--  ", NULL), "hello");
    /* bytes outside ASCII separate words like punctuation */
    assert_string_equal(stem_of("Zufriedenheit \xC3\xBC" "ber Zeit", NULL),
                        "zufriedenheit-ber-zeit");
}

static void without_a_title_the_stem_is_chart(void **state)
{
    (void)state;
    assert_string_equal(stem_of(NULL, NULL), "chart");
    assert_string_equal(stem_of("", NULL), "chart");
    assert_string_equal(stem_of("\xC2\xBF?", NULL), "chart");
}

static void a_long_title_is_cut_at_60_characters_between_words(void **state)
{
    (void)state;
    char title[200] = "";
    for (int i = 0; i < 20; i++)
        strcat(title, "abcd ");
    /* k words take 5k - 1 characters: 12 words are 59; a 13th would need
     * 64, so the slug stops after 12 (no hyphen at the end) */
    const char *s = stem_of(title, NULL);
    assert_int_equal(strlen(s), 59);
    assert_int_equal(s[58], 'd');
    char word[81];
    memset(word, 'x', 80);
    word[80] = '\0';
    assert_int_equal(strlen(stem_of(word, NULL)), 60);
}

static const char *const CATS[3] = { "Acme", "Borealis", "Cobalt" };
static const double VALUES[3] = { 31, -5, 12 };

static void add_bar(cx_doc *doc, const char *title, const char *name)
{
    static cx_chart_series ser = { "NPS", 3, VALUES, NULL, NULL, NULL };
    cx_chart_spec s = { .kind = CX_CHART_BAR, .title = title, .ncategories = 3,
                        .categories = CATS, .nseries = 1, .series = &ser, .height = 100 };
    cx_diag d;
    assert_int_equal(cx_doc_add_chart(doc, &s, NULL, name, &d), CX_OK);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The names in dir, sorted, without dot files. */
static int list_dir(const char *dir, char names[][64], int max)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.' && n < max && strlen(e->d_name) < 64)
            memcpy(names[n++], e->d_name, strlen(e->d_name) + 1);
    closedir(dp);
    qsort(names, (size_t)n, 64, by_name);
    return n;
}

static void every_chart_becomes_a_png_and_an_svg_numbered_in_order(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    add_bar(doc, "NPS by vendor", NULL);
    add_bar(doc, "Second", "ranking");
    add_bar(doc, NULL, NULL);
    cx_render_opts o;
    cx_render_opts_default(&o);
    cx_layout_result *lr = NULL;
    cx_chart_files *files = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_OK);
    assert_int_equal(cx_charts_render(lr, doc, &o, &files, &d), CX_OK);
    char dir[300];
    snprintf(dir, sizeof dir, "%s/a/b/charts/", cxt_workdir);
    assert_int_equal(cx_make_dirs(dir, &d), CX_OK);
    assert_int_equal(cx_charts_write(files, dir, &d), CX_OK);

    char names[8][64];
    assert_int_equal(list_dir(dir, names, 8), 6);
    const char *want[6] = { "01-nps-by-vendor.png", "01-nps-by-vendor.svg", "02-ranking.png",
                            "02-ranking.svg", "03-chart.png", "03-chart.svg" };
    for (int i = 0; i < 6; i++)
        assert_string_equal(names[i], want[i]);

    char path[400];
    snprintf(path, sizeof path, "%s01-nps-by-vendor.png", dir);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char head[24];
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    assert_memory_equal(head, "\x89PNG\r\n\x1a\n", 8);
    /* IHDR width, big-endian: 2 px per point of the 481.876 pt column and
     * two 8 pt margins, 2 * 497.876 = 995.75, rounded up = 996 */
    unsigned w = (unsigned)head[16] << 24 | (unsigned)head[17] << 16 | (unsigned)head[18] << 8
                 | head[19];
    assert_int_equal(w, 996);

    cx_chart_files_free(files);
    cx_chart_files_free(NULL);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_file_in_the_way_of_the_folder_is_an_output_error(void **state)
{
    (void)state;
    char path[512];
    cxt_workdir_write("plain", "", path);
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_make_dirs(path, &d), CX_EOUTPUT);
    assert_string_equal(d.message, "cannot create a folder here: a file has that name");
    snprintf(path, sizeof path, "%s/plain/sub", cxt_workdir);
    assert_int_equal(cx_make_dirs(path, &d), CX_EOUTPUT);
    snprintf(path, sizeof path, "%s", cxt_workdir);
    assert_int_equal(cx_make_dirs(path, &d), CX_OK);      /* already there */
}

static int setup(void **state)
{
    (void)state;
    return cxt_workdir_make("build-charts");
}

static int teardown(void **state)
{
    (void)state;
    return cxt_workdir_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_name_is_the_stem_when_given),
        cmocka_unit_test(the_title_becomes_a_lowercase_slug),
        cmocka_unit_test(without_a_title_the_stem_is_chart),
        cmocka_unit_test(a_long_title_is_cut_at_60_characters_between_words),
        cmocka_unit_test(every_chart_becomes_a_png_and_an_svg_numbered_in_order),
        cmocka_unit_test(a_file_in_the_way_of_the_folder_is_an_output_error),
    };
    return cmocka_run_group_tests_name("build_charts", tests, setup, teardown);
}
