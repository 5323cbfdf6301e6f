/*
 * driver.c — what `cxreport build|check|run` does around single builds:
 * batches (--each, -j, --shard), the content-hash cache, --verify,
 * depfiles, manifests, diagnostics (text or JSON lines), progress and the
 * summary line.  Data is loaded and validated once; a batch forks its
 * workers after loading, so every report shares the parsed datasets.
 *
 * Output names come from the batch values through cx_sanitize_name, and
 * every name is known and checked for collisions before anything is
 * written.  Workers report each result to the parent over a pipe, one
 * line per report; the parent alone prints, so lines never interleave.
 */
#include "cxreport/build.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "charts.h"
#include "cxreport/data_ops.h"
#include "hash.h"

enum { ST_BUILT, ST_UNCHANGED, ST_FAILED };
static const char *const status_names[] = {"built", "unchanged", "failed"};

typedef struct job {
    char *value;            /* batch value (NULL for a single build) */
    char *output;
    int status;
    char sha[CX_HASH_HEX];
    size_t pages, bytes;
    double ms;
    cx_diag diag;
    char *trace;
    cx_cache_inputs inputs;
    cx_diag_list warnings;
} job;

typedef struct run {
    const cx_build_opts *o;
    cx_build_data data;
    cx_memo memo;
    job *jobs;
    size_t njobs;
    char cache_dir[4096];
    bool tty;
} run;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------- diagnostics */

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void cx_print_diag(const cx_build_opts *o, const cx_diag *d, const char *trace, const char *output)
{
    if (o->diag_json) {
        fputs("{\"file\":", stderr);
        json_string(stderr, d->file);
        fprintf(stderr, ",\"line\":%ld,\"column\":%ld,\"severity\":\"%s\",\"message\":", d->line,
                d->column, d->severity == CX_SEV_WARNING ? "warning" : "error");
        json_string(stderr, d->message);
        if (output) {
            fputs(",\"output\":", stderr);
            json_string(stderr, output);
        }
        fputs("}\n", stderr);
        return;
    }
    /* compiler style: file:line: warning: message */
    cx_diag shown = *d;
    if (d->severity == CX_SEV_WARNING)
        snprintf(shown.message, sizeof shown.message, "warning: %.2000s", d->message);
    char line[4096];
    fprintf(stderr, "%s\n", cx_diag_format(&shown, line, sizeof line));
    if (trace && trace[0])
        fprintf(stderr, "traceback:\n%s", trace);
}

/* ----------------------------------------------------------------- names */

void cx_sanitize_name(const char *value, char *buf, size_t size)
{
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)value; *p && n + 2 < size && n < 100; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '_' || (*p == '.' && n > 0) ||
                    (*p == '-' && n > 0);
        if (keep) {
            buf[n++] = (char)*p;
            dash = false;
        } else if (!dash && n > 0) {
            buf[n++] = '-';
            dash = true;
        }
    }
    while (n > 0 && (buf[n - 1] == '-' || buf[n - 1] == '.'))
        n--;
    if (n == 0)
        buf[n++] = '_';
    buf[n] = '\0';
}

