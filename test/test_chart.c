/* Radar chart: the series an analysis gives, and images of the right kind
 * and size in each format. */
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
	csm_radar r;
	int d;
	csm_industries *ind = NULL;
	CHECK_INT(csm_answers_load(&a, SRC("examples/kitamachi-machinery.json")), 0);
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	if (!q || !b || !a || !ind || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_analyze(&an, q, a, s, b))
		goto done;
	csm_analysis_use_industries(an, ind); /* general_machinery: compared with its parent, machinery */
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_EN), 0);
	CHECK_INT(r.count, 3); /* company, industry:machinery, grade:A */
	CHECK_STR(r.axis[8], "9 Supply chain");
	CHECK_HAS(r.series[1].label, "(Machinery and equipment manufacturing, n=11)"); /* the group compared with */
	CHECK_HAS(r.series[2].label, "grade A average (n=6)");
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		double m;
		CHECK_NEAR(r.series[0].value[d - 1], csm_score_directive(s, d)->score, 0);
		csm_benchmark_group_mean(b, (size_t)csm_benchmark_group_find(b, "grade:A"), d, &m);
		CHECK_NEAR(r.series[2].value[d - 1], m, 0);
	}
	CHECK_INT(csm_radar_from_analysis(&r, an, CSM_LANG_JA), 0);
	CHECK_HAS(r.axis[8], "サプライチェーン");
	CHECK_STR(r.series[0].label, "自社");
done:
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
	csm_radar r;
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
	CHECK_INT(r.count, 3); /* company, grade:A, previous */
	for (i = 0; i < r.count; i++)
		previous += strncmp(r.series[i].label, "Previous (2026-10-20)", 21) == 0;
	CHECK_INT(previous, 1);
done:
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
	csm_radar r;
	char *img = NULL;
	size_t len = 0;
	int d;
	memset(&r, 0, sizeof r);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		snprintf(r.axis[d], sizeof r.axis[d], "%d axis", d + 1);
		r.series[0].value[d] = 1 + d % 5;
		r.series[1].value[d] = d == 4 ? -1 : 3; /* a gap */
	}
	r.count = 2;
	CHECK_INT(csm_radar_image(&img, &len, &r, CSM_IMAGE_PNG, 360), 0);
	CHECK(img && len > 24 && memcmp(img, "\x89PNG\r\n\x1a\n", 8) == 0);
	if (img && len > 24) {
		CHECK_INT(be32((unsigned char *)img + 16), 1500); /* 360 pt at 300 dpi */
		CHECK_INT(be32((unsigned char *)img + 20), 1500);
		CHECK_INT(((unsigned char *)img)[25], 2); /* colour type 2: RGB, no alpha */
	}
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, &r, CSM_IMAGE_SVG, 300), 0);
	CHECK(img && len > 100 && strstr(img, "<svg") && strstr(img, "width=\"300pt\""));
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, &r, CSM_IMAGE_PDF, 300), 0);
	CHECK(img && len > 100 && memcmp(img, "%PDF-", 5) == 0);
	csm_free(img);
	CHECK_INT(csm_radar_image(&img, &len, &r, CSM_IMAGE_PNG, 10), CSM_EINVALID);
	CHECK(img == NULL);
}

int main(void)
{
	RUN_TEST(test_series_from_analysis);
	RUN_TEST(test_previous_series);
	RUN_TEST(test_images);
	return test_finish();
}
