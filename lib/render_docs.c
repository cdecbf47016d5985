/* The questionnaire and the tips as text and Markdown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "messages.h"
#include "questionnaire.h"
#include "render.h"
#include "tips.h"
#include "util.h"

/* What the questionnaire calls its groups: its own word, else directive. */
/* The choices of a scale, one line each by `fmt` (id, points, label). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the two formats below */
static void scale_lines(csm__buf *o, const csm_questionnaire *q, csm_lang lang, const char *fmt)
{
	size_t k;
	for (k = 0; k < q->choice_count; k++)
		csm__buf_printf(o, fmt, q->choices[k].id, q->choices[k].points, q->choices[k].label[lang]);
}
#pragma GCC diagnostic pop

int csm_render_questions(char **out, const csm_questionnaire *q, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	csm__buf o = {0};
	size_t i;
	int d, l;

	csm__buf_printf(&o, "%s (%s)\n\n", q->title[lang], q->id);
	if (q->choice_count)
		scale_lines(&o, q, lang, "  %s (%d): %s\n");
	for (l = 1; l <= 5 && !q->choice_count; l++)
		csm__buf_printf(&o, "  %d: %s\n", l, q->level[l - 1][lang]);
	for (d = 1; d <= q->group_count; d++) {
		csm__buf_printf(&o, "\n%s %d: %s\n", csm__group_word(q, lang), d, q->dir_title[d - 1][lang]);
		for (i = 0; i < q->item_count; i++) {
			const char *t;
			if (q->items[i].directive != d)
				continue;
			csm__buf_printf(&o, "  %-6s ", q->items[i].id);
			csm__rwrap(&o, q->items[i].text[CSM_ITEM_QUESTION][lang], 9, 78);
			csm__buf_puts(&o, "\n");
			if ((t = q->items[i].text[CSM_ITEM_INTENT][lang])) {
				csm__buf_pad(&o, 0, 9);
				csm__rwrap(&o, t, 9, 78);
				csm__buf_puts(&o, "\n");
			}
		}
	}
	return csm__buf_finish(&o, out);
}

/* The words of an effort or cost class (S, M or L: the loader checks). */
static const char *size_key(char c)
{
	return c == 'S' ? "tips.size_s" : c == 'M' ? "tips.size_m" : "tips.size_l";
}

