/* The shipped content: every questionnaire and tip complete in both
 * languages, ids consistent, counts as SPEC §2 says, CSF ids real. Fails on
 * any gap, so content cannot silently rot. */
#include <ctype.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

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
			if (!tip_of(tips, tip))
				fprintf(stderr, "%s item %s: tip %s does not exist\n", qid, id, tip);
			CHECK(tip_of(tips, tip) != NULL);
			for (t = 0; t < csm_tips_count(tips); t++)
				if (csm_tips_get(tips, t) == tip_of(tips, tip))
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

/* questions/sme-check.json read with cJSON, not csm_questionnaire_open():
 * its answer scale ("scale", done/partly/not done/don't know) is read by a
 * loader written in parallel, and this content must be checkable before and
 * after that lands. NULL (and a failed check) if the file is missing or broken. */
static cJSON *read_sme_check(void)
{
	FILE *f = fopen(SRC("questions/sme-check.json"), "rb");
	char *data = NULL;
	long n = -1;
	cJSON *root = NULL;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)n + 1)) && fread(data, 1, (size_t)n, f) == (size_t)n) {
		data[n] = '\0';
		root = cJSON_Parse(data);
	}
	if (f)
		fclose(f);
	free(data);
	if (!root)
		fprintf(stderr, "questions/sme-check.json: missing or not JSON\n");
	CHECK(root != NULL);
	return root;
}

/* The text of {"ja": ..., "en": ...} member `key` of `obj` in `lang`, or NULL. */
static const char *lang_text(const cJSON *obj, const char *key, const char *lang)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(obj, key), lang);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Mark the tips the sme-check items name as used. */
static void mark_sme_check_tips(const csm_tips *tips, unsigned char *tip_used)
{
	cJSON *root = read_sme_check();
	const cJSON *it, *t;
	size_t k;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "items"))
		cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(it, "tips"))
			for (k = 0; cJSON_IsString(t) && k < csm_tips_count(tips); k++)
				if (csm_tips_get(tips, k) == tip_of(tips, t->valuestring))
					tip_used[k] = 1;
	cJSON_Delete(root);
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
	mark_sme_check_tips(tips, used);
	for (t = 0; t < csm_tips_count(tips); t++) {
		/* the texts every tip has in both languages */
		static const csm_tip_field fields[5] = {CSM_TIP_TITLE, CSM_TIP_ACTION, CSM_TIP_PROBLEM, CSM_TIP_FIRST_STEP,
		                                        CSM_TIP_OWNER};
		static const char *const names[5] = {"title", "action", "problem", "first step", "owner"};
		const csm_tip *tip = csm_tips_get(tips, t);
		const char *id = csm_tip_text(tip, CSM_TIP_ID, CSM_LANG_EN);
		const char *qid = "tips";
		size_t n = csm_tip_action_count(tip, CSM_LANG_JA);
		char what[64];
		if (!used[t])
			fprintf(stderr, "tip %s is never referenced\n", id);
		CHECK(used[t]);
		for (k = 0; k < 5; k++) {
			snprintf(what, sizeof what, "%s %s", id, names[k]);
			CHECK_PAIR(csm_tip_text(tip, fields[k], CSM_LANG_JA), csm_tip_text(tip, fields[k], CSM_LANG_EN), what);
		}
		CHECK(n >= 3 && n == csm_tip_action_count(tip, CSM_LANG_EN));
		for (k = 0; k < n; k++) {
			snprintf(what, sizeof what, "%s action %zu", id, k + 1);
			CHECK_PAIR(csm_tip_action(tip, k, CSM_LANG_JA), csm_tip_action(tip, k, CSM_LANG_EN), what);
		}
		CHECK(csm_tip_effort(tip) && csm_tip_cost(tip));
		/* "Helps reach level N" means nothing on a done/partly/not-done scale:
		 * the sme-check tips carry none, every other tip does. */
		if (strncmp(id, "sme-c", 5) == 0)
			CHECK_INT(csm_tip_helps_reach(tip), 0);
		else
			CHECK(csm_tip_helps_reach(tip) >= 2);
	}
	printf("tips: %zu; level descriptions: %zu ja, %zu en; items: %zu\n", csm_tips_count(tips), levels_ja,
	       levels_en, items_total);
	csm_tips_free(tips);
}

/* ------------------------------------------------------------------------
 * One vocabulary (tips/glossary.tsv) and one style, checked on every tip. */

#define GLOSSARY_MAX 64
#define VARIANTS_MAX 24

typedef struct {
	const char *ja, *en; /* NULL for "-" */
	const char *avoid_ja[VARIANTS_MAX], *avoid_en[VARIANTS_MAX];
	char line[1024];
} glossary_term;

static glossary_term glossary[GLOSSARY_MAX];
static size_t glossary_count;
static int vocabulary_quiet; /* while the checks check themselves */
#define SAY(...) (vocabulary_quiet ? (void)0 : (void)fprintf(stderr, __VA_ARGS__))

