/*
 * meta.c — `survey` and `questions`: from a (small) cJSON tree to the
 * table's cx_survey and cx_question array, with every rule of the
 * contract checked and each error pointed at its member.  Metadata is
 * small, so whole trees are fine here; responses never come through.
 */
#include "meta.h"
#include "dict.h"
#include "number.h"
#include "reader.h"
#include "value.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

cx_status cx_meta_syntax(const cx_jscan *s, const char *file, cx_diag *d)
{
    return cx_diag_set(d, CX_EDATA, file, s->line, cx_jscan_column(s, s->err_at),
                       "%s", s->msg);
}

/* A positioned error at src's base path + rel (at the member name when
 * at_key, else at the value). */
static cx_status meta_verr(const cx_meta_src *src, const cx_jpath_step *rel, size_t nrel,
                           bool at_key, cx_diag *d, const char *fmt, va_list ap)
{
    long line = src->line, col = src->col;
    size_t n = src->nbase + nrel;
    cx_jpath_step *path = malloc((n ? n : 1) * sizeof *path);
    if (path) {
        if (src->nbase)
            memcpy(path, src->base, src->nbase * sizeof *path);
        if (nrel)
            memcpy(path + src->nbase, rel, nrel * sizeof *path);
        cx_jloc loc;
        if (cx_jscan_locate(src->text, src->end, src->line, src->col, path, n, &loc)) {
            line = at_key && loc.key ? loc.key_line : loc.line;
            col = at_key && loc.key ? loc.key_col : loc.col;
        }
        free(path);
    }
    return cx_diag_vset(d, CX_EDATA, src->file, line, col, fmt, ap);
}

static cx_status meta_err(const cx_meta_src *src, const cx_jpath_step *rel, size_t nrel,
                          bool at_key, cx_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static cx_status meta_err(const cx_meta_src *src, const cx_jpath_step *rel, size_t nrel,
                          bool at_key, cx_diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cx_status st = meta_verr(src, rel, nrel, at_key, d, fmt, ap);
    va_end(ap);
    return st;
}

/* How a value was written, for "found …" (located in the source text). */
static void found_at(const cx_meta_src *src, const cx_jpath_step *rel, size_t nrel,
                     char *buf, size_t size)
{
    size_t n = src->nbase + nrel;
    cx_jpath_step *path = malloc((n ? n : 1) * sizeof *path);
    snprintf(buf, size, "something else");
    if (!path)
        return;
    if (src->nbase)
        memcpy(path, src->base, src->nbase * sizeof *path);
    if (nrel)
        memcpy(path + src->nbase, rel, nrel * sizeof *path);
    cx_jloc loc;
    if (cx_jscan_locate(src->text, src->end, src->line, src->col, path, n, &loc))
        cx_jscan_found(loc.value, loc.value_end, buf, size);
    free(path);
}

static cx_status oom(const cx_meta_src *src, cx_diag *d)
{
    return cx_diag_set(d, CX_EINTERNAL, src->file, 0, 0, "out of memory");
}

/* ---- duplicate member names ---- */

static cx_status dups_walk(const cJSON *v, const cx_meta_src *src, cx_jpath_step *path,
                           size_t depth, cx_diag *d)
{
    size_t i = 0;
    if (cJSON_IsObject(v)) {
        cx_dict *seen = cx_dict_new();
        if (!seen)
            return oom(src, d);
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            size_t len = strlen(c->string), before = cx_dict_count(seen);
            if (cx_dict_intern(seen, c->string, len) < 0) {
                cx_dict_free(seen);
                return oom(src, d);
            }
            if (cx_dict_count(seen) == before) {
                cx_dict_free(seen);
                path[depth] = (cx_jpath_step){c->string, 0, 2};
                return meta_err(src, path, depth + 1, true, d,
                                "duplicate member \"%s\"", c->string);
            }
        }
        cx_dict_free(seen);
        for (const cJSON *c = v->child; c; c = c->next) {
            path[depth] = (cx_jpath_step){c->string, 0, 1};
            cx_status st = dups_walk(c, src, path, depth + 1, d);
            if (st != CX_OK)
                return st;
        }
    } else if (cJSON_IsArray(v)) {
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            path[depth] = (cx_jpath_step){NULL, i, 0};
            cx_status st = dups_walk(c, src, path, depth + 1, d);
            if (st != CX_OK)
                return st;
        }
    }
    return CX_OK;
}

