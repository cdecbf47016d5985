/* The offline workbook: written, read back, and refused when it is damaged
 * or filled in wrongly. Bad workbooks are made from good ones by rewriting
 * one part with libzip. */
#include <stdlib.h>
#include <unistd.h>

#include <zip.h>

#include <cjson/cJSON.h>

#include "answers.h"
#include "common.h"

/* Allocation failures. The test is linked with -Wl,--wrap=malloc,... (see
 * test/CMakeLists.txt): every allocation of csm's own code (not of libxml2
 * or libzip, which are shared libraries) goes through these, and the one
 * numbered `nomem_at` fails. */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
static long nomem_at = -1, nomem_count;

static int nomem_now(void) { return nomem_at >= 0 && nomem_count++ == nomem_at; }
void *__wrap_malloc(size_t n) { return nomem_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return nomem_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return nomem_now() ? NULL : __real_realloc(p, n); }

static const csm_grading trial = {3.75, 2.67};
static csm_questionnaire *q;
static csm_industries *ind;

/* Part names as libxlsxwriter writes them (sheet order: instructions,
 * organization, items, lists). */
#define WORKBOOK "xl/workbook.xml"
#define ORG_SHEET "xl/worksheets/sheet2.xml"
#define ITEMS_SHEET "xl/worksheets/sheet3.xml"
#define SST "xl/sharedStrings.xml"

typedef struct bytes {
	unsigned char *data;
	size_t len;
} bytes;

static bytes make(csm_lang lang, const csm_answers *prefill)
{
	csm_form_options fo = CSM_FORM_OPTIONS_INIT;
	bytes b = {NULL, 0};
	fo.lang = lang;
	fo.prefill = prefill;
	fo.industries = ind;
	if (csm_form_xlsx(&b.data, &b.len, q, &fo) != 0)
		fprintf(stderr, "csm_form_xlsx: %s\n", csm_error_last());
	return b;
}

static char *import(bytes b)
{
	char *json = NULL;
	if (csm_form_xlsx_import(&json, b.data, b.len, "Q.xlsx", ind) != 0)
		return NULL;
	return json;
}

/* Import and expect failure with every message in the NULL-ended list. */
static void expect_refused(bytes b, const char *const *messages)
{
	char *json = NULL;
	int rc = csm_form_xlsx_import(&json, b.data, b.len, "Q.xlsx", ind);
	CHECK_INT(rc, CSM_EINVALID);
	CHECK(json == NULL);
	for (; *messages; messages++)
		CHECK_HAS(csm_error_last(), *messages);
	csm_free(json);
}

/* ---- zip helpers (libzip) ------------------------------------------------ */

static char *tmp_path(void)
{
	static char path[64];
	int fd;
	snprintf(path, sizeof path, "/tmp/test-xlsx-XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return NULL;
	close(fd);
	return path;
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f)
		ok = fclose(f) == 0 && ok;
	return ok;
}

