/*
 * lua_maturity.c — maturity models and B2B accounts, for scripts.
 *
 *   ds:score(model)
 *       a copy of ds with, per dimension id, its score (0..100, nil when
 *       fewer than half its items are answered) and `<id>_rating`, plus
 *       `overall` and `level`
 *   ds:benchmark(model, {client = VALUE, by = "account", good = "Good",
 *                        top_levels = 2})
 *       the client (the first row whose `by` field is VALUE) against the
 *       other rows of ds as peers: quartiles, percentile ranks, shares
 *   ds:accounts{account = "account", role = "role", field = "recommend",
 *               threshold = 100, min_role_n = 1, weight = …}
 *       one row per account: NPS overall and per role, coverage, disagreement
 *
 * A model is data (see lua/models/): {name, scale = {min, max},
 * dimensions = {{id, name, items = {…}, weight}}, ratings = {{below, name},
 * …, {name}}, levels = {…}}.  It is checked completely before any score
 * is computed.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/data_ops.h"

/* A model converted for the stats stage.  Everything lives in one
 * userdata (pushed by read_model), strings stay anchored in the model
 * table, so nothing leaks if a later check raises. */
typedef struct lua_model {
    cx_maturity_model m;
    const double **cols;        /* nitems column arrays of the dataset */
} lua_model;

static double number_field(lua_State *L, int t, const char *key, const char *what)
{
    lua_getfield(L, t, key);
    if (!lua_isnumber(L, -1))
        luaL_error(L, "model: %s '%s' must be a number", what, key);
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

static const char *string_field(lua_State *L, int t, const char *key, const char *what)
{
    lua_getfield(L, t, key);
    const char *s = lua_tostring(L, -1);
    if (!s || lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "model: %s needs a string '%s'", what, key);
    lua_pop(L, 1);      /* anchored in the model table */
    return s;
}

static size_t read_bands(lua_State *L, int model, const char *key, cx_band *bands)
{
    if (lua_getfield(L, model, key) != LUA_TTABLE)
        luaL_error(L, "model: '%s' must be a list of bands {below = N, name = …}", key);
    int t = lua_gettop(L);
    size_t n = (size_t)lua_rawlen(L, t);
    if (n == 0 || n > CX_MATURITY_MAX_BANDS)
        luaL_error(L, "model: '%s' needs 1 to %d bands", key, CX_MATURITY_MAX_BANDS);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, t, (lua_Integer)i + 1);
        int b = lua_gettop(L);
        if (!lua_istable(L, b))
            luaL_error(L, "model: %s[%d] must be a table", key, (int)i + 1);
        bands[i].name = string_field(L, b, "name", key);
        bands[i].below = i + 1 < n ? number_field(L, b, "below", key) : HUGE_VAL;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return n;
}

