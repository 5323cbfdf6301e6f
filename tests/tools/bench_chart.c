/*
 * bench_chart.c — `make bench`'s chart figure: a 62-bar vendor ranking
 * laid out (cx_chart_build) and drawn into a PDF page (the libharu
 * renderer), fonts loaded beforehand; prints the median of 201 runs.
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../unit/chart_fixture.h"
#include "../../src/render/pdf_chart.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    enum { RUNS = 201 };
    cxt_fonts fonts;
    if (!cxt_fonts_open(&fonts)) {
        fprintf(stderr, "bench_chart: cannot open the DejaVu fonts\n");
        return 1;
    }
    cx_chart_env env;
    cxt_env(&fonts, &env);
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    if (!pdf)
        return 1;
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_Font font[4];
    for (int i = 0; i < 4; i++)
        font[i] = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, cxt_font_files[i], HPDF_TRUE),
                               "UTF-8");
    cx_chart_spec spec;
    cxt_spec(CX_CHART_BAR, &spec);
    static double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        cx_dl *dl = NULL;
        cx_diag d;
        double t0 = now_ms();
        if (cx_chart_build(&spec, &env, &dl, &d) != CX_OK) {
            fprintf(stderr, "bench_chart: %s\n", d.message);
            return 1;
        }
        cx_pdf_draw_dl(pdf, page, font, dl, 56.69, 841.89 - 56.69);
        t[r] = now_ms() - t0;
        cx_dl_free(dl);
    }
    HPDF_Free(pdf);
    cxt_fonts_close(&fonts);
    qsort(t, RUNS, sizeof t[0], cmp_double);
    printf("%.3f %.3f %.3f\n", t[RUNS / 2], t[0], t[RUNS - 1]);
    return 0;
}
