/* The terminal report of an assessment, and the column and wrapping
 * helpers the other text renderers share (render.h). Formatting only; the
 * rules are in analysis.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "messages.h"
#include "questionnaire.h"
#include "render.h"
#include "score.h"
#include "tips.h"
#include "util.h"


/* The NIST CSF view, a line per version: each function's score and items. */
static void text_csf(csm__buf *o, const csm_score *s, csm_lang lang)
{
	int v;
	for (v = CSM_CSF_1_1; v <= CSM_CSF_2_0; v++) {
		size_t i, n = csm_csf_function_count((csm_csf_version)v);
		if (v == CSM_CSF_2_0 && !csm_questionnaire_has_csf2(s->q))
			break;
		csm__buf_puts(o, v == CSM_CSF_1_1 ? "NIST CSF 1.1:" : "NIST CSF 2.0:");
		for (i = 0; i < n; i++) {
			double x;
			unsigned items = 0;
			char num[16];
			if (csm_score_csf(&x, &items, s, (csm_csf_version)v, i) > 0)
				csm_format1(num, sizeof num, x);
			else
				snprintf(num, sizeof num, "-");
			csm__buf_msgf(o, csm__msg("report.csf_function", lang), i ? " |" : "",
			                csm_csf_function_name((csm_csf_version)v, i, lang), num, items);
		}
		csm__buf_puts(o, "\n");
	}
	if (csm_questionnaire_has_csf2(s->q))
		csm__buf_puts(o, csm__msg("report.csf2_note", lang));
}

/* Append `s` padded (or right-aligned) to `width` display columns. */
void csm__rcell(csm__buf *b, const char *s, size_t width, int right)
{
	size_t w = csm__display_width(s);
	if (right)
		csm__buf_pad(b, w, width);
	csm__buf_puts(b, s);
	if (!right)
		csm__buf_pad(b, w, width);
}

/* Append `s` wrapped to `width` columns, each line after the first indented
 * by `indent`. Breaks at spaces, or between wide (CJK) characters. */
void csm__rwrap(csm__buf *b, const char *s, size_t indent, size_t width)
{
	size_t col = indent;
	int space = 0; /* a space is owed before the next word on this line */
	csm__buf word = {0}; /* a word may be any length (a URL, a path) */
	while (*s) {
		const char *e = s;
		size_t w;
		if (*s == ' ') {
			space = col > indent;
			s++;
			continue;
		}
		/* The next word: a run of narrow characters, or one wide character,
		 * with any marks that may not begin the next line ("確かめ、"). */
		if ((unsigned char)*e >= 0xE0) {
			size_t m;
			e += ((unsigned char)*e >= 0xF0) ? 4 : 3;
			while ((m = csm__no_line_start(e)) != 0 && (unsigned char)*e >= 0xE0)
				e += m;
		} else
			while (*e && *e != ' ' && (unsigned char)*e < 0xE0)
				e++;
		word.len = 0;
		csm__buf_add(&word, s, (size_t)(e - s));
		w = csm__display_width(word.s ? word.s : "");
		if (col + (size_t)space + w > width && col > indent) {
			csm__buf_puts(b, "\n");
			csm__buf_pad(b, 0, indent);
			col = indent;
			space = 0;
		}
		if (space)
			csm__buf_puts(b, " ");
		csm__buf_add(b, s, (size_t)(e - s));
		col += w + (size_t)space;
		space = 0;
		s = e;
	}
	csm__buf_free(&word);
}

void csm__rnum(char *buf, size_t size, int has, double v)
{
	if (has)
		csm_format1(buf, size, v);
	else
		snprintf(buf, size, "-");
}

/* The header: who, when, the overall and grade, what it is compared with,
 * and what to note about the answers. */
