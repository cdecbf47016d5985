/* The offline workbook (format csm-xlsx/1): written with libxlsxwriter, read
 * back with libzip and libxml2.
 *
 * The workbook has an instructions sheet, an organization sheet
 * (organization, assessors, gate questions), an items sheet (one row per
 * item, a drop-down list of levels) and a hidden sheet of lists. Every input
 * is found again through a workbook-global defined name, so a program that
 * moves rows or renames sheets keeps the workbook readable:
 *
 *   csm_format          the marker "csm-xlsx/1"
 *   csm_questionnaire   the questionnaire id
 *   csm_org_name, csm_org_industry, csm_org_scope, csm_org_size, csm_assessed_on
 *   csm_assessor_names, csm_assessor_roles        (one column each, row by row)
 *   csm_gate_ids, csm_gate_answers                (one column each, row by row)
 *   csm_item_ids, csm_levels, csm_evidence, csm_notes  (one column each, row by row)
 *
 * Reading treats the file as untrusted: every part is streamed (SAX, no
 * tree) with a size cap, no DTD is accepted, only the cells the names point
 * to are kept, every cell reference is bounds-checked and every text is
 * length-capped. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "internal.h"

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

#define XLSX_FORMAT "csm-xlsx/1"
#define ASSESSOR_ROWS 8u

/* The sheet names, per language. */
static const char *const SHEET_HELP[2] = {"記入方法", "Instructions"};
static const char *const SHEET_ORG[2] = {"組織", "Organization"};
static const char *const SHEET_ITEMS[2] = {"項目", "Items"};
static const char SHEET_LISTS[] = "Lists";

/* Choices shown in the drop-down lists, per language; the first entry of each
 * row is the value written to the answers file. */
static const char *const SCOPES[2][3] = {{"entity", "単体", "entity"}, {"group", "グループ", "group"}};
static const char *const SIZES[3][3] = {
	{"small", "小規模", "small"}, {"medium", "中規模", "medium"}, {"large", "大規模", "large"}};
static const char *const YESNO[2][3] = {{"yes", "はい", "yes"}, {"no", "いいえ", "no"}};

/* ======================================================================== */
/* Writing                                                                  */
/* ======================================================================== */

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

#define TR(c, ja, en) ((c)->lang == CSM_LANG_EN ? (en) : (ja))

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

static void col_letters(char *buf, unsigned col)
{
	char tmp[8];
	int n = 0, i = 0;
	col++; /* 1-based */
	while (col && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
}

/* A workbook-global defined name for a single cell or a column of cells. */
static void define(wctx *c, const char *name, const char *sheet, lxw_row_t r1, lxw_col_t col, lxw_row_t r2)
{
	csm__buf b = {0};
	char letters[8];
	const char *s;
	col_letters(letters, col);
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
	format_set_font_name(f, c->lang == CSM_LANG_EN ? "Calibri" : "Yu Gothic");
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

/* The label in the form's language of a stored value from `table`. */
static const char *choice_label(const wctx *c, const char *const (*table)[3], size_t n, const char *value)
{
	size_t i;
	for (i = 0; value && i < n; i++)
		if (strcmp(table[i][0], value) == 0)
			return table[i][1 + c->lang];
	return value;
}

static void sheet_instructions(wctx *c, lxw_worksheet *ws)
{
	static const char *const steps[][2] = {
	    {"「組織」シートに、組織名、業種、評価の対象範囲、規模、評価日、評価に参加した人を記入してください。"
	     "続けて、前提となる質問に「はい」か「いいえ」で答えてください。",
	     "On the Organization sheet, enter the name of the organization, its industry, the scope and size, the "
	     "date of the assessment and the people who took part. Then answer the gate questions with yes or no."},
	    {"「項目」シートで、すべての項目について「レベル」列のリストから 1〜5 のレベルを選んでください。"
	     "自組織に当てはまらない項目には n/a を選びます。選ぶ前に、右側の列にある質問の意図、確認のヒント、"
	     "各レベルの説明を読んでください。",
	     "On the Items sheet, choose a level from 1 to 5 for every item from the list in the Level column, or "
	     "n/a if the item does not apply to your organization. Before you choose, read the intent of the "
	     "question, the hint and the description of each level in the columns to the right."},
	    {"「根拠」列には、そのレベルを裏付ける文書や記録を書いてください(例:「情報セキュリティ基本方針 第2版、"
	     "2026年4月 取締役会承認」)。「メモ」は自由記入です。",
	     "Under Evidence, name the documents or records that show the level (for example \"Information "
	     "security policy v2, approved by the board in April 2026\"). The Note column is for anything else."},
	    {"色の付いたセルだけが入力できます。ほかのセルは、表の形を誤って壊さないように保護しています"
	     "(パスワードはかけていません)。行や列を削除したり、項目の番号を書き換えたりしないでください。",
	     "Only the shaded cells can be edited. The other cells are protected, without a password, so that "
	     "the layout is not changed by accident. Please do not delete rows or columns or change item numbers."},
	    {"Excel ブック(.xlsx)のまま保存して返送してください。受け取った側は「csm import ファイル名.xlsx」で"
	     "回答ファイルに変換し、採点します。",
	     "Save the file as an Excel workbook (.xlsx) and send it back. It is read with the command "
	     "\"csm import FILE.xlsx\", which turns it into an answers file for scoring."}};
	lxw_row_t r;
	int i;

	note_err(c, worksheet_set_column(ws, 0, 0, c->lang == CSM_LANG_EN ? 16 : 14, NULL));
	note_err(c, worksheet_set_column(ws, 1, 1, 100, NULL));
	put(c, ws, 0, 0, c->q->title[c->lang], c->title);
	note_err(c, worksheet_set_row(ws, 0, 22, NULL));
	put(c, ws, 1, 0, TR(c, "自己評価シート", "Self-assessment workbook"), c->text);
	put(c, ws, 3, 0, TR(c, "記入のしかた", "How to fill it in"), c->subtitle);
	for (i = 0, r = 4; i < 5; i++, r++) {
		const char *s = steps[i][c->lang];
		put_num(c, ws, r, 0, i + 1, c->cell_center);
		put(c, ws, r, 1, s, c->cell);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(s, 100)), NULL));
	}
	r++;
	put(c, ws, r++, 0, TR(c, "レベルの意味", "What the levels mean"), c->subtitle);
	put(c, ws, r, 0, TR(c, "レベル", "Level"), c->head);
	put(c, ws, r++, 1, TR(c, "一般的な状態", "In general"), c->head);
	for (i = 1; i <= 5; i++, r++) {
		const char *s = csm_questionnaire_level(c->q, i, c->lang);
		put_num(c, ws, r, 0, i, c->cell_center);
		put(c, ws, r, 1, s, c->cell);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(s, 100)), NULL));
	}
	put(c, ws, r, 0, "n/a", c->cell_center);
	put(c, ws, r++, 1,
	    TR(c, "該当しない(自組織には当てはまらない)。平均の計算から除きます。",
	       "Does not apply to the organization; left out of the averages."),
	    c->cell);
	r++;
	put(c, ws, r, 0, TR(c, "様式", "Form format"), c->small);
	put(c, ws, r, 1, XLSX_FORMAT, c->small);
	define(c, "csm_format", SHEET_HELP[c->lang], r, 1, r);
	r++;
	put(c, ws, r, 0, TR(c, "質問票", "Questionnaire"), c->small);
	put(c, ws, r, 1, c->q->id, c->small);
	define(c, "csm_questionnaire", SHEET_HELP[c->lang], r, 1, r);
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
	worksheet_hide(ws);
	protect(ws);
	return n;
}

static void sheet_org(wctx *c, lxw_worksheet *ws, size_t nindustries)
{
	const csm_answers *a = c->pre;
	const char *sheet = SHEET_ORG[c->lang];
	const char *scope_list[3], *size_list[4], *yesno_list[3];
	char range[64];
	const char *v;
	size_t i, nass = ASSESSOR_ROWS;
	lxw_row_t r;
	lxw_row_col_options hidden;

	for (i = 0; i < 2; i++) {
		scope_list[i] = SCOPES[i][1 + c->lang];
		yesno_list[i] = YESNO[i][1 + c->lang];
	}
	scope_list[2] = yesno_list[2] = NULL;
	for (i = 0; i < 3; i++)
		size_list[i] = SIZES[i][1 + c->lang];
	size_list[3] = NULL;

	note_err(c, worksheet_set_column(ws, 0, 0, 62, NULL));
	note_err(c, worksheet_set_column(ws, 1, 1, 34, NULL));
	note_err(c, worksheet_set_column(ws, 2, 2, 44, NULL));
	memset(&hidden, 0, sizeof hidden);
	hidden.hidden = 1;
	note_err(c, worksheet_set_column_opt(ws, 3, 3, 10, NULL, &hidden));

	put(c, ws, 0, 0, TR(c, "組織と評価の情報", "The organization and the assessment"), c->title);
	note_err(c, worksheet_set_row(ws, 0, 22, NULL));

	/* Organization fields: label, input, hint. */
	put(c, ws, 2, 0, TR(c, "組織名", "Name of the organization"), c->label);
	put(c, ws, 2, 1, a ? a->field[CSM_FIELD_ORG_NAME] : NULL, c->input);
	define(c, "csm_org_name", sheet, 2, 1, 2);

	put(c, ws, 3, 0, TR(c, "業種", "Industry"), c->label);
	v = a ? a->field[CSM_FIELD_ORG_INDUSTRY] : NULL;
	if (v && c->ind && csm_industry_label(c->ind, v, c->lang))
		v = csm_industry_label(c->ind, v, c->lang);
	put(c, ws, 3, 1, v, c->input);
	put(c, ws, 3, 2,
	    nindustries ? TR(c, "リストから選んでください。", "Choose from the list.")
	                : TR(c, "業種の ID(例: finance)", "An industry id, e.g. finance"),
	    c->small);
	if (nindustries) {
		snprintf(range, sizeof range, "=%s!$A$1:$A$%zu", SHEET_LISTS, nindustries);
		list_validation(c, ws, 3, 3, 1, NULL, range, TR(c, "業種", "Industry"),
		                TR(c, "リストにある業種を選んでください。", "Choose an industry from the list."));
	}
	define(c, "csm_org_industry", sheet, 3, 1, 3);

	put(c, ws, 4, 0, TR(c, "評価の対象範囲", "Scope of the assessment"), c->label);
	put(c, ws, 4, 1, a ? choice_label(c, SCOPES, 2, a->field[CSM_FIELD_ORG_SCOPE]) : NULL, c->input);
	put(c, ws, 4, 2,
	    TR(c, "単体: この組織だけ / グループ: グループ会社を含む",
	       "entity: this organization alone; group: with its group companies"),
	    c->small);
	list_validation(c, ws, 4, 4, 1, scope_list, NULL, TR(c, "対象範囲", "Scope"),
	                TR(c, "リストから選んでください。", "Choose from the list."));
	define(c, "csm_org_scope", sheet, 4, 1, 4);

	put(c, ws, 5, 0, TR(c, "規模", "Size"), c->label);
	put(c, ws, 5, 1, a ? choice_label(c, SIZES, 3, a->field[CSM_FIELD_ORG_SIZE]) : NULL, c->input);
	put(c, ws, 5, 2, TR(c, "任意", "Optional"), c->small);
	list_validation(c, ws, 5, 5, 1, size_list, NULL, TR(c, "規模", "Size"),
	                TR(c, "リストから選んでください。", "Choose from the list."));
	define(c, "csm_org_size", sheet, 5, 1, 5);

	put(c, ws, 6, 0, TR(c, "評価日", "Date of the assessment"), c->label);
	put(c, ws, 6, 1, a ? a->field[CSM_FIELD_ASSESSED_ON] : NULL, c->input_text);
	put(c, ws, 6, 2, TR(c, "YYYY-MM-DD の形で(例: 2026-11-01)", "As YYYY-MM-DD, e.g. 2026-11-01"), c->small);
	define(c, "csm_assessed_on", sheet, 6, 1, 6);

	/* Assessors: a table of name and role. */
	if (a && a->assessor_count > nass)
		nass = a->assessor_count;
	put(c, ws, 8, 0, TR(c, "評価者", "Assessors"), c->subtitle);
	put(c, ws, 9, 0, "", c->head);
	put(c, ws, 9, 1, TR(c, "氏名", "Name"), c->head);
	put(c, ws, 9, 2, TR(c, "役割・部署", "Role or department"), c->head);
	for (i = 0, r = 10; i < nass; i++, r++) {
		put_num(c, ws, r, 0, (double)(i + 1), c->cell_center);
		put(c, ws, r, 1, a && i < a->assessor_count ? a->assessor_name[i] : NULL, c->input);
		put(c, ws, r, 2, a && i < a->assessor_count ? a->assessor_role[i] : NULL, c->input);
	}
	define(c, "csm_assessor_names", sheet, 10, 1, (lxw_row_t)(10 + nass - 1));
	define(c, "csm_assessor_roles", sheet, 10, 2, (lxw_row_t)(10 + nass - 1));

	/* Gate questions: question, answer, and the gate id in a hidden column. */
	if (c->q->gate_count) {
		lxw_row_t first;
		r = (lxw_row_t)(10 + nass + 1);
		put(c, ws, r++, 0, TR(c, "前提の質問", "Gate questions"), c->subtitle);
		put(c, ws, r, 0, TR(c, "質問", "Question"), c->head);
		put(c, ws, r++, 1, TR(c, "回答", "Answer"), c->head);
		first = r;
		for (i = 0; i < c->q->gate_count; i++, r++) {
			const char *q = c->q->gates[i].question[c->lang];
			const char *ans = NULL;
			size_t k;
			for (k = 0; a && k < a->gate_count; k++)
				if (strcmp(a->gate_id[k], c->q->gates[i].id) == 0 && a->gate_value[k] >= 0)
					ans = YESNO[a->gate_value[k] ? 0 : 1][1 + c->lang];
			put(c, ws, r, 0, q, c->cell);
			put(c, ws, r, 1, ans, c->input_center);
			put(c, ws, r, 3, c->q->gates[i].id, NULL);
			note_err(c, worksheet_set_row(ws, r, height_of(c, lines_of(q, 62)), NULL));
		}
		list_validation(c, ws, first, r - 1, 1, yesno_list, NULL, TR(c, "回答", "Answer"),
		                TR(c, "「はい」か「いいえ」を選んでください。", "Choose yes or no."));
		define(c, "csm_gate_ids", sheet, first, 3, r - 1);
		define(c, "csm_gate_answers", sheet, first, 1, r - 1);
	}
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	protect(ws);
}

