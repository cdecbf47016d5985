/* csm — the command-line program: arguments, files, calls into libcsm.
 * Every rule lives in the library; this file only moves bytes. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csm.h"
#include "output.h"

#define EXIT_USAGE 1
#define EXIT_INPUT 2
#define EXIT_FAIL 3

/* A value no library call returns: marks a usage problem found while parsing. */
static const int csm__usage_level = 1000;

#ifndef CSM_INSTALL_DATADIR
#define CSM_INSTALL_DATADIR "/usr/local/share/csm"
#endif
#ifndef CSM_SOURCE_DATADIR
#define CSM_SOURCE_DATADIR "."
#endif

/* ---- options ----------------------------------------------------------- */

typedef struct opts {
	const char *data_dir, *benchmark, *questionnaire, *industry, *org, *output, *format, *lang_name;
	const char *name, *source, *date, *grade_a, *grade_b, *jobs, *size, *font, *outdir, *to, *min_group, *year;
	const char *db, *key_file, *submitter, *weights_text, *target, *budget, *method, *previous, *csv, *rollup;
	const char *prefill, *busy_timeout;
	const char *sets[CSM_MAX_ITEMS];
	int nsets;
	double weights[CSM_DIRECTIVES];
	int has_weights;
	int strict, pseudonymize;
	int json, allow_partial;
	const char **files;
	int nfiles;
	csm_lang lang;
	csm_industries *industries; /* from the data directory, when it has the list */
	char data_buf[PATH_MAX];
} opts;

static const char *prog = "csm";

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s help' for usage.\n", prog);
	return EXIT_USAGE;
}

/* A whole-number option's value: digits only (no sign, space or suffix) and
 * within [min, max], checked before it could wrap; otherwise a usage error
 * that names the option. Every integer option goes through here. */
static int parse_count(unsigned long long *out, const char *option, const char *s, unsigned long long min,
                       unsigned long long max)
{
	unsigned long long v = 0;
	const char *p;
	if (!s || !*s)
		return usage_error("%s: needs a whole number from %llu to %llu", option, min, max);
	for (p = s; *p; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (*p < '0' || *p > '9')
			return usage_error("%s: '%.40s' is not a whole number (digits only, %llu to %llu)", option, s, min, max);
		if (d > max || v > (max - d) / 10)
			return usage_error("%s: %.40s is out of range (%llu to %llu)", option, s, min, max);
		v = v * 10 + d;
	}
	if (v < min)
		return usage_error("%s: %.40s is out of range (%llu to %llu)", option, s, min, max);
	*out = v;
	return 0;
}

/* --min-group K (default 5), as the aggregator takes it. */
static int parse_min_group(unsigned *out, const char *s)
{
	unsigned long long v = 5;
	int status = s ? parse_count(&v, "--min-group", s, 1, 1000000) : 0;
	*out = (unsigned)v;
	return status;
}

/* Exit code for a library error code. */
static int exit_code(int rc)
{
	return rc == CSM_EINVALID || rc == CSM_ENOTFOUND ? EXIT_INPUT : EXIT_FAIL;
}

/* Exit code for a library error, with its message on stderr. */
static int lib_error(int rc)
{
	fprintf(stderr, "%s\n", csm_error_last());
	return exit_code(rc);
}

/* Options each command accepts, as "--name" for flags and "--name=" for values. */
static int parse_args(opts *o, int argc, char **argv, const char *const *allowed)
{
	static const struct {
		const char *name;
		size_t off;
	} values[] = {
	    {"--data-dir", offsetof(opts, data_dir)},       {"--benchmark", offsetof(opts, benchmark)},
	    {"--questionnaire", offsetof(opts, questionnaire)}, {"--industry", offsetof(opts, industry)},
	    {"--org", offsetof(opts, org)},                 {"-o", offsetof(opts, output)},
	    {"--output", offsetof(opts, output)},           {"--format", offsetof(opts, format)},
	    {"--lang", offsetof(opts, lang_name)},          {"--name", offsetof(opts, name)},
	    {"--source", offsetof(opts, source)},           {"--date", offsetof(opts, date)},
	    {"--grade-a", offsetof(opts, grade_a)},         {"--grade-b", offsetof(opts, grade_b)},
	    {"--jobs", offsetof(opts, jobs)},                {"--size", offsetof(opts, size)},
	    {"--font", offsetof(opts, font)},                {"--outdir", offsetof(opts, outdir)},
	    {"--to", offsetof(opts, to)},                    {"--min-group", offsetof(opts, min_group)},
	    {"--year", offsetof(opts, year)},                {"--db", offsetof(opts, db)},
	    {"--key-file", offsetof(opts, key_file)},        {"--submitter", offsetof(opts, submitter)},
	    {"--weights", offsetof(opts, weights_text)},     {"--target", offsetof(opts, target)},
	    {"--budget", offsetof(opts, budget)},            {"--method", offsetof(opts, method)},
	    {"--previous", offsetof(opts, previous)},        {"--csv", offsetof(opts, csv)},
	    {"--rollup", offsetof(opts, rollup)},           {"--prefill", offsetof(opts, prefill)},
	    {"--busy-timeout", offsetof(opts, busy_timeout)},
	};
	int i, k, only_files = 0;

	o->files = calloc((size_t)argc + 1, sizeof *o->files);
	if (!o->files)
		return EXIT_FAIL;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq, *val = NULL;
		size_t len;
		int known = 0;
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = 1;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (k = 0; allowed[k]; k++)
			if (strlen(allowed[k]) == len && strncmp(allowed[k], a, len) == 0)
				known = 1;
		if (!known)
			return usage_error("unknown option '%.*s'", (int)len, a);
		if (len == 6 && strncmp(a, "--json", 6) == 0 && !eq) {
			o->json = 1;
			continue;
		}
		if (len == 15 && strncmp(a, "--allow-partial", 15) == 0 && !eq) {
			o->allow_partial = 1;
			continue;
		}
		if (len == 8 && strncmp(a, "--strict", 8) == 0 && !eq) {
			o->strict = 1;
			continue;
		}
		if (len == 14 && strncmp(a, "--pseudonymize", 14) == 0 && !eq) {
			o->pseudonymize = 1;
			continue;
		}
		if (len == 5 && strncmp(a, "--set", 5) == 0) { /* may repeat */
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v)
				return usage_error("option '--set' needs a value ITEM=LEVEL");
			if (o->nsets >= (int)CSM_MAX_ITEMS)
				return usage_error("too many --set options");
			o->sets[o->nsets++] = v;
			continue;
		}
		for (k = 0; k < (int)(sizeof values / sizeof values[0]); k++) {
			if (strlen(values[k].name) != len || strncmp(values[k].name, a, len) != 0)
				continue;
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return usage_error("option '%s' needs a value", a);
			*(const char **)((char *)o + values[k].off) = val;
			break;
		}
		if (!val)
			return usage_error("option '%.*s' takes no value", (int)len, a);
	}
	if (o->jobs) { /* threads; checked here for every command that takes it */
		unsigned long long n;
		int status = parse_count(&n, "--jobs", o->jobs, 1, 16);
		if (status)
			return status;
	}
	if (o->lang_name && csm_lang_parse(&o->lang, o->lang_name) != 0)
		return usage_error("--lang: '%s' is not a language (use ja or en)", o->lang_name);
	if (o->weights_text) {
		const char *w = o->weights_text;
		int d;
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			char *end;
			o->weights[d] = strtod(w, &end);
			if (end == w || (d < CSM_DIRECTIVES - 1 && *end != ',') || (d == CSM_DIRECTIVES - 1 && *end) ||
			    !(o->weights[d] > 0 && o->weights[d] <= 100))
				return usage_error("--weights takes 10 numbers > 0 and <= 100, separated by commas");
			w = end + 1;
		}
		o->has_weights = 1;
	}
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The data directory: --data-dir, $CSM_DATA_DIR, next to the program
 * (../share/csm), the install prefix, or the source tree it was built from. */
static int locate_data_dir(opts *o);

/* The data directory, and the industry list in it. */
static int find_data_dir(opts *o)
{
	char path[PATH_MAX + 32];
	int status = locate_data_dir(o), rc;
	if (status || o->industries)
		return status;
	snprintf(path, sizeof path, "%s/questions/industries.json", o->data_dir);
	if (access(path, F_OK) == 0 && (rc = csm_industries_open(&o->industries, o->data_dir)))
		return lib_error(rc);
	return 0;
}

static int locate_data_dir(opts *o)
{
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	const char *env = getenv("CSM_DATA_DIR");
	const char *candidates[3] = {NULL, CSM_INSTALL_DATADIR, CSM_SOURCE_DATADIR};
	ssize_t n;
	int i;

	if (o->data_dir || (env && env[0])) {
		const char *d = o->data_dir ? o->data_dir : env;
		snprintf(probe, sizeof probe, "%s/questions", d);
		if (!is_dir(probe)) {
			fprintf(stderr, "%s: data directory has no questions/ folder\n", d);
			return EXIT_INPUT;
		}
		o->data_dir = d;
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(o->data_buf, sizeof o->data_buf, "%s/../share/csm", dirname(exe));
		candidates[0] = o->data_buf;
	}
	for (i = 0; i < 3; i++) {
		if (!candidates[i])
			continue;
		snprintf(probe, sizeof probe, "%s/questions", candidates[i]);
		if (is_dir(probe)) {
			o->data_dir = candidates[i];
			return 0;
		}
	}
	fprintf(stderr, "%s: cannot find the data directory (questions/, tips/, benchmarks/); "
	                "use --data-dir or set CSM_DATA_DIR\n", prog);
	return EXIT_INPUT;
}

/* ---- output ------------------------------------------------------------ */


/* Refuse, before anything is read or written, an output that is one of the
 * inputs (by device and inode: another spelling or a hard link is caught). */
static int check_outputs(const opts *o)
{
	const char **in = calloc((size_t)o->nfiles + 8, sizeof *in);
	size_t n = 0;
	int i, status;
	if (!in)
		return EXIT_FAIL;
	for (i = 0; i < o->nfiles; i++)
		in[n++] = o->files[i];
	in[n++] = o->previous;
	in[n++] = o->prefill;
	in[n++] = o->benchmark;
	in[n++] = o->key_file;
	in[n++] = o->db;
	in[n++] = o->font;
	status = out_check_not_input("-o", o->output, in, n) || out_check_not_input("--csv", o->csv, in, n)
	             ? EXIT_USAGE
	             : 0;
	free(in);
	return status;
}

/* ---- shared loading ---------------------------------------------------- */

/* Questionnaires loaded so far, by id: each is read once per run, and every
 * one handed out is freed by qcache_free(), however many there are. */
typedef struct qcache {
	csm_questionnaire **q;
	size_t n, cap;
} qcache;

static int get_questionnaire(csm_questionnaire **out, qcache *c, const char *data_dir, const char *id)
{
	size_t i;
	int rc;
	for (i = 0; i < c->n; i++)
		if (strcmp(csm_questionnaire_id(c->q[i]), id) == 0) {
			*out = c->q[i];
			return 0;
		}
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 4;
		csm_questionnaire **q = realloc(c->q, cap * sizeof *q);
		if (!q) {
			fprintf(stderr, "%s: out of memory\n", prog);
			return CSM_ENOMEM;
		}
		c->q = q;
		c->cap = cap;
	}
	if ((rc = csm_questionnaire_open(out, data_dir, id)))
		return rc;
	c->q[c->n++] = *out;
	return 0;
}

static void qcache_free(qcache *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		csm_questionnaire_free(c->q[i]);
	free(c->q);
	c->q = NULL;
	c->n = c->cap = 0;
}

