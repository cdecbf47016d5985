/* Benchmarks: group averages to compare with (csm-benchmark/1), and building
 * one from a table of per-organization directive scores. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "benchmark.h"
#include "benchmark_write.h"
#include "error.h"
#include "json.h"
#include "questionnaire.h"
#include "score.h"
#include "util.h"

typedef struct csm__group {
	char *key;
	unsigned n;
	double mean[CSM_DIRECTIVES];
	unsigned char has[CSM_DIRECTIVES];
	char *mean_json; /* the means as JSON text, for output */
	double *ov_values; /* distribution of overall scores, if given */
	double *ov_counts;
	size_t ov_n;
	int has_ov_mean;   /* "overall": {"mean"} */
	double ov_mean;
} csm__group;

struct csm_benchmark {
	char *name, *source, *questionnaire, *date;
	csm_grading grading;
	int grading_estimated; /* "grading": {"estimated": true} */
	unsigned min_group;    /* no percentile within a smaller group */
	int max_points;        /* a benchmark in points ("points": {"max", "parts_max"}); 0: levels */
	int parts;             /* its parts: the length of the groups' arrays */
	int part_max[CSM_DIRECTIVES];
	csm__group *groups;
	size_t count;
};

void csm_benchmark_free(csm_benchmark *b)
{
	size_t i;
	if (!b)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->groups[i].key);
		free(b->groups[i].mean_json);
		free(b->groups[i].ov_values);
		free(b->groups[i].ov_counts);
	}
	free(b->groups);
	free(b->name);
	free(b->source);
	free(b->questionnaire);
	free(b->date);
	free(b);
}

/* A benchmark's date: a day, or a month where only the month is known (the
 * 2020 trial's report was published in March 2021). */
static int valid_bench_date(const char *s)
{
	char day[16];
	if (csm__valid_date(s))
		return 1;
	if (strlen(s) != 7)
		return 0;
	snprintf(day, sizeof day, "%s-01", s);
	return csm__valid_date(day);
}

/* The range of a group's values: scores 0..5, or points -max..max (a
 * "don't know" may count below 0). */
static int value_ok(const csm_benchmark *b, double v)
{
	return b->max_points ? v >= -b->max_points && v <= b->max_points : v >= 0 && v <= 5;
}

/* "overall": {"mean": ..., "histogram": {"values": [...], "counts": [...]}} */
static void parse_overall(csm__group *g, const csm_benchmark *b, const cJSON *e, csm__problems *p, const char *name)
{
	const cJSON *ov = cJSON_GetObjectItemCaseSensitive(e, "overall");
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(ov, "histogram"), *mean;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(h, "values"), *c = cJSON_GetObjectItemCaseSensitive(h, "counts");
	const cJSON *x, *y;
	int n = cJSON_GetArraySize(v);
	if (b->max_points && (mean = cJSON_GetObjectItemCaseSensitive(ov, "mean"))) {
		if (!cJSON_IsNumber(mean) || !value_ok(b, mean->valuedouble))
			csm__problem(p, "%s: group %s: overall.mean: expected points -%d..%d", name, g->key, b->max_points,
			             b->max_points);
		else
			g->ov_mean = mean->valuedouble, g->has_ov_mean = 1;
	}
	if (!h)
		return;
	if (!cJSON_IsArray(v) || !cJSON_IsArray(c) || n != cJSON_GetArraySize(c) || n < 1 || n > 1000000) {
		csm__problem(p, "%s: group %s: overall.histogram: expected values and counts of the same length", name, g->key);
		return;
	}
	g->ov_values = malloc((size_t)n * sizeof *g->ov_values);
	g->ov_counts = malloc((size_t)n * sizeof *g->ov_counts);
	if (!g->ov_values || !g->ov_counts) {
		p->nomem = 1;
		return;
	}
	for (x = v->child, y = c->child; x && y; x = x->next, y = y->next) {
		if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y) || !value_ok(b, x->valuedouble) || !(y->valuedouble >= 0)) {
			if (b->max_points)
				csm__problem(p, "%s: group %s: overall.histogram: expected points -%d..%d and counts >= 0", name,
				             g->key, b->max_points, b->max_points);
			else
				csm__problem(p, "%s: group %s: overall.histogram: expected scores 0..5 and counts >= 0", name,
				             g->key);
			return;
		}
		g->ov_values[g->ov_n] = x->valuedouble;
		g->ov_counts[g->ov_n++] = y->valuedouble;
	}
}

/* A points benchmark's "mean": one number (or null) a part, -max..max. */
static void parse_part_means(csm__group *g, const csm_benchmark *b, const cJSON *mean, csm__problems *p,
                             const char *name)
{
	const cJSON *m;
	int d = 0;
	if (!cJSON_IsArray(mean) || cJSON_GetArraySize(mean) != b->parts) {
		csm__problem(p, "%s: group %s: mean: expected an array of %d numbers (parts 1..%d)", name, g->key, b->parts,
		             b->parts);
		return;
	}
	cJSON_ArrayForEach(m, mean) {
		if (cJSON_IsNumber(m) && m->valuedouble >= -b->part_max[d] && m->valuedouble <= b->part_max[d])
			g->mean[d] = m->valuedouble, g->has[d] = 1;
		else if (!cJSON_IsNull(m))
			csm__problem(p, "%s: group %s: mean[%d]: expected points -%d..%d (part %d) or null", name, g->key, d,
			             b->part_max[d], b->part_max[d], d + 1);
		d++;
	}
}

