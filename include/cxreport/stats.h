/*
 * stats.h — the numbers cxreport computes (spec/domain.md), as pure
 * functions over plain arrays.
 *
 * Nothing here knows about tables, documents or Lua: a caller hands in
 * arrays of doubles (NaN = missing), optional weights, integer group
 * codes, and gets plain structs back.  One module per file under
 * src/stats/, one prefix per module:
 *
 *   exact.c      cx_exact_*      comparisons with the 1e-9 tolerance
 *   dist.c       cx_dist_*       normal, Student t, incomplete beta
 *   describe.c   cx_describe_*   counts, means, sd, quantiles, box shares
 *   nps.c        cx_nps_*        NPS, net scores, SE, CI, difference test
 *   rank.c       cx_rank_*       competition, average and percentile ranks
 *   correlate.c  cx_correlate_*  Pearson, Spearman, matrix, line
 *   maturity.c   cx_maturity_*   maturity models: scoring and benchmarks
 *   accounts.c   cx_accounts_*   B2B accounts: roles, coverage, modes
 *   format.c     cx_format_*     locale-free number text for reports
 *
 * Ownership: every input array is borrowed, read only during the call and
 * never kept.  Every output (struct or array) is caller-owned memory the
 * function fills; its length is stated at each function.  Nothing returned
 * points into an input, except cx_maturity_model, whose strings and arrays
 * stay the caller's.  Functions that need scratch memory malloc it and
 * free it before returning, on every path.  No function keeps state
 * between calls, so all of them are re-entrant.
 *
 * Errors: every function that can fail returns a cx_status and fills the
 * cx_diag (which may be NULL) with file = NULL, line = column = 0 — the
 * caller knows where the numbers came from and may re-set the location.
 * Rows are numbered from 1 in messages.  The statuses used:
 *   CX_EDATA      the data break a rule: a negative or non-finite weight on
 *                 a row that is used, an infinite value, an answer off its
 *                 scale (a 0–10 item answering 11 or 7.5), a group,
 *                 account or role code out of range;
 *   CX_ESCRIPT    the arguments break a rule (they come from the report
 *                 script): a bad confidence level or alpha, a NULL array
 *                 with n > 0, an empty or overlapping box, a malformed
 *                 maturity model, NaN given to a formatter;
 *   CX_EINTERNAL  out of memory, or a formatting buffer too small (a bug
 *                 of the caller, not of the report).
 * Data that merely leave a statistic undefined (no answers in a group,
 * zero variance, n < 3 for a correlation) are NOT errors: results carry an
 * explicit `defined`/state field, and the numbers of an undefined result
 * are 0, never NaN, so nothing undefined leaks into arithmetic unseen.
 * On an error, read nothing from the outputs (they are zeroed where the
 * function got that far).
 *
 * Missing values: NaN in a value array means "no answer"; the row is out
 * of the base.  Weights: w == NULL means unweighted; otherwise w[i] is
 * checked only on rows whose value is used (a missing answer's weight is
 * not read); it must be finite and >= 0, and a row of weight 0 is left
 * out entirely (not counted in n).
 */
#ifndef CXREPORT_STATS_H
#define CXREPORT_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxreport/diag.h"

/* ====================================================================
 * exact.c — "mathematically equal" for ratios of counts
 * ==================================================================== */

/* Two values within this absolute distance are equal (spec §3:
 * mathematically equal NPS tie even when the doubles differ in the last
 * bits, which in practice is ~1e-14).  Absolute, not relative: meant for
 * quantities on human scales (percent, scores, means of answers); scale
 * tiny quantities (p-values) before ranking them. */
#define CX_EXACT_TOL 1e-9

/* -1 when a < b, 0 when |a − b| <= CX_EXACT_TOL, +1 when a > b.
 * NaN is greater than every number and equal to NaN (so sorts put
 * missing values last, deterministically). */
int cx_exact_cmp(double a, double b);
bool cx_exact_eq(double a, double b);

/* ====================================================================
 * dist.c — distributions
 * ==================================================================== */

/* Standard normal CDF Φ(x) = erfc(−x/√2)/2: full relative precision in
 * the lower tail too (no 1 − small cancellation). */
