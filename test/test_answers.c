/* Answers files: JSON and CSV forms, every kind of value, every refusal. */
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "common.h"

static csm_answers *parse(const char *text)
{
	csm_answers *a = NULL;
	if (csm_answers_parse(&a, text, strlen(text), "in.json") != 0)
		return NULL;
	return a;
}

static void expect_error(const char *text, const char *message)
{
	csm_answers *a = NULL;
	int rc = csm_answers_parse(&a, text, strlen(text), "in.json");
	CHECK_INT(rc, CSM_EINVALID);
	CHECK(a == NULL);
	CHECK_HAS(csm_error_last(), message);
	CHECK_HAS(csm_error_last(), "in.json: ");
	csm_answers_free(a);
}

#define HEAD "{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"X\"},"

static void test_json_values(void)
{
	int level = 0;
	csm_answers *a = parse(HEAD "\"assessed_on\":\"2026-11-01\",\"assessors\":[{\"name\":\"Sato\",\"role\":\"CISO\"}],"
	                            "\"answers\":{\"1-1\":4,\"1-2\":{\"level\":3,\"evidence\":\"policy v2\",\"note\":\"n\"},"
	                            "\"1-3\":\"n/a\",\"2-1\":null,\"2-2\":{\"level\":\"n/a\"},\"2-3\":5.0}}");
	CHECK(a != NULL);
	if (!a)
		return;
	CHECK_INT(csm_answers_get(a, "1-1", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 4);
	CHECK_INT(csm_answers_get(a, "1-2", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 3);
	CHECK_STR(csm_answers_evidence(a, "1-2"), "policy v2");
	CHECK_STR(csm_answers_note(a, "1-2"), "n");
	CHECK_INT(csm_answers_get(a, "1-3", NULL), CSM_ANSWER_NA);
	CHECK_INT(csm_answers_get(a, "2-1", NULL), CSM_ANSWER_NULL);
	CHECK_INT(csm_answers_get(a, "2-2", NULL), CSM_ANSWER_NA);
	CHECK_INT(csm_answers_get(a, "2-3", &level), CSM_ANSWER_LEVEL); /* 5.0 is the number 5 in JSON */
	CHECK_INT(level, 5);
	CHECK_INT(csm_answers_get(a, "3-1", NULL), CSM_ANSWER_MISSING);
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_NAME), "X");
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON), "2026-11-01");
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE), "csmg-v2");
	CHECK(csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY) == NULL);
	CHECK_INT(csm_answers_assessor_count(a), 1);
	CHECK_STR(csm_answers_assessor_role(a, 0), "CISO");
	/* fields the file lacks can be set; ones it has cannot be contradicted */
	CHECK_INT(csm_answers_field_set(a, CSM_FIELD_ORG_INDUSTRY, "finance"), 0);
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY), "finance");
	CHECK_INT(csm_answers_field_set(a, CSM_FIELD_QUESTIONNAIRE, "csmg-v3"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "questionnaire: the file says \"csmg-v2\"");
	CHECK_INT(csm_answers_field_set(a, CSM_FIELD_ORG_INDUSTRY, "no/slash"), CSM_EINVALID);
	csm_answers_free(a);
}

