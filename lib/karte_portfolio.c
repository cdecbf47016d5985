/* The portfolio: one PDF over several assessments (summary pages with a
 * heat map of the directives, then a radar per organization), drawn on the
 * document of pdf_doc.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "karte.h"
#include "messages.h"
#include "portfolio.h"
#include "questionnaire.h"
#include "radar.h"
#include "score.h"
#include "util.h"

/* ---- the portfolio --------------------------------------------------------- */

typedef struct portfolio_job {
	const csm__portfolio *pf; /* what the pages show */
	const csm_analysis *const *an;
	size_t n;
	const csm_tips *tips;
	csm_lang lang;
	const size_t *order; /* = pf->order */
} portfolio_job;

/* Heat-map colour of a score: red (1) through amber to green (5). */
static void heat(double v, double rgb[3])
{
	static const double stops[5][3] = {
	    {0.93, 0.55, 0.52}, {0.97, 0.74, 0.55}, {0.99, 0.91, 0.60}, {0.78, 0.90, 0.65}, {0.55, 0.80, 0.55}};
	double t = v < 1 ? 0 : v > 5 ? 4 : v - 1;
	int i = (int)t;
	double f = t - i;
	int c;
	if (i >= 4) {
		i = 3;
		f = 1;
	}
	for (c = 0; c < 3; c++)
		rgb[c] = stops[i][c] * (1 - f) + stops[i + 1][c] * f;
}

/* The heat map's column widths: #, organization, grade, overall, the ten
 * directives. */
static const double HEAT_CW[14] = {22, 150, 30, 38, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29};

/* The first page's header: the group, what was assessed, how the group's
 * values are made, and the group's grade box. Returns how far it grew. */
static double summary_header(csm__kdoc *k, const portfolio_job *j)
{
	const csm__portfolio *pf = j->pf;
	const csm_analysis *first = j->an[0];
	const csm_questionnaire *q = csm__analysis_q(first);
	const csm_benchmark *b = csm__analysis_b(first);
	const csm_grading *gr = csm_benchmark_grading(b);
	csm_lang lang = j->lang;
	const int weighted = pf->weighted;
	const double gov = pf->overall;
	const char *parent = pf->parent;
	double x, y, dy;
	char num[32];

	csm__knew_page(k);
	snprintf(k->running, sizeof k->running, "%s", csm__msg("portfolio.running", lang));
	k->running_tail[0] = '\0';
	csm__ktext_rgb(k, MARGIN, MARGIN + 6, csm__msg("portfolio.title", lang),
	         9, CSM_ALIGN_LEFT, ACCENT);
	y = csm__kheader_name(k, parent ? parent : csm__msg("portfolio.group", lang), 17, MARGIN + 28,
	                PAGE_W - 2 * MARGIN - 124) +
	    16;
	csm__kwrap_max(k, MARGIN, &y,
	         csm__kmsgf(k, 0,
	              csm__msg("portfolio.meta", lang),
	              j->n, q->id, csm_benchmark_name(b)),
	         8.5, PAGE_W - 2 * MARGIN - 124, 11, 0.2, 1, 2);
	y += 2;
	csm__kwrap(k, MARGIN, &y,
	     csm__kfmt(k, 0, "%s%s",
	         weighted ? (pf->rollup == CSM_ROLLUP_HEADCOUNT
	                         ? csm__msg("portfolio.rollup_headcount", lang)
	                         : csm__msg("portfolio.rollup_revenue", lang))
	                  : (pf->rollup != CSM_ROLLUP_MEAN
	                         ? csm__msg("portfolio.rollup_mean_lacking", lang)
	                         : csm__msg("portfolio.rollup_mean", lang)),
	         csm__msg("portfolio.scope_group_out", lang)),
	     8.5, PAGE_W - 2 * MARGIN - 124, 11, 0.2, 1);
	dy = y - 2 > MARGIN + 84 ? y - 2 - (MARGIN + 84) : 0;
	/* the group's grade box */
	x = PAGE_W - MARGIN - 112;
	csm__kbox(k, x, MARGIN, 112, 70, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, csm__msg("portfolio.group", lang), 8.5, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 40, MARGIN + 55, csm_grade_name(pf->grade), 40, CSM_ALIGN_CENTER, 1.0);
	k->c.text(&k->c, x + 100, MARGIN + 32, csm__msg("karte.overall", lang), 7.5, CSM_ALIGN_RIGHT, 1.0);
	csm__kgrade_box_overall(k, x, csm_format_overall(num, sizeof num, gov, gr));
	csm__kline(k, MARGIN, MARGIN + 84 + dy, PAGE_W - MARGIN, MARGIN + 84 + dy, 0.6, 0.8);
	return dy;
}