/* Reads the model at `model` for dataset ds; pushes the userdata. */
static lua_model *read_model(lua_State *L, int model, const cx_lua_dataset *ds)
{
    model = lua_absindex(L, model);
    luaL_checktype(L, model, LUA_TTABLE);
    if (lua_getfield(L, model, "dimensions") != LUA_TTABLE)
        luaL_error(L, "model: 'dimensions' must be a list");
    int dims = lua_gettop(L);
    size_t ndims = (size_t)lua_rawlen(L, dims), nitems = 0;
    for (size_t k = 0; k < ndims; k++) {
        lua_rawgeti(L, dims, (lua_Integer)k + 1);
        if (!lua_istable(L, -1) || lua_getfield(L, -1, "items") != LUA_TTABLE)
            luaL_error(L, "model: dimension %d needs a list 'items'", (int)k + 1);
        nitems += (size_t)lua_rawlen(L, -1);
        lua_pop(L, 2);
    }
    if (ndims == 0 || nitems == 0)
        luaL_error(L, "model: no dimensions or no items");
    size_t size = sizeof(lua_model) + ndims * sizeof(cx_maturity_dim) + nitems * sizeof(size_t) +
                  nitems * sizeof(double *) + 2 * CX_MATURITY_MAX_BANDS * sizeof(cx_band);
    unsigned char *block = lua_newuserdatauv(L, size, 0);
    memset(block, 0, size);
    lua_model *lm = (lua_model *)block;
    cx_maturity_dim *d = (cx_maturity_dim *)(block + sizeof(lua_model));
    size_t *items = (size_t *)(d + ndims);
    lm->cols = (const double **)(items + nitems);
    cx_band *ratings = (cx_band *)(lm->cols + nitems);
    cx_band *levels = ratings + CX_MATURITY_MAX_BANDS;

    lua_getfield(L, model, "name");
    lm->m.name = lua_tostring(L, -1) ? lua_tostring(L, -1) : "model";
    lua_pop(L, 1);
    if (lua_getfield(L, model, "scale") != LUA_TTABLE)
        luaL_error(L, "model: 'scale' must be {min = …, max = …}");
    lm->m.scale_min = number_field(L, -1, "min", "scale");
    lm->m.scale_max = number_field(L, -1, "max", "scale");
    lua_pop(L, 1);

    size_t at = 0;
    for (size_t k = 0; k < ndims; k++) {
        lua_rawgeti(L, dims, (lua_Integer)k + 1);
        int dim = lua_gettop(L);
        d[k].id = string_field(L, dim, "id", "a dimension");
        lua_getfield(L, dim, "name");
        d[k].name = lua_isstring(L, -1) ? lua_tostring(L, -1) : d[k].id;
        lua_pop(L, 1);
        lua_getfield(L, dim, "weight");
        d[k].weight = luaL_optnumber(L, -1, 1.0);
        lua_pop(L, 1);
        lua_getfield(L, dim, "items");
        size_t n = (size_t)lua_rawlen(L, -1);
        d[k].items = items + at;
        d[k].nitems = n;
        for (size_t i = 0; i < n; i++, at++) {
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            const char *field = lua_tostring(L, -1);
            if (!field)
                luaL_error(L, "model: dimension '%s' item %d must be a field name", d[k].id,
                           (int)i + 1);
            const cx_column *c = &ds->table->cols[cx_lua_field(L, ds, field)];
            if (c->storage != CX_STORE_NUMBER || c->type == CX_Q_BOOLEAN)
                luaL_error(L, "model: item '%s' is a %s question, not a number scale", field,
                           cx_qtype_name(c->type));
            items[at] = at;
            lm->cols[at] = c->num;
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
    lm->m.nitems = nitems;
    lm->m.dims = d;
    lm->m.ndims = ndims;
    lm->m.ratings = ratings;
    lm->m.nratings = read_bands(L, model, "ratings", ratings);
    lm->m.levels = levels;
    lm->m.nlevels = read_bands(L, model, "levels", levels);
    cx_diag diag;
    cx_diag_clear(&diag);
    if (cx_maturity_check(&lm->m, &diag) != CX_OK)
        luaL_error(L, "model '%s': %s", lm->m.name, diag.message);
    lua_replace(L, dims);       /* keep the userdata, drop the extra slot */
    return lm;
}

/* Scores every row: dims[o*ndims + k], overall[o] (userdata, pushed). */
static void score_all(lua_State *L, const lua_model *lm, const cx_table *t, cx_mscore **dims,
                      cx_mscore **overall)
{
    size_t n = t->nrows ? t->nrows : 1;
    *dims = lua_newuserdatauv(L, n * lm->m.ndims * sizeof **dims, 0);
    *overall = lua_newuserdatauv(L, n * sizeof **overall, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_maturity_score_columns(&lm->m, lm->cols, t->nrows, *dims, *overall, &d) != CX_OK)
        luaL_error(L, "score: %s", d.message);
}

static int ds_score(lua_State *L)
{
    cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    const cx_table *t = ds->table;
    lua_model *lm = read_model(L, 2, ds);
    cx_mscore *dims, *overall;
    score_all(L, lm, t, &dims, &overall);
    size_t n = t->nrows, nd = lm->m.ndims;
    size_t *all = lua_newuserdatauv(L, (n ? n : 1) * sizeof *all, 0);
    for (size_t i = 0; i < n; i++)
        all[i] = i;
    double *v = lua_newuserdatauv(L, (n ? n : 1) * sizeof *v, 0);
    const char **s = lua_newuserdatauv(L, (n ? n : 1) * sizeof *s, 0);
    cx_lua_dataset *res = cx_lua_new_result(L, ds->name);
    cx_diag d;
    cx_diag_set(&d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    cx_table *out = cx_table_select(t, all, n);
    cx_lua_set_result(L, res, out, &d);
    for (size_t k = 0; k <= nd; k++) {
        bool is_overall = k == nd;
        const cx_band *bands = is_overall ? lm->m.levels : lm->m.ratings;
        size_t nb = is_overall ? lm->m.nlevels : lm->m.nratings;
        for (size_t i = 0; i < n; i++) {
            const cx_mscore *m = is_overall ? &overall[i] : &dims[i * nd + k];
            v[i] = m->defined ? m->score : NAN;
            s[i] = m->defined && m->band < nb ? bands[m->band].name : NULL;
        }
        const char *id = is_overall ? "overall" : lm->m.dims[k].id;
        const char *band_col = is_overall ? "level" : lua_pushfstring(L, "%s_rating", id);
        if (cx_table_add_numbers(out, id, CX_Q_NUMBER, v, &d) != CX_OK ||
            cx_table_add_texts(out, band_col, s, &d) != CX_OK)
            return cx_lua_raise_diag(L, &d);
        if (!is_overall)
            lua_pop(L, 1);
    }
    return 1;
}

static void set_num(lua_State *L, const char *k, bool defined, double v)
{
    if (defined) {
        lua_pushnumber(L, v);
        lua_setfield(L, -2, k);
    }
}

static void push_stat(lua_State *L, const cx_maturity_stat *st, const cx_band *bands, size_t nb,
                      const char *band_key, const char *share_key)
{
    lua_createtable(L, 0, 12);
    lua_pushinteger(L, (lua_Integer)st->n);
    lua_setfield(L, -2, "n");
    set_num(L, "q1", st->defined, st->q1);
    set_num(L, "median", st->defined, st->median);
    set_num(L, "q3", st->defined, st->q3);
    set_num(L, "mean", st->defined, st->mean);
    set_num(L, "client", st->client_defined, st->client_score);
    set_num(L, "percentile", st->client_defined && st->defined, st->client_pct_rank);
    if (st->client_defined && st->client_band < nb) {
        lua_pushstring(L, bands[st->client_band].name);
        lua_setfield(L, -2, band_key);
    }
    set_num(L, share_key, st->defined, st->at_or_above_pct);
    lua_createtable(L, (int)nb, 0);
    for (size_t b = 0; b < nb; b++) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, bands[b].name);
        lua_setfield(L, -2, "name");
        set_num(L, "pct", st->defined, st->band_pct[b]);
        lua_rawseti(L, -2, (lua_Integer)b + 1);
    }
    lua_setfield(L, -2, "shares");
}

static int ds_benchmark(lua_State *L)
{
    cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    const cx_table *t = ds->table;
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "client");
    const char *client = luaL_checkstring(L, -1);
    lua_getfield(L, 3, "by");
    const char *by = luaL_optstring(L, -1, "account");
    lua_getfield(L, 3, "good");
    const char *good = luaL_optstring(L, -1, "Good");
    lua_getfield(L, 3, "top_levels");
    lua_Integer top_levels = luaL_optinteger(L, -1, 2);
    lua_pop(L, 1);
    size_t bycol = cx_lua_field(L, ds, by);
    lua_model *lm = read_model(L, 2, ds);
    long rating_from = cx_maturity_band_find(lm->m.ratings, lm->m.nratings, good);
    if (rating_from < 0)
        return luaL_error(L, "benchmark: the model has no rating called '%s'", good);
    if (top_levels < 1 || (size_t)top_levels > lm->m.nlevels)
        return luaL_error(L, "benchmark: top_levels must be 1 to %d", (int)lm->m.nlevels);
    size_t level_from = lm->m.nlevels - (size_t)top_levels;
    cx_mscore *dims, *overall;
    score_all(L, lm, t, &dims, &overall);
    size_t nd = lm->m.ndims, n = t->nrows;
    /* the client row, and the peers (every row of another `by` value) */
    size_t client_row = SIZE_MAX;
    size_t *peers = lua_newuserdatauv(L, (n ? n : 1) * sizeof *peers, 0);
    size_t np = 0;
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        const char *v = cx_table_cell_text(t, bycol, i, buf, sizeof buf);
        if (v && strcmp(v, client) == 0) {
            if (client_row == SIZE_MAX)
                client_row = i;
        } else {
            peers[np++] = i;
        }
    }
    if (client_row == SIZE_MAX)
        return luaL_error(L, "benchmark: no row of '%s' has %s = \"%s\"", ds->name, by, client);
    cx_mscore *pd = lua_newuserdatauv(L, (np ? np : 1) * nd * sizeof *pd, 0);
    cx_mscore *po = lua_newuserdatauv(L, (np ? np : 1) * sizeof *po, 0);
    for (size_t j = 0; j < np; j++) {
        memcpy(&pd[j * nd], &dims[peers[j] * nd], nd * sizeof *pd);
        po[j] = overall[peers[j]];
    }
    cx_maturity_stat *dim_out = lua_newuserdatauv(L, nd * sizeof *dim_out, 0);
    cx_maturity_stat over;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_maturity_benchmark(&lm->m, pd, po, np, &dims[client_row * nd], &overall[client_row],
                              (size_t)rating_from, level_from, dim_out, &over, &d) != CX_OK)
        return luaL_error(L, "benchmark: %s", d.message);

    lua_createtable(L, 0, 6);
    lua_pushstring(L, lm->m.name);
    lua_setfield(L, -2, "model");
    lua_pushstring(L, client);
    lua_setfield(L, -2, "client");
    lua_pushinteger(L, (lua_Integer)np);
    lua_setfield(L, -2, "peers");
    lua_createtable(L, (int)nd, 0);
    for (size_t k = 0; k < nd; k++) {
        push_stat(L, &dim_out[k], lm->m.ratings, lm->m.nratings, "rating", "good_share");
        lua_pushstring(L, lm->m.dims[k].id);
        lua_setfield(L, -2, "id");
        lua_pushstring(L, lm->m.dims[k].name);
        lua_setfield(L, -2, "name");
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "dimensions");
    push_stat(L, &over, lm->m.levels, lm->m.nlevels, "level", "top_share");
    lua_setfield(L, -2, "overall");
    return 1;
}

