/* Output: csm-score/1 field names and values, the terminal report. */
#include <cjson/cJSON.h>

#include "../lib/render.h"
#include "common.h"
#include "util.h"

typedef struct fixture {
	csm_questionnaire *q;
	csm_benchmark *b;
	csm_answers *a;
	csm_score *s;
	csm_analysis *an;
	csm_tips *t;
	csm_industries *ind;
} fixture;

static int setup(fixture *f, const char *example)
{
	memset(f, 0, sizeof *f);
	f->q = load_v2();
	f->b = load_beta();
	if (!f->q || !f->b || csm_tips_open(&f->t, CSM_TEST_SRC) != 0 || csm_answers_load(&f->a, example) != 0 ||
	    csm_score_compute(&f->s, f->q, f->a, csm_benchmark_grading(f->b), 0) != 0 ||
	    csm_industries_open(&f->ind, CSM_TEST_SRC) != 0 || csm_analyze(&f->an, f->q, f->a, f->s, f->b) != 0)
		return -1;
	/* the examples' industries have no group of their own: compared with their parent's */
	csm_analysis_use_industries(f->an, f->ind);
	return 0;
}

static void teardown(fixture *f)
{
	csm_analysis_free(f->an);
	csm_score_free(f->s);
	csm_answers_free(f->a);
	csm_tips_free(f->t);
	csm_industries_free(f->ind);
	csm_benchmark_free(f->b);
	csm_questionnaire_free(f->q);
}

static void test_json_fields(void)
{
	fixture f;
	char *text = NULL;
	cJSON *root = NULL, *dirs, *cmp, *d, *means;
	int i;
	CHECK_INT(setup(&f, SRC("examples/kitamachi-machinery.json")), 0);
	if (!f.an || csm_render_json(&text, f.an, "k.json") != 0)
		goto done;
	CHECK(!strchr(text, '\n')); /* one line per document */
	root = cJSON_Parse(text);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK_STR(cJSON_GetObjectItem(root, "format")->valuestring, "csm-score/1");
	CHECK_STR(cJSON_GetObjectItem(root, "file")->valuestring, "k.json");
	CHECK_STR(cJSON_GetObjectItem(root, "questionnaire")->valuestring, "csmg-v2");
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "organization"), "industry")->valuestring, "general_machinery");
	dirs = cJSON_GetObjectItem(root, "directives");
	CHECK_INT(cJSON_GetArraySize(dirs), 10);
	i = 1;
	cJSON_ArrayForEach(d, dirs) {
		CHECK_INT(cJSON_GetObjectItem(d, "id")->valueint, i);
		CHECK_NEAR(cJSON_GetObjectItem(d, "score")->valuedouble, csm_score_directive(f.s, i)->score, 0);
		CHECK_INT(cJSON_GetObjectItem(d, "items")->valueint, csm_score_directive(f.s, i)->items);
		CHECK_INT(cJSON_GetObjectItem(d, "answered")->valueint, csm_score_directive(f.s, i)->answered);
		i++;
	}
	/* exact, not rounded */
	CHECK_NEAR(cJSON_GetObjectItem(root, "overall")->valuedouble, csm_score_overall(f.s), 0);
	CHECK_STR(cJSON_GetObjectItem(root, "grade")->valuestring, "B");
	cmp = cJSON_GetObjectItem(root, "comparison");
	CHECK_STR(cJSON_GetObjectItem(cmp, "benchmark")->valuestring, "CSM beta trial 2020");
	CHECK_STR(cJSON_GetObjectItem(cmp, "target")->valuestring, "grade:A");
	means = cJSON_GetObjectItem(cmp, "means");
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(means, "all")), 10);
	CHECK(cJSON_GetObjectItem(means, "grade:A") && cJSON_GetObjectItem(means, "grade:B") &&
	      cJSON_GetObjectItem(means, "grade:C") && cJSON_GetObjectItem(means, "industry:machinery"));
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "n"), "industry:machinery")->valueint, 11);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "gap")), 10);
	CHECK(cJSON_IsArray(cJSON_GetObjectItem(cmp, "behind_2")) && cJSON_IsArray(cJSON_GetObjectItem(cmp, "behind_1")));
	CHECK(cJSON_IsArray(cJSON_GetObjectItem(cmp, "level5")) && cJSON_IsArray(cJSON_GetObjectItem(cmp, "lowest")));
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(cmp, "hints"), 0);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(cJSON_GetObjectItem(d, "directive")->valueint, csm_analysis_hint(f.an, 0)->directive);
		CHECK(cJSON_IsArray(cJSON_GetObjectItem(d, "items")) && cJSON_IsArray(cJSON_GetObjectItem(d, "tips")));
	}
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "plan")), (int)csm_analysis_plan_count(f.an));
done:
	cJSON_Delete(root);
	csm_free(text);
	teardown(&f);
}

