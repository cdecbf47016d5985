/* The questionnaire and the tips as text and Markdown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* What the questionnaire calls its groups: its own word, else directive. */
static const char *group_word(const csm_questionnaire *q, csm_lang lang)
{
	return q->group_word[lang] ? q->group_word[lang] : lang == CSM_LANG_JA ? "指示" : "Directive";
}

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
		csm__buf_printf(&o, "\n%s %d: %s\n", group_word(q, lang), d, q->dir_title[d - 1][lang]);
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

int csm_render_tip(char **out, const csm_tips *t, const char *id, csm_lang lang)
{
	CSM__ARGS(out && t && id && CSM__LANG_OK(lang));
	static const char *const size_ja[3] = {"小", "中", "大"};
	csm_tip_info tip;
	csm__buf o = {0};
	size_t i;
	int rc, ja = lang == CSM_LANG_JA;

	*out = NULL;
	if ((rc = csm_tip_get(&tip, t, id, lang)))
		return rc;
	csm__buf_printf(&o, "%s %s: %s\n", ja ? "ティップス" : "Tip", tip.id, tip.title ? tip.title : "");
	if (tip.problem) {
		csm__buf_printf(&o, "\n%s\n  ", ja ? "課題" : "Problem");
		csm__rwrap(&o, tip.problem, 2, 78);
		csm__buf_puts(&o, "\n");
	}
	if (tip.action_count) {
		csm__buf_printf(&o, "\n%s\n", ja ? "進め方" : "Actions");
		for (i = 0; i < tip.action_count; i++) {
			csm__buf_printf(&o, "  %zu. ", i + 1);
			csm__rwrap(&o, tip.actions[i], 5, 78);
			csm__buf_puts(&o, "\n");
		}
	}
	if (tip.first_step || tip.action) {
		csm__buf_printf(&o, "\n%s\n  ", ja ? "今月できる最初の一歩" : "First step (this month)");
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
			csm__buf_printf(&o, "%s: %s\n", ja ? "担当" : "Owner", tip.owner);
		if (tip.effort)
			csm__buf_printf(&o, "%s: %c%s%s%s\n", ja ? "工数" : "Effort", tip.effort, ja ? " (" : "",
			                ja ? size_ja[tip.effort == 'S' ? 0 : tip.effort == 'M' ? 1 : 2] : "", ja ? ")" : "");
		if (tip.cost)
			csm__buf_printf(&o, "%s: %c%s%s%s\n", ja ? "費用" : "Cost", tip.cost, ja ? " (" : "",
			                ja ? size_ja[tip.cost == 'S' ? 0 : tip.cost == 'M' ? 1 : 2] : "", ja ? ")" : "");
		if (tip.helps_reach)
			csm__buf_printf(&o, ja ? "レベル %d に達するのに役立ちます\n" : "Helps reach level %d\n", tip.helps_reach);
		if (tip.checked)
			csm__buf_printf(&o, "%s: %s\n", ja ? "内容の確認時点" : "Facts checked", tip.checked);
	}
	return csm__buf_finish(&o, out);
}

int csm_render_questions_md(char **out, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && q && CSM__LANG_OK(lang));
	int ja = lang == CSM_LANG_JA, d, l;
	csm__buf o = {0};
	size_t i, k;

	csm__buf_printf(&o, "# %s\n\n", q->title[lang]);
	csm__buf_printf(&o, "%s `%s`.\n\n", ja ? "設問セット" : "Questionnaire", q->id);
	if (q->choice_count) {
		csm__buf_printf(&o, "## %s\n\n%s\n\n", ja ? "回答のしかた" : "How to answer", csm__msg("sme.answer_with", lang));
		scale_lines(&o, q, lang, "- `%s` (%d): %s\n");
	} else {
		csm__buf_printf(&o, "## %s\n\n%s\n\n", ja ? "回答のしかた" : "How to answer",
		                ja ? "各項目に 1 から 5 のレベル、または該当しない場合は n/a で回答します。根拠 (evidence) と、誰が評価したかを残してください。"
		                   : "Answer each item with a level from 1 to 5, or n/a where it does not apply. Record the evidence and who assessed it.");
	}
	for (l = 1; l <= 5 && !q->choice_count; l++)
		csm__buf_printf(&o, "- **%d**: %s\n", l, q->level[l - 1][lang]);
	if (q->gate_count) {
		csm__buf_printf(&o, "\n## %s\n\n%s\n\n", ja ? "最初に確認する質問" : "Questions to answer first",
		                ja ? "「いいえ」の場合、関連する項目は高いレベルになりません。矛盾する回答は警告されます。"
		                   : "Where the answer is no, the related items cannot be at a high level; answers that say otherwise are flagged.");
		for (i = 0; i < q->gate_count; i++)
			csm__buf_printf(&o, "- `%s`: %s (%s)\n", q->gates[i].id, q->gates[i].question[lang],
			                ja ? "はい / いいえ" : "yes / no");
	}
	for (d = 1; d <= q->group_count; d++) {
		csm__buf_printf(&o, "\n## %s %d: %s\n", group_word(q, lang), d, q->dir_title[d - 1][lang]);
		for (i = 0; i < q->item_count; i++) {
			const csm__item *it = &q->items[i];
			if (it->directive != d)
				continue;
			csm__buf_printf(&o, "\n### %s  %s\n\n", it->id, it->text[CSM_ITEM_QUESTION][lang]);
			if (it->text[CSM_ITEM_INTENT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", ja ? "ねらい:" : "Intent:", it->text[CSM_ITEM_INTENT][lang]);
			if (it->level[0][lang]) {
				csm__buf_printf(&o, "| %s | %s |\n|---|---|\n", ja ? "レベル" : "Level", ja ? "この項目での姿" : "What it looks like");
				for (l = 1; l <= 5; l++)
					csm__buf_printf(&o, "| %d | %s |\n", l, it->level[l - 1][lang]);
				csm__buf_puts(&o, "\n");
			}
			if (it->text[CSM_ITEM_HINT][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", ja ? "回答のヒント:" : "How to answer:", it->text[CSM_ITEM_HINT][lang]);
			if (it->text[CSM_ITEM_HOW][lang])
				csm__buf_printf(&o, "*%s* %s\n\n", csm__msg("sme.how", lang), it->text[CSM_ITEM_HOW][lang]);
			if (it->appendix_a) /* the official item, so the question can be held against it */
				csm__buf_printf(&o, "%s: %s\n\n",
				                q->appendix_a_source[lang] ? q->appendix_a_source[lang]
				                                           : ja ? "ガイドライン付録A" : "Guidelines Appendix A",
				                it->appendix_a);
			if (it->csf_count) {
				csm__buf_puts(&o, "NIST CSF:");
				for (k = 0; k < it->csf_count; k++)
					csm__buf_printf(&o, " %s", it->csf[k]);
				csm__buf_puts(&o, "\n\n");
			}
			for (k = 0; k < it->tip_count; k++) {
				const char *title = csm_tip_title(tips, it->tips[k], lang);
				csm__buf_printf(&o, "%s %s%s%s\n", ja ? "ティップス" : "Tip", it->tips[k], title ? ": " : "",
				                title ? title : "");
			}
		}
	}
	return csm__buf_finish(&o, out);
}
