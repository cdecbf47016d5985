/* The supply-chain model (supply.c): risk order within a questionnaire
 * (levels, and points for a questionnaire with its own scale), questionnaires kept apart, the roster matched by organization identity
 * (full-width and half-width forms), files that failed, the stale mark, and
 * the three renderings of one model. */
#include <cjson/cJSON.h>

#include "common.h"
#include "harness.h"
#include "json.h"
#include "util.h"

/* 2026-12-01 00:00 UTC */
#define TODAY 1796083200LL

static csm_questionnaire *load_sme(void)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_open(&q, CSM_TEST_SRC, "sme-light") != 0)
		fprintf(stderr, "cannot load sme-light: %s\n", csm_error_last());
	return q;
}

/* Answers of `q` for organization `name` (NULL: none) dated `date` (NULL:
 * none): every item at `level`, except items of directive `low_dir` at
 * `low` and the first `blank` items left null. */
static csm_answers *make(const csm_questionnaire *q, const char *name, const char *date, int level, int low_dir,
                         int low, size_t blank)
{
	csm__buf b = {0};
	char *text = NULL;
	csm_answers *a = NULL;
	size_t i, n = csm_questionnaire_item_count(q);
	csm__buf_printf(&b, "{\"format\":\"csm-answers/1\",\"questionnaire\":\"%s\",\"organization\":{",
	                csm_questionnaire_id(q));
	if (name) {
		csm__buf_puts(&b, "\"name\":");
		csm__buf_json_string(&b, name);
	}
	csm__buf_puts(&b, "}");
	if (date)
		csm__buf_printf(&b, ",\"assessed_on\":\"%s\"", date);
	csm__buf_puts(&b, ",\"answers\":{");
	for (i = 0; i < n; i++) {
		int lv = csm_item_directive(q, i) == low_dir ? low : level;
		if (i < blank)
			csm__buf_printf(&b, "%s\"%s\":null", i ? "," : "", csm_item_id(q, i));
		else
			csm__buf_printf(&b, "%s\"%s\":%d", i ? "," : "", csm_item_id(q, i), lv);
	}
	csm__buf_puts(&b, "}}");
	if (csm__buf_finish(&b, &text) == 0 && csm_answers_parse(&a, text, strlen(text), name ? name : "noname") != 0)
		fprintf(stderr, "make: %s\n", csm_error_last());
	free(text);
	return a;
}

/* Score `a` on `q` (partial allowed, graded as the trial grades csmg-v2)
 * and add it as `file`. Frees the answers and score. */
static int add(csm_supply *sp, const csm_questionnaire *q, csm_answers *a, const char *file, int graded)
{
	static const csm_grading g = {3.75, 2.67};
	csm_score *s = NULL;
	int rc = a ? csm_score_compute(&s, q, a, graded ? &g : NULL, CSM_ALLOW_PARTIAL) : -1;
	if (!rc)
		rc = csm_supply_add(sp, a, s, file);
	csm_score_free(s);
	csm_answers_free(a);
	return rc;
}