enum { IC_ID, IC_DIR, IC_QUESTION, IC_LEVEL, IC_EVIDENCE, IC_NOTE, IC_INTENT, IC_HINT, IC_L1, IC_COUNT = IC_L1 + 5 };

static void sheet_items(wctx *c, lxw_worksheet *ws)
{
	static const double width[IC_COUNT] = {7, 16, 44, 9, 36, 24, 48, 44, 36, 36, 36, 36, 36};
	static lxw_col_t breaks[] = {IC_INTENT, IC_L1, IC_L1 + 3, 0};
	static const char *const levels[] = {"1", "2", "3", "4", "5", "n/a", NULL};
	const char *sheet = SHEET_ITEMS[c->lang];
	const csm_questionnaire *q = c->q;
	char buf[64];
	lxw_row_t r, last = (lxw_row_t)q->item_count;
	lxw_data_validation dv;
	int k;
	size_t i;

	for (k = 0; k < IC_COUNT; k++)
		note_err(c, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, width[k], NULL));
	put(c, ws, 0, IC_ID, TR(c, "項目", "Item"), c->head);
	put(c, ws, 0, IC_DIR, TR(c, "指示", "Directive"), c->head);
	put(c, ws, 0, IC_QUESTION, TR(c, "質問", "Question"), c->head);
	put(c, ws, 0, IC_LEVEL, TR(c, "レベル", "Level"), c->head);
	put(c, ws, 0, IC_EVIDENCE, TR(c, "根拠(文書・記録)", "Evidence (documents, records)"), c->head);
	put(c, ws, 0, IC_NOTE, TR(c, "メモ", "Note"), c->head);
	put(c, ws, 0, IC_INTENT, TR(c, "質問の意図", "What the question asks"), c->head);
	put(c, ws, 0, IC_HINT, TR(c, "確認のヒント", "Where to find the answer"), c->head);
	for (k = 1; k <= 5; k++) {
		snprintf(buf, sizeof buf, "%s %d", TR(c, "レベル", "Level"), k);
		put(c, ws, 0, (lxw_col_t)(IC_L1 + k - 1), buf, c->head);
	}
	note_err(c, worksheet_set_row(ws, 0, height_of(c, 2), NULL));

	for (i = 0, r = 1; i < q->item_count; i++, r++) {
		const csm__item *it = &q->items[i];
		const csm__answer *ans = c->pre ? csm__answers_find_near(c->pre, it->id, i) : NULL;
		unsigned lines = 1;
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
			                       : it->level[k - IC_L1][c->lang];
			if (k == IC_DIR) {
				snprintf(buf, sizeof buf, "%d %s", it->directive,
				         q->dir_short[it->directive - 1][c->lang] ? q->dir_short[it->directive - 1][c->lang] : "");
				s = buf;
			}
			put(c, ws, r, (lxw_col_t)k, s,
			    k == IC_EVIDENCE || k == IC_NOTE ? c->input : k == IC_ID ? c->cell_center : c->cell);
			if (s) {
				unsigned n = lines_of(s, width[k]);
				if (n > lines)
					lines = n;
			}
		}
		if (ans && ans->kind == CSM_ANSWER_LEVEL)
			put_num(c, ws, r, IC_LEVEL, ans->level, c->input_center);
		else
			put(c, ws, r, IC_LEVEL, ans && ans->kind == CSM_ANSWER_NA ? "n/a" : NULL, c->input_center);
		note_err(c, worksheet_set_row(ws, r, height_of(c, lines), NULL));
	}
	if (q->item_count) {
		memset(&dv, 0, sizeof dv);
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)levels;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		dv.input_title = (char *)TR(c, "レベル", "Level");
		dv.input_message = (char *)TR(c, "1〜5 を選んでください。当てはまらない項目は n/a。",
		                              "Choose 1 to 5, or n/a if the item does not apply.");
		dv.error_title = (char *)TR(c, "レベルではありません", "Not a level");
		dv.error_message = (char *)TR(c, "1、2、3、4、5、n/a のどれかをリストから選んでください。",
		                              "Choose 1, 2, 3, 4, 5 or n/a from the list.");
		note_err(c, worksheet_data_validation_range(ws, 1, IC_LEVEL, last, IC_LEVEL, &dv));
		define(c, "csm_item_ids", sheet, 1, IC_ID, last);
		define(c, "csm_levels", sheet, 1, IC_LEVEL, last);
		define(c, "csm_evidence", sheet, 1, IC_EVIDENCE, last);
		define(c, "csm_notes", sheet, 1, IC_NOTE, last);
	}
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

int csm_form_xlsx(unsigned char **out, size_t *out_len, const csm_questionnaire *q, const csm_form_options *opt)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	lxw_workbook_options wo;
	lxw_worksheet *ws_help, *ws_org, *ws_items, *ws_lists;
	wctx c;
	size_t nind;
	int fd, rc;
	lxw_error closed;

	CSM__ARGS(out && out_len && q && opt && CSM__LANG_OK(opt->lang));
	*out = NULL;
	*out_len = 0;
	if (!dir || !dir[0] || strlen(dir) > sizeof path - 32)
		dir = "/tmp";
	/* libxlsxwriter writes to a path: one that names a nameless file, so a
	 * run ended by a signal leaves nothing behind */
	if ((fd = csm__nameless_tmp(dir)) < 0)
		return csm__err(CSM_EIO, "xlsx: cannot create a temporary file in %s: %s", dir, strerror(errno));
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (access(path, W_OK) != 0) { /* no /proc: a named file, removed at the end */
		close(fd);
		snprintf(path, sizeof path, "%s/csm-form-XXXXXX", dir);
		if ((fd = mkstemp(path)) < 0)
			return csm__err(CSM_EIO, "xlsx: cannot create a temporary file in %s: %s", dir, strerror(errno));
	}

	memset(&c, 0, sizeof c);
	c.lang = opt->lang;
	c.q = q;
	c.pre = opt->prefill;
	c.ind = opt->industries;
	memset(&wo, 0, sizeof wo);
	wo.tmpdir = (char *)dir;
	if (!(c.wb = workbook_new_opt(path, &wo))) {
		close(fd);
		drop_tmp(path);
		return csm__err(CSM_EIO, "xlsx: cannot start a workbook in %s", dir);
	}
	make_formats(&c);
	ws_help = workbook_add_worksheet(c.wb, SHEET_HELP[c.lang]);
	ws_org = workbook_add_worksheet(c.wb, SHEET_ORG[c.lang]);
	ws_items = workbook_add_worksheet(c.wb, SHEET_ITEMS[c.lang]);
	ws_lists = workbook_add_worksheet(c.wb, SHEET_LISTS);
	if (!ws_help || !ws_org || !ws_items || !ws_lists)
		note_err(&c, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (!c.err) {
		workbook_set_properties(c.wb, &(lxw_doc_properties){.title = q->title[c.lang], .comments = XLSX_FORMAT});
		sheet_instructions(&c, ws_help);
		nind = sheet_lists(&c, ws_lists);
		sheet_org(&c, ws_org, nind);
		sheet_items(&c, ws_items);
		worksheet_activate(ws_help);
	}
	closed = workbook_close(c.wb); /* writes the file, and frees the workbook in any case */
	if (c.err || closed) {
		close(fd);
		drop_tmp(path);
		return csm__err(c.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CSM_ENOMEM : CSM_EIO, "xlsx: %s",
		                lxw_strerror(c.err ? c.err : closed));
	}
	rc = slurp_fd(fd, out, out_len);
	close(fd);
	drop_tmp(path);
	return rc;
}

/* ======================================================================== */
/* Reading                                                                  */
/* ======================================================================== */

#define PART_MAX (32u * 1024u * 1024u)  /* one part, uncompressed */
#define TOTAL_MAX (96u * 1024u * 1024u) /* every part read, together */
#define ENTRIES_MAX 10000               /* parts in the archive */
#define RANGE_ROWS_MAX 4000u            /* rows of one defined name */
#define SHEETS_MAX 256u
#define NAMES_MAX 10000u

