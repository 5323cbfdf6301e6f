/*
 * format.c — numbers as report text, in UTF-8, identical on every machine
 * and under every locale.
 *
 * A value is turned into its shortest round-trip decimal digits (what a
 * person reading the data sees), and that decimal is rounded half away
 * from zero by string arithmetic: 2.675 → 2.68 although the double is
 * 2.67499999999999982…  The digits come from snprintf("%.*e"), read back
 * with strtod under the same locale (so the round trip is consistent
 * whatever LC_NUMERIC says) and only digits and the exponent are taken
 * from its text.  Separators, signs and suffixes are written here.
 * Never allocates; never writes past the caller's buffer.
 */
#include "cxreport/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINUS_UTF8 "\xE2\x88\x92"   /* U+2212 MINUS SIGN */
#define MAX_DECIMALS 20

/* The significant digits of |x| > 0 (no leading or trailing zeros) and
 * the decimal exponent: |x| = 0.d1d2…dn × 10^(e+1), i.e. d1 is at 10^e. */
typedef struct decimal {
    char dig[24];
    int n;
    int e;
} decimal;

/* Parses snprintf's "%.*e" text: digits, any decimal point, 'e', sign,
 * exponent digits. */
static void parse_e(const char *s, decimal *dec)
{
    dec->n = 0;
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '0' && *s <= '9' && dec->n < (int)sizeof dec->dig)
            dec->dig[dec->n++] = *s;
    int sign = 1, e = 0;
    if (*s)
        s++;
    if (*s == '-' || *s == '+')
        sign = *s++ == '-' ? -1 : 1;
    for (; *s >= '0' && *s <= '9'; s++)
        e = e * 10 + (*s - '0');
    dec->e = sign * e;
    while (dec->n > 1 && dec->dig[dec->n - 1] == '0')
        dec->n--;
}

/* Shortest digits that read back as exactly ax (> 0, finite).  If the
 * 15-digit rounding reads back, the shortest form is it without trailing
 * zeros (any shorter decimal that reads back is within half an ulp, and
 * the nearest 15-digit decimal is then that one padded); else 16, else
 * 17 digits (which always read back). */
static void shortest(double ax, decimal *dec)
{
    char buf[64];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, ax);
        if (prec == 17 || strtod(buf, NULL) == ax) {
            parse_e(buf, dec);
            return;
        }
    }
}

