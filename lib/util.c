/* Small helpers: strings, a growable buffer, bounded file reading, UTF-8. */
#define _GNU_SOURCE /* O_TMPFILE: without it the nameless file falls back to a name for a moment */
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "util.h"

char *csm__strdup(const char *s) { return s ? csm__strndup(s, strlen(s)) : NULL; }

char *csm__strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

void csm__buf_add_grow(csm__buf *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *t;
		while (cap < b->len + n + 1)
			cap *= 2;
		t = realloc(b->s, cap);
		if (!t) {
			b->nomem = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}


void csm__buf_vprintf(csm__buf *b, const char *fmt, va_list ap)
{
	char small[512];
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		b->nomem = 1;
	} else if ((size_t)n < sizeof small) {
		csm__buf_add(b, small, (size_t)n);
	} else {
		char *big = malloc((size_t)n + 1);
		if (!big) {
			b->nomem = 1;
		} else {
			vsnprintf(big, (size_t)n + 1, fmt, again);
			csm__buf_add(b, big, (size_t)n);
			free(big);
		}
	}
	va_end(again);
}

void csm__buf_printf(csm__buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	csm__buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void csm__buf_pad(csm__buf *b, size_t used, size_t width)
{
	static const char spaces[] = "                                        ";
	while (used < width) {
		size_t n = width - used;
		if (n > sizeof spaces - 1)
			n = sizeof spaces - 1;
		csm__buf_add(b, spaces, n);
		used += n;
	}
}

int csm__buf_finish(csm__buf *b, char **out)
{
	*out = NULL;
	if (!b->nomem && !b->s)
		csm__buf_add(b, "", 0);
	if (b->nomem) {
		csm__buf_free(b);
		return csm__nomem();
	}
	*out = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return 0;
}

void csm__buf_csv(csm__buf *b, const char *s)
{
	const char *c;
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		csm__buf_puts(b, "\"");
	if (formula)
		csm__buf_puts(b, "'");
	for (c = s; *c; c++)
		csm__buf_add(b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
	if (quote)
		csm__buf_puts(b, "\"");
}

void csm__buf_escaped(csm__buf *b, const char *s)
{
	size_t size = 4 * strlen(s) + 1;
	char *t = malloc(size);
	if (!t) {
		b->nomem = 1;
		return;
	}
	csm__buf_add(b, t, csm__escape_controls(t, size, s, 0));
	free(t);
}

void csm__buf_free(csm__buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* A name for an inherited descriptor: /dev/stdin, /dev/fd/N, /proc/self/fd/N. */
static int is_fd_path(const char *path)
{
	const char *n;
	if (strcmp(path, "/dev/stdin") == 0)
		return 1;
	n = strncmp(path, "/dev/fd/", 8) == 0 ? path + 8 : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14 : NULL;
	if (!n || !*n)
		return 0;
	while (*n >= '0' && *n <= '9')
		n++;
	return *n == '\0';
}

/* Refuse what could block or never end (a named pipe, a device, a socket), a
 * directory, and a regular file over `max`; a pipe handed over as /dev/fd/N
 * (a shell's <(...)) is made blocking again so that it can be read whole. */
static int check_kind(int fd, const struct stat *st, const char *path, size_t max)
{
	if (S_ISDIR(st->st_mode))
		return csm__err(CSM_EINVALID, "%s: is a directory, not a file", path);
	if (!S_ISREG(st->st_mode) && !(S_ISFIFO(st->st_mode) && is_fd_path(path)))
		return csm__err(CSM_EINVALID, "%s: is %s, not a regular file", path,
		                S_ISFIFO(st->st_mode)   ? "a named pipe (FIFO)"
		                : S_ISSOCK(st->st_mode) ? "a socket"
		                                        : "a device");
	/* Regular files ignore O_NONBLOCK: two system calls a file saved. */
	if (!S_ISREG(st->st_mode) && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		return csm__err(CSM_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (S_ISREG(st->st_mode) && (unsigned long long)st->st_size > max)
		return csm__err(CSM_EINVALID, "%s: file is too large (%lld bytes; the limit is %zu)", path,
		                (long long)st->st_size, max);
	return 0;
}

/* Read `fd` to its end into a NUL-terminated buffer, whatever fstat said:
 * pipes and /proc files report 0. One byte beyond the size and the NUL: the
 * read that meets the end then needs no larger buffer (and no copy). */
static int read_all(char **out, size_t *len, int fd, const struct stat *st, const char *path, size_t max, char *buf,
                    size_t buf_size)
{
	size_t n = 0, cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 2 : 65536;
	char *data;
	int rc = 0;
	if (buf && cap <= buf_size) { /* the caller's buffer (csm__read_file_in) */
		data = buf;
		cap = buf_size;
	} else {
		data = malloc(cap);
	}
	if (!data)
		return csm__nomem();
	for (;;) {
		ssize_t r;
		if (n + 1 >= cap) {
			char *t;
			if (cap > max + 1) {
				rc = csm__err(CSM_EINVALID, "%s: file is too large (the limit is %zu bytes)", path, max);
				goto cleanup;
			}
			t = data == buf ? malloc(cap * 2) : realloc(data, cap * 2);
			if (t && data == buf)
				memcpy(t, buf, n);
			if (!t) {
				rc = csm__nomem();
				goto cleanup;
			}
			data = t;
			cap *= 2;
		}
		r = read(fd, data + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rc = csm__err(CSM_EINVALID, "%s: cannot read: %s", path, strerror(errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			rc = csm__err(CSM_EINVALID, "%s: file is too large (the limit is %zu bytes)", path, max);
			goto cleanup;
		}
	}
	data[n] = '\0';
	*out = data;
	*len = n;
	data = NULL;
cleanup:
	if (data != buf)
		free(data);
	return rc;
}

int csm__read_file(char **out, size_t *len, const char *path, size_t max)
{
	return csm__read_file_in(out, len, path, max, NULL, 0);
}

int csm__read_file_in(char **out, size_t *len, const char *path, size_t max, char *buf, size_t buf_size)
{
	struct stat st;
	int fd, rc;

	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO with no writer would wait forever */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return csm__err(CSM_EINVALID, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0)
		rc = csm__err(CSM_EIO, "%s: cannot read: %s", path, strerror(errno));
	else if (!(rc = check_kind(fd, &st, path, max)))
		rc = read_all(out, len, fd, &st, path, max, buf, buf_size);
	close(fd);
	return rc;
}

int csm__nameless_tmp(const char *dir)
{
	char path[4096];
	int fd = -1;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
#endif
	if ((size_t)snprintf(path, sizeof path, "%s/csm-XXXXXX", dir) >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(path)) >= 0)
		unlink(path);
	return fd;
}

int csm__all_set(const void *const *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!p[i])
			return 0;
	return 1;
}

int csm__control_char(const char *str, int multiline)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + strlen(str);
	/* Printable ASCII eight bytes at a time (every answer's evidence passes
	 * here): no byte below 0x20 and none at or above 0x7F. */
	while (end - s >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		if (((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) ||
		    ((w | (w + 0x0101010101010101ULL)) & 0x8080808080808080ULL))
			break;
		s += 8;
	}
	for (; *s; s++) {
		if (*s >= 0x20 && *s < 0x7F) /* printable ASCII, nearly every byte: one test */
			continue;
		if ((*s < 0x20 && !(multiline && (*s == '\t' || *s == '\n' || *s == '\r'))) || *s == 0x7F)
			return *s;
		if (*s == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
			return s[1];
	}
	return -1;
}

size_t csm__utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t need, k;
		unsigned cp, min;
		if (c < 0x80) {
			/* Files are mostly ASCII: skip it eight bytes at a time. */
			uint64_t w;
			i++;
			while (len - i >= 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080u)
					break;
				i += 8;
			}
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			need = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return len;
}

unsigned csm__utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned cp;
	if (p[0] < 0x80) {
		cp = p[0];
		*s = p + 1;
	} else if ((p[0] & 0xE0) == 0xC0) {
		cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
		*s = p + 2;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		*s = p + 3;
	} else {
		cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
		*s = p + 4;
	}
	return cp;
}

int csm__wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	       (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t csm__display_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;
	while (*s) {
		unsigned cp = csm__utf8_next(&s);
		if (cp >= 0x300 && cp <= 0x36F)
			continue; /* combining marks take no column */
		w += csm__wide(cp) ? 2 : 1;
	}
	return w;
}

/* Whether `s` reads as CP932 (Shift_JIS as Windows writes it) with at least
 * one two-byte character: lead bytes 0x81-0x9F and 0xE0-0xFC, each followed
 * by a trail byte 0x40-0x7E or 0x80-0xFC; half-width katakana 0xA1-0xDF. */
static int looks_cp932(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, wide = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80 || (c >= 0xA1 && c <= 0xDF)) {
			i++;
		} else if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) {
			unsigned t = i + 1 < len ? s[i + 1] : 0;
			if (!((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC)))
				return 0;
			wide++;
			i += 2;
		} else {
			return 0;
		}
	}
	return wide > 0;
}

int csm__text_check(const char *data, size_t len, const char *name, size_t *body)
{
	static const char bom[3] = {'\xEF', '\xBB', '\xBF'};
	const unsigned char *u = (const unsigned char *)data;
	size_t bad;
	unsigned line, col;
	*body = 0;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return csm__err(CSM_EINVALID, "%s: the file is UTF-16; save it as UTF-8", name);
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return csm__err(CSM_EINVALID, "%s: is a zip archive, such as an Excel workbook, not a text file; "
		                "read a filled-in workbook with 'csm import FILE -o answers.json'", name);
	if (memchr(data, '\0', len))
		return csm__err(CSM_EINVALID, "%s: contains a NUL byte: not a text file", name);
	bad = csm__utf8_check(data, len);
	if (bad < len) {
		csm__line_col(data, bad, &line, &col);
		if (looks_cp932(data, len))
			return csm__err(CSM_EINVALID,
			                "%s: line %u, column %u: invalid UTF-8; the file looks like Shift_JIS (CP932), as "
			                "Excel saves \"CSV\" on Japanese Windows: save it as \"CSV UTF-8 (Comma delimited)\" "
			                "and try again. / 文字コードが Shift_JIS (CP932) のようです。Excel で「CSV UTF-8 "
			                "(コンマ区切り)」を選んで保存し直してください。",
			                name, line, col);
		return csm__err(CSM_EINVALID, "%s: line %u, column %u: invalid UTF-8", name, line, col);
	}
	if (len >= 3 && memcmp(data, bom, 3) == 0)
		*body = 3;
	if (len >= *body + 3 && memcmp(data + *body, bom, 3) == 0)
		return csm__err(CSM_EINVALID, "%s: the byte-order mark (U+FEFF) appears twice at the start", name);
	return 0;
}

void csm__line_col(const char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	for (i = 0; i < off && s[i]; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int csm__valid_id(const char *s)
{
	size_t i;
	if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (i >= 64)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == ':' || c == '-'))
			return 0;
	}
	return 1;
}

