/*
 * linebreak.h — styled text into lines of runs (internal to layout).
 *
 * Greedy filling on white space across styled spans: a run of ASCII white
 * space is one break opportunity drawn as one space; a word longer than
 * the line is broken between characters (never inside a UTF-8 sequence),
 * so no line is ever wider than asked, except a line holding a single
 * character wider than the whole measure.  Widths come from cx_font, in
 * 1/1000 em summed as integers, so a line's width is exactly the sum of
 * its characters' advances.
 *
 * Links, references and note markers stay runs of their own (run->span
 * says which), so layout can make them clickable; a reference's text
 * ("Figure 3") comes from a resolver layout installs; a note marker is
 * measured as a superscript (CX_SUPER_PERCENT of the size).  Text to be
 * justified is broken with cx_linebreak_words: every word is then a run
 * of its own and run->gap counts the word spaces before it, so layout can
 * widen the spaces without measuring again.
 *
 * Ownership: lines, runs and run text are allocated in the arena given to
 * cx_linebreak_new; the breaker itself only owns scratch buffers
 * (cx_linebreak_free, accepts NULL).
 */
#ifndef CX_LAYOUT_LINEBREAK_H
#define CX_LAYOUT_LINEBREAK_H

#include "cxreport/arena.h"
#include "cxreport/doc.h"
#include "font.h"

/* A note marker's size as a percentage of the text's. */
enum { CX_SUPER_PERCENT = 65 };

typedef struct cx_lrun {
    const char *text;       /* arena copy, NUL-terminated */
    size_t len;
    int face;
    double x;               /* from the start of the line, pt */
    double width;           /* pt */
    int gap;                /* word spaces before the run on its line */
    const cx_span *span;    /* the link, reference or note marker the run
                               draws; NULL = plain text */
} cx_lrun;

typedef struct cx_lline {
    cx_lrun *runs;
    size_t nruns;
    double width;           /* pt; no trailing space */
    int gaps;               /* word spaces on the line */
} cx_lline;

typedef struct cx_ltext {
    cx_lline *lines;
    size_t nlines;
    double size;            /* pt */
} cx_ltext;

typedef struct cx_linebreak cx_linebreak;

cx_linebreak *cx_linebreak_new(cx_font *font, cx_arena *arena);
void cx_linebreak_free(cx_linebreak *lb);

/* The text of a reference span ({ref:LABEL}), or NULL when the label is
 * unknown (the breaker then fails with CX_ESCRIPT naming the label).
 * Without a resolver a reference prints its label. */
typedef const char *(*cx_ref_fn)(void *ctx, const cx_span *span);
void cx_linebreak_set_refs(cx_linebreak *lb, cx_ref_fn fn, void *ctx);

/* Breaks r (each span's style OR extra_style picks the face) at size into
 * lines at most max_width wide.  Empty text gives zero lines.  Fails only
 * on out of memory (CX_EINTERNAL). */
cx_status cx_linebreak_rich(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                            double size, double max_width, cx_ltext *out, cx_diag *diag);

/* The same with every word a run of its own (see above), for justified
 * text. */
cx_status cx_linebreak_words(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                             double size, double max_width, cx_ltext *out, cx_diag *diag);

/* The same for plain text in one face. */
cx_status cx_linebreak_plain(cx_linebreak *lb, const char *s, int face, double size,
                             double max_width, cx_ltext *out, cx_diag *diag);

/* Width of r on one unbroken line (words joined by single spaces) and of
 * its widest word, in pt. */
void cx_linebreak_measure(cx_linebreak *lb, const cx_rich *r, unsigned extra_style,
                          double size, double *natural, double *widest_word);

#endif