/* Part `name` of workbook `b`, NUL-terminated (test-sized: no cap). */
static char *part_of(bytes b, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *f;
	zip_stat_t st;
	char *buf = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(b.data, b.len, 0, &ze);
	if (!src || !(za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	if (zip_stat(za, name, 0, &st) == 0 && (f = zip_fopen(za, name, 0))) {
		buf = malloc(st.size + 1);
		if (buf && zip_fread(f, buf, st.size) == (zip_int64_t)st.size)
			buf[st.size] = '\0';
		else {
			free(buf);
			buf = NULL;
		}
		zip_fclose(f);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	return buf;
}

/* A copy of `b` with part `name` replaced by (or added as) `len` bytes of `data`;
 * `remove` instead deletes it. */
static bytes with_part(bytes b, const char *name, const void *data, size_t len, int remove)
{
	bytes out = {NULL, 0};
	char *path = tmp_path();
	zip_t *za;
	int err;
	if (!path || !write_file(path, b.data, b.len) || !(za = zip_open(path, 0, &err)))
		return out;
	if (remove) {
		zip_int64_t i = zip_name_locate(za, name, 0);
		if (i >= 0)
			zip_delete(za, (zip_uint64_t)i);
	} else {
		zip_source_t *src = zip_source_buffer(za, data, len, 0);
		if (!src || zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0)
			zip_source_free(src);
	}
	if (zip_close(za) == 0)
		out.data = (unsigned char *)test_read(path, &out.len);
	else
		zip_discard(za);
	unlink(path);
	return out;
}

/* `s` with the first `from` replaced by `to` (a new string; the test fails if `from` is absent). */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = s ? strstr(s, from) : NULL;
	size_t n;
	char *r;
	CHECK(at != NULL);
	if (!at)
		return strdup(s ? s : "");
	n = strlen(s) - strlen(from) + strlen(to);
	r = malloc(n + 1);
	memcpy(r, s, (size_t)(at - s));
	strcpy(r + (at - s), to);
	strcat(r, at + strlen(from));
	return r;
}

/* Sheet XML `xml` with cell `ref` (e.g. "D9") replaced by the XML `cell`. */
static char *set_cell(const char *xml, const char *ref, const char *cell)
{
	char key[32], *r;
	const char *at, *end, *close, *selfclose;
	size_t n;
	snprintf(key, sizeof key, "<c r=\"%s\"", ref);
	at = strstr(xml, key);
	CHECK(at != NULL);
	if (!at)
		return strdup(xml);
	selfclose = strstr(at, "/>");
	close = strstr(at, "</c>");
	end = strchr(at, '>');
	/* <c .../> or <c ...>...</c> */
	end = (selfclose && selfclose + 1 == end) ? end + 1 : close + 4;
	n = strlen(xml) - (size_t)(end - at) + strlen(cell);
	r = malloc(n + 1);
	memcpy(r, xml, (size_t)(at - xml));
	strcpy(r + (at - xml), cell);
	strcat(r, end);
	return r;
}

/* Replace cells of one sheet part: pairs of ref, cell XML, ended by NULL. */
static bytes with_cells(bytes b, const char *part, ...)
{
	va_list ap;
	char *xml = part_of(b, part), *t;
	const char *ref, *cell;
	bytes out;
	va_start(ap, part);
	while (xml && (ref = va_arg(ap, const char *))) {
		cell = va_arg(ap, const char *);
		t = set_cell(xml, ref, cell);
		free(xml);
		xml = t;
	}
	va_end(ap);
	out = with_part(b, part, xml, xml ? strlen(xml) : 0, 0);
	free(xml);
	return out;
}

static bytes with_replaced(bytes b, const char *part, const char *from, const char *to)
{
	char *xml = part_of(b, part), *t = replace(xml, from, to);
	bytes out = with_part(b, part, t, strlen(t), 0);
	free(xml);
	free(t);
	return out;
}

/* ---- comparing assessments ----------------------------------------------- */

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static int gate_value(const csm_answers *a, const char *id)
{
	size_t i;
	for (i = 0; i < a->gate_count; i++)
		if (strcmp(a->gate_id[i], id) == 0)
			return a->gate_value[i];
	return -1;
}

static void check_same(const csm_answers *orig, const csm_answers *back, const char *label)
{
	csm_score *s1 = NULL, *s2 = NULL;
	size_t i;
	int d, f;
	static const csm_answers_field fields[] = {CSM_FIELD_ORG_NAME, CSM_FIELD_ORG_INDUSTRY, CSM_FIELD_ORG_SCOPE,
	                                           CSM_FIELD_ORG_SIZE, CSM_FIELD_ASSESSED_ON, CSM_FIELD_QUESTIONNAIRE};
	t_current = label;
	CHECK_INT(csm_answers_check(back, q, CSM_ALLOW_PARTIAL), 0);
	CHECK_INT(csm_score_compute(&s1, q, orig, &trial, CSM_ALLOW_PARTIAL), 0);
	CHECK_INT(csm_score_compute(&s2, q, back, &trial, CSM_ALLOW_PARTIAL), 0);
	if (s1 && s2) {
		CHECK_INT(csm_score_has_overall(s2), csm_score_has_overall(s1));
		CHECK(csm_score_overall(s1) == csm_score_overall(s2));
		CHECK_INT(csm_score_grade(s2), csm_score_grade(s1));
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			const csm_directive_score *x = csm_score_directive(s1, d), *y = csm_score_directive(s2, d);
			CHECK(x->has_score == y->has_score && x->score == y->score && x->answered == y->answered &&
			      x->na == y->na && x->unanswered == y->unanswered);
		}
	}
	csm_score_free(s1);
	csm_score_free(s2);
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		const char *id = csm_item_id(q, i);
		int l1 = 0, l2 = 0;
		csm_answer_kind k1 = csm_answers_get(orig, id, &l1), k2 = csm_answers_get(back, id, &l2);
		if (k1 == CSM_ANSWER_MISSING)
			k1 = CSM_ANSWER_NULL;
		CHECK_INT(k2, k1);
		CHECK_INT(l2, l1);
		if (!same_str(csm_answers_evidence(orig, id), csm_answers_evidence(back, id)) ||
		    !same_str(csm_answers_note(orig, id), csm_answers_note(back, id))) {
			fprintf(stderr, "%s: item %s: evidence/note differ: \"%s\" / \"%s\"\n", label, id,
			        csm_answers_evidence(back, id) ? csm_answers_evidence(back, id) : "(null)",
			        csm_answers_note(back, id) ? csm_answers_note(back, id) : "(null)");
			CHECK(0);
		}
	}
	for (f = 0; f < (int)(sizeof fields / sizeof *fields); f++)
		if (!same_str(csm_answers_field_get(orig, fields[f]), csm_answers_field_get(back, fields[f]))) {
			fprintf(stderr, "%s: field %d: \"%s\", expected \"%s\"\n", label, (int)fields[f],
			        csm_answers_field_get(back, fields[f]) ? csm_answers_field_get(back, fields[f]) : "(null)",
			        csm_answers_field_get(orig, fields[f]) ? csm_answers_field_get(orig, fields[f]) : "(null)");
			CHECK(0);
		}
	CHECK_INT(csm_answers_assessor_count(back), csm_answers_assessor_count(orig));
	for (i = 0; i < csm_answers_assessor_count(orig) && i < csm_answers_assessor_count(back); i++) {
		CHECK(same_str(csm_answers_assessor_name(orig, i), csm_answers_assessor_name(back, i)));
		CHECK(same_str(csm_answers_assessor_role(orig, i), csm_answers_assessor_role(back, i)));
	}
	for (i = 0; i < csm_questionnaire_gate_count(q); i++)
		CHECK_INT(gate_value(back, csm_gate_id(q, i)), gate_value(orig, csm_gate_id(q, i)));
}

/* Prefill -> workbook -> import -> parse: the same assessment. */
static void roundtrip(const csm_answers *orig, csm_lang lang, const char *label)
{
	bytes b = make(lang, orig);
	char *json = import(b);
	csm_answers *back = NULL;
	t_current = label;
	CHECK(b.data != NULL && b.len > 1000);
	CHECK(json != NULL);
	if (!json)
		fprintf(stderr, "%s: import: %s\n", label, csm_error_last());
	if (json && csm_answers_parse(&back, json, strlen(json), "back.json") != 0)
		fprintf(stderr, "%s: parse: %s\n", label, csm_error_last());
	CHECK(back != NULL);
	if (back)
		check_same(orig, back, label);
	csm_answers_free(back);
	csm_free(json);
	csm_free(b.data);
}

static void test_examples(void)
{
	static const char *const names[] = {"aozora-bank", "kitamachi-machinery", "minato-services"};
	int i, l;
	for (i = 0; i < 3; i++) {
		char path[256], label[96];
		csm_answers *a = NULL;
		snprintf(path, sizeof path, "%s/examples/%s.json", CSM_TEST_SRC, names[i]);
		CHECK_INT(csm_answers_load(&a, path), 0);
		for (l = 0; a && l < 2; l++) {
			snprintf(label, sizeof label, "test_examples(%s, %s)", names[i], l ? "en" : "ja");
			roundtrip(a, (csm_lang)l, label);
		}
		csm_answers_free(a);
	}
}

/* Gates, size, a group, Japanese text with line breaks, XML-special
 * characters, n/a, unanswered items, an assessor without a role. */
