/* The offline workbook (format csm-xlsx/1), written with libxlsxwriter.
 *
 * The workbook has an instructions sheet, an organization sheet
 * (organization, assessors, gate questions), an items sheet (one row per
 * item, a drop-down list of levels) and a hidden sheet of lists. Every input
 * is found again through a workbook-global defined name, so a program that
 * moves rows or renames sheets keeps the workbook readable (xlsx_read.c):
 *
 *   csm_format          the marker "csm-xlsx/1"
 *   csm_questionnaire   the questionnaire id
 *   csm_org_name, csm_org_industry, csm_org_scope, csm_org_size, csm_assessed_on
 *   csm_assessor_names, csm_assessor_roles        (one column each, row by row)
 *   csm_gate_ids, csm_gate_answers                (one column each, row by row)
 *   csm_item_ids, csm_levels, csm_evidence, csm_notes  (one column each, row by row) */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "actions.h"
#include "answers.h"
#include "error.h"
#include "form.h"
#include "messages.h"
#include "questionnaire.h"
#include "util.h"
#include "xlsx_form.h"


/* libxlsxwriter before 1.1.6 copies the range of a list-from-range data
 * validation twice and frees one copy (upstream commit 5c5b3046, "Fix memory
 * leak in list formula data validation"): a few bytes per workbook. Under
 * LeakSanitizer that one call is not tracked, so real leaks still show. */
#if defined(__SANITIZE_ADDRESS__)
#define CSM_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSM_LSAN 1
#endif
#endif
#if defined(CSM_LSAN) && LXW_VERSION_ID < 116
#include <sanitizer/lsan_interface.h>
#define LXW_LEAK_BEGIN() __lsan_disable()
#define LXW_LEAK_END() __lsan_enable()
#else
#define LXW_LEAK_BEGIN() ((void)0)
#define LXW_LEAK_END() ((void)0)
#endif

#define ASSESSOR_ROWS 8u

/* The sheet names, per language. */
static const char SHEET_LISTS[] = "Lists";

typedef struct wctx {
	lxw_workbook *wb;
	csm_lang lang;
	const csm_questionnaire *q;
	const csm_answers *pre;
	const csm_industries *ind;
	lxw_error err; /* the first libxlsxwriter error */
	lxw_format *title, *subtitle, *head, *label, *text, *cell, *cell_center, *small, *input, *input_text,
	    *input_center;
} wctx;

static void note_err(wctx *c, lxw_error e)
{
	if (e != LXW_NO_ERROR && c->err == LXW_NO_ERROR)
		c->err = e;
}

/* `s` holds Excel's escape of a character, _xHHHH_, at `p`. */
static int is_escape(const char *p)
{
	int i;
	if (p[0] != '_' || p[1] != 'x')
		return 0;
	for (i = 2; i < 6; i++)
		if (!isxdigit((unsigned char)p[i]))
			return 0;
	return p[6] == '_';
}

static void put(wctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *s, lxw_format *f)
{
	const char *p;
	if (!s || !s[0]) {
		note_err(c, worksheet_write_blank(ws, r, col, f));
		return;
	}
	for (p = s; *p && !is_escape(p); p++)
		;
	if (*p) {
		/* Text that looks like an escape is escaped itself (its "_" as _x005F_),
		 * as Excel does, so that it reads back as it was written. */
		csm__buf b = {0};
		for (p = s; *p; p++)
			csm__buf_add(&b, is_escape(p) ? "_x005F_" : p, is_escape(p) ? 7 : 1);
		if (b.nomem)
			note_err(c, LXW_ERROR_MEMORY_MALLOC_FAILED);
		else
			note_err(c, worksheet_write_string(ws, r, col, b.s, f));
		csm__buf_free(&b);
		return;
	}
	note_err(c, worksheet_write_string(ws, r, col, s, f));
}

static void put_num(wctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, double v, lxw_format *f)
{
	note_err(c, worksheet_write_number(ws, r, col, v, f));
}

/* Lines that `s` takes when wrapped in a column `width` characters wide. */
static unsigned lines_of(const char *s, double width)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned lines = 0;
	double w = 0, room = width > 3 ? width - 1.5 : 1;
	if (!s || !s[0])
		return 1;
	while (*p) {
		unsigned cp = csm__utf8_next(&p);
		if (cp == '\n') {
			lines += 1 + (unsigned)(w / room);
			w = 0;
			continue;
		}
		w += csm__wide(cp) ? 1.85 : 1.0; /* a little slack for word wrapping */
	}
	return lines + 1 + (unsigned)(w / room);
}

/* Row height (points) for `lines` lines of text. */
static double height_of(const wctx *c, unsigned lines)
{
	double h = lines * (c->lang == CSM_LANG_EN ? 15.0 : 17.0) + 4;
	return h > 409 ? 409 : h;
}

static void define(wctx *c, const char *name, const char *sheet, lxw_row_t r1, lxw_col_t col, lxw_row_t r2)
{
	csm__buf b = {0};
	char letters[8];
	const char *s;
	csm__xlsx_col_letters(letters, col);
	csm__buf_puts(&b, "='");
	for (s = sheet; *s; s++)
		csm__buf_add(&b, *s == '\'' ? "''" : s, *s == '\'' ? 2 : 1);
	csm__buf_printf(&b, "'!$%s$%u", letters, r1 + 1);
	if (r2 != r1)
		csm__buf_printf(&b, ":$%s$%u", letters, r2 + 1);
	if (b.nomem)
		note_err(c, LXW_ERROR_MEMORY_MALLOC_FAILED);
	else
		note_err(c, workbook_define_name(c->wb, name, b.s));
	csm__buf_free(&b);
}

