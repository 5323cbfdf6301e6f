/*
 * lua_chart.c — the chart function a report script calls.
 *
 *   chart { kind = "bar" | "grouped" | "stacked" | "stacked100" | "line" |
 *                  "scatter" | "dot" | "radar" | "distribution" | "heatmap" |
 *                  "bullet" | "gauge",
 *           categories = {…}, series = {{name =, values =, x =, lo =, hi =}, …}
 *             -- or one series: values = {…} (x =, lo =, hi = beside it)
 *             -- or from a dataset: data = ds, category = "field",
 *             --   value = "field" | {"field", …}, x =, lo =, hi = "field"
 *           title =, x_title =, y_title =, noun =, caption =, name =, label =,
 *           highlight = {name or index, …}, refs = {{value =, label =}, …},
 *           horizontal =, sort = "desc"|"asc"|"none", width =, height =,
 *           min =, max =, decimals =, prefix =, suffix =, hide_values =,
 *           fit_line =, marker_label =, palette = {"#RRGGBB", …} }
 *
 * Every field is checked here (unknown keys, types, ranges), then the
 * document runs the chart stage's own checks (empty data, NaN, lengths,
 * UTF-8) and copies the spec; every failure is a Lua error at the
 * script's line.  The spec is assembled in place: strings stay in the Lua
 * table (read raw, so no metamethod runs and the table cannot change
 * under us), converted strings and every C array are anchored in one Lua
 * table of scratch values.  Nothing is malloc'd here, so an error never
 * leaks.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cxreport/data.h"
#include "cxreport/doc.h"

#define ARG 1               /* the spec table */

static const char *const KIND_NAMES[] = {
    "bar", "grouped", "stacked", "stacked100", "line", "scatter",
    "dot", "radar", "distribution", "heatmap", "bullet", "gauge", NULL,
};
static const cx_chart_kind KINDS[] = {
    CX_CHART_BAR, CX_CHART_GROUPED, CX_CHART_STACKED, CX_CHART_STACKED100,
    CX_CHART_LINE, CX_CHART_SCATTER, CX_CHART_DOT, CX_CHART_RADAR,
    CX_CHART_DISTRIBUTION, CX_CHART_HEATMAP, CX_CHART_BULLET, CX_CHART_GAUGE,
};
#define KIND_LIST "bar, grouped, stacked, stacked100, line, scatter, dot, radar, " \
                  "distribution, heatmap, bullet or gauge"

static const char *const KEYS[] = {
    "caption", "categories", "category", "data", "decimals", "fit_line", "height",
    "hi", "hide_values", "highlight", "horizontal", "kind", "label", "lo", "marker_label",
    "max", "min", "name", "noun", "palette", "prefix", "refs", "series", "sort",
    "suffix", "title", "value", "values", "width", "x", "x_title", "y_title", NULL,
};

typedef struct build {
    lua_State *L;
    int keep;               /* stack index of the table anchoring scratch values */
    lua_Integer nkeep;
    cx_chart_spec s;
} build;

/* ---- small readers ------------------------------------------------------- */

/* Scratch memory owned by Lua: freed by the collector whatever happens. */
static void *scratch(build *b, size_t n, size_t size)
{
    void *p = lua_newuserdatauv(b->L, (n ? n : 1) * size, 0);
    lua_rawseti(b->L, b->keep, ++b->nkeep);
    return p;
}

/* Anchors the string on top of the stack (popping it) and returns it. */
static const char *keep_string(build *b)
{
    const char *s = lua_tostring(b->L, -1);
    lua_rawseti(b->L, b->keep, ++b->nkeep);
    return s;
}

/* Pushes t[key] without metamethods; returns its type. */
static int raw_field(lua_State *L, int t, const char *key)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, key);
    return lua_rawget(L, t);
}

/* Rejects keys of the table at t that are not in keys (sorted order, so
 * the message is the same on every run). */
static void check_keys(lua_State *L, int t, const char *const *keys, const char *what)
{
    bool named;
    const char *k = cx_lua_unknown_key(L, t, keys, &named);
    if (k && named)
        luaL_error(L, "chart: unknown field '%s' in %s", k, what);
    if (k)
        luaL_error(L, "chart: %s has a %s key; only named fields are allowed", what, k);
}

/* A string field of the table at t, or NULL when absent.  The string
 * stays referenced by the table. */
