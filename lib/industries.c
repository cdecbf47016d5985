/* Industries as data (questions/industries.json): ids with ja/en labels, each
 * rolled up to a parent group (the 2020 trial's six), the critical
 * infrastructure sectors it may belong to, and the ids older lists used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "error.h"
#include "industries.h"
#include "json.h"
#include "messages.h"
#include "util.h"

#define MAX_CI 16 /* critical-infrastructure sectors of one industry */

typedef struct entry {
	char *id;
	char *label[2];
	char *tse;     /* Tokyo Stock Exchange sector code, or NULL */
	size_t parent; /* index into groups, or (size_t)-1 */
	size_t ci[MAX_CI];
	size_t nci;
} entry;

struct csm_industries {
	entry *ind, *grp, *ci;
	size_t count, ngroups, nci;
	char *groups_label[2];
	char **from, **to; /* renamed ids: from -> to (an industry or a group) */
	size_t nrenamed;
};

static void entries_free(entry *e, size_t n)
{
	size_t i;
	for (i = 0; e && i < n; i++) {
		free(e[i].id);
		free(e[i].label[0]);
		free(e[i].label[1]);
		free(e[i].tse);
	}
	free(e);
}

void csm_industries_free(csm_industries *ind)
{
	size_t i;
	if (!ind)
		return;
	entries_free(ind->ind, ind->count);
	entries_free(ind->grp, ind->ngroups);
	entries_free(ind->ci, ind->nci);
	free(ind->groups_label[0]);
	free(ind->groups_label[1]);
	for (i = 0; i < ind->nrenamed; i++) {
		free(ind->from[i]);
		free(ind->to[i]);
	}
	free(ind->from);
	free(ind->to);
	free(ind);
}

static size_t find(const entry *e, size_t n, const char *id)
{
	size_t i;
	/* The first byte first: a strcmp call for each of some fifty entries was
	 * most of the labelling in csm score. */
	for (i = 0; id && i < n; i++)
		if (e[i].id[0] == id[0] && strcmp(e[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

/* Entries of array `key` (each an id and a label pair); `*out` gets `*n` of them. */
static int parse_entries(entry **out, size_t *n, const cJSON *root, const char *key, int required, csm__problems *p,
                         const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key), *e;
	int size = cJSON_GetArraySize(arr), i = 0;
	*out = NULL;
	*n = 0;
	if (!arr && !required)
		return 0;
	if (!cJSON_IsArray(arr) || size < 1 || size > 1000) {
		csm__problem(p, "%s: %s: expected an array of 1..1000 entries", name, key);
		return 0;
	}
	if (!(*out = calloc((size_t)size, sizeof **out)))
		return csm__nomem();
	cJSON_ArrayForEach(e, arr) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		char where[128];
		int rc;
		if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring)) {
			csm__problem(p, "%s: %s[%d].id: expected an id", name, key, i++);
			continue;
		}
		i++;
		if (find(*out, *n, id->valuestring) != (size_t)-1)
			csm__problem(p, "%s: %s %s: defined twice", name, key, id->valuestring);
		if (!((*out)[*n].id = csm__strdup(id->valuestring)))
			return csm__nomem();
		(*out)[*n].parent = (size_t)-1;
		snprintf(where, sizeof where, "%s %s: label", key, id->valuestring);
		if ((rc = csm__json_lang_pair((*out)[(*n)++].label, e, "label", 1, p, name, where)))
			return rc;
	}
	return 0;
}

/* No two entries of the list (industries and groups) share a label in one
 * language: the workbook turns a label back into its id. */
static void check_labels(const csm_industries *ind, csm__problems *p, const char *name)
{
	size_t n = ind->count + ind->ngroups, i, j;
	int l;
	for (l = 0; l < 2; l++)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				const entry *a = i < ind->count ? &ind->ind[i] : &ind->grp[i - ind->count];
				const entry *b = j < ind->count ? &ind->ind[j] : &ind->grp[j - ind->count];
				if (a->label[l] && b->label[l] && strcmp(a->label[l], b->label[l]) == 0)
					csm__problem(p, "%s: %s and %s: the same label \"%s\"", name, a->id, b->id, a->label[l]);
			}
}

