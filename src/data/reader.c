/*
 * reader.c — buffered file input for the dataset loaders.  Plain read(2)
 * into a growing buffer; no mmap, so memory use is the buffer plus the
 * columns, whatever the file size.  Never interprets the bytes.
 */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static cx_status io_error(cx_diag *diag, const char *path, const char *what, int err)
{
    char msg[256];
    if (strerror_r(err, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", err);
    return cx_diag_set(diag, CX_EDATA, path, 0, 0, "%s: %s", what, msg);
}

cx_status cx_reader_open(cx_reader **out, const char *path, size_t chunk, cx_diag *diag)
{
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return io_error(diag, path, "cannot open", errno);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return io_error(diag, path, "cannot read", EISDIR);
    }
    cx_reader *r = calloc(1, sizeof *r);
    if (r)
        r->buf = malloc(chunk + 1);
    if (!r || !r->buf) {
        free(r);
        close(fd);
        return cx_diag_set(diag, CX_EINTERNAL, path, 0, 0, "out of memory");
    }
    r->fd = fd;
    r->cap = chunk;
    r->path = path;
    *out = r;
    return CX_OK;
}

void cx_reader_close(cx_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    free(r->buf);
    free(r);
}

cx_status cx_reader_fill(cx_reader *r, cx_diag *diag)
{
    if (r->pos) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->base += (long long)r->pos;
        r->pos = 0;
    }
    if (r->eof)
        return CX_OK;
    if (r->len == r->cap) {
        size_t cap = r->cap * 2;
        char *buf = cap > r->cap ? realloc(r->buf, cap + 1) : NULL;
        if (!buf)
            return cx_diag_set(diag, CX_EINTERNAL, r->path, 0, 0, "out of memory");
        r->buf = buf;
        r->cap = cap;
    }
    while (r->len < r->cap) {
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return io_error(diag, r->path, "cannot read", errno);
        }
        if (n == 0) {
            r->eof = true;
            break;
        }
        r->len += (size_t)n;
    }
    r->buf[r->len] = '\0';
    return CX_OK;
}

cx_status cx_reader_skip_bom(cx_reader *r, cx_diag *diag)
{
    cx_status st;
    while (r->len - r->pos < 3 && !r->eof)
        if ((st = cx_reader_fill(r, diag)) != CX_OK)
            return st;
    if (r->len - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
    return CX_OK;
}

cx_status cx_reader_seek(cx_reader *r, long long offset, cx_diag *diag)
{
    if (lseek(r->fd, (off_t)offset, SEEK_SET) < 0)
        return io_error(diag, r->path, "cannot read", errno);
    r->base = offset;
    r->len = r->pos = 0;
    r->eof = false;
    return cx_reader_fill(r, diag);
}

cx_status cx_read_file(const char *path, char **text, size_t *len, cx_diag *diag)
{
    cx_reader *r;
    cx_status st = cx_reader_open(&r, path, 64 * 1024, diag);
    *text = NULL;
    if (st != CX_OK)
        return st;
    while (!r->eof)
        if ((st = cx_reader_fill(r, diag)) != CX_OK)
            goto done;
    *text = r->buf;
    *len = r->len;
    r->buf = NULL;
done:
    cx_reader_close(r);
    return st;
}