static lxw_format *fmt(wctx *c, int wrap)
{
	lxw_format *f = workbook_add_format(c->wb);
	if (!f) {
		note_err(c, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	format_set_font_name(f, csm__msg("workbook.font", c->lang));
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void make_formats(wctx *c)
{
	const lxw_color_t input_bg = 0xFFF2CC, head_bg = 0xDDEBF7, grid = 0xBFBFBF;
	lxw_format *in[3];
	int i;
	c->title = fmt(c, 0);
	c->subtitle = fmt(c, 0);
	c->head = fmt(c, 1);
	c->label = fmt(c, 1);
	c->text = fmt(c, 1);
	c->cell = fmt(c, 1);
	c->cell_center = fmt(c, 1);
	c->small = fmt(c, 0);
	in[0] = c->input = fmt(c, 1);
	in[1] = c->input_text = fmt(c, 1);
	in[2] = c->input_center = fmt(c, 1);
	if (c->err)
		return;
	format_set_bold(c->title);
	format_set_font_size(c->title, 14);
	format_set_bold(c->subtitle);
	format_set_font_size(c->subtitle, 12);
	format_set_bold(c->head);
	format_set_bg_color(c->head, head_bg);
	format_set_border(c->head, LXW_BORDER_THIN);
	format_set_border_color(c->head, grid);
	format_set_bold(c->label);
	format_set_border(c->cell, LXW_BORDER_THIN);
	format_set_border_color(c->cell, grid);
	format_set_border(c->cell_center, LXW_BORDER_THIN);
	format_set_border_color(c->cell_center, grid);
	format_set_align(c->cell_center, LXW_ALIGN_CENTER);
	format_set_font_color(c->small, 0x808080);
	format_set_font_size(c->small, 9);
	for (i = 0; i < 3; i++) {
		format_set_unlocked(in[i]);
		format_set_bg_color(in[i], input_bg);
		format_set_border(in[i], LXW_BORDER_THIN);
		format_set_border_color(in[i], 0xBF9000);
	}
	format_set_num_format(c->input_text, "@");
	format_set_align(c->input_center, LXW_ALIGN_CENTER);
}

static void protect(lxw_worksheet *ws)
{
	lxw_protection prot;
	memset(&prot, 0, sizeof prot);
	prot.format_columns = 1; /* widths and heights may still be changed */
	prot.format_rows = 1;
	worksheet_protect(ws, NULL, &prot);
}

/* A drop-down list validation on rows r1..r2 of column `col`. */
static void list_validation(wctx *c, lxw_worksheet *ws, lxw_row_t r1, lxw_row_t r2, lxw_col_t col,
                            const char **list, const char *range, const char *title, const char *message)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof dv);
	dv.validate = list ? LXW_VALIDATION_TYPE_LIST : LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv.value_list = (char **)list;
	dv.value_formula = (char *)range;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = (char *)title;
	dv.error_message = (char *)message;
	if (range)
		LXW_LEAK_BEGIN();
	note_err(c, worksheet_data_validation_range(ws, r1, col, r2, col, &dv));
	if (range)
		LXW_LEAK_END();
}

static void sheet_instructions(wctx *c, lxw_worksheet *ws)
{
	static const char *const steps[] = {"workbook.step1", "workbook.step2", "workbook.step3", "workbook.step4",
	                                    "workbook.step5"};
	lxw_row_t r;
	int i;

	note_err(c, worksheet_set_column(ws, 0, 0, c->lang == CSM_LANG_EN ? 16 : 14, NULL));
	note_err(c, worksheet_set_column(ws, 1, 1, 100, NULL));
	put(c, ws, 0, 0, c->q->title[c->lang], c->title);
	note_err(c, worksheet_set_row(ws, 0, 22, NULL));
	put(c, ws, 1, 0, csm__msg("workbook.title", c->lang), c->text);
	put(c, ws, 3, 0, csm__msg("workbook.help_how", c->lang), c->subtitle);
	for (i = 0, r = 4; i < 5; i++, r++) {
		const char *s = csm__msg(i == 1 && c->q->choice_count ? "sme.wb_step" : steps[i], c->lang);
		put_num(c, ws, r, 0, i + 1, c->cell_center);
		put(c, ws, r, 1, s, c->cell);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(s, 100)), NULL));
	}
	r++;
	if (c->q->choice_count) { /* the answers and their points, instead of the levels */
		put(c, ws, r++, 0, csm__msg("sme.wb_choices", c->lang), c->subtitle);
		for (i = 0; i < (int)c->q->choice_count; i++, r++) {
			put_num(c, ws, r, 0, c->q->choices[i].points, c->cell_center);
			put(c, ws, r, 1, c->q->choices[i].label[c->lang], c->cell);
		}
		goto marks;
	}
	put(c, ws, r++, 0, csm__msg("workbook.help_levels", c->lang), c->subtitle);
	put(c, ws, r, 0, csm__msg("workbook.col_level", c->lang), c->head);
	put(c, ws, r++, 1, csm__msg("workbook.help_in_general", c->lang), c->head);
	for (i = 1; i <= 5; i++, r++) {
		const char *s = csm_questionnaire_level(c->q, i, c->lang);
		put_num(c, ws, r, 0, i, c->cell_center);
		put(c, ws, r, 1, s, c->cell);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(s, 100)), NULL));
	}
	put(c, ws, r, 0, "n/a", c->cell_center);
	put(c, ws, r++, 1,
	    csm__msg("workbook.help_na", c->lang),
	    c->cell);
