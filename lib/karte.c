/* The karte: a one- or two-page A4 PDF report of one assessment (header and
 * grade, radar and findings, the table by directive, the hints), drawn on
 * the document of pdf_doc.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "karte.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "tips.h"
#include "util.h"

/* The karte's dimensions, in points (the canvas's: y down). */
#define BODY_SIZE 8.5     /* text */
#define BODY_LEAD 11      /* its line spacing */
#define NOTE_SIZE 8       /* smaller notes: items, actions */
#define NOTE_LEAD 10.5
#define HINT_SIZE 9.5     /* a hint's first line */
#define HINT_LEAD 12.5
#define SECTION_SIZE 11   /* the table's and the hints' headings */
#define HEADING_GAP 12    /* from a heading of the right column to its text */
#define GRADE_BOX_W 112   /* the grade box, top right */
#define GRADE_BOX_H 70
#define HEADER_RULE_Y (MARGIN + 84) /* the rule under the header, before it grows */
#define RADAR_X (MARGIN - 4) /* the radar, left under the header */
#define RADAR_Y (MARGIN + 88)
#define RADAR_W 300
#define RADAR_H 256
#define RIGHT_X (MARGIN + 306) /* the column right of the radar */
#define RIGHT_Y (MARGIN + 104)
#define TABLE_Y (MARGIN + 356) /* the table, at the earliest */
#define TABLE_NEED 215    /* the table's height: it goes to the next page whole */
#define HINTS_NEED 60     /* the hints' heading and a first line */
#define FOLLOWUP_NEED 60  /* the follow-up's title and its first lines */
#define HEAD_BASELINE 10.5 /* in the table's heading row */
#define ROW_BASELINE 9.5  /* in a row */

/* The table's column widths: #, directive, score, all, C, B, A, industry,
 * gap, mark, and with a previous assessment, its score and the change. */
static const double CW_PLAIN[12] = {18, 168, 42, 40, 36, 36, 36, 46, 56, 22, 0, 0};
static const double CW_PREV[12] = {18, 100, 42, 40, 36, 36, 36, 46, 46, 18, 36, 44};

/* The overall in the grade box at `x`: 20 pt, smaller where the display rule
 * gave it more decimals (2.665), so it stays clear of the grade letter. */
void csm__kgrade_box_overall(csm__kdoc *k, double x, const char *overall)
{
	double size = 20;
	char shown[32];
	csm__kfit(k, overall, &size, 10, 36, shown, sizeof shown);
	k->c.text(&k->c, x + 100, MARGIN + 56, shown, size, CSM_ALIGN_RIGHT, 1.0);
}



void csm__kfooter(csm__kdoc *k, const csm_benchmark *b, csm_lang lang)
{
	char right[64];
	const char *date = csm_benchmark_date(b);
	csm__buf left = {0};
	double size = 7;
	csm__kline(k, MARGIN, FOOTER_Y - 10, PAGE_W - MARGIN, FOOTER_Y - 10, 0.75, 0.5);
	/* the benchmark's name and date come from its file: kept to the line */
	csm__kfit_into(k,
	         csm__kfmt(k, 0, "%s: %s (%s)  ·  csm %s", csm__msg("karte.benchmark", lang), csm_benchmark_name(b),
	                   date[0] ? date : csm__msg("karte.no_date", lang),
	              csm_version()),
	         &size, 7, PAGE_W - 2 * MARGIN - 40, &left);
	if (left.s)
		k->c.text(&k->c, MARGIN, FOOTER_Y, left.s, 7, CSM_ALIGN_LEFT, 0.4);
	csm__buf_free(&left);
	snprintf(right, sizeof right, "%d / %d", k->pages, k->total_pages ? k->total_pages : k->pages);
	k->c.text(&k->c, PAGE_W - MARGIN, FOOTER_Y, right, 7, CSM_ALIGN_RIGHT, 0.4);
}

/* Start a new page when `need` more points do not fit. */
void csm__kensure(csm__kdoc *k, double *y, double need, const csm_benchmark *b, csm_lang lang)
{
	if (*y + need <= BODY_BOTTOM)
		return;
	csm__kfooter(k, b, lang);
	csm__knew_page(k);
	{
		char head[sizeof k->running + sizeof k->running_tail];
		double size = 8.5;
		csm__kfit(k, k->running, &size, 8.5, PAGE_W - 2 * MARGIN - csm__ktext_width(k->km, k->running_tail, 8.5), head,
		    sizeof k->running);
		strcat(head, k->running_tail);
		csm__ktext_rgb(k, MARGIN, MARGIN + 6, head, size, CSM_ALIGN_LEFT, ACCENT);
	}
	csm__kline(k, MARGIN, MARGIN + 12, PAGE_W - MARGIN, MARGIN + 12, 0.75, 0.5);
	*y = CONT_TOP;
}

static void directive_list(csm__kdoc *k, double x, double *y, double width, const char *title, const int *v, size_t n,
                           const csm_questionnaire *q, csm_lang lang)
{
	csm__buf text = {0};
	size_t i;
	csm__ktext_rgb(k, x, *y, title, BODY_SIZE, CSM_ALIGN_LEFT, ACCENT);
	*y += HEADING_GAP;
	for (i = 0; i < n; i++)
		csm__buf_printf(&text, "%s%d %s", i ? csm__msg("common.list_sep", lang) : "", v[i], q->dir_short[v[i] - 1][lang]);
	if (text.nomem)
		k->nomem = 1;
	csm__kwrap(k, x + 6, y, n && text.s ? text.s : csm__msg("karte.none", lang), BODY_SIZE, width - 6, BODY_LEAD, 0.1, 1);
	csm__buf_free(&text);
	*y += 5;
}

/* Where to break `name` for a first line of `width` at `size`: after the last
 * space that fits, else between characters (wide characters, no space). */
