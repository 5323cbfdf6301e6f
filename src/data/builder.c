/*
 * builder.c — the row-by-row filling of a cx_table (see builder.h).
 *
 * Hot path: one switch per value, codes from a hash lookup, numbers
 * stored as they come.  Every check the contract puts on a value lives
 * here, once, for all three encodings.  Never reads files and never
 * formats positions: the loaders own where things are.
 */
#include "builder.h"
#include "dict.h"
#include "jscan.h"
#include "number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FIRST_CAP = 1024, FIRST_MULTI_CAP = 256 };

typedef struct tb_col {
    size_t stamp;           /* row + 1 when set in that row */
    size_t mcap;            /* multi_code capacity */
} tb_col;

struct cx_tb {
    cx_table *t;
    size_t cap;             /* rows allocated in every column */
    size_t colcap;          /* entries allocated in t->cols and aux */
    tb_col *aux;
    size_t max_rows;
    cx_mem_budget mem;      /* the table's bytes against max_data_memory */
    int wcol;               /* the weight column, -1 until seen */
    int32_t *pred;          /* column of the k-th member, last row */
    size_t npred;
    int32_t *mtmp;          /* one multi answer being collected */
    size_t mtmpcap;
};

/* ---- columns ---- */

static cx_storage storage_of(cx_qtype t)
{
    switch (t) {
    case CX_Q_CATEGORY:
    case CX_Q_TEXT:
        return CX_STORE_CODE;
    case CX_Q_MULTI:
        return CX_STORE_MULTI;
    default:
        return CX_STORE_NUMBER;
    }
}

/* Bytes one row takes in a column of this storage. */
static size_t row_bytes(cx_storage s)
{
    switch (s) {
    case CX_STORE_NUMBER:
        return sizeof(double);
    case CX_STORE_CODE:
        return sizeof(int32_t);
    default:
        return sizeof(uint32_t) + 1;    /* offset and missing flag */
    }
}

/* Allocates a column's arrays for b->cap rows; rows 0..upto-1 missing. */
static int col_alloc(cx_tb *b, cx_column *c, tb_col *aux, size_t upto)
{
    size_t cap = b->cap;
    if (upto > cap)
        upto = cap;
    size_t extra = c->storage == CX_STORE_MULTI
                       ? sizeof *c->multi_offset + FIRST_MULTI_CAP * sizeof *c->multi_code : 0;
    if (!cx_mem_charge(&b->mem, cap * row_bytes(c->storage) + extra))
        return -1;
    switch (c->storage) {
    case CX_STORE_NUMBER:
        if (!(c->num = malloc(cap * sizeof *c->num)))
            return -1;
        for (size_t i = 0; i < upto; i++)
            c->num[i] = NAN;
        break;
    case CX_STORE_CODE:
        if (!(c->code = malloc(cap * sizeof *c->code)))
            return -1;
        for (size_t i = 0; i < upto; i++)
            c->code[i] = -1;
        break;
    case CX_STORE_MULTI:
        c->multi_offset = malloc((cap + 1) * sizeof *c->multi_offset);
        c->multi_missing = malloc(cap);
        aux->mcap = FIRST_MULTI_CAP;
        c->multi_code = malloc(aux->mcap * sizeof *c->multi_code);
        if (!c->multi_offset || !c->multi_missing || !c->multi_code)
            return -1;
        for (size_t i = 0; i <= upto; i++)
            c->multi_offset[i] = 0;
        memset(c->multi_missing, 1, upto);
        break;
    }
    return 0;
}