/* The output path for one value: {NAME} in the pattern replaced. */
static char *output_for(const char *pattern, const char *name, const char *value)
{
    char key[128], safe[256];
    snprintf(key, sizeof key, "{%s}", name);
    cx_sanitize_name(value, safe, sizeof safe);
    size_t klen = strlen(key), slen = strlen(safe);
    size_t cap = strlen(pattern) + 1, count = 0;
    for (const char *p = strstr(pattern, key); p; p = strstr(p + klen, key))
        count++;
    cap += count * slen;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    char *w = out;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, key, klen) == 0) {
            memcpy(w, safe, slen);
            w += slen;
            p += klen;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The batch values: distinct values of a field, or the lines of a file. */
static cx_status batch_values(run *r, char ***values, size_t *count, cx_diag *d)
{
    const cx_build_opts *o = r->o;
    *values = NULL;
    *count = 0;
    cx_strlist list = {0};
    if (o->each_file) {
        FILE *f = fopen(o->each_file, "r");
        if (!f)
            return cx_diag_set(d, CX_EUSAGE, o->each_file, 0, 0, "cannot read the --each list: %s",
                               strerror(errno));
        char line[4096];
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0] && !cx_strlist_add(&list, line)) {
                fclose(f);
                cx_strlist_free(&list);
                return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
            }
        }
        fclose(f);
    } else {
        const cx_table *t = NULL;
        int col = -1;
        for (size_t i = 0; i < r->data.count && col < 0; i++) {
            t = r->data.tables[i].table;
            col = cx_table_column_index(t, o->each_field);
        }
        if (col < 0)
            return cx_diag_set(d, CX_EUSAGE, NULL, 0, 0,
                               "--each %s=%s: no dataset has a field '%s'", o->each_name,
                               o->each_field, o->each_field);
        size_t c = (size_t)col;
        cx_grouping g;
        if (cx_table_group(t, &c, 1, &g, d) != CX_OK)
            return d->status;
        char buf[64];
        for (size_t k = 0; k < g.ngroups; k++) {
            const char *v = cx_table_cell_text(t, c, g.first[k], buf, sizeof buf);
            if (v && !cx_strlist_add(&list, v)) {
                cx_grouping_free(&g);
                cx_strlist_free(&list);
                return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
            }
        }
        cx_grouping_free(&g);
    }
    qsort(list.items, list.count, sizeof *list.items, cmp_str);
    *values = list.items;
    *count = list.count;
    return CX_OK;
}

static cx_status make_jobs(run *r, cx_diag *d)
{
    const cx_build_opts *o = r->o;
    if (!o->each_name) {
        r->jobs = calloc(1, sizeof *r->jobs);
        if (!r->jobs || !(r->jobs[0].output = strdup(o->output ? o->output : "")))
            return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        r->njobs = 1;
        return CX_OK;
    }
    char **values;
    size_t n;
    cx_status st = batch_values(r, &values, &n, d);
    if (st != CX_OK)
        return st;
    r->jobs = calloc(n ? n : 1, sizeof *r->jobs);
    if (!r->jobs) {
        for (size_t i = 0; i < n; i++)
            free(values[i]);
        free(values);
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        /* --shard K/N: the values whose position is K-1 modulo N */
        if (o->shard_n && i % (size_t)o->shard_n != (size_t)(o->shard_k - 1)) {
            free(values[i]);
            continue;
        }
        job *j = &r->jobs[kept++];
        j->value = values[i];
        j->output = output_for(o->output, o->each_name, values[i]);
        if (!j->output)
            st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    }
    free(values);
    r->njobs = kept;
    /* two values may not share a file: checked before anything is written */
    for (size_t i = 0; st == CX_OK && i < r->njobs; i++)
        for (size_t k = i + 1; k < r->njobs; k++)
            if (strcmp(r->jobs[i].output, r->jobs[k].output) == 0) {
                st = cx_diag_set(d, CX_EUSAGE, NULL, 0, 0,
                                 "--each: \"%s\" and \"%s\" would both be written to %s",
                                 r->jobs[i].value, r->jobs[k].value, r->jobs[i].output);
                break;
            }
    return st;
}

/* ------------------------------------------------------------- one job */

/* The settings that change a report's bytes besides its inputs: among
 * them the cxreport binary itself, so a rebuilt cxreport never serves a
 * PDF its predecessor made. */
