/* csm bench: a benchmark from a table of scores (build-from-tsv), or from
 * many answers in JSON Lines (aggregate). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "common.h"

typedef struct bench_args {
	cli_args c;
	const char *name, *source, *date, *grade_a, *grade_b, *year, *means;
	cli_uint min_group;
	int strict, grading_estimated;
} bench_args;

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
	const bench_args *r;
	const csm_questionnaire *q;
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
	if (p->r->strict) {
		p->status = EXIT_INPUT;
		atomic_store(p->stop, 1);
	}
}

/* One line of a part: parsed, checked against the run's questionnaire and
 * added, or reported. Messages are made with a short stand-in name, "@",
 * replaced by FILE:LINE when printed. */
static void aggregate_line(agg_part *p, const char *line, size_t n)
{
	csm_answers *a = NULL;
	const char *qid;
	char msg[1024], *why = NULL;
	/* the run's questionnaire reads its own scale's answers (choices); one of levels, levels */
	int rc = csm_answers_parse_for(&a, line, n, "@", p->q);
	if (rc == CSM_EINVALID && (why = strdup(csm_error_last()))) {
		/* perhaps a line of another questionnaire, on another scale: read as
		 * its own, so that the message says which */
		csm_answers *other = NULL;
		if (!csm_answers_parse_in(&other, p->r->c.ctx, line, n, "@", NULL) &&
		    (qid = csm_answers_field_get(other, CSM_FIELD_QUESTIONNAIRE)) && strcmp(qid, csm_questionnaire_id(p->q)) != 0)
			a = other, rc = 0;
		else
			csm_answers_free(other);
	}
	if (!rc && (qid = csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE)) &&
	    strcmp(qid, csm_questionnaire_id(p->q)) != 0) {
		/* one questionnaire a run: levels and points never share a benchmark */
		snprintf(msg, sizeof msg,
		         "@: questionnaire: \"%.64s\", but this run aggregates %s (run again with --questionnaire %.64s"
		         " for its own benchmark)",
		         qid, csm_questionnaire_id(p->q), qid);
		part_error(p, p->lines, msg);
	} else if (!rc) {
		rc = csm_aggregator_add(p->ag, a, cli_flags(&p->r->c));
		if (rc < 0)
			part_error(p, p->lines, csm_error_last());
	} else {
		part_error(p, p->lines, why ? why : csm_error_last());
	}
	free(why);
	csm_answers_free(a);
}

static void *aggregate_part(void *arg)
{
	agg_part *p = arg;
	csm_lines *lr = NULL;
	const char *line;
	char msg[1024];
	size_t n;
	unsigned long long used;
	long long pos = p->start;
	int rc, too_long;

	if ((rc = csm_lines_open(&lr, p->path, p->start))) {
		part_error(p, 0, csm_error_last());
		p->status = cli_exit_code(rc);
		return NULL;
	}
	while ((p->end < 0 || pos < p->end) && !atomic_load(p->stop) &&
	       (rc = csm_lines_next(&line, &n, &used, &too_long, lr)) > 0) {
		pos += (long long)used;
		p->lines++;
		if (too_long) {
			snprintf(msg, sizeof msg, "@: line is too long (more than %u bytes); skipped", CSM_MAX_FILE_BYTES);
			part_error(p, p->lines, msg);
		} else if (strspn(line, " \t\r\n") != n) {
			aggregate_line(p, line, n);
		}
	}
	if (rc < 0)
		p->status = EXIT_INPUT;
	csm_lines_free(lr);
	return NULL;
}

