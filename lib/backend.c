/* The optional back ends' public functions when they are not linked in
 * (backend.h): stubs that open the back end's module on first use
 * (CSM_PDF_LAZY, CSM_XLSX_LAZY) or say that this csm was built without it.
 * With CSM_PDF_DIRECT / CSM_XLSX_DIRECT the real functions are linked and
 * this file adds nothing for that back end. */
#define _GNU_SOURCE /* dladdr */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(CSM_PDF_LAZY) || defined(CSM_XLSX_LAZY)
#include <dlfcn.h>
#include <unistd.h>
#endif

#include "backend.h"
#include "error.h"

#if !defined(CSM_PDF_LAZY) && !defined(CSM_PDF_DIRECT) || !defined(CSM_XLSX_LAZY) && !defined(CSM_XLSX_DIRECT)
/* Swallows a stub's arguments when it only reports an error. */
static void csm__ignore(int unused, ...) { (void)unused; }
#define CSM__IGNORE(...) csm__ignore(0, __VA_ARGS__)
#endif

#if defined(CSM_PDF_LAZY) || defined(CSM_XLSX_LAZY)
/* `dir` + "/" + `rel` from the directory of the file that holds this code
 * (the program, or libcsm.so), so that a prefix moved as a whole still
 * finds its modules. "" if unknown. */
static void beside_me(char *dir, size_t size, const char *rel)
{
	Dl_info info;
	const char *slash;
	dir[0] = '\0';
	if (dladdr((void *)beside_me, &info) && info.dli_fname && (slash = strrchr(info.dli_fname, '/')) &&
	    (size_t)snprintf(dir, size, "%.*s/%s", (int)(slash - info.dli_fname), info.dli_fname, rel) >= size)
		dir[0] = '\0';
}

/* Where modules are looked for: $CSM_MODULE_DIR alone when it is set (tests,
 * a program linked statically), else beside the installed program or
 * library, the installed module directory, then the build tree's (a csm run
 * before it is installed). A module of another build is skipped: its
 * table's ABI tag differs. */
static void *module_open(const char *file, const char *symbol, char *why, size_t size)
{
	const char *env = getenv("CSM_MODULE_DIR");
	char from_bin[2048], from_lib[2048], path[4096];
	const char *dirs[4] = {from_bin, from_lib, CSM_INSTALL_MODULEDIR, CSM_BUILD_MODULEDIR};
	size_t i, ndirs = 4;

	if (env && *env) {
		dirs[0] = env;
		ndirs = 1;
	} else {
		beside_me(from_bin, sizeof from_bin, CSM_MODULEDIR_FROM_BINDIR);
		beside_me(from_lib, sizeof from_lib, CSM_MODULEDIR_FROM_LIBDIR);
	}
	snprintf(why, size, "%s not found in %s (set CSM_MODULE_DIR to the directory holding it)", file,
	         ndirs == 1 ? env : CSM_INSTALL_MODULEDIR);
	for (i = 0; i < ndirs; i++) {
		void *h, *table;
		if (!dirs[i][0] || (size_t)snprintf(path, sizeof path, "%s/%s", dirs[i], file) >= sizeof path ||
		    access(path, F_OK) != 0)
			continue;
		/* RTLD_LOCAL: the module's libraries (cairo, libxml2...) stay out of
		 * the program's global symbol scope. */
		if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
			snprintf(why, size, "%s", dlerror());
			continue;
		}
		table = dlsym(h, symbol);
		if (!table || strcmp(*(const char *const *)table, CSM_MODULE_ABI) != 0) {
			snprintf(why, size, "%.512s belongs to another build of csm (expected %s)", path, CSM_MODULE_ABI);
			dlclose(h);
			continue;
		}
		return table; /* the module stays loaded for the life of the process */
	}
	return NULL;
}
#endif

/* ---- PDF: karte, portfolio, radar ------------------------------------------ */

#if defined(CSM_PDF_LAZY)
static const csm__pdf_api *pdf;
static pthread_once_t pdf_once = PTHREAD_ONCE_INIT;
static char pdf_why[1024];

static void pdf_init(void) { pdf = module_open("libcsm-pdf.so", "csm__pdf_module", pdf_why, sizeof pdf_why); }

static int pdf_load(void)
{
	pthread_once(&pdf_once, pdf_init);
	return pdf ? 0
	           : csm__err(CSM_EUNSUPPORTED, "the PDF back end (karte, portfolio, radar) cannot be loaded: %s",
	                      pdf_why);
}

#define CSM__PDF_STUB(ret, name, params, args)                          \
	ret name params                                                   \
	{                                                                 \
		int rc = pdf_load();                                      \
		if (!rc && (rc = pdf->name args) < 0)                     \
			csm__err(rc, "%s", pdf->error_last());            \
		return rc;                                                \
	}
CSM__PDF_FUNCTIONS(CSM__PDF_STUB)

void csm_karte_maker_free(csm_karte_maker *km)
{
	if (km) /* only the module makes one, so it is loaded */
		pdf->karte_maker_free(km);
}
#elif !defined(CSM_PDF_DIRECT)
#define CSM__PDF_OFF(ret, name, params, args)                                                                    \
	ret name params                                                                                          \
	{                                                                                                        \
		CSM__IGNORE args;                                                                                \
		return csm__err(CSM_EUNSUPPORTED, "this csm was built without the PDF back end (karte, portfolio, " \
		                                  "radar): cmake -DCSM_WITH_PDF=ON");                            \
	}
CSM__PDF_FUNCTIONS(CSM__PDF_OFF)

void csm_karte_maker_free(csm_karte_maker *km) { (void)km; }
#endif

/* ---- workbook: csm template --format xlsx, csm import ------------------------- */

#if defined(CSM_XLSX_LAZY)
static const csm__xlsx_api *xlsx;
static pthread_once_t xlsx_once = PTHREAD_ONCE_INIT;
static char xlsx_why[1024];

static void xlsx_init(void) { xlsx = module_open("libcsm-xlsx.so", "csm__xlsx_module", xlsx_why, sizeof xlsx_why); }

static int xlsx_load(void)
{
	pthread_once(&xlsx_once, xlsx_init);
	return xlsx ? 0 : csm__err(CSM_EUNSUPPORTED, "the workbook back end cannot be loaded: %s", xlsx_why);
}

#define CSM__XLSX_STUB(ret, name, params, args)                         \
	ret name params                                                   \
	{                                                                 \
		int rc = xlsx_load();                                     \
		if (!rc && (rc = xlsx->name args) < 0)                    \
			csm__err(rc, "%s", xlsx->error_last());           \
		return rc;                                                \
	}
CSM__XLSX_FUNCTIONS(CSM__XLSX_STUB)
#elif !defined(CSM_XLSX_DIRECT)
#define CSM__XLSX_OFF(ret, name, params, args)                                                                   \
	ret name params                                                                                          \
	{                                                                                                        \
		CSM__IGNORE args;                                                                                \
		return csm__err(CSM_EUNSUPPORTED, "this csm was built without the workbook back end (xlsx): "      \
		                                  "cmake -DCSM_WITH_XLSX=ON");                                   \
	}
CSM__XLSX_FUNCTIONS(CSM__XLSX_OFF)
#endif
