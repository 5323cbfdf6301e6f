/*
 * charts.h — chart exports for `cxreport build --charts DIR` (internal to
 * src/compile/).
 *
 * Every chart of a laid-out document, in document order, becomes
 * DIR/NN-stem.png (2 pixels per point) and DIR/NN-stem.svg, drawn by
 * Cairo from the same display list the PDF draws, with an 8 pt white
 * margin around it.  Rendering and writing
 * are two steps, so a build renders everything before it writes anything.
 *
 * Ownership: cx_charts_render returns a cx_chart_files the caller frees
 * with cx_chart_files_free (accepts NULL); it borrows nothing.
 */
#ifndef CX_BUILD_CHARTS_H
#define CX_BUILD_CHARTS_H

#include <stddef.h>

#include "cxreport/diag.h"
#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"

typedef struct cx_chart_files cx_chart_files;

/* Draws every chart of lr as PNG and SVG bytes, with the fonts of opts. */
cx_status cx_charts_render(const cx_layout_result *lr, const cx_doc *doc,
                           const cx_render_opts *opts, cx_chart_files **out, cx_diag *diag);

/* Writes each file into dir (which must exist) atomically. */
cx_status cx_charts_write(const cx_chart_files *files, const char *dir, cx_diag *diag);

void cx_chart_files_free(cx_chart_files *files);

/* The file-name stem of a chart: its name, else its title as a slug
 * (lowercase ASCII letters and digits, other runs as one '-', at most 60
 * characters), else "chart".  Always NUL-terminates buf. */
void cx_charts_stem(const cx_doc_chart *c, char *buf, size_t size);

#endif
