/*
 * defaults.c — the datasets a report script names for itself.
 *
 * A template builds from its bundled data when the user gives none: its
 * first comment lines may declare
 *
 *   --@data survey = ../fixtures/nps_benchmark/survey_2016.json
 *
 * (a path relative to the script's folder).  A --data option of the same
 * name wins.  These are read by the build before the script runs, like
 * --data, so every input is known, loaded and validated up front: the
 * script itself never opens a file.
 *
 * A script comes from anyone, a --data option from whoever runs the build:
 * so a declared path must stay inside the project — the folder cxreport
 * runs in, or the script's own folder, and for the shipped templates the
 * shipped fixtures — once symlinks are followed.  An
 * absolute path, or one that climbs to ~/.ssh or /proc/self/environ, is
 * refused before the file is opened (a loader's "found …" would print a
 * piece of it).
 */
#include "defaults.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cx_data_list_free(cx_data_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->names[i]);
        free(l->paths[i]);
    }
    free(l->names);
    free(l->paths);
    free(l->args);
    memset(l, 0, sizeof *l);
}

static bool list_add(cx_data_list *l, const char *name, size_t nlen, const char *path)
{
    char **names = realloc(l->names, (l->count + 1) * sizeof *names);
    if (names)
        l->names = names;
    char **paths = realloc(l->paths, (l->count + 1) * sizeof *paths);
    if (paths)
        l->paths = paths;
    if (!names || !paths)
        return false;
    l->names[l->count] = strndup(name, nlen);
    l->paths[l->count] = strdup(path);
    if (!l->names[l->count] || !l->paths[l->count]) {
        free(l->names[l->count]);
        free(l->paths[l->count]);
        return false;
    }
    l->count++;
    return true;
}

/* True when real (a resolved path) is dir or lies below it. */
static bool below(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(real, dir, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* Whether a declared path stays in the project; a file that does not
 * exist is left for the loader to report. */
static bool inside_project(const char *full, const char *script)
{
    char real[PATH_MAX], cwd[PATH_MAX], dir[PATH_MAX], sdir[PATH_MAX];
    if (!realpath(full, real))
        return true;
    if (getcwd(cwd, sizeof cwd) && below(real, cwd))
        return true;
    const char *slash = strrchr(script, '/');
    snprintf(sdir, sizeof sdir, "%.*s", slash ? (int)(slash - script) : 1, slash ? script : ".");
    if (slash == script)
        snprintf(sdir, sizeof sdir, "/");
    if (!realpath(sdir, dir))
        return false;
    if (below(real, dir))
        return true;
    /* a shipped template may read the shipped fixtures wherever it runs */
    char templates[PATH_MAX], fixtures[PATH_MAX];
    return realpath(CX_TEMPLATES_DIR, templates) && below(dir, templates) &&
           realpath(CX_TEMPLATES_DIR "/../fixtures", fixtures) && below(real, fixtures);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

cx_status cx_data_defaults(const char *script, const cx_data_arg *given, size_t ngiven,
                           cx_data_list *out, cx_diag *diag)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ngiven; i++)
        if (!list_add(out, given[i].name, strlen(given[i].name), given[i].path))
            goto nomem;
    FILE *f = fopen(script, "r");
    if (f) {
        const char *slash = strrchr(script, '/');
        int dirlen = slash ? (int)(slash - script) : 0;
        char line[4096];
        long lineno = 0;
        while (fgets(line, sizeof line, f)) {
            lineno++;
            char *s = trim(line);
            if (*s == '\0')
                continue;
            if (strncmp(s, "--", 2) != 0)
                break;                          /* the header ends at the first code */
            if (strncmp(s, "--@data", 7) != 0)
                continue;
            char *spec = trim(s + 7);
            char *eq = strchr(spec, '=');
            if (!eq) {
                fclose(f);
                cx_data_list_free(out);
                return cx_diag_set(diag, CX_ESCRIPT, script, lineno, 0,
                                   "--@data expects NAME = PATH");
            }
            *eq = '\0';
            char *name = trim(spec), *path = trim(eq + 1);
            bool given_already = false;
            for (size_t i = 0; i < out->count; i++)
                given_already |= strcmp(out->names[i], name) == 0;
            if (given_already || !*name || !*path)
                continue;
            long col = (long)(path - line) + 1;
            if (path[0] == '/') {
                fclose(f);
                cx_data_list_free(out);
                return cx_diag_set(diag, CX_ESCRIPT, script, lineno, col,
                                   "--@data expects a path relative to the script, got '%s' "
                                   "(name files elsewhere with --data %s=PATH)", path, name);
            }
            char full[4096];
            if (dirlen == 0)
                snprintf(full, sizeof full, "%s", path);
            else
                snprintf(full, sizeof full, "%.*s/%s", dirlen, script, path);
            if (!inside_project(full, script)) {
                fclose(f);
                cx_data_list_free(out);
                return cx_diag_set(diag, CX_ESCRIPT, script, lineno, col,
                                   "--@data path '%s' leads outside the project (the folder "
                                   "cxreport runs in and the script's folder); name it with "
                                   "--data %s=PATH instead", path, name);
            }
            if (!list_add(out, name, strlen(name), full)) {
                fclose(f);
                goto nomem;
            }
        }
        fclose(f);
    }
    /* The script itself may be unreadable: the script stage reports that. */
    out->args = calloc(out->count ? out->count : 1, sizeof *out->args);
    if (!out->args)
        goto nomem;
    for (size_t i = 0; i < out->count; i++) {
        out->args[i].name = out->names[i];
        out->args[i].path = out->paths[i];
    }
    return CX_OK;
nomem:
    cx_data_list_free(out);
    return cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory");
}
