/* Questionnaire loading: the shipped csmg-v2 against the item list of the
 * Guidelines, and the loader's refusal of broken questionnaires. */
#include "common.h"

static void test_shipped_v2_matches_item_list(void)
{
	static const unsigned per_dir[CSM_DIRECTIVES] = {3, 3, 4, 3, 10, 4, 5, 2, 3, 2};
	unsigned count[CSM_DIRECTIVES] = {0};
	csm_questionnaire *q = load_v2();
	char *tsv = test_read(SRC("test/data/items-v2.tsv"), NULL), *line, *save = NULL;
	size_t i = 0;
	int d, first = 1;

	CHECK(q != NULL && tsv != NULL);
	if (!q || !tsv)
		return;
	CHECK_STR(csm_questionnaire_id(q), "csmg-v2");
	CHECK_INT(csm_questionnaire_item_count(q), 39);
	for (line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char id[16];
		int dir;
		if (first) { /* header */
			first = 0;
			continue;
		}
		CHECK_INT(sscanf(line, "%15[^\t]\t%d", id, &dir), 2);
		CHECK(i < csm_questionnaire_item_count(q));
		if (i >= csm_questionnaire_item_count(q))
			break;
		CHECK_STR(csm_item_id(q, i), id);
		CHECK_INT(csm_item_directive(q, i), dir);
		CHECK_INT(csm_questionnaire_item_find(q, id), (long long)i);
		i++;
	}
	CHECK_INT(i, 39);
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		count[csm_item_directive(q, i) - 1]++;
		CHECK(csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_JA) != NULL);
		CHECK(csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_EN) != NULL);
		CHECK(csm_item_tip_count(q, i) >= 1);
	}
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		CHECK_INT(count[d - 1], per_dir[d - 1]);
		CHECK(csm_directive_title(q, d, CSM_LANG_JA) && csm_directive_title(q, d, CSM_LANG_EN));
		CHECK(csm_directive_short(q, d, CSM_LANG_JA) && csm_directive_short(q, d, CSM_LANG_EN));
		CHECK_NEAR(csm_directive_weight(q, d), 1.0, 0);
	}
	for (d = 1; d <= 5; d++)
		CHECK(csm_questionnaire_level(q, d, CSM_LANG_EN) != NULL);
	CHECK(csm_questionnaire_level(q, 6, CSM_LANG_EN) == NULL);
	CHECK_INT(csm_questionnaire_item_find(q, "11-1"), -1);
	free(tsv);
	csm_questionnaire_free(q);
}

/* "checked" (the month a tip's facts were checked) is optional, and when
 * given must be a real month: the loader refuses anything else. */
static void test_tip_checked(void)
{
	static const char *const good = "2026-12", *const bad[] = {"2026-13", "2026-00", "2026-1", "26-12-01", "2026/12",
	                                                           "1999-12", "2026-1x", ""};
	char json[512];
	csm_tips *t = NULL;
	size_t i;
	const char *fmt = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"1-1\", "
	                  "\"title\": {\"ja\": \"題\", \"en\": \"T\"}, \"action\": {\"ja\": \"行\", \"en\": \"A\"}%s%s%s}]}";
	snprintf(json, sizeof json, fmt, ", \"checked\": \"", good, "\"");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK_STR(csm_tip_text(tip_of(t, "1-1"), CSM_TIP_CHECKED, CSM_LANG_EN), "2026-12");
	csm_tips_free(t);
	t = NULL;
	snprintf(json, sizeof json, fmt, "", "", "");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK(tip_of(t, "1-1") != NULL);
	CHECK(csm_tip_text(tip_of(t, "1-1"), CSM_TIP_CHECKED, CSM_LANG_JA) == NULL);
	csm_tips_free(t);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = NULL;
		snprintf(json, sizeof json, fmt, ", \"checked\": \"", bad[i], "\"");
		CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), CSM_EINVALID);
		CHECK(t == NULL);
		CHECK_HAS(csm_error_last(), "t.json: tip 1-1: checked: expected");
		csm_tips_free(t);
	}
	t = NULL;
	snprintf(json, sizeof json, fmt, ", \"checked\": 202612", "", "");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), CSM_EINVALID);
	csm_tips_free(t);
}

/* "budget" (what to do with no money, a little, or outside help) is optional;
 * when given, all three answers in both languages, each error naming its cell. */