static void test_text_report(void)
{
	fixture f;
	char *en = NULL, *ja = NULL;
	const csm_hint *h;
	CHECK_INT(setup(&f, SRC("examples/aozora-bank.json")), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_render_text(&en, f.an, f.t, CSM_LANG_EN), 0);
	CHECK_INT(csm_render_text(&ja, f.an, f.t, CSM_LANG_JA), 0);
	if (!en || !ja)
		goto done;
	CHECK_HAS(en, "Aozora Trust Bank");
	CHECK_HAS(en, "Grade A");
	CHECK_HAS(ja, "成熟度 A");
	CHECK_HAS(en, "Supply chain");
	CHECK_HAS(ja, "サプライチェーン");
	/* grade A states the levels, as the trial's karte */
	CHECK_HAS(en, "Directives 1, 2 and 7 are at level 5: 1 Risk & policy");
	CHECK_HAS(en, "Directives 9 and 10 are at level 3, with room to improve: 9 Supply chain");
	CHECK_HAS(ja, "指示1、2、7はレベル5に達しています");
	CHECK_HAS(ja, "指示9、10はレベル3で改善の余地があります");
	/* the heading by target; no "urgent" label on a grade-A company's 0.8 gap */
	CHECK_HAS(en, "\nHints for further maturity\n");
	CHECK_HAS(ja, "\n更なる成熟度向上のヒント\n");
	CHECK(!strstr(en, "urgent"));
	CHECK(!strstr(ja, "最優先"));
	CHECK_HAS(en, "[2 next] Directive 10 also has room to improve.");
	/* the scope as a word, never the raw id */
	CHECK_HAS(en, " | single entity | ");
	CHECK_HAS(ja, " | 単体 | ");
	CHECK(!strstr(en, "| entity"));
	h = csm_analysis_hint(f.an, 0);
	CHECK(h && h->tip_count > 0);
	if (h && h->tip_count) {
		const csm_tip *tip = tip_of(f.t, h->tips[0]);
		CHECK_HAS(en, csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_EN));
		CHECK_HAS(ja, csm_tip_text(tip, CSM_TIP_TITLE, CSM_LANG_JA));
	}
	/* No line of the wrapped report is wider than 80 columns, and none ends in a space. */
	{
		const char *line = en;
		while (*line) {
			const char *end = strchr(line, '\n');
			size_t n = end ? (size_t)(end - line) : strlen(line);
			if (n && line[n - 1] == ' ')
				CHECK(!"line ends with a space");
			line += n + (end ? 1 : 0);
		}
	}
done:
	csm_free(en);
	csm_free(ja);
	teardown(&f);
}

/* Grade B: the heading, hint 1 urgent, hint 2 naming the other flagged
 * directives together, from the analysis's one selection. */
static void test_text_hints_grade_b(void)
{
	fixture f;
	char *en = NULL, *ja = NULL;
	const int *v;
	CHECK_INT(setup(&f, SRC("examples/kitamachi-machinery.json")), 0);
	if (!f.an)
		goto done;
	CHECK_INT(csm_analysis_hint1(f.an), 9);
	CHECK_INT(csm_analysis_flagged(&v, f.an), 6);
	CHECK_INT(csm_render_text(&en, f.an, f.t, CSM_LANG_EN), 0);
	CHECK_INT(csm_render_text(&ja, f.an, f.t, CSM_LANG_JA), 0);
	CHECK_HAS(en, "\nHints for reaching maturity A\n  [1 urgent] Directive 9:");
	CHECK_HAS(ja, "\n成熟度Aになるためのヒント\n  [1 最優先] 指示 9:");
	CHECK_HAS(en, "[2 next] Directives 2, 3, 5, 6, 7 and 8 also need improvement.");
	CHECK_HAS(ja, "[2 次に] 指示2、3、5、6、7、8も改善が必要です。");
	CHECK_HAS(en, "| group |");
	CHECK_HAS(ja, "| グループ |");
done:
	csm_free(en);
	csm_free(ja);
	teardown(&f);
}

