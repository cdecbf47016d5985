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

#include "aggregate.h"
#include "answers.h"
#include "benchmark.h"
#include "benchmark_write.h"
#include "error.h"
#include "industries.h"
#include "questionnaire.h"
#include "score.h"
#include "util.h"

typedef csm__bench_bin bin; /* the histograms are written as they are */

/* Score values numbered in order of first sight (value_id). */
typedef struct values {
	double *v;
	unsigned *slot;
	size_t n, cap, nslot;
} values;

typedef struct hist {
	bin *b;
	size_t n, cap;
	unsigned long long total;
	/* Where each value's bin is, by a hash of the value: adding is a look-up,
	 * not a search (bins stay sorted for the statistics). Entries are bin
	 * index + 1; 0 is empty. Rebuilt when a bin is inserted, which is rare. */
	unsigned *slot;
	size_t nslot;
	/* The fast way in (hist_add_vid): counts by the aggregator's number of
	 * the value, not yet in the bins (hist_flush moves them there). One
	 * increment an add, where a bin is a look-up and then an increment:
	 * an assessment adds to 66 histograms. */
	unsigned long long *cnt;
	size_t ncnt;
	unsigned long long counted; /* adds the fast way: what cnt may grow to */
} hist;

/* A member of a group, for the release log (db.c): 16 hex digits naming the
 * organization, 16 digesting its scores; NUL-terminated. */
#define TOKEN 32
typedef char token[TOKEN + 1];

/* A membership: where its tokens are (each TOKEN bytes, not copied: in the
 * aggregator's members, or in `own`, the text of an earlier release's). */
typedef struct tokens {
	const char **t;
	size_t n, cap;
	char *own;
} tokens;

#define FAMILIES 6

typedef struct group {
	char key[80];
	int family;             /* 0 all, 1 grade, 2 industry, 3 size, 4 year, 5 parent group */
	unsigned long long n;   /* assessments */
	hist dir[CSM_DIRECTIVES];
	hist overall;
	int suppressed;         /* 0, 1 (n < k), 2 (complementary), 3 (differs by 1..k-1) */
	char parent[CSM__KEY_MAX]; /* an industry's parent group's key, or "" */
	tokens members;         /* only when tracked; filled, in order, by sort_members */
} group;

/* A tracked assessment: its token and the group it joined in each family
 * (one at most: "all", a grade, an industry, a size, a year, a parent). */
typedef struct member {
	token t;
	group *g[FAMILIES];
} member;

static const char *const family_name[FAMILIES] = {"all", "grade", "industry", "size", "year", "parent"};

/* What an industry id adds an assessment to (industry_of): "" for none. */
typedef struct industry_groups {
	char id[72];                  /* of the memo entry; "" empty */
	char key[CSM__KEY_MAX];       /* its industry's group */
	char parent_key[CSM__KEY_MAX];/* its parent group, or "" */
} industry_groups;

#define INDUSTRY_MEMO 64


