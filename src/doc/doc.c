/*
 * doc.c — the document tree: metadata and a flat sequence of blocks.
 *
 * Owns the document's arena (all text, spans and tables) and the block
 * array.  Every adder checks its input completely (UTF-8, levels, table
 * shape) before it allocates anything that would become visible, so a
 * failed call leaves the document as it was.  Never measures, never
 * decides where anything goes: that is layout's job.
 */
#include "cxreport/doc.h"
#include "doc_chart.h"
#include "doc_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cx_doc *cx_doc_new(void)
{
    cx_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->arena = cx_arena_new();
    if (!doc->arena) {
        free(doc);
        return NULL;
    }
    return doc;
}

void cx_doc_free(cx_doc *doc)
{
    if (!doc)
        return;
    cx_arena_free(doc->arena);
    free(doc->blocks);
    free(doc);
}

cx_arena *cx_doc_arena(cx_doc *doc)
{
    return doc->arena;
}

size_t cx_doc_bytes(const cx_doc *doc)
{
    return sizeof *doc + cx_arena_used(doc->arena) + doc->cap * sizeof *doc->blocks;
}

const cx_doc_meta *cx_doc_get_meta(const cx_doc *doc)
{
    return &doc->meta;
}

size_t cx_doc_block_count(const cx_doc *doc)
{
    return doc->nblocks;
}

const cx_block *cx_doc_block(const cx_doc *doc, size_t i)
{
    return i < doc->nblocks ? &doc->blocks[i] : NULL;
}

void cx_doc_set_source(cx_doc *doc, const char *file, long line)
{
    doc->src_line = line;
    if (!file) {
        doc->src_file = NULL;
        return;
    }
    /* Scripts add many blocks from one file: copy the name only when it
     * changes.  On out of memory the location is merely lost. */
    if (doc->src_file && strcmp(doc->src_file, file) == 0)
        return;
    doc->src_file = cx_arena_strdup(doc->arena, file);
}

static cx_status oom(cx_doc *doc, cx_diag *diag)
{
    return cx_diag_set(diag, CX_EINTERNAL, doc->src_file, doc->src_line, 0,
                       "out of memory building the document");
}

static cx_status missing(cx_doc *doc, cx_diag *diag, const char *what)
{
    return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                       "%s is missing", what);
}

/* Checks that s is present and valid UTF-8; `what` names it in the
 * message ("heading", "list item 3", ...). */
static cx_status check_text(cx_doc *doc, const char *s, const char *what, cx_diag *diag)
{
    if (!s)
        return missing(doc, diag, what);
    size_t bad;
    if (!cx_utf8_valid(s, strlen(s), &bad))
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "invalid UTF-8 in %s at byte %zu", what, bad + 1);
    return CX_OK;
}

static cx_status parse_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag)
{
    /* The text was validated by the caller, so only memory can fail here;
     * the message stays, the position becomes the script's. */
    cx_status st = cx_rich_parse(doc->arena, s, out, diag);
    if (st == CX_OK)
        st = cx_doc_number_notes(doc, out, diag);
    if (st != CX_OK && diag) {
        snprintf(diag->file, sizeof diag->file, "%s", doc->src_file ? doc->src_file : "");
        diag->line = doc->src_line;
    }
    return st;
}

/* A plain (unparsed) text as one span, or no span when empty. */
static cx_status plain_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag)
{
    out->nspans = 0;
    out->spans = NULL;
    size_t len = strlen(s);
    if (len == 0)
        return CX_OK;
    out->spans = cx_arena_calloc(doc->arena, 1, sizeof *out->spans);
    char *p = cx_arena_strndup(doc->arena, s, len);
    if (!out->spans || !p)
        return oom(doc, diag);
    out->spans[0] = (cx_span){ .text = p, .len = len };
    out->nspans = 1;
    return CX_OK;
}

/* Appends a zeroed block of the given kind, stamped with the source
 * position; NULL on out of memory. */
static cx_block *push_block(cx_doc *doc, cx_block_kind kind)
{
    if (doc->nblocks == doc->cap) {
        size_t ncap = doc->cap ? doc->cap * 2 : 32;
        if (ncap > SIZE_MAX / sizeof *doc->blocks)
            return NULL;
        cx_block *nb = realloc(doc->blocks, ncap * sizeof *nb);
        if (!nb)
            return NULL;
        doc->blocks = nb;
        doc->cap = ncap;
    }
    cx_block *b = &doc->blocks[doc->nblocks];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->src_file = doc->src_file;
    b->src_line = doc->src_line;
    return b;
}

