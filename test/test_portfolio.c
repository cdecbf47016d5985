/* The portfolio model (portfolio.c): ranking, the group rolled up from its
 * entities (plain and weighted), its weakest directives and who pulls each
 * down, worked out here from the scores themselves. */
#include <cjson/cJSON.h>

#include "common.h"
#include "harness.h"
#include "portfolio.h"

#define N 3

typedef struct set {
	csm_questionnaire *q;
	csm_benchmark *b;
	csm_answers *a[N];
	csm_score *s[N];
	csm_analysis *an[N];
} set;

/* The three examples; kitamachi is scoped "group" (out of the roll-up).
 * `headcount` NULL leaves the files as they are (no headcount). */
static int load_set(set *x, const int *headcount)
{
	static const char *const examples[N] = {"kitamachi-machinery", "aozora-bank", "minato-services"};
	size_t i;
	memset(x, 0, sizeof *x);
	if (!(x->q = load_v2()) || !(x->b = load_beta()))
		return -1;
	for (i = 0; i < N; i++) {
		char path[300], *text, *json;
		cJSON *doc;
		snprintf(path, sizeof path, "%s/examples/%s.json", CSM_TEST_SRC, examples[i]);
		text = test_read(path, NULL);
		doc = text ? cJSON_Parse(text) : NULL;
		free(text);
		if (!doc)
			return -1;
		cJSON_DeleteItemFromObject(cJSON_GetObjectItem(doc, "organization"), "parent");
		cJSON_AddStringToObject(cJSON_GetObjectItem(doc, "organization"), "parent", "Hoshi");
		if (headcount)
			cJSON_AddNumberToObject(cJSON_GetObjectItem(doc, "organization"), "headcount", headcount[i]);
		json = cJSON_PrintUnformatted(doc);
		cJSON_Delete(doc);
		if (!json || csm_answers_parse(&x->a[i], json, strlen(json), examples[i]) ||
		    csm_score_compute(&x->s[i], x->q, x->a[i], csm_benchmark_grading(x->b), 0) ||
		    csm_analyze(&x->an[i], x->q, x->a[i], x->s[i], x->b)) {
			free(json);
			return -1;
		}
		free(json);
	}
	return 0;
}

static void free_set(set *x)
{
	size_t i;
	for (i = 0; i < N; i++) {
		csm_analysis_free(x->an[i]);
		csm_score_free(x->s[i]);
		csm_answers_free(x->a[i]);
	}
	csm_benchmark_free(x->b);
	csm_questionnaire_free(x->q);
}

static int is_entity(const set *x, size_t i)
{
	const char *scope = csm_answers_field_get(x->a[i], CSM_FIELD_ORG_SCOPE);
	return !(scope && strcmp(scope, "group") == 0);
}

/* Every figure of the model against the same sums made here. */
static void check_model(const set *x, const int *weight, csm_rollup rollup)
{
	csm__portfolio p;
	double dir[CSM_DIRECTIVES] = {0}, wsum[CSM_DIRECTIVES] = {0}, ov = 0, ow = 0;
	size_t i, k;
	int d;
	CHECK_INT(csm__portfolio_build(&p, (const csm_analysis *const *)x->an, N, rollup), 0);
	/* ranking: by overall, best first */
	for (i = 1; i < N; i++)
		CHECK(csm_score_overall(x->s[p.order[i - 1]]) >= csm_score_overall(x->s[p.order[i]]));
	CHECK_STR(p.parent, "Hoshi");
	CHECK_INT(p.weighted, weight != NULL);
	for (i = 0; i < N; i++) {
		double w = weight ? weight[i] : 1;
		if (!is_entity(x, i))
			continue;
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			dir[d - 1] += w * csm_score_directive(x->s[i], d)->score;
			wsum[d - 1] += w;
		}
		ov += w * csm_score_overall(x->s[i]);
		ow += w;
	}
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		CHECK_INT(p.has[d], 1);
		CHECK_NEAR(p.dir[d], dir[d] / wsum[d], 1e-12);
	}
	CHECK_NEAR(p.overall, ov / ow, 1e-12);
	CHECK_INT(p.grade, csm_grade_for(ov / ow, csm_benchmark_grading(x->b)));
	/* the three weakest directives, lowest first, and the entities below the group on each */
	for (k = 0; k < 3; k++) {
		int w = p.weak[k];
		CHECK(w >= 1 && w <= CSM_DIRECTIVES);
		if (w < 1 || w > CSM_DIRECTIVES)
			continue;
		if (k)
			CHECK(p.dir[w - 1] >= p.dir[p.weak[k - 1] - 1]);
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			int used = d == p.weak[0] || d == p.weak[1] || d == p.weak[2];
			if (!used)
				CHECK(p.dir[d - 1] >= p.dir[w - 1] - 1e-12);
		}
		{
			size_t below = 0;
			for (i = 0; i < N; i++)
				if (is_entity(x, i) && csm_score_directive(x->s[i], w)->score < p.dir[w - 1] - 1e-9)
					below++;
			CHECK_INT(p.nbelow[k], below);
		}
		for (i = 1; i < p.nbelow[k]; i++)
			CHECK(csm_score_directive(x->s[p.below[k][i - 1]], w)->score <=
			      csm_score_directive(x->s[p.below[k][i]], w)->score);
		for (i = 0; i < p.nbelow[k]; i++)
			CHECK(is_entity(x, p.below[k][i]));
	}
	csm__portfolio_free(&p);
}

