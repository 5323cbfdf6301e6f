/*
 * script.c — one run of a report script: state, limits, errors.
 *
 * The Lua state gets a counting allocator with a cap (memory), a count
 * hook (instructions) and a CPU-time alarm (time spent inside C functions,
 * such as a pathological string pattern, which the hook cannot see).  The
 * script runs under lua_pcall with a message handler that keeps the
 * script's own frames for a short traceback.  Errors become a cx_diag with
 * the script's file:line.
 *
 * The CPU-time alarm is the one piece of process-wide state: a signal
 * handler can only reach globals.  It is armed only while a script runs.
 */
#include "script_internal.h"

#include <errno.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

void cx_sandbox_seal(lua_State *L);

enum { HOOK_INTERVAL = 1000, GRACE_SECONDS = 2, MAX_SCRIPT_BYTES = 16 << 20 };

/* ------------------------------------------------------------ strlist */

bool cx_strlist_add(cx_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return true;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return false;
        l->items = items;
        l->cap = cap;
    }
    char *copy = strdup(s);
    if (!copy)
        return false;
    l->items[l->count++] = copy;
    return true;
}

void cx_strlist_free(cx_strlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

void cx_data_reads_free(cx_data_reads *r)
{
    if (!r || !r->items)
        return;
    for (size_t i = 0; i < r->count; i++) {
        for (size_t k = 0; k < r->items[i].nsel; k++) {
            free(r->items[i].sel[k].filter);
            free(r->items[i].sel[k].rows);
        }
        free(r->items[i].sel);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

char *cx_lua_read_file(const char *path, size_t max, size_t *len, const char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = strerror(errno);
        return NULL;
    }
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        goto nomem;
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max) {
                *err = "file too large";
                goto fail;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                goto nomem;
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                *err = strerror(errno ? errno : EIO);
                goto fail;
            }
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
nomem:
    *err = "out of memory";
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* ------------------------------------------------------------- limits */

void *cx_lua_capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    cx_lua_heap *h = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    size_t taken = h->used + h->held;
    if (nsize > old && (taken > h->limit || nsize - old > h->limit - taken)) {
        h->exceeded = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p)
        h->used = h->used - old + nsize;
    return p;
}

static void step_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    if (!ctx->steps_exceeded && !ctx->time_exceeded && !ctx->doc_exceeded) {
        ctx->steps += HOOK_INTERVAL;
        if (ctx->steps <= ctx->max_steps)
            return;
        ctx->steps_exceeded = true;
    }
    /* Once over budget, fire on every instruction, so a pcall in the
     * script cannot swallow the error and carry on. */
    lua_sethook(L, step_hook, LUA_MASKCOUNT, 1);
    /* lua_pushfstring knows no %g or %llu: format here. */
    char msg[160];
    if (ctx->time_exceeded)
        snprintf(msg, sizeof msg, "CPU time limit of %g s exceeded (raise it with --timeout)",
                 ctx->env->limits.timeout);
    else if (ctx->doc_exceeded)
        snprintf(msg, sizeof msg, "memory limit of %zu MiB exceeded (raise it with --max-memory)",
                 ctx->mem.limit >> 20);
    else
        snprintf(msg, sizeof msg, "instruction limit of %llu exceeded (raise it with --max-steps)",
                 (unsigned long long)ctx->max_steps);
    luaL_error(L, "%s", msg);
}

void cx_lua_doc_charge(lua_State *L)
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    cx_lua_heap *h = &ctx->mem;
    h->held = cx_doc_bytes(ctx->env->doc);
    if (!ctx->doc_exceeded && h->used <= h->limit && h->held <= h->limit - h->used)
        return;
    /* Like the instruction budget: the hook fires on every instruction
     * from now on, so a pcall cannot swallow the error and go on. */
    ctx->doc_exceeded = h->exceeded = true;
    step_hook(L, NULL);
}

static lua_State *volatile alarm_state;
static cx_lua_ctx *volatile alarm_ctx;
static char alarm_message[512];
static volatile sig_atomic_t alarm_fired;

