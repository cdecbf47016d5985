/* Benchmarks: the shipped file is computed from the trial's table, agrees
 * with the trial's published group averages, and bad files are refused. */
#include "common.h"

/* How the shipped benchmark is made: the 28 rows, the published group means
 * (Table 2.3) and these facts about the trial. */
#define BETA_NAME "CSM beta trial 2020"
#define BETA_SOURCE                                                                                                 \
	"The 2020 trial of the Cyber Security Management Guidelines checklist (csmg-v2): 28 companies, fiscal "     \
	"2020, report published March 2021. Means of the groups all and grade:A/B/C are the published ones "       \
	"(Table 2.3, one decimal: beta-2020-groups.tsv); the other statistics and the industry groups are "        \
	"computed from the 28 rows (beta-2020.tsv, scores published with one decimal). The grade cut-offs are "     \
	"not published: 3.75 and 2.67 reproduce the 28 grades, as does any A cut-off in (3.68, 3.82] and B "        \
	"cut-off in (2.64, 2.70]."

/* The shipped JSON is byte for byte what the library builds from the two
 * TSVs. CSM_UPDATE_BENCHMARK=1 rewrites it (until 'csm bench build-from-tsv'
 * can pass the published means). */
static void test_shipped_is_computed_from_tsv(void)
{
	size_t tsv_len = 0, json_len = 0, pub_len = 0;
	char *tsv = test_read(SRC("benchmarks/beta-2020.tsv"), &tsv_len);
	char *pub = test_read(SRC("benchmarks/beta-2020-groups.tsv"), &pub_len);
	char *shipped = test_read(SRC("benchmarks/beta-2020.json"), &json_len);
	csm_benchmark *b = NULL;
	csm_benchmark_meta meta;
	char *built = NULL;

	CHECK(tsv && pub);
	if (!tsv || !pub)
		goto done;
	memset(&meta, 0, sizeof meta);
	meta.name = BETA_NAME;
	meta.source = BETA_SOURCE;
	meta.questionnaire = "csmg-v2";
	meta.date = "2021-03";
	meta.grading.a = 3.75;
	meta.grading.b = 2.67;
	meta.grading_estimated = 1;
	meta.min_group = 5;
	meta.group_means = pub;
	meta.group_means_len = pub_len;
	meta.group_means_name = "beta-2020-groups.tsv";
	CHECK_INT(csm_benchmark_from_tsv(&built, tsv, tsv_len, "beta-2020.tsv", &meta), 0);
	if (built && getenv("CSM_UPDATE_BENCHMARK")) {
		FILE *f = fopen(SRC("benchmarks/beta-2020.json"), "wb");
		CHECK(f && fprintf(f, "%s\n", built) > 0 && fclose(f) == 0);
		goto done;
	}
	CHECK(shipped);
	if (!shipped)
		goto done;
	/* Byte for byte (the shipped file ends with a newline). */
	CHECK(built && json_len == strlen(built) + 1 && memcmp(built, shipped, json_len - 1) == 0);
	CHECK_INT(csm_benchmark_parse(&b, shipped, json_len, "beta-2020.json"), 0);
	if (!b)
		goto done;
	CHECK_NEAR(csm_benchmark_grading(b)->a, 3.75, 0);
	CHECK_NEAR(csm_benchmark_grading(b)->b, 2.67, 0);
	CHECK_INT(csm_benchmark_grading_estimated(b), 1);
	CHECK_INT(csm_benchmark_min_group(b), 5);
	CHECK_STR(csm_benchmark_date(b), "2021-03");
done:
	csm_free(built);
	csm_benchmark_free(b);
	free(tsv);
	free(pub);
	free(shipped);
}

/* Every mean of the shipped benchmark's all and grade groups, printed with
 * one decimal, is Table 2.3 of the trial's report (the spec's copy, not the
 * one the benchmark is built from), and so is every n. */
static void test_means_are_table_2_3(void)
{
	csm_benchmark *b = load_beta();
	char *tsv = test_read(SRC("test/data/beta-trial-2020-groups.tsv"), NULL), *line, *save = NULL;
	int first = 1, rows = 0, equal = 0;
	CHECK(b && tsv);
	if (!b || !tsv)
		goto done;
	for (line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[32], v[CSM_DIRECTIVES][16], shown[16];
		unsigned n;
		int g, d;
		if (first) {
			first = 0;
			continue;
		}
		CHECK_INT(sscanf(line, "%31s %u %15s %15s %15s %15s %15s %15s %15s %15s %15s %15s", key, &n, v[0], v[1], v[2],
		                 v[3], v[4], v[5], v[6], v[7], v[8], v[9]),
		          12);
		g = csm_benchmark_group_find(b, key);
		CHECK(g >= 0);
		if (g < 0)
			continue;
		CHECK_INT(csm_benchmark_group_n(b, (size_t)g), n);
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			double m = -1;
			CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)g, d), 1);
			csm_format1(shown, sizeof shown, m);
			if (strcmp(shown, v[d - 1]) == 0)
				equal++;
			else
				fprintf(stderr, "  %s d%d: the benchmark shows %s, Table 2.3 has %s\n", key, d, shown, v[d - 1]);
		}
		rows++;
	}
	CHECK_INT(rows, 4);
	CHECK_INT(equal, 40);
