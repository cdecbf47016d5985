/* A questionnaire (questionnaire.c): its items, the choices of its own
 * scale and its gates; read by every module that scores or shows one. */
#ifndef CSM_QUESTIONNAIRE_H
#define CSM_QUESTIONNAIRE_H

#include <stddef.h>

#include "csm.h"
#include "util.h"

#define CSM__ITEM_FIELDS 4 /* values of csm_item_field */

typedef struct csm__item {
	char *id;
	int directive;
	char *text[CSM__ITEM_FIELDS][2]; /* csm_item_text x csm_lang */
	char *level[5][2];  /* level 1..5 x csm_lang */
	char **tips;
	size_t tip_count;
	char **csf;         /* NIST CSF subcategory ids, e.g. "ID.GV-1" */
	size_t csf_count;
	unsigned csf11;     /* bit f: in CSF 1.1 function f (csf.c's order), from csf's ids */
	unsigned csf20;     /* bit f: in CSF 2.0 function f (csf.c's order), from the map */
	char *appendix_a;   /* the Guidelines' Appendix A item it asks about, e.g. "1-1", or NULL */
	char **marks;       /* "basic-1".."basic-5", "policy" (questionnaires with a scale) */
	size_t mark_count;
} csm__item;

/* A choice of a questionnaire's own answer scale. */
typedef struct csm__choice {
	char *id;
	int points;
	char *label[2];
} csm__choice;
#define CSM__MAX_CHOICES 8

typedef struct csm__gate {
	char *id;
	char *question[2];
	int max_level;   /* with "no", these items cannot be above this */
	char **items;
	size_t item_count;
} csm__gate;

#define CSM__MAX_COMPARABLE 8
struct csm_questionnaire {
	char *id;
	csm__gate *gates;
	size_t gate_count;
	char *title[2];
	char *appendix_a_source[2]; /* which Appendix A the items' appendix_a name, e.g. "Guidelines Ver2.0 Appendix A" */
	char *level[5][2];
	char *dir_title[CSM_DIRECTIVES][2];
	char *dir_short[CSM_DIRECTIVES][2];
	char *dir_if_left[CSM_DIRECTIVES][2]; /* what could happen if it is left (optional; the board page) */
	double weight[CSM_DIRECTIVES];
	csm__item *items;
	size_t item_count;
	unsigned dir_items[CSM_DIRECTIVES];
	int has_csf20;      /* items carry csf20 (the map was read) */
	char *comparable[CSM__MAX_COMPARABLE]; /* "comparable_with": same directives */
	size_t comparable_count;
	csm__choice *choices;  /* "scale": its choices, or NULL (levels 1..5) */
	size_t choice_count;
	int unknown_choice;    /* the "don't know" choice, or -1 */
	int best_choice;       /* the choice with the most points (ties: the first), or -1 */
	int group_count;       /* CSM_DIRECTIVES, or the scale questionnaire's own number of groups */
	char *group_word[2];   /* "group_word", or NULL */
	int ungraded;          /* "grading": "none" */
	int max_points;
};

/* The index of the choice of `q`'s scale that `text` (`len` bytes) names: its
 * id, or its label in either language, white space around it (ASCII, U+3000)
 * ignored; -2 for empty text, -1 for none. The one reader of a choice in
 * JSON, CSV, workbook and form answers. */
int csm__choice_parse(const csm_questionnaire *q, const char *text, size_t len);
/* CSM_EINVALID for `what` (a function of levels) given questionnaire `q`
 * with its own scale: "<name>: questionnaire X is answered on its own scale
 * and scored in points, not levels: <what> does not work with it yet". */
int csm__scale_refuse(const csm_questionnaire *q, const char *name, const char *what);
/* "done, partly, not_done, unknown" of `q`'s scale, for messages. */
void csm__choice_list(const csm_questionnaire *q, csm__buf *out);

#endif
