/* The library's user-visible words (messages.c). */
#ifndef CSM_MESSAGES_H
#define CSM_MESSAGES_H

#include <stdarg.h>
#include <stddef.h>

#include "csm.h"

#define CSM__LANGS 2 /* values of csm_lang: every message has one text per language */

typedef struct csm__message {
	const char *key;
	const char *text[CSM__LANGS]; /* indexed by csm_lang */
} csm__message;

/* The text of `key` in `lang` (static storage, never NULL). A key missing
 * from the table is a programming error (asserted; release builds return the
 * key itself). */
const char *csm__msg(const char *key, csm_lang lang);
/* The word for a questionnaire's groups in `lang`: its "group_word" ("Part")
 * or "Directive" (指示). Every report that names a group says it so. */
const char *csm__group_word(const csm_questionnaire *q, csm_lang lang);
/* The whole table, sorted by key, for its test. */
const csm__message *csm__msg_table(size_t *out_count);
/* printf with a text of the table as the format: `msg` is csm__msg(key,
 * lang). The compiler cannot check a format it does not see, so these take
 * only the table's texts, whose conversions test_messages checks to be the
 * same in every language; the caller passes arguments to match. */
struct csm__buf;
void csm__buf_msgf(struct csm__buf *b, const char *msg, ...);
void csm__buf_vmsgf(struct csm__buf *b, const char *msg, va_list ap);
/* Like snprintf: into `dst` of `size` bytes, cut to fit. */
int csm__msg_snprintf(char *dst, size_t size, const char *msg, ...);

#endif
