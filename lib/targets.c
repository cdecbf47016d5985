/* Targets: what an assessment aims for, item by item or as a grade by a
 * date, and the score report's "current versus target" per directive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "targets.h"
#include "util.h"

void csm__targets_free(csm__targets *t)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < t->count; i++)
		free(t->id[i]);
	free(t->id);
	free(t->level);
	free(t->by);
	free(t);
}

/* "YYYY-MM" (a month) or a date YYYY-MM-DD. */
static int valid_by(const char *s)
{
	char d[11];
	if (strlen(s) == 7) {
		memcpy(d, s, 7);
		memcpy(d + 7, "-01", 4);
		return csm__valid_date(d);
	}
	return csm__valid_date(s);
}

/* "targets": {"1-1": 4, "2-3": "5"}: levels as answers give them, but n/a is
 * no target; null is none. */
static int parse_levels(csm__targets *t, const cJSON *obj, csm__problems *p, const char *name)
{
	const cJSON *v;
	size_t n = (size_t)cJSON_GetArraySize(obj);
	if (n > CSM_MAX_ITEMS) {
		csm__problem(p, "%s: targets: more than %u items", name, CSM_MAX_ITEMS);
		return 0;
	}
	if (n && (!(t->id = calloc(n, sizeof *t->id)) || !(t->level = calloc(n, sizeof *t->level))))
		return csm__nomem();
	cJSON_ArrayForEach(v, obj) {
		csm_answer_kind kind = CSM_ANSWER_NULL;
		int level = 0, ok;
		char num[8];
		if (!csm__valid_id(v->string)) {
			csm__problem(p, "%s: targets: \"%.40s\" is not an item id", name, v->string);
			continue;
		}
		if (cJSON_IsNull(v))
			continue;
		if (cJSON_IsNumber(v)) { /* through the one parser: a whole 1..5 only */
			double d = v->valuedouble;
			snprintf(num, sizeof num, "%d", d >= 0 && d <= 9 && d == (int)d ? (int)d : 0);
			ok = csm__level_parse(num, strlen(num), 0, &kind, &level) == 0;
		} else {
			ok = cJSON_IsString(v) &&
			     csm__level_parse(v->valuestring, strlen(v->valuestring), 1, &kind, &level) == 0;
		}
		if (ok && kind == CSM_ANSWER_NULL)
			continue; /* "" as null: no target */
		if (!ok || kind != CSM_ANSWER_LEVEL) {
			csm__problem(p, "%s: targets.%s: expected a target level 1..5 (or null)", name, v->string);
			continue;
		}
		if (!(t->id[t->count] = csm__strdup(v->string)))
			return csm__nomem();
		t->level[t->count++] = level;
	}
	return 0;
}

/* "target": {"grade": "A", "by": "2027-03"} */
static int parse_grade(csm__targets *t, const cJSON *obj, csm__problems *p, const char *name)
{
	const char *g = csm__json_line(obj, "grade", CSM_MAX_NAME_BYTES, p, name, "target.grade");
	const char *by = csm__json_line(obj, "by", CSM_MAX_NAME_BYTES, p, name, "target.by");
	if (g) {
		if (strcmp(g, "A") == 0)
			t->grade = CSM_GRADE_A;
		else if (strcmp(g, "B") == 0)
			t->grade = CSM_GRADE_B;
		else if (strcmp(g, "C") == 0)
			t->grade = CSM_GRADE_C;
		else
			csm__problem(p, "%s: target.grade: \"%.40s\" is not a grade (expected A, B or C)", name, g);
	}
	if (by && !valid_by(by))
		csm__problem(p, "%s: target.by: \"%.40s\" is not a date YYYY-MM or YYYY-MM-DD", name, by);
	else if (by && !(t->by = csm__strdup(by)))
		return csm__nomem();
	return 0;
}

int csm__targets_parse(csm_answers *a, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *levels = cJSON_GetObjectItemCaseSensitive(root, "targets");
	const cJSON *grade = cJSON_GetObjectItemCaseSensitive(root, "target");
	csm__targets *t;
	int rc = 0;
	if (!levels && !grade)
		return 0;
	if (!(t = calloc(1, sizeof *t)))
		return csm__nomem();
	t->grade = CSM_GRADE_NONE;
	a->targets = t;
	if (levels && !cJSON_IsObject(levels))
		csm__problem(p, "%s: targets: expected an object of item ids and levels", name);
	else if (levels)
		rc = parse_levels(t, levels, p, name);
	if (!rc && grade && !cJSON_IsObject(grade))
		csm__problem(p, "%s: target: expected {\"grade\": \"A\", \"by\": \"YYYY-MM\"}", name);
	else if (!rc && grade)
		rc = parse_grade(t, grade, p, name);
	return rc;
}

void csm__targets_check(const csm_answers *a, const csm_questionnaire *q, csm__problems *p)
{
	size_t i;
	for (i = 0; a->targets && i < a->targets->count; i++)
		if (csm_questionnaire_item_find(q, a->targets->id[i]) < 0)
			csm__problem(p, "%s: targets.%s: no such item in questionnaire %s", a->name, a->targets->id[i],
			             q->id);
}

int csm_answers_target(const csm_answers *a, const char *item_id)
{
	size_t i;
	for (i = 0; a && item_id && a->targets && i < a->targets->count; i++)
		if (strcmp(a->targets->id[i], item_id) == 0)
			return a->targets->level[i];
	return 0;
}

csm_grade csm_answers_target_grade(const csm_answers *a)
{
	return a && a->targets ? a->targets->grade : CSM_GRADE_NONE;
}

const char *csm_answers_target_by(const csm_answers *a) { return a && a->targets ? a->targets->by : NULL; }

