/* Comparison with the benchmark, hints and the improvement plan (SPEC §5).
 * Every rule of the karte's logic lives here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "benchmark.h"
#include "error.h"
#include "followup.h"
#include "industries.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "util.h"

#define CSM__LISTS 4 /* values of csm_list */

struct csm_analysis {
	const csm_questionnaire *q;
	const csm_answers *a;
	const csm_score *s;
	const csm_benchmark *b;
	char target[16];
	int target_index;
	char withheld[16];    /* the target group the benchmark withholds, or "" */
	double gap[CSM_DIRECTIVES];
	unsigned char has_gap[CSM_DIRECTIVES];
	int list[CSM__LISTS][CSM_DIRECTIVES];
	size_t list_n[CSM__LISTS];
	csm_hint *hints;
	size_t hint_count;
	csm_plan_step *plan;
	size_t plan_count;
	const csm_industries *industries;
	const csm_answers *prev_a;
	const csm_score *prev;
	int has_percentile;
	double percentile;    /* within the industry group */
	int industry_index;   /* the industry's group in the benchmark, or -1 */
	char industry_key[CSM__KEY_MAX]; /* the group compared with (or tried, when none) */
	const char *industry; /* the organization's industry, an older id resolved */
	char *compared[2];    /* csm__analysis_industry_compared(), per language */
	char *group_label[2]; /* csm__analysis_group_label(), per language */
	int hint1;                  /* the directive of hint 1, or 0 */
	int flagged[CSM_DIRECTIVES]; /* the directives hint 2 names, largest gap first */
	size_t flagged_n;
	int lowest_level;           /* grade A: the level of CSM_LIST_LOWEST, or 0 */
	int compares;               /* csm_benchmark_compares(b, q): 0 means no grade and no comparison */
	csm__followup fu; /* targets and actions (targets.c, actions.c) */
};

static void free_hint_arrays(const char *const *items, const char *const *tips)
{
	free((void *)items);
	free((void *)tips);
}

void csm_analysis_free(csm_analysis *an)
{
	size_t i;
	if (!an)
		return;
	for (i = 0; i < an->hint_count; i++)
		free_hint_arrays(an->hints[i].items, an->hints[i].tips);
	for (i = 0; i < an->plan_count; i++)
		free((void *)an->plan[i].tips);
	free(an->hints);
	free(an->plan);
	for (i = 0; i < 2; i++) {
		free(an->compared[i]);
		free(an->group_label[i]);
	}
	free(an->fu.target);
	free(an);
}

/* Tip ids of the items `idx[0..n)`, in item order, each once. */
static int collect_tips(const char *const **out, size_t *count, const csm_questionnaire *q, const size_t *idx,
                        size_t n)
{
	size_t total = 0, i, k, j;
	const char **tips;
	*out = NULL;
	*count = 0;
	for (i = 0; i < n; i++)
		total += q->items[idx[i]].tip_count;
	if (!total)
		return 0;
	if (!(tips = malloc(total * sizeof *tips)))
		return csm__nomem();
	for (i = 0; i < n; i++) {
		const csm__item *it = &q->items[idx[i]];
		for (k = 0; k < it->tip_count; k++) {
			for (j = 0; j < *count && strcmp(tips[j], it->tips[k]) != 0; j++)
				;
			if (j == *count)
				tips[(*count)++] = it->tips[k];
		}
	}
	*out = tips;
	return 0;
}

/* Fill hint `h` for directive `d` (1-based): its lowest-answered items and their tips. */
static int make_hint(csm_analysis *an, csm_hint *h, int rank, int d)
{
	const csm_questionnaire *q = an->q;
	size_t idx[CSM_MAX_ITEMS], n = 0, i;
	const char **items;
	const signed char *lv = an->s->level;
	int min = 6;

	memset(h, 0, sizeof *h);
	h->rank = rank;
	h->directive = d;
	h->gap = an->gap[d - 1];
	for (i = 0; i < q->item_count; i++)
		if (q->items[i].directive == d && lv[i] > 0 && lv[i] < min)
			min = lv[i];
	for (i = 0; i < q->item_count; i++)
		if (q->items[i].directive == d && lv[i] == min)
			idx[n++] = i;
	h->level = min;
	if (!(items = malloc((n ? n : 1) * sizeof *items)))
		return csm__nomem();
	for (i = 0; i < n; i++)
		items[i] = q->items[idx[i]].id;
	h->items = items;
	h->item_count = n;
	return collect_tips(&h->tips, &h->tip_count, q, idx, n);
}

