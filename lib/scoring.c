/* Scoring: directive means, the overall, the grade (SPEC §4). */
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "error.h"
#include "questionnaire.h"
#include "score.h"
#include "util.h"

const char *csm_grade_name(csm_grade g)
{
	switch (g) {
	case CSM_GRADE_A:
		return "A";
	case CSM_GRADE_B:
		return "B";
	case CSM_GRADE_C:
		return "C";
	default:
		return "-";
	}
}

csm_grade csm_grade_for(double overall, const csm_grading *g)
{
	if (!g)
		return CSM_GRADE_NONE;
	if (csm__ge(overall, g->a))
		return CSM_GRADE_A;
	if (csm__ge(overall, g->b))
		return CSM_GRADE_B;
	return CSM_GRADE_C;
}

static unsigned long long gcd(unsigned long long a, unsigned long long b)
{
	while (b) {
		unsigned long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The unweighted overall as one correctly rounded division of exact
 * integers: sum(k_d / n_d) / D over a common denominator. Equal overalls then
 * give the same double whatever the directive scores were, which exact
 * histograms of overall scores need. Falls back to the floating-point mean
 * if the denominators grow too large (not with real questionnaires). */
static double exact_mean(const csm_score *s, const unsigned *sum)
{
	unsigned long long lcm = 1, num = 0, dirs = 0;
	double fallback = 0;
	int d;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		unsigned long long n = s->dir[d].answered;
		if (!s->dir[d].has_score)
			continue;
		dirs++;
		fallback += s->dir[d].score;
		lcm = lcm / gcd(lcm, n) * n;
		if (lcm > (1ull << 40))
			return fallback / (double)dirs;
	}
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (s->dir[d].has_score)
			num += sum[d] * (lcm / s->dir[d].answered);
	return (double)num / (double)(lcm * dirs);
}

int csm_score_compute(csm_score **out, const csm_questionnaire *q, const csm_answers *a,
                      const csm_grading *grading, unsigned flags)
{
	CSM__ARGS(out && q && a);
	unsigned sum[CSM_DIRECTIVES] = {0};
	double wsum = 0, total = 0;
	csm_score *s;
	size_t i;
	int d, rc;

	*out = NULL;
	if (q->choice_count) /* so the commands of levels refuse it (csm score and karte go to csm_points_compute) */
		return csm__scale_refuse(q, a->name, "the level score (plan, radar, whatif, trend, portfolio, board, supply)");
	if ((rc = csm_answers_check(a, q, flags)))
		return rc;
	if (!(s = calloc(1, sizeof *s)))
		return csm__nomem();
	s->q = q;
	if (grading) /* else no grade: zero cut-offs */
		s->grading = *grading;
	if (q->item_count && !(s->level = calloc(q->item_count, sizeof *s->level))) {
		free(s);
		return csm__nomem();
	}
	for (d = 0; d < CSM_DIRECTIVES; d++)
		s->dir[d].id = d + 1;
	for (i = 0; i < q->item_count; i++) {
		/* in place by address (db export) without a call, else searched */
		const csm__answer *ans = i < a->count && a->items[i].id == q->items[i].id
		                             ? &a->items[i]
		                             : csm__answers_find_near(a, q->items[i].id, i);
		csm_directive_score *ds = &s->dir[q->items[i].directive - 1];
		ds->items++;
		if (!ans || ans->kind == CSM_ANSWER_NULL || ans->kind == CSM_ANSWER_MISSING) {
			ds->unanswered++;
			s->partial = 1;
		} else if (ans->kind == CSM_ANSWER_NA) {
			ds->na++;
			s->level[i] = -1;
		} else {
			ds->answered++;
			s->level[i] = (signed char)ans->level;
			sum[q->items[i].directive - 1] += (unsigned)ans->level;
		}
	}
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm_directive_score *ds = &s->dir[d];
		if (q->weight[d] != q->weight[0])
			s->weighted = 1;
		if (!ds->answered)
			continue;
		ds->has_score = 1;
		ds->score = (double)sum[d] / ds->answered;
		total += q->weight[d] * ds->score;
		wsum += q->weight[d];
	}
	if (wsum > 0) {
		s->has_overall = 1;
		s->overall = s->weighted ? total / wsum : exact_mean(s, sum);
		s->grade = csm_grade_for(s->overall, grading);
	}
	*out = s;
	return 0;
}

int csm__grading_valid(const csm_grading *g) { return g->b > 0 && g->a > g->b && g->a <= 5; }

csm_grade csm__next_grade(csm_grade g) { return g == CSM_GRADE_C ? CSM_GRADE_B : CSM_GRADE_A; }

double csm__item_gain(const csm_score *s, size_t i, int levels)
{
	const csm_questionnaire *q = s->q;
	int d = q->items[i].directive - 1, k;
	double wsum = 0;
	for (k = 0; k < CSM_DIRECTIVES; k++)
		if (s->dir[k].has_score)
			wsum += q->weight[k];
	if (!(wsum > 0) || !s->dir[d].answered)
		return 0;
	return q->weight[d] / wsum * levels / s->dir[d].answered;
}

void csm_score_free(csm_score *s)
{
	if (s)
		free(s->level);
	free(s);
}

const csm_directive_score *csm_score_directive(const csm_score *s, int d)
{
	return s && d >= 1 && d <= CSM_DIRECTIVES ? &s->dir[d - 1] : NULL;
}

int csm_score_has_overall(const csm_score *s) { return s ? s->has_overall : 0; }
double csm_score_overall(const csm_score *s) { return s ? s->overall : 0.0; }
csm_grade csm_score_grade(const csm_score *s) { return s ? s->grade : CSM_GRADE_NONE; }
int csm_score_partial(const csm_score *s) { return s ? s->partial : 0; }
int csm_score_weighted(const csm_score *s) { return s ? s->weighted : 0; }