/* First expiry: make the hook fire on the next Lua instruction (lua_sethook
 * is safe to call from a signal handler).  If the script is stuck inside
 * a C function and the hook never runs, the second expiry, after a grace
 * period, ends the process: no output file exists yet at this stage. */
static void on_cpu_alarm(int sig)
{
    (void)sig;
    if (!alarm_state)
        return;
    if (!alarm_fired) {
        alarm_fired = 1;
        alarm_ctx->time_exceeded = 1;
        lua_sethook(alarm_state, step_hook, LUA_MASKCOUNT, 1);
        struct itimerval grace = {{0, 0}, {GRACE_SECONDS, 0}};
        setitimer(ITIMER_PROF, &grace, NULL);
        return;
    }
    ssize_t ignored = write(STDERR_FILENO, alarm_message, strlen(alarm_message));
    (void)ignored;
    _exit(CX_ESCRIPT);
}

static void alarm_arm(lua_State *L, cx_lua_ctx *ctx, struct sigaction *saved)
{
    snprintf(alarm_message, sizeof alarm_message,
             "%s: CPU time limit of %g s exceeded inside a library call "
             "(raise it with --timeout)\n",
             ctx->env->script_path, ctx->env->limits.timeout);
    alarm_state = L;
    alarm_ctx = ctx;
    alarm_fired = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_cpu_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, saved);
    double t = ctx->env->limits.timeout;
    struct itimerval it = {{0, 0}, {(time_t)t, (suseconds_t)((t - (double)(time_t)t) * 1e6)}};
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
        it.it_value.tv_usec = 1;
    setitimer(ITIMER_PROF, &it, NULL);
}

static void alarm_disarm(const struct sigaction *saved)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_PROF, &off, NULL);
    sigaction(SIGPROF, saved, NULL);
    alarm_state = NULL;
    alarm_ctx = NULL;
}

/* ------------------------------------------------------------- errors */

void cx_lua_where(lua_State *L, int level, const char **file, long *line)
{
    lua_Debug ar;
    *file = "";
    *line = 0;
    for (; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0 && ar.source[0] == '@') {
            *file = ar.source + 1;
            *line = ar.currentline;
            return;
        }
    }
}

/* Message handler: returns {message, traceback of the script's frames}. */
static int message_handler(lua_State *L)
{
    if (!lua_isstring(L, 1)) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            lua_replace(L, 1);
        else
            lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1)),
                lua_replace(L, 1);
    }
    lua_settop(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_Debug ar;
    int shown = 0;
    for (int level = 1; lua_getstack(L, level, &ar) && shown < 12; level++) {
        lua_getinfo(L, "Sln", &ar);
        if (ar.currentline <= 0 || ar.source[0] != '@')
            continue;
        char line[600];
        if (*ar.what == 'm')
            snprintf(line, sizeof line, "  %s:%d: in the main chunk\n", ar.source + 1, ar.currentline);
        else if (ar.name)
            snprintf(line, sizeof line, "  %s:%d: in function '%s'\n", ar.source + 1,
                     ar.currentline, ar.name);
        else
            snprintf(line, sizeof line, "  %s:%d: in a function\n", ar.source + 1, ar.currentline);
        luaL_addstring(&b, line);
        shown++;
    }
    luaL_pushresult(&b);
    lua_createtable(L, 2, 0);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, 2);
    return 1;
}

/* Splits "file:LINE: rest" when file is a chunk of ours; else keeps the
 * whole message and places it at the innermost script frame. */
