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

/* Points of `choices` on the scale fixture (freed by the caller), or NULL. */
static csm_points *points_of(const csm_questionnaire *q, const char *const *choices, unsigned flags, csm_answers **a)
{
	csm_points *p = NULL;
	*a = choices_from(q, choices);
	CHECK(*a != NULL);
	if (*a && csm_points_compute(&p, q, *a, flags) != 0)
		fprintf(stderr, "points_of: %s\n", csm_error_last());
	return p;
}

/* Points per item, per part and in total, "don't know" counted; level
 * scoring and points refuse the other kind of questionnaire. */
static void test_points(void)
{
	static const char *const fixture[8] = {"done", "done", "partly", "done", "unknown", "not_done", "done", "not_done"};
	csm_questionnaire *q = load_scale(), *v2 = load_v2();
	csm_answers *a = NULL;
	csm_points *p;
	csm_score *s = NULL;
	CHECK(q && v2);
	if (!q || !v2)
		goto done;
	p = points_of(q, fixture, 0, &a);
	CHECK(p != NULL);
	if (p) {
		CHECK_INT(csm_points_total(p), 4 + 4 + 2 + 4 - 1 + 0 + 4 + 0);
		CHECK_INT(csm_points_max(p), 32);
		CHECK_INT(csm_points_group(p, 1), 13);
		CHECK_INT(csm_points_group_max(p, 1), 20);
		CHECK_INT(csm_points_group(p, 2), 4);
		CHECK_INT(csm_points_group_max(p, 2), 8);
		CHECK_INT(csm_points_group(p, 3), 0);
		CHECK_INT(csm_points_group_max(p, 3), 4);
		CHECK_INT(csm_points_group(p, 4), 0);
		CHECK_INT(csm_points_unknown_count(p), 1);
		CHECK_INT(csm_points_unanswered_count(p), 0);
		CHECK_INT(csm_points_item_choice(p, 4), 3);
		CHECK_INT(csm_points_item_choice(p, 2), 1);
		CHECK_INT(csm_points_item_choice(p, 8), -1);
		CHECK_INT(csm_score_compute(&s, q, a, NULL, 0), CSM_EINVALID);
		CHECK(s == NULL);
		CHECK_HAS(csm_error_last(), "sc.json: questionnaire scale-check is answered on its own scale and scored in points");
		csm_points_free(p);
	}
	CHECK_INT(csm_points_compute(&p, v2, a, 0), CSM_EINVALID);
	CHECK(p == NULL);
	CHECK_HAS(csm_error_last(), "questionnaire csmg-v2 is answered with levels 1..5");
	csm_answers_free(a);
	{ /* not answered: allowed only with CSM_ALLOW_PARTIAL, and counted */
		static const char *const open_[8] = {"done", NULL, "done", "done", "done", "done", "done", "done"};
		a = choices_from(q, open_);
		CHECK_INT(csm_points_compute(&p, q, a, 0), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "item c2: not answered yet");
		CHECK_INT(csm_points_compute(&p, q, a, CSM_ALLOW_PARTIAL), 0);
		if (p) {
			CHECK_INT(csm_points_total(p), 28);
			CHECK_INT(csm_points_unanswered_count(p), 1);
			CHECK_INT(csm_points_item_choice(p, 1), -1);
			csm_points_free(p);
		}
		csm_answers_free(a);
	}
done:
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

/* One case of the small company's rule. */
static void sme_case(const csm_questionnaire *q, const char *const *choices, int stars, int step, unsigned missing,
                     int policy, int complete, const char *todo)
{
	csm_answers *a = NULL;
	csm_points *p = points_of(q, choices, CSM_ALLOW_PARTIAL, &a);
	csm_sme_result r;
	char got[128] = "";
	size_t k;
	CHECK(p != NULL);
	if (!p) {
		csm_answers_free(a);
		return;
	}
	CHECK_INT(csm_sme_result_get(&r, p), 0);
	CHECK_INT(r.stars, stars);
	CHECK_INT(r.step, step);
	CHECK_INT(r.basics_missing, missing);
	CHECK_INT(r.policy_done, policy);
	CHECK_INT(r.diagnosis_complete, complete);
	for (k = 0; k < r.todo_count; k++) {
		size_t i = csm_sme_todo(p, k);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? " " : "", csm_questionnaire_item_count(q) > i ? csm_item_id(q, i) : "?");
	}
	CHECK(csm_sme_todo(p, r.todo_count) == (size_t)-1);
	CHECK_STR(got, todo);
	csm_points_free(p);
	csm_answers_free(a);
}

