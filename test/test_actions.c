/* Targets and tracked actions: targets read like levels, a grade target
 * expanded as the plan raises items, action lists made from a plan, written
 * and read back (JSON and CSV, edited as a spreadsheet user would), bad cells
 * named, and the follow-up of the next assessment. */
#include <cjson/cJSON.h>

#include "common.h"

/* Answers of `q` at `level` everywhere, with `extra` JSON members put in. */
static csm_answers *answers_with(const csm_questionnaire *q, const int *levels, const char *extra, const char *date)
{
	char *text = answers_text(q, levels, "finance"), *full;
	csm_answers *a = NULL;
	size_t len = strlen(text) + strlen(extra) + 64;
	full = malloc(len);
	/* answers_text() starts with {"format": ...; put the extra members first */
	snprintf(full, len, "{%s%s", extra, text + 1);
	if (date) {
		char *d = strstr(full, "2026-11-01");
		if (d)
			memcpy(d, date, 10);
	}
	if (csm_answers_parse(&a, full, strlen(full), "t.json") != 0)
		fprintf(stderr, "answers_with: %s\n", csm_error_last());
	free(full);
	free(text);
	return a;
}

static void test_targets_parse(void)
{
	csm_questionnaire *q = load_v2();
	int lv[64], i;
	csm_answers *a;
	const char *bad = "{\"format\": \"csm-answers/1\", \"questionnaire\": \"csmg-v2\", "
	                  "\"organization\": {\"name\": \"X\", \"industry\": \"finance\", \"scope\": \"entity\"}, "
	                  "\"answers\": {}, \"targets\": {\"1-1\": 6, \"1-2\": \"n/a\", \"1-3\": 2.5, \"bad id!\": 3}, "
	                  "\"target\": {\"grade\": \"D\", \"by\": \"2027-13\"}}";
	if (!q)
		return;
	for (i = 0; i < 64; i++)
		lv[i] = 3;
	/* levels as answers give them: numbers, full-width digits; null is none */
	a = answers_with(q, lv,
	                 "\"targets\": {\"1-1\": 4, \"1-2\": \"\xEF\xBC\x95\", \"2-1\": null}, "
	                 "\"target\": {\"grade\": \"B\", \"by\": \"2027-03\"}, ",
	                 NULL);
	CHECK(a != NULL);
	CHECK_INT(csm_answers_target(a, "1-1"), 4);
	CHECK_INT(csm_answers_target(a, "1-2"), 5);
	CHECK_INT(csm_answers_target(a, "2-1"), 0);
	CHECK_INT(csm_answers_target(a, "1-3"), 0);
	CHECK_INT(csm_answers_target_grade(a), CSM_GRADE_B);
	CHECK_STR(csm_answers_target_by(a), "2027-03");
	CHECK_INT(csm_answers_check(a, q, 0), 0);
	csm_answers_free(a);
	/* every bad value named, nothing returned */
	a = NULL;
	CHECK_INT(csm_answers_parse(&a, bad, strlen(bad), "bad.json"), CSM_EINVALID);
	CHECK(a == NULL);
	CHECK_HAS(csm_error_last(), "bad.json: targets.1-1: expected a target level 1..5");
	CHECK_HAS(csm_error_last(), "bad.json: targets.1-2: expected a target level");
	CHECK_HAS(csm_error_last(), "bad.json: targets.1-3: expected a target level");
	CHECK_HAS(csm_error_last(), "bad.json: targets: \"bad id!\" is not an item id");
	CHECK_HAS(csm_error_last(), "bad.json: target.grade: \"D\" is not a grade");
	CHECK_HAS(csm_error_last(), "bad.json: target.by: \"2027-13\" is not a date");
	/* an item the questionnaire lacks */
	a = answers_with(q, lv, "\"targets\": {\"99-1\": 4}, ", NULL);
	CHECK(a != NULL);
	CHECK_INT(csm_answers_check(a, q, 0), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "t.json: targets.99-1: no such item in questionnaire csmg-v2");
	csm_answers_free(a);
	csm_questionnaire_free(q);
}

/* A grade target gives each item the level the plan raises it to; the
 * file's own item targets win; the report carries both. */
