/*
 * ops.c — filter, group, order, and derived tables over the columnar
 * table.  Pure functions of their inputs: they never change a table that
 * is complete, never read files, and order everything deterministically
 * (key values, never hash or pointer order).
 */
#include "cxreport/data_ops.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "table.h"

/* ------------------------------------------------------- derived tables */

cx_table *cx_table_new_derived(const char *path, size_t nrows)
{
    cx_table *t = cx_table_new(path);
    if (t)
        t->nrows = nrows;
    return t;
}

static cx_status oom(cx_diag *d)
{
    return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
}

/* A fresh column slot named name: replaces a column of that name, or
 * grows the array.  Returns NULL on out of memory. */
static cx_column *column_slot(cx_table *t, const char *name)
{
    char *copy = strdup(name);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < t->ncols; i++) {
        cx_column *c = &t->cols[i];
        if (strcmp(c->name, name) == 0) {
            if (t->weight && t->weight == c->num)
                t->weight = NULL;
            cx_column_clear(c);
            memset(c, 0, sizeof *c);
            c->name = copy;
            return c;
        }
    }
    cx_column *cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols);
    if (!cols) {
        free(copy);
        return NULL;
    }
    t->cols = cols;
    /* The name index of a loaded table no longer covers every column:
     * drop it, lookups then scan (tables built here are narrow). */
    cx_dict_free(t->names);
    t->names = NULL;
    cx_column *c = &t->cols[t->ncols++];
    memset(c, 0, sizeof *c);
    c->name = copy;
    return c;
}

cx_status cx_table_add_numbers(cx_table *t, const char *name, cx_qtype type,
                               const double *values, cx_diag *d)
{
    size_t n = t->nrows ? t->nrows : 1;
    double *num = malloc(n * sizeof *num);
    if (!num)
        return oom(d);
    if (t->nrows)
        memcpy(num, values, t->nrows * sizeof *num);
    cx_column *c = column_slot(t, name);
    if (!c) {
        free(num);
        return oom(d);
    }
    c->type = type == CX_Q_BOOLEAN ? CX_Q_BOOLEAN : CX_Q_NUMBER;
    c->storage = CX_STORE_NUMBER;
    c->num = num;
    return CX_OK;
}

cx_status cx_table_add_texts(cx_table *t, const char *name, const char *const *values,
                             cx_diag *d)
{
    size_t n = t->nrows ? t->nrows : 1;
    int32_t *code = malloc(n * sizeof *code);
    cx_dict *dict = cx_dict_new();
    if (!code || !dict)
        goto nomem;
    for (size_t i = 0; i < t->nrows; i++) {
        code[i] = -1;
        if (values[i] && (code[i] = cx_dict_intern(dict, values[i], strlen(values[i]))) < 0)
            goto nomem;
    }
    cx_column *c = column_slot(t, name);
    if (!c)
        goto nomem;
    c->type = CX_Q_CATEGORY;
    c->storage = CX_STORE_CODE;
    c->code = code;
    c->dict = dict;
    return CX_OK;
nomem:
    free(code);
    cx_dict_free(dict);
    return oom(d);
}