static void test_plain_and_weighted(void)
{
	static const int headcount[N] = {5000, 300, 120};
	set x;
	if (load_set(&x, NULL) == 0) {
		check_model(&x, NULL, CSM_ROLLUP_MEAN);
		/* asked to weight by headcount, but no file gives it: a plain mean */
		check_model(&x, NULL, CSM_ROLLUP_HEADCOUNT);
	} else {
		CHECK(0);
	}
	free_set(&x);
	if (load_set(&x, headcount) == 0)
		check_model(&x, headcount, CSM_ROLLUP_HEADCOUNT);
	else
		CHECK(0);
	free_set(&x);
}

/* Action lists: per organization the counts of actions.c's follow-up
 * (overdue on the day given), the CSV's columns only with lists. */
static void test_followup(void)
{
	/* kitamachi: 4 actions (one done, one in progress past due, one open past
	 * due, one dropped); minato: none due yet; aozora: no list */
	static const char *const lists[N] = {
	    "{\"format\": \"csm-actions/1\", \"organization\": \"KITAMACHI  Precision Machinery Co.\", \"actions\": ["
	    "{\"item\": \"9-1\", \"from\": 1, \"to\": 3, \"status\": \"done\", \"due\": \"2027-03\"},"
	    "{\"item\": \"9-2\", \"from\": 1, \"to\": 3, \"status\": \"in_progress\", \"due\": \"2027-09-30\"},"
	    "{\"item\": \"9-3\", \"from\": 1, \"to\": 3, \"status\": \"open\", \"due\": \"2027-09\"},"
	    "{\"item\": \"2-2\", \"from\": 1, \"to\": 3, \"status\": \"dropped\", \"due\": \"2027-01\"}]}",
	    NULL,
	    "{\"format\": \"csm-actions/1\", \"actions\": ["
	    "{\"item\": \"1-1\", \"from\": 1, \"to\": 3, \"status\": \"open\", \"due\": \"2027-10\"},"
	    "{\"item\": \"1-2\", \"from\": 1, \"to\": 3, \"status\": \"open\"}]}"};
	csm_actions *acts[N] = {NULL};
	csm__portfolio p;
	char *csv = NULL, *plain = NULL;
	set x;
	size_t i;
	const long long today = 1822435200; /* 2027-10-02 */
	if (load_set(&x, NULL) != 0) {
		CHECK(0);
		free_set(&x);
		return;
	}
	CHECK_INT(csm_portfolio_csv(&plain, (const csm_analysis *const *)x.an, N, CSM_ROLLUP_MEAN), 0);
	for (i = 0; i < N; i++)
		if (lists[i]) {
			CHECK_INT(csm_actions_parse(&acts[i], lists[i], strlen(lists[i]), "l.json"), 0);
			CHECK_INT(csm_analysis_set_actions(x.an[i], acts[i], today), 0);
		}
	/* the organization named as the database counts members */
	CHECK_INT(csm_actions_is_for(acts[0], x.a[0]), 1);
	CHECK_INT(csm_actions_is_for(acts[0], x.a[1]), 0);
	CHECK_INT(csm_actions_is_for(acts[2], x.a[2]), 0); /* names none */
	CHECK_INT(csm__portfolio_build(&p, (const csm_analysis *const *)x.an, N, CSM_ROLLUP_MEAN), 0);
	CHECK_INT(p.followed, 1);
	CHECK_STR(p.today, "2027-10-02");
	CHECK_INT(p.fu[0].listed, 1);
	CHECK_INT(p.fu[0].actions, 4);
	CHECK_INT(p.fu[0].done, 1);
	CHECK_INT(p.fu[0].in_progress, 1);
	CHECK_INT(p.fu[0].open, 1);
	CHECK_INT(p.fu[0].dropped, 1);
	CHECK_INT(p.fu[0].late, 2); /* 9-2 and 9-3; a due month ends with its last day */
	CHECK_INT(p.fu[1].listed, 0);
	CHECK_INT(p.fu[2].listed, 1);
	CHECK_INT(p.fu[2].open, 2);
	CHECK_INT(p.fu[2].late, 0); /* due this month, and no due date */
	CHECK_INT(p.fu_late, 1);
	CHECK_INT(p.fu_unlisted, 1);
	csm__portfolio_free(&p);
	CHECK_INT(csm_portfolio_csv(&csv, (const csm_analysis *const *)x.an, N, CSM_ROLLUP_MEAN), 0);
	CHECK_HAS(csv, ",rank,rollup,actions,actions_open,actions_in_progress,actions_done,actions_dropped,actions_overdue\r\n");
	CHECK_HAS(csv, ",,mean,6,3,1,1,1,2\r\n"); /* the group: every list together */
	CHECK_HAS(csv, ",,4,1,1,1,1,2\r\n");
	CHECK_HAS(csv, ",,2,2,0,0,0,0\r\n");
	CHECK_HAS(csv, ",,,,,,,\r\n"); /* aozora: no list */
	CHECK(plain && !strstr(plain, "actions"));
	/* without lists again: the table as it was */
	for (i = 0; i < N; i++)
		csm_analysis_set_actions(x.an[i], NULL, today);
	csm_free(csv);
	csv = NULL;
	CHECK_INT(csm_portfolio_csv(&csv, (const csm_analysis *const *)x.an, N, CSM_ROLLUP_MEAN), 0);
	CHECK_STR(csv, plain);
	csm_free(csv);
	csm_free(plain);
	free_set(&x);
	for (i = 0; i < N; i++)
		csm_actions_free(acts[i]);
}

static void test_refuses_empty(void)
{
	csm__portfolio p;
	CHECK_INT(csm__portfolio_build(&p, NULL, 0, CSM_ROLLUP_MEAN), CSM_EINVALID);
}

int main(void)
{
	RUN_TEST(test_plain_and_weighted);
	RUN_TEST(test_refuses_empty);
	RUN_TEST(test_followup);
	return test_finish();
}
