/* Tips: the shipped collection loads whole, a tip reads back field by field
 * through its accessors in both languages (with "checked" and "budget", and
 * NULL out of range), a bad file is refused with the exact tip and
 * field, and a data directory's files load in name order whatever the file
 * system. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

/* One tip with every field; `extra` is spliced into it (",\"key\": value"). */
static char *tip_doc(const char *id, const char *extra)
{
	static const char fmt[] =
	    "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"%s\",\n"
	    " \"title\": {\"ja\": \"題\", \"en\": \"Title\"},\n"
	    " \"action\": {\"ja\": \"動く\", \"en\": \"Act\"},\n"
	    " \"problem\": {\"ja\": \"問題\", \"en\": \"Problem\"},\n"
	    " \"actions\": {\"ja\": [\"一\", \"二\"], \"en\": [\"One\", \"Two\"]},\n"
	    " \"first_step\": {\"ja\": \"最初\", \"en\": \"First\"},\n"
	    " \"owner\": {\"ja\": \"担当\", \"en\": \"Owner\"}%s}]}\n";
	size_t n = sizeof fmt + strlen(id) + strlen(extra);
	char *s = malloc(n);
	if (s)
		snprintf(s, n, fmt, id, extra);
	return s;
}

/* Parse `text` as file "t.json"; the return code (the message: csm_error_last()). */
static int parse_text(csm_tips **out, const char *text)
{
	*out = NULL;
	return text ? csm_tips_parse(out, text, strlen(text), "t.json") : CSM_ENOMEM;
}

static void test_shipped(void)
{
	csm_tips *t = NULL;
	const csm_tip *tip = NULL, *found = NULL;
	size_t i, j, n;
	CHECK_INT(csm_tips_open(&t, CSM_TEST_SRC), 0);
	if (!t)
		return;
	n = csm_tips_count(t);
	CHECK(n >= 40);
	CHECK_STR(csm_tip_text(csm_tips_get(t, 0), CSM_TIP_ID, CSM_LANG_JA), "1-1"); /* file order */
	CHECK(csm_tips_get(t, n) == NULL);
	for (i = 0; i < n; i++) {
		const char *id, *checked;
		tip = csm_tips_get(t, i);
		id = csm_tip_text(tip, CSM_TIP_ID, CSM_LANG_EN);
		CHECK(tip != NULL && id != NULL);
		if (!id)
			continue;
		for (j = 0; j < i; j++)
			CHECK(strcmp(id, csm_tip_text(csm_tips_get(t, j), CSM_TIP_ID, CSM_LANG_EN)) != 0);
		/* found by its id: the same tip */
		CHECK_INT(csm_tips_find(&found, t, id), 0);
		CHECK(found == tip);
		/* both languages say the same: as many actions in each */
		CHECK_INT(csm_tip_action_count(tip, CSM_LANG_EN), csm_tip_action_count(tip, CSM_LANG_JA));
		CHECK(csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN) && csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN)[0]);
		CHECK(csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_JA) && csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_JA)[0]);
		/* every shipped tip says when its facts were checked */
		checked = csm_tip_text(tip, CSM_TIP_CHECKED, CSM_LANG_JA);
		CHECK(checked && strlen(checked) == 7 && checked[4] == '-');
	}
	found = tip;
	CHECK_INT(csm_tips_find(&found, t, "no-such-tip"), CSM_ENOTFOUND);
	CHECK_STR(csm_error_last(), "tip \"no-such-tip\" does not exist");
	CHECK(found == NULL);
	csm_tips_free(t);
	csm_tips_free(NULL);
	CHECK_INT(csm_tips_count(NULL), 0);
}