/* "a|b|c" into `out` (split in place); "-" is none. */
static int split_variants(const char **out, char *s)
{
	size_t n = 0;
	char *save = NULL, *v;
	if (strcmp(s, "-") == 0)
		return 1;
	for (v = strtok_r(s, "|", &save); v; v = strtok_r(NULL, "|", &save)) {
		if (n + 1 >= VARIANTS_MAX || !*v)
			return 0;
		out[n++] = v;
	}
	return n > 0;
}

static void load_glossary(void)
{
	FILE *f = fopen(SRC("tips/glossary.tsv"), "r");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;
	glossary_count = 0;
	CHECK(f != NULL);
	while (f && getline(&line, &cap, f) > 0) {
		glossary_term *t = &glossary[glossary_count];
		char *col[4], *save = NULL;
		size_t len = strcspn(line, "\r\n");
		int n = 0, ok;
		lineno++;
		line[len] = '\0';
		if (!len || line[0] == '#')
			continue;
		CHECK(glossary_count < GLOSSARY_MAX && len < sizeof t->line);
		if (glossary_count >= GLOSSARY_MAX || len >= sizeof t->line)
			break;
		memset(t, 0, sizeof *t);
		memcpy(t->line, line, len + 1);
		while (n < 4 && (col[n] = strtok_r(n ? NULL : t->line, "\t", &save)) != NULL)
			n++;
		ok = n == 4 && !strtok_r(NULL, "\t", &save) && split_variants(t->avoid_ja, col[2]) &&
		     split_variants(t->avoid_en, col[3]);
		if (!ok)
			fprintf(stderr, "tips/glossary.tsv:%d: expected ja, en, ja variants, en variants\n", lineno);
		CHECK(ok);
		if (!ok)
			continue;
		t->ja = strcmp(col[0], "-") ? col[0] : NULL;
		t->en = strcmp(col[1], "-") ? col[1] : NULL;
		glossary_count++;
	}
	free(line);
	if (f)
		fclose(f);
}

/* Where `word` occurs in `s` as a whole word, ignoring ASCII case; a trailing
 * '*' lets the word go on. NULL if nowhere. */
static const char *find_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	int prefix = n && word[n - 1] == '*';
	const char *p;
	if (prefix)
		n--;
	for (p = s; n && *p; p++)
		if ((p == s || !isalpha((unsigned char)p[-1])) && strncasecmp(p, word, n) == 0 &&
		    (prefix || !isalpha((unsigned char)p[n])))
			return p;
	return NULL;
}

/* `text` with every occurrence of the preferred `term` blanked out, so that
 * a variant inside it (監督官庁 in 所管省庁・監督官庁) is not taken for a stray one. */
static char *blank_term(const char *text, const char *term, int en)
{
	char *c = strdup(text), *p = c;
	size_t n = term ? strlen(term) : 0;
	while (c && n && (p = en ? (char *)find_word(p, term) : strstr(p, term)) != NULL) {
		memset(p, '#', n);
		p += n;
	}
	return c;
}

/* One text in both languages against the glossary: no avoided variant, and
 * a term in one language only together with its counterpart in the other. */
