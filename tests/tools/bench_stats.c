/*
 * bench_stats.c — times the statistics on a large dataset, after load
 * (figure 4 of tests/bench/run.sh).  A benchmark tool, never a test: it
 * prints timings, asserts nothing about the numbers, and must never be
 * run by `make check` (it needs the generated bench-data/).
 *
 *   bench_stats DATASET.jsonl [RUNS]
 *
 * Loads the dataset once with cx_dataset_load (untimed), then times each
 * operation RUNS times (default 5) with clock_gettime(CLOCK_MONOTONIC)
 * and prints the median, one line per figure, with its target:
 *   - NPS by vendor: cx_table_group on "vendor" + cx_nps_by_group on
 *     "recommend", weighted by "weight", with SE and the default CI;
 *   - 4×4 Pearson and Spearman matrices of recommend, purchase, forgive,
 *     try_new (pairwise complete);
 *   - a 20-item maturity model (4 dimensions of 5 items) scored for
 *     100,000 organisations of seeded random 1–5 answers with
 *     cx_maturity_score_columns.
 * Each line also gives the minor page faults per run (the first touches of
 * fresh scratch memory), and the tool measures what one costs here.  Closes
 * with the peak resident memory of the process (getrusage).
 * Exit status: 0 when every figure was computed (targets missed or not),
 * 1 on any error (printed as the library's diagnostic).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cxreport/data.h"
#include "cxreport/data_ops.h"
#include "cxreport/stats.h"

enum { MAX_RUNS = 99, NORGS = 100000, NITEMS = 20, NDIMS = 4 };

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_s(void) { return clock_s(CLOCK_MONOTONIC); }

/* CPU time of the process: beside the wall time, it shows whether the
 * machine was busy with something else during a run. */
