/*
 * chart.h — chart specs in, display lists out.
 *
 * A chart exists once, as a display list (cx_dl): filled and stroked paths
 * made of move/line/cubic/close, text runs and clip rectangles, in points,
 * with y growing DOWN from the chart's top-left corner.  Two renderers draw
 * the same list: libharu into a PDF page (vector, real text) and Cairo into
 * PNG/SVG files (include/cxreport/raster.h).  Arcs and circles are turned
 * into cubic Béziers here, so both renderers draw the same geometry.
 *
 * The chart stage never loads a font: the caller hands it a text measurer
 * (cx_chart_env.measure) that must use the metrics of the fonts the
 * renderers will draw with.  Text runs record the width measured, and the
 * renderers place anchored text with it.
 *
 * Errors are values: bad input (no categories, NaN or infinite values,
 * series whose length does not match the categories, invalid UTF-8, a chart
 * too small for its data) returns CX_ESCRIPT with a one-line message in the
 * cx_diag; out of memory returns CX_EINTERNAL.  Nothing prints.
 *
 * Output is deterministic: the same spec, env and measurer give the same
 * list, item for item.
 *
 * Ownership: cx_chart_build and cx_dl_new allocate a cx_dl that the caller
 * frees with cx_dl_free (accepts NULL); the list owns all of its items,
 * points and text.  The spec and env are borrowed for the call only:
 * every string the list keeps is copied into it.
 */
#ifndef CXREPORT_CHART_H
#define CXREPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"

/* ---- colours ----------------------------------------------------------- */

/* 0xRRGGBBAA, sRGB, straight alpha.  Alpha 0 means "none" (no fill, no
 * stroke).  The chart builders emit opaque colours, unless the palette
 * given has translucent ones; both renderers honour alpha. */
typedef uint32_t cx_rgba;
#define CX_RGB(hex) ((cx_rgba)(((uint32_t)(hex) << 8) | 0xFFu))
#define CX_NONE ((cx_rgba)0)

/* ---- display list ------------------------------------------------------ */

typedef enum cx_dl_kind {
    CX_DL_PATH,         /* a path, filled and/or stroked */
    CX_DL_TEXT,         /* one run of text in one face and size */
    CX_DL_CLIP_PUSH,    /* intersect the clip with a rectangle (nests) */
    CX_DL_CLIP_POP,     /* undo the matching push */
} cx_dl_kind;

typedef enum cx_dl_op {
    CX_OP_MOVE,         /* 1 point */
    CX_OP_LINE,         /* 1 point */
    CX_OP_CURVE,        /* 3 points: two control points, then the end */
    CX_OP_CLOSE,        /* 0 points */
} cx_dl_op;

typedef enum cx_anchor { CX_ANCHOR_LEFT, CX_ANCHOR_CENTER, CX_ANCHOR_RIGHT } cx_anchor;

enum { CX_FACE_REGULAR = 0, CX_FACE_BOLD = 1, CX_FACE_ITALIC = 2, CX_FACE_BOLD_ITALIC = 3 };

/* What an item shows.  Renderers ignore it; tests, alt text and later
 * interactivity use it to find "the bars" or "the reference line". */
