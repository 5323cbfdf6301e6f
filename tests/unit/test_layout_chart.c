/*
 * test_layout_chart.c — chart blocks in the flow: a display list as wide
 * as the text, the caption under it, the two kept on one page, and the
 * errors a chart that cannot be placed gives at its script line.
 *
 * Heights are worked out in comments from the default theme and A4
 * (see test_layout.c): 728.49 pt of text height, one-line paragraphs of
 * 14.5 pt with 8 pt after; a chart takes 10 pt before it, its height, 6 pt
 * to the caption and 9 × 1.35 = 12.15 pt per caption line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"

static const char *const CATS[3] = { "Acme", "Borealis", "Cobalt" };
static const double VALUES[3] = { 31, -5, 12 };

static cx_chart_series one_series = { "NPS", 3, VALUES, NULL, NULL, NULL };

static cx_chart_spec bar_spec(double width, double height)
{
    return (cx_chart_spec){ .kind = CX_CHART_BAR, .title = "NPS by vendor", .ncategories = 3,
                            .categories = CATS, .nseries = 1, .series = &one_series,
                            .width = width, .height = height };
}

static void add_chart(cx_doc *doc, cx_chart_spec s, const char *caption)
{
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = cx_doc_add_chart(doc, &s, caption, NULL, &d);
    if (st != CX_OK)
        fail_msg("cx_doc_add_chart: %s", d.message);
}

static cx_doc *paragraphs(int n)
{
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    for (int i = 0; i < n; i++)
        assert_int_equal(cx_doc_add_paragraph(doc, "p", &d), CX_OK);
    return doc;
}

static cx_layout_result *lay(const cx_doc *doc)
{
    cx_render_opts o;
    cx_render_opts_default(&o);
    cx_layout_result *lr = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = cx_layout(doc, &o, &lr, &d);
    if (st != CX_OK)
        fail_msg("layout: %s", d.message);
    return lr;
}

/* The first item of a kind on a page, or NULL. */
static const cx_item *first_item(const cx_layout_result *lr, size_t page, cx_item_kind kind)
{
    for (size_t i = 0; page < lr->npages && i < lr->pages[page].nitems; i++)
        if (lr->pages[page].items[i].kind == kind)
            return &lr->pages[page].items[i];
    return NULL;
}

/* The text item starting with prefix, on any page; *page gets its page. */
static const cx_item *text_item(const cx_layout_result *lr, const char *prefix, size_t *page)
{
    for (size_t p = 0; p < lr->npages; p++)
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT && it->text.len >= strlen(prefix)
                && memcmp(it->text.text, prefix, strlen(prefix)) == 0) {
                if (page)
                    *page = p;
                return it;
            }
        }
    return NULL;
}