/* The heat map's heading row, at `y`. */
static void heat_head(csm__kdoc *k, csm_lang lang, double y, const double *col, const double *cw)
{
	char num[32];
	int d;

	csm__kbox(k, MARGIN, y, col[13] + cw[13] - MARGIN, 15, 0.90, 0.92, 0.96);
	k->c.text(&k->c, col[1], y + 10.5, csm__msg("portfolio.col_org", lang), 8, CSM_ALIGN_LEFT, 0.15);
	k->c.text(&k->c, col[2] + cw[2] - 4, y + 10.5, csm__msg("karte.grade", lang), 7, CSM_ALIGN_RIGHT, 0.15);
	k->c.text(&k->c, col[3] + cw[3] - 4, y + 10.5, csm__msg("portfolio.col_overall", lang), 7, CSM_ALIGN_RIGHT,
	          0.15);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		snprintf(num, sizeof num, "%d", d + 1);
		k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 10.5, num, 8, CSM_ALIGN_CENTER, 0.15);
	}
}

/* The heat map's row of the whole group, at `y`. */
static void heat_group_row(csm__kdoc *k, const portfolio_job *j, double y, const double *col, const double *cw)
{
	const csm__portfolio *pf = j->pf;
	const csm_grading *gr = csm_benchmark_grading(csm__analysis_b(j->an[0]));
	const double *gdir = pf->dir, gov = pf->overall;
	const int *ghas = pf->has;
	csm_lang lang = j->lang;
	char num[32];
	int d;

	csm__kbox(k, MARGIN, y, col[13] + cw[13] - MARGIN, 14, 0.95, 0.95, 0.95);
	k->c.text(&k->c, col[1], y + 10, csm__msg("portfolio.whole_group", lang), 8.5, CSM_ALIGN_LEFT,
	          0.05);
	k->c.text(&k->c, col[2] + cw[2] - 4, y + 10, csm_grade_name(pf->grade), 8.5,
	          CSM_ALIGN_RIGHT, 0.05);
	k->c.text(&k->c, col[3] + cw[3] - 4, y + 10, csm_format_overall(num, sizeof num, gov, gr), 8.5,
	          CSM_ALIGN_RIGHT, 0.05);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		double rgb[3];
		if (!ghas[d])
			continue;
		heat(gdir[d], rgb);
		csm__kbox(k, col[4 + d] + 1, y + 1, cw[4 + d] - 2, 12, rgb[0], rgb[1], rgb[2]);
		k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 10, csm_format1(num, sizeof num, gdir[d]), 8,
		          CSM_ALIGN_CENTER, 0.1);
	}
}

/* The heat map's row of the r-th organization (from 1, in order), at `y`. */
static void heat_org_row(csm__kdoc *k, const portfolio_job *j, size_t r, double y, const double *col,
                         const double *cw)
{
	const csm_score *s = csm__analysis_s(j->an[j->order[r - 1]]);
	char num[32];
	int d;
	const csm_answers *a = csm__analysis_a(j->an[j->order[r - 1]]);
	const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
	char name[CSM_MAX_NAME_BYTES + 8];
	double size = 8;
	snprintf(num, sizeof num, "%zu", r);
	k->c.text(&k->c, col[0] + 2, y + 9.5, num, 7, CSM_ALIGN_LEFT, 0.4);
	csm__kfit(k, nm, &size, 6, cw[1] - 4, name, sizeof name);
	k->c.text(&k->c, col[1], y + 9.5, name, size, CSM_ALIGN_LEFT, 0.1);
	k->c.text(&k->c, col[2] + cw[2] - 4, y + 9.5, csm_grade_name(s->grade), 8, CSM_ALIGN_RIGHT, 0.1);
	k->c.text(&k->c, col[3] + cw[3] - 4, y + 9.5, csm_format_overall(num, sizeof num, s->overall, &s->grading), 8,
	          CSM_ALIGN_RIGHT, 0.1);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		double rgb[3];
		if (!s->dir[d].has_score) {
			k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 9.5, "-", 8, CSM_ALIGN_CENTER, 0.4);
			continue;
		}
		heat(s->dir[d].score, rgb);
		csm__kbox(k, col[4 + d] + 1, y + 1, cw[4 + d] - 2, 11, rgb[0], rgb[1], rgb[2]);
		k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 9.5, csm_format1(num, sizeof num, s->dir[d].score), 7.5,
		          CSM_ALIGN_CENTER, 0.1);
	}
}

