/*
 * test_layout_brand.c — what a brand changes in layout: the font that
 * draws each character (fallback fonts, placeholder boxes and their
 * warnings), headers and footers, the cover, the watermark, images.
 *
 * The main font is Lato and the fallback DejaVu Sans, so characters one
 * has and the other lacks are at hand without any optional package; that
 * they are (or are not) in each font is checked here with FreeType's
 * FT_Get_Char_Index, and widths with FT_Load_Char, independently of the
 * layout's own measuring.  Pictures are the smallest PNG headers the
 * prober reads.
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
#include "workdir_fixture.h"

#define LATO "/usr/share/fonts/truetype/lato/Lato-"
#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static char png_wide[512], png_square[512];

static cx_diag D;
#define OK(call)                                                               \
    do {                                                                       \
        cx_diag_clear(&D);                                                     \
        cx_status s_ = (call);                                                 \
        if (s_ != CX_OK)                                                       \
            print_error("%s: %s\n", #call, D.message);                         \
        assert_int_equal(s_, CX_OK);                                           \
    } while (0)

/* A PNG header: signature and IHDR of w x h pixels. */
static void write_png(const char *name, unsigned w, unsigned h, char path[512])
{
    unsigned char png[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
                              'I', 'H', 'D', 'R' };
    png[16] = (unsigned char)(w >> 24), png[17] = (unsigned char)(w >> 16);
    png[18] = (unsigned char)(w >> 8), png[19] = (unsigned char)w;
    png[20] = (unsigned char)(h >> 24), png[21] = (unsigned char)(h >> 16);
    png[22] = (unsigned char)(h >> 8), png[23] = (unsigned char)h;
    png[24] = 8;
    png[25] = 6;
    snprintf(path, 512, "%s/%s", cxt_workdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(png, 1, sizeof png, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (cxt_workdir_make("layout-brand") != 0)
        return -1;
    write_png("wide.png", 400, 100, png_wide);
    write_png("square.png", 64, 64, png_square);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return cxt_workdir_remove();
}

/* Page options and theme: the house look, or Lato with DejaVu Sans as
 * the fallback. */
typedef struct look { cx_render_opts o; cx_theme th; } look;

static look house_look(void)
{
    look k;
    cx_render_opts_default(&k.o);
    cx_theme_default(&k.th);
    return k;
}

static look lato_look(void)
{
    look k = house_look();
    k.o.fonts = (cx_fontset){ LATO "Regular.ttf", LATO "Bold.ttf", LATO "Italic.ttf",
                              LATO "BoldItalic.ttf", 1, { DEJAVU } };
    return k;
}

static cx_layout_result *lay(const cx_doc *doc, const look *k)
{
    cx_layout_result *lr = NULL;
    OK(cx_layout_themed(doc, &k->o, &k->th, &lr, &D));
    assert_non_null(lr);
    return lr;
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

static size_t count_kind(const cx_layout_result *lr, size_t page, cx_item_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[page].nitems; i++)
        n += lr->pages[page].items[i].kind == kind;
    return n;
}

/* FreeType: whether a font has cp, and its advance in font units. */
static long ft_glyph(const char *path, unsigned long cp, long *upem)
{
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, path, 0, &face), 0);
    long adv = -1;
    if (FT_Get_Char_Index(face, cp) != 0) {
        assert_int_equal(FT_Load_Char(face, cp, FT_LOAD_NO_SCALE), 0);
        adv = face->glyph->metrics.horiAdvance;
    }
    *upem = face->units_per_EM;
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return adv;
}

/* ---- fonts for every character ------------------------------------------ */

