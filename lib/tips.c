/* Tips: what to do about a weak item, as data. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json.h"
#include "tips.h"
#include "util.h"

/* One tip; the public csm_tip. */
struct csm_tip {
	char *id;
	char *title[2];
	char *action[2];
	char *problem[2];
	char *first_step[2];
	char *owner[2];
	char *budget[CSM_BUDGETS][2]; /* by csm_budget; all NULL when the tip has none */
	char **actions[2];
	size_t action_count[2];
	char effort, cost;
	int helps_reach;
	char checked[8]; /* "YYYY-MM" when the facts were last checked, or "" */
};

struct csm_tips {
	csm_tip *tips;
	size_t count, cap;
};

void csm_tips_free(csm_tips *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->count; i++) {
		csm_tip *tip = &t->tips[i];
		int l;
		size_t k;
		free(tip->id);
		for (l = 0; l < 2; l++) {
			free(tip->title[l]);
			free(tip->action[l]);
			free(tip->problem[l]);
			free(tip->first_step[l]);
			free(tip->owner[l]);
			for (k = 0; k < CSM_BUDGETS; k++)
				free(tip->budget[k][l]);
			for (k = 0; k < tip->action_count[l]; k++)
				free(tip->actions[l][k]);
			free(tip->actions[l]);
		}
	}
	free(t->tips);
	free(t);
}

static const csm_tip *find(const csm_tips *t, const char *id)
{
	size_t i;
	if (!t || !id)
		return NULL;
	for (i = 0; i < t->count; i++)
		if (strcmp(t->tips[i].id, id) == 0)
			return &t->tips[i];
	return NULL;
}

/* "actions": {"ja": [...], "en": [...]}, 1..10 texts each. */
static int parse_actions(csm_tip *tip, const cJSON *e, csm__problems *p, const char *name)
{
	static const char *const langs[2] = {"ja", "en"};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "actions");
	int l;
	if (!v)
		return 0;
	for (l = 0; l < 2; l++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(v, langs[l]), *a;
		int n = cJSON_GetArraySize(arr);
		if (!cJSON_IsArray(arr) || n < 1 || n > 10) {
			csm__problem(p, "%s: tip %s: actions.%s: expected an array of 1..10 texts", name, tip->id, langs[l]);
			continue;
		}
		if (!(tip->actions[l] = calloc((size_t)n, sizeof(char *))))
			return csm__nomem();
		cJSON_ArrayForEach(a, arr) {
			if (!cJSON_IsString(a) || !a->valuestring[0] || strlen(a->valuestring) > CSM_MAX_TEXT_BYTES) {
				csm__problem(p, "%s: tip %s: actions.%s: expected non-empty texts", name, tip->id, langs[l]);
				continue;
			}
			if (!(tip->actions[l][tip->action_count[l]++] = csm__strdup(a->valuestring)))
				return csm__nomem();
		}
	}
	return 0;
}

/* "budget": {"none": {"ja", "en"}, "small": {...}, "outside": {...}}: what
 * to do without money, with a little, and with outside help. Optional (the
 * tips for large companies have none); when given, all three are required,
 * because a tip that answers only some budgets leaves a small company guessing. */
static int parse_budget(csm_tip *tip, const cJSON *e, csm__problems *p, const char *name)
{
	static const char *const keys[CSM_BUDGETS] = {"none", "small", "outside"};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "budget");
	char where[128];
	int k, rc;
	if (!v)
		return 0;
	if (!cJSON_IsObject(v)) {
		csm__problem(p, "%s: tip %s: budget: expected an object {\"none\": ..., \"small\": ..., \"outside\": ...}",
		             name, tip->id);
		return 0;
	}
	for (k = 0; k < CSM_BUDGETS; k++) {
		snprintf(where, sizeof where, "tip %s: budget.%s", tip->id, keys[k]);
		if ((rc = csm__json_lang_pair(tip->budget[k], v, keys[k], 1, p, name, where)))
			return rc;
	}
	return 0;
}