/* The heat map: organizations by directive, over as many pages as needed. */
static void heat_map(csm__kdoc *k, const portfolio_job *j, double *y_io)
{
	const csm_benchmark *b = csm__analysis_b(j->an[0]);
	const double *cw = HEAT_CW;
	csm_lang lang = j->lang;
	double y = *y_io, col[14];
	size_t i, r;

	y += 8;
	col[0] = MARGIN;
	for (i = 1; i < 14; i++)
		col[i] = col[i - 1] + cw[i - 1];
	for (r = 0; r <= j->n; r++) {
		/* header row first, then the group row, then one per subsidiary */
		if (r == 0 || y + 14 > BODY_BOTTOM) {
			if (r) {
				csm__kfooter(k, b, lang);
				csm__knew_page(k);
				csm__ktext_rgb(k, MARGIN, MARGIN + 6, k->running, 8.5, CSM_ALIGN_LEFT, ACCENT);
				y = MARGIN + 20;
			}
			heat_head(k, lang, y, col, cw);
			y += 15;
			if (r == 0) { /* the group row */
				heat_group_row(k, j, y, col, cw);
				y += 15;
				continue;
			}
		}
		heat_org_row(k, j, r, y, col, cw);
		y += 13;
	}
	*y_io = y;
}

/* The colour key, by level. */
static void heat_key(csm__kdoc *k, csm_lang lang, double *y_io)
{
	static const double levels[5] = {1, 2, 3, 4, 5};
	double x, y = *y_io;
	char num[32];
	int d;

	x = MARGIN;
	k->c.text(&k->c, x, y + 8, csm__msg("portfolio.colour_score", lang), 7, CSM_ALIGN_LEFT, 0.4);
	x += 50;
	for (d = 0; d < 5; d++) {
		double rgb[3];
		heat(levels[d], rgb);
		csm__kbox(k, x, y, 20, 10, rgb[0], rgb[1], rgb[2]);
		snprintf(num, sizeof num, "%d", d + 1);
		k->c.text(&k->c, x + 10, y + 8, num, 7, CSM_ALIGN_CENTER, 0.1);
		x += 24;
	}
	y += 24;
	*y_io = y;
}

/* The weakest directives of the group, and who pulls each down. */
static void weak_directives(csm__kdoc *k, const portfolio_job *j, double *y_io)
{
	const csm__portfolio *pf = j->pf;
	const csm_questionnaire *q = csm__analysis_q(j->an[0]);
	const csm_benchmark *b = csm__analysis_b(j->an[0]);
	const double *gdir = pf->dir;
	csm_lang lang = j->lang;
	double y = *y_io;
	char num[32];
	size_t i;
	int d;

	csm__kensure(k, &y, 80, b, lang);
	csm__ktext_rgb(k, MARGIN, y, csm__msg("portfolio.weakest", lang),
	         11, CSM_ALIGN_LEFT, ACCENT);
	y += 16;
	for (i = 0; i < 3 && pf->weak[i]; i++) {
		size_t shown = 0, u;
		csm__buf who = {0}, nm_fit = {0};
		d = pf->weak[i];
		csm__kensure(k, &y, 36, b, lang);
		csm__kwrap(k, MARGIN, &y,
		     csm__kfmt(k, 0, "%s %d  %s  (%s %s)", csm__msg("karte.directive", lang), d, q->dir_title[d - 1][lang],
		          csm__msg("portfolio.group_lower", lang), csm_format1(num, sizeof num, gdir[d - 1])),
		     9, PAGE_W - 2 * MARGIN, 12, 0.05, 1);
		for (u = 0; u < pf->nbelow[i] && u < 6; u++) { /* the organizations below the group's value, lowest first */
			const csm_analysis *an = j->an[pf->below[i][u]];
			const csm_answers *a = csm__analysis_a(an);
			const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
			double size = 8;
			csm__kfit_into(k, nm, &size, 8, 160, &nm_fit); /* a long name keeps to part of the line */
			csm__buf_printf(&who, "%s%s %s", u ? ", " : "", nm_fit.s ? nm_fit.s : "",
			                csm_format1(num, sizeof num, csm__analysis_s(an)->dir[d - 1].score));
			shown++;
		}
		if (pf->nbelow[i] > shown)
			csm__buf_msgf(&who, csm__msg("portfolio.orgs_more", lang), pf->nbelow[i] - shown);
		if (who.nomem)
			k->nomem = 1;
		csm__kwrap(k, MARGIN + 10, &y, who.len ? who.s : csm__msg("karte.none", lang), 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0.3, 1);
		csm__buf_free(&who);
		csm__buf_free(&nm_fit);
		y += 6;
	}
	*y_io = y;
}

