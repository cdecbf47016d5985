/* Questionnaires: the items, their directives and texts, as data. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csf.h"
#include "error.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "util.h"

static void free_pairs(char *p[][2], size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(p[i][0]);
		free(p[i][1]);
	}
}

void csm_questionnaire_free(csm_questionnaire *q)
{
	size_t i, k;
	if (!q)
		return;
	for (i = 0; i < q->item_count; i++) {
		csm__item *it = &q->items[i];
		free(it->id);
		free_pairs(it->text, CSM__ITEM_FIELDS);
		free_pairs(it->level, 5);
		for (k = 0; k < it->tip_count; k++)
			free(it->tips[k]);
		free(it->tips);
		for (k = 0; k < it->csf_count; k++)
			free(it->csf[k]);
		free(it->csf);
		free(it->appendix_a);
		for (k = 0; k < it->mark_count; k++)
			free(it->marks[k]);
		free(it->marks);
	}
	for (i = 0; i < q->choice_count; i++) {
		free(q->choices[i].id);
		free(q->choices[i].label[0]);
		free(q->choices[i].label[1]);
	}
	free(q->choices);
	free(q->group_word[0]);
	free(q->group_word[1]);
	for (i = 0; i < q->gate_count; i++) {
		free(q->gates[i].id);
		free(q->gates[i].question[0]);
		free(q->gates[i].question[1]);
		for (k = 0; k < q->gates[i].item_count; k++)
			free(q->gates[i].items[k]);
		free(q->gates[i].items);
	}
	free(q->gates);
	free(q->items);
	for (i = 0; i < q->comparable_count; i++)
		free(q->comparable[i]);
	free(q->id);
	free(q->title[0]);
	free(q->title[1]);
	free(q->appendix_a_source[0]);
	free(q->appendix_a_source[1]);
	free_pairs(q->level, 5);
	free_pairs(q->dir_title, CSM_DIRECTIVES);
	free_pairs(q->dir_short, CSM_DIRECTIVES);
	free_pairs(q->dir_if_left, CSM_DIRECTIVES);
	free(q);
}

/* "comparable_with": ["csmg-v2"]: questionnaires whose directive scores mean
 * the same (the same ten directives), so their benchmarks compare by directive. */
static int parse_comparable(csm_questionnaire *q, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "comparable_with"), *e;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) > CSM__MAX_COMPARABLE) {
		csm__problem(p, "%s: comparable_with: expected an array of at most %d questionnaire ids", name,
		             CSM__MAX_COMPARABLE);
		return 0;
	}
	cJSON_ArrayForEach(e, arr) {
		if (!cJSON_IsString(e) || !csm__valid_id(e->valuestring)) {
			csm__problem(p, "%s: comparable_with: expected questionnaire ids", name);
			return 0;
		}
		if (!(q->comparable[q->comparable_count] = csm__strdup(e->valuestring)))
			return csm__nomem();
		q->comparable_count++;
	}
	return 0;
}

/* "levels": {"ja": [5 strings], "en": [5 strings]} */
static int parse_levels(char *out[5][2], const cJSON *obj, int required, csm__problems *p,
                        const char *name, const char *where)
{
	static const char *const langs[2] = {"ja", "en"};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "levels");
	int l, i;

	if (!v) {
		if (required)
			csm__problem(p, "%s: %s: missing", name, where);
		return 0;
	}
	if (!cJSON_IsObject(v)) {
		csm__problem(p, "%s: %s: expected {\"ja\": [5 texts], \"en\": [5 texts]}", name, where);
		return 0;
	}
	for (l = 0; l < 2; l++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(v, langs[l]);
		const cJSON *s;
		if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != 5) {
			csm__problem(p, "%s: %s.%s: expected an array of 5 texts (levels 1..5)", name, where,
			             langs[l]);
			continue;
		}
		i = 0;
		cJSON_ArrayForEach(s, arr) {
			if (!cJSON_IsString(s) || !s->valuestring[0] ||
			    strlen(s->valuestring) > CSM_MAX_TEXT_BYTES) {
				csm__problem(p, "%s: %s.%s[%d]: expected a non-empty text", name, where, langs[l], i);
			} else if (!(out[i][l] = csm__strdup(s->valuestring))) {
				return csm__nomem();
			}
			i++;
		}
	}
	return 0;
}

