/* Aggregation: statistics worked out by hand, exact histograms, and the
 * suppression rules (k, complementary, remainder, tiny "all"). */
#include <cjson/cJSON.h>

#include "aggregate.h"
#include "common.h"

static const csm_grading trial = {3.75, 2.67};

/* An assessment with every item at `level`, in `industry` (or none). */
static csm_answers *uniform(const csm_questionnaire *q, int level, const char *industry, const char *date, int id)
{
	char buf[4096], ind[96] = "";
	size_t len = 0, i;
	csm_answers *a = NULL;
	if (industry)
		snprintf(ind, sizeof ind, ",\"industry\":\"%s\"", industry);
	len += (size_t)snprintf(buf, sizeof buf,
	                        "{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"O%d\"%s},"
	                        "\"assessed_on\":\"%s\",\"answers\":{",
	                        id, ind, date);
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\":%d", i ? "," : "", csm_item_id(q, i), level);
	snprintf(buf + len, sizeof buf - len, "}}");
	if (csm_answers_parse(&a, buf, strlen(buf), "gen.json") != 0)
		fprintf(stderr, "%s\n", csm_error_last());
	return a;
}

static cJSON *export_of(csm_aggregator *ag)
{
	char *json = NULL;
	cJSON *root;
	if (csm_aggregator_export(&json, ag) != 0)
		return NULL;
	root = cJSON_Parse(json);
	csm_free(json);
	return root;
}

static const cJSON *group(const cJSON *root, const char *key)
{
	const cJSON *g;
	cJSON_ArrayForEach(g, cJSON_GetObjectItem(root, "groups"))
		if (strcmp(cJSON_GetObjectItem(g, "key")->valuestring, key) == 0)
			return g;
	return NULL;
}

static double num_at(const cJSON *g, const char *field, int d)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(g, field), d)->valuedouble;
}

static int suppressed_has(const cJSON *root, const char *key, const char *reason)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, cJSON_GetObjectItem(root, "suppressed"))
		if (strcmp(cJSON_GetObjectItem(s, "key")->valuestring, key) == 0)
			return strstr(cJSON_GetObjectItem(s, "reason")->valuestring, reason) != NULL;
	return 0;
}

static void test_statistics(void)
{
	csm_questionnaire *q = load_v2();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 1, NULL, "t", NULL, NULL};
	csm_aggregator *ag = NULL;
	static const int levels[3] = {1, 2, 4};
	cJSON *root;
	const cJSON *all, *h;
	int i;
	if (!q)
		return;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	for (i = 0; i < 3; i++) {
		csm_answers *a = uniform(q, levels[i], "finance", "2025-01-01", i);
		CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_aggregator_count(ag), 3);
	root = export_of(ag);
	all = group(root, "all");
	CHECK(all != NULL);
	if (all) {
		CHECK_INT(cJSON_GetObjectItem(all, "n")->valueint, 3);
		CHECK_NEAR(num_at(all, "mean", 0), 7.0 / 3, 1e-12);
		CHECK_NEAR(num_at(all, "sd", 0), sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) +
		                                       (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2),
		           1e-12);
		/* statistics.quantiles([1, 2, 4], n=4, method="inclusive") == [1.5, 2.0, 3.0] */
		CHECK_NEAR(num_at(all, "q1", 0), 1.5, 0);
		CHECK_NEAR(num_at(all, "median", 0), 2.0, 0);
		CHECK_NEAR(num_at(all, "q3", 0), 3.0, 0);
		CHECK_NEAR(num_at(all, "min", 9), 1, 0);
		CHECK_NEAR(num_at(all, "max", 9), 4, 0);
		h = cJSON_GetArrayItem(cJSON_GetObjectItem(all, "histogram"), 4);
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(h, "values")), 3);
		CHECK_INT(cJSON_GetArrayItem(cJSON_GetObjectItem(h, "counts"), 2)->valueint, 1);
		CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(all, "overall"), "mean")->valuedouble, 7.0 / 3, 1e-12);
	}
	CHECK(group(root, "grade:A") != NULL && group(root, "grade:C") != NULL); /* 4 -> A, 1 and 2 -> C */
	CHECK(group(root, "grade:B") == NULL);                                 /* empty: not published */
	CHECK(group(root, "year:2025") != NULL && group(root, "industry:finance") != NULL);
	cJSON_Delete(root);
	csm_aggregator_free(ag);
	csm_questionnaire_free(q);
}

