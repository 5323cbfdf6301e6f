/*
 * test_doc_blocks.c — the typography part of the document: links,
 * references and notes in the markup, labels and caption numbers, key
 * figures, callouts and quotes, and what cx_doc_finish adds (end notes,
 * the data behind the charts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/doc.h"

static cx_diag D;
#define DG (&D)

#define OK(call)                                                               \
    do {                                                                       \
        cx_diag_clear(&D);                                                     \
        cx_status s_ = (call);                                                 \
        if (s_ != CX_OK)                                                       \
            print_error("%s: %s\n", #call, D.message);                         \
        assert_int_equal(s_, CX_OK);                                           \
    } while (0)

#define FAILS(call, text)                                                      \
    do {                                                                       \
        cx_diag_clear(&D);                                                     \
        assert_int_equal((call), CX_ESCRIPT);                                  \
        if (!strstr(D.message, text))                                          \
            print_error("message: %s\n", D.message);                           \
        assert_non_null(strstr(D.message, text));                              \
    } while (0)

static cx_rich parse(cx_arena *a, const char *markup)
{
    cx_rich r;
    cx_diag d;
    assert_int_equal(cx_rich_parse(a, markup, &r, &d), CX_OK);
    return r;
}

/* The spans' texts joined with '|', for compact assertions. */
static const char *joined(const cx_rich *r)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < r->nspans; i++) {
        if (i)
            strcat(buf, "|");
        strcat(buf, r->spans[i].text);
    }
    return buf;
}

/* ---- markup ------------------------------------------------------------ */

static void a_markdown_link_is_a_span_with_its_url(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r = parse(a, "See [the **method**](https://example.com/m?a=1) here.");
    assert_string_equal(joined(&r), "See |the |method| here.");
    assert_null(r.spans[0].href);
    assert_string_equal(r.spans[1].href, "https://example.com/m?a=1");
    assert_string_equal(r.spans[2].href, "https://example.com/m?a=1");
    assert_int_equal(r.spans[2].style, CX_STYLE_BOLD);
    assert_null(r.spans[3].href);
    cx_arena_free(a);
}

static void a_bare_url_is_a_link_without_its_trailing_punctuation(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r = parse(a, "Read https://example.com/a_(b). Or (http://x.org/y).");
    assert_string_equal(joined(&r), "Read |https://example.com/a_(b)|. Or (|http://x.org/y|).");
    assert_string_equal(r.spans[1].href, "https://example.com/a_(b)");
    assert_string_equal(r.spans[3].href, "http://x.org/y");
    /* mailto only in [text](url); a scheme alone is no link */
    r = parse(a, "[write](mailto:cx@example.com) or https:// alone");
    assert_string_equal(joined(&r), "write| or https:// alone");
    assert_string_equal(r.spans[0].href, "mailto:cx@example.com");
    assert_null(r.spans[1].href);
    cx_arena_free(a);
}

static void brackets_that_are_not_links_stay_literal(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    /* intervals from a methodology text, and a link to a scheme we do
     * not make clickable */
    const char *s = "Weak [30, 50), Good [80, 100]. [x](ftp://h/f) [y] (z)";
    cx_rich r = parse(a, s);
    assert_int_equal(r.nspans, 1);
    assert_string_equal(r.spans[0].text, s);
    assert_null(r.spans[0].href);
    /* an empty link text: the address is still a (bare) link */
    r = parse(a, "[](https://a.b)");
    assert_string_equal(joined(&r), "[](|https://a.b|)");
    assert_string_equal(r.spans[1].href, "https://a.b");
    cx_arena_free(a);
}

static void escapes_print_brackets_braces_and_carets(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r = parse(a, "\\[a\\](b) \\{ref:t\\} 2\\^[3] \\\\");
    assert_int_equal(r.nspans, 1);
    assert_string_equal(r.spans[0].text, "[a](b) {ref:t} 2^[3] \\");
    assert_null(r.spans[0].href);
    assert_null(r.spans[0].ref);
    assert_int_equal(r.spans[0].note, 0);
    cx_arena_free(a);
}

