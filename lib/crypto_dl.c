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

static EVP_MD_CTX *no_ctx_new(void) { return NULL; }
static void no_ctx_free(EVP_MD_CTX *ctx) { (void)ctx; }

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
	crypto.MD_CTX_new = EVP_MD_CTX_new;
	crypto.MD_CTX_free = EVP_MD_CTX_free;
	crypto.DigestInit_ex = EVP_DigestInit_ex;
	crypto.DigestUpdate = EVP_DigestUpdate;
	crypto.DigestFinal_ex = EVP_DigestFinal_ex;
#else
	/* RTLD_LOCAL: OpenSSL's symbols stay out of the global scope; the
	 * handle stays open for the life of the process. */
	void *h = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
	void *d = h ? dlsym(h, "EVP_Digest") : NULL, *s = h ? dlsym(h, "EVP_sha256") : NULL,
	     *m = h ? dlsym(h, "EVP_Q_mac") : NULL, *f = h ? dlsym(h, "EVP_MD_fetch") : NULL,
	     *r = h ? dlsym(h, "EVP_MD_free") : NULL, *cn = h ? dlsym(h, "EVP_MD_CTX_new") : NULL,
	     *cf = h ? dlsym(h, "EVP_MD_CTX_free") : NULL, *di = h ? dlsym(h, "EVP_DigestInit_ex") : NULL,
	     *du = h ? dlsym(h, "EVP_DigestUpdate") : NULL, *df = h ? dlsym(h, "EVP_DigestFinal_ex") : NULL;
	if (d && s && m && f && r && cn && cf && di && du && df) {
		memcpy(&crypto.Digest, &d, sizeof d);
		memcpy(&crypto.sha256, &s, sizeof s);
		memcpy(&crypto.Q_mac, &m, sizeof m);
		memcpy(&crypto.MD_fetch, &f, sizeof f);
		memcpy(&crypto.MD_free, &r, sizeof r);
		memcpy(&crypto.MD_CTX_new, &cn, sizeof cn);
		memcpy(&crypto.MD_CTX_free, &cf, sizeof cf);
		memcpy(&crypto.DigestInit_ex, &di, sizeof di);
		memcpy(&crypto.DigestUpdate, &du, sizeof du);
		memcpy(&crypto.DigestFinal_ex, &df, sizeof df);
	} else { /* no context is ever made: the digest calls are not reached */
		crypto.Digest = no_digest;
		crypto.sha256 = no_sha256;
		crypto.Q_mac = no_mac;
		crypto.MD_fetch = no_fetch;
		crypto.MD_free = no_free;
		crypto.MD_CTX_new = no_ctx_new;
		crypto.MD_CTX_free = no_ctx_free;
	}
#endif
}

const csm__crypto_api *csm__crypto(void)
{
	pthread_once(&crypto_once, crypto_init);
	return &crypto;
}

int csm__digest(EVP_MD_CTX **ctx, const EVP_MD *md, const void *data, size_t n, unsigned char out[32])
{
	const csm__crypto_api *c = csm__crypto();
	unsigned len = 0;
	if (!md || (!*ctx && !(*ctx = c->MD_CTX_new())))
		return 0;
	/* EVP_DigestInit_ex with the same type keeps the context's fetched
	 * method: only the digest's state starts again */
	return c->DigestInit_ex(*ctx, md, NULL) && c->DigestUpdate(*ctx, data, n) && c->DigestFinal_ex(*ctx, out, &len) &&
	       len == 32;
}

void csm__digest_free(EVP_MD_CTX *ctx)
{
	if (ctx) /* never load libcrypto only to free nothing */
		csm__crypto()->MD_CTX_free(ctx);
}