typedef enum cx_dl_role {
    CX_DL_ROLE_NONE = 0,
    CX_DL_ROLE_TITLE,          /* chart title */
    CX_DL_ROLE_GRID,           /* light gridline */
    CX_DL_ROLE_AXIS,           /* axis line or tick mark */
    CX_DL_ROLE_ZERO,           /* the zero baseline */
    CX_DL_ROLE_TICK_LABEL,     /* number on a value axis */
    CX_DL_ROLE_AXIS_TITLE,
    CX_DL_ROLE_CATEGORY_LABEL, /* name of a category (bar, row, column, spoke) */
    CX_DL_ROLE_BAR,            /* one bar: index = category, series = series */
    CX_DL_ROLE_SEGMENT,        /* one segment of a stacked bar */
    CX_DL_ROLE_VALUE_LABEL,    /* the number printed on or next to a mark */
    CX_DL_ROLE_REF_LINE,       /* reference line (e.g. industry average) */
    CX_DL_ROLE_REF_LABEL,
    CX_DL_ROLE_LINE,           /* a series' line (line chart, radar) */
    CX_DL_ROLE_MARKER,         /* a point marker: index = category or point */
    CX_DL_ROLE_END_LABEL,      /* series name at the end of a line */
    CX_DL_ROLE_FIT_LINE,       /* least-squares line */
    CX_DL_ROLE_FIT_LABEL,      /* its equation and r */
    CX_DL_ROLE_POINT_LABEL,    /* scatter point label */
    CX_DL_ROLE_ERROR_BAR,      /* confidence interval */
    CX_DL_ROLE_BAND,           /* quartile band (radar, bullet, gauge) */
    CX_DL_ROLE_CELL,           /* heat-map cell: index = row, series = column */
    CX_DL_ROLE_LEGEND_KEY,
    CX_DL_ROLE_LEGEND_LABEL,
    CX_DL_ROLE_HIGHLIGHT_MARK, /* pointer to the client's level */
    CX_DL_ROLE_HIGHLIGHT_LABEL,
} cx_dl_role;

typedef struct cx_dl_point { double x, y; } cx_dl_point;

typedef struct cx_dl_path {
    uint32_t op0, nops;     /* dl->ops[op0 .. op0 + nops) */
    uint32_t pt0;           /* first point in dl->pts; points follow the ops */
    cx_rgba fill;           /* CX_NONE = not filled */
    cx_rgba stroke;         /* CX_NONE = not stroked */
    double width;           /* stroke width, points */
    double dash[2];         /* on, off lengths; {0, 0} = solid.  Both
                               renderers round them to whole points
                               (libharu 2.3 takes integers) */
    bool even_odd;          /* fill rule: even-odd instead of non-zero */
} cx_dl_path;

typedef struct cx_dl_text {
    uint32_t off, len;      /* bytes in dl->text (also NUL-terminated there) */
    int face;               /* CX_FACE_* */
    double size;            /* points */
    cx_rgba color;
    cx_anchor anchor;       /* which end of the run sits at (x, y) */
    double x, y;            /* anchor point on the baseline */
    double width;           /* advance width, measured when the run was added */
    int rotation;           /* 0, or 90: turned a quarter counter-clockwise,
                               reading bottom to top */
} cx_dl_text;

typedef struct cx_dl_clip { double x, y, w, h; } cx_dl_clip;

typedef struct cx_dl_item {
    cx_dl_kind kind;
    cx_dl_role role;
    int series;             /* series index in the spec, -1 if none */
    int index;              /* category / point / row index in the spec's
                               order (before any sorting), -1 if none */
    union {
        cx_dl_path path;
        cx_dl_text text;
        cx_dl_clip clip;
    };
} cx_dl_item;

typedef struct cx_dl {
    double width, height;   /* the chart box, points */
    cx_rgba background;     /* raster renderers paint it first; PDF does not */
    size_t nitems, nops, npts, ntext;
    cx_dl_item *items;
    unsigned char *ops;     /* cx_dl_op values */
    cx_dl_point *pts;
    char *text;
    /* private to dl.c */
    size_t cap_items, cap_ops, cap_pts, cap_text;
    size_t path_op0, path_pt0;
    bool failed;            /* an allocation failed; the list is incomplete */
} cx_dl;

/* The text of a CX_DL_TEXT item, NUL-terminated. */
static inline const char *cx_dl_text_of(const cx_dl *dl, const cx_dl_item *it)
{
    return dl->text + it->text.off;
}

