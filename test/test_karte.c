/* The karte: rendered for every example in both languages and checked with
 * the tools a reader's machine uses: pdftotext (the text, exactly, and no
 * warnings), pdffonts (every font embedded), qpdf --check, pdfinfo. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

static char tmpdir[64];

/* Run a shell command; its stdout into *out (caller frees); returns the exit status. */
static int capture(const char *cmd, char **out)
{
	char path[128], full[2048];
	int st;
	snprintf(path, sizeof path, "%s/capture", tmpdir);
	snprintf(full, sizeof full, "%s > '%s'", cmd, path);
	st = system(full);
	*out = test_read(path, NULL);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void check_karte(const char *example, csm_lang lang)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_tips *tips = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *pdf = NULL, *text = NULL, *err = NULL, *info = NULL, *fonts = NULL, path[128], cmd[512];
	size_t len = 0, i, k;
	FILE *f;
	int d;

	CHECK_INT(csm_font_find(&font, "IPAexGothic"), 0);
	if (!q || !b || !font || csm_tips_open(&tips, CSM_TEST_SRC) || csm_answers_load(&a, example) ||
	    csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_karte_maker_new(&km, font)) {
		CHECK(!"setup failed");
		fprintf(stderr, "%s\n", csm_error_last());
		goto done;
	}
	CHECK_INT(csm_karte_render(&pdf, &len, km, an, tips, lang, 1700000000LL), 0);
	CHECK(pdf && len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
	CHECK(len <= 100 * 1024); /* the size goal */
	if (!pdf)
		goto done;
	snprintf(path, sizeof path, "%s/karte.pdf", tmpdir);
	f = fopen(path, "wb");
	CHECK(f && fwrite(pdf, 1, len, f) == len);
	if (f)
		fclose(f);

	/* Text: extractable, without a warning from poppler. */
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>'%s/warn'", path, tmpdir);
	CHECK_INT(capture(cmd, &text), 0);
	snprintf(cmd, sizeof cmd, "cat '%s/warn'", tmpdir);
	capture(cmd, &err);
	CHECK_STR(err, "");
	CHECK_HAS(text, csm_answers_field_get(a, CSM_FIELD_ORG_NAME));
	CHECK_HAS(text, lang == CSM_LANG_JA ? "診断カルテ" : "Assessment Karte");
	CHECK_HAS(text, csm_benchmark_name(b));
	for (d = 1; d <= CSM_DIRECTIVES; d++)
		CHECK_HAS(text, csm_directive_short(q, d, lang));
	for (i = 0; i < csm_analysis_hint_count(an); i++) {
		const csm_hint *h = csm_analysis_hint(an, i);
		for (k = 0; k < h->tip_count; k++) {
			char want[256];
			snprintf(want, sizeof want, "%s %s: %s", lang == CSM_LANG_JA ? "ティップス" : "Tip", h->tips[k],
			         csm_tip_title(tips, h->tips[k], lang));
			CHECK_HAS(text, want);
		}
	}
	{
		char grade[64], overall[16];
		csm_format1(overall, sizeof overall, csm_score_overall(s));
		snprintf(grade, sizeof grade, "%s", csm_grade_name(csm_score_grade(s)));
		CHECK_HAS(text, grade);
		CHECK_HAS(text, overall);
	}
	/* Fonts: all embedded. */
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
	CHECK_INT(capture(cmd, &fonts), 0);
	CHECK_HAS(fonts, "IPAexGothic");
	CHECK_HAS(fonts, "CID TrueType");
	CHECK(fonts && !strstr(fonts, " no  ")); /* an "emb no" column would show as " no " */
	/* Structure. */
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
	CHECK_INT(system(cmd), 0);
	/* Document info: title, author (the assessors), creation date, 1-2 A4 pages. */
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	CHECK_INT(capture(cmd, &info), 0);
	CHECK_HAS(info, "Title:");
	CHECK_HAS(info, csm_answers_assessor_name(a, 0));
	CHECK_HAS(info, "CreationDate:");
	CHECK_HAS(info, "2023"); /* 1700000000 is 2023-11-14 */
	CHECK_HAS(info, "595.276 x 841.89 pts (A4)");
	{
		const char *pg = info ? strstr(info, "Pages:") : NULL;
		int pages = 0;
		CHECK(pg && sscanf(pg, "Pages: %d", &pages) == 1 && pages >= 1 && pages <= 2);
	}
	/* The title is a proper (UTF-16) text string, not bytes shown as Latin-1. */
	CHECK_HAS(info, lang == CSM_LANG_JA ? "Title:           診断カルテ: " : "Title:           Karte: ");
done:
	free(text);
	free(err);
	free(info);
	free(fonts);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_examples(void)
{
	static const char *const ex[] = {SRC("examples/aozora-bank.json"), SRC("examples/kitamachi-machinery.json"),
	                                 SRC("examples/minato-services.json")};
	size_t i;
	for (i = 0; i < 3; i++) {
		check_karte(ex[i], CSM_LANG_JA);
		check_karte(ex[i], CSM_LANG_EN);
	}
}

/* A name far wider than the header: fitted, cut with an ellipsis, still a valid PDF. */
static void test_long_name(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *src = test_read(SRC("examples/aozora-bank.json"), NULL), *json, *pdf = NULL, *text = NULL;
	char name[420], path[128], cmd[300], *at;
	size_t len = 0, i;
	FILE *f;
	for (i = 0; i < sizeof name - 1; i++)
		name[i] = "Long Name Holdings "[i % 19];
	name[sizeof name - 1] = '\0';
	at = src ? strstr(src, "Aozora Trust Bank") : NULL;
	CHECK(at != NULL);
	if (!at || !q || !b)
		goto done;
	json = malloc(strlen(src) + sizeof name);
	memcpy(json, src, (size_t)(at - src));
	strcpy(json + (at - src), name);
	strcat(json, at + strlen("Aozora Trust Bank"));
	CHECK_INT(csm_answers_parse(&a, json, strlen(json), "long.json"), 0);
	free(json);
	if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font))
		goto done;
	CHECK_INT(csm_karte_render(&pdf, &len, km, an, NULL, CSM_LANG_EN, 0), 0);
	snprintf(path, sizeof path, "%s/long.pdf", tmpdir);
	if (pdf && (f = fopen(path, "wb"))) {
		CHECK(fwrite(pdf, 1, len, f) == len);
		fclose(f);
	}
	snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", path);
	capture(cmd, &text);
	CHECK_HAS(text, "Long Name Holdings Long");
	CHECK_HAS(text, "…");
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
	CHECK_INT(system(cmd), 0);
done:
	free(text);
	free(src);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_font_errors(void)
{
	csm_karte_maker *km = NULL;
	char *font = NULL;
	CHECK_INT(csm_font_find(&font, "No Such Font Family"), CSM_ENOTFOUND);
	CHECK(font == NULL);
	CHECK_HAS(csm_error_last(), "fonts-ipaexfont");
	CHECK_INT(csm_karte_maker_new(&km, "/nonexistent/font.ttf"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "/nonexistent/font.ttf: cannot open font");
	CHECK_INT(csm_karte_maker_new(&km, SRC("README.md")), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "not a TrueType font");
	CHECK(km == NULL);
}

int main(void)
{
	char cmd[128];
	snprintf(tmpdir, sizeof tmpdir, "/tmp/csm-test-karte.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN_TEST(test_examples);
	RUN_TEST(test_long_name);
	RUN_TEST(test_font_errors);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		return 2;
	return test_finish();
}
