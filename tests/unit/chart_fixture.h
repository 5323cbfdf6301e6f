/*
 * chart_fixture.h — what the chart tests share: a small FreeType text
 * measurer over the DejaVu Sans files (the same files the PDF embeds and
 * Cairo draws with), and one sample spec per chart kind with made-up but
 * plausible survey numbers.
 *
 * Test-only.  The measurer uses unhinted advance widths (FT_LOAD_NO_SCALE),
 * which is what libharu and Cairo (hint metrics off) place glyphs by.
 */
#ifndef CX_CHART_FIXTURE_H
#define CX_CHART_FIXTURE_H

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cxreport/chart.h"

#define CXT_FONT_DIR "/usr/share/fonts/truetype/dejavu/"

static const char *const cxt_font_files[4] = {
    CXT_FONT_DIR "DejaVuSans.ttf",
    CXT_FONT_DIR "DejaVuSans-Bold.ttf",
    CXT_FONT_DIR "DejaVuSans-Oblique.ttf",
    CXT_FONT_DIR "DejaVuSans-BoldOblique.ttf",
};

typedef struct cxt_fonts {
    FT_Library lib;
    FT_Face face[4];
    double upem[4];
    double ascii[4][128];       /* advances of ASCII, font units */
} cxt_fonts;

static inline bool cxt_fonts_open(cxt_fonts *f)
{
    memset(f, 0, sizeof *f);
    if (FT_Init_FreeType(&f->lib))
        return false;
    for (int i = 0; i < 4; i++) {
        if (FT_New_Face(f->lib, cxt_font_files[i], 0, &f->face[i]))
            return false;
        f->upem[i] = f->face[i]->units_per_EM;
        for (int ch = 32; ch < 128; ch++) {
            FT_Fixed adv = 0;
            FT_Get_Advance(f->face[i], FT_Get_Char_Index(f->face[i], (FT_ULong)ch),
                           FT_LOAD_NO_SCALE, &adv);
            f->ascii[i][ch] = (double)adv;
        }
    }
    return true;
}

static inline void cxt_fonts_close(cxt_fonts *f)
{
    for (int i = 0; i < 4; i++)
        if (f->face[i])
            FT_Done_Face(f->face[i]);
    if (f->lib)
        FT_Done_FreeType(f->lib);
}

static inline double cxt_measure(void *ctx, int face, double size, const char *s, size_t len)
{
    cxt_fonts *f = ctx;
    if (face < 0 || face > 3)
        face = 0;
    FT_Face fc = f->face[face];
    double units = 0;
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        unsigned long cp = *p;
        int n = cp < 0x80 ? 0 : cp < 0xE0 ? 1 : cp < 0xF0 ? 2 : 3;
        if (n)
            cp &= 0x3Fu >> n;
        p++;
        for (int i = 0; i < n && p < e; i++)
            cp = (cp << 6) | (*p++ & 0x3F);
        if (cp >= 32 && cp < 128) {
            units += f->ascii[face][cp];
        } else {
            FT_Fixed adv = 0;
            FT_Get_Advance(fc, FT_Get_Char_Index(fc, cp), FT_LOAD_NO_SCALE, &adv);
            units += (double)adv;
        }
    }
    return units * size / f->upem[face];
}

/* cmocka 1.1 compares floats only; doubles need their own check. */
#ifdef fail_msg
#define assert_near(a, b, eps)                                                       \
    do {                                                                             \
        double a_ = (a), b_ = (b);                                                   \
        if (!(fabs(a_ - b_) <= (eps)))                                               \
            fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_, (double)(eps)); \
    } while (0)
#endif

static inline void cxt_env(cxt_fonts *f, cx_chart_env *env)
{
    cx_chart_env_default(env);
    env->measure = cxt_measure;
    env->measure_ctx = f;
}

/* ---- sample data --------------------------------------------------------- */

