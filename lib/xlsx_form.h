/* The offline workbook (format csm-xlsx/1), what its writer (xlsx_write.c)
 * and its reader (xlsx_read.c) must agree on: the format marker, the
 * defined names, the choices of the drop-down lists, how a column is
 * lettered and how large a sheet is. */
#ifndef CSM_XLSX_FORM_H
#define CSM_XLSX_FORM_H

#include "answers.h"

#define CSM__XLSX_FORMAT "csm-xlsx/1"
#define CSM__XLSX_YESNO 2
/* The size of a sheet (Excel 2007 and later). */
#define CSM__XLSX_ROW_MAX 1048576
#define CSM__XLSX_COL_MAX 16384

/* The workbook-global defined names through which the reader finds every
 * input the writer made: one cell each, */
#define CSM__XN_FORMAT "csm_format" /* the marker CSM__XLSX_FORMAT */
#define CSM__XN_QUESTIONNAIRE "csm_questionnaire"
#define CSM__XN_ORG_NAME "csm_org_name"
#define CSM__XN_ORG_INDUSTRY "csm_org_industry"
#define CSM__XN_ORG_SCOPE "csm_org_scope"
#define CSM__XN_ORG_SIZE "csm_org_size"
#define CSM__XN_ASSESSED_ON "csm_assessed_on"
/* then one column each, row by row. */
#define CSM__XN_ASSESSOR_NAMES "csm_assessor_names"
#define CSM__XN_ASSESSOR_ROLES "csm_assessor_roles"
#define CSM__XN_GATE_IDS "csm_gate_ids"
#define CSM__XN_GATE_ANSWERS "csm_gate_answers"
#define CSM__XN_ITEM_IDS "csm_item_ids"
#define CSM__XN_LEVELS "csm_levels"
#define CSM__XN_EVIDENCE "csm_evidence"
#define CSM__XN_NOTES "csm_notes"
/* A questionnaire with its own scale: its choices' ids and their labels in
 * the workbook's language (hidden Lists sheet), so that the import reads a
 * chosen label back as its id. Absent in a workbook of levels. */
#define CSM__XN_CHOICE_IDS "csm_choice_ids"
#define CSM__XN_CHOICE_LABELS "csm_choice_labels"

/* The action list's workbook (csm_actions_xlsx()): its marker, its
 * organization (one cell each), then one column each, row by row, in the
 * order of csm-actions/1's columns. */
#define CSM__XLSX_ACTIONS_FORMAT "csm-actions-xlsx/1"
#define CSM__XN_ACT_FORMAT "csm_actions_format"
#define CSM__XN_ACT_ORG "csm_actions_org"
#define CSM__XN_ACT_ITEMS "csm_action_items"
#define CSM__XN_ACT_DIRECTIVES "csm_action_directives"
#define CSM__XN_ACT_FROM "csm_action_from"
#define CSM__XN_ACT_TO "csm_action_to"
#define CSM__XN_ACT_TIPS "csm_action_tips"
#define CSM__XN_ACT_FIRST_STEPS "csm_action_first_steps"
#define CSM__XN_ACT_OWNERS "csm_action_owners"
#define CSM__XN_ACT_EFFORTS "csm_action_efforts"
#define CSM__XN_ACT_COSTS "csm_action_costs"
#define CSM__XN_ACT_DUES "csm_action_dues"
#define CSM__XN_ACT_STATUSES "csm_action_statuses"
#define CSM__XN_ACT_NOTES "csm_action_notes"

/* Choices shown in the drop-down lists: {the value written to the answers
 * file, the key of its label in messages.c}. */
extern const char *const csm__xlsx_scopes[CSM__SCOPES][2];
extern const char *const csm__xlsx_sizes[CSM__SIZES][2];
extern const char *const csm__xlsx_yesno[CSM__XLSX_YESNO][2];

/* The label in language `lang` of a stored value from `table` (the value itself if it is none). */
const char *csm__xlsx_choice_label(csm_lang lang, const char *const (*table)[2], size_t n, const char *value);
/* The row of `table` one of whose labels `s` equals (ASCII case ignored), or -1. */
int csm__xlsx_choice_of(const char *const (*table)[2], size_t n, const char *s);
/* The letters of 0-based column `col` ("A", "AB") into buf (8 bytes). */
void csm__xlsx_col_letters(char *buf, unsigned col);

#endif
