/* libcrypto on demand (crypto_dl.h). */
#define CSM__CRYPTO_DL_IMPL
#include <pthread.h>
#include <string.h>

#ifndef CSM_CRYPTO_DIRECT
#include <dlfcn.h>
#endif

#include "crypto_dl.h"

static csm__crypto_api crypto;
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

#ifndef CSM_CRYPTO_DIRECT
/* Stand-ins when libcrypto cannot be loaded: each fails as OpenSSL would. */
static int no_digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type,
                     ENGINE *impl)
{
	(void)data, (void)count, (void)md, (void)type, (void)impl;
	if (size)
		*size = 0;
	return 0;
}

static const EVP_MD *no_sha256(void) { return NULL; }

static EVP_MD *no_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)
{
	(void)ctx, (void)algorithm, (void)properties;
	return NULL;
}

static void no_free(EVP_MD *md) { (void)md; }

static unsigned char *no_mac(OSSL_LIB_CTX *libctx, const char *name, const char *propq, const char *subalg,
                             const OSSL_PARAM *params, const void *key, size_t keylen, const unsigned char *data,
                             size_t datalen, unsigned char *out, size_t outsize, size_t *outlen)
{
	(void)libctx, (void)name, (void)propq, (void)subalg, (void)params, (void)key, (void)keylen, (void)data;
	(void)datalen, (void)out, (void)outsize;
	if (outlen)
		*outlen = 0;
	return NULL;
}
#endif

static void crypto_init(void)
{
#ifdef CSM_CRYPTO_DIRECT
	crypto.Digest = EVP_Digest;
	crypto.sha256 = EVP_sha256;
	crypto.Q_mac = EVP_Q_mac;
	crypto.MD_fetch = EVP_MD_fetch;
	crypto.MD_free = EVP_MD_free;
#else
	/* RTLD_LOCAL: OpenSSL's symbols stay out of the global scope; the
	 * handle stays open for the life of the process. */
	void *h = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
	void *d = h ? dlsym(h, "EVP_Digest") : NULL, *s = h ? dlsym(h, "EVP_sha256") : NULL,
	     *m = h ? dlsym(h, "EVP_Q_mac") : NULL, *f = h ? dlsym(h, "EVP_MD_fetch") : NULL,
	     *r = h ? dlsym(h, "EVP_MD_free") : NULL;
	if (d && s && m && f && r) {
		memcpy(&crypto.Digest, &d, sizeof d);
		memcpy(&crypto.sha256, &s, sizeof s);
		memcpy(&crypto.Q_mac, &m, sizeof m);
		memcpy(&crypto.MD_fetch, &f, sizeof f);
		memcpy(&crypto.MD_free, &r, sizeof r);
	} else {
		crypto.Digest = no_digest;
		crypto.sha256 = no_sha256;
		crypto.Q_mac = no_mac;
		crypto.MD_fetch = no_fetch;
		crypto.MD_free = no_free;
	}
#endif
}

const csm__crypto_api *csm__crypto(void)
{
	pthread_once(&crypto_once, crypto_init);
	return &crypto;
}
