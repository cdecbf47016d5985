/* The offline HTML form: one self-contained page, generated from the
 * questionnaire, that a subsidiary fills in in a browser without installing
 * anything and saves as a csm-answers/1 file.
 *
 * Everything a reader needs is in the markup (questions, levels, hints, and
 * the prefilled answers), so the page prints and reads without its script;
 * the script (lib/form/form.js, compiled in) adds progress, local storage,
 * checks and saving. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "error.h"
#include "form.h"
#include "messages.h"
#include "questionnaire.h"
#include "util.h"

extern const unsigned char csm__form_css[];
extern const unsigned char csm__form_js[];

/* The page's own words (messages.c, "form."); the script gets them too, in
 * this order, under the key without its "form." prefix. */
#define FORM_PREFIX "form."
static const char *const UI[] = {
    "form.intro", "form.skip", "form.bar", "form.progress", "form.next_open", "form.print", "form.save",
    "form.save_draft", "form.draft_note", "form.problems", "form.noscript", "form.org", "form.f_name",
    "form.f_industry", "form.choose", "form.f_scope", "form.scope_entity", "form.scope_group",
    "form.f_size", "form.size_none",
    /* The same words as the workbook's: csm defines no headcount for the bands. */
    "form.size_small", "form.size_medium", "form.size_large", "form.f_date", "form.f_date_help",
    "form.assessors", "form.assessors_help", "form.f_assessor", "form.f_role", "form.add_assessor",
    "form.remove", "form.remove_label", "form.gates", "form.gates_help", "form.yes", "form.no",
    "form.levels", "form.directive", "form.items_count", "form.level", "form.na", "form.na_text",
    "form.intent", "form.hint", "form.f_evidence_label", "form.evidence_help", "form.f_note_label",
    "form.footer", "form.restored", "form.discard", "form.no_storage", "form.saved", "form.saved_draft",
    "form.saved_warnings", "form.e_name", "form.e_industry", "form.e_date", "form.e_date_bad",
    "form.e_assessor", "form.e_open", "form.e_long", "form.w_evidence", "form.f_evidence", "form.f_note",
};

/* `n` bytes of text or attribute value, escaped for HTML. */
static void esc_n(csm__buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		csm__buf_add(b, run, (size_t)(s - run));
		csm__buf_puts(b, rep);
		run = s + 1;
	}
	csm__buf_add(b, run, (size_t)(s - run));
}

static void esc(csm__buf *b, const char *s) { esc_n(b, s, strlen(s)); }

/* UI text `text` with each {names[k]} replaced by values[k], all escaped. */
static void esc_fill(csm__buf *b, const char *text, const char *const *names, const char *const *values, size_t n)
{
	const char *p = text, *open;
	while ((open = strchr(p, '{')) != NULL) {
		const char *close = strchr(open, '}');
		size_t k = n;
		if (close)
			for (k = 0; k < n; k++)
				if (strlen(names[k]) == (size_t)(close - open - 1) &&
				    strncmp(open + 1, names[k], (size_t)(close - open - 1)) == 0)
					break;
		esc_n(b, p, (size_t)(open - p));
		if (k < n) {
			esc(b, values[k]);
			p = close + 1;
		} else {
			esc_n(b, open, 1);
			p = open + 1;
		}
	}
	esc(b, p);
}

/* <input type="radio"> choices of one item: levels 1..5 and n/a. */
static void level_choices(csm__buf *b, const csm_questionnaire *q, size_t i, const csm__answer *ans, csm_lang lang)
{
	const char *id = q->items[i].id;
	int l;
	csm__buf_puts(b, "<fieldset class=\"levels\"><legend>");
	esc(b, csm__msg("form.level", lang));
	csm__buf_puts(b, "</legend>\n");
	for (l = 1; l <= 6; l++) {
		const char *desc = l <= 5 ? q->items[i].level[l - 1][lang] : csm__msg("form.na_text", lang);
		int checked = ans && (l <= 5 ? ans->kind == CSM_ANSWER_LEVEL && ans->level == l : ans->kind == CSM_ANSWER_NA);
		if (!desc)
			desc = q->level[l - 1][lang];
		csm__buf_puts(b, "<label><input type=\"radio\" name=\"level-");
		esc(b, id);
		if (l <= 5)
			csm__buf_printf(b, "\" value=\"%d\"%s><span class=\"n\">%d</span><span>", l, checked ? " checked" : "", l);
		else
			csm__buf_printf(b, "\" value=\"n/a\"%s><span class=\"n\">%s</span><span>", checked ? " checked" : "",
			                csm__msg("form.na_mark", lang));
		esc(b, desc ? desc : "");
		csm__buf_puts(b, "</span></label>\n");
	}
	csm__buf_puts(b, "</fieldset>\n");
}