static const char *const cxt_vendors[62] = {
    "Acme Cloud", "Borealis Systems", "Cobalt Software", "Delta Networks", "Everpine",
    "Fjord Data", "Granite Labs", "Helix IT Services", "Ion Dynamics", "Juniper Works",
    "Kestrel Security", "Lumen Analytics", "Meridian Group", "Nimbus Hosting",
    "Orchard Solutions", "Pioneer Digital", "Quartz Consulting", "Northwind Analytics",
    "Redwood Integration", "Summit Platforms",
    "Consolidated International Enterprise Software Holdings", "Tidal Networks",
    "Umbra Storage", "Vertex Systems", "Willow Technologies", "Xenon Data", "Yarrow Soft",
    "Zephyr Cloud", "Alder & Finch", "Beacon Ops", "Cascade IT", "Driftwood",
    "Ember Labs", "Falcon Infrastructure", "Glacier Compute", "Harbor Systems",
    "Indigo Networks", "Jasper Digital", "Keystone Services", "Lattice Software",
    "Maple Data Centres", "Nova Integration", "Onyx Security", "Prism Analytics",
    "Quill Consulting", "Raven Managed Services", "Sable Cloud", "Thistle IT",
    "Upland Tech", "Vantage Point", "Wren Software", "Axis Outsourcing", "Birch Systems",
    "Crescent Data", "Dune Networks", "Echo Platforms", "Flint Services", "Grove IT",
    "Hollow Creek Software", "Iris Hosting", "Jade Systems", "Kite Digital",
};

/* NPS per vendor in input (alphabet-ish) order: integers from -8 to 54,
 * scattered so that sorting has work to do. */
static const double cxt_nps62[62] = {
    31, 12, 44, 27, -3, 19, 8, 36, 22, 15, 41, 25, 5, 33, 17, 29, 11, 38, 2, 47,
    23, 14, 35, -8, 26, 9, 30, 20, 54, 18, 39, 6, 28, 13, 43, 24, 1, 34, 16, 21,
    10, 40, 32, -1, 37, 7, 45, 3, 26, 50, 14, 29, 19, 4, 42, 23, 11, 36, 0, 31,
    -5, 22,
};
#define CXT_CLIENT 17           /* Northwind Analytics, NPS 38 */
#define CXT_INDUSTRY_AVG 21.2

static const char *const cxt_competencies[6] = {
    "Strategy", "Customer insight", "Experience design", "Governance", "Culture",
    "Metrics & ROI",
};

static const char *const cxt_years[5] = { "2012", "2013", "2014", "2015", "2016" };

/* Fills spec (and the arrays it points to, which live in static storage)
 * with the sample of a kind. */
