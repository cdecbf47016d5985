/* The offline HTML form. */
#include <stddef.h>

#include "internal.h"

int csm_form_html(char **out, const csm_questionnaire *q, const csm_form_options *opt)
{
	(void)q;
	(void)opt;
	*out = NULL;
	return csm__err(CSM_EIO, "html: not built yet");
}
