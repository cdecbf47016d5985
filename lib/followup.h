/* The analysis's targets and follow-up (targets.c, actions.c). */
#ifndef CSM_FOLLOWUP_H
#define CSM_FOLLOWUP_H

#include <stddef.h>

#include "csm.h"
#include "util.h"

/* The analysis's targets and follow-up (targets.c, actions.c), set by
 * csm_analysis_set_targets() and csm_analysis_set_actions(). */
typedef struct csm__followup {
	int *target;                 /* per questionnaire item: 1..5, or 0 (no target); NULL: none set */
	const csm_actions *actions;  /* borrowed, or NULL */
	char today[11];              /* YYYY-MM-DD */
	const csm_answers *const *hist_a; /* earlier assessments (board.c), borrowed */
	const csm_score *const *hist_s;
	size_t hist_n;
} csm__followup;
csm__followup *csm__analysis_followup(const csm_analysis *an);
/* The text and JSON parts of the score report (empty when nothing is set). */
void csm__text_targets(csm__buf *o, const csm_analysis *an, csm_lang lang);
/* Directive `d`'s score if every item were at least at its target, when the
 * analysis has targets (csm_analysis_set_targets()): 1 and `*out`, else 0. */
int csm__analysis_target_score(double *out, const csm_analysis *an, int d);
void csm__text_followup(csm__buf *o, const csm_analysis *an, csm_lang lang);
void csm__json_targets(csm__buf *o, const csm_analysis *an);
void csm__json_followup(csm__buf *o, const csm_analysis *an);
/* The follow-up's counts (actions.c), for the board page and the
 * portfolio: 1 and `*out` when the analysis has an action list, else 0 (and
 * `*out` all 0), or a negative csm_error. */
typedef struct csm__followup_counts {
	int listed;            /* the analysis has an action list */
	size_t actions, open, in_progress, done, dropped;
	size_t late;           /* open or in progress, past their due date */
	size_t done_moved;     /* done, and the item moved */
	size_t done_not_moved; /* done, but the item did not move */
} csm__followup_counts;
int csm__followup_count(csm__followup_counts *out, const csm_analysis *an);

#endif
