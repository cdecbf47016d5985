/* Several scores side by side: the improvement plan, what-if, the trend
 * over assessments and the portfolio's CSV table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "json.h"
#include "messages.h"
#include "portfolio.h"
#include "questionnaire.h"
#include "render.h"
#include "score.h"
#include "tips.h"
#include "util.h"

/* The plan as csm-plan/1 JSON. */
static void plan_json(csm__buf *o, const csm_plan *p)
{
	size_t i, k;

	csm__buf_printf(o, "{\"format\":\"csm-plan/1\",\"target\":\"%s\",\"reached\":%s,\"hint1_directive\":",
	                csm_grade_name(csm_plan_target(p)), csm_plan_reached(p) ? "true" : "false");
	if (csm_plan_hint_directive(p))
		csm__buf_printf(o, "%d", csm_plan_hint_directive(p));
	else
		csm__buf_puts(o, "null");
	csm__buf_puts(o, ",\"moves\":[");
	for (i = 0; i < csm_plan_count(p); i++) {
		const csm_plan_move *m = csm_plan_get(p, i);
		csm__buf_printf(o, "%s{\"item\":\"%s\",\"directive\":%d,\"from\":%d,\"to\":%d,\"gain\":", i ? "," : "",
		                m->item, m->directive, m->from, m->to);
		csm__buf_number(o, m->gain);
		csm__buf_printf(o, ",\"effort\":\"%c\",\"overall_after\":", m->effort);
		csm__buf_number(o, m->overall_after);
		csm__buf_printf(o, ",\"grade_after\":\"%s\",\"hint1\":%s,\"tips\":[", csm_grade_name(m->grade_after),
		                m->hint1 ? "true" : "false");
		for (k = 0; k < m->tip_count; k++)
			csm__buf_printf(o, "%s\"%s\"", k ? "," : "", m->tips[k]);
		csm__buf_puts(o, "]}");
	}
	csm__buf_puts(o, "]}");
}

/* The plan as a table, a row per move, with the first tip of each. */
static void plan_table(csm__buf *o, const csm_plan *p, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang)
{
	char a[16];
	size_t i;

	csm__rcell(o, "#", 4, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, csm__msg("plan.col_item", lang), 6, 0);
	csm__rcell(o, csm__msg("plan.col_directive", lang), 20, 0);
	csm__rcell(o, csm__msg("plan.col_level", lang), 8, 1);
	csm__rcell(o, csm__msg("plan.col_gain", lang), 10, 1);
	csm__rcell(o, csm__msg("plan.col_effort", lang), 8, 1);
	csm__rcell(o, csm__msg("plan.col_overall", lang), 9, 1);
	csm__rcell(o, csm__msg("plan.col_grade", lang), 7, 1);
	csm__buf_printf(o, "  %s\n", csm__msg("plan.col_tip", lang));
	for (i = 0; i < csm_plan_count(p); i++) {
		const csm_plan_move *m = csm_plan_get(p, i);
		char num[24], lv[32], gain[32], eff[4];
		const char *title = m->tip_count ? csm_tip_text(csm__tips_lookup(tips, m->tips[0]), CSM_TIP_TITLE, lang) : NULL;
		snprintf(num, sizeof num, "%s%zu", m->hint1 ? "*" : "", i + 1);
		snprintf(lv, sizeof lv, "%d -> %d", m->from, m->to);
		snprintf(gain, sizeof gain, "+%.2f", m->gain);
		snprintf(eff, sizeof eff, "%c", m->effort);
		csm__rcell(o, num, 4, 1);
		csm__buf_puts(o, "  ");
		csm__rcell(o, m->item, 6, 0);
		csm__rcell(o, q->dir_short[m->directive - 1][lang], 20, 0);
		csm__rcell(o, lv, 8, 1);
		csm__rcell(o, gain, 10, 1);
		csm__rcell(o, eff, 8, 1);
		csm__rcell(o, csm_format1(a, sizeof a, m->overall_after), 9, 1);
		csm__rcell(o, csm_grade_name(m->grade_after), 7, 1);
		csm__buf_printf(o, "  %s%s%s\n", m->tip_count ? m->tips[0] : "", title ? " " : "", title ? title : "");
	}
}

