/* Answers files: csm-answers/1 JSON and CSV, their form checked here, their
 * fit to a questionnaire in csm_answers_check(). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <utf8proc.h>

#include "answers.h"
#include "error.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "targets.h"
#include "util.h"

void csm_answers_free(csm_answers *a)
{
	size_t i;
	if (!a)
		return;
	for (i = 0; i < a->count; i++) {
		uintptr_t id = (uintptr_t)a->items[i].id, pool = (uintptr_t)a->ids;
		uintptr_t ch = (uintptr_t)a->items[i].choice; /* the database's export keeps choices in the block too */
		if (!(a->ids && id >= pool && id < pool + a->ids_len))
			free(a->items[i].id);
		free(a->items[i].evidence);
		free(a->items[i].note);
		if (!(a->ids && ch >= pool && ch < pool + a->ids_len))
			free(a->items[i].choice);
	}
	for (i = 0; i < a->assessor_count; i++) {
		free(a->assessor_name[i]);
		free(a->assessor_role[i]);
	}
	for (i = 0; i < 7; i++)
		free(a->field[i]);
	for (i = 0; i < a->discuss_count; i++)
		free(a->discuss[i]);
	free(a->discuss);
	for (i = 0; i < a->gate_count; i++)
		free(a->gate_id[i]);
	free(a->gate_id);
	free(a->gate_value);
	free(a->assessor_name);
	free(a->assessor_role);
	free(a->items);
	free(a->ids);
	free(a->name);
	cJSON_Delete(a->organization);
	csm__targets_free(a->targets);
	free(a);
}

const csm__answer *csm__answers_find(const csm_answers *a, const char *id)
{
	return csm__answers_find_near(a, id, 0);
}

const csm__answer *csm__answers_find_near(const csm_answers *a, const char *id, size_t hint)
{
	size_t i;
	/* Files list items in questionnaire order as a rule: try there first
	 * (db export's answers hold the questionnaire's own id there). */
	if (hint < a->count && (a->items[hint].id == id || strcmp(a->items[hint].id, id) == 0))
		return &a->items[hint];
	for (i = 0; i < a->count; i++)
		if (strcmp(a->items[i].id, id) == 0)
			return &a->items[i];
	return NULL;
}

static csm__answer *add_item(csm_answers *a, size_t cap_hint)
{
	if (!a->items) {
		a->cap = cap_hint ? cap_hint : 1;
		if (!(a->items = calloc(a->cap, sizeof *a->items)))
			return NULL;
	}
	if (a->count == a->cap) { /* only answers set later (what-if) go past the hint */
		csm__answer *t = realloc(a->items, a->cap * 2 * sizeof *t);
		if (!t)
			return NULL;
		memset(t + a->cap, 0, a->cap * sizeof *t);
		a->items = t;
		a->cap *= 2;
	}
	return &a->items[a->count++];
}

const char *const csm__scopes[CSM__SCOPES] = {"entity", "group"};
const char *const csm__sizes[CSM__SIZES] = {"small", "medium", "large"};

static int one_of(const char *s, const char *const *set, size_t n)
{
	size_t i;
	for (i = 0; s && i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

const char *csm__scope_label(const char *scope, csm_lang lang)
{
	/* the words the form and the workbook show, never the raw id */
	static const char *const words[CSM__SCOPES] = {"answers.scope_entity", "answers.scope_group"};
	size_t i;
	for (i = 0; scope && i < CSM__SCOPES; i++)
		if (strcmp(scope, csm__scopes[i]) == 0)
			return csm__msg(words[i], lang);
	return scope;
}

int csm__scope_valid(const char *s) { return one_of(s, csm__scopes, CSM__SCOPES); }
int csm__size_valid(const char *s) { return one_of(s, csm__sizes, CSM__SIZES); }

/* Free-text field of an assessor, length-capped. */
static int take_text(char **dst, const cJSON *obj, const char *key, size_t max, csm__problems *p,
                     const char *name, const char *where)
{
	char sub[128];
	const char *s;
	snprintf(sub, sizeof sub, "%s: %s", where, key);
	s = csm__json_line(obj, key, max, p, name, sub);
	if (s && !(*dst = csm__strdup(s)))
		return csm__nomem();
	return 0;
}

/* Evidence or note of item `id`: no message is formatted unless needed, as
 * this runs for every item of every file. */
static int take_item_text(char **dst, const cJSON *obj, const char *key, csm__problems *p, const char *name,
                          const char *id)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t n;
	int c;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v)) {
		csm__problem(p, "%s: item %s: %s: expected a string", name, id, key);
		return 0;
	}
	n = strlen(v->valuestring);
	if (n > CSM_MAX_TEXT_BYTES) {
		csm__problem(p, "%s: item %s: %s: text is too long (%zu bytes; the limit is %u)", name, id, key, n,
		             CSM_MAX_TEXT_BYTES);
		return 0;
	}
	if ((c = csm__control_char(v->valuestring, 1)) >= 0) {
		csm__problem(p, "%s: item %s: %s: contains a control character (0x%02x); only tab and line breaks "
		             "are allowed", name, id, key, (unsigned)c);
		return 0;
	}
	if (!(*dst = csm__strndup(v->valuestring, n)))
		return csm__nomem();
	return 0;
}

