/*
 * gen_fixtures.c — writes the bundled example datasets the flagship
 * templates, the examples and the tests read:
 *
 *   gen_fixtures DIR
 *
 *   DIR/nps_benchmark/survey_2016.json, survey_2015.json  tech-vendor NPS benchmark
 *   DIR/cx_assessment/assessment.json                     CX competency maturity
 *   DIR/voc_assessment/assessment.json                    VoC program (six Ds)
 *   DIR/account_review/accounts_2016.json, accounts_2015.json  B2B account review
 *
 * The data are invented (every company name too) but shaped like the
 * published studies they imitate, so reports built on them read like the
 * real thing.  Same program, same bytes: every dataset draws from its own
 * seeded splitmix64 stream (changing one leaves the others alone), and all
 * arithmetic is on integers — no floating point, no libm, no time, no
 * locale — so the bytes cannot depend on the platform's rounding either.
 * Must never read anything: the tables below are the only input.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define NA (-1000)  /* an unanswered item: written as null */

/* ---- random numbers (integers only) ------------------------------------ */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* 0..n-1 (the modulo bias is below 1e-15 for our small n). */
static int below(rng *r, int n)
{
    return (int)(next(r) % (uint64_t)n);
}

static int between(rng *r, int lo, int hi)
{
    return lo + below(r, hi - lo + 1);
}

static bool chance(rng *r, int per_mille)
{
    return below(r, 1000) < per_mille;
}

/* A bell-shaped draw with mean 0 and standard deviation about a: the sum
 * of three uniforms on [-a, a] (each has variance a²/3). */
static int noise(rng *r, int a)
{
    return between(r, -a, a) + between(r, -a, a) + between(r, -a, a);
}

/* Index drawn with probability proportional to w[i]. */
static int pick_weighted(rng *r, const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int u = below(r, total);
    for (int i = 0; i < n; i++) {
        if (u < w[i])
            return i;
        u -= w[i];
    }
    return n - 1;
}