static void test_questions(void)
{
	csm_questionnaire *q = load_v2();
	char *en = NULL;
	if (!q)
		return;
	CHECK_INT(csm_render_questions(&en, q, CSM_LANG_EN), 0);
	CHECK_HAS(en, "Directive 10:");
	CHECK_HAS(en, "10-2");
	CHECK_HAS(en, "1-1    To what extent");
	csm_free(en);
	csm_questionnaire_free(q);
}

/* The estimated cut-offs and a withheld percentile are said, in both
 * languages, and the score JSON carries the grading. */
static void test_estimated_and_small_group(void)
{
	fixture f;
	char *en = NULL, *ja = NULL, *json = NULL;
	cJSON *root = NULL, *g;
	CHECK_INT(setup(&f, SRC("examples/minato-services.json")), 0); /* services: n = 2 */
	if (!f.an)
		goto done;
	CHECK_INT(csm_render_text(&en, f.an, f.t, CSM_LANG_EN), 0);
	CHECK_INT(csm_render_text(&ja, f.an, f.t, CSM_LANG_JA), 0);
	CHECK_INT(csm_render_json(&json, f.an, "m.json"), 0);
	if (!en || !ja || !json)
		goto done;
	CHECK_HAS(en, "(grading: A >= 3.75, B >= 2.67, estimated from the 2020 trial; target: grade:B)");
	CHECK_HAS(ja, "A >= 3.75, B >= 2.67、2020年試行から推定");
	CHECK_HAS(en, "Percentile within the industry: not shown (n=2, fewer than 5)");
	CHECK_HAS(ja, "業種内の位置: 示しません (n=2、5 社未満)");
	CHECK(!strstr(en, "Percentile within the industry: 0"));
	root = cJSON_Parse(json);
	g = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "comparison"), "grading");
	CHECK(g && cJSON_IsTrue(cJSON_GetObjectItem(g, "estimated")));
	CHECK(g && cJSON_GetObjectItem(g, "A") && cJSON_GetObjectItem(g, "A")->valuedouble == 3.75);
	CHECK(g && cJSON_GetObjectItem(g, "B") && cJSON_GetObjectItem(g, "B")->valuedouble == 2.67);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "comparison"), "percentile")), 0);
done:
	cJSON_Delete(root);
	csm_free(en);
	csm_free(ja);
	csm_free(json);
	teardown(&f);
}

/* ---- the display rule on random answers --------------------------------- */

static unsigned long long rng_state = 0x2020c5a1u;
static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* Levels around a random centre, so overalls fall anywhere in 1..5 (and near
 * the cut-offs often enough); a few items n/a. */
static void random_levels(int *lv, size_t n)
{
	size_t i;
	int centre = 1 + (int)rnd(5), spread = 1 + (int)rnd(3);
	for (i = 0; i < n; i++) {
		int v = centre + (int)rnd((unsigned)(2 * spread + 1)) - spread;
		lv[i] = rnd(40) == 0 ? LV_NA : v < 1 ? 1 : v > 5 ? 5 : v;
	}
}

static int printed_grade_ok(const char *value, const char *grade, const csm_grading *g)
{
	return strcmp(csm_grade_name(csm_grade_for(strtod(value, NULL), g)), grade) == 0;
}

/* The directives of a list line "Label: 1 Name, 3 Name" (none: 0), as bits. */
static unsigned list_bits(const char *text, const char *label)
{
	const char *p = strstr(text, label), *end;
	unsigned bits = 0;
	if (!p)
		return ~0u;
	p += strlen(label);
	end = strchr(p, '\n');
	while (p && p < end) {
		int d = atoi(p);
		if (d >= 1 && d <= 10)
			bits |= 1u << d;
		p = strstr(p, ", ");
		if (p)
			p += 2;
	}
	return bits;
}

/* Check one English text report: every gap against its mark, the marks
 * against the lists, every change against its arrow, every overall against
 * the grade beside it. Returns the number of contradictions. */
