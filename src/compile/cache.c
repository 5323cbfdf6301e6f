/*
 * cache.c — the incremental build's memory: one entry per output, listing
 * every input the last build of that output read, with its content hash.
 *
 * An entry is plain text in the cache folder, named by the hash of the
 * output path:
 *
 *   cxreport-cache 1
 *   output <sha256> <pages>
 *   opt <line>                       build settings: version, date, params
 *   warn <line> <file>\t<message>    a warning the build printed
 *   file <sha256> <path>             script, modules, fonts, brand assets
 *   data <name> whole <sha256>       a dataset read in full (file + sidecar)
 *   data <name> rows <sha256> <n>    rows a filter selected, then n filter lines
 *   <field>\t<value>\t…
 *   check <sha256 of everything above>
 *
 * An output is unchanged when its entry is intact (the check line), every
 * setting and hash still matches, and the output file still has the bytes
 * it was written with.  A corrupt, truncated or stale entry is ignored,
 * never trusted: the report is rebuilt and the entry replaced.
 */
#include "cache.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cxreport/data_ops.h"
#include "hash.h"

/* ------------------------------------------------------------ memo */

const char *cx_memo_file(cx_memo *m, const char *path)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->paths[i], path) == 0)
            return m->hashes[i];
    if (m->count == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 32;
        char **p = realloc(m->paths, cap * sizeof *p);
        if (!p)
            return "";
        m->paths = p;
        char (*h)[CX_HASH_HEX] = realloc(m->hashes, cap * sizeof *h);
        if (!h)
            return "";
        m->hashes = h;
        m->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return "";
    m->paths[m->count] = copy;
    cx_hash_file(path, m->hashes[m->count]);
    return m->hashes[m->count++];
}

