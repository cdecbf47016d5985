/* Planning and several raters: merge statistics by hand, what-if equal to
 * re-scoring an edited file, the plan reaching its target within a budget,
 * weights changing the overall. */
#include <cjson/cJSON.h>

#include "common.h"

static const csm_grading trial = {3.75, 2.67};

static void test_merge_by_hand(void)
{
	csm_questionnaire *q = load_v2();
	int l1[64], l2[64], l3[64], i;
	csm_answers *r[3];
	char *json = NULL;
	cJSON *root, *ans, *merged;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		l1[i] = l2[i] = l3[i] = 3;
	l1[0] = 2, l2[0] = 3, l3[0] = 5;        /* 1-1: median 3, min 2, mean 10/3 -> 3, spread 3 */
	l1[1] = 4, l2[1] = 4, l3[1] = 5;        /* 1-2: spread 1, not to discuss */
	l1[2] = LV_NA, l2[2] = LV_NA, l3[2] = LV_NA; /* 1-3: n/a for all: n/a */
	l1[3] = LV_NA, l2[3] = 2, l3[3] = 4;    /* 2-1: levels 2 and 4: median (lower) 2, mean 3, spread 2 */
	r[0] = answers_from(q, l1, "finance");
	r[1] = answers_from(q, l2, "finance");
	r[2] = answers_from(q, l3, "finance");
	CHECK_INT(csm_answers_merge(&json, (const csm_answers *const *)r, 3, q, CSM_MERGE_MEDIAN), 0);
	root = json ? cJSON_Parse(json) : NULL;
	ans = cJSON_GetObjectItem(root, "answers");
	merged = cJSON_GetObjectItem(root, "merged");
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(ans, "1-1"), "level")->valueint, 3);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(ans, "1-2"), "level")->valueint, 4);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(ans, "1-3"), "level")->valuestring, "n/a");
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(ans, "2-1"), "level")->valueint, 2);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(merged, "spread"), "1-1")->valueint, 3);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(merged, "spread"), "1-2")->valueint, 1);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(merged, "discuss")), 2); /* 1-1 and 2-1 */
	CHECK_STR(cJSON_GetArrayItem(cJSON_GetObjectItem(merged, "discuss"), 0)->valuestring, "1-1");
	CHECK_INT(cJSON_GetObjectItem(merged, "raters")->valueint, 3);
	/* the merged file reads back, and knows what to discuss */
	{
		csm_answers *m = NULL;
		CHECK_INT(csm_answers_parse(&m, json, strlen(json), "merged.json"), 0);
		if (m) {
			CHECK_INT(csm_answers_discuss_count(m), 2);
			CHECK_STR(csm_answers_discuss(m, 1), "2-1");
		}
		csm_answers_free(m);
	}
	cJSON_Delete(root);
	csm_free(json);
	CHECK_INT(csm_answers_merge(&json, (const csm_answers *const *)r, 3, q, CSM_MERGE_MIN), 0);
	root = cJSON_Parse(json);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "answers"), "1-1"), "level")->valueint, 2);
	cJSON_Delete(root);
	csm_free(json);
	CHECK_INT(csm_answers_merge(&json, (const csm_answers *const *)r, 3, q, CSM_MERGE_MEAN), 0);
	root = cJSON_Parse(json);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "answers"), "1-1"), "level")->valueint, 3);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "answers"), "2-1"), "level")->valueint, 3);
	cJSON_Delete(root);
	csm_free(json);
	for (i = 0; i < 3; i++)
		csm_answers_free(r[i]);
	csm_questionnaire_free(q);
}

static void test_merge_refuses_other_organizations(void)
{
	csm_questionnaire *q = load_v2();
	csm_answers *r[2] = {NULL, NULL};
	char *json = NULL;
	if (!q)
		return;
	CHECK_INT(csm_answers_load(&r[0], SRC("examples/aozora-bank.json")), 0);
	CHECK_INT(csm_answers_load(&r[1], SRC("examples/minato-services.json")), 0);
	CHECK_INT(csm_answers_merge(&json, (const csm_answers *const *)r, 2, q, CSM_MERGE_MEDIAN), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "organization.name");
	csm_answers_free(r[0]);
	csm_answers_free(r[1]);
	csm_questionnaire_free(q);
}

