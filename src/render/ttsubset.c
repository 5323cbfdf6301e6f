/*
 * ttsubset.c — cutting a TrueType font down to the glyphs in use, so
 * libharu can embed fonts of more than 32,767 glyphs, and any font
 * cheaply (ttsubset.h).
 *
 * Reads the whole file (a CJK font is a few megabytes), finds the glyphs
 * of the code points through the font's Unicode cmap (format 4 or 12),
 * follows composite glyphs to their parts, and writes a new font whose
 * glyphs are numbered from 0 in the order of their old numbers.  Every
 * table is rebuilt or copied byte for byte; nothing is scaled, hinted or
 * reinterpreted.  Each kept glyph g >= 1 is also mapped from the private
 * code point U+E000 + g: libharu embeds only the glyphs it was asked to
 * measure and follows composites one level deep, so the PDF writer
 * measures those code points once to have every kept glyph embedded.
 *
 * Never touches libharu; owns nothing after returning but the bytes.
 */
#include "ttsubset.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FONT_BYTES = 64 << 20, PUA_FIRST = 0xE000, PUA_LAST = 0xF8FF };

typedef struct ttf {
    const unsigned char *d;
    size_t n;
    size_t dir;                 /* offset of the table directory */
} ttf;

typedef struct buf {
    unsigned char *p;
    size_t n, cap;
    bool oom;
} buf;

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8
           | p[3];
}

static void put(buf *b, const void *src, size_t len)
{
    if (b->oom)
        return;
    if (b->n + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len)
            cap *= 2;
        unsigned char *np = realloc(b->p, cap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, src, len);
    b->n += len;
}

static void put16(buf *b, unsigned v)
{
    unsigned char c[2] = { (unsigned char)(v >> 8), (unsigned char)v };
    put(b, c, 2);
}

static void put32(buf *b, unsigned long v)
{
    unsigned char c[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 8), (unsigned char)v };
    put(b, c, 4);
}

static void set16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void set32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Finds a table; false when missing or outside the file. */
static bool table(const ttf *f, const char *tag, size_t *off, size_t *len)
{
    if (f->dir + 12 > f->n)
        return false;
    unsigned nt = be16(f->d + f->dir + 4);
    if (f->dir + 12 + 16ul * nt > f->n)
        return false;
    for (unsigned i = 0; i < nt; i++) {
        const unsigned char *r = f->d + f->dir + 12 + 16 * i;
        if (memcmp(r, tag, 4) != 0)
            continue;
        *off = be32(r + 8);
        *len = be32(r + 12);
        return *off <= f->n && *len <= f->n - *off;
    }
    return false;
}

/* read_all's error when memory runs out: an internal error, never a
 * reason to embed the font whole instead */
static const char NO_MEMORY[] = "out of memory";

static unsigned char *read_all(const char *path, size_t *n, const char **err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        *err = strerror(errno);
        return NULL;
    }
    unsigned char *d = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            unsigned char *nd = cap <= MAX_FONT_BYTES ? realloc(d, cap) : NULL;
            if (!nd) {
                *err = cap > MAX_FONT_BYTES ? "font file too large" : NO_MEMORY;
                free(d);
                fclose(fp);
                return NULL;
            }
            d = nd;
        }
        size_t got = fread(d + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    fclose(fp);
    *n = len;
    return d;
}

/* The first font of a file or collection. */
static bool open_ttf(ttf *f)
{
    if (f->n < 12)
        return false;
    f->dir = 0;
    if (memcmp(f->d, "ttcf", 4) == 0) {
        if (f->n < 16 || be32(f->d + 8) == 0)
            return false;
        f->dir = be32(f->d + 12);
    }
    if (f->dir + 12 > f->n)
        return false;
    const unsigned char *v = f->d + f->dir;
    return memcmp(v, "\0\1\0\0", 4) == 0 || memcmp(v, "true", 4) == 0;
}

/* Reads len bytes at off; false when the file is shorter. */
static bool read_at(FILE *fp, unsigned long off, unsigned char *out, size_t len)
{
    return fseek(fp, (long)off, SEEK_SET) == 0 && fread(out, 1, len, fp) == len;
}