/* <input type="radio"> choices of one item of a questionnaire with its own
 * scale: its choices, by id, with their labels (the values the file takes). */
static void scale_choices(csm__buf *b, const csm_questionnaire *q, size_t i, const csm__answer *ans, csm_lang lang)
{
	size_t k;
	csm__buf_puts(b, "<fieldset class=\"levels\"><legend>");
	esc(b, csm__msg("sme.form_answer", lang));
	csm__buf_puts(b, "</legend>\n");
	for (k = 0; k < q->choice_count; k++) {
		int checked = ans && ans->kind == CSM_ANSWER_CHOICE && strcmp(ans->choice, q->choices[k].id) == 0;
		csm__buf_puts(b, "<label><input type=\"radio\" name=\"level-");
		esc(b, q->items[i].id);
		csm__buf_puts(b, "\" value=\"");
		esc(b, q->choices[k].id);
		csm__buf_printf(b, "\"%s><span class=\"n\">%d</span><span>", checked ? " checked" : "", q->choices[k].points);
		esc(b, q->choices[k].label[lang]);
		csm__buf_puts(b, "</span></label>\n");
	}
	csm__buf_puts(b, "</fieldset>\n");
}

/* Evidence or note: a labelled text area. */
static void text_area(csm__buf *b, const char *kind, const char *item, const char *label, const char *help,
                      const char *value)
{
	csm__buf_printf(b, "<label class=\"field\" for=\"%s-", kind);
	esc(b, item);
	csm__buf_puts(b, "\">");
	esc(b, label);
	if (help) {
		csm__buf_puts(b, " <span class=\"help\">");
		esc(b, help);
		csm__buf_puts(b, "</span>");
	}
	csm__buf_printf(b, "<textarea id=\"%s-", kind);
	esc(b, item);
	csm__buf_printf(b, "\" name=\"%s-", kind);
	esc(b, item);
	csm__buf_printf(b, "\" rows=\"2\" maxlength=\"%u\">", CSM_MAX_TEXT_BYTES);
	esc(b, value ? value : "");
	csm__buf_puts(b, "</textarea></label>\n");
}

static void item_article(csm__buf *b, const csm_questionnaire *q, size_t i, const csm_answers *pre, csm_lang lang)
{
	const csm__item *it = &q->items[i];
	const csm__answer *ans = pre ? csm__answers_find(pre, it->id) : NULL;
	const char *intent = it->text[CSM_ITEM_INTENT][lang], *hint = it->text[CSM_ITEM_HINT][lang];

	csm__buf_puts(b, "<article class=\"item\" id=\"item-");
	esc(b, it->id);
	csm__buf_puts(b, "\"><h3><span class=\"id\">");
	esc(b, it->id);
	csm__buf_puts(b, "</span> ");
	esc(b, it->text[CSM_ITEM_QUESTION][lang]);
	csm__buf_puts(b, "</h3>\n");
	if (intent) {
		csm__buf_puts(b, "<p class=\"intent\"><span class=\"label\">");
		esc(b, csm__msg("form.intent", lang));
		csm__buf_puts(b, ":</span> ");
		esc(b, intent);
		csm__buf_puts(b, "</p>\n");
	}
	if (q->choice_count)
		scale_choices(b, q, i, ans, lang);
	else
		level_choices(b, q, i, ans, lang);
	if (it->text[CSM_ITEM_HOW][lang]) {
		csm__buf_puts(b, "<p class=\"hint\"><span class=\"label\">");
		esc(b, csm__msg("sme.form_how", lang));
		csm__buf_puts(b, ":</span> ");
		esc(b, it->text[CSM_ITEM_HOW][lang]);
		csm__buf_puts(b, "</p>\n");
	}
	if (hint) {
		csm__buf_puts(b, "<p class=\"hint\"><span class=\"label\">");
		esc(b, csm__msg("form.hint", lang));
		csm__buf_puts(b, ":</span> ");
		esc(b, hint);
		csm__buf_puts(b, "</p>\n");
	}
	csm__buf_puts(b, "<div class=\"texts\">\n");
	/* the help asks for evidence of levels 4 and 5; a scale has none */
	text_area(b, "evidence", it->id, csm__msg("form.f_evidence_label", lang),
	          q->choice_count ? NULL : csm__msg("form.evidence_help", lang), ans ? ans->evidence : NULL);
	text_area(b, "note", it->id, csm__msg("form.f_note_label", lang), NULL, ans ? ans->note : NULL);
	csm__buf_puts(b, "</div></article>\n");
}