static void test_grade_expanded_as_plan(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_tips *tips = NULL;
	int lv[64], i, expect[64] = {0};
	csm_answers *a;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_plan *p = NULL;
	csm_plan_options opt = CSM_PLAN_OPTIONS_INIT;
	char *json = NULL, *text = NULL;
	cJSON *root;
	size_t n;
	if (!q || !b || csm_tips_open(&tips, CSM_TEST_SRC) != 0)
		return;
	n = csm_questionnaire_item_count(q);
	for (i = 0; i < 64; i++)
		lv[i] = 2;
	lv[0] = 3;
	a = answers_with(q, lv, "\"target\": {\"grade\": \"B\"}, \"targets\": {\"1-1\": 4}, ", NULL);
	CHECK_INT(csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0), 0);
	CHECK_INT(csm_analyze(&an, q, a, s, b), 0);
	CHECK_INT(csm_analysis_item_target(an, 0), 0); /* nothing until set */
	CHECK_INT(csm_analysis_set_targets(an, tips), 0);
	opt.target = CSM_GRADE_B;
	opt.start = an;
	CHECK_INT(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &opt), 0);
	CHECK(csm_plan_count(p) > 0);
	for (i = 0; (size_t)i < csm_plan_count(p); i++) {
		const csm_plan_move *m = csm_plan_get(p, (size_t)i);
		int k = csm_questionnaire_item_find(q, m->item);
		if (m->to > expect[k])
			expect[k] = m->to;
	}
	expect[0] = 4; /* the file's own */
	for (i = 0; (size_t)i < n; i++)
		CHECK_INT(csm_analysis_item_target(an, (size_t)i), expect[i]);
	CHECK_INT(csm_render_json(&json, an, NULL), 0);
	root = json ? cJSON_Parse(json) : NULL;
	CHECK(root != NULL);
	if (root) {
		cJSON *t = cJSON_GetObjectItem(root, "targets"), *d1;
		CHECK_STR(cJSON_GetObjectItem(t, "grade")->valuestring, "B");
		CHECK(cJSON_IsNull(cJSON_GetObjectItem(t, "by")));
		CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(t, "items"), "1-1")->valueint, 4);
		d1 = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "directives"), 0);
		/* directive 1: 1-1 at 4, the others as raised (or as they are) */
		{
			double sum = 0;
			int m = 0;
			for (i = 0; (size_t)i < n; i++)
				if (csm_item_directive(q, (size_t)i) == 1) {
					sum += expect[i] > lv[i] ? expect[i] : lv[i];
					m++;
				}
			CHECK_NEAR(cJSON_GetObjectItem(d1, "target")->valuedouble, sum / m, 1e-9);
		}
	}
	cJSON_Delete(root);
	CHECK_INT(csm_render_text(&text, an, tips, CSM_LANG_EN), 0);
	CHECK_HAS(text, "Targets (grade B)");
	CHECK_HAS(text, "1-1 3→4");
	csm_free(text);
	CHECK_INT(csm_render_text(&text, an, tips, CSM_LANG_JA), 0);
	CHECK_HAS(text, "目標 (成熟度 B)");
	csm_free(text);
	csm_free(json);
	csm_plan_free(p);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* Actions from a plan: one per item, moves merged, tips filled in. */
