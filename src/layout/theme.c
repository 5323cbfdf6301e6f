/*
 * theme.c — the default look of a report: the one place that names
 * colours and sizes.  Brands override a copy of it; layout reads it and
 * never hard-codes a colour.
 */
#include "cxreport/layout.h"

void cx_theme_default(cx_theme *t)
{
    *t = (cx_theme){
        .text = CX_RGB(0x1F2933),               /* near-black slate */
        .muted = CX_RGB(0x616E7C),
        .accent = CX_RGB(0x1D4E89),             /* deep blue */
        .heading = CX_RGB(0x1F2933),
        .rule = CX_RGB(0xCBD2D9),
        .table_header_fill = CX_RGB(0xE1E9F2),  /* the accent, much lighter */
        .table_header_text = CX_RGB(0x102A43),
        .table_stripe_fill = CX_RGB(0xF5F7FA),
        .body_size = 10.0,
        .leading = 1.45,
        .heading_size = { 20.0, 15.0, 12.0 },
        .table_size = 9.0,
        .title_size = 30.0,
        .subtitle_size = 16.0,
        .byline_size = 11.0,
        .footer_size = 8.0,
        .paragraph_space = 8.0,
    };
}
