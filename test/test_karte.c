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

/* "指示2、3、5" / "Directives 2, 3 and 5": directive numbers in order. */
static void dir_words(char *out, size_t size, const int *v, size_t n, csm_lang lang)
{
	int sorted[CSM_DIRECTIVES];
	size_t i, j, len;
	memcpy(sorted, v, n * sizeof *v);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (sorted[j] < sorted[i]) {
				int t = sorted[i];
				sorted[i] = sorted[j], sorted[j] = t;
			}
	snprintf(out, size, "%s", lang == CSM_LANG_JA ? "指示" : n > 1 ? "Directives " : "Directive ");
	for (i = 0; i < n; i++) {
		len = strlen(out);
		snprintf(out + len, size - len, "%s%d", !i ? "" : lang == CSM_LANG_JA ? "、" : i + 1 == n ? " and " : ", ",
		         sorted[i]);
	}
}

/* The karte reads like the trial's: the heading by target, hint 2 naming
 * the other flagged directives together, grade A's level statements, no
 * "urgent" for grade A, no raw ids in the Japanese karte. The expected
 * text is built here from the analysis's lists, not by the library. */
static void check_trial_wording(const char *text, const csm_analysis *an, const csm_score *s, csm_lang lang)
{
	static const char *const heading[4][2] = {{NULL, NULL},
	                                          {"成熟度Bになるためのヒント", "Hints for reaching maturity B"},
	                                          {"成熟度Aになるためのヒント", "Hints for reaching maturity A"},
	                                          {"更なる成熟度向上のヒント", "Hints for further maturity"}};
	csm_grade g = csm_score_grade(s);
	int ja = lang == CSM_LANG_JA, gi = g == CSM_GRADE_A ? 3 : g == CSM_GRADE_B ? 2 : 1;
	const int *v;
	size_t n;
	char want[512];
	char *flat = squeeze(text);
	CHECK_HAS(text, heading[gi][ja ? 0 : 1]);
	/* hint 2: one sentence naming every other flagged directive */
	n = csm_analysis_flagged(&v, an);
	if (n) {
		size_t len;
		dir_words(want, sizeof want, v, n, lang);
		len = strlen(want);
		snprintf(want + len, sizeof want - len, "%s",
		         ja ? (g == CSM_GRADE_A ? "も改善の余地があります" : "も改善が必要です")
		            : g == CSM_GRADE_A ? (n > 1 ? " also have room to improve" : " also has room to improve")
		                               : (n > 1 ? " also need improvement" : " also needs improvement"));
		CHECK_HAS(text, want);
	}
	if (g == CSM_GRADE_A) {
		size_t len;
		CHECK(!strstr(text, ja ? "[最優先]" : "[Urgent]"));
		n = csm_analysis_list(&v, an, CSM_LIST_LEVEL5);
		if (n) {
			dir_words(want, sizeof want, v, n, lang);
			len = strlen(want);
			snprintf(want + len, sizeof want - len, ja ? "はレベル5に達しています" : " %s at level 5", n > 1 ? "are" : "is");
			{
				char *w = squeeze(want); /* the statement may wrap */
				CHECK(flat && w && strstr(flat, w));
				if (!flat || !w || !strstr(flat, w))
					fprintf(stderr, "missing: %s\n", want);
				free(w);
			}
		}
	} else if (csm_analysis_hint1(an)) {
		double gap = 0;
		csm_analysis_gap(&gap, an, csm_analysis_hint1(an));
		if (csm_gap_band(gap) >= 1)
			CHECK_HAS(text, ja ? "[最優先]" : "[Urgent]");
	}
	if (ja) { /* no raw ids: the scope's and the industry's words */
		CHECK(!strstr(text, "industry:"));
		CHECK(!strstr(text, "entity"));
		CHECK(!strstr(text, "範囲: group"));
		CHECK(strstr(text, "範囲: 単体") || strstr(text, "範囲: グループ"));
	}
	free(flat);
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
			         csm_tip_text(tip_of(tips, h->tips[k]), CSM_TIP_TITLE, lang));
			CHECK_HAS(text, want);
		}
	}
	check_trial_wording(text, an, s, lang);
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
		/* hint 2 is one compact block: these two examples keep to one page */
		if (strstr(example, "aozora") || strstr(example, "kitamachi"))
			CHECK_INT(pages, 1);
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

/* `unit` repeated to exactly `cap` bytes (the rest in ASCII digits), valid UTF-8. */
static char *at_cap(const char *unit, size_t cap)
{
	char *s = malloc(cap + 1);
	size_t n = 0, u = strlen(unit);
	if (!s)
		return NULL;
	while (n + u <= cap) {
		memcpy(s + n, unit, u);
		n += u;
	}
	while (n < cap) {
		s[n] = (char)('0' + n % 10);
		n++;
	}
	s[n] = '\0';
	return s;
}

/* The words of `pdf` as pdftotext -bbox gives them. */
typedef struct word {
	int page;
	double x0, y0, x1, y1;
	char text[256];
} word;

static size_t bbox_words(const char *pdf, word **out, double *page_w, double *page_h)
{
	char cmd[512], *xml = NULL, *p;
	size_t n = 0, cap = 0;
	int page = 0;
	word *w = NULL;
	snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", pdf);
	CHECK_INT(capture(cmd, &xml), 0);
	*page_w = *page_h = 0;
	for (p = xml; p && *p; p++) {
		if (strncmp(p, "<page ", 6) == 0) {
			page++;
			sscanf(p, "<page width=\"%lf\" height=\"%lf\"", page_w, page_h);
		} else if (strncmp(p, "<word ", 6) == 0) {
			word x;
			const char *t, *e;
			memset(&x, 0, sizeof x);
			x.page = page;
			if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">", &x.x0, &x.y0, &x.x1, &x.y1) != 4)
				continue;
			t = strchr(p, '>') + 1;
			e = strstr(t, "</word>");
			if (e)
				snprintf(x.text, sizeof x.text, "%.*s", (int)(e - t), t);
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				w = realloc(w, cap * sizeof *w);
			}
			w[n++] = x;
		}
	}
	free(xml);
	*out = w;
	return n;
}

/* The y (from the top) of the first page's header rule, the first line drawn
 * 0.8 pt wide, from the content stream as qpdf uncompresses it. */
static double header_rule(const char *pdf)
{
	char cmd[512], *qdf = NULL, *p;
	double x, y = -1;
	snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - 2>/dev/null", pdf);
	capture(cmd, &qdf);
	p = qdf ? strstr(qdf, "\n0.8 w\n") : NULL;
	if (p && (p = strstr(p, " m\n")))
		while (p > qdf && p[-1] != '\n')
			p--;
	if (!p || sscanf(p, "%lf %lf m", &x, &y) != 2)
		y = -1;
	free(qdf);
	return y < 0 ? -1 : 841.89 - y;
}

/* Pairs of words on one page whose boxes overlap (by more than half a point
 * each way): text drawn over text. */
