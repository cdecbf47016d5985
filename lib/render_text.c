/* The terminal report of an assessment, and the column and wrapping
 * helpers the other text renderers share (render.h). Formatting only; the
 * rules are in analysis.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"


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
			csm__buf_printf(o, lang == CSM_LANG_JA ? "%s %s %s (%u項目)" : "%s %s %s (%u)", i ? " |" : "",
			                csm_csf_function_name((csm_csf_version)v, i, lang), num, items);
		}
		csm__buf_puts(o, "\n");
	}
	if (csm_questionnaire_has_csf2(s->q))
		csm__buf_puts(o, lang == CSM_LANG_JA
		                     ? "(CSF 2.0 は CSF 1.1 の対応付けからの機能単位の集計です)\n"
		                     : "(CSF 2.0: by function, from the mapping of the CSF 1.1 subcategories)\n");
}

enum {
	T_ASSESSED, T_QUESTIONNAIRE, T_ASSESSORS, T_OVERALL, T_GRADE, T_BENCHMARK, T_GRADING, T_TARGET,
	T_DIRECTIVE, T_SCORE, T_GAP, T_MARKS, T_NA, T_NONE, T_BEHIND2, T_BEHIND1, T_LEVEL5,
	T_LOWEST, T_HINTS, T_HINT1, T_HINT2, T_LOWEST_ITEMS, T_LEVEL, T_TIP, T_PLAN, T_ITEM, T_TARGET_LEVEL,
	T_GAIN, T_LEVEL_H, T_CHECK, T_PARTIAL, T_WEIGHTED, T_NO_HINTS, T_IND_NOTE, T_NO_IND, T_GAP_TO, T_ESTIMATED, T_COUNT
};

static const char *const T[T_COUNT][2] = {
	[T_ASSESSED] = {"評価日", "assessed"},
	[T_QUESTIONNAIRE] = {"設問", "Questionnaire"},
	[T_ASSESSORS] = {"評価者", "Assessors"},
	[T_OVERALL] = {"総合スコア", "Overall"},
	[T_GRADE] = {"成熟度", "Grade"},
	[T_BENCHMARK] = {"比較データ", "Benchmark"},
	[T_GRADING] = {"判定基準", "grading"},
	[T_ESTIMATED] = {"、2020年試行から推定", ", estimated from the 2020 trial"},
	[T_TARGET] = {"目標", "target"},
	[T_DIRECTIVE] = {"指示", "Directive"},
	[T_SCORE] = {"自社", "Score"},
	[T_GAP] = {"差", "Gap"},
	[T_MARKS] = {"** 目標との差 2 以上、* 差 1 以上 2 未満 (表示した値で判定)",
	             "** gap >= 2, * 1 <= gap < 2, as shown (gap = target average - score)"},
	[T_NA] = {"対象外", "n/a"},
	[T_NONE] = {"なし", "none"},
	[T_BEHIND2] = {"目標から 2 以上遅れている指示", "Directives 2 or more behind the target"},
	[T_BEHIND1] = {"目標から 1 以上遅れている指示", "Directives 1 to 2 behind the target"},
	[T_LEVEL5] = {"レベル 5 の指示", "Directives at level 5"},
	[T_LOWEST] = {"最も低い指示(改善の余地)", "Lowest directives (room to improve)"},
	[T_HINTS] = {"ヒント", "Hints"},
	[T_HINT1] = {"最優先", "urgent"},
	[T_HINT2] = {"次に", "next"},
	[T_LOWEST_ITEMS] = {"最も低い項目", "lowest items"},
	[T_LEVEL] = {"レベル", "level"},
	[T_TIP] = {"ティップス", "Tip"},
	[T_PLAN] = {"改善計画(目標平均に届かない項目)", "Improvement plan (items below the target's average)"},
	[T_ITEM] = {"項目", "Item"},
	[T_TARGET_LEVEL] = {"目標", "Target"},
	[T_GAIN] = {"総合+", "Overall+"},
	[T_LEVEL_H] = {"レベル", "Level"},
	[T_CHECK] = {"要確認: 前提の質問への回答と矛盾する回答があります。", "To check: answers that contradict a gate question:"},
	[T_PARTIAL] = {"注意: 未回答の項目があります。結果は暫定です。", "Note: some items are unanswered; the result is provisional."},
	[T_WEIGHTED] = {"注意: 指示ごとの重み付けを使用しています。", "Note: directive weights are in use."},
	[T_NO_HINTS] = {"すべての指示が目標平均に達しています。", "Every directive is at or above the target average."},
	[T_IND_NOTE] = {"業種", "Ind"},
	[T_NO_IND] = {"比較データにこの業種はありません", "the benchmark has no group for this industry"},
	[T_GAP_TO] = {"目標平均との差", "gap to the target average"},
};

#define TX(id) T[id][lang]

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
		csm__buf_printf(o, " | %s %s", TX(T_ASSESSED), f);
	csm__buf_printf(o, "\n%s: %s (%s)\n", TX(T_QUESTIONNAIRE), q->id, q->title[lang]);
	if (a->assessor_count) {
		csm__buf_printf(o, "%s: ", TX(T_ASSESSORS));
		for (i = 0; i < a->assessor_count; i++) {
			const char *nm = a->assessor_name[i], *role = a->assessor_role[i];
			csm__buf_printf(o, "%s%s", i ? ", " : "", nm && nm[0] ? nm : "?");
			if (role && role[0])
				csm__buf_printf(o, " (%s)", role);
		}
		csm__buf_puts(o, "\n");
	}
	csm__buf_printf(o, "\n%s %s   %s %s\n", TX(T_OVERALL), csm_format_overall(buf, sizeof buf, s->overall, &s->grading),
	                TX(T_GRADE), csm_grade_name(s->grade));
	if (csm_analysis_compares(an))
		csm__buf_printf(o, "%s: %s (%s: A >= %g, B >= %g%s; %s: %s)\n", TX(T_BENCHMARK), csm_benchmark_name(b),
		                TX(T_GRADING), g->a, g->b, csm_benchmark_grading_estimated(b) ? TX(T_ESTIMATED) : "",
		                TX(T_TARGET), csm_analysis_target(an));
	if (csm_analysis_compares(an) != 2) {
		csm__analysis_comparison_note(an, lang, o);
		csm__buf_puts(o, "\n");
	}
	if (s->partial)
		csm__buf_printf(o, "%s\n", TX(T_PARTIAL));
	if (s->weighted)
		csm__buf_printf(o, "%s\n", TX(T_WEIGHTED));
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
		csm__buf_printf(o, "%s\n%s\n", TX(T_CHECK), w);
	csm_free(w);
	if (csm__answers_discuss_text(a, &items))
		csm__buf_printf(o, "%s: %s\n", lang == CSM_LANG_JA ? "要議論 (評価者の差が 2 以上)" : "To discuss (raters 2+ levels apart)",
		                items.s ? items.s : "");
	o->nomem |= items.nomem;
	csm__buf_free(&items);
	if (csm__answers_unbacked(a, q, &items))
		csm__buf_printf(o, "%s: %s\n", lang == CSM_LANG_JA ? "根拠の記載がない 4・5 の回答" : "Answered 4 or 5 without evidence",
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
	static const char *const heads[5][2] = {{"全体", "All"}, {"C", "C"}, {"B", "B"}, {"A", "A"}, {"業種", "Ind"}};
	size_t k;

	csm__buf_puts(o, "\n");
	csm__rcell(o, "#", 3, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, TX(T_DIRECTIVE), name_w, 0);
	csm__rcell(o, TX(T_SCORE), 7, 1);
	for (k = 0; k < ng; k++)
		if (idx[k] >= 0)
			csm__rcell(o, heads[k][lang], 6, 1);
	if (csm_analysis_compares(an))
		csm__rcell(o, TX(T_GAP), 7, 1);
	if (csm__analysis_prev(an)) {
		csm__rcell(o, lang == CSM_LANG_JA ? "前回" : "Prev", 7, 1);
		csm__rcell(o, lang == CSM_LANG_JA ? "変化" : "Change", 8, 1);
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
		snprintf(buf, sizeof buf, "%s", TX(T_NA));
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
		csm__buf_printf(o, "%s = %s [%s]\n", TX(T_IND_NOTE), csm__analysis_industry_compared(an, lang), keys[4]);
		if (csm__analysis_percentile_withheld(an, &gn))
			csm__buf_printf(o, lang == CSM_LANG_JA ? "業種内の位置: 示しません (n=%u、%u 社未満)\n"
			                                        : "Percentile within the industry: not shown (n=%u, fewer than %u)\n",
			                gn, csm_benchmark_min_group(b));
		else if (csm_analysis_percentile(&pct, an) > 0)
			csm__buf_printf(o, lang == CSM_LANG_JA ? "業種内の位置: %.0f パーセンタイル (n=%u)\n"
			                                        : "Percentile within the industry: %.0f (n=%u)\n",
			                pct, csm_benchmark_group_n(b, (size_t)idx[4]));
	}
	else if (keys[4])
		csm__buf_printf(o, "(%s: %s)\n", keys[4], TX(T_NO_IND));
	if (s->grade != CSM_GRADE_A && csm_analysis_compares(an))
		csm__buf_printf(o, "%s\n", TX(T_MARKS));
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
	csm__buf_printf(o, lang == CSM_LANG_JA ? "前回 (%s, %s): 総合 %s → %s、成熟度 %s → %s\n"
	                                        : "Previous (%s, %s): overall %s -> %s, grade %s -> %s\n",
	                pdate ? pdate : "-", ps->q->id, csm_format_overall(pb, sizeof pb, ps->overall, &ps->grading),
	                csm_format_overall(buf, sizeof buf, s->overall, &s->grading), csm_grade_name(ps->grade),
	                csm_grade_name(s->grade));
	if (strcmp(ps->q->id, q->id) != 0)
		csm__buf_printf(o, "%s\n", lang == CSM_LANG_JA ? "設問の版が異なるため、指示単位で比較しています。"
		                                              : "The questionnaire versions differ: compared by directive.");
	csm__buf_printf(o, "%s (%zu): %s\n", lang == CSM_LANG_JA ? "レベルが変わった項目" : "Items that moved", moved,
	                moved && items.s ? items.s : TX(T_NONE));
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
		int label = which == CSM_LIST_BEHIND_2 ? T_BEHIND2
		            : which == CSM_LIST_BEHIND_1 ? T_BEHIND1
		            : which == CSM_LIST_LEVEL5   ? T_LEVEL5
		                                         : T_LOWEST;
		ln = csm_analysis_list(&list, an, which);
		if (by_level && ln) {
			csm__analysis_level_text(an, which, lang, o);
			csm__buf_puts(o, ": ");
		} else {
			csm__buf_printf(o, "%s: ", TX(label));
		}
		if (!ln)
			csm__buf_puts(o, TX(T_NONE));
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
		csm__buf_printf(o, "  [2 %s] ", TX(T_HINT2));
		csm__analysis_flagged_text(an, lang, o);
		csm__buf_puts(o, lang == CSM_LANG_JA ? "。\n" : ".\n");
	}
	if (h->rank == 1)
		csm__buf_printf(o, "  [1%s%s] ", csm__analysis_hint1_urgent(an) ? " " : "",
		                csm__analysis_hint1_urgent(an) ? TX(T_HINT1) : "");
	else
		csm__buf_puts(o, "    - ");
	csm__buf_printf(o, "%s %d: %s", TX(T_DIRECTIVE), h->directive, q->dir_title[h->directive - 1][lang]);
	if (csm_analysis_compares(an))
		csm__buf_printf(o, " (%s %s)", TX(T_GAP_TO), csm_format1(buf, sizeof buf, h->gap));
	csm__buf_puts(o, "\n");
	csm__buf_printf(o, "      %s (%s %d): ", TX(T_LOWEST_ITEMS), TX(T_LEVEL), h->level);
	for (k = 0; k < h->item_count; k++)
		csm__buf_printf(o, "%s%s", k ? ", " : "", h->items[k]);
	csm__buf_puts(o, "\n");
	for (k = 0; k < h->tip_count; k++) {
		const char *title = csm_tip_title(tips, h->tips[k], lang);
		const char *action = csm_tip_action(tips, h->tips[k], lang);
		csm__buf_printf(o, "      %s %s", TX(T_TIP), h->tips[k]);
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

	csm__buf_printf(o, "\n%s\n", TX(T_PLAN));
	csm__rcell(o, "#", 5, 1);
	csm__buf_puts(o, "  ");
	csm__rcell(o, TX(T_ITEM), 6, 0);
	csm__rcell(o, TX(T_DIRECTIVE), name_w + 2, 0);
	csm__rcell(o, TX(T_LEVEL_H), 7, 1);
	csm__rcell(o, TX(T_TARGET_LEVEL), 7, 1);
	csm__rcell(o, TX(T_GAIN), 10, 1);
	csm__buf_printf(o, "  %s\n", TX(T_TIP));
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
		csm__buf_printf(&o, "  %s\n", TX(T_NO_HINTS));
	for (i = 0; i < csm_analysis_hint_count(an); i++)
		t_hint(&o, an, tips, lang, i);

	/* Plan. */
	if (csm_analysis_plan_count(an))
		t_plan(&o, an, lang, name_w);
	return csm__buf_finish(&o, out);
}