cx_status cx_meta_check_dups(const cJSON *v, const cx_meta_src *src, cx_diag *d)
{
    cx_jpath_step *path = malloc((CX_JS_MAX_DEPTH + 2) * sizeof *path);
    if (!path)
        return oom(src, d);
    cx_status st = dups_walk(v, src, path, 0, d);
    free(path);
    return st;
}

/* ---- questions ---- */

static const char *const type_names[] = {
    [CX_Q_UNDECLARED] = "undeclared", [CX_Q_SCALE] = "scale", [CX_Q_NUMBER] = "number",
    [CX_Q_CATEGORY] = "category", [CX_Q_MULTI] = "multi", [CX_Q_TEXT] = "text",
    [CX_Q_BOOLEAN] = "boolean",
};

const char *cx_qtype_name(cx_qtype t)
{
    if ((unsigned)t < sizeof type_names / sizeof *type_names)
        return type_names[t];
    return "unknown";
}

/* An integral JSON number that fits a long exactly. */
static bool json_integer(const cJSON *v, long *out)
{
    if (!cJSON_IsNumber(v))
        return false;
    double x = v->valuedouble;
    if (x != floor(x) || fabs(x) > 9007199254740992.0)
        return false;
    *out = (long)x;
    return true;
}

/* Integer text as a labels key: -?(0|[1-9][0-9]*), within a long. */
static bool integer_text(const char *s, long *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p || (*p == '0' && p[1]) || strlen(p) > 15)
        return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    *out = strtol(s, NULL, 10);
    return !(*s == '-' && *out == 0);
}

static int cmp_label(const void *a, const void *b)
{
    long x = ((const cx_scale_label *)a)->value, y = ((const cx_scale_label *)b)->value;
    return (x > y) - (x < y);
}

typedef struct qctx {
    const cx_meta_src *src;
    cx_diag *d;
    char who[300];              /* "questions[2] (\"recommend\")" */
    cx_jpath_step path[4];      /* [index] [member] [index] */
} qctx;