static void t_header(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_grading *g = csm_benchmark_grading(b);
	const char *f;
	char buf[32];
	size_t i;

	f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf_puts(o, f ? f : a->name);
	if ((f = csm__analysis_industry_label(an, lang)))
		csm__buf_printf(o, " | %s", f);
	if ((f = csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE)))
		csm__buf_printf(o, " | %s", csm__scope_label(f, lang));
	if ((f = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)))
		csm__buf_printf(o, " | %s %s", csm__msg("report.assessed", lang), f);
	csm__buf_printf(o, "\n%s: %s (%s)\n", csm__msg("report.questionnaire", lang), q->id, q->title[lang]);
	if (a->assessor_count) {
		csm__buf_printf(o, "%s: ", csm__msg("report.assessors", lang));
		for (i = 0; i < a->assessor_count; i++) {
			const char *nm = a->assessor_name[i], *role = a->assessor_role[i];
			csm__buf_printf(o, "%s%s", i ? ", " : "", nm && nm[0] ? nm : "?");
			if (role && role[0])
				csm__buf_printf(o, " (%s)", role);
		}
		csm__buf_puts(o, "\n");
	}
	csm__buf_printf(o, "\n%s %s   %s %s\n", csm__msg("report.overall", lang),
	                csm_format_overall(buf, sizeof buf, s->overall, &s->grading), csm__msg("report.grade", lang),
	                csm_grade_name(s->grade));
	if (csm_analysis_compares(an))
		csm__buf_printf(o, "%s: %s (%s: A >= %g, B >= %g%s; %s: %s)\n", csm__msg("report.benchmark", lang), csm_benchmark_name(b),
		                csm__msg("report.grading", lang), g->a, g->b,
		                csm_benchmark_grading_estimated(b) ? csm__msg("report.estimated", lang) : "",
		                csm__msg("report.target", lang), csm_analysis_target(an));
	if (csm_analysis_compares(an) != 2) {
		csm__analysis_comparison_note(an, lang, o);
		csm__buf_puts(o, "\n");
	}
	if (s->partial)
		csm__buf_printf(o, "%s\n", csm__msg("report.partial", lang));
	if (s->weighted)
		csm__buf_printf(o, "%s\n", csm__msg("report.weighted", lang));
}

/* What the board should know before trusting the numbers: contradictions,
 * raters far apart, high levels without evidence. */
static void t_warnings(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	char *w = NULL;
	csm__buf items = {0};
	if (csm_answers_warnings(&w, a, q) > 0)
		csm__buf_printf(o, "%s\n%s\n", csm__msg("report.check", lang), w);
	csm_free(w);
	if (csm__answers_discuss_text(a, &items))
		csm__buf_printf(o, "%s: %s\n", csm__msg("common.to_discuss", lang),
		                items.s ? items.s : "");
	o->nomem |= items.nomem;
	csm__buf_free(&items);
	if (csm__answers_unbacked(a, q, &items))
		csm__buf_printf(o, "%s: %s\n", csm__msg("common.no_evidence", lang),
		                items.s ? items.s : "");
	o->nomem |= items.nomem;
	csm__buf_free(&items);
}

/* The widest short name of a directive, in display columns. */
static size_t dir_name_width(const csm_questionnaire *q, csm_lang lang)
{
	size_t name_w = 0;
	int d;
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		size_t w = csm__display_width(q->dir_short[d - 1][lang]);
		if (w > name_w)
			name_w = w;
	}
	return name_w;
}

/* The table's heading row: the groups compared with, the gap, the previous
 * assessment. */
static void t_table_head(csm__buf *o, const csm_analysis *an, csm_lang lang, size_t name_w, size_t ng, const int *idx)
{
	/* all, the grades' averages, the industry: words only at the ends */
	static const char *const heads[5] = {"report.col_all", "C", "B", "A", "report.col_industry"};
	size_t k;

	csm__buf_puts(o, "\n");
	csm__rcell(o, "#", 3, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, csm__msg("report.directive", lang), name_w, 0);
	csm__rcell(o, csm__msg("report.col_score", lang), 7, 1);
	for (k = 0; k < ng; k++)
		if (idx[k] >= 0)
			csm__rcell(o, k == 0 || k == 4 ? csm__msg(heads[k], lang) : heads[k], 6, 1);
	if (csm_analysis_compares(an))
		csm__rcell(o, csm__msg("report.gap", lang), 7, 1);
	if (csm__analysis_prev(an)) {
		csm__rcell(o, csm__msg("common.col_prev", lang), 7, 1);
		csm__rcell(o, csm__msg("common.col_change", lang), 8, 1);
	}
	csm__buf_puts(o, "\n");
}

