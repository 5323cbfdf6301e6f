/*
 * maturity.c — maturity models as data: checking a model, scoring
 * organisations (dimension scores on 0..100, overall score, rating and
 * level bands) and benchmarking a client against peers.
 *
 * Boundaries are exact: integer answers are summed exactly and each score
 * is one correctly rounded division, and bands compare with CX_EXACT_TOL,
 * so a score that is 40 in exact arithmetic is in the band starting at 40.
 * The model's strings and arrays stay the caller's; nothing here keeps a
 * pointer to them after a call.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static cx_status check_bands(const cx_band *b, size_t nb, const char *what, cx_diag *d)
{
    if (nb == 0 || !b)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the model has no %s", what);
    if (nb > CX_MATURITY_MAX_BANDS)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the model has %zu %s (at most %d)", nb,
                           what, CX_MATURITY_MAX_BANDS);
    for (size_t i = 0; i + 1 < nb; i++) {
        if (!isfinite(b[i].below))
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "%s band %zu has no finite limit",
                               what, i + 1);
        if (i > 0 && !(b[i].below > b[i - 1].below))
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                               "%s band limits must increase (%g after %g)", what,
                               b[i].below, b[i - 1].below);
    }
    return CX_OK;
}

cx_status cx_maturity_check(const cx_maturity_model *m, cx_diag *d)
{
    cx_status st;
    if (!m)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "no maturity model given");
    if (!isfinite(m->scale_min) || !isfinite(m->scale_max) || !(m->scale_min < m->scale_max))
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the model's scale %g..%g is not a range",
                           m->scale_min, m->scale_max);
    if (m->ndims == 0 || !m->dims)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "the model has no dimensions");
    for (size_t k = 0; k < m->ndims; k++) {
        const cx_maturity_dim *dim = &m->dims[k];
        const char *id = dim->id ? dim->id : "?";
        if (dim->nitems == 0 || !dim->items)
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "dimension %s has no items", id);
        if (!isfinite(dim->weight) || !(dim->weight > 0.0))
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                               "dimension %s has weight %g (must be > 0)", id, dim->weight);
        for (size_t j = 0; j < dim->nitems; j++)
            if (dim->items[j] >= m->nitems)
                return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                                   "dimension %s names item %zu of %zu", id, dim->items[j],
                                   m->nitems);
    }
    if ((st = check_bands(m->ratings, m->nratings, "ratings", d)) != CX_OK ||
        (st = check_bands(m->levels, m->nlevels, "levels", d)) != CX_OK)
        return st;
    return CX_OK;
}

size_t cx_maturity_band(const cx_band *bands, size_t nbands, double score)
{
    for (size_t i = 0; i + 1 < nbands; i++)
        if (bands[i].below - score > CX_EXACT_TOL)
            return i;
    return nbands ? nbands - 1 : 0;
}

long cx_maturity_band_find(const cx_band *bands, size_t nbands, const char *name)
{
    for (size_t i = 0; i < nbands; i++)
        if (bands[i].name && name && strcmp(bands[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Per-model constants the scoring loop needs. */
typedef struct scorer {
    const cx_maturity_model *m;
    bool int_scale;     /* min and max are integers: the exact path applies */
    double range;       /* max − min */
    double wsum;        /* Σ dimension weights */
} scorer;

static void scorer_init(scorer *s, const cx_maturity_model *m)
{
    s->m = m;
    s->int_scale = m->scale_min == floor(m->scale_min) && m->scale_max == floor(m->scale_max) &&
                   fabs(m->scale_min) < 1e9 && fabs(m->scale_max) < 1e9;
    s->range = m->scale_max - m->scale_min;
    s->wsum = 0.0;
    for (size_t k = 0; k < m->ndims; k++)
        s->wsum += m->dims[k].weight;
}

/* Answer of item `item` for the current organisation. */
typedef double (*answer_fn)(const void *src, size_t item, size_t org);

static double answer_row(const void *src, size_t item, size_t org)
{
    (void)org;
    return ((const double *)src)[item];
}

