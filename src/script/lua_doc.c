/*
 * lua_doc.c — the document functions a report script calls.
 *
 *   report { title = …, subtitle = …, author = …, date = …, subject = …, keywords = … }
 *   heading(level, text)   h1(text)  h2(text)  h3(text)
 *   paragraph(text)        -- inline **bold**, *italic*, links, {ref:…}, ^[notes]
 *   paragraph { text = …, align = "left" | "justify" }
 *   keyfigures { { value =, label =, change =, change_label =, good =, decimals = }, … }
 *   callout { title =, text = }   quote { text =, source = }   notes()
 *   bullets { … }          numbered { … }
 *   tabulate { header = {…}, rows = {{…}, …}, align = {"left", "right", …},
 *              caption = …, label = … }
 *   pagebreak()            contents()
 *
 * Arguments are checked before anything is allocated on the C side, and
 * every adder records the script line it was called from, so layout
 * problems can point back at the script.  The document lives outside the
 * Lua heap but under the same --max-memory limit: every adder checks it
 * before and after it adds (cx_lua_doc_charge).
 */
#include "script_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/brand.h"

#ifndef CX_TEMPLATES_DIR
#define CX_TEMPLATES_DIR "templates"
#endif

static cx_doc *doc_of(lua_State *L)
{
    return cx_lua_ctx_of(L)->env->doc;
}

/* Raises the diag as a Lua error at the caller's line. */
static int raise_diag(lua_State *L, const cx_diag *d)
{
    return luaL_error(L, "%s", d->message);
}

/* Every adder calls it first: the place for the block, and the check
 * that the document is still within the memory limit. */