static int overlapping(const word *w, size_t n)
{
	size_t i, j;
	int bad = 0;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && w[j].page == w[i].page; j++) {
			double ox = (w[i].x1 < w[j].x1 ? w[i].x1 : w[j].x1) - (w[i].x0 > w[j].x0 ? w[i].x0 : w[j].x0);
			double oy = (w[i].y1 < w[j].y1 ? w[i].y1 : w[j].y1) - (w[i].y0 > w[j].y0 ? w[i].y0 : w[j].y0);
			if (ox > 0.5 && oy > 0.5) {
				if (bad++ < 5)
					fprintf(stderr, "overlap on p%d: \"%.30s\" and \"%.30s\"\n", w[i].page, w[i].text, w[j].text);
			}
		}
	return bad;
}

/* The first `n` bytes of `s` (cut back to a character), spaces left out,
 * are in `text` (pdftotext's output without spaces or line ends). */
static int shown(const char *text, const char *s, size_t n)
{
	char want[600];
	size_t i, k = 0;
	while (n > 0 && n < strlen(s) && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	for (i = 0; i < n && s[i] && k < sizeof want - 1; i++)
		if (s[i] != ' ')
			want[k++] = s[i];
	want[k] = '\0';
	if (text && strstr(text, want))
		return 1;
	fprintf(stderr, "not shown: %s\n", want);
	return 0;
}

/* Eight assessors whose names and roles are at the length cap (512 bytes),
 * and an organization name at the cap (the first two assessors' texts are
 * `first_two` bytes): the header wraps and grows, and no
 * word leaves the page, runs under the grade box or crosses the header rule. */
static void check_header_cap(csm_lang lang, size_t first_two)
{
	static const char *const ja_units[4] = {"情報セキュリティ統括", "内部監査室", "株式会社", "サイバー"};
	static const char *const en_units[4] = {"Alexandra Montgomery-Fitzwilliam ", "Information Security ",
	                                        "Chief Risk Officer and ", "Z"};
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *src = test_read(SRC("examples/aozora-bank.json"), NULL), *json = NULL, *pdf = NULL;
	char *text = NULL, path[128], cmd[400];
	char *names[8] = {NULL}, *roles[8] = {NULL}, *org = NULL;
	cJSON *doc = src ? cJSON_Parse(src) : NULL, *arr = cJSON_CreateArray();
	word *w = NULL;
	size_t len = 0, nw = 0, i;
	double pw = 0, ph = 0, rule, box_x = 595.276 - 36 - 112;
	int crossing = 0, outside = 0, under_box = 0, pages;
	FILE *f;

	CHECK(doc != NULL);
	if (!doc || !q || !b)
		goto done;
	org = at_cap(lang == CSM_LANG_JA ? "東京湾岸総合情報システム" : "Tokyo Bayside Integrated Information Systems ", 512);
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(org));
	for (i = 0; i < 8; i++) {
		cJSON *o = cJSON_CreateObject();
		/* in both languages: one Latin name without a space, and Japanese ones */
		const char *nu = i == 1 ? "Z" : lang == CSM_LANG_JA || i == 5 ? ja_units[i % 4] : en_units[i % 4];
		const char *ru = lang == CSM_LANG_JA ? ja_units[(i + 1) % 4] : en_units[(i + 1) % 3];
		names[i] = at_cap(nu, i < 2 ? first_two : 512);
		roles[i] = at_cap(ru, i < 2 ? first_two : 512);
		cJSON_AddStringToObject(o, "name", names[i]);
		cJSON_AddStringToObject(o, "role", roles[i]);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_ReplaceItemInObject(doc, "assessors", arr);
	arr = NULL;
	json = cJSON_PrintUnformatted(doc);
	CHECK_INT(csm_answers_parse(&a, json, strlen(json), "cap.json"), 0);
	if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font))
		goto done;
	CHECK_INT(csm_karte_render(&pdf, &len, km, an, NULL, lang, 0), 0);
	snprintf(path, sizeof path, "%s/cap-%s.pdf", tmpdir, lang == CSM_LANG_JA ? "ja" : "en");
	if (!pdf || !(f = fopen(path, "wb")))
		goto done;
	CHECK(fwrite(pdf, 1, len, f) == len);
	fclose(f);
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
	CHECK_INT(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>&1", path);
	capture(cmd, &text);
	CHECK(text && !strstr(text, "rror")); /* the Author (the assessors) is valid text */
	pages = text && strstr(text, "Pages:") ? atoi(strstr(text, "Pages:") + 6) : 0;
	CHECK(pages >= 1 && pages <= 2);
	free(text);
	text = NULL;

	rule = header_rule(path);
	CHECK(rule > 36 + 70); /* below the grade box */
	nw = bbox_words(path, &w, &pw, &ph);
	CHECK(nw > 100);
	CHECK_NEAR(pw, 595.276, 0.01);
	for (i = 0; i < nw; i++) {
		if (w[i].x0 < 0 || w[i].y0 < 0 || w[i].x1 > pw + 0.01 || w[i].y1 > ph + 0.01) {
			outside++;
			fprintf(stderr, "off the page: p%d %.1f,%.1f-%.1f,%.1f %.40s\n", w[i].page, w[i].x0, w[i].y0, w[i].x1,
			        w[i].y1, w[i].text);
		}
		if (w[i].page != 1)
			continue;
		if (w[i].y0 < rule && w[i].y1 > rule) {
			crossing++;
			fprintf(stderr, "across the rule (%.1f): %.1f,%.1f-%.1f,%.1f %.40s\n", rule, w[i].x0, w[i].y0, w[i].x1,
			        w[i].y1, w[i].text);
		}
		if (w[i].y1 < rule && w[i].x0 < box_x && w[i].x1 > box_x) {
			under_box++;
			fprintf(stderr, "under the grade box: %.1f,%.1f-%.1f,%.1f %.40s\n", w[i].x0, w[i].y0, w[i].x1, w[i].y1,
			        w[i].text);
		}
	}
	CHECK_INT(outside, 0);
	CHECK_INT(crossing, 0);
	CHECK_INT(under_box, 0);
	CHECK_INT(overlapping(w, nw), 0);
	/* every assessor is named: the start of each name and role is shown */
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null | tr -d ' \\n'", path);
	capture(cmd, &text);
	for (i = 0; i < 8; i++) {
		CHECK(shown(text, names[i], 12));
		CHECK(shown(text, roles[i], 12));
	}
	/* the organization's name takes two lines before it is cut */
	CHECK(shown(text, org, lang == CSM_LANG_JA ? 150 : 100));
done:
	free(w);
	free(text);
	free(json);
	free(src);
	free(org);
	for (i = 0; i < 8; i++)
		free(names[i]), free(roles[i]);
	cJSON_Delete(arr);
	cJSON_Delete(doc);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* A long organization name (longer than one line at the smallest one-line
 * size, as real group names are) is shown whole on two lines: no ellipsis,
 * nothing across the header rule or under the grade box. */
static void check_long_name_whole(csm_lang lang, const char *name)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *src = test_read(SRC("examples/aozora-bank.json"), NULL), *json = NULL, *pdf = NULL;
	char *text = NULL, path[128], cmd[400];
	cJSON *doc = src ? cJSON_Parse(src) : NULL;
	word *w = NULL;
	size_t len = 0, nw, i;
	double pw = 0, ph = 0, rule, box_x = 595.276 - 36 - 112;
	int crossing = 0, under_box = 0;
	FILE *f;
	if (!doc || !q || !b)
		goto done;
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(name));
	json = cJSON_PrintUnformatted(doc);
	CHECK_INT(csm_answers_parse(&a, json, strlen(json), "long.json"), 0);
	if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font))
		goto done;
	CHECK_INT(csm_karte_render(&pdf, &len, km, an, NULL, lang, 0), 0);
	snprintf(path, sizeof path, "%s/whole-%s.pdf", tmpdir, lang == CSM_LANG_JA ? "ja" : "en");
	if (!pdf || !(f = fopen(path, "wb")))
		goto done;
	CHECK(fwrite(pdf, 1, len, f) == len);
	fclose(f);
	snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 -enc UTF-8 '%s' - 2>/dev/null | tr -d ' \\n'", path);
	capture(cmd, &text);
	CHECK(shown(text, name, strlen(name)));
	CHECK(text && !strstr(text, "…"));
	rule = header_rule(path);
	nw = bbox_words(path, &w, &pw, &ph);
	for (i = 0; i < nw; i++) {
		if (w[i].page != 1)
			continue;
		crossing += w[i].y0 < rule && w[i].y1 > rule;
		under_box += w[i].y1 < rule && w[i].x0 < box_x && w[i].x1 > box_x;
	}
	CHECK_INT(crossing, 0);
	CHECK_INT(under_box, 0);
	CHECK_INT(overlapping(w, nw), 0);
