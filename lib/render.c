/* Output: the csm-score/1 JSON document, the terminal report, the
 * questionnaire as text. Formatting only; the rules are in analysis.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- JSON -------------------------------------------------------------- */

/* The document is written straight into a buffer: building a cJSON tree for
 * each of thousands of documents cost more than scoring them. Free text
 * (names, paths) is still escaped by cJSON; ids are checked to contain no
 * character that needs escaping when they are loaded (csm__valid_id). */

static void j_num(csm__buf *b, double v) { csm__buf_number(b, v); }

static void j_id(csm__buf *b, const char *id)
{
	csm__buf_puts(b, "\"");
	csm__buf_puts(b, id);
	csm__buf_puts(b, "\"");
}

/* Any cJSON value, printed by cJSON. */
static void j_json(csm__buf *b, const cJSON *v)
{
	char *t = v ? cJSON_PrintUnformatted(v) : NULL;
	if (!t) {
		b->nomem = 1;
		return;
	}
	csm__buf_puts(b, t);
	cJSON_free(t);
}

static void j_str(csm__buf *b, const char *s) { csm__buf_json_string(b, s); }

static void j_key(csm__buf *b, int first, const char *key)
{
	csm__buf_puts(b, first ? "\"" : ",\"");
	csm__buf_puts(b, key);
	csm__buf_puts(b, "\":");
}

static void j_ints(csm__buf *b, const int *v, size_t n)
{
	size_t i;
	csm__buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i)
			csm__buf_puts(b, ",");
		j_num(b, v[i]);
	}
	csm__buf_puts(b, "]");
}

/* The items that moved (csm__moved_items' "9-1 2→3, 3-4 1→2") as JSON
 * strings, without the brackets; `text` is cut up in place. */
static void j_moved(csm__buf *b, char *text)
{
	char *t = text, *sep;
	size_t k = 0;
	while (t && *t) {
		if ((sep = strstr(t, ", ")))
			*sep = '\0';
		if (k++)
			csm__buf_puts(b, ",");
		csm__buf_json_string(b, t);
		t = sep ? sep + 2 : NULL;
	}
}

/* --previous: the earlier assessment, its scores and the change of each. */
static void j_previous(csm__buf *o, const csm_analysis *an)
{
	const csm_score *s = csm__analysis_s(an), *ps = csm__analysis_prev(an);
	const csm_answers *pa = csm__analysis_prev_a(an);
	const char *pdate = csm_answers_field_get(pa, CSM_FIELD_ASSESSED_ON);
	csm__buf items = {0};
	size_t moved = csm__moved_items(pa, csm__analysis_a(an), csm__analysis_q(an), &items);
	int d;
	j_key(o, 0, "previous");
	csm__buf_puts(o, "{");
	j_key(o, 1, "assessed_on");
	if (pdate)
		j_id(o, pdate);
	else
		csm__buf_puts(o, "null");
	j_key(o, 0, "questionnaire");
	j_id(o, ps->q->id);
	j_key(o, 0, "overall");
	j_num(o, ps->overall);
	csm__buf_printf(o, ",\"grade\":\"%s\"", csm_grade_name(ps->grade));
	j_key(o, 0, "overall_change");
	j_num(o, s->overall - ps->overall);
	j_key(o, 0, "directives");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm__buf_puts(o, d ? "," : "[");
		if (ps->dir[d].has_score)
			j_num(o, ps->dir[d].score);
		else
			csm__buf_puts(o, "null");
	}
	csm__buf_puts(o, "]");
	j_key(o, 0, "change");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm__buf_puts(o, d ? "," : "[");
		if (ps->dir[d].has_score && s->dir[d].has_score)
			j_num(o, s->dir[d].score - ps->dir[d].score);
		else
			csm__buf_puts(o, "null");
	}
	csm__buf_puts(o, "]");
	j_key(o, 0, "moved");
	csm__buf_puts(o, "[");
	j_moved(o, moved ? items.s : NULL);
	csm__buf_puts(o, "]}");
	o->nomem |= items.nomem;
	csm__buf_free(&items);
}

/* The NIST CSF view: per function its score (null: no answered item) and
 * its number of items; the 2.0 view only where the map was read. */
static void j_csf(csm__buf *o, const csm_score *s)
{
	int v;
	j_key(o, 0, "csf");
	csm__buf_puts(o, "{");
	for (v = CSM_CSF_1_1; v <= CSM_CSF_2_0; v++) {
		size_t i, n = csm_csf_function_count((csm_csf_version)v);
		if (v == CSM_CSF_2_0 && !csm_questionnaire_has_csf2(s->q))
			break;
		j_key(o, v == CSM_CSF_1_1, v == CSM_CSF_1_1 ? "1.1" : "2.0");
		for (i = 0; i < n; i++) {
			double x;
			unsigned items = 0;
			int has = csm_score_csf(&x, &items, s, (csm_csf_version)v, i) > 0;
			csm__buf_puts(o, i ? ",{\"function\":" : "[{\"function\":");
			j_id(o, csm_csf_function_id((csm_csf_version)v, i));
			j_key(o, 0, "score");
			if (has)
				j_num(o, x);
			else
				csm__buf_puts(o, "null");
			j_key(o, 0, "items");
			j_num(o, items);
			csm__buf_puts(o, "}");
		}
		csm__buf_puts(o, "]");
	}
	csm__buf_puts(o, "}");
}

static void j_ids(csm__buf *b, const char *const *v, size_t n)
{
	size_t i;
	csm__buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i)
			csm__buf_puts(b, ",");
		j_id(b, v[i]);
	}
	csm__buf_puts(b, "]");
}


