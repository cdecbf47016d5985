/* OOXML package reading (ooxml.h): the parts of a zip archive, each
 * streamed through libxml2's SAX2 parser with a size cap and no DTD, no
 * network and no entities; texts and rich texts as they stream by; the
 * relationships between parts.
 *
 * Every part is streamed: no tree is built, and the handlers keep only what
 * they need, so memory follows what the reader keeps, not the elements the
 * file has. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "error.h"
#include "ooxml.h"
#include "util.h"

#define PART_MAX (32u * 1024u * 1024u)  /* one part, uncompressed */
#define TOTAL_MAX (96u * 1024u * 1024u) /* every part read, together */
#define ENTRIES_MAX 10000               /* parts in the archive */
#define RELS_MAX 10000u
/* libxml2 2.9 slows down past these: its dictionary of names stops growing
 * (millions of different element names take minutes), and it compares the
 * attributes of an element pair by pair. A workbook has a few dozen. */
#define PART_NAMES_MAX 10000u
#define ATTRS_MAX 1000u
/* The texts kept for the cells read, all together: more than an answers file
 * may hold (CSM_MAX_FILE_BYTES), as no more can come out of the import. */
#define KEPT_MAX CSM_MAX_FILE_BYTES

static const char NS_MAIN[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char NS_MAIN_STRICT[] = "http://purl.oclc.org/ooxml/spreadsheetml/main";
static const char NS_PKG[] = "http://schemas.openxmlformats.org/package/2006/relationships";

/* ---- the archive ------------------------------------------------------------ */

int csm__ooxml_open(csm__ooxml *x, const void *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	if (len < 22) /* the smallest zip archive: an end of central directory record */
		return csm__err(CSM_EINVALID, "%s: not an Excel workbook (.xlsx): not a zip archive", x->name);
	xmlInitParser();
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(len ? data : "", len, 0, &ze))) {
		zip_error_fini(&ze);
		return csm__nomem();
	}
	if (!(x->za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return csm__err(CSM_EINVALID, "%s: not an Excel workbook (.xlsx): not a zip archive", x->name);
	}
	zip_error_fini(&ze);
	if (zip_get_num_entries(x->za, 0) > ENTRIES_MAX)
		csm__problem(x->p, "%s: the archive has more than %d parts (not a workbook csm made)", x->name, ENTRIES_MAX);
	return 0;
}

void csm__ooxml_close(csm__ooxml *x)
{
	if (x->za)
		zip_discard(x->za);
	x->za = NULL;
}

/* ---- streaming a part ----------------------------------------------------- */

static void too_many_names(csm__xpart *p)
{
	csm__problem(p->pkg->p, "%s: part %s uses more than %u different names (not a workbook csm made)", p->pkg->name,
	             p->path, PART_NAMES_MAX);
}

void csm__ooxml_stop(csm__xpart *p, int rc)
{
	if (!p->rc)
		p->rc = rc;
	if (rc == CSM_ENOMEM)
		p->pkg->nomem = 1;
	xmlStopParser(p->ctxt);
}

/* After text was kept in `t`: memory ran out, or the budget of kept text. */
void csm__ooxml_kept_check(csm__xpart *p, const csm__ctext *t)
{
	if (p->rc)
		return;
	if (t && t->b.nomem) {
		csm__ooxml_stop(p, CSM_ENOMEM);
	} else if (p->pkg->kept > KEPT_MAX) {
		csm__problem(p->pkg->p, "%s: part %s: the cells read hold more than %u MiB of text (not a workbook csm made)",
		             p->pkg->name, p->path, KEPT_MAX / (1024u * 1024u));
		csm__ooxml_stop(p, CSM_EINVALID);
	}
}

