/*
 * test_layout.c — measuring, line breaking and pagination.
 *
 * Widths are checked against DejaVu Sans advances read here independently
 * (FreeType's FT_Load_Char, not the code under test's FT_Get_Advance) and
 * against the values in the font's hmtx table written out by hand.  Page
 * counts are worked out from the default theme's numbers in comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"
#include "../../src/layout/font.h"
#include "../../src/layout/linebreak.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

/* 2026-11-22 00:00 UTC: 56 years 1970..2025 with 14 leap days (1972..2024)
 * = 20454 days, + 304 days (Jan..Oct 2026) + 21 = 20779 days × 86400. */
static const int64_t NOV_22_2026 = 20779LL * 86400LL;

static cx_render_opts opts(void)
{
    cx_render_opts o;
    cx_render_opts_default(&o);
    o.has_date = true;
    o.date_epoch = NOV_22_2026;
    return o;
}

static cx_diag D;                   /* scratch diag for the OK() calls below */
#define DG (&D)

#define OK(call)                                                               \
    do {                                                                       \
        cx_diag_clear(&D);                                                     \
        cx_status s_ = (call);                                                 \
        if (s_ != CX_OK)                                                       \
            print_error("%s: %s\n", #call, D.message);                         \
        assert_int_equal(s_, CX_OK);                                           \
    } while (0)

static cx_layout_result *lay(const cx_doc *doc, const cx_render_opts *o)
{
    cx_layout_result *lr = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = cx_layout(doc, o, &lr, &d);
    if (st != CX_OK)
        print_error("layout: %s\n", d.message);
    assert_int_equal(st, CX_OK);
    assert_non_null(lr);
    return lr;
}

/* Page of the first text item equal to text at size (-1 if none). */
static long page_of(const cx_layout_result *lr, const char *text, double size)
{
    for (size_t p = 0; p < lr->npages; p++)
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT && fabs(it->text.size - size) < 1e-9
                && it->text.len == strlen(text) && memcmp(it->text.text, text, it->text.len) == 0)
                return (long)p;
        }
    return -1;
}

static const cx_item *find_text(const cx_layout_result *lr, size_t page, const char *text)
{
    for (size_t i = 0; i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind == CX_ITEM_TEXT && it->text.len == strlen(text)
            && memcmp(it->text.text, text, it->text.len) == 0)
            return it;
    }
    return NULL;
}

static size_t count_text(const cx_layout_result *lr, size_t page, const char *text)
{
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[page].nitems; i++) {
        const cx_item *it = &lr->pages[page].items[i];
        if (it->kind == CX_ITEM_TEXT && it->text.len == strlen(text)
            && memcmp(it->text.text, text, it->text.len) == 0)
            n++;
    }
    return n;
}

/* Advance of c in DejaVu Sans in font units, read with FT_Load_Char. */
static long ft_advance(const char *path, unsigned long c)
{
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, path, 0, &face), 0);
    assert_int_equal(face->units_per_EM, 2048);
    assert_int_equal(FT_Load_Char(face, c, FT_LOAD_NO_SCALE), 0);
    long adv = face->glyph->metrics.horiAdvance;
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return adv;
}

/* libharu writes each glyph's width as advance * 1000 / 2048, truncated;
 * that is the distance a viewer moves, so it is what we must measure. */
static long pdf_units(long advance)
{
    return advance * 1000 / 2048;
}

