/*
 * test_raster.c — the two renderers of a display list: Cairo (PNG, SVG)
 * and libharu (PDF vector).  Exports are byte-identical across renders;
 * for every chart kind the Cairo PNG and the PDF page rasterised by
 * pdftoppm agree within a documented pixel difference; the chart text in
 * the PDF is real text that pdftotext finds; building and drawing the
 * 62-bar ranking into a PDF page is fast (timed by make bench, not here).
 *
 * Parity metric (see pixel_diff): both images are 144 dpi (Cairo at scale
 * 2, pdftoppm -r 144), compared channel by channel over the common area:
 *   mean    mean absolute difference over all pixels and RGB channels, 0..255
 *   share   share of pixels whose largest channel difference exceeds 64
 *   blurred the same share after a 5×5 box blur of both images
 * Thresholds: mean < 5, share < 4 %, blurred < 0.5 %.  Measured on Debian
 * 12 (Cairo 1.16, poppler 22.02), the worst kinds give mean 3.73, share
 * 2.64 % (stacked 100 %: many edges and labels) and blurred 0.15 % (gauge:
 * poppler puts large glyphs on whole pixels); every other kind blurs to 0.
 * The unblurred differences are antialiasing of edges and thin lines
 * (poppler snaps hairlines to pixels), not geometry: a mark or text run
 * displaced by a point (2 px) fails the blurred test.  The printed numbers
 * come from pdf_page_and_png_agree_for_every_kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart_fixture.h"
#include "cxreport/raster.h"
#include "../../src/render/pdf_chart.h"

#define PARITY_MEAN_MAX 5.0         /* measured at most 3.73 (stacked 100 %) */
#define PARITY_SHARE_MAX 0.04       /* measured at most 2.64 % (stacked 100 %) */
#define PARITY_BLURRED_MAX 0.005    /* measured at most 0.15 % (gauge), else 0 */

static const cx_chart_kind all_kinds[] = {
    CX_CHART_BAR,     CX_CHART_GROUPED, CX_CHART_STACKED, CX_CHART_STACKED100,
    CX_CHART_LINE,    CX_CHART_SCATTER, CX_CHART_DOT,     CX_CHART_RADAR,
    CX_CHART_DISTRIBUTION, CX_CHART_HEATMAP, CX_CHART_BULLET, CX_CHART_GAUGE,
};
#define NKINDS (sizeof all_kinds / sizeof all_kinds[0])

static const char *kind_slug(cx_chart_kind k)
{
    static const char *const n[] = { "", "bar", "grouped", "stacked", "stacked100", "line",
                                     "scatter", "dot", "radar", "distribution", "heatmap",
                                     "bullet", "gauge" };
    return n[k];
}

typedef struct world {
    cxt_fonts fonts;
    cx_chart_env env;
    cx_raster_fonts rf;
    char dir[64];
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w || !cxt_fonts_open(&w->fonts))
        return -1;
    cxt_env(&w->fonts, &w->env);
    cx_raster_fonts_default(&w->rf);
    snprintf(w->dir, sizeof w->dir, "/tmp/cx_raster_XXXXXX");
    if (!mkdtemp(w->dir))
        return -1;
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", w->dir);
    cxt_fonts_close(&w->fonts);
    free(w);
    return 0;
}

static cx_dl *build(world *w, cx_chart_kind k)
{
    cx_chart_spec s;
    cx_dl *dl = NULL;
    cx_diag d = { 0 };
    cxt_spec(k, &s);
    cx_status st = cx_chart_build(&s, &w->env, &dl, &d);
    if (st)
        fail_msg("%s: %s", kind_slug(k), d.message);
    return dl;
}

/* ---- determinism ---------------------------------------------------------- */

static void png_export_is_byte_identical_across_renders(void **state)
{
    world *w = *state;
    for (size_t i = 0; i < NKINDS; i++) {
        cx_dl *dl = build(w, all_kinds[i]);
        unsigned char *a, *b;
        size_t la, lb;
        cx_diag d = { 0 };
        assert_int_equal(cx_raster_png_bytes(dl, &w->rf, 2, &a, &la, &d), CX_OK);
        assert_int_equal(cx_raster_png_bytes(dl, &w->rf, 2, &b, &lb, &d), CX_OK);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        assert_memory_equal(a + 1, "PNG", 3);
        free(a);
        free(b);
        cx_dl_free(dl);
    }
}

