/* The questionnaire and the tips as text and Markdown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

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
	csm_tip_info tip;
	csm__buf o = {0};
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = csm_tip_get(&tip, t, id, lang)))
		return rc;
	csm__buf_printf(&o, "%s %s: %s\n", csm__msg("tips.tip", lang), tip.id, tip.title ? tip.title : "");
	if (tip.problem) {
		csm__buf_printf(&o, "\n%s\n  ", csm__msg("tips.problem", lang));
		csm__rwrap(&o, tip.problem, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (tip.action_count) {
		csm__buf_printf(&o, "\n%s\n", csm__msg("tips.actions", lang));
		for (i = 0; i < tip.action_count; i++) {
			csm__buf_printf(&o, "  %zu. ", i + 1);
			csm__rwrap(&o, tip.actions[i], 5, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (tip.first_step || tip.action) {
		csm__buf_printf(&o, "\n%s\n  ", csm__msg("tips.first_step", lang));
		csm__rwrap(&o, tip.first_step ? tip.first_step : tip.action, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (tip.budget[CSM_BUDGET_NONE]) { /* all three or none: the loader checks */
		static const char *const labels[CSM_BUDGETS] = {"tips.budget_none", "tips.budget_small",
		                                                "tips.budget_outside"};
		int b;
		csm__buf_printf(&o, "\n%s\n", csm__msg("tips.budget", lang));
		for (b = 0; b < CSM_BUDGETS; b++) {
			csm__buf_printf(&o, "  %s\n    ", csm__msg(labels[b], lang));
			csm__rwrap(&o, tip.budget[b], 4, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (tip.owner || tip.effort || tip.cost || tip.helps_reach || tip.checked) {
		csm__buf_puts(&o, "\n");
		if (tip.owner)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.owner", lang), tip.owner);
		if (tip.effort)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.effort", lang), csm__msg(size_key(tip.effort), lang));
		if (tip.cost)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.cost", lang), csm__msg(size_key(tip.cost), lang));
		if (tip.helps_reach)
			csm__buf_msgf(&o, csm__msg("tips.helps_reach", lang), tip.helps_reach);
		if (tip.checked)
			csm__buf_printf(&o, "%s: %s\n", csm__msg("tips.checked", lang), tip.checked);
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
				const char *title = csm_tip_title(tips, it->tips[k], lang);
				csm__buf_printf(&o, "%s %s%s%s\n", csm__msg("docs.tip", lang), it->tips[k], title ? ": " : "",
				                title ? title : "");
			}
		}
	}
	return csm__buf_finish(&o, out);
}