double cx_dist_normal_cdf(double x);
/* Upper tail 1 − Φ(x) = erfc(x/√2)/2, accurate for large x. */
double cx_dist_normal_sf(double x);
/* Φ⁻¹(p) for 0 < p < 1, to about 1e-15 relative; ±HUGE_VAL at p = 0 / 1,
 * NaN outside [0, 1]. */
double cx_dist_normal_quantile(double p);
/* Regularized incomplete beta I_x(a, b) for a, b > 0, 0 <= x <= 1, by
 * Lentz's continued fraction (Numerical Recipes §6.4); the log-beta
 * prefactor takes ln Γ(big) − ln Γ(big+small) from Stirling's series.
 * With one small argument the relative error is ~1e-14; with both large
 * it grows like 1e-16·ln Γ(min(a, b)).  NaN for arguments out of domain. */
double cx_dist_beta_reg(double a, double b, double x);
/* Student t with df > 0 degrees of freedom (df need not be integral;
 * df = ∞ is the normal).  df < 30: the continued fraction above;
 * df >= 30: the large-a expansion BGRAT of DiDonato & Morris (ACM TOMS
 * 708, 1992) specialised to b = ½.  Measured against 30-digit
 * references, df 1 … 1e7: relative error < 3e-15 for p-values above
 * 1e-16, < 1e-13 in the far tails (p ~ 1e-190). */
double cx_dist_t_cdf(double t, double df);
/* Two-sided p-value P(|T| >= |t|) = I_{df/(df+t²)}(df/2, 1/2), computed
 * without forming 1 − (something near 1). */
double cx_dist_t_p2(double t, double df);

/* The z of a two-sided confidence level, from the spec's table:
 * 90 → 1.645, 95 → 1.960, 99 → 2.576 (the spec's rounded values, not the
 * exact quantiles 1.6449, 1.9600, 2.5758, so printed intervals match
 * hand calculations).  Any other level is CX_ESCRIPT. */
cx_status cx_dist_confidence_z(int confidence, double *z, cx_diag *d);

/* ====================================================================
 * describe.c — counts, means, sd, quantiles, box shares
 * ==================================================================== */

typedef struct cx_describe {
    bool defined;       /* n > 0 (then mean, min, max are valid) */
    bool sd_defined;    /* n_eff > 1 (unweighted: n >= 2) */
    size_t n;           /* answers used: value not NaN, weight > 0 */
    size_t n_missing;   /* rows whose value was NaN */
    double sum_w;       /* Σw (= n unweighted) */
    double sum_w2;      /* Σw² (= n unweighted) */
    double n_eff;       /* Kish effective base (Σw)²/Σw² (= n unweighted) */
    double sum;         /* Σw·x */
    double mean;        /* Σw·x / Σw */
    /* Sample standard deviation.  Unweighted: sqrt(Σ(x−m)²/(n−1)).
     * Weighted: sqrt(Σw(x−m)² / (Σw − Σw²/Σw)), the reliability-weights
     * form, which is the weighted variance Σw(x−m)²/Σw times
     * n_eff/(n_eff − 1): it does not change when all weights are scaled,
     * and equals the unweighted n−1 formula when all weights are 1. */
    double sd;
    double min, max;    /* over the answers used */
} cx_describe;

/* All of the above for x[0..n-1], weights w (NULL = unweighted). */
cx_status cx_describe_compute(const double *x, const double *w, size_t n,
                              cx_describe *out, cx_diag *d);

/* The same per group: group[i] in 0..ngroups-1 is the row's group, -1
 * puts the row in no group; out has ngroups entries.  A code >= ngroups
 * or < -1 is CX_EDATA. */
cx_status cx_describe_by_group(const double *x, const double *w,
                               const int32_t *group, size_t n,
                               size_t ngroups, cx_describe *out,
                               cx_diag *d);

/* Hyndman–Fan type 7 quantile (R's default, Excel PERCENTILE.INC) of
 * sorted[0..n-1], ascending, no NaN, n >= 1, 0 <= p <= 1:
 * h = (n−1)p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).  No checks: for
 * callers that already hold sorted data. */
double cx_describe_quantile_sorted(const double *sorted, size_t n, double p);

/* Type-7 quantiles of the non-missing values of x (unweighted; weights
 * are not supported here): out[j] = Q(probs[j]) for j < nprobs.  Copies
 * and sorts the values (malloc, freed before return).  *n_used receives
 * the number of non-missing values; when it is 0 the quantiles are
 * undefined and out[] is set to 0.  A prob outside [0, 1] is CX_ESCRIPT. */