typedef struct out {
    char *buf;
    size_t size, len;
    bool overflow;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->overflow || o->len + n >= o->size) {
        o->overflow = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(out *o, const char *s)
{
    if (s)
        put(o, s, strlen(s));
}

/* N = |x| rounded half away from zero to `decimals` places, as the
 * decimal digits of the integer N·… (no leading zeros; "0" for zero). */
static int scaled_digits(double ax, int decimals, char *nd, size_t cap)
{
    if (ax == 0.0) {
        nd[0] = '0';
        return 1;
    }
    decimal dec;
    shortest(ax, &dec);
    /* Digits of |x|·10^decimals before the point: keep = e + 1 + decimals. */
    int keep = dec.e + 1 + decimals;
    if (keep <= 0) {
        /* Below one unit of the last place: it rounds up only when keep is
         * 0 and the first digit is 5 or more (>= half a unit). */
        nd[0] = keep == 0 && dec.dig[0] >= '5' ? '1' : '0';
        return 1;
    }
    if ((size_t)keep + 1 > cap)
        return -1;
    int len = 0;
    for (int i = 0; i < keep; i++)
        nd[len++] = i < dec.n ? dec.dig[i] : '0';
    if (keep < dec.n && dec.dig[keep] >= '5') {
        int i = len - 1;
        while (i >= 0 && nd[i] == '9')
            nd[i--] = '0';
        if (i >= 0) {
            nd[i]++;
        } else {
            memmove(nd + 1, nd, (size_t)len);
            nd[0] = '1';
            len++;
        }
    }
    return len;
}

cx_status cx_format_decimal(char *buf, size_t size, double x,
                            const cx_numfmt *f, cx_diag *d)
{
    cx_numfmt dflt = CX_NUMFMT_DEFAULT;
    if (!f)
        f = &dflt;
    if (!buf || size == 0)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "no buffer to format into");
    buf[0] = '\0';
    if (!isfinite(x))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "cannot format %s",
                           isnan(x) ? "a missing value (NaN)" : "an infinite value");
    if (f->decimals < 0 || f->decimals > MAX_DECIMALS)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "%d decimals is out of range (0..%d)",
                           f->decimals, MAX_DECIMALS);

    /* 309 integer digits at most, plus decimals, plus a carry. */
    char nd[400];
    int len = scaled_digits(fabs(x), f->decimals, nd, sizeof nd);
    if (len < 0)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "number too long to format");
    bool zero = true;
    for (int i = 0; i < len; i++)
        if (nd[i] != '0')
            zero = false;

    /* Pad with leading zeros so there is at least one integer digit. */
    int dec = f->decimals;
    char padded[400 + MAX_DECIMALS + 2];
    int pad = len <= dec ? dec + 1 - len : 0;
    memset(padded, '0', (size_t)pad);
    memcpy(padded + pad, nd, (size_t)len);
    int total = pad + len;
    int int_len = total - dec;

    out o = {buf, size, 0, false};
    if (!zero && signbit(x))
        puts_(&o, f->ascii_minus ? "-" : MINUS_UTF8);
    else if (!zero && f->plus)
        puts_(&o, "+");
    const char *group = f->group && f->group[0] ? f->group : NULL;
    for (int i = 0; i < int_len; i++) {
        if (group && i > 0 && (int_len - i) % 3 == 0)
            puts_(&o, group);
        put(&o, &padded[i], 1);
    }
    if (dec > 0) {
        puts_(&o, f->decimal ? f->decimal : ".");
        put(&o, padded + int_len, (size_t)dec);
    }
    puts_(&o, f->suffix);
    if (o.overflow) {
        buf[0] = '\0';
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0,
                           "a buffer of %zu bytes is too small for the number", size);
    }
    return CX_OK;
}

cx_status cx_format_fixed(char *buf, size_t size, double x, int decimals,
                          cx_diag *d)
{
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = decimals;
    return cx_format_decimal(buf, size, x, &f, d);
}

cx_status cx_format_percent(char *buf, size_t size, double x, int decimals,
                            cx_diag *d)
{
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = decimals;
    f.suffix = "%";
    return cx_format_decimal(buf, size, x, &f, d);
}

cx_status cx_format_delta(char *buf, size_t size, double x, int decimals,
                          cx_diag *d)
{
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = decimals;
    f.plus = true;
    return cx_format_decimal(buf, size, x, &f, d);
}

cx_status cx_format_nps(char *buf, size_t size, double x, cx_diag *d)
{
    cx_numfmt f = CX_NUMFMT_DEFAULT;
    f.decimals = 0;
    return cx_format_decimal(buf, size, x, &f, d);
}

cx_status cx_format_pvalue(char *buf, size_t size, double p,
                           const cx_numfmt *f, cx_diag *d)
{
    if (!buf || size == 0)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "no buffer to format into");
    buf[0] = '\0';
    if (!(p >= 0.0 && p <= 1.0))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "p-value %g is outside [0, 1]", p);
    cx_numfmt g = CX_NUMFMT_DEFAULT;
    g.decimals = 3;
    g.decimal = f && f->decimal ? f->decimal : ".";
    char num[32];
    const char *rel = "= ";
    double shown = p;
    if (p < 0.001) {
        rel = "< ";
        shown = 0.001;
    }
    cx_status st = cx_format_decimal(num, sizeof num, shown, &g, d);
    if (st != CX_OK)
        return st;
    if (p >= 0.001 && num[0] == '1') {   /* rounds to 1.000 */
        rel = "> ";
        st = cx_format_decimal(num, sizeof num, 0.999, &g, d);
        if (st != CX_OK)
            return st;
    }
    int w = snprintf(buf, size, "p %s%s", rel, num);
    if (w < 0 || (size_t)w >= size) {
        buf[0] = '\0';
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0,
                           "a buffer of %zu bytes is too small for the p-value", size);
    }
    return CX_OK;
}