/* Directive d's row of the table. */
static void t_table_row(csm__buf *o, const csm_analysis *an, csm_lang lang, size_t name_w, size_t ng, const int *idx,
                        int d)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	char buf[32], buf2[32];
	size_t k;
	const csm_directive_score *ds = &s->dir[d - 1];
	double gap = 0;
	int has_gap = csm_analysis_gap(&gap, an, d) > 0;
	const char *mark = "";
	snprintf(buf, sizeof buf, "%d", d);
	csm__rcell(o, buf, 3, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, q->dir_short[d - 1][lang], name_w, 0);
	if (ds->has_score)
		csm_format1(buf, sizeof buf, ds->score);
	else
		snprintf(buf, sizeof buf, "%s", csm__msg("report.na", lang));
	csm__rcell(o, buf, 7, 1);
	for (k = 0; k < ng; k++) {
		double m = 0;
		int has;
		if (idx[k] < 0)
			continue;
		has = csm_benchmark_group_mean(&m, b, (size_t)idx[k], d);
		csm__rnum(buf, sizeof buf, has, m);
		csm__rcell(o, buf, 6, 1);
	}
	if (csm_analysis_compares(an)) {
		csm__rnum(buf, sizeof buf, has_gap, gap);
		csm__rcell(o, buf, 7, 1);
	}
	if (csm__analysis_prev(an)) {
		const csm_directive_score *pd = &csm__analysis_prev(an)->dir[d - 1];
		csm__rnum(buf, sizeof buf, pd->has_score, pd->score);
		csm__rcell(o, buf, 7, 1);
		if (pd->has_score && ds->has_score) {
			csm__rcell(o, csm_format_change(buf2, sizeof buf2, ds->score - pd->score), 8, 1);
		} else {
			csm__rcell(o, "-", 8, 1);
		}
	}
	if (has_gap && s->grade != CSM_GRADE_A)
		mark = csm_gap_mark(gap);
	csm__buf_printf(o, "%s%s%s\n", mark[0] ? " " : "", mark, ds->unanswered ? " (partial)" : "");
}

/* Under the table: the groups' sizes, the industry compared with, the
 * position in it, what the marks mean. */
static void t_table_foot(csm__buf *o, const csm_analysis *an, csm_lang lang, size_t name_w, size_t ng,
                         const char *const *keys, const int *idx)
{
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	char buf[32];
	size_t k;

	if (ng) {
		csm__buf_pad(o, 0, 5 + name_w);
		csm__rcell(o, "n", 7, 1);
		for (k = 0; k < ng; k++) {
			if (idx[k] < 0)
				continue;
			snprintf(buf, sizeof buf, "%u", csm_benchmark_group_n(b, (size_t)idx[k]));
			csm__rcell(o, buf, 6, 1);
		}
		csm__buf_puts(o, "\n");
	}
	if (keys[4] && idx[4] >= 0) {
		double pct;
		unsigned gn;
		csm__buf_printf(o, "%s = %s [%s]\n", csm__msg("report.col_industry", lang),
		                csm__analysis_industry_compared(an, lang), keys[4]);
		if (csm__analysis_percentile_withheld(an, &gn))
			csm__buf_msgf(o, csm__msg("report.position_not_shown", lang),
			                gn, csm_benchmark_min_group(b));
		else if (csm_analysis_percentile(&pct, an) > 0)
			csm__buf_msgf(o, csm__msg("report.position_percentile", lang),
			                pct, csm_benchmark_group_n(b, (size_t)idx[4]));
	}
	else if (keys[4])
		csm__buf_printf(o, "(%s: %s)\n", keys[4], csm__msg("report.no_ind", lang));
	if (s->grade != CSM_GRADE_A && csm_analysis_compares(an))
		csm__buf_printf(o, "%s\n", csm__msg("report.marks", lang));
}

