/* Radar chart: ten axes, rings 1..5, one polygon per series. The drawing is
 * written once against csm__canvas, so images (cairo) and the karte (libharu)
 * draw exactly the same chart. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include "analysis.h"
#include "canvas.h"
#include "error.h"
#include "followup.h"
#include "messages.h"
#include "questionnaire.h"
#include "radar.h"
#include "score.h"
#include "util.h"

#define CSM_PI 3.14159265358979323846
#define PNG_DPI 300.0 /* the PNG is drawn at, and records (pHYs), this resolution */

/* Line styles by series: solid, dashed, dotted, dash-dot; dark to light. */
static const double dash_industry[] = {5.0, 2.5};
static const double dash_target[] = {1.2, 2.0};
static const double dash_other[] = {6.0, 2.0, 1.2, 2.0};

/* The style of series `k` of `r`: its own field, else by position (0 the
 * company, 1 the industry, 2 the target, 3 any other). */
static csm__style series_style(const csm_radar *r, size_t k, double scale)
{
	static const double dash_previous[] = {7.0, 2.0, 1.5, 2.0};
	csm__style st;
	csm_radar_style style = r->series[k].style;
	memset(&st, 0, sizeof st);
	if (style == CSM_RADAR_STYLE_AUTO)
		style = k == 0 ? CSM_RADAR_STYLE_COMPANY : k == 1 ? CSM_RADAR_STYLE_INDUSTRY
		        : k == 2                 ? CSM_RADAR_STYLE_TARGET : CSM_RADAR_STYLE_OTHER;
	switch (style) {
	case CSM_RADAR_STYLE_COMPANY: /* strong blue, solid, thick, lightly filled */
		st.r = 0.09, st.g = 0.27, st.b = 0.58, st.width = 2.2, st.alpha = 0.14;
		break;
	case CSM_RADAR_STYLE_INDUSTRY:
		st.r = 0.35, st.g = 0.35, st.b = 0.35, st.width = 1.3, st.dash = dash_industry, st.ndash = 2;
		break;
	case CSM_RADAR_STYLE_TARGET:
		st.r = 0.70, st.g = 0.20, st.b = 0.10, st.width = 1.6, st.dash = dash_target, st.ndash = 2;
		break;
	case CSM_RADAR_STYLE_PREVIOUS: /* purple, long dash-dot, with open markers: apart from all others */
		st.r = 0.45, st.g = 0.15, st.b = 0.60, st.width = 1.6, st.dash = dash_previous, st.ndash = 4;
		break;
	default:
		st.r = 0.20, st.g = 0.50, st.b = 0.25, st.width = 1.3, st.dash = dash_other, st.ndash = 4;
		break;
	}
	st.width *= scale;
	return st;
}

static int is_previous(const csm_radar *r, size_t k) { return r->series[k].style == CSM_RADAR_STYLE_PREVIOUS; }

/* Bytes of `s` that fit `width` at `size` (whole UTF-8 characters), for
 * breaking a legend label: after the last space that fits, else anywhere. */
static size_t fit_label(csm__canvas *c, const char *s, double size, double width)
{
	size_t n = 0, best = 0, space = 0;
	char *buf = malloc(strlen(s) + 1);
	if (!buf) /* no break, then */
		return 0;
	while (s[n]) {
		size_t m = n + 1;
		while (((unsigned char)s[m] & 0xC0) == 0x80)
			m++;
		memcpy(buf, s, m);
		buf[m] = '\0';
		if (c->text_width(c, buf, size) > width)
			break;
		n = best = m;
		if (s[n] == ' ')
			space = n;
	}
	free(buf);
	return s[n] && space > best / 2 ? space : best;
}

static void point(double cx, double cy, double radius, int axis, double v, double *x, double *y)
{
	double a = -CSM_PI / 2 + 2 * CSM_PI * axis / CSM_DIRECTIVES;
	*x = cx + cos(a) * radius * v / 5.0;
	*y = cy + sin(a) * radius * v / 5.0;
}

/* Where a radar's parts go in its box: sizes of the text, the legend's
 * fitting and the circle. */
