/* The board page: one A4 page in plain words for a board pack (the grade and
 * its change, the position in the industry, the three directives that need
 * a decision, the next three actions, last year's actions, the overall
 * score over the years), drawn from what board.c computes with the karte's
 * own functions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "board.h"
#include "error.h"
#include "followup.h"
#include "karte.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "tips.h"
#include "util.h"

/* The formats come from the message table (csm__msg), not literals: the
 * compiler cannot check them, test_messages does (the same conversions in
 * every language), and each call here passes the arguments its key names. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define B_BODY 10          /* text */
#define B_LEAD 13.5
#define B_NOTE 9           /* second lines: status, owner and cost */
#define B_NOTE_LEAD 12
#define B_HEAD 12.5        /* section headings */
#define B_HEAD_GAP 17      /* from a heading to its first line */
#define B_SECTION_GAP 14   /* between sections */
#define GRADE_BOX_W 112    /* the grade box, top right, as the karte's */
#define GRADE_BOX_H 70
#define RULE_Y (MARGIN + 84)
#define CHART_X (MARGIN + 300) /* the chart, right of "where we stand" */
#define CHART_W (PAGE_W - MARGIN - CHART_X)
#define CHART_H 160
#define LEFT_W (CHART_X - MARGIN - 16)
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define INDENT 16

#define B_PI 3.14159265358979323846
static const double RED[3] = {0.70, 0.12, 0.08};

#define M(key) csm__msg(key, lang)

/* A section heading with a thin rule under it; returns the first baseline. */
static double heading(csm__kdoc *k, double y, const char *text)
{
	csm__ktext_rgb(k, MARGIN, y, text, B_HEAD, CSM_ALIGN_LEFT, ACCENT);
	csm__kline(k, MARGIN, y + 4, PAGE_W - MARGIN, y + 4, 0.8, 0.5);
	return y + B_HEAD_GAP + 2;
}

/* One line in the accent colour, made smaller (to 8 pt) or cut to fit. */
static void accent_line(csm__kdoc *k, double x, double y, const char *s, double size, double width)
{
	csm__buf fit = {0};
	csm__kfit_into(k, s, &size, 8, width, &fit);
	if (fit.nomem)
		k->nomem = 1;
	if (fit.s)
		csm__ktext_rgb(k, x, y, fit.s, size, CSM_ALIGN_LEFT, ACCENT);
	csm__buf_free(&fit);
}

/* The header: the page's title, the organization and the date; the grade box. */
static double header(csm__kdoc *k, const csm_analysis *an, csm_lang lang)
{
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const char *f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf meta = {0};
	char num[32];
	double y, x = PAGE_W - MARGIN - GRADE_BOX_W, dy;

	csm__knew_page(k);
	k->first_page = k->pages;
	csm__ktext_rgb(k, MARGIN, MARGIN + 6, M("board.title"), 9, CSM_ALIGN_LEFT, ACCENT);
	y = csm__kheader_name(k, f ? f : a->name, 17, MARGIN + 28, HEADER_W) + 16;
	if ((f = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)))
		csm__buf_printf(&meta, "%s: %s   ", M("board.assessed"), f);
	if ((f = csm__analysis_industry_compared(an, lang)))
		csm__buf_printf(&meta, "%s: %s   ", M("board.industry"), f);
	if ((f = csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE)))
		csm__buf_printf(&meta, "%s: %s", M("board.scope"), csm__scope_label(f, lang));
	if (meta.nomem)
		k->nomem = 1;
	csm__kwrap_max(k, MARGIN, &y, meta.s ? meta.s : "", 8.5, HEADER_W, 11, 0.2, 1, 2);
	csm__buf_free(&meta);
	dy = y - 2 > RULE_Y ? y - 2 - RULE_Y : 0;
	csm__kbox(k, x, MARGIN, GRADE_BOX_W, GRADE_BOX_H, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, M("board.grade"), 8.5, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 40, MARGIN + 55, csm_grade_name(s->grade), 40, CSM_ALIGN_CENTER, 1.0);
	k->c.text(&k->c, x + 100, MARGIN + 32, M("board.overall"), 7.5, CSM_ALIGN_RIGHT, 1.0);
	csm__kgrade_box_overall(k, x, csm_format_overall(num, sizeof num, s->overall, &s->grading));
	csm__kline(k, MARGIN, RULE_Y + dy, PAGE_W - MARGIN, RULE_Y + dy, 0.6, 0.8);
	return RULE_Y + dy + 22;
}

