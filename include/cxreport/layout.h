/*
 * layout.h — the laid-out document: pages of positioned items.
 *
 * cx_layout (render.h) turns a cx_doc into a cx_layout_result; a renderer
 * draws it without measuring or deciding anything: every text run, rule,
 * fill and link has its final position, and the footers ("Page x of y")
 * and the contents' page numbers are already filled in.
 *
 * Coordinates are PDF points with the origin at the bottom-left corner of
 * the page and y growing UP (as libharu draws); text items give the left
 * end of their baseline.  Faces are indices into the font set: 0 regular,
 * 1 bold, 2 italic, 3 bold italic (CX_STYLE_* bits, the same numbering as
 * CX_FACE_* in chart.h).  Widths of text runs are measured with the
 * embedded fonts' advances, so a renderer may right-align with them.
 *
 * Adding a kind of block later (images, key figures, callouts) means
 * emitting items for it: charts have one (CX_ITEM_DL, a display list
 * placed on the page, drawn by the PDF renderer); other graphics can be
 * built from rects, lines and text or get an item kind of their own.
 * Pages, links and outlines stay as they are.
 *
 * Ownership: the result owns its pages, items, the strings it generated
 * (page numbers, dates) and the display lists of the document's charts
 * (built once, here, for the PDF and for chart exports alike); text runs
 * may also point into the document's arena, so the document must outlive
 * the result.  Free with cx_layout_free (render.h; accepts NULL).
 */
#ifndef CXREPORT_LAYOUT_H
#define CXREPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/arena.h"
#include "cxreport/brand.h"
#include "cxreport/chart.h"
#include "cxreport/render.h"

/* ---- the look: every colour and size layout uses, in one place --------- */

typedef struct cx_theme {
    cx_rgba text;               /* body text */
    cx_rgba muted;              /* subtitle, footer, contents numbers */
    cx_rgba accent;             /* title bar, heading 1 */
    cx_rgba heading;            /* headings 2 and 3 */
    cx_rgba rule;               /* table row rules, footer rule */
    cx_rgba table_header_fill;  /* shading of the header row */
    cx_rgba table_header_text;
    cx_rgba table_stripe_fill;  /* every other body row; CX_NONE = none */
    double body_size;           /* pt */
    double leading;             /* line height as a multiple of the size */
    double heading_size[3];     /* levels 1..3, pt */
    double table_size;          /* table text, pt */
    double title_size, subtitle_size, byline_size, footer_size;
    double paragraph_space;     /* after a paragraph or list, pt */
    /* typography blocks */
    cx_rgba link;               /* links and references in text */
    cx_rgba good, bad;          /* key-figure changes: good and bad news */
    cx_rgba panel_fill;         /* key-figure tiles and callout boxes */
    /* page furniture and cover (a brand sets these; files are borrowed) */
    cx_slot header[3], footer[3];   /* left, centre, right */
    const char *confidential;   /* "{client}" = the document's prepared_for */
    const char *logo;           /* PNG or JPEG file, or NULL */
    cx_cover_style cover_style;
    cx_rgba cover_fill;         /* the stripe or band */
    cx_rgba cover_text;         /* title and subtitle on a band */
    cx_rgba cover_accent;       /* the rule under the band */
    const char *cover_image;    /* CX_COVER_IMAGE */
    const char *watermark;      /* text across every page, or NULL */
    cx_rgba watermark_color;    /* alpha = opacity */
    size_t npalette;            /* colours of charts that name none */
    const cx_rgba *palette;     /* NULL = the chart stage's default */
} cx_theme;

/* The house look: dark slate text, a deep blue accent, DejaVu-friendly
 * sizes (10 pt body, 20/15/12 pt headings), the title and "Page x of y"
 * in the footer, no header, the stripe cover, no watermark. */
void cx_theme_default(cx_theme *theme);

/* The look of a brand: opts (cx_render_opts_default, then the brand's
 * fonts, page size and margins) and theme (cx_theme_default, then the
 * brand's colours, furniture, cover, watermark and chart palette).  Both
 * borrow the brand's strings: the brand must outlive them. */
void cx_brand_apply(const cx_brand *brand, cx_render_opts *opts, cx_theme *theme);

/* cx_layout with an explicit look (cx_layout uses cx_theme_default). */
cx_status cx_layout_themed(const cx_doc *doc, const cx_render_opts *opts,
                           const cx_theme *theme, cx_layout_result **out,
                           cx_diag *diag);