static int ns_kind(csm__xpart *p, const xmlChar *uri)
{
	if (!uri)
		return CSM__NS_OTHER;
	if (uri != p->uri) {
		const char *u = (const char *)uri;
		p->uri = uri;
		p->uri_kind = strcmp(u, NS_MAIN) == 0 || strcmp(u, NS_MAIN_STRICT) == 0 ? CSM__NS_MAIN
		              : strcmp(u, NS_PKG) == 0                                  ? CSM__NS_PKG
		                                                                         : CSM__NS_OTHER;
	}
	return p->uri_kind;
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **nss, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	csm__xpart *p = ctx;
	(void)prefix;
	(void)nns;
	(void)nss;
	(void)ndefaulted;
	p->depth++;
	if (!p->rc && xmlDictSize(p->ctxt->dict) > (int)PART_NAMES_MAX) {
		too_many_names(p);
		csm__ooxml_stop(p, CSM_EINVALID);
	}
	if (!p->rc && p->start)
		p->start(p, (const char *)local, ns_kind(p, uri), attrs, nattrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	csm__xpart *p = ctx;
	(void)local;
	(void)prefix;
	if (!p->rc && p->end)
		p->end(p, ns_kind(p, uri));
	p->depth--;
}

/* Processing instructions are not read, but their targets fill the dictionary. */
static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	csm__xpart *p = ctx;
	(void)target;
	(void)data;
	if (!p->rc && xmlDictSize(p->ctxt->dict) > (int)PART_NAMES_MAX) {
		too_many_names(p);
		csm__ooxml_stop(p, CSM_EINVALID);
	}
}

static void sax_text(void *ctx, const xmlChar *s, int n)
{
	csm__xpart *p = ctx;
	if (!p->rc && p->text && n > 0)
		p->text(p, (const char *)s, (size_t)n);
}

/* A document type declaration: csm__ooxml_stop before its internal subset (entities) is read. */
static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	csm__xpart *p = ctx;
	(void)name;
	(void)eid;
	(void)sid;
	p->doctype = 1;
	xmlStopParser(p->ctxt);
}

static void sax_quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* libxml2 reports some errors (bad input encodings) on its global channel,
 * stderr by default, whatever the parser's options. */
static void generic_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

enum { SCAN_TEXT, SCAN_LT, SCAN_TAG, SCAN_QUOTE, SCAN_OTHER };

/* Count the attributes ('=' outside quotes) of each tag in `b`, before the
 * parser sees it; 0 if one has more than ATTRS_MAX. Comments, CDATA and
 * processing instructions are skipped up to their first '>', which is
 * enough for a count that only needs to catch thousands. */
static int scan_attrs(csm__xpart *p, const char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char ch = b[i];
		if (p->scan == SCAN_LT) {
			p->scan = ch == '!' || ch == '?' ? SCAN_OTHER : SCAN_TAG;
			p->eqs = 0;
		}
		switch (p->scan) {
		case SCAN_TEXT:
			if (ch == '<')
				p->scan = SCAN_LT;
			break;
		case SCAN_TAG:
			if (ch == '>')
				p->scan = SCAN_TEXT;
			else if (ch == '"' || ch == '\'') {
				p->quote = ch;
				p->scan = SCAN_QUOTE;
			} else if (ch == '=' && ++p->eqs > ATTRS_MAX)
				return 0;
			break;
		case SCAN_QUOTE:
			if (ch == p->quote)
				p->scan = SCAN_TAG;
			break;
		default:
			if (ch == '>')
				p->scan = SCAN_TEXT;
		}
	}
	return 1;
}

/* The parser's input: the part, decompressed as it is read, with the caps. */
static int io_read(void *ctx, char *buf, int len)
{
	csm__xpart *p = ctx;
	zip_int64_t got;
	if (p->io || len <= 0)
		return p->io ? -1 : 0;
	if ((got = zip_fread(p->f, buf, (zip_uint64_t)len)) < 0) {
		p->io = 1;
		return -1;
	}
	p->n += (size_t)got;
	if (p->n > PART_MAX)
		p->io = 2;
	else if (p->count && p->pkg->total + p->n > TOTAL_MAX)
		p->io = 3;
	else if (!scan_attrs(p, buf, (size_t)got))
		p->io = 4;
	return p->io ? -1 : (int)got;
}

