/* The optional back ends as modules (backend.c).
 *
 * The PDF back end (chart.c, pdf_*.c, karte*.c: cairo, libharu, HarfBuzz, fontconfig)
 * and the workbook back end (xlsx.c: libxlsxwriter, libzip, libxml2) cost
 * more to load than the rest of csm together. With CSM_LAZY_BACKENDS each is
 * built as a module (libcsm-pdf.so, libcsm-xlsx.so) that the first call
 * needing it opens with dlopen; the public functions below are then thin
 * stubs in the core library that forward through the module's table. Each
 * list names a back end's public functions once: return type, name,
 * parameters, the arguments to forward, and what a void function returns. */
#ifndef CSM_BACKEND_H
#define CSM_BACKEND_H

#include "csm.h"

#define CSM__PDF_FUNCTIONS(X)                                                                                  \
	X(int, csm_font_find, (char **out, const char *family), (out, family))                                 \
	X(int, csm_karte_maker_new, (csm_karte_maker * *out, const char *font_path), (out, font_path))         \
	X(int, csm_karte_render,                                                                               \
	  (char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an, const csm_tips *tips,        \
	   csm_lang lang, long long created),                                                                  \
	  (out, len, km, an, tips, lang, created))                                                             \
	X(int, csm_board_render,                                                                               \
	  (char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an, const csm_tips *tips,        \
	   csm_lang lang, long long created),                                                                  \
	  (out, len, km, an, tips, lang, created))                                                             \
	X(int, csm_portfolio_render,                                                                           \
	  (char **out, size_t *len, csm_karte_maker *km, const csm_analysis *const *an, size_t n,             \
	   const csm_tips *tips, csm_lang lang, long long created, csm_rollup rollup),                         \
	  (out, len, km, an, n, tips, lang, created, rollup))                                                  \
	X(int, csm_supply_render_pdf,                                                                          \
	  (char **out, size_t *len, csm_karte_maker *km, const csm_supply *sp, csm_lang lang, long long created), \
	  (out, len, km, sp, lang, created))                                                                   \
	X(int, csm_radar_from_analysis, (csm_radar * *out, const csm_analysis *an, csm_lang lang), (out, an, lang)) \
	X(int, csm_radar_image, (char **out, size_t *len, const csm_radar *r, csm_image_format fmt, double size_pt), \
	  (out, len, r, fmt, size_pt))

#define CSM__XLSX_FUNCTIONS(X)                                                                                 \
	X(int, csm_form_xlsx, (unsigned char **out, size_t *out_len, const csm_questionnaire *q,                \
	                       const csm_form_options *opt),                                                    \
	  (out, out_len, q, opt))                                                                              \
	X(int, csm_form_xlsx_import,                                                                           \
	  (char **out, const void *data, size_t len, const char *name, const csm_industries *industries),    \
	  (out, data, len, name, industries))                                                                  \
	X(int, csm_form_xlsx_load, (char **out, const char *path, const csm_industries *industries),           \
	  (out, path, industries))                                                                             \
	X(int, csm_actions_xlsx,                                                                               \
	  (unsigned char **out, size_t *out_len, const csm_actions *acts, csm_lang lang),                     \
	  (out, out_len, acts, lang))                                                                          \
	X(int, csm_actions_xlsx_import, (csm_actions * *out, const void *data, size_t len, const char *name),  \
	  (out, data, len, name))

#define CSM__MODULE_FIELD(ret, name, params, args) ret(*name) params;

/* What a module exports: one table, found by its name with dlsym. `abi`
 * must equal the core's CSM_MODULE_ABI (the version and a digest of the
 * headers whose structures both sides share), so a module of another build
 * is refused instead of misreading them. Each module has its own copy of the
 * core code it uses, its own error message included: the stubs copy
 * error_last() after a failing call. */
typedef struct csm__pdf_api {
	const char *abi;
	const char *(*error_last)(void);
	void (*karte_maker_free)(csm_karte_maker *km);
	CSM__PDF_FUNCTIONS(CSM__MODULE_FIELD)
} csm__pdf_api;

typedef struct csm__xlsx_api {
	const char *abi;
	const char *(*error_last)(void);
	CSM__XLSX_FUNCTIONS(CSM__MODULE_FIELD)
} csm__xlsx_api;

#define CSM__MODULE_EXPORT __attribute__((visibility("default")))

#endif
