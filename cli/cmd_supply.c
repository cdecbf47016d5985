/* csm supply: one report over the answers files suppliers sent back. The
 * report (order, roster, columns, words) is the library's csm_supply; this
 * reads the files into it and writes what it renders. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "common.h"

/* Written, but some files could not be read (listed in the report). */
#define EXIT_SUPPLY_PARTIAL 4

typedef struct supply_args {
	cli_args c;
	const char *roster, *csv, *font;
} supply_args;

/* 1 if `path` names a PDF file (-o report.pdf). */
static int is_pdf_name(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
}

/* The report as a PDF with the run's font (--font, else the context's family). */
static int render_pdf(char **pdf, size_t *len, const supply_args *r, const csm_supply *sp, long long today)
{
	const cli_args *o = &r->c;
	char *found = NULL;
	csm_karte_maker *km = NULL;
	int rc;
	if ((r->font || !(rc = csm_font_find(&found, csm_context_font_family(o->ctx)))) &&
	    !(rc = csm_karte_maker_new(&km, r->font ? r->font : found)))
		rc = csm_supply_render_pdf(pdf, len, km, sp, o->lang, today);
	csm_karte_maker_free(km);
	csm_free(found);
	return rc;
}

/* Read, check and score one file into the report; a file that fails is
 * recorded with its message instead. Returns 0, 1 for a failed file, or a
 * library error (out of memory) that ends the run. */
static int add_file(csm_supply *sp, cli_args *o, const csm_benchmark *b, const char *path)
{
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	csm_score *s = NULL;
	csm_points *p = NULL;
	char *err = NULL;
	int rc = cli_load_supplier_answers(&a, &q, o, path, &err);
	/* Suppliers leave items blank: unanswered items are counted, not refused.
	 * The grade is the one csm score gives (the benchmark's, where it compares);
	 * a questionnaire with its own scale is shown in points. */
	if (!rc && csm_questionnaire_choice_count(q) > 0) {
		if (!(rc = csm_points_compute(&p, q, a, CSM_ALLOW_PARTIAL)))
			rc = csm_supply_add_points(sp, a, p, path);
	} else if (!rc && !(rc = csm_score_compute_against(&s, q, a, b, CSM_ALLOW_PARTIAL)))
		rc = csm_supply_add(sp, a, s, path);
	if (rc && rc != CSM_ENOMEM) {
		if (!err)
			err = cli_take_message(NULL);
		rc = err ? csm_supply_add_failure(sp, path, err) : CSM_ENOMEM;
		if (!rc)
			rc = 1;
	}
	free(err);
	csm_points_free(p);
	csm_score_free(s);
	csm_answers_free(a);
	return rc;
}

static int run_supply(cli_args *args)
{
	supply_args *r = (supply_args *)args;
	cli_args *o = &r->c;
	const csm_benchmark *b = NULL;
	csm_supply *sp = NULL;
	char *text = NULL, *csv = NULL;
	size_t len = 0;
	long long today;
	int pdf = is_pdf_name(o->output);
	int i, rc, status, failed = 0;

	if (o->nfiles < 1 && !r->roster)
		return cli_usage_error("supply: give the answers files (and a --roster)");
	if (pdf && o->json)
		return cli_usage_error("supply: --json writes JSON; -o %s names a PDF file", o->output);
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)) || (status = cli_creation_time(&today)))
		return status;
	if ((rc = csm_supply_new(&sp, today)) || (r->roster && (rc = csm_supply_roster_load(sp, r->roster)))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	for (i = 0; i < o->nfiles; i++) {
		if ((rc = add_file(sp, o, b, o->files[i])) < 0) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
		failed += rc;
	}
	if ((pdf ? (rc = render_pdf(&text, &len, r, sp, today))
	         : (rc = csm_supply_render(&text, sp, o->json ? CSM_SUPPLY_JSON : CSM_SUPPLY_TEXT, o->lang))) ||
	    (r->csv && (rc = csm_supply_render(&csv, sp, CSM_SUPPLY_CSV, o->lang)))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	if ((r->csv && (status = cli_write_bytes(r->csv, csv, strlen(csv)))) ||
	    (status = pdf ? cli_write_bytes(o->output, text, len) : cli_write_text(o->output, text)))
		goto cleanup;
	if (failed) {
		fprintf(stderr, "csm: supply: %d of %d files could not be read (listed in the report)\n", failed, o->nfiles);
		status = EXIT_SUPPLY_PARTIAL;
	}
cleanup:
	csm_free(text);
	csm_free(csv);
	csm_supply_free(sp);
	return status;
}

#define SUPPLY_ARG(field) offsetof(supply_args, field)

static const cli_opt supply_opts[] = {
    {"--roster", NULL, CLI_STR, CLI_IN, SUPPLY_ARG(roster), 0, 0, "ROSTER.csv",
     "the suppliers asked (CSV: name[,id,contact]): list those who sent nothing"},
    {"--csv", NULL, CLI_STR, CLI_OUT, SUPPLY_ARG(csv), 0, 0, "TABLE.csv",
     "also write the report as one CSV table (status answered, not_answered, failed)"},
    OPT_JSON("a csm-supply/1 JSON document instead of text"),
    OPT_OUTPUT("write the report here instead of standard output; a name ending in .pdf gets a PDF"),
    {"--font", NULL, CLI_STR, CLI_IN, SUPPLY_ARG(font), 0, 0, "FILE.ttf",
     "the PDF's TrueType font (default: IPAexGothic, found through fontconfig)"},
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_QUESTIONNAIRE,
    OPT_DATA_DIR,
    OPT_WEIGHTS,
    OPT_END,
};

const cli_command cli_cmd_supply = {
    "supply", "one report over suppliers' answers: risk order, non-responders, a CSV",
    "csm supply FILE... [--roster ROSTER.csv] [--csv TABLE.csv] [--json | -o report.pdf] [-o OUT] [options]",
    "Reads the answers each supplier or subsidiary sent back (csm-answers/1 JSON,\n"
    "CSV, or the workbook of 'csm template --format xlsx' filled in) and writes one\n"
    "report: per supplier the overall (and grade where the benchmark grades the\n"
    "questionnaire), the weakest directive, the items left unanswered and the date\n"
    "(marked * when more than a year old), highest risk first: nothing answered,\n"
    "then the lowest overall; ties by the lower weakest directive, more unanswered\n"
    "items, the older assessment. A questionnaire answered in points (sme-check)\n"
    "shows the points, the SECURITY ACTION stars they support, the weakest part and\n"
    "the \"don't know\" answers; its order: nothing answered, then the fewest points;\n"
    "ties by fewer stars, more \"don't know\", the older assessment. Answers to\n"
    "different questionnaires are listed apart. With --roster, the suppliers who\n"
    "sent nothing and the files from suppliers not on it are listed (names compared\n"
    "after NFKC normalization, so full-width and half-width forms match). A file\n"
    "that cannot be read is listed with its error and does not stop the report. The\n"
    "date \"today\" is SOURCE_DATE_EPOCH, else the current date. -o NAME.pdf writes\n"
    "the report as a PDF (the same lines and tables, a table's heading repeated on\n"
    "each page).\n"
    "Exit codes: 0 the report is written and every file was read; 4 the report is\n"
    "written but some files could not be read; 1 usage; 2 a bad roster or option\n"
    "(nothing written); 3 I/O.",
    supply_opts, sizeof(supply_args), run_supply,
};