static void test_fields(void)
{
	char *text = tip_doc("t-1", ",\n \"effort\": \"S\", \"cost\": \"L\", \"helps_reach\": 3, \"checked\": \"2026-07\",\n"
	                            " \"budget\": {\"none\": {\"ja\": \"無料\", \"en\": \"Free\"},"
	                            " \"small\": {\"ja\": \"少額\", \"en\": \"Small\"},"
	                            " \"outside\": {\"ja\": \"外部\", \"en\": \"Outside\"}}");
	csm_tips *t = NULL;
	const csm_tip *tip = NULL;
	CHECK_INT(parse_text(&t, text), 0);
	free(text);
	if (!t)
		return;
	CHECK_INT(csm_tips_count(t), 1);
	CHECK_INT(csm_tips_find(&tip, t, "t-1"), 0);
	CHECK(tip == csm_tips_get(t, 0));
	/* every text, in both languages */
	CHECK_STR(csm_tip_text(tip, CSM_TIP_ID, CSM_LANG_JA), "t-1");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_ID, CSM_LANG_EN), "t-1");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_JA), "題");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN), "Title");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_JA), "動く");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_EN), "Act");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_PROBLEM, CSM_LANG_JA), "問題");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_PROBLEM, CSM_LANG_EN), "Problem");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_FIRST_STEP, CSM_LANG_JA), "最初");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_FIRST_STEP, CSM_LANG_EN), "First");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_OWNER, CSM_LANG_JA), "担当");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_OWNER, CSM_LANG_EN), "Owner");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_CHECKED, CSM_LANG_JA), "2026-07");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_CHECKED, CSM_LANG_EN), "2026-07");
	/* the concrete actions, in order, and nothing past the last */
	CHECK_INT(csm_tip_action_count(tip, CSM_LANG_JA), 2);
	CHECK_INT(csm_tip_action_count(tip, CSM_LANG_EN), 2);
	CHECK_STR(csm_tip_action(tip, 0, CSM_LANG_JA), "一");
	CHECK_STR(csm_tip_action(tip, 1, CSM_LANG_JA), "二");
	CHECK_STR(csm_tip_action(tip, 0, CSM_LANG_EN), "One");
	CHECK_STR(csm_tip_action(tip, 1, CSM_LANG_EN), "Two");
	CHECK(csm_tip_action(tip, 2, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_action(tip, (size_t)-1, CSM_LANG_JA) == NULL);
	CHECK_INT(csm_tip_effort(tip), 'S');
	CHECK_INT(csm_tip_cost(tip), 'L');
	CHECK_INT(csm_tip_helps_reach(tip), 3);
	/* the budget texts, all three, in both languages */
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_NONE, CSM_LANG_JA), "無料");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_JA), "少額");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, CSM_LANG_JA), "外部");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_NONE, CSM_LANG_EN), "Free");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_EN), "Small");
	CHECK_STR(csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, CSM_LANG_EN), "Outside");
	/* out of range: NULL, never a read past the data */
	CHECK(csm_tip_budget(tip, (csm_budget)CSM_BUDGETS, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_budget(tip, (csm_budget)-1, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_budget(tip, CSM_BUDGET_NONE, (csm_lang)2) == NULL);
	CHECK(csm_tip_text(tip, (csm_tip_field)7, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_text(tip, (csm_tip_field)-1, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_text(tip, CSM_TIP_TITLE, (csm_lang)2) == NULL);
	CHECK(csm_tip_text(tip, CSM_TIP_ID, (csm_lang)-1) == NULL);
	CHECK_INT(csm_tip_action_count(tip, (csm_lang)2), 0);
	CHECK(csm_tip_action(tip, 0, (csm_lang)2) == NULL);
	/* an unknown id: CSM_ENOTFOUND, naming it, and *out NULL */
	CHECK_INT(csm_tips_find(&tip, t, "t-9"), CSM_ENOTFOUND);
	CHECK_STR(csm_error_last(), "tip \"t-9\" does not exist");
	CHECK(tip == NULL);
	csm_tips_free(t);

	/* the optional fields left out: NULL and 0, "checked" too (tips written
	 * elsewhere still load) */
	text = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"t-2\", \"title\": {\"ja\": \"題\", \"en\": \"T\"},"
	       " \"action\": {\"ja\": \"動く\", \"en\": \"A\"}}]}";
	CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), 0);
	if (!t)
		return;
	CHECK_INT(csm_tips_find(&tip, t, "t-2"), 0);
	CHECK_STR(csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN), "T");
	CHECK_STR(csm_tip_text(tip, CSM_TIP_ACTION, CSM_LANG_EN), "A");
	CHECK(csm_tip_text(tip, CSM_TIP_PROBLEM, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_text(tip, CSM_TIP_FIRST_STEP, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_text(tip, CSM_TIP_OWNER, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_text(tip, CSM_TIP_CHECKED, CSM_LANG_EN) == NULL);
	CHECK_INT(csm_tip_action_count(tip, CSM_LANG_EN), 0);
	CHECK(csm_tip_action(tip, 0, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_effort(tip) == 0 && csm_tip_cost(tip) == 0 && csm_tip_helps_reach(tip) == 0);
	CHECK(csm_tip_budget(tip, CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
	CHECK(csm_tip_budget(tip, CSM_BUDGET_SMALL, CSM_LANG_EN) == NULL);
	CHECK(csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, CSM_LANG_EN) == NULL);
	csm_tips_free(t);
}

/* The accessors' arguments: a NULL tip or collection reads as nothing, a
 * find without somewhere to put the tip is refused, never a crash. */
static void test_null_args(void)
{
	csm_tips *t = NULL;
	const csm_tip *tip = NULL;
	char *text = tip_doc("t-1", "");
	CHECK_INT(parse_text(&t, text), 0);
	free(text);
	CHECK(csm_tips_get(NULL, 0) == NULL);
	CHECK(csm_tip_text(NULL, CSM_TIP_ID, CSM_LANG_JA) == NULL);
	CHECK_INT(csm_tip_action_count(NULL, CSM_LANG_JA), 0);
	CHECK(csm_tip_action(NULL, 0, CSM_LANG_JA) == NULL);
	CHECK_INT(csm_tip_effort(NULL), 0);
	CHECK_INT(csm_tip_cost(NULL), 0);
	CHECK_INT(csm_tip_helps_reach(NULL), 0);
	CHECK(csm_tip_budget(NULL, CSM_BUDGET_NONE, CSM_LANG_JA) == NULL);
	CHECK_INT(csm_tips_find(NULL, t, "t-1"), CSM_EINVALID);
	tip = csm_tips_get(t, 0);
	CHECK_INT(csm_tips_find(&tip, NULL, "t-1"), CSM_EINVALID);
	CHECK(tip == NULL);
	CHECK_INT(csm_tips_find(&tip, t, NULL), CSM_EINVALID);
	csm_tips_free(t);
}

/* Each bad tip is refused with the whole message: file, tip, field, what. */
static void test_bad(void)
{
	static const struct {
		const char *extra, *message;
	} cases[] = {
	    {",\"checked\": \"2026-13\"",
	     "t.json: tip t-1: checked: expected the month its facts were checked, \"YYYY-MM\""},
	    {",\"checked\": \"1999-01\"",
	     "t.json: tip t-1: checked: expected the month its facts were checked, \"YYYY-MM\""},
	    {",\"checked\": \"2026-7\"",
	     "t.json: tip t-1: checked: expected the month its facts were checked, \"YYYY-MM\""},
	    {",\"checked\": 202607", "t.json: tip t-1: checked: expected the month its facts were checked, \"YYYY-MM\""},
	    {",\"effort\": \"XL\"", "t.json: tip t-1: effort: expected \"S\", \"M\" or \"L\""},
	    {",\"cost\": null", "t.json: tip t-1: cost: expected \"S\", \"M\" or \"L\""},
	    {",\"helps_reach\": 1", "t.json: tip t-1: helps_reach: expected a level 2..5"},
	    {",\"helps_reach\": 2.5", "t.json: tip t-1: helps_reach: expected a level 2..5"},
	    {",\"budget\": \"none\"",
	     "t.json: tip t-1: budget: expected an object {\"none\": ..., \"small\": ..., \"outside\": ...}"},
	    /* a budget, when given, answers all three in both languages */
	    {",\"budget\": {\"none\": {\"ja\": \"a\", \"en\": \"a\"}, \"small\": {\"ja\": \"b\", \"en\": \"\"},"
	     " \"outside\": {\"ja\": \"c\", \"en\": \"c\"}}",
	     "t.json: tip t-1: budget.small.en: missing or empty"},
	    /* two problems, both said, in file order */
	    {",\"effort\": \"s\", \"checked\": \"26-07\"",
	     "t.json: tip t-1: effort: expected \"S\", \"M\" or \"L\"\n"
	     "t.json: tip t-1: checked: expected the month its facts were checked, \"YYYY-MM\""},
	};
	static char sentinel;
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csm_tips *t = (csm_tips *)(void *)&sentinel; /* must become NULL */
		char *text = tip_doc("t-1", cases[i].extra);
		CHECK_INT(parse_text(&t, text), CSM_EINVALID);
		CHECK(t == NULL);
		CHECK_STR(csm_error_last(), cases[i].message);
		free(text);
	}
	{
		csm_tips *t = NULL;
		const char *text;
		char *doc;
		/* an empty action text, the English title missing */
		text = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"t-3\", \"title\": {\"ja\": \"題\"},"
		       " \"action\": {\"ja\": \"動く\", \"en\": \"A\"},"
		       " \"actions\": {\"ja\": [\"一\"], \"en\": [\"\"]}}]}";
		CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "t.json: tip t-3: title.en: missing or empty");
		CHECK_HAS(csm_error_last(), "t.json: tip t-3: actions.en: expected non-empty texts");
		/* a tip id given twice in one file */
		text = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"d\", \"title\": {\"ja\": \"a\", \"en\": \"a\"},"
		       " \"action\": {\"ja\": \"a\", \"en\": \"a\"}}, {\"id\": \"d\"}]}";
		CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), CSM_EINVALID);
		CHECK_STR(csm_error_last(), "t.json: tip d: defined twice");
		/* an id that is no id: by position */
		text = "{\"format\": \"csm-tips/1\", \"tips\": [{\"id\": \"no spaces\"}]}";
		CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), CSM_EINVALID);
		CHECK_STR(csm_error_last(), "t.json: tips[0].id: expected a tip id");
		/* JSON broken on line 3: line and column */
		text = "{\"format\": \"csm-tips/1\",\n \"tips\": [\n  {\"id\": \"x\",}]}";
		CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "t.json: line 3, column ");
		/* another format */
		text = "{\"format\": \"csm-answers/1\"}";
		CHECK_INT(csm_tips_parse(&t, text, strlen(text), "t.json"), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "t.json: format: \"csm-answers/1\" is not a csm-tips file");
		CHECK(t == NULL);
		CHECK_INT(csm_tips_parse(NULL, "{}", 2, "t.json"), CSM_EINVALID);
		/* a good tip after a bad one still fails the whole file */
		doc = tip_doc("t-1", ",\"effort\": 1");
		CHECK_INT(parse_text(&t, doc), CSM_EINVALID);
		CHECK(t == NULL);
		free(doc);
	}
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok = f && fputs(text, f) >= 0;
	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* One file's text with tips `a` and `b` (b may be NULL). */
