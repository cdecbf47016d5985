/* The one-page report of a small company's self-diagnosis (a questionnaire
 * with its own scale, such as sme-check), for its owner: the points, a bar
 * per part, three things to do this month, the SECURITY ACTION readiness and
 * the step, and where to get help. Same engine as the karte (pdf_doc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "messages.h"
#include "pdf_doc.h"
#include "util.h"

/* The formats come from the message table, whose test checks that every
 * language has the same conversions; each call passes what its key names. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define TEXT 9.5     /* body text */
#define LEAD 13.5
#define HEAD 11.5    /* section headings */
#define BAR_H 11.0
#define TODO_N 3     /* things to do this month */

typedef struct sme_job {
	const csm_points *p;
	const csm_answers *a;
	csm_lang lang;
} sme_job;

/* The message keys of the stars, steps and help lines (test_messages finds
 * keys as quoted literals). */
static const char *const stars_key[3] = {"sme.stars0", "sme.stars1", "sme.stars2"};
static const char *const step_key[5] = {"", "sme.step1", "sme.step2", "sme.step3", "sme.step4"};
static const char *const help_key[4] = {"sme.help_action", "sme.help_check", "sme.help_desk", "sme.help_otasuketai"};
static const char *const basic_key[5] = {"sme.basic1", "sme.basic2", "sme.basic3", "sme.basic4", "sme.basic5"};

static void heading(csm__kdoc *k, double *y, const char *text)
{
	*y += 8;
	csm__ktext_rgb(k, MARGIN, *y, text, HEAD, CSM_ALIGN_LEFT, ACCENT);
	*y += 5;
	csm__kline(k, MARGIN, *y, PAGE_W - MARGIN, *y, 0.75, 0.5);
	*y += 14;
}

/* Header: what, who, when, and the points in the box on the right. */
static double sme_header(csm__kdoc *k, const csm_points *p, const csm_answers *a, const csm_questionnaire *q, csm_lang lang)
{
	const char *org = csm_answers_field_get(a, CSM_FIELD_ORG_NAME), *date = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON);
	double y, x;
	csm__buf t = {0};

	csm__ktext_rgb(k, MARGIN, MARGIN + 6, csm__msg("sme.report_title", lang), 9, CSM_ALIGN_LEFT, ACCENT);
	y = MARGIN + 30;
	{
		double size = 17;
		char name[600];
		csm__kfit(k, org ? org : csm_answers_name(a), &size, 11, PAGE_W - 2 * MARGIN - 150, name, sizeof name);
		k->c.text(&k->c, MARGIN, y, name, size, CSM_ALIGN_LEFT, 0.0);
	}
	y += 16;
	csm__buf_printf(&t, "%s%s%s%s", csm_questionnaire_title(q, lang), date ? "   " : "", date ? csm__msg("sme.assessed", lang) : "",
	                date ? " " : "");
	if (date)
		csm__buf_puts(&t, date);
	csm__kwrap_max(k, MARGIN, &y, t.s ? t.s : "", 8.5, PAGE_W - 2 * MARGIN - 150, 11, 0.2, 1, 2);
	csm__buf_free(&t);
	/* The points, in the box on the right */
	x = PAGE_W - MARGIN - 140;
	csm__kbox(k, x, MARGIN, 140, 62, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, csm__msg("sme.report_points", lang), TEXT, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 86, MARGIN + 50, csm__kfmt(k, 0, "%d", csm_points_total(p)), 32, CSM_ALIGN_RIGHT, 1.0);
	k->c.text(&k->c, x + 90, MARGIN + 50, csm__kfmt(k, 1, "/ %d", csm_points_max(p)), 12, CSM_ALIGN_LEFT, 1.0);
	y = y > MARGIN + 70 ? y : MARGIN + 70;
	if (csm_points_unknown_count(p) || csm_points_unanswered_count(p)) {
		csm__buf_printf(&t, csm__msg("sme.counts", lang), csm_points_unknown_count(p), csm_points_unanswered_count(p));
		k->c.text(&k->c, PAGE_W - MARGIN, y, t.s ? t.s : "", 8, CSM_ALIGN_RIGHT, 0.3);
		csm__buf_free(&t);
	}
	return y;
}

/* One line on the peers of a benchmark in points (csm_points_set_benchmark()):
 * the industry's group where the benchmark has it, else all. Nothing
 * without one. */
static void sme_peers(csm__kdoc *k, double *y, const csm_points *p, csm_lang lang)
{
	double mean, pct;
	unsigned n;
	int ind = 1, has = csm_points_peers(&mean, &pct, &n, p, 1);
	char num[32];
	csm__buf t = {0};
	if (!has)
		has = csm_points_peers(&mean, &pct, &n, p, ind = 0);
	if (!has)
		return;
	csm_format1(num, sizeof num, mean);
	if (has == 2)
		csm__buf_msgf(&t, csm__msg(ind ? "sme.report_peers_industry" : "sme.report_peers", lang), n, num, pct);
	else
		csm__buf_msgf(&t, csm__msg(ind ? "sme.report_peers_industry_mean" : "sme.report_peers_mean", lang), n, num);
	if (t.s)
		k->c.text(&k->c, MARGIN, *y + 2, t.s, TEXT, CSM_ALIGN_LEFT, 0.1);
	csm__buf_free(&t);
	*y += BAR_H + 9;
}