static int check_report(const char *text, const csm_grading *g, int with_prev, int grade_a)
{
	const char *p = strstr(text, "\n  #  Directive"), *line;
	char v[32], gr[8], v2[32], gr2[8];
	unsigned b1 = 0, b2 = 0;
	int bad = 0, row;

	if ((line = strstr(text, "\nOverall ")) && sscanf(line, "\nOverall %31s Grade %7s", v, gr) == 2) {
		if (!printed_grade_ok(v, gr, g)) {
			fprintf(stderr, "  overall %s shown with grade %s\n", v, gr);
			bad++;
		}
	} else
		bad++;
	if (with_prev) {
		line = strstr(text, "\nPrevious (");
		line = line ? strstr(line, "): overall ") : NULL;
		if (!line || sscanf(line, "): overall %31s -> %31s grade %7s -> %7s", v, v2, gr, gr2) != 4) {
			bad++;
		} else {
			gr[strcspn(gr, ",")] = '\0';
			v2[strcspn(v2, ",")] = '\0';
			if (!printed_grade_ok(v, gr, g) || !printed_grade_ok(v2, gr2, g)) {
				fprintf(stderr, "  previous line: overall %s -> %s, grade %s -> %s\n", v, v2, gr, gr2);
				bad++;
			}
		}
	}
	if (!p)
		return bad + 1;
	p = strchr(p + 1, '\n');
	for (row = 1; row <= CSM_DIRECTIVES && p; row++) {
		char buf[256], *tok[32];
		size_t len, nt = 0;
		const char *end = strchr(p + 1, '\n');
		const char *mark = "", *gap, *change = NULL;
		len = end ? (size_t)(end - p - 1) : strlen(p + 1);
		if (len >= sizeof buf)
			len = sizeof buf - 1;
		memcpy(buf, p + 1, len);
		buf[len] = '\0';
		for (tok[nt] = strtok(buf, " "); tok[nt] && nt < 31; tok[++nt] = strtok(NULL, " "))
			;
		if (nt < 4 || atoi(tok[0]) != row)
			return bad + 1;
		if (strcmp(tok[nt - 1], "*") == 0 || strcmp(tok[nt - 1], "**") == 0)
			mark = tok[--nt];
		if (with_prev) {
			change = tok[--nt];
			nt--; /* previous score */
		}
		gap = tok[nt - 1];
		if (strcmp(gap, "-") != 0) {
			double x = strtod(gap, NULL);
			const char *want = grade_a ? "" : x >= 2.0 - 1e-9 ? "**" : x >= 1.0 - 1e-9 ? "*" : "";
			if (strcmp(mark, want) != 0) {
				fprintf(stderr, "  directive %d: gap printed %s with mark \"%s\"\n", row, gap, mark);
				bad++;
			}
		}
		if (mark[0])
			*(strlen(mark) == 2 ? &b2 : &b1) |= 1u << row;
		if (change && strcmp(change, "-") != 0) {
			/* the arrow is 3 bytes of UTF-8 */
			double x = strtod(change + 3, NULL);
			int ok = strncmp(change, "\u2191", 3) == 0   ? x > 0 && change[3] == '+'
			         : strncmp(change, "\u2193", 3) == 0 ? x < 0
			                                             : strncmp(change, "\u2192", 3) == 0 && x == 0;
			if (!ok) {
				fprintf(stderr, "  directive %d: change printed %s\n", row, change);
				bad++;
			}
		}
		p = end;
	}
	if (!grade_a) {
		unsigned l2 = list_bits(text, "Directives 2 or more behind the target: ");
		unsigned l1 = list_bits(text, "Directives 1 to 2 behind the target: ");
		if (l2 != b2 || l1 != b1) {
			fprintf(stderr, "  lists (%#x, %#x) do not match the marks (%#x, %#x)\n", l2, l1, b2, b1);
			bad++;
		}
	}
	return bad;
}

