#define _POSIX_C_SOURCE 200809L
/* The naive karte the benchmark compares csm with: the same analysis and
 * text, made the straightforward way - the whole IPAexGothic loaded through
 * libharu's UTF-8 encoder, and the radar as an ARGB PNG image.
 * usage: karte_naive ANSWERS.json OUT.pdf DATA_DIR FONT.ttf ja|en */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <hpdf.h>

#include "csm.h"

typedef struct buf {
	unsigned char *data;
	size_t len, cap;
} buf;

static cairo_status_t put(void *closure, const unsigned char *data, unsigned int n)
{
	buf *b = closure;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			return CAIRO_STATUS_NO_MEMORY;
	}
	memcpy(b->data + b->len, data, n);
	b->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t get(void *closure, unsigned char *data, unsigned int n)
{
	buf *b = closure;
	if (b->len + n > b->cap)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, b->data + b->len, n);
	b->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)u;
	fprintf(stderr, "libharu error 0x%04X (%u)\n", (unsigned)e, (unsigned)d);
	exit(3);
}

int main(int argc, char **argv)
{
	csm_questionnaire *q = NULL;
	csm_benchmark *b = NULL;
	csm_tips *tips = NULL;
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_radar *radar = NULL;
	csm_lang lang;
	char path[4096], *text = NULL, *png = NULL, *line, *save = NULL;
	size_t png_len = 0;
	buf in = {0}, argb = {0};
	cairo_surface_t *rgb, *surface;
	cairo_t *cr;
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;
	HPDF_Image image;
	const char *name;
	double y;

	if (argc != 6 || csm_lang_parse(&lang, argv[5]) != 0) {
		fprintf(stderr, "usage: karte_naive ANSWERS.json OUT.pdf DATA_DIR FONT.ttf ja|en\n");
		return 1;
	}
	snprintf(path, sizeof path, "%s/benchmarks/beta-2020.json", argv[3]);
	if (csm_questionnaire_open(&q, argv[3], "csmg-v2") || csm_benchmark_load(&b, path) ||
	    csm_tips_open(&tips, argv[3]) || csm_answers_load(&a, argv[1]) ||
	    csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_render_text(&text, an, tips, lang) || csm_radar_from_analysis(&radar, an, lang) ||
	    csm_radar_image(&png, &png_len, radar, CSM_IMAGE_PNG, 300)) {
		fprintf(stderr, "%s\n", csm_error_last());
		return 2;
	}
	/* The radar as an ARGB32 PNG at 150 dpi, as a first implementation would
	 * store it (csm's 300 dpi image, scaled down). */
	in.data = (unsigned char *)png;
	in.cap = png_len;
	rgb = cairo_image_surface_create_from_png_stream(get, &in);
	surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(rgb) / 2,
	                                     cairo_image_surface_get_height(rgb) / 2);
	cr = cairo_create(surface);
	cairo_scale(cr, 0.5, 0.5);
	cairo_set_source_surface(cr, rgb, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(surface, put, &argb);
	cairo_surface_destroy(surface);
	cairo_surface_destroy(rgb);

	pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, argv[4], HPDF_TRUE);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	image = HPDF_LoadPngImageFromMem(pdf, argb.data, (HPDF_UINT)argb.len);
	HPDF_Page_DrawImage(page, image, 150, 842 - 40 - 300, 300, 300);
	y = 842 - 360;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (y < 40) {
			page = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
			y = 800;
		}
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 7);
		HPDF_Page_TextOut(page, 36, (HPDF_REAL)y, line);
		HPDF_Page_EndText(page);
		y -= 9;
	}
	HPDF_SaveToFile(pdf, argv[2]);
	HPDF_Free(pdf);
	free(argb.data);
	csm_free(png);
	csm_radar_free(radar);
	csm_free(text);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
	return 0;
}