static char *two_tips(const char *a, const char *b)
{
	static const char one[] = "{\"id\": \"%s\", \"title\": {\"ja\": \"題\", \"en\": \"T\"}, "
	                          "\"action\": {\"ja\": \"動く\", \"en\": \"A\"}}";
	char *s = malloc(1024);
	int n;
	if (!s)
		return NULL;
	n = snprintf(s, 1024, "{\"format\": \"csm-tips/1\", \"tips\": [");
	n += snprintf(s + n, (size_t)(1024 - n), one, a);
	if (b) {
		n += snprintf(s + n, (size_t)(1024 - n), ", ");
		n += snprintf(s + n, (size_t)(1024 - n), one, b);
	}
	snprintf(s + n, (size_t)(1024 - n), "]}\n");
	return s;
}

/* A data directory's tips/ files, read in name order (not the directory's
 * order); files not named .json are not tips; an id in two files fails. */
static void test_directory_order(void)
{
	char dir[] = "/tmp/csm-tips-XXXXXX", sub[64], path[128];
	char *zb = two_tips("z-1", NULL), *ma = two_tips("m-2", "m-1"), *aa = two_tips("a-9", NULL);
	char *dup = two_tips("m-1", NULL);
	csm_tips *t = NULL;
	if (!mkdtemp(dir) || !zb || !ma || !aa || !dup) {
		CHECK(!"setup");
		goto done;
	}
	snprintf(sub, sizeof sub, "%s/tips", dir);
	CHECK_INT(csm_tips_open(&t, dir), CSM_ENOTFOUND); /* no tips/ */
	CHECK_HAS(csm_error_last(), "/tips: no tips directory");
	CHECK_INT(mkdir(sub, 0700), 0);
	/* created out of name order */
	snprintf(path, sizeof path, "%s/zz.json", sub);
	CHECK_INT(write_file(path, zb), 0);
	snprintf(path, sizeof path, "%s/mm.json", sub);
	CHECK_INT(write_file(path, ma), 0);
	snprintf(path, sizeof path, "%s/aa.json", sub);
	CHECK_INT(write_file(path, aa), 0);
	snprintf(path, sizeof path, "%s/notes.txt", sub);
	CHECK_INT(write_file(path, "not a tips file"), 0);
	CHECK_INT(csm_tips_open(&t, dir), 0);
	CHECK_INT(csm_tips_count(t), 4);
	CHECK_STR(csm_tip_text(csm_tips_get(t, 0), CSM_TIP_ID, CSM_LANG_EN), "a-9");
	CHECK_STR(csm_tip_text(csm_tips_get(t, 1), CSM_TIP_ID, CSM_LANG_EN), "m-2"); /* a file's tips in its order */
	CHECK_STR(csm_tip_text(csm_tips_get(t, 2), CSM_TIP_ID, CSM_LANG_EN), "m-1");
	CHECK_STR(csm_tip_text(csm_tips_get(t, 3), CSM_TIP_ID, CSM_LANG_EN), "z-1");
	csm_tips_free(t);
	t = NULL;
	/* the same id in a later file: that file is named */
	snprintf(path, sizeof path, "%s/nn.json", sub);
	CHECK_INT(write_file(path, dup), 0);
	CHECK_INT(csm_tips_open(&t, dir), CSM_EINVALID);
	CHECK(t == NULL);
	{
		char want[160];
		snprintf(want, sizeof want, "%s/nn.json: tip m-1: defined twice", sub);
		CHECK_STR(csm_error_last(), want);
	}
	unlink(path);
	snprintf(path, sizeof path, "%s/zz.json", sub);
	unlink(path);
	snprintf(path, sizeof path, "%s/mm.json", sub);
	unlink(path);
	snprintf(path, sizeof path, "%s/aa.json", sub);
	unlink(path);
	snprintf(path, sizeof path, "%s/notes.txt", sub);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
done:
	free(zb);
	free(ma);
	free(aa);
	free(dup);
}

int main(void)
{
	RUN_TEST(test_shipped);
	RUN_TEST(test_fields);
	RUN_TEST(test_null_args);
	RUN_TEST(test_bad);
	RUN_TEST(test_directory_order);
	return test_finish();
}