/* Directives ordered by gap, largest first; ties by directive number. */
static void sort_by_gap(int *dirs, size_t n, const double *gap)
{
	size_t i, j;
	for (i = 1; i < n; i++) {
		int d = dirs[i];
		for (j = i; j > 0; j--) {
			double g0 = gap[dirs[j - 1] - 1], g1 = gap[d - 1];
			if (!csm__gt(g1, g0))
				break;
			dirs[j] = dirs[j - 1];
		}
		dirs[j] = d;
	}
}

/* The >= 2 / >= 1 bands are those of the gap as shown (csm_gap_band), so
 * the lists and hints agree with the marks beside the printed gaps. */
static int band(double gap) { return csm_gap_band(gap); }

static int add_hints(csm_analysis *an, const int *dirs, size_t n)
{
	size_t i;
	int rc;
	if (!n)
		return 0;
	if (!(an->hints = calloc(n, sizeof *an->hints)))
		return csm__nomem();
	for (i = 0; i < n; i++) {
		if ((rc = make_hint(an, &an->hints[i], i == 0 ? 1 : 2, dirs[i])))
			return rc;
		an->hint_count++;
	}
	return 0;
}

/* The hints (SPEC §5), chosen once here for the karte, the text report, the
 * JSON and the plan: hint 1 is the most urgent directive, hint 2 names all
 * the other flagged ones together.
 * - Grade B or C: the flagged directives are those behind the target by 1 or
 *   more as shown (both lists), largest gap first; hint 1 is the first. When
 *   none is that far behind, hint 1 is the largest gap above 0 and hint 2
 *   names the other directives behind the target.
 * - Grade A: the lists are the directives at level 5 and those at the
 *   company's lowest level (csm_score_level), which hints go to, ordered by
 *   gap to A's average. */
static int select_hints(csm_analysis *an)
{
	const csm_score *s = an->s;
	int cand[CSM_DIRECTIVES], d, low = 6;
	size_t n = 0, i;

	if (s->grade == CSM_GRADE_A || !an->compares) {
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			if (!s->dir[d - 1].has_score)
				continue;
			if (csm_score_level(s->dir[d - 1].score) >= 5)
				an->list[CSM_LIST_LEVEL5][an->list_n[CSM_LIST_LEVEL5]++] = d;
			if (csm_score_level(s->dir[d - 1].score) < low)
				low = csm_score_level(s->dir[d - 1].score);
		}
		an->lowest_level = low < 5 ? low : 0;
		for (d = 1; d <= CSM_DIRECTIVES && low < 5; d++)
			if (s->dir[d - 1].has_score && csm_score_level(s->dir[d - 1].score) == low)
				an->list[CSM_LIST_LOWEST][an->list_n[CSM_LIST_LOWEST]++] = d;
		for (i = 0; i < an->list_n[CSM_LIST_LOWEST]; i++)
			if (an->has_gap[an->list[CSM_LIST_LOWEST][i] - 1] || !an->compares)
				cand[n++] = an->list[CSM_LIST_LOWEST][i];
	} else {
		size_t behind = 0;
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			if (!an->has_gap[d - 1])
				continue;
			if (band(an->gap[d - 1]) == 2)
				an->list[CSM_LIST_BEHIND_2][an->list_n[CSM_LIST_BEHIND_2]++] = d;
			else if (band(an->gap[d - 1]) == 1)
				an->list[CSM_LIST_BEHIND_1][an->list_n[CSM_LIST_BEHIND_1]++] = d;
			if (band(an->gap[d - 1]) >= 1)
				behind++;
		}
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			if (an->has_gap[d - 1] && (behind ? band(an->gap[d - 1]) >= 1 : csm__gt(an->gap[d - 1], 0)))
				cand[n++] = d;
	}
	if (an->compares) {
		sort_by_gap(cand, n, an->gap);
	} else { /* no target: the lowest score first */
		double below5[CSM_DIRECTIVES];
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			below5[d - 1] = s->dir[d - 1].has_score ? 5 - s->dir[d - 1].score : 0;
		sort_by_gap(cand, n, below5);
	}
	if (n) {
		an->hint1 = cand[0];
		an->flagged_n = n - 1;
		memcpy(an->flagged, cand + 1, (n - 1) * sizeof *cand);
	}
	return add_hints(an, cand, n);
}

