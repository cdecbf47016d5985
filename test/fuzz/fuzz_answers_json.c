/* The answers parser on JSON input (csm-answers/1), then the whole pipeline. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csm_answers *a = NULL;
	if (csm_answers_parse(&a, (const char *)data, size, "fuzz.json") == 0)
		fuzz_answers_pipeline(a);
	csm_answers_free(a);
	return 0;
}
