/*
 * doc_blocks.c — the typography blocks of the document: aligned
 * paragraphs, captioned and labelled tables and charts, key-figure tiles,
 * callouts, block quotes, the end notes and their numbering.
 *
 * Like doc.c, every adder checks its whole input before anything becomes
 * visible, so a failed call leaves the document as it was (labels are
 * checked before the block is added and recorded after).  Numbers are
 * given in document order as blocks are added: tables with a caption
 * count "Table N", notes count 1, 2, ... in the order their markers are
 * parsed.  References are not resolved here: a label may be defined
 * after the text that names it, and layout resolves it from the block
 * list.  Never measures and never formats anything but the change of a
 * key figure (with the report formatter, a true minus sign).
 */
#include "doc_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cxreport/stats.h"

static cx_status script_error(cx_doc *doc, cx_diag *diag, const char *fmt, const char *arg)
{
    return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0, fmt, arg);
}

/* Grows an arena array of `size`-byte elements to hold one more; the old
 * copy stays in the arena (arrays here are small: notes and labels). */
static void *grow(cx_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t ncap = *cap ? *cap * 2 : 8;
    if (ncap > SIZE_MAX / size)
        return NULL;
    void *nv = cx_arena_calloc(a, ncap, size);
    if (!nv)
        return NULL;
    if (n)
        memcpy(nv, v, n * size);
    *cap = ncap;
    return nv;
}

/* ---- notes --------------------------------------------------------------- */

cx_status cx_doc_number_notes(cx_doc *doc, cx_rich *r, cx_diag *diag)
{
    for (size_t k = 0; k < r->nspans; k++) {
        cx_span *sp = &r->spans[k];
        if (sp->note != -1)
            continue;
        size_t cap = doc->cap_notes;
        cx_rich *nv = grow(doc->arena, doc->notes, doc->nnotes, &cap, sizeof *nv);
        cx_block *src = grow(doc->arena, doc->note_src, doc->nnotes, &doc->cap_notes,
                             sizeof *src);
        if (!nv || !src)
            return cx_doc_oom(doc, diag);
        doc->notes = nv;
        doc->note_src = src;
        doc->note_src[doc->nnotes] = (cx_block){ .src_file = doc->src_file,
                                                 .src_line = doc->src_line };
        cx_status st = cx_rich_parse_note(doc->arena, sp->text, &doc->notes[doc->nnotes], diag);
        if (st != CX_OK)
            return st;
        char *num = cx_arena_printf(doc->arena, "%zu", doc->nnotes + 1);
        if (!num)
            return cx_doc_oom(doc, diag);
        doc->nnotes++;
        sp->note = (int)doc->nnotes;
        sp->text = num;
        sp->len = strlen(num);
    }
    return CX_OK;
}

size_t cx_doc_note_count(const cx_doc *doc)
{
    return doc->nnotes;
}

const cx_rich *cx_doc_note(const cx_doc *doc, size_t i)
{
    return i < doc->nnotes ? &doc->notes[i] : NULL;
}

void cx_doc_note_source(const cx_doc *doc, size_t i, const char **file, long *line)
{
    *file = i < doc->nnotes ? doc->note_src[i].src_file : NULL;
    *line = i < doc->nnotes ? doc->note_src[i].src_line : 0;
}

cx_status cx_doc_add_notes(cx_doc *doc, cx_diag *diag)
{
    if (doc->has_notes_block)
        return script_error(doc, diag, "notes: the end notes are already placed%s", "");
    cx_block *b = cx_doc_push_block(doc, CX_BLOCK_NOTES);
    if (!b)
        return cx_doc_oom(doc, diag);
    doc->has_notes_block = true;
    doc->nblocks++;
    return CX_OK;
}

/* ---- labels -------------------------------------------------------------- */

size_t cx_doc_find_label(const cx_doc *doc, const char *label)
{
    for (size_t k = 0; label && k < doc->nlabeled; k++) {
        const cx_block *b = &doc->blocks[doc->labeled[k]];
        if (strcmp(b->label, label) == 0)
            return doc->labeled[k];
    }
    return SIZE_MAX;
}

/* A label is checked before its block is added: its form, that the block
 * will be numbered, and that no other block has it. */