static bool settings(run *r, const cx_param *params, size_t nparams, cx_strlist *out)
{
    const cx_build_opts *o = r->o;
    char line[8192];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(line, sizeof line, "version %s %s", CX_VERSION, exe[0] ? cx_memo_file(&r->memo, exe) : "");
    bool ok = cx_strlist_add(out, line);
    if (o->has_date)
        snprintf(line, sizeof line, "date %lld", (long long)o->date_epoch);
    else
        snprintf(line, sizeof line, "date none");
    ok = ok && cx_strlist_add(out, line);
    snprintf(line, sizeof line, "brand %s", o->brand_dir ? o->brand_dir : "");
    ok = ok && cx_strlist_add(out, line);
    snprintf(line, sizeof line, "chart-data %s", o->chart_data ? o->chart_data : "");
    ok = ok && cx_strlist_add(out, line);
    for (size_t i = 0; ok && i < nparams; i++) {
        snprintf(line, sizeof line, "param %s=%s", params[i].key, params[i].value);
        ok = cx_strlist_add(out, line);
    }
    return ok;
}

static int cmp_param(const void *a, const void *b)
{
    return strcmp(((const cx_param *)a)->key, ((const cx_param *)b)->key);
}

/* Byte offset of the first difference, and the PDF object around it. */
static void first_difference(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                             char *buf, size_t size)
{
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i])
        i++;
    long obj = -1;
    for (size_t k = i; k > 0; k--) {
        if (k + 6 <= na && memcmp(a + k, " 0 obj", 6) == 0) {
            size_t s = k;
            while (s > 0 && a[s - 1] >= '0' && a[s - 1] <= '9')
                s--;
            obj = strtol((const char *)a + s, NULL, 10);
            break;
        }
    }
    if (obj >= 0)
        snprintf(buf, size, "byte %zu, in object %ld", i, obj);
    else
        snprintf(buf, size, "byte %zu", i);
}