/* Industries a:10, b:12, x:3, with k = 5: x is suppressed; then only 3
 * organizations are hidden, so the smallest published industry (a) goes too. */
static void test_complementary_suppression(void)
{
	csm_questionnaire *q = load_v2();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 5, NULL, "t", NULL, NULL};
	csm_aggregator *ag = NULL;
	cJSON *root;
	int i, id = 0;
	if (!q)
		return;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	for (i = 0; i < 25; i++) {
		const char *ind = i < 10 ? "a" : i < 22 ? "b" : "x";
		csm_answers *a = uniform(q, 1 + i % 5, ind, "2025-01-01", id++);
		csm_aggregator_add(ag, a, 0);
		csm_answers_free(a);
	}
	root = export_of(ag);
	CHECK(group(root, "industry:b") != NULL);
	CHECK(group(root, "industry:x") == NULL && group(root, "industry:a") == NULL);
	CHECK(suppressed_has(root, "industry:x", "fewer than 5"));
	CHECK(suppressed_has(root, "industry:a", "complementary"));
	/* what is published can no longer isolate x: all - b = a + x = 13 >= k */
	CHECK_INT(cJSON_GetObjectItem(group(root, "all"), "n")->valueint - cJSON_GetObjectItem(group(root, "industry:b"), "n")->valueint,
	          13);
	cJSON_Delete(root);
	csm_aggregator_free(ag);

	/* The remainder: 2 assessments without an industry would be recoverable
	 * as all - (a + b); b (the smaller) is suppressed to cover them. */
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	for (i = 0; i < 24; i++) {
		const char *ind = i < 12 ? "a" : i < 22 ? "b" : NULL;
		csm_answers *a = uniform(q, 1 + i % 5, ind, "2025-01-01", id++);
		csm_aggregator_add(ag, a, 0);
		csm_answers_free(a);
	}
	root = export_of(ag);
	CHECK(group(root, "industry:a") != NULL && group(root, "industry:b") == NULL);
	CHECK(suppressed_has(root, "industry:b", "complementary"));
	cJSON_Delete(root);
	csm_aggregator_free(ag);

	/* Fewer than k in all: nothing is published. */
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	for (i = 0; i < 4; i++) {
		csm_answers *a = uniform(q, 3, "a", "2025-01-01", id++);
		csm_aggregator_add(ag, a, 0);
		csm_answers_free(a);
	}
	root = export_of(ag);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(root, "groups")), 0);
	CHECK(suppressed_has(root, "all", "fewer than 5"));
	cJSON_Delete(root);
	csm_aggregator_free(ag);
	csm_questionnaire_free(q);
}

/* An attacker holding the export: for 300 random memberships, no family of
 * published groups (grades, industries, years) can be subtracted from "all"
 * to single out fewer than k organizations, every published group has at
 * least k, and no organization's name appears anywhere in the export. */
static void test_reconstruction_fails(void)
{
	static const char *const industries[6] = {"finance", "energy", "retail", "it", "medical", NULL};
	static const char *const families[3] = {"grade:", "industry:", "year:"};
	csm_questionnaire *q = load_v2();
	unsigned seed = 12345;
	int round, id = 0;
	if (!q)
		return;
	for (round = 0; round < 300; round++) {
		unsigned k = 2 + (unsigned)round % 6, n;
		csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, k, NULL, "t", NULL, NULL};
		csm_aggregator *ag = NULL;
		char *json = NULL, name[32];
		cJSON *root = NULL;
		const cJSON *g;
		int f, first = id, leaked = 0, small = 0, isolating = 0;
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 40;
		if (csm_aggregator_new(&ag, q, &o) != 0)
			break;
		for (; (unsigned)(id - first) < n; id++) {
			char date[16];
			csm_answers *a;
			seed = seed * 1103515245u + 12345u;
			snprintf(date, sizeof date, "%u-06-01", 2023 + (seed >> 8) % 3);
			a = uniform(q, 1 + (int)((seed >> 12) % 5), industries[(seed >> 20) % 6], date, id);
			csm_aggregator_add(ag, a, 0);
			csm_answers_free(a);
		}
		if (csm_aggregator_export(&json, ag) == 0)
			root = cJSON_Parse(json);
		CHECK(root != NULL);
		for (f = first; json && f < id; f++) {
			snprintf(name, sizeof name, "\"O%d\"", f);
			leaked += strstr(json, name) != NULL;
		}
		cJSON_ArrayForEach(g, cJSON_GetObjectItem(root, "groups"))
			small += cJSON_GetObjectItem(g, "n")->valueint < (int)k;
		if (group(root, "all"))
			for (f = 0; f < 3; f++) {
				int uncovered = cJSON_GetObjectItem(group(root, "all"), "n")->valueint;
				cJSON_ArrayForEach(g, cJSON_GetObjectItem(root, "groups"))
					if (strncmp(cJSON_GetObjectItem(g, "key")->valuestring, families[f], strlen(families[f])) == 0)
						uncovered -= cJSON_GetObjectItem(g, "n")->valueint;
				isolating += uncovered != 0 && uncovered < (int)k;
			}
		else
			CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(root, "groups")), 0);
		CHECK_INT(leaked, 0);
		CHECK_INT(small, 0);
		CHECK_INT(isolating, 0);
		cJSON_Delete(root);
		csm_free(json);
		csm_aggregator_free(ag);
	}
	csm_questionnaire_free(q);
}

