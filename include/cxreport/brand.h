/*
 * brand.h — a brand kit: the look of a report, as plain data.
 *
 * A brand is a folder holding brand.lua and its assets (logo, fonts,
 * cover image).  brand.lua returns one table; cx_brand_load runs it in a
 * fresh Lua state of its own (base, string, table and math only; no
 * files, a small memory cap and an instruction budget), checks every key
 * and type, resolves every file against the folder (absolute paths are
 * allowed) and checks that each can be opened and is what it claims to be
 * (TrueType for fonts, PNG or JPEG for images).  The README documents the
 * format.  Layout applies a brand through cx_brand_apply (layout.h).
 *
 * Errors: CX_EDATA with the position in brand.lua ("brand.lua:12: ...",
 * the line of the offending key when it can be found in the source) and
 * a message naming the key and, for assets, the file; CX_EINTERNAL on out
 * of memory.
 *
 * Ownership: cx_brand_load allocates a cx_brand that the caller frees with
 * cx_brand_free (accepts NULL); every string in it is owned by it.
 */
#ifndef CXREPORT_BRAND_H
#define CXREPORT_BRAND_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/chart.h"
#include "cxreport/diag.h"

enum { CX_BRAND_MAX_CHART = 16, CX_BRAND_MAX_FALLBACK = 4 };

/* What a header or footer slot shows. */
typedef enum cx_slot {
    CX_SLOT_NONE = 0,
    CX_SLOT_LOGO,           /* the brand's logo */
    CX_SLOT_TITLE,          /* the report's title */
    CX_SLOT_SECTION,        /* the level-1 heading in force on the page */
    CX_SLOT_CONFIDENTIAL,   /* the confidentiality line */
    CX_SLOT_PAGE,           /* "Page x of y" */
} cx_slot;

typedef enum cx_cover_style {
    CX_COVER_STRIPE = 0,    /* a thin stripe down the left edge (the house look) */
    CX_COVER_BAND,          /* a full-bleed colour band across the top */
    CX_COVER_IMAGE,         /* a full-bleed image across the top */
} cx_cover_style;

typedef struct cx_brand {
    char *name;
    char *dir;                      /* the brand folder, resolved */
    char *file;                     /* its brand.lua, as named to the loader */
    /* colours */
    cx_rgba primary;                /* heading 1, title bars, bullets, cover */
    cx_rgba secondary;              /* headings 2 and 3 */
    cx_rgba accent;                 /* a highlight: the rule under the cover band */
    cx_rgba text, muted;            /* body text; captions, furniture */
    cx_rgba rule;                   /* rules under headers, table rules */
    cx_rgba background;             /* light accent: table header shading */
    cx_rgba stripe;                 /* every other table row; CX_NONE = none */
    size_t nchart;
    cx_rgba chart[CX_BRAND_MAX_CHART];  /* palette of charts without their own */
    /* fonts: TrueType files, resolved */
    char *regular, *bold, *italic, *bold_italic;
    size_t nfallback;
    char *fallback[CX_BRAND_MAX_FALLBACK];  /* for characters the main font lacks */
    /* page */
    double page_width, page_height;         /* points */
    double margin_top, margin_right, margin_bottom, margin_left;
    /* furniture */
    char *logo;                     /* PNG or JPEG file, or NULL */
    cx_slot header[3], footer[3];   /* left, centre, right */
    char *confidential;             /* text; "{client}" = the report's client */
    /* cover */
    cx_cover_style cover_style;
    cx_rgba cover_color;            /* the band or stripe */
    cx_rgba cover_text;             /* title and subtitle on the band */
    char *cover_image;              /* CX_COVER_IMAGE: PNG or JPEG file */
    /* watermark */
    char *watermark;                /* text on every page, or NULL */
    cx_rgba watermark_color;        /* with its opacity in the alpha byte */
} cx_brand;

/* Loads DIR/brand.lua. */
cx_status cx_brand_load(const char *dir, cx_brand **out, cx_diag *diag);
void cx_brand_free(cx_brand *b);

/* Finds the folder of the brand called name: BRANDS/name beside the
 * script (script_path's folder + "/brands/"), then templates_dir/brands/
 * name.  A name is 1 to 64 ASCII letters, digits, '-' and '_'.  Returns
 * false when the name is invalid or no such folder holds a brand.lua. */
bool cx_brand_find(const char *name, const char *script_path, const char *templates_dir,
                   char *out, size_t size);

/* True when name is a valid brand name (see cx_brand_find). */
bool cx_brand_name_ok(const char *name);

#endif
