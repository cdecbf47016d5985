/* The entry of libcsm-xlsx.so (backend.h): the one symbol it exports. */
#include "backend.h"

#define CSM__ENTRY(ret, name, params, args) name,
CSM__MODULE_EXPORT extern const csm__xlsx_api csm__xlsx_module;
const csm__xlsx_api csm__xlsx_module = {CSM_MODULE_ABI, csm_error_last, CSM__XLSX_FUNCTIONS(CSM__ENTRY)};
