/* Tracked actions (csm-actions/1): made from a plan, written as JSON or CSV
 * for people to edit (owner, due, status, note), read back with the care of
 * answers, and followed up against the next assessment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "analysis.h"
#include "answers.h"
#include "error.h"
#include "followup.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "tips.h"
#include "util.h"

/* The columns, in file order; the CSV header and the JSON keys (actions.h). */
enum {
	C_ITEM = CSM__ACOL_ITEM,
	C_DIRECTIVE = CSM__ACOL_DIRECTIVE,
	C_FROM = CSM__ACOL_FROM,
	C_TO = CSM__ACOL_TO,
	C_TIP = CSM__ACOL_TIP,
	C_FIRST_STEP = CSM__ACOL_FIRST_STEP,
	C_OWNER = CSM__ACOL_OWNER,
	C_EFFORT = CSM__ACOL_EFFORT,
	C_COST = CSM__ACOL_COST,
	C_DUE = CSM__ACOL_DUE,
	C_STATUS = CSM__ACOL_STATUS,
	C_NOTE = CSM__ACOL_NOTE,
	NCOL = CSM__ACOLS
};
const char *const csm__action_col[CSM__ACOLS] = {"item",  "directive", "from", "to",  "tip",    "first_step",
                                                 "owner", "effort",    "cost", "due", "status", "note"};
#define col_name csm__action_col
/* Free text may be long; the rest is one short line. */
static size_t col_max(int c)
{
	return c == C_NOTE || c == C_FIRST_STEP ? CSM_MAX_TEXT_BYTES : CSM_MAX_NAME_BYTES;
}

static const char *const status_name[4] = {"open", "in_progress", "done", "dropped"};

const char *csm_action_status_name(csm_action_status st)
{
	return (unsigned)st < 4 ? status_name[st] : NULL;
}

void csm_actions_free(csm_actions *acts)
{
	size_t i;
	int c;
	if (!acts)
		return;
	for (i = 0; i < acts->n; i++)
		for (c = 0; c < NCOL; c++)
			free(acts->text[i][c]);
	free(acts->text);
	free(acts->v);
	free(acts->org);
	free(acts);
}

size_t csm_actions_count(const csm_actions *acts) { return acts ? acts->n : 0; }
const csm_action *csm_actions_get(const csm_actions *acts, size_t i) { return acts && i < acts->n ? &acts->v[i] : NULL; }
const char *csm_actions_organization(const csm_actions *acts) { return acts ? acts->org : NULL; }

