/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * docx_text.c — see docx_text.h. libzip opens the archive from memory,
 * libxml2 parses word/document.xml without network access or entity
 * substitution; we walk the tree and write lines.
 */
#include "text/docx_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

typedef struct dx {
	lt_buf *out;  /* where the current block's lines go */
	bool bold;    /* a "**" is open on the current line */
	bool listed;  /* the current paragraph is a list item */
	int rc;       /* first append error */
} dx;

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static void add(dx *d, const char *s, size_t n)
{
	int rc;

	if (d->rc || !n)
		return;
	rc = lt_buf_add(d->out, s, n);
	if (rc < 0)
		d->rc = rc;
}

static const char *attr_val(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, "val") && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

/* <w:b/>, <w:b w:val="1"/> are bold; w:val="0"/"false"/"off" is not. */
static bool on(const xmlNode *n)
{
	const char *v = attr_val(n);

	return !v || !(strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0 ||
		       strcasecmp(v, "off") == 0);
}

static bool run_bold(const xmlNode *r)
{
	const xmlNode *p, *k;

	for (p = r->children; p; p = p->next) {
		if (!is(p, "rPr"))
			continue;
		for (k = p->children; k; k = k->next)
			if (is(k, "b"))
				return on(k);
	}
	return false;
}

static void bold_to(dx *d, bool want)
{
	if (d->bold != want) {
		add(d, "**", 2);
		d->bold = want;
	}
}

/* End the current line; a paragraph's bold never runs across lines. */
static void newline(dx *d)
{
	bold_to(d, false);
	add(d, "\n", 1);
}

static void block(dx *d, const xmlNode *parent, int depth);

static void text(dx *d, const xmlNode *t, bool bold)
{
	const xmlNode *k;

	for (k = t->children; k; k = k->next) {
		const char *s;
		size_t n, i;
		if (k->type != XML_TEXT_NODE && k->type != XML_CDATA_SECTION_NODE)
			continue;
		s = (const char *)k->content;
		n = s ? strlen(s) : 0;
		for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (i < n) /* white space alone does not open or close "**" */
			bold_to(d, bold);
		add(d, s, n);
	}
}

/* Inline content of a paragraph: runs, hyperlinks, insertions, content controls. */
static void inl(dx *d, const xmlNode *parent, bool bold, int depth)
{
	const xmlNode *n;

	if (depth > 64)
		return;
	for (n = parent->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "t")) {
			text(d, n, bold);
		} else if (is(n, "tab") || is(n, "ptab")) {
			add(d, "\t", 1);
		} else if (is(n, "br") || is(n, "cr")) {
			newline(d);
		} else if (is(n, "r")) {
			inl(d, n, run_bold(n), depth + 1);
		} else if (is(n, "txbxContent")) {
			/* A text box: its paragraphs become lines of their own. */
			newline(d);
			block(d, n, depth + 1);
		} else if (is(n, "AlternateContent")) {
			const xmlNode *k;
			for (k = n->children; k; k = k->next)
				if (is(k, "Choice") || is(k, "Fallback"))
					break;
			if (k)
				inl(d, k, bold, depth + 1);
		} else if (is(n, "del") || is(n, "delText") || is(n, "instrText") ||
			   is(n, "rPr") || is(n, "pPr") || is(n, "footnoteReference") ||
			   is(n, "endnoteReference")) {
			continue;
		} else {
			inl(d, n, bold, depth + 1);
		}
	}
}

/* Heading-styled paragraphs and list paragraphs, from <w:pPr>. */
static void para_props(const xmlNode *p, bool *heading, bool *listed)
{
	const xmlNode *pp, *k;

	*heading = *listed = false;
	for (pp = p->children; pp; pp = pp->next) {
		if (!is(pp, "pPr"))
			continue;
		for (k = pp->children; k; k = k->next) {
			const char *v = attr_val(k);
			if (is(k, "pStyle") && v &&
			    (!strncasecmp(v, "heading", 7) || !strncasecmp(v, "title", 5)))
				*heading = true;
			if (is(k, "numPr"))
				*listed = true;
		}
	}
}

static void paragraph(dx *d, const xmlNode *p, int depth)
{
	bool heading, listed;
	size_t start = d->out->len;

	para_props(p, &heading, &listed);
	if (listed)
		add(d, "- ", 2);
	if (heading)
		add(d, "**", 2);
	inl(d, p, false, depth + 1);
	if (heading) {
		bold_to(d, false);
		add(d, "**", 2);
	}
	/* An empty list paragraph is just an empty line. */
	if (listed && d->out->len == start + 2 && !d->rc) {
		d->out->len = start;
		d->out->ptr[start] = '\0';
	}
	newline(d);
}