static int add_column(cx_tb *b, const char *name, size_t len,
                      const cx_question *q, cx_qtype type)
{
    cx_table *t = b->t;
    if (t->ncols == b->colcap) {
        size_t n = b->colcap ? b->colcap * 2 : 16;
        if (!cx_mem_charge(&b->mem, (n - b->colcap) * sizeof *t->cols))
            return -1;
        cx_column *cols = realloc(t->cols, n * sizeof *cols);
        if (!cols)
            return -1;
        t->cols = cols;
        tb_col *aux = realloc(b->aux, n * sizeof *aux);
        if (!aux)
            return -1;
        b->aux = aux;
        b->colcap = n;
    }
    int32_t idx = cx_dict_intern_in(t->names, name, len, &b->mem);
    if (idx != (int32_t)t->ncols || !cx_mem_charge(&b->mem, len + 1))
        return -1;
    cx_column *c = &t->cols[t->ncols];
    tb_col *aux = &b->aux[t->ncols];
    memset(c, 0, sizeof *c);
    memset(aux, 0, sizeof *aux);
    t->ncols++;                 /* from here on cx_table_free cleans up */
    c->name = malloc(len + 1);
    if (!c->name)
        return -1;
    memcpy(c->name, name, len);
    c->name[len] = '\0';
    c->question = q;
    c->declared = q != NULL;
    c->type = type;
    c->storage = storage_of(type);
    if (c->storage != CX_STORE_NUMBER) {
        if (!(c->dict = cx_dict_new()))
            return -1;
        for (size_t i = 0; q && i < q->noptions; i++)
            if (cx_dict_intern_in(c->dict, q->options[i], strlen(q->options[i]), &b->mem)
                != (int32_t)i)
                return -1;
    }
    /* A column born mid-file is missing in every row before, and in the
     * current one until its value is set. */
    if (col_alloc(b, c, aux, t->nrows + 1) < 0)
        return -1;
    if (t->survey.weight && strlen(t->survey.weight) == len &&
        memcmp(t->survey.weight, name, len) == 0)
        b->wcol = (int)idx;
    return (int)idx;
}

cx_tb *cx_tb_new(cx_table *t, const cx_load_limits *lim)
{
    cx_tb *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->t = t;
    b->cap = FIRST_CAP;
    b->max_rows = lim ? lim->max_rows : 0;
    b->wcol = -1;
    if (!t->names && !(t->names = cx_dict_new()))
        goto fail;
    for (size_t i = 0; i < t->nquestions; i++) {
        const cx_question *q = &t->questions[i];
        cx_qtype type = q->type;
        if (add_column(b, q->id, strlen(q->id), q, type) < 0)
            goto fail;
    }
    /* The declared columns count, but only the first growth that passes
     * the limit fails: then a position in the file can be named. */
    b->mem.limit = lim ? lim->max_data_memory : 0;
    return b;
fail:
    cx_tb_free(b);
    return NULL;
}

void cx_tb_free(cx_tb *b)
{
    if (!b)
        return;
    free(b->aux);
    free(b->pred);
    free(b->mtmp);
    free(b);
}

int cx_tb_column(cx_tb *b, const char *name, size_t len, size_t k)
{
    cx_table *t = b->t;
    /* Responses usually list their fields in the same order: try the
     * column that held this position last time before hashing. */
    if (k < b->npred) {
        int32_t c = b->pred[k];
        if (c >= 0 && cx_dict_length(t->names, c) == len &&
            memcmp(t->cols[c].name, name, len) == 0)
            return c;
    }
    int32_t c = cx_dict_find(t->names, name, len);
    if (c < 0) {
        /* An undeclared field: typed from its values, numeric until a
         * value says otherwise. */
        c = add_column(b, name, len, NULL, CX_Q_NUMBER);
        if (c < 0)
            return -1;
    }
    if (k >= b->npred) {
        size_t n = k + 8;
        int32_t *p = realloc(b->pred, n * sizeof *p);
        if (!p)
            return -1;
        for (size_t i = b->npred; i < n; i++)
            p[i] = -1;
        b->pred = p;
        b->npred = n;
    }
    b->pred[k] = c;
    return c;
}

int cx_tb_column_z(cx_tb *b, const char *name, size_t k)
{
    if (k < b->npred) {
        int32_t c = b->pred[k];
        if (c >= 0) {
            /* field names are short: an inline loop beats a strcmp call */
            const char *a = b->t->cols[c].name, *n = name;
            while (*a && *a == *n) {
                a++;
                n++;
            }
            if (*a == *n)
                return c;
        }
    }
    return cx_tb_column(b, name, strlen(name), k);
}

cx_status cx_tb_failure(const cx_tb *b, cx_tb_err *e)
{
    memset(e, 0, sizeof *e);
    e->col = e->elem = -1;
    if (!b->mem.exceeded) {
        snprintf(e->message, sizeof e->message, "out of memory");
        return CX_EINTERNAL;
    }
    char limit[64];
    e->limit = true;
    snprintf(e->message, sizeof e->message, "dataset needs more than %s of memory (raise the "
             "limit with --max-data-memory)", cx_diag_size_text(b->mem.limit, limit, sizeof limit));
    return CX_EDATA;
}

