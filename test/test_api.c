/* The public API's contract on bad arguments: a NULL pointer where the
 * header does not allow one, or an index out of range, makes an int function
 * return CSM_EINVALID with a message, and an accessor return NULL, 0 or its
 * "none" value. Never a crash. Each call runs in a child process, so one
 * crash is reported by name and the others still run. */
#define _POSIX_C_SOURCE 200809L
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

/* Run `body` in a child; it passes when the child exits 0. */
#define IN_CHILD(what, body)                                                                                  \
	do {                                                                                                  \
		pid_t pid_ = fork();                                                                          \
		int st_ = 0;                                                                                  \
		if (pid_ == 0) {                                                                              \
			body;                                                                                 \
			_exit(0);                                                                             \
		}                                                                                             \
		waitpid(pid_, &st_, 0);                                                                       \
		if (WIFEXITED(st_) && WEXITSTATUS(st_) == 0)                                                  \
			t_pass++;                                                                             \
		else {                                                                                        \
			t_fail++;                                                                             \
			fprintf(stderr, "%s: %s: %s\n", t_current, what,                                      \
			        WIFSIGNALED(st_) ? "crashed" : "wrong result");                               \
		}                                                                                             \
	} while (0)

/* An int call must give CSM_EINVALID and a message. */
#define INVALID(call)                                                                                         \
	IN_CHILD(#call, {                                                                                     \
		csm_error_clear();                                                                            \
		if ((call) != CSM_EINVALID || !csm_error_last()[0])                                           \
			_exit(1);                                                                             \
	})

/* An accessor must give 0 / NULL. */
#define NONE(call) IN_CHILD(#call, { if ((call) != 0) _exit(1); })

/* Anything but a crash. */
#define SURVIVES(stmt) IN_CHILD(#stmt, { stmt; })

static csm_questionnaire *q;
static csm_answers *a;
static csm_score *s;
static csm_benchmark *b;
static csm_tips *tips;
static csm_industries *ind;
static csm_analysis *an;

static void setup(void)
{
	q = load_v2();
	b = load_beta();
	CHECK(csm_answers_load(&a, SRC("examples/kitamachi-machinery.json")) == 0);
	CHECK(csm_tips_open(&tips, CSM_TEST_SRC) == 0);
	CHECK(csm_industries_open(&ind, CSM_TEST_SRC) == 0);
	CHECK(q && b && a && csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) == 0);
	CHECK(s && csm_analyze(&an, q, a, s, b) == 0);
}

static void test_loading(void)
{
	csm_questionnaire *qq = NULL;
	csm_tips *tt = NULL;
	csm_industries *ii = NULL;
	csm_answers *aa = NULL;
	csm_benchmark *bb = NULL;
	csm_lang lang;
	INVALID(csm_lang_parse(NULL, "ja"));
	INVALID(csm_lang_parse(&lang, NULL));
	INVALID(csm_questionnaire_parse(NULL, "{}", 2, "x"));
	INVALID(csm_questionnaire_parse(&qq, NULL, 2, "x"));
	INVALID(csm_questionnaire_load(NULL, "x"));
	INVALID(csm_questionnaire_load(&qq, NULL));
	INVALID(csm_questionnaire_open(NULL, CSM_TEST_SRC, "csmg-v2"));
	INVALID(csm_questionnaire_open(&qq, NULL, "csmg-v2"));
	INVALID(csm_questionnaire_open(&qq, CSM_TEST_SRC, NULL));
	INVALID(csm_tips_parse(NULL, "{}", 2, "x"));
	INVALID(csm_tips_parse(&tt, NULL, 2, "x"));
	INVALID(csm_tips_open(NULL, CSM_TEST_SRC));
	INVALID(csm_tips_open(&tt, NULL));
	INVALID(csm_industries_parse(NULL, "{}", 2, "x"));
	INVALID(csm_industries_parse(&ii, NULL, 2, "x"));
	INVALID(csm_industries_open(NULL, CSM_TEST_SRC));
	INVALID(csm_industries_open(&ii, NULL));
	INVALID(csm_answers_parse(NULL, "{}", 2, "x"));
	INVALID(csm_answers_parse(&aa, NULL, 2, "x"));
	INVALID(csm_answers_load(NULL, "x"));
	INVALID(csm_answers_load(&aa, NULL));
	INVALID(csm_benchmark_parse(NULL, "{}", 2, "x"));
	INVALID(csm_benchmark_parse(&bb, NULL, 2, "x"));
	INVALID(csm_benchmark_load(NULL, "x"));
	INVALID(csm_benchmark_load(&bb, NULL));
	/* a NULL name is allowed: messages say "(input)" */
	SURVIVES(csm_answers_parse(&aa, "{}", 2, NULL));
	SURVIVES(csm_questionnaire_parse(&qq, "{}", 2, NULL));
	SURVIVES(csm_benchmark_parse(&bb, "{}", 2, NULL));
	SURVIVES(csm_tips_parse(&tt, "{}", 2, NULL));
	SURVIVES(csm_industries_parse(&ii, "{}", 2, NULL));
	/* free functions take NULL */
	SURVIVES(csm_questionnaire_free(NULL));
	SURVIVES(csm_tips_free(NULL));
	SURVIVES(csm_industries_free(NULL));
	SURVIVES(csm_answers_free(NULL));
	SURVIVES(csm_score_free(NULL));
	SURVIVES(csm_benchmark_free(NULL));
	SURVIVES(csm_aggregator_free(NULL));
	SURVIVES(csm_db_close(NULL));
	SURVIVES(csm_analysis_free(NULL));
	SURVIVES(csm_karte_maker_free(NULL));
	SURVIVES(csm_plan_free(NULL));
	SURVIVES(csm_free(NULL));
}