static int level_space(unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

int csm__level_parse(const char *text, size_t len, int empty_ok, csm_answer_kind *kind, int *level)
{
	static const char na_ja[] = "\xE8\xA9\xB2\xE5\xBD\x93\xE3\x81\xAA\xE3\x81\x97"; /* 該当なし */
	const unsigned char *s = (const unsigned char *)text, *e = s + len;
	char norm[8];
	size_t n = 0;

	*kind = CSM_ANSWER_NULL;
	*level = 0;
	for (;;) { /* white space around it, ASCII and U+3000 (E3 80 80) */
		if (s < e && level_space(*s))
			s++;
		else if (e - s >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
			s += 3;
		else if (e > s && level_space(e[-1]))
			e--;
		else if (e - s >= 3 && e[-3] == 0xE3 && e[-2] == 0x80 && e[-1] == 0x80)
			e -= 3;
		else
			break;
	}
	if (s == e)
		return empty_ok ? 0 : -1;
	if ((size_t)(e - s) == sizeof na_ja - 1 && memcmp(s, na_ja, sizeof na_ja - 1) == 0) {
		*kind = CSM_ANSWER_NA;
		return 0;
	}
	/* ASCII and full-width ASCII (U+FF01..U+FF5E, EF BC 81..EF BD 9E) as lower-case ASCII */
	while (s < e) {
		unsigned ch;
		if (n + 1 >= sizeof norm)
			return -1;
		if (*s < 0x80) {
			ch = *s++;
		} else if (e - s >= 3 && s[0] == 0xEF && ((s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF) ||
		                                          (s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E))) {
			ch = (s[1] == 0xBC ? 0x21u : 0x60u) + (unsigned)(s[2] - (s[1] == 0xBC ? 0x81 : 0x80));
			s += 3;
		} else {
			return -1;
		}
		norm[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
	}
	norm[n] = '\0';
	if (n == 1 && norm[0] >= '1' && norm[0] <= '5') {
		*kind = CSM_ANSWER_LEVEL;
		*level = norm[0] - '0';
		return 0;
	}
	if (strcmp(norm, "n/a") == 0) {
		*kind = CSM_ANSWER_NA;
		return 0;
	}
	return -1;
}

/* Set `ans` to choice `k` of `q`. */
static int set_choice(csm__answer *ans, const csm_questionnaire *q, int k)
{
	ans->kind = CSM_ANSWER_CHOICE;
	ans->level = k;
	return (ans->choice = csm__strdup(q->choices[k].id)) ? 0 : csm__nomem();
}

/* "... is not a choice (expected done, partly, ... or null)" for the value `shown`. */
static void not_a_choice(csm__problems *p, const csm_questionnaire *q, const char *where, const char *shown,
                         const char *empty)
{
	csm__buf b = {0};
	csm__choice_list(q, &b);
	csm__problem(p, "%s: %s is not a choice (expected %s%s)", where, shown, b.s ? b.s : "", empty);
	csm__buf_free(&b);
}

/* A choice value of questionnaire `q` with its own scale: a choice id or
 * label, or null. Returns 0 if it is none of those, -1 out of memory. */
static int choice_value(const cJSON *v, csm__answer *ans, const csm_questionnaire *q, csm__problems *p,
                        const char *name, const char *id)
{
	char where[CSM_MAX_NAME_BYTES + 160], shown[96];
	int k = -1;
	if (cJSON_IsNull(v)) {
		ans->kind = CSM_ANSWER_NULL;
		return 1;
	}
	if (cJSON_IsString(v) && (k = csm__choice_parse(q, v->valuestring, strlen(v->valuestring))) >= 0)
		return set_choice(ans, q, k) ? -1 : 1;
	(void)k;
	snprintf(where, sizeof where, "%s: item %s", name, id);
	if (cJSON_IsString(v))
		snprintf(shown, sizeof shown, "\"%.40s\"", v->valuestring);
	else if (cJSON_IsNumber(v))
		snprintf(shown, sizeof shown, "%.6g", v->valuedouble);
	else
		snprintf(shown, sizeof shown, "the value");
	not_a_choice(p, q, where, shown, " or null");
	return 0;
}

/* A level value: integer 1..5, "n/a", or null. Returns 0 if it is none of those. */
static int level_value(const cJSON *v, csm__answer *ans, csm__problems *p, const char *name, const char *id)
{
	if (cJSON_IsNull(v)) {
		ans->kind = CSM_ANSWER_NULL;
		return 1;
	}
	if (cJSON_IsString(v)) {
		/* the same texts as in CSV and workbooks; "" is not null */
		if (csm__level_parse(v->valuestring, strlen(v->valuestring), 0, &ans->kind, &ans->level) == 0)
			return 1;
		csm__problem(p, "%s: item %s: level \"%.40s\" is not a level (expected 1..5, \"n/a\" or null)", name,
		             id, v->valuestring);
		return 0;
	}
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (!isfinite(d) || d != floor(d)) {
			csm__problem(p, "%s: item %s: level %g is not a whole number (expected 1..5)", name, id, d);
			return 0;
		}
		if (d < 1 || d > 5) {
			csm__problem(p, "%s: item %s: level %.6g is out of range (expected 1..5)", name, id, d);
			return 0;
		}
		ans->kind = CSM_ANSWER_LEVEL;
		ans->level = (int)d;
		return 1;
	}
	csm__problem(p, "%s: item %s: expected a level 1..5, \"n/a\", null, or an object with \"level\"", name, id);
	return 0;
}

static int parse_org(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *org = cJSON_GetObjectItemCaseSensitive(root, "organization");
	const char *s;
	if (!cJSON_IsObject(org)) {
		csm__problem(p, "%s: organization: %s", name,
		             org ? "expected an object with name, industry and scope" : "missing");
		return 0;
	}
	if (!(a->organization = cJSON_Duplicate(org, 1)))
		return csm__nomem();
	s = csm__json_line(org, "name", CSM_MAX_NAME_BYTES, p, name, "organization.name");
	if (!s || !s[0]) {
		if (!cJSON_GetObjectItemCaseSensitive(org, "name") || (s && !s[0]))
			csm__problem(p, "%s: organization.name: missing or empty", name);
	} else if (!(a->field[CSM_FIELD_ORG_NAME] = csm__strdup(s))) {
		return csm__nomem();
	}
	s = csm__json_line(org, "industry", CSM_MAX_NAME_BYTES, p, name, "organization.industry");
	if (s && !s[0])
		s = NULL; /* left blank, as in a template */
	if (s && !csm__valid_id(s))
		csm__problem(p, "%s: organization.industry: \"%.60s\" is not an industry id (e.g. \"finance\")", name, s);
	else if (s && !(a->field[CSM_FIELD_ORG_INDUSTRY] = csm__strdup(s)))
		return csm__nomem();
	s = csm__json_line(org, "scope", CSM_MAX_NAME_BYTES, p, name, "organization.scope");
	if (s && !csm__scope_valid(s))
		csm__problem(p, "%s: organization.scope: \"%.60s\" is not a scope (expected \"entity\" or \"group\")",
		             name, s);
	else if (s && !(a->field[CSM_FIELD_ORG_SCOPE] = csm__strdup(s)))
		return csm__nomem();
	s = csm__json_line(org, "parent", CSM_MAX_NAME_BYTES, p, name, "organization.parent");
	if (s && s[0] && !(a->field[CSM_FIELD_ORG_PARENT] = csm__strdup(s)))
		return csm__nomem();
	{
		static const char *const keys[2] = {"headcount", "revenue"};
		int k;
		for (k = 0; k < 2; k++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(org, keys[k]);
			double *dst = k ? &a->revenue : &a->headcount;
			if (!v || cJSON_IsNull(v))
				continue;
			if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble < 1e15))
				csm__problem(p, "%s: organization.%s: expected a number >= 0", name, keys[k]);
			else
				*dst = v->valuedouble;
		}
	}
	s = csm__json_line(org, "size", CSM_MAX_NAME_BYTES, p, name, "organization.size");
	if (s && !csm__size_valid(s))
		csm__problem(p, "%s: organization.size: \"%.60s\" is not a size band (expected \"small\", \"medium\" or \"large\")",
		             name, s);
	else if (s && !(a->field[CSM_FIELD_ORG_SIZE] = csm__strdup(s)))
		return csm__nomem();
	return 0;
}