static int load_benchmark(csm_benchmark **out, const opts *o)
{
	char path[PATH_MAX];
	int rc;
	if (o->benchmark)
		rc = csm_benchmark_load(out, o->benchmark);
	else {
		snprintf(path, sizeof path, "%s/benchmarks/beta-2020.json", o->data_dir);
		rc = csm_benchmark_load(out, path);
	}
	return rc ? lib_error(rc) : 0;
}

/* A copy of the library's message (with `prefix` before it, if given), for
 * printing later in input order. */
static char *take_message(const char *prefix)
{
	const char *m = csm_error_last();
	size_t n = (prefix ? strlen(prefix) : 0) + strlen(m) + 1;
	char *t = malloc(n);
	if (t)
		snprintf(t, n, "%s%s", prefix ? prefix : "", m);
	return t;
}

/* Load answers file `path`, apply command-line fields, find its questionnaire.
 * Returns 0, or the library error code with the message in *err. */
static int load_answers(csm_answers **out, csm_questionnaire **q, qcache *c, const opts *o, const char *path,
                        char **err)
{
	const char *qid;
	int rc;
	*out = NULL;
	if ((rc = csm_answers_load(out, path)))
		goto fail;
	if ((o->questionnaire && (rc = csm_answers_field_set(*out, CSM_FIELD_QUESTIONNAIRE, o->questionnaire))) ||
	    (o->industry && (rc = csm_answers_field_set(*out, CSM_FIELD_ORG_INDUSTRY, o->industry))) ||
	    (o->org && (rc = csm_answers_field_set(*out, CSM_FIELD_ORG_NAME, o->org))))
		goto fail;
	if (o->industries && (rc = csm_answers_check_industry(*out, o->industries)))
		goto fail;
	qid = csm_answers_field_get(*out, CSM_FIELD_QUESTIONNAIRE);
	if ((rc = get_questionnaire(q, c, o->data_dir, qid ? qid : "csmg-v2"))) {
		/* The message names the questionnaire; say which file asked for it. */
		char prefix[PATH_MAX + 32];
		snprintf(prefix, sizeof prefix, "%s: questionnaire: ", path);
		*err = take_message(prefix);
		csm_answers_free(*out);
		*out = NULL;
		return rc;
	}
	if (o->has_weights && (rc = csm_questionnaire_set_weights(*q, o->weights)))
		goto fail;
	return 0;
fail:
	*err = take_message(NULL);
	csm_answers_free(*out);
	*out = NULL;
	return rc;
}

/* load_answers(), with its message printed on stderr: 0, or the exit status. */
static int load_answers_reported(csm_answers **out, csm_questionnaire **q, qcache *c, const opts *o, const char *path)
{
	char *err = NULL;
	int rc = load_answers(out, q, c, o, path, &err);
	if (!rc)
		return 0;
	fprintf(stderr, "%s\n", err ? err : "out of memory");
	free(err);
	return exit_code(rc);
}

/* The assessment given with --previous, scored with the run's grading. */
static int load_previous(csm_answers **pa, csm_score **ps, qcache *c, const opts *o, const csm_benchmark *b)
{
	csm_questionnaire *q = NULL;
	int rc, status = load_answers_reported(pa, &q, c, o, o->previous);
	if (status)
		return status;
	if ((rc = csm_score_compute(ps, q, *pa, csm_benchmark_grading(b), CSM_ALLOW_PARTIAL)))
		return lib_error(rc);
	return 0;
}

/* ---- commands ---------------------------------------------------------- */

/* Scoring many files: worker threads take files in turn; the main thread
 * writes each result, in input order, as soon as it is ready, and frees it.
 * Results go to a temporary file that becomes the output (or is copied to
 * stdout) only if every file succeeded: nothing is written on failure. */
typedef struct score_job {
	const opts *o;
	const csm_benchmark *b;
	const csm_tips *tips;
	char **text, **err;
	int *rc;
	unsigned char *done;
	const csm_answers *prev_a; /* --previous */
	const csm_score *prev_s;
	atomic_int next;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} score_job;

static void score_one(score_job *j, qcache *cache, int i)
{
	const opts *o = j->o;
	csm_answers *a = NULL;
	csm_questionnaire *q = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	int rc = load_answers(&a, &q, cache, o, o->files[i], &j->err[i]);
	if (!rc)
		rc = csm_score_compute(&s, q, a, csm_benchmark_grading(j->b), o->allow_partial ? CSM_ALLOW_PARTIAL : 0);
	if (!rc && !(rc = csm_analyze(&an, q, a, s, j->b))) {
		csm_analysis_use_industries(an, o->industries);
		if (j->prev_s)
			rc = csm_analysis_set_previous(an, j->prev_a, j->prev_s);
	}
	if (!rc)
		rc = o->json ? csm_render_json(&j->text[i], an, o->files[i])
		             : csm_render_text(&j->text[i], an, j->tips, o->lang);
	if (rc && !j->err[i])
		j->err[i] = take_message(NULL);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	pthread_mutex_lock(&j->mu);
	j->rc[i] = rc;
	j->done[i] = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

static void *score_worker(void *arg)
{
	score_job *j = arg;
	qcache cache = {0};
	int i;
	while ((i = atomic_fetch_add(&j->next, 1)) < j->o->nfiles)
		score_one(j, &cache, i);
	qcache_free(&cache);
	return NULL;
}

/* Worker threads: one per core (or --jobs), none idle on small batches. */
static int worker_count(int nfiles, const char *jobs)
{
	long n = jobs ? strtol(jobs, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > nfiles / 8 + 1)
		n = nfiles / 8 + 1;
	return n > 16 ? 16 : (int)n;
}

static int write_bytes(const char *path, const void *data, size_t len)
{
	return out_write(path, data, len, NULL);
}

/* Text, ending with a newline if it has none. */
static int write_text(const char *path, const char *text)
{
	size_t n = strlen(text);
	return out_write(path, text, n, n == 0 || text[n - 1] == '\n' ? NULL : "\n");
}

static int cmd_score(opts *o)
{
	csm_benchmark *b = NULL;
	csm_tips *tips = NULL;
	score_job job;
	pthread_t threads[16];
	out_sink sink = {.f = NULL, .fd = -1, .slot = -1};
	csm_answers *prev_a = NULL;
	csm_score *prev_s = NULL;
	qcache prev_cache = {0};
	int i, rc, status = 0, failed = 0, nthreads, started = 0, write_ok = 1;

	memset(&job, 0, sizeof job);
	if (o->nfiles < 1)
		return usage_error("score: give at least one answers file");
	if ((status = find_data_dir(o)) || (status = load_benchmark(&b, o)))
		goto cleanup;
	if (!o->json && (rc = csm_tips_open(&tips, o->data_dir))) {
		status = lib_error(rc);
		goto cleanup;
	}
	if (o->previous) {
		if (o->nfiles != 1) {
			status = usage_error("score: --previous compares one answers file");
			goto cleanup;
		}
		if ((status = load_previous(&prev_a, &prev_s, &prev_cache, o, b)))
			goto cleanup;
		job.prev_a = prev_a;
		job.prev_s = prev_s;
	}
	if ((status = out_open(&sink, o->output)))
		goto cleanup;
	job.o = o;
	job.b = b;
	job.tips = tips;
	job.text = calloc((size_t)o->nfiles, sizeof *job.text);
	job.err = calloc((size_t)o->nfiles, sizeof *job.err);
	job.rc = calloc((size_t)o->nfiles, sizeof *job.rc);
	job.done = calloc((size_t)o->nfiles, 1);
	if (!job.text || !job.err || !job.rc || !job.done) {
		fprintf(stderr, "%s: out of memory\n", prog);
		status = EXIT_FAIL;
		goto cleanup;
	}
	atomic_init(&job.next, 0);
	pthread_mutex_init(&job.mu, NULL);
	pthread_cond_init(&job.cv, NULL);
	nthreads = worker_count(o->nfiles, o->jobs);
	/* One worker: this thread (making one costs more than a file's work). */
	for (i = 0; i < nthreads && nthreads > 1; i++)
		if (pthread_create(&threads[started], NULL, score_worker, &job) == 0)
			started++;
	if (!started) /* one worker, or no thread could be made: do the work here */
		score_worker(&job);

	for (i = 0; i < o->nfiles; i++) {
		pthread_mutex_lock(&job.mu);
		while (!job.done[i])
			pthread_cond_wait(&job.cv, &job.mu);
		pthread_mutex_unlock(&job.mu);
		if (job.rc[i]) {
			int st = exit_code(job.rc[i]);
			fprintf(stderr, "%s\n", job.err[i] ? job.err[i] : "out of memory");
			if (st > status)
				status = st;
			failed++;
		} else if (!failed && write_ok) {
			const char *t = job.text[i];
			size_t len = strlen(t);
			write_ok = (o->json || i == 0 || fputc('\n', sink.f) != EOF) && fwrite(t, 1, len, sink.f) == len &&
			           (!o->json || fputc('\n', sink.f) != EOF);
		}
		csm_free(job.text[i]);
		free(job.err[i]);
		job.text[i] = job.err[i] = NULL;
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_cond_destroy(&job.cv);
	pthread_mutex_destroy(&job.mu);

	if (failed && o->nfiles > 1)
		fprintf(stderr, "%s: %d of %d files failed; nothing was written\n", prog, failed, o->nfiles);
	if (!failed && !write_ok) {
		fprintf(stderr, "%s: cannot write: %s\n", sink.tmp[0] ? o->output : "temporary file", strerror(errno));
		status = EXIT_FAIL;
	}
	if (!failed && write_ok)
		status = out_commit(&sink);
cleanup:
	out_abort(&sink);
	free(job.text);
	free(job.err);
	free(job.rc);
	free(job.done);
	csm_score_free(prev_s);
	csm_answers_free(prev_a);
	qcache_free(&prev_cache);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	return status;
}

/* The image format of an output path, by its extension. */
static int image_format(csm_image_format *fmt, const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && strcmp(dot, ".png") == 0)
		*fmt = CSM_IMAGE_PNG;
	else if (dot && strcmp(dot, ".svg") == 0)
		*fmt = CSM_IMAGE_SVG;
	else if (dot && strcmp(dot, ".pdf") == 0)
		*fmt = CSM_IMAGE_PDF;
	else
		return -1;
	return 0;
}

static int cmd_radar(opts *o)
{
	csm_benchmark *b = NULL;
	csm_answers *a = NULL;
	csm_questionnaire *q = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	qcache cache = {0};
	csm_image_format fmt;
	csm_radar radar;
	char *img = NULL, *end = NULL;
	size_t len = 0;
	double size = o->size ? strtod(o->size, &end) : 360;
	int rc, status;

	if (o->nfiles != 1)
		return usage_error("radar: give one answers file");
	if (!o->output || image_format(&fmt, o->output) != 0)
		return usage_error("radar: -o OUT.png, OUT.svg or OUT.pdf is required");
	if (o->size && (end == o->size || *end || !(size >= 72 && size <= 2000)))
		return usage_error("radar: --size takes points from 72 to 2000");
	if ((status = find_data_dir(o)) || (status = load_benchmark(&b, o)))
		goto cleanup;
	if ((status = load_answers_reported(&a, &q, &cache, o, o->files[0])))
		goto cleanup;
	if ((rc = csm_score_compute(&s, q, a, csm_benchmark_grading(b), o->allow_partial ? CSM_ALLOW_PARTIAL : 0)) ||
	    (rc = csm_analyze(&an, q, a, s, b)) || (csm_analysis_use_industries(an, o->industries), 0) ||
	    (rc = csm_radar_from_analysis(&radar, an, o->lang)) ||
	    (rc = csm_radar_image(&img, &len, &radar, fmt, size))) {
		status = lib_error(rc);
		goto cleanup;
	}
	status = write_bytes(o->output, img, len);
cleanup:
	csm_free(img);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	qcache_free(&cache);
	csm_benchmark_free(b);
	return status;
}

/* `dir/stem.pdf` for answers file `path`. */
static void pdf_name(char *dst, size_t size, const char *dir, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t stem;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	snprintf(dst, size, "%s/%.*s.pdf", dir, (int)stem, base);
}

/* A PDF output's name must not promise another format (karte -o x.png). */
static int check_pdf_name(const char *cmd, const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL, *dot;
	base = base ? base + 1 : path;
	dot = base ? strrchr(base, '.') : NULL;
	if (!dot || dot == base || strcasecmp(dot, ".pdf") == 0)
		return 0;
	return usage_error("%s: writes PDF only; -o %s names a %s file (use a name ending in .pdf)", cmd, path, dot + 1);
}

/* karte --outdir: one PDF per input, named after it; two inputs that would
 * get the same name, or a name that is an input, are refused before any work. */
static int check_outdir_names(const opts *o)
{
	char (*names)[PATH_MAX] = calloc((size_t)o->nfiles, sizeof *names);
	int i, j, status = 0;
	if (!names)
		return EXIT_FAIL;
	for (i = 0; i < o->nfiles && !status; i++) {
		pdf_name(names[i], sizeof names[i], o->outdir ? o->outdir : ".", o->files[i]);
		for (j = 0; j < i && !status; j++)
			if (strcmp(names[i], names[j]) == 0)
				status = usage_error("karte: %s and %s would both be written to %s; rename one, or run them "
				                     "separately with -o", o->files[j], o->files[i], names[i]);
		if (!status && out_check_not_input("--outdir", names[i], o->files, (size_t)o->nfiles))
			status = EXIT_USAGE;
	}
	free(names);
	return status;
}

/* What karte and portfolio render from: every answers file loaded, scored
 * and analyzed, the tips, and a karte maker with the font loaded once. */
typedef struct rendered_set {
	csm_benchmark *b;
	csm_tips *tips;
	csm_karte_maker *km;
	qcache cache;
	csm_answers **a;
	csm_score **s;
	csm_analysis **an;
	char *font;
	long long created; /* SOURCE_DATE_EPOCH, or now */
} rendered_set;

/* Fill `x` from the files of `o`. Every file is checked, and every problem
 * reported, before the caller writes anything; `*failed` counts the files
 * that failed. Returns 0 or an exit status; free `x` with
 * rendered_set_free() either way. */
static int rendered_set_load(rendered_set *x, int *failed, opts *o)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	int i, rc, status = 0;

	*failed = 0;
	x->created = (long long)time(NULL);
	if (epoch && epoch[0]) { /* reproducible builds: seconds since 1970, up to the year 9999 */
		unsigned long long t;
		if ((status = parse_count(&t, "SOURCE_DATE_EPOCH", epoch, 0, 253402300799ULL)))
			return status;
		x->created = (long long)t;
	}
	if ((status = find_data_dir(o)) || (status = load_benchmark(&x->b, o)))
		return status;
	if ((rc = csm_tips_open(&x->tips, o->data_dir)) || (!o->font && (rc = csm_font_find(&x->font, "IPAexGothic"))) ||
	    (rc = csm_karte_maker_new(&x->km, o->font ? o->font : x->font)))
		return lib_error(rc);
	x->a = calloc((size_t)o->nfiles, sizeof *x->a);
	x->s = calloc((size_t)o->nfiles, sizeof *x->s);
	x->an = calloc((size_t)o->nfiles, sizeof *x->an);
	if (!x->a || !x->s || !x->an)
		return EXIT_FAIL;
	for (i = 0; i < o->nfiles; i++) {
		csm_questionnaire *q = NULL;
		int st = load_answers_reported(&x->a[i], &q, &x->cache, o, o->files[i]);
		if (!st && ((rc = csm_score_compute(&x->s[i], q, x->a[i], csm_benchmark_grading(x->b),
		                                    o->allow_partial ? CSM_ALLOW_PARTIAL : 0)) ||
		            (rc = csm_analyze(&x->an[i], q, x->a[i], x->s[i], x->b))))
			st = lib_error(rc);
		else if (!st)
			csm_analysis_use_industries(x->an[i], o->industries);
		if (st) {
			if (st > status)
				status = st;
			(*failed)++;
		}
	}
	return status;
}

