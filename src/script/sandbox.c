/*
 * sandbox.c — the Lua environment a report script runs in.
 *
 * Built up from nothing, as Redis does: only base, string, table, math and
 * utf8 are opened, and what those offer beyond pure computation is removed
 * or replaced.  The replacements also make a run deterministic, because
 * Debian's Lua seeds its string hash from time and addresses:
 *   - pairs/next iterate in sorted key order, never hash order;
 *   - tostring, print and string.format never show an address;
 *   - math.random starts from a fixed seed, and randomseed() without an
 *     argument re-seeds with that fixed seed instead of the clock;
 *   - load accepts text only; dofile, loadfile and string.dump are gone;
 *   - require finds modules only in the script's folder and the shipped
 *     lua/ folder, by dotted name, after resolving symlinks.
 * Reading an undefined global is an error, which catches typos early.
 *
 * This file must never open io, os, debug, package or coroutine, and never
 * hand a script a pointer (no light userdata).
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_MODULE_BYTES = 16 << 20, RANDOM_SEED = 20160615 };

/* ---------------------------------------------------------------- order */

typedef struct sort_key {
    int cls;            /* 0 number, 1 string, 2 boolean, 3 other */
    int is_int;
    lua_Integer i;
    lua_Number n;
    const char *s;
    size_t len;
    int b;
    lua_Integer pos;    /* index into the key array (ties of class 3) */
} sort_key;

static void sort_key_of(lua_State *L, int idx, sort_key *k)
{
    memset(k, 0, sizeof *k);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        k->cls = 0;
        k->is_int = lua_isinteger(L, idx);
        if (k->is_int)
            k->i = lua_tointeger(L, idx);
        k->n = lua_tonumber(L, idx);
        break;
    case LUA_TSTRING:
        k->cls = 1;
        k->s = lua_tolstring(L, idx, &k->len);
        break;
    case LUA_TBOOLEAN:
        k->cls = 2;
        k->b = lua_toboolean(L, idx);
        break;
    default:
        k->cls = 3;
        break;
    }
}

static int sort_key_cmp(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    switch (a->cls) {
    case 0:
        if (a->is_int && b->is_int)
            return (a->i > b->i) - (a->i < b->i);
        return (a->n > b->n) - (a->n < b->n);
    case 1: {
        size_t n = a->len < b->len ? a->len : b->len;
        int c = memcmp(a->s, b->s, n);
        if (c)
            return c < 0 ? -1 : 1;
        return (a->len > b->len) - (a->len < b->len);
    }
    case 2:
        return a->b - b->b;
    default:
        return (a->pos > b->pos) - (a->pos < b->pos);
    }
}

void cx_lua_sorted_keys(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);                        /* keys, in hash order */
    int keys = lua_gettop(L);
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, ++n);
    }
    /* The descriptors live in a userdata, so a memory error raised while
     * building the result cannot leak them. */
    sort_key *ks = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *ks, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, keys, i);
        sort_key_of(L, -1, &ks[i - 1]);     /* strings stay anchored in keys */
        ks[i - 1].pos = i;
        lua_pop(L, 1);
    }
    qsort(ks, (size_t)n, sizeof *ks, sort_key_cmp);
    lua_createtable(L, (int)(n < INT_MAX ? n : 0), 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, keys, ks[i - 1].pos);
        lua_rawseti(L, -2, i);
    }
    lua_replace(L, keys);
    lua_pop(L, 1);                          /* the descriptors */
}

/* Iterator of pairs(): upvalue 1 = sorted keys, upvalue 2 = position. */
static int sorted_iter(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
    for (;; i++) {
        if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
            return 0;
        lua_pushvalue(L, -1);
        if (lua_gettable(L, 1) != LUA_TNIL) {   /* skip keys removed meanwhile */
            lua_pushinteger(L, i);
            lua_replace(L, lua_upvalueindex(2));
            return 2;
        }
        lua_pop(L, 2);
    }
}

static int sb_pairs(lua_State *L)
{
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    cx_lua_sorted_keys(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, sorted_iter, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* next(t, k): the smallest key greater than k in the pairs() order.  O(n)
 * per call; pairs() is the fast way to walk a table. */
static int sb_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    sort_key after, best, cur;
    int have_after = !lua_isnil(L, 2);
    if (have_after) {
        sort_key_of(L, 2, &after);
        if (after.cls == 3)
            return luaL_error(L, "next: keys of this type have no stable order; use pairs");
    }
    int have_best = 0;
    lua_pushnil(L);                                 /* best key, at 3 */
    lua_pushnil(L);                                 /* iteration key, at 4 */
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        sort_key_of(L, 4, &cur);
        cur.pos = 0;
        if (cur.cls == 3)
            continue;
        if (have_after && sort_key_cmp(&cur, &after) <= 0)
            continue;
        if (!have_best || sort_key_cmp(&cur, &best) < 0) {
            lua_pushvalue(L, 4);
            lua_replace(L, 3);
            sort_key_of(L, 3, &best);
            have_best = 1;
        }
    }
    if (!have_best) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushvalue(L, 3);
    lua_pushvalue(L, 3);
    lua_gettable(L, 1);
    return 2;
}

