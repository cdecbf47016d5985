/* csm score: many answers files scored on worker threads, written in order. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "common.h"
#include "output.h"

/* The main thread and the workers take files in turn; after each of its
 * files the main thread writes the results that are ready, in input order,
 * and frees them (no waiting on a condition per file: that woke the writer
 * ten thousand times). Results go to a temporary file that becomes the
 * output (or is copied to stdout) only if every file succeeded: nothing is
 * written on failure. */
typedef struct score_job {
	cli_args *o;
	const csm_benchmark *b;
	const csm_tips *tips;
	csm_tips *lazy_tips; /* --json: loaded once a file needs them (job_tips) */
	int lazy_rc;
	char **text, **err;
	char **notes; /* the industry notices of each file, printed with its result */
	int *rc;
	atomic_uchar *done; /* set (release) once text[i], err[i] and rc[i] are final */
	const csm_answers *prev_a; /* --previous */
	const csm_score *prev_s;
	const csm_actions *actions; /* --actions */
	long long today;
	atomic_int next;
	pthread_mutex_t mu; /* lazy_tips */
	char *msgs; /* the notices and messages for stderr not yet written (the writing thread's) */
	size_t msgs_len, msgs_cap;
} score_job;

/* Write the gathered messages to stderr. */
static void msgs_flush(score_job *j)
{
	if (j->msgs_len)
		fwrite(j->msgs, 1, j->msgs_len, stderr);
	j->msgs_len = 0;
}

/* Gather `s` (and a newline if nl) for stderr: one write per 64 kB rather
 * than one per file (a notice for most files of a large run). */
static void msgs_add(score_job *j, const char *s, int nl)
{
	size_t n = strlen(s) + (nl != 0);
	if (j->msgs_len + n > j->msgs_cap) {
		size_t cap = j->msgs_cap ? j->msgs_cap : 65536;
		char *t;
		msgs_flush(j);
		while (cap < n)
			cap *= 2;
		if (cap > j->msgs_cap && (t = realloc(j->msgs, cap)) != NULL) {
			j->msgs = t;
			j->msgs_cap = cap;
		}
		if (n > j->msgs_cap) { /* no memory for it: written as it is */
			fputs(s, stderr);
			if (nl)
				fputc('\n', stderr);
			return;
		}
	}
	memcpy(j->msgs + j->msgs_len, s, n - (nl != 0));
	if (nl)
		j->msgs[j->msgs_len + n - 1] = '\n';
	j->msgs_len += n;
	if (j->msgs_len >= 65536)
		msgs_flush(j);
}

/* The tips for a file's targets: text output has them; JSON loads them once,
 * under the job's lock, when a file gives a target grade (expanded with the
 * plan's efforts), so that a plain --json run does not pay for them. */
static int job_tips(score_job *j, const csm_answers *a, const csm_tips **out)
{
	int rc;
	*out = j->tips;
	if (j->tips || csm_answers_target_grade(a) == CSM_GRADE_NONE)
		return 0;
	pthread_mutex_lock(&j->mu);
	if (!j->lazy_tips && !j->lazy_rc)
		j->lazy_rc = csm_tips_open(&j->lazy_tips, j->o->data);
	*out = j->lazy_tips;
	rc = j->lazy_rc;
	pthread_mutex_unlock(&j->mu);
	return rc;
}

