/*
 * jsonl.c — the JSON Lines encoding (.jsonl, .ndjson): one response per
 * line, blank lines skipped, metadata from the optional sidecar.  Read as
 * a stream through the reader's buffer: memory is the columns plus the
 * longest line, never the file.
 */
#include "loaders.h"
#include "builder.h"
#include "jscan.h"
#include "meta.h"
#include "reader.h"
#include "response.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* One line [p, end): blank, or one response and nothing else. */
static cx_status jsonl_line(cx_tb *tb, const char *path, const char *p, const char *end,
                            bool last, long line, size_t *index, cx_diag *d)
{
    cx_jscan s;
    cx_jscan_init(&s, p, end, true, last ? "end of file" : "end of line", line, 1);
    cx_jscan_ws(&s);
    if (s.p >= end)
        return CX_OK;
    (*index)++;
    const char *vstart = s.p;
    long vcol = cx_jscan_cursor_column(&s);
    if (cx_jscan_value(&s) != CX_JS_OK)
        return cx_meta_syntax(&s, path, d);
    const char *vend = s.p;
    cx_jscan_ws(&s);
    if (s.p < end) {
        if ((unsigned char)*s.p >= 0x80 && cx_data_utf8_seq(s.p, end, true) <= 0)
            cx_jscan_error(&s, s.p, "invalid UTF-8 (byte 0x%02X)", (unsigned char)*s.p);
        else {
            char what[32];
            cx_jscan_describe(&s, s.p, what, sizeof what);
            cx_jscan_error(&s, s.p, "unexpected %s after the response (one response per "
                           "line)", what);
        }
        return cx_meta_syntax(&s, path, d);
    }
    return cx_response_add(tb, path, *index, vstart, vend, line, vcol, d);
}

static cx_status line_too_long(const char *path, long line, const char *p, size_t limit,
                               cx_diag *d)
{
    return cx_diag_set(d, CX_EDATA, path, line, 1 + (long)cx_data_utf8_count(p, p + limit),
                       "line is longer than %zu bytes (raise the limit with "
                       "--max-line-bytes)", limit);
}

cx_status cx_jsonl_load(cx_table *t, const char *path, const char *sidecar,
                        const cx_load_limits *lim, cx_diag *d)
{
    cx_meta meta = {0};
    cx_reader *rd = NULL;
    cx_tb *tb = NULL;
    size_t limit = lim ? lim->max_line_bytes : 0, index = 0;
    long line = 1;
    cx_status st;

    if ((st = cx_reader_open(&rd, path, CX_READER_CHUNK, d)) != CX_OK)
        return st;
    if (sidecar && (st = cx_meta_sidecar(t, &meta, sidecar, d)) != CX_OK)
        goto done;
    if ((st = cx_meta_check(t, &meta, d)) != CX_OK)
        goto done;
    if (!(tb = cx_tb_new(t, lim))) {
        st = cx_diag_set(d, CX_EINTERNAL, path, 0, 0, "out of memory");
        goto done;
    }
    if ((st = cx_reader_skip_bom(rd, d)) != CX_OK)
        goto done;
    for (;;) {
        const char *p = rd->buf + rd->pos, *end = rd->buf + rd->len;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl && !rd->eof) {
            if (limit && (size_t)(end - p) > limit) {
                st = line_too_long(path, line, p, limit, d);
                goto done;
            }
            if ((st = cx_reader_fill(rd, d)) != CX_OK)
                goto done;
            continue;
        }
        if (!nl && p == end)
            break;
        const char *eol = nl ? nl : end;
        if (limit && (size_t)(eol - p) > limit) {
            st = line_too_long(path, line, p, limit, d);
            goto done;
        }
        if ((st = jsonl_line(tb, path, p, eol, !nl, line, &index, d)) != CX_OK)
            goto done;
        rd->pos = (size_t)(eol - rd->buf) + (nl ? 1 : 0);
        line++;
    }
    st = cx_tb_finish(tb);
    if (st != CX_OK)
        cx_diag_set(d, st, path, 0, 0, "out of memory");
done:
    cx_tb_free(tb);
    cx_reader_close(rd);
    return st;
}