static int check_vocabulary(const char *ja, const char *en, const char *what)
{
	size_t i, k;
	int bad = 0;
	for (i = 0; i < glossary_count; i++) {
		const glossary_term *t = &glossary[i];
		char *j = blank_term(ja, t->ja, 0), *e = blank_term(en, t->en, 1);
		for (k = 0; j && t->avoid_ja[k]; k++)
			if (strstr(j, t->avoid_ja[k])) {
				SAY("%s: ja says 「%s」; the glossary says 「%s」\n", what, t->avoid_ja[k],
				        t->ja ? t->ja : "?");
				bad++;
			}
		for (k = 0; e && t->avoid_en[k]; k++)
			if (find_word(e, t->avoid_en[k])) {
				SAY("%s: en says \"%s\"; the glossary says \"%s\"\n", what, t->avoid_en[k],
				        t->en ? t->en : "?");
				bad++;
			}
		if (t->ja && t->en) {
			/* a longer term holding this one ("audit and supervisory board"
			 * holds "board") is that term's, not this one's */
			char *j2 = strdup(ja), *e2 = strdup(en);
			size_t u;
			for (u = 0; j2 && e2 && u < glossary_count; u++) {
				const glossary_term *o = &glossary[u];
				char *x;
				if (o == t || !o->ja || !o->en)
					continue;
				if (strstr(o->ja, t->ja) && strcmp(o->ja, t->ja) != 0) {
					x = blank_term(j2, o->ja, 0);
					free(j2);
					j2 = x;
				}
				if (find_word(o->en, t->en) && strcasecmp(o->en, t->en) != 0) {
					x = blank_term(e2, o->en, 1);
					free(e2);
					e2 = x;
				}
			}
			if (j2 && e2 && !strstr(j2, t->ja) != !find_word(e2, t->en)) {
				SAY("%s: 「%s」 and \"%s\" go together, but only one of them is there\n", what, t->ja, t->en);
				bad++;
			}
			free(j2);
			free(e2);
		}
		free(j);
		free(e);
	}
	return bad;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

/* The Japanese style: full-width brackets, 「例: 」, and in sentences one
 * voice, the plain です・ます statement (「確認します」, never 「確認してください」). */
static int check_style(const char *ja, const char *what, int sentence)
{
	const char *p;
	int bad = 0;
	if (strpbrk(ja, "()")) {
		SAY("%s: ja uses ASCII brackets; write （）\n", what);
		bad++;
	}
	if (strstr(ja, "例：") || ((p = strstr(ja, "例:")) && p[strlen("例:")] != ' ')) {
		SAY("%s: ja writes an example other than 「例: 」\n", what);
		bad++;
	}
	if (sentence && (strstr(ja, "ください") || !(ends_with(ja, "ます。") || ends_with(ja, "ません。")))) {
		SAY("%s: ja is not in the です・ます statement voice (…します。)\n", what);
		bad++;
	}
	return bad;
}

/* "YYYY-MM", a real month no later than this one. */
static int month_valid(const char *s)
{
	char now[16];
	time_t t = time(NULL);
	struct tm tm;
	int k;
	if (!s || strlen(s) != 7 || s[4] != '-' || s[0] != '2' || s[1] != '0')
		return 0;
	for (k = 0; k < 7; k++)
		if (k != 4 && !isdigit((unsigned char)s[k]))
			return 0;
	if ((s[5] - '0') * 10 + (s[6] - '0') < 1 || (s[5] - '0') * 10 + (s[6] - '0') > 12)
		return 0;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m", &tm);
	return strcmp(s, now) <= 0;
}

static void test_glossary_and_style(void)
{
	static const char *const required[][2] = {
	    {"リスク台帳", "risk register"}, {"エスカレーション基準", "escalation criteria"},
	    {"所管省庁・監督官庁", "regulators"}, {"改ざん不可", "tamper-proof"}, {"取締役会", "board"},
	    {"経営会議", "management meeting"}, {"有価証券報告書", "Annual Securities Report"},
	    {"経営者", "company head"}};
	csm_tips *tips = NULL;
	size_t i, t, k;
	load_glossary();
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		int found = 0;
		for (k = 0; k < glossary_count; k++)
			found |= glossary[k].ja && glossary[k].en && strcmp(glossary[k].ja, required[i][0]) == 0 &&
			         strcmp(glossary[k].en, required[i][1]) == 0;
		if (!found)
			fprintf(stderr, "glossary: %s / %s missing\n", required[i][0], required[i][1]);
		CHECK(found);
	}
	/* the checks themselves catch what they are meant to */
	vocabulary_quiet = 1;
	CHECK_INT(check_vocabulary("全社リスク台帳に載せます。", "Put it in the enterprise risk register.", "ok"), 0);
	CHECK_INT(check_vocabulary("所管省庁・監督官庁に報告します。", "Report to the regulators.", "ok"), 0);
	CHECK_INT(check_vocabulary("リスク一覧に載せます。", "Put it in the risk list.", "bad"), 2);
	CHECK_INT(check_vocabulary("監督官庁に報告します。", "Report to the regulator.", "bad"), 2);
	CHECK_INT(check_vocabulary("経営会議で説明します。", "Present it to the board.", "bad"), 2);
	CHECK_INT(check_vocabulary("ログを分析します。", "Analysing logs and enrolling staff.", "bad"), 1);
	CHECK_INT(check_vocabulary("研修に登録します。", "Onboarding on the dashboard; organisations.", "bad"), 1);
	CHECK_INT(check_style("体制（例: 本社）を定めます。", "ok", 1), 0);
	CHECK_INT(check_style("体制(例:本社)を確認してください。", "bad", 1), 3);
	CHECK_INT(check_style("体制（例：本社）", "bad", 0), 1);
	CHECK(month_valid("2026-01") && !month_valid("2026-13") && !month_valid("2026-1") && !month_valid("9999-12") &&
	      !month_valid(NULL));
	vocabulary_quiet = 0;
	CHECK_INT(csm_tips_open(&tips, CSM_TEST_SRC), 0);
	for (t = 0; tips && t < csm_tips_count(tips); t++) {
		/* title and owner are names, the rest sentences (check_style's last argument) */
		static const csm_tip_field fields[5] = {CSM_TIP_TITLE, CSM_TIP_OWNER, CSM_TIP_ACTION, CSM_TIP_FIRST_STEP,
		                                        CSM_TIP_PROBLEM};
		static const char *const names[5] = {"title", "owner", "action", "first step", "problem"};
		const csm_tip *tip = csm_tips_get(tips, t);
		const char *id = csm_tip_text(tip, CSM_TIP_ID, CSM_LANG_EN);
		const char *checked = csm_tip_text(tip, CSM_TIP_CHECKED, CSM_LANG_JA);
		char what[64];
		int bad = 0;
		/* every tip says when its facts were last checked */
		if (!month_valid(checked))
			fprintf(stderr, "tip %s: checked: %s is not a month up to now (YYYY-MM)\n", id,
			        checked ? checked : "missing");
		CHECK(month_valid(checked));
		for (k = 0; k < 5; k++) {
			const char *ja = csm_tip_text(tip, fields[k], CSM_LANG_JA), *en = csm_tip_text(tip, fields[k], CSM_LANG_EN);
			if (!ja || !en)
				continue;
			snprintf(what, sizeof what, "tip %s %s", id, names[k]);
			bad += check_vocabulary(ja, en, what);
			bad += check_style(ja, what, k >= 2);
		}
		for (k = 0; k < csm_tip_action_count(tip, CSM_LANG_JA) && k < csm_tip_action_count(tip, CSM_LANG_EN); k++) {
			snprintf(what, sizeof what, "tip %s action %zu", id, k + 1);
			bad += check_vocabulary(csm_tip_action(tip, k, CSM_LANG_JA), csm_tip_action(tip, k, CSM_LANG_EN), what);
			bad += check_style(csm_tip_action(tip, k, CSM_LANG_JA), what, 1);
		}
		for (k = 0; k < CSM_BUDGETS; k++) {
			const char *ja = csm_tip_budget(tip, (csm_budget)k, CSM_LANG_JA);
			const char *en = csm_tip_budget(tip, (csm_budget)k, CSM_LANG_EN);
			if (!ja || !en)
				continue;
			snprintf(what, sizeof what, "tip %s budget %zu", id, k);
			bad += check_vocabulary(ja, en, what);
			bad += check_style(ja, what, 1);
		}
		CHECK_INT(bad, 0);
	}
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

/* The official check items of the Guidelines Ver2.0 Appendix A (FY2020 report,
 * Table 3.23): per directive 3/3/4/3/10/4/5/2/3/2. Only the numbers are kept
 * here; the items' wording is the Guidelines' own. */
static const char *const appendix_a_v2[] = {
    "1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "3-1", "3-2", "3-3", "3-4", "4-1", "4-2", "4-3",
    "5-1", "5-2", "5-3", "5-4", "5-5", "5-6", "5-7", "5-8", "5-9", "5-10", "6-1", "6-2", "6-3",
    "6-4", "7-1", "7-2", "7-3", "7-4", "7-5", "8-1", "8-2", "9-1", "9-2", "9-3", "10-1", "10-2"};
#define APPENDIX_A_V2 (sizeof appendix_a_v2 / sizeof appendix_a_v2[0])

/* The content checked by the tests below: the sources, or CSM_CONTENT_DIR (a
 * directory with questions/) to run the same checks on other content, e.g. an
 * older checkout. */
static const char *content_dir(void)
{
	const char *dir = getenv("CSM_CONTENT_DIR");
	return dir && dir[0] ? dir : CSM_TEST_SRC;
}

static int appendix_a_index(const char *ref)
{
	size_t k;
	for (k = 0; ref && k < APPENDIX_A_V2; k++)
		if (strcmp(appendix_a_v2[k], ref) == 0)
			return (int)k;
	return -1;
}

/* Every csmg-v2 item names the official item it asks about, in its own
 * directive, and together they name each of the 39 exactly once; every
 * csmg-v3 item names one too (Ver2.0 numbering: the spec has no Ver3.0 table). */
static void test_items_name_appendix_a(void)
{
	static const char *const sets[] = {"csmg-v2", "csmg-v3"};
	size_t s, i;
	CHECK_INT(APPENDIX_A_V2, 39);
	for (s = 0; s < 2; s++) {
		unsigned named[APPENDIX_A_V2] = {0};
		csm_questionnaire *q = NULL;
		CHECK_INT(csm_questionnaire_open(&q, content_dir(), sets[s]), 0);
		for (i = 0; q && i < csm_questionnaire_item_count(q); i++) {
			const char *ref = csm_item_appendix_a(q, i);
			int k = appendix_a_index(ref);
			if (k < 0)
				fprintf(stderr, "%s item %s: appendix_a \"%s\" is not an official Appendix A item\n", sets[s],
				        csm_item_id(q, i), ref ? ref : "(none)");
			CHECK(k >= 0);
			if (k < 0)
				continue;
			named[k]++;
			CHECK_INT(atoi(ref), csm_item_directive(q, i));
		}
		for (i = 0; s == 0 && i < APPENDIX_A_V2; i++) {
			if (named[i] != 1)
				fprintf(stderr, "csmg-v2: Appendix A item %s is named by %u items\n", appendix_a_v2[i], named[i]);
			CHECK_INT(named[i], 1);
		}
		csm_questionnaire_free(q);
	}
}

/* Words that name group companies or suppliers, and words that make a
 * requirement conditional on having them (issue 19: a standalone company
 * must be able to reach every level). */
static const char *const rollout_ja[] = {"グループ会社", "子会社", "関連会社", "グループ全体", "取引先", "委託先",
                                         "サプライチェーン"};
static const char *const rollout_en[] = {"group compan", "subsidiar", "affiliate", "group-wide", "the group",
                                         "supplier", "contractor", "partner", "supply chain"};
static const char *const where_ja[] = {"がある場合", "がいる場合", "ている場合", "する場合", "該当する場合"};
static const char *const where_en[] = {"where the company", "where there ", "where applicable", "where it ",
                                       "if any", "where any"};

static int has_any(const char *text, const char *const *words, size_t n, int fold)
{
	size_t k;
	for (k = 0; k < n; k++) {
		if (fold) {
			size_t len = strlen(words[k]);
			const char *t;
			for (t = text; *t; t++) {
				size_t m = 0; /* ASCII case folding: the English texts are ASCII */
				while (m < len && t[m] && (t[m] | 0x20) == (words[k][m] | 0x20))
					m++;
				if (m == len)
					return 1;
			}
		} else if (strstr(text, words[k])) {
			return 1;
		}
	}
	return 0;
}

/* 1 when `text` asks for group or supplier rollout without "where the company has them". */
static int unqualified_rollout(const char *text, csm_lang lang)
{
	if (lang == CSM_LANG_JA)
		return has_any(text, rollout_ja, sizeof rollout_ja / sizeof *rollout_ja, 0) &&
		       !has_any(text, where_ja, sizeof where_ja / sizeof *where_ja, 0);
	return has_any(text, rollout_en, sizeof rollout_en / sizeof *rollout_en, 1) &&
	       !has_any(text, where_en, sizeof where_en / sizeof *where_en, 1);
}

/* Levels 3-5 (what is required; levels 1-2 describe what is missing) of the
 * generic scale and of every item, except items whose subject is outsourcing
 * or the supply chain itself (directive 9, Appendix A 3-2 and 3-4). Returns
 * the number of offending texts, each named on stderr. */
static unsigned rollout_offences(const char *data_dir, const char *qid)
{
	csm_questionnaire *q = NULL;
	unsigned bad = 0;
	size_t i;
	int l, g;
	if (csm_questionnaire_open(&q, data_dir, qid) != 0) {
		fprintf(stderr, "%s: %s\n", qid, csm_error_last());
		return 1000;
	}
	for (g = 0; g < 2; g++)
		for (l = 3; l <= 5; l++) {
			const char *t = csm_questionnaire_level(q, l, (csm_lang)g);
			if (t && unqualified_rollout(t, (csm_lang)g)) {
				fprintf(stderr, "%s generic level %d (%s): rollout without \"where applicable\": %s\n", qid, l,
				        g == CSM_LANG_JA ? "ja" : "en", t);
				bad++;
			}
		}
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		/* csmg ids are the official numbers where the data names none */
		const char *ref = csm_item_appendix_a(q, i) ? csm_item_appendix_a(q, i) : csm_item_id(q, i);
		if (csm_item_directive(q, i) == 9 || (ref && (!strcmp(ref, "3-2") || !strcmp(ref, "3-4"))))
			continue;
		for (g = 0; g < 2; g++)
			for (l = 3; l <= 5; l++) {
				const char *t = csm_item_level(q, i, l, (csm_lang)g);
				if (t && unqualified_rollout(t, (csm_lang)g)) {
					fprintf(stderr, "%s item %s level %d (%s): rollout without \"where applicable\": %s\n", qid,
					        csm_item_id(q, i), l, g == CSM_LANG_JA ? "ja" : "en", t);
					bad++;
				}
			}
	}
	csm_questionnaire_free(q);
	return bad;
}