marks:
	r++;
	put(c, ws, r, 0, csm__msg("workbook.help_format", c->lang), c->small);
	put(c, ws, r, 1, CSM__XLSX_FORMAT, c->small);
	define(c, CSM__XN_FORMAT, csm__msg("workbook.sheet_help", c->lang), r, 1, r);
	r++;
	put(c, ws, r, 0, csm__msg("workbook.help_questionnaire", c->lang), c->small);
	put(c, ws, r, 1, c->q->id, c->small);
	define(c, CSM__XN_QUESTIONNAIRE, csm__msg("workbook.sheet_help", c->lang), r, 1, r);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	protect(ws);
}

/* Industry labels in the form's language on the hidden Lists sheet; returns their number. */
static size_t sheet_lists(wctx *c, lxw_worksheet *ws)
{
	size_t i, n = c->ind ? csm_industries_count(c->ind) : 0;
	for (i = 0; i < n; i++) {
		const char *id = csm_industry_id(c->ind, i);
		put(c, ws, (lxw_row_t)i, 0, csm_industry_label(c->ind, id, c->lang), NULL);
	}
	for (i = 0; i < c->q->choice_count; i++) {
		put(c, ws, (lxw_row_t)i, 1, c->q->choices[i].id, NULL);
		put(c, ws, (lxw_row_t)i, 2, c->q->choices[i].label[c->lang], NULL);
	}
	if (c->q->choice_count) {
		define(c, CSM__XN_CHOICE_IDS, SHEET_LISTS, 0, 1, (lxw_row_t)(c->q->choice_count - 1));
		define(c, CSM__XN_CHOICE_LABELS, SHEET_LISTS, 0, 2, (lxw_row_t)(c->q->choice_count - 1));
	}
	worksheet_hide(ws);
	protect(ws);
	return n;
}

/* The organization's fields, rows 3 to 7: label, input, hint. */
static void org_fields(wctx *c, lxw_worksheet *ws, size_t nindustries)
{
	const csm_answers *a = c->pre;
	const char *sheet = csm__msg("workbook.sheet_org", c->lang);
	const char *scope_list[3], *size_list[4];
	char range[64];
	const char *v;
	size_t i;

	for (i = 0; i < 2; i++)
		scope_list[i] = csm__msg(csm__xlsx_scopes[i][1], c->lang);
	scope_list[2] = NULL;
	for (i = 0; i < 3; i++)
		size_list[i] = csm__msg(csm__xlsx_sizes[i][1], c->lang);
	size_list[3] = NULL;

	put(c, ws, 2, 0, csm__msg("workbook.org_name", c->lang), c->label);
	put(c, ws, 2, 1, a ? a->field[CSM_FIELD_ORG_NAME] : NULL, c->input);
	define(c, CSM__XN_ORG_NAME, sheet, 2, 1, 2);

	put(c, ws, 3, 0, csm__msg("workbook.org_industry", c->lang), c->label);
	v = a ? a->field[CSM_FIELD_ORG_INDUSTRY] : NULL;
	if (v && c->ind && csm_industry_label(c->ind, v, c->lang))
		v = csm_industry_label(c->ind, v, c->lang);
	put(c, ws, 3, 1, v, c->input);
	put(c, ws, 3, 2,
	    nindustries ? csm__msg("workbook.choose_from_list", c->lang)
	                : csm__msg("workbook.org_industry_id", c->lang),
	    c->small);
	if (nindustries) {
		snprintf(range, sizeof range, "=%s!$A$1:$A$%zu", SHEET_LISTS, nindustries);
		list_validation(c, ws, 3, 3, 1, NULL, range, csm__msg("workbook.org_industry", c->lang),
		                csm__msg("workbook.org_industry_choose", c->lang));
	}
	define(c, CSM__XN_ORG_INDUSTRY, sheet, 3, 1, 3);

	put(c, ws, 4, 0, csm__msg("workbook.org_scope", c->lang), c->label);
	put(c, ws, 4, 1, a ? csm__xlsx_choice_label(c->lang, csm__xlsx_scopes, 2, a->field[CSM_FIELD_ORG_SCOPE]) : NULL,
	    c->input);
	put(c, ws, 4, 2,
	    csm__msg("workbook.org_scope_help", c->lang),
	    c->small);
	list_validation(c, ws, 4, 4, 1, scope_list, NULL, csm__msg("workbook.org_scope_short", c->lang),
	                csm__msg("workbook.choose_from_list", c->lang));
	define(c, CSM__XN_ORG_SCOPE, sheet, 4, 1, 4);

	put(c, ws, 5, 0, csm__msg("workbook.org_size", c->lang), c->label);
	put(c, ws, 5, 1, a ? csm__xlsx_choice_label(c->lang, csm__xlsx_sizes, 3, a->field[CSM_FIELD_ORG_SIZE]) : NULL,
	    c->input);
	put(c, ws, 5, 2, csm__msg("workbook.optional", c->lang), c->small);
	list_validation(c, ws, 5, 5, 1, size_list, NULL, csm__msg("workbook.org_size", c->lang),
	                csm__msg("workbook.choose_from_list", c->lang));
	define(c, CSM__XN_ORG_SIZE, sheet, 5, 1, 5);

	put(c, ws, 6, 0, csm__msg("workbook.org_date", c->lang), c->label);
	put(c, ws, 6, 1, a ? a->field[CSM_FIELD_ASSESSED_ON] : NULL, c->input_text);
	put(c, ws, 6, 2, csm__msg("workbook.org_date_help", c->lang), c->small);
	define(c, CSM__XN_ASSESSED_ON, sheet, 6, 1, 6);
}