/* <select> of fixed choices: values[k] shown as labels[k]. */
static void select_field(csm__buf *b, const char *id, const char *label, const char *const *values,
                         const char *const *labels, size_t n, const char *current)
{
	size_t k;
	csm__buf_printf(b, "<label class=\"field\" for=\"%s\">", id);
	esc(b, label);
	csm__buf_printf(b, "<select id=\"%s\" name=\"%s\">", id, id);
	for (k = 0; k < n; k++) {
		csm__buf_puts(b, "<option value=\"");
		esc(b, values[k]);
		csm__buf_puts(b, current && strcmp(current, values[k]) == 0 ? "\" selected>" : "\">");
		esc(b, labels[k]);
		csm__buf_puts(b, "</option>");
	}
	csm__buf_puts(b, "</select></label>\n");
}

static void assessor_row(csm__buf *b, const char *name, const char *role, csm_lang lang)
{
	csm__buf_puts(b, "<div class=\"assessor\"><label class=\"field\">");
	esc(b, csm__msg("form.f_assessor", lang));
	csm__buf_printf(b, "<input type=\"text\" class=\"a-name\" maxlength=\"%u\" value=\"", CSM_MAX_NAME_BYTES);
	esc(b, name ? name : "");
	csm__buf_puts(b, "\"></label><label class=\"field\">");
	esc(b, csm__msg("form.f_role", lang));
	csm__buf_printf(b, "<input type=\"text\" class=\"a-role\" maxlength=\"%u\" value=\"", CSM_MAX_NAME_BYTES);
	esc(b, role ? role : "");
	csm__buf_puts(b, "\"></label><button type=\"button\" class=\"remove\" aria-label=\"");
	esc(b, csm__msg("form.remove_label", lang));
	csm__buf_puts(b, "\">");
	esc(b, csm__msg("form.remove", lang));
	csm__buf_puts(b, "</button></div>\n");
}

/* The industry: a choice from the list when there is one, else a text field. */
static void industry_field(csm__buf *b, const csm_form_options *opt, const char *industry)
{
	csm_lang lang = opt->lang;
	size_t i;

	esc(b, csm__msg("form.f_industry", lang));
	if (opt->industries) {
		int found = 0;
		csm__buf_puts(b, "<select id=\"org-industry\" name=\"org-industry\"><option value=\"\">");
		esc(b, csm__msg("form.choose", lang));
		csm__buf_puts(b, "</option>");
		for (i = 0; i < csm_industries_count(opt->industries); i++) {
			const char *id = csm_industry_id(opt->industries, i);
			int sel = industry && strcmp(industry, id) == 0;
			found |= sel;
			csm__buf_puts(b, "<option value=\"");
			esc(b, id);
			csm__buf_puts(b, sel ? "\" selected>" : "\">");
			esc(b, csm_industry_label(opt->industries, id, lang));
			csm__buf_puts(b, "</option>");
		}
		/* An industry the list does not know stays choosable rather than being lost. */
		if (industry && *industry && !found) {
			csm__buf_puts(b, "<option selected value=\"");
			esc(b, industry);
			csm__buf_puts(b, "\">");
			/* a group (e.g. finance) has a label too */
			esc(b, csm_industry_label(opt->industries, industry, lang) ? csm_industry_label(opt->industries, industry, lang)
			                                                           : industry);
			csm__buf_puts(b, "</option>");
		}
		csm__buf_puts(b, "</select></label>\n");
	} else {
		csm__buf_printf(b, "<input type=\"text\" id=\"org-industry\" name=\"org-industry\" maxlength=\"%u\" value=\"",
		                CSM_MAX_NAME_BYTES);
		esc(b, industry ? industry : "");
		csm__buf_puts(b, "\"></label>\n");
	}
}

