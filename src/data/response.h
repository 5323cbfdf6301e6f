/*
 * response.h — one JSON response into a table row, and the shape of
 * response error messages (internal to src/data; used by the .json and
 * JSON Lines loaders, and for the message prefix by the CSV loader).
 */
#ifndef CX_DATA_RESPONSE_H
#define CX_DATA_RESPONSE_H

#include "builder.h"

/* Converts the response whose text [text, end) (accepted by jscan)
 * starts at line:col: parses it, fills a row.  index is 1-based.  On a
 * bad response fills d, pointed at the offending value. */
cx_status cx_response_add(cx_tb *b, const char *file, size_t index, const char *text,
                          const char *end, long line, long col, cx_diag *d);

/* "response 602 (id \"R00602\")": id is the id as written (quoted for a
 * string), or NULL. */
void cx_response_name(char *buf, size_t size, size_t index, const char *id);

/* The final diagnostic for a builder error on a field (or, with
 * field NULL, on the response as a whole). */
cx_status cx_response_error(cx_diag *d, const char *file, long line, long col,
                            size_t index, const char *id, const char *field,
                            const cx_tb_err *e, const char *found);

#endif