static int parse_directives(csm_questionnaire *q, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *dirs = cJSON_GetObjectItemCaseSensitive(root, "directives");
	const cJSON *d;
	int seen[CSM_DIRECTIVES] = {0}, i, rc;

	for (i = 0; i < CSM_DIRECTIVES; i++)
		q->weight[i] = 1.0;
	/* A questionnaire with its own scale has its own groups (sme-check: 3
	 * parts), numbered 1..n; one answered with levels has the ten directives. */
	if (q->choice_count && cJSON_IsArray(dirs) && cJSON_GetArraySize(dirs) >= 1 &&
	    cJSON_GetArraySize(dirs) <= CSM_DIRECTIVES) {
		q->group_count = cJSON_GetArraySize(dirs);
	} else if (q->choice_count) {
		csm__problem(p, "%s: directives: expected an array of 1..%d groups", name, CSM_DIRECTIVES);
		return 0;
	} else if (!cJSON_IsArray(dirs) || cJSON_GetArraySize(dirs) != CSM_DIRECTIVES) {
		csm__problem(p, "%s: directives: expected an array of %d directives", name, CSM_DIRECTIVES);
		return 0;
	}
	i = 0;
	cJSON_ArrayForEach(d, dirs) {
		char where[64];
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(d, "weight");
		int n;
		snprintf(where, sizeof where, "directives[%d]", i++);
		if (!cJSON_IsNumber(id) || id->valuedouble < 1 || id->valuedouble > q->group_count ||
		    id->valuedouble != floor(id->valuedouble)) {
			csm__problem(p, "%s: %s.id: expected a directive number 1..%d", name, where, q->group_count);
			continue;
		}
		n = (int)id->valuedouble;
		if (seen[n - 1]++) {
			csm__problem(p, "%s: %s.id: directive %d is defined twice", name, where, n);
			continue;
		}
		snprintf(where, sizeof where, "directive %d: title", n);
		if ((rc = csm__json_lang_pair(q->dir_title[n - 1], d, "title", 1, p, name, where)))
			return rc;
		snprintf(where, sizeof where, "directive %d: short", n);
		if ((rc = csm__json_lang_pair(q->dir_short[n - 1], d, "short", 1, p, name, where)))
			return rc;
		snprintf(where, sizeof where, "directive %d: if_left", n);
		if ((rc = csm__json_lang_pair(q->dir_if_left[n - 1], d, "if_left", 0, p, name, where)))
			return rc;
		if (w) {
			if (!cJSON_IsNumber(w) || !(w->valuedouble > 0) || w->valuedouble > 100)
				csm__problem(p, "%s: directive %d: weight: expected a number > 0 and <= 100", name, n);
			else
				q->weight[n - 1] = w->valuedouble;
		}
	}
	return 0;
}

/* A NIST CSF subcategory id: function (2 letters) "." category (2 letters)
 * "-" number, as in "ID.GV-1" (CSF 1.1) or "GV.OC-01" (CSF 2.0). */
static int valid_csf(const char *s)
{
	static const char *const functions[] = {"GV", "ID", "PR", "DE", "RS", "RC"};
	size_t i, n = strlen(s);
	int ok = 0;
	if (n < 7 || n > 9 || s[2] != '.' || s[5] != '-')
		return 0;
	for (i = 0; i < sizeof functions / sizeof functions[0]; i++)
		ok |= strncmp(s, functions[i], 2) == 0;
	if (!ok || s[3] < 'A' || s[3] > 'Z' || s[4] < 'A' || s[4] > 'Z')
		return 0;
	for (i = 6; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "csf": ["ID.GV-1", ...] */
static int parse_csf(csm__item *it, const cJSON *obj, csm__problems *p, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, "csf"), *t;
	int n = cJSON_GetArraySize(arr), f;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || n > 32) {
		csm__problem(p, "%s: item %s: csf: expected an array of at most 32 CSF subcategory ids", name, it->id);
		return 0;
	}
	if (n > 0 && !(it->csf = calloc((size_t)n, sizeof *it->csf)))
		return csm__nomem();
	cJSON_ArrayForEach(t, arr) {
		if (!cJSON_IsString(t) || !valid_csf(t->valuestring)) {
			csm__problem(p, "%s: item %s: csf: \"%.20s\" is not a CSF subcategory id such as \"ID.GV-1\"",
			             name, it->id, cJSON_IsString(t) ? t->valuestring : "");
			continue;
		}
		if (!(it->csf[it->csf_count++] = csm__strdup(t->valuestring)))
			return csm__nomem();
		/* Kept as a bit so that scoring need not compare the ids per file. */
		if ((f = csm__csf_fn(t->valuestring)) >= 0)
			it->csf11 |= 1u << f;
	}
	return 0;
}

