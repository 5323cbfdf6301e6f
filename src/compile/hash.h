/*
 * hash.h — SHA-256 of files and buffers, through OpenSSL's libcrypto (a
 * well-kept library, not a hand-written hash), as lowercase hex.
 */
#ifndef CX_BUILD_HASH_H
#define CX_BUILD_HASH_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/data.h"

enum { CX_HASH_HEX = 65 };      /* 64 hex digits and the NUL */

typedef struct cx_hasher cx_hasher;

cx_hasher *cx_hasher_new(void);
void cx_hasher_update(cx_hasher *h, const void *bytes, size_t len);
void cx_hasher_string(cx_hasher *h, const char *s);     /* with its terminating NUL */
/* Writes the digest as hex and frees the hasher. */
void cx_hasher_finish(cx_hasher *h, char hex[CX_HASH_HEX]);

void cx_hash_bytes(const void *bytes, size_t len, char hex[CX_HASH_HEX]);
/* False when the file cannot be read (hex is then ""). */
bool cx_hash_file(const char *path, char hex[CX_HASH_HEX]);

/* The given rows of t (every column's name and text, and the questions),
 * so two selections hash equal exactly when they hold the same answers. */
void cx_hash_rows(const cx_table *t, const size_t *rows, size_t nrows, char hex[CX_HASH_HEX]);

#endif