typedef struct radar_geom {
	double fs, lfs, lw, legend_h, radius, cx, cy, scale;
	size_t split[CSM_RADAR_MAX_SERIES]; /* a legend label broken after this many bytes, or 0 */
} radar_geom;

/* The legend fits the width (8 pt margins): its labels shrink (to 70%), then
 * break onto a second line; a long industry name is never cut. */
static void legend_fit(csm__canvas *c, const csm_radar *r, double width, radar_geom *g)
{
	double fs = g->fs, lw = 0;
	size_t k, lines = 0;
	for (k = 0; k < r->count; k++) {
		double w = c->text_width(c, r->series[k].label, fs);
		if (w > lw)
			lw = w;
	}
	g->lfs = fs;
	if (fs * 4.3 + lw > width - 16) {
		g->lfs = fs * (width - 16 - fs * 4.3) / lw;
		if (g->lfs < fs * 0.7)
			g->lfs = fs * 0.7;
	}
	for (k = 0; k < r->count; k++) {
		const char *label = r->series[k].label;
		if (c->text_width(c, label, g->lfs) > width - 16 - fs * 4.3)
			g->split[k] = fit_label(c, label, g->lfs, width - 16 - fs * 4.3);
		lines += g->split[k] ? 2 : 1;
	}
	g->lw = 0;
	for (k = 0; k < r->count; k++) {
		double w = c->text_width(c, r->series[k].label, g->lfs);
		if (g->split[k])
			w = width - 16 - fs * 4.3;
		if (w > g->lw)
			g->lw = w;
	}
	g->legend_h = fs * 1.9 * (double)(r->count ? r->count : 1) + g->lfs * 1.2 * (double)(lines - r->count) + fs * 2;
}

/* The circle takes what the labels at its sides and the legend leave; the
 * block (labels, circle, legend) is centred in the box. */
static void circle_place(csm__canvas *c, const csm_radar *r, double x, double y, double width, double height,
                         radar_geom *g)
{
	double wmax = 0, fs = g->fs;
	int i;
	for (i = 0; i < CSM_DIRECTIVES; i++) {
		double w = c->text_width(c, csm__radar_axis(r, i), fs);
		if (w > wmax)
			wmax = w;
	}
	g->radius = width / 2 - wmax * 0.95 - 8;
	if (g->radius > (height - g->legend_h) / 2 - fs * 2.4)
		g->radius = (height - g->legend_h) / 2 - fs * 2.4;
	if (g->radius < 10)
		g->radius = 10;
	g->cx = x + width / 2;
	g->cy = y + (height - (fs * 4.4 + 2 * g->radius + g->legend_h)) / 2 + fs * 2.2 + g->radius;
}

/* Rings 1..5, the axes and their labels, outside the circle, aligned away from it. */
static void grid_draw(csm__canvas *c, const csm_radar *r, const radar_geom *g)
{
	static const csm__style grid = {0.72, 0.72, 0.72, 0.5, NULL, 0, 0};
	static const csm__style axis_line = {0.55, 0.55, 0.55, 0.6, NULL, 0, 0};
	cairo_t *cr = c->cr;
	double fs = g->fs;
	int i, ring;
	for (ring = 1; ring <= 5; ring++) {
		for (i = 0; i <= CSM_DIRECTIVES; i++) {
			double px, py;
			point(g->cx, g->cy, g->radius, i % CSM_DIRECTIVES, ring, &px, &py);
			if (i == 0)
				cairo_move_to(cr, px, py);
			else
				cairo_line_to(cr, px, py);
		}
		cairo_close_path(cr);
		c->stroke(c, &grid);
	}
	for (i = 0; i < CSM_DIRECTIVES; i++) {
		double px, py;
		point(g->cx, g->cy, g->radius, i, 5, &px, &py);
		cairo_move_to(cr, g->cx, g->cy);
		cairo_line_to(cr, px, py);
	}
	c->stroke(c, &axis_line);
	for (i = 0; i < CSM_DIRECTIVES; i++) {
		double a = -CSM_PI / 2 + 2 * CSM_PI * i / CSM_DIRECTIVES, px, py, ca = cos(a), sa = sin(a);
		int align = fabs(ca) < 0.2 ? CSM_ALIGN_CENTER : ca > 0 ? CSM_ALIGN_LEFT : CSM_ALIGN_RIGHT;
		px = g->cx + ca * (g->radius + 6);
		py = g->cy + sa * (g->radius + 6) + fs * 0.35;
		if (sa < -0.9)
			py -= fs * 0.5;
		else if (sa > 0.9)
			py += fs * 0.7;
		c->text(c, px, py, csm__radar_axis(r, i), fs, align, 0.1);
	}
}

