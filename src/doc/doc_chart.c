/*
 * doc_chart.c — the chart block's copy of a chart spec.
 *
 * A script hands the document a spec whose arrays and strings live in Lua
 * (or on a caller's stack); the document outlives them, so the spec is
 * copied deep into the document's arena, array by array and string by
 * string.  Runs after the chart stage's checks, so every count matches a
 * non-NULL array.  Never validates (that is the chart stage's job) and
 * never frees: the arena does.
 */
#include "doc_chart.h"

#include <string.h>

typedef struct copier {
    cx_arena *a;
    bool oom;
} copier;

static const char *str(copier *c, const char *s)
{
    if (!s)
        return NULL;
    char *p = cx_arena_strdup(c->a, s);
    c->oom |= !p;
    return p;
}

static const void *mem(copier *c, const void *src, size_t n, size_t size)
{
    if (!src || n == 0)
        return NULL;
    void *p = cx_arena_calloc(c->a, n, size);
    if (!p) {
        c->oom = true;
        return NULL;
    }
    memcpy(p, src, n * size);
    return p;
}

cx_status cx_doc_chart_copy(cx_arena *a, const cx_chart_spec *in, cx_chart_spec *out)
{
    copier c = { a, false };
    *out = *in;
    out->title = str(&c, in->title);
    out->x_title = str(&c, in->x_title);
    out->y_title = str(&c, in->y_title);
    out->noun = str(&c, in->noun);
    out->marker_label = str(&c, in->marker_label);
    out->format.prefix = str(&c, in->format.prefix);
    out->format.suffix = str(&c, in->format.suffix);
    out->format.thousands = str(&c, in->format.thousands);

    const char **cats = NULL;
    if (in->ncategories) {
        cats = cx_arena_calloc(a, in->ncategories, sizeof *cats);
        c.oom |= !cats;
        for (size_t i = 0; cats && i < in->ncategories; i++)
            cats[i] = str(&c, in->categories[i]);
    }
    out->categories = cats;

    cx_chart_series *ser = NULL;
    if (in->nseries) {
        ser = cx_arena_calloc(a, in->nseries, sizeof *ser);
        c.oom |= !ser;
        for (size_t k = 0; ser && k < in->nseries; k++) {
            const cx_chart_series *s = &in->series[k];
            ser[k] = (cx_chart_series){
                .name = str(&c, s->name),
                .n = s->n,
                .values = mem(&c, s->values, s->n, sizeof *s->values),
                .x = mem(&c, s->x, s->n, sizeof *s->x),
                .lo = mem(&c, s->lo, s->n, sizeof *s->lo),
                .hi = mem(&c, s->hi, s->n, sizeof *s->hi),
            };
        }
    }
    out->series = ser;

    out->highlight = mem(&c, in->highlight, in->nhighlight, sizeof *in->highlight);
    out->palette = mem(&c, in->palette, in->npalette, sizeof *in->palette);
    cx_chart_ref *refs = NULL;
    if (in->nrefs) {
        refs = cx_arena_calloc(a, in->nrefs, sizeof *refs);
        c.oom |= !refs;
        for (size_t k = 0; refs && k < in->nrefs; k++)
            refs[k] = (cx_chart_ref){ in->refs[k].value, str(&c, in->refs[k].label),
                                      in->refs[k].decimals };
    }
    out->refs = refs;
    return c.oom ? CX_EINTERNAL : CX_OK;
}

bool cx_doc_chart_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > CX_DOC_CHART_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                  || ch == '-' || ch == '_';
        if (!ok)
            return false;
    }
    return true;
}