static void error_to_diag(const char *msg, const char *trace, const char *fallback_file,
                          cx_diag *diag)
{
    const char *p = msg;
    const char *colon = NULL;
    /* find ":<digits>: " — the first one after a plausible file name */
    for (const char *q = strchr(p, ':'); q; q = strchr(q + 1, ':')) {
        const char *d = q + 1;
        if (*d < '0' || *d > '9')
            continue;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d[0] == ':' && d[1] == ' ') {
            colon = q;
            break;
        }
    }
    if (colon && colon > msg && (size_t)(colon - msg) < sizeof diag->file &&
        !memchr(msg, ' ', (size_t)(colon - msg))) {
        char file[1024];
        memcpy(file, msg, (size_t)(colon - msg));
        file[colon - msg] = '\0';
        long line = strtol(colon + 1, NULL, 10);
        const char *rest = strchr(colon + 1, ':') + 2;
        cx_diag_set(diag, CX_ESCRIPT, file, line, 0, "%s", rest);
        return;
    }
    /* No position in the message: use the first script frame. */
    char file[1024] = "";
    long line = 0;
    if (trace && trace[0]) {
        const char *t = trace;
        while (*t == ' ')
            t++;
        const char *c = strchr(t, ':');
        if (c && (size_t)(c - t) < sizeof file) {
            memcpy(file, t, (size_t)(c - t));
            file[c - t] = '\0';
            line = strtol(c + 1, NULL, 10);
        }
    }
    cx_diag_set(diag, CX_ESCRIPT, file[0] ? file : fallback_file, line, 0, "%s", msg);
}

/* ----------------------------------------------------------------- run */

static void set_dirs(cx_lua_ctx *ctx, const char *script_path, const char *lua_dir)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", script_path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(ctx->script_dir_shown, sizeof ctx->script_dir_shown, "%s", dir);
    if (!realpath(dir, ctx->script_dir))
        ctx->script_dir[0] = '\0';
    if (!lua_dir || !realpath(lua_dir, ctx->lua_dir))
        ctx->lua_dir[0] = '\0';
    if (!ctx->env->brand_dir || !realpath(ctx->env->brand_dir, ctx->brand_dir))
        ctx->brand_dir[0] = '\0';
}

/* Serialises the script's returned value (argument 1) under protection:
 * __tojson metamethods run script code. */
static int result_to_json(lua_State *L)
{
    cx_lua_ctx *ctx = cx_lua_ctx_of(L);
    ctx->env->result_json = cx_lua_to_json(L, 1, &ctx->json_error);
    return 0;
}

/* warn("…") from a script becomes a build warning at the script's line
 * (Lua hands a warning over in pieces; "@on"/"@off" control messages are
 * ignored: warnings are always on). */
static void on_warning(void *ud, const char *msg, int tocont)
{
    cx_lua_ctx *ctx = ud;
    if (ctx->warning_len == 0 && msg[0] == '@' && !tocont)
        return;
    size_t n = strlen(msg), room = sizeof ctx->warning - 1 - ctx->warning_len;
    memcpy(ctx->warning + ctx->warning_len, msg, n < room ? n : room);
    ctx->warning_len += n < room ? n : room;
    ctx->warning[ctx->warning_len] = '\0';
    if (tocont)
        return;
    const char *file;
    long line;
    cx_lua_where(ctx->L, 1, &file, &line);
    cx_diag d;
    cx_diag_set(&d, CX_OK, file[0] ? file : ctx->env->script_path, line, 0, "%s", ctx->warning);
    d.severity = CX_SEV_WARNING;
    cx_diag_list_add(&ctx->env->warnings, &d);
    ctx->warning_len = 0;
}

/* Builds the sandboxed globals; run under lua_pcall because it allocates. */
static int open_environment(lua_State *L)
{
    cx_sandbox_open(L);
    cx_lua_open_doc(L);
    cx_lua_open_data(L);
    cx_lua_open_aggregate(L);
    cx_lua_open_maturity(L);
    cx_lua_open_stats(L);
    cx_lua_open_chart(L);
    cx_sandbox_seal(L);
    return 0;
}

