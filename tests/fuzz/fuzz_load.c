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

#include "fuzz_files.h"

static const char SIDECAR_MARK[] = "\n#SIDECAR#\n";

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
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    bool limited = (sel / 3) & 1;
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    const uint8_t *mark = find_mark(body, n);
    size_t body_len = mark ? (size_t)(mark - body) : n;

    static const char *const names[] = { "data.json", "data.jsonl", "data.csv" };
    fuzz_private_dir("load");
    const char *path = fuzz_file(names[sel % 3]), *meta = fuzz_file("data.meta.json");
    fuzz_write(path, body, body_len);
    if (mark) {
        const uint8_t *side = mark + sizeof SIDECAR_MARK - 1;
        fuzz_write(meta, side, (size_t)(body + n - side));
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
