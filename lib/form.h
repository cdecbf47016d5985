/* form_html.c: what the two offline forms (the HTML page and the workbook)
 * check alike. */
#ifndef CSM_FORM_H
#define CSM_FORM_H

#include "csm.h"

/* 0 if `opt` is of this csm's layout with a known language, else
 * CSM_EINVALID with the message set. */
int csm__form_options_ok(const csm_form_options *opt);

#endif