static void test_json_refusals(void)
{
	expect_error(HEAD "\"answers\":{\"1-1\":7}}", "item 1-1: level 7 is out of range");
	expect_error(HEAD "\"answers\":{\"1-1\":0}}", "item 1-1: level 0 is out of range");
	expect_error(HEAD "\"answers\":{\"1-1\":-2}}", "item 1-1: level -2 is out of range");
	expect_error(HEAD "\"answers\":{\"1-1\":3.5}}", "item 1-1: level 3.5 is not a whole number");
	expect_error(HEAD "\"answers\":{\"1-1\":1e400}}", "item 1-1: level inf is not a whole number");
	expect_error(HEAD "\"answers\":{\"1-1\":\"6\"}}", "item 1-1: level \"6\" is not a level");
	expect_error(HEAD "\"answers\":{\"1-1\":\"3.0\"}}", "item 1-1: level \"3.0\" is not a level");
	expect_error(HEAD "\"answers\":{\"1-1\":\"\"}}", "item 1-1: level \"\" is not a level");
	expect_error(HEAD "\"answers\":{\"1-1\":\"n/a n/a\"}}", "item 1-1: level \"n/a n/a\" is not a level");
	expect_error(HEAD "\"answers\":{\"1-1\":true}}", "item 1-1: expected a level 1..5");
	expect_error(HEAD "\"answers\":{\"1-1\":{\"evidence\":\"e\"}}}", "item 1-1: level: missing");
	expect_error(HEAD "\"answers\":{\"1-1\":{\"level\":2,\"evidence\":7}}}", "item 1-1: evidence: expected a string");
	expect_error(HEAD "\"answers\":{\"1-1\":1,\"1-1\":2}}", "answers.1-1: duplicate key");
	/* More than 16 keys (found by hashing): the first repeated key in sorted order is named. */
	expect_error(HEAD "\"answers\":{\"5-1\":1,\"5-2\":1,\"5-3\":1,\"5-4\":1,\"5-5\":1,\"5-6\":1,\"5-7\":1,"
	                  "\"5-8\":1,\"5-9\":1,\"5-10\":1,\"6-1\":1,\"6-2\":1,\"6-3\":1,\"6-4\":1,\"1-1\":1,"
	                  "\"1-2\":1,\"6-2\":2,\"1-3\":1,\"1-2\":2}}",
	             "answers.1-2: duplicate key");
	expect_error(HEAD "\"answers\":[]}", "answers: expected an object");
	expect_error(HEAD "\"answers\":{\"1 1\":2}}", "\"1 1\" is not an item id");
	expect_error("{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"answers\":{}}", "organization: missing");
	expect_error("{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"\"},\"answers\":{}}",
	             "organization.name: missing or empty");
	expect_error(HEAD "\"assessed_on\":\"2026-02-30\",\"answers\":{}}", "assessed_on: \"2026-02-30\" is not a date");
	expect_error("{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"X\",\"scope\":\"division\"},\"answers\":{}}",
	             "organization.scope: \"division\" is not a scope");
	expect_error("{\"format\":\"csm-answers/1\",\"organization\":{\"name\":\"X\"},\"answers\":{}}", "questionnaire: missing");
	expect_error("{\"format\":\"csm-answers/2\"}", "format: version \"2\" is not supported");
	expect_error("{\"questionnaire\":\"csmg-v2\"}", "format: missing");
	expect_error("[1, 2]", "(top): expected a JSON object");
	expect_error(HEAD "\"answers\":{}", "invalid JSON (unexpected end of file)");
	expect_error(HEAD "\"answers\":{}} x", "unexpected content after the JSON value");
	expect_error(HEAD "\"answers\":{\"1-1\":NaN}}", "invalid JSON");
	expect_error("{\"format\":\"csm-answers/1\",\n \"x\": \"\xC3\x28\"}", "line 2, column 8: invalid UTF-8");
	expect_error("", "empty file");
	expect_error("  \r\n ", "empty file");
	/* every problem is reported, not just the first */
	expect_error(HEAD "\"answers\":{\"1-1\":7,\"1-2\":0}}", "item 1-1: level 7");
	CHECK_HAS(csm_error_last(), "\nin.json: item 1-2: level 0");
}

static void test_json_limits(void)
{
	size_t n = CSM_MAX_TEXT_BYTES + 10, i;
	char *big = malloc(n + 256), *deep = malloc(4096);
	int len = snprintf(big, 256, HEAD "\"answers\":{\"1-1\":{\"level\":2,\"evidence\":\"");
	for (i = 0; i < n; i++)
		big[(size_t)len + i] = 'x';
	strcpy(big + (size_t)len + n, "\"}}}");
	expect_error(big, "item 1-1: evidence: text is too long");
	len = snprintf(deep, 4096, HEAD "\"answers\":{},\"x\":");
	for (i = 0; i < 100; i++)
		deep[len++] = '[';
	for (i = 0; i < 100; i++)
		deep[len++] = ']';
	strcpy(deep + len, "}");
	expect_error(deep, "nesting is deeper than");
	free(big);
	free(deep);
}

