/*
 * utf8.c — the one UTF-8 validator every text entering the document goes
 * through.  Strict (RFC 3629): no overlong forms, no UTF-16 surrogates, no
 * code points above U+10FFFF, no stray continuation bytes.
 *
 * Never decodes into another representation and never allocates: later
 * stages rely on "valid on entry" and measure or draw the bytes as given.
 */
#include "cxreport/doc.h"

#include <stdint.h>

bool cx_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;  /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;                   /* overlong below U+0800 */
            else if (c == 0xED)
                hi = 0x9F;                   /* U+D800..U+DFFF surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;                   /* overlong below U+10000 */
            else if (c == 0xF4)
                hi = 0x8F;                   /* above U+10FFFF */
        } else {
            goto bad;                        /* 80..C1 (stray or overlong), F5..FF */
        }
        if (len - i <= need)
            goto bad;                        /* truncated at the end */
        if (p[i + 1] < lo || p[i + 1] > hi)
            goto bad;
        for (size_t k = 2; k <= need; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                goto bad;
        i += need + 1;
    }
    return true;
bad:
    if (bad_offset)
        *bad_offset = i;
    return false;
}