static const char NS_MAIN[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char NS_MAIN_STRICT[] = "http://purl.oclc.org/ooxml/spreadsheetml/main";
static const char NS_REL[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char NS_REL_STRICT[] = "http://purl.oclc.org/ooxml/officeDocument/relationships";
static const char NS_PKG[] = "http://schemas.openxmlformats.org/package/2006/relationships";

/* Every part is streamed through libxml2's SAX2 parser: no tree is built,
 * and of the sheets and shared strings only the cells and strings that the
 * defined names below point to are kept, so memory follows the cells the
 * importer reads, not the cells (or elements) the file has. */
#define KEEP_MAX (CSM_MAX_TEXT_BYTES + 8u) /* a text kept; every cell limit is below it */
#define DN_VALUE_MAX 1024u                 /* a defined name's formula, kept */
#define DN_NAME_MAX 255u                   /* Excel's limit for a name */
#define SHEET_NAME_MAX 1024u
#define RELS_MAX 10000u
/* libxml2 2.9 slows down past these: its dictionary of names stops growing
 * (millions of different element names take minutes), and it compares the
 * attributes of an element pair by pair. A workbook has a few dozen. */
#define PART_NAMES_MAX 10000u
#define ATTRS_MAX 1000u
/* The texts kept for the cells read, all together: more than an answers file
 * may hold (CSM_MAX_FILE_BYTES), as no more can come out of the import. */
#define KEPT_MAX CSM_MAX_FILE_BYTES

/* The defined names the importer reads: one cell each, then one column each. */
static const char *const SINGLE_NAMES[] = {"csm_format",       "csm_questionnaire", "csm_org_name",   "csm_org_industry",
                                           "csm_org_scope",    "csm_org_size",      "csm_assessed_on"};
static const char *const COLUMN_NAMES[] = {"csm_assessor_names", "csm_assessor_roles", "csm_gate_ids", "csm_gate_answers",
                                           "csm_item_ids",       "csm_levels",         "csm_evidence", "csm_notes"};

/* A text read in pieces: kept without its leading white space up to a cap;
 * `over` if anything but white space came after the cap (so the whole text,
 * trimmed, is longer than the cap). */
typedef struct ctext {
	csm__buf b;
	int full; /* something was left out: nothing more is kept */
	int over;
	size_t *kept; /* the count of bytes kept to add to, or NULL */
} ctext;

typedef enum ctype { T_NUM, T_S, T_INLINE, T_STR, T_BOOL, T_ERR } ctype;

/* A cell the importer reads, as the sheet gives it. */
typedef struct xcell {
	unsigned char present, type, has_is;
	ctext v;  /* the text of its <v> */
	ctext is; /* the text of its <is>, Excel's escapes undone */
} xcell;

typedef struct sheet {
	char *name;
	char *rid;      /* its relationship id, while the workbook is read */
	char *part;     /* NULL if the relationship is missing */
	uint64_t *want; /* the positions the importer reads, row << 32 | col, sorted */
	xcell *cells;   /* their cells, in the same order */
	size_t nwant;
	int state;     /* 0 not loaded, 1 loaded, -1 failed */
	int read_ahead; /* prefetch_sheets() tried it */
} sheet;

typedef struct rel {
	char *id, *type, *target; /* target resolved to a part name */
} rel;

/* A shared string the importer reads. */
typedef struct sstr {
	uint32_t idx;
	int done;
	ctext t;
} sstr;

typedef struct ictx {
	zip_t *za;
	const char *name;
	csm__problems *p;
	size_t total;
	int nomem;
	int date1904;
	sheet *sheets;
	size_t nsheets;
	char **dn_name, **dn_value;
	size_t ndn;
	char *sst_part;  /* the shared strings part */
	int sst_state;   /* 0 not read, 1 read (nsi known), -1 refused */
	int sst_counted; /* its bytes are in `total` */
	size_t nsi;      /* <si> elements in it */
	sstr *ss; /* the shared strings read, by index */
	size_t nss, ss_cap;
	size_t kept; /* bytes of text kept for cells and shared strings */
} ictx;

typedef enum vkind { V_EMPTY, V_NUM, V_STR, V_ERR } vkind;

typedef struct value {
	vkind kind;
	double num;
	char *s;     /* V_STR, V_ERR: the text (trimmed), owned */
	int toolong; /* the text was longer than asked for */
} value;

/* A place in the workbook for messages: "Items!D12". */
typedef struct place {
	const sheet *sh;
	uint32_t row, col;
} place;

static const char *where(char *buf, size_t size, place at)
{
	char letters[8];
	col_letters(letters, at.col);
	snprintf(buf, size, "%s!%s%u", at.sh ? at.sh->name : "?", letters, at.row + 1);
	return buf;
}

static char *dup_or_nomem(ictx *x, const char *s)
{
	char *d = csm__strdup(s ? s : "");
	if (!d)
		x->nomem = 1;
	return d;
}

static int is_space(unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* ---- streaming a part ----------------------------------------------------- */

enum { NS_OTHER, NS_K_MAIN, NS_K_PKG };

typedef struct xpart xpart;
struct xpart {
	ictx *x;
	const char *path;
	xmlParserCtxtPtr ctxt;
	zip_file_t *f;
	size_t n;       /* bytes read */
	int count;      /* check and add them to x->total */
	int io;         /* 1 damaged, 2 larger than PART_MAX, 3 over TOTAL_MAX, 4 too many attributes */
	int scan;       /* where the attribute count is in the markup */
	char quote;
	unsigned eqs;   /* '=' in the current tag */
	int doctype;
	int depth;      /* elements open, the current one included */
	int rc;         /* a handler stopped the parse: CSM_EINVALID (problem recorded) or CSM_ENOMEM */
	const xmlChar *uri; /* the last namespace seen, and its kind (names are interned) */
	int uri_kind;
	void (*start)(xpart *p, const char *local, int ns, const xmlChar **attrs, int nattrs);
	void (*end)(xpart *p, int ns);
	void (*text)(xpart *p, const char *s, size_t n);
	void *user;
};

static void too_many_names(xpart *p)
{
	csm__problem(p->x->p, "%s: part %s uses more than %u different names (not a workbook csm made)", p->x->name,
	             p->path, PART_NAMES_MAX);
}

static void stop(xpart *p, int rc)
{
	if (!p->rc)
		p->rc = rc;
	if (rc == CSM_ENOMEM)
		p->x->nomem = 1;
	xmlStopParser(p->ctxt);
}

/* After text was kept in `t`: memory ran out, or the budget of kept text. */
static void kept_check(xpart *p, const ctext *t)
{
	if (p->rc)
		return;
	if (t && t->b.nomem) {
		stop(p, CSM_ENOMEM);
	} else if (p->x->kept > KEPT_MAX) {
		csm__problem(p->x->p, "%s: part %s: the cells read hold more than %u MiB of text (not a workbook csm made)",
		             p->x->name, p->path, KEPT_MAX / (1024u * 1024u));
		stop(p, CSM_EINVALID);
	}
}

static int ns_kind(xpart *p, const xmlChar *uri)
{
	if (!uri)
		return NS_OTHER;
	if (uri != p->uri) {
		const char *u = (const char *)uri;
		p->uri = uri;
		p->uri_kind = strcmp(u, NS_MAIN) == 0 || strcmp(u, NS_MAIN_STRICT) == 0 ? NS_K_MAIN
		              : strcmp(u, NS_PKG) == 0                                  ? NS_K_PKG
		                                                                         : NS_OTHER;
	}
	return p->uri_kind;
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **nss, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	xpart *p = ctx;
	(void)prefix;
	(void)nns;
	(void)nss;
	(void)ndefaulted;
	p->depth++;
	if (!p->rc && xmlDictSize(p->ctxt->dict) > (int)PART_NAMES_MAX) {
		too_many_names(p);
		stop(p, CSM_EINVALID);
	}
	if (!p->rc && p->start)
		p->start(p, (const char *)local, ns_kind(p, uri), attrs, nattrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	xpart *p = ctx;
	(void)local;
	(void)prefix;
	if (!p->rc && p->end)
		p->end(p, ns_kind(p, uri));
	p->depth--;
}

/* Processing instructions are not read, but their targets fill the dictionary. */
static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xpart *p = ctx;
	(void)target;
	(void)data;
	if (!p->rc && xmlDictSize(p->ctxt->dict) > (int)PART_NAMES_MAX) {
		too_many_names(p);
		stop(p, CSM_EINVALID);
	}
}

static void sax_text(void *ctx, const xmlChar *s, int n)
{
	xpart *p = ctx;
	if (!p->rc && p->text && n > 0)
		p->text(p, (const char *)s, (size_t)n);
}

/* A document type declaration: stop before its internal subset (entities) is read. */
static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xpart *p = ctx;
	(void)name;
	(void)eid;
	(void)sid;
	p->doctype = 1;
	xmlStopParser(p->ctxt);
}

static void sax_quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* libxml2 reports some errors (bad input encodings) on its global channel,
 * stderr by default, whatever the parser's options. */
static void generic_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

enum { SCAN_TEXT, SCAN_LT, SCAN_TAG, SCAN_QUOTE, SCAN_OTHER };

/* Count the attributes ('=' outside quotes) of each tag in `b`, before the
 * parser sees it; 0 if one has more than ATTRS_MAX. Comments, CDATA and
 * processing instructions are skipped up to their first '>', which is
 * enough for a count that only needs to catch thousands. */
static int scan_attrs(xpart *p, const char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char ch = b[i];
		if (p->scan == SCAN_LT) {
			p->scan = ch == '!' || ch == '?' ? SCAN_OTHER : SCAN_TAG;
			p->eqs = 0;
		}
		switch (p->scan) {
		case SCAN_TEXT:
			if (ch == '<')
				p->scan = SCAN_LT;
			break;
		case SCAN_TAG:
			if (ch == '>')
				p->scan = SCAN_TEXT;
			else if (ch == '"' || ch == '\'') {
				p->quote = ch;
				p->scan = SCAN_QUOTE;
			} else if (ch == '=' && ++p->eqs > ATTRS_MAX)
				return 0;
			break;
		case SCAN_QUOTE:
			if (ch == p->quote)
				p->scan = SCAN_TAG;
			break;
		default:
			if (ch == '>')
				p->scan = SCAN_TEXT;
		}
	}
	return 1;
}

/* The parser's input: the part, decompressed as it is read, with the caps. */
static int io_read(void *ctx, char *buf, int len)
{
	xpart *p = ctx;
	zip_int64_t got;
	if (p->io || len <= 0)
		return p->io ? -1 : 0;
	if ((got = zip_fread(p->f, buf, (zip_uint64_t)len)) < 0) {
		p->io = 1;
		return -1;
	}
	p->n += (size_t)got;
	if (p->n > PART_MAX)
		p->io = 2;
	else if (p->count && p->x->total + p->n > TOTAL_MAX)
		p->io = 3;
	else if (!scan_attrs(p, buf, (size_t)got))
		p->io = 4;
	return p->io ? -1 : (int)got;
}

/* Stream part `path` through the handlers of `p` (start, end, text, user set
 * by the caller): no DTD, no network, no entity expansion, at most PART_MAX
 * bytes whatever the zip header says, counted into the total of the parts
 * read if `count`. CSM_ENOTFOUND if there is no such part. */
static int parse_part(ictx *x, const char *path, xpart *p, int count)
{
	zip_int64_t idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE);
	xmlSAXHandler sax;
	int rc = 0;

	p->x = x;
	p->path = path;
	p->n = 0;
	p->count = count;
	p->io = p->doctype = p->depth = p->rc = p->scan = 0;
	p->eqs = 0;
	p->uri = NULL;
	if (idx < 0)
		return CSM_ENOTFOUND;
	if (!(p->f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0))) {
		csm__problem(x->p, "%s: part %s cannot be read: %s", x->name, path, zip_strerror(x->za));
		return CSM_EINVALID;
	}
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.internalSubset = sax_doctype;
	sax.processingInstruction = sax_pi;
	sax.serror = sax_quiet;
	if (!(p->ctxt = xmlCreateIOParserCtxt(&sax, p, io_read, NULL, p, XML_CHAR_ENCODING_NONE))) {
		zip_fclose(p->f);
		x->nomem = 1;
		return CSM_ENOMEM;
	}
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	{
		xmlGenericErrorFunc old = xmlGenericError;
		void *old_ctx = xmlGenericErrorContext;
		xmlSetGenericErrorFunc(NULL, generic_quiet);
		xmlParseDocument(p->ctxt);
		xmlSetGenericErrorFunc(old_ctx, old);
	}
	if (p->io == 1) {
		csm__problem(x->p, "%s: part %s is damaged: %s", x->name, path, zip_file_strerror(p->f));
		rc = CSM_EINVALID;
	} else if (p->io == 2) {
		csm__problem(x->p, "%s: part %s is larger than %u MiB uncompressed (not a workbook csm made)", x->name, path,
		             PART_MAX / (1024u * 1024u));
		rc = CSM_EINVALID;
	} else if (p->io == 3) {
		csm__problem(x->p, "%s: part %s: the parts read come to more than %u MiB uncompressed (not a workbook csm made)",
		             x->name, path, TOTAL_MAX / (1024u * 1024u));
		rc = CSM_EINVALID;
	} else if (p->io == 4) {
		csm__problem(x->p, "%s: part %s has an element with more than %u attributes (not a workbook csm made)",
		             x->name, path, ATTRS_MAX);
		rc = CSM_EINVALID;
	} else if (p->doctype) {
		csm__problem(x->p, "%s: part %s has a document type declaration (<!DOCTYPE), which is not allowed", x->name,
		             path);
		rc = CSM_EINVALID;
	} else if (p->rc) {
		rc = p->rc;
	} else if (!p->ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(p->ctxt);
		char msg[160] = "not well-formed";
		if (e && e->message) {
			size_t k;
			snprintf(msg, sizeof msg, "%s", e->message);
			for (k = strlen(msg); k && (msg[k - 1] == '\n' || msg[k - 1] == ' '); k--)
				msg[k - 1] = '\0';
		}
		csm__problem(x->p, "%s: part %s is not valid XML (line %d: %s)", x->name, path, e ? e->line : 0, msg);
		rc = CSM_EINVALID;
	}
	xmlFreeParserCtxt(p->ctxt);
	p->ctxt = NULL;
	zip_fclose(p->f);
	p->f = NULL;
	if (!rc && count)
		x->total += p->n;
	return rc;
}

/* Attribute `local` of the element being started (in namespace ns1 or ns2,
 * or in none if ns1 is NULL) into buf, cut to size - 1 bytes (at a UTF-8
 * boundary); *cut tells if it was. Returns 0 if there is no such attribute.
 * SAX2 hands a '&' of an attribute value on as "&#38;", undone here. */
