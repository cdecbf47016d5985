/* Streaming, exact aggregation of many assessments into a k-anonymous
 * benchmark (SPEC §7). No assessment is kept: per group and directive only a
 * histogram of directive scores. A directive score is k/n with small n, and
 * IEEE division is correctly rounded, so equal fractions give the same double
 * and the histograms are exact; means, deviations and quartiles come from
 * them. Memory depends on the variety of scores and groups, not on how many
 * assessments are added. */
#include <math.h>
#include "crypto_dl.h" /* libcrypto only when a digest is computed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct bin {
	double v;
	unsigned long long c;
} bin;

typedef struct hist {
	bin *b;
	size_t n, cap;
	unsigned long long total;
	/* Where each value's bin is, by a hash of the value: adding is a look-up,
	 * not a search (bins stay sorted for the statistics). Entries are bin
	 * index + 1; 0 is empty. Rebuilt when a bin is inserted, which is rare. */
	unsigned *slot;
	size_t nslot;
} hist;

/* A member of a group, for the release log (db.c): 16 hex digits naming the
 * organization, 16 digesting its scores; NUL-terminated. */
#define TOKEN 32
typedef char token[TOKEN + 1];

typedef struct tokens {
	token *t;
	size_t n, cap;
} tokens;

typedef struct group {
	char key[80];
	int family;             /* 0 all, 1 grade, 2 industry, 3 size, 4 year, 5 parent group */
	unsigned long long n;   /* assessments */
	hist dir[CSM_DIRECTIVES];
	hist overall;
	int suppressed;         /* 0, 1 (n < k), 2 (complementary), 3 (differs by 1..k-1) */
	char parent[80];        /* an industry's parent group's key, or "" */
	tokens members;         /* only when tracked */
} group;

#define FAMILIES 6
static const char *const family_name[FAMILIES] = {"all", "grade", "industry", "size", "year", "parent"};

struct csm_aggregator {
	const csm_questionnaire *q;
	const csm_industries *ind; /* NULL: industries as given, no parent groups */
	csm_grading grading;
	unsigned min_group;
	char year[8];
	char *name, *source;
	group **groups;
	size_t count, cap;
	/* open-addressing index of groups by key */
	size_t *slots;
	size_t nslots;
	unsigned long long skipped; /* outside --year */
	int track;                  /* keep each group's members (db export) */
	tokens *prior;              /* memberships of groups published earlier */
	size_t nprior, capprior;
	tokens sum[FAMILIES];       /* per family: the members of its published groups */
	long long release;          /* id in the release log, 0 for none */
	EVP_MD *sha256;             /* fetched once: a fetch per digest costs as much as the digest */
};

static size_t hash_value(double v)
{
	unsigned long long bits;
	memcpy(&bits, &v, sizeof bits);
	bits ^= bits >> 29;
	bits *= 0xbf58476d1ce4e5b9ull;
	return (size_t)(bits ^ (bits >> 32));
}

static int hist_reslot(hist *h)
{
	size_t nslot = h->nslot ? h->nslot : 64, i;
	unsigned *slot;
	while (nslot < 2 * (h->n + 1))
		nslot *= 2;
	if (nslot != h->nslot) {
		if (!(slot = realloc(h->slot, nslot * sizeof *slot)))
			return csm__nomem();
		h->slot = slot;
		h->nslot = nslot;
	}
	memset(h->slot, 0, h->nslot * sizeof *h->slot);
	for (i = 0; i < h->n; i++) {
		size_t s = hash_value(h->b[i].v) & (h->nslot - 1);
		while (h->slot[s])
			s = (s + 1) & (h->nslot - 1);
		h->slot[s] = (unsigned)(i + 1);
	}
	return 0;
}

/* Add `c` counts of value `v`. A new value's bin goes last: bins are sorted
 * by value only when read (hist_sort). */
static int hist_add_count(hist *h, double v, unsigned long long c)
{
	size_t s;
	int rc;
	if (2 * (h->n + 1) > h->nslot && (rc = hist_reslot(h)))
		return rc;
	for (s = hash_value(v) & (h->nslot - 1); h->slot[s]; s = (s + 1) & (h->nslot - 1))
		if (h->b[h->slot[s] - 1].v == v) {
			h->b[h->slot[s] - 1].c += c;
			h->total += c;
			return 0;
		}
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		bin *t = realloc(h->b, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		h->b = t;
		h->cap = cap;
	}
	h->b[h->n].v = v;
	h->b[h->n].c = c;
	h->n++;
	h->slot[s] = (unsigned)h->n;
	h->total += c;
	return 0;
}

