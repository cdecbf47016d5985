/* json.c: the number formatter against the printf rule it replaces, over
 * special cases and millions of doubles (CSM_JSON_TEST_N sets how many of
 * each random kind; the default keeps the test to a few seconds). */
#include <float.h>
#include <stdint.h>

#include "harness.h"
#include "json.h"

/* What csm__format_number printed before it formatted digits itself:
 * whole numbers below 1e15 as integers, null for NaN and infinities, else
 * %.15g if it reads back exactly, else %.17g. */
static void reference(char *buf, double v)
{
	if (fabs(v) < 1e15 && (double)(long long)v == v) {
		snprintf(buf, 32, "%lld", (long long)v);
		return;
	}
	if (!isfinite(v)) {
		strcpy(buf, "null");
		return;
	}
	snprintf(buf, 32, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, 32, "%.17g", v);
}

static unsigned long long compared, differed;

static void same(double v)
{
	char got[32], want[32];
	size_t n = csm__format_number(got, v);
	reference(want, v);
	compared++;
	if (strcmp(got, want) != 0 || n != strlen(want)) {
		if (differed++ < 20)
			fprintf(stderr, "%a: got \"%s\" (%zu), printf gives \"%s\"\n", v, got, n, want);
	}
}

/* Also the neighbours of v, a few ulps either way, and -v. */
static void around(double v)
{
	double lo = v, hi = v;
	int i;
	same(v);
	same(-v);
	for (i = 0; i < 3; i++) {
		lo = nextafter(lo, -INFINITY);
		hi = nextafter(hi, INFINITY);
		same(lo);
		same(hi);
		same(-lo);
		same(-hi);
	}
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next_u64(void)
{ /* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static double uniform(void)
{
	return (double)(next_u64() >> 11) / 9007199254740992.0;
}

static unsigned long long count(void)
{
	const char *e = getenv("CSM_JSON_TEST_N");
	return e && atoll(e) > 0 ? (unsigned long long)atoll(e) : 100000ULL;
}

static void test_special(void)
{
	static const double cases[] = {0.0, 1.0, 0.1, 0.2, 0.3, 0.5, 2.675, 1.005, 1e21, 1e22, 1e15, 1e16, 1e-5, 1e-4,
	                               1e-6, 1e-7, 0.001, 0.01, 123456789012345.6, 999999999999999.9, 99999999999999.99,
	                               9.999999999999999, 0.30000000000000004, 4.440892098500626e-16, 2.220446049250313e-16,
	                               3.3333333333333335, 4.333333333333333, 2.6666666666666665, 3.2380952380952381,
	                               1.7976931348623157e308, 2.2250738585072014e-308, 4.9406564584124654e-324,
	                               1.5, 2.75, 3.125, 1234567890123.125, 0.000244140625, 9.5367431640625e-07};
	char buf[32];
	size_t i;
	int e;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		around(cases[i]);
	same(-0.0);
	same(0.1 + 0.2);
	same(3.2 - 2.9);
	same(NAN);
	same(INFINITY);
	same(-INFINITY);
	same(DBL_MIN / 3); /* subnormal */
	same(DBL_TRUE_MIN);
	same(-DBL_TRUE_MIN);
	/* around every power of ten and of two that a double holds */
	for (e = -330; e <= 310; e++)
		around(pow(10.0, e));
	for (e = -1074; e <= 1023; e++)
		around(ldexp(1.0, e));
	/* the boundary that cuts over to printf, and some texts by hand */
	CHECK_INT(csm__format_number(buf, 1e-5), 5);
	CHECK(strcmp(buf, "1e-05") == 0);
	csm__format_number(buf, -0.0);
	CHECK(strcmp(buf, "0") == 0);
	csm__format_number(buf, 0.1 + 0.2);
	CHECK(strcmp(buf, "0.30000000000000004") == 0);
	csm__format_number(buf, 2.675);
	CHECK(strcmp(buf, "2.675") == 0);
	csm__format_number(buf, 999999999999999.9);
	CHECK(strcmp(buf, "999999999999999.88") == 0);
	csm__format_number(buf, 1.5e-5);
	CHECK(strcmp(buf, "1.5e-05") == 0);
	csm__format_number(buf, NAN);
	CHECK(strcmp(buf, "null") == 0);
	CHECK_INT(differed, 0);
}

/* Scores and means: k/n fractions, x.y and x.yz decimals, their sums and
 * differences, each with its neighbours. */
static void test_scores(void)
{
	unsigned long long i, n = count();
	int k, d, dmax = n >= 1000000 ? 400 : 120;
	for (d = 1; d <= dmax; d++)
		for (k = -5 * d; k <= 5 * d; k++)
			around((double)k / d);
	for (k = -100000; k <= 100000; k++) {
		same(k / 100.0);
		same(k / 1000.0);
		same(k * 0.01);
		same(k / 100.0 - 2.9);
	}
	for (i = 0; i < n; i++) {
		double a = (double)(next_u64() % 501) / 100.0, b = (double)(next_u64() % 51) / 10.0;
		double c = (double)(next_u64() % 1000) / (double)(1 + next_u64() % 200);
		same(a - b);
		same(a + b);
		same(c);
		same(c - a);
		same((a + b + c) / 3);
	}
	CHECK_INT(differed, 0);
}

/* Random doubles: any bit pattern; uniform in log scale over the range the
 * formatter computes itself and a little beyond; dyadic fractions i / 2^j,
 * whose exact decimal expansions end in 5 (ties in the last digit). */
static void test_random(void)
{
	unsigned long long i, n = count();
	for (i = 0; i < n; i++) {
		uint64_t bits = next_u64();
		double v, w;
		memcpy(&v, &bits, sizeof v);
		same(v);
		w = pow(10.0, -6.0 + 22.0 * uniform());
		same(w);
		same(-w);
		same(ldexp((double)(next_u64() >> (11 + next_u64() % 50)), -(int)(next_u64() % 70)));
		/* short decimals: up to 17 digits, at a random decimal exponent */
		same((double)(next_u64() % 100000000000000000ULL) * pow(10.0, -(double)(next_u64() % 24)));
		same((double)(next_u64() % 1000000000000000ULL) / pow(10.0, (double)(next_u64() % 20)));
	}
	CHECK_INT(differed, 0);
	fprintf(stderr, "%llu doubles compared with printf\n", compared);
}

int main(void)
{
	RUN_TEST(test_special);
	RUN_TEST(test_scores);
	RUN_TEST(test_random);
	return test_finish();
}