/* "effort"/"cost": "S", "M" or "L". */
static char size_class(const cJSON *e, const char *key, csm__problems *p, const char *name, const char *id)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
	if (!v)
		return 0;
	if (cJSON_IsString(v) && (strcmp(v->valuestring, "S") == 0 || strcmp(v->valuestring, "M") == 0 ||
	                          strcmp(v->valuestring, "L") == 0))
		return v->valuestring[0];
	csm__problem(p, "%s: tip %s: %s: expected \"S\", \"M\" or \"L\"", name, id, key);
	return 0;
}

/* "checked": the month a tip's facts were last checked against current
 * practice, "YYYY-MM"; optional, so that tips written elsewhere still load. */
static void checked_month(char out[8], const cJSON *e, csm__problems *p, const char *name, const char *id)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "checked");
	const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
	int ok = s && strlen(s) == 7 && s[4] == '-', k;
	out[0] = '\0';
	if (!v)
		return;
	for (k = 0; ok && k < 7; k++)
		ok = k == 4 || (s[k] >= '0' && s[k] <= '9');
	/* years 2000..2099, months 01..12 */
	if (ok && s[0] == '2' && s[1] == '0' && (s[5] - '0') * 10 + (s[6] - '0') >= 1 &&
	    (s[5] - '0') * 10 + (s[6] - '0') <= 12) {
		memcpy(out, s, 8);
		return;
	}
	csm__problem(p, "%s: tip %s: checked: expected the month its facts were checked, \"YYYY-MM\"", name, id);
}

/* Add the tips of one file to `t`. */
static int add_file(csm_tips *t, const char *data, size_t len, const char *name)
{
	csm__problems p = {0};
	cJSON *root = NULL;
	const cJSON *arr, *e;
	int rc, i = 0;

	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-tips", name)))
		goto cleanup;
	arr = cJSON_GetObjectItemCaseSensitive(root, "tips");
	if (!cJSON_IsArray(arr) || (size_t)cJSON_GetArraySize(arr) > 10 * CSM_MAX_ITEMS) {
		csm__problem(&p, "%s: tips: expected an array of tips", name);
		goto done;
	}
	cJSON_ArrayForEach(e, arr) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		char where[128];
		csm_tip *tip;
		if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring)) {
			csm__problem(&p, "%s: tips[%d].id: expected a tip id", name, i++);
			continue;
		}
		i++;
		if (find(t, id->valuestring)) {
			csm__problem(&p, "%s: tip %s: defined twice", name, id->valuestring);
			continue;
		}
		if (t->count == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 64;
			csm_tip *n = realloc(t->tips, cap * sizeof *n);
			if (!n) {
				rc = csm__nomem();
				goto cleanup;
			}
			t->tips = n;
			t->cap = cap;
		}
		tip = &t->tips[t->count++];
		memset(tip, 0, sizeof *tip);
		if (!(tip->id = csm__strdup(id->valuestring))) {
			rc = csm__nomem();
			goto cleanup;
		}
		{
			/* the texts in both languages; title and action are required */
			static const char *const keys[5] = {"title", "action", "problem", "first_step", "owner"};
			char **texts[5] = {tip->title, tip->action, tip->problem, tip->first_step, tip->owner};
			int k;
			for (k = 0; k < 5; k++) {
				snprintf(where, sizeof where, "tip %s: %s", tip->id, keys[k]);
				if ((rc = csm__json_lang_pair(texts[k], e, keys[k], k < 2, &p, name, where)))
					goto cleanup;
			}
		}
		if ((rc = parse_actions(tip, e, &p, name)) || (rc = parse_budget(tip, e, &p, name)))
			goto cleanup;
		tip->effort = size_class(e, "effort", &p, name, tip->id);
		tip->cost = size_class(e, "cost", &p, name, tip->id);
		checked_month(tip->checked, e, &p, name, tip->id);
		{
			const cJSON *h = cJSON_GetObjectItemCaseSensitive(e, "helps_reach");
			if (h && (!cJSON_IsNumber(h) || h->valuedouble < 2 || h->valuedouble > 5 ||
			          h->valuedouble != (int)h->valuedouble))
				csm__problem(&p, "%s: tip %s: helps_reach: expected a level 2..5", name, tip->id);
			else if (h)
				tip->helps_reach = (int)h->valuedouble;
		}
	}
