/*
 * fuzz_load.c — libFuzzer harness for the dataset loader (src/data/).
 *
 * Input layout:  one format byte, then the file's content, optionally
 * followed by "\n#SIDECAR#\n" and the content of NAME.meta.json.
 *   byte % 3        0 = .json, 1 = .jsonl, 2 = .csv
 *   (byte / 3) & 1  1 = load with small limits (50 rows, 256-byte lines)
 * so the ASCII digits read: '0' .json, '1' .jsonl, '2' .csv, and '3' '4'
 * '5' the same with the small limits (the seed corpus uses them).
 * The files go into one private temporary folder made on the first run
 * and are removed after every run.  The loader must never crash, hang or
 * leak, whatever the bytes: a failure is fine, it is a diagnostic.
 *
 * Must never: print (libFuzzer owns the output), or leave files behind.
 */
#include "cxreport/data.h"
#include "cxreport/diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char SIDECAR_MARK[] = "\n#SIDECAR#\n";

/* The private folder, made once; removed at exit. */
static char dir[64];

static void remove_dir(void)
{
    if (dir[0])
        rmdir(dir);
}

static const char *private_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/cxfuzz-load-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror("fuzz_load: mkdtemp");
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        abort();            /* the harness, not the loader, is broken */
    }
}

/* memmem is a GNU extension: a plain search keeps the build strict C17. */
static const uint8_t *find_mark(const uint8_t *p, size_t n)
{
    size_t m = sizeof SIDECAR_MARK - 1;
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(p + i, SIDECAR_MARK, m) == 0)
            return p + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const exts[] = { ".json", ".jsonl", ".csv" };
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    const char *ext = exts[sel % 3];
    bool limited = (sel / 3) & 1;
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    const uint8_t *mark = find_mark(body, n);
    size_t body_len = mark ? (size_t)(mark - body) : n;

    char path[128], meta[128];
    snprintf(path, sizeof path, "%s/data%s", private_dir(), ext);
    snprintf(meta, sizeof meta, "%s/data.meta.json", private_dir());
    write_file(path, body, body_len);
    if (mark) {
        const uint8_t *side = mark + sizeof SIDECAR_MARK - 1;
        write_file(meta, side, (size_t)(body + n - side));
    }

    cx_load_limits limits = { 50, 256 };
    cx_table *t = NULL;
    cx_diag diag;
    cx_status st = cx_dataset_load(path, limited ? &limits : NULL, &t, &diag);
    /* The contract: a table exactly on success, a diagnostic otherwise. */
    if ((st == CX_OK) != (t != NULL) || (st != CX_OK && diag.message[0] == '\0'))
        abort();
    if (t) {
        /* Touch every cell through the public accessors. */
        char buf[32];
        for (size_t c = 0; c < t->ncols; c++)
            for (size_t r = 0; r < t->nrows; r++)
                (void)cx_table_cell_text(t, c, r, buf, sizeof buf);
    }
    cx_table_free(t);
    unlink(path);
    if (mark)
        unlink(meta);
    return 0;
}