static int attr_get(const xmlChar **a, int nattrs, const char *local, const char *ns1, const char *ns2, char *buf,
                    size_t size, int *cut)
{
	int i;
	for (i = 0; i < nattrs; i++, a += 5) {
		const char *uri = (const char *)a[2], *s = (const char *)a[3], *e = (const char *)a[4];
		size_t n = 0;
		if (strcmp((const char *)a[0], local) != 0 ||
		    (ns1 ? !uri || (strcmp(uri, ns1) != 0 && !(ns2 && strcmp(uri, ns2) == 0)) : uri != NULL))
			continue;
		*cut = 0;
		while (s < e) {
			char ch = *s;
			size_t step = (e - s >= 5 && memcmp(s, "&#38;", 5) == 0) ? 5 : 1;
			if (step == 5)
				ch = '&';
			if (n + 1 >= size) {
				*cut = 1;
				if (((unsigned char)ch & 0xC0) == 0x80) { /* drop the character cut in two */
					while (n && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
						n--;
					n -= n > 0;
				}
				break;
			}
			buf[n++] = ch;
			s += step;
		}
		buf[n] = '\0';
		return 1;
	}
	return 0;
}

/* ---- texts --------------------------------------------------------------- */

static void ctext_free(ctext *t)
{
	csm__buf_free(&t->b);
	t->full = t->over = 0;
}

/* Append to `t`, kept up to `cap` bytes. */
static void ctext_add(ctext *t, const char *s, size_t n, size_t cap)
{
	size_t room;
	if (!t->b.len) { /* leading white space: ASCII, and U+3000 (whole, as SAX hands on whole characters) */
		for (;;) {
			if (n && is_space((unsigned char)*s)) {
				s++;
				n--;
			} else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
				s += 3;
				n -= 3;
			} else {
				break;
			}
		}
	}
	room = !t->full && t->b.len < cap ? cap - t->b.len : 0;
	if (n > room) {
		size_t i;
		t->full = 1;
		while (room && ((unsigned char)s[room] & 0xC0) == 0x80) /* whole characters only */
			room--;
		for (i = room; i < n && !t->over; i++) /* U+3000 is E3 80 80, the only character of these bytes */
			if (!is_space((unsigned char)s[i]) && (unsigned char)s[i] != 0xE3 && (unsigned char)s[i] != 0x80)
				t->over = 1;
		n = room;
	}
	if (n)
		csm__buf_add(&t->b, s, n);
	if (t->kept)
		*t->kept += n;
}

static int hexval(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

static void put_utf8(ctext *t, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	ctext_add(t, u, n, KEEP_MAX);
}

/* Rich text (an <si> or an <is>) as it streams by: the text of its <t>, or
 * of the <t> of its runs <r>; phonetic runs <rPh> (the readings Japanese
 * Excel keeps) are not part of it. Excel's escapes _xHHHH_ are undone, also
 * when the parser hands an escape on in two pieces. */
typedef struct rtext {
	ctext *out; /* NULL when not in rich text */
	int base;   /* depth of the <si> or <is> */
	int r, t;   /* depth of the <r> and <t> we are in, or 0 */
	char esc[8];
	size_t nesc;
} rtext;

static void rt_begin(rtext *rt, int depth, ctext *out, size_t *kept)
{
	memset(rt, 0, sizeof *rt);
	ctext_free(out);
	out->kept = kept;
	rt->out = out;
	rt->base = depth;
}

/* 2: esc holds a whole escape, 1: the start of one, 0: neither. */
static int esc_state(const char *e, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (i == 0 || i == 6 ? e[i] != '_' : i == 1 ? e[i] != 'x' : hexval(e[i]) < 0)
			return 0;
	return n == 7 ? 2 : 1;
}

static void rt_byte(rtext *rt, char ch)
{
	int st;
	rt->esc[rt->nesc++] = ch;
	while (rt->nesc && (st = esc_state(rt->esc, rt->nesc)) != 1) {
		if (st == 2) {
			unsigned cp = (unsigned)(hexval(rt->esc[2]) << 12 | hexval(rt->esc[3]) << 8 | hexval(rt->esc[4]) << 4 |
			                         hexval(rt->esc[5]));
			if (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && (cp < 0xD800 || cp > 0xDFFF)))
				put_utf8(rt->out, cp);
			rt->nesc = 0;
		} else { /* not an escape: its first byte is text, the rest is looked at again */
			ctext_add(rt->out, rt->esc, 1, KEEP_MAX);
			memmove(rt->esc, rt->esc + 1, --rt->nesc);
		}
	}
}

static void rt_flush(rtext *rt)
{
	if (rt->nesc)
		ctext_add(rt->out, rt->esc, rt->nesc, KEEP_MAX);
	rt->nesc = 0;
}

static void rt_start(rtext *rt, int depth, const char *local, int ns)
{
	if (rt->t || ns != NS_K_MAIN)
		return;
	if (depth == rt->base + 1 && strcmp(local, "t") == 0)
		rt->t = depth;
	else if (depth == rt->base + 1 && strcmp(local, "r") == 0)
		rt->r = depth;
	else if (rt->r && depth == rt->r + 1 && strcmp(local, "t") == 0)
		rt->t = depth;
}

/* Returns 1 when the rich text itself ends. */
static int rt_end(rtext *rt, int depth)
{
	if (depth == rt->t) {
		rt_flush(rt);
		rt->t = 0;
	} else if (depth == rt->r) {
		rt->r = 0;
	} else if (depth == rt->base) {
		rt->out = NULL;
		return 1;
	}
	return 0;
}

static void rt_text(rtext *rt, int depth, const char *s, size_t n)
{
	size_t i;
	if (!rt->t || depth != rt->t)
		return;
	for (i = 0; i < n; i++) {
		if (!rt->nesc && s[i] != '_') { /* plain text up to the next '_' */
			size_t j = i;
			while (j < n && s[j] != '_')
				j++;
			ctext_add(rt->out, s + i, j - i, KEEP_MAX);
			i = j - 1;
			continue;
		}
		rt_byte(rt, s[i]);
	}
}

/* Trim `s` in place (ASCII white space and the ideographic space U+3000). */
static char *trim(char *s)
{
	size_t n;
	for (;;) {
		if (is_space((unsigned char)*s))
			s++;
		else if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n && is_space((unsigned char)s[n - 1]))
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
		         (unsigned char)s[n - 1] == 0x80)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

/* A decimal number as spreadsheets write it ("3", "3.0", "4.5E+4"), read
 * without the C library's locale. Returns 0 if `s` is not exactly that. */
static int parse_number(const char *s, double *out)
{
	double v = 0;
	int digits = 0, neg = 0, frac = 0, ex = 0, exneg = 0, exdigits = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if (digits < 20)
			v = v * 10 + (*s - '0');
		else
			frac--;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++)
			if (digits < 20) {
				v = v * 10 + (*s - '0');
				frac++;
			}
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			exneg = *s++ == '-';
		for (; *s >= '0' && *s <= '9'; s++, exdigits++)
			if (ex < 10000)
				ex = ex * 10 + (*s - '0');
		if (!exdigits)
			return 0;
	}
	if (*s)
		return 0;
	ex = (exneg ? -ex : ex) - frac;
	v = ex < 0 ? v / pow(10, -ex) : v * pow(10, ex);
	*out = neg ? -v : v;
	return isfinite(*out);
}

/* ---- relationships ---------------------------------------------------------- */

/* `target` relative to the folder of part `base` (or absolute), normalized;
 * NULL if it leaves the archive, or (*nomem set) if memory ran out. */
static char *resolve_target(const char *base, const char *target, int *nomem)
{
	csm__buf b = {0};
	char *segs[64];
	size_t nseg = 0, i;
	char *tmp, *s, *save = NULL;
	int bad = 0;
	if (target[0] == '/') {
		tmp = csm__strdup(target + 1);
	} else {
		const char *slash = strrchr(base, '/');
		size_t dl = slash ? (size_t)(slash - base) + 1 : 0;
		csm__buf_add(&b, base, dl);
		csm__buf_puts(&b, target);
		tmp = b.nomem ? NULL : b.s;
		if (!tmp)
			csm__buf_free(&b);
		b.s = NULL;
	}
	if (!tmp) {
		*nomem = 1;
		return NULL;
	}
	for (s = strtok_r(tmp, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (nseg)
				nseg--;
			else
				bad = 1;
			continue;
		}
		if (nseg == 64) {
			bad = 1;
			break;
		}
		segs[nseg++] = s;
	}
	memset(&b, 0, sizeof b);
	for (i = 0; i < nseg && !bad; i++) {
		if (i)
			csm__buf_puts(&b, "/");
		csm__buf_puts(&b, segs[i]);
	}
	free(tmp);
	if (b.nomem)
		*nomem = 1;
	if (bad || b.nomem || !b.s) {
		csm__buf_free(&b);
		return NULL;
	}
	return b.s;
}

static void free_rels(rel *r)
{
	size_t i;
	for (i = 0; r && r[i].id; i++) {
		free(r[i].id);
		free(r[i].type);
		free(r[i].target);
	}
	free(r);
}

typedef struct rels_ctx {
	const char *part; /* whose relationships these are */
	rel *r;           /* ended by an entry with id NULL */
	size_t n, cap;
} rels_ctx;

static void rels_start(xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	rels_ctx *c = p->user;
	char id[256], type[1024], target[1024], mode[16];
	int cut[4] = {0, 0, 0, 0}, nomem = 0;
	if (p->depth != 2 || ns != NS_K_PKG || strcmp(local, "Relationship") != 0)
		return;
	if (!attr_get(a, na, "Id", NULL, NULL, id, sizeof id, &cut[0]) ||
	    !attr_get(a, na, "Type", NULL, NULL, type, sizeof type, &cut[1]) ||
	    !attr_get(a, na, "Target", NULL, NULL, target, sizeof target, &cut[2]) || cut[0] || cut[1] || cut[2] ||
	    (attr_get(a, na, "TargetMode", NULL, NULL, mode, sizeof mode, &cut[3]) && strcmp(mode, "External") == 0))
		return; /* not a relationship to a part of a workbook */
	if (c->n == RELS_MAX) {
		csm__problem(p->x->p, "%s: part %s has more than %u relationships (not a workbook csm made)", p->x->name,
		             p->path, RELS_MAX);
		stop(p, CSM_EINVALID);
		return;
	}
	if (c->n + 1 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		rel *t = realloc(c->r, cap * sizeof *t);
		if (!t) {
			stop(p, CSM_ENOMEM);
			return;
		}
		memset(t + c->cap, 0, (cap - c->cap) * sizeof *t);
		c->r = t;
		c->cap = cap;
	}
	c->r[c->n].id = csm__strdup(id);
	c->r[c->n].type = csm__strdup(type);
	c->r[c->n].target = resolve_target(c->part, target, &nomem); /* NULL if it leaves the archive */
	if (!c->r[c->n].id || !c->r[c->n].type || nomem) {
		free(c->r[c->n].id);
		free(c->r[c->n].type);
		free(c->r[c->n].target);
		memset(&c->r[c->n], 0, sizeof c->r[c->n]);
		stop(p, CSM_ENOMEM);
		return;
	}
	c->n++;
}

/* The relationships of part `part` (from its _rels/NAME.rels), as an array
 * ended by id NULL (none if that part is missing). On failure *out is NULL
 * and nothing is left allocated. */
static int load_rels(ictx *x, const char *part, rel **out)
{
	csm__buf path = {0};
	const char *slash = strrchr(part, '/');
	size_t dl = slash ? (size_t)(slash - part) + 1 : 0;
	rels_ctx c;
	xpart p;
	int rc;

	*out = NULL;
	csm__buf_add(&path, part, dl);
	csm__buf_puts(&path, "_rels/");
	csm__buf_puts(&path, part + dl);
	csm__buf_puts(&path, ".rels");
	if (path.nomem) {
		x->nomem = 1;
		return CSM_ENOMEM;
	}
	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	c.part = part;
	p.start = rels_start;
	p.user = &c;
	rc = parse_part(x, path.s, &p, 1);
	csm__buf_free(&path);
	if (rc == CSM_ENOTFOUND)
		rc = 0;
	if (!rc && !c.r && !(c.r = calloc(1, sizeof *c.r)))
		rc = CSM_ENOMEM;
	if (!rc && x->nomem)
		rc = CSM_ENOMEM;
	if (rc) {
		free_rels(c.r);
		if (rc == CSM_ENOMEM)
			x->nomem = 1;
		return rc;
	}
	*out = c.r;
	return 0;
}

/* The target of the first relationship whose type ends in `/suffix`, or NULL. */
static const char *rel_by_type(const rel *r, const char *suffix)
{
	size_t i, n = strlen(suffix);
	for (i = 0; r && r[i].id; i++) {
		size_t t = strlen(r[i].type);
		if (t > n && r[i].type[t - n - 1] == '/' && strcmp(r[i].type + t - n, suffix) == 0)
			return r[i].target;
	}
	return NULL;
}

/* ---- cells --------------------------------------------------------------- */

/* "D12" (optionally with $) into 0-based row and column; returns the length read, 0 if none. */
static size_t parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	const char *p = s;
	uint32_t c = 0, r = 0;
	int nl = 0, nd = 0;
	if (*p == '$')
		p++;
	for (; isalpha((unsigned char)*p) && nl < 4; p++, nl++)
		c = c * 26 + (uint32_t)(toupper((unsigned char)*p) - 'A' + 1);
	if (!nl || nl > 3 || c > LXW_COL_MAX)
		return 0;
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9' && nd < 8; p++, nd++)
		r = r * 10 + (uint32_t)(*p - '0');
	if (!nd || nd > 7 || r < 1 || r > LXW_ROW_MAX)
		return 0;
	*row = r - 1;
	*col = c - 1;
	return (size_t)(p - s);
}

static uint64_t cell_key(uint32_t row, uint32_t col) { return (uint64_t)row << 32 | col; }