/* Reads only the directory and maxp: fonts are opened for every PDF. */
unsigned long cx_ttf_glyph_count(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    unsigned long n = 0, dir = 0;
    unsigned char h[16];
    if (!read_at(fp, 0, h, 16))
        goto done;
    if (memcmp(h, "ttcf", 4) == 0)
        dir = be32(h + 12);
    unsigned char d[12];
    if (!read_at(fp, dir, d, 12))
        goto done;
    for (unsigned i = 0, nt = be16(d + 4); i < nt; i++) {
        unsigned char r[16], m[6];
        if (!read_at(fp, dir + 12 + 16ul * i, r, 16))
            break;
        if (memcmp(r, "maxp", 4) == 0) {
            if (read_at(fp, be32(r + 8), m, 6))
                n = be16(m + 4);
            break;
        }
    }
done:
    fclose(fp);
    return n;
}

/* ---- cmap -------------------------------------------------------------- */

static unsigned cmap4(const unsigned char *t, size_t len, uint32_t cp)
{
    if (len < 14 || cp > 0xFFFF)
        return 0;
    unsigned segs = be16(t + 6) / 2;
    if (16 + 8ul * segs > len)
        return 0;
    const unsigned char *ends = t + 14, *starts = ends + 2 * segs + 2;
    const unsigned char *deltas = starts + 2 * segs, *ranges = deltas + 2 * segs;
    for (unsigned i = 0; i < segs; i++) {
        if (cp > be16(ends + 2 * i))
            continue;
        unsigned start = be16(starts + 2 * i);
        if (cp < start)
            return 0;
        unsigned delta = be16(deltas + 2 * i), ro = be16(ranges + 2 * i);
        if (ro == 0)
            return (cp + delta) & 0xFFFF;
        size_t at = (size_t)(ranges + 2 * i - t) + ro + 2 * (cp - start);
        if (at + 2 > len)
            return 0;
        unsigned g = be16(t + at);
        return g ? (g + delta) & 0xFFFF : 0;
    }
    return 0;
}

static unsigned cmap12(const unsigned char *t, size_t len, uint32_t cp)
{
    if (len < 16)
        return 0;
    unsigned long groups = be32(t + 12);
    if (groups > (len - 16) / 12)
        return 0;
    for (unsigned long i = 0; i < groups; i++) {
        const unsigned char *g = t + 16 + 12 * i;
        if (cp >= be32(g) && cp <= be32(g + 4))
            return (unsigned)(be32(g + 8) + (cp - be32(g)));
    }
    return 0;
}

/* The Unicode subtable: (3,10) format 12, else (3,1) or (0,*) format 4. */
static bool find_cmap(const ttf *f, const unsigned char **sub, size_t *sublen, int *format)
{
    size_t off, len;
    if (!table(f, "cmap", &off, &len) || len < 4)
        return false;
    const unsigned char *t = f->d + off;
    unsigned n = be16(t + 2);
    int best = 0;
    for (unsigned i = 0; i < n && 4 + 8ul * (i + 1) <= len; i++) {
        const unsigned char *r = t + 4 + 8 * i;
        unsigned plat = be16(r), enc = be16(r + 2);
        unsigned long so = be32(r + 4);
        if (so + 4 > len)
            continue;
        unsigned fmt = be16(t + so);
        int rank = fmt == 12 && plat == 3 && enc == 10 ? 3
                   : fmt == 4 && plat == 3 && enc == 1 ? 2 : fmt == 4 && plat == 0 ? 1 : 0;
        if (rank > best) {
            best = rank;
            *sub = t + so;
            *sublen = len - so;
            *format = (int)fmt;
        }
    }
    return best > 0;
}

/* ---- glyphs ------------------------------------------------------------ */

typedef struct glyphs {
    unsigned long loca_off, glyf_off, glyf_len;
    bool long_loca;
    unsigned count;
} glyphs;