done:
	rc = csm__problems_finish(&p);
cleanup:
	csm__problems_finish(&p);
	cJSON_Delete(root);
	return rc;
}

int csm_tips_parse(csm_tips **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm_tips *t = calloc(1, sizeof *t);
	int rc;
	*out = NULL;
	if (!t)
		return csm__nomem();
	if ((rc = add_file(t, data, len, name))) {
		csm_tips_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int csm_tips_open(csm_tips **out, const char *data_dir)
{
	CSM__ARGS(out && data_dir);
	char dir[4096], path[4352];
	char *names[256];
	size_t n = 0, i;
	csm_tips *t = NULL;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	*out = NULL;
	snprintf(dir, sizeof dir, "%s/tips", data_dir);
	if (!(d = opendir(dir)))
		return csm__err(CSM_ENOTFOUND, "%s: no tips directory; is the data directory right?", dir);
	while ((e = readdir(d)) && n < sizeof names / sizeof names[0]) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 && !(names[n++] = csm__strdup(e->d_name))) {
			n--;
			rc = csm__nomem();
			break;
		}
	}
	closedir(d);
	if (rc)
		goto cleanup;
	/* Sorted, so that the order of tips does not depend on the file system. */
	qsort(names, n, sizeof names[0], cmp_name);
	if (!(t = calloc(1, sizeof *t))) {
		rc = csm__nomem();
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		char *data;
		size_t len;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
			goto cleanup;
		rc = add_file(t, data, len, path);
		free(data);
		if (rc)
			goto cleanup;
	}
	*out = t;
	t = NULL;
cleanup:
	for (i = 0; i < n; i++)
		free(names[i]);
	csm_tips_free(t);
	return rc;
}

size_t csm_tips_count(const csm_tips *t) { return t ? t->count : 0; }

const csm_tip *csm_tips_get(const csm_tips *t, size_t i) { return t && i < t->count ? &t->tips[i] : NULL; }

const csm_tip *csm__tips_lookup(const csm_tips *t, const char *id) { return find(t, id); }

int csm_tips_find(const csm_tip **out, const csm_tips *t, const char *id)
{
	if (out)
		*out = NULL;
	CSM__ARGS(out && t && id);
	if (!(*out = find(t, id)))
		return csm__err(CSM_ENOTFOUND, "tip \"%.60s\" does not exist", id);
	return 0;
}

const char *csm_tip_text(const csm_tip *tip, csm_tip_field field, csm_lang lang)
{
	if (!tip || !CSM__LANG_OK(lang))
		return NULL;
	switch (field) {
	case CSM_TIP_ID: return tip->id;
	case CSM_TIP_TITLE: return tip->title[lang];
	case CSM_TIP_ACTION: return tip->action[lang];
	case CSM_TIP_PROBLEM: return tip->problem[lang];
	case CSM_TIP_FIRST_STEP: return tip->first_step[lang];
	case CSM_TIP_OWNER: return tip->owner[lang];
	case CSM_TIP_CHECKED: return tip->checked[0] ? tip->checked : NULL;
	}
	return NULL; /* a value outside the enum */
}

size_t csm_tip_action_count(const csm_tip *tip, csm_lang lang)
{
	return tip && CSM__LANG_OK(lang) ? tip->action_count[lang] : 0;
}

const char *csm_tip_action(const csm_tip *tip, size_t i, csm_lang lang)
{
	return tip && CSM__LANG_OK(lang) && i < tip->action_count[lang] ? tip->actions[lang][i] : NULL;
}

char csm_tip_effort(const csm_tip *tip) { return tip ? tip->effort : 0; }

char csm_tip_cost(const csm_tip *tip) { return tip ? tip->cost : 0; }

int csm_tip_helps_reach(const csm_tip *tip) { return tip ? tip->helps_reach : 0; }

const char *csm_tip_budget(const csm_tip *tip, csm_budget b, csm_lang lang)
{
	return tip && CSM__LANG_OK(lang) && (unsigned)b < CSM_BUDGETS ? tip->budget[b][lang] : NULL;
}