static void run_job(run *r, job *j)
{
    const cx_build_opts *o = r->o;
    double t0 = now_ms();
    cx_param params[257];
    size_t np = 0;
    for (size_t i = 0; i < o->nparams && np < 256; i++)
        if (!o->each_name || strcmp(o->params[i].key, o->each_name) != 0)
            params[np++] = o->params[i];
    if (o->each_name)
        params[np++] = (cx_param){o->each_name, j->value};
    qsort(params, np, sizeof *params, cmp_param);

    cx_strlist opts = {0};
    char trace[8192] = "";
    cx_build_result res;
    memset(&res, 0, sizeof res);
    cx_diag_clear(&j->diag);
    j->status = ST_FAILED;
    if (!settings(r, params, np, &opts)) {
        cx_diag_set(&j->diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
        goto done;
    }

    char entry[8192];
    bool caching = o->command == CX_CMD_BUILD && !o->charts_dir && !o->verify && !o->no_cache;
    if (caching) {
        cx_cache_entry_path(r->cache_dir, j->output, entry, sizeof entry);
        if (cx_cache_check(entry, j->output, &opts, &r->data, &r->memo, &j->inputs, &j->pages,
                           &j->warnings)) {
            if (o->werror && j->warnings.count) {
                cx_diag_set(&j->diag, CX_EFAILED, j->warnings.items[0].file,
                            j->warnings.items[0].line, 0,
                            "%zu warning(s), and --werror makes them errors", j->warnings.count);
                goto done;
            }
            j->status = ST_UNCHANGED;
            cx_hash_file(j->output, j->sha);
            struct stat st;
            j->bytes = stat(j->output, &st) == 0 ? (size_t)st.st_size : 0;
            goto done;
        }
        cx_cache_inputs_free(&j->inputs);
        cx_diag_list_free(&j->warnings);
    }

    cx_build_opts one = *o;
    one.output = j->output;
    cx_status built = cx_build_one(&one, &r->data, params, np, &res, &j->diag, trace, sizeof trace);
    for (size_t w = 0; w < res.warnings.count; w++)
        cx_diag_list_add(&j->warnings, &res.warnings.items[w]);
    if (built != CX_OK)
        goto done;
    if (o->werror && j->warnings.count) {
        cx_diag_set(&j->diag, CX_EFAILED, j->warnings.items[0].file, j->warnings.items[0].line, 0,
                    "%zu warning(s), and --werror makes them errors", j->warnings.count);
        goto done;
    }
    if (o->command != CX_CMD_BUILD && !o->verify) {
        j->status = ST_BUILT;
        goto done;
    }
    if (o->verify) {
        cx_build_result again;
        cx_diag d2;
        cx_diag_clear(&d2);
        if (cx_build_one(&one, &r->data, params, np, &again, &d2, NULL, 0) != CX_OK) {
            j->diag = d2;
            cx_build_result_free(&again);
            goto done;
        }
        if (again.pdf_len != res.pdf_len || memcmp(again.pdf, res.pdf, res.pdf_len) != 0) {
            char where[128];
            first_difference(res.pdf, res.pdf_len, again.pdf, again.pdf_len, where, sizeof where);
            cx_diag_set(&j->diag, CX_EINTERNAL, j->output, 0, 0,
                        "--verify: two builds differ (first difference at %s)", where);
            cx_build_result_free(&again);
            goto done;
        }
        cx_build_result_free(&again);
        if (o->command != CX_CMD_BUILD) {
            j->status = ST_BUILT;
            goto done;
        }
    }
    if (res.charts && cx_make_dirs(o->charts_dir, &j->diag) != CX_OK)
        goto done;
    if (o->each_name) {
        /* a batch makes its output folders (a single build does not: a
         * mistyped folder there is more likely a mistake than a plan) */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", j->output);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            if (cx_make_dirs(dir, &j->diag) != CX_OK)
                goto done;
        }
    }
    if (cx_write_atomic(j->output, res.pdf, res.pdf_len, &j->diag) != CX_OK)
        goto done;
    if (res.charts && cx_charts_write(res.charts, o->charts_dir, &j->diag) != CX_OK)
        goto done;
    cx_hash_bytes(res.pdf, res.pdf_len, j->sha);
    j->pages = res.pages;
    j->bytes = res.pdf_len;
    j->status = ST_BUILT;
    if (caching) {
        cx_diag cd;
        /* A cache that cannot be written costs a rebuild next time, no more. */
        if (cx_make_dirs(r->cache_dir, &cd) == CX_OK)
            cx_cache_write(entry, j->sha, j->pages, &opts, &res, &r->data, &r->memo, &j->inputs,
                           &cd);
    } else {
        for (size_t i = 0; i < res.files_read.count; i++)
            cx_cache_inputs_add(&j->inputs, res.files_read.items[i],
                                cx_memo_file(&r->memo, res.files_read.items[i]));
        for (size_t i = 0; i < r->data.count; i++)
            cx_cache_inputs_add(&j->inputs, r->data.paths[i], cx_memo_file(&r->memo, r->data.paths[i]));
    }
done:
    if (j->status == ST_FAILED && trace[0])
        j->trace = strdup(trace);
    cx_build_result_free(&res);
    cx_strlist_free(&opts);
    j->ms = now_ms() - t0;
}

/* ---------------------------------------------------- workers and pipes */

/* One result as one line: fields separated by tabs, the inputs last. */
static void send_result(FILE *f, size_t index, const job *j)
{
    for (size_t w = 0; w < j->warnings.count; w++) {
        const cx_diag *d = &j->warnings.items[w];
        char msg[sizeof d->message];
        snprintf(msg, sizeof msg, "%s", d->message);
        for (char *p = msg; *p; p++)
            if (*p == '\t' || *p == '\n')
                *p = ' ';
        fprintf(f, "W\t%zu\t%s\t%ld\t%s\n", index, d->file[0] ? d->file : "-", d->line, msg);
    }
    char msg[sizeof j->diag.message];
    snprintf(msg, sizeof msg, "%s", j->diag.message);
    for (char *p = msg; *p; p++)
        if (*p == '\t' || *p == '\n')
            *p = ' ';
    fprintf(f, "%zu\t%d\t%s\t%zu\t%zu\t%.3f\t%d\t%s\t%ld\t%ld\t%s\t", index, j->status,
            j->sha[0] ? j->sha : "-", j->pages, j->bytes, j->ms, (int)j->diag.status,
            j->diag.file[0] ? j->diag.file : "-", j->diag.line, j->diag.column, msg);
    for (size_t i = 0; i < j->inputs.paths.count; i++)
        fprintf(f, "%s %s\x1f", j->inputs.hashes[i], j->inputs.paths.items[i]);
    fputc('\n', f);
    fflush(f);
}