static void test_order(void)
{
	csm_questionnaire *v2 = load_v2(), *sme = load_sme();
	csm_supply *sp = NULL;
	const csm_supply_row *r;
	CHECK(v2 && sme);
	if (!v2 || !sme)
		goto cleanup;
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	/* csmg-v2: overall 3 (weakest 2.0 in directive 9), overall 3 with the
	 * weakest at 1 (lower weakest: more risk), 2, and one with nothing
	 * answered (the top). sme-light: two, apart. */
	CHECK_INT(add(sp, v2, make(v2, "Alpha", "2026-10-01", 3, 0, 0, 0), "alpha.json", 1), 0);
	CHECK_INT(add(sp, sme, make(sme, "Small One", "2026-10-01", 2, 0, 0, 0), "s1.json", 0), 0);
	CHECK_INT(add(sp, v2, make(v2, "Beta", "2026-10-01", 2, 0, 0, 0), "beta.json", 1), 0);
	CHECK_INT(add(sp, v2, make(v2, "Empty", "2026-10-01", 3, 0, 0, 1000), "empty.json", 1), 0);
	CHECK_INT(add(sp, sme, make(sme, "Small Two", "2026-10-01", 4, 9, 1, 0), "s2.json", 0), 0);
	CHECK_INT(csm_supply_count(sp), 5);
	/* the same overall as Alpha's by construction is not possible with one low
	 * directive, so check the tie rule on equal files: unanswered first */
	CHECK_INT(add(sp, v2, make(v2, "Gamma", "2026-10-01", 3, 0, 0, 2), "gamma.json", 1), 0);
	CHECK_INT(add(sp, v2, make(v2, "Delta", "2026-10-01", 3, 0, 0, 0), "delta.json", 1), 0);
	CHECK_INT(csm_supply_count(sp), 7);
	{
		static const char *const want[7] = {"Empty", "Beta", "Gamma", "Alpha", "Delta", "Small One", "Small Two"};
		static const size_t rank[7] = {1, 2, 3, 4, 5, 1, 2};
		size_t i;
		for (i = 0; i < 7; i++) {
			r = csm_supply_get(sp, i);
			CHECK(r != NULL);
			if (!r)
				continue;
			CHECK_STR(r->supplier, want[i]);
			CHECK_INT(r->rank, rank[i]);
			CHECK_INT(r->on_roster, -1);
		}
	}
	r = csm_supply_get(sp, 0);
	CHECK_INT(r->has_overall, 0);
	CHECK_INT(r->weakest, 0);
	CHECK_INT(r->unanswered, (int)csm_questionnaire_item_count(v2));
	r = csm_supply_get(sp, 1);
	CHECK_NEAR(r->overall, 2.0, 1e-9);
	CHECK_INT(r->grade, CSM_GRADE_C);
	CHECK_STR(r->questionnaire, "csmg-v2");
	r = csm_supply_get(sp, 2); /* Gamma: two unanswered items, overall 3 like Alpha and Delta */
	CHECK_INT(r->unanswered, 2);
	r = csm_supply_get(sp, 6); /* Small Two: weakest directive 9 at 1, no grade (none given) */
	CHECK_INT(r->weakest, 9);
	CHECK_NEAR(r->weakest_score, 1.0, 1e-9);
	CHECK_INT(r->grade, CSM_GRADE_NONE);
	CHECK_STR(r->questionnaire, "sme-light");
	CHECK(csm_supply_get(sp, 7) == NULL);
	/* a weakest directive breaks a tie of overall: Tie-A's weakest is lower */
	{
		csm_supply *t = NULL;
		CHECK_INT(csm_supply_new(&t, TODAY), 0);
		/* sme-light has 12 items over 10 directives (3 has two): directive 3 at
		 * 1,1 vs directive 1 at 1 plus directive 2 at 1 give the same sum */
		CHECK_INT(add(t, sme, make(sme, "Tie-B", "2026-10-01", 3, 1, 1, 0), "b.json", 0), 0);
		CHECK_INT(add(t, sme, make(sme, "Tie-A", "2026-10-01", 3, 3, 1, 0), "a.json", 0), 0);
		r = csm_supply_get(t, 0);
		CHECK(r != NULL);
		/* directive 3 at 1 lowers the overall by 0.2, directive 1 at 1 by 0.2:
		 * equal overall, equal weakest (1.0): the input order decides */
		if (r) {
			CHECK_NEAR(csm_supply_get(t, 0)->overall, csm_supply_get(t, 1)->overall, 1e-9);
			CHECK_STR(r->supplier, "Tie-B");
		}
		csm_supply_free(t);
	}
cleanup:
	csm_supply_free(sp);
	csm_questionnaire_free(v2);
	csm_questionnaire_free(sme);
}

