/* Radar chart: the series an analysis gives, and images of the right kind
 * and size in each format. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static void test_series_from_analysis(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_radar *r = NULL;
	int d;
	csm_industries *ind = NULL;
	CHECK_INT(csm_answers_load(&a, SRC("examples/kitamachi-machinery.json")), 0);
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	if (!q || !b || !a || !ind || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_analyze(&an, q, a, s, b))
		goto done;
	csm_analysis_use_industries(an, ind); /* general_machinery: compared with its parent, machinery */
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_EN), 0);
	CHECK_INT(csm_radar_series_count(r), 3); /* company, industry:machinery, grade:A */
	CHECK_STR(csm_radar_axis(r, 9), "9 Supply chain");
	CHECK_HAS(csm_radar_series_label(r, 1), "(Machinery and equipment manufacturing, n=11)"); /* the group compared with */
	CHECK_HAS(csm_radar_series_label(r, 2), "grade A average (n=6)");
	CHECK_INT(csm_radar_series_style(r, 0), CSM_RADAR_STYLE_COMPANY);
	CHECK_INT(csm_radar_series_style(r, 1), CSM_RADAR_STYLE_INDUSTRY);
	CHECK_INT(csm_radar_series_style(r, 2), CSM_RADAR_STYLE_TARGET);
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double m, v = -1, t = -1;
		CHECK_INT(csm_radar_series_value(&v, r, 0, d), 1);
		CHECK_NEAR(v, csm_score_directive(s, d)->score, 0);
		csm_benchmark_group_mean(&m, b, (size_t)csm_benchmark_group_find(b, "grade:A"), d);
		CHECK_INT(csm_radar_series_value(&t, r, 2, d), 1);
		CHECK_NEAR(t, m, 0);
	}
	csm_radar_free(r);
	r = NULL;
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_JA), 0);
	CHECK_HAS(csm_radar_axis(r, 9), "サプライチェーン");
	CHECK_STR(csm_radar_series_label(r, 0), "自社");
done:
	csm_radar_free(r);
	csm_industries_free(ind);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* With a previous assessment the radar gains exactly one "Previous" series,
 * also when there is room for more (no industry group in the benchmark). */
static void test_previous_series(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL, *pa = NULL;
	csm_score *s = NULL, *ps = NULL;
	csm_analysis *an = NULL;
	csm_radar *r = NULL;
	char *text = test_read(SRC("examples/kitamachi-machinery.json"), NULL), *at;
	size_t i;
	int previous = 0;
	at = text ? strstr(text, "\"general_machinery\"") : NULL;
	if (at)
		memcpy(at, "\"zzzzzzzzzzzzzzzzz\"", 19); /* an industry the benchmark does not have */
	CHECK(at != NULL);
	if (!q || !b || !text || csm_answers_parse(&a, text, strlen(text), "now.json") ||
	    csm_answers_load(&pa, SRC("examples/kitamachi-machinery.json")) ||
	    csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_score_compute(&ps, q, pa, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b))
		goto done;
	CHECK_INT(csm_analysis_set_previous(an, pa, ps), 0);
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_EN), 0);
	CHECK_INT(csm_radar_series_count(r), 3); /* company, grade:A, previous */
	for (i = 0; i < csm_radar_series_count(r); i++) {
		previous += strncmp(csm_radar_series_label(r, i), "Previous (2026-10-20)", 21) == 0;
		/* drawn apart from the target's dotted red, whatever its position */
		if (strncmp(csm_radar_series_label(r, i), "Previous", 8) == 0)
			CHECK_INT(csm_radar_series_style(r, i), CSM_RADAR_STYLE_PREVIOUS);
	}
	CHECK_INT(csm_radar_series_style(r, 0), CSM_RADAR_STYLE_COMPANY);
	CHECK_INT(csm_radar_series_style(r, 1), CSM_RADAR_STYLE_TARGET);
	CHECK_INT(previous, 1);
done:
	csm_radar_free(r);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_score_free(ps);
	csm_answers_free(a);
	csm_answers_free(pa);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
	free(text);
}

