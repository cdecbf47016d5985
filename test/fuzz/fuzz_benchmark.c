/* The benchmark loader (csm-benchmark/1); a loaded benchmark is used to
 * analyze a shipped example, as `csm score --benchmark` would. */
#include "fuzz_common.h"

/* A benchmark in points (of sme-check) places a small company among its
 * peers: its groups, parts and histograms are read by other code than a
 * benchmark of levels. */
static void fuzz_points_peers(const csm_benchmark *b)
{
	static csm_questionnaire *sq;
	static csm_answers *sa;
	static csm_industries *ind;
	csm_points *p = NULL;
	char *out = NULL;
	if (!sq && (csm_questionnaire_open(&sq, CSM_FUZZ_DATA, "sme-check") != 0 ||
	            csm_answers_load_for(&sa, CSM_FUZZ_DATA "/examples/sakura-print-sme.json", sq) != 0 ||
	            csm_answers_check(sa, sq, CSM_ALLOW_PARTIAL) != 0 ||
	            csm_industries_open(&ind, CSM_FUZZ_DATA) != 0 ||
	            /* a bank: its own group, else the parent group finance */
	            csm_answers_field_set(sa, CSM_FIELD_ORG_INDUSTRY, "bank") != 0))
		abort();
	if (csm_points_compute(&p, sq, sa, CSM_ALLOW_PARTIAL) != 0)
		abort();
	csm_points_use_industries(p, ind);
	if (csm_points_set_benchmark(p, b, sa) == 0) {
		if (csm_points_render_text(&out, p, sa, CSM_LANG_EN) == 0)
			csm_free(out);
		if (csm_points_render_json(&out, p, sa, "fuzz") == 0)
			csm_free(out);
	}
	csm_points_free(p);
}

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
		fuzz_points_peers(b);
	}
	csm_benchmark_free(b);
	return 0;
}
