/*
 * test_ttsubset.c — TrueType subsets for libharu: the glyphs kept, their
 * new numbers, their metrics and outlines, the private code points that
 * reach them.
 *
 * Every expectation is read from the original font with FreeType
 * (character map, composite parts with FT_LOAD_NO_RECURSE, advances and
 * outline point counts), never from the subsetter; the subset is then
 * opened with FreeType from memory and compared.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/render/ttsubset.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define WQY "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

typedef struct pair { FT_Library lib; FT_Face orig, sub; unsigned char *bytes; size_t len; } pair;

static void open_pair(pair *p, const char *path, const uint32_t *cps, size_t n)
{
    memset(p, 0, sizeof *p);
    cx_diag d;
    cx_diag_clear(&d);
    cx_status st = cx_ttf_subset(path, cps, n, &p->bytes, &p->len, &d);
    if (st != CX_OK)
        print_error("%s\n", d.message);
    assert_int_equal(st, CX_OK);
    assert_int_equal(FT_Init_FreeType(&p->lib), 0);
    assert_int_equal(FT_New_Face(p->lib, path, 0, &p->orig), 0);
    assert_int_equal(FT_New_Memory_Face(p->lib, p->bytes, (FT_Long)p->len, 0, &p->sub), 0);
}

static void close_pair(pair *p)
{
    FT_Done_Face(p->sub);
    FT_Done_Face(p->orig);
    FT_Done_FreeType(p->lib);
    free(p->bytes);
}

/* Adds gid and (recursively) its composite parts to set (a bitmap). */
static void parts(FT_Face f, FT_UInt gid, unsigned char *set)
{
    if (set[gid])
        return;
    set[gid] = 1;
    assert_int_equal(FT_Load_Glyph(f, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE), 0);
    if (f->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
        return;
    FT_UInt n = f->glyph->num_subglyphs;
    FT_Int idx[16];
    assert_true(n <= 16);
    for (FT_UInt k = 0; k < n; k++) {
        FT_UInt flags;
        FT_Int a1, a2;
        FT_Matrix m;
        assert_int_equal(FT_Get_SubGlyph_Info(f->glyph, k, &idx[k], &flags, &a1, &a2, &m), 0);
    }
    for (FT_UInt k = 0; k < n; k++)
        parts(f, (FT_UInt)idx[k], set);
}

static long advance(FT_Face f, FT_ULong cp)
{
    assert_int_equal(FT_Load_Char(f, cp, FT_LOAD_NO_SCALE), 0);
    return f->glyph->metrics.horiAdvance;
}

static int points(FT_Face f, FT_ULong cp)
{
    assert_int_equal(FT_Load_Char(f, cp, FT_LOAD_NO_SCALE), 0);
    return f->glyph->outline.n_points;
}

/* Checks a subset of path for cps against the original, as described at
 * the top of the file. */
static void check_subset(const char *path, const uint32_t *cps, size_t n)
{
    pair p;
    open_pair(&p, path, cps, n);
    unsigned char *set = calloc((size_t)p.orig->num_glyphs, 1);
    assert_non_null(set);
    parts(p.orig, 0, set);
    for (size_t i = 0; i < n; i++)
        parts(p.orig, FT_Get_Char_Index(p.orig, cps[i]), set);
    long kept = 0;
    for (long g = 0; g < p.orig->num_glyphs; g++)
        kept += set[g];
    assert_int_equal(p.sub->num_glyphs, kept);
    for (size_t i = 0; i < n; i++) {
        assert_true(FT_Get_Char_Index(p.sub, cps[i]) != 0);
        assert_int_equal(advance(p.sub, cps[i]), advance(p.orig, cps[i]));
        assert_int_equal(points(p.sub, cps[i]), points(p.orig, cps[i]));
        /* the parts of a composite glyph carry new numbers, all in range */
        FT_UInt g = FT_Get_Char_Index(p.sub, cps[i]);
        assert_int_equal(FT_Load_Glyph(p.sub, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE), 0);
        for (FT_UInt k = 0; p.sub->glyph->format == FT_GLYPH_FORMAT_COMPOSITE
                            && k < p.sub->glyph->num_subglyphs; k++) {
            FT_Int idx;
            FT_UInt flags;
            FT_Int a1, a2;
            FT_Matrix m;
            FT_Get_SubGlyph_Info(p.sub->glyph, k, &idx, &flags, &a1, &a2, &m);
            assert_true(idx > 0 && idx < p.sub->num_glyphs && idx <= CX_TTF_GLYPH_LIMIT);
        }
    }
    /* every kept glyph g >= 1 answers to U+E000 + g */
    for (long g = 1; g < p.sub->num_glyphs; g++)
        assert_int_equal(FT_Get_Char_Index(p.sub, (FT_ULong)(0xE000 + g)), (FT_UInt)g);
    free(set);
    close_pair(&p);
}

static void a_subset_keeps_notdef_the_glyphs_and_their_parts(void **state)
{
    (void)state;
    /* é, Ä and ǻ are composite glyphs in DejaVu Sans (a letter and an accent) */
    static const uint32_t cps[] = { 'A', 'b', 0xE9, 0xC4, 0x1FB, 0x3A9 /* Ω */ };
    check_subset(DEJAVU, cps, sizeof cps / sizeof cps[0]);
}

static void characters_the_font_lacks_or_outside_the_basic_plane_are_left_out(void **state)
{
    (void)state;
    static const uint32_t cps[] = { 'A', 0x4FA1 /* not in DejaVu */, 0x1F600, 0xE001 };
    pair p;
    open_pair(&p, DEJAVU, cps, 4);
    /* .notdef and A */
    assert_int_equal(p.sub->num_glyphs, 2);
    assert_int_equal(FT_Get_Char_Index(p.sub, 0x4FA1), 0);
    assert_int_equal(FT_Get_Char_Index(p.sub, 0x1F600), 0);
    close_pair(&p);
}

static void a_subset_cmap_has_a_segment_per_cluster_of_code_points(void **state)
{
    (void)state;
    /* "Hello 09" and a repeated l, then the en dash U+2013 far away and
     * the euro U+20AC 153 code points beyond it: segments
     * U+0020..U+006F (gaps of at most 128), U+2013, U+20AC (a gap of
     * 152 > 128 before it), the private code points, and the closing
     * 0xFFFF one: 5. */
    static const uint32_t cps[] = { 'H', 'e', 'l', 'l', 'o', ' ', '0', '9', 0x2013, 0x20AC };
    pair p;
    open_pair(&p, DEJAVU, cps, sizeof cps / sizeof cps[0]);
    size_t ndir = (size_t)p.bytes[4] << 8 | p.bytes[5], off = 0;
    for (size_t t = 0; t < ndir; t++) {
        const unsigned char *r = p.bytes + 12 + 16 * t;
        if (memcmp(r, "cmap", 4) == 0)
            off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
    }
    assert_true(off > 0);
    const unsigned char *sub = p.bytes + off + 12;     /* the one (3,1) subtable */
    assert_int_equal(sub[0] << 8 | sub[1], 4);
    assert_int_equal((sub[6] << 8 | sub[7]) / 2, 5);
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
        assert_int_equal(FT_Get_Char_Index(p.sub, cps[i]) != 0, 1);
    /* code points in the gaps of a segment map to nothing */
    assert_int_equal(FT_Get_Char_Index(p.sub, 'f'), 0);
    assert_int_equal(FT_Get_Char_Index(p.sub, '5'), 0);
    assert_int_equal(FT_Get_Char_Index(p.sub, 0x2014), 0);
    close_pair(&p);
}

static void a_cjk_font_of_more_than_32767_glyphs_comes_out_below_the_limit(void **state)
{
    (void)state;
    if (access(WQY, R_OK) != 0) {
        skip();
        return;
    }
    /* 49,531 glyphs; 価 and 機 are built from parts numbered above 32,767 */
    FT_Library lib;
    FT_Face f;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, WQY, 0, &f), 0);
    assert_true(f->num_glyphs > CX_TTF_GLYPH_LIMIT);
    assert_int_equal((long)cx_ttf_glyph_count(WQY), f->num_glyphs);
    FT_Done_Face(f);
    FT_Done_FreeType(lib);
    static const uint32_t cps[] = { 0x4FA1, 0x6A5F, 0x3067, 'x' };
    check_subset(WQY, cps, 4);
}

static void a_file_that_is_not_a_font_is_an_error_naming_it(void **state)
{
    (void)state;
    unsigned char *b = NULL;
    size_t n = 0;
    cx_diag d;
    cx_diag_clear(&d);
    uint32_t a = 'a';
    assert_int_equal(cx_ttf_subset(__FILE__, &a, 1, &b, &n, &d), CX_EOUTPUT);
    assert_null(b);
    assert_string_equal(d.file, __FILE__);
    assert_int_equal(cx_ttf_subset("/no/such.ttf", &a, 1, &b, &n, &d), CX_EOUTPUT);
    assert_string_equal(d.file, "/no/such.ttf");
    assert_int_equal(cx_ttf_glyph_count("/no/such.ttf"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_subset_keeps_notdef_the_glyphs_and_their_parts),
        cmocka_unit_test(characters_the_font_lacks_or_outside_the_basic_plane_are_left_out),
        cmocka_unit_test(a_subset_cmap_has_a_segment_per_cluster_of_code_points),
        cmocka_unit_test(a_cjk_font_of_more_than_32767_glyphs_comes_out_below_the_limit),
        cmocka_unit_test(a_file_that_is_not_a_font_is_an_error_naming_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
