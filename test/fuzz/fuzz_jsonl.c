/* JSON Lines ingest: each line an answers object, counted into an
 * aggregator as `csm bench aggregate` does, then the k-anonymous export. */
#include "fuzz_common.h"

/* The same lines as answers to sme-check, aggregated in points with the
 * industries (parent groups); the export must read back as a benchmark. */
static void fuzz_points(const char *p, const char *end)
{
	static csm_questionnaire *sq;
	static csm_industries *ind;
	csm_aggregate_options opt = CSM_AGGREGATE_OPTIONS_INIT;
	csm_aggregator *ag = NULL;
	csm_benchmark *b = NULL;
	char *out = NULL;
	if (!sq && (csm_questionnaire_open(&sq, CSM_FUZZ_DATA, "sme-check") != 0 ||
	            csm_industries_open(&ind, CSM_FUZZ_DATA) != 0))
		abort();
	opt.min_group = 2;
	opt.name = "fuzz points";
	opt.industries = ind;
	if (csm_aggregator_new(&ag, sq, &opt) != 0)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		csm_answers *a = NULL;
		if (csm_answers_parse_for(&a, p, len, "@", sq) == 0)
			(void)csm_aggregator_add(ag, a, CSM_ALLOW_PARTIAL);
		csm_answers_free(a);
		p += len + (nl ? 1 : 0);
	}
	if (csm_aggregator_export(&out, ag) == 0) {
		/* what csm writes, csm reads */
		if (csm_benchmark_parse(&b, out, strlen(out), "export") != 0)
			abort();
		csm_benchmark_free(b);
		csm_free(out);
	}
	csm_aggregator_free(ag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const csm_questionnaire *q = fuzz_questionnaire();
	csm_aggregate_options opt = CSM_AGGREGATE_OPTIONS_INIT;
	csm_aggregator *ag = NULL;
	const char *p = (const char *)data, *end = p + size;
	char *out = NULL;
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
	fuzz_points((const char *)data, end);
	return 0;
}
