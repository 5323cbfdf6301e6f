/*
 * dict.h — building dictionaries (internal to src/data; the read-only
 * part, cx_dict_count/string/find, is public in data.h).
 *
 * A cx_dict owns copies of its strings.  Codes are dense, in insertion
 * order, and never change once given.
 */
#ifndef CX_DATA_DICT_H
#define CX_DATA_DICT_H

#include "cxreport/data.h"

cx_dict *cx_dict_new(void);
void cx_dict_free(cx_dict *d);
cx_dict *cx_dict_copy(const cx_dict *d);        /* NULL on out of memory */

/* Code of s[0..len), adding it when absent.  -1 on out of memory.  The
 * string must hold no NUL byte (the readers reject those). */
int32_t cx_dict_intern(cx_dict *d, const char *s, size_t len);

/* Memory a loader may still spend (cx_load_limits.max_data_memory): used
 * grows with every allocation charged to it; one that would pass limit
 * is not made, and sets exceeded. */
typedef struct cx_mem_budget {
    size_t used, limit;         /* limit 0 = none */
    bool exceeded;
} cx_mem_budget;

/* Takes n bytes from m (NULL = no budget): false, with m->exceeded set,
 * when they would pass its limit. */
static inline bool cx_mem_charge(cx_mem_budget *m, size_t n)
{
    if (!m)
        return true;
    if (m->limit && (m->used > m->limit || n > m->limit - m->used)) {
        m->exceeded = true;
        return false;
    }
    m->used += n;
    return true;
}

/* cx_dict_intern charging the dictionary's growth (string pool blocks,
 * arrays, hash table) to m: -1 when out of memory or over the budget
 * (then m->exceeded says so).  Lookups and hits cost nothing. */
int32_t cx_dict_intern_in(cx_dict *d, const char *s, size_t len, cx_mem_budget *m);

/* Length in bytes of the string of a valid code. */
size_t cx_dict_length(const cx_dict *d, int32_t code);

#endif