/* The assessors, a table of name and role from row 9; returns its rows. */
static size_t org_assessors(wctx *c, lxw_worksheet *ws)
{
	const csm_answers *a = c->pre;
	const char *sheet = csm__msg("workbook.sheet_org", c->lang);
	size_t i, nass = ASSESSOR_ROWS;
	lxw_row_t r;

	if (a && a->assessor_count > nass)
		nass = a->assessor_count;
	put(c, ws, 8, 0, csm__msg("workbook.assessors", c->lang), c->subtitle);
	put(c, ws, 9, 0, "", c->head);
	put(c, ws, 9, 1, csm__msg("workbook.assessor_name", c->lang), c->head);
	put(c, ws, 9, 2, csm__msg("workbook.assessor_role", c->lang), c->head);
	for (i = 0, r = 10; i < nass; i++, r++) {
		put_num(c, ws, r, 0, (double)(i + 1), c->cell_center);
		put(c, ws, r, 1, a && i < a->assessor_count ? a->assessor_name[i] : NULL, c->input);
		put(c, ws, r, 2, a && i < a->assessor_count ? a->assessor_role[i] : NULL, c->input);
	}
	define(c, CSM__XN_ASSESSOR_NAMES, sheet, 10, 1, (lxw_row_t)(10 + nass - 1));
	define(c, CSM__XN_ASSESSOR_ROLES, sheet, 10, 2, (lxw_row_t)(10 + nass - 1));
	return nass;
}

/* The gate questions below the `nass` rows of assessors: question, answer,
 * and the gate id in a hidden column. */
static void org_gates(wctx *c, lxw_worksheet *ws, size_t nass)
{
	const csm_answers *a = c->pre;
	const char *sheet = csm__msg("workbook.sheet_org", c->lang);
	const char *yesno_list[3];
	lxw_row_t r, first;
	size_t i;

	if (!c->q->gate_count)
		return;
	for (i = 0; i < 2; i++)
		yesno_list[i] = csm__msg(csm__xlsx_yesno[i][1], c->lang);
	yesno_list[2] = NULL;
	r = (lxw_row_t)(10 + nass + 1);
	put(c, ws, r++, 0, csm__msg("workbook.gates", c->lang), c->subtitle);
	put(c, ws, r, 0, csm__msg("workbook.col_question", c->lang), c->head);
	put(c, ws, r++, 1, csm__msg("workbook.col_answer", c->lang), c->head);
	first = r;
	for (i = 0; i < c->q->gate_count; i++, r++) {
		const char *q = c->q->gates[i].question[c->lang];
		const char *ans = NULL;
		size_t k;
		for (k = 0; a && k < a->gate_count; k++)
			if (strcmp(a->gate_id[k], c->q->gates[i].id) == 0 && a->gate_value[k] >= 0)
				ans = csm__msg(csm__xlsx_yesno[a->gate_value[k] ? 0 : 1][1], c->lang);
		put(c, ws, r, 0, q, c->cell);
		put(c, ws, r, 1, ans, c->input_center);
		put(c, ws, r, 3, c->q->gates[i].id, NULL);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(q, 62)), NULL));
	}
	list_validation(c, ws, first, r - 1, 1, yesno_list, NULL, csm__msg("workbook.col_answer", c->lang),
	                csm__msg("workbook.gates_choose", c->lang));
	define(c, CSM__XN_GATE_IDS, sheet, first, 3, r - 1);
	define(c, CSM__XN_GATE_ANSWERS, sheet, first, 1, r - 1);
}

static void sheet_org(wctx *c, lxw_worksheet *ws, size_t nindustries)
{
	lxw_row_col_options hidden;
	size_t nass;

	note_err(c, worksheet_set_column(ws, 0, 0, 62, NULL));
	note_err(c, worksheet_set_column(ws, 1, 1, 34, NULL));
	note_err(c, worksheet_set_column(ws, 2, 2, 44, NULL));
	memset(&hidden, 0, sizeof hidden);
	hidden.hidden = 1;
	note_err(c, worksheet_set_column_opt(ws, 3, 3, 10, NULL, &hidden));

	put(c, ws, 0, 0, csm__msg("workbook.org_title", c->lang), c->title);
	note_err(c, worksheet_set_row(ws, 0, 22, NULL));
	org_fields(c, ws, nindustries);
	nass = org_assessors(c, ws);
	org_gates(c, ws, nass);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	protect(ws);
}

enum { IC_ID, IC_DIR, IC_QUESTION, IC_LEVEL, IC_EVIDENCE, IC_NOTE, IC_INTENT, IC_HINT, IC_L1, IC_COUNT = IC_L1 + 5 };

/* The width of each column of the items sheet, in characters. */
static const double ITEM_WIDTH[IC_COUNT] = {7, 16, 44, 9, 36, 24, 48, 44, 36, 36, 36, 36, 36};

