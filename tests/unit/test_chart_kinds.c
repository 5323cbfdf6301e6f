/*
 * test_chart_kinds.c — what each chart kind puts into its display list,
 * the errors bad input gets, and the text alternative.
 *
 * The sample specs come from chart_fixture.h.  Expected orders, positions
 * and numbers are derived here from the sample data, independently of the
 * chart code: e.g. the ranking order by our own sort, the reference line's
 * x by interpolating between the zero line and a bar of known value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_fixture.h"

#define MINUS "\xE2\x88\x92"
#define ELLIPSIS "\xE2\x80\xA6"

typedef struct world { cxt_fonts fonts; cx_chart_env env; } world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w || !cxt_fonts_open(&w->fonts))
        return -1;
    cxt_env(&w->fonts, &w->env);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    cxt_fonts_close(&w->fonts);
    free(w);
    return 0;
}

static cx_dl *build_spec(world *w, const cx_chart_spec *s)
{
    cx_dl *dl = NULL;
    cx_diag d = { 0 };
    if (cx_chart_build(s, &w->env, &dl, &d))
        fail_msg("build failed: %s", d.message);
    return dl;
}

static cx_dl *build(world *w, cx_chart_kind k)
{
    cx_chart_spec s;
    cxt_spec(k, &s);
    return build_spec(w, &s);
}

static size_t count_role(const cx_dl *dl, cx_dl_role role)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->nitems; i++)
        n += dl->items[i].role == role;
    return n;
}

static const cx_dl_item *find(const cx_dl *dl, cx_dl_role role, int series, int index)
{
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role == role && (series < -1 || it->series == series) && it->index == index)
            return it;
    }
    return NULL;
}

typedef struct box { double x0, y0, x1, y1; } box;

/* Bounding box of a path's on-curve points. */
static box path_box(const cx_dl *dl, const cx_dl_item *it)
{
    box b = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    const cx_dl_point *p = dl->pts + it->path.pt0;
    for (uint32_t i = 0; i < it->path.nops; i++) {
        int op = dl->ops[it->path.op0 + i];
        int np = op == CX_OP_CURVE ? 3 : op == CX_OP_CLOSE ? 0 : 1;
        if (np) {
            const cx_dl_point *q = &p[np - 1];
            b.x0 = fmin(b.x0, q->x);
            b.y0 = fmin(b.y0, q->y);
            b.x1 = fmax(b.x1, q->x);
            b.y1 = fmax(b.y1, q->y);
        }
        p += np;
    }
    return b;
}

/* The box a text run covers: advance width by ascent + descent. */
static box text_box(const world *w, const cx_dl_item *it)
{
    const cx_dl_text *t = &it->text;
    double a = t->anchor == CX_ANCHOR_CENTER ? 0.5 : t->anchor == CX_ANCHOR_RIGHT ? 1 : 0;
    double asc = w->env.ascent * t->size, desc = w->env.descent * t->size;
    if (t->rotation == 90)
        return (box){ t->x - asc, t->y - (1 - a) * t->width, t->x + desc, t->y + a * t->width };
    return (box){ t->x - a * t->width, t->y - asc, t->x + (1 - a) * t->width, t->y + desc };
}

static bool boxes_overlap(box a, box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static bool has_mark(const cx_dl *dl)
{
    static const cx_dl_role marks[] = { CX_DL_ROLE_BAR, CX_DL_ROLE_SEGMENT, CX_DL_ROLE_LINE,
                                        CX_DL_ROLE_MARKER, CX_DL_ROLE_CELL, CX_DL_ROLE_BAND };
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (count_role(dl, marks[k]))
            return true;
    return false;
}

/* Every on-curve point and every text run lies in the chart box (half a
 * point of slack for rounding of the font's ascent). */
static void assert_inside(const world *w, const cx_dl *dl, const char *what)
{
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        box b;
        if (it->kind == CX_DL_PATH)
            b = path_box(dl, it);
        else if (it->kind == CX_DL_TEXT)
            b = text_box(w, it);
        else
            continue;
        if (b.x0 < -0.5 || b.y0 < -0.5 || b.x1 > dl->width + 0.5 || b.y1 > dl->height + 0.5)
            fail_msg("%s: item %zu (role %d, %s) at %.2f,%.2f..%.2f,%.2f leaves the %.2f x %.2f "
                     "box", what, i, (int)it->role,
                     it->kind == CX_DL_TEXT ? cx_dl_text_of(dl, it) : "path",
                     b.x0, b.y0, b.x1, b.y1, dl->width, dl->height);
    }
}

/* ---- the ranking ------------------------------------------------------------ */