/* Parent, TSE code and critical-infrastructure sectors of industry `e`. */
static int parse_links(csm_industries *ind, entry *en, const cJSON *e, csm__problems *p, const char *name)
{
	const cJSON *parent = cJSON_GetObjectItemCaseSensitive(e, "parent");
	const cJSON *tse = cJSON_GetObjectItemCaseSensitive(e, "tse");
	const cJSON *ci = cJSON_GetObjectItemCaseSensitive(e, "critical_infrastructure"), *c;

	if (ind->ngroups && !cJSON_IsString(parent))
		csm__problem(p, "%s: industry %s: parent: missing (one of the groups)", name, en->id);
	else if (parent && (!cJSON_IsString(parent) || (en->parent = find(ind->grp, ind->ngroups, parent->valuestring)) ==
	                                                   (size_t)-1))
		csm__problem(p, "%s: industry %s: parent: \"%.60s\" is not one of the groups", name, en->id,
		             cJSON_IsString(parent) ? parent->valuestring : "");
	if (tse) {
		if (!cJSON_IsString(tse) || strlen(tse->valuestring) != 4 || strspn(tse->valuestring, "0123456789") != 4)
			csm__problem(p, "%s: industry %s: tse: expected a sector code of 4 digits", name, en->id);
		else if (!(en->tse = csm__strdup(tse->valuestring)))
			return csm__nomem();
	}
	if (!ci)
		return 0;
	if (!cJSON_IsArray(ci) || cJSON_GetArraySize(ci) > MAX_CI) {
		csm__problem(p, "%s: industry %s: critical_infrastructure: expected an array of at most %d sector ids", name,
		             en->id, MAX_CI);
		return 0;
	}
	cJSON_ArrayForEach(c, ci) {
		size_t k = cJSON_IsString(c) ? find(ind->ci, ind->nci, c->valuestring) : (size_t)-1;
		if (k == (size_t)-1)
			csm__problem(p, "%s: industry %s: critical_infrastructure: \"%.60s\" is not one of the sectors", name,
			             en->id, cJSON_IsString(c) ? c->valuestring : "");
		else
			en->ci[en->nci++] = k;
	}
	return 0;
}

static int parse_renamed(csm_industries *ind, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "renamed"), *e;
	int size = cJSON_GetArraySize(arr);
	size_t k;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || size > 1000) {
		csm__problem(p, "%s: renamed: expected an array of {\"from\": old id, \"to\": id}", name);
		return 0;
	}
	if (size && (!(ind->from = calloc((size_t)size, sizeof *ind->from)) ||
	             !(ind->to = calloc((size_t)size, sizeof *ind->to))))
		return csm__nomem();
	cJSON_ArrayForEach(e, arr) {
		const cJSON *from = cJSON_GetObjectItemCaseSensitive(e, "from"), *to = cJSON_GetObjectItemCaseSensitive(e, "to");
		if (!cJSON_IsString(from) || !csm__valid_id(from->valuestring) || !cJSON_IsString(to)) {
			csm__problem(p, "%s: renamed: expected {\"from\": old id, \"to\": id}", name);
			continue;
		}
		if (csm_industry_label(ind, from->valuestring, CSM_LANG_EN))
			csm__problem(p, "%s: renamed: %s is still an industry or a group", name, from->valuestring);
		if (!csm_industry_label(ind, to->valuestring, CSM_LANG_EN))
			csm__problem(p, "%s: renamed: %s: \"%.60s\" is not an industry or a group", name, from->valuestring,
			             to->valuestring);
		for (k = 0; k < ind->nrenamed; k++)
			if (strcmp(ind->from[k], from->valuestring) == 0)
				csm__problem(p, "%s: renamed: %s: renamed twice", name, from->valuestring);
		if (!(ind->from[ind->nrenamed] = csm__strdup(from->valuestring)) ||
		    !(ind->to[ind->nrenamed++] = csm__strdup(to->valuestring)))
			return csm__nomem();
	}
	return 0;
}