static int parse_assessors(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "assessors"), *e;
	int n, i = 0, rc;
	if (!arr || cJSON_IsNull(arr))
		return 0;
	n = cJSON_GetArraySize(arr);
	if (!cJSON_IsArray(arr) || (size_t)n > CSM_MAX_ASSESSORS) {
		csm__problem(p, "%s: assessors: expected an array of at most %u assessors", name, CSM_MAX_ASSESSORS);
		return 0;
	}
	if (n == 0)
		return 0;
	a->assessor_name = calloc((size_t)n, sizeof *a->assessor_name);
	a->assessor_role = calloc((size_t)n, sizeof *a->assessor_role);
	if (!a->assessor_name || !a->assessor_role)
		return csm__nomem();
	cJSON_ArrayForEach(e, arr) {
		char where[64];
		snprintf(where, sizeof where, "assessors[%d]", i++);
		if (!cJSON_IsObject(e)) {
			csm__problem(p, "%s: %s: expected an object with name and role", name, where);
			continue;
		}
		if ((rc = take_text(&a->assessor_name[a->assessor_count], e, "name", CSM_MAX_NAME_BYTES, p, name,
		                    where)) ||
		    (rc = take_text(&a->assessor_role[a->assessor_count], e, "role", CSM_MAX_NAME_BYTES, p, name,
		                    where)))
			return rc;
		a->assessor_count++;
	}
	return 0;
}

/* "gates": {"ciso": "yes", "csirt": "no", "policy": null} */
static int parse_gate_answers(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *gates = cJSON_GetObjectItemCaseSensitive(root, "gates"), *g;
	int n = cJSON_GetArraySize(gates);
	if (!gates || cJSON_IsNull(gates))
		return 0;
	if (!cJSON_IsObject(gates) || n > 32) {
		csm__problem(p, "%s: gates: expected an object of gate ids with \"yes\", \"no\" or null", name);
		return 0;
	}
	if (n && (!(a->gate_id = calloc((size_t)n, sizeof *a->gate_id)) ||
	          !(a->gate_value = calloc((size_t)n, sizeof *a->gate_value))))
		return csm__nomem();
	cJSON_ArrayForEach(g, gates) {
		int v = cJSON_IsNull(g)                                                  ? -1
		        : cJSON_IsString(g) && strcmp(g->valuestring, "yes") == 0 ? 1
		        : cJSON_IsString(g) && strcmp(g->valuestring, "no") == 0  ? 0
		                                                                    : -2;
		if (!csm__valid_id(g->string) || v == -2) {
			csm__problem(p, "%s: gates.%.40s: expected \"yes\", \"no\" or null", name, g->string);
			continue;
		}
		if (!(a->gate_id[a->gate_count] = csm__strdup(g->string)))
			return csm__nomem();
		a->gate_value[a->gate_count++] = v;
	}
	return 0;
}

/* "questionnaire": the id the file answers. */
static int parse_questionnaire_id(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const char *s = csm__json_line(root, "questionnaire", CSM_MAX_NAME_BYTES, p, name, "questionnaire");
	if (!s) {
		if (!cJSON_GetObjectItemCaseSensitive(root, "questionnaire"))
			csm__problem(p, "%s: questionnaire: missing (e.g. \"csmg-v2\")", name);
	} else if (!csm__valid_id(s)) {
		csm__problem(p, "%s: questionnaire: \"%.60s\" is not a questionnaire id", name, s);
	} else if (!(a->field[CSM_FIELD_QUESTIONNAIRE] = csm__strdup(s))) {
		return csm__nomem();
	}
	return 0;
}

/* "merged": {"discuss": [item ids]} from csm merge */
static int parse_discuss(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "merged"), "discuss"), *e;
	int nd = cJSON_GetArraySize(d);
	if (d && (!cJSON_IsArray(d) || (size_t)nd > CSM_MAX_ITEMS)) {
		csm__problem(p, "%s: merged.discuss: expected an array of item ids", name);
	} else if (nd > 0) {
		if (!(a->discuss = calloc((size_t)nd, sizeof *a->discuss)))
			return csm__nomem();
		cJSON_ArrayForEach(e, d) {
			if (!cJSON_IsString(e) || !csm__valid_id(e->valuestring)) {
				csm__problem(p, "%s: merged.discuss: expected item ids", name);
				break;
			}
			if (!(a->discuss[a->discuss_count++] = csm__strdup(e->valuestring)))
				return csm__nomem();
		}
	}
	return 0;
}

/* "assessed_on": a date YYYY-MM-DD. */
static int parse_assessed_on(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const char *s = csm__json_line(root, "assessed_on", CSM_MAX_NAME_BYTES, p, name, "assessed_on");
	if (s && !csm__valid_date(s))
		csm__problem(p, "%s: assessed_on: \"%.40s\" is not a date YYYY-MM-DD", name, s);
	else if (s && !(a->field[CSM_FIELD_ASSESSED_ON] = csm__strdup(s)))
		return csm__nomem();
	return 0;
}

