/* The questionnaire converter (convert.c): v2 answers moved to v3 through the
 * mapping file, checked item by item against the mapping read here. */
#include <cjson/cJSON.h>

#include "common.h"
#include "harness.h"

static void test_v2_to_v3(void)
{
	static const char *const examples[] = {"kitamachi-machinery", "aozora-bank", "minato-services"};
	csm_questionnaire *v2 = load_v2(), *v3 = NULL;
	char *maptext = test_read(SRC("questions/maps/csmg-v2-csmg-v3.json"), NULL);
	cJSON *map = maptext ? cJSON_Parse(maptext) : NULL, *items = cJSON_GetObjectItem(map, "items");
	size_t e;
	CHECK(csm_questionnaire_open(&v3, CSM_TEST_SRC, "csmg-v3") == 0);
	CHECK(map && items);
	for (e = 0; v2 && v3 && items && e < 3; e++) {
		char path[300], *out = NULL;
		csm_answers *a = NULL, *b = NULL;
		const cJSON *m;
		size_t i, mapped = 0;
		snprintf(path, sizeof path, "%s/examples/%s.json", CSM_TEST_SRC, examples[e]);
		CHECK_INT(csm_answers_load(&a, path), 0);
		CHECK_INT(csm_answers_convert(&out, a, CSM_TEST_SRC, v2, v3), 0);
		CHECK(out && csm_answers_parse(&b, out, strlen(out), "converted.json") == 0);
		if (!a || !b)
			goto next;
		CHECK_STR(csm_answers_field_get(b, CSM_FIELD_QUESTIONNAIRE), "csmg-v3");
		CHECK_STR(csm_answers_field_get(b, CSM_FIELD_ORG_NAME), csm_answers_field_get(a, CSM_FIELD_ORG_NAME));
		CHECK_STR(csm_answers_field_get(b, CSM_FIELD_ASSESSED_ON), csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON));
		/* every mapped item keeps its answer, level and evidence */
		cJSON_ArrayForEach(m, items) {
			int la = 0, lb = 0;
			csm_answer_kind ka = csm_answers_get(a, m->string, &la), kb = csm_answers_get(b, m->valuestring, &lb);
			CHECK_INT(kb, ka);
			CHECK_INT(lb, la);
			if (csm_answers_evidence(a, m->string))
				CHECK(csm_answers_evidence(b, m->valuestring) &&
				      strcmp(csm_answers_evidence(a, m->string), csm_answers_evidence(b, m->valuestring)) == 0);
			mapped++;
		}
		CHECK_INT(mapped, csm_questionnaire_item_count(v2));
		/* the v3 item no v2 item maps to is left unanswered */
		for (i = 0; i < csm_questionnaire_item_count(v3); i++) {
			const char *id = csm_item_id(v3, i);
			int target_of_map = 0;
			cJSON_ArrayForEach(m, items) target_of_map |= strcmp(m->valuestring, id) == 0;
			if (!target_of_map)
				CHECK_INT(csm_answers_get(b, id, NULL), CSM_ANSWER_NULL);
		}
		CHECK_HAS(out, "\"new_items\"");
		CHECK_HAS(out, "3-5");
	next:
		csm_free(out);
		csm_answers_free(a);
		csm_answers_free(b);
	}
	/* no mapping the other way: a clear error */
	if (v2 && v3) {
		csm_answers *a = NULL;
		char *out = NULL;
		if (csm_answers_load(&a, SRC("examples/aozora-bank.json")) == 0) {
			CHECK(csm_answers_convert(&out, a, CSM_TEST_SRC, v3, v2) < 0);
			CHECK(out == NULL);
			CHECK(strlen(csm_error_last()) > 0);
		}
		csm_answers_free(a);
	}
	cJSON_Delete(map);
	free(maptext);
	csm_questionnaire_free(v2);
	csm_questionnaire_free(v3);
}

int main(void)
{
	RUN_TEST(test_v2_to_v3);
	return test_finish();
}
