/* Answers (answers.c): the organization, its items' answers and gates,
 * and the one reader of a level. */
#ifndef CSM_ANSWERS_H
#define CSM_ANSWERS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "csm.h"
#include "targets.h"
#include "util.h"

#define CSM__FIELDS 7 /* values of csm_answers_field */

/* The values of organization.scope and organization.size, in order: the one
 * list every reader, form and report uses. */
#define CSM__SCOPES 2
#define CSM__SIZES 3
extern const char *const csm__scopes[CSM__SCOPES]; /* "entity", "group" */
/* The scope's word in `lang` (単体 / グループ, single entity / group); an unknown id as it is. */
const char *csm__scope_label(const char *scope, csm_lang lang);
extern const char *const csm__sizes[CSM__SIZES];   /* "small", "medium", "large" */
int csm__scope_valid(const char *s);
int csm__size_valid(const char *s);

typedef struct csm__answer {
	char *id;
	csm_answer_kind kind;
	int level;          /* CSM_ANSWER_CHOICE: the choice's index in the scale it was read for */
	char *choice;       /* CSM_ANSWER_CHOICE: the choice id */
	char *evidence;
	char *note;
} csm__answer;

struct csm_answers {
	char *name;
	char *field[CSM__FIELDS];   /* csm_answers_field */
	double headcount, revenue;  /* -1 where not given */
	char **assessor_name, **assessor_role;
	size_t assessor_count;
	csm__answer *items;
	size_t count, cap;
	cJSON *organization;        /* the organization object as given, or NULL */
	char **discuss;             /* items marked for discussion by a merge */
	size_t discuss_count;
	char **gate_id;             /* gate answers: id and 1 yes, 0 no, -1 not answered */
	int *gate_value;
	size_t gate_count;
	char *ids;                  /* item ids of a JSON file, in one block (not freed one by one) */
	size_t ids_len;
	csm__targets *targets;      /* "targets" and "target", or NULL (targets.c) */
};

/* Answer `id` of `a`, or NULL. */
const csm__answer *csm__answers_find(const csm_answers *a, const char *id);
/* The same, trying index `hint` first (the item's questionnaire index). */
const csm__answer *csm__answers_find_near(const csm_answers *a, const char *id, size_t hint);

/* Items answered 4 or 5 without evidence, appended to `out` as "1-2, 5-1";
 * returns their number. */
size_t csm__answers_unbacked(const csm_answers *a, const csm_questionnaire *q, csm__buf *out);
/* The items a merge marked for discussion, appended to `out` as "7-2, 9-1";
 * returns their number. */
size_t csm__answers_discuss_text(const csm_answers *a, csm__buf *out);
/* The identity an organization is counted under: NFKC with case folded,
 * white space of any kind as one space and none at either end, so that
 * "Attacker Co.", "ATTACKER CO. " and its full-width form are one. `*out` is
 * the caller's to free. CSM_EINVALID (message set) for no name. */
int csm__org_identity(char **out, const char *name);
/* 1 if both answers are about one organization (by csm__org_identity), else 0. */
int csm__same_org(const csm_answers *x, const csm_answers *y);

/* The one reader of a level given as text (a CSV cell, a JSON string, a
 * workbook cell): 1..5 in ASCII or full-width digits, n/a in any case (also
 * full-width) or 該当なし, white space around it (ASCII, U+3000) ignored;
 * empty text is "not answered yet" (CSM_ANSWER_NULL) if `empty_ok`. Returns 0
 * and sets *kind (and *level, 0 unless CSM_ANSWER_LEVEL), -1 if it is none. */
int csm__level_parse(const char *text, size_t len, int empty_ok, csm_answer_kind *kind, int *level);

/* Answers built in code (from a database): room for `cap` items. */
csm_answers *csm__answers_new(const char *name, size_t cap);
int csm__answers_push(csm_answers *a, const char *id, csm_answer_kind kind, int level);
/* Replace the organization's industry (the field and the organization
 * object as given) by `id`: an older list's id resolved to the current one. */
int csm__answers_set_industry(csm_answers *a, const char *id);

#endif
