/* The industry list (questions/industries.json): the Tokyo Stock Exchange's
 * 33 sectors plus organizations that are not listed, each rolled up to one of
 * the 2020 trial's six groups; the ids older lists used; the notices. */
#include "common.h"
#include "industries.h"

/* The 33 sectors as the exchange names them, in code order. */
static const char *const tse33[33] = {
    "水産・農林業", "鉱業",     "建設業",   "食料品",       "繊維製品",       "パルプ・紙",     "化学",
    "医薬品",       "石油・石炭製品", "ゴム製品", "ガラス・土石製品", "鉄鋼",   "非鉄金属",       "金属製品",
    "機械",         "電気機器", "輸送用機器", "精密機器",   "その他製品",     "電気・ガス業",   "陸運業",
    "海運業",       "空運業",   "倉庫・運輸関連業", "情報・通信業", "卸売業", "小売業",         "銀行業",
    "証券、商品先物取引業", "保険業", "その他金融業", "不動産業", "サービス業"};

/* Every id of the list before the TSE classification (33 overlapping ids). */
static const char *const old_ids[33] = {
    "machinery", "materials", "infrastructure", "finance", "construction", "services", "manufacturing",
    "automotive", "electronics", "chemicals", "pharma", "food", "energy", "water", "telecom", "transport",
    "logistics", "banking", "insurance", "securities", "healthcare", "retail", "wholesale", "it_services",
    "media", "professional_services", "real_estate", "hospitality", "education", "public_sector", "agriculture",
    "defense", "other"};

/* Japan's critical-infrastructure sectors (重要インフラ), 15 since the
 * action plan's revision of March 2024 added ports. */
static const char *const ci15[15] = {"情報通信", "金融", "航空", "空港", "鉄道", "電力", "ガス",
                                     "政府・行政サービス(地方公共団体を含む)", "医療", "水道", "物流", "化学",
                                     "クレジット", "石油", "港湾"};

static csm_industries *load(void)
{
	csm_industries *ind = NULL;
	if (csm_industries_open(&ind, CSM_TEST_SRC) != 0)
		fprintf(stderr, "industries: %s\n", csm_error_last());
	return ind;
}

/* The group ids of the 2020 benchmark's rows (benchmarks/beta-2020.tsv). */
static int in_trial_tsv(const char *id)
{
	char *tsv = test_read(SRC("benchmarks/beta-2020.tsv"), NULL), needle[80];
	int found;
	snprintf(needle, sizeof needle, "\t%s\t", id);
	found = tsv && strstr(tsv, needle) != NULL;
	free(tsv);
	return found;
}

static void test_shipped_list(void)
{
	csm_industries *ind = load();
	size_t i, j, k, listed = 0;
	int l, seen[33] = {0}, ci_seen[15] = {0};
	if (!ind)
		return;
	/* six groups: exactly the industry column of the 2020 trial's rows */
	CHECK_INT(csm_industry_group_count(ind), 6);
	for (i = 0; i < csm_industry_group_count(ind); i++) {
		const char *g = csm_industry_group_id(ind, i);
		CHECK(in_trial_tsv(g));
		CHECK(csm_industry_is_group(ind, g));
		CHECK_STR(csm_industry_parent(ind, g), g);
	}
	CHECK_STR(csm_industry_label(ind, "construction", CSM_LANG_JA), "建築・土木"); /* SPEC §2 */
	for (i = 0; i < csm_industries_count(ind); i++) {
		const char *id = csm_industry_id(ind, i), *parent = csm_industry_parent(ind, id), *tse = csm_industry_tse(ind, id);
		CHECK(!csm_industry_is_group(ind, id));
		/* a parent among the six */
		CHECK(parent != NULL && csm_industry_is_group(ind, parent) && in_trial_tsv(parent));
		for (l = 0; l < 2; l++) {
			const char *lab = csm_industry_label(ind, id, (csm_lang)l);
			CHECK(lab != NULL && lab[0] != '\0');
			/* no label twice, in either language, among industries and groups */
			for (j = 0; lab && j < csm_industries_count(ind); j++)
				if (j != i)
					CHECK(strcmp(lab, csm_industry_label(ind, csm_industry_id(ind, j), (csm_lang)l)) != 0);
			for (j = 0; lab && j < csm_industry_group_count(ind); j++)
				CHECK(strcmp(lab, csm_industry_label(ind, csm_industry_group_id(ind, j), (csm_lang)l)) != 0);
		}
		for (j = i + 1; j < csm_industries_count(ind); j++)
			CHECK(strcmp(id, csm_industry_id(ind, j)) != 0);
		/* a listed sector: its Japanese label is the exchange's name, each once */
		if (tse) {
			listed++;
			for (k = 0; k < 33; k++)
				if (strcmp(csm_industry_label(ind, id, CSM_LANG_JA), tse33[k]) == 0)
					seen[k]++;
		}
		for (k = 0; k < csm_industry_ci_count(ind, id); k++) {
			const char *c = csm_industry_ci_label(ind, id, k, CSM_LANG_JA);
			size_t m;
			CHECK(c != NULL && csm_industry_ci_label(ind, id, k, CSM_LANG_EN) != NULL);
			for (m = 0; c && m < 15; m++)
				ci_seen[m] += strcmp(c, ci15[m]) == 0;
		}
	}
	CHECK_INT(listed, 33);
	for (k = 0; k < 33; k++)
		CHECK_INT(seen[k], 1);
	/* every critical-infrastructure sector is reachable from some industry */
	for (k = 0; k < 15; k++)
		CHECK(ci_seen[k] >= 1);
	/* the non-listed organizations the exchange has no sector for */
	CHECK_STR(csm_industry_parent(ind, "public_sector"), "infrastructure");
	CHECK_STR(csm_industry_parent(ind, "healthcare"), "services");
	CHECK_STR(csm_industry_parent(ind, "education"), "services");
	CHECK_STR(csm_industry_parent(ind, "water"), "infrastructure");
	CHECK(csm_industry_tse(ind, "public_sector") == NULL);
	/* roll-ups the issue names: banking -> finance, automotive -> machinery */
	CHECK_STR(csm_industry_parent(ind, "bank"), "finance");
	CHECK_STR(csm_industry_parent(ind, csm_industry_renamed(ind, "automotive")), "machinery");
	CHECK_STR(csm_industry_tse(ind, "bank"), "7050");
	CHECK_INT(csm_industry_ci_count(ind, "electricity_gas"), 2);
	CHECK_STR(csm_industry_ci_label(ind, "electricity_gas", 0, CSM_LANG_JA), "電力");
	CHECK_STR(csm_industry_ci_label(ind, "electricity_gas", 1, CSM_LANG_EN), "Gas");
	CHECK_INT(csm_industry_ci_count(ind, "retail"), 0);
	csm_industries_free(ind);
}

