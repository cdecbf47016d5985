/* libharu's glyph lookup, made fast for the karte's subset fonts.
 *
 * With the UTF-8 encoder libharu asks HPDF_TTFontDef_GetGlyphid() for each
 * of the 65,536 codes when a font is created (hpdf_font_cid.c), and that
 * function scans the cmap's segments one by one: for a subset of a few
 * hundred characters, a third of a karte's instructions. The PDF module
 * exports this definition, which takes the place of libharu's own (libharu
 * calls it through its PLT): a code that no segment covers gets "no glyph"
 * after a binary search, any other code goes to libharu's function, found
 * with RTLD_NEXT. Every glyph id is still libharu's, so the PDF is the same
 * byte for byte. The binary search needs segment ends in ascending order, as
 * the TrueType specification requires and HarfBuzz's subsetter writes; a
 * cmap out of order goes to libharu whole.
 *
 * This leans on what libharu does not promise: the layout of its private
 * font structures (hpdf_fontdef.h: the definition's type and attr, the
 * format 4 cmap's segments) and 2.3's answer for a code no segment covers.
 * Any release may change either, and a wrong guess would put wrong glyphs
 * in every karte, so the file is built only against libharu 2.3.x (the
 * version Debian ships, 2.3.0; CMakeLists.txt reads hpdf_version.h and the
 * check below repeats it for any other build), and at run time it steps
 * aside unless the libharu loaded says it is 2.3 as well (HPDF_GetVersion()).
 * Elsewhere libharu's own lookup answers every code: slower kartes, the same
 * PDF. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <hpdf.h>
#include <hpdf_version.h>

#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_fontdef.h>

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef fontdef, HPDF_UINT16 unicode);

static glyphid_fn libharu_glyphid;
static int layout_known; /* the libharu loaded is of the series compiled for */
static pthread_once_t glyphid_once = PTHREAD_ONCE_INIT;

static void find_libharu(void)
{
	void *p = dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
	const char *v = HPDF_GetVersion();
	memcpy(&libharu_glyphid, &p, sizeof p);
	layout_known = v && strncmp(v, "2.3.", 4) == 0;
}

/* Whether the segment ends of `c` ascend; remembered for the last cmap seen
 * on this thread, since libharu asks about one font 65,536 times in a row. */
static int ends_ascend(const HPDF_TTF_CmapRange *c, unsigned n)
{
	static _Thread_local const HPDF_UINT16 *seen;
	static _Thread_local unsigned seen_n;
	static _Thread_local int seen_ok;
	unsigned i;

	if (seen != c->end_count || seen_n != n) {
		seen = c->end_count;
		seen_n = n;
		seen_ok = 1;
		for (i = 1; i < n && seen_ok; i++)
			seen_ok = c->end_count[i - 1] < c->end_count[i];
	}
	return seen_ok;
}

__attribute__((visibility("default"))) HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	pthread_once(&glyphid_once, find_libharu);
	if (!libharu_glyphid) { /* cannot be: this module links libharu */
		fputs("csm: libharu's HPDF_TTFontDef_GetGlyphid not found\n", stderr);
		abort();
	}
	if (layout_known && fontdef && fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE && fontdef->attr) {
		const HPDF_TTF_CmapRange *c = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
		unsigned n = c->seg_count_x2 / 2u, lo = 0, hi = n;
		if (c->format == 4 && n > 0 && c->end_count && c->start_count && ends_ascend(c, n)) {
			while (lo < hi) { /* the first segment ending at or after the code */
				unsigned mid = lo + (hi - lo) / 2;
				if (c->end_count[mid] < unicode)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < n && c->start_count[lo] > unicode)
				return 0; /* in a gap between segments: libharu's answer too */
		}
	}
	return libharu_glyphid(fontdef, unicode);
}
#else
/* Another libharu: its own lookup stays (nothing here is exported). */
typedef int csm__hpdf_glyphid_unused;
#endif
