/* The workbook reader (csm_form_xlsx_import). Fuzzing a whole zip mostly
 * trips its checksums, so the input replaces one part of a real workbook
 * made by csm_form_xlsx: the first byte picks the part, the rest is its
 * content, stored uncompressed. A first byte of 0xFF gives the rest as a
 * whole file instead. Whatever imports is parsed and pushed through the
 * pipeline, as `csm import` then `csm score` would. */
#include <zip.h>

#include "fuzz_common.h"

static const char *const parts[] = {
    "xl/workbook.xml",          "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",  "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",   "xl/worksheets/sheet4.xml", "[Content_Types].xml",
    "_rels/.rels"};

static const csm_industries *industries(void)
{
	static csm_industries *ind;
	if (!ind && csm_industries_open(&ind, CSM_FUZZ_DATA) != 0)
		abort();
	return ind;
}

/* The blank English workbook, made once. */
static const unsigned char *base(size_t *len)
{
	static unsigned char *b;
	static size_t n;
	if (!b) {
		csm_form_options o = CSM_FORM_OPTIONS_INIT;
		o.lang = CSM_LANG_EN;
		o.industries = industries();
		if (csm_form_xlsx(&b, &n, fuzz_questionnaire(), &o) != 0)
			abort();
	}
	*len = n;
	return b;
}

/* The base workbook with part `name` replaced by `len` bytes of `data`, in memory. */
static unsigned char *with_part(size_t *out_len, const char *name, const uint8_t *data, size_t len)
{
	size_t blen;
	const unsigned char *b = base(&blen);
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *za;
	zip_stat_t st;
	zip_int64_t idx;
	unsigned char *out = NULL;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(b, blen, 0, &ze)))
		abort();
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, 0, &ze)))
		abort();
	if (!(part = zip_source_buffer(za, data, len, 0)) ||
	    (idx = zip_file_add(za, name, part, ZIP_FL_OVERWRITE)) < 0 ||
	    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) != 0 || zip_close(za) != 0)
		abort();
	zip_stat_init(&st);
	if (zip_source_open(src) != 0 || zip_source_stat(src, &st) != 0 || !(out = malloc(st.size ? st.size : 1)) ||
	    zip_source_read(src, out, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*out_len = st.size;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *file = NULL;
	size_t len;
	char *json = NULL;
	csm_answers *a = NULL;

	if (size < 1)
		return 0;
	if (data[0] == 0xFF) {
		len = size - 1;
		if (csm_form_xlsx_import(&json, data + 1, len, "fuzz.xlsx", industries()) != 0)
			return 0;
	} else {
		file = with_part(&len, parts[data[0] % (sizeof parts / sizeof parts[0])], data + 1, size - 1);
		if (csm_form_xlsx_import(&json, file, len, "fuzz.xlsx", industries()) != 0) {
			free(file);
			return 0;
		}
		free(file);
	}
	if (csm_answers_parse(&a, json, strlen(json), "fuzz.xlsx") == 0)
		fuzz_answers_pipeline(a);
	csm_answers_free(a);
	csm_free(json);
	return 0;
}