static int cmp_bin(const void *x, const void *y)
{
	double a = ((const bin *)x)->v, b = ((const bin *)y)->v;
	return a < b ? -1 : a > b;
}

/* Bins in order of value, as the statistics and the export read them. */
static int hist_sort(hist *h)
{
	if (h->n < 2)
		return 0;
	qsort(h->b, h->n, sizeof *h->b, cmp_bin);
	return hist_reslot(h);
}

static int hist_add(hist *h, double v) { return hist_add_count(h, v, 1); }

static size_t hash_key(const char *s) { return (size_t)csm__fnv1a(s, strlen(s), CSM__FNV_BASIS); }

static int reindex(csm_aggregator *ag, size_t nslots)
{
	size_t *slots = malloc(nslots * sizeof *slots), i;
	if (!slots)
		return csm__nomem();
	for (i = 0; i < nslots; i++)
		slots[i] = (size_t)-1;
	for (i = 0; i < ag->count; i++) {
		size_t s = hash_key(ag->groups[i]->key) % nslots;
		while (slots[s] != (size_t)-1)
			s = (s + 1) % nslots;
		slots[s] = i;
	}
	free(ag->slots);
	ag->slots = slots;
	ag->nslots = nslots;
	return 0;
}

/* The group `key` of `family`, created on first use. */
static int group_get(group **out, csm_aggregator *ag, const char *key, int family)
{
	size_t s = hash_key(key) % ag->nslots;
	group *g;
	int rc;
	while (ag->slots[s] != (size_t)-1) {
		if (strcmp(ag->groups[ag->slots[s]]->key, key) == 0) {
			*out = ag->groups[ag->slots[s]];
			return 0;
		}
		s = (s + 1) % ag->nslots;
	}
	if (ag->count >= 10000)
		return csm__err(CSM_EINVALID, "more than 10000 groups: industry or size values look wrong");
	if (ag->count == ag->cap) {
		size_t cap = ag->cap ? ag->cap * 2 : 32;
		group **t = realloc(ag->groups, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		ag->groups = t;
		ag->cap = cap;
	}
	if (!(g = calloc(1, sizeof *g)))
		return csm__nomem();
	snprintf(g->key, sizeof g->key, "%s", key);
	g->family = family;
	ag->groups[ag->count++] = g;
	if (ag->count * 2 > ag->nslots) {
		if ((rc = reindex(ag, ag->nslots * 2)))
			return rc;
	} else {
		ag->slots[s] = ag->count - 1;
	}
	*out = g;
	return 0;
}

void csm_aggregator_free(csm_aggregator *ag)
{
	size_t i;
	int d;
	if (!ag)
		return;
	for (i = 0; i < ag->count; i++) {
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			free(ag->groups[i]->dir[d].b);
			free(ag->groups[i]->dir[d].slot);
		}
		free(ag->groups[i]->overall.b);
		free(ag->groups[i]->overall.slot);
		free(ag->groups[i]->members.t);
		free(ag->groups[i]);
	}
	for (i = 0; i < ag->nprior; i++)
		free(ag->prior[i].t);
	free(ag->prior);
	for (d = 0; d < FAMILIES; d++)
		free(ag->sum[d].t);
	free(ag->groups);
	if (ag->sha256) /* never load libcrypto only to free nothing */
		EVP_MD_free(ag->sha256);
	free(ag->slots);
	free(ag->name);
	free(ag->source);
	free(ag);
}