/* The scope and size choices. */
static void scope_size_fields(csm__buf *b, const csm_answers *pre, csm_lang lang)
{
	const char *sizes[1 + CSM__SIZES] = {""};
	const char *scope_labels[2], *size_labels[4];
	size_t i;

	scope_labels[0] = csm__msg("form.scope_entity", lang);
	scope_labels[1] = csm__msg("form.scope_group", lang);
	select_field(b, "org-scope", csm__msg("form.f_scope", lang), csm__scopes, scope_labels, CSM__SCOPES,
	             pre ? pre->field[CSM_FIELD_ORG_SCOPE] : NULL);
	for (i = 0; i < CSM__SIZES; i++) /* after a "not given" choice */
		sizes[1 + i] = csm__sizes[i];
	size_labels[0] = csm__msg("form.size_none", lang);
	size_labels[1] = csm__msg("form.size_small", lang);
	size_labels[2] = csm__msg("form.size_medium", lang);
	size_labels[3] = csm__msg("form.size_large", lang);
	select_field(b, "org-size", csm__msg("form.f_size", lang), sizes, size_labels, 1 + CSM__SIZES,
	             pre ? pre->field[CSM_FIELD_ORG_SIZE] : NULL);
}

/* The assessors: a row each (one empty row when none), an add button and the row template. */
static void assessors_part(csm__buf *b, const csm_answers *pre, csm_lang lang)
{
	size_t i;

	csm__buf_puts(b, "<h3>");
	esc(b, csm__msg("form.assessors", lang));
	csm__buf_puts(b, "</h3><p class=\"hint\">");
	esc(b, csm__msg("form.assessors_help", lang));
	csm__buf_puts(b, "</p><div id=\"assessors\">\n");
	for (i = 0; pre && i < pre->assessor_count; i++)
		assessor_row(b, pre->assessor_name[i], pre->assessor_role[i], lang);
	if (!pre || !pre->assessor_count)
		assessor_row(b, NULL, NULL, lang);
	csm__buf_puts(b, "</div><button type=\"button\" id=\"add-assessor\">");
	esc(b, csm__msg("form.add_assessor", lang));
	csm__buf_puts(b, "</button>\n<template id=\"assessor-row\">");
	assessor_row(b, NULL, NULL, lang);
	csm__buf_puts(b, "</template>");
}

static void organization_card(csm__buf *b, const csm_form_options *opt)
{
	const csm_answers *pre = opt->prefill;
	csm_lang lang = opt->lang;
	const char *name = pre ? pre->field[CSM_FIELD_ORG_NAME] : NULL;
	const char *date = pre ? pre->field[CSM_FIELD_ASSESSED_ON] : NULL;

	csm__buf_puts(b, "<section class=\"card\" id=\"organization\"><h2>");
	esc(b, csm__msg("form.org", lang));
	csm__buf_puts(b, "</h2><div class=\"grid\">\n<label class=\"field\" for=\"org-name\">");
	esc(b, csm__msg("form.f_name", lang));
	csm__buf_printf(b, "<input type=\"text\" id=\"org-name\" name=\"org-name\" maxlength=\"%u\" value=\"",
	                CSM_MAX_NAME_BYTES);
	esc(b, name ? name : "");
	csm__buf_puts(b, "\"></label>\n<label class=\"field wide\" for=\"org-industry\">");
	industry_field(b, opt, pre ? pre->field[CSM_FIELD_ORG_INDUSTRY] : NULL);
	scope_size_fields(b, pre, lang);
	csm__buf_puts(b, "<label class=\"field\" for=\"assessed-on\">");
	esc(b, csm__msg("form.f_date", lang));
	/* Text, not type="date": a date picker shows the browser's locale order
	 * (mm/dd/yyyy in a Japanese form on an English system); the file and
	 * the workbook use YYYY-MM-DD, and so does the field. */
	csm__buf_puts(b, "<input type=\"text\" id=\"assessed-on\" name=\"assessed-on\" inputmode=\"numeric\" "
	                 "maxlength=\"10\" placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" "
	                 "autocomplete=\"off\" aria-describedby=\"assessed-on-help\" value=\"");
	esc(b, date ? date : "");
	csm__buf_puts(b, "\"><span class=\"help\" id=\"assessed-on-help\">");
	esc(b, csm__msg("form.f_date_help", lang));
	csm__buf_puts(b, "</span></label>\n</div>\n");
	assessors_part(b, pre, lang);
	csm__buf_puts(b, "</section>\n");
}