/* Building a list by hand (the chart kinds use these; so can the layout
 * stage for its own graphics).  Path calls append to the current path;
 * cx_dl_paint ends it as one item.  An allocation failure is sticky: the
 * calls become no-ops and cx_dl_ok returns false. */
cx_dl *cx_dl_new(double width, double height);
void cx_dl_free(cx_dl *dl);
bool cx_dl_ok(const cx_dl *dl);

void cx_dl_move(cx_dl *dl, double x, double y);
void cx_dl_line(cx_dl *dl, double x, double y);
void cx_dl_curve(cx_dl *dl, double x1, double y1, double x2, double y2,
                 double x3, double y3);
void cx_dl_close(cx_dl *dl);
/* Arc of the circle (cx, cy, r) from angle a0 to a1 (radians; 0 = +x, and
 * since y points down, increasing angles turn clockwise on the page), as
 * cubic Béziers of at most 90° each.  Starts with a line to the arc's start
 * if a path is open, else a move. */
void cx_dl_arc(cx_dl *dl, double cx, double cy, double r, double a0, double a1);
void cx_dl_rect(cx_dl *dl, double x, double y, double w, double h);
void cx_dl_circle(cx_dl *dl, double cx, double cy, double r);

typedef struct cx_dl_style {
    cx_rgba fill, stroke;
    double width;
    double dash[2];
    bool even_odd;
} cx_dl_style;

void cx_dl_paint(cx_dl *dl, const cx_dl_style *st, cx_dl_role role,
                 int series, int index);
void cx_dl_text_run(cx_dl *dl, cx_dl_role role, int series, int index,
                    int face, double size, cx_rgba color, cx_anchor anchor,
                    double x, double y, int rotation, double width,
                    const char *utf8, size_t len);
void cx_dl_clip_push(cx_dl *dl, double x, double y, double w, double h);
void cx_dl_clip_pop(cx_dl *dl);

/* Control points of one Bézier approximating an arc of at most 90°:
 * out[0] = start, out[1], out[2] = controls, out[3] = end. */
void cx_arc_bezier(double cx, double cy, double r, double a0, double a1,
                   cx_dl_point out[4]);

/* ---- scales and ticks -------------------------------------------------- */

/* Nice ticks: steps of 1, 2 or 5 times a power of ten, covering [lo, hi]
 * with at most max_ticks ticks (both ends included; a range across zero
 * always has at least 3, zero among them).  Tick i is
 * cx_ticks_value(t, i), exact to the decimal (0.1 + 0.2 gives 0.3). */
typedef struct cx_ticks {
    double lo, hi;          /* first and last tick; lo <= min, hi >= max */
    double step;
    int count;              /* number of ticks, >= 2 */
    int decimals;           /* digits after the point the step needs */
    /* private: tick i = (k0 + i) * mant * 10^exp */
    long k0;
    int mant, exp;
} cx_ticks;

/* Returns false (and leaves *out untouched) when lo or hi is not finite,
 * lo > hi, or max_ticks < 2.  lo == hi is widened around the value. */
bool cx_ticks_nice(double lo, double hi, int max_ticks, cx_ticks *out);
double cx_ticks_value(const cx_ticks *t, int i);

/* A linear map from the domain [d0, d1] to the range [r0, r1]. */
typedef struct cx_scale { double d0, d1, r0, r1; } cx_scale;
double cx_scale_map(const cx_scale *s, double v);

/* ---- number formatting ------------------------------------------------- */

typedef struct cx_number_format {
    int decimals;           /* digits after the point, 0..6 */
    const char *prefix;     /* e.g. "$"; NULL = none */
    const char *suffix;     /* e.g. "%"; NULL = none */
    const char *thousands;  /* group separator, e.g. "," or "\u202F"; NULL = none */
    bool plus;              /* print "+" before positive numbers (changes) */
} cx_number_format;

/* C-locale number text with a true minus sign (U+2212) for negatives and
 * never "−0".  Always NUL-terminates; returns the length written. */
