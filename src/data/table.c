/*
 * table.c — the columnar table: lookup, row selection, cell text, and
 * freeing.  Owns everything reachable from a cx_table.  Never reads
 * files: loading is load.c's.
 */
#include "table.h"
#include "dict.h"
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cx_table *cx_table_new(const char *path)
{
    cx_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->survey.extra.kind = CX_V_OBJECT;
    if (!(t->path = strdup(path ? path : ""))) {
        free(t);
        return NULL;
    }
    return t;
}

static void question_clear(cx_question *q)
{
    free(q->id);
    free(q->text);
    for (size_t i = 0; i < q->nlabels; i++)
        free(q->labels[i].label);
    free(q->labels);
    for (size_t i = 0; i < q->noptions; i++)
        free(q->options[i]);
    free(q->options);
    for (size_t i = 0; i < q->nmissing; i++)
        free(q->missing[i].string);
    free(q->missing);
}

void cx_column_clear(cx_column *c)
{
    free(c->name);
    free(c->num);
    free(c->code);
    free(c->multi_offset);
    free(c->multi_code);
    free(c->multi_missing);
    cx_dict_free(c->dict);
}

void cx_table_drop_columns(cx_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        cx_column_clear(&t->cols[i]);
    free(t->cols);
    t->cols = NULL;
    t->ncols = t->nrows = 0;
    cx_dict_free(t->names);
    t->names = NULL;
    t->weight = NULL;
}

void cx_table_free(cx_table *t)
{
    if (!t)
        return;
    free(t->path);
    cx_table_drop_columns(t);
    for (size_t i = 0; i < t->nquestions; i++)
        question_clear(&t->questions[i]);
    free(t->questions);
    cx_survey *s = &t->survey;
    free(s->id);
    free(s->title);
    free(s->wave);
    free(s->fielded);
    free(s->population);
    free(s->weight);
    cx_value_clear(&s->extra);
    free(t);
}