/* Plan order: directive gap (largest first), directive, item level (lowest
 * first), then questionnaire order (kept in `index`). */
static int cmp_step(const void *x, const void *y)
{
	const csm_plan_step *a = x, *b = y;
	if (!csm__eq(a->directive_gap, b->directive_gap))
		return a->directive_gap > b->directive_gap ? -1 : 1;
	if (a->directive != b->directive)
		return a->directive - b->directive;
	if (a->level != b->level)
		return a->level - b->level;
	return (a->index > b->index) - (a->index < b->index);
}

static int plan(csm_analysis *an)
{
	const csm_questionnaire *q = an->q;
	const csm_score *s = an->s;
	double target;
	size_t i, cap = q->item_count, n = 0;
	int d, level, rc;

	if (!cap || !(an->plan = calloc(cap, sizeof *an->plan)))
		return cap ? csm__nomem() : 0;
	for (i = 0; i < q->item_count; i++) {
		csm_plan_step *st;
		int tl;
		d = q->items[i].directive;
		level = s->level[i];
		if (!an->has_gap[d - 1] || !csm__gt(an->gap[d - 1], 0) || level < 1)
			continue;
		csm_benchmark_group_mean(&target, an->b, (size_t)an->target_index, d);
		tl = (int)ceil(target - CSM__EPS);
		tl = tl < 1 ? 1 : tl > 5 ? 5 : tl;
		if (level >= tl)
			continue;
		st = &an->plan[n++];
		st->directive = d;
		st->item = q->items[i].id;
		st->index = i;
		st->level = level;
		st->target_level = tl;
		st->directive_gap = an->gap[d - 1];
		st->overall_gain = csm__item_gain(s, i, tl - level);
		an->plan_count = n;
		if ((rc = collect_tips(&st->tips, &st->tip_count, q, &i, 1)))
			return rc;
	}
	qsort(an->plan, n, sizeof *an->plan, cmp_step);
	return 0;
}

/* The labels naming the group compared with, in both languages. */
static int label_group(csm_analysis *an)
{
	const char *parent = csm_industry_parent(an->industries, an->industry);
	int l, by_group = an->industry_index >= 0 && parent && strcmp(an->industry_key + strlen("industry:"), parent) == 0 &&
	                  csm_industry_is_group(an->industries, parent);
	for (l = 0; l < 2; l++) {
		csm_lang lang = (csm_lang)l;
		const char *ind = csm_industry_label(an->industries, an->industry, lang);
		csm__buf g = {0}, c = {0};
		free(an->compared[l]);
		free(an->group_label[l]);
		an->compared[l] = an->group_label[l] = NULL;
		if (!an->industry)
			continue;
		if (!ind)
			ind = an->industry;
		if (by_group || an->industry_index >= 0)
			csm__buf_puts(&g, by_group ? csm_industry_label(an->industries, parent, lang) : ind);
		if (by_group) /* a parent group: say whose ("金融 2020年試行") */
			csm__buf_msgf(&c, csm__msg("analysis.compared_group", lang), ind, g.s,
			                csm__industries_groups_label(an->industries, lang) ? csm__industries_groups_label(an->industries, lang)
			                                                                    : "");
		else /* its own group, or none: the industry says it */
			csm__buf_puts(&c, ind);
		if ((g.s && csm__buf_finish(&g, &an->group_label[l])) || csm__buf_finish(&c, &an->compared[l])) {
			csm__buf_free(&g);
			csm__buf_free(&c);
			return csm__nomem();
		}
	}
	return 0;
}

/* The benchmark group of the organization's industry, else of its parent
 * group (SPEC §5); the percentile within it. With no industry list there is
 * no parent: only the industry's own group. */
static int pick_industry_group(csm_analysis *an)
{
	an->industry = csm__industry_current(an->industries, csm_answers_field_get(an->a, CSM_FIELD_ORG_INDUSTRY));
	an->industry_index = -1;
	an->industry_key[0] = '\0';
	an->has_percentile = 0;
	if (!an->industry)
		return 0;
	if (!an->compares) /* no group to compare with: the label only */
		return label_group(an);
	an->industry_index = csm__industry_group(an->industry_key, an->b, an->industries, an->industry);
	/* no percentile within a group smaller than the benchmark's minimum:
	 * in a group of 2 it only says which of the two is ahead */
	if (an->industry_index >= 0 && csm_benchmark_group_n(an->b, (size_t)an->industry_index) >= csm_benchmark_min_group(an->b))
		an->has_percentile =
		    csm_benchmark_percentile(&an->percentile, an->b, (size_t)an->industry_index, an->s->overall);
	return label_group(an);
}