/* The follow-up table's columns: #, organization, actions, done, open (or in
 * progress), of which overdue. */
static const double FU_CW[6] = {22, 210, 70, 70, 70, 88}; /* as wide as the heat map */

static void followup_head(csm__kdoc *k, csm_lang lang, double y, const double *col)
{
	static const char *const keys[4] = {"portfolio.fu_actions", "portfolio.fu_done", "portfolio.fu_open",
	                                    "portfolio.fu_overdue"};
	int c;
	csm__kbox(k, MARGIN, y, col[5] + FU_CW[5] - MARGIN, 15, 0.90, 0.92, 0.96);
	k->c.text(&k->c, col[1], y + 10.5, csm__msg("portfolio.fu_org", lang), 8, CSM_ALIGN_LEFT, 0.15);
	for (c = 0; c < 4; c++)
		k->c.text(&k->c, col[2 + c] + FU_CW[2 + c] - 6, y + 10.5, csm__msg(keys[c], lang), 7.5, CSM_ALIGN_RIGHT,
		          0.15);
}

/* Row r (from 1, in the heat map's order) of the follow-up table, at `y`. */
static void followup_row(csm__kdoc *k, const portfolio_job *j, size_t r, double y, const double *col)
{
	const csm__followup_counts *f = &j->pf->fu[j->order[r - 1]];
	const csm_answers *a = csm__analysis_a(j->an[j->order[r - 1]]);
	const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
	char name[CSM_MAX_NAME_BYTES + 8], num[32];
	double size = 8;
	size_t v[4];
	int c;
	snprintf(num, sizeof num, "%zu", r);
	k->c.text(&k->c, col[0] + 2, y + 9.5, num, 7, CSM_ALIGN_LEFT, 0.4);
	csm__kfit(k, nm, &size, 6, FU_CW[1] - 4, name, sizeof name);
	k->c.text(&k->c, col[1], y + 9.5, name, size, CSM_ALIGN_LEFT, 0.1);
	if (!f->listed) { /* the question for the group: why no list */
		k->c.text(&k->c, col[2] + FU_CW[2] - 6, y + 9.5, csm__msg("portfolio.fu_no_list", j->lang), 7.5,
		          CSM_ALIGN_RIGHT, 0.45);
		return;
	}
	v[0] = f->actions;
	v[1] = f->done;
	v[2] = f->open + f->in_progress;
	v[3] = f->late;
	for (c = 0; c < 4; c++) {
		if (c == 3 && v[3])
			csm__kbox(k, col[5] + 1, y + 1, FU_CW[5] - 2, 11, 0.93, 0.55, 0.52);
		snprintf(num, sizeof num, "%zu", v[c]);
		k->c.text(&k->c, col[2 + c] + FU_CW[2 + c] - 6, y + 9.5, num, 8, CSM_ALIGN_RIGHT, 0.1);
	}
}

/* Who follows up last year's actions: per organization the actions done,
 * still open and past their due date (actions.c's rules), in the heat map's
 * order; only when action lists were given. */
static void followup_table(csm__kdoc *k, const portfolio_job *j, double *y_io)
{
	const csm__portfolio *pf = j->pf;
	const csm_benchmark *b = csm__analysis_b(j->an[0]);
	csm_lang lang = j->lang;
	double y = *y_io, col[6];
	size_t r;
	int i;

	if (!pf->followed)
		return;
	col[0] = MARGIN;
	for (i = 1; i < 6; i++)
		col[i] = col[i - 1] + FU_CW[i - 1];
	csm__kensure(k, &y, 80, b, lang);
	y += 6;
	csm__ktext_rgb(k, MARGIN, y,
	               csm__kfmt(k, 0, "%s (%s %s)", csm__msg("portfolio.fu_title", lang), csm__msg("portfolio.fu_on", lang),
	                         pf->today),
	               11, CSM_ALIGN_LEFT, ACCENT);
	y += 16;
	csm__kwrap(k, MARGIN, &y, csm__kfmt(k, 0, "%s: %zu   %s: %zu", csm__msg("portfolio.fu_late_orgs", lang), pf->fu_late,
	                               csm__msg("portfolio.fu_unlisted_orgs", lang), pf->fu_unlisted),
	           8.5, PAGE_W - 2 * MARGIN, 11, 0.2, 1);
	y += 2;
	for (r = 0; r <= j->n; r++) {
		if (r == 0 || y + 14 > BODY_BOTTOM) {
			if (r)
				csm__kensure(k, &y, BODY_BOTTOM, b, lang); /* a new page */
			followup_head(k, lang, y, col);
			y += 15;
			if (r == 0)
				continue;
		}
		followup_row(k, j, r, y, col);
		y += 13;
	}
	y += 12;
	csm__kensure(k, &y, 24, b, lang);
	csm__kwrap(k, MARGIN, &y, csm__msg("portfolio.fu_note", lang), 7.5, PAGE_W - 2 * MARGIN, 10, 0.4, 1);
	*y_io = y;
}

