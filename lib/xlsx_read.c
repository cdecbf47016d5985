/* The offline workbook (format csm-xlsx/1) read back: the defined names the
 * writer (xlsx_write.c) made lead to the cells, which become an answers file
 * (csm-answers/1).
 *
 * Reading treats the file as untrusted: every part is streamed (ooxml.c)
 * with a size cap and no DTD, only the cells the names point to are kept,
 * every cell reference is bounds-checked and every text is length-capped.
 * Of the sheets and shared strings only the cells and strings that the
 * defined names below point to are kept, so memory follows the cells the
 * importer reads, not the cells (or elements) the file has. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "answers.h"
#include "error.h"
#include "industries.h"
#include "json.h"
#include "ooxml.h"
#include "questionnaire.h"
#include "util.h"
#include "xlsx_form.h"

#define RANGE_ROWS_MAX 4000u /* rows of one defined name */
#define SHEETS_MAX 256u
#define NAMES_MAX 10000u
#define DN_VALUE_MAX 1024u /* a defined name's formula, kept */
#define DN_NAME_MAX 255u   /* Excel's limit for a name */
#define SHEET_NAME_MAX 1024u

/* The defined names the importer reads: one cell each, then one column each. */
static const char *const SINGLE_NAMES[] = {CSM__XN_FORMAT,    CSM__XN_QUESTIONNAIRE, CSM__XN_ORG_NAME,
                                           CSM__XN_ORG_INDUSTRY, CSM__XN_ORG_SCOPE,  CSM__XN_ORG_SIZE,
                                           CSM__XN_ASSESSED_ON};
static const char *const COLUMN_NAMES[] = {CSM__XN_ASSESSOR_NAMES, CSM__XN_ASSESSOR_ROLES, CSM__XN_GATE_IDS,
                                           CSM__XN_GATE_ANSWERS,   CSM__XN_ITEM_IDS,       CSM__XN_LEVELS,
                                           CSM__XN_EVIDENCE,       CSM__XN_NOTES,
                                           CSM__XN_CHOICE_IDS,     CSM__XN_CHOICE_LABELS};

typedef enum ctype { T_NUM, T_S, T_INLINE, T_STR, T_BOOL, T_ERR } ctype;