static const char RICH[] =
    "{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\","
    "\"organization\":{\"name\":\"株式会社みなと <&> \\\"テスト\\\"\",\"industry\":\"automotive\",\"scope\":\"group\","
    "\"size\":\"medium\"},\"assessed_on\":\"2026-02-28\","
    "\"assessors\":[{\"name\":\"佐藤 花子\",\"role\":\"CISO\"},{\"name\":\"Ito_x0041_\"}],"
    "\"gates\":{\"ciso\":\"yes\",\"csirt\":\"no\",\"policy\":null},"
    "\"answers\":{\"1-1\":{\"level\":4,\"evidence\":\"取締役会議事録 2026-06\\n全社リスク一覧 <第3版> & 付録\","
    "\"note\":\"四半期ごと\"},\"1-2\":\"n/a\",\"1-3\":{\"level\":\"n/a\",\"note\":\"対象外\"},\"2-1\":2,"
    "\"2-2\":{\"level\":null,\"evidence\":\"作成中\"},\"3-1\":5,\"7-1\":1}}";

static void test_rich(void)
{
	csm_answers *a = NULL;
	CHECK_INT(csm_answers_parse(&a, RICH, strlen(RICH), "rich.json"), 0);
	if (!a) {
		fprintf(stderr, "%s\n", csm_error_last());
		return;
	}
	roundtrip(a, CSM_LANG_JA, "test_rich(ja)");
	roundtrip(a, CSM_LANG_EN, "test_rich(en)");
	csm_answers_free(a);
}

static void test_blank(void)
{
	int l;
	for (l = 0; l < 2; l++) {
		bytes b = make((csm_lang)l, NULL);
		char *json = import(b);
		cJSON *root = json ? cJSON_Parse(json) : NULL, *e;
		const cJSON *ans = cJSON_GetObjectItemCaseSensitive(root, "answers");
		const cJSON *org = cJSON_GetObjectItemCaseSensitive(root, "organization");
		size_t n = 0;
		CHECK(root != NULL);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "format")), "csm-answers/1");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "questionnaire")), "csmg-v2");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(org, "name")), "");
		CHECK(cJSON_GetObjectItemCaseSensitive(org, "industry") == NULL);
		CHECK(cJSON_GetObjectItemCaseSensitive(org, "scope") == NULL);
		CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "assessed_on")));
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "assessors")), 0);
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "gates")),
		          csm_questionnaire_gate_count(q));
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "gates")) CHECK(cJSON_IsNull(e));
		cJSON_ArrayForEach(e, ans) {
			CHECK(cJSON_IsNull(e));
			CHECK_STR(e->string, csm_item_id(q, n));
			n++;
		}
		CHECK_INT(n, csm_questionnaire_item_count(q));
		cJSON_Delete(root);
		csm_free(json);
		csm_free(b.data);
	}
}

/* Values as people and programs type them: text digits, fullwidth digits,
 * 3.0, N/A, 該当なし, date serials (1900 and 1904), labels in the other
 * language, phonetic runs, Excel's _xHHHH_ escapes. */
static void test_values(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1, b2, b3;
	char *json;
	csm_answers *a = NULL;
	int level = 0;
	/* Items: rows 2.. are 1-1, 1-2, 1-3, 2-1, 2-2, 2-3, 3-1 ... */
	b1 = with_cells(b, ITEMS_SHEET, "D2", "<c r=\"D2\" t=\"inlineStr\"><is><t> 3 </t></is></c>", "D3",
	                "<c r=\"D3\" t=\"inlineStr\"><is><t>\xEF\xBC\x94</t></is></c>", "D4", "<c r=\"D4\"><v>5.0</v></c>",
	                "D5", "<c r=\"D5\" t=\"inlineStr\"><is><t>N/A</t></is></c>", "D6",
	                "<c r=\"D6\" t=\"str\"><f>\"n/\"&amp;\"a\"</f><v>n/a</v></c>", "D7",
	                "<c r=\"D7\" t=\"inlineStr\"><is><t>該当なし</t></is></c>", "E2",
	                "<c r=\"E2\" t=\"inlineStr\"><is><r><t>根拠</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 文書</t></r>"
	                "<rPh sb=\"0\" eb=\"2\"><t>コンキョ</t></rPh><phoneticPr fontId=\"1\"/></is></c>",
	                "F2", "<c r=\"F2\" t=\"inlineStr\"><is><t>line_x000D_\nbreak _x005F_x0041_</t></is></c>", "E3",
	                "<c r=\"E3\"><v>2024</v></c>", NULL);
	b2 = with_cells(b1, ORG_SHEET, "B3", "<c r=\"B3\" t=\"inlineStr\"><is><t>Co</t></is></c>", "B4",
	                "<c r=\"B4\" t=\"inlineStr\"><is><t>金融</t></is></c>", "B5",
	                "<c r=\"B5\" t=\"inlineStr\"><is><t>グループ</t></is></c>", "B6",
	                "<c r=\"B6\" t=\"inlineStr\"><is><t>Large</t></is></c>", "B7", "<c r=\"B7\"><v>46310.5</v></c>",
	                "B22", "<c r=\"B22\" t=\"inlineStr\"><is><t>はい</t></is></c>", "B23",
	                "<c r=\"B23\" t=\"inlineStr\"><is><t>NO</t></is></c>", NULL);
	json = import(b2);
	CHECK(json != NULL);
	if (!json)
		fprintf(stderr, "test_values: %s\n", csm_error_last());
	if (json && csm_answers_parse(&a, json, strlen(json), "v.json") == 0) {
		CHECK_INT(csm_answers_get(a, "1-1", &level), CSM_ANSWER_LEVEL);
		CHECK_INT(level, 3);
		CHECK_INT(csm_answers_get(a, "1-2", &level), CSM_ANSWER_LEVEL);
		CHECK_INT(level, 4);
		CHECK_INT(csm_answers_get(a, "1-3", &level), CSM_ANSWER_LEVEL);
		CHECK_INT(level, 5);
		CHECK_INT(csm_answers_get(a, "2-1", NULL), CSM_ANSWER_NA);
		CHECK_INT(csm_answers_get(a, "2-2", NULL), CSM_ANSWER_NA);
		CHECK_INT(csm_answers_get(a, "2-3", NULL), CSM_ANSWER_NA);
		CHECK_INT(csm_answers_get(a, "3-1", NULL), CSM_ANSWER_NULL);
		CHECK_STR(csm_answers_evidence(a, "1-1"), "根拠 文書");
		CHECK_STR(csm_answers_note(a, "1-1"), "line\r\nbreak _x0041_");
		CHECK_STR(csm_answers_evidence(a, "1-2"), "2024");
		CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY), "finance");
		CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE), "group");
		CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_SIZE), "large");
		CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON), "2026-10-15");
		CHECK_INT(gate_value(a, "ciso"), 1);
		CHECK_INT(gate_value(a, "csirt"), 0);
		CHECK_INT(gate_value(a, "policy"), -1);
	} else if (json) {
		fprintf(stderr, "test_values: parse: %s\n", csm_error_last());
		CHECK(0);
	}
	csm_answers_free(a);
	a = NULL;
	csm_free(json);

	/* The 1904 date system (old Mac Excel): the same day is 1462 less. */
	b3 = with_cells(b2, ORG_SHEET, "B7", "<c r=\"B7\"><v>44848</v></c>", NULL);
	csm_free(b1.data);
	b1 = with_replaced(b3, WORKBOOK, "<workbookPr ", "<workbookPr date1904=\"1\" ");
	json = import(b1);
	CHECK_HAS(json, "\"assessed_on\":\t\"2026-10-15\"");
	csm_free(json);
	/* ... and text dates with slashes or without zeros. */
	csm_free(b3.data);
	b3 = with_cells(b2, ORG_SHEET, "B7", "<c r=\"B7\" t=\"inlineStr\"><is><t>2026/1/5</t></is></c>", NULL);
	json = import(b3);
	CHECK_HAS(json, "\"assessed_on\":\t\"2026-01-05\"");
	csm_free(json);
	csm_free(b.data);
	csm_free(b1.data);
	csm_free(b2.data);
	csm_free(b3.data);
}