static void test_accessors(void)
{
	size_t n = csm_questionnaire_item_count(q), big = (size_t)-1;
	int level;
	double w[CSM_DIRECTIVES] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	NONE(csm_questionnaire_id(NULL));
	NONE(csm_questionnaire_title(NULL, CSM_LANG_JA));
	NONE(csm_questionnaire_title(q, (csm_lang)7));
	NONE(csm_questionnaire_level(NULL, 1, CSM_LANG_JA));
	NONE(csm_questionnaire_level(q, 0, CSM_LANG_JA));
	NONE(csm_questionnaire_level(q, 6, CSM_LANG_JA));
	NONE(csm_directive_title(NULL, 1, CSM_LANG_JA));
	NONE(csm_directive_title(q, 0, CSM_LANG_JA));
	NONE(csm_directive_title(q, 11, CSM_LANG_EN));
	NONE(csm_directive_short(NULL, 1, CSM_LANG_JA));
	NONE(csm_directive_short(q, -1, CSM_LANG_JA));
	NONE(csm_directive_weight(NULL, 1));
	NONE(csm_directive_weight(q, 11));
	INVALID(csm_questionnaire_set_weights(NULL, w));
	INVALID(csm_questionnaire_set_weights(q, NULL));
	NONE(csm_questionnaire_item_count(NULL));
	IN_CHILD("csm_questionnaire_item_find(NULL/NULL id)",
	         { if (csm_questionnaire_item_find(NULL, "1-1") != -1 || csm_questionnaire_item_find(q, NULL) != -1) _exit(1); });
	NONE(csm_item_id(NULL, 0));
	NONE(csm_item_id(q, n));
	NONE(csm_item_directive(NULL, 0));
	NONE(csm_item_directive(q, big));
	NONE(csm_item_text(NULL, 0, CSM_ITEM_QUESTION, CSM_LANG_JA));
	NONE(csm_item_text(q, n, CSM_ITEM_QUESTION, CSM_LANG_JA));
	NONE(csm_item_text(q, 0, (csm_item_field)99, CSM_LANG_JA));
	NONE(csm_item_level(NULL, 0, 1, CSM_LANG_JA));
	NONE(csm_item_level(q, n, 1, CSM_LANG_JA));
	NONE(csm_item_level(q, 0, 9, CSM_LANG_JA));
	NONE(csm_item_tip_count(NULL, 0));
	NONE(csm_item_tip_count(q, n));
	NONE(csm_item_tip(NULL, 0, 0));
	NONE(csm_item_tip(q, n, 0));
	NONE(csm_item_tip(q, 0, 99));
	NONE(csm_questionnaire_gate_count(NULL));
	NONE(csm_gate_id(NULL, 0));
	NONE(csm_gate_id(q, 99));
	NONE(csm_gate_question(NULL, 0, CSM_LANG_JA));
	NONE(csm_gate_question(q, 99, CSM_LANG_JA));
	NONE(csm_item_csf_count(NULL, 0));
	NONE(csm_item_csf_count(q, n));
	NONE(csm_item_csf(NULL, 0, 0));
	NONE(csm_item_csf(q, n, 0));
	NONE(csm_item_csf(q, 0, 99));
	NONE(csm_item_appendix_a(NULL, 0));
	NONE(csm_item_appendix_a(q, n));

	NONE(csm_tips_count(NULL));
	NONE(csm_tips_get(NULL, 0));
	NONE(csm_tips_get(tips, 100000));
	NONE(csm_tip_text(NULL, CSM_TIP_TITLE, CSM_LANG_JA));
	NONE(csm_tip_action_count(NULL, CSM_LANG_JA));
	NONE(csm_tip_action(NULL, 0, CSM_LANG_JA));
	NONE(csm_tip_effort(NULL));
	NONE(csm_tip_cost(NULL));
	NONE(csm_tip_helps_reach(NULL));
	NONE(csm_tip_budget(NULL, CSM_BUDGET_NONE, CSM_LANG_JA));
	{
		const csm_tip *tip = NULL;
		char *out = NULL;
		if (csm_tips_find(&tip, tips, "sme-c1") != 0)
			tip = NULL;
		CHECK(tip != NULL);
		NONE(csm_tip_text(tip, (csm_tip_field)99, CSM_LANG_JA));
		NONE(csm_tip_text(tip, CSM_TIP_TITLE, (csm_lang)9));
		NONE(csm_tip_action_count(tip, (csm_lang)9));
		NONE(csm_tip_action(tip, 100000, CSM_LANG_JA));
		NONE(csm_tip_action(tip, 0, (csm_lang)9));
		NONE(csm_tip_budget(tip, (csm_budget)CSM_BUDGETS, CSM_LANG_JA));
		NONE(csm_tip_budget(tip, CSM_BUDGET_NONE, (csm_lang)9));
		INVALID(csm_tips_find(NULL, tips, "1-1"));
		INVALID(csm_tips_find(&tip, NULL, "1-1"));
		INVALID(csm_tips_find(&tip, tips, NULL));
		INVALID(csm_render_tip(NULL, tips, "1-1", CSM_LANG_JA));
		INVALID(csm_render_tip(&out, NULL, "1-1", CSM_LANG_JA));
		INVALID(csm_render_tip(&out, tips, NULL, CSM_LANG_JA));
	}
	NONE(csm_industries_count(NULL));
	NONE(csm_industry_id(NULL, 0));
	NONE(csm_industry_id(ind, 100000));
	NONE(csm_industry_label(NULL, "finance", CSM_LANG_JA));
	NONE(csm_industry_label(ind, NULL, CSM_LANG_JA));
	NONE(csm_industry_label(ind, "finance", (csm_lang)9));
	NONE(csm_industry_group_count(NULL));
	NONE(csm_industry_group_id(NULL, 0));
	NONE(csm_industry_group_id(ind, 100000));
	NONE(csm_industry_is_group(NULL, "finance"));
	NONE(csm_industry_is_group(ind, NULL));
	NONE(csm_industry_parent(NULL, "bank"));
	NONE(csm_industry_parent(ind, NULL));
	NONE(csm_industry_renamed(NULL, "banking"));
	NONE(csm_industry_renamed(ind, NULL));
	NONE(csm_industry_tse(NULL, "bank"));
	NONE(csm_industry_tse(ind, NULL));
	NONE(csm_industry_ci_count(NULL, "bank"));
	NONE(csm_industry_ci_count(ind, NULL));
	NONE(csm_industry_ci_label(NULL, "bank", 0, CSM_LANG_JA));
	NONE(csm_industry_ci_label(ind, "bank", 99, CSM_LANG_JA));
	NONE(csm_industry_ci_label(ind, "bank", 0, (csm_lang)9));

	NONE(csm_answers_name(NULL));
	NONE(csm_answers_field_get(NULL, CSM_FIELD_ORG_NAME));
	NONE(csm_answers_field_get(a, (csm_answers_field)99));
	INVALID(csm_answers_field_set(NULL, CSM_FIELD_ORG_NAME, "x"));
	INVALID(csm_answers_field_set(a, (csm_answers_field)99, "x"));
	INVALID(csm_answers_field_set(a, CSM_FIELD_ORG_NAME, NULL));
	NONE(csm_answers_assessor_count(NULL));
	NONE(csm_answers_assessor_name(NULL, 0));
	NONE(csm_answers_assessor_name(a, 1000));
	NONE(csm_answers_assessor_role(NULL, 0));
	NONE(csm_answers_assessor_role(a, 1000));
	IN_CHILD("csm_answers_get(NULL...)", {
		if (csm_answers_get(NULL, "1-1", &level) != CSM_ANSWER_MISSING ||
		    csm_answers_get(a, NULL, &level) != CSM_ANSWER_MISSING)
			_exit(1);
	});
	NONE(csm_answers_evidence(NULL, "1-1"));
	NONE(csm_answers_evidence(a, NULL));
	NONE(csm_answers_note(NULL, "1-1"));
	NONE(csm_answers_note(a, NULL));
	{
		double v;
		INVALID(csm_answers_org_number(&v, NULL, "headcount"));
		INVALID(csm_answers_org_number(&v, a, NULL));
		INVALID(csm_answers_org_number(NULL, a, "headcount"));
	}
	INVALID(csm_answers_check(NULL, q, 0));
	INVALID(csm_answers_check(a, NULL, 0));
	INVALID(csm_answers_check_industry(NULL, ind));
	INVALID(csm_answers_check_industry(a, NULL));
	{
		char *notes = NULL;
		INVALID(csm_answers_resolve_industry(NULL, a, ind, CSM_LANG_JA));
		INVALID(csm_answers_resolve_industry(&notes, NULL, ind, CSM_LANG_JA));
		INVALID(csm_answers_resolve_industry(&notes, a, NULL, CSM_LANG_JA));
		INVALID(csm_answers_resolve_industry(&notes, a, ind, (csm_lang)9));
	}
	INVALID(csm_answers_set(NULL, "1-1", CSM_ANSWER_LEVEL, 3));
	INVALID(csm_answers_set(a, NULL, CSM_ANSWER_LEVEL, 3));
	NONE(csm_answers_discuss_count(NULL));
	NONE(csm_answers_discuss(NULL, 0));
	NONE(csm_answers_discuss(a, 1000));
	NONE(csm_grade_name((csm_grade)99) == NULL); /* a name for anything, never NULL */
	IN_CHILD("csm_grade_for(x, NULL)", { if (csm_grade_for(3.0, NULL) != CSM_GRADE_NONE) _exit(1); });
}