/* "appendix_a": "1-1", the official check item this item corresponds to, kept
 * so that a reader can hold the question against the Guidelines' own. */
static int parse_appendix_a(csm__item *it, const cJSON *obj, csm__problems *p, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "appendix_a");
	const char *s;
	int d = 0, n = 0;
	if (!v)
		return 0;
	s = cJSON_IsString(v) ? v->valuestring : "";
	/* directive "-" number, both without leading zeros: "1-1" .. "10-99" */
	for (; *s >= '0' && *s <= '9' && d <= CSM_DIRECTIVES && !(d == 0 && *s == '0'); s++)
		d = d * 10 + (*s - '0');
	if (*s == '-')
		for (s++; *s >= '0' && *s <= '9' && n <= 99 && !(n == 0 && *s == '0'); s++)
			n = n * 10 + (*s - '0');
	if (*s || d < 1 || d > CSM_DIRECTIVES || n < 1 || n > 99) {
		csm__problem(p, "%s: item %s: appendix_a: expected an Appendix A item such as \"1-1\"", name, it->id);
		return 0;
	}
	return (it->appendix_a = csm__strdup(v->valuestring)) ? 0 : csm__nomem();
}

/* "marks": ["basic-1"] or ["policy"]: what the SME result looks for. */
static int parse_marks(const csm_questionnaire *q, csm__item *it, const cJSON *obj, csm__problems *p,
                       const char *name)
{
	static const char *const known[] = {"basic-1", "basic-2", "basic-3", "basic-4", "basic-5", "policy"};
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, "marks"), *m;
	int n = cJSON_GetArraySize(arr);
	size_t k;
	if (!arr)
		return 0;
	if (!q->choice_count || !cJSON_IsArray(arr) || n > 6) {
		csm__problem(p, "%s: item %s: marks: expected an array of at most 6 marks, in a questionnaire with its own scale",
		             name, it->id);
		return 0;
	}
	if (n > 0 && !(it->marks = calloc((size_t)n, sizeof *it->marks)))
		return csm__nomem();
	cJSON_ArrayForEach(m, arr) {
		for (k = 0; cJSON_IsString(m) && k < sizeof known / sizeof known[0]; k++)
			if (strcmp(m->valuestring, known[k]) == 0)
				break;
		if (!cJSON_IsString(m) || k == sizeof known / sizeof known[0]) {
			csm__problem(p, "%s: item %s: marks: \"%.20s\" is not a mark (basic-1..basic-5, policy)", name, it->id,
			             cJSON_IsString(m) ? m->valuestring : "");
			continue;
		}
		if (!(it->marks[it->mark_count++] = csm__strdup(m->valuestring)))
			return csm__nomem();
	}
	return 0;
}

/* "scale": {"choices": [{"id", "points", "label": {"ja", "en"}}], "unknown": id},
 * with "group_word", "grading" and "max_points" that go with it. */