static void test_year_and_errors(void)
{
	csm_questionnaire *q = load_v2();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 1, "2024", "t", NULL, NULL};
	csm_aggregator *ag = NULL;
	csm_answers *a;
	int levels[64], i;
	if (!q)
		return;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	a = uniform(q, 3, NULL, "2025-03-01", 1);
	CHECK_INT(csm_aggregator_add(ag, a, 0), 1); /* another year: not counted */
	csm_answers_free(a);
	a = uniform(q, 3, NULL, "2024-03-01", 2);
	CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
	csm_answers_free(a);
	for (i = 0; i < 39; i++)
		levels[i] = 3;
	levels[4] = LV_NULL;
	a = answers_from(q, levels, NULL); /* assessed 2026: outside the year anyway */
	CHECK_INT(csm_aggregator_add(ag, a, 0), 1);
	csm_answers_free(a);
	CHECK_INT(csm_aggregator_count(ag), 1);
	csm_aggregator_free(ag);
	o.year = NULL;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	a = answers_from(q, levels, NULL);
	CHECK_INT(csm_aggregator_add(ag, a, 0), CSM_EINVALID); /* unanswered item */
	CHECK_HAS(csm_error_last(), "item 2-2: not answered yet");
	CHECK_INT(csm_aggregator_add(ag, a, CSM_ALLOW_PARTIAL), 0);
	csm_answers_free(a);
	csm_aggregator_free(ag);
	o.year = "24";
	CHECK_INT(csm_aggregator_new(&ag, q, &o), CSM_EINVALID);
	csm_questionnaire_free(q);
}

/* Two halves merged export exactly what one pass over everything does. */
static void test_merge(void)
{
	csm_questionnaire *q = load_v2();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 3, NULL, "t", NULL, NULL};
	csm_aggregator *whole = NULL, *h1 = NULL, *h2 = NULL;
	char *a = NULL, *b = NULL;
	int i;
	static const char *const inds[3] = {"a", "b", "c"};
	if (!q)
		return;
	CHECK_INT(csm_aggregator_new(&whole, q, &o), 0);
	CHECK_INT(csm_aggregator_new(&h1, q, &o), 0);
	CHECK_INT(csm_aggregator_new(&h2, q, &o), 0);
	for (i = 0; i < 40; i++) {
		csm_answers *x = uniform(q, 1 + (i * 7) % 5, inds[i % 3], i % 2 ? "2024-01-01" : "2025-01-01", i);
		CHECK_INT(csm_aggregator_add(whole, x, 0), 0);
		CHECK_INT(csm_aggregator_add(i < 17 ? h1 : h2, x, 0), 0);
		csm_answers_free(x);
	}
	CHECK_INT(csm_aggregator_merge(h1, h2), 0);
	CHECK_INT(csm_aggregator_count(h1), 40);
	CHECK_INT(csm_aggregator_export(&a, whole), 0);
	CHECK_INT(csm_aggregator_export(&b, h1), 0);
	CHECK(a && b && strcmp(a, b) == 0);
	csm_free(a);
	csm_free(b);
	csm_aggregator_free(whole);
	csm_aggregator_free(h1);
	csm_aggregator_free(h2);
	csm_questionnaire_free(q);
}