static void test_computing(void)
{
	csm_score *ss = NULL;
	csm_analysis *aa = NULL;
	char *out = NULL;
	size_t len;
	const int *list;
	double v;
	INVALID(csm_score_compute(NULL, q, a, csm_benchmark_grading(b), 0));
	INVALID(csm_score_compute(&ss, NULL, a, csm_benchmark_grading(b), 0));
	INVALID(csm_score_compute(&ss, q, NULL, csm_benchmark_grading(b), 0));
	/* no grading: a score without a grade */
	CHECK_INT(csm_score_compute(&ss, q, a, NULL, 0), 0);
	CHECK_INT(csm_score_grade(ss), CSM_GRADE_NONE);
	CHECK(csm_score_has_overall(ss));
	csm_score_free(ss);
	ss = NULL;
	/* against a benchmark: its grading for q; none without one */
	INVALID(csm_score_compute_against(NULL, q, a, b, 0));
	INVALID(csm_score_compute_against(&ss, NULL, a, b, 0));
	CHECK_INT(csm_score_compute_against(&ss, q, a, b, 0), 0);
	CHECK_INT(csm_score_grade(ss), csm_score_grade(s));
	CHECK(csm_score_grade(ss) != CSM_GRADE_NONE);
	csm_score_free(ss);
	ss = NULL;
	CHECK_INT(csm_score_compute_against(&ss, q, a, NULL, 0), 0);
	CHECK_INT(csm_score_grade(ss), CSM_GRADE_NONE);
	csm_score_free(ss);
	ss = NULL;
	CHECK_INT(csm_benchmark_compares(NULL, q), 0);
	CHECK_INT(csm_benchmark_compares(b, NULL), 0);
	NONE(csm_benchmark_grading_for(NULL, q));
	NONE(csm_score_directive(NULL, 1));
	NONE(csm_score_directive(s, 0));
	NONE(csm_score_directive(s, 11));
	NONE(csm_score_has_overall(NULL));
	NONE(csm_score_overall(NULL));
	IN_CHILD("csm_score_grade(NULL)", { if (csm_score_grade(NULL) != CSM_GRADE_NONE) _exit(1); });
	NONE(csm_score_partial(NULL));
	NONE(csm_score_weighted(NULL));

	NONE(csm_format1(NULL, 16, 3.0));
	NONE(csm_format_change(NULL, 16, 0.3));
	NONE(csm_format_overall(NULL, 16, 3.0, csm_benchmark_grading(b)));
	IN_CHILD("csm_format_overall(buf, 16, 2.665, NULL)", {
		char buf[16];
		if (strcmp(csm_format_overall(buf, sizeof buf, 2.665, NULL), "2.7") != 0)
			_exit(1);
	});
	NONE(csm_benchmark_grading_estimated(NULL));
	NONE(csm_benchmark_min_group(NULL));
	NONE(csm_benchmark_name(NULL));
	NONE(csm_benchmark_source(NULL));
	NONE(csm_benchmark_questionnaire(NULL));
	NONE(csm_benchmark_date(NULL));
	NONE(csm_benchmark_grading(NULL));
	NONE(csm_benchmark_group_count(NULL));
	IN_CHILD("csm_benchmark_group_find(NULL...)", {
		if (csm_benchmark_group_find(NULL, "all") != -1 || csm_benchmark_group_find(b, NULL) != -1)
			_exit(1);
	});
	NONE(csm_benchmark_group_key(NULL, 0));
	NONE(csm_benchmark_group_key(b, 100000));
	NONE(csm_benchmark_group_n(NULL, 0));
	NONE(csm_benchmark_group_n(b, 100000));
	INVALID(csm_benchmark_group_mean(&v, NULL, 0, 1));
	NONE(csm_benchmark_group_mean(&v, b, 100000, 1)); /* "no value" */
	NONE(csm_benchmark_group_mean(&v, b, 0, 0));
	INVALID(csm_benchmark_group_mean(NULL, b, 0, 1));
	INVALID(csm_benchmark_percentile(NULL, b, 0, 3.0));
	INVALID(csm_benchmark_percentile(&v, NULL, 0, 3.0));
	NONE(csm_benchmark_percentile(&v, b, 100000, 3.0)); /* "no distribution" */
	{
		csm_benchmark_meta meta;
		memset(&meta, 0, sizeof meta);
		INVALID(csm_benchmark_from_tsv(NULL, "x", 1, "x", &meta));
		INVALID(csm_benchmark_from_tsv(&out, NULL, 1, "x", &meta));
		INVALID(csm_benchmark_from_tsv(&out, "x", 1, "x", NULL));
	}

	INVALID(csm_analyze(NULL, q, a, s, b));
	INVALID(csm_analyze(&aa, NULL, a, s, b));
	INVALID(csm_analyze(&aa, q, NULL, s, b));
	INVALID(csm_analyze(&aa, q, a, NULL, b));
	INVALID(csm_analyze(&aa, q, a, s, NULL));
	INVALID(csm_analysis_set_previous(NULL, a, s));
	INVALID(csm_analysis_set_previous(an, a, NULL));
	SURVIVES(csm_analysis_use_industries(NULL, ind));
	INVALID(csm_analysis_percentile(&v, NULL));
	INVALID(csm_analysis_percentile(NULL, an));
	NONE(csm_analysis_target(NULL));
	INVALID(csm_analysis_gap(&v, NULL, 1));
	INVALID(csm_analysis_gap(&v, an, 0));
	INVALID(csm_analysis_gap(&v, an, 11));
	INVALID(csm_analysis_gap(NULL, an, 1));
	NONE(csm_analysis_list(&list, NULL, CSM_LIST_BEHIND_2));
	NONE(csm_analysis_list(&list, an, (csm_list)99));
	NONE(csm_analysis_list(NULL, an, CSM_LIST_BEHIND_2));
	NONE(csm_analysis_hint_count(NULL));
	NONE(csm_analysis_hint(NULL, 0));
	NONE(csm_analysis_hint(an, 1000));
	NONE(csm_analysis_plan_count(NULL));
	NONE(csm_analysis_plan_step(NULL, 0));
	NONE(csm_analysis_plan_step(an, 100000));
	{
		const csm_answers *as[1] = {a};
		const csm_score *ss1[1] = {s};
		INVALID(csm_render_trend(NULL, as, ss1, 1, CSM_LANG_JA, 0));
		INVALID(csm_render_trend(&out, NULL, ss1, 1, CSM_LANG_JA, 0));
		INVALID(csm_render_trend(&out, as, NULL, 1, CSM_LANG_JA, 0));
	}
	{
		csm_plan *p = NULL;
		csm_plan_options po = CSM_PLAN_OPTIONS_INIT;
		INVALID(csm_plan_make(NULL, q, a, csm_benchmark_grading(b), tips, NULL));
		INVALID(csm_plan_make(&p, NULL, a, csm_benchmark_grading(b), tips, NULL));
		INVALID(csm_plan_make(&p, q, NULL, csm_benchmark_grading(b), tips, NULL));
		INVALID(csm_plan_make(&p, q, a, NULL, tips, NULL)); /* no grade to plan towards */
		po.version = 99;
		INVALID(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &po));
		po.version = CSM_PLAN_OPTIONS_VERSION;
		po.budget = 'X';
		INVALID(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &po));
		po.budget = 0;
		po.target = (csm_grade)42;
		INVALID(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &po));
		NONE(csm_plan_count(NULL));
		NONE(csm_plan_get(NULL, 0));
		NONE(csm_plan_reached(NULL));
		IN_CHILD("csm_plan_target(NULL)", { if (csm_plan_target(NULL) != CSM_GRADE_NONE) _exit(1); });
		po.target = CSM_GRADE_A;
		if (csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &po) == 0) {
			NONE(csm_plan_get(p, 100000));
			INVALID(csm_render_plan(NULL, p, q, tips, CSM_LANG_JA, 0));
			INVALID(csm_render_plan(&out, NULL, q, tips, CSM_LANG_JA, 0));
			INVALID(csm_render_plan(&out, p, NULL, tips, CSM_LANG_JA, 0));
		}
		csm_plan_free(p);
	}
	INVALID(csm_render_json(NULL, an, "x"));
	INVALID(csm_render_json(&out, NULL, "x"));
	INVALID(csm_render_text(NULL, an, tips, CSM_LANG_JA));
	INVALID(csm_render_text(&out, NULL, tips, CSM_LANG_JA));
	INVALID(csm_render_questions(NULL, q, CSM_LANG_JA));
	INVALID(csm_render_questions(&out, NULL, CSM_LANG_JA));
	INVALID(csm_render_questions_md(NULL, q, tips, CSM_LANG_JA));
	INVALID(csm_render_questions_md(&out, NULL, tips, CSM_LANG_JA));
	INVALID(csm_render_whatif(NULL, s, s, CSM_LANG_JA, 0));
	INVALID(csm_render_whatif(&out, NULL, s, CSM_LANG_JA, 0));
	INVALID(csm_render_whatif(&out, s, NULL, CSM_LANG_JA, 0));
	INVALID(csm_answers_warnings(NULL, a, q));
	INVALID(csm_answers_warnings(&out, NULL, q));
	INVALID(csm_answers_warnings(&out, a, NULL));
	INVALID(csm_template_json(NULL, q));
	INVALID(csm_template_json(&out, NULL));
	INVALID(csm_template_csv(NULL, q, CSM_LANG_JA));
	INVALID(csm_template_csv(&out, NULL, CSM_LANG_JA));
	{
		const csm_answers *raters[2] = {a, NULL};
		INVALID(csm_answers_merge(NULL, raters, 1, q, CSM_MERGE_MEDIAN));
		INVALID(csm_answers_merge(&out, NULL, 1, q, CSM_MERGE_MEDIAN));
		INVALID(csm_answers_merge(&out, raters, 2, q, CSM_MERGE_MEDIAN));
		INVALID(csm_answers_merge(&out, raters, 1, NULL, CSM_MERGE_MEDIAN));
	}
	INVALID(csm_answers_convert(NULL, a, CSM_TEST_SRC, q, q));
	INVALID(csm_answers_convert(&out, NULL, CSM_TEST_SRC, q, q));
	INVALID(csm_answers_convert(&out, a, NULL, q, q));
	INVALID(csm_answers_convert(&out, a, CSM_TEST_SRC, NULL, q));
	INVALID(csm_answers_convert(&out, a, CSM_TEST_SRC, q, NULL));
	{
		const csm_analysis *ans[2] = {an, NULL};
		csm_radar *r = NULL;
		static const double none[CSM_DIRECTIVES] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
		INVALID(csm_portfolio_csv(NULL, ans, 1, CSM_ROLLUP_MEAN));
		INVALID(csm_portfolio_csv(&out, NULL, 1, CSM_ROLLUP_MEAN));
		INVALID(csm_portfolio_csv(&out, ans, 2, CSM_ROLLUP_MEAN));
		INVALID(csm_portfolio_csv(&out, ans, 1, (csm_rollup)7));
		INVALID(csm_radar_from_analysis(NULL, an, CSM_LANG_JA));
		INVALID(csm_radar_from_analysis(&r, NULL, CSM_LANG_JA));
		INVALID(csm_radar_new(NULL));
		INVALID(csm_radar_set_axis(NULL, 1, "x"));
		INVALID(csm_radar_set_font(NULL, "x"));
		INVALID(csm_radar_add_series(NULL, "x", none, CSM_RADAR_STYLE_AUTO));
		NONE(csm_radar_series_count(NULL));
		NONE(csm_radar_axis(NULL, 1));
		NONE(csm_radar_series_label(NULL, 0));
		NONE(csm_radar_series_style(NULL, 0));
		csm_radar_free(NULL);
		CHECK_INT(csm_radar_new(&r), 0);
		INVALID(csm_radar_set_axis(r, 1, NULL));
		INVALID(csm_radar_set_axis(r, 0, "x"));
		INVALID(csm_radar_add_series(r, NULL, none, CSM_RADAR_STYLE_AUTO));
		INVALID(csm_radar_add_series(r, "x", NULL, CSM_RADAR_STYLE_AUTO));
		INVALID(csm_radar_series_value(NULL, r, 0, 1));
		INVALID(csm_radar_image(NULL, &len, r, CSM_IMAGE_PNG, 300));
		INVALID(csm_radar_image(&out, NULL, r, CSM_IMAGE_PNG, 300));
		INVALID(csm_radar_image(&out, &len, NULL, CSM_IMAGE_PNG, 300));
		csm_radar_free(r);
		INVALID(csm_font_find(NULL, "IPAexGothic"));
		INVALID(csm_karte_maker_new(NULL, NULL));
		INVALID(csm_karte_render(NULL, &len, NULL, an, tips, CSM_LANG_JA, 0));
		INVALID(csm_karte_render(&out, &len, NULL, an, tips, CSM_LANG_JA, 0));
		INVALID(csm_portfolio_render(&out, &len, NULL, ans, 1, tips, CSM_LANG_JA, 0, CSM_ROLLUP_MEAN));
	}
	{
		csm_form_options fo = CSM_FORM_OPTIONS_INIT;
		unsigned char *bin = NULL;
		INVALID(csm_form_html(NULL, q, &fo));
		INVALID(csm_form_html(&out, NULL, &fo));
		INVALID(csm_form_html(&out, q, NULL));
		INVALID(csm_form_xlsx(NULL, &len, q, &fo));
		INVALID(csm_form_xlsx(&bin, NULL, q, &fo));
		INVALID(csm_form_xlsx(&bin, &len, NULL, &fo));
		INVALID(csm_form_xlsx(&bin, &len, q, NULL));
		{ /* options of another layout, or never initialized: refused, not misread */
			csm_form_options old = fo;
			old.version = 0;
			INVALID(csm_form_html(&out, q, &old));
			INVALID(csm_form_xlsx(&bin, &len, q, &old));
			old.version = CSM_FORM_OPTIONS_VERSION + 1;
			INVALID(csm_form_html(&out, q, &old));
			old = fo;
			old.lang = (csm_lang)7;
			INVALID(csm_form_html(&out, q, &old));
		}
		INVALID(csm_form_xlsx_import(NULL, "x", 1, "x", ind));
		INVALID(csm_form_xlsx_import(&out, NULL, 1, "x", ind));
		INVALID(csm_form_xlsx_load(NULL, "x", ind));
		INVALID(csm_form_xlsx_load(&out, NULL, ind));
	}
}

