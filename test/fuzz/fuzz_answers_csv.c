/* The answers parser on CSV input (item,level[,evidence,note]), then the
 * whole pipeline. Input that would be taken for JSON is skipped: that is the
 * other target's. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csm_answers *a = NULL;
	size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i < size && (data[i] == '{' || data[i] == '['))
		return 0;
	if (csm_answers_parse(&a, (const char *)data, size, "fuzz.csv") == 0)
		fuzz_answers_pipeline(a);
	csm_answers_free(a);
	return 0;
}
