/*
 * brand.c — loading a brand kit: DIR/brand.lua into a plain cx_brand.
 *
 * brand.lua is code, so it runs in a Lua state of its own, made here and
 * closed before returning: only base (without dofile, loadfile, load and
 * print), string, table and math; a memory cap and an instruction budget;
 * text chunks only.  It sees nothing of the report, no file and no
 * environment; it returns a table, which is then read key by key against
 * the format documented in the README.  An unknown key, a wrong type or
 * value, or an asset that cannot be opened is an error naming brand.lua,
 * the line of the key (found in the source text: Lua tables keep no
 * positions) and, for assets, the file.
 *
 * Owns nothing after returning but the cx_brand it hands out.  Never
 * draws or measures; fonts are checked for a TrueType header only (layout
 * opens them with FreeType), images with cx_image_probe.
 */
#include "cxreport/brand.h"

#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cxreport/image.h"
#include "script_internal.h"

enum { BRAND_MAX_BYTES = 1 << 20, NAME_MAX_LEN = 64 };
static const size_t MEM_CAP = 16u << 20;
static const long STEP_CAP = 10000000;      /* instructions, checked every 1000 */

typedef struct run_ctx {
    cx_lua_heap mem;            /* first: the allocator's userdata */
    long steps;
} run_ctx;

typedef struct bctx {
    lua_State *L;
    const char *src;            /* brand.lua's text, for key lines */
    const char *file;           /* brand.lua, as named */
    char dir[PATH_MAX];         /* the folder, resolved */
    const char *given;          /* the folder as named: files are named from it */
    cx_brand *b;
    cx_diag *diag;
    cx_status st;               /* read_protected's result */
} bctx;

/* ---- names and folders -------------------------------------------------- */

bool cx_brand_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > NAME_MAX_LEN)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '-' || c == '_'))
            return false;
    }
    return true;
}

bool cx_brand_find(const char *name, const char *script_path, const char *templates_dir,
                   char *out, size_t size)
{
    if (!cx_brand_name_ok(name) || size == 0)
        return false;
    char beside[PATH_MAX];
    const char *slash = script_path ? strrchr(script_path, '/') : NULL;
    if (slash)
        snprintf(beside, sizeof beside, "%.*s/brands", (int)(slash - script_path), script_path);
    else
        snprintf(beside, sizeof beside, "brands");
    char tdir[PATH_MAX];
    snprintf(tdir, sizeof tdir, "%s/brands", templates_dir ? templates_dir : "templates");
    const char *roots[2] = { beside, tdir };
    for (int r = 0; r < 2; r++) {
        char file[PATH_MAX + 80];
        snprintf(file, sizeof file, "%s/%s/brand.lua", roots[r], name);
        if (access(file, R_OK) == 0) {
            int n = snprintf(out, size, "%s/%s", roots[r], name);
            return n > 0 && (size_t)n < size;
        }
    }
    return false;
}

/* ---- errors ----------------------------------------------------------- */

