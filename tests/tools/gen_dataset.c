/*
 * gen_dataset.c — writes a large, deterministic tech-vendor benchmark
 * dataset for load tests and benchmarks (never committed: output goes
 * where the caller says, e.g. /tmp or bench-data/).
 *
 *   gen_dataset FORMAT NROWS OUT [SEED]
 *
 * FORMAT is json, jsonl or csv.  For jsonl and csv the metadata goes to
 * the sidecar OUT-without-extension.meta.json.  Same arguments, same
 * bytes: a splitmix64 generator, no rand(), no time.
 *
 * 13 fields: id, vendor, vendor_type, role, industry, company_size,
 * region, recommend (0-10), purchase (1-5), forgive (1-7), try_new (1-7,
 * 99 = declared missing), weight (0.5-2.0), segment.
 */
#include "cxreport/data.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned pick(uint64_t *s, unsigned n)
{
    return (unsigned)(next(s) % n);
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Invented company names: any likeness to a real vendor is accidental. */
static const char *const prefixes[] = {
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Litware", "Proseware",
    "Adatum", "Lucerne", "Wingtip", "Coho", "Margie's", "Blue Yonder", "Alpine", "Fourth",
};
static const char *const suffixes[] = {
    "Cloud", "Systems", "Software", "Networks", ", Inc.",
};
static const char *const vendor_types[] = {
    "Cloud platform", "Enterprise software", "Hardware", "IT services", "Security",
};
static const char *const roles[] = {
    "decision maker", "influencer", "end user", "economic buyer",
};
static const char *const industries[] = {
    "Financial services", "Healthcare", "Retail", "Manufacturing", "Public sector",
    "Telecommunications", "Education", "Energy", "Media", "Transport",
};
static const char *const sizes[] = {
    "1-49", "50-249", "250-999", "1000-4999", "5000+",
};
static const char *const regions[] = {
    "North America", "Latin America", "Western Europe", "Eastern Europe", "Asia Pacific",
    "Middle East & Africa",
};
static const char *const segments[] = {"B2B", "B2C", "B2B2C"};

static void vendor_name(unsigned v, char *buf, size_t size)
{
    const char *suf = suffixes[v % COUNT(suffixes)];
    snprintf(buf, size, "%s%s%s", prefixes[v / COUNT(suffixes)], suf[0] == ',' ? "" : " ", suf);
}

static void json_string_array(FILE *f, const char *const *a, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s\"%s\"", i ? ", " : "", a[i]);
    fputc(']', f);
}

static void write_meta(FILE *f, const char *indent)
{
    char names[75][40];
    const char *vendors[75];
    for (unsigned v = 0; v < 75; v++) {
        vendor_name(v, names[v], sizeof names[v]);
        vendors[v] = names[v];
    }
    fprintf(f, "%s\"survey\": {\"id\": \"tech-vendors-2016\", \"title\": \"Tech Vendor NPS "
            "Survey\", \"year\": 2016, \"fielded\": \"2016-06-15\", \"population\": \"IT buyers\", "
            "\"weight\": \"weight\"},\n", indent);
    fprintf(f, "%s\"questions\": [\n", indent);
    fprintf(f, "%s  {\"id\": \"id\", \"type\": \"text\", \"text\": \"Respondent\"},\n", indent);
    fprintf(f, "%s  {\"id\": \"vendor\", \"type\": \"category\", \"text\": \"Vendor\", \"options\": ",
            indent);
    json_string_array(f, vendors, 75);
    fprintf(f, "},\n%s  {\"id\": \"vendor_type\", \"type\": \"category\", \"options\": ", indent);
    json_string_array(f, vendor_types, COUNT(vendor_types));
    fprintf(f, "},\n%s  {\"id\": \"role\", \"type\": \"category\", \"options\": ", indent);
    json_string_array(f, roles, COUNT(roles));
    fprintf(f, "},\n%s  {\"id\": \"industry\", \"type\": \"category\"},\n", indent);
    fprintf(f, "%s  {\"id\": \"company_size\", \"type\": \"category\", \"options\": ", indent);
    json_string_array(f, sizes, COUNT(sizes));
    fprintf(f, "},\n%s  {\"id\": \"region\", \"type\": \"category\", \"options\": ", indent);
    json_string_array(f, regions, COUNT(regions));
    fprintf(f, "},\n%s  {\"id\": \"recommend\", \"type\": \"scale\", \"min\": 0, \"max\": 10, "
            "\"text\": \"How likely are you to recommend this vendor to a colleague?\", "
            "\"labels\": {\"0\": \"Not at all likely\", \"10\": \"Extremely likely\"}},\n", indent);
    fprintf(f, "%s  {\"id\": \"purchase\", \"type\": \"scale\", \"min\": 1, \"max\": 5, "
            "\"text\": \"How likely are you to buy from this vendor again?\"},\n", indent);
    fprintf(f, "%s  {\"id\": \"forgive\", \"type\": \"scale\", \"min\": 1, \"max\": 7, "
            "\"text\": \"How likely are you to forgive this vendor a mistake?\"},\n", indent);
    fprintf(f, "%s  {\"id\": \"try_new\", \"type\": \"scale\", \"min\": 1, \"max\": 7, "
            "\"missing\": [99], \"text\": \"How likely are you to try a new offering?\"},\n",
            indent);
    fprintf(f, "%s  {\"id\": \"weight\", \"type\": \"number\"},\n", indent);
    fprintf(f, "%s  {\"id\": \"segment\", \"type\": \"category\", \"options\": ", indent);
    json_string_array(f, segments, COUNT(segments));
    fprintf(f, "}\n%s]", indent);
}