/* What became of streaming part `path` through `p`: 0, or CSM_EINVALID
 * with the problem recorded, or the error a handler stopped the parse with. */
static int part_verdict(csm__ooxml *x, const char *path, const csm__xpart *p)
{
	int rc = 0;
	if (p->io == 1) {
		csm__problem(x->p, "%s: part %s is damaged: %s", x->name, path, zip_file_strerror(p->f));
		rc = CSM_EINVALID;
	} else if (p->io == 2) {
		csm__problem(x->p, "%s: part %s is larger than %u MiB uncompressed (not a workbook csm made)", x->name, path,
		             PART_MAX / (1024u * 1024u));
		rc = CSM_EINVALID;
	} else if (p->io == 3) {
		csm__problem(x->p, "%s: part %s: the parts read come to more than %u MiB uncompressed (not a workbook csm made)",
		             x->name, path, TOTAL_MAX / (1024u * 1024u));
		rc = CSM_EINVALID;
	} else if (p->io == 4) {
		csm__problem(x->p, "%s: part %s has an element with more than %u attributes (not a workbook csm made)",
		             x->name, path, ATTRS_MAX);
		rc = CSM_EINVALID;
	} else if (p->doctype) {
		csm__problem(x->p, "%s: part %s has a document type declaration (<!DOCTYPE), which is not allowed", x->name,
		             path);
		rc = CSM_EINVALID;
	} else if (p->rc) {
		rc = p->rc;
	} else if (!p->ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(p->ctxt);
		char msg[160] = "not well-formed";
		if (e && e->message) {
			size_t k;
			snprintf(msg, sizeof msg, "%s", e->message);
			for (k = strlen(msg); k && (msg[k - 1] == '\n' || msg[k - 1] == ' '); k--)
				msg[k - 1] = '\0';
		}
		csm__problem(x->p, "%s: part %s is not valid XML (line %d: %s)", x->name, path, e ? e->line : 0, msg);
		rc = CSM_EINVALID;
	}
	return rc;
}

/* Stream part `path` through the handlers of `p` (start, end, text, user set
 * by the caller): no DTD, no network, no entity expansion, at most PART_MAX
 * bytes whatever the zip header says, counted into the total of the parts
 * read if `count`. CSM_ENOTFOUND if there is no such part. */
int csm__ooxml_parse_part(csm__ooxml *x, const char *path, csm__xpart *p, int count)
{
	zip_int64_t idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE);
	xmlSAXHandler sax;
	int rc;

	p->pkg = x;
	p->path = path;
	p->n = 0;
	p->count = count;
	p->io = p->doctype = p->depth = p->rc = p->scan = 0;
	p->eqs = 0;
	p->uri = NULL;
	if (idx < 0)
		return CSM_ENOTFOUND;
	if (!(p->f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0))) {
		csm__problem(x->p, "%s: part %s cannot be read: %s", x->name, path, zip_strerror(x->za));
		return CSM_EINVALID;
	}
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.internalSubset = sax_doctype;
	sax.processingInstruction = sax_pi;
	sax.serror = sax_quiet;
	if (!(p->ctxt = xmlCreateIOParserCtxt(&sax, p, io_read, NULL, p, XML_CHAR_ENCODING_NONE))) {
		zip_fclose(p->f);
		x->nomem = 1;
		return CSM_ENOMEM;
	}
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	{
		xmlGenericErrorFunc old = xmlGenericError;
		void *old_ctx = xmlGenericErrorContext;
		xmlSetGenericErrorFunc(NULL, generic_quiet);
		xmlParseDocument(p->ctxt);
		xmlSetGenericErrorFunc(old_ctx, old);
	}
	rc = part_verdict(x, path, p);
	xmlFreeParserCtxt(p->ctxt);
	p->ctxt = NULL;
	zip_fclose(p->f);
	p->f = NULL;
	if (!rc && count)
		x->total += p->n;
	return rc;
}

/* Attribute `local` of the element being started (in namespace ns1 or ns2,
 * or in none if ns1 is NULL) into buf, cut to size - 1 bytes (at a UTF-8
 * boundary); *cut tells if it was. Returns 0 if there is no such attribute.
 * SAX2 hands a '&' of an attribute value on as "&#38;", undone here. */
