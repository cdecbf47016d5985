/* What every command shares: the context, loading answers, messages. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "output.h"

int cli_exit_code(int rc)
{
	return rc == CSM_EINVALID || rc == CSM_ENOTFOUND ? EXIT_INPUT : EXIT_FAIL;
}

int cli_lib_error(int rc)
{
	fprintf(stderr, "%s\n", csm_error_last());
	return cli_exit_code(rc);
}

int cli_nomem(void)
{
	fprintf(stderr, "csm: out of memory\n");
	return EXIT_FAIL;
}

unsigned cli_flags(const cli_args *a)
{
	return a->allow_partial ? CSM_ALLOW_PARTIAL : 0;
}

int cli_context(cli_args *a)
{
	csm_context_options co = CSM_CONTEXT_OPTIONS_INIT;
	int rc;
	if (a->ctx)
		return 0;
	co.data_dir = a->data_dir;
	if ((rc = csm_context_new(&a->ctx, &co))) {
		if (rc != CSM_ENOTFOUND)
			return cli_lib_error(rc);
		fprintf(stderr, "csm: cannot find the data directory (questions/, tips/, benchmarks/); "
		                "use --data-dir or set CSM_DATA_DIR\n");
		return EXIT_INPUT;
	}
	a->data = csm_context_data_dir(a->ctx);
	if ((a->weights.set && (rc = csm_context_set_weights(a->ctx, a->weights.w))) ||
	    (rc = csm_context_industries(&a->industries, a->ctx)))
		return cli_lib_error(rc);
	return 0;
}

int cli_benchmark(const csm_benchmark **b, cli_args *a)
{
	int rc = csm_context_benchmark(b, a->ctx, a->benchmark);
	return rc ? cli_lib_error(rc) : 0;
}

int cli_questionnaire(const csm_questionnaire **q, cli_args *a, const char *id)
{
	int rc = csm_context_questionnaire(q, a->ctx, id);
	return rc ? cli_lib_error(rc) : 0;
}

char *cli_take_message(const char *prefix)
{
	const char *m = csm_error_last();
	size_t n = (prefix ? strlen(prefix) : 0) + strlen(m) + 1;
	char *t = malloc(n);
	if (t)
		snprintf(t, n, "%s%s", prefix ? prefix : "", m);
	return t;
}

/* cli_resolve_industry(), the notices kept in *kept (NULL when none) if kept is not NULL. */
static int resolve_industry(csm_answers *ans, const cli_args *a, char **kept)
{
	char *notes = NULL;
	int rc = csm_answers_resolve_industry(&notes, ans, a->industries, a->lang);
	if (!rc && notes[0] && kept) {
		*kept = notes;
		return 0;
	}
	if (!rc && notes[0])
		fprintf(stderr, "%s", notes);
	csm_free(notes);
	return rc;
}

int cli_resolve_industry(csm_answers *ans, const cli_args *a)
{
	return resolve_industry(ans, a, NULL);
}

/* 1 if `path` starts as a zip archive does (a workbook), else 0. */
static int is_workbook(const char *path)
{
	unsigned char head[4];
	FILE *f = fopen(path, "rb");
	int yes;
	if (!f)
		return 0; /* csm_answers_load() says why */
	yes = fread(head, 1, 4, f) == 4 && memcmp(head, "PK\x03\x04", 4) == 0;
	fclose(f);
	return yes;
}

/* load_answers() flags. */
enum { LOAD_WORKBOOK = 1, LOAD_NO_INDUSTRY = 2 };

static int load_answers(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path, char **err,
                        char **notes, unsigned flags)
{
	int rc;
	*out = NULL;
	if ((flags & LOAD_WORKBOOK) && is_workbook(path)) {
		char *json = NULL;
		rc = csm_form_xlsx_load(&json, path, a->industries);
		if (!rc) /* read for the questionnaire it answers, which may have its own scale */
			rc = csm_answers_parse_in(out, a->ctx, json, strlen(json), path, a->questionnaire);
		csm_free(json);
		if (rc)
			goto fail;
	} else if ((rc = csm_answers_load_in(out, a->ctx, path, a->questionnaire)))
		goto fail;
	if ((a->questionnaire && (rc = csm_answers_field_set(*out, CSM_FIELD_QUESTIONNAIRE, a->questionnaire))) ||
	    (a->industry && (rc = csm_answers_field_set(*out, CSM_FIELD_ORG_INDUSTRY, a->industry))) ||
	    (a->org && (rc = csm_answers_field_set(*out, CSM_FIELD_ORG_NAME, a->org))))
		goto fail;
	if (a->industries && !(flags & LOAD_NO_INDUSTRY) && (rc = resolve_industry(*out, a, notes)))
		goto fail;
	if ((rc = csm_context_questionnaire(q, a->ctx, csm_answers_field_get(*out, CSM_FIELD_QUESTIONNAIRE)))) {
		/* The message names the questionnaire; say which file asked for it. */
		char prefix[PATH_MAX + 32];
		snprintf(prefix, sizeof prefix, "%s: questionnaire: ", path);
		*err = cli_take_message(prefix);
		csm_answers_free(*out);
		*out = NULL;
		return rc;
	}
	return 0;
fail:
	*err = cli_take_message(NULL);
	csm_answers_free(*out);
	*out = NULL;
	return rc;
}

