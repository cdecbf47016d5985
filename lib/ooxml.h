/* OOXML package reading (internal to the workbook reader, xlsx_read.c).
 *
 * A package is a zip archive of XML parts. Every part is streamed through
 * libxml2's SAX2 parser (no tree) under byte caps, with no DTD, no network,
 * no entity expansion and libxml2's own error output silenced; texts are
 * collected under caps as they stream by; relationships say which part is
 * which. The package is untrusted: see ooxml.c for the limits. */
#ifndef CSM_OOXML_H
#define CSM_OOXML_H

#include <stddef.h>

#include <libxml/parser.h>
#include <zip.h>

#include "error.h"
#include "util.h"

#define CSM__NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CSM__NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

/* A text kept; every cell limit is below it. */
#define CSM__KEEP_MAX (CSM_MAX_TEXT_BYTES + 8u)

/* An open package and the budgets of what has been read from it. */
typedef struct csm__ooxml {
	zip_t *za;
	const char *name;  /* the file, for messages */
	csm__problems *p;  /* where problems go */
	size_t total;      /* bytes of the parts read, uncompressed */
	size_t kept;       /* bytes of text kept (csm__ctext.kept points here) */
	int nomem;
} csm__ooxml;

/* The namespace of an element, as far as the reader cares. */
enum { CSM__NS_OTHER, CSM__NS_MAIN, CSM__NS_PKG };

/* A text read in pieces: kept without its leading white space up to a cap;
 * `over` if anything but white space came after the cap (so the whole text,
 * trimmed, is longer than the cap). */
typedef struct csm__ctext {
	csm__buf b;
	int full; /* something was left out: nothing more is kept */
	int over;
	size_t *kept; /* the count of bytes kept to add to, or NULL */
} csm__ctext;

/* A part being streamed. The caller sets start, end, text and user; the
 * rest belongs to csm__ooxml_parse_part(). */
typedef struct csm__xpart csm__xpart;
struct csm__xpart {
	csm__ooxml *pkg;
	const char *path;
	xmlParserCtxtPtr ctxt;
	zip_file_t *f;
	size_t n;       /* bytes read */
	int count;      /* check and add them to pkg->total */
	int io;         /* 1 damaged, 2 larger than PART_MAX, 3 over TOTAL_MAX, 4 too many attributes */
	int scan;       /* where the attribute count is in the markup */
	char quote;
	unsigned eqs;   /* '=' in the current tag */
	int doctype;
	int depth;      /* elements open, the current one included */
	int rc;         /* a handler stopped the parse: CSM_EINVALID (problem recorded) or CSM_ENOMEM */
	const xmlChar *uri; /* the last namespace seen, and its kind (names are interned) */
	int uri_kind;
	void (*start)(csm__xpart *p, const char *local, int ns, const xmlChar **attrs, int nattrs);
	void (*end)(csm__xpart *p, int ns);
	void (*text)(csm__xpart *p, const char *s, size_t n);
	void *user;
};

/* Rich text (an <si> or an <is>) as it streams by: the text of its <t>, or
 * of the <t> of its runs <r>; phonetic runs <rPh> (the readings Japanese
 * Excel keeps) are not part of it. Excel's escapes _xHHHH_ are undone, also
 * when the parser hands an escape on in two pieces. */
typedef struct csm__rtext {
	csm__ctext *out; /* NULL when not in rich text */
	int base;        /* depth of the <si> or <is> */
	int r, t;        /* depth of the <r> and <t> we are in, or 0 */
	char esc[8];
	size_t nesc;
} csm__rtext;

/* A relationship of a part. */
typedef struct csm__rel {
	char *id, *type, *target; /* target resolved to a part name */
} csm__rel;

/* The white space of XML and spreadsheets (not the C library's, which follows the locale). */
static inline int csm__is_space(unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* Open the package in `data` (pkg->name and pkg->p set by the caller): an
 * error (message set) if it is not a zip archive; too many parts is a
 * problem recorded in pkg->p. */
int csm__ooxml_open(csm__ooxml *pkg, const void *data, size_t len);
void csm__ooxml_close(csm__ooxml *pkg);

int csm__ooxml_parse_part(csm__ooxml *pkg, const char *path, csm__xpart *p, int count);
void csm__ooxml_stop(csm__xpart *p, int rc);
void csm__ooxml_kept_check(csm__xpart *p, const csm__ctext *t);
int csm__ooxml_attr(const xmlChar **a, int nattrs, const char *local, const char *ns1, const char *ns2, char *buf,
                    size_t size, int *cut);

void csm__ctext_free(csm__ctext *t);
void csm__ctext_add(csm__ctext *t, const char *s, size_t n, size_t cap);

void csm__rt_begin(csm__rtext *rt, int depth, csm__ctext *out, size_t *kept);
void csm__rt_start(csm__rtext *rt, int depth, const char *local, int ns);
int csm__rt_end(csm__rtext *rt, int depth);
void csm__rt_text(csm__rtext *rt, int depth, const char *s, size_t n);

int csm__ooxml_load_rels(csm__ooxml *pkg, const char *part, csm__rel **out);
void csm__ooxml_free_rels(csm__rel *r);
const char *csm__ooxml_rel_by_type(const csm__rel *r, const char *suffix);

#endif
