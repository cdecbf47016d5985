/* The supply-chain view: one report over the answers files of many
 * suppliers, in risk order per questionnaire, with the roster's
 * non-responders and the files that could not be read.
 *
 * The model is a list of rows (answered, not answered, failed) and one table
 * of columns (COLUMNS below) that the text, CSV and JSON forms all render:
 * a new column is one row_fill() line and one COLUMNS entry. Rows of a
 * questionnaire with its own scale (sme-check) are in points: their own
 * columns (C_POINTS) and their own risk order. */
#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answers.h"
#include "error.h"
#include "json.h"
#include "messages.h"
#include "questionnaire.h"
#include "score.h"
#include "supply.h"
#include "util.h"

/* What a row is. */
enum { S_ANSWERED = 0, S_MISSING = 1, S_FAILED = 2 };

typedef struct srow {
	csm_supply_row pub; /* first: the accessors hand out &pub */
	int status;
	const csm_questionnaire *q; /* borrowed (answered rows) */
	csm_grading grading;
	int graded;
	size_t input;      /* the order it was added */
	char *ident;       /* csm__org_identity of the supplier, or NULL */
	struct rentry *match;
} srow;

/* A roster line. */
typedef struct rentry {
	srow row;          /* as a "not answered" row */
	unsigned line;
	size_t matched;    /* answered rows that name it */
} rentry;

struct csm_supply {
	long long today;
	long today_days;
	char today_text[16];
	srow **rows;   /* answered, in risk order */
	size_t n, cap;
	srow **failed; /* in the order added */
	size_t nfailed, capf;
	rentry *roster; /* NULL: no roster */
	size_t nroster;
	int has_roster;
};

/* Rows own their strings; "" is static. */
static const char EMPTY[] = "";

static const char *dup_or_empty(const char *s, int *nomem)
{
	char *d;
	if (!s || !s[0])
		return EMPTY;
	if (!(d = csm__strdup(s)))
		*nomem = 1;
	return d ? d : EMPTY;
}

static void free_str(const char *s)
{
	if (s && s != EMPTY)
		free((char *)s);
}

static void srow_clear(srow *r)
{
	free_str(r->pub.supplier);
	free_str(r->pub.file);
	free_str(r->pub.assessed_on);
	free_str(r->pub.error);
	free(r->ident);
	/* questionnaire is the questionnaire's id; roster_id and contact belong to the roster */
}

static void srow_blank(srow *r)
{
	memset(r, 0, sizeof *r);
	r->pub.supplier = r->pub.file = r->pub.questionnaire = r->pub.assessed_on = EMPTY;
	r->pub.roster_id = r->pub.contact = r->pub.error = EMPTY;
	r->pub.on_roster = -1;
}