int csm_aggregator_new(csm_aggregator **out, const csm_questionnaire *q, const csm_aggregate_options *opt)
{
	CSM__ARGS(out && q && opt);
	csm_aggregator *ag;
	group *g;
	int rc;
	static const char *const fixed[4] = {"all", "grade:A", "grade:B", "grade:C"};
	size_t i;

	*out = NULL;
	if (q->choice_count)
		return csm__scale_refuse(q, NULL, "the benchmark aggregate (of levels)");
	if (!csm__grading_valid(&opt->grading))
		return csm__err(CSM_EINVALID, "grading thresholds must satisfy 0 < B < A <= 5");
	if (opt->min_group < 1 || opt->min_group > 1000000)
		return csm__err(CSM_EINVALID, "the minimum group size must be 1 or more");
	if (opt->year && (strlen(opt->year) != 4 || strspn(opt->year, "0123456789") != 4))
		return csm__err(CSM_EINVALID, "year \"%.20s\" is not a year YYYY", opt->year);
	if (!(ag = calloc(1, sizeof *ag)))
		return csm__nomem();
	ag->q = q;
	ag->ind = opt->industries;
	ag->grading = opt->grading;
	ag->min_group = opt->min_group;
	if (opt->year)
		snprintf(ag->year, sizeof ag->year, "%s", opt->year);
	ag->name = csm__strdup(opt->name && opt->name[0] ? opt->name : "csm aggregate");
	ag->source = opt->source ? csm__strdup(opt->source) : NULL;
	if (!ag->name || (opt->source && !ag->source) || (rc = reindex(ag, 64))) {
		csm_aggregator_free(ag);
		return csm__nomem();
	}
	/* The fixed groups exist, and come first, even when empty. */
	for (i = 0; i < 4; i++)
		if ((rc = group_get(&g, ag, fixed[i], i ? 1 : 0))) {
			csm_aggregator_free(ag);
			return rc;
		}
	*out = ag;
	return 0;
}

static int tokens_push(tokens *ts, const char *t)
{
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 16;
		token *n = realloc(ts->t, cap * sizeof *n);
		if (!n)
			return csm__nomem();
		ts->t = n;
		ts->cap = cap;
	}
	memcpy(ts->t[ts->n], t, TOKEN);
	ts->t[ts->n++][TOKEN] = '\0';
	return 0;
}

static int add_to(group *g, const csm_score *s, const char *member)
{
	int d, rc;
	if (member && (rc = tokens_push(&g->members, member)))
		return rc;
	g->n++;
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (s->dir[d].has_score && (rc = hist_add(&g->dir[d], s->dir[d].score)))
			return rc;
	return hist_add(&g->overall, s->overall);
}

static const char hex_digit[] = "0123456789abcdef";

/* The member token of organization `org` (16 hex digits) with score `s`:
 * the organization, and a digest of what it adds to a group. */
static int member_token(csm_aggregator *ag, char out[TOKEN + 1], const char *org, const csm_score *s)
{
	unsigned char buf[CSM_DIRECTIVES * 9 + 8], md[32];
	unsigned len = 0;
	size_t n = 0;
	int d, i;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		buf[n++] = (unsigned char)s->dir[d].has_score;
		memcpy(buf + n, &s->dir[d].score, 8);
		n += 8;
	}
	memcpy(buf + n, &s->overall, 8);
	n += 8;
	if (!ag->sha256)
		ag->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!ag->sha256 || !EVP_Digest(buf, n, md, &len, ag->sha256, NULL) || len != 32)
		return csm__err(CSM_EIO, "the digest (SHA-256) could not be computed");
	memcpy(out, org, 16);
	for (i = 0; i < 8; i++) {
		out[16 + 2 * i] = hex_digit[md[i] >> 4];
		out[17 + 2 * i] = hex_digit[md[i] & 15];
	}
	out[TOKEN] = '\0';
	return 0;
}

static int add_impl(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org);

/* prefix + value (at most `max` bytes of it) into key: snprintf's work
 * without its cost, three times per assessment */
static void key_join(char key[CSM__KEY_MAX], const char *prefix, const char *value, size_t max)
{
	size_t p = strlen(prefix), v = strlen(value);
	if (v > max)
		v = max;
	if (p + v >= CSM__KEY_MAX)
		v = CSM__KEY_MAX - 1 - p;
	memcpy(key, prefix, p);
	memcpy(key + p, value, v);
	key[p + v] = '\0';
}

int csm_aggregator_add(csm_aggregator *ag, const csm_answers *a, unsigned flags)
{
	CSM__ARGS(ag && a);
	return add_impl(ag, a, flags, NULL);
}

int csm__aggregator_track(csm_aggregator *ag)
{
	if (ag->count && ag->groups[0]->n)
		return csm__err(CSM_EINVALID, "members can only be kept from the first assessment on");
	ag->track = 1;
	return 0;
}

int csm__aggregator_add_member(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org)
{
	if (!ag->track || strlen(org) != 16 || strspn(org, "0123456789abcdef") != 16)
		return csm__err(CSM_EINVALID, "a member needs an aggregator that keeps members, and 16 hex digits");
	return add_impl(ag, a, flags, org);
}