static double cpu_s(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* Minor page faults so far: on some virtual machines a first touch of a
 * fresh page costs ~10 µs, which dominates operations on fresh scratch
 * memory, so each figure shows how many it took. */
static long faults(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_minflt : 0;
}

/* Microseconds per first touch of a fresh page (16 MB of private pages
 * mapped from /dev/zero, the POSIX spelling of anonymous memory), or -1. */
static double fault_cost_us(void)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t size = (size_t)16 << 20;
    int fd = open("/dev/zero", O_RDWR);
    if (fd < 0 || page <= 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    volatile char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if ((void *)p == MAP_FAILED)
        return -1;
    double s = now_s();
    for (size_t i = 0; i < size; i += (size_t)page)
        p[i] = 1;
    double us = (now_s() - s) * 1e6 / (double)(size / (size_t)page);
    munmap((void *)p, size);
    return us;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The same generator as gen_dataset: splitmix64, seeded, no rand(). */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void report(const char *what, double secs, double cpu, long nfaults, double target_ms)
{
    double ms = secs * 1e3, cms = cpu * 1e3;
    printf("%s, %ld page faults: %.1f ms (cpu %.1f ms)   [target < %.0f ms] %s", what, nfaults,
           ms, cms, target_ms, ms < target_ms ? "ok" : "MISSED");
    if (ms > 1.15 * cms + 0.5)
        printf(" (machine busy: wall %.0f%% over cpu)", 100 * (ms - cms) / cms);
    putchar('\n');
}

static int fail(const cx_diag *d)
{
    char buf[4096];
    fprintf(stderr, "bench_stats: %s\n", cx_diag_format(d, buf, sizeof buf));
    return 1;
}

/* Group by vendor and NPS per group; *ngroups receives the group count,
 * *group_s the time of the grouping alone. */
static cx_status nps_by_vendor(const cx_table *t, size_t vendor, const cx_column *rec,
                               cx_net *out, size_t cap, size_t *ngroups, double *group_s,
                               cx_diag *d)
{
    cx_grouping g;
    double s = now_s();
    cx_status st = cx_table_group(t, &vendor, 1, &g, d);
    *group_s = now_s() - s;
    if (st != CX_OK)
        return st;
    *ngroups = g.ngroups;
    if (g.ngroups > cap)
        st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "%zu groups, expected at most %zu",
                         g.ngroups, cap);
    else {
        cx_ci_opts ci = CX_CI_DEFAULT;
        cx_net_def def = CX_NET_NPS;
        st = cx_nps_by_group(rec->num, t->weight, g.group, t->nrows, g.ngroups, &def, &ci,
                             out, d);
    }
    cx_grouping_free(&g);
    return st;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_stats DATASET.jsonl [RUNS]\n");
        return 2;
    }
    int runs = argc == 3 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "bench_stats: RUNS must be 1..%d\n", MAX_RUNS);
        return 2;
    }
    int rc = 1;
    cx_diag d;
    cx_diag_clear(&d);
    cx_table *t = NULL;
    double *answers = NULL;
    cx_mscore *dims = NULL, *overall = NULL;
    double times[MAX_RUNS], cpus[MAX_RUNS];

    double t0 = now_s();
    if (cx_dataset_load(argv[1], NULL, &t, &d) != CX_OK) {
        rc = fail(&d);
        goto cleanup;
    }
    printf("(bench_stats: loaded %zu responses in %.2f s, not counted below)\n", t->nrows,
           now_s() - t0);

    /* ---- NPS by vendor, weighted ---- */
    int vendor = cx_table_column_index(t, "vendor");
    const cx_column *rec = cx_table_column(t, "recommend");
    if (vendor < 0 || !rec || rec->storage != CX_STORE_NUMBER || !t->weight) {
        fprintf(stderr, "bench_stats: %s lacks vendor, a numeric recommend, or a weight\n",
                argv[1]);
        goto cleanup;
    }
    cx_net net[256];
    size_t ngroups = 0;
    double tg[MAX_RUNS], tn[MAX_RUNS];
    long f0 = faults();
    for (int r = 0; r < runs; r++) {
        double s = now_s(), c = cpu_s();
        if (nps_by_vendor(t, (size_t)vendor, rec, net, 256, &ngroups, &tg[r], &d) != CX_OK) {
            rc = fail(&d);
            goto cleanup;
        }
        times[r] = now_s() - s;
        cpus[r] = cpu_s() - c;
        tn[r] = times[r] - tg[r];
    }
    char what[200];
    double mg = median(tg, runs), mn = median(tn, runs);
    snprintf(what, sizeof what,
             "NPS by vendor (%zu groups, weighted, SE + 95%% CI; group %.1f ms, NPS %.1f ms)",
             ngroups, mg * 1e3, mn * 1e3);
    report(what, median(times, runs), median(cpus, runs), (faults() - f0) / runs, 50);

    /* ---- 4x4 correlation matrices ---- */
    static const char *const fields[] = {"recommend", "purchase", "forgive", "try_new"};
    const double *cols[4];
    for (int i = 0; i < 4; i++) {
        const cx_column *c = cx_table_column(t, fields[i]);
        if (!c || c->storage != CX_STORE_NUMBER) {
            fprintf(stderr, "bench_stats: no numeric field %s\n", fields[i]);
            goto cleanup;
        }
        cols[i] = c->num;
    }
    cx_corr corr[16];
    double tp[MAX_RUNS], tsp[MAX_RUNS];
    f0 = faults();
    for (int r = 0; r < runs; r++) {
        double s = now_s(), c = cpu_s();
        if (cx_correlate_matrix(cols, 4, t->nrows, CX_CORR_PEARSON, 95, corr, &d) != CX_OK) {
            rc = fail(&d);
            goto cleanup;
        }
        double m = now_s();
        if (cx_correlate_matrix(cols, 4, t->nrows, CX_CORR_SPEARMAN, 95, corr, &d) != CX_OK) {
            rc = fail(&d);
            goto cleanup;
        }
        double e = now_s();
        tp[r] = m - s;
        tsp[r] = e - m;
        times[r] = e - s;
        cpus[r] = cpu_s() - c;
    }
    double mp = median(tp, runs), ms = median(tsp, runs);
    snprintf(what, sizeof what,
             "4x4 Pearson + Spearman matrices (Pearson %.1f ms, Spearman %.1f ms)", mp * 1e3,
             ms * 1e3);
    report(what, median(times, runs), median(cpus, runs), (faults() - f0) / runs, 300);

    /* ---- maturity model: 100,000 organisations x 20 items ---- */
    answers = malloc((size_t)NORGS * NITEMS * sizeof *answers);
    dims = malloc((size_t)NORGS * NDIMS * sizeof *dims);
    overall = malloc((size_t)NORGS * sizeof *overall);
    if (!answers || !dims || !overall) {
        fprintf(stderr, "bench_stats: out of memory\n");
        goto cleanup;
    }
    uint64_t seed = 2016;
    const double *items[NITEMS];
    for (size_t i = 0; i < NITEMS; i++) {
        double *col = answers + i * NORGS;
        for (size_t o = 0; o < NORGS; o++)
            col[o] = (double)(1 + next(&seed) % 5);
        items[i] = col;
    }
    static const size_t idx[NDIMS][5] = {
        {0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}, {10, 11, 12, 13, 14}, {15, 16, 17, 18, 19}};
    const cx_maturity_dim mdims[NDIMS] = {
        {"strategy", "Strategy", idx[0], 5, 1.0},
        {"insight", "Customer insight", idx[1], 5, 1.0},
        {"design", "Experience design", idx[2], 5, 1.0},
        {"culture", "Culture", idx[3], 5, 1.0},
    };
    static const cx_band ratings[] = {
        {20, "Very weak"}, {40, "Weak"}, {60, "Moderate"}, {80, "Good"}, {0, "Very good"}};
    static const cx_band levels[] = {
        {20, "Initial"}, {40, "Developing"}, {60, "Defined"}, {80, "Managed"}, {0, "Optimised"}};
    const cx_maturity_model model = {
        "CX maturity", 1, 5, NITEMS, mdims, NDIMS, ratings, 5, levels, 5,
    };
    f0 = faults();
    for (int r = 0; r < runs; r++) {
        double s = now_s(), c = cpu_s();
        if (cx_maturity_score_columns(&model, items, NORGS, dims, overall, &d) != CX_OK) {
            rc = fail(&d);
            goto cleanup;
        }
        times[r] = now_s() - s;
        cpus[r] = cpu_s() - c;
    }
    report("maturity model, 20 items x 100,000 organisations", median(times, runs),
           median(cpus, runs), (faults() - f0) / runs, 200);

    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("bench_stats peak memory (table loaded + scratch): %.0f MB\n",
               (double)ru.ru_maxrss * 1024 / 1e6);
    /* Measured last, so that its 16 MB are not in the peak above. */
    double us = fault_cost_us();
    if (us >= 0)
        printf("a page fault (first touch of a fresh page) costs %.1f us on this machine\n", us);
    rc = 0;

cleanup:
    free(overall);
    free(dims);
    free(answers);
    cx_table_free(t);
    return rc;
}
