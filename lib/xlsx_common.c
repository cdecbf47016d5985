/* What the workbook's writer and reader share (xlsx_form.h). */
#include <string.h>
#include <strings.h>

#include "xlsx_form.h"

const char *const csm__xlsx_scopes[CSM__SCOPES][3] = {{"entity", "単体", "entity"}, {"group", "グループ", "group"}};
const char *const csm__xlsx_sizes[CSM__SIZES][3] = {
	{"small", "小規模", "small"}, {"medium", "中規模", "medium"}, {"large", "大規模", "large"}};
const char *const csm__xlsx_yesno[CSM__XLSX_YESNO][3] = {{"yes", "はい", "yes"}, {"no", "いいえ", "no"}};

const char *csm__xlsx_choice_label(csm_lang lang, const char *const (*table)[3], size_t n, const char *value)
{
	size_t i;
	for (i = 0; value && i < n; i++)
		if (strcmp(table[i][0], value) == 0)
			return table[i][1 + lang];
	return value;
}

int csm__xlsx_choice_of(const char *const (*table)[3], size_t n, const char *s)
{
	size_t i;
	int k;
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++)
			if (strcasecmp(table[i][k], s) == 0)
				return (int)i;
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
