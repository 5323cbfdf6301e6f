/*
 * furniture.c — what a brand puts around the text: the cover page, the
 * header and footer of every page, the watermark.
 *
 * The cover is page 0, in one of three styles (brand.h): the house
 * stripe down the left edge, a full-bleed colour band with the title
 * reversed out of it, or a full-bleed image over the title.  Headers and
 * footers are three slots each (left, centre, right), filled once every
 * page exists, so "Page x of y" knows y and the section of a page is the
 * last level-1 heading placed on it or before it.  The watermark is drawn
 * last, over everything, light and diagonal, so it shows on coloured
 * bands too while the text under it stays readable.
 *
 * Never draws: it only adds items.  Never decides the flow of the body.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cxreport/image.h"

static const double LOGO_MAX_H = 22.0;      /* header and footer logo height, pt */
static const double COVER_LOGO_H = 40.0;
static const double RAD = 3.14159265358979323846 / 180.0;

static const char *const MONTHS[12] = { "January", "February", "March", "April",
                                        "May", "June", "July", "August",
                                        "September", "October", "November", "December" };

/* A string the layout made, or out of memory noted: a page must never
 * quietly lose a line because the arena could not hold it. */
static char *made(cx_layout_state *L, char *s)
{
    if (!s)
        L->oom = true;
    return s;
}

/* "22 November 2026" in UTC, English, whatever the locale; NULL for a
 * date gmtime cannot show (the renderer reports that one). */
static char *format_date(cx_layout_state *L, int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    if ((int64_t)t != epoch || !gmtime_r(&t, &tm))
        return NULL;
    return made(L, cx_arena_printf(L->res->arena, "%d %s %lld", tm.tm_mday, MONTHS[tm.tm_mon],
                                   (long long)tm.tm_year + 1900));
}

static void put_text(cx_layout_state *L, size_t page, const char *s, size_t len, int face,
                     double size, cx_rgba color, double x, double y)
{
    cx_item it = { .kind = CX_ITEM_TEXT };
    it.text = (cx_item_text){ s, len, face, size, color, x, y,
                              cx_font_measure(L->font, face, size, s, len), 0 };
    cx_layout_item(L, page, &it);
}

static void put_rect(cx_layout_state *L, size_t page, double x, double y, double w, double h,
                     cx_rgba fill)
{
    cx_item it = { .kind = CX_ITEM_RECT };
    it.rect = (cx_item_rect){ x, y, w, h, fill, CX_NONE, 0 };
    cx_layout_item(L, page, &it);
}

static void put_rule(cx_layout_state *L, size_t page, double y, cx_rgba color)
{
    cx_item it = { .kind = CX_ITEM_LINE };
    it.line = (cx_item_line){ L->left, y, L->right, y, color, 0.5, { 0, 0 }, false };
    cx_layout_item(L, page, &it);
}

static void put_image(cx_layout_state *L, size_t page, const char *path, double x, double y,
                      double w, double h)
{
    cx_item it = { .kind = CX_ITEM_IMAGE };
    it.image = (cx_item_image){ path, x, y, w, h };
    cx_layout_item(L, page, &it);
}

cx_status cx_layout_image_size(cx_layout_state *L, const char *path, double width, double *w,
                               double *h)
{
    cx_image_info info;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_image_probe(path, &info, &d) != CX_OK)
        return cx_diag_set(L->diag, CX_EDATA, L->src_file ? L->src_file : path,
                           L->src_file ? L->src_line : 0, 0, "%s%s%s",
                           L->src_file ? path : "", L->src_file ? ": " : "", d.message);
    *w = width > 0 ? width : info.width * 0.75;     /* 96 pixels per inch */
    *h = *w * (double)info.height / (double)info.width;
    return CX_OK;
}

/* Plain text wrapped at `width` from *y down, stopping above floor_y (a
 * cover never spills).  Lines are left-aligned at x. */
