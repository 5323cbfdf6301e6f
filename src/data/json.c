/*
 * json.c — the .json encoding: {"survey":…, "questions":[…],
 * "responses":[…]} or a bare array of responses.
 *
 * Streaming: the file goes through the reader's buffer; a small loop
 * walks the top-level structure, `survey` and `questions` are parsed as
 * (small) trees, and the elements of `responses` are checked, parsed and
 * stored one at a time.  No tree of the whole file ever exists.
 *
 * Members may come in any order.  Responses are read as soon as they
 * come, with what is known of the questions so far; an error there is
 * held back.  If `survey` or `questions` turns up after them, the table is
 * dropped and the responses are read again from their saved offset: that
 * costs a second pass only for files written in that order.
 */
#include "loaders.h"
#include "builder.h"
#include "jscan.h"
#include "meta.h"
#include "reader.h"
#include "response.h"
#include "table.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jl {
    cx_reader *rd;
    const char *file;
    cx_table *t;
    cx_tb *tb;
    cx_meta meta;
    cx_load_limits lim;         /* all 0 (no limits) without any */
    long line, col;             /* position of rd->buf[rd->pos] */
    cx_diag *d;
} jl;

static void jl_scanner(jl *j, cx_jscan *s)
{
    cx_reader *r = j->rd;
    cx_jscan_init(s, r->buf + r->pos, r->buf + r->len, r->eof, "end of file", j->line, j->col);
}

static void jl_commit(jl *j, const cx_jscan *s)
{
    j->rd->pos = (size_t)(s->p - j->rd->buf);
    j->line = s->line;
    j->col = cx_jscan_cursor_column(s);
}

static cx_status jl_syntax(jl *j, const cx_jscan *s)
{
    return cx_meta_syntax(s, j->file, j->d);
}

/* Skips whitespace, reading on as needed; returns the next byte or -1 at
 * the end of the file (in *c). */
static cx_status jl_peek(jl *j, int *c)
{
    for (;;) {
        cx_jscan s;
        jl_scanner(j, &s);
        cx_jscan_ws(&s);
        jl_commit(j, &s);
        if (j->rd->pos < j->rd->len) {
            *c = (unsigned char)j->rd->buf[j->rd->pos];
            return CX_OK;
        }
        if (j->rd->eof) {
            *c = -1;
            return CX_OK;
        }
        cx_status st = cx_reader_fill(j->rd, j->d);
        if (st != CX_OK)
            return st;
    }
}

/* A syntax error at the cursor: "expected WHAT, found …". */
static cx_status jl_expected(jl *j, const char *what, const char *in)
{
    cx_jscan s;
    jl_scanner(j, &s);
    s.final = true;
    cx_jscan_expected(&s, s.p, what, in);
    return jl_syntax(j, &s);
}

/* Checks the value (or string, for a key) at the cursor, reading on
 * until it is whole; its text is then buf[*start .. rd->pos).  limit
 * (0 = none) caps its size. */
static cx_status jl_value(jl *j, bool key, size_t limit, const char *limit_what,
                          size_t *start, long *line, long *col)
{
    for (;;) {
        cx_jscan s;
        jl_scanner(j, &s);
        cx_js_status js = key ? cx_jscan_string(&s) : cx_jscan_value(&s);
        if (js == CX_JS_OK && !(limit && (size_t)(s.p - (j->rd->buf + j->rd->pos)) > limit)) {
            *start = j->rd->pos;
            *line = j->line;
            *col = j->col;
            jl_commit(j, &s);
            return CX_OK;
        }
        if (js == CX_JS_ERROR)
            return jl_syntax(j, &s);
        if (limit && (js == CX_JS_OK || j->rd->len - j->rd->pos > limit))
            return cx_diag_set(j->d, CX_EDATA, j->file, j->line, j->col,
                               "%s is longer than %zu bytes (raise the limit with "
                               "--max-line-bytes)", limit_what, limit);
        cx_status st = cx_reader_fill(j->rd, j->d);
        if (st != CX_OK)
            return st;
    }
}

static cx_status jl_new_builder(jl *j)
{
    cx_status st = cx_meta_check(j->t, &j->meta, j->d);
    if (st != CX_OK)
        return st;
    if (!(j->tb = cx_tb_new(j->t, &j->lim)))
        return cx_diag_set(j->d, CX_EINTERNAL, j->file, 0, 0, "out of memory");
    return CX_OK;
}

/* Drops the rows and columns read so far (keeps survey and questions). */
static void jl_reset_table(jl *j)
{
    cx_tb_free(j->tb);
    j->tb = NULL;
    cx_table_drop_columns(j->t);
}

enum { MODE_PROCESS, MODE_SKIP };