/* Empty cells as other programs write them (openpyxl, pandas, LibreOffice):
 * an inline string without <is>, an empty <t>, an empty shared string, a
 * text formula without its cached <v>. Each is an empty cell (the import
 * crashed on all four: the empty text was trimmed in place in a string
 * literal). Items: rows 2.. are 1-1, 1-2, 1-3, 2-1; D level, E evidence, F note. */
static void test_empty_cells(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1, b2, b3;
	char *sst = part_of(b, SST), *t, *json, level[64], ev[64], gate[64];
	const char *s;
	size_t nsi = 0;
	csm_answers *a = NULL;
	int i;

	for (s = sst; s && (s = strstr(s, "<si>")) != NULL; s++)
		nsi++;
	CHECK(nsi > 100);
	t = replace(sst, "</sst>", "<si><t></t></si></sst>"); /* shared string nsi: empty */
	b1 = with_part(b, SST, t, strlen(t), 0);
	snprintf(level, sizeof level, "<c r=\"D4\" t=\"s\"><v>%zu</v></c>", nsi);
	snprintf(ev, sizeof ev, "<c r=\"E4\" t=\"s\"><v>%zu</v></c>", nsi);
	snprintf(gate, sizeof gate, "<c r=\"B22\" t=\"s\"><v>%zu</v></c>", nsi);
	b2 = with_cells(b1, ITEMS_SHEET, "A6", "<c r=\"A6\" t=\"inlineStr\"/>", "D2", "<c r=\"D2\" t=\"inlineStr\"/>", "E2",
	                "<c r=\"E2\" t=\"inlineStr\"/>", "F2", "<c r=\"F2\" t=\"inlineStr\"/>", "D3",
	                "<c r=\"D3\" t=\"inlineStr\"><is><t></t></is></c>", "E3",
	                "<c r=\"E3\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> </t></is></c>", "D4", level, "E4", ev,
	                "D5", "<c r=\"D5\" t=\"str\"><f>\"\"</f></c>", "E5", "<c r=\"E5\" t=\"str\"><f>\"\"</f></c>", "F5",
	                "<c r=\"F5\" t=\"str\"><f>\"\"</f><v></v></c>", NULL);
	b3 = with_cells(b2, ORG_SHEET, "B3", "<c r=\"B3\" t=\"inlineStr\"><is><t></t></is></c>", "B4",
	                "<c r=\"B4\" t=\"inlineStr\"/>", "B5", "<c r=\"B5\" t=\"str\"><f>\"\"</f></c>", "B7",
	                "<c r=\"B7\" t=\"str\"><f>TEXT(\"\",\"@\")</f></c>", "B22", gate, "B23", "<c r=\"B23\" t=\"n\"><v></v></c>",
	                NULL);
	json = import(b3);
	CHECK(json != NULL);
	if (!json)
		fprintf(stderr, "test_empty_cells: %s\n", csm_error_last());
	/* the organization's name is empty, which only parsing the answers refuses */
	if (json) {
		char *j2 = NULL;
		cJSON *root = cJSON_Parse(json), *org = cJSON_GetObjectItemCaseSensitive(root, "organization");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(org, "name")), "");
		CHECK(cJSON_GetObjectItemCaseSensitive(org, "industry") == NULL);
		CHECK(cJSON_GetObjectItemCaseSensitive(org, "scope") == NULL);
		CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "assessed_on")));
		CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "gates"), "ciso")));
		cJSON_ReplaceItemInObjectCaseSensitive(org, "name", cJSON_CreateString("Co"));
		j2 = cJSON_Print(root);
		CHECK_INT(csm_answers_parse(&a, j2, strlen(j2), "e.json"), 0);
		cJSON_free(j2);
		cJSON_Delete(root);
	}
	for (i = 0; a && i < 4; i++) {
		static const char *const ids[] = {"1-1", "1-2", "1-3", "2-1"};
		CHECK_INT(csm_answers_get(a, ids[i], NULL), CSM_ANSWER_NULL);
		CHECK(csm_answers_evidence(a, ids[i]) == NULL);
		CHECK(csm_answers_note(a, ids[i]) == NULL);
	}
	/* item 2-2's id cell is empty: its row is skipped */
	CHECK(a && csm_answers_get(a, "2-2", NULL) == CSM_ANSWER_MISSING);
	csm_answers_free(a);
	csm_free(json);
	free(sst);
	free(t);
	csm_free(b.data);
	csm_free(b1.data);
	csm_free(b2.data);
	csm_free(b3.data);
}

/* The sheets are streamed, not parsed into a tree: what the tree gave for
 * free must still hold. An '&' in a sheet name (an entity in the attribute),
 * a cell given twice (the last one counts), levels as people type them in
 * any format (full-width, U+3000 around), a DTD in a sheet refused before
 * its entities are read, and the messages still name the cell. */
