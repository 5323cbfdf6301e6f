/*
 * layout_internal.h — the pagination state shared by the layout files
 * (layout.c: pages, text blocks, contents, title and footers;
 * layout_table.c: tables; layout_chart.c: charts).  Not a public interface.
 */
#ifndef CX_LAYOUT_INTERNAL_H
#define CX_LAYOUT_INTERNAL_H

#include "cxreport/layout.h"
#include "font.h"
#include "linebreak.h"

typedef struct cx_layout_state {
    const cx_doc *doc;
    const cx_render_opts *opts;
    cx_theme th;
    cx_font *font;
    cx_linebreak *lb;
    cx_layout_result *res;
    cx_diag *diag;
    bool oom;               /* sticky: an allocation failed */
    /* the text area of every page, PDF coordinates (y up) */
    double left, right, top, bottom, width;
    /* the flow */
    size_t page;            /* current page */
    double y;               /* top of the free space on it */
    bool fresh;             /* nothing placed on it yet */
    double pending;         /* space owed before the next block; dropped at a page top */
} cx_layout_state;

/* Appends an item to a page (sticky oom on failure). */
void cx_layout_item(cx_layout_state *L, size_t page, const cx_item *it);

/* Starts a new page and makes it current. */
void cx_layout_new_page(cx_layout_state *L);

/* Free height on the current page once the pending space is paid. */
double cx_layout_avail(const cx_layout_state *L);

/* Pays the pending space (nothing at the top of a page). */
void cx_layout_begin_block(cx_layout_state *L);

/* Distance from the top of a line box of height lh to the baseline of
 * text at size in face (half-leading model). */
double cx_layout_baseline(const cx_layout_state *L, int face, double size, double lh);

/* Draws the runs of a line whose box starts at top, left end at x. */
void cx_layout_draw_line(cx_layout_state *L, const cx_lline *ln, double x, double top,
                         double size, double lh, cx_rgba color);

/* ---- tables (layout_table.c) ------------------------------------------- */

typedef struct cx_ptable cx_ptable;

/* Measures and breaks every cell once: column widths, row heights. */
cx_status cx_layout_table_prepare(cx_layout_state *L, const cx_doc_table *t,
                                  cx_ptable **out);
/* Height the table needs on a page to start there (header + first row). */
double cx_layout_table_min_start(const cx_layout_state *L, const cx_ptable *pt);
/* Places the table in the flow, splitting between rows with the header
 * repeated on every page it spans. */
void cx_layout_table_place(cx_layout_state *L, const cx_ptable *pt);

/* ---- charts (layout_chart.c) ------------------------------------------- */

typedef struct cx_pchart cx_pchart;

/* Builds the chart's display list (owned by the result from here on) and
 * breaks its caption.  A chart that cannot be built, or that is wider
 * than the text or taller than a page, is an error at the script line
 * that added it. */
cx_status cx_layout_chart_prepare(cx_layout_state *L, size_t block, cx_pchart **out);
/* Height of the chart and its caption: they never part. */
double cx_layout_chart_height(const cx_pchart *pc);
/* Height it needs at the bottom of a page to begin there, after `gap`. */
double cx_layout_chart_min_start(const cx_pchart *pc, double gap);
/* Places chart and caption, on the next page when they do not fit. */
void cx_layout_chart_place(cx_layout_state *L, const cx_pchart *pc);

#endif
