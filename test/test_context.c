/* The library context: data directory, caches, defaults; and the input
 * readers (csm_file_read, csm_lines). */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "common.h"

static csm_context *make(void)
{
	csm_context_options o = CSM_CONTEXT_OPTIONS_INIT;
	csm_context *c = NULL;
	o.data_dir = CSM_TEST_SRC;
	CHECK_INT(csm_context_new(&c, &o), 0);
	return c;
}

static void test_defaults(void)
{
	csm_context *c = make();
	csm_benchmark *beta = load_beta();
	const csm_questionnaire *q = NULL, *q2 = NULL;
	const csm_benchmark *b = NULL;
	csm_grading g = {0, 0};
	if (!c || !beta)
		goto cleanup;
	CHECK_STR(csm_context_data_dir(c), CSM_TEST_SRC);
	CHECK_STR(csm_context_default_questionnaire(c), "csmg-v2");
	CHECK_INT(csm_context_questionnaire(&q, c, NULL), 0);
	CHECK(q != NULL);
	if (q)
		CHECK_STR(csm_questionnaire_id(q), "csmg-v2");
	/* read once: the same handle again, by default or by name */
	CHECK_INT(csm_context_questionnaire(&q2, c, "csmg-v2"), 0);
	CHECK(q2 == q);
	CHECK_INT(csm_context_questionnaire(&q2, c, "csmg-v3"), 0);
	CHECK(q2 != NULL && q2 != q);
	/* the default benchmark is the shipped trial, and its grading the default */
	CHECK_INT(csm_context_benchmark(&b, c, NULL), 0);
	CHECK(b != NULL);
	if (b)
		CHECK_STR(csm_benchmark_name(b), csm_benchmark_name(beta));
	CHECK_INT(csm_context_grading(&g, c), 0);
	CHECK_NEAR(g.a, csm_benchmark_grading(beta)->a, 0);
	CHECK_NEAR(g.b, csm_benchmark_grading(beta)->b, 0);
	CHECK_NEAR(g.a, 3.75, 0);
	CHECK_NEAR(g.b, 2.67, 0);
	CHECK_INT(csm_context_min_group(c), 5);
	CHECK_STR(csm_context_font_family(c), "IPAexGothic");
cleanup:
	csm_benchmark_free(beta);
	csm_context_free(c);
}

static void test_benchmark_by_path(void)
{
	csm_context *c = make();
	const csm_benchmark *b = NULL, *b2 = NULL, *d = NULL;
	if (!c)
		return;
	CHECK_INT(csm_context_benchmark(&b, c, SRC("benchmarks/beta-2020.json")), 0);
	CHECK_INT(csm_context_benchmark(&b2, c, SRC("benchmarks/beta-2020.json")), 0);
	CHECK(b && b == b2);
	CHECK_INT(csm_context_benchmark(&d, c, NULL), 0);
	CHECK(d && d != b); /* the default is kept apart from a file given by path */
	CHECK(csm_context_benchmark(&b, c, SRC("benchmarks/no-such.json")) < 0);
	CHECK(b == NULL);
	CHECK_HAS(csm_error_last(), "no-such.json");
	csm_context_free(c);
}

static void test_missing_questionnaire_not_kept(void)
{
	csm_context *c = make();
	const csm_questionnaire *q = NULL;
	if (!c)
		return;
	CHECK(csm_context_questionnaire(&q, c, "csmg-v9") < 0);
	CHECK(q == NULL);
	CHECK_HAS(csm_error_last(), "csmg-v9");
	CHECK(csm_context_questionnaire(&q, c, "csmg-v9") < 0); /* tried again, fails again */
	csm_context_free(c);
}

static void test_options(void)
{
	csm_context_options o = CSM_CONTEXT_OPTIONS_INIT;
	csm_context *c = NULL;
	const csm_questionnaire *q = NULL;
	const csm_industries *ind = NULL;

	CHECK_INT(o.version, CSM_CONTEXT_OPTIONS_VERSION);
	/* another default questionnaire */
	o.data_dir = CSM_TEST_SRC;
	o.questionnaire = "csmg-v3";
	CHECK_INT(csm_context_new(&c, &o), 0);
	CHECK_STR(csm_context_default_questionnaire(c), "csmg-v3");
	CHECK_INT(csm_context_questionnaire(&q, c, NULL), 0);
	if (q)
		CHECK_STR(csm_questionnaire_id(q), "csmg-v3");
	CHECK_INT(csm_context_industries(&ind, c), 0);
	CHECK(ind != NULL && csm_industries_count(ind) > 0);
	csm_context_free(c);
	c = NULL;

	/* a directory without questions/ is refused, and says so */
	o.data_dir = SRC("examples");
	CHECK_INT(csm_context_new(&c, &o), CSM_EINVALID);
	CHECK(c == NULL);
	CHECK_HAS(csm_error_last(), "examples: data directory has no questions/ folder");

	/* an options struct of a version this library does not know */
	o.data_dir = CSM_TEST_SRC;
	o.version = CSM_CONTEXT_OPTIONS_VERSION + 1;
	CHECK_INT(csm_context_new(&c, &o), CSM_EINVALID);
	o.version = 0;
	CHECK_INT(csm_context_new(&c, &o), CSM_EINVALID);
	CHECK_INT(csm_context_new(NULL, NULL), CSM_EINVALID);
	csm_context_free(NULL);
}

