/*
 * test_doc.c — the document tree: inline markup, UTF-8 validation, the
 * adders' checks and the chart block's deep copy.
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
                                   "author, date, subject, keywords, brand or prepared_for)");
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


/* ---- chart blocks -------------------------------------------------------- */

/* A small ranking whose arrays live in the caller's (mutable) memory. */
typedef struct chart_input {
    char cats[3][16];
    const char *catp[3];
    double values[3], lo[3], hi[3];
    char series_name[16];
    cx_chart_series series;
    size_t highlight[1];
    char ref_label[16];
    cx_chart_ref refs[1];
    cx_rgba palette[2];
    cx_chart_spec spec;
} chart_input;

static void chart_input_init(chart_input *in)
{
    memset(in, 0, sizeof *in);
    static const char *const names[3] = { "Acme", "Borealis", "Cobalt" };
    static const double v[3] = { 31, -5, 12 };
    for (int i = 0; i < 3; i++) {
        strcpy(in->cats[i], names[i]);
        in->catp[i] = in->cats[i];
        in->values[i] = v[i];
        in->lo[i] = v[i] - 4;
        in->hi[i] = v[i] + 4;
    }
    strcpy(in->series_name, "NPS");
    in->series = (cx_chart_series){ in->series_name, 3, in->values, NULL, in->lo, in->hi };
    in->highlight[0] = 1;
    strcpy(in->ref_label, "Average");
    in->refs[0] = (cx_chart_ref){ 12.7, in->ref_label, 1 };
    in->palette[0] = CX_RGB(0x112233);
    in->palette[1] = CX_RGB(0x445566);
    in->spec = (cx_chart_spec){ .kind = CX_CHART_DOT, .title = "NPS by vendor",
                                .ncategories = 3, .categories = in->catp, .nseries = 1,
                                .series = &in->series, .nhighlight = 1,
                                .highlight = in->highlight, .nrefs = 1, .refs = in->refs,
                                .npalette = 2, .palette = in->palette,
                                .format = { .decimals = 1, .suffix = " pts" } };
}

/* Each chart test gets a new document, a diag and the sample input. */
typedef struct chart_world {
    cx_doc *doc;
    cx_diag d;
    chart_input in;
} chart_world;

static int chart_setup(void **state)
{
    chart_world *w = calloc(1, sizeof *w);
    if (!w || !(w->doc = cx_doc_new()))
        return -1;
    cx_diag_clear(&w->d);
    chart_input_init(&w->in);
    *state = w;
    return 0;
}

static int chart_teardown(void **state)
{
    chart_world *w = *state;
    cx_doc_free(w->doc);
    free(w);
    return 0;
}

static void chart_block_keeps_a_deep_copy_of_the_spec(void **state)
{
    chart_world *w = *state;
    cx_doc *doc = w->doc;
    cx_diag *d = &w->d;
    chart_input *in = malloc(sizeof *in);
    assert_non_null(in);
    chart_input_init(in);
    cx_doc_set_source(doc, "r.lua", 12);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, "NPS, **2016**", "nps", d), CX_OK);
    /* scribble over and free everything the caller passed */
    memset(in, 0x55, sizeof *in);
    free(in);

    const cx_block *b = cx_doc_block(doc, 0);
    assert_int_equal(b->kind, CX_BLOCK_CHART);
    assert_int_equal(b->src_line, 12);
    const cx_chart_spec *s = &b->chart->spec;
    assert_int_equal(s->kind, CX_CHART_DOT);
    assert_string_equal(s->title, "NPS by vendor");
    assert_int_equal(s->ncategories, 3);
    assert_string_equal(s->categories[0], "Acme");
    assert_string_equal(s->categories[2], "Cobalt");
    assert_int_equal(s->nseries, 1);
    assert_string_equal(s->series[0].name, "NPS");
    assert_int_equal(s->series[0].n, 3);
    assert_true(s->series[0].values[1] == -5.0);
    assert_null(s->series[0].x);
    assert_true(s->series[0].lo[2] == 12.0 - 4.0);
    assert_true(s->series[0].hi[0] == 31.0 + 4.0);
    assert_int_equal(s->nhighlight, 1);
    assert_int_equal(s->highlight[0], 1);
    assert_int_equal(s->nrefs, 1);
    assert_true(s->refs[0].value == 12.7);
    assert_string_equal(s->refs[0].label, "Average");
    assert_int_equal(s->refs[0].decimals, 1);
    assert_int_equal(s->npalette, 2);
    assert_int_equal(s->palette[1], CX_RGB(0x445566));
    assert_string_equal(s->format.suffix, " pts");
    assert_null(s->format.prefix);
    assert_string_equal(b->chart->name, "nps");
}