static void parse_group(csm__group *g, const csm_benchmark *b, const cJSON *e, int index, csm__problems *p,
                        const char *name)
{
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(e, "key");
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(e, "n");
	const cJSON *mean = cJSON_GetObjectItemCaseSensitive(e, "mean"), *m;
	int d = 0;

	if (!cJSON_IsString(key) || !csm__valid_id(key->valuestring)) {
		csm__problem(p, "%s: groups[%d].key: expected a group key such as \"all\" or \"grade:A\"", name, index);
		return;
	}
	if (!(g->key = csm__strdup(key->valuestring))) {
		p->nomem = 1;
		return;
	}
	if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 1e9 ||
	    n->valuedouble != floor(n->valuedouble))
		csm__problem(p, "%s: group %s: n: expected a whole number of organizations", name, g->key);
	else
		g->n = (unsigned)n->valuedouble;
	parse_overall(g, b, e, p, name);
	if (b->max_points) {
		parse_part_means(g, b, mean, p, name);
		return;
	}
	if (!cJSON_IsArray(mean) || cJSON_GetArraySize(mean) != CSM_DIRECTIVES) {
		csm__problem(p, "%s: group %s: mean: expected an array of %d numbers (directives 1..%d)", name, g->key,
		             CSM_DIRECTIVES, CSM_DIRECTIVES);
		return;
	}
	cJSON_ArrayForEach(m, mean) {
		if (cJSON_IsNull(m)) {
			d++;
			continue;
		}
		if (!cJSON_IsNumber(m) || !(m->valuedouble >= 0 && m->valuedouble <= 5))
			csm__problem(p, "%s: group %s: mean[%d]: expected a number 0..5 or null", name, g->key, d);
		else {
			g->mean[d] = m->valuedouble;
			g->has[d] = 1;
		}
		d++;
	}
}

/* name, source, questionnaire and date. Returns 0 or CSM_ENOMEM. */
static int parse_meta(csm_benchmark *b, const cJSON *root, csm__problems *p, const char *name)
{
	const char *s = csm__json_line(root, "name", CSM_MAX_NAME_BYTES, p, name, "name");
	b->name = csm__strdup(s ? s : "");
	if (!s || !s[0])
		csm__problem(p, "%s: name: missing or empty", name);
	s = csm__json_string(root, "source", CSM_MAX_TEXT_BYTES, p, name, "source");
	b->source = csm__strdup(s ? s : "");
	s = csm__json_line(root, "questionnaire", CSM_MAX_NAME_BYTES, p, name, "questionnaire");
	b->questionnaire = csm__strdup(s ? s : "");
	if (!s || !csm__valid_id(s))
		csm__problem(p, "%s: questionnaire: expected a questionnaire id such as \"csmg-v2\"", name);
	s = csm__json_line(root, "date", CSM_MAX_NAME_BYTES, p, name, "date");
	if (s && !valid_bench_date(s))
		csm__problem(p, "%s: date: \"%.40s\" is not a date YYYY-MM-DD or YYYY-MM", name, s);
	b->date = csm__strdup(s ? s : "");
	return !b->name || !b->source || !b->questionnaire || !b->date ? csm__nomem() : 0;
}

static void parse_min_group(csm_benchmark *b, const cJSON *mg, csm__problems *p, const char *name);

/* A benchmark in points: "points": {"max": 100, "parts_max": [20, 52, 28]}
 * where a benchmark of levels has "grading" (points are not graded), and
 * "min_group". */
static void parse_points(csm_benchmark *b, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *pts = cJSON_GetObjectItemCaseSensitive(root, "points");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(pts, "max");
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(pts, "parts_max"), *e;
	int n = cJSON_GetArraySize(parts), sum = 0;
	parse_min_group(b, cJSON_GetObjectItemCaseSensitive(root, "min_group"), p, name);
	if (!cJSON_IsNumber(max) || !(max->valuedouble >= 1 && max->valuedouble <= 100000) ||
	    max->valuedouble != floor(max->valuedouble)) {
		csm__problem(p, "%s: points.max: expected the most points, a whole number 1..100000", name);
		return;
	}
	if (!cJSON_IsArray(parts) || n < 1 || n > CSM_DIRECTIVES) {
		csm__problem(p, "%s: points.parts_max: expected an array of 1..%d numbers (each part's most points)", name,
		             CSM_DIRECTIVES);
		return;
	}
	cJSON_ArrayForEach(e, parts) {
		if (!cJSON_IsNumber(e) || !(e->valuedouble >= 0 && e->valuedouble <= max->valuedouble) ||
		    e->valuedouble != floor(e->valuedouble)) {
			csm__problem(p, "%s: points.parts_max[%d]: expected a whole number 0..%g", name, b->parts,
			             max->valuedouble);
			return;
		}
		sum += (int)e->valuedouble;
		b->part_max[b->parts++] = (int)e->valuedouble;
	}
	if (sum != (int)max->valuedouble) {
		csm__problem(p, "%s: points: the parts' most points add up to %d, not max %g", name, sum, max->valuedouble);
		return;
	}
	b->max_points = (int)max->valuedouble;
}

/* "grading": {"A", "B", "estimated"} and "min_group". */
static void parse_grading(csm_benchmark *b, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *grading = cJSON_GetObjectItemCaseSensitive(root, "grading");
	const cJSON *ga = cJSON_GetObjectItemCaseSensitive(grading, "A");
	const cJSON *gb = cJSON_GetObjectItemCaseSensitive(grading, "B");
	const cJSON *mg = cJSON_GetObjectItemCaseSensitive(root, "min_group");
	if (!cJSON_IsNumber(ga) || !cJSON_IsNumber(gb)) {
		csm__problem(p, "%s: grading: expected {\"A\": threshold, \"B\": threshold}", name);
	} else {
		const cJSON *est = cJSON_GetObjectItemCaseSensitive(grading, "estimated");
		b->grading.a = ga->valuedouble;
		b->grading.b = gb->valuedouble;
		if (!csm__grading_valid(&b->grading))
			csm__problem(p, "%s: grading: thresholds must satisfy 0 < B < A <= 5", name);
		if (est && !cJSON_IsBool(est))
			csm__problem(p, "%s: grading.estimated: expected true or false", name);
		b->grading_estimated = cJSON_IsTrue(est);
	}
	parse_min_group(b, mg, p, name);
}

/* "min_group": k, default 5. */
static void parse_min_group(csm_benchmark *b, const cJSON *mg, csm__problems *p, const char *name)
{
	b->min_group = CSM__DEFAULT_MIN_GROUP;
	if (mg && (!cJSON_IsNumber(mg) || !(mg->valuedouble >= 1 && mg->valuedouble <= 1e6) ||
	           mg->valuedouble != floor(mg->valuedouble)))
		csm__problem(p, "%s: min_group: expected a whole number of organizations 1..1000000", name);
	else if (mg)
		b->min_group = (unsigned)mg->valuedouble;
}