/* A paragraph of the left column; *y advances past it. */
static void para(csm__kdoc *k, double *y, const char *s, double gray)
{
	csm__kwrap_max(k, MARGIN, y, s, B_BODY, LEFT_W, B_LEAD, gray, 1, 4);
	*y += 5;
}

/* The position against the industry, as the karte's right column decides it:
 * a percentile only in a group of at least the benchmark's min_group. */
static void industry(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double *y)
{
	const csm_benchmark *b = csm__analysis_b(an);
	const char *label = csm__analysis_group_label(an, lang);
	unsigned gn = 0;
	double pct;
	if (!csm_analysis_compares(an))
		return;
	if (csm__analysis_percentile_withheld(an, &gn))
		para(k, y, csm__kfmt(k, 0, M("board.industry_withheld"), label ? label : "", gn, csm_benchmark_min_group(b)),
		     0.1);
	else if (csm_analysis_percentile(&pct, an) > 0)
		para(k, y,
		     csm__kfmt(k, 0, M("board.industry_percentile"), label ? label : "",
		               csm_benchmark_group_n(b, (size_t)csm__analysis_industry_group(an)), pct, pct),
		     0.1);
	else
		para(k, y, M("board.industry_none"), 0.1);
}

/* Where the company stands: the grade, its change, the cut-offs, the industry. */
static double standing(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double y)
{
	const csm_score *s = csm__analysis_s(an), *ps = csm__analysis_prev(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_grading *gr = csm_benchmark_grading(b);
	char now[32], was[32];
	csm_format_overall(now, sizeof now, s->overall, &s->grading);
	y = heading(k, y, M("board.standing"));
	if (csm__analysis_graded(an))
		para(k, &y, csm__kfmt(k, 0, M("board.grade_now"), csm_grade_name(s->grade), now), 0.05);
	if (!csm_analysis_compares(an)) { /* no grade or no comparison: say why, as the karte does */
		csm__buf note = {0};
		csm__analysis_comparison_note(an, lang, &note);
		if (note.nomem)
			k->nomem = 1;
		if (!csm__analysis_graded(an))
			para(k, &y, csm__kfmt(k, 0, M("board.overall_now"), now), 0.05);
		para(k, &y, note.s ? note.s : "", 0.1);
		csm__buf_free(&note);
	}
	if (ps) {
		const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
		csm_format_overall(was, sizeof was, ps->overall, &ps->grading);
		para(k, &y,
		     csm__kfmt(k, 0, M("board.since"), pdate ? pdate : "-", csm_grade_name(ps->grade), csm_grade_name(s->grade),
		               was, now),
		     0.1);
	} else {
		para(k, &y, M("board.first"), 0.1);
	}
	if (csm__analysis_graded(an))
		para(k, &y,
		     csm__kfmt(k, 0, "%s%s", csm__kfmt(k, 1, M("board.grading"), gr->a, gr->b),
		               csm_benchmark_grading_estimated(b) ? M("board.grading_estimated") : ""),
		     0.35);
	industry(k, an, lang, &y);
	/* what the karte also warns of before the numbers are trusted */
	if (s->partial)
		para(k, &y, M("board.partial"), 0.1);
	if (s->weighted)
		para(k, &y, M("board.weighted"), 0.1);
	return y;
}

/* Point i's label ("3.2 B", or the overall alone without a grade), or NULL
 * when crowded and every other point is labelled, counting back from this
 * year's (always labelled). */
static const char *point_label(csm__kdoc *k, const csm__board *bd, const csm_analysis *an, size_t i, int crowded)
{
	const csm__board_point *p = &bd->points[i];
	char num[32];
	if (crowded && (bd->point_n - 1 - i) % 2)
		return NULL;
	csm_format_overall(num, sizeof num, p->overall, p->grading);
	if (p->grade != CSM_GRADE_NONE && csm__analysis_graded(an))
		return csm__kfmt(k, 1, "%s %s", num, csm_grade_name(p->grade));
	return csm__kfmt(k, 1, "%s", num);
}

/* The overall score of every assessment given, by date, with the grade
 * cut-offs as dashed lines (when there is a grade). */
/* Where the chart draws: the scale's ends and the points' span, inset from
 * the ends so the points' labels stay clear of the cut-offs'. */
typedef struct {
	double x0, x1, y0, y1, px0, px1, step;
	size_t n;
} chart_axes;

static chart_axes chart_place(const csm__board *bd, double top)
{
	chart_axes ax;
	ax.x0 = CHART_X + 22, ax.x1 = PAGE_W - MARGIN - 14, ax.y0 = top + 22, ax.y1 = top + CHART_H - 24;
	ax.px0 = ax.x0 + (bd->point_n > 5 ? 14 : 26), ax.px1 = ax.x1 - (bd->point_n > 5 ? 14 : 26);
	ax.step = bd->point_n > 1 ? (ax.px1 - ax.px0) / (double)(bd->point_n - 1) : 0;
	ax.n = bd->point_n;
	return ax;
}

/* The height of a level (1 to 5) and the place of point i; one point sits in the middle. */
static double chart_y(const chart_axes *ax, double val) { return ax->y1 - (val - 1) / 4 * (ax->y1 - ax->y0); }
static double chart_x(const chart_axes *ax, size_t i)
{
	return ax->n > 1 ? ax->px0 + ax->step * (double)i : (ax->px0 + ax->px1) / 2;
}

/* The scale, 1 to 5, and the grades' cut-offs dashed when the benchmark compares. */
static void chart_scale(csm__kdoc *k, const chart_axes *ax, const csm_analysis *an)
{
	static const double dash[2] = {3, 2};
	const csm_grading *gr = csm_benchmark_grading(csm__analysis_b(an));
	csm__style st;
	char num[32];
	size_t i;
	int v;
	for (v = 1; v <= 5; v++) {
		snprintf(num, sizeof num, "%d", v);
		csm__kline(k, ax->x0, chart_y(ax, v), ax->x1, chart_y(ax, v), 0.88, 0.4);
		k->c.text(&k->c, ax->x0 - 6, chart_y(ax, v) + 3, num, 7, CSM_ALIGN_RIGHT, 0.45);
	}
	memset(&st, 0, sizeof st);
	if (csm__analysis_graded(an)) {
		const double cut[2] = {gr->a, gr->b};
		const char *name[2] = {"A", "B"};
		st.r = st.g = st.b = 0.55, st.width = 0.6, st.dash = dash, st.ndash = 2;
		for (i = 0; i < 2; i++) {
			cairo_move_to(k->c.cr, ax->x0, chart_y(ax, cut[i]));
			cairo_line_to(k->c.cr, ax->x1, chart_y(ax, cut[i]));
			k->c.stroke(&k->c, &st);
			k->c.text(&k->c, ax->x1 + 3, chart_y(ax, cut[i]) + 3, name[i], 7, CSM_ALIGN_LEFT, 0.4);
		}
	}
}

/* The overall's line and its markers (the current one larger, earlier ones
 * open), over white boxes for the labels so a cut-off's dashed line does not
 * run through them. */
static void chart_line(csm__kdoc *k, const chart_axes *ax, const csm__board *bd, const csm_analysis *an, int crowded)
{
	csm__style st;
	const char *label;
	size_t i;
	for (i = 0; i < bd->point_n; i++)
		if ((label = point_label(k, bd, an, i, crowded))) {
			double lw = csm__ktext_width(k->km, label, 8);
			csm__kbox(k, chart_x(ax, i) - lw / 2 - 1.5, chart_y(ax, bd->points[i].overall) - 14, lw + 3, 9.5, 1, 1, 1);
		}
	memset(&st, 0, sizeof st);
	st.r = ACCENT[0], st.g = ACCENT[1], st.b = ACCENT[2], st.width = 1.6, st.dash = NULL, st.ndash = 0, st.alpha = 1;
	for (i = 0; i < bd->point_n; i++) {
		if (i == 0)
			cairo_move_to(k->c.cr, chart_x(ax, i), chart_y(ax, bd->points[i].overall));
		else
			cairo_line_to(k->c.cr, chart_x(ax, i), chart_y(ax, bd->points[i].overall));
	}
	if (bd->point_n > 1)
		k->c.stroke(&k->c, &st);
	for (i = 0; i < bd->point_n; i++) {
		const csm__board_point *p = &bd->points[i];
		double x = chart_x(ax, i), y = chart_y(ax, p->overall);
		cairo_arc(k->c.cr, x, y, p->current ? 3.6 : 2.8, 0, 2 * B_PI);
		k->c.fill(&k->c, &st);
		if (!p->current) { /* earlier ones open: white inside */
			csm__style w = st;
			w.r = w.g = w.b = 1;
			cairo_arc(k->c.cr, x, y, 1.6, 0, 2 * B_PI);
			k->c.fill(&k->c, &w);
		}
	}
}

/* Each point's label above it and its date under the axis: in full for a
 * few points, else the month, else the year. */
static void chart_labels(csm__kdoc *k, const chart_axes *ax, const csm__board *bd, const csm_analysis *an,
                         int crowded)
{
	const char *label;
	size_t i;
	for (i = 0; i < bd->point_n; i++) {
		char date[16];
		if (!(label = point_label(k, bd, an, i, crowded)))
			continue;
		k->c.text(&k->c, chart_x(ax, i), chart_y(ax, bd->points[i].overall) - 7, label, 8, CSM_ALIGN_CENTER, 0.1);
		snprintf(date, sizeof date, "%.*s", bd->point_n > 6 ? 4 : bd->point_n > 4 ? 7 : 10,
		         bd->points[i].date[0] ? bd->points[i].date : "-");
		k->c.text(&k->c, chart_x(ax, i), ax->y1 + 12, date, 7, CSM_ALIGN_CENTER, 0.35);
	}
}

static void chart(csm__kdoc *k, const csm__board *bd, const csm_analysis *an, csm_lang lang, double top)
{
	chart_axes ax = chart_place(bd, top);
	int crowded = bd->point_n > 5;

	csm__ktext_rgb(k, CHART_X, top, M("board.chart"), 9.5, CSM_ALIGN_LEFT, ACCENT);
	chart_scale(k, &ax, an);
	chart_line(k, &ax, bd, an, crowded);
	chart_labels(k, &ax, bd, an, crowded);
	if (bd->point_n == 1)
		csm__kwrap_max(k, CHART_X, &(double){ax.y1 + 25}, M("board.chart_one"), 7.5, CHART_W, 9.5, 0.4, 1, 1);
	else if (bd->point_total > bd->point_n)
		k->c.text(&k->c, CHART_X, ax.y1 + 25, csm__kfmt(k, 0, M("board.chart_last"), bd->point_n, bd->point_total),
		          7.5, CSM_ALIGN_LEFT, 0.4);
}

/* The directives that need the board's decision: the karte's hint 1 and
 * hint 2's first, each with where it stands and what could happen if left. */
static double decisions(csm__kdoc *k, const csm__board *bd, const csm_analysis *an, csm_lang lang, double y)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const char *target = csm_analysis_target(an);
	int g = target ? csm_benchmark_group_find(b, target) : -1;
	size_t i;

	y = heading(k, y, bd->dir_n == 3 ? M("board.decisions_3") : M("board.decisions"));
	if (!bd->dir_n) {
		csm__kwrap(k, MARGIN, &y, M("board.decisions_none"), B_BODY, TEXT_W, B_LEAD, 0.1, 1);
		return y + B_SECTION_GAP - 5;
	}
	for (i = 0; i < bd->dir_n; i++) {
		int d = bd->dirs[i];
		const csm_directive_score *ds = &s->dir[d - 1];
		char now[32], avg[32], gap_s[32];
		double gap = 0, mean = 0;
		const char *if_left = csm_directive_if_left(q, d, lang);
		const char *status;
		accent_line(k, MARGIN, y, csm__kfmt(k, 0, M("board.dir_head"), i + 1, q->dir_title[d - 1][lang], d), 10.5,
		            TEXT_W);
		y += B_LEAD;
		csm_format1(now, sizeof now, ds->score);
		/* the karte's numbers: its target column and its gap, as shown */
		if (csm_analysis_compares(an) && g >= 0 && csm_benchmark_group_mean(&mean, b, (size_t)g, d) &&
		    csm_analysis_gap(&gap, an, d) > 0) {
			csm_format1(avg, sizeof avg, mean);
			csm_format1(gap_s, sizeof gap_s, gap);
			status = strtod(gap_s, NULL) > 0 /* behind as shown */
			             ? csm__kfmt(k, 0, M("board.dir_behind"), now, target + strlen("grade:"), avg, gap_s)
			             : csm__kfmt(k, 0, M("board.dir_at"), now, target + strlen("grade:"), avg);
		} else {
			status = csm__kfmt(k, 0, M("board.dir_score"), now);
		}
		csm__kwrap_max(k, MARGIN + INDENT, &y, status, B_NOTE, TEXT_W - INDENT, B_NOTE_LEAD, 0.3, 1, 1);
		if (if_left)
			csm__kwrap_max(k, MARGIN + INDENT, &y, csm__kfmt(k, 0, M("board.if_left"), if_left), B_BODY,
			               TEXT_W - INDENT, B_LEAD, 0.05, 1, 3);
		y += 6;
	}
	return y + B_SECTION_GAP - 6;
}