/* -------------------------------------------------------------- tostring */

const char *cx_lua_tostring(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (luaL_callmeta(L, idx, "__tostring")) {
        if (!lua_isstring(L, -1))
            luaL_error(L, "'__tostring' must return a string");
        return lua_tostring(L, -1);
    }
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
    case LUA_TBOOLEAN:
    case LUA_TNIL:
        return luaL_tolstring(L, idx, NULL);
    default: {
        int t = luaL_getmetafield(L, idx, "__name");
        if (t == LUA_TSTRING)
            return lua_tostring(L, -1);
        if (t != LUA_TNIL)
            lua_pop(L, 1);
        lua_pushstring(L, luaL_typename(L, idx));
        return lua_tostring(L, -1);
    }
    }
}

static int sb_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_settop(L, 1);
    cx_lua_tostring(L, 1);
    return 1;
}

static int sb_print(lua_State *L)
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    FILE *out = ctx->env->print_to_stdout ? stdout : stderr;
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, '\t');
        cx_lua_tostring(L, i);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    fwrite(s, 1, len, out);
    return 0;
}

/* string.format without %p, and with address-free %s of tables. */
static int sb_format(lua_State *L)
{
    const char *fmt = luaL_checkstring(L, 1);
    for (const char *p = fmt; (p = strchr(p, '%')); p++) {
        p++;
        if (*p == '%')
            continue;
        while (*p && strchr("-+ #0123456789.", *p))
            p++;
        if (*p == 'p')
            return luaL_error(L, "string.format: '%%p' is not available in report scripts");
        if (!*p)
            break;
    }
    int n = lua_gettop(L);
    for (int i = 2; i <= n; i++) {
        int t = lua_type(L, i);
        if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD) {
            cx_lua_tostring(L, i);
            lua_replace(L, i);
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

static int sb_randomseed(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    if (n == 0)
        lua_pushinteger(L, RANDOM_SEED);
    else
        lua_pushvalue(L, 1);
    if (n >= 2)
        lua_pushvalue(L, 2);
    lua_call(L, n >= 2 ? 2 : 1, 0);
    return 0;
}

static int sb_collectgarbage(lua_State *L)
{
    static const char *const allowed[] = {"collect", "count", "step", NULL};
    int opt = luaL_checkoption(L, 1, "collect", allowed);
    switch (opt) {
    case 0:
        lua_gc(L, LUA_GCCOLLECT);
        lua_pushinteger(L, 0);
        return 1;
    case 1: {
        int k = lua_gc(L, LUA_GCCOUNT), b = lua_gc(L, LUA_GCCOUNTB);
        lua_pushnumber(L, (lua_Number)k + ((lua_Number)b / 1024));
        return 1;
    }
    default:
        lua_pushboolean(L, lua_gc(L, LUA_GCSTEP, (int)luaL_optinteger(L, 2, 0)));
        return 1;
    }
}

/* load(chunk [, chunkname [, mode [, env]]]) — text chunks only. */
static int sb_load(lua_State *L)
{
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load: only text chunks may be loaded (mode \"t\")");
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    if (!s)
        return luaL_error(L, "load: expected a string chunk");
    const char *name = luaL_optstring(L, 2, "=(load)");
    int env = !lua_isnone(L, 4) ? 4 : 0;
    int status = luaL_loadbufferx(L, s, len, name, "t");
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env) {
        lua_pushvalue(L, env);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

/* setmetatable without __gc: Lua runs finalizers with debug hooks turned
 * off, so a finalizer would escape the instruction budget (an endless
 * __gc loop would hang the build, even at lua_close). */
static int sb_setmetatable(lua_State *L)
{
    if (lua_istable(L, 2) && lua_getfield(L, 2, "__gc") != LUA_TNIL)
        return luaL_error(L, "setmetatable: __gc metamethods are not available in report scripts");
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int sb_undefined_global(lua_State *L)
{
    const char *name = lua_tostring(L, 2);
    return luaL_error(L, "undefined global '%s'", name ? name : "?");
}

/* ---------------------------------------------------------------- require */

static const char loading_mark;

static int module_name_ok(const char *s)
{
    size_t seg = 0, len = 0;
    for (; *s; s++, len++) {
        if (*s == '.') {
            if (!seg)
                return 0;
            seg = 0;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
                   (seg && *s >= '0' && *s <= '9')) {
            seg++;
        } else {
            return 0;
        }
    }
    return seg > 0 && len <= 200;
}

/* Is path (already resolved) inside dir (resolved)? */
int cx_lua_path_inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

static int sb_require(lua_State *L)
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    const char *name = luaL_checkstring(L, 1);
    if (!module_name_ok(name))
        return luaL_error(L, "require: invalid module name '%s' (expected a dotted name "
                             "such as models.cx_competencies)", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "cx.loaded");
    int loaded = lua_gettop(L);
    if (lua_getfield(L, loaded, name) != LUA_TNIL) {
        if (lua_islightuserdata(L, -1))
            return luaL_error(L, "require: module '%s' requires itself (a cycle)", name);
        return 1;
    }
    lua_pop(L, 1);

    char rel[256];
    size_t i = 0;
    for (const char *p = name; *p && i < sizeof rel - 5; p++)
        rel[i++] = *p == '.' ? '/' : *p;
    memcpy(rel + i, ".lua", 5);

    const char *dirs[2] = {ctx->script_dir, ctx->lua_dir};
    const char *shown[2] = {ctx->script_dir_shown, ctx->lua_dir};
    char candidate[PATH_MAX + 300], real[PATH_MAX], display[PATH_MAX + 300];
    int found = -1;
    for (int d = 0; d < 2 && found < 0; d++) {
        if (!dirs[d][0])
            continue;
        snprintf(candidate, sizeof candidate, "%s/%s", dirs[d], rel);
        if (!realpath(candidate, real))
            continue;
        if (!cx_lua_path_inside(real, dirs[d]))
            return luaL_error(L, "require: module '%s' resolves outside %s (symbolic links may "
                                 "not leave the module folders)", name, shown[d]);
        found = d;
        if (strcmp(shown[d], ".") == 0)
            snprintf(display, sizeof display, "%s", rel);
        else
            snprintf(display, sizeof display, "%s/%s", shown[d], rel);
    }
    if (found < 0)
        return luaL_error(L, "require: module '%s' not found (looked for %s in the script's "
                             "folder and in the shipped lua/ folder)", name, rel);

    size_t len;
    const char *err;
    char *text = cx_lua_read_file(real, MAX_MODULE_BYTES, &len, &err);
    if (!text)
        return luaL_error(L, "require: cannot read %s: %s", display, err);
    if (!cx_strlist_add(&ctx->env->files_read, real)) {
        free(text);
        return luaL_error(L, "not enough memory");
    }
    lua_pushfstring(L, "@%s", display);
    int status = luaL_loadbufferx(L, text, len, lua_tostring(L, -1), "t");
    free(text);
    if (status != LUA_OK)
        return lua_error(L);
    lua_pushlightuserdata(L, (void *)&loading_mark);    /* never reaches scripts */
    lua_setfield(L, loaded, name);
    lua_pushstring(L, name);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, loaded, name);
    return 1;
}

/* --------------------------------------------------------------- opening */

static void remove_field(lua_State *L, int table, const char *name)
{
    table = lua_absindex(L, table);
    lua_pushnil(L);
    lua_setfield(L, table, name);
}

void cx_sandbox_open(lua_State *L)
{
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},     {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL},
    };
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    remove_field(L, g, "dofile");
    remove_field(L, g, "loadfile");

    static const luaL_Reg replaced[] = {
        {"pairs", sb_pairs},   {"next", sb_next},
        {"tostring", sb_tostring}, {"print", sb_print},
        {"collectgarbage", sb_collectgarbage}, {"load", sb_load},
        {"require", sb_require}, {NULL, NULL},
    };
    luaL_setfuncs(L, replaced, 0);

    lua_getfield(L, g, "setmetatable");
    lua_pushcclosure(L, sb_setmetatable, 1);
    lua_setfield(L, g, "setmetatable");

    /* The string metatable is shared by every string: hide it, so a
     * script cannot change what "abc":upper() means for the bindings. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);

    lua_getfield(L, g, LUA_STRLIBNAME);
    remove_field(L, -1, "dump");
    lua_getfield(L, -1, "format");
    lua_pushcclosure(L, sb_format, 1);
    lua_setfield(L, -2, "format");
    lua_pop(L, 1);

    lua_getfield(L, g, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushvalue(L, -1);
    lua_pushinteger(L, RANDOM_SEED);
    lua_call(L, 1, 0);
    lua_pushcclosure(L, sb_randomseed, 1);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);

    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "cx.loaded");

    lua_pop(L, 1);  /* _G */
}

/* Called last, after the bindings defined their globals. */
void cx_sandbox_seal(lua_State *L);
void cx_sandbox_seal(lua_State *L)
{
    lua_pushglobaltable(L);
    lua_newtable(L);
    lua_pushcfunction(L, sb_undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);              /* getmetatable(_G) is false; it cannot be replaced */
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
}
