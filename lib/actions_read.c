/* An action list read whatever its form: JSON or CSV (actions.c), or the
 * workbook sheet (the workbook module, backend.h). Apart from actions.c
 * because the modules link actions.c for the follow-up and must not pull in
 * the workbook module's stub. */
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "error.h"
#include "util.h"

int csm_actions_parse(csm_actions **out, const char *data, size_t len, const char *name)
{
	CSM__ARGS(out && data);
	*out = NULL;
	if (!name)
		name = "(input)";
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) /* a zip archive: the workbook */
		return csm_actions_xlsx_import(out, data, len, name);
	return csm__actions_parse_text(out, data, len, name);
}

int csm_actions_load(csm_actions **out, const char *path)
{
	CSM__ARGS(out && path);
	char *data = NULL;
	size_t len = 0;
	int rc;
	*out = NULL;
	if ((rc = csm__read_file(&data, &len, path, CSM_MAX_FILE_BYTES)))
		return rc;
	rc = csm_actions_parse(out, data, len, path);
	free(data);
	return rc;
}
