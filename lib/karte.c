/* The karte: a one- or two-page A4 PDF report made with libharu.
 *
 * The layout runs twice through the canvas interface: first with a
 * collector that only records which characters are used and how many pages
 * there are, then for real. Between the two the font is cut down with
 * HarfBuzz's subsetter to the glyphs used, so libharu embeds (and scans) a
 * small font instead of all of IPAexGothic. Widths come from HarfBuzz in both
 * passes, so the two layouts are the same. */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>

#include "canvas.h"
#include <utf8proc.h>

#include "internal.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 36.0
#define FOOTER_Y (PAGE_H - 22.0)
#define BODY_BOTTOM (PAGE_H - 44.0)
#define HEADER_W (PAGE_W - 2 * MARGIN - 130) /* beside the grade box */

static const double ACCENT[3] = {0.09, 0.27, 0.58};

/* ---- fonts --------------------------------------------------------------- */

/* Debian's fonts-ipaexfont-gothic, found without fontconfig: its first
 * call reads the whole configuration, a fifth of a karte's time. */
#define IPAEX_GOTHIC_DEBIAN "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

int csm_font_find(char **out, const char *family)
{
	CSM__ARGS(out);
	FcPattern *pat = NULL, *match = NULL;
	FcChar8 *file = NULL, *found = NULL;
	FcResult res;
	int rc = 0;

	*out = NULL;
	if (family && strcmp(family, "IPAexGothic") == 0 && access(IPAEX_GOTHIC_DEBIAN, R_OK) == 0)
		return (*out = csm__strdup(IPAEX_GOTHIC_DEBIAN)) ? 0 : csm__nomem();
	if (!FcInit())
		return csm__err(CSM_EIO, "fontconfig could not be initialized");
	if (!(pat = FcNameParse((const FcChar8 *)family)))
		return csm__nomem();
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	/* fontconfig always offers something: insist on the family asked for. */
	if (!match || FcPatternGetString(match, FC_FAMILY, 0, &found) != FcResultMatch ||
	    FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch || strcmp((const char *)found, family) != 0) {
		rc = csm__err(CSM_ENOTFOUND, "font %s is not installed (Debian: apt-get install fonts-ipaexfont), or give --font FILE.ttf",
		              family);
	} else if (!(*out = csm__strdup((const char *)file))) {
		rc = csm__nomem();
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return rc;
}

struct csm_karte_maker {
	char *font_path;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	double upem;
};

void csm_karte_maker_free(csm_karte_maker *km)
{
	if (!km)
		return;
	hb_font_destroy(km->font);
	hb_face_destroy(km->face);
	hb_blob_destroy(km->blob);
	free(km->font_path);
	free(km);
}

int csm_karte_maker_new(csm_karte_maker **out, const char *font_path)
{
	CSM__ARGS(out);
	csm_karte_maker *km;
	FILE *f;
	char magic[4] = {0};

	*out = NULL;
	if (!(f = fopen(font_path, "rb")))
		return csm__err(CSM_EINVALID, "%s: cannot open font: %s", font_path, strerror(errno));
	if (fread(magic, 1, 4, f) != 4)
		magic[0] = 0;
	fclose(f);
	if (memcmp(magic, "\0\1\0\0", 4) != 0 && memcmp(magic, "true", 4) != 0)
		return csm__err(CSM_EINVALID,
		                "%s: not a TrueType font (CFF/OpenType-CFF fonts such as Noto CJK cannot be embedded; "
		                "use IPAexGothic from fonts-ipaexfont)",
		                font_path);
	if (!(km = calloc(1, sizeof *km)) || !(km->font_path = csm__strdup(font_path))) {
		free(km);
		return csm__nomem();
	}
	km->blob = hb_blob_create_from_file(font_path);
	km->face = hb_face_create(km->blob, 0);
	km->font = hb_font_create(km->face);
	km->upem = hb_face_get_upem(km->face);
	if (hb_blob_get_length(km->blob) == 0 || hb_face_get_glyph_count(km->face) == 0 || km->upem <= 0) {
		csm_karte_maker_free(km);
		return csm__err(CSM_EINVALID, "%s: the font could not be read", font_path);
	}
	*out = km;
	return 0;
}

/* Width of the first `n` bytes of UTF-8 `s` at `size` pt, from the font's
 * advance widths. */
static double text_width_n(const csm_karte_maker *km, const char *s, size_t n, double size)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	double units = 0;
	while (p < end && *p) {
		unsigned cp = csm__utf8_next(&p);
		hb_codepoint_t g;
		if (!hb_font_get_nominal_glyph(km->font, cp, &g))
			g = 0;
		units += hb_font_get_glyph_h_advance(km->font, g);
	}
	return units / km->upem * size;
}

static double text_width(const csm_karte_maker *km, const char *s, double size)
{
	return text_width_n(km, s, strlen(s), size);
}

/* ---- the two backends ---------------------------------------------------- */

typedef struct karte {
	csm_karte_maker *km;
	csm__canvas c;
	int collect;          /* 1: first pass */
	hb_set_t *unicodes;   /* pass 1: characters used */
	int pages;            /* pages started */
	int total_pages;      /* from pass 1, for the footer */
	int first_page;       /* the karte's first page (a portfolio holds several) */
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;
	HPDF_ExtGState translucent;
	HPDF_STATUS error;
	char running[700];    /* organization, for the header of continuation pages */
	char running_tail[64];
	csm__buf tmp[2];      /* scratch text (kfmt) */
	int nomem;            /* some text could not be built */
} karte;

static void collect_text(csm__canvas *c, double x, double y, const char *s, double size, int align, double gray)
{
	karte *k = c->ctx;
	const unsigned char *p = (const unsigned char *)s;
	(void)x, (void)y, (void)size, (void)align, (void)gray;
	while (*p)
		hb_set_add(k->unicodes, csm__utf8_next(&p));
}

static void collect_path(csm__canvas *c, const csm__style *st)
{
	(void)st;
	cairo_new_path(c->cr);
}

static double width_cb(csm__canvas *c, const char *s, double size)
{
	return text_width(((karte *)c->ctx)->km, s, size);
}

/* Replay cairo's current path (flattened: lines only) on the page, turning
 * y-down canvas coordinates into PDF's y-up ones. */
static void replay_path(karte *k)
{
	cairo_path_t *path = cairo_copy_path_flat(k->c.cr);
	int i;
	for (i = 0; i < path->num_data; i += path->data[i].header.length) {
		cairo_path_data_t *d = &path->data[i];
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			HPDF_Page_MoveTo(k->page, (HPDF_REAL)d[1].point.x, (HPDF_REAL)(PAGE_H - d[1].point.y));
			break;
		case CAIRO_PATH_LINE_TO:
			HPDF_Page_LineTo(k->page, (HPDF_REAL)d[1].point.x, (HPDF_REAL)(PAGE_H - d[1].point.y));
			break;
		case CAIRO_PATH_CLOSE_PATH:
			HPDF_Page_ClosePath(k->page);
			break;
		default: /* no curves in a flattened path */
			break;
		}
	}
	cairo_path_destroy(path);
	cairo_new_path(k->c.cr);
}

static void haru_stroke(csm__canvas *c, const csm__style *st)
{
	karte *k = c->ctx;
	HPDF_UINT16 dash[8];
	int i;
	HPDF_Page_SetRGBStroke(k->page, (HPDF_REAL)st->r, (HPDF_REAL)st->g, (HPDF_REAL)st->b);
	HPDF_Page_SetLineWidth(k->page, (HPDF_REAL)st->width);
	HPDF_Page_SetLineJoin(k->page, HPDF_ROUND_JOIN);
	/* libharu 2.3 takes whole-point dashes */
	for (i = 0; i < st->ndash && i < 8; i++)
		dash[i] = (HPDF_UINT16)(st->dash[i] < 1 ? 1 : lround(st->dash[i]));
	HPDF_Page_SetDash(k->page, st->ndash ? dash : NULL, (HPDF_UINT)(st->ndash < 8 ? st->ndash : 8), 0);
	replay_path(k);
	HPDF_Page_Stroke(k->page);
	HPDF_Page_SetDash(k->page, NULL, 0, 0);
}

static void haru_fill(csm__canvas *c, const csm__style *st)
{
	karte *k = c->ctx;
	int translucent = st->alpha > 0 && st->alpha < 1;
	if (translucent) {
		HPDF_Page_GSave(k->page);
		HPDF_Page_SetExtGState(k->page, k->translucent);
	}
	HPDF_Page_SetRGBFill(k->page, (HPDF_REAL)st->r, (HPDF_REAL)st->g, (HPDF_REAL)st->b);
	replay_path(k);
	HPDF_Page_Fill(k->page);
	if (translucent)
		HPDF_Page_GRestore(k->page);
}

static void haru_text(csm__canvas *c, double x, double y, const char *s, double size, int align, double gray)
{
	karte *k = c->ctx;
	double w = align == CSM_ALIGN_LEFT ? 0 : text_width(k->km, s, size);
	if (!s[0])
		return;
	HPDF_Page_BeginText(k->page);
	HPDF_Page_SetFontAndSize(k->page, k->font, (HPDF_REAL)size);
	HPDF_Page_SetRGBFill(k->page, (HPDF_REAL)gray, (HPDF_REAL)gray, (HPDF_REAL)gray);
	HPDF_Page_TextOut(k->page, (HPDF_REAL)(align == CSM_ALIGN_LEFT ? x : align == CSM_ALIGN_CENTER ? x - w / 2 : x - w),
	                  (HPDF_REAL)(PAGE_H - y), s);
	HPDF_Page_EndText(k->page);
}

