/*
 * layout_internal.h — the pagination state shared by the layout files
 * (layout.c: pages, text blocks, contents, title and footers;
 * layout_table.c: tables; layout_chart.c: charts; layout_text.c: drawing
 * and flowing lines, references, notes and links; layout_blocks.c: key
 * figures, callouts, quotes, the notes list).  Not a public interface.
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
    bool oom;               /* sticky: an allocation failed, or (with
                               page_limit) a page past opts->max_pages was
                               asked for; either way everything stops */
    bool page_limit;        /* the stop is the page limit */
    const char *limit_file; /* the block that asked for the page */
    long limit_line;
    /* the text area of every page, PDF coordinates (y up) */
    double left, right, top, bottom, width;
    /* the flow */
    size_t page;            /* current page */
    double y;               /* top of the free space on it */
    bool fresh;             /* nothing placed on it yet */
    double pending;         /* space owed before the next block; dropped at a page top */
    /* the block being laid out, for warnings (NULL/0: none) */
    const char *src_file;
    long src_line;
    /* characters already warned about (no font has them) */
    uint32_t *warned;
    size_t nwarned, cap_warned;
    /* the warning gathering the missing characters of the current block:
     * index + 1 in res->warnings (0 = none), its place, its characters */
    size_t miss_warning;
    const char *miss_file;
    long miss_line;
    size_t nmiss;
    char miss_list[640];
    /* typography (layout_text.c) */
    size_t block;               /* index of the block being placed */
    struct cx_ltrack *track;    /* where tables, figures and notes went; pending links */
} cx_layout_state;

/* Appends an item to a page (sticky oom on failure).  Text items are
 * split by the face that draws each character (fallback.c). */
void cx_layout_item(cx_layout_state *L, size_t page, const cx_item *it);

/* Appends an item as it is. */
void cx_layout_push(cx_layout_state *L, size_t page, const cx_item *it);

/* ---- fonts for every character (fallback.c) ---------------------------- */

/* Appends a text item as runs of one drawing face each: characters the
 * item's face lacks go to the fallback font that has them, characters no
 * font has become placeholder boxes (warned once each). */
void cx_layout_split_text(cx_layout_state *L, size_t page, const cx_item *it);

/* The same for the text of a chart's display list, in place. */
void cx_layout_split_dl(cx_layout_state *L, cx_dl *dl);