/* what-if: setting answers and scoring again = scoring the edited file */
static void test_whatif_equals_rescoring(void)
{
	csm_questionnaire *q = load_v2();
	int levels[64], i;
	csm_answers *a, *edited;
	csm_score *s1 = NULL, *s2 = NULL;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		levels[i] = 1 + i % 5;
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_answers_set(a, "9-1", CSM_ANSWER_LEVEL, 4), 0);
	CHECK_INT(csm_answers_set(a, "4-3", CSM_ANSWER_NA, 0), 0);
	CHECK_INT(csm_answers_set(a, "4-3x", CSM_ANSWER_LEVEL, 9), CSM_EINVALID);
	levels[csm_questionnaire_item_find(q, "9-1")] = 4;
	levels[csm_questionnaire_item_find(q, "4-3")] = LV_NA;
	edited = answers_from(q, levels, NULL);
	CHECK_INT(csm_score_compute(&s1, q, a, &trial, 0), 0);
	CHECK_INT(csm_score_compute(&s2, q, edited, &trial, 0), 0);
	if (s1 && s2) {
		int d;
		CHECK_NEAR(csm_score_overall(s1), csm_score_overall(s2), 0);
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			CHECK_NEAR(csm_score_directive(s1, d)->score, csm_score_directive(s2, d)->score, 0);
	}
	csm_score_free(s1);
	csm_score_free(s2);
	csm_answers_free(a);
	csm_answers_free(edited);
	csm_questionnaire_free(q);
}

static void test_plan(void)
{
	csm_questionnaire *q = load_v2();
	csm_tips *tips = NULL;
	csm_answers *a = NULL;
	csm_plan *p = NULL;
	size_t i;
	double prev = 0;
	if (!q || csm_tips_open(&tips, CSM_TEST_SRC) || csm_answers_load(&a, SRC("examples/kitamachi-machinery.json")))
		goto done;
	CHECK_INT(csm_plan_make(&p, q, a, &trial, tips, NULL), 0);
	if (p) {
		CHECK_INT(csm_plan_hint_directive(p), 0); /* no analysis given: greedy only */
		CHECK_INT(csm_plan_target(p), CSM_GRADE_A); /* B -> A */
		CHECK_INT(csm_plan_reached(p), 1);
		CHECK(csm_plan_count(p) > 0);
		for (i = 0; i < csm_plan_count(p); i++) {
			const csm_plan_move *m = csm_plan_get(p, i);
			CHECK(m->to > m->from && m->to <= 5);
			CHECK(m->overall_after > prev); /* every move lifts the overall */
			prev = m->overall_after;
		}
		CHECK(prev >= 3.75 - 1e-9);
		CHECK_INT(csm_plan_get(p, csm_plan_count(p) - 1)->grade_after, CSM_GRADE_A);
		/* the last move is the first to reach A */
		if (csm_plan_count(p) > 1)
			CHECK(csm_plan_get(p, csm_plan_count(p) - 2)->overall_after < 3.75);
	}
	csm_plan_free(p);
	p = NULL;
	/* with budget S, only items whose tip is small effort */
	{
		csm_plan_options po = CSM_PLAN_OPTIONS_INIT;
		po.target = CSM_GRADE_A;
		po.budget = 'S';
		CHECK_INT(csm_plan_make(&p, q, a, &trial, tips, &po), 0);
	}
	for (i = 0; p && i < csm_plan_count(p); i++)
		CHECK(csm_plan_get(p, i)->effort == 'S');
done:
	csm_plan_free(p);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_questionnaire_free(q);
}

/* One piece of advice: with the karte's analysis the plan starts from its
 * hint 1, the directive's lowest items first, until the directive reaches
 * the target group's average; then the greedy part. For the three examples. */
