/* The entry of libcsm-pdf.so (backend.h): the one symbol it exports. */
#include "backend.h"

#define CSM__ENTRY(ret, name, params, args) name,
CSM__MODULE_EXPORT extern const csm__pdf_api csm__pdf_module;
const csm__pdf_api csm__pdf_module = {CSM_MODULE_ABI, csm_error_last, csm_karte_maker_free,
                                         CSM__PDF_FUNCTIONS(CSM__ENTRY)};