static void test_display_rule_random(void)
{
	csm_questionnaire *q = load_v2();
	csm_benchmark *b = load_beta();
	static const char *const industries[] = {"finance", "machinery", "services", "retail"};
	int *lv = NULL, *lp = NULL, iter, failures = 0, reported = 0;
	size_t n;
	if (!q || !b)
		goto done;
	n = csm_questionnaire_item_count(q);
	lv = calloc(n, sizeof *lv);
	lp = calloc(n, sizeof *lp);
	for (iter = 0; iter < 4000 && lv && lp; iter++) {
		csm_answers *a, *pa = NULL;
		csm_score *s = NULL, *ps = NULL;
		csm_analysis *an = NULL;
		char *text = NULL;
		int with_prev = iter % 2, bad;
		random_levels(lv, n);
		a = answers_from(q, lv, industries[rnd(4)]);
		if (with_prev) {
			/* the previous assessment a little lower or higher */
			size_t i;
			for (i = 0; i < n; i++)
				lp[i] = lv[i] == LV_NA ? LV_NA : rnd(4) ? lv[i] : lv[i] > 1 && rnd(2) ? lv[i] - 1 : lv[i] < 5 ? lv[i] + 1 : 5;
			pa = answers_from(q, lp, "finance");
		}
		if (!a || csm_score_compute(&s, q, a, csm_benchmark_grading(b), 0) ||
		    (pa && csm_score_compute(&ps, q, pa, csm_benchmark_grading(b), 0))) {
			failures++;
			goto next;
		}
		if (!csm_score_has_overall(s) || (ps && !csm_score_has_overall(ps)))
			goto next;
		if (csm_analyze(&an, q, a, s, b)) {
			failures++;
			goto next;
		}
		if (ps)
			CHECK_INT(csm_analysis_set_previous(an, pa, ps), 0);
		if (csm_render_text(&text, an, NULL, CSM_LANG_EN)) {
			failures++;
			goto next;
		}
		bad = check_report(text, csm_benchmark_grading(b), with_prev, csm_score_grade(s) == CSM_GRADE_A);
		if (bad) {
			failures++;
			if (reported++ < 3)
				fprintf(stderr, "report %d:\n%.1800s\n", iter, text);
		}
	next:
		csm_free(text);
		csm_analysis_free(an);
		csm_score_free(s);
		csm_score_free(ps);
		csm_answers_free(a);
		csm_answers_free(pa);
	}
	CHECK_INT(failures, 0);
done:
	free(lv);
	free(lp);
	csm_benchmark_free(b);
	csm_questionnaire_free(q);
}


/* csm__rwrap: no line begins with a closing mark (Japanese line-breaking
 * rules), and a word longer than any fixed buffer comes out whole. */
static void test_wrap_rules(void)
{
	csm__buf b = {0};
	const char *ja = "情報システム部門が各システムのログの有無、保存場所、保存期間を一覧にし、ファイアウォール、認証基盤、重要サーバのログを1か所に集約して1年以上保存する運用を始めます。";
	char *line;
	size_t width, i;
	char longword[2000];
	for (width = 20; width <= 80; width++) {
		b.len = 0;
		csm__rwrap(&b, ja, 4, width);
		CHECK(b.s != NULL);
		for (line = b.s; line;) {
			while (*line == ' ')
				line++;
			if (csm__no_line_start(line)) {
				fprintf(stderr, "  width %zu: a line begins with a closing mark: %.20s\n", width, line);
				CHECK(0);
			}
			line = strchr(line, '\n');
			if (line)
				line++;
		}
	}
	for (i = 0; i + 1 < sizeof longword; i++)
		longword[i] = (char)('a' + i % 26);
	longword[sizeof longword - 1] = '\0';
	b.len = 0;
	csm__rwrap(&b, longword, 2, 78);
	CHECK_INT(b.len, sizeof longword - 1);
	csm__buf_free(&b);
	CHECK_INT(csm__no_line_start("、あ"), 3);
	CHECK_INT(csm__no_line_start("ぁ"), 3);
	CHECK_INT(csm__no_line_start(")"), 1);
	CHECK_INT(csm__no_line_start("あ、"), 0);
}

int main(void)
{
	RUN_TEST(test_json_fields);
	RUN_TEST(test_text_report);
	RUN_TEST(test_text_hints_grade_b);
	RUN_TEST(test_questions);
	RUN_TEST(test_estimated_and_small_group);
	RUN_TEST(test_display_rule_random);
	RUN_TEST(test_wrap_rules);
	return test_finish();
}
