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

/* Length in bytes of the string of a valid code. */
size_t cx_dict_length(const cx_dict *d, int32_t code);

#endif