static size_t name_break(csm__kdoc *k, const char *name, double size, double width)
{
	size_t n = csm__kfit_bytes(k, name, strlen(name), size, width), cut = n;
	if (!name[n])
		return n;
	while (cut > 0 && name[cut] != ' ' && name[cut - 1] != ' ')
		cut--;
	if (cut == 0 || (unsigned char)name[n] >= 0xE0 || (n > 0 && (unsigned char)name[n - 1] >= 0x80))
		cut = n;
	return cut;
}

/* A name in the header: one line, from `size` down to 14 pt; if it is still
 * too wide, two lines, from 13 pt down to 10 pt, so the whole name shows; the
 * second line is cut with an ellipsis only if even that is not enough. The
 * first baseline is at `y`; returns the last one. */
double csm__kheader_name(csm__kdoc *k, const char *name, double size, double y, double width)
{
	csm__buf second = {0};
	size_t cut;
	double s2 = 13;
	const char *rest;
	while (size > 14 && csm__ktext_width(k->km, name, size) > width)
		size -= 0.5;
	if (csm__ktext_width(k->km, name, size) <= width) {
		k->c.text(&k->c, MARGIN, y, name, size, CSM_ALIGN_LEFT, 0.05);
		return y;
	}
	for (;;) {
		cut = name_break(k, name, s2, width);
		for (rest = name + cut; *rest == ' '; rest++)
			;
		if (s2 <= 10 || csm__ktext_width(k->km, rest, s2) <= width)
			break;
		s2 -= 0.5;
	}
	{
		char *first = csm__strndup(name, cut);
		size_t len = cut;
		if (!first) {
			k->nomem = 1;
			return y;
		}
		while (len > 0 && first[len - 1] == ' ')
			first[--len] = '\0';
		k->c.text(&k->c, MARGIN, y - 4, first, s2, CSM_ALIGN_LEFT, 0.05);
		free(first);
	}
	csm__kfit_into(k, rest, &s2, s2, width, &second);
	if (second.s)
		k->c.text(&k->c, MARGIN, y - 4 + s2 + 3, second.s, s2, CSM_ALIGN_LEFT, 0.05);
	csm__buf_free(&second);
	return y - 4 + s2 + 3;
}

/* "name (role)" of an assessor within `width`: the name keeps at least 60%
 * of it when both must be cut. */
static void assessor_entry(csm__kdoc *k, csm__buf *out, const char *nm, const char *role, double size, double width)
{
	csm__buf part = {0};
	double s = size, nw, rw, pw = csm__ktext_width(k->km, " ()", size);
	if (!nm || !nm[0])
		nm = "?";
	nw = csm__ktext_width(k->km, nm, size);
	rw = role && role[0] ? csm__ktext_width(k->km, role, size) + pw : 0;
	if (nw + rw > width) {
		double nmax = rw ? (width - rw > width * 0.6 ? width - rw : width * 0.6) : width;
		csm__kfit_into(k, nm, &s, size, nmax, &part);
		csm__buf_puts(out, part.s ? part.s : "");
		nw = csm__ktext_width(k->km, part.s ? part.s : "", size);
		if (rw) {
			csm__kfit_into(k, role, &s, size, width - nw - pw, &part);
			csm__buf_printf(out, " (%s)", part.s ? part.s : "");
		}
	} else {
		csm__buf_puts(out, nm);
		if (rw)
			csm__buf_printf(out, " (%s)", role);
	}
	csm__buf_free(&part);
}

/* The assessors from baseline *y within `width`: one running text when it
 * takes at most two lines; else a table of two columns after the label, an
 * entry a cell, cut to fit, at most four rows (then "and N more"). */
static void assessor_block(csm__kdoc *k, double *y, const csm_answers *a, double size, double width, csm_lang lang)
{
	csm__buf flow = {0}, cell = {0};
	const char *label = csm__kfmt(k, 1, "%s: ", csm__msg("karte.assessors", lang));
	double lw = csm__ktext_width(k->km, label, size), cw = (width - lw) / 2, ty = 0;
	size_t i, cells, shown;
	csm__buf_puts(&flow, label);
	for (i = 0; i < a->assessor_count; i++) {
		const char *nm = a->assessor_name[i], *role = a->assessor_role[i];
		csm__buf_printf(&flow, "%s%s", i ? ", " : "", nm && nm[0] ? nm : "?");
		if (role && role[0])
			csm__buf_printf(&flow, " (%s)", role);
	}
	if (flow.nomem)
		k->nomem = 1;
	if (flow.s && csm__kwrap(k, 0, &ty, flow.s, size, width, 11, 0, 0) <= 2) {
		csm__kwrap(k, MARGIN, y, flow.s, size, width, 11, 0.2, 1);
		csm__buf_free(&flow);
		return;
	}
	csm__buf_free(&flow);
	k->c.text(&k->c, MARGIN, *y, label, size, CSM_ALIGN_LEFT, 0.2);
	cells = a->assessor_count > 8 ? 8 : a->assessor_count;
	shown = a->assessor_count > 8 ? 7 : a->assessor_count;
	for (i = 0; i < cells; i++) {
		double cx = MARGIN + lw + (double)(i % 2) * cw, cy = *y + (double)(i / 2) * 11;
		cell.len = 0;
		if (cell.s)
			cell.s[0] = '\0';
		if (i < shown)
			assessor_entry(k, &cell, a->assessor_name[i], a->assessor_role[i], size, cw - 10);
		else
			csm__buf_msgf(&cell, csm__msg("karte.assessors_more", lang), a->assessor_count - shown);
		if (cell.nomem)
			k->nomem = 1;
		else if (cell.s)
			k->c.text(&k->c, cx, cy, cell.s, size, CSM_ALIGN_LEFT, 0.2);
	}
	csm__buf_free(&cell);
	*y += (double)((cells + 1) / 2) * 11;
}

/* A score cell shaded by its level as shown, as the trial's table: 1.x
 * darker, 2.x lighter (the two read apart in grayscale, 0.80 and 0.92). */
static void shade(csm__kdoc *k, double x, double y, double w, double score)
{
	int level = csm_score_level(score);
	if (level <= 1)
		csm__kbox(k, x + 4, y + 0.5, w - 4, 12, 0.97, 0.74, 0.70);
	else if (level == 2)
		csm__kbox(k, x + 4, y + 0.5, w - 4, 12, 1.0, 0.92, 0.74);
}