/* Square markers of half-size `m` on a series' points, as a path to fill or stroke. */
static void markers(csm__canvas *c, const csm__radar_series *s, const radar_geom *g, double m)
{
	int i;
	for (i = 0; i < CSM_DIRECTIVES; i++) {
		double px, py;
		if (s->value[i] < 0)
			continue;
		point(g->cx, g->cy, g->radius, i, s->value[i], &px, &py);
		cairo_rectangle(c->cr, px - m, py - m, 2 * m, 2 * m);
	}
}

/* Series `k`'s polygon (broken where a value is missing), its fill, and the
 * markers of the company's and last year's points. */
static void series_draw(csm__canvas *c, const csm_radar *r, size_t k, const radar_geom *g)
{
	const csm__radar_series *s = &r->series[k];
	csm__style st = series_style(r, k, g->scale < 0.8 ? 0.8 : g->scale > 1.6 ? 1.6 : g->scale);
	cairo_t *cr = c->cr;
	int started = 0, complete = 1, i;
	for (i = 0; i < CSM_DIRECTIVES; i++)
		if (s->value[i] < 0)
			complete = 0;
	for (i = 0; i < CSM_DIRECTIVES; i++) {
		double px, py;
		if (s->value[i] < 0) { /* a gap: break the polygon */
			started = 0;
			continue;
		}
		point(g->cx, g->cy, g->radius, i, s->value[i], &px, &py);
		if (!started)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
		started = 1;
	}
	if (complete) {
		cairo_close_path(cr);
		if (st.alpha > 0) {
			cairo_path_t *path = cairo_copy_path(cr);
			c->fill(c, &st);
			cairo_append_path(cr, path);
			cairo_path_destroy(path);
		}
	} else if (started && s->value[0] >= 0) {
		double px, py;
		point(g->cx, g->cy, g->radius, 0, s->value[0], &px, &py);
		cairo_line_to(cr, px, py);
	}
	c->stroke(c, &st);
	if (k == 0) { /* markers on the company's points */
		markers(c, s, g, 1.6 * (st.width / 2.2));
		st.alpha = 1;
		c->fill(c, &st);
	} else if (is_previous(r, k)) { /* open markers: last year's points */
		markers(c, s, g, 1.8 * (st.width / 1.6));
		st.dash = NULL, st.ndash = 0, st.width *= 0.7;
		c->stroke(c, &st);
	}
}

/* Ring numbers between the first two axes, over the polygons on a white
 * backing, so they stay legible wherever the polygons run. */
static void ring_numbers(csm__canvas *c, const radar_geom *g)
{
	static const csm__style white = {1, 1, 1, 0, NULL, 0, 1};
	int ring;
	for (ring = 1; ring <= 5; ring++) {
		char num[4];
		double a = -CSM_PI / 2 + CSM_PI / CSM_DIRECTIVES, rr = g->radius * ring / 5.0 * 0.93, rs = g->fs * 0.85;
		double tx = g->cx + cos(a) * rr, ty = g->cy + sin(a) * rr + rs * 0.35, tw;
		snprintf(num, sizeof num, "%d", ring);
		tw = c->text_width(c, num, rs);
		cairo_rectangle(c->cr, tx - tw / 2 - rs * 0.3, ty - rs * 0.8, tw + rs * 0.6, rs * 1.05);
		c->fill(c, &white);
		c->text(c, tx, ty, num, rs, CSM_ALIGN_CENTER, 0.3);
	}
}

/* The legend, under the chart: a line sample and the label per series, the
 * block centred and kept inside the box. */
