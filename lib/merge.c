/* Several raters, one assessment: per item a combined level, the spread, and
 * the items the raters should discuss (2 or more levels apart). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "error.h"
#include "questionnaire.h"
#include "util.h"

/* The longest rating period of one assessment: raters of one merge answer
 * within it (csm merge); files further apart are two assessments. */
#define CSM__MERGE_DAYS 31

static int cmp_int(const void *x, const void *y) { return *(const int *)x - *(const int *)y; }

/* Join the texts of the raters, each prefixed with the rater's name. */
static char *joined(const csm_answers *const *raters, size_t n, const char *item, int note)
{
	csm__buf b = {0};
	char *out = NULL;
	size_t r;
	for (r = 0; r < n; r++) {
		const csm__answer *ans = csm__answers_find(raters[r], item);
		const char *t = ans ? (note ? ans->note : ans->evidence) : NULL;
		const char *who = raters[r]->assessor_count && raters[r]->assessor_name[0] ? raters[r]->assessor_name[0]
		                                                                           : raters[r]->name;
		if (!t || !t[0])
			continue;
		if (n == 1) {
			csm__buf_puts(&b, t);
			continue;
		}
		csm__buf_printf(&b, "%s%s: %s", b.len ? " / " : "", who, t);
	}
	if (b.len && b.len > CSM_MAX_TEXT_BYTES) { /* keep the merged file readable by csm */
		b.len = CSM_MAX_TEXT_BYTES;
		while (b.len && ((unsigned char)b.s[b.len] & 0xC0) == 0x80)
			b.len--;
		b.s[b.len] = '\0';
	}
	if (b.len && csm__buf_finish(&b, &out) == 0)
		return out;
	csm__buf_free(&b);
	return NULL;
}

/* Check that every file rates the same organization within one rating
 * period, and find the first and the last rating date: a merge of two
 * assessments would hide a trend. */
static int check_raters(const char **date, const char **first, const csm_answers *const *raters, size_t n,
                        const csm_questionnaire *q)
{
	const char *org = raters[0]->field[CSM_FIELD_ORG_NAME], *date_file = NULL, *first_file = NULL;
	size_t r;
	int rc;
	*date = *first = NULL;
	for (r = 0; r < n; r++) {
		const char *o = raters[r]->field[CSM_FIELD_ORG_NAME], *d = raters[r]->field[CSM_FIELD_ASSESSED_ON];
		if ((rc = csm_answers_check(raters[r], q, CSM_ALLOW_PARTIAL)))
			return rc;
		if (!csm__same_org(raters[r], raters[0]))
			return csm__err(CSM_EINVALID, "%s: organization.name: \"%s\", but %s is about \"%s\"", raters[r]->name,
			                o ? o : "", raters[0]->name, org ? org : "");
		if (d && (!*date || strcmp(d, *date) > 0))
			*date = d, date_file = raters[r]->name; /* the latest rating date */
		if (d && (!*first || strcmp(d, *first) < 0))
			*first = d, first_file = raters[r]->name;
	}
	/* Raters of one assessment answer over some days; files further apart
	 * than a rating period are two assessments (compare them with trend). */
	if (*first && *date && csm__date_days(*date) - csm__date_days(*first) > CSM__MERGE_DAYS)
		return csm__err(CSM_EINVALID,
		                "%s: assessed_on: %s is more than %d days after %s (%s): they are two assessments, not "
		                "the raters of one (compare them with 'csm trend')",
		                date_file, *date, CSM__MERGE_DAYS, *first, first_file);
	return 0;
}

/* The merged file's head: format, questionnaire, the first rater's
 * organization, the date and every rater's assessors, so the file reads as
 * one assessment by all of them. Returns 0 when out of memory. */
static int add_head(cJSON *root, const csm_answers *const *raters, size_t n, const csm_questionnaire *q,
                    const char *date)
{
	cJSON *assessors = NULL;
	size_t r, k;
	int ok = cJSON_AddStringToObject(root, "format", "csm-answers/1") &&
	         cJSON_AddStringToObject(root, "questionnaire", q->id);
	ok = ok && (raters[0]->organization ? cJSON_AddItemToObject(root, "organization",
	                                                               cJSON_Duplicate(raters[0]->organization, 1))
	                                    : cJSON_AddObjectToObject(root, "organization") != NULL);
	if (ok && date)
		ok = cJSON_AddStringToObject(root, "assessed_on", date) != NULL;
	ok = ok && (assessors = cJSON_AddArrayToObject(root, "assessors"));
	for (r = 0; ok && r < n; r++)
		for (k = 0; ok && k < raters[r]->assessor_count; k++) {
			cJSON *p = cJSON_CreateObject();
			ok = p && cJSON_AddItemToArray(assessors, p);
			if (ok && raters[r]->assessor_name[k])
				ok = cJSON_AddStringToObject(p, "name", raters[r]->assessor_name[k]) != NULL;
			if (ok && raters[r]->assessor_role[k])
				ok = cJSON_AddStringToObject(p, "role", raters[r]->assessor_role[k]) != NULL;
		}
	return ok;
}

