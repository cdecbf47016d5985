/* Points: questionnaires with their own answer scale (sme-check), and the
 * small company's result (SECURITY ACTION readiness, the guideline's step,
 * what to do first). The rule is csm_sme_result_get()'s, in include/csm.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "benchmark.h"
#include "error.h"
#include "industries.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "util.h"

/* The formats come from the message table, whose test checks that every
 * language has the same conversions as the key's arguments. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

struct csm_points {
	const csm_questionnaire *q;
	int *choice;           /* per item: the choice index, -1 not answered */
	int total, max;
	int group[CSM_DIRECTIVES], group_max[CSM_DIRECTIVES];
	size_t unknown, unanswered;
	size_t *todo;          /* item indexes in the order to do them */
	size_t todo_count;
	csm_sme_result sme;
	/* peers (csm_points_set_benchmark()): the benchmark, whether it is in
	 * points of this questionnaire, and its groups all and the industry's (-1: none) */
	const csm_benchmark *bench;
	int bench_ok;
	int peer[2];
	char industry[CSM__KEY_MAX]; /* the key of peer[1]: the industry's group or its parent's */
	const csm_answers *a;
	const csm_industries *ind;   /* csm_points_use_industries(), or NULL */
};

/* An item counts as done when its choice has the scale's most points. */
static int item_done(const csm_points *p, size_t i)
{
	const csm_questionnaire *q = p->q;
	return p->choice[i] >= 0 && q->choices[p->choice[i]].points >= q->choices[q->best_choice].points;
}

/* 1 if item `i` carries `mark`. */
static int has_mark(const csm_questionnaire *q, size_t i, const char *mark)
{
	size_t k;
	for (k = 0; k < q->items[i].mark_count; k++)
		if (strcmp(q->items[i].marks[k], mark) == 0)
			return 1;
	return 0;
}

/* The to-do order: nothing done (0 points or less, "don't know", not
 * answered) before done in part; then the group; then the questionnaire's order. */
static int todo_class(const csm_points *p, size_t i)
{
	return p->choice[i] < 0 || p->q->choices[p->choice[i]].points <= 0 ? 0 : 1;
}

/* The to-do order as one number: a basic measure first (they decide the
 * first star, and the guideline starts there), then class, group, index
 * (qsort has no context). */
static unsigned long todo_key(const csm_points *p, size_t i)
{
	size_t k;
	int basic = 0;
	for (k = 0; k < p->q->items[i].mark_count; k++)
		basic |= strncmp(p->q->items[i].marks[k], "basic-", 6) == 0;
	return (unsigned long)!basic << 25 | (unsigned long)todo_class(p, i) << 24 |
	       (unsigned long)p->q->items[i].directive << 16 | (unsigned long)i;
}

static int key_cmp(const void *x, const void *y)
{
	unsigned long a = *(const unsigned long *)x, b = *(const unsigned long *)y;
	return a < b ? -1 : a > b;
}

static void sme_rule(csm_points *p)
{
	const csm_questionnaire *q = p->q;
	csm_sme_result *r = &p->sme;
	unsigned present = 0;
	size_t i;
	int k, policy_seen = 0;

	r->policy_done = 1;
	for (i = 0; i < q->item_count; i++) {
		for (k = 0; k < 5; k++) {
			char mark[16];
			snprintf(mark, sizeof mark, "basic-%d", k + 1);
			if (has_mark(q, i, mark)) {
				present |= 1u << k;
				if (!item_done(p, i))
					r->basics_missing |= 1u << k;
			}
		}
		if (has_mark(q, i, "policy")) {
			policy_seen = 1;
			r->policy_done &= item_done(p, i);
		}
		if (!item_done(p, i))
			p->todo[p->todo_count++] = i;
	}
	r->basics_missing |= ~present & 0x1fu; /* a basic measure no item asks about is not shown done */
	r->policy_done &= policy_seen;
	r->diagnosis_complete = p->unanswered == 0 && p->unknown == 0;
	if (r->basics_missing)
		r->step = CSM_SME_STEP_BASICS;
	else if (!r->diagnosis_complete)
		r->step = CSM_SME_STEP_DIAGNOSIS;
	else if (!r->policy_done)
		r->step = CSM_SME_STEP_POLICY;
	else
		r->step = CSM_SME_STEP_IMPROVE;
	r->stars = r->basics_missing ? 0 : r->diagnosis_complete && r->policy_done ? 2 : 1;
	r->todo_count = p->todo_count;
}