int cli_load_answers(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path, char **err)
{
	return load_answers(out, q, a, path, err, NULL, 0);
}

int cli_load_answers_noted(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path, char **err,
                           char **notes)
{
	return load_answers(out, q, a, path, err, notes, 0);
}

int cli_load_supplier_answers(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path,
                              char **err)
{
	return load_answers(out, q, a, path, err, NULL, LOAD_WORKBOOK | LOAD_NO_INDUSTRY);
}

int cli_score_analyze(csm_score **s, csm_analysis **an, const csm_questionnaire *q, const csm_answers *a,
                      const cli_args *o, const csm_benchmark *b, unsigned flags)
{
	int rc;
	*an = NULL;
	if ((rc = csm_score_compute_against(s, q, a, b, flags)) || (rc = csm_analyze(an, q, a, *s, b)))
		return rc;
	csm_analysis_use_industries(*an, o->industries);
	return 0;
}

int cli_load_answers_reported(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path)
{
	char *err = NULL;
	int rc = cli_load_answers(out, q, a, path, &err);
	if (!rc)
		return 0;
	fprintf(stderr, "%s\n", err ? err : "out of memory");
	free(err);
	return cli_exit_code(rc);
}

int cli_load_previous(csm_answers **pa, csm_score **ps, cli_args *a, const csm_benchmark *b)
{
	return cli_load_scored(pa, ps, a, b, a->previous);
}

int cli_load_scored(csm_answers **pa, csm_score **ps, cli_args *a, const csm_benchmark *b, const char *path)
{
	const csm_questionnaire *q = NULL;
	int rc, status = cli_load_answers_reported(pa, &q, a, path);
	if (status)
		return status;
	if ((rc = csm_score_compute_against(ps, q, *pa, b, CSM_ALLOW_PARTIAL)))
		return cli_lib_error(rc);
	return 0;
}

static int parse_threshold(double *out, const char *s, const char *what)
{
	char *end;
	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end || errno)
		return cli_usage_error("bench build-from-tsv: %s needs a number", what);
	return 0;
}

int cli_grading(csm_grading *g, cli_args *a, const char *grade_a, const char *grade_b, int from_benchmark)
{
	const csm_benchmark *b = NULL;
	int rc, status;
	if (grade_a || grade_b || !from_benchmark) {
		/* The thresholds given are checked before the default is looked up. */
		if ((grade_a && (status = parse_threshold(&g->a, grade_a, "--grade-a"))) ||
		    (grade_b && (status = parse_threshold(&g->b, grade_b, "--grade-b"))))
			return status;
		if (!grade_a || !grade_b) {
			csm_grading def;
			if ((status = cli_context(a)))
				return status;
			if ((rc = csm_context_grading(&def, a->ctx)))
				return cli_lib_error(rc);
			if (!grade_a)
				g->a = def.a;
			if (!grade_b)
				g->b = def.b;
		}
		return 0;
	}
	if ((status = cli_benchmark(&b, a)))
		return status;
	*g = *csm_benchmark_grading(b);
	return 0;
}

int cli_worker_count(int n, const cli_uint *jobs)
{
	long k = jobs->set ? (long)jobs->v : sysconf(_SC_NPROCESSORS_ONLN);
	if (k < 1)
		k = 1;
	if (k > n / 8 + 1)
		k = n / 8 + 1;
	return k > 16 ? 16 : (int)k;
}

int cli_write_bytes(const char *path, const void *data, size_t len)
{
	return out_write(path, data, len, NULL);
}

int cli_write_text(const char *path, const char *text)
{
	size_t n = strlen(text);
	return out_write(path, text, n, n == 0 || text[n - 1] == '\n' ? NULL : "\n");
}

int cli_creation_time(long long *out)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	unsigned long long t;
	int status;
	*out = (long long)time(NULL);
	if (!epoch || !epoch[0])
		return 0;
	if ((status = cli_parse_count(&t, "SOURCE_DATE_EPOCH", epoch, 0, 253402300799ULL)))
		return status;
	*out = (long long)t;
	return 0;
}
