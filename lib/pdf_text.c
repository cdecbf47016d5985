/* Text on a karte page: formatting into scratch buffers, fitting a line to a
 * width (smaller, then cut with an ellipsis), and wrapping by the Japanese
 * line-breaking rules. Widths from the font (pdf_doc.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "pdf_doc.h"
#include "util.h"

/* Text formatted into scratch buffer `i` (0 or 1) of the karte; valid until
 * the next csm__kfmt() on the same buffer. Out of memory gives "" and marks the
 * karte, which then fails. */
const char *csm__kfmt(csm__kdoc *k, int i, const char *fmt, ...)
{
	csm__buf *b = &k->tmp[i];
	va_list ap;
	char small[256];
	int n;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		csm__buf_add(b, small, (size_t)n);
	} else if (n >= 0) {
		csm__buf_add(b, "", 0);
		if (!b->nomem && b->cap < (size_t)n + 1) {
			char *t = realloc(b->s, (size_t)n + 1);
			if (t)
				b->s = t, b->cap = (size_t)n + 1;
			else
				b->nomem = 1;
		}
		if (!b->nomem) {
			va_start(ap, fmt);
			vsnprintf(b->s, (size_t)n + 1, fmt, ap);
			va_end(ap);
			b->len = (size_t)n;
		}
	} else {
		b->nomem = 1;
	}
	if (b->nomem) {
		k->nomem = 1;
		return "";
	}
	return b->s;
}

const char *csm__kmsgf(csm__kdoc *k, int i, const char *msg, ...)
{
	csm__buf *b = &k->tmp[i];
	va_list ap;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	va_start(ap, msg);
	csm__buf_vmsgf(b, msg, ap);
	va_end(ap);
	if (b->nomem || !b->s) {
		k->nomem |= b->nomem;
		return "";
	}
	return b->s;
}

/* Length in bytes of the UTF-8 character that starts with byte `c`. */
static size_t char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The longest start of the first `n` bytes of `s`, cut at a character
 * boundary, that is at most `width` wide; at least one character. */
size_t csm__kfit_bytes(csm__kdoc *k, const char *s, size_t n, double size, double width)
{
	size_t m = 0;
	double w = 0;
	while (m < n && s[m]) {
		size_t c = char_len((unsigned char)s[m]);
		double cw = csm__ktext_width_n(k->km, s + m, c, size);
		if (m > 0 && w + cw > width)
			break;
		w += cw;
		m += c;
	}
	return m;
}

/* `s` fitted on one line within `width` into `out` (reset first): the size
 * goes down to `min_size` (*size), then the text is cut at a character
 * boundary with an ellipsis. */
void csm__kfit_into(csm__kdoc *k, const char *s, double *size, double min_size, double width, csm__buf *out)
{
	size_t n;
	out->len = 0;
	if (out->s)
		out->s[0] = '\0';
	while (*size > min_size && csm__ktext_width(k->km, s, *size) > width)
		*size -= 0.5;
	if (csm__ktext_width(k->km, s, *size) <= width) {
		csm__buf_puts(out, s);
	} else {
		n = csm__kfit_bytes(k, s, strlen(s), *size, width - csm__ktext_width(k->km, "…", *size));
		while (n > 0 && s[n - 1] == ' ')
			n--;
		csm__buf_add(out, s, n);
		csm__buf_puts(out, "…");
	}
	if (out->nomem || !out->s) {
		k->nomem = 1;
		csm__buf_free(out);
	}
}

/* csm__kfit_into() for a fixed array `out` of `outsz` bytes, which must hold `s`
 * and an ellipsis (names: CSM_MAX_NAME_BYTES + 8). */
void csm__kfit(csm__kdoc *k, const char *s, double *size, double min_size, double width, char *out, size_t outsz)
{
	csm__buf b = {0};
	csm__kfit_into(k, s, size, min_size, width, &b);
	snprintf(out, outsz, "%s", b.s ? b.s : "");
	csm__buf_free(&b);
}

/* Length in bytes of the next unbreakable piece of `s`: a run of Latin
 * characters up to a space, or one wide character with any marks that may
 * not start the next line. */
static size_t piece(const char *s)
{
	size_t n = 0;
	if ((unsigned char)s[0] >= 0xE0) {
		n = char_len((unsigned char)s[0]);
	} else {
		while (s[n] && s[n] != ' ' && (unsigned char)s[n] < 0xE0)
			n++;
		if (n == 0)
			n = 1;
	}
	while (s[n] && csm__no_line_start(s + n))
		n += char_len((unsigned char)s[n]);
	return n;
}

/* Draw `s` wrapped to `width` from (x, *y), lines `lead` apart; *y advances.
 * A piece wider than a line (a long word) is cut between characters. With
 * max_lines > 0 at most that many lines, the last one ending in an ellipsis
 * when text is left. With draw = 0 only counts. Returns the number of lines. */
int csm__kwrap_max(csm__kdoc *k, double x, double *y, const char *s, double size, double width, double lead,
                    double gray, int draw, int max_lines)
{
	csm__buf ln = {0};
	double w = 0, space_w = csm__ktext_width(k->km, " ", size);
	int lines = 0;
	while (*s == ' ')
		s++;
	while (*s) {
		size_t n = piece(s);
		int space = *s == ' ';
		double pw = space ? space_w : csm__ktext_width_n(k->km, s, n, size);
		if (!space && pw > width && ln.len == 0) {
			n = csm__kfit_bytes(k, s, n, size, width);
			pw = csm__ktext_width_n(k->km, s, n, size);
		}
		if (w + pw <= width || ln.len == 0) {
			csm__buf_add(&ln, s, n);
			w += pw;
			s += n;
			if (*s)
				continue;
		}
		/* Emit the line, without trailing spaces; the next starts without leading ones. */
		while (*s == ' ')
			s++;
		while (ln.len && ln.s[ln.len - 1] == ' ')
			ln.s[--ln.len] = '\0';
		if (max_lines > 0 && lines + 1 == max_lines && *s) {
			double ew = csm__ktext_width(k->km, "…", size);
			while (ln.len && csm__ktext_width_n(k->km, ln.s, ln.len, size) + ew > width) {
				do
					ln.len--;
				while (ln.len > 0 && ((unsigned char)ln.s[ln.len] & 0xC0) == 0x80);
				ln.s[ln.len] = '\0';
			}
			csm__buf_puts(&ln, "…");
		}
		if (draw && ln.s && !ln.nomem)
			k->c.text(&k->c, x, *y, ln.s, size, CSM_ALIGN_LEFT, gray);
		*y += lead;
		lines++;
		if (ln.nomem)
			k->nomem = 1;
		ln.len = 0;
		if (ln.s)
			ln.s[0] = '\0';
		w = 0;
		if (max_lines > 0 && lines >= max_lines)
			break;
	}
	csm__buf_free(&ln);
	return lines;
}

int csm__kwrap(csm__kdoc *k, double x, double *y, const char *s, double size, double width, double lead, double gray,
                int draw)
{
	return csm__kwrap_max(k, x, y, s, size, width, lead, gray, draw, 0);
}