static int parse_scale(csm_questionnaire *q, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *scale = cJSON_GetObjectItemCaseSensitive(root, "scale");
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(scale, "choices");
	const cJSON *unknown = cJSON_GetObjectItemCaseSensitive(scale, "unknown");
	const cJSON *grading = cJSON_GetObjectItemCaseSensitive(root, "grading");
	const cJSON *c;
	int n = cJSON_GetArraySize(choices), i = 0, rc;
	size_t a, b;

	q->unknown_choice = q->best_choice = -1;
	q->group_count = CSM_DIRECTIVES;
	if (grading && !(cJSON_IsString(grading) && strcmp(grading->valuestring, "none") == 0))
		csm__problem(p, "%s: grading: expected \"none\" (no A/B/C grade) or nothing", name);
	q->ungraded = grading != NULL;
	if ((rc = csm__json_lang_pair(q->group_word, root, "group_word", 0, p, name, "group_word")))
		return rc;
	if (!scale)
		return 0;
	if (!cJSON_IsObject(scale) || !cJSON_IsArray(choices) || n < 2 || n > CSM__MAX_CHOICES) {
		csm__problem(p, "%s: scale: expected {\"choices\": [2..%d choices], \"unknown\": choice id}", name,
		             CSM__MAX_CHOICES);
		return 0;
	}
	if (!(q->choices = calloc((size_t)n, sizeof *q->choices)))
		return csm__nomem();
	cJSON_ArrayForEach(c, choices) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
		const cJSON *pts = cJSON_GetObjectItemCaseSensitive(c, "points");
		csm__choice *ch = &q->choices[q->choice_count];
		char where[64];
		if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring) || strlen(id->valuestring) > 32) {
			csm__problem(p, "%s: scale.choices[%d].id: expected a choice id such as \"done\"", name, i++);
			continue;
		}
		if (!cJSON_IsNumber(pts) || pts->valuedouble != floor(pts->valuedouble) || fabs(pts->valuedouble) > 1000) {
			csm__problem(p, "%s: scale: choice %s: points: expected a whole number -1000..1000", name, id->valuestring);
			i++;
			continue;
		}
		i++;
		if (!(ch->id = csm__strdup(id->valuestring)))
			return csm__nomem();
		ch->points = (int)pts->valuedouble;
		q->choice_count++;
		snprintf(where, sizeof where, "scale: choice %s: label", ch->id);
		if ((rc = csm__json_lang_pair(ch->label, c, "label", 1, p, name, where)))
			return rc;
	}
	for (a = 0; a < q->choice_count; a++) {
		for (b = 0; b < a; b++)
			if (strcmp(q->choices[a].id, q->choices[b].id) == 0)
				csm__problem(p, "%s: scale: choice %s: defined twice", name, q->choices[a].id);
		if (q->best_choice < 0 || q->choices[a].points > q->choices[q->best_choice].points)
			q->best_choice = (int)a;
	}
	if (unknown) {
		q->unknown_choice = cJSON_IsString(unknown) ? csm_questionnaire_choice_find(q, unknown->valuestring) : -1;
		if (q->unknown_choice < 0)
			csm__problem(p, "%s: scale.unknown: expected the id of one of the choices", name);
	}
	if (q->choice_count < 2)
		csm__problem(p, "%s: scale: expected at least 2 choices", name);
	return 0;
}

static int parse_item(csm_questionnaire *q, csm__item *it, const cJSON *obj, int index,
                      csm__problems *p, const char *name)
{
	static const char *const text_keys[CSM__ITEM_FIELDS] = {"question", "intent", "hint", "how"};
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(obj, "directive");
	const cJSON *tips = cJSON_GetObjectItemCaseSensitive(obj, "tips");
	char where[128];
	int k, rc;

	if (!cJSON_IsObject(obj)) {
		csm__problem(p, "%s: items[%d]: expected an object", name, index);
		return 0;
	}
	if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring)) {
		csm__problem(p, "%s: items[%d].id: expected an item id such as \"1-1\"", name, index);
		return 0;
	}
	if (!(it->id = csm__strdup(id->valuestring)))
		return csm__nomem();
	if (!cJSON_IsNumber(dir) || dir->valuedouble < 1 || dir->valuedouble > q->group_count ||
	    dir->valuedouble != floor(dir->valuedouble)) {
		csm__problem(p, "%s: item %s: directive: expected a directive number 1..%d", name, it->id,
		             q->group_count);
	} else {
		it->directive = (int)dir->valuedouble;
		q->dir_items[it->directive - 1]++;
	}
	for (k = 0; k < CSM__ITEM_FIELDS; k++) {
		snprintf(where, sizeof where, "item %s: %s", it->id, text_keys[k]);
		if ((rc = csm__json_lang_pair(it->text[k], obj, text_keys[k], k == 0, p, name, where)))
			return rc;
	}
	snprintf(where, sizeof where, "item %s: levels", it->id);
	if (q->choice_count && cJSON_GetObjectItemCaseSensitive(obj, "levels"))
		csm__problem(p, "%s: %s: an item of a questionnaire with its own scale has no levels", name, where);
	else if ((rc = parse_levels(it->level, obj, 0, p, name, where)))
		return rc;
	if ((rc = parse_marks(q, it, obj, p, name)))
		return rc;
	if ((rc = parse_csf(it, obj, p, name)))
		return rc;
	if ((rc = parse_appendix_a(it, obj, p, name)))
		return rc;
	if (tips) {
		const cJSON *t;
		int n = cJSON_GetArraySize(tips);
		if (!cJSON_IsArray(tips) || n > 32) {
			csm__problem(p, "%s: item %s: tips: expected an array of at most 32 tip ids", name, it->id);
			return 0;
		}
		if (n > 0 && !(it->tips = calloc((size_t)n, sizeof *it->tips)))
			return csm__nomem();
		cJSON_ArrayForEach(t, tips) {
			if (!cJSON_IsString(t) || !csm__valid_id(t->valuestring)) {
				csm__problem(p, "%s: item %s: tips: expected tip ids", name, it->id);
				continue;
			}
			if (!(it->tips[it->tip_count++] = csm__strdup(t->valuestring)))
				return csm__nomem();
		}
	}
	return 0;
}

