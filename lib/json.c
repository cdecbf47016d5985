/* JSON input through cJSON, with the checks cJSON leaves to its caller:
 * UTF-8 validity, trailing content, duplicate keys, nesting depth. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json.h"
#include "util.h"

#define CSM_JSON_MAX_DEPTH 32

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The key path of a node, for messages only, so it is built only when a
 * message needs it: each level points at its parent. */
typedef struct path_link {
	const struct path_link *up;
	const cJSON *node;
	int index;
} path_link;

static void path_text(char *dst, size_t size, const path_link *p)
{
	char tail[256];
	int n;
	if (!p || !p->up) {
		dst[0] = '\0';
		return;
	}
	path_text(tail, sizeof tail, p->up);
	n = p->node->string ? snprintf(dst, size, "%s%s%s", tail, tail[0] ? "." : "", p->node->string)
	                    : snprintf(dst, size, "%s[%d]", tail, p->index);
	if (n < 0)
		dst[0] = '\0';
}

/* True if the keys of an object of n (at most KEY_SLOTS / 2) are all
 * different: one pass through a hash table, where sorting a hundred keys
 * (an answers object) took a twentieth of csm score's time. */
#define KEY_SLOTS 512
static int keys_distinct(const cJSON *node, size_t n)
{
	const char *slot[KEY_SLOTS] = {0};
	const cJSON *c;
	if (n > KEY_SLOTS / 2)
		return 0;
	for (c = node->child; c; c = c->next) {
		const unsigned char *p = (const unsigned char *)c->string;
		uint32_t h = 2166136261u; /* FNV-1a */
		for (; *p; p++)
			h = (h ^ *p) * 16777619u;
		for (h &= KEY_SLOTS - 1; slot[h]; h = (h + 1) & (KEY_SLOTS - 1))
			if (strcmp(slot[h], c->string) == 0)
				return 0;
		slot[h] = c->string;
	}
	return 1;
}

static int check_tree(const cJSON *node, const path_link *here, int depth, const char *name)
{
	const cJSON *c;
	size_t n = 0, i;
	const char **keys;
	int rc = 0, index = 0;
	char path[256];

	if (depth > CSM_JSON_MAX_DEPTH) {
		path_text(path, sizeof path, here);
		return csm__err(CSM_EINVALID, "%s: %s: nesting is deeper than %d levels", name, path[0] ? path : "(top)",
		                CSM_JSON_MAX_DEPTH);
	}
	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return 0;
	for (c = node->child; c; c = c->next)
		n++;
	/* Large objects: sorted (below) only to name a repeated key. */
	if (cJSON_IsObject(node) && n > 1 && !(n > 16 && keys_distinct(node, n))) {
		/* Sort the keys to find repeats: insertion sort in place for the small
		 * objects of real files (linear when already in order), qsort on the
		 * heap for large ones. */
		const char *small[64];
		keys = n <= 64 ? small : malloc(n * sizeof *keys);
		if (!keys)
			return csm__nomem();
		for (i = 0, c = node->child; c; c = c->next)
			keys[i++] = c->string;
		if (n <= 64) {
			for (i = 1; i < n; i++) {
				const char *k = keys[i];
				size_t j = i;
				while (j > 0 && strcmp(keys[j - 1], k) > 0) {
					keys[j] = keys[j - 1];
					j--;
				}
				keys[j] = k;
			}
		} else {
			qsort(keys, n, sizeof *keys, cmp_str);
		}
		for (i = 1; i < n; i++) {
			if (strcmp(keys[i - 1], keys[i]) == 0) {
				path_text(path, sizeof path, here);
				rc = csm__err(CSM_EINVALID, "%s: %s%s%s: duplicate key", name, path, path[0] ? "." : "", keys[i]);
				break;
			}
		}
		if (keys != small)
			free(keys);
		if (rc)
			return rc;
	}
	for (c = node->child; c; c = c->next, index++) {
		path_link sub;
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		sub.up = here;
		sub.node = c;
		sub.index = index;
		if ((rc = check_tree(c, &sub, depth + 1, name)))
			return rc;
	}
	return 0;
}