static const cJSON *member(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

static cx_status q_members(qctx *c, const cJSON *qj)
{
    static const char *const known[] = {
        "id", "text", "type", "min", "max", "labels", "options", "missing",
    };
    for (const cJSON *m = qj->child; m; m = m->next) {
        bool ok = false;
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            ok = ok || strcmp(m->string, known[i]) == 0;
        if (!ok) {
            c->path[1] = (cx_jpath_step){m->string, 0, 1};
            return meta_err(c->src, c->path, 2, true, c->d,
                            "%s: unknown member \"%s\" (expected id, text, type, min, max, "
                            "labels, options or missing)", c->who, m->string);
        }
    }
    return CX_OK;
}

static cx_status q_bad(qctx *c, const char *name, const char *what)
{
    char found[96];
    c->path[1] = (cx_jpath_step){name, 0, 1};
    found_at(c->src, c->path, 2, found, sizeof found);
    return meta_err(c->src, c->path, 2, false, c->d, "%s: \"%s\" must be %s, found %s",
                    c->who, name, what, found);
}

static cx_status q_only(qctx *c, const char *name, const char *types)
{
    c->path[1] = (cx_jpath_step){name, 0, 1};
    return meta_err(c->src, c->path, 2, true, c->d,
                    "%s: \"%s\" applies only to %s questions", c->who, name, types);
}

static cx_status q_scale(qctx *c, cx_question *q, const cJSON *qj)
{
    const cJSON *mn = member(qj, "min"), *mx = member(qj, "max");
    if (!mn || !mx)
        return meta_err(c->src, c->path, 1, false, c->d,
                        "%s: \"min\" and \"max\" are required for a scale question", c->who);
    if (!json_integer(mn, &q->min))
        return q_bad(c, "min", "an integer");
    if (!json_integer(mx, &q->max))
        return q_bad(c, "max", "an integer");
    if (q->min > q->max) {
        c->path[1] = (cx_jpath_step){"max", 0, 1};
        return meta_err(c->src, c->path, 2, false, c->d,
                        "%s: \"max\" (%ld) must not be less than \"min\" (%ld)",
                        c->who, q->max, q->min);
    }
    const cJSON *lb = member(qj, "labels");
    if (!lb)
        return CX_OK;
    if (!cJSON_IsObject(lb))
        return q_bad(c, "labels", "an object of value -> label, e.g. {\"0\": \"Not at all\"}");
    size_t n = (size_t)cJSON_GetArraySize(lb), i = 0;
    if (n && !(q->labels = calloc(n, sizeof *q->labels)))
        return oom(c->src, c->d);
    c->path[1] = (cx_jpath_step){"labels", 0, 1};
    for (const cJSON *l = lb->child; l; l = l->next, i++) {
        long v;
        c->path[2] = (cx_jpath_step){l->string, 0, 1};
        if (!integer_text(l->string, &v))
            return meta_err(c->src, c->path, 3, true, c->d,
                            "%s: \"labels\" key \"%s\" is not an integer", c->who, l->string);
        if (v < q->min || v > q->max)
            return meta_err(c->src, c->path, 3, true, c->d,
                            "%s: \"labels\" key \"%s\" is outside the scale %ld..%ld",
                            c->who, l->string, q->min, q->max);
        if (!cJSON_IsString(l)) {
            char found[96];
            found_at(c->src, c->path, 3, found, sizeof found);
            return meta_err(c->src, c->path, 3, false, c->d,
                            "%s: the label of %ld must be a string, found %s", c->who, v, found);
        }
        if (!(q->labels[i].label = strdup(l->valuestring)))
            return oom(c->src, c->d);
        q->labels[i].value = v;
        q->nlabels = i + 1;
    }
    qsort(q->labels, q->nlabels, sizeof *q->labels, cmp_label);
    return CX_OK;
}

static cx_status q_options(qctx *c, cx_question *q, const cJSON *op)
{
    if (!cJSON_IsArray(op) || !op->child)
        return q_bad(c, "options", "a non-empty array of strings");
    size_t n = (size_t)cJSON_GetArraySize(op), i = 0;
    cx_dict *seen = cx_dict_new();
    if (!seen || !(q->options = calloc(n, sizeof *q->options))) {
        cx_dict_free(seen);
        return oom(c->src, c->d);
    }
    c->path[1] = (cx_jpath_step){"options", 0, 1};
    cx_status st = CX_OK;
    for (const cJSON *o = op->child; o; o = o->next, i++) {
        char buf[40];
        const char *s;
        c->path[2] = (cx_jpath_step){NULL, i, 0};
        if (cJSON_IsString(o))
            s = o->valuestring;
        else if (cJSON_IsNumber(o))
            s = cx_format_double(o->valuedouble, buf, sizeof buf);
        else {
            char found[96];
            found_at(c->src, c->path, 3, found, sizeof found);
            st = meta_err(c->src, c->path, 3, false, c->d,
                          "%s: options[%zu] must be a string, found %s", c->who, i, found);
            break;
        }
        size_t before = cx_dict_count(seen);
        if (cx_dict_intern(seen, s, strlen(s)) < 0) {
            st = oom(c->src, c->d);
            break;
        }
        if (cx_dict_count(seen) == before) {
            st = meta_err(c->src, c->path, 3, false, c->d,
                          "%s: duplicate option \"%s\"", c->who, s);
            break;
        }
        if (!(q->options[i] = strdup(s))) {
            st = oom(c->src, c->d);
            break;
        }
        q->noptions = i + 1;
    }
    cx_dict_free(seen);
    return st;
}

static cx_status q_missing(qctx *c, cx_question *q, const cJSON *ms)
{
    if (!cJSON_IsArray(ms))
        return q_bad(c, "missing", "an array of numbers or strings");
    size_t n = (size_t)cJSON_GetArraySize(ms), i = 0;
    if (n && !(q->missing = calloc(n, sizeof *q->missing)))
        return oom(c->src, c->d);
    c->path[1] = (cx_jpath_step){"missing", 0, 1};
    for (const cJSON *m = ms->child; m; m = m->next, i++) {
        cx_missing_code *mc = &q->missing[i];
        if (cJSON_IsNumber(m)) {
            mc->is_number = true;
            mc->number = m->valuedouble;
        } else if (cJSON_IsString(m)) {
            if (!(mc->string = strdup(m->valuestring)))
                return oom(c->src, c->d);
        } else {
            char found[96];
            c->path[2] = (cx_jpath_step){NULL, i, 0};
            found_at(c->src, c->path, 3, found, sizeof found);
            return meta_err(c->src, c->path, 3, false, c->d,
                            "%s: missing[%zu] must be a number or a string, found %s",
                            c->who, i, found);
        }
        q->nmissing = i + 1;
    }
    return CX_OK;
}

static cx_status q_one(qctx *c, cx_question *q, const cJSON *qj, size_t idx, cx_dict *ids)
{
    cx_status st;
    char found[96];
    snprintf(c->who, sizeof c->who, "questions[%zu]", idx);
    if (!cJSON_IsObject(qj)) {
        found_at(c->src, c->path, 1, found, sizeof found);
        return meta_err(c->src, c->path, 1, false, c->d,
                        "%s: expected a question object, found %s", c->who, found);
    }
    const cJSON *id = member(qj, "id");
    if (!id)
        return meta_err(c->src, c->path, 1, false, c->d, "%s: \"id\" is required", c->who);
    if (!cJSON_IsString(id) || !id->valuestring[0])
        return q_bad(c, "id", "a non-empty string");
    snprintf(c->who, sizeof c->who, "questions[%zu] (\"%.200s\")", idx, id->valuestring);
    size_t before = cx_dict_count(ids);
    int32_t first = cx_dict_intern(ids, id->valuestring, strlen(id->valuestring));
    if (first < 0)
        return oom(c->src, c->d);
    if (cx_dict_count(ids) == before) {
        c->path[1] = (cx_jpath_step){"id", 0, 1};
        return meta_err(c->src, c->path, 2, false, c->d,
                        "%s: duplicate id \"%s\" (also questions[%d])",
                        c->who, id->valuestring, first);
    }
    if (!(q->id = strdup(id->valuestring)))
        return oom(c->src, c->d);
    if ((st = q_members(c, qj)) != CX_OK)
        return st;

    const cJSON *ty = member(qj, "type");
    if (!ty)
        return meta_err(c->src, c->path, 1, false, c->d,
                        "%s: \"type\" is required (scale, number, category, multi, text "
                        "or boolean)", c->who);
    q->type = CX_Q_UNDECLARED;
    for (int t = CX_Q_SCALE; cJSON_IsString(ty) && t <= CX_Q_BOOLEAN; t++)
        if (strcmp(ty->valuestring, type_names[t]) == 0)
            q->type = (cx_qtype)t;
    if (q->type == CX_Q_UNDECLARED)
        return q_bad(c, "type", "one of scale, number, category, multi, text, boolean");

    const cJSON *tx = member(qj, "text");
    if (tx) {
        if (!cJSON_IsString(tx))
            return q_bad(c, "text", "a string");
        if (!(q->text = strdup(tx->valuestring)))
            return oom(c->src, c->d);
    }
    if (q->type == CX_Q_SCALE) {
        if ((st = q_scale(c, q, qj)) != CX_OK)
            return st;
    } else {
        static const char *const scale_only[] = {"min", "max", "labels"};
        for (int i = 0; i < 3; i++)
            if (member(qj, scale_only[i]))
                return q_only(c, scale_only[i], "scale");
    }
    const cJSON *op = member(qj, "options");
    if (op) {
        if (q->type != CX_Q_CATEGORY && q->type != CX_Q_MULTI)
            return q_only(c, "options", "category and multi");
        if ((st = q_options(c, q, op)) != CX_OK)
            return st;
    }
    const cJSON *ms = member(qj, "missing");
    if (ms && (st = q_missing(c, q, ms)) != CX_OK)
        return st;
    return CX_OK;
}

cx_status cx_meta_questions(cx_table *t, const cJSON *v, const cx_meta_src *src, cx_diag *d)
{
    qctx c = {.src = src, .d = d};
    char found[96];
    if (!cJSON_IsArray(v)) {
        found_at(src, NULL, 0, found, sizeof found);
        return meta_err(src, NULL, 0, false, d,
                        "\"questions\" must be an array of question objects, found %s", found);
    }
    size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
    if (n && !(t->questions = calloc(n, sizeof *t->questions)))
        return oom(src, d);
    cx_dict *ids = cx_dict_new();
    if (!ids)
        return oom(src, d);
    cx_status st = CX_OK;
    for (const cJSON *qj = v->child; qj; qj = qj->next, i++) {
        t->nquestions = i + 1;          /* so a failure frees what is filled */
        c.path[0] = (cx_jpath_step){NULL, i, 0};
        if ((st = q_one(&c, &t->questions[i], qj, i, ids)) != CX_OK)
            break;
    }
    cx_dict_free(ids);
    return st;
}

/* ---- survey ---- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool iso_date(const char *s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || dd < 1)
        return false;
    return dd <= mdays[m - 1] + (m == 2 && leap(y));
}

/* "YYYY-MM-DD", or a fieldwork period "YYYY-MM-DD/YYYY-MM-DD". */
static bool fielded_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 10)
        return iso_date(s);
    return n == 21 && s[10] == '/' && iso_date(s) && iso_date(s + 11) &&
           memcmp(s, s + 11, 10) <= 0;
}