int csm_actions_is_for(const csm_actions *acts, const csm_answers *a)
{
	char *x = NULL, *y = NULL;
	const char *name = a ? a->field[CSM_FIELD_ORG_NAME] : NULL;
	int same;
	if (!acts || !acts->org || !name)
		return 0;
	/* one organization however its name is spaced, cased or in full width */
	if (csm__org_identity(&x, acts->org) || csm__org_identity(&y, name))
		same = strcmp(acts->org, name) == 0;
	else
		same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

int csm__actions_new(csm_actions **out, size_t cap)
{
	csm_actions *a = calloc(1, sizeof *a);
	if (!a || !(a->v = calloc(cap ? cap : 1, sizeof *a->v)) || !(a->text = calloc(cap ? cap : 1, sizeof *a->text))) {
		csm_actions_free(a);
		return csm__nomem();
	}
	*out = a;
	return 0;
}

/* Point action i's strings at its texts ("" where none). */
static void link_strings(csm_actions *acts, size_t i)
{
	csm_action *x = &acts->v[i];
	char **t = acts->text[i];
	x->item = t[C_ITEM] ? t[C_ITEM] : "";
	x->tip = t[C_TIP] ? t[C_TIP] : "";
	x->first_step = t[C_FIRST_STEP] ? t[C_FIRST_STEP] : "";
	x->owner = t[C_OWNER] ? t[C_OWNER] : "";
	x->due = t[C_DUE] ? t[C_DUE] : "";
	x->note = t[C_NOTE] ? t[C_NOTE] : "";
}

/* ---- make -------------------------------------------------------------- */

static int set_text(csm_actions *acts, size_t i, int c, const char *s)
{
	if (!s || !s[0])
		return 0;
	return (acts->text[i][c] = csm__strdup(s)) ? 0 : csm__nomem();
}

/* A new action for item k of q, raised from `from` to `to`. */
static int add_made(csm_actions *acts, const csm_questionnaire *q, size_t k, int from, int to, const csm_answers *a,
                    const csm_tips *tips, csm_lang lang)
{
	size_t i = acts->n++;
	csm_action *x = &acts->v[i];
	/* the item's first tip; an unknown one leaves the tip's columns empty (NULL accessors) */
	const csm_tip *tip = q->items[k].tip_count ? csm__tips_lookup(tips, q->items[k].tips[0]) : NULL;
	const char *first_step = csm_tip_text(tip, CSM_TIP_FIRST_STEP, lang);
	int rc;
	x->directive = q->items[k].directive;
	x->from = from;
	x->to = to;
	x->status = CSM_ACTION_OPEN;
	x->effort = csm_tip_effort(tip);
	x->cost = csm_tip_cost(tip);
	if ((rc = set_text(acts, i, C_ITEM, q->items[k].id)) ||
	    (rc = set_text(acts, i, C_TIP, q->items[k].tip_count ? q->items[k].tips[0] : NULL)) ||
	    (rc = set_text(acts, i, C_FIRST_STEP, first_step ? first_step : csm_tip_text(tip, CSM_TIP_ACTION, lang))) ||
	    (rc = set_text(acts, i, C_OWNER, csm_tip_text(tip, CSM_TIP_OWNER, lang))) ||
	    (rc = set_text(acts, i, C_DUE, csm_answers_target_by(a))))
		return rc;
	link_strings(acts, i);
	return 0;
}

int csm_actions_make(csm_actions **out, const csm_plan *p, const csm_questionnaire *q, const csm_answers *a,
                     const csm_tips *tips, csm_lang lang)
{
	CSM__ARGS(out && p && q && a && CSM__LANG_OK(lang));
	csm_actions *acts = NULL;
	int *from = NULL, *to = NULL, *order = NULL, rc;
	size_t i, n = 0;

	*out = NULL;
	if (!(from = calloc(q->item_count + 1, sizeof *from)) || !(to = calloc(q->item_count + 1, sizeof *to)) ||
	    !(order = calloc(q->item_count + 1, sizeof *order))) {
		rc = csm__nomem();
		goto done;
	}
	/* the plan's moves merged per item, in the order the plan first raises them */
	for (i = 0; i < csm_plan_count(p); i++) {
		const csm_plan_move *m = csm_plan_get(p, i);
		int k = csm_questionnaire_item_find(q, m->item);
		if (k < 0)
			continue;
		if (!to[k]) {
			order[n++] = k;
			from[k] = m->from;
		}
		if (m->from < from[k])
			from[k] = m->from;
		if (m->to > to[k])
			to[k] = m->to;
	}
	/* then the file's own targets the plan leaves */
	for (i = 0; i < q->item_count; i++) {
		int lv = 0, t = csm_answers_target(a, q->items[i].id);
		if (csm_answers_get(a, q->items[i].id, &lv) != CSM_ANSWER_LEVEL || t <= lv)
			continue;
		if (!to[i]) {
			order[n++] = (int)i;
			from[i] = lv;
		}
		if (t > to[i])
			to[i] = t;
	}
	if ((rc = csm__actions_new(&acts, n)))
		goto done;
	for (i = 0; i < n; i++)
		if ((rc = add_made(acts, q, (size_t)order[i], from[order[i]], to[order[i]], a, tips, lang)))
			goto done;
	/* the list says whose it is, so a group's portfolio can match it */
	if (a->field[CSM_FIELD_ORG_NAME] && a->field[CSM_FIELD_ORG_NAME][0] &&
	    !(acts->org = csm__strdup(a->field[CSM_FIELD_ORG_NAME]))) {
		rc = csm__nomem();
		goto done;
	}
	*out = acts;
	acts = NULL;
done:
	csm_actions_free(acts);
	free(from);
	free(to);
	free(order);
	return rc;
}

/* ---- write ------------------------------------------------------------- */

static void sml(char *buf, char c)
{
	buf[0] = c;
	buf[1] = '\0';
}

/* The cells of action x as text. */
static void cells(const csm_action *x, const char *cell[NCOL], char num[3][4], char sm[2][2])
{
	if (x->directive) /* a list typed by hand may leave it out */
		snprintf(num[0], 4, "%d", x->directive);
	else
		num[0][0] = '\0';
	snprintf(num[1], 4, "%d", x->from);
	snprintf(num[2], 4, "%d", x->to);
	sml(sm[0], x->effort);
	sml(sm[1], x->cost);
	cell[C_ITEM] = x->item;
	cell[C_DIRECTIVE] = num[0];
	cell[C_FROM] = num[1];
	cell[C_TO] = num[2];
	cell[C_TIP] = x->tip;
	cell[C_FIRST_STEP] = x->first_step;
	cell[C_OWNER] = x->owner;
	cell[C_EFFORT] = sm[0];
	cell[C_COST] = sm[1];
	cell[C_DUE] = x->due;
	cell[C_STATUS] = status_name[x->status];
	cell[C_NOTE] = x->note;
}

/* Apostrophes, then a character a spreadsheet starts a formula with: the
 * reader takes one ' off (csm__buf_csv() guards =... as '=...), so the writer
 * puts one more before any the text has, and what is read back is what was
 * written. */
static int guard_like(const char *s)
{
	if (s[0] != '\'')
		return 0;
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

static void csv_cell(csm__buf *o, const char *s)
{
	if (guard_like(s)) {
		csm__buf b = {0};
		csm__buf_puts(&b, "'");
		csm__buf_puts(&b, s);
		o->nomem |= b.nomem;
		if (b.s)
			csm__buf_csv(o, b.s);
		csm__buf_free(&b);
		return;
	}
	csm__buf_csv(o, s);
}

int csm_actions_write(char **out, const csm_actions *acts, int csv)
{
	CSM__ARGS(out && acts);
	csm__buf o = {0};
	size_t i;
	int c;

	*out = NULL;
	if (csv) {
		csm__buf_puts(&o, "\xEF\xBB\xBF"); /* so a spreadsheet reads UTF-8 */
		for (c = 0; c < NCOL; c++)
			csm__buf_printf(&o, "%s%s", c ? "," : "", col_name[c]);
		csm__buf_puts(&o, "\r\n");
	} else {
		csm__buf_puts(&o, "{\n  \"format\": \"csm-actions/1\",\n");
		if (acts->org) {
			csm__buf_puts(&o, "  \"organization\": ");
			csm__buf_json_string(&o, acts->org);
			csm__buf_puts(&o, ",\n");
		}
		csm__buf_puts(&o, "  \"actions\": [");
	}
	for (i = 0; i < acts->n; i++) {
		const char *cell[NCOL];
		char num[3][4], sm[2][2];
		cells(&acts->v[i], cell, num, sm);
		if (!csv)
			csm__buf_puts(&o, i ? ",\n    {" : "\n    {");
		for (c = 0; c < NCOL; c++) {
			if (csv) {
				if (c)
					csm__buf_puts(&o, ",");
				csv_cell(&o, cell[c]);
				continue;
			}
			csm__buf_printf(&o, "%s\"%s\": ", c ? ", " : "", col_name[c]);
			if (c == C_DIRECTIVE || c == C_FROM || c == C_TO)
				csm__buf_puts(&o, cell[c][0] ? cell[c] : "null");
			else
				csm__buf_json_string(&o, cell[c]);
		}
		csm__buf_puts(&o, csv ? "\r\n" : "}");
	}
	if (!csv)
		csm__buf_puts(&o, acts->n ? "\n  ]\n}\n" : "]\n}\n");
	return csm__buf_finish(&o, out);
}

/* ---- read -------------------------------------------------------------- */

/* "YYYY-MM" (a month) or a date YYYY-MM-DD. */
static int valid_due(const char *s)
{
	char d[11];
	if (strlen(s) == 7) {
		memcpy(d, s, 7);
		memcpy(d + 7, "-01", 4);
		return csm__valid_date(d);
	}
	return csm__valid_date(s);
}

/* A date as a spreadsheet in Japan saves it, 2027/3/31 or 2027/03, as
 * 2027-03-31 or 2027-03: *cell replaced when it is one (0), CSM_ENOMEM. */
static int slash_date(char **cell)
{
	unsigned y, m, d = 0;
	int n = 0;
	char out[48], *t;
	if (strlen(*cell) > 10 || !strchr(*cell, '/'))
		return 0;
	if (sscanf(*cell, "%4u/%2u/%2u%n", &y, &m, &d, &n) == 3 && !(*cell)[n])
		snprintf(out, sizeof out, "%04u-%02u-%02u", y, m, d);
	else if (sscanf(*cell, "%4u/%2u%n", &y, &m, &n) == 2 && !(*cell)[n])
		snprintf(out, sizeof out, "%04u-%02u", y, m);
	else
		return 0;
	if (!valid_due(out))
		return 0; /* the message shows what was typed */
	if (!(t = csm__strdup(out)))
		return csm__nomem();
	free(*cell);
	*cell = t;
	return 0;
}

/* The labels of the workbook's status list (the ids are the file's). */
static const char *const status_label[4] = {"actions_sheet.status_open", "actions_sheet.status_in_progress",
                                            "actions_sheet.status_done", "actions_sheet.status_dropped"};

const char *csm__action_status_label(csm_action_status st, csm_lang lang)
{
	return (unsigned)st < 4 ? csm__msg(status_label[st], lang) : NULL;
}

/* A status as people type it: open, in_progress / "in progress" / in-progress,
 * done, dropped, in any case; or a label of the workbook's list in either
 * language (「未着手」 back to open). */
static int parse_status(const char *s, csm_action_status *out)
{
	char t[16];
	size_t i, n = strlen(s);
	int lang;
	for (lang = 0; lang < 2; lang++)
		for (i = 0; i < 4; i++)
			if (strcmp(s, csm__action_status_label((csm_action_status)i, (csm_lang)lang)) == 0) {
				*out = (csm_action_status)i;
				return 0;
			}
	if (n >= sizeof t)
		return -1;
	for (i = 0; i <= n; i++) {
		char ch = s[i];
		t[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch == ' ' || ch == '-' ? '_' : ch);
	}
	for (i = 0; i < 4; i++)
		if (strcmp(t, status_name[i]) == 0) {
			*out = (csm_action_status)i;
			return 0;
		}
	return -1;
}

/* Strip ASCII blanks at both ends, in place. */
static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* A level cell through the one level parser: 1..5 only. */
static int level_cell(const char *s, int *out)
{
	csm_answer_kind kind;
	return csm__level_parse(s, strlen(s), 0, &kind, out) == 0 && kind == CSM_ANSWER_LEVEL ? 0 : -1;
}

/* Length and control characters of every cell: 1 when one is wrong. */
static int check_cell_text(char *cell[NCOL], const char *const where[NCOL], csm__problems *p)
{
	int c, bad = 0;
	for (c = 0; c < NCOL; c++) {
		int ctl;
		if (!cell[c])
			continue;
		if (strlen(cell[c]) > col_max(c)) {
			csm__problem(p, "%s: %s: text is too long (%zu bytes; the limit is %zu)", where[c], col_name[c],
			             strlen(cell[c]), col_max(c));
			bad = 1;
		} else if ((ctl = csm__control_char(cell[c], c == C_NOTE || c == C_FIRST_STEP)) >= 0) {
			csm__problem(p, "%s: %s: contains a control character (0x%02x)", where[c], col_name[c], (unsigned)ctl);
			bad = 1;
		}
	}
	return bad;
}

/* The item: an id with no action yet; 1 when not. */
static int check_item(const csm_actions *acts, char *cell[NCOL], const char *const where[NCOL], csm__problems *p)
{
	size_t k;
	int bad = 0;
	if (!cell[C_ITEM] || !csm__valid_id(cell[C_ITEM])) {
		csm__problem(p, "%s: item: \"%.40s\" is not an item id", where[C_ITEM], cell[C_ITEM] ? cell[C_ITEM] : "");
		bad = 1;
	} else {
		for (k = 0; k < acts->n; k++)
			if (strcmp(acts->v[k].item, cell[C_ITEM]) == 0) {
				csm__problem(p, "%s: item: %s has an action already", where[C_ITEM], cell[C_ITEM]);
				bad = 1;
			}
	}
	return bad;
}

/* Directive, from and to levels, effort and cost into x; 1 when one is wrong. */
static int take_plan(csm_action *x, char *cell[NCOL], const char *const where[NCOL], csm__problems *p)
{
	int c, bad = 0;
	if (cell[C_DIRECTIVE] && cell[C_DIRECTIVE][0]) {
		char *end;
		long d = strtol(cell[C_DIRECTIVE], &end, 10);
		if (*end || end == cell[C_DIRECTIVE] || d < 1 || d > CSM_DIRECTIVES) {
			csm__problem(p, "%s: directive: \"%.40s\" is not a directive 1..10", where[C_DIRECTIVE], cell[C_DIRECTIVE]);
			bad = 1;
		}
		x->directive = (int)d;
	}
	if (!cell[C_FROM] || level_cell(cell[C_FROM], &x->from)) {
		csm__problem(p, "%s: from: \"%.40s\" is not a level 1..5", where[C_FROM], cell[C_FROM] ? cell[C_FROM] : "");
		bad = 1;
	}
	if (!cell[C_TO] || level_cell(cell[C_TO], &x->to)) {
		csm__problem(p, "%s: to: \"%.40s\" is not a level 1..5", where[C_TO], cell[C_TO] ? cell[C_TO] : "");
		bad = 1;
	}
	for (c = C_EFFORT; c <= C_COST; c++) {
		const char *s = cell[c] ? cell[c] : "";
		if (s[0] && (s[1] || (s[0] != 'S' && s[0] != 'M' && s[0] != 'L'))) {
			csm__problem(p, "%s: %s: \"%.40s\" is not S, M, L or empty", where[c], col_name[c], s);
			bad = 1;
		}
		if (c == C_EFFORT)
			x->effort = s[0];
		else
			x->cost = s[0];
	}
	return bad;
}

/* Due date and status into x; *bad set when one is wrong, rc only for no memory. */
static int take_schedule(csm_action *x, char *cell[NCOL], const char *const where[NCOL], csm__problems *p, int *bad)
{
	int rc;
	if (cell[C_DUE] && (rc = slash_date(&cell[C_DUE])) != 0)
		return rc;
	if (cell[C_DUE] && cell[C_DUE][0] && !valid_due(cell[C_DUE])) {
		csm__problem(p, "%s: due: \"%.40s\" is not a date YYYY-MM-DD or a month YYYY-MM", where[C_DUE], cell[C_DUE]);
		*bad = 1;
	}
	if (!cell[C_STATUS] || parse_status(cell[C_STATUS], &x->status)) {
		csm__problem(p, "%s: status: \"%.40s\" is not open, in_progress, done or dropped (%s, %s, %s, %s)",
		             where[C_STATUS], cell[C_STATUS] ? cell[C_STATUS] : "",
		             csm__action_status_label(CSM_ACTION_OPEN, CSM_LANG_JA),
		             csm__action_status_label(CSM_ACTION_IN_PROGRESS, CSM_LANG_JA),
		             csm__action_status_label(CSM_ACTION_DONE, CSM_LANG_JA),
		             csm__action_status_label(CSM_ACTION_DROPPED, CSM_LANG_JA));
		*bad = 1;
	}
	return 0;
}

/* Check one action's cells and add it (actions.h). */
int csm__actions_take(csm_actions *acts, char *cell[NCOL], const char *const where[NCOL], csm__problems *p)
{
	csm_action x;
	size_t i = acts->n;
	int c, bad, rc;
	memset(&x, 0, sizeof x);
	if (check_cell_text(cell, where, p))
		return 0;
	for (c = 0; c < NCOL; c++)
		if (cell[c] && c != C_NOTE && c != C_FIRST_STEP)
			memmove(cell[c], trim(cell[c]), strlen(trim(cell[c])) + 1);
	bad = check_item(acts, cell, where, p);
	bad |= take_plan(&x, cell, where, p);
	if ((rc = take_schedule(&x, cell, where, p, &bad)) != 0)
		return rc;
	if (bad)
		return 0;
	if (acts->n >= CSM_MAX_ITEMS) {
		csm__problem(p, "%s: more than %u actions", where[C_ITEM], CSM_MAX_ITEMS);
		return 0;
	}
	/* the texts move into acts; the cells the caller frees are left NULL */
	acts->v[i] = x;
	for (c = 0; c < NCOL; c++) {
		if (c != C_DIRECTIVE && c != C_FROM && c != C_TO && c != C_EFFORT && c != C_COST && c != C_STATUS &&
		    cell[c] && cell[c][0]) {
			acts->text[i][c] = cell[c];
			cell[c] = NULL;
		}
	}
	acts->n++;
	link_strings(acts, i);
	return 0;
}

static int parse_json(csm_actions *acts, const char *data, size_t len, const char *name, csm__problems *p)
{
	cJSON *root = NULL;
	const cJSON *arr, *e, *org;
	int rc, idx = 0;
	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-actions", name)))
		goto done;
	org = cJSON_GetObjectItemCaseSensitive(root, "organization");
	if (org && !cJSON_IsNull(org)) {
		int ctl;
		if (!cJSON_IsString(org))
			csm__problem(p, "%s: organization: expected a string", name);
		else if (strlen(org->valuestring) > CSM_MAX_NAME_BYTES)
			csm__problem(p, "%s: organization: text is too long (the limit is %u bytes)", name, CSM_MAX_NAME_BYTES);
		else if ((ctl = csm__control_char(org->valuestring, 0)) >= 0)
			csm__problem(p, "%s: organization: contains a control character (0x%02x)", name, (unsigned)ctl);
		else if (org->valuestring[0] && !(acts->org = csm__strdup(org->valuestring)))
			rc = csm__nomem();
		if (rc)
			goto done;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "actions");
	if (!cJSON_IsArray(arr)) {
		csm__problem(p, "%s: actions: %s", name, arr ? "expected an array" : "missing");
		goto done;
	}
	if ((size_t)cJSON_GetArraySize(arr) > CSM_MAX_ITEMS) {
		csm__problem(p, "%s: actions: more than %u actions", name, CSM_MAX_ITEMS);
		goto done;
	}
	cJSON_ArrayForEach(e, arr) {
		char where[CSM_MAX_NAME_BYTES + 32], *cell[NCOL] = {0};
		const char *wheres[NCOL];
		int c;
		snprintf(where, sizeof where, "%s: actions[%d]", name, idx++);
		for (c = 0; c < NCOL; c++)
			wheres[c] = where;
		if (!cJSON_IsObject(e)) {
			csm__problem(p, "%s: expected an object", where);
			continue;
		}
		for (c = 0; c < NCOL && !rc; c++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, col_name[c]);
			char num[32];
			if (!v || cJSON_IsNull(v))
				continue;
			if (cJSON_IsNumber(v) && (c == C_DIRECTIVE || c == C_FROM || c == C_TO)) {
				double d = v->valuedouble;
				if (d >= -99 && d <= 99 && d == (double)(int)d)
					snprintf(num, sizeof num, "%d", (int)d);
				else
					snprintf(num, sizeof num, "%g", d);
				if (!(cell[c] = csm__strdup(num)))
					rc = csm__nomem();
			} else if (cJSON_IsString(v)) {
				if (!(cell[c] = csm__strdup(v->valuestring)))
					rc = csm__nomem();
			} else {
				csm__problem(p, "%s: %s: expected %s", where, col_name[c],
				             c == C_DIRECTIVE || c == C_FROM || c == C_TO ? "a number" : "a string");
			}
		}
		if (!rc)
			rc = csm__actions_take(acts, cell, wheres, p);
		for (c = 0; c < NCOL; c++)
			free(cell[c]);
		if (rc)
			goto done;
	}
done:
	cJSON_Delete(root);
	return rc;
}

/* One CSV record from `*pos`: cells into cell[] by the header's map `col`
 * (-1: not read); `*line` advanced past its line ends. Returns 1 for a
 * record, 0 at the end, -1 for a malformed quote (problem recorded). */
static int csv_record(const char *d, size_t len, size_t *pos, unsigned *line, char ***cells, size_t *ncells,
                      int *nomem, csm__problems *p, const char *name)
{
	size_t i = *pos, n = 0;
	unsigned start = *line;
	*ncells = 0; /* kept up to date: the caller frees the cells on error too */
	if (i >= len)
		return 0;
	for (;;) {
		csm__buf b = {0};
		char *cell;
		if (i < len && d[i] == '"') {
			for (i++;; i++) {
				if (i >= len) {
					csm__problem(p, "%s:%u: a quote is not closed", name, start);
					csm__buf_free(&b);
					return -1;
				}
				if (d[i] == '"' && i + 1 < len && d[i + 1] == '"') {
					csm__buf_add(&b, "\"", 1);
					i++;
				} else if (d[i] == '"') {
					i++;
					break;
				} else {
					if (d[i] == '\n')
						(*line)++;
					csm__buf_add(&b, d + i, 1);
				}
			}
			if (i < len && d[i] != ',' && d[i] != '\r' && d[i] != '\n') {
				csm__problem(p, "%s:%u: characters follow a closing quote", name, *line);
				csm__buf_free(&b);
				return -1;
			}
		} else {
			size_t s = i;
			while (i < len && d[i] != ',' && d[i] != '\r' && d[i] != '\n')
				i++;
			csm__buf_add(&b, d + s, i - s);
		}
		if (b.nomem || !(cell = b.s ? b.s : csm__strdup(""))) {
			csm__buf_free(&b);
			*nomem = 1;
			return -1;
		}
		if (n < NCOL + 8) {
			(*cells)[n++] = cell;
			*ncells = n;
		} else {
			free(cell);
		}
		if (i < len && d[i] == ',') {
			i++;
			continue;
		}
		if (i < len && d[i] == '\r')
			i++;
		if (i < len && d[i] == '\n')
			i++;
		(*line)++;
		break;
	}
	*ncells = n;
	*pos = i;
	return 1;
}

/* The inverse of csm__buf_csv()'s guard and csv_cell(): '=... back to =... */
static void unguard(char *s)
{
	if (guard_like(s))
		memmove(s, s + 1, strlen(s));
}

static void free_cells(char **cells, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

static int parse_csv(csm_actions *acts, const char *data, size_t len, const char *name, csm__problems *p)
{
	char *store[NCOL + 8] = {0}, **cells = store;
	int col[NCOL + 8], have[NCOL] = {0}, nomem = 0, r, rc = 0;
	size_t pos = 0, n = 0, i;
	unsigned line = 1, row_line;

	if ((rc = csm__text_check(data, len, name, &pos)))
		return rc;
	r = csv_record(data, len, &pos, &line, &cells, &n, &nomem, p, name);
	if (r <= 0) {
		if (!nomem && r == 0)
			csm__problem(p, "%s: empty file (expected a header row item,directive,from,to,...)", name);
		free_cells(cells, n);
		return nomem ? csm__nomem() : 0;
	}
	for (i = 0; i < n; i++) {
		int c;
		char *h = trim(cells[i]);
		for (c = 0; c < NCOL && strcmp(h, col_name[c]) != 0; c++)
			;
		col[i] = c < NCOL ? c : -1;
		if (c == NCOL)
			csm__problem(p, "%s:1: column %zu: unknown column \"%.30s\"", name, i + 1, h);
		else if (have[c]++)
			csm__problem(p, "%s:1: %s: the column appears twice", name, h);
	}
	if (!have[C_ITEM] || !have[C_FROM] || !have[C_TO] || !have[C_STATUS])
		csm__problem(p, "%s:1: the header must name the columns item, from, to and status", name);
	free_cells(cells, n);
	if (p->count)
		return 0;
	while (!rc) {
		char *cell[NCOL] = {0};
		size_t ncell = 0;
		int blank = 1;
		char where[CSM_MAX_NAME_BYTES + 32];
		const char *wheres[NCOL];
		row_line = line;
		r = csv_record(data, len, &pos, &line, &cells, &ncell, &nomem, p, name);
		if (r <= 0) {
			free_cells(cells, ncell);
			break;
		}
		for (i = 0; i < ncell; i++)
			if (cells[i][0])
				blank = 0;
		snprintf(where, sizeof where, "%s:%u", name, row_line);
		for (i = 0; i < NCOL; i++)
			wheres[i] = where;
		if (ncell > n && !blank) {
			csm__problem(p, "%s: more cells than the header has columns", where);
		} else if (!blank) { /* a blank line, as spreadsheets leave, is skipped */
			for (i = 0; i < ncell; i++)
				if (col[i] >= 0) {
					unguard(cells[i]);
					cell[col[i]] = cells[i];
					cells[i] = NULL;
				}
			for (i = 0; i < NCOL; i++)
				if (!cell[i] && have[i] && !(cell[i] = csm__strdup("")))
					rc = csm__nomem();
			if (!rc)
				rc = csm__actions_take(acts, cell, wheres, p);
			for (i = 0; i < NCOL; i++)
				free(cell[i]);
		}
		free_cells(cells, ncell);
	}
	if (nomem)
		return csm__nomem();
	return rc;
}

int csm__actions_parse_text(csm_actions **out, const char *data, size_t len, const char *name)
{
	csm__problems p = {0};
	csm_actions *acts = NULL;
	size_t i = 0;
	int rc;

	*out = NULL;
	if (!name)
		name = "(input)";
	if (len > CSM_MAX_FILE_BYTES)
		return csm__err(CSM_EINVALID, "%s: larger than %u bytes", name, CSM_MAX_FILE_BYTES);
	if ((rc = csm__actions_new(&acts, CSM_MAX_ITEMS)))
		return rc;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	rc = i < len && data[i] == '{' ? parse_json(acts, data, len, name, &p) : parse_csv(acts, data, len, name, &p);
	if (rc) {
		free(p.text);
	} else {
		rc = csm__problems_finish(&p);
	}
	if (rc) {
		csm_actions_free(acts);
		return rc;
	}
	*out = acts;
	return 0;
}

/* ---- follow-up --------------------------------------------------------- */

/* YYYY-MM-DD of `t` seconds since 1970 (UTC), by days from the civil calendar. */
static void date_of(char out[11], long long t)
{
	long long z = (t >= 0 ? t / 86400 : -((-t + 86399) / 86400)) + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

int csm_analysis_set_actions(csm_analysis *an, const csm_actions *acts, long long today)
{
	CSM__ARGS(an);
	csm__followup *fu = csm__analysis_followup(an);
	fu->actions = acts;
	date_of(fu->today, today);
	return 0;
}

/* Whether a due date (a month ends with its last day) has passed on `today`. */
static int overdue(const char *due, const char *today)
{
	if (!due[0])
		return 0;
	return strlen(due) == 7 ? strncmp(due, today, 7) < 0 : strcmp(due, today) < 0;
}

/* The follow-up of the analysis: the lists, each as indexes. Levels: the
 * previous (or the action's from) and the current, 0 where not a level. */
typedef struct followup {
	size_t done_moved[CSM_MAX_ITEMS], n_done_moved;
	size_t done_still[CSM_MAX_ITEMS], n_done_still;
	size_t moved[CSM_MAX_ITEMS], n_moved;   /* questionnaire items moved without an action */
	size_t late[CSM_MAX_ITEMS], n_late;
	size_t open, in_progress, done, dropped;
} followup;

static int level_of(const csm_answers *a, const char *id)
{
	int lv = 0;
	return a && csm_answers_get(a, id, &lv) == CSM_ANSWER_LEVEL ? lv : 0;
}

/* The level an action's item had before: the previous assessment's, else its from. */
static int before(const csm_analysis *an, const csm_action *x)
{
	int lv = level_of(csm__analysis_prev_a(an), x->item);
	return lv ? lv : x->from;
}

static void follow(followup *f, const csm_analysis *an)
{
	const csm_actions *acts = csm__analysis_followup(an)->actions;
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an), *pa = csm__analysis_prev_a(an);
	const char *today = csm__analysis_followup(an)->today;
	size_t i, k;
	memset(f, 0, sizeof *f);
	for (i = 0; i < acts->n; i++) {
		const csm_action *x = &acts->v[i];
		switch (x->status) {
		case CSM_ACTION_DONE:
			f->done++;
			if (level_of(a, x->item) > before(an, x))
				f->done_moved[f->n_done_moved++] = i;
			else
				f->done_still[f->n_done_still++] = i;
			break;
		case CSM_ACTION_DROPPED:
			f->dropped++;
			break;
		default:
			if (x->status == CSM_ACTION_OPEN)
				f->open++;
			else
				f->in_progress++;
			if (overdue(x->due, today))
				f->late[f->n_late++] = i;
		}
	}
	for (i = 0; pa && i < q->item_count; i++) {
		int now = level_of(a, q->items[i].id), was = level_of(pa, q->items[i].id);
		if (!now || !was || now == was)
			continue;
		for (k = 0; k < acts->n && strcmp(acts->v[k].item, q->items[i].id) != 0; k++)
			;
		if (k == acts->n)
			f->moved[f->n_moved++] = i;
	}
}

void csm__text_followup(csm__buf *o, const csm_analysis *an, csm_lang lang)
{
	const csm_actions *acts = csm__analysis_followup(an)->actions;
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an), *pa = csm__analysis_prev_a(an);
	const char *arrow = "→"; /* as "Items that moved" writes a move */
	followup *f;
	size_t i;
	if (!acts)
		return;
	if (!(f = malloc(sizeof *f))) {
		o->nomem = 1;
		return;
	}
	follow(f, an);
	csm__buf_msgf(o, csm__msg("followup.heading", lang),
	                acts->n, f->open, f->in_progress, f->done, f->dropped, csm__analysis_followup(an)->today);
	csm__buf_printf(o, "  %s (%zu):", csm__msg("followup.done_moved", lang), f->n_done_moved);
	for (i = 0; i < f->n_done_moved; i++) {
		const csm_action *x = &acts->v[f->done_moved[i]];
		int now = level_of(a, x->item);
		csm__buf_printf(o, "%s %s %d%s%d", i ? "," : "", x->item, before(an, x), arrow, now);
		if (now < x->to) /* moved, but not yet where the action aims */
			csm__buf_msgf(o, csm__msg("followup.aim", lang), x->to);
	}
	csm__buf_printf(o, "%s\n", f->n_done_moved ? "" : csm__msg("followup.none", lang));
	csm__buf_printf(o, "  %s (%zu):", csm__msg("followup.done_still", lang),
	                f->n_done_still);
	for (i = 0; i < f->n_done_still; i++) {
		const csm_action *x = &acts->v[f->done_still[i]];
		int now = level_of(a, x->item);
		if (now)
			csm__buf_printf(o, "%s %s %s %d", i ? "," : "", x->item, csm__msg("followup.at_level", lang), now);
		else
			csm__buf_printf(o, "%s %s %s", i ? "," : "", x->item, csm__msg("followup.not_answered", lang));
	}
	csm__buf_printf(o, "%s\n", f->n_done_still ? "" : csm__msg("followup.none", lang));
	if (pa) {
		csm__buf_printf(o, "  %s (%zu):", csm__msg("followup.moved", lang), f->n_moved);
		for (i = 0; i < f->n_moved; i++) {
			const char *id = q->items[f->moved[i]].id;
			csm__buf_printf(o, "%s %s %d%s%d", i ? "," : "", id, level_of(pa, id), arrow, level_of(a, id));
		}
		csm__buf_printf(o, "%s\n", f->n_moved ? "" : csm__msg("followup.none", lang));
	}
	/* one a line: each names who is to act */
	csm__buf_printf(o, "  %s (%zu):%s\n", csm__msg("followup.late", lang), f->n_late,
	                f->n_late ? "" : csm__msg("followup.none", lang));
	for (i = 0; i < f->n_late; i++) {
		const csm_action *x = &acts->v[f->late[i]];
		csm__buf_printf(o, "    %s %s %s%s", x->item, csm__msg("followup.due", lang), x->due,
		                x->status == CSM_ACTION_IN_PROGRESS ? csm__msg("followup.in_progress", lang) : "");
		if (x->owner[0]) {
			csm__buf_puts(o, csm__msg("followup.owner", lang));
			csm__buf_escaped(o, x->owner);
		}
		csm__buf_puts(o, "\n");
	}
	free(f);
}

int csm__followup_count(csm__followup_counts *out, const csm_analysis *an)
{
	const csm_actions *acts = csm__analysis_followup(an)->actions;
	followup *f;
	memset(out, 0, sizeof *out);
	if (!acts)
		return 0;
	if (!(f = malloc(sizeof *f)))
		return csm__nomem();
	follow(f, an);
	out->listed = 1;
	out->actions = acts->n;
	out->open = f->open;
	out->in_progress = f->in_progress;
	out->done = f->done;
	out->dropped = f->dropped;
	out->late = f->n_late;
	out->done_moved = f->n_done_moved;
	out->done_not_moved = f->n_done_still;
	free(f);
	return 1;
}

static void j_action_ref(csm__buf *o, const csm_action *x, int first)
{
	csm__buf_puts(o, first ? "{\"item\":" : ",{\"item\":");
	csm__buf_json_string(o, x->item);
}

void csm__json_followup(csm__buf *o, const csm_analysis *an)
{
	const csm_actions *acts = csm__analysis_followup(an)->actions;
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an), *pa = csm__analysis_prev_a(an);
	followup *f;
	size_t i;
	if (!acts)
		return;
	if (!(f = malloc(sizeof *f))) {
		o->nomem = 1;
		return;
	}
	follow(f, an);
	csm__buf_puts(o, ",\"followup\":{\"today\":");
	csm__buf_json_string(o, csm__analysis_followup(an)->today);
	csm__buf_printf(o, ",\"actions\":%zu,\"open\":%zu,\"in_progress\":%zu,\"done\":%zu,\"dropped\":%zu", acts->n,
	                f->open, f->in_progress, f->done, f->dropped);
	csm__buf_puts(o, ",\"done_moved\":[");
	for (i = 0; i < f->n_done_moved; i++) {
		const csm_action *x = &acts->v[f->done_moved[i]];
		j_action_ref(o, x, !i);
		csm__buf_printf(o, ",\"from\":%d,\"to\":%d,\"aim\":%d}", before(an, x), level_of(a, x->item), x->to);
	}
	csm__buf_puts(o, "],\"done_not_moved\":[");
	for (i = 0; i < f->n_done_still; i++) {
		const csm_action *x = &acts->v[f->done_still[i]];
		int now = level_of(a, x->item);
		j_action_ref(o, x, !i);
		if (now)
			csm__buf_printf(o, ",\"level\":%d}", now);
		else
			csm__buf_puts(o, ",\"level\":null}");
	}
	csm__buf_puts(o, "],\"moved_without_action\":");
	if (!pa)
		csm__buf_puts(o, "null");
	for (i = 0; pa && i <= f->n_moved; i++) {
		const char *id;
		if (i == f->n_moved) {
			csm__buf_puts(o, i ? "]" : "[]");
			break;
		}
		id = q->items[f->moved[i]].id;
		csm__buf_puts(o, i ? ",{\"item\":" : "[{\"item\":");
		csm__buf_json_string(o, id);
		csm__buf_printf(o, ",\"from\":%d,\"to\":%d}", level_of(pa, id), level_of(a, id));
	}
	csm__buf_puts(o, ",\"overdue\":[");
	for (i = 0; i < f->n_late; i++) {
		const csm_action *x = &acts->v[f->late[i]];
		j_action_ref(o, x, !i);
		csm__buf_puts(o, ",\"due\":");
		csm__buf_json_string(o, x->due);
		csm__buf_printf(o, ",\"status\":\"%s\",\"owner\":", status_name[x->status]);
		csm__buf_json_string(o, x->owner);
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]}");
	free(f);
}