static bool receive_result(run *r, char *line)
{
    if (line[0] == 'W' && line[1] == '\t') {
        char *f[4];
        int n = 0;
        for (char *p = line + 2; n < 4; p++) {
            f[n++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p = '\0';
        }
        if (n < 4)
            return false;
        size_t index = strtoul(f[0], NULL, 10);
        if (index >= r->njobs)
            return false;
        f[3][strcspn(f[3], "\n")] = '\0';
        cx_diag d;
        cx_diag_set(&d, CX_OK, strcmp(f[1], "-") ? f[1] : NULL, strtol(f[2], NULL, 10), 0, "%s", f[3]);
        d.severity = CX_SEV_WARNING;
        cx_diag_list_add(&r->jobs[index].warnings, &d);
        return false;       /* not a result: nothing to report yet */
    }
    char *f[12];
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < 12; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    if (n < 12)
        return false;
    size_t index = strtoul(f[0], NULL, 10);
    if (index >= r->njobs)
        return false;
    job *j = &r->jobs[index];
    j->status = atoi(f[1]);
    snprintf(j->sha, sizeof j->sha, "%s", strcmp(f[2], "-") ? f[2] : "");
    j->pages = strtoul(f[3], NULL, 10);
    j->bytes = strtoul(f[4], NULL, 10);
    j->ms = strtod(f[5], NULL);
    j->diag.status = (cx_status)atoi(f[6]);
    snprintf(j->diag.file, sizeof j->diag.file, "%s", strcmp(f[7], "-") ? f[7] : "");
    j->diag.line = strtol(f[8], NULL, 10);
    j->diag.column = strtol(f[9], NULL, 10);
    snprintf(j->diag.message, sizeof j->diag.message, "%s", f[10]);
    for (char *in = f[11], *end; in && *in && *in != '\n'; in = end + 1) {
        end = strchr(in, '\x1f');
        if (!end)
            break;
        *end = '\0';
        if (strlen(in) > 65)
            cx_cache_inputs_add(&j->inputs, in + 65, (in[64] = '\0', in));
    }
    return true;
}

static void progress(run *r, size_t done, double t0)
{
    if (r->o->quiet || !r->tty || r->njobs < 2)
        return;
    double secs = (now_ms() - t0) / 1e3;
    double rate = secs > 0 ? (double)done / secs : 0;
    double eta = rate > 0 ? (double)(r->njobs - done) / rate : 0;
    fprintf(stderr, "\r[%zu/%zu] %.1f reports/s, %.0f s left   ", done, r->njobs, rate, eta);
    if (done == r->njobs)
        fputc('\n', stderr);
}

static void report_job(run *r, const job *j)
{
    for (size_t w = 0; w < j->warnings.count; w++)
        cx_print_diag(r->o, &j->warnings.items[w], NULL, r->njobs > 1 ? j->output : NULL);
    if (j->status == ST_FAILED) {
        cx_print_diag(r->o, &j->diag, j->trace, r->njobs > 1 ? j->output : NULL);
        return;
    }
    if (!r->o->quiet && !r->tty && r->njobs > 1)
        printf("%s %s\n", status_names[j->status], j->output);
}

static volatile sig_atomic_t stop_requested;
static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void run_all(run *r, int jobs)
{
    double t0 = now_ms();
    size_t done = 0;
    if (jobs <= 1 || r->njobs <= 1) {
        for (size_t i = 0; i < r->njobs; i++) {
            run_job(r, &r->jobs[i]);
            report_job(r, &r->jobs[i]);
            progress(r, ++done, t0);
            if (r->jobs[i].status == ST_FAILED && r->o->fail_fast)
                break;
        }
        return;
    }
    if ((size_t)jobs > r->njobs)
        jobs = (int)r->njobs;
    fflush(stdout);
    fflush(stderr);
    pid_t *pids = calloc((size_t)jobs, sizeof *pids);
    struct pollfd *fds = calloc((size_t)jobs, sizeof *fds);
    FILE **in = calloc((size_t)jobs, sizeof *in);
    if (!pids || !fds || !in) {
        free(pids);
        free(fds);
        free(in);
        run_all(r, 1);
        return;
    }
    for (int w = 0; w < jobs; w++) {
        int p[2];
        if (pipe(p) != 0)
            break;
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            signal(SIGTERM, on_stop);
            FILE *out = fdopen(p[1], "w");
            for (size_t i = (size_t)w; i < r->njobs && !stop_requested; i += (size_t)jobs) {
                run_job(r, &r->jobs[i]);
                send_result(out, i, &r->jobs[i]);
            }
            fclose(out);
            _exit(0);
        }
        close(p[1]);
        pids[w] = pid;
        fds[w].fd = p[0];
        fds[w].events = POLLIN;
        in[w] = fdopen(p[0], "r");
    }
    int open_pipes = jobs;
    bool stopping = false;
    char *line = NULL;
    size_t cap = 0;
    while (open_pipes > 0) {
        if (poll(fds, (nfds_t)jobs, -1) < 0 && errno != EINTR)
            break;
        for (int w = 0; w < jobs; w++) {
            if (fds[w].fd < 0 || !(fds[w].revents & (POLLIN | POLLHUP)))
                continue;
            if (getline(&line, &cap, in[w]) < 0) {
                fclose(in[w]);
                fds[w].fd = -1;
                open_pipes--;
                continue;
            }
            if (!receive_result(r, line))
                continue;
            size_t index = strtoul(line, NULL, 10);
            report_job(r, &r->jobs[index]);
            progress(r, ++done, t0);
            if (r->jobs[index].status == ST_FAILED && r->o->fail_fast && !stopping) {
                stopping = true;
                for (int k = 0; k < jobs; k++)
                    if (pids[k] > 0)
                        kill(pids[k], SIGTERM);
            }
        }
    }
    free(line);
    for (int w = 0; w < jobs; w++)
        if (pids[w] > 0)
            waitpid(pids[w], NULL, 0);
    /* a worker that died without reporting leaves its reports failed */
    for (size_t i = 0; i < r->njobs; i++)
        if (r->jobs[i].status == ST_FAILED && !r->jobs[i].diag.message[0] && !stopping)
            cx_diag_set(&r->jobs[i].diag, CX_EINTERNAL, r->jobs[i].output, 0, 0,
                        "the worker building this report stopped unexpectedly");
    free(pids);
    free(fds);
    free(in);
}

