/*
 * lua_aggregate.c — aggregations of datasets and groups, for scripts.
 *
 * Each is a method of both datasets (one result row) and groups (one row
 * per group, sorted by the group value); each returns a dataset whose
 * first columns are the group fields:
 *
 *   x:nps(q, {weight =, min_n =, confidence =, ci = "adjusted_wald"|"wald",
 *             aggregate = "respondent"|"account"|"decision_maker",
 *             account = "account", role = "role"})
 *       -> n, promoters, passives, detractors (percent), nps, se, ci_low,
 *          ci_high, flagged (n < min_n) [, n_eff when weighted]
 *   x:net(q, {top = {…}, bottom = {…}, scale = {min, max}, …})
 *       -> n, top, bottom, net, se, ci_low, ci_high, flagged [, n_eff]
 *   x:mean(q, {weight =})       -> n, mean, sd [, n_eff]
 *   x:describe(q)               -> n, mean, sd, min, q1, median, q3, max
 *   x:counts(q, {weight =})     -> one row per value: q, n, pct
 *   result:compare(prior, {by =, metric = "nps", alpha = 0.05, min_n = 30})
 *   ds:score(model)  ds:benchmark(model, {client = {…}, peers = {…}, good = "Good"})
 *   ds:accounts{account =, role =, field = "recommend", threshold = 100}
 *   correlate(xs, ys, {method =, x =, y =, by =})  correlation_matrix(ds, fields, opts)
 *
 * Undefined numbers (no answers, no variance) are missing (nil), never
 * NaN shown to a reader.  Misuse — an unknown field, a category used as a
 * scale, answers off the scale — is a script error at the caller's line.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/data_ops.h"
#include "cxreport/stats.h"

/* What an aggregation runs over: a dataset, or the groups of one. */
typedef struct source {
    cx_lua_dataset *ds;
    const cx_grouping *g;   /* NULL: the whole dataset is one group */
    size_t ngroups;
    const int32_t *group;   /* NULL when ungrouped */
} source;

static source get_source(lua_State *L, int idx)
{
    source s;
    memset(&s, 0, sizeof s);
    s.ds = cx_lua_test_dataset(L, idx);
    if (s.ds) {
        s.ngroups = 1;
        return s;
    }
    if (!luaL_testudata(L, idx, "cx.groups"))
        luaL_typeerror(L, idx, "dataset or groups");
    s.g = cx_lua_check_groups(L, idx, &s.ds);
    s.ngroups = s.g->ngroups;
    s.group = s.g->group;
    return s;
}

/* Pushes the result dataset holding the group keys (or one empty row). */
static cx_table *push_keys(lua_State *L, const source *s)
{
    cx_lua_dataset *out = cx_lua_new_result(L, s->ds->name);
    cx_diag d;
    cx_diag_set(&d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    cx_table *t = s->g ? cx_grouping_keys(s->ds->table, s->g, &d)
                       : cx_table_new_derived(s->ds->table->path, 1);
    cx_lua_set_result(L, out, t, &d);
    return t;
}

static void add_column(lua_State *L, cx_table *t, const char *name, const double *v, cx_qtype type)
{
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_add_numbers(t, name, type, v, &d) != CX_OK)
        cx_lua_raise_diag(L, &d);
}

static double *scratch(lua_State *L, size_t n)
{
    return lua_newuserdatauv(L, (n ? n : 1) * sizeof(double), 0);
}

/* A stats error, with the aggregation and field named. */
static int raise_stats(lua_State *L, const char *fn, const char *field, const cx_diag *d)
{
    return luaL_error(L, "%s(\"%s\"): %s", fn, field, d->message);
}

/* The number column of `field`, refusing text, booleans and multi. */
static const cx_column *number_field(lua_State *L, const source *s, const char *fn,
                                     const char *field)
{
    const cx_column *c = &s->ds->table->cols[cx_lua_field(L, s->ds, field)];
    if (c->storage != CX_STORE_NUMBER || c->type == CX_Q_BOOLEAN)
        luaL_error(L, "%s(\"%s\"): field '%s' is a %s question, not a number scale", fn, field,
                   field, cx_qtype_name(c->type));
    return c;
}