static void test_streamed(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1, b2, b3;
	char *wb = part_of(b, WORKBOOK), *t = wb, *n, *json;
	csm_answers *a = NULL;
	int level = 0;
	static const char *const bad[] = {"Q.xlsx: R&D <items>!D3 (item 1-2): level must be 1..5 or n/a, not 6", NULL};
	static const char *const dtd[] = {
	    "Q.xlsx: part xl/worksheets/sheet3.xml has a document type declaration (<!DOCTYPE), which is not allowed", NULL};

	while (t && strstr(t, "'Items'!")) {
		n = replace(t, "'Items'!", "'R&amp;D &lt;items&gt;'!");
		if (t != wb)
			free(t);
		t = n;
	}
	n = replace(t, "name=\"Items\"", "name=\"R&amp;D &lt;items&gt;\"");
	if (t != wb)
		free(t);
	b1 = with_part(b, WORKBOOK, n, strlen(n), 0);
	free(n);
	b2 = with_cells(b1, ITEMS_SHEET, "D2",
	                "<c r=\"D2\"><v>1</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>\xEF\xBD\x8E\xEF\xBC\x8F\xEF\xBD\x81</t></is></c>",
	                "D4", "<c r=\"D4\" t=\"inlineStr\"><is><t>\xE3\x80\x80\xEF\xBC\x92\xE3\x80\x80</t></is></c>", "D5",
	                "<c r=\"D5\" t=\"inlineStr\"><is><t>N/A</t></is></c>", NULL);
	json = import(b2);
	CHECK(json != NULL);
	if (!json)
		fprintf(stderr, "test_streamed: %s\n", csm_error_last());
	if (json && csm_answers_parse(&a, json, strlen(json), "s.json") == 0) {
		CHECK_INT(csm_answers_get(a, "1-1", NULL), CSM_ANSWER_NA);
		CHECK_INT(csm_answers_get(a, "1-3", &level), CSM_ANSWER_LEVEL);
		CHECK_INT(level, 2);
		CHECK_INT(csm_answers_get(a, "2-1", NULL), CSM_ANSWER_NA);
	}
	csm_answers_free(a);
	csm_free(json);
	csm_free(b2.data);
	b2 = with_cells(b1, ITEMS_SHEET, "D3", "<c r=\"D3\"><v>6</v></c>", NULL);
	expect_refused(b2, bad);
	csm_free(b2.data);
	/* Texts are kept up to a cap as they stream by: white space past it is
	 * still trimmed away, text past it is still too long. */
	{
		static const char *const long_note[] = {"Q.xlsx: Items!F3 (item 1-2): the note is too long", NULL};
		size_t k, pad = CSM_MAX_TEXT_BYTES + 100;
		char *c2 = malloc(3 * pad + 128), *c3 = malloc(pad + 128), *p2 = c2, *p3 = c3;
		p2 += sprintf(p2, "<c r=\"F2\" t=\"inlineStr\"><is><t>%s", " a\xE3\x80\x80" "b");
		for (k = 0; k < pad; k++)
			p2 += sprintf(p2, "\xE3\x80\x80");
		strcpy(p2, "</t></is></c>");
		p3 += sprintf(p3, "<c r=\"F3\" t=\"inlineStr\"><is><t>a");
		memset(p3, ' ', pad);
		strcpy(p3 + pad, "x</t></is></c>");
		b2 = with_cells(b, ITEMS_SHEET, "F2", c2, NULL);
		json = import(b2);
		CHECK_HAS(json, "\"note\":\t\"a\xE3\x80\x80\x62\"");
		csm_free(json);
		b3 = with_cells(b2, ITEMS_SHEET, "F3", c3, NULL);
		expect_refused(b3, long_note);
		csm_free(b2.data);
		csm_free(b3.data);
		free(c2);
		free(c3);
	}
	t = part_of(b, ITEMS_SHEET);
	n = replace(t, "<worksheet ", "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]><worksheet ");
	b3 = with_part(b, ITEMS_SHEET, n, strlen(n), 0);
	expect_refused(b3, dtd);
	free(t);
	free(n);
	free(wb);
	csm_free(b.data);
	csm_free(b1.data);
	csm_free(b3.data);
}

/* What a spreadsheet program may do: rename a sheet (the defined names follow,
 * quoted), write absolute relationship targets, drop the shared strings. */
static void test_moved(void)
{
	csm_answers *a = NULL;
	bytes b, b1, b2;
	char *wb, *t, *json;
	int level = 0;
	const char *ex = SRC("examples/minato-services.json");
	CHECK_INT(csm_answers_load(&a, ex), 0);
	b = make(CSM_LANG_EN, a);
	wb = part_of(b, WORKBOOK);
	t = wb;
	/* Items -> It's items, in the sheet list and in every defined name */
	while (t && strstr(t, "'Items'!")) {
		char *n = replace(t, "'Items'!", "'It''s items'!");
		if (t != wb)
			free(t);
		t = n;
	}
	{
		char *n = replace(t, "name=\"Items\"", "name=\"It's items\"");
		if (t != wb)
			free(t);
		t = n;
	}
	b1 = with_part(b, WORKBOOK, t, strlen(t), 0);
	if (t != wb)
		free(t);
	free(wb);
	b2 = with_replaced(b1, "xl/_rels/workbook.xml.rels", "Target=\"worksheets/sheet3.xml\"",
	                   "Target=\"/xl/worksheets/sheet3.xml\"");
	json = import(b2);
	CHECK(json != NULL);
	if (!json)
		fprintf(stderr, "test_moved: %s\n", csm_error_last());
	csm_free(json);
	/* a cell moved by a sort: item 1-1's row now holds 1-2 and the other way round */
	csm_free(b1.data);
	b1 = with_cells(b2, ITEMS_SHEET, "A2", "<c r=\"A2\" t=\"inlineStr\"><is><t>1-2</t></is></c>", "A3",
	                "<c r=\"A3\" t=\"inlineStr\"><is><t>1-1</t></is></c>", NULL);
	json = import(b1);
	if (json) {
		csm_answers *back = NULL;
		int want = 0;
		CHECK_INT(csm_answers_parse(&back, json, strlen(json), "m.json"), 0);
		CHECK_INT(csm_answers_get(back, "1-2", &level), CSM_ANSWER_LEVEL);
		CHECK_INT(csm_answers_get(a, "1-1", &want), CSM_ANSWER_LEVEL);
		CHECK_INT(level, want);
		CHECK_STR(csm_answers_evidence(back, "1-2"), csm_answers_evidence(a, "1-1"));
		csm_answers_free(back);
	}
	CHECK(json != NULL);
	csm_free(json);
	csm_free(b.data);
	csm_free(b1.data);
	csm_free(b2.data);
	csm_answers_free(a);
}