/* ---- rows ---- */

static int grow_rows(cx_tb *b)
{
    cx_table *t = b->t;
    size_t cap = b->cap * 2, per_row = 0;
    for (size_t i = 0; i < t->ncols; i++)
        per_row += row_bytes(t->cols[i].storage);
    if (!cx_mem_charge(&b->mem, (cap - b->cap) * per_row))
        return -1;
    for (size_t i = 0; i < t->ncols; i++) {
        cx_column *c = &t->cols[i];
        switch (c->storage) {
        case CX_STORE_NUMBER: {
            double *p = realloc(c->num, cap * sizeof *p);
            if (!p)
                return -1;
            c->num = p;
            break;
        }
        case CX_STORE_CODE: {
            int32_t *p = realloc(c->code, cap * sizeof *p);
            if (!p)
                return -1;
            c->code = p;
            break;
        }
        case CX_STORE_MULTI: {
            uint32_t *o = realloc(c->multi_offset, (cap + 1) * sizeof *o);
            if (!o)
                return -1;
            c->multi_offset = o;
            uint8_t *m = realloc(c->multi_missing, cap);
            if (!m)
                return -1;
            c->multi_missing = m;
            break;
        }
        }
    }
    b->cap = cap;
    return 0;
}

cx_status cx_tb_row_begin(cx_tb *b, cx_tb_err *e)
{
    cx_table *t = b->t;
    size_t r = t->nrows;
    if (b->max_rows && r >= b->max_rows) {
        memset(e, 0, sizeof *e);
        e->col = e->elem = -1;
        snprintf(e->message, sizeof e->message,
                 "more than %zu response%s (raise the limit with --max-rows)", b->max_rows,
                 b->max_rows == 1 ? "" : "s");
        return CX_EDATA;
    }
    if (r == b->cap && grow_rows(b) < 0)
        return cx_tb_failure(b, e);
    for (size_t i = 0; i < t->ncols; i++) {
        cx_column *c = &t->cols[i];
        switch (c->storage) {
        case CX_STORE_NUMBER:
            c->num[r] = NAN;
            break;
        case CX_STORE_CODE:
            c->code[r] = -1;
            break;
        case CX_STORE_MULTI:
            c->multi_offset[r + 1] = c->multi_offset[r];
            c->multi_missing[r] = 1;
            break;
        }
    }
    return CX_OK;
}

bool cx_tb_claim(cx_tb *b, int col)
{
    size_t stamp = b->t->nrows + 1;
    if (b->aux[col].stamp == stamp)
        return false;
    b->aux[col].stamp = stamp;
    return true;
}

cx_status cx_tb_row_end(cx_tb *b, cx_tb_err *e)
{
    cx_table *t = b->t;
    if (t->survey.weight &&
        (b->wcol < 0 || b->aux[b->wcol].stamp != t->nrows + 1)) {
        memset(e, 0, sizeof *e);
        e->col = b->wcol;
        e->elem = -1;
        e->absent = true;
        snprintf(e->message, sizeof e->message,
                 "missing the weight field \"%s\" (survey.weight: every response "
                 "needs a finite weight >= 0)", t->survey.weight);
        return CX_EDATA;
    }
    t->nrows++;
    return CX_OK;
}

/* ---- values ---- */

static void list_options(const cx_question *q, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < q->noptions; i++) {
        size_t need = strlen(q->options[i]) + 4;
        if (o + need + 16 > size || o > 240) {
            snprintf(buf + o, size - o, ", … (%zu options)", q->noptions);
            return;
        }
        o += (size_t)snprintf(buf + o, size - o, "%s\"%s\"", i ? ", " : "", q->options[i]);
    }
}