static void ranking_of_62_vendors_has_62_bars_in_descending_order(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    /* Our own order: by NPS descending, ties in input order (insertion sort). */
    size_t order[62];
    for (size_t i = 0; i < 62; i++) {
        size_t j = i;
        while (j > 0 && cxt_nps62[order[j - 1]] < cxt_nps62[i])
            j--;
        memmove(order + j + 1, order + j, (i - j) * sizeof *order);
        order[j] = i;
    }
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAR), 62);
    size_t k = 0;
    double last_y = -1;
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_BAR)
            continue;
        assert_int_equal(it->index, (int)order[k]);
        box b = path_box(dl, it);
        assert_true(b.y0 > last_y);         /* each bar below the one before */
        last_y = b.y0;
        k++;
    }
    /* The top bar is Alder & Finch (index 28, NPS 54), the last Vertex
     * Systems (index 23, NPS −8). */
    assert_int_equal(order[0], 28);
    assert_int_equal(order[61], 23);
    cx_dl_free(dl);
}

static double zero_x(const cx_dl *dl)
{
    const cx_dl_item *z = find(dl, CX_DL_ROLE_ZERO, -2, -1);
    assert_non_null(z);
    return dl->pts[z->path.pt0].x;
}

static void ranking_bars_grow_from_the_zero_line_negatives_to_the_left(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    double x0 = zero_x(dl);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_BAR)
            continue;
        box b = path_box(dl, it);
        double v = cxt_nps62[it->index];
        if (v < 0) {
            assert_near(b.x1, x0, 1e-9);
            assert_true(b.x0 < x0);
        } else {
            assert_near(b.x0, x0, 1e-9);
        }
    }
    /* Lengths are proportional to values: −8 is 8/54 of the top bar. */
    box top = path_box(dl, find(dl, CX_DL_ROLE_BAR, 0, 28));
    box neg = path_box(dl, find(dl, CX_DL_ROLE_BAR, 0, 23));
    assert_near((neg.x1 - neg.x0) / (top.x1 - top.x0), 8.0 / 54.0, 1e-9);
    cx_dl_free(dl);
}

static void reference_line_sits_at_the_industry_average(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    double x0 = zero_x(dl);
    box top = path_box(dl, find(dl, CX_DL_ROLE_BAR, 0, 28));      /* NPS 54 */
    double want = x0 + (top.x1 - x0) * CXT_INDUSTRY_AVG / 54.0;
    const cx_dl_item *ref = find(dl, CX_DL_ROLE_REF_LINE, -2, 0);
    assert_non_null(ref);
    box rb = path_box(dl, ref);
    assert_near(rb.x0, want, 1e-9);
    assert_near(rb.x1, want, 1e-9);
    const cx_dl_item *lab = find(dl, CX_DL_ROLE_REF_LABEL, -2, 0);
    assert_non_null(lab);
    assert_string_equal(cx_dl_text_of(dl, lab), "Industry average 21.2");
    /* The line is broken around value labels it would cross, never drawn
     * through one. */
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_VALUE_LABEL)
            continue;
        box tb = text_box(w, it);
        tb.y0 = it->text.y - w->env.cap_height * it->text.size;
        tb.y1 = it->text.y;
        const cx_dl_point *p = dl->pts + ref->path.pt0;
        for (uint32_t k = 0; k + 1 < ref->path.nops; k += 2) {
            box seg = { p[k].x - 0.01, fmin(p[k].y, p[k + 1].y), p[k].x + 0.01,
                        fmax(p[k].y, p[k + 1].y) };
            assert_false(boxes_overlap(seg, tb));
        }
    }
    cx_dl_free(dl);
}

static void the_client_bar_is_in_the_accent_colour_and_the_rest_neutral(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_BAR)
            continue;
        /* Okabe–Ito blue for the client, the env's neutral for the rest. */
        assert_int_equal(it->path.fill,
                         it->index == CXT_CLIENT ? CX_RGB(0x0072B2) : w->env.neutral);
    }
    const cx_dl_item *lab = find(dl, CX_DL_ROLE_CATEGORY_LABEL, -1, CXT_CLIENT);
    assert_int_equal(lab->text.face, CX_FACE_BOLD);
    cx_dl_free(dl);
}

static void brand_palette_colours_the_bars(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    static const cx_rgba brand[2] = { CX_RGB(0x7A1F5C), CX_RGB(0x1F7A5C) };
    cxt_spec(CX_CHART_BAR, &s);
    s.palette = brand;
    s.npalette = 2;
    cx_dl *dl = build_spec(w, &s);
    assert_int_equal(find(dl, CX_DL_ROLE_BAR, 0, CXT_CLIENT)->path.fill, CX_RGB(0x7A1F5C));
    cx_dl_free(dl);
}

static void value_labels_print_negatives_with_a_true_minus_left_of_the_bar(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    const cx_dl_item *v = find(dl, CX_DL_ROLE_VALUE_LABEL, 0, 23);
    assert_non_null(v);
    assert_string_equal(cx_dl_text_of(dl, v), MINUS "8");
    assert_int_equal(v->text.anchor, CX_ANCHOR_RIGHT);
    box bar = path_box(dl, find(dl, CX_DL_ROLE_BAR, 0, 23));
    assert_true(v->text.x < bar.x0);
    const cx_dl_item *p = find(dl, CX_DL_ROLE_VALUE_LABEL, 0, 28);
    assert_string_equal(cx_dl_text_of(dl, p), "54");
    cx_dl_free(dl);
}