static void summary_pages(csm__kdoc *k, const portfolio_job *j)
{
	double y, dy = summary_header(k, j);

	/* The heat map: subsidiaries by directive. */
	y = MARGIN + 104 + dy;
	csm__ktext_rgb(k, MARGIN, y, csm__msg("portfolio.heatmap_title", j->lang), 11,
	         CSM_ALIGN_LEFT, ACCENT);
	heat_map(k, j, &y);
	y += 4;
	heat_key(k, j->lang, &y);
	weak_directives(k, j, &y);
	followup_table(k, j, &y);
	csm__kfooter(k, csm__analysis_b(j->an[0]), j->lang);
}

/* Small multiples: a radar per subsidiary, six to a page. */
static void radar_pages(csm__kdoc *k, const portfolio_job *j)
{
	const csm_benchmark *b = csm__analysis_b(j->an[0]);
	size_t i;
	for (i = 0; i < j->n; i++) {
		const csm_analysis *an = j->an[j->order[i]];
		const csm_answers *a = csm__analysis_a(an);
		const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
		csm_radar *radar = NULL;
		char name[CSM_MAX_NAME_BYTES + 40], label[CSM_MAX_NAME_BYTES + 64], num[16];
		double size = 9, x, y;
		int slot = (int)(i % 6);
		if (slot == 0) {
			if (i)
				csm__kfooter(k, b, j->lang);
			csm__knew_page(k);
			csm__ktext_rgb(k, MARGIN, MARGIN + 6, csm__msg("portfolio.radars_title", j->lang),
			         11, CSM_ALIGN_LEFT, ACCENT);
		}
		x = MARGIN + (slot % 2) * 265;
		y = MARGIN + 20 + (slot / 2) * 250;
		snprintf(label, sizeof label, "%s  %s %s", nm, csm_grade_name(csm__analysis_s(an)->grade),
		         csm_format_overall(num, sizeof num, csm__analysis_s(an)->overall, &csm__analysis_s(an)->grading));
		csm__kfit(k, label, &size, 6.5, 255, name, sizeof name);
		k->c.text(&k->c, x + 2, y + 10, name, size, CSM_ALIGN_LEFT, 0.05);
		if (csm__radar_fill(&radar, an, j->lang, 1)) /* short legends: the industry is in the karte */
			k->nomem = 1;
		else
			csm__radar_draw(&k->c, radar, x, y + 14, 258, 232);
		csm_radar_free(radar);
	}
	csm__kfooter(k, b, j->lang);
}

static void draw_portfolio(csm__kdoc *k, void *ctx)
{
	portfolio_job *j = ctx;
	size_t i;
	summary_pages(k, j);
	radar_pages(k, j);
	for (i = 0; i < j->n; i++)
		csm__karte_layout(k, j->an[j->order[i]], j->tips, j->lang);
}

int csm_portfolio_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *const *an, size_t n,
                         const csm_tips *tips, csm_lang lang, long long created, csm_rollup rollup)
{
	CSM__ARGS(out && len && km && an && csm__all_set((const void *const *)an, n) && CSM__LANG_OK(lang));
	csm__portfolio pf;
	portfolio_job j;
	int rc;
	*out = NULL;
	*len = 0;
	if ((rc = csm__portfolio_build(&pf, an, n, rollup)))
		return rc;
	memset(&j, 0, sizeof j);
	j.pf = &pf;
	j.an = an;
	j.n = n;
	j.tips = tips;
	j.lang = lang;
	j.order = pf.order;
	rc = csm__kmake_pdf(out, len, km, draw_portfolio, &j, csm__msg("portfolio.running", lang),
	              NULL, created);
	csm__portfolio_free(&pf);
	return rc;
}
