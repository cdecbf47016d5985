/* The shipped content: every questionnaire and tip complete in both
 * languages, ids consistent, counts as SPEC §2 says, CSF ids real. Fails on
 * any gap, so content cannot silently rot. */
#include "common.h"

/* NIST CSF v1.1: each category and its number of subcategories. */
static const struct {
	const char *cat;
	int n;
} csf11[] = {{"ID.AM", 6}, {"ID.BE", 5}, {"ID.GV", 4}, {"ID.RA", 6}, {"ID.RM", 3}, {"ID.SC", 5}, {"PR.AC", 7},
             {"PR.AT", 5}, {"PR.DS", 8}, {"PR.IP", 12}, {"PR.MA", 2}, {"PR.PT", 5}, {"DE.AE", 5}, {"DE.CM", 8},
             {"DE.DP", 5}, {"RS.RP", 1}, {"RS.CO", 5}, {"RS.AN", 5}, {"RS.MI", 3}, {"RS.IM", 2}, {"RC.RP", 1},
             {"RC.IM", 2}, {"RC.CO", 3}};

static int csf_v11_exists(const char *id)
{
	size_t i;
	int num;
	char cat[6];
	if (strlen(id) < 7 || id[5] != '-' || sscanf(id + 6, "%d", &num) != 1 || strlen(id + 6) > 2)
		return 0;
	memcpy(cat, id, 5);
	cat[5] = '\0';
	for (i = 0; i < sizeof csf11 / sizeof csf11[0]; i++)
		if (strcmp(csf11[i].cat, cat) == 0)
			return num >= 1 && num <= csf11[i].n;
	return 0;
}

static int has_japanese(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9)
			return 1;
	return 0;
}

static int ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* A text present in both languages, Japanese in ja and plain ASCII in en. */
#define CHECK_PAIR(ja, en, what)                                                                           \
	do {                                                                                               \
		const char *ja_ = (ja), *en_ = (en);                                                       \
		if (!ja_ || !en_ || !has_japanese(ja_) || !ascii_only(en_))                               \
			fprintf(stderr, "%s %s: text missing or in the wrong script\n", qid, what);       \
		CHECK(ja_ && en_ && has_japanese(ja_) && ascii_only(en_));                                 \
	} while (0)

static size_t levels_ja, levels_en, items_total;

static void check_questionnaire(const char *qid, const unsigned *per_dir, int need_csf, csm_tips *tips,
                                unsigned char *tip_used)
{
	csm_questionnaire *q = NULL;
	unsigned count[CSM_DIRECTIVES] = {0};
	size_t i, k;
	int d, l;

	CHECK_INT(csm_questionnaire_open(&q, CSM_TEST_SRC, qid), 0);
	if (!q) {
		fprintf(stderr, "%s\n", csm_error_last());
		return;
	}
	for (d = 1; d <= CSM_DIRECTIVES; d++) {
		CHECK_PAIR(csm_directive_title(q, d, CSM_LANG_JA), csm_directive_title(q, d, CSM_LANG_EN), "directive title");
		CHECK_PAIR(csm_directive_short(q, d, CSM_LANG_JA), csm_directive_short(q, d, CSM_LANG_EN), "directive short");
	}
	for (l = 1; l <= 5; l++)
		CHECK_PAIR(csm_questionnaire_level(q, l, CSM_LANG_JA), csm_questionnaire_level(q, l, CSM_LANG_EN), "level");
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		const char *id = csm_item_id(q, i);
		char what[64];
		d = csm_item_directive(q, i);
		CHECK(d >= 1 && d <= CSM_DIRECTIVES);
		count[d - 1]++;
		snprintf(what, sizeof what, "item %s question", id);
		CHECK_PAIR(csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_JA), csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_EN),
		           what);
		snprintf(what, sizeof what, "item %s intent", id);
		CHECK_PAIR(csm_item_text(q, i, CSM_ITEM_INTENT, CSM_LANG_JA), csm_item_text(q, i, CSM_ITEM_INTENT, CSM_LANG_EN),
		           what);
		snprintf(what, sizeof what, "item %s hint", id);
		CHECK_PAIR(csm_item_text(q, i, CSM_ITEM_HINT, CSM_LANG_JA), csm_item_text(q, i, CSM_ITEM_HINT, CSM_LANG_EN), what);
		for (l = 1; l <= 5; l++) {
			snprintf(what, sizeof what, "item %s level %d", id, l);
			CHECK_PAIR(csm_item_level(q, i, l, CSM_LANG_JA), csm_item_level(q, i, l, CSM_LANG_EN), what);
			levels_ja += csm_item_level(q, i, l, CSM_LANG_JA) != NULL;
			levels_en += csm_item_level(q, i, l, CSM_LANG_EN) != NULL;
		}
		CHECK(csm_item_tip_count(q, i) >= 1);
		for (k = 0; k < csm_item_tip_count(q, i); k++) {
			const char *tip = csm_item_tip(q, i, k);
			size_t t;
			if (!csm_tip_title(tips, tip, CSM_LANG_EN))
				fprintf(stderr, "%s item %s: tip %s does not exist\n", qid, id, tip);
			CHECK(csm_tip_title(tips, tip, CSM_LANG_EN) != NULL);
			for (t = 0; t < csm_tips_count(tips); t++)
				if (strcmp(csm_tip_id(tips, t), tip) == 0)
					tip_used[t] = 1;
		}
		if (need_csf)
			CHECK(csm_item_csf_count(q, i) >= 1);
		for (k = 0; k < csm_item_csf_count(q, i); k++) {
			/* the shipped sets map to CSF v1.1, checked against the framework itself */
			const char *c = csm_item_csf(q, i, k);
			if (!csf_v11_exists(c))
				fprintf(stderr, "%s item %s: %s is not a CSF v1.1 subcategory\n", qid, id, c);
			CHECK(csf_v11_exists(c));
		}
	}
	items_total += csm_questionnaire_item_count(q);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		if (per_dir)
			CHECK_INT(count[d], per_dir[d]);
		else
			CHECK(count[d] >= 1); /* every directive informed */
	}
	for (i = 0; i < csm_questionnaire_gate_count(q); i++)
		CHECK_PAIR(csm_gate_question(q, i, CSM_LANG_JA), csm_gate_question(q, i, CSM_LANG_EN), "gate");
	printf("%s: %zu items, %zu gates\n", qid, csm_questionnaire_item_count(q), csm_questionnaire_gate_count(q));
	csm_questionnaire_free(q);
}