/* The "merged" object that says how the levels were combined; its discuss
 * list and spread map are filled item by item. Returns 0 when out of memory. */
static int add_merged(cJSON **discuss, cJSON **spread, cJSON *root, size_t n, csm_merge_method method,
                      const char *first, const char *date)
{
	cJSON *merged = NULL;
	int ok = (merged = cJSON_AddObjectToObject(root, "merged")) &&
	         cJSON_AddStringToObject(merged, "method", method == CSM_MERGE_MIN    ? "min"
	                                                   : method == CSM_MERGE_MEAN ? "mean"
	                                                                              : "median") &&
	         cJSON_AddNumberToObject(merged, "raters", (double)n) &&
	         (*discuss = cJSON_AddArrayToObject(merged, "discuss")) &&
	         (*spread = cJSON_AddObjectToObject(merged, "spread"));
	/* the assessment is dated by its last rating; say when rating began */
	if (ok && first && strcmp(first, date) != 0)
		ok = cJSON_AddStringToObject(merged, "rated_from", first) != NULL;
	return ok;
}

/* One level from the raters' sorted levels, by the chosen method. */
static int merged_level(const int *levels, int nl, csm_merge_method method)
{
	if (method == CSM_MERGE_MIN)
		return levels[0];
	if (method == CSM_MERGE_MEAN) {
		int sum = 0, j;
		for (j = 0; j < nl; j++)
			sum += levels[j];
		/* half away from zero; sums of small integers: the epsilon only absorbs rounding */
		return (int)floor((double)sum / nl + 0.5 + CSM__EPS);
	}
	return levels[(nl - 1) / 2];
}

/* One item of the merged file: the combined level (or n/a when every rater
 * said so), the raters' joined texts, and its spread, listed for discussion
 * when the raters are 2 or more levels apart. Returns 0 when out of memory. */
static int add_item(cJSON *answers, cJSON *discuss, cJSON *spread, const csm_answers *const *raters, size_t n,
                    const char *id, csm_merge_method method)
{
	int levels[64], nl = 0, na = 0, level = 0, ok;
	cJSON *o = cJSON_CreateObject(), *lv;
	char *ev, *note;
	size_t r;
	for (r = 0; r < n && r < 64; r++) {
		const csm__answer *ans = csm__answers_find(raters[r], id);
		if (ans && ans->kind == CSM_ANSWER_LEVEL)
			levels[nl++] = ans->level;
		else if (ans && ans->kind == CSM_ANSWER_NA)
			na++;
	}
	if (nl) {
		qsort(levels, (size_t)nl, sizeof levels[0], cmp_int);
		level = merged_level(levels, nl, method);
	}
	ok = o && cJSON_AddItemToObject(answers, id, o);
	lv = nl ? cJSON_CreateNumber(level) : na ? cJSON_CreateString("n/a") : cJSON_CreateNull();
	ok = ok && lv && cJSON_AddItemToObject(o, "level", lv);
	if (ok && (ev = joined(raters, n, id, 0))) {
		ok = cJSON_AddStringToObject(o, "evidence", ev) != NULL;
		free(ev);
	}
	if (ok && (note = joined(raters, n, id, 1))) {
		ok = cJSON_AddStringToObject(o, "note", note) != NULL;
		free(note);
	}
	if (ok && nl > 1) {
		int sp = levels[nl - 1] - levels[0];
		ok = cJSON_AddNumberToObject(spread, id, sp) != NULL;
		if (ok && sp >= 2)
			ok = cJSON_AddItemToArray(discuss, cJSON_CreateString(id));
	}
	return ok;
}

int csm_answers_merge(char **out, const csm_answers *const *raters, size_t n, const csm_questionnaire *q,
                      csm_merge_method method)
{
	CSM__ARGS(out && raters && csm__all_set((const void *const *)raters, n) && q);
	cJSON *root = NULL, *answers = NULL, *discuss = NULL, *spread = NULL;
	const char *date, *first;
	size_t i;
	int rc, ok;

	*out = NULL;
	if (q->choice_count)
		return csm__scale_refuse(q, n ? raters[0]->name : NULL, "merge");
	if (n < 1)
		return csm__err(CSM_EINVALID, "merge: no answers files");
	if ((rc = check_raters(&date, &first, raters, n, q)))
		return rc;
	root = cJSON_CreateObject();
	ok = root && add_head(root, raters, n, q, date);
	ok = ok && (answers = cJSON_AddObjectToObject(root, "answers"));
	ok = ok && add_merged(&discuss, &spread, root, n, method, first, date);
	for (i = 0; ok && i < q->item_count; i++)
		ok = add_item(answers, discuss, spread, raters, n, q->items[i].id, method);
	if (ok)
		*out = cJSON_Print(root);
	cJSON_Delete(root);
	return *out ? 0 : csm__nomem();
}
