/*
 * csv.c — the CSV encoding: RFC 4180 (quoted cells with embedded commas,
 * doubled quotes and line breaks), UTF-8, a header row of field names,
 * LF or CRLF line ends; metadata from the optional sidecar.
 *
 * Read as a stream of records through the reader's buffer; cJSON is never
 * involved (cells are text; numbers are recognised by JSON's grammar and
 * converted by hand).  A record cut by the end of the buffer is parsed
 * again once more bytes are in.
 */
#include "loaders.h"
#include "builder.h"
#include "meta.h"
#include "number.h"
#include "reader.h"
#include "response.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_cell {
    const char *start;          /* first byte of the cell (its quote, if quoted) */
    const char *text;           /* content (inside the quotes) */
    size_t len;
    bool escaped;               /* holds doubled quotes to undo */
} csv_cell;

typedef struct csv {
    const char *path;
    cx_reader *rd;
    size_t limit;               /* max physical line bytes, 0 = none */
    csv_cell *cells;
    size_t ncells, cap;
    char *scratch;              /* unescaped cell text */
    size_t scratch_cap;
    long line;                  /* line of the record being read */
    const char *next;           /* after the record's line end */
    long rec_lines;             /* line breaks inside its quoted cells */
    cx_diag *d;
} csv;

typedef enum { REC_OK, REC_MORE, REC_ERROR, REC_OOM } rec_status;

/* Bytes a cell can take without a second look: ASCII but NUL and, for an
 * unquoted cell, the comma, line ends and the quote; for a quoted one, the
 * quote and LF (counted as a line).  The table is written out by the
 * macros, from these two rules. */
#define PLAIN_QUOTED(c) ((c) > 0 && (c) < 0x80 && (c) != '"' && (c) != '\n')
#define PLAIN_UNQUOTED(c) (PLAIN_QUOTED(c) && (c) != ',' && (c) != '\r')
#define CELL_CLASS(c) (PLAIN_QUOTED(c) * IN_QUOTED | PLAIN_UNQUOTED(c) * IN_UNQUOTED)
#define CLASS_ROW(b)                                                                        \
    CELL_CLASS(b), CELL_CLASS(b + 1), CELL_CLASS(b + 2), CELL_CLASS(b + 3), CELL_CLASS(b + 4), \
    CELL_CLASS(b + 5), CELL_CLASS(b + 6), CELL_CLASS(b + 7), CELL_CLASS(b + 8),            \
    CELL_CLASS(b + 9), CELL_CLASS(b + 10), CELL_CLASS(b + 11), CELL_CLASS(b + 12),         \
    CELL_CLASS(b + 13), CELL_CLASS(b + 14), CELL_CLASS(b + 15)
enum { IN_QUOTED = 1, IN_UNQUOTED = 2 };
static const unsigned char cell_class[256] = {
    CLASS_ROW(0x00), CLASS_ROW(0x10), CLASS_ROW(0x20), CLASS_ROW(0x30),
    CLASS_ROW(0x40), CLASS_ROW(0x50), CLASS_ROW(0x60), CLASS_ROW(0x70),
    CLASS_ROW(0x80), CLASS_ROW(0x90), CLASS_ROW(0xA0), CLASS_ROW(0xB0),
    CLASS_ROW(0xC0), CLASS_ROW(0xD0), CLASS_ROW(0xE0), CLASS_ROW(0xF0),
};

/* Line and column of `at` inside the record that starts at rec (line
 * c->line, column 1). */
static void record_pos(const csv *c, const char *rec, const char *at, long *line, long *col)
{
    long l = c->line;
    const char *ls = rec;
    for (const char *p = rec; p < at; p++)
        if (*p == '\n') {
            l++;
            ls = p + 1;
        }
    *line = l;
    *col = 1 + (long)cx_data_utf8_count(ls, at);
}

static cx_status csv_error_at(csv *c, const char *rec, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static cx_status csv_error_at(csv *c, const char *rec, const char *at, const char *fmt, ...)
{
    long line = 0, col = 0;
    record_pos(c, rec, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    cx_diag_vset(c->d, CX_EDATA, c->path, line, col, fmt, ap);
    va_end(ap);
    return CX_EDATA;
}

static void describe(const char *at, const char *end, char *buf, size_t size)
{
    if (at >= end)
        snprintf(buf, size, "end of file");
    else if ((unsigned char)*at >= 0x20 && (unsigned char)*at < 0x7F)
        snprintf(buf, size, "'%c'", *at);
    else if ((unsigned char)*at < 0x80)
        snprintf(buf, size, "U+%04X", (unsigned char)*at);
    else
        snprintf(buf, size, "'%.*s'", cx_data_utf8_seq(at, end, true), at);
}

/* A physical line of [p, end) longer than the limit, or NULL. */
static const char *long_line(const char *p, const char *end, size_t limit)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if ((size_t)(eol - p) > limit)
            return p;
        p = eol + 1;
    }
    return NULL;
}