int csm__ooxml_attr(const xmlChar **a, int nattrs, const char *local, const char *ns1, const char *ns2, char *buf,
                    size_t size, int *cut)
{
	int i;
	for (i = 0; i < nattrs; i++, a += 5) {
		const char *uri = (const char *)a[2], *s = (const char *)a[3], *e = (const char *)a[4];
		size_t n = 0;
		if (strcmp((const char *)a[0], local) != 0 ||
		    (ns1 ? !uri || (strcmp(uri, ns1) != 0 && !(ns2 && strcmp(uri, ns2) == 0)) : uri != NULL))
			continue;
		*cut = 0;
		while (s < e) {
			char ch = *s;
			size_t step = (e - s >= 5 && memcmp(s, "&#38;", 5) == 0) ? 5 : 1;
			if (step == 5)
				ch = '&';
			if (n + 1 >= size) {
				*cut = 1;
				if (((unsigned char)ch & 0xC0) == 0x80) { /* drop the character cut in two */
					while (n && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
						n--;
					n -= n > 0;
				}
				break;
			}
			buf[n++] = ch;
			s += step;
		}
		buf[n] = '\0';
		return 1;
	}
	return 0;
}


/* ---- texts --------------------------------------------------------------- */

void csm__ctext_free(csm__ctext *t)
{
	csm__buf_free(&t->b);
	t->full = t->over = 0;
}

/* Append to `t`, kept up to `cap` bytes. */
void csm__ctext_add(csm__ctext *t, const char *s, size_t n, size_t cap)
{
	size_t room;
	if (!t->b.len) { /* leading white space: ASCII, and U+3000 (whole, as SAX hands on whole characters) */
		for (;;) {
			if (n && csm__is_space((unsigned char)*s)) {
				s++;
				n--;
			} else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
				s += 3;
				n -= 3;
			} else {
				break;
			}
		}
	}
	room = !t->full && t->b.len < cap ? cap - t->b.len : 0;
	if (n > room) {
		size_t i;
		t->full = 1;
		while (room && ((unsigned char)s[room] & 0xC0) == 0x80) /* whole characters only */
			room--;
		for (i = room; i < n && !t->over; i++) /* U+3000 is E3 80 80, the only character of these bytes */
			if (!csm__is_space((unsigned char)s[i]) && (unsigned char)s[i] != 0xE3 && (unsigned char)s[i] != 0x80)
				t->over = 1;
		n = room;
	}
	if (n)
		csm__buf_add(&t->b, s, n);
	if (t->kept)
		*t->kept += n;
}

static int hexval(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

static void put_utf8(csm__ctext *t, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	csm__ctext_add(t, u, n, CSM__KEEP_MAX);
}
void csm__rt_begin(csm__rtext *rt, int depth, csm__ctext *out, size_t *kept)
{
	memset(rt, 0, sizeof *rt);
	csm__ctext_free(out);
	out->kept = kept;
	rt->out = out;
	rt->base = depth;
}

/* 2: esc holds a whole escape, 1: the start of one, 0: neither. */
static int esc_state(const char *e, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (i == 0 || i == 6 ? e[i] != '_' : i == 1 ? e[i] != 'x' : hexval(e[i]) < 0)
			return 0;
	return n == 7 ? 2 : 1;
}

static void rt_byte(csm__rtext *rt, char ch)
{
	int st;
	rt->esc[rt->nesc++] = ch;
	while (rt->nesc && (st = esc_state(rt->esc, rt->nesc)) != 1) {
		if (st == 2) {
			unsigned cp = (unsigned)(hexval(rt->esc[2]) << 12 | hexval(rt->esc[3]) << 8 | hexval(rt->esc[4]) << 4 |
			                         hexval(rt->esc[5]));
			if (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && (cp < 0xD800 || cp > 0xDFFF)))
				put_utf8(rt->out, cp);
			rt->nesc = 0;
		} else { /* not an escape: its first byte is text, the rest is looked at again */
			csm__ctext_add(rt->out, rt->esc, 1, CSM__KEEP_MAX);
			memmove(rt->esc, rt->esc + 1, --rt->nesc);
		}
	}
}