/* "gates": yes/no questions asked first; a "no" caps the levels of some items. */
static int parse_gates(csm_questionnaire *q, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "gates"), *g;
	int n = cJSON_GetArraySize(arr), i = 0, rc;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || n > 32) {
		csm__problem(p, "%s: gates: expected an array of at most 32 gates", name);
		return 0;
	}
	if (n && !(q->gates = calloc((size_t)n, sizeof *q->gates)))
		return csm__nomem();
	cJSON_ArrayForEach(g, arr) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(g, "id");
		const cJSON *ifno = cJSON_GetObjectItemCaseSensitive(g, "if_no");
		const cJSON *max = cJSON_GetObjectItemCaseSensitive(ifno, "max_level");
		const cJSON *items = cJSON_GetObjectItemCaseSensitive(ifno, "items"), *it;
		csm__gate *gate = &q->gates[q->gate_count];
		char where[96];
		if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring)) {
			csm__problem(p, "%s: gates[%d].id: expected a gate id", name, i++);
			continue;
		}
		i++;
		if (!(gate->id = csm__strdup(id->valuestring)))
			return csm__nomem();
		q->gate_count++;
		snprintf(where, sizeof where, "gate %s: question", gate->id);
		if ((rc = csm__json_lang_pair(gate->question, g, "question", 1, p, name, where)))
			return rc;
		if (!cJSON_IsNumber(max) || max->valuedouble < 1 || max->valuedouble > 4 ||
		    max->valuedouble != (int)max->valuedouble || !cJSON_IsArray(items) || cJSON_GetArraySize(items) < 1) {
			csm__problem(p, "%s: gate %s: if_no: expected {\"max_level\": 1..4, \"items\": [item ids]}", name,
			             gate->id);
			continue;
		}
		gate->max_level = (int)max->valuedouble;
		if (!(gate->items = calloc((size_t)cJSON_GetArraySize(items), sizeof *gate->items)))
			return csm__nomem();
		cJSON_ArrayForEach(it, items) {
			if (!cJSON_IsString(it) || csm_questionnaire_item_find(q, it->valuestring) < 0) {
				csm__problem(p, "%s: gate %s: if_no.items: \"%.20s\" is not an item of this questionnaire", name,
				             gate->id, cJSON_IsString(it) ? it->valuestring : "");
				continue;
			}
			if (!(gate->items[gate->item_count++] = csm__strdup(it->valuestring)))
				return csm__nomem();
		}
	}
	return 0;
}