static void a_long_vendor_name_is_cut_with_an_ellipsis_to_the_label_column(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BAR);
    const cx_dl_item *l = find(dl, CX_DL_ROLE_CATEGORY_LABEL, -1, 20);
    const char *t = cx_dl_text_of(dl, l);
    assert_true(strncmp(t, "Consolidated International", 26) == 0);
    assert_string_equal(t + strlen(t) - 3, ELLIPSIS);
    /* The label ends where the label column ends, left of every bar. */
    double x0 = zero_x(dl);
    box b = text_box(w, l);
    assert_true(b.x1 < x0);
    assert_true(b.x0 >= 0);
    cx_dl_free(dl);
}

static void a_ranking_without_room_for_its_bars_is_an_error_not_a_smudge(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cx_dl *dl = (cx_dl *)1;
    cx_diag d = { 0 };
    cxt_spec(CX_CHART_BAR, &s);
    s.height = 150;
    assert_int_equal(cx_chart_build(&s, &w->env, &dl, &d), CX_ESCRIPT);
    assert_null(dl);
    assert_non_null(strstr(d.message, "62 categories do not fit"));
}

static void vertical_bars_with_many_categories_turn_their_labels(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cxt_spec(CX_CHART_BAR, &s);
    s.horizontal = false;
    s.ncategories = 30;
    static cx_chart_series one;
    one = s.series[0];
    one.n = 30;
    s.series = &one;
    s.nhighlight = 0;
    cx_dl *dl = build_spec(w, &s);
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAR), 30);
    size_t rotated = 0;
    for (size_t i = 0; i < dl->nitems; i++)
        if (dl->items[i].role == CX_DL_ROLE_CATEGORY_LABEL && dl->items[i].text.rotation == 90)
            rotated++;
    assert_int_equal(rotated, 30);
    assert_inside(w, dl, "vertical bars");
    cx_dl_free(dl);
}

/* ---- the other kinds ----------------------------------------------------------- */

static void grouped_bars_give_each_series_its_colour_and_a_legend(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_GROUPED);
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAR), 12);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role == CX_DL_ROLE_BAR)
            assert_int_equal(it->path.fill, it->series == 0 ? CX_RGB(0x0072B2) : CX_RGB(0xE69F00));
    }
    const cx_dl_item *l0 = find(dl, CX_DL_ROLE_LEGEND_LABEL, 0, -1);
    const cx_dl_item *l1 = find(dl, CX_DL_ROLE_LEGEND_LABEL, 1, -1);
    assert_string_equal(cx_dl_text_of(dl, l0), "B2B");
    assert_string_equal(cx_dl_text_of(dl, l1), "B2C");
    /* The legend sits above every bar. */
    for (size_t i = 0; i < dl->nitems; i++)
        if (dl->items[i].role == CX_DL_ROLE_BAR)
            assert_true(path_box(dl, &dl->items[i]).y0 > text_box(w, l0).y1);
    cx_dl_free(dl);
}

static void stacked_100_bars_fill_the_axis_and_print_their_shares(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_STACKED100);
    assert_int_equal(count_role(dl, CX_DL_ROLE_SEGMENT), 36);
    double total[12] = { 0 }, y[12];
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_SEGMENT)
            continue;
        box b = path_box(dl, it);
        total[it->index] += b.x1 - b.x0;
        y[it->index] = b.y0;
    }
    for (int i = 1; i < 12; i++)
        assert_near(total[i], total[0], 1e-9);
    /* Every row totals 100, so the order is by promoters: 55 (Granite
     * Labs, 6), 52 (2), 48 (0), 46 (11), … 28 (7). */
    static const int order[12] = { 6, 2, 0, 11, 8, 4, 10, 5, 1, 9, 3, 7 };
    for (int r = 1; r < 12; r++)
        assert_true(y[order[r]] > y[order[r - 1]]);
    const cx_dl_item *v = find(dl, CX_DL_ROLE_VALUE_LABEL, 0, 6);
    assert_string_equal(cx_dl_text_of(dl, v), "55%");
    /* Passives are light grey: dark text; promoters green: the darker of
     * white and the text colour by contrast. */
    assert_int_equal(find(dl, CX_DL_ROLE_VALUE_LABEL, 1, 6)->text.color, w->env.text);
    cx_dl_free(dl);
}

