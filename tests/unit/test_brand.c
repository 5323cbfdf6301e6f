/*
 * test_brand.c — brand kits: loading brand.lua, every kind of bad brand,
 * finding a brand by name, and how a brand becomes the look of a report
 * (cx_brand_apply).
 *
 * Brands are written into a scratch folder; the fonts are the DejaVu
 * files every build uses; logos are the smallest PNG header the prober
 * accepts (signature and IHDR chunk).  Colours are checked against the
 * hexadecimal text of brand.lua, read by hand: "#0E5E6F" is 0x0E5E6FFF.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cxreport/brand.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"
#include "workdir_fixture.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"

static char dir[512];

/* A folder NAME in the workdir holding brand.lua with text (and a logo.png). */
static const char *brand_dir(const char *name, const char *text, bool logo)
{
    snprintf(dir, sizeof dir, "%s/%s", cxt_workdir, name);
    mkdir(dir, 0777);
    char path[600];
    snprintf(path, sizeof path, "%s/brand.lua", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    if (logo) {
        /* PNG signature, IHDR: length 13, 200 x 50 pixels, 8-bit RGBA */
        static const unsigned char png[] = {
            0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 200, 0, 0, 0, 50, 8, 6, 0, 0, 0, 0, 0, 0, 0 };
        snprintf(path, sizeof path, "%s/logo.png", dir);
        f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(png, 1, sizeof png, f);
        fclose(f);
    }
    return dir;
}

static cx_brand *load_ok(const char *d)
{
    cx_brand *b = NULL;
    cx_diag diag;
    cx_diag_clear(&diag);
    cx_status st = cx_brand_load(d, &b, &diag);
    if (st != CX_OK)
        print_error("%s:%ld: %s\n", diag.file, diag.line, diag.message);
    assert_int_equal(st, CX_OK);
    assert_non_null(b);
    return b;
}

/* Loads a brand that must fail; returns the diag. */
static cx_diag load_bad(const char *d)
{
    cx_brand *b = NULL;
    cx_diag diag;
    cx_diag_clear(&diag);
    cx_status st = cx_brand_load(d, &b, &diag);
    assert_int_equal(st, CX_EDATA);
    assert_null(b);
    assert_int_equal(diag.status, CX_EDATA);
    return diag;
}

static bool contains(const char *s, const char *part)
{
    if (!strstr(s, part))
        print_error("'%s' does not contain '%s'\n", s, part);
    return strstr(s, part) != NULL;
}

static int setup(void **state)
{
    (void)state;
    return cxt_workdir_make("brand");
}

static int teardown(void **state)
{
    (void)state;
    return cxt_workdir_remove();
}

static const char GOOD[] =
    "-- a consultancy\n"
    "return {\n"
    "  name = \"Acme Consulting\",\n"
    "  colors = { primary = \"#0E5E6F\", secondary = \"#3A4750\", text = \"#222222\",\n"
    "             chart = { \"#0E5E6F\", \"#F2A541\" } },\n"
    "  fonts = { regular = \"" DEJAVU "DejaVuSerif.ttf\", bold = \"" DEJAVU "DejaVuSerif-Bold.ttf\" },\n"
    "  logo = \"logo.png\",\n"
    "  page = { size = \"Letter\", margins = { top = 72, left = 60 } },\n"
    "  header = { left = \"logo\", right = \"section\" },\n"
    "  footer = { left = \"confidential\", center = \"title\", right = \"page\" },\n"
    "  confidential = \"Confidential: {client}\",\n"
    "  cover = { style = \"band\", color = \"#102030\" },\n"
    "  watermark = { text = \"DRAFT\", color = \"#FF0000\", opacity = 0.2 },\n"
    "}\n";

static void a_good_brand_loads_every_key(void **state)
{
    (void)state;
    cx_brand *b = load_ok(brand_dir("good", GOOD, true));
    assert_string_equal(b->name, "Acme Consulting");
    assert_int_equal(b->primary, 0x0E5E6FFFu);
    assert_int_equal(b->secondary, 0x3A4750FFu);
    assert_int_equal(b->text, 0x222222FFu);
    /* accent follows secondary when not given */
    assert_int_equal(b->accent, 0x3A4750FFu);
    assert_int_equal(b->nchart, 2);
    assert_int_equal(b->chart[1], 0xF2A541FFu);
    assert_string_equal(b->regular, DEJAVU "DejaVuSerif.ttf");
    assert_string_equal(b->bold, DEJAVU "DejaVuSerif-Bold.ttf");
    /* italic faces not given keep the house fonts */
    assert_string_equal(b->italic, DEJAVU "DejaVuSans-Oblique.ttf");
    assert_non_null(strstr(b->logo, "/good/logo.png"));
    assert_true(b->logo[0] == '/');
    /* US Letter: 8.5 x 11 in = 612 x 792 pt; margins not given stay 56.7 */
    assert_true(b->page_width == 612.0 && b->page_height == 792.0);
    assert_true(b->margin_top == 72.0 && b->margin_left == 60.0);
    assert_true(b->margin_right == 56.7 && b->margin_bottom == 56.7);
    assert_int_equal(b->header[0], CX_SLOT_LOGO);
    assert_int_equal(b->header[1], CX_SLOT_NONE);
    assert_int_equal(b->header[2], CX_SLOT_SECTION);
    assert_int_equal(b->footer[0], CX_SLOT_CONFIDENTIAL);
    assert_int_equal(b->footer[1], CX_SLOT_TITLE);
    assert_int_equal(b->footer[2], CX_SLOT_PAGE);
    assert_string_equal(b->confidential, "Confidential: {client}");
    assert_int_equal(b->cover_style, CX_COVER_BAND);
    assert_int_equal(b->cover_color, 0x102030FFu);
    assert_string_equal(b->watermark, "DRAFT");
    /* opacity 0.2 of 255 = 51 = 0x33 */
    assert_int_equal(b->watermark_color, 0xFF000033u);
    cx_brand_free(b);
}

static void a_brand_with_only_a_name_keeps_the_house_look(void **state)
{
    (void)state;
    cx_brand *b = load_ok(brand_dir("minimal", "return { name = \"Plain\" }\n", false));
    assert_int_equal(b->primary, 0x1D4E89FFu);
    assert_true(b->page_width == 595.276 && b->page_height == 841.89);
    assert_int_equal(b->footer[0], CX_SLOT_TITLE);
    assert_int_equal(b->footer[2], CX_SLOT_PAGE);
    assert_int_equal(b->header[0], CX_SLOT_NONE);
    assert_null(b->logo);
    assert_null(b->watermark);
    assert_int_equal(b->cover_style, CX_COVER_STRIPE);
    cx_brand_free(b);
}

static void an_unknown_key_is_an_error_at_its_line(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("unknown", "return {\n  name = \"X\",\n\n  colour = {},\n}\n",
                                   false));
    assert_true(contains(d.file, "/unknown/brand.lua"));
    assert_int_equal(d.line, 4);
    assert_true(contains(d.message, "unknown key 'colour'"));
    /* nested: the key and the table it is in */
    d = load_bad(brand_dir("unknown2", "return { name = \"X\",\n colors = {\n  primray = \"#000000\" } }\n",
                           false));
    assert_int_equal(d.line, 3);
    assert_true(contains(d.message, "unknown key 'primray' in colors"));
}

