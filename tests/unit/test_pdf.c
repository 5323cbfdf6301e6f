/*
 * test_pdf.c — the libharu renderer: valid, deterministic PDF bytes whose
 * text, outline, links and document information other tools read back.
 *
 * Uses qpdf, pdftotext and pdfinfo (poppler-utils) through system(); the
 * files go to /tmp under names that include the process id.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cxreport/chart.h"
#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"

/* 2026-11-22 00:00 UTC: 20779 days after 1970-01-01 (56 years with 14
 * leap days = 20454, + 304 days of January..October, + 21). */
static const int64_t NOV_22_2026 = 20779LL * 86400LL;

static cx_diag D;
#define DG (&D)
#define OK(call)                                                               \
    do {                                                                       \
        cx_diag_clear(&D);                                                     \
        cx_status s_ = (call);                                                 \
        if (s_ != CX_OK)                                                       \
            print_error("%s: %s\n", #call, D.message);                         \
        assert_int_equal(s_, CX_OK);                                           \
    } while (0)

static cx_render_opts opts(void)
{
    cx_render_opts o;
    cx_render_opts_default(&o);
    o.has_date = true;
    o.date_epoch = NOV_22_2026;
    o.producer = "cxreport test";
    return o;
}

static cx_doc *sample_doc(void)
{
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_set_meta(doc, "title", "Zoë's Report", DG));
    OK(cx_doc_set_meta(doc, "author", "Zoë Ångström", DG));
    OK(cx_doc_set_meta(doc, "subject", "Testing", DG));
    OK(cx_doc_set_meta(doc, "keywords", "pdf, test", DG));
    OK(cx_doc_add_contents(doc, DG));
    OK(cx_doc_add_page_break(doc, DG));
    OK(cx_doc_add_heading(doc, 1, "Alpha", DG));
    OK(cx_doc_add_paragraph(doc, "Zoë Ångström wrote Ελληνικά and Кириллица in one line.", DG));
    OK(cx_doc_add_paragraph(doc, "Some **bold** and *italic* words.", DG));
    OK(cx_doc_add_heading(doc, 2, "Beta", DG));
    const char *hdr[] = { "Name", "Value" };
    cx_align al[] = { CX_ALIGN_LEFT, CX_ALIGN_RIGHT };
    const char *cells[] = { "one", "1", "two", "2" };
    OK(cx_doc_add_table(doc, 2, hdr, al, 2, cells, DG));
    OK(cx_doc_add_page_break(doc, DG));
    OK(cx_doc_add_heading(doc, 1, "Gamma", DG));
    OK(cx_doc_add_heading(doc, 3, "Delta", DG));
    OK(cx_doc_add_paragraph(doc, "The end.", DG));
    return doc;
}

typedef struct out {
    unsigned char *bytes;
    size_t len;
    size_t npages;
} out;

static out render(const cx_doc *doc, const cx_render_opts *o)
{
    out r = { 0 };
    cx_layout_result *lr = NULL;
    OK(cx_layout(doc, o, &lr, DG));
    OK(cx_pdf_render(lr, doc, o, &r.bytes, &r.len, DG));
    r.npages = cx_layout_page_count(lr);
    cx_layout_free(lr);
    return r;
}

static char *tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "/tmp/cxreport-test-pdf-%ld-%s", (long)getpid(), name);
    return buf;
}

static void write_file(const char *path, const unsigned char *b, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* The whole file as a NUL-terminated string (caller frees). */
static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

/* Runs cmd (with %s = the PDF) and returns its stdout; NULL if it failed. */
static char *run_tool(const char *fmt, const char *pdf)
{
    char outp[256], cmd[1024];
    tmp_path(outp, sizeof outp, "tool.txt");
    char part[512];
    snprintf(part, sizeof part, fmt, pdf);
    snprintf(cmd, sizeof cmd, "%s > %s 2>/dev/null", part, outp);
    int rc = system(cmd);
    if (rc != 0) {
        remove(outp);
        return NULL;
    }
    char *s = read_file(outp);
    remove(outp);
    return s;
}

static size_t count(const unsigned char *hay, size_t len, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++)
        if (memcmp(hay + i, needle, k) == 0)
            n++;
    return n;
}

/* The value of "Name:   value" in pdfinfo's output ("" if absent). */
static const char *field(const char *info, const char *name, char buf[256])
{
    buf[0] = '\0';
    size_t n = strlen(name);
    for (const char *line = info; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
        if (strncmp(line, name, n) != 0 || line[n] != ':')
            continue;
        const char *v = line + n + 1;
        while (*v == ' ')
            v++;
        size_t len = strcspn(v, "\n");
        snprintf(buf, 256, "%.*s", (int)len, v);
        break;
    }
    return buf;
}