static void test_make_and_round_trip(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	csm_tips *tips = NULL;
	int lv[64], i;
	csm_answers *a;
	csm_plan *p = NULL;
	csm_actions *acts = NULL, *back = NULL;
	char *csv = NULL, *csv2 = NULL, *json = NULL, *json2 = NULL;
	if (!q || !b || csm_tips_open(&tips, CSM_TEST_SRC) != 0)
		return;
	for (i = 0; i < 64; i++)
		lv[i] = 2;
	a = answers_with(q, lv, "\"target\": {\"grade\": \"B\", \"by\": \"2027-03-31\"}, \"targets\": {\"10-2\": 5}, ",
	                 NULL);
	CHECK_INT(csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, NULL), 0);
	CHECK_INT(csm_actions_make(&acts, p, q, a, tips, CSM_LANG_EN), 0);
	CHECK(csm_actions_count(acts) > 0);
	for (i = 0; (size_t)i < csm_actions_count(acts); i++) {
		const csm_action *x = csm_actions_get(acts, (size_t)i);
		size_t k, seen = 0;
		int top = 0;
		for (k = 0; k < csm_plan_count(p); k++) {
			const csm_plan_move *m = csm_plan_get(p, k);
			if (strcmp(m->item, x->item) == 0) {
				seen++;
				if (m->to > top)
					top = m->to;
			}
		}
		if (strcmp(x->item, "10-2") == 0 && !seen) {
			CHECK_INT(x->to, 5); /* the file's own target the plan leaves */
		} else {
			CHECK(seen > 0);
			CHECK_INT(x->to, top);
		}
		CHECK_INT(x->from, 2);
		CHECK_INT(x->status, CSM_ACTION_OPEN);
		CHECK_STR(x->due, "2027-03-31");
		CHECK(x->owner[0] && x->first_step[0] && x->tip[0]);
		CHECK(x->effort == 'S' || x->effort == 'M' || x->effort == 'L');
	}
	/* the same list read back from either form writes the same bytes */
	CHECK_INT(csm_actions_write(&csv, acts, 1), 0);
	CHECK_INT(csm_actions_write(&json, acts, 0), 0);
	CHECK(csv && memcmp(csv, "\xEF\xBB\xBFitem,directive,from,to,", 25) == 0 && strstr(csv, "\r\n"));
	CHECK_INT(csm_actions_parse(&back, csv, strlen(csv), "a.csv"), 0);
	CHECK_INT(csm_actions_write(&csv2, back, 1), 0);
	CHECK_STR(csv2, csv);
	csm_actions_free(back);
	back = NULL;
	CHECK_INT(csm_actions_parse(&back, json, strlen(json), "a.json"), 0);
	CHECK_INT(csm_actions_write(&json2, back, 0), 0);
	CHECK_STR(json2, json);
	CHECK_HAS(json, "\"organization\": \"");
	CHECK(csm_actions_organization(back) && strcmp(csm_actions_organization(back), csm_actions_organization(acts)) == 0);
	csm_actions_free(back);
	back = NULL;
	/* and from the workbook sheet, in either language */
	for (i = 0; i < 2; i++) {
		unsigned char *xl = NULL;
		size_t xl_len = 0;
		int rc = csm_actions_xlsx(&xl, &xl_len, acts, i ? CSM_LANG_EN : CSM_LANG_JA);
		if (rc == CSM_EUNSUPPORTED)
			break; /* built without the workbook back end */
		CHECK_INT(rc, 0);
		CHECK_INT(csm_actions_parse(&back, (const char *)xl, xl_len, "a.xlsx"), 0);
		csm_free(json2);
		json2 = NULL;
		CHECK_INT(csm_actions_write(&json2, back, 0), 0);
		CHECK_STR(json2, json);
		csm_actions_free(back);
		back = NULL;
		csm_free(xl);
	}
	csm_free(csv);
	csm_free(csv2);
	csm_free(json);
	csm_free(json2);
	csm_actions_free(acts);
	csm_plan_free(p);
	csm_answers_free(a);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

/* A CSV as a spreadsheet saves it after a user edits it. */
static void test_spreadsheet_edits(void)
{
	const char *edited = "\xEF\xBB\xBFitem,directive,from,to,tip,first_step,owner,effort,cost,due,status,note\r\n"
	                     "9-2,9,1,3,9-2,\"Ask procurement\",Sato,M,S,2027-03,In Progress,\"=SUM(A1)\"\r\n"
	                     ",,,,,,,,,,,\r\n" /* a blank row */
	                     "1-1,1,2,4,1-1,Step,\"Kato, IT\",S,,2027/3/15,done,\"two\nlines\"\r\n";
	csm_actions *acts = NULL, *back = NULL;
	char *csv = NULL;
	const csm_action *x;
	CHECK_INT(csm_actions_parse(&acts, edited, strlen(edited), "e.csv"), 0);
	CHECK_INT(csm_actions_count(acts), 2);
	x = csm_actions_get(acts, 0);
	CHECK_INT(x->status, CSM_ACTION_IN_PROGRESS);
	CHECK_STR(x->owner, "Sato");
	CHECK_STR(x->note, "=SUM(A1)");
	x = csm_actions_get(acts, 1);
	CHECK_INT(x->status, CSM_ACTION_DONE);
	CHECK_STR(x->owner, "Kato, IT");
	CHECK_INT(x->cost, 0);
	CHECK_STR(x->note, "two\nlines");
	CHECK_STR(x->due, "2027-03-15"); /* as Excel in Japan saves a date */
	/* written again, the formula is guarded; read again, it is the user's text */
	CHECK_INT(csm_actions_write(&csv, acts, 1), 0);
	CHECK_HAS(csv, ",in_progress,\"'=SUM(A1)\"\r\n");
	CHECK_INT(csm_actions_parse(&back, csv, strlen(csv), "again.csv"), 0);
	CHECK_STR(csm_actions_get(back, 0)->note, "=SUM(A1)");
	CHECK_STR(csm_actions_get(back, 1)->owner, "Kato, IT");
	csm_actions_free(back);
	csm_free(csv);
	csm_actions_free(acts);
}

