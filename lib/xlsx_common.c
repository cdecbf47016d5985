/* What the workbook's writer and reader share (xlsx_form.h). */
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "messages.h"
#include "xlsx_form.h"

const char *const csm__xlsx_scopes[CSM__SCOPES][2] = {{"entity", "workbook.scope_entity"},
                                                      {"group", "workbook.scope_group"}};
const char *const csm__xlsx_sizes[CSM__SIZES][2] = {
	{"small", "workbook.size_small"}, {"medium", "workbook.size_medium"}, {"large", "workbook.size_large"}};
const char *const csm__xlsx_yesno[CSM__XLSX_YESNO][2] = {{"yes", "workbook.yes"}, {"no", "workbook.no"}};

const char *csm__xlsx_choice_label(csm_lang lang, const char *const (*table)[2], size_t n, const char *value)
{
	size_t i;
	for (i = 0; value && i < n; i++)
		if (strcmp(table[i][0], value) == 0)
			return csm__msg(table[i][1], lang);
	return value;
}

int csm__xlsx_choice_of(const char *const (*table)[2], size_t n, const char *s)
{
	size_t i;
	int l;
	for (i = 0; i < n; i++) {
		if (strcasecmp(table[i][0], s) == 0)
			return (int)i;
		for (l = 0; l < CSM__LANGS; l++)
			if (strcasecmp(csm__msg(table[i][1], (csm_lang)l), s) == 0)
				return (int)i;
	}
	return -1;
}

void csm__xlsx_col_letters(char *buf, unsigned col)
{
	char tmp[8];
	int n = 0, i = 0;
	col++; /* 1-based */
	while (col && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
}
