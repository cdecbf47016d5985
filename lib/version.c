#include <stdlib.h>

#include "csm.h"

const char *csm_version(void) { return CSM_VERSION_STRING; }

void csm_free(void *p) { free(p); }