static void a_stacked_bar_refuses_negative_parts(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cx_dl *dl;
    cx_diag d = { 0 };
    cxt_spec(CX_CHART_STACKED, &s);
    static double neg[12];
    static cx_chart_series ser[3];
    memcpy(ser, s.series, sizeof ser);
    memcpy(neg, ser[1].values, sizeof neg);
    neg[4] = -1;
    ser[1].values = neg;
    s.series = ser;
    assert_int_equal(cx_chart_build(&s, &w->env, &dl, &d), CX_ESCRIPT);
    assert_non_null(strstr(d.message, "stacked bars need values >= 0"));
}

static void line_chart_draws_each_series_with_end_labels_that_do_not_collide(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_LINE);
    assert_int_equal(count_role(dl, CX_DL_ROLE_LINE), 4);
    assert_int_equal(count_role(dl, CX_DL_ROLE_MARKER), 20);
    for (size_t i = 0; i < dl->nitems; i++)
        if (dl->items[i].role == CX_DL_ROLE_LINE)
            assert_int_equal(dl->items[i].path.nops, 5);
    double ys[4];
    for (int k = 0; k < 4; k++) {
        const cx_dl_item *e = find(dl, CX_DL_ROLE_END_LABEL, k, -1);
        assert_non_null(e);
        ys[k] = e->text.y;
    }
    assert_string_equal(cx_dl_text_of(dl, find(dl, CX_DL_ROLE_END_LABEL, 0, -1)),
                        "Northwind Analytics");
    for (int a = 0; a < 4; a++)
        for (int b = a + 1; b < 4; b++)
            assert_true(fabs(ys[a] - ys[b]) >= w->env.small_size - 1e-9);
    cx_dl_free(dl);
}

static void scatter_prints_its_fit_and_keeps_labels_apart(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cxt_spec(CX_CHART_SCATTER, &s);
    cx_dl *dl = build_spec(w, &s);
    /* r by the textbook formula
     *   (n Σxy − Σx Σy) / √((n Σx² − (Σx)²)(n Σy² − (Σy)²)). */
    const double *x = s.series[0].x, *y = s.series[0].values;
    double n = 20, sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 20; i++) {
        sx += x[i];
        sy += y[i];
        sxy += x[i] * y[i];
        sxx += x[i] * x[i];
        syy += y[i] * y[i];
    }
    double r = (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    char want[32];
    snprintf(want, sizeof want, "r = %.2f", r);
    const cx_dl_item *fit = find(dl, CX_DL_ROLE_FIT_LABEL, 0, -1);
    assert_non_null(fit);
    assert_non_null(strstr(cx_dl_text_of(dl, fit), want));
    assert_non_null(find(dl, CX_DL_ROLE_FIT_LINE, 0, -1));
    assert_int_equal(count_role(dl, CX_DL_ROLE_MARKER), 20);
    /* The client's label is placed, and no two labels overlap. */
    assert_non_null(find(dl, CX_DL_ROLE_POINT_LABEL, 0, CXT_CLIENT));
    for (size_t i = 0; i < dl->nitems; i++)
        for (size_t j = i + 1; j < dl->nitems; j++) {
            const cx_dl_item *a = &dl->items[i], *b = &dl->items[j];
            if (a->role != CX_DL_ROLE_POINT_LABEL || b->role != CX_DL_ROLE_POINT_LABEL)
                continue;
            box ba = text_box(w, a), bb = text_box(w, b);
            ba.y0 = a->text.y - w->env.cap_height * a->text.size;
            bb.y0 = b->text.y - w->env.cap_height * b->text.size;
            assert_false(boxes_overlap(ba, bb));
        }
    cx_dl_free(dl);
}

static void dot_plot_has_a_dot_and_an_interval_per_vendor(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_DOT);
    assert_int_equal(count_role(dl, CX_DL_ROLE_MARKER), 15);
    assert_int_equal(count_role(dl, CX_DL_ROLE_ERROR_BAR), 15);
    /* Interval of index 0: 38 ± 1.96·6 = 26.24..49.76; its whisker spans
     * (49.76 − 26.24)/(38 − 26.24) = 2 times the half below the dot. */
    const cx_dl_item *e = find(dl, CX_DL_ROLE_ERROR_BAR, 0, 0);
    const cx_dl_item *m = find(dl, CX_DL_ROLE_MARKER, 0, 0);
    box eb = path_box(dl, e), mb = path_box(dl, m);
    double cx = (mb.x0 + mb.x1) / 2;
    assert_near((eb.x1 - eb.x0) / (cx - eb.x0), 2.0, 1e-6);
    cx_dl_free(dl);
}

static void radar_draws_client_benchmark_and_an_even_odd_band(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_RADAR);
    assert_int_equal(count_role(dl, CX_DL_ROLE_MARKER), 6);
    assert_int_equal(count_role(dl, CX_DL_ROLE_LINE), 2);
    const cx_dl_item *band = find(dl, CX_DL_ROLE_BAND, 1, -1);
    assert_non_null(band);
    assert_true(band->path.even_odd);
    /* First spoke points up: the client's Strategy marker (72 of 0..100)
     * is straight above the centre, 72 % of the way to the 100 ring. */
    const cx_dl_item *m0 = find(dl, CX_DL_ROLE_MARKER, 0, 0);
    box b = path_box(dl, m0);
    assert_near((b.x0 + b.x1) / 2, dl->width / 2, 1e-6);
    cx_dl_free(dl);
}