static double answer_col(const void *src, size_t item, size_t org)
{
    return ((const double *const *)src)[item][org];
}

static cx_status score_one(const scorer *s, answer_fn get, const void *src, size_t org,
                           cx_mscore *dims, cx_mscore *overall, cx_diag *d)
{
    const cx_maturity_model *m = s->m;
    double total = 0.0;
    size_t scored = 0;
    for (size_t k = 0; k < m->ndims; k++) {
        const cx_maturity_dim *dim = &m->dims[k];
        double sum = 0.0;
        size_t c = 0;
        bool ints = s->int_scale;
        for (size_t j = 0; j < dim->nitems; j++) {
            double v = get(src, dim->items[j], org);
            if (isnan(v))
                continue;
            if (!(v >= m->scale_min && v <= m->scale_max))
                return cx_diag_set(d, CX_EDATA, NULL, 0, 0,
                                   "organisation %zu, item %zu: %g is outside the scale %g..%g",
                                   org + 1, dim->items[j] + 1, v, m->scale_min, m->scale_max);
            if (ints && v != floor(v))
                ints = false;
            sum += v;
            c++;
        }
        cx_mscore *ds = &dims[k];
        ds->answered = c;
        if (c == 0 || 2 * c < dim->nitems) {
            ds->defined = false;
            ds->score = 0.0;
            ds->band = 0;
            continue;
        }
        double score;
        if (ints) {
            /* 100·(S − c·min) / (c·(max − min)): both sides exact
             * integers (S is an exact sum of integers), one rounding. */
            double cd = (double)c;
            score = 100.0 * (sum - cd * m->scale_min) / (cd * s->range);
        } else {
            score = 100.0 * (sum / (double)c - m->scale_min) / s->range;
        }
        if (score < 0.0)
            score = 0.0;
        if (score > 100.0)
            score = 100.0;
        ds->defined = true;
        ds->score = score;
        ds->band = cx_maturity_band(m->ratings, m->nratings, score);
        total += dim->weight * score;
        scored++;
    }
    overall->answered = scored;
    if (scored < m->ndims) {
        overall->defined = false;
        overall->score = 0.0;
        overall->band = 0;
        return CX_OK;
    }
    double score = total / s->wsum;
    if (score > 100.0)
        score = 100.0;
    overall->defined = true;
    overall->score = score;
    overall->band = cx_maturity_band(m->levels, m->nlevels, score);
    return CX_OK;
}

cx_status cx_maturity_score_row(const cx_maturity_model *m,
                                const double *answers, cx_mscore *dims,
                                cx_mscore *overall, cx_diag *d)
{
    cx_status st;
    if ((st = cx_maturity_check(m, d)) != CX_OK)
        return st;
    if (!answers || !dims || !overall)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "missing answers or result arrays");
    scorer s;
    scorer_init(&s, m);
    st = score_one(&s, answer_row, answers, 0, dims, overall, d);
    if (st != CX_OK) {
        memset(dims, 0, m->ndims * sizeof *dims);
        memset(overall, 0, sizeof *overall);
    }
    return st;
}

cx_status cx_maturity_score_columns(const cx_maturity_model *m,
                                    const double *const *cols, size_t norgs,
                                    cx_mscore *dims, cx_mscore *overall,
                                    cx_diag *d)
{
    cx_status st;
    if ((st = cx_maturity_check(m, d)) != CX_OK)
        return st;
    if (norgs == 0)
        return CX_OK;
    if (!cols || !dims || !overall)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "missing item columns or result arrays");
    for (size_t i = 0; i < m->nitems; i++)
        if (!cols[i])
            return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "item column %zu is missing", i + 1);
    scorer s;
    scorer_init(&s, m);
    for (size_t o = 0; o < norgs; o++) {
        st = score_one(&s, answer_col, cols, o, dims + o * m->ndims, overall + o, d);
        if (st != CX_OK) {
            memset(dims, 0, norgs * m->ndims * sizeof *dims);
            memset(overall, 0, norgs * sizeof *overall);
            return st;
        }
    }
    return CX_OK;
}

