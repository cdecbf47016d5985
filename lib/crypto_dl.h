/* libcrypto, loaded only when a digest is computed (crypto_dl.c): the
 * database's keyed hashes and the aggregate's tokens. Loading it costs about
 * a third of the start-up of a command that never needs it (csm --version,
 * csm score). The five OpenSSL functions used keep their names; each goes
 * through a table that csm__crypto() fills on first use, with libcrypto's
 * functions (linked, CSM_CRYPTO_DIRECT, or opened with dlopen), or with
 * stand-ins that fail, so that the callers report their usual error. */
#ifndef CSM_CRYPTO_DL_H
#define CSM_CRYPTO_DL_H

#include <openssl/evp.h>

typedef struct csm__crypto_api {
	int (*Digest)(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type,
	              ENGINE *impl);
	const EVP_MD *(*sha256)(void);
	unsigned char *(*Q_mac)(OSSL_LIB_CTX *libctx, const char *name, const char *propq, const char *subalg,
	                        const OSSL_PARAM *params, const void *key, size_t keylen, const unsigned char *data,
	                        size_t datalen, unsigned char *out, size_t outsize, size_t *outlen);
	/* a digest fetched once: EVP_Digest with EVP_sha256() fetches on every call */
	EVP_MD *(*MD_fetch)(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties);
	void (*MD_free)(EVP_MD *md);
	/* a context kept for many digests (csm__digest): making and freeing
	 * one per digest, as EVP_Digest does, cost a third of a short one */
	EVP_MD_CTX *(*MD_CTX_new)(void);
	void (*MD_CTX_free)(EVP_MD_CTX *ctx);
	int (*DigestInit_ex)(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
	int (*DigestUpdate)(EVP_MD_CTX *ctx, const void *d, size_t cnt);
	int (*DigestFinal_ex)(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s);
} csm__crypto_api;

/* The table; never NULL. Thread-safe. */
const csm__crypto_api *csm__crypto(void);

/* The 32-byte digest `md` (SHA-256) of `n` bytes at `data` into `out`,
 * through the context `*ctx`, made on first use; the caller frees it with
 * csm__digest_free. 1 on success, 0 when libcrypto fails or is missing. */
int csm__digest(EVP_MD_CTX **ctx, const EVP_MD *md, const void *data, size_t n, unsigned char out[32]);
void csm__digest_free(EVP_MD_CTX *ctx);

#ifndef CSM__CRYPTO_DL_IMPL
#define EVP_Digest (csm__crypto()->Digest)
#define EVP_sha256 (csm__crypto()->sha256)
#define EVP_Q_mac (csm__crypto()->Q_mac)
#define EVP_MD_fetch (csm__crypto()->MD_fetch)
#define EVP_MD_free (csm__crypto()->MD_free)
#endif

#endif
