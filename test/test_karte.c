/* The karte: rendered for every example in both languages and checked with
 * the tools a reader's machine uses: pdftotext (the text, exactly, and no
 * warnings), pdffonts (every font embedded), qpdf --check, pdfinfo. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
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

/* `cmd` is a program on PATH. */
static int have(const char *cmd)
{
	char sh[128];
	snprintf(sh, sizeof sh, "command -v %s >/dev/null 2>&1", cmd);
	return system(sh) == 0;
}

static int have_gs;

/* `s` without spaces and line ends, into a new string. */
static char *squeeze(const char *s)
{
	char *o = malloc(strlen(s ? s : "") + 1), *p = o;
	for (; o && s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f')
			*p++ = *s;
	if (o)
		*p = '\0';
	return o;
}

/* The text that `cmd` extracts has every one of `want` (spaces and line
 * breaks aside, as each tool lays out columns and wraps its own way). */
static void check_extract(const char *cmd, const char *const *want, size_t n)
{
	char *text = NULL, *flat;
	size_t i, missing = 0;
	CHECK_INT(capture(cmd, &text), 0);
	flat = squeeze(text);
	for (i = 0; i < n; i++) {
		char *w = squeeze(want[i]);
		if (!flat || !w || !strstr(flat, w)) {
			missing++;
			fprintf(stderr, "%s: \"%s\" is not in the text\n", cmd, want[i]);
		}
		free(w);
	}
	CHECK_INT(missing, 0);
	if (missing)
		fprintf(stderr, "the text begins: %.300s\n", text ? text : "(none)");
	free(flat);
	free(text);
}

/* The text of `pdf` in the other readers a karte meets: Ghostscript's
 * txtwrite, the file re-written by Ghostscript's pdfwrite (also as PDF/A, as
 * print shops and archives do) and read back, and MuPDF. */
static void check_other_readers(const char *pdf, const char *const *want, size_t n)
{
	char cmd[1024];
	if (have_gs) {
		snprintf(cmd, sizeof cmd, "gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile=- '%s' 2>/dev/null", pdf);
		check_extract(cmd, want, n);
		/* Ghostscript's txtwrite garbles CJK in any pdfwrite output (cairo's
		 * too): its own ToUnicode bfranges; the re-written file is read by the
		 * other tools. */
		snprintf(cmd, sizeof cmd,
		         "gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile='%s.gs.pdf' '%s' >/dev/null 2>&1 && "
		         "pdftotext -enc UTF-8 '%s.gs.pdf' -",
		         pdf, pdf, pdf);
		check_extract(cmd, want, n);
		snprintf(cmd, sizeof cmd,
		         "gs -q -dNOPAUSE -dBATCH -dPDFA=2 -dPDFACompatibilityPolicy=1 -sColorConversionStrategy=RGB "
		         "-sDEVICE=pdfwrite -sOutputFile='%s.pdfa.pdf' '%s' >/dev/null 2>&1 && pdftotext -enc UTF-8 '%s.pdfa.pdf' -",
		         pdf, pdf, pdf);
		check_extract(cmd, want, n);
	}
	if (have("mutool")) {
		snprintf(cmd, sizeof cmd, "mutool draw -q -F txt -o - '%s' 2>/dev/null", pdf);
		check_extract(cmd, want, n);
		if (have_gs) {
			snprintf(cmd, sizeof cmd, "mutool draw -q -F txt -o - '%s.gs.pdf' 2>/dev/null", pdf);
			check_extract(cmd, want, n);
		}
	}
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
	{
		const char *want[CSM_DIRECTIVES + 4];
		size_t n = 0;
		want[n++] = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
		want[n++] = lang == CSM_LANG_JA ? "サイバーセキュリティ経営ガイドライン 診断カルテ" : "Assessment Karte";
		want[n++] = csm_benchmark_name(b);
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			want[n++] = csm_directive_short(q, d, lang);
		if (csm_analysis_hint_count(an))
			want[n++] = csm_directive_title(q, csm_analysis_hint(an, 0)->directive, lang);
		check_other_readers(path, want, n);
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
	have_gs = have("gs");
	RUN_TEST(test_examples);
	RUN_TEST(test_long_name);
	RUN_TEST(test_font_errors);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		return 2;
	if (!have_gs && t_fail == 0) {
		test_finish();
		printf("gs (ghostscript) is not installed: the Ghostscript checks did not run\n");
		return 77;
	}
	return test_finish();
}
