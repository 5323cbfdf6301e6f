/*
 * doc_internal.h — the document's state, shared by the files of src/doc/
 * (doc.c: metadata and the basic blocks; doc_blocks.c: typography blocks,
 * labels and notes; appendix.c: what cx_doc_finish adds).  Not a public
 * interface: everything outside src/doc/ goes through doc.h.
 */
#ifndef CX_DOC_INTERNAL_H
#define CX_DOC_INTERNAL_H

#include "cxreport/doc.h"

struct cx_doc {
    cx_arena *arena;
    cx_doc_meta meta;
    cx_block *blocks;       /* malloc'd, grows by doubling */
    size_t nblocks, cap;
    const char *src_file;   /* arena copy; NULL = unknown */
    long src_line;
    int nfigures;           /* captioned charts so far */
    int ntables;            /* captioned tables so far */
    cx_rich *notes;         /* end notes in order; arena-owned, grows by doubling */
    cx_block *note_src;     /* per note: src_file and src_line of its marker */
    size_t nnotes, cap_notes;
    size_t *labeled;        /* indices of the blocks with a label; arena-owned */
    size_t nlabeled, cap_labeled;
    bool has_notes_block;
    bool finished;
};

/* doc.c's helpers for the other files of the stage. */
cx_status cx_doc_oom(cx_doc *doc, cx_diag *diag);
/* s present and valid UTF-8; `what` names it in the message. */
cx_status cx_doc_check_text(cx_doc *doc, const char *s, const char *what, cx_diag *diag);
/* Inline markup into out, end notes numbered (see cx_doc_number_notes). */
cx_status cx_doc_parse_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag);
/* Plain text as one span (none when empty). */
cx_status cx_doc_plain_rich(cx_doc *doc, const char *s, cx_rich *out, cx_diag *diag);
/* Appends a zeroed block stamped with the source position (not yet
 * counted: the caller increments nblocks once it is complete); NULL on
 * out of memory. */
cx_block *cx_doc_push_block(cx_doc *doc, cx_block_kind kind);

/* rich.c: the markup of an end note (a note inside a note is literal). */
cx_status cx_rich_parse_note(cx_arena *arena, const char *markup, cx_rich *out, cx_diag *diag);

/* doc_blocks.c: gives every note marker of r (note == -1, its markup as
 * text) the next number, parses the note and keeps it in doc->notes. */
cx_status cx_doc_number_notes(cx_doc *doc, cx_rich *r, cx_diag *diag);

#endif