/* A cell the importer reads, as the sheet gives it. */
typedef struct xcell {
	unsigned char present, type, has_is, has_f; /* has_f: it has a formula */
	csm__ctext v;  /* the text of its <v> */
	csm__ctext is; /* the text of its <is>, Excel's escapes undone */
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

/* A shared string the importer reads. */
typedef struct sstr {
	uint32_t idx;
	int done;
	csm__ctext t;
} sstr;

typedef struct ictx {
	csm__ooxml pkg; /* the archive, and what has been read from it */
	/* the defined names read: one cell each, then one column each */
	const char *const *singles, *const *columns;
	size_t nsingles, ncolumns;
	int date1904;
	sheet *sheets;
	size_t nsheets;
	char **dn_name, **dn_value;
	size_t ndn;
	char *sst_part;  /* the shared strings part */
	int sst_state;   /* 0 not read, 1 read (nsi known), -1 refused */
	int sst_counted; /* its bytes are in pkg.total */
	size_t nsi;      /* <si> elements in it */
	sstr *ss; /* the shared strings read, by index */
	size_t nss, ss_cap;
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
	csm__xlsx_col_letters(letters, at.col);
	snprintf(buf, size, "%s!%s%u", at.sh ? at.sh->name : "?", letters, at.row + 1);
	return buf;
}

static char *dup_or_nomem(ictx *x, const char *s)
{
	char *d = csm__strdup(s ? s : "");
	if (!d)
		x->pkg.nomem = 1;
	return d;
}

/* Trim `s` in place (ASCII white space and the ideographic space U+3000). */
static char *trim(char *s)
{
	size_t n;
	for (;;) {
		if (csm__is_space((unsigned char)*s))
			s++;
		else if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n && csm__is_space((unsigned char)s[n - 1]))
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
	if (!nl || nl > 3 || c > CSM__XLSX_COL_MAX)
		return 0;
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9' && nd < 8; p++, nd++)
		r = r * 10 + (uint32_t)(*p - '0');
	if (!nd || nd > 7 || r < 1 || r > CSM__XLSX_ROW_MAX)
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
	csm__ctext_free(&c->v);
	csm__ctext_free(&c->is);
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
	csm__rtext rt;
} sheet_ctx;

static void sheet_row(csm__xpart *p, sheet_ctx *c, const xmlChar **a, int na)
{
	char rs[32];
	int cut = 0;
	if (csm__ooxml_attr(a, na, "r", NULL, NULL, rs, sizeof rs, &cut)) {
		double d;
		if (cut || !parse_number(rs, &d) || d < 1 || d > CSM__XLSX_ROW_MAX || d != floor(d)) {
			csm__problem(p->pkg->p, "%s: sheet \"%s\": row number \"%.20s\" is out of range", p->pkg->name, c->sh->name,
			             rs);
			csm__ooxml_stop(p, CSM_EINVALID);
			return;
		}
		c->row = (uint32_t)d - 1;
	} else if (c->have_row) {
		c->row++;
	}
	c->have_row = 1;
	c->col = 0;
}

static void sheet_cell(csm__xpart *p, sheet_ctx *c, const xmlChar **a, int na)
{
	static const char *const types[] = {"n", "s", "inlineStr", "str", "b", "e", "d"};
	static const unsigned char kinds[] = {T_NUM, T_S, T_INLINE, T_STR, T_BOOL, T_ERR, T_STR};
	sheet *sh = c->sh;
	char ref[32], t[16];
	int cut = 0;
	uint32_t rr = c->row, cc = c->col;
	uint64_t key, *hit;

	if (csm__ooxml_attr(a, na, "r", NULL, NULL, ref, sizeof ref, &cut) &&
	    (parse_ref(ref, &rr, &cc) != strlen(ref) || strchr(ref, '$') || cut)) {
		csm__problem(p->pkg->p, "%s: sheet \"%s\": \"%.20s\" is not a cell reference", p->pkg->name, sh->name, ref);
		csm__ooxml_stop(p, CSM_EINVALID);
		return;
	}
	if (rr >= CSM__XLSX_ROW_MAX || cc >= CSM__XLSX_COL_MAX) {
		csm__problem(p->pkg->p, "%s: sheet \"%s\": a cell lies outside the sheet", p->pkg->name, sh->name);
		csm__ooxml_stop(p, CSM_EINVALID);
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
	if (csm__ooxml_attr(a, na, "t", NULL, NULL, t, sizeof t, &cut) && !cut) {
		size_t i;
		for (i = 0; i < sizeof types / sizeof *types; i++)
			if (strcmp(t, types[i]) == 0)
				c->cur->type = kinds[i];
	}
}

static void sheet_start(csm__xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	sheet_ctx *c = p->user;
	int d = p->depth;
	if (c->rt.out) {
		csm__rt_start(&c->rt, d, local, ns);
		return;
	}
	if (d != c->chain + 1 || ns != CSM__NS_MAIN)
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
		csm__ctext_free(&c->cur->v); /* the last <v> counts */
		c->cur->v.kept = &p->pkg->kept;
		c->in_v = 1;
	} else if (d == 5 && c->cur && strcmp(local, "f") == 0) {
		c->cur->has_f = 1;
		return;
	} else if (d == 5 && c->cur && strcmp(local, "is") == 0) {
		c->cur->has_is = 1;
		csm__rt_begin(&c->rt, d, &c->cur->is, &p->pkg->kept); /* the last <is> counts */
	} else {
		return;
	}
	c->chain = d;
}

static void sheet_end(csm__xpart *p, int ns)
{
	sheet_ctx *c = p->user;
	int d = p->depth;
	(void)ns;
	if (c->rt.out) {
		if (csm__rt_end(&c->rt, d))
			c->chain = d - 1;
		csm__ooxml_kept_check(p, &c->cur->is);
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

static void sheet_text(csm__xpart *p, const char *s, size_t n)
{
	sheet_ctx *c = p->user;
	if (c->in_v) {
		csm__ctext_add(&c->cur->v, s, n, CSM__KEEP_MAX);
		csm__ooxml_kept_check(p, &c->cur->v);
	} else if (c->rt.out) {
		csm__rt_text(&c->rt, p->depth, s, n);
		csm__ooxml_kept_check(p, &c->cur->is);
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
	for (i = 0; i < x->nsingles && !rc; i++)
		if ((v = dn_find(x, x->singles[i])) && parse_area(x, v, &a) && a.sh == sh)
			rc = want_add(sh, &cap, a.r1, a.c1);
	for (i = 0; i < x->ncolumns && !rc; i++) {
		uint32_t r;
		if (!(v = dn_find(x, x->columns[i])) || !parse_area(x, v, &a) || a.sh != sh || a.c1 != a.c2 ||
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
		x->pkg.nomem = 1;
	}
	return rc;
}

/* Read sheet `sh` (once), keeping the cells the importer reads. */
static int load_sheet(ictx *x, sheet *sh)
{
	sheet_ctx c;
	csm__xpart p;
	size_t i;
	int rc;

	if (sh->state)
		return sh->state > 0 ? 0 : CSM_EINVALID;
	sh->state = -1;
	if (!sh->part) {
		csm__problem(x->pkg.p, "%s: sheet \"%s\" has no part in the workbook's relationships", x->pkg.name, sh->name);
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
	if ((rc = csm__ooxml_parse_part(&x->pkg, sh->part, &p, 1))) {
		if (rc == CSM_ENOTFOUND)
			csm__problem(x->pkg.p, "%s: sheet \"%s\": part %s is missing", x->pkg.name, sh->name, sh->part);
		return rc == CSM_ENOMEM ? rc : CSM_EINVALID;
	}
	if (!c.root_ok || !c.data) {
		csm__problem(x->pkg.p, "%s: sheet \"%s\" is not a worksheet", x->pkg.name, sh->name);
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
	csm__rtext rt;
} sst_ctx;

static void sst_start(csm__xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	sst_ctx *c = p->user;
	ictx *x = c->x;
	(void)a;
	(void)na;
	if (c->rt.out) {
		csm__rt_start(&c->rt, p->depth, local, ns);
		return;
	}
	if (p->depth != 2 || ns != CSM__NS_MAIN || strcmp(local, "si") != 0)
		return;
	while (c->k < x->nss && x->ss[c->k].idx < c->nsi)
		c->k++;
	if (c->k < x->nss && x->ss[c->k].idx == c->nsi && !x->ss[c->k].done)
		csm__rt_begin(&c->rt, p->depth, &x->ss[c->k].t, &x->pkg.kept);
	c->nsi++;
}

static void sst_end(csm__xpart *p, int ns)
{
	sst_ctx *c = p->user;
	csm__ctext *t = c->rt.out;
	(void)ns;
	if (t) {
		csm__rt_end(&c->rt, p->depth);
		csm__ooxml_kept_check(p, t);
	}
}

static void sst_text(csm__xpart *p, const char *s, size_t n)
{
	sst_ctx *c = p->user;
	if (c->rt.out) {
		csm__rt_text(&c->rt, p->depth, s, n);
		csm__ooxml_kept_check(p, c->rt.out);
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
	csm__xpart p;
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
					x->pkg.nomem = 1;
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
	rc = csm__ooxml_parse_part(&x->pkg, x->sst_part, &p, !x->sst_counted);
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
	csm__problems quiet = {0}, *keep = x->pkg.p;
	size_t i, n1 = x->nsingles, n2 = x->ncolumns;
	int rc = 0;
	x->pkg.p = &quiet;
	for (i = 0; i < n1 + n2 && rc != CSM_ENOMEM; i++) {
		const char *v = dn_find(x, i < n1 ? x->singles[i] : x->columns[i - n1]);
		size_t kept = x->pkg.kept;
		area a;
		if (!v || !parse_area(x, v, &a) || a.sh->state != 0 || a.sh->read_ahead)
			continue;
		a.sh->read_ahead = 1;
		if ((rc = load_sheet(x, a.sh)) && rc != CSM_ENOMEM) {
			sheet_reset(a.sh);
			x->pkg.kept = kept;
		}
	}
	x->pkg.p = keep;
	free(quiet.text);
	return rc == CSM_ENOMEM ? rc : 0;
}

/* The text of shared string `idx` into *out, or NULL if there is no such string. */
static int sst_get(ictx *x, uint32_t idx, const csm__ctext **out)
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

/* The text `lit` of a value of kind v->kind, copied, trimmed and cut at
 * `max` bytes (toolong set; also if `over`, the text was cut when read).
 * An empty text is an empty value; an empty error value is "#ERROR". */
static int value_text(ictx *x, value *v, const char *lit, int over, size_t max)
{
	char *s;

	if (!(v->s = csm__strdup(lit ? lit : ""))) {
		x->pkg.nomem = 1;
		return CSM_ENOMEM;
	}
	s = trim(v->s);
	if (!s[0]) {
		free(v->s);
		v->s = NULL;
		if (v->kind == V_ERR && !(v->s = csm__strdup("#ERROR"))) {
			x->pkg.nomem = 1;
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

/* The value of the cell at `at`; texts are cut at `max` bytes (toolong set).
 * Every text is copied before it is trimmed: an empty one is no exception. */
static int cell_value(ictx *x, place at, size_t max, value *v)
{
	const xcell *c = find_cell(at.sh, at.row, at.col);
	const csm__ctext *src = NULL;
	const char *lit = NULL;
	char vtext[64], buf[48];
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
			csm__problem(x->pkg.p, "%s: %s: shared string \"%.20s\" does not exist", x->pkg.name,
			             where(buf, sizeof buf, at), vtext);
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
			csm__problem(x->pkg.p, "%s: %s: \"%.20s\" is not a number", x->pkg.name, where(buf, sizeof buf, at), vtext);
			return CSM_EINVALID;
		}
		v->kind = V_NUM;
		return 0;
	}
	if (src) {
		lit = src->b.s ? src->b.s : "";
		over = src->over;
	}
	return value_text(x, v, lit, over, max);
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
			x->pkg.nomem = 1;
			return NULL;
		}
		v->kind = V_STR;
	}
	if (v->kind == V_ERR) {
		csm__problem(x->pkg.p, "%s: %s%s%s%s: %s is an error value (%s), not a text", x->pkg.name,
		             where(buf, sizeof buf, at), item ? " (item " : "", item ? item : "", item ? ")" : "", what,
		             shown(sb, sizeof sb, v));
		return NULL;
	}
	if (v->kind != V_STR)
		return NULL;
	if (v->toolong) {
		csm__problem(x->pkg.p, "%s: %s%s%s%s: %s is too long (the limit is %zu bytes)", x->pkg.name,
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
	while (csm__is_space((unsigned char)*s))
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
	while (csm__is_space((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* The area of defined name `name`; 0 and a problem if it is missing or not
 * cells of this workbook (1 if `column`: a single column). `name` must be one
 * of x->singles (column 0) or x->columns (column 1): only their cells are
 * kept when the sheet is read. */
static int named(ictx *x, const char *name, int column, area *out)
{
	const char *v = dn_find(x, name);
	if (!v) {
		csm__problem(x->pkg.p,
		             "%s: not a csm workbook, or it was changed too much (no defined name %s): make it with "
		             "'csm template --format xlsx'",
		             x->pkg.name, name);
		return 0;
	}
	if (!parse_area(x, v, out)) {
		csm__problem(x->pkg.p, "%s: defined name %s (\"%.60s\") does not point to cells of this workbook", x->pkg.name,
		             name, v);
		return 0;
	}
	if (column && (out->c1 != out->c2 || out->r2 - out->r1 >= RANGE_ROWS_MAX)) {
		csm__problem(x->pkg.p, "%s: defined name %s (\"%.60s\") is not one column of at most %u rows", x->pkg.name,
		             name, v, RANGE_ROWS_MAX);
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
	ictx *x;
	int root_ok;
	int in;     /* 1 in <sheets>, 2 in <definedNames> */
	int in_dn;  /* in a <definedName> that is kept */
	csm__ctext dn;   /* its formula */
	char dn_name[DN_NAME_MAX + 1];
} wb_ctx;

static void wb_sheet(csm__xpart *p, const xmlChar **a, int na)
{
	ictx *x = ((wb_ctx *)p->user)->x;
	char name[SHEET_NAME_MAX + 1], rid[256];
	int cut = 0, has_rid;
	sheet *sh;
	if (x->nsheets == SHEETS_MAX) {
		csm__problem(x->pkg.p, "%s: more than %u sheets", x->pkg.name, SHEETS_MAX);
		csm__ooxml_stop(p, CSM_EINVALID);
		return;
	}
	if (!x->sheets && !(x->sheets = calloc(SHEETS_MAX, sizeof *x->sheets))) {
		csm__ooxml_stop(p, CSM_ENOMEM);
		return;
	}
	if (!csm__ooxml_attr(a, na, "name", NULL, NULL, name, sizeof name, &cut))
		name[0] = '\0';
	has_rid = csm__ooxml_attr(a, na, "id", CSM__NS_REL, CSM__NS_REL_STRICT, rid, sizeof rid, &cut) && !cut;
	sh = &x->sheets[x->nsheets++];
	sh->name = dup_or_nomem(x, name);
	if (has_rid)
		sh->rid = dup_or_nomem(x, rid);
	if (x->pkg.nomem)
		csm__ooxml_stop(p, CSM_ENOMEM);
}

static void wb_start(csm__xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	wb_ctx *c = p->user;
	ictx *x = c->x;
	int d = p->depth;
	if (ns != CSM__NS_MAIN || (d > 1 && !c->root_ok))
		return;
	if (d == 1) {
		c->root_ok = strcmp(local, "workbook") == 0;
	} else if (d == 2) {
		c->in = strcmp(local, "sheets") == 0 ? 1 : strcmp(local, "definedNames") == 0 ? 2 : 0;
		if (strcmp(local, "workbookPr") == 0) {
			char v[16];
			int cut = 0;
			x->date1904 = csm__ooxml_attr(a, na, "date1904", NULL, NULL, v, sizeof v, &cut) &&
			              (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		}
	} else if (d == 3 && c->in == 1 && strcmp(local, "sheet") == 0) {
		wb_sheet(p, a, na);
	} else if (d == 3 && c->in == 2 && strcmp(local, "definedName") == 0) {
		char local_id[16];
		int cut = 0;
		/* Global names only (those of a sheet have localSheetId); a name
		 * longer than Excel allows is none the importer reads. */
		if (x->ndn < NAMES_MAX && !csm__ooxml_attr(a, na, "localSheetId", NULL, NULL, local_id, sizeof local_id, &cut) &&
		    csm__ooxml_attr(a, na, "name", NULL, NULL, c->dn_name, sizeof c->dn_name, &cut) && !cut) {
			c->in_dn = 1;
			csm__ctext_free(&c->dn);
		}
	}
}

static void wb_end(csm__xpart *p, int ns)
{
	wb_ctx *c = p->user;
	ictx *x = c->x;
	(void)ns;
	if (p->depth == 2)
		c->in = 0;
	if (p->depth != 3 || !c->in_dn)
		return;
	c->in_dn = 0;
	if (!x->dn_name &&
	    (!(x->dn_name = calloc(NAMES_MAX, sizeof *x->dn_name)) || !(x->dn_value = calloc(NAMES_MAX, sizeof *x->dn_value)))) {
		csm__ooxml_stop(p, CSM_ENOMEM);
		return;
	}
	/* A formula cut short gets a "…" that no area parses: it is refused as one. */
	if (c->dn.over)
		csm__buf_puts(&c->dn.b, "\xE2\x80\xA6");
	x->dn_name[x->ndn] = dup_or_nomem(x, c->dn_name);
	x->dn_value[x->ndn] = dup_or_nomem(x, c->dn.b.s);
	x->ndn++;
	if (c->dn.b.nomem || x->pkg.nomem)
		csm__ooxml_stop(p, CSM_ENOMEM);
	csm__ctext_free(&c->dn);
}

static void wb_text(csm__xpart *p, const char *s, size_t n)
{
	wb_ctx *c = p->user;
	if (c->in_dn)
		csm__ctext_add(&c->dn, s, n, DN_VALUE_MAX);
}

static int load_workbook(ictx *x)
{
	csm__rel *root_rels = NULL, *wb_rels = NULL;
	char *wb_part = NULL;
	const char *t;
	wb_ctx c;
	csm__xpart p;
	size_t i, k;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	c.x = x;
	if ((rc = csm__ooxml_load_rels(&x->pkg, "", &root_rels)))
		return rc;
	t = csm__ooxml_rel_by_type(root_rels, "officeDocument");
	wb_part = dup_or_nomem(x, t ? t : "xl/workbook.xml");
	csm__ooxml_free_rels(root_rels);
	if (!wb_part)
		return CSM_ENOMEM;
	p.start = wb_start;
	p.end = wb_end;
	p.text = wb_text;
	p.user = &c;
	rc = csm__ooxml_parse_part(&x->pkg, wb_part, &p, 1);
	csm__ctext_free(&c.dn);
	if (rc == CSM_ENOTFOUND)
		csm__problem(x->pkg.p, "%s: not an Excel workbook (the archive has no part %s)", x->pkg.name, wb_part);
	if (rc)
		goto done;
	if (!c.root_ok) {
		csm__problem(x->pkg.p, "%s: part %s is not a workbook", x->pkg.name, wb_part);
		rc = CSM_EINVALID;
		goto done;
	}
	if ((rc = csm__ooxml_load_rels(&x->pkg, wb_part, &wb_rels)))
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
	t = csm__ooxml_rel_by_type(wb_rels, "sharedStrings");
	x->sst_part = dup_or_nomem(x, t ? t : "xl/sharedStrings.xml");
done:
	if (x->pkg.nomem)
		rc = CSM_ENOMEM;
	csm__ooxml_free_rels(wb_rels);
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
		csm__ctext_free(&x->ss[i].t);
	free(x->ss);
	free(x->sst_part);
	csm__ooxml_close(&x->pkg);
}

/* ---- values of the form ------------------------------------------------------ */
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
	if (single(x, CSM__XN_ORG_NAME, CSM_MAX_NAME_BYTES, &v, &at)) {
		s = text_of(x, at, &v, "the name", CSM_MAX_NAME_BYTES, NULL);
		J(cJSON_AddStringToObject(org, "name", s ? s : ""));
	}
	value_free(&v);
	if (single(x, CSM__XN_ORG_INDUSTRY, CSM_MAX_NAME_BYTES, &v, &at) &&
	    (s = text_of(x, at, &v, "the industry", CSM_MAX_NAME_BYTES, NULL))) {
		/* an industry's or group's id or label, or an older list's id (resolved with a notice later) */
		const char *id = csm__industry_find(ind, s);
		if (!ind && csm__valid_id(s))
			id = s;
		if (id)
			J(cJSON_AddStringToObject(org, "industry", id));
		else
			csm__problem(x->pkg.p, "%s: %s: industry %s is not %s", x->pkg.name, where(buf, sizeof buf, at),
			             shown(sb, sizeof sb, &v),
			             ind ? "one of the industries of the list (see 'csm industries')" : "an industry id");
	}
	value_free(&v);
	if (single(x, CSM__XN_ORG_SCOPE, CSM_MAX_NAME_BYTES, &v, &at) && v.kind != V_EMPTY) {
		int k = v.kind == V_STR ? csm__xlsx_choice_of(csm__xlsx_scopes, 2, v.s) : -1;
		if (k >= 0)
			J(cJSON_AddStringToObject(org, "scope", csm__xlsx_scopes[k][0]));
		else
			csm__problem(x->pkg.p, "%s: %s: scope must be entity (単体) or group (グループ), not %s", x->pkg.name,
			             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	if (single(x, CSM__XN_ORG_SIZE, CSM_MAX_NAME_BYTES, &v, &at) && v.kind != V_EMPTY) {
		int k = v.kind == V_STR ? csm__xlsx_choice_of(csm__xlsx_sizes, 3, v.s) : -1;
		if (k >= 0)
			J(cJSON_AddStringToObject(org, "size", csm__xlsx_sizes[k][0]));
		else
			csm__problem(x->pkg.p, "%s: %s: size must be small, medium or large (小規模, 中規模, 大規模), not %s",
			             x->pkg.name, where(buf, sizeof buf, at), shown(sb, sizeof sb, &v));
	}
	value_free(&v);
	if (single(x, CSM__XN_ASSESSED_ON, CSM_MAX_NAME_BYTES, &v, &at)) {
		char date[32];
		if (v.kind == V_EMPTY)
			J(cJSON_AddNullToObject(root, "assessed_on"));
		else if (date_of(x, &v, date))
			J(cJSON_AddStringToObject(root, "assessed_on", date));
		else
			csm__problem(x->pkg.p, "%s: %s: the date of the assessment must be a date YYYY-MM-DD, not %s", x->pkg.name,
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
		csm__problem(x->pkg.p, "%s: defined names %s and %s cover different numbers of rows", x->pkg.name, n1, n2);
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
	if (!paired(x, CSM__XN_ASSESSOR_NAMES, CSM__XN_ASSESSOR_ROLES, &an, &ar)) {
		*ok_ = ok;
		return;
	}
	for (k = 0; ok && k <= an.r2 - an.r1 && !x->pkg.nomem; k++) {
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
					csm__problem(x->pkg.p, "%s: more than %u assessors", x->pkg.name, CSM_MAX_ASSESSORS);
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

	if (!dn_find(x, CSM__XN_GATE_IDS) && !dn_find(x, CSM__XN_GATE_ANSWERS))
		return; /* a questionnaire without gates */
	J(gates = cJSON_AddObjectToObject(root, "gates"));
	if (!paired(x, CSM__XN_GATE_IDS, CSM__XN_GATE_ANSWERS, &ai, &aa)) {
		*ok_ = ok;
		return;
	}
	for (k = 0; ok && k <= ai.r2 - ai.r1 && !x->pkg.nomem; k++) {
		value vi, va;
		place pi = at_row(&ai, k), pa = at_row(&aa, k);
		const char *id = NULL;
		if (cell_value(x, pi, CSM_MAX_NAME_BYTES, &vi) == 0)
			id = text_of(x, pi, &vi, "the gate id", CSM_MAX_NAME_BYTES, NULL);
		if (cell_value(x, pa, CSM_MAX_NAME_BYTES, &va) == 0) {
			int yn = va.kind == V_STR ? csm__xlsx_choice_of(csm__xlsx_yesno, 2, va.s) : va.kind == V_EMPTY ? 2 : -1;
			if (!id && va.kind != V_EMPTY)
				csm__problem(x->pkg.p, "%s: %s: an answer in a row without a gate id", x->pkg.name,
				             where(buf, sizeof buf, pa));
			else if (id && !csm__valid_id(id))
				csm__problem(x->pkg.p, "%s: %s: \"%.40s\" is not a gate id", x->pkg.name, where(buf, sizeof buf, pi),
				             id);
			else if (id && cJSON_GetObjectItemCaseSensitive(gates, id))
				csm__problem(x->pkg.p, "%s: %s: gate %s appears twice", x->pkg.name, where(buf, sizeof buf, pi), id);
			else if (id && yn < 0)
				csm__problem(x->pkg.p, "%s: %s (gate %s): the answer must be yes or no (はい, いいえ), not %s", x->pkg.name,
				             where(buf, sizeof buf, pa), id, shown(sb, sizeof sb, &va));
			else if (id && yn == 2)
				J(cJSON_AddNullToObject(gates, id));
			else if (id)
				J(cJSON_AddStringToObject(gates, id, csm__xlsx_yesno[yn][0]));
		}
		value_free(&vi);
		value_free(&va);
	}
	*ok_ = ok;
}

/* Answer `id` into `answers`: its level (or choice id), or an object with
 * the level, the evidence and the note. */
static void add_answer(cJSON *answers, const char *id, csm_answer_kind kind, int level, const char *choice,
                       const char *ev, const char *note, int *ok_)
{
	int ok = *ok_;
	cJSON *lv = choice                       ? cJSON_CreateString(choice)
	            : kind == CSM_ANSWER_LEVEL ? cJSON_CreateNumber(level)
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
	*ok_ = ok;
}

/* The choices of a workbook of a questionnaire with its own scale: ids and
 * labels from the hidden list (CSM__XN_CHOICE_IDS); 0 in a workbook of levels. */
typedef struct wchoices {
	char *id[CSM__MAX_CHOICES], *label[CSM__MAX_CHOICES];
	size_t n;
} wchoices;

static void wchoices_free(wchoices *c)
{
	size_t k;
	for (k = 0; k < c->n; k++) {
		free(c->id[k]);
		free(c->label[k]);
	}
	c->n = 0;
}

static void read_choices(ictx *x, wchoices *c)
{
	area ai, al;
	uint32_t k;
	c->n = 0;
	if (!dn_find(x, CSM__XN_CHOICE_IDS) || !paired(x, CSM__XN_CHOICE_IDS, CSM__XN_CHOICE_LABELS, &ai, &al))
		return;
	for (k = 0; k <= ai.r2 - ai.r1 && c->n < CSM__MAX_CHOICES; k++) {
		value vi, vl;
		const char *id = NULL, *label = NULL;
		memset(&vi, 0, sizeof vi);
		memset(&vl, 0, sizeof vl);
		if (cell_value(x, at_row(&ai, k), 64, &vi) == 0)
			id = text_of(x, at_row(&ai, k), &vi, "a choice id", 64, NULL);
		if (cell_value(x, at_row(&al, k), CSM_MAX_NAME_BYTES, &vl) == 0)
			label = text_of(x, at_row(&al, k), &vl, "a choice label", CSM_MAX_NAME_BYTES, NULL);
		if (id && label && csm__valid_id(id)) {
			c->id[c->n] = csm__strdup(id);
			c->label[c->n] = csm__strdup(label);
			if (!c->id[c->n] || !c->label[c->n]) {
				free(c->id[c->n]);
				free(c->label[c->n]);
				x->pkg.nomem = 1;
			} else {
				c->n++;
			}
		}
		value_free(&vi);
		value_free(&vl);
	}
}

/* The choice id a cell names (an id or a label of the list, white space
 * around it ignored), NULL for an empty cell; -1 in *bad when it names none. */
static const char *choice_of(const wchoices *c, const value *v, int *bad)
{
	size_t k, n;
	const char *s;
	*bad = 0;
	if (v->kind == V_EMPTY)
		return NULL;
	if (v->kind != V_STR || v->toolong) {
		*bad = 1;
		return NULL;
	}
	for (s = v->s; *s == ' ' || *s == '\t'; s++)
		;
	for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		;
	if (!n)
		return NULL;
	for (k = 0; k < c->n; k++)
		if ((strlen(c->id[k]) == n && memcmp(c->id[k], s, n) == 0) ||
		    (strlen(c->label[k]) == n && memcmp(c->label[k], s, n) == 0))
			return c->id[k];
	*bad = 1;
	return NULL;
}

/* The item id of a row: a valid id not seen before, else NULL with *bad set. */
static const char *row_id(ictx *x, place pi, cJSON *seen, value *vi, int *bad, int *ok_)
{
	int ok = *ok_;
	char buf[48];
	const char *id = NULL;
	if (cell_value(x, pi, CSM_MAX_NAME_BYTES, vi) == 0)
		id = text_of(x, pi, vi, "the item id", CSM_MAX_NAME_BYTES, NULL);
	else
		*bad = 1;
	if (id && !csm__valid_id(id)) {
		csm__problem(x->pkg.p, "%s: %s: \"%.40s\" is not an item id", x->pkg.name, where(buf, sizeof buf, pi), id);
		id = NULL;
		*bad = 1;
	} else if (id && cJSON_GetObjectItemCaseSensitive(seen, id)) {
		csm__problem(x->pkg.p, "%s: %s: item %s appears twice", x->pkg.name, where(buf, sizeof buf, pi), id);
		id = NULL;
		*bad = 1;
	} else if (id) {
		J(cJSON_AddNullToObject(seen, id));
	}
	*ok_ = ok;
	return id;
}

/* The answer cell of a row: a choice of the list when the workbook has one,
 * else a level 1..5 or n/a; 1 when it is neither. */
static int row_answer(ictx *x, const wchoices *wc, place pl, const char *id, value *vl, csm_answer_kind *kind, int *level,
                      const char **choice)
{
	char buf[48], sb[64];
	int nochoice = 0;
	if (wc->n && cell_value(x, pl, CSM_MAX_NAME_BYTES, vl) == 0) {
		const xcell *xc = find_cell(pl.sh, pl.row, pl.col);
		if (xc && xc->has_f) {
			/* A choice is what the buyer ranks: a formula's value is what a
			 * spreadsheet last computed, if it saved one at all (openpyxl
			 * saves none, which would read as "not answered"). */
			csm__problem(x->pkg.p, "%s: %s (item %s): is a formula; choose the answer from the list", x->pkg.name,
			             where(buf, sizeof buf, pl), id ? id : "?");
			return 1;
		}
		if (!(*choice = choice_of(wc, vl, &nochoice)) && nochoice) {
			csm__buf list = {0};
			size_t m;
			for (m = 0; m < wc->n; m++)
				csm__buf_printf(&list, "%s%s", m ? ", " : "", wc->label[m]);
			csm__problem(x->pkg.p, "%s: %s (item %s): the answer must be one of %s, not %s", x->pkg.name,
			             where(buf, sizeof buf, pl), id ? id : "?", list.s ? list.s : "", shown(sb, sizeof sb, vl));
			csm__buf_free(&list);
			return 1;
		}
	} else if (wc->n) {
		return 1;
	} else if (cell_value(x, pl, 64, vl) == 0) {
		if (level_of(vl, kind, level) != 0) {
			csm__problem(x->pkg.p, "%s: %s (item %s): level must be 1..5 or n/a, not %s", x->pkg.name,
			             where(buf, sizeof buf, pl), id ? id : "?", shown(sb, sizeof sb, vl));
			return 1;
		}
	} else {
		return 1;
	}
	return 0;
}

/* One row of the items (at: id, level, evidence, note): checked, and added
 * to answers when it is right. */
static void read_item_row(ictx *x, const wchoices *wc, const place at[4], cJSON *seen, cJSON *answers, unsigned *count,
                          int *ok)
{
	value vi, vl, ve, vn;
	const char *id, *ev = NULL, *note = NULL, *choice = NULL;
	int bad = 0, level = 0;
	csm_answer_kind kind = CSM_ANSWER_NULL;
	char buf[48];

	id = row_id(x, at[0], seen, &vi, &bad, ok);
	bad |= row_answer(x, wc, at[1], id, &vl, &kind, &level, &choice);
	if (cell_value(x, at[2], CSM_MAX_TEXT_BYTES, &ve) == 0)
		ev = text_of(x, at[2], &ve, "the evidence", CSM_MAX_TEXT_BYTES, id ? id : "?");
	if (cell_value(x, at[3], CSM_MAX_TEXT_BYTES, &vn) == 0)
		note = text_of(x, at[3], &vn, "the note", CSM_MAX_TEXT_BYTES, id ? id : "?");
	if (!id && !bad && (vl.kind != V_EMPTY || ev || note))
		csm__problem(x->pkg.p, "%s: %s: an answer in a row without an item id", x->pkg.name,
		             where(buf, sizeof buf, at[1]));
	if (id && !bad && ++*count > CSM_MAX_ITEMS) {
		if (*count == CSM_MAX_ITEMS + 1)
			csm__problem(x->pkg.p, "%s: more than %u items", x->pkg.name, CSM_MAX_ITEMS);
	} else if (id && !bad) {
		add_answer(answers, id, kind, level, choice, ev, note, ok);
	}
	value_free(&vi);
	value_free(&vl);
	value_free(&ve);
	value_free(&vn);
}

static void read_items(ictx *x, cJSON *root, int *ok_)
{
	wchoices wc;
	int ok = *ok_;
	area ai, al, ae, an;
	cJSON *answers = NULL, *seen = cJSON_CreateObject();
	uint32_t k;
	unsigned count = 0;

	J(seen);
	J(answers = cJSON_AddObjectToObject(root, "answers"));
	read_choices(x, &wc);
	{
		int a = paired(x, CSM__XN_ITEM_IDS, CSM__XN_LEVELS, &ai, &al);
		int b = paired(x, CSM__XN_ITEM_IDS, CSM__XN_EVIDENCE, &ai, &ae);
		int c = paired(x, CSM__XN_ITEM_IDS, CSM__XN_NOTES, &ai, &an);
		if (!a || !b || !c) {
			cJSON_Delete(seen);
			wchoices_free(&wc);
			*ok_ = ok;
			return;
		}
	}
	for (k = 0; ok && k <= ai.r2 - ai.r1 && !x->pkg.nomem; k++) {
		const place at[4] = {at_row(&ai, k), at_row(&al, k), at_row(&ae, k), at_row(&an, k)};
		read_item_row(x, &wc, at, seen, answers, &count, &ok);
	}
	cJSON_Delete(seen);
	wchoices_free(&wc);
	*ok_ = ok;
}

/* The format marker: a problem is recorded unless the workbook is a csm
 * workbook in the format this csm reads. */
static void check_format(ictx *x)
{
	value v;
	place at;
	char buf[48], sb[64];

	if (!dn_find(x, CSM__XN_FORMAT)) {
		csm__problem(x->pkg.p,
		             "%s: not a csm workbook (no defined name csm_format): make it with 'csm template --format xlsx'",
		             x->pkg.name);
		return;
	}
	if (single(x, CSM__XN_FORMAT, CSM_MAX_NAME_BYTES, &v, &at)) {
		if (v.kind != V_STR || strcmp(v.s, CSM__XLSX_FORMAT) != 0) {
			if (v.kind == V_STR && strncmp(v.s, "csm-xlsx/", 9) == 0)
				csm__problem(x->pkg.p, "%s: %s: the workbook is in format %.40s; this csm reads %s", x->pkg.name,
				             where(buf, sizeof buf, at), v.s, CSM__XLSX_FORMAT);
			else
				csm__problem(x->pkg.p, "%s: %s: not a csm workbook (the format cell holds %s, not %s)", x->pkg.name,
				             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v), CSM__XLSX_FORMAT);
		}
	}
	value_free(&v);
}

/* Open a workbook for an import: the size cap, the package, and which
 * defined names (single cells, columns) the import reads. */
static int import_open(ictx *x, csm__problems *p, const void *data, size_t len, const char *name,
                       const char *const *singles, size_t nsingles, const char *const *columns, size_t ncolumns)
{
	if (len > CSM_MAX_FILE_BYTES)
		return csm__err(CSM_EINVALID, "%s: file is larger than %u bytes", name, CSM_MAX_FILE_BYTES);
	memset(x, 0, sizeof *x);
	x->pkg.name = name;
	x->pkg.p = p;
	x->singles = singles;
	x->nsingles = nsingles;
	x->columns = columns;
	x->ncolumns = ncolumns;
	return csm__ooxml_open(&x->pkg, data, len);
}

int csm_form_xlsx_import(char **out, const void *data, size_t len, const char *name, const csm_industries *industries)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	ictx x;
	cJSON *root = NULL;
	value v;
	place at;
	char buf[48], sb[64];
	int rc = 0, ok = 1;

	*out = NULL;
	if (!name)
		name = "workbook";
	if ((rc = import_open(&x, &p, data, len, name, SINGLE_NAMES, sizeof SINGLE_NAMES / sizeof *SINGLE_NAMES,
	                      COLUMN_NAMES, sizeof COLUMN_NAMES / sizeof *COLUMN_NAMES)))
		return rc;
	if (p.count || (rc = load_workbook(&x)) || p.count)
		goto finish;

	/* The marker and the questionnaire first: without them nothing else is read. */
	check_format(&x);
	if (p.count || x.pkg.nomem)
		goto finish;

	root = cJSON_CreateObject();
	J(root);
	J(cJSON_AddStringToObject(root, "format", "csm-answers/1"));
	if (single(&x, CSM__XN_QUESTIONNAIRE, CSM_MAX_NAME_BYTES, &v, &at)) {
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
		x.pkg.nomem = 1;

finish:
	if (x.pkg.nomem)
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
/* ---- the action list (csm-actions-xlsx/1, csm_actions_xlsx()) ---------------- */

static const char *const ACT_SINGLES[] = {CSM__XN_ACT_FORMAT, CSM__XN_ACT_ORG};
/* in the order of csm-actions/1's columns */
static const char *const ACT_COLUMNS[CSM__ACOLS] = {
    CSM__XN_ACT_ITEMS, CSM__XN_ACT_DIRECTIVES,  CSM__XN_ACT_FROM,   CSM__XN_ACT_TO,
    CSM__XN_ACT_TIPS,  CSM__XN_ACT_FIRST_STEPS, CSM__XN_ACT_OWNERS, CSM__XN_ACT_EFFORTS,
    CSM__XN_ACT_COSTS, CSM__XN_ACT_DUES,        CSM__XN_ACT_STATUSES, CSM__XN_ACT_NOTES};

/* The marker: a problem unless the workbook is an action list this csm reads. */
static void act_check_format(ictx *x)
{
	value v;
	place at;
	char buf[48], sb[64];
	if (!dn_find(x, CSM__XN_ACT_FORMAT)) {
		csm__problem(x->pkg.p, "%s: not a csm action list (no defined name %s)%s", x->pkg.name, CSM__XN_ACT_FORMAT,
		             dn_find(x, CSM__XN_FORMAT) ? ": it is an assessment workbook ('csm import' reads it)"
		                                        : ": make one with 'csm plan FILE --actions LIST.xlsx'");
		return;
	}
	if (single(x, CSM__XN_ACT_FORMAT, CSM_MAX_NAME_BYTES, &v, &at) &&
	    (v.kind != V_STR || strcmp(v.s, CSM__XLSX_ACTIONS_FORMAT) != 0))
		csm__problem(x->pkg.p, "%s: %s: not a csm action list (the format cell holds %s, not %s)", x->pkg.name,
		             where(buf, sizeof buf, at), shown(sb, sizeof sb, &v), CSM__XLSX_ACTIONS_FORMAT);
	value_free(&v);
}

/* The cell at `at` of column `c` as the text the list's reader takes, into
 * *out (owned by `v`, "" where empty); 0 and a problem at `wh` if it is a
 * formula, an error value or too long. */
static int act_cell(ictx *x, place at, int c, const char *wh, value *v, char **out)
{
	const xcell *xc = find_cell(at.sh, at.row, at.col);
	size_t max = c == CSM__ACOL_NOTE || c == CSM__ACOL_FIRST_STEP ? CSM_MAX_TEXT_BYTES : CSM_MAX_NAME_BYTES;
	char text[40], sb[64];
	*out = NULL;
	if (cell_value(x, at, max, v) != 0)
		return 0;
	if (xc && xc->has_f) {
		/* its value is what a spreadsheet last computed, if it saved one at all */
		csm__problem(x->pkg.p, "%s: %s: is a formula; type the value itself", wh, csm__action_col[c]);
		return 0;
	}
	if (v->kind == V_ERR) {
		csm__problem(x->pkg.p, "%s: %s: is an error value (%s), not a value", wh, csm__action_col[c],
		             shown(sb, sizeof sb, v));
		return 0;
	}
	if (v->toolong) {
		csm__problem(x->pkg.p, "%s: %s: text is too long (the limit is %zu bytes)", wh, csm__action_col[c], max);
		return 0;
	}
	if (v->kind == V_NUM) { /* a date cell is a day number; the others are taken as text */
		char date[32];
		if (c == CSM__ACOL_DUE && date_of(x, v, date))
			snprintf(text, sizeof text, "%.10s", date);
		else
			csm__format_number(text, v->num);
		if (!(v->s = csm__strdup(text))) {
			x->pkg.nomem = 1;
			return 0;
		}
		v->kind = V_STR;
	}
	*out = v->kind == V_STR ? v->s : "";
	return 1;
}

/* Row k of the columns: its action, unless the row is empty. */
static int act_row(ictx *x, csm_actions *acts, const area *col, uint32_t k)
{
	char wbuf[CSM__ACOLS][600], cb[48];
	const char *wh[CSM__ACOLS];
	char *cell[CSM__ACOLS] = {0};
	value v[CSM__ACOLS];
	int c, ok = 1, blank = 1, rc = 0;
	memset(v, 0, sizeof v);
	for (c = 0; c < CSM__ACOLS; c++) {
		place at = at_row(&col[c], k);
		const xcell *xc = find_cell(at.sh, at.row, at.col);
		char *s;
		snprintf(wbuf[c], sizeof wbuf[c], "%s: %s", x->pkg.name, where(cb, sizeof cb, at));
		wh[c] = wbuf[c];
		if (!act_cell(x, at, c, wh[c], &v[c], &s))
			ok = 0;
		else if (!(cell[c] = csm__strdup(s)))
			x->pkg.nomem = 1;
		if ((s && s[0]) || (xc && xc->has_f) || v[c].kind == V_ERR)
			blank = 0;
	}
	if (ok && !blank && !x->pkg.nomem)
		rc = csm__actions_take(acts, cell, wh, x->pkg.p);
	for (c = 0; c < CSM__ACOLS; c++) {
		free(cell[c]);
		value_free(&v[c]);
	}
	return rc;
}

int csm_actions_xlsx_import(csm_actions **out, const void *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	csm_actions *acts = NULL;
	ictx x;
	area col[CSM__ACOLS];
	value v;
	place at;
	int rc = 0, c, ok = 1;
	uint32_t k;

	*out = NULL;
	if (!name)
		name = "workbook";
	if ((rc = import_open(&x, &p, data, len, name, ACT_SINGLES, sizeof ACT_SINGLES / sizeof *ACT_SINGLES, ACT_COLUMNS,
	                      CSM__ACOLS)))
		return rc;
	if (p.count || (rc = load_workbook(&x)) || p.count)
		goto finish;
	act_check_format(&x);
	if (p.count || x.pkg.nomem)
		goto finish;
	if ((rc = csm__actions_new(&acts, CSM_MAX_ITEMS)))
		goto finish;
	if (single(&x, CSM__XN_ACT_ORG, CSM_MAX_NAME_BYTES, &v, &at)) {
		const char *s = text_of(&x, at, &v, "the organization", CSM_MAX_NAME_BYTES, NULL);
		if (s && !(acts->org = csm__strdup(s)))
			x.pkg.nomem = 1;
	}
	value_free(&v);
	for (c = 0; c < CSM__ACOLS; c++)
		if (!(c ? paired(&x, ACT_COLUMNS[0], ACT_COLUMNS[c], &col[0], &col[c]) : named(&x, ACT_COLUMNS[0], 1, &col[0])))
			ok = 0;
	for (k = 0; ok && k <= col[0].r2 - col[0].r1 && !x.pkg.nomem && !rc; k++)
		rc = act_row(&x, acts, col, k);

finish:
	if (x.pkg.nomem)
		rc = CSM_ENOMEM;
	ictx_free(&x);
	if (rc == CSM_ENOMEM) {
		csm__problems_finish(&p);
		csm_actions_free(acts);
		return csm__nomem();
	}
	if ((rc = csm__problems_finish(&p)) || (!acts && (rc = csm__err(CSM_EINVALID, "%s: not a csm action list", name)))) {
		csm_actions_free(acts);
		return rc;
	}
	*out = acts;
	return 0;
}