static void a_bad_colour_is_an_error_naming_the_key(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("colour", "return { name = \"X\",\n colors = { primary = \"blue\" } }\n",
                                   false));
    assert_int_equal(d.line, 2);
    assert_true(contains(d.message, "colors.primary"));
    assert_true(contains(d.message, "\"#RRGGBB\""));
    d = load_bad(brand_dir("colour2", "return { name = \"X\", colors = { primary = \"#12345G\" } }\n",
                           false));
    assert_true(contains(d.message, "colors.primary"));
    d = load_bad(brand_dir("colour3", "return { name = \"X\", colors = { chart = {} } }\n", false));
    assert_true(contains(d.message, "colors.chart"));
}

static void a_missing_font_file_is_an_error_naming_the_file(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("font", "return { name = \"X\",\n  fonts = {\n    bold = \"NoSuch-Bold.ttf\" } }\n",
                                   false));
    assert_int_equal(d.line, 3);
    assert_true(contains(d.message, "fonts.bold"));
    assert_true(contains(d.message, "/font/NoSuch-Bold.ttf"));
    assert_true(contains(d.message, "No such file"));
}

static void a_file_that_is_not_a_truetype_font_is_an_error(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("notfont", "return { name = \"X\", fonts = { regular = \"brand.lua\" } }\n",
                                   false));
    assert_true(contains(d.message, "is not a TrueType font file"));
}

static void a_missing_logo_is_an_error_naming_the_file(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("nologo", "return {\n name = \"X\",\n logo = \"logo.png\" }\n",
                                   false));
    assert_int_equal(d.line, 3);
    assert_true(contains(d.message, "logo"));
    assert_true(contains(d.message, "/nologo/logo.png"));
    /* a logo that is no picture */
    d = load_bad(brand_dir("badlogo", "return { name = \"X\", logo = \"brand.lua\" }\n", false));
    assert_true(contains(d.message, "not a PNG or JPEG image"));
}