static void test_bom_and_nul(void)
{
	csm_answers *a = NULL;
	const char text[] = "\xEF\xBB\xBF" HEAD "\"answers\":{\"1-1\":2}}";
	CHECK_INT(csm_answers_parse(&a, text, strlen(text), "bom.json"), 0);
	csm_answers_free(a);
	CHECK_INT(csm_answers_parse(&a, "{\"a\":1}\0x", 9, "nul.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "NUL byte");
}

static void test_csv(void)
{
	int level = 0;
	csm_answers *a = NULL;
	const char text[] = "\xEF\xBB\xBFItem,Level,Evidence,Note,question\r\n"
	                    "1-1,4,\"policy, v2\",,What?\r\n"
	                    "1-2,n/a,,\"line one\nline \"\"two\"\"\",\r\n"
	                    "1-3,,,,\r\n"
	                    ",,,,\r\n"
	                    "2-1, 5 ,,,\r\n";
	CHECK_INT(csm_answers_parse(&a, text, strlen(text), "in.csv"), 0);
	if (!a) {
		fprintf(stderr, "%s\n", csm_error_last());
		return;
	}
	CHECK_INT(csm_answers_get(a, "1-1", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 4);
	CHECK_STR(csm_answers_evidence(a, "1-1"), "policy, v2");
	CHECK_INT(csm_answers_get(a, "1-2", NULL), CSM_ANSWER_NA);
	CHECK_STR(csm_answers_note(a, "1-2"), "line one\nline \"two\"");
	CHECK_INT(csm_answers_get(a, "1-3", NULL), CSM_ANSWER_NULL);
	CHECK_INT(csm_answers_get(a, "2-1", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 5);
	CHECK(csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE) == NULL);
	csm_answers_free(a);
}

static void expect_csv_error(const char *text, const char *message);

/* One reader of level texts for every format: what a workbook accepts, CSV
 * and JSON strings accept too (full-width digits, 該当なし, N/A, white space
 * around, U+3000 included); JSON numbers stay numbers. */
#define FW3 "\xEF\xBC\x93"                         /* ３ */
#define FW5 "\xEF\xBC\x95"                         /* ５ */
#define NA_JA "\xE8\xA9\xB2\xE5\xBD\x93\xE3\x81\xAA\xE3\x81\x97" /* 該当なし */
#define FW_NA "\xEF\xBC\xAE\xEF\xBC\x8F\xEF\xBD\x81" /* Ｎ／ａ */
#define IDSP "\xE3\x80\x80"                        /* U+3000 */

static void check_spellings(const char *text, const char *name)
{
	csm_answers *a = NULL;
	int level = 0;
	t_current = name;
	CHECK_INT(csm_answers_parse(&a, text, strlen(text), name), 0);
	if (!a) {
		fprintf(stderr, "%s: %s\n", name, csm_error_last());
		return;
	}
	CHECK_INT(csm_answers_get(a, "1-1", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 3);
	CHECK_INT(csm_answers_get(a, "1-2", NULL), CSM_ANSWER_NA);
	CHECK_INT(csm_answers_get(a, "1-3", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 5);
	CHECK_INT(csm_answers_get(a, "2-1", NULL), CSM_ANSWER_NA);
	CHECK_INT(csm_answers_get(a, "2-2", NULL), CSM_ANSWER_NA);
	CHECK_INT(csm_answers_get(a, "2-3", &level), CSM_ANSWER_LEVEL);
	CHECK_INT(level, 2);
	CHECK_INT(csm_answers_get(a, "3-1", NULL), CSM_ANSWER_NA);
	csm_answers_free(a);
}

static void test_level_spellings(void)
{
	csm_answer_kind kind;
	int level;
	check_spellings("item,level\n1-1," FW3 "\n1-2," NA_JA "\n1-3," IDSP FW5 IDSP "\n2-1,N/A\n2-2," FW_NA
	                "\n2-3, 2\t\n3-1,\" " NA_JA " \"\n",
	                "test_level_spellings(csv)");
	check_spellings(HEAD "\"answers\":{\"1-1\":\"" FW3 "\",\"1-2\":\"" NA_JA "\",\"1-3\":{\"level\":\"" IDSP FW5 IDSP
	                     "\"},\"2-1\":\"N/A\",\"2-2\":\"" FW_NA "\",\"2-3\":\" 2\\t\",\"3-1\":{\"level\":\" " NA_JA
	                     " \"}}}",
	                "test_level_spellings(json)");
	t_current = "test_level_spellings";
	/* the parser itself: empty is null only where the format allows it */
	CHECK_INT(csm__level_parse("", 0, 1, &kind, &level), 0);
	CHECK_INT(kind, CSM_ANSWER_NULL);
	CHECK_INT(csm__level_parse(IDSP " ", 4, 1, &kind, &level), 0);
	CHECK_INT(kind, CSM_ANSWER_NULL);
	CHECK_INT(csm__level_parse("", 0, 0, &kind, &level), -1);
	CHECK_INT(csm__level_parse("4x", 1, 0, &kind, &level), 0); /* the length is the text */
	CHECK_INT(level, 4);
	CHECK_INT(csm__level_parse("0", 1, 1, &kind, &level), -1);
	CHECK_INT(csm__level_parse("6", 1, 1, &kind, &level), -1);
	CHECK_INT(csm__level_parse("\xEF\xBC\x90", 3, 1, &kind, &level), -1); /* ０ */
	CHECK_INT(csm__level_parse("\xEF\xBC\x96", 3, 1, &kind, &level), -1); /* ６ */
	CHECK_INT(csm__level_parse("33", 2, 1, &kind, &level), -1);
	CHECK_INT(csm__level_parse("\xEF\xBC", 2, 1, &kind, &level), -1);   /* cut short */
	CHECK_INT(csm__level_parse("\xE8\xA9\xB2", 3, 1, &kind, &level), -1); /* 該 */
	CHECK_INT(csm__level_parse("na", 2, 1, &kind, &level), -1);
	/* JSON numbers stay numbers: not "3", but 3 */
	expect_error(HEAD "\"answers\":{\"1-1\":true}}", "item 1-1: expected a level 1..5");
	expect_error(HEAD "\"answers\":{\"1-1\":\"" FW3 ".5\"}}", "item 1-1: level \"" FW3 ".5\" is not a level");
	expect_csv_error("item,level\n1-1," FW3 FW3 "\n", "item 1-1: level \"" FW3 FW3 "\" is not a level");
	expect_csv_error("item,level\n1-1," NA_JA "x\n", "item 1-1: level \"" NA_JA "x\" is not a level");
}

static void expect_csv_error(const char *text, const char *message)
{
	csm_answers *a = NULL;
	CHECK_INT(csm_answers_parse(&a, text, strlen(text), "in.csv"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), message);
	CHECK_HAS(csm_error_last(), "in.csv: ");
	csm_answers_free(a);
}

static void test_csv_refusals(void)
{
	expect_csv_error("item,level\n1-1,6\n", "item 1-1: level \"6\" is not a level");
	expect_csv_error("item,level\n1-1,3.0\n", "item 1-1: level \"3.0\" is not a level");
	expect_csv_error("item,level\n1-1,3\n1-1,4\n", "item 1-1: appears twice");
	expect_csv_error("1-1,3\n1-2,4\n", "unknown column \"1-1\"");
	expect_csv_error("item,evidence\n1-1,x\n", "the header must name the columns item and level");
	expect_csv_error("item,level,level\n1-1,3,3\n", "column \"level\" appears twice");
	expect_csv_error("item,level\n1-1,\"3\n", "malformed CSV");
	expect_csv_error("item,level\n1-1,3,extra\n", "row 2: more cells than the header has columns");
	expect_csv_error("item,level\n,3\n", "row 2: item id is empty");
	expect_csv_error("item,level\n1-1,\xFF\n", "invalid UTF-8");
}

static void test_check_against_questionnaire(void)
{
	csm_questionnaire *q = load_v2();
	int levels[64];
	csm_answers *a;
	size_t i, n = q ? csm_questionnaire_item_count(q) : 0;
	if (!q)
		return;
	for (i = 0; i < n; i++)
		levels[i] = 3;
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_answers_check(a, q, 0), 0);
	csm_answers_free(a);

	levels[5] = LV_NULL;
	levels[7] = LV_OMIT;
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "test.json: item 2-3: not answered yet");
	CHECK_HAS(csm_error_last(), "test.json: item 3-2: missing");
	CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), 0);
	csm_answers_free(a);

	a = parse(HEAD "\"answers\":{\"11-1\":3}}");
	CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "in.json: item 11-1: no such item in questionnaire csmg-v2");
	csm_answers_free(a);

	a = parse("{\"format\":\"csm-answers/1\",\"questionnaire\":\"other\",\"organization\":{\"name\":\"X\"},\"answers\":{}}");
	CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "questionnaire: the file answers \"other\", not \"csmg-v2\"");
	csm_answers_free(a);
	csm_questionnaire_free(q);
}

