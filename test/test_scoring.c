/* Scoring and grading (SPEC §4), including the 28 companies of the 2020 trial. */
#include "common.h"

static const csm_grading trial = {3.75, 2.67};

static csm_score *score_of(const csm_questionnaire *q, const int *levels, unsigned flags)
{
	csm_answers *a = answers_from(q, levels, NULL);
	csm_score *s = NULL;
	if (a && csm_score_compute(&s, q, a, &trial, flags) != 0)
		fprintf(stderr, "score_of: %s\n", csm_error_last());
	csm_answers_free(a);
	return s;
}

static void test_means_and_na(void)
{
	csm_questionnaire *q = load_v2();
	int levels[64], i;
	csm_score *s;
	const csm_directive_score *d1, *d5;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		levels[i] = 3;
	levels[0] = 5, levels[1] = 4, levels[2] = LV_NA; /* directive 1: (5+4)/2 */
	levels[13] = 1;                                   /* 5-1 */
	s = score_of(q, levels, 0);
	CHECK(s != NULL);
	if (!s)
		goto done;
	d1 = csm_score_directive(s, 1);
	CHECK_INT(d1->has_score, 1);
	CHECK_NEAR(d1->score, 4.5, 1e-15);
	CHECK_INT(d1->items, 3);
	CHECK_INT(d1->answered, 2);
	CHECK_INT(d1->na, 1);
	d5 = csm_score_directive(s, 5);
	CHECK_NEAR(d5->score, 2.8, 1e-12); /* (1 + 9*3) / 10 */
	CHECK_NEAR(csm_score_overall(s), (4.5 + 2.8 + 8 * 3.0) / 10, 1e-12);
	CHECK_INT(csm_score_grade(s), CSM_GRADE_B);
	CHECK_INT(csm_score_partial(s), 0);
	CHECK_INT(csm_score_weighted(s), 0);
	CHECK(csm_score_directive(s, 0) == NULL && csm_score_directive(s, 11) == NULL);
	csm_score_free(s);
done:
	csm_questionnaire_free(q);
}

static void test_all_na_directive_left_out(void)
{
	csm_questionnaire *q = load_v2();
	int levels[64], i;
	csm_score *s;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		levels[i] = csm_item_directive(q, (size_t)i) == 8 ? LV_NA : 4;
	levels[0] = 1; /* directive 1: (1+4+4)/3 = 3 */
	s = score_of(q, levels, 0);
	if (s) {
		CHECK_INT(csm_score_directive(s, 8)->has_score, 0);
		CHECK_INT(csm_score_directive(s, 8)->na, 2);
		/* overall over the nine directives that have a score */
		CHECK_NEAR(csm_score_overall(s), (3.0 + 8 * 4.0) / 9, 1e-12);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_A);
	}
	csm_score_free(s);
	for (i = 0; i < 39; i++)
		levels[i] = LV_NA;
	s = score_of(q, levels, 0);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(csm_score_has_overall(s), 0);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_NONE);
	}
	csm_score_free(s);
	csm_questionnaire_free(q);
}

static void test_partial(void)
{
	csm_questionnaire *q = load_v2();
	int levels[64], i;
	csm_answers *a;
	csm_score *s = NULL;
	if (!q)
		return;
	for (i = 0; i < 39; i++)
		levels[i] = 2;
	levels[3] = LV_NULL; /* 2-1 */
	levels[4] = LV_OMIT; /* 2-2 */
	levels[5] = 5;       /* 2-3 */
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_score_compute(&s, q, a, &trial, 0), CSM_EINVALID);
	CHECK(s == NULL);
	CHECK_HAS(csm_error_last(), "item 2-1: not answered yet");
	CHECK_INT(csm_score_compute(&s, q, a, &trial, CSM_ALLOW_PARTIAL), 0);
	if (s) {
		const csm_directive_score *d2 = csm_score_directive(s, 2);
		CHECK_INT(csm_score_partial(s), 1);
		CHECK_INT(d2->unanswered, 2);
		CHECK_INT(d2->answered, 1);
		CHECK_NEAR(d2->score, 5.0, 0);
	}
	csm_score_free(s);
	csm_answers_free(a);
	csm_questionnaire_free(q);
}