/* Sort the items to do (sme_rule() listed them) by todo_key(). */
static int todo_sort(csm_points *p)
{
	unsigned long *key;
	size_t i;
	if (!p->todo_count) /* nothing to do first */
		return 0;
	if (!(key = calloc(p->todo_count, sizeof *key)))
		return csm__nomem();
	for (i = 0; i < p->todo_count; i++)
		key[i] = todo_key(p, p->todo[i]);
	qsort(key, p->todo_count, sizeof *key, key_cmp);
	for (i = 0; i < p->todo_count; i++)
		p->todo[i] = (size_t)(key[i] & 0xffffu);
	free(key);
	return 0;
}

int csm_points_compute(csm_points **out, const csm_questionnaire *q, const csm_answers *a, unsigned flags)
{
	CSM__ARGS(out && q && a);
	csm_points *p;
	size_t i;
	int rc;

	*out = NULL;
	if (!q->choice_count)
		return csm__err(CSM_EINVALID, "%s: questionnaire %s is answered with levels 1..5: score it in levels, not points",
		                a->name, q->id);
	if ((rc = csm_answers_check(a, q, flags)))
		return rc;
	if (!(p = calloc(1, sizeof *p)) || !(p->choice = calloc(q->item_count, sizeof *p->choice)) ||
	    !(p->todo = calloc(q->item_count, sizeof *p->todo))) {
		csm_points_free(p);
		return csm__nomem();
	}
	p->q = q;
	p->max = q->max_points;
	for (i = 0; i < q->item_count; i++) {
		const csm__answer *ans = csm__answers_find_near(a, q->items[i].id, i);
		int g = q->items[i].directive - 1, k = -1;
		if (ans && ans->kind == CSM_ANSWER_CHOICE)
			k = csm_questionnaire_choice_find(q, ans->choice);
		p->group_max[g] += q->choices[q->best_choice].points;
		p->choice[i] = k;
		if (k < 0) {
			p->unanswered++;
			continue;
		}
		p->group[g] += q->choices[k].points;
		p->total += q->choices[k].points;
		if (k == q->unknown_choice)
			p->unknown++;
	}
	sme_rule(p);
	if ((rc = todo_sort(p))) {
		csm_points_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void csm_points_free(csm_points *p)
{
	if (!p)
		return;
	free(p->choice);
	free(p->todo);
	free(p);
}

const csm_questionnaire *csm_points_questionnaire(const csm_points *p) { return p ? p->q : NULL; }

int csm_points_total(const csm_points *p) { return p ? p->total : 0; }
int csm_points_max(const csm_points *p) { return p ? p->max : 0; }

int csm_points_group(const csm_points *p, int g)
{
	return p && g >= 1 && g <= p->q->group_count ? p->group[g - 1] : 0;
}

int csm_points_group_max(const csm_points *p, int g)
{
	return p && g >= 1 && g <= p->q->group_count ? p->group_max[g - 1] : 0;
}

size_t csm_points_unknown_count(const csm_points *p) { return p ? p->unknown : 0; }
size_t csm_points_unanswered_count(const csm_points *p) { return p ? p->unanswered : 0; }

int csm_points_item_choice(const csm_points *p, size_t i) { return p && i < p->q->item_count ? p->choice[i] : -1; }

/* The peers' groups in the benchmark: all, and the industry's (the same
 * rule as a karte's comparison: its group, else its parent group's). */
static void pick_peers(csm_points *p)
{
	const char *ind = csm__industry_current(p->ind, p->a->field[CSM_FIELD_ORG_INDUSTRY]);
	p->peer[0] = p->peer[1] = -1;
	p->industry[0] = '\0';
	/* the same questionnaire in points, with its parts and most points */
	p->bench_ok = csm_benchmark_compares(p->bench, p->q) == 2 && csm_benchmark_max_points(p->bench) == p->max &&
	              csm_benchmark_part_count(p->bench) == p->q->group_count;
	if (!p->bench_ok)
		return;
	p->peer[0] = csm_benchmark_group_find(p->bench, "all");
	if (ind)
		p->peer[1] = csm__industry_group(p->industry, p->bench, p->ind, ind);
}

int csm_points_set_benchmark(csm_points *p, const csm_benchmark *b, const csm_answers *a)
{
	CSM__ARGS(p && b && a);
	p->bench = b;
	p->a = a;
	pick_peers(p);
	return 0;
}

void csm_points_use_industries(csm_points *p, const csm_industries *ind)
{
	if (!p)
		return;
	p->ind = ind;
	if (p->bench)
		pick_peers(p);
}

int csm_points_peers(double *mean, double *percentile, unsigned *n, const csm_points *p, int industry)
{
	CSM__ARGS(mean && percentile && n && p);
	size_t i;
	int has;
	*mean = *percentile = 0;
	*n = 0;
	if (!p->bench_ok || p->peer[industry ? 1 : 0] < 0)
		return 0;
	i = (size_t)p->peer[industry ? 1 : 0];
	*n = csm_benchmark_group_n(p->bench, i);
	if (!csm_benchmark_group_overall_mean(mean, p->bench, i))
		return 0;
	has = *n >= csm_benchmark_min_group(p->bench) && csm_benchmark_percentile(percentile, p->bench, i, p->total) > 0;
	return has ? 2 : 1;
}

int csm_sme_result_get(csm_sme_result *out, const csm_points *p)
{
	CSM__ARGS(out && p);
	*out = p->sme;
	return 0;
}

size_t csm_sme_todo(const csm_points *p, size_t k) { return p && k < p->todo_count ? p->todo[k] : (size_t)-1; }

/* ---- text -------------------------------------------------------------- */

/* The message keys of the five basic measures, the stars and the steps. */
static const char *const basic_key[5] = {"sme.basic1", "sme.basic2", "sme.basic3", "sme.basic4", "sme.basic5"};
static const char *const stars_key[3] = {"sme.stars0", "sme.stars1", "sme.stars2"};
static const char *const step_key[5] = {"", "sme.step1", "sme.step2", "sme.step3", "sme.step4"};

/* Items to do shown in the text; JSON lists them all. */
#define TEXT_TODO 10

/* What is missing for the next star, as "a; b" into `o`. */
static void missing_text(csm__buf *o, const csm_points *p, csm_lang lang)
{
	const csm_questionnaire *q = p->q;
	const csm_sme_result *r = &p->sme;
	const char *sep = csm__msg("sme.missing_sep", lang);
	int k, n = 0;
	size_t i;
	if (r->stars == 0) {
		csm__buf_puts(o, csm__msg("sme.for_one_star", lang));
		for (k = 0; k < 5; k++)
			if (r->basics_missing & (1u << k))
				csm__buf_printf(o, "%s%s", n++ ? sep : "", csm__msg(basic_key[k], lang));
		return;
	}
	if (r->stars == 2)
		return;
	csm__buf_puts(o, csm__msg("sme.for_two_stars", lang));
	if (p->unanswered)
		csm__buf_printf(o, csm__msg("sme.need_answers", lang), p->unanswered), n++;
	if (p->unknown) {
		if (n++)
			csm__buf_puts(o, sep);
		csm__buf_printf(o, csm__msg("sme.need_unknown", lang), p->unknown);
	}
	if (!r->policy_done) {
		const char *id = NULL;
		for (i = 0; i < q->item_count && !id; i++)
			if (has_mark(q, i, "policy"))
				id = q->items[i].id;
		if (n++)
			csm__buf_puts(o, sep);
		csm__buf_printf(o, csm__msg("sme.need_policy", lang), id ? id : "-");
	}
}

/* The name of the industry group compared with: its label where the
 * industries are known, else its id. */
static const char *industry_label(const csm_points *p, csm_lang lang)
{
	const char *id = p->industry + strlen("industry:");
	const char *label = csm_industry_label(p->ind, id, lang);
	return label ? label : id;
}

/* The peers' lines (csm_points_set_benchmark()): per group (all, the
 * industry's) its mean total and the company's percentile, then per part
 * the company's points and the peers' mean. `wmax`: the parts' title width. */
static void peers_text(csm__buf *o, const csm_points *p, csm_lang lang, size_t wmax)
{
	const csm_questionnaire *q = p->q;
	const char *word = csm__group_word(q, lang);
	char num[32], label[CSM__KEY_MAX + 64];
	int k, g;
	csm__buf_puts(o, "\n");
	if (!p->bench_ok) {
		csm__buf_msgf(o, csm__msg("sme.peers_other", lang), csm_benchmark_name(p->bench));
		csm__buf_puts(o, "\n");
		return;
	}
	csm__buf_msgf(o, csm__msg("sme.peers", lang), csm_benchmark_name(p->bench));
	csm__buf_puts(o, "\n");
	for (k = 0; k < 2; k++) {
		double mean, pct;
		unsigned n;
		int has = csm_points_peers(&mean, &pct, &n, p, k);
		if (!has)
			continue;
		if (k)
			csm__msg_snprintf(label, sizeof label, csm__msg("sme.peers_industry", lang), industry_label(p, lang));
		else
			snprintf(label, sizeof label, "%s", csm__msg("sme.peers_all", lang));
		csm__buf_msgf(o, csm__msg("sme.peers_group", lang), label, n, csm_format1(num, sizeof num, mean));
		if (has == 2)
			csm__buf_msgf(o, csm__msg("sme.peers_percentile", lang), pct);
		else
			csm__buf_msgf(o, csm__msg("sme.peers_withheld", lang), csm_benchmark_min_group(p->bench));
		csm__buf_puts(o, "\n");
	}
	for (g = 1; g <= q->group_count && p->peer[0] >= 0; g++) {
		double mean;
		char head[96];
		size_t used;
		if (!csm_benchmark_group_mean(&mean, p->bench, (size_t)p->peer[0], g))
			continue;
		snprintf(head, sizeof head, "  %s %d  ", word, g);
		used = csm__display_width(head);
		csm__buf_puts(o, head);
		csm__buf_puts(o, q->dir_short[g - 1][lang]);
		csm__buf_pad(o, used + csm__display_width(q->dir_short[g - 1][lang]), used + wmax + 2);
		csm__buf_msgf(o, csm__msg("sme.peers_part", lang), p->group[g - 1], p->group_max[g - 1],
		              csm_format1(num, sizeof num, mean));
		if (p->peer[1] >= 0 && csm_benchmark_group_mean(&mean, p->bench, (size_t)p->peer[1], g))
			csm__buf_msgf(o, csm__msg("sme.peers_part_industry", lang), csm_format1(num, sizeof num, mean));
		csm__buf_puts(o, "\n");
	}
}

int csm_points_render_text(char **out, const csm_points *p, const csm_answers *a, csm_lang lang)
{
	CSM__ARGS(out && p && a && CSM__LANG_OK(lang));
	const csm_questionnaire *q = p->q;
	const csm_sme_result *r = &p->sme;
	const char *org = a->field[CSM_FIELD_ORG_NAME], *date = a->field[CSM_FIELD_ASSESSED_ON];
	const char *word = csm__group_word(q, lang);
	csm__buf o = {0};
	size_t k, wmax = 0;
	int g;

	*out = NULL;
	csm__buf_escaped(&o, org ? org : a->name);
	if (date)
		csm__buf_printf(&o, " | %s %s", csm__msg("sme.assessed", lang), date);
	csm__buf_printf(&o, "\n%s: %s (", csm__msg("sme.questionnaire", lang), q->id);
	csm__buf_escaped(&o, q->title[lang]);
	csm__buf_puts(&o, ")\n\n");
	csm__buf_printf(&o, csm__msg("sme.points", lang), p->total, p->max);
	csm__buf_puts(&o, "   ");
	csm__buf_printf(&o, csm__msg("sme.counts", lang), p->unknown, p->unanswered);
	csm__buf_puts(&o, "\n");
	for (g = 1; g <= q->group_count; g++) {
		size_t w = csm__display_width(q->dir_short[g - 1][lang]);
		if (w > wmax)
			wmax = w;
	}
	for (g = 1; g <= q->group_count; g++) {
		char head[96];
		size_t used;
		snprintf(head, sizeof head, "  %s %d  ", word, g);
		used = csm__display_width(head);
		csm__buf_puts(&o, head);
		csm__buf_puts(&o, q->dir_short[g - 1][lang]);
		csm__buf_pad(&o, used + csm__display_width(q->dir_short[g - 1][lang]), used + wmax + 2);
		csm__buf_printf(&o, "%3d / %d\n", p->group[g - 1], p->group_max[g - 1]);
	}
	if (p->bench)
		peers_text(&o, p, lang, wmax);
	csm__buf_puts(&o, "\n");
	csm__buf_puts(&o, csm__msg(stars_key[r->stars], lang));
	if (r->stars < 2) {
		csm__buf_puts(&o, "\n  ");
		missing_text(&o, p, lang);
	}
	csm__buf_puts(&o, "\n");
	csm__buf_printf(&o, csm__msg("sme.step", lang), (int)r->step, csm__msg(step_key[r->step], lang));
	csm__buf_puts(&o, "\n");
	if (r->step < CSM_SME_STEP_IMPROVE) {
		csm__buf_printf(&o, csm__msg("sme.next_step", lang), (int)r->step + 1, csm__msg(step_key[r->step + 1], lang));
	} else {
		csm__buf_puts(&o, csm__msg("sme.next_none", lang));
	}
	csm__buf_puts(&o, "\n");
	if (p->todo_count) {
		csm__buf_printf(&o, "\n%s\n", csm__msg("sme.do_first", lang));
		for (k = 0; k < p->todo_count && k < TEXT_TODO; k++) {
			size_t i = p->todo[k];
			const char *choice = p->choice[i] >= 0 ? q->choices[p->choice[i]].label[lang]
			                                       : csm__msg("sme.not_answered", lang);
			char head[96];
			size_t used;
			snprintf(head, sizeof head, "  %2zu  %-5s %s %d  ", k + 1, q->items[i].id, word, q->items[i].directive);
			used = csm__display_width(head);
			csm__buf_puts(&o, head);
			csm__buf_puts(&o, choice);
			csm__buf_pad(&o, used + csm__display_width(choice), used + 18);
			csm__buf_escaped(&o, q->items[i].text[CSM_ITEM_QUESTION][lang]);
			csm__buf_puts(&o, "\n");
		}
		if (p->todo_count > TEXT_TODO) {
			csm__buf_puts(&o, "      ");
			csm__buf_printf(&o, csm__msg("sme.more", lang), p->todo_count - TEXT_TODO);
			csm__buf_puts(&o, "\n");
		}
	}
	return csm__buf_finish(&o, out);
}

/* ---- JSON -------------------------------------------------------------- */

/* "comparison": the benchmark, whether it compares, and per group (all,
 * the industry's) n, the mean total, the percentile (null where withheld)
 * and the parts' means. Numbers exact, as csm-score/1's. */
static void peers_json(csm__buf *o, const csm_points *p)
{
	int k, g, n = 0;
	csm__buf_puts(o, ", \"comparison\": {\"benchmark\": ");
	csm__buf_json_string(o, csm_benchmark_name(p->bench));
	csm__buf_printf(o, ", \"compares\": %s, \"groups\": [", p->bench_ok ? "true" : "false");
	for (k = 0; k < 2; k++) {
		double mean, pct;
		unsigned gn;
		int has = csm_points_peers(&mean, &pct, &gn, p, k);
		if (!has)
			continue;
		csm__buf_puts(o, n++ ? ", {\"key\": " : "{\"key\": ");
		csm__buf_json_string(o, k ? p->industry : "all");
		csm__buf_printf(o, ", \"n\": %u, \"mean\": ", gn);
		csm__buf_number(o, mean);
		csm__buf_puts(o, ", \"percentile\": ");
		if (has == 2)
			csm__buf_number(o, pct);
		else
			csm__buf_puts(o, "null");
		csm__buf_puts(o, ", \"parts_mean\": [");
		for (g = 1; g <= p->q->group_count; g++) {
			if (g > 1)
				csm__buf_puts(o, ", ");
			if (csm_benchmark_group_mean(&mean, p->bench, (size_t)p->peer[k], g))
				csm__buf_number(o, mean);
			else
				csm__buf_puts(o, "null");
		}
		csm__buf_puts(o, "]}");
	}
	csm__buf_puts(o, "]}");
}

int csm_points_render_json(char **out, const csm_points *p, const csm_answers *a, const char *name)
{
	CSM__ARGS(out && p && a);
	const csm_questionnaire *q = p->q;
	const csm_sme_result *r = &p->sme;
	csm__buf o = {0};
	size_t i;
	int g, k, n;

	*out = NULL;
	csm__buf_puts(&o, "{\"format\": \"csm-points/1\", \"file\": ");
	csm__buf_json_string(&o, name ? name : a->name);
	csm__buf_puts(&o, ", \"questionnaire\": ");
	csm__buf_json_string(&o, q->id);
	csm__buf_puts(&o, ", \"organization\": ");
	if (a->field[CSM_FIELD_ORG_NAME])
		csm__buf_json_string(&o, a->field[CSM_FIELD_ORG_NAME]);
	else
		csm__buf_puts(&o, "null");
	csm__buf_puts(&o, ", \"assessed_on\": ");
	if (a->field[CSM_FIELD_ASSESSED_ON])
		csm__buf_json_string(&o, a->field[CSM_FIELD_ASSESSED_ON]);
	else
		csm__buf_puts(&o, "null");
	csm__buf_printf(&o, ", \"points\": %d, \"max_points\": %d, \"unknown\": %zu, \"unanswered\": %zu, \"groups\": [",
	                p->total, p->max, p->unknown, p->unanswered);
	for (g = 1; g <= q->group_count; g++)
		csm__buf_printf(&o, "%s{\"id\": %d, \"points\": %d, \"max_points\": %d}", g > 1 ? ", " : "", g,
		                p->group[g - 1], p->group_max[g - 1]);
	csm__buf_puts(&o, "], \"items\": [");
	for (i = 0; i < q->item_count; i++) {
		csm__buf_printf(&o, "%s{\"id\": ", i ? ", " : "");
		csm__buf_json_string(&o, q->items[i].id);
		csm__buf_printf(&o, ", \"group\": %d, \"choice\": ", q->items[i].directive);
		if (p->choice[i] >= 0) {
			csm__buf_json_string(&o, q->choices[p->choice[i]].id);
			csm__buf_printf(&o, ", \"points\": %d}", q->choices[p->choice[i]].points);
		} else {
			csm__buf_puts(&o, "null, \"points\": null}");
		}
	}
	csm__buf_printf(&o, "], \"sme\": {\"stars\": %d, \"step\": %d, \"next_step\": ", r->stars, (int)r->step);
	if (r->step < CSM_SME_STEP_IMPROVE)
		csm__buf_printf(&o, "%d", (int)r->step + 1);
	else
		csm__buf_puts(&o, "null");
	csm__buf_puts(&o, ", \"basics_missing\": [");
	for (k = 0, n = 0; k < 5; k++)
		if (r->basics_missing & (1u << k))
			csm__buf_printf(&o, "%s\"basic-%d\"", n++ ? ", " : "", k + 1);
	csm__buf_printf(&o, "], \"policy_done\": %s, \"diagnosis_complete\": %s, \"todo\": [",
	                r->policy_done ? "true" : "false", r->diagnosis_complete ? "true" : "false");
	for (i = 0; i < p->todo_count; i++) {
		if (i)
			csm__buf_puts(&o, ", ");
		csm__buf_json_string(&o, q->items[p->todo[i]].id);
	}
	csm__buf_puts(&o, "]}");
	if (p->bench)
		peers_json(&o, p);
	csm__buf_puts(&o, "}");
	return csm__buf_finish(&o, out);
}