static void test_roster(void)
{
	csm_questionnaire *sme = load_sme();
	csm_supply *sp = NULL;
	const csm_supply_row *r;
	/* full-width Latin, ideographic space, half-width katakana, a BOM, CRLF,
	 * a blank line, an extra column */
	static const char roster[] = "\xEF\xBB\xBF"
	                             "取引先,コード,連絡先,memo\r\n"
	                             "ＡＣＭＥ　Ｃｏ．,A-1,acme@example.com,x\r\n"
	                             "ﾐﾅﾄ ｼｮｳｶｲ,M-2,,\r\n"
	                             "\r\n"
	                             "Silent Ltd.,S-3,silent@example.com,\r\n";
	CHECK(sme != NULL);
	if (!sme)
		return;
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	CHECK_INT(add(sp, sme, make(sme, "acme co.", "2026-10-01", 3, 0, 0, 0), "acme.json", 0), 0);
	CHECK_INT(csm_supply_roster_parse(sp, roster, sizeof roster - 1, "roster.csv"), 0);
	/* an answer added after the roster is matched too */
	CHECK_INT(add(sp, sme, make(sme, "ミナト ショウカイ", "2026-10-01", 2, 0, 0, 0), "minato.json", 0), 0);
	CHECK_INT(add(sp, sme, make(sme, "Stranger Inc.", "2026-10-01", 4, 0, 0, 0), "stranger.json", 0), 0);
	{ /* a CSV file names no organization */
		csm__buf b = {0};
		char *text = NULL;
		csm_answers *a = NULL;
		size_t i;
		csm__buf_puts(&b, "item,level\n");
		for (i = 0; i < csm_questionnaire_item_count(sme); i++)
			csm__buf_printf(&b, "%s,4\n", csm_item_id(sme, i));
		CHECK_INT(csm__buf_finish(&b, &text), 0);
		CHECK_INT(csm_answers_parse(&a, text, strlen(text), "noname.csv"), 0);
		CHECK_INT(csm_answers_field_set(a, CSM_FIELD_QUESTIONNAIRE, "sme-light"), 0);
		CHECK_INT(add(sp, sme, a, NULL, 0), 0);
		free(text);
	}
	CHECK_INT(csm_supply_count(sp), 4);
	r = csm_supply_get(sp, 0);
	CHECK_STR(r->supplier, "ミナト ショウカイ");
	CHECK_INT(r->on_roster, 1);
	CHECK_STR(r->roster_id, "M-2");
	r = csm_supply_get(sp, 1);
	CHECK_STR(r->supplier, "acme co.");
	CHECK_INT(r->on_roster, 1);
	CHECK_STR(r->roster_id, "A-1");
	CHECK_STR(r->contact, "acme@example.com");
	CHECK_INT(csm_supply_get(sp, 3)->on_roster, 0);
	CHECK_STR(csm_supply_get(sp, 3)->supplier, "Stranger Inc.");
	r = csm_supply_get(sp, 2); /* undated: before Stranger's equal scores */
	CHECK(r != NULL);
	if (r) { /* no name: not on the roster, named by its file */
		CHECK_INT(r->on_roster, 0);
		CHECK_STR(r->supplier, "");
		CHECK_STR(r->file, "noname.csv");
	}
	CHECK_INT(csm_supply_missing_count(sp), 1);
	r = csm_supply_missing(sp, 0);
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->supplier, "Silent Ltd.");
		CHECK_STR(r->roster_id, "S-3");
		CHECK_STR(r->file, "");
	}
	CHECK(csm_supply_missing(sp, 1) == NULL);
	/* bad rosters: every problem, with the line; the old roster stays */
	{
		static const char nohead[] = "supplier name,code\nACME,1\n";
		static const char bad[] = "name,id\nACME,1\n,2\nＡＣＭＥ,3\n\"open\n";
		CHECK_INT(csm_supply_roster_parse(sp, nohead, sizeof nohead - 1, "r1.csv"), CSM_EINVALID);
		CHECK(strstr(csm_error_last(), "r1.csv:1: the header must name a column name") != NULL);
		CHECK_INT(csm_supply_roster_parse(sp, bad, sizeof bad - 1, "r2.csv"), CSM_EINVALID);
		CHECK(strstr(csm_error_last(), "r2.csv:3: the name is empty") != NULL);
		CHECK(strstr(csm_error_last(), "r2.csv:4: \"ＡＣＭＥ\" is already on line 2") != NULL);
		CHECK(strstr(csm_error_last(), "malformed CSV") != NULL);
		CHECK_INT(csm_supply_roster_parse(sp, "", 0, "r3.csv"), CSM_EINVALID);
		CHECK_INT(csm_supply_missing_count(sp), 1);
		CHECK_INT(csm_supply_get(sp, 0)->on_roster, 1);
	}
	/* a new roster replaces the old: nobody matches now */
	{
		static const char other[] = "name\nOther\n";
		CHECK_INT(csm_supply_roster_parse(sp, other, sizeof other - 1, "r4.csv"), 0);
		CHECK_INT(csm_supply_missing_count(sp), 1);
		CHECK_INT(csm_supply_get(sp, 0)->on_roster, 0);
		CHECK_STR(csm_supply_get(sp, 0)->roster_id, "");
	}
	csm_supply_free(sp);
	csm_questionnaire_free(sme);
}

