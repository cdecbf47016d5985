/* libpq on demand (pg_dl.h): a program that never opens a postgresql://
 * database does not pay for loading libpq and the libraries it pulls in
 * (Kerberos, LDAP, OpenSSL: about half of csm's start-up time before). */
#define CSM__PG_DL_IMPL
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifdef CSM_PG_LAZY
#include <dlfcn.h>
#endif

#include "error.h"
#include "pg_dl.h"

csm__pq_api csm__pq;

static pthread_once_t pg_once = PTHREAD_ONCE_INIT;
static int pg_rc = CSM_EUNSUPPORTED;
static char pg_why[512]; /* why libpq is not there, kept for every later call */

static void pg_init(void)
{
#if defined(CSM_PG_DIRECT)
#define CSM__PQ_SET(name, ret, params) csm__pq.name = name;
	CSM__PQ_FUNCTIONS(CSM__PQ_SET)
#undef CSM__PQ_SET
	pg_rc = 0;
#elif defined(CSM_PG_LAZY)
	/* RTLD_LOCAL: libpq's symbols stay out of the global scope, and the
	 * handle stays open for the life of the process. */
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(pg_why, sizeof pg_why,
		         "PostgreSQL support needs libpq, which cannot be loaded (Debian: apt-get install libpq5): %s", dlerror());
		return;
	}
#define CSM__PQ_SYM(name, ret, params)                                                                 \
	{                                                                                              \
		void *p = dlsym(h, #name);                                                             \
		if (!p) {                                                                              \
			snprintf(pg_why, sizeof pg_why, "libpq.so.5 has no %s (libpq 14 or later is needed)", \
			         #name);                                                               \
			dlclose(h);                                                                    \
			return;                                                                        \
		}                                                                                      \
		memcpy(&csm__pq.name, &p, sizeof p);                                                   \
	}
	CSM__PQ_FUNCTIONS(CSM__PQ_SYM)
#undef CSM__PQ_SYM
	pg_rc = 0;
#else
	snprintf(pg_why, sizeof pg_why,
	         "this csm was built without PostgreSQL support (cmake -DCSM_WITH_POSTGRESQL=ON); use an SQLite file");
#endif
}

int csm__pg_load(void)
{
	pthread_once(&pg_once, pg_init);
	return pg_rc ? csm__err(pg_rc, "%s", pg_why) : 0;
}