static void test_levels_reachable_without_group(void)
{
	static const char *const sets[] = {"csmg-v2", "csmg-v3", "sme-light"};
	size_t s;
	/* the check itself: it catches an unqualified rollout and passes a qualified one */
	CHECK(unqualified_rollout("グループ会社にも展開しています。", CSM_LANG_JA));
	CHECK(!unqualified_rollout("グループ会社がある場合は、そこにも展開しています。", CSM_LANG_JA));
	CHECK(unqualified_rollout("Extended to group companies and key suppliers.", CSM_LANG_EN));
	CHECK(!unqualified_rollout("Where the company has group companies, extended to them.", CSM_LANG_EN));
	CHECK(!unqualified_rollout("Measured and reported to management.", CSM_LANG_EN));
	for (s = 0; s < sizeof sets / sizeof *sets; s++)
		CHECK_INT(rollout_offences(content_dir(), sets[s]), 0);
}

/* One vocabulary in the item texts, gates and scales (issue 19). */
static void check_item_vocabulary(const char *qid, const char *where, const char *ja, const char *en)
{
	/* the glossary's terms and spellings, and the Japanese brackets and 例,
	 * as for the tips: one vocabulary, one checker */
	char what[160];
	snprintf(what, sizeof what, "%s %s", qid, where);
	if (ja && en)
		CHECK_INT(check_vocabulary(ja, en, what), 0);
	if (ja)
		CHECK_INT(check_style(ja, what, 0), 0);
}