/* Bad cells named by file, line (of the record's start) and column. */
static void test_bad_cells(void)
{
	const char *bad = "item,from,to,status,due,note\r\n"
	                  "1-1,2,3,open,,\"a\nb\"\r\n"      /* lines 2-3 */
	                  "1-2,2,3,finished,2027-03,\r\n"   /* line 4 */
	                  "1-3,2,6,open,2027-02-30,\r\n"    /* line 5 */
	                  "1-1,2,3,open,,\r\n";             /* line 6: twice */
	const char *json = "{\"format\": \"csm-actions/1\", \"actions\": [{\"item\": \"1-1\", \"from\": 2, \"to\": 3, "
	                   "\"status\": \"closed\"}, {\"item\": \"1-2\", \"from\": 2, \"to\": 3, \"status\": \"done\", "
	                   "\"due\": \"soon\"}]}";
	const char *unknown = "item,from,to,status,colour\r\n1-1,2,3,open,red\r\n";
	const char *labels = "item,from,to,status\r\n1-1,2,3,\xE9\x80\xB2\xE8\xA1\x8C\xE4\xB8\xAD\r\n" /* 進行中 */
	                     "1-2,2,3,dropped\r\n1-3,2,3,\xE5\xAE\x8C\xE4\xBA\x86\r\n";           /* 完了 */
	csm_actions *acts = NULL;
	CHECK_INT(csm_actions_parse(&acts, bad, strlen(bad), "b.csv"), CSM_EINVALID);
	CHECK(acts == NULL);
	CHECK_HAS(csm_error_last(), "b.csv:4: status: \"finished\" is not open, in_progress, done or dropped");
	CHECK_HAS(csm_error_last(), "b.csv:5: to: \"6\" is not a level 1..5");
	CHECK_HAS(csm_error_last(), "b.csv:5: due: \"2027-02-30\" is not a date");
	CHECK_HAS(csm_error_last(), "b.csv:6: item: 1-1 has an action already");
	CHECK_INT(csm_actions_parse(&acts, json, strlen(json), "b.json"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "b.json: actions[0]: status: \"closed\" is not");
	CHECK_HAS(csm_error_last(), "b.json: actions[1]: due: \"soon\" is not a date");
	CHECK_INT(csm_actions_parse(&acts, unknown, strlen(unknown), "u.csv"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "u.csv:1: column 5: unknown column \"colour\"");
	{
		const char *open_quote = "item,from,to,status\r\n\"1-1,2,3,open\r\n";
		CHECK_INT(csm_actions_parse(&acts, open_quote, strlen(open_quote), "q.csv"), CSM_EINVALID);
	}
	CHECK_HAS(csm_error_last(), "q.csv:2: a quote is not closed");
	CHECK_INT(csm_actions_parse(&acts, "", 0, "e.csv"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "e.csv: empty file");
	/* the workbook's status labels, in Japanese too, are statuses */
	CHECK_INT(csm_actions_parse(&acts, labels, strlen(labels), "l.csv"), 0);
	CHECK_INT(csm_actions_get(acts, 0)->status, CSM_ACTION_IN_PROGRESS);
	CHECK_INT(csm_actions_get(acts, 1)->status, CSM_ACTION_DROPPED);
	CHECK_INT(csm_actions_get(acts, 2)->status, CSM_ACTION_DONE);
	csm_actions_free(acts);
	acts = NULL;
	/* a zip that is no workbook */
	CHECK_INT(csm_actions_parse(&acts, "PK\x03\x04junk", 8, "z.xlsx"), CSM_EINVALID);
	CHECK(acts == NULL);
}

/* Last year's actions against this year's answers. */
static void test_followup(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	int old[64], now[64], i;
	csm_answers *pa, *a;
	csm_score *ps = NULL, *s = NULL;
	csm_analysis *an = NULL;
	csm_actions *acts = NULL;
	char *json = NULL, *text = NULL;
	cJSON *root, *f;
	/* 1-1 done and moved; 1-2 done, did not move; 1-3 open, due passed;
	 * 2-1 in progress, due later; 2-2 moved without an action; 2-3 dropped */
	const char *list = "item,from,to,status,due\r\n"
	                   "1-1,2,3,done,2027-03\r\n"
	                   "1-2,2,3,done,\r\n"
	                   "1-3,2,3,open,2027-03\r\n"
	                   "2-1,2,3,in_progress,2027-10\r\n"
	                   "2-3,2,3,dropped,2027-01\r\n";
	if (!q || !b)
		return;
	for (i = 0; i < 64; i++)
		old[i] = now[i] = 2;
	now[0] = 3;
	now[4] = 4; /* 2-2 */
	pa = answers_with(q, old, "", "2026-10-01");
	a = answers_with(q, now, "", "2027-10-01");
	CHECK_INT(csm_actions_parse(&acts, list, strlen(list), "l.csv"), 0);
	CHECK_INT(csm_score_compute(&ps, q, pa, csm_benchmark_grading(b), 0), 0);
	CHECK_INT(csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0), 0);
	CHECK_INT(csm_analyze(&an, q, a, s, b), 0);
	CHECK_INT(csm_analysis_set_previous(an, pa, ps), 0);
	CHECK_INT(csm_analysis_set_actions(an, acts, 1822435200LL), 0); /* 2027-10-02 */
	CHECK_INT(csm_render_json(&json, an, NULL), 0);
	root = json ? cJSON_Parse(json) : NULL;
	f = cJSON_GetObjectItem(root, "followup");
	CHECK(f != NULL);
	if (f) {
		cJSON *e;
		CHECK_STR(cJSON_GetObjectItem(f, "today")->valuestring, "2027-10-02");
		CHECK_INT(cJSON_GetObjectItem(f, "done")->valueint, 2);
		CHECK_INT(cJSON_GetObjectItem(f, "dropped")->valueint, 1);
		e = cJSON_GetObjectItem(f, "done_moved");
		CHECK_INT(cJSON_GetArraySize(e), 1);
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(e, 0), "item")->valuestring, "1-1");
		CHECK_INT(cJSON_GetObjectItem(cJSON_GetArrayItem(e, 0), "to")->valueint, 3);
		e = cJSON_GetObjectItem(f, "done_not_moved");
		CHECK_INT(cJSON_GetArraySize(e), 1);
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(e, 0), "item")->valuestring, "1-2");
		e = cJSON_GetObjectItem(f, "moved_without_action");
		CHECK_INT(cJSON_GetArraySize(e), 1);
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(e, 0), "item")->valuestring, "2-2");
		e = cJSON_GetObjectItem(f, "overdue"); /* 2-1 is due at the end of October; 2-3 was dropped */
		CHECK_INT(cJSON_GetArraySize(e), 1);
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(e, 0), "item")->valuestring, "1-3");
	}
	cJSON_Delete(root);
	CHECK_INT(csm_render_text(&text, an, NULL, CSM_LANG_EN), 0);
	CHECK_HAS(text, "Done, and the item moved (1): 1-1 2→3\n");
	CHECK_HAS(text, "Done, but the item did not move (ask for evidence) (1): 1-2 at 2\n");
	CHECK_HAS(text, "Moved without an action (1): 2-2 2→4\n");
	CHECK_HAS(text, "Open past their due date (1):\n    1-3 due 2027-03\n");
	csm_free(text);
	/* a month is due until its last day */
	CHECK_INT(csm_analysis_set_actions(an, acts, 1806451200LL), 0); /* 2027-03-31 */
	CHECK_INT(csm_render_text(&text, an, NULL, CSM_LANG_JA), 0);
	CHECK_HAS(text, "期限を過ぎた未完了の対策 (0): なし\n");
	csm_free(text);
	/* forgotten: no follow-up */
	CHECK_INT(csm_analysis_set_actions(an, NULL, 0), 0);
	CHECK_INT(csm_render_text(&text, an, NULL, CSM_LANG_EN), 0);
	CHECK(text && !strstr(text, "Follow-up"));
	csm_free(text);
	csm_free(json);
	csm_actions_free(acts);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_score_free(ps);
	csm_answers_free(a);
	csm_answers_free(pa);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}

int main(void)
{
	RUN_TEST(test_targets_parse);
	RUN_TEST(test_grade_expanded_as_plan);
	RUN_TEST(test_make_and_round_trip);
	RUN_TEST(test_spreadsheet_edits);
	RUN_TEST(test_bad_cells);
	RUN_TEST(test_followup);
	return test_finish();
}
