/* The portfolio model (portfolio.c). */
#ifndef CSM_PORTFOLIO_H
#define CSM_PORTFOLIO_H

#include <stddef.h>

#include "csm.h"
#include "followup.h"

/* The portfolio model (portfolio.c), shown by the PDF and the CSV alike. */
typedef struct csm__portfolio {
	const csm_analysis *const *an;
	size_t n;
	csm_rollup rollup;
	int weighted;                 /* the rollup's weights were all given (else a plain mean) */
	size_t *order;                /* organizations by overall, best first */
	double dir[CSM_DIRECTIVES];   /* the group rolled up (entities only) */
	int has[CSM_DIRECTIVES];
	double overall;
	csm_grade grade;
	const char *parent;           /* the one parent all organizations name, or NULL */
	int weak[3];                  /* the group's lowest directives, 1..10 (0: none) */
	size_t *below[3], nbelow[3];  /* per weak directive: entities below the group, lowest first */
	/* the follow-up of the action lists (csm_analysis_set_actions()), when
	 * any organization has one: per organization, in the order of `an` */
	int followed;
	csm__followup_counts *fu;
	const char *today;            /* the day "overdue" is counted on */
	size_t fu_late, fu_unlisted;  /* organizations with overdue actions; without a list */
} csm__portfolio;
int csm__portfolio_build(csm__portfolio *p, const csm_analysis *const *an, size_t n, csm_rollup rollup);
void csm__portfolio_free(csm__portfolio *p);

#endif