typedef struct fixture {
    cx_font *font;
    cx_arena *arena;
    cx_linebreak *lb;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    cx_render_opts o = opts();
    cx_diag d;
    if (cx_font_open(&o.fonts, &f->font, &d) != CX_OK)
        return -1;
    f->arena = cx_arena_new();
    f->lb = cx_linebreak_new(f->font, f->arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cx_linebreak_free(f->lb);
    cx_arena_free(f->arena);
    cx_font_free(f->font);
    free(f);
    return 0;
}

static cx_rich rich(cx_arena *a, const char *markup)
{
    cx_rich r;
    cx_diag d;
    assert_int_equal(cx_rich_parse(a, markup, &r, &d), CX_OK);
    return r;
}

/* ---- measuring --------------------------------------------------------- */

static void hello_at_12pt_is_the_sum_of_dejavu_advances(void **state)
{
    fixture *f = *state;
    /* DejaVu Sans hmtx (units of 1/2048 em): H 1540, e 1260, l 569, o 1253.
     * Read again here through FreeType's glyph loader: */
    assert_int_equal(ft_advance(DEJAVU, 'H'), 1540);
    assert_int_equal(ft_advance(DEJAVU, 'e'), 1260);
    assert_int_equal(ft_advance(DEJAVU, 'l'), 569);
    assert_int_equal(ft_advance(DEJAVU, 'o'), 1253);
    /* In PDF thousandths: 1540000/2048 = 751.95 -> 751, 615.23 -> 615,
     * 277.83 -> 277 (twice), 611.82 -> 611: 751 + 615 + 277 + 277 + 611
     * = 2531, so at 12 pt: 2531 * 12 / 1000 = 30.372 pt. */
    long sum = pdf_units(1540) + pdf_units(1260) + 2 * pdf_units(569) + pdf_units(1253);
    assert_int_equal(sum, 2531);
    assert_int_equal(cx_font_units(f->font, 0, "Hello", 5), 2531);
    assert_true(fabs(cx_font_measure(f->font, 0, 12.0, "Hello", 5) - 30.372) < 1e-9);
}

static void greek_and_cyrillic_widths_use_their_own_advances(void **state)
{
    fixture *f = *state;
    /* λ U+03BB, Ж U+0416, ë U+00EB: each as libharu truncates it. */
    long want = pdf_units(ft_advance(DEJAVU, 0x03BB)) + pdf_units(ft_advance(DEJAVU, 0x0416))
                + pdf_units(ft_advance(DEJAVU, 0x00EB));
    assert_int_equal(cx_font_units(f->font, 0, "\xCE\xBB\xD0\x96\xC3\xAB", 6), want);
}

static void bold_face_is_measured_with_the_bold_font(void **state)
{
    fixture *f = *state;
    long want = pdf_units(ft_advance("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 'M'));
    /* DejaVu Sans Bold's M is 2038 units: 2038000/2048 = 995.1 -> 995. */
    assert_int_equal(want, 995);
    assert_int_equal(cx_font_units(f->font, 1, "M", 1), 995);
}

/* ---- line breaking ----------------------------------------------------- */

/* Joins the runs of a line. */
static void line_text(const cx_lline *ln, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t r = 0; r < ln->nruns; r++)
        strncat(buf, ln->runs[r].text, size - strlen(buf) - 1);
}

static void lines_never_exceed_the_measure_and_widths_add_up(void **state)
{
    fixture *f = *state;
    cx_rich r = rich(f->arena, "Customer experience programmes live or die by the **quality of "
                               "their follow-up**. In this survey we asked *how quickly* "
                               "organisations close the loop with detractors, Zoë Ångström "
                               "said, in Ελληνικά and Кириллица alike.");
    for (double w = 40; w <= 400; w += 7.5) {
        cx_ltext t;
        OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, w, &t, DG));
        assert_true(t.nlines >= 1);
        for (size_t k = 0; k < t.nlines; k++) {
            const cx_lline *ln = &t.lines[k];
            assert_true(ln->width <= w + 1e-9);
            double x = 0;
            for (size_t q = 0; q < ln->nruns; q++) {
                const cx_lrun *run = &ln->runs[q];
                assert_true(fabs(run->x - x) < 1e-9);
                /* A run's width is its own text measured afresh. */
                assert_true(fabs(run->width - cx_font_measure(f->font, run->face, 10.0, run->text,
                                                              run->len)) < 1e-9);
                assert_true(cx_utf8_valid(run->text, run->len, NULL));
                x += run->width;
            }
            assert_true(fabs(ln->width - x) < 1e-9);
        }
    }
}

static void white_space_collapses_to_one_space(void **state)
{
    fixture *f = *state;
    cx_rich r = rich(f->arena, "  Hello \t\n  world  ");
    cx_ltext t;
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 500, &t, DG));
    assert_int_equal(t.nlines, 1);
    char buf[64];
    line_text(&t.lines[0], buf, sizeof buf);
    assert_string_equal(buf, "Hello world");
    /* Hello 2531 (above) + space 651000/2048 = 317.87 -> 317 + world. */
    long world = pdf_units(ft_advance(DEJAVU, 'w')) + pdf_units(1253)
                 + pdf_units(ft_advance(DEJAVU, 'r')) + pdf_units(569)
                 + pdf_units(ft_advance(DEJAVU, 'd'));
    assert_true(fabs(t.lines[0].width - (double)(2531 + 317 + world) * 10.0 / 1000.0) < 1e-9);
}