static int add_impl(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org)
{
	const char *date = a->field[CSM_FIELD_ASSESSED_ON];
	const char *industry = a->field[CSM_FIELD_ORG_INDUSTRY];
	const char *size = a->field[CSM_FIELD_ORG_SIZE];
	char key[CSM__KEY_MAX], member[TOKEN + 1], *m = NULL;
	csm_score *s = NULL;
	group *g;
	int rc;

	if (ag->track && !org)
		return csm__err(CSM_EINVALID, "this aggregator keeps members: each assessment needs its organization");
	if (ag->year[0] && (!date || strncmp(date, ag->year, 4) != 0)) {
		ag->skipped++;
		return 1;
	}
	if ((rc = csm_score_compute(&s, ag->q, a, &ag->grading, flags)))
		return rc;
	if (!s->has_overall) {
		csm_score_free(s);
		return csm__err(CSM_EINVALID, "%s: no directive has a score (every item is n/a or unanswered)", a->name);
	}
	if (org) {
		if ((rc = member_token(ag, member, org, s)))
			goto done;
		m = member;
	}
	if ((rc = group_get(&g, ag, "all", 0)) || (rc = add_to(g, s, m)))
		goto done;
	key_join(key, "grade:", csm_grade_name(s->grade), CSM__KEY_MAX);
	if ((rc = group_get(&g, ag, key, 1)) || (rc = add_to(g, s, m)))
		goto done;
	if (industry) {
		/* With the list: an older id counts under its new one, and in its
		 * parent group too (a family of its own: each organization is in one
		 * industry and one parent group). An organization that named only a
		 * group counts in that group, not among the industries. */
		const char *parent = csm_industry_parent(ag->ind, industry);
		if (csm_industry_renamed(ag->ind, industry))
			industry = csm_industry_renamed(ag->ind, industry), parent = csm_industry_parent(ag->ind, industry);
		if (!csm_industry_is_group(ag->ind, industry)) {
			csm__industry_key(key, industry);
			if ((rc = group_get(&g, ag, key, 2)) || (rc = add_to(g, s, m)))
				goto done;
			if (parent)
				snprintf(g->parent, sizeof g->parent, "industry:%s", parent);
		}
		if (parent) {
			csm__industry_key(key, parent);
			if ((rc = group_get(&g, ag, key, 5)) || (rc = add_to(g, s, m)))
				goto done;
		}
	}
	if (size) {
		key_join(key, "size:", size, CSM__KEY_MAX);
		if ((rc = group_get(&g, ag, key, 3)) || (rc = add_to(g, s, m)))
			goto done;
	}
	if (date) {
		key_join(key, "year:", date, 4);
		if ((rc = group_get(&g, ag, key, 4)) || (rc = add_to(g, s, m)))
			goto done;
	}
done:
	csm_score_free(s);
	return rc;
}

int csm_aggregator_merge(csm_aggregator *into, const csm_aggregator *from)
{
	CSM__ARGS(into && from);
	size_t i, b;
	int d, rc;
	if (into->q != from->q && strcmp(into->q->id, from->q->id) != 0)
		return csm__err(CSM_EINVALID, "aggregators of different questionnaires cannot be merged");
	if (into->track || from->track)
		return csm__err(CSM_EINVALID, "aggregators that keep members cannot be merged");
	for (i = 0; i < from->count; i++) {
		const group *g = from->groups[i];
		group *t;
		if ((rc = group_get(&t, into, g->key, g->family)))
			return rc;
		memcpy(t->parent, g->parent, sizeof t->parent);
		t->n += g->n;
		for (d = 0; d < CSM_DIRECTIVES; d++)
			for (b = 0; b < g->dir[d].n; b++)
				if ((rc = hist_add_count(&t->dir[d], g->dir[d].b[b].v, g->dir[d].b[b].c)))
					return rc;
		for (b = 0; b < g->overall.n; b++)
			if ((rc = hist_add_count(&t->overall, g->overall.b[b].v, g->overall.b[b].c)))
				return rc;
	}
	into->skipped += from->skipped;
	return 0;
}

unsigned long long csm_aggregator_count(const csm_aggregator *ag)
{
	return ag && ag->count ? ag->groups[0]->n : 0;
}

/* ---- suppression ------------------------------------------------------- */

/* Tokens are hex text: compared 8 bytes at a time as big-endian numbers,
 * which orders them as memcmp does, at a fraction of the calls. */
static int cmp_token(const void *x, const void *y)
{
	const unsigned char *a = x, *b = y;
	int i;
	for (i = 0; i < TOKEN; i += 8) {
		unsigned long long u = 0, v = 0;
		int k;
		for (k = 0; k < 8; k++) {
			u = u << 8 | a[i + k];
			v = v << 8 | b[i + k];
		}
		if (u != v)
			return u < v ? -1 : 1;
	}
	return 0;
}

