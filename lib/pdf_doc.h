/* The PDF back end's document layer, shared by the karte (karte.c) and the
 * portfolio (karte_portfolio.c): a libharu document drawn twice through the
 * canvas interface (pdf_doc.c), and the text layout on it (pdf_text.c).
 *
 * The first pass only records which characters are used and how many pages
 * there are; between the two the font is cut down with HarfBuzz's subsetter
 * to the glyphs used, so libharu embeds (and scans) a small font instead of
 * all of IPAexGothic. Widths come from HarfBuzz in both passes, so the two
 * layouts are the same. Coordinates are the canvas's: points, y down. */
#ifndef CSM_PDF_DOC_H
#define CSM_PDF_DOC_H

#include <stddef.h>

#include <hb.h>
#include <hpdf.h>

#include "canvas.h"
#include "error.h"
#include "util.h"

/* A4 portrait, in points. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 36.0
#define FOOTER_Y (PAGE_H - 22.0)
#define BODY_BOTTOM (PAGE_H - 44.0)

/* Headings, the grade box, scores: the karte's one colour. */
static const double ACCENT[3] = {0.09, 0.27, 0.58};

typedef struct csm__kdoc {
	csm_karte_maker *km;
	csm__canvas c;
	int collect;          /* 1: first pass */
	hb_set_t *unicodes;   /* pass 1: characters used */
	int pages;            /* pages started */
	int total_pages;      /* from pass 1, for the footer */
	int first_page;       /* the karte's first page (a portfolio holds several) */
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;
	HPDF_ExtGState translucent;
	HPDF_STATUS error;
	char running[700];    /* organization, for the header of continuation pages */
	char running_tail[64];
	csm__buf tmp[2];      /* scratch text (kfmt) */
	int nomem;            /* some text could not be built */
} csm__kdoc;

/* Draws a whole document; called twice (k->collect tells which pass). */
typedef void (*csm__kdraw_fn)(csm__kdoc *k, void *ctx);

/* The document drawn by `draw` into *out (malloc'd, *len bytes; the
 * caller frees it), with the maker's font cut down to what it uses. */
int csm__kmake_pdf(char **out, size_t *len, csm_karte_maker *km, csm__kdraw_fn draw, void *ctx, const char *title,
                   const char *author, long long created);

/* ---- drawing (pdf_doc.c) ---- */
double csm__ktext_width_n(const csm_karte_maker *km, const char *s, size_t n, double size);
double csm__ktext_width(const csm_karte_maker *km, const char *s, double size);
void csm__ktext_rgb(csm__kdoc *k, double x, double y, const char *s, double size, int align, const double rgb[3]);
void csm__knew_page(csm__kdoc *k);
void csm__kline(csm__kdoc *k, double x1, double y1, double x2, double y2, double gray, double width);
void csm__kbox(csm__kdoc *k, double x, double y, double w, double h, double r, double g, double b);

/* ---- text layout (pdf_text.c) ---- */
const char *csm__kfmt(csm__kdoc *k, int i, const char *fmt, ...) CSM_PRINTF(3, 4);
/* csm__kfmt with a text of the message table as the format (csm__buf_msgf). */
const char *csm__kmsgf(csm__kdoc *k, int i, const char *msg, ...);
size_t csm__kfit_bytes(csm__kdoc *k, const char *s, size_t n, double size, double width);
void csm__kfit_into(csm__kdoc *k, const char *s, double *size, double min_size, double width, csm__buf *out);
void csm__kfit(csm__kdoc *k, const char *s, double *size, double min_size, double width, char *out, size_t outsz);
int csm__kwrap_max(csm__kdoc *k, double x, double *y, const char *s, double size, double width, double lead,
                   double gray, int draw, int max_lines);
int csm__kwrap(csm__kdoc *k, double x, double *y, const char *s, double size, double width, double lead, double gray,
               int draw);

#endif