cx_status cx_describe_quantiles(const double *x, size_t n,
                                const double *probs, size_t nprobs,
                                double *out, size_t *n_used, cx_diag *d);

/* Share of answers in the box lo <= x <= hi (inclusive), in percent of the
 * answers used, with its standard error 100·sqrt(p(1−p)/n_eff). */
typedef struct cx_share {
    bool defined;       /* n > 0 */
    size_t n;           /* answers used (as cx_describe.n) */
    size_t hits;        /* answers in the box (unweighted count) */
    double sum_w;       /* Σw of the answers used (= n unweighted) */
    double hits_w;      /* Σw of the answers in the box (= hits unweighted) */
    double n_eff;       /* Kish base (= n unweighted) */
    double pct;         /* 100·hits_w/sum_w; unweighted 100.0*hits/n */
    double se;          /* 100·sqrt(p(1−p)/n_eff), p = pct/100 */
} cx_share;

cx_status cx_describe_share(const double *x, const double *w, size_t n,
                            double lo, double hi, cx_share *out, cx_diag *d);
/* Top-2-box: the box [scale_max − 1, scale_max]; bottom-2-box:
 * [scale_min, scale_min + 1].  Values outside [scale_min, scale_max] are
 * CX_EDATA. */
cx_status cx_describe_top2(const double *x, const double *w, size_t n,
                           double scale_min, double scale_max,
                           cx_share *out, cx_diag *d);
cx_status cx_describe_bottom2(const double *x, const double *w, size_t n,
                              double scale_min, double scale_max,
                              cx_share *out, cx_diag *d);

/* ====================================================================
 * nps.c — NPS and net scores
 * ==================================================================== */

/* A net score: % top boxes − % bottom boxes on an integer scale.  Answers
 * must be integers in [scale_min, scale_max] (else CX_EDATA); answers in
 * neither box are the middle ("passives").  Boxes are inclusive ranges
 * that must lie in the scale, be non-empty and not overlap. */
typedef struct cx_net_def {
    long scale_min, scale_max;
    long top_lo, top_hi;
    long bottom_lo, bottom_hi;
} cx_net_def;

/* NPS: 0–10, promoters 9–10, detractors 0–6, passives 7–8. */
#define CX_NET_NPS ((cx_net_def){0, 10, 9, 10, 0, 6})
/* 7-point loyalty items (forgive, try new, buy more): % 6–7 − % 1–3. */
#define CX_NET_LOYALTY7 ((cx_net_def){1, 7, 6, 7, 1, 3})
/* Purchase momentum, 5-point spend intent: % 4–5 − % 1–2. */
#define CX_NET_MOMENTUM5 ((cx_net_def){1, 5, 4, 5, 1, 2})

typedef enum cx_ci_method {
    /* Default.  Rocks (2016), "Interval estimation for the 'Net Promoter
     * Score'", The American Statistician 70(4), 365–372: add 3/4 to the
     * promoters, 3/4 to the detractors and 3/2 to the passives (n + 3),
     * then NPS' = 100(P' − D')/(n + 3), v' = p' + d' − (p' − d')²,
     * SE' = 100·sqrt(v'/(n + 3)), CI = NPS' ± z·SE'.  The interval is
     * centred on the adjusted NPS', not on the NPS.  Weighted: the
     * pseudo-counts are added on the effective base, P_e = p·n_eff,
     * D_e = d·n_eff, n' = n_eff + 3. */
    CX_CI_ADJUSTED_WALD = 0,
    /* Plain Wald: NPS ± z·SE. */
    CX_CI_WALD = 1,
} cx_ci_method;

typedef struct cx_ci_opts {
    cx_ci_method method;
    int confidence;         /* 90, 95 or 99 (percent) */
} cx_ci_opts;

#define CX_CI_DEFAULT ((cx_ci_opts){CX_CI_ADJUSTED_WALD, 95})