int csm_questionnaire_parse(csm_questionnaire **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	cJSON *root = NULL;
	csm_questionnaire *q = NULL;
	const cJSON *items, *it;
	const char *s;
	int rc, i, n;
	size_t a, b;

	*out = NULL;
	if ((rc = csm__json_parse(&root, data, len, name)))
		goto cleanup;
	if ((rc = csm__json_format(root, "csm-questionnaire", name)))
		goto cleanup;
	if (!(q = calloc(1, sizeof *q))) {
		rc = csm__nomem();
		goto cleanup;
	}
	s = csm__json_line(root, "id", CSM_MAX_NAME_BYTES, &p, name, "id");
	if (!s || !csm__valid_id(s))
		csm__problem(&p, "%s: id: expected a questionnaire id such as \"csmg-v2\"", name);
	else if (!(q->id = csm__strdup(s))) {
		rc = csm__nomem();
		goto cleanup;
	}
	if ((rc = parse_scale(q, root, &p, name)) ||
	    (rc = csm__json_lang_pair(q->title, root, "title", 1, &p, name, "title")) ||
	    (rc = csm__json_lang_pair(q->appendix_a_source, root, "appendix_a_source", 0, &p, name, "appendix_a_source")) ||
	    (rc = parse_levels(q->level, root, !q->choice_count, &p, name, "levels")) ||
	    (rc = parse_directives(q, root, &p, name)))
		goto cleanup;

	items = cJSON_GetObjectItemCaseSensitive(root, "items");
	n = cJSON_GetArraySize(items);
	if (!cJSON_IsArray(items) || n < 1 || (size_t)n > CSM_MAX_ITEMS) {
		csm__problem(&p, "%s: items: expected an array of 1..%u items", name, CSM_MAX_ITEMS);
	} else {
		if (!(q->items = calloc((size_t)n, sizeof *q->items))) {
			rc = csm__nomem();
			goto cleanup;
		}
		i = 0;
		cJSON_ArrayForEach(it, items) {
			if ((rc = parse_item(q, &q->items[q->item_count++], it, i++, &p, name)))
				goto cleanup;
		}
		for (a = 0; a < q->item_count; a++)
			for (b = 0; b < a; b++)
				if (q->items[a].id && q->items[b].id && strcmp(q->items[a].id, q->items[b].id) == 0)
					csm__problem(&p, "%s: item %s: defined twice", name, q->items[a].id);
		for (i = 0; i < q->group_count; i++)
			if (q->dir_items[i] == 0)
				csm__problem(&p, "%s: directive %d: has no items", name, i + 1);
		if (q->choice_count && q->best_choice >= 0) {
			const cJSON *mp = cJSON_GetObjectItemCaseSensitive(root, "max_points");
			long most = (long)q->item_count * q->choices[q->best_choice].points;
			/* the declared most is a check on the data: items times the best choice */
			if (mp && (!cJSON_IsNumber(mp) || mp->valuedouble != (double)most))
				csm__problem(&p, "%s: max_points: expected %ld (%zu items times %d points)", name, most,
				             q->item_count, q->choices[q->best_choice].points);
			q->max_points = (int)most;
		}
		if ((rc = parse_gates(q, root, &p, name)) || (rc = parse_comparable(q, root, &p, name)))
			goto cleanup;
	}
	rc = csm__problems_finish(&p);
cleanup:
	csm__problems_finish(&p);
	cJSON_Delete(root);
	if (rc) {
		csm_questionnaire_free(q);
		return rc;
	}
	*out = q;
	return 0;
}

int csm_questionnaire_load(csm_questionnaire **out, const char *path)
{
	CSM__ARGS(out && path);
	char *data;
	size_t len;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_questionnaire_parse(out, data, len, path);
	free(data);
	return rc;
}

/* "a, b, c" of the questionnaire ids present in dir, for messages. */
static void list_ids(char *dst, size_t size, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t used = 0;
	dst[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		/* industries.json sits beside the questionnaires but is not one */
		if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 && strcmp(e->d_name, "industries.json") != 0 &&
		    used + n < size) {
			used += (size_t)snprintf(dst + used, size - used, "%s%.*s", used ? ", " : "",
			                         (int)(n - 5), e->d_name);
		}
	}
	closedir(d);
}

/* The CSF 2.0 function of every item, through <dir>/maps/csf-1.1-to-2.0.tsv.
 * Without the file the 2.0 view is simply absent; a broken file, or an item
 * id it cannot place, is an error in the data. */
static int read_csf_map(csm_questionnaire *q, const char *dir)
{
	char path[4200];
	char *data = NULL;
	size_t len = 0, i, k;
	csm__csf_map *m = NULL;
	int rc;
	struct stat st;
	snprintf(path, sizeof path, "%s/maps/csf-1.1-to-2.0.tsv", dir);
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)) ||
	    (rc = csm__csf_map_parse(&m, data, len, path)))
		goto cleanup;
	for (i = 0; i < q->item_count; i++)
		for (k = 0; k < q->items[i].csf_count; k++) {
			int f = csm__csf_map_function(m, q->items[i].csf[k]);
			if (f < 0) {
				rc = csm__err(CSM_EINVALID, "%s: item %s: %s has no CSF 2.0 function in %s", q->id, q->items[i].id,
				              q->items[i].csf[k], path);
				goto cleanup;
			}
			q->items[i].csf20 |= 1u << f;
		}
	q->has_csf20 = 1;
cleanup:
	free(data);
	csm__csf_map_free(m);
	return rc;
}