static void score_one(score_job *j, int i)
{
	cli_args *o = j->o;
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	const csm_tips *tips = NULL;
	int rc = cli_load_answers_noted(&a, &q, o, o->files[i], &j->err[i], &j->notes[i]);
	if (!rc && csm_questionnaire_choice_count(q) > 0) {
		/* its own scale: points and the small company's result; its peers in
		 * a benchmark in points given with --benchmark (the default one is of levels) */
		csm_points *p = NULL;
		if (!(rc = csm_points_compute(&p, q, a, cli_flags(o))) && j->b &&
		    (o->benchmark || csm_benchmark_max_points(j->b) > 0)) {
			csm_points_use_industries(p, o->industries);
			rc = csm_points_set_benchmark(p, j->b, a);
		}
		if (!rc)
			rc = o->json ? csm_points_render_json(&j->text[i], p, a, o->files[i])
			             : csm_points_render_text(&j->text[i], p, a, o->lang);
		csm_points_free(p);
		goto done;
	}
	if (!rc && !(rc = cli_score_analyze(&s, &an, q, a, o, j->b, cli_flags(o)))) {
		if (j->prev_s)
			rc = csm_analysis_set_previous(an, j->prev_a, j->prev_s);
		if (!rc && !(rc = job_tips(j, a, &tips)))
			rc = csm_analysis_set_targets(an, tips);
		if (!rc && j->actions)
			rc = csm_analysis_set_actions(an, j->actions, j->today);
	}
	if (!rc)
		rc = o->json ? csm_render_json(&j->text[i], an, o->files[i])
		             : csm_render_text(&j->text[i], an, j->tips, o->lang);
done:
	if (rc && !j->err[i])
		j->err[i] = cli_take_message(NULL);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	j->rc[i] = rc;
	atomic_store_explicit(&j->done[i], 1, memory_order_release);
}

static void *score_worker(void *arg)
{
	score_job *j = arg;
	int i;
	while ((i = atomic_fetch_add(&j->next, 1)) < j->o->nfiles)
		score_one(j, i);
	return NULL;
}

/* Write the results that are ready from *at on, in input order; report the
 * failures. Keeps the worst exit status of the files in *status, and
 * *failed, *write_ok. */
static void collect(score_job *job, out_sink *sink, int *at, int *status, int *failed, int *write_ok)
{
	cli_args *o = job->o;
	int i;
	for (i = *at; i < o->nfiles && atomic_load_explicit(&job->done[i], memory_order_acquire); i++) {
		if (job->notes[i])
			msgs_add(job, job->notes[i], 0);
		if (job->rc[i]) {
			int st = cli_exit_code(job->rc[i]);
			msgs_add(job, job->err[i] ? job->err[i] : "out of memory", 1);
			if (st > *status)
				*status = st;
			(*failed)++;
		} else if (!*failed && *write_ok) {
			const char *t = job->text[i];
			size_t len = strlen(t);
			*write_ok = (o->json || i == 0 || fputc('\n', sink->f) != EOF) && fwrite(t, 1, len, sink->f) == len &&
			            (!o->json || fputc('\n', sink->f) != EOF);
		}
		csm_free(job->text[i]);
		csm_free(job->notes[i]);
		free(job->err[i]);
		job->text[i] = job->err[i] = job->notes[i] = NULL;
	}
	*at = i;
}

/* Score every file on worker threads and this one into `sink`. */
static int score_all(score_job *job, out_sink *sink)
{
	cli_args *o = job->o;
	pthread_t threads[16];
	int i, status = 0, failed = 0, nthreads, started = 0, write_ok = 1, at = 0;

	atomic_init(&job->next, 0);
	pthread_mutex_init(&job->mu, NULL);
	nthreads = cli_worker_count(o->nfiles, &o->jobs);
	/* This thread is one of the workers (making one costs more than a file's work). */
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&threads[started], NULL, score_worker, job) == 0)
			started++;
	while ((i = atomic_fetch_add(&job->next, 1)) < o->nfiles) {
		score_one(job, i);
		collect(job, sink, &at, &status, &failed, &write_ok);
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	collect(job, sink, &at, &status, &failed, &write_ok); /* the rest: every file is done */
	msgs_flush(job);
	pthread_mutex_destroy(&job->mu);

	if (failed && o->nfiles > 1)
		fprintf(stderr, "csm: %d of %d files failed; nothing was written\n", failed, o->nfiles);
	if (!failed && !write_ok) {
		fprintf(stderr, "%s: cannot write: %s\n", sink->tmp[0] ? o->output : "temporary file", strerror(errno));
		status = EXIT_FAIL;
	}
	if (!failed && write_ok)
		status = out_commit(sink);
	return status;
}

