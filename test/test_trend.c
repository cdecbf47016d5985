/* The trend (render_trend.c): assessments of one organization ordered by
 * date whatever the order given, each directive's score per date, the items
 * that moved between the last two, and two organizations refused. */
#include <cjson/cJSON.h>

#include "common.h"
#include "harness.h"

/* kitamachi with its date, and 9-1 and 3-4 set to `level` */
static csm_answers *kitamachi(const char *date, int level, const char *name)
{
	char *text = test_read(SRC("examples/kitamachi-machinery.json"), NULL), *json;
	cJSON *doc = text ? cJSON_Parse(text) : NULL, *ans = cJSON_GetObjectItem(doc, "answers");
	csm_answers *a = NULL;
	free(text);
	cJSON_ReplaceItemInObject(doc, "assessed_on", cJSON_CreateString(date));
	cJSON_ReplaceItemInObject(ans, "9-1", cJSON_CreateNumber(level));
	cJSON_ReplaceItemInObject(ans, "3-4", cJSON_CreateNumber(level));
	if (name)
		cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(name));
	json = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (json && csm_answers_parse(&a, json, strlen(json), date))
		a = NULL;
	free(json);
	return a;
}

static void test_order_scores_moved(void)
{
	static const csm_grading g = {3.75, 2.67};
	csm_questionnaire *q = load_v2();
	/* given newest first; the name spelled differently is the same organization */
	csm_answers *a[3] = {kitamachi("2026-10-20", 3, NULL), kitamachi("2024-10-01", 1, NULL),
	                     kitamachi("2025-10-15", 2, "  KITAMACHI PRECISION MACHINERY CO. ")};
	csm_score *s[3] = {NULL, NULL, NULL};
	char *out = NULL;
	cJSON *doc, *rows;
	size_t i;
	int d;
	for (i = 0; q && i < 3; i++)
		CHECK(a[i] && csm_score_compute(&s[i], q, a[i], &g, 0) == 0);
	if (!s[0] || !s[1] || !s[2])
		goto done;
	CHECK_INT(csm_render_trend(&out, (const csm_answers *const *)a, (const csm_score *const *)s, 3, CSM_LANG_EN, 1), 0);
	doc = out ? cJSON_Parse(out) : NULL;
	rows = cJSON_GetObjectItem(doc, "assessments");
	CHECK_INT(cJSON_GetArraySize(rows), 3);
	/* oldest first: 2024, 2025, 2026 = inputs 1, 2, 0 */
	{
		static const int order[3] = {1, 2, 0};
		for (i = 0; i < 3; i++) {
			cJSON *row = cJSON_GetArrayItem(rows, (int)i);
			const csm_score *si = s[order[i]];
			CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(row, "assessed_on")),
			          csm_answers_field_get(a[order[i]], CSM_FIELD_ASSESSED_ON));
			CHECK_NEAR(cJSON_GetObjectItem(row, "overall")->valuedouble, csm_score_overall(si), 1e-12);
			for (d = 1; d <= CSM_DIRECTIVES; d++)
				CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(row, "directives"), d - 1)->valuedouble,
				           csm_score_directive(si, d)->score, 1e-12);
		}
	}
	/* between the last two (2025 -> 2026) 3-4 and 9-1 went 2 -> 3 */
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "moved")), 2);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "moved"), 0)), "3-4 2→3");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "moved"), 1)), "9-1 2→3");
	cJSON_Delete(doc);
	csm_free(out);
	out = NULL;
	/* the text form names the dates as columns */
	CHECK_INT(csm_render_trend(&out, (const csm_answers *const *)a, (const csm_score *const *)s, 3, CSM_LANG_EN, 0), 0);
	CHECK(out && strstr(out, "2024-10-01") && strstr(out, "2025-10-15") &&
	      strstr(out, "2024-10-01") < strstr(out, "2026-10-20"));
	csm_free(out);
	out = NULL;
	/* another organization among them: refused, nothing made */
	csm_answers_free(a[2]);
	a[2] = kitamachi("2025-10-15", 2, "Another Co.");
	csm_score_free(s[2]);
	s[2] = NULL;
	CHECK(a[2] && csm_score_compute(&s[2], q, a[2], &g, 0) == 0);
	if (s[2]) {
		CHECK_INT(csm_render_trend(&out, (const csm_answers *const *)a, (const csm_score *const *)s, 3, CSM_LANG_EN, 1),
		          CSM_EINVALID);
		CHECK(out == NULL);
		CHECK_HAS(csm_error_last(), "a trend shows one organization");
	}
done:
	for (i = 0; i < 3; i++) {
		csm_score_free(s[i]);
		csm_answers_free(a[i]);
	}
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_order_scores_moved);
	return test_finish();
}