int csm_analyze(csm_analysis **out, const csm_questionnaire *q, const csm_answers *a, const csm_score *s,
                const csm_benchmark *b)
{
	CSM__ARGS(out && q && a && s && b);
	csm_analysis *an;
	int d, rc = 0;

	*out = NULL;
	if (!s->has_overall)
		return csm__err(CSM_EINVALID, "%s: no directive has a score (every item is n/a or unanswered)", a->name);
	if (!(an = calloc(1, sizeof *an)))
		return csm__nomem();
	an->q = q;
	an->a = a;
	an->s = s;
	an->b = b;
	an->industry_index = an->target_index = -1;
	/* Answers to a questionnaire the benchmark was not built from (and not
	 * declared comparable with) get no grade and no comparison: the hints go
	 * to the company's own lowest directives, as for grade A. */
	if (!(an->compares = csm_benchmark_compares(b, q))) {
		if (!(rc = pick_industry_group(an)))
			rc = select_hints(an);
		goto cleanup;
	}
	snprintf(an->target, sizeof an->target, "grade:%s",
	         csm_grade_name(csm__next_grade(s->grade)));
	an->target_index = csm_benchmark_group_find(b, an->target);
	if (an->target_index < 0) {
		/* A benchmark may withhold the target's group (an ISAC's export
		 * with fewer than k grade-A members): no gap to measure, so the
		 * analysis goes on as one with nothing to compare with, and says why. */
		memcpy(an->withheld, an->target, sizeof an->withheld);
		an->target[0] = '\0';
		an->compares = 0;
		if (!(rc = pick_industry_group(an)))
			rc = select_hints(an);
		goto cleanup;
	}
	if ((rc = pick_industry_group(an)))
		goto cleanup;
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double target;
		if (s->dir[d - 1].has_score && csm_benchmark_group_mean(&target, b, (size_t)an->target_index, d)) {
			an->gap[d - 1] = target - s->dir[d - 1].score;
			an->has_gap[d - 1] = 1;
		}
	}

	rc = select_hints(an);
	if (!rc)
		rc = plan(an);
cleanup:
	if (rc) {
		csm_analysis_free(an);
		return rc;
	}
	*out = an;
	return 0;
}

const char *csm_analysis_target(const csm_analysis *an) { return an ? an->target : NULL; }

int csm_analysis_gap(double *out, const csm_analysis *an, int d)
{
	CSM__ARGS(an && d >= 1 && d <= CSM_DIRECTIVES && out);
	if (!an->has_gap[d - 1])
		return 0;
	*out = an->gap[d - 1];
	return 1;
}

size_t csm_analysis_list(const int **out, const csm_analysis *an, csm_list which)
{
	if (!out)
		return 0;
	*out = NULL;
	if (!an || (unsigned)which >= CSM__LISTS)
		return 0;
	*out = an->list[which];
	return an->list_n[which];
}

int csm_analysis_hint1(const csm_analysis *an) { return an ? an->hint1 : 0; }

int csm_analysis_compares(const csm_analysis *an) { return an ? an->compares : 0; }

size_t csm_analysis_flagged(const int **out, const csm_analysis *an)
{
	if (!out)
		return 0;
	*out = an ? an->flagged : NULL;
	return an ? an->flagged_n : 0;
}

int csm__analysis_lowest_level(const csm_analysis *an) { return an->lowest_level; }

int csm__analysis_hint1_urgent(const csm_analysis *an)
{
	/* urgent = on a behind list, which grade A has none of: a 0.7 gap of a
	 * grade-A company is room to improve, not an emergency */
	return an->hint1 && an->s->grade != CSM_GRADE_A && band(an->gap[an->hint1 - 1]) >= 1;
}