/* One benchmark: scores[0..n-1] of the peers with a score, sorted
 * ascending by the caller; bands as in the model; client may be NULL. */
static void bench_one(double *scores, size_t n, const cx_band *bands, size_t nbands,
                      size_t from, const cx_mscore *client, cx_maturity_stat *o)
{
    memset(o, 0, sizeof *o);
    o->n = n;
    o->defined = n > 0;
    if (client && client->defined) {
        o->client_defined = true;
        o->client_score = client->score;
        o->client_band = cx_maturity_band(bands, nbands, client->score);
    }
    if (!o->defined) {
        o->client_defined = false;
        return;
    }
    o->q1 = cx_describe_quantile_sorted(scores, n, 0.25);
    o->median = cx_describe_quantile_sorted(scores, n, 0.5);
    o->q3 = cx_describe_quantile_sorted(scores, n, 0.75);
    double sum = 0.0;
    size_t count[CX_MATURITY_MAX_BANDS] = {0}, above = 0, below = 0, equal = 0;
    for (size_t i = 0; i < n; i++) {
        sum += scores[i];
        size_t b = cx_maturity_band(bands, nbands, scores[i]);
        count[b]++;
        if (b >= from)
            above++;
        if (o->client_defined) {
            int c = cx_exact_cmp(scores[i], o->client_score);
            below += c < 0;
            equal += c == 0;
        }
    }
    o->mean = sum / (double)n;
    for (size_t b = 0; b < nbands; b++)
        o->band_pct[b] = 100.0 * (double)count[b] / (double)n;
    o->at_or_above_pct = 100.0 * (double)above / (double)n;
    if (o->client_defined)
        o->client_pct_rank = 100.0 * (2.0 * (double)below + (double)equal) / (2.0 * (double)n);
}

cx_status cx_maturity_benchmark(const cx_maturity_model *m,
                                const cx_mscore *peer_dims,
                                const cx_mscore *peer_overall, size_t npeers,
                                const cx_mscore *client_dims,
                                const cx_mscore *client_overall,
                                size_t rating_from, size_t level_from,
                                cx_maturity_stat *dim_out,
                                cx_maturity_stat *overall_out, cx_diag *d)
{
    cx_status st;
    if ((st = cx_maturity_check(m, d)) != CX_OK)
        return st;
    if ((npeers > 0 && (!peer_dims || !peer_overall)) || !dim_out || !overall_out)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0, "missing peer scores or result arrays");
    if (rating_from >= m->nratings || level_from >= m->nlevels)
        return cx_diag_set(d, CX_ESCRIPT, NULL, 0, 0,
                           "band index out of range (rating %zu of %zu, level %zu of %zu)",
                           rating_from, m->nratings, level_from, m->nlevels);
    double *scores = malloc((npeers ? npeers : 1) * sizeof *scores);
    if (!scores)
        return cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory (%zu peers)", npeers);
    st = CX_OK;
    for (size_t k = 0; k <= m->ndims; k++) {
        bool is_overall = k == m->ndims;
        size_t n = 0;
        for (size_t p = 0; p < npeers; p++) {
            const cx_mscore *s = is_overall ? &peer_overall[p] : &peer_dims[p * m->ndims + k];
            if (s->defined)
                scores[n++] = s->score;
        }
        if (n > 0 && !cx_sort_f64(scores, n)) {
            st = cx_diag_set(d, CX_EINTERNAL, NULL, 0, 0, "out of memory (%zu peers)", npeers);
            goto done;
        }
        if (is_overall)
            bench_one(scores, n, m->levels, m->nlevels, level_from, client_overall, overall_out);
        else
            bench_one(scores, n, m->ratings, m->nratings, rating_from,
                      client_dims ? &client_dims[k] : NULL, &dim_out[k]);
    }
done:
    free(scores);
    return st;
}