/* Levels of `n` items summing to `k`, as even as possible. */
static void spread(int *out, int k, int n)
{
	int i;
	for (i = 0; i < n; i++)
		out[i] = k / n + (i < k % n ? 1 : 0);
}

/* Levels per item from per-directive lists, in questionnaire order. */
static void fill(const csm_questionnaire *q, int *levels, const int per[CSM_DIRECTIVES][10])
{
	int pos[CSM_DIRECTIVES] = {0};
	size_t i;
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		int d = csm_item_directive(q, i) - 1;
		levels[i] = per[d][pos[d]++];
	}
}

static void test_grade_boundaries(void)
{
	csm_questionnaire *q = load_v2();
	/* Directive means 4,4,4,4,4, 3.5,4,3.5,3,3.5: overall exactly 3.75. */
	static const int at_a[10][10] = {{4, 4, 4}, {4, 4, 4}, {4, 4, 4, 4}, {4, 4, 4}, {4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
	                                 {4, 3, 4, 3}, {4, 4, 4, 4, 4}, {4, 3}, {3, 3, 3}, {4, 3}};
	/* The same but directive 9 at 8/3: overall 3.7333, grade B. */
	static const int below_a[10][10] = {{4, 4, 4}, {4, 4, 4}, {4, 4, 4, 4}, {4, 4, 4}, {4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
	                                    {4, 3, 4, 3}, {4, 4, 4, 4, 4}, {4, 3}, {3, 3, 2}, {4, 3}};
	/* Exactly 2.67, and a naive floating-point sum of it falls below 2.67. */
	static const int at_b[10][10] = {{1, 2, 2}, {3, 2, 2}, {3, 3, 4, 3}, {2, 2, 4}, {3, 3, 5, 3, 5, 3, 5, 5, 4, 4},
	                                 {2, 5, 1, 3}, {2, 2, 5, 1, 1}, {1, 3}, {1, 5, 1}, {2, 5}};
	/* One level less in directive 5: overall 2.66, grade C. */
	static const int below_b[10][10] = {{1, 2, 2}, {3, 2, 2}, {3, 3, 4, 3}, {2, 2, 4}, {3, 3, 5, 3, 5, 3, 5, 5, 4, 3},
	                                    {2, 5, 1, 3}, {2, 2, 5, 1, 1}, {1, 3}, {1, 5, 1}, {2, 5}};
	int levels[64];
	csm_score *s;
	if (!q)
		return;
	fill(q, levels, at_a);
	if ((s = score_of(q, levels, 0))) {
		CHECK_NEAR(csm_score_overall(s), 3.75, 1e-12);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_A);
	}
	csm_score_free(s);
	fill(q, levels, below_a);
	if ((s = score_of(q, levels, 0))) {
		CHECK_NEAR(csm_score_overall(s), 3.75 - 1.0 / 30, 1e-12);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_B);
	}
	csm_score_free(s);
	fill(q, levels, at_b);
	if ((s = score_of(q, levels, 0))) {
		CHECK_NEAR(csm_score_overall(s), 2.67, 1e-12);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_B);
	}
	csm_score_free(s);
	fill(q, levels, below_b);
	if ((s = score_of(q, levels, 0))) {
		CHECK_NEAR(csm_score_overall(s), 2.66, 1e-12);
		CHECK_INT(csm_score_grade(s), CSM_GRADE_C);
	}
	csm_score_free(s);
	/* The thresholds themselves, through csm_grade_for. */
	CHECK_INT(csm_grade_for(3.75, &trial), CSM_GRADE_A);
	CHECK_INT(csm_grade_for(3.7499999999999996, &trial), CSM_GRADE_A);
	CHECK_INT(csm_grade_for(3.7499, &trial), CSM_GRADE_B);
	CHECK_INT(csm_grade_for(2.67, &trial), CSM_GRADE_B);
	CHECK_INT(csm_grade_for(2.6699999999999995, &trial), CSM_GRADE_B);
	CHECK_INT(csm_grade_for(2.6699, &trial), CSM_GRADE_C);
	CHECK_INT(csm_grade_for(1.0, &trial), CSM_GRADE_C);
	CHECK_STR(csm_grade_name(CSM_GRADE_A), "A");
	CHECK_STR(csm_grade_name(CSM_GRADE_NONE), "-");
	csm_questionnaire_free(q);
}