int csm__valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	if (s[10] != '\0')
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

uint64_t csm__fnv1a(const void *data, size_t n, uint64_t h)
{
	const unsigned char *p = data;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211u;
	}
	return h;
}

long csm__date_days(const char *s)
{
	/* days from civil (proleptic Gregorian), after H. Hinnant */
	long y = atol(s), m = atol(s + 5), d = atol(s + 8), era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int csm__ge(double a, double b) { return a >= b - CSM__EPS; }
int csm__gt(double a, double b) { return a > b + CSM__EPS; }
int csm__eq(double a, double b) { return fabs(a - b) <= CSM__EPS; }

double csm_round1(double value)
{
	double v = fabs(value) * 10.0;
	/* The epsilon absorbs binary representation error: 2.45 is 2.4500000000000002
	 * but 0.15*10 is 1.4999999999999998. */
	double r = floor(v + 0.5 + CSM__EPS) / 10.0;
	return value < 0 ? -r : r;
}

char *csm_format1(char *buf, size_t size, double value)
{
	double r = csm_round1(value);
	if (!buf || !size)
		return buf;
	if (r == 0.0)
		r = 0.0; /* no "-0.0" */
	snprintf(buf, size, "%.1f", r);
	return buf;
}

/* ---- the display rule ----------------------------------------------------
 * What is shown beside a number is decided from the number as shown, so the
 * two never disagree: a gap printed "1.0" is in the >= 1 band, a change
 * printed "0.0" has the level arrow. The grade is the exact rule on the exact
 * overall; the overall gets more decimals where one would cross a cut-off. */

int csm_gap_band(double gap)
{
	double r = csm_round1(gap);
	return csm__ge(r, 2) ? 2 : csm__ge(r, 1) ? 1 : 0;
}

int csm_score_level(double score)
{
	/* floor of the shown value: 3.96 is shown "4.0" and is at level 4 */
	return (int)floor(csm_round1(score) + CSM__EPS);
}

const char *csm_gap_mark(double gap)
{
	int band = csm_gap_band(gap);
	return band == 2 ? "**" : band == 1 ? "*" : "";
}

int csm_change_sign(double change)
{
	double r = csm_round1(change);
	return r > 0 ? 1 : r < 0 ? -1 : 0;
}

char *csm_format_change(char *buf, size_t size, double change)
{
	char v[32];
	int sign = csm_change_sign(change);
	if (!buf || !size)
		return buf;
	csm_format1(v, sizeof v, change);
	snprintf(buf, size, "%s%s", sign > 0 ? "\u2191+" : sign < 0 ? "\u2193" : "\u2192", v);
	return buf;
}

/* `value` rounded half away from zero to `decimals` places (csm_round1's epsilon). */
static double round_to(double value, int decimals)
{
	double scale = pow(10.0, decimals), v = floor(fabs(value) * scale + 0.5 + CSM__EPS) / scale;
	return value < 0 ? -v : v;
}

char *csm_format_overall(char *buf, size_t size, double overall, const csm_grading *g)
{
	int decimals = 1;
	if (!buf || !size)
		return buf;
	if (g && g->b > 0 && g->a > g->b) {
		csm_grade exact = csm_grade_for(overall, g);
		/* CSM__EPS below a cut-off counts as on it, so 10 decimals always suffice */
		while (decimals < 10 && csm_grade_for(round_to(overall, decimals), g) != exact)
			decimals++;
	}
	if (decimals == 1)
		return csm_format1(buf, size, overall);
	snprintf(buf, size, "%.*f", decimals, round_to(overall, decimals));
	return buf;
}

int csm_lang_parse(csm_lang *out, const char *name)
{
	CSM__ARGS(out && name);
	if (name && strcmp(name, "ja") == 0) {
		*out = CSM_LANG_JA;
		return 0;
	}
	if (name && strcmp(name, "en") == 0) {
		*out = CSM_LANG_EN;
		return 0;
	}
	return csm__err(CSM_EINVALID, "unknown language '%s' (use ja or en)", name ? name : "");
}

size_t csm__no_line_start(const char *s)
{
	static const char *const marks[] = {"、", "。", "，", "．", "）", "」", "』", "・", "ー", "ッ", "ャ", "ュ", "ョ",
	                                    "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", ")", ",", ".", ":", ";"};
	size_t i;
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return strlen(marks[i]);
	return 0;
}
