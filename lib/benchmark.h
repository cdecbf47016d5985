/* A benchmark's groups (benchmark.c): the group an organization is
 * compared with, and the default k. */
#ifndef CSM_BENCHMARK_H
#define CSM_BENCHMARK_H

#include <stddef.h>

#include "csm.h"

/* k: no group of fewer organizations is published or compared with, when a
 * benchmark does not say (csm_context_min_group()). */
#define CSM__DEFAULT_MIN_GROUP 5u

#define CSM__KEY_MAX 96 /* a benchmark group key, with its NUL */

/* The benchmark group key of an industry: "industry:<id>" (cut to fit). */
void csm__industry_key(char key[CSM__KEY_MAX], const char *industry);
/* The benchmark group an organization of `industry` is compared with: its
 * industry's group, else its parent group's (`ind` may be NULL: then no
 * parent). The index in `b`, or -1; `key` gets the group's key (the
 * industry's own when there is none). `industry` is as csm__industry_current()
 * gives it. */
int csm__industry_group(char key[CSM__KEY_MAX], const csm_benchmark *b, const csm_industries *ind, const char *industry);

/* Group i's means as JSON text "[..10 numbers or null..]", made once at load. */
const char *csm__benchmark_mean_json(const csm_benchmark *b, size_t i);

#endif