struct csm_aggregator {
	const csm_questionnaire *q;
	/* A questionnaire with its own scale (sme-check): its parts' points take
	 * the directives' place, the total points the overall's; no grades. */
	int points;
	int max_points, part_max[CSM_DIRECTIVES]; /* the most points, in all and per part */
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
	member *members;            /* when tracked: every assessment added */
	size_t nmembers, capmembers;
	tokens *prior;              /* memberships of groups published earlier */
	size_t nprior, capprior;
	tokens sum[FAMILIES];       /* per family: the members of its published groups */
	/* Every score value seen, numbered (value_id) per directive and for the
	 * overall score: an assessment's scores are looked up once, not once per
	 * group it joins, and each histogram counts by number (hist.cnt). */
	values vt[CSM_DIRECTIVES + 1];
	industry_groups imemo[INDUSTRY_MEMO];
	long long release;          /* id in the release log, 0 for none */
	EVP_MD *sha256;             /* fetched once: a fetch per digest costs as much as the digest */
	EVP_MD_CTX *mdctx;          /* made once (csm__digest) */
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

/* Add one of value `v`, numbered `vid` by value_id. */
static int hist_add_vid(hist *h, double v, unsigned vid)
{
	if (vid >= h->ncnt) {
		size_t n = h->ncnt ? h->ncnt : 16;
		unsigned long long *t;
		while (n <= vid)
			n *= 2;
		/* Numbers are the aggregator's: a histogram that sees few values
		 * takes the hash way, and its memory stays a multiple of its adds
		 * (and of the values there are). */
		if (n > 8 * (h->counted + h->n + 16))
			return hist_add_count(h, v, 1);
		if (!(t = realloc(h->cnt, n * sizeof *t)))
			return csm__nomem();
		memset(t + h->ncnt, 0, (n - h->ncnt) * sizeof *t);
		h->cnt = t;
		h->ncnt = n;
	}
	h->cnt[vid]++;
	h->counted++;
	return 0;
}

/* The counts of hist_add_vid into the bins; `vt` numbered their values. */
static int hist_flush(hist *h, const values *vt, const unsigned *order)
{
	size_t i;
	int rc;
	for (i = 0; i < vt->n; i++) { /* in order of value: new bins come sorted */
		unsigned id = order[i];
		if (id < h->ncnt && h->cnt[id]) {
			if ((rc = hist_add_count(h, vt->v[id], h->cnt[id])))
				return rc;
			h->cnt[id] = 0;
		}
	}
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
	size_t i;
	for (i = 1; i < h->n && h->b[i - 1].v < h->b[i].v; i++)
		;
	if (i >= h->n) /* as a rule (hist_flush) */
		return 0;
	qsort(h->b, h->n, sizeof *h->b, cmp_bin);
	return hist_reslot(h);
}

/* The number of value `v` among the values `vt` (see hist.cnt). */
static int value_id(values *vt, double v, unsigned *vid)
{
	size_t s, i;
	if (2 * (vt->n + 1) > vt->nslot) {
		size_t n = vt->nslot ? vt->nslot * 2 : 64;
		unsigned *t = calloc(n, sizeof *t);
		if (!t)
			return csm__nomem();
		for (i = 0; i < vt->n; i++) {
			for (s = hash_value(vt->v[i]) & (n - 1); t[s]; s = (s + 1) & (n - 1))
				;
			t[s] = (unsigned)(i + 1);
		}
		free(vt->slot);
		vt->slot = t;
		vt->nslot = n;
	}
	for (s = hash_value(v) & (vt->nslot - 1); vt->slot[s]; s = (s + 1) & (vt->nslot - 1))
		if (vt->v[vt->slot[s] - 1] == v) {
			*vid = vt->slot[s] - 1;
			return 0;
		}
	if (vt->n == vt->cap) {
		size_t cap = vt->cap ? vt->cap * 2 : 64;
		double *t = realloc(vt->v, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		vt->v = t;
		vt->cap = cap;
	}
	vt->v[vt->n] = v;
	*vid = (unsigned)vt->n;
	vt->slot[s] = (unsigned)++vt->n;
	return 0;
}

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
			free(ag->groups[i]->dir[d].cnt);
		}
		free(ag->groups[i]->overall.b);
		free(ag->groups[i]->overall.slot);
		free(ag->groups[i]->overall.cnt);
		free(ag->groups[i]->members.t);
		free(ag->groups[i]);
	}
	for (i = 0; i < ag->nprior; i++)
		free(ag->prior[i].t), free(ag->prior[i].own);
	free(ag->prior);
	for (d = 0; d < FAMILIES; d++)
		free(ag->sum[d].t);
	free(ag->groups);
	free(ag->members);
	for (d = 0; d <= CSM_DIRECTIVES; d++) {
		free(ag->vt[d].v);
		free(ag->vt[d].slot);
	}
	csm__digest_free(ag->mdctx);
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
	if (opt->version != CSM_AGGREGATE_OPTIONS_VERSION)
		return csm__err(CSM_EINVALID, "aggregate: options version %u is not %u (start from CSM_AGGREGATE_OPTIONS_INIT)",
		                opt->version, CSM_AGGREGATE_OPTIONS_VERSION);
	if (!q->choice_count && !csm__grading_valid(&opt->grading))
		return csm__err(CSM_EINVALID, "grading thresholds must satisfy 0 < B < A <= 5");
	if (opt->min_group < 1 || opt->min_group > 1000000)
		return csm__err(CSM_EINVALID, "the minimum group size must be 1 or more");
	if (opt->year && (strlen(opt->year) != 4 || strspn(opt->year, "0123456789") != 4))
		return csm__err(CSM_EINVALID, "year \"%.20s\" is not a year YYYY", opt->year);
	if (!(ag = calloc(1, sizeof *ag)))
		return csm__nomem();
	ag->q = q;
	ag->points = q->choice_count > 0;
	for (i = 0; ag->points && i < q->item_count; i++) {
		ag->part_max[q->items[i].directive - 1] += q->choices[q->best_choice].points;
		ag->max_points += q->choices[q->best_choice].points;
	}
	if (ag->points && ag->max_points <= 0) {
		csm_aggregator_free(ag);
		return csm__err(CSM_EINVALID, "questionnaire %s: its scale gives no points to aggregate", q->id);
	}
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
	/* The fixed groups exist, and come first, even when empty (points have no grades). */
	for (i = 0; i < (ag->points ? 1u : 4u); i++)
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
		const char **n = realloc(ts->t, cap * sizeof *n);
		if (!n)
			return csm__nomem();
		ts->t = n;
		ts->cap = cap;
	}
	ts->t[ts->n++] = t;
	return 0;
}

