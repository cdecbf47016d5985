/* The industry list's ids, renames and labels (industries.c). */
#ifndef CSM_INDUSTRIES_H
#define CSM_INDUSTRIES_H

#include "csm.h"

/* `id`, or the id it was renamed to in `ind` (may be NULL). */
const char *csm__industry_current(const csm_industries *ind, const char *id);
/* The label of the industries' groups as a set ("2020年試行", "2020 trial"), or NULL. */
const char *csm__industries_groups_label(const csm_industries *ind, csm_lang lang);
/* The id of the industry or group whose id or label (ja, or en in any case)
 * is `s`, or `s`'s own copy in the list where it is a renamed id; NULL if none. */
const char *csm__industry_find(const csm_industries *ind, const char *s);

#endif