static const char *opt_string(lua_State *L, int t, const char *key, const char *what)
{
    int ty = raw_field(L, t, key);
    const char *s = NULL;
    if (ty == LUA_TSTRING)
        s = lua_tostring(L, -1);
    else if (ty != LUA_TNIL)
        luaL_error(L, "chart: %s must be a string, got %s", what, luaL_typename(L, -1));
    lua_pop(L, 1);
    return s;
}

static bool opt_bool(lua_State *L, const char *key)
{
    int ty = raw_field(L, ARG, key);
    if (ty != LUA_TNIL && ty != LUA_TBOOLEAN)
        luaL_error(L, "chart: '%s' must be true or false, got %s", key, luaL_typename(L, -1));
    bool v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* A finite number, or dflt when absent; *given says which. */
static double opt_number(lua_State *L, const char *key, double dflt, bool *given)
{
    int ty = raw_field(L, ARG, key);
    double v = dflt;
    if (ty == LUA_TNUMBER) {
        v = lua_tonumber(L, -1);
        if (!isfinite(v))
            luaL_error(L, "chart: '%s' must be a finite number", key);
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "chart: '%s' must be a number, got %s", key, luaL_typename(L, -1));
    }
    if (given)
        *given = ty != LUA_TNIL;
    lua_pop(L, 1);
    return v;
}

/* The number array at idx (a sequence: every element 1..#t a number; NaN
 * is passed on for the chart stage to name). */
static double *number_array(build *b, int idx, const char *what, size_t *n)
{
    lua_State *L = b->L;
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "chart: %s must be a list of numbers, got %s", what,
                   luaL_typename(L, idx));
    size_t len = (size_t)lua_rawlen(L, idx);
    double *x = scratch(b, len, sizeof *x);
    for (size_t i = 0; i < len; i++) {
        if (lua_rawgeti(L, idx, (lua_Integer)i + 1) != LUA_TNUMBER)
            luaL_error(L, "chart: %s[%d] must be a number, got %s", what, (int)i + 1,
                       luaL_typename(L, -1));
        x[i] = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    *n = len;
    return x;
}

/* A label: strings as they are, numbers (years) in their shortest form. */
static const char *label_at(build *b, int idx, const char *what, size_t i)
{
    lua_State *L = b->L;
    int ty = lua_type(L, idx);
    if (ty == LUA_TSTRING)
        return lua_tostring(L, idx);
    if (ty == LUA_TNUMBER) {
        char buf[40];
        if (lua_isinteger(L, idx))
            snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
        else if (isfinite(lua_tonumber(L, idx)))
            cx_format_double(lua_tonumber(L, idx), buf, sizeof buf);
        else
            luaL_error(L, "chart: %s[%d] must be a finite number or a string", what, (int)i + 1);
        lua_pushstring(L, buf);
        return keep_string(b);
    }
    luaL_error(L, "chart: %s[%d] must be a string or number, got %s", what, (int)i + 1,
               luaL_typename(L, idx));
    return NULL;
}

/* ---- the parts of a spec ------------------------------------------------- */

static void read_kind(build *b)
{
    lua_State *L = b->L;
    int ty = raw_field(L, ARG, "kind");
    if (ty == LUA_TNIL)
        luaL_error(L, "chart: 'kind' is missing (" KIND_LIST ")");
    const char *k = ty == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    for (int i = 0; k && KIND_NAMES[i]; i++)
        if (strcmp(k, KIND_NAMES[i]) == 0) {
            b->s.kind = KINDS[i];
            lua_pop(L, 1);
            return;
        }
    if (k)
        luaL_error(L, "chart: kind must be " KIND_LIST ", got '%s'", k);
    luaL_error(L, "chart: kind must be a string (" KIND_LIST "), got %s", luaL_typename(L, -1));
}

static void read_texts(build *b)
{
    lua_State *L = b->L;
    b->s.title = opt_string(L, ARG, "title", "'title'");
    b->s.x_title = opt_string(L, ARG, "x_title", "'x_title'");
    b->s.y_title = opt_string(L, ARG, "y_title", "'y_title'");
    b->s.noun = opt_string(L, ARG, "noun", "'noun'");
    b->s.marker_label = opt_string(L, ARG, "marker_label", "'marker_label'");
    b->s.format.prefix = opt_string(L, ARG, "prefix", "'prefix'");
    b->s.format.suffix = opt_string(L, ARG, "suffix", "'suffix'");
}