/* SECURITY ACTION stars, the guideline's step and the order of the items to do. */
static void test_sme_result(void)
{
	csm_questionnaire *q = load_scale();
	CHECK(q != NULL);
	if (!q)
		return;
	{ /* everything done: two stars, keep improving, nothing to do first */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "done", "done", "done"};
		sme_case(q, c, 2, CSM_SME_STEP_IMPROVE, 0, 1, 1, "");
	}
	{ /* basics 3 and 5 not done: no star; the basics first, then not done and don't know before partly */
		static const char *const c[8] = {"done", "done", "partly", "done", "unknown", "not_done", "done", "not_done"};
		sme_case(q, c, 0, CSM_SME_STEP_BASICS, (1u << 2) | (1u << 4), 0, 0, "c5 c3 c6 c8");
	}
	{ /* the basics done, one "don't know": one star, the self-diagnosis is not complete */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "unknown", "done", "done"};
		sme_case(q, c, 1, CSM_SME_STEP_DIAGNOSIS, 0, 1, 0, "c6");
	}
	{ /* the basics done, one item not answered: the same */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "done", NULL, "done"};
		sme_case(q, c, 1, CSM_SME_STEP_DIAGNOSIS, 0, 1, 0, "c7");
	}
	{ /* complete, the policy done in part only: one star, set a policy */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "partly", "not_done", "partly"};
		sme_case(q, c, 1, CSM_SME_STEP_POLICY, 0, 0, 1, "c7 c6 c8");
	}
	{ /* a basic item done in part is not done */
		static const char *const c[8] = {"partly", "done", "done", "done", "done", "done", "done", "done"};
		sme_case(q, c, 0, CSM_SME_STEP_BASICS, 1u, 1, 1, "c1");
	}
	csm_questionnaire_free(q);
}

