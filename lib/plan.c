/* Planning: which items to raise, in what order, to reach a grade; greedy by
 * the rise of the overall per unit of effort (the effort of the item's tip). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct csm_plan {
	csm_plan_move *moves;
	size_t count;
	int reached;
	double start, end;
	csm_grade target;
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

int csm_plan_make(csm_plan **out, const csm_questionnaire *q, const csm_answers *a, const csm_grading *g,
                  const csm_tips *tips, csm_grade target, char budget)
{
	CSM__ARGS(out && q && a && g);
	csm_score *s = NULL;
	csm_plan *p = NULL;
	int *level = NULL, d, rc;
	char *effort = NULL;
	double overall, goal;
	size_t i, steps = 0;

	*out = NULL;
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
		csm_tip_info tip;
		level[i] = s->level[i];
		effort[i] = q->items[i].tip_count && tips && csm_tip_get(&tip, tips, q->items[i].tips[0], CSM_LANG_EN) == 0 &&
		                    tip.effort
		                ? tip.effort
		                : 'M';
	}
	/* Raise one level at a time the item with the largest rise per effort. */
	while (!csm__ge(overall, goal) && steps++ < 5 * q->item_count) {
		size_t best = (size_t)-1;
		double best_value = 0, gain;
		for (i = 0; i < q->item_count; i++) {
			double value;
			if (level[i] < 1 || level[i] >= 5 || (budget && effort_units(effort[i]) > effort_units(budget)))
				continue;
			value = csm__item_gain(s, i, 1) / effort_units(effort[i]);
			if (best == (size_t)-1 || value > best_value + 1e-12 ||
			    (value > best_value - 1e-12 && level[i] < level[best]))
				best = i, best_value = value;
		}
		if (best == (size_t)-1)
			break;
		d = q->items[best].directive - 1;
		gain = csm__item_gain(s, best, 1);
		overall += gain;
		/* consecutive raises of one item are one move */
		if (p->count && p->moves[p->count - 1].item == q->items[best].id) {
			csm_plan_move *m = &p->moves[p->count - 1];
			m->to++;
			m->gain += gain;
			m->overall_after = overall;
		} else {
			csm_plan_move *m;
			if (p->count == q->item_count * 5)
				break;
			if (p->count && p->count % q->item_count == 0) {
				csm_plan_move *t = realloc(p->moves, (p->count + q->item_count) * sizeof *t);
				if (!t) {
					rc = csm__nomem();
					goto done;
				}
				p->moves = t;
			}
			m = &p->moves[p->count++];
			memset(m, 0, sizeof *m);
			m->item = q->items[best].id;
			m->directive = d + 1;
			m->from = level[best];
			m->to = level[best] + 1;
			m->gain = gain;
			m->effort = effort[best];
			m->overall_after = overall;
			if (q->items[best].tip_count) {
				const char **t = malloc(q->items[best].tip_count * sizeof *t);
				size_t k;
				if (!t) {
					rc = csm__nomem();
					goto done;
				}
				for (k = 0; k < q->items[best].tip_count; k++)
					t[k] = q->items[best].tips[k];
				m->tips = t;
				m->tip_count = q->items[best].tip_count;
			}
		}
		p->moves[p->count - 1].grade_after = csm_grade_for(overall, g);
		level[best]++;
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
