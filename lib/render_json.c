/* The csm-score/1 JSON document. Formatting only; the rules are in
 * analysis.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "benchmark.h"
#include "error.h"
#include "followup.h"
#include "json.h"
#include "questionnaire.h"
#include "render.h"
#include "score.h"
#include "util.h"

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

/* j_key for a literal key: the piece's length is known when compiling. */
#define J_KEY(b, first, key) \
	((first) ? csm__buf_add((b), "\"" key "\":", sizeof "\"" key "\":" - 1) \
	         : csm__buf_add((b), ",\"" key "\":", sizeof ",\"" key "\":" - 1))

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
void csm__rjson_moved(csm__buf *b, char *text)
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
	J_KEY(o, 0, "previous");
	csm__buf_puts(o, "{");
	J_KEY(o, 1, "assessed_on");
	if (pdate)
		j_id(o, pdate);
	else
		csm__buf_puts(o, "null");
	J_KEY(o, 0, "questionnaire");
	j_id(o, ps->q->id);
	J_KEY(o, 0, "overall");
	j_num(o, ps->overall);
	csm__buf_printf(o, ",\"grade\":\"%s\"", csm_grade_name(ps->grade));
	J_KEY(o, 0, "overall_change");
	j_num(o, s->overall - ps->overall);
	J_KEY(o, 0, "directives");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm__buf_puts(o, d ? "," : "[");
		if (ps->dir[d].has_score)
			j_num(o, ps->dir[d].score);
		else
			csm__buf_puts(o, "null");
	}
	csm__buf_puts(o, "]");
	J_KEY(o, 0, "change");
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		csm__buf_puts(o, d ? "," : "[");
		if (ps->dir[d].has_score && s->dir[d].has_score)
			j_num(o, s->dir[d].score - ps->dir[d].score);
		else
			csm__buf_puts(o, "null");
	}
	csm__buf_puts(o, "]");
	J_KEY(o, 0, "moved");
	csm__buf_puts(o, "[");
	csm__rjson_moved(o, moved ? items.s : NULL);
	csm__buf_puts(o, "]}");
	o->nomem |= items.nomem;
	csm__buf_free(&items);
}

/* The NIST CSF view: per function its score (null: no answered item) and
 * its number of items; the 2.0 view only where the map was read. */
static void j_csf(csm__buf *o, const csm_score *s)
{
	int v;
	J_KEY(o, 0, "csf");
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
			J_KEY(o, 0, "score");
			if (has)
				j_num(o, x);
			else
				csm__buf_puts(o, "null");
			J_KEY(o, 0, "items");
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


/* "organization": as the answers have it, or for CSV what the command line
 * said. */
static void j_organization(csm__buf *o, const csm_answers *a)
{
	int first;
	if (a->organization) {
		j_json(o, a->organization);
	} else { /* CSV: what the command line said */
		csm__buf_puts(o, "{");
		first = 1;
		if (a->field[CSM_FIELD_ORG_NAME]) {
			J_KEY(o, first, "name");
			j_str(o, a->field[CSM_FIELD_ORG_NAME]);
			first = 0;
		}
		if (a->field[CSM_FIELD_ORG_INDUSTRY]) {
			J_KEY(o, first, "industry");
			j_id(o, a->field[CSM_FIELD_ORG_INDUSTRY]);
		}
		csm__buf_puts(o, "}");
	}
}

/* "directives": each one's score and how many of its items count. */
static void j_directives(csm__buf *o, const csm_score *s)
{
	int d;
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		const csm_directive_score *ds = &s->dir[d - 1];
		csm__buf_puts(o, d == 1 ? "[{\"id\":" : ",{\"id\":");
		j_num(o, d);
		J_KEY(o, 0, "score");
		if (ds->has_score)
			j_num(o, ds->score);
		else
			csm__buf_puts(o, "null");
		J_KEY(o, 0, "items");
		j_num(o, ds->items);
		J_KEY(o, 0, "answered");
		j_num(o, ds->answered);
		J_KEY(o, 0, "na");
		j_num(o, ds->na);
		J_KEY(o, 0, "unanswered");
		j_num(o, ds->unanswered);
		if (!ds->has_score)
			csm__buf_puts(o, ds->na == ds->items ? ",\"excluded\":\"all items n/a\""
			                                      : ",\"excluded\":\"no item answered\"");
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]");
}