static void test_templates_round_trip(void)
{
	csm_questionnaire *q = load_v2();
	char *json = NULL, *csv = NULL;
	csm_answers *a = NULL;
	size_t i;
	if (!q)
		return;
	CHECK_INT(csm_template_json(&json, q), 0);
	CHECK_INT(csm_template_csv(&csv, q, CSM_LANG_JA), 0);
	/* A blank JSON template names its questionnaire and every item, unanswered;
	 * the blank organization name is the one thing to fill in before parsing. */
	CHECK_INT(csm_answers_parse(&a, json, strlen(json), "t.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "organization.name: missing or empty");
	CHECK_INT(csm_answers_parse(&a, csv, strlen(csv), "t.csv"), 0);
	CHECK(strncmp(csv, "\xEF\xBB\xBF", 3) == 0);
	if (a) {
		for (i = 0; i < csm_questionnaire_item_count(q); i++)
			CHECK_INT(csm_answers_get(a, csm_item_id(q, i), NULL), CSM_ANSWER_NULL);
		CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
		CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), 0);
	}
	csm_answers_free(a);
	csm_free(json);
	csm_free(csv);
	csm_questionnaire_free(q);
}

/* Parse `text` for `q`, expect it refused with `want` in the message. */
static void expect_choice_refused(const csm_questionnaire *q, const char *text, const char *want)
{
	csm_answers *a = NULL;
	CHECK_INT(csm_answers_parse_for(&a, text, strlen(text), "sc.json", q), CSM_EINVALID);
	CHECK(a == NULL);
	if (!strstr(csm_error_last(), want)) {
		fprintf(stderr, "  expected \"%s\" in: %s\n", want, csm_error_last());
		CHECK(0);
	}
	csm_answers_free(a);
}

