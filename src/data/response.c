/*
 * response.c — a response object (one cJSON tree, freed at once) into a
 * row.  The fast path touches only the tree; the text is re-scanned only
 * when something is wrong, to find where.
 */
#include "response.h"
#include "jscan.h"
#include "number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cx_response_name(char *buf, size_t size, size_t index, const char *id)
{
    if (id)
        snprintf(buf, size, "response %zu (id %s)", index, id);
    else
        snprintf(buf, size, "response %zu", index);
}

cx_status cx_response_error(cx_diag *d, const char *file, long line, long col,
                            size_t index, const char *id, const char *field,
                            const cx_tb_err *e, const char *found)
{
    char who[200];
    if (e->limit)
        return cx_diag_set(d, CX_EDATA, file, line, col, "%s", e->message);
    cx_response_name(who, sizeof who, index, id);
    if (!field || e->absent)
        return cx_diag_set(d, CX_EDATA, file, line, col, "%s: %s", who, e->message);
    if (e->message[0])
        return cx_diag_set(d, CX_EDATA, file, line, col, "%s, field \"%s\": %s", who,
                           field, e->message);
    return cx_diag_set(d, CX_EDATA, file, line, col, "%s, field \"%s\": expected %s, found %s",
                       who, field, e->expected, found);
}

/* The response's id as an error message shows it, or NULL. */
static const char *id_text(const cJSON *obj, char *buf, size_t size)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (cJSON_IsString(id)) {
        size_t n = strlen(id->valuestring), max = 60;
        if (n > max) {
            while (max && ((unsigned char)id->valuestring[max] & 0xC0) == 0x80)
                max--;
            snprintf(buf, size, "\"%.*s…\"", (int)max, id->valuestring);
        } else
            snprintf(buf, size, "\"%s\"", id->valuestring);
        return buf;
    }
    if (cJSON_IsNumber(id))
        return cx_format_double(id->valuedouble, buf, size);
    return NULL;
}

/* The error of field `key` (occurrence `occ`) of the response. */
static cx_status field_error(cx_diag *d, const char *file, size_t index, const cJSON *obj,
                             const char *text, const char *end, long line, long col,
                             const char *key, int occ, bool at_key, const cx_tb_err *e)
{
    cx_jpath_step path[2] = {{key, 0, occ}, {NULL, e ? (size_t)(e->elem < 0 ? 0 : e->elem) : 0, 0}};
    size_t npath = e && e->elem >= 0 ? 2 : 1;
    cx_jloc loc;
    char idbuf[80], found[96] = "a value";
    const char *id = id_text(obj, idbuf, sizeof idbuf);
    if (cx_jscan_locate(text, end, line, col, path, npath, &loc)) {
        line = at_key && loc.key ? loc.key_line : loc.line;
        col = at_key && loc.key ? loc.key_col : loc.col;
        cx_jscan_found(loc.value, loc.value_end, found, sizeof found);
    }
    if (!e) {
        char who[200];
        cx_response_name(who, sizeof who, index, id);
        if (!key[0])
            return cx_diag_set(d, CX_EDATA, file, line, col, "%s: empty field name", who);
        return cx_diag_set(d, CX_EDATA, file, line, col, "%s: duplicate field \"%s\"", who, key);
    }
    return cx_response_error(d, file, line, col, index, id, key, e, found);
}

cx_status cx_response_add(cx_tb *b, const char *file, size_t index, const char *text,
                          const char *end, long line, long col, cx_diag *d)
{
    cx_status st = CX_OK;
    cx_tb_err e;
    cJSON *obj = cJSON_ParseWithLengthOpts(text, (size_t)(end - text), NULL, false);
    if (!obj)
        return cx_diag_set(d, CX_EINTERNAL, file, line, col, "out of memory");
    if (!cJSON_IsObject(obj)) {
        char found[96];
        cx_jscan_found(text, end, found, sizeof found);
        st = cx_diag_set(d, CX_EDATA, file, line, col,
                         "response %zu: expected an object {\"field\": value, …}, found %s",
                         index, found);
        goto done;
    }
    if ((st = cx_tb_row_begin(b, &e)) != CX_OK) {
        st = cx_diag_set(d, st, file, line, col, "%s", e.message);
        goto done;
    }
    size_t k = 0;
    for (const cJSON *m = obj->child; m; m = m->next, k++) {
        const char *key = m->string;
        if (!key[0]) {
            st = field_error(d, file, index, obj, text, end, line, col, key, 1, true, NULL);
            goto done;
        }
        int c = cx_tb_column_z(b, key, k);
        if (c < 0) {
            st = cx_tb_failure(b, &e);
            st = st == CX_EDATA ? field_error(d, file, index, obj, text, end, line, col, key, 1,
                                              true, &e)
                                : cx_diag_set(d, st, file, line, col, "out of memory");
            goto done;
        }
        if (!cx_tb_claim(b, c)) {
            st = field_error(d, file, index, obj, text, end, line, col, key, 2, true, NULL);
            goto done;
        }
        if ((st = cx_tb_set_json(b, c, m, &e)) != CX_OK) {
            if (st == CX_EDATA)
                st = field_error(d, file, index, obj, text, end, line, col, key, 1, false, &e);
            else
                st = cx_diag_set(d, CX_EINTERNAL, file, line, col, "out of memory");
            goto done;
        }
    }
    if ((st = cx_tb_row_end(b, &e)) != CX_OK) {
        char idbuf[80];
        st = cx_response_error(d, file, line, col, index, id_text(obj, idbuf, sizeof idbuf),
                               NULL, &e, NULL);
    }
done:
    cJSON_Delete(obj);
    return st;
}
