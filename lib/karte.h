/* What the karte (karte.c) shares with the portfolio pages
 * (karte_portfolio.c): the header, footer and page breaks. */
#ifndef CSM_KARTE_H
#define CSM_KARTE_H

#include "pdf_doc.h"

/* The header's texts stop short of the grade box. */
#define HEADER_W (PAGE_W - 2 * MARGIN - 130)
/* The first line of a continuation page, under its running header. */
#define CONT_TOP (MARGIN + 30)

/* The footer of the current page: the benchmark and "page / pages". */
void csm__kfooter(csm__kdoc *k, const csm_benchmark *b, csm_lang lang);
/* Start a new page (footer, running header) when `need` more points from *y
 * do not fit; *y then goes to the new page's first line. */
void csm__kensure(csm__kdoc *k, double *y, double need, const csm_benchmark *b, csm_lang lang);
double csm__kheader_name(csm__kdoc *k, const char *name, double size, double y, double width);
void csm__kgrade_box_overall(csm__kdoc *k, double x, const char *overall);
/* One karte from a new page on (also the portfolio's pages by organization). */
void csm__karte_layout(csm__kdoc *k, const csm_analysis *an, const csm_tips *tips, csm_lang lang);

#endif