/* The text and JSON of the result, in both languages. */
static void test_points_render(void)
{
	static const char *const fixture[8] = {"done", "done", "partly", "done", "unknown", "not_done", "done", "not_done"};
	csm_questionnaire *q = load_scale();
	csm_answers *a = NULL;
	csm_points *p;
	char *t = NULL;
	CHECK(q != NULL);
	if (!q)
		return;
	p = points_of(q, fixture, 0, &a);
	if (p) {
		CHECK_INT(csm_points_render_text(&t, p, a, CSM_LANG_EN), 0);
		CHECK_HAS(t, "Sakura Print Co. | assessed 2026-11-20\n");
		CHECK_HAS(t, "Points 17 of 32   (don't know: 1, not answered: 0)\n");
		CHECK_HAS(t, "  Part 1  Basics         13 / 20\n");
		CHECK_HAS(t, "  Part 3  Organization    0 / 4\n");
		CHECK_HAS(t, "SECURITY ACTION: not yet ready for one star\n  Missing for one star: use strong passwords; know the attack methods\n");
		CHECK_HAS(t, "Step 1 of 4: start with the five basic measures\nNext step: 2 know where you are with the self-diagnosis\n");
		CHECK_HAS(t, "Do first\n   1  c5    Part 1  Don't know        Do you know the common attack methods?\n");
		CHECK_HAS(t, "   2  c3    Part 1  Partly done       Do you use strong passwords?\n");
		CHECK_HAS(t, "   4  c8    Part 3  Not done          Is a basic security policy written down and published?\n");
		csm_free(t);
		CHECK_INT(csm_points_render_text(&t, p, a, CSM_LANG_JA), 0);
		CHECK_HAS(t, "Sakura Print Co. | 評価日 2026-11-20\n");
		CHECK_HAS(t, "合計 17 点 / 32 点   (わからない 1 項目、未回答 0 項目)\n");
		CHECK_HAS(t, "  パート 1  基本   13 / 20\n");
		CHECK_HAS(t, "SECURITY ACTION: 一つ星の宣言にはまだ届いていません\n  一つ星に足りないもの: 推測されにくいパスワードを使う、攻撃の手口を知っておく\n");
		CHECK_HAS(t, "ステップ 1/4: まず5つの基本から始める\n次のステップ: 2 自己診断で現状を知る\n");
		CHECK_HAS(t, "   1  c5    パート 1  わからない        攻撃の手口を知っていますか。\n");
		csm_free(t);
		CHECK_INT(csm_points_render_json(&t, p, a, NULL), 0);
		CHECK_HAS(t, "{\"format\": \"csm-points/1\", \"file\": \"sc.json\", \"questionnaire\": \"scale-check\"");
		CHECK_HAS(t, "\"points\": 17, \"max_points\": 32, \"unknown\": 1, \"unanswered\": 0");
		CHECK_HAS(t, "{\"id\": 1, \"points\": 13, \"max_points\": 20}");
		CHECK_HAS(t, "{\"id\": \"c5\", \"group\": 1, \"choice\": \"unknown\", \"points\": -1}");
		CHECK_HAS(t, "\"sme\": {\"stars\": 0, \"step\": 1, \"next_step\": 2, \"basics_missing\": [\"basic-3\", \"basic-5\"], "
		             "\"policy_done\": false, \"diagnosis_complete\": false, \"todo\": [\"c5\", \"c3\", \"c6\", \"c8\"]}}");
		CHECK(strchr(t, '\n') == NULL); /* one line: --json writes one document per line */
		csm_free(t);
		csm_points_free(p);
	}
	csm_answers_free(a);
	{ /* one star: what the second needs */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "unknown", NULL, "partly"};
		p = points_of(q, c, CSM_ALLOW_PARTIAL, &a);
		if (p) {
			CHECK_INT(csm_points_render_text(&t, p, a, CSM_LANG_EN), 0);
			CHECK_HAS(t, "SECURITY ACTION: ready for one star\n  Missing for two stars: answer the items not yet answered (1); "
			             "find out the items answered \"don't know\" (1); write down and publish a basic security policy (c8)\n");
			CHECK_HAS(t, "Step 2 of 4: know where you are with the self-diagnosis\nNext step: 3 set a basic policy and organize\n");
			csm_free(t);
			CHECK_INT(csm_points_render_text(&t, p, a, CSM_LANG_JA), 0);
			CHECK_HAS(t, "SECURITY ACTION: 一つ星を宣言できます\n  二つ星に足りないもの: 自己診断の未回答の項目に答える (1 項目)、「わからない」の項目を確かめる (1 項目)、基本方針を書面にして社内外に示す (c8)\n");
			csm_free(t);
			csm_points_free(p);
		}
		csm_answers_free(a);
	}
	{ /* two stars */
		static const char *const c[8] = {"done", "done", "done", "done", "done", "done", "done", "done"};
		p = points_of(q, c, 0, &a);
		if (p) {
			CHECK_INT(csm_points_render_text(&t, p, a, CSM_LANG_EN), 0);
			CHECK_HAS(t, "SECURITY ACTION: ready for two stars\nStep 4 of 4: keep improving, toward third-party certification\nNext step: keep improving\n");
			CHECK(strstr(t, "Do first") == NULL);
			csm_free(t);
			csm_points_free(p);
		}
		csm_answers_free(a);
	}
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_means_and_na);
	RUN_TEST(test_all_na_directive_left_out);
	RUN_TEST(test_partial);
	RUN_TEST(test_grade_boundaries);
	RUN_TEST(test_trial_2020_grades);
	RUN_TEST(test_points);
	RUN_TEST(test_sme_result);
	RUN_TEST(test_points_render);
	return test_finish();
}
