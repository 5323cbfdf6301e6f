/*
 * value.h — generic values built from cJSON items (internal to src/data;
 * the cx_value type and cx_value_get are public in data.h).
 */
#ifndef CX_DATA_VALUE_H
#define CX_DATA_VALUE_H

#include <cJSON.h>

#include "cxreport/data.h"

/* Deep-copies a cJSON item into *out (all memory owned by *out).  The
 * item must already be checked (finite numbers, no duplicate keys).
 * Returns 0, or -1 on out of memory with *out left empty. */
int cx_value_from_json(const cJSON *item, cx_value *out);

/* Deep copy; 0 or -1 on out of memory (then *out is left empty). */
int cx_value_copy(const cx_value *v, cx_value *out);

/* Frees what *v owns and leaves it CX_V_NULL. */
void cx_value_clear(cx_value *v);

#endif