static void distribution_marks_the_clients_level_above_its_column(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_DISTRIBUTION);
    const cx_dl_item *mark = find(dl, CX_DL_ROLE_HIGHLIGHT_MARK, 0, 2);
    const cx_dl_item *bar = find(dl, CX_DL_ROLE_BAR, 0, 2);
    assert_non_null(mark);
    box mb = path_box(dl, mark), bb = path_box(dl, bar);
    assert_true(mb.x0 >= bb.x0 && mb.x1 <= bb.x1);
    assert_true(mb.y1 < bb.y0);
    assert_string_equal(cx_dl_text_of(dl, find(dl, CX_DL_ROLE_HIGHLIGHT_LABEL, 0, 2)),
                        "Northwind Analytics");
    assert_string_equal(cx_dl_text_of(dl, find(dl, CX_DL_ROLE_VALUE_LABEL, 0, 2)), "34%");
    cx_dl_free(dl);
}

static void heat_map_colours_the_highest_cell_darkest(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_HEATMAP);
    assert_int_equal(count_role(dl, CX_DL_ROLE_CELL), 24);
    /* The highest value is 70 (Strategy, SMB: row 0, column 3), the
     * lowest 29 (Metrics & ROI, Public sector: row 5, column 2). */
    const cx_dl_item *hi = find(dl, CX_DL_ROLE_CELL, 3, 0), *lo = find(dl, CX_DL_ROLE_CELL, 2, 5);
    for (size_t i = 0; i < dl->nitems; i++) {
        const cx_dl_item *it = &dl->items[i];
        if (it->role != CX_DL_ROLE_CELL)
            continue;
        unsigned sum = ((it->path.fill >> 24) & 255) + ((it->path.fill >> 16) & 255) +
                       ((it->path.fill >> 8) & 255);
        unsigned shi = ((hi->path.fill >> 24) & 255) + ((hi->path.fill >> 16) & 255) +
                       ((hi->path.fill >> 8) & 255);
        unsigned slo = ((lo->path.fill >> 24) & 255) + ((lo->path.fill >> 16) & 255) +
                       ((lo->path.fill >> 8) & 255);
        assert_true(sum >= shi && sum <= slo);
    }
    assert_string_equal(cx_dl_text_of(dl, find(dl, CX_DL_ROLE_VALUE_LABEL, 3, 0)), "70");
    assert_true(count_role(dl, CX_DL_ROLE_LEGEND_KEY) >= 2);
    cx_dl_free(dl);
}

static void bullet_and_gauge_show_the_client_against_peer_quartiles(void **state)
{
    world *w = *state;
    cx_dl *dl = build(w, CX_CHART_BULLET);
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAR), 4);
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAND), 8);
    cx_dl_free(dl);
    dl = build(w, CX_CHART_GAUGE);
    assert_int_equal(count_role(dl, CX_DL_ROLE_BAR), 3);
    /* Dials are made of Bézier curves: the renderers see no arcs. */
    const cx_dl_item *b = find(dl, CX_DL_ROLE_BAR, 0, 0);
    size_t curves = 0;
    for (uint32_t i = 0; i < b->path.nops; i++)
        curves += dl->ops[b->path.op0 + i] == CX_OP_CURVE;
    assert_true(curves >= 2);
    cx_dl_free(dl);
}

static void every_kind_stays_inside_its_box_and_clips_to_it(void **state)
{
    world *w = *state;
    for (int k = CX_CHART_BAR; k <= CX_CHART_GAUGE; k++) {
        cx_dl *dl = build(w, (cx_chart_kind)k);
        char what[32];
        snprintf(what, sizeof what, "kind %d", k);
        assert_inside(w, dl, what);
        assert_int_equal(dl->items[0].kind, CX_DL_CLIP_PUSH);
        assert_near(dl->items[0].clip.w, dl->width, 0);
        assert_near(dl->items[0].clip.h, dl->height, 0);
        assert_int_equal(dl->items[dl->nitems - 1].kind, CX_DL_CLIP_POP);
        assert_true(has_mark(dl));
        /* The default width is the column width. */
        assert_near(dl->width, 481.89, 1e-9);
        cx_dl_free(dl);
    }
}