int csm_render_tip(char **out, const csm_tips *t, const char *id, csm_lang lang)
{
	CSM__ARGS(out && t && id && CSM__LANG_OK(lang));
	const csm_tip *tip;
	const char *title, *problem, *first_step, *owner, *checked;
	char effort, cost;
	int helps_reach;
	csm__buf o = {0};
	size_t i, n;
	int rc;

	*out = NULL;
	if ((rc = csm_tips_find(&tip, t, id)))
		return rc;
	title = csm_tip_text(tip, CSM_TIP_TITLE, lang);
	problem = csm_tip_text(tip, CSM_TIP_PROBLEM, lang);
	first_step = csm_tip_text(tip, CSM_TIP_FIRST_STEP, lang);
	owner = csm_tip_text(tip, CSM_TIP_OWNER, lang);
	checked = csm_tip_text(tip, CSM_TIP_CHECKED, lang);
	effort = csm_tip_effort(tip);
	cost = csm_tip_cost(tip);
	helps_reach = csm_tip_helps_reach(tip);
	if (!first_step)
		first_step = csm_tip_text(tip, CSM_TIP_ACTION, lang);
	csm__buf_printf(&o, "%s %s: %s\n", csm__msg("tips.tip", lang), csm_tip_text(tip, CSM_TIP_ID, lang),
	                title ? title : "");
	if (problem) {
		csm__buf_printf(&o, "\n%s\n  ", csm__msg("tips.problem", lang));
		csm__rwrap(&o, problem, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if ((n = csm_tip_action_count(tip, lang))) {
		csm__buf_printf(&o, "\n%s\n", csm__msg("tips.actions", lang));
		for (i = 0; i < n; i++) {
			csm__buf_printf(&o, "  %zu. ", i + 1);
			csm__rwrap(&o, csm_tip_action(tip, i, lang), 5, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (first_step) {
		csm__buf_printf(&o, "\n%s\n  ", csm__msg("tips.first_step", lang));
		csm__rwrap(&o, first_step, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (csm_tip_budget(tip, CSM_BUDGET_NONE, lang)) { /* all three or none: the loader checks */
		static const char *const labels[CSM_BUDGETS] = {"tips.budget_none", "tips.budget_small",
		                                                "tips.budget_outside"};
		int b;
		csm__buf_printf(&o, "\n%s\n", csm__msg("tips.budget", lang));
		for (b = 0; b < CSM_BUDGETS; b++) {
			csm__buf_printf(&o, "  %s\n    ", csm__msg(labels[b], lang));
			csm__rwrap(&o, csm_tip_budget(tip, (csm_budget)b, lang), 4, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (owner || effort || cost || helps_reach || checked) {
		csm__buf_puts(&o, "\n");
		if (owner)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.owner", lang), owner);
		if (effort)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.effort", lang), csm__msg(size_key(effort), lang));
		if (cost)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.cost", lang), csm__msg(size_key(cost), lang));
		if (helps_reach)
			csm__buf_msgf(&o, csm__msg("tips.helps_reach", lang), helps_reach);
		if (checked)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.checked", lang), checked);
	}
	return csm__buf_finish(&o, out);
}

int csm_render_questions_md(char **out, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	int d, l;
	csm__buf o = {0};
	size_t i, k;

	csm__buf_printf(&o, "# %s\n\n", q->title[lang]);
	csm__buf_printf(&o, "%s `%s`.\n\n", csm__msg("docs.questionnaire", lang), q->id);
	if (q->choice_count) {
		csm__buf_printf(&o, "## %s\n\n%s\n\n", csm__msg("docs.how_to_answer", lang), csm__msg("sme.answer_with", lang));
		scale_lines(&o, q, lang, "- `%s` (%d): %s\n");
	} else {
		csm__buf_printf(&o, "## %s\n\n%s\n\n", csm__msg("docs.how_to_answer", lang),
		                csm__msg("docs.how_to_answer_text", lang));
	}
	for (l = 1; l <= 5 && !q->choice_count; l++)
		csm__buf_printf(&o, "- **%d**: %s\n", l, q->level[l - 1][lang]);
	if (q->gate_count) {
		csm__buf_printf(&o, "\n## %s\n\n%s\n\n", csm__msg("docs.gates", lang),
		                csm__msg("docs.gates_text", lang));
		for (i = 0; i < q->gate_count; i++)
			csm__buf_printf(&o, "- `%s`: %s (%s)\n", q->gates[i].id, q->gates[i].question[lang],
			                csm__msg("docs.yes_no", lang));
	}
	for (d = 1; d <= q->group_count; d++) {
		csm__buf_printf(&o, "\n## %s %d: %s\n", csm__group_word(q, lang), d, q->dir_title[d - 1][lang]);
		for (i = 0; i < q->item_count; i++) {
			const csm__item *it = &q->items[i];
			if (it->directive != d)
				continue;
			csm__buf_printf(&o, "\n### %s  %s\n\n", it->id, it->text[CSM_ITEM_QUESTION][lang]);
			if (it->text[CSM_ITEM_INTENT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", csm__msg("docs.intent", lang), it->text[CSM_ITEM_INTENT][lang]);
			if (it->level[0][lang]) {
				csm__buf_printf(&o, "| %s | %s |\n|---|---|\n", csm__msg("docs.col_level", lang),
				                csm__msg("docs.col_looks_like", lang));
				for (l = 1; l <= 5; l++)
					csm__buf_printf(&o, "| %d | %s |\n", l, it->level[l - 1][lang]);
				csm__buf_puts(&o, "\n");
			}
			if (it->text[CSM_ITEM_HINT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", csm__msg("docs.hint", lang), it->text[CSM_ITEM_HINT][lang]);
			if (it->text[CSM_ITEM_HOW][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", csm__msg("sme.how", lang), it->text[CSM_ITEM_HOW][lang]);
			if (it->appendix_a) /* the official item, so the question can be held against it */
				csm__buf_printf(&o, "%s: %s\n\n",
				                q->appendix_a_source[lang] ? q->appendix_a_source[lang]
				                                           : csm__msg("docs.appendix_a", lang),
				                it->appendix_a);
			if (it->csf_count) {
				csm__buf_puts(&o, "NIST CSF:");
				for (k = 0; k < it->csf_count; k++)
					csm__buf_printf(&o, " %s", it->csf[k]);
				csm__buf_puts(&o, "\n\n");
			}
			for (k = 0; k < it->tip_count; k++) {
				const char *title = csm_tip_text(csm__tips_lookup(tips, it->tips[k]), CSM_TIP_TITLE, lang);
				csm__buf_printf(&o, "%s %s%s%s\n", csm__msg("docs.tip", lang), it->tips[k], title ? ": " : "",
				                title ? title : "");
			}
		}
	}
	return csm__buf_finish(&o, out);
}