/* An earlier published group's members: tokens joined by commas. */
int csm__aggregator_prior(csm_aggregator *ag, const char *members)
{
	tokens ts = {0};
	const char *p = members;
	int rc;
	while (*p) {
		if (strspn(p, "0123456789abcdef") != TOKEN || (p[TOKEN] != ',' && p[TOKEN] != '\0')) {
			free(ts.t);
			return csm__err(CSM_EINVALID, "release log: a group's members are not tokens of %d hex digits", TOKEN);
		}
		if ((rc = tokens_push(&ts, p))) {
			free(ts.t);
			return rc;
		}
		p += TOKEN + (p[TOKEN] == ',');
	}
	if (ts.n > 1)
		qsort(ts.t, ts.n, sizeof *ts.t, cmp_token);
	if (ag->nprior == ag->capprior) {
		size_t cap = ag->capprior ? ag->capprior * 2 : 16;
		tokens *t = realloc(ag->prior, cap * sizeof *t);
		if (!t) {
			free(ts.t);
			return csm__nomem();
		}
		ag->prior = t;
		ag->capprior = cap;
	}
	ag->prior[ag->nprior++] = ts;
	return 0;
}

/* Whether the organizations in one membership and not the other, or in both
 * with different scores, number 1..k-1: subtracting the two groups' figures
 * would then isolate fewer than k organizations. Both sorted; an
 * organization is in a group at most once (its latest assessment). */
static int differ_by_few(const tokens *a, const tokens *b, unsigned k)
{
	size_t i = 0, j = 0;
	unsigned long long d = 0;
	char last[17] = "";
	if ((a->n > b->n ? a->n - b->n : b->n - a->n) >= k)
		return 0;
	while ((i < a->n || j < b->n) && d < k) {
		const char *t;
		int c = i == a->n ? 1 : j == b->n ? -1 : memcmp(a->t[i], b->t[j], TOKEN);
		if (c == 0) {
			i++, j++;
			continue;
		}
		t = c < 0 ? a->t[i++] : b->t[j++];
		if (memcmp(t, last, 16) != 0) { /* a changed member is in both lists, next to each other */
			memcpy(last, t, 16);
			d++;
		}
	}
	return d > 0 && d < k;
}

/* Within each family that partitions "all" (grades, industries, sizes,
 * years), the organizations not published - suppressed groups plus those
 * without a value for the family - must number 0 or at least k; otherwise
 * they could be recovered by subtracting the published groups from "all".
 * Suppress the smallest published group of the family until that holds.
 * Returns whether anything was suppressed. */
static int suppress_complement(csm_aggregator *ag)
{
	unsigned long long all = ag->groups[0]->n;
	size_t i;
	int f, changed = 0;

	for (f = 1; f < FAMILIES; f++) {
		for (;;) {
			unsigned long long hidden = all, smallest_n = 0;
			group *smallest = NULL;
			for (i = 0; i < ag->count; i++) {
				group *g = ag->groups[i];
				if (g->family != f || g->suppressed)
					continue;
				hidden -= g->n; /* what the published groups of the family do not cover */
				if (g->n > 0 && (!smallest || g->n < smallest_n))
					smallest = g, smallest_n = g->n;
			}
			if (hidden == 0 || hidden >= ag->min_group || !smallest)
				break;
			smallest->suppressed = 2;
			changed = 1;
		}
	}
	return changed;
}

/* A parent group holds its industries: what its published industries do not
 * cover (suppressed industries and organizations that named only the group)
 * must number 0 or at least k, or subtracting would give it away. Suppress
 * the smallest published industry of the group until that holds. */
static int suppress_nested(csm_aggregator *ag)
{
	size_t i, j;
	int changed = 0;
	for (i = 0; i < ag->count; i++) {
		const group *p = ag->groups[i];
		if (p->family != 5 || p->suppressed)
			continue;
		for (;;) {
			unsigned long long hidden = p->n;
			group *smallest = NULL;
			for (j = 0; j < ag->count; j++) {
				group *g = ag->groups[j];
				if (g->family != 2 || g->suppressed || strcmp(g->parent, p->key) != 0)
					continue;
				hidden -= g->n;
				if (g->n > 0 && (!smallest || g->n < smallest->n))
					smallest = g;
			}
			if (hidden == 0 || hidden >= ag->min_group || !smallest)
				break;
			smallest->suppressed = 2;
			changed = 1;
		}
	}
	return changed;
}