/* ----------------------------------------------- depfile and manifest */

static void dep_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == '\\')
            fputc('\\', f);
        if (*s == '$')
            fputc('$', f);
        fputc(*s, f);
    }
}

static cx_status write_depfile(run *r, cx_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < r->njobs; i++) {
        if (r->jobs[i].status == ST_FAILED)
            continue;
        dep_escape(f, r->jobs[i].output);
        fputs(":", f);
        const cx_cache_inputs *in = &r->jobs[i].inputs;
        for (size_t k = 0; k < in->paths.count; k++) {
            fputs(" \\\n  ", f);
            dep_escape(f, in->paths.items[k]);
        }
        fputs("\n", f);
    }
    fclose(f);
    cx_status st = buf ? cx_write_atomic(r->o->depfile, buf, len, d)
                       : cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    free(buf);
    return st;
}

static cx_status write_manifest(run *r, cx_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    fprintf(f, "{\n  \"cxreport\": \"%s\",\n  \"outputs\": [", CX_VERSION);
    for (size_t i = 0; i < r->njobs; i++) {
        const job *j = &r->jobs[i];
        fprintf(f, "%s\n    {\"path\": ", i ? "," : "");
        json_string(f, j->output);
        if (j->value) {
            fputs(", \"value\": ", f);
            json_string(f, j->value);
        }
        fprintf(f, ", \"status\": \"%s\"", status_names[j->status]);
        if (j->status != ST_FAILED)
            fprintf(f, ", \"sha256\": \"%s\", \"pages\": %zu, \"bytes\": %zu", j->sha, j->pages,
                    j->bytes);
        fprintf(f, ", \"build_ms\": %.1f", j->ms);
        if (j->status == ST_FAILED) {
            char line[4096];
            fputs(", \"error\": ", f);
            json_string(f, cx_diag_format(&j->diag, line, sizeof line));
        }
        fputs(",\n     \"inputs\": [", f);
        for (size_t k = 0; k < j->inputs.paths.count; k++) {
            fprintf(f, "%s{\"path\": ", k ? ", " : "");
            json_string(f, j->inputs.paths.items[k]);
            fprintf(f, ", \"sha256\": \"%s\"}", j->inputs.hashes[k]);
        }
        fputs("]}", f);
    }
    fputs("\n  ]\n}\n", f);
    fclose(f);
    cx_status st = buf ? cx_write_atomic(r->o->manifest, buf, len, d)
                       : cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory");
    free(buf);
    return st;
}