int csm_supply_new(csm_supply **out, long long today)
{
	CSM__ARGS(out);
	csm_supply *sp;
	time_t t = (time_t)today;
	struct tm tm;
	*out = NULL;
	if (!(sp = calloc(1, sizeof *sp)))
		return csm__nomem();
	sp->today = today;
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1970) {
		free(sp);
		return csm__err(CSM_EINVALID, "csm_supply_new: today is out of range");
	}
	snprintf(sp->today_text, sizeof sp->today_text, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
	         (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
	sp->today_days = csm__date_days(sp->today_text);
	*out = sp;
	return 0;
}

static void roster_free(csm_supply *sp)
{
	size_t i;
	for (i = 0; i < sp->nroster; i++) {
		srow_clear(&sp->roster[i].row);
		free_str(sp->roster[i].row.pub.roster_id);
		free_str(sp->roster[i].row.pub.contact);
	}
	free(sp->roster);
	sp->roster = NULL;
	sp->nroster = 0;
	sp->has_roster = 0;
}

void csm_supply_free(csm_supply *sp)
{
	size_t i;
	if (!sp)
		return;
	for (i = 0; i < sp->n; i++) {
		srow_clear(sp->rows[i]);
		free(sp->rows[i]);
	}
	for (i = 0; i < sp->nfailed; i++) {
		srow_clear(sp->failed[i]);
		free(sp->failed[i]);
	}
	roster_free(sp);
	free(sp->rows);
	free(sp->failed);
	free(sp);
}

/* ---- risk order ---------------------------------------------------------- */

/* <0 when `x` comes first: see the order in csm.h. */
static int risk_cmp(const srow *x, const srow *y)
{
	const csm_supply_row *a = &x->pub, *b = &y->pub;
	int c = strcmp(a->questionnaire, b->questionnaire);
	if (c)
		return c;
	if (a->has_overall != b->has_overall)
		return a->has_overall ? 1 : -1;
	if (a->has_points && b->has_points) { /* a questionnaire with its own scale */
		if (a->points != b->points)
			return a->points < b->points ? -1 : 1;
		if (a->stars != b->stars)
			return a->stars < b->stars ? -1 : 1;
		if (a->unknown != b->unknown)
			return a->unknown > b->unknown ? -1 : 1;
		if ((c = strcmp(a->assessed_on, b->assessed_on)))
			return c;
		return x->input < y->input ? -1 : x->input > y->input;
	}
	if (a->has_overall && !csm__eq(a->overall, b->overall))
		return a->overall < b->overall ? -1 : 1;
	if ((a->weakest != 0) != (b->weakest != 0))
		return a->weakest ? 1 : -1;
	if (a->weakest && !csm__eq(a->weakest_score, b->weakest_score))
		return a->weakest_score < b->weakest_score ? -1 : 1;
	if (a->unanswered != b->unanswered)
		return a->unanswered > b->unanswered ? -1 : 1;
	if ((c = strcmp(a->assessed_on, b->assessed_on)))
		return c;
	return x->input < y->input ? -1 : x->input > y->input;
}

/* Put `r` in its place (after its equals: the input order breaks ties) and
 * number its questionnaire's rows again. */
static int insert_row(csm_supply *sp, srow *r)
{
	size_t lo = 0, hi = sp->n, i, rank = 0;
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 16;
		srow **p = realloc(sp->rows, cap * sizeof *p);
		if (!p)
			return csm__nomem();
		sp->rows = p;
		sp->cap = cap;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (risk_cmp(sp->rows[mid], r) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(sp->rows + lo + 1, sp->rows + lo, (sp->n - lo) * sizeof *sp->rows);
	sp->rows[lo] = r;
	sp->n++;
	for (i = lo; i > 0 && strcmp(sp->rows[i - 1]->pub.questionnaire, r->pub.questionnaire) == 0; i--)
		;
	for (; i < sp->n && strcmp(sp->rows[i]->pub.questionnaire, r->pub.questionnaire) == 0; i++)
		sp->rows[i]->pub.rank = ++rank;
	return 0;
}

/* ---- roster matching ----------------------------------------------------- */

static void match_row(csm_supply *sp, srow *r)
{
	size_t i;
	if (r->match)
		r->match->matched--;
	r->match = NULL;
	r->pub.roster_id = r->pub.contact = EMPTY;
	r->pub.on_roster = sp->has_roster ? 0 : -1;
	if (!sp->has_roster || !r->ident)
		return;
	for (i = 0; i < sp->nroster; i++)
		if (sp->roster[i].row.ident && strcmp(sp->roster[i].row.ident, r->ident) == 0) {
			r->match = &sp->roster[i];
			r->match->matched++;
			r->pub.on_roster = 1;
			r->pub.roster_id = r->match->row.pub.roster_id;
			r->pub.contact = r->match->row.pub.contact;
			return;
		}
}

/* ---- adding -------------------------------------------------------------- */

/* What a row shows of a score: the one place a row's values are worked out
 * (row_fill_points() for a questionnaire with its own scale). A new value is
 * read here from the score or the answers into a field appended to
 * csm_supply_row, and shown by one COLUMNS entry. */
static void row_fill(srow *r, const csm_answers *a, const csm_score *s, long today_days)
{
	csm_supply_row *p = &r->pub;
	int d;
	p->has_overall = s->has_overall;
	p->overall = s->overall;
	p->grade = s->grade;
	r->graded = s->grade != CSM_GRADE_NONE;
	r->grading = s->grading;
	p->items = 0;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		const csm_directive_score *ds = &s->dir[d];
		p->items += ds->items;
		p->unanswered += ds->unanswered;
		if (ds->has_score && (!p->weakest || ds->score < p->weakest_score - CSM__EPS)) {
			p->weakest = ds->id;
			p->weakest_score = ds->score;
		}
	}
	(void)a; /* nothing read from the answers yet */
	p->stale = !p->assessed_on[0] || today_days - csm__date_days(p->assessed_on) > 365;
}

/* The same for a questionnaire with its own scale, from its points: the
 * weakest part is the lowest share of its part's most (ties the lowest number). */
static int row_fill_points(srow *r, const csm_points *pt, long today_days)
{
	csm_supply_row *p = &r->pub;
	const csm_questionnaire *q = csm_points_questionnaire(pt);
	csm_sme_result res;
	int g, groups = csm_questionnaire_group_count(q), rc;
	if ((rc = csm_sme_result_get(&res, pt)))
		return rc;
	p->has_points = 1;
	p->items = (unsigned)csm_questionnaire_item_count(q);
	p->unanswered = (unsigned)csm_points_unanswered_count(pt);
	p->has_overall = p->unanswered < p->items;
	p->points = csm_points_total(pt);
	p->points_max = csm_points_max(pt);
	p->stars = res.stars;
	p->unknown = (unsigned)csm_points_unknown_count(pt);
	p->grade = CSM_GRADE_NONE;
	for (g = 1; p->has_overall && g <= groups; g++) {
		int max = csm_points_group_max(pt, g), got = csm_points_group(pt, g);
		double share;
		if (max <= 0)
			continue;
		share = (double)got / (double)max;
		if (!p->weakest || share < p->weakest_score - CSM__EPS) {
			p->weakest = g;
			p->weakest_score = share;
			p->weakest_points = got;
			p->weakest_max = max;
		}
	}
	p->stale = !p->assessed_on[0] || today_days - csm__date_days(p->assessed_on) > 365;
	return 0;
}

/* A new answered row of `a` on `q` (its strings copied), not yet placed. */
static int row_new(srow **out, csm_supply *sp, const csm_answers *a, const csm_questionnaire *q, const char *file)
{
	srow *r;
	const char *name = a->field[CSM_FIELD_ORG_NAME], *date = a->field[CSM_FIELD_ASSESSED_ON];
	int nomem = 0;

	*out = NULL;
	if (!(r = malloc(sizeof *r)))
		return csm__nomem();
	srow_blank(r);
	r->status = S_ANSWERED;
	r->q = q;
	r->input = sp->n + sp->nfailed;
	r->pub.supplier = dup_or_empty(name, &nomem);
	r->pub.file = dup_or_empty(file ? file : a->name, &nomem);
	r->pub.questionnaire = q->id;
	r->pub.assessed_on = dup_or_empty(date && csm__valid_date(date) ? date : NULL, &nomem);
	if (name && csm__org_identity(&r->ident, name) == CSM_ENOMEM)
		nomem = 1;
	csm_error_clear(); /* a name that normalizes to nothing matches nothing */
	if (nomem) {
		srow_clear(r);
		free(r);
		return csm__nomem();
	}
	*out = r;
	return 0;
}

/* Match `r` with the roster and put it in its place; frees it on failure. */
static int row_place(csm_supply *sp, srow *r)
{
	int rc;
	match_row(sp, r);
	if ((rc = insert_row(sp, r))) {
		if (r->match)
			r->match->matched--;
		srow_clear(r);
		free(r);
	}
	return rc;
}

int csm_supply_add_points(csm_supply *sp, const csm_answers *a, const csm_points *p, const char *file)
{
	CSM__ARGS(sp && a && p);
	srow *r;
	int rc;
	if ((rc = row_new(&r, sp, a, csm_points_questionnaire(p), file)))
		return rc;
	if ((rc = row_fill_points(r, p, sp->today_days))) {
		srow_clear(r);
		free(r);
		return rc;
	}
	return row_place(sp, r);
}

int csm_supply_add(csm_supply *sp, const csm_answers *a, const csm_score *s, const char *file)
{
	CSM__ARGS(sp && a && s);
	srow *r;
	int rc;
	if ((rc = row_new(&r, sp, a, s->q, file)))
		return rc;
	row_fill(r, a, s, sp->today_days);
	return row_place(sp, r);
}

int csm_supply_add_failure(csm_supply *sp, const char *file, const char *message)
{
	CSM__ARGS(sp && file && message);
	srow *r;
	int nomem = 0;
	if (sp->nfailed == sp->capf) {
		size_t cap = sp->capf ? sp->capf * 2 : 8;
		srow **p = realloc(sp->failed, cap * sizeof *p);
		if (!p)
			return csm__nomem();
		sp->failed = p;
		sp->capf = cap;
	}
	if (!(r = malloc(sizeof *r)))
		return csm__nomem();
	srow_blank(r);
	r->status = S_FAILED;
	r->input = sp->n + sp->nfailed;
	r->pub.file = dup_or_empty(file, &nomem);
	r->pub.error = dup_or_empty(message, &nomem);
	if (nomem) {
		srow_clear(r);
		free(r);
		return csm__nomem();
	}
	sp->failed[sp->nfailed++] = r;
	return 0;
}

/* ---- the roster ---------------------------------------------------------- */

enum { R_NAME = 0, R_ID = 1, R_CONTACT = 2, R_COLS = 3 };

/* Header names of each column (compared after trimming, ASCII case folded). */
static const char *const R_HEADS[R_COLS][6] = {
    {"name", "supplier", "取引先", "会社名", "組織名", NULL},
    {"id", "supplier_id", "コード", NULL},
    {"contact", "email", "連絡先", "担当者", NULL},
};

typedef struct roster_state {
	csm_supply *sp;
	const char *name;
	csm__problems *p;
	unsigned line;
	int col[64];      /* column index -> R_* or -1 */
	size_t ncol;
	int have[R_COLS];
	char *cell[R_COLS];
	size_t field;
	int nonblank;
	rentry *e;
	size_t n, cap;
	int rc;
} roster_state;

static char *trim_dup(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return csm__strndup(s, len);
}

static int ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a, y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static void roster_field(void *s, size_t len, void *ctx)
{
	roster_state *st = ctx;
	size_t f = st->field++;
	char *v;
	int c, k;
	if (st->rc)
		return;
	if (!(v = trim_dup(s ? s : "", s ? len : 0))) {
		st->rc = CSM_ENOMEM;
		return;
	}
	if (v[0])
		st->nonblank = 1;
	if (st->line == 1) {
		if (f < sizeof st->col / sizeof st->col[0]) {
			st->col[f] = -1;
			for (c = 0; c < R_COLS && st->col[f] < 0; c++)
				for (k = 0; R_HEADS[c][k]; k++)
					if (ascii_ieq(v, R_HEADS[c][k])) {
						if (st->have[c]++)
							csm__problem(st->p, "%s:1: column \"%.40s\": a second %s column", st->name, v,
							             R_HEADS[c][0]);
						else
							st->col[f] = c;
						break;
					}
			st->ncol = f + 1;
		}
		free(v);
		return;
	}
	c = f < st->ncol ? st->col[f] : -1;
	if (c >= 0 && !st->cell[c]) {
		st->cell[c] = v;
		return;
	}
	free(v);
}

static void roster_row(int term, void *ctx)
{
	roster_state *st = ctx;
	int c, rc;
	size_t i;
	(void)term;
	if (st->rc)
		goto next;
	if (st->line == 1) {
		if (!st->have[R_NAME])
			csm__problem(st->p, "%s:1: the header must name a column name (or supplier, 取引先, 会社名, 組織名)",
			             st->name);
		goto next;
	}
	if (!st->nonblank)
		goto next; /* a blank line, as spreadsheets leave */
	if (!st->cell[R_NAME] || !st->cell[R_NAME][0]) {
		csm__problem(st->p, "%s:%u: the name is empty", st->name, st->line);
		goto next;
	}
	if (csm__control_char(st->cell[R_NAME], 0) >= 0) {
		csm__problem(st->p, "%s:%u: the name has a control character", st->name, st->line);
		goto next;
	}
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		rentry *p = realloc(st->e, cap * sizeof *p);
		if (!p) {
			st->rc = CSM_ENOMEM;
			goto next;
		}
		st->e = p;
		st->cap = cap;
	}
	{
		rentry *e = &st->e[st->n];
		int nomem = 0;
		srow_blank(&e->row);
		e->row.status = S_MISSING;
		e->row.pub.on_roster = 1;
		e->line = st->line;
		e->matched = 0;
		if ((rc = csm__org_identity(&e->row.ident, st->cell[R_NAME]))) {
			if (rc == CSM_ENOMEM)
				st->rc = CSM_ENOMEM;
			else
				csm__problem(st->p, "%s:%u: the name \"%.60s\" is empty once normalized", st->name, st->line,
				             st->cell[R_NAME]);
			goto next;
		}
		for (i = 0; i < st->n; i++)
			if (strcmp(st->e[i].row.ident, e->row.ident) == 0) {
				csm__problem(st->p, "%s:%u: \"%.60s\" is already on line %u", st->name, st->line,
				             st->cell[R_NAME], st->e[i].line);
				free(e->row.ident);
				goto next;
			}
		e->row.pub.supplier = dup_or_empty(st->cell[R_NAME], &nomem);
		e->row.pub.roster_id = dup_or_empty(st->cell[R_ID], &nomem);
		e->row.pub.contact = dup_or_empty(st->cell[R_CONTACT], &nomem);
		st->n++;
		if (nomem)
			st->rc = CSM_ENOMEM;
	}
next:
	for (c = 0; c < R_COLS; c++) {
		free(st->cell[c]);
		st->cell[c] = NULL;
	}
	st->field = 0;
	st->nonblank = 0;
	st->line++;
}