/* The release log's rules, on tracked aggregators (what db export uses). */
typedef struct captured {
	char *all; /* members of "all" as recorded */
	int groups;
} captured;

static int capture(void *ctx, const char *key, unsigned long long n, const char *members)
{
	captured *c = ctx;
	(void)n;
	c->groups++;
	if (strcmp(key, "all") == 0) {
		free(c->all);
		c->all = strdup(members);
	}
	return 0;
}

/* A tracked aggregator, k = 3, of organizations `from`..`to` (org ids as 16
 * hex digits), all in one industry and at level 3 except `odd` at level 5;
 * exported with `prior` (may be NULL) as an earlier release. */
static cJSON *release_of(const csm_questionnaire *q, int from, int to, int odd, const char *prior, captured *c)
{
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 3, NULL, "t", NULL, NULL};
	csm_aggregator *ag = NULL;
	char *json = NULL, org[17];
	cJSON *root = NULL;
	int i;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	CHECK_INT(csm__aggregator_track(ag), 0);
	for (i = from; i <= to; i++) {
		csm_answers *a = uniform(q, i == odd ? 5 : 3, "finance", "2025-01-01", i);
		snprintf(org, sizeof org, "%016x", (unsigned)i);
		CHECK_INT(csm__aggregator_add_member(ag, a, 0, org), 0);
		csm_answers_free(a);
	}
	if (prior)
		CHECK_INT(csm__aggregator_prior(ag, prior), 0);
	if (csm__aggregator_export_release(&json, ag, capture, c) == 0)
		root = cJSON_Parse(json);
	csm_free(json);
	csm_aggregator_free(ag);
	return root;
}

static void test_release_rules(void)
{
	csm_questionnaire *q = load_v2();
	captured first = {0}, c = {0};
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 3, NULL, "t", NULL, NULL};
	csm_aggregator *ag = NULL, *other = NULL;
	csm_answers *a;
	cJSON *root;
	if (!q)
		return;
	/* a first release of organizations 1..4 */
	root = release_of(q, 1, 4, 0, NULL, &first);
	CHECK(root && group(root, "all") && first.all && strlen(first.all) == 4 * 33 - 1);
	cJSON_Delete(root);
	if (!first.all)
		goto done;
	/* one joins: "all" would give it away by subtraction */
	root = release_of(q, 1, 5, 0, first.all, &c);
	CHECK(root && !group(root, "all"));
	CHECK(suppressed_has(root, "all", "differs from a published group by 1 to 2 organizations"));
	cJSON_Delete(root);
	/* one is re-assessed (same organization, other scores): the same */
	root = release_of(q, 1, 4, 4, first.all, &c);
	CHECK(root && !group(root, "all"));
	cJSON_Delete(root);
	/* nothing changed: published again; k = 3 changed: published */
	root = release_of(q, 1, 4, 0, first.all, &c);
	CHECK(root && group(root, "all"));
	cJSON_Delete(root);
	root = release_of(q, 1, 7, 0, first.all, &c);
	CHECK(root && group(root, "all"));
	cJSON_Delete(root);
	/* within one export: "all" (6) and "industry:finance" (5) differ by one */
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	CHECK_INT(csm__aggregator_track(ag), 0);
	{
		int i;
		char org[17], *json = NULL;
		for (i = 0; i < 6; i++) {
			a = uniform(q, 3, i ? "finance" : NULL, "2025-01-01", i);
			snprintf(org, sizeof org, "%016x", (unsigned)i);
			CHECK_INT(csm__aggregator_add_member(ag, a, 0, org), 0);
			csm_answers_free(a);
		}
		CHECK_INT(csm__aggregator_export_release(&json, ag, capture, &c), 0);
		root = json ? cJSON_Parse(json) : NULL;
		csm_free(json);
		CHECK(root && group(root, "all") && !group(root, "industry:finance"));
		CHECK(suppressed_has(root, "industry:finance", "differs from a published group"));
		cJSON_Delete(root);
	}
	/* within one export: industries a and b (5 each) and one organization
	 * without an industry make up size:medium; medium - a - b would be that
	 * one, so medium goes (large stays: all - large = 11 is not one) */
	csm_aggregator_free(ag);
	ag = NULL;
	{
		csm_aggregate_options o5 = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 5, NULL, "t", NULL, NULL};
		char org[17], *json = NULL, text[4096];
		int i;
		CHECK_INT(csm_aggregator_new(&ag, q, &o5), 0);
		CHECK_INT(csm__aggregator_track(ag), 0);
		for (i = 0; i < 16; i++) {
			/* sizes by hand: uniform() writes none */
			const char *ind = i < 5 ? ",\"industry\":\"finance\"" : i < 10 ? ",\"industry\":\"construction\"" : "";
			size_t len = 0, it;
			len += (size_t)snprintf(text, sizeof text,
			                        "{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":"
			                        "{\"name\":\"O%d\"%s,\"size\":\"%s\"},\"assessed_on\":\"2025-01-01\",\"answers\":{",
			                        i, ind, i < 10 || i == 15 ? "medium" : "large");
			for (it = 0; it < csm_questionnaire_item_count(q); it++)
				len += (size_t)snprintf(text + len, sizeof text - len, "%s\"%s\":3", it ? "," : "", csm_item_id(q, it));
			snprintf(text + len, sizeof text - len, "}}");
			a = NULL;
			CHECK_INT(csm_answers_parse(&a, text, strlen(text), "gen.json"), 0);
			snprintf(org, sizeof org, "%016x", (unsigned)i);
			CHECK_INT(csm__aggregator_add_member(ag, a, 0, org), 0);
			csm_answers_free(a);
		}
		c.groups = 0;
		CHECK_INT(csm__aggregator_export_release(&json, ag, capture, &c), 0);
		root = json ? cJSON_Parse(json) : NULL;
		csm_free(json);
		CHECK(root && group(root, "industry:finance") && group(root, "industry:construction"));
		CHECK(root && !group(root, "size:medium") && group(root, "size:large"));
		CHECK(suppressed_has(root, "size:medium", "differs from a published group"));
		cJSON_Delete(root);
	}
	/* misuse is refused */
	a = uniform(q, 3, "finance", "2025-01-01", 1);
	CHECK_INT(csm_aggregator_add(ag, a, 0), CSM_EINVALID);                      /* needs its organization */
	CHECK_INT(csm__aggregator_prior(ag, "0123"), CSM_EINVALID);                 /* not tokens */
	CHECK_INT(csm_aggregator_new(&other, q, &o), 0);
	CHECK_INT(csm__aggregator_add_member(other, a, 0, "0000000000000001"), CSM_EINVALID); /* not tracked */
	CHECK_INT(csm_aggregator_merge(other, ag), CSM_EINVALID);
	csm_answers_free(a);
	csm_aggregator_free(ag);
	csm_aggregator_free(other);
