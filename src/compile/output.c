/*
 * output.c — atomic file replacement.
 *
 * The bytes go to a fresh temporary file beside the target (same folder,
 * so rename is atomic on one file system), are flushed to disk, and only
 * then renamed over the target.  Any failure removes the temporary: the
 * earlier output is never half-replaced.
 */
#include "cxreport/build.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

cx_status cx_write_atomic(const char *path, const void *bytes, size_t len, cx_diag *diag)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write output: it is a directory");

    char tmp[4096];
    const char *slash = strrchr(path, '/');
    int n;
    if (slash)
        n = snprintf(tmp, sizeof tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
    else
        n = snprintf(tmp, sizeof tmp, ".%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write output: path too long");

    int fd = mkstemp(tmp);
    if (fd < 0)
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write output: %s", strerror(errno));

    /* mkstemp creates 0600; give the file the usual 0666 less umask. */
    mode_t mask = umask(0);
    umask(mask);
    const char *what = NULL;
    if (fchmod(fd, 0666 & ~mask) != 0)
        what = "chmod";
    const unsigned char *p = bytes;
    size_t left = len;
    while (!what && left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            what = "write";
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    if (!what && fsync(fd) != 0)
        what = "fsync";
    int saved = errno;
    if (close(fd) != 0 && !what) {
        what = "close";
        saved = errno;
    }
    if (!what && rename(tmp, path) != 0) {
        what = "rename";
        saved = errno;
    }
    if (what) {
        unlink(tmp);
        return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot write output (%s): %s", what,
                           strerror(saved));
    }
    return CX_OK;
}

/* mkdir -p: creates dir and its missing parents; a file where a folder
 * should be is an output error. */
cx_status cx_make_dirs(const char *dir, cx_diag *diag)
{
    char path[4096];
    size_t len = strlen(dir);
    if (len == 0 || len >= sizeof path)
        return cx_diag_set(diag, CX_EOUTPUT, dir, 0, 0, "cannot use this folder name");
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        struct stat sb;
        if (stat(path, &sb) != 0) {
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0,
                                   "cannot create the folder: %s", strerror(errno));
        } else if (!S_ISDIR(sb.st_mode)) {
            return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0,
                               "cannot create a folder here: a file has that name");
        }
        path[i] = saved;
    }
    return CX_OK;
}