static void gates_card(csm__buf *b, const csm_questionnaire *q, const csm_answers *pre, csm_lang lang)
{
	size_t i, k;
	if (!q->gate_count)
		return;
	csm__buf_puts(b, "<section class=\"card\" id=\"gates\"><h2>");
	esc(b, csm__msg("form.gates", lang));
	csm__buf_puts(b, "</h2><p class=\"hint\">");
	esc(b, csm__msg("form.gates_help", lang));
	csm__buf_puts(b, "</p>\n");
	for (i = 0; i < q->gate_count; i++) {
		const char *id = q->gates[i].id;
		int value = -1;
		for (k = 0; pre && k < pre->gate_count; k++)
			if (strcmp(pre->gate_id[k], id) == 0)
				value = pre->gate_value[k];
		csm__buf_puts(b, "<fieldset class=\"gate\" id=\"gate-");
		esc(b, id);
		csm__buf_puts(b, "\"><legend>");
		esc(b, q->gates[i].question[lang]);
		csm__buf_puts(b, "</legend><div class=\"choices\">");
		for (k = 0; k < 2; k++) {
			csm__buf_puts(b, "<label><input type=\"radio\" name=\"gate-");
			esc(b, id);
			csm__buf_printf(b, "\" value=\"%s\"%s> ", k ? "no" : "yes", value == (k ? 0 : 1) ? " checked" : "");
			esc(b, csm__msg(k ? "form.no" : "form.yes", lang));
			csm__buf_puts(b, "</label>");
		}
		csm__buf_puts(b, "</div></fieldset>\n");
	}
	csm__buf_puts(b, "</section>\n");
}

static void levels_card(csm__buf *b, const csm_questionnaire *q, csm_lang lang)
{
	int l;
	csm__buf_puts(b, "<section class=\"card\" id=\"levels\"><h2>");
	esc(b, csm__msg("form.levels", lang));
	csm__buf_puts(b, "</h2><dl>\n");
	for (l = 1; l <= 5; l++) {
		csm__buf_printf(b, "<dt>%s %d</dt><dd>", csm__msg("form.level", lang), l);
		esc(b, q->level[l - 1][lang] ? q->level[l - 1][lang] : "");
		csm__buf_puts(b, "</dd>\n");
	}
	csm__buf_puts(b, "</dl></section>\n");
}

static void items_part(csm__buf *b, const csm_questionnaire *q, const csm_answers *pre, csm_lang lang)
{
	size_t i;
	int d = 0;
	char num[16];
	csm__buf_puts(b, "<div id=\"items\" tabindex=\"-1\">\n");
	for (i = 0; i < q->item_count; i++) {
		if (q->items[i].directive != d) {
			d = q->items[i].directive;
			snprintf(num, sizeof num, "%d", d);
			csm__buf_printf(b, "<h2 class=\"directive\" id=\"directive-%d\">", d);
			if (q->group_word[lang]) { /* "Part 1" */
				esc(b, q->group_word[lang]);
				csm__buf_printf(b, " %d", d);
			} else {
				esc_fill(b, csm__msg("form.directive", lang), (const char *const[]){"d"}, (const char *const[]){num}, 1);
			}
			csm__buf_puts(b, ": ");
			esc(b, q->dir_title[d - 1][lang] ? q->dir_title[d - 1][lang] : "");
			snprintf(num, sizeof num, "%u", q->dir_items[d - 1]);
			csm__buf_puts(b, "<span class=\"count\">");
			esc_fill(b, csm__msg("form.items_count", lang), (const char *const[]){"n"}, (const char *const[]){num}, 1);
			csm__buf_puts(b, "</span></h2>\n");
		}
		item_article(b, q, i, pre, lang);
	}
	csm__buf_puts(b, "</div>\n");
}

/* The script's configuration: a JSON document inside <script type="application/json">.
 * Every '<' is written as \u003c so no text can close the element. */
