/* Output: csm-score/1 field names and values, the terminal report. */
#include <cjson/cJSON.h>

#include "common.h"

typedef struct fixture {
	csm_questionnaire *q;
	csm_benchmark *b;
	csm_answers *a;
	csm_score *s;
	csm_analysis *an;
	csm_tips *t;
} fixture;

static int setup(fixture *f, const char *example)
{
	memset(f, 0, sizeof *f);
	f->q = load_v2();
	f->b = load_beta();
	if (!f->q || !f->b || csm_tips_open(&f->t, CSM_TEST_SRC) != 0 || csm_answers_load(&f->a, example) != 0 ||
	    csm_score_compute(&f->s, f->q, f->a, csm_benchmark_grading(f->b), 0) != 0)
		return -1;
	return csm_analyze(&f->an, f->q, f->a, f->s, f->b);
}

static void teardown(fixture *f)
{
	csm_analysis_free(f->an);
	csm_score_free(f->s);
	csm_answers_free(f->a);
	csm_tips_free(f->t);
	csm_benchmark_free(f->b);
	csm_questionnaire_free(f->q);
}

static void test_json_fields(void)
{
	fixture f;
	char *text = NULL;
	cJSON *root = NULL, *dirs, *cmp, *d, *means;
	int i;
	CHECK_INT(setup(&f, SRC("examples/kitamachi-machinery.json")), 0);
	if (!f.an || csm_render_json(&text, f.an, "k.json") != 0)
		goto done;
	CHECK(!strchr(text, '\n')); /* one line per document */
	root = cJSON_Parse(text);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK_STR(cJSON_GetObjectItem(root, "format")->valuestring, "csm-score/1");
	CHECK_STR(cJSON_GetObjectItem(root, "file")->valuestring, "k.json");
	CHECK_STR(cJSON_GetObjectItem(root, "questionnaire")->valuestring, "csmg-v2");
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "organization"), "industry")->valuestring, "machinery");
	dirs = cJSON_GetObjectItem(root, "directives");
	CHECK_INT(cJSON_GetArraySize(dirs), 10);
	i = 1;
	cJSON_ArrayForEach(d, dirs) {
		CHECK_INT(cJSON_GetObjectItem(d, "id")->valueint, i);
		CHECK_NEAR(cJSON_GetObjectItem(d, "score")->valuedouble, csm_score_directive(f.s, i)->score, 0);
		CHECK_INT(cJSON_GetObjectItem(d, "items")->valueint, csm_score_directive(f.s, i)->items);
		CHECK_INT(cJSON_GetObjectItem(d, "answered")->valueint, csm_score_directive(f.s, i)->answered);
		i++;
	}
	/* exact, not rounded */
	CHECK_NEAR(cJSON_GetObjectItem(root, "overall")->valuedouble, csm_score_overall(f.s), 0);
	CHECK_STR(cJSON_GetObjectItem(root, "grade")->valuestring, "B");
	cmp = cJSON_GetObjectItem(root, "comparison");
	CHECK_STR(cJSON_GetObjectItem(cmp, "benchmark")->valuestring, "CSM beta trial 2020");
	CHECK_STR(cJSON_GetObjectItem(cmp, "target")->valuestring, "grade:A");
	means = cJSON_GetObjectItem(cmp, "means");
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(means, "all")), 10);
	CHECK(cJSON_GetObjectItem(means, "grade:A") && cJSON_GetObjectItem(means, "grade:B") &&
	      cJSON_GetObjectItem(means, "grade:C") && cJSON_GetObjectItem(means, "industry:machinery"));
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "n"), "industry:machinery")->valueint, 11);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "gap")), 10);
	CHECK(cJSON_IsArray(cJSON_GetObjectItem(cmp, "behind_2")) && cJSON_IsArray(cJSON_GetObjectItem(cmp, "behind_1")));
	CHECK(cJSON_IsArray(cJSON_GetObjectItem(cmp, "level5")) && cJSON_IsArray(cJSON_GetObjectItem(cmp, "lowest")));
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(cmp, "hints"), 0);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(cJSON_GetObjectItem(d, "directive")->valueint, csm_analysis_hint(f.an, 0)->directive);
		CHECK(cJSON_IsArray(cJSON_GetObjectItem(d, "items")) && cJSON_IsArray(cJSON_GetObjectItem(d, "tips")));
	}
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "plan")), (int)csm_analysis_plan_count(f.an));
done:
	cJSON_Delete(root);
	csm_free(text);
	teardown(&f);
}

static void test_text_report(void)
{
	fixture f;
	char *en = NULL, *ja = NULL;
	const csm_hint *h;
	CHECK_INT(setup(&f, SRC("examples/aozora-bank.json")), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_render_text(&en, f.an, f.t, CSM_LANG_EN), 0);
	CHECK_INT(csm_render_text(&ja, f.an, f.t, CSM_LANG_JA), 0);
	if (!en || !ja)
		goto done;
	CHECK_HAS(en, "Aozora Trust Bank");
	CHECK_HAS(en, "Grade A");
	CHECK_HAS(ja, "成熟度 A");
	CHECK_HAS(en, "Supply chain");
	CHECK_HAS(ja, "サプライチェーン");
	CHECK_HAS(en, "Directives at level 5: 1 Risk & policy");
	h = csm_analysis_hint(f.an, 0);
	CHECK(h && h->tip_count > 0);
	if (h && h->tip_count) {
		CHECK_HAS(en, csm_tip_title(f.t, h->tips[0], CSM_LANG_EN));
		CHECK_HAS(ja, csm_tip_title(f.t, h->tips[0], CSM_LANG_JA));
	}
	/* No line of the wrapped report is wider than 80 columns, and none ends in a space. */
	{
		const char *line = en;
		while (*line) {
			const char *end = strchr(line, '\n');
			size_t n = end ? (size_t)(end - line) : strlen(line);
			if (n && line[n - 1] == ' ')
				CHECK(!"line ends with a space");
			line += n + (end ? 1 : 0);
		}
	}
done:
	csm_free(en);
	csm_free(ja);
	teardown(&f);
}

static void test_questions(void)
{
	csm_questionnaire *q = load_v2();
	char *en = NULL;
	if (!q)
		return;
	CHECK_INT(csm_render_questions(&en, q, CSM_LANG_EN), 0);
	CHECK_HAS(en, "Directive 10:");
	CHECK_HAS(en, "10-2");
	CHECK_HAS(en, "1-1    To what extent");
	csm_free(en);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_json_fields);
	RUN_TEST(test_text_report);
	RUN_TEST(test_questions);
	return test_finish();
}
