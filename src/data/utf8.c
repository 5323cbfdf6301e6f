/*
 * utf8.c — strict UTF-8 validation and code-point counting for the
 * dataset readers.  Pure functions over byte ranges; never allocates.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

int cx_data_utf8_seq(const char *p, const char *end, bool final)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t avail = (size_t)(end - p);
    unsigned c = s[0];
    int n;
    unsigned lo = 0x80, hi = 0xBF;      /* bounds of the second byte */

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* no overlong forms */
        else if (c == 0xED)
            hi = 0x9F;          /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;          /* nothing above U+10FFFF */
    } else
        return 0;

    for (int i = 1; i < n; i++) {
        if ((size_t)i >= avail)
            return final ? 0 : -1;
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return 0;
    }
    return n;
}

size_t cx_data_utf8_count(const char *p, const char *end)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)p;
         s < (const unsigned char *)end; s++)
        n += (*s & 0xC0) != 0x80;
    return n;
}

const char *cx_data_utf8_check(const char *p, const char *end)
{
    while (p < end) {
        /* ASCII runs are the common case: eight bytes at a time. */
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080ull)
                break;
            p += 8;
        }
        if (p >= end)
            break;
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        int n = cx_data_utf8_seq(p, end, true);
        if (n <= 0)
            return p;
        p += n;
    }
    return NULL;
}
