/* Planning: which items to raise, in what order, to reach a grade; greedy by
 * the rise of the overall per unit of effort (the effort of the item's tip). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "questionnaire.h"
#include "score.h"
#include "tips.h"
#include "util.h"

struct csm_plan {
	csm_plan_move *moves;
	size_t count;
	int reached;
	double start, end;
	csm_grade target;
	int hint_directive; /* the karte's hint 1 the plan starts from, or 0 */
};

void csm_plan_free(csm_plan *p)
{
	size_t i;
	if (!p)
		return;
	for (i = 0; i < p->count; i++)
		free((void *)p->moves[i].tips);
	free(p->moves);
	free(p);
}

static int effort_units(char e) { return e == 'S' ? 1 : e == 'L' ? 3 : 2; }

/* Raise item `best` of `s` by one level in plan `p`: consecutive raises of
 * one item are one move. */
static int add_raise(csm_plan *p, const csm_questionnaire *q, const csm_score *s, int *level, const char *effort,
                     size_t best, double *overall, const csm_grading *g, int hint1)
{
	double gain = csm__item_gain(s, best, 1);
	*overall += gain;
	if (p->count && p->moves[p->count - 1].item == q->items[best].id && p->moves[p->count - 1].hint1 == hint1) {
		csm_plan_move *m = &p->moves[p->count - 1];
		m->to++;
		m->gain += gain;
		m->overall_after = *overall;
	} else {
		csm_plan_move *m;
		if (p->count && p->count % q->item_count == 0) {
			csm_plan_move *t = realloc(p->moves, (p->count + q->item_count) * sizeof *t);
			if (!t)
				return csm__nomem();
			p->moves = t;
		}
		m = &p->moves[p->count++];
		memset(m, 0, sizeof *m);
		m->item = q->items[best].id;
		m->directive = q->items[best].directive;
		m->from = level[best];
		m->to = level[best] + 1;
		m->gain = gain;
		m->effort = effort[best];
		m->overall_after = *overall;
		m->hint1 = hint1;
		if (q->items[best].tip_count) {
			const char **t = malloc(q->items[best].tip_count * sizeof *t);
			size_t k;
			if (!t)
				return csm__nomem();
			for (k = 0; k < q->items[best].tip_count; k++)
				t[k] = q->items[best].tips[k];
			m->tips = t;
			m->tip_count = q->items[best].tip_count;
		}
	}
	p->moves[p->count - 1].grade_after = csm_grade_for(*overall, g);
	level[best]++;
	return 0;
}

/* The directive's score with the levels as raised so far. */
static double dir_score(const csm_questionnaire *q, const csm_score *s, const int *level, int d)
{
	size_t i;
	unsigned sum = 0, n = 0;
	for (i = 0; i < q->item_count; i++)
		if (q->items[i].directive == d && s->level[i] >= 1)
			sum += (unsigned)level[i], n++;
	return n ? (double)sum / n : 0;
}

/* Part 1: the karte's hint 1. Its directive's lowest item first (then the
 * cheaper, then questionnaire order), until the directive reaches the target
 * group's average on it or the goal is reached. */
static int close_hint1(csm_plan *p, const csm_questionnaire *q, const csm_score *s, int *level, const char *effort,
                       const csm_analysis *an, char budget, double goal, double *overall, const csm_grading *g)
{
	/* the one selection the karte, the text report and the JSON show */
	int d = csm_analysis_hint1(an), rc;
	double gap, target;
	if (csm__ge(*overall, goal) || !d || csm_analysis_gap(&gap, an, d) <= 0 || !csm__gt(gap, 0))
		return 0; /* nothing to reach, or no gap to close */
	p->hint_directive = d;
	target = s->dir[d - 1].score + gap;
	while (!csm__ge(*overall, goal) && !csm__ge(dir_score(q, s, level, d), target)) {
		size_t i, best = (size_t)-1;
		for (i = 0; i < q->item_count; i++) {
			if (q->items[i].directive != d || level[i] < 1 || level[i] >= 5 ||
			    (budget && effort_units(effort[i]) > effort_units(budget)))
				continue;
			if (best == (size_t)-1 || level[i] < level[best] ||
			    (level[i] == level[best] && effort_units(effort[i]) < effort_units(effort[best])))
				best = i;
		}
		if (best == (size_t)-1)
			break;
		if ((rc = add_raise(p, q, s, level, effort, best, overall, g, 1)))
			return rc;
	}
	return 0;
}

/* Options a plan can follow: this version, a grade, a budget S, M or L, and
 * a start of the same answers. */
static int check_options(const csm_plan_options *opts, const csm_answers *a)
{
	if (opts->version != CSM_PLAN_OPTIONS_VERSION)
		return csm__err(CSM_EINVALID, "plan: options version %u is not %u", opts->version, CSM_PLAN_OPTIONS_VERSION);
	if (opts->target < CSM_GRADE_NONE || opts->target > CSM_GRADE_A ||
	    (opts->budget && opts->budget != 'S' && opts->budget != 'M' && opts->budget != 'L'))
		return csm__err(CSM_EINVALID, "plan: the target is a grade, the budget S, M or L");
	if (opts->start && csm__analysis_a(opts->start) != a)
		return csm__err(CSM_EINVALID, "plan: the analysis to start from is of other answers");
	return 0;
}