static cx_status block_text(cx_layout_state *L, const char *s, int face, double size, double lh,
                            cx_rgba color, double x, double width, double *y, double floor_y)
{
    cx_ltext t;
    cx_status st = cx_linebreak_plain(L->lb, s, face, size, width, &t, L->diag);
    if (st != CX_OK)
        return st;
    for (size_t k = 0; k < t.nlines && *y - lh >= floor_y; k++) {
        cx_layout_draw_line(L, &t.lines[k], x, *y, size, lh, color);
        *y -= lh;
    }
    return CX_OK;
}

/* Height that block_text would use. */
static cx_status block_height(cx_layout_state *L, const char *s, int face, double size,
                              double lh, double width, double *h)
{
    cx_ltext t;
    cx_status st = cx_linebreak_plain(L->lb, s, face, size, width, &t, L->diag);
    *h = st == CX_OK ? (double)t.nlines * lh : 0;
    return st;
}

/* ---- the cover --------------------------------------------------------- */

typedef struct cover_text {
    const char *title, *subtitle, *client, *author, *date;
} cover_text;

/* The stripe: the house look, title in the middle of the page. */
static cx_status cover_stripe(cx_layout_state *L, const cover_text *ct)
{
    const cx_theme *th = &L->th;
    put_rect(L, 0, 0, 0, 14.0, L->res->page_height, th->cover_fill);
    double y = L->bottom + (L->top - L->bottom) * 0.62;
    put_rect(L, 0, L->left, y + 18.0, 56.0, 5.0, th->cover_fill);
    double floor_y = L->bottom + 90.0;
    cx_status st = CX_OK;
    if (ct->title)
        st = block_text(L, ct->title, 1, th->title_size, th->title_size * 1.18, th->text,
                        L->left, L->width, &y, floor_y);
    if (st == CX_OK && ct->subtitle) {
        y -= 8.0;
        st = block_text(L, ct->subtitle, 0, th->subtitle_size, th->subtitle_size * 1.35,
                        th->muted, L->left, L->width, &y, floor_y);
    }
    if (st == CX_OK && ct->client) {
        y -= 14.0;
        st = block_text(L, ct->client, 1, th->byline_size, th->byline_size * 1.45, th->accent,
                        L->left, L->width, &y, floor_y);
    }
    return st;
}

/* The band (a colour, or the cover image) across the top of the page,
 * with the title on it (band) or under it (image). */
static cx_status cover_band(cx_layout_state *L, const cover_text *ct)
{
    const cx_theme *th = &L->th;
    double pw = L->res->page_width, ph = L->res->page_height;
    double band_bottom = ph * 0.50;
    cx_status st = CX_OK;
    bool image = th->cover_style == CX_COVER_IMAGE && th->cover_image;
    if (image) {
        double iw, ih;
        if ((st = cx_layout_image_size(L, th->cover_image, pw, &iw, &ih)) != CX_OK)
            return st;
        if (ih > ph * 0.55) {           /* too tall: fit the height, centred */
            iw *= ph * 0.55 / ih;
            ih = ph * 0.55;
        }
        put_rect(L, 0, 0, ph - ih, pw, ih, th->cover_fill);
        put_image(L, 0, th->cover_image, (pw - iw) / 2, ph - ih, iw, ih);
        band_bottom = ph - ih;
    } else {
        put_rect(L, 0, 0, band_bottom, pw, ph - band_bottom, th->cover_fill);
    }
    /* a thin rule in the heading colour under the band */
    put_rect(L, 0, 0, band_bottom - 5.0, pw, 5.0, th->cover_accent);
    cx_rgba title_c = image ? th->text : th->cover_text;
    cx_rgba sub_c = image ? th->muted : th->cover_text;
    double tlh = th->title_size * 1.15, slh = th->subtitle_size * 1.35;
    double y;
    if (image) {
        y = band_bottom - 36.0;
    } else {
        /* title and subtitle sit at the foot of the band */
        double th_title = 0, th_sub = 0;
        if (ct->title && (st = block_height(L, ct->title, 1, th->title_size, tlh, L->width,
                                            &th_title)) != CX_OK)
            return st;
        if (ct->subtitle && (st = block_height(L, ct->subtitle, 0, th->subtitle_size, slh,
                                               L->width, &th_sub)) != CX_OK)
            return st;
        double need = th_title + (ct->subtitle ? 10.0 + th_sub : 0);
        y = fmin(band_bottom + 40.0 + need, ph - L->opts->margin_top);
    }
    double floor_y = image ? L->bottom + 120.0 : band_bottom + 20.0;
    if (ct->title)
        st = block_text(L, ct->title, 1, th->title_size, tlh, title_c, L->left, L->width, &y,
                        floor_y);
    if (st == CX_OK && ct->subtitle) {
        y -= 10.0;
        st = block_text(L, ct->subtitle, 0, th->subtitle_size, slh, sub_c, L->left, L->width,
                        &y, floor_y);
    }
    if (st == CX_OK && ct->client) {
        double cy = image ? y - 28.0 : band_bottom - 48.0;
        double lsize = th->byline_size - 1.0;
        put_text(L, 0, "PREPARED FOR", 12, 1, lsize, th->muted, L->left, cy);
        cy -= lsize * 0.6;
        st = block_text(L, ct->client, 1, th->subtitle_size, th->subtitle_size * 1.3,
                        th->heading, L->left, L->width, &cy, L->bottom + 90.0);
    }
    return st;
}