int csm_render_json(char **out, const csm_analysis *an, const char *file)
{
	CSM__ARGS(out && an);
	static const csm_list lists[4] = {CSM_LIST_BEHIND_2, CSM_LIST_BEHIND_1, CSM_LIST_LEVEL5, CSM_LIST_LOWEST};
	static const char *const list_names[4] = {"behind_2", "behind_1", "level5", "lowest"};
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const char *keys[5], *assessed;
	int idx[5], d, first;
	size_t i, ng;
	csm__buf o = {0};

	*out = NULL;
	csm__buf_puts(&o, "{\"format\":\"csm-score/1\"");
	if (file) {
		j_key(&o, 0, "file");
		j_str(&o, file);
	}
	j_key(&o, 0, "questionnaire");
	j_id(&o, q->id);
	j_key(&o, 0, "organization");
	if (a->organization) {
		j_json(&o, a->organization);
	} else { /* CSV: what the command line said */
		csm__buf_puts(&o, "{");
		first = 1;
		if (a->field[CSM_FIELD_ORG_NAME]) {
			j_key(&o, first, "name");
			j_str(&o, a->field[CSM_FIELD_ORG_NAME]);
			first = 0;
		}
		if (a->field[CSM_FIELD_ORG_INDUSTRY]) {
			j_key(&o, first, "industry");
			j_id(&o, a->field[CSM_FIELD_ORG_INDUSTRY]);
		}
		csm__buf_puts(&o, "}");
	}
	if ((assessed = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON))) {
		j_key(&o, 0, "assessed_on");
		j_id(&o, assessed);
	}
	j_key(&o, 0, "directives");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		const csm_directive_score *ds = &s->dir[d - 1];
		csm__buf_puts(&o, d == 1 ? "[{\"id\":" : ",{\"id\":");
		j_num(&o, d);
		j_key(&o, 0, "score");
		if (ds->has_score)
			j_num(&o, ds->score);
		else
			csm__buf_puts(&o, "null");
		j_key(&o, 0, "items");
		j_num(&o, ds->items);
		j_key(&o, 0, "answered");
		j_num(&o, ds->answered);
		j_key(&o, 0, "na");
		j_num(&o, ds->na);
		j_key(&o, 0, "unanswered");
		j_num(&o, ds->unanswered);
		if (!ds->has_score)
			csm__buf_puts(&o, ds->na == ds->items ? ",\"excluded\":\"all items n/a\""
			                                      : ",\"excluded\":\"no item answered\"");
		csm__buf_puts(&o, "}");
	}
	csm__buf_puts(&o, "]");
	j_key(&o, 0, "overall");
	j_num(&o, s->overall);
	csm__buf_printf(&o, ",\"grade\":\"%s\",\"partial\":%s,\"weighted\":%s", csm_grade_name(s->grade),
	                s->partial ? "true" : "false", s->weighted ? "true" : "false");

	{
		char *w = NULL;
		int n = csm_answers_warnings(&w, a, q);
		j_key(&o, 0, "warnings");
		csm__buf_puts(&o, "[");
		if (n > 0) {
			char *line = w, *nl;
			int first_w = 1;
			while (line && *line) {
				nl = strchr(line, '\n');
				if (nl)
					*nl = '\0';
				if (!first_w)
					csm__buf_puts(&o, ",");
				j_str(&o, line);
				first_w = 0;
				line = nl ? nl + 1 : NULL;
			}
		} else if (n < 0) {
			o.nomem = 1;
		}
		csm__buf_puts(&o, "]");
		csm_free(w);
	}
	if (csm__analysis_prev(an))
		j_previous(&o, an);
	csm__json_targets(&o, an);
	csm__json_followup(&o, an);
	j_csf(&o, s);
	j_key(&o, 0, "comparison");
	csm__buf_puts(&o, "{");
	j_key(&o, 1, "benchmark");
	j_str(&o, csm_benchmark_name(b));
	/* 2: built from this questionnaire; 1: by directive; 0: none */
	csm__buf_printf(&o, ",\"compares\":%d", csm_analysis_compares(an));
	if (csm_analysis_compares(an) != 2) {
		csm__buf note = {0};
		csm__analysis_comparison_note(an, CSM_LANG_EN, &note);
		j_key(&o, 0, "note");
		j_str(&o, note.s ? note.s : "");
		o.nomem |= note.nomem;
		csm__buf_free(&note);
	}
	j_key(&o, 0, "target");
	j_id(&o, csm_analysis_target(an));
	{
		const csm_grading *g = csm_benchmark_grading(b);
		j_key(&o, 0, "grading");
		csm__buf_puts(&o, "{\"A\":");
		j_num(&o, g->a);
		csm__buf_puts(&o, ",\"B\":");
		j_num(&o, g->b);
		csm__buf_printf(&o, ",\"estimated\":%s}", csm_benchmark_grading_estimated(b) ? "true" : "false");
	}
	ng = csm__analysis_groups(an, keys, idx);
	j_key(&o, 0, "means");
	csm__buf_puts(&o, "{");
	for (i = 0, first = 1; i < ng; i++) {
		if (idx[i] < 0)
			continue;
		j_key(&o, first, keys[i]);
		csm__buf_puts(&o, csm__benchmark_mean_json(b, (size_t)idx[i]));
		first = 0;
	}
	csm__buf_puts(&o, "}");
	j_key(&o, 0, "n");
	csm__buf_puts(&o, "{");
	for (i = 0, first = 1; i < ng; i++) {
		if (idx[i] < 0)
			continue;
		j_key(&o, first, keys[i]);
		j_num(&o, csm_benchmark_group_n(b, (size_t)idx[i]));
		first = 0;
	}
	csm__buf_puts(&o, "}");
	j_key(&o, 0, "gap");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double g;
		csm__buf_puts(&o, d == 1 ? "[" : ",");
		if (csm_analysis_gap(an, d, &g) > 0)
			j_num(&o, g);
		else
			csm__buf_puts(&o, "null");
	}
	csm__buf_puts(&o, "]");
	if (keys[4]) { /* which group the industry was compared with: its own, its parent's, or none */
		const char *parent = csm_industry_parent(csm__analysis_industries(an), csm__analysis_industry(an));
		j_key(&o, 0, "industry");
		csm__buf_puts(&o, "{\"id\":");
		j_str(&o, csm__analysis_industry(an));
		if (parent) {
			csm__buf_puts(&o, ",\"parent\":");
			j_str(&o, parent);
		}
		csm__buf_puts(&o, ",\"group\":");
		if (idx[4] >= 0) {
			j_str(&o, keys[4]);
			csm__buf_printf(&o, ",\"by\":\"%s\"",
			                parent && strcmp(keys[4] + strlen("industry:"), parent) == 0 ? "parent" : "industry");
			csm__buf_puts(&o, ",\"label\":{\"ja\":");
			j_str(&o, csm__analysis_group_label(an, CSM_LANG_JA));
			csm__buf_puts(&o, ",\"en\":");
			j_str(&o, csm__analysis_group_label(an, CSM_LANG_EN));
			csm__buf_puts(&o, "}");
		} else {
			csm__buf_puts(&o, "null");
		}
		csm__buf_puts(&o, "}");
	}
	j_key(&o, 0, "percentile");
	csm__buf_puts(&o, "{");
	{
		double pct;
		if (csm_analysis_percentile(an, &pct) > 0 && keys[4]) {
			j_key(&o, 1, keys[4]);
			j_num(&o, pct);
		}
	}
	csm__buf_puts(&o, "}");
	for (i = 0; i < 4; i++) {
		const int *v;
		size_t n = csm_analysis_list(an, lists[i], &v);
		j_key(&o, 0, list_names[i]);
		j_ints(&o, v, n);
	}
	j_key(&o, 0, "hints");
	csm__buf_puts(&o, "[");
	for (i = 0; i < csm_analysis_hint_count(an); i++) {
		const csm_hint *h = csm_analysis_hint(an, i);
		csm__buf_puts(&o, i ? ",{\"rank\":" : "{\"rank\":");
		j_num(&o, h->rank);
		j_key(&o, 0, "directive");
		j_num(&o, h->directive);
		j_key(&o, 0, "gap");
		j_num(&o, h->gap);
		j_key(&o, 0, "level");
		j_num(&o, h->level);
		j_key(&o, 0, "items");
		j_ids(&o, h->items, h->item_count);
		j_key(&o, 0, "tips");
		j_ids(&o, h->tips, h->tip_count);
		csm__buf_puts(&o, "}");
	}
	csm__buf_puts(&o, "]");
	j_key(&o, 0, "plan");
	csm__buf_puts(&o, "[");
	for (i = 0; i < csm_analysis_plan_count(an); i++) {
		const csm_plan_step *st = csm_analysis_plan_step(an, i);
		csm__buf_puts(&o, i ? ",{\"item\":" : "{\"item\":");
		j_id(&o, st->item);
		j_key(&o, 0, "directive");
		j_num(&o, st->directive);
		j_key(&o, 0, "level");
		j_num(&o, st->level);
		j_key(&o, 0, "target_level");
		j_num(&o, st->target_level);
		j_key(&o, 0, "overall_gain");
		j_num(&o, st->overall_gain);
		j_key(&o, 0, "tips");
		j_ids(&o, st->tips, st->tip_count);
		csm__buf_puts(&o, "}");
	}
	csm__buf_puts(&o, "]}}");
	return csm__buf_finish(&o, out);
}

