/*
 * chart_int.h — what the files of src/chart/ share and nobody else sees:
 * the build context, text helpers, colours, the category frame that bar,
 * dot, distribution and bullet charts are laid out in, axes and legends.
 *
 * Everything here draws into c->dl in points, y down.  Nothing here loads
 * a font or allocates outside the display list, except small scratch
 * arrays that are freed before returning.
 */
#ifndef CX_CHART_INT_H
#define CX_CHART_INT_H

#include "cxreport/chart.h"

#define CX_PI 3.14159265358979323846
#define CX_ELLIPSIS "\xE2\x80\xA6"      /* U+2026 */
#define CX_MINUS "\xE2\x88\x92"         /* U+2212 */

typedef struct cx_chart_ctx {
    const cx_chart_spec *spec;
    const cx_chart_env *env;
    cx_dl *dl;
    cx_diag *diag;
    double W, H;                /* chart box */
    double fs, fs_small, fs_title;
    const cx_rgba *pal;
    size_t npal;
    double y;                   /* top of the free area below title and legend */
    const cx_number_format *axis_fmt;   /* tick labels; NULL = the spec's */
} cx_chart_ctx;

/* ---- chart.c: common parts ---------------------------------------------- */

/* Fixes the height (spec height, else default_h capped at env max_height),
 * opens the clip of the box and draws the title.  c->y is set below it. */
void cx_chart_begin(cx_chart_ctx *c, double default_h);
/* Height cx_chart_begin gives the title (0 without one). */
double cx_chart_title_height(const cx_chart_ctx *c);
double cx_chart_measure(const cx_chart_ctx *c, int face, double size,
                        const char *s, size_t len);
/* Measures and adds a run (NUL-terminated); returns its width. */
double cx_chart_text(cx_chart_ctx *c, cx_dl_role role, int series, int index,
                     int face, double size, cx_rgba color, cx_anchor a,
                     double x, double y, int rot, const char *s);
/* The same, truncated with an ellipsis to at most maxw points. */
double cx_chart_text_fit(cx_chart_ctx *c, cx_dl_role role, int series, int index,
                         int face, double size, cx_rgba color, cx_anchor a,
                         double x, double y, int rot, const char *s, double maxw);
cx_rgba cx_chart_color(const cx_chart_ctx *c, size_t i);
cx_rgba cx_rgba_mix(cx_rgba a, cx_rgba b, double t);     /* t = 0 → a */
double cx_rgba_luminance(cx_rgba c);                     /* WCAG, 0..1 */
/* Dark text or white, whichever contrasts more with the background. */
cx_rgba cx_chart_text_on(const cx_chart_ctx *c, cx_rgba bg);
/* A series colour darkened until text in it reads on the background
 * (contrast 4.5:1, WCAG AA). */