cx_status cx_layout_cover(cx_layout_state *L)
{
    const cx_theme *th = &L->th;
    const cx_doc_meta *m = cx_doc_get_meta(L->doc);
    cx_layout_new_page(L);
    cover_text ct = { m->title, m->subtitle, NULL, m->author, m->date };
    if (!ct.date && L->opts->has_date)
        ct.date = format_date(L, L->opts->date_epoch);
    if (m->prepared_for)
        ct.client = th->cover_style == CX_COVER_STRIPE
                        ? made(L, cx_arena_printf(L->res->arena, "Prepared for %s",
                                                  m->prepared_for))
                        : m->prepared_for;
    cx_status st = th->cover_style == CX_COVER_STRIPE ? cover_stripe(L, &ct) : cover_band(L, &ct);
    /* Author and date at the foot of the page, the logo beside them. */
    double blh = th->byline_size * 1.45;
    double by = L->bottom + 2.0 * blh;
    double text_x = L->left;
    if (st == CX_OK && th->logo) {
        double lw, lh;
        if ((st = cx_layout_image_size(L, th->logo, 0, &lw, &lh)) == CX_OK) {
            double h = COVER_LOGO_H, w = lw * h / lh;
            if (w > L->width * 0.4) {
                h *= L->width * 0.4 / w;
                w = L->width * 0.4;
            }
            put_image(L, 0, th->logo, L->right - w, L->bottom, w, h);
        }
    }
    if (st == CX_OK && ct.author)
        st = block_text(L, ct.author, 1, th->byline_size, blh, th->text, text_x, L->width * 0.55,
                        &by, L->bottom);
    else
        by -= blh;
    if (st == CX_OK && ct.date)
        st = block_text(L, ct.date, 0, th->byline_size, blh, th->muted, text_x, L->width * 0.55,
                        &by, L->bottom - blh);
    L->fresh = false;
    return st;
}

/* ---- headers, footers, watermark --------------------------------------- */

/* Truncates plain text to fit max_width, ending with an ellipsis. */
static const char *fit_text(cx_layout_state *L, const char *s, int face, double size,
                            double max_width, size_t *len_out)
{
    size_t len = strlen(s);
    if (cx_font_measure(L->font, face, size, s, len) <= max_width) {
        *len_out = len;
        return s;
    }
    const char *ell = "\xE2\x80\xA6";
    double ew = cx_font_measure(L->font, face, size, ell, 3);
    double w = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        uint32_t cp = cx_font_next_cp(s, len, &j);
        double cw = (double)cx_font_cp_units(L->font, face, cp) * size / 1000.0;
        if (w + cw + ew > max_width)
            break;
        w += cw;
        i = j;
    }
    while (i > 0 && s[i - 1] == ' ')
        i--;
    char *out = made(L, cx_arena_printf(L->res->arena, "%.*s%s", (int)i, s, ell));
    *len_out = out ? strlen(out) : 0;
    return out;
}