done:
	free(first.all);
	free(c.all);
	csm_questionnaire_free(q);
}

/* With the industry list: an older id counts under its new one, every
 * organization also counts in its parent group (one that named only the
 * group counts there alone), and a parent group is never published with
 * children that leave 1..k-1 organizations to subtract. */
static void test_parent_groups(void)
{
	csm_questionnaire *q = load_v2();
	csm_industries *ind = NULL;
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, 3, NULL, "t", NULL, NULL};
	csm_aggregator *ag = NULL;
	/* 5 bank + 1 banking, 2 insurance, 1 that says only finance; 6 machinery makers */
	static const char *const who[15] = {"bank",    "bank",      "bank",    "bank",    "bank",
	                                    "banking", "insurance", "insurance", "finance", "general_machinery",
	                                    "general_machinery", "general_machinery", "general_machinery",
	                                    "general_machinery", "general_machinery"};
	cJSON *root = NULL;
	int i;
	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	o.industries = ind;
	if (!q || !ind || csm_aggregator_new(&ag, q, &o) != 0)
		goto cleanup;
	for (i = 0; i < 15; i++) {
		csm_answers *a = uniform(q, 1 + i % 5, who[i], "2025-01-01", i);
		CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
		csm_answers_free(a);
	}
	root = export_of(ag);
	CHECK(root != NULL);
	CHECK_INT(cJSON_GetObjectItem(group(root, "industry:bank"), "n")->valueint, 6);
	CHECK(group(root, "industry:banking") == NULL);
	CHECK_INT(cJSON_GetObjectItem(group(root, "industry:finance"), "n")->valueint, 9);
	CHECK_INT(cJSON_GetObjectItem(group(root, "industry:machinery"), "n")->valueint, 6);
	CHECK_INT(cJSON_GetObjectItem(group(root, "industry:general_machinery"), "n")->valueint, 6);
	CHECK(suppressed_has(root, "industry:insurance", "fewer than 3"));
	cJSON_Delete(root);
	/* A third insurer is published by itself (3 >= k), but finance (10) minus
	 * bank (6) and insurance (3) would give the one finance-only
	 * organization away: the smaller industry goes. */
	{
		csm_answers *a = uniform(q, 3, "insurance", "2025-01-01", 99);
		CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
		csm_answers_free(a);
	}
	root = export_of(ag);
	CHECK(root && group(root, "industry:bank") && group(root, "industry:finance") && !group(root, "industry:insurance"));
	CHECK(root && suppressed_has(root, "industry:insurance", "complementary"));