/* The members of the published groups of family `f` together: what adding
 * them up gives. They are disjoint (one grade, industry, size, year each). */
static int family_sum(csm_aggregator *ag, int f)
{
	tokens *u = &ag->sum[f];
	size_t i, t;
	int rc;
	u->n = 0;
	for (i = 0; i < ag->count; i++) {
		const group *g = ag->groups[i];
		if (g->family != f || g->suppressed || !g->n)
			continue;
		for (t = 0; t < g->members.n; t++)
			if ((rc = tokens_push(u, g->members.t[t])))
				return rc;
	}
	if (u->n > 1)
		qsort(u->t, u->n, sizeof *u->t, cmp_token);
	return 0;
}

static group *smallest_of(csm_aggregator *ag, int f)
{
	group *s = NULL;
	size_t i;
	for (i = 0; i < ag->count; i++) {
		group *g = ag->groups[i];
		if (g->family == f && !g->suppressed && g->n && (!s || g->n < s->n))
			s = g;
	}
	return s;
}

/* With members kept (db export): no two published groups - of this export,
 * or this one and one published earlier - may differ by 1..k-1
 * organizations, or their difference would give those organizations'
 * scores away. The same for the sum of a family's published groups (a
 * difference of three or more groups): against every group, every other
 * family's sum and what earlier releases published. Of two groups of this
 * export the smaller goes; for a sum, the smallest group of its family. */
static int suppress_pairs(csm_aggregator *ag, int *changed)
{
	unsigned k = ag->min_group;
	size_t i, j;
	int f, h, rc;
	for (i = 0; i < ag->count; i++) {
		group *g = ag->groups[i];
		if (g->suppressed || !g->n)
			continue;
		for (j = 0; j < ag->nprior && !g->suppressed; j++)
			if (differ_by_few(&g->members, &ag->prior[j], k))
				g->suppressed = 3, *changed = 1;
	}
	for (i = 0; i < ag->count; i++)
		for (j = i + 1; j < ag->count; j++) {
			group *a = ag->groups[i], *b = ag->groups[j];
			if (a->suppressed || b->suppressed || !a->n || !b->n || !differ_by_few(&a->members, &b->members, k))
				continue;
			(a->n < b->n ? a : b)->suppressed = 3;
			*changed = 1;
		}
	/* "all" against a sum is the complementary rule's (suppress_complement) */
	for (f = 1; f < FAMILIES; f++) {
		if ((rc = family_sum(ag, f)))
			return rc;
		if (!ag->sum[f].n)
			continue;
		for (i = 0; i < ag->count; i++) {
			group *g = ag->groups[i];
			if (g->family != f && g->family != 0 && !g->suppressed && g->n &&
			    differ_by_few(&g->members, &ag->sum[f], k))
				g->suppressed = 3, *changed = 1;
		}
		for (j = 0; j < ag->nprior; j++)
			if (differ_by_few(&ag->sum[f], &ag->prior[j], k)) {
				smallest_of(ag, f)->suppressed = 3;
				*changed = 1;
				if ((rc = family_sum(ag, f)))
					return rc;
				j = (size_t)-1; /* again, with the new sum */
				if (!ag->sum[f].n)
					break;
			}
		for (h = 1; h < f; h++)
			if (ag->sum[h].n && differ_by_few(&ag->sum[f], &ag->sum[h], k)) {
				smallest_of(ag, f)->suppressed = 3;
				*changed = 1;
				break; /* the next round sees the new sums */
			}
	}
	return 0;
}

static int suppress(csm_aggregator *ag)
{
	unsigned long long all = ag->groups[0]->n;
	size_t i;
	int rc, f;

	for (i = 0; i < ag->count; i++) {
		ag->groups[i]->suppressed = ag->groups[i]->n < ag->min_group;
		if (ag->track && ag->groups[i]->members.n > 1)
			qsort(ag->groups[i]->members.t, ag->groups[i]->members.n, sizeof(token), cmp_token);
	}
	if (all < ag->min_group) {
		for (i = 0; i < ag->count; i++)
			if (!ag->groups[i]->suppressed)
				ag->groups[i]->suppressed = 2;
	} else {
		/* Each step only takes groups away; repeat until every rule holds. */
		for (;;) {
			int changed = 0;
			if (ag->track && (rc = suppress_pairs(ag, &changed)))
				return rc;
			changed |= suppress_complement(ag);
			changed |= suppress_nested(ag);
			if (!changed)
				break;
		}
	}
	if (ag->track) /* the sums as published, for the release log */
		for (f = 1; f < FAMILIES; f++)
			if ((rc = family_sum(ag, f)))
				return rc;
	return 0;
}