/* True if the text ends inside a string or with brackets still open: the
 * document was cut short (cJSON reports such errors at the last byte). */
static int truncated(const char *s, size_t len)
{
	size_t i;
	long depth = 0;
	int in_string = 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return in_string || depth > 0;
}

/* ---- arena ------------------------------------------------------------------
 * cJSON allocates every node, key and string apart; for the many small
 * documents of JSON Lines that was a third of the time. Between
 * csm__json_arena_begin and _end, the tree csm__json_parse builds in this
 * thread takes its memory from the caller's buffer (the rest, once that is
 * full, from malloc), and freeing it costs nothing. The hooks are cJSON's
 * (process-wide); outside an arena they are malloc and free. */
typedef struct json_arena {
	char *base;
	size_t used, cap;
	int on; /* while cJSON parses: later allocations (copies of parts) outlive the tree */
	int spilled; /* something of the tree came from malloc */
} json_arena;

static _Thread_local json_arena arena;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *arena_malloc(size_t n)
{
	json_arena *a = &arena;
	if (a->on) {
		size_t need = (n + 15) & ~(size_t)15;
		if (need >= n && a->cap - a->used >= need) {
			void *p = a->base + a->used;
			a->used += need;
			return p;
		}
		a->spilled = 1;
	}
	return malloc(n);
}

static void arena_free(void *p)
{
	const json_arena *a = &arena;
	uintptr_t u = (uintptr_t)p, b = (uintptr_t)a->base;
	if (a->base && u >= b && u < b + a->cap)
		return;
	free(p);
}

static void install_hooks(void)
{
	cJSON_Hooks h = {arena_malloc, arena_free};
	cJSON_InitHooks(&h);
}

void csm__json_arena_begin(char *buf, size_t cap)
{
	pthread_once(&hooks_once, install_hooks);
	arena.base = buf;
	arena.cap = cap;
	arena.used = 0;
	arena.on = 0;
}

void csm__json_arena_delete(cJSON *root)
{
	if (!arena.base || arena.spilled)
		cJSON_Delete(root); /* else every node is in the arena: nothing to free */
}

void csm__json_arena_end(void)
{
	memset(&arena, 0, sizeof arena);
}

int csm__json_parse(cJSON **out, const char *data, size_t len, const char *name)
{
	const char *end = NULL;
	size_t off = 0;
	cJSON *root;
	unsigned line, col;
	int rc;

	*out = NULL;
	if (len > CSM_MAX_FILE_BYTES)
		return csm__err(CSM_EINVALID, "%s: file is too large (the limit is %u bytes)", name,
		                CSM_MAX_FILE_BYTES);
	if ((rc = csm__text_check(data, len, name, &off)) != 0)
		return rc;
	arena.on = arena.base != NULL;
	root = cJSON_ParseWithLengthOpts(data + off, len - off, &end, 0);
	arena.on = 0;
	if (!root) {
		size_t at = end ? (size_t)(end - data) : len;
		if (at > len)
			at = len;
		csm__line_col(data, at, &line, &col);
		if (at >= len || truncated(data, len))
			return csm__err(CSM_EINVALID, "%s: line %u, column %u: invalid JSON (unexpected end of file)",
			                name, line, col);
		return csm__err(CSM_EINVALID, "%s: line %u, column %u: invalid JSON", name, line, col);
	}
	if (end) {
		size_t at = (size_t)(end - data);
		while (at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\n' || data[at] == '\r'))
			at++;
		if (at < len) {
			csm__line_col(data, at, &line, &col);
			cJSON_Delete(root);
			return csm__err(CSM_EINVALID, "%s: line %u, column %u: unexpected content after the JSON value",
			                name, line, col);
		}
	}
	{
		path_link top = {NULL, root, 0};
		rc = check_tree(root, &top, 1, name);
	}
	if (rc) {
		cJSON_Delete(root);
		return rc;
	}
	*out = root;
	return 0;
}

int csm__json_format(const cJSON *root, const char *family, const char *name)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(root, "format");
	size_t n = strlen(family);
	const char *v;

	if (!cJSON_IsObject(root))
		return csm__err(CSM_EINVALID, "%s: (top): expected a JSON object", name);
	if (!f)
		return csm__err(CSM_EINVALID, "%s: format: missing (expected \"%s/1\")", name, family);
	if (!cJSON_IsString(f))
		return csm__err(CSM_EINVALID, "%s: format: expected a string like \"%s/1\"", name, family);
	v = f->valuestring;
	if (strncmp(v, family, n) != 0 || v[n] != '/')
		return csm__err(CSM_EINVALID, "%s: format: \"%.100s\" is not a %s file", name, v, family);
	if (strcmp(v + n + 1, "1") != 0 && strncmp(v + n + 1, "1.", 2) != 0)
		return csm__err(CSM_EINVALID,
		                "%s: format: version \"%.20s\" is not supported (this csm reads %s/1)", name,
		                v + n + 1, family);
	return 0;
}