static void a_reference_keeps_its_label_for_layout(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r = parse(a, "see {ref:fig:nps.rank-1}, *not* {ref:bad label}");
    assert_string_equal(joined(&r), "see |fig:nps.rank-1|, |not| {ref:bad label}");
    assert_string_equal(r.spans[1].ref, "fig:nps.rank-1");
    assert_null(r.spans[0].ref);
    assert_int_equal(r.spans[3].style, CX_STYLE_ITALIC);
    cx_arena_free(a);
}

static void the_parser_leaves_notes_for_the_document_to_number(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r = parse(a, "NPS^[a *trademark* [of](https://b.c) Bain] is^[] used.");
    assert_string_equal(joined(&r), "NPS|a *trademark* [of](https://b.c) Bain| is^[] used.");
    assert_int_equal(r.spans[1].note, -1);
    assert_int_equal(r.spans[0].note, 0);
    cx_arena_free(a);
}

/* ---- notes ------------------------------------------------------------- */

static void notes_are_numbered_in_document_order_across_blocks(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "One^[first] and two^[second **bold**].", DG));
    const char *items[] = { "item^[third]" };
    OK(cx_doc_add_list(doc, false, items, 1, DG));
    const char *hdr[] = { "H^[fourth]" }, *cells[] = { "c" };
    OK(cx_doc_add_table(doc, 1, hdr, NULL, 1, cells, DG));
    OK(cx_doc_add_callout(doc, "Title", "callout^[fifth ^[not a note]]", DG));
    assert_int_equal(cx_doc_note_count(doc), 5);
    const cx_rich *p = &cx_doc_block(doc, 0)->text;
    assert_string_equal(joined(p), "One|1| and two|2|.");
    assert_int_equal(p->spans[1].note, 1);
    assert_int_equal(p->spans[3].note, 2);
    assert_string_equal(cx_doc_block(doc, 1)->items[0].spans[1].text, "3");
    assert_string_equal(cx_doc_block(doc, 2)->table->header[0].spans[1].text, "4");
    assert_string_equal(joined(cx_doc_note(doc, 1)), "second |bold");
    assert_int_equal(cx_doc_note(doc, 1)->spans[1].style, CX_STYLE_BOLD);
    /* inside a note, ^[ is literal */
    assert_string_equal(joined(cx_doc_note(doc, 4)), "fifth ^[not a note]");
    assert_null(cx_doc_note(doc, 5));
    cx_doc_free(doc);
}

static void notes_are_placed_once(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_notes(doc, DG));
    FAILS(cx_doc_add_notes(doc, DG), "already placed");
    cx_doc_free(doc);
}

/* ---- labels and numbers ------------------------------------------------ */

static cx_chart_spec bar(void)
{
    static const char *const cats[] = { "Acme", "Borealis", "Cobalt" };
    static const double v[] = { 12, 31, -4 };
    static const cx_chart_series s = { .name = NULL, .n = 3, .values = v };
    return (cx_chart_spec){ .kind = CX_CHART_BAR, .title = "NPS", .noun = "vendors",
                            .ncategories = 3, .categories = cats, .nseries = 1, .series = &s,
                            .sort = CX_SORT_DESC, .horizontal = true, .x_title = "NPS" };
}

static void tables_and_figures_are_numbered_separately(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    const char *hdr[] = { "A" }, *cells[] = { "1" };
    cx_chart_spec s = bar();
    OK(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "First.", "tab:a", DG));
    OK(cx_doc_add_chart_ex(doc, &s, "A figure.", NULL, "fig:a", DG));
    OK(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, NULL, NULL, DG));   /* unnumbered */
    OK(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "Second.", "tab:b", DG));
    OK(cx_doc_add_chart_ex(doc, &s, "Another.", NULL, NULL, DG));
    assert_int_equal(cx_doc_block(doc, 0)->table->number, 1);
    assert_int_equal(cx_doc_block(doc, 1)->chart->number, 1);
    assert_int_equal(cx_doc_block(doc, 2)->table->number, 0);
    assert_int_equal(cx_doc_block(doc, 3)->table->number, 2);
    assert_int_equal(cx_doc_block(doc, 4)->chart->number, 2);
    assert_string_equal(cx_doc_block(doc, 3)->table->caption.spans[0].text, "Second.");
    assert_int_equal(cx_doc_find_label(doc, "tab:a"), 0);
    assert_int_equal(cx_doc_find_label(doc, "fig:a"), 1);
    assert_int_equal(cx_doc_find_label(doc, "tab:b"), 3);
    assert_int_equal(cx_doc_find_label(doc, "tab:c"), SIZE_MAX);
    cx_doc_free(doc);
}