static void test_bad_cells(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1, b2;
	static const char *const msgs[] = {
	    "Q.xlsx: Items!D2 (item 1-1): level must be 1..5 or n/a, not \"7\"",
	    "Q.xlsx: Items!D3 (item 1-2): level must be 1..5 or n/a, not \"abc\"",
	    "Q.xlsx: Items!D4 (item 1-3): level must be 1..5 or n/a, not 3.5",
	    "Q.xlsx: Items!D5 (item 2-1): level must be 1..5 or n/a, not #N/A",
	    "Q.xlsx: Items!D6 (item 2-2): level must be 1..5 or n/a, not 0",
	    "Q.xlsx: Items!A7: \"bad id!\" is not an item id",
	    "Q.xlsx: Items!A8: item 1-1 appears twice",
	    "Q.xlsx: Organization!B4: industry \"Atlantis\" is not one of the industries",
	    "Q.xlsx: Organization!B5: scope must be entity",
	    "Q.xlsx: Organization!B7: the date of the assessment must be a date YYYY-MM-DD, not \"2026-02-30\"",
	    "Q.xlsx: Organization!B22 (gate ciso): the answer must be yes or no",
	    "Q.xlsx: Items!E9 (item 3-2): the evidence is too long",
	    NULL};
	char *big = malloc(CSM_MAX_TEXT_BYTES + 64);
	memcpy(big, "<c r=\"E9\" t=\"inlineStr\"><is><t>", 31);
	memset(big + 31, 'x', CSM_MAX_TEXT_BYTES + 1);
	strcpy(big + 31 + CSM_MAX_TEXT_BYTES + 1, "</t></is></c>");
	b1 = with_cells(b, ITEMS_SHEET, "D2", "<c r=\"D2\" t=\"inlineStr\"><is><t>7</t></is></c>", "D3",
	                "<c r=\"D3\" t=\"inlineStr\"><is><t>abc</t></is></c>", "D4", "<c r=\"D4\"><v>3.5</v></c>", "D5",
	                "<c r=\"D5\" t=\"e\"><v>#N/A</v></c>", "D6", "<c r=\"D6\"><v>0</v></c>", "A7",
	                "<c r=\"A7\" t=\"inlineStr\"><is><t>bad id!</t></is></c>", "A8",
	                "<c r=\"A8\" t=\"inlineStr\"><is><t>1-1</t></is></c>", "E9", big, NULL);
	b2 = with_cells(b1, ORG_SHEET, "B4", "<c r=\"B4\" t=\"inlineStr\"><is><t>Atlantis</t></is></c>", "B5",
	                "<c r=\"B5\" t=\"inlineStr\"><is><t>division</t></is></c>", "B7",
	                "<c r=\"B7\" t=\"inlineStr\"><is><t>2026-02-30</t></is></c>", "B22",
	                "<c r=\"B22\" t=\"inlineStr\"><is><t>maybe</t></is></c>", NULL);
	expect_refused(b2, msgs);
	free(big);
	csm_free(b1.data);
	csm_free(b2.data);

	/* a level in a row whose item id was cleared; a bad date serial */
	{
		static const char *const m2[] = {"Q.xlsx: Items!D10: an answer in a row without an item id",
		                                 "Organization!B7: the date of the assessment must be a date YYYY-MM-DD, not 60",
		                                 NULL};
		b1 = with_cells(b, ITEMS_SHEET, "A10", "<c r=\"A10\"/>", "D10", "<c r=\"D10\"><v>2</v></c>", NULL);
		b2 = with_cells(b1, ORG_SHEET, "B7", "<c r=\"B7\"><v>60</v></c>", NULL);
		expect_refused(b2, m2);
		csm_free(b1.data);
		csm_free(b2.data);
	}
	/* An id that is well-formed but not an item of the questionnaire: the
	 * import passes it on, and checking the answers names it. */
	{
		char *json;
		csm_answers *a = NULL;
		b2 = with_cells(b, ORG_SHEET, "B3", "<c r=\"B3\" t=\"inlineStr\"><is><t>Co</t></is></c>", NULL);
		b1 = with_cells(b2, ITEMS_SHEET, "A9", "<c r=\"A9\" t=\"inlineStr\"><is><t>9-9</t></is></c>", NULL);
		json = import(b1);
		CHECK(json != NULL);
		if (json && csm_answers_parse(&a, json, strlen(json), "Q.xlsx") == 0) {
			CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), CSM_EINVALID);
			CHECK_HAS(csm_error_last(), "Q.xlsx: item 9-9");
		} else {
			fprintf(stderr, "%s\n", csm_error_last());
			CHECK(0);
		}
		csm_answers_free(a);
		csm_free(json);
		csm_free(b1.data);
		csm_free(b2.data);
	}
	csm_free(b.data);
}

/* Every allocation of an import fails in turn: the import fails with
 * CSM_ENOMEM (no text is dropped, no relationship taken as missing), never
 * crashes, and leaves nothing allocated (LeakSanitizer checks that in the
 * sanitizer build; load_rels leaked its array when a copy failed). */
static void test_nomem(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1;
	long i, ok = 0, failed = 0;
	/* a shared string and an inline string in the items, a relationship too many */
	b1 = with_cells(b, ITEMS_SHEET, "E2", "<c r=\"E2\" t=\"inlineStr\"><is><t>x_x0041_</t></is></c>", "F2",
	                "<c r=\"F2\" t=\"s\"><v>3</v></c>", NULL);
	for (i = 0; i < 20000; i++) {
		char *json = NULL;
		int rc;
		nomem_count = 0;
		nomem_at = i;
		rc = csm_form_xlsx_import(&json, b1.data, b1.len, "Q.xlsx", ind);
		nomem_at = -1;
		if (nomem_count <= i) { /* every allocation done: the import is through */
			CHECK_INT(rc, 0);
			csm_free(json);
			break;
		}
		if (rc == 0)
			ok++;
		else
			failed++;
		if (rc != CSM_ENOMEM)
			fprintf(stderr, "test_nomem: allocation %ld failed, the import returned %d: %s\n", i, rc,
			        rc ? csm_error_last() : "(success)");
		CHECK_INT(rc, CSM_ENOMEM);
		CHECK(json == NULL);
		csm_free(json);
	}
	CHECK(i < 20000);
	CHECK(failed > 100);
	CHECK_INT(ok, 0);
	csm_free(b.data);
	csm_free(b1.data);
}