static void rendered_set_free(rendered_set *x, int n)
{
	int i;
	for (i = 0; i < n; i++) {
		if (x->an)
			csm_analysis_free(x->an[i]);
		if (x->s)
			csm_score_free(x->s[i]);
		if (x->a)
			csm_answers_free(x->a[i]);
	}
	free(x->an);
	free(x->s);
	free(x->a);
	csm_free(x->font);
	csm_karte_maker_free(x->km);
	qcache_free(&x->cache);
	csm_tips_free(x->tips);
	csm_benchmark_free(x->b);
}

static int cmd_karte(opts *o)
{
	rendered_set x = {0};
	csm_answers *prev_a = NULL;
	csm_score *prev_s = NULL;
	char *pdf = NULL, out[PATH_MAX];
	size_t len;
	int i, rc, status, failed;

	if (o->nfiles < 1)
		return usage_error("karte: give at least one answers file");
	if (o->nfiles > 1 && o->output)
		return usage_error("karte: -o names one PDF; for several files use --outdir DIR");
	if (o->nfiles > 1 && o->previous)
		return usage_error("karte: --previous compares one answers file");
	if ((status = check_pdf_name("karte", o->output)))
		return status;
	if (!o->output && (status = check_outdir_names(o)))
		return status;
	if ((status = rendered_set_load(&x, &failed, o))) {
		if (failed && o->nfiles > 1)
			fprintf(stderr, "%s: %d of %d files failed; nothing was written\n", prog, failed, o->nfiles);
		goto cleanup;
	}
	if (o->previous) { /* one file */
		if ((status = load_previous(&prev_a, &prev_s, &x.cache, o, x.b)))
			goto cleanup;
		if ((rc = csm_analysis_set_previous(x.an[0], prev_a, prev_s))) {
			status = lib_error(rc);
			goto cleanup;
		}
	}
	for (i = 0; i < o->nfiles && !status; i++) {
		if (o->output)
			snprintf(out, sizeof out, "%s", o->output);
		else
			pdf_name(out, sizeof out, o->outdir ? o->outdir : ".", o->files[i]);
		if ((rc = csm_karte_render(&pdf, &len, x.km, x.an[i], x.tips, o->lang, x.created)))
			status = lib_error(rc);
		else
			status = write_bytes(out, pdf, len);
		csm_free(pdf);
		pdf = NULL;
	}
cleanup:
	rendered_set_free(&x, o->nfiles);
	csm_score_free(prev_s);
	csm_answers_free(prev_a);
	return status;
}

static int cmd_trend(opts *o)
{
	csm_benchmark *b = NULL;
	csm_answers **a = NULL;
	csm_score **s = NULL;
	qcache cache = {0};
	char *text = NULL;
	int i, rc, status;

	if (o->nfiles < 1)
		return usage_error("trend: give the answers files of one organization (any order)");
	if ((status = find_data_dir(o)) || (status = load_benchmark(&b, o)))
		return status;
	a = calloc((size_t)o->nfiles, sizeof *a);
	s = calloc((size_t)o->nfiles, sizeof *s);
	if (!a || !s) {
		status = EXIT_FAIL;
		goto cleanup;
	}
	for (i = 0; i < o->nfiles; i++) {
		csm_questionnaire *q = NULL;
		if ((status = load_answers_reported(&a[i], &q, &cache, o, o->files[i])))
			goto cleanup;
		if ((rc = csm_score_compute(&s[i], q, a[i], csm_benchmark_grading(b), o->allow_partial ? CSM_ALLOW_PARTIAL : 0))) {
			status = lib_error(rc);
			goto cleanup;
		}
	}
	if ((rc = csm_render_trend(&text, (const csm_answers *const *)a, (const csm_score *const *)s, (size_t)o->nfiles,
	                           o->lang, o->json)))
		status = lib_error(rc);
	else
		status = write_text(o->output, text);
cleanup:
	for (i = 0; i < o->nfiles; i++) {
		if (s)
			csm_score_free(s[i]);
		if (a)
			csm_answers_free(a[i]);
	}
	free(s);
	free(a);
	csm_free(text);
	qcache_free(&cache);
	csm_benchmark_free(b);
	return status;
}

static int cmd_plan(opts *o)
{
	csm_benchmark *b = NULL;
	csm_tips *tips = NULL;
	csm_answers *a = NULL;
	csm_questionnaire *q = NULL;
	csm_plan *p = NULL;
	qcache cache = {0};
	char *text = NULL;
	csm_grade target = CSM_GRADE_NONE;
	char budget = 0;
	int rc, status;
	csm_plan_options popt = CSM_PLAN_OPTIONS_INIT;
	csm_score *s = NULL;
	csm_analysis *an = NULL;

	if (o->nfiles != 1)
		return usage_error("plan: give one answers file");
	if (o->target && strcmp(o->target, "A") && strcmp(o->target, "B") && strcmp(o->target, "C"))
		return usage_error("plan: --target is A, B or C");
	if (o->budget && strcmp(o->budget, "S") && strcmp(o->budget, "M") && strcmp(o->budget, "L"))
		return usage_error("plan: --budget is S, M or L");
	if (o->target)
		target = o->target[0] == 'A' ? CSM_GRADE_A : o->target[0] == 'B' ? CSM_GRADE_B : CSM_GRADE_C;
	if (o->budget)
		budget = o->budget[0];
	if ((status = find_data_dir(o)) || (status = load_benchmark(&b, o)))
		goto cleanup;
	if ((rc = csm_tips_open(&tips, o->data_dir))) {
		status = lib_error(rc);
		goto cleanup;
	}
	if ((status = load_answers_reported(&a, &q, &cache, o, o->files[0])))
		goto cleanup;
	popt.target = target;
	popt.budget = budget;
	/* start where the karte does: its hint 1 */
	if (!(rc = csm_score_compute(&s, q, a, csm_benchmark_grading(b), CSM_ALLOW_PARTIAL)) && csm_score_has_overall(s))
		rc = csm_analyze(&an, q, a, s, b);
	popt.start = an;
	if (rc || (rc = csm_plan_make(&p, q, a, csm_benchmark_grading(b), tips, &popt)) ||
	    (rc = csm_render_plan(&text, p, q, tips, o->lang, o->json)))
		status = lib_error(rc);
	else
		status = write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_plan_free(p);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	qcache_free(&cache);
	csm_tips_free(tips);
	csm_benchmark_free(b);
	return status;
}