/* ---- text -------------------------------------------------------------- */

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
static void cell(csm__buf *b, const char *s, size_t width, int right)
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
static void wrap(csm__buf *b, const char *s, size_t indent, size_t width)
{
	size_t col = indent;
	int space = 0; /* a space is owed before the next word on this line */
	while (*s) {
		const char *e = s;
		size_t w;
		char word[512];
		if (*s == ' ') {
			space = col > indent;
			s++;
			continue;
		}
		/* The next word: a run of narrow characters, or one wide character. */
		if ((unsigned char)*e >= 0xE0)
			e += ((unsigned char)*e >= 0xF0) ? 4 : 3;
		else
			while (*e && *e != ' ' && (unsigned char)*e < 0xE0)
				e++;
		snprintf(word, sizeof word, "%.*s", (int)(e - s), s);
		w = csm__display_width(word);
		if (col + (size_t)space + w > width && col > indent) {
			csm__buf_puts(b, "\n");
			csm__buf_pad(b, 0, indent);
			col = indent;
			space = 0;
		}
		if (space)
			csm__buf_puts(b, " ");
		csm__buf_puts(b, word);
		col += w + (size_t)space;
		space = 0;
		s = e;
	}
}

static void num(char *buf, size_t size, int has, double v)
{
	if (has)
		csm_format1(buf, size, v);
	else
		snprintf(buf, size, "-");
}