void cx_tb_expected(const cx_column *c, bool weight, char *buf, size_t size)
{
    const cx_question *q = c->question;
    char opts[400];
    if (weight) {
        snprintf(buf, size, "a finite number >= 0 (the survey weight)");
        return;
    }
    if (!c->declared) {
        snprintf(buf, size, "a number, string, boolean or null (an array is allowed only "
                 "for a multi question)");
        return;
    }
    switch (c->type) {
    case CX_Q_SCALE:
        snprintf(buf, size, "an integer %ld..%ld (scale)", q->min, q->max);
        break;
    case CX_Q_NUMBER:
        snprintf(buf, size, "a number");
        break;
    case CX_Q_BOOLEAN:
        snprintf(buf, size, "true or false (boolean)");
        break;
    case CX_Q_TEXT:
        snprintf(buf, size, "a string (text)");
        break;
    case CX_Q_CATEGORY:
        if (q->noptions) {
            list_options(q, opts, sizeof opts);
            snprintf(buf, size, "one of %s (category)", opts);
        } else
            snprintf(buf, size, "a string (category)");
        break;
    case CX_Q_MULTI:
        snprintf(buf, size, "an array of strings (multi)");
        break;
    default:
        snprintf(buf, size, "a value");
        break;
    }
}

static cx_status fail(cx_tb *b, int col, int elem, cx_tb_err *e)
{
    memset(e, 0, sizeof *e);
    e->col = col;
    e->elem = elem;
    cx_tb_expected(&b->t->cols[col], col == b->wcol, e->expected, sizeof e->expected);
    return CX_EDATA;
}

static cx_status fail_multi_option(cx_tb *b, int col, int elem, cx_tb_err *e)
{
    char opts[400];
    memset(e, 0, sizeof *e);
    e->col = col;
    e->elem = elem;
    list_options(b->t->cols[col].question, opts, sizeof opts);
    snprintf(e->expected, sizeof e->expected, "one of %s (multi)", opts);
    return CX_EDATA;
}

/* An undeclared column met a value that is not a number: from now on it
 * is a category, and the numbers stored so far become their text.  The
 * codes take less than the numbers they replace: only the dictionary is
 * charged to the budget. */
static cx_status to_category(cx_tb *b, cx_column *c)
{
    size_t r = b->t->nrows;
    int32_t *code = malloc(b->cap * sizeof *code);
    cx_dict *d = cx_dict_new();
    char buf[40];
    if (!code || !d)
        goto oom;
    for (size_t i = 0; i < r; i++) {
        if (c->num[i] != c->num[i]) {
            code[i] = -1;
            continue;
        }
        cx_format_double(c->num[i], buf, sizeof buf);
        if ((code[i] = cx_dict_intern_in(d, buf, strlen(buf), &b->mem)) < 0)
            goto oom;
    }
    code[r] = -1;
    free(c->num);
    c->num = NULL;
    c->code = code;
    c->dict = d;
    c->type = CX_Q_CATEGORY;
    c->storage = CX_STORE_CODE;
    return CX_OK;
oom:
    free(code);
    cx_dict_free(d);
    return CX_EINTERNAL;
}

static cx_status set_code(cx_tb *b, cx_column *c, size_t r, const char *s, size_t len)
{
    int32_t code = cx_dict_intern_in(c->dict, s, len, &b->mem);
    if (code < 0)
        return CX_EINTERNAL;
    c->code[r] = code;
    return CX_OK;
}

static bool json_missing_code(const cx_question *q, const cJSON *v)
{
    for (size_t i = 0; i < q->nmissing; i++) {
        const cx_missing_code *m = &q->missing[i];
        if (m->is_number ? cJSON_IsNumber(v) && v->valuedouble == m->number
                         : cJSON_IsString(v) && strcmp(v->valuestring, m->string) == 0)
            return true;
    }
    return false;
}

static bool scale_ok(const cx_question *q, double x)
{
    return x == floor(x) && x >= (double)q->min && x <= (double)q->max;
}

/* Appends one code to the answer being collected (no duplicates). */
static int mtmp_add(cx_tb *b, size_t *n, int32_t code)
{
    for (size_t i = 0; i < *n; i++)
        if (b->mtmp[i] == code)
            return 0;
    if (*n == b->mtmpcap) {
        size_t cap = b->mtmpcap ? b->mtmpcap * 2 : 16;
        int32_t *p = realloc(b->mtmp, cap * sizeof *p);
        if (!p)
            return -1;
        b->mtmp = p;
        b->mtmpcap = cap;
    }
    b->mtmp[(*n)++] = code;
    return 0;
}