static int cmd_whatif(opts *o)
{
	csm_benchmark *b = NULL;
	csm_answers *a = NULL;
	csm_questionnaire *q = NULL;
	csm_score *before = NULL, *after = NULL;
	qcache cache = {0};
	char *text = NULL;
	int i, rc, status;

	if (o->nfiles != 1 || o->nsets < 1)
		return usage_error("whatif: use 'csm whatif FILE --set ITEM=LEVEL [--set ...]'");
	if ((status = find_data_dir(o)) || (status = load_benchmark(&b, o)))
		goto cleanup;
	if ((status = load_answers_reported(&a, &q, &cache, o, o->files[0])))
		goto cleanup;
	if ((rc = csm_score_compute(&before, q, a, csm_benchmark_grading(b), o->allow_partial ? CSM_ALLOW_PARTIAL : 0))) {
		status = lib_error(rc);
		goto cleanup;
	}
	for (i = 0; i < o->nsets; i++) {
		const char *eq = strchr(o->sets[i], '=');
		char item[64];
		if (!eq || eq == o->sets[i] || (size_t)(eq - o->sets[i]) >= sizeof item) {
			status = usage_error("whatif: --set takes ITEM=LEVEL (LEVEL 1..5 or n/a), not '%s'", o->sets[i]);
			goto cleanup;
		}
		snprintf(item, sizeof item, "%.*s", (int)(eq - o->sets[i]), o->sets[i]);
		if (csm_questionnaire_item_find(q, item) < 0) {
			fprintf(stderr, "--set %s: no item %s in %s\n", o->sets[i], item, csm_questionnaire_id(q));
			status = EXIT_INPUT;
			goto cleanup;
		}
		rc = strcmp(eq + 1, "n/a") == 0 ? csm_answers_set(a, item, CSM_ANSWER_NA, 0)
		     : (eq[1] >= '1' && eq[1] <= '5' && !eq[2]) ? csm_answers_set(a, item, CSM_ANSWER_LEVEL, eq[1] - '0')
		                                                 : csm__usage_level;
		if (rc == csm__usage_level) {
			status = usage_error("whatif: --set %s: the level is 1..5 or n/a", o->sets[i]);
			goto cleanup;
		}
		if (rc) {
			status = lib_error(rc);
			goto cleanup;
		}
	}
	if ((rc = csm_score_compute(&after, q, a, csm_benchmark_grading(b), o->allow_partial ? CSM_ALLOW_PARTIAL : 0)) ||
	    (rc = csm_render_whatif(&text, before, after, o->lang, o->json)))
		status = lib_error(rc);
	else
		status = write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_score_free(before);
	csm_score_free(after);
	csm_answers_free(a);
	qcache_free(&cache);
	csm_benchmark_free(b);
	return status;
}

static int cmd_merge(opts *o)
{
	csm_answers **a = NULL;
	csm_questionnaire *q = NULL;
	qcache cache = {0};
	char *json = NULL;
	csm_merge_method method = CSM_MERGE_MEDIAN;
	int i, rc, status = 0;

	if (o->nfiles < 2)
		return usage_error("merge: give the answers files of two or more raters");
	if (o->method && strcmp(o->method, "median") && strcmp(o->method, "min") && strcmp(o->method, "mean"))
		return usage_error("merge: --method is median, min or mean");
	if (o->method)
		method = o->method[1] == 'i' ? CSM_MERGE_MIN : o->method[1] == 'e' ? CSM_MERGE_MEAN : CSM_MERGE_MEDIAN;
	if ((status = find_data_dir(o)))
		return status;
	if (!(a = calloc((size_t)o->nfiles, sizeof *a)))
		return EXIT_FAIL;
	for (i = 0; i < o->nfiles; i++) {
		csm_questionnaire *qi = NULL;
		if ((status = load_answers_reported(&a[i], &qi, &cache, o, o->files[i])))
			goto cleanup;
		if (q && qi != q) {
			fprintf(stderr, "%s: questionnaire: %s, but %s answers %s\n", o->files[i], csm_questionnaire_id(qi),
			        o->files[0], csm_questionnaire_id(q));
			status = EXIT_INPUT;
			goto cleanup;
		}
		q = qi;
	}
	if ((rc = csm_answers_merge(&json, (const csm_answers *const *)a, (size_t)o->nfiles, q, method)))
		status = lib_error(rc);
	else
		status = write_text(o->output, json);
cleanup:
	for (i = 0; i < o->nfiles; i++)
		csm_answers_free(a[i]);
	free(a);
	csm_free(json);
	qcache_free(&cache);
	return status;
}

static int cmd_portfolio(opts *o)
{
	rendered_set x = {0};
	char *pdf = NULL, *csv = NULL;
	out_sink sp = {.f = NULL, .fd = -1, .slot = -1}, sc = sp;
	csm_rollup rollup = CSM_ROLLUP_MEAN;
	size_t len;
	int rc, status, failed;

	if (o->nfiles < 1 || !o->output)
		return usage_error("portfolio: use 'csm portfolio FILE... -o portfolio.pdf [--csv table.csv]'");
	if (o->rollup && strcmp(o->rollup, "mean") && strcmp(o->rollup, "headcount") && strcmp(o->rollup, "revenue"))
		return usage_error("portfolio: --rollup is mean, headcount or revenue");
	if ((status = check_pdf_name("portfolio", o->output)))
		return status;
	if (o->rollup)
		rollup = o->rollup[0] == 'h' ? CSM_ROLLUP_HEADCOUNT : o->rollup[0] == 'r' ? CSM_ROLLUP_REVENUE : CSM_ROLLUP_MEAN;
	if ((status = rendered_set_load(&x, &failed, o))) {
		if (failed)
			fprintf(stderr, "%s: %d of %d files failed; nothing was written\n", prog, failed, o->nfiles);
		goto cleanup;
	}
	if ((rc = csm_portfolio_render(&pdf, &len, x.km, (const csm_analysis *const *)x.an, (size_t)o->nfiles, x.tips,
	                               o->lang, x.created, rollup)) ||
	    (o->csv && (rc = csm_portfolio_csv(&csv, (const csm_analysis *const *)x.an, (size_t)o->nfiles, rollup)))) {
		status = lib_error(rc);
		goto cleanup;
	}
	/* both files are made before either replaces what was there */
	if (!(status = out_open(&sp, o->output)) && (!o->csv || !(status = out_open(&sc, o->csv)))) {
		if (fwrite(pdf, 1, len, sp.f) != len || (o->csv && fputs(csv, sc.f) == EOF)) {
			fprintf(stderr, "%s: cannot write: %s\n", prog, strerror(errno));
			status = EXIT_FAIL;
		} else if (!(status = out_commit(&sp)) && o->csv)
			status = out_commit(&sc);
	}
cleanup:
	out_abort(&sp);
	out_abort(&sc);
	rendered_set_free(&x, o->nfiles);
	csm_free(pdf);
	csm_free(csv);
	return status;
}

static int cmd_validate(opts *o)
{
	qcache cache = {0};
	int i, rc, status = 0, bad = 0;

	if (o->nfiles < 1)
		return usage_error("validate: give at least one answers file");
	if ((status = find_data_dir(o)))
		return status;
	for (i = 0; i < o->nfiles; i++) {
		csm_answers *a = NULL;
		csm_questionnaire *q = NULL;
		int st = load_answers_reported(&a, &q, &cache, o, o->files[i]);
		if (!st && (rc = csm_answers_check(a, q, o->allow_partial ? CSM_ALLOW_PARTIAL : 0))) {
			st = lib_error(rc);
		} else if (!st) {
			char *w = NULL;
			if (csm_answers_warnings(&w, a, q) > 0)
				fprintf(stderr, "%s\n", w);
			csm_free(w);
		}
		if (st) {
			if (st > status)
				status = st;
			bad++;
		} else {
			printf("%s: ok (%s, %zu items)\n", o->files[i], csm_questionnaire_id(q),
			       csm_questionnaire_item_count(q));
		}
		csm_answers_free(a);
	}
	if (o->nfiles > 1)
		printf("%d of %d files valid\n", o->nfiles - bad, o->nfiles);
	qcache_free(&cache);
	return status;
}

/* The questionnaire named by --questionnaire (default csmg-v2), for commands
 * that take no files. Returns an exit status. */
static int open_questionnaire(csm_questionnaire **q, opts *o, const char *command)
{
	int rc, status;
	if (o->nfiles)
		return usage_error("%s: unexpected argument '%s'", command, o->files[0]);
	if ((status = find_data_dir(o)))
		return status;
	if ((rc = csm_questionnaire_open(q, o->data_dir, o->questionnaire ? o->questionnaire : "csmg-v2")))
		return lib_error(rc);
	return 0;
}

/* The answers a form starts from (--prefill): loaded and checked against
 * their questionnaire, unanswered items allowed. */
static int load_prefill(csm_answers **a, csm_questionnaire **q, qcache *cache, opts *o)
{
	int rc, status = load_answers_reported(a, q, cache, o, o->prefill);
	if (!status && (rc = csm_answers_check(*a, *q, CSM_ALLOW_PARTIAL)))
		status = lib_error(rc);
	return status;
}

static int cmd_template(opts *o)
{
	csm_questionnaire *q = NULL, *pq = NULL;
	csm_answers *pre = NULL;
	qcache cache = {0};
	csm_form_options fo;
	char *text = NULL;
	unsigned char *bin = NULL;
	size_t bin_len = 0;
	const char *fmt = o->format ? o->format : "json";
	int rc, status, form = strcmp(fmt, "html") == 0 || strcmp(fmt, "xlsx") == 0;

	if (!form && strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0)
		return usage_error("template: --format must be json, csv, html or xlsx");
	if (o->prefill && !form)
		return usage_error("template: --prefill goes with --format html or xlsx");
	if (strcmp(fmt, "xlsx") == 0 && (!o->output || strcmp(o->output, "-") == 0))
		return usage_error("template: --format xlsx writes a binary file: give -o FILE.xlsx");
	if (o->prefill) {
		/* The prefilled file names its questionnaire (--questionnaire must agree). */
		if (o->nfiles)
			return usage_error("template: unexpected argument '%s'", o->files[0]);
		if ((status = find_data_dir(o)) || (status = load_prefill(&pre, &pq, &cache, o)))
			goto cleanup;
		q = pq;
	} else if ((status = open_questionnaire(&q, o, "template"))) {
		return status;
	} else {
		pq = q;
	}
	memset(&fo, 0, sizeof fo);
	fo.lang = o->lang;
	fo.prefill = pre;
	fo.industries = o->industries;
	if (strcmp(fmt, "xlsx") == 0) {
		rc = csm_form_xlsx(&bin, &bin_len, q, &fo);
		status = rc ? lib_error(rc) : write_bytes(o->output, bin, bin_len);
		goto cleanup;
	}
	rc = strcmp(fmt, "html") == 0  ? csm_form_html(&text, q, &fo)
	     : strcmp(fmt, "csv") == 0 ? csm_template_csv(&text, q, o->lang)
	                               : csm_template_json(&text, q);
	status = rc ? lib_error(rc) : write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_free(bin);
	csm_answers_free(pre);
	if (o->prefill)
		qcache_free(&cache);
	else
		csm_questionnaire_free(pq);
	return status;
}

static int cmd_import(opts *o)
{
	size_t i, open_items = 0;
	char *json = NULL;
	csm_answers *a = NULL;
	csm_questionnaire *q = NULL;
	const char *qid;
	int rc, status;

	if (o->nfiles != 1)
		return usage_error("import: use 'csm import FILE.xlsx [-o OUT.json]'");
	if ((status = find_data_dir(o)))
		return status;
	/* The workbook becomes an answers document, which is then checked like
	 * any answers file: nothing is written unless it is valid. */
	if ((rc = csm_form_xlsx_load(&json, o->files[0], o->industries)) ||
	    (rc = csm_answers_parse(&a, json, strlen(json), o->files[0])) ||
	    (o->industries && (rc = csm_answers_check_industry(a, o->industries)))) {
		status = lib_error(rc);
		goto cleanup;
	}
	qid = csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE);
	if ((rc = csm_questionnaire_open(&q, o->data_dir, qid ? qid : "csmg-v2")) ||
	    (rc = csm_answers_check(a, q, CSM_ALLOW_PARTIAL))) {
		status = lib_error(rc);
		goto cleanup;
	}
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		open_items += csm_answers_get(a, csm_item_id(q, i), NULL) < CSM_ANSWER_NA;
	if (open_items)
		fprintf(stderr, "%s: %zu of %zu items not answered yet (score with --allow-partial, or fill them in)\n",
		        o->files[0], open_items, csm_questionnaire_item_count(q));
	status = write_text(o->output, json);