static void svg_export_is_byte_identical_across_renders(void **state)
{
    world *w = *state;
    for (size_t i = 0; i < NKINDS; i++) {
        cx_dl *dl = build(w, all_kinds[i]);
        unsigned char *a, *b;
        size_t la, lb;
        cx_diag d = { 0 };
        assert_int_equal(cx_raster_svg_bytes(dl, &w->rf, &a, &la, &d), CX_OK);
        assert_int_equal(cx_raster_svg_bytes(dl, &w->rf, &b, &lb, &d), CX_OK);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        assert_non_null(strstr((const char *)a, "<svg"));
        free(a);
        free(b);
        cx_dl_free(dl);
    }
}

static void svg_is_sized_in_points(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_GROUPED);
    unsigned char *a;
    size_t la;
    cx_diag d = { 0 };
    assert_int_equal(cx_raster_svg_bytes(dl, &w->rf, &a, &la, &d), CX_OK);
    char want[64];
    /* The column width of the fixture env: 481.89 pt. */
    snprintf(want, sizeof want, "width=\"481.89pt\"");
    assert_non_null(strstr((const char *)a, want));
    free(a);
    cx_dl_free(dl);
}

static void png_at_scale_2_has_twice_the_points_in_pixels(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    char path[128];
    cx_diag d = { 0 };
    snprintf(path, sizeof path, "%s/bar2x.png", w->dir);
    assert_int_equal(cx_raster_png(dl, &w->rf, 2, path, &d), CX_OK);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    /* 481.89 pt × 2 = 963.78 → 964 px; 680 pt × 2 = 1360 px. */
    assert_int_equal(cairo_image_surface_get_width(img), 964);
    assert_int_equal(cairo_image_surface_get_height(img), 1360);
    cairo_surface_destroy(img);
    cx_dl_free(dl);
}

static void a_missing_font_is_an_output_error(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    cx_raster_fonts rf = w->rf;
    rf.regular = "/nonexistent/font.ttf";
    unsigned char *p;
    size_t n;
    cx_diag d = { 0 };
    assert_int_equal(cx_raster_png_bytes(dl, &rf, 1, &p, &n, &d), CX_EOUTPUT);
    assert_null(p);
    assert_string_equal(d.file, "/nonexistent/font.ttf");
    cx_dl_free(dl);
}

static void an_unwritable_path_is_an_output_error(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_GAUGE);
    cx_diag d = { 0 };
    assert_int_equal(cx_raster_svg(dl, &w->rf, "/nonexistent/dir/chart.svg", &d), CX_EOUTPUT);
    assert_int_equal(cx_raster_png(dl, &w->rf, 0, "/tmp/never.png", &d), CX_EUSAGE);
    cx_dl_free(dl);
}

/* ---- the PDF side ------------------------------------------------------------ */

typedef struct pdf_doc { HPDF_Doc pdf; HPDF_Font font[4]; } pdf_doc;

static void pdf_open(pdf_doc *p)
{
    p->pdf = HPDF_New(NULL, NULL);
    assert_non_null(p->pdf);
    HPDF_UseUTFEncodings(p->pdf);
    HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
    for (int i = 0; i < 4; i++) {
        const char *name = HPDF_LoadTTFontFromFile(p->pdf, cxt_font_files[i], HPDF_TRUE);
        assert_non_null(name);
        p->font[i] = HPDF_GetFont(p->pdf, name, "UTF-8");
        assert_non_null(p->font[i]);
    }
}

static void pdf_page(pdf_doc *p, const cx_dl *dl)
{
    HPDF_Page page = HPDF_AddPage(p->pdf);
    HPDF_Page_SetWidth(page, (HPDF_REAL)dl->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)dl->height);
    cx_pdf_draw_dl(p->pdf, page, p->font, dl, 0, dl->height);
}

