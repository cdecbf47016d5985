/* Comparison, hints and plan (SPEC §5) on a benchmark with round averages,
 * so every expected gap can be worked out by hand. */
#include "analysis.h"
#include "answers.h"
#include "common.h"
#include "util.h"

/* all 3.0, C 2.0, B 3.5, A 4.5 on every directive; grading 3.75 / 2.67. */
static const char bench_json[] =
    "{\"format\":\"csm-benchmark/1\",\"name\":\"round\",\"questionnaire\":\"csmg-v2\","
    "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":["
    "{\"key\":\"all\",\"n\":30,\"mean\":[3,3,3,3,3,3,3,3,3,3]},"
    "{\"key\":\"grade:C\",\"n\":10,\"mean\":[2,2,2,2,2,2,2,2,2,2]},"
    "{\"key\":\"grade:B\",\"n\":10,\"mean\":[3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5]},"
    "{\"key\":\"grade:A\",\"n\":10,\"mean\":[4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5]},"
    "{\"key\":\"industry:finance\",\"n\":5,\"mean\":[4,4,4,4,4,4,4,4,4,null]}]}";

typedef struct fixture {
	csm_questionnaire *q;
	csm_benchmark *b;
	csm_answers *a;
	csm_score *s;
	csm_analysis *an;
} fixture;

static int setup(fixture *f, const int per[CSM_DIRECTIVES][10], const char *bench)
{
	int levels[64], pos[CSM_DIRECTIVES] = {0};
	size_t i;
	memset(f, 0, sizeof *f);
	f->q = load_v2();
	if (!f->q || csm_benchmark_parse(&f->b, bench, strlen(bench), "round.json") != 0)
		return -1;
	for (i = 0; i < csm_questionnaire_item_count(f->q); i++) {
		int d = csm_item_directive(f->q, i) - 1;
		levels[i] = per[d][pos[d]++];
	}
	f->a = answers_from(f->q, levels, "finance");
	if (!f->a || csm_score_compute(&f->s, f->q, f->a, csm_benchmark_grading(f->b), 0) != 0)
		return -1;
	return csm_analyze(&f->an, f->q, f->a, f->s, f->b);
}

static void teardown(fixture *f)
{
	csm_analysis_free(f->an);
	csm_score_free(f->s);
	csm_answers_free(f->a);
	csm_benchmark_free(f->b);
	csm_questionnaire_free(f->q);
}

static int list_is(const csm_analysis *an, csm_list which, const int *want, size_t n)
{
	const int *v;
	size_t got = csm_analysis_list(&v, an, which), i;
	if (got != n)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i] != want[i])
			return 0;
	return 1;
}

/* Grade C, target B (3.5): gaps 2.5, 1.83, 1.5, .5, .5, 1.5, 1.5, 2.0, .5, -.5 */
static const int company_c[10][10] = {{1, 1, 1}, {1, 2, 2}, {2, 2, 2, 2}, {3, 3, 3}, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3},
                                      {2, 2, 2, 2}, {2, 2, 2, 2, 2}, {1, 2}, {3, 3, 3}, {4, 4}};

