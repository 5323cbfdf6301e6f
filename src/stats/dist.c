/*
 * dist.c — the normal and Student t distributions, and the regularized
 * incomplete beta function under the t.  Pure functions of their
 * arguments: no tables that change, no errors other than NaN for
 * arguments out of domain (only cx_dist_confidence_z fills a cx_diag,
 * because its argument comes from a report script).
 *
 * Accuracy matters more than speed here: p-values are printed, and tests
 * compare them with closed forms (df = 1, 2) to ~1e-12.
 */
#include "cxreport/stats.h"

#include <math.h>

#define SQRT2 1.41421356237309504880
#define SQRT_2PI 2.50662827463100050242
#define PI 3.14159265358979323846

double cx_dist_normal_cdf(double x)
{
    return 0.5 * erfc(-x / SQRT2);
}

double cx_dist_normal_sf(double x)
{
    return 0.5 * erfc(x / SQRT2);
}

double cx_dist_normal_quantile(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -HUGE_VAL;
    if (p == 1.0)
        return HUGE_VAL;
    if (p == 0.5)
        return 0.0;
    /* Solve for the upper tail q = min(p, 1−p) (1 − p is exact for
     * p >= 0.5), so both tails keep their relative precision. */
    double q = p < 0.5 ? p : 1.0 - p;
    /* Start: Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4). */
    double t = sqrt(-2.0 * log(q));
    double x = t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                   (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
    /* Halley's method on sf(x) − q = 0 (sf' = −φ, sf'' = x·φ); it
     * converges cubically, three steps reach full double precision. */
    for (int it = 0; it < 6; it++) {
        double phi = exp(-0.5 * x * x) / SQRT_2PI;
        if (phi == 0.0)
            break;
        double u = (cx_dist_normal_sf(x) - q) / phi;
        double step = u / (1.0 - 0.5 * x * u);
        x += step;
        if (fabs(step) <= 1e-16 * fabs(x))
            break;
    }
    return p < 0.5 ? -x : x;
}

/* The Stirling correction lgamma(x) − [(x−½)ln x − x + ln√(2π)] for
 * x >= 10; the first omitted term is below 2e-14. */
static double stirling_tail(double x)
{
    double r = 1.0 / x, r2 = r * r;
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 -
                 r2 * (1.0 / 1188)))));
}

/* ln Γ(big) − ln Γ(big + small) for big >= 10, and ln B(a, b).
 * lgamma(a) + lgamma(b) − lgamma(a+b) cancels badly when
 * the larger argument is big (ln Γ(5e5) ≈ 6e6, so 1 ulp is 1e-9): for
 * big >= 10 the difference lgamma(big) − lgamma(big+small) is taken from
 * Stirling's series directly:
 *   −(big−½)·log1p(small/big) − small·ln(big+small) + small
 *   + tail(big) − tail(big+small). */
static double lgamma_diff(double big, double small)
{
    double s = big + small;
    return -(big - 0.5) * log1p(small / big) - small * log(s) + small + stirling_tail(big) -
           stirling_tail(s);
}

static double log_beta(double a, double b)
{
    double big = a > b ? a : b, small = a > b ? b : a;
    if (big < 10.0)
        return lgamma(a) + lgamma(b) - lgamma(a + b);
    return lgamma(small) + lgamma_diff(big, small);
}

/* Continued fraction for I_x(a, b) (Numerical Recipes §6.4, modified
 * Lentz).  Converges fast for x < (a+1)/(a+b+2).  The caller gives y =
 * 1 − x too; the first term 1 − (a+b)x/(a+1) cancels near the
 * switch-over point when a + b is large, so for b <= 1 it is formed as
 * (1 − b + (a+b)y)/(a+1), two non-negative terms, and otherwise with fma.
 * The t distribution with many degrees of freedom does not come here
 * (see t_tail_large_df): there the later terms cancel as well. */
static double beta_cf(double a, double b, double x, double y)
{
    const double tiny = 1e-300, eps = 1e-16;
    double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = b <= 1.0 ? (1.0 - b + qab * y) / qap : fma(-qab, x, qap) / qap;
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 100000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1.0 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1.0 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < eps)
            break;
    }
    return h;
}

/* I_x(a, b) with y = 1 − x supplied by the caller, exactly, so that
 * values of x near 1 lose nothing (the t distribution forms y as
 * t²/(df+t²) rather than 1 − df/(df+t²)). */