void cx_memo_free(cx_memo *m)
{
    for (size_t i = 0; i < m->count; i++)
        free(m->paths[i]);
    free(m->paths);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

void cx_sidecar_path(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
    snprintf(buf, size, "%.*s.meta.json", (int)stem, path);
}

void cx_dataset_hash(cx_memo *m, const char *path, char hex[CX_HASH_HEX])
{
    char sidecar[4096];
    cx_sidecar_path(path, sidecar, sizeof sidecar);
    struct stat st;
    cx_hasher *h = cx_hasher_new();
    cx_hasher_string(h, cx_memo_file(m, path));
    if (stat(sidecar, &st) == 0)
        cx_hasher_string(h, cx_memo_file(m, sidecar));
    cx_hasher_finish(h, hex);
}

/* ----------------------------------------------------------- selections */

cx_status cx_filter_rows(const cx_table *t, const char *filter, size_t **rows, size_t *nrows,
                         cx_diag *d)
{
    *rows = NULL;
    *nrows = 0;
    size_t nlines = 0;
    for (const char *p = filter; *p; p++)
        nlines += *p == '\n';
    char *copy = strdup(filter);
    cx_cond *conds = calloc(nlines ? nlines : 1, sizeof *conds);
    double *nums = calloc(strlen(filter) + 1, sizeof *nums);
    const char **strs = calloc(strlen(filter) + 1, sizeof *strs);
    size_t *out = malloc((t->nrows ? t->nrows : 1) * sizeof *out);
    cx_status st = CX_OK;
    if (!copy || !conds || !nums || !strs || !out) {
        st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }
    size_t nc = 0, at = 0;
    for (char *line = copy, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *field = line, *v = strchr(line, '\t');
        if (v)
            *v++ = '\0';
        int col = cx_table_column_index(t, field);
        if (col < 0) {
            st = cx_diag_set(d, CX_EDATA, NULL, 0, 0, "field %s is gone", field);
            goto done;
        }
        cx_cond *c = &conds[nc++];
        c->col = (size_t)col;
        c->kind = CX_COND_IN;
        bool numeric = t->cols[col].storage == CX_STORE_NUMBER;
        c->nums = nums + at;
        c->strs = strs + at;
        while (v) {
            char *end = strchr(v, '\t');
            if (end)
                *end++ = '\0';
            if (numeric)
                nums[at + c->nnums++] = strtod(v, NULL);
            else
                strs[at + c->nstrs++] = v;
            v = end;
        }
        at += c->nnums + c->nstrs;
    }
    st = cx_table_filter(t, conds, nc, out, nrows, d);
done:
    free(copy);
    free(conds);
    free(nums);
    free(strs);
    if (st == CX_OK)
        *rows = out;
    else
        free(out);
    return st;
}

/* ---------------------------------------------------------------- entry */

void cx_cache_entry_path(const char *cache_dir, const char *output, char *buf, size_t size)
{
    char hex[CX_HASH_HEX];
    cx_hash_bytes(output, strlen(output), hex);
    snprintf(buf, size, "%s/%s.entry", cache_dir, hex);
}

/* Reads a whole small file; NULL when missing or unreadable. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (!got)
            break;
        n += got;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static const cx_named_table *table_named(const cx_build_data *data, const char *name,
                                         const char **path)
{
    for (size_t i = 0; i < data->count; i++)
        if (strcmp(data->tables[i].name, name) == 0) {
            *path = data->paths[i];
            return &data->tables[i];
        }
    return NULL;
}

bool cx_cache_check(const char *entry_path, const char *output, const cx_strlist *opts,
                    const cx_build_data *data, cx_memo *memo, cx_cache_inputs *inputs,
                    size_t *pages, cx_diag_list *warnings)
{
    size_t len;
    char *text = slurp(entry_path, &len);
    if (!text)
        return false;
    bool ok = false;
    /* integrity first: the last line is "check <hash of the rest>" */
    char *check = len > 71 ? text + len - 71 : NULL;
    if (!check || strncmp(check, "check ", 6) != 0 || check[70] != '\n')
        goto done;
    char hex[CX_HASH_HEX];
    cx_hash_bytes(text, (size_t)(check - text), hex);
    if (strncmp(check + 6, hex, 64) != 0)
        goto done;
    *check = '\0';

    size_t nopt = 0;
    char *line = text, *next;
    if (strncmp(line, "cxreport-cache 1\n", 17) != 0)
        goto done;
    for (line += 17; *line; line = next) {
        next = strchr(line, '\n');
        if (!next)
            goto done;
        *next++ = '\0';
        if (strncmp(line, "output ", 7) == 0) {
            char want[CX_HASH_HEX];
            if (sscanf(line + 7, "%64s %zu", want, pages) != 2)
                goto done;
            char have[CX_HASH_HEX];
            if (!cx_hash_file(output, have) || strcmp(have, want) != 0)
                goto done;
        } else if (strncmp(line, "warn ", 5) == 0) {
            /* "warn <line> <file>\t<message>": replayed, so an unchanged
             * report still shows (and --werror still counts) its warnings */
            char *tab = strchr(line + 5, '\t');
            char *sp = strchr(line + 5, ' ');
            if (!tab || !sp || sp > tab)
                goto done;
            *tab = '\0';
            cx_diag w;
            cx_diag_set(&w, CX_OK, sp + 1, strtol(line + 5, NULL, 10), 0, "%s", tab + 1);
            w.severity = CX_SEV_WARNING;
            cx_diag_list_add(warnings, &w);
        } else if (strncmp(line, "opt ", 4) == 0) {
            if (nopt >= opts->count || strcmp(opts->items[nopt], line + 4) != 0)
                goto done;
            nopt++;
        } else if (strncmp(line, "file ", 5) == 0) {
            if (strlen(line) < 5 + 65 || line[69] != ' ')
                goto done;
            const char *path = line + 70;
            if (strncmp(cx_memo_file(memo, path), line + 5, 64) != 0)
                goto done;
            cx_cache_inputs_add(inputs, path, line + 5);
        } else if (strncmp(line, "data ", 5) == 0) {
            char name[256], kind[16], want[CX_HASH_HEX];
            size_t nlines = 0;
            int got = sscanf(line + 5, "%255s %15s %64s %zu", name, kind, want, &nlines);
            const char *path = NULL;
            const cx_named_table *nt = got >= 3 ? table_named(data, name, &path) : NULL;
            if (!nt)
                goto done;
            if (strcmp(kind, "whole") == 0) {
                cx_dataset_hash(memo, path, hex);
                if (strcmp(hex, want) != 0)
                    goto done;
            } else if (strcmp(kind, "rows") == 0 && got == 4) {
                char *filter = next;
                for (size_t k = 0; k < nlines; k++) {
                    char *nl = strchr(next, '\n');
                    if (!nl)
                        goto done;
                    next = nl + 1;
                }
                char saved = *next;
                *next = '\0';
                size_t *rows, nrows;
                cx_diag d;
                if (cx_filter_rows(nt->table, filter, &rows, &nrows, &d) != CX_OK)
                    goto done;
                *next = saved;
                cx_hash_rows(nt->table, rows, nrows, hex);
                free(rows);
                if (strcmp(hex, want) != 0)
                    goto done;
            } else {
                goto done;
            }
            cx_cache_inputs_add(inputs, path, cx_memo_file(memo, path));
        } else {
            goto done;
        }
    }
    ok = nopt == opts->count;
done:
    free(text);
    return ok;
}