/* ------------------------------------------------------------- accounts */

static int ds_accounts(lua_State *L)
{
    static const char *const role_names[CX_NROLES] = {"decision maker", "influencer",
                                                      "end user", "economic buyer"};
    static const char *const role_keys[CX_NROLES] = {"decision_maker", "influencer",
                                                     "end_user", "economic_buyer"};
    cx_lua_dataset *ds = cx_lua_check_dataset(L, 1);
    const cx_table *t = ds->table;
    if (lua_isnoneornil(L, 2))
        lua_newtable(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    lua_getfield(L, 2, "account");
    size_t acol = cx_lua_field(L, ds, luaL_optstring(L, -1, "account"));
    lua_getfield(L, 2, "role");
    size_t rcol = cx_lua_field(L, ds, luaL_optstring(L, -1, "role"));
    lua_getfield(L, 2, "field");
    const char *field = luaL_optstring(L, -1, "recommend");
    const cx_column *x = &t->cols[cx_lua_field(L, ds, field)];
    if (x->storage != CX_STORE_NUMBER)
        return luaL_error(L, "accounts: field '%s' must be a 0..10 scale", field);
    cx_accounts_opts ao = CX_ACCOUNTS_DEFAULT;
    lua_getfield(L, 2, "threshold");
    ao.disagree_threshold = luaL_optnumber(L, -1, ao.disagree_threshold);
    lua_getfield(L, 2, "min_role_n");
    lua_Integer mrn = luaL_optinteger(L, -1, 1);
    if (mrn < 1)
        return luaL_error(L, "accounts: min_role_n must be at least 1");
    ao.min_role_n = (size_t)mrn;
    const double *w = NULL;
    if (lua_getfield(L, 2, "weight") == LUA_TSTRING)
        w = t->cols[cx_lua_field(L, ds, lua_tostring(L, -1))].num;
    if (t->cols[rcol].storage != CX_STORE_CODE)
        return luaL_error(L, "accounts: role field must hold text");

    cx_grouping *g = lua_newuserdatauv(L, sizeof *g, 0);
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_table_group(t, &acol, 1, g, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    size_t na = g->ngroups, n = t->nrows;
    int32_t *role = lua_newuserdatauv(L, (n ? n : 1) * sizeof *role, 0);
    const cx_column *rc = &t->cols[rcol];
    for (size_t i = 0; i < n; i++) {
        role[i] = -1;
        const char *r = rc->code[i] < 0 ? NULL : cx_dict_string(rc->dict, rc->code[i]);
        for (int k = 0; r && k < CX_NROLES; k++)
            if (strcmp(r, role_names[k]) == 0)
                role[i] = k;
    }
    cx_account *acc = lua_newuserdatauv(L, (na ? na : 1) * sizeof *acc, 0);
    cx_status st = cx_accounts_compute(x->num, w, g->group, role, n, na, &ao, acc, &d);
    if (st != CX_OK) {
        cx_grouping_free(g);
        return luaL_error(L, "accounts: %s", d.message);
    }
    cx_lua_dataset *res = cx_lua_new_result(L, ds->name);
    cx_table *out = cx_grouping_keys(t, g, &d);
    cx_grouping_free(g);
    cx_lua_set_result(L, res, out, &d);
    double *v = lua_newuserdatauv(L, (na ? na : 1) * sizeof *v, 0);
    const char **s = lua_newuserdatauv(L, (na ? na : 1) * sizeof *s, 0);
    int added = 0;
#define ADD_NUM(name, type, expr)                                               \
    do {                                                                        \
        for (size_t a = 0; a < na; a++)                                         \
            v[a] = (expr);                                                      \
        if (cx_table_add_numbers(out, (name), (type), v, &d) != CX_OK)          \
            return cx_lua_raise_diag(L, &d);                                    \
        added++;                                                                \
    } while (0)
    ADD_NUM("n", CX_Q_NUMBER, (double)acc[a].all.n);
    ADD_NUM("nps", CX_Q_NUMBER, acc[a].all.defined ? acc[a].all.score : NAN);
    for (int r = 0; r < CX_NROLES; r++) {
        const char *nk = lua_pushfstring(L, "%s_n", role_keys[r]);
        ADD_NUM(nk, CX_Q_NUMBER, (double)acc[a].role[r].n);
        const char *pk = lua_pushfstring(L, "%s_nps", role_keys[r]);
        ADD_NUM(pk, CX_Q_NUMBER, acc[a].role[r].defined ? acc[a].role[r].score : NAN);
        lua_pop(L, 2);
    }
    ADD_NUM("roles_heard", CX_Q_NUMBER, (double)(CX_NROLES - acc[a].roles_missing));
    ADD_NUM("disagree", CX_Q_BOOLEAN, acc[a].disagree ? 1.0 : 0.0);
    ADD_NUM("spread", CX_Q_NUMBER, acc[a].spread);
#undef ADD_NUM
    (void)added;
    /* missing roles as text, "end user; economic buyer", nil when all heard */
    luaL_Buffer b;
    lua_newtable(L);            /* anchors the texts */
    int keep = lua_gettop(L);
    for (size_t a = 0; a < na; a++) {
        luaL_buffinit(L, &b);
        int any = 0;
        for (int r = 0; r < CX_NROLES; r++) {
            if (!acc[a].heard[r]) {
                if (any++)
                    luaL_addstring(&b, "; ");
                luaL_addstring(&b, role_names[r]);
            }
        }
        luaL_pushresult(&b);
        s[a] = any ? lua_tostring(L, -1) : NULL;
        lua_rawseti(L, keep, (lua_Integer)a + 1);
    }
    if (cx_table_add_texts(out, "missing_roles", s, &d) != CX_OK)
        return cx_lua_raise_diag(L, &d);
    lua_pop(L, 3);      /* keep, s, v */
    return 1;
}

void cx_lua_open_maturity(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"score", ds_score}, {"benchmark", ds_benchmark}, {"accounts", ds_accounts},
        {NULL, NULL},
    };
    lua_getfield(L, LUA_REGISTRYINDEX, "cx.dataset.methods");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 1);
}