static void read_layout(build *b)
{
    lua_State *L = b->L;
    b->s.horizontal = opt_bool(L, "horizontal");
    b->s.hide_values = opt_bool(L, "hide_values");
    b->s.fit_line = opt_bool(L, "fit_line");
    const char *sort = opt_string(L, ARG, "sort", "'sort'");
    if (!sort || strcmp(sort, "none") == 0)
        b->s.sort = CX_SORT_NONE;
    else if (strcmp(sort, "desc") == 0)
        b->s.sort = CX_SORT_DESC;
    else if (strcmp(sort, "asc") == 0)
        b->s.sort = CX_SORT_ASC;
    else
        luaL_error(L, "chart: sort must be \"desc\", \"asc\" or \"none\", got '%s'", sort);

    b->s.width = opt_number(L, "width", 0, NULL);
    b->s.height = opt_number(L, "height", 0, NULL);
    if (b->s.width < 0 || b->s.height < 0)
        luaL_error(L, "chart: width and height must be positive (points)");
    bool has_min, has_max;
    b->s.min = opt_number(L, "min", 0, &has_min);
    b->s.max = opt_number(L, "max", 0, &has_max);
    if (has_min != has_max)
        luaL_error(L, "chart: give both min and max, or neither (an automatic range)");
    if (has_min && !(b->s.min < b->s.max))
        luaL_error(L, "chart: min must be below max");
    double dec = opt_number(L, "decimals", 0, NULL);
    if (dec != floor(dec) || dec < 0 || dec > 6)
        luaL_error(L, "chart: decimals must be a whole number from 0 to 6");
    b->s.format.decimals = (int)dec;
}

/* One series from the table at idx ({name =, values =, x =, lo =, hi =}). */
static void read_series(build *b, int idx, size_t k, cx_chart_series *se)
{
    static const char *const keys[] = { "hi", "lo", "name", "values", "x", NULL };
    lua_State *L = b->L;
    char what[48];
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "chart: series[%d] must be a table {name =, values = {…}}, got %s",
                   (int)k + 1, luaL_typename(L, idx));
    snprintf(what, sizeof what, "series[%d]", (int)k + 1);
    check_keys(L, idx, keys, what);
    snprintf(what, sizeof what, "series[%d].name", (int)k + 1);
    se->name = opt_string(L, idx, "name", what);
    const char *arrays[4] = { "values", "x", "lo", "hi" };
    const double **dst[4] = { &se->values, &se->x, &se->lo, &se->hi };
    for (int a = 0; a < 4; a++) {
        snprintf(what, sizeof what, "series[%d].%s", (int)k + 1, arrays[a]);
        if (raw_field(L, idx, arrays[a]) == LUA_TNIL) {
            if (a == 0)
                luaL_error(L, "chart: %s is missing", what);
        } else {
            size_t n;
            *dst[a] = number_array(b, -1, what, &n);
            if (a == 0)
                se->n = n;
            else if (n != se->n)
                luaL_error(L, "chart: %s has %d numbers for %d values", what, (int)n,
                           (int)se->n);
        }
        lua_pop(L, 1);
    }
}

/* Pushes spec[key] and returns its type; when it is absent, pushes
 * nothing and returns LUA_TNIL. */
static int present(lua_State *L, const char *key)
{
    int ty = raw_field(L, ARG, key);
    if (ty == LUA_TNIL)
        lua_pop(L, 1);
    return ty;
}

static bool given_in(lua_State *L, int t, const char *key)
{
    bool g = raw_field(L, t, key) != LUA_TNIL;
    lua_pop(L, 1);
    return g;
}

static bool given(lua_State *L, const char *key)
{
    return given_in(L, ARG, key);
}

