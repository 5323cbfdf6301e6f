/*
 * test_doc.c — the document tree: inline markup, UTF-8 validation and the
 * adders' checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "cxreport/doc.h"

/* ---- helpers ----------------------------------------------------------- */

typedef struct want { const char *text; unsigned style; } want;

enum { R = 0, B = CX_STYLE_BOLD, I = CX_STYLE_ITALIC, BI = CX_STYLE_BOLD | CX_STYLE_ITALIC };

static void check_spans(const char *markup, const want *w, size_t n)
{
    cx_arena *a = cx_arena_new();
    cx_diag d;
    cx_diag_clear(&d);
    cx_rich r;
    assert_int_equal(cx_rich_parse(a, markup, &r, &d), CX_OK);
    if (r.nspans != n) {
        for (size_t i = 0; i < r.nspans; i++)
            print_message("span %zu: '%s' style %u\n", i, r.spans[i].text, r.spans[i].style);
    }
    assert_int_equal(r.nspans, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(r.spans[i].text, w[i].text);
        assert_int_equal(r.spans[i].len, strlen(w[i].text));
        assert_int_equal(r.spans[i].style, w[i].style);
    }
    cx_arena_free(a);
}

#define SPANS(markup, ...)                                                     \
    do {                                                                       \
        const want w_[] = { __VA_ARGS__ };                                     \
        check_spans(markup, w_, sizeof w_ / sizeof w_[0]);                     \
    } while (0)

/* ---- inline markup ----------------------------------------------------- */

static void plain_text_is_one_regular_span(void **state)
{
    (void)state;
    SPANS("Hello, world.", { "Hello, world.", R });
}

static void empty_markup_has_no_spans(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r;
    cx_diag d;
    assert_int_equal(cx_rich_parse(a, "", &r, &d), CX_OK);
    assert_int_equal(r.nspans, 0);
    cx_arena_free(a);
}

static void double_stars_make_bold(void **state)
{
    (void)state;
    SPANS("a **bold** word", { "a ", R }, { "bold", B }, { " word", R });
}

static void single_stars_make_italic(void **state)
{
    (void)state;
    SPANS("an *italic* word", { "an ", R }, { "italic", I }, { " word", R });
}

static void triple_stars_make_bold_italic(void **state)
{
    (void)state;
    SPANS("***both*** then", { "both", BI }, { " then", R });
}

static void bold_and_italic_mix_in_one_paragraph(void **state)
{
    (void)state;
    SPANS("x **b** *i* y", { "x ", R }, { "b", B }, { " ", R }, { "i", I }, { " y", R });
}

static void italic_nests_inside_bold(void **state)
{
    (void)state;
    SPANS("**bold *and italic* text**", { "bold ", B }, { "and italic", BI }, { " text", B });
}

static void escaped_star_is_literal(void **state)
{
    (void)state;
    SPANS("\\*not italic\\*", { "*not italic*", R });
}

static void escaped_backslash_is_one_backslash(void **state)
{
    (void)state;
    SPANS("a\\\\b", { "a\\b", R });
}

static void escaped_backslash_before_a_star_leaves_the_star_a_marker(void **state)
{
    (void)state;
    /* "\\\\*x*" is \\ then *x*: a literal backslash, then italic x. */
    SPANS("\\\\*x*", { "\\", R }, { "x", I });
}

static void backslash_before_other_characters_is_kept(void **state)
{
    (void)state;
    SPANS("C:\\temp\\n", { "C:\\temp\\n", R });
}

static void trailing_backslash_is_kept(void **state)
{
    (void)state;
    SPANS("end\\", { "end\\", R });
}

static void unmatched_opening_marker_is_literal(void **state)
{
    (void)state;
    SPANS("**bold without end", { "**bold without end", R });
}

static void unmatched_closing_marker_is_literal(void **state)
{
    (void)state;
    SPANS("no start*", { "no start*", R });
}

static void star_between_spaces_is_literal(void **state)
{
    (void)state;
    SPANS("2 * 3 * 4", { "2 * 3 * 4", R });
}

static void extra_opening_star_stays_literal(void **state)
{
    (void)state;
    /* "**a*": one star of the opener matches the closer (italic); the
     * other is printed. */
    SPANS("**a*", { "*", R }, { "a", I });
}