static void a_slot_showing_a_logo_needs_a_logo(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("slot", "return { name = \"X\", header = { left = \"logo\" } }\n",
                                   false));
    assert_true(contains(d.message, "the brand has no logo"));
    d = load_bad(brand_dir("slot2", "return { name = \"X\", footer = { right = \"pages\" } }\n",
                           false));
    assert_true(contains(d.message, "footer.right"));
}

static void an_optional_fallback_font_is_skipped_when_missing(void **state)
{
    (void)state;
    cx_brand *b = load_ok(brand_dir("fallback",
        "return { name = \"X\", fonts = { fallback = {\n"
        "  { path = \"/no/such/font.ttc\", optional = true },\n"
        "  \"" DEJAVU "DejaVuSerif.ttf\" } } }\n", false));
    assert_int_equal(b->nfallback, 1);
    assert_string_equal(b->fallback[0], DEJAVU "DejaVuSerif.ttf");
    cx_brand_free(b);
    cx_diag d = load_bad(brand_dir("fallback2",
        "return { name = \"X\", fonts = { fallback = { \"/no/such/font.ttc\" } } }\n", false));
    assert_true(contains(d.message, "fonts.fallback[1]"));
    assert_true(contains(d.message, "/no/such/font.ttc"));
}

static void page_sizes_and_margins_are_checked(void **state)
{
    (void)state;
    cx_brand *b = load_ok(brand_dir("custom", "return { name = \"X\", page = { size = { width = 500, height = 700 }, margins = 36 } }\n",
                                    false));
    assert_true(b->page_width == 500 && b->page_height == 700);
    assert_true(b->margin_top == 36 && b->margin_right == 36 && b->margin_bottom == 36
                && b->margin_left == 36);
    cx_brand_free(b);
    cx_diag d = load_bad(brand_dir("a5", "return { name = \"X\", page = { size = \"A5\" } }\n",
                                   false));
    assert_true(contains(d.message, "page.size"));
    /* 300 pt wide, 2 x 120 pt margins: 60 pt of text is too narrow */
    d = load_bad(brand_dir("narrow", "return { name = \"X\", page = { size = { width = 300, height = 700 }, margins = { left = 120, right = 120 } } }\n",
                           false));
    assert_true(contains(d.message, "margins leave"));
}

static void brand_lua_must_return_a_named_table(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("notable", "return 42\n", false));
    assert_true(contains(d.message, "must return a table"));
    d = load_bad(brand_dir("noname", "return { colors = {} }\n", false));
    assert_true(contains(d.message, "name"));
    d = load_bad(brand_dir("syntax", "return {\n name = \"X\"\n colors = {} }\n", false));
    assert_int_equal(d.line, 3);
    d = load_bad(brand_dir("missing", "", false));
    assert_true(contains(d.message, "must return a table"));
}

static void brand_lua_runs_in_a_sandbox_with_limits(void **state)
{
    (void)state;
    cx_diag d = load_bad(brand_dir("io", "local f = io.open('/etc/passwd')\nreturn { name = 'X' }\n",
                                   false));
    assert_int_equal(d.line, 1);
    d = load_bad(brand_dir("os", "os.exit(1)\n", false));
    assert_int_equal(d.line, 1);
    d = load_bad(brand_dir("loop", "while true do end\n", false));
    assert_true(contains(d.message, "runs too long"));
    d = load_bad(brand_dir("memory", "local t = {} for i = 1, 1e8 do t[i] = i end\n", false));
    assert_true(contains(d.message, "memory"));
    /* computing values is fine */
    cx_brand *b = load_ok(brand_dir("computed",
        "local teal = string.format('#%02X%02X%02X', 14, 94, 111)\n"
        "return { name = 'X', colors = { primary = teal } }\n", false));
    assert_int_equal(b->primary, 0x0E5E6FFFu);
    cx_brand_free(b);
}

static void a_missing_brand_folder_is_an_error(void **state)
{
    (void)state;
    cx_brand *b = NULL;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_brand_load("/no/such/brand", &b, &d), CX_EDATA);
    assert_null(b);
    assert_string_equal(d.file, "/no/such/brand");
}