static void legend_draw(csm__canvas *c, const csm_radar *r, double x, double size, const radar_geom *g)
{
	cairo_t *cr = c->cr;
	double fs = g->fs, lfs = g->lfs, lx = g->cx - (fs * 4.3 + g->lw) / 2, ly;
	size_t k;
	if (lx > g->cx - size * 0.34)
		lx = g->cx - size * 0.34;
	if (lx < x + 8)
		lx = x + 8;
	ly = g->cy + g->radius + fs * 2.2 + fs * 2.2;
	for (k = 0; k < r->count; k++) {
		csm__style st = series_style(r, k, g->scale < 0.8 ? 0.8 : g->scale > 1.6 ? 1.6 : g->scale);
		const char *label = r->series[k].label;
		cairo_move_to(cr, lx, ly - fs * 0.35);
		cairo_line_to(cr, lx + fs * 3.5, ly - fs * 0.35);
		c->stroke(c, &st);
		if (is_previous(r, k)) {
			cairo_rectangle(cr, lx + fs * 1.75 - fs * 0.25, ly - fs * 0.6, fs * 0.5, fs * 0.5);
			st.dash = NULL, st.ndash = 0;
			c->stroke(c, &st);
		}
		if (g->split[k]) {
			char *first = csm__strndup(label, g->split[k]);
			if (first)
				c->text(c, lx + fs * 4.3, ly, first, lfs, CSM_ALIGN_LEFT, 0.1);
			free(first);
			label += g->split[k];
			while (*label == ' ')
				label++;
			ly += lfs * 1.2;
		}
		c->text(c, lx + fs * 4.3, ly, label, lfs, CSM_ALIGN_LEFT, 0.1);
		ly += fs * 1.9;
	}
}

void csm__radar_draw(csm__canvas *c, const csm_radar *r, double x, double y, double width, double height)
{
	double size = width < height ? width : height;
	radar_geom g;
	size_t k;
	memset(&g, 0, sizeof g);
	g.scale = size / 260.0;
	g.fs = 7.5 * (g.scale < 0.8 ? 0.8 : g.scale > 1.6 ? 1.6 : g.scale);
	legend_fit(c, r, width, &g);
	circle_place(c, r, x, y, width, height, &g);
	grid_draw(c, r, &g);
	for (k = r->count; k-- > 0;) /* the first (the company) last, so it lies on top */
		series_draw(c, r, k, &g);
	ring_numbers(c, &g);
	legend_draw(c, r, x, size, &g);
}

/* ---- the cairo backend -------------------------------------------------- */