static void greedy_filling_breaks_before_the_word_that_does_not_fit(void **state)
{
    fixture *f = *state;
    cx_rich r = rich(f->arena, "Hello Hello Hello");
    /* "Hello Hello" at 10 pt = (2531 * 2 + 317) / 100 = 53.79 pt; the third
     * word would need 53.79 + 3.17 + 25.31 = 82.27 pt. */
    cx_ltext t;
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 82.0, &t, DG));
    assert_int_equal(t.nlines, 2);
    assert_true(fabs(t.lines[0].width - 53.79) < 1e-9);
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 82.27, &t, DG));
    assert_int_equal(t.nlines, 1);
}

static void long_words_are_broken_between_characters(void **state)
{
    fixture *f = *state;
    char word[401];
    for (int i = 0; i < 200; i++)
        memcpy(word + 2 * i, "\xD0\x96", 2);  /* Ж × 200, no spaces */
    word[400] = '\0';
    cx_rich r = rich(f->arena, word);
    cx_ltext t;
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 50.0, &t, DG));
    assert_true(t.nlines > 1);
    char all[1024] = "";
    for (size_t k = 0; k < t.nlines; k++) {
        assert_true(t.lines[k].width <= 50.0 + 1e-9);
        for (size_t q = 0; q < t.lines[k].nruns; q++) {
            assert_true(cx_utf8_valid(t.lines[k].runs[q].text, t.lines[k].runs[q].len, NULL));
            strcat(all, t.lines[k].runs[q].text);
        }
    }
    assert_string_equal(all, word);
    /* Ж is 2206 units: 2206000/2048 = 1077.1 -> 1077, 10.77 pt at 10 pt,
     * so four fit in 50 pt (43.08) and five do not (53.85): 200 / 4. */
    assert_int_equal(ft_advance(DEJAVU, 0x0416), 2206);
    assert_int_equal(t.nlines, 50);
}

static void styled_spans_become_runs_in_their_faces(void **state)
{
    fixture *f = *state;
    cx_rich r = rich(f->arena, "a **b** *c* ***d***");
    cx_ltext t;
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 500, &t, DG));
    assert_int_equal(t.nlines, 1);
    const cx_lline *ln = &t.lines[0];
    const char *texts[] = { "a ", "b", " ", "c", " ", "d" };
    const int faces[] = { 0, 1, 0, 2, 0, 3 };
    assert_int_equal(ln->nruns, 6);
    for (size_t q = 0; q < 6; q++) {
        assert_string_equal(ln->runs[q].text, texts[q]);
        assert_int_equal(ln->runs[q].face, faces[q]);
    }
}

static void empty_text_has_no_lines(void **state)
{
    fixture *f = *state;
    cx_rich r = rich(f->arena, "   ");
    cx_ltext t;
    OK(cx_linebreak_rich(f->lb, &r, 0, 10.0, 100, &t, DG));
    assert_int_equal(t.nlines, 0);
}

/* ---- pagination -------------------------------------------------------- */

/* The default theme: body 10 pt with leading 1.45 -> lines of 14.5 pt,
 * 8 pt after each paragraph; A4 with 56.7 pt margins leaves
 * 841.89 - 2 * 56.7 = 728.49 pt of text height. */

static cx_doc *one_line_paragraphs(int n)
{
    cx_doc *doc = cx_doc_new();
    char buf[32];
    for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "p%d", i + 1);
        OK(cx_doc_add_paragraph(doc, buf, DG));
    }
    return doc;
}