int csm_render_text(char **out, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && an && CSM__LANG_OK(lang));
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_grading *g = csm_benchmark_grading(b);
	static const char *const heads[5][2] = {{"全体", "All"}, {"C", "C"}, {"B", "B"}, {"A", "A"}, {"業種", "Ind"}};
	const char *keys[5], *f;
	char buf[32], buf2[32];
	int idx[5], d;
	size_t i, k, ng, name_w = 0;
	csm__buf o = {0};
	const int *list;
	size_t ln;

	*out = NULL;
	/* Header. */
	f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf_puts(&o, f ? f : a->name);
	if ((f = csm__analysis_industry_label(an, lang)))
		csm__buf_printf(&o, " | %s", f);
	if ((f = csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE)))
		csm__buf_printf(&o, " | %s", csm__scope_label(f, lang));
	if ((f = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)))
		csm__buf_printf(&o, " | %s %s", TX(T_ASSESSED), f);
	csm__buf_printf(&o, "\n%s: %s (%s)\n", TX(T_QUESTIONNAIRE), q->id, q->title[lang]);
	if (a->assessor_count) {
		csm__buf_printf(&o, "%s: ", TX(T_ASSESSORS));
		for (i = 0; i < a->assessor_count; i++) {
			const char *nm = a->assessor_name[i], *role = a->assessor_role[i];
			csm__buf_printf(&o, "%s%s", i ? ", " : "", nm && nm[0] ? nm : "?");
			if (role && role[0])
				csm__buf_printf(&o, " (%s)", role);
		}
		csm__buf_puts(&o, "\n");
	}
	csm__buf_printf(&o, "\n%s %s   %s %s\n", TX(T_OVERALL), csm_format_overall(buf, sizeof buf, s->overall, &s->grading),
	                TX(T_GRADE), csm_grade_name(s->grade));
	if (csm_analysis_compares(an))
		csm__buf_printf(&o, "%s: %s (%s: A >= %g, B >= %g%s; %s: %s)\n", TX(T_BENCHMARK), csm_benchmark_name(b),
		                TX(T_GRADING), g->a, g->b, csm_benchmark_grading_estimated(b) ? TX(T_ESTIMATED) : "",
		                TX(T_TARGET), csm_analysis_target(an));
	if (csm_analysis_compares(an) != 2) {
		csm__analysis_comparison_note(an, lang, &o);
		csm__buf_puts(&o, "\n");
	}
	if (s->partial)
		csm__buf_printf(&o, "%s\n", TX(T_PARTIAL));
	if (s->weighted)
		csm__buf_printf(&o, "%s\n", TX(T_WEIGHTED));
	{
		char *w = NULL;
		csm__buf items = {0};
		if (csm_answers_warnings(&w, a, q) > 0)
			csm__buf_printf(&o, "%s\n%s\n", TX(T_CHECK), w);
		csm_free(w);
		if (csm__answers_discuss_text(a, &items))
			csm__buf_printf(&o, "%s: %s\n", lang == CSM_LANG_JA ? "要議論 (評価者の差が 2 以上)" : "To discuss (raters 2+ levels apart)",
			                items.s ? items.s : "");
		o.nomem |= items.nomem;
		csm__buf_free(&items);
		if (csm__answers_unbacked(a, q, &items))
			csm__buf_printf(&o, "%s: %s\n", lang == CSM_LANG_JA ? "根拠の記載がない 4・5 の回答" : "Answered 4 or 5 without evidence",
			                items.s ? items.s : "");
		o.nomem |= items.nomem;
		csm__buf_free(&items);
	}

	/* The table. */
	ng = csm__analysis_groups(an, keys, idx);
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		size_t w = csm__display_width(q->dir_short[d - 1][lang]);
		if (w > name_w)
			name_w = w;
	}
	csm__buf_puts(&o, "\n");
	cell(&o, "#", 3, 1);
	csm__buf_puts(&o, "  ");
	cell(&o, TX(T_DIRECTIVE), name_w, 0);
	cell(&o, TX(T_SCORE), 7, 1);
	for (k = 0; k < ng; k++)
		if (idx[k] >= 0)
			cell(&o, heads[k][lang], 6, 1);
	if (csm_analysis_compares(an))
		cell(&o, TX(T_GAP), 7, 1);
	if (csm__analysis_prev(an)) {
		cell(&o, lang == CSM_LANG_JA ? "前回" : "Prev", 7, 1);
		cell(&o, lang == CSM_LANG_JA ? "変化" : "Change", 8, 1);
	}
	csm__buf_puts(&o, "\n");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		const csm_directive_score *ds = &s->dir[d - 1];
		double gap = 0;
		int has_gap = csm_analysis_gap(an, d, &gap) > 0;
		const char *mark = "";
		snprintf(buf, sizeof buf, "%d", d);
		cell(&o, buf, 3, 1);
		csm__buf_puts(&o, "  ");
		cell(&o, q->dir_short[d - 1][lang], name_w, 0);
		if (ds->has_score)
			csm_format1(buf, sizeof buf, ds->score);
		else
			snprintf(buf, sizeof buf, "%s", TX(T_NA));
		cell(&o, buf, 7, 1);
		for (k = 0; k < ng; k++) {
			double m = 0;
			int has;
			if (idx[k] < 0)
				continue;
			has = csm_benchmark_group_mean(b, (size_t)idx[k], d, &m);
			num(buf, sizeof buf, has, m);
			cell(&o, buf, 6, 1);
		}
		if (csm_analysis_compares(an)) {
			num(buf, sizeof buf, has_gap, gap);
			cell(&o, buf, 7, 1);
		}
		if (csm__analysis_prev(an)) {
			const csm_directive_score *pd = &csm__analysis_prev(an)->dir[d - 1];
			num(buf, sizeof buf, pd->has_score, pd->score);
			cell(&o, buf, 7, 1);
			if (pd->has_score && ds->has_score) {
				cell(&o, csm_format_change(buf2, sizeof buf2, ds->score - pd->score), 8, 1);
			} else {
				cell(&o, "-", 8, 1);
			}
		}
		if (has_gap && s->grade != CSM_GRADE_A)
			mark = csm_gap_mark(gap);
		csm__buf_printf(&o, "%s%s%s\n", mark[0] ? " " : "", mark, ds->unanswered ? " (partial)" : "");
	}
	if (ng) {
		csm__buf_pad(&o, 0, 5 + name_w);
		cell(&o, "n", 7, 1);
		for (k = 0; k < ng; k++) {
			if (idx[k] < 0)
				continue;
			snprintf(buf, sizeof buf, "%u", csm_benchmark_group_n(b, (size_t)idx[k]));
			cell(&o, buf, 6, 1);
		}
		csm__buf_puts(&o, "\n");
	}
	if (keys[4] && idx[4] >= 0) {
		double pct;
		unsigned gn;
		csm__buf_printf(&o, "%s = %s [%s]\n", TX(T_IND_NOTE), csm__analysis_industry_compared(an, lang), keys[4]);
		if (csm__analysis_percentile_withheld(an, &gn))
			csm__buf_printf(&o, lang == CSM_LANG_JA ? "業種内の位置: 示しません (n=%u、%u 社未満)\n"
			                                        : "Percentile within the industry: not shown (n=%u, fewer than %u)\n",
			                gn, csm_benchmark_min_group(b));
		else if (csm_analysis_percentile(an, &pct) > 0)
			csm__buf_printf(&o, lang == CSM_LANG_JA ? "業種内の位置: %.0f パーセンタイル (n=%u)\n"
			                                        : "Percentile within the industry: %.0f (n=%u)\n",
			                pct, csm_benchmark_group_n(b, (size_t)idx[4]));
	}
	else if (keys[4])
		csm__buf_printf(&o, "(%s: %s)\n", keys[4], TX(T_NO_IND));
	if (s->grade != CSM_GRADE_A && csm_analysis_compares(an))
		csm__buf_printf(&o, "%s\n", TX(T_MARKS));
	if (csm__analysis_prev(an)) {
		const csm_score *ps = csm__analysis_prev(an);
		const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
		char pb[16];
		csm__buf items = {0};
		size_t moved = csm__moved_items(csm__analysis_prev_a(an), a, q, &items);
		csm__buf_printf(&o, lang == CSM_LANG_JA ? "前回 (%s, %s): 総合 %s → %s、成熟度 %s → %s\n"
		                                        : "Previous (%s, %s): overall %s -> %s, grade %s -> %s\n",
		                pdate ? pdate : "-", ps->q->id, csm_format_overall(pb, sizeof pb, ps->overall, &ps->grading),
		                csm_format_overall(buf, sizeof buf, s->overall, &s->grading), csm_grade_name(ps->grade),
		                csm_grade_name(s->grade));
		if (strcmp(ps->q->id, q->id) != 0)
			csm__buf_printf(&o, "%s\n", lang == CSM_LANG_JA ? "設問の版が異なるため、指示単位で比較しています。"
			                                              : "The questionnaire versions differ: compared by directive.");
		csm__buf_printf(&o, "%s (%zu): %s\n", lang == CSM_LANG_JA ? "レベルが変わった項目" : "Items that moved", moved,
		                moved && items.s ? items.s : TX(T_NONE));
		o.nomem |= items.nomem;
		csm__buf_free(&items);
	}

	text_csf(&o, s, lang);
	csm__text_targets(&o, an, lang);
	csm__text_followup(&o, an, lang);

	/* Lists: grade A states the levels, as the trial's karte. */
	csm__buf_puts(&o, "\n");
	for (k = 0; k < 2; k++) {
		int by_level = s->grade == CSM_GRADE_A || !csm_analysis_compares(an);
		csm_list which = by_level ? (k ? CSM_LIST_LOWEST : CSM_LIST_LEVEL5) : (k ? CSM_LIST_BEHIND_1 : CSM_LIST_BEHIND_2);
		int label = which == CSM_LIST_BEHIND_2 ? T_BEHIND2
		            : which == CSM_LIST_BEHIND_1 ? T_BEHIND1
		            : which == CSM_LIST_LEVEL5   ? T_LEVEL5
		                                         : T_LOWEST;
		ln = csm_analysis_list(an, which, &list);
		if (by_level && ln) {
			csm__analysis_level_text(an, which, lang, &o);
			csm__buf_puts(&o, ": ");
		} else {
			csm__buf_printf(&o, "%s: ", TX(label));
		}
		if (!ln)
			csm__buf_puts(&o, TX(T_NONE));
		for (i = 0; i < ln; i++)
			csm__buf_printf(&o, "%s%d %s", i ? ", " : "", list[i], q->dir_short[list[i] - 1][lang]);
		csm__buf_puts(&o, "\n");
	}

	/* Hints: the heading by target; hint 1, then hint 2 naming the other
	 * flagged directives together, each of them after it. */
	csm__buf_printf(&o, "\n%s\n", csm__analysis_hints_heading(an, lang));
	if (!csm_analysis_hint_count(an))
		csm__buf_printf(&o, "  %s\n", TX(T_NO_HINTS));
	for (i = 0; i < csm_analysis_hint_count(an); i++) {
		const csm_hint *h = csm_analysis_hint(an, i);
		if (h->rank == 2 && i == 1) {
			csm__buf_printf(&o, "  [2 %s] ", TX(T_HINT2));
			csm__analysis_flagged_text(an, lang, &o);
			csm__buf_puts(&o, lang == CSM_LANG_JA ? "。\n" : ".\n");
		}
		if (h->rank == 1)
			csm__buf_printf(&o, "  [1%s%s] ", csm__analysis_hint1_urgent(an) ? " " : "",
			                csm__analysis_hint1_urgent(an) ? TX(T_HINT1) : "");
		else
			csm__buf_puts(&o, "    - ");
		csm__buf_printf(&o, "%s %d: %s", TX(T_DIRECTIVE), h->directive, q->dir_title[h->directive - 1][lang]);
		if (csm_analysis_compares(an))
			csm__buf_printf(&o, " (%s %s)", TX(T_GAP_TO), csm_format1(buf, sizeof buf, h->gap));
		csm__buf_puts(&o, "\n");
		csm__buf_printf(&o, "      %s (%s %d): ", TX(T_LOWEST_ITEMS), TX(T_LEVEL), h->level);
		for (k = 0; k < h->item_count; k++)
			csm__buf_printf(&o, "%s%s", k ? ", " : "", h->items[k]);
		csm__buf_puts(&o, "\n");
		for (k = 0; k < h->tip_count; k++) {
			const char *title = csm_tip_title(tips, h->tips[k], lang);
			const char *action = csm_tip_action(tips, h->tips[k], lang);
			csm__buf_printf(&o, "      %s %s", TX(T_TIP), h->tips[k]);
			if (title)
				csm__buf_printf(&o, ": %s", title);
			csm__buf_puts(&o, "\n");
			if (action) {
				csm__buf_puts(&o, "        ");
				wrap(&o, action, 8, 78);
				csm__buf_puts(&o, "\n");
			}
		}
	}

	/* Plan. */
	if (csm_analysis_plan_count(an)) {
		csm__buf_printf(&o, "\n%s\n", TX(T_PLAN));
		cell(&o, "#", 5, 1);
		csm__buf_puts(&o, "  ");
		cell(&o, TX(T_ITEM), 6, 0);
		cell(&o, TX(T_DIRECTIVE), name_w + 2, 0);
		cell(&o, TX(T_LEVEL_H), 7, 1);
		cell(&o, TX(T_TARGET_LEVEL), 7, 1);
		cell(&o, TX(T_GAIN), 10, 1);
		csm__buf_printf(&o, "  %s\n", TX(T_TIP));
		for (i = 0; i < csm_analysis_plan_count(an); i++) {
			const csm_plan_step *st = csm_analysis_plan_step(an, i);
			snprintf(buf, sizeof buf, "%zu", i + 1);
			cell(&o, buf, 5, 1);
			csm__buf_puts(&o, "  ");
			cell(&o, st->item, 6, 0);
			cell(&o, q->dir_short[st->directive - 1][lang], name_w + 2, 0);
			snprintf(buf, sizeof buf, "%d", st->level);
			cell(&o, buf, 7, 1);
			snprintf(buf, sizeof buf, "%d", st->target_level);
			cell(&o, buf, 7, 1);
			/* Gains are small: two decimals say more than one here. */
			snprintf(buf2, sizeof buf2, "+%.2f", st->overall_gain);
			cell(&o, buf2, 10, 1);
			csm__buf_puts(&o, " ");
			for (k = 0; k < st->tip_count; k++)
				csm__buf_printf(&o, " %s", st->tips[k]);
			csm__buf_puts(&o, "\n");
		}
	}
	return csm__buf_finish(&o, out);
}