int cx_table_column_index(const cx_table *t, const char *name)
{
    if (!t || !name)
        return -1;
    if (t->names) {
        int32_t c = cx_dict_find(t->names, name, strlen(name));
        return c >= 0 && (size_t)c < t->ncols ? (int)c : -1;
    }
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

const cx_column *cx_table_column(const cx_table *t, const char *name)
{
    int i = cx_table_column_index(t, name);
    return i < 0 ? NULL : &t->cols[i];
}

bool cx_column_is_missing(const cx_column *c, size_t row)
{
    switch (c->storage) {
    case CX_STORE_NUMBER:
        return isnan(c->num[row]);
    case CX_STORE_CODE:
        return c->code[row] < 0;
    case CX_STORE_MULTI:
        return c->multi_missing[row] != 0;
    }
    return true;
}

const char *cx_table_cell_text(const cx_table *t, size_t col, size_t row,
                               char *buf, size_t size)
{
    if (!t || col >= t->ncols || row >= t->nrows)
        return NULL;
    const cx_column *c = &t->cols[col];
    if (cx_column_is_missing(c, row))
        return NULL;
    switch (c->storage) {
    case CX_STORE_NUMBER:
        if (c->type == CX_Q_BOOLEAN)
            return c->num[row] != 0 ? "true" : "false";
        return cx_format_double(c->num[row], buf, size);
    case CX_STORE_CODE:
        return cx_dict_string(c->dict, c->code[row]);
    case CX_STORE_MULTI: {
        /* The chosen options joined by "; ", cut to fit buf. */
        size_t o = 0;
        if (size)
            buf[0] = '\0';
        for (uint32_t i = c->multi_offset[row]; i < c->multi_offset[row + 1]; i++) {
            const char *s = cx_dict_string(c->dict, c->multi_code[i]);
            int n = snprintf(buf + o, size > o ? size - o : 0, "%s%s",
                             i > c->multi_offset[row] ? "; " : "", s);
            if (n < 0 || o + (size_t)n >= size)
                break;
            o += (size_t)n;
        }
        return buf;
    }
    }
    return NULL;
}

/* ---- selection ---- */

static int copy_question(const cx_question *q, cx_question *o)
{
    memset(o, 0, sizeof *o);
    o->type = q->type;
    o->min = q->min;
    o->max = q->max;
    if (!(o->id = strdup(q->id)) || (q->text && !(o->text = strdup(q->text))))
        return -1;
    if (q->nlabels) {
        if (!(o->labels = calloc(q->nlabels, sizeof *o->labels)))
            return -1;
        for (; o->nlabels < q->nlabels; o->nlabels++) {
            o->labels[o->nlabels].value = q->labels[o->nlabels].value;
            if (!(o->labels[o->nlabels].label = strdup(q->labels[o->nlabels].label)))
                return -1;
        }
    }
    if (q->noptions) {
        if (!(o->options = calloc(q->noptions, sizeof *o->options)))
            return -1;
        for (; o->noptions < q->noptions; o->noptions++)
            if (!(o->options[o->noptions] = strdup(q->options[o->noptions])))
                return -1;
    }
    if (q->nmissing) {
        if (!(o->missing = calloc(q->nmissing, sizeof *o->missing)))
            return -1;
        for (; o->nmissing < q->nmissing; o->nmissing++) {
            const cx_missing_code *m = &q->missing[o->nmissing];
            o->missing[o->nmissing] = *m;
            o->missing[o->nmissing].string = NULL;
            if (m->string && !(o->missing[o->nmissing].string = strdup(m->string)))
                return -1;
        }
    }
    return 0;
}

static int copy_survey(const cx_survey *s, cx_survey *o)
{
    o->has_year = s->has_year;
    o->year = s->year;
    if ((s->id && !(o->id = strdup(s->id))) ||
        (s->title && !(o->title = strdup(s->title))) ||
        (s->wave && !(o->wave = strdup(s->wave))) ||
        (s->fielded && !(o->fielded = strdup(s->fielded))) ||
        (s->population && !(o->population = strdup(s->population))) ||
        (s->weight && !(o->weight = strdup(s->weight))))
        return -1;
    cx_value_clear(&o->extra);
    return cx_value_copy(&s->extra, &o->extra);
}

static int copy_column(const cx_table *t, const cx_column *c, cx_table *n, cx_column *o,
                       const size_t *rows, size_t nrows)
{
    memset(o, 0, sizeof *o);
    o->type = c->type;
    o->declared = c->declared;
    o->storage = c->storage;
    if (c->question)
        o->question = &n->questions[c->question - t->questions];
    if (!(o->name = strdup(c->name)))
        return -1;
    if (c->dict && !(o->dict = cx_dict_copy(c->dict)))
        return -1;
    size_t m = nrows ? nrows : 1;
    switch (c->storage) {
    case CX_STORE_NUMBER:
        if (!(o->num = malloc(m * sizeof *o->num)))
            return -1;
        for (size_t i = 0; i < nrows; i++)
            o->num[i] = c->num[rows[i]];
        break;
    case CX_STORE_CODE:
        if (!(o->code = malloc(m * sizeof *o->code)))
            return -1;
        for (size_t i = 0; i < nrows; i++)
            o->code[i] = c->code[rows[i]];
        break;
    case CX_STORE_MULTI: {
        size_t total = 0;
        for (size_t i = 0; i < nrows; i++)
            total += c->multi_offset[rows[i] + 1] - c->multi_offset[rows[i]];
        if (total > UINT32_MAX)
            return -1;
        o->multi_offset = malloc((nrows + 1) * sizeof *o->multi_offset);
        o->multi_missing = malloc(m);
        o->multi_code = malloc((total ? total : 1) * sizeof *o->multi_code);
        if (!o->multi_offset || !o->multi_missing || !o->multi_code)
            return -1;
        uint32_t at = 0;
        o->multi_offset[0] = 0;
        for (size_t i = 0; i < nrows; i++) {
            uint32_t a = c->multi_offset[rows[i]], z = c->multi_offset[rows[i] + 1];
            memcpy(o->multi_code + at, c->multi_code + a, (z - a) * sizeof *o->multi_code);
            at += z - a;
            o->multi_offset[i + 1] = at;
            o->multi_missing[i] = c->multi_missing[rows[i]];
        }
        break;
    }
    }
    return 0;
}

cx_table *cx_table_select(const cx_table *t, const size_t *rows, size_t nrows)
{
    if (!t)
        return NULL;
    for (size_t i = 0; i < nrows; i++)
        if (rows[i] >= t->nrows)
            return NULL;
    cx_table *n = cx_table_new(t->path);
    if (!n)
        return NULL;
    if (t->nquestions) {
        if (!(n->questions = calloc(t->nquestions, sizeof *n->questions)))
            goto fail;
        for (; n->nquestions < t->nquestions; n->nquestions++)
            if (copy_question(&t->questions[n->nquestions], &n->questions[n->nquestions]) < 0) {
                n->nquestions++;        /* free the partial copy too */
                goto fail;
            }
    }
    if (copy_survey(&t->survey, &n->survey) < 0)
        goto fail;
    if (t->ncols && !(n->cols = calloc(t->ncols, sizeof *n->cols)))
        goto fail;
    for (; n->ncols < t->ncols; n->ncols++)
        if (copy_column(t, &t->cols[n->ncols], n, &n->cols[n->ncols], rows, nrows) < 0) {
            n->ncols++;
            goto fail;
        }
    n->nrows = nrows;
    if (t->names && !(n->names = cx_dict_copy(t->names)))
        goto fail;
    if (t->weight) {
        for (size_t i = 0; i < t->ncols; i++)
            if (t->cols[i].num == t->weight)
                n->weight = n->cols[i].num;
    }
    return n;
fail:
    cx_table_free(n);
    return NULL;
}
