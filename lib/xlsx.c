/* The offline workbook: written with libxlsxwriter, read back with libzip
 * and libxml2. (Being written on branch xlsx.) */
#include <stddef.h>

#include "internal.h"

int csm_form_xlsx(unsigned char **out, size_t *out_len, const csm_questionnaire *q, const csm_form_options *opt)
{
	(void)q;
	(void)opt;
	*out = NULL;
	*out_len = 0;
	return csm__err(CSM_EIO, "xlsx: not built yet");
}

int csm_form_xlsx_import(char **out, const void *data, size_t len, const char *name, const csm_industries *industries)
{
	(void)data;
	(void)len;
	(void)industries;
	*out = NULL;
	return csm__err(CSM_EIO, "%s: xlsx import not built yet", name);
}