/* opts.weight: a field name, or true for the survey's weight. */
static const double *weight_opt(lua_State *L, const source *s, int opts)
{
    if (!opts || lua_isnoneornil(L, opts))
        return NULL;
    lua_getfield(L, opts, "weight");
    const double *w = NULL;
    if (lua_type(L, -1) == LUA_TSTRING) {
        const cx_column *c = &s->ds->table->cols[cx_lua_field(L, s->ds, lua_tostring(L, -1))];
        if (c->storage != CX_STORE_NUMBER)
            luaL_error(L, "weight: field '%s' holds text, not numbers", c->name);
        w = c->num;
    } else if (lua_type(L, -1) == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
        w = s->ds->table->weight;
        if (!w)
            luaL_error(L, "weight = true, but dataset '%s' names no weight field in its survey",
                       s->ds->name);
    } else if (!lua_isnil(L, -1) && !(lua_type(L, -1) == LUA_TBOOLEAN)) {
        luaL_error(L, "weight must be a field name or true, got %s", luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return w;
}

static lua_Integer int_opt(lua_State *L, int opts, const char *key, lua_Integer dflt)
{
    if (!opts || lua_isnoneornil(L, opts))
        return dflt;
    lua_getfield(L, opts, key);
    lua_Integer v = luaL_optinteger(L, -1, dflt);
    lua_pop(L, 1);
    return v;
}

static cx_ci_opts ci_opts(lua_State *L, int opts)
{
    cx_ci_opts ci = CX_CI_DEFAULT;
    ci.confidence = cx_lua_confidence(L, opts);
    if (opts && !lua_isnoneornil(L, opts)) {
        lua_getfield(L, opts, "ci");
        const char *m = luaL_optstring(L, -1, "adjusted_wald");
        if (strcmp(m, "wald") == 0)
            ci.method = CX_CI_WALD;
        else if (strcmp(m, "adjusted_wald") != 0)
            luaL_error(L, "ci must be \"adjusted_wald\" or \"wald\", got \"%s\"", m);
        lua_pop(L, 1);
    }
    return ci;
}

/* Rejects option keys the function does not know (typos would otherwise
 * silently change a published number). */
static void check_opts(lua_State *L, int opts, const char *fn, const char *const *known)
{
    if (!opts || lua_isnoneornil(L, opts))
        return;
    luaL_checktype(L, opts, LUA_TTABLE);
    cx_lua_sorted_keys(L, opts);
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        const char *k = lua_tostring(L, -1);
        bool ok = false;
        for (size_t j = 0; k && known[j]; j++)
            ok |= strcmp(k, known[j]) == 0;
        if (!ok)
            luaL_error(L, "%s: unknown option '%s'", fn, k ? k : luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
}

/* -------------------------------------------------------- account modes */

static int32_t *role_codes(lua_State *L, const cx_table *t, size_t col)
{
    static const char *const names[CX_NROLES] = {"decision maker", "influencer", "end user",
                                                 "economic buyer"};
    const cx_column *c = &t->cols[col];
    if (c->storage != CX_STORE_CODE)
        luaL_error(L, "role field '%s' must hold text", c->name);
    int32_t *role = lua_newuserdatauv(L, (t->nrows ? t->nrows : 1) * sizeof *role, 0);
    int32_t map[64];
    size_t m = cx_dict_count(c->dict);
    for (size_t k = 0; k < m && k < 64; k++) {
        map[k] = -1;
        for (int r = 0; r < CX_NROLES; r++)
            if (strcmp(cx_dict_string(c->dict, (int32_t)k), names[r]) == 0)
                map[k] = r;
    }
    for (size_t i = 0; i < t->nrows; i++)
        role[i] = c->code[i] < 0 || (size_t)c->code[i] >= 64 ? -1 : map[c->code[i]];
    return role;
}

/* NPS per group under the account or decision-maker mode. */
static int nps_accounts_mode(lua_State *L, const source *s, const char *field, int opts,
                             cx_agg mode)
{
    const cx_table *t = s->ds->table;
    const cx_column *x = number_field(L, s, "nps", field);
    const double *w = weight_opt(L, s, opts);
    cx_ci_opts ci = ci_opts(L, opts);
    lua_getfield(L, opts, "account");
    size_t acol = cx_lua_field(L, s->ds, luaL_optstring(L, -1, "account"));
    lua_getfield(L, opts, "role");
    size_t rcol = cx_lua_field(L, s->ds, luaL_optstring(L, -1, "role"));
    lua_pop(L, 2);
    lua_Integer min_n = int_opt(L, opts, "min_n", 0);
    cx_grouping *ag = lua_newuserdatauv(L, sizeof *ag, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_group(t, &acol, 1, ag, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    int32_t *acc = lua_newuserdatauv(L, (t->nrows ? t->nrows : 1) * sizeof *acc, 0);
    memcpy(acc, ag->group, t->nrows * sizeof *acc);
    size_t nacc = ag->ngroups;
    cx_grouping_free(ag);
    int32_t *role = role_codes(L, t, rcol);
    int32_t *sub = lua_newuserdatauv(L, (t->nrows ? t->nrows : 1) * sizeof *sub, 0);
    cx_account *accounts = lua_newuserdatauv(L, (nacc ? nacc : 1) * sizeof *accounts, 0);
    size_t G = s->ngroups;
    double *v_n = scratch(L, G), *v_nps = scratch(L, G), *v_se = scratch(L, G),
           *v_acc = scratch(L, G), *v_flag = scratch(L, G);
    for (size_t k = 0; k < G; k++) {
        for (size_t i = 0; i < t->nrows; i++)
            sub[i] = (!s->group || s->group[i] == (int32_t)k) ? acc[i] : -1;
        if (cx_accounts_compute(x->num, w, sub, role, t->nrows, nacc, NULL, accounts, &d) != CX_OK)
            return raise_stats(L, "nps", field, &d);
        cx_accounts_total tot;
        if (cx_accounts_aggregate(accounts, nacc, mode, 1, &ci, &tot, &d) != CX_OK)
            return raise_stats(L, "nps", field, &d);
        v_n[k] = (double)tot.answers;
        v_acc[k] = (double)tot.accounts;
        v_nps[k] = tot.defined ? tot.nps : NAN;
        v_se[k] = tot.defined && tot.se_defined ? tot.se : NAN;
        v_flag[k] = min_n > 0 && (lua_Integer)tot.answers < min_n;
    }
    cx_table *out = push_keys(L, s);
    add_column(L, out, "n", v_n, CX_Q_NUMBER);
    add_column(L, out, "accounts", v_acc, CX_Q_NUMBER);
    add_column(L, out, "nps", v_nps, CX_Q_NUMBER);
    add_column(L, out, "se", v_se, CX_Q_NUMBER);
    add_column(L, out, "flagged", v_flag, CX_Q_BOOLEAN);
    return 1;
}

/* ------------------------------------------------------------ NPS / net */

/* Reads a box list {4, 5} into an inclusive range; it must be contiguous. */
static void box_opt(lua_State *L, int opts, const char *key, long *lo, long *hi, bool required)
{
    lua_getfield(L, opts, key);
    if (lua_isnil(L, -1)) {
        if (required)
            luaL_error(L, "net: give %s = {…}, the answers that count as %s boxes", key, key);
        lua_pop(L, 1);
        return;
    }
    luaL_checktype(L, -1, LUA_TTABLE);
    size_t n = (size_t)lua_rawlen(L, -1);
    if (n == 0)
        luaL_error(L, "net: %s must list at least one answer", key);
    long mn = 0, mx = 0;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        if (!lua_isinteger(L, -1))
            luaL_error(L, "net: %s[%d] must be a whole number", key, (int)i + 1);
        long v = (long)lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (i == 0 || v < mn)
            mn = v;
        if (i == 0 || v > mx)
            mx = v;
    }
    if ((size_t)(mx - mn + 1) != n)
        luaL_error(L, "net: %s must be a run of consecutive answers, e.g. {4, 5}", key);
    lua_pop(L, 1);
    *lo = mn;
    *hi = mx;
}

static int net_common(lua_State *L, bool is_nps)
{
    const char *fn = is_nps ? "nps" : "net";
    source s = get_source(L, 1);
    const char *field = luaL_checkstring(L, 2);
    int opts = lua_isnoneornil(L, 3) ? 0 : 3;
    static const char *const nps_keys[] = {"weight", "min_n", "confidence", "ci", "aggregate",
                                           "account", "role", NULL};
    static const char *const net_keys[] = {"weight", "min_n", "confidence", "ci", "top",
                                           "bottom", "scale", NULL};
    check_opts(L, opts, fn, is_nps ? nps_keys : net_keys);
    const cx_column *c = number_field(L, &s, fn, field);
    const cx_question *q = c->question;
    cx_net_def def = CX_NET_NPS;
    if (is_nps) {
        if (q && q->type == CX_Q_SCALE && (q->min != 0 || q->max != 10))
            return luaL_error(L, "nps(\"%s\"): NPS needs a 0..10 scale, and '%s' is a %d..%d "
                                 "scale (use :net with top and bottom boxes)", field, field,
                              (int)q->min, (int)q->max);
        if (opts) {
            lua_getfield(L, opts, "aggregate");
            const char *mode = luaL_optstring(L, -1, "respondent");
            lua_pop(L, 1);
            if (strcmp(mode, "account") == 0)
                return nps_accounts_mode(L, &s, field, opts, CX_AGG_ACCOUNT);
            if (strcmp(mode, "decision_maker") == 0)
                return nps_accounts_mode(L, &s, field, opts, CX_AGG_DECISION_MAKER);
            if (strcmp(mode, "respondent") != 0)
                return luaL_error(L, "nps: aggregate must be \"respondent\", \"account\" or "
                                     "\"decision_maker\", got \"%s\"", mode);
        }
    } else {
        if (!opts)
            return luaL_error(L, "net(\"%s\"): give {top = {…}, bottom = {…}}", field);
        box_opt(L, opts, "top", &def.top_lo, &def.top_hi, true);
        box_opt(L, opts, "bottom", &def.bottom_lo, &def.bottom_hi, true);
        if (q && q->type == CX_Q_SCALE) {
            def.scale_min = q->min;
            def.scale_max = q->max;
        } else {
            lua_getfield(L, opts, "scale");
            if (lua_istable(L, -1)) {
                lua_rawgeti(L, -1, 1);
                lua_rawgeti(L, -2, 2);
                def.scale_min = (long)luaL_checkinteger(L, -2);
                def.scale_max = (long)luaL_checkinteger(L, -1);
                lua_pop(L, 2);
            } else {
                def.scale_min = def.bottom_lo < def.top_lo ? def.bottom_lo : def.top_lo;
                def.scale_max = def.bottom_hi > def.top_hi ? def.bottom_hi : def.top_hi;
            }
            lua_pop(L, 1);
        }
    }
    const double *w = weight_opt(L, &s, opts);
    cx_ci_opts ci = ci_opts(L, opts);
    lua_Integer min_n = int_opt(L, opts, "min_n", 0);
    const cx_table *t = s.ds->table;
    size_t G = s.ngroups;
    cx_net *res = lua_newuserdatauv(L, (G ? G : 1) * sizeof *res, 0);
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = s.group ? cx_nps_by_group(c->num, w, s.group, t->nrows, G, &def, &ci, res, &d)
                           : cx_nps_compute(c->num, w, t->nrows, &def, &ci, res, &d);
    if (st != CX_OK)
        return raise_stats(L, fn, field, &d);
    double *col[10];
    for (int j = 0; j < 10; j++)
        col[j] = scratch(L, G);
    for (size_t k = 0; k < G; k++) {
        const cx_net *r = &res[k];
        col[0][k] = (double)r->n;
        col[1][k] = r->defined ? r->pct_top : NAN;
        col[2][k] = r->defined ? r->pct_mid : NAN;
        col[3][k] = r->defined ? r->pct_bottom : NAN;
        col[4][k] = r->defined ? r->score : NAN;
        col[5][k] = r->defined ? r->se : NAN;
        col[6][k] = r->defined ? r->ci_lo : NAN;
        col[7][k] = r->defined ? r->ci_hi : NAN;
        col[8][k] = min_n > 0 && (lua_Integer)r->n < min_n;
        col[9][k] = r->base;
    }
    cx_table *out = push_keys(L, &s);
    add_column(L, out, "n", col[0], CX_Q_NUMBER);
    if (w)
        add_column(L, out, "n_eff", col[9], CX_Q_NUMBER);
    if (is_nps) {
        add_column(L, out, "promoters", col[1], CX_Q_NUMBER);
        add_column(L, out, "passives", col[2], CX_Q_NUMBER);
        add_column(L, out, "detractors", col[3], CX_Q_NUMBER);
        add_column(L, out, "nps", col[4], CX_Q_NUMBER);
    } else {
        add_column(L, out, "top", col[1], CX_Q_NUMBER);
        add_column(L, out, "middle", col[2], CX_Q_NUMBER);
        add_column(L, out, "bottom", col[3], CX_Q_NUMBER);
        add_column(L, out, "net", col[4], CX_Q_NUMBER);
    }
    add_column(L, out, "se", col[5], CX_Q_NUMBER);
    add_column(L, out, "ci_low", col[6], CX_Q_NUMBER);
    add_column(L, out, "ci_high", col[7], CX_Q_NUMBER);
    add_column(L, out, "flagged", col[8], CX_Q_BOOLEAN);
    return 1;
}

static int agg_nps(lua_State *L) { return net_common(L, true); }
static int agg_net(lua_State *L) { return net_common(L, false); }

/* ------------------------------------------------------- mean / describe */

static int agg_mean(lua_State *L)
{
    source s = get_source(L, 1);
    const char *field = luaL_checkstring(L, 2);
    int opts = lua_isnoneornil(L, 3) ? 0 : 3;
    static const char *const keys[] = {"weight", NULL};
    check_opts(L, opts, "mean", keys);
    const cx_column *c = number_field(L, &s, "mean", field);
    const double *w = weight_opt(L, &s, opts);
    size_t G = s.ngroups;
    cx_describe *res = lua_newuserdatauv(L, (G ? G : 1) * sizeof *res, 0);
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = s.group ? cx_describe_by_group(c->num, w, s.group, s.ds->table->nrows, G, res, &d)
                           : cx_describe_compute(c->num, w, s.ds->table->nrows, res, &d);
    if (st != CX_OK)
        return raise_stats(L, "mean", field, &d);
    double *n = scratch(L, G), *m = scratch(L, G), *sd = scratch(L, G), *ne = scratch(L, G);
    for (size_t k = 0; k < G; k++) {
        n[k] = (double)res[k].n;
        m[k] = res[k].defined ? res[k].mean : NAN;
        sd[k] = res[k].sd_defined ? res[k].sd : NAN;
        ne[k] = res[k].n_eff;
    }
    cx_table *out = push_keys(L, &s);
    add_column(L, out, "n", n, CX_Q_NUMBER);
    if (w)
        add_column(L, out, "n_eff", ne, CX_Q_NUMBER);
    add_column(L, out, "mean", m, CX_Q_NUMBER);
    add_column(L, out, "sd", sd, CX_Q_NUMBER);
    return 1;
}

static int agg_describe(lua_State *L)
{
    source s = get_source(L, 1);
    const char *field = luaL_checkstring(L, 2);
    const cx_column *c = number_field(L, &s, "describe", field);
    const cx_table *t = s.ds->table;
    size_t G = s.ngroups, n = t->nrows;
    cx_describe *res = lua_newuserdatauv(L, (G ? G : 1) * sizeof *res, 0);
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = s.group ? cx_describe_by_group(c->num, NULL, s.group, n, G, res, &d)
                           : cx_describe_compute(c->num, NULL, n, res, &d);
    if (st != CX_OK)
        return raise_stats(L, "describe", field, &d);
    /* values of each group, contiguous: a counting sort by group */
    double *vals = scratch(L, n);
    size_t *start = lua_newuserdatauv(L, (G + 1) * sizeof *start, 0);
    memset(start, 0, (G + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++)
        if (!s.group || s.group[i] >= 0)
            start[(s.group ? (size_t)s.group[i] : 0) + 1]++;
    for (size_t k = 0; k < G; k++)
        start[k + 1] += start[k];
    size_t *at = lua_newuserdatauv(L, (G ? G : 1) * sizeof *at, 0);
    memcpy(at, start, G * sizeof *at);
    for (size_t i = 0; i < n; i++)
        if (!s.group || s.group[i] >= 0)
            vals[at[s.group ? (size_t)s.group[i] : 0]++] = c->num[i];
    double *cols[8];
    for (int j = 0; j < 8; j++)
        cols[j] = scratch(L, G);
    static const double probs[3] = {0.25, 0.5, 0.75};
    for (size_t k = 0; k < G; k++) {
        double q[3];
        size_t used;
        if (cx_describe_quantiles(vals + start[k], start[k + 1] - start[k], probs, 3, q, &used,
                                  &d) != CX_OK)
            return raise_stats(L, "describe", field, &d);
        cols[0][k] = (double)res[k].n;
        cols[1][k] = res[k].defined ? res[k].mean : NAN;
        cols[2][k] = res[k].sd_defined ? res[k].sd : NAN;
        cols[3][k] = res[k].defined ? res[k].min : NAN;
        cols[4][k] = used ? q[0] : NAN;
        cols[5][k] = used ? q[1] : NAN;
        cols[6][k] = used ? q[2] : NAN;
        cols[7][k] = res[k].defined ? res[k].max : NAN;
    }
    static const char *const names[8] = {"n", "mean", "sd", "min", "q1", "median", "q3", "max"};
    cx_table *out = push_keys(L, &s);
    for (int j = 0; j < 8; j++)
        add_column(L, out, names[j], cols[j], CX_Q_NUMBER);
    return 1;
}

/* counts(q): one row per (group, value) with n and the percent within
 * the group (weighted when a weight is given). */
static int agg_counts(lua_State *L)
{
    source s = get_source(L, 1);
    const char *field = luaL_checkstring(L, 2);
    int opts = lua_isnoneornil(L, 3) ? 0 : 3;
    static const char *const keys[] = {"weight", NULL};
    check_opts(L, opts, "counts", keys);
    const cx_table *t = s.ds->table;
    size_t fcol = cx_lua_field(L, s.ds, field);
    const double *w = weight_opt(L, &s, opts);
    size_t cols[CX_MAX_GROUP_KEYS];
    size_t nk = 0;
    if (s.g) {
        if (s.g->nkeys >= CX_MAX_GROUP_KEYS)
            return luaL_error(L, "counts: too many group fields");
        for (; nk < s.g->nkeys; nk++)
            cols[nk] = s.g->keys[nk];
    }
    cols[nk++] = fcol;
    cx_grouping *cg = lua_newuserdatauv(L, sizeof *cg, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_group(t, cols, nk, cg, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    size_t C = cg->ngroups;
    double *n = scratch(L, C), *sw = scratch(L, C), *pct = scratch(L, C);
    double *tot = scratch(L, s.ngroups);
    memset(sw, 0, C * sizeof *sw);
    memset(tot, 0, s.ngroups * sizeof *tot);
    for (size_t i = 0; i < t->nrows; i++) {
        int32_t k = cg->group[i];
        if (k < 0)
            continue;
        double wi = w ? w[i] : 1.0;
        if (!(wi >= 0) || !isfinite(wi)) {
            cx_grouping_free(cg);
            return luaL_error(L, "counts(\"%s\"): row %d has a negative or missing weight",
                              field, (int)i + 1);
        }
        sw[k] += wi;
        tot[s.group ? (size_t)s.group[i] : 0] += wi;
    }
    for (size_t k = 0; k < C; k++) {
        size_t r = cg->first[k];
        size_t parent = s.group ? (size_t)s.group[r] : 0;
        n[k] = (double)cg->size[k];
        pct[k] = tot[parent] > 0 ? 100.0 * sw[k] / tot[parent] : NAN;
    }
    cx_lua_dataset *res = cx_lua_new_result(L, s.ds->name);
    cx_table *out = cx_grouping_keys(t, cg, &d);
    cx_grouping_free(cg);
    cx_lua_set_result(L, res, out, &d);
    add_column(L, out, "n", n, CX_Q_NUMBER);
    add_column(L, out, "pct", pct, CX_Q_NUMBER);
    return 1;
}

/* ------------------------------------------------------------- compare */

static size_t number_col(lua_State *L, const cx_lua_dataset *ds, const char *name)
{
    size_t c = cx_lua_field(L, ds, name);
    if (ds->table->cols[c].storage != CX_STORE_NUMBER)
        luaL_error(L, "compare: field '%s' of '%s' must hold numbers", name, ds->name);
    return c;
}

static int ds_compare(lua_State *L)
{
    cx_lua_dataset *a = cx_lua_check_dataset(L, 1);
    cx_lua_dataset *b = cx_lua_check_dataset(L, 2);
    int opts = lua_isnoneornil(L, 3) ? 0 : 3;
    static const char *const keys[] = {"by", "metric", "alpha", "min_n", "suffix", NULL};
    check_opts(L, opts, "compare", keys);
    const char *by = a->table->ncols ? a->table->cols[0].name : "";
    const char *metric = "nps", *suffix = "_prior";
    double alpha = 0.05;
    lua_Integer min_n = CX_STATS_MIN_TEST_N;
    if (opts) {
        lua_getfield(L, opts, "by");
        by = luaL_optstring(L, -1, by);
        lua_getfield(L, opts, "metric");
        metric = luaL_optstring(L, -1, metric);
        lua_getfield(L, opts, "suffix");
        suffix = luaL_optstring(L, -1, suffix);
        lua_getfield(L, opts, "alpha");
        alpha = luaL_optnumber(L, -1, alpha);
        lua_getfield(L, opts, "min_n");
        min_n = luaL_optinteger(L, -1, min_n);
        if (min_n < 0)
            return luaL_error(L, "compare: min_n must not be negative");
    }
    size_t ak = cx_lua_field(L, a, by), bk = cx_lua_field(L, b, by);
    size_t am = number_col(L, a, metric), bm = number_col(L, b, metric);
    size_t ase = number_col(L, a, "se"), bse = number_col(L, b, "se");
    size_t an = number_col(L, a, "n"), bn = number_col(L, b, "n");
    size_t N = a->table->nrows;
    size_t *match = lua_newuserdatauv(L, (N ? N : 1) * sizeof *match, 0);
    void cx_lua_match_rows(const cx_table *, size_t, const cx_table *, size_t, size_t *);
    cx_lua_match_rows(a->table, ak, b->table, bk, match);
    double *prior = scratch(L, N), *nprior = scratch(L, N), *change = scratch(L, N),
           *z = scratch(L, N), *p = scratch(L, N), *sig = scratch(L, N), *tested = scratch(L, N);
    const cx_column *A = a->table->cols, *B = b->table->cols;
    cx_diag d;
    cx_diag_clear(&d);
    for (size_t i = 0; i < N; i++) {
        prior[i] = nprior[i] = change[i] = z[i] = p[i] = NAN;
        sig[i] = tested[i] = 0;
        size_t j = match[i];
        if (j == SIZE_MAX)
            continue;
        prior[i] = B[bm].num[j];
        nprior[i] = B[bn].num[j];
        double va = A[am].num[i], vb = B[bm].num[j];
        double sa = A[ase].num[i], sb = B[bse].num[j];
        double na = A[an].num[i], nb = B[bn].num[j];
        if (isnan(va) || isnan(vb))
            continue;
        change[i] = va - vb;
        if (isnan(sa) || isnan(sb) || isnan(na) || isnan(nb))
            continue;
        cx_diff_test dt;
        if (cx_nps_diff_test(va, sa, (size_t)na, vb, sb, (size_t)nb, alpha, (size_t)min_n, &dt,
                             &d) != CX_OK)
            return luaL_error(L, "compare: %s", d.message);
        if (dt.tested) {
            z[i] = dt.z;
            p[i] = dt.p;
            sig[i] = dt.significant;
            tested[i] = 1;
        }
    }
    size_t *all = lua_newuserdatauv(L, (N ? N : 1) * sizeof *all, 0);
    for (size_t i = 0; i < N; i++)
        all[i] = i;
    cx_lua_dataset *res = cx_lua_new_result(L, a->name);
    cx_diag_set(&d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    cx_table *out = cx_table_select(a->table, all, N);
    cx_lua_set_result(L, res, out, &d);
    const char *pname = lua_pushfstring(L, "%s%s", metric, suffix);
    add_column(L, out, pname, prior, CX_Q_NUMBER);
    const char *nname = lua_pushfstring(L, "n%s", suffix);
    add_column(L, out, nname, nprior, CX_Q_NUMBER);
    lua_pop(L, 2);
    add_column(L, out, "change", change, CX_Q_NUMBER);
    add_column(L, out, "z", z, CX_Q_NUMBER);
    add_column(L, out, "p", p, CX_Q_NUMBER);
    add_column(L, out, "tested", tested, CX_Q_BOOLEAN);
    add_column(L, out, "significant", sig, CX_Q_BOOLEAN);
    return 1;
}

/* ---------------------------------------------------------- correlation */

/* The numbers of field f of dataset ds (a userdata-owned copy). */
static double *field_values(lua_State *L, const cx_lua_dataset *ds, const char *f)
{
    size_t c = cx_lua_field(L, ds, f);
    const cx_column *col = &ds->table->cols[c];
    if (col->storage != CX_STORE_NUMBER)
        luaL_error(L, "correlate: field '%s' of '%s' holds text", f, ds->name);
    double *v = scratch(L, ds->table->nrows);
    memcpy(v, col->num, ds->table->nrows * sizeof *v);
    return v;
}

void cx_lua_push_corr(lua_State *L, const cx_corr *c);

static int l_correlate(lua_State *L)
{
    cx_lua_dataset *xs = cx_lua_test_dataset(L, 1);
    if (!xs)
        return cx_lua_correlate_arrays(L);
    int opts = lua_istable(L, 3) ? 3 : 0;
    if (!opts)
        return luaL_error(L, "correlate(dataset, …): give {x = field, y = field}");
    static const char *const keys[] = {"x", "y", "by", "method", "confidence", NULL};
    check_opts(L, opts, "correlate", keys);
    lua_getfield(L, opts, "x");
    const char *fx = luaL_checkstring(L, -1);
    lua_getfield(L, opts, "y");
    const char *fy = luaL_checkstring(L, -1);
    cx_lua_dataset *ys = lua_isnoneornil(L, 2) ? xs : cx_lua_check_dataset(L, 2);
    cx_corr_method method = cx_lua_corr_method(L, opts);
    int conf = cx_lua_confidence(L, opts);
    size_t n = xs->table->nrows;
    double *x = field_values(L, xs, fx);
    double *y;
    if (ys == xs) {
        y = field_values(L, ys, fy);
    } else {
        /* two results: match rows by the `by` field (default: the first
         * column, the group field) */
        lua_getfield(L, opts, "by");
        const char *by = luaL_optstring(L, -1, xs->table->ncols ? xs->table->cols[0].name : "");
        size_t ak = cx_lua_field(L, xs, by), bk = cx_lua_field(L, ys, by);
        size_t *match = lua_newuserdatauv(L, (n ? n : 1) * sizeof *match, 0);
        void cx_lua_match_rows(const cx_table *, size_t, const cx_table *, size_t, size_t *);
        cx_lua_match_rows(xs->table, ak, ys->table, bk, match);
        double *yall = field_values(L, ys, fy);
        y = scratch(L, n);
        for (size_t i = 0; i < n; i++)
            y[i] = match[i] == SIZE_MAX ? NAN : yall[match[i]];
    }
    cx_corr c;
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = method == CX_CORR_PEARSON ? cx_correlate_pearson(x, y, n, conf, &c, &d)
                                             : cx_correlate_spearman(x, y, n, conf, &c, &d);
    if (st != CX_OK)
        return luaL_error(L, "correlate: %s", d.message);
    cx_lua_push_corr(L, &c);
    return 1;
}

static int l_correlation_matrix(lua_State *L)
{
    cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    int opts = lua_istable(L, 3) ? 3 : 0;
    cx_corr_method method = cx_lua_corr_method(L, opts);
    int conf = cx_lua_confidence(L, opts);
    size_t k = (size_t)lua_rawlen(L, 2);
    if (k < 2 || k > 64)
        return luaL_error(L, "correlation_matrix: give 2 to 64 fields");
    const double **cols = lua_newuserdatauv(L, k * sizeof *cols, 0);
    for (size_t i = 0; i < k; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        const cx_column *c = &ds->table->cols[cx_lua_field(L, ds, luaL_checkstring(L, -1))];
        if (c->storage != CX_STORE_NUMBER)
            return luaL_error(L, "correlation_matrix: field '%s' holds text", c->name);
        cols[i] = c->num;
        lua_pop(L, 1);
    }
    cx_corr *out = lua_newuserdatauv(L, k * k * sizeof *out, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_correlate_matrix(cols, k, ds->table->nrows, method, conf, out, &d) != CX_OK)
        return luaL_error(L, "correlation_matrix: %s", d.message);
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "fields");
    static const char *const parts[3] = {"r", "p", "n"};
    for (int part = 0; part < 3; part++) {
        lua_createtable(L, (int)k, 0);
        for (size_t i = 0; i < k; i++) {
            lua_createtable(L, (int)k, 0);
            for (size_t j = 0; j < k; j++) {
                const cx_corr *c = &out[i * k + j];
                if (part == 2)
                    lua_pushinteger(L, (lua_Integer)c->n);
                else if (c->state != CX_CORR_OK)
                    lua_pushboolean(L, 0);      /* undefined; keeps the row dense */
                else
                    lua_pushnumber(L, part == 0 ? c->r : c->p);
                lua_rawseti(L, -2, (lua_Integer)j + 1);
            }
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, parts[part]);
    }
    return 1;
}

void cx_lua_open_aggregate(lua_State *L)
{
    static const luaL_Reg both[] = {
        {"nps", agg_nps},   {"net", agg_net},         {"mean", agg_mean},
        {"describe", agg_describe}, {"counts", agg_counts}, {NULL, NULL},
    };
    static const luaL_Reg dataset_only[] = {{"compare", ds_compare}, {NULL, NULL}};
    lua_getfield(L, LUA_REGISTRYINDEX, "cx.dataset.methods");
    luaL_setfuncs(L, both, 0);
    luaL_setfuncs(L, dataset_only, 0);
    lua_pop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "cx.groups.methods");
    luaL_setfuncs(L, both, 0);
    lua_pop(L, 1);
    lua_pushglobaltable(L);
    lua_pushcfunction(L, l_correlate);
    lua_setfield(L, -2, "correlate");
    lua_pushcfunction(L, l_correlation_matrix);
    lua_setfield(L, -2, "correlation_matrix");
    lua_pop(L, 1);
}