static int clamp(int x, int lo, int hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* A latent value in hundredths of an answer point -> the nearest answer
 * on lo..hi (floor division, so negative latents round the same way). */
static int to_scale(int centi, int lo, int hi)
{
    int a = centi + 50;
    int q = a >= 0 ? a / 100 : -((-a + 99) / 100);
    return clamp(q, lo, hi);
}

static void shuffle(rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = below(r, i + 1), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* ---- JSON writing ------------------------------------------------------ */

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void put_strings(FILE *f, const char *const *a, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        put_str(f, a[i]);
    }
    fputc(']', f);
}

/* A response is written on one line; `first` tracks the comma. */
typedef struct row {
    FILE *f;
    bool first;
} row;

static row row_begin(FILE *f, bool first_row)
{
    fputs(first_row ? "    {" : ",\n    {", f);
    return (row){f, true};
}

static void row_key(row *w, const char *k)
{
    if (!w->first)
        fputc(',', w->f);
    w->first = false;
    put_str(w->f, k);
    fputc(':', w->f);
}

static void row_str(row *w, const char *k, const char *v)
{
    row_key(w, k);
    if (v)
        put_str(w->f, v);
    else
        fputs("null", w->f);
}

static void row_int(row *w, const char *k, int v)
{
    row_key(w, k);
    if (v == NA)
        fputs("null", w->f);
    else
        fprintf(w->f, "%d", v);
}

/* A positive number given in hundredths, written with two decimals. */
static void row_centi(row *w, const char *k, int v)
{
    row_key(w, k);
    fprintf(w->f, "%d.%02d", v / 100, v % 100);
}

static void row_end(row *w)
{
    fputc('}', w->f);
}

/* Question metadata, one question per line. */
typedef struct meta {
    FILE *f;
    bool first;
} meta;

static void q_begin(meta *m, const char *id, const char *type, const char *text)
{
    fputs(m->first ? "    {" : ",\n    {", m->f);
    m->first = false;
    fputs("\"id\": ", m->f);
    put_str(m->f, id);
    fputs(", \"type\": ", m->f);
    put_str(m->f, type);
    fputs(", \"text\": ", m->f);
    put_str(m->f, text);
}

static void q_text(meta *m, const char *id, const char *text)
{
    q_begin(m, id, "text", text);
    fputc('}', m->f);
}

static void q_number(meta *m, const char *id, const char *text)
{
    q_begin(m, id, "number", text);
    fputc('}', m->f);
}

/* options may be NULL (any value); missing, when not NULL, is one string code. */
static void q_category(meta *m, const char *id, const char *text, const char *const *options,
                       size_t n, const char *missing)
{
    q_begin(m, id, "category", text);
    if (options) {
        fputs(", \"options\": ", m->f);
        put_strings(m->f, options, n);
    }
    if (missing) {
        fputs(", \"missing\": [", m->f);
        put_str(m->f, missing);
        fputc(']', m->f);
    }
    fputc('}', m->f);
}

/* labels: value/label pairs ending with NULL; missing_code 0 = none. */
static void q_scale(meta *m, const char *id, const char *text, int min, int max,
                    const char *const *labels, int missing_code)
{
    q_begin(m, id, "scale", text);
    fprintf(m->f, ", \"min\": %d, \"max\": %d", min, max);
    if (labels) {
        fputs(", \"labels\": {", m->f);
        for (size_t i = 0; labels[i]; i += 2) {
            if (i)
                fputs(", ", m->f);
            put_str(m->f, labels[i]);
            fputs(": ", m->f);
            put_str(m->f, labels[i + 1]);
        }
        fputc('}', m->f);
    }
    if (missing_code)
        fprintf(m->f, ", \"missing\": [%d]", missing_code);
    fputc('}', m->f);
}

static void survey_begin(FILE *f, const char *id, const char *title, int year, const char *fielded,
                         const char *population, const char *weight)
{
    fputs("{\n  \"survey\": {\"id\": ", f);
    put_str(f, id);
    fputs(", \"title\": ", f);
    put_str(f, title);
    fprintf(f, ", \"year\": %d, \"fielded\": ", year);
    put_str(f, fielded);
    fputs(", \"population\": ", f);
    put_str(f, population);
    if (weight) {
        fputs(", \"weight\": ", f);
        put_str(f, weight);
    }
    fputs("},\n  \"questions\": [\n", f);
}

static void responses_begin(FILE *f)
{
    fputs("\n  ],\n  \"responses\": [\n", f);
}

static void responses_end(FILE *f)
{
    fputs("\n  ]\n}\n", f);
}

/* "3,312": thousands separators for the population texts. */
static void grouped(int n, char *buf, size_t size)
{
    if (n >= 1000)
        snprintf(buf, size, "%d,%03d", n / 1000, n % 1000);
    else
        snprintf(buf, size, "%d", n);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static FILE *open_out(const char *dir, const char *sub, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, sub);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        perror(path);
        return NULL;
    }
    snprintf(path, size, "%s/%s/%s", dir, sub, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        perror(path);
    return f;
}

static int close_out(FILE *f, const char *path)
{
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0)
        bad = true;
    if (bad) {
        fprintf(stderr, "gen_fixtures: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

/* ==== 1. Tech-vendor NPS benchmark ======================================= */

static const char *const vendor_types[] = {
    "Cloud platform", "Enterprise software", "Hardware", "IT services", "Security",
};
enum { CLOUD, SOFTWARE, HARDWARE, SERVICES, SECURITY };

static const char *const roles[] = {"decision maker", "influencer", "end user", "economic buyer"};
enum { DM, INFLUENCER, END_USER, BUYER };

/* Latent ("true") NPS and number of ratings per year; n = 0: not rated
 * that year.  Invented names; any likeness to a real vendor is accidental.
 * The big year-over-year moves (Blue Yonder, Proseware, Consolidated,
 * Corvane, Brambleton, Thornbury) are the stories a benchmark reports. */
typedef struct vendor {
    const char *name;
    int type;
    int nps16, nps15;
    int n16, n15;
} vendor;

static const vendor vendors[] = {
    {"Northwind Cloud", CLOUD, 47, 44, 57, 51},
    {"Contoso Cloud Services", CLOUD, 40, 35, 58, 52},
    {"Relecloud", CLOUD, 56, 49, 50, 46},
    {"Alpine Compute", CLOUD, 33, 36, 48, 45},
    {"Blue Yonder Cloud", CLOUD, 16, 51, 55, 50},
    {"Coho Hosting", CLOUD, 17, 13, 44, 45},
    {"Lamna Cloud", CLOUD, 59, 55, 31, 24},
    {"Wide World Compute", CLOUD, 11, 16, 46, 43},
    {"Proseware Cloud", CLOUD, 45, 13, 55, 50},
    {"Trey Cloud Platform", CLOUD, 28, 28, 45, 45},
    {"Southridge Compute", CLOUD, 34, 0, 46, 0},
    {"VanArsdel Cloud", CLOUD, 6, 10, 43, 43},

    {"Fabrikam Software", SOFTWARE, 43, 41, 56, 50},
    {"Litware", SOFTWARE, 30, 25, 52, 48},
    {"Adatum Analytics", SOFTWARE, 36, 39, 47, 44},
    {"Tailspin ERP", SOFTWARE, 8, 3, 49, 46},
    {"Woodgrove CRM", SOFTWARE, 26, 31, 50, 47},
    {"Lucerne Systems", SOFTWARE, 19, 17, 45, 44},
    {"Humongous Software", SOFTWARE, -12, -5, 48, 46},
    {"Graphic Design Apps", SOFTWARE, 52, 50, 36, 30},
    {"Margie's Analytics", SOFTWARE, 45, 40, 44, 44},
    {"Fourth Coffee Software", SOFTWARE, 23, 27, 46, 43},
    {"Bellows Business Systems", SOFTWARE, 14, 18, 43, 44},
    {"Munson's Workplace", SOFTWARE, 31, 29, 45, 44},
    {"Consolidated Apps", SOFTWARE, 2, -17, 52, 47},
    {"Wingtip Collaboration", SOFTWARE, 49, 46, 51, 47},
    {"Nod Software", SOFTWARE, 27, 0, 38, 0},
    {"Lakeshore ERP", SOFTWARE, 0, 20, 0, 45},

    {"Ironbark Storage", HARDWARE, 24, 27, 50, 46},
    {"Larkspur Networks", HARDWARE, 35, 31, 51, 47},
    {"Halvorsen Computing", HARDWARE, 15, 19, 53, 49},
    {"Brightwater Devices", HARDWARE, 41, 38, 48, 46},
    {"Quillon Servers", HARDWARE, 9, 12, 43, 44},
    {"Meridale Printing Systems", HARDWARE, -15, -9, 47, 45},
    {"Vantrell Networks", HARDWARE, 29, 33, 45, 44},
    {"Corvane Storage", HARDWARE, 20, 40, 50, 47},
    {"Tessaly Devices", HARDWARE, 4, 8, 22, 18},
    {"Stonegate Hardware", HARDWARE, 12, 7, 44, 43},
    {"Ashbury Computing", HARDWARE, 0, -2, 0, 44},
    {"Wrenfield Mobile", HARDWARE, 37, 0, 44, 0},

    {"Kestrel Consulting", SERVICES, 44, 42, 45, 44},
    {"Greyhawk Technology Services", SERVICES, 18, 22, 51, 47},
    {"Novarra Digital", SERVICES, 51, 44, 44, 43},
    {"Fennick Solutions", SERVICES, 26, 23, 47, 44},
    {"Dunmore IT", SERVICES, -4, 1, 44, 43},
    {"Ellory Partners", SERVICES, 39, 41, 43, 44},
    {"Corwith Managed Services", SERVICES, 22, 20, 48, 45},
    {"Yarrowby Consulting", SERVICES, 33, 28, 45, 44},
    {"Brambleton Digital", SERVICES, 46, 20, 55, 50},
    {"Galloway Outsourcing", SERVICES, -9, -6, 48, 46},
    {"Quarrow Technology Group", SERVICES, 30, 34, 34, 29},
    {"Tamsin Global Services", SERVICES, 16, 12, 46, 44},

    {"Velora Security", SECURITY, 57, 53, 52, 48},
    {"Zelvin Identity", SECURITY, 58, 52, 27, 21},
    {"Orrin Shield", SECURITY, 34, 37, 48, 45},
    {"Cinderpeak Security", SECURITY, 45, 41, 45, 44},
    {"Ashgrove Defense", SECURITY, 25, 22, 44, 43},
    {"Haldane Security", SECURITY, 13, 17, 46, 44},
    {"Brackwater Identity", SECURITY, 38, 35, 43, 44},
    {"Kellan Threat Labs", SECURITY, 48, 55, 44, 38},
    {"Rookwood Security", SECURITY, 21, 24, 48, 46},
    {"Thornbury Cyber", SECURITY, 30, 10, 48, 46},
    {"Oakhurst Encryption", SECURITY, 42, 46, 35, 30},
    {"Marlow Endpoint", SECURITY, 7, 4, 45, 44},
};
#define NVENDORS ((int)COUNT(vendors))

static const char *const industries[] = {
    "Financial services", "Healthcare", "Manufacturing", "Retail", "Public sector",
    "Technology", "Telecommunications", "Energy & utilities", "Education",
    "Professional services", "Other",
};
static const int industry_w[] = {16, 10, 14, 9, 8, 13, 6, 6, 5, 9, 4};

static const char *const sizes[] = {
    "100-499", "500-999", "1,000-4,999", "5,000-9,999", "10,000 or more",
};
static const int size_w[] = {22, 18, 28, 14, 18};
static const int size_factor[] = {128, 112, 96, 86, 74};  /* weight, percent */

static const char *const regions[] = {
    "North America", "Europe", "Asia Pacific", "Latin America",
};
static const int region_w[] = {46, 30, 16, 8};
static const int region_factor[] = {90, 104, 118, 126};

typedef struct respondent {
    int role, industry, size, region, weight, lean;
} respondent;

/* 0–10 answer for a vendor whose NPS (with this respondent's lean) is lat:
 * detractors 30 − 0.4·lat %, promoters 30 + 0.6·lat %, so the expected
 * NPS is lat and the passives thin out as a vendor gets loved or hated.
 * u (0..999) picks the group; it is stratified over a vendor's raters
 * (see gen_nps_year), so the observed NPS lands near lat and the
 * year-over-year changes are the designed ones, not sampling luck. */
static int draw_recommend(rng *r, int lat, int u)
{
    static const int detractor_w[] = {4, 2, 4, 7, 10, 28, 45};  /* 0..6 */
    int d = clamp(300 - 4 * lat, 15, 700), p = clamp(300 + 6 * lat, 20, 900);
    if (u < d)
        return pick_weighted(r, detractor_w, (int)COUNT(detractor_w));
    if (u < 1000 - p)
        return chance(r, 550) ? 8 : 7;
    return chance(r, clamp(450 + 3 * lat, 250, 750)) ? 10 : 9;
}

static int gen_nps_year(const char *dir, int year)
{
    bool y16 = year == 2016;
    rng r = {y16 ? 0x2016A5u : 0x2015A5u};
    int nresp = y16 ? 812 : 768;
    int rc = 1;
    respondent *resp = calloc((size_t)nresp, sizeof *resp);
    short *rated = malloc((size_t)nresp * NVENDORS * sizeof *rated);  /* u, or -1 */
    int *order = malloc((size_t)nresp * sizeof *order);
    char path[1024];
    FILE *f = NULL;
    if (!resp || !rated || !order)
        goto done;
    for (size_t i = 0; i < (size_t)nresp * NVENDORS; i++)
        rated[i] = -1;

    /* Vendor effects that persist across years: purchase momentum beyond
     * what the NPS predicts (a vendor can be liked and still be cut), and
     * forgiveness.  Their own stream, so both years see the same values. */
    int momentum[NVENDORS], forgiveness[NVENDORS];
    rng rv = {0x7EC4u};
    for (int v = 0; v < NVENDORS; v++) {
        momentum[v] = noise(&rv, 14);
        forgiveness[v] = noise(&rv, 20);
    }

    static const int role_w[] = {52, 36, 6, 6};
    for (int i = 0; i < nresp; i++) {
        respondent *p = &resp[i];
        p->role = pick_weighted(&r, role_w, 4);
        p->industry = pick_weighted(&r, industry_w, (int)COUNT(industry_w));
        p->size = chance(&r, 12) ? -1 : pick_weighted(&r, size_w, (int)COUNT(size_w));
        p->region = pick_weighted(&r, region_w, (int)COUNT(region_w));
        int sf = p->size < 0 ? 100 : size_factor[p->size];
        int w = sf * region_factor[p->region] * between(&r, 92, 108) / 10000;
        p->weight = clamp(w, 60, 180);
        p->lean = noise(&r, 6);  /* some people rate everything higher */
        order[i] = i;
    }

    /* Each vendor is rated by n distinct respondents (its customers), in
     * random order; the k-th gets u in the k-th of n equal slices of
     * 0..999, so the promoter and detractor counts follow the latent
     * shares closely (stratified sampling). */
    int nrows = 0, nvend = 0;
    const char *names[NVENDORS];
    for (int v = 0; v < NVENDORS; v++) {
        int n = y16 ? vendors[v].n16 : vendors[v].n15;
        if (!n)
            continue;
        names[nvend++] = vendors[v].name;
        for (int k = 0; k < n; k++) {
            int j = k + below(&r, nresp - k), t = order[k];
            order[k] = order[j];
            order[j] = t;
            rated[(size_t)order[k] * NVENDORS + (size_t)v] =
                (short)((k * 1000 + below(&r, 1000)) / n);
        }
        nrows += n;
    }
    int active = 0;
    for (int i = 0; i < nresp; i++)
        for (int v = 0; v < NVENDORS; v++)
            if (rated[(size_t)i * NVENDORS + (size_t)v] >= 0) {
                active++;
                break;
            }
    qsort(names, (size_t)nvend, sizeof *names, cmp_str);

    f = open_out(dir, "nps_benchmark", y16 ? "survey_2016.json" : "survey_2015.json", path,
                 sizeof path);
    if (!f)
        goto done;
    char id[32], title[96], pop[512], na[16], nr[16];
    snprintf(id, sizeof id, "tech-vendor-nps-%d", year);
    snprintf(title, sizeof title, "Technology Vendor NPS Benchmark %d", year);
    grouped(active, na, sizeof na);
    grouped(nrows, nr, sizeof nr);
    snprintf(pop, sizeof pop,
             "IT decision makers and influencers at organisations with 100 or more employees "
             "in North America, Europe, Asia Pacific and Latin America: %s respondents gave "
             "%s ratings of the %d vendors they buy from",
             na, nr, nvend);
    survey_begin(f, id, title, year, y16 ? "2016-05-16" : "2015-05-11", pop, "weight");

    static const char *const l_rec[] = {"0", "Not at all likely", "10", "Extremely likely", NULL};
    static const char *const l_buy[] = {"1", "Spend much less", "3", "Spend about the same", "5",
                                        "Spend much more", NULL};
    static const char *const l_7[] = {"1", "Not at all likely", "7", "Extremely likely", NULL};
    meta m = {f, true};
    q_text(&m, "id", "Response ID");
    q_category(&m, "vendor", "Vendor rated", names, (size_t)nvend, NULL);
    q_category(&m, "vendor_type", "Vendor category", vendor_types, COUNT(vendor_types), NULL);
    q_category(&m, "role", "Your role in decisions about this vendor's products and services",
               roles, COUNT(roles), NULL);
    q_category(&m, "industry", "Industry of your organisation", industries, COUNT(industries),
               NULL);
    q_category(&m, "company_size", "Number of employees in your organisation", sizes,
               COUNT(sizes), "Don't know");
    q_category(&m, "region", "Region where you are based", regions, COUNT(regions), NULL);
    q_scale(&m, "recommend",
            "How likely is it that you would recommend this vendor to a friend or colleague?", 0,
            10, l_rec, 0);
    q_scale(&m, "purchase",
            "Over the next 12 months, how will your organisation's spending with this vendor "
            "change?", 1, 5, l_buy, 0);
    q_scale(&m, "forgive",
            "If this vendor delivered a bad experience, how likely is it that you would forgive "
            "it?", 1, 7, l_7, 0);
    q_scale(&m, "try_new",
            "How likely are you to try a new product or service from this vendor when it "
            "becomes available?", 1, 7, l_7, 99);
    q_number(&m, "weight", "Survey weight (company size by region)");
    responses_begin(f);

    static const int role_shift[] = {3, 0, -8, 2};
    int seq = 0;
    for (int i = 0; i < nresp; i++) {
        const respondent *p = &resp[i];
        for (int v = 0; v < NVENDORS; v++) {
            int u = rated[(size_t)i * NVENDORS + (size_t)v];
            if (u < 0)
                continue;
            const vendor *vd = &vendors[v];
            /* Mostly the same role for every vendor one person rates. */
            int role = chance(&r, 800) ? p->role : pick_weighted(&r, role_w, 4);
            int lat = (y16 ? vd->nps16 : vd->nps15) + p->lean + role_shift[role];
            int rec = draw_recommend(&r, lat, u);
            int buy = to_scale(305 + 45 * (rec - 7) + momentum[v] + noise(&r, 85), 1, 5);
            int fgv = to_scale(470 + 62 * (rec - 7) + forgiveness[v] + noise(&r, 105), 1, 7);
            int tnw = to_scale(430 + 48 * (rec - 7) + noise(&r, 115), 1, 7);
            if (chance(&r, 50))
                tnw = 99;
            /* Skipped answers, each about 1.5 %. */
            if (chance(&r, 15))
                rec = NA;
            if (chance(&r, 15))
                buy = NA;
            if (chance(&r, 15))
                fgv = NA;
            if (chance(&r, 15))
                tnw = NA;

            char rid[16];
            snprintf(rid, sizeof rid, "R%05d", ++seq);
            row w = row_begin(f, seq == 1);
            row_str(&w, "id", rid);
            row_str(&w, "vendor", vd->name);
            row_str(&w, "vendor_type", vendor_types[vd->type]);
            row_str(&w, "role", roles[role]);
            row_str(&w, "industry", industries[p->industry]);
            row_str(&w, "company_size", p->size < 0 ? "Don't know" : sizes[p->size]);
            row_str(&w, "region", regions[p->region]);
            row_int(&w, "recommend", rec);
            row_int(&w, "purchase", buy);
            row_int(&w, "forgive", fgv);
            row_int(&w, "try_new", tnw);
            row_centi(&w, "weight", p->weight);
            row_end(&w);
        }
    }
    responses_end(f);
    rc = close_out(f, path);
    f = NULL;
done:
    if (f)
        fclose(f);
    if (!resp || !rated || !order)
        fprintf(stderr, "gen_fixtures: out of memory\n");
    free(resp);
    free(rated);
    free(order);
    return rc;
}

/* ==== 2 and 3. Maturity assessments ====================================== */

/* Invented organisation names: a stem and an industry word. */
static const char *const stems[] = {
    "Ashford", "Bayview", "Bramwell", "Caldera", "Cedarline", "Clearwater", "Copperfield",
    "Crestview", "Eastgate", "Elmstead", "Fairhaven", "Foxglove", "Glenmore", "Granite Peak",
    "Harborside", "Hawthorne", "Highmoor", "Kingsbridge", "Lakeview", "Larchmont", "Maplewood",
    "Millbrook", "Northgate", "Oakridge", "Pinecrest", "Redwater", "Riverbend", "Rosewood",
    "Saltmarsh", "Silverbrook", "Stillwater", "Summit Ridge", "Thistle", "Westbrook", "Whitford",
    "Willowmere", "Windmere", "Amberly", "Blackridge", "Drakefield", "Fenmore", "Goldcrest",
    "Ironwood", "Moorfield", "Norhaven", "Pemberton", "Quailwood", "Ravenscroft", "Sandalwood",
    "Thornfield", "Ashcombe", "Brightmoor", "Coldstream", "Adatum", "Alpine", "Blue Yonder",
    "Coho", "Fabrikam", "Humongous", "Litware", "Lucerne", "Proseware", "Southridge",
    "Tailspin", "Wide World", "Wingtip", "Woodgrove", "Trey", "Lamna", "VanArsdel",
};

#define MAXITEMS 30

typedef struct dimension {
    const char *id;
    int offset;                 /* score points against the organisation's level */
    const char *items[5];       /* item wording */
} dimension;

/* One organisation's latent dimension scores (0..100) -> its answers.
 * Items differ a little in difficulty, as real items do. */
static void draw_items(rng *r, const int *score, int ndims, int *ans)
{
    static const int item_off[5] = {15, 0, -10, 5, -10};
    for (int d = 0; d < ndims; d++)
        for (int k = 0; k < 5; k++)
            ans[d * 5 + k] = to_scale(100 + 4 * score[d] + item_off[k] + noise(r, 70), 1, 5);
}

/* A unique "Stem Word" name (the taken ones are names[0..n-1]). */
static void org_name(rng *r, const char *const *words, int nwords, char (*names)[64], int n)
{
    for (;;) {
        /* Two statements: the order of evaluation of arguments is
         * unspecified, and the draws must happen in a fixed order. */
        const char *stem = stems[below(r, (int)COUNT(stems))];
        const char *word = words[below(r, nwords)];
        snprintf(names[n], sizeof names[n], "%s %s", stem, word);
        bool taken = false;
        for (int i = 0; i < n && !taken; i++)
            taken = strcmp(names[i], names[n]) == 0;
        if (!taken)
            return;
    }
}

static const char *const agree_labels[] = {
    "1", "Strongly disagree", "2", "Disagree", "3", "Neither agree nor disagree",
    "4", "Agree", "5", "Strongly agree", NULL,
};

static void item_questions(meta *m, const dimension *dims, int ndims)
{
    for (int d = 0; d < ndims; d++)
        for (int k = 0; k < 5; k++) {
            char qid[32];
            snprintf(qid, sizeof qid, "%s_%d", dims[d].id, k + 1);
            q_scale(m, qid, dims[d].items[k], 1, 5, agree_labels, 0);
        }
}

static void item_fields(row *w, const dimension *dims, int ndims, const int *ans)
{
    for (int d = 0; d < ndims; d++)
        for (int k = 0; k < 5; k++) {
            char qid[32];
            snprintf(qid, sizeof qid, "%s_%d", dims[d].id, k + 1);
            row_int(w, qid, ans[d * 5 + k]);
        }
}

/* Item non-response: each item skipped with probability per_mille, and
 * in `gaps` organisations (never the first) one dimension left almost
 * blank, so its score is undefined (fewer than half answered). */
static void blank_items(rng *r, int (*ans)[MAXITEMS], int norgs, int ndims, int per_mille,
                        int gaps)
{
    for (int o = 1; o < norgs; o++)
        for (int i = 0; i < ndims * 5; i++)
            if (chance(r, per_mille))
                ans[o][i] = NA;
    int done[8] = {0};
    for (int g = 0; g < gaps && g < 8; g++) {
        int o;
        bool again;
        do {
            o = between(r, 1, norgs - 1);
            again = false;
            for (int j = 0; j < g; j++)
                again = again || done[j] == o;
        } while (again);
        done[g] = o;
        int d = below(r, ndims);
        int keep = chance(r, 500) ? below(r, 5) : -1;
        for (int k = 0; k < 5; k++)
            if (k != keep)
                ans[o][d * 5 + k] = NA;
    }
}

static const dimension cx_dims[] = {
    {"pl", 3, {
        "Our senior executives regularly discuss the customer experience and its results.",
        "Leaders consider the impact on customers when they make decisions.",
        "Our executives behave in ways that reinforce the customer experience we want to deliver.",
        "We have a clear, shared vision of the customer experience we are trying to deliver.",
        "Customer experience goals are part of our strategic plan and our budget.",
    }},
    {"cbv", 1, {
        "Our brand promise is clearly defined and understood by employees.",
        "We design customer interactions to reflect our brand values.",
        "Our brand values guide everyday decisions, not just marketing.",
        "Customers can tell what makes us different from our competitors.",
        "New products and services are checked against our brand values before launch.",
    }},
    {"ee", -8, {
        "We regularly measure employee engagement and act on the results.",
        "Employees understand how their work affects customers.",
        "We hire people whose values fit the customer experience we want to deliver.",
        "Employees are recognised and rewarded for improving the customer experience.",
        "Front-line employees have the authority and the tools to resolve customer issues.",
    }},
    {"cc", 4, {
        "We collect feedback from customers across their whole journey.",
        "Customer insights are shared with employees across the organisation.",
        "We regularly identify and fix the root causes of customer problems.",
        "We track the customer experience with metrics tied to business results.",
        "We get back to customers who give us feedback.",
    }},
};

typedef struct cx_industry {
    const char *name;
    const char *words[4];
    int seg_w[3];   /* B2B, B2C, B2B2C */
    int w;
} cx_industry;

static const cx_industry cx_industries[] = {
    {"Financial services", {"Bank", "Financial", "Capital", "Credit Union"}, {15, 60, 25}, 16},
    {"Insurance", {"Insurance", "Mutual", "Assurance", "Life"}, {15, 55, 30}, 9},
    {"Healthcare", {"Health", "Medical Group", "Clinics", "Care"}, {10, 70, 20}, 9},
    {"Pharmaceuticals", {"Pharmaceuticals", "Biosciences", "Laboratories", "Therapeutics"},
     {35, 10, 55}, 6},
    {"Retail", {"Stores", "Retail", "Outfitters", "Market"}, {5, 90, 5}, 12},
    {"Manufacturing", {"Industries", "Manufacturing", "Components", "Motors"}, {80, 5, 15}, 12},
    {"Technology", {"Software", "Technologies", "Systems", "Digital"}, {70, 15, 15}, 12},
    {"Telecommunications", {"Telecom", "Mobile", "Communications", "Networks"}, {25, 55, 20}, 7},
    {"Utilities", {"Energy", "Power", "Water", "Utilities"}, {20, 70, 10}, 6},
    {"Travel & hospitality", {"Airlines", "Hotels", "Travel", "Resorts"}, {10, 80, 10}, 6},
    {"Logistics", {"Logistics", "Freight", "Shipping", "Transport"}, {80, 10, 10}, 5},
};

static const char *const segments[] = {"B2B", "B2C", "B2B2C"};
static const char *const revenue_bands[] = {
    "Under $100M", "$100M-$499M", "$500M-$999M", "$1B-$4.9B", "$5B or more",
};

static int gen_cx(const char *dir)
{
    enum { NORGS = 150, NDIMS = 4 };
    rng r = {0xC0C0A5u};
    char names[NORGS][64];
    int ans[NORGS][MAXITEMS];
    int seg[NORGS], ind[NORGS], band[NORGS];
    char path[1024];

    /* The known client: mid-level (Mobilize), strong on Customer
     * Connectedness, weak on Employee Engagement; one item skipped. */
    static const int contoso[20] = {3, 3, 4, 3, 3, 3, 3, 3, 2, NA, 2, 1, 2, 2, 3, 4, 4, 4, 3, 4};
    snprintf(names[0], sizeof names[0], "Contoso Pharmaceuticals");
    seg[0] = 2;
    ind[0] = 3;
    band[0] = 3;
    memcpy(ans[0], contoso, sizeof contoso);

    int ind_w[COUNT(cx_industries)];
    for (size_t i = 0; i < COUNT(cx_industries); i++)
        ind_w[i] = cx_industries[i].w;
    static const int band_w[] = {10, 22, 20, 28, 20};
    for (int o = 1; o < NORGS; o++) {
        ind[o] = pick_weighted(&r, ind_w, (int)COUNT(ind_w));
        const cx_industry *in = &cx_industries[ind[o]];
        seg[o] = pick_weighted(&r, in->seg_w, 3);
        band[o] = chance(&r, 30) ? -1 : pick_weighted(&r, band_w, 5);
        org_name(&r, in->words, 4, names, o);
        /* Bigger firms are a little further along; B2C firms listen to
         * customers more, B2B firms lean on their brand less. */
        int level = 45 + 2 * (band[o] < 0 ? 2 : band[o]) + noise(&r, 14);
        int score[NDIMS];
        for (int d = 0; d < NDIMS; d++)
            score[d] = level + cx_dims[d].offset + noise(&r, 8);
        if (seg[o] == 1)
            score[3] += 4;
        if (seg[o] == 0)
            score[1] -= 4;
        draw_items(&r, score, NDIMS, ans[o]);
    }
    blank_items(&r, ans, NORGS, NDIMS, 20, 3);

    FILE *f = open_out(dir, "cx_assessment", "assessment.json", path, sizeof path);
    if (!f)
        return 1;
    survey_begin(f, "cx-competency-2016", "Customer Experience Competency Assessment 2016", 2016,
                 "2016-09-30",
                 "Customer experience leaders at 150 organisations with revenue of $50M or more, "
                 "one self-assessment per organisation",
                 NULL);
    meta m = {f, true};
    const char *ind_names[COUNT(cx_industries)];
    for (size_t i = 0; i < COUNT(cx_industries); i++)
        ind_names[i] = cx_industries[i].name;
    q_text(&m, "id", "Assessment ID");
    q_category(&m, "account", "Organisation", NULL, 0, NULL);
    q_category(&m, "segment", "Main type of customer", segments, COUNT(segments), NULL);
    q_category(&m, "industry", "Industry", ind_names, COUNT(ind_names), NULL);
    q_category(&m, "revenue_band", "Annual revenue", revenue_bands, COUNT(revenue_bands),
               "Prefer not to say");
    item_questions(&m, cx_dims, NDIMS);
    responses_begin(f);
    for (int o = 0; o < NORGS; o++) {
        char id[16];
        snprintf(id, sizeof id, "CX%03d", o + 1);
        row w = row_begin(f, o == 0);
        row_str(&w, "id", id);
        row_str(&w, "account", names[o]);
        row_str(&w, "segment", segments[seg[o]]);
        row_str(&w, "industry", cx_industries[ind[o]].name);
        row_str(&w, "revenue_band", band[o] < 0 ? "Prefer not to say" : revenue_bands[band[o]]);
        item_fields(&w, cx_dims, NDIMS, ans[o]);
        row_end(&w);
    }
    responses_end(f);
    return close_out(f, path);
}

static const dimension voc_dims[] = {
    {"detect", 11, {
        "We collect feedback at the key moments of the customer journey.",
        "We hear from all of our important customer segments.",
        "We capture unstructured feedback (comments, calls, social media), not just scores.",
        "Our feedback questions are short, relevant and reviewed regularly.",
        "We combine feedback with operational and customer data.",
    }},
    {"disseminate", 3, {
        "Feedback reaches the people who can act on it within days.",
        "Front-line managers get feedback about their own teams.",
        "Reports are tailored to the needs of each audience.",
        "Senior executives review customer feedback regularly.",
        "Employees can read customer comments directly.",
    }},
    {"diagnose", -1, {
        "We analyse feedback to find the root causes of problems.",
        "We use text analytics to find the themes in customer comments.",
        "We know which parts of the experience drive loyalty.",
        "We link feedback to financial outcomes such as retention and spend.",
        "We have analysts dedicated to customer insight.",
    }},
    {"discuss", -3, {
        "Teams from different functions meet to discuss customer insights.",
        "Customer insights are on the agenda of regular management meetings.",
        "Front-line employees take part in discussing feedback.",
        "We share customer stories to build empathy across the organisation.",
        "We agree owners and priorities for the issues customers raise.",
    }},
    {"design", -5, {
        "We use customer insight to decide which improvements to make.",
        "We involve customers when we design new experiences.",
        "We use journey maps and prototypes to design improvements.",
        "Improvement ideas are tested with customers before they are rolled out.",
        "We prioritise improvements by their impact on customers and the business.",
    }},
    {"deploy", -8, {
        "Improvements based on feedback are put in place quickly.",
        "We close the loop with individual customers who report problems.",
        "We tell customers and employees what we changed because of their feedback.",
        "We measure whether changes improved the experience.",
        "Managers are held accountable for acting on feedback.",
    }},
};

static int gen_voc(const char *dir)
{
    enum { NORGS = 150, NDIMS = 6 };
    rng r = {0x60C5A5u};
    char names[NORGS][64];
    int ans[NORGS][MAXITEMS];
    int seg[NORGS];
    char path[1024];
    static const char *const b2b_words[] = {
        "Logistics", "Industries", "Components", "Freight", "Engineering", "Chemicals",
        "Supply", "Technologies", "Software", "Machinery", "Packaging", "Wholesale",
    };
    static const char *const b2c_words[] = {
        "Bank", "Insurance", "Stores", "Telecom", "Hotels", "Airlines", "Energy", "Foods",
        "Fashion", "Mobile", "Health", "Travel",
    };

    /* The known client: an Analyzer that collects well (Detect) and acts
     * badly (Deploy). */
    static const int northwind[30] = {4, 4, 3, 4, 4, 3, 3, 3, 2, 3, 3, 2, 3, 3, 2,
                                      3, 3, 4, 3, 3, 2, 3, 2, 2, 3, 2, 2, 1, 2, 2};
    snprintf(names[0], sizeof names[0], "Northwind Traders");
    seg[0] = 0;
    memcpy(ans[0], northwind, sizeof northwind);

    for (int o = 1; o < NORGS; o++) {
        seg[o] = chance(&r, 550) ? 0 : 1;
        if (seg[o] == 0)
            org_name(&r, b2b_words, (int)COUNT(b2b_words), names, o);
        else
            org_name(&r, b2c_words, (int)COUNT(b2c_words), names, o);
        /* A few programs (3.5 %) are far ahead of the pack: the thin
         * Transformer tail of the published distribution. */
        int level = 40 + noise(&r, 15);
        if (chance(&r, 35))
            level += 20;
        int score[NDIMS];
        for (int d = 0; d < NDIMS; d++)
            score[d] = level + voc_dims[d].offset + noise(&r, 8);
        /* Consumer brands run more surveys; B2B firms talk more. */
        score[0] += seg[o] == 1 ? 6 : -4;
        score[3] += seg[o] == 0 ? 4 : -3;
        draw_items(&r, score, NDIMS, ans[o]);
    }
    blank_items(&r, ans, NORGS, NDIMS, 10, 0);

    FILE *f = open_out(dir, "voc_assessment", "assessment.json", path, sizeof path);
    if (!f)
        return 1;
    survey_begin(f, "voc-program-2016", "Voice of the Customer Program Assessment 2016", 2016,
                 "2016-10-14",
                 "Leaders of voice of the customer programs at 150 organisations, "
                 "one self-assessment per organisation",
                 NULL);
    meta m = {f, true};
    q_text(&m, "id", "Assessment ID");
    q_category(&m, "account", "Organisation", NULL, 0, NULL);
    q_category(&m, "segment", "Main type of customer", segments, 2, NULL);
    item_questions(&m, voc_dims, NDIMS);
    responses_begin(f);
    for (int o = 0; o < NORGS; o++) {
        char id[16];
        snprintf(id, sizeof id, "VOC%03d", o + 1);
        row w = row_begin(f, o == 0);
        row_str(&w, "id", id);
        row_str(&w, "account", names[o]);
        row_str(&w, "segment", segments[seg[o]]);
        item_fields(&w, voc_dims, NDIMS, ans[o]);
        row_end(&w);
    }
    responses_end(f);
    return close_out(f, path);
}

/* ==== 4. B2B account review ============================================== */

enum { EN, DE, FR, ES, JA, NLANG };
enum { STRATEGIC, KEY, GROWTH };
static const char *const tiers[] = {"Strategic", "Key", "Growth"};

/* in16/in15: surveyed that year.  split: the decision makers are
 * promoters while the end users are detractors (the disagreement an
 * account review exists to catch). */
typedef struct account {
    const char *name;
    int tier, lang;
    bool in16, in15, split;
} account;

static const account accounts[] = {
    {"Fabrikam Residences", STRATEGIC, EN, true, true, true},
    {"Woodgrove Bank", STRATEGIC, EN, true, true, false},
    {"Lucerne Publishing", KEY, DE, true, true, false},
    {"Coho Winery", GROWTH, EN, true, true, false},
    {"Adatum Insurance", STRATEGIC, EN, true, true, false},
    {"Tailspin Logistics", KEY, EN, true, true, false},
    {"Litware Health", KEY, EN, true, true, false},
    {"Proseware Hotels", GROWTH, FR, true, true, false},
    {"Wingtip Retail", KEY, EN, true, true, false},
    {"Blue Yonder Airlines", STRATEGIC, EN, true, true, true},
    {"Humongous Motors", KEY, DE, true, true, true},
    {"Wide World Importers", KEY, EN, true, true, false},
    {"Southridge Energy", GROWTH, EN, true, true, false},
    {"Trey Research Labs", GROWTH, EN, true, true, false},
    {"Margie's Travel", GROWTH, EN, true, true, false},
    {"Relecloud Media", KEY, EN, true, true, false},
    {"Lamna Healthcare", STRATEGIC, EN, true, true, false},
    {"Munson's Foods", GROWTH, EN, true, true, false},
    {"Bellows College", GROWTH, EN, true, true, false},
    {"Consolidated Messenger", KEY, EN, true, true, false},
    {"Graphic Design Institute", GROWTH, EN, true, true, false},
    {"VanArsdel Manufacturing", KEY, DE, true, true, false},
    {"Nod Publishers", GROWTH, FR, true, true, false},
    {"Kingsbridge Utilities", KEY, EN, true, true, false},
    {"Clearwater Property Group", STRATEGIC, EN, true, true, false},
    {"Harborside Logistica", GROWTH, ES, true, true, false},
    {"Maplewood Financial", KEY, EN, true, true, false},
    {"Granite Peak Minera", GROWTH, ES, true, true, false},
    {"Riverbend Hospitals", KEY, EN, true, true, true},
    {"Stillwater Alimentaire", GROWTH, FR, true, true, false},
    {"Hawthorne Telecom", KEY, EN, true, true, false},
    {"Cedarline Insurance", GROWTH, EN, true, true, false},
    {"Eastgate Maschinenbau", KEY, DE, true, true, false},
    {"Norhaven Shipping", KEY, EN, true, true, false},
    {"Ravenscroft Bank", KEY, EN, true, true, false},
    {"Kaede Electronics", KEY, JA, true, true, false},
    {"Copperfield Retail", GROWTH, EN, true, false, false},
    {"Pinecrest Dental Group", GROWTH, EN, true, false, false},
    {"Valmoro Construcciones", GROWTH, ES, true, false, false},
    {"Minato Precision", GROWTH, JA, true, false, false},
    {"Larchmont Schools", GROWTH, EN, false, true, false},
    {"Delacroix Distribution", GROWTH, FR, false, true, false},
};
#define NACCOUNTS ((int)COUNT(accounts))

/* Verbatims by sentiment (promoter, passive, detractor); English ones also
 * by audience (management roles, end users).  NULL ends a list. */
#define POOL 20
static const char *const en_pool[2][3][POOL] = {
    {
        {"A reliable partner. The account team understands our business and anticipates what "
         "we need.",
         "The quarterly business reviews are genuinely useful; we leave with clear actions.",
         "Rollout to our second region went to plan and on budget.",
         "Strong roadmap, and they listen when we push back.",
         "Pricing is fair for the value we get, and the contract terms were flexible.",
         "Our executive sponsor is responsive and escalations get resolved quickly.",
         "Best supplier we work with in this category. We have recommended you twice this year.",
         "The migration was handled professionally, with no disruption to our customers.",
         "You helped us build the business case internally. That is a real partnership.",
         "The implementation consultants were excellent and knew our industry.",
         "We renewed early because the platform has become central to how we operate.",
         "Clear monthly reporting on service levels. No surprises.",
         "Your team treats our deadlines as if they were their own.",
         "The new analytics module gave our board exactly the view it wanted.",
         "Straightforward to do business with, from contract to invoice.",
         "We appreciate the proactive advice on licensing; it saved us money.",
         "The steering committee meetings are well prepared and to the point.",
         "Consistently good delivery across all our sites.", NULL},
        {"Solid product, but the price increase at renewal was hard to justify internally.",
         "Good service overall; reporting could be more flexible.",
         "The account team changed twice in twelve months, which cost us time.",
         "Delivery is dependable, but innovation has slowed compared to competitors.",
         "We are satisfied, though invoicing errors keep coming back.",
         "Meets our needs today. Not sure it will scale with our growth plans.",
         "Responsive team, but the roadmap commitments keep slipping.",
         "Fine for the core use case; the integration with our ERP needs work.",
         "Contract negotiations were tougher than they needed to be.",
         "Value for money is acceptable, not outstanding.",
         "The product is good; the professional services are expensive.",
         "We would like more say in the roadmap as one of your larger clients.",
         "Support is fine, but escalations depend too much on one person.",
         "Good people, but too many handovers between teams.",
         "The upgrade went well, although it needed more of our time than planned.",
         "Please simplify the licensing model; nobody here understands it.",
         "Reliable, but we rarely hear about new capabilities unless we ask.",
         "We need better visibility of open tickets and their status.", NULL},
        {"Too many escalations this year. We are reviewing alternatives before the renewal.",
         "The implementation ran four months late and over budget.",
         "Our account manager does not understand our business.",
         "Service levels were missed in three of the last six months.",
         "Prices keep going up while the quality of support goes down.",
         "We were promised features during the sale that still do not exist.",
         "Hard to get a straight answer from anyone above first-line support.",
         "The outage in March affected our customers, and the communication was poor.",
         "Invoices are wrong almost every quarter and take months to correct.",
         "We have raised the same issues at three reviews without progress.",
         "The project manager was replaced mid-project and knowledge was lost.",
         "Security questionnaires take weeks to come back.",
         "Renewal terms were presented as take it or leave it.",
         "Reporting does not meet our regulatory needs and workarounds are costly.",
         "We feel like a small client even though we are not.", NULL},
    },
    {
        {"Easy to use and fast. I rarely need to call support.",
         "Support response times have improved a lot this year.",
         "The new dashboard saves me an hour every week.",
         "Training sessions were practical and the help articles are good.",
         "Works well on mobile, which matters for our field staff.",
         "When something breaks, the support team fixes it the same day.",
         "Setting up new users is simple now that single sign-on works.",
         "I like the recent updates, especially bulk editing.",
         "Very stable. We have had almost no downtime.",
         "The chat support is friendly and actually solves the problem.",
         "The search finally works the way I expect.",
         "Much quicker than the system we had before.",
         "Good onboarding videos; new colleagues got started on their own.",
         "The integration with our calendar is a big time saver.",
         "Small fixes arrive quickly after we report them.",
         "The offline mode is great for site visits.",
         "I can build my own reports without asking IT.",
         "Clear screens and sensible defaults.", NULL},
        {"Support response times have improved, but onboarding new users is still painful.",
         "It does the job, but the interface feels dated.",
         "Mostly fine. Search is slow when there are a lot of records.",
         "Good when it works; the monthly releases sometimes break our reports.",
         "OK overall. I would like better exports to Excel.",
         "The mobile app is handy but logs me out too often.",
         "Support is polite, but it can take several days to get a real answer.",
         "Reasonable tool, but the permission settings are confusing.",
         "The learning curve was steep; after a few weeks it was fine.",
         "Notifications are too noisy and cannot be tuned per user.",
         "Fine for daily work, but month-end reports take ages to run.",
         "Please add dark mode and keyboard shortcuts.",
         "The import from spreadsheets fails without telling me why.",
         "Support fixed my issue but I had to explain it three times.",
         "The app is good; the web version is clumsy.",
         "Some screens still show English labels in our language version.",
         "Password resets take too long.",
         "Useful, but the training did not cover what we do every day.", NULL},
        {"The system is slow and crashes during month-end.",
         "Onboarding new users is painful and takes far too long.",
         "Every small change needs a support ticket. Very frustrating.",
         "The mobile app is almost unusable for our technicians on site.",
         "Tickets get closed without the problem being fixed.",
         "Too many clicks for simple tasks. Our old tool was faster.",
         "Training was rushed and the documentation is out of date.",
         "Reports are wrong half the time, so we keep our own spreadsheets.",
         "Since the last update I cannot find anything.",
         "Support hours do not cover our time zone.",
         "I lose work when the session times out.",
         "The new version moved everything around without warning.",
         "Printing and PDF export are broken for longer documents.",
         "Too slow on the older laptops most of our staff use.",
         "We were never trained; we learned by trial and error.",
         "Simple requests take a week to get a reply.",
         "The approval workflow does not match how we actually work.",
         "Error messages are meaningless to normal users.", NULL},
    },
};

static const char *const local_pool[NLANG][3][POOL] = {
    [DE] = {
        {"Sehr zuverlässiger Partner, die Zusammenarbeit läuft reibungslos.",
         "Der Support reagiert schnell und kompetent.",
         "Die Einführung in unserem Werk verlief ohne Probleme.",
         "Gutes Preis-Leistungs-Verhältnis und ein engagiertes Projektteam.",
         "Die Ansprechpartner sind kompetent und gut erreichbar.",
         "Die Software läuft stabil, auch bei hoher Last.",
         "Die Umstellung auf die neue Version war gut vorbereitet.", NULL},
        {"Die Integration mit SAP hat länger gedauert als geplant.",
         "Funktional gut, aber die Oberfläche ist nicht intuitiv.",
         "Insgesamt zufrieden, die Rechnungen sind allerdings oft fehlerhaft.",
         "Die Schulungen könnten praxisnäher sein.",
         "Die Dokumentation ist nur teilweise auf Deutsch verfügbar.",
         "Grundsätzlich gut, aber Änderungswünsche dauern zu lange.",
         "Die Berichte sind brauchbar, aber wenig flexibel.",
         "Der Vertriebskontakt wechselt zu häufig.", NULL},
        {"Zu viele Ausfälle in den letzten Monaten.",
         "Der Support ist kaum erreichbar und Tickets bleiben wochenlang offen.",
         "Die Preiserhöhung ist für uns nicht nachvollziehbar.",
         "Unsere Fragen zum Datenschutz sind bis heute nicht beantwortet.",
         "Die Anwender vor Ort sind mit der App sehr unzufrieden.",
         "Versprochene Funktionen wurden mehrfach verschoben.",
         "Die Abrechnung ist intransparent und oft falsch.", NULL},
    },
    [FR] = {
        {"L'équipe projet est très réactive.",
         "Outil simple à utiliser, nos équipes l'ont adopté rapidement.",
         "Un partenaire fiable, à l'écoute de nos besoins.",
         "Le support répond vite et trouve des solutions.",
         "La migration s'est déroulée sans incident.",
         "Très bon accompagnement de notre chef de projet.",
         "Les nouvelles fonctionnalités répondent à nos attentes.", NULL},
        {"Bonne solution, mais la facturation manque de clarté.",
         "Les délais de mise en production sont encore trop longs.",
         "Globalement satisfaits, même si l'interface mériterait d'être modernisée.",
         "Le support est aimable mais pas toujours efficace.",
         "La documentation en français est incomplète.",
         "Les rapports sont utiles mais trop lents à générer.",
         "Bon produit, mais les évolutions demandées tardent à venir.", NULL},
        {"Trop de bugs depuis la dernière mise à jour.",
         "Nous attendons toujours les fonctionnalités promises lors de la vente.",
         "Le déploiement a pris beaucoup de retard.",
         "Difficile de joindre un interlocuteur compétent.",
         "Les utilisateurs terrain trouvent l'application trop compliquée.",
         "Les tarifs augmentent chaque année sans amélioration visible.",
         "Les incidents sont clos sans être résolus.", NULL},
    },
    [ES] = {
        {"Muy buen servicio y un equipo muy cercano.",
         "La plataforma es estable y fácil de usar.",
         "El soporte técnico resuelve las incidencias rápidamente.",
         "Excelente acompañamiento durante la implantación.",
         "Nuestro gestor de cuenta conoce bien nuestro negocio.", NULL},
        {"Buen producto, aunque el precio es elevado.",
         "La implantación fue correcta, pero la formación fue escasa.",
         "Cumple, pero los informes son poco flexibles.",
         "Falta documentación en español.",
         "La aplicación móvil mejoró, pero todavía es lenta.", NULL},
        {"El soporte tarda demasiado en responder.",
         "Hemos tenido varias caídas del servicio este trimestre.",
         "La integración con nuestro ERP sigue dando problemas.",
         "Nos prometieron funciones que todavía no existen.",
         "Cada cambio pequeño requiere abrir una incidencia.", NULL},
    },
    [JA] = {
        {"サポートの対応が早くて助かります。",
         "導入がスムーズで、現場の評価も高いです。",
         "担当者が親身に相談に乗ってくれます。",
         "システムが安定していて安心して使えます。",
         "新機能の説明会が分かりやすかったです。", NULL},
        {"機能は十分ですが、画面が分かりにくいです。",
         "価格がもう少し安ければ満足です。",
         "レポート機能の改善を期待しています。",
         "サポートは丁寧ですが、回答まで時間がかかります。",
         "モバイルアプリの動作がもう少し速いと助かります。", NULL},
        {"障害が多く、業務に支障が出ています。",
         "問い合わせへの回答に時間がかかりすぎます。",
         "日本語のマニュアルが不十分です。",
         "約束された機能がまだ提供されていません。",
         "請求内容に誤りが多いです。", NULL},
    },
};

/* Draws from a list without repeating until it is used up, so one
 * dataset repeats a verbatim only when it has more answers than the list. */
typedef struct deck {
    int order[POOL], n, pos;
} deck;

static const char *deal(rng *r, deck *d, const char *const *pool)
{
    if (d->n == 0)
        while (d->n < POOL && pool[d->n])
            d->n++;
    if (d->pos == 0) {
        for (int i = 0; i < d->n; i++)
            d->order[i] = i;
        shuffle(r, d->order, d->n);
    }
    const char *s = pool[d->order[d->pos]];
    d->pos = (d->pos + 1) % d->n;
    return s;
}

typedef struct answer {
    int role, rec, sat, effort, renew;
    const char *comment;    /* NULL = null; "" = left blank */
} answer;

/* Fabrikam Residences, written by hand: promoter decision makers, unhappy
 * end users, no economic buyer heard from (in either year). */
static const answer fabrikam16[] = {
    {DM, 10, 5, 2, 5, "A strategic partner for our property portfolio. The executive team has "
                      "been excellent throughout the rollout."},
    {DM, 9, 4, 2, 5, "The rollout to 40 buildings went to plan. We plan to extend the contract."},
    {INFLUENCER, 8, 4, 3, 4, "The project office is well run, but the tenant app needs attention."},
    {INFLUENCER, 7, 3, 4, 4, ""},
    {END_USER, 3, 2, 6, 2, "The maintenance app crashes when our technicians upload photos."},
    {END_USER, 5, 2, 5, 3, "Onboarding new site staff is painful and the training videos are "
                           "out of date."},
    {END_USER, 4, 2, 6, NA, NULL},
    {END_USER, 6, 3, 5, 3, "Support response times have improved, but onboarding new users is "
                           "still painful."},
};
static const answer fabrikam15[] = {
    {DM, 9, 4, 2, 5, "Good first year. The pilot buildings are live and the team is responsive."},
    {INFLUENCER, 8, 4, 3, 4, "Implementation was slower than planned but the quality is good."},
    {END_USER, 7, 3, 4, 4, "The app is fine for work orders; reporting is basic."},
    {END_USER, 7, 3, 5, 3, "Logging in on site is slow and the photos often fail to upload."},
    {END_USER, 8, 4, 3, NA, NULL},
};

static int gen_accounts_year(const char *dir, int year)
{
    bool y16 = year == 2016;
    rng r = {y16 ? 0xACC016u : 0xACC015u};
    rng rc = {y16 ? 0xC0DE16u : 0xC0DE15u};  /* comments: their own stream */
    char path[1024];
    deck en_deck[2][3], local_deck[NLANG][3];
    memset(en_deck, 0, sizeof en_deck);
    memset(local_deck, 0, sizeof local_deck);

    /* Account levels persist across years: their own stream. */
    int level[NACCOUNTS];
    rng ra = {0xACC0u};
    static const int tier_level[] = {85, 82, 79};  /* tenths of a 0-10 point */
    for (int a = 0; a < NACCOUNTS; a++) {
        level[a] = tier_level[accounts[a].tier] + noise(&ra, 11);
        int drift = noise(&ra, 5);
        if (!y16)
            level[a] -= drift;
    }

    const char *names[NACCOUNTS];
    int nacc = 0;
    for (int a = 0; a < NACCOUNTS; a++)
        if (y16 ? accounts[a].in16 : accounts[a].in15)
            names[nacc++] = accounts[a].name;
    qsort(names, (size_t)nacc, sizeof *names, cmp_str);

    FILE *f = open_out(dir, "account_review", y16 ? "accounts_2016.json" : "accounts_2015.json",
                       path, sizeof path);
    if (!f)
        return 1;
    char id[32], title[96], pop[256];
    snprintf(id, sizeof id, "account-review-%d", year);
    snprintf(title, sizeof title, "Client Relationship Review %d", year);
    snprintf(pop, sizeof pop,
             "Contacts at %d client accounts: decision makers, influencers, end users and "
             "economic buyers",
             nacc);
    survey_begin(f, id, title, year, y16 ? "2016-03-31" : "2015-03-27", pop, NULL);

    static const char *const l_rec[] = {"0", "Not at all likely", "10", "Extremely likely", NULL};
    static const char *const l_sat[] = {"1", "Very dissatisfied", "2", "Dissatisfied", "3",
                                        "Neither satisfied nor dissatisfied", "4", "Satisfied",
                                        "5", "Very satisfied", NULL};
    static const char *const l_eff[] = {"1", "Very easy", "4", "Neither easy nor difficult", "7",
                                        "Very difficult", NULL};
    static const char *const l_ren[] = {"1", "Very unlikely", "3", "Not sure", "5", "Very likely",
                                        NULL};
    meta m = {f, true};
    q_text(&m, "id", "Response ID");
    q_category(&m, "account", "Client account", names, (size_t)nacc, NULL);
    q_category(&m, "account_tier", "Account tier", tiers, COUNT(tiers), NULL);
    q_category(&m, "role", "Your role in the relationship with us", roles, COUNT(roles), NULL);
    q_scale(&m, "recommend",
            "How likely is it that you would recommend us to a colleague or peer?", 0, 10, l_rec,
            0);
    q_scale(&m, "satisfaction", "Overall, how satisfied are you with our products and services?",
            1, 5, l_sat, 0);
    q_scale(&m, "effort",
            "How easy or difficult was it to get what you needed from us in the past six months?",
            1, 7, l_eff, 0);
    q_scale(&m, "renewal_intent", "How likely is your organisation to renew its contract with us?",
            1, 5, l_ren, 0);
    q_text(&m, "comment", "What is the one thing we should improve, or keep doing?");
    responses_begin(f);

    static const int count_lo[2][3] = {{6, 4, 3}, {4, 3, 3}};
    static const int count_hi[2][3] = {{10, 8, 6}, {7, 6, 5}};
    static const int role_w[] = {10, 30, 45, 15};
    static const int role_shift[] = {4, 0, -5, 2};  /* tenths */
    int seq = 0;
    for (int a = 0; a < NACCOUNTS; a++) {
        const account *ac = &accounts[a];
        if (!(y16 ? ac->in16 : ac->in15))
            continue;
        answer ans[10];
        int n;
        if (a == 0) {
            n = y16 ? (int)COUNT(fabrikam16) : (int)COUNT(fabrikam15);
            memcpy(ans, y16 ? fabrikam16 : fabrikam15, (size_t)n * sizeof *ans);
        } else {
            int yi = y16 ? 0 : 1;
            n = between(&r, count_lo[yi][ac->tier], count_hi[yi][ac->tier]);
            for (int i = 0; i < n; i++) {
                answer *x = &ans[i];
                x->role = i == 0 ? (chance(&r, 930) ? DM : INFLUENCER)
                          : i == 1 && ac->split ? END_USER
                                                : pick_weighted(&r, role_w, 4);
                int lat = level[a] + role_shift[x->role] + noise(&r, 6);
                if (ac->split && x->role == DM)
                    lat = between(&r, 88, 102);
                if (ac->split && x->role == END_USER)
                    lat = between(&r, 25, 58) + (y16 ? 0 : 15);
                x->rec = to_scale(lat * 10, 0, 10);
                int eff_user = x->role == END_USER ? 35 : 0;
                int ren_role = x->role == DM || x->role == BUYER ? 15 : 0;
                x->sat = to_scale(80 + 40 * x->rec + noise(&r, 45), 1, 5);
                x->effort = to_scale(620 - 45 * x->rec + eff_user + noise(&r, 70), 1, 7);
                x->renew = to_scale(100 + 36 * x->rec + ren_role + noise(&r, 55), 1, 5);
                if (chance(&r, 10))
                    x->sat = NA;
                if (chance(&r, 12))
                    x->effort = NA;
                if (chance(&r, 15))
                    x->renew = NA;
                int s = x->rec >= 9 ? 0 : x->rec >= 7 ? 1 : 2;
                int u = below(&rc, 1000);
                if (u < 70)
                    x->comment = NULL;
                else if (u < 110)
                    x->comment = "";
                else if (ac->lang != EN && chance(&rc, 720))
                    x->comment = deal(&rc, &local_deck[ac->lang][s], local_pool[ac->lang][s]);
                else {
                    int aud = x->role == END_USER ? 1 : 0;
                    x->comment = deal(&rc, &en_deck[aud][s], en_pool[aud][s]);
                }
                if (chance(&r, 6))
                    x->rec = NA;
            }
        }
        for (int i = 0; i < n; i++) {
            char rid[16];
            snprintf(rid, sizeof rid, "C%02d-%03d", year % 100, ++seq);
            row w = row_begin(f, seq == 1);
            row_str(&w, "id", rid);
            row_str(&w, "account", ac->name);
            row_str(&w, "account_tier", tiers[ac->tier]);
            row_str(&w, "role", roles[ans[i].role]);
            row_int(&w, "recommend", ans[i].rec);
            row_int(&w, "satisfaction", ans[i].sat);
            row_int(&w, "effort", ans[i].effort);
            row_int(&w, "renewal_intent", ans[i].renew);
            row_str(&w, "comment", ans[i].comment);
            row_end(&w);
        }
    }
    responses_end(f);
    return close_out(f, path);
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_fixtures DIR   (writes the bundled datasets under DIR)\n");
        return 2;
    }
    const char *dir = argv[1];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    int bad = gen_nps_year(dir, 2016);
    bad |= gen_nps_year(dir, 2015);
    bad |= gen_cx(dir);
    bad |= gen_voc(dir);
    bad |= gen_accounts_year(dir, 2016);
    bad |= gen_accounts_year(dir, 2015);
    return bad;
}