static void test_failed_and_stale(void)
{
	csm_questionnaire *sme = load_sme();
	csm_supply *sp = NULL;
	const csm_supply_row *r;
	CHECK(sme != NULL);
	if (!sme)
		return;
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	CHECK_INT(csm_supply_add_failure(sp, "bad.json", "bad.json: line 1, column 2: invalid JSON"), 0);
	CHECK_INT(add(sp, sme, make(sme, "Old", "2025-11-30", 3, 0, 0, 0), "old.json", 0), 0);   /* 366 days */
	CHECK_INT(add(sp, sme, make(sme, "Year", "2025-12-01", 3, 0, 0, 0), "year.json", 0), 0); /* 365 days */
	CHECK_INT(add(sp, sme, make(sme, "Undated", NULL, 3, 0, 0, 0), "undated.json", 0), 0);
	CHECK_INT(csm_supply_failed_count(sp), 1);
	r = csm_supply_failed(sp, 0);
	CHECK_STR(r->file, "bad.json");
	CHECK(strstr(r->error, "invalid JSON") != NULL);
	/* equal scores: undated first, then the oldest */
	CHECK_STR(csm_supply_get(sp, 0)->supplier, "Undated");
	CHECK_INT(csm_supply_get(sp, 0)->stale, 1);
	CHECK_STR(csm_supply_get(sp, 1)->supplier, "Old");
	CHECK_INT(csm_supply_get(sp, 1)->stale, 1);
	CHECK_STR(csm_supply_get(sp, 2)->supplier, "Year");
	CHECK_INT(csm_supply_get(sp, 2)->stale, 0);
	CHECK_INT(csm_supply_new(NULL, TODAY), CSM_EINVALID);
	CHECK_INT(csm_supply_add(sp, NULL, NULL, NULL), CSM_EINVALID);
	CHECK(csm_supply_get(NULL, 0) == NULL);
	csm_supply_free(sp);
	csm_questionnaire_free(sme);
}

/* Text, CSV and JSON render one model, in both languages. */
/* A row with no organization name (a CSV file) is named by its file in the
 * text report, and a file that cannot be read is listed with its message: a
 * file name of any length (here 1,200 bytes, past any fixed buffer) comes out
 * whole, in both languages. */