cx_status cx_table_add_gathered(cx_table *t, const cx_table *src, size_t col,
                                const size_t *rows, const char *name, cx_diag *d)
{
    const cx_column *s = &src->cols[col];
    size_t n = t->nrows, m = n ? n : 1;
    cx_column tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.type = s->type;
    tmp.storage = s->storage;
    if (s->dict && !(tmp.dict = cx_dict_copy(s->dict)))
        goto nomem;
    switch (s->storage) {
    case CX_STORE_NUMBER:
        if (!(tmp.num = malloc(m * sizeof *tmp.num)))
            goto nomem;
        for (size_t i = 0; i < n; i++)
            tmp.num[i] = rows[i] == SIZE_MAX ? NAN : s->num[rows[i]];
        break;
    case CX_STORE_CODE:
        if (!(tmp.code = malloc(m * sizeof *tmp.code)))
            goto nomem;
        for (size_t i = 0; i < n; i++)
            tmp.code[i] = rows[i] == SIZE_MAX ? -1 : s->code[rows[i]];
        break;
    case CX_STORE_MULTI: {
        size_t total = 0;
        for (size_t i = 0; i < n; i++)
            if (rows[i] != SIZE_MAX)
                total += s->multi_offset[rows[i] + 1] - s->multi_offset[rows[i]];
        if (total > UINT32_MAX)
            goto nomem;
        tmp.multi_offset = malloc((n + 1) * sizeof *tmp.multi_offset);
        tmp.multi_missing = malloc(m);
        tmp.multi_code = malloc((total ? total : 1) * sizeof *tmp.multi_code);
        if (!tmp.multi_offset || !tmp.multi_missing || !tmp.multi_code)
            goto nomem;
        uint32_t at = 0;
        tmp.multi_offset[0] = 0;
        for (size_t i = 0; i < n; i++) {
            if (rows[i] == SIZE_MAX) {
                tmp.multi_missing[i] = 1;
            } else {
                uint32_t a = s->multi_offset[rows[i]], z = s->multi_offset[rows[i] + 1];
                memcpy(tmp.multi_code + at, s->multi_code + a, (z - a) * sizeof *tmp.multi_code);
                at += z - a;
                tmp.multi_missing[i] = s->multi_missing[rows[i]];
            }
            tmp.multi_offset[i + 1] = at;
        }
        break;
    }
    }
    cx_column *c = column_slot(t, name ? name : s->name);
    if (!c)
        goto nomem;
    tmp.name = c->name;
    *c = tmp;
    return CX_OK;
nomem:
    cx_column_clear(&tmp);
    return oom(d);
}

/* ------------------------------------------------------------ key ranks */

/* A stable merge sort of size_t indices with a context comparator (C17
 * has no qsort_r). */
typedef int (*idx_cmp)(const void *ctx, size_t a, size_t b);

static void merge_sort(size_t *a, size_t *tmp, size_t n, idx_cmp cmp, const void *ctx)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp(ctx, a[j], a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

static int dict_code_cmp(const void *ctx, size_t a, size_t b)
{
    const cx_dict *dict = ctx;
    return strcmp(cx_dict_string(dict, (int32_t)a), cx_dict_string(dict, (int32_t)b));
}

/* code -> position of its string in byte order; NULL on OOM. */
static int32_t *dict_sorted_ranks(const cx_dict *dict)
{
    size_t m = cx_dict_count(dict);
    size_t *idx = malloc((m ? m : 1) * sizeof *idx);
    size_t *tmp = malloc((m ? m : 1) * sizeof *tmp);
    int32_t *rank = malloc((m ? m : 1) * sizeof *rank);
    if (!idx || !tmp || !rank) {
        free(idx);
        free(tmp);
        free(rank);
        return NULL;
    }
    for (size_t i = 0; i < m; i++)
        idx[i] = i;
    merge_sort(idx, tmp, m, dict_code_cmp, dict);
    for (size_t i = 0; i < m; i++)
        rank[idx[i]] = (int32_t)i;
    free(idx);
    free(tmp);
    return rank;
}

static int double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* rank[i] in 0..*card-1 in value order, -1 when missing. */
static cx_status key_ranks(const cx_table *t, size_t col, int32_t *rank, size_t *card,
                           cx_diag *d)
{
    const cx_column *c = &t->cols[col];
    size_t n = t->nrows;
    if (c->storage == CX_STORE_MULTI)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "cannot group by \"%s\": it is a multi question (one row can hold "
                           "several answers)", c->name);
    if (c->storage == CX_STORE_CODE) {
        int32_t *r = dict_sorted_ranks(c->dict);
        if (!r)
            return oom(d);
        for (size_t i = 0; i < n; i++)
            rank[i] = c->code[i] < 0 ? -1 : r[c->code[i]];
        *card = cx_dict_count(c->dict);
        free(r);
        return CX_OK;
    }
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return oom(d);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(c->num[i]))
            v[m++] = c->num[i];
    qsort(v, m, sizeof *v, double_cmp);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (u == 0 || v[u - 1] != v[i])
            v[u++] = v[i];
    for (size_t i = 0; i < n; i++) {
        double x = c->num[i];
        if (isnan(x)) {
            rank[i] = -1;
            continue;
        }
        size_t lo = 0, hi = u;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        rank[i] = (int32_t)lo;
    }
    free(v);
    *card = u;
    return CX_OK;
}