static void test_plan_starts_from_hint1(void)
{
	static const char *const examples[] = {"examples/kitamachi-machinery.json", "examples/aozora-bank.json",
	                                       "examples/minato-services.json"};
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_tips *tips = NULL;
	size_t e;
	if (!q || !b || csm_tips_open(&tips, CSM_TEST_SRC))
		goto done;
	for (e = 0; e < 3; e++) {
		csm_answers *a = NULL, *other = NULL;
		csm_score *s = NULL;
		csm_analysis *an = NULL;
		csm_plan *p = NULL;
		csm_plan_options po = CSM_PLAN_OPTIONS_INIT;
		const csm_hint *h;
		double gap = 0, target, sum;
		size_t i, k, nhint = 0;
		int d;
		char path[256];
		snprintf(path, sizeof path, "%s/%s", CSM_TEST_SRC, examples[e]);
		if (csm_answers_load(&a, path) || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
		    csm_analyze(&an, q, a, s, b)) {
			CHECK(0);
			goto next;
		}
		po.start = an;
		po.target = CSM_GRADE_A; /* grade A example too: a plan to stay A is empty */
		CHECK_INT(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &po), 0);
		h = csm_analysis_hint(an, 0);
		if (!p)
			goto next;
		if (csm_score_grade(s) == CSM_GRADE_A) {
			CHECK_INT(csm_plan_count(p), 0);
			goto next;
		}
		CHECK(h && h->rank == 1);
		d = h ? h->directive : 0;
		CHECK_INT(csm_plan_hint_directive(p), d);
		CHECK_INT(csm_analysis_gap(&gap, an, d), 1);
		target = csm_score_directive(s, d)->score + gap;
		/* the first moves are hint 1's, all in its directive, lowest level first */
		for (i = 0; i < csm_plan_count(p) && csm_plan_get(p, i)->hint1; i++) {
			CHECK_INT(csm_plan_get(p, i)->directive, d);
			if (i)
				CHECK(csm_plan_get(p, i)->from >= csm_plan_get(p, i - 1)->from ||
				      csm_plan_get(p, i)->item != csm_plan_get(p, i - 1)->item);
			nhint++;
		}
		CHECK(nhint > 0);
		for (k = i; k < csm_plan_count(p); k++)
			CHECK_INT(csm_plan_get(p, k)->hint1, 0);
		/* after them the directive has reached the target's average, and
		 * the one before the last was still short of it */
		sum = 0;
		{
			unsigned n = 0;
			int lv[64] = {0}, level = 0;
			for (k = 0; k < csm_questionnaire_item_count(q); k++)
				if (csm_item_directive(q, k) == d && csm_answers_get(a, csm_item_id(q, k), &level) == CSM_ANSWER_LEVEL)
					lv[k] = level;
			for (k = 0; k < nhint; k++)
				lv[csm_questionnaire_item_find(q, csm_plan_get(p, k)->item)] = csm_plan_get(p, k)->to;
			for (k = 0; k < csm_questionnaire_item_count(q); k++)
				if (lv[k])
					sum += lv[k], n++;
			CHECK(n > 0 && (sum / n >= target - 1e-9 || csm_plan_get(p, nhint - 1)->grade_after == CSM_GRADE_A));
		}
		/* csm_plan_for_analysis is csm_plan_make from the analysis, towards
		 * the file's own target grade (none here: the next grade) */
		{
			csm_plan *x = NULL, *y = NULL;
			csm_plan_options py = CSM_PLAN_OPTIONS_INIT;
			size_t m;
			py.start = an;
			py.target = csm_answers_target_grade(a);
			CHECK_INT(csm_plan_for_analysis(&x, an, tips, NULL), 0);
			CHECK_INT(csm_plan_make(&y, q, a, csm_benchmark_grading(b), tips, &py), 0);
			if (x && y) {
				CHECK_INT(csm_plan_count(x), csm_plan_count(y));
				CHECK_INT(csm_plan_target(x), csm_plan_target(y));
				for (m = 0; m < csm_plan_count(x) && m < csm_plan_count(y); m++) {
					CHECK_STR(csm_plan_get(x, m)->item, csm_plan_get(y, m)->item);
					CHECK_INT(csm_plan_get(x, m)->to, csm_plan_get(y, m)->to);
				}
			}
			csm_plan_free(x);
			csm_plan_free(y);
		}
		/* the analysis must be of these answers */
		if (csm_answers_load(&other, path) == 0) {
			csm_plan *x = NULL;
			CHECK_INT(csm_plan_make(&x, q, other, csm_benchmark_grading(b), tips, &po), CSM_EINVALID);
			csm_plan_free(x);
		}
	next:
		csm_answers_free(other);
		csm_plan_free(p);
		csm_analysis_free(an);
		csm_score_free(s);
		csm_answers_free(a);
	}
