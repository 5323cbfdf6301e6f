/*
 * dict.c — string dictionaries: an open-addressing hash table of codes
 * over strings kept in a chunked pool, so a million distinct strings cost
 * a million small copies in a few large blocks, not a million mallocs.
 * Owns every string it hands out; never sees files or JSON.
 *
 * While strings arrive in strictly increasing order (respondent ids in a
 * sorted file) no hash table is kept at all: a new string greater than
 * the last is new, lookups are binary searches.  A big table of unique
 * ids would cost a cache miss per row; the sorted run costs nothing.  The
 * first string out of order builds the table.
 *
 * A loader charges every growth (pool blocks, arrays, the table) to its
 * memory budget before making it (cx_dict_intern_in); a hit costs nothing.
 */
#include "dict.h"

#include <stdlib.h>
#include <string.h>

enum { POOL_BLOCK = 64 * 1024, POOL_MAX = 4 * 1024 * 1024 };

typedef struct pool_block {
    struct pool_block *next;
    size_t used, size;
    char data[];
} pool_block;

struct cx_dict {
    size_t count, cap;          /* strings */
    char **str;
    uint32_t *len;
    uint64_t *slot;             /* nslots entries: tag << 32 | (code + 1); 0 = empty.
                                   The tag (the hash's low 32 bits, which also
                                   give the position) rules out most strings
                                   without touching them: one cache miss per
                                   lookup in a big dictionary, not three. */
    size_t nslots;              /* power of two, load <= 1/2; 0 while sorted */
    bool sorted;                /* strings so far strictly increasing, no table */
    pool_block *pool;
    size_t pool_next;           /* size of the next block */
};

static uint64_t cx_dict_hash(const char *s, size_t n)
{
    /* Word-at-a-time multiply-xorshift: fast on short keys, and the
     * exact mixing does not matter for correctness, only speed. */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)          /* a loop, not a memcpy call */
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * 0x94d049bb133111ebull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
}

cx_dict *cx_dict_new(void)
{
    cx_dict *d = calloc(1, sizeof *d);
    if (d)
        d->sorted = true;
    return d;
}