cx_status cx_doc_set_meta(cx_doc *doc, const char *key, const char *value, cx_diag *diag)
{
    static const char *const keys[] = { "title", "subtitle", "author", "date",
                                        "subject", "keywords", "brand", "prepared_for" };
    const char **slot[] = { &doc->meta.title, &doc->meta.subtitle, &doc->meta.author,
                            &doc->meta.date, &doc->meta.subject, &doc->meta.keywords,
                            &doc->meta.brand, &doc->meta.prepared_for };
    if (!key)
        return missing(doc, diag, "metadata key");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i]) != 0)
            continue;
        if (!value) {
            *slot[i] = NULL;
            return CX_OK;
        }
        char what[32];
        snprintf(what, sizeof what, "metadata '%s'", keys[i]);
        cx_status st = check_text(doc, value, what, diag);
        if (st != CX_OK)
            return st;
        char *copy = cx_arena_strdup(doc->arena, value);
        if (!copy)
            return oom(doc, diag);
        *slot[i] = copy;
        return CX_OK;
    }
    if (!cx_utf8_valid(key, strlen(key), NULL))
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "unknown metadata key (invalid UTF-8)");
    return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                       "unknown metadata key '%.100s' (expected title, subtitle, author, "
                       "date, subject, keywords, brand or prepared_for)", key);
}