int csm_supply_roster_parse(csm_supply *sp, const char *data, size_t len, const char *name)
{
	CSM__ARGS(sp && data);
	struct csv_parser parser;
	roster_state st;
	csm__problems p = {0};
	size_t off = 0, i;
	int rc;

	memset(&st, 0, sizeof st);
	st.sp = sp;
	st.name = name ? name : "(roster)";
	st.p = &p;
	st.line = 1;
	if (len > CSM_MAX_FILE_BYTES)
		return csm__err(CSM_EINVALID, "%s: file is too large (the limit is %u bytes)", st.name, CSM_MAX_FILE_BYTES);
	if ((rc = csm__text_check(data, len, st.name, &off)))
		return rc;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return csm__nomem();
	if (csv_parse(&parser, data + off, len - off, roster_field, roster_row, &st) != len - off ||
	    csv_fini(&parser, roster_field, roster_row, &st) != 0) {
		int err = csv_error(&parser);
		if (!st.rc)
			csm__problem(&p, "%s:%u: malformed CSV (%s)", st.name, st.line,
			             err == CSV_EPARSE ? "a quote is not closed or stray characters follow one"
			                               : csv_strerror(err));
	}
	csv_free(&parser);
	for (i = 0; i < R_COLS; i++)
		free(st.cell[i]);
	if (!st.rc && st.line == 1)
		csm__problem(&p, "%s: empty file (expected a header row with a column name)", st.name);
	rc = st.rc ? csm__nomem() : csm__problems_finish(&p);
	free(p.text);
	if (rc) {
		for (i = 0; i < st.n; i++) {
			srow_clear(&st.e[i].row);
			free_str(st.e[i].row.pub.roster_id);
			free_str(st.e[i].row.pub.contact);
		}
		free(st.e);
		return rc;
	}
	for (i = 0; i < sp->n; i++) /* forget the old roster's matches before freeing it */
		sp->rows[i]->match = NULL;
	roster_free(sp);
	sp->roster = st.e;
	sp->nroster = st.n;
	sp->has_roster = 1;
	for (i = 0; i < sp->n; i++)
		match_row(sp, sp->rows[i]);
	return 0;
}

