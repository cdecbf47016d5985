/* The action list reader (csm-actions/1, JSON or CSV). What it accepts must
 * write and read back to the same bytes, in either form: an edited list
 * survives any number of round trips. */
#include <stdlib.h>

#include "fuzz_common.h"

static void same_again(const csm_actions *acts, int csv)
{
	char *once = NULL, *twice = NULL;
	csm_actions *back = NULL;
	if (csm_actions_write(&once, acts, csv) != 0)
		return;
	if (csm_actions_parse(&back, once, strlen(once), csv ? "again.csv" : "again.json") != 0 ||
	    csm_actions_write(&twice, back, csv) != 0 || strcmp(once, twice) != 0)
		abort();
	csm_free(once);
	csm_free(twice);
	csm_actions_free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csm_actions *acts = NULL;
	if (csm_actions_parse(&acts, (const char *)data, size, "fuzz.csv") == 0) {
		same_again(acts, 1);
		same_again(acts, 0);
	}
	csm_actions_free(acts);
	return 0;
}
