/* The per-thread error message (libgit2 style): never a bare global. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CSM_ERRMSG_SIZE 16384

static _Thread_local char csm_errmsg[CSM_ERRMSG_SIZE];

const char *csm_error_last(void) { return csm_errmsg; }

void csm_error_clear(void) { csm_errmsg[0] = '\0'; }

int csm__err(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(csm_errmsg, sizeof csm_errmsg, fmt, ap);
	va_end(ap);
	return code;
}

int csm__nomem(void) { return csm__err(CSM_ENOMEM, "out of memory"); }

void csm__problem(csm__problems *p, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	size_t n;

	p->count++;
	if (p->count > CSM_MAX_PROBLEMS || p->nomem)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = strlen(line);
	if (p->len + n + 2 > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;
		char *t;
		while (cap < p->len + n + 2)
			cap *= 2;
		t = realloc(p->text, cap);
		if (!t) {
			p->nomem = 1;
			return;
		}
		p->text = t;
		p->cap = cap;
	}
	if (p->len)
		p->text[p->len++] = '\n';
	memcpy(p->text + p->len, line, n + 1);
	p->len += n;
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
