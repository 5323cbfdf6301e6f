/*
 * pdf_chart.h — drawing a chart's display list into a libharu page.
 *
 * Internal to src/render/: only pdf.c (and the tests) call it, so libharu
 * types stay out of the public headers.
 *
 * cx_pdf_draw_dl draws `dl` with its top-left corner at (x, y_top) in PDF
 * page coordinates (points, y up).  fonts[face], for every face the
 * list uses (CX_FACE_* and the fallback faces of render.h: an array of
 * CX_MAX_FACES when it has any), must be the faces the chart was measured
 * with, loaded with the UTF-8 encoder; a face the list does not use may
 * be NULL.  pdf is used
 * only for colours with alpha (ExtGState); it may be NULL when the list is
 * opaque, as chart lists always are.  Colour, width and dash are set before
 * each path starts (libharu discards a path whose state changes midway);
 * the page's graphics state is saved and restored around the chart.
 * Errors go through the document's libharu error handler.
 */
#ifndef CX_PDF_CHART_H
#define CX_PDF_CHART_H

#include <hpdf.h>

#include "cxreport/chart.h"
#include "cxreport/render.h"

void cx_pdf_draw_dl(HPDF_Doc pdf, HPDF_Page page, HPDF_Font *fonts,
                    const cx_dl *dl, double x, double y_top);

#endif
