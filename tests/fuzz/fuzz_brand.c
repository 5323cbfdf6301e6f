/*
 * fuzz_brand.c — libFuzzer harness for the brand loader (src/script/brand.c)
 * and what a loaded brand drives: fonts, logo, cover, furniture, layout and
 * the PDF writer.
 *
 * The input is the text of brand.lua.  It is written into one private
 * temporary folder (made on the first run) that also holds a copy of the
 * meridian brand's logo.png, so `logo = "logo.png"` and `cover = { image =
 * "logo.png" }` can succeed.  A brand that loads is applied to a small
 * document (title page, heading, paragraph, table, a second page) which is
 * laid out and rendered to PDF bytes in memory.  Any error is a fine
 * outcome when it comes with a diagnostic; a crash, a leak or a sanitizer
 * report is a bug.
 *
 * Must never: print (libFuzzer owns the output), or leave files behind.
 */
#include "cxreport/brand.h"
#include "cxreport/diag.h"
#include "cxreport/doc.h"
#include "cxreport/layout.h"
#include "cxreport/render.h"

#include "fuzz_files.h"

#ifndef CX_TEMPLATES_DIR
#error "define CX_TEMPLATES_DIR: the folder holding brands/meridian/logo.png"
#endif

static const char *dir, *brand_file;

static void setup(void)
{
    dir = fuzz_private_dir("brand");
    brand_file = fuzz_file("brand.lua");
    fuzz_copy(CX_TEMPLATES_DIR "/brands/meridian/logo.png", fuzz_file("logo.png"));
}

/* A document that uses every piece of furniture a brand can style. */
static cx_status small_doc(cx_doc *doc, cx_diag *diag)
{
    static const char *const header[] = { "Vendor", "NPS" };
    static const char *const cells[] = { "Contoso", "42", "Fabrikam", "−3" };
    cx_status st;
    if ((st = cx_doc_set_meta(doc, "title", "Fuzz report", diag)) != CX_OK ||
        (st = cx_doc_set_meta(doc, "prepared_for", "Ωmega Ltd", diag)) != CX_OK ||
        (st = cx_doc_add_heading(doc, 1, "Results", diag)) != CX_OK ||
        (st = cx_doc_add_paragraph(doc, "Some **bold** and *italic* text, ÅÉß 日本.", diag)) != CX_OK ||
        (st = cx_doc_add_table(doc, 2, header, NULL, 2, cells, diag)) != CX_OK ||
        (st = cx_doc_add_page_break(doc, diag)) != CX_OK ||
        (st = cx_doc_add_heading(doc, 2, "More", diag)) != CX_OK)
        return st;
    return cx_doc_finish(doc, true, diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir)
        setup();
    fuzz_write(brand_file, data, size);

    cx_brand *brand = NULL;
    cx_diag diag;
    cx_diag_clear(&diag);
    cx_status st = cx_brand_load(dir, &brand, &diag);
    /* The contract: a brand exactly on success, a diagnostic otherwise. */
    if ((st == CX_OK) != (brand != NULL) || (st != CX_OK && diag.message[0] == '\0'))
        abort();
    if (st == CX_OK) {
        cx_render_opts opts;
        cx_theme theme;
        cx_brand_apply(brand, &opts, &theme);
        opts.producer = "cxreport fuzz";
        cx_doc *doc = cx_doc_new();
        if (!doc)
            fuzz_die("out of memory");
        cx_layout_result *layout = NULL;
        unsigned char *pdf = NULL;
        size_t len = 0;
        if (small_doc(doc, &diag) != CX_OK)
            fuzz_die(diag.message); /* the same document every time */
        if (cx_layout_themed(doc, &opts, &theme, &layout, &diag) == CX_OK)
            (void)cx_pdf_render(layout, doc, &opts, &pdf, &len, &diag);
        free(pdf);
        cx_layout_free(layout);
        cx_doc_free(doc);
    }
    cx_brand_free(brand);
    return 0;
}
