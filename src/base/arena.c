/*
 * arena.c — a bump allocator over a list of blocks.  Big requests get a
 * block of their own so a few large tables do not waste a standard block.
 */
#include "cxreport/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = _Alignof(max_align_t) };

typedef struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
} arena_block;

struct cx_arena {
    arena_block *head;
    size_t total;
};

cx_arena *cx_arena_new(void)
{
    return calloc(1, sizeof(cx_arena));
}

void cx_arena_free(cx_arena *a)
{
    if (!a)
        return;
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

static arena_block *arena_block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(arena_block))
        return NULL;
    arena_block *b = malloc(sizeof(arena_block) + size);
    if (b) {
        b->size = size;
        b->used = 0;
    }
    return b;
}

void *cx_arena_alloc(cx_arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        if (size > ARENA_BLOCK / 4) {
            /* A private block, linked behind the current one so the
             * current block keeps serving small requests. */
            arena_block *big = arena_block_new(size);
            if (!big)
                return NULL;
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            a->total += size;
            memset(big->data, 0, size);
            return big->data;
        }
        b = arena_block_new(ARENA_BLOCK);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

void *cx_arena_calloc(cx_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return cx_arena_alloc(a, count * size);
}

char *cx_arena_strndup(cx_arena *a, const char *s, size_t n)
{
    char *p = cx_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *cx_arena_strdup(cx_arena *a, const char *s)
{
    return cx_arena_strndup(a, s, strlen(s));
}

char *cx_arena_printf(cx_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = NULL;
    if (n >= 0 && (p = cx_arena_alloc(a, (size_t)n + 1)))
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t cx_arena_used(const cx_arena *a)
{
    return a->total;
}