typedef struct row {
    char id[24], vendor[40];
    const char *vendor_type, *role, *industry, *size, *region, *segment;
    int recommend, purchase, forgive, try_new;  /* -1 = missing */
    char weight[32];
} row;

static void make_row(uint64_t *s, size_t i, row *r)
{
    unsigned v = pick(s, 75);
    snprintf(r->id, sizeof r->id, "R%07zu", i + 1);
    vendor_name(v, r->vendor, sizeof r->vendor);
    r->vendor_type = vendor_types[v % COUNT(vendor_types)];
    r->role = roles[pick(s, COUNT(roles))];
    r->industry = industries[pick(s, COUNT(industries))];
    r->size = sizes[pick(s, COUNT(sizes))];
    r->region = regions[pick(s, COUNT(regions))];
    r->segment = segments[pick(s, COUNT(segments))];
    /* Vendors differ in how much they are liked: a per-vendor lean. */
    int lean = (int)(v % 5) - 2;
    int rec = (int)pick(s, 11) + lean;
    r->recommend = pick(s, 40) == 0 ? -1 : rec < 0 ? 0 : rec > 10 ? 10 : rec;
    r->purchase = 1 + (int)pick(s, 5);
    r->forgive = 1 + (int)pick(s, 7);
    r->try_new = pick(s, 10) == 0 ? 99 : 1 + (int)pick(s, 7);
    cx_format_double(0.5 + (double)pick(s, 151) / 100.0, r->weight, sizeof r->weight);
}

static void put_int_json(FILE *f, int v)
{
    if (v < 0)
        fputs("null", f);
    else
        fprintf(f, "%d", v);
}

static void write_json_row(FILE *f, const row *r)
{
    fprintf(f, "{\"id\": \"%s\", \"vendor\": \"%s\", \"vendor_type\": \"%s\", \"role\": \"%s\", "
            "\"industry\": \"%s\", \"company_size\": \"%s\", \"region\": \"%s\", \"recommend\": ",
            r->id, r->vendor, r->vendor_type, r->role, r->industry, r->size, r->region);
    put_int_json(f, r->recommend);
    fprintf(f, ", \"purchase\": %d, \"forgive\": %d, \"try_new\": %d, \"weight\": %s, "
            "\"segment\": \"%s\"}", r->purchase, r->forgive, r->try_new, r->weight, r->segment);
}

