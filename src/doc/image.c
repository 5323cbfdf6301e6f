/*
 * image.c — picture files: probing their header (image.h).
 *
 * Reads at most the header of a file: the PNG signature and IHDR chunk,
 * or the JPEG markers up to the first start-of-frame.  Never decodes
 * pixels (libharu does, when the PDF is written) and never resolves
 * paths: the script binding decides which files a script may name.
 */
#include "cxreport/image.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8
           | p[3];
}

static cx_status bad(cx_diag *diag, const char *path, const char *what)
{
    return cx_diag_set(diag, CX_EDATA, path, 0, 0, "%s", what);
}

static cx_status probe_png(FILE *f, const char *path, cx_image_info *info, cx_diag *diag)
{
    unsigned char h[16];            /* after the signature: IHDR length, type, w, h */
    if (fread(h, 1, sizeof h, f) != sizeof h || be32(h) != 13 || memcmp(h + 4, "IHDR", 4) != 0)
        return bad(diag, path, "PNG image: the header (IHDR) is missing or damaged");
    unsigned long w = be32(h + 8), ht = be32(h + 12);
    if (w == 0 || ht == 0 || w > 100000 || ht > 100000)
        return cx_diag_set(diag, CX_EDATA, path, 0, 0, "PNG image: %lu x %lu pixels is not a "
                           "usable size (1 to 100000 each way)", w, ht);
    *info = (cx_image_info){ CX_IMAGE_PNG, (unsigned)w, (unsigned)ht };
    return CX_OK;
}

/* Walks the markers to the first start-of-frame.  libharu embeds baseline
 * and progressive JPEG (SOF0..SOF2) in grey, RGB or CMYK. */
static cx_status probe_jpeg(FILE *f, const char *path, cx_image_info *info, cx_diag *diag)
{
    for (int guard = 0; guard < 1000; guard++) {
        int c = fgetc(f);
        while (c == 0xFF)
            c = fgetc(f);
        if (c == EOF)
            break;
        if (c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
            continue;                   /* markers without a length */
        unsigned char lb[2];
        if (fread(lb, 1, 2, f) != 2 || be16(lb) < 2)
            break;
        unsigned len = be16(lb) - 2;
        bool sof = c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC;
        if (!sof) {
            if (fseek(f, (long)len, SEEK_CUR) != 0)
                break;
            continue;
        }
        unsigned char s[6];
        if (len < 6 || fread(s, 1, 6, f) != 6)
            break;
        if (c > 0xC2)
            return bad(diag, path, "JPEG image: lossless, hierarchical and arithmetic-coded "
                                   "JPEG cannot be embedded (save it as baseline JPEG)");
        unsigned ht = be16(s + 1), w = be16(s + 3), comps = s[5];
        if (comps != 1 && comps != 3 && comps != 4)
            return bad(diag, path, "JPEG image: only grey, RGB and CMYK images can be embedded");
        if (w == 0 || ht == 0)
            return bad(diag, path, "JPEG image: the frame has no size");
        *info = (cx_image_info){ CX_IMAGE_JPEG, w, ht };
        return CX_OK;
    }
    return bad(diag, path, "JPEG image: no frame header found (damaged or truncated file)");
}

cx_status cx_image_probe(const char *path, cx_image_info *info, cx_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cx_diag_set(diag, CX_EDATA, path, 0, 0, "cannot open image: %s", strerror(errno));
    unsigned char sig[8];
    size_t got = fread(sig, 1, sizeof sig, f);
    cx_status st;
    if (got == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0) {
        st = probe_png(f, path, info, diag);
    } else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        st = fseek(f, 2, SEEK_SET) == 0 ? probe_jpeg(f, path, info, diag)
                                          : bad(diag, path, "cannot read image");
    } else {
        st = bad(diag, path, "not a PNG or JPEG image");
    }
    fclose(f);
    return st;
}