void csm__analysis_comparison_note(const csm_analysis *an, csm_lang lang, csm__buf *o)
{
	const char *bq = csm_benchmark_questionnaire(an->b);
	if (an->compares == 2)
		return;
	if (an->withheld[0])
		csm__buf_msgf(o, csm__msg("analysis.note_withheld", lang), csm_benchmark_name(an->b), an->withheld);
	else if (an->compares == 1)
		csm__buf_msgf(o, csm__msg("analysis.note_by_directive", lang),
		                an->q->id, bq);
	else
		csm__buf_msgf(o, csm__msg("analysis.note_not_comparable", lang),
		                csm_benchmark_name(an->b), bq, an->q->id);
}

const char *csm__analysis_hints_heading(const csm_analysis *an, csm_lang lang)
{
	if (!an->compares)
		return csm__msg("analysis.hints_own", lang);
	/* the trial's karte headings, by target */
	if (an->s->grade == CSM_GRADE_A)
		return csm__msg("analysis.hints_further", lang);
	if (an->s->grade == CSM_GRADE_B)
		return csm__msg("analysis.hints_to_a", lang);
	return csm__msg("analysis.hints_to_b", lang);
}

/* "指示1、2、7" / "Directives 1, 2 and 7", in directive order. */
static void directive_names(csm__buf *o, const int *dirs, size_t n, csm_lang lang)
{
	int v[CSM_DIRECTIVES];
	size_t i;
	memcpy(v, dirs, n * sizeof *v);
	for (i = 1; i < n; i++) { /* insertion sort: at most ten */
		int d = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > d; j--)
			v[j] = v[j - 1];
		v[j] = d;
	}
	csm__buf_puts(o, csm__msg(n > 1 ? "analysis.directives" : "analysis.directive", lang));
	for (i = 0; i < n; i++)
		csm__buf_printf(o, "%s%d", !i ? "" : csm__msg(i + 1 == n ? "common.list_last_sep" : "common.list_sep", lang), v[i]);
}

int csm__analysis_flagged_text(const csm_analysis *an, csm_lang lang, csm__buf *o)
{
	int a = an->s->grade == CSM_GRADE_A;
	if (!an->flagged_n)
		return 0;
	directive_names(o, an->flagged, an->flagged_n, lang);
	/* English says "has"/"have": a key per number, the same text in Japanese */
	if (an->flagged_n > 1)
		csm__buf_puts(o, csm__msg(a ? "analysis.flagged_room_many" : "analysis.flagged_need_many", lang));
	else
		csm__buf_puts(o, csm__msg(a ? "analysis.flagged_room_one" : "analysis.flagged_need_one", lang));
	return 1;
}

int csm__analysis_level_text(const csm_analysis *an, csm_list which, csm_lang lang, csm__buf *o)
{
	size_t n = (unsigned)which < CSM__LISTS ? an->list_n[which] : 0;
	int level = which == CSM_LIST_LEVEL5 ? 5 : an->lowest_level;
	if (!n || (which != CSM_LIST_LEVEL5 && which != CSM_LIST_LOWEST))
		return 0;
	directive_names(o, an->list[which], n, lang);
	if (which == CSM_LIST_LEVEL5)
		csm__buf_msgf(o, csm__msg(n > 1 ? "analysis.at_level5_many" : "analysis.at_level5_one", lang), level);
	else
		csm__buf_msgf(o, csm__msg(n > 1 ? "analysis.at_lowest_many" : "analysis.at_lowest_one", lang), level);
	return 1;
}

size_t csm_analysis_hint_count(const csm_analysis *an) { return an ? an->hint_count : 0; }
const csm_hint *csm_analysis_hint(const csm_analysis *an, size_t i) { return an && i < an->hint_count ? &an->hints[i] : NULL; }
size_t csm_analysis_plan_count(const csm_analysis *an) { return an ? an->plan_count : 0; }
const csm_plan_step *csm_analysis_plan_step(const csm_analysis *an, size_t i)
{
	return an && i < an->plan_count ? &an->plan[i] : NULL;
}

/* For the renderers (render_*.c, karte*.c). */
const csm_questionnaire *csm__analysis_q(const csm_analysis *an) { return an->q; }
const csm_answers *csm__analysis_a(const csm_analysis *an) { return an->a; }
const csm_score *csm__analysis_s(const csm_analysis *an) { return an->s; }
int csm__analysis_graded(const csm_analysis *an) { return an->s->grade != CSM_GRADE_NONE; }
const csm_benchmark *csm__analysis_b(const csm_analysis *an) { return an->b; }