/* "groups": each group with a key goes to b->groups. Returns 0 or CSM_ENOMEM. */
static int parse_groups(csm_benchmark *b, const cJSON *root, csm__problems *p, const char *name)
{
	const cJSON *groups = cJSON_GetObjectItemCaseSensitive(root, "groups"), *e;
	int n = cJSON_GetArraySize(groups), index = 0;
	if (!cJSON_IsArray(groups) || (size_t)n > CSM_MAX_GROUPS) {
		csm__problem(p, "%s: groups: expected an array of 0..%u groups", name, CSM_MAX_GROUPS);
		return 0;
	}
	/* none: every group was withheld (fewer than k organizations, or a
	 * difference with an earlier release); csm writes such exports, so it
	 * reads them: they compare with nothing */
	if (n == 0)
		return 0;
	if (!(b->groups = calloc((size_t)n, sizeof *b->groups)))
		return csm__nomem();
	cJSON_ArrayForEach(e, groups) {
		csm__group *g = &b->groups[b->count];
		if (!cJSON_IsObject(e)) {
			csm__problem(p, "%s: groups[%d]: expected an object", name, index++);
			continue;
		}
		parse_group(g, b, e, index++, p, name);
		if (g->key)
			b->count++;
	}
	return 0;
}

/* Each group once; its means as JSON text for output (mean_json). Returns 0
 * or CSM_ENOMEM. */
static int finish_groups(csm_benchmark *b, csm__problems *p, const char *name)
{
	size_t i, j;
	int d, rc;
	for (i = 0; i < b->count; i++) {
		csm__group *g = &b->groups[i];
		csm__buf text = {0};
		for (j = 0; j < i; j++)
			if (strcmp(g->key, b->groups[j].key) == 0)
				csm__problem(p, "%s: group %s: appears twice", name, g->key);
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			csm__buf_puts(&text, d ? "," : "[");
			if (g->has[d])
				csm__buf_number(&text, g->mean[d]);
			else
				csm__buf_puts(&text, "null");
		}
		csm__buf_puts(&text, "]");
		if ((rc = csm__buf_finish(&text, &g->mean_json)))
			return rc;
	}
	return 0;
}