done:
	free(tsv);
	csm_benchmark_free(b);
}

static void test_groups_match_published(void)
{
	csm_benchmark *b = load_beta();
	char *tsv = test_read(SRC("test/data/beta-trial-2020-groups.tsv"), NULL), *line, *save = NULL;
	int first = 1, rows = 0;
	CHECK(b && tsv);
	if (!b || !tsv)
		goto done;
	for (line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[32];
		unsigned n;
		double v[CSM_DIRECTIVES];
		int g, d;
		if (first) {
			first = 0;
			continue;
		}
		CHECK_INT(sscanf(line, "%31s %u %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", key, &n, &v[0], &v[1], &v[2], &v[3],
		                 &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]),
		          12);
		g = csm_benchmark_group_find(b, key);
		CHECK(g >= 0);
		if (g < 0)
			continue;
		CHECK_INT(csm_benchmark_group_n(b, (size_t)g), n);
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			double m = -1;
			CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)g, d), 1);
			/* published with one decimal, from rows that were rounded too */
			CHECK_NEAR(m, v[d - 1], 0.1 + 1e-9);
		}
		rows++;
	}
	CHECK_INT(rows, 4);
	CHECK(csm_benchmark_group_find(b, "industry:machinery") >= 0);
	CHECK_INT(csm_benchmark_group_n(b, (size_t)csm_benchmark_group_find(b, "industry:machinery")), 11);
	CHECK_INT(csm_benchmark_group_find(b, "industry:retail"), -1);
done:
	free(tsv);
	csm_benchmark_free(b);
}

static void expect_tsv_error(const char *tsv, const char *message)
{
	csm_benchmark_meta meta = {.name = "t", .questionnaire = "csmg-v2", .grading = {3.75, 2.67}};
	char *out = NULL;
	CHECK_INT(csm_benchmark_from_tsv(&out, tsv, strlen(tsv), "t.tsv", &meta), CSM_EINVALID);
	CHECK(out == NULL);
	CHECK_HAS(csm_error_last(), message);
}

#define TSV_HEAD "company\tindustry\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\tgrade\n"

static void test_tsv_refusals(void)
{
	csm_benchmark_meta meta = {.name = "t", .questionnaire = "csmg-v2", .grading = {3.75, 2.67}};
	char *out = NULL;
	csm_benchmark *b = NULL;
	const char *ok = TSV_HEAD "X\tfinance\t4\t4\t4\t4\t4\t4\t4\t4\t4\t4\tA\n"
	                          "Y\tfinance\t2\t2\t2\t2\t2\t2\t2\t2\t2\t2\tC\n";
	double m = 0;

	CHECK_INT(csm_benchmark_from_tsv(&out, ok, strlen(ok), "t.tsv", &meta), 0);
	CHECK_INT(csm_benchmark_parse(&b, out, strlen(out), "out.json"), 0);
	if (b) {
		int all = csm_benchmark_group_find(b, "all");
		CHECK(all >= 0);
		CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)all, 3), 1);
		CHECK_NEAR(m, 3.0, 1e-12);
		CHECK_INT(csm_benchmark_group_find(b, "grade:B"), -1); /* no B rows: no group */
		CHECK(csm_benchmark_group_find(b, "industry:finance") >= 0);
		CHECK(!strstr(out, "\"X\"") && !strstr(out, "\"Y\"")); /* no row is published */
	}
	csm_benchmark_free(b);
	csm_free(out);
	expect_tsv_error(TSV_HEAD "X\tfinance\t4\t4\t4\t4\t4\t4\t4\t4\t4\t4\tB\n",
	                 "t.tsv: line 2: grade B is given, but the overall 4.0 gives A");
	expect_tsv_error(TSV_HEAD "X\tfinance\t4\t4\t4\t4\t4\t4\t4\t4\t4\t6\tA\n", "line 2: d10: \"6\" is not a score");
	expect_tsv_error(TSV_HEAD "X\tfinance\t4\t4\t4\n", "line 2: 5 columns, the header has 13");
	expect_tsv_error("company\tindustry\td1\td2\td3\td4\td5\td6\td7\td9\td8\td10\n", "line 1: column 10 must be d8");
	expect_tsv_error(TSV_HEAD "X\t金融\t4\t4\t4\t4\t4\t4\t4\t4\t4\t4\tA\n", "is not an industry id");
	expect_tsv_error(TSV_HEAD, "no rows");
}