void csm_analysis_use_industries(csm_analysis *an, const csm_industries *ind)
{
	if (!an)
		return;
	an->industries = ind;
	/* the parent group is known now (without memory, the labels fall back to the industry's) */
	(void)pick_industry_group(an);
}

size_t csm__analysis_groups(const csm_analysis *an, const char *keys[5], int idx[5])
{
	static const char *const fixed[4] = {"all", "grade:C", "grade:B", "grade:A"};
	size_t i;
	if (!an->compares) { /* nothing to compare with */
		for (i = 0; i < 5; i++)
			keys[i] = NULL, idx[i] = -1;
		return 0;
	}
	for (i = 0; i < 4; i++) {
		keys[i] = fixed[i];
		idx[i] = csm_benchmark_group_find(an->b, fixed[i]);
	}
	keys[4] = an->industry_key[0] ? an->industry_key : NULL;
	idx[4] = an->industry_key[0] ? an->industry_index : -1;
	return an->industry_key[0] ? 5 : 4;
}

int csm__analysis_industry_group(const csm_analysis *an) { return an->industry_index; }

const char *csm__analysis_industry_label(const csm_analysis *an, csm_lang lang)
{
	const char *label = an->industry ? csm_industry_label(an->industries, an->industry, lang) : NULL;
	return label ? label : an->industry;
}

const char *csm__analysis_industry(const csm_analysis *an) { return an->industry; }
const csm_industries *csm__analysis_industries(const csm_analysis *an) { return an->industries; }

const char *csm__analysis_group_label(const csm_analysis *an, csm_lang lang)
{
	return CSM__LANG_OK(lang) && an->group_label[lang] ? an->group_label[lang] : csm__analysis_industry_label(an, lang);
}

const char *csm__analysis_industry_compared(const csm_analysis *an, csm_lang lang)
{
	return CSM__LANG_OK(lang) && an->compared[lang] ? an->compared[lang] : csm__analysis_industry_label(an, lang);
}

int csm__analysis_percentile_withheld(const csm_analysis *an, unsigned *n)
{
	if (an->industry_index < 0 || an->has_percentile)
		return 0;
	*n = csm_benchmark_group_n(an->b, (size_t)an->industry_index);
	return *n < csm_benchmark_min_group(an->b);
}

int csm_analysis_percentile(double *out, const csm_analysis *an)
{
	CSM__ARGS(an && out);
	if (!an->has_percentile)
		return 0;
	*out = an->percentile;
	return 1;
}

int csm_analysis_set_previous(csm_analysis *an, const csm_answers *prev_a, const csm_score *prev)
{
	CSM__ARGS(an && !prev_a == !prev);
	/* last year's scores of another company would read as this one's change */
	if (prev_a && !csm__same_org(prev_a, an->a))
		return csm__err(CSM_EINVALID, "%s: organization.name: \"%s\", but %s is about \"%s\": the previous "
		                "assessment must be of the same organization",
		                prev_a->name, prev_a->field[CSM_FIELD_ORG_NAME] ? prev_a->field[CSM_FIELD_ORG_NAME] : "",
		                an->a->name, an->a->field[CSM_FIELD_ORG_NAME] ? an->a->field[CSM_FIELD_ORG_NAME] : "");
	an->prev_a = prev_a;
	an->prev = prev;
	return 0;
}

const csm_score *csm__analysis_prev(const csm_analysis *an) { return an->prev; }
const csm_answers *csm__analysis_prev_a(const csm_analysis *an) { return an->prev_a; }
/* Set once by the setters of targets.c and actions.c, read by the renderers. */
csm__followup *csm__analysis_followup(const csm_analysis *an) { return (csm__followup *)&an->fu; }

size_t csm__moved_items(const csm_answers *older, const csm_answers *newer, const csm_questionnaire *q, csm__buf *out)
{
	size_t i, n = 0;
	for (i = 0; i < q->item_count; i++) {
		int lo = 0, ln = 0;
		csm_answer_kind ko = csm_answers_get(older, q->items[i].id, &lo);
		csm_answer_kind kn = csm_answers_get(newer, q->items[i].id, &ln);
		if (ko != CSM_ANSWER_LEVEL || kn != CSM_ANSWER_LEVEL || lo == ln)
			continue;
		csm__buf_printf(out, "%s%s %d\u2192%d", n ? ", " : "", q->items[i].id, lo, ln);
		n++;
	}
	return n;
}
