/* Rounding, UTF-8, display width, dates, ids: the small rules everything uses. */
#include "common.h"
#include "error.h"
#include "util.h"

static void test_round1(void)
{
	char buf[16];
	CHECK_NEAR(csm_round1(3.25), 3.3, 1e-12);   /* half away from zero */
	CHECK_NEAR(csm_round1(3.35), 3.4, 1e-12);   /* 3.35 is 3.34999.. in binary */
	CHECK_NEAR(csm_round1(2.45), 2.5, 1e-12);
	CHECK_NEAR(csm_round1(0.15), 0.2, 1e-12);
	CHECK_NEAR(csm_round1(-0.25), -0.3, 1e-12);
	CHECK_NEAR(csm_round1(4.0 / 3.0), 1.3, 1e-12);
	CHECK_NEAR(csm_round1(7.0 / 3.0), 2.3, 1e-12);
	CHECK_NEAR(csm_round1(19.0 / 4.0), 4.8, 1e-12); /* 4.75 */
	CHECK_NEAR(csm_round1(2.44999), 2.4, 1e-12);
	CHECK_STR(csm_format1(buf, sizeof buf, -0.04), "0.0"); /* never -0.0 */
	CHECK_STR(csm_format1(buf, sizeof buf, -0.05), "-0.1");
	CHECK_STR(csm_format1(buf, sizeof buf, 5.0), "5.0");
	CHECK_STR(csm_format1(buf, sizeof buf, 13.0 / 4.0), "3.3");
}