static const char *size_word(char c, csm_lang lang)
{
	return c == 'S' ? M("board.size_s") : c == 'M' ? M("board.size_m") : c == 'L' ? M("board.size_l") : "-";
}

/* The first three actions of this year's list, as csm plan --actions writes
 * it: what, the first step, the owner, cost, effort and due date. */
static double next_actions(csm__kdoc *k, const csm__board *bd, const csm_tips *tips, csm_lang lang, double y)
{
	size_t i, n = bd->next ? csm_actions_count(bd->next) : 0;
	y = heading(k, y, n >= 3 ? M("board.actions_3") : M("board.actions"));
	if (!bd->next || !n) {
		csm__kwrap(k, MARGIN, &y, bd->next ? M("board.actions_none") : M("board.actions_no_plan"), B_BODY, TEXT_W,
		           B_LEAD, 0.1, 1);
		return y + B_SECTION_GAP - 5;
	}
	for (i = 0; i < n && i < 3; i++) {
		const csm_action *x = csm_actions_get(bd->next, i);
		const char *title = x->tip[0] ? csm_tip_text(csm__tips_lookup(tips, x->tip), CSM_TIP_TITLE, lang) : NULL;
		accent_line(k, MARGIN, y,
		            csm__kfmt(k, 0, M("board.action_head"), i + 1, title ? title : x->item, x->item, x->from, x->to),
		            10.5, TEXT_W);
		y += B_LEAD;
		if (x->first_step[0])
			csm__kwrap_max(k, MARGIN + INDENT, &y, csm__kfmt(k, 0, M("board.first_step"), x->first_step), B_BODY,
			               TEXT_W - INDENT, B_LEAD, 0.05, 1, 3);
		csm__kwrap_max(k, MARGIN + INDENT, &y,
		               csm__kfmt(k, 0, M("board.action_who"), x->owner[0] ? x->owner : "-", size_word(x->cost, lang),
		                         size_word(x->effort, lang), x->due[0] ? x->due : M("board.due_none")),
		               B_NOTE, TEXT_W - INDENT, B_NOTE_LEAD, 0.3, 1, 2);
		y += 6;
	}
	return y + B_SECTION_GAP - 6;
}