int csm_render_plan(char **out, const csm_plan *p, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang,
                    int json)
{
	CSM__ARGS(out && p && q && CSM__LANG_OK(lang));
	csm__buf o = {0};

	if (json) {
		plan_json(&o, p);
		return csm__buf_finish(&o, out);
	}
	if (csm_plan_hint_directive(p)) {
		int d = csm_plan_hint_directive(p);
		csm__buf_msgf(&o, csm__msg("plan.heading_hint1", lang),
		              csm_grade_name(csm_plan_target(p)), d, q->dir_short[d - 1][lang]);
	} else {
		csm__buf_msgf(&o, csm__msg("plan.heading", lang),
		                csm_grade_name(csm_plan_target(p)));
	}
	plan_table(&o, p, q, tips, lang);
	if (!csm_plan_count(p))
		csm__buf_printf(&o, "  %s\n", csm__msg("plan.nothing", lang));
	csm__buf_printf(&o, "\n%s\n",
	                csm_plan_reached(p) ? csm__msg("plan.reaches", lang)
	                                    : csm__msg("plan.not_reached", lang));
	return csm__buf_finish(&o, out);
}

int csm_render_whatif(char **out, const csm_score *before, const csm_score *after, csm_lang lang, int json)
{
	CSM__ARGS(out && before && after && CSM__LANG_OK(lang));
	const csm_questionnaire *q = before->q;
	csm__buf o = {0};
	char a[16], b[16];
	int d;

	if (json) {
		csm__buf_puts(&o, "{\"format\":\"csm-whatif/1\",\"directives\":[");
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			csm__buf_printf(&o, "%s{\"id\":%d,\"before\":", d ? "," : "", d + 1);
			if (before->dir[d].has_score)
				csm__buf_number(&o, before->dir[d].score);
			else
				csm__buf_puts(&o, "null");
			csm__buf_puts(&o, ",\"after\":");
			if (after->dir[d].has_score)
				csm__buf_number(&o, after->dir[d].score);
			else
				csm__buf_puts(&o, "null");
			csm__buf_puts(&o, "}");
		}
		csm__buf_puts(&o, "],\"overall\":{\"before\":");
		csm__buf_number(&o, before->overall);
		csm__buf_puts(&o, ",\"after\":");
		csm__buf_number(&o, after->overall);
		csm__buf_printf(&o, "},\"grade\":{\"before\":\"%s\",\"after\":\"%s\"}}", csm_grade_name(before->grade),
		                csm_grade_name(after->grade));
		return csm__buf_finish(&o, out);
	}
	csm__rcell(&o, "#", 3, 1);
	csm__buf_puts(&o, "  ");
	csm__rcell(&o, csm__msg("whatif.col_directive", lang), 20, 0);
	csm__rcell(&o, csm__msg("whatif.col_before", lang), 8, 1);
	csm__rcell(&o, csm__msg("whatif.col_after", lang), 8, 1);
	csm__buf_puts(&o, "\n");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		char num[8];
		snprintf(num, sizeof num, "%d", d + 1);
		csm__rcell(&o, num, 3, 1);
		csm__buf_puts(&o, "  ");
		csm__rcell(&o, q->dir_short[d][lang], 20, 0);
		if (before->dir[d].has_score)
			csm_format1(a, sizeof a, before->dir[d].score);
		else
			snprintf(a, sizeof a, "-");
		if (after->dir[d].has_score)
			csm_format1(b, sizeof b, after->dir[d].score);
		else
			snprintf(b, sizeof b, "-");
		csm__rcell(&o, a, 8, 1);
		csm__rcell(&o, b, 8, 1);
		csm__buf_puts(&o, strcmp(a, b) != 0 ? " *\n" : "\n");
	}
	csm__buf_printf(&o, "\n%s %s -> %s   %s %s -> %s\n", csm__msg("whatif.overall", lang),
	                csm_format_overall(a, sizeof a, before->overall, &before->grading),
	                csm_format_overall(b, sizeof b, after->overall, &after->grading),
	                csm__msg("whatif.grade", lang), csm_grade_name(before->grade), csm_grade_name(after->grade));
	return csm__buf_finish(&o, out);
}