cx_status cx_meta_survey(cx_table *t, cx_meta *m, const cJSON *v, const cx_meta_src *src,
                         cx_diag *d)
{
    cx_survey *sv = &t->survey;
    char found[96];
    cx_jpath_step step;
    if (!cJSON_IsObject(v)) {
        found_at(src, NULL, 0, found, sizeof found);
        return meta_err(src, NULL, 0, false, d, "\"survey\" must be an object, found %s", found);
    }
    size_t n = (size_t)cJSON_GetArraySize(v);
    cx_value *extra = &sv->extra;
    cx_value_clear(extra);
    extra->kind = CX_V_OBJECT;
    if (n && (!(extra->keys = calloc(n, sizeof *extra->keys)) ||
              !(extra->items = calloc(n, sizeof *extra->items))))
        return oom(src, d);

    for (const cJSON *c = v->child; c; c = c->next) {
        const char *k = c->string;
        char **slot = NULL;
        const char *what = NULL;
        step = (cx_jpath_step){k, 0, 1};
        if (strcmp(k, "id") == 0 || strcmp(k, "title") == 0 || strcmp(k, "population") == 0) {
            slot = k[0] == 'i' ? &sv->id : k[0] == 't' ? &sv->title : &sv->population;
            if (!cJSON_IsString(c))
                what = "a string";
        } else if (strcmp(k, "wave") == 0) {
            slot = &sv->wave;
            if (!cJSON_IsString(c) && !cJSON_IsNumber(c))
                what = "a string or a number";
        } else if (strcmp(k, "year") == 0) {
            if (!json_integer(c, &sv->year))
                what = "an integer";
            sv->has_year = true;
        } else if (strcmp(k, "fielded") == 0) {
            slot = &sv->fielded;
            if (!cJSON_IsString(c) || !fielded_ok(c->valuestring))
                what = "an ISO 8601 date (YYYY-MM-DD)";
        } else if (strcmp(k, "weight") == 0) {
            slot = &sv->weight;
            if (!cJSON_IsString(c) || !c->valuestring[0])
                what = "the name of the weight field (a non-empty string)";
            else {
                cx_jloc loc;
                cx_jpath_step *path = malloc((src->nbase + 1) * sizeof *path);
                if (!path)
                    return oom(src, d);
                if (src->nbase)
                    memcpy(path, src->base, src->nbase * sizeof *path);
                path[src->nbase] = step;
                m->weight_file = src->file;
                m->weight_line = src->line;
                m->weight_col = src->col;
                if (cx_jscan_locate(src->text, src->end, src->line, src->col, path,
                                    src->nbase + 1, &loc)) {
                    m->weight_line = loc.line;
                    m->weight_col = loc.col;
                }
                free(path);
            }
        } else {
            size_t i = extra->count;
            if (!(extra->keys[i] = strdup(k)))
                return oom(src, d);
            extra->count++;
            if (cx_value_from_json(c, &extra->items[i]) < 0)
                return oom(src, d);
            continue;
        }
        if (what) {
            found_at(src, &step, 1, found, sizeof found);
            return meta_err(src, &step, 1, false, d, "survey: \"%s\" must be %s, found %s",
                            k, what, found);
        }
        if (slot) {
            char buf[40];
            const char *s = cJSON_IsNumber(c) ? cx_format_double(c->valuedouble, buf, sizeof buf)
                                              : c->valuestring;
            free(*slot);
            if (!(*slot = strdup(s)))
                return oom(src, d);
        }
    }
    m->survey_seen = true;
    return CX_OK;
}