int csm_supply_roster_load(csm_supply *sp, const char *path)
{
	CSM__ARGS(sp && path);
	char *data = NULL;
	size_t len = 0;
	int rc;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_supply_roster_parse(sp, data, len, path);
	free(data);
	return rc;
}

/* ---- accessors ----------------------------------------------------------- */

size_t csm_supply_count(const csm_supply *sp) { return sp ? sp->n : 0; }

const csm_supply_row *csm_supply_get(const csm_supply *sp, size_t i)
{
	return sp && i < sp->n ? &sp->rows[i]->pub : NULL;
}

size_t csm_supply_missing_count(const csm_supply *sp)
{
	size_t i, n = 0;
	if (!sp)
		return 0;
	for (i = 0; i < sp->nroster; i++)
		n += sp->roster[i].matched == 0;
	return n;
}

static const srow *missing_at(const csm_supply *sp, size_t k)
{
	size_t i;
	for (i = 0; sp && i < sp->nroster; i++)
		if (sp->roster[i].matched == 0 && k-- == 0)
			return &sp->roster[i].row;
	return NULL;
}

const csm_supply_row *csm_supply_missing(const csm_supply *sp, size_t i)
{
	const srow *r = missing_at(sp, i);
	return r ? &r->pub : NULL;
}

size_t csm_supply_failed_count(const csm_supply *sp) { return sp ? sp->nfailed : 0; }

const csm_supply_row *csm_supply_failed(const csm_supply *sp, size_t i)
{
	return sp && i < sp->nfailed ? &sp->failed[i]->pub : NULL;
}

/* ---- the columns --------------------------------------------------------- */

/* What a cell holds. */
typedef enum vkind { V_NONE = 0, V_TEXT, V_NUM, V_INT, V_BOOL } vkind;
typedef struct sval {
	vkind kind;
	const char *text;
	double num;
	long long i;
} sval;

enum { M_TEXT = 0, M_CSV = 1, M_JSON = 2 };

typedef struct sctx {
	csm_lang lang;
	int mode;
	char num[48];
	csm__buf tmp;
} sctx;

typedef void (*sget)(sval *v, sctx *c, const srow *r);

