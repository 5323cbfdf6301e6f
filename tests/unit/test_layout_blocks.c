/*
 * test_layout_blocks.c — typography in layout: justified lines, widows
 * and orphans of lists and quotes, keeping headings with the new blocks,
 * key-figure tiles, callouts, captions, references, notes and links.
 *
 * Positions are worked out in comments from the default theme: body
 * 10 pt with leading 1.45 (lines of 14.5 pt), 8 pt after a paragraph;
 * A4 with 56.7 pt margins (text 481.876 pt wide, 728.49 pt tall).
 * Widths come from DejaVu Sans advances as libharu writes them (1/1000
 * em, truncated): the space is 651/2048 em -> 317, 3.17 pt at 10 pt.
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

#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"
#include "../../src/layout/font.h"
#include "../../src/layout/linebreak.h"

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

static const double TEXT_W = 595.276 - 2 * 56.7;     /* 481.876 */

static cx_render_opts opts(void)
{
    cx_render_opts o;
    cx_render_opts_default(&o);
    o.fonts.nfallback = 0;          /* DejaVu only: the widths below are its */
    return o;
}

/* Text 72 pt wide and text_height tall (as in test_layout.c). */
static cx_render_opts narrow(double text_height)
{
    cx_render_opts o = opts();
    o.margin_right = o.page_width - o.margin_left - 72.0;
    o.page_height = text_height + o.margin_top + o.margin_bottom;
    return o;
}

static cx_layout_result *lay(const cx_doc *doc, const cx_render_opts *o)
{
    cx_layout_result *lr = NULL;
    cx_diag_clear(&D);
    cx_status st = cx_layout(doc, o, &lr, &D);
    if (st != CX_OK)
        print_error("layout: %s\n", D.message);
    assert_int_equal(st, CX_OK);
    return lr;
}

static const cx_item *find_text(const cx_layout_result *lr, size_t page, const char *text)
{
    for (size_t i = 0; page < lr->npages && i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind == CX_ITEM_TEXT && it->text.len == strlen(text)
            && memcmp(it->text.text, text, it->text.len) == 0)
            return it;
    }
    return NULL;
}

/* The first text item that ends with tail. */
static const cx_item *find_ending(const cx_layout_result *lr, size_t page, const char *tail)
{
    size_t n = strlen(tail);
    for (size_t i = 0; page < lr->npages && i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind == CX_ITEM_TEXT && it->text.len >= n
            && memcmp(it->text.text + it->text.len - n, tail, n) == 0)
            return it;
    }
    return NULL;
}

/* Page of the first text item equal to text (-1 if none). */
static long page_of(const cx_layout_result *lr, const char *text)
{
    for (size_t p = 0; p < lr->npages; p++)
        if (find_text(lr, p, text))
            return (long)p;
    return -1;
}

static size_t count_kind(const cx_layout_result *lr, size_t page, cx_item_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[page].nitems; i++)
        n += lr->pages[page].items[i].kind == kind;
    return n;
}

static cx_doc *fillers(int n)
{
    cx_doc *doc = cx_doc_new();
    for (int i = 0; i < n; i++)
        OK(cx_doc_add_paragraph(doc, "x", DG));
    return doc;
}

/* ---- justification ------------------------------------------------------ */

typedef struct tline { double y, left, right, widths, gap, min_gap, max_gap; int runs; } tline;

/* The body text lines (10 pt) of a page, top to bottom. */
static size_t text_lines(const cx_layout_result *lr, size_t page, tline *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind != CX_ITEM_TEXT || it->text.size != 10.0)
            continue;
        const cx_item_text *t = &it->text;
        size_t k = 0;
        while (k < n && fabs(out[k].y - t->y) > 1e-9)
            k++;
        if (k == n) {
            assert_true(n < cap);
            out[n++] = (tline){ t->y, t->x, t->x + t->width, 0, 0, 1e9, -1e9, 0 };
        } else {
            /* runs come left to right: the gap is to the previous run */
            double g = t->x - out[k].right;
            out[k].min_gap = fmin(out[k].min_gap, g);
            out[k].max_gap = fmax(out[k].max_gap, g);
            out[k].gap += g;
        }
        out[k].right = t->x + t->width;
        out[k].widths += t->width;
        out[k].runs++;
    }
    return n;
}