static void test_long_file_name(void)
{
	csm_questionnaire *v2 = load_v2();
	csm_supply *sp = NULL;
	char file[1201], *out = NULL, *want = NULL;
	csm__buf b = {0};
	size_t i;
	CHECK(v2 != NULL);
	if (!v2)
		goto cleanup;
	for (i = 0; i < sizeof file - 1; i++)
		file[i] = i % 100 == 99 ? '/' : (char)('a' + i % 26);
	memcpy(file + sizeof file - 6, ".json", 6);
	CHECK_INT(strlen(file), 1200);
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	{ /* a CSV file names no organization */
		csm_answers *a = NULL;
		char *text = NULL;
		csm__buf_puts(&b, "item,level\n");
		for (i = 0; i < csm_questionnaire_item_count(v2); i++)
			csm__buf_printf(&b, "%s,3\n", csm_item_id(v2, i));
		CHECK_INT(csm__buf_finish(&b, &text), 0);
		CHECK_INT(csm_answers_parse(&a, text, text ? strlen(text) : 0, file), 0);
		CHECK_INT(csm_answers_field_set(a, CSM_FIELD_QUESTIONNAIRE, csm_questionnaire_id(v2)), 0);
		CHECK_INT(add(sp, v2, a, file, 1), 0);
		free(text);
	}
	{ /* a file that cannot be read is listed with its whole message */
		static const char noname[] = "{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\","
		                             "\"organization\":{},\"answers\":{}}";
		csm_answers *a = NULL;
		CHECK_INT(csm_answers_parse(&a, noname, sizeof noname - 1, file), CSM_EINVALID);
		csm__buf_printf(&b, "%s: organization.name: missing or empty", file);
		CHECK_INT(csm__buf_finish(&b, &want), 0);
		CHECK(want && strstr(csm_error_last(), want));
		CHECK_INT(csm_supply_add_failure(sp, file, csm_error_last()), 0);
		free(want);
		want = NULL;
		csm_answers_free(a);
	}
	CHECK_INT(csm_supply_count(sp), 1);
	CHECK_STR(csm_supply_get(sp, 0)->file, file);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_EN), 0);
	csm__buf_printf(&b, "(no name: %s)", file);
	CHECK_INT(csm__buf_finish(&b, &want), 0);
	CHECK(out && want && strstr(out, want));
	free(want);
	csm__buf_printf(&b, "\n  - %s: organization.name: missing or empty\n", file); /* named once */
	CHECK_INT(csm__buf_finish(&b, &want), 0);
	CHECK(out && want && strstr(out, want));
	csm_free(out);
	free(want);
	out = want = NULL;

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_JA), 0);
	csm__buf_printf(&b, "(名称なし: %s)", file);
	CHECK_INT(csm__buf_finish(&b, &want), 0);
	CHECK(out && want && strstr(out, want));
cleanup:
	csm_free(out);
	free(want);
	csm_supply_free(sp);
	csm_questionnaire_free(v2);
}