/* Add to group `g` score `s`, its values numbered `vid` (value_id: the
 * directives', then the overall's); a tracked assessment `m` (NULL:
 * untracked) notes it. */
static int add_to(group *g, const csm_score *s, const unsigned *vid, member *m)
{
	int d, rc;
	if (m)
		m->g[g->family] = g;
	g->n++;
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (s->dir[d].has_score && (rc = hist_add_vid(&g->dir[d], s->dir[d].score, vid[d])))
			return rc;
	return hist_add_vid(&g->overall, s->overall, vid[CSM_DIRECTIVES]);
}

static const char hex_digit[] = "0123456789abcdef";

/* The member token of organization `org` (16 hex digits) with score `s`:
 * the organization, and a digest of what it adds to a group. */
static int member_token(csm_aggregator *ag, char out[TOKEN + 1], const char *org, const csm_score *s)
{
	unsigned char buf[CSM_DIRECTIVES * 9 + 8], md[32];
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
	if (!ag->sha256 || !csm__digest(&ag->mdctx, ag->sha256, buf, n, md))
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
static int new_member(member **out, csm_aggregator *ag, const char *org, const csm_score *s);
static int add_to_groups(csm_aggregator *ag, const csm_answers *a, const csm_score *s, const unsigned *vid, member *m);

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

/* The groups of industry `id`. With the list: an older id counts under its
 * new one, and in its parent group too (a family of its own: each
 * organization is in one industry and one parent group). An organization
 * that named only a group counts in that group, not among the industries.
 * Kept per id (industry_memo): the look-ups are searches of the list. */
static void industry_of(industry_groups *out, csm_aggregator *ag, const char *id)
{
	size_t n = strlen(id);
	industry_groups *m = &ag->imemo[csm__fnv1a(id, n, CSM__FNV_BASIS) % INDUSTRY_MEMO];
	const char *industry, *parent;
	if (n < sizeof m->id && strcmp(m->id, id) == 0 && m->id[0]) {
		*out = *m;
		return;
	}
	memset(out, 0, sizeof *out);
	industry = csm__industry_current(ag->ind, id);
	parent = csm_industry_parent(ag->ind, industry);
	if (!csm_industry_is_group(ag->ind, industry))
		csm__industry_key(out->key, industry);
	if (parent)
		csm__industry_key(out->parent_key, parent);
	if (n < sizeof m->id) {
		*m = *out;
		memcpy(m->id, id, n + 1);
	}
}

/* An assessment in points as a score: part g's points as directive g's
 * score, the total as the overall, no grade. The histograms and the member
 * tokens then take it as they take levels. Free with csm_score_free(). */
static int points_vector(csm_score **out, const csm_questionnaire *q, const csm_answers *a, unsigned flags)
{
	csm_points *p = NULL;
	csm_score *s;
	int g, rc;
	*out = NULL;
	if ((rc = csm_points_compute(&p, q, a, flags)))
		return rc;
	if (!(s = calloc(1, sizeof *s))) {
		csm_points_free(p);
		return csm__nomem();
	}
	s->q = q;
	for (g = 1; g <= q->group_count; g++) {
		s->dir[g - 1].has_score = 1;
		s->dir[g - 1].score = csm_points_group(p, g);
	}
	s->overall = csm_points_total(p);
	s->has_overall = 1;
	s->grade = CSM_GRADE_NONE;
	csm_points_free(p);
	*out = s;
	return 0;
}

static int add_impl(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org)
{
	const char *date = a->field[CSM_FIELD_ASSESSED_ON];
	member *m = NULL;
	unsigned vid[CSM_DIRECTIVES + 1] = {0};
	int d;
	csm_score *s = NULL;
	int rc;

	if (ag->track && !org)
		return csm__err(CSM_EINVALID, "this aggregator keeps members: each assessment needs its organization");
	if (ag->year[0] && (!date || strncmp(date, ag->year, 4) != 0)) {
		ag->skipped++;
		return 1;
	}
	if (ag->points) {
		if ((rc = points_vector(&s, ag->q, a, flags)))
			return rc;
	} else if ((rc = csm_score_compute(&s, ag->q, a, &ag->grading, flags))) {
		return rc;
	}
	if (!s->has_overall) {
		csm_score_free(s);
		return csm__err(CSM_EINVALID, "%s: no directive has a score (every item is n/a or unanswered)", a->name);
	}
	for (d = 0; d < CSM_DIRECTIVES; d++)
		if (s->dir[d].has_score && (rc = value_id(&ag->vt[d], s->dir[d].score, &vid[d])))
			goto done;
	if ((rc = value_id(&ag->vt[CSM_DIRECTIVES], s->overall, &vid[CSM_DIRECTIVES])))
		goto done;
	if ((org && (rc = new_member(&m, ag, org, s))) || (rc = add_to_groups(ag, a, s, vid, m)))
		goto done;
done:
	csm_score_free(s);
	return rc;
}

/* A new member for organization `org` with score `s`: its token in the
 * release log. */
static int new_member(member **out, csm_aggregator *ag, const char *org, const csm_score *s)
{
	member *m;
	int rc;
	if (ag->nmembers == ag->capmembers) {
		size_t cap = ag->capmembers ? ag->capmembers * 2 : 1024;
		member *t = realloc(ag->members, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		ag->members = t;
		ag->capmembers = cap;
	}
	m = &ag->members[ag->nmembers];
	memset(m, 0, sizeof *m);
	if ((rc = member_token(ag, m->t, org, s)))
		return rc;
	ag->nmembers++;
	*out = m;
	return 0;
}

/* Score `s` (value ids `vid`, member `m` or NULL) into every group the
 * assessment belongs to: all, its grade, its industry and parent group, its
 * size and its year. */
static int add_to_groups(csm_aggregator *ag, const csm_answers *a, const csm_score *s, const unsigned *vid, member *m)
{
	const char *date = a->field[CSM_FIELD_ASSESSED_ON];
	const char *industry = a->field[CSM_FIELD_ORG_INDUSTRY];
	const char *size = a->field[CSM_FIELD_ORG_SIZE];
	char key[CSM__KEY_MAX];
	group *g;
	int rc;
	if ((rc = group_get(&g, ag, "all", 0)) || (rc = add_to(g, s, vid, m)))
		return rc;
	key_join(key, "grade:", csm_grade_name(s->grade), CSM__KEY_MAX);
	if (!ag->points && ((rc = group_get(&g, ag, key, 1)) || (rc = add_to(g, s, vid, m))))
		return rc;
	if (industry) {
		industry_groups ig;
		industry_of(&ig, ag, industry);
		if (ig.key[0]) {
			if ((rc = group_get(&g, ag, ig.key, 2)) || (rc = add_to(g, s, vid, m)))
				return rc;
			if (ig.parent_key[0] && strcmp(g->parent, ig.parent_key) != 0)
				memcpy(g->parent, ig.parent_key, sizeof g->parent);
		}
		if (ig.parent_key[0] && ((rc = group_get(&g, ag, ig.parent_key, 5)) || (rc = add_to(g, s, vid, m))))
			return rc;
	}
	if (size) {
		key_join(key, "size:", size, CSM__KEY_MAX);
		if ((rc = group_get(&g, ag, key, 3)) || (rc = add_to(g, s, vid, m)))
			return rc;
	}
	if (date) {
		key_join(key, "year:", date, 4);
		if ((rc = group_get(&g, ag, key, 4)) || (rc = add_to(g, s, vid, m)))
			return rc;
	}
	return 0;
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
		for (d = 0; d <= CSM_DIRECTIVES; d++) { /* the bins, and what is counted by number */
			const hist *h = d < CSM_DIRECTIVES ? &g->dir[d] : &g->overall;
			hist *th = d < CSM_DIRECTIVES ? &t->dir[d] : &t->overall;
			for (b = 0; b < h->n; b++)
				if ((rc = hist_add_count(th, h->b[b].v, h->b[b].c)))
					return rc;
			for (b = 0; b < h->ncnt; b++)
				if (h->cnt[b] && (rc = hist_add_count(th, from->vt[d].v[b], h->cnt[b])))
					return rc;
		}
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

/* cmp_token of the tokens two pointers point at */
static int cmp_token_at(const void *x, const void *y)
{
	return cmp_token(*(const char *const *)x, *(const char *const *)y);
}

/* An earlier published group's members: tokens joined by commas. */
int csm__aggregator_prior(csm_aggregator *ag, const char *members)
{
	tokens ts = {0};
	const char *p;
	int rc;
	if (!(ts.own = csm__strdup(members)))
		return csm__nomem();
	for (p = ts.own; *p;) {
		if (strspn(p, "0123456789abcdef") != TOKEN || (p[TOKEN] != ',' && p[TOKEN] != '\0')) {
			free(ts.t), free(ts.own);
			return csm__err(CSM_EINVALID, "release log: a group's members are not tokens of %d hex digits", TOKEN);
		}
		if ((rc = tokens_push(&ts, p))) {
			free(ts.t), free(ts.own);
			return rc;
		}
		p += TOKEN + (p[TOKEN] == ',');
	}
	if (ts.n > 1)
		qsort(ts.t, ts.n, sizeof *ts.t, cmp_token_at);
	if (ag->nprior == ag->capprior) {
		size_t cap = ag->capprior ? ag->capprior * 2 : 16;
		tokens *t = realloc(ag->prior, cap * sizeof *t);
		if (!t) {
			free(ts.t), free(ts.own);
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
 * them up gives. They are disjoint (one grade, industry, size, year each);
 * read from the members in order (sort_members), they come sorted. */
static int family_sum(csm_aggregator *ag, int f)
{
	tokens *u = &ag->sum[f];
	size_t i;
	int rc;
	u->n = 0;
	for (i = 0; i < ag->nmembers; i++) {
		const group *g = ag->members[i].g[f];
		if (g && !g->suppressed && g->n && (rc = tokens_push(u, ag->members[i].t)))
			return rc;
	}
	return 0;
}

/* Every tracked assessment in the order of its token, and so each group's
 * members: one sort of them all instead of one per group and family sum
 * (the most of db export's time before). */
typedef struct member_key {
	unsigned long long hi, lo; /* the token's two halves as numbers: their order is the text's */
	size_t at;                 /* in ag->members */
} member_key;

static int cmp_member_key(const void *x, const void *y)
{
	const member_key *a = x, *b = y;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

static unsigned long long hex64(const char *s)
{
	unsigned long long v = 0;
	int i;
	for (i = 0; i < 16; i++)
		v = v << 4 | (unsigned long long)(s[i] <= '9' ? s[i] - '0' : s[i] - 'a' + 10);
	return v;
}

/* The `n` keys `k` in the order of cmp_member_key, through `to` (as many).
 * Tokens begin with a digest: their first bits spread them evenly, so a
 * counting pass on them (stable, keeping `at` in order) leaves buckets of
 * a key or two, each then sorted by insertion: 5 million instructions for
 * 100,000 where qsort took 95 million. A bucket that is large all the same
 * (names chosen to collide) goes to qsort. */
static int member_keys_sort(member_key *k, member_key *to, size_t n)
{
	unsigned bits = 1;
	size_t *start, i, b, nb;
	while (bits < 16 && ((size_t)1 << bits) < n)
		bits++;
	nb = (size_t)1 << bits;
	if (!(start = calloc(nb + 1, sizeof *start)))
		return csm__nomem();
	for (i = 0; i < n; i++)
		start[(k[i].hi >> (64 - bits)) + 1]++;
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (i = 0; i < n; i++)
		to[start[k[i].hi >> (64 - bits)]++] = k[i];
	/* start[b] is now where bucket b + 1 begins */
	for (b = 0; b < nb; b++) {
		size_t from = b ? start[b - 1] : 0, end = start[b], j;
		if (end - from > 32) {
			qsort(to + from, end - from, sizeof *to, cmp_member_key);
			continue;
		}
		for (i = from + 1; i < end; i++) {
			member_key t = to[i];
			for (j = i; j > from && cmp_member_key(&to[j - 1], &t) > 0; j--)
				to[j] = to[j - 1];
			to[j] = t;
		}
	}
	free(start);
	return 0;
}

static int sort_members(csm_aggregator *ag)
{
	size_t i;
	int f, rc;
	if (ag->nmembers > 1) { /* sorted as keys of 24 bytes, then moved once */
		member_key *k = malloc(2 * ag->nmembers * sizeof *k);
		member *m = k ? malloc(ag->nmembers * sizeof *m) : NULL;
		if (!m) {
			free(k);
			return csm__nomem();
		}
		for (i = 0; i < ag->nmembers; i++) {
			k[i].hi = hex64(ag->members[i].t);
			k[i].lo = hex64(ag->members[i].t + 16);
			k[i].at = i;
		}
		if ((rc = member_keys_sort(k, k + ag->nmembers, ag->nmembers))) {
			free(k);
			free(m);
			return rc;
		}
		for (i = 0; i < ag->nmembers; i++)
			m[i] = ag->members[k[ag->nmembers + i].at];
		free(k);
		free(ag->members);
		ag->members = m;
		ag->capmembers = ag->nmembers;
	}
	for (i = 0; i < ag->count; i++)
		ag->groups[i]->members.n = 0;
	for (i = 0; i < ag->nmembers; i++)
		for (f = 0; f < FAMILIES; f++)
			if (ag->members[i].g[f] && (rc = tokens_push(&ag->members[i].g[f]->members, ag->members[i].t)))
				return rc;
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

	for (i = 0; i < ag->count; i++)
		ag->groups[i]->suppressed = ag->groups[i]->n < ag->min_group;
	if (ag->track && (rc = sort_members(ag)))
		return rc;
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

static int cmp_group(const void *x, const void *y)
{
	const group *a = *(const group *const *)x, *b = *(const group *const *)y;
	if (a->family != b->family)
		return a->family - b->family;
	return strcmp(a->key, b->key); /* grades too: A, B, C */
}

/* Group `g`'s statistics for the writer: per directive (or part) and for the
 * overall (the total's full statistics too when in points: that is the
 * distribution a company is placed in). `h`: its CSM_DIRECTIVES histograms. */
static void published_group(csm__bench_group *m, csm__bench_hist *h, const group *g, int points)
{
	stats ov;
	int s, d;
	m->key = g->key;
	m->n = g->n;
	for (s = 0; s < CSM__STATS; s++)
		m->has_stat[s] = 1;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		stats st = stats_of(&g->dir[d]);
		m->missing[d] = !st.has;
		m->stat[CSM__STAT_MEAN][d] = st.mean;
		m->stat[CSM__STAT_SD][d] = st.sd;
		m->stat[CSM__STAT_Q1][d] = st.q[0];
		m->stat[CSM__STAT_MEDIAN][d] = st.q[1];
		m->stat[CSM__STAT_Q3][d] = st.q[2];
		m->stat[CSM__STAT_MIN][d] = st.min;
		m->stat[CSM__STAT_MAX][d] = st.max;
		h[d].b = g->dir[d].b;
		h[d].n = g->dir[d].n;
	}
	m->dir_hist = h;
	ov = stats_of(&g->overall);
	m->has_overall_mean = 1;
	m->overall_mean = ov.mean;
	if (points) {
		m->has_overall_stats = 1;
		m->overall_stat[CSM__STAT_MEAN] = ov.mean;
		m->overall_stat[CSM__STAT_SD] = ov.sd;
		m->overall_stat[CSM__STAT_Q1] = ov.q[0];
		m->overall_stat[CSM__STAT_MEDIAN] = ov.q[1];
		m->overall_stat[CSM__STAT_Q3] = ov.q[2];
		m->overall_stat[CSM__STAT_MIN] = ov.min;
		m->overall_stat[CSM__STAT_MAX] = ov.max;
	}
	m->overall.b = g->overall.b;
	m->overall.n = g->overall.n;
}

/* The published groups and the suppressed ones, to the benchmark writer. */
static int export_write(char **out, const csm_aggregator *ag)
{
	csm__bench_doc doc;
	csm__bench_group *gs = NULL;
	csm__bench_suppressed *sup = NULL;
	csm__bench_hist *hs = NULL;
	size_t i, ng = 0, ns = 0;
	int rc;

	if (!(gs = calloc(ag->count + 1, sizeof *gs)) || !(sup = calloc(ag->count + 1, sizeof *sup)) ||
	    !(hs = calloc((ag->count + 1) * CSM_DIRECTIVES, sizeof *hs))) {
		free(gs);
		free(sup);
		return csm__nomem();
	}
	for (i = 0; i < ag->count; i++) {
		const group *g = ag->groups[i];
		if (g->n == 0)
			continue;
		if (g->suppressed) {
			sup[ns].key = g->key;
			sup[ns++].reason = g->suppressed;
			continue;
		}
		published_group(&gs[ng], &hs[ng * CSM_DIRECTIVES], g, ag->points);
		ng++;
	}
	memset(&doc, 0, sizeof doc);
	doc.name = ag->name;
	doc.source = ag->source;
	doc.questionnaire = ag->q->id;
	doc.min_group = ag->min_group;
	doc.grading = ag->grading;
	doc.groups = gs;
	doc.ngroups = ng;
	doc.list_suppressed = 1;
	doc.suppressed = sup;
	doc.nsuppressed = ns;
	if (ag->points) {
		doc.max_points = ag->max_points;
		doc.parts = ag->q->group_count;
		memcpy(doc.part_max, ag->part_max, sizeof doc.part_max);
	}
	rc = csm__benchmark_write(out, &doc, CSM__BENCH_LINES);
	free(gs);
	free(sup);
	free(hs);
	return rc;
}

int csm_aggregator_export(char **out, csm_aggregator *ag)
{
	CSM__ARGS(out && ag);
	return csm__aggregator_export_release(out, ag, NULL, NULL);
}

/* Step 1 of an export: histograms in order of value, groups in order of
 * family and key, and what is withheld decided (suppress). */
static _Thread_local const values *sorting; /* of cmp_vid (qsort has no context) */

static int cmp_vid(const void *x, const void *y)
{
	double a = sorting->v[*(const unsigned *)x], b = sorting->v[*(const unsigned *)y];
	return a < b ? -1 : a > b;
}

static int release_ready(csm_aggregator *ag)
{
	unsigned *order[CSM_DIRECTIVES + 1] = {0};
	size_t i;
	int d, rc = 0;
	qsort(ag->groups, ag->count, sizeof *ag->groups, cmp_group);
	for (d = 0; d <= CSM_DIRECTIVES && !rc; d++) { /* each position's values in order, once */
		if (!(order[d] = malloc((ag->vt[d].n + 1) * sizeof **order))) {
			rc = csm__nomem();
			break;
		}
		for (i = 0; i < ag->vt[d].n; i++)
			order[d][i] = (unsigned)i;
		sorting = &ag->vt[d];
		qsort(order[d], ag->vt[d].n, sizeof **order, cmp_vid);
	}
	for (i = 0; i < ag->count && !rc; i++)
		for (d = 0; d <= CSM_DIRECTIVES && !rc; d++) {
			hist *h = d < CSM_DIRECTIVES ? &ag->groups[i]->dir[d] : &ag->groups[i]->overall;
			if (!(rc = hist_flush(h, &ag->vt[d], order[d])))
				rc = hist_sort(h);
		}
	for (d = 0; d <= CSM_DIRECTIVES; d++)
		free(order[d]);
	if (rc)
		return rc;
	if ((rc = reindex(ag, ag->nslots)))
		return rc;
	return suppress(ag);
}

/* A membership as the release log keeps it: tokens joined by commas. */
static int tokens_text(char **out, const tokens *ts)
{
	char *o = malloc(ts->n ? ts->n * (TOKEN + 1) : 1), *p = o;
	size_t t;
	if (!o)
		return csm__nomem();
	for (t = 0; t < ts->n; t++) {
		if (t)
			*p++ = ',';
		memcpy(p, ts->t[t], TOKEN);
		p += TOKEN;
	}
	*p = '\0';
	*out = o;
	return 0;
}

static int record_tokens(csm__release_fn record, void *ctx, const char *key, unsigned long long n,
                         const tokens *ts)
{
	char *text = NULL;
	int rc;
	if ((rc = tokens_text(&text, ts)))
		return rc;
	rc = record(ctx, key, n, text);
	free(text);
	return rc;
}

/* Step 2 (db export): the release log, before anything is published (what
 * is not logged is not published): every published group's members, and
 * what adding up each family's published groups gives. */
static int log_release(const csm_aggregator *ag, csm__release_fn record, void *ctx)
{
	size_t i;
	int f, rc;
	for (i = 0; i < ag->count; i++) {
		const group *g = ag->groups[i];
		if (!g->suppressed && g->n && (rc = record_tokens(record, ctx, g->key, g->n, &g->members)))
			return rc;
	}
	for (f = 1; f < FAMILIES; f++) {
		char key[32];
		size_t groups = 0;
		for (i = 0; i < ag->count; i++)
			groups += ag->groups[i]->family == f && !ag->groups[i]->suppressed && ag->groups[i]->n;
		if (groups < 2) /* nothing a published group does not already say */
			continue;
		snprintf(key, sizeof key, "sum:%s", family_name[f]);
		if ((rc = record_tokens(record, ctx, key, ag->sum[f].n, &ag->sum[f])))
			return rc;
	}
	return 0;
}

int csm__aggregator_export_release(char **out, csm_aggregator *ag, csm__release_fn record, void *ctx)
{
	int rc;

	*out = NULL;
	if (record && !ag->track)
		return csm__err(CSM_EINVALID, "a release needs an aggregator that keeps members");
	if ((rc = release_ready(ag)) || (record && (rc = log_release(ag, record, ctx))))
		return rc;
	return export_write(out, ag);
}
