/*
 * lua_data.c — datasets and groups as Lua objects.
 *
 * A dataset is a full userdata with the metatable "cx.dataset" (as liolib
 * does for files), checked with luaL_checkudata on every entry.  The same
 * type serves loaded data and every result (an NPS table per vendor is a
 * dataset too), so results can be filtered, sorted, joined, tabulated and
 * aggregated again: `by_vendor:mean("nps")` is the industry average.
 *
 *   dataset "NAME"                     the --data NAME=PATH table
 *   dataset("NAME", {optional = true}) the same, or nil when not given
 *   param.KEY                          the --param KEY=VALUE string, or nil
 *   #ds, ds:count()                    rows
 *   ds:fields()  ds:column(f)  ds:rows()  ds:row(i)  ds:value(f [, i])
 *   ds:survey()  ds:questions()
 *   ds:filter{f = v | {v1, v2} | {min =, max =} | {missing = bool} | {["not"] = v}}
 *   ds:filter(function(row) … end)
 *   ds:sort("f", "-g")                 stable; "-" sorts descending; missing last
 *   ds:top(n)   ds:distinct(f)   ds:derive(name, function(row) … end)
 *   ds:rank(f, {order = "desc", as = "rank"})
 *   ds:join(other, {by = f, suffix = "_prior"})
 *   ds:group_by(f, …)                  -> groups (aggregations in lua_aggregate.c)
 *
 * Derived datasets own their table and free it in __gc.  C memory is
 * never held across a call that may raise: scratch arrays are userdata.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/data_ops.h"
#include "cxreport/stats.h"

#define DATASET_MT "cx.dataset"
#define GROUPS_MT "cx.groups"

typedef struct lua_groups {
    cx_grouping g;
    bool live;
} lua_groups;

/* A dataset argument, without recording a read. */
static cx_lua_dataset *check_quiet(lua_State *L, int idx)
{
    cx_lua_dataset *ds = luaL_checkudata(L, idx, DATASET_MT);
    if (!ds->table)
        luaL_error(L, "the dataset was closed");
    return ds;
}

static void read_whole(lua_State *L, const cx_lua_dataset *ds)
{
    cx_data_reads *r = &cx_lua_ctx_of(L)->env->reads;
    if (ds->root >= 0 && (size_t)ds->root < r->count)
        r->items[ds->root].whole = true;
}

cx_lua_dataset *cx_lua_check_dataset(lua_State *L, int idx)
{
    cx_lua_dataset *ds = check_quiet(L, idx);
    read_whole(L, ds);
    return ds;
}

cx_lua_dataset *cx_lua_test_dataset(lua_State *L, int idx)
{
    cx_lua_dataset *ds = luaL_testudata(L, idx, DATASET_MT);
    if (!ds || !ds->table)
        return NULL;
    read_whole(L, ds);
    return ds;
}

static int ds_gc(lua_State *L)
{
    cx_lua_dataset *ds = luaL_checkudata(L, 1, DATASET_MT);
    cx_table_free(ds->owned);
    ds->owned = NULL;
    ds->table = NULL;
    return 0;
}

/* Borrowed datasets only: a derived table must be attached to a userdata
 * made beforehand (cx_lua_new_result), so an allocation error in Lua can
 * never leave it unowned. */
static void push_borrowed(lua_State *L, const cx_table *t, const char *name, int root)
{
    cx_lua_dataset *ds = cx_lua_new_result(L, name);
    ds->table = t;
    ds->root = root;
}

cx_lua_dataset *cx_lua_new_result(lua_State *L, const char *name)
{
    cx_lua_dataset *ds = lua_newuserdatauv(L, sizeof *ds, 1);
    ds->table = NULL;
    ds->owned = NULL;
    ds->name = "";
    ds->root = -1;
    luaL_setmetatable(L, DATASET_MT);
    lua_pushstring(L, name);
    ds->name = lua_tostring(L, -1);
    lua_setiuservalue(L, -2, 1);
    return ds;
}

void cx_lua_set_result(lua_State *L, cx_lua_dataset *ds, cx_table *t, const cx_diag *d)
{
    if (!t)
        cx_lua_raise_diag(L, d);
    ds->table = t;
    ds->owned = t;
}

size_t cx_lua_field(lua_State *L, const cx_lua_dataset *ds, const char *name)
{
    int col = cx_table_column_index(ds->table, name);
    if (col < 0)
        luaL_error(L, "dataset '%s' has no field '%s'", ds->name, name);
    return (size_t)col;
}