cleanup:
	csm_questionnaire_free(q);
	csm_answers_free(a);
	csm_free(json);
	return status;
}

static int cmd_questions(opts *o)
{
	csm_questionnaire *q = NULL;
	csm_tips *tips = NULL;
	char *text = NULL;
	int rc, status;
	int md = o->format && strcmp(o->format, "md") == 0;
	if (o->format && !md && strcmp(o->format, "text") != 0)
		return usage_error("questions: --format must be text or md");
	if ((status = open_questionnaire(&q, o, "questions")))
		return status;
	if (md && (rc = csm_tips_open(&tips, o->data_dir))) {
		csm_questionnaire_free(q);
		return lib_error(rc);
	}
	rc = md ? csm_render_questions_md(&text, q, tips, o->lang) : csm_render_questions(&text, q, o->lang);
	csm_tips_free(tips);
	status = rc ? lib_error(rc) : write_text(o->output, text);
	csm_free(text);
	csm_questionnaire_free(q);
	return status;
}

static int cmd_tips(opts *o)
{
	csm_tips *tips = NULL;
	char *text = NULL;
	int i, rc, status;
	if ((status = find_data_dir(o)))
		return status;
	if ((rc = csm_tips_open(&tips, o->data_dir)))
		return lib_error(rc);
	if (o->nfiles == 0) { /* the list */
		size_t k;
		for (k = 0; k < csm_tips_count(tips); k++)
			printf("%-6s %s\n", csm_tip_id(tips, k), csm_tip_title(tips, csm_tip_id(tips, k), o->lang));
	}
	for (i = 0; i < o->nfiles && !status; i++) {
		if ((rc = csm_render_tip(&text, tips, o->files[i], o->lang)))
			status = lib_error(rc);
		else
			printf("%s%s", i ? "\n" : "", text);
		csm_free(text);
		text = NULL;
	}
	csm_tips_free(tips);
	return status;
}

static int cmd_industries(opts *o)
{
	size_t i;
	int status;
	if (o->nfiles)
		return usage_error("industries: unexpected argument '%s'", o->files[0]);
	if ((status = find_data_dir(o)))
		return status;
	if (!o->industries) {
		fprintf(stderr, "%s: the data directory has no questions/industries.json\n", o->data_dir);
		return EXIT_INPUT;
	}
	for (i = 0; i < csm_industries_count(o->industries); i++) {
		const char *id = csm_industry_id(o->industries, i);
		printf("%-16s %s\n", id, csm_industry_label(o->industries, id, o->lang));
	}
	return 0;
}

static int cmd_convert(opts *o)
{
	csm_answers *a = NULL;
	csm_questionnaire *from = NULL, *to = NULL;
	qcache cache = {0};
	char *json = NULL;
	int rc, status;
	if (o->nfiles != 1 || !o->to)
		return usage_error("convert: use 'csm convert FILE --to QUESTIONNAIRE [-o OUT]'");
	if ((status = find_data_dir(o)))
		return status;
	if (!(status = load_answers_reported(&a, &from, &cache, o, o->files[0]))) {
		if ((rc = csm_questionnaire_open(&to, o->data_dir, o->to)) ||
		    (rc = csm_answers_convert(&json, a, o->data_dir, from, to)))
			status = lib_error(rc);
		else
			status = write_text(o->output, json);
	}
	csm_free(json);
	csm_questionnaire_free(to);
	csm_answers_free(a);
	qcache_free(&cache);
	return status;
}

static int parse_threshold(double *out, const char *s, const char *what)
{
	char *end;
	errno = 0;
	*out = s ? strtod(s, &end) : 0;
	if (!s || end == s || *end || errno)
		return usage_error("bench build-from-tsv: %s needs a number", what);
	return 0;
}

/* Grading of the run: --grade-a/--grade-b, else the default benchmark's. */
static int run_grading(csm_grading *g, opts *o)
{
	csm_benchmark *b = NULL;
	int status;
	if (o->grade_a || o->grade_b) {
		if ((status = parse_threshold(&g->a, o->grade_a ? o->grade_a : "3.75", "--grade-a")) ||
		    (status = parse_threshold(&g->b, o->grade_b ? o->grade_b : "2.67", "--grade-b")))
			return status;
		return 0;
	}
	if ((status = load_benchmark(&b, o)))
		return status;
	*g = *csm_benchmark_grading(b);
	csm_benchmark_free(b);
	return 0;
}

/* One line of a JSON Lines input, read with a bound: a line holds at most
 * CSM_MAX_FILE_BYTES (one answers file) with its newline; the rest of a
 * longer one is read past without being kept, so memory stays bounded
 * whatever the input. The one reader of db ingest and bench aggregate. */
#define READ_AHEAD 65536

typedef struct line_reader {
	FILE *f;
	char *buf; /* the line */
	size_t cap, pos, end;
	char in[READ_AHEAD]; /* read ahead of it: in[pos..end) */
} line_reader;

/* The next line into r->buf (NUL-terminated, newline kept) and its length
 * into *len. Returns the bytes it took from the stream, 0 at the end (or on
 * a read error: see ferror). *too_long: the line was longer than the bound
 * (or no memory could be had for it); it is not kept. */
static long long read_line(line_reader *r, size_t *len, int *too_long)
{
	long long used = 0;
	size_t n = 0;
	*too_long = 0;
	*len = 0;
	for (;;) {
		const char *start, *nl;
		size_t take, keep;
		if (r->pos == r->end) {
			r->pos = 0;
			if (!(r->end = fread(r->in, 1, READ_AHEAD, r->f)))
				break;
		}
		start = r->in + r->pos;
		nl = memchr(start, '\n', r->end - r->pos);
		take = nl ? (size_t)(nl - start) + 1 : r->end - r->pos;
		keep = *too_long ? 0 : take;
		if (n + keep > CSM_MAX_FILE_BYTES) {
			*too_long = 1;
			keep = 0;
		}
		if (keep && n + keep + 1 > r->cap) {
			size_t cap = r->cap ? r->cap : READ_AHEAD;
			char *t;
			while (cap < n + keep + 1)
				cap *= 2;
			if (cap > CSM_MAX_FILE_BYTES + 2u)
				cap = CSM_MAX_FILE_BYTES + 2u;
			if (!(t = realloc(r->buf, cap))) {
				*too_long = 1;
				keep = 0;
			} else {
				r->buf = t;
				r->cap = cap;
			}
		}
		if (keep) {
			memcpy(r->buf + n, start, keep);
			n += keep;
		}
		r->pos += take;
		used += (long long)take;
		if (nl)
			break;
	}
	if (*too_long || !r->buf)
		n = 0;
	else
		r->buf[n] = '\0';
	*len = n;
	return used;
}

/* JSON Lines into aggregators. A regular file is cut at line boundaries
 * into one part per worker; each part is aggregated apart and the parts are
 * merged (exactly: histograms add). Invalid lines are reported as FILE:LINE
 * and skipped, or, with --strict, end the run. */
#define MAX_LINE_REPORTS 100

typedef struct line_error {
	unsigned long long line; /* within the part */
	char *msg;               /* without the "FILE:LINE" prefix */
} line_error;

typedef struct agg_part {
	const opts *o;
	const csm_questionnaire *q;
	const csm_aggregate_options *ao;
	const char *path;
	long long start, end; /* byte range: lines that start in it */
	csm_aggregator *ag;
	unsigned long long lines, skipped;
	line_error err[MAX_LINE_REPORTS];
	size_t nerr;
	int status;
	atomic_int *stop;
} agg_part;

static void part_error(agg_part *p, unsigned long long line, const char *msg)
{
	p->skipped++;
	if (p->nerr < MAX_LINE_REPORTS && (p->err[p->nerr].msg = strdup(msg))) {
		p->err[p->nerr].line = line;
		p->nerr++;
	}
	if (p->o->strict) {
		p->status = EXIT_INPUT;
		atomic_store(p->stop, 1);
	}
}

static void *aggregate_part(void *arg)
{
	agg_part *p = arg;
	FILE *f = strcmp(p->path, "-") == 0 ? stdin : fopen(p->path, "rb");
	char name[64], msg[1024];
	line_reader lr = {f, NULL, 0, 0, 0, ""};
	size_t n;
	long long pos = p->start, used;
	int rc, too_long;

	if (!f) {
		snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
		part_error(p, 0, msg);
		p->status = EXIT_INPUT;
		return NULL;
	}
	if (f != stdin && fseeko(f, (off_t)p->start, SEEK_SET) != 0) {
		p->status = EXIT_FAIL;
		fclose(f);
		return NULL;
	}
	while ((p->end < 0 || pos < p->end) && !atomic_load(p->stop) && (used = read_line(&lr, &n, &too_long)) > 0) {
		csm_answers *a = NULL;
		const char *qid;
		const char *line = lr.buf;
		pos += used;
		p->lines++;
		/* messages are made with a short stand-in name, replaced when printed */
		snprintf(name, sizeof name, "@");
		if (too_long) {
			snprintf(msg, sizeof msg, "@: line is too long (more than %u bytes); skipped", CSM_MAX_FILE_BYTES);
			part_error(p, p->lines, msg);
			continue;
		}
		if (strspn(line, " \t\r\n") == n)
			continue;
		rc = csm_answers_parse(&a, line, n, name);
		if (!rc && (qid = csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE)) &&
		    strcmp(qid, csm_questionnaire_id(p->q)) != 0) {
			snprintf(msg, sizeof msg, "@: questionnaire: \"%s\", but this run aggregates %s", qid,
			         csm_questionnaire_id(p->q));
			part_error(p, p->lines, msg);
		} else if (!rc) {
			rc = csm_aggregator_add(p->ag, a, p->o->allow_partial ? CSM_ALLOW_PARTIAL : 0);
			if (rc < 0)
				part_error(p, p->lines, csm_error_last());
		} else {
			part_error(p, p->lines, csm_error_last());
		}
		csm_answers_free(a);
	}
	if (ferror(f))
		p->status = EXIT_INPUT;
	free(lr.buf);
	if (f != stdin)
		fclose(f);
	return NULL;
}

/* Newlines in the first `end` bytes of `path` (for line numbers of a part). */
static unsigned long long lines_before(const char *path, long long end)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	unsigned long long count = 0;
	long long done = 0;
	size_t n;
	if (!f)
		return 0;
	while (done < end && (n = fread(buf, 1, (size_t)(end - done < (long long)sizeof buf ? end - done : (long long)sizeof buf), f)) > 0) {
		char *c = buf, *e = buf + n;
		while ((c = memchr(c, '\n', (size_t)(e - c)))) {
			count++;
			c++;
		}
		done += (long long)n;
	}
	fclose(f);
	return count;
}

/* Print a part's message with its stand-in name replaced by FILE:LINE. */
static void print_line_error(const char *path, unsigned long long line, const char *msg)
{
	const char *s = msg;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (s[0] == '@')
			fprintf(stderr, "%s:%llu%.*s\n", path, line, (int)(len - 1), s + 1);
		else
			fprintf(stderr, "%.*s\n", (int)len, s);
		s += len + (nl ? 1 : 0);
	}
}