static bool append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t nc = *cap ? *cap : 1024;
        while (*len + n + 1 > nc)
            nc *= 2;
        char *nb = realloc(*buf, nc);
        if (!nb)
            return false;
        *buf = nb;
        *cap = nc;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return true;
}

cx_status cx_cache_write(const char *entry_path, const char *output_hash, size_t pages,
                         const cx_strlist *opts, const cx_build_result *res,
                         const cx_build_data *data, cx_memo *memo, cx_cache_inputs *inputs,
                         cx_diag *diag)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char line[8192];
    bool ok = append(&buf, &len, &cap, "cxreport-cache 1\n");
    snprintf(line, sizeof line, "output %s %zu\n", output_hash, pages);
    ok = ok && append(&buf, &len, &cap, line);
    for (size_t i = 0; ok && i < opts->count; i++) {
        snprintf(line, sizeof line, "opt %s\n", opts->items[i]);
        ok = append(&buf, &len, &cap, line);
    }
    for (size_t i = 0; ok && i < res->warnings.count; i++) {
        const cx_diag *w = &res->warnings.items[i];
        char msg[sizeof w->message];
        snprintf(msg, sizeof msg, "%s", w->message);
        msg[strcspn(msg, "\n")] = '\0';
        snprintf(line, sizeof line, "warn %ld %s\t%s\n", w->line, w->file, msg);
        ok = append(&buf, &len, &cap, line);
    }
    for (size_t i = 0; ok && i < res->files_read.count; i++) {
        const char *path = res->files_read.items[i];
        const char *h = cx_memo_file(memo, path);
        snprintf(line, sizeof line, "file %s %s\n", h, path);
        ok = append(&buf, &len, &cap, line);
        cx_cache_inputs_add(inputs, path, h);
    }
    for (size_t i = 0; ok && i < res->reads.count && i < data->count; i++) {
        const cx_data_read *r = &res->reads.items[i];
        const char *name = data->tables[i].name;
        if (!r->whole && r->nsel == 0)
            continue;           /* never read */
        char hex[CX_HASH_HEX];
        if (r->whole) {
            cx_dataset_hash(memo, data->paths[i], hex);
            snprintf(line, sizeof line, "data %s whole %s\n", name, hex);
            ok = append(&buf, &len, &cap, line);
        } else {
            for (size_t k = 0; ok && k < r->nsel; k++) {
                size_t nlines = 0;
                for (const char *p = r->sel[k].filter; *p; p++)
                    nlines += *p == '\n';
                cx_hash_rows(data->tables[i].table, r->sel[k].rows, r->sel[k].nrows, hex);
                snprintf(line, sizeof line, "data %s rows %s %zu\n", name, hex, nlines);
                ok = append(&buf, &len, &cap, line) && append(&buf, &len, &cap, r->sel[k].filter);
            }
        }
        cx_cache_inputs_add(inputs, data->paths[i], cx_memo_file(memo, data->paths[i]));
    }
    if (ok) {
        char hex[CX_HASH_HEX];
        cx_hash_bytes(buf, len, hex);
        snprintf(line, sizeof line, "check %s\n", hex);
        ok = append(&buf, &len, &cap, line);
    }
    cx_status st = ok ? cx_write_atomic(entry_path, buf, len, diag)
                      : cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    free(buf);
    return st;
}

/* --------------------------------------------------------------- inputs */

void cx_cache_inputs_add(cx_cache_inputs *in, const char *path, const char *hash)
{
    for (size_t i = 0; i < in->paths.count; i++)
        if (strcmp(in->paths.items[i], path) == 0)
            return;
    size_t before = in->paths.count;
    if (!cx_strlist_add(&in->paths, path))
        return;
    if (in->paths.count != before + 1)
        return;
    /* hashes: a parallel list (duplicates allowed there) */
    if (in->nhash == in->caphash) {
        size_t cap = in->caphash ? 2 * in->caphash : 16;
        char (*h)[CX_HASH_HEX] = realloc(in->hashes, cap * sizeof *h);
        if (!h) {
            free(in->paths.items[--in->paths.count]);
            return;
        }
        in->hashes = h;
        in->caphash = cap;
    }
    snprintf(in->hashes[in->nhash++], CX_HASH_HEX, "%s", hash);
}

void cx_cache_inputs_free(cx_cache_inputs *in)
{
    cx_strlist_free(&in->paths);
    free(in->hashes);
    memset(in, 0, sizeof *in);
}