/* Pushes one cell; nil when missing.  Integral numbers become integers,
 * so 9 prints as "9" and indexes tables as 9. */
void cx_lua_push_cell(lua_State *L, const cx_table *t, size_t col, size_t row)
{
    const cx_column *c = &t->cols[col];
    switch (c->storage) {
    case CX_STORE_NUMBER: {
        double x = c->num[row];
        if (isnan(x))
            lua_pushnil(L);
        else if (c->type == CX_Q_BOOLEAN)
            lua_pushboolean(L, x != 0);
        else if (x == floor(x) && fabs(x) < 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)x);
        else
            lua_pushnumber(L, x);
        break;
    }
    case CX_STORE_CODE:
        if (c->code[row] < 0)
            lua_pushnil(L);
        else
            lua_pushstring(L, cx_dict_string(c->dict, c->code[row]));
        break;
    case CX_STORE_MULTI:
        if (c->multi_missing[row]) {
            lua_pushnil(L);
        } else {
            uint32_t a = c->multi_offset[row], b = c->multi_offset[row + 1];
            lua_createtable(L, (int)(b - a), 0);
            for (uint32_t k = a; k < b; k++) {
                lua_pushstring(L, cx_dict_string(c->dict, c->multi_code[k]));
                lua_rawseti(L, -2, (lua_Integer)(k - a) + 1);
            }
        }
        break;
    }
}

static void push_value(lua_State *L, const cx_value *v)
{
    luaL_checkstack(L, 4, "metadata nested too deeply");
    switch (v->kind) {
    case CX_V_NULL:
        lua_pushnil(L);
        break;
    case CX_V_BOOL:
        lua_pushboolean(L, v->boolean);
        break;
    case CX_V_NUMBER:
        if (v->number == floor(v->number) && fabs(v->number) < 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)v->number);
        else
            lua_pushnumber(L, v->number);
        break;
    case CX_V_STRING:
        lua_pushstring(L, v->string);
        break;
    case CX_V_ARRAY:
        lua_createtable(L, (int)v->count, 0);
        for (size_t i = 0; i < v->count; i++) {
            push_value(L, &v->items[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    case CX_V_OBJECT:
        lua_createtable(L, 0, (int)v->count);
        for (size_t i = 0; i < v->count; i++) {
            push_value(L, &v->items[i]);
            lua_setfield(L, -2, v->keys[i]);
        }
        break;
    }
}

static void push_row(lua_State *L, const cx_table *t, size_t r)
{
    lua_createtable(L, 0, (int)t->ncols);
    for (size_t c = 0; c < t->ncols; c++) {
        cx_lua_push_cell(L, t, c, r);
        lua_setfield(L, -2, t->cols[c].name);
    }
}

/* ------------------------------------------------------------- basics */

static int l_dataset(lua_State *L)
{
    cx_script_env *env = cx_lua_ctx_of(L)->env;
    const char *name = luaL_checkstring(L, 1);
    for (size_t i = 0; i < env->ndatasets; i++) {
        if (strcmp(env->datasets[i].name, name) == 0) {
            push_borrowed(L, env->datasets[i].table, name, (int)i);
            return 1;
        }
    }
    /* dataset("prior", {optional = true}): nil when it was not given */
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "optional");
        if (lua_toboolean(L, -1)) {
            lua_pushnil(L);
            return 1;
        }
    }
    return luaL_error(L, "no dataset named '%s' (give it with --data %s=PATH)", name, name);
}

static int ds_count(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_quiet(L, 1)->table->nrows);
    return 1;
}