cx_status cx_meta_check(const cx_table *t, const cx_meta *m, cx_diag *d)
{
    const char *w = t->survey.weight;
    if (!w)
        return CX_OK;
    for (size_t i = 0; i < t->nquestions; i++) {
        const cx_question *q = &t->questions[i];
        if (strcmp(q->id, w) == 0 && q->type != CX_Q_NUMBER && q->type != CX_Q_SCALE)
            return cx_diag_set(d, CX_EDATA, m->weight_file, m->weight_line, m->weight_col,
                               "survey: \"weight\" names the field \"%s\", a %s question, "
                               "but a weight must be a number", w, cx_qtype_name(q->type));
    }
    return CX_OK;
}

/* ---- sidecar ---- */

cx_status cx_meta_sidecar(cx_table *t, cx_meta *m, const char *path, cx_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return CX_OK;               /* no sidecar: every field typed from its values */
    cx_status st = cx_read_file(path, &text, &len, d);
    if (st != CX_OK)
        return st;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;

    cx_jscan s;
    cx_jscan_init(&s, p, end, true, "end of file", 1, 1);
    cx_jscan_ws(&s);
    const char *vstart = s.p;
    long vline = s.line, vcol = cx_jscan_column(&s, s.p);
    if (s.p < end && *s.p != '{') {
        cx_jscan_expected(&s, s.p, "an object {\"survey\": …, \"questions\": […]}", NULL);
        st = cx_meta_syntax(&s, path, d);
        goto done;
    }
    if (cx_jscan_value(&s) != CX_JS_OK) {
        st = cx_meta_syntax(&s, path, d);
        goto done;
    }
    cx_jscan_ws(&s);
    if (s.p < end) {
        char what[32];
        cx_jscan_describe(&s, s.p, what, sizeof what);
        cx_jscan_error(&s, s.p, "unexpected %s after the end of the document", what);
        st = cx_meta_syntax(&s, path, d);
        goto done;
    }
    root = cJSON_ParseWithLengthOpts(vstart, (size_t)(s.p - vstart), NULL, false);
    if (!root) {
        st = cx_diag_set(d, CX_EINTERNAL, path, 0, 0, "out of memory");
        goto done;
    }
    cx_meta_src src = {path, vstart, end, vline, vcol, NULL, 0, "sidecar"};
    if ((st = cx_meta_check_dups(root, &src, d)) != CX_OK)
        goto done;
    for (const cJSON *c = root->child; c; c = c->next) {
        cx_jpath_step step = {c->string, 0, 1};
        cx_meta_src sub = src;
        sub.base = &step;
        sub.nbase = 1;
        if (strcmp(c->string, "questions") == 0) {
            if ((st = cx_meta_questions(t, c, &sub, d)) != CX_OK)
                goto done;
            m->questions_seen = true;
        } else if (strcmp(c->string, "survey") == 0) {
            if ((st = cx_meta_survey(t, m, c, &sub, d)) != CX_OK)
                goto done;
        } else {
            st = meta_err(&src, &step, 1, true, d,
                          "unknown member \"%s\" (a sidecar holds only \"survey\" and "
                          "\"questions\")", c->string);
            goto done;
        }
    }
done:
    cJSON_Delete(root);
    free(text);
    return st;
}