static void mark_source(lua_State *L)
{
    cx_lua_doc_charge(L);
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

const char *cx_lua_unknown_key(lua_State *L, int idx, const char *const *keys, bool *named)
{
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L);
    cx_lua_sorted_keys(L, idx);
    int sorted = lua_gettop(L);
    const char *unknown = NULL;
    for (lua_Integer i = 1; !unknown && lua_rawgeti(L, sorted, i) != LUA_TNIL; i++) {
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool known = false;
        for (int j = 0; k && keys[j]; j++)
            known |= strcmp(k, keys[j]) == 0;
        if (!known) {
            *named = k != NULL;
            unknown = k ? k : luaL_typename(L, -1);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    return unknown;
}

/* Rejects the keys of the table at idx that are not in keys. */
static void check_fields(lua_State *L, int idx, const char *const *keys, const char *what,
                         const char *expected)
{
    bool named;
    const char *k = cx_lua_unknown_key(L, idx, keys, &named);
    if (k)
        luaL_error(L, "%s: unknown field '%s' (expected %s)", what, k, expected);
}

/* t[key] (raw) as a string, or NULL when absent; the string stays
 * anchored by the table. */
static const char *opt_field(lua_State *L, int t, const char *key, const char *what)
{
    lua_pushstring(L, key);
    int ty = lua_rawget(L, t);
    const char *s = ty == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (ty != LUA_TNIL && ty != LUA_TSTRING)
        luaL_error(L, "%s: '%s' must be a string, got %s", what, key, luaL_typename(L, -1));
    lua_pop(L, 1);
    return s;
}

/* report { brand = NAME }: the folder of that brand (beside the script in
 * brands/, else in the shipped templates/brands/) is where image{} looks
 * after the script's folder.  --brand DIR overrides the name, so then the
 * name need not exist. */
static bool use_brand(lua_State *L, const char *name)
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    if (!cx_brand_name_ok(name))
        luaL_error(L, "report: brand must be a name of 1 to 64 letters, digits, '-' or '_' "
                      "(a folder in brands/), got '%s'", name);
    if (ctx->env->brand_dir)
        return true;
    char dir[PATH_MAX];
    if (!cx_brand_find(name, ctx->env->script_path, CX_TEMPLATES_DIR, dir, sizeof dir))
        luaL_error(L, "report: no brand called '%s' (looked for brands/%s/brand.lua beside "
                      "the script and among the shipped templates/brands)", name, name);
    if (!realpath(dir, ctx->brand_dir))
        ctx->brand_dir[0] = '\0';
    return true;
}

static int l_report(lua_State *L)
{
    static const char *const keys[] = {"title", "subtitle", "author", "date",
                                       "subject", "keywords", "brand", "prepared_for",
                                       "justify", NULL};
    luaL_checktype(L, 1, LUA_TTABLE);
    cx_lua_doc_charge(L);
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
                                 "author, date, subject, keywords, brand, prepared_for "
                                 "or justify)",
                              k ? k : luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    for (int j = 0; keys[j]; j++) {
        if (lua_getfield(L, 1, keys[j]) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        if (strcmp(keys[j], "justify") == 0) {
            if (lua_type(L, -1) != LUA_TBOOLEAN)
                return luaL_error(L, "report: 'justify' must be true or false, got %s",
                                  luaL_typename(L, -1));
            cx_doc_set_justify(doc_of(L), lua_toboolean(L, -1));
            lua_pop(L, 1);
            continue;
        }
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "report: field '%s' must be a string, got %s", keys[j],
                              luaL_typename(L, -1));
        if (strcmp(keys[j], "brand") == 0 && !use_brand(L, lua_tostring(L, -1)))
            return 0;   /* not reached: use_brand raised */
        cx_diag d;
        cx_diag_clear(&d);
        if (cx_doc_set_meta(doc_of(L), keys[j], lua_tostring(L, -1), &d) != CX_OK)
            return raise_diag(L, &d);
        lua_pop(L, 1);
    }
    cx_lua_doc_charge(L);       /* the metadata is copied into the document too */
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
    cx_lua_doc_charge(L);
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

/* paragraph "text" or paragraph { text = "…", align = "left" | "justify" } */
static int l_paragraph(lua_State *L)
{
    cx_par_align align = CX_PAR_DEFAULT;
    if (lua_type(L, 1) == LUA_TTABLE) {
        static const char *const keys[] = { "align", "text", NULL };
        lua_settop(L, 1);
        check_fields(L, 1, keys, "paragraph", "text, align");
        const char *a = opt_field(L, 1, "align", "paragraph");
        if (a && strcmp(a, "left") && strcmp(a, "justify"))
            return luaL_error(L, "paragraph: align must be \"left\" or \"justify\", got '%s'",
                              a);
        align = !a ? CX_PAR_DEFAULT : a[0] == 'l' ? CX_PAR_LEFT : CX_PAR_JUSTIFY;
        if (lua_getfield(L, 1, "text") == LUA_TNIL)
            return luaL_error(L, "paragraph: 'text' is missing");
        lua_replace(L, 1);
    }
    const char *text = text_arg(L, 1, "paragraph");
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_paragraph_aligned(doc_of(L), text, align, &d) != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
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
    cx_lua_doc_charge(L);
    return 0;
}

static int l_bullets(lua_State *L) { return add_list(L, false); }
static int l_numbered(lua_State *L) { return add_list(L, true); }

static int l_tabulate(lua_State *L)
{
    static const char *const keys[] = { "align", "caption", "header", "label", "rows", NULL };
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    check_fields(L, 1, keys, "tabulate", "header, rows, align, caption, label");
    const char *caption = opt_field(L, 1, "caption", "tabulate");
    const char *ref_label = opt_field(L, 1, "label", "tabulate");

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
    if (cx_doc_add_table_ex(doc_of(L), ncols, header, align, nrows, cells, caption, ref_label, &d)
        != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

/* A picture the script names, relative to its own folder or the brand's
 * (in that order).  Resolved here, symbolic links and all, and refused
 * when it leaves its folder, as require does; the build reads the file. */
static void resolve_image(lua_State *L, const char *rel, char out[PATH_MAX])
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    if (!rel[0] || rel[0] == '/')
        luaL_error(L, "image: path must be relative to the script's folder or the brand's "
                      "folder, got '%s'", rel);
    const char *dirs[2] = { ctx->script_dir, ctx->brand_dir };
    static const char *const names[2] = { "the script's folder", "the brand's folder" };
    for (int d = 0; d < 2; d++) {
        char candidate[PATH_MAX * 2];
        if (!dirs[d][0])
            continue;
        snprintf(candidate, sizeof candidate, "%s/%s", dirs[d], rel);
        if (!realpath(candidate, out))
            continue;
        if (!cx_lua_path_inside(out, dirs[d]))
            luaL_error(L, "image: '%s' resolves outside %s (images come only from the "
                          "script's folder and the brand's folder)", rel, names[d]);
        if (!cx_strlist_add(&ctx->env->files_read, out))
            luaL_error(L, "not enough memory");
        return;
    }
    luaL_error(L, "image: '%s' not found in the script's folder%s", rel,
               ctx->brand_dir[0] ? " or the brand's folder" : " (and the report names no brand)");
}

/* image "file.png"  or  image { path = "file.png", width = pt, caption = "…" } */
static int l_image(lua_State *L)
{
    const char *path = NULL, *caption = NULL;
    double width = 0;
    if (lua_type(L, 1) == LUA_TSTRING) {
        path = lua_tostring(L, 1);
    } else {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_settop(L, 1);
        cx_lua_sorted_keys(L, 1);
        for (lua_Integer i = 1; lua_rawgeti(L, 2, i) != LUA_TNIL; i++) {
            const char *k = lua_tostring(L, -1);
            if (!k || (strcmp(k, "path") && strcmp(k, "width") && strcmp(k, "caption")))
                return luaL_error(L, "image: unknown field '%s' (expected path, width, caption)",
                                  k ? k : luaL_typename(L, -1));
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
        if (lua_getfield(L, 1, "path") != LUA_TSTRING)
            return luaL_error(L, "image: 'path' must be a file name");
        path = lua_tostring(L, -1);
        int t = lua_getfield(L, 1, "width");
        if (t != LUA_TNIL) {
            if (t != LUA_TNUMBER || !(lua_tonumber(L, -1) >= 1 && lua_tonumber(L, -1) <= 14400))
                return luaL_error(L, "image: 'width' must be a number of points (1 to 14400)");
            width = lua_tonumber(L, -1);
        }
        t = lua_getfield(L, 1, "caption");
        if (t != LUA_TNIL)
            caption = text_arg(L, lua_gettop(L), "image caption");
    }
    char real[PATH_MAX];
    resolve_image(L, path, real);
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_image(doc_of(L), real, width, caption, &d) != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

/* A block that takes no arguments: page break, contents, notes. */
static int add_bare(lua_State *L, cx_status (*add)(cx_doc *, cx_diag *))
{
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (add(doc_of(L), &d) != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

static int l_pagebreak(lua_State *L) { return add_bare(L, cx_doc_add_page_break); }

static int l_contents(lua_State *L) { return add_bare(L, cx_doc_add_contents); }

/* keyfigures { { value =, label =, change =, change_label =, good = "up" | "down",
 *               decimals = }, … }: every figure checked before anything is
 * added; the array is scratch userdata and its strings are anchored in
 * a table on the stack. */
static int l_keyfigures(lua_State *L)
{
    static const char *const keys[] = { "change", "change_label", "decimals", "good",
                                        "label", "value", NULL };
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    size_t n = (size_t)lua_rawlen(L, 1);
    if (n == 0 || n > CX_DOC_KEYFIGS_MAX)
        return luaL_error(L, "keyfigures: give a list of 1 to %d figures, got %d",
                          CX_DOC_KEYFIGS_MAX, (int)n);
    cx_keyfig *figs = lua_newuserdatauv(L, n * sizeof *figs, 0);        /* 2 */
    memset(figs, 0, n * sizeof *figs);
    lua_newtable(L);                                                    /* 3: keep */
    lua_Integer kept = 0;
    char what[64];
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "keyfigures: figure %d must be a table { value =, label = }, "
                                 "got %s", (int)i + 1, luaL_typename(L, -1));
        int t = lua_gettop(L);
        snprintf(what, sizeof what, "keyfigures: figure %d", (int)i + 1);
        check_fields(L, t, keys, what, "value, label, change, change_label, good, decimals");
        cx_keyfig *f = &figs[i];
        static const char *const texts[] = { "value", "label", "change_label" };
        const char **dst[] = { &f->value, &f->label, &f->change_label };
        for (int k = 0; k < 3; k++) {
            lua_pushstring(L, texts[k]);
            if (lua_rawget(L, t) == LUA_TNIL) {
                lua_pop(L, 1);
                if (k < 2)
                    return luaL_error(L, "%s has no '%s'", what, texts[k]);
                continue;
            }
            char w[96];
            snprintf(w, sizeof w, "%s's %s", what, texts[k]);
            *dst[k] = text_arg(L, lua_gettop(L), w);
            lua_rawseti(L, 3, ++kept);
        }
        lua_pushliteral(L, "change");
        int ty = lua_rawget(L, t);
        if (ty != LUA_TNIL && (ty != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1))))
            return luaL_error(L, "%s: 'change' must be a finite number, got %s", what,
                              ty == LUA_TNUMBER ? "a non-finite number" : luaL_typename(L, -1));
        f->has_change = ty != LUA_TNIL;
        f->change = f->has_change ? lua_tonumber(L, -1) : 0;
        lua_pop(L, 1);
        lua_pushliteral(L, "decimals");
        ty = lua_rawget(L, t);
        lua_Integer dec = ty == LUA_TNUMBER && lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
        if (ty != LUA_TNIL && (dec < 0 || dec > 6))
            return luaL_error(L, "%s: 'decimals' must be a whole number from 0 to 6", what);
        f->decimals = ty == LUA_TNIL ? 1 : (int)dec;
        lua_pop(L, 1);
        const char *good = opt_field(L, t, "good", what);
        if (good && strcmp(good, "up") && strcmp(good, "down"))
            return luaL_error(L, "%s: 'good' must be \"up\" or \"down\", got '%s'", what, good);
        f->good = !good ? CX_GOOD_NONE : good[0] == 'u' ? CX_GOOD_UP : CX_GOOD_DOWN;
        if (!f->has_change && (f->change_label || good))
            return luaL_error(L, "%s: 'change_label' and 'good' describe a 'change', which is "
                                 "missing", what);
        lua_pop(L, 1);
    }
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    if (cx_doc_add_keyfigures(doc_of(L), figs, n, &d) != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

/* callout "text" | callout { title =, text = }; quote "text" |
 * quote { text =, source = }: a text and one plain line beside it. */
static int add_boxed(lua_State *L, bool callout)
{
    const char *what = callout ? "callout" : "quote";
    const char *line_key = callout ? "title" : "source";
    const char *line = NULL;
    if (lua_type(L, 1) == LUA_TTABLE) {
        static const char *const ckeys[] = { "text", "title", NULL };
        static const char *const qkeys[] = { "source", "text", NULL };
        lua_settop(L, 1);
        check_fields(L, 1, callout ? ckeys : qkeys, what, callout ? "title, text"
                                                                  : "text, source");
        line = opt_field(L, 1, line_key, what);
        lua_pushliteral(L, "text");
        if (lua_rawget(L, 1) == LUA_TNIL)
            return luaL_error(L, "%s: 'text' is missing", what);
        lua_insert(L, 1);               /* the table stays below: it anchors `line` */
    }
    const char *text = text_arg(L, 1, what);
    cx_diag d;
    cx_diag_clear(&d);
    mark_source(L);
    cx_status st = callout ? cx_doc_add_callout(doc_of(L), line, text, &d)
                           : cx_doc_add_quote(doc_of(L), text, line, &d);
    if (st != CX_OK)
        return raise_diag(L, &d);
    cx_lua_doc_charge(L);
    return 0;
}

static int l_callout(lua_State *L) { return add_boxed(L, true); }
static int l_quote(lua_State *L) { return add_boxed(L, false); }

static int l_notes(lua_State *L) { return add_bare(L, cx_doc_add_notes); }

void cx_lua_open_doc(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"report", l_report},     {"heading", l_heading},   {"h1", l_h1},
        {"h2", l_h2},             {"h3", l_h3},             {"paragraph", l_paragraph},
        {"bullets", l_bullets},   {"numbered", l_numbered}, {"tabulate", l_tabulate},
        {"pagebreak", l_pagebreak}, {"contents", l_contents}, {"image", l_image},
        {"keyfigures", l_keyfigures}, {"callout", l_callout}, {"quote", l_quote},
        {"notes", l_notes},       {NULL, NULL},
    };
    lua_pushglobaltable(L);
    luaL_setfuncs(L, funcs, 0);
    lua_pop(L, 1);
}
