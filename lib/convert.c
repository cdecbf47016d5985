/* Moving an assessment from one questionnaire to another (v2 -> v3) through
 * an item mapping kept as data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "error.h"
#include "json.h"
#include "questionnaire.h"
#include "util.h"

/* The mapping's target for `from_item`, or NULL. */
static const char *target_of(const cJSON *items, const char *from_item)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(items, from_item);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Load and check the mapping file from -> to. */
static int load_mapping(cJSON **out, const char *data_dir, const csm_questionnaire *from, const csm_questionnaire *to)
{
	char path[4096], *data = NULL;
	size_t len;
	cJSON *root = NULL;
	const cJSON *items, *e, *f, *t;
	csm__problems p = {0};
	int rc;

	*out = NULL;
	snprintf(path, sizeof path, "%s/questions/maps/%s-%s.json", data_dir, from->id, to->id);
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return csm__err(CSM_ENOTFOUND, "no mapping from %s to %s (%s)", from->id, to->id, csm_error_last());
	rc = csm__json_parse(&root, data, len, path);
	free(data);
	if (rc || (rc = csm__json_format(root, "csm-mapping", path)))
		goto fail;
	f = cJSON_GetObjectItemCaseSensitive(root, "from");
	t = cJSON_GetObjectItemCaseSensitive(root, "to");
	items = cJSON_GetObjectItemCaseSensitive(root, "items");
	if (!cJSON_IsString(f) || strcmp(f->valuestring, from->id) != 0 || !cJSON_IsString(t) ||
	    strcmp(t->valuestring, to->id) != 0)
		csm__problem(&p, "%s: from/to: expected \"%s\" and \"%s\"", path, from->id, to->id);
	if (!cJSON_IsObject(items)) {
		csm__problem(&p, "%s: items: expected an object {from item: to item}", path);
	} else {
		cJSON_ArrayForEach(e, items) {
			const cJSON *o;
			if (csm_questionnaire_item_find(from, e->string) < 0)
				csm__problem(&p, "%s: items.%s: not an item of %s", path, e->string, from->id);
			if (!cJSON_IsString(e) || csm_questionnaire_item_find(to, e->valuestring) < 0) {
				csm__problem(&p, "%s: items.%s: target is not an item of %s", path, e->string, to->id);
				continue;
			}
			for (o = items->child; o != e; o = o->next)
				if (cJSON_IsString(o) && strcmp(o->valuestring, e->valuestring) == 0)
					csm__problem(&p, "%s: items.%s: %s is already the target of %s", path, e->string,
					             e->valuestring, o->string);
		}
	}
	if ((rc = csm__problems_finish(&p)))
		goto fail;
	*out = root;
	return 0;
fail:
	csm__problems_finish(&p);
	cJSON_Delete(root);
	return rc;
}

/* The answer `ans` (may be NULL) as JSON for the converted file. */
static cJSON *answer_json(const csm__answer *ans, const char *new_note)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	if (!ans || ans->kind == CSM_ANSWER_NULL || ans->kind == CSM_ANSWER_MISSING)
		cJSON_AddNullToObject(o, "level");
	else if (ans->kind == CSM_ANSWER_NA)
		cJSON_AddStringToObject(o, "level", "n/a");
	else
		cJSON_AddNumberToObject(o, "level", ans->level);
	if (ans && ans->evidence)
		cJSON_AddStringToObject(o, "evidence", ans->evidence);
	if (new_note)
		cJSON_AddStringToObject(o, "note", new_note);
	else if (ans && ans->note)
		cJSON_AddStringToObject(o, "note", ans->note);
	return o;
}

int csm_answers_convert(char **out, const csm_answers *a, const char *data_dir, const csm_questionnaire *from,
                        const csm_questionnaire *to)
{
	CSM__ARGS(out && a && data_dir && from && to);
	cJSON *map = NULL, *root = NULL, *answers, *conv, *news, *assessors, *gates;
	const cJSON *items;
	char note[128];
	size_t i, k;
	int rc, ok;

	*out = NULL;
	if (from->choice_count || to->choice_count)
		return csm__scale_refuse(from->choice_count ? from : to, a->name, "convert");
	if ((rc = csm_answers_check(a, from, CSM_ALLOW_PARTIAL)) || (rc = load_mapping(&map, data_dir, from, to)))
		return rc;
	items = cJSON_GetObjectItemCaseSensitive(map, "items");
	snprintf(note, sizeof note, "new in %s: not answered yet", to->id);
	root = cJSON_CreateObject();
	ok = root && cJSON_AddStringToObject(root, "format", "csm-answers/1") &&
	     cJSON_AddStringToObject(root, "questionnaire", to->id);
	if (ok && a->organization)
		ok = cJSON_AddItemToObject(root, "organization", cJSON_Duplicate(a->organization, 1));
	if (ok && a->field[CSM_FIELD_ASSESSED_ON])
		ok = cJSON_AddStringToObject(root, "assessed_on", a->field[CSM_FIELD_ASSESSED_ON]) != NULL;
	if (ok && a->assessor_count) {
		ok = (assessors = cJSON_AddArrayToObject(root, "assessors")) != NULL;
		for (i = 0; ok && i < a->assessor_count; i++) {
			cJSON *p = cJSON_CreateObject();
			ok = p && cJSON_AddItemToArray(assessors, p);
			if (ok && a->assessor_name[i])
				ok = cJSON_AddStringToObject(p, "name", a->assessor_name[i]) != NULL;
			if (ok && a->assessor_role[i])
				ok = cJSON_AddStringToObject(p, "role", a->assessor_role[i]) != NULL;
		}
	}
	if (ok && a->gate_count) {
		ok = (gates = cJSON_AddObjectToObject(root, "gates")) != NULL;
		for (i = 0; ok && i < a->gate_count; i++)
			ok = (a->gate_value[i] < 0 ? cJSON_AddNullToObject(gates, a->gate_id[i])
			                           : cJSON_AddStringToObject(gates, a->gate_id[i], a->gate_value[i] ? "yes" : "no")) !=
			     NULL;
	}
	ok = ok && (answers = cJSON_AddObjectToObject(root, "answers")) && (conv = cJSON_AddObjectToObject(root, "converted")) &&
	     cJSON_AddStringToObject(conv, "from", from->id) && (news = cJSON_AddArrayToObject(conv, "new_items"));
	for (i = 0; ok && i < to->item_count; i++) {
		const char *tid = to->items[i].id, *src = NULL;
		for (k = 0; k < from->item_count && !src; k++) {
			const char *t = target_of(items, from->items[k].id);
			if (t && strcmp(t, tid) == 0)
				src = from->items[k].id;
		}
		ok = cJSON_AddItemToObject(answers, tid, answer_json(src ? csm__answers_find(a, src) : NULL, src ? NULL : note));
		if (ok && !src)
			ok = cJSON_AddItemToArray(news, cJSON_CreateString(tid));
	}
	if (ok)
		*out = cJSON_Print(root);
	cJSON_Delete(root);
	cJSON_Delete(map);
	return *out ? 0 : csm__nomem();
}