/* ------------------------------------------------------------- grouping */

void cx_grouping_free(cx_grouping *g)
{
    if (!g)
        return;
    free(g->group);
    free(g->first);
    free(g->size);
    memset(g, 0, sizeof *g);
}

static int u64_pair_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return (x[1] > y[1]) - (x[1] < y[1]);
}

cx_status cx_table_group(const cx_table *t, const size_t *cols, size_t ncols,
                         cx_grouping *g, cx_diag *d)
{
    memset(g, 0, sizeof *g);
    if (ncols == 0 || ncols > CX_MAX_GROUP_KEYS)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "group_by takes 1 to %d fields",
                           CX_MAX_GROUP_KEYS);
    size_t n = t->nrows, m = n ? n : 1;
    cx_status st = CX_OK;
    int32_t *rank = NULL;
    uint64_t *key = NULL;
    g->nkeys = ncols;
    g->nrows = n;
    g->keys[0] = cols[0];
    if (!(g->group = malloc(m * sizeof *g->group))) {
        st = oom(d);
        goto done;
    }
    if (ncols == 1 && t->cols[cols[0]].storage == CX_STORE_CODE) {
        /* The common case (by vendor, by account): codes map straight to
         * groups, with no per-row scratch beyond the result, since every
         * fresh page costs a fault on a large table. */
        const cx_column *c = &t->cols[cols[0]];
        size_t dm = cx_dict_count(c->dict);
        int32_t *id = calloc(dm ? dm : 1, sizeof *id);
        int32_t *order = dict_sorted_ranks(c->dict);   /* code -> sorted position */
        int32_t *by_pos = malloc((dm ? dm : 1) * sizeof *by_pos);
        if (!id || !order || !by_pos) {
            free(id);
            free(order);
            free(by_pos);
            st = oom(d);
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            if (c->code[i] >= 0)
                id[c->code[i]] = 1;                     /* used */
        for (size_t k = 0; k < dm; k++)
            by_pos[order[k]] = (int32_t)k;
        int32_t next = 0;
        for (size_t p = 0; p < dm; p++) {
            int32_t code = by_pos[p];
            id[code] = id[code] ? next++ : -1;
        }
        for (size_t i = 0; i < n; i++)
            g->group[i] = c->code[i] < 0 ? -1 : id[c->code[i]];
        g->ngroups = (size_t)next;
        free(id);
        free(order);
        free(by_pos);
        goto sizes;
    }
    rank = malloc(m * sizeof *rank);
    key = malloc(m * sizeof *key);
    if (!rank || !key) {
        st = oom(d);
        goto done;
    }
    /* Mixed-radix key over the per-column value ranks; UINT64_MAX marks a
     * row with a missing key. */
    uint64_t space = 1;
    for (size_t i = 0; i < n; i++)
        key[i] = 0;
    for (size_t k = 0; k < ncols; k++) {
        g->keys[k] = cols[k];
        size_t card = 0;
        if ((st = key_ranks(t, cols[k], rank, &card, d)) != CX_OK)
            goto done;
        if (card == 0)
            card = 1;
        if (space > UINT64_MAX / 2 / card) {
            st = cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                             "group_by: too many combinations of values");
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            if (key[i] == UINT64_MAX)
                continue;
            key[i] = rank[i] < 0 ? UINT64_MAX : key[i] * card + (uint64_t)rank[i];
        }
        space *= card;
    }
    if (space <= ((uint64_t)1 << 22)) {
        /* Dense: a slot per possible key, numbered in key order. */
        int32_t *slot = calloc((size_t)space, sizeof *slot);
        if (!slot) {
            st = oom(d);
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            if (key[i] != UINT64_MAX)
                slot[key[i]] = 1;
        int32_t next = 0;
        for (uint64_t s = 0; s < space; s++)
            slot[s] = slot[s] ? next++ : -1;
        for (size_t i = 0; i < n; i++)
            g->group[i] = key[i] == UINT64_MAX ? -1 : slot[key[i]];
        g->ngroups = (size_t)next;
        free(slot);
    } else {
        uint64_t *pairs = malloc(2 * m * sizeof *pairs);
        if (!pairs) {
            st = oom(d);
            goto done;
        }
        size_t np = 0;
        for (size_t i = 0; i < n; i++) {
            g->group[i] = -1;
            if (key[i] != UINT64_MAX) {
                pairs[2 * np] = key[i];
                pairs[2 * np + 1] = i;
                np++;
            }
        }
        qsort(pairs, np, 2 * sizeof *pairs, u64_pair_cmp);
        int32_t next = -1;
        for (size_t j = 0; j < np; j++) {
            if (j == 0 || pairs[2 * j] != pairs[2 * j - 2])
                next++;
            g->group[pairs[2 * j + 1]] = next;
        }
        g->ngroups = (size_t)(next + 1);
        free(pairs);
    }
sizes:
    g->first = malloc((g->ngroups ? g->ngroups : 1) * sizeof *g->first);
    g->size = calloc(g->ngroups ? g->ngroups : 1, sizeof *g->size);
    if (!g->first || !g->size) {
        st = oom(d);
        goto done;
    }
    for (size_t k = 0; k < g->ngroups; k++)
        g->first[k] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        int32_t k = g->group[i];
        if (k < 0)
            continue;
        if (g->first[k] == SIZE_MAX)
            g->first[k] = i;
        g->size[k]++;
    }