/* Line of the first "key =" in the source (outside comments), 0 if none. */
static long key_line(const char *src, const char *key)
{
    size_t klen = strlen(key);
    long line = 1;
    for (const char *p = src; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (p[0] == '-' && p[1] == '-') {
            while (p[1] && p[1] != '\n')
                p++;
            continue;
        }
        if (strncmp(p, key, klen) != 0)
            continue;
        char before = p == src ? ' ' : p[-1];
        if (before == '_' || before == '.' || (before >= 'a' && before <= 'z')
            || (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9'))
            continue;
        const char *q = p + klen;
        while (*q == ' ' || *q == '\t')
            q++;
        if (q[0] == '=' && q[1] != '=')
            return line;
    }
    return 0;
}

/* Fails with brand.lua's name and the line of `key` (the last part of a
 * dotted path such as "colors.primary"). */
static cx_status fail(bctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static cx_status fail(bctx *c, const char *path, const char *fmt, ...)
{
    const char *last = path ? strrchr(path, '.') : NULL;
    long line = path ? key_line(c->src, last ? last + 1 : path) : 0;
    char msg[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (path)
        return cx_diag_set(c->diag, CX_EDATA, c->file, line, 0, "brand: %s: %s", path, msg);
    return cx_diag_set(c->diag, CX_EDATA, c->file, line, 0, "brand: %s", msg);
}

static cx_status oom(bctx *c)
{
    return cx_diag_set(c->diag, CX_EINTERNAL, c->file, 0, 0, "out of memory loading the brand");
}

/* ---- the Lua side ------------------------------------------------------ */

static void step_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    void *ud;
    lua_getallocf(L, &ud);
    run_ctx *r = ud;
    r->steps += 1000;
    if (r->steps > STEP_CAP) {
        lua_sethook(L, step_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "brand.lua runs too long (more than %d instructions)", (int)STEP_CAP);
    }
}

static int open_libs(lua_State *L)
{
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_settop(L, 0);
    static const char *const drop[] = { "dofile", "loadfile", "load", "print", "require",
                                        "collectgarbage", NULL };
    for (int i = 0; drop[i]; i++) {
        lua_pushnil(L);
        lua_setglobal(L, drop[i]);
    }
    lua_getglobal(L, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    return 0;
}

/* ---- reading values ---------------------------------------------------- */

static char *dup_str(bctx *c, const char *s)
{
    char *d = strdup(s);
    if (!d)
        oom(c);
    return d;
}

/* The value at the top is a string; *ok false (diag set) otherwise. */
static const char *want_string(bctx *c, const char *path, bool *ok)
{
    if (lua_type(c->L, -1) != LUA_TSTRING) {
        fail(c, path, "expected a string, got %s", luaL_typename(c->L, -1));
        *ok = false;
        return NULL;
    }
    *ok = true;
    return lua_tostring(c->L, -1);
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* "#RRGGBB" at the top of the stack. */
static cx_status read_colour(bctx *c, const char *path, cx_rgba *out)
{
    bool ok;
    const char *s = want_string(c, path, &ok);
    if (!ok)
        return CX_EDATA;
    uint32_t v = 0;
    bool good = strlen(s) == 7 && s[0] == '#';
    for (int i = 1; good && i < 7; i++) {
        int h = hexval(s[i]);
        good = h >= 0;
        v = v << 4 | (uint32_t)(h < 0 ? 0 : h);
    }
    if (!good)
        return fail(c, path, "expected a colour \"#RRGGBB\", got \"%.40s\"", s);
    *out = CX_RGB(v);
    return CX_OK;
}

static cx_status read_number(bctx *c, const char *path, double lo, double hi, double *out)
{
    if (lua_type(c->L, -1) != LUA_TNUMBER)
        return fail(c, path, "expected a number, got %s", luaL_typename(c->L, -1));
    double v = lua_tonumber(c->L, -1);
    if (!(v >= lo && v <= hi))
        return fail(c, path, "%g is out of range (%g to %g)", v, lo, hi);
    *out = v;
    return CX_OK;
}

/* Rejects keys of the table at the top that are not in allowed, naming
 * the first one in byte order (a stable message). */
static cx_status check_keys(bctx *c, const char *where, const char *const *allowed)
{
    lua_State *L = c->L;
    const char *worst = NULL;
    char worst_buf[128];
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 1);
            return where ? fail(c, where, "has a key that is not a name (a list where a table "
                                          "of named fields was expected?)")
                         : fail(c, NULL, "brand.lua returned a table with a key that is not "
                                         "a name");
        }
        const char *k = lua_tostring(L, -1);
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++)
            known = strcmp(k, allowed[i]) == 0;
        if (!known && (!worst || strcmp(k, worst) < 0)) {
            snprintf(worst_buf, sizeof worst_buf, "%s", k);
            worst = worst_buf;
        }
    }
    if (!worst)
        return CX_OK;
    char list[512] = "";
    size_t n = 0;
    for (int i = 0; allowed[i]; i++)
        n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s%s",
                              i ? ", " : "", allowed[i]);
    long line = key_line(c->src, worst);
    if (where)
        return cx_diag_set(c->diag, CX_EDATA, c->file, line, 0,
                           "brand: unknown key '%s' in %s (expected %s)", worst, where, list);
    return cx_diag_set(c->diag, CX_EDATA, c->file, line, 0,
                       "brand: unknown key '%s' (expected %s)", worst, list);
}

