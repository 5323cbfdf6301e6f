/*
 * failalloc.c — allocation-failure injection for the fault-injection build.
 *
 * Linked into BUILD/fault/cxreport with -Wl,--wrap=malloc (and calloc,
 * realloc, strdup, strndup, open_memstream), so every allocation call the
 * cxreport code makes — and, through the hooks installed below, every one
 * cJSON makes, and through our allocator every one Lua makes — passes
 * through here.  Allocations inside the other libraries (libharu, Cairo,
 * FreeType, libc's own stdio buffers) are not counted: their failure paths
 * are theirs.
 *
 *   CX_FAIL_ALLOC=N    the N-th counted call fails (returns NULL with
 *                      errno ENOMEM); every other call succeeds, so the
 *                      error path runs in a process that can still report
 *   CX_FAIL_COUNT=FILE at exit, writes the number of counted calls there
 *                      (how many sites a run has, to sweep them)
 *   CX_FAIL_TRACE=1    prints the failing call's stack to stderr (to find
 *                      the site a sweep failure names; `addr2line -e BIN`
 *                      turns the addresses into lines)
 *
 * Without either variable the binary behaves exactly like cxreport.  A
 * forked worker inherits the counter: batch builds are not swept (the
 * sweep builds one report, in one process).
 *
 * free is not wrapped; realloc(p, 0) is not counted (it frees).
 */
#include <cjson/cJSON.h>

#include <errno.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **buf, size_t *len);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_open_memstream(char **buf, size_t *len);

static unsigned long calls, fail_at;
static int trace;
static const char *count_file;

/* True when this call is the one to fail. */
static int fail_now(void)
{
    calls++;
    if (fail_at && calls == fail_at) {
        if (trace) {
            void *frames[32];
            backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
        }
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    if (p && size == 0)
        return __real_realloc(p, size);
    return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fail_now() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_open_memstream(char **buf, size_t *len)
{
    return fail_now() ? NULL : __real_open_memstream(buf, len);
}

static void write_count(void)
{
    FILE *f = fopen(count_file, "w");
    if (f) {
        fprintf(f, "%lu\n", calls);
        fclose(f);
    }
}

static void *json_malloc(size_t size)
{
    return __wrap_malloc(size);
}

__attribute__((constructor)) static void failalloc_init(void)
{
    const char *n = getenv("CX_FAIL_ALLOC");
    if (n)
        fail_at = strtoul(n, NULL, 10);
    count_file = getenv("CX_FAIL_COUNT");
    trace = getenv("CX_FAIL_TRACE") != NULL;
    if (count_file)
        atexit(write_count);
    /* cJSON's own allocations, counted too (it uses free as is). */
    cJSON_Hooks hooks = { json_malloc, free };
    cJSON_InitHooks(&hooks);
}