/* ---- the result -------------------------------------------------------- */

typedef enum cx_item_kind {
    CX_ITEM_TEXT,       /* one run of text in one face, size and colour */
    CX_ITEM_RECT,       /* rectangle, filled and/or stroked */
    CX_ITEM_LINE,       /* straight stroked segment, solid or dashed */
    CX_ITEM_LINK,       /* clickable area jumping to a place in the document */
    CX_ITEM_DL,         /* a display list (a chart) placed on the page */
    CX_ITEM_IMAGE,      /* a PNG or JPEG file scaled into a box */
    CX_ITEM_POLYGON,    /* a filled polygon (key-figure arrows) */
} cx_item_kind;

typedef struct cx_item_text {
    const char *text;   /* UTF-8, NUL-terminated, len bytes */
    size_t len;
    int face;
    double size;        /* pt */
    cx_rgba color;
    double x, y;        /* left end of the baseline */
    double width;       /* advance width, pt */
    double angle;       /* degrees counter-clockwise about (x, y); 0 = level */
} cx_item_text;

typedef struct cx_item_rect {
    double x, y, w, h;  /* (x, y) = bottom-left corner */
    cx_rgba fill;       /* CX_NONE = not filled */
    cx_rgba stroke;     /* CX_NONE = not stroked */
    double line_width;
} cx_item_rect;

typedef struct cx_item_line {
    double x0, y0, x1, y1;
    cx_rgba color;
    double width;
    double dash[2];     /* on, off; {0, 0} = solid */
    bool round_cap;     /* with dash {0, gap}: a row of dots */
} cx_item_line;

typedef struct cx_item_link {
    double x, y, w, h;  /* the clickable area, (x, y) = bottom-left */
    size_t target_page; /* 0-based page index */
    double target_y;    /* top of the target on that page */
    const char *uri;    /* a web link (the target is then unused); NULL =
                           a place in the document */
} cx_item_link;

typedef struct cx_item_polygon {
    size_t n;           /* 3..4 corners */
    double x[4], y[4];
    cx_rgba fill;
} cx_item_polygon;

/* The list keeps its own coordinates (points, y down from its top-left
 * corner); the renderer maps them onto the page.  Chart blocks' lists are
 * owned by the result (cx_layout_result.charts). */
typedef struct cx_item_dl {
    const cx_dl *dl;
    double x, y_top;    /* page position of the list's top-left corner */
} cx_item_dl;

typedef struct cx_item_image {
    const char *path;   /* borrowed from the theme or the document */
    double x, y, w, h;  /* the box, (x, y) = bottom-left corner */
} cx_item_image;

typedef struct cx_item {
    cx_item_kind kind;
    union {
        cx_item_text text;
        cx_item_rect rect;
        cx_item_line line;
        cx_item_link link;
        cx_item_dl dl;
        cx_item_image image;
        cx_item_polygon polygon;
    };
} cx_item;

typedef struct cx_layout_page {
    size_t nitems;
    cx_item *items;     /* in drawing order */
    size_t cap;         /* private */
} cx_layout_page;

/* One bookmark per heading, in document order; nesting follows level. */
typedef struct cx_outline_entry {
    int level;          /* 1..3 */
    const char *title;  /* plain UTF-8 */
    size_t page;        /* 0-based */
    double y;           /* top of the heading */
} cx_outline_entry;

/* One chart of the document, in document order. */
typedef struct cx_layout_chart {
    cx_dl *dl;          /* owned by the result; drawn by a CX_ITEM_DL item */
    size_t block;       /* index of the chart block in the document */
    size_t page;        /* 0-based page it is drawn on */
} cx_layout_chart;

struct cx_layout_result {
    double page_width, page_height;
    size_t npages;
    cx_layout_page *pages;
    size_t noutline;
    cx_outline_entry *outline;
    size_t ncharts;
    cx_layout_chart *charts;
    cx_arena *arena;    /* generated strings, outline titles */
    /* Problems that did not stop the layout (characters no font has, one
     * warning per block), in the order found; severity CX_SEV_WARNING,
     * file:line of the script where known. */
    cx_diag_list warnings;
    size_t cap_pages, cap_outline, cap_charts;  /* private */
};

#endif