/* Pushes t[key] of the table at the top; returns its type. */
static int field(bctx *c, const char *key)
{
    lua_pushstring(c->L, key);
    return lua_rawget(c->L, -2);    /* no metamethods: no brand code runs */
}

/* Pushes t[key] and returns true when nothing failed so far and the key
 * is present; otherwise pushes nothing.  The caller pops what it got. */
static bool present(bctx *c, cx_status st, const char *key)
{
    if (st != CX_OK)
        return false;
    if (field(c, key) != LUA_TNIL)
        return true;
    lua_pop(c->L, 1);
    return false;
}

/* A file named relative to the brand folder (or absolute), resolved into
 * *out; it must open.  what: "font" or "image". */
static cx_status read_file(bctx *c, const char *path, char **out)
{
    bool ok;
    const char *s = want_string(c, path, &ok);
    if (!ok)
        return CX_EDATA;
    if (!s[0])
        return fail(c, path, "the file name is empty");
    char full[PATH_MAX * 2];
    if (s[0] == '/')
        snprintf(full, sizeof full, "%s", s);
    else
        snprintf(full, sizeof full, "%s/%s", c->given, s);
    FILE *f = fopen(full, "rb");
    if (!f)
        return fail(c, path, "cannot open %s: %s", full, strerror(errno));
    fclose(f);
    if (!(*out = dup_str(c, full)))
        return CX_EINTERNAL;
    return CX_OK;
}

static cx_status read_font(bctx *c, const char *path, char **out)
{
    cx_status st = read_file(c, path, out);
    if (st != CX_OK)
        return st;
    unsigned char h[4] = { 0 };
    FILE *f = fopen(*out, "rb");
    size_t got = f ? fread(h, 1, 4, f) : 0;
    if (f)
        fclose(f);
    if (got == 4 && memcmp(h, "OTTO", 4) == 0)
        return fail(c, path, "%s is an OpenType font with CFF outlines, which the PDF writer "
                             "cannot embed: use a TrueType (.ttf) file", *out);
    if (got != 4 || !(memcmp(h, "\0\1\0\0", 4) == 0 || memcmp(h, "true", 4) == 0
                      || memcmp(h, "ttcf", 4) == 0))
        return fail(c, path, "%s is not a TrueType font file", *out);
    return CX_OK;
}

static cx_status read_image(bctx *c, const char *path, char **out)
{
    cx_status st = read_file(c, path, out);
    if (st != CX_OK)
        return st;
    cx_image_info info;
    cx_diag d;
    cx_diag_clear(&d);
    if (cx_image_probe(*out, &info, &d) != CX_OK)
        return fail(c, path, "%s: %s", *out, d.message);
    return CX_OK;
}

/* ---- sections ---------------------------------------------------------- */

