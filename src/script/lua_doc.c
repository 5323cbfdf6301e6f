/*
 * lua_doc.c — the document functions a report script calls.
 *
 *   report { title = …, subtitle = …, author = …, date = …, subject = …, keywords = … }
 *   heading(level, text)   h1(text)  h2(text)  h3(text)
 *   paragraph(text)        -- inline **bold** and *italic*
 *   bullets { … }          numbered { … }
 *   tabulate { header = {…}, rows = {{…}, …}, align = {"left", "right", …} }
 *   pagebreak()            contents()
 *
 * Arguments are checked before anything is allocated on the C side, and
 * every adder records the script line it was called from, so layout
 * problems can point back at the script.
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

static cx_doc *doc_of(lua_State *L)
{
    return cx_lua_ctx_of(L)->env->doc;
}

/* Raises the diag as a Lua error at the caller's line. */
static int raise_diag(lua_State *L, const cx_diag *d)
{
    return luaL_error(L, "%s", d->message);
}

static void mark_source(lua_State *L)
{
    const char *file;
    long line;
    cx_lua_where(L, 1, &file, &line);
    cx_doc_set_source(doc_of(L), file, line);
}

/* A cell or item: strings as they are, numbers in their shortest form. */
static const char *text_arg(lua_State *L, int idx, const char *what)
{
    int t = lua_type(L, idx);
    if (t == LUA_TSTRING)
        return lua_tostring(L, idx);
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, idx)) {
            lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, idx));
        } else {
            double x = lua_tonumber(L, idx);
            char buf[40];
            if (x != x)
                return (void)luaL_error(L, "%s: NaN cannot be printed (use a formatter "
                                           "that says what a missing value is)", what), "";
            lua_pushstring(L, cx_format_double(x, buf, sizeof buf));
        }
        lua_replace(L, idx);
        return lua_tostring(L, idx);
    }
    luaL_error(L, "%s: expected a string or number, got %s", what, luaL_typename(L, idx));
    return "";
}

