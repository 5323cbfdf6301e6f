/*
 * theme.c — the default look of a report: the one place that names
 * colours and sizes.  Brands override a copy of it (cx_brand_apply);
 * layout reads it and never hard-codes a colour.
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
        .link = CX_RGB(0x1D4E89),               /* the accent */
        .good = CX_RGB(0x1A7F37),               /* green, 5.0:1 on white */
        .bad = CX_RGB(0xC0392B),                /* red, 5.4:1 on white */
        .panel_fill = CX_RGB(0xF1F5F9),
        .footer = { CX_SLOT_TITLE, CX_SLOT_NONE, CX_SLOT_PAGE },
        .cover_style = CX_COVER_STRIPE,
        .cover_fill = CX_RGB(0x1D4E89),
        .cover_text = CX_RGB(0xFFFFFF),
        .cover_accent = CX_RGB(0x1F2933),
        .watermark_color = (CX_RGB(0x9AA5B1) & ~(cx_rgba)0xFF) | 0x26,  /* 15 % */
    };
}

/* c mixed with white: t = 0 gives c, t = 1 white. */
static cx_rgba tint(cx_rgba c, double t)
{
    cx_rgba out = 0xFF;
    for (int shift = 8; shift <= 24; shift += 8) {
        double v = (double)((c >> shift) & 0xFF);
        out |= (cx_rgba)(v + (255.0 - v) * t + 0.5) << shift;
    }
    return out;
}

void cx_brand_apply(const cx_brand *b, cx_render_opts *opts, cx_theme *th)
{
    cx_render_opts_default(opts);
    opts->fonts.regular = b->regular;
    opts->fonts.bold = b->bold;
    opts->fonts.italic = b->italic;
    opts->fonts.bold_italic = b->bold_italic;
    opts->fonts.nfallback = b->nfallback < CX_MAX_FALLBACK ? b->nfallback : CX_MAX_FALLBACK;
    for (size_t k = 0; k < opts->fonts.nfallback; k++)
        opts->fonts.fallback[k] = b->fallback[k];
    opts->page_width = b->page_width;
    opts->page_height = b->page_height;
    opts->margin_top = b->margin_top;
    opts->margin_right = b->margin_right;
    opts->margin_bottom = b->margin_bottom;
    opts->margin_left = b->margin_left;

    cx_theme_default(th);
    th->text = b->text;
    th->muted = b->muted;
    th->accent = b->primary;
    th->link = b->primary;
    th->heading = b->secondary;
    th->rule = b->rule;
    th->table_header_fill = b->background;
    th->table_header_text = b->secondary;
    th->table_stripe_fill = b->stripe;
    th->panel_fill = tint(b->background, 0.5);
    for (int i = 0; i < 3; i++) {
        th->header[i] = b->header[i];
        th->footer[i] = b->footer[i];
    }
    th->confidential = b->confidential;
    th->logo = b->logo;
    th->cover_style = b->cover_style;
    th->cover_fill = b->cover_color;
    th->cover_text = b->cover_text;
    th->cover_accent = b->accent;
    th->cover_image = b->cover_image;
    th->watermark = b->watermark;
    th->watermark_color = b->watermark_color;
    th->npalette = b->nchart;
    th->palette = b->nchart ? b->chart : NULL;
}