static void a_label_is_well_formed_unique_and_on_a_numbered_block(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    const char *hdr[] = { "A" }, *cells[] = { "1" };
    cx_chart_spec s = bar();
    cx_doc_set_source(doc, "r.lua", 7);
    OK(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "Cap.", "t1", DG));
    cx_doc_set_source(doc, "r.lua", 9);
    FAILS(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "Cap.", "t1", DG),
          "label 't1' is already used (line 7)");
    assert_int_equal(D.line, 9);
    FAILS(cx_doc_add_chart_ex(doc, &s, NULL, NULL, "f1", DG), "label 'f1' needs a caption");
    FAILS(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "", "t2", DG), "needs a caption");
    FAILS(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "Cap.", "has space", DG),
          "a label is 1 to 100 ASCII letters");
    /* a failed call leaves the document as it was */
    assert_int_equal(cx_doc_block_count(doc), 1);
    assert_int_equal(cx_doc_find_label(doc, "f1"), SIZE_MAX);
    cx_doc_free(doc);
}

static void paragraphs_carry_their_alignment_and_the_document_a_default(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    assert_false(cx_doc_get_meta(doc)->justify);
    cx_doc_set_justify(doc, true);
    assert_true(cx_doc_get_meta(doc)->justify);
    OK(cx_doc_add_paragraph(doc, "a", DG));
    OK(cx_doc_add_paragraph_aligned(doc, "b", CX_PAR_LEFT, DG));
    OK(cx_doc_add_paragraph_aligned(doc, "c", CX_PAR_JUSTIFY, DG));
    FAILS(cx_doc_add_paragraph_aligned(doc, "d", (cx_par_align)7, DG), "unknown alignment");
    assert_int_equal(cx_doc_block(doc, 0)->align, CX_PAR_DEFAULT);
    assert_int_equal(cx_doc_block(doc, 1)->align, CX_PAR_LEFT);
    assert_int_equal(cx_doc_block(doc, 2)->align, CX_PAR_JUSTIFY);
    assert_int_equal(cx_doc_block_count(doc), 3);
    cx_doc_free(doc);
}

/* ---- key figures, callouts, quotes ------------------------------------- */

static void key_figure_changes_are_formatted_with_a_true_minus_sign(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_keyfig f[4] = {
        { .value = "29.9", .label = "Industry average NPS", .has_change = true,
          .change = -1.94, .decimals = 1, .change_label = "vs 2015", .good = CX_GOOD_UP },
        { .value = "54", .label = "Highest", .has_change = true, .change = 2.5, .decimals = 0 },
        { .value = "8", .label = "Lowest", .has_change = true, .change = 0.04, .decimals = 1 },
        { .value = "62", .label = "Range" },
    };
    OK(cx_doc_add_keyfigures(doc, f, 4, DG));
    const cx_block *b = cx_doc_block(doc, 0);
    assert_int_equal(b->kind, CX_BLOCK_KEYFIGURES);
    assert_int_equal(b->nfigs, 4);
    /* −1.94 to one decimal: −1.9, with U+2212 (E2 88 92); 2.5 to none,
     * half away from zero: +3; 0.04 rounds to 0.0, which has no sign. */
    assert_string_equal(b->figs[0].change_text, "\xE2\x88\x92" "1.9");
    assert_string_equal(b->figs[1].change_text, "+3");
    assert_string_equal(b->figs[2].change_text, "0.0");
    assert_null(b->figs[3].change_text);
    assert_string_equal(b->figs[0].change_label, "vs 2015");
    assert_int_equal(b->figs[0].good, CX_GOOD_UP);
    /* copied: the caller's strings may go */
    assert_true(b->figs[0].label != f[0].label);
    cx_doc_free(doc);
}