/* The responses array, cursor on its '['.  In MODE_SKIP elements are
 * only checked.  With held != NULL a data error in a response is kept in
 * *held (and the rest skipped) instead of returned. */
static cx_status jl_responses(jl *j, int mode, cx_diag *held, bool *holding)
{
    cx_status st;
    int c;
    size_t index = 0;
    j->rd->pos++;
    j->col++;
    if ((st = jl_peek(j, &c)) != CX_OK)
        return st;
    if (c == ']') {
        j->rd->pos++;
        j->col++;
        return CX_OK;
    }
    for (;;) {
        if (c < 0)
            return jl_expected(j, "a response", "the responses array");
        index++;
        size_t start = 0;
        long line = 0, col = 0;
        char what[64];
        snprintf(what, sizeof what, "response %zu", index);
        if ((st = jl_value(j, false, j->lim.max_line_bytes, what, &start, &line, &col)) != CX_OK)
            return st;
        if (mode == MODE_PROCESS) {
            const char *buf = j->rd->buf;
            st = cx_response_add(j->tb, j->file, index, buf + start, buf + j->rd->pos,
                                 line, col, j->d);
            if (st == CX_EDATA && held) {
                *held = *j->d;
                *holding = true;
                cx_diag_clear(j->d);
                mode = MODE_SKIP;
            } else if (st != CX_OK)
                return st;
        }
        if ((st = jl_peek(j, &c)) != CX_OK)
            return st;
        if (c == ',') {
            j->rd->pos++;
            j->col++;
            if ((st = jl_peek(j, &c)) != CX_OK)
                return st;
            continue;
        }
        if (c == ']') {
            j->rd->pos++;
            j->col++;
            return CX_OK;
        }
        return jl_expected(j, "',' or ']' after a response", "the responses array");
    }
}

/* After the document: nothing but whitespace. */
static cx_status jl_end(jl *j)
{
    int c;
    cx_status st = jl_peek(j, &c);
    if (st != CX_OK || c < 0)
        return st;
    cx_jscan s;
    char what[32];
    jl_scanner(j, &s);
    s.final = true;
    if (c >= 0x80 && cx_data_utf8_seq(s.p, s.end, true) <= 0)
        cx_jscan_error(&s, s.p, "invalid UTF-8 (byte 0x%02X)", (unsigned)c);
    else {
        cx_jscan_describe(&s, s.p, what, sizeof what);
        cx_jscan_error(&s, s.p, "unexpected %s after the end of the document", what);
    }
    return jl_syntax(j, &s);
}

/* survey or questions: a small value, parsed as a tree. */
static cx_status jl_meta(jl *j, bool survey)
{
    size_t start = 0;
    long line = 0, col = 0;
    cx_status st = jl_value(j, false, 0, NULL, &start, &line, &col);
    if (st != CX_OK)
        return st;
    const char *text = j->rd->buf + start, *end = j->rd->buf + j->rd->pos;
    cJSON *v = cJSON_ParseWithLengthOpts(text, (size_t)(end - text), NULL, false);
    if (!v)
        return cx_diag_set(j->d, CX_EINTERNAL, j->file, line, col, "out of memory");
    cx_meta_src src = {j->file, text, end, line, col, NULL, 0, survey ? "survey" : "questions"};
    if ((st = cx_meta_check_dups(v, &src, j->d)) == CX_OK) {
        if (survey)
            st = cx_meta_survey(j->t, &j->meta, v, &src, j->d);
        else if ((st = cx_meta_questions(j->t, v, &src, j->d)) == CX_OK)
            j->meta.questions_seen = true;
    }
    cJSON_Delete(v);
    return st;
}

