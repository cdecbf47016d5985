/* The portfolio: a group's organizations side by side. The model (ranking,
 * the group rolled up, its weakest directives and who pulls each down) is
 * built here once; the PDF (karte_portfolio.c) and the CSV (render.c) only show it. */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "portfolio.h"
#include "score.h"
#include "util.h"

/* A group's own assessment is not one of its entities: left out of the
 * roll-up and of "who pulls it down". */
static int is_entity(const csm_analysis *an)
{
	const char *scope = csm__analysis_a(an)->field[CSM_FIELD_ORG_SCOPE];
	return !(scope && strcmp(scope, csm__scopes[1]) == 0);
}

static const char *weight_key(csm_rollup r) { return r == CSM_ROLLUP_HEADCOUNT ? "headcount" : "revenue"; }

/* The group per directive and overall, weighted by the rollup when every
 * organization carries its weight (otherwise a plain mean, and p->weighted 0). */
static void roll_up(csm__portfolio *p)
{
	double wsum[CSM_DIRECTIVES] = {0}, osum = 0, ow = 0;
	size_t i;
	int d;
	p->weighted = p->rollup != CSM_ROLLUP_MEAN;
	for (i = 0; i < p->n && p->weighted; i++) {
		double w;
		if (!csm_answers_org_number(&w, csm__analysis_a(p->an[i]), weight_key(p->rollup)) || w <= 0)
			p->weighted = 0;
	}
	for (i = 0; i < p->n; i++) {
		const csm_score *s = csm__analysis_s(p->an[i]);
		double w = 1;
		if (!is_entity(p->an[i]))
			continue;
		if (p->weighted)
			csm_answers_org_number(&w, csm__analysis_a(p->an[i]), weight_key(p->rollup));
		for (d = 0; d < CSM_DIRECTIVES; d++)
			if (s->dir[d].has_score) {
				p->dir[d] += w * s->dir[d].score;
				wsum[d] += w;
			}
		osum += w * s->overall;
		ow += w;
	}
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (wsum[d] > 0) {
			p->dir[d] /= wsum[d];
			p->has[d] = 1;
		}
	p->overall = ow > 0 ? osum / ow : 0;
	p->grade = csm_grade_for(p->overall, csm_benchmark_grading_for(csm__analysis_b(p->an[0]), csm__analysis_q(p->an[0])));
}

/* Organizations by overall, best first; ties in the order given. */
static void rank(csm__portfolio *p)
{
	size_t i, j;
	for (i = 0; i < p->n; i++)
		p->order[i] = i;
	for (i = 1; i < p->n; i++) { /* insertion sort: stable */
		size_t x = p->order[i];
		double ov = csm__analysis_s(p->an[x])->overall;
		for (j = i; j > 0 && csm__analysis_s(p->an[p->order[j - 1]])->overall < ov; j--)
			p->order[j] = p->order[j - 1];
		p->order[j] = x;
	}
}

/* The three lowest directives of the group, and per directive the entities
 * below the group's value on it, lowest first. */
static int weakest(csm__portfolio *p)
{
	size_t i, u, v;
	int d;
	for (i = 0; i < 3; i++) {
		int best = 0;
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			int used = 0;
			for (u = 0; u < i; u++)
				used |= p->weak[u] == d;
			if (!used && p->has[d - 1] && (!best || p->dir[d - 1] < p->dir[best - 1]))
				best = d;
		}
		p->weak[i] = best;
		if (!best)
			continue;
		if (!(p->below[i] = malloc(p->n * sizeof *p->below[i])))
			return csm__nomem();
		for (u = 0; u < p->n; u++) {
			const csm_score *s = csm__analysis_s(p->an[u]);
			if (is_entity(p->an[u]) && s->dir[best - 1].has_score && !csm__ge(s->dir[best - 1].score, p->dir[best - 1]))
				p->below[i][p->nbelow[i]++] = u;
		}
		for (u = 1; u < p->nbelow[i]; u++) /* insertion sort: lowest first, stable */
			for (v = u; v > 0 && csm__analysis_s(p->an[p->below[i][v]])->dir[best - 1].score <
			                          csm__analysis_s(p->an[p->below[i][v - 1]])->dir[best - 1].score;
			     v--) {
				size_t t = p->below[i][v];
				p->below[i][v] = p->below[i][v - 1];
				p->below[i][v - 1] = t;
			}
	}
	return 0;
}

/* The follow-up of each organization's action list, by actions.c's rules. */
static int follow_up(csm__portfolio *p)
{
	size_t i;
	int rc;
	for (i = 0; i < p->n; i++)
		if (csm__analysis_followup(p->an[i])->actions) {
			p->followed = 1;
			p->today = csm__analysis_followup(p->an[i])->today;
		}
	if (!p->followed)
		return 0;
	if (!(p->fu = calloc(p->n, sizeof *p->fu)))
		return csm__nomem();
	for (i = 0; i < p->n; i++) {
		if ((rc = csm__followup_count(&p->fu[i], p->an[i])) < 0)
			return rc;
		p->fu_late += p->fu[i].late > 0;
		p->fu_unlisted += !p->fu[i].listed;
	}
	return 0;
}

int csm__portfolio_build(csm__portfolio *p, const csm_analysis *const *an, size_t n, csm_rollup rollup)
{
	size_t i;
	int rc;
	memset(p, 0, sizeof *p);
	if (n < 1)
		return csm__err(CSM_EINVALID, "portfolio: no organizations");
	p->an = an;
	p->n = n;
	p->rollup = rollup;
	if (!(p->order = malloc(n * sizeof *p->order)))
		return csm__nomem();
	rank(p);
	roll_up(p);
	p->parent = csm__analysis_a(an[0])->field[CSM_FIELD_ORG_PARENT];
	for (i = 1; i < n && p->parent; i++) {
		const char *other = csm__analysis_a(an[i])->field[CSM_FIELD_ORG_PARENT];
		if (!other || strcmp(other, p->parent) != 0)
			p->parent = NULL; /* no one parent: no group name */
	}
	if ((rc = weakest(p)) || (rc = follow_up(p))) {
		csm__portfolio_free(p);
		return rc;
	}
	return 0;
}

void csm__portfolio_free(csm__portfolio *p)
{
	size_t i;
	free(p->order);
	free(p->fu);
	for (i = 0; i < 3; i++)
		free(p->below[i]);
	memset(p, 0, sizeof *p);
}
