/* Answers files themselves: validate, template, import, convert, merge. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "common.h"

typedef struct answers_args {
	cli_args c;
	const char *format, *prefill, *to, *method;
} answers_args;

#define ANSWERS_ARG(field) offsetof(answers_args, field)

static int run_validate(cli_args *o)
{
	int i, rc, status = 0, bad = 0;

	if (o->nfiles < 1)
		return cli_usage_error("validate: give at least one answers file");
	if ((status = cli_context(o)))
		return status;
	for (i = 0; i < o->nfiles; i++) {
		csm_answers *a = NULL;
		const csm_questionnaire *q = NULL;
		int st = cli_load_answers_reported(&a, &q, o, o->files[i]);
		if (!st && (rc = csm_answers_check(a, q, cli_flags(o)))) {
			st = cli_lib_error(rc);
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
	return status;
}

/* The questionnaire a form is made for, and the answers it starts from:
 * with --prefill, the prefilled file's questionnaire (--questionnaire must
 * agree), its answers checked with unanswered items allowed; else
 * --questionnaire or the default. */
static int form_questionnaire(const csm_questionnaire **q, csm_answers **pre, answers_args *r, const char *command)
{
	cli_args *o = &r->c;
	int rc, status;
	if (o->nfiles)
		return cli_usage_error("%s: unexpected argument '%s'", command, o->files[0]);
	if ((status = cli_context(o)))
		return status;
	if (!r->prefill)
		return cli_questionnaire(q, o, o->questionnaire);
	if ((status = cli_load_answers_reported(pre, q, o, r->prefill)))
		return status;
	if ((rc = csm_answers_check(*pre, *q, CSM_ALLOW_PARTIAL)))
		return cli_lib_error(rc);
	return 0;
}

static int run_template(cli_args *args)
{
	answers_args *r = (answers_args *)args;
	cli_args *o = &r->c;
	const csm_questionnaire *q = NULL;
	csm_answers *pre = NULL;
	csm_form_options fo = CSM_FORM_OPTIONS_INIT;
	char *text = NULL;
	unsigned char *bin = NULL;
	size_t bin_len = 0;
	const char *fmt = r->format ? r->format : "json";
	int rc, status, form = strcmp(fmt, "html") == 0 || strcmp(fmt, "xlsx") == 0;

	if (!form && strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0)
		return cli_usage_error("template: --format must be json, csv, html or xlsx");
	if (r->prefill && !form)
		return cli_usage_error("template: --prefill goes with --format html or xlsx");
	if (strcmp(fmt, "xlsx") == 0 && (!o->output || strcmp(o->output, "-") == 0))
		return cli_usage_error("template: --format xlsx writes a binary file: give -o FILE.xlsx");
	if ((status = form_questionnaire(&q, &pre, r, "template")))
		goto cleanup;
	fo.lang = o->lang;
	fo.prefill = pre;
	fo.industries = o->industries;
	if (strcmp(fmt, "xlsx") == 0) {
		rc = csm_form_xlsx(&bin, &bin_len, q, &fo);
		status = rc ? cli_lib_error(rc) : cli_write_bytes(o->output, bin, bin_len);
		goto cleanup;
	}
	rc = strcmp(fmt, "html") == 0  ? csm_form_html(&text, q, &fo)
	     : strcmp(fmt, "csv") == 0 ? csm_template_csv(&text, q, o->lang)
	                               : csm_template_json(&text, q);
	status = rc ? cli_lib_error(rc) : cli_write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_free(bin);
	csm_answers_free(pre);
	return status;
}

/* Items of `a` not answered yet, noted on stderr. */
static void note_open_items(const csm_answers *a, const csm_questionnaire *q, const char *path)
{
	size_t i, open_items = 0;
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		open_items += csm_answers_get(a, csm_item_id(q, i), NULL) < CSM_ANSWER_NA;
	if (open_items)
		fprintf(stderr, "%s: %zu of %zu items not answered yet (score with --allow-partial, or fill them in)\n",
		        path, open_items, csm_questionnaire_item_count(q));
}

static int run_import(cli_args *o)
{
	char *json = NULL;
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	int rc, status;

	if (o->nfiles != 1)
		return cli_usage_error("import: use 'csm import FILE.xlsx [-o OUT.json]'");
	if ((status = cli_context(o)))
		return status;
	/* The workbook becomes an answers document, which is then checked like
	 * any answers file: nothing is written unless it is valid. */
	if ((rc = csm_form_xlsx_load(&json, o->files[0], o->industries)) ||
	    (rc = csm_answers_parse_in(&a, o->ctx, json, strlen(json), o->files[0], NULL)) ||
	    (o->industries && (rc = csm_answers_check_industry(a, o->industries))) ||
	    (rc = csm_context_questionnaire(&q, o->ctx, csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE))) ||
	    (rc = csm_answers_check(a, q, CSM_ALLOW_PARTIAL))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	note_open_items(a, q, o->files[0]);
	status = cli_write_text(o->output, json);
cleanup:
	csm_answers_free(a);
	csm_free(json);
	return status;
}

static int run_convert(cli_args *args)
{
	answers_args *r = (answers_args *)args;
	cli_args *o = &r->c;
	csm_answers *a = NULL;
	const csm_questionnaire *from = NULL, *to = NULL;
	char *json = NULL;
	int rc, status;
	if (o->nfiles != 1 || !r->to)
		return cli_usage_error("convert: use 'csm convert FILE --to QUESTIONNAIRE [-o OUT]'");
	if ((status = cli_context(o)))
		return status;
	if (!(status = cli_load_answers_reported(&a, &from, o, o->files[0]))) {
		if ((rc = csm_context_questionnaire(&to, o->ctx, r->to)) ||
		    (rc = csm_answers_convert(&json, a, o->data, from, to)))
			status = cli_lib_error(rc);
		else
			status = cli_write_text(o->output, json);
	}
	csm_free(json);
	csm_answers_free(a);
	return status;
}

