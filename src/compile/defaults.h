/*
 * defaults.h — the datasets of a build: --data options plus the defaults
 * a script declares in its header (`--@data NAME = PATH`).
 *
 * Ownership: cx_data_list owns its strings and its args array; free it
 * with cx_data_list_free.
 */
#ifndef CX_BUILD_DEFAULTS_H
#define CX_BUILD_DEFAULTS_H

#include "cxreport/build.h"

typedef struct cx_data_list {
    size_t count;
    char **names, **paths;
    cx_data_arg *args;      /* count entries pointing at names/paths */
} cx_data_list;

/* The given options first, then each declared default whose name was not
 * given, its path made relative to the script's folder. */
cx_status cx_data_defaults(const char *script, const cx_data_arg *given, size_t ngiven,
                           cx_data_list *out, cx_diag *diag);
void cx_data_list_free(cx_data_list *l);

#endif
