/*
 * lua_stats.c — statistics and number formatting for report scripts.
 *
 *   correlate(xs, ys, {method = "pearson"|"spearman", confidence = 95})
 *       -> {r, n, p, t, df, ci_low, ci_high, method, defined}
 *   fit(xs, ys)            -> {a, b, r2, n, defined}
 *   quantile(xs, p)        -> the type-7 quantile (R's default)
 *   percentile_rank(xs, x) -> 100·(below + ½·equal)/N
 *   ranks(xs, {order = "desc"|"asc"}) -> competition ranks (ties share the best)
 *   diff_test{a =, se_a =, n_a =, b =, se_b =, n_b =, alpha = 0.05, min_n = 30}
 *   fmt.number(x, decimals, {decimal =, group =, plus =, suffix =})
 *   fmt.percent(x, decimals)  fmt.delta(x, decimals)  fmt.nps(x)  fmt.p(p)
 *
 * Arrays may hold nil (a missing value) up to their declared length `n`
 * or the larger of the two lengths; NaN is missing too.  Undefined results
 * (too few values, no variance) come back with defined = false and no
 * numbers, never NaN: a report can say "not enough data" instead of
 * printing "nan".
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/stats.h"

/* Reads the array at idx into a userdata-owned double array (NaN for nil
 * and NaN), so a later error cannot leak it.  Pushes the userdata. */
double *cx_lua_number_array(lua_State *L, int idx, size_t n, const char *what)
{
    idx = lua_absindex(L, idx);
    luaL_checktype(L, idx, LUA_TTABLE);
    double *x = lua_newuserdatauv(L, (n ? n : 1) * sizeof *x, 0);
    for (size_t i = 0; i < n; i++) {
        int t = lua_rawgeti(L, idx, (lua_Integer)i + 1);
        if (t == LUA_TNIL)
            x[i] = NAN;
        else if (t == LUA_TNUMBER)
            x[i] = lua_tonumber(L, -1);
        else
            luaL_error(L, "%s[%d] must be a number or nil, got %s", what, (int)i + 1,
                       luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    return x;
}

int cx_lua_confidence(lua_State *L, int opts)
{
    if (!opts || lua_isnoneornil(L, opts))
        return 95;
    lua_getfield(L, opts, "confidence");
    int c = lua_isnil(L, -1) ? 95 : (int)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    if (c != 90 && c != 95 && c != 99)
        luaL_error(L, "confidence must be 90, 95 or 99, got %d", c);
    return c;
}

static void set_number(lua_State *L, const char *key, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, key);
}

static void set_bool(lua_State *L, const char *key, bool v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, key);
}

static void set_string(lua_State *L, const char *key, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, key);
}

int cx_lua_raise_diag(lua_State *L, const cx_diag *d)
{
    return luaL_error(L, "%s", d->message);
}

void cx_lua_push_corr(lua_State *L, const cx_corr *c);
void cx_lua_push_corr(lua_State *L, const cx_corr *c)
{
    lua_createtable(L, 0, 10);
    set_string(L, "method", c->method == CX_CORR_PEARSON ? "pearson" : "spearman");
    set_integer(L, "n", (lua_Integer)c->n);
    set_bool(L, "defined", c->state == CX_CORR_OK);
    if (c->state != CX_CORR_OK) {
        set_string(L, "why", c->state == CX_CORR_TOO_FEW ? "fewer than 3 complete pairs"
                                                          : "no variance");
        return;
    }
    set_number(L, "r", c->r);
    set_number(L, "p", c->p);
    set_number(L, "df", c->df);
    if (isfinite(c->t))
        set_number(L, "t", c->t);
    set_integer(L, "confidence", c->confidence);
    if (c->ci_defined) {
        set_number(L, "ci_low", c->ci_lo);
        set_number(L, "ci_high", c->ci_hi);
    }
}

/* Two arrays of the same length (nil-padded arrays use the longer). */
static size_t pair_length(lua_State *L, int a, int b)
{
    luaL_checktype(L, a, LUA_TTABLE);
    luaL_checktype(L, b, LUA_TTABLE);
    size_t na = (size_t)lua_rawlen(L, a), nb = (size_t)lua_rawlen(L, b);
    if (na != nb)
        luaL_error(L, "the two arrays have different lengths (%d and %d)", (int)na, (int)nb);
    return na;
}

cx_corr_method cx_lua_corr_method(lua_State *L, int opts)
{
    if (!opts)
        return CX_CORR_PEARSON;
    lua_getfield(L, opts, "method");
    const char *m = luaL_optstring(L, -1, "pearson");
    lua_pop(L, 1);
    if (strcmp(m, "pearson") == 0)
        return CX_CORR_PEARSON;
    if (strcmp(m, "spearman") == 0)
        return CX_CORR_SPEARMAN;
    luaL_error(L, "correlate: method must be \"pearson\" or \"spearman\", got \"%s\"", m);
    return CX_CORR_PEARSON;
}

