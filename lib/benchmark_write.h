/* The csm-benchmark/1 writer (benchmark.c). Both producers
 * (csm_benchmark_from_tsv, the aggregator's export) describe the document
 * and csm__benchmark_write writes it; nothing else spells the format. All
 * pointers are the caller's and only read. */
#ifndef CSM_BENCHMARK_WRITE_H
#define CSM_BENCHMARK_WRITE_H

#include <stddef.h>

#include "csm.h"

/* A histogram bar: value and how many have it. */
typedef struct csm__bench_bin {
	double v;
	unsigned long long c;
} csm__bench_bin;

typedef struct csm__bench_hist {
	const csm__bench_bin *b; /* ascending values */
	size_t n;
} csm__bench_hist;

/* A group's statistics per directive, in the format's order. */
enum { CSM__STAT_MEAN, CSM__STAT_SD, CSM__STAT_Q1, CSM__STAT_MEDIAN, CSM__STAT_Q3, CSM__STAT_MIN, CSM__STAT_MAX, CSM__STATS };

typedef struct csm__bench_group {
	const char *key;
	unsigned long long n;
	unsigned char has_stat[CSM__STATS];     /* which statistics the group gives */
	double stat[CSM__STATS][CSM_DIRECTIVES];
	unsigned char missing[CSM_DIRECTIVES];  /* 1: no score in this directive (null) */
	const csm__bench_hist *dir_hist;        /* CSM_DIRECTIVES histograms, or NULL for none */
	int has_overall_mean;
	double overall_mean;
	csm__bench_hist overall;                /* the overall scores' histogram */
	int has_overall_stats;                  /* a points benchmark: the total's sd, quartiles, min, max too */
	double overall_stat[CSM__STATS];
} csm__bench_group;

/* Why a group is left out (the aggregator's group.suppressed). */
enum { CSM__SUPPRESSED_FEW = 1, CSM__SUPPRESSED_COMPLEMENT = 2, CSM__SUPPRESSED_DIFFERS = 3 };

typedef struct csm__bench_suppressed {
	const char *key;
	int reason; /* CSM__SUPPRESSED_* */
} csm__bench_suppressed;

typedef struct csm__bench_doc {
	const char *name, *source, *questionnaire, *date; /* source, date: NULL for none */
	unsigned min_group;
	csm_grading grading;
	int grading_estimated;
	const csm__bench_group *groups;
	size_t ngroups;
	int list_suppressed; /* write "suppressed" (possibly empty) */
	const csm__bench_suppressed *suppressed;
	size_t nsuppressed;
	/* A benchmark in points (a questionnaire with its own scale): the most
	 * points and each part's most. Then "points" stands where "grading"
	 * does, and the per-directive arrays run over the `parts` parts. 0: levels. */
	int max_points;
	int parts;
	int part_max[CSM_DIRECTIVES];
} csm__bench_doc;

/* The two layouts, kept as files already published have them (a change
 * would change their bytes): INDENTED is cJSON_Print's (a table's
 * benchmark, read and diffed by people; min_group only when not 0, before
 * grading), LINES one group a line (large exports; min_group always, after
 * grading). */
typedef enum { CSM__BENCH_INDENTED, CSM__BENCH_LINES } csm__bench_layout;

/* Write `doc` as csm-benchmark/1 to *out (caller frees; LINES ends with a
 * newline, INDENTED does not). */
int csm__benchmark_write(char **out, const csm__bench_doc *doc, csm__bench_layout layout);

#endif