/* です・ます throughout the level texts, the generic scale included. */
static int desu_masu(const char *ja)
{
	static const char *const ends[] = {"ます。", "です。", "ません。"};
	size_t k, n = ja ? strlen(ja) : 0;
	for (k = 0; k < sizeof ends / sizeof *ends; k++)
		if (n >= strlen(ends[k]) && strcmp(ja + n - strlen(ends[k]), ends[k]) == 0)
			return 1;
	return 0;
}

static void test_one_vocabulary(void)
{
	static const char *const sets[] = {"csmg-v2", "csmg-v3", "sme-light"};
	static const char *const fields[] = {"question", "intent", "hint"};
	size_t s, i;
	int l, f;
	load_glossary();
	for (s = 0; s < sizeof sets / sizeof *sets; s++) {
		const char *qid = sets[s];
		csm_questionnaire *q = NULL;
		char where[64];
		CHECK_INT(csm_questionnaire_open(&q, content_dir(), qid), 0);
		if (!q)
			continue;
		for (l = 1; l <= 5; l++) {
			snprintf(where, sizeof where, "generic level %d", l);
			check_item_vocabulary(qid, where, csm_questionnaire_level(q, l, CSM_LANG_JA),
			                 csm_questionnaire_level(q, l, CSM_LANG_EN));
			if (!desu_masu(csm_questionnaire_level(q, l, CSM_LANG_JA)))
				fprintf(stderr, "%s %s: not in です・ます\n", qid, where);
			CHECK(desu_masu(csm_questionnaire_level(q, l, CSM_LANG_JA)));
		}
		for (l = 1; l <= CSM_DIRECTIVES; l++) { /* the board page's sentences: every directive, both languages */
			const char *ja = csm_directive_if_left(q, l, CSM_LANG_JA), *en = csm_directive_if_left(q, l, CSM_LANG_EN);
			snprintf(where, sizeof where, "directive %d if_left", l);
			CHECK(ja && en);
			check_item_vocabulary(qid, where, ja, en);
			if (!desu_masu(ja))
				fprintf(stderr, "%s %s: not in です・ます\n", qid, where);
			CHECK(desu_masu(ja));
			CHECK(en && en[strlen(en) - 1] == '.' && !strchr(en, '\n'));
		}
		for (i = 0; i < csm_questionnaire_gate_count(q); i++) {
			snprintf(where, sizeof where, "gate %s", csm_gate_id(q, i));
			check_item_vocabulary(qid, where, csm_gate_question(q, i, CSM_LANG_JA), csm_gate_question(q, i, CSM_LANG_EN));
		}
		for (i = 0; i < csm_questionnaire_item_count(q); i++) {
			const char *id = csm_item_id(q, i);
			for (f = 0; f < 3; f++) {
				snprintf(where, sizeof where, "item %s %s", id, fields[f]);
				check_item_vocabulary(qid, where, csm_item_text(q, i, (csm_item_field)f, CSM_LANG_JA),
				                 csm_item_text(q, i, (csm_item_field)f, CSM_LANG_EN));
			}
			for (l = 1; l <= 5; l++) {
				snprintf(where, sizeof where, "item %s level %d", id, l);
				check_item_vocabulary(qid, where, csm_item_level(q, i, l, CSM_LANG_JA), csm_item_level(q, i, l, CSM_LANG_EN));
				if (!desu_masu(csm_item_level(q, i, l, CSM_LANG_JA)))
					fprintf(stderr, "%s %s: not in です・ます\n", qid, where);
				CHECK(desu_masu(csm_item_level(q, i, l, CSM_LANG_JA)));
			}
		}
		/* a CSIRT whose members also hold other jobs (兼務) counts: not "dedicated" */
		i = (size_t)csm_questionnaire_item_find(q, "7-2");
		if (csm_questionnaire_item_find(q, "7-2") >= 0) {
			CHECK(strstr(csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_EN), "dedicated") == NULL);
			CHECK(strstr(csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_JA), "兼務") != NULL);
		}
		csm_questionnaire_free(q);
	}
}