static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void xcell_clear(xcell *c)
{
	ctext_free(&c->v);
	ctext_free(&c->is);
	memset(c, 0, sizeof *c);
}

typedef struct sheet_ctx {
	sheet *sh;
	int root_ok, data; /* the root is a <worksheet>; a <sheetData> in it was seen */
	int chain;         /* depth of the innermost element followed: worksheet 1, sheetData 2, row 3, c 4, v/is 5 */
	int have_row, in_v;
	uint32_t row, col;
	uint32_t r1, r2, c1, c2; /* the bounds of the wanted positions */
	xcell *cur;              /* the cell being read, if it is wanted */
	rtext rt;
} sheet_ctx;

static void sheet_row(xpart *p, sheet_ctx *c, const xmlChar **a, int na)
{
	char rs[32];
	int cut = 0;
	if (attr_get(a, na, "r", NULL, NULL, rs, sizeof rs, &cut)) {
		double d;
		if (cut || !parse_number(rs, &d) || d < 1 || d > LXW_ROW_MAX || d != floor(d)) {
			csm__problem(p->x->p, "%s: sheet \"%s\": row number \"%.20s\" is out of range", p->x->name, c->sh->name, rs);
			stop(p, CSM_EINVALID);
			return;
		}
		c->row = (uint32_t)d - 1;
	} else if (c->have_row) {
		c->row++;
	}
	c->have_row = 1;
	c->col = 0;
}

static void sheet_cell(xpart *p, sheet_ctx *c, const xmlChar **a, int na)
{
	static const char *const types[] = {"n", "s", "inlineStr", "str", "b", "e", "d"};
	static const unsigned char kinds[] = {T_NUM, T_S, T_INLINE, T_STR, T_BOOL, T_ERR, T_STR};
	sheet *sh = c->sh;
	char ref[32], t[16];
	int cut = 0;
	uint32_t rr = c->row, cc = c->col;
	uint64_t key, *hit;

	if (attr_get(a, na, "r", NULL, NULL, ref, sizeof ref, &cut) &&
	    (parse_ref(ref, &rr, &cc) != strlen(ref) || strchr(ref, '$') || cut)) {
		csm__problem(p->x->p, "%s: sheet \"%s\": \"%.20s\" is not a cell reference", p->x->name, sh->name, ref);
		stop(p, CSM_EINVALID);
		return;
	}
	if (rr >= LXW_ROW_MAX || cc >= LXW_COL_MAX) {
		csm__problem(p->x->p, "%s: sheet \"%s\": a cell lies outside the sheet", p->x->name, sh->name);
		stop(p, CSM_EINVALID);
		return;
	}
	c->col = cc + 1;
	if (!sh->nwant || rr < c->r1 || rr > c->r2 || cc < c->c1 || cc > c->c2)
		return;
	key = cell_key(rr, cc);
	if (!(hit = bsearch(&key, sh->want, sh->nwant, sizeof *sh->want, cmp_key)))
		return;
	/* A cell given twice: the last one counts. */
	c->cur = &sh->cells[hit - sh->want];
	xcell_clear(c->cur);
	c->cur->present = 1;
	c->cur->type = T_NUM; /* no t, t="n" or a type nobody writes */
	if (attr_get(a, na, "t", NULL, NULL, t, sizeof t, &cut) && !cut) {
		size_t i;
		for (i = 0; i < sizeof types / sizeof *types; i++)
			if (strcmp(t, types[i]) == 0)
				c->cur->type = kinds[i];
	}
}

static void sheet_start(xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	sheet_ctx *c = p->user;
	int d = p->depth;
	if (c->rt.out) {
		rt_start(&c->rt, d, local, ns);
		return;
	}
	if (d != c->chain + 1 || ns != NS_K_MAIN)
		return;
	if (d == 1 && strcmp(local, "worksheet") == 0) {
		c->root_ok = 1;
	} else if (d == 2 && strcmp(local, "sheetData") == 0) {
		size_t i;
		/* a second <sheetData> replaces the first */
		for (i = 0; i < c->sh->nwant; i++)
			xcell_clear(&c->sh->cells[i]);
		c->data = 1;
		c->have_row = 0;
		c->row = 0;
	} else if (d == 3 && strcmp(local, "row") == 0) {
		sheet_row(p, c, a, na);
	} else if (d == 4 && strcmp(local, "c") == 0) {
		c->cur = NULL;
		sheet_cell(p, c, a, na);
	} else if (d == 5 && c->cur && strcmp(local, "v") == 0) {
		ctext_free(&c->cur->v); /* the last <v> counts */
		c->cur->v.kept = &p->x->kept;
		c->in_v = 1;
	} else if (d == 5 && c->cur && strcmp(local, "is") == 0) {
		c->cur->has_is = 1;
		rt_begin(&c->rt, d, &c->cur->is, &p->x->kept); /* the last <is> counts */
	} else {
		return;
	}
	c->chain = d;
}

static void sheet_end(xpart *p, int ns)
{
	sheet_ctx *c = p->user;
	int d = p->depth;
	(void)ns;
	if (c->rt.out) {
		if (rt_end(&c->rt, d))
			c->chain = d - 1;
		kept_check(p, &c->cur->is);
		return;
	}
	if (d != c->chain)
		return;
	if (d == 5)
		c->in_v = 0;
	else if (d == 4)
		c->cur = NULL;
	c->chain--;
}

static void sheet_text(xpart *p, const char *s, size_t n)
{
	sheet_ctx *c = p->user;
	if (c->in_v) {
		ctext_add(&c->cur->v, s, n, KEEP_MAX);
		kept_check(p, &c->cur->v);
	} else if (c->rt.out) {
		rt_text(&c->rt, p->depth, s, n);
		kept_check(p, &c->cur->is);
	}
}

typedef struct area {
	sheet *sh;
	uint32_t r1, c1, r2, c2;
} area;

static const char *dn_find(const ictx *x, const char *name);
static int parse_area(ictx *x, const char *s, area *out);

static int want_add(sheet *sh, size_t *cap, uint32_t row, uint32_t col)
{
	if (sh->nwant == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		uint64_t *t = realloc(sh->want, n * sizeof *t);
		if (!t)
			return CSM_ENOMEM;
		sh->want = t;
		*cap = n;
	}
	sh->want[sh->nwant++] = cell_key(row, col);
	return 0;
}

/* The positions of sheet `sh` that the defined names the importer reads point
 * to (as named() will take them: one cell, or one column of at most
 * RANGE_ROWS_MAX rows); names that do not are left to named() to report. */
static int plan_sheet(ictx *x, sheet *sh)
{
	size_t i, k, cap = 0;
	area a;
	int rc = 0;
	const char *v;
	for (i = 0; i < sizeof SINGLE_NAMES / sizeof *SINGLE_NAMES && !rc; i++)
		if ((v = dn_find(x, SINGLE_NAMES[i])) && parse_area(x, v, &a) && a.sh == sh)
			rc = want_add(sh, &cap, a.r1, a.c1);
	for (i = 0; i < sizeof COLUMN_NAMES / sizeof *COLUMN_NAMES && !rc; i++) {
		uint32_t r;
		if (!(v = dn_find(x, COLUMN_NAMES[i])) || !parse_area(x, v, &a) || a.sh != sh || a.c1 != a.c2 ||
		    a.r2 - a.r1 >= RANGE_ROWS_MAX)
			continue;
		for (r = a.r1; r <= a.r2 && !rc; r++)
			rc = want_add(sh, &cap, r, a.c1);
	}
	if (!rc && sh->nwant) {
		qsort(sh->want, sh->nwant, sizeof *sh->want, cmp_key);
		for (i = k = 0; i < sh->nwant; i++)
			if (!k || sh->want[i] != sh->want[k - 1])
				sh->want[k++] = sh->want[i];
		sh->nwant = k;
		if (!(sh->cells = calloc(sh->nwant, sizeof *sh->cells)))
			rc = CSM_ENOMEM;
	}
	if (rc) {
		sh->nwant = 0; /* no cells to free */
		x->nomem = 1;
	}
	return rc;
}

/* Read sheet `sh` (once), keeping the cells the importer reads. */
static int load_sheet(ictx *x, sheet *sh)
{
	sheet_ctx c;
	xpart p;
	size_t i;
	int rc;

	if (sh->state)
		return sh->state > 0 ? 0 : CSM_EINVALID;
	sh->state = -1;
	if (!sh->part) {
		csm__problem(x->p, "%s: sheet \"%s\" has no part in the workbook's relationships", x->name, sh->name);
		return CSM_EINVALID;
	}
	if ((rc = plan_sheet(x, sh)))
		return rc;
	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	c.sh = sh;
	c.r1 = c.c1 = UINT32_MAX;
	for (i = 0; i < sh->nwant; i++) {
		uint32_t r = (uint32_t)(sh->want[i] >> 32), col = (uint32_t)sh->want[i];
		c.r1 = r < c.r1 ? r : c.r1;
		c.r2 = r > c.r2 ? r : c.r2;
		c.c1 = col < c.c1 ? col : c.c1;
		c.c2 = col > c.c2 ? col : c.c2;
	}
	p.start = sheet_start;
	p.end = sheet_end;
	p.text = sheet_text;
	p.user = &c;
	if ((rc = parse_part(x, sh->part, &p, 1))) {
		if (rc == CSM_ENOTFOUND)
			csm__problem(x->p, "%s: sheet \"%s\": part %s is missing", x->name, sh->name, sh->part);
		return rc == CSM_ENOMEM ? rc : CSM_EINVALID;
	}
	if (!c.root_ok || !c.data) {
		csm__problem(x->p, "%s: sheet \"%s\" is not a worksheet", x->name, sh->name);
		return CSM_EINVALID;
	}
	sh->state = 1;
	return 0;
}

static const xcell *find_cell(const sheet *sh, uint32_t row, uint32_t col)
{
	uint64_t key = cell_key(row, col);
	const uint64_t *hit = sh->nwant ? bsearch(&key, sh->want, sh->nwant, sizeof *sh->want, cmp_key) : NULL;
	return hit && sh->cells[hit - sh->want].present ? &sh->cells[hit - sh->want] : NULL;
}

/* ---- shared strings ------------------------------------------------------- */

typedef struct sst_ctx {
	ictx *x;
	size_t nsi, k; /* <si> seen; the next entry of x->ss */
	rtext rt;
} sst_ctx;

static void sst_start(xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	sst_ctx *c = p->user;
	ictx *x = c->x;
	(void)a;
	(void)na;
	if (c->rt.out) {
		rt_start(&c->rt, p->depth, local, ns);
		return;
	}
	if (p->depth != 2 || ns != NS_K_MAIN || strcmp(local, "si") != 0)
		return;
	while (c->k < x->nss && x->ss[c->k].idx < c->nsi)
		c->k++;
	if (c->k < x->nss && x->ss[c->k].idx == c->nsi && !x->ss[c->k].done)
		rt_begin(&c->rt, p->depth, &x->ss[c->k].t, &x->kept);
	c->nsi++;
}

static void sst_end(xpart *p, int ns)
{
	sst_ctx *c = p->user;
	ctext *t = c->rt.out;
	(void)ns;
	if (t) {
		rt_end(&c->rt, p->depth);
		kept_check(p, t);
	}
}

static void sst_text(xpart *p, const char *s, size_t n)
{
	sst_ctx *c = p->user;
	if (c->rt.out) {
		rt_text(&c->rt, p->depth, s, n);
		kept_check(p, c->rt.out);
	}
}

/* The shared string index a cell of type s gives, or 0 if it is none. */
static int sst_index(const xcell *cell, char vtext[64], uint32_t *idx)
{
	double d;
	snprintf(vtext, 64, "%s", cell->v.b.s ? cell->v.b.s : "");
	if (!parse_number(trim(vtext), &d) || d < 0 || d != floor(d) || d > UINT32_MAX)
		return 0;
	*idx = (uint32_t)d;
	return 1;
}

static int cmp_sstr(const void *a, const void *b)
{
	uint32_t x = ((const sstr *)a)->idx, y = ((const sstr *)b)->idx;
	return x < y ? -1 : x > y;
}

/* Read the texts of the shared strings that the cells kept so far use and
 * that are not read yet (one pass over the part, as a rule: see
 * prefetch_sheets()). */
