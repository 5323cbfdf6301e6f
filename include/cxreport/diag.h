/*
 * diag.h — errors as values.
 *
 * Every stage reports failure by filling a caller-owned cx_diag and
 * returning a cx_status.  Nothing prints: only src/compile and src/main.c
 * turn a diagnostic into a line on stderr and an exit code.  A cx_diag is
 * plain data (fixed buffers), so it can be copied, kept across stages and
 * filled from a signal-free error path without allocating.
 *
 * Ownership: the caller owns the cx_diag (usually on its stack); callees
 * only write into it.
 */
#ifndef CXREPORT_DIAG_H
#define CXREPORT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit codes of the cxreport command, one per kind of failure.  Stable:
 * documented in --help and the README, relied on by CI scripts. */
typedef enum cx_status {
    CX_OK = 0,          /* success */
    CX_EFAILED = 1,     /* some reports of a batch failed, or --werror */
    CX_EUSAGE = 2,      /* bad command line */
    CX_EDATA = 3,       /* a dataset is missing, unreadable or breaks the contract */
    CX_ESCRIPT = 4,     /* the report script failed (error, limit, sandbox) */
    CX_EOUTPUT = 5,     /* the output could not be written */
    CX_EINTERNAL = 6,   /* a bug or out of memory in cxreport itself */
} cx_status;

typedef enum cx_severity { CX_SEV_ERROR = 0, CX_SEV_WARNING = 1 } cx_severity;

typedef struct cx_diag {
    cx_status status;       /* CX_OK when nothing has been reported */
    cx_severity severity;
    char file[1024];        /* "" when no file is involved */
    long line;              /* 1-based; 0 = unknown */
    long column;            /* 1-based, in Unicode code points; 0 = unknown */
    char message[2048];     /* one line, no trailing newline */
} cx_diag;

void cx_diag_clear(cx_diag *d);

/* Fills d and returns status, so callers can `return cx_diag_set(...)`.
 * file may be NULL.  The message is truncated to fit, never overflowed. */
cx_status cx_diag_set(cx_diag *d, cx_status status, const char *file,
                      long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
cx_status cx_diag_vset(cx_diag *d, cx_status status, const char *file,
                       long line, long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* Formats "file:line:column: message" (parts that are unknown are left
 * out) into buf, always NUL-terminated.  Returns buf. */
char *cx_diag_format(const cx_diag *d, char *buf, size_t size);

/* A growing list of diagnostics (warnings collected during a build).
 * Ownership: the list owns its array; cx_diag_list_free releases it. */
typedef struct cx_diag_list {
    size_t count, cap;
    cx_diag *items;
} cx_diag_list;

/* Appends a copy; false on out of memory (the diagnostic is dropped). */
bool cx_diag_list_add(cx_diag_list *l, const cx_diag *d);
void cx_diag_list_free(cx_diag_list *l);

/* Human name of an exit status, e.g. "data error". */
const char *cx_status_name(cx_status s);

/* A size limit as a message shows it, the way it was given: "256 MiB",
 * "1536 KiB", "1000 bytes".  Returns buf. */
char *cx_diag_size_text(size_t n, char *buf, size_t size);

#endif