const char *csm__json_string(const cJSON *obj, const char *key, size_t max, csm__problems *p,
                             const char *name, const char *where)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		csm__problem(p, "%s: %s: expected a string", name, where);
		return NULL;
	}
	if (strlen(v->valuestring) > max) {
		csm__problem(p, "%s: %s: text is too long (%zu bytes; the limit is %zu)", name, where,
		             strlen(v->valuestring), max);
		return NULL;
	}
	return v->valuestring;
}

const char *csm__json_line(const cJSON *obj, const char *key, size_t max, csm__problems *p, const char *name,
                           const char *where)
{
	const char *s = csm__json_string(obj, key, max, p, name, where);
	int c = s ? csm__control_char(s, 0) : -1;
	if (c < 0)
		return s;
	csm__problem(p, "%s: %s: contains a control character (0x%02x); names, ids, dates and roles are one line of "
	             "printable text", name, where, (unsigned)c);
	return NULL;
}

int csm__json_lang_pair(char *out[2], const cJSON *obj, const char *key, int required,
                        csm__problems *p, const char *name, const char *where)
{
	static const char *const langs[2] = {"ja", "en"};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	int i;

	if (!v) {
		if (required)
			csm__problem(p, "%s: %s: missing (expected {\"ja\": ..., \"en\": ...})", name, where);
		return 0;
	}
	if (!cJSON_IsObject(v)) {
		csm__problem(p, "%s: %s: expected an object {\"ja\": ..., \"en\": ...}", name, where);
		return 0;
	}
	for (i = 0; i < 2; i++) {
		char sub[256];
		const char *s;
		snprintf(sub, sizeof sub, "%s.%s", where, langs[i]);
		s = csm__json_string(v, langs[i], CSM_MAX_TEXT_BYTES, p, name, sub);
		if (!s || !s[0]) {
			if (!cJSON_GetObjectItemCaseSensitive(v, langs[i]) || (s && !s[0]))
				csm__problem(p, "%s: %s: missing or empty", name, sub);
			continue;
		}
		out[i] = csm__strdup(s);
		if (!out[i])
			return csm__nomem();
	}
	return 0;
}

/* %.15g if that reads back as v, else %.17g (cJSON's rule), without printf:
 * the digits are the exact value rounded half to even (as glibc's printf),
 * and whether the 15 digits read back (strtod rounds to nearest, ties to the
 * even mantissa) is decided exactly too. Computed in 128-bit integers for
 * 1e-5 <= |v| < 1e15, where scores, means and their differences lie (v =
 * m * 2^-s with s <= 69, times 10^k with k <= 21, stays below 2^128); other
 * values go to printf. 0 if v is outside that range. test_json compares it
 * with printf over many millions of doubles. */