static const char *LONG_TEXT =
    "Customer experience programmes live or die by the quality of their follow-up. In "
    "this survey we asked how quickly organisations close the loop with detractors, "
    "how often the findings reach the executive team, and whether anybody is measured "
    "on the result. The answers differ widely between vendors and between roles.";

static void justified_lines_fill_the_column_exactly_except_the_last(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    cx_doc_set_justify(doc, true);
    OK(cx_doc_add_paragraph(doc, LONG_TEXT, DG));
    cx_layout_result *lr = lay(doc, &o);
    tline ln[32];
    size_t n = text_lines(lr, 1, ln, 32);
    assert_true(n >= 3);
    double right = o.page_width - o.margin_right;
    for (size_t k = 0; k < n; k++) {
        assert_true(fabs(ln[k].left - o.margin_left) < 1e-9);
        assert_true(ln[k].right <= right + 1e-6);       /* never overfull */
        /* one run per word: the spaces between them are all alike */
        assert_true(ln[k].max_gap - ln[k].min_gap < 1e-6);
        if (k + 1 < n) {
            /* words + spaces = the measure, to the thousandth of a point */
            assert_true(fabs(ln[k].widths + ln[k].gap - TEXT_W) < 1e-6);
            assert_true(fabs(ln[k].right - right) < 1e-6);
            assert_true(ln[k].min_gap >= 3.17 - 1e-9);
        } else {
            /* the last line keeps its natural 3.17 pt spaces */
            assert_true(fabs(ln[k].min_gap - 3.17) < 1e-9);
            assert_true(ln[k].right < right - 10);
        }
    }
    cx_layout_free(lr);
    /* The same paragraph set left: a space is 3.17 pt everywhere, and
     * only whole words are runs of their own when justified. */
    cx_doc_free(doc);
    doc = cx_doc_new();
    cx_doc_set_justify(doc, true);
    OK(cx_doc_add_paragraph_aligned(doc, LONG_TEXT, CX_PAR_LEFT, DG));
    lr = lay(doc, &o);
    n = text_lines(lr, 1, ln, 32);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(ln[k].runs, 1);
        assert_true(ln[k].right <= right + 1e-6);
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void no_line_is_wider_than_the_column_even_with_a_long_url(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    cx_doc_set_justify(doc, true);
    OK(cx_doc_add_paragraph(doc, "Read https://example.com/a/very/long/path/that/goes/on/and/"
                                 "on/without/a/single/space/anywhere/index.html?and=more&even="
                                 "more#fragment for the details, **bold** *and italic*.", DG));
    cx_layout_result *lr = lay(doc, &o);
    double right = o.page_width - o.margin_right;
    size_t texts = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind != CX_ITEM_TEXT || it->text.size != 10.0)
            continue;
        assert_true(it->text.x >= o.margin_left - 1e-9);
        assert_true(it->text.x + it->text.width <= right + 1e-6);
        texts++;
    }
    assert_true(texts > 3);
    /* the URL is one link, however many lines it takes */
    size_t links = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_LINK && it->link.uri) {
            assert_string_equal(it->link.uri, "https://example.com/a/very/long/path/that/goes/"
                                              "on/and/on/without/a/single/space/anywhere/"
                                              "index.html?and=more&even=more#fragment");
            links++;
        }
    }
    assert_int_equal(links, 2);     /* 154 characters: on two lines */
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_note_marker_is_measured_as_a_superscript_in_its_word(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_font *font = NULL;
    cx_arena *a = cx_arena_new();
    OK(cx_font_open(&o.fonts, &font, DG));
    cx_linebreak *lb = cx_linebreak_new(font, a);
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "NPS^[A trademark.] is", DG));
    cx_ltext t;
    OK(cx_linebreak_words(lb, &cx_doc_block(doc, 0)->text, 0, 10.0, 400, &t, DG));
    assert_int_equal(t.nlines, 1);
    /* "NPS", the marker "1" at 65 % (rounded up to a whole thousandth),
     * one space, "is": each run at its place, the marker part of the
     * word (no space before it) and the only run with a span. */
    long nps = cx_font_units(font, 0, "NPS", 3), one = cx_font_units(font, 0, "1", 1);
    long sup = (one * 65 + 99) / 100, sp = cx_font_units(font, 0, " ", 1);
    const cx_lline *ln = &t.lines[0];
    assert_int_equal(ln->nruns, 3);
    assert_int_equal(ln->gaps, 1);
    assert_string_equal(ln->runs[1].text, "1");
    assert_non_null(ln->runs[1].span);
    assert_int_equal(ln->runs[1].span->note, 1);
    assert_null(ln->runs[0].span);
    assert_true(fabs(ln->runs[1].x - (double)nps / 100.0) < 1e-9);
    assert_true(fabs(ln->runs[1].width - (double)sup / 100.0) < 1e-9);
    assert_int_equal(ln->runs[2].gap, 1);
    assert_true(fabs(ln->runs[2].x - (double)(nps + sup + sp) / 100.0) < 1e-9);
    cx_doc_free(doc);
    cx_linebreak_free(lb);
    cx_font_free(font);
    cx_arena_free(a);
}