static void rt_flush(csm__rtext *rt)
{
	if (rt->nesc)
		csm__ctext_add(rt->out, rt->esc, rt->nesc, CSM__KEEP_MAX);
	rt->nesc = 0;
}

void csm__rt_start(csm__rtext *rt, int depth, const char *local, int ns)
{
	if (rt->t || ns != CSM__NS_MAIN)
		return;
	if (depth == rt->base + 1 && strcmp(local, "t") == 0)
		rt->t = depth;
	else if (depth == rt->base + 1 && strcmp(local, "r") == 0)
		rt->r = depth;
	else if (rt->r && depth == rt->r + 1 && strcmp(local, "t") == 0)
		rt->t = depth;
}

/* Returns 1 when the rich text itself ends. */
int csm__rt_end(csm__rtext *rt, int depth)
{
	if (depth == rt->t) {
		rt_flush(rt);
		rt->t = 0;
	} else if (depth == rt->r) {
		rt->r = 0;
	} else if (depth == rt->base) {
		rt->out = NULL;
		return 1;
	}
	return 0;
}

void csm__rt_text(csm__rtext *rt, int depth, const char *s, size_t n)
{
	size_t i;
	if (!rt->t || depth != rt->t)
		return;
	for (i = 0; i < n; i++) {
		if (!rt->nesc && s[i] != '_') { /* plain text up to the next '_' */
			size_t j = i;
			while (j < n && s[j] != '_')
				j++;
			csm__ctext_add(rt->out, s + i, j - i, CSM__KEEP_MAX);
			i = j - 1;
			continue;
		}
		rt_byte(rt, s[i]);
	}
}

/* ---- relationships ---------------------------------------------------------- */

/* `target` relative to the folder of part `base` (or absolute), normalized;
 * NULL if it leaves the archive, or (*nomem set) if memory ran out. */
static char *resolve_target(const char *base, const char *target, int *nomem)
{
	csm__buf b = {0};
	char *segs[64];
	size_t nseg = 0, i;
	char *tmp, *s, *save = NULL;
	int bad = 0;
	if (target[0] == '/') {
		tmp = csm__strdup(target + 1);
	} else {
		const char *slash = strrchr(base, '/');
		size_t dl = slash ? (size_t)(slash - base) + 1 : 0;
		csm__buf_add(&b, base, dl);
		csm__buf_puts(&b, target);
		tmp = b.nomem ? NULL : b.s;
		if (!tmp)
			csm__buf_free(&b);
		b.s = NULL;
	}
	if (!tmp) {
		*nomem = 1;
		return NULL;
	}
	for (s = strtok_r(tmp, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (nseg)
				nseg--;
			else
				bad = 1;
			continue;
		}
		if (nseg == 64) {
			bad = 1;
			break;
		}
		segs[nseg++] = s;
	}
	memset(&b, 0, sizeof b);
	for (i = 0; i < nseg && !bad; i++) {
		if (i)
			csm__buf_puts(&b, "/");
		csm__buf_puts(&b, segs[i]);
	}
	free(tmp);
	if (b.nomem)
		*nomem = 1;
	if (bad || b.nomem || !b.s) {
		csm__buf_free(&b);
		return NULL;
	}
	return b.s;
}

void csm__ooxml_free_rels(csm__rel *r)
{
	size_t i;
	for (i = 0; r && r[i].id; i++) {
		free(r[i].id);
		free(r[i].type);
		free(r[i].target);
	}
	free(r);
}

typedef struct rels_ctx {
	const char *part; /* whose relationships these are */
	csm__rel *r;           /* ended by an entry with id NULL */
	size_t n, cap;
} rels_ctx;