static int aggregate_file(csm_aggregator *ag, const csm_questionnaire *q, const csm_aggregate_options *ao,
                          const opts *o, const char *path, unsigned long long *skipped, unsigned *reported)
{
	agg_part parts[16];
	pthread_t threads[16];
	struct stat st;
	atomic_int stop;
	int nparts = 1, i, status = 0, rc;
	long long size = 0;

	atomic_init(&stop, 0);
	if (strcmp(path, "-") != 0) {
		if (stat(path, &st) != 0) {
			fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
			return EXIT_INPUT;
		}
		if (S_ISDIR(st.st_mode)) {
			fprintf(stderr, "%s: is a directory, not a file\n", path);
			return EXIT_INPUT;
		}
		if (S_ISREG(st.st_mode) && st.st_size > (1 << 22)) {
			size = (long long)st.st_size;
			nparts = worker_count(16 * 8, o->jobs);
		}
	}
	memset(parts, 0, sizeof parts);
	for (i = 0; i < nparts; i++) {
		agg_part *p = &parts[i];
		p->o = o;
		p->q = q;
		p->ao = ao;
		p->path = path;
		p->stop = &stop;
		p->end = -1;
		if ((rc = csm_aggregator_new(&p->ag, q, ao))) {
			status = lib_error(rc);
			goto cleanup;
		}
	}
	/* Part boundaries: the start of the first line at or after i * size / n. */
	for (i = 1; i < nparts; i++) {
		FILE *f = fopen(path, "rb");
		long long at = size * i / nparts;
		int c = 0;
		if (!f || fseeko(f, (off_t)(at - 1), SEEK_SET) != 0) {
			if (f)
				fclose(f);
			fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
			status = EXIT_INPUT;
			goto cleanup;
		}
		while (at < size && (c = fgetc(f)) != EOF && c != '\n')
			at++;
		fclose(f);
		parts[i].start = at < parts[i - 1].start ? parts[i - 1].start : at;
		parts[i - 1].end = parts[i].start;
	}
	for (i = 1; i < nparts; i++)
		if (pthread_create(&threads[i], NULL, aggregate_part, &parts[i]) != 0) {
			aggregate_part(&parts[i]); /* no thread: do it here */
			threads[i] = 0;
		}
	aggregate_part(&parts[0]);
	for (i = 1; i < nparts; i++)
		if (threads[i])
			pthread_join(threads[i], NULL);
	for (i = 0; i < nparts; i++) {
		agg_part *p = &parts[i];
		unsigned long long base = 0;
		size_t k;
		if (p->nerr && i > 0)
			base = lines_before(path, p->start);
		for (k = 0; k < p->nerr; k++)
			if ((*reported)++ < MAX_LINE_REPORTS)
				print_line_error(path, base + p->err[k].line, p->err[k].msg);
		*skipped += p->skipped;
		if (p->status > status)
			status = p->status;
		if (!status && (rc = csm_aggregator_merge(ag, p->ag)))
			status = lib_error(rc);
	}
cleanup:
	for (i = 0; i < nparts; i++) {
		size_t k;
		for (k = 0; k < parts[i].nerr; k++)
			free(parts[i].err[k].msg);
		csm_aggregator_free(parts[i].ag);
	}
	return status;
}

static int cmd_aggregate(opts *o)
{
	csm_aggregate_options ao;
	csm_aggregator *ag = NULL;
	csm_questionnaire *q = NULL;
	char *json = NULL;
	unsigned long long skipped = 0;
	unsigned reported = 0;
	int i, rc, status;

	memset(&ao, 0, sizeof ao);
	if (o->nfiles < 2)
		return usage_error("bench aggregate: give JSON Lines files ('-' for standard input)");
	if ((status = parse_min_group(&ao.min_group, o->min_group)))
		return status;
	ao.year = o->year;
	ao.name = o->name;
	ao.source = o->source;
	if ((status = find_data_dir(o)) || (status = run_grading(&ao.grading, o)))
		return status;
	if ((rc = csm_questionnaire_open(&q, o->data_dir, o->questionnaire ? o->questionnaire : "csmg-v2")) ||
	    (rc = csm_aggregator_new(&ag, q, &ao))) {
		status = lib_error(rc);
		goto cleanup;
	}
	for (i = 1; i < o->nfiles && !status; i++)
		status = aggregate_file(ag, q, &ao, o, o->files[i], &skipped, &reported);
	if (reported > MAX_LINE_REPORTS)
		fprintf(stderr, "%s: ... %u more invalid lines not shown\n", prog, reported - MAX_LINE_REPORTS);
	if (status) {
		fprintf(stderr, "%s: stopped at an invalid line (--strict); nothing was written\n", prog);
		goto cleanup;
	}
	if (skipped)
		fprintf(stderr, "%s: %llu invalid lines skipped (see above); %llu assessments aggregated\n", prog, skipped,
		        csm_aggregator_count(ag));
	if ((rc = csm_aggregator_export(&json, ag))) {
		status = lib_error(rc);
	} else {
		status = write_bytes(o->output, json, strlen(json));
		/* the output says so too: "release":{"history":"none"} */
		if (!status)
			fprintf(stderr, "%s: note: bench aggregate keeps no history: two outputs over overlapping inputs can be\n"
			                "subtracted to recover an organization; publish with 'csm db export' for that protection\n",
			        prog);
	}
cleanup:
	csm_free(json);
	csm_aggregator_free(ag);
	csm_questionnaire_free(q);
	return status;
}

/* ---- the benchmark database ---- */

/* The pseudonymization key from --key-file: 32..4096 bytes, not one byte
 * repeated (a guessable key makes the pseudonyms reversible by trying
 * names). A key others can read is used, with a warning. */
static int read_key(unsigned char *key, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t n, i;
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		fprintf(stderr, "%s: not a regular file\n", path);
		return EXIT_INPUT;
	}
	n = fread(key, 1, 4097, f);
	fclose(f);
	if (n < 32 || n > 4096) {
		fprintf(stderr,
		        "%s: a key file holds 32 to 4096 bytes, this one %zu%s (make one with: head -c 32 /dev/urandom > key)\n",
		        path, n > 4096 ? (size_t)4096 : n, n > 4096 ? "+" : "");
		return EXIT_INPUT;
	}
	for (i = 1; i < n && key[i] == key[0]; i++)
		;
	if (i == n) {
		fprintf(stderr, "%s: the key is one byte repeated; use random bytes (head -c 32 /dev/urandom > key)\n", path);
		return EXIT_INPUT;
	}
	if (st.st_mode & 077)
		fprintf(stderr, "%s: warning: the key file can be read by %s; chmod 600 %s\n", path,
		        st.st_mode & 007 ? "others" : "its group", path);
	*len = n;
	return 0;
}

static int is_jsonl(const char *path)
{
	size_t n = strlen(path);
	return strcmp(path, "-") == 0 || (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
	       (n > 7 && strcmp(path + n - 7, ".ndjson") == 0);
}

typedef struct ingest_state {
	csm_db *db;
	opts *o;
	csm_db_options dbo;
	qcache cache;
	unsigned long long stored, skipped, in_batch;
	int failed; /* with --strict: stop */
} ingest_state;

/* Store one parsed assessment; invalid ones are reported and skipped. */
static int ingest_one(ingest_state *st, csm_answers *a)
{
	csm_questionnaire *q = NULL;
	const char *qid;
	int rc;
	if (st->o->industries && (rc = csm_answers_check_industry(a, st->o->industries)))
		goto bad;
	if ((st->o->questionnaire && (rc = csm_answers_field_set(a, CSM_FIELD_QUESTIONNAIRE, st->o->questionnaire))))
		goto bad;
	qid = csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE);
	if ((rc = get_questionnaire(&q, &st->cache, st->o->data_dir, qid ? qid : "csmg-v2")))
		goto bad;
	if ((rc = csm_db_store(st->db, a, q, &st->dbo))) {
		if (rc == CSM_EIO || rc == CSM_ENOMEM)
			return lib_error(rc); /* the database failed: stop */
		goto bad;
	}
	st->stored++;
	st->in_batch++;
	return 0;
bad:
	fprintf(stderr, "%s\n", csm_error_last());
	st->skipped++;
	if (st->o->strict)
		st->failed = 1;
	return 0;
}

static int ingest_commit(ingest_state *st)
{
	int rc;
	if (st->o->strict) /* one transaction for the whole run */
		return 0;
	if ((rc = csm_db_commit(st->db)))
		return lib_error(rc);
	st->in_batch = 0;
	return 0;
}

static int ingest_jsonl(ingest_state *st, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char name[PATH_MAX + 32];
	line_reader lr = {f, NULL, 0, 0, 0, ""};
	size_t n;
	unsigned long long lineno = 0;
	int status = 0, rc, too_long;
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	while (!status && !st->failed && read_line(&lr, &n, &too_long) > 0) {
		csm_answers *a = NULL;
		const char *line = lr.buf;
		lineno++;
		if (too_long) {
			fprintf(stderr, "%s:%llu: line is too long (more than %u bytes); skipped\n", path, lineno,
			        CSM_MAX_FILE_BYTES);
			st->skipped++;
			st->failed = st->o->strict;
			continue;
		}
		if (strspn(line, " \t\r\n") == n)
			continue;
		snprintf(name, sizeof name, "%s:%llu", path, lineno);
		if ((rc = csm_answers_parse(&a, line, n, name))) {
			fprintf(stderr, "%s\n", csm_error_last());
			st->skipped++;
			st->failed = st->o->strict;
			continue;
		}
		status = ingest_one(st, a);
		csm_answers_free(a);
		/* whole assessments in transactions of up to 1000 */
		if (!status && st->in_batch >= 1000)
			status = ingest_commit(st);
	}
	if (!status && ferror(f)) {
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
		status = EXIT_INPUT;
	}
	free(lr.buf);
	if (f != stdin)
		fclose(f);
	return status;
}