/* The action list's sheet: written, then read with every allocation failing
 * in turn: CSM_ENOMEM each time, nothing returned, nothing left allocated. */
static void test_actions_nomem(void)
{
	static const char list[] =
	    "{\"format\": \"csm-actions/1\", \"organization\": \"Hoshi Co.\", \"actions\": ["
	    "{\"item\": \"9-2\", \"directive\": 9, \"from\": 1, \"to\": 3, \"owner\": \"Sato\", \"effort\": \"M\", "
	    "\"due\": \"2027-03\", \"status\": \"in_progress\", \"note\": \"two\\nlines\"},"
	    "{\"item\": \"1-1\", \"from\": 2, \"to\": 4, \"due\": \"2027-12-31\", \"status\": \"done\"}]}";
	csm_actions *acts = NULL, *back = NULL;
	unsigned char *xl = NULL;
	size_t len = 0;
	long i, failed = 0;
	CHECK_INT(csm_actions_parse(&acts, list, strlen(list), "l.json"), 0);
	CHECK_INT(csm_actions_xlsx(&xl, &len, acts, CSM_LANG_JA), 0);
	CHECK_INT(csm_actions_parse(&back, (const char *)xl, len, "l.xlsx"), 0);
	CHECK_STR(csm_actions_organization(back), "Hoshi Co.");
	CHECK_INT(csm_actions_count(back), 2);
	CHECK_STR(csm_actions_get(back, 0)->due, "2027-03-31"); /* a month: its last day */
	CHECK_STR(csm_actions_get(back, 0)->note, "two\nlines");
	CHECK_INT(csm_actions_get(back, 1)->status, CSM_ACTION_DONE);
	csm_actions_free(back);
	for (i = 0; i < 20000; i++) {
		int rc;
		back = NULL;
		nomem_count = 0;
		nomem_at = i;
		rc = csm_actions_xlsx_import(&back, xl, len, "l.xlsx");
		nomem_at = -1;
		if (nomem_count <= i) { /* every allocation done */
			CHECK_INT(rc, 0);
			csm_actions_free(back);
			break;
		}
		failed++;
		if (rc != CSM_ENOMEM)
			fprintf(stderr, "test_actions_nomem: allocation %ld failed, the import returned %d: %s\n", i, rc,
			        rc ? csm_error_last() : "(success)");
		CHECK_INT(rc, CSM_ENOMEM);
		CHECK(back == NULL);
		csm_actions_free(back);
	}
	CHECK(i < 20000);
	CHECK(failed > 50);
	csm_free(xl);
	csm_actions_free(acts);
}

static void test_not_workbooks(void)
{
	bytes b = make(CSM_LANG_EN, NULL), b1;
	static const char *const not_zip[] = {"Q.xlsx: not an Excel workbook (.xlsx): not a zip archive", NULL};
	static const char *const no_wb[] = {"Q.xlsx: not an Excel workbook (the archive has no part xl/workbook.xml)", NULL};
	static const char *const no_name[] = {
	    "Q.xlsx: not a csm workbook (no defined name csm_format): make it with 'csm template --format xlsx'", NULL};
	static const char *const no_levels[] = {"Q.xlsx: not a csm workbook, or it was changed too much (no defined name "
	                                        "csm_levels)",
	                                        NULL};
	static const char *const ref[] = {"Q.xlsx: defined name csm_evidence (\"#REF!\") does not point to cells", NULL};
	static const char *const marker[] = {"Q.xlsx: Instructions!B20: the workbook is in format csm-xlsx/2", NULL};
	static const char *const doctype[] = {"Q.xlsx: part xl/workbook.xml has a document type declaration", NULL};
	static const char *const badxml[] = {"Q.xlsx: part xl/worksheets/sheet3.xml is not valid XML", NULL};
	static const char *const huge[] = {"Q.xlsx: part xl/sharedStrings.xml is larger than 32 MiB", NULL};
	bytes text = {(unsigned char *)"hello, not a zip", 16}, empty = {(unsigned char *)"", 0};
	char *wb = part_of(b, WORKBOOK), *bomb;
	size_t bomb_len = 40u * 1024u * 1024u;

	expect_refused(text, not_zip);
	expect_refused(empty, not_zip);
	b1 = with_part(b, WORKBOOK, NULL, 0, 1);
	expect_refused(b1, no_wb);
	csm_free(b1.data);

	b1 = with_replaced(b, WORKBOOK, "name=\"csm_format\"", "name=\"something_else\"");
	expect_refused(b1, no_name);
	csm_free(b1.data);
	b1 = with_replaced(b, WORKBOOK, "name=\"csm_levels\"", "name=\"csm_levelz\"");
	expect_refused(b1, no_levels);
	csm_free(b1.data);
	{
		char *p = strstr(wb, "<definedName name=\"csm_evidence\">"), *e = p ? strstr(p, "</definedName>") : NULL;
		char from[128];
		CHECK(p && e);
		if (p && e) {
			p += strlen("<definedName name=\"csm_evidence\">");
			snprintf(from, sizeof from, ">%.*s<", (int)(e - p), p);
			b1 = with_replaced(b, WORKBOOK, from, ">#REF!<");
			expect_refused(b1, ref);
			csm_free(b1.data);
		}
	}
	b1 = with_replaced(b, SST, ">csm-xlsx/1<", ">csm-xlsx/2<");
	expect_refused(b1, marker);
	csm_free(b1.data);

	/* a DTD (entity expansion, external entities) is refused outright */
	{
		char *t = replace(wb, "<workbook ",
		                  "<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><workbook ");
		b1 = with_part(b, WORKBOOK, t, strlen(t), 0);
		expect_refused(b1, doctype);
		csm_free(b1.data);
		free(t);
	}
	b1 = with_part(b, ITEMS_SHEET, "<worksheet><unclosed>", 21, 0);
	expect_refused(b1, badxml);
	csm_free(b1.data);

	/* a zip bomb: 40 MiB of XML that compresses to a few kilobytes */
	bomb = malloc(bomb_len);
	memset(bomb, ' ', bomb_len);
	memcpy(bomb, "<sst>", 5);
	b1 = with_part(b, SST, bomb, bomb_len, 0);
	CHECK(b1.data && b1.len < 1024u * 1024u);
	expect_refused(b1, huge);
	csm_free(b1.data);
	free(bomb);

	free(wb);
	csm_free(b.data);
}