static void test_sets_and_tips(void)
{
	static const unsigned v2[CSM_DIRECTIVES] = {3, 3, 4, 3, 10, 4, 5, 2, 3, 2};
	static const unsigned v3[CSM_DIRECTIVES] = {3, 3, 5, 3, 10, 4, 5, 2, 3, 2};
	csm_tips *tips = NULL;
	unsigned char used[512] = {0};
	size_t t, k;
	CHECK_INT(csm_tips_open(&tips, CSM_TEST_SRC), 0);
	if (!tips)
		return;
	CHECK(csm_tips_count(tips) <= sizeof used);
	check_questionnaire("csmg-v2", v2, 1, tips, used);
	check_questionnaire("csmg-v3", v3, 1, tips, used);
	check_questionnaire("sme-light", NULL, 1, tips, used);
	for (t = 0; t < csm_tips_count(tips); t++) {
		const char *id = csm_tip_id(tips, t);
		const char *qid = "tips";
		csm_tip_info ja, en;
		char what[64];
		if (!used[t])
			fprintf(stderr, "tip %s is never referenced\n", id);
		CHECK(used[t]);
		CHECK_INT(csm_tip_get(&ja, tips, id, CSM_LANG_JA), 0);
		CHECK_INT(csm_tip_get(&en, tips, id, CSM_LANG_EN), 0);
		snprintf(what, sizeof what, "%s title", id);
		CHECK_PAIR(ja.title, en.title, what);
		snprintf(what, sizeof what, "%s action", id);
		CHECK_PAIR(ja.action, en.action, what);
		snprintf(what, sizeof what, "%s problem", id);
		CHECK_PAIR(ja.problem, en.problem, what);
		snprintf(what, sizeof what, "%s first step", id);
		CHECK_PAIR(ja.first_step, en.first_step, what);
		snprintf(what, sizeof what, "%s owner", id);
		CHECK_PAIR(ja.owner, en.owner, what);
		CHECK(ja.action_count >= 3 && ja.action_count == en.action_count);
		for (k = 0; k < ja.action_count && k < en.action_count; k++)
			CHECK_PAIR(ja.actions[k], en.actions[k], what);
		CHECK(ja.effort && ja.cost && ja.helps_reach >= 2);
	}
	printf("tips: %zu; level descriptions: %zu ja, %zu en; items: %zu\n", csm_tips_count(tips), levels_ja,
	       levels_en, items_total);
	csm_tips_free(tips);
}

static void test_industries(void)
{
	static const char *const trial[6][2] = {{"machinery", "機械器具製造"}, {"materials", "素材製造"},
	                                        {"infrastructure", "社会インフラ"}, {"finance", "金融"},
	                                        {"construction", "建築・土木"}, {"services", "サービス"}};
	csm_industries *ind = NULL;
	size_t i;
	const char *qid = "industries";
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	if (!ind)
		return;
	for (i = 0; i < 6; i++)
		CHECK_STR(csm_industry_label(ind, trial[i][0], CSM_LANG_JA), trial[i][1]);
	CHECK(csm_industries_count(ind) >= 20);
	for (i = 0; i < csm_industries_count(ind); i++)
		CHECK_PAIR(csm_industry_label(ind, csm_industry_id(ind, i), CSM_LANG_JA),
		           csm_industry_label(ind, csm_industry_id(ind, i), CSM_LANG_EN), "label");
	/* Every industry of the shipped benchmark is in the list. */
	{
		csm_benchmark *b = load_beta();
		for (i = 0; b && i < csm_benchmark_group_count(b); i++) {
			const char *key = csm_benchmark_group_key(b, i);
			if (strncmp(key, "industry:", 9) == 0)
				CHECK(csm_industry_label(ind, key + 9, CSM_LANG_EN) != NULL);
		}
		csm_benchmark_free(b);
	}
	csm_industries_free(ind);
}

int main(void)
{
	RUN_TEST(test_sets_and_tips);
	RUN_TEST(test_industries);
	return test_finish();
}