static int add_cell(csv *c, const char *start, const char *text, size_t len, bool escaped)
{
    if (c->ncells == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        csv_cell *p = realloc(c->cells, cap * sizeof *p);
        if (!p)
            return -1;
        c->cells = p;
        c->cap = cap;
    }
    c->cells[c->ncells++] = (csv_cell){start, text, len, escaped};
    return 0;
}

/* Parses the record at p.  REC_OK: cells set, *next after its line end
 * (*blank when it is an empty line).  REC_ERROR: diag set. */
static rec_status csv_record(csv *c, const char *p, const char *end, bool final,
                             const char **next, bool *blank)
{
    const char *q = p;
    c->ncells = 0;
    c->rec_lines = 0;
    *blank = false;
    for (;;) {
        const char *start = q;
        if (q < end && *q == '"') {
            bool escaped = false;
            const char *text = ++q;
            for (;;) {
                while (q < end && (cell_class[(unsigned char)*q] & IN_QUOTED))
                    q++;
                if (q >= end) {
                    if (!final)
                        return REC_MORE;
                    csv_error_at(c, p, start, "unexpected end of file inside a quoted "
                                 "cell (its closing quote is missing)");
                    return REC_ERROR;
                }
                unsigned char ch = (unsigned char)*q;
                if (ch == '"') {
                    if (q + 1 < end && q[1] == '"') {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    if (q + 1 >= end && !final)
                        return REC_MORE;
                    break;
                }
                if (ch == '\n') {
                    q++;
                    c->rec_lines++;
                    continue;
                }
                if (ch == 0) {
                    csv_error_at(c, p, q, "NUL character in a cell");
                    return REC_ERROR;
                }
                int n = cx_data_utf8_seq(q, end, final);
                if (n < 0)
                    return REC_MORE;
                if (n == 0) {
                    csv_error_at(c, p, q, "invalid UTF-8 (byte 0x%02X)", ch);
                    return REC_ERROR;
                }
                q += n;
            }
            if (add_cell(c, start, text, (size_t)(q - text), escaped) < 0)
                return REC_OOM;
            q++;                                /* the closing quote */
            if (q >= end) {
                if (!final)
                    return REC_MORE;
                *next = q;
                return REC_OK;
            }
            if (*q == ',') {
                q++;
                continue;
            }
            if (*q == '\n' || (*q == '\r' && q + 1 < end && q[1] == '\n')) {
                *next = q + (*q == '\r' ? 2 : 1);
                return REC_OK;
            }
            if (*q == '\r' && q + 1 >= end && !final)
                return REC_MORE;
            char what[32];
            describe(q, end, what, sizeof what);
            csv_error_at(c, p, q, "expected ',' or the end of the line after a closing "
                         "quote, found %s", what);
            return REC_ERROR;
        }
        /* unquoted */
        for (;;) {
            while (q < end && (cell_class[(unsigned char)*q] & IN_UNQUOTED))
                q++;
            if (q >= end) {
                if (!final)
                    return REC_MORE;
                break;
            }
            unsigned char ch = (unsigned char)*q;
            if (ch == ',' || ch == '\n')
                break;
            if (ch == '\r') {
                if (q + 1 < end && q[1] == '\n')
                    break;
                if (q + 1 >= end && !final)
                    return REC_MORE;
                q++;                            /* a lone CR is text */
                continue;
            }
            if (ch == '"') {
                csv_error_at(c, p, q, "unexpected '\"' inside an unquoted cell (a cell "
                             "holding quotes must be quoted, its quotes doubled)");
                return REC_ERROR;
            }
            if (ch == 0) {
                csv_error_at(c, p, q, "NUL character in a cell");
                return REC_ERROR;
            }
            int n = cx_data_utf8_seq(q, end, final);
            if (n < 0)
                return REC_MORE;
            if (n == 0) {
                csv_error_at(c, p, q, "invalid UTF-8 (byte 0x%02X)", ch);
                return REC_ERROR;
            }
            q += n;
        }
        if (add_cell(c, start, start, (size_t)(q - start), false) < 0)
            return REC_OOM;
        if (q < end && *q == ',') {
            q++;
            continue;
        }
        if (c->ncells == 1 && q == p)
            *blank = true;
        *next = q >= end ? q : q + (*q == '\r' ? 2 : 1);
        return REC_OK;
    }
}

/* The text of a cell, doubled quotes undone. */
static const char *cell_text(csv *c, const csv_cell *cell, size_t *len)
{
    if (!cell->escaped) {
        *len = cell->len;
        return cell->text;
    }
    if (cell->len + 1 > c->scratch_cap) {
        size_t cap = cell->len + 1 > 2 * c->scratch_cap ? cell->len + 1 : 2 * c->scratch_cap;
        char *s = realloc(c->scratch, cap);
        if (!s)
            return NULL;
        c->scratch = s;
        c->scratch_cap = cap;
    }
    size_t n = 0;
    for (size_t i = 0; i < cell->len; i++) {
        c->scratch[n++] = cell->text[i];
        if (cell->text[i] == '"')
            i++;
    }
    *len = n;
    return c->scratch;
}

/* A cell as an error message shows it. */
static void cell_found(const char *s, size_t len, char *buf, size_t size)
{
    size_t max = 60;
    double x;
    if (len == 0) {
        snprintf(buf, size, "an empty cell");
        return;
    }
    bool num = cx_number_parse(s, len, &x);
    if (len > max) {
        while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        snprintf(buf, size, num ? "%.*s…" : "\"%.*s…\"", (int)max, s);
    } else
        snprintf(buf, size, num ? "%.*s" : "\"%.*s\"", (int)len, s);
}

/* Reads the next record into c->cells; *rec its start.  *eof at the end
 * of the file.  Skips blank lines. */
static cx_status next_record(csv *c, const char **rec, bool *eof)
{
    cx_reader *rd = c->rd;
    for (;;) {
        const char *p = rd->buf + rd->pos, *end = rd->buf + rd->len, *next = NULL;
        bool blank;
        if (p >= end && rd->eof) {
            *eof = true;
            return CX_OK;
        }
        rec_status rs = csv_record(c, p, end, rd->eof, &next, &blank);
        if (rs == REC_ERROR)
            return CX_EDATA;
        if (rs == REC_OOM)
            return cx_diag_set(c->d, CX_EINTERNAL, c->path, 0, 0, "out of memory");
        const char *scan_end = rs == REC_OK ? next : end;
        if (c->limit && (size_t)(scan_end - p) > c->limit) {
            const char *bad = long_line(p, scan_end, c->limit);
            if (bad) {
                long line = 0, col = 0;
                record_pos(c, p, bad, &line, &col);
                return cx_diag_set(c->d, CX_EDATA, c->path, line,
                                   1 + (long)cx_data_utf8_count(bad, bad + c->limit),
                                   "line is longer than %zu bytes (raise the limit with "
                                   "--max-line-bytes)", c->limit);
            }
        }
        if (rs == REC_MORE) {
            cx_status st = cx_reader_fill(rd, c->d);
            if (st != CX_OK)
                return st;
            continue;
        }
        if (blank) {
            rd->pos = (size_t)(next - rd->buf);
            c->line++;
            continue;
        }
        *rec = p;
        *eof = false;
        c->next = next;
        return CX_OK;
    }
}

/* Moves past the record just handled, counting its lines. */
static void consume(csv *c)
{
    c->line += c->rec_lines + 1;
    c->rd->pos = (size_t)(c->next - c->rd->buf);
}

static cx_status csv_header(csv *c, cx_tb *tb, int **cols, size_t *ncols)
{
    const char *rec;
    bool eof;
    cx_status st = next_record(c, &rec, &eof);
    if (st != CX_OK)
        return st;
    if (eof)
        return cx_diag_set(c->d, CX_EDATA, c->path, c->line, 1,
                           "expected a header row with the field names, found end of file");
    *ncols = c->ncells;
    if (!(*cols = malloc(c->ncells * sizeof **cols)))
        return cx_diag_set(c->d, CX_EINTERNAL, c->path, 0, 0, "out of memory");
    for (size_t i = 0; i < c->ncells; i++) {
        size_t len;
        const char *name = cell_text(c, &c->cells[i], &len);
        if (!name)
            return cx_diag_set(c->d, CX_EINTERNAL, c->path, 0, 0, "out of memory");
        if (len == 0)
            return csv_error_at(c, rec, c->cells[i].start, "header cell %zu is empty (every "
                                "column needs a field name)", i + 1);
        int col = cx_tb_column(tb, name, len, i);
        if (col < 0) {
            cx_tb_err e;
            if (cx_tb_failure(tb, &e) == CX_EDATA)
                return csv_error_at(c, rec, c->cells[i].start, "%s", e.message);
            return cx_diag_set(c->d, CX_EINTERNAL, c->path, 0, 0, "out of memory");
        }
        for (size_t j = 0; j < i; j++)
            if ((*cols)[j] == col)
                return csv_error_at(c, rec, c->cells[i].start,
                                    "duplicate field \"%.*s\" in the header", (int)len, name);
        (*cols)[i] = col;
    }
    consume(c);
    return CX_OK;
}

/* The id of the current record as messages show it, or NULL. */
static const char *record_id(csv *c, int id_cell, char *buf, size_t size)
{
    if (id_cell < 0 || (size_t)id_cell >= c->ncells)
        return NULL;
    size_t len;
    const char *s = cell_text(c, &c->cells[id_cell], &len);
    if (!s || len == 0)
        return NULL;
    cell_found(s, len, buf, size);
    return buf;
}

cx_status cx_csv_load(cx_table *t, const char *path, const char *sidecar,
                      const cx_load_limits *lim, cx_diag *d)
{
    csv c = {.path = path, .line = 1, .d = d};
    cx_meta meta = {0};
    cx_tb *tb = NULL;
    int *cols = NULL;
    size_t ncols = 0, index = 0;
    int id_cell = -1;
    cx_status st;

    c.limit = lim ? lim->max_line_bytes : 0;
    if ((st = cx_reader_open(&c.rd, path, CX_READER_CHUNK, d)) != CX_OK)
        return st;
    if (sidecar && (st = cx_meta_sidecar(t, &meta, sidecar, d)) != CX_OK)
        goto done;
    if ((st = cx_meta_check(t, &meta, d)) != CX_OK)
        goto done;
    if (!(tb = cx_tb_new(t, lim))) {
        st = cx_diag_set(d, CX_EINTERNAL, path, 0, 0, "out of memory");
        goto done;
    }
    if ((st = cx_reader_skip_bom(c.rd, d)) != CX_OK ||
        (st = csv_header(&c, tb, &cols, &ncols)) != CX_OK)
        goto done;
    for (size_t i = 0; i < ncols; i++)
        if (strcmp(t->cols[cols[i]].name, "id") == 0)
            id_cell = (int)i;

    for (;;) {
        const char *rec;
        bool eof;
        char idbuf[80], found[96];
        cx_tb_err e;
        if ((st = next_record(&c, &rec, &eof)) != CX_OK)
            goto done;
        if (eof)
            break;
        index++;
        if (c.ncells != ncols) {
            const char *at;
            if (c.ncells > ncols)
                at = c.cells[ncols].start;
            else {
                const csv_cell *last = &c.cells[c.ncells - 1];
                at = last->text + last->len + (last->start != last->text);
            }
            char who[200];
            cx_response_name(who, sizeof who, index, record_id(&c, id_cell, idbuf, sizeof idbuf));
            st = csv_error_at(&c, rec, at, "%s: expected %zu cells as in the header, found %zu",
                              who, ncols, c.ncells);
            goto done;
        }
        if ((st = cx_tb_row_begin(tb, &e)) != CX_OK) {
            long line = 0, col = 0;
            record_pos(&c, rec, rec, &line, &col);
            st = cx_diag_set(d, st, path, line, col, "%s", e.message);
            goto done;
        }
        for (size_t i = 0; i < ncols; i++) {
            size_t len;
            const char *s = cell_text(&c, &c.cells[i], &len);
            if (!s) {
                st = cx_diag_set(d, CX_EINTERNAL, path, 0, 0, "out of memory");
                goto done;
            }
            cx_tb_claim(tb, cols[i]);
            if ((st = cx_tb_set_text(tb, cols[i], s, len, &e)) != CX_OK) {
                if (st != CX_EDATA) {
                    st = cx_diag_set(d, st, path, 0, 0, "out of memory");
                    goto done;
                }
                long line = 0, col = 0;
                cell_found(s, len, found, sizeof found);
                record_pos(&c, rec, c.cells[i].start, &line, &col);
                st = cx_response_error(d, path, line, col, index,
                                       record_id(&c, id_cell, idbuf, sizeof idbuf),
                                       t->cols[cols[i]].name, &e, found);
                goto done;
            }
        }
        if ((st = cx_tb_row_end(tb, &e)) != CX_OK) {
            long line = 0, col = 0;
            record_pos(&c, rec, rec, &line, &col);
            st = cx_response_error(d, path, line, col, index,
                                   record_id(&c, id_cell, idbuf, sizeof idbuf), NULL, &e, NULL);
            goto done;
        }
        consume(&c);
    }
    if ((st = cx_tb_finish(tb)) != CX_OK)
        cx_diag_set(d, st, path, 0, 0, "out of memory");
done:
    free(cols);
    free(c.cells);
    free(c.scratch);
    cx_tb_free(tb);
    cx_reader_close(c.rd);
    return st;
}