/* Lines of one table row: line k holds paragraph k of every cell, " | " between. */
static void row(dx *d, const xmlNode *tr, int depth)
{
	lt_buf cells[64];
	const char *pos[64];
	size_t nc = 0, i;
	lt_buf *saved = d->out;
	const xmlNode *tc;
	bool more = true;

	for (tc = tr->children; tc && nc < 64; tc = tc->next) {
		if (!is(tc, "tc"))
			continue;
		lt_buf_init(&cells[nc], saved->cap);
		d->out = &cells[nc];
		block(d, tc, depth + 1);
		pos[nc] = lt_buf_cstr(&cells[nc]);
		nc++;
	}
	d->out = saved;
	while (more && !d->rc) {
		more = false;
		for (i = 0; i < nc; i++) {
			size_t k = strcspn(pos[i], "\n");
			if (i)
				add(d, " | ", 3);
			add(d, pos[i], k);
			pos[i] += k;
			if (*pos[i])
				pos[i]++;
			if (*pos[i])
				more = true;
		}
		add(d, "\n", 1);
	}
	for (i = 0; i < nc; i++)
		lt_buf_free(&cells[i]);
}

/* Block content: paragraphs, tables, content controls, text-box bodies. */
static void block(dx *d, const xmlNode *parent, int depth)
{
	const xmlNode *n, *tr;

	if (depth > 64)
		return;
	for (n = parent->children; n && !d->rc; n = n->next) {
		if (is(n, "p")) {
			paragraph(d, n, depth);
		} else if (is(n, "tbl")) {
			for (tr = n->children; tr; tr = tr->next)
				if (is(tr, "tr"))
					row(d, tr, depth + 1);
		} else if (n->type == XML_ELEMENT_NODE && !is(n, "sectPr") && !is(n, "del")) {
			block(d, n, depth + 1);
		}
	}
}

bool lt_docx_is_zip(const void *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

int lt_docx_text(const void *data, size_t len, lt_buf *out, lt_error *e)
{
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_file_t *zf = NULL;
	xmlDoc *doc = NULL;
	char *xml = NULL;
	zip_stat_t st;
	zip_error_t zerr;
	size_t got = 0, cap;
	dx d = { 0 };
	int rc = 0;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (src)
		za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!za) {
		rc = lt_error_set(e, LT_EINVAL, "file",
				  "Tệp không phải .docx (không mở được dạng nén zip: %s)",
				  "Not a .docx file (cannot open it as a zip: %s)",
				  zip_error_strerror(&zerr));
		goto fail;
	}
	src = NULL; /* owned by za now */
	zip_stat_init(&st);
	if (zip_stat(za, "word/document.xml", 0, &st) < 0) {
		rc = lt_error_set(e, LT_EINVAL, "file",
				  "Tệp .docx không có word/document.xml",
				  "The .docx has no word/document.xml");
		goto fail;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > LT_DOCX_XML_MAX) {
		rc = lt_error_set(e, LT_ETOOBIG, "file",
				  "word/document.xml quá lớn (%llu byte, tối đa %zu)",
				  "word/document.xml is too big (%llu bytes, at most %zu)",
				  (unsigned long long)st.size, LT_DOCX_XML_MAX);
		goto fail;
	}
	zf = zip_fopen(za, "word/document.xml", 0);
	if (!zf)
		goto corrupt;
	/* Trust the bytes read, not the header: grow up to one byte past the cap. */
	cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 65536;
	for (;;) {
		zip_int64_t r;
		if (got == cap || !xml) {
			size_t nc = xml ? cap * 2 : cap;
			char *nx;
			if (nc > LT_DOCX_XML_MAX + 1)
				nc = LT_DOCX_XML_MAX + 1;
			nx = realloc(xml, nc);
			if (!nx) {
				rc = lt_error_set(e, LT_ENOMEM, "file", "Hết bộ nhớ",
						  "Out of memory");
				goto fail;
			}
			xml = nx;
			cap = nc;
		}
		r = zip_fread(zf, xml + got, cap - got);
		if (r < 0)
			goto corrupt;
		if (r == 0)
			break;
		got += (size_t)r;
		if (got > LT_DOCX_XML_MAX) {
			rc = lt_error_set(e, LT_ETOOBIG, "file",
					  "word/document.xml quá lớn (trên %zu byte)",
					  "word/document.xml is too big (over %zu bytes)",
					  LT_DOCX_XML_MAX);
			goto fail;
		}
	}
	if ((st.valid & ZIP_STAT_SIZE) && got != st.size)
		goto corrupt;
	xmlInitParser();
	doc = xmlReadMemory(xml, (int)got, "document.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc || !xmlDocGetRootElement(doc)) {
		rc = lt_error_set(e, LT_EINVAL, "file",
				  "word/document.xml không phải XML hợp lệ",
				  "word/document.xml is not well-formed XML");
		goto fail;
	}
	d.out = out;
	block(&d, xmlDocGetRootElement(doc), 0);
	if (d.rc == LT_ETOOBIG)
		rc = lt_error_set(e, LT_ETOOBIG, "file",
				  "Văn bản trong tệp .docx quá dài (tối đa %zu byte)",
				  "The text of the .docx is too long (at most %zu bytes)",
				  out->cap);
	else if (d.rc)
		rc = lt_error_set(e, d.rc, "file", "Hết bộ nhớ", "Out of memory");
	goto done;
corrupt:
	rc = lt_error_set(e, LT_EINVAL, "file",
			  "Tệp .docx bị hỏng (không đọc được word/document.xml)",
			  "The .docx is corrupt (cannot read word/document.xml)");
fail:
done:
	if (doc)
		xmlFreeDoc(doc);
	free(xml);
	if (zf)
		zip_fclose(zf);
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	zip_error_fini(&zerr);
	return rc;
}