int csm_render_questions(char **out, const csm_questionnaire *q, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	csm__buf o = {0};
	size_t i;
	int d, l;

	csm__buf_printf(&o, "%s (%s)\n\n", q->title[lang], q->id);
	for (l = 1; l <= 5; l++)
		csm__buf_printf(&o, "  %d: %s\n", l, q->level[l - 1][lang]);
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		csm__buf_printf(&o, "\n%s %d: %s\n", lang == CSM_LANG_JA ? "指示" : "Directive", d, q->dir_title[d - 1][lang]);
		for (i = 0; i < q->item_count; i++) {
			const char *t;
			if (q->items[i].directive != d)
				continue;
			csm__buf_printf(&o, "  %-6s ", q->items[i].id);
			wrap(&o, q->items[i].text[CSM_ITEM_QUESTION][lang], 9, 78);
			csm__buf_puts(&o, "\n");
			if ((t = q->items[i].text[CSM_ITEM_INTENT][lang])) {
				csm__buf_pad(&o, 0, 9);
				wrap(&o, t, 9, 78);
				csm__buf_puts(&o, "\n");
			}
		}
	}
	return csm__buf_finish(&o, out);
}

int csm_render_tip(char **out, const csm_tips *t, const char *id, csm_lang lang)
{
	CSM__ARGS(out && t && id && CSM__LANG_OK(lang));
	static const char *const size_ja[3] = {"小", "中", "大"};
	csm_tip_info tip;
	csm__buf o = {0};
	size_t i;
	int rc, ja = lang == CSM_LANG_JA;

	*out = NULL;
	if ((rc = csm_tip_get(&tip, t, id, lang)))
		return rc;
	csm__buf_printf(&o, "%s %s: %s\n", ja ? "ティップス" : "Tip", tip.id, tip.title ? tip.title : "");
	if (tip.problem) {
		csm__buf_printf(&o, "\n%s\n  ", ja ? "課題" : "Problem");
		wrap(&o, tip.problem, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (tip.action_count) {
		csm__buf_printf(&o, "\n%s\n", ja ? "進め方" : "Actions");
		for (i = 0; i < tip.action_count; i++) {
			csm__buf_printf(&o, "  %zu. ", i + 1);
			wrap(&o, tip.actions[i], 5, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (tip.first_step || tip.action) {
		csm__buf_printf(&o, "\n%s\n  ", ja ? "今月できる最初の一歩" : "First step (this month)");
		wrap(&o, tip.first_step ? tip.first_step : tip.action, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (tip.owner || tip.effort || tip.cost || tip.helps_reach || tip.checked) {
		csm__buf_puts(&o, "\n");
		if (tip.owner)
			csm__buf_printf(&o, "%s: %s\n", ja ? "担当" : "Owner", tip.owner);
		if (tip.effort)
			csm__buf_printf(&o, "%s: %c%s%s%s\n", ja ? "工数" : "Effort", tip.effort, ja ? " (" : "",
			                ja ? size_ja[tip.effort == 'S' ? 0 : tip.effort == 'M' ? 1 : 2] : "", ja ? ")" : "");
		if (tip.cost)
			csm__buf_printf(&o, "%s: %c%s%s%s\n", ja ? "費用" : "Cost", tip.cost, ja ? " (" : "",
			                ja ? size_ja[tip.cost == 'S' ? 0 : tip.cost == 'M' ? 1 : 2] : "", ja ? ")" : "");
		if (tip.helps_reach)
			csm__buf_printf(&o, ja ? "レベル %d に達するのに役立ちます\n" : "Helps reach level %d\n", tip.helps_reach);
		if (tip.checked)
			csm__buf_printf(&o, "%s: %s\n", ja ? "内容の確認時点" : "Facts checked", tip.checked);
	}
	return csm__buf_finish(&o, out);
}

int csm_render_questions_md(char **out, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	int ja = lang == CSM_LANG_JA, d, l;
	csm__buf o = {0};
	size_t i, k;

	csm__buf_printf(&o, "# %s\n\n", q->title[lang]);
	csm__buf_printf(&o, "%s `%s`.\n\n", ja ? "設問セット" : "Questionnaire", q->id);
	csm__buf_printf(&o, "## %s\n\n%s\n\n", ja ? "回答のしかた" : "How to answer",
	                ja ? "各項目に 1 から 5 のレベル、または該当しない場合は n/a で回答します。根拠 (evidence) と、誰が評価したかを残してください。"
	                   : "Answer each item with a level from 1 to 5, or n/a where it does not apply. Record the evidence and who assessed it.");
	for (l = 1; l <= 5; l++)
		csm__buf_printf(&o, "- **%d**: %s\n", l, q->level[l - 1][lang]);
	if (q->gate_count) {
		csm__buf_printf(&o, "\n## %s\n\n%s\n\n", ja ? "最初に確認する質問" : "Questions to answer first",
		                ja ? "「いいえ」の場合、関連する項目は高いレベルになりません。矛盾する回答は警告されます。"
		                   : "Where the answer is no, the related items cannot be at a high level; answers that say otherwise are flagged.");
		for (i = 0; i < q->gate_count; i++)
			csm__buf_printf(&o, "- `%s`: %s (%s)\n", q->gates[i].id, q->gates[i].question[lang],
			                ja ? "はい / いいえ" : "yes / no");
	}
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		csm__buf_printf(&o, "\n## %s %d: %s\n", ja ? "指示" : "Directive", d, q->dir_title[d - 1][lang]);
		for (i = 0; i < q->item_count; i++) {
			const csm__item *it = &q->items[i];
			if (it->directive != d)
				continue;
			csm__buf_printf(&o, "\n### %s  %s\n\n", it->id, it->text[CSM_ITEM_QUESTION][lang]);
			if (it->text[CSM_ITEM_INTENT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", ja ? "ねらい:" : "Intent:", it->text[CSM_ITEM_INTENT][lang]);
			if (it->level[0][lang]) {
				csm__buf_printf(&o, "| %s | %s |\n|---|---|\n", ja ? "レベル" : "Level", ja ? "この項目での姿" : "What it looks like");
				for (l = 1; l <= 5; l++)
					csm__buf_printf(&o, "| %d | %s |\n", l, it->level[l - 1][lang]);
				csm__buf_puts(&o, "\n");
			}
			if (it->text[CSM_ITEM_HINT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", ja ? "回答のヒント:" : "How to answer:", it->text[CSM_ITEM_HINT][lang]);
			if (it->appendix_a) /* the official item, so the question can be held against it */
				csm__buf_printf(&o, "%s: %s\n\n",
				                q->appendix_a_source[lang] ? q->appendix_a_source[lang]
				                                           : ja ? "ガイドライン付録A" : "Guidelines Appendix A",
				                it->appendix_a);
			if (it->csf_count) {
				csm__buf_puts(&o, "NIST CSF:");
				for (k = 0; k < it->csf_count; k++)
					csm__buf_printf(&o, " %s", it->csf[k]);
				csm__buf_puts(&o, "\n\n");
			}
			for (k = 0; k < it->tip_count; k++) {
				const char *title = csm_tip_title(tips, it->tips[k], lang);
				csm__buf_printf(&o, "%s %s%s%s\n", ja ? "ティップス" : "Tip", it->tips[k], title ? ": " : "",
				                title ? title : "");
			}
		}
	}
	return csm__buf_finish(&o, out);
}

int csm_render_plan(char **out, const csm_plan *p, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang,
                    int json)
{
	CSM__ARGS(out && p && q && CSM__LANG_OK(lang));
	csm__buf o = {0};
	size_t i, k;
	char a[16], b[16];
	int ja = lang == CSM_LANG_JA;

	if (json) {
		csm__buf_printf(&o, "{\"format\":\"csm-plan/1\",\"target\":\"%s\",\"reached\":%s,\"hint1_directive\":",
		                csm_grade_name(csm_plan_target(p)), csm_plan_reached(p) ? "true" : "false");
		if (csm_plan_hint_directive(p))
			csm__buf_printf(&o, "%d", csm_plan_hint_directive(p));
		else
			csm__buf_puts(&o, "null");
		csm__buf_puts(&o, ",\"moves\":[");
		for (i = 0; i < csm_plan_count(p); i++) {
			const csm_plan_move *m = csm_plan_get(p, i);
			csm__buf_printf(&o, "%s{\"item\":\"%s\",\"directive\":%d,\"from\":%d,\"to\":%d,\"gain\":", i ? "," : "",
			                m->item, m->directive, m->from, m->to);
			csm__buf_number(&o, m->gain);
			csm__buf_printf(&o, ",\"effort\":\"%c\",\"overall_after\":", m->effort);
			csm__buf_number(&o, m->overall_after);
			csm__buf_printf(&o, ",\"grade_after\":\"%s\",\"hint1\":%s,\"tips\":[", csm_grade_name(m->grade_after),
			                m->hint1 ? "true" : "false");
			for (k = 0; k < m->tip_count; k++)
				csm__buf_printf(&o, "%s\"%s\"", k ? "," : "", m->tips[k]);
			csm__buf_puts(&o, "]}");
		}
		csm__buf_puts(&o, "]}");
		return csm__buf_finish(&o, out);
	}
	if (csm_plan_hint_directive(p)) {
		int d = csm_plan_hint_directive(p);
		csm__buf_printf(&o,
		                ja ? "成熟度 %s に向けた計画: カルテのヒント1 (指示%d %s) の差を、その最も低い項目から先に埋め (*)、"
		                     "その後は労力あたりの総合スコアの上昇が大きい順\n\n"
		                   : "Plan towards grade %s: first the karte's hint 1 (directive %d, %s), its lowest items "
		                     "first (*), then the largest rise of the overall per effort\n\n",
		                csm_grade_name(csm_plan_target(p)), d, q->dir_short[d - 1][lang]);
	} else {
		csm__buf_printf(&o, ja ? "成熟度 %s に向けた計画 (労力あたりの総合スコアの上昇が大きい順)\n\n"
		                       : "Plan towards grade %s (largest rise of the overall per effort first)\n\n",
		                csm_grade_name(csm_plan_target(p)));
	}
	cell(&o, "#", 4, 1);
	csm__buf_puts(&o, "  ");
	cell(&o, ja ? "項目" : "Item", 6, 0);
	cell(&o, ja ? "指示" : "Directive", 20, 0);
	cell(&o, ja ? "レベル" : "Level", 8, 1);
	cell(&o, ja ? "総合+" : "Overall+", 10, 1);
	cell(&o, ja ? "労力" : "Effort", 8, 1);
	cell(&o, ja ? "総合" : "Overall", 9, 1);
	cell(&o, ja ? "成熟度" : "Grade", 7, 1);
	csm__buf_printf(&o, "  %s\n", ja ? "ティップス" : "Tip");
	for (i = 0; i < csm_plan_count(p); i++) {
		const csm_plan_move *m = csm_plan_get(p, i);
		char num[24], lv[32], gain[32], eff[4];
		const char *title = m->tip_count ? csm_tip_title(tips, m->tips[0], lang) : NULL;
		snprintf(num, sizeof num, "%s%zu", m->hint1 ? "*" : "", i + 1);
		snprintf(lv, sizeof lv, "%d -> %d", m->from, m->to);
		snprintf(gain, sizeof gain, "+%.2f", m->gain);
		snprintf(eff, sizeof eff, "%c", m->effort);
		cell(&o, num, 4, 1);
		csm__buf_puts(&o, "  ");
		cell(&o, m->item, 6, 0);
		cell(&o, q->dir_short[m->directive - 1][lang], 20, 0);
		cell(&o, lv, 8, 1);
		cell(&o, gain, 10, 1);
		cell(&o, eff, 8, 1);
		cell(&o, csm_format1(a, sizeof a, m->overall_after), 9, 1);
		cell(&o, csm_grade_name(m->grade_after), 7, 1);
		csm__buf_printf(&o, "  %s%s%s\n", m->tip_count ? m->tips[0] : "", title ? " " : "", title ? title : "");
	}
	if (!csm_plan_count(p))
		csm__buf_printf(&o, "  %s\n", ja ? "上げられる項目はありません。" : "Nothing left to raise.");
	csm__buf_printf(&o, "\n%s\n",
	                csm_plan_reached(p) ? (ja ? "この計画で目標の成熟度に達します。" : "These moves reach the target grade.")
	                                    : (ja ? "この範囲では目標の成熟度に達しません。" : "These moves do not reach the target grade."));
	(void)b;
	return csm__buf_finish(&o, out);
}

int csm_render_whatif(char **out, const csm_score *before, const csm_score *after, csm_lang lang, int json)
{
	CSM__ARGS(out && before && after && CSM__LANG_OK(lang));
	const csm_questionnaire *q = before->q;
	csm__buf o = {0};
	char a[16], b[16];
	int d, ja = lang == CSM_LANG_JA;

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
	cell(&o, "#", 3, 1);
	csm__buf_puts(&o, "  ");
	cell(&o, ja ? "指示" : "Directive", 20, 0);
	cell(&o, ja ? "変更前" : "Before", 8, 1);
	cell(&o, ja ? "変更後" : "After", 8, 1);
	csm__buf_puts(&o, "\n");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		char num[8];
		snprintf(num, sizeof num, "%d", d + 1);
		cell(&o, num, 3, 1);
		csm__buf_puts(&o, "  ");
		cell(&o, q->dir_short[d][lang], 20, 0);
		if (before->dir[d].has_score)
			csm_format1(a, sizeof a, before->dir[d].score);
		else
			snprintf(a, sizeof a, "-");
		if (after->dir[d].has_score)
			csm_format1(b, sizeof b, after->dir[d].score);
		else
			snprintf(b, sizeof b, "-");
		cell(&o, a, 8, 1);
		cell(&o, b, 8, 1);
		csm__buf_puts(&o, strcmp(a, b) != 0 ? " *\n" : "\n");
	}
	csm__buf_printf(&o, "\n%s %s -> %s   %s %s -> %s\n", ja ? "総合スコア" : "Overall",
	                csm_format_overall(a, sizeof a, before->overall, &before->grading),
	                csm_format_overall(b, sizeof b, after->overall, &after->grading),
	                ja ? "成熟度" : "Grade", csm_grade_name(before->grade), csm_grade_name(after->grade));
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

int csm_render_trend(char **out, const csm_answers *const *answers, const csm_score *const *scores, size_t n,
                     csm_lang lang, int json)
{
	CSM__ARGS(out && answers && scores && CSM__LANG_OK(lang));
	trend_row *rows;
	csm__buf o = {0};
	char buf[32];
	csm__buf items = {0};
	size_t i, moved, name_w = 12;
	int d, ja = lang == CSM_LANG_JA;
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
		csm__buf_puts(&o, "{\"format\":\"csm-trend/1\",\"assessments\":[");
		for (i = 0; i < n; i++) {
			const csm_score *s = rows[i].s;
			const char *date = rows[i].a->field[CSM_FIELD_ASSESSED_ON];
			csm__buf_puts(&o, i ? ",{\"assessed_on\":" : "{\"assessed_on\":");
			if (date)
				csm__buf_json_string(&o, date);
			else
				csm__buf_puts(&o, "null");
			csm__buf_printf(&o, ",\"questionnaire\":\"%s\",\"overall\":", s->q->id);
			csm__buf_number(&o, s->overall);
			csm__buf_printf(&o, ",\"grade\":\"%s\",\"directives\":[", csm_grade_name(s->grade));
			for (d = 0; d < CSM_DIRECTIVES; d++) {
				if (d)
					csm__buf_puts(&o, ",");
				if (s->dir[d].has_score)
					csm__buf_number(&o, s->dir[d].score);
				else
					csm__buf_puts(&o, "null");
			}
			csm__buf_puts(&o, "]}");
		}
		csm__buf_puts(&o, "],\"moved\":[");
		j_moved(&o, moved ? items.s : NULL);
		csm__buf_puts(&o, "]}");
		free(rows);
		csm__buf_free(&items);
		return csm__buf_finish(&o, out);
	}
	csm__buf_printf(&o, "%s\n\n", rows[n - 1].a->field[CSM_FIELD_ORG_NAME] ? rows[n - 1].a->field[CSM_FIELD_ORG_NAME]
	                                                                         : rows[n - 1].a->name);
	cell(&o, "#", 3, 1);
	csm__buf_puts(&o, "  ");
	cell(&o, ja ? "指示" : "Directive", name_w, 0);
	for (i = 0; i < n; i++) {
		const char *date = rows[i].a->field[CSM_FIELD_ASSESSED_ON];
		cell(&o, date ? date : "-", 12, 1);
	}
	cell(&o, ja ? "変化" : "Change", 9, 1);
	csm__buf_puts(&o, "\n");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		const csm_directive_score *f = &rows[0].s->dir[d], *l = &rows[n - 1].s->dir[d];
		char dn[8];
		snprintf(dn, sizeof dn, "%d", d + 1);
		cell(&o, dn, 3, 1);
		csm__buf_puts(&o, "  ");
		cell(&o, q->dir_short[d][lang], name_w, 0);
		for (i = 0; i < n; i++) {
			const csm_directive_score *x = &rows[i].s->dir[d];
			num(buf, sizeof buf, x->has_score, x->score);
			cell(&o, buf, 12, 1);
		}
		if (f->has_score && l->has_score) {
			char ch[32];
			cell(&o, csm_format_change(ch, sizeof ch, l->score - f->score), 9, 1);
		}
		csm__buf_puts(&o, "\n");
	}
	csm__buf_puts(&o, "\n");
	csm__buf_pad(&o, 0, 5);
	cell(&o, ja ? "総合スコア" : "Overall", name_w, 0);
	for (i = 0; i < n; i++)
		cell(&o, csm_format_overall(buf, sizeof buf, rows[i].s->overall, &rows[i].s->grading), 12, 1);
	csm__buf_puts(&o, "\n");
	csm__buf_pad(&o, 0, 5);
	cell(&o, ja ? "成熟度" : "Grade", name_w, 0);
	for (i = 0; i < n; i++)
		cell(&o, csm_grade_name(rows[i].s->grade), 12, 1);
	csm__buf_puts(&o, "\n");
	csm__buf_pad(&o, 0, 5);
	cell(&o, ja ? "設問" : "Questionnaire", name_w, 0);
	for (i = 0; i < n; i++)
		cell(&o, rows[i].s->q->id, 12, 1);
	csm__buf_puts(&o, "\n");
	if (n > 1)
		csm__buf_printf(&o, "\n%s (%zu): %s\n", ja ? "直近2回でレベルが変わった項目" : "Items that moved in the last two",
		                moved, moved && items.s ? items.s : (ja ? "なし" : "none"));
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
	csm__buf_puts(&o, ",rank,rollup\r\n");
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
		csm__buf_printf(&o, ",,%s\r\n", rollups[pf.weighted ? rollup : CSM_ROLLUP_MEAN]);
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
		csm__buf_printf(&o, ",%zu,\r\n", i + 1);
	}
	csm__portfolio_free(&pf);
	return csm__buf_finish(&o, out);
}