static void building_twice_gives_the_same_list(void **state)
{
    world *w = *state;
    for (int k = CX_CHART_BAR; k <= CX_CHART_GAUGE; k++) {
        cx_dl *a = build(w, (cx_chart_kind)k), *b = build(w, (cx_chart_kind)k);
        assert_int_equal(a->nitems, b->nitems);
        assert_int_equal(a->nops, b->nops);
        assert_int_equal(a->npts, b->npts);
        assert_int_equal(a->ntext, b->ntext);
        assert_memory_equal(a->ops, b->ops, a->nops);
        assert_memory_equal(a->pts, b->pts, a->npts * sizeof *a->pts);
        assert_memory_equal(a->text, b->text, a->ntext);
        assert_memory_equal(a->items, b->items, a->nitems * sizeof *a->items);
        cx_dl_free(a);
        cx_dl_free(b);
    }
}

/* ---- bad input --------------------------------------------------------------------- */

static void expect_error(world *w, const cx_chart_spec *s, cx_status want, const char *text)
{
    cx_dl *dl = (cx_dl *)1;
    cx_diag d = { 0 };
    cx_status st = cx_chart_build(s, &w->env, &dl, &d);
    if (st != want || !strstr(d.message, text))
        fail_msg("expected status %d with \"%s\", got %d: \"%s\"", want, text, st, d.message);
    assert_null(dl);
    assert_int_equal(d.status, want);
}

static void empty_data_is_a_script_error(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cxt_spec(CX_CHART_BAR, &s);
    s.ncategories = 0;
    expect_error(w, &s, CX_ESCRIPT, "no data");
    cxt_spec(CX_CHART_LINE, &s);
    s.nseries = 0;
    expect_error(w, &s, CX_ESCRIPT, "no data");
}

static void a_nan_value_is_a_script_error_naming_it(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    static double v[62];
    static cx_chart_series ser;
    cxt_spec(CX_CHART_BAR, &s);
    memcpy(v, cxt_nps62, sizeof v);
    v[5] = NAN;
    ser = s.series[0];
    ser.values = v;
    s.series = &ser;
    expect_error(w, &s, CX_ESCRIPT, "series 1 (\"NPS\"): value 6 is NaN");
    v[5] = INFINITY;
    expect_error(w, &s, CX_ESCRIPT, "infinite");
}

static void mismatched_lengths_are_a_script_error(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    static cx_chart_series ser[2];
    cxt_spec(CX_CHART_GROUPED, &s);
    memcpy(ser, s.series, sizeof ser);
    ser[1].n = 5;
    s.series = ser;
    expect_error(w, &s, CX_ESCRIPT, "series 2 (\"B2C\") has 5 values for 6 categories");
}

static void invalid_utf8_and_bad_indices_are_script_errors(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    static const char *cats[6];
    cxt_spec(CX_CHART_GROUPED, &s);
    memcpy(cats, s.categories, sizeof cats);
    cats[2] = "Caf\xE9";            /* Latin-1, not UTF-8 */
    s.categories = cats;
    expect_error(w, &s, CX_ESCRIPT, "category 3 is not valid UTF-8");
    cxt_spec(CX_CHART_BAR, &s);
    static const size_t bad[1] = { 62 };
    s.highlight = bad;
    expect_error(w, &s, CX_ESCRIPT, "highlight 63 is not one of the 62 categories");
    cxt_spec(CX_CHART_BAR, &s);
    s.title = "\xC3";
    expect_error(w, &s, CX_ESCRIPT, "title is not valid UTF-8");
}

static void kind_specific_limits_are_script_errors(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cxt_spec(CX_CHART_RADAR, &s);
    s.ncategories = 2;
    static cx_chart_series r2[2];
    memcpy(r2, s.series, sizeof r2);
    r2[0].n = r2[1].n = 2;
    s.series = r2;
    expect_error(w, &s, CX_ESCRIPT, "3 to 12 dimensions");

    cxt_spec(CX_CHART_SCATTER, &s);
    static const double same_x[20] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };
    static cx_chart_series sc;
    sc = s.series[0];
    sc.x = same_x;
    s.series = &sc;
    expect_error(w, &s, CX_ESCRIPT, "the x values do not vary");

    cxt_spec(CX_CHART_RADAR, &s);
    s.max = 50;                      /* the client scores 72 */
    expect_error(w, &s, CX_ESCRIPT, "outside the axis range");

    cxt_spec(CX_CHART_LINE, &s);
    s.ncategories = 1;
    static cx_chart_series l1;
    l1 = s.series[0];
    l1.n = 1;
    s.series = &l1;
    s.nseries = 1;
    expect_error(w, &s, CX_ESCRIPT, "at least 2 categories");

    cxt_spec(CX_CHART_GAUGE, &s);
    s.nseries = 1;
    expect_error(w, &s, CX_ESCRIPT, "takes two series");

    cxt_spec(CX_CHART_GROUPED, &s);
    static const cx_rgba one[1] = { CX_RGB(0x333333) };
    s.palette = one;
    s.npalette = 1;
    expect_error(w, &s, CX_ESCRIPT, "2 series but the palette has only 1 colours");
}