typedef struct cx_net {
    bool defined;           /* n > 0: score, shares, SE and CI are valid */
    bool weighted;
    size_t n;               /* answers used (value not NaN, weight > 0) */
    size_t n_top, n_mid, n_bottom;  /* unweighted counts, always kept */
    double w_top, w_mid, w_bottom;  /* Σw per class (= counts unweighted) */
    double sum_w, sum_w2;   /* Σw, Σw² (= n, n unweighted) */
    double base;            /* the SE base: n, or n_eff = (Σw)²/Σw² */
    double pct_top, pct_mid, pct_bottom;  /* percent; unweighted 100.0*P/n */
    /* 100·(P − D)/n; unweighted it is computed as 100.0*(P−D)/n from the
     * integer counts, so mathematically equal scores are equal doubles. */
    double score;
    double variance;        /* per answer on the −1/0/+1 coding: p + d − (p−d)² */
    double se;              /* 100·sqrt(variance / base) */
    cx_ci_method ci_method;
    int confidence;
    double z;
    double ci_center;       /* adjusted NPS' (adjusted Wald) or score (Wald) */
    double ci_se;           /* SE' (adjusted Wald) or se (Wald) */
    /* ci_center ∓ z·ci_se, clamped to [−100, 100] (an adjusted interval
     * around a score near ±100 can otherwise pass the end of the scale). */
    double ci_lo, ci_hi;
} cx_net;

/* Net score of x[0..n-1] (NaN = missing) under def; w NULL = unweighted.
 * ci NULL = CX_CI_DEFAULT. */
cx_status cx_nps_compute(const double *x, const double *w, size_t n,
                         const cx_net_def *def, const cx_ci_opts *ci,
                         cx_net *out, cx_diag *d);

/* The same for every group at once, in one pass over the rows: group[i]
 * in 0..ngroups-1, -1 = no group (row skipped); out has ngroups entries. */
cx_status cx_nps_by_group(const double *x, const double *w,
                          const int32_t *group, size_t n, size_t ngroups,
                          const cx_net_def *def, const cx_ci_opts *ci,
                          cx_net *out, cx_diag *d);

/* Finishes a result from unweighted counts (top, middle, bottom). */
cx_status cx_nps_from_counts(size_t n_top, size_t n_mid, size_t n_bottom,
                             const cx_ci_opts *ci, cx_net *out, cx_diag *d);

/* Finishes a result from weighted sums: Σw per class, Σw² over all
 * answers, and the unweighted counts (kept for n and the small-base
 * rules).  Sums must be finite and >= 0. */
cx_status cx_nps_from_sums(double w_top, double w_mid, double w_bottom,
                           double sum_w2, size_t n_top, size_t n_mid,
                           size_t n_bottom, const cx_ci_opts *ci,
                           cx_net *out, cx_diag *d);

/* Difference of two independent scores (NPS, net scores, shares):
 * z = (a − b)/sqrt(SE_a² + SE_b²), two-sided p = 2(1 − Φ(|z|)), computed
 * as erfc(|z|/√2) (equal, without cancellation); significant when
 * p < alpha.  Not tested (tested = false, p/z 0) when either n is below
 * min_n (spec: 30), or when both SEs are 0 (no sampling variation: a
 * difference cannot be judged). */
#define CX_STATS_MIN_TEST_N 30

typedef enum cx_untested {
    CX_TESTED = 0,
    CX_UNTESTED_SMALL_BASE,     /* n_a or n_b < min_n */
    CX_UNTESTED_NO_VARIANCE,    /* SE_a = SE_b = 0 */
} cx_untested;

typedef struct cx_diff_test {
    bool tested;
    cx_untested why;
    double diff;            /* a − b, always filled */
    double se;              /* sqrt(SE_a² + SE_b²), always filled */
    double z, p;            /* when tested */
    bool significant;       /* tested and p < alpha */
} cx_diff_test;

/* n_a, n_b: the unweighted numbers of answers (cx_net.n).  alpha in
 * (0, 1), else CX_ESCRIPT. */
cx_status cx_nps_diff_test(double a, double se_a, size_t n_a, double b,
                           double se_b, size_t n_b, double alpha,
                           size_t min_n, cx_diff_test *out, cx_diag *d);
/* The same for two cx_net results (undefined ones are "small base"). */
cx_status cx_nps_compare(const cx_net *a, const cx_net *b, double alpha,
                         size_t min_n, cx_diff_test *out, cx_diag *d);

/* ====================================================================
 * rank.c — ranks
 * ==================================================================== */

