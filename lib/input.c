/* Reading input files for programs: whole (with the library's cap), or by
 * lines with bounded memory (JSON Lines). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "error.h"
#include "util.h"

int csm_file_read(char **out, size_t *len, const char *path)
{
	CSM__ARGS(out && len && path);
	return csm__read_file(out, len, path, CSM_MAX_FILE_BYTES);
}

#define READ_AHEAD 65536

struct csm_lines {
	FILE *f;
	char *path;
	char *buf; /* the line */
	size_t cap, pos, end;
	char in[READ_AHEAD]; /* read ahead of it: in[pos..end) */
};

int csm_lines_open(csm_lines **out, const char *path, long long start)
{
	csm_lines *r;
	int is_stdin;
	CSM__ARGS(out && path && start >= 0);
	*out = NULL;
	is_stdin = strcmp(path, "-") == 0;
	if (is_stdin && start)
		return csm__err(CSM_EINVALID, "%s: standard input cannot be read from byte %lld", path, start);
	if (!(r = calloc(1, sizeof *r)) || !(r->path = csm__strdup(path))) {
		free(r);
		return csm__nomem();
	}
	r->f = is_stdin ? stdin : fopen(path, "rb");
	if (!r->f) {
		int rc = csm__err(CSM_EINVALID, "%s: cannot open: %s", path, strerror(errno));
		csm_lines_free(r);
		return rc;
	}
	if (start && fseeko(r->f, (off_t)start, SEEK_SET) != 0) {
		int rc = csm__err(CSM_EIO, "%s: cannot read: %s", path, strerror(errno));
		csm_lines_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void csm_lines_free(csm_lines *r)
{
	if (!r)
		return;
	if (r->f && r->f != stdin)
		fclose(r->f);
	free(r->buf);
	free(r->path);
	free(r);
}

/* Keep `take` more bytes of the line at r->buf + n, unless it would pass the
 * bound or no memory can be had: then the line is too long. */
static int keep(csm_lines *r, size_t n, const char *src, size_t take)
{
	if (n + take > CSM_MAX_FILE_BYTES)
		return 0;
	if (n + take + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : READ_AHEAD;
		char *t;
		while (cap < n + take + 1)
			cap *= 2;
		if (cap > CSM_MAX_FILE_BYTES + 2u)
			cap = CSM_MAX_FILE_BYTES + 2u;
		if (!(t = realloc(r->buf, cap)))
			return 0;
		r->buf = t;
		r->cap = cap;
	}
	memcpy(r->buf + n, src, take);
	return 1;
}

int csm_lines_next(const char **line, size_t *len, unsigned long long *used, int *too_long, csm_lines *r)
{
	size_t n = 0;
	CSM__ARGS(r && line && len && used && too_long);
	*line = "";
	*len = 0;
	*used = 0;
	*too_long = 0;
	for (;;) {
		const char *start, *nl;
		size_t take;
		if (r->pos == r->end) {
			r->pos = 0;
			if (!(r->end = fread(r->in, 1, READ_AHEAD, r->f)))
				break;
		}
		start = r->in + r->pos;
		nl = memchr(start, '\n', r->end - r->pos);
		take = nl ? (size_t)(nl - start) + 1 : r->end - r->pos;
		if (!*too_long) {
			if (keep(r, n, start, take))
				n += take;
			else
				*too_long = 1;
		}
		r->pos += take;
		*used += take;
		if (nl)
			break;
	}
	if (ferror(r->f))
		return csm__err(CSM_EIO, "%s: cannot read: %s", r->path, strerror(errno));
	if (!*used)
		return 0;
	if (!*too_long && r->buf) {
		r->buf[n] = '\0';
		*line = r->buf;
		*len = n;
	}
	return 1;
}
