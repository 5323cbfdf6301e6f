/*
 * meta.h — survey metadata and questions (internal to src/data).
 *
 * Converts the `survey` and `questions` members (inline in a .json file,
 * or in a NAME.meta.json sidecar) into the table's cx_survey and
 * cx_question array, checking every rule of the dataset contract and
 * pointing errors at the offending member.
 */
#ifndef CX_DATA_META_H
#define CX_DATA_META_H

#include <cJSON.h>

#include "cxreport/data.h"
#include "jscan.h"

/* Where a metadata value's text is, so errors can be located in it. */
typedef struct cx_meta_src {
    const char *file;
    const char *text, *end;         /* text of the whole value, accepted by jscan */
    long line, col;                 /* position of text */
    const cx_jpath_step *base;      /* path from text to the value processed */
    size_t nbase;
    const char *name;               /* "survey" or "questions", for messages */
} cx_meta_src;

typedef struct cx_meta {
    bool survey_seen, questions_seen;
    const char *weight_file;        /* where survey.weight was given */
    long weight_line, weight_col;
} cx_meta;

/* Fills t->questions from v.  v lives at src's path. */
cx_status cx_meta_questions(cx_table *t, const cJSON *v, const cx_meta_src *src,
                            cx_diag *d);

/* Fills t->survey from v and records where its weight member is. */
cx_status cx_meta_survey(cx_table *t, cx_meta *m, const cJSON *v,
                         const cx_meta_src *src, cx_diag *d);

/* Checks survey.weight against the questions (once both are known). */
cx_status cx_meta_check(const cx_table *t, const cx_meta *m, cx_diag *d);

/* Rejects duplicate member names anywhere inside v. */
cx_status cx_meta_check_dups(const cJSON *v, const cx_meta_src *src, cx_diag *d);

/* Reads the sidecar at path when it exists ({"survey":…,"questions":[…]}).
 * A sidecar that does not exist is no error. */
cx_status cx_meta_sidecar(cx_table *t, cx_meta *m, const char *path, cx_diag *d);

/* Sets a diagnostic at a syntax error of a scanner. */
cx_status cx_meta_syntax(const cx_jscan *s, const char *file, cx_diag *d);

#endif
