/* The PDF back end's document: the font (found, loaded, measured with
 * HarfBuzz), the two passes through the canvas (collect, then libharu), the
 * font subset in a nameless temporary file and the ToUnicode map libharu
 * gets wrong. See pdf_doc.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <utf8proc.h>

#include "error.h"
#include "pdf_doc.h"
#include "util.h"

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
double csm__ktext_width_n(const csm_karte_maker *km, const char *s, size_t n, double size)
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

double csm__ktext_width(const csm_karte_maker *km, const char *s, double size)
{
	return csm__ktext_width_n(km, s, strlen(s), size);
}


static void collect_text(csm__canvas *c, double x, double y, const char *s, double size, int align, double gray)
{
	csm__kdoc *k = c->ctx;
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
	return csm__ktext_width(((csm__kdoc *)c->ctx)->km, s, size);
}

/* Replay cairo's current path (flattened: lines only) on the page, turning
 * y-down canvas coordinates into PDF's y-up ones. */
static void replay_path(csm__kdoc *k)
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
	csm__kdoc *k = c->ctx;
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
	csm__kdoc *k = c->ctx;
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
	csm__kdoc *k = c->ctx;
	double w = align == CSM_ALIGN_LEFT ? 0 : csm__ktext_width(k->km, s, size);
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
void csm__ktext_rgb(csm__kdoc *k, double x, double y, const char *s, double size, int align, const double rgb[3])
{
	if (k->collect || !s[0]) {
		k->c.text(&k->c, x, y, s, size, align, 0);
		return;
	}
	{
		double w = align == CSM_ALIGN_LEFT ? 0 : csm__ktext_width(k->km, s, size);
		HPDF_Page_BeginText(k->page);
		HPDF_Page_SetFontAndSize(k->page, k->font, (HPDF_REAL)size);
		HPDF_Page_SetRGBFill(k->page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
		HPDF_Page_TextOut(k->page,
		                  (HPDF_REAL)(align == CSM_ALIGN_LEFT ? x : align == CSM_ALIGN_CENTER ? x - w / 2 : x - w),
		                  (HPDF_REAL)(PAGE_H - y), s);
		HPDF_Page_EndText(k->page);
	}
}

void csm__knew_page(csm__kdoc *k)
{
	k->pages++;
	if (k->collect)
		return;
	k->page = HPDF_AddPage(k->pdf);
	HPDF_Page_SetSize(k->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

/* ---- layout helpers ------------------------------------------------------ */

void csm__kline(csm__kdoc *k, double x1, double y1, double x2, double y2, double gray, double width)
{
	csm__style st;
	memset(&st, 0, sizeof st);
	st.r = st.g = st.b = gray;
	st.width = width;
	cairo_move_to(k->c.cr, x1, y1);
	cairo_line_to(k->c.cr, x2, y2);
	k->c.stroke(&k->c, &st);
}

void csm__kbox(csm__kdoc *k, double x, double y, double w, double h, double r, double g, double b)
{
	csm__style st;
	memset(&st, 0, sizeof st);
	st.r = r, st.g = g, st.b = b, st.alpha = 1;
	cairo_rectangle(k->c.cr, x, y, w, h);
	k->c.fill(&k->c, &st);
}
/* ---- putting it together ------------------------------------------------- */

static void haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	csm__kdoc *k = user_data;
	(void)detail_no;
	if (!k->error)
		k->error = error_no;
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
	if (!len || (fd = csm__nameless_tmp(tmpdir)) < 0) {
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
typedef void (*csm__kdraw_fn)(csm__kdoc *k, void *ctx);

/* The subset font of pass 1 into the document, as k->font; font_fd is
 * closed. */
static int load_font(csm__kdoc *k, int font_fd)
{
	char font_file[64];
	const char *font_name;

	/* libharu takes a path: the nameless file is opened again through the
	 * process's descriptor table, and libharu keeps that open to read the
	 * glyphs when saving. */
	snprintf(font_file, sizeof font_file, "/proc/self/fd/%d", font_fd);
	if (access(font_file, R_OK) != 0)
		snprintf(font_file, sizeof font_file, "/dev/fd/%d", font_fd);
	font_name = HPDF_LoadTTFontFromFile(k->pdf, font_file, HPDF_TRUE);
	close(font_fd);
	if (!font_name || !(k->font = HPDF_GetFont(k->pdf, font_name, "UTF-8")))
		return csm__err(CSM_EIO, "%s: libharu could not load the font (error 0x%04X)", k->km->font_path,
		                (unsigned)k->error);
	return 0;
}

/* Title, author, creator and creation date of the document. */
static void set_info(csm__kdoc *k, const char *title, const char *author, long long created)
{
	HPDF_Date date;
	struct tm tm;
	time_t t = (time_t)created;

	/* Document information, as UTF-16 text strings. */
	HPDF_SetCurrentEncoder(k->pdf, "UTF-8");
	HPDF_SetInfoAttr(k->pdf, HPDF_INFO_TITLE, title);
	if (author && author[0])
		HPDF_SetInfoAttr(k->pdf, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(k->pdf, HPDF_INFO_CREATOR, "csm " CSM_VERSION_STRING);
	gmtime_r(&t, &tm);
	memset(&date, 0, sizeof date);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(k->pdf, HPDF_INFO_CREATION_DATE, date);
}

/* The finished document into *out (malloc'd, *len bytes). */
static int save_pdf(csm__kdoc *k, char **out, size_t *len)
{
	HPDF_UINT32 size;

	if (k->error || HPDF_SaveToStream(k->pdf) != HPDF_OK)
		return csm__err(CSM_EIO, "the PDF could not be made (libharu error 0x%04X)", (unsigned)k->error);
	size = HPDF_GetStreamSize(k->pdf);
	if (!(*out = malloc(size ? size : 1)))
		return csm__nomem();
	if (HPDF_ReadFromStream(k->pdf, (HPDF_BYTE *)*out, &size) != HPDF_OK && k->error != HPDF_STREAM_EOF) {
		free(*out);
		*out = NULL;
		return csm__err(CSM_EIO, "the PDF could not be read back (libharu error 0x%04X)", (unsigned)k->error);
	}
	*len = size;
	return 0;
}

int csm__kmake_pdf(char **out, size_t *len, csm_karte_maker *km, csm__kdraw_fn draw, void *ctx, const char *title,
                    const char *author, long long created)
{
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	csm__kdoc k;
	int font_fd = -1;
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
	rc = load_font(&k, font_fd);
	font_fd = -1;
	if (rc)
		goto cleanup;
	k.translucent = HPDF_CreateExtGState(k.pdf);
	HPDF_ExtGState_SetAlphaFill(k.translucent, 0.14f);
	draw(&k, ctx);
	if (k.nomem) {
		rc = csm__nomem();
		goto cleanup;
	}

	set_info(&k, title, author, created);
	if ((rc = fix_tounicode(k.pdf, k.font, k.unicodes)))
		goto cleanup;
	rc = save_pdf(&k, out, len);
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