/* categories, and series or values (+ x, lo, hi), given inline. */
static void read_inline(build *b)
{
    lua_State *L = b->L;
    if (given(L, "category") || given(L, "value"))
        luaL_error(L, "chart: 'category' and 'value' name fields of 'data', which is missing");
    int ty = raw_field(L, ARG, "categories");
    if (ty != LUA_TNIL) {
        if (ty != LUA_TTABLE)
            luaL_error(L, "chart: 'categories' must be a list, got %s", luaL_typename(L, -1));
        int t = lua_gettop(L);
        size_t n = (size_t)lua_rawlen(L, t);
        const char **cats = scratch(b, n, sizeof *cats);
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, t, (lua_Integer)i + 1);
            cats[i] = label_at(b, lua_gettop(L), "categories", i);
            lua_pop(L, 1);
        }
        b->s.categories = cats;
        b->s.ncategories = n;
    }
    lua_pop(L, 1);

    bool has_series = given(L, "series"), has_values = given(L, "values");
    if (has_series == has_values)
        luaL_error(L, has_series ? "chart: give 'series' or 'values', not both"
                                 : "chart: no data: give 'values', 'series' or 'data'");
    cx_chart_series *ser;
    if (has_values) {
        ser = scratch(b, 1, sizeof *ser);
        memset(ser, 0, sizeof *ser);
        static const char *const one[] = { "values", "x", "lo", "hi" };
        const double **dst[4] = { &ser->values, &ser->x, &ser->lo, &ser->hi };
        for (int a = 0; a < 4; a++) {
            if (raw_field(L, ARG, one[a]) != LUA_TNIL) {
                size_t n;
                *dst[a] = number_array(b, -1, one[a], &n);
                if (a == 0)
                    ser->n = n;
                else if (n != ser->n)
                    luaL_error(L, "chart: '%s' has %d numbers for %d values", one[a], (int)n,
                               (int)ser->n);
            }
            lua_pop(L, 1);
        }
        b->s.nseries = 1;
    } else {
        if (given(L, "x") || given(L, "lo") || given(L, "hi"))
            luaL_error(L, "chart: with 'series', give x, lo and hi inside each series");
        if (raw_field(L, ARG, "series") != LUA_TTABLE)
            luaL_error(L, "chart: 'series' must be a list of {name =, values = {…}}, got %s",
                       luaL_typename(L, -1));
        int t = lua_gettop(L);
        size_t n = (size_t)lua_rawlen(L, t);
        ser = scratch(b, n, sizeof *ser);
        memset(ser, 0, (n ? n : 1) * sizeof *ser);
        for (size_t k = 0; k < n; k++) {
            lua_rawgeti(L, t, (lua_Integer)k + 1);
            read_series(b, -1, k, &ser[k]);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        b->s.nseries = n;
    }
    b->s.series = ser;
}

/* A numeric field of the dataset as an array; a missing value is an error
 * naming the row (and its category when there is one). */
static const double *data_numbers(build *b, const cx_lua_dataset *ds, const char *field)
{
    lua_State *L = b->L;
    const cx_table *t = ds->table;
    const cx_column *col = &t->cols[cx_lua_field(L, ds, field)];
    if (col->storage != CX_STORE_NUMBER)
        luaL_error(L, "chart: field '%s' of dataset '%s' is not numeric", field, ds->name);
    double *x = scratch(b, t->nrows, sizeof *x);
    for (size_t r = 0; r < t->nrows; r++) {
        if (isnan(col->num[r])) {
            if (b->s.categories)
                luaL_error(L, "chart: dataset '%s' row %d (%s) has no value for '%s'", ds->name,
                           (int)r + 1, b->s.categories[r], field);
            luaL_error(L, "chart: dataset '%s' row %d has no value for '%s'", ds->name,
                       (int)r + 1, field);
        }
        x[r] = col->num[r];
    }
    return x;
}

/* data = ds, category = "field", value = "field" | {"field", …}, and
 * x, lo, hi as field names. */