typedef enum cx_rank_order {
    CX_RANK_HIGH_FIRST = 0,   /* the highest value is rank 1 (NPS, scores) */
    CX_RANK_LOW_FIRST = 1,    /* the lowest value is rank 1 (costs, times) */
} cx_rank_order;

/* Ties.  Values are tied when they are within CX_EXACT_TOL.  In sorted
 * order a tie group is started by its first value and takes every later
 * value within the tolerance of that first value (no chaining: 0, 0.6e-9
 * and 1.2e-9 make two groups, {0, 0.6e-9} and {1.2e-9}). */

/* Competition ranking ("1224"): rank = 1 + number of values strictly
 * better; ties share the best rank.  rank has n entries; a NaN value gets
 * rank 0 (not ranked) and does not count.  Scratch: malloc. */
cx_status cx_rank_competition(const double *x, size_t n, cx_rank_order order,
                              size_t *rank, cx_diag *d);

/* Average ranks 1..m ascending over the m non-missing values (ties get
 * the mean of the ranks they span: 1, 2.5, 2.5, 4), as Spearman needs.
 * rank has n entries; a NaN value gets NaN (missing stays missing).
 * Scratch: malloc. */
cx_status cx_rank_average(const double *x, size_t n, double *rank,
                          cx_diag *d);

/* Percentile rank of value among peers[0..n-1] (NaN peers skipped), the
 * "mean" definition 100·(below + ½·equal)/N with equality within
 * CX_EXACT_TOL.  Whether the client is among the peers is the caller's
 * choice.  *defined is false (and *pct 0) when N = 0 or value is NaN. */
cx_status cx_rank_percentile(const double *peers, size_t n, double value,
                             double *pct, bool *defined, cx_diag *d);

/* Indices of the non-missing values of x in ascending order, stable;
 * returns their number in *m.  order has n entries (only the first *m are
 * written).  O(n) by counting when all values are integers spanning at
 * most 65,536; else an LSD radix sort on the IEEE bits (O(n)).  Scratch:
 * malloc. */
cx_status cx_rank_order_asc(const double *x, size_t n, size_t *order,
                            size_t *m, cx_diag *d);

/* ====================================================================
 * correlate.c — Pearson, Spearman, least squares
 * ==================================================================== */

typedef enum cx_corr_state {
    CX_CORR_OK = 0,
    CX_CORR_TOO_FEW,        /* fewer than 3 complete pairs */
    CX_CORR_NO_VARIANCE,    /* x or y constant over the complete pairs */
} cx_corr_state;

typedef enum cx_corr_method { CX_CORR_PEARSON = 0, CX_CORR_SPEARMAN = 1 } cx_corr_method;

typedef struct cx_corr {
    cx_corr_state state;    /* only CX_CORR_OK has r, t, p, CI */
    cx_corr_method method;
    size_t n;               /* complete pairs (both values non-NaN) */
    double r;               /* Pearson r, or Spearman ρ (Pearson on average ranks) */
    /* |r| within 1e-12 of 1 is taken as exactly ±1: t = ±HUGE_VAL,
     * p = 0, CI = [r, r]. */
    bool perfect;
    double df;              /* n − 2 */
    double t;               /* r·sqrt(n−2)/sqrt(1−r²) */
    /* Two-sided p from Student t with n−2 df — exact for Pearson under
     * normality; for Spearman the same t approximation (not an exact
     * permutation p). */
    double p;
    bool ci_defined;        /* n > 3 (or perfect) */
    int confidence;
    /* Fisher z: tanh(atanh(r) ∓ z/sqrt(n−3)), z from the spec's table.
     * For Spearman the same formula on ρ (approximate). */
    double ci_lo, ci_hi;
} cx_corr;

/* Pairwise-complete correlation of x and y (length n).  confidence 90/95/99. */
cx_status cx_correlate_pearson(const double *x, const double *y, size_t n,
                               int confidence, cx_corr *out, cx_diag *d);
/* Spearman: ranks are computed over the complete pairs only.  Scratch:
 * malloc. */
cx_status cx_correlate_spearman(const double *x, const double *y, size_t n,
                                int confidence, cx_corr *out, cx_diag *d);