static void malformed_key_figures_are_errors(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_keyfig f[25] = { { .value = "1", .label = "x" } };
    for (int i = 1; i < 25; i++)
        f[i] = f[0];
    FAILS(cx_doc_add_keyfigures(doc, f, 0, DG), "give 1 to 24 figures, got 0");
    FAILS(cx_doc_add_keyfigures(doc, f, 25, DG), "give 1 to 24 figures, got 25");
    f[1].value = "";
    FAILS(cx_doc_add_keyfigures(doc, f, 2, DG), "figure 2 has an empty value");
    f[1].value = NULL;
    FAILS(cx_doc_add_keyfigures(doc, f, 2, DG), "key figure 2's value is missing");
    f[1] = f[0];
    f[1].has_change = true;
    f[1].change = NAN;
    FAILS(cx_doc_add_keyfigures(doc, f, 2, DG), "figure 2's change must be a finite number");
    f[1].label = "\xC3";
    FAILS(cx_doc_add_keyfigures(doc, f, 2, DG), "invalid UTF-8 in key figure 2's label");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void callouts_and_quotes_keep_their_line_and_markup(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_callout(doc, "The bottom line", "Loyalty **pays**.", DG));
    OK(cx_doc_add_quote(doc, "Reliable, *mostly*.", "end user, Fabrikam", DG));
    OK(cx_doc_add_quote(doc, "No source.", NULL, DG));
    FAILS(cx_doc_add_callout(doc, "Title", "", DG), "callout: the text is empty");
    FAILS(cx_doc_add_quote(doc, NULL, "x", DG), "quote text is missing");
    const cx_block *c = cx_doc_block(doc, 0), *q = cx_doc_block(doc, 1);
    assert_int_equal(c->kind, CX_BLOCK_CALLOUT);
    assert_string_equal(c->title, "The bottom line");
    assert_string_equal(joined(&c->text), "Loyalty |pays|.");
    assert_int_equal(q->kind, CX_BLOCK_QUOTE);
    assert_string_equal(q->source, "end user, Fabrikam");
    assert_int_equal(q->text.spans[1].style, CX_STYLE_ITALIC);
    assert_null(cx_doc_block(doc, 2)->source);
    assert_int_equal(cx_doc_block_count(doc), 3);
    cx_doc_free(doc);
}

/* ---- finishing --------------------------------------------------------- */

static void finishing_adds_the_notes_once_where_the_script_did_not(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "x^[a note]", DG));
    OK(cx_doc_finish(doc, true, DG));
    OK(cx_doc_finish(doc, true, DG));              /* a second call adds nothing */
    assert_int_equal(cx_doc_block_count(doc), 3);
    assert_int_equal(cx_doc_block(doc, 1)->kind, CX_BLOCK_HEADING);
    assert_string_equal(cx_doc_block(doc, 1)->text.spans[0].text, "Notes");
    assert_int_equal(cx_doc_block(doc, 2)->kind, CX_BLOCK_NOTES);
    assert_null(cx_doc_block(doc, 2)->src_file);
    cx_doc_free(doc);
    /* placed by the script: nothing added; no notes: nothing either */
    doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "x^[a note]", DG));
    OK(cx_doc_add_notes(doc, DG));
    OK(cx_doc_finish(doc, true, DG));
    assert_int_equal(cx_doc_block_count(doc), 2);
    cx_doc_free(doc);
    doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "x", DG));
    OK(cx_doc_finish(doc, true, DG));
    assert_int_equal(cx_doc_block_count(doc), 1);
    cx_doc_free(doc);
}

/* The cell texts of a table block, row by row. */
static const char *cell(const cx_block *b, size_t r, size_t c)
{
    return b->table->cells[r * b->table->ncols + c].spans[0].text;
}

