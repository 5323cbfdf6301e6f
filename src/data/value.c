/*
 * value.c — cx_value: survey members that are passed to report scripts
 * unchanged.  Converts from cJSON once; nothing outside src/data ever
 * sees a cJSON item.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

void cx_value_clear(cx_value *v)
{
    if (!v)
        return;
    free(v->string);
    for (size_t i = 0; i < v->count; i++) {
        if (v->keys)
            free(v->keys[i]);
        if (v->items)
            cx_value_clear(&v->items[i]);
    }
    free(v->keys);
    free(v->items);
    memset(v, 0, sizeof *v);
    v->kind = CX_V_NULL;
}

int cx_value_from_json(const cJSON *item, cx_value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = CX_V_NULL;
    if (cJSON_IsBool(item)) {
        out->kind = CX_V_BOOL;
        out->boolean = cJSON_IsTrue(item);
    } else if (cJSON_IsNumber(item)) {
        out->kind = CX_V_NUMBER;
        out->number = item->valuedouble;
    } else if (cJSON_IsString(item)) {
        out->kind = CX_V_STRING;
        if (!(out->string = strdup(item->valuestring)))
            return -1;
    } else if (cJSON_IsArray(item) || cJSON_IsObject(item)) {
        bool obj = cJSON_IsObject(item);
        size_t n = 0;
        for (const cJSON *c = item->child; c; c = c->next)
            n++;
        out->kind = obj ? CX_V_OBJECT : CX_V_ARRAY;
        if (n) {
            out->items = calloc(n, sizeof *out->items);
            if (obj)
                out->keys = calloc(n, sizeof *out->keys);
            if (!out->items || (obj && !out->keys))
                goto fail;
        }
        for (const cJSON *c = item->child; c; c = c->next) {
            if (obj && !(out->keys[out->count] = strdup(c->string)))
                goto fail;
            out->count++;       /* counted first so a failure frees the key */
            if (cx_value_from_json(c, &out->items[out->count - 1]) < 0)
                goto fail;
        }
    }
    return 0;
fail:
    cx_value_clear(out);
    return -1;
}

int cx_value_copy(const cx_value *v, cx_value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = v->kind;
    out->boolean = v->boolean;
    out->number = v->number;
    if (v->string && !(out->string = strdup(v->string)))
        goto fail;
    if (v->count) {
        out->items = calloc(v->count, sizeof *out->items);
        if (v->keys)
            out->keys = calloc(v->count, sizeof *out->keys);
        if (!out->items || (v->keys && !out->keys))
            goto fail;
        for (size_t i = 0; i < v->count; i++) {
            if (v->keys && !(out->keys[i] = strdup(v->keys[i])))
                goto fail;
            out->count++;
            if (cx_value_copy(&v->items[i], &out->items[i]) < 0)
                goto fail;
        }
    }
    return 0;
fail:
    cx_value_clear(out);
    return -1;
}

const cx_value *cx_value_get(const cx_value *obj, const char *key)
{
    if (!obj || obj->kind != CX_V_OBJECT || !key)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}