static cx_status check_label(cx_doc *doc, const char *label, bool captioned, const char *what,
                             cx_diag *diag)
{
    if (!label)
        return CX_OK;
    size_t n = strlen(label);
    bool ok = n >= 1 && n <= CX_DOC_LABEL_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = label[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
             || c == '-' || c == '_' || c == ':' || c == '.';
    }
    if (!ok)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "%s: a label is 1 to %d ASCII letters, digits, '-', '_', ':' or "
                           "'.'", what, CX_DOC_LABEL_MAX);
    if (!captioned)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "%s: label '%s' needs a caption (only numbered tables and figures "
                           "can be referred to)", what, label);
    size_t other = cx_doc_find_label(doc, label);
    if (other != SIZE_MAX)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "%s: label '%s' is already used (line %ld)", what, label,
                           doc->blocks[other].src_line);
    return CX_OK;
}

/* Gives the block just added its label. */
static cx_status set_label(cx_doc *doc, const char *label, cx_diag *diag)
{
    if (!label)
        return CX_OK;
    size_t *nv = grow(doc->arena, doc->labeled, doc->nlabeled, &doc->cap_labeled, sizeof *nv);
    const char *copy = cx_arena_strdup(doc->arena, label);
    if (!nv || !copy)
        return cx_doc_oom(doc, diag);
    doc->labeled = nv;
    doc->labeled[doc->nlabeled++] = doc->nblocks - 1;
    doc->blocks[doc->nblocks - 1].label = copy;
    return CX_OK;
}

/* ---- paragraphs, tables, charts ------------------------------------------ */

void cx_doc_set_justify(cx_doc *doc, bool justify)
{
    doc->meta.justify = justify;
}

cx_status cx_doc_add_paragraph_aligned(cx_doc *doc, const char *markup, cx_par_align align,
                                       cx_diag *diag)
{
    if (align != CX_PAR_DEFAULT && align != CX_PAR_LEFT && align != CX_PAR_JUSTIFY)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "paragraph: unknown alignment (%d)", (int)align);
    cx_status st = cx_doc_add_paragraph(doc, markup, diag);
    if (st == CX_OK)
        doc->blocks[doc->nblocks - 1].align = align;
    return st;
}

static bool has_text(const char *s)
{
    return s && s[0];
}

cx_status cx_doc_add_table_ex(cx_doc *doc, size_t ncols, const char *const *header,
                              const cx_align *align, size_t nrows, const char *const *cells,
                              const char *caption, const char *label, cx_diag *diag)
{
    cx_status st;
    if (caption && (st = cx_doc_check_text(doc, caption, "table caption", diag)) != CX_OK)
        return st;
    if ((st = check_label(doc, label, has_text(caption), "tabulate", diag)) != CX_OK)
        return st;
    if ((st = cx_doc_add_table(doc, ncols, header, align, nrows, cells, diag)) != CX_OK)
        return st;
    cx_doc_table *t = doc->blocks[doc->nblocks - 1].table;
    if (caption && (st = cx_doc_parse_rich(doc, caption, &t->caption, diag)) != CX_OK)
        return st;
    if (t->caption.nspans > 0)
        t->number = ++doc->ntables;
    return set_label(doc, label, diag);
}

cx_status cx_doc_add_chart_ex(cx_doc *doc, const cx_chart_spec *spec, const char *caption,
                              const char *name, const char *label, cx_diag *diag)
{
    cx_status st = check_label(doc, label, has_text(caption), "chart", diag);
    if (st == CX_OK)
        st = cx_doc_add_chart(doc, spec, caption, name, diag);
    if (st == CX_OK)
        st = set_label(doc, label, diag);
    return st;
}

/* ---- key figures, callouts, quotes --------------------------------------- */