static bool glyph_range(const ttf *f, const glyphs *g, unsigned gid, size_t *off, size_t *len)
{
    if (gid >= g->count)
        return false;
    const unsigned char *l = f->d + g->loca_off;
    unsigned long a = g->long_loca ? be32(l + 4 * gid) : 2ul * be16(l + 2 * gid);
    unsigned long b = g->long_loca ? be32(l + 4 * gid + 4) : 2ul * be16(l + 2 * gid + 2);
    if (b < a || b > g->glyf_len)
        return false;
    *off = g->glyf_off + a;
    *len = b - a;
    return true;
}

/* Calls fn for each component of a composite glyph (data, len): the
 * offset of its glyph index within data. */
static bool each_component(const unsigned char *d, size_t len, void (*fn)(void *, size_t),
                           void *ctx)
{
    if (len < 10 || (int16_t)be16(d) >= 0)
        return true;                        /* a simple glyph */
    size_t at = 10;
    for (;;) {
        if (at + 4 > len)
            return false;
        unsigned flags = be16(d + at);
        fn(ctx, at + 2);
        at += 4 + ((flags & 0x0001) ? 4 : 2);
        if (flags & 0x0008)
            at += 2;
        else if (flags & 0x0040)
            at += 4;
        else if (flags & 0x0080)
            at += 8;
        if (!(flags & 0x0020))
            return at <= len;
    }
}

typedef struct keep {
    unsigned char *mark;        /* per old glyph: kept */
    unsigned *queue;            /* kept glyphs whose parts are still to follow */
    size_t nq;
} keep;

static void keep_glyph(keep *k, unsigned gid)
{
    if (!k->mark[gid]) {
        k->mark[gid] = 1;
        k->queue[k->nq++] = gid;
    }
}

typedef struct renumber {
    const unsigned *newid;      /* per old glyph */
    unsigned char *out;         /* the copied glyph */
    unsigned count;
} renumber;

static void renumber_component(void *ctx, size_t at)
{
    renumber *r = ctx;
    unsigned old = be16(r->out + at);
    set16(r->out + at, old < r->count ? r->newid[old] : 0);
}

typedef struct collect {
    keep *k;
    const unsigned char *d;
    unsigned count;
} collect;

static void collect_component(void *ctx, size_t at)
{
    collect *c = ctx;
    unsigned gid = be16(c->d + at);
    if (gid < c->count)
        keep_glyph(c->k, gid);
}

/* ---- writing ----------------------------------------------------------- */

static unsigned long checksum(const unsigned char *p, size_t len)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char w[4] = { 0, 0, 0, 0 };
        memcpy(w, p + i, len - i < 4 ? len - i : 4);
        sum = (sum + be32(w)) & 0xFFFFFFFFul;
    }
    return sum;
}

typedef struct cmap_entry { uint32_t cp; unsigned gid; } cmap_entry;

static int by_cp(const void *a, const void *b)
{
    uint32_t x = ((const cmap_entry *)a)->cp, y = ((const cmap_entry *)b)->cp;
    return x < y ? -1 : x > y;
}

/* A gap of more unmapped code points than this starts a new segment. */
enum { CMAP_GAP = 128 };

/* The segment of the format-4 cmap that starts at e[i]: the entries up
 * to the next gap wider than CMAP_GAP (the private ones apart); *delta
 * when its code points and glyphs both run on without a gap. */
static size_t cmap_segment(const cmap_entry *e, size_t n, size_t i, bool *delta)
{
    size_t j = i + 1;
    *delta = true;
    while (j < n && e[j].cp - e[j - 1].cp <= CMAP_GAP
           && (e[j - 1].cp >= PUA_FIRST) == (e[j].cp >= PUA_FIRST)) {
        *delta &= e[j].cp == e[j - 1].cp + 1 && e[j].gid == e[j - 1].gid + 1;
        j++;
    }
    return j;
}

/* A format-4 cmap (3,1) of few segments: libharu looks every code point
 * of the BMP up in it for each font of each document, walking the
 * segments one by one, so their number is the cost.  Runs of code points
 * close together share a segment whose glyphs come from the glyph array
 * (0 in the gaps); a run without gaps (the private code points) is one
 * idDelta segment. */