done:
    free(rank);
    free(key);
    if (st != CX_OK)
        cx_grouping_free(g);
    return st;
}

cx_table *cx_grouping_keys(const cx_table *t, const cx_grouping *g, cx_diag *d)
{
    cx_table *k = cx_table_new_derived(t->path, g->ngroups);
    if (!k) {
        oom(d);
        return NULL;
    }
    for (size_t i = 0; i < g->nkeys; i++) {
        if (cx_table_add_gathered(k, t, g->keys[i], g->first, NULL, d) != CX_OK) {
            cx_table_free(k);
            return NULL;
        }
    }
    return k;
}

/* ------------------------------------------------------------- ordering */

typedef struct order_ctx {
    const cx_table *t;
    const size_t *cols;
    const bool *desc;
    size_t ncols;
    int32_t **code_rank;    /* per column: dict ranks, or NULL for numbers */
} order_ctx;

static int order_cmp(const void *vctx, size_t a, size_t b)
{
    const order_ctx *o = vctx;
    for (size_t k = 0; k < o->ncols; k++) {
        const cx_column *c = &o->t->cols[o->cols[k]];
        int ma = cx_column_is_missing(c, a), mb = cx_column_is_missing(c, b);
        if (ma || mb) {
            if (ma && mb)
                continue;
            return ma ? 1 : -1;         /* missing last, either direction */
        }
        int r;
        if (c->storage == CX_STORE_NUMBER) {
            double x = c->num[a], y = c->num[b];
            r = (x > y) - (x < y);
        } else {
            int32_t x = o->code_rank[k][c->code[a]], y = o->code_rank[k][c->code[b]];
            r = (x > y) - (x < y);
        }
        if (r)
            return o->desc && o->desc[k] ? -r : r;
    }
    return 0;
}