/* k×k matrix, row-major in out[k*k], of the columns cols[0..k-1] (each
 * of length n), pairwise complete.  out[i*k+j] == out[j*k+i]; the
 * diagonal is a column against itself (perfect, or no variance).
 * Spearman groups each column's ties once (by value for small integers,
 * else after a radix sort; tie groups as in rank.c, formed over the
 * column's non-missing values) and derives each pair's average ranks
 * over its complete rows in O(n).  cx_correlate_spearman is the 2×2
 * case.  Scratch: malloc (about 4n bytes per column + 40n while sorting).
 * n must be below 2³²−1 for Spearman (CX_EINTERNAL otherwise). */
cx_status cx_correlate_matrix(const double *const *cols, size_t k, size_t n,
                              cx_corr_method method, int confidence,
                              cx_corr *out, cx_diag *d);

typedef struct cx_line {
    bool defined;           /* n >= 2 and x not constant */
    size_t n;               /* complete pairs */
    double a, b;            /* y = a + b·x, b = r·s_y/s_x = Sxy/Sxx, a = ȳ − b·x̄ */
    double mean_x, mean_y;
    bool r2_defined;        /* y not constant either */
    double r2;              /* r² */
} cx_line;

cx_status cx_correlate_line(const double *x, const double *y, size_t n,
                            cx_line *out, cx_diag *d);

/* ====================================================================
 * maturity.c — maturity models
 * ==================================================================== */

/* At most this many rating bands and level bands (models use 5–6). */
#define CX_MATURITY_MAX_BANDS 16

/* A band of scores on 0..100: the first band whose `below` exceeds the
 * score.  The last band of a list is open-ended: its `below` is not read. */
typedef struct cx_band {
    double below;
    const char *name;
} cx_band;

typedef struct cx_maturity_dim {
    const char *id, *name;
    const size_t *items;    /* indices into the model's item list (0..nitems-1) */
    size_t nitems;          /* >= 1 */
    double weight;          /* > 0; used by the overall mean (1 = equal) */
} cx_maturity_dim;

/* All pointers are borrowed from the caller for the life of the model. */
typedef struct cx_maturity_model {
    const char *name;
    double scale_min, scale_max;    /* answer scale of the items, min < max */
    size_t nitems;                  /* items per organisation */
    const cx_maturity_dim *dims;
    size_t ndims;
    const cx_band *ratings;         /* per-dimension bands */
    size_t nratings;
    const cx_band *levels;          /* overall bands */
    size_t nlevels;
} cx_maturity_model;

/* CX_ESCRIPT when the model is malformed: no dimensions, an empty
 * dimension, an item index >= nitems, a weight <= 0 or not finite,
 * min >= max, no bands or more than CX_MATURITY_MAX_BANDS, band limits
 * not strictly increasing or not finite. */
cx_status cx_maturity_check(const cx_maturity_model *m, cx_diag *d);

typedef struct cx_mscore {
    bool defined;
    double score;           /* 0..100 when defined, else 0 */
    size_t band;            /* index into ratings (dimension) or levels (overall) */
    size_t answered;        /* items answered (dimension) / dimensions scored (overall) */
} cx_mscore;

/* Scoring rules.
 * Dimension: mean of the answered items rescaled to 0..100,
 *   100·(mean − min)/(max − min); fewer than half of its items answered
 *   (2·answered < nitems) → no score; exactly half is enough.  When the
 *   answers and the scale ends are integers the score is computed as
 *   100·(S − c·min) / (c·(max − min)) from the integer sum S of the c
 *   answers, one correctly rounded division, so a mean of 2.6 on 1–5 is
 *   exactly 40.
 * Overall: the (weighted) mean of the dimension scores, and only when
 *   EVERY dimension has a score; one unscored dimension leaves the overall
 *   score undefined, because a mean over the dimensions that happen to be
 *   answered is not comparable between organisations.
 * Band: the first band whose `below` exceeds the score by more than
 *   CX_EXACT_TOL, so 39.9999999999 is in the band starting at 40.
 * Answers: NaN = unanswered; other values must lie in [min, max]
 *   (CX_EDATA otherwise). */

/* One organisation: answers[0..nitems-1]; dims has m->ndims entries. */
cx_status cx_maturity_score_row(const cx_maturity_model *m,
                                const double *answers, cx_mscore *dims,
                                cx_mscore *overall, cx_diag *d);