static void write_cmap(buf *b, const cmap_entry *e, size_t n)
{
    size_t segs = 1, glyph_array = 0;       /* 1: the closing 0xFFFF segment */
    for (size_t i = 0; i < n; segs++) {
        bool delta;
        size_t j = cmap_segment(e, n, i, &delta);
        if (!delta)
            glyph_array += e[j - 1].cp - e[i].cp + 1;
        i = j;
    }
    unsigned search = 1, sel = 0;
    while (search * 2 <= segs) {
        search *= 2;
        sel++;
    }
    put16(b, 0);
    put16(b, 1);
    put16(b, 3);
    put16(b, 1);
    put32(b, 12);
    size_t len = 16 + 8 * segs + 2 * glyph_array;
    put16(b, 4);
    put16(b, (unsigned)(len <= 0xFFFF ? len : 0xFFFF));  /* the caller refuses more */
    put16(b, 0);
    put16(b, (unsigned)(2 * segs));
    put16(b, 2 * search);
    put16(b, sel);
    put16(b, (unsigned)(2 * segs - 2 * search));
    for (int pass = 0; pass < 4; pass++) {
        if (pass == 1)
            put16(b, 0);                    /* reservedPad, after the ends */
        size_t s = 0, arr = 0;              /* segment, its place in the glyph array */
        for (size_t i = 0; i < n; s++) {
            bool delta;
            size_t j = cmap_segment(e, n, i, &delta);
            unsigned v = pass == 0   ? e[j - 1].cp
                         : pass == 1 ? e[i].cp
                         : pass == 2 ? (delta ? (e[i].gid - e[i].cp) & 0xFFFF : 0)
                         : delta     ? 0
                                     : (unsigned)(2 * (segs - s + arr));
            put16(b, v);
            if (!delta)
                arr += e[j - 1].cp - e[i].cp + 1;
            i = j;
        }
        put16(b, pass == 0 || pass == 1 ? 0xFFFF : pass == 2 ? 1 : 0);
    }
    for (size_t i = 0; i < n;) {            /* the glyph array */
        bool delta;
        size_t j = cmap_segment(e, n, i, &delta);
        for (size_t k = i; !delta && k < j; k++) {
            put16(b, e[k].gid);
            for (uint32_t c = e[k].cp + 1; k + 1 < j && c < e[k + 1].cp; c++)
                put16(b, 0);
        }
        i = j;
    }
}

static cx_status fail(cx_diag *diag, const char *path, const char *what)
{
    return cx_diag_set(diag, CX_EOUTPUT, path, 0, 0, "cannot subset this font: %s", what);
}

