/* The context: the data directory, what is loaded from it (once), and the
 * defaults every program using the library shares with the csm program. */
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "benchmark.h"
#include "error.h"
#include "questionnaire.h"
#include "util.h"

#ifndef CSM_INSTALL_DATADIR
#define CSM_INSTALL_DATADIR "/usr/local/share/csm"
#endif
#ifndef CSM_SOURCE_DATADIR
#define CSM_SOURCE_DATADIR "."
#endif

/* The questionnaire answers files are read against when they name none. */
#define DEFAULT_QUESTIONNAIRE "csmg-v2"
/* The benchmark of the 2020 trial, shipped in the data directory; its
 * grading is the default grading. */
#define DEFAULT_BENCHMARK "benchmarks/beta-2020.json"
#define DEFAULT_FONT "IPAexGothic"

typedef struct loaded_benchmark {
	char *path; /* NULL: the default */
	csm_benchmark *b;
} loaded_benchmark;

struct csm_context {
	char *data_dir;
	char *questionnaire;
	pthread_mutex_t mu; /* guards the lists below and the industries */
	csm_questionnaire **q;
	size_t nq, capq;
	loaded_benchmark *b;
	size_t nb, capb;
	csm_industries *industries;
	int industries_loaded;
	double weights[CSM_DIRECTIVES];
	int has_weights;
};

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A data directory is one with a questions/ folder. */
static int has_questions(const char *dir)
{
	char probe[PATH_MAX + 16];
	snprintf(probe, sizeof probe, "%s/questions", dir);
	return is_dir(probe);
}

/* The directory given, else $CSM_DATA_DIR, else next to the program
 * (../share/csm), the install prefix, or the source tree it was built from. */
static int find_data_dir(char **out, const char *given)
{
	const char *env = getenv("CSM_DATA_DIR");
	const char *candidates[3] = {NULL, CSM_INSTALL_DATADIR, CSM_SOURCE_DATADIR};
	char exe[PATH_MAX], near[PATH_MAX + 16];
	ssize_t n;
	int i;

	if (given || (env && env[0])) {
		const char *d = given ? given : env;
		if (!has_questions(d))
			return csm__err(CSM_EINVALID, "%s: data directory has no questions/ folder", d);
		return (*out = csm__strdup(d)) ? 0 : csm__nomem();
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(near, sizeof near, "%s/../share/csm", dirname(exe));
		candidates[0] = near;
	}
	for (i = 0; i < 3; i++)
		if (candidates[i] && has_questions(candidates[i]))
			return (*out = csm__strdup(candidates[i])) ? 0 : csm__nomem();
	return csm__err(CSM_ENOTFOUND, "cannot find the data directory (questions/, tips/, benchmarks/); "
	                               "give csm_context_options.data_dir or set CSM_DATA_DIR");
}

int csm_context_new(csm_context **out, const csm_context_options *opts)
{
	static const csm_context_options defaults = CSM_CONTEXT_OPTIONS_INIT;
	csm_context *c;
	int rc;

	CSM__ARGS(out);
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->version < 1 || opts->version > CSM_CONTEXT_OPTIONS_VERSION)
		return csm__err(CSM_EINVALID, "csm_context_new: options version %u is not 1..%d", opts->version,
		                CSM_CONTEXT_OPTIONS_VERSION);
	if (!(c = calloc(1, sizeof *c)))
		return csm__nomem();
	if (pthread_mutex_init(&c->mu, NULL) != 0) {
		free(c);
		return csm__nomem();
	}
	if ((rc = find_data_dir(&c->data_dir, opts->data_dir)))
		goto fail;
	if (!(c->questionnaire = csm__strdup(opts->questionnaire ? opts->questionnaire : DEFAULT_QUESTIONNAIRE))) {
		rc = csm__nomem();
		goto fail;
	}
	*out = c;
	return 0;
fail:
	csm_context_free(c);
	return rc;
}

void csm_context_free(csm_context *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->nq; i++)
		csm_questionnaire_free(c->q[i]);
	for (i = 0; i < c->nb; i++) {
		free(c->b[i].path);
		csm_benchmark_free(c->b[i].b);
	}
	free(c->q);
	free(c->b);
	csm_industries_free(c->industries);
	free(c->data_dir);
	free(c->questionnaire);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

const char *csm_context_data_dir(const csm_context *c) { return c ? c->data_dir : NULL; }

const char *csm_context_default_questionnaire(const csm_context *c) { return c ? c->questionnaire : NULL; }

unsigned csm_context_min_group(const csm_context *c)
{
	(void)c;
	return CSM__DEFAULT_MIN_GROUP;
}

const char *csm_context_font_family(const csm_context *c)
{
	(void)c;
	return DEFAULT_FONT;
}

int csm_context_set_weights(csm_context *c, const double weights[CSM_DIRECTIVES])
{
	size_t i;
	int rc = 0;
	CSM__ARGS(c && weights);
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < c->nq && !rc; i++)
		rc = csm_questionnaire_set_weights(c->q[i], weights);
	if (!rc) {
		memcpy(c->weights, weights, sizeof c->weights);
		c->has_weights = 1;
	}
	pthread_mutex_unlock(&c->mu);
	return rc;
}

/* The loading accessors below run under the lock; a failure's message is
 * set on the calling thread, as the loading happens on it. */