static void one_line_paragraphs_fill_pages_as_computed(void **state)
{
    (void)state;
    /* n paragraphs take 14.5 n + 8 (n - 1) = 22.5 n - 8 pt: 32 fit in
     * 728.49 pt (712 pt), 33 do not (734.5).  So 64 paragraphs fill two
     * body pages and 65 need a third; the title page comes first. */
    cx_render_opts o = opts();
    cx_doc *doc = one_line_paragraphs(64);
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 3);
    assert_int_equal(page_of(lr, "p32", 10.0), 1);
    assert_int_equal(page_of(lr, "p33", 10.0), 2);
    cx_layout_free(lr);
    OK(cx_doc_add_paragraph(doc, "p65", DG));
    lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 4);
    assert_int_equal(page_of(lr, "p65", 10.0), 3);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void heading_at_the_bottom_moves_to_the_next_page(void **state)
{
    (void)state;
    /* 31 paragraphs use 22.5 * 31 - 8 = 689.5 pt, leaving 38.99 pt.  A
     * level-2 heading (15 pt, line 18.75, 16 pt before, 6 after) alone
     * needs 16 + 18.75 = 34.75 pt and would fit; with the first line of
     * the next paragraph (6 + 14.5 more) it needs 55.25 and must move. */
    cx_render_opts o = opts();
    cx_doc *doc = one_line_paragraphs(31);
    OK(cx_doc_add_heading(doc, 2, "Keep me", DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "Keep me", 15.0), 1);   /* nothing follows: it stays */
    cx_layout_free(lr);
    OK(cx_doc_add_paragraph(doc, "after", DG));
    lr = lay(doc, &o);
    assert_int_equal(page_of(lr, "Keep me", 15.0), 2);
    assert_int_equal(page_of(lr, "after", 10.0), 2);
    assert_int_equal(page_of(lr, "p31", 10.0), 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* Text 72 pt wide, where "MMMMMMa" (6 × 862 + 612 = 5784 thousandths,
 * 57.84 pt) fits but two such words (118.85 pt) do not: one word a line. */
static cx_render_opts narrow(double text_height)
{
    cx_render_opts o = opts();
    o.margin_right = o.page_width - o.margin_left - 72.0;
    o.page_height = text_height + o.margin_top + o.margin_bottom;
    return o;
}

static cx_doc *fillers_then_paragraph(int nfill, int nlines)
{
    cx_doc *doc = cx_doc_new();
    for (int i = 0; i < nfill; i++)
        OK(cx_doc_add_paragraph(doc, "x", DG));
    char buf[256] = "";
    for (int k = 0; k < nlines; k++) {
        char w[16];
        snprintf(w, sizeof w, "%sMMMMMM%c", k ? " " : "", 'a' + k);
        strcat(buf, w);
    }
    OK(cx_doc_add_paragraph(doc, buf, DG));
    return doc;
}

static size_t lines_on(const cx_layout_result *lr, size_t page, int nlines)
{
    size_t n = 0;
    for (int k = 0; k < nlines; k++) {
        char w[16];
        snprintf(w, sizeof w, "MMMMMM%c", 'a' + k);
        n += count_text(lr, page, w);
    }
    return n;
}

static void a_single_line_is_never_left_at_the_bottom_of_a_page(void **state)
{
    (void)state;
    /* 10 fillers use 22.5 * 10 - 8 = 217 pt; with 245 pt of text height
     * 245 - 217 - 8 = 20 pt remain: room for one 14.5 pt line only.  The
     * 5-line paragraph must not leave one line there: it moves whole. */
    cx_render_opts o = narrow(245.0);
    cx_doc *doc = fillers_then_paragraph(10, 5);
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(lines_on(lr, 1, 5), 0);
    assert_int_equal(lines_on(lr, 2, 5), 5);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_single_line_is_never_carried_alone_to_the_next_page(void **state)
{
    (void)state;
    /* 288 pt: 288 - 217 - 8 = 63 pt remain, room for four lines (58 pt).
     * Four of five would carry one line alone, so three stay and two go. */
    cx_render_opts o = narrow(288.0);
    cx_doc *doc = fillers_then_paragraph(10, 5);
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(lines_on(lr, 1, 5), 3);
    assert_int_equal(lines_on(lr, 2, 5), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
    /* A 6-line paragraph in the same room splits 4 + 2: no change needed. */
    doc = fillers_then_paragraph(10, 6);
    lr = lay(doc, &o);
    assert_int_equal(lines_on(lr, 1, 6), 4);
    assert_int_equal(lines_on(lr, 2, 6), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void table_split_repeats_its_header_and_keeps_rows_whole(void **state)
{
    (void)state;
    /* Table text 9 pt with leading 1.3 and 4 pt padding above and below:
     * rows of 11.7 + 8 = 19.7 pt.  On a page of 728.49 pt the header and
     * floor((728.49 - 19.7) / 19.7) = floor(35.98) = 35 rows fit, so 100
     * rows take 35 + 35 + 30 on three body pages. */
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    enum { N = 100 };
    const char *hdr[] = { "Key", "Value" };
    static char store[N][2][16];
    const char *cells[N * 2];
    for (int r = 0; r < N; r++) {
        snprintf(store[r][0], 16, "r%d", r + 1);
        snprintf(store[r][1], 16, "v%d", r + 1);
        cells[2 * r] = store[r][0];
        cells[2 * r + 1] = store[r][1];
    }
    OK(cx_doc_add_table(doc, 2, hdr, NULL, N, cells, DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 4);
    size_t per_page[4] = { 0 };
    for (int r = 0; r < N; r++) {
        long pk = page_of(lr, store[r][0], 9.0), pv = page_of(lr, store[r][1], 9.0);
        assert_true(pk >= 1);
        assert_int_equal(pk, pv);               /* a row never splits */
        per_page[pk]++;
    }
    assert_int_equal(per_page[1], 35);
    assert_int_equal(per_page[2], 35);
    assert_int_equal(per_page[3], 30);
    for (size_t p = 1; p < 4; p++) {
        assert_int_equal(count_text(lr, p, "Key"), 1);
        assert_int_equal(count_text(lr, p, "Value"), 1);
        /* The header is the topmost text of the table on every page. */
        double hy = find_text(lr, p, "Key")->text.y;
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT && it->text.size == 9.0)
                assert_true(it->text.y <= hy + 1e-9);
        }
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static cx_doc *doc_with_contents(void)
{
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Report", DG));
    OK(cx_doc_add_contents(doc, DG));
    OK(cx_doc_add_page_break(doc, DG));
    OK(cx_doc_add_heading(doc, 1, "Alpha", DG));
    for (int i = 0; i < 40; i++)
        OK(cx_doc_add_paragraph(doc, "Filler text that takes one line.", DG));
    OK(cx_doc_add_heading(doc, 2, "Beta", DG));
    OK(cx_doc_add_paragraph(doc, "Under beta.", DG));
    OK(cx_doc_add_page_break(doc, DG));
    OK(cx_doc_add_page_break(doc, DG));            /* two in a row: one break */
    OK(cx_doc_add_heading(doc, 1, "Gamma", DG));
    OK(cx_doc_add_heading(doc, 3, "Delta", DG));    /* level 3: not in the contents */
    OK(cx_doc_add_paragraph(doc, "End.", DG));
    return doc;
}

static void contents_page_numbers_are_the_pages_of_the_headings(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = doc_with_contents();
    cx_layout_result *lr = lay(doc, &o);
    /* Where the headings landed, found by their text at heading sizes. */
    long alpha = page_of(lr, "Alpha", 20.0), beta = page_of(lr, "Beta", 15.0),
         gamma = page_of(lr, "Gamma", 20.0);
    assert_int_equal(alpha, 2);        /* title 0, contents 1, then a break */
    assert_int_equal(beta, 3);         /* 40 filler lines overflow page 2 */
    assert_int_equal(gamma, 4);
    /* The contents page lists their numbers (1-based), right-aligned at
     * the margin, in order. */
    double right = o.page_width - o.margin_right;
    long got[8];
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_TEXT && fabs(it->text.x + it->text.width - right) < 1e-6
            && strspn(it->text.text, "0123456789") == it->text.len && n < 8)
            got[n++] = strtol(it->text.text, NULL, 10);
    }
    assert_int_equal(n, 3);
    assert_int_equal(got[0], alpha + 1);
    assert_int_equal(got[1], beta + 1);
    assert_int_equal(got[2], gamma + 1);
    assert_null(find_text(lr, 1, "Delta"));
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void contents_entries_link_to_their_headings(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = doc_with_contents();
    cx_layout_result *lr = lay(doc, &o);
    const char *names[] = { "Alpha", "Beta", "Gamma" };
    const double sizes[] = { 20.0, 15.0, 20.0 };
    size_t k = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind != CX_ITEM_LINK)
            continue;
        assert_true(k < 3);
        long p = page_of(lr, names[k], sizes[k]);
        assert_int_equal(it->link.target_page, p);
        /* The target is the top of the heading: above its baseline, by less
         * than a line and its space. */
        const cx_item *h = find_text(lr, (size_t)p, names[k]);
        assert_true(it->link.target_y > h->text.y);
        assert_true(it->link.target_y < h->text.y + 2 * sizes[k]);
        /* The clickable box holds the entry's text. */
        const cx_item *e = find_text(lr, 1, names[k]);
        assert_true(e->text.y > it->link.y && e->text.y < it->link.y + it->link.h);
        k++;
    }
    assert_int_equal(k, 3);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void outline_lists_every_heading_with_level_and_page(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = doc_with_contents();
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(lr->noutline, 4);
    const char *titles[] = { "Alpha", "Beta", "Gamma", "Delta" };
    const int levels[] = { 1, 2, 1, 3 };
    const double sizes[] = { 20.0, 15.0, 20.0, 12.0 };
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(lr->outline[i].title, titles[i]);
        assert_int_equal(lr->outline[i].level, levels[i]);
        assert_int_equal(lr->outline[i].page, page_of(lr, titles[i], sizes[i]));
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void footers_number_every_page_but_the_title_page(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = doc_with_contents();
    cx_layout_result *lr = lay(doc, &o);
    size_t n = cx_layout_page_count(lr);
    assert_int_equal(n, 5);
    char buf[64];
    for (size_t p = 0; p < n; p++) {
        snprintf(buf, sizeof buf, "Page %zu of %zu", p + 1, n);
        assert_int_equal(count_text(lr, p, buf), p == 0 ? 0 : 1);
        if (p > 0)
            assert_true(find_text(lr, p, buf)->text.y < o.margin_bottom);
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void title_page_shows_the_metadata_and_the_date(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Benchmark", DG));
    OK(cx_doc_set_meta(doc, "subtitle", "Subtitle here", DG));
    OK(cx_doc_set_meta(doc, "author", "Zoë Ångström", DG));
    OK(cx_doc_add_paragraph(doc, "Body.", DG));
    cx_layout_result *lr = lay(doc, &o);
    assert_non_null(find_text(lr, 0, "Benchmark"));
    assert_non_null(find_text(lr, 0, "Subtitle here"));
    assert_non_null(find_text(lr, 0, "Zoë Ångström"));
    assert_non_null(find_text(lr, 0, "22 November 2026"));
    assert_int_equal(page_of(lr, "Body.", 10.0), 1);
    cx_layout_free(lr);
    /* Epoch 0 is 1 January 1970; a date in the metadata wins. */
    o.date_epoch = 0;
    lr = lay(doc, &o);
    assert_non_null(find_text(lr, 0, "1 January 1970"));
    cx_layout_free(lr);
    /* Without a date (no SOURCE_DATE_EPOCH) the title page shows none. */
    o.has_date = false;
    lr = lay(doc, &o);
    assert_null(find_text(lr, 0, "1 January 1970"));
    cx_layout_free(lr);
    o.has_date = true;
    OK(cx_doc_set_meta(doc, "date", "Spring 2027", DG));
    lr = lay(doc, &o);
    assert_non_null(find_text(lr, 0, "Spring 2027"));
    assert_null(find_text(lr, 0, "1 January 1970"));
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void lists_hang_their_lines_after_the_marker(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    const char *items[] = { "first", "a long item that certainly wraps onto a second line "
                                     "because it goes on and on and on for quite a while" };
    OK(cx_doc_add_list(doc, true, items, 2, DG));
    cx_layout_result *lr = lay(doc, &o);
    const cx_item *m1 = find_text(lr, 1, "1."), *m2 = find_text(lr, 1, "2.");
    assert_non_null(m1);
    assert_non_null(m2);
    /* Numbers are right-aligned in their column. */
    assert_true(fabs((m1->text.x + m1->text.width) - (m2->text.x + m2->text.width)) < 1e-9);
    /* Every text line of the items starts at the same indent, right of the
     * markers, including the continuation line. */
    size_t lines = 0;
    double x0 = -1;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind != CX_ITEM_TEXT || it->text.size != 10.0 || it == m1 || it == m2)
            continue;
        if (x0 < 0)
            x0 = it->text.x;
        assert_true(fabs(it->text.x - x0) < 1e-9);
        lines++;
    }
    assert_int_equal(lines, 3);
    assert_true(x0 > m2->text.x + m2->text.width);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void nothing_runs_off_the_page(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "A title long enough to be cut short in the footer of "
                                     "every page, because footers have only one line", DG));
    char big[3001];
    memset(big, 'W', 3000);
    big[3000] = '\0';
    OK(cx_doc_add_heading(doc, 1, big, DG));
    OK(cx_doc_add_paragraph(doc, big, DG));
    const char *hdr[] = { "Aaaaaaaaaaaaaaaaaaaaaaaaaaa", "Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                          "Cccccccccccccccccccccccccccccc", "Dddddddddddddddddddddddd" };
    const char *cells[40];
    for (int i = 0; i < 40; i++)
        cells[i] = i == 17 ? big : "Some words in a cell that wrap";
    OK(cx_doc_add_table(doc, 4, hdr, NULL, 10, cells, DG));
    const char *items[] = { big, "short" };
    OK(cx_doc_add_list(doc, false, items, 2, DG));
    cx_layout_result *lr = lay(doc, &o);
    double left = o.margin_left, right = o.page_width - o.margin_right;
    double bottom = o.margin_bottom, top = o.page_height - o.margin_top;
    for (size_t p = 0; p < lr->npages; p++) {
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_TEXT) {
                assert_true(it->text.x >= left - 1e-6);
                assert_true(it->text.x + it->text.width <= right + 1e-6);
                assert_true(it->text.y <= top);
                if (it->text.size != 8.0)   /* the footer sits in the margin */
                    assert_true(it->text.y >= bottom);
            } else if (it->kind == CX_ITEM_RECT && p > 0) {
                assert_true(it->rect.x >= left - 1e-6);
                assert_true(it->rect.x + it->rect.w <= right + 1e-6);
                assert_true(it->rect.y >= bottom - 1e-6);
                assert_true(it->rect.y + it->rect.h <= top + 1e-6);
            }
        }
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void page_breaks_never_make_empty_pages(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_page_break(doc, DG));       /* at the top of the body: nothing */
    OK(cx_doc_add_paragraph(doc, "one", DG));
    OK(cx_doc_add_page_break(doc, DG));
    OK(cx_doc_add_paragraph(doc, "two", DG));
    OK(cx_doc_add_page_break(doc, DG));       /* at the end: nothing */
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 3);
    assert_int_equal(page_of(lr, "one", 10.0), 1);
    assert_int_equal(page_of(lr, "two", 10.0), 2);
    cx_layout_free(lr);
    cx_doc_free(doc);
    /* An empty document is its title page. */
    doc = cx_doc_new();
    lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 1);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void missing_font_file_is_an_output_error_naming_it(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    o.fonts.italic = "/nonexistent/Missing-Italic.ttf";
    cx_doc *doc = cx_doc_new();
    cx_layout_result *lr = (cx_layout_result *)&o;    /* must be reset */
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_EOUTPUT);
    assert_null(lr);
    assert_string_equal(d.file, "/nonexistent/Missing-Italic.ttf");
    assert_non_null(strstr(d.message, "cannot open font file (italic face)"));
    cx_doc_free(doc);
}

static void margins_that_leave_no_room_are_a_usage_error(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    o.margin_left = 300;
    o.margin_right = 300;
    cx_doc *doc = cx_doc_new();
    cx_layout_result *lr = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_EUSAGE);
    assert_null(lr);
    assert_non_null(strstr(d.message, "margins leave no room"));
    cx_doc_free(doc);
    cx_layout_free(NULL);
}

/* 65 one-line paragraphs, each from its own line of report.lua: the
 * title page and three body pages (see the test above). */
static cx_doc *sourced_paragraphs(int n)
{
    cx_doc *doc = cx_doc_new();
    char buf[32];
    for (int i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, "p%d", i + 1);
        cx_doc_set_source(doc, "report.lua", i + 1);
        OK(cx_doc_add_paragraph(doc, buf, DG));
    }
    return doc;
}

static void a_page_past_max_pages_is_a_script_error_at_the_block_that_needs_it(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sourced_paragraphs(65);
    o.max_pages = 4;                    /* exactly what it needs: fine */
    cx_layout_result *lr = lay(doc, &o);
    assert_int_equal(cx_layout_page_count(lr), 4);
    cx_layout_free(lr);
    o.max_pages = 3;                    /* p65 starts the fourth page */
    lr = (cx_layout_result *)&o;        /* must be reset */
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_ESCRIPT);
    assert_null(lr);
    assert_string_equal(d.file, "report.lua");
    assert_int_equal(d.line, 65);
    assert_string_equal(d.message,
                        "the report needs more than 3 pages (raise the limit with --max-pages)");
    o.max_pages = 1;                    /* the title page alone */
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_ESCRIPT);
    assert_int_equal(d.line, 1);
    assert_string_equal(d.message,
                        "the report needs more than 1 page (raise the limit with --max-pages)");
    cx_doc_free(doc);
}