cx_status cx_ttf_subset(const char *path, const uint32_t *cps, size_t ncps,
                        unsigned char **out, size_t *outlen, cx_diag *diag)
{
    *out = NULL;
    *outlen = 0;
    const char *err = NULL;
    ttf f = { 0 };
    unsigned char *data = read_all(path, &f.n, &err);
    f.d = data;
    cx_status st = CX_OK;
    keep k = { 0 };
    unsigned *newid = NULL, *olds = NULL;
    cmap_entry *entries = NULL;
    buf tabs[13] = { { 0 } };
    buf font = { 0 };
    if (!data) {
        st = cx_diag_set(diag, err == NO_MEMORY ? CX_EINTERNAL : CX_EOUTPUT, path, 0, 0,
                         "cannot read font file: %s", err);
        goto done;
    }
    size_t head_o, head_l, maxp_o, maxp_l, hhea_o, hhea_l, hmtx_o, hmtx_l, loca_o, loca_l,
        glyf_o, glyf_l, post_o, post_l;
    if (!open_ttf(&f) || !table(&f, "head", &head_o, &head_l) || head_l < 54
        || !table(&f, "maxp", &maxp_o, &maxp_l) || maxp_l < 6
        || !table(&f, "hhea", &hhea_o, &hhea_l) || hhea_l < 36
        || !table(&f, "hmtx", &hmtx_o, &hmtx_l) || !table(&f, "loca", &loca_o, &loca_l)
        || !table(&f, "glyf", &glyf_o, &glyf_l) || !table(&f, "post", &post_o, &post_l)
        || post_l < 32) {
        st = fail(diag, path, "not a TrueType font with the usual tables");
        goto done;
    }
    glyphs g = { loca_o, glyf_o, glyf_l, be16(data + head_o + 50) != 0,
                 be16(data + maxp_o + 4) };
    unsigned nhm = be16(data + hhea_o + 34);
    if (g.count == 0 || nhm == 0 || nhm > g.count
        || loca_l < (g.long_loca ? 4ul : 2ul) * (g.count + 1ul)
        || hmtx_l < 4ul * nhm + 2ul * (g.count - nhm)) {
        st = fail(diag, path, "its glyph tables do not agree");
        goto done;
    }
    const unsigned char *sub = NULL;
    size_t sublen = 0;
    int format = 0;
    if (!find_cmap(&f, &sub, &sublen, &format)) {
        st = fail(diag, path, "it has no Unicode character map");
        goto done;
    }

    /* the glyphs to keep: .notdef, the code points', their parts */
    k.mark = calloc(g.count, 1);
    k.queue = malloc(g.count * sizeof *k.queue);
    entries = malloc((ncps + 1) * sizeof *entries);
    newid = calloc(g.count, sizeof *newid);
    olds = malloc(g.count * sizeof *olds);
    if (!k.mark || !k.queue || !entries || !newid || !olds) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
        goto done;
    }
    keep_glyph(&k, 0);
    size_t nent = 0;
    for (size_t i = 0; i < ncps; i++) {
        if (cps[i] >= 0xFFFF || (cps[i] >= PUA_FIRST && cps[i] <= PUA_LAST))
            continue;
        unsigned gid = format == 12 ? cmap12(sub, sublen, cps[i]) : cmap4(sub, sublen, cps[i]);
        if (gid == 0 || gid >= g.count)
            continue;
        keep_glyph(&k, gid);
        entries[nent++] = (cmap_entry){ cps[i], gid };
    }
    for (size_t q = 0; q < k.nq; q++) {
        size_t off, len;
        if (!glyph_range(&f, &g, k.queue[q], &off, &len)) {
            st = fail(diag, path, "a glyph lies outside the glyph table");
            goto done;
        }
        collect c = { &k, data + off, g.count };
        if (!each_component(data + off, len, collect_component, &c)) {
            st = fail(diag, path, "a composite glyph is damaged");
            goto done;
        }
    }
    unsigned n = 0;
    for (unsigned gid = 0; gid < g.count; gid++)
        if (k.mark[gid]) {
            newid[gid] = n;
            olds[n++] = gid;
        }
    for (size_t i = 0; i < nent; i++)
        entries[i].gid = newid[entries[i].gid];

    /* tables, in tag order: OS/2 cmap cvt fpgm glyf head hhea hmtx loca
     * maxp name post prep */
    static const char *const tags[13] = { "OS/2", "cmap", "cvt ", "fpgm", "glyf", "head",
                                          "hhea", "hmtx", "loca", "maxp", "name", "post",
                                          "prep" };
    buf *os2 = &tabs[0], *cmap = &tabs[1], *glyf = &tabs[4], *head = &tabs[5],
        *hhea = &tabs[6], *hmtx = &tabs[7], *loca = &tabs[8], *maxp = &tabs[9],
        *post = &tabs[11];
    static const int copied[5] = { 0, 2, 3, 10, 12 };       /* OS/2 cvt fpgm name prep */
    for (int i = 0; i < 5; i++) {
        size_t off, len;
        if (table(&f, tags[copied[i]], &off, &len))
            put(&tabs[copied[i]], data + off, len);
        if (tabs[copied[i]].oom) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
            goto done;
        }
    }
    if (os2->n == 0 || tabs[10].n == 0) {
        st = fail(diag, path, "it has no OS/2 or name table");
        goto done;
    }
    /* the private code points that reach every kept glyph */
    size_t npua = n - 1 < (size_t)(PUA_LAST - PUA_FIRST) ? n - 1 : PUA_LAST - PUA_FIRST;
    cmap_entry *more = realloc(entries, (nent + npua + 1) * sizeof *entries);
    if (!more) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
        goto done;
    }
    entries = more;
    for (size_t i = 0; i < npua; i++)
        entries[nent++] = (cmap_entry){ (uint32_t)(PUA_FIRST + 1 + i), (unsigned)(i + 1) };
    qsort(entries, nent, sizeof *entries, by_cp);
    size_t uniq = 0;                        /* each code point once */
    for (size_t i = 0; i < nent; i++)
        if (uniq == 0 || entries[i].cp != entries[uniq - 1].cp)
            entries[uniq++] = entries[i];
    write_cmap(cmap, entries, uniq);
    if (cmap->n > 65535 + 12) {
        st = fail(diag, path, "the document uses too many of its characters");
        goto done;
    }
    for (unsigned i = 0; i < n; i++) {
        size_t off, len;
        glyph_range(&f, &g, olds[i], &off, &len);
        put32(loca, glyf->n);
        size_t at = glyf->n;
        put(glyf, data + off, len);
        if (!glyf->oom) {
            renumber r = { newid, glyf->p + at, g.count };
            each_component(glyf->p + at, len, renumber_component, &r);
        }
        while (glyf->n % 4)
            put(glyf, "", 1);
        unsigned old = olds[i];
        const unsigned char *m = data + hmtx_o;
        unsigned adv = old < nhm ? be16(m + 4 * old) : be16(m + 4 * (nhm - 1));
        unsigned lsb = old < nhm ? be16(m + 4 * old + 2) : be16(m + 4 * nhm + 2 * (old - nhm));
        put16(hmtx, adv);
        put16(hmtx, lsb);
    }
    put32(loca, glyf->n);
    put(head, data + head_o, 54);
    put(hhea, data + hhea_o, 36);
    put(maxp, data + maxp_o, maxp_l);
    put(post, data + post_o, 32);
    for (int i = 0; i < 13; i++)
        if (tabs[i].oom) {
            st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
            goto done;
        }
    set32(head->p + 8, 0);                  /* checkSumAdjustment, below */
    set16(head->p + 50, 1);                 /* long loca */
    set16(hhea->p + 34, n);
    set16(maxp->p + 4, n);
    set32(post->p, 0x00030000ul);           /* no glyph names */

    /* the font: directory, then each table padded to 4 bytes */
    put32(&font, 0x00010000ul);
    put16(&font, 13);
    put16(&font, 128);                      /* searchRange: 8 * 16 */
    put16(&font, 3);
    put16(&font, 13 * 16 - 128);
    size_t at = 12 + 16 * 13;
    for (int i = 0; i < 13; i++) {
        put(&font, tags[i], 4);
        put32(&font, tabs[i].n ? checksum(tabs[i].p, tabs[i].n) : 0);
        put32(&font, at);
        put32(&font, tabs[i].n);
        at += (tabs[i].n + 3) & ~(size_t)3;
    }
    size_t head_at = 0;
    for (int i = 0; i < 13; i++) {
        if (i == 5)
            head_at = font.n;
        if (tabs[i].n)
            put(&font, tabs[i].p, tabs[i].n);
        while (font.n % 4)
            put(&font, "", 1);
    }
    if (font.oom) {
        st = cx_diag_set(diag, CX_EINTERNAL, NULL, 0, 0, "out of memory subsetting a font");
        goto done;
    }
    set32(font.p + head_at + 8, (0xB1B0AFBAul - checksum(font.p, font.n)) & 0xFFFFFFFFul);
    *out = font.p;
    *outlen = font.n;
    font.p = NULL;
done:
    free(font.p);
    for (int i = 0; i < 13; i++)
        free(tabs[i].p);
    free(k.mark);
    free(k.queue);
    free(entries);
    free(newid);
    free(olds);
    free(data);
    return st;
}
