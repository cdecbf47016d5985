/* The tips (tips.c), as the renderers look them up. */
#ifndef CSM_TIPS_H
#define CSM_TIPS_H

#include "csm.h"

/* Tip `id` of `t`, or NULL when there is none or `t` or `id` is NULL; unlike
 * csm_tips_find() it leaves the thread's message alone, for the renderers,
 * which show a tip where the data has one and skip it otherwise. */
const csm_tip *csm__tips_lookup(const csm_tips *t, const char *id);

#endif
