#define _POSIX_C_SOURCE 200809L
/* The naive karte the start-up benchmark compares `csm karte` with, as the
 * issue defines it: a radar drawn with cairo into an ARGB image (labels in
 * IPAexGothic through cairo's toy text API) and embedded as a PNG, then the
 * whole font loaded through libharu's UTF-8 encoder for a page of text. It
 * links only cairo and libharu (no csm), so it is a floor for what a first
 * implementation of the karte costs, not a copy of csm's output.
 * usage: naive_karte OUT.pdf FONT.ttf */
#include <math.h>
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <hpdf.h>

typedef struct buf {
	unsigned char *data;
	size_t len, cap;
} buf;

static cairo_status_t put(void *closure, const unsigned char *data, unsigned int n)
{
	buf *b = closure;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		if (!(b->data = realloc(b->data, b->cap)))
			return CAIRO_STATUS_NO_MEMORY;
	}
	memcpy(b->data + b->len, data, n);
	b->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)u;
	fprintf(stderr, "libharu error 0x%04X (%u)\n", (unsigned)e, (unsigned)d);
	exit(3);
}

static const char *const AXES[10] = {"1 リーダーシップ", "2 体制", "3 リスク", "4 計画", "5 防御",
                                     "6 検知", "7 対応", "8 復旧", "9 委託先", "10 情報共有"};
static const double SCORE[10] = {3.2, 2.8, 3.5, 2.1, 3.9, 2.5, 3.0, 2.2, 1.8, 2.7};

/* The radar, 600 x 600 px ARGB, as PNG bytes in `png`. */
static void radar(buf *png)
{
	const double cx = 300, cy = 300, r = 220;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 600, 600);
	cairo_t *cr = cairo_create(s);
	int i, k;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_line_width(cr, 1);
	cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
	for (k = 1; k <= 5; k++) {
		for (i = 0; i <= 10; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (i % 10) / 10;
			double x = cx + r * k / 5 * cos(a), y = cy + r * k / 5 * sin(a);
			if (i)
				cairo_line_to(cr, x, y);
			else
				cairo_move_to(cr, x, y);
		}
		cairo_stroke(cr);
	}
	cairo_select_font_face(cr, "IPAexGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 16);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = 0; i < 10; i++) {
		double a = -M_PI / 2 + 2 * M_PI * i / 10;
		cairo_text_extents_t e;
		cairo_text_extents(cr, AXES[i], &e);
		cairo_move_to(cr, cx + (r + 30) * cos(a) - e.width / 2, cy + (r + 30) * sin(a) + e.height / 2);
		cairo_show_text(cr, AXES[i]);
	}
	cairo_set_source_rgba(cr, 0.09, 0.27, 0.58, 0.3);
	for (i = 0; i <= 10; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (i % 10) / 10, v = SCORE[i % 10] / 5 * r;
		if (i)
			cairo_line_to(cr, cx + v * cos(a), cy + v * sin(a));
		else
			cairo_move_to(cr, cx + v * cos(a), cy + v * sin(a));
	}
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.09, 0.27, 0.58);
	cairo_set_line_width(cr, 3);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(s, put, png);
	cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
	buf png = {0};
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;
	const char *name;
	char line[256];
	double y;
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: naive_karte OUT.pdf FONT.ttf\n");
		return 1;
	}
	radar(&png);
	pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, argv[2], HPDF_TRUE); /* the whole font, embedded */
	font = HPDF_GetFont(pdf, name, "UTF-8");
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	HPDF_Page_DrawImage(page, HPDF_LoadPngImageFromMem(pdf, png.data, (HPDF_UINT)png.len), 150, 842 - 40 - 300, 300,
	                    300);
	y = 842 - 360;
	for (i = 0; i < 10; i++) {
		snprintf(line, sizeof line, "指示 %s: %.1f / 5 (Directive %d)", AXES[i], SCORE[i], i + 1);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 9);
		HPDF_Page_TextOut(page, 36, (HPDF_REAL)y, line);
		HPDF_Page_EndText(page);
		y -= 12;
	}
	HPDF_SaveToFile(pdf, argv[1]);
	HPDF_Free(pdf);
	free(png.data);
	return 0;
}