/* One answer: a bare level (or choice), or an object with level, evidence and note. */
static int parse_answer_value(csm__answer *ans, const cJSON *v, const csm_questionnaire *q, csm__problems *p,
                              const char *name, const char *id)
{
	int rc;
	if (cJSON_IsObject(v)) {
		const cJSON *lv = cJSON_GetObjectItemCaseSensitive(v, "level");
		if (!lv)
			csm__problem(p, "%s: item %s: level: missing", name, id);
		else if (!q)
			level_value(lv, ans, p, name, id);
		else if (choice_value(lv, ans, q, p, name, id) < 0)
			return csm__nomem();
		if ((rc = take_item_text(&ans->evidence, v, "evidence", p, name, id)) ||
		    (rc = take_item_text(&ans->note, v, "note", p, name, id)))
			return rc;
	} else if (!q) {
		level_value(v, ans, p, name, id);
	} else if (choice_value(v, ans, q, p, name, id) < 0) {
		return csm__nomem();
	}
	return 0;
}

/* "answers": {item id: answer}; the ids are kept in one block. */
static int parse_answer_items(csm_answers *a, const cJSON *root, csm__problems *p, const char *name,
                              const csm_questionnaire *q)
{
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(root, "answers"), *v;
	size_t nanswers;
	int rc;

	if (!cJSON_IsObject(answers)) {
		csm__problem(p, "%s: answers: %s", name, answers ? "expected an object of item ids" : "missing");
		return 0;
	}
	if ((size_t)cJSON_GetArraySize(answers) > CSM_MAX_ITEMS) {
		csm__problem(p, "%s: answers: more than %u items", name, CSM_MAX_ITEMS);
		return 0;
	}
	nanswers = (size_t)cJSON_GetArraySize(answers); /* a list walk: once */
	{ /* the ids in one block: one allocation instead of one per item */
		size_t total = 0;
		cJSON_ArrayForEach(v, answers) total += strlen(v->string) + 1;
		if (total && !(a->ids = malloc(total)))
			return csm__nomem();
	}
	cJSON_ArrayForEach(v, answers) {
		const char *id = v->string;
		csm__answer *ans;
		if (!csm__valid_id(id)) {
			csm__problem(p, "%s: answers: \"%.40s\" is not an item id", name, id);
			continue;
		}
		if (!(ans = add_item(a, nanswers)))
			return csm__nomem();
		ans->id = a->ids + a->ids_len;
		memcpy(ans->id, id, strlen(id) + 1);
		a->ids_len += strlen(id) + 1;
		if ((rc = parse_answer_value(ans, v, q, p, name, id)))
			return rc;
	}
	return 0;
}

static int parse_json(csm_answers *a, const char *data, size_t len, csm__problems *p, const csm_questionnaire *q)
{
	const char *name = a->name;
	cJSON *root = NULL;
	int rc;
	/* the tree of a JSON Lines line of about 1 kB takes about 6 kB; it is
	 * deleted below, before the arena ends */
	_Alignas(16) char arena[16384];

	csm__json_arena_begin(arena, sizeof arena);
	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-answers", name)) ||
	    (rc = parse_questionnaire_id(a, root, p, name)))
		goto cleanup;
	/* the scale is q's only for a file that answers q */
	if (q && (!q->choice_count || (a->field[CSM_FIELD_QUESTIONNAIRE] && strcmp(a->field[CSM_FIELD_QUESTIONNAIRE], q->id) != 0)))
		q = NULL;
	if ((rc = parse_org(a, root, p, name)) || (rc = parse_assessors(a, root, p, name)) ||
	    (rc = parse_gate_answers(a, root, p, name)) || (rc = csm__targets_parse(a, root, p, name)) ||
	    (rc = parse_discuss(a, root, p, name)) || (rc = parse_assessed_on(a, root, p, name)) ||
	    (rc = parse_answer_items(a, root, p, name, q)))
		goto cleanup;
	rc = 0;
cleanup:
	csm__json_arena_delete(root);
	csm__json_arena_end();
	return rc;
}

/* ---- CSV --------------------------------------------------------------- */

enum { COL_ITEM, COL_LEVEL, COL_EVIDENCE, COL_NOTE, COL_IGNORED, COL_UNKNOWN };

typedef struct csv_state {
	csm_answers *a;
	const csm_questionnaire *q; /* with its own scale, or NULL: levels */
	csm__problems *p;
	int col_of[16]; /* column index -> COL_* */
	int ncols;
	int have[4];
	char *cell[4];  /* the current row's known cells */
	int field;      /* field index within the current row */
	unsigned row;   /* 1-based row number */
	int rc;
} csv_state;

/* The name of the answer column: a questionnaire with its own scale is
 * answered with its choices, not levels. */
static const char *answer_column(const csm_questionnaire *q) { return q && q->choice_count ? "answer" : "level"; }

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static void csv_field(void *data, size_t len, void *ctx)
{
	csv_state *st = ctx;
	int f = st->field++;
	if (st->rc)
		return;
	if (st->row == 1) {
		char h[32];
		size_t i;
		int col;
		if (f >= 16) {
			csm__problem(st->p, "%s: row 1: too many columns", st->a->name);
			return;
		}
		snprintf(h, sizeof h, "%.*s", (int)(len < 31 ? len : 31), (const char *)data);
		for (i = 0; h[i]; i++)
			h[i] = (char)tolower((unsigned char)h[i]);
		{
			char *t = trim(h);
			/* "answer" heads the column of a questionnaire with its own
			 * scale (its template writes it); "level" stays accepted for
			 * every questionnaire, as files made before say it. */
			col = strcmp(t, "item") == 0                                  ? COL_ITEM
			      : (strcmp(t, "level") == 0 || strcmp(t, "answer") == 0) ? COL_LEVEL
			      : strcmp(t, "evidence") == 0 ? COL_EVIDENCE
			      : strcmp(t, "note") == 0     ? COL_NOTE
			      : (strcmp(t, "question") == 0 || strcmp(t, "directive") == 0 || strcmp(t, "topic") == 0)
			          ? COL_IGNORED
			          : COL_UNKNOWN;
			if (col == COL_UNKNOWN)
				csm__problem(st->p,
				             "%s: row 1: unknown column \"%.30s\" (expected item, %s, evidence, note)",
				             st->a->name, t, answer_column(st->q));
			else if (col < COL_IGNORED && st->have[col]++)
				csm__problem(st->p, "%s: row 1: column \"%s\" appears twice%s", st->a->name, t,
				             col == COL_LEVEL ? " (level and answer name the same column)" : "");
		}
		st->col_of[f] = col;
		st->ncols = f + 1;
		return;
	}
	if (f >= st->ncols) {
		if (len && data)
			csm__problem(st->p, "%s: row %u: more cells than the header has columns", st->a->name, st->row);
		return;
	}
	if (st->col_of[f] < COL_IGNORED) {
		size_t max = st->col_of[f] >= COL_EVIDENCE ? CSM_MAX_TEXT_BYTES : CSM_MAX_NAME_BYTES;
		if (len > max) {
			csm__problem(st->p, "%s: row %u: cell is too long (%zu bytes; the limit is %zu)", st->a->name,
			             st->row, len, max);
			return;
		}
		free(st->cell[st->col_of[f]]); /* a column named twice: already reported */
		if (!(st->cell[st->col_of[f]] = csm__strndup(data ? data : "", data ? len : 0)))
			st->rc = csm__nomem();
	}
}

