/* Strings, text and numbers (util.c): the growable buffer every text is
 * built in, files, UTF-8, ids, dates and the tolerance of scores. */
#ifndef CSM_UTIL_H
#define CSM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csm.h"
#include "error.h"

/* Control characters in a one-line field (name, id, date, role): the first
 * one's byte, or -1 when there is none. Tab, newline and carriage return
 * are allowed where `multiline`. */
int csm__control_char(const char *s, int multiline);

/* A temporary file with no name in `dir`, open for reading and writing
 * (O_TMPFILE, or a file unlinked at once): nothing is left behind however the
 * process ends. Returns the descriptor, or -1 with errno. */
int csm__nameless_tmp(const char *dir);

/* Whether all `n` pointers of `p` are set (an array argument of handles). */
int csm__all_set(const void *const *p, size_t n);

/* Whether `l` is a language the data has (an index into [2] arrays). */
#define CSM__LANG_OK(l) ((unsigned)(l) <= (unsigned)CSM_LANG_EN)

char *csm__strdup(const char *s);
char *csm__strndup(const char *s, size_t n);

/* Growable NUL-terminated string. */
typedef struct csm__buf {
	char *s;
	size_t len, cap;
	int nomem;
} csm__buf;

/* Appending is inline (the slow path, growing, is not): documents are built
 * from many short pieces, and the calls were a fifth of csm score --json. */
void csm__buf_add_grow(csm__buf *b, const char *s, size_t n);
static inline void csm__buf_add(csm__buf *b, const char *s, size_t n)
{
	if (b->nomem || n > 4096 || b->len + n + 1 > b->cap) { /* long pieces too: the copy is the cost */
		csm__buf_add_grow(b, s, n);
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
/* Inline so that a literal's length is known when compiling. */
static inline void csm__buf_puts(csm__buf *b, const char *s) { csm__buf_add(b, s, strlen(s)); }
void csm__buf_printf(csm__buf *b, const char *fmt, ...) CSM_PRINTF(2, 3);
void csm__buf_vprintf(csm__buf *b, const char *fmt, va_list ap) CSM_PRINTF(2, 0);
/* Pad with spaces to `width` display columns after `s` took `used`. */
void csm__buf_pad(csm__buf *b, size_t used, size_t width);
/* Hand the string to *out (caller frees) or fail with CSM_ENOMEM. */
int csm__buf_finish(csm__buf *b, char **out);
/* Append `s` as one CSV cell (RFC 4180), quoted when it needs to be, and with
 * a leading ' where a spreadsheet would read it as a formula (=, +, -, @). */
void csm__buf_csv(csm__buf *b, const char *s);
/* Append `s` with its control characters written as \xNN (text for a terminal). */
void csm__buf_escaped(csm__buf *b, const char *s);
void csm__buf_free(csm__buf *b);

/* Read a whole regular file of at most `max` bytes; *out is NUL-terminated. */
int csm__read_file(char **out, size_t *len, const char *path, size_t max);
/* The same into the caller's buf when the file fits (then *out == buf, not
 * to be freed), else into memory from malloc: saves a small file's malloc. */
int csm__read_file_in(char **out, size_t *len, const char *path, size_t max, char *buf, size_t buf_size);

/* Offset of the first invalid UTF-8 byte, or `len` if all is valid. */
size_t csm__utf8_check(const char *s, size_t len);
/* Decode one code point of valid UTF-8 and advance *s past it. */
unsigned csm__utf8_next(const unsigned char **s);
/* Terminal display width of valid UTF-8 `s` (East Asian wide = 2). */
size_t csm__display_width(const char *s);
/* The length in bytes of the character at `s` when it must not begin a line
 * (Japanese line-breaking rules: closing marks, small kana, the long vowel
 * mark, and ASCII closing punctuation), else 0. Both the text reports and the
 * PDF pages wrap by it. */
size_t csm__no_line_start(const char *s);
/* Code point `cp` is East Asian wide or fullwidth (two columns). */
int csm__wide(unsigned cp);
/* The one check of text input: not UTF-16, no NUL byte, valid UTF-8, at
 * most one UTF-8 byte-order mark. On success `*body` is the offset after the
 * mark (0 or 3); otherwise the error names `name` and the place. */
int csm__text_check(const char *data, size_t len, const char *name, size_t *body);
/* 1-based line and column (in code points) of byte offset `off`. */
void csm__line_col(const char *s, size_t off, unsigned *line, unsigned *col);

/* True if `s` is a plausible id: 1..64 of [A-Za-z0-9._:-], starting alnum. */
int csm__valid_id(const char *s);
/* True if `s` is a valid calendar date YYYY-MM-DD. */
int csm__valid_date(const char *s);
/* FNV-1a, 64 bits, of `n` bytes, continuing from `h` (start with
 * CSM__FNV_BASIS): the hash of the aggregator's group table and of the
 * offline form's storage slot. Not for anything an attacker may choose to
 * collide with on purpose. */
#define CSM__FNV_BASIS 14695981039346656037u
uint64_t csm__fnv1a(const void *data, size_t n, uint64_t h);
/* Days since 1970-01-01 of a valid date YYYY-MM-DD (see csm__valid_date). */
long csm__date_days(const char *s);

/* The one tolerance of every rule on scores. Scores are k/n fractions with
 * small n and benchmark means are data given to a few decimals, so no two
 * distinct values that matter lie within it; floating-point noise does. */
#define CSM__EPS 1e-9

/* a >= b, a > b and a == b within CSM__EPS. */
int csm__ge(double a, double b);
int csm__gt(double a, double b);
int csm__eq(double a, double b);

#endif