/* Last year's action list, in counts (the follow-up of the karte and the
 * text report lists them one by one). */
static double last_year(csm__kdoc *k, const csm__board *bd, const csm_analysis *an, csm_lang lang, double y)
{
	const csm__followup_counts *f = &bd->fu;
	if (!bd->has_followup)
		return y;
	y = heading(k, y, M("board.followup"));
	csm__kwrap(k, MARGIN, &y,
	           csm__kfmt(k, 0, M("board.followup_counts"), f->actions, f->done, f->in_progress, f->open, f->dropped,
	                     csm__analysis_followup(an)->today),
	           B_BODY, TEXT_W, B_LEAD, 0.05, 1);
	if (f->late) {
		csm__buf line = {0};
		csm__kfit_into(k, csm__kfmt(k, 0, M("board.followup_late"), f->late), &(double){B_BODY}, B_BODY, TEXT_W, &line);
		if (line.s)
			csm__ktext_rgb(k, MARGIN, y, line.s, B_BODY, CSM_ALIGN_LEFT, RED);
		if (line.nomem)
			k->nomem = 1;
		csm__buf_free(&line);
		y += B_LEAD;
	} else {
		csm__kwrap(k, MARGIN, &y, M("board.followup_none_late"), B_BODY, TEXT_W, B_LEAD, 0.05, 1);
	}
	if (f->done)
		csm__kwrap(k, MARGIN, &y, csm__kfmt(k, 0, M("board.followup_done"), f->done_moved, f->done_not_moved), B_BODY,
		           TEXT_W, B_LEAD, 0.05, 1);
	return y + B_SECTION_GAP - 5;
}