/* ---- export ------------------------------------------------------------ */

/* The value at sorted position `i` (0-based) of a histogram. */
static double nth(const hist *h, unsigned long long i)
{
	size_t b;
	for (b = 0; b < h->n; b++) {
		if (i < h->b[b].c)
			return h->b[b].v;
		i -= h->b[b].c;
	}
	return h->n ? h->b[h->n - 1].v : 0;
}

typedef struct stats {
	int has;
	double mean, sd, q[3], min, max;
} stats;

static stats stats_of(const hist *h)
{
	stats st;
	long double sum = 0, sq = 0;
	size_t b;
	int i;
	memset(&st, 0, sizeof st);
	if (!h->total)
		return st;
	st.has = 1;
	for (b = 0; b < h->n; b++)
		sum += (long double)h->b[b].v * (long double)h->b[b].c;
	st.mean = (double)(sum / (long double)h->total);
	for (b = 0; b < h->n; b++) {
		long double dv = (long double)h->b[b].v - (long double)st.mean;
		sq += dv * dv * (long double)h->b[b].c;
	}
	st.sd = h->total > 1 ? (double)sqrtl(sq / (long double)(h->total - 1)) : 0;
	st.min = h->b[0].v;
	st.max = h->b[h->n - 1].v;
	/* Quartiles as Python's statistics.quantiles(n=4, method="inclusive"). */
	for (i = 1; i <= 3; i++) {
		unsigned long long m = h->total - 1, j = (unsigned long long)i * m / 4, delta = (unsigned long long)i * m - 4 * j;
		st.q[i - 1] = h->total == 1 ? st.min : (nth(h, j) * (double)(4 - delta) + nth(h, j + 1) * (double)delta) / 4;
	}
	return st;
}

static void w_hist(csm__buf *o, const hist *h)
{
	size_t b;
	csm__buf_puts(o, "{\"values\":[");
	for (b = 0; b < h->n; b++) {
		if (b)
			csm__buf_puts(o, ",");
		csm__buf_number(o, h->b[b].v);
	}
	csm__buf_puts(o, "],\"counts\":[");
	for (b = 0; b < h->n; b++)
		csm__buf_printf(o, "%s%llu", b ? "," : "", h->b[b].c);
	csm__buf_puts(o, "]}");
}

static int cmp_group(const void *x, const void *y)
{
	const group *a = *(const group *const *)x, *b = *(const group *const *)y;
	if (a->family != b->family)
		return a->family - b->family;
	if (a->family == 1) /* A, B, C */
		return strcmp(a->key, b->key);
	return strcmp(a->key, b->key);
}

int csm_aggregator_export(char **out, csm_aggregator *ag)
{
	CSM__ARGS(out && ag);
	return csm__aggregator_export_release(out, ag, NULL, NULL);
}