int csm_questionnaire_open(csm_questionnaire **out, const char *data_dir, const char *id)
{
	CSM__ARGS(out && data_dir && id);
	char path[4096], dir[4096], avail[512];
	struct stat st;
	int rc;

	*out = NULL;
	if (!csm__valid_id(id))
		return csm__err(CSM_EINVALID, "questionnaire: \"%.80s\" is not a valid questionnaire id", id);
	snprintf(dir, sizeof dir, "%s/questions", data_dir);
	if ((size_t)snprintf(path, sizeof path, "%s/%s.json", dir, id) >= sizeof path)
		return csm__err(CSM_EINVALID, "%s: data directory path is too long", data_dir);
	if (stat(path, &st) != 0 && errno == ENOENT) {
		list_ids(avail, sizeof avail, dir);
		return csm__err(CSM_ENOTFOUND, "questionnaire \"%s\" does not exist (available: %s)", id,
		                avail[0] ? avail : "none; is the data directory right?");
	}
	if ((rc = csm_questionnaire_load(out, path)))
		return rc;
	if (strcmp((*out)->id, id) != 0)
		rc = csm__err(CSM_EINVALID, "%s: id: \"%s\" does not match the file name", path, (*out)->id);
	else
		rc = read_csf_map(*out, dir);
	if (rc) {
		csm_questionnaire_free(*out);
		*out = NULL;
	}
	return rc;
}

const char *csm_questionnaire_id(const csm_questionnaire *q) { return q ? q->id : NULL; }

const char *csm_questionnaire_title(const csm_questionnaire *q, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) ? q->title[lang] : NULL;
}

const char *csm_questionnaire_level(const csm_questionnaire *q, int level, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) && level >= 1 && level <= 5 ? q->level[level - 1][lang] : NULL;
}

const char *csm_directive_title(const csm_questionnaire *q, int d, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) && d >= 1 && d <= CSM_DIRECTIVES ? q->dir_title[d - 1][lang] : NULL;
}

const char *csm_directive_if_left(const csm_questionnaire *q, int d, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) && d >= 1 && d <= CSM_DIRECTIVES ? q->dir_if_left[d - 1][lang] : NULL;
}

const char *csm_directive_short(const csm_questionnaire *q, int d, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) && d >= 1 && d <= CSM_DIRECTIVES ? q->dir_short[d - 1][lang] : NULL;
}

double csm_directive_weight(const csm_questionnaire *q, int d)
{
	return q && d >= 1 && d <= CSM_DIRECTIVES ? q->weight[d - 1] : 0.0;
}

size_t csm_questionnaire_item_count(const csm_questionnaire *q) { return q ? q->item_count : 0; }

int csm_questionnaire_item_find(const csm_questionnaire *q, const char *item_id)
{
	size_t i;
	for (i = 0; q && item_id && i < q->item_count; i++) /* while parsing, an item that failed has no id yet */
		if (q->items[i].id && strcmp(q->items[i].id, item_id) == 0)
			return (int)i;
	return -1;
}

/* Item `i` of `q`, or NULL when there is none. */
static const csm__item *item_at(const csm_questionnaire *q, size_t i)
{
	return q && i < q->item_count ? &q->items[i] : NULL;
}

const char *csm_item_id(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->id : NULL;
}

int csm_item_directive(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->directive : 0;
}

const char *csm_item_text(const csm_questionnaire *q, size_t i, csm_item_field field, csm_lang lang)
{
	const csm__item *it = item_at(q, i);
	return it && (unsigned)field < CSM__ITEM_FIELDS && CSM__LANG_OK(lang) ? it->text[field][lang] : NULL;
}

const char *csm_item_level(const csm_questionnaire *q, size_t i, int level, csm_lang lang)
{
	const csm__item *it = item_at(q, i);
	return it && CSM__LANG_OK(lang) && level >= 1 && level <= 5 ? it->level[level - 1][lang] : NULL;
}

size_t csm_item_tip_count(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->tip_count : 0;
}

const char *csm_item_tip(const csm_questionnaire *q, size_t i, size_t k)
{
	const csm__item *it = item_at(q, i);
	return it && k < it->tip_count ? it->tips[k] : NULL;
}

size_t csm_item_csf_count(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->csf_count : 0;
}

const char *csm_item_csf(const csm_questionnaire *q, size_t i, size_t k)
{
	const csm__item *it = item_at(q, i);
	return it && k < it->csf_count ? it->csf[k] : NULL;
}

const char *csm_item_appendix_a(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->appendix_a : NULL;
}

size_t csm_questionnaire_gate_count(const csm_questionnaire *q) { return q ? q->gate_count : 0; }

const char *csm_gate_id(const csm_questionnaire *q, size_t i) { return q && i < q->gate_count ? q->gates[i].id : NULL; }

const char *csm_gate_question(const csm_questionnaire *q, size_t i, csm_lang lang)
{
	return q && i < q->gate_count && CSM__LANG_OK(lang) ? q->gates[i].question[lang] : NULL;
}

