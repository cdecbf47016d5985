/* Shared by the fuzz targets: the shipped questionnaire and benchmark, loaded
 * once, and the pipeline every parsed answers set is pushed through. */
#ifndef CSM_FUZZ_COMMON_H
#define CSM_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline const csm_questionnaire *fuzz_questionnaire(void)
{
	static csm_questionnaire *q;
	if (!q && csm_questionnaire_open(&q, CSM_FUZZ_DATA, "csmg-v2") != 0)
		abort(); /* the fuzzer's own setup is broken */
	return q;
}

static inline const csm_benchmark *fuzz_benchmark(void)
{
	static csm_benchmark *b;
	if (!b && csm_benchmark_load(&b, CSM_FUZZ_DATA "/benchmarks/beta-2020.json") != 0)
		abort();
	return b;
}

/* Check, score, analyze and render answers `a` as the CLI would. */
static inline void fuzz_answers_pipeline(const csm_answers *a)
{
	const csm_questionnaire *q = fuzz_questionnaire();
	const csm_benchmark *b = fuzz_benchmark();
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	char *out = NULL, *warn = NULL;
	if (csm_answers_check(a, q, CSM_ALLOW_PARTIAL) != 0)
		return;
	if (csm_answers_warnings(&warn, a, q) == 0)
		csm_free(warn);
	if (csm_score_compute(&s, q, a, csm_benchmark_grading(b), CSM_ALLOW_PARTIAL) != 0)
		return;
	if (csm_analyze(&an, q, a, s, b) == 0) {
		if (csm_render_json(&out, an, "fuzz") == 0)
			csm_free(out);
		if (csm_render_text(&out, an, NULL, CSM_LANG_JA) == 0)
			csm_free(out);
	}
	csm_analysis_free(an);
	csm_score_free(s);
}

#endif