done:
	free(w);
	free(text);
	free(json);
	free(src);
	cJSON_Delete(doc);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_long_name_whole(void)
{
	check_long_name_whole(CSM_LANG_EN, "Tokyo Bayside Integrated Information Systems and Logistics Holdings "
	                                   "Corporation, Group Headquarters (Japan)");
	check_long_name_whole(CSM_LANG_JA, "東京湾岸総合情報システム・ロジスティクスホールディングス株式会社 "
	                                   "グループ本社 情報セキュリティ統括部門");
}

static void test_header_at_cap(void)
{
	check_header_cap(CSM_LANG_JA, 512);
	check_header_cap(CSM_LANG_EN, 512);
	/* the case: two shorter ones first, which let the old code write past its buffer */
	check_header_cap(CSM_LANG_EN, 490);
}

static const char *path_of(const char *rel, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", CSM_TEST_SRC, rel);
	return buf;
}

/* A portfolio whose group and organizations have names at the cap (one
 * without a space, one whose 60th byte is inside a character): the group's
 * name takes two lines before it is cut, names keep to the page and come
 * out as whole characters. */
static void check_portfolio_cap(csm_lang lang)
{
	static const char *const ex[3] = {"examples/aozora-bank.json", "examples/kitamachi-machinery.json",
	                                  "examples/minato-services.json"};
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a[3] = {NULL};
	csm_score *s[3] = {NULL};
	csm_analysis *an[3] = {NULL};
	csm_karte_maker *km = NULL;
	char *font = NULL, *pdf = NULL, *text = NULL, *names[3] = {NULL}, *parent = NULL, path[128], cmd[400];
	word *w = NULL;
	size_t len = 0, nw, i;
	double pw = 0, ph = 0, rule;
	int outside = 0, crossing = 0;
	FILE *f;
	if (!q || !b || csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font))
		goto done;
	parent = at_cap(lang == CSM_LANG_JA ? "東京湾岸総合情報システムホールディングス" : "Tokyo Bayside Holdings Group ", 512);
	names[0] = at_cap(lang == CSM_LANG_JA ? "青空信託銀行" : "Aozora Trust Bank ", 512);
	names[1] = at_cap("Z", 512);
	names[2] = at_cap("M港サービス株式会社", 512); /* the lowest; its byte 60 is inside a character */
	for (i = 0; i < 3; i++) {
		char *src = test_read(path_of(ex[i], path, sizeof path), NULL), *json;
		cJSON *doc = src ? cJSON_Parse(src) : NULL, *org = cJSON_GetObjectItem(doc, "organization");
		cJSON_ReplaceItemInObject(org, "name", cJSON_CreateString(names[i]));
		cJSON_AddStringToObject(org, "parent", parent);
		cJSON_ReplaceItemInObject(org, "scope", cJSON_CreateString("entity"));
		json = cJSON_PrintUnformatted(doc);
		CHECK_INT(csm_answers_parse(&a[i], json, strlen(json), "cap.json"), 0);
		free(json);
		free(src);
		cJSON_Delete(doc);
		if (!a[i] || csm_score_compute(&s[i], q, a[i], csm_benchmark_grading(b), 0) ||
		    csm_analyze(&an[i], q, a[i], s[i], b))
			goto done;
	}
	CHECK_INT(csm_portfolio_render(&pdf, &len, km, (const csm_analysis *const *)an, 3, NULL, lang, 0, CSM_ROLLUP_MEAN),
	          0);
	snprintf(path, sizeof path, "%s/pcap-%s.pdf", tmpdir, lang == CSM_LANG_JA ? "ja" : "en");
	if (!pdf || !(f = fopen(path, "wb")))
		goto done;
	CHECK(fwrite(pdf, 1, len, f) == len);
	fclose(f);
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
	CHECK_INT(system(cmd), 0);
	rule = header_rule(path);
	CHECK(rule > 36 + 70);
	nw = bbox_words(path, &w, &pw, &ph);
	for (i = 0; i < nw; i++) {
		if (w[i].x0 < 0 || w[i].y0 < 0 || w[i].x1 > pw + 0.01 || w[i].y1 > ph + 0.01) {
			outside++;
			fprintf(stderr, "off the page: p%d %.1f,%.1f-%.1f,%.1f %.40s\n", w[i].page, w[i].x0, w[i].y0, w[i].x1,
			        w[i].y1, w[i].text);
		}
		if (w[i].page == 1 && w[i].y0 < rule && w[i].y1 > rule) {
			crossing++;
			fprintf(stderr, "across the rule (%.1f): %.40s\n", rule, w[i].text);
		}
	}
	CHECK_INT(outside, 0);
	CHECK_INT(crossing, 0);
	CHECK_INT(overlapping(w, nw), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null | tr -d ' \\n'", path);
	capture(cmd, &text);
	CHECK(text && !strstr(text, "\xEF\xBF\xBD")); /* no broken character */
	CHECK(shown(text, parent, lang == CSM_LANG_JA ? 150 : 100));
	for (i = 0; i < 3; i++)
		CHECK(shown(text, names[i], 12));
done:
	free(w);
	free(text);
	free(parent);
	for (i = 0; i < 3; i++) {
		free(names[i]);
		csm_analysis_free(an[i]);
		csm_score_free(s[i]);
		csm_answers_free(a[i]);
	}
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_portfolio_at_cap(void)
{
	check_portfolio_cap(CSM_LANG_JA);
	check_portfolio_cap(CSM_LANG_EN);
}

/* A questionnaire whose item ids are long (48 characters; the id cap is 64):
 * lists of items (moved since the previous assessment, 4 or 5 without
 * evidence) once went into 1024-byte arrays, cut silently, and ran down the
 * right column over the table. Now they are whole in memory and kept to six
 * lines on the page, ending in an ellipsis. */
static void test_long_item_lists(void)
{
	char dir[200], path[300], cmd[600], *src = test_read(SRC("questions/csmg-v2.json"), NULL), *text = NULL;
	csm_questionnaire *q = NULL;
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL, *prev = NULL;
	csm_score *s = NULL, *ps = NULL;
	csm_analysis *an = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *pdf = NULL, *json = NULL;
	int l;
	size_t i, n, len = 0, nw;
	word *w = NULL;
	double pw, ph;
	FILE *f;
	snprintf(dir, sizeof dir, "%s/data", tmpdir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/questions'", dir);
	CHECK_INT(system(cmd), 0);
	snprintf(path, sizeof path, "%s/questions/csmg-v2.json", dir);
	/* every "N-M" string (the ids and the references to them) made 48 characters long;
	 * not the Appendix A numbers, which name the Guidelines' items, not csm's */
	if (!src || !(f = fopen(path, "w")))
		goto done;
	for (i = 0; src[i]; i++) {
		size_t j = i + 1;
		if (src[i] == '"' && src[j] >= '0' && src[j] <= '9' &&
		    !(i >= 14 && strncmp(src + i - 14, "\"appendix_a\": ", 14) == 0)) {
			while (src[j] >= '0' && src[j] <= '9')
				j++;
			if (src[j] == '-' && src[j + 1] >= '0' && src[j + 1] <= '9') {
				j++;
				while (src[j] >= '0' && src[j] <= '9')
					j++;
				if (src[j] == '"') {
					fprintf(f, "\"%.*s-%.*s\"", (int)(j - i - 1), src + i + 1, (int)(47 - (j - i - 1)),
					        "long-item-identifier-for-a-test-of-lists-xxxxxxxxxxx");
					i = j;
					continue;
				}
			}
		}
		fputc(src[i], f);
	}
	fclose(f);
	CHECK_INT(csm_questionnaire_open(&q, dir, "csmg-v2"), 0);
	if (!q || !b)
		goto done;
	n = csm_questionnaire_item_count(q);
	CHECK_INT(strlen(csm_item_id(q, 0)), 48);
	for (l = 2; l <= 4; l += 2) { /* all at 2 before, all at 4 (without evidence) now */
		cJSON *doc = cJSON_Parse("{\"format\": \"csm-answers/1\", \"questionnaire\": \"csmg-v2\", \"organization\": "
		                         "{\"name\": \"Long Ids Co.\", \"industry\": \"finance\", \"scope\": \"entity\"}, "
		                         "\"assessed_on\": \"2026-11-01\"}"),
		      *ans = cJSON_AddObjectToObject(doc, "answers");
		for (i = 0; i < n; i++)
			cJSON_AddNumberToObject(ans, csm_item_id(q, i), l);
		json = cJSON_PrintUnformatted(doc);
		CHECK_INT(csm_answers_parse(l == 2 ? &prev : &a, json, strlen(json), "ids.json"), 0);
		free(json);
		cJSON_Delete(doc);
	}
	if (!a || !prev || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_score_compute(&ps, q, prev, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b) ||
	    csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font)) {
		CHECK(!"setup failed");
		fprintf(stderr, "%s\n", csm_error_last());
		goto done;
	}
	CHECK_INT(csm_analysis_set_previous(an, prev, ps), 0);
	for (l = 0; l < 2; l++) {
		csm_lang lang = l ? CSM_LANG_EN : CSM_LANG_JA;
		int outside = 0;
		CHECK_INT(csm_karte_render(&pdf, &len, km, an, NULL, lang, 0), 0);
		snprintf(path, sizeof path, "%s/ids-%d.pdf", tmpdir, l);
		if (!pdf || !(f = fopen(path, "wb")))
			goto done;
		CHECK(fwrite(pdf, 1, len, f) == len);
		fclose(f);
		csm_free(pdf);
		pdf = NULL;
		nw = bbox_words(path, &w, &pw, &ph);
		for (i = 0; i < nw; i++)
			outside += w[i].x0 < 0 || w[i].y0 < 0 || w[i].x1 > pw + 0.01 || w[i].y1 > ph + 0.01;
		CHECK_INT(outside, 0);
		CHECK_INT(overlapping(w, nw), 0);
		free(w);
		w = NULL;
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
		capture(cmd, &text);
		CHECK_HAS(text, l ? "items that moved (39)" : "レベルが変わった項目 (39)");
		CHECK(text && strstr(text, "…"));
		free(text);
		text = NULL;
	}
done:
	free(w);
	free(src);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_score_free(ps);
	csm_answers_free(a);
	csm_answers_free(prev);
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

/* ---- the display rule in the karte --------------------------------------- */

static unsigned long long rng = 0x5eed2020u;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Check the gap column of the karte's table in `text` (pdftotext -layout):
 * every printed gap carries the mark its printed value calls for. Returns
 * the rows checked. */
static int check_gap_marks(const char *text, const char *gap_head)
{
	const char *p = strstr(text, gap_head);
	int rows = 0;
	p = p ? strchr(p, '\n') : NULL;
	while (p && rows < CSM_DIRECTIVES) {
		char line[512], *tok[64], *save = NULL;
		const char *end = strchr(p + 1, '\n');
		size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1), nt = 0, i;
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p + 1, len);
		line[len] = '\0';
		p = end;
		for (tok[nt] = strtok_r(line, " ", &save); tok[nt] && nt < 63; tok[++nt] = strtok_r(NULL, " ", &save))
			;
		if (nt < 3 || atoi(tok[0]) != rows + 1)
			continue;
		rows++;
		for (i = nt; i-- > 1;) {
			char *e;
			double x = strtod(tok[i], &e);
			const char *mark = i + 1 < nt ? tok[i + 1] : "";
			if (*e || e == tok[i])
				continue;
			if (strcmp(mark, x >= 2 - 1e-9 ? "**" : x >= 1 - 1e-9 ? "*" : "") != 0) {
				fprintf(stderr, "  karte row %d: gap %s with mark \"%s\"\n", rows, tok[i], mark);
				CHECK(!"a printed gap contradicts its mark");
			}
			break;
		}
	}
	return rows;
}

