/* A score (scoring.c) and the rules of grades and gains. */
#ifndef CSM_SCORE_H
#define CSM_SCORE_H

#include <stddef.h>

#include "csm.h"

struct csm_score {
	const csm_questionnaire *q;
	signed char *level; /* per questionnaire item: 1..5, 0 unanswered, -1 n/a */
	csm_directive_score dir[CSM_DIRECTIVES];
	double overall;
	int has_overall;
	csm_grade grade;
	csm_grading grading;
	int partial;
	int weighted;
};

/* Whether cut-offs can grade: 0 < B < A <= 5. */
int csm__grading_valid(const csm_grading *g);
/* The grade a company aims for next: C -> B, B -> A; A keeps A. */
csm_grade csm__next_grade(csm_grade g);
/* How much the overall of `s` rises when item `i` (answered, in a directive
 * with a score) rises by `levels`: its directive's share of the weights over
 * the directive's answered items. The rule of csm_score_compute(), for plans. */
double csm__item_gain(const csm_score *s, size_t i, int levels);

#endif
