/* The targets of an answers file (targets.c). */
#ifndef CSM_TARGETS_H
#define CSM_TARGETS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "csm.h"
#include "error.h"

/* What an answers file aims for (targets.c): a level per item and/or a grade
 * by a date. */
typedef struct csm__targets {
	char **id;
	int *level;
	size_t count;
	csm_grade grade;  /* CSM_GRADE_NONE when not given */
	char *by;         /* YYYY-MM or YYYY-MM-DD, or NULL */
} csm__targets;
/* Read "targets" and "target" of an answers document into a->targets. */
int csm__targets_parse(csm_answers *a, const cJSON *root, csm__problems *p, const char *name);
void csm__targets_free(csm__targets *t);
/* Problems of target items not in `q`. */
void csm__targets_check(const csm_answers *a, const csm_questionnaire *q, csm__problems *p);

#endif