cx_rgba cx_chart_ink(const cx_chart_ctx *c, cx_rgba col);
bool cx_chart_is_highlighted(const cx_chart_spec *s, size_t i);
/* Formats with the spec's number format into buf (64+ bytes). */
size_t cx_chart_fmt(const cx_chart_ctx *c, double v, char *buf, size_t size);
/* Baseline that centres capitals of a size on y. */
double cx_chart_mid_baseline(const cx_chart_ctx *c, double y, double size);
/* A failure with a message; returns CX_ESCRIPT. */
cx_status cx_chart_fail(cx_chart_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
cx_status cx_chart_oom(cx_chart_ctx *c);
/* Category order: identity, or sorted by key (NULL: series[0]) as the
 * spec asks, ties in input order.  malloc'd; NULL when out of memory. */
size_t *cx_chart_order(const cx_chart_ctx *c, const double *key);

bool cx_chart_utf8_ok(const char *s, size_t len);
/* The input checks every kind relies on (see chart.c). */
cx_status cx_chart_validate(const cx_chart_spec *spec, cx_diag *diag);

/* ---- labels.c ------------------------------------------------------------ */

/* Longest prefix of s (at a character boundary, trailing spaces dropped)
 * that fits maxw with an ellipsis appended, or s itself when it fits.
 * Writes into out (NUL-terminated); returns its width. */
double cx_label_fit(const cx_chart_ctx *c, int face, double size, const char *s,
                    double maxw, char *out, size_t outsz);
/* Greedy word wrap into at most maxlines lines of at most maxw points;
 * the last line is truncated with an ellipsis when text remains.  Lines
 * go into out, separated by NULs; returns the number of lines and the
 * widest line's width in *w. */
int cx_label_wrap(const cx_chart_ctx *c, int face, double size, const char *s,
                  double maxw, int maxlines, char *out, size_t outsz, double *w);
/* Moves the centres y[0..n) (any order) apart so that neighbours are at
 * least gap apart, staying within [lo, hi] where possible, and keeping
 * each as close to where it was as the constraints allow. */
void cx_label_spread(double *y, size_t n, double gap, double lo, double hi);

typedef struct cx_label_box {
    double ax, ay;          /* the point labelled */
    double w, h;            /* the label's box */
    double r;               /* radius of the point's marker */
    bool place;             /* try to place it (false: point only) */
    /* out */
    bool placed;
    double x, y;            /* top-left of the box */
} cx_label_box;
/* Places each label at one of eight positions around its point so that
 * labels overlap neither each other nor other markers, inside the
 * rectangle; labels earlier in the array win.  A label with no free
 * position is left unplaced. */
void cx_label_place(cx_label_box *b, size_t n, double x0, double y0,
                    double x1, double y1, const double *avoid, size_t navoid);

/* ---- legend.c ------------------------------------------------------------ */

typedef enum cx_key_kind { CX_KEY_SWATCH, CX_KEY_LINE, CX_KEY_DASH, CX_KEY_MARKER } cx_key_kind;
typedef struct cx_legend_entry {
    const char *label;
    cx_rgba color;
    cx_key_kind key;
    int series;
} cx_legend_entry;
/* Lays the entries out in rows from the left at c->y, wrapping to the
 * width; draws them and advances c->y past the legend. */
void cx_legend_draw(cx_chart_ctx *c, const cx_legend_entry *e, size_t n);
/* The height cx_legend_draw will take (0 for no entries). */
double cx_legend_height(const cx_chart_ctx *c, const cx_legend_entry *e, size_t n);

/* ---- axis.c -------------------------------------------------------------- */

/* Nice ticks for [lo, hi] on an axis `length` points long; horizontal
 * axes leave room for the tick labels side by side. */
cx_ticks cx_axis_ticks(const cx_chart_ctx *c, double lo, double hi, double length,
                       bool horizontal);
/* Widest tick label of t. */
double cx_axis_label_width(const cx_chart_ctx *c, const cx_ticks *t);
/* Room above a plot with a vertical value axis (its title, or a little
 * headroom for the top tick label) and below it (the tick labels of the
 * horizontal axis and its title). */
double cx_axis_above_h(const cx_chart_ctx *c);
double cx_axis_below_h(const cx_chart_ctx *c);
/* Vertical gridlines at x = s(tick) from y0 to y1, tick labels below at
 * label_y (baseline). */
void cx_axis_x(cx_chart_ctx *c, const cx_scale *s, const cx_ticks *t,
               double y0, double y1, double label_y);
/* Horizontal gridlines at y = s(tick) from x0 to x1, tick labels
 * right-aligned at label_x. */
void cx_axis_y(cx_chart_ctx *c, const cx_scale *s, const cx_ticks *t,
               double x0, double x1, double label_x);
void cx_axis_zero_x(cx_chart_ctx *c, const cx_scale *s, double y0, double y1);
void cx_axis_zero_y(cx_chart_ctx *c, const cx_scale *s, double x0, double x1);
/* "label value" text of a reference line into buf. */
void cx_axis_ref_text(const cx_chart_ctx *c, const cx_chart_ref *r, char *buf, size_t size);

/* ---- frame.c: categories on one axis, values on the other ---------------- */

typedef struct cx_frame_req {
    bool horizontal;
    double dmin, dmax;          /* data range of the values (refs added inside) */
    double pos_w, neg_w;        /* widths to reserve beyond positive / negative ends */
    double value_h;             /* vertical: height to reserve above/below bar ends */
    double pitch;               /* wanted slot size (horizontal default height) */
    double min_label_size;      /* smaller category labels are an error */
    double headroom;            /* extra space above the plot (markers) */
    bool fixed_range;           /* use [dmin, dmax] as they are (100 %) */
    const double *sort_key;     /* NULL: series[0].values */
    bool bold_highlight;        /* highlighted category labels in bold */
    bool zero_below;            /* zero line under the marks (dots), not over */
    const cx_legend_entry *legend;
    size_t nlegend;
} cx_frame_req;

typedef struct cx_frame {
    bool horizontal;
    size_t n;
    size_t *order;              /* order[r] = category drawn r-th (owned) */
    double px0, py0, px1, py1;  /* plot area (gridlines span it) */
    double pitch;               /* slot size along the category axis */
    double lfs;                 /* category label size */
    double label_w;             /* label column width (horizontal) */
    cx_scale vs;                /* values → x (horizontal) or y (vertical) */
    cx_ticks ticks;
    bool rotated;               /* vertical: category labels turned 90° */
    double label_top;           /* vertical: top of the category labels */
    double label_h;             /* vertical: their height (rotated: length) */
    double top;                 /* top of the header band (below the legend) */
    int header_rows;            /* horizontal: rows for the axis title and refs */
    bool bold_highlight, zero_below;
} cx_frame;

cx_status cx_frame_layout(cx_chart_ctx *c, const cx_frame_req *rq, cx_frame *f);
void cx_frame_free(cx_frame *f);
/* Centre of slot r along the category axis. */
double cx_frame_slot(const cx_frame *f, size_t r);
/* Gridlines and tick labels (before the marks). */
void cx_frame_grid(cx_chart_ctx *c, const cx_frame *f);
/* Zero line, reference lines, category labels, axis titles (after). */
void cx_frame_finish(cx_chart_ctx *c, const cx_frame *f);

/* ---- the kinds ------------------------------------------------------------ */

cx_status cx_bar_draw(cx_chart_ctx *c);         /* BAR GROUPED STACKED* DISTRIBUTION */
cx_status cx_dot_draw(cx_chart_ctx *c);
cx_status cx_line_draw(cx_chart_ctx *c);
cx_status cx_scatter_draw(cx_chart_ctx *c);
cx_status cx_radar_draw(cx_chart_ctx *c);
cx_status cx_heatmap_draw(cx_chart_ctx *c);
cx_status cx_bullet_draw(cx_chart_ctx *c);
cx_status cx_gauge_draw(cx_chart_ctx *c);

/* Least squares y = a + b·x and Pearson's r over n points; false when the
 * x values do not vary. */
bool cx_scatter_fit(const double *x, const double *y, size_t n,
                    double *a, double *b, double *r);

#endif