/* ----------------------------------------------------------------- main */

int cx_build_main(const cx_build_opts *o)
{
    run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.tty = isatty(STDERR_FILENO) && !o->diag_json;
    cx_diag d;
    cx_diag_clear(&d);
    int exit_code = CX_OK;

    cx_status st = cx_build_data_load(o, &r.data, &d);
    if (st == CX_OK)
        st = make_jobs(&r, &d);
    if (st != CX_OK) {
        cx_print_diag(o, &d, NULL, NULL);
        exit_code = st;
        goto done;
    }
    if (o->cache_dir) {
        snprintf(r.cache_dir, sizeof r.cache_dir, "%s", o->cache_dir);
    } else {
        const char *first = r.njobs ? r.jobs[0].output : "";
        const char *slash = strrchr(first, '/');
        if (slash)
            snprintf(r.cache_dir, sizeof r.cache_dir, "%.*s/.cxreport-cache", (int)(slash - first),
                     first);
        else
            snprintf(r.cache_dir, sizeof r.cache_dir, ".cxreport-cache");
    }
    int jobs = o->jobs;
    if (jobs <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (int)n : 1;
    }
    run_all(&r, jobs);

    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < r.njobs; i++)
        count[r.jobs[i].status]++;
    if (o->depfile && write_depfile(&r, &d) != CX_OK) {
        cx_print_diag(o, &d, NULL, NULL);
        exit_code = CX_EOUTPUT;
    }
    if (o->manifest && write_manifest(&r, &d) != CX_OK) {
        cx_print_diag(o, &d, NULL, NULL);
        exit_code = CX_EOUTPUT;
    }
    if (o->each_name) {
        if (!o->quiet)
            printf("%zu reports: %zu built, %zu unchanged, %zu failed\n", r.njobs,
                   count[ST_BUILT], count[ST_UNCHANGED], count[ST_FAILED]);
        fflush(stdout);
        if (count[ST_FAILED] && exit_code == CX_OK)
            exit_code = CX_EFAILED;
    } else if (r.njobs == 1 && r.jobs[0].status == ST_FAILED && exit_code == CX_OK) {
        exit_code = r.jobs[0].diag.status ? r.jobs[0].diag.status : CX_EINTERNAL;
    }
done:
    for (size_t i = 0; i < r.njobs; i++) {
        free(r.jobs[i].value);
        free(r.jobs[i].output);
        free(r.jobs[i].trace);
        cx_cache_inputs_free(&r.jobs[i].inputs);
        cx_diag_list_free(&r.jobs[i].warnings);
    }
    free(r.jobs);
    cx_memo_free(&r.memo);
    cx_build_data_free(&r.data);
    return exit_code;
}