/* The row of headings. */
static void items_header(wctx *c, lxw_worksheet *ws)
{
	char buf[64];
	int k;

	put(c, ws, 0, IC_ID, csm__msg("workbook.col_item", c->lang), c->head);
	put(c, ws, 0, IC_DIR, c->q->group_word[c->lang] ? c->q->group_word[c->lang] : csm__msg("workbook.col_directive", c->lang),
	    c->head);
	put(c, ws, 0, IC_QUESTION, csm__msg("workbook.col_question", c->lang), c->head);
	put(c, ws, 0, IC_LEVEL, csm__msg(c->q->choice_count ? "sme.form_answer" : "workbook.col_level", c->lang), c->head);
	put(c, ws, 0, IC_EVIDENCE, csm__msg("workbook.col_evidence", c->lang), c->head);
	put(c, ws, 0, IC_NOTE, csm__msg("workbook.col_note", c->lang), c->head);
	put(c, ws, 0, IC_INTENT, csm__msg("workbook.col_intent", c->lang), c->head);
	put(c, ws, 0, IC_HINT, csm__msg("workbook.col_hint", c->lang), c->head);
	for (k = 1; k <= 5 && !c->q->choice_count; k++) {
		snprintf(buf, sizeof buf, "%s %d", csm__msg("workbook.col_level", c->lang), k);
		put(c, ws, 0, (lxw_col_t)(IC_L1 + k - 1), buf, c->head);
	}
	if (c->q->choice_count) /* the first level column holds the item's how */
		put(c, ws, 0, IC_L1, csm__msg("sme.form_how", c->lang), c->head);
	note_err(c, worksheet_set_row(ws, 0, height_of(c, 2), NULL));
}

/* Row `r` of the items sheet: item `i`, with its answer if the form is prefilled. */
static void item_row(wctx *c, lxw_worksheet *ws, lxw_row_t r, size_t i)
{
	const csm_questionnaire *q = c->q;
	const csm__item *it = &q->items[i];
	const csm__answer *ans = c->pre ? csm__answers_find_near(c->pre, it->id, i) : NULL;
	unsigned lines = 1;
	char buf[64];
	int k;

	for (k = 0; k < IC_COUNT; k++) {
		const char *s;
		if (k == IC_LEVEL)
			continue;
		s = k == IC_ID         ? it->id
		    : k == IC_DIR      ? NULL
		    : k == IC_QUESTION ? it->text[CSM_ITEM_QUESTION][c->lang]
		    : k == IC_EVIDENCE ? (ans ? ans->evidence : NULL)
		    : k == IC_NOTE     ? (ans ? ans->note : NULL)
		    : k == IC_INTENT   ? it->text[CSM_ITEM_INTENT][c->lang]
		    : k == IC_HINT     ? it->text[CSM_ITEM_HINT][c->lang]
		    : q->choice_count  ? (k == IC_L1 ? it->text[CSM_ITEM_HOW][c->lang] : NULL)
		                       : it->level[k - IC_L1][c->lang];
		if (k == IC_DIR) {
			snprintf(buf, sizeof buf, "%d %s", it->directive,
			         q->dir_short[it->directive - 1][c->lang] ? q->dir_short[it->directive - 1][c->lang] : "");
			s = buf;
		}
		put(c, ws, r, (lxw_col_t)k, s,
		    k == IC_EVIDENCE || k == IC_NOTE ? c->input : k == IC_ID ? c->cell_center : c->cell);
		if (s) {
			unsigned n = lines_of(s, ITEM_WIDTH[k]);
			if (n > lines)
				lines = n;
		}
	}
	if (ans && ans->kind == CSM_ANSWER_CHOICE && q->choice_count && csm_questionnaire_choice_find(q, ans->choice) >= 0)
		put(c, ws, r, IC_LEVEL, q->choices[csm_questionnaire_choice_find(q, ans->choice)].label[c->lang], c->input_center);
	else if (ans && ans->kind == CSM_ANSWER_LEVEL)
		put_num(c, ws, r, IC_LEVEL, ans->level, c->input_center);
	else
		put(c, ws, r, IC_LEVEL, ans && ans->kind == CSM_ANSWER_NA ? "n/a" : NULL, c->input_center);
	note_err(c, worksheet_set_row(ws, r, height_of(c, lines), NULL));
}

/* A drop-down of `values` (NULL-ended) that refuses anything else, on column
 * `col` from row `first` to `last`, with its prompt and error texts (message
 * keys). */
static void list_check(wctx *c, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_col_t col,
                       const char *const *values, const char *title, const char *input, const char *err_title,
                       const char *err)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)values;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.input_title = (char *)csm__msg(title, c->lang);
	dv.input_message = (char *)csm__msg(input, c->lang);
	dv.error_title = (char *)csm__msg(err_title, c->lang);
	dv.error_message = (char *)csm__msg(err, c->lang);
	note_err(c, worksheet_data_validation_range(ws, first, col, last, col, &dv));
}

/* The drop-down list of levels (or of the scale's answers) and the names of
 * the item columns, rows 2 to `last` + 1. */
static void items_names(wctx *c, lxw_worksheet *ws, lxw_row_t last)
{
	static const char *const levels[] = {"1", "2", "3", "4", "5", "n/a", NULL};
	const char *sheet = csm__msg("workbook.sheet_items", c->lang);
	const char *choices[CSM__MAX_CHOICES + 1] = {NULL};
	size_t k;

	for (k = 0; k < c->q->choice_count; k++)
		choices[k] = c->q->choices[k].label[c->lang];
	if (c->q->choice_count)
		list_check(c, ws, 1, last, IC_LEVEL, choices, "sme.form_answer", "sme.wb_choose", "sme.wb_not_choice",
		           "sme.wb_choose");
	else
		list_check(c, ws, 1, last, IC_LEVEL, levels, "workbook.col_level", "workbook.level_input",
		           "workbook.level_error_title", "workbook.level_error");
	define(c, CSM__XN_ITEM_IDS, sheet, 1, IC_ID, last);
	define(c, CSM__XN_LEVELS, sheet, 1, IC_LEVEL, last);
	define(c, CSM__XN_EVIDENCE, sheet, 1, IC_EVIDENCE, last);
	define(c, CSM__XN_NOTES, sheet, 1, IC_NOTE, last);
}