/* "warnings": the answers' warnings, a string each. */
static void j_warnings(csm__buf *o, const csm_answers *a, const csm_questionnaire *q)
{
	char *w = NULL;
	int n = csm_answers_warnings(&w, a, q);
	J_KEY(o, 0, "warnings");
	csm__buf_puts(o, "[");
	if (n > 0) {
		char *line = w, *nl;
		int first_w = 1;
		while (line && *line) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			if (!first_w)
				csm__buf_puts(o, ",");
			j_str(o, line);
			first_w = 0;
			line = nl ? nl + 1 : NULL;
		}
	} else if (n < 0) {
		o->nomem = 1;
	}
	csm__buf_puts(o, "]");
	csm_free(w);
}

/* The benchmark's groups: their "means", "n", the "gap" to the target and
 * which group the "industry" was compared with. */
static void j_groups(csm__buf *o, const csm_analysis *an, const csm_benchmark *b)
{
	const char *keys[5];
	int idx[5], d, first;
	size_t i, ng;
	ng = csm__analysis_groups(an, keys, idx);
	J_KEY(o, 0, "means");
	csm__buf_puts(o, "{");
	for (i = 0, first = 1; i < ng; i++) {
		if (idx[i] < 0)
			continue;
		j_key(o, first, keys[i]);
		csm__buf_puts(o, csm__benchmark_mean_json(b, (size_t)idx[i]));
		first = 0;
	}
	csm__buf_puts(o, "}");
	J_KEY(o, 0, "n");
	csm__buf_puts(o, "{");
	for (i = 0, first = 1; i < ng; i++) {
		if (idx[i] < 0)
			continue;
		j_key(o, first, keys[i]);
		j_num(o, csm_benchmark_group_n(b, (size_t)idx[i]));
		first = 0;
	}
	csm__buf_puts(o, "}");
	J_KEY(o, 0, "gap");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double g;
		csm__buf_puts(o, d == 1 ? "[" : ",");
		if (csm_analysis_gap(&g, an, d) > 0)
			j_num(o, g);
		else
			csm__buf_puts(o, "null");
	}
	csm__buf_puts(o, "]");
	if (keys[4]) { /* which group the industry was compared with: its own, its parent's, or none */
		const char *parent = csm_industry_parent(csm__analysis_industries(an), csm__analysis_industry(an));
		J_KEY(o, 0, "industry");
		csm__buf_puts(o, "{\"id\":");
		j_str(o, csm__analysis_industry(an));
		if (parent) {
			csm__buf_puts(o, ",\"parent\":");
			j_str(o, parent);
		}
		csm__buf_puts(o, ",\"group\":");
		if (idx[4] >= 0) {
			j_str(o, keys[4]);
			csm__buf_printf(o, ",\"by\":\"%s\"",
			                parent && strcmp(keys[4] + strlen("industry:"), parent) == 0 ? "parent" : "industry");
			csm__buf_puts(o, ",\"label\":{\"ja\":");
			j_str(o, csm__analysis_group_label(an, CSM_LANG_JA));
			csm__buf_puts(o, ",\"en\":");
			j_str(o, csm__analysis_group_label(an, CSM_LANG_EN));
			csm__buf_puts(o, "}");
		} else {
			csm__buf_puts(o, "null");
		}
		csm__buf_puts(o, "}");
	}
	J_KEY(o, 0, "percentile");
	csm__buf_puts(o, "{");
	{
		double pct;
		if (csm_analysis_percentile(&pct, an) > 0 && keys[4]) {
			j_key(o, 1, keys[4]);
			j_num(o, pct);
		}
	}
	csm__buf_puts(o, "}");
}

/* The directive lists: behind the target, at level 5, lowest. */
static void j_lists(csm__buf *o, const csm_analysis *an)
{
	static const csm_list lists[4] = {CSM_LIST_BEHIND_2, CSM_LIST_BEHIND_1, CSM_LIST_LEVEL5, CSM_LIST_LOWEST};
	static const char *const list_names[4] = {"behind_2", "behind_1", "level5", "lowest"};
	size_t i;
	for (i = 0; i < 4; i++) {
		const int *v;
		size_t n = csm_analysis_list(&v, an, lists[i]);
		j_key(o, 0, list_names[i]);
		j_ints(o, v, n);
	}
}

