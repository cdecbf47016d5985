/* The benchmark loader (csm-benchmark/1); a loaded benchmark is used to
 * analyze a shipped example, as `csm score --benchmark` would. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static csm_answers *a;
	static csm_score *s;
	const csm_questionnaire *q = fuzz_questionnaire();
	csm_benchmark *b = NULL;
	csm_analysis *an = NULL;
	char *out = NULL;
	if (!a && (csm_answers_load(&a, CSM_FUZZ_DATA "/examples/kitamachi-machinery.json") != 0 ||
	           csm_answers_check(a, q, 0) != 0 ||
	           csm_score_compute(&s, q, a, csm_benchmark_grading(fuzz_benchmark()), 0) != 0))
		abort();
	if (csm_benchmark_parse(&b, (const char *)data, size, "fuzz-benchmark.json") == 0) {
		if (csm_analyze(&an, q, a, s, b) == 0 && csm_render_json(&out, an, NULL) == 0)
			csm_free(out);
		csm_analysis_free(an);
	}
	csm_benchmark_free(b);
	return 0;
}
