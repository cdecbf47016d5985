/* The board page's contents: what karte_board.c draws, computed here by the
 * functions the karte, the plan and the follow-up already use, so that every
 * number on the page is one the full karte shows. */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "board.h"
#include "error.h"
#include "followup.h"
#include "score.h"

static const char *date_of(const csm_answers *a)
{
	const char *d = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON);
	return d ? d : "";
}

int csm_analysis_set_history(csm_analysis *an, const csm_answers *const *a, const csm_score *const *s, size_t n)
{
	CSM__ARGS(an && (!n || (a && s)));
	csm__followup *fu = csm__analysis_followup(an);
	size_t i, latest = 0;
	int rc;
	for (i = 0; i < n; i++) {
		CSM__ARGS(a[i] && s[i]);
		/* the same organization, by the previous assessment's own check */
		if ((rc = csm_analysis_set_previous(an, a[i], s[i])))
			return rc;
		/* a later one would be reported as "the last assessment" */
		if (date_of(a[i])[0] && strcmp(date_of(a[i]), date_of(csm__analysis_a(an))) > 0)
			return csm__err(CSM_EINVALID, "%s: assessed_on: \"%s\" is after %s's \"%s\": an earlier assessment is "
			                "expected here", a[i]->name, date_of(a[i]), csm__analysis_a(an)->name,
			                date_of(csm__analysis_a(an)));
		if (strcmp(date_of(a[i]), date_of(a[latest])) >= 0)
			latest = i;
	}
	if ((rc = n ? csm_analysis_set_previous(an, a[latest], s[latest]) : 0))
		return rc;
	fu->hist_a = n ? a : NULL;
	fu->hist_s = n ? s : NULL;
	fu->hist_n = n;
	return 0;
}

/* The directives the karte's hints put first: hint 1, then hint 2's in its
 * order (largest gap first). */
static void picks(csm__board *b, const csm_analysis *an)
{
	const int *flagged;
	size_t n = csm_analysis_flagged(&flagged, an), i;
	int h1 = csm_analysis_hint1(an);
	if (h1)
		b->dirs[b->dir_n++] = h1;
	for (i = 0; i < n && b->dir_n < CSM__BOARD_PICKS; i++)
		b->dirs[b->dir_n++] = flagged[i];
}

/* This year's action list, as `csm plan FILE --actions` makes it: the plan
 * from the karte's hint 1 to the file's own target grade (else the next). */
static int next_actions(csm_actions **out, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	csm_plan *p = NULL;
	int rc;
	*out = NULL;
	if (!csm_benchmark_grading_for(csm__analysis_b(an), q) || !csm__analysis_graded(an))
		return 0; /* no grade to plan towards */
	if (!(rc = csm_plan_for_analysis(&p, an, tips, NULL))) /* the plan `csm plan` gives */
		rc = csm_actions_make(out, p, q, a, tips, lang);
	csm_plan_free(p);
	return rc;
}

static void add_point(csm__board *b, const csm_answers *a, const csm_score *s, int current)
{
	csm__board_point *pt;
	size_t i;
	b->point_total++;
	if (!csm_score_has_overall(s))
		return;
	/* by date; an earlier assessment of the same date before this one */
	for (i = b->point_n; i > 0 && strcmp(b->points[i - 1].date, date_of(a)) > 0; i--)
		;
	if (b->point_n == CSM__BOARD_POINTS) { /* keep the latest: drop the oldest */
		if (i == 0)
			return;
		memmove(b->points, b->points + 1, (i - 1) * sizeof *b->points);
		i--;
	} else {
		memmove(b->points + i + 1, b->points + i, (b->point_n - i) * sizeof *b->points);
		b->point_n++;
	}
	pt = &b->points[i];
	memset(pt, 0, sizeof *pt);
	strncpy(pt->date, date_of(a), sizeof pt->date - 1);
	pt->overall = csm_score_overall(s);
	pt->grade = csm_score_grade(s);
	pt->grading = &s->grading;
	pt->current = current;
}

int csm__board_build(csm__board *out, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	const csm__followup *fu = csm__analysis_followup(an);
	size_t i;
	int rc;
	memset(out, 0, sizeof *out);
	picks(out, an);
	if ((rc = next_actions(&out->next, an, tips, lang)))
		return rc;
	if ((rc = csm__followup_count(&out->fu, an)) < 0)
		return rc;
	out->has_followup = rc;
	for (i = 0; i < fu->hist_n; i++)
		add_point(out, fu->hist_a[i], fu->hist_s[i], 0);
	if (!fu->hist_n && csm__analysis_prev(an)) /* --previous alone: two points */
		add_point(out, csm__analysis_prev_a(an), csm__analysis_prev(an), 0);
	/* the current last among its date's, as it is the one reported */
	add_point(out, csm__analysis_a(an), csm__analysis_s(an), 1);
	return 0;
}

void csm__board_free(csm__board *b)
{
	if (!b)
		return;
	csm_actions_free(b->next);
	b->next = NULL;
}