static void test_database(void)
{
	csm_aggregator *ag = NULL;
	csm_aggregate_options ao = CSM_AGGREGATE_OPTIONS_INIT;
	csm_db *db = NULL;
	char *out = NULL;
	long long removed;
	int created;
	ao.min_group = 5;
	ao.grading = *csm_benchmark_grading(b);
	INVALID(csm_aggregator_new(NULL, q, &ao));
	INVALID(csm_aggregator_new(&ag, NULL, &ao));
	INVALID(csm_aggregator_new(&ag, q, NULL));
	{
		csm_aggregate_options old = ao;
		old.version = 0;
		INVALID(csm_aggregator_new(&ag, q, &old));
	}
	INVALID(csm_aggregator_add(NULL, a, 0));
	NONE(csm_aggregator_count(NULL));
	INVALID(csm_aggregator_merge(NULL, NULL));
	INVALID(csm_aggregator_export(NULL, NULL));
	if (csm_aggregator_new(&ag, q, &ao) == 0) {
		INVALID(csm_aggregator_add(ag, NULL, 0));
		INVALID(csm_aggregator_merge(ag, NULL));
		INVALID(csm_aggregator_export(NULL, ag));
	}
	INVALID(csm_db_open(NULL, ":memory:"));
	INVALID(csm_db_open(&db, NULL));
	INVALID(csm_db_init(&created, NULL));
	INVALID(csm_db_check(NULL));
	INVALID(csm_db_begin(NULL));
	INVALID(csm_db_commit(NULL));
	INVALID(csm_db_rollback(NULL));
	INVALID(csm_db_store(NULL, a, q, NULL));
	INVALID(csm_db_list(NULL, NULL));
	INVALID(csm_db_list(&out, NULL));
	INVALID(csm_db_remove(NULL, "x", NULL, NULL, &removed));
	INVALID(csm_db_export(&out, NULL, q, &ao));
	INVALID(csm_db_mask(NULL, "x"));
	INVALID(csm_db_mask(&out, NULL));
	INVALID(csm_db_set_busy_timeout(NULL, 10));
	if (csm_db_open(&db, ":memory:") == 0 && csm_db_init(&created, db) == 0) {
		INVALID(csm_db_store(db, NULL, q, NULL));
		INVALID(csm_db_store(db, a, NULL, NULL));
		{
			csm_db_options old = CSM_DB_OPTIONS_INIT;
			old.version = 2;
			INVALID(csm_db_store(db, a, q, &old));
			INVALID(csm_db_remove(db, "x", NULL, &old, &removed));
		}
		INVALID(csm_db_list(NULL, db));
		INVALID(csm_db_remove(db, NULL, NULL, NULL, &removed));
		INVALID(csm_db_remove(db, "x", NULL, NULL, NULL));
		INVALID(csm_db_export(NULL, db, q, &ao));
		INVALID(csm_db_export(&out, db, NULL, &ao));
		INVALID(csm_db_export(&out, db, q, NULL));
	}
	csm_db_close(db);
	csm_aggregator_free(ag);
}

int main(void)
{
	setup();
	RUN_TEST(test_loading);
	RUN_TEST(test_accessors);
	RUN_TEST(test_computing);
	RUN_TEST(test_database);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_tips_free(tips);
	csm_industries_free(ind);
	csm_questionnaire_free(q);
	return test_finish();
}