/* Published group means: they replace the rows' means of their groups, and a
 * table that does not fit the rows is refused. */
static void test_published_means(void)
{
	const char *rows = TSV_HEAD "X\tfinance\t4\t4\t4\t4\t4\t4\t4\t4\t4\t4\tA\n"
	                            "Y\tfinance\t2\t2\t2\t2\t2\t2\t2\t2\t2\t2\tC\n";
	static const struct {
		const char *pub, *message;
	} bad[] = {
	    {"group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\nall\t3\t3\t3\t3\t3\t3\t3\t3\t3\t3\t3\n",
	     "p.tsv: group all: n is 3, but the rows give 2"},
	    {"group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\ngrade:B\t1\t3\t3\t3\t3\t3\t3\t3\t3\t3\t3\n",
	     "p.tsv: group grade:B: no such group in the rows"},
	    {"group\tn\td1\td2\nall\t2\t3\t3\n", "p.tsv: line 1: expected the columns group, n, d1..d10"},
	    {"group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\nall\t2\t3\t3\t3\t3\t3\t3\t3\t3\t3\t5.5\n",
	     "p.tsv: line 2: d10: \"5.5\" is not a mean 0..5"},
	    {"group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\nall\t2\t3\t3\t3\t3\t3\t3\t3\t3\t3\t3\n"
	     "all\t2\t3\t3\t3\t3\t3\t3\t3\t3\t3\t3\n",
	     "p.tsv: line 3: group all appears twice"},
	    {"group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\n", "p.tsv: no groups"},
	};
	const char *pub = "group\tn\td1\td2\td3\td4\td5\td6\td7\td8\td9\td10\nall\t2\t3.1\t3\t3\t3\t3\t3\t3\t3\t3\t2.9\n";
	csm_benchmark_meta meta = {.name = "t", .questionnaire = "csmg-v2", .grading = {3.75, 2.67}};
	csm_benchmark *b = NULL;
	char *out = NULL;
	double m = 0;
	size_t i;

	meta.group_means = pub;
	meta.group_means_len = strlen(pub);
	meta.group_means_name = "p.tsv";
	meta.date = "2021-03";
	meta.grading_estimated = 1;
	meta.min_group = 3;
	CHECK_INT(csm_benchmark_from_tsv(&out, rows, strlen(rows), "t.tsv", &meta), 0);
	CHECK_INT(out ? csm_benchmark_parse(&b, out, strlen(out), "out.json") : -1, 0);
	if (b) {
		int all = csm_benchmark_group_find(b, "all"), fin = csm_benchmark_group_find(b, "industry:finance");
		CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)all, 1), 1);
		CHECK_NEAR(m, 3.1, 0); /* published, not the rows' 3.0 */
		CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)all, 10), 1);
		CHECK_NEAR(m, 2.9, 0);
		CHECK_INT(csm_benchmark_group_mean(&m, b, (size_t)fin, 1), 1);
		CHECK_NEAR(m, 3.0, 1e-12); /* not in the table: the rows' mean */
		CHECK_INT(csm_benchmark_percentile(&m, b, (size_t)all, 3.0), 1); /* the rows' distribution */
		CHECK_NEAR(m, 50, 1e-12);
		CHECK_STR(csm_benchmark_date(b), "2021-03");
		CHECK_INT(csm_benchmark_grading_estimated(b), 1);
		CHECK_INT(csm_benchmark_min_group(b), 3);
	}
	csm_benchmark_free(b);
	csm_free(out);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		out = NULL;
		meta.group_means = bad[i].pub;
		meta.group_means_len = strlen(bad[i].pub);
		CHECK_INT(csm_benchmark_from_tsv(&out, rows, strlen(rows), "t.tsv", &meta), CSM_EINVALID);
		CHECK(out == NULL);
		CHECK_HAS(csm_error_last(), bad[i].message);
		csm_free(out);
	}
	meta.group_means = NULL;
	meta.date = "2021-13";
	CHECK_INT(csm_benchmark_from_tsv(&out, rows, strlen(rows), "t.tsv", &meta), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "is not a date YYYY-MM-DD or YYYY-MM");
}

static void expect_parse_error(const char *json, const char *message)
{
	csm_benchmark *b = NULL;
	CHECK_INT(csm_benchmark_parse(&b, json, strlen(json), "b.json"), CSM_EINVALID);
	CHECK(b == NULL);
	CHECK_HAS(csm_error_last(), message);
}

#define BHEAD "{\"format\":\"csm-benchmark/1\",\"name\":\"t\",\"questionnaire\":\"csmg-v2\","
#define MEAN10 "[1,2,3,4,5,1,2,3,4,5]"