/* The header: what, who, when; the grade on the right. It wraps and grows
 * as its texts need; returns how far it grew, which moves down everything
 * below its rule. */
static double karte_header(csm__kdoc *k, const csm_analysis *an, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const char *f;
	char num[32];
	double y, x, dy;

	csm__knew_page(k);
	k->first_page = k->pages;
	/* Header: what, who, when; the grade on the right. It wraps and grows
	 * as its texts need, and what is below moves down with its rule. */
	csm__ktext_rgb(k, MARGIN, MARGIN + 6, csm__msg("karte.title", lang), 9, CSM_ALIGN_LEFT, ACCENT);
	f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	snprintf(k->running, sizeof k->running, "%s", f ? f : a->name);
	snprintf(k->running_tail, sizeof k->running_tail, "  ·  %s %s", csm__msg("karte.grade", lang), csm_grade_name(s->grade));
	y = csm__kheader_name(k, f ? f : a->name, 17, MARGIN + 28, HEADER_W) + 16;
	{
		csm__buf meta = {0};
		if ((f = csm__analysis_industry_compared(an, lang)))
			csm__buf_printf(&meta, "%s: %s   ", csm__msg("karte.industry", lang), f);
		if ((f = csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE)))
			csm__buf_printf(&meta, "%s: %s   ", csm__msg("karte.scope", lang), csm__scope_label(f, lang));
		if ((f = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)))
			csm__buf_printf(&meta, "%s: %s   ", csm__msg("karte.assessed", lang), f);
		csm__buf_printf(&meta, "%s: %s", csm__msg("karte.questionnaire", lang), q->id);
		if (meta.nomem)
			k->nomem = 1;
		/* wrapped: a long industry label must not run under the grade box */
		csm__kwrap_max(k, MARGIN, &y, meta.s ? meta.s : "", 8.5, HEADER_W, 11, 0.2, 1, 2);
		csm__buf_free(&meta);
	}
	if (a->assessor_count) {
		y += 2;
		assessor_block(k, &y, a, 8.5, HEADER_W, lang);
	}
	/* y is the next baseline: the rule goes below the last line's descent */
	dy = y - 2 > HEADER_RULE_Y ? y - 2 - (HEADER_RULE_Y) : 0;
	/* The grade box. */
	x = PAGE_W - MARGIN - GRADE_BOX_W;
	csm__kbox(k, x, MARGIN, GRADE_BOX_W, GRADE_BOX_H, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, csm__msg("karte.grade", lang), BODY_SIZE, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 40, MARGIN + 55, csm_grade_name(s->grade), 40, CSM_ALIGN_CENTER, 1.0);
	k->c.text(&k->c, x + 100, MARGIN + 32, csm__msg("karte.overall", lang), 7.5, CSM_ALIGN_RIGHT, 1.0);
	csm__kgrade_box_overall(k, x, csm_format_overall(num, sizeof num, s->overall, &s->grading));
	csm__kline(k, MARGIN, HEADER_RULE_Y + dy, PAGE_W - MARGIN, HEADER_RULE_Y + dy, 0.6, 0.8);
	return dy;
}

/* Right of the radar, when there is something to compare with: the
 * comparison note, the target group and the position in the industry. */