int csm_questionnaire_set_weights(csm_questionnaire *q, const double weights[CSM_DIRECTIVES])
{
	CSM__ARGS(q && weights);
	int d;
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (!(weights[d] > 0 && weights[d] <= 100))
			return csm__err(CSM_EINVALID, "weights: directive %d: %g is not a weight (> 0 and <= 100)", d + 1, weights[d]);
	for (d = 0; d < CSM_DIRECTIVES; d++)
		q->weight[d] = weights[d];
	return 0;
}

size_t csm_questionnaire_choice_count(const csm_questionnaire *q) { return q ? q->choice_count : 0; }

const char *csm_questionnaire_choice_id(const csm_questionnaire *q, size_t k)
{
	return q && k < q->choice_count ? q->choices[k].id : NULL;
}

int csm_questionnaire_choice_points(const csm_questionnaire *q, size_t k)
{
	return q && k < q->choice_count ? q->choices[k].points : 0;
}

const char *csm_questionnaire_choice_label(const csm_questionnaire *q, size_t k, csm_lang lang)
{
	return q && k < q->choice_count && CSM__LANG_OK(lang) ? q->choices[k].label[lang] : NULL;
}

int csm_questionnaire_choice_unknown(const csm_questionnaire *q) { return q ? q->unknown_choice : -1; }

int csm_questionnaire_choice_find(const csm_questionnaire *q, const char *id)
{
	size_t k;
	for (k = 0; q && id && k < q->choice_count; k++)
		if (q->choices[k].id && strcmp(q->choices[k].id, id) == 0)
			return (int)k;
	return -1;
}

int csm_questionnaire_group_count(const csm_questionnaire *q) { return q ? q->group_count : 0; }

const char *csm__group_word(const csm_questionnaire *q, csm_lang lang)
{
	return q->group_word[lang] ? q->group_word[lang] : csm__msg("questionnaire.group_default", lang);
}

const char *csm_questionnaire_group_word(const csm_questionnaire *q, csm_lang lang)
{
	return q && CSM__LANG_OK(lang) ? q->group_word[lang] : NULL;
}

int csm_questionnaire_graded(const csm_questionnaire *q) { return q ? !q->ungraded : 0; }

int csm_questionnaire_max_points(const csm_questionnaire *q) { return q ? q->max_points : 0; }

size_t csm_item_mark_count(const csm_questionnaire *q, size_t i)
{
	const csm__item *it = item_at(q, i);
	return it ? it->mark_count : 0;
}

const char *csm_item_mark(const csm_questionnaire *q, size_t i, size_t k)
{
	const csm__item *it = item_at(q, i);
	return it && k < it->mark_count ? it->marks[k] : NULL;
}

/* White space around a choice, as around a level: ASCII and U+3000. */
static int choice_space(const unsigned char *s, const unsigned char *e, int at_end)
{
	if (at_end)
		return (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) ? 1
		       : (e - s >= 3 && e[-3] == 0xE3 && e[-2] == 0x80 && e[-1] == 0x80) ? 3 : 0;
	return (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) ? 1
	       : (e - s >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ? 3 : 0;
}

int csm__choice_parse(const csm_questionnaire *q, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text, *e = s + len;
	size_t k, n;
	int l, w;
	while ((w = choice_space(s, e, 0)) > 0)
		s += w;
	while ((w = choice_space(s, e, 1)) > 0)
		e -= w;
	if (s == e)
		return -2;
	n = (size_t)(e - s);
	for (k = 0; k < q->choice_count; k++) {
		if (strlen(q->choices[k].id) == n && memcmp(q->choices[k].id, s, n) == 0)
			return (int)k;
		for (l = 0; l < 2; l++)
			if (q->choices[k].label[l] && strlen(q->choices[k].label[l]) == n &&
			    memcmp(q->choices[k].label[l], s, n) == 0)
				return (int)k;
	}
	return -1;
}

void csm__choice_list(const csm_questionnaire *q, csm__buf *out)
{
	size_t k;
	for (k = 0; k < q->choice_count; k++)
		csm__buf_printf(out, "%s%s", k ? ", " : "", q->choices[k].id);
}

int csm__scale_refuse(const csm_questionnaire *q, const char *name, const char *what)
{
	return csm__err(CSM_EINVALID, "%s%squestionnaire %s is answered on its own scale and scored in points, not levels: "
	                "%s does not work with it yet (csm score shows its points)", name ? name : "", name ? ": " : "",
	                q->id, what);
}