static void the_appendix_has_each_charts_sentence_and_numbers_in_drawing_order(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_chart_spec s = bar();
    s.format.decimals = 1;
    OK(cx_doc_add_chart_ex(doc, &s, "Ranking of *three*.", NULL, "fig:r", DG));
    static const double v[] = { 1, 2 }, lo[] = { 0.5, 1.5 }, hi[] = { 1.5, 2.5 };
    static const char *const cats[] = { "a*", "b" };
    cx_chart_series ser = { .n = 2, .values = v, .lo = lo, .hi = hi };
    cx_chart_spec dot = { .kind = CX_CHART_DOT, .ncategories = 2, .categories = cats,
                          .nseries = 1, .series = &ser };
    OK(cx_doc_add_chart(doc, &dot, NULL, NULL, DG));
    OK(cx_doc_finish(doc, true, DG));
    /* chart, chart, then: h1, intro, (h3, sentence, table) twice */
    assert_int_equal(cx_doc_block_count(doc), 10);
    const cx_block *h = cx_doc_block(doc, 2);
    assert_string_equal(h->text.spans[0].text, "Data behind the charts");
    assert_int_equal(cx_doc_block(doc, 4)->level, 3);
    assert_string_equal(cx_doc_block(doc, 4)->text.spans[0].text, "Figure 1: NPS");
    assert_string_equal(cx_doc_block(doc, 5)->text.spans[0].text,
                        cx_doc_block(doc, 0)->chart->alt);
    const cx_block *t = cx_doc_block(doc, 6);
    assert_int_equal(t->table->ncols, 2);
    assert_string_equal(t->table->header[0].spans[0].text, "Vendors");
    assert_string_equal(t->table->header[1].spans[0].text, "NPS");
    /* sorted as drawn, descending: 31, 12, −4, one decimal */
    assert_string_equal(cell(t, 0, 0), "Borealis");
    assert_string_equal(cell(t, 0, 1), "31.0");
    assert_string_equal(cell(t, 1, 1), "12.0");
    assert_string_equal(cell(t, 2, 1), "\xE2\x88\x92" "4.0");
    /* an unnumbered chart without a title is "Chart 2"; intervals get
     * Low and High columns; a star in a label prints as itself */
    assert_string_equal(cx_doc_block(doc, 7)->text.spans[0].text, "Chart 2");
    t = cx_doc_block(doc, 9);
    assert_int_equal(t->table->ncols, 4);
    assert_string_equal(t->table->header[0].spans[0].text, "Category");
    assert_string_equal(t->table->header[2].spans[0].text, "Low");
    assert_string_equal(t->table->header[3].spans[0].text, "High");
    assert_string_equal(cell(t, 0, 0), "a*");
    assert_string_equal(cell(t, 1, 3), "3");      /* 2.5 to 0 decimals, half away from 0 */
    cx_doc_free(doc);
    /* --chart-data off: no appendix */
    doc = cx_doc_new();
    s = bar();
    OK(cx_doc_add_chart(doc, &s, NULL, NULL, DG));
    OK(cx_doc_finish(doc, false, DG));
    assert_int_equal(cx_doc_block_count(doc), 1);
    cx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_markdown_link_is_a_span_with_its_url),
        cmocka_unit_test(a_bare_url_is_a_link_without_its_trailing_punctuation),
        cmocka_unit_test(brackets_that_are_not_links_stay_literal),
        cmocka_unit_test(escapes_print_brackets_braces_and_carets),
        cmocka_unit_test(a_reference_keeps_its_label_for_layout),
        cmocka_unit_test(the_parser_leaves_notes_for_the_document_to_number),
        cmocka_unit_test(notes_are_numbered_in_document_order_across_blocks),
        cmocka_unit_test(notes_are_placed_once),
        cmocka_unit_test(tables_and_figures_are_numbered_separately),
        cmocka_unit_test(a_label_is_well_formed_unique_and_on_a_numbered_block),
        cmocka_unit_test(paragraphs_carry_their_alignment_and_the_document_a_default),
        cmocka_unit_test(key_figure_changes_are_formatted_with_a_true_minus_sign),
        cmocka_unit_test(malformed_key_figures_are_errors),
        cmocka_unit_test(callouts_and_quotes_keep_their_line_and_markup),
        cmocka_unit_test(finishing_adds_the_notes_once_where_the_script_did_not),
        cmocka_unit_test(the_appendix_has_each_charts_sentence_and_numbers_in_drawing_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
