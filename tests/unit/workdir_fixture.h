/*
 * workdir_fixture.h — a scratch folder for tests that write files (report
 * scripts, datasets, chart exports): made fresh under /tmp by a group
 * setup, removed with everything in it by the teardown.
 *
 * Test-only; include after <cmocka.h>.
 */
#ifndef CX_WORKDIR_FIXTURE_H
#define CX_WORKDIR_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

static char cxt_workdir[256];

/* Makes /tmp/cx-test-NAME-XXXXXX; 0 on success (a cmocka setup result). */
static inline int cxt_workdir_make(const char *name)
{
    snprintf(cxt_workdir, sizeof cxt_workdir, "/tmp/cx-test-%s-XXXXXX", name);
    return mkdtemp(cxt_workdir) ? 0 : -1;
}

static inline int cxt_workdir_remove(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cxt_workdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to the file NAME in the folder; *path (size 512) gets its path. */
static inline void cxt_workdir_write(const char *name, const char *text, char path[512])
{
    snprintf(path, 512, "%s/%s", cxt_workdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

#endif