static cx_status jl_object(jl *j)
{
    cx_status st;
    int c;
    long obj_line = j->line, obj_col = j->col;
    bool seen_resp = false, rerun = false, holding = false;
    long long resp_off = 0;
    long resp_line = 0, resp_col = 0;
    cx_diag held;
    cx_diag_clear(&held);

    j->rd->pos++;
    j->col++;
    if ((st = jl_peek(j, &c)) != CX_OK)
        return st;
    if (c == '}')
        goto close;
    for (;;) {
        if (c != '"')
            return jl_expected(j, "a member name (\"survey\", \"questions\" or \"responses\")",
                               "the top-level object");
        size_t kstart = 0;
        long kline = 0, kcol = 0;
        if ((st = jl_value(j, true, 0, NULL, &kstart, &kline, &kcol)) != CX_OK)
            return st;
        char *key = cx_jscan_decode_string(j->rd->buf + kstart, NULL);
        if (!key)
            return cx_diag_set(j->d, CX_EINTERNAL, j->file, 0, 0, "out of memory");
        int which = strcmp(key, "survey") == 0 ? 0 : strcmp(key, "questions") == 0 ? 1
                  : strcmp(key, "responses") == 0 ? 2 : -1;
        bool dup = (which == 0 && j->meta.survey_seen) ||
                   (which == 1 && j->meta.questions_seen) || (which == 2 && seen_resp);
        if (which < 0 || dup) {
            st = cx_diag_set(j->d, CX_EDATA, j->file, kline, kcol, which < 0
                             ? "unknown top-level member \"%s\" (expected \"survey\", "
                               "\"questions\" or \"responses\")"
                             : "duplicate member \"%s\"", key);
            free(key);
            return st;
        }
        free(key);
        if ((st = jl_peek(j, &c)) != CX_OK)
            return st;
        if (c != ':')
            return jl_expected(j, "':' after the member name", "the top-level object");
        j->rd->pos++;
        j->col++;
        if ((st = jl_peek(j, &c)) != CX_OK)
            return st;
        if (c < 0)
            return jl_expected(j, "a value", "the top-level object");

        if (which < 2) {
            if ((st = jl_meta(j, which == 0)) != CX_OK)
                return st;
            if (seen_resp)
                rerun = true;
        } else {
            seen_resp = true;
            if (c != '[') {
                size_t vs = 0;
                long vl = 0, vc = 0;
                if ((st = jl_value(j, false, 0, NULL, &vs, &vl, &vc)) != CX_OK)
                    return st;
                char found[96];
                cx_jscan_found(j->rd->buf + vs, j->rd->buf + j->rd->pos, found, sizeof found);
                return cx_diag_set(j->d, CX_EDATA, j->file, vl, vc,
                                   "\"responses\" must be an array of response objects, "
                                   "found %s", found);
            }
            resp_off = j->rd->base + (long long)j->rd->pos;
            resp_line = j->line;
            resp_col = j->col;
            if ((st = jl_new_builder(j)) != CX_OK)
                return st;
            bool final = j->meta.survey_seen && j->meta.questions_seen;
            if ((st = jl_responses(j, MODE_PROCESS, final ? NULL : &held, &holding)) != CX_OK)
                return st;
        }
        if ((st = jl_peek(j, &c)) != CX_OK)
            return st;
        if (c == ',') {
            j->rd->pos++;
            j->col++;
            if ((st = jl_peek(j, &c)) != CX_OK)
                return st;
            continue;
        }
        if (c == '}')
            break;
        return jl_expected(j, "',' or '}' after a member", "the top-level object");
    }
close:
    j->rd->pos++;
    j->col++;
    if ((st = jl_end(j)) != CX_OK)
        return st;
    if (!seen_resp)
        return cx_diag_set(j->d, CX_EDATA, j->file, obj_line, obj_col,
                           "missing member \"responses\" (the array of responses)");
    if (rerun) {
        /* survey or questions came after the responses: read them again
         * now that the whole metadata is known. */
        jl_reset_table(j);
        if ((st = cx_reader_seek(j->rd, resp_off, j->d)) != CX_OK)
            return st;
        j->line = resp_line;
        j->col = resp_col;
        if ((st = jl_new_builder(j)) != CX_OK)
            return st;
        return jl_responses(j, MODE_PROCESS, NULL, NULL);
    }
    if (holding) {
        *j->d = held;
        return held.status;
    }
    return CX_OK;
}

cx_status cx_json_load(cx_table *t, const char *path, const cx_load_limits *lim, cx_diag *d)
{
    jl j = {.file = path, .t = t, .line = 1, .col = 1, .d = d};
    int c;
    cx_status st = cx_reader_open(&j.rd, path, CX_READER_CHUNK, d);
    if (st != CX_OK)
        return st;
    if (lim)
        j.lim = *lim;
    if ((st = cx_reader_skip_bom(j.rd, d)) != CX_OK || (st = jl_peek(&j, &c)) != CX_OK)
        goto done;
    if (c == '[') {
        if ((st = jl_new_builder(&j)) != CX_OK ||
            (st = jl_responses(&j, MODE_PROCESS, NULL, NULL)) != CX_OK)
            goto done;
        st = jl_end(&j);
    } else if (c == '{')
        st = jl_object(&j);
    else
        st = jl_expected(&j, "a JSON object {\"responses\": […]} or an array of responses",
                         NULL);
    if (st == CX_OK)
        st = cx_tb_finish(j.tb);
    if (st == CX_EINTERNAL && !d->message[0])
        cx_diag_set(d, st, path, 0, 0, "out of memory");
done:
    cx_tb_free(j.tb);
    cx_reader_close(j.rd);
    return st;
}