static void test_parse_refusals(void)
{
	csm_benchmark *b = NULL;
	const char *ok = BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":[1,2,3,4,5,null,2,3,4,5]}]}";
	double m;
	CHECK_INT(csm_benchmark_parse(&b, ok, strlen(ok), "b.json"), 0);
	if (b) {
		CHECK_INT(csm_benchmark_grading_estimated(b), 0); /* not said: not estimated */
		CHECK_INT(csm_benchmark_min_group(b), 5);          /* the default */
		CHECK_INT(csm_benchmark_group_mean(&m, b, 0, 6), 0); /* null: no value */
		CHECK_INT(csm_benchmark_group_mean(&m, b, 0, 5), 1);
		CHECK_NEAR(m, 5, 0);
		CHECK_INT(csm_benchmark_group_mean(&m, b, 0, 11), 0);
	}
	csm_benchmark_free(b);
	expect_parse_error(BHEAD "\"grading\":{\"A\":2,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":" MEAN10 "}]}",
	                   "grading: thresholds must satisfy 0 < B < A <= 5");
	expect_parse_error(BHEAD "\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":" MEAN10 "}]}", "grading: expected");
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":{}}", "groups: expected an array of 0..");
	{ /* every group withheld: csm writes it (bench aggregate of too few), so it reads it */
		static const char none[] = BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[],\"suppressed\":[]}";
		csm_benchmark *b = NULL;
		CHECK_INT(csm_benchmark_parse(&b, none, strlen(none), "none.json"), 0);
		CHECK_INT((int)csm_benchmark_group_count(b), 0);
		CHECK_INT(csm_benchmark_group_find(b, "all"), -1);
		csm_benchmark_free(b);
	}
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":[1,2]}]}",
	                   "group all: mean: expected an array of 10 numbers");
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":[7,2,3,4,5,1,2,3,4,5]}]}",
	                   "group all: mean[0]: expected a number 0..5");
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":1.5,\"mean\":" MEAN10 "}]}",
	                   "group all: n: expected a whole number");
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":1,\"mean\":" MEAN10
	                         "},{\"key\":\"all\",\"n\":1,\"mean\":" MEAN10 "}]}",
	                   "group all: appears twice");
	expect_parse_error("{\"format\":\"csm-benchmark/9\"}", "format: version \"9\" is not supported");
	expect_parse_error(BHEAD "\"grading\":{\"A\":4,\"B\":3,\"estimated\":1},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":" MEAN10
	                         "}]}",
	                   "grading.estimated: expected true or false");
	expect_parse_error(BHEAD "\"min_group\":0,\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":" MEAN10
	                         "}]}",
	                   "min_group: expected a whole number of organizations 1..1000000");
	expect_parse_error(BHEAD "\"date\":\"2021-3\",\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":3,\"mean\":" MEAN10
	                         "}]}",
	                   "date: \"2021-3\" is not a date YYYY-MM-DD or YYYY-MM");
}

static void test_percentile(void)
{
	csm_benchmark *b = NULL;
	const char *json = BHEAD "\"grading\":{\"A\":4,\"B\":3},\"groups\":[{\"key\":\"all\",\"n\":4,\"mean\":" MEAN10
	                   ",\"overall\":{\"histogram\":{\"values\":[2,3,4],\"counts\":[1,2,1]}}},"
	                   "{\"key\":\"grade:A\",\"n\":1,\"mean\":" MEAN10 "}]}";
	double p = -1;
	CHECK_INT(csm_benchmark_parse(&b, json, strlen(json), "p.json"), 0);
	if (!b)
		return;
	CHECK_INT(csm_benchmark_percentile(&p, b, 0, 3.0), 1);
	CHECK_NEAR(p, 50.0, 1e-12); /* 1 below, 2 tied (half) of 4 */
	CHECK_INT(csm_benchmark_percentile(&p, b, 0, 5.0), 1);
	CHECK_NEAR(p, 100.0, 1e-12);
	CHECK_INT(csm_benchmark_percentile(&p, b, 0, 1.0), 1);
	CHECK_NEAR(p, 0.0, 1e-12);
	CHECK_INT(csm_benchmark_percentile(&p, b, 1, 3.0), 0); /* no distribution */
	csm_benchmark_free(b);
}

int main(void)
{
	RUN_TEST(test_shipped_is_computed_from_tsv);
	RUN_TEST(test_means_are_table_2_3);
	RUN_TEST(test_groups_match_published);
	RUN_TEST(test_tsv_refusals);
	RUN_TEST(test_parse_refusals);
	RUN_TEST(test_published_means);
	RUN_TEST(test_percentile);
	return test_finish();
}