static void test_tip_budget(void)
{
	static const char *const bad[][2] = {
	    {"\"budget\": \"free\"", "t.json: tip 1-1: budget: expected an object"},
	    {"\"budget\": {\"none\": {\"ja\": \"無\", \"en\": \"N\"}, \"small\": {\"ja\": \"小\", \"en\": \"S\"}}",
	     "t.json: tip 1-1: budget.outside: missing"},
	    {"\"budget\": {\"none\": {\"ja\": \"無\"}, \"small\": {\"ja\": \"小\", \"en\": \"S\"}, "
	     "\"outside\": {\"ja\": \"外\", \"en\": \"O\"}}",
	     "t.json: tip 1-1: budget.none.en: missing or empty"},
	    {"\"budget\": {\"none\": {\"ja\": \"無\", \"en\": \"N\"}, \"small\": \"x\", "
	     "\"outside\": {\"ja\": \"外\", \"en\": \"O\"}}",
	     "t.json: tip 1-1: budget.small: expected an object"},
	    {"\"budget\": {\"none\": {\"ja\": \"無\", \"en\": \"N\"}, \"small\": {\"ja\": \"小\", \"en\": \"S\"}, "
	     "\"outside\": {\"ja\": 3, \"en\": \"O\"}}",
	     "t.json: tip 1-1: budget.outside.ja: expected a string"}};
	const char *fmt = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"1-1\", "
	                  "\"title\": {\"ja\": \"題\", \"en\": \"T\"}, \"action\": {\"ja\": \"行\", \"en\": \"A\"}%s%s}]}";
	const char *good = "\"budget\": {\"none\": {\"ja\": \"無料\", \"en\": \"Free\"}, "
	                   "\"small\": {\"ja\": \"数千円\", \"en\": \"A few thousand yen\"}, "
	                   "\"outside\": {\"ja\": \"業者\", \"en\": \"A vendor\"}}";
	char json[1024];
	csm_tips *t = NULL;
	const csm_tip *tip;
	size_t i;
	snprintf(json, sizeof json, fmt, ", ", good);
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	tip = tip_of(t, "1-1");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_NONE, CSM_LANG_EN), "Free");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_EN), "A few thousand yen");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, CSM_LANG_EN), "A vendor");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_JA), "数千円");
	CHECK(csm_tip_budget(tip, (csm_budget)3, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(tip, (csm_budget)-1, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(NULL, CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(tip, CSM_BUDGET_NONE, (csm_lang)9) == NULL);
	csm_tips_free(t);
	t = NULL;
	snprintf(json, sizeof json, fmt, "", "");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	tip = tip_of(t, "1-1");
	CHECK(tip != NULL);
	CHECK(!csm_tip_budget(tip, CSM_BUDGET_NONE, CSM_LANG_JA) && !csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_JA) &&
	      !csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, CSM_LANG_EN));
	csm_tips_free(t);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = NULL;
		snprintf(json, sizeof json, fmt, ", ", bad[i][0]);
		CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), CSM_EINVALID);
		CHECK(t == NULL);
		CHECK_HAS(csm_error_last(), bad[i][1]);
		csm_tips_free(t);
	}
}

static void test_tips_cover_items(void)
{
	csm_questionnaire *q = load_v2();
	csm_tips *t = NULL;
	size_t i, k;
	CHECK_INT(csm_tips_open(&t, CSM_TEST_SRC), 0);
	if (!q || !t)
		goto done;
	CHECK(csm_tips_count(t) >= csm_questionnaire_item_count(q));
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		for (k = 0; k < csm_item_tip_count(q, i); k++) {
			const char *id = csm_item_tip(q, i, k);
			const csm_tip *tip = tip_of(t, id);
			CHECK(csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_JA) && csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN));
			CHECK(csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_JA) && csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_EN));
		}
	CHECK(tip_of(t, "no-such-tip") == NULL);
done:
	csm_tips_free(t);
	csm_questionnaire_free(q);
}

static void test_open_unknown(void)
{
	csm_questionnaire *q = NULL;
	CHECK_INT(csm_questionnaire_open(&q, CSM_TEST_SRC, "csmg-v9"), CSM_ENOTFOUND);
	CHECK(q == NULL);
	CHECK_HAS(csm_error_last(), "csmg-v9");
	CHECK_HAS(csm_error_last(), "csmg-v2"); /* lists what exists */
	CHECK_INT(csm_questionnaire_open(&q, CSM_TEST_SRC, "../tips/csmg"), CSM_EINVALID);
}

