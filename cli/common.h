/* What every command shares: the arguments they have in common, the
 * library context (data directory, defaults, loaded questionnaires and
 * benchmarks), loading answers, and turning library errors into messages
 * and exit codes. */
#ifndef CSM_CLI_COMMON_H
#define CSM_CLI_COMMON_H

#include <stddef.h>

#include "csm.h"
#include "opt.h"

/* The first member of every command's arguments. */
typedef struct cli_args {
	const char **files; /* the operands: files, subcommands, ids */
	int nfiles;
	const char *data_dir, *benchmark, *questionnaire, *industry, *org, *output, *previous;
	const char *actions; /* score: the action list to follow up; plan: where to write one */
	csm_lang lang;
	cli_weights weights;
	cli_uint jobs;
	int allow_partial, json;
	/* set by cli_context() */
	csm_context *ctx;
	const csm_industries *industries; /* of the data directory; NULL when it has no list */
	const char *data;                 /* the data directory in use */
} cli_args;

#define CLI_ARG(field) offsetof(cli_args, field)

/* Options several commands take, the same everywhere. */
#define OPT_DATA_DIR {"--data-dir", NULL, CLI_STR, 0, CLI_ARG(data_dir), 0, 0, "DIR", \
	"the data directory (questions/, tips/, benchmarks/); default: $CSM_DATA_DIR, else the installed one"}
#define OPT_BENCHMARK {"--benchmark", NULL, CLI_STR, CLI_IN, CLI_ARG(benchmark), 0, 0, "B.json", \
	"the benchmark to compare with and grade by (default: the shipped 2020 trial)"}
#define OPT_QUESTIONNAIRE {"--questionnaire", NULL, CLI_STR, 0, CLI_ARG(questionnaire), 0, 0, "ID", \
	"the questionnaire the answers are read against (for files that do not say)"}
#define OPT_INDUSTRY {"--industry", NULL, CLI_STR, 0, CLI_ARG(industry), 0, 0, "ID", \
	"the organization's industry (see 'csm industries')"}
#define OPT_ORG {"--org", NULL, CLI_STR, 0, CLI_ARG(org), 0, 0, "NAME", "the organization's name"}
#define OPT_OUTPUT(what) {"-o", "--output", CLI_STR, CLI_OUT, CLI_ARG(output), 0, 0, "OUT", what}
#define OPT_LANG {"--lang", NULL, CLI_LANG, 0, CLI_ARG(lang), 0, 0, "ja|en", "the language of the output (default ja)"}
#define OPT_ALLOW_PARTIAL {"--allow-partial", NULL, CLI_FLAG, 0, CLI_ARG(allow_partial), 0, 0, NULL, \
	"accept answers with items not answered yet"}
#define OPT_JSON(what) {"--json", NULL, CLI_FLAG, 0, CLI_ARG(json), 0, 0, NULL, what}
#define OPT_WEIGHTS {"--weights", NULL, CLI_WEIGHTS, 0, CLI_ARG(weights), 0, 0, "W1,...,W10", \
	"directive weights for the overall (ten numbers > 0 and <= 100)"}
#define OPT_PREVIOUS {"--previous", NULL, CLI_STR, CLI_IN, CLI_ARG(previous), 0, 0, "OLD.json", \
	"an earlier assessment of the same organization: show the change"}
#define OPT_JOBS {"--jobs", NULL, CLI_UINT, 0, CLI_ARG(jobs), 1, 16, "N", \
	"threads to use, 1 to 16 (default: one per core)"}
#define OPT_END {NULL, NULL, CLI_FLAG, 0, 0, 0, 0, NULL, NULL}

/* The exit code of a library error code. */
int cli_exit_code(int rc);

/* Print the library's message; returns its exit code. */
int cli_lib_error(int rc);

/* Print "csm: out of memory"; returns EXIT_FAIL. */
int cli_nomem(void);

/* The flags of csm_score_compute() and csm_answers_check() for the run. */
unsigned cli_flags(const cli_args *a);

/* Make the library context (once): the data directory, the weights, the
 * industry list. Returns 0 or the exit status, with the message printed. */
int cli_context(cli_args *a);

/* The run's benchmark (--benchmark, else the default), owned by the context. */
int cli_benchmark(const csm_benchmark **b, cli_args *a);

/* The questionnaire `id` (NULL: the default), owned by the context. */
int cli_questionnaire(const csm_questionnaire **q, cli_args *a, const char *id);

/* A copy of the library's message, with `prefix` before it (may be NULL),
 * for printing later in input order. The caller frees it. */
char *cli_take_message(const char *prefix);

/* Check the industry of `ans` against the list, an older id resolved to
 * the current one; the library's notices (a renamed id, a group named) are
 * printed on stderr as warnings, in --lang. 0, or the library error code. */
int cli_resolve_industry(csm_answers *ans, const cli_args *a);

/* Load answers file `path`, apply --questionnaire, --industry and --org,
 * check the industry, find its questionnaire (owned by the context).
 * Returns 0, or the library error code with the message in *err (the
 * caller frees it). Safe from several threads. */
int cli_load_answers(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path, char **err);
/* The same, the industry notices handed back in *notes (NULL when none;
 * csm_free it) instead of printed: csm score prints them in file order from
 * one thread, where printing from each worker made them wait on stderr. */
int cli_load_answers_noted(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path, char **err,
                           char **notes);

/* cli_load_answers() for csm supply: a filled-in workbook (csm template
 * --format xlsx) is read too, as csm import does; the industry is left as it is,
 * unchecked and without notices (the report does not use it, and two
 * hundred notices would bury it). */
int cli_load_supplier_answers(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path,
                              char **err);

/* Score `a` (with the benchmark's grading where `b` compares with `q`, else
 * none) and analyze it against `b` with the run's industries. 0, or the
 * library's error code with its message set; `*an` NULL on failure. */
int cli_score_analyze(csm_score **s, csm_analysis **an, const csm_questionnaire *q, const csm_answers *a,
                      const cli_args *o, const csm_benchmark *b, unsigned flags);

/* cli_load_answers() with its message printed: 0, or the exit status. */
int cli_load_answers_reported(csm_answers **out, const csm_questionnaire **q, cli_args *a, const char *path);

/* The assessment of --previous, scored with the grading of `b`. */
int cli_load_previous(csm_answers **pa, csm_score **ps, cli_args *a, const csm_benchmark *b);
/* An earlier assessment at `path`, scored the same way (csm board --previous). */
int cli_load_scored(csm_answers **pa, csm_score **ps, cli_args *a, const csm_benchmark *b, const char *path);

/* Grade thresholds: --grade-a/--grade-b (a missing one from the default
 * grading); with neither, the run's benchmark's when `from_benchmark`,
 * else the default grading. Returns 0 or the exit status. */
int cli_grading(csm_grading *g, cli_args *a, const char *grade_a, const char *grade_b, int from_benchmark);

/* Worker threads for `n` units of work: one per core (or --jobs), none
 * idle on small batches, at most 16. */
int cli_worker_count(int n, const cli_uint *jobs);

/* Write bytes, or text ending with a newline, to `path` (NULL or "-":
 * standard output) whole or not at all. Returns 0 or the exit status. */
int cli_write_bytes(const char *path, const void *data, size_t len);
int cli_write_text(const char *path, const char *text);

/* The creation date, and "today" of a follow-up: SOURCE_DATE_EPOCH
 * (reproducible builds: seconds since 1970, up to the year 9999), else now. */
int cli_creation_time(long long *out);

#endif