static void read_data(build *b)
{
    lua_State *L = b->L;
    static const char *const inline_keys[] = { "categories", "series", "values", NULL };
    for (int i = 0; inline_keys[i]; i++)
        if (given(L, inline_keys[i]))
            luaL_error(L, "chart: give 'data' or '%s', not both", inline_keys[i]);
    raw_field(L, ARG, "data");
    const cx_lua_dataset *ds = cx_lua_test_dataset(L, -1);
    if (!ds)
        luaL_error(L, "chart: 'data' must be a dataset, got %s", luaL_typename(L, -1));
    lua_pop(L, 1);              /* the spec table keeps it alive */
    const cx_table *t = ds->table;
    size_t n = t->nrows;

    const char *cat = opt_string(L, ARG, "category", "'category' (a field name)");
    if (!cat && b->s.kind != CX_CHART_SCATTER)
        luaL_error(L, "chart: with 'data', 'category' names the field of the labels");
    if (cat) {
        size_t c = cx_lua_field(L, ds, cat);
        const char **cats = scratch(b, n, sizeof *cats);
        char buf[40];
        for (size_t r = 0; r < n; r++) {
            const char *s = cx_table_cell_text(t, c, r, buf, sizeof buf);
            if (!s)
                luaL_error(L, "chart: dataset '%s' row %d has no '%s'", ds->name, (int)r + 1, cat);
            lua_pushstring(L, s);
            cats[r] = keep_string(b);
        }
        b->s.categories = cats;
        b->s.ncategories = n;
    }

    int ty = raw_field(L, ARG, "value");
    int vt = lua_gettop(L);
    size_t nser = ty == LUA_TTABLE ? (size_t)lua_rawlen(L, vt) : 1;
    if (ty != LUA_TSTRING && ty != LUA_TTABLE)
        luaL_error(L, "chart: with 'data', 'value' names the field (or fields) of the values");
    cx_chart_series *ser = scratch(b, nser, sizeof *ser);
    memset(ser, 0, (nser ? nser : 1) * sizeof *ser);
    for (size_t k = 0; k < nser; k++) {
        if (ty == LUA_TTABLE && lua_rawgeti(L, vt, (lua_Integer)k + 1) != LUA_TSTRING)
            luaL_error(L, "chart: value[%d] must be a field name, got %s", (int)k + 1,
                       luaL_typename(L, -1));
        const char *field = lua_tostring(L, -1);   /* anchored by the spec table */
        ser[k] = (cx_chart_series){ .name = field, .n = n,
                                    .values = data_numbers(b, ds, field) };
        if (ty == LUA_TTABLE)
            lua_pop(L, 1);
    }
    lua_pop(L, 1);
    static const char *const extra[] = { "x", "lo", "hi" };
    const double **dst[3] = { &ser[0].x, &ser[0].lo, &ser[0].hi };
    for (int a = 0; a < 3; a++) {
        char what[48];
        snprintf(what, sizeof what, "'%s' (a field name, with 'data')", extra[a]);
        const char *field = opt_string(L, ARG, extra[a], what);
        if (field && nser > 0)
            *dst[a] = data_numbers(b, ds, field);
    }
    b->s.series = ser;
    b->s.nseries = nser;
}

/* highlight = {"name" or index, …} (or one of them alone), matched against
 * the categories (point labels for scatter). */
