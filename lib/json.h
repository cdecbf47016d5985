/* Reading JSON input and writing JSON numbers and strings (json.c). */
#ifndef CSM_JSON_H
#define CSM_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "util.h"

/* A JSON number for output into buf (at least 32 bytes): whole numbers as
 * integers, others the shortest of %.15g and %.17g that reads back exactly
 * (cJSON's own rule). Returns the length. */
size_t csm__format_number(char *buf, double v);
/* Append a number (csm__format_number) or a JSON string (escaped by cJSON). */
void csm__buf_number(csm__buf *b, double v);
void csm__buf_json_string(csm__buf *b, const char *s);

/* Parse JSON with UTF-8 validation, an optional BOM, duplicate-key and
 * depth checks; errors name `name` and the line/column or key path. */
int csm__json_parse(cJSON **out, const char *data, size_t len, const char *name);
/* Between these, trees that csm__json_parse builds in this thread live in
 * `buf` (and malloc past it); every such tree must be deleted before _end,
 * and nothing else of it kept. */
void csm__json_arena_begin(char *buf, size_t cap);
/* cJSON_Delete for a tree csm__json_parse built in the arena (a no-op unless
 * part of it spilled to malloc). */
void csm__json_arena_delete(cJSON *root);
void csm__json_arena_end(void);
/* Check `"format": "<family>/<major>"`: family must match, major must be 1. */
int csm__json_format(const cJSON *root, const char *family, const char *name);
/* A string member with length cap, or NULL (recording a problem if it has the
 * wrong type or is too long). `where` names the member in messages. */
const char *csm__json_string(const cJSON *obj, const char *key, size_t max,
                             csm__problems *p, const char *name, const char *where);
/* As csm__json_string(), for a one-line field: a control character is a problem. */
const char *csm__json_line(const cJSON *obj, const char *key, size_t max, csm__problems *p, const char *name,
                           const char *where);
/* A {"ja": ..., "en": ...} member: both strings copied into out[2]. */
int csm__json_lang_pair(char *out[2], const cJSON *obj, const char *key, int required,
                        csm__problems *p, const char *name, const char *where);

#endif