int csm_industries_parse(csm_industries **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	csm_industries *ind = NULL;
	cJSON *root = NULL;
	const cJSON *arr, *e;
	int rc;
	size_t i;

	*out = NULL;
	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-industries", name)))
		goto cleanup;
	if (!(ind = calloc(1, sizeof *ind))) {
		rc = csm__nomem();
		goto cleanup;
	}
	if ((rc = parse_entries(&ind->grp, &ind->ngroups, root, "groups", 0, &p, name)) ||
	    (rc = parse_entries(&ind->ci, &ind->nci, root, "critical_infrastructure", 0, &p, name)) ||
	    (rc = parse_entries(&ind->ind, &ind->count, root, "industries", 1, &p, name)))
		goto cleanup;
	if (ind->ngroups &&
	    (rc = csm__json_lang_pair(ind->groups_label, root, "groups_label", 1, &p, name, "groups_label")))
		goto cleanup;
	/* industry ids and group ids are one namespace (benchmark keys industry:<id>) */
	for (i = 0; i < ind->count; i++)
		if (find(ind->grp, ind->ngroups, ind->ind[i].id) != (size_t)-1)
			csm__problem(&p, "%s: industry %s: also a group", name, ind->ind[i].id);
	arr = cJSON_GetObjectItemCaseSensitive(root, "industries");
	cJSON_ArrayForEach(e, arr) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		size_t k = cJSON_IsString(id) ? find(ind->ind, ind->count, id->valuestring) : (size_t)-1;
		if (k != (size_t)-1 && (rc = parse_links(ind, &ind->ind[k], e, &p, name)))
			goto cleanup;
	}
	check_labels(ind, &p, name);
	if ((rc = parse_renamed(ind, root, &p, name)))
		goto cleanup;
	rc = csm__problems_finish(&p);
cleanup:
	csm__problems_finish(&p);
	cJSON_Delete(root);
	if (rc) {
		csm_industries_free(ind);
		return rc;
	}
	*out = ind;
	return 0;
}

int csm_industries_open(csm_industries **out, const char *data_dir)
{
	CSM__ARGS(out && data_dir);
	char path[4096], *data;
	size_t len;
	int rc;
	*out = NULL;
	snprintf(path, sizeof path, "%s/questions/industries.json", data_dir);
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_industries_parse(out, data, len, path);
	free(data);
	return rc;
}

size_t csm_industries_count(const csm_industries *ind) { return ind ? ind->count : 0; }

const char *csm_industry_id(const csm_industries *ind, size_t i) { return ind && i < ind->count ? ind->ind[i].id : NULL; }

/* The industry or group `id`, or NULL. */
static const entry *lookup(const csm_industries *ind, const char *id, int *is_group)
{
	size_t k;
	if (!ind || !id)
		return NULL;
	if ((k = find(ind->ind, ind->count, id)) != (size_t)-1) {
		*is_group = 0;
		return &ind->ind[k];
	}
	if ((k = find(ind->grp, ind->ngroups, id)) != (size_t)-1) {
		*is_group = 1;
		return &ind->grp[k];
	}
	return NULL;
}

const char *csm_industry_label(const csm_industries *ind, const char *id, csm_lang lang)
{
	int g;
	const entry *e = CSM__LANG_OK(lang) ? lookup(ind, id, &g) : NULL;
	return e ? e->label[lang] : NULL;
}

size_t csm_industry_group_count(const csm_industries *ind) { return ind ? ind->ngroups : 0; }

const char *csm_industry_group_id(const csm_industries *ind, size_t i)
{
	return ind && i < ind->ngroups ? ind->grp[i].id : NULL;
}

int csm_industry_is_group(const csm_industries *ind, const char *id)
{
	int g = 0;
	return lookup(ind, id, &g) && g;
}

const char *csm_industry_parent(const csm_industries *ind, const char *id)
{
	int g = 0;
	const entry *e = lookup(ind, id, &g);
	if (!e)
		return NULL;
	return g ? e->id : e->parent != (size_t)-1 ? ind->grp[e->parent].id : NULL;
}

const char *csm__industry_current(const csm_industries *ind, const char *id)
{
	const char *to = csm_industry_renamed(ind, id);
	return to ? to : id;
}

const char *csm_industry_renamed(const csm_industries *ind, const char *id)
{
	size_t i;
	for (i = 0; ind && id && i < ind->nrenamed; i++)
		if (strcmp(ind->from[i], id) == 0)
			return ind->to[i];
	return NULL;
}