static cx_status read_colors(bctx *c)
{
    static const char *const keys[] = { "primary", "secondary", "accent", "text", "muted",
                                        "rule", "background", "stripe", "chart", NULL };
    cx_brand *b = c->b;
    cx_rgba *slots[] = { &b->primary, &b->secondary, &b->accent, &b->text, &b->muted,
                         &b->rule, &b->background };
    bool has_accent = false;
    cx_status st = check_keys(c, "colors", keys);
    for (int i = 0; st == CX_OK && i < 7; i++) {
        char path[64];
        snprintf(path, sizeof path, "colors.%s", keys[i]);
        if (field(c, keys[i]) != LUA_TNIL) {
            st = read_colour(c, path, slots[i]);
            has_accent |= i == 2;
        }
        lua_pop(c->L, 1);
    }
    if (st != CX_OK)
        return st;
    /* colours that follow others unless given */
    if (!has_accent)
        b->accent = b->secondary;
    b->cover_color = b->primary;        /* cover.color, read later, may differ */
    int t = field(c, "stripe");
    if (t == LUA_TBOOLEAN && !lua_toboolean(c->L, -1))
        b->stripe = CX_NONE;
    else if (t != LUA_TNIL)
        st = read_colour(c, "colors.stripe", &b->stripe);
    lua_pop(c->L, 1);
    if (st != CX_OK)
        return st;
    t = field(c, "chart");
    if (t != LUA_TNIL) {
        size_t n = t == LUA_TTABLE ? (size_t)lua_rawlen(c->L, -1) : 0;
        if (t != LUA_TTABLE || n == 0 || n > CX_BRAND_MAX_CHART)
            st = fail(c, "colors.chart", "expected a list of 1 to %d colours",
                      CX_BRAND_MAX_CHART);
        for (size_t i = 0; st == CX_OK && i < n; i++) {
            char path[64];
            snprintf(path, sizeof path, "colors.chart[%zu]", i + 1);
            lua_rawgeti(c->L, -1, (lua_Integer)i + 1);
            st = read_colour(c, path, &b->chart[i]);
            lua_pop(c->L, 1);
        }
        if (st == CX_OK)
            b->nchart = n;
    }
    lua_pop(c->L, 1);
    return st;
}

static cx_status read_fallback(bctx *c)
{
    cx_brand *b = c->b;
    if (lua_type(c->L, -1) != LUA_TTABLE)
        return fail(c, "fonts.fallback", "expected a list of font files");
    size_t n = (size_t)lua_rawlen(c->L, -1);
    if (n > CX_BRAND_MAX_FALLBACK)
        return fail(c, "fonts.fallback", "at most %d fallback fonts", CX_BRAND_MAX_FALLBACK);
    cx_status st = CX_OK;
    for (size_t i = 0; st == CX_OK && i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "fonts.fallback[%zu]", i + 1);
        int t = lua_rawgeti(c->L, -1, (lua_Integer)i + 1);
        if (t == LUA_TTABLE) {
            /* { path = "...", optional = true }: skipped when not installed */
            static const char *const keys[] = { "path", "optional", NULL };
            if ((st = check_keys(c, path, keys)) == CX_OK) {
                bool optional = field(c, "optional") == LUA_TBOOLEAN && lua_toboolean(c->L, -1);
                lua_pop(c->L, 1);
                field(c, "path");
                const char *s = lua_tostring(c->L, -1);
                char full[PATH_MAX * 2] = "";
                if (s)
                    snprintf(full, sizeof full, "%s%s%s", s[0] == '/' ? "" : c->given,
                             s[0] == '/' ? "" : "/", s);
                if (!(optional && s && access(full, R_OK) != 0))
                    st = read_font(c, path, &b->fallback[b->nfallback++]);
                lua_pop(c->L, 1);
            }
        } else {
            st = read_font(c, path, &b->fallback[b->nfallback++]);
        }
        lua_pop(c->L, 1);
    }
    return st;
}

static cx_status read_fonts(bctx *c)
{
    static const char *const keys[] = { "regular", "bold", "italic", "bold_italic", "fallback",
                                        NULL };
    cx_brand *b = c->b;
    char **slots[] = { &b->regular, &b->bold, &b->italic, &b->bold_italic };
    cx_status st = check_keys(c, "fonts", keys);
    for (int i = 0; st == CX_OK && i < 4; i++) {
        char path[64];
        snprintf(path, sizeof path, "fonts.%s", keys[i]);
        if (field(c, keys[i]) != LUA_TNIL) {
            free(*slots[i]);
            *slots[i] = NULL;
            st = read_font(c, path, slots[i]);
        }
        lua_pop(c->L, 1);
    }
    if (present(c, st, "fallback")) {
        for (size_t i = 0; i < b->nfallback; i++) {
            free(b->fallback[i]);
            b->fallback[i] = NULL;
        }
        b->nfallback = 0;
        st = read_fallback(c);
        lua_pop(c->L, 1);
    }
    return st;
}