static void test_render(void)
{
	csm_questionnaire *v2 = load_v2(), *sme = load_sme();
	csm_supply *sp = NULL;
	char *out = NULL;
	static const char roster[] = "name,id\nAlpha,A\nNobody,N\n";
	cJSON *doc;
	CHECK(v2 && sme);
	if (!v2 || !sme)
		goto cleanup;
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	CHECK_INT(csm_supply_roster_parse(sp, roster, sizeof roster - 1, "roster.csv"), 0);
	CHECK_INT(add(sp, v2, make(v2, "Alpha", "2026-10-01", 3, 9, 1, 0), "alpha.json", 1), 0);
	CHECK_INT(add(sp, sme, make(sme, "=cmd|' /C calc'!A0", "2024-01-01", 2, 0, 0, 3), "evil.json", 0), 0);
	CHECK_INT(csm_supply_add_failure(sp, "bad.json", "bad.json: empty file"), 0);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_EN), 0);
	CHECK(out && strstr(out, "Supply-chain report as of 2026-12-01\n"));
	CHECK(out && strstr(out, "Questionnaire csmg-v2: "));
	CHECK(out && strstr(out, "Questionnaire sme-light: "));
	CHECK(out && strstr(out, "never ranked against each other"));
	CHECK(out && strstr(out, "9 Supply chain (1.0)"));
	CHECK(out && strstr(out, "2024-01-01 *"));
	CHECK(out && strstr(out, "On the roster, no answer received (1):\n  - Nobody: N\n"));
	CHECK(out && strstr(out, "Answers from suppliers not on the roster (1):\n  - evil.json: =cmd"));
	CHECK(out && strstr(out, "Files that could not be read (1):\n  - bad.json: empty file\n"));
	csm_free(out);
	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_JA), 0);
	CHECK(out && strstr(out, "サプライチェーン報告 (2026-12-01 時点)"));
	CHECK(out && strstr(out, "9 サプライチェーン (1.0)"));
	CHECK(out && strstr(out, "名簿にあって回答のない取引先 (1 社):"));
	CHECK(out && strstr(out, "読めなかったファイル (1 件):"));
	csm_free(out);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_CSV, CSM_LANG_EN), 0);
	{
		static const char head[] = "\xEF\xBB\xBFstatus,questionnaire,rank,supplier,supplier_id,contact,file,overall,"
		                           "grade,weakest_directive,weakest_label,weakest_score,unanswered,items,assessed_on,"
		                           "stale,on_roster,error\r\n";
		CHECK(out && strncmp(out, head, sizeof head - 1) == 0);
	}
	CHECK(out && strstr(out, "\r\nanswered,csmg-v2,1,Alpha,A,,alpha.json,"));
	/* a formula-like name is guarded */
	if (out && !strstr(out, "\r\nanswered,sme-light,1,\"'=cmd|' /C calc'!A0\",,,evil.json,"))
		fprintf(stderr, "%s", out);
	CHECK(out && strstr(out, "\r\nanswered,sme-light,1,\"'=cmd|' /C calc'!A0\",,,evil.json,"));
	CHECK(out && strstr(out, ",3,12,2024-01-01,yes,no,\r\n"));
	CHECK(out && strstr(out, "\r\nnot_answered,,,Nobody,N,,,,,,,,,,,,yes,\r\n"));
	CHECK(out && strstr(out, "\r\nfailed,,,,,,bad.json,,,,,,,,,,,bad.json: empty file\r\n"));
	csm_free(out);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_JSON, CSM_LANG_EN), 0);
	doc = out ? cJSON_Parse(out) : NULL;
	CHECK(doc != NULL);
	if (doc) {
		cJSON *qs = cJSON_GetObjectItem(doc, "questionnaires"), *s0;
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "format")), "csm-supply/1");
		CHECK_INT(cJSON_GetArraySize(qs), 2);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(qs, 1), "id")), "sme-light");
		s0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(qs, 0), "suppliers"), 0);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(s0, "grade")), "B");
		CHECK_INT(cJSON_GetObjectItem(s0, "weakest_directive")->valueint, 9);
		CHECK(cJSON_IsTrue(cJSON_GetObjectItem(s0, "on_roster")));
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "not_answered")), 1);
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "not_on_roster")), 1);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "failed"), 0),
		                                                   "error")),
		          "bad.json: empty file");
		cJSON_Delete(doc);
	}
	csm_free(out);
	CHECK_INT(csm_supply_render(&out, sp, (csm_supply_format)7, CSM_LANG_EN), CSM_EINVALID);
cleanup:
	csm_supply_free(sp);
	csm_questionnaire_free(v2);
	csm_questionnaire_free(sme);
}

/* ---- a questionnaire with its own scale (sme-check) ---------------------- */

static csm_questionnaire *load_check(void)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_open(&q, CSM_TEST_SRC, "sme-check") != 0)
		fprintf(stderr, "cannot load sme-check: %s\n", csm_error_last());
	return q;
}

/* sme-check answers: every item `fill` (NULL: null), then the items
 * "c<k>=choice" of `set` (NULL-terminated) changed. */
static csm_answers *make_check(const csm_questionnaire *q, const char *name, const char *date, const char *fill,
                               const char *const *set)
{
	csm__buf b = {0};
	char *text = NULL;
	csm_answers *a = NULL;
	size_t i, k, n = csm_questionnaire_item_count(q);
	csm__buf_printf(&b, "{\"format\":\"csm-answers/1\",\"questionnaire\":\"sme-check\",\"organization\":{\"name\":");
	csm__buf_json_string(&b, name);
	csm__buf_printf(&b, "},\"assessed_on\":\"%s\",\"answers\":{", date);
	for (i = 0; i < n; i++) {
		const char *id = csm_item_id(q, i), *v = fill;
		size_t len = strlen(id);
		for (k = 0; set && set[k]; k++)
			if (strncmp(set[k], id, len) == 0 && set[k][len] == '=')
				v = set[k] + len + 1;
		csm__buf_printf(&b, "%s\"%s\":", i ? "," : "", id);
		if (v)
			csm__buf_printf(&b, "\"%s\"", v);
		else
			csm__buf_puts(&b, "null");
	}
	csm__buf_puts(&b, "}}");
	if (csm__buf_finish(&b, &text) == 0 && csm_answers_parse_for(&a, text, strlen(text), name, q) != 0)
		fprintf(stderr, "make_check: %s\n", csm_error_last());
	free(text);
	return a;
}