#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const unsigned long long pow10_u64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
	1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, 10000000000000000000ULL};

static u128 pow10_u128(int k)
{
	return k < 20 ? (u128)pow10_u64[k] : (u128)pow10_u64[k - 19] * pow10_u64[19];
}

/* n / 2^s rounded half to even, as printf rounds the exact value. */
static unsigned long long round_scaled(u128 n, int s)
{
	u128 q = n >> s, r = n & (((u128)1 << s) - 1), half = (u128)1 << (s - 1);
	if (r > half || (r == half && (q & 1)))
		q++;
	return (unsigned long long)q;
}

/* The %g text of sign and the digits q (p of them, exponent x: the value is
 * q * 10^(x - p + 1)), trailing zeros dropped. */
static size_t g_text(char *buf, int neg, unsigned long long q, int p, int x)
{
	char d[20];
	int nd = p, i, len = 0;
	for (i = p - 1; i >= 0; i--, q /= 10)
		d[i] = (char)('0' + q % 10);
	while (nd > 1 && d[nd - 1] == '0')
		nd--;
	if (neg)
		buf[len++] = '-';
	if (x < -4 || x >= p) { /* d.ddde+XX */
		int ax = x < 0 ? -x : x;
		buf[len++] = d[0];
		if (nd > 1) {
			buf[len++] = '.';
			for (i = 1; i < nd; i++)
				buf[len++] = d[i];
		}
		buf[len++] = 'e';
		buf[len++] = x < 0 ? '-' : '+';
		if (ax >= 100)
			buf[len++] = (char)('0' + ax / 100);
		buf[len++] = (char)('0' + ax / 10 % 10);
		buf[len++] = (char)('0' + ax % 10);
	} else if (x >= 0) { /* ddd.ddd */
		for (i = 0; i <= x; i++)
			buf[len++] = i < nd ? d[i] : '0';
		if (nd > x + 1) {
			buf[len++] = '.';
			for (; i < nd; i++)
				buf[len++] = d[i];
		}
	} else { /* 0.000ddd */
		buf[len++] = '0';
		buf[len++] = '.';
		for (i = -1; i > x; i--)
			buf[len++] = '0';
		for (i = 0; i < nd; i++)
			buf[len++] = d[i];
	}
	buf[len] = '\0';
	return (size_t)len;
}

static size_t format_exact(char *buf, double v)
{
	unsigned long long bits, m, q15, q17;
	int neg, s, x, k, x15, x17;
	u128 n, t, diff, qs;
	memcpy(&bits, &v, sizeof bits);
	neg = (int)(bits >> 63);
	if (!(fabs(v) >= 1e-5 && fabs(v) < 1e15))
		return 0;
	m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
	s = 1075 - (int)((bits >> 52) & 0x7ff); /* v = m * 2^-s, 3 <= s <= 69 here */
	/* x = floor(log10 |v|): a guess from the binary exponent, then made exact
	 * by the 17 digits' integer part lying in [10^16, 10^17). */
	x = (52 - s + 1) * 30103 / 100000;
	for (;;) {
		k = 16 - x;
		n = (u128)m * pow10_u128(k);
		t = n >> s;
		if (t < pow10_u64[16])
			x--;
		else if (t >= pow10_u64[17])
			x++;
		else
			break;
	}
	/* 15 digits, and whether they read back as v: within half the gap to
	 * the neighbouring doubles (the gap below is half as wide when m is a
	 * power of two), a tie going to the even mantissa. */
	n = (u128)m * pow10_u128(k - 2);
	q15 = round_scaled(n, s);
	qs = (u128)q15 << s;
	diff = qs >= n ? qs - n : n - qs;
	{
		u128 lim = pow10_u128(k - 2), d2 = diff * ((qs < n && m == (1ULL << 52)) ? 4 : 2);
		if (d2 < lim || (d2 == lim && !(m & 1))) {
			x15 = x;
			if (q15 == pow10_u64[15]) {
				q15 = pow10_u64[14];
				x15++;
			}
			return g_text(buf, neg, q15, 15, x15);
		}
	}
	q17 = round_scaled((u128)m * pow10_u128(k), s);
	x17 = x;
	if (q17 == pow10_u64[17]) {
		q17 = pow10_u64[16];
		x17++;
	}
	return g_text(buf, neg, q17, 17, x17);
}
#else
static size_t format_exact(char *buf, double v)
{
	(void)buf;
	(void)v;
	return 0;
}
#endif