static int cmd_db(opts *o)
{
	const char *sub = o->nfiles ? o->files[0] : "";
	unsigned char key[4097];
	size_t key_len = 0;
	csm_db *db = NULL;
	char *text = NULL, *shown = NULL;
	unsigned long long wait_s = 60;
	int rc, status = 0, i, created = 0;

	if (!o->db)
		return usage_error("db: --db PATH|postgresql://URL is required");
	if (o->busy_timeout && (status = parse_count(&wait_s, "--busy-timeout", o->busy_timeout, 0, 86400)))
		return status;
	if (strcmp(sub, "init") && strcmp(sub, "ingest") && strcmp(sub, "list") && strcmp(sub, "remove") &&
	    strcmp(sub, "export"))
		return usage_error("db: use init, ingest, list, remove or export");
	if (o->pseudonymize && !o->key_file)
		return usage_error("db: --pseudonymize needs --key-file FILE");
	if (o->key_file && (status = read_key(key, &key_len, o->key_file)))
		return status;
	if ((status = find_data_dir(o)))
		return status;
	if (strcmp(sub, "init") != 0 && strncmp(o->db, "postgresql://", 13) != 0 && strncmp(o->db, "postgres://", 11) != 0) {
		struct stat st;
		if (stat(o->db, &st) != 0) { /* don't create an empty file for a mistyped path */
			fprintf(stderr, "%s: no such database; run 'csm db init --db %s' first\n", o->db, o->db);
			return EXIT_INPUT;
		}
	}
	if ((rc = csm_db_mask(&shown, o->db)))
		return lib_error(rc);
	if ((rc = csm_db_open(&db, o->db)) || (rc = csm_db_set_busy_timeout(db, (unsigned)wait_s * 1000u)) ||
	    (strcmp(sub, "init") != 0 && (rc = csm_db_check(db)))) {
		csm_db_close(db);
		csm_free(shown);
		return lib_error(rc);
	}
	if (strcmp(sub, "init") == 0) {
		if ((rc = csm_db_init(db, &created)))
			status = lib_error(rc);
		else
			fprintf(stderr, "%s: %s\n", shown,
			        created == 1   ? "schema created"
			        : created == 2 ? "schema migrated (brought up to date)"
			                       : "schema is current");
	} else if (strcmp(sub, "ingest") == 0) {
		ingest_state st;
		memset(&st, 0, sizeof st);
		st.db = db;
		st.o = o;
		st.dbo.key = key_len ? key : NULL;
		st.dbo.key_len = key_len;
		st.dbo.submitter = o->submitter;
		st.dbo.allow_partial = o->allow_partial;
		if (o->nfiles < 2)
			status = usage_error("db ingest: give answers files (JSON, CSV, or JSON Lines .jsonl)");
		for (i = 1; i < o->nfiles && !status && !st.failed; i++) {
			if (is_jsonl(o->files[i])) {
				status = ingest_jsonl(&st, o->files[i]);
			} else {
				csm_answers *a = NULL;
				if ((rc = csm_answers_load(&a, o->files[i]))) {
					fprintf(stderr, "%s\n", csm_error_last());
					st.skipped++;
					st.failed = o->strict;
				} else {
					status = ingest_one(&st, a);
				}
				csm_answers_free(a);
			}
			/* each file whole or not at all */
			if (!status && !st.failed)
				status = ingest_commit(&st);
		}
		if (!status && !st.failed && o->strict && (rc = csm_db_commit(db)))
			status = lib_error(rc);
		if (st.failed || status) {
			csm_db_rollback(db);
			if (st.failed) {
				fprintf(stderr, "%s: stopped at an invalid assessment (--strict); nothing was stored\n", prog);
				status = EXIT_INPUT;
			} else if (status == EXIT_FAIL) { /* the database failed: what is kept, and that a rerun is safe */
				fprintf(stderr,
				        "%s: %llu assessments were stored before this; run the same ingest again to store the rest\n"
				        "(an organization and date stored again is replaced, not doubled)\n",
				        prog, o->strict ? 0 : st.stored - st.in_batch);
			}
		} else {
			fprintf(stderr, "%s: %llu assessments stored%s", prog, st.stored, st.skipped ? "" : "\n");
			if (st.skipped)
				fprintf(stderr, ", %llu invalid skipped (see above)\n", st.skipped);
			if (st.skipped && !st.stored) /* nothing of the input was usable */
				status = EXIT_INPUT;
		}
		qcache_free(&st.cache);
	} else if (strcmp(sub, "list") == 0) {
		if ((rc = csm_db_list(&text, db)))
			status = lib_error(rc);
		else
			status = write_text(o->output, text);
	} else if (strcmp(sub, "remove") == 0) {
		csm_db_options dbo = {key_len ? key : NULL, key_len, NULL, 0};
		long long removed = 0;
		if (o->nfiles < 2 || o->nfiles > 3)
			status = usage_error("db remove: give the organization's name, and optionally a date");
		else if ((rc = csm_db_remove(db, o->files[1], o->nfiles == 3 ? o->files[2] : NULL, &dbo, &removed)))
			status = lib_error(rc);
		else
			fprintf(stderr, "%s: %lld assessments removed\n", prog, removed);
	} else {
		csm_aggregate_options ao;
		csm_questionnaire *q = NULL;
		memset(&ao, 0, sizeof ao);
		ao.year = o->year;
		ao.name = o->name ? o->name : "csm benchmark database export";
		ao.source = o->source;
		if (!(status = parse_min_group(&ao.min_group, o->min_group)) && !(status = run_grading(&ao.grading, o))) {
			/* The release is logged before the file is written: a failed
			 * write leaves a logged release that was never seen, which only
			 * makes later exports more careful. */
			if ((rc = csm_questionnaire_open(&q, o->data_dir, o->questionnaire ? o->questionnaire : "csmg-v2")) ||
			    (rc = csm_db_export(&text, db, q, &ao)))
				status = lib_error(rc);
			else
				status = write_bytes(o->output, text, strlen(text));
		}
		csm_questionnaire_free(q);
	}
	csm_free(text);
	csm_free(shown);
	csm_db_close(db);
	return status;
}

static int cmd_bench(opts *o)
{
	csm_benchmark_meta meta;
	char *tsv = NULL, *json = NULL;
	size_t len = 0, cap = 0;
	FILE *f;
	int rc, status = 0;

	if (o->nfiles >= 1 && strcmp(o->files[0], "aggregate") == 0)
		return cmd_aggregate(o);
	if (o->nfiles != 2 || strcmp(o->files[0], "build-from-tsv") != 0)
		return usage_error("bench: use 'csm bench build-from-tsv FILE.tsv ...' or 'csm bench aggregate FILE.jsonl ...'");
	if (!o->name)
		return usage_error("bench build-from-tsv: --name is required");
	memset(&meta, 0, sizeof meta);
	meta.name = o->name;
	meta.source = o->source;
	meta.date = o->date;
	meta.questionnaire = o->questionnaire ? o->questionnaire : "csmg-v2";
	if ((status = parse_threshold(&meta.grading.a, o->grade_a ? o->grade_a : "3.75", "--grade-a")) ||
	    (status = parse_threshold(&meta.grading.b, o->grade_b ? o->grade_b : "2.67", "--grade-b")))
		return status;
	if (!(f = fopen(o->files[1], "rb"))) {
		fprintf(stderr, "%s: cannot open: %s\n", o->files[1], strerror(errno));
		return EXIT_INPUT;
	}
	for (;;) {
		size_t r;
		if (len + 4096 > cap) {
			char *t;
			cap = cap ? cap * 2 : 65536;
			if (cap > CSM_MAX_FILE_BYTES * 2u || !(t = realloc(tsv, cap))) {
				fprintf(stderr, "%s: file is too large\n", o->files[1]);
				status = EXIT_INPUT;
				goto cleanup;
			}
			tsv = t;
		}
		r = fread(tsv + len, 1, cap - len, f);
		len += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: cannot read: %s\n", o->files[1], strerror(errno));
		status = EXIT_INPUT;
		goto cleanup;
	}
	if ((rc = csm_benchmark_from_tsv(&json, tsv ? tsv : "", len, o->files[1], &meta))) {
		status = lib_error(rc);
		goto cleanup;
	}
	status = write_text(o->output, json);
cleanup:
	fclose(f);
	free(tsv);
	csm_free(json);
	return status;
}

/* ---- help -------------------------------------------------------------- */

