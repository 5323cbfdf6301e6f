/*
 * json_out.c — a Lua value as JSON text, for `cxreport run`.
 *
 * Deterministic by construction: object keys sorted by bytes, numbers in
 * the shortest form that reads back as the same double, integers as
 * integers, nil/NaN/±inf as null.  A table whose keys are exactly 1..n is
 * an array; an empty table is [].  Cycles and keys that are neither
 * strings nor numbers are errors, not silent output.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 200 };

typedef struct jbuf {
    char *s;
    size_t len, cap;
    int failed;
} jbuf;

static void jb_put(jbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->failed = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void jb_str(jbuf *b, const char *s) { jb_put(b, s, strlen(s)); }

static void jb_quoted(jbuf *b, const char *s, size_t n)
{
    jb_put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '"': jb_put(b, "\\\"", 2); break;
        case '\\': jb_put(b, "\\\\", 2); break;
        case '\n': jb_put(b, "\\n", 2); break;
        case '\r': jb_put(b, "\\r", 2); break;
        case '\t': jb_put(b, "\\t", 2); break;
        default:
            if (c < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                jb_put(b, esc, 6);
            } else {
                jb_put(b, (const char *)&s[i], 1);
            }
        }
    }
    jb_put(b, "\"", 1);
}

static const char *emit(lua_State *L, int idx, jbuf *b, int depth, int indent);

static void newline(jbuf *b, int indent)
{
    jb_put(b, "\n", 1);
    for (int i = 0; i < indent; i++)
        jb_put(b, "  ", 2);
}

static const char *emit_table(lua_State *L, int idx, jbuf *b, int depth, int indent)
{
    /* each level holds a few stack slots (the seen set, the keys, a
     * value): C functions get only LUA_MINSTACK unless they ask */
    if (!lua_checkstack(L, 8))
        return "the value is nested too deeply";
    /* cycle check: the registry table "cx.json.seen" marks tables on the path */
    lua_getfield(L, LUA_REGISTRYINDEX, "cx.json.seen");
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) != LUA_TNIL) {
        lua_pop(L, 2);
        return "the value contains a cycle";
    }
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    int seen = lua_gettop(L);

    cx_lua_sorted_keys(L, idx);
    int keys = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, keys);
    int is_array = 1;
    for (lua_Integer i = 1; i <= n && is_array; i++) {
        lua_rawgeti(L, keys, i);
        is_array = lua_isinteger(L, -1) && lua_tointeger(L, -1) == i;
        lua_pop(L, 1);
    }
    const char *err = NULL;
    if (n == 0) {
        jb_str(b, "[]");
    } else if (is_array) {
        jb_put(b, "[", 1);
        for (lua_Integer i = 1; i <= n && !err; i++) {
            if (i > 1)
                jb_put(b, ",", 1);
            newline(b, indent + 1);
            lua_rawgeti(L, idx, i);
            err = emit(L, lua_gettop(L), b, depth + 1, indent + 1);
            lua_pop(L, 1);
        }
        newline(b, indent);
        jb_put(b, "]", 1);
    } else {
        jb_put(b, "{", 1);
        for (lua_Integer i = 1; i <= n && !err; i++) {
            lua_rawgeti(L, keys, i);
            int k = lua_gettop(L);
            if (i > 1)
                jb_put(b, ",", 1);
            newline(b, indent + 1);
            if (lua_type(L, k) == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, k, &len);
                jb_quoted(b, s, len);
            } else if (lua_type(L, k) == LUA_TNUMBER) {
                lua_pushvalue(L, k);
                size_t len;
                const char *s = lua_tolstring(L, -1, &len);
                jb_quoted(b, s, len);
                lua_pop(L, 1);
            } else {
                err = "a table key is neither a string nor a number";
                lua_pop(L, 1);
                break;
            }
            jb_put(b, ": ", 2);
            lua_pushvalue(L, k);
            lua_rawget(L, idx);
            err = emit(L, lua_gettop(L), b, depth + 1, indent + 1);
            lua_pop(L, 2);
        }
        newline(b, indent);
        jb_put(b, "}", 1);
    }
    lua_pop(L, 1);          /* keys */
    lua_pushvalue(L, idx);
    lua_pushnil(L);
    lua_rawset(L, seen);
    lua_pop(L, 1);          /* seen */
    return err;
}

static const char *emit(lua_State *L, int idx, jbuf *b, int depth, int indent)
{
    if (depth > MAX_DEPTH)
        return "the value is nested too deeply";
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        jb_str(b, "null");
        return NULL;
    case LUA_TBOOLEAN:
        jb_str(b, lua_toboolean(L, idx) ? "true" : "false");
        return NULL;
    case LUA_TNUMBER: {
        char buf[48];
        if (lua_isinteger(L, idx)) {
            snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
        } else {
            double x = lua_tonumber(L, idx);
            if (!isfinite(x))
                snprintf(buf, sizeof buf, "null");
            else
                cx_format_double(x, buf, sizeof buf);
        }
        jb_str(b, buf);
        return NULL;
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (!cx_utf8_valid(s, len, NULL))
            return "a string is not valid UTF-8";
        jb_quoted(b, s, len);
        return NULL;
    }
    case LUA_TTABLE:
    case LUA_TUSERDATA:
        /* a value with __tojson (datasets) prints what that returns */
        if (luaL_getmetafield(L, idx, "__tojson") != LUA_TNIL) {
            lua_pushvalue(L, idx);
            lua_call(L, 1, 1);
            const char *err = emit(L, lua_gettop(L), b, depth + 1, indent);
            lua_pop(L, 1);
            return err;
        }
        if (lua_type(L, idx) == LUA_TTABLE)
            return emit_table(L, idx, b, depth, indent);
        /* fallthrough */
    default:
        return "a function, thread or userdata cannot be printed as JSON";
    }
}

static int jbuf_gc(lua_State *L)
{
    jbuf *b = lua_touserdata(L, 1);
    free(b->s);
    b->s = NULL;
    return 0;
}

/* Runs under the script's protection and may raise (memory, __tojson):
 * the text buffer is owned by a userdata with __gc, so a raised error
 * cannot leak it. */
char *cx_lua_to_json(lua_State *L, int idx, const char **err)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "cx.json.seen");
    jbuf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    if (luaL_newmetatable(L, "cx.jbuf")) {
        lua_pushcfunction(L, jbuf_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    *err = emit(L, idx, b, 0, 0);
    jb_put(b, "\n", 1);
    if (!*err && b->failed)
        *err = "out of memory";
    char *text = NULL;
    if (!*err) {
        text = b->s;
        b->s = NULL;
    }
    lua_pop(L, 1);
    return text;
}