cx_status cx_table_order(const cx_table *t, const size_t *cols, const bool *desc,
                         size_t ncols, size_t *order, cx_diag *d)
{
    cx_status st = CX_OK;
    size_t n = t->nrows;
    int32_t *ranks[CX_MAX_GROUP_KEYS] = {0};
    size_t *tmp = NULL;
    if (ncols == 0 || ncols > CX_MAX_GROUP_KEYS)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "sort takes 1 to %d fields",
                           CX_MAX_GROUP_KEYS);
    for (size_t k = 0; k < ncols; k++) {
        const cx_column *c = &t->cols[cols[k]];
        if (c->storage == CX_STORE_MULTI) {
            st = cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                             "cannot sort by \"%s\": it is a multi question", c->name);
            goto done;
        }
        if (c->storage == CX_STORE_CODE && !(ranks[k] = dict_sorted_ranks(c->dict))) {
            st = oom(d);
            goto done;
        }
    }
    if (!(tmp = malloc((n ? n : 1) * sizeof *tmp))) {
        st = oom(d);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    order_ctx ctx = {t, cols, desc, ncols, ranks};
    merge_sort(order, tmp, n, order_cmp, &ctx);
done:
    for (size_t k = 0; k < ncols && k < CX_MAX_GROUP_KEYS; k++)
        free(ranks[k]);
    free(tmp);
    return st;
}

/* ------------------------------------------------------------ filtering */

/* A per-code membership set for one string condition. */
static uint8_t *code_set(const cx_column *c, const cx_cond *cond)
{
    size_t m = cx_dict_count(c->dict);
    uint8_t *set = calloc(m ? m : 1, 1);
    if (!set)
        return NULL;
    for (size_t j = 0; j < cond->nstrs; j++) {
        int32_t code = cx_dict_find(c->dict, cond->strs[j], strlen(cond->strs[j]));
        if (code >= 0)
            set[code] = 1;
    }
    return set;
}

static bool number_in(const cx_cond *cond, double x)
{
    for (size_t j = 0; j < cond->nnums; j++)
        if (cond->nums[j] == x)
            return true;
    return false;
}

cx_status cx_table_filter(const cx_table *t, const cx_cond *conds, size_t nconds,
                          size_t *rows, size_t *nout, cx_diag *d)
{
    size_t n = t->nrows;
    uint8_t *keep = malloc(n ? n : 1);
    if (!keep)
        return oom(d);
    memset(keep, 1, n);
    cx_status st = CX_OK;
    for (size_t k = 0; k < nconds && st == CX_OK; k++) {
        const cx_cond *cond = &conds[k];
        const cx_column *c = &t->cols[cond->col];
        bool numeric = c->storage == CX_STORE_NUMBER;
        if ((cond->kind == CX_COND_IN || cond->kind == CX_COND_NOT_IN) &&
            ((numeric && cond->nstrs) || (!numeric && cond->nnums))) {
            st = cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                             "filter: field \"%s\" holds %s, but the condition gives %s",
                             c->name, numeric ? "numbers" : "text",
                             numeric ? "text" : "numbers");
            break;
        }
        if (cond->kind == CX_COND_RANGE && !numeric) {
            st = cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                             "filter: a range needs a number field, and \"%s\" holds text",
                             c->name);
            break;
        }
        uint8_t *set = NULL;
        if (!numeric && (cond->kind == CX_COND_IN || cond->kind == CX_COND_NOT_IN) &&
            !(set = code_set(c, cond))) {
            st = oom(d);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            if (!keep[i])
                continue;
            bool missing = cx_column_is_missing(c, i);
            bool ok;
            switch (cond->kind) {
            case CX_COND_MISSING:
                ok = missing;
                break;
            case CX_COND_PRESENT:
                ok = !missing;
                break;
            case CX_COND_RANGE:
                ok = !missing && c->num[i] >= cond->lo && c->num[i] <= cond->hi;
                break;
            default: {
                bool in = false;
                if (!missing) {
                    if (numeric) {
                        in = number_in(cond, c->num[i]);
                    } else if (c->storage == CX_STORE_CODE) {
                        in = set[c->code[i]];
                    } else {
                        for (uint32_t m = c->multi_offset[i]; m < c->multi_offset[i + 1] && !in; m++)
                            in = set[c->multi_code[m]];
                    }
                }
                ok = cond->kind == CX_COND_IN ? in : (!missing && !in);
            }
            }
            keep[i] = ok;
        }
        free(set);
    }
    size_t m = 0;
    if (st == CX_OK)
        for (size_t i = 0; i < n; i++)
            if (keep[i])
                rows[m++] = i;
    *nout = m;
    free(keep);
    return st;
}