static inline void cxt_spec(cx_chart_kind kind, cx_chart_spec *s)
{
    static cx_chart_series ser[4];
    static cx_chart_ref refs[2];
    static size_t hl[2];
    static const double b2b[6] = { 62, 48, 55, 41, 58, 37 };
    static const double b2c[6] = { 57, 52, 49, 45, 51, 33 };
    static const double prom[12] = { 48, 35, 52, 30, 41, 38, 55, 28, 44, 33, 39, 46 };
    static const double pass[12] = { 32, 40, 30, 38, 36, 37, 29, 41, 33, 39, 35, 31 };
    static const double detr[12] = { 20, 25, 18, 32, 23, 25, 16, 31, 23, 28, 26, 23 };
    static const double l1[5] = { 18, 22, 27, 31, 38 }, l2[5] = { 25, 24, 26, 23, 21 };
    static const double l3[5] = { 9, 14, 13, 19, 24 }, l4[5] = { 30, 28, 33, 35, 34 };
    static const double sx[20] = { 7.1, 7.8, 6.5, 8.2, 7.4, 6.9, 8.6, 7.7, 6.2, 7.9,
                                   8.0, 7.2, 6.8, 8.4, 7.5, 6.6, 7.0, 8.1, 7.3, 7.6 };
    static const double sy[20] = { 16, 35, 11, 38, 31, 9, 52, 22, 6, 41,
                                   33, 28, 3, 47, 24, 14, 25, 39, 18, 36 };
    static const double dv[15] = { 38, 31, 22, 47, 12, 27, 35, 5, 19, 42, 29, 15, 33, 24, 9 };
    static double dlo[15], dhi[15];
    static const double dse[15] = { 6, 5, 7, 4, 8, 6, 5, 9, 6, 4, 7, 8, 5, 6, 7 };
    static const double rc[6] = { 72, 58, 64, 45, 69, 51 }, rm[6] = { 63, 60, 55, 52, 58, 47 };
    static const double rq1[6] = { 54, 51, 47, 43, 50, 39 }, rq3[6] = { 71, 68, 63, 61, 66, 56 };
    static const double dist[5] = { 12, 31, 34, 17, 6 };
    static const double hm[4][6] = { { 62, 48, 55, 41, 58, 37 },
                                     { 57, 52, 49, 45, 51, 33 },
                                     { 44, 39, 61, 36, 47, 29 },
                                     { 70, 58, 52, 49, 63, 44 } };
    static const char *const levels[5] = { "Level 1 Initial", "Level 2 Developing",
                                           "Level 3 Defined", "Level 4 Managed",
                                           "Level 5 Optimised" };
    static const char *const kf[4] = { "NPS", "Satisfaction (0-100)", "Retention intent %",
                                       "Effort score" };
    static const double kv[4] = { 38, 74, 81, 62 }, km[4] = { 24, 70, 76, 66 };
    static const double kq1[4] = { 12, 63, 69, 58 }, kq3[4] = { 33, 77, 84, 71 };
    static const char *const segs[4] = { "B2B", "B2C", "Public sector", "SMB" };
    /* Promoters, passives, detractors: Okabe–Ito green, grey, vermillion. */
    static const cx_rgba nps_palette[3] = { CX_RGB(0x009E73), CX_RGB(0xBBBBBB),
                                            CX_RGB(0xD55E00) };
    memset(s, 0, sizeof *s);
    memset(ser, 0, sizeof ser);
    s->kind = kind;
    s->series = ser;
    switch (kind) {
    case CX_CHART_BAR:
        s->title = "Net Promoter Score by vendor";
        s->x_title = "NPS";
        s->y_title = "Vendor";
        s->noun = "vendors";
        s->horizontal = true;
        s->sort = CX_SORT_DESC;
        s->ncategories = 62;
        s->categories = cxt_vendors;
        s->nseries = 1;
        ser[0] = (cx_chart_series){ .name = "NPS", .n = 62, .values = cxt_nps62 };
        hl[0] = CXT_CLIENT;
        s->nhighlight = 1;
        s->highlight = hl;
        refs[0] = (cx_chart_ref){ CXT_INDUSTRY_AVG, "Industry average", 1 };
        s->nrefs = 1;
        s->refs = refs;
        break;
    case CX_CHART_GROUPED:
        s->title = "Competency scores, B2B and B2C";
        s->y_title = "Score (0-100)";
        s->ncategories = 6;
        s->categories = cxt_competencies;
        s->nseries = 2;
        ser[0] = (cx_chart_series){ .name = "B2B", .n = 6, .values = b2b };
        ser[1] = (cx_chart_series){ .name = "B2C", .n = 6, .values = b2c };
        break;
    case CX_CHART_STACKED:
    case CX_CHART_STACKED100:
        s->title = "Promoters, passives and detractors";
        s->horizontal = true;
        s->sort = CX_SORT_DESC;
        s->ncategories = 12;
        s->categories = cxt_vendors;
        s->nseries = 3;
        ser[0] = (cx_chart_series){ .name = "Promoters", .n = 12, .values = prom };
        ser[1] = (cx_chart_series){ .name = "Passives", .n = 12, .values = pass };
        ser[2] = (cx_chart_series){ .name = "Detractors", .n = 12, .values = detr };
        hl[0] = 5;
        s->nhighlight = 1;
        s->highlight = hl;
        s->npalette = 3;
        s->palette = nps_palette;
        break;
    case CX_CHART_LINE:
        s->title = "NPS over time";
        s->y_title = "NPS";
        s->ncategories = 5;
        s->categories = cxt_years;
        s->nseries = 4;
        ser[0] = (cx_chart_series){ .name = "Northwind Analytics", .n = 5, .values = l1 };
        ser[1] = (cx_chart_series){ .name = "Industry average", .n = 5, .values = l2 };
        ser[2] = (cx_chart_series){ .name = "Granite Labs", .n = 5, .values = l3 };
        ser[3] = (cx_chart_series){ .name = "Cobalt Software", .n = 5, .values = l4 };
        break;
    case CX_CHART_SCATTER:
        s->title = "Satisfaction and NPS";
        s->x_title = "Satisfaction (mean, 0-10)";
        s->y_title = "NPS";
        s->ncategories = 20;
        s->categories = cxt_vendors;
        s->nseries = 1;
        ser[0] = (cx_chart_series){ .name = "Vendors", .n = 20, .values = sy, .x = sx };
        s->fit_line = true;
        hl[0] = CXT_CLIENT;
        s->nhighlight = 1;
        s->highlight = hl;
        break;
    case CX_CHART_DOT:
        s->title = "NPS with 95% confidence interval";
        s->x_title = "NPS";
        s->horizontal = true;
        s->sort = CX_SORT_DESC;
        s->ncategories = 15;
        s->categories = cxt_vendors;
        s->nseries = 1;
        for (int i = 0; i < 15; i++) {
            dlo[i] = dv[i] - 1.96 * dse[i];
            dhi[i] = dv[i] + 1.96 * dse[i];
        }
        ser[0] = (cx_chart_series){ .name = "NPS", .n = 15, .values = dv, .lo = dlo, .hi = dhi };
        hl[0] = 7;
        s->nhighlight = 1;
        s->highlight = hl;
        refs[0] = (cx_chart_ref){ 26.5, "Average", 1 };
        s->nrefs = 1;
        s->refs = refs;
        break;
    case CX_CHART_RADAR:
        s->title = "CX maturity by competency";
        s->ncategories = 6;
        s->categories = cxt_competencies;
        s->nseries = 2;
        ser[0] = (cx_chart_series){ .name = "Northwind Analytics", .n = 6, .values = rc };
        ser[1] = (cx_chart_series){ .name = "Benchmark median", .n = 6, .values = rm,
                                    .lo = rq1, .hi = rq3 };
        s->min = 0;
        s->max = 100;
        break;
    case CX_CHART_DISTRIBUTION:
        s->title = "Organisations by maturity level";
        s->y_title = "Share of organisations";
        s->ncategories = 5;
        s->categories = levels;
        s->nseries = 1;
        ser[0] = (cx_chart_series){ .name = "Share", .n = 5, .values = dist };
        s->format.suffix = "%";
        hl[0] = 2;
        s->nhighlight = 1;
        s->highlight = hl;
        s->marker_label = "Northwind Analytics";
        break;
    case CX_CHART_HEATMAP:
        s->title = "Competency scores by segment";
        s->ncategories = 6;
        s->categories = cxt_competencies;
        s->nseries = 4;
        for (int j = 0; j < 4; j++)
            ser[j] = (cx_chart_series){ .name = segs[j], .n = 6, .values = hm[j] };
        break;
    case CX_CHART_BULLET:
    case CX_CHART_GAUGE:
        s->title = "Key figures against peers";
        s->ncategories = kind == CX_CHART_GAUGE ? 3 : 4;
        s->categories = kf;
        s->nseries = 2;
        ser[0] = (cx_chart_series){ .name = "Northwind Analytics", .n = s->ncategories,
                                    .values = kv };
        ser[1] = (cx_chart_series){ .name = "Peers", .n = s->ncategories, .values = km,
                                    .lo = kq1, .hi = kq3 };
        s->min = kind == CX_CHART_GAUGE ? 0 : -20;
        s->max = 100;
        break;
    }
}

#endif
