/* What the renderers (render_*.c) share: the columns and wrapping of the
 * text outputs (render_text.c) and the JSON list of moved items
 * (render_json.c). */
#ifndef CSM_RENDER_H
#define CSM_RENDER_H

#include "util.h"

/* Append `s` padded (or right-aligned) to `width` display columns. */
void csm__rcell(csm__buf *b, const char *s, size_t width, int right);
/* Append `s` wrapped to `width` columns, each line after the first indented
 * by `indent`. Breaks at spaces, or between wide (CJK) characters. */
void csm__rwrap(csm__buf *b, const char *s, size_t indent, size_t width);
/* A score with one decimal into `buf`, or "-" without one (`has` 0). */
void csm__rnum(char *buf, size_t size, int has, double v);
/* The items that moved (csm__moved_items' "9-1 2→3, 3-4 1→2") as JSON
 * strings, without the brackets; `text` (may be NULL) is cut up in place. */
void csm__rjson_moved(csm__buf *b, char *text);

#endif