static void csv_row(int term, void *ctx)
{
	csv_state *st = ctx;
	const char *name = st->a->name;
	csm__answer *ans;
	char *id, *lv;
	int i;
	(void)term;

	if (st->rc)
		goto next;
	if (st->row == 1) {
		if (!st->have[COL_ITEM] || !st->have[COL_LEVEL])
			csm__problem(st->p, "%s: row 1: the header must name the columns item and %s", name,
			             answer_column(st->q));
		goto next;
	}
	if (!st->have[COL_ITEM] || !st->have[COL_LEVEL])
		goto next;
	id = trim(st->cell[COL_ITEM] ? st->cell[COL_ITEM] : "");
	lv = trim(st->cell[COL_LEVEL] ? st->cell[COL_LEVEL] : "");
	if (!id[0]) {
		if (lv[0] || (st->cell[COL_EVIDENCE] && st->cell[COL_EVIDENCE][0]))
			csm__problem(st->p, "%s: row %u: item id is empty", name, st->row);
		goto next; /* a blank line */
	}
	if (!csm__valid_id(id)) {
		csm__problem(st->p, "%s: row %u: \"%.40s\" is not an item id", name, st->row, id);
		goto next;
	}
	if (csm__answers_find(st->a, id)) {
		csm__problem(st->p, "%s: item %s: appears twice (row %u)", name, id, st->row);
		goto next;
	}
	if (st->a->count >= CSM_MAX_ITEMS) {
		csm__problem(st->p, "%s: row %u: more than %u items", name, st->row, CSM_MAX_ITEMS);
		goto next;
	}
	if (!(ans = add_item(st->a, CSM_MAX_ITEMS)) || !(ans->id = csm__strdup(id))) {
		st->rc = csm__nomem();
		goto next;
	}
	if (st->q) {
		int k = csm__choice_parse(st->q, lv, strlen(lv));
		ans->kind = CSM_ANSWER_NULL; /* an empty cell: not answered yet */
		if (k >= 0 && set_choice(ans, st->q, k)) {
			st->rc = csm__nomem();
			goto next;
		}
		if (k == -1) {
			char where[CSM_MAX_NAME_BYTES + 160], shown[64];
			snprintf(where, sizeof where, "%s: row %u (item %s)", name, st->row, id);
			snprintf(shown, sizeof shown, "\"%.40s\"", lv);
			not_a_choice(st->p, st->q, where, shown, ", or empty");
		}
	} else if (csm__level_parse(lv, strlen(lv), 1, &ans->kind, &ans->level) != 0) {
		csm__problem(st->p, "%s: item %s: level \"%.40s\" is not a level (expected 1..5, n/a, or empty)",
		             name, id, lv);
	}
	if (st->cell[COL_EVIDENCE] && st->cell[COL_EVIDENCE][0]) {
		ans->evidence = st->cell[COL_EVIDENCE];
		st->cell[COL_EVIDENCE] = NULL;
	}
	if (st->cell[COL_NOTE] && st->cell[COL_NOTE][0]) {
		ans->note = st->cell[COL_NOTE];
		st->cell[COL_NOTE] = NULL;
	}
next:
	for (i = 0; i < 4; i++) {
		free(st->cell[i]);
		st->cell[i] = NULL;
	}
	st->field = 0;
	st->row++;
}

static int parse_csv(csm_answers *a, const char *data, size_t len, csm__problems *p, const csm_questionnaire *q)
{
	struct csv_parser parser;
	csv_state st;
	size_t off = 0;
	int i;

	memset(&st, 0, sizeof st);
	st.a = a;
	st.q = q && q->choice_count ? q : NULL;
	st.p = p;
	st.row = 1;
	if ((i = csm__text_check(data, len, a->name, &off)) != 0)
		return i;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return csm__nomem();
	if (csv_parse(&parser, data + off, len - off, csv_field, csv_row, &st) != len - off ||
	    csv_fini(&parser, csv_field, csv_row, &st) != 0) {
		int err = csv_error(&parser);
		csv_free(&parser);
		for (i = 0; i < 4; i++)
			free(st.cell[i]);
		if (st.rc)
			return st.rc;
		if (err == CSV_ENOMEM)
			return csm__nomem();
		csm__problem(p, "%s: row %u: malformed CSV (%s)", a->name, st.row,
		             err == CSV_EPARSE ? "a quote is not closed or stray characters follow one"
		                               : csv_strerror(err));
		return 0;
	}
	csv_free(&parser);
	for (i = 0; i < 4; i++)
		free(st.cell[i]);
	if (st.rc)
		return st.rc;
	if (st.row == 1)
		csm__problem(p, "%s: empty file (expected a header row item,%s,evidence,note)", a->name,
		             answer_column(st.q));
	return 0;
}

int csm_answers_parse(csm_answers **out, const char *data, size_t len, const char *name)
{
	return csm_answers_parse_for(out, data, len, name, NULL);
}

