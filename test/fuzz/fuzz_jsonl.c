/* JSON Lines ingest: each line an answers object, counted into an
 * aggregator as `csm bench aggregate` does, then the k-anonymous export. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const csm_questionnaire *q = fuzz_questionnaire();
	csm_aggregate_options opt;
	csm_aggregator *ag = NULL;
	const char *p = (const char *)data, *end = p + size;
	char *out = NULL;
	memset(&opt, 0, sizeof opt);
	opt.grading = *csm_benchmark_grading(fuzz_benchmark());
	opt.min_group = 2;
	opt.name = "fuzz";
	if (csm_aggregator_new(&ag, q, &opt) != 0)
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		csm_answers *a = NULL;
		if (csm_answers_parse(&a, p, len, "@") == 0)
			(void)csm_aggregator_add(ag, a, CSM_ALLOW_PARTIAL);
		csm_answers_free(a);
		p += len + (nl ? 1 : 0);
	}
	if (csm_aggregator_export(&out, ag) == 0)
		csm_free(out);
	csm_aggregator_free(ag);
	return 0;
}
