/* Industries: ids and ja/en labels, as data (questions/industries.json). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct csm_industries {
	char **id;
	char *(*label)[2];
	size_t count;
};

void csm_industries_free(csm_industries *ind)
{
	size_t i;
	if (!ind)
		return;
	for (i = 0; i < ind->count; i++) {
		free(ind->id[i]);
		free(ind->label[i][0]);
		free(ind->label[i][1]);
	}
	free(ind->id);
	free(ind->label);
	free(ind);
}

int csm_industries_parse(csm_industries **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	csm_industries *ind = NULL;
	cJSON *root = NULL;
	const cJSON *arr, *e;
	int rc, n, i = 0;
	size_t k;

	*out = NULL;
	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-industries", name)))
		goto cleanup;
	arr = cJSON_GetObjectItemCaseSensitive(root, "industries");
	n = cJSON_GetArraySize(arr);
	if (!cJSON_IsArray(arr) || n < 1 || n > 1000) {
		rc = csm__err(CSM_EINVALID, "%s: industries: expected an array of 1..1000 industries", name);
		goto cleanup;
	}
	if (!(ind = calloc(1, sizeof *ind)) || !(ind->id = calloc((size_t)n, sizeof *ind->id)) ||
	    !(ind->label = calloc((size_t)n, sizeof *ind->label))) {
		rc = csm__nomem();
		goto cleanup;
	}
	cJSON_ArrayForEach(e, arr) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
		char where[96];
		if (!cJSON_IsString(id) || !csm__valid_id(id->valuestring)) {
			csm__problem(&p, "%s: industries[%d].id: expected an industry id", name, i++);
			continue;
		}
		i++;
		for (k = 0; k < ind->count; k++)
			if (strcmp(ind->id[k], id->valuestring) == 0)
				csm__problem(&p, "%s: industry %s: defined twice", name, id->valuestring);
		if (!(ind->id[ind->count] = csm__strdup(id->valuestring))) {
			rc = csm__nomem();
			goto cleanup;
		}
		snprintf(where, sizeof where, "industry %s: label", id->valuestring);
		if ((rc = csm__json_lang_pair(ind->label[ind->count++], e, "label", 1, &p, name, where)))
			goto cleanup;
	}
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

const char *csm_industry_id(const csm_industries *ind, size_t i) { return ind && i < ind->count ? ind->id[i] : NULL; }

const char *csm_industry_label(const csm_industries *ind, const char *id, csm_lang lang)
{
	size_t i;
	for (i = 0; ind && id && CSM__LANG_OK(lang) && i < ind->count; i++)
		if (strcmp(ind->id[i], id) == 0)
			return ind->label[i][lang];
	return NULL;
}

int csm_answers_check_industry(const csm_answers *a, const csm_industries *ind)
{
	CSM__ARGS(a && ind);
	const char *id = a->field[CSM_FIELD_ORG_INDUSTRY];
	if (!id || csm_industry_label(ind, id, CSM_LANG_EN))
		return 0;
	return csm__err(CSM_EINVALID, "%s: organization.industry: \"%s\" is not a known industry id (csm industries lists them)",
	                a->name, id);
}
