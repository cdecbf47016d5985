/* An action list (actions.c). */
#ifndef CSM_ACTIONS_H
#define CSM_ACTIONS_H

#include <stddef.h>

#include "csm.h"
#include "error.h"

/* An action list (actions.c). Defined here, not in actions.c, because the
 * workbook module (xlsx_read.c) makes one that the core frees: the layout is
 * part of the module ABI's digest. */
enum { CSM__ACOL_ITEM, CSM__ACOL_DIRECTIVE, CSM__ACOL_FROM, CSM__ACOL_TO, CSM__ACOL_TIP, CSM__ACOL_FIRST_STEP,
       CSM__ACOL_OWNER, CSM__ACOL_EFFORT, CSM__ACOL_COST, CSM__ACOL_DUE, CSM__ACOL_STATUS, CSM__ACOL_NOTE,
       CSM__ACOLS };
struct csm_actions {
	csm_action *v;
	char *(*text)[CSM__ACOLS]; /* per action, the strings its pointers point into */
	size_t n;
	char *org; /* the organization the list is for, or NULL */
};
/* The label of a status in the workbook's list, in `lang` ("未着手", "open"). */
const char *csm__action_status_label(csm_action_status st, csm_lang lang);
/* The column names of csm-actions/1, in file order ("item", ..., "note"). */
extern const char *const csm__action_col[CSM__ACOLS];
/* csm_actions_parse() of JSON or CSV (actions.c; the workbook is the module's). */
int csm__actions_parse_text(csm_actions **out, const char *data, size_t len, const char *name);
/* A new empty list with room for `cap` actions. */
int csm__actions_new(csm_actions **out, size_t cap);
/* Check one action's cells (NULL: column absent; a kept text is taken over,
 * its pointer set to NULL) and add it, or record its problems in `p`, each
 * at where[c] of its column ("FILE:LINE", "FILE: actions[3]", "FILE: Actions!K7").
 * A status may be an id or a label of the workbook in either language.
 * Returns 0 or CSM_ENOMEM. */
int csm__actions_take(csm_actions *acts, char *cell[CSM__ACOLS], const char *const where[CSM__ACOLS],
                      csm__problems *p);

#endif