typedef struct trend_row {
	const csm_answers *a;
	const csm_score *s;
} trend_row;

static int cmp_date(const void *x, const void *y)
{
	const char *a = ((const trend_row *)x)->a->field[CSM_FIELD_ASSESSED_ON];
	const char *b = ((const trend_row *)y)->a->field[CSM_FIELD_ASSESSED_ON];
	return strcmp(a ? a : "", b ? b : "");
}

/* The trend as csm-trend/1 JSON: each assessment's scores, oldest first,
 * and the items that moved between the last two. */
static void trend_json(csm__buf *o, const trend_row *rows, size_t n, size_t moved, char *items)
{
	size_t i;
	int d;

	csm__buf_puts(o, "{\"format\":\"csm-trend/1\",\"assessments\":[");
	for (i = 0; i < n; i++) {
		const csm_score *s = rows[i].s;
		const char *date = rows[i].a->field[CSM_FIELD_ASSESSED_ON];
		csm__buf_puts(o, i ? ",{\"assessed_on\":" : "{\"assessed_on\":");
		if (date)
			csm__buf_json_string(o, date);
		else
			csm__buf_puts(o, "null");
		csm__buf_printf(o, ",\"questionnaire\":\"%s\",\"overall\":", s->q->id);
		csm__buf_number(o, s->overall);
		csm__buf_printf(o, ",\"grade\":\"%s\",\"directives\":[", csm_grade_name(s->grade));
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			if (d)
				csm__buf_puts(o, ",");
			if (s->dir[d].has_score)
				csm__buf_number(o, s->dir[d].score);
			else
				csm__buf_puts(o, "null");
		}
		csm__buf_puts(o, "]}");
	}
	csm__buf_puts(o, "],\"moved\":[");
	csm__rjson_moved(o, moved ? items : NULL);
	csm__buf_puts(o, "]}");
}

/* The trend as a table: a column per assessment, a row per directive, then
 * the overall, grade and questionnaire of each. */
static void trend_table(csm__buf *o, const trend_row *rows, size_t n, csm_lang lang, size_t name_w)
{
	const csm_questionnaire *q = rows[n - 1].s->q;
	int d;
	char buf[32];
	size_t i;

	csm__buf_printf(o, "%s\n\n", rows[n - 1].a->field[CSM_FIELD_ORG_NAME] ? rows[n - 1].a->field[CSM_FIELD_ORG_NAME]
	                                                                         : rows[n - 1].a->name);
	csm__rcell(o, "#", 3, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, csm__msg("trend.col_directive", lang), name_w, 0);
	for (i = 0; i < n; i++) {
		const char *date = rows[i].a->field[CSM_FIELD_ASSESSED_ON];
		csm__rcell(o, date ? date : "-", 12, 1);
	}
	csm__rcell(o, csm__msg("trend.col_change", lang), 9, 1);
	csm__buf_puts(o, "\n");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		const csm_directive_score *f = &rows[0].s->dir[d], *l = &rows[n - 1].s->dir[d];
		char dn[8];
		snprintf(dn, sizeof dn, "%d", d + 1);
		csm__rcell(o, dn, 3, 1);
		csm__buf_puts(o, "  ");
		csm__rcell(o, q->dir_short[d][lang], name_w, 0);
		for (i = 0; i < n; i++) {
			const csm_directive_score *x = &rows[i].s->dir[d];
			csm__rnum(buf, sizeof buf, x->has_score, x->score);
			csm__rcell(o, buf, 12, 1);
		}
		if (f->has_score && l->has_score) {
			char ch[32];
			csm__rcell(o, csm_format_change(ch, sizeof ch, l->score - f->score), 9, 1);
		}
		csm__buf_puts(o, "\n");
	}
	csm__buf_puts(o, "\n");
	csm__buf_pad(o, 0, 5);
	csm__rcell(o, csm__msg("trend.overall", lang), name_w, 0);
	for (i = 0; i < n; i++)
		csm__rcell(o, csm_format_overall(buf, sizeof buf, rows[i].s->overall, &rows[i].s->grading), 12, 1);
	csm__buf_puts(o, "\n");
	csm__buf_pad(o, 0, 5);
	csm__rcell(o, csm__msg("trend.grade", lang), name_w, 0);
	for (i = 0; i < n; i++)
		csm__rcell(o, csm_grade_name(rows[i].s->grade), 12, 1);
	csm__buf_puts(o, "\n");
	csm__buf_pad(o, 0, 5);
	csm__rcell(o, csm__msg("trend.questionnaire", lang), name_w, 0);
	for (i = 0; i < n; i++)
		csm__rcell(o, rows[i].s->q->id, 12, 1);
	csm__buf_puts(o, "\n");
}