static void test_images(void)
{
	csm_radar *r = NULL;
	char *img = NULL;
	size_t len = 0;
	double v0[CSM_DIRECTIVES], v1[CSM_DIRECTIVES], got;
	int d;
	CHECK_INT(csm_radar_new(&r), 0);
	if (!r)
		return;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		char axis[16];
		snprintf(axis, sizeof axis, "%d axis", d + 1);
		CHECK_INT(csm_radar_set_axis(r, d + 1, axis), 0);
		v0[d] = 1 + d % 5;
		v1[d] = d == 4 ? -1 : 3; /* a gap */
	}
	CHECK_INT(csm_radar_add_series(r, "", v0, CSM_RADAR_STYLE_AUTO), 0);
	CHECK_INT(csm_radar_add_series(r, "", v1, CSM_RADAR_STYLE_AUTO), 0);
	/* the model as given: texts copied, a gap is no value, bounds checked */
	CHECK_STR(csm_radar_axis(r, 10), "10 axis");
	CHECK(csm_radar_axis(r, 0) == NULL && csm_radar_axis(r, 11) == NULL);
	CHECK_INT(csm_radar_series_value(&got, r, 1, 5), 0);
	CHECK_INT(csm_radar_series_value(&got, r, 1, 6), 1);
	CHECK_NEAR(got, 3, 0);
	CHECK_INT(csm_radar_series_value(&got, r, 2, 1), 0);
	CHECK(csm_radar_series_label(r, 2) == NULL);
	CHECK_INT(csm_radar_set_axis(r, 11, "x"), CSM_EINVALID);
	CHECK_INT(csm_radar_add_series(r, "s", v0, (csm_radar_style)9), CSM_EINVALID);
	CHECK_INT(csm_radar_series_count(r), 2);
	CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_PNG, 360), 0);
	CHECK(img && len > 24 && memcmp(img, "\x89PNG\r\n\x1a\n", 8) == 0);
	if (img && len > 24) {
		CHECK_INT(be32((unsigned char *)img + 16), 1500); /* 360 pt at 300 dpi */
		CHECK_INT(be32((unsigned char *)img + 20), 1500);
		CHECK_INT(((unsigned char *)img)[25], 2); /* colour type 2: RGB, no alpha */
	}
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_SVG, 300), 0);
	CHECK(img && len > 100 && strstr(img, "<svg") && strstr(img, "width=\"300pt\""));
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_PDF, 300), 0);
	CHECK(img && len > 100 && memcmp(img, "%PDF-", 5) == 0);
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_PNG, 10), CSM_EINVALID);
	CHECK(img == NULL);
	/* the PNG records the resolution it is drawn at: pHYs, 300 dpi (11811 px/m) */
	CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_PNG, 360), 0);
	if (img && len > 33 + 21) {
		const unsigned char *p = (unsigned char *)img + 33; /* after the signature and IHDR */
		CHECK_INT(be32(p), 9);
		CHECK(memcmp(p + 4, "pHYs", 4) == 0);
		CHECK_INT(be32(p + 8), 11811);
		CHECK_INT(be32(p + 12), 11811);
		CHECK_INT(p[16], 1); /* per metre */
	}
	csm_free(img);
	img = NULL;
	CHECK(img == NULL);
	/* room for CSM_RADAR_MAX_SERIES series, no more */
	while (csm_radar_series_count(r) < CSM_RADAR_MAX_SERIES)
		if (csm_radar_add_series(r, "more", v1, CSM_RADAR_STYLE_OTHER) != 0)
			break;
	CHECK_INT(csm_radar_series_count(r), CSM_RADAR_MAX_SERIES);
	CHECK_INT(csm_radar_add_series(r, "one too many", v1, CSM_RADAR_STYLE_OTHER), CSM_EINVALID);
	csm_radar_free(r);
}

/* The words of a radar PDF as pdftotext -bbox gives them: each word's text
 * and right edge, into `text` (words joined by nothing) and `*xmax`. */
static int radar_words(const char *pdf, size_t len, char *text, size_t size, double *xmax, double *page_w)
{
	char path[] = "/tmp/csm-chart-XXXXXX", cmd[256], line[1024];
	int fd = mkstemp(path);
	FILE *f;
	size_t n = 0;
	*xmax = 0;
	*page_w = 0;
	text[0] = '\0';
	if (fd < 0 || write(fd, pdf, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd), unlink(path);
		return -1;
	}
	close(fd);
	snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", path);
	if (!(f = popen(cmd, "r"))) {
		unlink(path);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		double x0, y0, x1, y1;
		const char *t = strstr(line, "<word "), *e;
		if (strstr(line, "<page "))
			sscanf(strstr(line, "<page "), "<page width=\"%lf\"", page_w);
		if (!t || sscanf(t, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">", &x0, &y0, &x1, &y1) != 4)
			continue;
		if (x1 > *xmax)
			*xmax = x1;
		t = strchr(t, '>') + 1;
		if ((e = strstr(t, "</word>")) && n + (size_t)(e - t) + 2 < size) {
			memcpy(text + n, t, (size_t)(e - t));
			n += (size_t)(e - t);
			text[n++] = ' ';
			text[n] = '\0';
		}
	}
	pclose(f);
	unlink(path);
	return 0;
}

/* The standalone radar of the machinery example in English: the legend's
 * longest label ("Machinery and equipment manufacturing") whole and inside
 * the image, at the CLI's default size and a small one; ring numbers 1-5. */
static void test_legend_and_rings(void)
{
	static const double sizes[2] = {360, 200};
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_industries *ind = NULL;
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_radar *r = NULL;
	char *img = NULL, text[8192];
	size_t len = 0, k;
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	CHECK_INT(csm_answers_load(&a, SRC("examples/kitamachi-machinery.json")), 0);
	if (!q || !b || !a || !ind || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_analyze(&an, q, a, s, b))
		goto done;
	csm_analysis_use_industries(an, ind);
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_EN), 0);
	CHECK_HAS(csm_radar_series_label(r, 1), "Machinery and equipment manufacturing, n=11)");
	for (k = 0; k < 2; k++) {
		double xmax = 0, pw = 0;
		int ring, rings = 0;
		CHECK_INT(csm_radar_image(&img, &len, r, CSM_IMAGE_PDF, sizes[k]), 0);
		if (!img || radar_words(img, len, text, sizeof text, &xmax, &pw) != 0) {
			CHECK(!"pdftotext failed");
			csm_free(img);
			img = NULL;
			continue;
		}
		CHECK_NEAR(pw, sizes[k], 0.01);
		CHECK(xmax <= sizes[k] - 1); /* no word runs off the image */
		CHECK_HAS(text, "manufacturing, n=11)");
		CHECK_HAS(text, "Target: grade A average (n=6)");
		for (ring = 1; ring <= 5; ring++) {
			char w[8];
			snprintf(w, sizeof w, " %d ", ring);
			rings += strstr(text, w) != NULL || (ring == 1 && strncmp(text, "1 ", 2) == 0);
		}
		CHECK_INT(rings, 5);
		csm_free(img);
		img = NULL;
	}
done:
	csm_radar_free(r);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_industries_free(ind);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_series_from_analysis);
	RUN_TEST(test_previous_series);
	RUN_TEST(test_images);
	RUN_TEST(test_legend_and_rings);
	return test_finish();
}