static void put_csv_text(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_csv_row(FILE *f, const row *r)
{
    const char *text[] = {r->id, r->vendor, r->vendor_type, r->role, r->industry, r->size,
                          r->region};
    for (size_t i = 0; i < COUNT(text); i++) {
        put_csv_text(f, text[i]);
        fputc(',', f);
    }
    if (r->recommend >= 0)
        fprintf(f, "%d", r->recommend);
    fprintf(f, ",%d,%d,%d,%s,%s\n", r->purchase, r->forgive, r->try_new, r->weight, r->segment);
}

static int usage(void)
{
    fprintf(stderr, "usage: gen_dataset json|jsonl|csv|assessment NROWS OUT [SEED]\n");
    return 2;
}

/* `assessment N OUT`: N organisations answering the 20 CX competency
 * items (1-5), for batch benchmarks: one PDF per account. */
static int write_assessment(size_t n, uint64_t seed, const char *out)
{
    static const char *const dims[4] = {"pl", "cbv", "ee", "cc"};
    FILE *f = fopen(out, "wb");
    if (!f) {
        perror(out);
        return 1;
    }
    fputs("{\"survey\": {\"id\": \"bench-assessment\", \"title\": \"CX competency assessment\"},\n"
          " \"questions\": [{\"id\": \"account\", \"type\": \"text\"},\n"
          "  {\"id\": \"segment\", \"type\": \"category\", \"options\": [\"B2B\", \"B2C\", \"B2B2C\"]}", f);
    for (int d = 0; d < 4; d++)
        for (int i = 1; i <= 5; i++)
            fprintf(f, ",\n  {\"id\": \"%s_%d\", \"type\": \"scale\", \"min\": 1, \"max\": 5}", dims[d], i);
    fputs("],\n \"responses\": [\n", f);
    static const char *const segs[3] = {"B2B", "B2C", "B2B2C"};
    for (size_t k = 0; k < n; k++) {
        unsigned level = 1 + pick(&seed, 4);   /* the organisation's typical answer */
        fprintf(f, "  {\"account\": \"Organisation %05zu\", \"segment\": \"%s\"", k + 1,
                segs[pick(&seed, 3)]);
        for (int d = 0; d < 4; d++)
            for (int i = 1; i <= 5; i++) {
                unsigned a = level + pick(&seed, 3);
                fprintf(f, ", \"%s_%d\": %u", dims[d], i, a > 5 ? 5 : a);
            }
        fputs(k + 1 < n ? "},\n" : "}\n", f);
    }
    fputs(" ]}\n", f);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5)
        return usage();
    const char *format = argv[1], *out = argv[3];
    char *endp;
    unsigned long long n = strtoull(argv[2], &endp, 10);
    if (*endp || argv[2][0] == '-')
        return usage();
    uint64_t seed = argc == 5 ? strtoull(argv[4], NULL, 10) : 2016;
    if (strcmp(format, "assessment") == 0)
        return write_assessment((size_t)n, seed, out);
    bool json = strcmp(format, "json") == 0, jsonl = strcmp(format, "jsonl") == 0,
         csv = strcmp(format, "csv") == 0;
    if (!json && !jsonl && !csv)
        return usage();

    FILE *f = fopen(out, "wb");
    if (!f) {
        perror(out);
        return 1;
    }
    static char fbuf[1 << 16];
    setvbuf(f, fbuf, _IOFBF, sizeof fbuf);
    if (json) {
        fputs("{\n", f);
        write_meta(f, "  ");
        fputs(",\n  \"responses\": [\n", f);
    }
    if (csv)
        fputs("id,vendor,vendor_type,role,industry,company_size,region,recommend,purchase,"
              "forgive,try_new,weight,segment\n", f);
    row r;
    for (size_t i = 0; i < n; i++) {
        make_row(&seed, i, &r);
        if (csv)
            write_csv_row(f, &r);
        else {
            if (json)
                fputs("    ", f);
            write_json_row(f, &r);
            fputs(json && i + 1 < n ? ",\n" : "\n", f);
        }
    }
    if (json)
        fputs("  ]\n}\n", f);
    if (fclose(f) != 0) {
        perror(out);
        return 1;
    }

    if (!json) {
        const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
        size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - out) : strlen(out);
        char *meta = malloc(stem + sizeof ".meta.json");
        if (!meta)
            return 1;
        memcpy(meta, out, stem);
        memcpy(meta + stem, ".meta.json", sizeof ".meta.json");
        FILE *m = fopen(meta, "wb");
        if (!m) {
            perror(meta);
            free(meta);
            return 1;
        }
        fputs("{\n", m);
        write_meta(m, "  ");
        fputs("\n}\n", m);
        int bad = fclose(m) != 0;
        if (bad)
            perror(meta);
        free(meta);
        return bad;
    }
    return 0;
}