/* Coloured text (for headings), through the same path as haru_text. */
static void text_rgb(karte *k, double x, double y, const char *s, double size, int align, const double rgb[3])
{
	if (k->collect || !s[0]) {
		k->c.text(&k->c, x, y, s, size, align, 0);
		return;
	}
	{
		double w = align == CSM_ALIGN_LEFT ? 0 : text_width(k->km, s, size);
		HPDF_Page_BeginText(k->page);
		HPDF_Page_SetFontAndSize(k->page, k->font, (HPDF_REAL)size);
		HPDF_Page_SetRGBFill(k->page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
		HPDF_Page_TextOut(k->page,
		                  (HPDF_REAL)(align == CSM_ALIGN_LEFT ? x : align == CSM_ALIGN_CENTER ? x - w / 2 : x - w),
		                  (HPDF_REAL)(PAGE_H - y), s);
		HPDF_Page_EndText(k->page);
	}
}

static void new_page(karte *k)
{
	k->pages++;
	if (k->collect)
		return;
	k->page = HPDF_AddPage(k->pdf);
	HPDF_Page_SetSize(k->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

/* ---- layout helpers ------------------------------------------------------ */

static void line(karte *k, double x1, double y1, double x2, double y2, double gray, double width)
{
	csm__style st;
	memset(&st, 0, sizeof st);
	st.r = st.g = st.b = gray;
	st.width = width;
	cairo_move_to(k->c.cr, x1, y1);
	cairo_line_to(k->c.cr, x2, y2);
	k->c.stroke(&k->c, &st);
}

static void box(karte *k, double x, double y, double w, double h, double r, double g, double b)
{
	csm__style st;
	memset(&st, 0, sizeof st);
	st.r = r, st.g = g, st.b = b, st.alpha = 1;
	cairo_rectangle(k->c.cr, x, y, w, h);
	k->c.fill(&k->c, &st);
}

/* Text formatted into scratch buffer `i` (0 or 1) of the karte; valid until
 * the next kfmt() on the same buffer. Out of memory gives "" and marks the
 * karte, which then fails. */
static const char *kfmt(karte *k, int i, const char *fmt, ...) CSM_PRINTF(3, 4);
static const char *kfmt(karte *k, int i, const char *fmt, ...)
{
	csm__buf *b = &k->tmp[i];
	va_list ap;
	char small[256];
	int n;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		csm__buf_add(b, small, (size_t)n);
	} else if (n >= 0) {
		csm__buf_add(b, "", 0);
		if (!b->nomem && b->cap < (size_t)n + 1) {
			char *t = realloc(b->s, (size_t)n + 1);
			if (t)
				b->s = t, b->cap = (size_t)n + 1;
			else
				b->nomem = 1;
		}
		if (!b->nomem) {
			va_start(ap, fmt);
			vsnprintf(b->s, (size_t)n + 1, fmt, ap);
			va_end(ap);
			b->len = (size_t)n;
		}
	} else {
		b->nomem = 1;
	}
	if (b->nomem) {
		k->nomem = 1;
		return "";
	}
	return b->s;
}

/* Length in bytes of the UTF-8 character that starts with byte `c`. */
static size_t char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The longest start of the first `n` bytes of `s`, cut at a character
 * boundary, that is at most `width` wide; at least one character. */
static size_t fit_bytes(karte *k, const char *s, size_t n, double size, double width)
{
	size_t m = 0;
	double w = 0;
	while (m < n && s[m]) {
		size_t c = char_len((unsigned char)s[m]);
		double cw = text_width_n(k->km, s + m, c, size);
		if (m > 0 && w + cw > width)
			break;
		w += cw;
		m += c;
	}
	return m;
}

/* `s` fitted on one line within `width` into `out` (reset first): the size
 * goes down to `min_size` (*size), then the text is cut at a character
 * boundary with an ellipsis. */
static void fit_into(karte *k, const char *s, double *size, double min_size, double width, csm__buf *out)
{
	size_t n;
	out->len = 0;
	if (out->s)
		out->s[0] = '\0';
	while (*size > min_size && text_width(k->km, s, *size) > width)
		*size -= 0.5;
	if (text_width(k->km, s, *size) <= width) {
		csm__buf_puts(out, s);
	} else {
		n = fit_bytes(k, s, strlen(s), *size, width - text_width(k->km, "…", *size));
		while (n > 0 && s[n - 1] == ' ')
			n--;
		csm__buf_add(out, s, n);
		csm__buf_puts(out, "…");
	}
	if (out->nomem || !out->s) {
		k->nomem = 1;
		csm__buf_free(out);
	}
}

/* fit_into() for a fixed array `out` of `outsz` bytes, which must hold `s`
 * and an ellipsis (names: CSM_MAX_NAME_BYTES + 8). */
static void fit(karte *k, const char *s, double *size, double min_size, double width, char *out, size_t outsz)
{
	csm__buf b = {0};
	fit_into(k, s, size, min_size, width, &b);
	snprintf(out, outsz, "%s", b.s ? b.s : "");
	csm__buf_free(&b);
}

/* The overall in the grade box at `x`: 20 pt, smaller where the display rule
 * gave it more decimals (2.665), so it stays clear of the grade letter. */
static void grade_box_overall(karte *k, double x, const char *overall)
{
	double size = 20;
	char shown[32];
	fit(k, overall, &size, 10, 36, shown, sizeof shown);
	k->c.text(&k->c, x + 100, MARGIN + 56, shown, size, CSM_ALIGN_RIGHT, 1.0);
}

/* Characters that must not begin a line (Japanese line-breaking rules). */
static int no_line_start(const char *s)
{
	static const char *const marks[] = {"、", "。", "，", "．", "）", "」", "』", "・", "ー", "ッ", "ャ", "ュ", "ョ",
	                                    "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", ")", ",", ".", ":", ";"};
	size_t i;
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

/* Length in bytes of the next unbreakable piece of `s`: a run of Latin
 * characters up to a space, or one wide character with any marks that may
 * not start the next line. */
static size_t piece(const char *s)
{
	size_t n = 0;
	if ((unsigned char)s[0] >= 0xE0) {
		n = char_len((unsigned char)s[0]);
	} else {
		while (s[n] && s[n] != ' ' && (unsigned char)s[n] < 0xE0)
			n++;
		if (n == 0)
			n = 1;
	}
	while (s[n] && no_line_start(s + n))
		n += char_len((unsigned char)s[n]);
	return n;
}

/* Draw `s` wrapped to `width` from (x, *y), lines `lead` apart; *y advances.
 * A piece wider than a line (a long word) is cut between characters. With
 * max_lines > 0 at most that many lines, the last one ending in an ellipsis
 * when text is left. With draw = 0 only counts. Returns the number of lines. */
static int wrap_max(karte *k, double x, double *y, const char *s, double size, double width, double lead,
                    double gray, int draw, int max_lines)
{
	csm__buf ln = {0};
	double w = 0, space_w = text_width(k->km, " ", size);
	int lines = 0;
	while (*s == ' ')
		s++;
	while (*s) {
		size_t n = piece(s);
		int space = *s == ' ';
		double pw = space ? space_w : text_width_n(k->km, s, n, size);
		if (!space && pw > width && ln.len == 0) {
			n = fit_bytes(k, s, n, size, width);
			pw = text_width_n(k->km, s, n, size);
		}
		if (w + pw <= width || ln.len == 0) {
			csm__buf_add(&ln, s, n);
			w += pw;
			s += n;
			if (*s)
				continue;
		}
		/* Emit the line, without trailing spaces; the next starts without leading ones. */
		while (*s == ' ')
			s++;
		while (ln.len && ln.s[ln.len - 1] == ' ')
			ln.s[--ln.len] = '\0';
		if (max_lines > 0 && lines + 1 == max_lines && *s) {
			double ew = text_width(k->km, "…", size);
			while (ln.len && text_width_n(k->km, ln.s, ln.len, size) + ew > width) {
				do
					ln.len--;
				while (ln.len > 0 && ((unsigned char)ln.s[ln.len] & 0xC0) == 0x80);
				ln.s[ln.len] = '\0';
			}
			csm__buf_puts(&ln, "…");
		}
		if (draw && ln.s && !ln.nomem)
			k->c.text(&k->c, x, *y, ln.s, size, CSM_ALIGN_LEFT, gray);
		*y += lead;
		lines++;
		if (ln.nomem)
			k->nomem = 1;
		ln.len = 0;
		if (ln.s)
			ln.s[0] = '\0';
		w = 0;
		if (max_lines > 0 && lines >= max_lines)
			break;
	}
	csm__buf_free(&ln);
	return lines;
}

static int wrap(karte *k, double x, double *y, const char *s, double size, double width, double lead, double gray,
                int draw)
{
	return wrap_max(k, x, y, s, size, width, lead, gray, draw, 0);
}

/* ---- the karte ----------------------------------------------------------- */

enum {
	K_TITLE, K_INDUSTRY, K_SCOPE, K_ASSESSED, K_QUESTIONNAIRE, K_ASSESSORS, K_GRADE, K_OVERALL, K_TARGET,
	K_GRADING, K_BEHIND2, K_BEHIND1, K_NONE, K_TABLE, K_DIRECTIVE, K_SCORE, K_ALL, K_IND,
	K_GAP, K_MARKS, K_HINTS, K_HINT1, K_HINT2, K_LOWEST_ITEMS, K_TIP, K_NO_HINTS, K_BENCHMARK, K_PAGE, K_PARTIAL,
	K_WEIGHTED, K_NA, K_RADAR, K_NO_DATE, K_ESTIMATED, K_HINT1_PLAIN, K_HINT2_ACTION, K_HINT2_ACTION_OWN,
	K_LEVELS, K_SHADED, K_COUNT
};

static const char *const KT[K_COUNT][2] = {
	[K_TITLE] = {"サイバーセキュリティ経営ガイドライン 診断カルテ", "Cyber Security Management Guidelines - Assessment Karte"},
	[K_INDUSTRY] = {"業種", "Industry"},
	[K_SCOPE] = {"範囲", "Scope"},
	[K_ASSESSED] = {"評価日", "Assessed"},
	[K_QUESTIONNAIRE] = {"設問", "Questionnaire"},
	[K_ASSESSORS] = {"評価者", "Assessors"},
	[K_GRADE] = {"成熟度", "Grade"},
	[K_OVERALL] = {"総合スコア", "Overall"},
	[K_TARGET] = {"比較の目標", "Compared with"},
	[K_GRADING] = {"判定基準 (総合スコア)", "Grading (overall)"},
	[K_BEHIND2] = {"目標から 2 以上遅れている指示", "2 or more behind the target"},
	[K_BEHIND1] = {"目標から 1 以上 2 未満遅れている指示", "1 to 2 behind the target"},
	[K_NONE] = {"なし", "none"},
	[K_TABLE] = {"指示ごとのスコアと比較", "Scores by directive, compared"},
	[K_DIRECTIVE] = {"指示", "Directive"},
	[K_SCORE] = {"自社", "Score"},
	[K_ALL] = {"全体", "All"},
	[K_IND] = {"業種", "Industry"},
	[K_GAP] = {"目標との差", "Gap"},
	[K_MARKS] = {"差 = 目標平均 - 自社スコア。** 差 2 以上、* 差 1 以上 2 未満 (表示した値で判定)。",
	             "Gap = target average - score. ** gap >= 2, * 1 <= gap < 2, as shown."},
	[K_HINTS] = {"改善のヒント", "Hints"},
	[K_HINT1] = {"最優先", "Urgent"},
	[K_HINT2] = {"次に", "Next"},
	[K_HINT1_PLAIN] = {"ヒント1", "Hint 1"},
	[K_HINT2_ACTION] = {"それぞれ最も低い項目を目標平均のレベルまで引き上げてください。読むべきティップス:",
	                    "Raise each one's lowest items to the target average's level. Tips to read:"},
	[K_HINT2_ACTION_OWN] = {"それぞれ最も低い項目を1段階ずつ引き上げてください。読むべきティップス:",
	                        "Raise each one's lowest items a level at a time. Tips to read:"},
	[K_LEVELS] = {"レベルの状況", "Levels"},
	[K_SHADED] = {" 自社スコア 1.x・2.x は網掛け (濃・淡)。", " Scores 1.x and 2.x shaded (dark, light)."},
	[K_LOWEST_ITEMS] = {"最も低い項目", "Lowest items"},
	[K_TIP] = {"ティップス", "Tip"},
	[K_NO_HINTS] = {"すべての指示が目標平均に達しています。", "Every directive is at or above the target average."},
	[K_BENCHMARK] = {"比較データ", "Benchmark"},
	[K_PAGE] = {"ページ", "page"},
	[K_PARTIAL] = {"未回答の項目があります。結果は暫定です。", "Some items are unanswered: the result is provisional."},
	[K_WEIGHTED] = {"指示ごとの重み付けを使用しています。", "Directive weights are in use."},
	[K_NA] = {"対象外", "n/a"},
	[K_RADAR] = {"レーダーチャート", "Radar"},
	[K_NO_DATE] = {"日付なし", "undated"},
	[K_ESTIMATED] = {"(2020年試行から推定)", "(estimated from the 2020 trial)"},
};

#define T(id) KT[id][lang]

static void footer(karte *k, const csm_benchmark *b, csm_lang lang)
{
	char right[64];
	const char *date = csm_benchmark_date(b);
	csm__buf left = {0};
	double size = 7;
	line(k, MARGIN, FOOTER_Y - 10, PAGE_W - MARGIN, FOOTER_Y - 10, 0.75, 0.5);
	/* the benchmark's name and date come from its file: kept to the line */
	fit_into(k,
	         kfmt(k, 0, "%s: %s (%s)  ·  csm %s", T(K_BENCHMARK), csm_benchmark_name(b), date[0] ? date : T(K_NO_DATE),
	              csm_version()),
	         &size, 7, PAGE_W - 2 * MARGIN - 40, &left);
	if (left.s)
		k->c.text(&k->c, MARGIN, FOOTER_Y, left.s, 7, CSM_ALIGN_LEFT, 0.4);
	csm__buf_free(&left);
	snprintf(right, sizeof right, "%d / %d", k->pages, k->total_pages ? k->total_pages : k->pages);
	k->c.text(&k->c, PAGE_W - MARGIN, FOOTER_Y, right, 7, CSM_ALIGN_RIGHT, 0.4);
}

/* Start a new page when `need` more points do not fit. */
static void ensure(karte *k, double *y, double need, const csm_benchmark *b, csm_lang lang)
{
	if (*y + need <= BODY_BOTTOM)
		return;
	footer(k, b, lang);
	new_page(k);
	{
		char head[sizeof k->running + sizeof k->running_tail];
		double size = 8.5;
		fit(k, k->running, &size, 8.5, PAGE_W - 2 * MARGIN - text_width(k->km, k->running_tail, 8.5), head,
		    sizeof k->running);
		strcat(head, k->running_tail);
		text_rgb(k, MARGIN, MARGIN + 6, head, size, CSM_ALIGN_LEFT, ACCENT);
	}
	line(k, MARGIN, MARGIN + 12, PAGE_W - MARGIN, MARGIN + 12, 0.75, 0.5);
	*y = MARGIN + 30;
}

static void directive_list(karte *k, double x, double *y, double width, const char *title, const int *v, size_t n,
                           const csm_questionnaire *q, csm_lang lang)
{
	csm__buf text = {0};
	size_t i;
	text_rgb(k, x, *y, title, 8.5, CSM_ALIGN_LEFT, ACCENT);
	*y += 12;
	for (i = 0; i < n; i++)
		csm__buf_printf(&text, "%s%d %s", i ? (lang == CSM_LANG_JA ? "、" : ", ") : "", v[i], q->dir_short[v[i] - 1][lang]);
	if (text.nomem)
		k->nomem = 1;
	wrap(k, x + 6, y, n && text.s ? text.s : T(K_NONE), 8.5, width - 6, 11, 0.1, 1);
	csm__buf_free(&text);
	*y += 5;
}

/* Where to break `name` for a first line of `width` at `size`: after the last
 * space that fits, else between characters (wide characters, no space). */
static size_t name_break(karte *k, const char *name, double size, double width)
{
	size_t n = fit_bytes(k, name, strlen(name), size, width), cut = n;
	if (!name[n])
		return n;
	while (cut > 0 && name[cut] != ' ' && name[cut - 1] != ' ')
		cut--;
	if (cut == 0 || (unsigned char)name[n] >= 0xE0 || (n > 0 && (unsigned char)name[n - 1] >= 0x80))
		cut = n;
	return cut;
}

/* A name in the header: one line, from `size` down to 14 pt; if it is still
 * too wide, two lines, from 13 pt down to 10 pt, so the whole name shows; the
 * second line is cut with an ellipsis only if even that is not enough. The
 * first baseline is at `y`; returns the last one. */
static double header_name(karte *k, const char *name, double size, double y, double width)
{
	csm__buf second = {0};
	size_t cut;
	double s2 = 13;
	const char *rest;
	while (size > 14 && text_width(k->km, name, size) > width)
		size -= 0.5;
	if (text_width(k->km, name, size) <= width) {
		k->c.text(&k->c, MARGIN, y, name, size, CSM_ALIGN_LEFT, 0.05);
		return y;
	}
	for (;;) {
		cut = name_break(k, name, s2, width);
		for (rest = name + cut; *rest == ' '; rest++)
			;
		if (s2 <= 10 || text_width(k->km, rest, s2) <= width)
			break;
		s2 -= 0.5;
	}
	{
		char *first = csm__strndup(name, cut);
		size_t len = cut;
		if (!first) {
			k->nomem = 1;
			return y;
		}
		while (len > 0 && first[len - 1] == ' ')
			first[--len] = '\0';
		k->c.text(&k->c, MARGIN, y - 4, first, s2, CSM_ALIGN_LEFT, 0.05);
		free(first);
	}
	fit_into(k, rest, &s2, s2, width, &second);
	if (second.s)
		k->c.text(&k->c, MARGIN, y - 4 + s2 + 3, second.s, s2, CSM_ALIGN_LEFT, 0.05);
	csm__buf_free(&second);
	return y - 4 + s2 + 3;
}

/* "name (role)" of an assessor within `width`: the name keeps at least 60%
 * of it when both must be cut. */
static void assessor_entry(karte *k, csm__buf *out, const char *nm, const char *role, double size, double width)
{
	csm__buf part = {0};
	double s = size, nw, rw, pw = text_width(k->km, " ()", size);
	if (!nm || !nm[0])
		nm = "?";
	nw = text_width(k->km, nm, size);
	rw = role && role[0] ? text_width(k->km, role, size) + pw : 0;
	if (nw + rw > width) {
		double nmax = rw ? (width - rw > width * 0.6 ? width - rw : width * 0.6) : width;
		fit_into(k, nm, &s, size, nmax, &part);
		csm__buf_puts(out, part.s ? part.s : "");
		nw = text_width(k->km, part.s ? part.s : "", size);
		if (rw) {
			fit_into(k, role, &s, size, width - nw - pw, &part);
			csm__buf_printf(out, " (%s)", part.s ? part.s : "");
		}
	} else {
		csm__buf_puts(out, nm);
		if (rw)
			csm__buf_printf(out, " (%s)", role);
	}
	csm__buf_free(&part);
}

/* The assessors from baseline *y within `width`: one running text when it
 * takes at most two lines; else a table of two columns after the label, an
 * entry a cell, cut to fit, at most four rows (then "and N more"). */
static void assessor_block(karte *k, double *y, const csm_answers *a, double size, double width, csm_lang lang)
{
	csm__buf flow = {0}, cell = {0};
	const char *label = kfmt(k, 1, "%s: ", T(K_ASSESSORS));
	double lw = text_width(k->km, label, size), cw = (width - lw) / 2, ty = 0;
	size_t i, cells, shown;
	csm__buf_puts(&flow, label);
	for (i = 0; i < a->assessor_count; i++) {
		const char *nm = a->assessor_name[i], *role = a->assessor_role[i];
		csm__buf_printf(&flow, "%s%s", i ? ", " : "", nm && nm[0] ? nm : "?");
		if (role && role[0])
			csm__buf_printf(&flow, " (%s)", role);
	}
	if (flow.nomem)
		k->nomem = 1;
	if (flow.s && wrap(k, 0, &ty, flow.s, size, width, 11, 0, 0) <= 2) {
		wrap(k, MARGIN, y, flow.s, size, width, 11, 0.2, 1);
		csm__buf_free(&flow);
		return;
	}
	csm__buf_free(&flow);
	k->c.text(&k->c, MARGIN, *y, label, size, CSM_ALIGN_LEFT, 0.2);
	cells = a->assessor_count > 8 ? 8 : a->assessor_count;
	shown = a->assessor_count > 8 ? 7 : a->assessor_count;
	for (i = 0; i < cells; i++) {
		double cx = MARGIN + lw + (double)(i % 2) * cw, cy = *y + (double)(i / 2) * 11;
		cell.len = 0;
		if (cell.s)
			cell.s[0] = '\0';
		if (i < shown)
			assessor_entry(k, &cell, a->assessor_name[i], a->assessor_role[i], size, cw - 10);
		else
			csm__buf_printf(&cell, lang == CSM_LANG_JA ? "ほか %zu 名" : "and %zu more", a->assessor_count - shown);
		if (cell.nomem)
			k->nomem = 1;
		else if (cell.s)
			k->c.text(&k->c, cx, cy, cell.s, size, CSM_ALIGN_LEFT, 0.2);
	}
	csm__buf_free(&cell);
	*y += (double)((cells + 1) / 2) * 11;
}

/* A score cell shaded by its level as shown, as the trial's table: 1.x
 * darker, 2.x lighter (the two read apart in grayscale, 0.80 and 0.92). */
static void shade(karte *k, double x, double y, double w, double score)
{
	int level = csm_score_level(score);
	if (level <= 1)
		box(k, x + 4, y + 0.5, w - 4, 12, 0.97, 0.74, 0.70);
	else if (level == 2)
		box(k, x + 4, y + 0.5, w - 4, 12, 1.0, 0.92, 0.74);
}

static void layout(karte *k, const csm_analysis *an, const csm_tips *tips, csm_lang lang)
{
	const csm_questionnaire *q = csm__analysis_q(an);
	const csm_answers *a = csm__analysis_a(an);
	const csm_score *s = csm__analysis_s(an);
	const csm_benchmark *b = csm__analysis_b(an);
	const csm_grading *gr = csm_benchmark_grading(b);
	const char *f, *target = csm_analysis_target(an);
	char num[32];
	const csm_score *ps = csm__analysis_prev(an);
	double y, x, ry, dy, col[12];
	static const double cw_plain[12] = {18, 168, 42, 40, 36, 36, 36, 46, 56, 22, 0, 0};
	static const double cw_prev[12] = {18, 100, 42, 40, 36, 36, 36, 46, 46, 18, 36, 44};
	const double *cw = ps ? cw_prev : cw_plain;
	int ncol = ps ? 12 : 10;
	int d, g, idx[5];
	size_t i, j;
	csm_radar radar;
	const int *list;
	size_t ln;

	new_page(k);
	k->first_page = k->pages;
	/* Header: what, who, when; the grade on the right. It wraps and grows
	 * as its texts need, and what is below moves down with its rule. */
	text_rgb(k, MARGIN, MARGIN + 6, T(K_TITLE), 9, CSM_ALIGN_LEFT, ACCENT);
	f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	snprintf(k->running, sizeof k->running, "%s", f ? f : a->name);
	snprintf(k->running_tail, sizeof k->running_tail, "  ·  %s %s", T(K_GRADE), csm_grade_name(s->grade));
	y = header_name(k, f ? f : a->name, 17, MARGIN + 28, HEADER_W) + 16;
	{
		csm__buf meta = {0};
		if ((f = csm__analysis_industry_compared(an, lang)))
			csm__buf_printf(&meta, "%s: %s   ", T(K_INDUSTRY), f);
		if ((f = csm_answers_field_get(a, CSM_FIELD_ORG_SCOPE)))
			csm__buf_printf(&meta, "%s: %s   ", T(K_SCOPE), csm__scope_label(f, lang));
		if ((f = csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)))
			csm__buf_printf(&meta, "%s: %s   ", T(K_ASSESSED), f);
		csm__buf_printf(&meta, "%s: %s", T(K_QUESTIONNAIRE), q->id);
		if (meta.nomem)
			k->nomem = 1;
		/* wrapped: a long industry label must not run under the grade box */
		wrap_max(k, MARGIN, &y, meta.s ? meta.s : "", 8.5, HEADER_W, 11, 0.2, 1, 2);
		csm__buf_free(&meta);
	}
	if (a->assessor_count) {
		y += 2;
		assessor_block(k, &y, a, 8.5, HEADER_W, lang);
	}
	/* y is the next baseline: the rule goes below the last line's descent */
	dy = y - 2 > MARGIN + 84 ? y - 2 - (MARGIN + 84) : 0;
	/* The grade box. */
	x = PAGE_W - MARGIN - 112;
	box(k, x, MARGIN, 112, 70, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, T(K_GRADE), 8.5, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 40, MARGIN + 55, csm_grade_name(s->grade), 40, CSM_ALIGN_CENTER, 1.0);
	k->c.text(&k->c, x + 100, MARGIN + 32, T(K_OVERALL), 7.5, CSM_ALIGN_RIGHT, 1.0);
	grade_box_overall(k, x, csm_format_overall(num, sizeof num, s->overall, &s->grading));
	line(k, MARGIN, MARGIN + 84 + dy, PAGE_W - MARGIN, MARGIN + 84 + dy, 0.6, 0.8);

	/* Radar on the left; target, lists and notes on the right. */
	csm_radar_from_analysis(&radar, an, lang);
	/* the chart fills its width (axis labels at the sides); no slack below */
	csm__radar_draw(&k->c, &radar, MARGIN - 4, MARGIN + 88 + dy, 300, 256);
	x = MARGIN + 306;
	ry = MARGIN + 104 + dy;
	if (csm_analysis_compares(an) != 2) {
		/* by directive only, or no comparison at all: say so where the target would be */
		csm__buf note = {0};
		csm__analysis_comparison_note(an, lang, &note);
		if (note.nomem)
			k->nomem = 1;
		text_rgb(k, x, ry, T(K_TARGET), 8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += 12;
		wrap(k, x + 6, &ry, note.s ? note.s : "", 8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1);
		csm__buf_free(&note);
		ry += 6;
	}
	if (csm_analysis_compares(an)) {
		g = csm_benchmark_group_find(b, target);
		text_rgb(k, x, ry, T(K_TARGET), 8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += 12;
		k->c.text(&k->c, x + 6, ry,
		          kfmt(k, 0, lang == CSM_LANG_JA ? "成熟度 %s の平均 (n=%u)" : "grade %s average (n=%u)", target + strlen("grade:"),
		               g >= 0 ? csm_benchmark_group_n(b, (size_t)g) : 0),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		ry += 17;
		{
			double pct;
			unsigned gn;
			if (csm__analysis_percentile_withheld(an, &gn)) {
				text_rgb(k, x, ry, lang == CSM_LANG_JA ? "業種内の位置" : "Position in the industry", 8.5, CSM_ALIGN_LEFT,
				         ACCENT);
				ry += 12;
				wrap(k, x + 6, &ry,
				     kfmt(k, 0,
				          lang == CSM_LANG_JA ? "示しません (%s, n=%u、%u 社未満)" : "not shown (%s, n=%u, fewer than %u)",
				          csm__analysis_group_label(an, lang), gn, csm_benchmark_min_group(b)),
				     8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1);
				ry += 6;
			} else if (csm_analysis_percentile(an, &pct) > 0) {
				text_rgb(k, x, ry, lang == CSM_LANG_JA ? "業種内の位置" : "Position in the industry", 8.5, CSM_ALIGN_LEFT,
				         ACCENT);
				ry += 12;
				wrap(k, x + 6, &ry,
				     kfmt(k, 0, lang == CSM_LANG_JA ? "%.0f パーセンタイル (%s, n=%u)" : "percentile %.0f (%s, n=%u)", pct,
				          csm__analysis_group_label(an, lang),
				          csm_benchmark_group_n(b, (size_t)csm__analysis_industry_group(an))),
				     8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1);
				ry += 6;
			}
		}
	}
	if (s->grade == CSM_GRADE_A || !csm_analysis_compares(an)) {
		/* the trial's statements: "指示1、2、7はレベル5に達しています" */
		csm__buf st = {0};
		text_rgb(k, x, ry, T(K_LEVELS), 8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += 12;
		for (i = 0; i < 2; i++) {
			csm_list which = i ? CSM_LIST_LOWEST : CSM_LIST_LEVEL5;
			st.len = 0;
			if (st.s)
				st.s[0] = '\0';
			if (!csm__analysis_level_text(an, which, lang, &st))
				continue;
			csm__buf_puts(&st, lang == CSM_LANG_JA ? "（" : " (");
			ln = csm_analysis_list(an, which, &list);
			for (j = 0; j < ln; j++)
				csm__buf_printf(&st, "%s%s", j ? (lang == CSM_LANG_JA ? "、" : ", ") : "", q->dir_short[list[j] - 1][lang]);
			csm__buf_puts(&st, lang == CSM_LANG_JA ? "）。" : ").");
			if (st.nomem)
				k->nomem = 1;
			wrap(k, x + 6, &ry, st.s ? st.s : "", 8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1);
			ry += 2;
		}
		csm__buf_free(&st);
		ry += 3;
	} else {
		ln = csm_analysis_list(an, CSM_LIST_BEHIND_2, &list);
		directive_list(k, x, &ry, PAGE_W - MARGIN - x, T(K_BEHIND2), list, ln, q, lang);
		ln = csm_analysis_list(an, CSM_LIST_BEHIND_1, &list);
		directive_list(k, x, &ry, PAGE_W - MARGIN - x, T(K_BEHIND1), list, ln, q, lang);
	}
	if (csm_analysis_compares(an)) { /* no grade, no grading to show */
		text_rgb(k, x, ry, T(K_GRADING), 8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += 12;
		k->c.text(&k->c, x + 6, ry,
		          kfmt(k, 0, "A: %g %s   B: %g %s   C: %s", gr->a, lang == CSM_LANG_JA ? "以上" : "or more", gr->b,
		               lang == CSM_LANG_JA ? "以上" : "or more", lang == CSM_LANG_JA ? "それ未満" : "below"),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		if (csm_benchmark_grading_estimated(b)) {
			/* the trial did not publish its cut-offs */
			ry += 11;
			k->c.text(&k->c, x + 6, ry, T(K_ESTIMATED), 8, CSM_ALIGN_LEFT, 0.35);
		}
		ry += 16;
	}
	if (s->partial)
		wrap(k, x, &ry, T(K_PARTIAL), 8.5, PAGE_W - MARGIN - x, 11, 0.1, 1);
	if (s->weighted) {
		csm__buf w = {0};
		csm__buf_printf(&w, "%s (", T(K_WEIGHTED));
		for (d = 0; d < CSM_DIRECTIVES; d++)
			csm__buf_printf(&w, "%s%g", d ? " " : "", q->weight[d]);
		csm__buf_puts(&w, ")");
		if (w.nomem)
			k->nomem = 1;
		wrap(k, x, &ry, w.s ? w.s : "", 8.5, PAGE_W - MARGIN - x, 11, 0.1, 1);
		csm__buf_free(&w);
	}
	if (ps) {
		const char *pdate = csm_answers_field_get(csm__analysis_prev_a(an), CSM_FIELD_ASSESSED_ON);
		char pb[16], nb[16];
		csm__buf items = {0};
		size_t moved = csm__moved_items(csm__analysis_prev_a(an), a, q, &items);
		text_rgb(k, x, ry,
		         kfmt(k, 0, lang == CSM_LANG_JA ? "前回 (%s) からの変化" : "Since the previous assessment (%s)",
		              pdate ? pdate : "-"),
		         8.5, CSM_ALIGN_LEFT, ACCENT);
		ry += 12;
		k->c.text(&k->c, x + 6, ry,
		          kfmt(k, 0, lang == CSM_LANG_JA ? "成熟度 %s → %s   総合 %s → %s" : "grade %s -> %s   overall %s -> %s",
		               csm_grade_name(ps->grade), csm_grade_name(s->grade),
		               csm_format_overall(pb, sizeof pb, ps->overall, &ps->grading),
		               csm_format_overall(nb, sizeof nb, s->overall, &s->grading)),
		          8.5, CSM_ALIGN_LEFT, 0.1);
		ry += 11;
		if (strcmp(ps->q->id, q->id) != 0) {
			wrap(k, x + 6, &ry, lang == CSM_LANG_JA ? "設問の版が異なるため指示単位で比較" : "questionnaire versions differ: compared by directive",
			     8, PAGE_W - MARGIN - x - 6, 10.5, 0.35, 1);
		}
		if (items.nomem)
			k->nomem = 1;
		wrap_max(k, x + 6, &ry,
		         kfmt(k, 0, lang == CSM_LANG_JA ? "レベルが変わった項目 (%zu): %s" : "items that moved (%zu): %s", moved,
		              moved && items.s ? items.s : T(K_NONE)),
		         8, PAGE_W - MARGIN - x - 6, 10.5, 0.2, 1, 6);
		csm__buf_free(&items);
		ry += 6;
	}
	{
		/* What the board should know before trusting the numbers. */
		csm__buf items = {0};
		if (csm__answers_discuss_text(a, &items)) {
			text_rgb(k, x, ry, lang == CSM_LANG_JA ? "要議論 (評価者の差が 2 以上)" : "To discuss (raters 2+ levels apart)", 8.5,
			         CSM_ALIGN_LEFT, ACCENT);
			ry += 12;
			wrap_max(k, x + 6, &ry, items.s ? items.s : "", 8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1, 6);
			ry += 5;
		}
		if (items.nomem)
			k->nomem = 1;
		csm__buf_free(&items);
		if (csm__answers_unbacked(a, q, &items)) {
			text_rgb(k, x, ry, lang == CSM_LANG_JA ? "根拠の記載がない 4・5 の回答" : "Answered 4 or 5 without evidence", 8.5,
			         CSM_ALIGN_LEFT, ACCENT);
			ry += 12;
			wrap_max(k, x + 6, &ry, items.s ? items.s : "", 8.5, PAGE_W - MARGIN - x - 6, 11, 0.1, 1, 6);
			ry += 5;
		}
		if (items.nomem)
			k->nomem = 1;
		csm__buf_free(&items);
	}

	/* The table: directives against the groups, and the gap to the target. */
	/* below the radar and the right column, whichever ends lower */
	y = MARGIN + 356 + dy > ry + 10 ? MARGIN + 356 + dy : ry + 10;
	ensure(k, &y, 215, b, lang);
	text_rgb(k, MARGIN, y, T(K_TABLE), 11, CSM_ALIGN_LEFT, ACCENT);
	y += 8;
	col[0] = MARGIN;
	for (i = 1; i < 12; i++)
		col[i] = col[i - 1] + cw[i - 1];
	{
		static const char *const grades[4] = {NULL, "C", "B", "A"};
		const char *keys[5];
		csm__analysis_groups(an, keys, idx);
		box(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1] - MARGIN, 15, 0.90, 0.92, 0.96);
		k->c.text(&k->c, col[0] + 4, y + 10.5, "#", 8, CSM_ALIGN_LEFT, 0.15);
		k->c.text(&k->c, col[1], y + 10.5, T(K_DIRECTIVE), 8, CSM_ALIGN_LEFT, 0.15);
		k->c.text(&k->c, col[2] + cw[2] - 4, y + 10.5, T(K_SCORE), 8, CSM_ALIGN_RIGHT, 0.15);
		if (csm_analysis_compares(an)) { /* the groups' columns, only when there is a comparison */
			k->c.text(&k->c, col[3] + cw[3] - 4, y + 10.5, T(K_ALL), 8, CSM_ALIGN_RIGHT, 0.15);
			for (i = 1; i <= 3; i++)
				k->c.text(&k->c, col[3 + i] + cw[3 + i] - 4, y + 10.5, grades[i], 8, CSM_ALIGN_RIGHT, 0.15);
			if (idx[4] >= 0)
				k->c.text(&k->c, col[7] + cw[7] - 4, y + 10.5, T(K_IND), 8, CSM_ALIGN_RIGHT, 0.15);
			k->c.text(&k->c, col[8] + cw[8] - 4, y + 10.5, T(K_GAP), 8, CSM_ALIGN_RIGHT, 0.15);
		}
		if (ps) {
			k->c.text(&k->c, col[10] + cw[10] - 4, y + 10.5, lang == CSM_LANG_JA ? "前回" : "Prev", 8, CSM_ALIGN_RIGHT, 0.15);
			k->c.text(&k->c, col[11] + cw[11] - 4, y + 10.5, lang == CSM_LANG_JA ? "変化" : "Change", 8, CSM_ALIGN_RIGHT,
			          0.15);
		}
		y += 15;
		for (d = 1; d <= CSM_DIRECTIVES; d++) {
			const csm_directive_score *ds = &s->dir[d - 1];
			double gap = 0, m;
			int has_gap = csm_analysis_gap(an, d, &gap) > 0;
			const char *mark = "";
			if (d % 2 == 0)
				box(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1] - MARGIN, 13, 0.97, 0.97, 0.97);
			snprintf(num, sizeof num, "%d", d);
			k->c.text(&k->c, col[0] + 4, y + 9.5, num, 8.5, CSM_ALIGN_LEFT, 0.1);
			k->c.text(&k->c, col[1], y + 9.5, q->dir_short[d - 1][lang], 8.5, CSM_ALIGN_LEFT, 0.1);
			if (ds->has_score) {
				shade(k, col[2], y, cw[2], ds->score);
				csm_format1(num, sizeof num, ds->score);
			} else {
				snprintf(num, sizeof num, "%s", T(K_NA));
			}
			text_rgb(k, col[2] + cw[2] - 4, y + 9.5, num, 8.5, CSM_ALIGN_RIGHT, ACCENT);
			for (i = 0; i < 5; i++) {
				int c = i == 0 ? 3 : i == 4 ? 7 : 3 + (int)i;
				if (idx[i] < 0)
					continue;
				if (csm_benchmark_group_mean(b, (size_t)idx[i], d, &m))
					csm_format1(num, sizeof num, m);
				else
					snprintf(num, sizeof num, "-");
				k->c.text(&k->c, col[c] + cw[c] - 4, y + 9.5, num, 8.5, CSM_ALIGN_RIGHT, 0.3);
			}
			if (has_gap) {
				static const double red[3] = {0.70, 0.12, 0.08};
				csm_format1(num, sizeof num, gap);
				if (s->grade != CSM_GRADE_A)
					mark = csm_gap_mark(gap);
				if (mark[0])
					text_rgb(k, col[8] + cw[8] - 4, y + 9.5, num, 8.5, CSM_ALIGN_RIGHT, red);
				else
					k->c.text(&k->c, col[8] + cw[8] - 4, y + 9.5, num, 8.5, CSM_ALIGN_RIGHT, 0.1);
				if (mark[0])
					text_rgb(k, col[9] + 2, y + 9.5, mark, 8.5, CSM_ALIGN_LEFT, red);
			}
			if (ps) {
				const csm_directive_score *pd = &ps->dir[d - 1];
				static const double up[3] = {0.10, 0.45, 0.15}, down[3] = {0.70, 0.12, 0.08};
				if (pd->has_score)
					csm_format1(num, sizeof num, pd->score);
				else
					snprintf(num, sizeof num, "-");
				k->c.text(&k->c, col[10] + cw[10] - 4, y + 9.5, num, 8.5, CSM_ALIGN_RIGHT, 0.3);
				if (pd->has_score && ds->has_score) {
					double ch = ds->score - pd->score;
					int sign = csm_change_sign(ch);
					char t[32];
					text_rgb(k, col[11] + cw[11] - 4, y + 9.5, csm_format_change(t, sizeof t, ch), 8.5, CSM_ALIGN_RIGHT,
					         sign > 0 ? up : sign < 0 ? down : ACCENT);
				}
			}
			y += 13;
		}
		line(k, MARGIN, y, col[ncol - 1] + cw[ncol - 1], y, 0.6, 0.6);
		y += 10;
		if (csm_analysis_compares(an))
			k->c.text(&k->c, col[1], y, "n", 7.5, CSM_ALIGN_LEFT, 0.4);
		for (i = 0; i < 5; i++) {
			int c = i == 0 ? 3 : i == 4 ? 7 : 3 + (int)i;
			if (idx[i] < 0)
				continue;
			snprintf(num, sizeof num, "%u", csm_benchmark_group_n(b, (size_t)idx[i]));
			k->c.text(&k->c, col[c] + cw[c] - 4, y, num, 7.5, CSM_ALIGN_RIGHT, 0.4);
		}
		y += 11;
		/* the industry column by its label, never the benchmark's key */
		k->c.text(&k->c, MARGIN,
		          y, kfmt(k, 0, "%s%s%s%s%s", csm_analysis_compares(an) ? T(K_MARKS) : "", T(K_SHADED),
		                  idx[4] >= 0 ? "  " : "", idx[4] >= 0 ? T(K_IND) : "",
		                  idx[4] >= 0 ? kfmt(k, 1, lang == CSM_LANG_JA ? " = %s" : ": %s",
		                                     csm__analysis_group_label(an, lang)) : ""),
		          7, CSM_ALIGN_LEFT, 0.4);
		y += 17;
	}

	/* Hints, as the trial's karte: the heading by target; hint 1 the most
	 * urgent directive with its tips and their actions; hint 2 one block
	 * naming the other flagged directives, one action and the tips to read. */
	ensure(k, &y, 60, b, lang);
	text_rgb(k, MARGIN, y, csm__analysis_hints_heading(an, lang), 11, CSM_ALIGN_LEFT, ACCENT);
	y += 16;
	if (!csm_analysis_hint_count(an))
		k->c.text(&k->c, MARGIN, y, T(K_NO_HINTS), 9, CSM_ALIGN_LEFT, 0.1);
	if (csm_analysis_hint_count(an)) {
		const csm_hint *h = csm_analysis_hint(an, 0);
		double ty = 0, need;
		const char *head = kfmt(k, 1, "[%s] %s %d  %s", csm__analysis_hint1_urgent(an) ? T(K_HINT1) : T(K_HINT1_PLAIN),
		                        T(K_DIRECTIVE), h->directive, q->dir_title[h->directive - 1][lang]);
		csm__buf t = {0};
		need = 12.5 * wrap(k, 0, &ty, head, 9.5, PAGE_W - 2 * MARGIN, 12.5, 0, 0) + 12.5 + 11.0 * (double)(h->tip_count ? 1 : 0);
		ensure(k, &y, need, b, lang);
		wrap(k, MARGIN, &y, head, 9.5, PAGE_W - 2 * MARGIN, 12.5, 0.05, 1);
		if (csm_analysis_compares(an)) /* no target, no gap */
			csm__buf_printf(&t, "%s %s  ·  ", T(K_GAP), csm_format1(num, sizeof num, h->gap));
		csm__buf_printf(&t, "%s (%s %d): ", T(K_LOWEST_ITEMS), lang == CSM_LANG_JA ? "レベル" : "level", h->level);
		for (j = 0; j < h->item_count; j++)
			csm__buf_printf(&t, "%s%s", j ? ", " : "", h->items[j]);
		if (t.nomem)
			k->nomem = 1;
		wrap(k, MARGIN + 10, &y, t.s ? t.s : "", 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0.35, 1);
		csm__buf_free(&t);
		y += 2;
		for (j = 0; j < h->tip_count; j++) {
			const char *title = csm_tip_title(tips, h->tips[j], lang);
			const char *action = csm_tip_action(tips, h->tips[j], lang);
			ty = 0;
			need = 11 + (action ? 10.5 * wrap(k, 0, &ty, action, 8, PAGE_W - 2 * MARGIN - 22, 10.5, 0, 0) : 0) + 4;
			ensure(k, &y, need, b, lang);
			text_rgb(k, MARGIN + 10, y, kfmt(k, 0, "%s %s%s%s", T(K_TIP), h->tips[j], title ? ": " : "", title ? title : ""),
			         8.5, CSM_ALIGN_LEFT, ACCENT);
			y += 11;
			if (action)
				wrap(k, MARGIN + 22, &y, action, 8, PAGE_W - 2 * MARGIN - 22, 10.5, 0.15, 1);
			y += action ? 3 : 0;
		}
		y += 4;
	}
	if (csm_analysis_hint_count(an) > 1) {
		/* Hint 2: the other flagged directives together, one action and the
		 * tips of their lowest items to read (by title; their actions are in
		 * `csm tips` and the text report). */
		csm__buf head = {0};
		const char *tip_id[64];
		size_t ntips = 0, rows;
		int expand = 0;
		double ty = 0, need, colw = (PAGE_W - 2 * MARGIN - 10) / 2;
		csm__buf_printf(&head, "[%s] ", T(K_HINT2));
		csm__analysis_flagged_text(an, lang, &head);
		csm__buf_puts(&head, lang == CSM_LANG_JA ? "。" : ".");
		for (i = 1; i < csm_analysis_hint_count(an); i++) {
			const csm_hint *h = csm_analysis_hint(an, i);
			for (j = 0; j < h->tip_count; j++) {
				size_t m;
				for (m = 0; m < ntips && strcmp(tip_id[m], h->tips[j]) != 0; m++)
					;
				if (m == ntips && ntips < sizeof tip_id / sizeof *tip_id)
					tip_id[ntips++] = h->tips[j];
			}
		}
		if (head.nomem)
			k->nomem = 1;
		rows = (ntips + 1) / 2;
		need = 12.5 * wrap(k, 0, &ty, head.s ? head.s : "", 9.5, PAGE_W - 2 * MARGIN, 12.5, 0, 0);
		ty = 0;
		need += 10.5 * wrap(k, 0, &ty, T(csm_analysis_compares(an) ? K_HINT2_ACTION : K_HINT2_ACTION_OWN), 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0, 0);
		need += 2 + 10.0 * (double)(rows - 1) + 3; /* to the last row's descent */
		/* Where the block must go to page 2 anyway, that page has the room to
		 * say what each tip suggests: the tips with their actions, one column
		 * (if that still fits the page; the karte keeps to two pages). */
		if (y + need > BODY_BOTTOM && k->pages > k->first_page) {
			/* already on page 2 and out of room (a long hint 1): the
			 * directives and the tips' ids in a line or two, as a third page
			 * is not an option */
			csm__buf more = {0};
			csm__buf_printf(&more, "%s  %s:", head.s ? head.s : "", lang == CSM_LANG_JA ? "ティップス" : "Tips");
			for (i = 0; i < ntips; i++)
				csm__buf_printf(&more, " %s", tip_id[i]);
			if (more.nomem)
				k->nomem = 1;
			wrap_max(k, MARGIN, &y, more.s ? more.s : "", 8.5, PAGE_W - 2 * MARGIN, 11, 0.05, 1,
			         (int)((BODY_BOTTOM - y) / 11) > 0 ? (int)((BODY_BOTTOM - y) / 11) : 1);
			csm__buf_free(&more);
			csm__buf_free(&head);
			footer(k, b, lang);
			return;
		}
		if (y + need > BODY_BOTTOM) {
			double full = need - (10.0 * (double)(rows - 1) + 3);
			for (i = 0; i < ntips; i++) {
				const char *action = csm_tip_action(tips, tip_id[i], lang);
				ty = 0;
				full += 11 + (action ? 10.5 * wrap(k, 0, &ty, action, 8, PAGE_W - 2 * MARGIN - 22, 10.5, 0, 0) + 3 : 0);
			}
			expand = full <= BODY_BOTTOM - (MARGIN + 30);
			if (expand)
				need = full;
		}
		/* one block: it moves to the next page whole rather than split */
		ensure(k, &y, need, b, lang);
		wrap(k, MARGIN, &y, head.s ? head.s : "", 9.5, PAGE_W - 2 * MARGIN, 12.5, 0.05, 1);
		wrap(k, MARGIN + 10, &y, T(csm_analysis_compares(an) ? K_HINT2_ACTION : K_HINT2_ACTION_OWN), 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0.15, 1);
		y += 2;
		for (i = 0; i < ntips && expand; i++) {
			const char *title = csm_tip_title(tips, tip_id[i], lang);
			const char *action = csm_tip_action(tips, tip_id[i], lang);
			text_rgb(k, MARGIN + 10, y, kfmt(k, 0, "%s %s%s%s", T(K_TIP), tip_id[i], title ? ": " : "", title ? title : ""),
			         8.5, CSM_ALIGN_LEFT, ACCENT);
			y += 11;
			if (action)
				wrap(k, MARGIN + 22, &y, action, 8, PAGE_W - 2 * MARGIN - 22, 10.5, 0.15, 1);
			y += action ? 3 : 0;
		}
		for (i = 0; i < ntips && !expand; i++) {
			const char *title = csm_tip_title(tips, tip_id[i], lang);
			csm__buf cell = {0};
			double size = 8;
			fit_into(k, kfmt(k, 0, "%s %s%s%s", T(K_TIP), tip_id[i], title ? ": " : "", title ? title : ""), &size, 7,
			         colw - 8, &cell);
			if (cell.nomem)
				k->nomem = 1;
			/* down the first column, then the second, as a list is read */
			if (cell.s)
				text_rgb(k, MARGIN + 10 + (double)(i / rows) * colw, y + (double)(i % rows) * 10.0, cell.s, size,
				         CSM_ALIGN_LEFT, ACCENT);
			csm__buf_free(&cell);
		}
		y += expand ? 6 : 10.0 * (double)rows + 6;
		csm__buf_free(&head);
	}
	footer(k, b, lang);
}

/* ---- putting it together ------------------------------------------------- */

static void haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	karte *k = user_data;
	(void)detail_no;
	if (!k->error)
		k->error = error_no;
}

/* A temporary file that has no name in `dir`, open for reading and writing:
 * O_TMPFILE where the file system has it, else one unlinked at once. Nothing
 * is left behind however the process ends, so no signal handler is needed. */
static int nameless_tmp(const char *dir)
{
	char path[4096];
	int fd = -1;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
#endif
	if ((size_t)snprintf(path, sizeof path, "%s/csm-font-XXXXXX", dir) >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(path)) >= 0)
		unlink(path);
	return fd;
}

/* The subset of the maker's font with the characters of `unicodes`, into a
 * nameless temporary file whose descriptor goes to *fd_out. */
static int write_subset(csm_karte_maker *km, hb_set_t *unicodes, int *fd_out)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	const char *data;
	unsigned len = 0;
	const char *tmpdir = getenv("TMPDIR");
	int fd = -1, rc = 0;
	size_t off = 0;

	*fd_out = -1;
	if (!tmpdir || !tmpdir[0])
		tmpdir = "/tmp";
	if (!in)
		return csm__nomem();
	/* A character the font lacks would print as nothing (a Latin font makes
	 * every Japanese word blank): refuse, naming the first one. */
	{
		hb_codepoint_t cp = HB_SET_VALUE_INVALID, g;
		while (hb_set_next(unicodes, &cp))
			if (cp >= 0x20 && !hb_font_get_nominal_glyph(km->font, cp, &g)) {
				utf8proc_uint8_t ch[8] = {0};
				utf8proc_encode_char((utf8proc_int32_t)cp, ch);
				hb_subset_input_destroy(in);
				return csm__err(CSM_EINVALID,
				                "%s: the font has no glyph for \"%s\" (U+%04X), which this document needs: "
				                "give a font that covers it (for Japanese, IPAexGothic)",
				                km->font_path, (const char *)ch, (unsigned)cp);
			}
	}
	hb_set_union(hb_subset_input_unicode_set(in), unicodes);
	/* libharu reads the cap height and x-height from these glyphs. */
	hb_set_add(hb_subset_input_unicode_set(in), 'H');
	hb_set_add(hb_subset_input_unicode_set(in), 'x');
	/* Layout tables: libharu does not use them, and keeping GSUB would pull in
	 * every glyph a substitution could reach. */
	{
		hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
		hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
		hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
		hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
		hb_set_add(drop, HB_TAG('B', 'A', 'S', 'E'));
	}
	/* Hinting instructions are a large part of CJK glyph data and serve
	 * screen rasterizers at small pixel sizes, not a PDF. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(km->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return csm__err(CSM_EIO, "%s: the font could not be subset", km->font_path);
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (!len || (fd = nameless_tmp(tmpdir)) < 0) {
		rc = csm__err(CSM_EIO, "cannot write a temporary font file in %s: %s", tmpdir, strerror(errno));
		goto cleanup;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = csm__err(CSM_EIO, "cannot write a temporary font file in %s: %s", tmpdir, strerror(errno));
			goto cleanup;
		}
		off += (size_t)w;
	}
	*fd_out = fd;
	fd = -1;
cleanup:
	if (fd >= 0)
		close(fd);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return rc;
}

/* libharu (2.3.0 and 2.4.x) gives the UTF-8 font a code-to-CID CMap
 * ("begincidrange") as its /ToUnicode, which must map codes to Unicode; poppler
 * warns about it. The CMap is made when the font is created (hpdf_font_cid.c:
 * CreateCMap) and nothing rewrites it at save time, so its stream is rewritten
 * here in place: the object stays the same and keeps the font's compression.
 * With the UTF-8 encoder each code is the character's own Unicode value
 * (non-BMP characters become U+0020), so the map sends each code used to
 * itself. Only bfchar entries, one per code, as cairo writes them: Ghostscript
 * (txtwrite, and pdfwrite as used for PDF/A) reads a bfrange's two-byte
 * destination by its low byte only and garbles the Japanese text. */
static int fix_tounicode(HPDF_Doc pdf, HPDF_Font font, const hb_set_t *unicodes)
{
	HPDF_Name subtype = HPDF_Dict_GetItem(font, "Subtype", HPDF_OCLASS_NAME);
	HPDF_Name enc = HPDF_Dict_GetItem(font, "Encoding", HPDF_OCLASS_NAME);
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	unsigned char used[65536 / 8];
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	unsigned c, n = 0, block = 0;
	HPDF_STATUS ret = HPDF_OK;
	char line[32];

	if (!subtype || strcmp(subtype->value, "Type0") != 0 || !enc || strcmp(enc->value, "Identity-H") != 0 || !tu ||
	    !tu->stream)
		return csm__err(CSM_EIO, "the PDF font is not the Type0/Identity-H font expected of libharu");
	memset(used, 0, sizeof used);
	while (hb_set_next(unicodes, &cp)) {
		unsigned u = cp > 0xFFFF ? 0x20 : cp;
		if (u >= 0xD800 && u <= 0xDFFF)
			continue; /* not a character: no mapping */
		if (!((used[u >> 3] >> (u & 7)) & 1))
			n++;
		used[u >> 3] |= (unsigned char)(1u << (u & 7));
	}
	HPDF_MemStream_FreeData(tu->stream);
	HPDF_Dict_RemoveElement(tu, "Type");
	HPDF_Dict_RemoveElement(tu, "CMapName");
	HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(tu, "WMode");
	ret |= HPDF_Stream_WriteStr(tu->stream, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                                         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (c = 0; c <= 0xFFFF; c++) {
		if (!((used[c >> 3] >> (c & 7)) & 1))
			continue;
		if (block == 0) { /* at most 100 entries per block, as the CMap format requires */
			snprintf(line, sizeof line, "%u beginbfchar\n", n > 100 ? 100 : n);
			ret |= HPDF_Stream_WriteStr(tu->stream, line);
		}
		snprintf(line, sizeof line, "<%04X> <%04X>\n", c, c);
		ret |= HPDF_Stream_WriteStr(tu->stream, line);
		n--;
		if (++block == 100 || n == 0) {
			ret |= HPDF_Stream_WriteStr(tu->stream, "endbfchar\n");
			block = 0;
		}
	}
	ret |= HPDF_Stream_WriteStr(tu->stream, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	if (ret != HPDF_OK)
		return csm__err(CSM_EIO, "the PDF's ToUnicode map could not be written (libharu error 0x%04X)",
		                (unsigned)HPDF_GetError(pdf));
	return 0;
}

/* A document drawn by `draw` (twice: to collect characters and pages, then
 * for real), with the maker's font cut down to what it uses. */
typedef void (*draw_fn)(karte *k, void *ctx);

static int make_pdf(char **out, size_t *len, csm_karte_maker *km, draw_fn draw, void *ctx, const char *title,
                    const char *author, long long created)
{
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	karte k;
	char font_file[64];
	const char *font_name;
	int font_fd = -1;
	HPDF_Date date;
	struct tm tm;
	time_t t = (time_t)created;
	HPDF_UINT32 size;
	int rc = 0;
	size_t i;

	*out = NULL;
	*len = 0;
	memset(&k, 0, sizeof k);
	k.km = km;
	k.c.cr = cairo_create(surface);
	k.c.ctx = &k;
	k.c.text_width = width_cb;

	/* Pass 1: which characters, how many pages. */
	k.collect = 1;
	k.unicodes = hb_set_create();
	k.c.stroke = collect_path;
	k.c.fill = collect_path;
	k.c.text = collect_text;
	draw(&k, ctx);
	if (k.nomem) {
		rc = csm__nomem();
		goto cleanup;
	}
	k.total_pages = k.pages;
	/* Digits for the page footer, whatever pass 1 printed. */
	for (i = '0'; i <= '9'; i++)
		hb_set_add(k.unicodes, (hb_codepoint_t)i);
	if ((rc = write_subset(km, k.unicodes, &font_fd)))
		goto cleanup;

	/* Pass 2: the document. */
	k.collect = 0;
	k.pages = 0;
	k.c.stroke = haru_stroke;
	k.c.fill = haru_fill;
	k.c.text = haru_text;
	if (!(k.pdf = HPDF_New(haru_error, &k))) {
		rc = csm__nomem();
		goto cleanup;
	}
	HPDF_SetCompressionMode(k.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(k.pdf);
	/* libharu takes a path: the nameless file is opened again through the
	 * process's descriptor table, and libharu keeps that open to read the
	 * glyphs when saving. */
	snprintf(font_file, sizeof font_file, "/proc/self/fd/%d", font_fd);
	if (access(font_file, R_OK) != 0)
		snprintf(font_file, sizeof font_file, "/dev/fd/%d", font_fd);
	font_name = HPDF_LoadTTFontFromFile(k.pdf, font_file, HPDF_TRUE);
	close(font_fd);
	font_fd = -1;
	if (!font_name || !(k.font = HPDF_GetFont(k.pdf, font_name, "UTF-8"))) {
		rc = csm__err(CSM_EIO, "%s: libharu could not load the font (error 0x%04X)", km->font_path,
		              (unsigned)k.error);
		goto cleanup;
	}
	k.translucent = HPDF_CreateExtGState(k.pdf);
	HPDF_ExtGState_SetAlphaFill(k.translucent, 0.14f);
	draw(&k, ctx);
	if (k.nomem) {
		rc = csm__nomem();
		goto cleanup;
	}

	/* Document information, as UTF-16 text strings. */
	HPDF_SetCurrentEncoder(k.pdf, "UTF-8");
	HPDF_SetInfoAttr(k.pdf, HPDF_INFO_TITLE, title);
	if (author && author[0])
		HPDF_SetInfoAttr(k.pdf, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(k.pdf, HPDF_INFO_CREATOR, "csm " CSM_VERSION_STRING);
	gmtime_r(&t, &tm);
	memset(&date, 0, sizeof date);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(k.pdf, HPDF_INFO_CREATION_DATE, date);

	if ((rc = fix_tounicode(k.pdf, k.font, k.unicodes)))
		goto cleanup;
	if (k.error || HPDF_SaveToStream(k.pdf) != HPDF_OK) {
		rc = csm__err(CSM_EIO, "the PDF could not be made (libharu error 0x%04X)", (unsigned)k.error);
		goto cleanup;
	}
	size = HPDF_GetStreamSize(k.pdf);
	if (!(*out = malloc(size ? size : 1))) {
		rc = csm__nomem();
		goto cleanup;
	}
	if (HPDF_ReadFromStream(k.pdf, (HPDF_BYTE *)*out, &size) != HPDF_OK && k.error != HPDF_STREAM_EOF) {
		free(*out);
		*out = NULL;
		rc = csm__err(CSM_EIO, "the PDF could not be read back (libharu error 0x%04X)", (unsigned)k.error);
		goto cleanup;
	}
	*len = size;
cleanup:
	if (k.pdf)
		HPDF_Free(k.pdf);
	if (font_fd >= 0)
		close(font_fd);
	hb_set_destroy(k.unicodes);
	csm__buf_free(&k.tmp[0]);
	csm__buf_free(&k.tmp[1]);
	cairo_destroy(k.c.cr);
	cairo_surface_destroy(surface);
	return rc;
}

typedef struct karte_job {
	const csm_analysis *an;
	const csm_tips *tips;
	csm_lang lang;
} karte_job;

static void draw_karte(karte *k, void *ctx)
{
	karte_job *j = ctx;
	layout(k, j->an, j->tips, j->lang);
}

int csm_karte_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an, const csm_tips *tips,
                     csm_lang lang, long long created)
{
	CSM__ARGS(out && len && km && an && CSM__LANG_OK(lang));
	karte_job j = {an, tips, lang};
	const csm_answers *a = csm__analysis_a(an);
	const char *f = csm_answers_field_get(a, CSM_FIELD_ORG_NAME);
	csm__buf title = {0}, author = {0};
	size_t i;
	int rc;
	/* Title and author (the assessors, all of them) of the document. */
	csm__buf_printf(&title, "%s: %s", lang == CSM_LANG_JA ? "診断カルテ" : "Karte", f ? f : "");
	for (i = 0; i < a->assessor_count; i++)
		if (a->assessor_name[i] && a->assessor_name[i][0])
			csm__buf_printf(&author, "%s%s", author.len ? ", " : "", a->assessor_name[i]);
	if (title.nomem || author.nomem)
		rc = csm__nomem();
	else
		rc = make_pdf(out, len, km, draw_karte, &j, title.s, author.s, created);
	csm__buf_free(&title);
	csm__buf_free(&author);
	return rc;
}

/* ---- the portfolio --------------------------------------------------------- */

typedef struct portfolio_job {
	const csm__portfolio *pf; /* what the pages show */
	const csm_analysis *const *an;
	size_t n;
	const csm_tips *tips;
	csm_lang lang;
	const size_t *order; /* = pf->order */
} portfolio_job;

/* Heat-map colour of a score: red (1) through amber to green (5). */
static void heat(double v, double rgb[3])
{
	static const double stops[5][3] = {
	    {0.93, 0.55, 0.52}, {0.97, 0.74, 0.55}, {0.99, 0.91, 0.60}, {0.78, 0.90, 0.65}, {0.55, 0.80, 0.55}};
	double t = v < 1 ? 0 : v > 5 ? 4 : v - 1;
	int i = (int)t;
	double f = t - i;
	int c;
	if (i >= 4) {
		i = 3;
		f = 1;
	}
	for (c = 0; c < 3; c++)
		rgb[c] = stops[i][c] * (1 - f) + stops[i + 1][c] * f;
}

static void summary_pages(karte *k, const portfolio_job *j)
{
	const csm__portfolio *pf = j->pf;
	const csm_analysis *first = j->an[0];
	const csm_questionnaire *q = csm__analysis_q(first);
	const csm_benchmark *b = csm__analysis_b(first);
	const csm_grading *gr = csm_benchmark_grading(b);
	csm_lang lang = j->lang;
	const double *gdir = pf->dir, gov = pf->overall;
	const int *ghas = pf->has, weighted = pf->weighted;
	const char *parent = pf->parent;
	double x, y, dy, col[14];
	int d;
	static const double cw[14] = {22, 150, 30, 38, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29};
	char num[32];
	size_t i, r;

	new_page(k);
	snprintf(k->running, sizeof k->running, "%s", lang == CSM_LANG_JA ? "グループ ポートフォリオ" : "Group portfolio");
	k->running_tail[0] = '\0';
	text_rgb(k, MARGIN, MARGIN + 6, lang == CSM_LANG_JA ? "サイバーセキュリティ経営ガイドライン グループ ポートフォリオ"
	                                                    : "Cyber Security Management Guidelines - Group Portfolio",
	         9, CSM_ALIGN_LEFT, ACCENT);
	y = header_name(k, parent ? parent : (lang == CSM_LANG_JA ? "グループ" : "Group"), 17, MARGIN + 28,
	                PAGE_W - 2 * MARGIN - 124) +
	    16;
	wrap_max(k, MARGIN, &y,
	         kfmt(k, 0,
	              lang == CSM_LANG_JA ? "評価した組織: %zu   設問: %s   比較データ: %s"
	                                  : "Organizations assessed: %zu   Questionnaire: %s   Benchmark: %s",
	              j->n, q->id, csm_benchmark_name(b)),
	         8.5, PAGE_W - 2 * MARGIN - 124, 11, 0.2, 1, 2);
	y += 2;
	wrap(k, MARGIN, &y,
	     kfmt(k, 0, "%s%s",
	         weighted ? (pf->rollup == CSM_ROLLUP_HEADCOUNT
	                         ? (lang == CSM_LANG_JA ? "グループの値: 従業員数で加重した平均" : "Group: mean weighted by headcount")
	                         : (lang == CSM_LANG_JA ? "グループの値: 売上高で加重した平均" : "Group: mean weighted by revenue"))
	                  : (pf->rollup != CSM_ROLLUP_MEAN
	                         ? (lang == CSM_LANG_JA ? "グループの値: 単純平均 (加重に必要な値が一部の組織にありません)"
	                                                : "Group: plain mean (some organizations lack the weight)")
	                         : (lang == CSM_LANG_JA ? "グループの値: 各組織の単純平均" : "Group: plain mean of the organizations")),
	         lang == CSM_LANG_JA ? " (範囲が group の評価は除く)" : " (assessments with scope \"group\" left out)"),
	     8.5, PAGE_W - 2 * MARGIN - 124, 11, 0.2, 1);
	dy = y - 2 > MARGIN + 84 ? y - 2 - (MARGIN + 84) : 0;
	/* the group's grade box */
	x = PAGE_W - MARGIN - 112;
	box(k, x, MARGIN, 112, 70, ACCENT[0], ACCENT[1], ACCENT[2]);
	k->c.text(&k->c, x + 10, MARGIN + 14, lang == CSM_LANG_JA ? "グループ" : "Group", 8.5, CSM_ALIGN_LEFT, 1.0);
	k->c.text(&k->c, x + 40, MARGIN + 55, csm_grade_name(pf->grade), 40, CSM_ALIGN_CENTER, 1.0);
	k->c.text(&k->c, x + 100, MARGIN + 32, T(K_OVERALL), 7.5, CSM_ALIGN_RIGHT, 1.0);
	grade_box_overall(k, x, csm_format_overall(num, sizeof num, gov, gr));
	line(k, MARGIN, MARGIN + 84 + dy, PAGE_W - MARGIN, MARGIN + 84 + dy, 0.6, 0.8);

	/* The heat map: subsidiaries by directive. */
	y = MARGIN + 104 + dy;
	text_rgb(k, MARGIN, y, lang == CSM_LANG_JA ? "組織別・指示別のスコア" : "Scores by organization and directive", 11,
	         CSM_ALIGN_LEFT, ACCENT);
	y += 8;
	col[0] = MARGIN;
	for (i = 1; i < 14; i++)
		col[i] = col[i - 1] + cw[i - 1];
	for (r = 0; r <= j->n; r++) {
		/* header row first, then the group row, then one per subsidiary */
		const csm_score *s = r ? csm__analysis_s(j->an[j->order[r - 1]]) : NULL;
		if (r == 0 || y + 14 > BODY_BOTTOM) {
			if (r) {
				footer(k, b, lang);
				new_page(k);
				text_rgb(k, MARGIN, MARGIN + 6, k->running, 8.5, CSM_ALIGN_LEFT, ACCENT);
				y = MARGIN + 20;
			}
			box(k, MARGIN, y, col[13] + cw[13] - MARGIN, 15, 0.90, 0.92, 0.96);
			k->c.text(&k->c, col[1], y + 10.5, lang == CSM_LANG_JA ? "組織" : "Organization", 8, CSM_ALIGN_LEFT, 0.15);
			k->c.text(&k->c, col[2] + cw[2] - 4, y + 10.5, T(K_GRADE), 7, CSM_ALIGN_RIGHT, 0.15);
			k->c.text(&k->c, col[3] + cw[3] - 4, y + 10.5, lang == CSM_LANG_JA ? "総合" : "Overall", 7, CSM_ALIGN_RIGHT,
			          0.15);
			for (d = 0; d < CSM_DIRECTIVES; d++) {
				snprintf(num, sizeof num, "%d", d + 1);
				k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 10.5, num, 8, CSM_ALIGN_CENTER, 0.15);
			}
			y += 15;
			if (r == 0) { /* the group row */
				box(k, MARGIN, y, col[13] + cw[13] - MARGIN, 14, 0.95, 0.95, 0.95);
				k->c.text(&k->c, col[1], y + 10, lang == CSM_LANG_JA ? "グループ全体" : "Whole group", 8.5, CSM_ALIGN_LEFT,
				          0.05);
				k->c.text(&k->c, col[2] + cw[2] - 4, y + 10, csm_grade_name(pf->grade), 8.5,
				          CSM_ALIGN_RIGHT, 0.05);
				k->c.text(&k->c, col[3] + cw[3] - 4, y + 10, csm_format_overall(num, sizeof num, gov, gr), 8.5,
				          CSM_ALIGN_RIGHT, 0.05);
				for (d = 0; d < CSM_DIRECTIVES; d++) {
					double rgb[3];
					if (!ghas[d])
						continue;
					heat(gdir[d], rgb);
					box(k, col[4 + d] + 1, y + 1, cw[4 + d] - 2, 12, rgb[0], rgb[1], rgb[2]);
					k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 10, csm_format1(num, sizeof num, gdir[d]), 8,
					          CSM_ALIGN_CENTER, 0.1);
				}
				y += 15;
				continue;
			}
		}
		{
			const csm_answers *a = csm__analysis_a(j->an[j->order[r - 1]]);
			const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
			char name[CSM_MAX_NAME_BYTES + 8];
			double size = 8;
			snprintf(num, sizeof num, "%zu", r);
			k->c.text(&k->c, col[0] + 2, y + 9.5, num, 7, CSM_ALIGN_LEFT, 0.4);
			fit(k, nm, &size, 6, cw[1] - 4, name, sizeof name);
			k->c.text(&k->c, col[1], y + 9.5, name, size, CSM_ALIGN_LEFT, 0.1);
			k->c.text(&k->c, col[2] + cw[2] - 4, y + 9.5, csm_grade_name(s->grade), 8, CSM_ALIGN_RIGHT, 0.1);
			k->c.text(&k->c, col[3] + cw[3] - 4, y + 9.5, csm_format_overall(num, sizeof num, s->overall, &s->grading), 8,
			          CSM_ALIGN_RIGHT, 0.1);
			for (d = 0; d < CSM_DIRECTIVES; d++) {
				double rgb[3];
				if (!s->dir[d].has_score) {
					k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 9.5, "-", 8, CSM_ALIGN_CENTER, 0.4);
					continue;
				}
				heat(s->dir[d].score, rgb);
				box(k, col[4 + d] + 1, y + 1, cw[4 + d] - 2, 11, rgb[0], rgb[1], rgb[2]);
				k->c.text(&k->c, col[4 + d] + cw[4 + d] / 2, y + 9.5, csm_format1(num, sizeof num, s->dir[d].score), 7.5,
				          CSM_ALIGN_CENTER, 0.1);
			}
			y += 13;
		}
	}
	y += 4;
	{
		/* colour key, by level */
		static const double levels[5] = {1, 2, 3, 4, 5};
		x = MARGIN;
		k->c.text(&k->c, x, y + 8, lang == CSM_LANG_JA ? "色: スコア" : "Colour: score", 7, CSM_ALIGN_LEFT, 0.4);
		x += 50;
		for (d = 0; d < 5; d++) {
			double rgb[3];
			heat(levels[d], rgb);
			box(k, x, y, 20, 10, rgb[0], rgb[1], rgb[2]);
			snprintf(num, sizeof num, "%d", d + 1);
			k->c.text(&k->c, x + 10, y + 8, num, 7, CSM_ALIGN_CENTER, 0.1);
			x += 24;
		}
		y += 24;
	}

	/* The weakest directives of the group, and who pulls each down. */
	ensure(k, &y, 80, b, lang);
	text_rgb(k, MARGIN, y, lang == CSM_LANG_JA ? "グループの弱い指示と、それを下げている組織"
	                                           : "The group's weakest directives, and who pulls each down",
	         11, CSM_ALIGN_LEFT, ACCENT);
	y += 16;
	for (i = 0; i < 3 && pf->weak[i]; i++) {
		size_t shown = 0, u;
		csm__buf who = {0}, nm_fit = {0};
		d = pf->weak[i];
		ensure(k, &y, 36, b, lang);
		wrap(k, MARGIN, &y,
		     kfmt(k, 0, "%s %d  %s  (%s %s)", T(K_DIRECTIVE), d, q->dir_title[d - 1][lang],
		          lang == CSM_LANG_JA ? "グループ" : "group", csm_format1(num, sizeof num, gdir[d - 1])),
		     9, PAGE_W - 2 * MARGIN, 12, 0.05, 1);
		for (u = 0; u < pf->nbelow[i] && u < 6; u++) { /* the organizations below the group's value, lowest first */
			const csm_analysis *an = j->an[pf->below[i][u]];
			const csm_answers *a = csm__analysis_a(an);
			const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
			double size = 8;
			fit_into(k, nm, &size, 8, 160, &nm_fit); /* a long name keeps to part of the line */
			csm__buf_printf(&who, "%s%s %s", u ? ", " : "", nm_fit.s ? nm_fit.s : "",
			                csm_format1(num, sizeof num, csm__analysis_s(an)->dir[d - 1].score));
			shown++;
		}
		if (pf->nbelow[i] > shown)
			csm__buf_printf(&who, lang == CSM_LANG_JA ? " ほか %zu 組織" : " and %zu more", pf->nbelow[i] - shown);
		if (who.nomem)
			k->nomem = 1;
		wrap(k, MARGIN + 10, &y, who.len ? who.s : T(K_NONE), 8, PAGE_W - 2 * MARGIN - 10, 10.5, 0.3, 1);
		csm__buf_free(&who);
		csm__buf_free(&nm_fit);
		y += 6;
	}
	footer(k, b, lang);
}

/* Small multiples: a radar per subsidiary, six to a page. */
static void radar_pages(karte *k, const portfolio_job *j)
{
	const csm_benchmark *b = csm__analysis_b(j->an[0]);
	size_t i;
	for (i = 0; i < j->n; i++) {
		const csm_analysis *an = j->an[j->order[i]];
		const csm_answers *a = csm__analysis_a(an);
		const char *nm = a->field[CSM_FIELD_ORG_NAME] ? a->field[CSM_FIELD_ORG_NAME] : a->name;
		csm_radar radar;
		char name[CSM_MAX_NAME_BYTES + 40], label[CSM_MAX_NAME_BYTES + 64], num[16];
		double size = 9, x, y;
		int slot = (int)(i % 6);
		if (slot == 0) {
			if (i)
				footer(k, b, j->lang);
			new_page(k);
			text_rgb(k, MARGIN, MARGIN + 6, j->lang == CSM_LANG_JA ? "組織ごとのレーダーチャート" : "Radar charts by organization",
			         11, CSM_ALIGN_LEFT, ACCENT);
		}
		x = MARGIN + (slot % 2) * 265;
		y = MARGIN + 20 + (slot / 2) * 250;
		snprintf(label, sizeof label, "%s  %s %s", nm, csm_grade_name(csm__analysis_s(an)->grade),
		         csm_format_overall(num, sizeof num, csm__analysis_s(an)->overall, &csm__analysis_s(an)->grading));
		fit(k, label, &size, 6.5, 255, name, sizeof name);
		k->c.text(&k->c, x + 2, y + 10, name, size, CSM_ALIGN_LEFT, 0.05);
		csm__radar_fill(&radar, an, j->lang, 1); /* short legends: the industry is in the karte */
		csm__radar_draw(&k->c, &radar, x, y + 14, 258, 232);
	}
	footer(k, b, j->lang);
}

static void draw_portfolio(karte *k, void *ctx)
{
	portfolio_job *j = ctx;
	size_t i;
	summary_pages(k, j);
	radar_pages(k, j);
	for (i = 0; i < j->n; i++)
		layout(k, j->an[j->order[i]], j->tips, j->lang);
}

int csm_portfolio_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *const *an, size_t n,
                         const csm_tips *tips, csm_lang lang, long long created, csm_rollup rollup)
{
	CSM__ARGS(out && len && km && an && csm__all_set((const void *const *)an, n) && CSM__LANG_OK(lang));
	csm__portfolio pf;
	portfolio_job j;
	int rc;
	*out = NULL;
	*len = 0;
	if ((rc = csm__portfolio_build(&pf, an, n, rollup)))
		return rc;
	memset(&j, 0, sizeof j);
	j.pf = &pf;
	j.an = an;
	j.n = n;
	j.tips = tips;
	j.lang = lang;
	j.order = pf.order;
	rc = make_pdf(out, len, km, draw_portfolio, &j, lang == CSM_LANG_JA ? "グループ ポートフォリオ" : "Group portfolio",
	              NULL, created);
	csm__portfolio_free(&pf);
	return rc;
}
