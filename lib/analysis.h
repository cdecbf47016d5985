/* The analysis (analysis.c), as the renderers read it. */
#ifndef CSM_ANALYSIS_H
#define CSM_ANALYSIS_H

#include <stddef.h>

#include "csm.h"
#include "util.h"

/* Accessors for the renderers (analysis.c). */
const csm_questionnaire *csm__analysis_q(const csm_analysis *an);
const csm_answers *csm__analysis_a(const csm_analysis *an);
const csm_score *csm__analysis_s(const csm_analysis *an);
/* Whether the assessment has a grade (by the benchmark's grading), even where
 * the benchmark withholds the group to compare with. */
int csm__analysis_graded(const csm_analysis *an);
const csm_benchmark *csm__analysis_b(const csm_analysis *an);
/* The previous assessment, if one was set. */
const csm_score *csm__analysis_prev(const csm_analysis *an);
const csm_answers *csm__analysis_prev_a(const csm_analysis *an);
/* Items of `q` whose level moved from `older` to `newer`, appended to `out`
 * as "9-1 2→3, ..."; returns their number. */
size_t csm__moved_items(const csm_answers *older, const csm_answers *newer, const csm_questionnaire *q, csm__buf *out);
/* The organization's industry as a label where known, else its id, or NULL. */
const char *csm__analysis_industry_label(const csm_analysis *an, csm_lang lang);
/* Grade A: the level of the CSM_LIST_LOWEST directives (1..4), else 0. */
int csm__analysis_lowest_level(const csm_analysis *an);
/* 1 if hint 1 is labelled urgent: its directive is on a behind list (grades B, C). */
int csm__analysis_hint1_urgent(const csm_analysis *an);
/* The hints' heading by target, as the trial's karte: 成熟度Aになるためのヒント ... */
/* The note on what the benchmark compares (csm_analysis_compares() 1 or 0),
 * appended to `o`; nothing when it was built from the same questionnaire. */
void csm__analysis_comparison_note(const csm_analysis *an, csm_lang lang, csm__buf *o);
const char *csm__analysis_hints_heading(const csm_analysis *an, csm_lang lang);
/* Hint 2's sentence into `o` ("指示4、5、6も改善が必要です"); 0 when nothing is flagged. */
int csm__analysis_flagged_text(const csm_analysis *an, csm_lang lang, csm__buf *o);
/* Grade A's statement of list `which` (LEVEL5 or LOWEST) into `o` ("指示1、2、7は
 * レベル5に達しています", "指示6、8、9はレベル4で改善の余地があります"); 0 when empty. */
int csm__analysis_level_text(const csm_analysis *an, csm_list which, csm_lang lang, csm__buf *o);
/* The groups the organization is compared with, in table order: all,
 * grade:C, grade:B, grade:A, and its industry's when it names one; their keys
 * and indexes in the benchmark (-1 where it has none). Returns 4 or 5. */
size_t csm__analysis_groups(const csm_analysis *an, const char *keys[5], int idx[5]);

/* The index of the industry's group in the benchmark (its own, or else its
 * parent's), or -1. */
int csm__analysis_industry_group(const csm_analysis *an);
/* The organization's industry (an older id resolved), or NULL; the list. */
const char *csm__analysis_industry(const csm_analysis *an);
const csm_industries *csm__analysis_industries(const csm_analysis *an);
/* The label of the group the organization is compared with: its industry's
 * label, or its parent group's ("金融"). */
const char *csm__analysis_group_label(const csm_analysis *an, csm_lang lang);
/* "銀行業 (比較: 金融 2020年試行)": the industry and the parent group it is
 * compared with; only the industry where that is its own group or there is
 * none; NULL without an industry. */
const char *csm__analysis_industry_compared(const csm_analysis *an, csm_lang lang);
/* 1 if the industry group exists but is below the benchmark's min_group, so
 * no percentile is given; its n into `*n`. */
int csm__analysis_percentile_withheld(const csm_analysis *an, unsigned *n);

#endif
