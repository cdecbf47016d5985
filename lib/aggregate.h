/* The aggregator's release log (aggregate.c), for db export. */
#ifndef CSM_AGGREGATE_H
#define CSM_AGGREGATE_H

#include "csm.h"

/* The release log of db export (aggregate.c, db.c). An aggregator that
 * keeps its groups' members: each added with its organization's 16 hex
 * digits. Memberships of groups published before are given with _prior
 * (tokens joined by commas, as `record` receives them); no group is then
 * published that differs from one of them, or from another group of the
 * export, by 1..k-1 organizations. `record` gets each published group
 * before the text is made; its error ends the export. */
int csm__aggregator_track(csm_aggregator *ag);
int csm__aggregator_add_member(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org);
int csm__aggregator_prior(csm_aggregator *ag, const char *members);
typedef int (*csm__release_fn)(void *ctx, const char *key, unsigned long long n, const char *members);
int csm__aggregator_export_release(char **out, csm_aggregator *ag, csm__release_fn record, void *ctx);

#endif