static bool run(const char *cmd)
{
    return system(cmd) == 0;
}

typedef struct parity { double mean, share, blurred; } parity;

/* Luma-free channel access: byte k (0 = blue .. 2 = red) of pixel (x, y). */
static int px(cairo_surface_t *s, int x, int y, int k)
{
    const unsigned char *p = cairo_image_surface_get_data(s);
    uint32_t u;
    memcpy(&u, p + (size_t)y * cairo_image_surface_get_stride(s) + 4 * (size_t)x, 4);
    return (int)((u >> (8 * k)) & 0xFF);
}

/* 5×5 box blur of channel k over a w×h area, via a summed-area table. */
static double *blur(cairo_surface_t *s, int w, int h, int k)
{
    double *sat = calloc((size_t)(w + 1) * (h + 1), sizeof *sat);
    double *out = malloc((size_t)w * h * sizeof *out);
    assert_non_null(sat);
    assert_non_null(out);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            sat[(size_t)(y + 1) * (w + 1) + x + 1] =
                px(s, x, y, k) + sat[(size_t)y * (w + 1) + x + 1] +
                sat[(size_t)(y + 1) * (w + 1) + x] - sat[(size_t)y * (w + 1) + x];
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int x0 = x < 2 ? 0 : x - 2, x1 = x + 3 > w ? w : x + 3;
            int y0 = y < 2 ? 0 : y - 2, y1 = y + 3 > h ? h : y + 3;
            double sum = sat[(size_t)y1 * (w + 1) + x1] - sat[(size_t)y0 * (w + 1) + x1] -
                         sat[(size_t)y1 * (w + 1) + x0] + sat[(size_t)y0 * (w + 1) + x0];
            out[(size_t)y * w + x] = sum / ((x1 - x0) * (y1 - y0));
        }
    free(sat);
    return out;
}

/* Compares two images (RGB24/ARGB32) over their common area:
 *   mean    mean absolute difference per pixel and channel, 0..255;
 *   share   share of pixels with some channel differing by more than 64;
 *   blurred the same share after a 5×5 box blur of both images, which
 *           forgives antialiasing and sub-pixel glyph placement (Cairo 1.16
 *           puts glyphs on whole pixels, poppler on quarter pixels) but not
 *           a mark or a text run that moved by a point (2 px) or more. */
static parity pixel_diff(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    int w2 = cairo_image_surface_get_width(b), h2 = cairo_image_surface_get_height(b);
    w = w < w2 ? w : w2;
    h = h < h2 ? h : h2;
    double sum = 0;
    long big = 0, bigb = 0;
    unsigned char *over = calloc((size_t)w * h, 1), *overb = calloc((size_t)w * h, 1);
    assert_non_null(over);
    assert_non_null(overb);
    for (int k = 0; k < 3; k++) {
        double *ba = blur(a, w, h, k), *bb = blur(b, w, h, k);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int d = abs(px(a, x, y, k) - px(b, x, y, k));
                sum += d;
                if (d > 64)
                    over[(size_t)y * w + x] = 1;
                if (fabs(ba[(size_t)y * w + x] - bb[(size_t)y * w + x]) > 48)
                    overb[(size_t)y * w + x] = 1;
            }
        free(ba);
        free(bb);
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        big += over[i];
        bigb += overb[i];
    }
    free(over);
    free(overb);
    return (parity){ sum / (3.0 * w * h), (double)big / ((double)w * h),
                     (double)bigb / ((double)w * h) };
}