int csm_benchmark_parse(csm_benchmark **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	csm__problems p = {0};
	cJSON *root = NULL;
	csm_benchmark *b = NULL;
	int rc;

	*out = NULL;
	if ((rc = csm__json_parse(&root, data, len, name)) || (rc = csm__json_format(root, "csm-benchmark", name)))
		goto cleanup;
	if (!(b = calloc(1, sizeof *b))) {
		rc = csm__nomem();
		goto cleanup;
	}
	if ((rc = parse_meta(b, root, &p, name)))
		goto cleanup;
	if (cJSON_GetObjectItemCaseSensitive(root, "points")) {
		parse_points(b, root, &p, name);
		if (!b->max_points) /* the groups cannot be read without it */
			goto finish;
	} else {
		parse_grading(b, root, &p, name);
	}
	if ((rc = parse_groups(b, root, &p, name)) || (rc = finish_groups(b, &p, name)))
		goto cleanup;
finish:
	rc = csm__problems_finish(&p);
cleanup:
	csm__problems_finish(&p);
	cJSON_Delete(root);
	if (rc) {
		csm_benchmark_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int csm_benchmark_load(csm_benchmark **out, const char *path)
{
	CSM__ARGS(out && path);
	char *data;
	size_t len;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_benchmark_parse(out, data, len, path);
	free(data);
	return rc;
}

const char *csm_benchmark_name(const csm_benchmark *b) { return b ? b->name : NULL; }
const char *csm_benchmark_source(const csm_benchmark *b) { return b ? b->source : NULL; }
const char *csm_benchmark_questionnaire(const csm_benchmark *b) { return b ? b->questionnaire : NULL; }
const char *csm_benchmark_date(const csm_benchmark *b) { return b ? b->date : NULL; }
const csm_grading *csm_benchmark_grading(const csm_benchmark *b) { return b ? &b->grading : NULL; }

int csm_benchmark_compares(const csm_benchmark *b, const csm_questionnaire *q)
{
	size_t i;
	if (!b || !q || (b->max_points > 0) != (q->choice_count > 0)) /* points and levels do not compare */
		return 0;
	if (strcmp(b->questionnaire, q->id) == 0)
		return 2;
	for (i = 0; i < q->comparable_count; i++)
		if (strcmp(q->comparable[i], b->questionnaire) == 0)
			return 1;
	return 0;
}

const csm_grading *csm_benchmark_grading_for(const csm_benchmark *b, const csm_questionnaire *q)
{
	return csm_benchmark_compares(b, q) ? &b->grading : NULL;
}
/* The one place that says which grading a score against a benchmark gets. */
int csm_score_compute_against(csm_score **out, const csm_questionnaire *q, const csm_answers *a,
                              const csm_benchmark *b, unsigned flags)
{
	return csm_score_compute(out, q, a, csm_benchmark_grading_for(b, q), flags);
}

int csm_benchmark_grading_estimated(const csm_benchmark *b) { return b ? b->grading_estimated : 0; }
unsigned csm_benchmark_min_group(const csm_benchmark *b) { return b ? b->min_group : 0; }
size_t csm_benchmark_group_count(const csm_benchmark *b) { return b ? b->count : 0; }
const char *csm_benchmark_group_key(const csm_benchmark *b, size_t i) { return b && i < b->count ? b->groups[i].key : NULL; }
unsigned csm_benchmark_group_n(const csm_benchmark *b, size_t i) { return b && i < b->count ? b->groups[i].n : 0; }

void csm__industry_key(char key[CSM__KEY_MAX], const char *industry)
{
	snprintf(key, CSM__KEY_MAX, "industry:%s", industry);
}

int csm__industry_group(char key[CSM__KEY_MAX], const csm_benchmark *b, const csm_industries *ind, const char *industry)
{
	const char *parent;
	int i;
	csm__industry_key(key, industry);
	if ((i = csm_benchmark_group_find(b, key)) < 0 && (parent = csm_industry_parent(ind, industry)) &&
	    strcmp(parent, industry) != 0) {
		char pkey[CSM__KEY_MAX];
		csm__industry_key(pkey, parent);
		if ((i = csm_benchmark_group_find(b, pkey)) >= 0)
			memcpy(key, pkey, CSM__KEY_MAX);
	}
	return i;
}

int csm_benchmark_group_find(const csm_benchmark *b, const char *key)
{
	size_t i;
	for (i = 0; b && key && i < b->count; i++)
		if (strcmp(b->groups[i].key, key) == 0)
			return (int)i;
	return -1;
}

int csm_benchmark_max_points(const csm_benchmark *b) { return b ? b->max_points : 0; }
int csm_benchmark_part_count(const csm_benchmark *b) { return b ? b->parts : 0; }

int csm_benchmark_group_overall_mean(double *out, const csm_benchmark *b, size_t i)
{
	CSM__ARGS(b && out);
	if (i >= b->count || !b->groups[i].has_ov_mean)
		return 0;
	*out = b->groups[i].ov_mean;
	return 1;
}

int csm_benchmark_group_mean(double *out, const csm_benchmark *b, size_t i, int d)
{
	CSM__ARGS(b && out);
	if (i >= b->count || d < 1 || d > CSM_DIRECTIVES || !b->groups[i].has[d - 1])
		return 0;
	*out = b->groups[i].mean[d - 1];
	return 1;
}

/* ---- building from a TSV of per-organization scores -------------------- */

#define TSV_MAX_ROWS 100000

typedef struct tsv_row {
	char industry[72];
	double v[CSM_DIRECTIVES];
	csm_grade grade;
} tsv_row;

typedef struct tsv_state {
	const char *name;
	const csm_grading *grading;
	csm__problems *p;
	tsv_row *rows;
	size_t count, cap;
	int ncols, grade_col;
	int field;
	unsigned line;
	char cells[13][72];
	int rc;
} tsv_state;

static void tsv_field(void *data, size_t len, void *ctx)
{
	tsv_state *st = ctx;
	if (st->field < 13)
		snprintf(st->cells[st->field], sizeof st->cells[0], "%.*s", (int)(len < 71 ? len : 71),
		         data ? (const char *)data : "");
	st->field++;
}

static const char *const dnames[CSM_DIRECTIVES] = {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10"};

static void tsv_header(tsv_state *st)
{
	int d;
	if (st->field < 12 || st->field > 13)
		csm__problem(st->p, "%s: line 1: expected the columns company, industry, d1..d10[, grade]", st->name);
	for (d = 0; d < CSM_DIRECTIVES && d + 2 < st->field; d++)
		if (strcmp(st->cells[d + 2], dnames[d]) != 0)
			csm__problem(st->p, "%s: line 1: column %d must be %s", st->name, d + 3, dnames[d]);
	st->ncols = st->field;
	st->grade_col = st->field == 13;
}

/* Row `r` from the line's cells: 1, or 0 with a problem. */
static int tsv_row_fill(tsv_state *st, tsv_row *r)
{
	double sum = 0;
	int d;
	memset(r, 0, sizeof *r);
	if (!csm__valid_id(st->cells[1])) {
		csm__problem(st->p, "%s: line %u: industry \"%s\" is not an industry id", st->name, st->line,
		             st->cells[1]);
		return 0;
	}
	memcpy(r->industry, st->cells[1], sizeof r->industry);
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		char *end;
		double v = strtod(st->cells[d + 2], &end);
		if (end == st->cells[d + 2] || *end || !(v >= 1 && v <= 5)) {
			csm__problem(st->p, "%s: line %u: %s: \"%s\" is not a score 1..5", st->name, st->line, dnames[d],
			             st->cells[d + 2]);
			return 0;
		}
		r->v[d] = v;
		sum += v;
	}
	r->grade = csm_grade_for(sum / CSM_DIRECTIVES, st->grading);
	if (st->grade_col) {
		const char *gs = st->cells[12];
		csm_grade given = strcmp(gs, "A") == 0 ? CSM_GRADE_A
		                  : strcmp(gs, "B") == 0 ? CSM_GRADE_B
		                  : strcmp(gs, "C") == 0 ? CSM_GRADE_C
		                                         : CSM_GRADE_NONE;
		if (given == CSM_GRADE_NONE) {
			csm__problem(st->p, "%s: line %u: grade \"%s\" is not A, B or C", st->name, st->line, gs);
			return 0;
		}
		if (given != r->grade) {
			char buf[16];
			csm__problem(st->p, "%s: line %u: grade %s is given, but the overall %s gives %s under A >= %g, B >= %g",
			             st->name, st->line, gs, csm_format1(buf, sizeof buf, sum / CSM_DIRECTIVES),
			             csm_grade_name(r->grade), st->grading->a, st->grading->b);
			return 0;
		}
	}
	return 1;
}

static void tsv_row_end(int term, void *ctx)
{
	tsv_state *st = ctx;
	(void)term;

	if (st->rc)
		goto next;
	if (st->line == 1) {
		tsv_header(st);
		goto next;
	}
	if (st->field == 1 && !st->cells[0][0])
		goto next; /* blank line */
	if (st->field != st->ncols) {
		csm__problem(st->p, "%s: line %u: %d columns, the header has %d", st->name, st->line, st->field,
		             st->ncols);
		goto next;
	}
	if (st->count >= TSV_MAX_ROWS) {
		csm__problem(st->p, "%s: line %u: more than %d rows", st->name, st->line, TSV_MAX_ROWS);
		goto next;
	}
	if (st->count == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		tsv_row *n = realloc(st->rows, cap * sizeof *n);
		if (!n) {
			st->rc = csm__nomem();
			goto next;
		}
		st->rows = n;
		st->cap = cap;
	}
	if (tsv_row_fill(st, &st->rows[st->count]))
		st->count++;
next:
	st->field = 0;
	st->line++;
	memset(st->cells, 0, sizeof st->cells);
}

/* ---- published group means (meta->group_means) -------------------------- */

#define PUB_MAX_ROWS 256

typedef struct pub_row {
	char key[72];
	unsigned n;
	double mean[CSM_DIRECTIVES];
	int used;
} pub_row;

typedef struct pub_state {
	const char *name;
	csm__problems *p;
	pub_row rows[PUB_MAX_ROWS];
	size_t count;
	int field;
	unsigned line;
	char cells[12][72];
} pub_state;

static void pub_field(void *data, size_t len, void *ctx)
{
	pub_state *st = ctx;
	if (st->field < 12)
		snprintf(st->cells[st->field], sizeof st->cells[0], "%.*s", (int)(len < 71 ? len : 71),
		         data ? (const char *)data : "");
	st->field++;
}

static void pub_row_end(int term, void *ctx)
{
	static const char *const heads[12] = {"group", "n", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10"};
	pub_state *st = ctx;
	pub_row *r;
	char *end;
	double v;
	int d;
	size_t j;
	(void)term;

	if (st->line == 1) {
		for (d = 0; d < 12; d++)
			if (st->field != 12 || strcmp(st->cells[d], heads[d]) != 0) {
				csm__problem(st->p, "%s: line 1: expected the columns group, n, d1..d10", st->name);
				break;
			}
		goto next;
	}
	if (st->field == 1 && !st->cells[0][0])
		goto next; /* blank line */
	if (st->field != 12) {
		csm__problem(st->p, "%s: line %u: %d columns, expected 12", st->name, st->line, st->field);
		goto next;
	}
	if (st->count >= PUB_MAX_ROWS) {
		csm__problem(st->p, "%s: line %u: more than %d groups", st->name, st->line, PUB_MAX_ROWS);
		goto next;
	}
	r = &st->rows[st->count];
	memset(r, 0, sizeof *r);
	if (!csm__valid_id(st->cells[0])) {
		csm__problem(st->p, "%s: line %u: \"%s\" is not a group key such as all or grade:A", st->name, st->line,
		             st->cells[0]);
		goto next;
	}
	for (j = 0; j < st->count; j++)
		if (strcmp(st->rows[j].key, st->cells[0]) == 0) {
			csm__problem(st->p, "%s: line %u: group %s appears twice", st->name, st->line, st->cells[0]);
			goto next;
		}
	memcpy(r->key, st->cells[0], sizeof r->key);
	v = strtod(st->cells[1], &end);
	if (end == st->cells[1] || *end || !(v >= 1 && v <= 1e9) || v != floor(v)) {
		csm__problem(st->p, "%s: line %u: n: \"%s\" is not a number of organizations", st->name, st->line,
		             st->cells[1]);
		goto next;
	}
	r->n = (unsigned)v;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		v = strtod(st->cells[d + 2], &end);
		if (end == st->cells[d + 2] || *end || !(v >= 0 && v <= 5)) {
			csm__problem(st->p, "%s: line %u: %s: \"%s\" is not a mean 0..5", st->name, st->line, heads[d + 2],
			             st->cells[d + 2]);
			goto next;
		}
		r->mean[d] = v;
	}
	st->count++;
next:
	st->field = 0;
	st->line++;
	memset(st->cells, 0, sizeof st->cells);
}

static int parse_published(pub_state *st, const char *tsv, size_t len, const char *name)
{
	struct csv_parser parser;
	size_t body;
	int rc;
	if ((rc = csm__text_check(tsv, len, name, &body)) != 0)
		return rc;
	tsv += body;
	len -= body;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return csm__nomem();
	csv_set_delim(&parser, '\t');
	if (csv_parse(&parser, tsv, len, pub_field, pub_row_end, st) != len ||
	    csv_fini(&parser, pub_field, pub_row_end, st) != 0)
		csm__problem(st->p, "%s: line %u: malformed TSV (%s)", name, st->line, csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	if (!st->count && !st->p->count)
		csm__problem(st->p, "%s: no groups", name);
	return 0;
}

/* A group built from the rows; its model's pointers are set once all are
 * built (tsv_groups grows). */
typedef struct tsv_group {
	csm__bench_group g;
	char key[CSM__KEY_MAX];
	csm__bench_bin bins[256];
} tsv_group;

typedef struct tsv_groups {
	tsv_group *v;
	size_t n, cap;
} tsv_groups;

/* Mean, sample sd, min and max per directive of the rows `pick` selects
 * (n > 0 of them). */
static void row_stats(csm__bench_group *g, const tsv_row *rows, size_t count,
                      int (*pick)(const tsv_row *, const void *), const void *arg)
{
	double sum[CSM_DIRECTIVES] = {0}, sq[CSM_DIRECTIVES] = {0};
	double *mean = g->stat[CSM__STAT_MEAN], *sd = g->stat[CSM__STAT_SD];
	double *mn = g->stat[CSM__STAT_MIN], *mx = g->stat[CSM__STAT_MAX];
	unsigned n = 0;
	size_t i;
	int d;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		mn[d] = 5;
		mx[d] = 0;
	}
	for (i = 0; i < count; i++) {
		if (!pick(&rows[i], arg))
			continue;
		n++;
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			sum[d] += rows[i].v[d];
			if (rows[i].v[d] < mn[d])
				mn[d] = rows[i].v[d];
			if (rows[i].v[d] > mx[d])
				mx[d] = rows[i].v[d];
		}
	}
	for (d = 0; d < CSM_DIRECTIVES; d++)
		mean[d] = sum[d] / n;
	/* Two passes for the sample standard deviation: no cancellation. */
	for (i = 0; i < count; i++)
		if (pick(&rows[i], arg))
			for (d = 0; d < CSM_DIRECTIVES; d++)
				sq[d] += (rows[i].v[d] - mean[d]) * (rows[i].v[d] - mean[d]);
	for (d = 0; d < CSM_DIRECTIVES; d++)
		sd[d] = n > 1 ? sqrt(sq[d] / (n - 1)) : 0;
	g->n = n;
	g->has_stat[CSM__STAT_MEAN] = g->has_stat[CSM__STAT_SD] = 1;
	g->has_stat[CSM__STAT_MIN] = g->has_stat[CSM__STAT_MAX] = 1;
}

/* The distribution of overall scores (the mean of each row's ten), for
 * percentiles: at most 256 distinct values, ascending, in `bins`. */
static int overall_hist(csm__bench_bin bins[256], size_t *nbins, const tsv_row *rows, size_t count,
                        int (*pick)(const tsv_row *, const void *), const void *arg)
{
	size_t i, nv = 0, j, kx;
	int d;
	for (i = 0; i < count; i++) {
		double o = 0;
		if (!pick(&rows[i], arg))
			continue;
		for (d = 0; d < CSM_DIRECTIVES; d++)
			o += rows[i].v[d];
		o /= CSM_DIRECTIVES;
		for (j = 0; j < nv && bins[j].v < o; j++)
			;
		if (j < nv && bins[j].v == o) {
			bins[j].c++;
			continue;
		}
		if (nv == 256)
			return csm__err(CSM_EINVALID, "benchmark: too many distinct overall scores in one group");
		for (kx = nv; kx > j; kx--)
			bins[kx] = bins[kx - 1];
		bins[j].v = o;
		bins[j].c = 1;
		nv++;
	}
	*nbins = nv;
	return 0;
}

/* Add one group's statistics to `groups`. `pick` selects rows. A group in
 * `pub` keeps its published means (its n must be the rows'); the rest of its
 * statistics come from the rows. */
static int add_group(tsv_groups *groups, const char *key, const tsv_row *rows, size_t count,
                     int (*pick)(const tsv_row *, const void *), const void *arg, pub_state *pub)
{
	size_t i;
	tsv_group *tg;
	int rc;

	for (i = 0; i < count && !pick(&rows[i], arg); i++)
		;
	if (i == count)
		return 0;
	if (groups->n == groups->cap) {
		size_t cap = groups->cap ? 2 * groups->cap : 8;
		tsv_group *t = realloc(groups->v, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		groups->v = t;
		groups->cap = cap;
	}
	tg = &groups->v[groups->n];
	memset(tg, 0, sizeof *tg);
	snprintf(tg->key, sizeof tg->key, "%s", key);
	row_stats(&tg->g, rows, count, pick, arg);
	for (i = 0; pub && i < pub->count; i++) {
		if (strcmp(pub->rows[i].key, key) != 0)
			continue;
		pub->rows[i].used = 1;
		if (pub->rows[i].n != tg->g.n)
			return csm__err(CSM_EINVALID, "%s: group %s: n is %u, but the rows give %u", pub->name, key,
			                pub->rows[i].n, (unsigned)tg->g.n);
		memcpy(tg->g.stat[CSM__STAT_MEAN], pub->rows[i].mean, sizeof pub->rows[i].mean);
	}
	if ((rc = overall_hist(tg->bins, &tg->g.overall.n, rows, count, pick, arg)))
		return rc;
	groups->n++;
	return 0;
}

static int pick_all(const tsv_row *r, const void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}
static int pick_grade(const tsv_row *r, const void *arg) { return r->grade == *(const csm_grade *)arg; }
static int pick_industry(const tsv_row *r, const void *arg) { return strcmp(r->industry, arg) == 0; }

static int cmp_industry(const void *a, const void *b)
{
	return strcmp(((const tsv_row *)a)->industry, ((const tsv_row *)b)->industry);
}

static int check_meta(const csm_benchmark_meta *meta)
{
	if (!meta->name || !meta->name[0] || !meta->questionnaire || !csm__valid_id(meta->questionnaire))
		return csm__err(CSM_EINVALID, "benchmark: a name and a questionnaire id are required");
	if (!csm__grading_valid(&meta->grading))
		return csm__err(CSM_EINVALID, "benchmark: grading thresholds must satisfy 0 < B < A <= 5");
	if (meta->date && !valid_bench_date(meta->date))
		return csm__err(CSM_EINVALID, "benchmark: date \"%.40s\" is not a date YYYY-MM-DD or YYYY-MM", meta->date);
	if (meta->min_group > 1000000u)
		return csm__err(CSM_EINVALID, "benchmark: min_group %u is more than 1000000", meta->min_group);
	return 0;
}

/* The rows of the table into st->rows; problems (bad cells) into st->p.
 * Returns 0 or an error that stops at once. */
static int parse_rows(tsv_state *st, const char *tsv, size_t len)
{
	struct csv_parser parser;
	size_t body;
	int rc;
	if ((rc = csm__text_check(tsv, len, st->name, &body)) != 0)
		return rc;
	tsv += body;
	len -= body;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return csm__nomem();
	csv_set_delim(&parser, '\t');
	if ((csv_parse(&parser, tsv, len, tsv_field, tsv_row_end, st) != len ||
	     csv_fini(&parser, tsv_field, tsv_row_end, st) != 0) &&
	    !st->rc)
		csm__problem(st->p, "%s: line %u: malformed TSV (%s)", st->name, st->line,
		             csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	if (st->rc)
		return st->rc;
	if (!st->count && !st->p->count)
		csm__problem(st->p, "%s: no rows", st->name);
	return 0;
}

/* The groups all, grade:A/B/C and each industry (in name order), and every
 * published group matched. */
static int build_groups(tsv_groups *groups, const tsv_state *st, pub_state *pub)
{
	static const csm_grade grades[3] = {CSM_GRADE_A, CSM_GRADE_B, CSM_GRADE_C};
	tsv_row *sorted;
	size_t i;
	int rc;
	if ((rc = add_group(groups, "all", st->rows, st->count, pick_all, NULL, pub)))
		return rc;
	for (i = 0; i < 3; i++) {
		char key[16];
		snprintf(key, sizeof key, "grade:%s", csm_grade_name(grades[i]));
		if ((rc = add_group(groups, key, st->rows, st->count, pick_grade, &grades[i], pub)))
			return rc;
	}
	if (!(sorted = malloc(st->count * sizeof *sorted)))
		return csm__nomem();
	memcpy(sorted, st->rows, st->count * sizeof *sorted);
	qsort(sorted, st->count, sizeof *sorted, cmp_industry);
	for (i = 0; i < st->count && !rc; i++) {
		char key[CSM__KEY_MAX];
		if (i > 0 && strcmp(sorted[i].industry, sorted[i - 1].industry) == 0)
			continue;
		csm__industry_key(key, sorted[i].industry);
		rc = add_group(groups, key, st->rows, st->count, pick_industry, sorted[i].industry, pub);
	}
	free(sorted);
	for (i = 0; !rc && pub && i < pub->count; i++)
		if (!pub->rows[i].used)
			rc = csm__err(CSM_EINVALID, "%s: group %s: no such group in the rows", pub->name, pub->rows[i].key);
	return rc;
}

/* The document: `meta` and the groups, through the format's writer. */
static int write_from_tsv(char **out, const csm_benchmark_meta *meta, tsv_groups *groups)
{
	csm__bench_doc doc;
	csm__bench_group *docgroups;
	size_t i;
	int rc;
	if (!(docgroups = malloc(groups->n * sizeof *docgroups)))
		return csm__nomem();
	for (i = 0; i < groups->n; i++) { /* where they stay */
		groups->v[i].g.key = groups->v[i].key;
		groups->v[i].g.overall.b = groups->v[i].bins;
		docgroups[i] = groups->v[i].g;
	}
	memset(&doc, 0, sizeof doc);
	doc.name = meta->name;
	doc.source = meta->source;
	doc.questionnaire = meta->questionnaire;
	doc.date = meta->date;
	doc.min_group = meta->min_group;
	doc.grading = meta->grading;
	doc.grading_estimated = meta->grading_estimated;
	doc.groups = docgroups;
	doc.ngroups = groups->n;
	rc = csm__benchmark_write(out, &doc, CSM__BENCH_INDENTED);
	free(docgroups);
	return rc;
}

int csm_benchmark_from_tsv(char **out, const char *tsv, size_t len, const char *name,
                           const csm_benchmark_meta *meta)
{
	CSM__ARGS(out && tsv && meta);
	csm__problems p = {0};
	tsv_state st;
	pub_state *pub = NULL;
	tsv_groups groups = {0};
	int rc;

	*out = NULL;
	memset(&st, 0, sizeof st);
	st.name = name;
	st.grading = &meta->grading;
	st.p = &p;
	st.line = 1;
	if ((rc = check_meta(meta)))
		return rc;
	if ((rc = parse_rows(&st, tsv, len)))
		goto cleanup;
	if (meta->group_means) {
		if (!(pub = calloc(1, sizeof *pub))) {
			rc = csm__nomem();
			goto cleanup;
		}
		pub->name = meta->group_means_name ? meta->group_means_name : "group means";
		pub->p = &p;
		pub->line = 1;
		if ((rc = parse_published(pub, meta->group_means, meta->group_means_len, pub->name)))
			goto cleanup;
	}
	if (!(rc = csm__problems_finish(&p)) && !(rc = build_groups(&groups, &st, pub)))
		rc = write_from_tsv(out, meta, &groups);
cleanup:
	csm__problems_finish(&p);
	free(st.rows);
	free(groups.v);
	free(pub);
	return rc;
}

/* ---- the csm-benchmark/1 writer ----------------------------------------- */

/* A histogram value's JSON text, kept by the value's bits: the same values
 * recur in every group of an export, and formatting a double is most of
 * writing one (LINES layout; half the time of a 100k-member export). */
#define BW_MEMO 4096
typedef struct bw_memo {
	uint64_t bits;
	char text[32]; /* "" for an empty slot */
} bw_memo;

typedef struct bw {
	csm__buf *o;
	int indented;
	int depth;                /* open objects and arrays */
	unsigned char first[16];  /* per depth: no member or element yet */
	bw_memo *memo;            /* BW_MEMO slots, or NULL: format each time */
} bw;

/* INDENTED numbers are cJSON's own (its round-trip test is approximate, so
 * its digits can differ from csm__buf_number's). */
static void bw_number(bw *w, double v)
{
	cJSON *item;
	char *t;
	if (!w->indented) {
		csm__buf_number(w->o, v);
		return;
	}
	item = cJSON_CreateNumber(v);
	t = item ? cJSON_PrintUnformatted(item) : NULL;
	if (t)
		csm__buf_puts(w->o, t);
	else
		w->o->nomem = 1;
	cJSON_free(t);
	cJSON_Delete(item);
}

static void bw_count(bw *w, unsigned long long c)
{
	if (w->indented)
		bw_number(w, (double)c);
	else
		csm__buf_printf(w->o, "%llu", c);
}

static void bw_open(bw *w, const char *bracket)
{
	csm__buf_puts(w->o, bracket);
	w->first[++w->depth] = 1;
}

static void bw_close_object(bw *w)
{
	int i;
	if (w->indented) {
		csm__buf_puts(w->o, "\n");
		for (i = 1; i < w->depth; i++)
			csm__buf_puts(w->o, "\t");
	}
	csm__buf_puts(w->o, "}");
	w->depth--;
}

static void bw_close_array(bw *w)
{
	csm__buf_puts(w->o, "]");
	w->depth--;
}

/* An object's next member's key. `line`: LINES puts it on a new line. */
static void bw_key(bw *w, const char *key, int line)
{
	int i;
	if (w->indented) {
		csm__buf_puts(w->o, w->first[w->depth] ? "\n" : ",\n");
		for (i = 0; i < w->depth; i++)
			csm__buf_puts(w->o, "\t");
	} else {
		if (!w->first[w->depth])
			csm__buf_puts(w->o, ",");
		if (line)
			csm__buf_puts(w->o, "\n");
	}
	w->first[w->depth] = 0;
	csm__buf_json_string(w->o, key);
	csm__buf_puts(w->o, w->indented ? ":\t" : ":");
}

/* An array's next element. `line`: LINES puts it on a new line. */
static void bw_element(bw *w, int line)
{
	if (!w->first[w->depth])
		csm__buf_puts(w->o, w->indented ? ", " : ",");
	if (line && !w->indented)
		csm__buf_puts(w->o, "\n");
	w->first[w->depth] = 0;
}

/* A histogram value: through the memo where there is one (LINES only; the
 * text is csm__buf_number's), else bw_number. A full memo formats anew. */
static void bw_value(bw *w, double v)
{
	uint64_t bits;
	size_t s, probes;
	if (!w->memo) {
		bw_number(w, v);
		return;
	}
	memcpy(&bits, &v, sizeof bits);
	s = (size_t)((bits * 0x9E3779B97F4A7C15u) >> 52) & (BW_MEMO - 1);
	for (probes = 0; probes < 16; probes++, s = (s + 1) & (BW_MEMO - 1)) {
		bw_memo *m = &w->memo[s];
		if (!m->text[0]) {
			m->bits = bits;
			csm__format_number(m->text, v);
		}
		if (m->bits == bits) {
			csm__buf_puts(w->o, m->text);
			return;
		}
	}
	bw_number(w, v);
}

static void bw_hist(bw *w, const csm__bench_hist *h)
{
	size_t i;
	bw_open(w, "{");
	bw_key(w, "values", 0);
	bw_open(w, "[");
	for (i = 0; i < h->n; i++) {
		bw_element(w, 0);
		bw_value(w, h->b[i].v);
	}
	bw_close_array(w);
	bw_key(w, "counts", 0);
	bw_open(w, "[");
	for (i = 0; i < h->n; i++) {
		bw_element(w, 0);
		bw_count(w, h->b[i].c);
	}
	bw_close_array(w);
	bw_close_object(w);
}

static const char *const stat_name[CSM__STATS] = {"mean", "sd", "q1", "median", "q3", "min", "max"};

/* `parts`: the length of the per-directive arrays (CSM_DIRECTIVES, or a
 * points benchmark's parts). */
static void bw_group(bw *w, const csm__bench_group *g, int parts)
{
	int s, d;
	bw_element(w, 1);
	bw_open(w, "{");
	bw_key(w, "key", 0);
	csm__buf_json_string(w->o, g->key);
	bw_key(w, "n", 0);
	bw_count(w, g->n);
	for (s = 0; s < CSM__STATS; s++) {
		if (!g->has_stat[s])
			continue;
		bw_key(w, stat_name[s], 0);
		bw_open(w, "[");
		for (d = 0; d < parts; d++) {
			bw_element(w, 0);
			if (g->missing[d])
				csm__buf_puts(w->o, "null");
			else
				bw_number(w, g->stat[s][d]);
		}
		bw_close_array(w);
	}
	if (g->dir_hist) {
		bw_key(w, "histogram", 0);
		bw_open(w, "[");
		for (d = 0; d < parts; d++) {
			bw_element(w, 0);
			bw_hist(w, &g->dir_hist[d]);
		}
		bw_close_array(w);
	}
	bw_key(w, "overall", 0);
	bw_open(w, "{");
	if (g->has_overall_mean) {
		bw_key(w, "mean", 0);
		bw_number(w, g->overall_mean);
	}
	for (s = 1; g->has_overall_stats && s < CSM__STATS; s++) {
		bw_key(w, stat_name[s], 0);
		bw_number(w, g->overall_stat[s]);
	}
	bw_key(w, "histogram", 0);
	bw_hist(w, &g->overall);
	bw_close_object(w);
	bw_close_object(w);
}

static void bw_suppressed(bw *w, const csm__bench_suppressed *s, unsigned min_group)
{
	char reason[64];
	if (s->reason == CSM__SUPPRESSED_FEW)
		snprintf(reason, sizeof reason, "fewer than %u organizations", min_group);
	else if (s->reason == CSM__SUPPRESSED_DIFFERS)
		snprintf(reason, sizeof reason, "differs from a published group by 1 to %u organizations", min_group - 1);
	else
		snprintf(reason, sizeof reason, "complementary suppression");
	bw_element(w, 0);
	bw_open(w, "{");
	bw_key(w, "key", 0);
	csm__buf_json_string(w->o, s->key);
	bw_key(w, "reason", 0);
	csm__buf_json_string(w->o, reason);
	bw_close_object(w);
}

int csm__benchmark_write(char **out, const csm__bench_doc *doc, csm__bench_layout layout)
{
	csm__buf o = {0};
	bw w;
	size_t i;

	*out = NULL;
	memset(&w, 0, sizeof w);
	w.o = &o;
	w.indented = layout == CSM__BENCH_INDENTED;
	if (!w.indented)
		w.memo = calloc(BW_MEMO, sizeof *w.memo); /* none: slower, the same text */
	bw_open(&w, "{");
	bw_key(&w, "format", 0);
	csm__buf_json_string(&o, "csm-benchmark/1");
	bw_key(&w, "name", 0);
	csm__buf_json_string(&o, doc->name);
	if (doc->source) {
		bw_key(&w, "source", 0);
		csm__buf_json_string(&o, doc->source);
	}
	bw_key(&w, "questionnaire", 0);
	csm__buf_json_string(&o, doc->questionnaire);
	if (doc->date) {
		bw_key(&w, "date", 0);
		csm__buf_json_string(&o, doc->date);
	}
	if (w.indented && doc->min_group) {
		bw_key(&w, "min_group", 0);
		bw_count(&w, doc->min_group);
	}
	if (doc->max_points > 0) { /* points: no grades */
		int d;
		bw_key(&w, "points", 0);
		bw_open(&w, "{");
		bw_key(&w, "max", 0);
		bw_count(&w, (unsigned long long)doc->max_points);
		bw_key(&w, "parts_max", 0);
		bw_open(&w, "[");
		for (d = 0; d < doc->parts; d++) {
			bw_element(&w, 0);
			bw_number(&w, doc->part_max[d]);
		}
		bw_close_array(&w);
		bw_close_object(&w);
	} else {
		bw_key(&w, "grading", 0);
		bw_open(&w, "{");
		bw_key(&w, "A", 0);
		bw_number(&w, doc->grading.a);
		bw_key(&w, "B", 0);
		bw_number(&w, doc->grading.b);
		if (doc->grading_estimated) {
			bw_key(&w, "estimated", 0);
			csm__buf_puts(&o, "true");
		}
		bw_close_object(&w);
	}
	if (!w.indented) {
		bw_key(&w, "min_group", 0);
		bw_count(&w, doc->min_group);
	}
	bw_key(&w, "groups", 1);
	bw_open(&w, "[");
	for (i = 0; i < doc->ngroups; i++)
		bw_group(&w, &doc->groups[i], doc->max_points > 0 ? doc->parts : CSM_DIRECTIVES);
	bw_close_array(&w);
	if (doc->list_suppressed) {
		bw_key(&w, "suppressed", 1);
		bw_open(&w, "[");
		for (i = 0; i < doc->nsuppressed; i++)
			bw_suppressed(&w, &doc->suppressed[i], doc->min_group);
		bw_close_array(&w);
	}
	bw_close_object(&w);
	if (!w.indented)
		csm__buf_puts(&o, "\n");
	free(w.memo);
	return csm__buf_finish(&o, out);
}

const char *csm__benchmark_mean_json(const csm_benchmark *b, size_t i) { return b->groups[i].mean_json; }

int csm_benchmark_percentile(double *out, const csm_benchmark *b, size_t i, double overall)
{
	const csm__group *g;
	double below = 0, equal = 0, total = 0;
	size_t k;
	CSM__ARGS(out && b);
	if (i >= b->count || !(g = &b->groups[i])->ov_n)
		return 0;
	for (k = 0; k < g->ov_n; k++) {
		total += g->ov_counts[k];
		if (csm__eq(g->ov_values[k], overall))
			equal += g->ov_counts[k];
		else if (g->ov_values[k] < overall)
			below += g->ov_counts[k];
	}
	if (total <= 0)
		return 0;
	*out = 100.0 * (below + equal / 2) / total;
	return 1;
}