static void right_target(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double x, double *y)
{
	const csm_benchmark *b = csm__analysis_b(an);
	const char *target = csm_analysis_target(an);
	double ry = *y;
	int g;

	if (csm_analysis_compares(an) != 2) {
		/* by directive only, or no comparison at all: say so where the target would be */
		csm__buf note = {0};
		csm__analysis_comparison_note(an, lang, &note);
		if (note.nomem)
			k->nomem = 1;
		csm__ktext_rgb(k, x, ry, csm__msg("karte.target", lang), BODY_SIZE, CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		csm__kwrap(k, x + 6, &ry, note.s ? note.s : "", BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1);
		csm__buf_free(&note);
		ry += 6;
	}
	if (csm_analysis_compares(an)) {
		g = csm_benchmark_group_find(b, target);
		csm__ktext_rgb(k, x, ry, csm__msg("karte.target", lang), BODY_SIZE, CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		k->c.text(&k->c, x + 6, ry,
		          csm__kmsgf(k, 0, csm__msg("karte.target_grade_average", lang), target + strlen("grade:"),
		               g >= 0 ? csm_benchmark_group_n(b, (size_t)g) : 0),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		ry += 17;
		{
			double pct;
			unsigned gn;
			if (csm__analysis_percentile_withheld(an, &gn)) {
				csm__ktext_rgb(k, x, ry, csm__msg("karte.position", lang), BODY_SIZE, CSM_ALIGN_LEFT,
				         ACCENT);
				ry += HEADING_GAP;
				csm__kwrap(k, x + 6, &ry,
				     csm__kmsgf(k, 0, csm__msg("karte.position_not_shown", lang),
				          csm__analysis_group_label(an, lang), gn, csm_benchmark_min_group(b)),
				     BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1);
				ry += 6;
			} else if (csm_analysis_percentile(&pct, an) > 0) {
				csm__ktext_rgb(k, x, ry, csm__msg("karte.position", lang), BODY_SIZE, CSM_ALIGN_LEFT,
				         ACCENT);
				ry += HEADING_GAP;
				csm__kwrap(k, x + 6, &ry,
				     csm__kmsgf(k, 0, csm__msg("karte.position_percentile", lang), pct,
				          csm__analysis_group_label(an, lang),
				          csm_benchmark_group_n(b, (size_t)csm__analysis_industry_group(an))),
				     BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1);
				ry += 6;
			}
		}
	}
	*y = ry;
}

/* The levels reached (grade A, or nothing to compare with), else the
 * directives behind the target. */
static void right_levels(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double x, double *y)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	double ry = *y;
	const int *list;
	size_t i, j, ln;

	if (s->grade == CSM_GRADE_A || !csm_analysis_compares(an)) {
		/* the trial's statements: "指示1、2、7はレベル5に達しています" */
		csm__buf st = {0};
		csm__ktext_rgb(k, x, ry, csm__msg("karte.levels", lang), BODY_SIZE, CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		for (i = 0; i < 2; i++) {
			csm_list which = i ? CSM_LIST_LOWEST : CSM_LIST_LEVEL5;
			st.len = 0;
			if (st.s)
				st.s[0] = '\0';
			if (!csm__analysis_level_text(an, which, lang, &st))
				continue;
			csm__buf_puts(&st, csm__msg("common.paren_open", lang));
			ln = csm_analysis_list(&list, an, which);
			for (j = 0; j < ln; j++)
				csm__buf_printf(&st, "%s%s", j ? csm__msg("common.list_sep", lang) : "", q->dir_short[list[j] - 1][lang]);
			csm__buf_puts(&st, csm__msg("common.paren_close_end", lang));
			if (st.nomem)
				k->nomem = 1;
			csm__kwrap(k, x + 6, &ry, st.s ? st.s : "", BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1);
			ry += 2;
		}
		csm__buf_free(&st);
		ry += 3;
	} else {
		ln = csm_analysis_list(&list, an, CSM_LIST_BEHIND_2);
		directive_list(k, x, &ry, PAGE_W - MARGIN - x, csm__msg("karte.behind2", lang), list, ln, q, lang);
		ln = csm_analysis_list(&list, an, CSM_LIST_BEHIND_1);
		directive_list(k, x, &ry, PAGE_W - MARGIN - x, csm__msg("karte.behind1", lang), list, ln, q, lang);
	}
	*y = ry;
}

/* The grading's cut-offs, and the notes on a partial or weighted score. */
static void right_grading(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double x, double *y)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_grading *gr = csm_benchmark_grading(b);
	double ry = *y;
	int d;

	if (csm_analysis_compares(an)) { /* no grade, no grading to show */
		csm__ktext_rgb(k, x, ry, csm__msg("karte.grading", lang), BODY_SIZE, CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		k->c.text(&k->c, x + 6, ry,
		          csm__kfmt(k, 0, "A: %g %s   B: %g %s   C: %s", gr->a, csm__msg("karte.grading_or_more", lang), gr->b,
		               csm__msg("karte.grading_or_more", lang), csm__msg("karte.grading_below", lang)),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		if (csm_benchmark_grading_estimated(b)) {
			/* the trial did not publish its cut-offs */
			ry += 11;
			k->c.text(&k->c, x + 6, ry, csm__msg("karte.estimated", lang), 8, CSM_ALIGN_LEFT, 0.35);
		}
		ry += 16;
	}
	if (s->partial)
		csm__kwrap(k, x, &ry, csm__msg("karte.partial", lang), BODY_SIZE, PAGE_W - MARGIN - x, BODY_LEAD, 0.1, 1);
	if (s->weighted) {
		csm__buf w = {0};
		csm__buf_printf(&w, "%s (", csm__msg("karte.weighted", lang));
		for (d = 0; d < CSM_DIRECTIVES; d++)
			csm__buf_printf(&w, "%s%g", d ? " " : "", q->weight[d]);
		csm__buf_puts(&w, ")");
		if (w.nomem)
			k->nomem = 1;
		csm__kwrap(k, x, &ry, w.s ? w.s : "", BODY_SIZE, PAGE_W - MARGIN - x, BODY_LEAD, 0.1, 1);
		csm__buf_free(&w);
	}
	*y = ry;
}

/* What changed since the previous assessment, when there is one. */
static void right_previous(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double x, double *y)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_score *ps = csm__analysis_prev(an);
	double ry = *y;

	if (ps) {
		const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
		char pb[16], nb[16];
		csm__buf items = {0};
		size_t moved = csm__moved_items(csm__analysis_prev_a(an), a, q, &items);
		csm__ktext_rgb(k, x, ry,
		         csm__kmsgf(k, 0, csm__msg("karte.since_previous", lang),
		              pdate ? pdate : "-"),
		         8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		k->c.text(&k->c, x + 6, ry,
		          csm__kmsgf(k, 0, csm__msg("karte.previous_change", lang),
		               csm_grade_name(ps->grade), csm_grade_name(s->grade),
		               csm_format_overall(pb, sizeof pb, ps->overall, &ps->grading),
		               csm_format_overall(nb, sizeof nb, s->overall, &s->grading)),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		ry += 11;
		if (strcmp(ps->q->id, q->id) != 0) {
			csm__kwrap(k, x + 6, &ry, csm__msg("karte.versions_differ", lang),
			     NOTE_SIZE, PAGE_W - MARGIN - x - 6, NOTE_LEAD, 0.35, 1);
		}
		if (items.nomem)
			k->nomem = 1;
		csm__kwrap_max(k, x + 6, &ry,
		         csm__kmsgf(k, 0, csm__msg("karte.items_moved", lang), moved,
		              moved && items.s ? items.s : csm__msg("karte.none", lang)),
		         NOTE_SIZE, PAGE_W - MARGIN - x - 6, NOTE_LEAD, 0.2, 1, 6);
		csm__buf_free(&items);
		ry += 6;
	}
	*y = ry;
}

/* What the board should know before trusting the numbers. */
static void right_discuss(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double x, double *y)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	double ry = *y;
	csm__buf items = {0};
	if (csm__answers_discuss_text(a, &items)) {
		csm__ktext_rgb(k, x, ry, csm__msg("common.to_discuss", lang), BODY_SIZE,
		         CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		csm__kwrap_max(k, x + 6, &ry, items.s ? items.s : "", BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1, 6);
		ry += 5;
	}
	if (items.nomem)
		k->nomem = 1;
	csm__buf_free(&items);
	if (csm__answers_unbacked(a, q, &items)) {
		csm__ktext_rgb(k, x, ry, csm__msg("common.no_evidence", lang), BODY_SIZE,
		         CSM_ALIGN_LEFT, ACCENT);
		ry += HEADING_GAP;
		csm__kwrap_max(k, x + 6, &ry, items.s ? items.s : "", BODY_SIZE, PAGE_W - MARGIN - x - 6, BODY_LEAD, 0.1, 1, 6);
		ry += 5;
	}
	if (items.nomem)
		k->nomem = 1;
	csm__buf_free(&items);
	*y = ry;
}

/* The table's heading row: only the columns there is something for. */
static void table_head(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double y, const double *col,
                       const double *cw, int ncol, const int *idx)
{
	static const char *const grades[4] = {NULL, "C", "B", "A"};
	const csm_score *ps = csm__analysis_prev(an);
	size_t i;

	csm__kbox(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1] - MARGIN, 15, 0.90, 0.92, 0.96);
	k->c.text(&k->c, col[0] + 4, y + HEAD_BASELINE, "#", 8, CSM_ALIGN_LEFT, 0.15);
	k->c.text(&k->c, col[1], y + HEAD_BASELINE, csm__msg("karte.directive", lang), 8, CSM_ALIGN_LEFT, 0.15);
	k->c.text(&k->c, col[2] + cw[2] - 4, y + HEAD_BASELINE, csm__msg("karte.col_score", lang), 8, CSM_ALIGN_RIGHT, 0.15);
	if (csm_analysis_compares(an)) { /* the groups' columns, only when there is a comparison */
		k->c.text(&k->c, col[3] + cw[3] - 4, y + HEAD_BASELINE, csm__msg("karte.col_all", lang), 8, CSM_ALIGN_RIGHT, 0.15);
		for (i = 1; i <= 3; i++)
			k->c.text(&k->c, col[3 + i] + cw[3 + i] - 4, y + HEAD_BASELINE, grades[i], 8, CSM_ALIGN_RIGHT, 0.15);
		if (idx[4] >= 0)
			k->c.text(&k->c, col[7] + cw[7] - 4, y + HEAD_BASELINE, csm__msg("karte.col_industry", lang), 8, CSM_ALIGN_RIGHT, 0.15);
		k->c.text(&k->c, col[8] + cw[8] - 4, y + HEAD_BASELINE, csm__msg("karte.gap", lang), 8, CSM_ALIGN_RIGHT, 0.15);
	}
	if (ps) {
		k->c.text(&k->c, col[10] + cw[10] - 4, y + HEAD_BASELINE, csm__msg("common.col_prev", lang), 8, CSM_ALIGN_RIGHT, 0.15);
		k->c.text(&k->c, col[11] + cw[11] - 4, y + HEAD_BASELINE, csm__msg("common.col_change", lang), 8, CSM_ALIGN_RIGHT,
		          0.15);
	}
}

/* One directive's row: its score (shaded by level), the groups' means, the
 * gap marked as the target is missed, and the change since last time. */
static void table_row(csm__kdoc *k, const csm_analysis *an, csm_lang lang, int d, double y, const double *col,
                      const double *cw, int ncol, const int *idx)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_score *ps = csm__analysis_prev(an);
	const csm_benchmark *b = csm__analysis_b(an);
	char num[32];
	size_t i;
	const csm_directive_score *ds = &s->dir[d - 1];
	double gap = 0, m;
	int has_gap = csm_analysis_gap(&gap, an, d) > 0;
	const char *mark = "";
	if (d % 2 == 0)
		csm__kbox(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1] - MARGIN, 13, 0.97, 0.97, 0.97);
	snprintf(num, sizeof num, "%d", d);
	k->c.text(&k->c, col[0] + 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_LEFT, 0.1);
	k->c.text(&k->c, col[1], y + ROW_BASELINE, q->dir_short[d - 1][lang], BODY_SIZE, CSM_ALIGN_LEFT, 0.1);
	if (ds->has_score) {
		shade(k, col[2], y, cw[2], ds->score);
		csm_format1(num, sizeof num, ds->score);
	} else {
		snprintf(num, sizeof num, "%s", csm__msg("karte.na", lang));
	}
	csm__ktext_rgb(k, col[2] + cw[2] - 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_RIGHT, ACCENT);
	for (i = 0; i < 5; i++) {
		int c = i == 0 ? 3 : i == 4 ? 7 : 3 + (int)i;
		if (idx[i] < 0)
			continue;
		if (csm_benchmark_group_mean(&m, b, (size_t)idx[i], d))
			csm_format1(num, sizeof num, m);
		else
			snprintf(num, sizeof num, "-");
		k->c.text(&k->c, col[c] + cw[c] - 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_RIGHT, 0.3);
	}
	if (has_gap) {
		static const double red[3] = {0.70, 0.12, 0.08};
		csm_format1(num, sizeof num, gap);
		if (s->grade != CSM_GRADE_A)
			mark = csm_gap_mark(gap);
		if (mark[0])
			csm__ktext_rgb(k, col[8] + cw[8] - 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_RIGHT, red);
		else
			k->c.text(&k->c, col[8] + cw[8] - 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_RIGHT, 0.1);
		if (mark[0])
			csm__ktext_rgb(k, col[9] + 2, y + ROW_BASELINE, mark, BODY_SIZE, CSM_ALIGN_LEFT, red);
	}
	if (ps) {
		const csm_directive_score *pd = &ps->dir[d - 1];
		static const double up[3] = {0.10, 0.45, 0.15}, down[3] = {0.70, 0.12, 0.08};
		if (pd->has_score)
			csm_format1(num, sizeof num, pd->score);
		else
			snprintf(num, sizeof num, "-");
		k->c.text(&k->c, col[10] + cw[10] - 4, y + ROW_BASELINE, num, BODY_SIZE, CSM_ALIGN_RIGHT, 0.3);
		if (pd->has_score && ds->has_score) {
			double ch = ds->score - pd->score;
			int sign = csm_change_sign(ch);
			char t[32];
			csm__ktext_rgb(k, col[11] + cw[11] - 4, y + ROW_BASELINE, csm_format_change(t, sizeof t, ch), BODY_SIZE, CSM_ALIGN_RIGHT,
			         sign > 0 ? up : sign < 0 ? down : ACCENT);
		}
	}
}

/* Below the table: the groups' sizes and what the marks and shades mean. */
static void table_foot(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double *y_io, const double *col,
                       const double *cw, int ncol, const int *idx)
{
	const csm_benchmark *b = csm__analysis_b(an);
	char num[32];
	double y = *y_io;
	size_t i;

	csm__kline(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1], y, 0.6, 0.6);
	y += 10;
	if (csm_analysis_compares(an))
		k->c.text(&k->c, col[1], y, "n", 7.5, CSM_ALIGN_LEFT, 0.4);
	for (i = 0; i < 5; i++) {
		int c = i == 0 ? 3 : i == 4 ? 7 : 3 + (int)i;
		if (idx[i] < 0)
			continue;
		snprintf(num, sizeof num, "%u", csm_benchmark_group_n(b, (size_t)idx[i]));
		k->c.text(&k->c, col[c] + cw[c] - 4, y, num, 7.5, CSM_ALIGN_RIGHT, 0.4);
	}
	y += 11;
	/* the industry column by its label, never the benchmark's key */
	k->c.text(&k->c, MARGIN,
	          y, csm__kfmt(k, 0, "%s%s%s%s%s", csm_analysis_compares(an) ? csm__msg("karte.marks", lang) : "",
	                  csm__msg("karte.shaded", lang),
	                  idx[4] >= 0 ? "  " : "", idx[4] >= 0 ? csm__msg("karte.col_industry", lang) : "",
	                  idx[4] >= 0 ? csm__kmsgf(k, 1, csm__msg("karte.industry_is", lang),
	                                     csm__analysis_group_label(an, lang)) : ""),
	          7, CSM_ALIGN_LEFT, 0.4);
	y += 17;
	*y_io = y;
}

/* The table: directives against the groups, and the gap to the target. */
static void table(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double *y_io)
{
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_score *ps = csm__analysis_prev(an);
	const double *cw = ps ? CW_PREV : CW_PLAIN;
	int ncol = ps ? 12 : 10;
	double y = *y_io, col[12];
	const char *keys[5];
	int d, idx[5];
	size_t i;

	csm__kensure(k, &y, TABLE_NEED, b, lang);
	csm__ktext_rgb(k, MARGIN, y, csm__msg("karte.table", lang), SECTION_SIZE, CSM_ALIGN_LEFT, ACCENT);
	y += 8;
	col[0] = MARGIN;
	for (i = 1; i < 12; i++)
		col[i] = col[i - 1] + cw[i - 1];
	csm__analysis_groups(an, keys, idx);
	table_head(k, an, lang, y, col, cw, ncol, idx);
	y += 15;
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		table_row(k, an, lang, d, y, col, cw, ncol, idx);
		y += 13;
	}
	table_foot(k, an, lang, &y, col, cw, ncol, idx);
	*y_io = y;
}

