/* A small test harness: CHECK macros that count and report, and a runner
 * that prints "N passed, M failed" (the line CI reads). */
#ifndef CSM_TEST_HARNESS_H
#define CSM_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_pass, t_fail;
static const char *t_current;

#define CHECK(cond)                                                                                       \
	do {                                                                                              \
		if (cond)                                                                                 \
			t_pass++;                                                                         \
		else {                                                                                    \
			t_fail++;                                                                         \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, t_current, #cond); \
		}                                                                                         \
	} while (0)

#define CHECK_INT(a, b)                                                                                   \
	do {                                                                                              \
		long long a_ = (long long)(a), b_ = (long long)(b);                                       \
		if (a_ == b_)                                                                             \
			t_pass++;                                                                         \
		else {                                                                                    \
			t_fail++;                                                                         \
			fprintf(stderr, "%s:%d: %s: %s == %lld, expected %lld\n", __FILE__, __LINE__, t_current, \
			        #a, a_, b_);                                                              \
		}                                                                                         \
	} while (0)

#define CHECK_NEAR(a, b, eps)                                                                             \
	do {                                                                                              \
		double a_ = (a), b_ = (b);                                                                \
		if (fabs(a_ - b_) <= (eps))                                                               \
			t_pass++;                                                                         \
		else {                                                                                    \
			t_fail++;                                                                         \
			fprintf(stderr, "%s:%d: %s: %s == %.17g, expected %.17g\n", __FILE__, __LINE__,    \
			        t_current, #a, a_, b_);                                                   \
		}                                                                                         \
	} while (0)

#define CHECK_STR(a, b)                                                                                   \
	do {                                                                                              \
		const char *a_ = (a), *b_ = (b);                                                          \
		if (a_ && b_ && strcmp(a_, b_) == 0)                                                      \
			t_pass++;                                                                         \
		else {                                                                                    \
			t_fail++;                                                                         \
			fprintf(stderr, "%s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__,  \
			        t_current, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                   \
		}                                                                                         \
	} while (0)

/* `hay` contains `needle`. */
#define CHECK_HAS(hay, needle)                                                                            \
	do {                                                                                              \
		const char *h_ = (hay), *n_ = (needle);                                                   \
		if (h_ && strstr(h_, n_))                                                                 \
			t_pass++;                                                                         \
		else {                                                                                    \
			t_fail++;                                                                         \
			fprintf(stderr, "%s:%d: %s: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, \
			        t_current, h_ ? h_ : "(null)", n_);                                       \
		}                                                                                         \
	} while (0)

#define RUN_TEST(fn)                                                                                      \
	do {                                                                                              \
		t_current = #fn;                                                                          \
		fn();                                                                                     \
	} while (0)

static inline int test_finish(void)
{
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}

/* Read a whole file into a NUL-terminated buffer (tests only). */
static inline char *test_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
	return buf;
}

#endif