/* A grade C company whose overall is 2.65..2.67 (one decimal: 2.7, over the
 * B cut-off) and whose gaps include 0.95..1 or 1.95..2: the karte shows the
 * overall with the decimals it needs, and every gap with its mark; it says
 * the cut-offs are estimated, dates the benchmark, and gives no percentile
 * in the 2-company services group, in both languages. */
static void test_display_rule(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *pdf = NULL, *text = NULL;
	int *lv = NULL, tries, lang;
	size_t n, i, len = 0;
	if (!q || !b || csm_font_find(&font, "IPAexGothic") || csm_karte_maker_new(&km, font))
		goto done;
	n = csm_questionnaire_item_count(q);
	lv = calloc(n, sizeof *lv);
	for (tries = 0; lv && tries < 200000; tries++) {
		int d, edge = 0, centre = 2 + (int)rnd(2);
		double gap;
		for (i = 0; i < n; i++) {
			int v = centre + (int)rnd(3) - 1;
			lv[i] = v < 1 ? 1 : v > 5 ? 5 : v;
		}
		csm_answers_free(a);
		csm_score_free(s);
		csm_analysis_free(an);
		a = answers_from(q, lv, "services");
		s = NULL;
		an = NULL;
		if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) || csm_score_grade(s) != CSM_GRADE_C ||
		    !(csm_score_overall(s) >= 2.65 && csm_score_overall(s) < 2.67) || csm_analyze(&an, q, a, s, b))
			continue;
		for (d = 1; d <= CSM_DIRECTIVES; d++)
			if (csm_analysis_gap(&gap, an, d) > 0 && ((gap >= 0.95 && gap < 1) || (gap >= 1.95 && gap < 2)))
				edge = 1;
		if (edge)
			break;
	}
	CHECK(an != NULL);
	if (!an)
		goto done;
	for (lang = 0; lang < 2; lang++) {
		char path[128], cmd[300], overall[32], want[64];
		FILE *f;
		csm_free(pdf);
		free(text);
		pdf = NULL;
		text = NULL;
		CHECK_INT(csm_karte_render(&pdf, &len, km, an, NULL, (csm_lang)lang, 0), 0);
		snprintf(path, sizeof path, "%s/edge.pdf", tmpdir);
		if (!pdf || !(f = fopen(path, "wb")))
			goto done;
		CHECK(fwrite(pdf, 1, len, f) == len);
		fclose(f);
		snprintf(cmd, sizeof cmd, "pdftotext -layout -enc UTF-8 '%s' - 2>/dev/null", path);
		CHECK_INT(capture(cmd, &text), 0);
		if (!text)
			goto done;
		csm_format_overall(overall, sizeof overall, csm_score_overall(s), csm_benchmark_grading(b));
		CHECK(strlen(overall) > 3); /* more than one decimal here */
		snprintf(want, sizeof want, "C %s\n", overall);
		CHECK_HAS(text, want);
		CHECK(!strstr(text, "C 2.7\n"));
		CHECK_INT(check_gap_marks(text, lang == CSM_LANG_JA ? "目標との差" : "Gap\n"), CSM_DIRECTIVES);
		CHECK_HAS(text, lang == CSM_LANG_JA ? "(2020年試行から推定)" : "(estimated from the 2020 trial)");
		CHECK_HAS(text, "(2021-03)");
		CHECK(!strstr(text, lang == CSM_LANG_JA ? "日付なし" : "undated"));
		CHECK_HAS(text, lang == CSM_LANG_JA ? "示しません (services, n=2、5 社未満)"
		                                    : "not shown (services, n=2, fewer than 5)");
		CHECK(!strstr(text, lang == CSM_LANG_JA ? "パーセンタイル" : "percentile"));
	}