/* Answers of a questionnaire with its own scale: choice ids, or their labels
 * in either language, in JSON and CSV; anything else refused at its place. */
static void test_choices(void)
{
	static const char *const good[8] = {"done", "partly", " 実施していない ", "Don't know", "\u3000done", NULL, "Done", "not_done"};
	csm_questionnaire *q = load_scale(), *v2 = load_v2();
	csm_answers *a = NULL;
	char *text;
	int level = 7;
	CHECK(q && v2);
	if (!q || !v2)
		goto done;
	a = choices_from(q, good);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(csm_answers_get(a, "c1", &level), CSM_ANSWER_CHOICE);
		CHECK_INT(level, 7); /* a choice is not a level */
		CHECK_STR(csm_answers_choice(a, "c1"), "done");
		CHECK_STR(csm_answers_choice(a, "c3"), "not_done");
		CHECK_STR(csm_answers_choice(a, "c4"), "unknown");
		CHECK_STR(csm_answers_choice(a, "c5"), "done");
		CHECK_STR(csm_answers_choice(a, "c7"), "done");
		CHECK_INT(csm_answers_get(a, "c6", NULL), CSM_ANSWER_NULL);
		CHECK(csm_answers_choice(a, "c6") == NULL);
		CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), 0);
		CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "item c6: not answered yet");
		/* a choice is set only by reading the file for its questionnaire */
		CHECK_INT(csm_answers_set(a, "c6", CSM_ANSWER_CHOICE, 0), CSM_EINVALID);
		CHECK_INT(csm_answers_set(a, "c1", CSM_ANSWER_NULL, 0), 0);
		CHECK(csm_answers_choice(a, "c1") == NULL);
		csm_answers_free(a);
	}
	/* without its questionnaire a choice is not a level, as before */
	text = choices_text(q, good);
	CHECK_INT(csm_answers_parse(&a, text, strlen(text), "sc.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "sc.json: item c1: level \"done\" is not a level");
	/* read for a questionnaire of levels: levels */
	CHECK_INT(csm_answers_parse_for(&a, text, strlen(text), "sc.json", v2), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "item c1: level \"done\" is not a level");
	free(text);
	{
		static const char *const bad[8] = {"done", "done", "maybe", "done", "done", "done", "done", "done"};
		text = choices_text(q, bad);
		expect_choice_refused(q, text, "sc.json: item c3: \"maybe\" is not a choice (expected done, partly, not_done, unknown or null)");
		free(text);
	}
	expect_choice_refused(q,
	                      "{\"format\": \"csm-answers/1\", \"questionnaire\": \"scale-check\", \"organization\": {\"name\": \"S\"},"
	                      " \"answers\": {\"c1\": 3, \"c2\": {\"level\": \"n/a\"}, \"c3\": true}}",
	                      "item c1: 3 is not a choice");
	expect_choice_refused(q,
	                      "{\"format\": \"csm-answers/1\", \"questionnaire\": \"scale-check\", \"organization\": {\"name\": \"S\"},"
	                      " \"answers\": {\"c1\": 3, \"c2\": {\"level\": \"n/a\"}, \"c3\": true}}",
	                      "item c2: \"n/a\" is not a choice");
	expect_choice_refused(q,
	                      "{\"format\": \"csm-answers/1\", \"questionnaire\": \"scale-check\", \"organization\": {\"name\": \"S\"},"
	                      " \"answers\": {\"c1\": 3, \"c2\": {\"level\": \"n/a\"}, \"c3\": true}}",
	                      "item c3: the value is not a choice");
	/* CSV: the row */
	expect_choice_refused(q, "item,level\nc1,done\nc2,Partly done\nc3,4\n", "sc.json: row 4 (item c3): \"4\" is not a choice (expected done, partly, not_done, unknown, or empty)");
	{
		const char *csv = "item,level,note\nc1,わからない,x\nc2,,\n";
		CHECK_INT(csm_answers_parse_for(&a, csv, strlen(csv), "sc.csv", q), 0);
	}
	if (a) {
		CHECK_STR(csm_answers_choice(a, "c1"), "unknown");
		CHECK_STR(csm_answers_note(a, "c1"), "x");
		CHECK_INT(csm_answers_get(a, "c2", NULL), CSM_ANSWER_NULL);
		csm_answers_free(a);
	}
	/* a file of levels checked against the scale, and choices against levels */
	{
		int lv[8] = {3, 3, 3, 3, 3, 3, 3, LV_NA};
		char *t = answers_text(q, lv, NULL);
		CHECK_INT(csm_answers_parse(&a, t, strlen(t), "lv.json"), 0);
		if (a) {
			CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
			CHECK_HAS(csm_error_last(), "lv.json: item c1: level 3 is not a choice (expected done, partly, not_done, unknown or null)");
			CHECK_HAS(csm_error_last(), "lv.json: item c8: \"n/a\" is not a choice");
			csm_answers_free(a);
		}
		free(t);
	}
	a = choices_from(q, good);
	if (a) {
		CHECK_INT(csm_answers_check(a, v2, CSM_ALLOW_PARTIAL), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "the file answers \"scale-check\", not \"csmg-v2\"");
		csm_answers_free(a);
	}
	CHECK_INT(csm_answers_parse_for(&a, "item,level\nc1,done\n", 19, "sc.csv", q), 0);
	if (a) { /* a CSV file names no questionnaire: checked as a file of v2, its choices are not levels */
		CHECK_INT(csm_answers_check(a, v2, CSM_ALLOW_PARTIAL), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "sc.csv: item c1: level \"done\" is not a level");
		csm_answers_free(a);
	}
	/* missing items name the choices */
	CHECK_INT(csm_answers_parse_for(&a, "item,level\nc1,done\n", 19, "sc.csv", q), 0);
	if (a) {
		CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "sc.csv: item c2: missing (give one of done, partly, not_done, unknown)");
		csm_answers_free(a);
	}