int csm_render_trend(char **out, const csm_answers *const *answers, const csm_score *const *scores, size_t n,
                     csm_lang lang, int json)
{
	CSM__ARGS(out && answers && scores && CSM__LANG_OK(lang));
	trend_row *rows;
	csm__buf o = {0};
	csm__buf items = {0};
	size_t i, moved, name_w = 12;
	int d;
	const csm_questionnaire *q;

	*out = NULL;
	if (n < 1)
		return csm__err(CSM_EINVALID, "trend: no assessments");
	for (i = 1; i < n; i++)
		if (!csm__same_org(answers[i], answers[0]))
			return csm__err(CSM_EINVALID,
			                "%s: organization.name: \"%s\", but %s is about \"%s\": a trend shows one organization",
			                answers[i]->name, answers[i]->field[CSM_FIELD_ORG_NAME] ? answers[i]->field[CSM_FIELD_ORG_NAME] : "",
			                answers[0]->name, answers[0]->field[CSM_FIELD_ORG_NAME] ? answers[0]->field[CSM_FIELD_ORG_NAME] : "");
	if (!(rows = malloc(n * sizeof *rows)))
		return csm__nomem();
	for (i = 0; i < n; i++)
		rows[i].a = answers[i], rows[i].s = scores[i];
	qsort(rows, n, sizeof *rows, cmp_date); /* oldest first */
	q = rows[n - 1].s->q;
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (csm__display_width(q->dir_short[d][lang]) + 2 > name_w)
			name_w = csm__display_width(q->dir_short[d][lang]) + 2;
	moved = n > 1 ? csm__moved_items(rows[n - 2].a, rows[n - 1].a, q, &items) : 0;
	o.nomem |= items.nomem;
	if (json) {
		trend_json(&o, rows, n, moved, items.s);
	} else {
		trend_table(&o, rows, n, lang, name_w);
		if (n > 1)
			csm__buf_printf(&o, "\n%s (%zu): %s\n", csm__msg("trend.moved", lang),
			                moved, moved && items.s ? items.s : csm__msg("trend.none", lang));
	}
	free(rows);
	csm__buf_free(&items);
	return csm__buf_finish(&o, out);
}

/* The directive cells of a CSV row: empty where there is no score. */
static void csv_dirs(csm__buf *o, const double *v, const int *has)
{
	int d;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm__buf_puts(o, ",");
		if (has[d])
			csm__buf_number(o, v[d]);
	}
}

/* The follow-up cells of a CSV row: empty where the organization gave no list. */
static void csv_followup(csm__buf *o, const csm__followup_counts *c)
{
	if (!c->listed) {
		csm__buf_puts(o, ",,,,,,");
		return;
	}
	csm__buf_printf(o, ",%zu,%zu,%zu,%zu,%zu,%zu", c->actions, c->open, c->in_progress, c->done, c->dropped,
	                c->late);
}