static void a_chart_is_a_display_list_as_wide_as_the_text_column(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    add_chart(doc, bar_spec(0, 150), "NPS by vendor in 2016.");
    cx_layout_result *lr = lay(doc);
    /* the title page, then the chart at the top of page 2 */
    assert_int_equal(lr->npages, 2);
    const cx_item *it = first_item(lr, 1, CX_ITEM_DL);
    assert_non_null(it);
    /* A4 595.276 pt less two 56.7 pt margins = 481.876 pt; the top margin
     * puts the first block at 841.89 - 56.7 = 785.19 pt */
    assert_true(fabs(it->dl.dl->width - 481.876) < 1e-9);
    assert_true(fabs(it->dl.dl->height - 150.0) < 1e-9);
    assert_true(fabs(it->dl.x - 56.7) < 1e-9);
    assert_true(fabs(it->dl.y_top - 785.19) < 1e-9);
    /* the result owns the list and lists the chart */
    assert_int_equal(lr->ncharts, 1);
    assert_ptr_equal(lr->charts[0].dl, it->dl.dl);
    assert_int_equal(lr->charts[0].block, 0);
    assert_int_equal(lr->charts[0].page, 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void the_caption_is_a_numbered_figure_under_the_chart(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    add_chart(doc, bar_spec(0, 150), NULL);
    add_chart(doc, bar_spec(0, 150), "NPS by vendor in 2016.");
    cx_layout_result *lr = lay(doc);
    size_t page;
    const cx_item *fig = text_item(lr, "Figure", &page);
    assert_non_null(fig);
    assert_string_equal(fig->text.text, "Figure 1: ");  /* the uncaptioned chart has none */
    assert_int_equal(fig->text.face, 1);                /* bold */
    assert_true(fig->text.size == 9.0);                 /* the body's 10 pt less one */
    assert_non_null(text_item(lr, "NPS by vendor in 2016.", NULL));
    assert_int_equal(lr->ncharts, 2);
    /* the second chart's top: 785.19 - 150 (the first chart) - 14 (room
     * after a chart; the 10 pt before it are less); the caption's line
     * box starts 150 + 6 pt lower, so its baseline is lower still */
    const cx_dl *dl = lr->charts[1].dl;
    double top = 785.19 - 150.0 - 14.0;
    size_t n = 0;
    const cx_item *second = NULL;
    for (size_t i = 0; i < lr->pages[1].nitems; i++)
        if (lr->pages[1].items[i].kind == CX_ITEM_DL && n++ == 1)
            second = &lr->pages[1].items[i];
    assert_non_null(second);
    assert_ptr_equal(second->dl.dl, dl);
    assert_true(fabs(second->dl.y_top - top) < 1e-9);
    assert_true(fig->text.y < top - 150.0 - 6.0);
    assert_true(fig->text.y > top - 150.0 - 6.0 - 9.0 * 1.35);
    assert_int_equal(page, 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_chart_that_does_not_fit_moves_to_the_next_page_with_its_caption(void **state)
{
    (void)state;
    /* n paragraphs use 22.5 n - 8 pt.  A 200 pt chart with a one-line
     * caption needs 10 + 200 + 6 + 12.15 = 228.15 pt: after 22 paragraphs
     * (487 pt) 241.49 pt are left and it fits; after 23 (509.5 pt) only
     * 218.99 pt, so chart and caption move to the next page together. */
    for (int n = 22; n <= 23; n++) {
        cx_doc *doc = paragraphs(n);
        add_chart(doc, bar_spec(0, 200), "Caption");
        cx_layout_result *lr = lay(doc);
        size_t want = n == 22 ? 1 : 2;
        size_t cap_page;
        assert_non_null(text_item(lr, "Caption", &cap_page));
        assert_int_equal(lr->charts[0].page, want);
        assert_int_equal(cap_page, want);
        assert_non_null(first_item(lr, want, CX_ITEM_DL));
        cx_layout_free(lr);
        cx_doc_free(doc);
    }
}

static void a_heading_keeps_with_the_chart_after_it(void **state)
{
    (void)state;
    /* After 22 paragraphs 241.49 pt are left.  A level-2 heading needs 16
     * before and an 18.75 pt line, then the chart 10 + 228.15: 272.9 pt,
     * so the heading goes to the next page with its chart. */
    cx_doc *doc = paragraphs(22);
    cx_diag d;
    assert_int_equal(cx_doc_add_heading(doc, 2, "Ranking", &d), CX_OK);
    add_chart(doc, bar_spec(0, 200), "Caption");
    cx_layout_result *lr = lay(doc);
    size_t hpage;
    assert_non_null(text_item(lr, "Ranking", &hpage));
    assert_int_equal(hpage, 2);
    assert_int_equal(lr->charts[0].page, 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* 70 categories: a default-sized ranking grows to the height of the page.
 * Under a heading it is capped so that heading and chart share a page:
 * the heading never ends a page alone above a chart that moved on. */
static void a_page_sized_chart_shares_its_page_with_the_heading_above(void **state)
{
    (void)state;
    static const char *cats[70];
    static double vals[70];
    static char names[70][24];
    for (int i = 0; i < 70; i++) {
        snprintf(names[i], sizeof names[i], "Vendor %02d", i + 1);
        cats[i] = names[i];
        vals[i] = (double)((i * 37) % 90) - 20.0;
    }
    cx_chart_series series = { "NPS", 70, vals, NULL, NULL, NULL };
    cx_chart_spec s = { .kind = CX_CHART_BAR, .horizontal = true, .title = "Ranking",
                        .ncategories = 70, .categories = cats, .nseries = 1, .series = &series };
    cx_doc *doc = paragraphs(10);
    cx_diag d;
    assert_int_equal(cx_doc_add_heading(doc, 1, "Change from last year", &d), CX_OK);
    add_chart(doc, s, "Caption");
    cx_layout_result *lr = lay(doc);
    size_t hpage;
    assert_non_null(text_item(lr, "Change from last year", &hpage));
    assert_int_equal(lr->charts[0].page, hpage);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void expect_layout_error(cx_chart_spec s, const char *message)
{
    cx_doc *doc = cx_doc_new();
    cx_doc_set_source(doc, "report.lua", 42);
    add_chart(doc, s, NULL);
    cx_render_opts o;
    cx_render_opts_default(&o);
    cx_layout_result *lr = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_ESCRIPT);
    assert_null(lr);
    assert_string_equal(d.file, "report.lua");
    assert_int_equal(d.line, 42);
    if (!strstr(d.message, message))
        fail_msg("message \"%s\" lacks \"%s\"", d.message, message);
    cx_doc_free(doc);
}

static void a_chart_that_cannot_be_placed_is_an_error_at_its_script_line(void **state)
{
    (void)state;
    expect_layout_error(bar_spec(500, 0),
                        "chart: width 500.0 pt is wider than the text column (481.9 pt)");
    /* 728.49 pt of text height, and no caption */
    expect_layout_error(bar_spec(0, 800),
                        "chart: height 800.0 pt does not fit on a page (at most 728.5 pt "
                        "with its caption)");
    cx_chart_spec radar = bar_spec(0, 0);
    radar.kind = CX_CHART_RADAR;
    radar.ncategories = 2;
    one_series.n = 2;
    expect_layout_error(radar, "chart: a radar chart needs 3 to 12 dimensions, not 2");
    one_series.n = 3;
}

static void charts_are_listed_in_document_order_across_pages(void **state)
{
    (void)state;
    /* three 400 pt charts: each needs 10 + 400 pt, two never share a
     * 728.49 pt page, so they land on pages 2, 3 and 4 */
    cx_doc *doc = cx_doc_new();
    for (int i = 0; i < 3; i++)
        add_chart(doc, bar_spec(0, 400), NULL);
    cx_layout_result *lr = lay(doc);
    assert_int_equal(lr->ncharts, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lr->charts[i].block, i);
        assert_int_equal(lr->charts[i].page, i + 1);
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_chart_is_a_display_list_as_wide_as_the_text_column),
        cmocka_unit_test(the_caption_is_a_numbered_figure_under_the_chart),
        cmocka_unit_test(a_chart_that_does_not_fit_moves_to_the_next_page_with_its_caption),
        cmocka_unit_test(a_heading_keeps_with_the_chart_after_it),
        cmocka_unit_test(a_page_sized_chart_shares_its_page_with_the_heading_above),
        cmocka_unit_test(a_chart_that_cannot_be_placed_is_an_error_at_its_script_line),
        cmocka_unit_test(charts_are_listed_in_document_order_across_pages),
    };
    return cmocka_run_group_tests_name("layout_chart", tests, NULL, NULL);
}