/* ---- tests ------------------------------------------------------------- */

static void bytes_are_a_complete_pdf(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    assert_true(r.len > 1000);
    assert_memory_equal(r.bytes, "%PDF-", 5);
    /* The file ends with the end-of-file marker and a newline. */
    assert_memory_equal(r.bytes + r.len - 6, "%%EOF\n", 6);
    free(r.bytes);
    cx_doc_free(doc);
}

static void two_renders_are_byte_identical(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out a = render(doc, &o), b = render(doc, &o);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.bytes, b.bytes, a.len);
    /* Nothing that changes from run to run: no document ID, and not
     * libharu's name and version as producer. */
    assert_int_equal(count(a.bytes, a.len, "/ID"), 0);
    assert_int_equal(count(a.bytes, a.len, "Haru"), 0);
    free(a.bytes);
    free(b.bytes);
    cx_doc_free(doc);
}

static void qpdf_finds_no_errors(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    char path[256], cmd[512];
    write_file(tmp_path(path, sizeof path, "check.pdf"), r.bytes, r.len);
    snprintf(cmd, sizeof cmd, "qpdf --check %s > /dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    remove(path);
    free(r.bytes);
    cx_doc_free(doc);
}

static void text_extracts_in_order_with_accents_greek_and_cyrillic(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    char path[256];
    write_file(tmp_path(path, sizeof path, "text.pdf"), r.bytes, r.len);
    char *txt = run_tool("pdftotext %s -", path);
    assert_non_null(txt);
    const char *a = strstr(txt, "Zoë Ångström wrote");
    assert_non_null(a);
    const char *g = strstr(a, "Ελληνικά");
    assert_non_null(g);
    const char *c = strstr(g, "Кириллица in one line.");
    assert_non_null(c);
    assert_non_null(strstr(txt, "Some bold and italic words."));
    /* The footer of the second page, and the contents on it. */
    char footer[64];
    snprintf(footer, sizeof footer, "Page 2 of %zu", r.npages);
    assert_non_null(strstr(txt, footer));
    assert_non_null(strstr(txt, "Contents"));
    free(txt);
    remove(path);
    free(r.bytes);
    cx_doc_free(doc);
}

/* Indentation of the line holding "title": "<t>" in qpdf's JSON: deeper
 * means nested. */
static long indent_of(const char *json, const char *title)
{
    char key[128];
    snprintf(key, sizeof key, "\"title\": \"%s\"", title);
    const char *p = strstr(json, key);
    if (!p)
        return -1;
    const char *q = p;
    while (q > json && q[-1] == ' ')
        q--;
    return (long)(p - q);
}

static void outline_has_one_bookmark_per_heading_nested_by_level(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    char path[256];
    write_file(tmp_path(path, sizeof path, "outline.pdf"), r.bytes, r.len);
    char *json = run_tool("qpdf --json --json-key=outlines %s", path);
    assert_non_null(json);
    size_t titles = 0;
    for (const char *p = json; (p = strstr(p, "\"title\":")); p++)
        titles++;
    assert_int_equal(titles, 4);        /* Alpha, Beta, Gamma, Delta */
    long ia = indent_of(json, "Alpha"), ib = indent_of(json, "Beta"),
         ig = indent_of(json, "Gamma"), id = indent_of(json, "Delta");
    assert_true(ia > 0);
    assert_true(ib > ia);               /* Beta (2) under Alpha (1) */
    assert_int_equal(ig, ia);           /* Gamma back at the top */
    assert_true(id > ig);               /* Delta (3) under Gamma */
    /* Top-level entries in document order (qpdf sorts each entry's keys,
     * so a parent's "kids" come before its own "title"). */
    assert_true(strstr(json, "\"Alpha\"") < strstr(json, "\"Gamma\""));
    /* Alpha and Beta on page 3 (title, contents, then a break); Gamma on
     * page 4 after the next break. */
    const char *pa = strstr(json, "\"destpageposfrom1\": 3");
    assert_non_null(pa);
    assert_non_null(strstr(json, "\"destpageposfrom1\": 4"));
    free(json);
    remove(path);
    free(r.bytes);
    cx_doc_free(doc);
}

static void contents_entries_are_borderless_links(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    /* Three entries: Alpha, Beta (level 2), Gamma; Delta (level 3) is not
     * listed. */
    assert_int_equal(count(r.bytes, r.len, "/Subtype /Link"), 3);
    assert_int_equal(count(r.bytes, r.len, "/Border [ 0 0 0 ]"), 3);
    free(r.bytes);
    cx_doc_free(doc);
}

static void document_information_comes_from_metadata_and_options(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    out r = render(doc, &o);
    /* The dates are plain literals in the (uncompressed) Info dictionary. */
    assert_int_equal(count(r.bytes, r.len, "/CreationDate (D:20261122000000+00'00')"), 1);
    assert_int_equal(count(r.bytes, r.len, "/ModDate (D:20261122000000+00'00')"), 1);
    char path[256];
    write_file(tmp_path(path, sizeof path, "info.pdf"), r.bytes, r.len);
    char *info = run_tool("pdfinfo -isodates %s", path);
    char buf[256];
    assert_non_null(info);
    assert_string_equal(field(info, "Title", buf), "Zoë's Report");
    assert_string_equal(field(info, "Author", buf), "Zoë Ångström");
    assert_string_equal(field(info, "Subject", buf), "Testing");
    assert_string_equal(field(info, "Keywords", buf), "pdf, test");
    assert_string_equal(field(info, "Creator", buf), "cxreport test");
    assert_string_equal(field(info, "Producer", buf), "cxreport test");
    assert_string_equal(field(info, "CreationDate", buf), "2026-11-22T00:00:00Z");
    assert_string_equal(field(info, "ModDate", buf), "2026-11-22T00:00:00Z");
    char pages[32];
    snprintf(pages, sizeof pages, "%zu", r.npages);
    assert_string_equal(field(info, "Pages", buf), pages);
    free(info);
    remove(path);
    free(r.bytes);
    cx_doc_free(doc);
}

static void only_the_faces_in_use_are_embedded(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    OK(cx_doc_add_paragraph(doc, "Only regular text.", DG));
    out r = render(doc, &o);
    /* Regular text and footer: one face. */
    assert_int_equal(count(r.bytes, r.len, "/FontFile2"), 1);
    free(r.bytes);
    OK(cx_doc_add_paragraph(doc, "Now **bold** and ***both***.", DG));
    r = render(doc, &o);
    assert_int_equal(count(r.bytes, r.len, "/FontFile2"), 3);
    free(r.bytes);
    cx_doc_free(doc);
}

static void missing_font_file_is_reported_with_its_path(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    cx_layout_result *lr = NULL;
    OK(cx_layout(doc, &o, &lr, DG));
    o.fonts.bold = "/nonexistent/dir/Bold.ttf";
    unsigned char *bytes = (unsigned char *)"x";
    size_t len = 7;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_pdf_render(lr, doc, &o, &bytes, &len, &d), CX_EOUTPUT);
    assert_null(bytes);
    assert_int_equal(len, 0);
    assert_string_equal(d.file, "/nonexistent/dir/Bold.ttf");
    assert_string_equal(d.message, "cannot open font file (bold face): No such file or directory");
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_file_that_is_not_a_font_fails_through_the_error_handler(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = sample_doc();
    cx_layout_result *lr = NULL;
    OK(cx_layout(doc, &o, &lr, DG));
    char path[256];
    tmp_path(path, sizeof path, "not-a-font.ttf");
    write_file(path, (const unsigned char *)"this is not a TrueType font at all", 34);
    o.fonts.italic = path;
    unsigned char *bytes = NULL;
    size_t len = 0;
    cx_diag d;
    cx_diag_clear(&d);
    /* libharu's error handler jumps back; everything is freed (the ASan
     * build checks for leaks). */
    assert_int_equal(cx_pdf_render(lr, doc, &o, &bytes, &len, &d), CX_EOUTPUT);
    assert_null(bytes);
    assert_string_equal(d.file, path);
    assert_non_null(strstr(d.message, "while loading a font file"));
    remove(path);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

static void a_date_beyond_year_9999_is_a_usage_error(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    cx_layout_result *lr = NULL;
    OK(cx_layout(doc, &o, &lr, DG));
    o.date_epoch = 400000000000LL;      /* about the year 14645 */
    unsigned char *bytes = NULL;
    size_t len = 0;
    cx_diag d;
    cx_diag_clear(&d);
    assert_int_equal(cx_pdf_render(lr, doc, &o, &bytes, &len, &d), CX_EUSAGE);
    assert_null(bytes);
    cx_layout_free(lr);
    cx_doc_free(doc);
}

/* The renderer draws whatever layout hands it: a result built by hand. */
static void a_hand_built_layout_renders_every_item_kind(void **state)
{
    (void)state;
    cx_render_opts o = opts();
    cx_doc *doc = cx_doc_new();
    cx_layout_result *lr = calloc(1, sizeof *lr);
    assert_non_null(lr);
    lr->arena = cx_arena_new();
    lr->page_width = 300;
    lr->page_height = 200;
    lr->npages = lr->cap_pages = 2;
    lr->pages = calloc(2, sizeof *lr->pages);
    cx_item *items = calloc(8, sizeof *items);
    assert_non_null(lr->pages);
    assert_non_null(items);
    items[0].kind = CX_ITEM_RECT;
    items[0].rect = (cx_item_rect){ 10, 10, 100, 50, CX_RGB(0xE1E9F2), CX_RGB(0x1D4E89), 1.0 };
    items[1].kind = CX_ITEM_LINE;
    items[1].line = (cx_item_line){ 10, 100, 290, 100, CX_RGB(0x616E7C), 1.0, { 1, 3 }, true };
    /* Not NUL-terminated at len: the renderer copies it. */
    items[2].kind = CX_ITEM_TEXT;
    items[2].text = (cx_item_text){ "Hand made!", 9, 1, 12, CX_RGB(0x1F2933), 20, 150, 60, 0 };
    items[3].kind = CX_ITEM_LINK;
    items[3].link = (cx_item_link){ 10, 140, 100, 20, 1, 180, NULL };
    items[4].kind = CX_ITEM_TEXT;
    items[4].text = (cx_item_text){ "Παράδειγμα", strlen("Παράδειγμα"), 2, 10,
                                    CX_RGB(0x000000), 20, 120, 60, 0 };
    /* A chart: a display list with a filled bar and a label. */
    cx_dl *dl = cx_dl_new(120, 40);
    assert_non_null(dl);
    cx_dl_rect(dl, 0, 10, 80, 20);
    cx_dl_style st = { .fill = CX_RGB(0x0072B2), .stroke = CX_NONE };
    cx_dl_paint(dl, &st, CX_DL_ROLE_BAR, 0, 0);
    cx_dl_text_run(dl, CX_DL_ROLE_VALUE_LABEL, 0, 0, 0, 8, CX_RGB(0x000000), CX_ANCHOR_LEFT, 84, 24,
                   0, 30, "Chart label", strlen("Chart label"));
    assert_true(cx_dl_ok(dl));
    items[5].kind = CX_ITEM_DL;
    items[5].dl = (cx_item_dl){ dl, 150, 80 };
    /* A key figure's arrow, and a web link whose address is not ASCII. */
    items[6].kind = CX_ITEM_POLYGON;
    items[6].polygon = (cx_item_polygon){ 3, { 200, 210, 205, 0 }, { 20, 20, 28, 0 },
                                          CX_RGB(0x1A7F37) };
    items[7].kind = CX_ITEM_LINK;
    items[7].link = (cx_item_link){ 10, 60, 80, 12, 0, 0, "https://example.com/caf\xC3\xA9 x" };
    lr->pages[0] = (cx_layout_page){ 8, items, 8 };
    unsigned char *bytes = NULL;
    size_t len = 0;
    OK(cx_pdf_render(lr, doc, &o, &bytes, &len, DG));
    char path[256], cmd[512];
    write_file(tmp_path(path, sizeof path, "hand.pdf"), bytes, len);
    snprintf(cmd, sizeof cmd, "qpdf --check %s > /dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    char *txt = run_tool("pdftotext %s -", path);
    assert_non_null(txt);
    assert_non_null(strstr(txt, "Hand made"));
    assert_null(strstr(txt, "Hand made!"));
    assert_non_null(strstr(txt, "Παράδειγμα"));
    assert_non_null(strstr(txt, "Chart label"));
    free(txt);
    assert_int_equal(count(bytes, len, "/Subtype /Link"), 2);
    /* PDF URIs are 7-bit ASCII: é and the space percent-encoded (libharu
     * writes '/' and '%' as octal escapes: \057, \045) */
    assert_int_equal(count(bytes, len,
                           "/URI (https:\\057\\057example.com\\057caf\\045C3\\045A9\\04520x)"),
                     1);
    remove(path);
    free(bytes);
    cx_layout_free(lr);
    cx_dl_free(dl);
    cx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bytes_are_a_complete_pdf),
        cmocka_unit_test(two_renders_are_byte_identical),
        cmocka_unit_test(qpdf_finds_no_errors),
        cmocka_unit_test(text_extracts_in_order_with_accents_greek_and_cyrillic),
        cmocka_unit_test(outline_has_one_bookmark_per_heading_nested_by_level),
        cmocka_unit_test(contents_entries_are_borderless_links),
        cmocka_unit_test(document_information_comes_from_metadata_and_options),
        cmocka_unit_test(only_the_faces_in_use_are_embedded),
        cmocka_unit_test(missing_font_file_is_reported_with_its_path),
        cmocka_unit_test(a_file_that_is_not_a_font_fails_through_the_error_handler),
        cmocka_unit_test(a_date_beyond_year_9999_is_a_usage_error),
        cmocka_unit_test(a_hand_built_layout_renders_every_item_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