void cx_dict_free(cx_dict *d)
{
    if (!d)
        return;
    for (pool_block *b = d->pool, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(d->str);
    free(d->len);
    free(d->slot);
    free(d);
}

size_t cx_dict_count(const cx_dict *d)
{
    return d ? d->count : 0;
}

const char *cx_dict_string(const cx_dict *d, int32_t code)
{
    if (!d || code < 0 || (size_t)code >= d->count)
        return NULL;
    return d->str[code];
}

size_t cx_dict_length(const cx_dict *d, int32_t code)
{
    return d->len[code];
}

static int32_t dict_lookup(const cx_dict *d, const char *s, size_t len,
                           uint64_t h, size_t *slot_out)
{
    size_t mask = d->nslots - 1;
    size_t i = (size_t)(uint32_t)h & mask;
    uint64_t tag = (uint64_t)(uint32_t)h << 32;
    for (;;) {
        uint64_t e = d->slot[i];
        if (!e) {
            *slot_out = i;
            return -1;
        }
        if ((e & 0xFFFFFFFF00000000ull) == tag) {
            int32_t c = (int32_t)(uint32_t)e - 1;
            if (d->len[c] == len && memcmp(d->str[c], s, len) == 0)
                return c;
        }
        i = (i + 1) & mask;
    }
}

/* Byte order, a prefix before its extensions. */
static int cmp_str(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c : (alen > blen) - (alen < blen);
}

static int32_t sorted_find(const cx_dict *d, const char *s, size_t len)
{
    size_t lo = 0, hi = d->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_str(d->str[mid], d->len[mid], s, len);
        if (c == 0)
            return (int32_t)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int32_t cx_dict_find(const cx_dict *d, const char *s, size_t len)
{
    if (!d || len > UINT32_MAX)
        return -1;
    if (d->sorted)
        return sorted_find(d, s, len);
    size_t slot = 0;
    return dict_lookup(d, s, len, cx_dict_hash(s, len), &slot);
}

static char *pool_copy(cx_dict *d, const char *s, size_t len, cx_mem_budget *m)
{
    pool_block *b = d->pool;
    if (!b || b->size - b->used < len + 1) {
        /* Blocks double up to 4 MiB, so a big dictionary lives in a few
         * large blocks; a string too big for the next block gets a
         * private one behind the current block, which keeps serving. */
        size_t next = d->pool_next ? d->pool_next : POOL_BLOCK;
        bool private = len + 1 > next / 4;
        size_t size = private ? len + 1 : next;
        if (!cx_mem_charge(m, sizeof(pool_block) + size))
            return NULL;
        pool_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        if (b && private) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            d->pool = nb;
            if (!private && next < POOL_MAX)
                d->pool_next = next * 2;
        }
        b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

/* A table of n slots (power of two) holding every string. */
static int dict_rehash(cx_dict *d, size_t n, cx_mem_budget *m)
{
    if (n > d->nslots && !cx_mem_charge(m, (n - d->nslots) * sizeof *d->slot))
        return -1;
    uint64_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return -1;
    size_t mask = n - 1;
    if (d->sorted) {
        for (size_t c = 0; c < d->count; c++) {
            uint64_t h = cx_dict_hash(d->str[c], d->len[c]);
            size_t i = (size_t)(uint32_t)h & mask;
            while (slot[i])
                i = (i + 1) & mask;
            slot[i] = (uint64_t)(uint32_t)h << 32 | (uint64_t)(c + 1);
        }
    } else {
        /* The slot's tag is the low half of the hash, which is also where
         * the position comes from: entries move without reading their
         * strings. */
        for (size_t j = 0; j < d->nslots; j++) {
            uint64_t e = d->slot[j];
            if (!e)
                continue;
            size_t i = (size_t)(e >> 32) & mask;
            while (slot[i])
                i = (i + 1) & mask;
            slot[i] = e;
        }
    }
    free(d->slot);
    d->slot = slot;
    d->nslots = n;
    d->sorted = false;
    return 0;
}

static int dict_grow(cx_dict *d, cx_mem_budget *m)
{
    size_t cap = d->cap ? d->cap * 2 : 16;
    if (!cx_mem_charge(m, (cap - d->cap) * (sizeof *d->str + sizeof *d->len)))
        return -1;
    char **str = realloc(d->str, cap * sizeof *str);
    if (!str)
        return -1;
    d->str = str;
    uint32_t *len = realloc(d->len, cap * sizeof *len);
    if (!len)
        return -1;
    d->len = len;
    d->cap = cap;
    return 0;
}

static int32_t append(cx_dict *d, const char *s, size_t len, cx_mem_budget *m)
{
    if (d->count == d->cap && dict_grow(d, m) < 0)
        return -1;
    char *copy = pool_copy(d, s, len, m);
    if (!copy)
        return -1;
    int32_t c = (int32_t)d->count++;
    d->str[c] = copy;
    d->len[c] = (uint32_t)len;
    return c;
}

int32_t cx_dict_intern(cx_dict *d, const char *s, size_t len)
{
    return cx_dict_intern_in(d, s, len, NULL);
}

int32_t cx_dict_intern_in(cx_dict *d, const char *s, size_t len, cx_mem_budget *m)
{
    if (len > UINT32_MAX || d->count >= INT32_MAX - 1)
        return -1;
    if (d->sorted) {
        size_t n = d->count;
        int c = n ? cmp_str(s, len, d->str[n - 1], d->len[n - 1]) : 1;
        if (c > 0)
            return append(d, s, len, m);
        if (c == 0)
            return (int32_t)(n - 1);
        int32_t found = sorted_find(d, s, len);
        if (found >= 0)
            return found;
        size_t slots = 16;
        while (slots < 2 * (n + 1))
            slots *= 2;
        if (dict_rehash(d, slots, m) < 0)
            return -1;
    }
    uint64_t h = cx_dict_hash(s, len);
    size_t slot = 0;
    int32_t c = dict_lookup(d, s, len, h, &slot);
    if (c >= 0)
        return c;
    if ((d->count + 1) * 2 > d->nslots) {
        if (dict_rehash(d, d->nslots * 2, m) < 0)
            return -1;
        dict_lookup(d, s, len, h, &slot);
    }
    if ((c = append(d, s, len, m)) < 0)
        return -1;
    d->slot[slot] = (uint64_t)(uint32_t)h << 32 | (uint64_t)(c + 1);
    return c;
}

cx_dict *cx_dict_copy(const cx_dict *d)
{
    cx_dict *n = cx_dict_new();
    if (!n)
        return NULL;
    for (size_t c = 0; d && c < d->count; c++)
        if (cx_dict_intern(n, d->str[c], d->len[c]) != (int32_t)c) {
            cx_dict_free(n);
            return NULL;
        }
    return n;
}