static void g_status(sval *v, sctx *c, const srow *r)
{
	static const char *const names[3] = {"answered", "not_answered", "failed"};
	(void)c;
	v->kind = V_TEXT;
	v->text = names[r->status];
}
static void g_questionnaire(sval *v, sctx *c, const srow *r)
{
	(void)c;
	v->kind = V_TEXT;
	v->text = r->pub.questionnaire;
}
static void g_rank(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED)
		v->kind = V_INT, v->i = (long long)r->pub.rank;
}
static void g_supplier(sval *v, sctx *c, const srow *r)
{
	v->kind = V_TEXT;
	v->text = r->pub.supplier;
	if (!r->pub.supplier[0] && c->mode == M_TEXT) { /* say which file it is */
		c->tmp.len = 0;
		csm__buf_msgf(&c->tmp, csm__msg("supply.no_name", c->lang), r->pub.file);
		v->text = c->tmp.s ? c->tmp.s : "";
	}
}
static void g_id(sval *v, sctx *c, const srow *r)
{
	(void)c;
	v->kind = V_TEXT;
	v->text = r->pub.roster_id;
}
static void g_contact(sval *v, sctx *c, const srow *r)
{
	(void)c;
	v->kind = V_TEXT;
	v->text = r->pub.contact;
}
static void g_file(sval *v, sctx *c, const srow *r)
{
	(void)c;
	v->kind = V_TEXT;
	v->text = r->pub.file;
}
static void g_overall(sval *v, sctx *c, const srow *r)
{
	if (r->status != S_ANSWERED || r->pub.has_points)
		return;
	if (c->mode == M_TEXT) {
		v->kind = V_TEXT;
		v->text = r->pub.has_overall ? csm_format_overall(c->num, sizeof c->num, r->pub.overall,
		                                                  r->graded ? &r->grading : NULL)
		                             : "-";
	} else if (r->pub.has_overall) {
		v->kind = V_NUM;
		v->num = r->pub.overall;
	}
}
static void g_grade(sval *v, sctx *c, const srow *r)
{
	if (r->status != S_ANSWERED || r->pub.has_points || (c->mode != M_TEXT && r->pub.grade == CSM_GRADE_NONE))
		return;
	v->kind = V_TEXT;
	v->text = csm_grade_name(r->pub.grade);
}
/* The text table's weakest directive: number, short name and score. */
static void g_weakest_text(sval *v, sctx *c, const srow *r)
{
	if (r->status != S_ANSWERED)
		return;
	v->kind = V_TEXT;
	if (!r->pub.weakest) {
		v->text = "-";
		return;
	}
	c->tmp.len = 0;
	if (c->tmp.s)
		c->tmp.s[0] = '\0';
	if (r->pub.has_points) /* a part: its points of its most */
		csm__buf_printf(&c->tmp, "%d %s (%d/%d)", r->pub.weakest, csm_directive_short(r->q, r->pub.weakest, c->lang),
		                r->pub.weakest_points, r->pub.weakest_max);
	else
		csm__buf_printf(&c->tmp, "%d %s (%s)", r->pub.weakest, csm_directive_short(r->q, r->pub.weakest, c->lang),
		                csm_format1(c->num, sizeof c->num, r->pub.weakest_score));
	v->text = c->tmp.s ? c->tmp.s : "";
}
static void g_weakest(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED && r->pub.weakest && !r->pub.has_points)
		v->kind = V_INT, v->i = r->pub.weakest;
}
static void g_weakest_label(sval *v, sctx *c, const srow *r)
{
	if (r->status == S_ANSWERED && r->pub.weakest)
		v->kind = V_TEXT, v->text = csm_directive_short(r->q, r->pub.weakest, c->lang);
}
static void g_weakest_score(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED && r->pub.weakest && !r->pub.has_points)
		v->kind = V_NUM, v->num = r->pub.weakest_score;
}
/* Rows in points (a questionnaire with its own scale). */
static int in_points(const srow *r) { return r->status == S_ANSWERED && r->pub.has_points; }
static void g_points(sval *v, sctx *c, const srow *r)
{
	if (!in_points(r))
		return;
	if (c->mode == M_TEXT) {
		v->kind = V_TEXT;
		if (r->pub.has_overall)
			snprintf(c->num, sizeof c->num, "%d/%d", r->pub.points, r->pub.points_max);
		else
			snprintf(c->num, sizeof c->num, "-");
		v->text = c->num;
	} else if (r->pub.has_overall) {
		v->kind = V_INT, v->i = r->pub.points;
	}
}
static void g_points_max(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r))
		v->kind = V_INT, v->i = r->pub.points_max;
}
static void g_readiness(sval *v, sctx *c, const srow *r)
{
	static const char *const keys[3] = {"supply.stars_0", "supply.stars_1", "supply.stars_2"};
	if (in_points(r))
		v->kind = V_TEXT, v->text = csm__msg(keys[r->pub.stars > 2 ? 2 : r->pub.stars < 0 ? 0 : r->pub.stars], c->lang);
}
static void g_stars(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r))
		v->kind = V_INT, v->i = r->pub.stars;
}
static void g_weakest_part(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r) && r->pub.weakest)
		v->kind = V_INT, v->i = r->pub.weakest;
}
static void g_weakest_part_points(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r) && r->pub.weakest)
		v->kind = V_INT, v->i = r->pub.weakest_points;
}
static void g_weakest_part_max(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r) && r->pub.weakest)
		v->kind = V_INT, v->i = r->pub.weakest_max;
}
static void g_unknown(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (in_points(r))
		v->kind = V_INT, v->i = r->pub.unknown;
}
static void g_unanswered(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED)
		v->kind = V_INT, v->i = r->pub.unanswered;
}
static void g_items(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED)
		v->kind = V_INT, v->i = r->pub.items;
}
static void g_assessed(sval *v, sctx *c, const srow *r)
{
	if (r->status != S_ANSWERED)
		return;
	v->kind = V_TEXT;
	if (c->mode == M_TEXT) {
		/* the stale mark the legend under the table explains */
		snprintf(c->num, sizeof c->num, "%s%s", r->pub.assessed_on[0] ? r->pub.assessed_on : "-",
		         r->pub.stale ? " *" : "");
		v->text = c->num;
	} else {
		v->text = r->pub.assessed_on;
	}
}
static void g_stale(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->status == S_ANSWERED)
		v->kind = V_BOOL, v->i = r->pub.stale;
}
static void g_on_roster(sval *v, sctx *c, const srow *r)
{
	(void)c;
	if (r->pub.on_roster >= 0 && r->status != S_FAILED)
		v->kind = V_BOOL, v->i = r->pub.on_roster;
}
static void g_error(sval *v, sctx *c, const srow *r)
{
	(void)c;
	v->kind = V_TEXT;
	v->text = r->pub.error;
}

/* Where a column shows. C_LEVELS: in the text only for questionnaires
 * answered with levels; C_POINTS: in the text only for those in points, in
 * the CSV only when a row is in points (so a report without them keeps its
 * columns), in JSON on the rows that have a value, as every member. */
enum { C_TEXT = 1, C_CSV = 2, C_JSON = 4, C_RIGHT = 8, C_DATA = C_CSV | C_JSON, C_LEVELS = 16, C_POINTS = 32 };

typedef struct scol {
	const char *key;   /* CSV header and JSON member */
	const char *label; /* message key of the text table's heading */
	unsigned where;
	sget get;
} scol;