static cx_status read_page(bctx *c)
{
    static const char *const keys[] = { "size", "margins", NULL };
    static const char *const side_keys[] = { "top", "right", "bottom", "left", NULL };
    cx_brand *b = c->b;
    cx_status st = check_keys(c, "page", keys);
    if (st != CX_OK)
        return st;
    int t = field(c, "size");
    if (t == LUA_TSTRING) {
        const char *s = lua_tostring(c->L, -1);
        if (strcmp(s, "A4") == 0) {
            b->page_width = 595.276;
            b->page_height = 841.89;
        } else if (strcmp(s, "Letter") == 0) {
            b->page_width = 612.0;
            b->page_height = 792.0;
        } else {
            st = fail(c, "page.size", "expected \"A4\", \"Letter\" or { width = pt, height = "
                                      "pt }, got \"%.40s\"", s);
        }
    } else if (t == LUA_TTABLE) {
        static const char *const wh[] = { "width", "height", NULL };
        if ((st = check_keys(c, "page.size", wh)) == CX_OK) {
            field(c, "width");
            st = read_number(c, "page.size.width", 144, 14400, &b->page_width);
            lua_pop(c->L, 1);
        }
        if (st == CX_OK) {
            field(c, "height");
            st = read_number(c, "page.size.height", 144, 14400, &b->page_height);
            lua_pop(c->L, 1);
        }
    } else if (t != LUA_TNIL) {
        st = fail(c, "page.size", "expected \"A4\", \"Letter\" or { width = pt, height = pt }");
    }
    lua_pop(c->L, 1);
    if (st != CX_OK)
        return st;
    double *sides[] = { &b->margin_top, &b->margin_right, &b->margin_bottom, &b->margin_left };
    t = field(c, "margins");
    if (t == LUA_TNUMBER) {
        double m;
        if ((st = read_number(c, "page.margins", 0, 1000, &m)) == CX_OK)
            for (int i = 0; i < 4; i++)
                *sides[i] = m;
    } else if (t == LUA_TTABLE) {
        st = check_keys(c, "page.margins", side_keys);
        for (int i = 0; st == CX_OK && i < 4; i++) {
            char path[64];
            snprintf(path, sizeof path, "page.margins.%s", side_keys[i]);
            if (field(c, side_keys[i]) != LUA_TNIL)
                st = read_number(c, path, 0, 1000, sides[i]);
            lua_pop(c->L, 1);
        }
    } else if (t != LUA_TNIL) {
        st = fail(c, "page.margins", "expected points, or { top =, right =, bottom =, left = }");
    }
    lua_pop(c->L, 1);
    if (st == CX_OK && (b->page_width - b->margin_left - b->margin_right < 72
                        || b->page_height - b->margin_top - b->margin_bottom < 144))
        st = fail(c, "page", "the margins leave less than 72 x 144 pt for the text on a "
                             "%.1f x %.1f pt page", b->page_width, b->page_height);
    return st;
}

static cx_status read_slots(bctx *c, const char *where, cx_slot out[3])
{
    static const char *const keys[] = { "left", "center", "right", NULL };
    static const char *const names[] = { "logo", "title", "section", "confidential", "page",
                                         NULL };
    if (lua_type(c->L, -1) == LUA_TBOOLEAN && !lua_toboolean(c->L, -1)) {
        out[0] = out[1] = out[2] = CX_SLOT_NONE;    /* header = false: none */
        return CX_OK;
    }
    if (lua_type(c->L, -1) != LUA_TTABLE)
        return fail(c, where, "expected { left =, center =, right = } or false");
    cx_status st = check_keys(c, where, keys);
    for (int i = 0; st == CX_OK && i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s.%s", where, keys[i]);
        out[i] = CX_SLOT_NONE;
        if (field(c, keys[i]) != LUA_TNIL) {
            const char *s = lua_type(c->L, -1) == LUA_TSTRING ? lua_tostring(c->L, -1) : "";
            int k = -1;
            for (int j = 0; names[j]; j++)
                if (strcmp(s, names[j]) == 0)
                    k = j;
            if (k < 0)
                st = fail(c, path, "expected \"logo\", \"title\", \"section\", \"confidential\" "
                                   "or \"page\"");
            else
                out[i] = (cx_slot)(CX_SLOT_LOGO + k);
        }
        lua_pop(c->L, 1);
    }
    return st;
}