/* Even so, a memo answers faster: the same few values (k/n scores,
 * benchmark means, their differences) recur in every document, so a small
 * per-thread table keyed by the bits of the value answers most calls. */
#define NUMBER_MEMO 8192
static _Thread_local struct number_memo {
	unsigned long long bits;
	unsigned char len, used;
	char text[26];
} number_memo[NUMBER_MEMO];

static size_t format_double(char *buf, double v)
{
	unsigned long long bits;
	struct number_memo *m;
	size_t len;
	memcpy(&bits, &v, sizeof bits);
	m = &number_memo[(bits ^ (bits >> 29) ^ (bits >> 47)) % NUMBER_MEMO];
	if (m->used && m->bits == bits) {
		memcpy(buf, m->text, (size_t)m->len + 1);
		return m->len;
	}
	len = format_exact(buf, v);
	if (!len) {
		/* strtod to check the round trip: cJSON uses sscanf, ten times slower. */
		snprintf(buf, 32, "%.15g", v);
		if (strtod(buf, NULL) != v)
			snprintf(buf, 32, "%.17g", v);
		len = strlen(buf);
	}
	if (len < sizeof m->text) {
		m->bits = bits;
		m->len = (unsigned char)len;
		m->used = 1;
		memcpy(m->text, buf, len + 1);
	}
	return len;
}

size_t csm__format_number(char *buf, double v)
{
	/* Whole numbers (ids, counts, levels) without printf: most numbers are. */
	if (fabs(v) < 1e15 && (double)(long long)v == v) { /* a cast, not a call to floor */
		char tmp[24];
		long long n = (long long)v;
		unsigned long long u = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
		size_t len = 0, k = 0;
		if (u < 10 && n >= 0) { /* levels, counts, directive ids: most of them */
			buf[0] = (char)('0' + u);
			buf[1] = '\0';
			return 1;
		}
		do
			tmp[k++] = (char)('0' + u % 10);
		while ((u /= 10));
		if (n < 0)
			buf[len++] = '-';
		while (k)
			buf[len++] = tmp[--k];
		buf[len] = '\0';
		return len;
	}
	if (!isfinite(v)) {
		memcpy(buf, "null", 5);
		return 4;
	}
	return format_double(buf, v);
}

void csm__buf_number(csm__buf *b, double v)
{
	char t[32];
	size_t n = csm__format_number(t, v);
	csm__buf_add(b, t, n);
}

void csm__buf_json_string(csm__buf *b, const char *s)
{
	cJSON *item;
	char *t;
	size_t n = 0;
	/* Nothing to escape (as a rule): as cJSON would print it, without
	 * making a node and printing it (a third of db ingest's time). */
	while (s && (unsigned char)s[n] >= 0x20 && s[n] != '"' && s[n] != '\\')
		n++;
	if (s && !s[n]) {
		csm__buf_add(b, "\"", 1);
		csm__buf_add(b, s, n);
		csm__buf_add(b, "\"", 1);
		return;
	}
	item = cJSON_CreateString(s);
	t = item ? cJSON_PrintUnformatted(item) : NULL;
	if (t)
		csm__buf_puts(b, t);
	else
		b->nomem = 1;
	cJSON_free(t);
	cJSON_Delete(item);
}