static void test_grade_c(void)
{
	static const int b2[] = {1, 8}, b1[] = {2, 3, 6, 7};
	fixture f;
	const csm_hint *h;
	const csm_plan_step *st;
	double gap;
	CHECK_INT(setup(&f, company_c, bench_json), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_score_grade(f.s), CSM_GRADE_C);
	CHECK_STR(csm_analysis_target(f.an), "grade:B");
	CHECK_INT(csm_analysis_gap(&gap, f.an, 1), 1);
	CHECK_NEAR(gap, 2.5, 1e-12);
	CHECK_INT(csm_analysis_gap(&gap, f.an, 8), 1);
	CHECK_NEAR(gap, 2.0, 1e-12); /* exactly at the band boundary: counts as >= 2 */
	CHECK_INT(csm_analysis_gap(&gap, f.an, 10), 1);
	CHECK_NEAR(gap, -0.5, 1e-12);
	CHECK(list_is(f.an, CSM_LIST_BEHIND_2, b2, 2));
	CHECK(list_is(f.an, CSM_LIST_BEHIND_1, b1, 4));
	CHECK(list_is(f.an, CSM_LIST_LEVEL5, NULL, 0));
	CHECK(list_is(f.an, CSM_LIST_LOWEST, NULL, 0));
	/* Hint 1: the largest gap; hint 2 names every other flagged directive
	 * (both lists), largest gap first: 8 (2.0), 2 (1.83), 3, 6, 7 (1.5). */
	CHECK_INT(csm_analysis_hint1(f.an), 1);
	{
		static const int flagged[] = {8, 2, 3, 6, 7};
		const int *v;
		size_t k;
		CHECK_INT(csm_analysis_flagged(&v, f.an), 5);
		for (k = 0; k < 5 && v; k++)
			CHECK_INT(v[k], flagged[k]);
		for (k = 0; k < 5; k++) /* the hints are the same selection */
			CHECK_INT(csm_analysis_hint(f.an, k + 1) ? csm_analysis_hint(f.an, k + 1)->directive : 0, flagged[k]);
	}
	CHECK_INT(csm_analysis_hint_count(f.an), 6);
	h = csm_analysis_hint(f.an, 0);
	CHECK_INT(h->rank, 1);
	CHECK_INT(h->directive, 1);
	CHECK_INT(h->level, 1);
	CHECK_INT(h->item_count, 3);
	CHECK_INT(h->tip_count, 3);
	CHECK_STR(h->tips[0], "1-1");
	h = csm_analysis_hint(f.an, 1);
	CHECK_INT(h->rank, 2);
	CHECK_INT(h->directive, 8);
	CHECK_INT(h->item_count, 1); /* only 8-1 is at the directive's lowest level */
	CHECK_STR(h->items[0], "8-1");
	CHECK_STR(h->tips[0], "8-1");
	/* The plan: every item below 4 (= ceil 3.5) in directives behind the target,
	 * by directive gap, then level. Directive 10 is ahead, so it is not in it. */
	CHECK_INT(csm_analysis_plan_count(f.an), 3 + 2 + 3 + 4 + 4 + 5 + 3 + 10 + 3);
	st = csm_analysis_plan_step(f.an, 0);
	CHECK_STR(st->item, "1-1");
	CHECK_INT(st->level, 1);
	CHECK_INT(st->target_level, 4);
	CHECK_NEAR(st->overall_gain, 3.0 / 3 / 10, 1e-12);
	CHECK_STR(csm_analysis_plan_step(f.an, 3)->item, "8-1");
	CHECK_STR(csm_analysis_plan_step(f.an, 4)->item, "8-2");
	CHECK_STR(csm_analysis_plan_step(f.an, 5)->item, "2-1"); /* level 1 before the 2s */
	CHECK_INT(csm_analysis_plan_step(f.an, 8)->directive, 3); /* gap ties: 3, 6, 7 */
	CHECK_INT(csm_analysis_plan_step(f.an, 12)->directive, 6);
	CHECK_INT(csm_analysis_plan_step(f.an, 16)->directive, 7);
	CHECK_INT(csm_analysis_plan_step(f.an, 36)->directive, 9);
done:
	teardown(&f);
}