static cx_status read_cover(bctx *c)
{
    static const char *const keys[] = { "style", "color", "text", "image", NULL };
    cx_brand *b = c->b;
    cx_status st = check_keys(c, "cover", keys);
    if (present(c, st, "style")) {
        const char *s = lua_type(c->L, -1) == LUA_TSTRING ? lua_tostring(c->L, -1) : "";
        if (strcmp(s, "stripe") == 0)
            b->cover_style = CX_COVER_STRIPE;
        else if (strcmp(s, "band") == 0)
            b->cover_style = CX_COVER_BAND;
        else if (strcmp(s, "image") == 0)
            b->cover_style = CX_COVER_IMAGE;
        else
            st = fail(c, "cover.style", "expected \"stripe\", \"band\" or \"image\"");
        lua_pop(c->L, 1);
    }
    if (present(c, st, "color")) {
        st = read_colour(c, "cover.color", &b->cover_color);
        lua_pop(c->L, 1);
    }
    if (present(c, st, "text")) {
        st = read_colour(c, "cover.text", &b->cover_text);
        lua_pop(c->L, 1);
    }
    if (present(c, st, "image")) {
        st = read_image(c, "cover.image", &b->cover_image);
        lua_pop(c->L, 1);
    }
    if (st == CX_OK && b->cover_style == CX_COVER_IMAGE && !b->cover_image)
        st = fail(c, "cover.style", "\"image\" needs cover.image, a PNG or JPEG file");
    return st;
}

static cx_status read_watermark(bctx *c)
{
    cx_brand *b = c->b;
    bool ok;
    if (lua_type(c->L, -1) == LUA_TSTRING || lua_type(c->L, -1) != LUA_TTABLE) {
        const char *s = want_string(c, "watermark", &ok);
        if (!ok)
            return CX_EDATA;
        if (!s[0])
            return CX_OK;
        return (b->watermark = dup_str(c, s)) ? CX_OK : CX_EINTERNAL;
    }
    static const char *const keys[] = { "text", "color", "opacity", NULL };
    cx_status st = check_keys(c, "watermark", keys);
    if (st == CX_OK) {
        field(c, "text");
        const char *s = want_string(c, "watermark.text", &ok);
        st = !ok ? CX_EDATA : s[0] && !(b->watermark = dup_str(c, s)) ? CX_EINTERNAL : CX_OK;
        lua_pop(c->L, 1);
    }
    cx_rgba rgb = b->watermark_color | 0xFF;
    if (present(c, st, "color")) {
        st = read_colour(c, "watermark.color", &rgb);
        lua_pop(c->L, 1);
    }
    double alpha = (double)(b->watermark_color & 0xFF) / 255.0;
    if (present(c, st, "opacity")) {
        st = read_number(c, "watermark.opacity", 0.02, 1.0, &alpha);
        lua_pop(c->L, 1);
    }
    b->watermark_color = (rgb & ~(cx_rgba)0xFF) | (cx_rgba)(alpha * 255.0 + 0.5);
    return st;
}

/* The house look: every key brand.lua leaves out keeps these. */
static cx_status set_defaults(bctx *c)
{
    cx_brand *b = c->b;
    b->primary = CX_RGB(0x1D4E89);
    b->secondary = CX_RGB(0x1F2933);
    b->accent = b->secondary;
    b->text = CX_RGB(0x1F2933);
    b->muted = CX_RGB(0x616E7C);
    b->rule = CX_RGB(0xCBD2D9);
    b->background = CX_RGB(0xE1E9F2);
    b->stripe = CX_RGB(0xF5F7FA);
    b->page_width = 595.276;
    b->page_height = 841.89;
    b->margin_top = b->margin_right = b->margin_bottom = b->margin_left = 56.7;
    b->footer[0] = CX_SLOT_TITLE;
    b->footer[2] = CX_SLOT_PAGE;
    b->cover_style = CX_COVER_STRIPE;
    b->cover_color = b->primary;
    b->cover_text = CX_RGB(0xFFFFFF);
    b->watermark_color = CX_RGB(0x9AA5B1) & ~(cx_rgba)0xFF;
    b->watermark_color |= 0x26;                 /* 15 % opacity */
    static const char *const dejavu[4] = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf" };
    char **slots[] = { &b->regular, &b->bold, &b->italic, &b->bold_italic };
    for (int i = 0; i < 4; i++)
        if (!(*slots[i] = dup_str(c, dejavu[i])))
            return CX_EINTERNAL;
    /* as the house look: CJK from WenQuanYi Micro Hei when it is installed
     * (fonts.fallback replaces this list; {} empties it) */
    static const char wqy[] = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    if (access(wqy, R_OK) == 0 && !(b->fallback[b->nfallback++] = dup_str(c, wqy)))
        return CX_EINTERNAL;
    return CX_OK;
}