static double beta_reg_xy(double a, double b, double x, double y)
{
    if (x <= 0.0)
        return 0.0;
    if (y <= 0.0)
        return 1.0;
    double lx = x > 0.5 ? log1p(-y) : log(x);
    double ly = y > 0.5 ? log1p(-x) : log(y);
    double front = exp(a * lx + b * ly - log_beta(a, b));
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * beta_cf(a, b, x, y) / a;
    return 1.0 - front * beta_cf(b, a, y, x) / b;
}

/* P(|T| >= t) = I_x(a, ½), a = df/2 >= 15, x = df/(df+t²), y = t²/(df+t²),
 * by the asymptotic expansion for large a and b <= 1 of DiDonato & Morris
 * (1992), "Algorithm 708: significant digit computation of the
 * incomplete beta function ratios", ACM TOMS 18(3), routine BGRAT,
 * specialised to b = ½, where the incomplete gamma ratio it needs is
 * Q(½, z) = erfc(√z).  With ν = a − ¼, z = −ν·ln x:
 *   I_x(a, ½) = U·Σ d_n J_n,  U = e^{−z} √z/√π · Γ(a+½)/(Γ(a) ν^½),
 *   J_0 = Q(½, z)/(e^{−z} √z/√π), and the recurrences for J_n, c_n, d_n
 * of the paper.  The continued fraction loses up to 1e-10 here (its
 * terms cancel when x is near 1 and a is large); this keeps ~1e-15.
 * Returns -1 when the expansion does not apply. */
static double t_tail_large_df(double a, double x, double y)
{
    const double b = 0.5, bm1 = -0.5, eps = 1e-15;
    double nu = a + 0.5 * bm1;
    double lnx = y > 0.375 ? log(x) : log1p(-y);
    double z = -nu * lnx;
    if (!(z > 0.0))
        return -1.0;
    if (z > 700.0)
        return 0.0;     /* below 1e-300 */
    double r = exp(-z + 0.5 * log(z) - 0.5 * log(PI));
    double u = r * exp(-(lgamma_diff(a, b) + b * log(nu)));
    double q = erfc(sqrt(z));
    if (r == 0.0 || u == 0.0)
        return -1.0;
    double v = 0.25 / (nu * nu), t2 = 0.25 * lnx * lnx;
    double j = q / r, sum = j, t = 1.0, cn = 1.0, n2 = 0.0;
    double c[30], dd[30];
    for (int n = 1; n <= 30; n++) {
        double bp2n = b + n2;
        j = (bp2n * (bp2n + 1.0) * j + (z + bp2n + 1.0) * t) * v;
        n2 += 2.0;
        t *= t2;
        cn /= n2 * (n2 + 1.0);
        c[n - 1] = cn;
        double s = 0.0, coef = b - n;
        for (int i = 1; i < n; i++) {
            s += coef * c[i - 1] * dd[n - i - 1];
            coef += b;
        }
        dd[n - 1] = bm1 * cn + s / n;
        double dj = dd[n - 1] * j;
        sum += dj;
        if (sum <= 0.0)
            return -1.0;
        if (fabs(dj) <= eps * sum)
            break;
    }
    return u * sum;
}

double cx_dist_beta_reg(double a, double b, double x)
{
    if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0) || isinf(a) || isinf(b))
        return NAN;
    return beta_reg_xy(a, b, x, 1.0 - x);
}

double cx_dist_t_p2(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0.0))
        return NAN;
    if (isinf(t))
        return 0.0;
    if (isinf(df))
        return 2.0 * cx_dist_normal_sf(fabs(t));
    double t2 = t * t;
    if (isinf(t2))
        return 0.0;
    double x = df / (df + t2), y = t2 / (df + t2);
    double p = -1.0;
    if (df >= 30.0)
        p = t_tail_large_df(0.5 * df, x, y);
    if (p < 0.0)
        p = beta_reg_xy(0.5 * df, 0.5, x, y);
    return p > 1.0 ? 1.0 : p < 0.0 ? 0.0 : p;
}

double cx_dist_t_cdf(double t, double df)
{
    double p2 = cx_dist_t_p2(t, df);
    if (isnan(p2))
        return NAN;
    return t < 0.0 ? 0.5 * p2 : 1.0 - 0.5 * p2;
}

cx_status cx_dist_confidence_z(int confidence, double *z, cx_diag *d)
{
    switch (confidence) {
    case 90: *z = 1.645; return CX_OK;
    case 95: *z = 1.960; return CX_OK;
    case 99: *z = 2.576; return CX_OK;
    default:
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "confidence level %d%% is not supported (use 90, 95 or 99)",
                           confidence);
    }
}