cleanup:
	cJSON_Delete(root);
	csm_aggregator_free(ag);
	csm_industries_free(ind);
	csm_questionnaire_free(q);
}

/* ---- a benchmark in points (sme-check) ---------------------------------- */

/* Aggregated points: the parts' and the total's statistics against sums
 * made here, no grade groups, the k rule, and the export read back by the
 * benchmark parser (the same means, a percentile of the total). */
static void test_points(void)
{
	csm_questionnaire *q = load_sme_check();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, {0, 0}, 5, NULL, "points", NULL, NULL}; /* no grading: points have none */
	csm_aggregator *ag = NULL;
	csm_benchmark *b = NULL;
	char *json = NULL;
	cJSON *root = NULL;
	const cJSON *all, *fin;
	double sum = 0, psum[3] = {0}, fsum = 0, mean;
	int totals[12], lo = 1000, hi = -1000, i, g, t, part[3];
	unsigned seed = 17;
	if (!q)
		return;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	/* 12 organizations: 7 in finance, 3 in retail (under k), 2 naming none */
	for (i = 0; i < 12; i++) {
		csm_answers *a = sme_made(q, i, i < 7 ? "finance" : i < 10 ? "retail" : "", &seed, &t, part);
		CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
		csm_answers_free(a);
		totals[i] = t;
		sum += t;
		if (i < 7)
			fsum += t;
		for (g = 0; g < 3; g++)
			psum[g] += part[g];
		lo = t < lo ? t : lo;
		hi = t > hi ? t : hi;
	}
	CHECK_INT(csm_aggregator_export(&json, ag), 0);
	root = json ? cJSON_Parse(json) : NULL;
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK(cJSON_GetObjectItem(root, "grading") == NULL);
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "points"), "max")->valueint, 100);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "points"), "parts_max")), 3);
	CHECK_INT(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "points"), "parts_max"), 1)->valueint, 52);
	all = group(root, "all");
	CHECK(all != NULL);
	CHECK(group(root, "grade:A") == NULL && group(root, "grade:C") == NULL);
	if (all) {
		CHECK_INT(cJSON_GetObjectItem(all, "n")->valueint, 12);
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(all, "mean")), 3);
		for (g = 0; g < 3; g++)
			CHECK_NEAR(num_at(all, "mean", g), psum[g] / 12, 1e-9);
		CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(all, "overall"), "mean")->valuedouble, sum / 12, 1e-9);
		CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(all, "overall"), "min")->valueint, lo);
		CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(all, "overall"), "max")->valueint, hi);
	}
	fin = group(root, "industry:finance");
	CHECK(fin != NULL);
	if (fin)
		CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(fin, "overall"), "mean")->valuedouble, fsum / 7, 1e-9);
	/* retail has 3 < k: not published; nor is anything that would give it away */
	CHECK(group(root, "industry:retail") == NULL);
	CHECK(suppressed_has(root, "industry:retail", "fewer than 5"));
	CHECK(group(root, "industry:") == NULL && !suppressed_has(root, "industry:", "")); /* "" names none */
	/* read back: the same figures through the parser's accessors */
	CHECK_INT(csm_benchmark_parse(&b, json, strlen(json), "points.json"), 0);
	if (b) {
		int ia = csm_benchmark_group_find(b, "all");
		double pct, below = 0;
		CHECK_INT(csm_benchmark_max_points(b), 100);
		CHECK_INT(csm_benchmark_part_count(b), 3);
		CHECK(ia >= 0);
		CHECK_INT(csm_benchmark_group_overall_mean(&mean, b, (size_t)ia), 1);
		CHECK_NEAR(mean, sum / 12, 1e-9);
		CHECK_INT(csm_benchmark_group_mean(&mean, b, (size_t)ia, 2), 1);
		CHECK_NEAR(mean, psum[1] / 12, 1e-9);
		CHECK_INT(csm_benchmark_group_mean(&mean, b, (size_t)ia, 4), 0); /* three parts only */
		for (i = 0; i < 12; i++)
			below += totals[i] < totals[0] ? 1 : totals[i] == totals[0] ? 0.5 : 0;
		CHECK_INT(csm_benchmark_percentile(&pct, b, (size_t)ia, totals[0]), 1);
		CHECK_NEAR(pct, 100 * below / 12, 1e-9);
		/* points and levels do not compare: not with csmg-v2, and no grading for sme-check */
		{
			csm_questionnaire *v2 = load_v2();
			CHECK_INT(csm_benchmark_compares(b, v2), 0);
			CHECK_INT(csm_benchmark_compares(b, q), 2);
			csm_questionnaire_free(v2);
		}
	}
