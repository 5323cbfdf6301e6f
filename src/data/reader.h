/*
 * reader.h — chunked reading of a dataset file (internal to src/data).
 *
 * The file is read through one buffer (1 MiB to start) that grows only
 * when a single unit — a line, a record, one response — does not fit.
 * Peak memory follows the largest unit, never the file.
 *
 * Ownership: cx_reader_open allocates, cx_reader_close frees (accepts
 * NULL).
 */
#ifndef CX_DATA_READER_H
#define CX_DATA_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "cxreport/diag.h"

enum { CX_READER_CHUNK = 1 << 20 };

typedef struct cx_reader {
    int fd;
    char *buf;
    size_t cap;         /* bytes allocated (one spare for a NUL) */
    size_t len;         /* bytes held */
    size_t pos;         /* the caller's cursor: bytes before it may go */
    bool eof;           /* nothing more to read */
    long long base;     /* file offset of buf[0] */
    const char *path;   /* borrowed, for diagnostics */
} cx_reader;

/* Opens path.  On failure fills diag ("cannot open: …", no line) and
 * returns CX_EDATA, or CX_EINTERNAL when out of memory. */
cx_status cx_reader_open(cx_reader **out, const char *path, size_t chunk, cx_diag *diag);
void cx_reader_close(cx_reader *r);

/* Drops the bytes before pos, then reads more (growing the buffer when
 * the held bytes fill it).  After the call the bytes that were at pos are
 * at buf[0] and pos is 0: callers keep offsets from pos, not pointers.
 * Sets eof when the file is exhausted. */
cx_status cx_reader_fill(cx_reader *r, cx_diag *diag);

/* Skips a UTF-8 byte-order mark at the start of the file. */
cx_status cx_reader_skip_bom(cx_reader *r, cx_diag *diag);

/* Moves to an absolute file offset (already read once) and refills. */
cx_status cx_reader_seek(cx_reader *r, long long offset, cx_diag *diag);

/* Reads a whole small file into a NUL-terminated malloc'd buffer. */
cx_status cx_read_file(const char *path, char **text, size_t *len, cx_diag *diag);

#endif