static void sheet_items(wctx *c, lxw_worksheet *ws)
{
	static lxw_col_t breaks[] = {IC_INTENT, IC_L1, IC_L1 + 3, 0};
	const csm_questionnaire *q = c->q;
	lxw_row_t r;
	int k;
	size_t i;

	for (k = 0; k < IC_COUNT; k++)
		note_err(c, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, ITEM_WIDTH[k], NULL));
	items_header(c, ws);
	for (i = 0, r = 1; i < q->item_count; i++, r++)
		item_row(c, ws, r, i);
	if (q->item_count)
		items_names(c, ws, (lxw_row_t)q->item_count);
	worksheet_freeze_panes(ws, 1, 1);
	/* Printed, the columns run over several pages, each with the header row and the item ids. */
	note_err(c, worksheet_repeat_rows(ws, 0, 0));
	note_err(c, worksheet_repeat_columns(ws, 0, 0));
	note_err(c, worksheet_set_v_pagebreaks(ws, breaks));
	worksheet_set_print_scale(ws, 75);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	protect(ws);
}

/* Read the rest of file `fd` into a new buffer. */
static int slurp_fd(int fd, unsigned char **out, size_t *out_len)
{
	unsigned char *buf = NULL, *nb;
	size_t n = 0, cap = 0;
	ssize_t got;
	if (lseek(fd, 0, SEEK_SET) != 0)
		return csm__err(CSM_EIO, "xlsx: cannot read the workbook back: %s", strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (!(nb = realloc(buf, cap))) {
				free(buf);
				return csm__nomem();
			}
			buf = nb;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buf);
			return csm__err(CSM_EIO, "xlsx: cannot read the workbook back: %s", strerror(errno));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*out = buf;
	*out_len = n;
	return 0;
}

/* Remove the workbook's temporary file, where it has a name. */
static void drop_tmp(const char *path)
{
	if (strncmp(path, "/proc/self/fd/", 14) != 0)
		unlink(path);
}

/* A workbook on a temporary file: libxlsxwriter writes to a path, one that
 * names a nameless file, so a run ended by a signal leaves nothing behind. */
typedef struct wfile {
	char path[4096];
	int fd;
} wfile;

static int wfile_open(wfile *w, lxw_workbook **wb)
{
	const char *dir = getenv("TMPDIR");
	lxw_workbook_options wo;
	*wb = NULL;
	if (!dir || !dir[0] || strlen(dir) > sizeof w->path - 32)
		dir = "/tmp";
	if ((w->fd = csm__nameless_tmp(dir)) < 0)
		return csm__err(CSM_EIO, "xlsx: cannot create a temporary file in %s: %s", dir, strerror(errno));
	snprintf(w->path, sizeof w->path, "/proc/self/fd/%d", w->fd);
	if (access(w->path, W_OK) != 0) { /* no /proc: a named file, removed at the end */
		close(w->fd);
		snprintf(w->path, sizeof w->path, "%s/csm-form-XXXXXX", dir);
		if ((w->fd = mkstemp(w->path)) < 0)
			return csm__err(CSM_EIO, "xlsx: cannot create a temporary file in %s: %s", dir, strerror(errno));
	}
	memset(&wo, 0, sizeof wo);
	wo.tmpdir = (char *)dir;
	if (!(*wb = workbook_new_opt(w->path, &wo))) {
		close(w->fd);
		drop_tmp(w->path);
		return csm__err(CSM_EIO, "xlsx: cannot start a workbook in %s", dir);
	}
	return 0;
}

/* Close the workbook (which writes it, and frees it in any case) and read
 * the file back, unless `err` says the building failed. */
static int wfile_finish(wfile *w, lxw_workbook *wb, lxw_error err, unsigned char **out, size_t *out_len)
{
	lxw_error closed = workbook_close(wb);
	int rc;
	if (err || closed) {
		close(w->fd);
		drop_tmp(w->path);
		return csm__err(err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CSM_ENOMEM : CSM_EIO, "xlsx: %s",
		                lxw_strerror(err ? err : closed));
	}
	rc = slurp_fd(w->fd, out, out_len);
	close(w->fd);
	drop_tmp(w->path);
	return rc;
}