done:
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* A file that gives its own target grade is planned towards it, unless the
 * options name another; a benchmark without a grading refuses. */
static void test_plan_for_analysis_target(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_tips *tips = NULL;
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_plan *p = NULL;
	csm_plan_options po = CSM_PLAN_OPTIONS_INIT;
	static const char aim[] = "\"target\": {\"grade\": \"A\", \"by\": \"2027-03\"},";
	char *text = NULL, *t = NULL;
	size_t len = 0;
	/* the 2025 assessment (grade C, so the next grade is B), aiming for A */
	if (!q || !b || csm_tips_open(&tips, CSM_TEST_SRC) ||
	    csm_file_read(&text, &len, SRC("examples/followup/kitamachi-2025.json")) || !strchr(text, '{') ||
	    !(t = malloc(len + sizeof aim + 2))) {
		CHECK(0);
		goto done;
	}
	sprintf(t, "{%s%s", aim, strchr(text, '{') + 1);
	if (csm_answers_parse(&a, t, strlen(t), "aim.json") ||
	    csm_score_compute_against(&s, q, a, b, CSM_ALLOW_PARTIAL) || csm_analyze(&an, q, a, s, b)) {
		fprintf(stderr, "  %s\n", csm_error_last());
		CHECK(0);
		goto done;
	}
	CHECK_INT(csm_score_grade(s), CSM_GRADE_C);
	CHECK_INT(csm_answers_target_grade(a), CSM_GRADE_A);
	CHECK_INT(csm_plan_for_analysis(&p, an, tips, NULL), 0);
	CHECK_INT(csm_plan_target(p), csm_answers_target_grade(a));
	csm_plan_free(p);
	p = NULL;
	po.target = CSM_GRADE_C;
	CHECK_INT(csm_plan_for_analysis(&p, an, tips, &po), 0);
	CHECK_INT(csm_plan_target(p), CSM_GRADE_C);
	CHECK_INT(csm_plan_for_analysis(NULL, an, tips, NULL), CSM_EINVALID);
done:
	csm_free(text);
	free(t);
	csm_plan_free(p);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_weights(void)
{
	csm_questionnaire *q = load_v2();
	static const double w[CSM_DIRECTIVES] = {1, 1, 1, 1, 1, 1, 1, 1, 3, 1};
	static const double bad[CSM_DIRECTIVES] = {1, 1, 1, 1, 0, 1, 1, 1, 1, 1};
	int levels[64], i;
	csm_answers *a;
	csm_score *s = NULL;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		levels[i] = csm_item_directive(q, (size_t)i) == 9 ? 1 : 4;
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_questionnaire_set_weights(q, bad), CSM_EINVALID);
	CHECK_INT(csm_questionnaire_set_weights(q, w), 0);
	CHECK_INT(csm_score_compute(&s, q, a, &trial, 0), 0);
	if (s) {
		CHECK_INT(csm_score_weighted(s), 1);
		CHECK_NEAR(csm_score_overall(s), (9 * 4.0 + 3 * 1.0) / 12, 1e-12); /* 3.25: B, unweighted 3.7 */
		CHECK_INT(csm_score_grade(s), CSM_GRADE_B);
	}
	csm_score_free(s);
	csm_answers_free(a);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_merge_by_hand);
	RUN_TEST(test_merge_refuses_other_organizations);
	RUN_TEST(test_whatif_equals_rescoring);
	RUN_TEST(test_plan);
	RUN_TEST(test_plan_starts_from_hint1);
	RUN_TEST(test_plan_for_analysis_target);
	RUN_TEST(test_weights);
	return test_finish();
}