/* Stores the collected answer as the current row's. */
static cx_status multi_store(cx_tb *b, int col, size_t n)
{
    cx_column *c = &b->t->cols[col];
    tb_col *aux = &b->aux[col];
    size_t r = b->t->nrows, at = c->multi_offset[r];
    if (at + n > UINT32_MAX)
        return CX_EINTERNAL;
    if (at + n > aux->mcap) {
        size_t cap = aux->mcap * 2;
        while (cap < at + n)
            cap *= 2;
        if (!cx_mem_charge(&b->mem, (cap - aux->mcap) * sizeof *c->multi_code))
            return CX_EINTERNAL;
        int32_t *p = realloc(c->multi_code, cap * sizeof *p);
        if (!p)
            return CX_EINTERNAL;
        c->multi_code = p;
        aux->mcap = cap;
    }
    if (n)                      /* [] before any answer: mtmp is still NULL */
        memcpy(c->multi_code + at, b->mtmp, n * sizeof *b->mtmp);
    c->multi_offset[r + 1] = (uint32_t)(at + n);
    c->multi_missing[r] = 0;
    return CX_OK;
}

static cx_status set_multi_json(cx_tb *b, int col, const cJSON *v, cx_tb_err *e)
{
    cx_column *c = &b->t->cols[col];
    const cx_question *q = c->question;
    char buf[40];
    size_t n = 0;
    int i = 0;
    if (!cJSON_IsArray(v))
        return fail(b, col, -1, e);
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        const char *s;
        if (cJSON_IsString(it))
            s = it->valuestring;
        else if (cJSON_IsNumber(it) && q->noptions)
            s = cx_format_double(it->valuedouble, buf, sizeof buf);
        else {
            memset(e, 0, sizeof *e);
            e->col = col;
            e->elem = i;
            snprintf(e->expected, sizeof e->expected, "a string in the array (multi)");
            return CX_EDATA;
        }
        int32_t code = q->noptions ? cx_dict_find(c->dict, s, strlen(s))
                                   : cx_dict_intern_in(c->dict, s, strlen(s), &b->mem);
        if (code < 0) {
            if (q->noptions)
                return fail_multi_option(b, col, i, e);
            return CX_EINTERNAL;
        }
        if (mtmp_add(b, &n, code) < 0)
            return CX_EINTERNAL;
    }
    return multi_store(b, col, n);
}

static cx_status set_weight_num(cx_tb *b, int col, double x, cx_tb_err *e)
{
    cx_column *c = &b->t->cols[col];
    if (!(x >= 0) || isinf(x) ||
        (c->type == CX_Q_SCALE && c->declared && !scale_ok(c->question, x)))
        return fail(b, col, -1, e);
    c->num[b->t->nrows] = x;
    return CX_OK;
}

static cx_status set_json(cx_tb *b, int col, const cJSON *v, cx_tb_err *e)
{
    cx_column *c = &b->t->cols[col];
    const cx_question *q = c->question;
    size_t r = b->t->nrows;
    char buf[40];
    const char *s;

    if (col == b->wcol) {
        if (cJSON_IsNumber(v) && !(q && json_missing_code(q, v)))
            return set_weight_num(b, col, v->valuedouble, e);
        return fail(b, col, -1, e);
    }
    if (cJSON_IsNull(v) || (q && q->nmissing && json_missing_code(q, v)))
        return CX_OK;

    if (!c->declared) {
        if (cJSON_IsNumber(v)) {
            if (c->storage == CX_STORE_NUMBER) {
                c->num[r] = v->valuedouble;
                return CX_OK;
            }
            s = cx_format_double(v->valuedouble, buf, sizeof buf);
        } else if (cJSON_IsString(v))
            s = v->valuestring;
        else if (cJSON_IsBool(v))
            s = cJSON_IsTrue(v) ? "true" : "false";
        else
            return fail(b, col, -1, e);
        if (c->storage == CX_STORE_NUMBER && to_category(b, c) != CX_OK)
            return CX_EINTERNAL;
        return set_code(b, c, r, s, strlen(s));
    }

    switch (c->type) {
    case CX_Q_SCALE:
        if (!cJSON_IsNumber(v) || !scale_ok(q, v->valuedouble))
            return fail(b, col, -1, e);
        c->num[r] = v->valuedouble + 0.0;       /* -0 is 0 */
        return CX_OK;
    case CX_Q_NUMBER:
        if (!cJSON_IsNumber(v))
            return fail(b, col, -1, e);
        c->num[r] = v->valuedouble;
        return CX_OK;
    case CX_Q_BOOLEAN:
        if (!cJSON_IsBool(v))
            return fail(b, col, -1, e);
        c->num[r] = cJSON_IsTrue(v) ? 1 : 0;
        return CX_OK;
    case CX_Q_TEXT:
        if (!cJSON_IsString(v))
            return fail(b, col, -1, e);
        return set_code(b, c, r, v->valuestring, strlen(v->valuestring));
    case CX_Q_CATEGORY:
        if (cJSON_IsString(v))
            s = v->valuestring;
        else if (cJSON_IsNumber(v))
            s = cx_format_double(v->valuedouble, buf, sizeof buf);
        else if (cJSON_IsBool(v))
            s = cJSON_IsTrue(v) ? "true" : "false";
        else
            return fail(b, col, -1, e);
        if (q->noptions) {
            int32_t code = cx_dict_find(c->dict, s, strlen(s));
            if (code < 0)
                return fail(b, col, -1, e);
            c->code[r] = code;
            return CX_OK;
        }
        return set_code(b, c, r, s, strlen(s));
    case CX_Q_MULTI:
        return set_multi_json(b, col, v, e);
    default:
        return fail(b, col, -1, e);
    }
}