/* The change since the previous assessment. */
static void t_previous(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_score *ps = csm__analysis_prev(an);
	const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
	char pb[16], buf[32];
	csm__buf items = {0};
	size_t moved = csm__moved_items(csm__analysis_prev_a(an), a, q, &items);
	csm__buf_msgf(o, csm__msg("report.previous", lang),
	                pdate ? pdate : "-", ps->q->id, csm_format_overall(pb, sizeof pb, ps->overall, &ps->grading),
	                csm_format_overall(buf, sizeof buf, s->overall, &s->grading), csm_grade_name(ps->grade),
	                csm_grade_name(s->grade));
	if (strcmp(ps->q->id, q->id) != 0)
		csm__buf_printf(o, "%s\n", csm__msg("report.versions_differ", lang));
	csm__buf_printf(o, "%s (%zu): %s\n", csm__msg("report.items_moved", lang), moved,
	                moved && items.s ? items.s : csm__msg("report.none", lang));
	o->nomem |= items.nomem;
	csm__buf_free(&items);
}

/* The lists: behind the target, or (grade A, nothing compared) the levels
 * stated as the trial's karte does. */
static void t_lists(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const int *list;
	size_t i, k, ln;

	csm__buf_puts(o, "\n");
	for (k = 0; k < 2; k++) {
		int by_level = s->grade == CSM_GRADE_A || !csm_analysis_compares(an);
		csm_list which = by_level ? (k ? CSM_LIST_LOWEST : CSM_LIST_LEVEL5) : (k ? CSM_LIST_BEHIND_1 : CSM_LIST_BEHIND_2);
		const char *label = which == CSM_LIST_BEHIND_2 ? "report.behind2"
		                    : which == CSM_LIST_BEHIND_1 ? "report.behind1"
		                    : which == CSM_LIST_LEVEL5   ? "report.level5"
		                                                 : "report.lowest";
		ln = csm_analysis_list(&list, an, which);
		if (by_level && ln) {
			csm__analysis_level_text(an, which, lang, o);
			csm__buf_puts(o, ": ");
		} else {
			csm__buf_printf(o, "%s: ", csm__msg(label, lang));
		}
		if (!ln)
			csm__buf_puts(o, csm__msg("report.none", lang));
		for (i = 0; i < ln; i++)
			csm__buf_printf(o, "%s%d %s", i ? ", " : "", list[i], q->dir_short[list[i] - 1][lang]);
		csm__buf_puts(o, "\n");
	}
}

/* Hint i: its directive, lowest items and tips with their actions; before
 * the first of hint 2, the line naming its directives together. */
static void t_hint(csm__buf *o, const csm_analysis *an, const csm_tips *tips, csm_lang lang, size_t i)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_hint *h = csm_analysis_hint(an, i);
	char buf[32];
	size_t k;
	if (h->rank == 2 && i == 1) {
		csm__buf_printf(o, "  [2 %s] ", csm__msg("report.hint2", lang));
		csm__analysis_flagged_text(an, lang, o);
		csm__buf_puts(o, csm__msg("common.sentence_end", lang));
		csm__buf_puts(o, "\n");
	}
	if (h->rank == 1)
		csm__buf_printf(o, "  [1%s%s] ", csm__analysis_hint1_urgent(an) ? " " : "",
		                csm__analysis_hint1_urgent(an) ? csm__msg("report.hint1", lang) : "");
	else
		csm__buf_puts(o, "    - ");
	csm__buf_printf(o, "%s %d: %s", csm__msg("report.directive", lang), h->directive, q->dir_title[h->directive - 1][lang]);
	if (csm_analysis_compares(an))
		csm__buf_printf(o, " (%s %s)", csm__msg("report.gap_to", lang), csm_format1(buf, sizeof buf, h->gap));
	csm__buf_puts(o, "\n");
	csm__buf_printf(o, "      %s (%s %d): ", csm__msg("report.lowest_items", lang), csm__msg("report.level", lang), h->level);
	for (k = 0; k < h->item_count; k++)
		csm__buf_printf(o, "%s%s", k ? ", " : "", h->items[k]);
	csm__buf_puts(o, "\n");
	for (k = 0; k < h->tip_count; k++) {
		const csm_tip *tip = csm__tips_lookup(tips, h->tips[k]);
		const char *title = csm_tip_text(tip, CSM_TIP_TITLE, lang);
		const char *action = csm_tip_text(tip, CSM_TIP_ACTION, lang);
		csm__buf_printf(o, "      %s %s", csm__msg("report.tip", lang), h->tips[k]);
		if (title)
			csm__buf_printf(o, ": %s", title);
		csm__buf_puts(o, "\n");
		if (action) {
			csm__buf_puts(o, "        ");
			csm__rwrap(o, action, 8, 78);
			csm__buf_puts(o, "\n");
		}
	}
}

