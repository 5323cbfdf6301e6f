/*
 * exact.c — equality of "mathematically equal" statistics.  Ratios of
 * counts computed along different paths can differ in the last bits; the
 * spec says such values tie.  This file must stay free of any other
 * policy: callers decide what to compare.
 */
#include "cxreport/stats.h"

#include <math.h>

int cx_exact_cmp(double a, double b)
{
    bool na = isnan(a), nb = isnan(b);
    if (na || nb)
        return na && nb ? 0 : na ? 1 : -1;
    if (a == b || fabs(a - b) <= CX_EXACT_TOL)
        return 0;
    return a < b ? -1 : 1;
}

bool cx_exact_eq(double a, double b)
{
    return cx_exact_cmp(a, b) == 0;
}