cx_status cx_tb_set_json(cx_tb *b, int col, const cJSON *v, cx_tb_err *e)
{
    cx_status st = set_json(b, col, v, e);
    return st == CX_EINTERNAL ? cx_tb_failure(b, e) : st;
}

/* ---- CSV cells ---- */

static bool text_missing_code(const cx_question *q, const char *s, size_t len,
                              bool isnum, double x)
{
    for (size_t i = 0; i < q->nmissing; i++) {
        const cx_missing_code *m = &q->missing[i];
        if (m->is_number ? isnum && x == m->number
                         : strlen(m->string) == len && memcmp(m->string, s, len) == 0)
            return true;
    }
    return false;
}

static int csv_bool(const char *s, size_t len)
{
    static const char *const yes[] = {"true", "True", "TRUE"};
    static const char *const no[] = {"false", "False", "FALSE"};
    for (int i = 0; i < 3; i++) {
        if (len == 4 && memcmp(s, yes[i], 4) == 0)
            return 1;
        if (len == 5 && memcmp(s, no[i], 5) == 0)
            return 0;
    }
    return -1;
}

/* A multi cell: a JSON array of strings, or values separated by ';'. */
static cx_status set_multi_text(cx_tb *b, int col, const char *s, size_t len, cx_tb_err *e)
{
    cx_column *c = &b->t->cols[col];
    const cx_question *q = c->question;
    if (s[0] == '[') {
        cx_jscan js;
        cx_jscan_init(&js, s, s + len, true, "end of cell", 1, 1);
        if (cx_jscan_value(&js) != CX_JS_OK || (cx_jscan_ws(&js), js.p != s + len))
            return fail(b, col, -1, e);
        cJSON *v = cJSON_ParseWithLength(s, len);
        if (!v)
            return CX_EINTERNAL;
        cx_status st = set_multi_json(b, col, v, e);
        cJSON_Delete(v);
        if (st == CX_EDATA)
            e->elem = -1;       /* the cell is the position */
        return st;
    }
    size_t n = 0;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && s[j] != ';')
            j++;
        size_t a = i, z = j;
        while (a < z && s[a] == ' ')
            a++;
        while (z > a && s[z - 1] == ' ')
            z--;
        if (z > a) {
            int32_t code = q->noptions ? cx_dict_find(c->dict, s + a, z - a)
                                       : cx_dict_intern_in(c->dict, s + a, z - a, &b->mem);
            if (code < 0) {
                if (q->noptions)
                    return fail_multi_option(b, col, -1, e);
                return CX_EINTERNAL;
            }
            if (mtmp_add(b, &n, code) < 0)
                return CX_EINTERNAL;
        }
        i = j + 1;
    }
    return multi_store(b, col, n);
}