static int ds_fields(lua_State *L)
{
    const cx_table *t = check_quiet(L, 1)->table;
    lua_createtable(L, (int)t->ncols, 0);
    for (size_t i = 0; i < t->ncols; i++) {
        lua_pushstring(L, t->cols[i].name);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int ds_column(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t col = cx_lua_field(L, ds, luaL_checkstring(L, 2));
    const cx_table *t = ds->table;
    lua_createtable(L, (int)(t->nrows < 100000000 ? t->nrows : 0), 0);
    for (size_t r = 0; r < t->nrows; r++) {
        cx_lua_push_cell(L, t, col, r);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

static int ds_rows(lua_State *L)
{
    const cx_table *t = cx_lua_check_dataset(L, 1)->table;
    lua_createtable(L, (int)(t->nrows < 100000000 ? t->nrows : 0), 0);
    for (size_t r = 0; r < t->nrows; r++) {
        push_row(L, t, r);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

static size_t row_arg(lua_State *L, const cx_lua_dataset *ds, int idx, lua_Integer dflt)
{
    lua_Integer i = luaL_optinteger(L, idx, dflt);
    if (i < 1 || (size_t)i > ds->table->nrows)
        luaL_error(L, "row %I is out of range (dataset '%s' has %I rows)", (LUAI_UACINT)i,
                   ds->name, (LUAI_UACINT)ds->table->nrows);
    return (size_t)i - 1;
}

static int ds_row(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    push_row(L, ds->table, row_arg(L, ds, 2, 1));
    return 1;
}

static int ds_value(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t col = cx_lua_field(L, ds, luaL_checkstring(L, 2));
    cx_lua_push_cell(L, ds->table, col, row_arg(L, ds, 3, 1));
    return 1;
}

static int ds_survey(lua_State *L)
{
    const cx_survey *s = &check_quiet(L, 1)->table->survey;
    push_value(L, &s->extra);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    const struct { const char *key, *value; } strs[] = {
        {"id", s->id}, {"title", s->title}, {"wave", s->wave}, {"fielded", s->fielded},
        {"population", s->population}, {"weight", s->weight},
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        if (strs[i].value) {
            lua_pushstring(L, strs[i].value);
            lua_setfield(L, -2, strs[i].key);
        }
    }
    if (s->has_year) {
        lua_pushinteger(L, s->year);
        lua_setfield(L, -2, "year");
    }
    return 1;
}

static int ds_questions(lua_State *L)
{
    const cx_table *t = check_quiet(L, 1)->table;
    lua_createtable(L, (int)t->nquestions, 0);
    for (size_t i = 0; i < t->nquestions; i++) {
        const cx_question *q = &t->questions[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, q->id);
        lua_setfield(L, -2, "id");
        lua_pushstring(L, cx_qtype_name(q->type));
        lua_setfield(L, -2, "type");
        if (q->text) {
            lua_pushstring(L, q->text);
            lua_setfield(L, -2, "text");
        }
        if (q->type == CX_Q_SCALE) {
            lua_pushinteger(L, q->min);
            lua_setfield(L, -2, "min");
            lua_pushinteger(L, q->max);
            lua_setfield(L, -2, "max");
        }
        if (q->nlabels) {
            lua_createtable(L, 0, (int)q->nlabels);
            for (size_t k = 0; k < q->nlabels; k++) {
                lua_pushstring(L, q->labels[k].label);
                lua_rawseti(L, -2, q->labels[k].value);
            }
            lua_setfield(L, -2, "labels");
        }
        if (q->options) {
            lua_createtable(L, (int)q->noptions, 0);
            for (size_t k = 0; k < q->noptions; k++) {
                lua_pushstring(L, q->options[k]);
                lua_rawseti(L, -2, (lua_Integer)k + 1);
            }
            lua_setfield(L, -2, "options");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ------------------------------------------------------------ selection */

/* A dataset of the given rows of ds (rows userdata-owned by the caller). */
static int push_selection(lua_State *L, const cx_lua_dataset *ds, const size_t *rows, size_t n)
{
    cx_lua_dataset *out = cx_lua_new_result(L, ds->name);
    cx_diag d;
    cx_diag_set(&d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    cx_lua_set_result(L, out, cx_table_select(ds->table, rows, n), &d);
    return 1;
}

/* A copy of every row of ds, to add columns to. */
static cx_table *push_copy(lua_State *L, const cx_lua_dataset *ds)
{
    size_t n = ds->table->nrows;
    size_t *all = lua_newuserdatauv(L, (n ? n : 1) * sizeof *all, 0);
    for (size_t i = 0; i < n; i++)
        all[i] = i;
    push_selection(L, ds, all, n);
    lua_remove(L, -2);
    return (cx_table *)cx_lua_check_dataset(L, -1)->owned;
}

static size_t *row_buffer(lua_State *L, size_t n)
{
    return lua_newuserdatauv(L, (n ? n : 1) * sizeof(size_t), 0);
}

/* One filter condition from the value at stack index v for column col. */
static void read_condition(lua_State *L, const cx_lua_dataset *ds, size_t col, int v,
                           cx_cond *cond)
{
    const cx_column *c = &ds->table->cols[col];
    bool numeric = c->storage == CX_STORE_NUMBER;
    memset(cond, 0, sizeof *cond);
    cond->col = col;
    cond->kind = CX_COND_IN;
    v = lua_absindex(L, v);
    luaL_checkstack(L, 8, "filter");
    if (lua_type(L, v) == LUA_TTABLE && lua_rawlen(L, v) == 0) {
        /* {min =, max =}, {missing = bool}, {["not"] = …}; every value read
         * stays on the stack, so strings stay anchored until the filter ran */
        int kinds = 0;
        if (lua_getfield(L, v, "missing") != LUA_TNIL) {
            cond->kind = lua_toboolean(L, -1) ? CX_COND_MISSING : CX_COND_PRESENT;
            kinds++;
        }
        int has_min = lua_getfield(L, v, "min") != LUA_TNIL;
        int has_max = lua_getfield(L, v, "max") != LUA_TNIL;
        if (has_min || has_max) {
            cond->kind = CX_COND_RANGE;
            cond->lo = has_min ? luaL_checknumber(L, -2) : -HUGE_VAL;
            cond->hi = has_max ? luaL_checknumber(L, -1) : HUGE_VAL;
            kinds++;
        }
        if (lua_getfield(L, v, "not") != LUA_TNIL) {
            if (kinds)
                kinds = 2;
            read_condition(L, ds, col, lua_gettop(L), cond);
            if (cond->kind != CX_COND_IN)
                luaL_error(L, "filter: field '%s': 'not' takes a value or a list of values",
                           c->name);
            cond->kind = CX_COND_NOT_IN;
            kinds++;
        }
        if (kinds != 1)
            luaL_error(L, "filter: field '%s': expected a value, a list of values, "
                          "{min =, max =}, {missing = true|false} or {[\"not\"] = …}", c->name);
        return;
    }
    /* a value or a list of values: "any of" */
    size_t n = lua_type(L, v) == LUA_TTABLE ? (size_t)lua_rawlen(L, v) : 1;
    double *nums = lua_newuserdatauv(L, n * sizeof *nums, 0);
    const char **strs = lua_newuserdatauv(L, n * sizeof *strs, 0);
    /* both arrays stay on the stack until the filter has run */
    for (size_t i = 0; i < n; i++) {
        if (lua_type(L, v) == LUA_TTABLE)
            lua_rawgeti(L, v, (lua_Integer)i + 1);
        else
            lua_pushvalue(L, v);
        int t = lua_type(L, -1);
        if (numeric && t == LUA_TNUMBER) {
            nums[cond->nnums++] = lua_tonumber(L, -1);
        } else if (numeric && t == LUA_TBOOLEAN && c->type == CX_Q_BOOLEAN) {
            nums[cond->nnums++] = lua_toboolean(L, -1) ? 1 : 0;
        } else if (!numeric && t == LUA_TSTRING) {
            strs[cond->nstrs++] = lua_tostring(L, -1);   /* anchored in the spec table */
        } else {
            luaL_error(L, "filter: field '%s' holds %s; got %s", c->name,
                       numeric ? (c->type == CX_Q_BOOLEAN ? "booleans" : "numbers") : "text",
                       luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    cond->nums = nums;
    cond->strs = strs;
}

static int filter_by_function(lua_State *L, const cx_lua_dataset *ds)
{
    const cx_table *t = ds->table;
    size_t *rows = row_buffer(L, t->nrows);
    size_t m = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        lua_pushvalue(L, 2);
        push_row(L, t, r);
        lua_call(L, 1, 1);
        if (lua_toboolean(L, -1))
            rows[m++] = r;
        lua_pop(L, 1);
    }
    return push_selection(L, ds, rows, m);
}

/* Records a filter of a --data dataset: the rows it selected and the
 * filter as text, so a cache can select them again without the script.
 * Only "field = value(s)" filters are recorded; anything else (ranges,
 * missing, not, text with tabs or newlines) marks the whole dataset read.
 * C-owned memory in env->reads; an allocation failure just marks whole. */
static void record_selection(lua_State *L, const cx_lua_dataset *ds, const cx_cond *conds,
                             size_t n, const size_t *rows, size_t m)
{
    cx_data_reads *reads = &cx_lua_ctx_of(L)->env->reads;
    if (ds->root < 0 || (size_t)ds->root >= reads->count)
        return;
    cx_data_read *r = &reads->items[ds->root];
    size_t len = 1;
    for (size_t i = 0; i < n; i++) {
        const char *name = ds->table->cols[conds[i].col].name;
        if (conds[i].kind != CX_COND_IN || strpbrk(name, "\t\n"))
            goto whole;
        len += strlen(name) + 2 + conds[i].nnums * 33;
        for (size_t k = 0; k < conds[i].nstrs; k++) {
            if (strpbrk(conds[i].strs[k], "\t\n"))
                goto whole;
            len += strlen(conds[i].strs[k]) + 1;
        }
    }
    if (r->nsel == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 4;
        cx_data_selection *sel = realloc(r->sel, cap * sizeof *sel);
        if (!sel)
            goto whole;
        r->sel = sel;
        r->cap = cap;
    }
    char *text = malloc(len);
    size_t *copy = malloc((m ? m : 1) * sizeof *copy);
    if (!text || !copy) {
        free(text);
        free(copy);
        goto whole;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        at += (size_t)snprintf(text + at, len - at, "%s", ds->table->cols[conds[i].col].name);
        for (size_t k = 0; k < conds[i].nnums; k++) {
            char num[40];
            at += (size_t)snprintf(text + at, len - at, "\t%s",
                                   cx_format_double(conds[i].nums[k], num, sizeof num));
        }
        for (size_t k = 0; k < conds[i].nstrs; k++)
            at += (size_t)snprintf(text + at, len - at, "\t%s", conds[i].strs[k]);
        at += (size_t)snprintf(text + at, len - at, "\n");
    }
    memcpy(copy, rows, m * sizeof *copy);
    r->sel[r->nsel++] = (cx_data_selection){text, m, copy};
    return;
whole:
    r->whole = true;
}

static int ds_filter(lua_State *L)
{
    const cx_lua_dataset *ds = check_quiet(L, 1);
    if (lua_isfunction(L, 2)) {
        read_whole(L, ds);
        return filter_by_function(L, ds);
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    cx_lua_sorted_keys(L, 2);                       /* 3: fields, in a stable order */
    size_t n = (size_t)lua_rawlen(L, 3);
    if (n == 0)
        return luaL_error(L, "filter: give at least one field = value");
    cx_cond *conds = lua_newuserdatauv(L, n * sizeof *conds, 0);   /* 4 */
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "filter: keys must be field names");
        size_t col = cx_lua_field(L, ds, lua_tostring(L, -1));
        lua_gettable(L, 2);
        read_condition(L, ds, col, -1, &conds[i]);
        /* leaves the value and its scratch arrays on the stack: anchored */
    }
    size_t *rows = row_buffer(L, ds->table->nrows);
    size_t m;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_filter(ds->table, conds, n, rows, &m, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    record_selection(L, ds, conds, n, rows, m);
    return push_selection(L, ds, rows, m);
}

/* Reads sort keys: strings (a leading "-" = descending) as varargs from
 * index `first`, or one list. */
static size_t sort_keys(lua_State *L, const cx_lua_dataset *ds, int first, size_t *cols, bool *desc)
{
    int top = lua_gettop(L);
    size_t n = 0;
    if (lua_istable(L, first)) {
        size_t len = (size_t)lua_rawlen(L, first);
        for (size_t i = 0; i < len; i++) {
            lua_rawgeti(L, first, (lua_Integer)i + 1);
            lua_insert(L, first + 1 + (int)i);
        }
        top = first + (int)len;
        first++;
    }
    for (int i = first; i <= top; i++) {
        const char *key = luaL_checkstring(L, i);
        if (n == CX_MAX_GROUP_KEYS)
            luaL_error(L, "sort takes at most %d fields", CX_MAX_GROUP_KEYS);
        desc[n] = key[0] == '-';
        cols[n] = cx_lua_field(L, ds, key + desc[n]);
        n++;
    }
    if (n == 0)
        luaL_error(L, "sort: name at least one field (\"-field\" sorts descending)");
    return n;
}

static int ds_sort(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t cols[CX_MAX_GROUP_KEYS];
    bool desc[CX_MAX_GROUP_KEYS];
    size_t n = sort_keys(L, ds, 2, cols, desc);
    size_t *order = row_buffer(L, ds->table->nrows);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_order(ds->table, cols, desc, n, order, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    return push_selection(L, ds, order, ds->table->nrows);
}

static int ds_top(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    if (k < 0)
        return luaL_error(L, "top: n must not be negative");
    size_t n = (size_t)k < ds->table->nrows ? (size_t)k : ds->table->nrows;
    size_t *rows = row_buffer(L, n);
    for (size_t i = 0; i < n; i++)
        rows[i] = i;
    return push_selection(L, ds, rows, n);
}

static int ds_distinct(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t col = cx_lua_field(L, ds, luaL_checkstring(L, 2));
    cx_grouping *g = lua_newuserdatauv(L, sizeof *g, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_group(ds->table, &col, 1, g, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_createtable(L, (int)g->ngroups, 0);
    for (size_t k = 0; k < g->ngroups; k++) {
        cx_lua_push_cell(L, ds->table, col, g->first[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    cx_grouping_free(g);
    return 1;
}

/* derive(name, fn): fn(row) returns a number, string, boolean or nil. */
static int ds_derive(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    const cx_table *t = ds->table;
    size_t n = t->nrows;
    lua_createtable(L, (int)(n < 100000000 ? n : 0), 0);   /* results, anchored */
    int results = lua_gettop(L);
    int kind = 0;   /* 1 numbers, 2 strings, 3 booleans */
    for (size_t r = 0; r < n; r++) {
        lua_pushvalue(L, 3);
        push_row(L, t, r);
        lua_call(L, 1, 1);
        int ty = lua_type(L, -1);
        int k = ty == LUA_TNUMBER ? 1 : ty == LUA_TSTRING ? 2 : ty == LUA_TBOOLEAN ? 3 : 0;
        if (ty != LUA_TNIL && !k)
            return luaL_error(L, "derive: row %d: the function returned a %s (expected a "
                                 "number, string, boolean or nil)", (int)r + 1, luaL_typename(L, -1));
        if (k && kind && k != kind)
            return luaL_error(L, "derive: row %d: the function returned a %s after returning "
                                 "%s values", (int)r + 1, luaL_typename(L, -1),
                              kind == 1 ? "number" : kind == 2 ? "string" : "boolean");
        if (k)
            kind = k;
        lua_rawseti(L, results, (lua_Integer)r + 1);
    }
    cx_table *out = push_copy(L, ds);
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st;
    if (kind == 2) {
        const char **v = lua_newuserdatauv(L, (n ? n : 1) * sizeof *v, 0);
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, results, (lua_Integer)i + 1);
            v[i] = lua_tostring(L, -1);     /* anchored in results */
            lua_pop(L, 1);
        }
        st = cx_table_add_texts(out, name, v, &d);
    } else {
        double *v = lua_newuserdatauv(L, (n ? n : 1) * sizeof *v, 0);
        for (size_t i = 0; i < n; i++) {
            int ty = lua_rawgeti(L, results, (lua_Integer)i + 1);
            v[i] = ty == LUA_TNIL ? NAN : ty == LUA_TBOOLEAN ? lua_toboolean(L, -1) : lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        st = cx_table_add_numbers(out, name, kind == 3 ? CX_Q_BOOLEAN : CX_Q_NUMBER, v, &d);
    }
    if (st != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_pop(L, 1);
    return 1;
}

static int ds_rank(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t col = cx_lua_field(L, ds, luaL_checkstring(L, 2));
    const cx_column *c = &ds->table->cols[col];
    if (c->storage != CX_STORE_NUMBER)
        return luaL_error(L, "rank: field '%s' holds text, not numbers", c->name);
    cx_rank_order order = CX_RANK_HIGH_FIRST;
    const char *as = "rank";
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lua_getfield(L, 3, "order");
        const char *o = luaL_optstring(L, -1, "desc");
        if (strcmp(o, "asc") == 0)
            order = CX_RANK_LOW_FIRST;
        else if (strcmp(o, "desc") != 0)
            return luaL_error(L, "rank: order must be \"desc\" (1 = highest) or \"asc\"");
        lua_getfield(L, 3, "as");
        as = luaL_optstring(L, -1, "rank");
    }
    size_t n = ds->table->nrows;
    size_t *rank = row_buffer(L, n);
    double *v = lua_newuserdatauv(L, (n ? n : 1) * sizeof *v, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_rank_competition(c->num, n, order, rank, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    for (size_t i = 0; i < n; i++)
        v[i] = rank[i] ? (double)rank[i] : NAN;
    cx_table *out = push_copy(L, ds);
    if (cx_table_add_numbers(out, as, CX_Q_NUMBER, v, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    return 1;
}

/* Text of a key cell, for matching rows of two datasets. */
static const char *key_text(const cx_table *t, size_t col, size_t row, char *buf, size_t size)
{
    return cx_table_cell_text(t, col, row, buf, size);
}

/* For each row of a, the first row of b with the same key text (or
 * SIZE_MAX).  Quadratic in the worst case, but results (vendors,
 * accounts) are small; a hash is not worth its code here. */
static void match_rows(const cx_table *a, size_t acol, const cx_table *b, size_t bcol, size_t *match)
{
    char ba[64], bb[64];
    for (size_t i = 0; i < a->nrows; i++) {
        match[i] = SIZE_MAX;
        const char *ka = key_text(a, acol, i, ba, sizeof ba);
        if (!ka)
            continue;
        for (size_t j = 0; j < b->nrows; j++) {
            const char *kb = key_text(b, bcol, j, bb, sizeof bb);
            if (kb && strcmp(ka, kb) == 0) {
                match[i] = j;
                break;
            }
        }
    }
}

void cx_lua_match_rows(const cx_table *a, size_t acol, const cx_table *b, size_t bcol, size_t *match);
void cx_lua_match_rows(const cx_table *a, size_t acol, const cx_table *b, size_t bcol, size_t *match)
{
    match_rows(a, acol, b, bcol, match);
}

static int ds_join(lua_State *L)
{
    const cx_lua_dataset *a = cx_lua_check_dataset(L, 1);
    const cx_lua_dataset *b = cx_lua_check_dataset(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "by");
    const char *by = luaL_checkstring(L, -1);
    lua_getfield(L, 3, "suffix");
    const char *suffix = luaL_optstring(L, -1, "_2");
    size_t acol = cx_lua_field(L, a, by), bcol = cx_lua_field(L, b, by);
    size_t n = a->table->nrows;
    size_t *match = row_buffer(L, n);
    match_rows(a->table, acol, b->table, bcol, match);
    cx_diag d;
    cx_diag_clear(&d);
    cx_table *out = push_copy(L, a);
    for (size_t c = 0; c < b->table->ncols; c++) {
        if (c == bcol)
            continue;
        const char *name = lua_pushfstring(L, "%s%s", b->table->cols[c].name, suffix);
        if (cx_table_add_gathered(out, b->table, c, match, name, &d) != CX_OK)
            return cx_lua_raise_diag(L, &d);
        lua_pop(L, 1);
    }
    return 1;
}

/* ---------------------------------------------------------------- groups */

const cx_grouping *cx_lua_check_groups(lua_State *L, int idx, cx_lua_dataset **ds)
{
    lua_groups *g = luaL_checkudata(L, idx, GROUPS_MT);
    if (!g->live)
        luaL_error(L, "the groups were closed");
    lua_getiuservalue(L, idx, 1);
    *ds = cx_lua_check_dataset(L, -1);
    lua_pop(L, 1);      /* the dataset stays referenced by the groups */
    return &g->g;
}

static int groups_gc(lua_State *L)
{
    lua_groups *g = luaL_checkudata(L, 1, GROUPS_MT);
    if (g->live)
        cx_grouping_free(&g->g);
    g->live = false;
    return 0;
}

static int ds_group_by(lua_State *L)
{
    const cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    size_t cols[CX_MAX_GROUP_KEYS];
    int n = lua_gettop(L) - 1;
    if (n < 1 || n > CX_MAX_GROUP_KEYS)
        return luaL_error(L, "group_by takes 1 to %d field names", CX_MAX_GROUP_KEYS);
    for (int i = 0; i < n; i++)
        cols[i] = cx_lua_field(L, ds, luaL_checkstring(L, i + 2));
    lua_groups *g = lua_newuserdatauv(L, sizeof *g, 1);
    memset(g, 0, sizeof *g);
    luaL_setmetatable(L, GROUPS_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_group(ds->table, cols, (size_t)n, &g->g, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    g->live = true;
    return 1;
}

static int groups_count(lua_State *L)
{
    cx_lua_dataset *ds;
    const cx_grouping *g = cx_lua_check_groups(L, 1, &ds);
    cx_diag d;
    cx_diag_clear(&d);
    cx_lua_dataset *out = cx_lua_new_result(L, ds->name);
    cx_table *keys = cx_grouping_keys(ds->table, g, &d);
    cx_lua_set_result(L, out, keys, &d);
    double *n = lua_newuserdatauv(L, (g->ngroups ? g->ngroups : 1) * sizeof *n, 0);
    for (size_t k = 0; k < g->ngroups; k++)
        n[k] = (double)g->size[k];
    if (cx_table_add_numbers(keys, "n", CX_Q_NUMBER, n, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_pop(L, 1);
    return 1;
}

static int groups_len(lua_State *L)
{
    cx_lua_dataset *ds;
    lua_pushinteger(L, (lua_Integer)cx_lua_check_groups(L, 1, &ds)->ngroups);
    return 1;
}

static int groups_tostring(lua_State *L)
{
    cx_lua_dataset *ds;
    const cx_grouping *g = cx_lua_check_groups(L, 1, &ds);
    lua_pushfstring(L, "groups of %s (%I groups)", ds->name, (LUAI_UACINT)g->ngroups);
    return 1;
}

/* ---------------------------------------------------------- metamethods */

static int ds_len(lua_State *L)
{
    return ds_count(L);
}

static int ds_tostring(lua_State *L)
{
    const cx_lua_dataset *ds = check_quiet(L, 1);
    lua_pushfstring(L, "dataset %s (%I rows)", ds->name, (LUAI_UACINT)ds->table->nrows);
    return 1;
}

/* ds.method; anything else is an error, not a silent nil.  Fields are
 * read with :value(f), :column(f) or :rows() — never with ds.f, which
 * would clash with method names such as nps and mean. */
static int ds_index(lua_State *L)
{
    const cx_lua_dataset *ds = check_quiet(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    const char *key = lua_tostring(L, 2);
    if (key && cx_table_column_index(ds->table, key) >= 0)
        return luaL_error(L, "dataset '%s' has no method '%s'; read the field with "
                             ":value(\"%s\"), :column(\"%s\") or :rows()",
                          ds->name, key, key, key);
    return luaL_error(L, "dataset '%s' has no method '%s'", ds->name,
                      key ? key : luaL_typename(L, 2));
}

static int ds_tojson(lua_State *L)
{
    const cx_table *t = cx_lua_check_dataset(L, 1)->table;
    (void)t;
    return ds_rows(L);
}

static int groups_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    return luaL_error(L, "groups have no method '%s'", lua_tostring(L, 2) ? lua_tostring(L, 2) : "?");
}

static int l_param_index(lua_State *L)
{
    cx_script_env *env = cx_lua_ctx_of(L)->env;
    const char *key = lua_tostring(L, 2);
    for (size_t i = 0; key && i < env->nparams; i++) {
        if (strcmp(env->params[i].key, key) == 0) {
            lua_pushstring(L, env->params[i].value);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

static int l_param_newindex(lua_State *L)
{
    return luaL_error(L, "param is read-only (values come from --param KEY=VALUE)");
}

/* pairs(param): the given parameters, sorted by key. */
static int l_param_pairs(lua_State *L)
{
    cx_script_env *env = cx_lua_ctx_of(L)->env;
    lua_getglobal(L, "pairs");
    lua_createtable(L, 0, (int)env->nparams);
    for (size_t i = 0; i < env->nparams; i++) {
        lua_pushstring(L, env->params[i].value);
        lua_setfield(L, -2, env->params[i].key);
    }
    lua_call(L, 1, 3);
    return 3;
}

/* A metatable `mt` with its metamethods, and a method table kept in the
 * registry as "<mt>.methods" (so other binding files can add methods),
 * reached through the `index` closure. */
static void register_type(lua_State *L, const char *mt, const char *shown,
                          const luaL_Reg *meta, const luaL_Reg *methods, lua_CFunction index)
{
    luaL_newmetatable(L, mt);
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_pushfstring(L, "%s.methods", mt);
    lua_pushvalue(L, -2);
    lua_settable(L, LUA_REGISTRYINDEX);
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, shown);
    lua_setfield(L, -2, "__name");
    /* hidden from scripts: through it one could call __gc by hand or put
     * a Lua finalizer in its place, which Lua runs without the hooks */
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

void cx_lua_open_data(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"count", ds_count},     {"fields", ds_fields},   {"column", ds_column},
        {"rows", ds_rows},       {"row", ds_row},         {"value", ds_value},
        {"survey", ds_survey},   {"questions", ds_questions},
        {"filter", ds_filter},   {"sort", ds_sort},       {"top", ds_top},
        {"distinct", ds_distinct}, {"derive", ds_derive}, {"rank", ds_rank},
        {"join", ds_join},       {"group_by", ds_group_by}, {NULL, NULL},
    };
    static const luaL_Reg meta[] = {
        {"__len", ds_len}, {"__tostring", ds_tostring}, {"__gc", ds_gc},
        {"__close", ds_gc}, {"__tojson", ds_tojson}, {NULL, NULL},
    };
    static const luaL_Reg group_methods[] = {{"count", groups_count}, {NULL, NULL}};
    static const luaL_Reg group_meta[] = {
        {"__len", groups_len}, {"__tostring", groups_tostring}, {"__gc", groups_gc},
        {"__close", groups_gc}, {NULL, NULL},
    };

    register_type(L, DATASET_MT, "dataset", meta, methods, ds_index);
    register_type(L, GROUPS_MT, "groups", group_meta, group_methods, groups_index);

    lua_pushglobaltable(L);
    lua_pushcfunction(L, l_dataset);
    lua_setfield(L, -2, "dataset");
    lua_newtable(L);                        /* param */
    lua_newtable(L);
    lua_pushcfunction(L, l_param_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_param_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, l_param_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "param");
    lua_pop(L, 1);
}