done:
	free(lv);
	free(text);
	csm_free(pdf);
	csm_free(font);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* The small company's one-page report, in both languages: one page, the
 * text extractable without warnings, the points, parts, the three things to
 * do, the readiness and the help; the font embedded; qpdf content. */
static void test_sme_report(void)
{
	static const char *const choices[8] = {"done", "done", "partly", "done", "unknown", "not_done", "done", "not_done"};
	csm_questionnaire *q = load_scale();
	csm_answers *a = NULL;
	csm_points *p = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL, *pdf = NULL, *text = NULL, *err = NULL, path[128], cmd[512];
	csm_lang lang;
	size_t len = 0;
	FILE *f;

	CHECK_INT(csm_font_find(&font, "IPAexGothic"), 0);
	a = q ? choices_from(q, choices) : NULL;
	if (!q || !a || !font || csm_points_compute(&p, q, a, 0) || csm_karte_maker_new(&km, font)) {
		CHECK(!"setup failed");
		goto done;
	}
	for (lang = CSM_LANG_JA; lang <= CSM_LANG_EN; lang++) {
		int ja = lang == CSM_LANG_JA;
		CHECK_INT(csm_karte_sme_render(&pdf, &len, km, p, a, lang, 1700000000LL), 0);
		CHECK(pdf && len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
		if (!pdf)
			continue;
		snprintf(path, sizeof path, "%s/sme.pdf", tmpdir);
		f = fopen(path, "wb");
		CHECK(f && fwrite(pdf, 1, len, f) == len);
		if (f)
			fclose(f);
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>'%s/warn'", path, tmpdir);
		CHECK_INT(capture(cmd, &text), 0);
		snprintf(cmd, sizeof cmd, "cat '%s/warn'", tmpdir);
		capture(cmd, &err);
		CHECK_STR(err, "");
		{
			const char *const want_ja[] = {"情報セキュリティ自己診断の結果", "Sakura Print Co.", "17", "/ 32", "パート 1", "基本", "13 / 20",
			                               "今月まず取り組む3つのこと", "攻撃の手口を知っていますか。", "(c5: わからない)",
			                               "SECURITY ACTION: 一つ星の宣言にはまだ届いていません",
			                               "一つ星に足りないもの: 推測されにくいパスワードを使う、攻撃の手口を知っておく",
			                               "ステップ 1/4: まず5つの基本から始める", "次のステップ: 2 自己診断で現状を知る",
			                               "相談先と支援", "サイバーセキュリティお助け隊サービス", "25項目", "地域の相談窓口"};
			const char *const want_en[] = {"Your security self-diagnosis", "Sakura Print Co.", "Part 2", "4 / 8",
			                               "Three things to do this month", "Have you told staff not to open suspicious mail?",
			                               "(c6: Not done)", "An example of the steps.", "Missing for one star: use strong passwords",
			                               "Step 1 of 4: start with the five basic measures", "Where to get help",
			                               "Regional consultation desks", "The 25-item self-diagnosis"};
			char *flat = squeeze(text);
			size_t i, n = ja ? sizeof want_ja / sizeof *want_ja : sizeof want_en / sizeof *want_en;
			for (i = 0; i < n; i++) {
				char *w = squeeze(ja ? want_ja[i] : want_en[i]);
				if (!flat || !strstr(flat, w)) {
					fprintf(stderr, "  sme report (%s): \"%s\" is not in the text\n", ja ? "ja" : "en", ja ? want_ja[i] : want_en[i]);
					CHECK(0);
				}
				free(w);
			}
			CHECK(strstr(flat ? flat : "", "(c3:") != NULL); /* a basic measure first */
			CHECK(strstr(flat ? flat : "", "(c8:") == NULL); /* only three things */
			free(flat);
		}
		free(text);
		free(err);
		text = err = NULL;
		snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep -c '^Pages: *1$'", path);
		CHECK_INT(capture(cmd, &text), 0);
		free(text);
		text = NULL;
		snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3 | grep -vc ' yes yes '", path);
		capture(cmd, &text); /* every font embedded and subset: no other line */
		CHECK_STR(text, "0\n");
		free(text);
		text = NULL;
		snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
		CHECK_INT(system(cmd), 0);
		csm_free(pdf);
		pdf = NULL;
	}
done:
	csm_karte_maker_free(km);
	csm_points_free(p);
	csm_answers_free(a);
	csm_questionnaire_free(q);
	csm_free(font);
}

/* ---- the board page (csm_board_render) ---------------------------------- */

/* Directive d's if_left sentence in `lang`, read from the questionnaire file
 * itself (caller frees). */
static char *if_left_of(const char *qid, int d, csm_lang lang)
{
	char path[512], *data, *out = NULL;
	cJSON *root, *e;
	snprintf(path, sizeof path, "%s/questions/%s.json", CSM_TEST_SRC, qid);
	data = test_read(path, NULL);
	root = data ? cJSON_Parse(data) : NULL;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "directives"))
		if (cJSON_GetObjectItem(e, "id")->valueint == d) {
			const cJSON *t = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "if_left"), lang == CSM_LANG_JA ? "ja" : "en");
			if (cJSON_IsString(t))
				out = strdup(t->valuestring);
		}
	cJSON_Delete(root);
	free(data);
	return out;
}