static void test_utf8(void)
{
	const char ok[] = "abc \xE3\x81\x82 \xF0\x9F\x98\x80";
	CHECK_INT(csm__utf8_check(ok, strlen(ok)), strlen(ok));
	CHECK_INT(csm__utf8_check("a\xC3", 2), 1);           /* truncated sequence */
	CHECK_INT(csm__utf8_check("a\xC0\xAF", 3), 1);       /* overlong */
	CHECK_INT(csm__utf8_check("\xED\xA0\x80", 3), 0);    /* surrogate */
	CHECK_INT(csm__utf8_check("\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	CHECK_INT(csm__utf8_check("\xFF", 1), 0);
	CHECK_INT(csm__display_width("abc"), 3);
	CHECK_INT(csm__display_width("管理体制"), 8);
	CHECK_INT(csm__display_width("PDCAの実施"), 10);
}

static void test_validators(void)
{
	CHECK(csm__valid_date("2026-11-01"));
	CHECK(csm__valid_date("2024-02-29"));
	CHECK(!csm__valid_date("2023-02-29"));
	CHECK(!csm__valid_date("2026-13-01"));
	CHECK(!csm__valid_date("2026-1-01"));
	CHECK(!csm__valid_date("2026-11-01x"));
	CHECK(csm__valid_id("csmg-v2"));
	CHECK(csm__valid_id("industry:finance"));
	CHECK(!csm__valid_id("../etc"));
	CHECK(!csm__valid_id("a/b"));
	CHECK(!csm__valid_id(""));
	CHECK(csm__ge(3.7499999999999996, 3.75));
	CHECK(!csm__ge(3.7499, 3.75));
}

/* Control characters at every offset of a long line (the check skips
 * printable ASCII eight bytes at a time), against a byte-by-byte rule. */
static int control_rule(const char *str, int multiline)
{
	const unsigned char *s = (const unsigned char *)str;
	for (; *s; s++) {
		if ((*s < 0x20 && !(multiline && (*s == '\t' || *s == '\n' || *s == '\r'))) || *s == 0x7F)
			return *s;
		if (*s == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
			return s[1];
	}
	return -1;
}

static void test_control_char(void)
{
	static const char *const bad[] = {"\x01", "\t", "\n", "\x1f", "\x7f", "\xc2\x85", "\xc2\x9f", "\xc2\xa0",
	                                  "\xe6\x83\x85", " ", "~", "\xff"};
	char line[80];
	size_t pos, k, len;
	int multiline, wrong = 0;
	for (len = 0; len < 40; len++)
		for (pos = 0; pos < len; pos++)
			for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
				for (multiline = 0; multiline < 2; multiline++) {
					memset(line, 'a', len);
					line[len] = '\0';
					memcpy(line + pos, bad[k], strlen(bad[k]) <= len - pos ? strlen(bad[k]) : len - pos);
					if (csm__control_char(line, multiline) != control_rule(line, multiline))
						wrong++;
				}
	CHECK_INT(wrong, 0);
	CHECK_INT(csm__control_char("Internal audit report 2020-10-09\x7f", 0), 0x7f);
	CHECK_INT(csm__control_char("Internal audit report 2020-10-09", 0), -1);
	CHECK_INT(csm__control_char("line one\nline two, long enough for two words", 1), -1);
}

static void test_lang_version(void)
{
	csm_lang l = CSM_LANG_JA;
	CHECK_INT(csm_lang_parse(&l, "en"), 0);
	CHECK_INT(l, CSM_LANG_EN);
	CHECK_INT(csm_lang_parse(&l, "fr"), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "fr");
	CHECK_STR(csm_version(), CSM_VERSION_STRING);
	csm_error_clear();
	CHECK_STR(csm_error_last(), "");
}

/* A problem list keeps each problem whole (a 3,000-byte one here), one line
 * each with control characters escaped, and counts those beyond the limit. */
static void test_problems(void)
{
	csm__problems p = {0};
	char name[3001];
	unsigned i;
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	csm__problem(&p, "%s: the end", name);
	csm__problem(&p, "a\nb\x1b[31m");
	CHECK_INT(csm__problems_finish(&p), CSM_EINVALID);
	CHECK_INT(strlen(csm_error_last()), 3000 + 9 + 1 + 14);
	CHECK(strncmp(csm_error_last(), name, 3000) == 0);
	CHECK_STR(csm_error_last() + 3000, ": the end\na\\x0ab\\x1b[31m");
	for (i = 0; i < CSM_MAX_PROBLEMS + 2; i++)
		csm__problem(&p, "p%u", i);
	CHECK_INT(csm__problems_finish(&p), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "\n(2 more problems not shown)");
	CHECK_INT(csm__problems_finish(&p), 0);
}

/* The display rule: what is shown beside a number follows the number as shown. */
static void test_display_rule(void)
{
	const csm_grading trial = {3.75, 2.67}, odd = {3.72, 2.61};
	char buf[32], want[32];
	unsigned long long x = 0x9e3779b97f4a7c15ull;
	int i, bad_band = 0, bad_sign = 0, bad_overall = 0, changed = 0;

	CHECK_INT(csm_gap_band(0.983), 1); /* shown 1.0 */
	CHECK_INT(csm_gap_band(0.95), 1);
	CHECK_INT(csm_gap_band(0.9499), 0);
	CHECK_INT(csm_gap_band(1.96), 2);
	CHECK_INT(csm_gap_band(1.949), 1);
	CHECK_INT(csm_gap_band(-3), 0);
	CHECK_STR(csm_gap_mark(0.983), "*");
	CHECK_STR(csm_gap_mark(1.95), "**");
	CHECK_STR(csm_gap_mark(0.94), "");
	CHECK_INT(csm_change_sign(0.04), 0);
	CHECK_INT(csm_change_sign(-0.04), 0);
	CHECK_INT(csm_change_sign(0.05), 1);
	CHECK_STR(csm_format_change(buf, sizeof buf, 0.04), "\u21920.0");
	CHECK_STR(csm_format_change(buf, sizeof buf, -0.04), "\u21920.0");
	CHECK_STR(csm_format_change(buf, sizeof buf, 0.25), "\u2191+0.3");
	CHECK_STR(csm_format_change(buf, sizeof buf, -0.25), "\u2193-0.3");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 3.1033, &trial), "3.1");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 2.665, &trial), "2.665"); /* 2.67 would be B */
	CHECK_STR(csm_format_overall(buf, sizeof buf, 2.66, &trial), "2.66");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 2.6699, &trial), "2.6699");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 2.67, &trial), "2.7");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 3.749, &trial), "3.7"); /* B either way */
	CHECK_STR(csm_format_overall(buf, sizeof buf, 3.7499999, &trial), "3.7");
	CHECK_STR(csm_format_overall(buf, sizeof buf, 3.73, &odd), "3.73"); /* 3.7 would be B */
	CHECK_STR(csm_format_overall(buf, sizeof buf, 2.665, NULL), "2.7");
	/* Random values: the band and the sign agree with the printed value, and
	 * the overall printed beside a grade gives that grade. */
	for (i = 0; i < 200000; i++) {
		double v, shown;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		v = (double)(x % 5000001u) / 1000000.0 * (i % 2 ? 1 : -1) + (i % 3 ? 0 : 1.0 / 3);
		csm_format1(buf, sizeof buf, v);
		shown = strtod(buf, NULL);
		if (csm_gap_band(v) != (shown >= 2 ? 2 : shown >= 1 ? 1 : 0))
			bad_band++;
		if (csm_change_sign(v) != (shown > 0 ? 1 : shown < 0 ? -1 : 0))
			bad_sign++;
		if (v >= 1 && v <= 5) {
			const csm_grading *g = i % 5 ? &trial : &odd;
			csm_format_overall(buf, sizeof buf, v, g);
			if (csm_grade_for(strtod(buf, NULL), g) != csm_grade_for(v, g))
				bad_overall++;
			csm_format1(want, sizeof want, v);
			if (strcmp(buf, want) != 0) {
				changed++;
				/* more decimals only where one would cross a cut-off */
				if (csm_grade_for(strtod(want, NULL), g) == csm_grade_for(v, g))
					bad_overall++;
			}
		}
	}
	CHECK_INT(bad_band, 0);
	CHECK_INT(bad_sign, 0);
	CHECK_INT(bad_overall, 0);
	CHECK(changed > 0);
}

int main(void)
{
	RUN_TEST(test_round1);
	RUN_TEST(test_utf8);
	RUN_TEST(test_validators);
	RUN_TEST(test_control_char);
	RUN_TEST(test_lang_version);
	RUN_TEST(test_problems);
	RUN_TEST(test_display_rule);
	return test_finish();
}