/* Every id of the old list still means something: itself, or what it was renamed to. */
static void test_old_ids(void)
{
	csm_industries *ind = load();
	size_t i;
	if (!ind)
		return;
	for (i = 0; i < 33; i++) {
		const char *now = csm_industry_renamed(ind, old_ids[i]);
		int known = csm_industry_label(ind, old_ids[i], CSM_LANG_EN) != NULL;
		CHECK(known != (now != NULL)); /* exactly one of the two */
		if (now)
			CHECK(csm_industry_label(ind, now, CSM_LANG_JA) != NULL);
		if (!known && !now)
			fprintf(stderr, "old id %s is lost\n", old_ids[i]);
	}
	CHECK_STR(csm_industry_renamed(ind, "banking"), "bank");
	CHECK_STR(csm_industry_renamed(ind, "automotive"), "transport_equipment");
	CHECK_STR(csm_industry_renamed(ind, "energy"), "infrastructure"); /* spans sectors: its group */
	CHECK(csm_industry_renamed(ind, "bank") == NULL);
	csm_industries_free(ind);
}

static csm_answers *org(const char *industry)
{
	static int levels[64];
	csm_questionnaire *q = load_v2();
	csm_answers *a = NULL;
	size_t i;
	for (i = 0; q && i < csm_questionnaire_item_count(q); i++)
		levels[i] = 3;
	if (q)
		a = answers_from(q, levels, industry);
	CHECK(a != NULL);
	csm_questionnaire_free(q);
	return a;
}

static void test_resolve(void)
{
	csm_industries *ind = load();
	csm_answers *a;
	char *notes = NULL;
	if (!ind)
		return;
	/* an old id: renamed in the answers, a notice in the user's language */
	a = org("banking");
	CHECK_INT(csm_answers_check_industry(a, ind), 0);
	CHECK_INT(csm_answers_resolve_industry(&notes, a, ind, CSM_LANG_EN), 0);
	CHECK_STR(notes, "test.json: organization.industry: industry 'banking' is now 'bank' (Banks); use 'bank' from now on\n");
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY), "bank");
	csm_free(notes);
	csm_answers_free(a);
	a = org("banking");
	CHECK_INT(csm_answers_resolve_industry(&notes, a, ind, CSM_LANG_JA), 0);
	CHECK_STR(notes, "test.json: organization.industry: 業種 'banking' は 'bank'(銀行業)になりました。今後は 'bank' を使ってください\n");
	csm_free(notes);
	csm_answers_free(a);
	/* a group: kept, with a notice naming its industries */
	a = org("finance");
	CHECK_INT(csm_answers_resolve_industry(&notes, a, ind, CSM_LANG_EN), 0);
	CHECK_HAS(notes, "'finance' is a 2020 trial group of industries (Finance); for a closer comparison name one of: "
	                 "bank, securities, insurance, other_financing\n");
	CHECK_STR(csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY), "finance");
	csm_free(notes);
	csm_answers_free(a);
	/* a current industry: nothing to say */
	a = org("bank");
	CHECK_INT(csm_answers_resolve_industry(&notes, a, ind, CSM_LANG_EN), 0);
	CHECK_STR(notes, "");
	csm_free(notes);
	csm_answers_free(a);
	/* unknown: an error, as before */
	a = org("nosuch");
	notes = NULL;
	CHECK_INT(csm_answers_resolve_industry(&notes, a, ind, CSM_LANG_EN), CSM_EINVALID);
	CHECK(notes == NULL);
	CHECK_HAS(csm_error_last(), "\"nosuch\" is not a known industry id");
	csm_answers_free(a);
	/* the workbook's lookup: ids, labels in either language, old ids */
	CHECK_STR(csm__industry_find(ind, "銀行業"), "bank");
	CHECK_STR(csm__industry_find(ind, "banks"), "bank");
	CHECK_STR(csm__industry_find(ind, "金融"), "finance");
	CHECK_STR(csm__industry_find(ind, "banking"), "banking");
	CHECK(csm__industry_find(ind, "nosuch") == NULL);
	csm_industries_free(ind);
}

