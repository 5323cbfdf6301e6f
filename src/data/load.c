/*
 * load.c — cx_dataset_load: picks the encoding by the file's extension,
 * finds the sidecar, and hands back a complete table or one diagnostic.
 * Never leaves a half-built table behind.
 */
#include "cxreport/data.h"
#include "loaders.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The extension of the last path component ("" when none). */
static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : "";
}

/* NAME.EXT -> NAME.meta.json (malloc'd). */
static char *sidecar_path(const char *path, const char *ext)
{
    size_t stem = (size_t)(ext - path);
    char *s = malloc(stem + sizeof ".meta.json");
    if (s) {
        memcpy(s, path, stem);
        memcpy(s + stem, ".meta.json", sizeof ".meta.json");
    }
    return s;
}

cx_status cx_dataset_load(const char *path, const cx_load_limits *limits,
                          cx_table **out, cx_diag *diag)
{
    cx_status st;
    char *sidecar = NULL;
    *out = NULL;
    cx_diag_clear(diag);
    if (!path || !*path)
        return cx_diag_set(diag, CX_EDATA, NULL, 0, 0, "no dataset file given");

    const char *ext = extension(path);
    enum { JSON, JSONL, CSV } kind;
    if (strcasecmp(ext, ".json") == 0)
        kind = JSON;
    else if (strcasecmp(ext, ".jsonl") == 0 || strcasecmp(ext, ".ndjson") == 0)
        kind = JSONL;
    else if (strcasecmp(ext, ".csv") == 0)
        kind = CSV;
    else if (!*ext)
        return cx_diag_set(diag, CX_EDATA, path, 0, 0, "the file name has no extension: "
                           "cannot tell the encoding (expected .json, .jsonl, .ndjson or .csv)");
    else
        return cx_diag_set(diag, CX_EDATA, path, 0, 0, "unknown dataset extension \"%s\" "
                           "(expected .json, .jsonl, .ndjson or .csv)", ext);

    cx_table *t = cx_table_new(path);
    if (!t)
        return cx_diag_set(diag, CX_EINTERNAL, path, 0, 0, "out of memory");
    if (kind != JSON && !(sidecar = sidecar_path(path, ext))) {
        st = cx_diag_set(diag, CX_EINTERNAL, path, 0, 0, "out of memory");
        goto done;
    }
    switch (kind) {
    case JSON:
        st = cx_json_load(t, path, limits, diag);
        break;
    case JSONL:
        st = cx_jsonl_load(t, path, sidecar, limits, diag);
        break;
    default:
        st = cx_csv_load(t, path, sidecar, limits, diag);
        break;
    }
done:
    free(sidecar);
    if (st != CX_OK) {
        if (diag->status == CX_OK)      /* never fail without saying why */
            cx_diag_set(diag, st, path, 0, 0, "cannot load the dataset");
        cx_table_free(t);
        return st;
    }
    cx_diag_clear(diag);
    *out = t;
    return CX_OK;
}