/* A bar per part: its points against the most it could have. */
static void sme_parts(csm__kdoc *k, double *y, const csm_points *p, const csm_questionnaire *q, csm_lang lang)
{
	const char *word = csm__group_word(q, lang);
	double x, w;
	int g, groups;

	heading(k, y, csm__msg("sme.report_parts", lang));
	groups = csm_questionnaire_group_count(q);
	for (g = 1; g <= groups; g++) {
		int got = csm_points_group(p, g), most = csm_points_group_max(p, g);
		double frac = most > 0 && got > 0 ? (double)got / most : 0;
		const char *label = csm__kfmt(k, 0, "%s %d  %s", word, g, csm_directive_short(q, g, lang) ? csm_directive_short(q, g, lang) : "");
		k->c.text(&k->c, MARGIN, *y, label, TEXT, CSM_ALIGN_LEFT, 0.1);
		x = MARGIN + 170;
		w = PAGE_W - MARGIN - 60 - x;
		csm__kbox(k, x, *y - BAR_H + 2, w, BAR_H, 0.90, 0.91, 0.93);
		if (frac > 0)
			csm__kbox(k, x, *y - BAR_H + 2, w * frac, BAR_H, ACCENT[0], ACCENT[1], ACCENT[2]);
		k->c.text(&k->c, PAGE_W - MARGIN, *y, csm__kfmt(k, 1, "%d / %d", got, most), TEXT, CSM_ALIGN_RIGHT, 0.1);
		*y += BAR_H + 9;
	}
	sme_peers(k, y, p, lang);
}

/* Three things to do this month, each with its answer and how to do it. */
static void sme_todo(csm__kdoc *k, double *y, const csm_points *p, const csm_questionnaire *q, const csm_sme_result *r,
                     csm_lang lang)
{
	size_t i, n;
	csm__buf t = {0};

	heading(k, y, csm__msg("sme.report_todo", lang));
	n = r->todo_count < TODO_N ? r->todo_count : TODO_N;
	if (!n)
		csm__kwrap(k, MARGIN + 6, y, csm__msg("sme.report_none", lang), TEXT, PAGE_W - 2 * MARGIN - 6, LEAD, 0.1, 1);
	for (i = 0; i < n; i++) {
		size_t it = csm_sme_todo(p, i);
		int c = csm_points_item_choice(p, it);
		const char *how = csm_item_text(q, it, CSM_ITEM_HOW, lang);
		csm__ktext_rgb(k, MARGIN, *y, csm__kfmt(k, 0, "%zu", i + 1), 14, CSM_ALIGN_LEFT, ACCENT);
		csm__buf_printf(&t, "%s  (%s: %s)", csm_item_text(q, it, CSM_ITEM_QUESTION, lang), csm_item_id(q, it),
		                c >= 0 ? csm_questionnaire_choice_label(q, (size_t)c, lang) : csm__msg("sme.not_answered", lang));
		csm__kwrap_max(k, MARGIN + 18, y, t.s ? t.s : "", TEXT, PAGE_W - 2 * MARGIN - 18, LEAD, 0.0, 1, 2);
		csm__buf_free(&t);
		if (how)
			csm__kwrap_max(k, MARGIN + 18, y, how, 8.5, PAGE_W - 2 * MARGIN - 18, 11.5, 0.3, 1, 3);
		*y += 5;
	}
}

/* What is missing for the next star, appended to t. */
static void sme_missing(csm__buf *t, const csm_points *p, const csm_questionnaire *q, const csm_sme_result *r, csm_lang lang)
{
	size_t i;

	if (r->stars == 0) {
		int m = 0, b;
		csm__buf_puts(t, csm__msg("sme.for_one_star", lang));
		for (b = 0; b < 5; b++)
			if (r->basics_missing & (1u << b))
				csm__buf_printf(t, "%s%s", m++ ? csm__msg("sme.missing_sep", lang) : "", csm__msg(basic_key[b], lang));
	} else if (r->stars == 1) {
		int m = 0;
		csm__buf_puts(t, csm__msg("sme.for_two_stars", lang));
		if (csm_points_unanswered_count(p))
			csm__buf_printf(t, csm__msg("sme.need_answers", lang), csm_points_unanswered_count(p)), m++;
		if (csm_points_unknown_count(p)) {
			if (m++)
				csm__buf_puts(t, csm__msg("sme.missing_sep", lang));
			csm__buf_printf(t, csm__msg("sme.need_unknown", lang), csm_points_unknown_count(p));
		}
		if (!r->policy_done) {
			const char *id = "-";
			for (i = 0; i < csm_questionnaire_item_count(q); i++)
				if (csm_item_mark_count(q, i) && strcmp(csm_item_mark(q, i, 0), "policy") == 0)
					id = csm_item_id(q, i);
			if (m++)
				csm__buf_puts(t, csm__msg("sme.missing_sep", lang));
			csm__buf_printf(t, csm__msg("sme.need_policy", lang), id);
		}
	}
}