static void fixed_ranges_must_hold_the_bars_and_the_references(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cxt_spec(CX_CHART_GROUPED, &s);
    s.min = 10;                      /* bars start at 0, below the axis */
    s.max = 100;
    expect_error(w, &s, CX_ESCRIPT, "must include 0");
    cxt_spec(CX_CHART_LINE, &s);
    static const cx_chart_ref far[1] = { { 80, "Target", 0 } };
    s.refs = far;
    s.nrefs = 1;
    s.min = 0;
    s.max = 50;
    expect_error(w, &s, CX_ESCRIPT, "reference line 80 is outside the axis range 0..50");
    cxt_spec(CX_CHART_STACKED, &s);
    s.max = 60;                      /* every stack totals 100 */
    expect_error(w, &s, CX_ESCRIPT, "above the axis range");
}

static void no_measurer_is_an_internal_error(void **state)
{
    world *w = *state;
    cx_chart_spec s;
    cx_chart_env env = w->env;
    cx_dl *dl;
    cx_diag d = { 0 };
    env.measure = NULL;
    cxt_spec(CX_CHART_BAR, &s);
    assert_int_equal(cx_chart_build(&s, &env, &dl, &d), CX_EINTERNAL);
}

/* Odd but legal input never crashes and never gives a blank chart: it
 * draws inside the box, or it is refused with a message. */
static void odd_input_draws_inside_the_box_or_is_refused(void **state)
{
    world *w = *state;
    static const double widths[] = { 72, 150, 300, 481.89, 1200 };
    static const double heights[] = { 0, 60, 200, 900 };
    static double big[62], zero[62], neg[62];
    for (int i = 0; i < 62; i++) {
        big[i] = 1e12 * (i % 7 + 1);
        zero[i] = 0;
        neg[i] = -(double)(i + 1) * 0.01;
    }
    const double *vals[] = { NULL, big, zero, neg };
    static const char *longcats[62];
    static const char *const longname =
        "An extraordinarily long category name that no chart could ever show in full at any "
        "width a report page offers, repeated to be sure it overflows everything";
    for (int i = 0; i < 62; i++)
        longcats[i] = i % 3 ? longname : "";
    size_t ok = 0, refused = 0;
    for (int k = CX_CHART_BAR; k <= CX_CHART_GAUGE; k++)
        for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++)
            for (size_t hi = 0; hi < sizeof heights / sizeof heights[0]; hi++)
                for (size_t vi = 0; vi < 4; vi++)
                    for (int lc = 0; lc < 2; lc++) {
                        cx_chart_spec s;
                        cx_chart_series ser[4];
                        cxt_spec((cx_chart_kind)k, &s);
                        memcpy(ser, s.series, s.nseries * sizeof *ser);
                        s.series = ser;
                        s.width = widths[wi];
                        s.height = heights[hi];
                        s.min = s.max = 0;
                        if (vals[vi])
                            for (size_t j = 0; j < s.nseries; j++) {
                                ser[j].values = vals[vi];
                                if (ser[j].lo)      /* a degenerate interval */
                                    ser[j].lo = ser[j].hi = vals[vi];
                                if (ser[j].x)
                                    ser[j].x = big;
                            }
                        if (lc)
                            s.categories = longcats;
                        cx_dl *dl = NULL;
                        cx_diag d = { 0 };
                        cx_status st = cx_chart_build(&s, &w->env, &dl, &d);
                        if (st == CX_OK) {
                            char what[96];
                            snprintf(what, sizeof what, "kind %d, %gx%g, values %zu, long %d", k,
                                     widths[wi], heights[hi], vi, lc);
                            assert_inside(w, dl, what);
                            /* All-zero stacks have nothing to stack. */
                            if (!has_mark(dl) && !(k == CX_CHART_STACKED && vi == 2))
                                fail_msg("%s: no marks", what);
                            ok++;
                        } else {
                            assert_int_equal(st, CX_ESCRIPT);
                            assert_true(strlen(d.message) > 10);
                            assert_null(dl);
                            refused++;
                            if (getenv("CXT_VERBOSE"))
                                fprintf(stderr, "refused kind %d %gx%g v%zu l%d: %s\n", k,
                                        widths[wi], heights[hi], vi, lc, d.message);
                        }
                        cx_dl_free(dl);
                    }
    print_message("odd input: %zu charts drawn, %zu refused with a message\n", ok, refused);
    assert_true(ok > refused);
}

/* ---- text alternative ---------------------------------------------------------- */

static void describe_kind(cx_chart_kind k, char **out)
{
    cx_chart_spec s;
    cx_diag d = { 0 };
    cxt_spec(k, &s);
    if (cx_chart_describe(&s, out, &d))
        fail_msg("describe: %s", d.message);
}