/* "{client}" replaced by the client.  Without one, the clause that names
 * the client goes: the line is cut at the last " — ", " - ", ": " or ", "
 * before it ("Confidential — prepared for {client}" reads "Confidential"),
 * or, when there is none, "{client}" reads "the client". */
static const char *confidential_text(cx_layout_state *L)
{
    const char *t = L->th.confidential;
    if (!t)
        return NULL;
    const char *at = strstr(t, "{client}");
    if (!at)
        return t;
    const char *client = cx_doc_get_meta(L->doc)->prepared_for;
    if (client)
        return made(L, cx_arena_printf(L->res->arena, "%.*s%s%s", (int)(at - t), t, client,
                                       at + 8));
    static const char *const seps[] = { " \xE2\x80\x94 ", " - ", ": ", ", " };
    const char *cut = NULL;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
        for (const char *p = strstr(t, seps[k]); p && p < at; p = strstr(p + 1, seps[k]))
            if (!cut || p > cut)
                cut = p;
    if (cut && cut > t)
        return made(L, cx_arena_printf(L->res->arena, "%.*s", (int)(cut - t), t));
    return made(L, cx_arena_printf(L->res->arena, "%.*sthe client%s", (int)(at - t), t, at + 8));
}

typedef struct bar {
    const cx_slot *slots;           /* left, centre, right */
    double base;                    /* text baseline */
    double logo_y;                  /* bottom of a logo */
    double logo_h;
} bar;

/* The text a slot shows on page p; NULL = nothing. */
static const char *slot_text(cx_layout_state *L, cx_slot s, size_t p, const char *conf)
{
    switch (s) {
    case CX_SLOT_TITLE:
        return cx_doc_get_meta(L->doc)->title;
    case CX_SLOT_CONFIDENTIAL:
        return conf;
    case CX_SLOT_PAGE: {
        return made(L, cx_arena_printf(L->res->arena, "Page %zu of %zu", p + 1,
                                       L->res->npages));
    }
    case CX_SLOT_SECTION: {
        const char *title = NULL;
        for (size_t k = 0; k < L->res->noutline; k++)
            if (L->res->outline[k].level == 1 && L->res->outline[k].page <= p)
                title = L->res->outline[k].title;
        return title;
    }
    case CX_SLOT_NONE:
    case CX_SLOT_LOGO:
        break;
    }
    return NULL;
}

static void draw_bar(cx_layout_state *L, size_t p, const bar *b, const char *conf, double lw)
{
    const cx_theme *th = &L->th;
    double size = th->footer_size;
    bool centre = b->slots[1] != CX_SLOT_NONE;
    double widths[3] = { 0, 0, 0 };
    const char *texts[3] = { NULL, NULL, NULL };
    size_t lens[3] = { 0, 0, 0 };
    for (int i = 0; i < 3; i++) {
        if (b->slots[i] == CX_SLOT_LOGO) {
            widths[i] = lw;
            continue;
        }
        texts[i] = slot_text(L, b->slots[i], p, conf);
        if (texts[i]) {
            lens[i] = strlen(texts[i]);
            widths[i] = cx_font_measure(L->font, 0, size, texts[i], lens[i]);
        }
    }
    /* The centre slot takes at most half the width, the sides what is
     * left beside it; without a centre, the right slot (page numbers,
     * usually) keeps its width and the left one gets the rest.  Text that
     * does not fit is cut with an ellipsis. */
    for (int i = 0; i < 3; i++) {
        if (!texts[i])
            continue;
        double mid = fmin(widths[1], L->width * 0.5);
        double room = centre ? (i == 1 ? L->width * 0.5 : (L->width - mid) / 2 - 12.0)
                             : L->width - widths[2 - i] - 24.0;
        if (i == 2 && !centre)
            room = L->width * 0.6;
        if (widths[i] > room) {
            texts[i] = fit_text(L, texts[i], 0, size, room, &lens[i]);
            if (!texts[i]) {
                L->oom = true;
                return;
            }
            widths[i] = cx_font_measure(L->font, 0, size, texts[i], lens[i]);
        }
    }
    double xs[3] = { L->left, (L->left + L->right - widths[1]) / 2, L->right - widths[2] };
    for (int i = 0; i < 3; i++) {
        if (b->slots[i] == CX_SLOT_LOGO && L->th.logo && lw > 0)
            put_image(L, p, L->th.logo, xs[i], b->logo_y, lw, b->logo_h);
        else if (texts[i])
            put_text(L, p, texts[i], lens[i], 0, size, th->muted, xs[i], b->base);
    }
}