static void brands_are_found_beside_the_script_before_the_templates(void **state)
{
    (void)state;
    char out[1024], script[600], tmpl[600];
    snprintf(script, sizeof script, "%s/report.lua", cxt_workdir);
    snprintf(tmpl, sizeof tmpl, "%s/tmpl", cxt_workdir);
    mkdir(tmpl, 0777);
    snprintf(dir, sizeof dir, "%s/tmpl/brands", cxt_workdir);
    mkdir(dir, 0777);
    snprintf(dir, sizeof dir, "%s/tmpl/brands/house", cxt_workdir);
    mkdir(dir, 0777);
    char path[700];
    snprintf(path, sizeof path, "%s/brand.lua", dir);
    FILE *f = fopen(path, "w");
    fputs("return { name = 'T' }\n", f);
    fclose(f);
    assert_true(cx_brand_find("house", script, tmpl, out, sizeof out));
    assert_true(contains(out, "/tmpl/brands/house"));
    /* the same name beside the script wins */
    snprintf(dir, sizeof dir, "%s/brands", cxt_workdir);
    mkdir(dir, 0777);
    snprintf(dir, sizeof dir, "%s/brands/house", cxt_workdir);
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/brand.lua", dir);
    f = fopen(path, "w");
    fputs("return { name = 'S' }\n", f);
    fclose(f);
    assert_true(cx_brand_find("house", script, tmpl, out, sizeof out));
    snprintf(path, sizeof path, "%s/brands/house", cxt_workdir);
    assert_string_equal(out, path);
    assert_false(cx_brand_find("nowhere", script, tmpl, out, sizeof out));
    /* names are plain: no paths */
    assert_false(cx_brand_find("../brands/house", script, tmpl, out, sizeof out));
    assert_false(cx_brand_name_ok(""));
    assert_false(cx_brand_name_ok("a/b"));
    assert_true(cx_brand_name_ok("meridian-2_b"));
}

static void the_shipped_brands_load(void **state)
{
    (void)state;
    cx_brand *b = load_ok(CX_TEMPLATES_DIR "/brands/default");
    assert_string_equal(b->name, "cxreport");
    assert_null(b->logo);
    cx_brand_free(b);
    b = load_ok(CX_TEMPLATES_DIR "/brands/meridian");
    assert_string_equal(b->name, "Meridian Partners");
    assert_non_null(b->logo);
    assert_int_equal(b->header[0], CX_SLOT_LOGO);
    assert_int_equal(b->cover_style, CX_COVER_BAND);
    assert_true(b->page_width == 612.0);
    cx_brand_free(b);
}

static void applying_a_brand_sets_the_page_fonts_and_colours(void **state)
{
    (void)state;
    cx_brand *b = load_ok(brand_dir("apply", GOOD, true));
    cx_render_opts o;
    cx_theme th;
    cx_brand_apply(b, &o, &th);
    assert_true(o.page_width == 612.0 && o.margin_top == 72.0);
    assert_string_equal(o.fonts.regular, b->regular);
    assert_int_equal(th.accent, 0x0E5E6FFFu);
    assert_int_equal(th.heading, 0x3A4750FFu);
    assert_int_equal(th.cover_fill, 0x102030FFu);
    assert_int_equal(th.npalette, 2);
    assert_int_equal(th.palette[0], 0x0E5E6FFFu);
    assert_int_equal(th.header[2], CX_SLOT_SECTION);
    assert_string_equal(th.logo, b->logo);
    assert_string_equal(th.watermark, "DRAFT");
    cx_brand_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_good_brand_loads_every_key),
        cmocka_unit_test(a_brand_with_only_a_name_keeps_the_house_look),
        cmocka_unit_test(an_unknown_key_is_an_error_at_its_line),
        cmocka_unit_test(a_bad_colour_is_an_error_naming_the_key),
        cmocka_unit_test(a_missing_font_file_is_an_error_naming_the_file),
        cmocka_unit_test(a_file_that_is_not_a_truetype_font_is_an_error),
        cmocka_unit_test(a_missing_logo_is_an_error_naming_the_file),
        cmocka_unit_test(a_slot_showing_a_logo_needs_a_logo),
        cmocka_unit_test(an_optional_fallback_font_is_skipped_when_missing),
        cmocka_unit_test(page_sizes_and_margins_are_checked),
        cmocka_unit_test(brand_lua_must_return_a_named_table),
        cmocka_unit_test(brand_lua_runs_in_a_sandbox_with_limits),
        cmocka_unit_test(a_missing_brand_folder_is_an_error),
        cmocka_unit_test(brands_are_found_beside_the_script_before_the_templates),
        cmocka_unit_test(the_shipped_brands_load),
        cmocka_unit_test(applying_a_brand_sets_the_page_fonts_and_colours),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