/* THE table of columns: text (C_TEXT), CSV and JSON (C_DATA), in order. */
static const scol COLUMNS[] = {
    {"status", NULL, C_CSV, g_status}, /* JSON: which list a row is in */
    {"questionnaire", NULL, C_CSV, g_questionnaire}, /* JSON: the group a row is in */
    {"rank", "supply.col_rank", C_TEXT | C_DATA | C_RIGHT, g_rank},
    {"supplier", "supply.col_supplier", C_TEXT | C_DATA, g_supplier},
    {"supplier_id", NULL, C_DATA, g_id},
    {"contact", NULL, C_DATA, g_contact},
    {"file", NULL, C_DATA, g_file},
    {"overall", "supply.col_overall", C_TEXT | C_DATA | C_RIGHT | C_LEVELS, g_overall},
    {"grade", "supply.col_grade", C_TEXT | C_DATA | C_LEVELS, g_grade},
    {"points", "supply.col_points", C_TEXT | C_DATA | C_RIGHT | C_POINTS, g_points},
    {"points_max", NULL, C_DATA | C_POINTS, g_points_max},
    {"readiness", "supply.col_readiness", C_TEXT | C_POINTS, g_readiness},
    {"stars", NULL, C_DATA | C_POINTS, g_stars},
    {"weakest", "supply.col_weakest", C_TEXT | C_LEVELS, g_weakest_text},
    {"weakest", "supply.col_weakest_part", C_TEXT | C_POINTS, g_weakest_text},
    {"weakest_directive", NULL, C_DATA, g_weakest},
    {"weakest_part", NULL, C_DATA | C_POINTS, g_weakest_part},
    {"weakest_label", NULL, C_DATA, g_weakest_label},
    {"weakest_score", NULL, C_DATA, g_weakest_score},
    {"weakest_part_points", NULL, C_DATA | C_POINTS, g_weakest_part_points},
    {"weakest_part_max", NULL, C_DATA | C_POINTS, g_weakest_part_max},
    {"unanswered", "supply.col_unanswered", C_TEXT | C_DATA | C_RIGHT, g_unanswered},
    {"unknown", "supply.col_unknown", C_TEXT | C_DATA | C_RIGHT | C_POINTS, g_unknown},
    {"items", NULL, C_DATA, g_items},
    {"assessed_on", "supply.col_assessed", C_TEXT | C_DATA, g_assessed},
    {"stale", NULL, C_DATA, g_stale},
    {"on_roster", NULL, C_DATA, g_on_roster},
    {"error", NULL, C_CSV, g_error}, /* JSON: the "failed" list */
};
#define NCOLS (sizeof COLUMNS / sizeof COLUMNS[0])

/* A cell as text (text table, CSV). */
static const char *cell_text(sctx *c, const sval *v, char *buf, size_t size)
{
	switch (v->kind) {
	case V_TEXT:
		return v->text ? v->text : "";
	case V_NUM:
		csm__format_number(buf, v->num);
		return buf;
	case V_INT:
		snprintf(buf, size, "%lld", v->i);
		return buf;
	case V_BOOL:
		return v->i ? (c->mode == M_CSV ? "yes" : "true") : (c->mode == M_CSV ? "no" : "false");
	default:
		return "";
	}
}

/* ---- CSV ----------------------------------------------------------------- */

/* 1 if column `k` is in the CSV of a report with (`points` 1) or without rows in points. */
static int csv_has(size_t k, int points)
{
	return (COLUMNS[k].where & C_CSV) && (points || !(COLUMNS[k].where & C_POINTS));
}

static void csv_line(csm__buf *o, sctx *c, const srow *r, int points)
{
	size_t k;
	char buf[48];
	for (k = 0; k < NCOLS; k++) {
		sval v = {0};
		if (!csv_has(k, points))
			continue;
		if (k)
			csm__buf_puts(o, ",");
		COLUMNS[k].get(&v, c, r);
		if (v.kind == V_NUM) /* exact, written as the JSON and the portfolio CSV write numbers */
			csm__buf_number(o, v.num);
		else
			csm__buf_csv(o, cell_text(c, &v, buf, sizeof buf));
	}
	csm__buf_puts(o, "\r\n");
}