/* ------------------------------------------------------------------------
 * The small-company content (issue 17): the 25-item self-diagnosis
 * sme-check, and the tips of sme-check and sme-light, written for a company
 * without IT staff. */

/* Words of the large-company tips that have no place in a small company's. */
static const char *const big_company_ja[] = {"CISO", "取締役会", "事業部門", "情報システム部門", "経営企画部門",
                                             "セキュリティ責任者"};
static const char *const big_company_en[] = {"CISO", "board", "business unit*", "business-unit*", "IT department",
                                             "corporate planning", "security lead"};

/* Every text of tip `id` (both languages): in SME words, with a budget
 * answer for all three budgets. Returns the number of offences. */
static int check_sme_tip(const csm_tips *tips, const char *id)
{
	const csm_tip *tip = tip_of(tips, id);
	const char *texts[2][8 + 10];
	size_t n[2] = {0, 0}, k, w;
	int bad = 0, l;
	const char *qid = "sme tips";
	char what[64];
	if (!tip) {
		fprintf(stderr, "sme tip %s does not exist\n", id);
		return 1;
	}
	for (k = 0; k < CSM_BUDGETS; k++) {
		const char *ja = csm_tip_budget(tip, (csm_budget)k, CSM_LANG_JA);
		const char *en = csm_tip_budget(tip, (csm_budget)k, CSM_LANG_EN);
		snprintf(what, sizeof what, "tip %s budget %zu", id, k);
		CHECK_PAIR(ja, en, what);
		bad += !ja || !en;
	}
	for (l = 0; l < 2; l++) {
		const csm_lang lang = l ? CSM_LANG_EN : CSM_LANG_JA;
		const char *const fixed[] = {csm_tip_text(tip, CSM_TIP_TITLE, lang),
		                             csm_tip_text(tip, CSM_TIP_ACTION, lang),
		                             csm_tip_text(tip, CSM_TIP_PROBLEM, lang),
		                             csm_tip_text(tip, CSM_TIP_FIRST_STEP, lang),
		                             csm_tip_text(tip, CSM_TIP_OWNER, lang),
		                             csm_tip_budget(tip, CSM_BUDGET_NONE, lang),
		                             csm_tip_budget(tip, CSM_BUDGET_SMALL, lang),
		                             csm_tip_budget(tip, CSM_BUDGET_OUTSIDE, lang)};
		for (k = 0; k < 8; k++)
			if (fixed[k])
				texts[l][n[l]++] = fixed[k];
		for (k = 0; k < csm_tip_action_count(tip, lang) && k < 10; k++)
			texts[l][n[l]++] = csm_tip_action(tip, k, lang);
	}
	for (k = 0; k < n[0]; k++)
		for (w = 0; w < sizeof big_company_ja / sizeof *big_company_ja; w++)
			if (strstr(texts[0][k], big_company_ja[w])) {
				fprintf(stderr, "tip %s: a small company's tip says 「%s」: %s\n", id, big_company_ja[w], texts[0][k]);
				bad++;
			}
	for (k = 0; k < n[1]; k++)
		for (w = 0; w < sizeof big_company_en / sizeof *big_company_en; w++)
			if (find_word(texts[1][k], big_company_en[w])) {
				fprintf(stderr, "tip %s: a small company's tip says \"%s\": %s\n", id, big_company_en[w], texts[1][k]);
				bad++;
			}
	return bad;
}