const char *csm_industry_tse(const csm_industries *ind, const char *id)
{
	int g = 0;
	const entry *e = lookup(ind, id, &g);
	return e ? e->tse : NULL;
}

size_t csm_industry_ci_count(const csm_industries *ind, const char *id)
{
	int g = 0;
	const entry *e = lookup(ind, id, &g);
	return e ? e->nci : 0;
}

const char *csm_industry_ci_label(const csm_industries *ind, const char *id, size_t k, csm_lang lang)
{
	int g = 0;
	const entry *e = CSM__LANG_OK(lang) ? lookup(ind, id, &g) : NULL;
	return e && k < e->nci ? ind->ci[e->ci[k]].label[lang] : NULL;
}

const char *csm__industries_groups_label(const csm_industries *ind, csm_lang lang)
{
	return ind && CSM__LANG_OK(lang) ? ind->groups_label[lang] : NULL;
}

const char *csm__industry_find(const csm_industries *ind, const char *s)
{
	size_t i;
	int l;
	if (!ind || !s)
		return NULL;
	for (i = 0; i < ind->count + ind->ngroups; i++) {
		const entry *e = i < ind->count ? &ind->ind[i] : &ind->grp[i - ind->count];
		if (strcmp(e->id, s) == 0)
			return e->id;
		for (l = 0; l < 2; l++)
			if (e->label[l] && (l == CSM_LANG_JA ? strcmp(e->label[l], s) : strcasecmp(e->label[l], s)) == 0)
				return e->id;
	}
	for (i = 0; i < ind->nrenamed; i++)
		if (strcmp(ind->from[i], s) == 0)
			return ind->from[i];
	return NULL;
}

int csm_answers_check_industry(const csm_answers *a, const csm_industries *ind)
{
	CSM__ARGS(a && ind);
	const char *id = a->field[CSM_FIELD_ORG_INDUSTRY];
	if (!id || csm_industry_label(ind, id, CSM_LANG_EN) || csm_industry_renamed(ind, id))
		return 0;
	return csm__err(CSM_EINVALID, "%s: organization.industry: \"%s\" is not a known industry id (csm industries lists them)",
	                a->name, id);
}

/* The industries whose parent is group `g`, as "a, b, c". */
static void children(csm__buf *b, const csm_industries *ind, const char *g)
{
	size_t i, n = 0;
	for (i = 0; i < ind->count; i++)
		if (ind->ind[i].parent != (size_t)-1 && strcmp(ind->grp[ind->ind[i].parent].id, g) == 0) {
			if (n++) /* puts, not printf: csm score names them for every file */
				csm__buf_puts(b, ", ");
			csm__buf_puts(b, ind->ind[i].id);
		}
}

int csm_answers_resolve_industry(char **notices, csm_answers *a, const csm_industries *ind, csm_lang lang)
{
	CSM__ARGS(notices && a && ind && CSM__LANG_OK(lang));
	const char *id = a->field[CSM_FIELD_ORG_INDUSTRY], *to;
	csm__buf b = {0};
	int rc;

	*notices = NULL;
	if ((rc = csm_answers_check_industry(a, ind)))
		return rc;
	if (id && (to = csm_industry_renamed(ind, id))) {
		if (!csm_industry_is_group(ind, to))
			csm__buf_msgf(&b, csm__msg("industries.renamed", lang),
			              a->name, id, to, csm_industry_label(ind, to, lang), to);
		else {
			csm__buf_msgf(&b, csm__msg("industries.renamed_to_group", lang),
			              a->name, id, csm__industries_groups_label(ind, lang), to, csm_industry_label(ind, to, lang));
			children(&b, ind, to);
			csm__buf_puts(&b, "\n");
		}
		if ((rc = csm__answers_set_industry(a, to)))
			goto fail;
	} else if (id && csm_industry_is_group(ind, id)) {
		csm__buf_msgf(&b, csm__msg("industries.is_group", lang),
		              a->name, id, csm__industries_groups_label(ind, lang), csm_industry_label(ind, id, lang));
		children(&b, ind, id);
		csm__buf_puts(&b, "\n");
	}
	if (!b.s && !b.nomem)
		csm__buf_puts(&b, "");
	return csm__buf_finish(&b, notices);
fail:
	csm__buf_free(&b);
	return rc;
}