static void the_ranking_is_described_in_one_sentence(void **state)
{
    (void)state;
    char *t;
    describe_kind(CX_CHART_BAR, &t);
    /* From the sample: highest 54 (index 28), lowest −8 (index 23), the
     * client 38, the average 21.2. */
    assert_string_equal(t, "Bar chart: Net Promoter Score by vendor, 62 vendors, from 54 "
                           "(Alder & Finch) to " MINUS "8 (Vertex Systems); highlighted: "
                           "Northwind Analytics (38); industry average 21.2.");
    free(t);
}

static void every_kind_has_a_text_alternative(void **state)
{
    (void)state;
    static const char *const starts[] = { "", "Bar chart: ", "Grouped bar chart: ",
                                          "Stacked bar chart: ", "100% stacked bar chart: ",
                                          "Line chart: ", "Scatter plot: ", "Dot plot: ",
                                          "Radar chart: ", "Distribution: ", "Heat map: ",
                                          "Bullet chart: ", "Gauge chart: " };
    for (int k = CX_CHART_BAR; k <= CX_CHART_GAUGE; k++) {
        char *t;
        describe_kind((cx_chart_kind)k, &t);
        assert_true(strncmp(t, starts[k], strlen(starts[k])) == 0);
        assert_int_equal(t[strlen(t) - 1], '.');
        free(t);
    }
    char *t;
    describe_kind(CX_CHART_HEATMAP, &t);
    assert_string_equal(t, "Heat map: Competency scores by segment, 6 rows by 4 columns, from 29 "
                           "(Metrics & ROI, Public sector) to 70 (Strategy, SMB).");
    free(t);
    describe_kind(CX_CHART_RADAR, &t);
    /* Client above the median on Strategy 72>63, Experience design 64>55,
     * Culture 69>58, Metrics & ROI 51>47: 4 of 6. */
    assert_non_null(strstr(t, "above the Benchmark median on 4 of 6"));
    free(t);
}

static void a_spec_that_cannot_be_drawn_cannot_be_described(void **state)
{
    (void)state;
    cx_chart_spec s;
    char *t = (char *)1;
    cx_diag d = { 0 };
    cxt_spec(CX_CHART_BAR, &s);
    s.ncategories = 0;
    assert_int_equal(cx_chart_describe(&s, &t, &d), CX_ESCRIPT);
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranking_of_62_vendors_has_62_bars_in_descending_order),
        cmocka_unit_test(ranking_bars_grow_from_the_zero_line_negatives_to_the_left),
        cmocka_unit_test(reference_line_sits_at_the_industry_average),
        cmocka_unit_test(the_client_bar_is_in_the_accent_colour_and_the_rest_neutral),
        cmocka_unit_test(brand_palette_colours_the_bars),
        cmocka_unit_test(value_labels_print_negatives_with_a_true_minus_left_of_the_bar),
        cmocka_unit_test(a_long_vendor_name_is_cut_with_an_ellipsis_to_the_label_column),
        cmocka_unit_test(a_ranking_without_room_for_its_bars_is_an_error_not_a_smudge),
        cmocka_unit_test(vertical_bars_with_many_categories_turn_their_labels),
        cmocka_unit_test(grouped_bars_give_each_series_its_colour_and_a_legend),
        cmocka_unit_test(stacked_100_bars_fill_the_axis_and_print_their_shares),
        cmocka_unit_test(a_stacked_bar_refuses_negative_parts),
        cmocka_unit_test(line_chart_draws_each_series_with_end_labels_that_do_not_collide),
        cmocka_unit_test(scatter_prints_its_fit_and_keeps_labels_apart),
        cmocka_unit_test(dot_plot_has_a_dot_and_an_interval_per_vendor),
        cmocka_unit_test(radar_draws_client_benchmark_and_an_even_odd_band),
        cmocka_unit_test(distribution_marks_the_clients_level_above_its_column),
        cmocka_unit_test(heat_map_colours_the_highest_cell_darkest),
        cmocka_unit_test(bullet_and_gauge_show_the_client_against_peer_quartiles),
        cmocka_unit_test(every_kind_stays_inside_its_box_and_clips_to_it),
        cmocka_unit_test(building_twice_gives_the_same_list),
        cmocka_unit_test(empty_data_is_a_script_error),
        cmocka_unit_test(a_nan_value_is_a_script_error_naming_it),
        cmocka_unit_test(mismatched_lengths_are_a_script_error),
        cmocka_unit_test(invalid_utf8_and_bad_indices_are_script_errors),
        cmocka_unit_test(kind_specific_limits_are_script_errors),
        cmocka_unit_test(fixed_ranges_must_hold_the_bars_and_the_references),
        cmocka_unit_test(no_measurer_is_an_internal_error),
        cmocka_unit_test(odd_input_draws_inside_the_box_or_is_refused),
        cmocka_unit_test(the_ranking_is_described_in_one_sentence),
        cmocka_unit_test(every_kind_has_a_text_alternative),
        cmocka_unit_test(a_spec_that_cannot_be_drawn_cannot_be_described),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