done:
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

/* The CSV of a questionnaire with its own scale: its template heads the
 * answer column "answer" (a level questionnaire's says "level"); the import
 * takes "answer", and "level" still, for either kind; the messages name the
 * column the questionnaire uses. */
#define HEAD_ANSWER "\xEF\xBB\xBFitem,answer,evidence,note,directive,question\r\n"
#define HEAD_LEVEL "\xEF\xBB\xBFitem,level,evidence,note,directive,question\r\n"
static void test_csv_answer_column(void)
{
	csm_questionnaire *q = load_scale(), *v2 = load_v2();
	csm_answers *a = NULL;
	char *csv = NULL, *filled = NULL, *nl;
	int lv = 0;
	CHECK(q && v2);
	if (!q || !v2)
		goto done;
	CHECK_INT(csm_template_csv(&csv, q, CSM_LANG_EN), 0);
	CHECK(csv && strncmp(csv, HEAD_ANSWER, sizeof HEAD_ANSWER - 1) == 0);
	if (csv && (nl = strstr(csv, "\r\nc1,,"))) { /* the blank template, c1 answered by its label */
		size_t head = (size_t)(nl - csv) + 5;
		filled = malloc(strlen(csv) + 16);
		if (filled)
			sprintf(filled, "%.*sPartly done%s", (int)head, csv, csv + head);
	}
	CHECK(filled != NULL);
	if (filled) {
		CHECK_INT(csm_answers_parse_for(&a, filled, strlen(filled), "t.csv", q), 0);
		if (a) {
			CHECK_STR(csm_answers_choice(a, "c1"), "partly");
			CHECK_INT(csm_answers_get(a, "c2", NULL), CSM_ANSWER_NULL);
			CHECK_INT(csm_answers_check(a, q, CSM_ALLOW_PARTIAL), 0);
			CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
			CHECK_HAS(csm_error_last(), "t.csv: item c2: not answered yet (answer is empty;");
			csm_answers_free(a);
		}
	}
	csm_free(csv);
	csv = NULL;
	CHECK_INT(csm_template_csv(&csv, v2, CSM_LANG_EN), 0);
	CHECK(csv && strncmp(csv, HEAD_LEVEL, sizeof HEAD_LEVEL - 1) == 0);
	/* both names, both kinds, any case */
	CHECK_INT(csm_answers_parse_for(&a, "item,level\nc1,done\n", 19, "l.csv", q), 0);
	if (a)
		CHECK_STR(csm_answers_choice(a, "c1"), "done");
	csm_answers_free(a);
	CHECK_INT(csm_answers_parse_for(&a, "item,Answer\nc1,わからない\n", 30, "a.csv", q), 0);
	if (a)
		CHECK_STR(csm_answers_choice(a, "c1"), "unknown");
	csm_answers_free(a);
	CHECK_INT(csm_answers_parse(&a, "item,answer\n1-1,4\n", 18, "v.csv"), 0);
	if (a) {
		CHECK_INT(csm_answers_get(a, "1-1", &lv), CSM_ANSWER_LEVEL);
		CHECK_INT(lv, 4);
		csm_answers_free(a);
	}
	/* refusals name the column */
	CHECK_INT(csm_answers_parse_for(&a, "item,note\nc1,x\n", 15, "n.csv", q), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "n.csv: row 1: the header must name the columns item and answer");
	CHECK_INT(csm_answers_parse(&a, "item,note\n1-1,x\n", 16, "n.csv"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "n.csv: row 1: the header must name the columns item and level");
	CHECK_INT(csm_answers_parse_for(&a, "item,answer,level\nc1,done,done\n", 31, "d.csv", q), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "d.csv: row 1: column \"level\" appears twice (level and answer name the same column)");
	CHECK_INT(csm_answers_parse_for(&a, "item,answers\nc1,done\n", 21, "u.csv", q), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "u.csv: row 1: unknown column \"answers\" (expected item, answer, evidence, note)");
done:
	free(filled);
	csm_free(csv);
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

/* csm_answers_load_in: a file is read for the questionnaire it names, found
 * through the context; a questionnaire of levels reads as before. */
static void test_choices_in_context(void)
{
	char dir[] = "/tmp/csm-test-XXXXXX", path[512], *text = NULL, *fix = NULL;
	static const char *const choices[8] = {"done", "done", "partly", "done", "unknown", "not_done", "done", "not_done"};
	csm_context_options co = CSM_CONTEXT_OPTIONS_INIT;
	csm_context *ctx = NULL;
	csm_questionnaire *q = load_scale();
	csm_answers *a = NULL;
	size_t len = 0;
	FILE *f;
	CHECK(q && mkdtemp(dir) != NULL);
	if (!q)
		return;
	snprintf(path, sizeof path, "%s/questions", dir);
	CHECK_INT(mkdir(path, 0700), 0);
	fix = test_read(SRC("test/data/scale-check.json"), &len);
	snprintf(path, sizeof path, "%s/questions/scale-check.json", dir);
	CHECK((f = fopen(path, "wb")) != NULL);
	if (f) {
		fwrite(fix, 1, len, f);
		fclose(f);
	}
	text = choices_text(q, choices);
	snprintf(path, sizeof path, "%s/a.json", dir);
	CHECK((f = fopen(path, "wb")) != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	co.data_dir = dir;
	CHECK_INT(csm_context_new(&ctx, &co), 0);
	CHECK_INT(csm_answers_load_in(&a, ctx, path, NULL), 0);
	if (a)
		CHECK_STR(csm_answers_choice(a, "c3"), "partly");
	csm_answers_free(a);
	CHECK_INT(csm_answers_parse_in(&a, ctx, "item,level\nc1,done\n", 19, "x.csv", "scale-check"), 0);
	if (a)
		CHECK_STR(csm_answers_choice(a, "c1"), "done");
	csm_answers_free(a);
	/* a broken file keeps its own message */
	CHECK_INT(csm_answers_parse_in(&a, ctx, "{\"format\": \"csm-answers/1\", \"answers\": {\"1-1\": \"x\"}}", 52, "b.json", NULL),
	          CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "b.json: questionnaire: missing");
	CHECK_HAS(csm_error_last(), "b.json: item 1-1: level \"x\" is not a level");
	csm_context_free(ctx);
	unlink(path);
	snprintf(path, sizeof path, "%s/questions/scale-check.json", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/questions", dir);
	rmdir(path);
	rmdir(dir);
	free(text);
	free(fix);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_json_values);
	RUN_TEST(test_json_refusals);
	RUN_TEST(test_json_limits);
	RUN_TEST(test_bom_and_nul);
	RUN_TEST(test_csv);
	RUN_TEST(test_csv_refusals);
	RUN_TEST(test_level_spellings);
	RUN_TEST(test_check_against_questionnaire);
	RUN_TEST(test_templates_round_trip);
	RUN_TEST(test_choices);
	RUN_TEST(test_choices_in_context);
	RUN_TEST(test_csv_answer_column);
	return test_finish();
}