static void a_character_the_main_font_lacks_is_drawn_by_the_fallback(void **state)
{
    (void)state;
    long lato_upem, dejavu_upem;
    /* U+2605 BLACK STAR: not in Lato, in DejaVu Sans */
    assert_int_equal(ft_glyph(LATO "Regular.ttf", 0x2605, &lato_upem), -1);
    long star = ft_glyph(DEJAVU, 0x2605, &dejavu_upem);
    assert_true(star > 0);
    long a = ft_glyph(LATO "Regular.ttf", 'A', &lato_upem);
    look k = lato_look();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "A\xE2\x98\x85" "A", &D));   /* A★A */
    cx_layout_result *lr = lay(doc, &k);
    const cx_item *first = find_text(lr, 1, "A");
    const cx_item *mid = find_text(lr, 1, "\xE2\x98\x85");
    assert_non_null(first);
    assert_non_null(mid);
    assert_int_equal(first->text.face, 0);
    assert_int_equal(mid->text.face, CX_FACE_FALLBACK);
    /* body text is 10 pt: widths are advance * 1000 / upem, truncated as
     * libharu writes them, times 10 / 1000 */
    double wa = (double)(a * 1000 / lato_upem) * 10.0 / 1000.0;
    double ws = (double)(star * 1000 / dejavu_upem) * 10.0 / 1000.0;
    assert_true(fabs(first->text.width - wa) < 1e-9);
    assert_true(fabs(mid->text.width - ws) < 1e-9);
    /* the three runs follow each other on the baseline */
    assert_true(fabs(mid->text.x - (first->text.x + wa)) < 1e-9);
    const cx_item *last = NULL;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_TEXT && it->text.len == 1 && it->text.text[0] == 'A' && it != first)
            last = it;
    }
    assert_non_null(last);
    assert_true(fabs(last->text.x - (mid->text.x + ws)) < 1e-9);
    assert_true(fabs(last->text.y - first->text.y) < 1e-9);
    assert_int_equal(lr->warnings.count, 0);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_character_no_font_has_is_a_box_and_one_warning(void **state)
{
    (void)state;
    look k = lato_look();
    cx_doc *doc = cx_doc_new();
    cx_doc_set_source(doc, "report.lua", 7);
    /* U+1F600 is outside the basic plane, which libharu cannot draw from
     * any font; U+200B (zero-width space) is invisible and dropped */
    OK(cx_doc_add_paragraph(doc, "ok \xF0\x9F\x98\x80\xE2\x80\x8B done \xF0\x9F\x98\x80", &D));
    cx_doc_set_source(doc, "report.lua", 9);
    OK(cx_doc_add_paragraph(doc, "\xF0\x9F\x9A\x80 and \xF0\x9F\x98\x81", &D));   /* 🚀 😁 */
    cx_layout_result *lr = lay(doc, &k);
    /* two boxes on the page for 😀 and two more for 🚀 and 😁 */
    size_t boxes = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        if (it->kind == CX_ITEM_RECT && it->rect.fill == CX_NONE && it->rect.stroke != CX_NONE) {
            boxes++;
            assert_true(it->rect.w > 0 && it->rect.h > 0);
        }
        /* no text item carries a character that no font draws */
        if (it->kind == CX_ITEM_TEXT)
            assert_null(memchr(it->text.text, 0xF0, it->text.len));
    }
    assert_int_equal(boxes, 4);
    /* one warning per block, naming the characters, at the block's line */
    assert_int_equal(lr->warnings.count, 2);
    assert_int_equal(lr->warnings.items[0].severity, CX_SEV_WARNING);
    assert_string_equal(lr->warnings.items[0].file, "report.lua");
    assert_int_equal(lr->warnings.items[0].line, 7);
    assert_non_null(strstr(lr->warnings.items[0].message, "U+1F600"));
    assert_null(strstr(lr->warnings.items[0].message, "U+200B"));
    assert_int_equal(lr->warnings.items[1].line, 9);
    assert_non_null(strstr(lr->warnings.items[1].message, "these 2 characters"));
    assert_non_null(strstr(lr->warnings.items[1].message, "U+1F680"));
    assert_non_null(strstr(lr->warnings.items[1].message, "U+1F601"));
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void chart_text_is_split_by_font_too(void **state)
{
    (void)state;
    look k = lato_look();
    cx_doc *doc = cx_doc_new();
    const char *cats[2] = { "North \xE2\x98\x85", "South" };
    double v[2] = { 3, 5 };
    cx_chart_series s = { .n = 2, .values = v };
    cx_chart_spec spec = { .kind = CX_CHART_BAR, .horizontal = true, .ncategories = 2,
                           .categories = cats, .nseries = 1, .series = &s };
    OK(cx_doc_add_chart(doc, &spec, NULL, NULL, &D));
    cx_layout_result *lr = lay(doc, &k);
    assert_int_equal(lr->ncharts, 1);
    const cx_dl *dl = lr->charts[0].dl;
    bool star = false, north = false;
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->kind != CX_DL_TEXT)
            continue;
        const char *t = cx_dl_text_of(dl, it);
        if (strcmp(t, "\xE2\x98\x85") == 0) {
            star = true;
            assert_int_equal(it->text.face, CX_FACE_FALLBACK);
        }
        if (strcmp(t, "North ") == 0) {
            north = true;
            assert_int_equal(it->text.face, 0);
            assert_int_equal(it->text.anchor, CX_ANCHOR_LEFT);
        }
        assert_null(strstr(t, "North \xE2\x98\x85"));
    }
    assert_true(star && north);
    /* the palette of a chart that names none is the theme's */
    cx_layout_free(lr);
    cx_rgba brand[2] = { CX_RGB(0x00594F), CX_RGB(0xE0A526) };
    k.th.palette = brand;
    k.th.npalette = 2;
    lr = lay(doc, &k);
    dl = lr->charts[0].dl;
    bool teal = false;
    for (size_t i = 0; i < dl->nitems; i++)
        teal |= dl->items[i].kind == CX_DL_PATH && dl->items[i].role == CX_DL_ROLE_BAR
                && dl->items[i].path.fill == CX_RGB(0x00594F);
    assert_true(teal);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- headers and footers ------------------------------------------------- */