static void the_page_limit_stops_before_the_rest_is_measured(void **state)
{
    (void)state;
    /* A reference to no label is an error when its paragraph is measured.
     * Far past the page limit, it is never reached; without the limit
     * (0) it is. */
    cx_render_opts o = opts();
    cx_doc *doc = sourced_paragraphs(100);
    cx_doc_set_source(doc, "report.lua", 101);
    OK(cx_doc_add_paragraph(doc, "see {ref:nowhere}", DG));
    cx_layout_result *lr = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    o.max_pages = 3;
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_ESCRIPT);
    assert_int_equal(d.line, 65);
    assert_non_null(strstr(d.message, "--max-pages"));
    o.max_pages = 0;
    cx_diag_clear(&d);
    assert_int_equal(cx_layout(doc, &o, &lr, &d), CX_ESCRIPT);
    assert_null(lr);
    assert_int_equal(d.line, 101);
    assert_non_null(strstr(d.message, "nowhere"));
    cx_doc_free(doc);
}

static void the_default_page_limit_is_2000(void **state)
{
    (void)state;
    cx_render_opts o;
    cx_render_opts_default(&o);
    assert_int_equal(o.max_pages, 2000);
    assert_int_equal(CX_DEFAULT_MAX_PAGES, 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hello_at_12pt_is_the_sum_of_dejavu_advances, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(greek_and_cyrillic_widths_use_their_own_advances, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(bold_face_is_measured_with_the_bold_font, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(lines_never_exceed_the_measure_and_widths_add_up, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(white_space_collapses_to_one_space, setup, teardown),
        cmocka_unit_test_setup_teardown(greedy_filling_breaks_before_the_word_that_does_not_fit,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(long_words_are_broken_between_characters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(styled_spans_become_runs_in_their_faces, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(empty_text_has_no_lines, setup, teardown),
        cmocka_unit_test(one_line_paragraphs_fill_pages_as_computed),
        cmocka_unit_test(heading_at_the_bottom_moves_to_the_next_page),
        cmocka_unit_test(a_single_line_is_never_left_at_the_bottom_of_a_page),
        cmocka_unit_test(a_single_line_is_never_carried_alone_to_the_next_page),
        cmocka_unit_test(table_split_repeats_its_header_and_keeps_rows_whole),
        cmocka_unit_test(contents_page_numbers_are_the_pages_of_the_headings),
        cmocka_unit_test(contents_entries_link_to_their_headings),
        cmocka_unit_test(outline_lists_every_heading_with_level_and_page),
        cmocka_unit_test(footers_number_every_page_but_the_title_page),
        cmocka_unit_test(title_page_shows_the_metadata_and_the_date),
        cmocka_unit_test(lists_hang_their_lines_after_the_marker),
        cmocka_unit_test(nothing_runs_off_the_page),
        cmocka_unit_test(page_breaks_never_make_empty_pages),
        cmocka_unit_test(missing_font_file_is_an_output_error_naming_it),
        cmocka_unit_test(margins_that_leave_no_room_are_a_usage_error),
        cmocka_unit_test(a_page_past_max_pages_is_a_script_error_at_the_block_that_needs_it),
        cmocka_unit_test(the_page_limit_stops_before_the_rest_is_measured),
        cmocka_unit_test(the_default_page_limit_is_2000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