static cx_status read_brand(bctx *c)
{
    static const char *const keys[] = { "name", "colors", "fonts", "logo", "page", "header",
                                        "footer", "confidential", "cover", "watermark", NULL };
    cx_brand *b = c->b;
    lua_State *L = c->L;
    cx_status st = set_defaults(c);
    if (st == CX_OK)
        st = check_keys(c, NULL, keys);
    if (st != CX_OK)
        return st;
    bool ok;
    int t = field(c, "name");
    if (t == LUA_TNIL) {
        st = fail(c, NULL, "brand.lua must give the brand a name (name = \"...\")");
    } else {
        const char *s = want_string(c, "name", &ok);
        if (!ok)
            st = CX_EDATA;
        else if (!s[0] || strlen(s) > 200)
            st = fail(c, "name", "expected 1 to 200 bytes");
        else if (!(b->name = dup_str(c, s)))
            st = CX_EINTERNAL;
    }
    lua_pop(L, 1);
    struct { const char *key; int type; cx_status (*read)(bctx *); } tables[] = {
        { "colors", LUA_TTABLE, read_colors }, { "fonts", LUA_TTABLE, read_fonts },
        { "page", LUA_TTABLE, read_page },     { "cover", LUA_TTABLE, read_cover },
    };
    for (size_t i = 0; st == CX_OK && i < sizeof tables / sizeof tables[0]; i++) {
        t = field(c, tables[i].key);
        if (t != LUA_TNIL && t != tables[i].type)
            st = fail(c, tables[i].key, "expected a table, got %s", luaL_typename(L, -1));
        else if (t != LUA_TNIL)
            st = tables[i].read(c);
        lua_pop(L, 1);
    }
    if (present(c, st, "logo")) {
        st = read_image(c, "logo", &b->logo);
        lua_pop(L, 1);
    }
    if (present(c, st, "header")) {
        st = read_slots(c, "header", b->header);
        lua_pop(L, 1);
    }
    if (present(c, st, "footer")) {
        st = read_slots(c, "footer", b->footer);
        lua_pop(L, 1);
    }
    if (present(c, st, "confidential")) {
        const char *s = want_string(c, "confidential", &ok);
        st = !ok ? CX_EDATA : !(b->confidential = dup_str(c, s)) ? CX_EINTERNAL : CX_OK;
        lua_pop(L, 1);
    }
    if (present(c, st, "watermark")) {
        st = read_watermark(c);
        lua_pop(L, 1);
    }
    for (int i = 0; st == CX_OK && i < 3; i++) {
        if (b->logo == NULL && (b->header[i] == CX_SLOT_LOGO || b->footer[i] == CX_SLOT_LOGO))
            st = fail(c, b->header[i] == CX_SLOT_LOGO ? "header" : "footer",
                      "a slot shows the logo, but the brand has no logo");
    }
    return st;
}

/* ---- loading ----------------------------------------------------------- */

/* read_brand under lua_pcall: reading allocates (keys, strings), and an
 * allocation error must not escape into an unprotected state.  Argument
 * 1: the bctx; 2: the table brand.lua returned. */
static int read_protected(lua_State *L)
{
    bctx *c = lua_touserdata(L, 1);
    c->st = read_brand(c);
    return 0;
}