static int sst_read(ictx *x)
{
	size_t i, j, nold = x->nss, n = x->nss;
	sst_ctx c;
	xpart p;
	int rc = 0;

	for (i = 0; i < x->nsheets; i++) {
		const sheet *sh = &x->sheets[i];
		if (sh->state != 1)
			continue;
		for (j = 0; j < sh->nwant; j++) {
			char vtext[64];
			sstr key;
			const xcell *cell = &sh->cells[j];
			if (!cell->present || cell->type != T_S || !sst_index(cell, vtext, &key.idx) ||
			    (nold && bsearch(&key, x->ss, nold, sizeof *x->ss, cmp_sstr)))
				continue;
			if (n == x->ss_cap) {
				size_t cap = x->ss_cap ? x->ss_cap * 2 : 64;
				sstr *t = realloc(x->ss, cap * sizeof *t);
				if (!t) {
					x->nomem = 1;
					return CSM_ENOMEM;
				}
				x->ss = t;
				x->ss_cap = cap;
			}
			memset(&x->ss[n], 0, sizeof x->ss[n]);
			x->ss[n++].idx = key.idx;
		}
	}
	if (n == nold)
		return 0;
	/* sort the new entries in, drop repeats */
	qsort(x->ss, n, sizeof *x->ss, cmp_sstr);
	for (i = j = 0; i < n; i++)
		if (!j || x->ss[i].idx != x->ss[j - 1].idx)
			x->ss[j++] = x->ss[i];
	x->nss = j;
	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	c.x = x;
	p.start = sst_start;
	p.end = sst_end;
	p.text = sst_text;
	p.user = &c;
	rc = parse_part(x, x->sst_part, &p, !x->sst_counted);
	if (rc == CSM_ENOTFOUND)
		rc = 0; /* no shared strings: every index is wrong */
	if (rc) {
		x->sst_state = -1;
		return rc;
	}
	x->sst_counted = 1;
	x->sst_state = 1;
	x->nsi = c.nsi;
	for (i = 0; i < x->nss; i++)
		x->ss[i].done = 1;
	return 0;
}

static void sheet_reset(sheet *sh)
{
	size_t i;
	for (i = 0; i < sh->nwant; i++)
		xcell_clear(&sh->cells[i]);
	free(sh->want);
	free(sh->cells);
	sh->want = NULL;
	sh->cells = NULL;
	sh->nwant = 0;
	sh->state = 0;
}

/* Read every sheet the names point to that is not read yet, so that one pass
 * over the shared strings serves them all. Their problems are held back: a
 * sheet that fails is read again, and reported, when the importer gets to it. */
static int prefetch_sheets(ictx *x)
{
	csm__problems quiet = {0}, *keep = x->p;
	size_t i, n1 = sizeof SINGLE_NAMES / sizeof *SINGLE_NAMES, n2 = sizeof COLUMN_NAMES / sizeof *COLUMN_NAMES;
	int rc = 0;
	x->p = &quiet;
	for (i = 0; i < n1 + n2 && rc != CSM_ENOMEM; i++) {
		const char *v = dn_find(x, i < n1 ? SINGLE_NAMES[i] : COLUMN_NAMES[i - n1]);
		size_t kept = x->kept;
		area a;
		if (!v || !parse_area(x, v, &a) || a.sh->state != 0 || a.sh->read_ahead)
			continue;
		a.sh->read_ahead = 1;
		if ((rc = load_sheet(x, a.sh)) && rc != CSM_ENOMEM) {
			sheet_reset(a.sh);
			x->kept = kept;
		}
	}
	x->p = keep;
	free(quiet.text);
	return rc == CSM_ENOMEM ? rc : 0;
}

/* The text of shared string `idx` into *out, or NULL if there is no such string. */
static int sst_get(ictx *x, uint32_t idx, const ctext **out)
{
	sstr key, *hit;
	int rc;
	*out = NULL;
	key.idx = idx;
	if (x->sst_state < 0)
		return CSM_EINVALID;
	hit = x->nss ? bsearch(&key, x->ss, x->nss, sizeof *x->ss, cmp_sstr) : NULL;
	if (!hit || !hit->done) {
		if (x->sst_state == 0 && (rc = prefetch_sheets(x)))
			return rc;
		if ((rc = sst_read(x)))
			return rc;
		hit = x->nss ? bsearch(&key, x->ss, x->nss, sizeof *x->ss, cmp_sstr) : NULL;
	}
	if (hit && hit->done && idx < x->nsi)
		*out = &hit->t;
	return 0;
}

static void value_free(value *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}

/* The value of the cell at `at`; texts are cut at `max` bytes (toolong set).
 * Every text is copied before it is trimmed: an empty one is no exception. */
static int cell_value(ictx *x, place at, size_t max, value *v)
{
	const xcell *c = find_cell(at.sh, at.row, at.col);
	const ctext *src = NULL;
	const char *lit = NULL;
	char vtext[64], buf[48], *s;
	int over = 0;

	memset(v, 0, sizeof *v);
	if (!c)
		return 0;
	snprintf(vtext, sizeof vtext, "%s", c->v.b.s ? c->v.b.s : "");
	switch (c->type) {
	case T_S: {
		uint32_t idx;
		int rc;
		if (sst_index(c, vtext, &idx) && (rc = sst_get(x, idx, &src)))
			return rc == CSM_ENOMEM ? rc : CSM_EINVALID;
		if (!src) {
			csm__problem(x->p, "%s: %s: shared string \"%.20s\" does not exist", x->name, where(buf, sizeof buf, at),
			             vtext);
			return CSM_EINVALID;
		}
		v->kind = V_STR;
		break;
	}
	case T_INLINE:
		src = c->has_is ? &c->is : NULL;
		v->kind = V_STR;
		break;
	case T_STR:
		src = &c->v;
		v->kind = V_STR;
		break;
	case T_BOOL:
		lit = strcmp(trim(vtext), "1") == 0 ? "TRUE" : "FALSE";
		v->kind = V_STR;
		break;
	case T_ERR:
		lit = trim(vtext);
		v->kind = V_ERR;
		break;
	default: /* a number */
		if (!trim(vtext)[0])
			return 0;
		if (!parse_number(vtext, &v->num)) {
			csm__problem(x->p, "%s: %s: \"%.20s\" is not a number", x->name, where(buf, sizeof buf, at), vtext);
			return CSM_EINVALID;
		}
		v->kind = V_NUM;
		return 0;
	}
	if (src) {
		lit = src->b.s ? src->b.s : "";
		over = src->over;
	}
	if (!(v->s = csm__strdup(lit ? lit : ""))) {
		x->nomem = 1;
		return CSM_ENOMEM;
	}
	s = trim(v->s);
	if (!s[0]) {
		free(v->s);
		v->s = NULL;
		if (v->kind == V_ERR && !(v->s = csm__strdup("#ERROR"))) {
			x->nomem = 1;
			return CSM_ENOMEM;
		}
		if (v->kind != V_ERR)
			v->kind = V_EMPTY;
		return 0;
	}
	if (over || strlen(s) > max) {
		size_t cut = strlen(s) > max ? max : strlen(s);
		while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		s[cut] = '\0';
		v->toolong = 1;
	}
	memmove(v->s, s, strlen(s) + 1);
	return 0;
}

/* A value as text for messages: "7", 3.5, #N/A. */
static const char *shown(char *buf, size_t size, const value *v)
{
	char num[40];
	if (v->kind == V_NUM) {
		csm__format_number(num, v->num);
		snprintf(buf, size, "%s", num);
	} else if (v->kind == V_ERR) {
		snprintf(buf, size, "%.40s", v->s);
	} else if (v->kind == V_STR) {
		snprintf(buf, size, "\"%.40s%s\"", v->s, strlen(v->s) > 40 ? "..." : "");
	} else {
		snprintf(buf, size, "empty");
	}
	return buf;
}

/* A text field: a text, or a number taken as text. Returns the text (owned
 * by `v`) or NULL for empty; a problem is recorded for errors and overlong text. */
static const char *text_of(ictx *x, place at, value *v, const char *what, size_t max, const char *item)
{
	char buf[48], num[40], sb[64];
	if (v->kind == V_NUM) {
		csm__format_number(num, v->num);
		free(v->s);
		if (!(v->s = csm__strdup(num))) {
			x->nomem = 1;
			return NULL;
		}
		v->kind = V_STR;
	}
	if (v->kind == V_ERR) {
		csm__problem(x->p, "%s: %s%s%s%s: %s is an error value (%s), not a text", x->name, where(buf, sizeof buf, at),
		             item ? " (item " : "", item ? item : "", item ? ")" : "", what, shown(sb, sizeof sb, v));
		return NULL;
	}
	if (v->kind != V_STR)
		return NULL;
	if (v->toolong) {
		csm__problem(x->p, "%s: %s%s%s%s: %s is too long (the limit is %zu bytes)", x->name,
		             where(buf, sizeof buf, at), item ? " (item " : "", item ? item : "", item ? ")" : "", what, max);
		return NULL;
	}
	return v->s;
}

/* ---- defined names -------------------------------------------------------- */

static const char *dn_find(const ictx *x, const char *name)
{
	size_t i;
	for (i = 0; i < x->ndn; i++)
		if (strcasecmp(x->dn_name[i], name) == 0)
			return x->dn_value[i];
	return NULL;
}