static int run_merge(cli_args *args)
{
	answers_args *r = (answers_args *)args;
	cli_args *o = &r->c;
	csm_answers **a = NULL;
	const csm_questionnaire *q = NULL;
	char *json = NULL;
	csm_merge_method method = CSM_MERGE_MEDIAN;
	int i, rc, status = 0;

	if (o->nfiles < 2)
		return cli_usage_error("merge: give the answers files of two or more raters");
	if (r->method && strcmp(r->method, "median") && strcmp(r->method, "min") && strcmp(r->method, "mean"))
		return cli_usage_error("merge: --method is median, min or mean");
	if (r->method)
		method = r->method[1] == 'i' ? CSM_MERGE_MIN : r->method[1] == 'e' ? CSM_MERGE_MEAN : CSM_MERGE_MEDIAN;
	if ((status = cli_context(o)))
		return status;
	if (!(a = calloc((size_t)o->nfiles, sizeof *a)))
		return cli_nomem();
	for (i = 0; i < o->nfiles; i++) {
		const csm_questionnaire *qi = NULL;
		if ((status = cli_load_answers_reported(&a[i], &qi, o, o->files[i])))
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
		status = cli_lib_error(rc);
	else
		status = cli_write_text(o->output, json);
cleanup:
	for (i = 0; i < o->nfiles; i++)
		csm_answers_free(a[i]);
	free(a);
	csm_free(json);
	return status;
}

static const cli_opt validate_opts[] = {
    OPT_ALLOW_PARTIAL, OPT_QUESTIONNAIRE, OPT_INDUSTRY, OPT_ORG, OPT_DATA_DIR, OPT_END,
};

const cli_command cli_cmd_validate = {
    "validate", "check answers files without scoring",
    "csm validate FILE... [options]",
    "Checks each file against its questionnaire and reports every problem as\n"
    "'file: where: what'. Exit 0 if all are valid, 2 otherwise.",
    validate_opts, sizeof(cli_args), run_validate,
};

static const cli_opt template_opts[] = {
    OPT_QUESTIONNAIRE,
    {"--format", NULL, CLI_STR, 0, ANSWERS_ARG(format), 0, 0, "json|csv|html|xlsx", "what to write (default json)"},
    OPT_LANG,
    {"--prefill", NULL, CLI_STR, CLI_IN, ANSWERS_ARG(prefill), 0, 0, "ANSWERS",
         "start the form (html, xlsx) from this answers file"},
    OPT_OUTPUT("write here instead of standard output (required for xlsx)"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_template = {
    "template", "write a blank answers file, or an offline form (HTML, Excel) to fill in",
    "csm template [options]",
    "Every item of the questionnaire is present with an empty level. The CSV form\n"
    "carries the question text (in --lang) and a UTF-8 BOM for spreadsheet programs;\n"
    "its answer column is headed level, or answer for a questionnaire with its own\n"
    "scale (such as sme-check).\n"
    "--format html writes one self-contained page to fill in in a browser, offline:\n"
    "it keeps what is typed, checks it and saves a csm-answers/1 file. --format xlsx\n"
    "writes an Excel workbook (needs -o) that 'csm import' reads back. --prefill\n"
    "starts either form from an answers file (its questionnaire is used).",
    template_opts, sizeof(answers_args), run_template,
};

static const cli_opt import_opts[] = {
    OPT_OUTPUT("write the answers here instead of standard output"), OPT_DATA_DIR, OPT_END,
};

const cli_command cli_cmd_import = {
    "import", "read a filled-in workbook (from 'csm template --format xlsx') back into answers",
    "csm import FILE.xlsx [options]",
    "Writes a csm-answers/1 file. Cells that do not hold a valid value are reported\n"
    "as 'file: sheet!cell (item X): what' and nothing is written. Items still empty\n"
    "are noted on stderr; such a file scores with --allow-partial.",
    import_opts, sizeof(cli_args), run_import,
};

static const cli_opt convert_opts[] = {
    {"--to", NULL, CLI_STR, 0, ANSWERS_ARG(to), 0, 0, "QUESTIONNAIRE", "the questionnaire to move to (required)"},
    OPT_OUTPUT("write here instead of standard output"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_convert = {
    "convert", "move an answers file to another questionnaire (a newer version)",
    "csm convert FILE --to QUESTIONNAIRE [options]",
    "Uses the item mapping questions/maps/FROM-TO.json. Levels, evidence and notes\n"
    "carry over; items new in the target are left unanswered, with a note, and\n"
    "listed under \"converted\".\"new_items\".",
    convert_opts, sizeof(answers_args), run_convert,
};

static const cli_opt merge_opts[] = {
    {"--method", NULL, CLI_STR, 0, ANSWERS_ARG(method), 0, 0, "median|min|mean",
         "how the raters' levels are combined (default median)"},
    OPT_OUTPUT("write here instead of standard output"),
    OPT_QUESTIONNAIRE,
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_merge = {
    "merge", "combine the answers of several raters into one assessment",
    "csm merge RATER1.json RATER2.json ... [options]",
    "Per item the median level (of two middles the lower), the minimum or the mean;\n"
    "n/a only where every rater said so. Evidence and notes are kept with the rater's\n"
    "name, and all assessors. Items where raters differ by 2 or more levels are listed\n"
    "under \"merged\".\"discuss\", with the spread of every item; the karte shows them.",
    merge_opts, sizeof(answers_args), run_merge,
};
