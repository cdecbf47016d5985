/* The NIST CSF view: the scores rolled up by CSF function, for CSF 1.1 from
 * the items' subcategory ids, and for CSF 2.0 through a mapping kept as data
 * (questions/maps/csf-1.1-to-2.0.tsv, read with the questionnaire). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csf.h"
#include "error.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "util.h"

/* CSF 2.0's six functions, in its order; CSF 1.1 has the last five. */
static const char *const fn_id[CSM__CSF_FUNCTIONS] = {"GV", "ID", "PR", "DE", "RS", "RC"};
/* Their names (messages.c; Japanese as in IPA's translation of CSF 2.0). */
static const char *const fn_name[CSM__CSF_FUNCTIONS] = {"csf.govern", "csf.identify", "csf.protect",
                                                        "csf.detect", "csf.respond", "csf.recover"};

struct csm__csf_map {
	char (*key)[16]; /* "ID.GV" or "ID.AM-6" */
	signed char *fn; /* index in fn_id */
	size_t n;
};

int csm__csf_fn(const char *two)
{
	int f;
	for (f = 0; f < CSM__CSF_FUNCTIONS; f++)
		if (strncmp(two, fn_id[f], 2) == 0)
			return f;
	return -1;
}

/* "ID.GV" or "ID.GV-4": two capitals, a dot, two capitals, and a number. */
static int valid_key(const char *s, size_t n)
{
	size_t i;
	if (n < 5 || n > 9 || s[2] != '.')
		return 0;
	for (i = 0; i < 5; i++)
		if (i != 2 && (s[i] < 'A' || s[i] > 'Z'))
			return 0;
	if (n == 5)
		return 1;
	if (s[5] != '-' || n == 6)
		return 0;
	for (i = 6; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

void csm__csf_map_free(csm__csf_map *m)
{
	if (!m)
		return;
	free(m->key);
	free(m->fn);
	free(m);
}

int csm__csf_map_parse(csm__csf_map **out, const char *data, size_t len, const char *name)
{
	csm__csf_map *m = NULL;
	size_t pos = 0, cap = 0, line = 0, k;
	int rc = 0;

	*out = NULL;
	if (!(m = calloc(1, sizeof *m)))
		return csm__nomem();
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos), *t1, *t2;
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		int f;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n == 0 || s[0] == '#')
			continue;
		t1 = memchr(s, '\t', n);
		t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - s)) : NULL;
		if (!t1 || !t2 || t2 == s + n - 1) {
			rc = csm__err(CSM_EINVALID, "%s:%zu: expected three tab-separated columns: CSF 1.1 id, CSF 2.0 "
			              "function, source", name, line);
			goto cleanup;
		}
		if (!valid_key(s, (size_t)(t1 - s))) {
			rc = csm__err(CSM_EINVALID, "%s:%zu: \"%.*s\" is not a CSF 1.1 category or subcategory id", name, line,
			              (int)(t1 - s < 40 ? t1 - s : 40), s);
			goto cleanup;
		}
		if (t2 - t1 != 3 || (f = csm__csf_fn(t1 + 1)) < 0) {
			rc = csm__err(CSM_EINVALID, "%s:%zu: the function must be one of GV, ID, PR, DE, RS, RC", name, line);
			goto cleanup;
		}
		for (k = 0; k < m->n; k++)
			if (strlen(m->key[k]) == (size_t)(t1 - s) && memcmp(m->key[k], s, (size_t)(t1 - s)) == 0) {
				rc = csm__err(CSM_EINVALID, "%s:%zu: %s is mapped twice", name, line, m->key[k]);
				goto cleanup;
			}
		if (m->n == cap) {
			char(*nk)[16];
			signed char *nf;
			if (cap >= 4096) {
				rc = csm__err(CSM_EINVALID, "%s:%zu: more than 4096 lines", name, line);
				goto cleanup;
			}
			cap = cap ? 2 * cap : 64;
			if (!(nk = realloc(m->key, cap * sizeof *nk))) {
				rc = csm__nomem();
				goto cleanup;
			}
			m->key = nk;
			if (!(nf = realloc(m->fn, cap * sizeof *nf))) {
				rc = csm__nomem();
				goto cleanup;
			}
			m->fn = nf;
		}
		memcpy(m->key[m->n], s, (size_t)(t1 - s));
		m->key[m->n][t1 - s] = '\0';
		m->fn[m->n++] = (signed char)f;
	}
	*out = m;
	m = NULL;
cleanup:
	csm__csf_map_free(m);
	return rc;
}

int csm__csf_map_function(const csm__csf_map *m, const char *subcategory)
{
	const char *dash = strchr(subcategory, '-');
	size_t k, cat = dash ? (size_t)(dash - subcategory) : strlen(subcategory);
	int f = -1;
	for (k = 0; k < m->n; k++) {
		if (strcmp(m->key[k], subcategory) == 0)
			return m->fn[k]; /* the subcategory's own line wins */
		if (strlen(m->key[k]) == cat && strncmp(m->key[k], subcategory, cat) == 0)
			f = m->fn[k];
	}
	return f;
}

size_t csm_csf_function_count(csm_csf_version v)
{
	return v == CSM_CSF_1_1 ? CSM__CSF_FUNCTIONS - 1 : v == CSM_CSF_2_0 ? CSM__CSF_FUNCTIONS : 0;
}

/* Function `i` of version `v` as an index of fn_id, or -1. */
static int fn_of(csm_csf_version v, size_t i)
{
	if (i >= csm_csf_function_count(v))
		return -1;
	return (int)i + (v == CSM_CSF_1_1 ? 1 : 0);
}

const char *csm_csf_function_id(csm_csf_version v, size_t i)
{
	int f = fn_of(v, i);
	return f < 0 ? NULL : fn_id[f];
}

const char *csm_csf_function_name(csm_csf_version v, size_t i, csm_lang lang)
{
	int f = fn_of(v, i);
	return f < 0 || !CSM__LANG_OK(lang) ? NULL : csm__msg(fn_name[f], lang);
}

int csm_questionnaire_has_csf2(const csm_questionnaire *q) { return q ? q->has_csf20 : 0; }

int csm_score_csf(double *out, unsigned *items, const csm_score *s, csm_csf_version v, size_t i)
{
	CSM__ARGS(out && s && fn_of(v, i) >= 0);
	const csm_questionnaire *q = s->q;
	int f = fn_of(v, i);
	unsigned n = 0, answered = 0, sum = 0;
	size_t k;

	*out = 0;
	for (k = 0; k < q->item_count; k++) {
		unsigned in = v == CSM_CSF_2_0 ? q->items[k].csf20 : q->items[k].csf11;
		if (!((in >> f) & 1))
			continue;
		n++;
		if (s->level[k] >= 1) {
			answered++;
			sum += (unsigned)s->level[k];
		}
	}
	if (items)
		*items = n;
	if (!answered)
		return 0;
	*out = (double)sum / answered;
	return 1;
}