/* SECURITY ACTION readiness (the stars, what is missing) and the step. */
static void sme_readiness(csm__kdoc *k, double *y, const csm_points *p, const csm_questionnaire *q, const csm_sme_result *r,
                          csm_lang lang)
{
	csm__buf t = {0};

	heading(k, y, csm__msg("sme.report_readiness", lang));
	csm__ktext_rgb(k, MARGIN, *y + 2, r->stars == 2 ? "★★" : r->stars == 1 ? "★☆" : "☆☆", 18, CSM_ALIGN_LEFT, ACCENT);
	csm__kwrap(k, MARGIN + 48, y, csm__msg(stars_key[r->stars], lang), TEXT, PAGE_W - 2 * MARGIN - 48, LEAD, 0.0, 1);
	sme_missing(&t, p, q, r, lang);
	if (t.s)
		csm__kwrap(k, MARGIN + 48, y, t.s, 8.5, PAGE_W - 2 * MARGIN - 48, 11.5, 0.25, 1);
	csm__buf_free(&t);
	*y += 6;
	csm__buf_printf(&t, csm__msg("sme.step", lang), (int)r->step, csm__msg(step_key[r->step], lang));
	csm__kwrap(k, MARGIN, y, t.s ? t.s : "", TEXT, PAGE_W - 2 * MARGIN, LEAD, 0.0, 1);
	csm__buf_free(&t);
	if (r->step < CSM_SME_STEP_IMPROVE)
		csm__buf_printf(&t, csm__msg("sme.next_step", lang), (int)r->step + 1, csm__msg(step_key[r->step + 1], lang));
	else
		csm__buf_puts(&t, csm__msg("sme.next_none", lang));
	csm__kwrap(k, MARGIN, y, t.s ? t.s : "", TEXT, PAGE_W - 2 * MARGIN, LEAD, 0.2, 1);
	csm__buf_free(&t);
}

/* Where to get help (facts, no links) and the footer. */
static void sme_help(csm__kdoc *k, double *y, const csm_questionnaire *q, csm_lang lang)
{
	size_t i;

	heading(k, y, csm__msg("sme.report_help", lang));
	for (i = 0; i < sizeof help_key / sizeof help_key[0]; i++) {
		k->c.text(&k->c, MARGIN + 2, *y, "・", 8.5, CSM_ALIGN_LEFT, 0.2);
		csm__kwrap_max(k, MARGIN + 12, y, csm__msg(help_key[i], lang), 8.5, PAGE_W - 2 * MARGIN - 12, 11.5, 0.15, 1, 3);
		*y += 2;
	}
	/* Footer */
	csm__kline(k, MARGIN, FOOTER_Y - 10, PAGE_W - MARGIN, FOOTER_Y - 10, 0.75, 0.5);
	k->c.text(&k->c, MARGIN, FOOTER_Y, csm__kfmt(k, 0, "%s  ·  %s  ·  csm %s", csm__msg("sme.report_footer", lang),
	                                            csm_questionnaire_id(q), csm_version()),
	          7, CSM_ALIGN_LEFT, 0.4);
}

static void draw_sme(csm__kdoc *k, void *ctx)
{
	const sme_job *j = ctx;
	const csm_questionnaire *q = csm_points_questionnaire(j->p);
	csm_sme_result r;
	double y;

	csm_sme_result_get(&r, j->p);
	csm__knew_page(k);
	k->first_page = k->pages;
	y = sme_header(k, j->p, j->a, q, j->lang);
	sme_parts(k, &y, j->p, q, j->lang);
	sme_todo(k, &y, j->p, q, &r, j->lang);
	sme_readiness(k, &y, j->p, q, &r, j->lang);
	sme_help(k, &y, q, j->lang);
}

int csm_karte_sme_render(char **out, size_t *len, csm_karte_maker *km, const csm_points *p, const csm_answers *a,
                         csm_lang lang, long long created)
{
	CSM__ARGS(out && len && km && p && a && CSM__LANG_OK(lang));
	sme_job j = {p, a, lang};
	const char *org = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf title = {0};
	int rc;
	*out = NULL;
	*len = 0;
	csm__buf_printf(&title, "%s: %s", csm__msg("sme.report_title", lang), org ? org : "");
	rc = title.nomem ? csm__nomem() : csm__kmake_pdf(out, len, km, draw_sme, &j, title.s, "", created);
	csm__buf_free(&title);
	return rc;
}