/* Newlines in the first `end` bytes of `path` (for line numbers of a part). */
static unsigned long long lines_before(const char *path, long long end)
{
	csm_lines *lr = NULL;
	const char *line;
	size_t n;
	unsigned long long used, count = 0;
	long long done = 0;
	int too_long;
	if (csm_lines_open(&lr, path, 0))
		return 0;
	while (done < end && csm_lines_next(&line, &n, &used, &too_long, lr) > 0) {
		done += (long long)used;
		count++;
	}
	csm_lines_free(lr);
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

/* How many parts `path` is read in: a large regular file in one per worker. */
static int count_parts(int *nparts, long long *size, const char *path, const cli_uint *jobs)
{
	struct stat st;
	*nparts = 1;
	*size = 0;
	if (strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: is a directory, not a file\n", path);
		return EXIT_INPUT;
	}
	if (S_ISREG(st.st_mode) && st.st_size > (1 << 22)) {
		*size = (long long)st.st_size;
		*nparts = cli_worker_count(16 * 8, jobs);
	}
	return 0;
}

/* Part boundaries: the start of the first line at or after i * size / n. */
static int cut_parts(agg_part *parts, int nparts, const char *path, long long size)
{
	int i;
	for (i = 1; i < nparts; i++) {
		FILE *f = fopen(path, "rb");
		long long at = size * i / nparts;
		int c = 0;
		if (!f || fseeko(f, (off_t)(at - 1), SEEK_SET) != 0) {
			if (f)
				fclose(f);
			fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
			return EXIT_INPUT;
		}
		while (at < size && (c = fgetc(f)) != EOF && c != '\n')
			at++;
		fclose(f);
		parts[i].start = at < parts[i - 1].start ? parts[i - 1].start : at;
		parts[i - 1].end = parts[i].start;
	}
	return 0;
}

/* Run the parts on threads (the first on this one). */
static void run_parts(agg_part *parts, int nparts)
{
	pthread_t threads[16];
	int i;
	for (i = 1; i < nparts; i++)
		if (pthread_create(&threads[i], NULL, aggregate_part, &parts[i]) != 0) {
			aggregate_part(&parts[i]); /* no thread: do it here */
			threads[i] = 0;
		}
	aggregate_part(&parts[0]);
	for (i = 1; i < nparts; i++)
		if (threads[i])
			pthread_join(threads[i], NULL);
}

static int aggregate_file(csm_aggregator *ag, const csm_questionnaire *q, const csm_aggregate_options *ao,
                          const bench_args *r, const char *path, unsigned long long *skipped, unsigned *reported)
{
	agg_part parts[16];
	atomic_int stop;
	int nparts, i, status, rc;
	long long size;

	atomic_init(&stop, 0);
	if ((status = count_parts(&nparts, &size, path, &r->c.jobs)))
		return status;
	memset(parts, 0, sizeof parts);
	for (i = 0; i < nparts; i++) {
		agg_part *p = &parts[i];
		p->r = r;
		p->q = q;
		p->path = path;
		p->stop = &stop;
		p->end = -1;
		if ((rc = csm_aggregator_new(&p->ag, q, ao))) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
	}
	if ((status = cut_parts(parts, nparts, path, size)))
		goto cleanup;
	run_parts(parts, nparts);
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
			status = cli_lib_error(rc);
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

/* The aggregator's output, and the note that it keeps no history. */
static int write_aggregate(csm_aggregator *ag, const char *output)
{
	char *json = NULL;
	int rc, status;
	if ((rc = csm_aggregator_export(&json, ag)))
		return cli_lib_error(rc);
	status = cli_write_bytes(output, json, strlen(json));
	/* the output says so too: "release":{"history":"none"} */
	if (!status)
		fprintf(stderr, "csm: note: bench aggregate keeps no history: two outputs over overlapping inputs can be\n"
		                "subtracted to recover an organization; publish with 'csm db export' for that protection\n");
	csm_free(json);
	return status;
}

static int run_aggregate(bench_args *r)
{
	cli_args *o = &r->c;
	csm_aggregate_options ao = CSM_AGGREGATE_OPTIONS_INIT;
	csm_aggregator *ag = NULL;
	const csm_questionnaire *q = NULL;
	unsigned long long skipped = 0;
	unsigned reported = 0;
	int i, rc, status;

	if (o->nfiles < 2)
		return cli_usage_error("bench aggregate: give JSON Lines files ('-' for standard input)");
	ao.year = r->year;
	ao.name = r->name;
	ao.source = r->source;
	if ((status = cli_context(o)) || (status = cli_grading(&ao.grading, o, r->grade_a, r->grade_b, 1)) ||
	    (status = cli_questionnaire(&q, o, o->questionnaire)))
		return status;
	ao.min_group = r->min_group.set ? (unsigned)r->min_group.v : csm_context_min_group(o->ctx);
	ao.industries = o->industries; /* older ids as the new, and the parent groups */
	if ((rc = csm_aggregator_new(&ag, q, &ao)))
		return cli_lib_error(rc);
	for (i = 1; i < o->nfiles && !status; i++)
		status = aggregate_file(ag, q, &ao, r, o->files[i], &skipped, &reported);
	if (reported > MAX_LINE_REPORTS)
		fprintf(stderr, "csm: ... %u more invalid lines not shown\n", reported - MAX_LINE_REPORTS);
	if (status) {
		fprintf(stderr, "csm: stopped at an invalid line (--strict); nothing was written\n");
	} else {
		if (skipped)
			fprintf(stderr, "csm: %llu invalid lines skipped (see above); %llu assessments aggregated\n", skipped,
			        csm_aggregator_count(ag));
		status = write_aggregate(ag, o->output);
	}
	csm_aggregator_free(ag);
	return status;
}

static int build_from_tsv(bench_args *r)
{
	cli_args *o = &r->c;
	csm_benchmark_meta meta;
	char *tsv = NULL, *json = NULL, *means = NULL;
	size_t len = 0;
	int rc, status = 0;

	if (!r->name)
		return cli_usage_error("bench build-from-tsv: --name is required");
	memset(&meta, 0, sizeof meta);
	meta.name = r->name;
	meta.source = r->source;
	meta.date = r->date;
	if ((status = cli_grading(&meta.grading, o, r->grade_a, r->grade_b, 0)))
		return status;
	if (!(meta.questionnaire = o->questionnaire)) {
		if ((status = cli_context(o)))
			return status;
		meta.questionnaire = csm_context_default_questionnaire(o->ctx);
	}
	meta.grading_estimated = r->grading_estimated;
	meta.min_group = r->min_group.set ? (unsigned)r->min_group.v : 0;
	if (r->means && (rc = csm_file_read(&means, &meta.group_means_len, r->means))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	meta.group_means = means;
	meta.group_means_name = r->means;
	if ((rc = csm_file_read(&tsv, &len, o->files[1])) ||
	    (rc = csm_benchmark_from_tsv(&json, tsv, len, o->files[1], &meta)))
		status = cli_lib_error(rc);
	else
		status = cli_write_text(o->output, json);
cleanup:
	csm_free(means);
	csm_free(tsv);
	csm_free(json);
	return status;
}

static int run_bench(cli_args *args)
{
	bench_args *r = (bench_args *)args;
	if (args->nfiles >= 1 && strcmp(args->files[0], "aggregate") == 0)
		return run_aggregate(r);
	if (args->nfiles != 2 || strcmp(args->files[0], "build-from-tsv") != 0)
		return cli_usage_error(
		    "bench: use 'csm bench build-from-tsv FILE.tsv ...' or 'csm bench aggregate FILE.jsonl ...'");
	return build_from_tsv(r);
}

#define BENCH_ARG(field) offsetof(bench_args, field)

static const cli_opt bench_opts[] = {
    OPT_OUTPUT("write the benchmark here instead of standard output"),
    {"--name", NULL, CLI_STR, 0, BENCH_ARG(name), 0, 0, "NAME", "the benchmark's name (required by build-from-tsv)"},
    {"--source", NULL, CLI_STR, 0, BENCH_ARG(source), 0, 0, "TEXT", "where the data comes from"},
    {"--date", NULL, CLI_STR, 0, BENCH_ARG(date), 0, 0, "YYYY-MM[-DD]", "build-from-tsv: the date of the data"},
    {"--means", NULL, CLI_STR, CLI_IN, BENCH_ARG(means), 0, 0, "GROUPS.tsv",
         "build-from-tsv: published group means (group n d1..d10) to use instead of the rows'"},
    {"--grading-estimated", NULL, CLI_FLAG, 0, BENCH_ARG(grading_estimated), 0, 0, NULL,
         "build-from-tsv: the cut-offs were not published, only estimated (the outputs say so)"},
    {"--year", NULL, CLI_STR, 0, BENCH_ARG(year), 0, 0, "YYYY", "aggregate: the year of the assessments"},
    {"--min-group", NULL, CLI_UINT, 0, BENCH_ARG(min_group), 1, 1000000, "K",
         "aggregate: publish no group of fewer organizations (default 5); build-from-tsv: no percentile under it"},
    {"--grade-a", NULL, CLI_STR, 0, BENCH_ARG(grade_a), 0, 0, "X",
         "grade A from this overall (default: the default benchmark's)"},
    {"--grade-b", NULL, CLI_STR, 0, BENCH_ARG(grade_b), 0, 0, "X",
         "grade B from this overall (default: the default benchmark's)"},
    OPT_QUESTIONNAIRE,
    {"--strict", NULL, CLI_FLAG, 0, BENCH_ARG(strict), 0, 0, NULL,
         "aggregate: stop at the first invalid line, writing nothing"},
    OPT_ALLOW_PARTIAL,
    OPT_BENCHMARK,
    OPT_JOBS,
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_bench = {
    "bench", "build a benchmark: from a table of scores, or from many answers (JSON Lines)",
    "csm bench aggregate FILE.jsonl... [options]\n"
    "csm bench build-from-tsv FILE.tsv --name NAME [options]",
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
    "Grades use --grade-a/--grade-b, else the benchmark's thresholds (--benchmark,\n"
    "else the default benchmark's). One questionnaire a run (--questionnaire):\n"
    "lines of another are reported and skipped. For one answered on its own\n"
    "scale (sme-check) the benchmark is in points: per part and for the total,\n"
    "no grade groups.\n\n"
    "FILE.tsv has the columns company, industry, d1..d10 and optionally grade;\n"
    "a given grade must agree with the thresholds. Writes csm-benchmark/1 with\n"
    "the groups all, grade:A/B/C and industry:<id> (n, mean, sd, min, max).",
    bench_opts, sizeof(bench_args), run_bench,
};