/* The item whose next level raises the overall most per unit of effort
 * within the budget (ties: the lower level first), or (size_t)-1. */
static size_t best_raise(const csm_questionnaire *q, const csm_score *s, const int *level, const char *effort,
                         char budget)
{
	size_t i, best = (size_t)-1;
	double best_value = 0;
	for (i = 0; i < q->item_count; i++) {
		double value;
		if (level[i] < 1 || level[i] >= 5 || (budget && effort_units(effort[i]) > effort_units(budget)))
			continue;
		value = csm__item_gain(s, i, 1) / effort_units(effort[i]);
		if (best == (size_t)-1 || value > best_value + 1e-12 ||
		    (value > best_value - 1e-12 && level[i] < level[best]))
			best = i, best_value = value;
	}
	return best;
}

int csm_plan_make(csm_plan **out, const csm_questionnaire *q, const csm_answers *a, const csm_grading *g,
                  const csm_tips *tips, const csm_plan_options *opts)
{
	CSM__ARGS(out && q && a);
	static const csm_plan_options defaults = CSM_PLAN_OPTIONS_INIT;
	csm_score *s = NULL;
	csm_plan *p = NULL;
	int *level = NULL, rc;
	char *effort = NULL, budget;
	double overall, goal;
	size_t i, steps = 0;
	csm_grade target;

	*out = NULL;
	if (!g) /* csm_benchmark_grading_for() gave none: no benchmark compares */
		return csm__err(CSM_EINVALID, "%s: no grade to plan towards: the benchmark does not compare with %s answers",
		                a->name, q->id);
	if (!opts)
		opts = &defaults;
	if ((rc = check_options(opts, a)))
		return rc;
	target = opts->target;
	budget = opts->budget == 'L' ? 0 : opts->budget;
	if ((rc = csm_score_compute(&s, q, a, g, CSM_ALLOW_PARTIAL)))
		return rc;
	if (!s->has_overall) {
		rc = csm__err(CSM_EINVALID, "%s: no directive has a score", a->name);
		goto done;
	}
	if (target == CSM_GRADE_NONE)
		target = csm__next_grade(s->grade);
	goal = target == CSM_GRADE_A ? g->a : target == CSM_GRADE_B ? g->b : 0;
	if (!(p = calloc(1, sizeof *p)) || !(level = calloc(q->item_count, sizeof *level)) ||
	    !(effort = calloc(q->item_count, 1)) || !(p->moves = calloc(q->item_count, sizeof *p->moves))) {
		rc = csm__nomem();
		goto done;
	}
	p->target = target;
	p->start = overall = s->overall;
	for (i = 0; i < q->item_count; i++) {
		char e = q->items[i].tip_count ? csm_tip_effort(csm__tips_lookup(tips, q->items[i].tips[0])) : 0;
		level[i] = s->level[i];
		effort[i] = e ? e : 'M';
	}
	if (opts->start && (rc = close_hint1(p, q, s, level, effort, opts->start, budget, goal, &overall, g)))
		goto done;
	/* Part 2: raise one level at a time the item with the largest rise per effort. */
	while (!csm__ge(overall, goal) && steps++ < 5 * q->item_count) {
		size_t best = best_raise(q, s, level, effort, budget);
		if (best == (size_t)-1)
			break;
		if ((rc = add_raise(p, q, s, level, effort, best, &overall, g, 0)))
			goto done;
	}
	p->end = overall;
	p->reached = csm__ge(overall, goal);
	*out = p;
	p = NULL;
done:
	csm_plan_free(p);
	free(level);
	free(effort);
	csm_score_free(s);
	return rc;
}

size_t csm_plan_count(const csm_plan *p) { return p ? p->count : 0; }
const csm_plan_move *csm_plan_get(const csm_plan *p, size_t i) { return p && i < p->count ? &p->moves[i] : NULL; }
int csm_plan_reached(const csm_plan *p) { return p ? p->reached : 0; }
csm_grade csm_plan_target(const csm_plan *p) { return p ? p->target : CSM_GRADE_NONE; }
int csm_plan_hint_directive(const csm_plan *p) { return p ? p->hint_directive : 0; }

int csm_plan_for_analysis(csm_plan **out, const csm_analysis *an, const csm_tips *tips, const csm_plan_options *opts)
{
	static const csm_plan_options defaults = CSM_PLAN_OPTIONS_INIT;
	csm_plan_options o;
	const csm_questionnaire *q;
	const csm_answers *a;
	CSM__ARGS(out && an);
	*out = NULL;
	o = opts ? *opts : defaults;
	q = csm__analysis_q(an);
	a = csm__analysis_a(an);
	o.start = an;
	if (o.target == CSM_GRADE_NONE) /* the file's own target grade, if it gives one */
		o.target = csm_answers_target_grade(a);
	return csm_plan_make(out, q, a, csm_benchmark_grading_for(csm__analysis_b(an), q), tips, &o);
}