static void expect_error(const char *doc, const char *what)
{
	csm_industries *ind = NULL;
	CHECK_INT(csm_industries_parse(&ind, doc, strlen(doc), "i.json"), CSM_EINVALID);
	CHECK(ind == NULL);
	CHECK_HAS(csm_error_last(), what);
	csm_industries_free(ind);
}

#define HEAD "{\"format\":\"csm-industries/1\",\"groups_label\":{\"ja\":\"試行\",\"en\":\"trial\"}," \
             "\"groups\":[{\"id\":\"g\",\"label\":{\"ja\":\"グ\",\"en\":\"G\"}}],"
#define IND(id, ja, en, rest) "{\"id\":\"" id "\",\"label\":{\"ja\":\"" ja "\",\"en\":\"" en "\"}" rest "}"

static void test_parse_errors(void)
{
	csm_industries *ind = NULL;
	const char *ok = HEAD "\"critical_infrastructure\":[{\"id\":\"c\",\"label\":{\"ja\":\"シ\",\"en\":\"C\"}}],"
	                      "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\",\"critical_infrastructure\":[\"c\"]") "],"
	                      "\"renamed\":[{\"from\":\"old\",\"to\":\"a\"}]}";
	CHECK_INT(csm_industries_parse(&ind, ok, strlen(ok), "i.json"), 0);
	CHECK_STR(csm_industry_renamed(ind, "old"), "a");
	CHECK_STR(csm_industry_ci_label(ind, "a", 0, CSM_LANG_EN), "C");
	csm_industries_free(ind);
	/* an older file without groups still loads: no parents */
	ok = "{\"format\":\"csm-industries/1\",\"industries\":[" IND("a", "あ", "A", "") "]}";
	CHECK_INT(csm_industries_parse(&ind, ok, strlen(ok), "i.json"), 0);
	CHECK(csm_industry_parent(ind, "a") == NULL);
	csm_industries_free(ind);
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", "") "]}", "industry a: parent: missing");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"x\"") "]}",
	             "industry a: parent: \"x\" is not one of the groups");
	expect_error(HEAD "\"industries\":[" IND("g", "あ", "A", ",\"parent\":\"g\"") "]}", "industry g: also a group");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\"") "," IND("a", "い", "B", ",\"parent\":\"g\"") "]}",
	             "industries a: defined twice");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\"") "," IND("b", "あ", "B", ",\"parent\":\"g\"") "]}",
	             "a and b: the same label \"あ\"");
	expect_error(HEAD "\"industries\":[" IND("a", "グ", "A", ",\"parent\":\"g\"") "]}", "a and g: the same label \"グ\"");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\",\"critical_infrastructure\":[\"z\"]") "]}",
	             "critical_infrastructure: \"z\" is not one of the sectors");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\",\"tse\":\"70\"") "]}",
	             "tse: expected a sector code of 4 digits");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\"") "],\"renamed\":[{\"from\":\"a\",\"to\":\"g\"}]}",
	             "renamed: a is still an industry or a group");
	expect_error(HEAD "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\"") "],\"renamed\":[{\"from\":\"o\",\"to\":\"z\"}]}",
	             "renamed: o: \"z\" is not an industry or a group");
	expect_error("{\"format\":\"csm-industries/1\",\"groups\":[{\"id\":\"g\",\"label\":{\"ja\":\"グ\",\"en\":\"G\"}}],"
	             "\"industries\":[" IND("a", "あ", "A", ",\"parent\":\"g\"") "]}",
	             "groups_label: missing");
}

int main(void)
{
	RUN_TEST(test_shipped_list);
	RUN_TEST(test_old_ids);
	RUN_TEST(test_resolve);
	RUN_TEST(test_parse_errors);
	return test_finish();
}
