/* The board page's model (board.c). */
#ifndef CSM_BOARD_H
#define CSM_BOARD_H

#include <stddef.h>

#include "csm.h"
#include "followup.h"

/* What the board page shows (board.c), computed with the functions of the
 * karte (analysis.c), the plan (plan.c, actions.c) and the follow-up; drawn
 * by karte_board.c. */
#define CSM__BOARD_PICKS 3
#define CSM__BOARD_POINTS 10
typedef struct csm__board_point {
	char date[11];    /* assessed_on, or "" */
	double overall;
	csm_grade grade;
	const csm_grading *grading;
	int current;      /* this assessment */
} csm__board_point;
typedef struct csm__board {
	int dirs[CSM__BOARD_PICKS]; /* hint 1, then hint 2's directives in its order */
	size_t dir_n;
	csm_actions *next;          /* this year's action list, as csm plan --actions writes it; NULL: no plan */
	int has_followup;
	csm__followup_counts fu;
	csm__board_point points[CSM__BOARD_POINTS]; /* by date, the last CSM__BOARD_POINTS */
	size_t point_n;
	size_t point_total;         /* assessments given, before keeping the last ones */
} csm__board;
int csm__board_build(csm__board *out, const csm_analysis *an, const csm_tips *tips, csm_lang lang);
void csm__board_free(csm__board *b);

#endif