/* Next year's karte: what was done about last year's action list
 * (csm_analysis_set_actions), in the words of the text report (one function
 * writes both). Nothing without an action list. */
static void followup(csm__kdoc *k, const csm_analysis *an, csm_lang lang, double *y_io)
{
	csm__buf t = {0};
	char *line, *nl;
	double y = *y_io;
	int first = 1;
	csm__text_followup(&t, an, lang);
	if (t.nomem)
		k->nomem = 1;
	if (!t.s || !t.len) {
		csm__buf_free(&t);
		return;
	}
	csm__kensure(k, &y, FOLLOWUP_NEED, csm__analysis_b(an), lang);
	for (line = t.s; line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (!*line)
			continue;
		if (first) { /* "Follow-up of actions (10: ...)" as the section's title */
			csm__kwrap(k, MARGIN, &y, line, 9.5, PAGE_W - 2 * MARGIN, 12.5, 0.05, 1);
			first = 0;
		} else {
			while (*line == ' ')
				line++;
			csm__kwrap(k, MARGIN + 10, &y, line, 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0.15, 1);
		}
	}
	csm__buf_free(&t);
	*y_io = y + 8;
}

/* Hint 1: the most urgent directive with its lowest items, its tips and
 * their actions. */
static void hint1(csm__kdoc *k, const csm_analysis *an, const csm_tips *tips, csm_lang lang, double *y_io)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_benchmark *b = csm__analysis_b(an);
	char num[32];
	double y = *y_io;
	size_t j;
	const csm_hint *h = csm_analysis_hint(an, 0);
	double ty = 0, need;
	const char *head = csm__kfmt(k, 1, "[%s] %s %d  %s",
	                             csm__msg(csm__analysis_hint1_urgent(an) ? "karte.hint1" : "karte.hint1_plain", lang),
	                        csm__msg("karte.directive", lang), h->directive, q->dir_title[h->directive - 1][lang]);
	csm__buf t = {0};
	need = HINT_LEAD * csm__kwrap(k, 0, &ty, head, HINT_SIZE, PAGE_W - 2 * MARGIN, HINT_LEAD, 0, 0) + 12.5 + 11.0 * (double)(h->tip_count ? 1 : 0);
	csm__kensure(k, &y, need, b, lang);
	csm__kwrap(k, MARGIN, &y, head, HINT_SIZE, PAGE_W - 2 * MARGIN, HINT_LEAD, 0.05, 1);
	if (csm_analysis_compares(an)) /* no target, no gap */
		csm__buf_printf(&t, "%s %s  ·  ", csm__msg("karte.gap", lang), csm_format1(num, sizeof num, h->gap));
	csm__buf_printf(&t, "%s (%s %d): ", csm__msg("karte.lowest_items", lang), csm__msg("karte.level", lang), h->level);
	for (j = 0; j < h->item_count; j++)
		csm__buf_printf(&t, "%s%s", j ? ", " : "", h->items[j]);
	if (t.nomem)
		k->nomem = 1;
	csm__kwrap(k, MARGIN + 10, &y, t.s ? t.s : "", NOTE_SIZE, PAGE_W - 2 * MARGIN - 10, NOTE_LEAD, 0.35, 1);
	csm__buf_free(&t);
	y += 2;
	for (j = 0; j < h->tip_count; j++) {
		const csm_tip *tip = csm__tips_lookup(tips, h->tips[j]);
		const char *title = csm_tip_text(tip, CSM_TIP_TITLE, lang);
		const char *action = csm_tip_text(tip, CSM_TIP_ACTION, lang);
		ty = 0;
		need = 11 + (action ? NOTE_LEAD * csm__kwrap(k, 0, &ty, action, NOTE_SIZE, PAGE_W - 2 * MARGIN - 22, NOTE_LEAD, 0, 0) : 0) + 4;
		csm__kensure(k, &y, need, b, lang);
		csm__ktext_rgb(k, MARGIN + 10, y, csm__kfmt(k, 0, "%s %s%s%s", csm__msg("karte.tip", lang), h->tips[j],
		                                              title ? ": " : "", title ? title : ""),
		         8.5, CSM_ALIGN_LEFT, ACCENT);
		y += 11;
		if (action)
			csm__kwrap(k, MARGIN + 22, &y, action, NOTE_SIZE, PAGE_W - 2 * MARGIN - 22, NOTE_LEAD, 0.15, 1);
		y += action ? 3 : 0;
	}
	y += 4;
	*y_io = y;
}

