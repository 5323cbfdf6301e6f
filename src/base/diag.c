/*
 * diag.c — filling and formatting cx_diag values.  Never allocates, so it
 * is safe on out-of-memory paths.
 */
#include "cxreport/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cx_diag_clear(cx_diag *d)
{
    memset(d, 0, sizeof *d);
}

cx_status cx_diag_vset(cx_diag *d, cx_status status, const char *file,
                       long line, long column, const char *fmt, va_list ap)
{
    if (!d)
        return status;
    d->status = status;
    d->severity = CX_SEV_ERROR;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    d->line = line;
    d->column = column;
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    /* One diagnostic is one line: fold any newline a message carried in. */
    for (char *p = d->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return status;
}

cx_status cx_diag_set(cx_diag *d, cx_status status, const char *file,
                      long line, long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cx_diag_vset(d, status, file, line, column, fmt, ap);
    va_end(ap);
    return status;
}

char *cx_diag_format(const cx_diag *d, char *buf, size_t size)
{
    if (!size)
        return buf;
    if (!d->file[0])
        snprintf(buf, size, "%s", d->message);
    else if (d->line <= 0)
        snprintf(buf, size, "%s: %s", d->file, d->message);
    else if (d->column <= 0)
        snprintf(buf, size, "%s:%ld: %s", d->file, d->line, d->message);
    else
        snprintf(buf, size, "%s:%ld:%ld: %s", d->file, d->line, d->column, d->message);
    return buf;
}

const char *cx_status_name(cx_status s)
{
    switch (s) {
    case CX_OK: return "success";
    case CX_EFAILED: return "some builds failed";
    case CX_EUSAGE: return "usage error";
    case CX_EDATA: return "data error";
    case CX_ESCRIPT: return "script error";
    case CX_EOUTPUT: return "output error";
    case CX_EINTERNAL: return "internal error";
    }
    return "unknown error";
}

bool cx_diag_list_add(cx_diag_list *l, const cx_diag *d)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        cx_diag *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return false;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = *d;
    return true;
}

void cx_diag_list_free(cx_diag_list *l)
{
    if (!l)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}

char *cx_diag_size_text(size_t n, char *buf, size_t size)
{
    if (n && n % ((size_t)1 << 20) == 0)
        snprintf(buf, size, "%zu MiB", n >> 20);
    else if (n && n % 1024 == 0)
        snprintf(buf, size, "%zu KiB", n >> 10);
    else
        snprintf(buf, size, "%zu bytes", n);
    return buf;
}