cx_status cx_doc_add_keyfigures(cx_doc *doc, const cx_keyfig *figs, size_t n, cx_diag *diag)
{
    if (n == 0 || n > CX_DOC_KEYFIGS_MAX || !figs)
        return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                           "keyfigures: give 1 to %d figures, got %zu", CX_DOC_KEYFIGS_MAX,
                           figs ? n : 0);
    char what[64];
    for (size_t i = 0; i < n; i++) {
        const cx_keyfig *f = &figs[i];
        cx_status st;
        snprintf(what, sizeof what, "key figure %zu's value", i + 1);
        if ((st = cx_doc_check_text(doc, f->value, what, diag)) != CX_OK)
            return st;
        snprintf(what, sizeof what, "key figure %zu's label", i + 1);
        if ((st = cx_doc_check_text(doc, f->label, what, diag)) != CX_OK)
            return st;
        snprintf(what, sizeof what, "key figure %zu's change label", i + 1);
        if (f->change_label && (st = cx_doc_check_text(doc, f->change_label, what, diag)) != CX_OK)
            return st;
        if (!f->value[0])
            return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                               "keyfigures: figure %zu has an empty value", i + 1);
        if (f->has_change && (!isfinite(f->change) || f->decimals < 0 || f->decimals > 6))
            return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                               "keyfigures: figure %zu's change must be a finite number with "
                               "0 to 6 decimals", i + 1);
        if (f->good != CX_GOOD_NONE && f->good != CX_GOOD_UP && f->good != CX_GOOD_DOWN)
            return cx_diag_set(diag, CX_ESCRIPT, doc->src_file, doc->src_line, 0,
                               "keyfigures: figure %zu has an unknown 'good' (%d)", i + 1,
                               (int)f->good);
    }
    cx_keyfig *copy = cx_arena_calloc(doc->arena, n, sizeof *copy);
    if (!copy)
        return cx_doc_oom(doc, diag);
    for (size_t i = 0; i < n; i++) {
        copy[i] = figs[i];
        copy[i].value = cx_arena_strdup(doc->arena, figs[i].value);
        copy[i].label = cx_arena_strdup(doc->arena, figs[i].label);
        copy[i].change_label = figs[i].change_label && figs[i].change_label[0]
                                   ? cx_arena_strdup(doc->arena, figs[i].change_label) : NULL;
        copy[i].change_text = NULL;
        if (!copy[i].value || !copy[i].label
            || (figs[i].change_label && figs[i].change_label[0] && !copy[i].change_label))
            return cx_doc_oom(doc, diag);
        if (!figs[i].has_change)
            continue;
        char buf[64];
        cx_status st = cx_format_delta(buf, sizeof buf, figs[i].change, figs[i].decimals, diag);
        if (st != CX_OK)
            return st;
        if (!(copy[i].change_text = cx_arena_strdup(doc->arena, buf)))
            return cx_doc_oom(doc, diag);
    }
    cx_block *b = cx_doc_push_block(doc, CX_BLOCK_KEYFIGURES);
    if (!b)
        return cx_doc_oom(doc, diag);
    b->figs = copy;
    b->nfigs = n;
    doc->nblocks++;
    return CX_OK;
}

/* A block of rich text with one plain line (callout title, quote source). */
static cx_status add_boxed(cx_doc *doc, cx_block_kind kind, const char *markup, const char *line,
                           const char *what, cx_diag *diag)
{
    char w[48];
    snprintf(w, sizeof w, "%s text", what);
    cx_status st = cx_doc_check_text(doc, markup, w, diag);
    snprintf(w, sizeof w, "%s %s", what, kind == CX_BLOCK_CALLOUT ? "title" : "source");
    if (st == CX_OK && line)
        st = cx_doc_check_text(doc, line, w, diag);
    if (st != CX_OK)
        return st;
    if (!markup[0])
        return script_error(doc, diag, "%s: the text is empty", what);
    cx_rich r;
    if ((st = cx_doc_parse_rich(doc, markup, &r, diag)) != CX_OK)
        return st;
    const char *copy = has_text(line) ? cx_arena_strdup(doc->arena, line) : NULL;
    if (has_text(line) && !copy)
        return cx_doc_oom(doc, diag);
    cx_block *b = cx_doc_push_block(doc, kind);
    if (!b)
        return cx_doc_oom(doc, diag);
    b->text = r;
    if (kind == CX_BLOCK_CALLOUT)
        b->title = copy;
    else
        b->source = copy;
    doc->nblocks++;
    return CX_OK;
}

cx_status cx_doc_add_callout(cx_doc *doc, const char *title, const char *markup, cx_diag *diag)
{
    return add_boxed(doc, CX_BLOCK_CALLOUT, markup, title, "callout", diag);
}

cx_status cx_doc_add_quote(cx_doc *doc, const char *markup, const char *source, cx_diag *diag)
{
    return add_boxed(doc, CX_BLOCK_QUOTE, markup, source, "quote", diag);
}