static int l_report(lua_State *L)
{
    static const char *const keys[] = {"title", "subtitle", "author", "date",
                                       "subject", "keywords", NULL};
    luaL_checktype(L, 1, LUA_TTABLE);
    /* reject unknown keys, in sorted order so the message is stable */
    cx_lua_sorted_keys(L, 1);
    int sorted = lua_gettop(L);
    for (lua_Integer i = 1; lua_rawgeti(L, sorted, i) != LUA_TNIL; i++) {
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int known = 0;
        for (int j = 0; k && keys[j]; j++)
            known |= strcmp(k, keys[j]) == 0;
        if (!known)
            return luaL_error(L, "report: unknown field '%s' (expected title, subtitle, "
                                 "author, date, subject or keywords)",
                              k ? k : luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    for (int j = 0; keys[j]; j++) {
        if (lua_getfield(L, 1, keys[j]) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "report: field '%s' must be a string, got %s", keys[j],
                              luaL_typename(L, -1));
        cx_diag d;
        cx_diag_clear(&d);
        if (cx_doc_set_meta(doc_of(L), keys[j], lua_tostring(L, -1), &d) != CX_OK)
            return raise_diag(L, &d);
        lua_pop(L, 1);
    }
    return 0;
}

static int add_heading(lua_State *L, int level, int text_idx)
{
    const char *text = text_arg(L, text_idx, "heading");
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_heading(doc_of(L), level, text, &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

static int l_heading(lua_State *L)
{
    lua_Integer level = luaL_checkinteger(L, 1);
    if (level < 1 || level > 3)
        return luaL_error(L, "heading: level must be 1, 2 or 3, got %I", (LUAI_UACINT)level);
    return add_heading(L, (int)level, 2);
}

static int l_h1(lua_State *L) { return add_heading(L, 1, 1); }
static int l_h2(lua_State *L) { return add_heading(L, 2, 1); }
static int l_h3(lua_State *L) { return add_heading(L, 3, 1); }

static int l_paragraph(lua_State *L)
{
    const char *text = text_arg(L, 1, "paragraph");
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_paragraph(doc_of(L), text, &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

/* Collects the array part of the table at idx as strings.  The pointer
 * array is a userdata (pushed, with the converted strings anchored in its
 * user value), so nothing leaks if a later check raises an error. */
static const char **string_array(lua_State *L, int idx, const char *what, size_t *count)
{
    idx = lua_absindex(L, idx);
    luaL_checktype(L, idx, LUA_TTABLE);
    size_t n = (size_t)lua_rawlen(L, idx);
    const char **items = lua_newuserdatauv(L, (n ? n : 1) * sizeof *items, 1);
    lua_createtable(L, (int)(n < 1000000 ? n : 0), 0);
    int keep = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushliteral(L, "");
        }
        char label[64];
        snprintf(label, sizeof label, "%s item %zu", what, i + 1);
        items[i] = text_arg(L, lua_gettop(L), label);
        lua_rawseti(L, keep, (lua_Integer)i + 1);
    }
    lua_setiuservalue(L, keep - 1, 1);
    *count = n;
    return items;
}

static int add_list(lua_State *L, bool numbered)
{
    const char *what = numbered ? "numbered" : "bullets";
    size_t n;
    const char **items = string_array(L, 1, what, &n);
    if (n == 0)
        return luaL_error(L, "%s: the list is empty", what);
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_list(doc_of(L), numbered, items, n, &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

static int l_bullets(lua_State *L) { return add_list(L, false); }
static int l_numbered(lua_State *L) { return add_list(L, true); }

static int l_tabulate(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    cx_lua_sorted_keys(L, 1);
    for (lua_Integer i = 1; lua_rawgeti(L, 2, i) != LUA_TNIL; i++) {
        const char *k = lua_tostring(L, -1);
        if (!k || (strcmp(k, "header") && strcmp(k, "rows") && strcmp(k, "align")))
            return luaL_error(L, "tabulate: unknown field '%s' (expected header, rows, align)",
                              k ? k : luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 2);

    if (lua_getfield(L, 1, "header") != LUA_TTABLE)
        return luaL_error(L, "tabulate: 'header' must be a list of column titles");
    size_t ncols;
    const char **header = string_array(L, 2, "tabulate header", &ncols);
    if (ncols == 0)
        return luaL_error(L, "tabulate: 'header' is empty");
    lua_pushnil(L);     /* stack: 1 spec, 2 header list, 3 header strings, 4 spare */

    cx_align *align = lua_newuserdatauv(L, ncols * sizeof *align, 0);   /* 5 */
    for (size_t c = 0; c < ncols; c++)
        align[c] = CX_ALIGN_LEFT;
    if (lua_getfield(L, 1, "align") != LUA_TNIL) {                     /* 6 */
        static const char *const names[] = {"left", "center", "right", NULL};
        luaL_checktype(L, 6, LUA_TTABLE);
        if ((size_t)lua_rawlen(L, 6) != ncols)
            return luaL_error(L, "tabulate: 'align' has %d entries for %d columns",
                              (int)lua_rawlen(L, 6), (int)ncols);
        for (size_t c = 0; c < ncols; c++) {
            lua_rawgeti(L, 6, (lua_Integer)c + 1);
            const char *a = lua_tostring(L, -1);
            int k = -1;
            for (int j = 0; a && names[j]; j++)
                if (strcmp(a, names[j]) == 0)
                    k = j;
            if (k < 0)
                return luaL_error(L, "tabulate: align[%d] must be \"left\", \"center\" or "
                                     "\"right\"", (int)c + 1);
            align[c] = (cx_align)k;
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);

    if (lua_getfield(L, 1, "rows") != LUA_TTABLE)                      /* 6 */
        return luaL_error(L, "tabulate: 'rows' must be a list of rows");
    size_t nrows = (size_t)lua_rawlen(L, 6);
    if (nrows > ((size_t)1 << 24) / ncols)
        return luaL_error(L, "tabulate: too many cells");
    const char **cells = lua_newuserdatauv(L, (nrows > 0 ? nrows * ncols : 1) * sizeof *cells, 0); /* 7 */
    lua_newtable(L);                                                    /* 8: keep */
    lua_Integer kept = 0;
    for (size_t r = 0; r < nrows; r++) {
        if (lua_rawgeti(L, 6, (lua_Integer)r + 1) != LUA_TTABLE)
            return luaL_error(L, "tabulate: row %d must be a list of cells", (int)r + 1);
        int row = lua_gettop(L);
        if ((size_t)lua_rawlen(L, row) > ncols)
            return luaL_error(L, "tabulate: row %d has %d cells for %d columns", (int)r + 1,
                              (int)lua_rawlen(L, row), (int)ncols);
        for (size_t c = 0; c < ncols; c++) {
            lua_rawgeti(L, row, (lua_Integer)c + 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushliteral(L, "");
            }
            char label[64];
            snprintf(label, sizeof label, "tabulate row %zu column %zu", r + 1, c + 1);
            cells[r * ncols + c] = text_arg(L, lua_gettop(L), label);
            lua_rawseti(L, 8, ++kept);
        }
        lua_pop(L, 1);
    }
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_table(doc_of(L), ncols, header, align, nrows, cells, &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

static int l_pagebreak(lua_State *L)
{
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_page_break(doc_of(L), &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

static int l_contents(lua_State *L)
{
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_contents(doc_of(L), &d) != CX_OK)
        return raise_diag(L, &d);
    return 0;
}

void cx_lua_open_doc(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"report", l_report},     {"heading", l_heading},   {"h1", l_h1},
        {"h2", l_h2},             {"h3", l_h3},             {"paragraph", l_paragraph},
        {"bullets", l_bullets},   {"numbered", l_numbered}, {"tabulate", l_tabulate},
        {"pagebreak", l_pagebreak}, {"contents", l_contents}, {NULL, NULL},
    };
    lua_pushglobaltable(L);
    luaL_setfuncs(L, funcs, 0);
    lua_pop(L, 1);
}