static void test_sme_check(void)
{
	static const char *const choices[4] = {"done", "partly", "not_done", "unknown"};
	static const int points[4] = {4, 2, 0, -1};
	static const char *const fields[3] = {"question", "intent", "how"};
	cJSON *root = read_sme_check();
	const cJSON *v, *it;
	csm_tips *tips = NULL;
	unsigned per_part[3] = {0, 0, 0}, policy = 0, basics = 0, n = 0;
	int max = 0, i, f;
	const char *qid = "sme-check";
	char what[96];

	load_glossary();
	CHECK_INT(csm_tips_open(&tips, CSM_TEST_SRC), 0);
	if (!root || !tips)
		goto done;
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "format")), "csm-questionnaire/1");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "id")), "sme-check");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "grading")), "none");
	CHECK_PAIR(lang_text(root, "title", "ja"), lang_text(root, "title", "en"), "title");
	CHECK_PAIR(lang_text(root, "group_word", "ja"), lang_text(root, "group_word", "en"), "group_word");
	v = cJSON_GetObjectItemCaseSensitive(root, "max_points");
	CHECK(cJSON_IsNumber(v) && v->valuedouble == 100);

	/* the scale: done / partly / not done / don't know = 4 / 2 / 0 / -1 */
	v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "scale"), "choices");
	CHECK_INT(cJSON_GetArraySize(v), 4);
	for (i = 0; i < 4 && i < cJSON_GetArraySize(v); i++) {
		const cJSON *c = cJSON_GetArrayItem(v, i), *pt = cJSON_GetObjectItemCaseSensitive(c, "points");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "id")), choices[i]);
		CHECK(cJSON_IsNumber(pt) && pt->valuedouble == points[i]);
		CHECK_PAIR(lang_text(c, "label", "ja"), lang_text(c, "label", "en"), "choice label");
	}
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "scale"),
	                                                                 "unknown")),
	          "unknown");

	/* three parts, titled in both languages */
	v = cJSON_GetObjectItemCaseSensitive(root, "directives");
	CHECK_INT(cJSON_GetArraySize(v), 3);
	for (i = 0; i < cJSON_GetArraySize(v); i++) {
		const cJSON *d = cJSON_GetArrayItem(v, i), *id = cJSON_GetObjectItemCaseSensitive(d, "id");
		CHECK(cJSON_IsNumber(id) && id->valueint == i + 1);
		CHECK_PAIR(lang_text(d, "title", "ja"), lang_text(d, "title", "en"), "part title");
		CHECK_PAIR(lang_text(d, "short", "ja"), lang_text(d, "short", "en"), "part short");
	}

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "items")) {
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "id"));
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "directive"), *tp, *mk;
		char want[16], mark[16];
		int part = cJSON_IsNumber(d) ? d->valueint : 0, marks = 0, tipn = 0;
		n++;
		/* c1..c25 in order, so that a report's "c7" is the seventh question */
		snprintf(want, sizeof want, "c%u", n);
		CHECK_STR(id, want);
		if (!id)
			continue;
		CHECK(part >= 1 && part <= 3);
		if (part >= 1 && part <= 3)
			per_part[part - 1]++;
		max += 4;
		for (f = 0; f < 3; f++) {
			snprintf(what, sizeof what, "item %s %s", id, fields[f]);
			CHECK_PAIR(lang_text(it, fields[f], "ja"), lang_text(it, fields[f], "en"), what);
			check_item_vocabulary(qid, what, lang_text(it, fields[f], "ja"), lang_text(it, fields[f], "en"));
		}
		/* the five basics are c1..c5, each marked basic-N, and part 1 is them */
		snprintf(mark, sizeof mark, "basic-%u", n);
		cJSON_ArrayForEach(mk, cJSON_GetObjectItemCaseSensitive(it, "marks")) {
			const char *m = cJSON_GetStringValue(mk);
			marks++;
			if (m && strcmp(m, "policy") == 0) {
				policy++;
				CHECK_INT(part, 3);
			} else if (m && n <= 5 && strcmp(m, mark) == 0) {
				basics++;
			} else {
				fprintf(stderr, "sme-check item %s: unexpected mark %s\n", id, m ? m : "(not a text)");
				CHECK(0);
			}
		}
		CHECK_INT(part == 1, n <= 5);
		if (n <= 5)
			CHECK_INT(marks, 1);
		cJSON_ArrayForEach(tp, cJSON_GetObjectItemCaseSensitive(it, "tips")) {
			const char *tid = cJSON_GetStringValue(tp);
			tipn++;
			CHECK(csm_tip_text(tip_of(tips, tid), CSM_TIP_TITLE, CSM_LANG_EN) != NULL);
			if (tid)
				CHECK_INT(check_sme_tip(tips, tid), 0);
		}
		CHECK(tipn >= 1);
	}
	CHECK_INT(n, 25);
	CHECK_INT(per_part[0], 5);
	CHECK_INT(per_part[1], 13);
	CHECK_INT(per_part[2], 7);
	CHECK_INT(basics, 5);
	CHECK_INT(policy, 1);
	CHECK_INT(max, 100);
	printf("sme-check: %u items (%u/%u/%u), %d points\n", n, per_part[0], per_part[1], per_part[2], max);
