/* The offline workbook (format csm-xlsx/1), what its writer (xlsx_write.c)
 * and its reader (xlsx_read.c) must agree on: the format marker, the
 * choices of the drop-down lists and how a column is lettered. */
#ifndef CSM_XLSX_FORM_H
#define CSM_XLSX_FORM_H

#include "internal.h"

#define CSM__XLSX_FORMAT "csm-xlsx/1"
#define CSM__XLSX_YESNO 2
/* The size of a sheet (Excel 2007 and later). */
#define CSM__XLSX_ROW_MAX 1048576
#define CSM__XLSX_COL_MAX 16384

/* Choices shown in the drop-down lists, per language; the first entry of each
 * row is the value written to the answers file. */
extern const char *const csm__xlsx_scopes[CSM__SCOPES][3];
extern const char *const csm__xlsx_sizes[CSM__SIZES][3];
extern const char *const csm__xlsx_yesno[CSM__XLSX_YESNO][3];

/* The label in language `lang` of a stored value from `table` (the value itself if it is none). */
const char *csm__xlsx_choice_label(csm_lang lang, const char *const (*table)[3], size_t n, const char *value);
/* The row of `table` one of whose labels `s` equals (ASCII case ignored), or -1. */
int csm__xlsx_choice_of(const char *const (*table)[3], size_t n, const char *s);
/* The letters of 0-based column `col` ("A", "AB") into buf (8 bytes). */
void csm__xlsx_col_letters(char *buf, unsigned col);

#endif