/* norgs organisations stored as columns: cols[i][o] is item i of
 * organisation o.  dims has norgs·ndims entries, row-major
 * (dims[o*ndims + k]); overall has norgs entries. */
cx_status cx_maturity_score_columns(const cx_maturity_model *m,
                                    const double *const *cols, size_t norgs,
                                    cx_mscore *dims, cx_mscore *overall,
                                    cx_diag *d);

/* The band index of a score (rule above); bands/nbands as in the model. */
size_t cx_maturity_band(const cx_band *bands, size_t nbands, double score);

/* Index of the band called name, or -1. */
long cx_maturity_band_find(const cx_band *bands, size_t nbands,
                           const char *name);

/* Benchmark of one dimension (or of the overall score) over a peer group. */
typedef struct cx_maturity_stat {
    size_t n;               /* peers with a score */
    bool defined;           /* n > 0 */
    double q1, median, q3;  /* type 7 over the peers' scores */
    double mean;
    bool client_defined;    /* a client was given and has a score here */
    double client_score;
    size_t client_band;
    double client_pct_rank; /* 100·(below + ½·equal)/n, equality within 1e-9 */
    double band_pct[CX_MATURITY_MAX_BANDS];  /* % of peers in each band */
    double at_or_above_pct; /* % of peers in band >= the given band */
} cx_maturity_stat;

/* peer_dims: npeers·ndims scores as from cx_maturity_score_columns,
 * peer_overall: npeers.  client_dims (ndims) and client_overall may be
 * NULL (no client).  Shares are "at or above" rating index
 * rating_from (e.g. the index of "Good") per dimension and level index
 * level_from overall.  dim_out has ndims entries.  Scratch: malloc. */
cx_status cx_maturity_benchmark(const cx_maturity_model *m,
                                const cx_mscore *peer_dims,
                                const cx_mscore *peer_overall, size_t npeers,
                                const cx_mscore *client_dims,
                                const cx_mscore *client_overall,
                                size_t rating_from, size_t level_from,
                                cx_maturity_stat *dim_out,
                                cx_maturity_stat *overall_out, cx_diag *d);

/* ====================================================================
 * accounts.c — B2B accounts (spec §6)
 * ==================================================================== */

typedef enum cx_role {
    CX_ROLE_DECISION_MAKER = 0,
    CX_ROLE_INFLUENCER = 1,
    CX_ROLE_END_USER = 2,
    CX_ROLE_ECONOMIC_BUYER = 3,
    CX_NROLES = 4,
} cx_role;

typedef enum cx_agg {
    CX_AGG_RESPONDENT = 0,      /* every answer counts (pooled) */
    CX_AGG_ACCOUNT = 1,         /* mean of per-account NPS, each account once */
    CX_AGG_DECISION_MAKER = 2,  /* decision makers' answers only (pooled) */
} cx_agg;

/* Disagreement: roles disagree when the spread max − min of the role NPS,
 * over roles with at least min_role_n answers (and at least two such
 * roles), exceeds the threshold by more than CX_EXACT_TOL.  The default
 * 100 points flags a promoter decision maker (+100) against detractor end
 * users (−100), or +60 against −50, but not +100 against all-passive 0. */
#define CX_ACCOUNTS_DISAGREE_DEFAULT 100.0

typedef struct cx_accounts_opts {
    cx_ci_opts ci;
    double disagree_threshold;  /* points of NPS */
    size_t min_role_n;          /* answers for a role to count in the spread (>= 1) */
} cx_accounts_opts;

#define CX_ACCOUNTS_DEFAULT \
    ((cx_accounts_opts){CX_CI_DEFAULT, CX_ACCOUNTS_DISAGREE_DEFAULT, 1})

typedef struct cx_account {
    cx_net all;                 /* every answer of the account (respondent mode) */
    cx_net role[CX_NROLES];     /* per role; role[CX_ROLE_DECISION_MAKER] is
                                   the account's decision_maker mode */
    bool heard[CX_NROLES];      /* the role has at least one answer */
    size_t roles_missing;       /* roles with no answer (coverage gap) */
    bool disagree;
    double spread;              /* max − min role NPS over qualifying roles (0 if < 2) */
    int role_high, role_low;    /* roles at the max / min, -1 if < 2 roles */
} cx_account;

