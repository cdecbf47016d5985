/* The message table (lib/messages.c): sorted and unique keys, a text in every
 * language, the same printf conversions in each, and no key the sources use
 * that the table lacks (or a row nobody uses). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "messages.h"

/* The printf conversions of `s` ("%s%zu%.1f"...), "%%" left out. */
static void conversions(char *out, size_t size, const char *s)
{
	size_t n = 0;
	out[0] = '\0';
	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		while (*s && !strchr("sdiuzfgxXcpe", *s) && n + 2 < size)
			out[n++] = *s++;
		if (*s && n + 2 < size)
			out[n++] = *s;
		out[n++] = ' ';
		out[n] = '\0';
		if (!*s)
			break;
	}
}

static void test_table_rules(void)
{
	size_t n, i;
	const csm__message *t = csm__msg_table(&n);
	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		char cj[128], ce[128];
		int l;
		if (i > 0 && strcmp(t[i - 1].key, t[i].key) >= 0) {
			fprintf(stderr, "  not sorted or repeated: %s after %s\n", t[i].key, t[i - 1].key);
			CHECK(0);
		}
		for (l = 0; l < CSM__LANGS; l++)
			if (!t[i].text[l] || !t[i].text[l][0]) {
				fprintf(stderr, "  %s: no text in language %d\n", t[i].key, l);
				CHECK(0);
			}
		if (!t[i].text[0] || !t[i].text[1])
			continue;
		conversions(cj, sizeof cj, t[i].text[CSM_LANG_JA]);
		conversions(ce, sizeof ce, t[i].text[CSM_LANG_EN]);
		if (strcmp(cj, ce) != 0) {
			fprintf(stderr, "  %s: conversions differ: ja \"%s\", en \"%s\"\n", t[i].key, cj, ce);
			CHECK(0);
		}
		CHECK_STR(csm__msg(t[i].key, CSM_LANG_JA), t[i].text[CSM_LANG_JA]);
		CHECK_STR(csm__msg(t[i].key, CSM_LANG_EN), t[i].text[CSM_LANG_EN]);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long len;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)len + 1);
	if (s && fread(s, 1, (size_t)len, f) != (size_t)len) {
		free(s);
		s = NULL;
	}
	if (s)
		s[len] = '\0';
	fclose(f);
	return s;
}

static int has_key(const csm__message *t, size_t n, const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return 1;
	return 0;
}

/* Some row's key starts with key's area ("form" of "form.intro"). */
static int has_area(const csm__message *t, size_t n, const char *key)
{
	size_t i, a = strcspn(key, ".");
	for (i = 0; i < n; i++)
		if (strncmp(t[i].key, key, a + 1) == 0)
			return 1;
	return 0;
}

/* "karte.h", "industries.json": file names, not keys. */
static int is_file_name(const char *s, size_t k)
{
	static const char *const ext[] = {".h", ".c", ".json", ".tsv", ".csv"};
	size_t i;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t e = strlen(ext[i]);
		if (k > e && memcmp(s + k - e, ext[i], e) == 0)
			return 1;
	}
	return 0;
}

static int on_include_line(const char *text, const char *p)
{
	while (p > text && p[-1] != '\n')
		p--;
	return strncmp(p, "#include", 8) == 0;
}

/* Every csm__msg("key", ...) in lib/ names a row; every row is named in lib/
 * (as a quoted literal: keys may also be passed through tables). */
static void test_sources_match_table(void)
{
	size_t n, i;
	const csm__message *t = csm__msg_table(&n);
	char *used = calloc(n, 1);
	DIR *d = opendir(SRC("lib"));
	struct dirent *e;
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL) {
		char path[4096];
		char *text, *p;
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0 || strcmp(e->d_name, "messages.c") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", SRC("lib"), e->d_name);
		text = slurp(path);
		CHECK(text != NULL);
		if (!text)
			continue;
		for (p = text; (p = strstr(p, "csm__msg(\"")) != NULL;) {
			char key[128];
			const char *q = p + strlen("csm__msg(\"");
			const char *end = strchr(q, '"');
			size_t k = end ? (size_t)(end - q) : 0;
			p = (char *)q;
			if (!end || k >= sizeof key)
				continue;
			memcpy(key, q, k);
			key[k] = '\0';
			for (i = 0; i < n && strcmp(t[i].key, key) != 0; i++)
				;
			if (i == n) {
				fprintf(stderr, "  %s: key \"%s\" is not in the table\n", e->d_name, key);
				CHECK(0);
			}
		}
		/* keys passed through tables ("form.intro", "csf.govern"): any literal
		 * that looks like a key of one of the table's areas must be a row */
		for (p = text; (p = strchr(p, '"')) != NULL; p++) {
			char key[128];
			const char *q = p + 1, *end = q;
			size_t k;
			while ((*end >= 'a' && *end <= 'z') || (*end >= '0' && *end <= '9') || *end == '_' || *end == '.')
				end++;
			k = (size_t)(end - q);
			if (*end != '"' || k == 0 || k >= sizeof key || !memchr(q, '.', k) || end[-1] == '.' ||
			    is_file_name(q, k) || on_include_line(text, p)) {
				p = (char *)end - 1 > p ? (char *)end - 1 : p;
				continue;
			}
			memcpy(key, q, k);
			key[k] = '\0';
			p = (char *)end;
			if (has_area(t, n, key) && !has_key(t, n, key)) {
				fprintf(stderr, "  %s: \"%s\" looks like a key but is not in the table\n", e->d_name, key);
				CHECK(0);
			}
		}
		for (i = 0; i < n; i++) {
			char quoted[140];
			snprintf(quoted, sizeof quoted, "\"%s\"", t[i].key);
			if (strstr(text, quoted))
				used[i] = 1;
		}
		free(text);
	}
	if (d)
		closedir(d);
	for (i = 0; i < n; i++)
		if (!used[i]) {
			fprintf(stderr, "  row \"%s\" is used nowhere in lib/\n", t[i].key);
			CHECK(0);
		}
	free(used);
}

int main(void)
{
	RUN_TEST(test_table_rules);
	RUN_TEST(test_sources_match_table);
	return test_finish();
}