int csm_answers_parse_for(csm_answers **out, const char *data, size_t len, const char *name,
                          const csm_questionnaire *q)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	csm_answers *a;
	size_t i = 0;
	int rc;

	*out = NULL;
	if (!(a = calloc(1, sizeof *a)) || !(a->name = csm__strdup(name ? name : "(input)"))) {
		free(a);
		return csm__nomem();
	}
	a->headcount = a->revenue = -1;
	if (len > CSM_MAX_FILE_BYTES) {
		rc = csm__err(CSM_EINVALID, "%s: file is too large (the limit is %u bytes)", a->name,
		              CSM_MAX_FILE_BYTES);
		goto cleanup;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == len) {
		rc = csm__err(CSM_EINVALID, "%s: empty file (expected csm-answers/1 JSON or CSV)", a->name);
		goto cleanup;
	}
	rc = data[i] == '{' || data[i] == '[' ? parse_json(a, data, len, &p, q) : parse_csv(a, data, len, &p, q);
	if (!rc)
		rc = csm__problems_finish(&p);
cleanup:
	csm__problems_finish(&p);
	if (rc) {
		csm_answers_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

int csm_answers_load(csm_answers **out, const char *path)
{
	return csm_answers_load_for(out, path, NULL);
}

int csm_answers_load_for(csm_answers **out, const char *path, const csm_questionnaire *q)
{
	CSM__ARGS(out && path);
	char *data;
	size_t len;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_answers_parse_for(out, data, len, path, q);
	free(data);
	return rc;
}

const char *csm_answers_choice(const csm_answers *a, const char *item_id)
{
	const csm__answer *ans = a && item_id ? csm__answers_find(a, item_id) : NULL;
	return ans && ans->kind == CSM_ANSWER_CHOICE ? ans->choice : NULL;
}

const char *csm_answers_name(const csm_answers *a) { return a ? a->name : NULL; }

const char *csm_answers_field_get(const csm_answers *a, csm_answers_field f)
{
	return a && (unsigned)f < CSM__FIELDS ? a->field[f] : NULL;
}

int csm_answers_field_set(csm_answers *a, csm_answers_field f, const char *value)
{
	CSM__ARGS(a && (unsigned)f < CSM__FIELDS && value);
	static const char *const names[7] = {"organization.name", "organization.industry", "organization.scope",
	                                     "assessed_on", "questionnaire", "organization.size", "organization.parent"};
	char *copy;
	int ok = value && strlen(value) <= CSM_MAX_NAME_BYTES && value[0] && csm__control_char(value, 0) < 0;
	if (ok && (f == CSM_FIELD_ORG_INDUSTRY || f == CSM_FIELD_QUESTIONNAIRE))
		ok = csm__valid_id(value);
	else if (ok && f == CSM_FIELD_ASSESSED_ON)
		ok = csm__valid_date(value);
	else if (ok && f == CSM_FIELD_ORG_SCOPE)
		ok = csm__scope_valid(value);
	else if (ok && f == CSM_FIELD_ORG_SIZE)
		ok = csm__size_valid(value);
	if (!ok)
		return csm__err(CSM_EINVALID, "%s: \"%.60s\" is not a valid value", names[f], value ? value : "");
	if (a->field[f]) {
		if (strcmp(a->field[f], value) == 0)
			return 0;
		return csm__err(CSM_EINVALID, "%s: %s: the file says \"%s\", not \"%.60s\"", a->name, names[f],
		                a->field[f], value);
	}
	if (!(copy = csm__strdup(value)))
		return csm__nomem();
	a->field[f] = copy;
	return 0;
}

int csm__answers_set_industry(csm_answers *a, const char *id)
{
	char *copy = csm__strdup(id);
	if (!copy)
		return csm__nomem();
	free(a->field[CSM_FIELD_ORG_INDUSTRY]);
	a->field[CSM_FIELD_ORG_INDUSTRY] = copy;
	/* the JSON output copies the organization object: it says the new id too */
	if (a->organization && cJSON_GetObjectItemCaseSensitive(a->organization, "industry")) {
		cJSON *v = cJSON_CreateString(id);
		if (!v || !cJSON_ReplaceItemInObjectCaseSensitive(a->organization, "industry", v)) {
			cJSON_Delete(v);
			return csm__nomem();
		}
	}
	return 0;
}

size_t csm_answers_assessor_count(const csm_answers *a) { return a ? a->assessor_count : 0; }
const char *csm_answers_assessor_name(const csm_answers *a, size_t i)
{
	return a && i < a->assessor_count ? a->assessor_name[i] : NULL;
}
const char *csm_answers_assessor_role(const csm_answers *a, size_t i)
{
	return a && i < a->assessor_count ? a->assessor_role[i] : NULL;
}

csm_answer_kind csm_answers_get(const csm_answers *a, const char *item_id, int *level)
{
	const csm__answer *ans = a && item_id ? csm__answers_find(a, item_id) : NULL;
	if (!ans)
		return CSM_ANSWER_MISSING;
	if (level && ans->kind == CSM_ANSWER_LEVEL)
		*level = ans->level;
	return ans->kind;
}

const char *csm_answers_evidence(const csm_answers *a, const char *item_id)
{
	const csm__answer *ans = a && item_id ? csm__answers_find(a, item_id) : NULL;
	return ans ? ans->evidence : NULL;
}

const char *csm_answers_note(const csm_answers *a, const char *item_id)
{
	const csm__answer *ans = a && item_id ? csm__answers_find(a, item_id) : NULL;
	return ans ? ans->note : NULL;
}

int csm_answers_check(const csm_answers *a, const csm_questionnaire *q, unsigned flags)
{
	CSM__ARGS(a && q);
	csm__problems p = {0};
	const char *qid = a->field[CSM_FIELD_QUESTIONNAIRE];
	size_t i;

	if (qid && strcmp(qid, q->id) != 0)
		return csm__err(CSM_EINVALID, "%s: questionnaire: the file answers \"%s\", not \"%s\"", a->name, qid,
		                q->id);
	for (i = 0; i < a->gate_count; i++) {
		size_t g;
		for (g = 0; g < q->gate_count && strcmp(q->gates[g].id, a->gate_id[i]) != 0; g++)
			;
		if (g == q->gate_count)
			csm__problem(&p, "%s: gates.%s: no such gate in questionnaire %s", a->name, a->gate_id[i], q->id);
	}
	for (i = 0; i < a->count; i++)
		if (!(i < q->item_count && (q->items[i].id == a->items[i].id || strcmp(q->items[i].id, a->items[i].id) == 0)) &&
		    csm_questionnaire_item_find(q, a->items[i].id) < 0)
			csm__problem(&p, "%s: item %s: no such item in questionnaire %s", a->name, a->items[i].id, q->id);
	csm__targets_check(a, q, &p);
	for (i = 0; i < a->count; i++) {
		/* a file read for another scale, or without one */
		const csm__answer *ans = &a->items[i];
		char where[CSM_MAX_NAME_BYTES + 160], shown[64];
		if (q->choice_count && (ans->kind == CSM_ANSWER_LEVEL || ans->kind == CSM_ANSWER_NA ||
		                        (ans->kind == CSM_ANSWER_CHOICE && csm_questionnaire_choice_find(q, ans->choice) < 0))) {
			snprintf(where, sizeof where, "%s: item %s", a->name, ans->id);
			if (ans->kind == CSM_ANSWER_LEVEL)
				snprintf(shown, sizeof shown, "level %d", ans->level);
			else
				snprintf(shown, sizeof shown, "\"%.40s\"", ans->kind == CSM_ANSWER_NA ? "n/a" : ans->choice);
			not_a_choice(&p, q, where, shown, " or null");
		} else if (!q->choice_count && ans->kind == CSM_ANSWER_CHOICE) {
			csm__problem(&p, "%s: item %s: level \"%.40s\" is not a level (expected 1..5, \"n/a\" or null)", a->name,
			             ans->id, ans->choice);
		}
	}
	if (!(flags & CSM_ALLOW_PARTIAL)) {
		csm__buf what = {0};
		if (q->choice_count) {
			csm__buf_puts(&what, "give one of ");
			csm__choice_list(q, &what);
		}
		for (i = 0; i < q->item_count; i++) {
			const csm__answer *ans = csm__answers_find_near(a, q->items[i].id, i);
			if (!ans)
				csm__problem(&p, "%s: item %s: missing (%s)", a->name, q->items[i].id,
				             what.s ? what.s : "give a level 1..5 or \"n/a\"");
			else if (ans->kind == CSM_ANSWER_NULL)
				csm__problem(&p, "%s: item %s: not answered yet (%s is empty; --allow-partial scores anyway)",
				             a->name, q->items[i].id, answer_column(q));
		}
		csm__buf_free(&what);
	}
	return csm__problems_finish(&p);
}

int csm_answers_warnings(char **out, const csm_answers *a, const csm_questionnaire *q)
{
	CSM__ARGS(out && a && q);
	csm__buf o = {0};
	size_t i, g, k;
	int n = 0, rc;
	*out = NULL;
	for (i = 0; i < a->gate_count; i++) {
		if (a->gate_value[i] != 0)
			continue;
		for (g = 0; g < q->gate_count; g++) {
			const csm__gate *gate = &q->gates[g];
			if (strcmp(gate->id, a->gate_id[i]) != 0)
				continue;
			for (k = 0; k < gate->item_count; k++) {
				const csm__answer *ans = csm__answers_find(a, gate->items[k]);
				if (!ans || ans->kind != CSM_ANSWER_LEVEL || ans->level <= gate->max_level)
					continue;
				csm__buf_printf(&o, "%s%s: item %s: level %d, but gate %s is \"no\" (at most %d expected)",
				                n ? "\n" : "", a->name, gate->items[k], ans->level, gate->id, gate->max_level);
				n++;
			}
		}
	}
	if ((rc = csm__buf_finish(&o, out)))
		return rc;
	return n;
}

int csm_template_json(char **out, const csm_questionnaire *q)
{
	CSM__ARGS(out && q);
	cJSON *root = cJSON_CreateObject(), *org, *ans, *assessors, *who;
	char *s = NULL;
	size_t i;
	int ok = root != NULL;

	*out = NULL;
	ok = ok && cJSON_AddStringToObject(root, "format", "csm-answers/1");
	ok = ok && cJSON_AddStringToObject(root, "questionnaire", q->id);
	ok = ok && (org = cJSON_AddObjectToObject(root, "organization"));
	ok = ok && cJSON_AddStringToObject(org, "name", "");
	ok = ok && cJSON_AddStringToObject(org, "industry", "");
	ok = ok && cJSON_AddStringToObject(org, "scope", "entity");
	ok = ok && cJSON_AddNullToObject(root, "assessed_on");
	if (ok && q->gate_count) {
		cJSON *gates = cJSON_AddObjectToObject(root, "gates");
		for (i = 0; ok && gates && i < q->gate_count; i++)
			ok = cJSON_AddNullToObject(gates, q->gates[i].id) != NULL;
		ok = ok && gates;
	}
	ok = ok && (assessors = cJSON_AddArrayToObject(root, "assessors"));
	ok = ok && (who = cJSON_CreateObject()) && cJSON_AddItemToArray(assessors, who);
	ok = ok && cJSON_AddStringToObject(who, "name", "");
	ok = ok && cJSON_AddStringToObject(who, "role", "");
	ok = ok && (ans = cJSON_AddObjectToObject(root, "answers"));
	for (i = 0; ok && i < q->item_count; i++)
		ok = cJSON_AddNullToObject(ans, q->items[i].id) != NULL;
	ok = ok && (s = cJSON_Print(root));
	cJSON_Delete(root);
	if (!ok) {
		free(s);
		return csm__nomem();
	}
	*out = s;
	return 0;
}

int csm_template_csv(char **out, const csm_questionnaire *q, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	csm__buf b = {0};
	size_t i;
	/* The BOM tells spreadsheet programs the file is UTF-8; CRLF as they write it.
	 * The question columns are for the person filling it in; csm ignores them. */
	csm__buf_printf(&b, "\xEF\xBB\xBFitem,%s,evidence,note,directive,question\r\n", answer_column(q));
	for (i = 0; i < q->item_count; i++) {
		csm__buf_printf(&b, "%s,,,,%d,", q->items[i].id, q->items[i].directive);
		csm__buf_csv(&b, q->items[i].text[CSM_ITEM_QUESTION][lang]);
		csm__buf_puts(&b, "\r\n");
	}
	return csm__buf_finish(&b, out);
}

csm_answers *csm__answers_new(const char *name, size_t cap)
{
	csm_answers *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	if (!(a->name = csm__strdup(name)) || (cap && !(a->items = calloc(cap, sizeof *a->items)))) {
		csm_answers_free(a);
		return NULL;
	}
	a->cap = cap;
	a->headcount = a->revenue = -1;
	return a;
}

int csm__answers_push(csm_answers *a, const char *id, csm_answer_kind kind, int level)
{
	csm__answer *ans = &a->items[a->count];
	if (!(ans->id = csm__strdup(id)))
		return csm__nomem();
	ans->kind = kind;
	ans->level = level;
	a->count++;
	return 0;
}

size_t csm_answers_discuss_count(const csm_answers *a) { return a ? a->discuss_count : 0; }

const char *csm_answers_discuss(const csm_answers *a, size_t i) { return a && i < a->discuss_count ? a->discuss[i] : NULL; }

int csm_answers_set(csm_answers *a, const char *item_id, csm_answer_kind kind, int level)
{
	CSM__ARGS(a && item_id);
	csm__answer *ans = (csm__answer *)csm__answers_find(a, item_id);
	if (!csm__valid_id(item_id))
		return csm__err(CSM_EINVALID, "\"%.40s\" is not an item id", item_id ? item_id : "");
	if ((kind == CSM_ANSWER_LEVEL && (level < 1 || level > 5)) || kind == CSM_ANSWER_MISSING)
		return csm__err(CSM_EINVALID, "item %s: level %d is out of range (expected 1..5)", item_id, level);
	if (kind == CSM_ANSWER_CHOICE) /* a choice is read with its questionnaire: csm_answers_parse_for() */
		return csm__err(CSM_EINVALID, "item %s: a choice cannot be set here (read the file for its questionnaire)", item_id);
	if (!ans) {
		if (a->count >= CSM_MAX_ITEMS)
			return csm__err(CSM_EINVALID, "%s: more than %u items", a->name, CSM_MAX_ITEMS);
		if (!(ans = add_item(a, 64)) || !(ans->id = csm__strdup(item_id)))
			return csm__nomem();
	}
	free(ans->choice);
	ans->choice = NULL;
	ans->kind = kind;
	ans->level = kind == CSM_ANSWER_LEVEL ? level : 0;
	return 0;
}

size_t csm__answers_unbacked(const csm_answers *a, const csm_questionnaire *q, csm__buf *out)
{
	size_t i, n = 0;
	for (i = 0; i < q->item_count; i++) {
		const csm__answer *ans = csm__answers_find_near(a, q->items[i].id, i);
		if (!ans || ans->kind != CSM_ANSWER_LEVEL || ans->level < 4 || (ans->evidence && ans->evidence[0]))
			continue;
		csm__buf_printf(out, "%s%s", n ? ", " : "", ans->id);
		n++;
	}
	return n;
}

size_t csm__answers_discuss_text(const csm_answers *a, csm__buf *out)
{
	size_t i;
	for (i = 0; i < a->discuss_count; i++)
		csm__buf_printf(out, "%s%s", i ? ", " : "", a->discuss[i]);
	return a->discuss_count;
}

int csm_answers_org_number(double *out, const csm_answers *a, const char *key)
{
	CSM__ARGS(a && key && out);
	double v = strcmp(key, "headcount") == 0 ? a->headcount : strcmp(key, "revenue") == 0 ? a->revenue : -1;
	if (v < 0)
		return 0;
	*out = v;
	return 1;
}

/* ---- organization identity ------------------------------------------- */

/* The identity an organization is counted under: NFKC with case folded
 * (utf8proc), white space of any kind as one space and none at either end,
 * so that "Attacker Co.", "ATTACKER CO. " and its full-width form are one
 * member. `*out` is the caller's to free. */
/* csm__org_identity of an ASCII name: NFKC leaves ASCII as it is and case
 * folding lowers A-Z only, so the same without utf8proc (as a rule the name
 * is ASCII; once per assessment ingested). */
static int org_identity_ascii(char **out, const char *name)
{
	size_t n = strlen(name), i, k = 0;
	char *o = malloc(n + 1);
	int space = 0;
	if (!o)
		return csm__nomem();
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
			space = k > 0;
			continue;
		}
		if (space)
			o[k++] = ' ';
		space = 0;
		o[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	o[k] = '\0';
	if (!k) {
		free(o);
		return csm__err(CSM_EINVALID, "organization.name: empty");
	}
	*out = o;
	return 0;
}

int csm__org_identity(char **out, const char *name)
{
	utf8proc_uint8_t *n;
	const utf8proc_uint8_t *p;
	csm__buf b = {0};
	int space = 0;
	size_t i;
	*out = NULL;
	for (i = 0; name[i] && (unsigned char)name[i] < 0x80; i++)
		;
	if (!name[i])
		return org_identity_ascii(out, name);
	n = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)name);
	if (!n)
		return csm__err(CSM_EINVALID, "organization.name: not valid UTF-8");
	for (p = n; *p;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0)
			break;
		if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) {
			space = b.len > 0;
		} else {
			if (space)
				csm__buf_puts(&b, " ");
			space = 0;
			csm__buf_add(&b, (const char *)p, (size_t)len);
		}
		p += len;
	}
	free(n);
	if (!b.nomem && b.len == 0) {
		csm__buf_free(&b);
		return csm__err(CSM_EINVALID, "organization.name: empty");
	}
	return csm__buf_finish(&b, out);
}

int csm__same_org(const csm_answers *x, const csm_answers *y)
{
	char *ix = NULL, *iy = NULL;
	int same;
	const char *nx = x->field[CSM_FIELD_ORG_NAME], *ny = y->field[CSM_FIELD_ORG_NAME];
	if (!nx || !ny)
		return 0;
	if (csm__org_identity(&ix, nx) || csm__org_identity(&iy, ny))
		same = strcmp(nx, ny) == 0; /* a name that normalizes to nothing: compare as given */
	else
		same = strcmp(ix, iy) == 0;
	free(ix);
	free(iy);
	return same;
}
