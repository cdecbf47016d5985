/* The NIST CSF view (csf.c): the function scores against sums made here from
 * the questionnaire file, the answers and the mapping file themselves. */
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common.h"
#include "harness.h"

/* The CSF 2.0 function of a 1.1 id per the mapping file, read here on its
 * own: the subcategory's line, else its category's. NULL if none. */
static const char *map_fn(const char *map, const char *id)
{
	static char fn[3];
	char cat[16], line[512];
	const char *p = map;
	int found = 0;
	size_t clen = strcspn(id, "-");
	snprintf(cat, sizeof cat, "%.*s", (int)clen, id);
	while (p && *p) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
		if (line[0] == '#' || !line[0])
			continue;
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (strcmp(line, id) == 0) {
			snprintf(fn, sizeof fn, "%.2s", tab + 1);
			return fn;
		}
		if (strcmp(line, cat) == 0) {
			snprintf(fn, sizeof fn, "%.2s", tab + 1);
			found = 1;
		}
	}
	return found ? fn : NULL;
}

static void test_names(void)
{
	CHECK_INT(csm_csf_function_count(CSM_CSF_1_1), 5);
	CHECK_INT(csm_csf_function_count(CSM_CSF_2_0), 6);
	CHECK_INT(csm_csf_function_count((csm_csf_version)9), 0);
	CHECK_STR(csm_csf_function_id(CSM_CSF_1_1, 0), "ID");
	CHECK_STR(csm_csf_function_id(CSM_CSF_1_1, 4), "RC");
	CHECK_STR(csm_csf_function_id(CSM_CSF_2_0, 0), "GV");
	CHECK_STR(csm_csf_function_name(CSM_CSF_2_0, 0, CSM_LANG_EN), "Govern");
	CHECK_STR(csm_csf_function_name(CSM_CSF_2_0, 5, CSM_LANG_JA), "復旧");
	CHECK(csm_csf_function_id(CSM_CSF_1_1, 5) == NULL);
	CHECK(csm_csf_function_name(CSM_CSF_2_0, 6, CSM_LANG_EN) == NULL);
}

/* Every function of both versions, for the three examples, against the mean
 * of the levels of the items whose ids fall in it, computed here. */
static void test_scores_match_the_data(void)
{
	static const char *const examples[] = {"kitamachi-machinery", "aozora-bank", "minato-services"};
	static const csm_grading g = {3.75, 2.67};
	char *qtext = test_read(SRC("questions/csmg-v2.json"), NULL);
	char *map = test_read(SRC("questions/maps/csf-1.1-to-2.0.tsv"), NULL);
	cJSON *qdoc = qtext ? cJSON_Parse(qtext) : NULL;
	csm_questionnaire *q = load_v2();
	size_t e;
	CHECK(qdoc && map && q);
	if (!qdoc || !map || !q)
		goto done;
	CHECK_INT(csm_questionnaire_has_csf2(q), 1);
	for (e = 0; e < 3; e++) {
		char path[256], *atext;
		cJSON *adoc, *ans;
		csm_answers *a = NULL;
		csm_score *s = NULL;
		int v;
		snprintf(path, sizeof path, "%s/examples/%s.json", CSM_TEST_SRC, examples[e]);
		atext = test_read(path, NULL);
		adoc = atext ? cJSON_Parse(atext) : NULL;
		ans = cJSON_GetObjectItem(adoc, "answers");
		CHECK(csm_answers_load(&a, path) == 0 && csm_score_compute(&s, q, a, &g, 0) == 0);
		for (v = CSM_CSF_1_1; s && v <= CSM_CSF_2_0; v++) {
			size_t f;
			for (f = 0; f < csm_csf_function_count((csm_csf_version)v); f++) {
				const char *fid = csm_csf_function_id((csm_csf_version)v, f);
				unsigned n = 0, answered = 0, sum = 0, got_n = 0;
				double got = -1;
				const cJSON *it;
				int rc;
				cJSON_ArrayForEach(it, cJSON_GetObjectItem(qdoc, "items")) {
					const cJSON *c, *lv = cJSON_GetObjectItem(ans, cJSON_GetObjectItem(it, "id")->valuestring);
					int in = 0;
					cJSON_ArrayForEach(c, cJSON_GetObjectItem(it, "csf")) {
						const char *fn = v == CSM_CSF_1_1 ? c->valuestring : map_fn(map, c->valuestring);
						in |= fn && strncmp(fn, fid, 2) == 0;
					}
					if (!in)
						continue;
					n++;
					if (cJSON_IsObject(lv))
						lv = cJSON_GetObjectItem(lv, "level");
					if (cJSON_IsNumber(lv)) {
						answered++;
						sum += (unsigned)lv->valueint;
					}
				}
				rc = csm_score_csf(&got, &got_n, s, (csm_csf_version)v, f);
				CHECK_INT(got_n, n);
				CHECK_INT(rc, answered > 0);
				if (answered)
					CHECK_NEAR(got, (double)sum / answered, 1e-12);
			}
		}
		csm_score_free(s);
		csm_answers_free(a);
		cJSON_Delete(adoc);
		free(atext);
	}
done:
	csm_questionnaire_free(q);
	cJSON_Delete(qdoc);
	free(qtext);
	free(map);
}

