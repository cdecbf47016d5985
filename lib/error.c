/* The per-thread error message (libgit2 style): never a bare global. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "util.h"

#define CSM_ERRMSG_SIZE 16384

static _Thread_local char csm_errmsg[CSM_ERRMSG_SIZE];

const char *csm_error_last(void) { return csm_errmsg; }

void csm_error_clear(void) { csm_errmsg[0] = '\0'; }

static _Thread_local char csm_errraw[CSM_ERRMSG_SIZE];

size_t csm__escape_controls(char *dst, size_t size, const char *src, int keep_newline)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t n = 0;
	if (!size)
		return 0;
	for (; *s; s++) {
		unsigned c = *s;
		int c1 = c == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F; /* U+0080..U+009F, as UTF-8 */
		if ((c < 0x20 && !(keep_newline && c == '\n')) || c == 0x7F || c1) {
			unsigned v = c1 ? *++s : c;
			if (n + 4 >= size)
				break;
			dst[n++] = '\\';
			dst[n++] = 'x';
			dst[n++] = hex[v >> 4];
			dst[n++] = hex[v & 15];
			continue;
		}
		if (n + 1 >= size)
			break;
		dst[n++] = (char)c;
	}
	dst[n] = '\0';
	return n;
}

int csm__err(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(csm_errraw, sizeof csm_errraw, fmt, ap);
	va_end(ap);
	/* messages reach terminals: no input can send them an escape sequence */
	csm__escape_controls(csm_errmsg, sizeof csm_errmsg, csm_errraw, 1);
	return code;
}

int csm__nomem(void) { return csm__err(CSM_ENOMEM, "out of memory"); }

/* Room in `p` for a line of `n` bytes, its separator and the NUL. */
static int grow(csm__problems *p, size_t n)
{
	size_t cap = p->cap ? p->cap * 2 : 1024;
	char *t;
	while (cap < p->len + n + 2)
		cap *= 2;
	t = realloc(p->text, cap);
	if (!t)
		return -1;
	p->text = t;
	p->cap = cap;
	return 0;
}

/* Each problem whole, however long (a file's path may be 4 KiB): the
 * message as a whole is bounded by csm__err's buffer. */
void csm__problem(csm__problems *p, const char *fmt, ...)
{
	csm__buf raw = {0}, line = {0};
	va_list ap;

	p->count++;
	if (p->count > CSM_MAX_PROBLEMS || p->nomem)
		return;
	va_start(ap, fmt);
	csm__buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	csm__buf_escaped(&line, raw.s ? raw.s : ""); /* one line each */
	if (raw.nomem || line.nomem || (p->len + line.len + 2 > p->cap && grow(p, line.len) != 0)) {
		p->nomem = 1;
	} else {
		if (p->len)
			p->text[p->len++] = '\n';
		memcpy(p->text + p->len, line.s ? line.s : "", line.len);
		p->len += line.len;
		p->text[p->len] = '\0';
	}
	csm__buf_free(&raw);
	csm__buf_free(&line);
}

int csm__problems_finish(csm__problems *p)
{
	int rc = 0;
	if (p->nomem) {
		rc = csm__nomem();
	} else if (p->count > CSM_MAX_PROBLEMS) {
		rc = csm__err(CSM_EINVALID, "%s\n(%u more problems not shown)", p->text,
		              p->count - CSM_MAX_PROBLEMS);
	} else if (p->count) {
		rc = csm__err(CSM_EINVALID, "%s", p->text);
	}
	free(p->text);
	memset(p, 0, sizeof *p);
	return rc;
}
