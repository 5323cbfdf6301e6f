/*
 * hash.c — content hashes for the cache, the manifest and --verify.
 * Only this file sees OpenSSL.
 */
#include "hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

struct cx_hasher {
    EVP_MD_CTX *ctx;
};

cx_hasher *cx_hasher_new(void)
{
    static struct cx_hasher failed;     /* digests to "" when OpenSSL fails */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        return &failed;
    }
    cx_hasher *h = OPENSSL_malloc(sizeof *h);
    if (!h) {
        EVP_MD_CTX_free(ctx);
        return &failed;
    }
    h->ctx = ctx;
    return h;
}

void cx_hasher_update(cx_hasher *h, const void *bytes, size_t len)
{
    if (h->ctx && len)
        EVP_DigestUpdate(h->ctx, bytes, len);
}

void cx_hasher_string(cx_hasher *h, const char *s)
{
    cx_hasher_update(h, s, strlen(s) + 1);
}

void cx_hasher_finish(cx_hasher *h, char hex[CX_HASH_HEX])
{
    hex[0] = '\0';
    if (!h->ctx)
        return;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(h->ctx, md, &n) == 1)
        for (unsigned int i = 0; i < n && i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", md[i]);
    EVP_MD_CTX_free(h->ctx);
    OPENSSL_free(h);
}

void cx_hash_bytes(const void *bytes, size_t len, char hex[CX_HASH_HEX])
{
    cx_hasher *h = cx_hasher_new();
    cx_hasher_update(h, bytes, len);
    cx_hasher_finish(h, hex);
}

bool cx_hash_file(const char *path, char hex[CX_HASH_HEX])
{
    hex[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    cx_hasher *h = cx_hasher_new();
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        cx_hasher_update(h, buf, n);
    bool ok = !ferror(f);
    fclose(f);
    cx_hasher_finish(h, hex);
    if (!ok)
        hex[0] = '\0';
    return ok;
}

void cx_hash_rows(const cx_table *t, const size_t *rows, size_t nrows, char hex[CX_HASH_HEX])
{
    cx_hasher *h = cx_hasher_new();
    for (size_t q = 0; q < t->nquestions; q++) {
        const cx_question *qu = &t->questions[q];
        char line[128];
        snprintf(line, sizeof line, "%d %ld %ld %zu %zu", (int)qu->type, qu->min, qu->max,
                 qu->noptions, qu->nmissing);
        cx_hasher_string(h, qu->id);
        cx_hasher_string(h, line);
        for (size_t k = 0; k < qu->noptions; k++)
            cx_hasher_string(h, qu->options[k]);
    }
    char buf[64];
    for (size_t i = 0; i < nrows; i++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *text = cx_table_cell_text(t, c, rows[i], buf, sizeof buf);
            cx_hasher_string(h, t->cols[c].name);
            cx_hasher_string(h, text ? text : "\x01missing");
        }
    }
    cx_hasher_finish(h, hex);
}