static void test_environment(void)
{
	csm_context *c = NULL;
	const char *old = getenv("CSM_DATA_DIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("CSM_DATA_DIR", CSM_TEST_SRC, 1);
	CHECK_INT(csm_context_new(&c, NULL), 0);
	CHECK_STR(csm_context_data_dir(c), CSM_TEST_SRC);
	csm_context_free(c);
	c = NULL;
	setenv("CSM_DATA_DIR", SRC("examples"), 1);
	CHECK_INT(csm_context_new(&c, NULL), CSM_EINVALID);
	if (saved)
		setenv("CSM_DATA_DIR", saved, 1);
	else
		unsetenv("CSM_DATA_DIR");
	free(saved);
}

static void test_weights(void)
{
	csm_context *c = make();
	const csm_questionnaire *q = NULL, *q3 = NULL;
	double w[CSM_DIRECTIVES] = {10, 1, 1, 1, 1, 1, 1, 1, 1, 1}, bad[CSM_DIRECTIVES] = {0};
	if (!c)
		return;
	CHECK_INT(csm_context_questionnaire(&q, c, NULL), 0);
	CHECK_INT(csm_context_set_weights(c, w), 0);
	/* applied to the questionnaire loaded before, and to one loaded after */
	CHECK_INT(csm_context_questionnaire(&q3, c, "csmg-v3"), 0);
	if (q && q3) {
		CHECK_NEAR(csm_directive_weight(q, 1) / csm_directive_weight(q, 2), 10.0, 1e-12);
		CHECK_NEAR(csm_directive_weight(q3, 1) / csm_directive_weight(q3, 2), 10.0, 1e-12);
	}
	CHECK(csm_context_set_weights(c, bad) < 0);
	csm_context_free(c);
}

/* Several threads asking for the same questionnaire get one handle. */
typedef struct ask {
	csm_context *c;
	const csm_questionnaire *q;
	int rc;
} ask;

static void *ask_thread(void *arg)
{
	ask *a = arg;
	a->rc = csm_context_questionnaire(&a->q, a->c, "csmg-v3");
	return NULL;
}

static void test_threads(void)
{
	csm_context *c = make();
	pthread_t t[4];
	ask a[4];
	int i;
	if (!c)
		return;
	for (i = 0; i < 4; i++) {
		a[i].c = c;
		a[i].q = NULL;
		a[i].rc = -99;
		CHECK_INT(pthread_create(&t[i], NULL, ask_thread, &a[i]), 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++) {
		CHECK_INT(a[i].rc, 0);
		CHECK(a[i].q != NULL && a[i].q == a[0].q);
	}
	csm_context_free(c);
}

static void test_file_read(void)
{
	char *data = NULL;
	size_t len = 0;
	char *want = test_read(SRC("examples/aozora-bank.json"), NULL);
	CHECK_INT(csm_file_read(&data, &len, SRC("examples/aozora-bank.json")), 0);
	CHECK(data && want && len == strlen(want) && memcmp(data, want, len) == 0);
	csm_free(data);
	free(want);
	CHECK_INT(csm_file_read(&data, &len, SRC("examples")), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "is a directory");
	CHECK_INT(csm_file_read(&data, &len, SRC("no-such-file")), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "no-such-file: cannot open");
}

static void test_lines(void)
{
	char path[] = "/tmp/csm-lines-XXXXXX";
	const char text[] = "{\"a\":1}\n\n{\"b\":2}\nlast";
	csm_lines *r = NULL;
	const char *line;
	size_t len;
	unsigned long long used;
	int too_long, fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
	close(fd);

	CHECK_INT(csm_lines_open(&r, path, 0), 0);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_STR(line, "{\"a\":1}\n");
	CHECK_INT(len, 8);
	CHECK_INT(used, 8);
	CHECK_INT(too_long, 0);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_STR(line, "\n");
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_STR(line, "{\"b\":2}\n");
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1); /* no newline at the end */
	CHECK_STR(line, "last");
	CHECK_INT(used, 4);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 0);
	csm_lines_free(r);
	r = NULL;

	/* from a line's start */
	CHECK_INT(csm_lines_open(&r, path, 9), 0);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_STR(line, "{\"b\":2}\n");
	csm_lines_free(r);
	r = NULL;

	CHECK_INT(csm_lines_open(&r, "-", 5), CSM_EINVALID); /* standard input cannot seek */
	unlink(path);
	CHECK_INT(csm_lines_open(&r, path, 0), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "cannot open");
	CHECK(r == NULL);
	csm_lines_free(NULL);
}

/* A line over the bound is skipped whole, and the next one is read. */
static void test_long_line(void)
{
	char path[] = "/tmp/csm-lines-XXXXXX";
	csm_lines *r = NULL;
	const char *line;
	size_t len, n = CSM_MAX_FILE_BYTES + 10;
	unsigned long long used;
	int too_long, fd = mkstemp(path);
	char *big = malloc(n + 1);
	CHECK(fd >= 0 && big);
	if (fd < 0 || !big) {
		free(big);
		return;
	}
	memset(big, 'x', n);
	big[n] = '\n';
	CHECK(write(fd, big, n + 1) == (ssize_t)(n + 1));
	CHECK(write(fd, "ok\n", 3) == 3);
	close(fd);
	free(big);
	CHECK_INT(csm_lines_open(&r, path, 0), 0);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_INT(too_long, 1);
	CHECK_INT(len, 0);
	CHECK_INT(used, n + 1);
	CHECK_INT(csm_lines_next(&line, &len, &used, &too_long, r), 1);
	CHECK_INT(too_long, 0);
	CHECK_STR(line, "ok\n");
	csm_lines_free(r);
	unlink(path);
}

int main(void)
{
	RUN_TEST(test_defaults);
	RUN_TEST(test_benchmark_by_path);
	RUN_TEST(test_missing_questionnaire_not_kept);
	RUN_TEST(test_options);
	RUN_TEST(test_environment);
	RUN_TEST(test_weights);
	RUN_TEST(test_threads);
	RUN_TEST(test_file_read);
	RUN_TEST(test_lines);
	RUN_TEST(test_long_line);
	return test_finish();
}
