/* The supply-chain report as a PDF (A4 portrait, as many pages as it
 * takes): the lines and tables of csm__supply_emit(), the same parts the
 * text report lays out, drawn on the document of pdf_doc.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "messages.h"
#include "pdf_doc.h"
#include "supply.h"
#include "util.h"

#define BODY_W (PAGE_W - 2 * MARGIN)
#define ROW_H 13.0
#define HEAD_H 15.0
/* A cell's text keeps this far from its column's edges: a right-aligned
 * number and the left-aligned text after it are 2 * CELL_PAD apart. */
#define CELL_PAD 5.0

typedef struct supply_pdf {
	const csm_supply *sp;
	csm_lang lang;
	csm__kdoc *k;
	double y;  /* the next baseline; a table's top */
	int after_heading; /* a heading was the last thing drawn: text lines start a line lower */
	int rc;
} supply_pdf;

/* The footer: the program and "page / pages". */
static void footer(csm__kdoc *k)
{
	char right[64], left[64];
	csm__kline(k, MARGIN, FOOTER_Y - 10, PAGE_W - MARGIN, FOOTER_Y - 10, 0.75, 0.5);
	snprintf(left, sizeof left, "csm %s", csm_version());
	k->c.text(&k->c, MARGIN, FOOTER_Y, left, 7, CSM_ALIGN_LEFT, 0.4);
	snprintf(right, sizeof right, "%d / %d", k->pages, k->total_pages ? k->total_pages : k->pages);
	k->c.text(&k->c, PAGE_W - MARGIN, FOOTER_Y, right, 7, CSM_ALIGN_RIGHT, 0.4);
}

/* A new page when `need` more points do not fit; its first line carries
 * the report's title. Returns 1 if a page was started. */
static int ensure(supply_pdf *p, double need)
{
	csm__kdoc *k = p->k;
	if (p->y + need <= BODY_BOTTOM)
		return 0;
	footer(k);
	csm__knew_page(k);
	csm__ktext_rgb(k, MARGIN, MARGIN + 6, k->running, 8.5, CSM_ALIGN_LEFT, ACCENT);
	p->y = MARGIN + 26;
	return 1;
}

static void pdf_line(void *ctx, int kind, const char *text)
{
	supply_pdf *p = ctx;
	csm__kdoc *k = p->k;
	double size;
	csm__buf fit = {0};
	if (p->after_heading && kind != CSM__SUPPLY_HEADING)
		p->y += 8;
	p->after_heading = kind == CSM__SUPPLY_HEADING;
	switch (kind) {
	case CSM__SUPPLY_TITLE:
		snprintf(k->running, sizeof k->running, "%s", text);
		csm__ktext_rgb(k, MARGIN, p->y, text, 15, CSM_ALIGN_LEFT, ACCENT);
		p->y += 20;
		break;
	case CSM__SUPPLY_HEADING:
		p->y += 20;
		ensure(p, 8 + HEAD_H + ROW_H);
		size = 10.5;
		csm__kfit_into(k, text, &size, 8, BODY_W, &fit);
		csm__ktext_rgb(k, MARGIN, p->y, fit.s ? fit.s : "", size, CSM_ALIGN_LEFT, ACCENT);
		p->y += 6;
		break;
	case CSM__SUPPLY_ITEM:
		ensure(p, 11);
		csm__buf_printf(&fit, "- %s", text);
		csm__kwrap(k, MARGIN + 8, &p->y, fit.s ? fit.s : "", 8.5, BODY_W - 8, 11, 0.1, 1);
		break;
	case CSM__SUPPLY_FOOTNOTE:
		p->y += 10;
		ensure(p, 10);
		csm__kwrap(k, MARGIN, &p->y, text, 7.5, BODY_W, 10, 0.35, 1);
		break;
	default: /* a note under the title */
		ensure(p, 11);
		csm__kwrap(k, MARGIN, &p->y, text, 8.5, BODY_W, 11, 0.2, 1);
		break;
	}
	if (fit.nomem)
		k->nomem = 1;
	csm__buf_free(&fit);
}