static void rels_start(csm__xpart *p, const char *local, int ns, const xmlChar **a, int na)
{
	rels_ctx *c = p->user;
	char id[256], type[1024], target[1024], mode[16];
	int cut[4] = {0, 0, 0, 0}, nomem = 0;
	if (p->depth != 2 || ns != CSM__NS_PKG || strcmp(local, "Relationship") != 0)
		return;
	if (!csm__ooxml_attr(a, na, "Id", NULL, NULL, id, sizeof id, &cut[0]) ||
	    !csm__ooxml_attr(a, na, "Type", NULL, NULL, type, sizeof type, &cut[1]) ||
	    !csm__ooxml_attr(a, na, "Target", NULL, NULL, target, sizeof target, &cut[2]) || cut[0] || cut[1] || cut[2] ||
	    (csm__ooxml_attr(a, na, "TargetMode", NULL, NULL, mode, sizeof mode, &cut[3]) && strcmp(mode, "External") == 0))
		return; /* not a relationship to a part of a workbook */
	if (c->n == RELS_MAX) {
		csm__problem(p->pkg->p, "%s: part %s has more than %u relationships (not a workbook csm made)", p->pkg->name,
		             p->path, RELS_MAX);
		csm__ooxml_stop(p, CSM_EINVALID);
		return;
	}
	if (c->n + 1 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		csm__rel *t = realloc(c->r, cap * sizeof *t);
		if (!t) {
			csm__ooxml_stop(p, CSM_ENOMEM);
			return;
		}
		memset(t + c->cap, 0, (cap - c->cap) * sizeof *t);
		c->r = t;
		c->cap = cap;
	}
	c->r[c->n].id = csm__strdup(id);
	c->r[c->n].type = csm__strdup(type);
	c->r[c->n].target = resolve_target(c->part, target, &nomem); /* NULL if it leaves the archive */
	if (!c->r[c->n].id || !c->r[c->n].type || nomem) {
		free(c->r[c->n].id);
		free(c->r[c->n].type);
		free(c->r[c->n].target);
		memset(&c->r[c->n], 0, sizeof c->r[c->n]);
		csm__ooxml_stop(p, CSM_ENOMEM);
		return;
	}
	c->n++;
}

/* The relationships of part `part` (from its _rels/NAME.rels), as an array
 * ended by id NULL (none if that part is missing). On failure *out is NULL
 * and nothing is left allocated. */
int csm__ooxml_load_rels(csm__ooxml *x, const char *part, csm__rel **out)
{
	csm__buf path = {0};
	const char *slash = strrchr(part, '/');
	size_t dl = slash ? (size_t)(slash - part) + 1 : 0;
	rels_ctx c;
	csm__xpart p;
	int rc;

	*out = NULL;
	csm__buf_add(&path, part, dl);
	csm__buf_puts(&path, "_rels/");
	csm__buf_puts(&path, part + dl);
	csm__buf_puts(&path, ".rels");
	if (path.nomem) {
		x->nomem = 1;
		return CSM_ENOMEM;
	}
	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	c.part = part;
	p.start = rels_start;
	p.user = &c;
	rc = csm__ooxml_parse_part(x, path.s, &p, 1);
	csm__buf_free(&path);
	if (rc == CSM_ENOTFOUND)
		rc = 0;
	if (!rc && !c.r && !(c.r = calloc(1, sizeof *c.r)))
		rc = CSM_ENOMEM;
	if (!rc && x->nomem)
		rc = CSM_ENOMEM;
	if (rc) {
		csm__ooxml_free_rels(c.r);
		if (rc == CSM_ENOMEM)
			x->nomem = 1;
		return rc;
	}
	*out = c.r;
	return 0;
}

/* The target of the first relationship whose type ends in `/suffix`, or NULL. */
const char *csm__ooxml_rel_by_type(const csm__rel *r, const char *suffix)
{
	size_t i, n = strlen(suffix);
	for (i = 0; r && r[i].id; i++) {
		size_t t = strlen(r[i].type);
		if (t > n && r[i].type[t - n - 1] == '/' && strcmp(r[i].type + t - n, suffix) == 0)
			return r[i].target;
	}
	return NULL;
}