/* Grade B (target A, 4.5): one directive 2+ behind, so hint 2 is the next band. */
static const int company_b[10][10] = {{4, 4, 4}, {2, 3, 3}, {3, 3, 3, 3}, {4, 4, 4}, {4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
                                      {4, 4, 4, 4}, {3, 3, 3, 3, 3}, {2, 2}, {3, 3, 3}, {4, 4}};

static void test_grade_b_next_band(void)
{
	static const int b2[] = {8}, b1[] = {2, 3, 7, 9};
	fixture f;
	size_t i;
	CHECK_INT(setup(&f, company_b, bench_json), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_score_grade(f.s), CSM_GRADE_B);
	CHECK_STR(csm_analysis_target(f.an), "grade:A");
	CHECK(list_is(f.an, CSM_LIST_BEHIND_2, b2, 1));
	CHECK(list_is(f.an, CSM_LIST_BEHIND_1, b1, 4));
	CHECK_INT(csm_analysis_hint_count(f.an), 5);
	CHECK_INT(csm_analysis_hint(f.an, 0)->directive, 8);
	CHECK_INT(csm_analysis_hint(f.an, 0)->item_count, 2); /* 8-1 and 8-2, both level 2 */
	/* Hint 2: gaps 2 -> 1.83, then 3, 7, 9 tied at 1.5 in directive order. */
	CHECK_INT(csm_analysis_hint(f.an, 1)->directive, 2);
	CHECK_INT(csm_analysis_hint(f.an, 2)->directive, 3);
	CHECK_INT(csm_analysis_hint(f.an, 3)->directive, 7);
	CHECK_INT(csm_analysis_hint(f.an, 4)->directive, 9);
	for (i = 1; i < 5; i++)
		CHECK_INT(csm_analysis_hint(f.an, i)->rank, 2);
	CHECK_INT(csm_analysis_hint(f.an, 1)->item_count, 1); /* 2-1 at level 2 */
done:
	teardown(&f);
}

/* Grade A: level-5 and lowest lists; hints to the lowest, ordered by gap. */
static const int company_a[10][10] = {{5, 5, 5}, {5, 5, 5}, {5, 5, 5, 5}, {4, 4, 4}, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
                                      {5, 5, 5, 5}, {5, 5, 5, 5, 5}, {5, 5}, {4, 4, 4}, {5, 5}};

static void test_grade_a(void)
{
	static const int l5[] = {1, 2, 3, 5, 6, 7, 8, 10}, low[] = {4, 9};
	fixture f;
	CHECK_INT(setup(&f, company_a, bench_json), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_score_grade(f.s), CSM_GRADE_A);
	CHECK_STR(csm_analysis_target(f.an), "grade:A");
	CHECK(list_is(f.an, CSM_LIST_LEVEL5, l5, 8));
	CHECK(list_is(f.an, CSM_LIST_LOWEST, low, 2));
	CHECK(list_is(f.an, CSM_LIST_BEHIND_2, NULL, 0));
	CHECK_INT(csm_analysis_hint_count(f.an), 2);
	CHECK_INT(csm_analysis_hint(f.an, 0)->directive, 4); /* tie at gap 0.5: directive order */
	CHECK_INT(csm_analysis_hint(f.an, 0)->rank, 1);
	CHECK_INT(csm_analysis_hint(f.an, 1)->directive, 9);
	CHECK_INT(csm_analysis_plan_count(f.an), 6);
	CHECK_INT(csm_analysis_plan_step(f.an, 0)->target_level, 5);
done:
	teardown(&f);
}

/* Grade A's lowest list is by level as shown, not the exact lowest score:
 * 4.33 and 4.0 are both at level 4 ("directives 4, 9 are at level 4"). */
static void test_grade_a_lowest_level(void)
{
	static const int a2[10][10] = {{5, 5, 5}, {5, 5, 5}, {5, 5, 5, 5}, {4, 4, 5}, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
	                               {5, 5, 5, 5}, {5, 5, 5, 5, 5}, {5, 5}, {4, 4, 4}, {5, 5}};
	static const int low[] = {4, 9};
	fixture f;
	const int *v;
	CHECK_INT(setup(&f, a2, bench_json), 0);
	if (f.an) {
		CHECK_INT(csm_score_grade(f.s), CSM_GRADE_A);
		CHECK(list_is(f.an, CSM_LIST_LOWEST, low, 2));
		CHECK_INT(csm_analysis_hint1(f.an), 9); /* gap 0.5 before 0.17 */
		CHECK_INT(csm_analysis_flagged(&v, f.an), 1);
		CHECK_INT(v ? v[0] : 0, 4);
	}
	teardown(&f);
}

static void test_all_five(void)
{
	static const int five[10][10] = {{5, 5, 5}, {5, 5, 5}, {5, 5, 5, 5}, {5, 5, 5}, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
	                                 {5, 5, 5, 5}, {5, 5, 5, 5, 5}, {5, 5}, {5, 5, 5}, {5, 5}};
	fixture f;
	CHECK_INT(setup(&f, five, bench_json), 0);
	if (f.an) {
		const int *v;
		CHECK_INT(csm_analysis_list(&v, f.an, CSM_LIST_LEVEL5), 10);
		CHECK_INT(csm_analysis_list(&v, f.an, CSM_LIST_LOWEST), 0);
		CHECK_INT(csm_analysis_hint_count(f.an), 0);
		CHECK_INT(csm_analysis_plan_count(f.an), 0);
	}
	teardown(&f);
}

/* The bands are those of the gaps as shown: 0.967 is shown 1.0 and is >= 1,
 * 1.967 is shown 2.0 and is >= 2, in the lists and in the hints alike. */
static void test_band_as_shown(void)
{
	static const char b33[] = "{\"format\":\"csm-benchmark/1\",\"name\":\"b33\",\"questionnaire\":\"csmg-v2\","
	                          "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":["
	                          "{\"key\":\"grade:B\",\"n\":10,\"mean\":[3.3,3.3,3.3,3.3,3.3,3.3,3.3,3.3,3.3,3.3]},"
	                          "{\"key\":\"grade:A\",\"n\":10,\"mean\":[4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5]}]}";
	/* d1 2.333 (gap 0.967), d9 1.333 (gap 1.967), the rest 2 (gap 1.3) */
	static const int company[10][10] = {{2, 2, 3}, {2, 2, 2}, {2, 2, 2, 2}, {2, 2, 2}, {2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
	                                    {2, 2, 2, 2}, {2, 2, 2, 2, 2}, {2, 2}, {1, 2, 1}, {2, 2}};
	static const int b2[] = {9}, b1[] = {1, 2, 3, 4, 5, 6, 7, 8, 10};
	fixture f;
	CHECK_INT(setup(&f, company, b33), 0);
	if (f.an) {
		CHECK_INT(csm_score_grade(f.s), CSM_GRADE_C);
		CHECK(list_is(f.an, CSM_LIST_BEHIND_2, b2, 1));
		CHECK(list_is(f.an, CSM_LIST_BEHIND_1, b1, 9));
		CHECK_INT(csm_analysis_hint(f.an, 0)->directive, 9);
		/* hint 2 names every other flagged directive, d1 (0.967, shown 1.0) with them */
		CHECK_INT(csm_analysis_hint_count(f.an), 10);
		CHECK_INT(csm_analysis_hint1(f.an), 9);
	}
	teardown(&f);
}

/* No percentile within a group below the benchmark's min_group (default 5). */
static void test_percentile_min_group(void)
{
	static const char *const benches[3] = {
	    "{\"format\":\"csm-benchmark/1\",\"name\":\"p\",\"questionnaire\":\"csmg-v2\","
	    "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":[{\"key\":\"grade:B\",\"n\":10,\"mean\":[3,3,3,3,3,3,3,3,3,3]},"
	    "{\"key\":\"industry:finance\",\"n\":4,\"mean\":[3,3,3,3,3,3,3,3,3,3],"
	    "\"overall\":{\"histogram\":{\"values\":[1,2,3,4],\"counts\":[1,1,1,1]}}}]}",
	    "{\"format\":\"csm-benchmark/1\",\"name\":\"p\",\"questionnaire\":\"csmg-v2\",\"min_group\":4,"
	    "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":[{\"key\":\"grade:B\",\"n\":10,\"mean\":[3,3,3,3,3,3,3,3,3,3]},"
	    "{\"key\":\"industry:finance\",\"n\":4,\"mean\":[3,3,3,3,3,3,3,3,3,3],"
	    "\"overall\":{\"histogram\":{\"values\":[1,2,3,4],\"counts\":[1,1,1,1]}}}]}",
	    "{\"format\":\"csm-benchmark/1\",\"name\":\"p\",\"questionnaire\":\"csmg-v2\","
	    "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":[{\"key\":\"grade:B\",\"n\":10,\"mean\":[3,3,3,3,3,3,3,3,3,3]},"
	    "{\"key\":\"industry:finance\",\"n\":5,\"mean\":[3,3,3,3,3,3,3,3,3,3],"
	    "\"overall\":{\"histogram\":{\"values\":[1,2,3,4],\"counts\":[1,1,1,2]}}}]}"};
	static const int want[3] = {0, 1, 1};
	int i;
	for (i = 0; i < 3; i++) {
		fixture f;
		double pct = -1;
		CHECK_INT(setup(&f, company_c, benches[i]), 0);
		if (f.an) {
			CHECK_INT(csm_analysis_percentile(&pct, f.an), want[i]);
			CHECK_INT(csm_benchmark_min_group(f.b), i == 1 ? 4 : 5);
		}
		teardown(&f);
	}
}

static void test_missing_target_group(void)
{
	static const char no_b[] = "{\"format\":\"csm-benchmark/1\",\"name\":\"noB\",\"questionnaire\":\"csmg-v2\","
	                           "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":["
	                           "{\"key\":\"all\",\"n\":30,\"mean\":[3,3,3,3,3,3,3,3,3,3]}]}";
	fixture f;
	csm__buf note = {0};
	double gap;
	/* an ISAC's export may withhold a grade's group (fewer than k members):
	 * the analysis goes on with nothing to compare with, and says why */
	CHECK_INT(setup(&f, company_c, no_b), 0);
	if (f.an) {
		CHECK_INT(csm_score_grade(f.s), CSM_GRADE_C);
		CHECK_INT(csm_analysis_compares(f.an), 0);
		CHECK_STR(csm_analysis_target(f.an), "");
		CHECK_INT(csm_analysis_gap(&gap, f.an, 1), 0);
		CHECK_INT(csm_analysis_hint1(f.an), 1); /* the lowest directive (1.0) */
		csm__analysis_comparison_note(f.an, CSM_LANG_EN, &note);
		CHECK_HAS(note.s ? note.s : "", "The benchmark \"noB\" withholds the group grade:B");
		csm__buf_free(&note);
		csm__analysis_comparison_note(f.an, CSM_LANG_JA, &note);
		CHECK_HAS(note.s ? note.s : "", "比較データ「noB」は grade:B のグループを公開していない");
		csm__buf_free(&note);
	}
	teardown(&f);
}

/* The item lists appended to a csm__buf: every item, none cut, after what
 * the buffer already holds. */
static void test_item_lists(void)
{
	csm_questionnaire *q = load_v2();
	csm_answers *older = NULL, *newer = NULL;
	csm__buf out = {0};
	int *lv;
	size_t n, i, arrows = 0;
	const char *p;
	if (!q)
		return;
	n = csm_questionnaire_item_count(q);
	if (!(lv = calloc(n ? n : 1, sizeof *lv))) {
		csm_questionnaire_free(q);
		return;
	}
	for (i = 0; i < n; i++)
		lv[i] = 2;
	older = answers_from(q, lv, NULL);
	for (i = 0; i < n; i++)
		lv[i] = 4;
	newer = answers_from(q, lv, NULL);
	csm__buf_puts(&out, "moved: ");
	CHECK_INT(csm__moved_items(older, newer, q, &out), n);
	for (p = out.s; p && (p = strstr(p, "2\u21924")); p++)
		arrows++;
	CHECK_INT(arrows, n);
	CHECK(out.s && strncmp(out.s, "moved: ", 7) == 0);
	CHECK_HAS(out.s, csm_item_id(q, n - 1));
	csm__buf_free(&out);
	/* all at 4 and no evidence: every item is unbacked */
	CHECK_INT(csm__answers_unbacked(newer, q, &out), n);
	CHECK_HAS(out.s, csm_item_id(q, 0));
	CHECK_HAS(out.s, csm_item_id(q, n - 1));
	csm__buf_free(&out);
	CHECK_INT(csm__answers_discuss_text(newer, &out), 0);
	CHECK(out.len == 0);
	csm__buf_free(&out);
	free(lv);
	csm_answers_free(older);
	csm_answers_free(newer);
	csm_questionnaire_free(q);
}

/* An industry without a group of its own in the benchmark is compared with
 * its parent group (SPEC §5), once the analysis knows the industry list; the
 * analysis says which group that was. Its own group, where there is one, comes first. */
static void test_parent_group(void)
{
	static const char own[] =
	    "{\"format\":\"csm-benchmark/1\",\"name\":\"round\",\"questionnaire\":\"csmg-v2\","
	    "\"grading\":{\"A\":3.75,\"B\":2.67},\"groups\":["
	    "{\"key\":\"all\",\"n\":30,\"mean\":[3,3,3,3,3,3,3,3,3,3]},"
	    "{\"key\":\"grade:C\",\"n\":10,\"mean\":[2,2,2,2,2,2,2,2,2,2]},"
	    "{\"key\":\"grade:B\",\"n\":10,\"mean\":[3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5]},"
	    "{\"key\":\"grade:A\",\"n\":10,\"mean\":[4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5]},"
	    "{\"key\":\"industry:bank\",\"n\":6,\"mean\":[4,4,4,4,4,4,4,4,4,4]},"
	    "{\"key\":\"industry:finance\",\"n\":9,\"mean\":[4,4,4,4,4,4,4,4,4,4]}]}";
	static const char *const ids[3] = {"bank", "banking", "insurance"};
	csm_industries *ind = NULL;
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = NULL, *b2 = NULL;
	const char *keys[5];
	int levels[64], idx[5];
	size_t i;
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	CHECK_INT(csm_benchmark_parse(&b, bench_json, strlen(bench_json), "round.json"), 0);
	CHECK_INT(csm_benchmark_parse(&b2, own, strlen(own), "own.json"), 0);
	if (!ind || !q || !b || !b2)
		goto cleanup;
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		levels[i] = 3;
	for (i = 0; i < 3; i++) {
		csm_answers *a = answers_from(q, levels, ids[i]);
		csm_score *s = NULL;
		csm_analysis *an = NULL, *an2 = NULL;
		if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
		    csm_analyze(&an2, q, a, s, b2)) {
			CHECK(0);
		} else {
			/* without the list: no parent is known */
			CHECK_INT(csm__analysis_industry_group(an), -1);
			csm__analysis_groups(an, keys, idx);
			CHECK_INT(idx[4], -1);
			csm_analysis_use_industries(an, ind);
			csm__analysis_groups(an, keys, idx);
			CHECK_STR(keys[4], "industry:finance");
			CHECK(idx[4] >= 0 && idx[4] == csm__analysis_industry_group(an));
			CHECK_STR(csm__analysis_group_label(an, CSM_LANG_JA), "金融");
			CHECK_STR(csm__analysis_group_label(an, CSM_LANG_EN), "Finance");
			if (i < 2) { /* banking is bank now */
				CHECK_STR(csm__analysis_industry_label(an, CSM_LANG_JA), "銀行業");
				CHECK_STR(csm__analysis_industry_compared(an, CSM_LANG_JA), "銀行業 (比較: 金融 2020年試行)");
				CHECK_STR(csm__analysis_industry_compared(an, CSM_LANG_EN),
				          "Banks (compared with: Finance, 2020 trial group)");
			}
			/* n = 5 reaches the minimum group: a percentile within the parent */
			CHECK(csm__analysis_percentile_withheld(an, &(unsigned){0}) == 0);
			/* a benchmark with the industry's own group: that one */
			csm_analysis_use_industries(an2, ind);
			csm__analysis_groups(an2, keys, idx);
			CHECK_STR(keys[4], i < 2 ? "industry:bank" : "industry:finance");
			if (i < 2)
				CHECK_STR(csm__analysis_industry_compared(an2, CSM_LANG_JA), "銀行業");
		}
		csm_analysis_free(an);
		csm_analysis_free(an2);
		csm_score_free(s);
		csm_answers_free(a);
	}
cleanup:
	csm_benchmark_free(b);
	csm_benchmark_free(b2);
	csm_questionnaire_free(q);
	csm_industries_free(ind);
}

/* Compare like with like: a csmg-v2 benchmark grades and compares csmg-v2
 * answers (2), csmg-v3 answers by directive (1, the questionnaire declares
 * it), and sme-light answers not at all (0): no grade, no target, no gap, no
 * group, no plan; the hints go to the company's own lowest directives. */
static void test_compare_like_with_like(void)
{
	csm_questionnaire *v2 = load_v2(), *v3 = NULL, *sme = NULL;
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	const int *v;
	const char *keys[5];
	int idx[5], d;
	double gap;
	CHECK(csm_questionnaire_open(&v3, CSM_TEST_SRC, "csmg-v3") == 0);
	CHECK(csm_questionnaire_open(&sme, CSM_TEST_SRC, "sme-light") == 0);
	if (!v2 || !v3 || !sme || !b)
		goto done;
	CHECK_INT(csm_benchmark_compares(b, v2), 2);
	CHECK_INT(csm_benchmark_compares(b, v3), 1);
	CHECK_INT(csm_benchmark_compares(b, sme), 0);
	CHECK(csm_benchmark_grading_for(b, v2) == csm_benchmark_grading(b));
	CHECK(csm_benchmark_grading_for(b, sme) == NULL);
	if (csm_answers_load(&a, SRC("test/data/sme-light-sakura.json")) ||
	    csm_score_compute_against(&s, sme, a, b, 0) ||
	    csm_analyze(&an, sme, a, s, b)) {
		CHECK(0);
		goto done;
	}
	CHECK_INT(csm_score_grade(s), CSM_GRADE_NONE);
	CHECK_INT(csm_analysis_compares(an), 0);
	CHECK_STR(csm_analysis_target(an), "");
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		CHECK_INT(csm_analysis_gap(&gap, an, d), 0);
	CHECK_INT(csm__analysis_groups(an, keys, idx), 0);
	CHECK_INT(csm_analysis_plan_count(an), 0);
	CHECK_INT(csm_analysis_list(&v, an, CSM_LIST_BEHIND_2), 0);
	/* Sakura: directives 3 (1.5) and 7 (1.0) are at level 1 as shown; hint 1 the lower */
	{
		static const int lowest[2] = {3, 7};
		CHECK(list_is(an, CSM_LIST_LOWEST, lowest, 2));
	}
	CHECK_INT(csm_analysis_hint1(an), 7);
	{
		double pct;
		CHECK_INT(csm_analysis_percentile(&pct, an), 0);
	}
done:
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(v2);
	csm_questionnaire_free(v3);
	csm_questionnaire_free(sme);
}

int main(void)
{
	RUN_TEST(test_grade_c);
	RUN_TEST(test_grade_b_next_band);
	RUN_TEST(test_grade_a);
	RUN_TEST(test_grade_a_lowest_level);
	RUN_TEST(test_all_five);
	RUN_TEST(test_missing_target_group);
	RUN_TEST(test_band_as_shown);
	RUN_TEST(test_percentile_min_group);
	RUN_TEST(test_item_lists);
	RUN_TEST(test_parent_group);
	RUN_TEST(test_compare_like_with_like);
	return test_finish();
}