/* The improvement plan, a row per item. */
static void t_plan(csm__buf *o, const csm_analysis *an, csm_lang lang, size_t name_w)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	char buf[32], buf2[32];
	size_t i, k;

	csm__buf_printf(o, "\n%s\n", csm__msg("report.plan", lang));
	csm__rcell(o, "#", 5, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, csm__msg("report.col_item", lang), 6, 0);
	csm__rcell(o, csm__msg("report.directive", lang), name_w + 2, 0);
	csm__rcell(o, csm__msg("report.col_level", lang), 7, 1);
	csm__rcell(o, csm__msg("report.col_target", lang), 7, 1);
	csm__rcell(o, csm__msg("report.col_gain", lang), 10, 1);
	csm__buf_printf(o, "  %s\n", csm__msg("report.tip", lang));
	for (i = 0; i < csm_analysis_plan_count(an); i++) {
		const csm_plan_step *st = csm_analysis_plan_step(an, i);
		snprintf(buf, sizeof buf, "%zu", i + 1);
		csm__rcell(o, buf, 5, 1);
		csm__buf_puts(o, "  ");
		csm__rcell(o, st->item, 6, 0);
		csm__rcell(o, q->dir_short[st->directive - 1][lang], name_w + 2, 0);
		snprintf(buf, sizeof buf, "%d", st->level);
		csm__rcell(o, buf, 7, 1);
		snprintf(buf, sizeof buf, "%d", st->target_level);
		csm__rcell(o, buf, 7, 1);
		/* Gains are small: two decimals say more than one here. */
		snprintf(buf2, sizeof buf2, "+%.2f", st->overall_gain);
		csm__rcell(o, buf2, 10, 1);
		csm__buf_puts(o, " ");
		for (k = 0; k < st->tip_count; k++)
			csm__buf_printf(o, " %s", st->tips[k]);
		csm__buf_puts(o, "\n");
	}
}

int csm_render_text(char **out, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && an && CSM__LANG_OK(lang));
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const char *keys[5];
	int idx[5], d;
	size_t i, ng, name_w;
	csm__buf o = {0};

	*out = NULL;
	/* Header. */
	t_header(&o, an, lang);
	t_warnings(&o, an, lang);

	/* The table. */
	ng = csm__analysis_groups(an, keys, idx);
	name_w = dir_name_width(q, lang);
	t_table_head(&o, an, lang, name_w, ng, idx);
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		t_table_row(&o, an, lang, name_w, ng, idx, d);
	t_table_foot(&o, an, lang, name_w, ng, keys, idx);
	if (csm__analysis_prev(an))
		t_previous(&o, an, lang);

	text_csf(&o, s, lang);
	csm__text_targets(&o, an, lang);
	csm__text_followup(&o, an, lang);

	/* Lists: grade A states the levels, as the trial's karte. */
	t_lists(&o, an, lang);

	/* Hints: the heading by target; hint 1, then hint 2 naming the other
	 * flagged directives together, each of them after it. */
	csm__buf_printf(&o, "\n%s\n", csm__analysis_hints_heading(an, lang));
	if (!csm_analysis_hint_count(an))
		csm__buf_printf(&o, "  %s\n", csm__msg("report.no_hints", lang));
	for (i = 0; i < csm_analysis_hint_count(an); i++)
		t_hint(&o, an, tips, lang, i);

	/* Plan. */
	if (csm_analysis_plan_count(an))
		t_plan(&o, an, lang, name_w);
	return csm__buf_finish(&o, out);
}