/* Points of `a` on `q` added as `file`; frees the answers. */
static int add_points(csm_supply *sp, const csm_questionnaire *q, csm_answers *a, const char *file)
{
	csm_points *p = NULL;
	int rc = a ? csm_points_compute(&p, q, a, CSM_ALLOW_PARTIAL) : -1;
	if (!rc)
		rc = csm_supply_add_points(sp, a, p, file);
	csm_points_free(p);
	csm_answers_free(a);
	return rc;
}

/* A report over sme-check suppliers (and one sme-light, apart): the points
 * order, ties by stars, "don't know" and date; the weakest part; the
 * renderings in both languages. */
static void test_points(void)
{
	csm_questionnaire *chk = load_check(), *sme = load_sme();
	csm_supply *sp = NULL;
	const csm_supply_row *r;
	char *out = NULL;
	cJSON *doc;
	/* all partly: 50 points, no star, every part at half (weakest: part 1) */
	static const char *const none[] = {NULL};
	/* the five basics done (+10) and c6..c10 not done (-10): 50 points, one star, part 2 the weakest (16/52) */
	static const char *const star[] = {"c1=done", "c2=done", "c3=done", "c4=done", "c5=done", "c6=not_done",
	                                   "c7=not_done", "c8=not_done", "c9=not_done", "c10=not_done", NULL};
	/* two "don't know" (-6) made up by c8..c10 done (+6): 50 points, no star */
	static const char *const unsure[] = {"c6=unknown", "c7=unknown", "c8=done", "c9=done", "c10=done", NULL};
	CHECK(chk && sme);
	if (!chk || !sme)
		goto cleanup;
	CHECK_INT(csm_supply_new(&sp, TODAY), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "High", "2026-10-01", "done", none), "high.json"), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Star", "2026-10-01", "partly", star), "star.json"), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Half", "2026-10-01", "partly", none), "half.json"), 0);
	CHECK_INT(add(sp, sme, make(sme, "Light", "2026-10-01", 3, 0, 0, 0), "light.json", 0), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Unsure", "2026-10-01", "partly", unsure), "unsure.json"), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Old", "2025-01-01", "partly", none), "old.json"), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Low", "2026-10-01", "not_done", none), "low.json"), 0);
	CHECK_INT(add_points(sp, chk, make_check(chk, "Blank", "2026-10-01", NULL, none), "blank.json"), 0);
	CHECK_INT(csm_supply_add_points(sp, NULL, NULL, "x.json") < 0, 1);
	CHECK_INT(csm_supply_count(sp), 8);
	{
		static const char *const want[8] = {"Blank", "Low", "Unsure", "Old", "Half", "Star", "High", "Light"};
		static const int points[8] = {0, 0, 50, 50, 50, 50, 100, 0};
		static const int stars[8] = {0, 0, 0, 0, 0, 1, 2, 0};
		size_t i;
		for (i = 0; i < 8; i++) {
			r = csm_supply_get(sp, i);
			CHECK(r != NULL);
			if (!r)
				continue;
			CHECK_STR(r->supplier, want[i]);
			CHECK_INT(r->rank, i < 7 ? i + 1 : 1);
			CHECK_INT(r->has_points, i < 7);
			CHECK_INT(r->points, points[i]);
			CHECK_INT(r->stars, stars[i]);
		}
	}
	r = csm_supply_get(sp, 0); /* nothing answered: no points, no weakest part */
	CHECK_INT(r->has_overall, 0);
	CHECK_INT(r->weakest, 0);
	CHECK_INT(r->unanswered, 25);
	CHECK_INT(r->points_max, 100);
	r = csm_supply_get(sp, 2);
	CHECK_INT(r->unknown, 2);
	r = csm_supply_get(sp, 3);
	CHECK_INT(r->stale, 1);
	r = csm_supply_get(sp, 4); /* every part at half: the first */
	CHECK_INT(r->weakest, 1);
	CHECK_NEAR(r->weakest_score, 0.5, 1e-12);
	r = csm_supply_get(sp, 5); /* the basics full, part 2 at 16 of 52 */
	CHECK_INT(r->weakest, 2);
	CHECK_INT(r->weakest_points, 16);
	CHECK_INT(r->weakest_max, 52);
	CHECK_NEAR(r->weakest_score, 16.0 / 52.0, 1e-12);
	CHECK_INT(r->grade, CSM_GRADE_NONE);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_EN), 0);
	CHECK(out && strstr(out, "Questionnaire sme-check: "));
	CHECK(out && strstr(out, "then the fewest points; ties: fewer SECURITY ACTION stars"));
	CHECK(out && strstr(out, "Weakest part"));
	CHECK(out && strstr(out, "50/100  one star"));
	CHECK(out && strstr(out, "100/100  two stars"));
	CHECK(out && strstr(out, "2 Employees (16/52)"));
	CHECK(out && strstr(out, "Weakest directive")); /* the sme-light group keeps its columns */
	csm_free(out);
	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_TEXT, CSM_LANG_JA), 0);
	CHECK(out && strstr(out, "最も弱いパート"));
	CHECK(out && strstr(out, "二つ星"));
	CHECK(out && strstr(out, "2 社員の対策 (16/52)"));
	csm_free(out);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_CSV, CSM_LANG_EN), 0);
	{
		static const char head[] = "\xEF\xBB\xBFstatus,questionnaire,rank,supplier,supplier_id,contact,file,overall,"
		                           "grade,points,points_max,stars,weakest_directive,weakest_part,weakest_label,"
		                           "weakest_score,weakest_part_points,weakest_part_max,unanswered,unknown,items,"
		                           "assessed_on,stale,on_roster,error\r\n";
		CHECK(out && strncmp(out, head, sizeof head - 1) == 0);
	}
	CHECK(out && strstr(out, "\r\nanswered,sme-check,6,Star,,,star.json,,,50,100,1,,2,Employees,,16,52,0,0,25,"
	                         "2026-10-01,no,,\r\n"));
	CHECK(out && strstr(out, "\r\nanswered,sme-check,1,Blank,,,blank.json,,,,100,0,,,,,,,25,0,25,"));
	/* a level row: the points columns empty */
	CHECK(out && strstr(out, "\r\nanswered,sme-light,1,Light,,,light.json,3,,,,,"));
	csm_free(out);

	CHECK_INT(csm_supply_render(&out, sp, CSM_SUPPLY_JSON, CSM_LANG_EN), 0);
	doc = out ? cJSON_Parse(out) : NULL;
	CHECK(doc != NULL);
	if (doc) {
		cJSON *qs = cJSON_GetObjectItem(doc, "questionnaires"), *s5, *l0;
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(qs, 0), "id")), "sme-check");
		s5 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(qs, 0), "suppliers"), 5);
		CHECK_INT(cJSON_GetObjectItem(s5, "points")->valueint, 50);
		CHECK_INT(cJSON_GetObjectItem(s5, "stars")->valueint, 1);
		CHECK_INT(cJSON_GetObjectItem(s5, "weakest_part")->valueint, 2);
		CHECK(cJSON_GetObjectItem(s5, "overall") == NULL);
		l0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(qs, 1), "suppliers"), 0);
		CHECK(cJSON_GetObjectItem(l0, "points") == NULL);
		CHECK(cJSON_GetObjectItem(l0, "overall") != NULL);
		cJSON_Delete(doc);
	}
	csm_free(out);
cleanup:
	csm_supply_free(sp);
	csm_questionnaire_free(chk);
	csm_questionnaire_free(sme);
}

int main(void)
{
	RUN_TEST(test_order);
	RUN_TEST(test_roster);
	RUN_TEST(test_failed_and_stale);
	RUN_TEST(test_long_file_name);
	RUN_TEST(test_render);
	RUN_TEST(test_points);
	return test_finish();
}