size_t cx_format_number(double v, const cx_number_format *f, char *buf, size_t size);

/* ---- chart specs ------------------------------------------------------- */

typedef enum cx_chart_kind {
    CX_CHART_BAR = 1,       /* one series; ranking with highlight and refs */
    CX_CHART_GROUPED,       /* several series side by side per category */
    CX_CHART_STACKED,       /* series stacked per category */
    CX_CHART_STACKED100,    /* stacked, each category scaled to 100 % */
    CX_CHART_LINE,          /* series over ordered categories (years) */
    CX_CHART_SCATTER,       /* points (x, y) with a least-squares line */
    CX_CHART_DOT,           /* estimate with interval per category */
    CX_CHART_RADAR,         /* client against benchmark on 3..12 spokes */
    CX_CHART_DISTRIBUTION,  /* share per level, client's level marked */
    CX_CHART_HEATMAP,       /* rows (categories) × columns (series) */
    CX_CHART_BULLET,        /* key figure against peer quartiles, per row */
    CX_CHART_GAUGE,         /* the same as a half-circle dial, per category */
} cx_chart_kind;

typedef enum cx_chart_sort { CX_SORT_NONE, CX_SORT_DESC, CX_SORT_ASC } cx_chart_sort;

typedef struct cx_chart_series {
    const char *name;       /* legend / end label; NULL for an unnamed series */
    size_t n;               /* length of values (and x, lo, hi when given) */
    const double *values;   /* one per category (SCATTER: y of each point) */
    const double *x;        /* SCATTER: x of each point */
    const double *lo, *hi;  /* DOT: interval; RADAR, BULLET, GAUGE benchmark
                               series: lower and upper quartile.  Optional. */
} cx_chart_series;

typedef struct cx_chart_ref {
    double value;
    const char *label;      /* e.g. "Industry average"; the value is appended */
    int decimals;           /* decimals of that value when more than the
                               spec's (averages: 1 where scores have 0) */
} cx_chart_ref;

/* How each kind reads the spec (N = ncategories):
 *
 *  BAR          series[0] N values; horizontal = bars run left to right
 *               with labels down the side (rankings).  sort orders the
 *               bars; highlight = category indices drawn in the accent
 *               colour (palette[0]; the others in env.neutral) with bold
 *               labels; refs = reference lines, labelled "label value".
 *  GROUPED      series[0..k) N values each, one bar per series per category;
 *               a legend; highlight = a light band behind the category.
 *  STACKED      series[0..k) N values >= 0, stacked in series order; the
 *               values are printed inside the segments when they fit.
 *  STACKED100   the same, each category scaled to 100 %; segment shares are
 *               printed inside when they fit; sort by series[0]'s share.
 *  LINE         categories = x positions in order (years); series[0..k) N
 *               values; markers and end labels (last value and series
 *               name) spread apart instead of a legend.
 *  SCATTER      series[0]: x[] and values[] (y), n points; categories, when
 *               given (N == n), label the points where there is room;
 *               highlight = points in a second colour, labelled first;
 *               fit_line adds the least-squares line, its equation and r.
 *  DOT          series[0]: values = estimate, lo/hi = interval (optional);
 *               highlight and refs as for BAR.
 *  RADAR        categories = dimensions (3..12); series[0] = client,
 *               series[1] (optional) = benchmark median with lo/hi = the
 *               quartile band.  Range = [min, max] if set, else [0, nice].
 *  DISTRIBUTION categories = levels in order; series[0] = share of
 *               organisations per level (percent); highlight[0] = the
 *               client's level, marked with marker_label.
 *  HEATMAP      categories = rows (dimensions); series = columns (segments),
 *               series[j].values[i] = cell (i, j); colour legend below.
 *  BULLET       categories = key figures (rows); series[0] = client values;
 *  GAUGE        series[1] = peers: values = median, lo/hi = quartiles.
 *               Range = [min, max] if set, else nice around the data.
 *               A gauge chart shows 1 to 6 dials side by side.
 *
 * Reference lines are drawn by BAR, GROUPED, STACKED*, DOT, DISTRIBUTION,
 * BULLET and LINE.  A fixed range (min < max) must hold every value and
 * reference line, and include 0 for bars.  Values must be finite: a
 * missing value (NaN) is an error, never a gap.
 */