static void pdf_page_and_png_agree_for_every_kind(void **state)
{
    world *w = *state;
    pdf_doc p;
    cx_dl *dl[NKINDS];
    char pdfpath[128], cmd[512], png[160];
    cx_diag d = { 0 };
    pdf_open(&p);
    for (size_t i = 0; i < NKINDS; i++) {
        dl[i] = build(w, all_kinds[i]);
        pdf_page(&p, dl[i]);
    }
    snprintf(pdfpath, sizeof pdfpath, "%s/charts.pdf", w->dir);
    assert_int_equal(HPDF_SaveToFile(p.pdf, pdfpath), HPDF_OK);
    HPDF_Free(p.pdf);
    for (size_t i = 0; i < NKINDS; i++) {
        snprintf(cmd, sizeof cmd,
                 "pdftoppm -r 144 -png -f %zu -l %zu -singlefile '%s' '%s/page%zu' 2>/dev/null",
                 i + 1, i + 1, pdfpath, w->dir, i + 1);
        assert_true(run(cmd));
        snprintf(png, sizeof png, "%s/cairo%zu.png", w->dir, i + 1);
        assert_int_equal(cx_raster_png(dl[i], &w->rf, 2, png, &d), CX_OK);
        cairo_surface_t *a = cairo_image_surface_create_from_png(png);
        snprintf(png, sizeof png, "%s/page%zu.png", w->dir, i + 1);
        cairo_surface_t *b = cairo_image_surface_create_from_png(png);
        assert_int_equal(cairo_surface_status(a), CAIRO_STATUS_SUCCESS);
        assert_int_equal(cairo_surface_status(b), CAIRO_STATUS_SUCCESS);
        int dw = abs(cairo_image_surface_get_width(a) - cairo_image_surface_get_width(b));
        int dh = abs(cairo_image_surface_get_height(a) - cairo_image_surface_get_height(b));
        assert_true(dw <= 1 && dh <= 1);
        parity pd = pixel_diff(a, b);
        print_message("parity %-13s mean |diff| %.2f, pixels > 64: %.2f%%, "
                      "after 5x5 blur > 48: %.3f%%\n",
                      kind_slug(all_kinds[i]), pd.mean, pd.share * 100, pd.blurred * 100);
        assert_true(pd.mean < PARITY_MEAN_MAX);
        assert_true(pd.share < PARITY_SHARE_MAX);
        assert_true(pd.blurred < PARITY_BLURRED_MAX);
        cairo_surface_destroy(a);
        cairo_surface_destroy(b);
        cx_dl_free(dl[i]);
    }
}

/* Red at alpha 0x80 over opaque blue: 128/255 of red, the rest blue, i.e.
 * (255·128/255, 0, 255·127/255) = (128, 0, 127) in both renderers. */
static void translucent_fills_blend_alike_in_pdf_and_png(void **state)
{
    world *w = *state;
    cx_dl *dl = cx_dl_new(100, 100);
    cx_dl_rect(dl, 0, 0, 100, 100);
    cx_dl_style blue = { .fill = CX_RGB(0x0000FF) };
    cx_dl_paint(dl, &blue, CX_DL_ROLE_NONE, -1, -1);
    cx_dl_rect(dl, 25, 25, 50, 50);
    cx_dl_style red = { .fill = 0xFF000080u };
    cx_dl_paint(dl, &red, CX_DL_ROLE_NONE, -1, -1);
    assert_true(cx_dl_ok(dl));
    pdf_doc p;
    char pdfpath[128], cmd[400], png[160];
    cx_diag d = { 0 };
    pdf_open(&p);
    pdf_page(&p, dl);
    snprintf(pdfpath, sizeof pdfpath, "%s/alpha.pdf", w->dir);
    assert_int_equal(HPDF_SaveToFile(p.pdf, pdfpath), HPDF_OK);
    HPDF_Free(p.pdf);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 144 -png -singlefile '%s' '%s/alpha' 2>/dev/null",
             pdfpath, w->dir);
    assert_true(run(cmd));
    snprintf(png, sizeof png, "%s/alpha.png", w->dir);
    cairo_surface_t *a = cairo_image_surface_create_from_png(png);
    snprintf(png, sizeof png, "%s/alpha_cairo.png", w->dir);
    assert_int_equal(cx_raster_png(dl, &w->rf, 2, png, &d), CX_OK);
    cairo_surface_t *b = cairo_image_surface_create_from_png(png);
    cairo_surface_t *img[2] = { a, b };
    for (int i = 0; i < 2; i++) {
        assert_int_equal(cairo_surface_status(img[i]), CAIRO_STATUS_SUCCESS);
        assert_true(abs(px(img[i], 100, 100, 2) - 128) <= 3);   /* red */
        assert_true(abs(px(img[i], 100, 100, 1) - 0) <= 3);     /* green */
        assert_true(abs(px(img[i], 100, 100, 0) - 127) <= 3);   /* blue */
        assert_true(abs(px(img[i], 10, 10, 0) - 255) <= 3);     /* outside: blue */
        cairo_surface_destroy(img[i]);
    }
    cx_dl_free(dl);
}