/* The 2020 trial: each published directive average is k/n rounded to one
 * decimal (n = the directive's item count). Rebuild item-level answers with
 * exactly those means and check that scoring reproduces every published grade. */
static void test_trial_2020_grades(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	char *tsv = test_read(SRC("test/data/beta-trial-2020.tsv"), NULL), *line, *save = NULL;
	unsigned nitems[CSM_DIRECTIVES] = {0};
	int rows = 0, first = 1, by_grade[4] = {0};
	size_t i;

	CHECK(q && b && tsv);
	if (!q || !b || !tsv)
		goto done;
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		nitems[csm_item_directive(q, i) - 1]++;
	for (line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char company[32], industry[64], grade[4];
		double v[CSM_DIRECTIVES];
		int levels[64], per[CSM_DIRECTIVES][10], pos[CSM_DIRECTIVES] = {0}, d, k[CSM_DIRECTIVES];
		csm_answers *a;
		csm_score *s = NULL;
		if (first) {
			first = 0;
			continue;
		}
		CHECK_INT(sscanf(line, "%31s %63s %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %3s", company, industry, &v[0], &v[1],
		                 &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], grade),
		          13);
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			int n = (int)nitems[d], kk, found = 0;
			for (kk = n; kk <= 5 * n; kk++)
				if (fabs(csm_round1((double)kk / n) - v[d]) < 1e-9) {
					k[d] = kk;
					found++;
				}
			CHECK_INT(found, 1); /* the published value determines k */
			spread(per[d], k[d], n);
		}
		for (i = 0; i < csm_questionnaire_item_count(q); i++) {
			d = csm_item_directive(q, i) - 1;
			levels[i] = per[d][pos[d]++];
		}
		a = answers_from(q, levels, NULL);
		CHECK_INT(csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0), 0);
		if (s) {
			for (d = 1; d <= CSM_DIRECTIVES; d++) {
				CHECK_NEAR(csm_score_directive(s, d)->score, (double)k[d - 1] / nitems[d - 1], 1e-12);
				CHECK_NEAR(csm_round1(csm_score_directive(s, d)->score), v[d - 1], 1e-9);
			}
			if (strcmp(csm_grade_name(csm_score_grade(s)), grade) != 0)
				fprintf(stderr, "%s: grade %s, published %s (overall %.4f)\n", company,
				        csm_grade_name(csm_score_grade(s)), grade, csm_score_overall(s));
			CHECK_STR(csm_grade_name(csm_score_grade(s)), grade);
			by_grade[csm_score_grade(s)]++;
		}
		csm_score_free(s);
		csm_answers_free(a);
		rows++;
	}
	CHECK_INT(rows, 28);
	CHECK_INT(by_grade[CSM_GRADE_A], 6);
	CHECK_INT(by_grade[CSM_GRADE_B], 7);
	CHECK_INT(by_grade[CSM_GRADE_C], 15);
done:
	free(tsv);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_means_and_na);
	RUN_TEST(test_all_na_directive_left_out);
	RUN_TEST(test_partial);
	RUN_TEST(test_grade_boundaries);
	RUN_TEST(test_trial_2020_grades);
	return test_finish();
}
