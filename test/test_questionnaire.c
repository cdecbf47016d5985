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
	csm_tip_info info;
	size_t i;
	const char *fmt = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"1-1\", "
	                  "\"title\": {\"ja\": \"題\", \"en\": \"T\"}, \"action\": {\"ja\": \"行\", \"en\": \"A\"}%s%s%s}]}";
	snprintf(json, sizeof json, fmt, ", \"checked\": \"", good, "\"");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK_INT(csm_tip_get(&info, t, "1-1", CSM_LANG_EN), 0);
	CHECK_STR(info.checked, "2026-12");
	csm_tips_free(t);
	t = NULL;
	snprintf(json, sizeof json, fmt, "", "", "");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK_INT(csm_tip_get(&info, t, "1-1", CSM_LANG_JA), 0);
	CHECK(info.checked == NULL);
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
	csm_tip_info info;
	size_t i;
	snprintf(json, sizeof json, fmt, ", ", good);
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK_INT(csm_tip_get(&info, t, "1-1", CSM_LANG_EN), 0);
	CHECK_STR(info.budget[CSM_BUDGET_NONE], "Free");
	CHECK_STR(info.budget[CSM_BUDGET_SMALL], "A few thousand yen");
	CHECK_STR(info.budget[CSM_BUDGET_OUTSIDE], "A vendor");
	CHECK_STR(csm_tip_budget(t, "1-1", CSM_BUDGET_SMALL, CSM_LANG_JA), "数千円");
	CHECK(csm_tip_budget(t, "1-1", (csm_budget)3, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(t, "1-1", (csm_budget)-1, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(t, "no-such-tip", CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(NULL, "1-1", CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(t, "1-1", CSM_BUDGET_NONE, (csm_lang)9) == NULL);
	csm_tips_free(t);
	t = NULL;
	snprintf(json, sizeof json, fmt, "", "");
	CHECK_INT(csm_tips_parse(&t, json, strlen(json), "t.json"), 0);
	CHECK_INT(csm_tip_get(&info, t, "1-1", CSM_LANG_JA), 0);
	CHECK(!info.budget[0] && !info.budget[1] && !info.budget[2]);
	CHECK(csm_tip_budget(t, "1-1", CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
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
			CHECK(csm_tip_title(t, id, CSM_LANG_JA) && csm_tip_title(t, id, CSM_LANG_EN));
			CHECK(csm_tip_action(t, id, CSM_LANG_JA) && csm_tip_action(t, id, CSM_LANG_EN));
		}
	CHECK(csm_tip_title(t, "no-such-tip", CSM_LANG_EN) == NULL);
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

int main(void)
{
	RUN_TEST(test_shipped_v2_matches_item_list);
	RUN_TEST(test_tip_budget);
	RUN_TEST(test_tips_cover_items);
	RUN_TEST(test_tip_checked);
	RUN_TEST(test_open_unknown);
	RUN_TEST(test_loader_refuses_broken);
	RUN_TEST(test_format_version);
	return test_finish();
}