/* ---- widows and orphans of lists and quotes ----------------------------- */

/* Ten "x" paragraphs take 10 * 14.5 + 9 * 8 = 217 pt, and leave 8 pt of
 * paragraph space owed.  Items are 14.5 pt lines 3 pt apart. */
static cx_doc *fillers_then_list(size_t nitems)
{
    cx_doc *doc = fillers(10);
    const char *items[] = { "ia", "ib", "ic", "id", "ie" };
    OK(cx_doc_add_list(doc, false, items, nitems, DG));
    return doc;
}

static void a_list_never_leaves_its_first_line_alone_at_the_foot_of_a_page(void **state)
{
    (void)state;
    /* 245 pt: 245 - 217 - 8 = 20 pt left, one line.  The list moves. */
    cx_render_opts o = narrow(245.0);
    cx_doc *doc = fillers_then_list(4);
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "ia"), 2);
    assert_int_equal(page_of(lr, "id"), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_list_never_carries_its_last_line_alone_to_the_next_page(void **state)
{
    (void)state;
    /* 282.5 pt: 57.5 pt left, three items (14.5 + 2 * 17.5 = 49.5 pt)
     * but not four (67 pt).  Three here and one there would leave "id"
     * alone: two and two. */
    cx_render_opts o = narrow(282.5);
    cx_doc *doc = fillers_then_list(4);
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "ia"), 1);
    assert_int_equal(page_of(lr, "ib"), 1);
    assert_int_equal(page_of(lr, "ic"), 2);
    assert_int_equal(page_of(lr, "id"), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
    /* 265 pt: 40 pt left, two of three items: either split strands a
     * line, so the three-line list moves whole. */
    o = narrow(265.0);
    doc = fillers_then_list(3);
    lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "ia"), 2);
    assert_int_equal(page_of(lr, "ic"), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_quote_splits_like_a_paragraph(void **state)
{
    (void)state;
    /* The quote is indented 16 pt: 56 pt for words.  "MMMMMa" is
     * 5 * 862 + 612 = 4922 thousandths, 49.22 pt: one word a line, five
     * lines.  290 pt leaves 290 - 217 - 10 (space above a quote) = 63 pt:
     * four lines (58 pt).  Four and one would strand a line: three, two. */
    cx_render_opts o = narrow(290.0);
    cx_doc *doc = fillers(10);
    OK(cx_doc_add_quote(doc, "MMMMMa MMMMMb MMMMMc MMMMMd MMMMMe", NULL, DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "MMMMMa"), 1);
    assert_int_equal(page_of(lr, "MMMMMc"), 1);
    assert_int_equal(page_of(lr, "MMMMMd"), 2);
    assert_int_equal(page_of(lr, "MMMMMe"), 2);
    /* the quote's bar is drawn beside each part */
    size_t bars = 0;
    for (size_t p = 1; p <= 2; p++)
        bars += count_kind(lr, p, CX_ITEM_RECT);
    assert_int_equal(bars, 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- keeping together --------------------------------------------------- */

static void a_heading_keeps_with_the_callout_that_follows(void **state)
{
    (void)state;
    /* 31 paragraphs: 22.5 * 31 - 8 = 689.5 pt of 728.49, 38.99 left.  A
     * level-2 heading needs 16 + 18.75 = 34.75 pt and fits alone; with the
     * callout under it (10 pt above, 2 lines of 14.5 and 10 pt padding
     * above and below: 49 pt) it cannot, so both move. */
    cx_render_opts o = opts();
    cx_doc *doc = fillers(31);
    OK(cx_doc_add_heading(doc, 2, "Keep me", DG));
    OK(cx_doc_add_callout(doc, "The bottom line", "Loyalty pays.", DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "Keep me"), 2);
    assert_int_equal(page_of(lr, "The bottom line"), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_callout_that_fits_a_page_never_splits(void **state)
{
    (void)state;
    /* 30 paragraphs leave 728.49 - 667 - 10 = 51.49 pt: three lines of
     * a five-line callout would fit, but it fits on a page, so it moves
     * whole, its box and stripe with it. */
    cx_render_opts o = opts();
    cx_doc *doc = fillers(30);
    OK(cx_doc_add_callout(doc, "Title", "One. Two words here that wrap. Three. Four. Five. "
                                        "And six, seven, eight, nine, ten and more words, "
                                        "enough for a second line of callout text at least, "
                                        "and a third one too, to be sure of it, yes.", DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "Title"), 2);
    assert_int_equal(count_kind(lr, 1, CX_ITEM_RECT), 0);
    assert_int_equal(count_kind(lr, 2, CX_ITEM_RECT), 2);      /* fill and stripe */
    /* the box is under the text: drawn first */
    assert_int_equal(lr->pages[2].items[0].kind, CX_ITEM_RECT);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- key figures -------------------------------------------------------- */

static const cx_keyfig FIGS[5] = {
    { .value = "29.9", .label = "Industry average NPS", .has_change = true, .change = -1.94,
      .decimals = 1, .change_label = "vs 2015", .good = CX_GOOD_UP },
    { .value = "54", .label = "Highest NPS", .has_change = true, .change = 3, .decimals = 0,
      .good = CX_GOOD_UP },
    { .value = "8", .label = "Complaints", .has_change = true, .change = 2, .decimals = 0,
      .good = CX_GOOD_DOWN },
    { .value = "62", .label = "Range", .has_change = true, .change = 0.04, .decimals = 1,
      .good = CX_GOOD_UP },
    { .value = "12,345", .label = "Responses", .has_change = true, .change = 100,
      .decimals = 0 },
};

static void key_figures_wrap_into_balanced_rows_of_equal_tiles(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_keyfigures(doc, FIGS, 5, DG));
    cx_layout_result *lr = lay(doc, &o);
    /* Tiles at least 110 pt with 10 pt gaps: (481.876 + 10) / 120 = 4.1,
     * four to a row; five tiles need two rows, balanced as three and two.
     * Each is (481.876 - 2 * 10) / 3 = 153.9587 pt wide. */
    double w = (TEXT_W - 20.0) / 3.0;
    cx_theme th;
    cx_theme_default(&th);
    double xs[8], tops[8], hs[8];
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_RECT && it->rect.fill == th.panel_fill) {
            assert_true(n < 8);
            assert_true(fabs(it->rect.w - w) < 1e-9);
            xs[n] = it->rect.x;
            tops[n] = it->rect.y + it->rect.h;
            hs[n++] = it->rect.h;
        }
    }
    assert_int_equal(n, 5);
    double left = o.margin_left;
    const double want_x[5] = { left, left + w + 10, left + 2 * (w + 10), left, left + w + 10 };
    for (size_t k = 0; k < 5; k++)
        assert_true(fabs(xs[k] - want_x[k]) < 1e-9);
    /* a row's tiles share top and height; the second row is 10 pt lower */
    assert_true(fabs(tops[0] - tops[2]) < 1e-9 && fabs(hs[0] - hs[2]) < 1e-9);
    assert_true(fabs(tops[3] - tops[4]) < 1e-9 && fabs(hs[3] - hs[4]) < 1e-9);
    assert_true(fabs(tops[3] - (tops[0] - hs[0] - 10.0)) < 1e-9);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void key_figure_changes_are_green_when_good_and_red_when_bad(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_keyfigures(doc, FIGS, 5, DG));
    cx_layout_result *lr = lay(doc, &o);
    cx_theme th;
    cx_theme_default(&th);
    /* up is good and it fell: red; up is good and it rose: green; down is
     * good and it rose: red; it rounds to 0.0: grey; no judgement: grey */
    assert_int_equal(find_text(lr, 1, "\xE2\x88\x92" "1.9")->text.color, th.bad);
    assert_int_equal(find_text(lr, 1, "+3")->text.color, th.good);
    assert_int_equal(find_text(lr, 1, "+2")->text.color, th.bad);
    assert_int_equal(find_text(lr, 1, "0.0")->text.color, th.muted);
    assert_int_equal(find_text(lr, 1, "+100")->text.color, th.muted);
    assert_int_equal(find_text(lr, 1, " vs 2015")->text.color, th.muted);
    /* an arrow (3 corners) per change, a flat bar (4) for no change */
    size_t tri = 0, bars = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_POLYGON) {
            tri += it->polygon.n == 3;
            bars += it->polygon.n == 4;
        }
    }
    assert_int_equal(tri, 4);
    assert_int_equal(bars, 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void key_figures_never_split_across_pages(void **state)
{
    (void)state;
    /* 29 paragraphs leave 728.49 - 644.5 - 10 = 73.99 pt: not room for
     * both rows of tiles, which then start the next page together. */
    cx_render_opts o = opts();
    cx_doc *doc = fillers(29);
    OK(cx_doc_add_keyfigures(doc, FIGS, 5, DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "29.9"), 2);
    assert_int_equal(page_of(lr, "12,345"), 2);
    assert_int_equal(count_kind(lr, 1, CX_ITEM_POLYGON), 0);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- captions, references, notes, links --------------------------------- */

static cx_chart_spec bar(void)
{
    static const char *const cats[] = { "Acme", "Borealis" };
    static const double v[] = { 12, 31 };
    static const cx_chart_series s = { .n = 2, .values = v };
    return (cx_chart_spec){ .kind = CX_CHART_BAR, .title = "NPS", .ncategories = 2,
                            .categories = cats, .nseries = 1, .series = &s,
                            .horizontal = true };
}

static const cx_item *link_at(const cx_layout_result *lr, size_t page, const cx_item *text)
{
    for (size_t i = 0; i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind == CX_ITEM_LINK && text->text.x >= it->link.x - 1e-9
            && text->text.x < it->link.x + it->link.w && text->text.y > it->link.y
            && text->text.y < it->link.y + it->link.h)
            return it;
    }
    return NULL;
}

static void references_resolve_forward_and_link_to_their_targets(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "See {ref:fig:b} and {ref:tab:a}; NPS^[A trademark.] "
                                 "[site](https://e.com).", DG));
    OK(cx_doc_add_page_break(doc, DG));
    const char *hdr[] = { "Vendor" }, *cells[] = { "Acme" };
    OK(cx_doc_add_table_ex(doc, 1, hdr, NULL, 1, cells, "The *vendors*.", "tab:a", DG));
    OK(cx_doc_add_page_break(doc, DG));
    cx_chart_spec s = bar();
    OK(cx_doc_add_chart_ex(doc, &s, "A first figure.", NULL, "fig:a", DG));
    OK(cx_doc_add_chart_ex(doc, &s, "A second figure.", NULL, "fig:b", DG));
    OK(cx_doc_finish(doc, false, DG));
    cx_layout_result *lr = lay(doc, &o);
    cx_theme th;
    cx_theme_default(&th);
    /* page 1 the text, page 2 the table, page 3 both charts, then the notes */
    const cx_item *fig = find_text(lr, 1, "Figure 2"), *tab = find_text(lr, 1, "Table 1");
    assert_non_null(fig);
    assert_non_null(tab);
    assert_int_equal(fig->text.color, th.link);
    const cx_item *lf = link_at(lr, 1, fig), *lt = link_at(lr, 1, tab);
    assert_non_null(lf);
    assert_non_null(lt);
    assert_null(lf->link.uri);
    assert_int_equal(lf->link.target_page, 3);
    assert_int_equal(lt->link.target_page, 2);
    /* the table's link lands on its caption, "Table 1: " in bold above it */
    const cx_item *cap = find_text(lr, 2, "Table 1: ");
    assert_non_null(cap);
    assert_int_equal(cap->text.face, CX_STYLE_BOLD);
    assert_true(cap->text.y > find_text(lr, 2, "Vendor")->text.y);
    assert_true(lt->link.target_y > cap->text.y);
    /* the second figure is below the first on its page */
    const cx_item *cap2 = find_text(lr, 3, "Figure 2: ");
    assert_non_null(cap2);
    assert_true(lf->link.target_y < find_text(lr, 3, "Figure 1: ")->text.y);
    assert_true(lf->link.target_y > cap2->text.y);
    /* the web link */
    const cx_item *site = find_text(lr, 1, "site");
    assert_non_null(site);
    assert_string_equal(link_at(lr, 1, site)->link.uri, "https://e.com");
    /* the note marker: a superscript, 65 % of 10 pt, raised, linked to
     * the note; the note's number links back */
    const cx_item *mark = find_text(lr, 1, "1"), *nps = find_ending(lr, 1, "; NPS");
    assert_non_null(mark);
    assert_non_null(nps);
    assert_true(fabs(mark->text.size - 6.5) < 1e-9);
    assert_true(mark->text.y > nps->text.y + 3.0);
    long notes = page_of(lr, "A trademark.");
    assert_true(notes >= 3);
    assert_int_equal(link_at(lr, 1, mark)->link.target_page, notes);
    const cx_item *num = find_text(lr, (size_t)notes, "1.");
    assert_non_null(num);
    const cx_item *back = link_at(lr, (size_t)notes, num);
    assert_non_null(back);
    assert_int_equal(back->link.target_page, 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void an_unknown_label_is_a_script_error_at_the_paragraphs_line(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    cx_doc_set_source(doc, "report.lua", 12);
    OK(cx_doc_add_paragraph(doc, "As {ref:fig:nope} shows.", DG));
    cx_layout_result *lr = NULL;
    cx_diag_clear(&D);
    assert_int_equal(cx_layout(doc, &o, &lr, &D), CX_ESCRIPT);
    assert_null(lr);
    assert_string_equal(D.file, "report.lua");
    assert_int_equal(D.line, 12);
    assert_string_equal(D.message,
                        "unknown reference {ref:fig:nope}: no table or figure has that label");
    cx_doc_free(doc);
    /* in a table cell too, at the table's line */
    doc = cx_doc_new();
    cx_doc_set_source(doc, "report.lua", 30);
    const char *hdr[] = { "See" }, *cells[] = { "{ref:x}" };
    OK(cx_doc_add_table(doc, 1, hdr, NULL, 1, cells, DG));
    cx_diag_clear(&D);
    assert_int_equal(cx_layout(doc, &o, &lr, &D), CX_ESCRIPT);
    assert_int_equal(D.line, 30);
    cx_doc_free(doc);
    /* in an end note: the line that wrote the note, not the notes list's */
    doc = cx_doc_new();
    cx_doc_set_source(doc, "report.lua", 40);
    OK(cx_doc_add_paragraph(doc, "Text^[see {ref:y}].", DG));
    OK(cx_doc_finish(doc, false, DG));
    cx_diag_clear(&D);
    assert_int_equal(cx_layout(doc, &o, &lr, &D), CX_ESCRIPT);
    assert_string_equal(D.file, "report.lua");
    assert_int_equal(D.line, 40);
    cx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(justified_lines_fill_the_column_exactly_except_the_last),
        cmocka_unit_test(no_line_is_wider_than_the_column_even_with_a_long_url),
        cmocka_unit_test(a_note_marker_is_measured_as_a_superscript_in_its_word),
        cmocka_unit_test(a_list_never_leaves_its_first_line_alone_at_the_foot_of_a_page),
        cmocka_unit_test(a_list_never_carries_its_last_line_alone_to_the_next_page),
        cmocka_unit_test(a_quote_splits_like_a_paragraph),
        cmocka_unit_test(a_heading_keeps_with_the_callout_that_follows),
        cmocka_unit_test(a_callout_that_fits_a_page_never_splits),
        cmocka_unit_test(key_figures_wrap_into_balanced_rows_of_equal_tiles),
        cmocka_unit_test(key_figure_changes_are_green_when_good_and_red_when_bad),
        cmocka_unit_test(key_figures_never_split_across_pages),
        cmocka_unit_test(references_resolve_forward_and_link_to_their_targets),
        cmocka_unit_test(an_unknown_label_is_a_script_error_at_the_paragraphs_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
