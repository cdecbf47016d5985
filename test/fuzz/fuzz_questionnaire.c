/* The questionnaire loader; a loaded questionnaire is rendered as text and
 * as a blank CSV template. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csm_questionnaire *q = NULL;
	char *out = NULL;
	if (csm_questionnaire_parse(&q, (const char *)data, size, "fuzz-questions.json") == 0) {
		if (csm_template_csv(&out, q, CSM_LANG_EN) == 0)
			csm_free(out);
	}
	csm_questionnaire_free(q);
	return 0;
}