static const struct {
	const char *name, *summary, *usage;
} commands[] = {
    {"score", "score answers files: grade, comparison, hints, plan",
     "csm score FILE... [--json] [--lang ja|en] [--benchmark B.json] [--allow-partial]\n"
     "          [--questionnaire ID] [--industry ID] [--org NAME] [-o OUT] [--jobs N]\n"
     "          [--data-dir DIR] [--weights W1,...,W10] [--previous OLD.json]\n\n"
     "Scores each answers file (csm-answers/1 JSON, or CSV item,level[,evidence,note]),\n"
     "grades it with the benchmark's thresholds and compares it with the benchmark\n"
     "(default: the shipped 2020 trial benchmark). Text by default; with --json one\n"
     "csm-score/1 document per line. --questionnaire, --industry and --org fill in\n"
     "what a CSV file cannot say. If any file is invalid, every problem is reported\n"
     "and nothing is written (exit 2). Files are scored on one thread per core\n"
     "(--jobs N to choose); the output keeps the order of the files."},
    {"karte", "write the karte (PDF report) of answers files",
     "csm karte FILE... [-o OUT.pdf | --outdir DIR] [--lang ja|en] [--benchmark B.json]\n"
     "          [--font FILE.ttf] [--allow-partial] [--questionnaire ID] [--industry ID]\n"
     "          [--org NAME] [--data-dir DIR] [--weights W1,...,W10] [--previous OLD.json]\n\n"
     "One A4 PDF per answers file: header and grade, radar chart, the table of\n"
     "directive scores against the benchmark groups with the gap to the target,\n"
     "the lists of directives behind, hints with tips, and the benchmark in the\n"
     "footer. --previous OLD.json adds the change since then (table, radar, items).\n"
     "One file: -o OUT.pdf (default: its name with .pdf, here). Several:\n"
     "each as NAME.pdf in --outdir (default: here). The font is IPAexGothic\n"
     "(fonts-ipaexfont), found with fontconfig, or --font. If any file is\n"
     "invalid, no PDF is written. SOURCE_DATE_EPOCH sets the creation date."},
    {"radar", "draw the radar chart of an answers file (PNG, SVG or PDF)",
     "csm radar FILE -o OUT.png|OUT.svg|OUT.pdf [--lang ja|en] [--benchmark B.json] [--size PT]\n"
     "          [--allow-partial] [--questionnaire ID] [--industry ID] [--data-dir DIR]\n\n"
     "Ten axes (directives), scale 0..5: the organization (solid), its industry's\n"
     "average where the benchmark has it (dashed) and the target grade's average\n"
     "(dotted). --size is the side in points (default 360); PNG is 300 dpi."},
    {"validate", "check answers files without scoring",
     "csm validate FILE... [--allow-partial] [--questionnaire ID] [--data-dir DIR]\n\n"
     "Checks each file against its questionnaire and reports every problem as\n"
     "'file: where: what'. Exit 0 if all are valid, 2 otherwise."},
    {"template", "write a blank answers file, or an offline form (HTML, Excel) to fill in",
     "csm template [--questionnaire ID] [--format json|csv|html|xlsx] [--lang ja|en]\n"
     "             [--prefill ANSWERS] [-o FILE]\n\n"
     "Every item of the questionnaire is present with an empty level. The CSV form\n"
     "carries the question text (in --lang) and a UTF-8 BOM for spreadsheet programs.\n"
     "--format html writes one self-contained page to fill in in a browser, offline:\n"
     "it keeps what is typed, checks it and saves a csm-answers/1 file. --format xlsx\n"
     "writes an Excel workbook (needs -o) that 'csm import' reads back. --prefill\n"
     "starts either form from an answers file (its questionnaire is used)."},
    {"import", "read a filled-in workbook (from 'csm template --format xlsx') back into answers",
     "csm import FILE.xlsx [-o OUT.json] [--data-dir DIR]\n\n"
     "Writes a csm-answers/1 file. Cells that do not hold a valid value are reported\n"
     "as 'file: sheet!cell (item X): what' and nothing is written. Items still empty\n"
     "are noted on stderr; such a file scores with --allow-partial."},
    {"questions", "print the questionnaire (text, or a Markdown document)",
     "csm questions [--questionnaire ID] [--lang ja|en] [--format text|md] [-o FILE]\n\n"
     "--format md writes a document for people to read or print: how to answer,\n"
     "the gate questions, and per item its intent, what each level looks like,\n"
     "how to find the answer, NIST CSF ids and tips."},
    {"tips", "print tips: the list, or each ID in full",
     "csm tips [ID...] [--lang ja|en]\n\n"
     "Without ids: every tip's id and title. With ids: the problem, the actions in\n"
     "order, a first step for this month, effort and cost (S/M/L), owner, and the\n"
     "level it helps reach."},
    {"industries", "list the industry ids (organization.industry) with their labels",
     "csm industries [--lang ja|en]"},
    {"convert", "move an answers file to another questionnaire (csmg-v2 -> csmg-v3)",
     "csm convert FILE --to QUESTIONNAIRE [-o OUT.json]\n\n"
     "Uses the item mapping questions/maps/FROM-TO.json. Levels, evidence and notes\n"
     "carry over; items new in the target are left unanswered, with a note, and\n"
     "listed under \"converted\".\"new_items\"."},
    {"bench", "build a benchmark: from a table of scores, or from many answers (JSON Lines)",
     "csm bench aggregate FILE.jsonl... [-o OUT.json] [--name NAME] [--source TEXT] [--min-group K]\n"
     "          [--year YYYY] [--grade-a 3.75 --grade-b 2.67] [--questionnaire ID] [--strict]\n"
     "          [--allow-partial]\n"
     "csm bench build-from-tsv FILE.tsv --name NAME [--source TEXT] [--date YYYY-MM-DD]\n"
     "          [--questionnaire ID] [--grade-a 3.75] [--grade-b 2.67] [-o OUT.json]\n\n"
     "aggregate reads one csm-answers/1 object per line (one organization each; '-' is\n"
     "standard input) in constant memory and writes a k-anonymous csm-benchmark/1:\n"
     "groups all, grade, industry, size and year, each with n and per directive the\n"
     "mean, sd, quartiles, min, max and exact histogram; groups under K (default 5)\n"
     "organizations, and any that would let one be recovered by subtraction, are\n"
     "left out and listed under \"suppressed\". Invalid lines (also lines over\n"
     "16 MiB) are reported as FILE:LINE and skipped, or stop the run with --strict\n"
     "(nothing written). aggregate keeps no history: two outputs over overlapping\n"
     "inputs can be subtracted to recover one organization; publish repeatedly\n"
     "with 'csm db export', which checks every release against the earlier ones.\n"
     "Grades use --grade-a/--grade-b, else the default benchmark's thresholds.\n\n"
     "FILE.tsv has the columns company, industry, d1..d10 and optionally grade;\n"
     "a given grade must agree with the thresholds. Writes csm-benchmark/1 with\n"
     "the groups all, grade:A/B/C and industry:<id> (n, mean, sd, min, max)."},
    {"portfolio", "one PDF for a group: summary, heat map, radars, a karte per organization",
     "csm portfolio FILE... -o portfolio.pdf [--csv table.csv] [--rollup mean|headcount|revenue]\n"
     "          [--lang ja|en] [--benchmark B.json] [--font FILE.ttf] [--allow-partial]\n\n"
     "The summary rolls the entities (organization.scope \"entity\") up to the group,\n"
     "weighted by organization.headcount or .revenue when every entity gives it; lists\n"
     "every organization's grade and overall with a heat map of its directive scores;\n"
     "and names the group's weakest directives with the organizations that pull each\n"
     "down. Then a radar chart per organization, then the kartes. --csv writes the\n"
     "table for spreadsheets (UTF-8 with BOM; formula-like cells neutralized)."},
    {"trend", "one organization's assessments side by side, with the changes",
     "csm trend FILE... [--json] [--lang ja|en] [--allow-partial]\n\n"
     "The files are ordered by assessed_on. Per directive the score at each date and the\n"
     "change from the first to the last; overall and grade at each date; the items whose\n"
     "level moved in the last two. Different questionnaire versions (csmg-v2, csmg-v3)\n"
     "are compared by directive. 'csm karte FILE --previous OLD' puts the change since\n"
     "one previous assessment into the karte (table, radar, moved items)."},
    {"plan", "what to raise, in what order, to reach a grade",
     "csm plan FILE [--target A|B] [--budget S|M|L] [--json] [--lang ja|en] [--weights W1,...,W10]\n\n"
     "Raises items one level at a time, always the one that lifts the overall most per\n"
     "unit of effort (S 1, M 2, L 3, from the item's tip; --budget keeps to items of at\n"
     "most that effort), until the target grade (default: the next) is reached."},
    {"whatif", "the scores and grade after changing some answers",
     "csm whatif FILE --set ITEM=LEVEL [--set ...] [--json] [--lang ja|en] [--weights ...]\n\n"
     "LEVEL is 1..5 or n/a. Shows each directive, the overall and the grade before and after."},
    {"merge", "combine the answers of several raters into one assessment",
     "csm merge RATER1.json RATER2.json ... [--method median|min|mean] [-o OUT.json]\n\n"
     "Per item the median level (of two middles the lower), the minimum or the mean;\n"
     "n/a only where every rater said so. Evidence and notes are kept with the rater's\n"
     "name, and all assessors. Items where raters differ by 2 or more levels are listed\n"
     "under \"merged\".\"discuss\", with the spread of every item; the karte shows them."},
    {"db", "the benchmark database of an ISAC (SQLite file or PostgreSQL)",
     "csm db init   --db PATH|postgresql://...\n"
     "csm db ingest --db ... FILE... [--strict] [--pseudonymize --key-file KEY] [--submitter NAME]\n"
     "              [--allow-partial] [--questionnaire ID]\n"
     "csm db list   --db ...\n"
     "csm db remove --db ... ORG [YYYY-MM-DD] [--key-file KEY]\n"
     "csm db export --db ... [-o OUT.json] [--year YYYY] [--min-group K] [--name NAME]\n"
     "              [--grade-a 3.75 --grade-b 2.67] [--questionnaire ID]\n"
     "every one:    [--busy-timeout SECONDS]\n\n"
     "init creates the schema, or brings an older one up to date.\n"
     "ingest takes answers JSON, CSV, and JSON Lines (.jsonl, one assessment a line;\n"
     "a line over 16 MiB is one invalid line). Each file (each assessment of a .jsonl)\n"
     "is stored whole or not at all; storing an organization and date again replaces\n"
     "it. An organization is one member however its name is spelled in case, width\n"
     "or spaces (NFKC, case folded). Invalid ones are reported and skipped (exit 2 if\n"
     "nothing was stored); with --strict the first one ends the run and nothing is\n"
     "stored. --pseudonymize keeps names out: organizations are stored under a keyed\n"
     "hash (HMAC-SHA-256 with --key-file: 32 or more random bytes, readable by you\n"
     "only). export aggregates each organization's latest assessment (of --year)\n"
     "like 'csm bench aggregate', k-anonymous (K default 5), and records the release\n"
     "in the database: no group is published whose members differ by 1 to K-1\n"
     "organizations from a group of an earlier release or of the same export, so\n"
     "that two exports cannot be subtracted to recover an organization.\n"
     "--busy-timeout: how long to wait for another writer (default 60 s).\n"
     "A new SQLite database file is created readable by its owner only. Passwords\n"
     "of postgresql:// URLs are shown as ***."},
    {"help", "show help for a command", "csm help [COMMAND]"},
};

static void print_help(FILE *f)
{
	size_t i;
	fprintf(f, "csm %s - Cyber Security Management Guidelines maturity engine\n\n"
	           "usage: csm <command> [options]\n\ncommands:\n", csm_version());
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'csm help <command>' shows a command's options. 'csm --version' prints the version.\n"
	           "Exit codes: 0 success, 1 usage error, 2 invalid input, 3 I/O or internal failure.\n");
}

static int cmd_help(const opts *o)
{
	size_t i;
	if (o->nfiles == 0) {
		print_help(stdout);
		return 0;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, o->files[0]) == 0) {
			printf("%s\n", commands[i].usage);
			return 0;
		}
	return usage_error("help: no command '%s'", o->files[0]);
}

int main(int argc, char **argv)
{
	static const char *const score_opts[] = {"--json", "--lang", "--benchmark", "--allow-partial",
	                                         "--questionnaire", "--industry", "--org", "-o", "--output",
	                                         "--data-dir", "--jobs", "--weights", "--previous", NULL};
	static const char *const radar_opts[] = {"--lang", "--benchmark", "--allow-partial", "--questionnaire",
	                                         "--industry", "--org", "-o", "--output", "--size", "--data-dir", NULL};
	static const char *const karte_opts[] = {"--lang", "--benchmark", "--allow-partial", "--questionnaire",
	                                         "--industry", "--org", "-o", "--output", "--outdir", "--font",
	                                         "--data-dir", "--weights", "--previous", NULL};
	static const char *const validate_opts[] = {"--allow-partial", "--questionnaire", "--industry", "--org",
	                                            "--data-dir", NULL};
	static const char *const template_opts[] = {"--questionnaire", "--format", "--lang", "-o", "--output",
	                                            "--prefill", "--data-dir", NULL};
	static const char *const import_opts[] = {"-o", "--output", "--data-dir", NULL};
	static const char *const questions_opts[] = {"--questionnaire", "--lang", "--format", "-o", "--output",
	                                             "--data-dir", NULL};
	static const char *const tips_opts[] = {"--lang", "--data-dir", NULL};
	static const char *const convert_opts[] = {"--to", "-o", "--output", "--data-dir", NULL};
	static const char *const bench_opts[] = {"--name", "--source", "--date", "--questionnaire", "--grade-a",
	                                         "--grade-b", "-o", "--output", "--min-group", "--year", "--strict",
	                                         "--allow-partial", "--data-dir", "--benchmark", "--jobs", NULL};
	static const char *const portfolio_opts[] = {"-o", "--output", "--csv", "--rollup", "--lang", "--benchmark", "--font",
	                                             "--allow-partial", "--questionnaire", "--data-dir", "--weights", NULL};
	static const char *const trend_opts[] = {"--json", "--lang", "--benchmark", "--allow-partial", "--questionnaire",
	                                         "-o", "--output", "--data-dir", NULL};
	static const char *const plan_opts[] = {"--target", "--budget", "--json", "--lang", "--benchmark", "--weights",
	                                        "--questionnaire", "--industry", "--org", "-o", "--output", "--data-dir",
	                                        NULL};
	static const char *const whatif_opts[] = {"--set", "--json", "--lang", "--benchmark", "--weights", "--allow-partial",
	                                          "--questionnaire", "--industry", "--org", "-o", "--output", "--data-dir",
	                                          NULL};
	static const char *const merge_opts[] = {"--method", "-o", "--output", "--questionnaire", "--data-dir", NULL};
	static const char *const db_opts[] = {"--db", "--strict", "--pseudonymize", "--key-file", "--submitter",
	                                      "--allow-partial", "--questionnaire", "-o", "--output", "--year",
	                                      "--min-group", "--name", "--source", "--grade-a", "--grade-b",
	                                      "--benchmark", "--data-dir", "--busy-timeout", NULL};
	static const char *const no_opts[] = {NULL};
	const char *cmd;
	opts o;
	int status;

	memset(&o, 0, sizeof o);
	o.lang = CSM_LANG_JA;
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("csm %s\n", csm_version());
		return 0;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		print_help(stdout);
		return 0;
	}
	out_init();
#define RUN(name, allowed, fn)                                                                                  \
	if (strcmp(cmd, name) == 0) {                                                                           \
		status = parse_args(&o, argc - 2, argv + 2, allowed);                                           \
		if (!status)                                                                                    \
			status = check_outputs(&o);                                                             \
		if (!status)                                                                                    \
			status = fn(&o);                                                                        \
		free(o.files);                                                                                  \
		csm_industries_free(o.industries);                                                              \
		return status;                                                                                  \
	}
	RUN("score", score_opts, cmd_score)
	RUN("karte", karte_opts, cmd_karte)
	RUN("radar", radar_opts, cmd_radar)
	RUN("validate", validate_opts, cmd_validate)
	RUN("template", template_opts, cmd_template)
	RUN("import", import_opts, cmd_import)
	RUN("questions", questions_opts, cmd_questions)
	RUN("tips", tips_opts, cmd_tips)
	RUN("convert", convert_opts, cmd_convert)
	RUN("industries", tips_opts, cmd_industries)
	RUN("bench", bench_opts, cmd_bench)
	RUN("db", db_opts, cmd_db)
	RUN("plan", plan_opts, cmd_plan)
	RUN("trend", trend_opts, cmd_trend)
	RUN("portfolio", portfolio_opts, cmd_portfolio)
	RUN("whatif", whatif_opts, cmd_whatif)
	RUN("merge", merge_opts, cmd_merge)
	RUN("help", no_opts, cmd_help)
#undef RUN
	return usage_error("unknown command '%s'", cmd);
}