/* The heading row of a table at p->y. */
static void table_head(supply_pdf *p, size_t ncols, const char *const *heads, const unsigned *right, const double *x,
                       const double *w)
{
	csm__kdoc *k = p->k;
	size_t c;
	csm__kbox(k, MARGIN, p->y, BODY_W, HEAD_H, 0.90, 0.92, 0.96);
	for (c = 0; c < ncols; c++) {
		double size = 7.5;
		char cell[CSM_MAX_NAME_BYTES + 8];
		csm__kfit(k, heads[c], &size, 6, w[c] - 2 * CELL_PAD, cell, sizeof cell);
		k->c.text(&k->c, right[c] ? x[c] + w[c] - CELL_PAD : x[c] + CELL_PAD, p->y + 10.5, cell, size,
		          right[c] ? CSM_ALIGN_RIGHT : CSM_ALIGN_LEFT, 0.15);
	}
	p->y += HEAD_H;
}

/* Columns as wide as their widest cell; when that is wider than the page,
 * the left-aligned (text) columns give up the excess in proportion and
 * their cells shrink, then are cut with an ellipsis. */
static int pdf_table(void *ctx, size_t ncols, const char *const *heads, const unsigned *right, size_t nrows,
                     const char *const *cells)
{
	supply_pdf *p = ctx;
	csm__kdoc *k = p->k;
	double *w = calloc(ncols ? ncols * 2 : 1, sizeof(double)), *x, total = 0, text_total = 0;
	size_t r, c;
	csm__buf fit = {0};
	p->after_heading = 0;
	if (!w)
		return csm__nomem();
	x = w + ncols;
	for (c = 0; c < ncols; c++) {
		w[c] = csm__ktext_width(k->km, heads[c], 7.5);
		for (r = 0; r < nrows; r++) {
			double cw = csm__ktext_width(k->km, cells[r * ncols + c], 8);
			if (cw > w[c])
				w[c] = cw;
		}
		w[c] += 2 * CELL_PAD + 2;
		total += w[c];
		if (!right[c])
			text_total += w[c];
	}
	if (total > BODY_W && text_total > 0) {
		double cut = total - BODY_W;
		for (c = 0; c < ncols; c++)
			if (!right[c])
				w[c] -= cut * w[c] / text_total;
	}
	x[0] = MARGIN;
	for (c = 1; c < ncols; c++)
		x[c] = x[c - 1] + w[c - 1];
	ensure(p, HEAD_H + ROW_H);
	table_head(p, ncols, heads, right, x, w);
	for (r = 0; r < nrows; r++) {
		if (ensure(p, ROW_H))
			table_head(p, ncols, heads, right, x, w);
		if (r % 2)
			csm__kbox(k, MARGIN, p->y, BODY_W, ROW_H, 0.96, 0.96, 0.96);
		for (c = 0; c < ncols; c++) {
			double size = 8;
			csm__kfit_into(k, cells[r * ncols + c], &size, 6.5, w[c] - 2 * CELL_PAD, &fit);
			k->c.text(&k->c, right[c] ? x[c] + w[c] - CELL_PAD : x[c] + CELL_PAD, p->y + 9.5, fit.s ? fit.s : "", size,
			          right[c] ? CSM_ALIGN_RIGHT : CSM_ALIGN_LEFT, 0.05);
		}
		p->y += ROW_H;
	}
	if (fit.nomem)
		k->nomem = 1;
	csm__buf_free(&fit);
	free(w);
	return 0;
}

static void draw_supply(csm__kdoc *k, void *ctx)
{
	supply_pdf *p = ctx;
	csm__supply_sink sink = {p, pdf_line, pdf_table};
	p->k = k;
	k->running[0] = k->running_tail[0] = '\0';
	csm__knew_page(k);
	p->y = MARGIN + 14;
	p->rc = csm__supply_emit(p->sp, p->lang, &sink);
	footer(k);
}

int csm_supply_render_pdf(char **out, size_t *len, csm_karte_maker *km, const csm_supply *sp, csm_lang lang,
                          long long created)
{
	CSM__ARGS(out && len && km && sp && CSM__LANG_OK(lang));
	supply_pdf p;
	int rc;
	*out = NULL;
	*len = 0;
	memset(&p, 0, sizeof p);
	p.sp = sp;
	p.lang = lang;
	rc = csm__kmake_pdf(out, len, km, draw_supply, &p, csm__msg("supply.pdf_title", lang), NULL, created);
	if (!rc && p.rc) {
		free(*out);
		*out = NULL;
		*len = 0;
		rc = p.rc;
	}
	return rc;
}
