/* Drawing surface shared by the chart and the karte: paths are built with
 * cairo; stroke, fill and text go to the backend (cairo itself for PNG, SVG
 * and PDF images, or libharu for the karte, where cairo's flattened path is
 * replayed as PDF path operators). Internal, not installed. */
#ifndef CSM_CANVAS_H
#define CSM_CANVAS_H

#include <cairo.h>

typedef struct csm__style {
	double r, g, b;      /* colour */
	double width;        /* line width, pt */
	const double *dash;  /* dash pattern, pt, or NULL for solid */
	int ndash;
	double alpha;        /* for fills */
} csm__style;

enum { CSM_ALIGN_LEFT = -1, CSM_ALIGN_CENTER = 0, CSM_ALIGN_RIGHT = 1 };

typedef struct csm__canvas csm__canvas;
struct csm__canvas {
	cairo_t *cr; /* current path lives here, in canvas coordinates (pt, y down) */
	void *ctx;
	void (*stroke)(csm__canvas *c, const csm__style *st);
	void (*fill)(csm__canvas *c, const csm__style *st);
	/* Text with its baseline at (x, y). */
	void (*text)(csm__canvas *c, double x, double y, const char *s, double size, int align, double gray);
	double (*text_width)(csm__canvas *c, const char *s, double size);
};

/* Draw the radar of `r` centred in the box (x, y, width, height) of `c`. */
struct csm_radar;
void csm__radar_draw(csm__canvas *c, const struct csm_radar *r, double x, double y, double width, double height);

#endif
