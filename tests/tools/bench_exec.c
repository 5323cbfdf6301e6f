/*
 * bench_exec.c — runs a command several times and prints its median wall
 * time and peak memory, for tests/bench/run.sh where /usr/bin/time's
 * 10 ms resolution is too coarse (figures of about 100 ms).
 *
 *   bench_exec RUNS COMMAND [ARG…]
 *
 * Prints one line "SECONDS PEAK_KB CPU_SECONDS": the median wall time
 * (CLOCK_MONOTONIC around fork … waitpid) with microsecond digits, the
 * largest resident set of any run and the mean CPU time (user + system)
 * per run (both from getrusage RUSAGE_CHILDREN).  CPU time well below
 * the wall time means the machine was busy with something else.  The command's
 * standard output is discarded; its standard error is passed through.
 * Exit status: 0, or 1 when a run fails (its exit status is reported on
 * stderr) or the command cannot be started.  Never run by `make check`.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_RUNS = 99 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_exec RUNS COMMAND [ARG...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "bench_exec: RUNS must be 1..%d\n", MAX_RUNS);
        return 2;
    }
    double times[MAX_RUNS];
    for (int r = 0; r < runs; r++) {
        double start = now_s();
        pid_t pid = fork();
        if (pid < 0) {
            perror("bench_exec: fork");
            return 1;
        }
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, STDOUT_FILENO);
            execvp(argv[2], argv + 2);
            perror(argv[2]);
            _exit(127);
        }
        int status;
        if (waitpid(pid, &status, 0) < 0) {
            perror("bench_exec: waitpid");
            return 1;
        }
        times[r] = now_s() - start;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_exec: %s failed (%s %d)\n", argv[2],
                    WIFEXITED(status) ? "exit status" : "signal",
                    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
            return 1;
        }
    }
    qsort(times, (size_t)runs, sizeof *times, cmp_double);
    double med = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    struct rusage ru;
    long peak = 0;
    double cpu = 0;
    if (getrusage(RUSAGE_CHILDREN, &ru) == 0) {
        peak = ru.ru_maxrss;
        cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
              (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    }
    printf("%.6f %ld %.6f\n", med, peak, cpu / runs);
    return 0;
}