/* The tips of the flagged directives after the first, each once, in order. */
static size_t hint2_tip_ids(const csm_analysis *an, const char **tip_id, size_t cap)
{
	size_t i, j, ntips = 0;
	for (i = 1; i < csm_analysis_hint_count(an); i++) {
		const csm_hint *h = csm_analysis_hint(an, i);
		for (j = 0; j < h->tip_count; j++) {
			size_t m;
			for (m = 0; m < ntips && strcmp(tip_id[m], h->tips[j]) != 0; m++)
				;
			if (m == ntips && ntips < cap)
				tip_id[ntips++] = h->tips[j];
		}
	}
	return ntips;
}

/* Hint 2 already on page 2 and out of room (a long hint 1): the directives
 * and the tips' ids in a line or two, as a third page is not an option. */
static void hint2_squeezed(csm__kdoc *k, const char *head, const char *const *tip_id, size_t ntips, csm_lang lang,
                           double *y_io)
{
	double y = *y_io;
	size_t i;
	csm__buf more = {0};
	csm__buf_printf(&more, "%s  %s:", head, csm__msg("karte.tips", lang));
	for (i = 0; i < ntips; i++)
		csm__buf_printf(&more, " %s", tip_id[i]);
	if (more.nomem)
		k->nomem = 1;
	csm__kwrap_max(k, MARGIN, &y, more.s ? more.s : "", BODY_SIZE, PAGE_W - 2 * MARGIN, BODY_LEAD, 0.05, 1,
	         (int)((BODY_BOTTOM - y) / 11) > 0 ? (int)((BODY_BOTTOM - y) / 11) : 1);
	csm__buf_free(&more);
	*y_io = y;
}