static void extra_closing_star_stays_literal(void **state)
{
    (void)state;
    SPANS("*a**", { "a", I }, { "*", R });
}

static void escaped_star_next_to_marker(void **state)
{
    (void)state;
    SPANS("\\**a*", { "*", R }, { "a", I });
}

static void markup_keeps_utf8_intact(void **state)
{
    (void)state;
    SPANS("Zoë **Ελληνικά** *Кириллица*", { "Zoë ", R }, { "Ελληνικά", B }, { " ", R },
          { "Кириллица", I });
}

static void rich_parse_rejects_invalid_utf8(void **state)
{
    (void)state;
    cx_arena *a = cx_arena_new();
    cx_rich r;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_rich_parse(a, "ab\xFF", &r, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in text at byte 3");
    cx_arena_free(a);
}

/* ---- UTF-8 ------------------------------------------------------------- */

static bool valid(const char *s, size_t len, size_t *bad)
{
    return cx_utf8_valid(s, len, bad);
}

#define VALID(lit) assert_true(valid(lit, sizeof(lit) - 1, NULL))
#define INVALID_AT(lit, at)                                                    \
    do {                                                                       \
        size_t bad_ = 999;                                                     \
        assert_false(valid(lit, sizeof(lit) - 1, &bad_));                      \
        assert_int_equal(bad_, at);                                            \
    } while (0)

static void utf8_accepts_ascii_and_every_sequence_length(void **state)
{
    (void)state;
    VALID("");
    VALID("plain ASCII");
    VALID("Zo\xC3\xAB");                    /* ë U+00EB, 2 bytes */
    VALID("\xCE\x95\xCE\xBB");              /* Ελ */
    VALID("\xE2\x80\xA2");                  /* • U+2022, 3 bytes */
    VALID("\xF0\x9F\x98\x80");              /* U+1F600, 4 bytes */
    VALID("\xC2\x80");                      /* U+0080, smallest 2-byte */
    VALID("\xE0\xA0\x80");                  /* U+0800, smallest 3-byte */
    VALID("\xF0\x90\x80\x80");              /* U+10000, smallest 4-byte */
    VALID("\xED\x9F\xBF");                  /* U+D7FF, just below the surrogates */
    VALID("\xEE\x80\x80");                  /* U+E000, just above them */
    VALID("\xF4\x8F\xBF\xBF");              /* U+10FFFF, the last code point */
}

static void utf8_rejects_overlong_forms(void **state)
{
    (void)state;
    INVALID_AT("\xC0\x80", 0);              /* NUL in 2 bytes */
    INVALID_AT("a\xC1\xBF", 1);             /* U+007F in 2 bytes */
    INVALID_AT("\xE0\x80\x80", 0);          /* NUL in 3 bytes */
    INVALID_AT("\xE0\x9F\xBF", 0);          /* U+07FF in 3 bytes */
    INVALID_AT("\xF0\x80\x80\x80", 0);      /* NUL in 4 bytes */
    INVALID_AT("\xF0\x8F\xBF\xBF", 0);      /* U+FFFF in 4 bytes */
}

static void utf8_rejects_surrogates(void **state)
{
    (void)state;
    INVALID_AT("\xED\xA0\x80", 0);          /* U+D800 */
    INVALID_AT("ok\xED\xBF\xBF", 2);        /* U+DFFF */
}

static void utf8_rejects_code_points_above_10ffff(void **state)
{
    (void)state;
    INVALID_AT("\xF4\x90\x80\x80", 0);      /* U+110000 */
    INVALID_AT("\xF5\x80\x80\x80", 0);
    INVALID_AT("\xFF", 0);
    INVALID_AT("\xFE", 0);
}

static void utf8_rejects_stray_and_missing_continuations(void **state)
{
    (void)state;
    INVALID_AT("\x80", 0);                  /* continuation without a lead */
    INVALID_AT("abc\xBF", 3);
    INVALID_AT("Zo\xC3", 2);                /* truncated at the end */
    INVALID_AT("\xE2\x80", 0);
    INVALID_AT("\xC3\x41", 0);              /* lead followed by ASCII */
    INVALID_AT("\xE2\x80\x41", 0);
    INVALID_AT("\xF0\x9F\x98\x41", 0);
}

static void utf8_bad_offset_may_be_null(void **state)
{
    (void)state;
    assert_false(cx_utf8_valid("\xFF", 1, NULL));
}

/* ---- the adders -------------------------------------------------------- */

static void headings_of_levels_1_to_3_are_added(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    for (int lv = 1; lv <= 3; lv++)
        assert_int_equal(cx_doc_add_heading(doc, lv, "Title *with stars*", &d), CX_OK);
    assert_int_equal(cx_doc_block_count(doc), 3);
    const cx_block *b = cx_doc_block(doc, 2);
    assert_int_equal(b->kind, CX_BLOCK_HEADING);
    assert_int_equal(b->level, 3);
    /* Heading text is plain: the stars stay. */
    assert_int_equal(b->text.nspans, 1);
    assert_string_equal(b->text.spans[0].text, "Title *with stars*");
    cx_doc_free(doc);
}

static void heading_level_outside_1_to_3_is_a_script_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    cx_doc_set_source(doc, "report.lua", 12);
    assert_int_equal(cx_doc_add_heading(doc, 0, "x", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "heading level must be 1, 2 or 3, got 0");
    assert_string_equal(d.file, "report.lua");
    assert_int_equal(d.line, 12);
    assert_int_equal(cx_doc_add_heading(doc, 4, "x", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "heading level must be 1, 2 or 3, got 4");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void invalid_utf8_in_a_heading_names_the_byte(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    cx_doc_set_source(doc, "r.lua", 7);
    assert_int_equal(cx_doc_add_heading(doc, 1, "Bad\xC3(", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in heading at byte 4");
    assert_string_equal(d.file, "r.lua");
    assert_int_equal(d.line, 7);
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void invalid_utf8_in_a_paragraph_is_a_script_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_doc_add_paragraph(doc, "ok **then** \xED\xA0\x80", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in paragraph at byte 13");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void paragraph_markup_is_parsed_into_spans(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_doc_add_paragraph(doc, "a **b**", &d), CX_OK);
    const cx_block *b = cx_doc_block(doc, 0);
    assert_int_equal(b->kind, CX_BLOCK_PARAGRAPH);
    assert_int_equal(b->text.nspans, 2);
    assert_string_equal(b->text.spans[1].text, "b");
    assert_int_equal(b->text.spans[1].style, CX_STYLE_BOLD);
    cx_doc_free(doc);
}

static void text_is_copied_into_the_document(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    char buf[32] = "original";
    assert_int_equal(cx_doc_add_paragraph(doc, buf, &d), CX_OK);
    assert_int_equal(cx_doc_set_meta(doc, "title", buf, &d), CX_OK);
    strcpy(buf, "changed!");
    assert_string_equal(cx_doc_block(doc, 0)->text.spans[0].text, "original");
    assert_string_equal(cx_doc_get_meta(doc)->title, "original");
    cx_doc_free(doc);
}

static void list_items_are_parsed_and_numbered_flag_kept(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *items[] = { "one", "*two*", "three" };
    assert_int_equal(cx_doc_add_list(doc, true, items, 3, &d), CX_OK);
    const cx_block *b = cx_doc_block(doc, 0);
    assert_int_equal(b->kind, CX_BLOCK_LIST);
    assert_true(b->numbered);
    assert_int_equal(b->nitems, 3);
    assert_int_equal(b->items[1].spans[0].style, CX_STYLE_ITALIC);
    cx_doc_free(doc);
}

static void invalid_utf8_in_a_list_item_names_the_item(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *items[] = { "fine", "\xC0\xAF" };
    assert_int_equal(cx_doc_add_list(doc, false, items, 2, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in list item 2 at byte 1");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void table_keeps_cells_row_major_and_alignment(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "Name", "Score" };
    cx_align al[] = { CX_ALIGN_LEFT, CX_ALIGN_RIGHT };
    const char *cells[] = { "a", "1", "**b**", "2" };
    assert_int_equal(cx_doc_add_table(doc, 2, hdr, al, 2, cells, &d), CX_OK);
    const cx_doc_table *t = cx_doc_block(doc, 0)->table;
    assert_int_equal(t->ncols, 2);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(t->header[1].spans[0].text, "Score");
    assert_int_equal(t->align[1], CX_ALIGN_RIGHT);
    assert_string_equal(t->cells[2].spans[0].text, "b");
    assert_int_equal(t->cells[2].spans[0].style, CX_STYLE_BOLD);
    assert_string_equal(t->cells[3].spans[0].text, "2");
    cx_doc_free(doc);
}

static void table_without_alignment_is_left_aligned(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A", "B", "C" };
    assert_int_equal(cx_doc_add_table(doc, 3, hdr, NULL, 0, NULL, &d), CX_OK);
    const cx_doc_table *t = cx_doc_block(doc, 0)->table;
    for (size_t c = 0; c < 3; c++)
        assert_int_equal(t->align[c], CX_ALIGN_LEFT);
    cx_doc_free(doc);
}

static void table_with_no_columns_is_an_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A" };
    assert_int_equal(cx_doc_add_table(doc, 0, hdr, NULL, 0, NULL, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "table has no columns");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void table_with_too_few_header_names_is_an_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A", NULL, "C" };
    assert_int_equal(cx_doc_add_table(doc, 3, hdr, NULL, 0, NULL, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "table header has only 1 of 3 column names");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void table_row_with_a_missing_cell_is_an_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A", "B" };
    const char *cells[] = { "1", "2", "3", NULL };
    assert_int_equal(cx_doc_add_table(doc, 2, hdr, NULL, 2, cells, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "table row 2 has no cell for column 2 of 2");
    assert_int_equal(cx_doc_add_table(doc, 2, hdr, NULL, 1, NULL, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "table cells are missing (expected 1 rows of 2)");
    assert_int_equal(cx_doc_block_count(doc), 0);
    cx_doc_free(doc);
}

static void invalid_utf8_in_a_table_cell_names_row_and_column(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A", "B" };
    const char *cells[] = { "1", "2", "3", "x\xF4\x90\x80\x80" };
    assert_int_equal(cx_doc_add_table(doc, 2, hdr, NULL, 2, cells, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in table cell (row 2, column 2) at byte 2");
    const char *badhdr[] = { "A", "\x80" };
    assert_int_equal(cx_doc_add_table(doc, 2, badhdr, NULL, 0, NULL, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in table header column 2 at byte 1");
    cx_doc_free(doc);
}

static void table_with_an_unknown_alignment_is_an_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const char *hdr[] = { "A" };
    cx_align al[] = { (cx_align)7 };
    assert_int_equal(cx_doc_add_table(doc, 1, hdr, al, 0, NULL, &d), CX_ESCRIPT);
    assert_string_equal(d.message, "table column 1 has an unknown alignment (7)");
    cx_doc_free(doc);
}

static void metadata_is_set_replaced_and_unset(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    const cx_doc_meta *m = cx_doc_get_meta(doc);
    assert_null(m->title);
    assert_int_equal(cx_doc_set_meta(doc, "title", "First", &d), CX_OK);
    assert_int_equal(cx_doc_set_meta(doc, "title", "Second", &d), CX_OK);
    assert_int_equal(cx_doc_set_meta(doc, "keywords", "a, b", &d), CX_OK);
    assert_string_equal(m->title, "Second");
    assert_string_equal(m->keywords, "a, b");
    assert_int_equal(cx_doc_set_meta(doc, "title", NULL, &d), CX_OK);
    assert_null(m->title);
    cx_doc_free(doc);
}

static void unknown_metadata_key_is_an_error(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_doc_set_meta(doc, "colour", "blue", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "unknown metadata key 'colour' (expected title, subtitle, "
                                   "author, date, subject or keywords)");
    assert_int_equal(cx_doc_set_meta(doc, "author", "\xC3", &d), CX_ESCRIPT);
    assert_string_equal(d.message, "invalid UTF-8 in metadata 'author' at byte 1");
    cx_doc_free(doc);
}

static void blocks_record_where_the_script_added_them(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    cx_doc_set_source(doc, "a.lua", 3);
    assert_int_equal(cx_doc_add_paragraph(doc, "x", &d), CX_OK);
    cx_doc_set_source(doc, "a.lua", 9);
    assert_int_equal(cx_doc_add_page_break(doc, &d), CX_OK);
    cx_doc_set_source(doc, "b.lua", 1);
    assert_int_equal(cx_doc_add_contents(doc, &d), CX_OK);
    assert_int_equal(cx_doc_block_count(doc), 3);
    assert_string_equal(cx_doc_block(doc, 0)->src_file, "a.lua");
    assert_int_equal(cx_doc_block(doc, 0)->src_line, 3);
    assert_int_equal(cx_doc_block(doc, 1)->kind, CX_BLOCK_PAGE_BREAK);
    assert_int_equal(cx_doc_block(doc, 1)->src_line, 9);
    assert_int_equal(cx_doc_block(doc, 2)->kind, CX_BLOCK_CONTENTS);
    assert_string_equal(cx_doc_block(doc, 2)->src_file, "b.lua");
    assert_null(cx_doc_block(doc, 3));
    cx_doc_free(doc);
}

static void many_blocks_grow_the_document(void **state)
{
    (void)state;
    cx_doc *doc = cx_doc_new();
    cx_diag d;
    cx_diag_clear(&d);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(cx_doc_add_paragraph(doc, "p", &d), CX_OK);
    assert_int_equal(cx_doc_block_count(doc), 1000);
    assert_string_equal(cx_doc_block(doc, 999)->text.spans[0].text, "p");
    cx_doc_free(doc);
    cx_doc_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_is_one_regular_span),
        cmocka_unit_test(empty_markup_has_no_spans),
        cmocka_unit_test(double_stars_make_bold),
        cmocka_unit_test(single_stars_make_italic),
        cmocka_unit_test(triple_stars_make_bold_italic),
        cmocka_unit_test(bold_and_italic_mix_in_one_paragraph),
        cmocka_unit_test(italic_nests_inside_bold),
        cmocka_unit_test(escaped_star_is_literal),
        cmocka_unit_test(escaped_backslash_is_one_backslash),
        cmocka_unit_test(escaped_backslash_before_a_star_leaves_the_star_a_marker),
        cmocka_unit_test(backslash_before_other_characters_is_kept),
        cmocka_unit_test(trailing_backslash_is_kept),
        cmocka_unit_test(unmatched_opening_marker_is_literal),
        cmocka_unit_test(unmatched_closing_marker_is_literal),
        cmocka_unit_test(star_between_spaces_is_literal),
        cmocka_unit_test(extra_opening_star_stays_literal),
        cmocka_unit_test(extra_closing_star_stays_literal),
        cmocka_unit_test(escaped_star_next_to_marker),
        cmocka_unit_test(markup_keeps_utf8_intact),
        cmocka_unit_test(rich_parse_rejects_invalid_utf8),
        cmocka_unit_test(utf8_accepts_ascii_and_every_sequence_length),
        cmocka_unit_test(utf8_rejects_overlong_forms),
        cmocka_unit_test(utf8_rejects_surrogates),
        cmocka_unit_test(utf8_rejects_code_points_above_10ffff),
        cmocka_unit_test(utf8_rejects_stray_and_missing_continuations),
        cmocka_unit_test(utf8_bad_offset_may_be_null),
        cmocka_unit_test(headings_of_levels_1_to_3_are_added),
        cmocka_unit_test(heading_level_outside_1_to_3_is_a_script_error),
        cmocka_unit_test(invalid_utf8_in_a_heading_names_the_byte),
        cmocka_unit_test(invalid_utf8_in_a_paragraph_is_a_script_error),
        cmocka_unit_test(paragraph_markup_is_parsed_into_spans),
        cmocka_unit_test(text_is_copied_into_the_document),
        cmocka_unit_test(list_items_are_parsed_and_numbered_flag_kept),
        cmocka_unit_test(invalid_utf8_in_a_list_item_names_the_item),
        cmocka_unit_test(table_keeps_cells_row_major_and_alignment),
        cmocka_unit_test(table_without_alignment_is_left_aligned),
        cmocka_unit_test(table_with_no_columns_is_an_error),
        cmocka_unit_test(table_with_too_few_header_names_is_an_error),
        cmocka_unit_test(table_row_with_a_missing_cell_is_an_error),
        cmocka_unit_test(invalid_utf8_in_a_table_cell_names_row_and_column),
        cmocka_unit_test(table_with_an_unknown_alignment_is_an_error),
        cmocka_unit_test(metadata_is_set_replaced_and_unset),
        cmocka_unit_test(unknown_metadata_key_is_an_error),
        cmocka_unit_test(blocks_record_where_the_script_added_them),
        cmocka_unit_test(many_blocks_grow_the_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