int csm_portfolio_csv(char **out, const csm_analysis *const *an, size_t n, csm_rollup rollup)
{
	CSM__ARGS(out && an && csm__all_set((const void *const *)an, n) && rollup >= CSM_ROLLUP_MEAN &&
	          rollup <= CSM_ROLLUP_REVENUE);
	static const csm_answers_field fields[5] = {CSM_FIELD_ORG_NAME, CSM_FIELD_ORG_PARENT, CSM_FIELD_ORG_SCOPE,
	                                            CSM_FIELD_ORG_INDUSTRY, CSM_FIELD_ASSESSED_ON};
	static const char *const rollups[3] = {"mean", "headcount", "revenue"};
	csm__portfolio pf;
	csm__buf o = {0};
	size_t i;
	int d, f, rc, any = 0;

	*out = NULL;
	if ((rc = csm__portfolio_build(&pf, an, n, rollup)))
		return rc;
	csm__buf_puts(&o, "\xEF\xBB\xBForganization,parent,scope,industry,assessed_on,questionnaire,grade,overall");
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		csm__buf_printf(&o, ",d%d", d);
	csm__buf_puts(&o, ",rank,rollup");
	if (pf.followed) /* only with action lists: the table is otherwise as it was */
		csm__buf_puts(&o, ",actions,actions_open,actions_in_progress,actions_done,actions_dropped,actions_overdue");
	csm__buf_puts(&o, "\r\n");
	/* The group rolled up from its entities, as the PDF's first row: scope
	 * "rollup", and the weighting actually applied (a plain mean where an
	 * entity lacks the weight). None when no entity was assessed. */
	for (d = 0; d < CSM_DIRECTIVES; d++)
		any |= pf.has[d];
	if (any) {
		csm__buf_csv(&o, pf.parent ? pf.parent : "");
		csm__buf_printf(&o, ",,rollup,,,%s,%s,", csm__analysis_q(an[0])->id, csm_grade_name(pf.grade));
		csm__buf_number(&o, pf.overall);
		csv_dirs(&o, pf.dir, pf.has);
		csm__buf_printf(&o, ",,%s", rollups[pf.weighted ? rollup : CSM_ROLLUP_MEAN]);
		if (pf.followed) { /* the group: every list's actions together */
			csm__followup_counts t;
			memset(&t, 0, sizeof t);
			for (i = 0; i < n; i++) {
				t.actions += pf.fu[i].actions;
				t.open += pf.fu[i].open;
				t.in_progress += pf.fu[i].in_progress;
				t.done += pf.fu[i].done;
				t.dropped += pf.fu[i].dropped;
				t.late += pf.fu[i].late;
			}
			t.listed = 1;
			csv_followup(&o, &t);
		}
		csm__buf_puts(&o, "\r\n");
	}
	/* the organizations ranked as in the PDF, best first */
	for (i = 0; i < n; i++) {
		const csm_answers *a = csm__analysis_a(an[pf.order[i]]);
		const csm_score *s = csm__analysis_s(an[pf.order[i]]);
		double v[CSM_DIRECTIVES];
		int has[CSM_DIRECTIVES];
		for (f = 0; f < 5; f++) {
			const char *val = a->field[fields[f]];
			if (f)
				csm__buf_puts(&o, ",");
			csm__buf_csv(&o, val ? val : (f == 0 ? a->name : ""));
		}
		csm__buf_printf(&o, ",%s,%s,", s->q->id, csm_grade_name(s->grade));
		csm__buf_number(&o, s->overall);
		for (d = 0; d < CSM_DIRECTIVES; d++)
			v[d] = s->dir[d].score, has[d] = s->dir[d].has_score;
		csv_dirs(&o, v, has);
		csm__buf_printf(&o, ",%zu,", i + 1);
		if (pf.followed)
			csv_followup(&o, &pf.fu[pf.order[i]]);
		csm__buf_puts(&o, "\r\n");
	}
	csm__portfolio_free(&pf);
	return csm__buf_finish(&o, out);
}
