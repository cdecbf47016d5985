/* Compiled with -std=c99 -pedantic -Werror: csm.h must stand alone. */
#include "csm.h"

int csm_header_check(void);
int csm_header_check(void) { return CSM_DIRECTIVES; }