static int run_score(cli_args *o)
{
	const csm_benchmark *b = NULL;
	csm_tips *tips = NULL;
	score_job job;
	out_sink sink = {.f = NULL, .fd = -1, .slot = -1};
	csm_answers *prev_a = NULL;
	csm_score *prev_s = NULL;
	csm_actions *actions = NULL;
	int rc, status = 0;

	memset(&job, 0, sizeof job);
	if (o->nfiles < 1)
		return cli_usage_error("score: give at least one answers file");
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)))
		goto cleanup;
	if (!o->json && (rc = csm_tips_open(&tips, o->data))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	if (o->previous) {
		if (o->nfiles != 1) {
			status = cli_usage_error("score: --previous compares one answers file");
			goto cleanup;
		}
		if ((status = cli_load_previous(&prev_a, &prev_s, o, b)))
			goto cleanup;
		job.prev_a = prev_a;
		job.prev_s = prev_s;
	}
	if (o->actions) {
		if (o->nfiles != 1) {
			status = cli_usage_error("score: --actions follows up one answers file");
			goto cleanup;
		}
		if ((rc = csm_actions_load(&actions, o->actions))) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
		if ((status = cli_creation_time(&job.today)))
			goto cleanup;
		job.actions = actions;
	}
	if ((status = out_open(&sink, o->output)))
		goto cleanup;
	job.o = o;
	job.b = b;
	job.tips = tips;
	job.text = calloc((size_t)o->nfiles, sizeof *job.text);
	job.err = calloc((size_t)o->nfiles, sizeof *job.err);
	job.notes = calloc((size_t)o->nfiles, sizeof *job.notes);
	job.rc = calloc((size_t)o->nfiles, sizeof *job.rc);
	job.done = calloc((size_t)o->nfiles, sizeof *job.done);
	if (!job.text || !job.err || !job.notes || !job.rc || !job.done)
		status = cli_nomem();
	else
		status = score_all(&job, &sink);
cleanup:
	out_abort(&sink);
	free(job.text);
	free(job.err);
	free(job.notes);
	free(job.msgs);
	free(job.rc);
	free(job.done);
	csm_score_free(prev_s);
	csm_answers_free(prev_a);
	csm_actions_free(actions);
	csm_tips_free(job.lazy_tips);
	csm_tips_free(tips);
	return status;
}

static const cli_opt score_opts[] = {
    OPT_JSON("one csm-score/1 JSON document per line instead of text"),
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_OUTPUT("write here instead of standard output"),
    OPT_JOBS,
    OPT_DATA_DIR,
    OPT_WEIGHTS,
    OPT_PREVIOUS,
    {"--actions", NULL, CLI_STR, CLI_IN, CLI_ARG(actions), 0, 0, "ACTIONS.json|.csv|.xlsx",
         "an action list (csm plan --actions, edited): say what was done, what moved, what is late"},
    OPT_END,
};

const cli_command cli_cmd_score = {
    "score", "score answers files: grade, comparison, hints, plan",
    "csm score FILE... [options]",
    "Scores each answers file (csm-answers/1 JSON, or CSV item,level[,evidence,note];\n"
    "the column level may be headed answer, as the template of a scale names it),\n"
    "grades it with the benchmark's thresholds and compares it with the benchmark\n"
    "(default: the shipped 2020 trial benchmark). Text by default; with --json one\n"
    "csm-score/1 document per line. --questionnaire, --industry and --org fill in\n"
    "what a CSV file cannot say. If any file is invalid, every problem is reported\n"
    "and nothing is written (exit 2). Files are scored on one thread per core\n"
    "(--jobs N to choose); the output keeps the order of the files.\n"
    "A file's \"targets\" and \"target\" are shown as current versus target per\n"
    "directive. With --actions (and --previous) the report follows up an action\n"
    "list: done and moved, done but not moved, moved without an action, and open\n"
    "actions past their due date (today: SOURCE_DATE_EPOCH, else the current date).",
    score_opts, sizeof(cli_args), run_score,
};