typedef struct board_job {
	const csm_analysis *an;
	const csm_tips *tips;
	const csm__board *bd;
	csm_lang lang;
} board_job;

static void draw_board(csm__kdoc *k, void *ctx)
{
	const board_job *j = ctx;
	const csm_analysis *an = j->an;
	csm_lang lang = j->lang;
	double y, top;
	top = header(k, an, lang);
	y = standing(k, an, lang, top);
	chart(k, j->bd, an, lang, top + 2);
	y = (y > top + CHART_H + 10 ? y : top + CHART_H + 10) + 6; /* below the chart's note */
	y = decisions(k, j->bd, an, lang, y);
	y = next_actions(k, j->bd, j->tips, lang, y);
	y = last_year(k, j->bd, an, lang, y);
	/* where every number comes from, above the footer */
	csm__kwrap_max(k, MARGIN, &(double){FOOTER_Y - 20}, M("board.source"), 7.5, TEXT_W, 9.5, 0.4, 1, 1);
	(void)y;
	csm__kfooter(k, csm__analysis_b(an), lang);
}

int csm_board_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an, const csm_tips *tips,
                     csm_lang lang, long long created)
{
	CSM__ARGS(out && len && km && an && CSM__LANG_OK(lang));
	csm__board bd;
	board_job j = {an, tips, &bd, lang};
	const csm_answers *a = csm__analysis_a(an);
	const char *f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf title = {0}, author = {0};
	size_t i;
	int rc;
	*out = NULL;
	*len = 0;
	if ((rc = csm__board_build(&bd, an, tips, lang))) {
		csm__board_free(&bd);
		return rc;
	}
	csm__buf_printf(&title, "%s: %s", M("board.doc_title"), f ? f : "");
	for (i = 0; i < a->assessor_count; i++) /* the author, as the karte's */
		if (a->assessor_name[i] && a->assessor_name[i][0])
			csm__buf_printf(&author, "%s%s", author.len ? ", " : "", a->assessor_name[i]);
	rc = title.nomem || author.nomem ? csm__nomem()
	                                 : csm__kmake_pdf(out, len, km, draw_board, &j, title.s, author.s, created);
	csm__buf_free(&title);
	csm__buf_free(&author);
	csm__board_free(&bd);
	return rc;
}
