/*
 * scales.c — linear scales, nice ticks (steps of 1, 2, 5 × 10^k) and the
 * number format every chart label goes through.
 *
 * Pure functions of their arguments.  Tick values are computed as integer
 * multiples of an integer mantissa scaled by an exact power of ten, so they
 * print as the decimals a reader expects (0.3, not 0.30000000000000004).
 * Number text never depends on the locale beyond the C locale, which the
 * program never leaves.
 */
#include "chart_int.h"
#include "cxreport/stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Powers of ten up to 1e22 are exact doubles. */
static double pow10i(int e)
{
    static const double p[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    if (e >= 0 && e <= 22)
        return p[e];
    return pow(10.0, e);
}

static double mant_value(long k, int mant, int exp)
{
    double m = (double)k * mant;
    return exp >= 0 ? m * pow10i(exp) : m / pow10i(-exp);
}

double cx_ticks_value(const cx_ticks *t, int i)
{
    return mant_value(t->k0 + i, t->mant, t->exp);
}

bool cx_ticks_nice(double lo, double hi, int max_ticks, cx_ticks *out)
{
    if (!isfinite(lo) || !isfinite(hi) || lo > hi || max_ticks < 2)
        return false;
    if (lo == hi) {
        /* One value: widen to a unit around it (or [0, 1] for zero) so
         * the axis still has a length. */
        double d = lo == 0 ? 1 : fabs(lo) * 0.1;
        if (lo >= 0 && lo - d < 0)
            lo = 0, hi += d;
        else if (hi <= 0 && hi + d > 0)
            hi = 0, lo -= d;
        else
            lo -= d, hi += d;
    }
    /* Zero is a multiple of every step, so a range across it has at least
     * three ticks. */
    if (max_ticks < 3 && lo < 0 && hi > 0)
        max_ticks = 3;
    double range = hi - lo;
    int e = (int)floor(log10(range / (max_ticks - 1))) - 1;
    static const int mants[3] = { 1, 2, 5 };
    for (int tries = 0; tries < 12; tries++, e++) {
        for (int m = 0; m < 3; m++) {
            double step = mant_value(1, mants[m], e);
            /* Tolerate rounding in lo/step (0.3/0.1 is 2.9999999999999996),
             * relative to the quotient so that a tiny lo stays below 0. */
            double qa = lo / step, qb = hi / step;
            double a = floor(qa + 1e-12 * fabs(qa)), b = ceil(qb - 1e-12 * fabs(qb));
            if (fabs(a) > 1e15 || fabs(b) > 1e15)
                continue;
            if (b - a + 1 <= max_ticks) {
                if (b == a)
                    b = a + 1;
                out->k0 = (long)a;
                out->mant = mants[m];
                out->exp = e;
                out->count = (int)(b - a) + 1;
                out->step = step;
                out->lo = cx_ticks_value(out, 0);
                out->hi = cx_ticks_value(out, out->count - 1);
                out->decimals = e < 0 ? -e : 0;
                return true;
            }
        }
    }
    return false;
}

double cx_scale_map(const cx_scale *s, double v)
{
    if (s->d1 == s->d0)
        return (s->r0 + s->r1) / 2;
    return s->r0 + (v - s->d0) / (s->d1 - s->d0) * (s->r1 - s->r0);
}


static size_t put(char *buf, size_t size, size_t at, const char *s, size_t n)
{
    for (size_t i = 0; i < n && at + 1 < size; i++)
        buf[at++] = s[i];
    if (size)
        buf[at < size ? at : size - 1] = '\0';
    return at;
}

size_t cx_format_number(double v, const cx_number_format *f, char *buf, size_t size)
{
    int d = f && f->decimals > 0 ? (f->decimals > 6 ? 6 : f->decimals) : 0;
    if (!size)
        return 0;
    buf[0] = '\0';
    if (isnan(v))
        return put(buf, size, 0, "NaN", 3);
    if (isinf(v))       /* ∞ or −∞ */
        return v > 0 ? put(buf, size, 0, "\xE2\x88\x9E", 3)
                     : put(buf, size, 0, CX_MINUS "\xE2\x88\x9E", 6);
    /* The digits come from the report formatter (src/stats/format.c), so a
     * chart label and a table cell round a value the same way (half away
     * from zero on the decimal a reader sees); only the prefix ("$"),
     * which goes between the sign and the digits, is placed here. */
    cx_numfmt nf = CX_NUMFMT_DEFAULT;
    nf.decimals = d;
    nf.group = f ? f->thousands : NULL;
    nf.suffix = f ? f->suffix : NULL;
    char digits[512];
    if (cx_format_decimal(digits, sizeof digits, fabs(v), &nf, NULL) != CX_OK)
        return 0;
    bool zero = strspn(digits, "0.,") == strcspn(digits, f && f->suffix && f->suffix[0] ? f->suffix : "\x01");
    size_t at = 0;
    if (v < 0 && !zero)
        at = put(buf, size, at, CX_MINUS, 3);
    else if (f && f->plus && v > 0 && !zero)
        at = put(buf, size, at, "+", 1);
    if (f && f->prefix)
        at = put(buf, size, at, f->prefix, strlen(f->prefix));
    at = put(buf, size, at, digits, strlen(digits));
    return at < size ? at : size - 1;
}