int csm_form_xlsx(unsigned char **out, size_t *out_len, const csm_questionnaire *q, const csm_form_options *opt)
{
	lxw_worksheet *ws_help, *ws_org, *ws_items, *ws_lists;
	wctx c;
	wfile w;
	size_t nind;
	int rc;

	CSM__ARGS(out && out_len && q && opt);
	*out = NULL;
	*out_len = 0;
	if ((rc = csm__form_options_ok(opt)))
		return rc;
	memset(&c, 0, sizeof c);
	if ((rc = wfile_open(&w, &c.wb)))
		return rc;
	c.lang = opt->lang;
	c.q = q;
	c.pre = opt->prefill;
	c.ind = opt->industries;
	make_formats(&c);
	ws_help = workbook_add_worksheet(c.wb, csm__msg("workbook.sheet_help", c.lang));
	ws_org = workbook_add_worksheet(c.wb, csm__msg("workbook.sheet_org", c.lang));
	ws_items = workbook_add_worksheet(c.wb, csm__msg("workbook.sheet_items", c.lang));
	ws_lists = workbook_add_worksheet(c.wb, SHEET_LISTS);
	if (!ws_help || !ws_org || !ws_items || !ws_lists)
		note_err(&c, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (!c.err) {
		workbook_set_properties(c.wb, &(lxw_doc_properties){.title = q->title[c.lang], .comments = CSM__XLSX_FORMAT});
		sheet_instructions(&c, ws_help);
		nind = sheet_lists(&c, ws_lists);
		sheet_org(&c, ws_org, nind);
		sheet_items(&c, ws_items);
		worksheet_activate(ws_help);
	}
	return wfile_finish(&w, c.wb, c.err, out, out_len);
}

/* ---- the action list (csm-actions-xlsx/1) ------------------------------------ */

/* The columns of the sheet, in the order of csm-actions/1: width and the key of the header. */
static const double ACT_WIDTH[CSM__ACOLS] = {8, 10, 7, 7, 8, 52, 26, 7, 7, 12, 13, 40};
static const char *const ACT_HEAD[CSM__ACOLS] = {
    "actions_sheet.col_item",  "actions_sheet.col_directive", "actions_sheet.col_from", "actions_sheet.col_to",
    "actions_sheet.col_tip",   "actions_sheet.col_first_step", "actions_sheet.col_owner", "actions_sheet.col_effort",
    "actions_sheet.col_cost",  "actions_sheet.col_due",       "actions_sheet.col_status", "actions_sheet.col_note"};
#define ACT_FIRST_ROW 3u /* the title, a line on what to edit, the header */

/* The due date `s` (YYYY-MM-DD, or a month YYYY-MM: its last day, the day
 * after which the action is late) as a date; 0 if it is neither. */
static int due_datetime(const char *s, lxw_datetime *dt)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 0, m = 0, d = 0, n = 0;
	size_t len = strlen(s);
	int day = len == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && csm__valid_date(s);
	int month = !day && len == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && m >= 1 && m <= 12;
	if (!day && !month)
		return 0;
	if (month)
		d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	memset(dt, 0, sizeof *dt);
	dt->year = y;
	dt->month = m;
	dt->day = d;
	return 1;
}

static void act_row(wctx *c, lxw_worksheet *ws, lxw_row_t r, const csm_action *x, lxw_format *date_in)
{
	char sm[2][2] = {{x->effort, 0}, {x->cost, 0}};
	lxw_datetime dt;
	unsigned lines = 1, n;
	put(c, ws, r, CSM__ACOL_ITEM, x->item, c->cell_center);
	if (x->directive)
		put_num(c, ws, r, CSM__ACOL_DIRECTIVE, x->directive, c->cell_center);
	else
		put(c, ws, r, CSM__ACOL_DIRECTIVE, NULL, c->cell_center);
	put_num(c, ws, r, CSM__ACOL_FROM, x->from, c->cell_center);
	put_num(c, ws, r, CSM__ACOL_TO, x->to, c->cell_center);
	put(c, ws, r, CSM__ACOL_TIP, x->tip, c->cell);
	put(c, ws, r, CSM__ACOL_FIRST_STEP, x->first_step, c->cell);
	put(c, ws, r, CSM__ACOL_OWNER, x->owner, c->input);
	put(c, ws, r, CSM__ACOL_EFFORT, sm[0], c->cell_center);
	put(c, ws, r, CSM__ACOL_COST, sm[1], c->cell_center);
	if (due_datetime(x->due, &dt))
		note_err(c, worksheet_write_datetime(ws, r, CSM__ACOL_DUE, &dt, date_in));
	else
		put(c, ws, r, CSM__ACOL_DUE, x->due, date_in); /* the reader says what is wrong with it */
	put(c, ws, r, CSM__ACOL_STATUS, csm__action_status_label(x->status, c->lang), c->input_center);
	put(c, ws, r, CSM__ACOL_NOTE, x->note, c->input);
	if ((n = lines_of(x->first_step, ACT_WIDTH[CSM__ACOL_FIRST_STEP])) > lines)
		lines = n;
	if ((n = lines_of(x->note, ACT_WIDTH[CSM__ACOL_NOTE])) > lines)
		lines = n;
	note_err(c, worksheet_set_row(ws, r, height_of(c, lines), NULL));
}

/* The drop-down of statuses, the date check and the defined names, rows first..last. */
static void act_checks(wctx *c, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, const char *sheet)
{
	static const char *const names[CSM__ACOLS] = {
	    CSM__XN_ACT_ITEMS, CSM__XN_ACT_DIRECTIVES, CSM__XN_ACT_FROM,  CSM__XN_ACT_TO,
	    CSM__XN_ACT_TIPS,  CSM__XN_ACT_FIRST_STEPS, CSM__XN_ACT_OWNERS, CSM__XN_ACT_EFFORTS,
	    CSM__XN_ACT_COSTS, CSM__XN_ACT_DUES,        CSM__XN_ACT_STATUSES, CSM__XN_ACT_NOTES};
	const char *labels[5];
	lxw_data_validation dv;
	int k;
	for (k = 0; k < 4; k++)
		labels[k] = csm__action_status_label((csm_action_status)k, c->lang);
	labels[4] = NULL;
	list_check(c, ws, first, last, CSM__ACOL_STATUS, labels, "actions_sheet.col_status", "actions_sheet.status_input",
	           "actions_sheet.status_error_title", "actions_sheet.status_error");
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_DATE;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_datetime = (lxw_datetime){2000, 1, 1, 0, 0, 0};
	dv.maximum_datetime = (lxw_datetime){2099, 12, 31, 0, 0, 0};
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.input_title = (char *)csm__msg("actions_sheet.col_due", c->lang);
	dv.input_message = (char *)csm__msg("actions_sheet.due_input", c->lang);
	dv.error_title = (char *)csm__msg("actions_sheet.due_error_title", c->lang);
	dv.error_message = (char *)csm__msg("actions_sheet.due_error", c->lang);
	note_err(c, worksheet_data_validation_range(ws, first, CSM__ACOL_DUE, last, CSM__ACOL_DUE, &dv));
	for (k = 0; k < CSM__ACOLS; k++)
		define(c, names[k], sheet, first, (lxw_col_t)k, last);
}

