/* Helpers shared by the unit tests. */
#ifndef CSM_TEST_COMMON_H
#define CSM_TEST_COMMON_H

#include "csm.h"
#include "harness.h"

#define SRC(p) CSM_TEST_SRC "/" p

#define LV_NA 0     /* "n/a" */
#define LV_NULL (-1) /* null: not answered */
#define LV_OMIT (-2) /* item left out of the file */

static inline csm_questionnaire *load_v2(void)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_open(&q, CSM_TEST_SRC, "csmg-v2") != 0)
		fprintf(stderr, "cannot load csmg-v2: %s\n", csm_error_last());
	return q;
}

static inline csm_benchmark *load_beta(void)
{
	csm_benchmark *b = NULL;
	if (csm_benchmark_load(&b, SRC("benchmarks/beta-2020.json")) != 0)
		fprintf(stderr, "cannot load beta-2020.json: %s\n", csm_error_last());
	return b;
}

/* An answers JSON text with one level per questionnaire item (see LV_*). */
static inline char *answers_text(const csm_questionnaire *q, const int *levels, const char *industry)
{
	size_t n = csm_questionnaire_item_count(q), i, cap = 256 + n * 48, len;
	char *s = malloc(cap);
	len = (size_t)snprintf(s, cap,
	                       "{\"format\": \"csm-answers/1\", \"questionnaire\": \"%s\", "
	                       "\"organization\": {\"name\": \"Test Co.\", \"industry\": \"%s\", \"scope\": \"entity\"}, "
	                       "\"assessed_on\": \"2026-11-01\", \"answers\": {",
	                       csm_questionnaire_id(q), industry ? industry : "finance");
	for (i = 0; i < n; i++) {
		const char *sep = len && s[len - 1] == '{' ? "" : ", ";
		if (levels[i] == LV_OMIT)
			continue;
		if (levels[i] == LV_NA)
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\": \"n/a\"", sep, csm_item_id(q, i));
		else if (levels[i] == LV_NULL)
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\": null", sep, csm_item_id(q, i));
		else
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\": %d", sep, csm_item_id(q, i), levels[i]);
	}
	snprintf(s + len, cap - len, "}}");
	return s;
}

static inline csm_answers *answers_from(const csm_questionnaire *q, const int *levels, const char *industry)
{
	char *text = answers_text(q, levels, industry);
	csm_answers *a = NULL;
	if (csm_answers_parse(&a, text, strlen(text), "test.json") != 0)
		fprintf(stderr, "answers_from: %s\n", csm_error_last());
	free(text);
	return a;
}

/* The test questionnaire with its own answer scale (test/data/scale-check.json:
 * 8 items c1..c8 in 3 parts; c1..c5 marked basic-1..basic-5, c8 policy;
 * choices done 4, partly 2, not_done 0, unknown -1). */
static inline csm_questionnaire *load_scale(void)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_load(&q, SRC("test/data/scale-check.json")) != 0)
		fprintf(stderr, "cannot load scale-check.json: %s\n", csm_error_last());
	return q;
}

/* An answers JSON text for `q` with a choice id per item (NULL: null). */
static inline char *choices_text(const csm_questionnaire *q, const char *const *choices)
{
	size_t n = csm_questionnaire_item_count(q), i, cap = 256 + n * 48, len;
	char *s = malloc(cap);
	len = (size_t)snprintf(s, cap,
	                       "{\"format\": \"csm-answers/1\", \"questionnaire\": \"%s\", "
	                       "\"organization\": {\"name\": \"Sakura Print Co.\", \"scope\": \"entity\"}, "
	                       "\"assessed_on\": \"2026-11-20\", \"answers\": {",
	                       csm_questionnaire_id(q));
	for (i = 0; i < n; i++) {
		if (choices[i])
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\": \"%s\"", i ? ", " : "", csm_item_id(q, i), choices[i]);
		else
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\": null", i ? ", " : "", csm_item_id(q, i));
	}
	snprintf(s + len, cap - len, "}}");
	return s;
}

static inline csm_answers *choices_from(const csm_questionnaire *q, const char *const *choices)
{
	char *text = choices_text(q, choices);
	csm_answers *a = NULL;
	if (csm_answers_parse_for(&a, text, strlen(text), "sc.json", q) != 0)
		fprintf(stderr, "choices_from: %s\n", csm_error_last());
	free(text);
	return a;
}

/* The real sme-check (questions/sme-check.json: 25 items in 3 parts, 100 points). */
static inline csm_questionnaire *load_sme_check(void)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_load(&q, SRC("questions/sme-check.json")) != 0)
		fprintf(stderr, "cannot load sme-check.json: %s\n", csm_error_last());
	return q;
}

/* A made-up sme-check assessment: organization `id` in `industry`, each
 * item's choice drawn from `*seed` (a fixed LCG, so the run is the same each
 * time); its points in total and per part into `total`, `part`, worked out
 * here from the choices' points, not by the library's scoring. */
static inline csm_answers *sme_made(const csm_questionnaire *q, int id, const char *industry, unsigned *seed, int *total,
                             int part[3])
{
	char buf[4096];
	size_t len, i, nc = csm_questionnaire_choice_count(q);
	csm_answers *a = NULL;
	*total = part[0] = part[1] = part[2] = 0;
	len = (size_t)snprintf(buf, sizeof buf,
	                       "{\"format\":\"csm-answers/1\",\"questionnaire\":\"sme-check\",\"organization\":{\"name\":"
	                       "\"S%d\",\"industry\":\"%s\"},\"assessed_on\":\"2026-0%d-15\",\"answers\":{",
	                       id, industry, 1 + id % 9);
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		size_t k;
		*seed = *seed * 1103515245u + 12345u;
		k = (*seed >> 16) % nc;
		*total += csm_questionnaire_choice_points(q, k);
		part[csm_item_directive(q, i) - 1] += csm_questionnaire_choice_points(q, k);
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\":\"%s\"", i ? "," : "", csm_item_id(q, i),
		                        csm_questionnaire_choice_id(q, k));
	}
	snprintf(buf + len, sizeof buf - len, "}}");
	if (csm_answers_parse_for(&a, buf, strlen(buf), "sme.json", q) != 0)
		fprintf(stderr, "%s\n", csm_error_last());
	return a;
}

/* Tip `id` of `t`, or NULL where there is none (csm_tips_find() for tests
 * that only ask whether a text is there). */
static inline const csm_tip *tip_of(const csm_tips *t, const char *id)
{
	const csm_tip *tip = NULL;
	return t && id && csm_tips_find(&tip, t, id) == 0 ? tip : NULL;
}

#endif