/* Reads a command's standard output (at most 1 MB). */
static char *slurp(const char *cmd)
{
    FILE *f = popen(cmd, "r");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    if (buf)
        n = fread(buf, 1, cap, f);
    pclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static void pdftotext_finds_the_chart_text(void **state)
{
    world *w = *state;
    pdf_doc p;
    char pdfpath[128], cmd[300];
    pdf_open(&p);
    cx_dl *bar = build(w, CX_CHART_BAR), *radar = build(w, CX_CHART_RADAR);
    pdf_page(&p, bar);
    pdf_page(&p, radar);
    snprintf(pdfpath, sizeof pdfpath, "%s/text.pdf", w->dir);
    assert_int_equal(HPDF_SaveToFile(p.pdf, pdfpath), HPDF_OK);
    HPDF_Free(p.pdf);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", pdfpath);
    char *txt = slurp(cmd);
    assert_non_null(txt);
    assert_non_null(strstr(txt, "Net Promoter Score by vendor"));
    assert_non_null(strstr(txt, "Northwind Analytics"));
    assert_non_null(strstr(txt, "Industry average 21.2"));
    assert_non_null(strstr(txt, "Vertex Systems"));
    assert_non_null(strstr(txt, "\xE2\x88\x92" "8"));          /* −8, true minus */
    assert_non_null(strstr(txt, "Consolidated International"));
    assert_non_null(strstr(txt, "\xE2\x80\xA6"));             /* its ellipsis */
    assert_non_null(strstr(txt, "Customer insight"));
    assert_non_null(strstr(txt, "72 (median 63)"));
    free(txt);
    cx_dl_free(bar);
    cx_dl_free(radar);
}

static void pdf_chart_output_is_byte_identical_across_runs(void **state)
{
    world *w = *state;
    HPDF_BYTE *bytes[2];
    HPDF_UINT32 len[2];
    for (int r = 0; r < 2; r++) {
        pdf_doc p;
        pdf_open(&p);
        cx_dl *dl = build(w, CX_CHART_SCATTER);
        pdf_page(&p, dl);
        cx_dl_free(dl);
        assert_int_equal(HPDF_SaveToStream(p.pdf), HPDF_OK);
        len[r] = HPDF_GetStreamSize(p.pdf);
        bytes[r] = malloc(len[r]);
        assert_non_null(bytes[r]);
        HPDF_UINT32 got = len[r];
        assert_int_equal(HPDF_ReadFromStream(p.pdf, bytes[r], &got), HPDF_OK);
        HPDF_Free(p.pdf);
    }
    assert_int_equal(len[0], len[1]);
    assert_memory_equal(bytes[0], bytes[1], len[0]);
    free(bytes[0]);
    free(bytes[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_export_is_byte_identical_across_renders),
        cmocka_unit_test(svg_export_is_byte_identical_across_renders),
        cmocka_unit_test(svg_is_sized_in_points),
        cmocka_unit_test(png_at_scale_2_has_twice_the_points_in_pixels),
        cmocka_unit_test(a_missing_font_is_an_output_error),
        cmocka_unit_test(an_unwritable_path_is_an_output_error),
        cmocka_unit_test(pdf_page_and_png_agree_for_every_kind),
        cmocka_unit_test(translucent_fills_blend_alike_in_pdf_and_png),
        cmocka_unit_test(pdftotext_finds_the_chart_text),
        cmocka_unit_test(pdf_chart_output_is_byte_identical_across_runs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