/* "hints": each one's directive, gap, lowest items and their tips. */
static void j_hints(csm__buf *o, const csm_analysis *an)
{
	size_t i;
	J_KEY(o, 0, "hints");
	csm__buf_puts(o, "[");
	for (i = 0; i < csm_analysis_hint_count(an); i++) {
		const csm_hint *h = csm_analysis_hint(an, i);
		csm__buf_puts(o, i ? ",{\"rank\":" : "{\"rank\":");
		j_num(o, h->rank);
		J_KEY(o, 0, "directive");
		j_num(o, h->directive);
		J_KEY(o, 0, "gap");
		j_num(o, h->gap);
		J_KEY(o, 0, "level");
		j_num(o, h->level);
		J_KEY(o, 0, "items");
		j_ids(o, h->items, h->item_count);
		J_KEY(o, 0, "tips");
		j_ids(o, h->tips, h->tip_count);
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]");
}

/* "plan": the improvement steps, item by item. */
static void j_plan(csm__buf *o, const csm_analysis *an)
{
	size_t i;
	J_KEY(o, 0, "plan");
	csm__buf_puts(o, "[");
	for (i = 0; i < csm_analysis_plan_count(an); i++) {
		const csm_plan_step *st = csm_analysis_plan_step(an, i);
		csm__buf_puts(o, i ? ",{\"item\":" : "{\"item\":");
		j_id(o, st->item);
		J_KEY(o, 0, "directive");
		j_num(o, st->directive);
		J_KEY(o, 0, "level");
		j_num(o, st->level);
		J_KEY(o, 0, "target_level");
		j_num(o, st->target_level);
		J_KEY(o, 0, "overall_gain");
		j_num(o, st->overall_gain);
		J_KEY(o, 0, "tips");
		j_ids(o, st->tips, st->tip_count);
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]");
}

/* "comparison": the benchmark, the target, the grading and everything
 * compared with it. */
static void j_comparison(csm__buf *o, const csm_analysis *an)
{
	const csm_benchmark *b = csm__analysis_b(an);
	csm__buf_puts(o, "{");
	J_KEY(o, 1, "benchmark");
	j_str(o, csm_benchmark_name(b));
	/* 2: built from this questionnaire; 1: by directive; 0: none */
	csm__buf_printf(o, ",\"compares\":%d", csm_analysis_compares(an));
	if (csm_analysis_compares(an) != 2) {
		csm__buf note = {0};
		csm__analysis_comparison_note(an, CSM_LANG_EN, &note);
		J_KEY(o, 0, "note");
		j_str(o, note.s ? note.s : "");
		o->nomem |= note.nomem;
		csm__buf_free(&note);
	}
	J_KEY(o, 0, "target");
	j_id(o, csm_analysis_target(an));
	{
		const csm_grading *g = csm_benchmark_grading(b);
		J_KEY(o, 0, "grading");
		csm__buf_puts(o, "{\"A\":");
		j_num(o, g->a);
		csm__buf_puts(o, ",\"B\":");
		j_num(o, g->b);
		csm__buf_printf(o, ",\"estimated\":%s}", csm_benchmark_grading_estimated(b) ? "true" : "false");
	}
	j_groups(o, an, b);
	j_lists(o, an);
	j_hints(o, an);
	j_plan(o, an);
	csm__buf_puts(o, "}");
}

int csm_render_json(char **out, const csm_analysis *an, const char *file)
{
	CSM__ARGS(out && an);
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const char *assessed;
	csm__buf o = {0};

	*out = NULL;
	csm__buf_puts(&o, "{\"format\":\"csm-score/1\"");
	if (file) {
		J_KEY(&o, 0, "file");
		j_str(&o, file);
	}
	J_KEY(&o, 0, "questionnaire");
	j_id(&o, q->id);
	J_KEY(&o, 0, "organization");
	j_organization(&o, a);
	if ((assessed = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON))) {
		J_KEY(&o, 0, "assessed_on");
		j_id(&o, assessed);
	}
	J_KEY(&o, 0, "directives");
	j_directives(&o, s);
	J_KEY(&o, 0, "overall");
	j_num(&o, s->overall);
	csm__buf_printf(&o, ",\"grade\":\"%s\",\"partial\":%s,\"weighted\":%s", csm_grade_name(s->grade),
	                s->partial ? "true" : "false", s->weighted ? "true" : "false");
	j_warnings(&o, a, q);
	if (csm__analysis_prev(an))
		j_previous(&o, an);
	csm__json_targets(&o, an);
	csm__json_followup(&o, an);
	j_csf(&o, s);
	J_KEY(&o, 0, "comparison");
	j_comparison(&o, an);
	csm__buf_puts(&o, "}");
	return csm__buf_finish(&o, out);
}