/* Hint 2's tips: with their actions, one column (`expand`), else by title
 * in two columns. */
static void hint2_tips(csm__kdoc *k, const csm_tips *tips, csm_lang lang, const char *const *tip_id, size_t ntips,
                       int expand, double *y_io)
{
	size_t i, rows = (ntips + 1) / 2;
	double y = *y_io, colw = (PAGE_W - 2 * MARGIN - 10) / 2;
	for (i = 0; i < ntips && expand; i++) {
		const csm_tip *tip = csm__tips_lookup(tips, tip_id[i]);
		const char *title = csm_tip_text(tip, CSM_TIP_TITLE, lang);
		const char *action = csm_tip_text(tip, CSM_TIP_ACTION, lang);
		csm__ktext_rgb(k, MARGIN + 10, y, csm__kfmt(k, 0, "%s %s%s%s", csm__msg("karte.tip", lang), tip_id[i],
		                                              title ? ": " : "", title ? title : ""),
		         8.5, CSM_ALIGN_LEFT, ACCENT);
		y += 11;
		if (action)
			csm__kwrap(k, MARGIN + 22, &y, action, NOTE_SIZE, PAGE_W - 2 * MARGIN - 22, NOTE_LEAD, 0.15, 1);
		y += action ? 3 : 0;
	}
	for (i = 0; i < ntips && !expand; i++) {
		const char *title = csm_tip_text(csm__tips_lookup(tips, tip_id[i]), CSM_TIP_TITLE, lang);
		csm__buf cell = {0};
		double size = 8;
		csm__kfit_into(k, csm__kfmt(k, 0, "%s %s%s%s", csm__msg("karte.tip", lang), tip_id[i], title ? ": " : "",
		                              title ? title : ""), &size, 7,
		         colw - 8, &cell);
		if (cell.nomem)
			k->nomem = 1;
		/* down the first column, then the second, as a list is read */
		if (cell.s)
			csm__ktext_rgb(k, MARGIN + 10 + (double)(i / rows) * colw, y + (double)(i % rows) * 10.0, cell.s, size,
			         CSM_ALIGN_LEFT, ACCENT);
		csm__buf_free(&cell);
	}
	y += expand ? 6 : 10.0 * (double)rows + 6;
	*y_io = y;
}

/* Hint 2: the other flagged directives in one block, one action and the
 * tips of their lowest items to read. */