static int l_correlate_arrays(lua_State *L)
{
    size_t n = pair_length(L, 1, 2);
    int conf = cx_lua_confidence(L, 3);
    cx_corr_method method = cx_lua_corr_method(L, lua_istable(L, 3) ? 3 : 0);
    double *x = cx_lua_number_array(L, 1, n, "xs");
    double *y = cx_lua_number_array(L, 2, n, "ys");
    cx_corr c;
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = method == CX_CORR_PEARSON ? cx_correlate_pearson(x, y, n, conf, &c, &d)
                                             : cx_correlate_spearman(x, y, n, conf, &c, &d);
    if (st != CX_OK)
        return cx_lua_raise_diag(L, &d);
    cx_lua_push_corr(L, &c);
    return 1;
}

/* correlate is defined in lua_data.c (it also accepts datasets); this is
 * the array form it falls back to. */
int cx_lua_correlate_arrays(lua_State *L)
{
    return l_correlate_arrays(L);
}

static int l_fit(lua_State *L)
{
    size_t n = pair_length(L, 1, 2);
    double *x = cx_lua_number_array(L, 1, n, "xs");
    double *y = cx_lua_number_array(L, 2, n, "ys");
    cx_line line;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_correlate_line(x, y, n, &line, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_createtable(L, 0, 6);
    set_integer(L, "n", (lua_Integer)line.n);
    set_bool(L, "defined", line.defined);
    if (line.defined) {
        set_number(L, "a", line.a);
        set_number(L, "b", line.b);
        set_number(L, "mean_x", line.mean_x);
        set_number(L, "mean_y", line.mean_y);
        if (line.r2_defined)
            set_number(L, "r2", line.r2);
    }
    return 1;
}

static int l_quantile(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = (size_t)lua_rawlen(L, 1);
    double p = luaL_checknumber(L, 2);
    double *x = cx_lua_number_array(L, 1, n, "values");
    double q;
    size_t used;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_describe_quantiles(x, n, &p, 1, &q, &used, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    if (used == 0)
        lua_pushnil(L);
    else
        lua_pushnumber(L, q);
    return 1;
}

static int l_percentile_rank(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = (size_t)lua_rawlen(L, 1);
    double v = luaL_checknumber(L, 2);
    double *x = cx_lua_number_array(L, 1, n, "values");
    double pct;
    bool defined;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_rank_percentile(x, n, v, &pct, &defined, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    if (defined)
        lua_pushnumber(L, pct);
    else
        lua_pushnil(L);
    return 1;
}

cx_rank_order cx_lua_rank_order(lua_State *L, int opts);
cx_rank_order cx_lua_rank_order(lua_State *L, int opts)
{
    if (!opts || lua_isnoneornil(L, opts))
        return CX_RANK_HIGH_FIRST;
    lua_getfield(L, opts, "order");
    const char *o = luaL_optstring(L, -1, "desc");
    lua_pop(L, 1);
    if (strcmp(o, "desc") == 0)
        return CX_RANK_HIGH_FIRST;
    if (strcmp(o, "asc") == 0)
        return CX_RANK_LOW_FIRST;
    luaL_error(L, "order must be \"desc\" (1 = highest) or \"asc\" (1 = lowest), got \"%s\"", o);
    return CX_RANK_HIGH_FIRST;
}

static int l_ranks(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = (size_t)lua_rawlen(L, 1);
    cx_rank_order order = cx_lua_rank_order(L, 2);
    double *x = cx_lua_number_array(L, 1, n, "values");
    size_t *rank = lua_newuserdatauv(L, (n ? n : 1) * sizeof *rank, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_rank_competition(x, n, order, rank, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        if (rank[i])
            lua_pushinteger(L, (lua_Integer)rank[i]);
        else
            lua_pushboolean(L, 0);   /* unranked (missing): keeps the array dense */
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static double field_number(lua_State *L, int t, const char *key)
{
    lua_getfield(L, t, key);
    if (!lua_isnumber(L, -1))
        luaL_error(L, "diff_test: '%s' must be a number", key);
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

void cx_lua_push_diff(lua_State *L, const cx_diff_test *t);
void cx_lua_push_diff(lua_State *L, const cx_diff_test *t)
{
    lua_createtable(L, 0, 7);
    set_number(L, "diff", t->diff);
    set_number(L, "se", t->se);
    set_bool(L, "tested", t->tested);
    if (t->tested) {
        set_number(L, "z", t->z);
        set_number(L, "p", t->p);
        set_bool(L, "significant", t->significant);
    } else {
        set_bool(L, "significant", false);
        set_string(L, "why", t->why == CX_UNTESTED_SMALL_BASE ? "base too small"
                                                             : "no sampling variation");
    }
}

static int l_diff_test(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    double a = field_number(L, 1, "a"), se_a = field_number(L, 1, "se_a");
    double b = field_number(L, 1, "b"), se_b = field_number(L, 1, "se_b");
    double n_a = field_number(L, 1, "n_a"), n_b = field_number(L, 1, "n_b");
    lua_getfield(L, 1, "alpha");
    double alpha = luaL_optnumber(L, -1, 0.05);
    lua_getfield(L, 1, "min_n");
    lua_Integer min_n = luaL_optinteger(L, -1, CX_STATS_MIN_TEST_N);
    lua_pop(L, 2);
    if (n_a < 0 || n_b < 0 || min_n < 0)
        return luaL_error(L, "diff_test: n_a, n_b and min_n must not be negative");
    cx_diff_test t;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_nps_diff_test(a, se_a, (size_t)n_a, b, se_b, (size_t)n_b, alpha, (size_t)min_n, &t,
                         &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    cx_lua_push_diff(L, &t);
    return 1;
}

/* ---------------------------------------------------------------- fmt */

static int push_formatted(lua_State *L, cx_status st, const char *buf, const cx_diag *d)
{
    if (st != CX_OK)
        return cx_lua_raise_diag(L, d);
    lua_pushstring(L, buf);
    return 1;
}

static double fmt_value(lua_State *L, const char *fn)
{
    if (!lua_isnumber(L, 1))
        luaL_error(L, "fmt.%s: expected a number, got %s", fn, luaL_typename(L, 1));
    return lua_tonumber(L, 1);
}

static int l_fmt_number(lua_State *L)
{
    double x = fmt_value(L, "number");
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = (int)luaL_optinteger(L, 2, 0);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lua_getfield(L, 3, "decimal");
        f.decimal = luaL_optstring(L, -1, NULL);
        lua_getfield(L, 3, "group");
        f.group = luaL_optstring(L, -1, NULL);
        lua_getfield(L, 3, "suffix");
        f.suffix = luaL_optstring(L, -1, NULL);
        lua_getfield(L, 3, "plus");
        f.plus = lua_toboolean(L, -1);
        lua_getfield(L, 3, "ascii");
        f.ascii_minus = lua_toboolean(L, -1);
        /* the strings stay anchored on the stack until we return */
    }
    char buf[256];
    cx_diag d;
    cx_diag_clear(&d);
    return push_formatted(L, cx_format_decimal(buf, sizeof buf, x, &f, &d), buf, &d);
}

static int l_fmt_percent(lua_State *L)
{
    double x = fmt_value(L, "percent");
    char buf[128];
    cx_diag d;
    cx_diag_clear(&d);
    return push_formatted(L, cx_format_percent(buf, sizeof buf, x, (int)luaL_optinteger(L, 2, 0), &d),
                          buf, &d);
}

static int l_fmt_delta(lua_State *L)
{
    double x = fmt_value(L, "delta");
    char buf[128];
    cx_diag d;
    cx_diag_clear(&d);
    return push_formatted(L, cx_format_delta(buf, sizeof buf, x, (int)luaL_optinteger(L, 2, 1), &d),
                          buf, &d);
}

static int l_fmt_nps(lua_State *L)
{
    double x = fmt_value(L, "nps");
    char buf[128];
    cx_diag d;
    cx_diag_clear(&d);
    return push_formatted(L, cx_format_nps(buf, sizeof buf, x, &d), buf, &d);
}

static int l_fmt_p(lua_State *L)
{
    double x = fmt_value(L, "p");
    char buf[128];
    cx_diag d;
    cx_diag_clear(&d);
    return push_formatted(L, cx_format_pvalue(buf, sizeof buf, x, NULL, &d), buf, &d);
}

void cx_lua_open_stats(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"fit", l_fit},         {"quantile", l_quantile}, {"percentile_rank", l_percentile_rank},
        {"ranks", l_ranks},     {"diff_test", l_diff_test}, {NULL, NULL},
    };
    static const luaL_Reg fmt[] = {
        {"number", l_fmt_number}, {"percent", l_fmt_percent}, {"delta", l_fmt_delta},
        {"nps", l_fmt_nps},       {"p", l_fmt_p},             {NULL, NULL},
    };
    lua_pushglobaltable(L);
    luaL_setfuncs(L, funcs, 0);
    luaL_newlib(L, fmt);
    lua_setfield(L, -2, "fmt");
    lua_pop(L, 1);
}