static int config_json(csm__buf *b, const csm_questionnaire *q, const csm_form_options *opt, const char *form_id)
{
	cJSON *root = cJSON_CreateObject(), *items, *gates, *text, *extra;
	char *s = NULL, *c, stem[160];
	size_t i;
	int ok = root != NULL;
	static const char *const form_fields[] = {"name", "industry", "scope", "size"};

	snprintf(stem, sizeof stem, "%s-answers", q->id);
	ok = ok && cJSON_AddStringToObject(root, "form_id", form_id) && cJSON_AddStringToObject(root, "questionnaire", q->id) &&
	     cJSON_AddStringToObject(root, "file_stem", stem) &&
	     cJSON_AddNumberToObject(root, "max_text", CSM_MAX_TEXT_BYTES) &&
	     cJSON_AddNumberToObject(root, "max_name", CSM_MAX_NAME_BYTES - 1);
	ok = ok && (items = cJSON_AddArrayToObject(root, "items")) && (gates = cJSON_AddArrayToObject(root, "gates")) &&
	     (text = cJSON_AddObjectToObject(root, "text"));
	for (i = 0; ok && i < q->item_count; i++)
		ok = cJSON_AddItemToArray(items, cJSON_CreateString(q->items[i].id));
	for (i = 0; ok && i < q->gate_count; i++)
		ok = cJSON_AddItemToArray(gates, cJSON_CreateString(q->gates[i].id));
	if (ok && q->choice_count) { /* answers are these ids, not levels */
		cJSON *choices = cJSON_AddArrayToObject(root, "choices");
		ok = choices != NULL;
		for (i = 0; ok && i < q->choice_count; i++)
			ok = cJSON_AddItemToArray(choices, cJSON_CreateString(q->choices[i].id));
	}
	for (i = 0; ok && i < sizeof UI / sizeof UI[0]; i++)
		ok = cJSON_AddStringToObject(text, UI[i] + strlen(FORM_PREFIX), csm__msg(UI[i], opt->lang)) != NULL;
	/* Organization fields the form does not show (parent, headcount, ...) go back out unchanged. */
	ok = ok && (extra = opt->prefill && opt->prefill->organization ? cJSON_Duplicate(opt->prefill->organization, 1)
	                                                              : cJSON_CreateObject()) &&
	     cJSON_AddItemToObject(root, "org_extra", extra);
	for (i = 0; ok && i < sizeof form_fields / sizeof form_fields[0]; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(extra, form_fields[i]);
	ok = ok && (s = cJSON_PrintUnformatted(root));
	cJSON_Delete(root);
	if (!ok) {
		free(s);
		return csm__nomem();
	}
	for (c = s; *c; c++) {
		char *lt = strchr(c, '<');
		if (!lt) {
			csm__buf_puts(b, c);
			break;
		}
		csm__buf_add(b, c, (size_t)(lt - c));
		csm__buf_puts(b, "\\u003c");
		c = lt;
	}
	free(s);
	return 0;
}

/* The form itself: organization, gates, levels (for the maturity scale) and items. */
static void form_body(csm__buf *body, const csm_questionnaire *q, const csm_form_options *opt)
{
	csm__buf_puts(body, "<form id=\"csm-form\" autocomplete=\"off\" novalidate>\n");
	organization_card(body, opt);
	gates_card(body, q, opt->prefill, opt->lang);
	if (!q->choice_count) /* a scale's choices are written out at every item */
		levels_card(body, q, opt->lang);
	items_part(body, q, opt->prefill, opt->lang);
	csm__buf_puts(body, "</form>\n");
}

/* The page's head (title, style, no fetching) and its top header. */
static void page_head(csm__buf *page, const csm_questionnaire *q, const char *org, csm_lang lang)
{
	csm__buf_printf(page, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	                csm__msg("common.lang_code", lang));
	csm__buf_puts(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                    /* Nothing may be fetched: the page is complete as it is. */
	                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
	                    "form-action 'none'; base-uri 'none'\">\n");
	csm__buf_printf(page, "<meta name=\"generator\" content=\"csm %s\">\n<title>", csm_version());
	esc(page, q->title[lang]);
	if (org && *org) {
		csm__buf_puts(page, " — ");
		esc(page, org);
	}
	csm__buf_printf(page, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#items\">",
	                (const char *)csm__form_css);
	esc(page, csm__msg("form.skip", lang));
	csm__buf_puts(page, "</a>\n<header class=\"top\"><h1>");
	esc(page, q->title[lang]);
	csm__buf_puts(page, "</h1><p>");
	esc(page, csm__msg(q->choice_count ? "sme.form_intro" : "form.intro", lang));
	csm__buf_puts(page, "</p></header>\n");
}

/* The bar (progress and actions) and the notices above the form. */
static void page_bar(csm__buf *page, const csm_questionnaire *q, csm_lang lang)
{
	csm__buf_puts(page, "<div class=\"bar\" role=\"region\" aria-label=\"");
	esc(page, csm__msg("form.bar", lang));
	csm__buf_printf(page, "\"><div class=\"progress\"><progress id=\"progress\" max=\"%zu\" value=\"0\"></progress>"
	                      "<span id=\"progress-text\" aria-live=\"polite\"></span></div><div class=\"actions\">",
	                q->item_count);
	csm__buf_puts(page, "<button type=\"button\" id=\"next-open\">");
	esc(page, csm__msg("form.next_open", lang));
	csm__buf_puts(page, "</button><button type=\"button\" id=\"print\">");
	esc(page, csm__msg("form.print", lang));
	csm__buf_puts(page, "</button><button type=\"button\" class=\"primary\" id=\"save\">");
	esc(page, csm__msg("form.save", lang));
	csm__buf_puts(page, "</button></div></div>\n<main>\n<noscript><p class=\"notice\">");
	esc(page, csm__msg("form.noscript", lang));
	csm__buf_puts(page, "</p></noscript>\n<div id=\"notice\" class=\"notice\" role=\"status\" tabindex=\"-1\" hidden></div>\n"
	                    "<div id=\"problems\" class=\"problems\" role=\"alert\" tabindex=\"-1\" hidden><h2>");
	esc(page, csm__msg("form.problems", lang));
	csm__buf_puts(page, "</h2><ul></ul><p id=\"draft-note\" hidden>");
	esc(page, csm__msg("form.draft_note", lang));
	csm__buf_puts(page, "</p><button type=\"button\" id=\"save-draft\" hidden>");
	esc(page, csm__msg("form.save_draft", lang));
	csm__buf_puts(page, "</button></div>\n");
}

int csm__form_options_ok(const csm_form_options *opt)
{
	if (opt->version != CSM_FORM_OPTIONS_VERSION)
		return csm__err(CSM_EINVALID, "form: options version %u is not %u (start from CSM_FORM_OPTIONS_INIT)",
		                opt->version, CSM_FORM_OPTIONS_VERSION);
	if (!CSM__LANG_OK(opt->lang))
		return csm__err(CSM_EINVALID, "form: language %d is not CSM_LANG_JA or CSM_LANG_EN", (int)opt->lang);
	return 0;
}

int csm_form_html(char **out, const csm_questionnaire *q, const csm_form_options *opt)
{
	CSM__ARGS(out && q && opt);
	csm__buf body = {0}, page = {0};
	const csm_answers *pre;
	csm_lang lang;
	char form_id[17];
	uint64_t h;
	int rc;

	*out = NULL;
	if ((rc = csm__form_options_ok(opt)))
		return rc;
	pre = opt->prefill;
	lang = opt->lang;
	/* The form itself first: its content names the storage slot. */
	form_body(&body, q, opt);
	if (body.nomem) {
		csm__buf_free(&body);
		return csm__nomem();
	}
	/* the form's local-storage slot is named after its content, so two
	 * different forms opened from the same folder never share answers */
	h = csm__fnv1a(q->id, strlen(q->id), CSM__FNV_BASIS);
	h = csm__fnv1a(csm__msg("common.lang_code", lang), 2, h);
	h = csm__fnv1a(body.s, body.len, h);
	snprintf(form_id, sizeof form_id, "%016llx", (unsigned long long)h);

	page_head(&page, q, pre ? pre->field[CSM_FIELD_ORG_NAME] : NULL, lang);
	page_bar(&page, q, lang);
	csm__buf_add(&page, body.s, body.len);
	csm__buf_free(&body);
	csm__buf_puts(&page, "</main>\n<footer>");
	esc_fill(&page, csm__msg("form.footer", lang), (const char *const[]){"version", "q"},
	         (const char *const[]){csm_version(), q->id}, 2);
	csm__buf_puts(&page, "</footer>\n<script type=\"application/json\" id=\"csm-config\">");
	if ((rc = config_json(&page, q, opt, form_id))) {
		csm__buf_free(&page);
		return rc;
	}
	assert(!strstr((const char *)csm__form_js, "</script"));
	csm__buf_printf(&page, "</script>\n<script>\n%s</script>\n</body>\n</html>\n", (const char *)csm__form_js);
	return csm__buf_finish(&page, out);
}