static void cairo_set_style(cairo_t *cr, const csm__style *st, double alpha)
{
	cairo_set_source_rgba(cr, st->r, st->g, st->b, alpha);
	cairo_set_line_width(cr, st->width);
	cairo_set_dash(cr, st->dash, st->ndash, 0);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

static void cairo_stroke_cb(csm__canvas *c, const csm__style *st)
{
	cairo_set_style(c->cr, st, 1.0);
	cairo_stroke(c->cr);
}

static void cairo_fill_cb(csm__canvas *c, const csm__style *st)
{
	cairo_set_style(c->cr, st, st->alpha);
	cairo_fill(c->cr);
}

static double cairo_width_cb(csm__canvas *c, const char *s, double size)
{
	cairo_text_extents_t e;
	cairo_set_font_size(c->cr, size);
	cairo_text_extents(c->cr, s, &e);
	return e.x_advance;
}

static void cairo_text_cb(csm__canvas *c, double x, double y, const char *s, double size, int align, double gray)
{
	double w = align == CSM_ALIGN_LEFT ? 0 : cairo_width_cb(c, s, size);
	cairo_set_font_size(c->cr, size);
	cairo_set_source_rgb(c->cr, gray, gray, gray);
	cairo_move_to(c->cr, align == CSM_ALIGN_LEFT ? x : align == CSM_ALIGN_CENTER ? x - w / 2 : x - w, y);
	cairo_show_text(c->cr, s);
	cairo_new_path(c->cr);
}

typedef struct membuf {
	unsigned char *data;
	size_t len, cap;
	int nomem;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int length)
{
	membuf *m = closure;
	if (m->len + length > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 65536;
		unsigned char *t;
		while (cap < m->len + length)
			cap *= 2;
		if (!(t = realloc(m->data, cap))) {
			m->nomem = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		m->data = t;
		m->cap = cap;
	}
	memcpy(m->data + m->len, data, length);
	m->len += length;
	return CAIRO_STATUS_SUCCESS;
}

static unsigned long png_crc(const unsigned char *p, size_t n)
{
	unsigned long c = 0xFFFFFFFFUL;
	size_t i;
	int k;
	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320UL ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFUL;
}

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Record the resolution the PNG is drawn at (cairo writes none), as a pHYs
 * chunk after IHDR, so it prints at its size in points: `dpi` as pixels per
 * metre, rounded. */
static int png_add_phys(membuf *m, double dpi)
{
	static const size_t ihdr_end = 8 + 8 + 13 + 4; /* signature, IHDR header, data, CRC */
	unsigned char chunk[21];
	unsigned long ppm = (unsigned long)lround(dpi / 0.0254);
	unsigned char *t;
	if (m->len < ihdr_end || memcmp(m->data + 12, "IHDR", 4) != 0)
		return 0;
	if (!(t = realloc(m->data, m->len + sizeof chunk)))
		return -1;
	m->data = t;
	put32(chunk, 9);
	memcpy(chunk + 4, "pHYs", 4);
	put32(chunk + 8, ppm);
	put32(chunk + 12, ppm);
	chunk[16] = 1; /* unit: metre */
	put32(chunk + 17, png_crc(chunk + 4, 13));
	memmove(m->data + ihdr_end + sizeof chunk, m->data + ihdr_end, m->len - ihdr_end);
	memcpy(m->data + ihdr_end, chunk, sizeof chunk);
	m->len += sizeof chunk;
	m->cap = m->len;
	return 0;
}

int csm_radar_image(char **out, size_t *len, const csm_radar *r, csm_image_format fmt, double size_pt)
{
	CSM__ARGS(out && len && r);
	membuf m = {0};
	cairo_surface_t *surface;
	cairo_t *cr;
	csm__canvas c;
	cairo_status_t status;
	double px_per_pt = fmt == CSM_IMAGE_PNG ? PNG_DPI / 72.0 : 1.0;

	*out = NULL;
	*len = 0;
	if (!(size_pt >= 72 && size_pt <= 2000))
		return csm__err(CSM_EINVALID, "radar: size %g pt is out of range (72..2000)", size_pt);
	if (fmt == CSM_IMAGE_PNG)
		/* Opaque RGB: no alpha channel to store, the chart sits on white. */
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(size_pt * px_per_pt),
		                                     (int)ceil(size_pt * px_per_pt));
	else if (fmt == CSM_IMAGE_SVG)
		surface = cairo_svg_surface_create_for_stream(write_mem, &m, size_pt, size_pt);
	else
		surface = cairo_pdf_surface_create_for_stream(write_mem, &m, size_pt, size_pt);
	cr = cairo_create(surface);
	cairo_scale(cr, px_per_pt, px_per_pt);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_select_font_face(cr, r->font_family && r->font_family[0] ? r->font_family : "IPAexGothic", CAIRO_FONT_SLANT_NORMAL,
	                       CAIRO_FONT_WEIGHT_NORMAL);
	memset(&c, 0, sizeof c);
	c.cr = cr;
	c.stroke = cairo_stroke_cb;
	c.fill = cairo_fill_cb;
	c.text = cairo_text_cb;
	c.text_width = cairo_width_cb;
	csm__radar_draw(&c, r, 0, 0, size_pt, size_pt);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (fmt == CSM_IMAGE_PNG && status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_write_to_png_stream(surface, write_mem, &m);
	if (fmt == CSM_IMAGE_PNG && status == CAIRO_STATUS_SUCCESS && !m.nomem && png_add_phys(&m, PNG_DPI) < 0)
		m.nomem = 1;
	cairo_surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (m.nomem || status != CAIRO_STATUS_SUCCESS) {
		free(m.data);
		return m.nomem ? csm__nomem() : csm__err(CSM_EIO, "radar: drawing failed: %s", cairo_status_to_string(status));
	}
	*out = (char *)m.data;
	*len = m.len;
	return 0;
}

int csm_radar_from_analysis(csm_radar **out, const csm_analysis *an, csm_lang lang)
{
	CSM__ARGS(out && an && CSM__LANG_OK(lang));
	return csm__radar_fill(out, an, lang, 0);
}

/* Series of a group's means in the benchmark. */
static void group_means(double value[CSM_DIRECTIVES], const csm_benchmark *b, int g)
{
	int d;
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		if (!csm_benchmark_group_mean(&value[d - 1], b, (size_t)g, d))
			value[d - 1] = -1;
}

/* Add a series labelled with the text in `label` (emptied for the next). */
static int add_built(csm_radar *r, csm__buf *label, const double value[CSM_DIRECTIVES], csm_radar_style style)
{
	int rc = label->nomem ? csm__nomem() : csm_radar_add_series(r, label->s ? label->s : "", value, style);
	csm__buf_free(label);
	return rc;
}

static int radar_fill(csm_radar *out, const csm_analysis *an, csm_lang lang, int short_labels)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const char *industry = csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY);
	const char *target = csm_analysis_target(an);
	csm__buf label = {0};
	double value[CSM_DIRECTIVES];
	int d, g, rc;

	if ((rc = csm_radar_set_font(out, "IPAexGothic")))
		return rc;
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		csm__buf_printf(&label, "%d %s", d, q->dir_short[d - 1][lang]);
		rc = label.nomem ? csm__nomem() : csm_radar_set_axis(out, d, label.s);
		csm__buf_free(&label);
		if (rc)
			return rc;
	}
	csm__buf_puts(&label, csm__msg("chart.legend_own", lang));
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		value[d - 1] = s->dir[d - 1].has_score ? s->dir[d - 1].score : -1;
	if ((rc = add_built(out, &label, value, CSM_RADAR_STYLE_COMPANY)))
		return rc;
	if (industry) {
		if ((g = csm__analysis_industry_group(an)) >= 0) {
			if (short_labels) /* where the industry is named elsewhere on the page */
				csm__buf_puts(&label, csm__msg("chart.legend_industry", lang));
			else
				csm__buf_msgf(&label, csm__msg("chart.legend_industry_n", lang),
				              csm__analysis_group_label(an, lang), csm_benchmark_group_n(b, (size_t)g));
			group_means(value, b, g);
			if ((rc = add_built(out, &label, value, CSM_RADAR_STYLE_INDUSTRY)))
				return rc;
		}
	}
	if ((g = csm_benchmark_group_find(b, target)) >= 0) {
		csm__buf_msgf(&label, csm__msg("chart.legend_target", lang),
		              target + strlen("grade:"), csm_benchmark_group_n(b, (size_t)g));
		group_means(value, b, g);
		if ((rc = add_built(out, &label, value, CSM_RADAR_STYLE_TARGET)))
			return rc;
	}
	if (csm__analysis_prev(an) && out->count < CSM_RADAR_MAX_SERIES) {
		const csm_score *ps = csm__analysis_prev(an);
		const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
		csm__buf_msgf(&label, csm__msg("chart.legend_prev", lang), pdate ? pdate : "-");
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			value[d - 1] = ps->dir[d - 1].has_score ? ps->dir[d - 1].score : -1;
		if ((rc = add_built(out, &label, value, CSM_RADAR_STYLE_PREVIOUS)))
			return rc;
	}
	if (out->count < CSM_RADAR_MAX_SERIES) { /* the company's own targets (csm_analysis_set_targets) */
		const char *by = csm_answers_target_by(a);
		int any = 0;
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			double v;
			any |= csm__analysis_target_score(&v, an, d);
			value[d - 1] = csm__analysis_target_score(&v, an, d) ? v : -1;
		}
		if (any) {
			if (by)
				csm__buf_msgf(&label, csm__msg("chart.legend_own_target_by", lang), by);
			else
				csm__buf_puts(&label, csm__msg("chart.legend_own_target", lang));
			if ((rc = add_built(out, &label, value, CSM_RADAR_STYLE_OTHER)))
				return rc;
		}
	}
	return 0;
}

int csm__radar_fill(csm_radar **out, const csm_analysis *an, csm_lang lang, int short_labels)
{
	int rc;
	*out = NULL;
	if ((rc = csm_radar_new(out)))
		return rc;
	if ((rc = radar_fill(*out, an, lang, short_labels))) {
		csm_radar_free(*out);
		*out = NULL;
	}
	return rc;
}