typedef struct cx_chart_spec {
    cx_chart_kind kind;
    bool horizontal;            /* BAR, GROUPED, STACKED* (DOT and BULLET are
                                   always horizontal, DISTRIBUTION vertical) */
    cx_chart_sort sort;         /* kinds with a category axis: by series[0]
                                   (STACKED100: by series[0]'s share) */
    const char *title;          /* drawn at the top; NULL = none */
    const char *x_title;        /* title of the horizontal axis (HEATMAP: of
                                   the colour legend) */
    const char *y_title;        /* title of the vertical axis (horizontal
                                   bars: a header over the category labels) */
    const char *noun;           /* plural name of the categories for the
                                   text alternative ("vendors") */
    size_t ncategories;
    const char *const *categories;
    size_t nseries;
    const cx_chart_series *series;
    size_t nhighlight;
    const size_t *highlight;    /* category (SCATTER: point) indices */
    const char *marker_label;   /* DISTRIBUTION: text at the client's level */
    size_t nrefs;
    const cx_chart_ref *refs;
    size_t npalette;
    const cx_rgba *palette;     /* brand colours; NULL = Okabe–Ito */
    double width, height;       /* points; 0 = column width / kind default */
    double min, max;            /* value range when min < max, else automatic */
    cx_number_format format;    /* value labels and ticks */
    bool hide_values;           /* no value labels on the marks */
    bool fit_line;              /* SCATTER */
} cx_chart_spec;

/* Measures the advance width in points of utf8[0..len) in a face
 * (CX_FACE_*) at a size.  Must match the renderers' fonts. */
typedef double (*cx_measure_fn)(void *ctx, int face, double size,
                                const char *utf8, size_t len);

typedef struct cx_chart_env {
    cx_measure_fn measure;
    void *measure_ctx;
    double font_size;       /* category and value labels, pt */
    double small_size;      /* ticks, axis titles, legend, pt */
    double title_size;      /* chart title, pt */
    double ascent, descent; /* of the fonts, as fractions of the size */
    double cap_height;      /* height of capitals, fraction of the size */
    double column_width;    /* default chart width, pt */
    double max_height;      /* default charts never grow taller, pt */
    cx_rgba text, muted;    /* main and secondary text */
    cx_rgba axis, grid;     /* zero line and axes; gridlines */
    cx_rgba neutral;        /* non-highlighted marks when some are highlighted */
    cx_rgba background;
} cx_chart_env;

/* Defaults: 8/7/10 pt text, DejaVu Sans metrics, A4 column (481.9 pt) at
 * most 680 pt tall, dark grey text, light gridlines, white background.
 * measure is left NULL: the caller must set it. */
void cx_chart_env_default(cx_chart_env *env);

/* The default palette (Okabe–Ito, reordered: blue first). */
size_t cx_chart_default_palette(const cx_rgba **out);

/* Lays a chart out.  On success *out is a new list (free it with
 * cx_dl_free); on failure *out is NULL and diag says why. */
cx_status cx_chart_build(const cx_chart_spec *spec, const cx_chart_env *env,
                         cx_dl **out, cx_diag *diag);

/* A one-sentence text alternative, e.g. "Bar chart: NPS by vendor, 62
 * vendors, from 54 (Vendor A) to −8 (Vendor B); industry average 24.1."
 * *out is malloc'd; the caller frees it with free(). */
cx_status cx_chart_describe(const cx_chart_spec *spec, char **out, cx_diag *diag);

#endif
