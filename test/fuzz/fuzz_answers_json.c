/* The answers parser on JSON input (csm-answers/1), then the whole pipeline;
 * the same input as answers to sme-check (a questionnaire with its own
 * scale, scored in points) through its own pipeline. */
#include "fuzz_common.h"

/* Parse with sme-check's scale, score in points, render as the CLI would. */
static void fuzz_points(const uint8_t *data, size_t size)
{
	static csm_questionnaire *sq;
	csm_answers *a = NULL;
	csm_points *p = NULL;
	char *out = NULL;
	if (!sq && csm_questionnaire_open(&sq, CSM_FUZZ_DATA, "sme-check") != 0)
		abort();
	if (csm_answers_parse_for(&a, (const char *)data, size, "fuzz.json", sq) == 0 &&
	    csm_answers_check(a, sq, CSM_ALLOW_PARTIAL) == 0 && csm_points_compute(&p, sq, a, CSM_ALLOW_PARTIAL) == 0) {
		if (csm_points_render_text(&out, p, a, CSM_LANG_JA) == 0)
			csm_free(out);
		if (csm_points_render_json(&out, p, a, "fuzz") == 0)
			csm_free(out);
	}
	csm_points_free(p);
	csm_answers_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csm_answers *a = NULL;
	if (csm_answers_parse(&a, (const char *)data, size, "fuzz.json") == 0)
		fuzz_answers_pipeline(a);
	csm_answers_free(a);
	fuzz_points(data, size);
	return 0;
}