/* A minimal valid questionnaire with one item per directive, edited per case. */
static const char *mini(char *buf, size_t size, const char *item1, const char *extra_dir)
{
	size_t len = 0;
	int d;
	len += (size_t)snprintf(buf + len, size - len,
	                        "{\"format\":\"csm-questionnaire/1\",\"id\":\"mini\",\"title\":{\"ja\":\"t\",\"en\":\"t\"},"
	                        "\"levels\":{\"ja\":[\"1\",\"2\",\"3\",\"4\",\"5\"],\"en\":[\"1\",\"2\",\"3\",\"4\",\"5\"]},"
	                        "\"directives\":[");
	for (d = 1; d <= 10; d++)
		len += (size_t)snprintf(buf + len, size - len,
		                        "%s{\"id\":%d,\"title\":{\"ja\":\"d\",\"en\":\"d\"},\"short\":{\"ja\":\"s\",\"en\":\"s\"}%s}",
		                        d > 1 ? "," : "", d, d == 3 && extra_dir ? extra_dir : "");
	len += (size_t)snprintf(buf + len, size - len, "],\"items\":[%s", item1);
	for (d = 2; d <= 10; d++)
		len += (size_t)snprintf(buf + len, size - len,
		                        ",{\"id\":\"%d-1\",\"directive\":%d,\"question\":{\"ja\":\"q\",\"en\":\"q\"}}", d, d);
	snprintf(buf + len, size - len, "]}");
	return buf;
}

static void expect_bad(const char *item1, const char *extra, const char *message)
{
	char buf[8192];
	csm_questionnaire *q = NULL;
	mini(buf, sizeof buf, item1, extra);
	CHECK_INT(csm_questionnaire_parse(&q, buf, strlen(buf), "mini.json"), CSM_EINVALID);
	CHECK(q == NULL);
	CHECK_HAS(csm_error_last(), message);
	CHECK_HAS(csm_error_last(), "mini.json: ");
}

static void test_loader_refuses_broken(void)
{
	char buf[8192];
	csm_questionnaire *q = NULL;
	const char *good = "{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"},\"tips\":[\"1-1\"]}";

	mini(buf, sizeof buf, good, ",\"weight\":2");
	CHECK_INT(csm_questionnaire_parse(&q, buf, strlen(buf), "mini.json"), 0);
	if (q) {
		CHECK_INT(csm_questionnaire_item_count(q), 10);
		CHECK_NEAR(csm_directive_weight(q, 3), 2.0, 0);
		CHECK(csm_item_text(q, 0, CSM_ITEM_INTENT, CSM_LANG_EN) == NULL);
		csm_questionnaire_free(q);
	}
	/* directive 1 then has no item */
	expect_bad("{\"id\":\"1-1\",\"directive\":11,\"question\":{\"ja\":\"q\",\"en\":\"q\"}}", NULL,
	           "item 1-1: directive: expected a directive number 1..10");
	expect_bad("{\"id\":\"1-1\",\"directive\":2,\"question\":{\"ja\":\"q\",\"en\":\"q\"}}", NULL,
	           "directive 1: has no items");
	expect_bad("{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\"}}", NULL, "item 1-1: question.en");
	expect_bad("{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"\"}}", NULL,
	           "item 1-1: question.en: missing or empty");
	expect_bad("{\"id\":\"2-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"}}", NULL,
	           "item 2-1: defined twice");
	expect_bad(good, ",\"weight\":-1", "directive 3: weight");
	expect_bad("{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"},\"levels\":{\"ja\":[\"a\"],\"en\":[]}}",
	           NULL, "item 1-1: levels.ja: expected an array of 5 texts");
	{
		const char *with_csf = "{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"},"
		                       "\"csf\":[\"ID.GV-1\",\"GV.OC-01\"]}";
		mini(buf, sizeof buf, with_csf, NULL);
		CHECK_INT(csm_questionnaire_parse(&q, buf, strlen(buf), "mini.json"), 0);
		if (q) {
			CHECK_INT(csm_item_csf_count(q, 0), 2);
			CHECK_STR(csm_item_csf(q, 0, 1), "GV.OC-01");
			CHECK_INT(csm_item_csf_count(q, 1), 0);
			csm_questionnaire_free(q);
		}
	}
	expect_bad("{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"},\"csf\":[\"XX.GV-1\"]}", NULL,
	           "item 1-1: csf: \"XX.GV-1\" is not a CSF subcategory id");
	expect_bad("{\"id\":\"1-1\",\"directive\":1,\"question\":{\"ja\":\"q\",\"en\":\"q\"},\"csf\":[\"ID.GV1\"]}", NULL,
	           "is not a CSF subcategory id");
	{
		/* the official item an item asks about is kept as given */
		const char *with_ref = "{\"id\":\"1-1\",\"directive\":1,\"appendix_a\":\"10-2\",\"question\":{\"ja\":\"q\",\"en\":\"q\"}}";
		mini(buf, sizeof buf, with_ref, NULL);
		CHECK_INT(csm_questionnaire_parse(&q, buf, strlen(buf), "mini.json"), 0);
		if (q) {
			CHECK_STR(csm_item_appendix_a(q, 0), "10-2");
			CHECK(csm_item_appendix_a(q, 1) == NULL);
			csm_questionnaire_free(q);
		}
	}
	{
		static const char *const bad_refs[] = {"\"\"", "\"1\"", "\"1-\"", "\"-1\"", "\"11-1\"", "\"0-1\"",
		                                       "\"01-1\"", "\"1-0\"", "\"1-100\"", "\"1- 1\"", "\"1-1x\"", "3"};
		size_t k;
		for (k = 0; k < sizeof bad_refs / sizeof bad_refs[0]; k++) {
			char item[256];
			snprintf(item, sizeof item,
			         "{\"id\":\"1-1\",\"directive\":1,\"appendix_a\":%s,\"question\":{\"ja\":\"q\",\"en\":\"q\"}}",
			         bad_refs[k]);
			expect_bad(item, NULL, "item 1-1: appendix_a: expected an Appendix A item such as \"1-1\"");
		}
	}
	/* several problems are all reported */
	expect_bad("{\"id\":\"1-1\",\"directive\":0,\"question\":{\"ja\":\"q\"}}", NULL, "directive: expected");
	CHECK_HAS(csm_error_last(), "question.en");
}