static int questionnaire_locked(const csm_questionnaire **out, csm_context *c, const char *id)
{
	csm_questionnaire *q = NULL;
	size_t i;
	int rc;
	for (i = 0; i < c->nq; i++)
		if (strcmp(csm_questionnaire_id(c->q[i]), id) == 0) {
			*out = c->q[i];
			return 0;
		}
	if (c->nq == c->capq) {
		size_t cap = c->capq ? 2 * c->capq : 4;
		csm_questionnaire **t = realloc(c->q, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		c->q = t;
		c->capq = cap;
	}
	if ((rc = csm_questionnaire_open(&q, c->data_dir, id)))
		return rc;
	if (c->has_weights && (rc = csm_questionnaire_set_weights(q, c->weights))) {
		csm_questionnaire_free(q);
		return rc;
	}
	c->q[c->nq++] = q;
	*out = q;
	return 0;
}

int csm_context_questionnaire(const csm_questionnaire **out, csm_context *c, const char *id)
{
	int rc;
	CSM__ARGS(out && c);
	*out = NULL;
	pthread_mutex_lock(&c->mu);
	rc = questionnaire_locked(out, c, id ? id : c->questionnaire);
	pthread_mutex_unlock(&c->mu);
	return rc;
}

static int benchmark_locked(const csm_benchmark **out, csm_context *c, const char *path)
{
	loaded_benchmark *e;
	char *def = NULL;
	size_t i;
	int rc;
	for (i = 0; i < c->nb; i++)
		if ((!path && !c->b[i].path) || (path && c->b[i].path && strcmp(path, c->b[i].path) == 0)) {
			*out = c->b[i].b;
			return 0;
		}
	if (c->nb == c->capb) {
		size_t cap = c->capb ? 2 * c->capb : 2;
		loaded_benchmark *t = realloc(c->b, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		c->b = t;
		c->capb = cap;
	}
	e = &c->b[c->nb];
	memset(e, 0, sizeof *e);
	if (path && !(e->path = csm__strdup(path)))
		return csm__nomem();
	if (!path) {
		size_t n = strlen(c->data_dir) + sizeof "/" DEFAULT_BENCHMARK;
		if (!(def = malloc(n)))
			return csm__nomem();
		snprintf(def, n, "%s/%s", c->data_dir, DEFAULT_BENCHMARK);
	}
	rc = csm_benchmark_load(&e->b, path ? path : def);
	free(def);
	if (rc) {
		free(e->path);
		return rc;
	}
	c->nb++;
	*out = e->b;
	return 0;
}

int csm_context_benchmark(const csm_benchmark **out, csm_context *c, const char *path)
{
	int rc;
	CSM__ARGS(out && c);
	*out = NULL;
	pthread_mutex_lock(&c->mu);
	rc = benchmark_locked(out, c, path);
	pthread_mutex_unlock(&c->mu);
	return rc;
}

int csm_context_grading(csm_grading *out, csm_context *c)
{
	const csm_benchmark *b = NULL;
	int rc;
	CSM__ARGS(out && c);
	if ((rc = csm_context_benchmark(&b, c, NULL)))
		return rc;
	*out = *csm_benchmark_grading(b);
	return 0;
}

int csm_context_industries(const csm_industries **out, csm_context *c)
{
	char path[PATH_MAX + 32];
	int rc = 0;
	CSM__ARGS(out && c);
	*out = NULL;
	pthread_mutex_lock(&c->mu);
	if (!c->industries_loaded) {
		snprintf(path, sizeof path, "%s/questions/industries.json", c->data_dir);
		/* The list is optional: a data directory without it checks no industry. */
		if (access(path, F_OK) == 0)
			rc = csm_industries_open(&c->industries, c->data_dir);
		c->industries_loaded = !rc;
	}
	*out = c->industries;
	pthread_mutex_unlock(&c->mu);
	return rc;
}

/* The questionnaire a JSON answers file names, or NULL (not JSON, or none
 * given): a look at the file before it is read for that questionnaire. */
static char *named_questionnaire(const char *data, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(data, len);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "questionnaire");
	char *id = cJSON_IsString(v) && csm__valid_id(v->valuestring) ? csm__strdup(v->valuestring) : NULL;
	cJSON_Delete(root);
	return id;
}

int csm_answers_load_in(csm_answers **out, csm_context *ctx, const char *path, const char *questionnaire)
{
	CSM__ARGS(out && ctx && path);
	char *data = NULL, small[8192]; /* most answers files fit */
	size_t len;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file_in(&data, &len, path, CSM_MAX_FILE_BYTES, small, sizeof small)))
		return rc;
	rc = csm_answers_parse_in(out, ctx, data, len, path, questionnaire);
	if (data != small)
		free(data);
	return rc;
}

int csm_answers_parse_in(csm_answers **out, csm_context *ctx, const char *data, size_t len, const char *path,
                         const char *questionnaire)
{
	CSM__ARGS(out && ctx && data);
	const csm_questionnaire *q = NULL;
	char *id = NULL, *saved = NULL;
	size_t i = 0;
	int rc, json;

	*out = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	json = i < len && (data[i] == '{' || data[i] == '[');
	if (!json) {
		/* CSV names no questionnaire: the one given, or the default */
		if (csm_context_questionnaire(&q, ctx, questionnaire) || !q->choice_count)
			q = NULL;
		csm_error_clear();
		rc = csm_answers_parse_for(out, data, len, path, q);
		goto cleanup;
	}
	/* Levels first (every questionnaire but a few); a file that fails to
	 * read so is read again for its questionnaire when that has a scale. */
	if (!(rc = csm_answers_parse(out, data, len, path)) || rc == CSM_ENOMEM)
		goto cleanup;
	if (!(saved = csm__strdup(csm_error_last()))) {
		rc = csm__nomem();
		goto cleanup;
	}
	id = named_questionnaire(data, len);
	if (id && !csm_context_questionnaire(&q, ctx, id) && q->choice_count) {
		rc = csm_answers_parse_for(out, data, len, path, q);
	} else {
		/* the first reading's message (it has no control characters left) */
		rc = csm__err(rc, "%s", saved);
	}
cleanup:
	free(saved);
	free(id);
	return rc;
}