void cx_brand_free(cx_brand *b)
{
    if (!b)
        return;
    char *strs[] = { b->name, b->dir, b->file, b->regular, b->bold, b->italic, b->bold_italic,
                     b->logo, b->confidential, b->cover_image, b->watermark };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(strs[i]);
    for (size_t i = 0; i < b->nfallback; i++)
        free(b->fallback[i]);
    free(b);
}

cx_status cx_brand_load(const char *dir, cx_brand **out, cx_diag *diag)
{
    *out = NULL;
    char file[PATH_MAX + 16];
    snprintf(file, sizeof file, "%s%sbrand.lua", dir,
             dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/");
    char given[PATH_MAX];
    snprintf(given, sizeof given, "%.*s", (int)(strlen(dir) > 1 && dir[strlen(dir) - 1] == '/'
                                                   ? strlen(dir) - 1 : strlen(dir)), dir);
    bctx c = { .file = file, .given = given, .diag = diag };
    if (!realpath(dir, c.dir))
        return cx_diag_set(diag, CX_EDATA, dir, 0, 0, "cannot open the brand folder: %s",
                           strerror(errno));
    size_t len;
    const char *err;
    char *text = cx_lua_read_file(file, BRAND_MAX_BYTES, &len, &err);
    if (!text)
        return cx_diag_set(diag, CX_EDATA, file, 0, 0, "cannot read the brand: %s", err);
    c.src = text;
    cx_status st = CX_OK;
    run_ctx rc = { { 0, MEM_CAP, 0, false }, 0 };
    lua_State *L = lua_newstate(cx_lua_capped_alloc, &rc);
    c.b = calloc(1, sizeof *c.b);
    if (!L || !c.b) {
        st = oom(&c);
        goto done;
    }
    c.L = L;
    lua_pushcfunction(L, open_libs);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        st = oom(&c);
        goto done;
    }
    char chunk[PATH_MAX + 32];
    snprintf(chunk, sizeof chunk, "@%s", file);
    int rc2 = luaL_loadbufferx(L, text, len, chunk, "t");
    if (rc2 == LUA_OK) {
        lua_sethook(L, step_hook, LUA_MASKCOUNT, 1000);
        rc2 = lua_pcall(L, 0, 1, 0);
        lua_sethook(L, NULL, 0, 0);
    }
    if (rc2 != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (!msg)
            msg = "brand.lua raised an error that is not a message";
        if (rc2 == LUA_ERRMEM) {
            st = cx_diag_set(diag, CX_EDATA, file, 0, 0, "brand: brand.lua needs more than "
                             "%zu MiB of memory", MEM_CAP >> 20);
            goto done;
        }
        /* "file:LINE: message" from Lua: keep the line, drop the name */
        long line = 0;
        size_t fl = strlen(file);
        if (strncmp(msg, file, fl) == 0 && msg[fl] == ':') {
            char *end;
            line = strtol(msg + fl + 1, &end, 10);
            if (end[0] == ':' && end[1] == ' ')
                msg = end + 2;
        }
        st = cx_diag_set(diag, CX_EDATA, file, line, 0, "brand: %s", msg);
        goto done;
    }
    if (lua_type(L, -1) != LUA_TTABLE) {
        st = cx_diag_set(diag, CX_EDATA, file, 0, 0,
                         "brand: brand.lua must return a table (return { name = ..., ... }), "
                         "not %s", luaL_typename(L, -1));
        goto done;
    }
    lua_pushcfunction(L, read_protected);
    lua_pushlightuserdata(L, &c);   /* C side only: brand.lua has finished */
    lua_pushvalue(L, -3);
    c.st = CX_EINTERNAL;
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        st = oom(&c);
        goto done;
    }
    if ((st = c.st) != CX_OK)
        goto done;
    if (!(c.b->dir = dup_str(&c, c.dir)) || !(c.b->file = dup_str(&c, file))) {
        st = CX_EINTERNAL;
        goto done;
    }
    *out = c.b;
    c.b = NULL;
done:
    cx_brand_free(c.b);
    if (L)
        lua_close(L);
    free(text);
    return st;
}