#define MARGIN_PT 36.0 /* the page's margin (pdf_doc.h) */

/* What a board member sees: one A4 page, no text over text, nothing outside
 * the page, and no warning from poppler. Returns pdftotext's text. */
static char *board_page_checks(const char *path)
{
	char cmd[512], *text = NULL, *err = NULL, *info = NULL;
	word *w = NULL;
	double pw = 0, ph = 0;
	size_t n, i, outside = 0;
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>'%s/warn'", path, tmpdir);
	CHECK_INT(capture(cmd, &text), 0);
	snprintf(cmd, sizeof cmd, "cat '%s/warn'", tmpdir);
	capture(cmd, &err);
	CHECK_STR(err, "");
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	CHECK_INT(capture(cmd, &info), 0);
	CHECK_HAS(info, "Pages:           1");
	CHECK_HAS(info, "595.276 x 841.89 pts (A4)");
	snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
	CHECK_INT(system(cmd), 0);
	n = bbox_words(path, &w, &pw, &ph);
	CHECK(n > 60);
	CHECK_INT(overlapping(w, n), 0);
	for (i = 0; i < n; i++)
		if (w[i].x0 < MARGIN_PT - 1 || w[i].x1 > pw - MARGIN_PT + 1 || w[i].y0 < 0 || w[i].y1 > ph - 10)
			if (outside++ < 5)
				fprintf(stderr, "outside the margins: \"%s\" at %.1f..%.1f\n", w[i].text, w[i].x0, w[i].x1);
	CHECK_INT(outside, 0);
	free(w);
	free(err);
	free(info);
	return text;
}

/* `want` is in the squeezed `flat`, else say which. */
static void has_flat(const char *flat, const char *want)
{
	char *sw = squeeze(want);
	if (!flat || !sw || !strstr(flat, sw)) {
		CHECK(!"missing on the board page");
		fprintf(stderr, "  not on the board page: \"%s\"\n", want);
	}
	free(sw);
}

/* Kitamachi's 2027 assessment with 2026 and 2025 before it (given latest
 * first is not assumed: 2026, then 2025) and 2026's action list, as edited. */