static void sheet_actions(wctx *c, lxw_worksheet *ws, const csm_actions *acts, const char *sheet)
{
	lxw_format *date_in = fmt(c, 0);
	lxw_protection prot;
	lxw_row_t r, last;
	size_t i, n = csm_actions_count(acts);
	csm__buf title = {0};
	int k;

	if (c->err)
		return;
	format_set_unlocked(date_in);
	format_set_bg_color(date_in, 0xFFF2CC);
	format_set_border(date_in, LXW_BORDER_THIN);
	format_set_border_color(date_in, 0xBF9000);
	format_set_align(date_in, LXW_ALIGN_CENTER);
	format_set_num_format(date_in, "yyyy-mm-dd");
	for (k = 0; k < CSM__ACOLS; k++)
		note_err(c, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, ACT_WIDTH[k], NULL));
	csm__buf_puts(&title, csm__msg("actions_sheet.title", c->lang));
	if (acts->org) {
		csm__buf_puts(&title, csm__msg("actions_sheet.title_sep", c->lang));
		csm__buf_puts(&title, acts->org);
	}
	if (title.nomem)
		note_err(c, LXW_ERROR_MEMORY_MALLOC_FAILED);
	put(c, ws, 0, 0, title.s, c->title);
	csm__buf_free(&title);
	note_err(c, worksheet_set_row(ws, 0, 22, NULL));
	put(c, ws, 1, 0, csm__msg("actions_sheet.how", c->lang), c->small);
	for (k = 0; k < CSM__ACOLS; k++)
		put(c, ws, ACT_FIRST_ROW - 1, (lxw_col_t)k, csm__msg(ACT_HEAD[k], c->lang), c->head);
	note_err(c, worksheet_set_row(ws, ACT_FIRST_ROW - 1, height_of(c, 2), NULL));
	for (i = 0; i < n; i++)
		act_row(c, ws, (lxw_row_t)(ACT_FIRST_ROW + i), csm_actions_get(acts, i), date_in);
	/* an empty list still names one (empty) row, which the reader skips */
	last = (lxw_row_t)(ACT_FIRST_ROW + (n ? n : 1) - 1);
	if (!n)
		for (k = 0; k < CSM__ACOLS; k++)
			put(c, ws, last, (lxw_col_t)k, NULL,
			    k == CSM__ACOL_OWNER || k == CSM__ACOL_NOTE ? c->input
			    : k == CSM__ACOL_STATUS                     ? c->input_center
			    : k == CSM__ACOL_DUE                        ? date_in
			                                                : c->cell);
	act_checks(c, ws, ACT_FIRST_ROW, last, sheet);
	note_err(c, worksheet_autofilter(ws, ACT_FIRST_ROW - 1, 0, last, CSM__ACOLS - 1));
	r = last + 2;
	put(c, ws, r, 0, csm__msg("actions_sheet.org", c->lang), c->small);
	put(c, ws, r, 2, acts->org, c->small);
	define(c, CSM__XN_ACT_ORG, sheet, r, 2, r);
	r++;
	put(c, ws, r, 0, csm__msg("actions_sheet.format", c->lang), c->small);
	put(c, ws, r, 2, CSM__XLSX_ACTIONS_FORMAT, c->small);
	define(c, CSM__XN_ACT_FORMAT, sheet, r, 2, r);
	worksheet_freeze_panes(ws, ACT_FIRST_ROW, 1);
	note_err(c, worksheet_repeat_rows(ws, ACT_FIRST_ROW - 1, ACT_FIRST_ROW - 1));
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	/* only the shaded cells change; filtering and widths stay free */
	memset(&prot, 0, sizeof prot);
	prot.format_columns = 1;
	prot.format_rows = 1;
	prot.autofilter = 1;
	worksheet_protect(ws, NULL, &prot);
}

int csm_actions_xlsx(unsigned char **out, size_t *out_len, const csm_actions *acts, csm_lang lang)
{
	CSM__ARGS(out && out_len && acts && CSM__LANG_OK(lang));
	const char *sheet = csm__msg("actions_sheet.sheet", lang);
	lxw_worksheet *ws;
	wctx c;
	wfile w;
	int rc;

	*out = NULL;
	*out_len = 0;
	memset(&c, 0, sizeof c);
	if ((rc = wfile_open(&w, &c.wb)))
		return rc;
	c.lang = lang;
	make_formats(&c);
	if (!(ws = workbook_add_worksheet(c.wb, sheet)))
		note_err(&c, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (!c.err) {
		workbook_set_properties(c.wb, &(lxw_doc_properties){.title = (char *)csm__msg("actions_sheet.title", lang),
		                                                     .comments = CSM__XLSX_ACTIONS_FORMAT});
		sheet_actions(&c, ws, acts, sheet);
	}
	return wfile_finish(&w, c.wb, c.err, out, out_len);
}
