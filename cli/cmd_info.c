/* What the data directory holds: questions, tips, industries. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "common.h"

typedef struct info_args {
	cli_args c;
	const char *format;
} info_args;

static int run_questions(cli_args *args)
{
	info_args *r = (info_args *)args;
	cli_args *o = &r->c;
	const csm_questionnaire *q = NULL;
	csm_tips *tips = NULL;
	char *text = NULL;
	int rc, status;
	int md = r->format && strcmp(r->format, "md") == 0;
	if (r->format && !md && strcmp(r->format, "text") != 0)
		return cli_usage_error("questions: --format must be text or md");
	if (o->nfiles)
		return cli_usage_error("questions: unexpected argument '%s'", o->files[0]);
	if ((status = cli_context(o)) || (status = cli_questionnaire(&q, o, o->questionnaire)))
		return status;
	if (md && (rc = csm_tips_open(&tips, o->data)))
		return cli_lib_error(rc);
	rc = md ? csm_render_questions_md(&text, q, tips, o->lang) : csm_render_questions(&text, q, o->lang);
	csm_tips_free(tips);
	status = rc ? cli_lib_error(rc) : cli_write_text(o->output, text);
	csm_free(text);
	return status;
}

static int run_tips(cli_args *o)
{
	csm_tips *tips = NULL;
	char *text = NULL;
	int i, rc, status;
	if ((status = cli_context(o)))
		return status;
	if ((rc = csm_tips_open(&tips, o->data)))
		return cli_lib_error(rc);
	if (o->nfiles == 0) { /* the list */
		size_t k;
		for (k = 0; k < csm_tips_count(tips); k++) {
			const csm_tip *tip = csm_tips_get(tips, k);
			printf("%-6s %s\n", csm_tip_text(tip, CSM_TIP_ID, o->lang), csm_tip_text(tip, CSM_TIP_TITLE, o->lang));
		}
	}
	for (i = 0; i < o->nfiles && !status; i++) {
		if ((rc = csm_render_tip(&text, tips, o->files[i], o->lang)))
			status = cli_lib_error(rc);
		else
			printf("%s%s", i ? "\n" : "", text);
		csm_free(text);
		text = NULL;
	}
	csm_tips_free(tips);
	return status;
}

static int run_industries(cli_args *o)
{
	size_t i;
	int status;
	if (o->nfiles)
		return cli_usage_error("industries: unexpected argument '%s'", o->files[0]);
	if ((status = cli_context(o)))
		return status;
	if (!o->industries) {
		fprintf(stderr, "%s: the data directory has no questions/industries.json\n", o->data);
		return EXIT_INPUT;
	}
	for (i = 0; i < csm_industries_count(o->industries); i++) {
		const char *id = csm_industry_id(o->industries, i);
		const char *parent = csm_industry_parent(o->industries, id);
		printf("%-26s %s", id, csm_industry_label(o->industries, id, o->lang));
		printf(parent ? "  (%s)\n" : "\n", parent ? csm_industry_label(o->industries, parent, o->lang) : "");
	}
	return 0;
}

static const cli_opt questions_opts[] = {
    OPT_QUESTIONNAIRE,
    OPT_LANG,
    {"--format", NULL, CLI_STR, 0, offsetof(info_args, format), 0, 0, "text|md",
         "plain text (default), or a Markdown document"},
    OPT_OUTPUT("write here instead of standard output"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_questions = {
    "questions", "print the questionnaire (text, or a Markdown document)",
    "csm questions [options]",
    "--format md writes a document for people to read or print: how to answer,\n"
    "the gate questions, and per item its intent, what each level looks like,\n"
    "how to find the answer, NIST CSF ids and tips.",
    questions_opts, sizeof(info_args), run_questions,
};

static const cli_opt lang_opts[] = {OPT_LANG, OPT_DATA_DIR, OPT_END};

const cli_command cli_cmd_tips = {
    "tips", "print tips: the list, or each ID in full",
    "csm tips [ID...] [options]",
    "Without ids: every tip's id and title. With ids: the problem, the actions in\n"
    "order, a first step for this month, effort and cost (S/M/L), owner, the\n"
    "level it helps reach, and for the small-company tips what to do with no\n"
    "budget, a small budget or outside help.",
    lang_opts, sizeof(cli_args), run_tips,
};

const cli_command cli_cmd_industries = {
    "industries", "list the industry ids (organization.industry) with their labels and parent groups",
    "csm industries [options]", NULL, lang_opts, sizeof(cli_args), run_industries,
};