/* "Items!$D$5:$D$43", "'My sheet'!$B$3" into an area. Returns 0 if it is not one. */
static int parse_area(ictx *x, const char *s, area *out)
{
	char name[256];
	size_t n = 0, k, i;
	uint32_t r, c;
	while (is_space((unsigned char)*s))
		s++;
	if (*s == '=')
		s++;
	if (*s == '\'') {
		for (s++;; s++) {
			if (!*s)
				return 0;
			if (*s == '\'') {
				if (s[1] != '\'')
					break;
				s++;
			}
			if (n + 1 >= sizeof name)
				return 0;
			name[n++] = *s;
		}
		s++;
	} else {
		for (; *s && *s != '!'; s++) {
			if (n + 1 >= sizeof name || strchr("[]:'\" ", *s))
				return 0;
			name[n++] = *s;
		}
	}
	name[n] = '\0';
	if (*s++ != '!' || !n)
		return 0;
	out->sh = NULL;
	for (i = 0; i < x->nsheets && !out->sh; i++)
		if (strcmp(x->sheets[i].name, name) == 0)
			out->sh = &x->sheets[i];
	for (i = 0; i < x->nsheets && !out->sh; i++)
		if (strcasecmp(x->sheets[i].name, name) == 0)
			out->sh = &x->sheets[i];
	if (!out->sh || !(k = parse_ref(s, &out->r1, &out->c1)))
		return 0;
	s += k;
	out->r2 = out->r1;
	out->c2 = out->c1;
	if (*s == ':') {
		s++;
		if (!(k = parse_ref(s, &r, &c))) {
			/* "Sheet!$A$1:Sheet!$A$9" */
			const char *bang = strchr(s, '!');
			if (!bang || !(k = parse_ref(bang + 1, &r, &c)))
				return 0;
			s = bang + 1;
		}
		s += k;
		out->r2 = r > out->r1 ? r : out->r1;
		out->c2 = c > out->c1 ? c : out->c1;
		out->r1 = r < out->r1 ? r : out->r1;
		out->c1 = c < out->c1 ? c : out->c1;
	}
	while (is_space((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* The area of defined name `name`; 0 and a problem if it is missing or not
 * cells of this workbook (1 if `column`: a single column). `name` must be one
 * of SINGLE_NAMES (column 0) or COLUMN_NAMES (column 1): only their cells are
 * kept when the sheet is read. */
static int named(ictx *x, const char *name, int column, area *out)
{
	const char *v = dn_find(x, name);
	if (!v) {
		csm__problem(x->p,
		             "%s: not a csm workbook, or it was changed too much (no defined name %s): make it with "
		             "'csm template --format xlsx'",
		             x->name, name);
		return 0;
	}
	if (!parse_area(x, v, out)) {
		csm__problem(x->p, "%s: defined name %s (\"%.60s\") does not point to cells of this workbook", x->name, name,
		             v);
		return 0;
	}
	if (column && (out->c1 != out->c2 || out->r2 - out->r1 >= RANGE_ROWS_MAX)) {
		csm__problem(x->p, "%s: defined name %s (\"%.60s\") is not one column of at most %u rows", x->name, name, v,
		             RANGE_ROWS_MAX);
		return 0;
	}
	if (load_sheet(x, out->sh))
		return 0;
	return 1;
}

static place at_row(const area *a, uint32_t k)
{
	place p;
	p.sh = a->sh;
	p.row = a->r1 + k;
	p.col = a->c1;
	return p;
}

/* ---- the workbook ---------------------------------------------------------- */

typedef struct wb_ctx {
	int root_ok;
	int in;     /* 1 in <sheets>, 2 in <definedNames> */
	int in_dn;  /* in a <definedName> that is kept */
	ctext dn;   /* its formula */
	char dn_name[DN_NAME_MAX + 1];
} wb_ctx;

static void wb_sheet(xpart *p, const xmlChar **a, int na)
{
	ictx *x = p->x;
	char name[SHEET_NAME_MAX + 1], rid[256];
	int cut = 0, has_rid;
	sheet *sh;
	if (x->nsheets == SHEETS_MAX) {
		csm__problem(x->p, "%s: more than %u sheets", x->name, SHEETS_MAX);
		stop(p, CSM_EINVALID);
		return;
	}
	if (!x->sheets && !(x->sheets = calloc(SHEETS_MAX, sizeof *x->sheets))) {
		stop(p, CSM_ENOMEM);
		return;
	}
	if (!attr_get(a, na, "name", NULL, NULL, name, sizeof name, &cut))
		name[0] = '\0';
	has_rid = attr_get(a, na, "id", NS_REL, NS_REL_STRICT, rid, sizeof rid, &cut) && !cut;
	sh = &x->sheets[x->nsheets++];
	sh->name = dup_or_nomem(x, name);
	if (has_rid)
		sh->rid = dup_or_nomem(x, rid);
	if (x->nomem)
		stop(p, CSM_ENOMEM);
}

static void wb_start(xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	wb_ctx *c = p->user;
	ictx *x = p->x;
	int d = p->depth;
	if (ns != NS_K_MAIN || (d > 1 && !c->root_ok))
		return;
	if (d == 1) {
		c->root_ok = strcmp(local, "workbook") == 0;
	} else if (d == 2) {
		c->in = strcmp(local, "sheets") == 0 ? 1 : strcmp(local, "definedNames") == 0 ? 2 : 0;
		if (strcmp(local, "workbookPr") == 0) {
			char v[16];
			int cut = 0;
			x->date1904 = attr_get(a, na, "date1904", NULL, NULL, v, sizeof v, &cut) &&
			              (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		}
	} else if (d == 3 && c->in == 1 && strcmp(local, "sheet") == 0) {
		wb_sheet(p, a, na);
	} else if (d == 3 && c->in == 2 && strcmp(local, "definedName") == 0) {
		char local_id[16];
		int cut = 0;
		/* Global names only (those of a sheet have localSheetId); a name
		 * longer than Excel allows is none the importer reads. */
		if (x->ndn < NAMES_MAX && !attr_get(a, na, "localSheetId", NULL, NULL, local_id, sizeof local_id, &cut) &&
		    attr_get(a, na, "name", NULL, NULL, c->dn_name, sizeof c->dn_name, &cut) && !cut) {
			c->in_dn = 1;
			ctext_free(&c->dn);
		}
	}
}

static void wb_end(xpart *p, int ns)
{
	wb_ctx *c = p->user;
	ictx *x = p->x;
	(void)ns;
	if (p->depth == 2)
		c->in = 0;
	if (p->depth != 3 || !c->in_dn)
		return;
	c->in_dn = 0;
	if (!x->dn_name &&
	    (!(x->dn_name = calloc(NAMES_MAX, sizeof *x->dn_name)) || !(x->dn_value = calloc(NAMES_MAX, sizeof *x->dn_value)))) {
		stop(p, CSM_ENOMEM);
		return;
	}
	/* A formula cut short gets a "…" that no area parses: it is refused as one. */
	if (c->dn.over)
		csm__buf_puts(&c->dn.b, "\xE2\x80\xA6");
	x->dn_name[x->ndn] = dup_or_nomem(x, c->dn_name);
	x->dn_value[x->ndn] = dup_or_nomem(x, c->dn.b.s);
	x->ndn++;
	if (c->dn.b.nomem || x->nomem)
		stop(p, CSM_ENOMEM);
	ctext_free(&c->dn);
}

static void wb_text(xpart *p, const char *s, size_t n)
{
	wb_ctx *c = p->user;
	if (c->in_dn)
		ctext_add(&c->dn, s, n, DN_VALUE_MAX);
}

static int load_workbook(ictx *x)
{
	rel *root_rels = NULL, *wb_rels = NULL;
	char *wb_part = NULL;
	const char *t;
	wb_ctx c;
	xpart p;
	size_t i, k;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	if ((rc = load_rels(x, "", &root_rels)))
		return rc;
	t = rel_by_type(root_rels, "officeDocument");
	wb_part = dup_or_nomem(x, t ? t : "xl/workbook.xml");
	free_rels(root_rels);
	if (!wb_part)
		return CSM_ENOMEM;
	p.start = wb_start;
	p.end = wb_end;
	p.text = wb_text;
	p.user = &c;
	rc = parse_part(x, wb_part, &p, 1);
	ctext_free(&c.dn);
	if (rc == CSM_ENOTFOUND)
		csm__problem(x->p, "%s: not an Excel workbook (the archive has no part %s)", x->name, wb_part);
	if (rc)
		goto done;
	if (!c.root_ok) {
		csm__problem(x->p, "%s: part %s is not a workbook", x->name, wb_part);
		rc = CSM_EINVALID;
		goto done;
	}
	if ((rc = load_rels(x, wb_part, &wb_rels)))
		goto done;
	/* The first relationship with the id counts (a damaged file may repeat ids). */
	for (i = 0; i < x->nsheets; i++) {
		sheet *sh = &x->sheets[i];
		for (k = 0; sh->rid && wb_rels[k].id && !sh->part; k++)
			if (strcmp(wb_rels[k].id, sh->rid) == 0 && wb_rels[k].target)
				sh->part = dup_or_nomem(x, wb_rels[k].target);
		free(sh->rid);
		sh->rid = NULL;
	}
	/* shared strings (optional), read when a cell needs one */
	t = rel_by_type(wb_rels, "sharedStrings");
	x->sst_part = dup_or_nomem(x, t ? t : "xl/sharedStrings.xml");
done:
	if (x->nomem)
		rc = CSM_ENOMEM;
	free_rels(wb_rels);
	free(wb_part);
	return rc;
}

static void ictx_free(ictx *x)
{
	size_t i, k;
	for (i = 0; i < x->nsheets; i++) {
		sheet *sh = &x->sheets[i];
		for (k = 0; k < sh->nwant; k++)
			xcell_clear(&sh->cells[k]);
		free(sh->name);
		free(sh->rid);
		free(sh->part);
		free(sh->want);
		free(sh->cells);
	}
	free(x->sheets);
	for (i = 0; i < x->ndn; i++) {
		free(x->dn_name[i]);
		free(x->dn_value[i]);
	}
	free(x->dn_name);
	free(x->dn_value);
	for (i = 0; i < x->nss; i++)
		ctext_free(&x->ss[i].t);
	free(x->ss);
	free(x->sst_part);
	if (x->za)
		zip_discard(x->za);
}

/* ---- values of the form ------------------------------------------------------ */

/* `s` equals one of the labels of row `i` of a choice table (ASCII case ignored). */
static int choice_of(const char *const (*table)[3], size_t n, const char *s)
{
	size_t i;
	int k;
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++)
			if (strcasecmp(table[i][k], s) == 0)
				return (int)i;
	return -1;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long z, int *y, unsigned *m, unsigned *d)
{
	long era, yy;
	unsigned doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/* A date cell: a serial number (1900 or 1904 system) or text YYYY-MM-DD
 * (also YYYY/M/D). Returns 1 and the date in `out`, or 0. */
static int date_of(const ictx *x, const value *v, char out[32])
{
	if (v->kind == V_NUM) {
		double s = v->num;
		long day, days;
		int y;
		unsigned m, d;
		if (!(s >= (x->date1904 ? 0 : 1) && s < 2958466))
			return 0;
		day = (long)floor(s);
		if (x->date1904)
			days = day - 24107; /* 1904-01-01 */
		else if (day == 60)
			return 0; /* 1900-02-29, which Excel counts but never was */
		else
			days = (day < 60 ? day + 1 : day) - 25569; /* 1899-12-30 */
		civil(days, &y, &m, &d);
		snprintf(out, 32, "%04d-%02u-%02u", y, m, d);
		return csm__valid_date(out);
	}
	if (v->kind == V_STR) {
		const char *s = v->s;
		unsigned y = 0, m = 0, d = 0;
		int ny = 0, nm = 0, nd = 0;
		char sep;
		for (; *s >= '0' && *s <= '9' && ny < 5; s++, ny++)
			y = y * 10 + (unsigned)(*s - '0');
		sep = *s;
		if (ny != 4 || (sep != '-' && sep != '/'))
			return 0;
		for (s++; *s >= '0' && *s <= '9' && nm < 3; s++, nm++)
			m = m * 10 + (unsigned)(*s - '0');
		if (*s != sep || nm < 1 || nm > 2)
			return 0;
		for (s++; *s >= '0' && *s <= '9' && nd < 3; s++, nd++)
			d = d * 10 + (unsigned)(*s - '0');
		if (nd < 1 || nd > 2 || (*s && *s != 'T' && *s != ' '))
			return 0;
		snprintf(out, 32, "%04u-%02u-%02u", y, m > 99 ? 99 : m, d > 99 ? 99 : d);
		return csm__valid_date(out);
	}
	return 0;
}

/* A level cell: the number 1..5, a text csm__level_parse() reads (as in CSV
 * and JSON), or empty. Returns 0 and sets kind/level, or -1. */
static int level_of(const value *v, csm_answer_kind *kind, int *level)
{
	*kind = CSM_ANSWER_NULL;
	*level = 0;
	if (v->kind == V_EMPTY)
		return 0;
	if (v->kind == V_STR && !v->toolong)
		return csm__level_parse(v->s, strlen(v->s), 1, kind, level);
	if (v->kind != V_NUM || v->num != floor(v->num) || v->num < 1 || v->num > 5)
		return -1;
	*kind = CSM_ANSWER_LEVEL;
	*level = (int)v->num;
	return 0;
}

/* Read a single-cell name into `v`; 0 if the name is unusable (problem recorded). */
static int single(ictx *x, const char *name, size_t max, value *v, place *at)
{
	area a;
	memset(v, 0, sizeof *v);
	if (!named(x, name, 0, &a))
		return 0;
	*at = at_row(&a, 0);
	return cell_value(x, *at, max, v) == 0;
}

/* A cJSON result of `ok` chained: the first failure sticks. */
#define J(expr) (ok = ok && (expr) != NULL)

static void read_org(ictx *x, cJSON *root, const csm_industries *ind, int *ok_)
{
	int ok = *ok_;
	char buf[48], sb[64];
	cJSON *org = NULL;
	value v;
	place at;
	const char *s;

	J(org = cJSON_AddObjectToObject(root, "organization"));
	if (single(x, "csm_org_name", CSM_MAX_NAME_BYTES, &v, &at)) {
		s = text_of(x, at, &v, "the name", CSM_MAX_NAME_BYTES, NULL);
		J(cJSON_AddStringToObject(org, "name", s ? s : ""));
	}
	value_free(&v);
	if (single(x, "csm_org_industry", CSM_MAX_NAME_BYTES, &v, &at) &&
	    (s = text_of(x, at, &v, "the industry", CSM_MAX_NAME_BYTES, NULL))) {
		/* an industry's or group's id or label, or an older list's id (resolved with a notice later) */
		const char *id = csm__industry_find(ind, s);
		if (!ind && csm__valid_id(s))
			id = s;
		if (id)
			J(cJSON_AddStringToObject(org, "industry", id));
		else
			csm__problem(x->p, "%s: %s: industry %s is not %s", x->name, where(buf, sizeof buf, at),
			             shown(sb, sizeof sb, &v),
			             ind ? "one of the industries of the list (see 'csm industries')" : "an industry id");
	}
	value_free(&v);
	if (single(x, "csm_org_scope", CSM_MAX_NAME_BYTES, &v, &at) && v.kind != V_EMPTY) {
		int k = v.kind == V_STR ? choice_of(SCOPES, 2, v.s) : -1;
		if (k >= 0)
			J(cJSON_AddStringToObject(org, "scope", SCOPES[k][0]));
		else
			csm__problem(x->p, "%s: %s: scope must be entity (単体) or group (グループ), not %s", x->name,
			             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	if (single(x, "csm_org_size", CSM_MAX_NAME_BYTES, &v, &at) && v.kind != V_EMPTY) {
		int k = v.kind == V_STR ? choice_of(SIZES, 3, v.s) : -1;
		if (k >= 0)
			J(cJSON_AddStringToObject(org, "size", SIZES[k][0]));
		else
			csm__problem(x->p, "%s: %s: size must be small, medium or large (小規模, 中規模, 大規模), not %s",
			             x->name, where(buf, sizeof buf, at), shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	if (single(x, "csm_assessed_on", CSM_MAX_NAME_BYTES, &v, &at)) {
		char date[32];
		if (v.kind == V_EMPTY)
			J(cJSON_AddNullToObject(root, "assessed_on"));
		else if (date_of(x, &v, date))
			J(cJSON_AddStringToObject(root, "assessed_on", date));
		else
			csm__problem(x->p, "%s: %s: the date of the assessment must be a date YYYY-MM-DD, not %s", x->name,
			             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	*ok_ = ok;
}

/* Two column names that belong together, row by row: the same number of rows. */
static int paired(ictx *x, const char *n1, const char *n2, area *a1, area *a2)
{
	int ok1 = named(x, n1, 1, a1), ok2 = named(x, n2, 1, a2);
	if (!ok1 || !ok2)
		return 0;
	if (a1->r2 - a1->r1 != a2->r2 - a2->r1) {
		csm__problem(x->p, "%s: defined names %s and %s cover different numbers of rows", x->name, n1, n2);
		return 0;
	}
	return 1;
}

static void read_assessors(ictx *x, cJSON *root, int *ok_)
{
	int ok = *ok_;
	area an, ar;
	cJSON *arr = NULL;
	uint32_t k;
	unsigned count = 0;

	J(arr = cJSON_AddArrayToObject(root, "assessors"));
	if (!paired(x, "csm_assessor_names", "csm_assessor_roles", &an, &ar)) {
		*ok_ = ok;
		return;
	}
	for (k = 0; ok && k <= an.r2 - an.r1 && !x->nomem; k++) {
		value vn, vr;
		place pn = at_row(&an, k), pr = at_row(&ar, k);
		const char *name = NULL, *role = NULL;
		if (cell_value(x, pn, CSM_MAX_NAME_BYTES, &vn) == 0)
			name = text_of(x, pn, &vn, "the assessor's name", CSM_MAX_NAME_BYTES, NULL);
		if (cell_value(x, pr, CSM_MAX_NAME_BYTES, &vr) == 0)
			role = text_of(x, pr, &vr, "the assessor's role", CSM_MAX_NAME_BYTES, NULL);
		if (name || role) {
			cJSON *o = NULL;
			if (++count > CSM_MAX_ASSESSORS) {
				if (count == CSM_MAX_ASSESSORS + 1)
					csm__problem(x->p, "%s: more than %u assessors", x->name, CSM_MAX_ASSESSORS);
			} else {
				J(o = cJSON_CreateObject());
				if (ok && !cJSON_AddItemToArray(arr, o)) {
					cJSON_Delete(o);
					ok = 0;
				}
				if (name)
					J(cJSON_AddStringToObject(o, "name", name));
				if (role)
					J(cJSON_AddStringToObject(o, "role", role));
			}
		}
		value_free(&vn);
		value_free(&vr);
	}
	*ok_ = ok;
}

static void read_gates(ictx *x, cJSON *root, int *ok_)
{
	int ok = *ok_;
	area ai, aa;
	cJSON *gates = NULL;
	uint32_t k;
	char buf[48], sb[64];

	if (!dn_find(x, "csm_gate_ids") && !dn_find(x, "csm_gate_answers"))
		return; /* a questionnaire without gates */
	J(gates = cJSON_AddObjectToObject(root, "gates"));
	if (!paired(x, "csm_gate_ids", "csm_gate_answers", &ai, &aa)) {
		*ok_ = ok;
		return;
	}
	for (k = 0; ok && k <= ai.r2 - ai.r1 && !x->nomem; k++) {
		value vi, va;
		place pi = at_row(&ai, k), pa = at_row(&aa, k);
		const char *id = NULL;
		if (cell_value(x, pi, CSM_MAX_NAME_BYTES, &vi) == 0)
			id = text_of(x, pi, &vi, "the gate id", CSM_MAX_NAME_BYTES, NULL);
		if (cell_value(x, pa, CSM_MAX_NAME_BYTES, &va) == 0) {
			int yn = va.kind == V_STR ? choice_of(YESNO, 2, va.s) : va.kind == V_EMPTY ? 2 : -1;
			if (!id && va.kind != V_EMPTY)
				csm__problem(x->p, "%s: %s: an answer in a row without a gate id", x->name, where(buf, sizeof buf, pa));
			else if (id && !csm__valid_id(id))
				csm__problem(x->p, "%s: %s: \"%.40s\" is not a gate id", x->name, where(buf, sizeof buf, pi), id);
			else if (id && cJSON_GetObjectItemCaseSensitive(gates, id))
				csm__problem(x->p, "%s: %s: gate %s appears twice", x->name, where(buf, sizeof buf, pi), id);
			else if (id && yn < 0)
				csm__problem(x->p, "%s: %s (gate %s): the answer must be yes or no (はい, いいえ), not %s", x->name,
				             where(buf, sizeof buf, pa), id, shown(sb, sizeof sb, &va));
			else if (id && yn == 2)
				J(cJSON_AddNullToObject(gates, id));
			else if (id)
				J(cJSON_AddStringToObject(gates, id, YESNO[yn][0]));
		}
		value_free(&vi);
		value_free(&va);
	}
	*ok_ = ok;
}

static void read_items(ictx *x, cJSON *root, int *ok_)
{
	int ok = *ok_;
	area ai, al, ae, an;
	cJSON *answers = NULL, *seen = cJSON_CreateObject();
	uint32_t k;
	unsigned count = 0;
	char buf[48], sb[64];

	J(seen);
	J(answers = cJSON_AddObjectToObject(root, "answers"));
	{
		int a = paired(x, "csm_item_ids", "csm_levels", &ai, &al);
		int b = paired(x, "csm_item_ids", "csm_evidence", &ai, &ae);
		int c = paired(x, "csm_item_ids", "csm_notes", &ai, &an);
		if (!a || !b || !c) {
			cJSON_Delete(seen);
			*ok_ = ok;
			return;
		}
	}
	for (k = 0; ok && k <= ai.r2 - ai.r1 && !x->nomem; k++) {
		value vi, vl, ve, vn;
		place pi = at_row(&ai, k), pl = at_row(&al, k), pe = at_row(&ae, k), pn = at_row(&an, k);
		const char *id = NULL, *ev = NULL, *note = NULL;
		int bad = 0, level = 0;
		csm_answer_kind kind = CSM_ANSWER_NULL;
		if (cell_value(x, pi, CSM_MAX_NAME_BYTES, &vi) == 0)
			id = text_of(x, pi, &vi, "the item id", CSM_MAX_NAME_BYTES, NULL);
		else
			bad = 1;
		if (id && !csm__valid_id(id)) {
			csm__problem(x->p, "%s: %s: \"%.40s\" is not an item id", x->name, where(buf, sizeof buf, pi), id);
			id = NULL;
			bad = 1;
		} else if (id && cJSON_GetObjectItemCaseSensitive(seen, id)) {
			csm__problem(x->p, "%s: %s: item %s appears twice", x->name, where(buf, sizeof buf, pi), id);
			id = NULL;
			bad = 1;
		} else if (id) {
			J(cJSON_AddNullToObject(seen, id));
		}
		if (cell_value(x, pl, 64, &vl) == 0) {
			if (level_of(&vl, &kind, &level) != 0) {
				csm__problem(x->p, "%s: %s (item %s): level must be 1..5 or n/a, not %s", x->name,
				             where(buf, sizeof buf, pl), id ? id : "?", shown(sb, sizeof sb, &vl));
				bad = 1;
			}
		} else {
			bad = 1;
		}
		if (cell_value(x, pe, CSM_MAX_TEXT_BYTES, &ve) == 0)
			ev = text_of(x, pe, &ve, "the evidence", CSM_MAX_TEXT_BYTES, id ? id : "?");
		if (cell_value(x, pn, CSM_MAX_TEXT_BYTES, &vn) == 0)
			note = text_of(x, pn, &vn, "the note", CSM_MAX_TEXT_BYTES, id ? id : "?");
		if (!id && !bad && (vl.kind != V_EMPTY || ev || note))
			csm__problem(x->p, "%s: %s: an answer in a row without an item id", x->name, where(buf, sizeof buf, pl));
		if (id && !bad && ++count > CSM_MAX_ITEMS) {
			if (count == CSM_MAX_ITEMS + 1)
				csm__problem(x->p, "%s: more than %u items", x->name, CSM_MAX_ITEMS);
		} else if (id && !bad) {
			cJSON *lv = kind == CSM_ANSWER_LEVEL ? cJSON_CreateNumber(level)
			            : kind == CSM_ANSWER_NA  ? cJSON_CreateString("n/a")
			                                     : cJSON_CreateNull();
			if (lv && (ev || note)) {
				cJSON *o = cJSON_CreateObject();
				if (!o || !cJSON_AddItemToObject(o, "level", lv)) {
					cJSON_Delete(o);
					cJSON_Delete(lv);
					lv = NULL;
				} else {
					lv = o;
					if (ev)
						J(cJSON_AddStringToObject(o, "evidence", ev));
					if (note)
						J(cJSON_AddStringToObject(o, "note", note));
				}
			}
			if (!lv || !cJSON_AddItemToObject(answers, id, lv)) {
				cJSON_Delete(lv);
				ok = 0;
			}
		}
		value_free(&vi);
		value_free(&vl);
		value_free(&ve);
		value_free(&vn);
	}
	cJSON_Delete(seen);
	*ok_ = ok;
}

int csm_form_xlsx_import(char **out, const void *data, size_t len, const char *name, const csm_industries *industries)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	ictx x;
	zip_error_t ze;
	zip_source_t *src;
	cJSON *root = NULL;
	value v;
	place at;
	char buf[48], sb[64];
	int rc = 0, ok = 1;

	*out = NULL;
	if (!name)
		name = "workbook";
	if (!data && len)
		return csm__err(CSM_EINVALID, "%s: no data", name);
	if (len > CSM_MAX_FILE_BYTES)
		return csm__err(CSM_EINVALID, "%s: file is larger than %u bytes", name, CSM_MAX_FILE_BYTES);
	memset(&x, 0, sizeof x);
	x.name = name;
	x.p = &p;
	if (len < 22) /* the smallest zip archive: an end of central directory record */
		return csm__err(CSM_EINVALID, "%s: not an Excel workbook (.xlsx): not a zip archive", name);
	xmlInitParser();
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(len ? data : "", len, 0, &ze))) {
		zip_error_fini(&ze);
		return csm__nomem();
	}
	if (!(x.za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return csm__err(CSM_EINVALID, "%s: not an Excel workbook (.xlsx): not a zip archive", name);
	}
	zip_error_fini(&ze);
	if (zip_get_num_entries(x.za, 0) > ENTRIES_MAX) {
		csm__problem(&p, "%s: the archive has more than %d parts (not a workbook csm made)", name, ENTRIES_MAX);
		goto finish;
	}
	if ((rc = load_workbook(&x)) || p.count)
		goto finish;

	/* The marker and the questionnaire first: without them nothing else is read. */
	if (!dn_find(&x, "csm_format")) {
		csm__problem(&p, "%s: not a csm workbook (no defined name csm_format): make it with 'csm template --format xlsx'",
		             name);
		goto finish;
	}
	if (single(&x, "csm_format", CSM_MAX_NAME_BYTES, &v, &at)) {
		if (v.kind != V_STR || strcmp(v.s, XLSX_FORMAT) != 0) {
			if (v.kind == V_STR && strncmp(v.s, "csm-xlsx/", 9) == 0)
				csm__problem(&p, "%s: %s: the workbook is in format %.40s; this csm reads %s", name,
				             where(buf, sizeof buf, at), v.s, XLSX_FORMAT);
			else
				csm__problem(&p, "%s: %s: not a csm workbook (the format cell holds %s, not %s)", name,
				             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v), XLSX_FORMAT);
		}
	}
	value_free(&v);
	if (p.count || x.nomem)
		goto finish;

	root = cJSON_CreateObject();
	J(root);
	J(cJSON_AddStringToObject(root, "format", "csm-answers/1"));
	if (single(&x, "csm_questionnaire", CSM_MAX_NAME_BYTES, &v, &at)) {
		if (v.kind == V_STR && csm__valid_id(v.s))
			J(cJSON_AddStringToObject(root, "questionnaire", v.s));
		else
			csm__problem(&p, "%s: %s: %s is not a questionnaire id", name, where(buf, sizeof buf, at),
			             shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	if (ok)
		read_org(&x, root, industries, &ok);
	if (ok)
		read_assessors(&x, root, &ok);
	if (ok)
		read_gates(&x, root, &ok);
	if (ok)
		read_items(&x, root, &ok);
	if (!ok)
		x.nomem = 1;

finish:
	if (x.nomem)
		rc = CSM_ENOMEM;
	if (!rc && !p.count && root && !(*out = cJSON_Print(root)))
		rc = CSM_ENOMEM;
	cJSON_Delete(root);
	ictx_free(&x);
	if (rc == CSM_ENOMEM) {
		csm__problems_finish(&p);
		free(*out);
		*out = NULL;
		return csm__nomem();
	}
	if ((rc = csm__problems_finish(&p)) || (!*out && (rc = csm__err(CSM_EINVALID, "%s: not a csm workbook", name)))) {
		free(*out);
		*out = NULL;
		return rc;
	}
	return 0;
}

int csm_form_xlsx_load(char **out, const char *path, const csm_industries *industries)
{
	CSM__ARGS(out && path);
	char *data;
	size_t len;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_form_xlsx_import(out, data, len, path, industries);
	free(data);
	return rc;
}
