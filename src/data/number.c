/*
 * number.c — reading JSON-grammar numbers and writing doubles as the
 * shortest text that reads back the same.  Locale-free by construction
 * on the hot path (digits are converted by hand); strtod and snprintf
 * are used only where the "C" locale the program runs in is assumed.
 * Never allocates.
 */
#include "cxreport/data.h"
#include "number.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

size_t cx_number_span(const char *p, const char *end)
{
    const char *s = p;
    if (s < end && *s == '-')
        s++;
    if (s >= end || !is_digit(*s))
        return 0;
    if (*s == '0')
        s++;
    else
        while (s < end && is_digit(*s))
            s++;
    if (s + 1 < end && *s == '.' && is_digit(s[1])) {
        s += 2;
        while (s < end && is_digit(*s))
            s++;
    }
    if (s < end && (*s == 'e' || *s == 'E')) {
        const char *e = s + 1;
        if (e < end && (*e == '+' || *e == '-'))
            e++;
        if (e < end && is_digit(*e)) {
            while (e < end && is_digit(*e))
                e++;
            s = e;
        }
    }
    return (size_t)(s - p);
}

/* Powers of ten that are exact doubles. */
static const double pow10_exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

bool cx_number_parse(const char *s, size_t n, double *out)
{
    if (n == 0 || cx_number_span(s, s + n) != n)
        return false;

    /* Fast path (Clinger): at most 15 significant digits and a small
     * power of ten, so mantissa and power are exact doubles and one
     * multiplication or division rounds correctly. */
    const char *p = s, *end = s + n;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    bool fast = true;
    for (; p < end && is_digit(*p); p++) {
        if (mant || *p != '0')
            digits++;
        mant = mant * 10 + (uint64_t)(*p - '0');
        if (digits > 15) {
            fast = false;
            break;
        }
    }
    if (fast && p < end && *p == '.') {
        for (p++; p < end && is_digit(*p); p++) {
            if (mant || *p != '0')
                digits++;
            mant = mant * 10 + (uint64_t)(*p - '0');
            scale--;
            if (digits > 15) {
                fast = false;
                break;
            }
        }
    }
    if (fast && p < end) {         /* exponent */
        p++;
        bool eneg = false;
        if (*p == '+' || *p == '-')
            eneg = *p++ == '-';
        long e = 0;
        for (; p < end && is_digit(*p); p++) {
            e = e * 10 + (*p - '0');
            if (e > 1000) {
                fast = false;
                break;
            }
        }
        scale += (int)(eneg ? -e : e);
    }
    if (fast && scale >= -22 && scale <= 22) {
        double v = (double)mant;
        v = scale < 0 ? v / pow10_exact[-scale] : v * pow10_exact[scale];
        *out = neg ? -v : v;
        return true;
    }

    char stackbuf[128];
    char *buf = n < sizeof stackbuf ? stackbuf : malloc(n + 1);
    if (!buf) {
        /* Cannot copy: such a long digit string overflows or rounds
         * anyway; let the caller see it as out of range. */
        *out = HUGE_VAL;
        return true;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    if (buf != stackbuf)
        free(buf);
    return true;
}

/* Writes the decimal digits of an integer, no sign. */
static size_t write_uint(uint64_t v, char *out)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/*
 * The layout follows ECMAScript's Number::toString, which is also what
 * JSON writers print: plain digits for 1e-7 <= |x| < 1e21, exponent form
 * ("1e+21", "1.5e-7") outside.  The digits are the fewest that read back
 * as x, found by asking printf for 1, 2, … 17 significant digits.
 */
char *cx_format_double(double x, char *buf, size_t size)
{
    char out[40];
    size_t o = 0;

    if (!size)
        return buf;
    if (x != x || isinf(x)) {       /* callers never pass these */
        snprintf(buf, size, "%s", x != x ? "null" : x > 0 ? "1e+999" : "-1e+999");
        return buf;
    }
    if (x == 0) {
        snprintf(buf, size, "0");
        return buf;
    }
    if (x < 0) {
        out[o++] = '-';
        x = -x;
    }
    if (x < 1e15 && x == floor(x)) {
        o += write_uint((uint64_t)x, out + o);
        out[o] = '\0';
        snprintf(buf, size, "%s", out);
        return buf;
    }

    char sci[40];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec, x);
        if (strtod(sci, NULL) == x)
            break;
    }
    /* sci = "d[.ddd]e±XX": collect the digits and the exponent. */
    char digits[24];
    int k = 0;
    const char *q = sci;
    for (; *q && *q != 'e'; q++)
        if (is_digit(*q))
            digits[k++] = *q;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    int e10 = atoi(q + 1);
    int n = e10 + 1;                /* x = 0.d1d2…dk × 10^n */

    if (k <= n && n <= 21) {
        memcpy(out + o, digits, (size_t)k);
        o += (size_t)k;
        for (int i = k; i < n; i++)
            out[o++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(out + o, digits, (size_t)n);
        o += (size_t)n;
        out[o++] = '.';
        memcpy(out + o, digits + n, (size_t)(k - n));
        o += (size_t)(k - n);
    } else if (-6 < n && n <= 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = 0; i < -n; i++)
            out[o++] = '0';
        memcpy(out + o, digits, (size_t)k);
        o += (size_t)k;
    } else {
        out[o++] = digits[0];
        if (k > 1) {
            out[o++] = '.';
            memcpy(out + o, digits + 1, (size_t)(k - 1));
            o += (size_t)(k - 1);
        }
        out[o++] = 'e';
        out[o++] = n - 1 < 0 ? '-' : '+';
        o += write_uint((uint64_t)(n - 1 < 0 ? 1 - n : n - 1), out + o);
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}
