/*
 * image.h — what a picture file is, without decoding it.
 *
 * Logos, cover images and image blocks are PNG or JPEG files that the PDF
 * writer embeds as they are (libharu decodes them).  Layout only needs to
 * know that a file is one of those and how many pixels it has, to keep
 * its proportions; cx_image_probe reads the header for that (PNG: the
 * IHDR chunk; JPEG: the first start-of-frame marker) and nothing more.
 *
 * Errors: CX_EDATA with the file's path in diag->file ("cannot open
 * image: ...", "not a PNG or JPEG image", a JPEG kind libharu cannot
 * embed); nothing is allocated.
 */
#ifndef CXREPORT_IMAGE_H
#define CXREPORT_IMAGE_H

#include "cxreport/diag.h"

typedef enum cx_image_format { CX_IMAGE_PNG = 1, CX_IMAGE_JPEG = 2 } cx_image_format;

typedef struct cx_image_info {
    cx_image_format format;
    unsigned width, height;     /* pixels, both > 0 */
} cx_image_info;

cx_status cx_image_probe(const char *path, cx_image_info *info, cx_diag *diag);

#endif