static void render_csv(csm__buf *o, const csm_supply *sp, sctx *c)
{
	size_t i, k;
	int first = 1, points = 0;
	for (i = 0; i < sp->n; i++)
		points |= sp->rows[i]->pub.has_points;
	csm__buf_puts(o, "\xEF\xBB\xBF"); /* so a spreadsheet reads UTF-8 */
	for (k = 0; k < NCOLS; k++) {
		if (!csv_has(k, points))
			continue;
		csm__buf_printf(o, "%s%s", first ? "" : ",", COLUMNS[k].key);
		first = 0;
	}
	csm__buf_puts(o, "\r\n");
	for (i = 0; i < sp->n; i++)
		csv_line(o, c, sp->rows[i], points);
	for (i = 0; i < sp->nroster; i++)
		if (!sp->roster[i].matched)
			csv_line(o, c, &sp->roster[i].row, points);
	for (i = 0; i < sp->nfailed; i++)
		csv_line(o, c, sp->failed[i], points);
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_row(csm__buf *o, sctx *c, const srow *r)
{
	size_t k;
	int first = 1;
	char buf[48];
	csm__buf_puts(o, "{");
	for (k = 0; k < NCOLS; k++) {
		sval v = {0};
		if (!(COLUMNS[k].where & C_JSON))
			continue;
		COLUMNS[k].get(&v, c, r);
		if (v.kind == V_NONE || (v.kind == V_TEXT && !v.text[0]))
			continue; /* members without a value are left out */
		csm__buf_printf(o, "%s", first ? "" : ",");
		first = 0;
		csm__buf_json_string(o, COLUMNS[k].key);
		csm__buf_puts(o, ":");
		if (v.kind == V_TEXT)
			csm__buf_json_string(o, v.text);
		else if (v.kind == V_NUM)
			csm__buf_number(o, v.num);
		else
			csm__buf_puts(o, cell_text(c, &v, buf, sizeof buf));
	}
	csm__buf_puts(o, "}");
}

static void render_json(csm__buf *o, const csm_supply *sp, sctx *c)
{
	size_t i, j, k;
	csm__buf_puts(o, "{\"format\":\"csm-supply/1\",\"today\":");
	csm__buf_json_string(o, sp->today_text);
	csm__buf_printf(o, ",\"lang\":\"%s\",\"order\":\"risk\",\"questionnaires\":[", csm__msg("common.lang_code", c->lang));
	for (i = 0; i < sp->n; i = j) {
		const srow *r = sp->rows[i];
		for (j = i; j < sp->n && sp->rows[j]->q == r->q; j++)
			;
		csm__buf_puts(o, i ? ",{\"id\":" : "{\"id\":");
		csm__buf_json_string(o, r->pub.questionnaire);
		csm__buf_puts(o, ",\"title\":");
		csm__buf_json_string(o, csm_questionnaire_title(r->q, c->lang));
		csm__buf_puts(o, ",\"suppliers\":[");
		for (k = i; k < j; k++) {
			if (k > i)
				csm__buf_puts(o, ",");
			json_row(o, c, sp->rows[k]);
		}
		csm__buf_puts(o, "]}");
	}
	csm__buf_printf(o, "],\"roster\":%s,\"not_answered\":[", sp->has_roster ? "true" : "false");
	for (i = 0, k = 0; i < sp->nroster; i++)
		if (!sp->roster[i].matched) {
			if (k++)
				csm__buf_puts(o, ",");
			json_row(o, c, &sp->roster[i].row);
		}
	csm__buf_puts(o, "],\"not_on_roster\":[");
	for (i = 0, k = 0; sp->has_roster && i < sp->n; i++)
		if (!sp->rows[i]->pub.on_roster) {
			csm__buf_puts(o, k++ ? ",{\"file\":" : "{\"file\":");
			csm__buf_json_string(o, sp->rows[i]->pub.file);
			csm__buf_puts(o, ",\"supplier\":");
			csm__buf_json_string(o, sp->rows[i]->pub.supplier);
			csm__buf_puts(o, "}");
		}
	csm__buf_puts(o, "],\"failed\":[");
	for (i = 0; i < sp->nfailed; i++) {
		csm__buf_puts(o, i ? ",{\"file\":" : "{\"file\":");
		csm__buf_json_string(o, sp->failed[i]->pub.file);
		csm__buf_puts(o, ",\"error\":");
		csm__buf_json_string(o, sp->failed[i]->pub.error);
		csm__buf_puts(o, "}");
	}
	csm__buf_puts(o, "]}");
}

/* ---- the report's parts, in order (text and PDF) --------------------------- */

/* A line of words, made from a message and its arguments. */
static void emit_line(const csm__supply_sink *sink, sctx *c, int kind, const char *key, ...)
{
	csm__buf b = {0};
	va_list ap;
	va_start(ap, key);
	csm__buf_vmsgf(&b, csm__msg(key, c->lang), ap);
	va_end(ap);
	if (b.nomem)
		c->tmp.nomem = 1; /* reported at the end */
	sink->line(sink->ctx, kind, b.s ? b.s : "");
	csm__buf_free(&b);
}

/* A list entry "A: B" (B may be empty), control characters escaped. */
static int emit_item(const csm__supply_sink *sink, const char *a, const char *b)
{
	csm__buf e = {0};
	csm__buf_escaped(&e, a);
	if (b && b[0]) {
		csm__buf_puts(&e, ": ");
		csm__buf_escaped(&e, b);
	}
	if (e.nomem) {
		csm__buf_free(&e);
		return csm__nomem();
	}
	sink->line(sink->ctx, CSM__SUPPLY_ITEM, e.s ? e.s : "");
	csm__buf_free(&e);
	return 0;
}

/* The table of rows [from, to) of one questionnaire: the C_TEXT columns. */
static int emit_table(const csm__supply_sink *sink, const csm_supply *sp, sctx *c, size_t from, size_t to)
{
	const char *heads[NCOLS];
	unsigned right[NCOLS];
	size_t ncols = 0, i, k, ncell;
	char **cells;
	char buf[48];
	int rc = 0;
	unsigned skip = sp->rows[from]->pub.has_points ? C_LEVELS : C_POINTS; /* a group is all one or the other */
	for (k = 0; k < NCOLS; k++)
		if ((COLUMNS[k].where & C_TEXT) && !(COLUMNS[k].where & skip)) {
			heads[ncols] = csm__msg(COLUMNS[k].label, c->lang);
			right[ncols++] = (COLUMNS[k].where & C_RIGHT) != 0;
		}
	ncell = (to - from) * ncols;
	if (!(cells = calloc(ncell ? ncell : 1, sizeof *cells)))
		return csm__nomem();
	for (i = from; i < to && !rc; i++) {
		size_t col = 0;
		for (k = 0; k < NCOLS && !rc; k++) {
			sval v = {0};
			csm__buf e = {0};
			if (!(COLUMNS[k].where & C_TEXT) || (COLUMNS[k].where & skip))
				continue;
			COLUMNS[k].get(&v, c, sp->rows[i]);
			/* text from the files is shown with its control characters escaped */
			csm__buf_escaped(&e, cell_text(c, &v, buf, sizeof buf));
			rc = csm__buf_finish(&e, &cells[(i - from) * ncols + col++]);
		}
	}
	if (!rc)
		rc = sink->table(sink->ctx, ncols, heads, right, to - from, (const char *const *)cells);
	for (k = 0; k < ncell; k++)
		free(cells[k]);
	free(cells);
	return rc;
}

int csm__supply_emit(const csm_supply *sp, csm_lang lang, const csm__supply_sink *sink)
{
	sctx c;
	size_t i, j, missing = csm_supply_missing_count(sp), off_roster = 0, groups = 0;
	int rc = 0, stale = 0, levels = 0, points = 0;

	memset(&c, 0, sizeof c);
	c.lang = lang;
	c.mode = M_TEXT;
	for (i = 0; i < sp->n; i++) {
		points |= sp->rows[i]->pub.has_points;
		levels |= !sp->rows[i]->pub.has_points;
		off_roster += sp->rows[i]->pub.on_roster == 0;
		stale |= sp->rows[i]->pub.stale;
		groups += i == 0 || sp->rows[i]->q != sp->rows[i - 1]->q;
	}
	emit_line(sink, &c, CSM__SUPPLY_TITLE, "supply.title", sp->today_text);
	emit_line(sink, &c, CSM__SUPPLY_NOTE, "supply.summary", sp->n, sp->nfailed);
	if (sp->has_roster)
		emit_line(sink, &c, CSM__SUPPLY_NOTE, "supply.summary_roster", sp->nroster, missing);
	if (levels || !points) /* the order of each kind of questionnaire the report holds */
		emit_line(sink, &c, CSM__SUPPLY_NOTE, "supply.order");
	if (points)
		emit_line(sink, &c, CSM__SUPPLY_NOTE, "supply.order_points");
	if (groups > 1)
		emit_line(sink, &c, CSM__SUPPLY_NOTE, "supply.mixed");
	for (i = 0; i < sp->n && !rc; i = j) {
		const srow *r = sp->rows[i];
		for (j = i; j < sp->n && sp->rows[j]->q == r->q; j++)
			;
		emit_line(sink, &c, CSM__SUPPLY_HEADING, "supply.group", r->pub.questionnaire,
		          csm_questionnaire_title(r->q, lang), j - i);
		rc = emit_table(sink, sp, &c, i, j);
	}
	if (!rc && stale)
		emit_line(sink, &c, CSM__SUPPLY_FOOTNOTE, "supply.stale_note");
	if (!rc && missing) {
		emit_line(sink, &c, CSM__SUPPLY_HEADING, "supply.not_answered", missing);
		for (i = 0; i < sp->nroster && !rc; i++)
			if (!sp->roster[i].matched) {
				const csm_supply_row *p = &sp->roster[i].row.pub;
				csm__buf e = {0};
				csm__buf_printf(&e, "%s%s%s", p->roster_id, p->roster_id[0] && p->contact[0] ? ", " : "", p->contact);
				rc = e.nomem ? csm__nomem() : emit_item(sink, p->supplier, e.s);
				csm__buf_free(&e);
			}
	}
	if (!rc && off_roster) {
		emit_line(sink, &c, CSM__SUPPLY_HEADING, "supply.not_on_roster", off_roster);
		for (i = 0; i < sp->n && !rc; i++)
			if (sp->rows[i]->pub.on_roster == 0)
				rc = emit_item(sink, sp->rows[i]->pub.file, sp->rows[i]->pub.supplier);
	}
	if (!rc && sp->nfailed) {
		emit_line(sink, &c, CSM__SUPPLY_HEADING, "supply.failed", sp->nfailed);
		for (i = 0; i < sp->nfailed && !rc; i++) {
			/* the message names the file already: show it once */
			const csm_supply_row *p = &sp->failed[i]->pub;
			size_t fl = strlen(p->file);
			int named = strncmp(p->error, p->file, fl) == 0 && p->error[fl] == ':';
			rc = emit_item(sink, named ? p->error : p->file, named ? NULL : p->error);
		}
	}
	csm__buf_free(&c.tmp);
	return rc ? rc : c.tmp.nomem ? csm__nomem() : 0;
}

/* ---- text ---------------------------------------------------------------- */

static void text_line(void *ctx, int kind, const char *text)
{
	csm__buf *o = ctx;
	if (kind == CSM__SUPPLY_HEADING || kind == CSM__SUPPLY_FOOTNOTE)
		csm__buf_puts(o, "\n");
	csm__buf_puts(o, kind == CSM__SUPPLY_ITEM ? "  - " : "");
	csm__buf_puts(o, text);
	csm__buf_puts(o, "\n");
}

/* Columns aligned by display width, two spaces apart, none at a line's end. */
static int text_table(void *ctx, size_t ncols, const char *const *heads, const unsigned *right, size_t nrows,
                      const char *const *cells)
{
	csm__buf *o = ctx;
	size_t width[NCOLS] = {0}, i, k;
	for (k = 0; k < ncols; k++)
		width[k] = csm__display_width(heads[k]);
	for (i = 0; i < nrows; i++)
		for (k = 0; k < ncols; k++)
			if (csm__display_width(cells[i * ncols + k]) > width[k])
				width[k] = csm__display_width(cells[i * ncols + k]);
	for (i = 0; i <= nrows; i++) {
		csm__buf_puts(o, " ");
		for (k = 0; k < ncols; k++) {
			const char *t = i == 0 ? heads[k] : cells[(i - 1) * ncols + k];
			size_t w = csm__display_width(t);
			csm__buf_puts(o, k ? "  " : " ");
			if (right[k])
				csm__buf_pad(o, w, width[k]);
			csm__buf_puts(o, t);
			if (!right[k] && k + 1 < ncols)
				csm__buf_pad(o, w, width[k]);
		}
		while (o->len && o->s[o->len - 1] == ' ')
			o->s[--o->len] = '\0';
		csm__buf_puts(o, "\n");
	}
	return 0;
}

int csm_supply_render(char **out, const csm_supply *sp, csm_supply_format fmt, csm_lang lang)
{
	CSM__ARGS(out && sp && CSM__LANG_OK(lang) && fmt >= CSM_SUPPLY_TEXT && fmt <= CSM_SUPPLY_JSON);
	csm__buf o = {0};
	sctx c;
	int rc = 0;
	*out = NULL;
	memset(&c, 0, sizeof c);
	c.lang = lang;
	c.mode = fmt == CSM_SUPPLY_TEXT ? M_TEXT : fmt == CSM_SUPPLY_CSV ? M_CSV : M_JSON;
	if (fmt == CSM_SUPPLY_CSV)
		render_csv(&o, sp, &c);
	else if (fmt == CSM_SUPPLY_JSON)
		render_json(&o, sp, &c);
	else {
		csm__supply_sink sink = {&o, text_line, text_table};
		rc = csm__supply_emit(sp, lang, &sink);
	}
	csm__buf_free(&c.tmp);
	if (rc || c.tmp.nomem) {
		csm__buf_free(&o);
		return rc ? rc : csm__nomem();
	}
	return csm__buf_finish(&o, out);
}
