/*
 * utf8.h — UTF-8 checks for the dataset readers (internal to src/data).
 *
 * Strict validation (no overlong forms, no surrogates, nothing above
 * U+10FFFF) and code-point counting for line:column positions.  Named
 * cx_data_utf8_* so it never clashes with the document stage's own
 * validator.
 */
#ifndef CX_DATA_UTF8_H
#define CX_DATA_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length (1..4) of the valid sequence starting at p, 0 when the bytes at
 * p are not valid UTF-8, or -1 when the sequence is cut by end and more
 * input may follow (final false).  Requires p < end. */
int cx_data_utf8_seq(const char *p, const char *end, bool final);

/* Code points in [p, end), counting every byte that is not a
 * continuation byte: exact on valid text. */
size_t cx_data_utf8_count(const char *p, const char *end);

/* First invalid byte of [p, end), or NULL when all of it is valid. */
const char *cx_data_utf8_check(const char *p, const char *end);

#endif