static void watermark(cx_layout_state *L)
{
    const cx_theme *th = &L->th;
    const char *s = th->watermark;
    size_t len = strlen(s);
    double pw = L->res->page_width, ph = L->res->page_height;
    double angle = atan2(ph, pw) / RAD;
    double units = (double)cx_font_units(L->font, 1, s, len);
    if (units <= 0)
        return;
    /* as wide as 60 % of the diagonal, at most 160 pt tall */
    double size = fmin(160.0, 0.6 * hypot(pw, ph) * 1000.0 / units);
    double w = units * size / 1000.0;
    double c = cos(angle * RAD), sn = sin(angle * RAD);
    double lift = size * 0.35;      /* centre the capitals on the diagonal */
    double x = pw / 2 - c * w / 2 + sn * lift, y = ph / 2 - sn * w / 2 - c * lift;
    for (size_t p = 0; p < L->res->npages && !L->oom; p++) {
        cx_item it = { .kind = CX_ITEM_TEXT };
        it.text = (cx_item_text){ s, len, 1, size, th->watermark_color, x, y, w, angle };
        cx_layout_item(L, p, &it);
    }
}

void cx_layout_furniture(cx_layout_state *L)
{
    const cx_theme *th = &L->th;
    const char *conf = confidential_text(L);
    double ph = L->res->page_height;
    double size = th->footer_size;
    bool any_header = false, any_footer = false, logo = false;
    for (int i = 0; i < 3; i++) {
        any_header |= th->header[i] != CX_SLOT_NONE;
        any_footer |= th->footer[i] != CX_SLOT_NONE;
        logo |= th->header[i] == CX_SLOT_LOGO || th->footer[i] == CX_SLOT_LOGO;
    }
    /* Header: text baseline in the middle of the top margin, a rule
     * between it and the text; footer: as the house look had it. */
    double head_rule = L->top + fmin(10.0, (ph - L->top) * 0.2);
    double logo_h = fmin(LOGO_MAX_H, (ph - head_rule - 5.0) * 0.55);
    double foot_base = L->opts->margin_bottom * 0.45;
    double foot_rule = foot_base + size + 5.0;
    bar header = { th->header, head_rule + 7.0, head_rule + 5.0, logo_h };
    bar footer = { th->footer, foot_base, foot_base - 2.0,
                   fmin(logo_h, foot_rule - 4.0 - (foot_base - 2.0)) };
    double lw_head = 0, lw_foot = 0;
    if (logo && th->logo) {
        double w, h;
        cx_diag keep = *L->diag;
        if (cx_layout_image_size(L, th->logo, 0, &w, &h) == CX_OK) {
            lw_head = w * header.logo_h / h;
            lw_foot = w * footer.logo_h / h;
        }
        *L->diag = keep;            /* the cover already reported a bad logo */
    }
    for (size_t p = 1; p < L->res->npages && !L->oom; p++) {
        if (any_header) {
            put_rule(L, p, head_rule, th->rule);
            draw_bar(L, p, &header, conf, lw_head);
        }
        if (any_footer) {
            put_rule(L, p, foot_rule, th->rule);
            draw_bar(L, p, &footer, conf, lw_foot);
        }
    }
    if (th->watermark && th->watermark[0])
        watermark(L);
}