/* Adds a warning at the current block's script line. */
void cx_layout_warn(cx_layout_state *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- page furniture (furniture.c) -------------------------------------- */

/* The cover page (page 0): title, subtitle, client, author, date, logo,
 * in the theme's cover style. */
cx_status cx_layout_cover(cx_layout_state *L);

/* Headers, footers and the watermark of every page, once all pages and
 * headings are placed. */
void cx_layout_furniture(cx_layout_state *L);

/* Checks a picture file and gives its size in points for a width (its
 * natural width at 96 dpi when width is 0), naming the file on error. */
cx_status cx_layout_image_size(cx_layout_state *L, const char *path, double width,
                               double *w, double *h);

/* Starts a new page and makes it current. */
void cx_layout_new_page(cx_layout_state *L);

/* Free height on the current page once the pending space is paid. */
double cx_layout_avail(const cx_layout_state *L);

/* Pays the pending space (nothing at the top of a page). */
void cx_layout_begin_block(cx_layout_state *L);

/* Distance from the top of a line box of height lh to the baseline of
 * text at size in face (half-leading model). */
double cx_layout_baseline(const cx_layout_state *L, int face, double size, double lh);

/* ---- lines, links and references (layout_text.c) ---------------------- */

/* Draws the runs of a line whose box starts at top, left end at x, on the
 * current page: links and references in the theme's link colour and
 * clickable, note markers as superscripts. */
void cx_layout_draw_line(cx_layout_state *L, const cx_lline *ln, double x, double top,
                         double size, double lh, cx_rgba color);
/* The same, justified to fill (pt; 0 = as set) when the line was broken
 * with cx_linebreak_words. */
void cx_layout_draw_line_ex(cx_layout_state *L, const cx_lline *ln, double x, double top,
                            double size, double lh, cx_rgba color, double fill);

/* One line to flow: where and how it is drawn, an optional marker (a
 * bullet, a number) on its baseline, and how it may part from the line
 * before it. */
typedef struct cx_fline {
    const cx_lline *ln;
    double x, size;
    cx_rgba color;
    double fill;                /* justify to this width; 0 = as set */
    const cx_lrun *marker;      /* NULL = none */
    double marker_x;
    cx_rgba marker_color;
    double space_before;        /* above it, unless it starts a page */
    bool keep_with_prev;        /* never a page break just before it */
} cx_fline;

/* Where a flowed line went: its page and the top of its line box. */
typedef struct cx_fpos {
    size_t page;
    double top;
} cx_fpos;

/* The part of a flow placed on one page. */
typedef struct cx_fseg {
    size_t page;
    double top, bottom;         /* of the part's line boxes */
    size_t first_item;          /* the page's item count before the part */
    size_t first_line, nlines;
} cx_fseg;
typedef void (*cx_fseg_fn)(cx_layout_state *L, void *ctx, const cx_fseg *seg);

/* Places lines of height lh down the pages.  A page break leaves at
 * least two lines on each side (no widows or orphans) and never falls
 * before a line kept with the previous one, else the lines move on to
 * the next page; with keep_whole, lines that fit on a page never split.
 * Only when a fresh page cannot hold what the rules ask does it take
 * what fits, one line at least.  on_seg (or NULL) hears of each part;
 * pos (or NULL, else n entries) receives where each line went. */
void cx_layout_flow(cx_layout_state *L, const cx_fline *lines, size_t n, double lh,
                    bool keep_whole, cx_fseg_fn on_seg, void *ctx, cx_fpos *pos);
/* cx_layout_flow for one text in one colour: every line but the last
 * justified to fill (0 = none), marker on the first line; first and last
 * (or NULL) receive the first and last parts. */
void cx_layout_flow_text(cx_layout_state *L, const cx_ltext *t, double x, double lh,
                         cx_rgba color, double fill, const cx_lrun *marker, double marker_x,
                         cx_rgba marker_color, cx_fseg *first, cx_fseg *last);

/* Appends one item of a list (or of the notes) to lines[*n...]: its
 * lines at x (an empty item still one line, for its marker), the marker
 * on the first, space_before above it, and a break inside it only where
 * it leaves two lines of the item on each side. */
void cx_layout_item_lines(cx_fline *lines, size_t *n, const cx_ltext *t, double x,
                          cx_rgba color, const cx_lrun *marker, double marker_x,
                          cx_rgba marker_color, double space_before);

/* Inserts an item before the page's item `at` (a background drawn under
 * what is already there). */
void cx_layout_insert(cx_layout_state *L, size_t page, size_t at, const cx_item *it);

/* "Table 2: caption" ("word number: " in bold) broken at the text width;
 * no lines without a caption. */
cx_status cx_layout_numbered_caption(cx_layout_state *L, const char *word, int number,
                                     const cx_rich *caption, double size, cx_ltext *out);

/* Reference and note tracking: begin installs the reference resolver
 * (after L->lb exists); tables and figures mark where they start, notes
 * where they are listed; end makes the pending internal links once all
 * is placed; free releases the tables (accepts a state without them). */
cx_status cx_layout_text_begin(cx_layout_state *L);
void cx_layout_mark_block(cx_layout_state *L, size_t block, size_t page, double y);
void cx_layout_mark_note(cx_layout_state *L, int note, size_t page, double y);
/* A link from a listed note's number back to its marker in the text. */
void cx_layout_link_back(cx_layout_state *L, int note, size_t page, double x, double y, double w,
                         double h);
void cx_layout_text_end(cx_layout_state *L);
void cx_layout_text_free(cx_layout_state *L);

/* ---- key figures, callouts, quotes, notes (layout_blocks.c) ------------ */

typedef struct cx_pblock cx_pblock;

/* Measures and breaks the block's text once. */
cx_status cx_layout_block_prepare(cx_layout_state *L, size_t block, cx_pblock **out);
/* Height it needs at the bottom of a page to begin there, after `gap`. */
double cx_layout_block_min_start(const cx_layout_state *L, const cx_pblock *pb, double gap);
/* Places it in the flow. */
void cx_layout_block_place(cx_layout_state *L, const cx_pblock *pb);

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
/* "Figure N: caption" broken at the text width (no lines without a
 * caption); *lh is its line height.  Charts and images share it. */
cx_status cx_layout_figure_caption(cx_layout_state *L, int number, const cx_rich *caption,
                                   cx_ltext *out, double *lh);
/* A figure (a chart's or an image's item, h tall, with its caption):
 * its height, the height it needs to start a page's rest, and placing it
 * whole (the item's position is filled in). */
double cx_layout_figure_height(double h, const cx_ltext *caption, double caption_lh);
double cx_layout_figure_min_start(double height, double gap);
void cx_layout_place_figure(cx_layout_state *L, cx_item *it, double h, const cx_ltext *caption,
                            double caption_lh);

/* ---- images (layout_image.c) ------------------------------------------- */

typedef struct cx_pimage cx_pimage;

/* Checks the file, sizes the picture (the width asked for, else its
 * natural width, at most the column; at most a page tall with its
 * caption) and breaks its caption. */
cx_status cx_layout_image_prepare(cx_layout_state *L, size_t block, cx_pimage **out);
/* Height it needs at the bottom of a page to begin there, after `gap`. */
double cx_layout_image_min_start(const cx_pimage *pi, double gap);
/* Places picture and caption together, on the next page when they do not fit. */
void cx_layout_image_place(cx_layout_state *L, const cx_pimage *pi);

/* Height to keep free above a block that follows a heading of `level` (a
 * two-line heading with its spacing), so a chart sized to the page still
 * starts on the heading's page instead of leaving it alone. */
double cx_layout_heading_allowance(const cx_layout_state *L, int level);

#endif