static void check_board_followup(csm_lang lang)
{
	const int ja = lang == CSM_LANG_JA;
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_industries *ind = NULL;
	csm_tips *tips = NULL;
	csm_karte_maker *km = NULL;
	csm_answers *a[3] = {0};
	csm_score *s[3] = {0};
	csm_analysis *an = NULL;
	csm_actions *acts = NULL, *next = NULL;
	csm_plan *plan = NULL;
	csm_plan_options popt = CSM_PLAN_OPTIONS_INIT;
	static const char *const file[3] = {SRC("examples/followup/kitamachi-2027.json"),
	                                    SRC("examples/followup/kitamachi-2026.json"),
	                                    SRC("examples/followup/kitamachi-2025.json")};
	const csm_grading *g;
	char *font = NULL, *pdf = NULL, *text = NULL, *flat = NULL, path[128], buf[512], n1[32], n2[32], n3[32];
	const int *flagged;
	int dirs[3], nd = 0, i, target_group;
	size_t len = 0, k, counts[4] = {0};
	double pct = 0, mean = 0, gap = 0;

	CHECK_INT(csm_font_find(&font, "IPAexGothic"), 0);
	g = q && b ? csm_benchmark_grading_for(b, q) : NULL;
	for (i = 0; i < 3 && g; i++)
		if (csm_answers_load(&a[i], file[i]) || csm_score_compute(&s[i], q, a[i], g, i ? CSM_ALLOW_PARTIAL : 0))
			g = NULL;
	if (!g || !font || csm_tips_open(&tips, CSM_TEST_SRC) || csm_industries_open(&ind, CSM_TEST_SRC) ||
	    csm_analyze(&an, q, a[0], s[0], b) || csm_karte_maker_new(&km, font) ||
	    csm_actions_load(&acts, SRC("examples/followup/actions-edited.csv"))) {
		CHECK(!"setup failed");
		fprintf(stderr, "%s\n", csm_error_last());
		goto done;
	}
	csm_analysis_use_industries(an, ind);
	CHECK_INT(csm_analysis_set_targets(an, tips), 0);
	CHECK_INT(csm_analysis_set_history(an, (const csm_answers *const *)a + 1, (const csm_score *const *)s + 1, 2), 0);
	CHECK_INT(csm_analysis_set_actions(an, acts, 1822435200LL), 0); /* 2027-10-02 */
	CHECK_INT(csm_board_render(&pdf, &len, km, an, tips, lang, 1700000000LL), 0);
	if (!pdf)
		goto done;
	snprintf(path, sizeof path, "%s/board-%s.pdf", tmpdir, ja ? "ja" : "en");
	{
		FILE *f = fopen(path, "wb");
		CHECK(f && fwrite(pdf, 1, len, f) == len);
		if (f)
			fclose(f);
	}
	text = board_page_checks(path);
	flat = squeeze(text);
	has_flat(flat, csm_answers_field_get(a[0], CSM_FIELD_ORG_NAME));

	/* the grade and its change since the latest earlier one (2026, not 2025) */
	csm_format_overall(n1, sizeof n1, csm_score_overall(s[0]), g);
	csm_format_overall(n2, sizeof n2, csm_score_overall(s[1]), g);
	CHECK_STR(n1, "3.2"); /* the example's real numbers, as the karte shows them */
	CHECK_STR(n2, "3.1");
	snprintf(buf, sizeof buf, ja ? "成熟度 %s、総合スコアは 5 点満点中 %s です。" : "Grade %s, with an overall score of %s out of 5.",
	         csm_grade_name(csm_score_grade(s[0])), n1);
	has_flat(flat, buf);
	snprintf(buf, sizeof buf, ja ? "前回（%s）から: 成熟度 %s → %s、総合スコア %s → %s。"
	                             : "Since the last assessment (%s): grade %s → %s, overall score %s → %s.",
	         "2026-10-20", csm_grade_name(csm_score_grade(s[1])), csm_grade_name(csm_score_grade(s[0])), n2, n1);
	has_flat(flat, buf);
	has_flat(flat, ja ? "成熟度B→B、総合スコア3.1→3.2" : "gradeB→B,overallscore3.1→3.2");

	/* the chart: every assessment, by date, with its overall and grade */
	csm_format_overall(n3, sizeof n3, csm_score_overall(s[2]), g);
	CHECK_STR(n3, "2.65"); /* one decimal would put it across the B cut-off */
	has_flat(flat, "2025-10-14");
	has_flat(flat, "2026-10-20");
	has_flat(flat, "2027-09-30");
	has_flat(flat, "2.65 C");
	has_flat(flat, "3.1 B");
	has_flat(flat, "3.2 B");
	{ /* in date order along the axis, the first given (2026) in the middle */
		const char *c1 = flat ? strstr(flat, "2025-10-14") : NULL, *c2 = c1 ? strstr(c1, "2026-10-20") : NULL;
		CHECK(c2 && strstr(c2, "2027-09-30"));
	}

	/* the industry: a group of 11, at least min_group, so a percentile */
	CHECK_INT(csm_analysis_percentile(&pct, an), 1);
	snprintf(buf, sizeof buf, ja ? "総合スコアは 100 社中およそ %.0f 社を上回ります（カルテのパーセンタイル %.0f）" : "ahead of about %.0f in 100 (percentile %.0f on the karte)", pct, pct);
	has_flat(flat, buf);
	has_flat(flat, ja ? "11 社" : "11 companies");
	has_flat(flat, ja ? "パーセンタイル73" : "percentile73");

	/* the three areas: the karte's hint 1, then hint 2's first two */
	dirs[nd++] = csm_analysis_hint1(an);
	for (k = 0; k < csm_analysis_flagged(&flagged, an) && nd < 3; k++)
		dirs[nd++] = flagged[k];
	CHECK_INT(nd, 3);
	CHECK_INT(dirs[0], 9);
	target_group = csm_benchmark_group_find(b, csm_analysis_target(an));
	for (i = 0; i < nd; i++) {
		char *left = if_left_of("csmg-v2", dirs[i], lang);
		CHECK(left != NULL);
		snprintf(buf, sizeof buf, ja ? "%d.  %s（指示 %d）" : "%d.  %s (directive %d)", i + 1,
		         csm_directive_title(q, dirs[i], lang), dirs[i]);
		has_flat(flat, buf);
		snprintf(buf, sizeof buf, ja ? "放置すると: %s" : "If left: %s", left ? left : "?");
		has_flat(flat, buf);
		CHECK(csm_benchmark_group_mean(&mean, b, (size_t)target_group, dirs[i]));
		CHECK_INT(csm_analysis_gap(&gap, an, dirs[i]), 1);
		csm_format1(n1, sizeof n1, csm_score_directive(s[0], dirs[i])->score);
		csm_format1(n2, sizeof n2, mean);
		csm_format1(n3, sizeof n3, gap);
		snprintf(buf, sizeof buf, ja ? "現在 %s（5 点満点）。成熟度 A の企業の平均は %s で、%s 遅れています。"
		                             : "Now %s out of 5; companies of grade A average %s: %s behind.",
		         n1, n2, n3);
		has_flat(flat, buf);
		free(left);
	}
	has_flat(flat, ja ? "現在2.0（5点満点）。成熟度Aの企業の平均は4.1で、2.1遅れています。" : "Now2.0outof5;companiesofgradeAaverage4.1:2.1behind.");

	/* the next three actions: the first three of csm plan --actions */
	popt.start = an;
	popt.target = csm_answers_target_grade(a[0]);
	CHECK_INT(csm_plan_make(&plan, q, a[0], g, tips, &popt), 0);
	CHECK_INT(plan ? csm_actions_make(&next, plan, q, a[0], tips, lang) : -1, 0);
	CHECK(csm_actions_count(next) >= 3);
	for (k = 0; k < 3 && k < csm_actions_count(next); k++) {
		const csm_action *x = csm_actions_get(next, k);
		const csm_tip *tip = NULL;
		CHECK_INT(csm_tips_find(&tip, tips, x->tip), 0);
		snprintf(buf, sizeof buf, ja ? "%zu.  %s（チェック項目 %s：レベル %d → %d）" : "%zu.  %s (checklist item %s: level %d → %d)",
		         k + 1, csm_tip_text(tip, CSM_TIP_TITLE, lang), x->item, x->from, x->to);
		has_flat(flat, buf);
		has_flat(flat, x->first_step);
		has_flat(flat, x->owner);
		has_flat(flat, ja ? (x->cost == 'S' ? "費用: 小" : x->cost == 'M' ? "費用: 中" : "費用: 大")
		                  : (x->cost == 'S' ? "Cost: small" : x->cost == 'M' ? "Cost: medium" : "Cost: large"));
	}
	CHECK_STR(csm_actions_get(next, 0) ? csm_actions_get(next, 0)->item : "", "9-3");

	/* last year's actions, in counts: the follow-up's numbers */
	for (k = 0; k < csm_actions_count(acts); k++)
		counts[csm_actions_get(acts, k)->status]++;
	CHECK_INT(counts[CSM_ACTION_OPEN], 5);
	CHECK_INT(counts[CSM_ACTION_IN_PROGRESS], 1);
	CHECK_INT(counts[CSM_ACTION_DONE], 3);
	CHECK_INT(counts[CSM_ACTION_DROPPED], 1);
	snprintf(buf, sizeof buf, ja ? "合意した対策 %zu 件: 完了 %zu、進行中 %zu、未着手 %zu、取りやめ %zu（2027-10-02 時点）。"
	                             : "%zu actions were agreed: %zu done, %zu in progress, %zu not started, %zu dropped (as of 2027-10-02).",
	         csm_actions_count(acts), counts[CSM_ACTION_DONE], counts[CSM_ACTION_IN_PROGRESS], counts[CSM_ACTION_OPEN],
	         counts[CSM_ACTION_DROPPED]);
	has_flat(flat, buf);
	/* as the karte's follow-up lists them: 5 late; 2 done and moved, 1 not */
	has_flat(flat, ja ? "5 件が期限を過ぎても完了していません。" : "5 are past their due date and not done.");
	has_flat(flat, ja ? "完了した対策のうち 2 件は項目のレベルが上がり、1 件はまだ上がっていません"
	                  : "Of those done, 2 raised the level of their item and 1 did not yet");
	{
		const char *want[6];
		want[0] = csm_answers_field_get(a[0], CSM_FIELD_ORG_NAME);
		want[1] = csm_directive_title(q, dirs[0], lang);
		want[2] = csm_directive_title(q, dirs[1], lang);
		want[3] = csm_directive_title(q, dirs[2], lang);
		want[4] = "2.65";
		want[5] = ja ? "昨年度の対策の状況" : "Last year's actions";
		check_other_readers(path, want, 6);
	}
done:
	free(flat);
	free(text);
	csm_free(pdf);
	csm_free(font);
	csm_actions_free(next);
	csm_plan_free(plan);
	csm_actions_free(acts);
	csm_karte_maker_free(km);
	csm_analysis_free(an);
	for (i = 0; i < 3; i++) {
		csm_score_free(s[i]);
		csm_answers_free(a[i]);
	}
	csm_industries_free(ind);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* Aozora (finance, a group of 3 < min_group 5): no percentile, said why; no
 * earlier assessment, no action list. Sakura (sme-light, which the 2020
 * benchmark cannot compare with): no grade, no comparison, no plan. */
static void check_board_limits(csm_lang lang)
{
	const int ja = lang == CSM_LANG_JA;
	static const char *const file[2] = {SRC("examples/aozora-bank.json"), SRC("test/data/sme-light-sakura.json")};
	static const char *const qid[2] = {"csmg-v2", "sme-light"};
	csm_benchmark *b = load_beta();
	csm_industries *ind = NULL;
	csm_tips *tips = NULL;
	csm_karte_maker *km = NULL;
	char *font = NULL;
	int i;
	CHECK_INT(csm_font_find(&font, "IPAexGothic"), 0);
	if (!b || !font || csm_tips_open(&tips, CSM_TEST_SRC) || csm_industries_open(&ind, CSM_TEST_SRC) ||
	    csm_karte_maker_new(&km, font)) {
		CHECK(!"setup failed");
		goto done;
	}
	for (i = 0; i < 2; i++) {
		csm_questionnaire *q = NULL;
		csm_answers *a = NULL;
		csm_score *s = NULL;
		csm_analysis *an = NULL;
		char *pdf = NULL, *text = NULL, *flat = NULL, path[128], buf[512];
		size_t len = 0;
		unsigned gn;
		if (csm_answers_load(&a, file[i]) ||
		    csm_questionnaire_open(&q, CSM_TEST_SRC, qid[i]) ||
		    csm_score_compute(&s, q, a, csm_benchmark_grading_for(b, q), 0) || csm_analyze(&an, q, a, s, b)) {
			CHECK(!"setup failed");
			fprintf(stderr, "%s: %s\n", file[i], csm_error_last());
		} else {
			csm_analysis_use_industries(an, ind);
			CHECK_INT(csm_board_render(&pdf, &len, km, an, tips, lang, 1700000000LL), 0);
		}
		snprintf(path, sizeof path, "%s/board-limits-%d-%s.pdf", tmpdir, i, ja ? "ja" : "en");
		if (pdf) {
			FILE *f = fopen(path, "wb");
			CHECK(f && fwrite(pdf, 1, len, f) == len);
			if (f)
				fclose(f);
			text = board_page_checks(path);
			flat = squeeze(text);
		}
		has_flat(flat, ja ? "比べる前回の評価はまだありません。" : "No earlier assessment to compare with yet.");
		CHECK(!flat || !strstr(flat, ja ? "昨年度の対策の状況" : "Last year's actions"));
		CHECK(!flat || !strstr(flat, ja ? "パーセンタイル" : "percentile"));
		if (i == 0) {
			CHECK_INT(csm_analysis_compares(an), 2);
			double pct;
			gn = csm_benchmark_group_n(b, (size_t)csm_benchmark_group_find(b, "industry:finance"));
			CHECK_INT(gn, 3);
			CHECK(gn < csm_benchmark_min_group(b));
			CHECK_INT(csm_analysis_percentile(&pct, an), 0);
			snprintf(buf, sizeof buf, ja ? "比較データの %s は %u 社で、公平な比較に必要な %u 社に足りません。"
			                             : "%s has %u companies in the benchmark, fewer than the %u a fair comparison needs.",
			         ja ? "金融" : "Finance", gn, csm_benchmark_min_group(b));
			has_flat(flat, buf);
			has_flat(flat, ja ? "3 社で、公平な比較に必要な 5 社" : "Finance has 3 companies in the benchmark, fewer than the 5");
			has_flat(flat, "4.4 A");
		} else {
			CHECK_INT(csm_analysis_compares(an), 0);
			has_flat(flat, ja ? "成熟度の判定と比較はありません" : "No grade and no comparison");
			has_flat(flat, ja ? "成熟度の判定がないため、計画は立てていません。" : "No plan: without a grade there is no target to plan towards.");
			CHECK(!flat || !strstr(flat, ja ? "成熟度 A、" : "Grade A means"));
			has_flat(flat, csm_directive_title(q, csm_analysis_hint1(an), lang));
		}
		free(flat);
		free(text);
		csm_free(pdf);
		csm_analysis_free(an);
		csm_score_free(s);
		csm_answers_free(a);
		csm_questionnaire_free(q);
	}
done:
	csm_free(font);
	csm_karte_maker_free(km);
	csm_industries_free(ind);
	csm_tips_free(tips);
	csm_benchmark_free(b);
}

/* Another organization's file as an earlier assessment is refused. */
static void test_board_other_org(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_answers *a = NULL, *o = NULL;
	csm_score *s = NULL, *os = NULL;
	csm_analysis *an = NULL;
	const csm_answers *ha[1];
	const csm_score *hs[1];
	if (!q || !b || csm_answers_load(&a, SRC("examples/followup/kitamachi-2027.json")) ||
	    csm_answers_load(&o, SRC("examples/aozora-bank.json")) ||
	    csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
	    csm_score_compute(&os, q, o, csm_benchmark_grading(b), 0) || csm_analyze(&an, q, a, s, b)) {
		CHECK(!"setup failed");
	} else {
		ha[0] = o;
		hs[0] = os;
		CHECK_INT(csm_analysis_set_history(an, ha, hs, 1), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "must be of the same organization");
	}
	csm_analysis_free(an);
	csm_score_free(s);
	csm_score_free(os);
	csm_answers_free(a);
	csm_answers_free(o);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

static void test_board(void)
{
	check_board_followup(CSM_LANG_EN);
	check_board_followup(CSM_LANG_JA);
	check_board_limits(CSM_LANG_EN);
	check_board_limits(CSM_LANG_JA);
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
	RUN_TEST(test_header_at_cap);
	RUN_TEST(test_long_name_whole);
	RUN_TEST(test_portfolio_at_cap);
	RUN_TEST(test_long_item_lists);
	RUN_TEST(test_font_errors);
	RUN_TEST(test_display_rule);
	RUN_TEST(test_sme_report);
	RUN_TEST(test_board);
	RUN_TEST(test_board_other_org);
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
