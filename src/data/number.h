/*
 * number.h — JSON numbers for the dataset readers (internal to src/data).
 * cx_format_double, the text form of numbers, is public (data.h).
 */
#ifndef CX_DATA_NUMBER_H
#define CX_DATA_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the longest prefix of [p, end) that follows JSON's number
 * grammar (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), 0 if none. */
size_t cx_number_span(const char *p, const char *end);

/* True when all of s[0..n) is one JSON number; *out receives its value,
 * correctly rounded (±inf when it overflows: callers reject that). */
bool cx_number_parse(const char *s, size_t n, double *out);

#endif