static void read_highlight(build *b)
{
    lua_State *L = b->L;
    int ty = present(L, "highlight");
    if (ty == LUA_TNIL)
        return;
    int t = lua_gettop(L);
    bool list = ty == LUA_TTABLE;
    if (!list && ty != LUA_TSTRING && ty != LUA_TNUMBER)
        luaL_error(L, "chart: 'highlight' must be a category name, an index or a list of "
                      "them, got %s", luaL_typename(L, -1));
    size_t n = list ? (size_t)lua_rawlen(L, t) : 1;
    size_t *hl = scratch(b, n, sizeof *hl);
    for (size_t k = 0; k < n; k++) {
        int et = list ? lua_rawgeti(L, t, (lua_Integer)k + 1) : (lua_pushvalue(L, t), ty);
        if (et == LUA_TNUMBER) {
            lua_Integer i = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
            if (i < 1)
                luaL_error(L, "chart: highlight %d must be a category name or a position "
                              "from 1", (int)k + 1);
            hl[k] = (size_t)i - 1;
        } else if (et == LUA_TSTRING) {
            const char *name = lua_tostring(L, -1);
            size_t i = 0;
            while (i < b->s.ncategories && strcmp(b->s.categories[i], name) != 0)
                i++;
            if (i == b->s.ncategories)
                luaL_error(L, "chart: highlight '%s' is not one of the categories", name);
            hl[k] = i;
        } else {
            luaL_error(L, "chart: highlight %d must be a category name or index, got %s",
                       (int)k + 1, luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    b->s.highlight = hl;
    b->s.nhighlight = n;
}

/* refs = {{value =, label =, decimals =}, …}, or one such table. */
static void read_refs(build *b)
{
    static const char *const keys[] = { "decimals", "label", "value", NULL };
    lua_State *L = b->L;
    int ty = present(L, "refs");
    if (ty == LUA_TNIL)
        return;
    if (ty != LUA_TTABLE)
        luaL_error(L, "chart: 'refs' must be a list of {value =, label =}, got %s",
                   luaL_typename(L, -1));
    int t = lua_gettop(L);
    bool one = given_in(L, t, "value");
    size_t n = one ? 1 : (size_t)lua_rawlen(L, t);
    cx_chart_ref *refs = scratch(b, n, sizeof *refs);
    for (size_t k = 0; k < n; k++) {
        char what[32];
        snprintf(what, sizeof what, "refs[%d]", (int)k + 1);
        if (one)
            lua_pushvalue(L, t);
        else if (lua_rawgeti(L, t, (lua_Integer)k + 1) != LUA_TTABLE)
            luaL_error(L, "chart: %s must be a table {value =, label =}, got %s", what,
                       luaL_typename(L, -1));
        int r = lua_gettop(L);
        check_keys(L, r, keys, what);
        if (raw_field(L, r, "value") != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
            luaL_error(L, "chart: %s.value must be a finite number", what);
        refs[k].value = lua_tonumber(L, -1);
        lua_pop(L, 1);
        char lw[40];
        snprintf(lw, sizeof lw, "%s.label", what);
        refs[k].label = opt_string(L, r, "label", lw);
        int dt = raw_field(L, r, "decimals");
        lua_Integer d = dt == LUA_TNUMBER && lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
        if (dt != LUA_TNIL && (d < 0 || d > 6))
            luaL_error(L, "chart: %s.decimals must be a whole number from 0 to 6", what);
        refs[k].decimals = dt == LUA_TNIL ? 0 : (int)d;
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    b->s.refs = refs;
    b->s.nrefs = n;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* palette = {"#RRGGBB", …}: series colours in order (brands). */
static void read_palette(build *b)
{
    lua_State *L = b->L;
    int ty = present(L, "palette");
    if (ty == LUA_TNIL)
        return;
    int t = lua_gettop(L);
    size_t n = ty == LUA_TTABLE ? (size_t)lua_rawlen(L, t) : 0;
    if (n == 0)
        luaL_error(L, "chart: 'palette' must be a list of colours \"#RRGGBB\"");
    cx_rgba *pal = scratch(b, n, sizeof *pal);
    for (size_t k = 0; k < n; k++) {
        lua_rawgeti(L, t, (lua_Integer)k + 1);
        const char *c = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        uint32_t rgb = 0;
        bool ok = c[0] == '#' && strlen(c) == 7;
        for (int i = 1; ok && i < 7; i++) {
            int d = hex_digit(c[i]);
            ok = d >= 0;
            rgb = rgb << 4 | (uint32_t)(d < 0 ? 0 : d);
        }
        if (!ok)
            luaL_error(L, "chart: palette[%d] must be a colour \"#RRGGBB\"", (int)k + 1);
        pal[k] = CX_RGB(rgb);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    b->s.palette = pal;
    b->s.npalette = n;
}

/* ---- chart { … } ---------------------------------------------------------- */

static int l_chart(lua_State *L)
{
    luaL_checktype(L, ARG, LUA_TTABLE);
    lua_settop(L, ARG);
    lua_newtable(L);
    build b = { .L = L, .keep = lua_gettop(L) };
    check_keys(L, ARG, KEYS, "the chart spec");
    read_kind(&b);
    read_texts(&b);
    read_layout(&b);
    if (given(L, "data"))
        read_data(&b);
    else
        read_inline(&b);
    read_highlight(&b);
    read_refs(&b);
    read_palette(&b);
    const char *caption = opt_string(L, ARG, "caption", "'caption'");
    const char *name = opt_string(L, ARG, "name", "'name'");
    const char *label = opt_string(L, ARG, "label", "'label'");

    const char *file;
    long line;
    cx_doc *doc = cx_lua_ctx_of(L)->env->doc;
    cx_lua_doc_charge(L);
    cx_lua_where(L, 1, &file, &line);
    cx_doc_set_source(doc, file, line);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_doc_add_chart_ex(doc, &b.s, caption, name, label, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

void cx_lua_open_chart(lua_State *L)
{
    lua_pushcfunction(L, l_chart);
    lua_setglobal(L, "chart");
}