done:
	csm_benchmark_free(b);
	cJSON_Delete(root);
	csm_free(json);
	csm_aggregator_free(ag);
	csm_questionnaire_free(q);
}

/* A benchmark in points the parser refuses, each with file: where: what. */
static void test_points_malformed(void)
{
	static const char *const bad[][2] = {
	    {"\"points\":{\"max\":100,\"parts_max\":[20,52,27]}", "points: the parts' most points add up to 99, not max 100"},
	    {"\"points\":{\"max\":0,\"parts_max\":[20,52,28]}", "points.max: expected the most points"},
	    {"\"points\":{\"max\":100,\"parts_max\":[]}", "points.parts_max: expected an array of 1..10 numbers"},
	    {"\"points\":{\"max\":100,\"parts_max\":[20,\"x\",80]}", "points.parts_max[1]: expected a whole number 0..100"},
	    {"\"points\":{\"max\":100,\"parts_max\":[20,52,28]},\"groups\":[{\"key\":\"all\",\"n\":5,\"mean\":[1,2]}]",
	     "group all: mean: expected an array of 3 numbers (parts 1..3)"},
	    {"\"points\":{\"max\":100,\"parts_max\":[20,52,28]},\"groups\":[{\"key\":\"all\",\"n\":5,\"mean\":[1,60,2]}]",
	     "group all: mean[1]: expected points -52..52 (part 2) or null"},
	    {"\"points\":{\"max\":100,\"parts_max\":[20,52,28]},\"groups\":[{\"key\":\"all\",\"n\":5,\"mean\":[1,2,3],"
	     "\"overall\":{\"mean\":50,\"histogram\":{\"values\":[40,101],\"counts\":[1,4]}}}]",
	     "group all: overall.histogram: expected points -100..100 and counts >= 0"},
	    {"\"points\":{\"max\":100,\"parts_max\":[20,52,28]},\"groups\":[{\"key\":\"all\",\"n\":5,\"mean\":[1,2,3],"
	     "\"overall\":{\"mean\":\"x\"}}]",
	     "group all: overall.mean: expected points -100..100"},
	};
	size_t i;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char doc[1024];
		csm_benchmark *b = NULL;
		snprintf(doc, sizeof doc,
		         "{\"format\":\"csm-benchmark/1\",\"name\":\"p\",\"questionnaire\":\"sme-check\",%s%s}", bad[i][0],
		         strstr(bad[i][0], "groups") ? "" : ",\"groups\":[{\"key\":\"all\",\"n\":5,\"mean\":[1,2,3]}]");
		CHECK_INT(csm_benchmark_parse(&b, doc, strlen(doc), "bad.json"), CSM_EINVALID);
		CHECK(b == NULL);
		CHECK_HAS(csm_error_last(), "bad.json: ");
		CHECK_HAS(csm_error_last(), bad[i][1]);
	}
}

int main(void)
{
	RUN_TEST(test_statistics);
	RUN_TEST(test_complementary_suppression);
	RUN_TEST(test_reconstruction_fails);
	RUN_TEST(test_year_and_errors);
	RUN_TEST(test_merge);
	RUN_TEST(test_release_rules);
	RUN_TEST(test_parent_groups);
	RUN_TEST(test_points);
	RUN_TEST(test_points_malformed);
	return test_finish();
}