static void chart_caption_is_markup_and_charts_are_numbered_in_order(void **state)
{
    chart_world *w = *state;
    cx_doc *doc = w->doc;
    cx_diag *d = &w->d;
    chart_input *in = &w->in;
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, "NPS, **2016**", NULL, d), CX_OK);
    assert_int_equal(cx_doc_add_paragraph(doc, "between", d), CX_OK);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, NULL, d), CX_OK);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, "Third", NULL, d), CX_OK);
    const cx_doc_chart *c1 = cx_doc_block(doc, 0)->chart;
    assert_int_equal(c1->number, 1);
    assert_null(c1->name);
    assert_int_equal(c1->caption.nspans, 2);
    assert_string_equal(c1->caption.spans[0].text, "NPS, ");
    assert_string_equal(c1->caption.spans[1].text, "2016");
    assert_int_equal(c1->caption.spans[1].style, CX_STYLE_BOLD);
    /* an uncaptioned chart is not a numbered figure */
    assert_int_equal(cx_doc_block(doc, 2)->chart->number, 0);
    assert_int_equal(cx_doc_block(doc, 2)->chart->caption.nspans, 0);
    assert_int_equal(cx_doc_block(doc, 3)->chart->number, 2);
}

static void chart_alt_text_is_the_chart_stages_description(void **state)
{
    chart_world *w = *state;
    cx_doc *doc = w->doc;
    cx_diag *d = &w->d;
    chart_input *in = &w->in;
    char *described = NULL;
    assert_int_equal(cx_chart_describe(&in->spec, &described, d), CX_OK);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, NULL, d), CX_OK);
    assert_string_equal(cx_doc_block(doc, 0)->chart->alt, described);
    free(described);
}

static void chart_that_fails_the_chart_checks_is_a_script_error_at_its_line(void **state)
{
    chart_world *w = *state;
    cx_doc *doc = w->doc;
    cx_diag *d = &w->d;
    chart_input *in = &w->in;
    in->series.n = 2;                        /* 2 values for 3 categories */
    cx_doc_set_source(doc, "r.lua", 7);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, NULL, d), CX_ESCRIPT);
    assert_string_equal(d->file, "r.lua");
    assert_int_equal(d->line, 7);
    assert_non_null(strstr(d->message, "has 2 values for 3 categories"));
    chart_input_init(in);
    in->values[2] = NAN;
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, NULL, d), CX_ESCRIPT);
    assert_non_null(strstr(d->message, "value 3 is NaN"));
    chart_input_init(in);
    in->spec.ncategories = 0;
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, NULL, d), CX_ESCRIPT);
    assert_non_null(strstr(d->message, "no data"));
    assert_int_equal(cx_doc_block_count(doc), 0);
}

static void chart_name_and_caption_are_checked(void **state)
{
    chart_world *w = *state;
    cx_doc *doc = w->doc;
    cx_diag *d = &w->d;
    chart_input *in = &w->in;
    const char *bad[] = { "", "../up", "a b", "x.png", "caf\xC3\xA9" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, bad[i], d), CX_ESCRIPT);
        assert_non_null(strstr(d->message, "name must be 1 to 100 ASCII letters"));
    }
    char longname[102];
    memset(longname, 'a', 101);
    longname[101] = '\0';
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, longname, d), CX_ESCRIPT);
    longname[100] = '\0';
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, longname, d), CX_OK);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, NULL, "Nps_2016-v2", d), CX_OK);
    assert_int_equal(cx_doc_add_chart(doc, &in->spec, "bad \xC3", NULL, d), CX_ESCRIPT);
    assert_string_equal(d->message, "invalid UTF-8 in chart caption at byte 5");
    assert_int_equal(cx_doc_add_chart(doc, NULL, NULL, NULL, d), CX_ESCRIPT);
    assert_int_equal(cx_doc_block_count(doc), 2);
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
        cmocka_unit_test_setup_teardown(chart_block_keeps_a_deep_copy_of_the_spec, chart_setup, chart_teardown),
        cmocka_unit_test_setup_teardown(chart_caption_is_markup_and_charts_are_numbered_in_order, chart_setup, chart_teardown),
        cmocka_unit_test_setup_teardown(chart_alt_text_is_the_chart_stages_description, chart_setup, chart_teardown),
        cmocka_unit_test_setup_teardown(chart_that_fails_the_chart_checks_is_a_script_error_at_its_line, chart_setup, chart_teardown),
        cmocka_unit_test_setup_teardown(chart_name_and_caption_are_checked, chart_setup, chart_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
