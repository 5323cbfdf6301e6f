/*
 * arena.h — one region per build.
 *
 * Everything a build allocates for its document (blocks, text, table
 * cells, laid-out lines) comes from one arena and dies with it: no
 * per-object free, no leak on an error path.  Allocation returns NULL on
 * out-of-memory; callers turn that into CX_EINTERNAL.
 *
 * Ownership: cx_arena_new allocates, cx_arena_free releases every block
 * ever handed out (accepts NULL).
 */
#ifndef CXREPORT_ARENA_H
#define CXREPORT_ARENA_H

#include <stddef.h>

typedef struct cx_arena cx_arena;

cx_arena *cx_arena_new(void);
void cx_arena_free(cx_arena *a);

/* Zeroed memory aligned for any type; NULL on overflow or out of memory. */
void *cx_arena_alloc(cx_arena *a, size_t size);
void *cx_arena_calloc(cx_arena *a, size_t count, size_t size);
char *cx_arena_strdup(cx_arena *a, const char *s);
char *cx_arena_strndup(cx_arena *a, const char *s, size_t n);
char *cx_arena_printf(cx_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for limits and tests). */
size_t cx_arena_used(const cx_arena *a);

#endif
