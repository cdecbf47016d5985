/* The CSF view (csf.c), for the reports that group items by CSF function. */
#ifndef CSM_CSF_H
#define CSM_CSF_H

#include <stddef.h>

/* The CSF view (csf.c): GV ID PR DE RS RC. */
#define CSM__CSF_FUNCTIONS 6
typedef struct csm__csf_map csm__csf_map;
/* The function index of a two-letter id ("PR.AC-1" -> 2), or -1. */
int csm__csf_fn(const char *two);
/* Parse csm-csf-map/1 (TSV: CSF 1.1 id, CSF 2.0 function, source). */
int csm__csf_map_parse(csm__csf_map **out, const char *data, size_t len, const char *name);
void csm__csf_map_free(csm__csf_map *m);
/* The CSF 2.0 function of a CSF 1.1 subcategory (its own line, else its
 * category's), or -1. */
int csm__csf_map_function(const csm__csf_map *m, const char *subcategory);

#endif