cx_status cx_doc_add_heading(cx_doc *doc, int level, const char *text, cx_diag *diag)
{
    if (level < 1 || level > 3)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "heading level must be 1, 2 or 3, got %d", level);
    cx_status st = check_text(doc, text, "heading", diag);
    if (st != CX_OK)
        return st;
    cx_rich r;
    if ((st = plain_rich(doc, text, &r, diag)) != CX_OK)
        return st;
    cx_block *b = push_block(doc, CX_BLOCK_HEADING);
    if (!b)
        return oom(doc, diag);
    b->level = level;
    b->text = r;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_paragraph(cx_doc *doc, const char *markup, cx_diag *diag)
{
    cx_status st = check_text(doc, markup, "paragraph", diag);
    if (st != CX_OK)
        return st;
    cx_rich r;
    if ((st = parse_rich(doc, markup, &r, diag)) != CX_OK)
        return st;
    cx_block *b = push_block(doc, CX_BLOCK_PARAGRAPH);
    if (!b)
        return oom(doc, diag);
    b->text = r;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_list(cx_doc *doc, bool numbered, const char *const *items,
                          size_t nitems, cx_diag *diag)
{
    if (nitems > 0 && !items)
        return missing(doc, diag, "list items array");
    char what[48];
    for (size_t i = 0; i < nitems; i++) {
        snprintf(what, sizeof what, "list item %zu", i + 1);
        cx_status st = check_text(doc, items[i], what, diag);
        if (st != CX_OK)
            return st;
    }
    cx_rich *rs = cx_arena_calloc(doc->arena, nitems ? nitems : 1, sizeof *rs);
    if (!rs)
        return oom(doc, diag);
    for (size_t i = 0; i < nitems; i++) {
        cx_status st = parse_rich(doc, items[i], &rs[i], diag);
        if (st != CX_OK)
            return st;
    }
    cx_block *b = push_block(doc, CX_BLOCK_LIST);
    if (!b)
        return oom(doc, diag);
    b->numbered = numbered;
    b->nitems = nitems;
    b->items = rs;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_table(cx_doc *doc, size_t ncols, const char *const *header,
                           const cx_align *align, size_t nrows,
                           const char *const *cells, cx_diag *diag)
{
    if (ncols == 0)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "table has no columns");
    if (!header)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "table header is missing (expected %zu column names)", ncols);
    if (nrows > 0 && !cells)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "table cells are missing (expected %zu rows of %zu)", nrows, ncols);
    if (nrows > SIZE_MAX / ncols)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "table is too large (%zu rows of %zu columns)", nrows, ncols);
    char what[96];
    for (size_t c = 0; c < ncols; c++) {
        if (!header[c])
            return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                               "table header has only %zu of %zu column names", c, ncols);
        snprintf(what, sizeof what, "table header column %zu", c + 1);
        cx_status st = check_text(doc, header[c], what, diag);
        if (st != CX_OK)
            return st;
        if (align && align[c] != CX_ALIGN_LEFT && align[c] != CX_ALIGN_CENTER
            && align[c] != CX_ALIGN_RIGHT)
            return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                               "table column %zu has an unknown alignment (%d)", c + 1,
                               (int)align[c]);
    }
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            const char *cell = cells[r * ncols + c];
            if (!cell)
                return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                                   "table row %zu has no cell for column %zu of %zu", r + 1,
                                   c + 1, ncols);
            snprintf(what, sizeof what, "table cell (row %zu, column %zu)", r + 1, c + 1);
            cx_status st = check_text(doc, cell, what, diag);
            if (st != CX_OK)
                return st;
        }
    }

    cx_doc_table *t = cx_arena_calloc(doc->arena, 1, sizeof *t);
    cx_rich *hdr = cx_arena_calloc(doc->arena, ncols, sizeof *hdr);
    cx_align *al = cx_arena_calloc(doc->arena, ncols, sizeof *al);
    size_t ncells = nrows * ncols;
    cx_rich *cs = cx_arena_calloc(doc->arena, ncells ? ncells : 1, sizeof *cs);
    if (!t || !hdr || !al || !cs)
        return oom(doc, diag);
    for (size_t c = 0; c < ncols; c++) {
        cx_status st = parse_rich(doc, header[c], &hdr[c], diag);
        if (st != CX_OK)
            return st;
        al[c] = align ? align[c] : CX_ALIGN_LEFT;
    }
    for (size_t k = 0; k < ncells; k++) {
        cx_status st = parse_rich(doc, cells[k], &cs[k], diag);
        if (st != CX_OK)
            return st;
    }
    *t = (cx_doc_table){ .ncols = ncols, .nrows = nrows, .header = hdr, .align = al, .cells = cs };
    cx_block *b = push_block(doc, CX_BLOCK_TABLE);
    if (!b)
        return oom(doc, diag);
    b->table = t;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_chart(cx_doc *doc, const cx_chart_spec *spec, const char *caption,
                           const char *name, cx_diag *diag)
{
    if (!spec)
        return missing(doc, diag, "chart spec");
    if (caption) {
        cx_status st = check_text(doc, caption, "chart caption", diag);
        if (st != CX_OK)
            return st;
    }
    if (name && !cx_doc_chart_name_ok(name))
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "chart: name must be 1 to %d ASCII letters, digits, '-' or '_'",
                           CX_DOC_CHART_NAME_MAX);
    /* The text alternative runs the chart stage's input checks: a spec
     * that passes here builds unless it lacks room (layout says so). */
    char *alt = NULL;
    cx_status st = cx_chart_describe(spec, &alt, diag);
    if (st != CX_OK) {
        if (diag) {
            snprintf(diag->file, sizeof diag->file, "%s", doc->src_file ? doc->src_file : "");
            diag->line = doc->src_line;
        }
        return st;
    }
    cx_doc_chart *c = cx_arena_calloc(doc->arena, 1, sizeof *c);
    const char *alt_copy = cx_arena_strdup(doc->arena, alt);
    free(alt);
    if (!c || !alt_copy || cx_doc_chart_copy(doc->arena, spec, &c->spec) != CX_OK)
        return oom(doc, diag);
    c->alt = alt_copy;
    if (name && !(c->name = cx_arena_strdup(doc->arena, name)))
        return oom(doc, diag);
    if (caption && (st = parse_rich(doc, caption, &c->caption, diag)) != CX_OK)
        return st;
    cx_block *b = push_block(doc, CX_BLOCK_CHART);
    if (!b)
        return oom(doc, diag);
    if (c->caption.nspans > 0)
        c->number = ++doc->nfigures;
    b->chart = c;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_image(cx_doc *doc, const char *path, double width, const char *caption,
                           cx_diag *diag)
{
    cx_status st = check_text(doc, path, "image path", diag);
    if (st != CX_OK)
        return st;
    if (!(width == 0 || (width >= 1 && width <= 14400)))
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "image: width must be 1 to 14400 pt");
    if (caption && (st = check_text(doc, caption, "image caption", diag)) != CX_OK)
        return st;
    cx_doc_image *im = cx_arena_calloc(doc->arena, 1, sizeof *im);
    if (!im || !(im->path = cx_arena_strdup(doc->arena, path)))
        return oom(doc, diag);
    im->width = width;
    if (caption && (st = parse_rich(doc, caption, &im->caption, diag)) != CX_OK)
        return st;
    cx_block *b = push_block(doc, CX_BLOCK_IMAGE);
    if (!b)
        return oom(doc, diag);
    if (im->caption.nspans > 0)
        im->number = ++doc->nfigures;
    b->image = im;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_page_break(cx_doc *doc, cx_diag *diag)
{
    if (!push_block(doc, CX_BLOCK_PAGE_BREAK))
        return oom(doc, diag);
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_contents(cx_doc *doc, cx_diag *diag)
{
    if (!push_block(doc, CX_BLOCK_CONTENTS))
        return oom(doc, diag);
    doc->nblocks++;
    return CX_OK;
}

/* ---- for the other files of src/doc/ (doc_internal.h) ---- */

cx_status cx_doc_oom(cx_doc *doc, cx_diag *diag) { return oom(doc, diag); }

cx_status cx_doc_check_text(cx_doc *doc, const char *s, const char *what, cx_diag *diag)
{
    return check_text(doc, s, what, diag);
}

cx_status cx_doc_parse_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag)
{
    return parse_rich(doc, s, out, diag);
}

cx_status cx_doc_plain_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag)
{
    return plain_rich(doc, s, out, diag);
}

cx_block *cx_doc_push_block(cx_doc *doc, cx_block_kind kind) { return push_block(doc, kind); }