static void hint2(csm__kdoc *k, const csm_analysis *an, const csm_tips *tips, csm_lang lang, double *y_io)
{
	const csm_benchmark *b = csm__analysis_b(an);
	double y = *y_io;
	size_t i;
	/* Hint 2: the other flagged directives together, one action and the
	 * tips of their lowest items to read (by title; their actions are in
	 * `csm tips` and the text report). */
	csm__buf head = {0};
	const char *tip_id[64];
	size_t ntips = 0, rows;
	int expand = 0;
	double ty = 0, need;
	const char *hint2_do = csm__msg(csm_analysis_compares(an) ? "karte.hint2_action" : "karte.hint2_action_own", lang);
	csm__buf_printf(&head, "[%s] ", csm__msg("karte.hint2", lang));
	csm__analysis_flagged_text(an, lang, &head);
	csm__buf_puts(&head, csm__msg("common.sentence_end", lang));
	ntips = hint2_tip_ids(an, tip_id, sizeof tip_id / sizeof *tip_id);
	if (head.nomem)
		k->nomem = 1;
	rows = (ntips + 1) / 2;
	need = HINT_LEAD * csm__kwrap(k, 0, &ty, head.s ? head.s : "", HINT_SIZE, PAGE_W - 2 * MARGIN, HINT_LEAD, 0, 0);
	ty = 0;
	need += NOTE_LEAD * csm__kwrap(k, 0, &ty, hint2_do, NOTE_SIZE, PAGE_W - 2 * MARGIN - 10, NOTE_LEAD, 0, 0);
	need += 2 + 10.0 * (double)(rows - 1) + 3; /* to the last row's descent */
	/* Where the block must go to page 2 anyway, that page has the room to
	 * say what each tip suggests: the tips with their actions, one column
	 * (if that still fits the page; the karte keeps to two pages). */
	if (y + need > BODY_BOTTOM && k->pages > k->first_page) {
		hint2_squeezed(k, head.s ? head.s : "", tip_id, ntips, lang, &y);
		csm__buf_free(&head);
		*y_io = y;
		return;
	}
	if (y + need > BODY_BOTTOM) {
		double full = need - (10.0 * (double)(rows - 1) + 3);
		for (i = 0; i < ntips; i++) {
			const char *action = csm_tip_text(csm__tips_lookup(tips, tip_id[i]), CSM_TIP_ACTION, lang);
			ty = 0;
			full += 11 + (action ? NOTE_LEAD * csm__kwrap(k, 0, &ty, action, NOTE_SIZE, PAGE_W - 2 * MARGIN - 22, NOTE_LEAD, 0, 0) + 3 : 0);
		}
		expand = full <= BODY_BOTTOM - (CONT_TOP);
		if (expand)
			need = full;
	}
	/* one block: it moves to the next page whole rather than split */
	csm__kensure(k, &y, need, b, lang);
	csm__kwrap(k, MARGIN, &y, head.s ? head.s : "", HINT_SIZE, PAGE_W - 2 * MARGIN, HINT_LEAD, 0.05, 1);
	csm__kwrap(k, MARGIN + 10, &y, hint2_do, NOTE_SIZE, PAGE_W - 2 * MARGIN - 10, NOTE_LEAD, 0.15, 1);
	y += 2;
	hint2_tips(k, tips, lang, tip_id, ntips, expand, &y);
	csm__buf_free(&head);
	*y_io = y;
}

void csm__karte_layout(csm__kdoc *k, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	const csm_benchmark *b = csm__analysis_b(an);
	double y, x, ry, dy;
	csm_radar *radar = NULL;

	dy = karte_header(k, an, lang);
	/* Radar on the left; target, lists and notes on the right. */
	if (csm_radar_from_analysis(&radar, an, lang)) /* out of memory: nothing else fails */
		k->nomem = 1;
	else /* the chart fills its width (axis labels at the sides); no slack below */
		csm__radar_draw(&k->c, radar, RADAR_X, RADAR_Y + dy, RADAR_W, RADAR_H);
	csm_radar_free(radar);
	x = RIGHT_X;
	ry = RIGHT_Y + dy;
	right_target(k, an, lang, x, &ry);
	right_levels(k, an, lang, x, &ry);
	right_grading(k, an, lang, x, &ry);
	right_previous(k, an, lang, x, &ry);
	right_discuss(k, an, lang, x, &ry);

	/* The table: directives against the groups, and the gap to the target. */
	/* below the radar and the right column, whichever ends lower */
	y = TABLE_Y + dy > ry + 10 ? TABLE_Y + dy : ry + 10;
	table(k, an, lang, &y);
	followup(k, an, lang, &y);

	/* Hints, as the trial's karte: the heading by target; hint 1 the most
	 * urgent directive with its tips and their actions; hint 2 one block
	 * naming the other flagged directives, one action and the tips to read. */
	csm__kensure(k, &y, HINTS_NEED, b, lang);
	csm__ktext_rgb(k, MARGIN, y, csm__analysis_hints_heading(an, lang), SECTION_SIZE, CSM_ALIGN_LEFT, ACCENT);
	y += 16;
	if (!csm_analysis_hint_count(an))
		k->c.text(&k->c, MARGIN, y, csm__msg("karte.no_hints", lang), 9, CSM_ALIGN_LEFT, 0.1);
	if (csm_analysis_hint_count(an))
		hint1(k, an, tips, lang, &y);
	if (csm_analysis_hint_count(an) > 1)
		hint2(k, an, tips, lang, &y);
	csm__kfooter(k, b, lang);
}

typedef struct karte_job {
	const csm_analysis *an;
	const csm_tips *tips;
	csm_lang lang;
} karte_job;

static void draw_karte(csm__kdoc *k, void *ctx)
{
	karte_job *j = ctx;
	csm__karte_layout(k, j->an, j->tips, j->lang);
}

int csm_karte_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an, const csm_tips *tips,
                     csm_lang lang, long long created)
{
	CSM__ARGS(out && len && km && an && CSM__LANG_OK(lang));
	karte_job j = {an, tips, lang};
	const csm_answers *a = csm__analysis_a(an);
	const char *f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf title = {0}, author = {0};
	size_t i;
	int rc;
	/* Title and author (the assessors, all of them) of the document. */
	csm__buf_printf(&title, "%s: %s", csm__msg("karte.doc_title", lang), f ? f : "");
	for (i = 0; i < a->assessor_count; i++)
		if (a->assessor_name[i] && a->assessor_name[i][0])
			csm__buf_printf(&author, "%s%s", author.len ? ", " : "", a->assessor_name[i]);
	if (title.nomem || author.nomem)
		rc = csm__nomem();
	else
		rc = csm__kmake_pdf(out, len, km, draw_karte, &j, title.s, author.s, created);
	csm__buf_free(&title);
	csm__buf_free(&author);
	return rc;
}