static cx_status set_text(cx_tb *b, int col, const char *s, size_t len, cx_tb_err *e)
{
    cx_column *c = &b->t->cols[col];
    const cx_question *q = c->question;
    size_t r = b->t->nrows;
    double x = 0;
    char buf[40];

    if (len == 0) {
        if (col == b->wcol)
            return fail(b, col, -1, e);
        return CX_OK;
    }
    bool isnum = ((s[0] >= '0' && s[0] <= '9') || s[0] == '-') && cx_number_parse(s, len, &x);
    if (isnum && isinf(x)) {
        memset(e, 0, sizeof *e);
        e->col = col;
        e->elem = -1;
        snprintf(e->message, sizeof e->message, "number %.*s is out of range (numbers "
                 "must be finite)", len > 60 ? 60 : (int)len, s);
        return CX_EDATA;
    }
    if (col == b->wcol) {
        if (isnum && !(q && text_missing_code(q, s, len, isnum, x)))
            return set_weight_num(b, col, x, e);
        return fail(b, col, -1, e);
    }
    if (q && q->nmissing && text_missing_code(q, s, len, isnum, x))
        return CX_OK;

    if (!c->declared) {
        if (isnum) {
            if (c->storage == CX_STORE_NUMBER) {
                c->num[r] = x;
                return CX_OK;
            }
            cx_format_double(x, buf, sizeof buf);
            return set_code(b, c, r, buf, strlen(buf));
        }
        if (c->storage == CX_STORE_NUMBER && to_category(b, c) != CX_OK)
            return CX_EINTERNAL;
        return set_code(b, c, r, s, len);
    }

    switch (c->type) {
    case CX_Q_SCALE:
        if (!isnum || !scale_ok(q, x))
            return fail(b, col, -1, e);
        c->num[r] = x + 0.0;
        return CX_OK;
    case CX_Q_NUMBER:
        if (!isnum)
            return fail(b, col, -1, e);
        c->num[r] = x;
        return CX_OK;
    case CX_Q_BOOLEAN: {
        int v = csv_bool(s, len);
        if (v < 0)
            return fail(b, col, -1, e);
        c->num[r] = v;
        return CX_OK;
    }
    case CX_Q_TEXT:
        return set_code(b, c, r, s, len);
    case CX_Q_CATEGORY:
        if (q->noptions) {
            int32_t code = cx_dict_find(c->dict, s, len);
            if (code < 0 && isnum) {
                /* numeric options are kept as their shortest text */
                cx_format_double(x, buf, sizeof buf);
                code = cx_dict_find(c->dict, buf, strlen(buf));
            }
            if (code < 0)
                return fail(b, col, -1, e);
            c->code[r] = code;
            return CX_OK;
        }
        return set_code(b, c, r, s, len);
    case CX_Q_MULTI:
        return set_multi_text(b, col, s, len, e);
    default:
        return fail(b, col, -1, e);
    }
}

cx_status cx_tb_set_text(cx_tb *b, int col, const char *s, size_t len, cx_tb_err *e)
{
    cx_status st = set_text(b, col, s, len, e);
    return st == CX_EINTERNAL ? cx_tb_failure(b, e) : st;
}

/* ---- completion ---- */

static void trim(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, (n ? n : 1) * size);
    if (q)
        *p = q;
}

cx_status cx_tb_finish(cx_tb *b)
{
    cx_table *t = b->t;
    if (t->survey.weight && b->wcol < 0) {
        /* No response at all: the weight column still exists, empty (a
         * few bytes: never worth failing the limit for). */
        b->mem.limit = 0;
        const char *w = t->survey.weight;
        if (add_column(b, w, strlen(w), NULL, CX_Q_NUMBER) < 0)
            return CX_EINTERNAL;
    }
    size_t n = t->nrows;
    for (size_t i = 0; i < t->ncols; i++) {
        cx_column *c = &t->cols[i];
        switch (c->storage) {
        case CX_STORE_NUMBER:
            trim((void **)&c->num, n, sizeof *c->num);
            break;
        case CX_STORE_CODE:
            trim((void **)&c->code, n, sizeof *c->code);
            break;
        case CX_STORE_MULTI:
            trim((void **)&c->multi_offset, n + 1, sizeof *c->multi_offset);
            trim((void **)&c->multi_missing, n, 1);
            trim((void **)&c->multi_code, c->multi_offset[n], sizeof *c->multi_code);
            break;
        }
    }
    if (b->wcol >= 0)
        t->weight = t->cols[b->wcol].num;
    return CX_OK;
}