/* A questionnaire with its own scale: the drop-down offers its choices, the
 * hidden list names them, and the import reads a label (either language's
 * workbook) back as its id; anything else is refused with its cell. */
static void test_scale(void)
{
	static const char *const pre_choices[8] = {"done", "partly", NULL, "unknown", "done", "not_done", "done", "done"};
	csm_questionnaire *v2 = q, *sq = load_scale();
	csm_answers *pre = NULL, *back = NULL;
	csm_lang lang;
	CHECK(sq != NULL);
	if (!sq)
		return;
	q = sq; /* make() writes the questionnaire in q */
	pre = choices_from(sq, pre_choices);
	for (lang = CSM_LANG_JA; lang <= CSM_LANG_EN; lang++) {
		bytes b = make(lang, pre), b1;
		char *items = part_of(b, ITEMS_SHEET), *json = NULL;
		char *strings = part_of(b, SST);
		CHECK(b.data != NULL && items != NULL);
		if (!b.data || !items) {
			free(b.data);
			free(items);
			free(strings);
			continue;
		}
		/* the drop-down lists the labels in the workbook's language */
		CHECK_HAS(items, lang == CSM_LANG_EN ? "<formula1>\"Done,Partly done,Not done,Don't know\"</formula1>"
		                                     : "<formula1>\"実施している,一部実施している,実施していない,わからない\"</formula1>");
		CHECK_HAS(strings, lang == CSM_LANG_EN ? "How to do it" : "やり方");
		CHECK_HAS(strings, lang == CSM_LANG_EN ? "Part" : "パート");
		/* prefilled labels read back as ids */
		json = import(b);
		CHECK(json != NULL);
		if (json) {
			CHECK_HAS(json, "\"c1\":\t\"done\"");
			CHECK_HAS(json, "\"c2\":\t\"partly\"");
			CHECK_HAS(json, "\"c3\":\tnull");
			CHECK_HAS(json, "\"c4\":\t\"unknown\"");
			CHECK_INT(csm_answers_parse_for(&back, json, strlen(json), "back.json", sq), 0);
			if (back) {
				CHECK_STR(csm_answers_choice(back, "c6"), "not_done");
				CHECK_INT(csm_answers_check(back, sq, CSM_ALLOW_PARTIAL), 0);
			}
			csm_answers_free(back);
			back = NULL;
			csm_free(json);
		}
		/* typed: an id, a label with spaces; refused: another text, a number */
		b1 = with_cells(b, ITEMS_SHEET, "D4", "<c r=\"D4\" t=\"inlineStr\"><is><t>not_done</t></is></c>", "D5",
		                lang == CSM_LANG_EN ? "<c r=\"D5\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> Don't know </t></is></c>"
		                                    : "<c r=\"D5\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> わからない </t></is></c>",
		                NULL);
		json = import(b1);
		CHECK(json != NULL);
		if (json) {
			CHECK_HAS(json, "\"c3\":\t\"not_done\"");
			CHECK_HAS(json, "\"c4\":\t\"unknown\"");
			csm_free(json);
		}
		free(b1.data);
		b1 = with_cells(b, ITEMS_SHEET, "D4", "<c r=\"D4\" t=\"inlineStr\"><is><t>maybe</t></is></c>", "D5",
		                "<c r=\"D5\"><v>4</v></c>", NULL);
		{
			const char *const en[] = {"Q.xlsx: Items!D4 (item c3): the answer must be one of Done, Partly done, Not done, "
			                          "Don't know, not \"maybe\"",
			                          "Q.xlsx: Items!D5 (item c4): the answer must be one of Done, Partly done, Not done, "
			                          "Don't know, not 4", NULL};
			const char *const ja[] = {"Q.xlsx: 項目!D4 (item c3): the answer must be one of 実施している, 一部実施している, "
			                          "実施していない, わからない, not \"maybe\"", NULL};
			expect_refused(b1, lang == CSM_LANG_EN ? en : ja);
		}
		free(b1.data);
		/* a formula, with the value a spreadsheet computed or without one
		 * (as openpyxl saves it): refused, not read as its value or as empty */
		b1 = with_cells(b, ITEMS_SHEET, "D4", "<c r=\"D4\" t=\"str\"><f>Lists!B1</f><v>done</v></c>", "D5",
		                "<c r=\"D5\"><f>Lists!C2</f></c>", NULL);
		{
			const char *const both[] = {"Q.xlsx: Items!D4 (item c3): is a formula; choose the answer from the list",
			                            "Q.xlsx: Items!D5 (item c4): is a formula; choose the answer from the list", NULL};
			const char *const ja[] = {"Q.xlsx: 項目!D4 (item c3): is a formula; choose the answer from the list", NULL};
			expect_refused(b1, lang == CSM_LANG_EN ? both : ja);
		}
		free(b1.data);
		free(b.data);
		free(items);
		free(strings);
	}
	csm_answers_free(pre);
	q = v2;
	csm_questionnaire_free(sq);
}

int main(void)
{
	q = load_v2();
	if (!q || csm_industries_open(&ind, CSM_TEST_SRC) != 0) {
		fprintf(stderr, "cannot load the questionnaire or the industries: %s\n", csm_error_last());
		return 1;
	}
	RUN_TEST(test_examples);
	RUN_TEST(test_scale);
	RUN_TEST(test_rich);
	RUN_TEST(test_blank);
	RUN_TEST(test_values);
	RUN_TEST(test_empty_cells);
	RUN_TEST(test_streamed);
	RUN_TEST(test_moved);
	RUN_TEST(test_bad_cells);
	RUN_TEST(test_not_workbooks);
	RUN_TEST(test_nomem);
	RUN_TEST(test_actions_nomem);
	csm_industries_free(ind);
	csm_questionnaire_free(q);
	return test_finish();
}