int csm__aggregator_export_release(char **out, csm_aggregator *ag, csm__release_fn record, void *ctx)
{
	static const char *const fields[7] = {"mean", "sd", "q1", "median", "q3", "min", "max"};
	csm__buf o = {0};
	size_t i, k;
	int d, first = 1, f, rc;

	*out = NULL;
	if (record && !ag->track)
		return csm__err(CSM_EINVALID, "a release needs an aggregator that keeps members");
	qsort(ag->groups, ag->count, sizeof *ag->groups, cmp_group);
	for (i = 0; i < ag->count; i++) {
		for (d = 0; d < CSM_DIRECTIVES; d++)
			if ((rc = hist_sort(&ag->groups[i]->dir[d])))
				return rc;
		if ((rc = hist_sort(&ag->groups[i]->overall)))
			return rc;
	}
	if ((rc = reindex(ag, ag->nslots)) || (rc = suppress(ag)))
		return rc;
	if (record) /* the release log first: what is not logged is not published */
		for (i = 0; i < ag->count; i++) {
			const group *g = ag->groups[i];
			csm__buf m = {0};
			char *text;
			size_t t;
			if (g->suppressed || g->n == 0)
				continue;
			for (t = 0; t < g->members.n; t++) {
				if (t)
					csm__buf_puts(&m, ",");
				csm__buf_add(&m, g->members.t[t], TOKEN);
			}
			if ((rc = csm__buf_finish(&m, &text)))
				return rc;
			rc = record(ctx, g->key, g->n, text);
			free(text);
			if (rc)
				return rc;
		}
	if (record) /* and what adding up each family's published groups gives */
		for (f = 1; f < FAMILIES; f++) {
			const tokens *u = &ag->sum[f];
			csm__buf m = {0};
			char *text, key[32];
			size_t t, groups = 0;
			for (i = 0; i < ag->count; i++)
				groups += ag->groups[i]->family == f && !ag->groups[i]->suppressed && ag->groups[i]->n;
			if (groups < 2) /* nothing a published group does not already say */
				continue;
			for (t = 0; t < u->n; t++) {
				if (t)
					csm__buf_puts(&m, ",");
				csm__buf_add(&m, u->t[t], TOKEN);
			}
			if ((rc = csm__buf_finish(&m, &text)))
				return rc;
			snprintf(key, sizeof key, "sum:%s", family_name[f]);
			rc = record(ctx, key, u->n, text);
			free(text);
			if (rc)
				return rc;
		}
	csm__buf_puts(&o, "{\"format\":\"csm-benchmark/1\",\"name\":");
	csm__buf_json_string(&o, ag->name);
	if (ag->source) {
		csm__buf_puts(&o, ",\"source\":");
		csm__buf_json_string(&o, ag->source);
	}
	csm__buf_puts(&o, ",\"questionnaire\":");
	csm__buf_json_string(&o, ag->q->id);
	csm__buf_puts(&o, ",\"grading\":{\"A\":");
	csm__buf_number(&o, ag->grading.a);
	csm__buf_puts(&o, ",\"B\":");
	csm__buf_number(&o, ag->grading.b);
	csm__buf_printf(&o, "},\"min_group\":%u,\n\"groups\":[", ag->min_group);
	for (i = 0; i < ag->count; i++) {
		const group *g = ag->groups[i];
		stats st[CSM_DIRECTIVES], ov;
		if (g->suppressed || g->n == 0)
			continue;
		for (d = 0; d < CSM_DIRECTIVES; d++)
			st[d] = stats_of(&g->dir[d]);
		csm__buf_puts(&o, first ? "\n{\"key\":" : ",\n{\"key\":");
		first = 0;
		csm__buf_json_string(&o, g->key);
		csm__buf_printf(&o, ",\"n\":%llu", g->n);
		for (f = 0; f < 7; f++) {
			csm__buf_printf(&o, ",\"%s\":[", fields[f]);
			for (d = 0; d < CSM_DIRECTIVES; d++) {
				double v = f == 0 ? st[d].mean : f == 1 ? st[d].sd : f <= 4 ? st[d].q[f - 2] : f == 5 ? st[d].min : st[d].max;
				if (d)
					csm__buf_puts(&o, ",");
				if (st[d].has)
					csm__buf_number(&o, v);
				else
					csm__buf_puts(&o, "null");
			}
			csm__buf_puts(&o, "]");
		}
		csm__buf_puts(&o, ",\"histogram\":[");
		for (d = 0; d < CSM_DIRECTIVES; d++) {
			if (d)
				csm__buf_puts(&o, ",");
			w_hist(&o, &g->dir[d]);
		}
		ov = stats_of(&g->overall);
		csm__buf_puts(&o, "],\"overall\":{\"mean\":");
		csm__buf_number(&o, ov.mean);
		csm__buf_puts(&o, ",\"histogram\":");
		w_hist(&o, &g->overall);
		csm__buf_puts(&o, "}}");
	}
	csm__buf_puts(&o, "],\n\"suppressed\":[");
	for (i = 0, k = 0; i < ag->count; i++) {
		const group *g = ag->groups[i];
		char reason[64];
		if (!g->suppressed || g->n == 0)
			continue;
		if (g->suppressed == 1)
			snprintf(reason, sizeof reason, "fewer than %u organizations", ag->min_group);
		else if (g->suppressed == 3)
			snprintf(reason, sizeof reason, "differs from a published group by 1 to %u organizations",
			         ag->min_group - 1);
		else
			snprintf(reason, sizeof reason, "complementary suppression");
		csm__buf_puts(&o, k++ ? ",{\"key\":" : "{\"key\":");
		csm__buf_json_string(&o, g->key);
		csm__buf_puts(&o, ",\"reason\":");
		csm__buf_json_string(&o, reason);
		csm__buf_puts(&o, "}");
	}
	csm__buf_puts(&o, "]}\n");
	return csm__buf_finish(&o, out);
}