int csm_analysis_set_targets(csm_analysis *an, const csm_tips *tips)
{
	CSM__ARGS(an);
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	csm__followup *fu = csm__analysis_followup(an);
	csm_plan *p = NULL;
	int *t;
	size_t i;
	int rc = 0;

	free(fu->target);
	fu->target = NULL;
	if (!a->targets)
		return 0;
	if (!(t = calloc(q->item_count ? q->item_count : 1, sizeof *t)))
		return csm__nomem();
	if (a->targets->grade != CSM_GRADE_NONE) {
		/* the plan's rule: the level it raises each item to */
		csm_plan_options opt = CSM_PLAN_OPTIONS_INIT;
		opt.target = a->targets->grade;
		opt.start = an;
		if ((rc = csm_plan_make(&p, q, a, &s->grading, tips, &opt))) {
			free(t);
			return rc;
		}
		for (i = 0; i < csm_plan_count(p); i++) {
			const csm_plan_move *m = csm_plan_get(p, i);
			int k = csm_questionnaire_item_find(q, m->item);
			if (k >= 0 && m->to > t[k])
				t[k] = m->to;
		}
		csm_plan_free(p);
	}
	for (i = 0; i < q->item_count; i++) { /* the file's own targets come first */
		int lv = csm_answers_target(a, q->items[i].id);
		if (lv)
			t[i] = lv;
	}
	fu->target = t;
	return 0;
}

int csm_analysis_item_target(const csm_analysis *an, size_t i)
{
	const csm__followup *fu;
	if (!an || i >= csm__analysis_q(an)->item_count)
		return 0;
	fu = csm__analysis_followup(an);
	return fu->target ? fu->target[i] : 0;
}

/* The directive's score if every item were at least at its target (n/a and
 * unanswered items count as the score does: not at all). */
static int dir_target(const csm_analysis *an, int d, double *out)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const int *t = csm__analysis_followup(an)->target;
	unsigned sum = 0, n = 0;
	size_t i;
	for (i = 0; i < q->item_count; i++) {
		int lv = s->level[i];
		if (q->items[i].directive != d || lv < 1)
			continue;
		sum += (unsigned)(t[i] > lv ? t[i] : lv);
		n++;
	}
	*out = n ? (double)sum / n : 0;
	return n > 0;
}

int csm__analysis_target_score(double *out, const csm_analysis *an, int d)
{
	*out = 0;
	if (!csm__analysis_followup(an)->target)
		return 0;
	return dir_target(an, d, out);
}

void csm__text_targets(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	char cur[32], tgt[32];
	int d;
	if (!csm__analysis_followup(an)->target)
		return;
	csm__buf_printf(o, "\n%s", csm__msg("targets.heading", lang));
	if (a->targets->grade != CSM_GRADE_NONE)
		csm__buf_msgf(o, csm__msg("targets.grade", lang), csm_grade_name(a->targets->grade),
		                a->targets->by ? csm__msg("targets.grade_by", lang) : "", a->targets->by ? a->targets->by : "");
	else if (a->targets->by)
		csm__buf_msgf(o, csm__msg("targets.by", lang), a->targets->by);
	csm__buf_printf(o, "\n%s\n", csm__msg("targets.columns", lang));
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		const csm_directive_score *ds = &s->dir[d - 1];
		double tv;
		size_t i, n = 0;
		if (!ds->has_score || !dir_target(an, d, &tv))
			continue;
		csm_format1(cur, sizeof cur, ds->score);
		csm_format1(tgt, sizeof tgt, tv);
		csm__buf_printf(o, "%3d  %4s  %s %4s", d, cur, csm__msg("common.arrow", lang), tgt);
		for (i = 0; i < q->item_count; i++) {
			int t = csm__analysis_followup(an)->target[i];
			if (q->items[i].directive == d && s->level[i] >= 1 && t > s->level[i])
				csm__buf_printf(o, "%s%s %d→%d", n++ ? ", " : " ", q->items[i].id, s->level[i], t);
		}
		csm__buf_printf(o, "%s\n", n ? "" : csm__msg("targets.met", lang));
	}
}

void csm__json_targets(csm__buf *o, const csm_analysis *an)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const int *t = csm__analysis_followup(an)->target;
	size_t i;
	int d, first = 1;
	if (!t)
		return;
	csm__buf_puts(o, ",\"targets\":{\"grade\":");
	if (a->targets->grade != CSM_GRADE_NONE)
		csm__buf_printf(o, "\"%s\"", csm_grade_name(a->targets->grade));
	else
		csm__buf_puts(o, "null");
	csm__buf_puts(o, ",\"by\":");
	if (a->targets->by)
		csm__buf_json_string(o, a->targets->by);
	else
		csm__buf_puts(o, "null");
	csm__buf_puts(o, ",\"items\":{");
	for (i = 0; i < q->item_count; i++) {
		if (!t[i])
			continue;
		csm__buf_printf(o, "%s", first ? "" : ",");
		csm__buf_json_string(o, q->items[i].id);
		csm__buf_printf(o, ":%d", t[i]);
		first = 0;
	}
	csm__buf_puts(o, "},\"directives\":[");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double tv;
		csm__buf_printf(o, "%s{\"id\":%d,\"score\":", d > 1 ? "," : "", d);
		if (s->dir[d - 1].has_score)
			csm__buf_number(o, s->dir[d - 1].score);
		else
			csm__buf_puts(o, "null");
		csm__buf_puts(o, ",\"target\":");
		if (s->dir[d - 1].has_score && dir_target(an, d, &tv))
			csm__buf_number(o, tv);
		else
			csm__buf_puts(o, "null");
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]}");
}
