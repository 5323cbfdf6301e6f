/*
 * fuzz_files.h — the file handling every harness needs: one private
 * temporary folder per process (under TMPDIR, removed at exit with the
 * files named through fuzz_file), and writes that abort when they fail,
 * since then the harness, not the code under test, is broken.
 * Header-only; each harness includes it once.
 */
#ifndef CX_FUZZ_FILES_H
#define CX_FUZZ_FILES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[64];
static char fuzz_paths[4][128];
static int fuzz_npaths;

static inline void fuzz_die(const char *what)
{
    fprintf(stderr, "fuzz harness: %s\n", what);
    abort();
}

static inline void fuzz_cleanup(void)
{
    for (int i = 0; i < fuzz_npaths; i++)
        unlink(fuzz_paths[i]);
    if (fuzz_dir[0])
        rmdir(fuzz_dir);
}

/* Makes the private folder, named after the harness, on the first call. */
static inline const char *fuzz_private_dir(const char *harness)
{
    if (!fuzz_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/cxfuzz-%s-XXXXXX",
                 tmp && strlen(tmp) < 32 ? tmp : "/tmp", harness);
        if (!mkdtemp(fuzz_dir))
            fuzz_die("mkdtemp failed");
        atexit(fuzz_cleanup);
    }
    return fuzz_dir;
}

/* The path of name in the private folder, removed at exit. */
static inline const char *fuzz_file(const char *name)
{
    for (int i = 0; i < fuzz_npaths; i++) {
        const char *slash = strrchr(fuzz_paths[i], '/');
        if (strcmp(slash + 1, name) == 0)
            return fuzz_paths[i];
    }
    if (!fuzz_dir[0] || fuzz_npaths == 4)
        fuzz_die("fuzz_file: no folder, or too many files");
    snprintf(fuzz_paths[fuzz_npaths], sizeof fuzz_paths[0], "%s/%s", fuzz_dir, name);
    return fuzz_paths[fuzz_npaths++];
}

static inline void fuzz_write(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
        fuzz_die("cannot write a file");
}

/* Copies a file of at most 1 MiB (a fixture the inputs refer to). */
static inline void fuzz_copy(const char *from, const char *to)
{
    static unsigned char buf[1 << 20];
    FILE *in = fopen(from, "rb");
    if (!in)
        fuzz_die("cannot read a fixture");
    size_t n = fread(buf, 1, sizeof buf, in);
    fclose(in);
    fuzz_write(to, buf, n);
}

#endif