/* A data directory with csmg-v2 and the given map (NULL: none). */
static int open_with_map(csm_questionnaire **q, const char *dir, const char *map)
{
	char path[512];
	char *src = test_read(SRC("questions/csmg-v2.json"), NULL);
	FILE *f;
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/questions", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/questions/maps", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/questions/csmg-v2.json", dir);
	if ((f = fopen(path, "w"))) {
		fputs(src ? src : "", f);
		fclose(f);
	}
	free(src);
	snprintf(path, sizeof path, "%s/questions/maps/csf-1.1-to-2.0.tsv", dir);
	unlink(path);
	if (map && (f = fopen(path, "w"))) {
		fputs(map, f);
		fclose(f);
	}
	*q = NULL;
	return csm_questionnaire_open(q, dir, "csmg-v2");
}

static void test_map_file(void)
{
	char dir[] = "/tmp/csm-csf-XXXXXX";
	csm_questionnaire *q = NULL;
	static const csm_grading g = {3.75, 2.67};
	csm_answers *a = NULL;
	csm_score *s = NULL;
	double x = 0;
	unsigned n = 9;
	CHECK(mkdtemp(dir) != NULL);
	/* no map: the 1.1 view only */
	CHECK_INT(open_with_map(&q, dir, NULL), 0);
	CHECK_INT(csm_questionnaire_has_csf2(q), 0);
	if (q && csm_answers_load(&a, SRC("examples/aozora-bank.json")) == 0 && csm_score_compute(&s, q, a, &g, 0) == 0) {
		CHECK_INT(csm_score_csf(&x, &n, s, CSM_CSF_2_0, 0), 0);
		CHECK_INT(n, 0);
		CHECK_INT(csm_score_csf(&x, &n, s, CSM_CSF_1_1, 0), 1);
		CHECK_INT(csm_score_csf(&x, &n, s, CSM_CSF_1_1, 5), CSM_EINVALID);
		CHECK_INT(csm_score_csf(NULL, &n, s, CSM_CSF_1_1, 0), CSM_EINVALID);
	}
	csm_score_free(s);
	csm_answers_free(a);
	csm_questionnaire_free(q);
	/* broken maps are errors in the data, with the line */
	CHECK_INT(open_with_map(&q, dir, "# c\nID.GV\tGV\n"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "csf-1.1-to-2.0.tsv:2: expected three tab-separated columns");
	CHECK_INT(open_with_map(&q, dir, "ID.GV\tXX\tsource\n"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), ":1: the function must be one of GV");
	CHECK_INT(open_with_map(&q, dir, "ID.G\tGV\tsource\n"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "is not a CSF 1.1 category or subcategory id");
	CHECK_INT(open_with_map(&q, dir, "ID.GV\tGV\ts\nID.GV\tID\ts\n"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), ":2: ID.GV is mapped twice");
	/* a map that cannot place an item's id */
	CHECK_INT(open_with_map(&q, dir, "ID.GV\tGV\tsource\n"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "has no CSF 2.0 function");
	CHECK(q == NULL);
	{
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		CHECK_INT(system(cmd), 0);
	}
}

int main(void)
{
	RUN_TEST(test_names);
	RUN_TEST(test_scores_match_the_data);
	RUN_TEST(test_map_file);
	return test_finish();
}
