/*
 * appendix.c — what a document gets once its script has run
 * (cx_doc_finish): the end notes, when the script did not place them,
 * and the appendix "Data behind the charts".
 *
 * The appendix is the accessible counterpart of every chart: its
 * one-sentence text alternative (made when the chart was added) and its
 * numbers as a table, formatted as the chart's own value labels are, with
 * the rows in the order the chart draws them.  It is built from the chart
 * blocks with the ordinary adders, so layout treats it like any other
 * text.  Never measures and never draws.
 */
#include "doc_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Text as markup that prints as itself. */
static const char *escaped(cx_doc *doc, const char *s)
{
    size_t n = strlen(s), extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += strchr("*\\[]{}^", s[i]) != NULL;
    char *out = cx_arena_alloc(doc->arena, n + extra + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strchr("*\\[]{}^", s[i]))
            out[k++] = '\\';
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

static const char *number(cx_doc *doc, double v, const cx_number_format *f)
{
    char buf[96];
    cx_number_format plain = *f;
    plain.plus = false;
    cx_format_number(v, &plain, buf, sizeof buf);
    return escaped(doc, buf);
}

/* The chart's rows in drawing order: sorted by the first series (its
 * share, for 100 % stacks) when the chart sorts, stably. */
static void row_order(const cx_chart_spec *s, size_t n, size_t *ord, double *key)
{
    const cx_chart_series *s0 = &s->series[0];
    for (size_t i = 0; i < n; i++) {
        ord[i] = i;
        key[i] = s0->values[i];
        if (s->kind == CX_CHART_STACKED100) {
            double sum = 0;
            for (size_t k = 0; k < s->nseries; k++)
                sum += i < s->series[k].n ? s->series[k].values[i] : 0;
            key[i] = sum > 0 ? key[i] / sum : 0;
        }
    }
    if (s->sort == CX_SORT_NONE || s->kind == CX_CHART_SCATTER || s->kind == CX_CHART_LINE
        || s->kind == CX_CHART_RADAR || s->kind == CX_CHART_DISTRIBUTION)
        return;
    for (size_t i = 1; i < n; i++) {            /* insertion sort: stable */
        size_t v = ord[i], j = i;
        while (j > 0 && (s->sort == CX_SORT_DESC ? key[ord[j - 1]] < key[v]
                                                 : key[ord[j - 1]] > key[v])) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = v;
    }
}

/* A column of the data table: a series' values, x, lo or hi. */
typedef struct column {
    const char *title;
    const double *v;
    size_t n;
} column;

/* The title of the value axis, or NULL. */
static const char *value_title(const cx_chart_spec *s)
{
    bool across = s->horizontal || s->kind == CX_CHART_DOT || s->kind == CX_CHART_BULLET;
    return across ? s->x_title : s->y_title;
}

/* The columns of a chart's table (at most 1 + 4 per series). */
static size_t columns(cx_doc *doc, const cx_chart_spec *s, column *cols)
{
    size_t n = 0;
    if (s->kind == CX_CHART_SCATTER) {
        const cx_chart_series *p = &s->series[0];
        cols[n++] = (column){ s->x_title ? s->x_title : "x", p->x, p->n };
        cols[n++] = (column){ s->y_title ? s->y_title : "y", p->values, p->n };
        return n;
    }
    for (size_t k = 0; k < s->nseries; k++) {
        const cx_chart_series *p = &s->series[k];
        /* one series: what the axis says it is (a series read from a
         * dataset is named after its field) */
        const char *axis = s->nseries == 1 ? value_title(s) : NULL;
        const char *name = axis      ? axis
                         : p->name   ? p->name
                         : s->nseries == 1 ? "Value"
                                           : cx_arena_printf(doc->arena, "Series %zu", k + 1);
        bool plain = s->nseries == 1;
        cols[n++] = (column){ name, p->values, p->n };
        if (p->lo)
            cols[n++] = (column){ plain ? "Low" : cx_arena_printf(doc->arena, "%s (low)", name),
                                  p->lo, p->n };
        if (p->hi)
            cols[n++] = (column){ plain ? "High" : cx_arena_printf(doc->arena, "%s (high)", name),
                                  p->hi, p->n };
    }
    return n;
}

/* "Vendors" from the noun "vendors". */
static const char *first_header(cx_doc *doc, const cx_chart_spec *s)
{
    if (!s->ncategories)
        return "#";
    if (!s->noun || !s->noun[0])
        return s->kind == CX_CHART_SCATTER ? "Point" : "Category";
    char *h = cx_arena_strdup(doc->arena, s->noun);
    if (h && h[0] >= 'a' && h[0] <= 'z')
        h[0] = (char)(h[0] - 'a' + 'A');
    return h;
}

static cx_status chart_table(cx_doc *doc, const cx_doc_chart *c, cx_diag *diag)
{
    const cx_chart_spec *s = &c->spec;
    cx_status st = CX_EINTERNAL;
    size_t nrows = s->nseries ? s->series[0].n : 0;
    column *cols = calloc(1 + 4 * (s->nseries ? s->nseries : 1), sizeof *cols);
    size_t *ord = calloc(nrows ? nrows : 1, sizeof *ord);
    double *key = calloc(nrows ? nrows : 1, sizeof *key);
    size_t ncols = cols ? 1 + columns(doc, s, cols + 1) : 0;
    const char **header = calloc(ncols ? ncols : 1, sizeof *header);
    cx_align *align = calloc(ncols ? ncols : 1, sizeof *align);
    const char **cells = nrows && ncols <= SIZE_MAX / nrows
                             ? calloc(nrows * ncols, sizeof *cells) : NULL;
    if (!cols || !ord || !key || !header || !align || (nrows && !cells)) {
        st = cx_doc_oom(doc, diag);
        goto done;
    }
    row_order(s, nrows, ord, key);
    header[0] = first_header(doc, s);
    align[0] = CX_ALIGN_LEFT;
    for (size_t j = 1; j < ncols; j++) {
        header[j] = cols[j].title ? escaped(doc, cols[j].title) : NULL;
        align[j] = CX_ALIGN_RIGHT;
    }
    for (size_t r = 0; r < nrows; r++) {
        size_t i = ord[r];
        const char **row = cells + r * ncols;
        row[0] = i < s->ncategories ? escaped(doc, s->categories[i])
                                    : cx_arena_printf(doc->arena, "%zu", i + 1);
        for (size_t j = 1; j < ncols; j++)
            row[j] = i < cols[j].n ? number(doc, cols[j].v[i], &s->format) : "";
    }
    for (size_t k = 0; k < nrows * ncols; k++)
        if (!cells[k])
            goto oom;
    for (size_t j = 0; j < ncols; j++)
        if (!header[j])
            goto oom;
    st = cx_doc_add_table(doc, ncols, header, align, nrows, cells, diag);
    goto done;
oom:
    st = cx_doc_oom(doc, diag);
done:
    free(cols);
    free(ord);
    free(key);
    free(header);
    free(align);
    free(cells);
    return st;
}

/* "Figure 3: NPS by vendor", or the title, or "Chart 4". */
static const char *chart_heading(cx_doc *doc, const cx_doc_chart *c, size_t ordinal)
{
    const char *name = c->spec.title;
    if (!name && c->caption.nspans) {
        size_t len = 0;
        for (size_t k = 0; k < c->caption.nspans; k++)
            len += c->caption.spans[k].note ? 0 : c->caption.spans[k].len;
        char *t = cx_arena_alloc(doc->arena, len + 1);
        if (!t)
            return NULL;
        size_t off = 0;
        for (size_t k = 0; k < c->caption.nspans; k++) {
            const cx_span *sp = &c->caption.spans[k];
            if (!sp->note) {
                memcpy(t + off, sp->text, sp->len);
                off += sp->len;
            }
        }
        t[off] = '\0';
        name = t;
    }
    if (c->number > 0)
        return name ? cx_arena_printf(doc->arena, "Figure %d: %s", c->number, name)
                    : cx_arena_printf(doc->arena, "Figure %d", c->number);
    return name ? name : cx_arena_printf(doc->arena, "Chart %zu", ordinal);
}

static cx_status chart_data(cx_doc *doc, cx_diag *diag)
{
    size_t n = doc->nblocks, ncharts = 0;
    for (size_t i = 0; i < n; i++)
        ncharts += doc->blocks[i].kind == CX_BLOCK_CHART;
    if (ncharts == 0)
        return CX_OK;
    cx_status st = cx_doc_add_heading(doc, 1, "Data behind the charts", diag);
    if (st == CX_OK)
        st = cx_doc_add_paragraph(doc, "The numbers behind each chart of this report, with a "
                                       "sentence that says what the chart shows.", diag);
    size_t ordinal = 0;
    for (size_t i = 0; i < n && st == CX_OK; i++) {
        if (doc->blocks[i].kind != CX_BLOCK_CHART)
            continue;
        const cx_doc_chart *c = doc->blocks[i].chart;   /* arena-owned: stays put */
        const char *heading = chart_heading(doc, c, ++ordinal);
        const char *alt = escaped(doc, c->alt);
        if (!heading || !alt)
            return cx_doc_oom(doc, diag);
        st = cx_doc_add_heading(doc, 3, heading, diag);
        if (st == CX_OK)
            st = cx_doc_add_paragraph(doc, alt, diag);
        if (st == CX_OK)
            st = chart_table(doc, c, diag);
    }
    return st;
}

cx_status cx_doc_finish(cx_doc *doc, bool with_chart_data, cx_diag *diag)
{
    if (doc->finished)
        return CX_OK;
    doc->finished = true;
    /* What is added here comes from no line of the script. */
    cx_doc_set_source(doc, NULL, 0);
    cx_status st = CX_OK;
    if (doc->nnotes > 0 && !doc->has_notes_block) {
        st = cx_doc_add_heading(doc, 1, "Notes", diag);
        if (st == CX_OK)
            st = cx_doc_add_notes(doc, diag);
    }
    if (st == CX_OK && with_chart_data)
        st = chart_data(doc, diag);
    return st;
}