static cx_doc *three_sections(void)
{
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Annual Review", &D));
    OK(cx_doc_set_meta(doc, "prepared_for", "Fabrikam", &D));
    const char *names[3] = { "Alpha", "Beta", "Gamma" };
    for (int s = 0; s < 3; s++) {
        OK(cx_doc_add_heading(doc, 1, names[s], &D));
        for (int k = 0; k < 30; k++)
            OK(cx_doc_add_paragraph(doc, "Some words to fill the page, line after line.", &D));
    }
    return doc;
}

static void header_and_footer_slots_show_what_the_brand_asks(void **state)
{
    (void)state;
    look k = house_look();
    k.th.header[0] = CX_SLOT_LOGO;
    k.th.header[2] = CX_SLOT_SECTION;
    k.th.footer[0] = CX_SLOT_CONFIDENTIAL;
    k.th.footer[1] = CX_SLOT_NONE;
    k.th.footer[2] = CX_SLOT_PAGE;
    k.th.confidential = "Confidential: prepared for {client}";
    k.th.logo = png_wide;
    cx_doc *doc = three_sections();
    cx_layout_result *lr = lay(doc, &k);
    size_t n = lr->npages;
    assert_true(n >= 4);
    double top = k.o.page_height - k.o.margin_top;
    for (size_t p = 1; p < n; p++) {
        /* the logo in the top margin, its 4:1 shape kept */
        bool logo = false;
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            if (it->kind == CX_ITEM_IMAGE && strcmp(it->image.path, png_wide) == 0) {
                logo = true;
                assert_true(it->image.y > top);
                assert_true(fabs(it->image.x - k.o.margin_left) < 1e-9);
                assert_true(fabs(it->image.w - 4 * it->image.h) < 1e-9);
            }
        }
        assert_true(logo);
        char page[64];
        snprintf(page, sizeof page, "Page %zu of %zu", p + 1, n);
        const cx_item *pg = find_text(lr, p, page);
        assert_non_null(pg);
        assert_true(pg->text.y < k.o.margin_bottom);
        /* right-aligned at the right margin */
        assert_true(fabs(pg->text.x + pg->text.width - (k.o.page_width - k.o.margin_right)) < 1e-6);
        assert_non_null(find_text(lr, p, "Confidential: prepared for Fabrikam"));
        assert_null(find_text(lr, p, "Annual Review"));
        /* the section in force: the last level-1 heading on or before p */
        const char *section = NULL;
        for (size_t e = 0; e < lr->noutline; e++)
            if (lr->outline[e].level == 1 && lr->outline[e].page <= p)
                section = lr->outline[e].title;
        assert_non_null(section);
        bool in_header = false;     /* the heading itself may be on the page too */
        for (size_t i = 0; i < lr->pages[p].nitems; i++) {
            const cx_item *it = &lr->pages[p].items[i];
            in_header |= it->kind == CX_ITEM_TEXT && it->text.y > top
                         && it->text.len == strlen(section)
                         && memcmp(it->text.text, section, it->text.len) == 0;
        }
        assert_true(in_header);
    }
    /* the cover has no header or footer */
    assert_null(find_text(lr, 0, "Confidential: prepared for Fabrikam"));
    cx_layout_free(lr);
    /* without a client, the clause naming the client goes */
    cx_doc_free(doc);
    doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "Body.", &D));
    lr = lay(doc, &k);
    assert_non_null(find_text(lr, 1, "Confidential"));
    cx_layout_free(lr);
    /* ... or, with nothing to cut at, {client} reads "the client" */
    k.th.confidential = "For {client} only";
    lr = lay(doc, &k);
    assert_non_null(find_text(lr, 1, "For the client only"));
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void the_house_look_has_the_title_and_page_in_the_footer_only(void **state)
{
    (void)state;
    look k = house_look();
    cx_doc *doc = three_sections();
    cx_layout_result *lr = lay(doc, &k);
    for (size_t p = 1; p < lr->npages; p++) {
        const cx_item *t = find_text(lr, p, "Annual Review");
        assert_non_null(t);
        assert_true(t->text.y < k.o.margin_bottom);
        assert_int_equal(count_kind(lr, p, CX_ITEM_IMAGE), 0);
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- the cover ----------------------------------------------------------- */

static void a_band_cover_spans_the_page_with_the_title_on_it(void **state)
{
    (void)state;
    look k = house_look();
    k.th.cover_style = CX_COVER_BAND;
    k.th.cover_fill = CX_RGB(0x00594F);
    k.th.cover_text = CX_RGB(0xFFFFFF);
    k.th.logo = png_square;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Quarterly Review", &D));
    OK(cx_doc_set_meta(doc, "subtitle", "Findings", &D));
    OK(cx_doc_set_meta(doc, "prepared_for", "Fabrikam Residences", &D));
    OK(cx_doc_set_meta(doc, "author", "Research team", &D));
    OK(cx_doc_set_meta(doc, "date", "June 2016", &D));
    cx_layout_result *lr = lay(doc, &k);
    const cx_item *band = NULL;
    for (size_t i = 0; i < lr->pages[0].nitems && !band; i++) {
        const cx_item *it = &lr->pages[0].items[i];
        if (it->kind == CX_ITEM_RECT && it->rect.fill == CX_RGB(0x00594F))
            band = it;
    }
    /* full bleed: from the left edge to the right, up to the top edge */
    assert_non_null(band);
    assert_true(band->rect.x == 0 && fabs(band->rect.w - k.o.page_width) < 1e-9);
    assert_true(fabs(band->rect.y + band->rect.h - k.o.page_height) < 1e-9);
    const cx_item *title = find_text(lr, 0, "Quarterly Review");
    assert_non_null(title);
    assert_int_equal(title->text.color, CX_RGB(0xFFFFFF));
    assert_true(title->text.y > band->rect.y);
    assert_non_null(find_text(lr, 0, "Findings"));
    const cx_item *client = find_text(lr, 0, "Fabrikam Residences");
    assert_non_null(client);
    assert_true(client->text.y < band->rect.y);
    assert_non_null(find_text(lr, 0, "PREPARED FOR"));
    assert_non_null(find_text(lr, 0, "Research team"));
    assert_non_null(find_text(lr, 0, "June 2016"));
    assert_int_equal(count_kind(lr, 0, CX_ITEM_IMAGE), 1);
    cx_layout_free(lr);
    /* the stripe cover says "Prepared for" in a line of its own */
    k.th = house_look().th;
    lr = lay(doc, &k);
    assert_non_null(find_text(lr, 0, "Prepared for Fabrikam Residences"));
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void an_image_cover_is_as_wide_as_the_page(void **state)
{
    (void)state;
    look k = house_look();
    k.th.cover_style = CX_COVER_IMAGE;
    k.th.cover_image = png_wide;
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Quarterly Review", &D));
    cx_layout_result *lr = lay(doc, &k);
    const cx_item *img = NULL;
    for (size_t i = 0; i < lr->pages[0].nitems; i++)
        if (lr->pages[0].items[i].kind == CX_ITEM_IMAGE)
            img = &lr->pages[0].items[i];
    assert_non_null(img);
    /* 400 x 100 pixels across 595.276 pt: 148.819 pt tall, at the top */
    assert_true(img->image.x == 0 && fabs(img->image.w - k.o.page_width) < 1e-9);
    assert_true(fabs(img->image.h - k.o.page_width / 4) < 1e-9);
    assert_true(fabs(img->image.y + img->image.h - k.o.page_height) < 1e-9);
    const cx_item *title = find_text(lr, 0, "Quarterly Review");
    assert_true(title->text.y < img->image.y);
    cx_layout_free(lr);
    /* a missing cover picture is an error naming the file */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/nope.png", cxt_workdir);
    k.th.cover_image = missing;
    lr = NULL;
    cx_diag_clear(&D);
    assert_int_equal(cx_layout_themed(doc, &k.o, &k.th, &lr, &D), CX_EDATA);
    assert_null(lr);
    assert_string_equal(D.file, missing);
    cx_doc_free(doc);
}

static void a_watermark_crosses_every_page_diagonally(void **state)
{
    (void)state;
    look k = house_look();
    k.th.watermark = "DRAFT";
    k.th.watermark_color = 0xC0000026u;
    cx_doc *doc = three_sections();
    cx_layout_result *lr = lay(doc, &k);
    /* the angle of the diagonal of an A4 page, in degrees */
    double want = atan2(841.89, 595.276) * 180.0 / 3.14159265358979323846;
    for (size_t p = 0; p < lr->npages; p++) {
        const cx_item *w = find_text(lr, p, "DRAFT");
        assert_non_null(w);
        assert_true(fabs(w->text.angle - want) < 1e-9);
        assert_int_equal(w->text.color, 0xC0000026u);
        /* drawn last: over the page, translucent */
        assert_ptr_equal(w, &lr->pages[p].items[lr->pages[p].nitems - 1]);
        /* its middle is the middle of the page */
        double a = w->text.angle * 3.14159265358979323846 / 180.0;
        double mx = w->text.x + cos(a) * w->text.width / 2 - sin(a) * w->text.size * 0.35;
        double my = w->text.y + sin(a) * w->text.width / 2 + cos(a) * w->text.size * 0.35;
        assert_true(fabs(mx - k.o.page_width / 2) < 1e-6);
        assert_true(fabs(my - k.o.page_height / 2) < 1e-6);
    }
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* ---- images -------------------------------------------------------------- */

static void an_image_keeps_its_proportions_and_its_caption(void **state)
{
    (void)state;
    look k = house_look();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_image(doc, png_square, 0, NULL, &D));     /* natural: 64 px = 48 pt */
    OK(cx_doc_add_image(doc, png_wide, 200, "A wide one.", &D));
    OK(cx_doc_add_image(doc, png_wide, 0, NULL, &D));       /* 300 pt */
    cx_layout_result *lr = lay(doc, &k);
    const cx_item *im[3];
    size_t n = 0;
    for (size_t i = 0; i < lr->pages[1].nitems; i++)
        if (lr->pages[1].items[i].kind == CX_ITEM_IMAGE && n < 3)
            im[n++] = &lr->pages[1].items[i];
    assert_int_equal(n, 3);
    /* 64 px at 96 px per inch = 48 pt square */
    assert_true(fabs(im[0]->image.w - 48.0) < 1e-9 && fabs(im[0]->image.h - 48.0) < 1e-9);
    /* 200 pt wide at 4:1 = 50 pt tall */
    assert_true(fabs(im[1]->image.w - 200.0) < 1e-9 && fabs(im[1]->image.h - 50.0) < 1e-9);
    assert_true(fabs(im[2]->image.w - 300.0) < 1e-9 && fabs(im[2]->image.h - 75.0) < 1e-9);
    assert_true(im[1]->image.y < im[0]->image.y);
    bool caption = false;
    for (size_t i = 0; i < lr->pages[1].nitems; i++) {
        const cx_item *it = &lr->pages[1].items[i];
        caption |= it->kind == CX_ITEM_TEXT && it->text.len >= 8
                   && memcmp(it->text.text, "Figure 1", 8) == 0;
    }
    assert_true(caption);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_missing_image_is_an_error_at_the_script_line(void **state)
{
    (void)state;
    look k = house_look();
    cx_doc *doc = cx_doc_new();
    char missing[600];
    snprintf(missing, sizeof missing, "%s/gone.png", cxt_workdir);
    cx_doc_set_source(doc, "report.lua", 12);
    OK(cx_doc_add_image(doc, missing, 0, NULL, &D));
    cx_layout_result *lr = NULL;
    cx_diag_clear(&D);
    assert_int_equal(cx_layout_themed(doc, &k.o, &k.th, &lr, &D), CX_EDATA);
    assert_string_equal(D.file, "report.lua");
    assert_int_equal(D.line, 12);
    assert_non_null(strstr(D.message, "gone.png"));
    cx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_character_the_main_font_lacks_is_drawn_by_the_fallback),
        cmocka_unit_test(a_character_no_font_has_is_a_box_and_one_warning),
        cmocka_unit_test(chart_text_is_split_by_font_too),
        cmocka_unit_test(header_and_footer_slots_show_what_the_brand_asks),
        cmocka_unit_test(the_house_look_has_the_title_and_page_in_the_footer_only),
        cmocka_unit_test(a_band_cover_spans_the_page_with_the_title_on_it),
        cmocka_unit_test(an_image_cover_is_as_wide_as_the_page),
        cmocka_unit_test(a_watermark_crosses_every_page_diagonally),
        cmocka_unit_test(an_image_keeps_its_proportions_and_its_caption),
        cmocka_unit_test(a_missing_image_is_an_error_at_the_script_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