cx_status cx_script_run(cx_script_env *env, cx_diag *diag, char *trace, size_t trace_size)
{
    if (trace_size)
        trace[0] = '\0';
    cx_status status = CX_OK;
    cx_lua_ctx *ctx = calloc(1, sizeof *ctx);
    char *text = NULL;
    lua_State *L = NULL;
    if (!ctx)
        return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    ctx->env = env;
    if (!env->reads.items) {
        env->reads.items = calloc(env->ndatasets ? env->ndatasets : 1, sizeof *env->reads.items);
        if (!env->reads.items) {
            free(ctx);
            return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        }
        env->reads.count = env->ndatasets;
    }
    if (!env->limits.max_memory)
        env->limits.max_memory = CX_DEFAULT_MAX_MEMORY;
    if (!env->limits.max_steps)
        env->limits.max_steps = CX_DEFAULT_MAX_STEPS;
    if (env->limits.timeout <= 0)
        env->limits.timeout = CX_DEFAULT_TIMEOUT;
    ctx->mem.limit = env->limits.max_memory;
    ctx->max_steps = env->limits.max_steps;
    set_dirs(ctx, env->script_path, env->lua_dir);

    size_t len;
    const char *err;
    text = cx_lua_read_file(env->script_path, MAX_SCRIPT_BYTES, &len, &err);
    if (!text) {
        status = cx_diag_set(diag, CX_ESCRIPT, env->script_path, 0, 0, "cannot read script: %s", err);
        goto done;
    }
    char real[PATH_MAX];
    if (!realpath(env->script_path, real) || !cx_strlist_add(&env->files_read, real)) {
        status = cx_diag_set(diag, CX_EINTERNAL, env->script_path, 0, 0, "out of memory");
        goto done;
    }

    L = lua_newstate(cx_lua_capped_alloc, ctx);
    if (!L) {
        status = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }
    ctx->L = L;
    lua_setwarnf(L, on_warning, ctx);

    /* Everything that may raise a Lua error runs protected, including the
     * setup of the environment (it allocates). */
    lua_pushcfunction(L, message_handler);
    int handler = lua_gettop(L);
    int rc;
    {
        struct sigaction saved;
        lua_pushfstring(L, "@%s", env->script_path);
        rc = luaL_loadbufferx(L, text, len, lua_tostring(L, -1), "t");
        free(text);
        text = NULL;
        if (rc == LUA_OK) {
            lua_remove(L, -2);     /* the chunk name */
            lua_pushcfunction(L, open_environment);
            rc = lua_pcall(L, 0, 0, handler);
        }
        if (rc == LUA_OK) {
            lua_sethook(L, step_hook, LUA_MASKCOUNT, HOOK_INTERVAL);
            alarm_arm(L, ctx, &saved);
            rc = lua_pcall(L, 0, env->want_result ? 1 : 0, handler);
            alarm_disarm(&saved);
        }
    }

    if (rc == LUA_OK && env->want_result) {
        lua_pushcfunction(L, result_to_json);
        lua_insert(L, -2);
        rc = lua_pcall(L, 1, 0, handler);
        if (rc == LUA_OK && !env->result_json) {
            status = cx_diag_set(diag, CX_ESCRIPT, env->script_path, 0, 0,
                                 "cannot print the returned value as JSON: %s",
                                 ctx->json_error ? ctx->json_error : "out of memory");
            goto done;
        }
    }
    if (rc == LUA_OK && !ctx->doc_exceeded)
        goto done;
    if (ctx->mem.exceeded || ctx->doc_exceeded || rc == LUA_ERRMEM) {
        status = cx_diag_set(diag, CX_ESCRIPT, env->script_path, 0, 0,
                             "memory limit of %zu MiB exceeded (raise it with --max-memory)",
                             env->limits.max_memory >> 20);
        goto done;
    }
    if (lua_type(L, -1) == LUA_TTABLE) {
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        const char *msg = lua_tostring(L, -2);
        const char *tr = lua_tostring(L, -1);
        error_to_diag(msg ? msg : "error", tr, env->script_path, diag);
        if (tr && trace_size)
            snprintf(trace, trace_size, "%s", tr);
    } else {
        const char *msg = lua_tostring(L, -1);
        error_to_diag(msg ? msg : "error", NULL, env->script_path, diag);
    }
    status = diag->status;

done:
    free(text);
    if (L)
        lua_close(L);
    free(ctx);
    return status;
}