static void test_format_version(void)
{
	csm_questionnaire *q = NULL;
	const char *v2 = "{\"format\":\"csm-questionnaire/2\"}";
	const char *other = "{\"format\":\"csm-answers/1\"}";
	CHECK_INT(csm_questionnaire_parse(&q, v2, strlen(v2), "q.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "q.json: format: version \"2\" is not supported");
	CHECK_INT(csm_questionnaire_parse(&q, other, strlen(other), "q.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "is not a csm-questionnaire file");
}

/* A questionnaire with its own answer scale: choices, group word, grading,
 * the most points, marks and each item's how, in both languages. */
static void test_scale(void)
{
	csm_questionnaire *q = load_scale(), *v2 = load_v2();
	CHECK(q != NULL && v2 != NULL);
	if (!q || !v2)
		goto done;
	CHECK_INT(csm_questionnaire_choice_count(q), 4);
	CHECK_STR(csm_questionnaire_choice_id(q, 0), "done");
	CHECK_STR(csm_questionnaire_choice_id(q, 3), "unknown");
	CHECK(csm_questionnaire_choice_id(q, 4) == NULL);
	CHECK_INT(csm_questionnaire_choice_points(q, 0), 4);
	CHECK_INT(csm_questionnaire_choice_points(q, 1), 2);
	CHECK_INT(csm_questionnaire_choice_points(q, 3), -1);
	CHECK_STR(csm_questionnaire_choice_label(q, 1, CSM_LANG_JA), "一部実施している");
	CHECK_STR(csm_questionnaire_choice_label(q, 1, CSM_LANG_EN), "Partly done");
	CHECK_INT(csm_questionnaire_choice_unknown(q), 3);
	CHECK_INT(csm_questionnaire_choice_find(q, "not_done"), 2);
	CHECK_INT(csm_questionnaire_choice_find(q, "Done"), -1);
	CHECK_INT(csm_questionnaire_group_count(q), 3);
	CHECK_STR(csm_questionnaire_group_word(q, CSM_LANG_JA), "パート");
	CHECK_STR(csm_questionnaire_group_word(q, CSM_LANG_EN), "Part");
	CHECK_INT(csm_questionnaire_graded(q), 0);
	CHECK_INT(csm_questionnaire_max_points(q), 32);
	CHECK_INT(csm_item_mark_count(q, 0), 1);
	CHECK_STR(csm_item_mark(q, 0, 0), "basic-1");
	CHECK_STR(csm_item_mark(q, 7, 0), "policy");
	CHECK_INT(csm_item_mark_count(q, 5), 0);
	CHECK(csm_item_mark(q, 5, 0) == NULL);
	CHECK_STR(csm_item_text(q, 0, CSM_ITEM_HOW, CSM_LANG_EN), "An example of the steps.");
	CHECK_STR(csm_item_text(q, 0, CSM_ITEM_HOW, CSM_LANG_JA), "手順の例です。");
	CHECK(csm_item_level(q, 0, 1, CSM_LANG_EN) == NULL);
	CHECK_STR(csm_directive_short(q, 3, CSM_LANG_EN), "Organization");
	CHECK(csm_directive_short(q, 4, CSM_LANG_EN) == NULL);
	/* a questionnaire of levels: no scale, ten directives, graded */
	CHECK_INT(csm_questionnaire_choice_count(v2), 0);
	CHECK(csm_questionnaire_choice_id(v2, 0) == NULL);
	CHECK_INT(csm_questionnaire_choice_unknown(v2), -1);
	CHECK_INT(csm_questionnaire_group_count(v2), 10);
	CHECK(csm_questionnaire_group_word(v2, CSM_LANG_EN) == NULL);
	CHECK_INT(csm_questionnaire_graded(v2), 1);
	CHECK_INT(csm_questionnaire_max_points(v2), 0);
	CHECK(csm_item_text(v2, 0, CSM_ITEM_HOW, CSM_LANG_EN) == NULL);
done:
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

/* The scale fixture with `from` replaced by `to` is refused with `want`. */
static void expect_bad_scale(const char *from, const char *to, const char *want)
{
	char *text = test_read(SRC("test/data/scale-check.json"), NULL), *at, *buf;
	csm_questionnaire *q = NULL;
	size_t n;
	CHECK(text != NULL);
	if (!text)
		return;
	at = strstr(text, from);
	CHECK(at != NULL);
	if (!at) {
		fprintf(stderr, "  fixture has no \"%s\"\n", from);
		free(text);
		return;
	}
	n = strlen(text) - strlen(from) + strlen(to) + 1;
	buf = malloc(n);
	snprintf(buf, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	CHECK_INT(csm_questionnaire_parse(&q, buf, strlen(buf), "sc.json"), CSM_EINVALID);
	CHECK(q == NULL);
	if (!strstr(csm_error_last(), want)) {
		fprintf(stderr, "  expected \"%s\" in: %s\n", want, csm_error_last());
		CHECK(0);
	}
	free(buf);
	free(text);
}

static void test_scale_refused(void)
{
	expect_bad_scale("\"id\": \"partly\"", "\"id\": \"done\"", "sc.json: scale: choice done: defined twice");
	expect_bad_scale("\"points\": 2", "\"points\": 2.5", "scale: choice partly: points: expected a whole number");
	expect_bad_scale("\"points\": 2", "\"points\": \"2\"", "scale: choice partly: points: expected a whole number");
	expect_bad_scale("\"unknown\": \"unknown\"", "\"unknown\": \"maybe\"",
	                 "scale.unknown: expected the id of one of the choices");
	expect_bad_scale("\"max_points\": 32", "\"max_points\": 100", "max_points: expected 32 (8 items times 4 points)");
	expect_bad_scale("\"grading\": \"none\"", "\"grading\": \"abc\"", "grading: expected \"none\"");
	expect_bad_scale("\"basic-3\"", "\"basic-9\"", "item c3: marks: \"basic-9\" is not a mark");
	expect_bad_scale("\"how\": {", "\"levels\": {\"ja\": [\"a\",\"b\",\"c\",\"d\",\"e\"], \"en\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}, \"how\": {",
	                 "item c1: levels: an item of a questionnaire with its own scale has no levels");
	expect_bad_scale("\"label\": {\n     \"ja\": \"実施している\",\n     \"en\": \"Done\"\n    }", "\"label\": {\"ja\": \"実施している\"}",
	                 "scale: choice done: label.en");
	expect_bad_scale("\"directive\": 3", "\"directive\": 4", "item c8: directive: expected a directive number 1..3");
	expect_bad_scale("\"choices\": [", "\"choices\": 3, \"x\": [", "scale: expected {\"choices\": [2..8 choices]");
	/* without the scale, it is a questionnaire of levels: ten directives and levels needed */
	expect_bad_scale("\"scale\"", "\"no_scale\"", "directives: expected an array of 10 directives");
}

int main(void)
{
	RUN_TEST(test_shipped_v2_matches_item_list);
	RUN_TEST(test_tip_budget);
	RUN_TEST(test_tips_cover_items);
	RUN_TEST(test_tip_checked);
	RUN_TEST(test_open_unknown);
	RUN_TEST(test_loader_refuses_broken);
	RUN_TEST(test_format_version);
	RUN_TEST(test_scale);
	RUN_TEST(test_scale_refused);
	return test_finish();
}