done:
	csm_tips_free(tips);
	cJSON_Delete(root);
}

/* sme-light is for small subsidiaries: its items point to the small-company
 * tips sme-s1..sme-s12, not to the large-company csmg tips. */
static void test_sme_light_tips(void)
{
	csm_questionnaire *q = NULL;
	csm_tips *tips = NULL;
	size_t i, k;
	CHECK_INT(csm_questionnaire_open(&q, CSM_TEST_SRC, "sme-light"), 0);
	CHECK_INT(csm_tips_open(&tips, CSM_TEST_SRC), 0);
	for (i = 0; q && tips && i < csm_questionnaire_item_count(q); i++) {
		char want[16];
		snprintf(want, sizeof want, "sme-%s", csm_item_id(q, i));
		CHECK_INT(csm_item_tip_count(q, i), 1);
		for (k = 0; k < csm_item_tip_count(q, i); k++) {
			CHECK_STR(csm_item_tip(q, i, k), want);
			CHECK_INT(check_sme_tip(tips, csm_item_tip(q, i, k)), 0);
		}
	}
	csm_tips_free(tips);
	csm_questionnaire_free(q);
}


int main(void)
{
	RUN_TEST(test_sets_and_tips);
	RUN_TEST(test_industries);
	RUN_TEST(test_items_name_appendix_a);
	RUN_TEST(test_levels_reachable_without_group);
	RUN_TEST(test_one_vocabulary);
	RUN_TEST(test_glossary_and_style);
	RUN_TEST(test_sme_check);
	RUN_TEST(test_sme_light_tips);
	return test_finish();
}