/* x: 0–10 recommend answers (NaN = missing), w: weights or NULL,
 * account[i] in 0..naccounts-1 (-1 = none: row skipped), role[i] a
 * cx_role or -1 (unknown role: counted in `all` only).  out has
 * naccounts entries.  opts NULL = CX_ACCOUNTS_DEFAULT. */
cx_status cx_accounts_compute(const double *x, const double *w,
                              const int32_t *account, const int32_t *role,
                              size_t n, size_t naccounts,
                              const cx_accounts_opts *opts, cx_account *out,
                              cx_diag *d);

typedef struct cx_accounts_total {
    cx_agg mode;
    bool defined;
    double nps;             /* the aggregate NPS */
    /* respondent / decision_maker: the pooled result (net.score == nps).
     * account: net is zeroed; nps is the mean of the accounts' `all`
     * scores over accounts with at least min_account_n answers. */
    cx_net net;
    size_t accounts;        /* accounts that contributed */
    size_t answers;         /* answers that contributed */
    /* account mode: sd of the account scores (n−1) and sd/sqrt(accounts);
     * defined when accounts >= 2.  Other modes: se = net.se. */
    bool se_defined;
    double sd, se;
} cx_accounts_total;

/* Aggregates per-account results under a mode.  min_account_n: accounts
 * with fewer answers (in the mode's base) are left out (>= 1). */
cx_status cx_accounts_aggregate(const cx_account *accounts, size_t naccounts,
                                cx_agg mode, size_t min_account_n,
                                const cx_ci_opts *ci, cx_accounts_total *out,
                                cx_diag *d);

/* ====================================================================
 * format.c — numbers as report text
 * ==================================================================== */

/* Rounding: a value is first turned into its shortest round-trip decimal
 * (the digits a person sees when the value is printed: 2.675, not
 * 2.67499999999999982236431605997495353221893310546875) and that decimal
 * is rounded half away from zero: 0.125 → 0.13, 2.675 → 2.68,
 * −2.5 → −3.  No step depends on the C locale (digits are taken from
 * snprintf's output whatever the decimal point, and written by hand).
 * A result that rounds to zero is written without a sign, "0.0", never
 * "−0.0" or "+0.0".  The minus sign is U+2212 "−" unless ascii_minus. */
typedef struct cx_numfmt {
    int decimals;           /* digits after the separator, 0..20 */
    const char *decimal;    /* decimal separator; NULL = "." */
    const char *group;      /* thousands separator; NULL or "" = none */
    bool plus;              /* "+" on positive values (signed deltas) */
    bool ascii_minus;       /* "-" instead of U+2212 */
    const char *suffix;     /* appended, e.g. "%" or " %"; NULL = none */
} cx_numfmt;

#define CX_NUMFMT_DEFAULT ((cx_numfmt){1, NULL, NULL, false, false, NULL})

/* Writes the UTF-8 text of x, NUL-terminated, into buf[size].  NaN or
 * infinity, or decimals out of range, is CX_ESCRIPT; a buffer too small
 * is CX_EINTERNAL (buf then holds ""). */
cx_status cx_format_decimal(char *buf, size_t size, double x,
                            const cx_numfmt *f, cx_diag *d);
/* Fixed decimals, "." separator, no grouping: "1234.57". */
cx_status cx_format_fixed(char *buf, size_t size, double x, int decimals,
                          cx_diag *d);
/* x in percent units (45.25 → "45.3%" with decimals 1). */
cx_status cx_format_percent(char *buf, size_t size, double x, int decimals,
                            cx_diag *d);
/* Signed delta: "+3.2", "−1.9", "0.0". */
cx_status cx_format_delta(char *buf, size_t size, double x, int decimals,
                          cx_diag *d);
/* An NPS as published: an integer, half away from zero: 12.5 → "13",
 * −12.5 → "−13". */
cx_status cx_format_nps(char *buf, size_t size, double x, cx_diag *d);
/* "p < 0.001" when p < 0.001; "p > 0.999" when p rounds to 1.000;
 * else "p = 0.034" (3 decimals, rounding as above).  f may be NULL; only
 * its decimal separator is used.  p outside [0, 1] is CX_ESCRIPT. */
cx_status cx_format_pvalue(char *buf, size_t size, double p,
                           const cx_numfmt *f, cx_diag *d);

#endif
