/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml.c — edXML messages read and written with libxml2, checked against
 * the built-in schema (data/edxml/edxml.xsd); see edxml.h.
 */
#include "text/edxml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The schema's bytes (src/text/meson.build builds data/edxml/edxml.xsd in). */
extern const unsigned char lt_edxml_xsd[];
extern const size_t lt_edxml_xsd_size;

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema;

static void schema_load(void)
{
	xmlSchemaParserCtxtPtr pc;

	xmlInitParser();
	pc = xmlSchemaNewMemParserCtxt((const char *)lt_edxml_xsd, (int)lt_edxml_xsd_size);
	if (pc)
		schema = xmlSchemaParse(pc); /* read-only afterwards: shared by every thread */
	xmlSchemaFreeParserCtxt(pc);
}

/* The first problem the validator saw. */
typedef struct first_err {
	bool set;
	int line;
	char element[64];
	char msg[200];
} first_err;

static void on_schema_error(void *ctx, xmlErrorPtr err)
{
	first_err *f = ctx;
	xmlNodePtr n = err ? err->node : NULL;
	size_t k;

	if (f->set || !err)
		return;
	f->set = true;
	f->line = err->line;
	if (n && n->type == XML_ELEMENT_NODE && n->name)
		snprintf(f->element, sizeof(f->element), "%s", (const char *)n->name);
	else
		strcpy(f->element, "edxml");
	snprintf(f->msg, sizeof(f->msg), "%s", err->message ? err->message : "");
	k = strlen(f->msg);
	while (k && (f->msg[k - 1] == '\n' || f->msg[k - 1] == ' '))
		f->msg[--k] = '\0';
}

/* Validate doc; 0 or LT_EINVAL naming the first element at fault. */
static int validate(xmlDocPtr doc, lt_error *e)
{
	xmlSchemaValidCtxtPtr vc = NULL;
	first_err f = { 0 };
	int rc;

	pthread_once(&schema_once, schema_load);
	if (!schema)
		return lt_error_set(e, LT_EINTERNAL, "edxml", "Không nạp được lược đồ edXML",
				    "The edXML schema could not be loaded");
	vc = xmlSchemaNewValidCtxt(schema);
	if (!vc)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &f);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	if (rc == 0)
		return 0;
	if (!f.set)
		strcpy(f.element, "edxml");
	return lt_error_set(e, LT_EINVAL, f.element,
			    "Thông điệp edXML sai lược đồ ở phần tử <%s> (dòng %d): %s",
			    "The edXML message does not match the schema at element <%s> (line %d): %s",
			    f.element, f.line, f.msg);
}

/* ---------- writing ---------- */

#define NS "edXML"

typedef struct wr {
	xmlTextWriterPtr w;
	int bad;
} wr;

static void open_el(wr *x, const char *name)
{
	if (!x->bad && xmlTextWriterStartElementNS(x->w, BAD_CAST NS, BAD_CAST name, NULL) < 0)
		x->bad = 1;
}

static void close_el(wr *x)
{
	if (!x->bad && xmlTextWriterEndElement(x->w) < 0)
		x->bad = 1;
}

/* <edXML:name>value</edXML:name>, escaped; nothing when value is NULL and optional. */
static void el(wr *x, const char *name, const char *value, bool optional)
{
	if (!value && optional)
		return;
	if (!x->bad && xmlTextWriterWriteElementNS(x->w, BAD_CAST NS, BAD_CAST name, NULL,
						   BAD_CAST(value ? value : "")) < 0)
		x->bad = 1;
}

static void el_int(wr *x, const char *name, int v)
{
	char s[16];

	snprintf(s, sizeof(s), "%d", v);
	el(x, name, s, false);
}

static void organ(wr *x, const char *tag, const lt_edxml_organ *o)
{
	open_el(x, tag);
	el(x, "OrganId", o->id, false);
	el(x, "OrganName", o->name, false);
	el(x, "Email", o->email && *o->email ? o->email : NULL, true);
	close_el(x);
}

static void ref(wr *x, const lt_edxml_ref *r)
{
	open_el(x, "ResponseFor");
	el(x, "OrganId", r->organ_id, false);
	el(x, "Code", r->code, false);
	el(x, "PromulgationDate", r->date, false);
	el(x, "DocumentId", r->document_id, false);
	close_el(x);
}

static void header(wr *x, const lt_edxml_msg *m)
{
	open_el(x, "MessageHeader");
	organ(x, "From", &m->from);
	for (size_t i = 0; i < m->nto; i++)
		organ(x, "To", &m->to[i]);
	el(x, "DocumentId", m->document_id, false);
	open_el(x, "Code");
	el(x, "CodeNumber", m->code_number, false);
	el(x, "CodeNotation", m->code_notation, false);
	close_el(x);
	open_el(x, "PromulgationInfo");
	el(x, "Place", m->place, true);
	el(x, "PromulgationDate", m->date, false);
	close_el(x);
	open_el(x, "DocumentType");
	/* 1: công văn (a letter), the only type lantoa sends; a report is a báo cáo (2). */
	el_int(x, "Type", m->steering == LT_EDXML_STEER_REPORT ? 2 : 1);
	el(x, "TypeName", m->steering == LT_EDXML_STEER_REPORT ? "Báo cáo" : "Công văn", false);
	close_el(x);
	el(x, "Subject", m->subject, false);
	el(x, "Content", m->content, true);
	if (m->signer_competence || m->signer_position || m->signer_name) {
		open_el(x, "SignerInfo");
		el(x, "Competence", m->signer_competence, true);
		el(x, "Position", m->signer_position, true);
		el(x, "FullName", m->signer_name, true);
		close_el(x);
	}
	el(x, "DueDate", m->due_date, true);
	open_el(x, "OtherInfo");
	el_int(x, "Priority", m->priority);
	close_el(x);
	if (m->has_response_for)
		ref(x, &m->response_for);
	el_int(x, "SteeringType", m->steering);
	close_el(x);
}

static void status(wr *x, const lt_edxml_msg *m)
{
	open_el(x, "Status");
	ref(x, &m->response_for);
	organ(x, "From", &m->from);
	el(x, "StatusCode", m->status_code, false);
	el(x, "Description", m->description, true);
	el(x, "Timestamp", m->timestamp, false);
	close_el(x);
}

static void body(wr *x, const lt_edxml_msg *m)
{
	char cid[32];

	open_el(x, "edXMLBody");
	if (m->nfiles) {
		open_el(x, "edXMLManifest");
		for (size_t i = 0; i < m->nfiles; i++) {
			snprintf(cid, sizeof(cid), "cid:%zu", i + 1);
			open_el(x, "Reference");
			el(x, "ContentId", cid, false);
			el(x, "ContentType", m->files[i].type, false);
			el(x, "AttachmentName", m->files[i].name, false);
			close_el(x);
		}
		close_el(x);
		open_el(x, "AttachmentEncoded");
		for (size_t i = 0; i < m->nfiles; i++) {
			snprintf(cid, sizeof(cid), "cid:%zu", i + 1);
			open_el(x, "Attachment");
			el(x, "ContentId", cid, false);
			el(x, "ContentType", m->files[i].type, false);
			el(x, "ContentTransferEncoded", "base64", false);
			el(x, "AttachmentName", m->files[i].name, false);
			open_el(x, "Value");
			if (!x->bad && m->files[i].len &&
			    xmlTextWriterWriteBase64(x->w, (const char *)m->files[i].data, 0,
						     (int)m->files[i].len) < 0)
				x->bad = 1;
			close_el(x);
			close_el(x);
		}
		close_el(x);
	}
	close_el(x);
}

int lt_edxml_write(const lt_edxml_msg *m, lt_buf *out, lt_error *e)
{
	xmlBufferPtr b = NULL;
	xmlDocPtr doc = NULL;
	wr x = { 0 };
	size_t total = 0;
	int rc = 0;

	for (size_t i = 0; i < m->nfiles; i++)
		total += m->files[i].len;
	if (total > LT_EDXML_MAX / 4 * 3 - 65536 || m->nfiles > LT_EDXML_MAX_FILES ||
	    m->nto > LT_EDXML_MAX_TO)
		return lt_error_set(e, LT_ETOOBIG, "Attachment", "Thông điệp edXML quá lớn",
				    "The edXML message is too large");
	b = xmlBufferCreate();
	x.w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
	if (!x.w) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	xmlTextWriterSetIndent(x.w, 1);
	if (xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.bad = 1;
	open_el(&x, "edXMLEnvelope");
	if (!x.bad && xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns:" NS, BAD_CAST LT_EDXML_NS) < 0)
		x.bad = 1;
	open_el(&x, "edXMLHeader");
	if (m->is_status)
		status(&x, m);
	else
		header(&x, m);
	if (m->timestamp) {
		open_el(&x, "TraceHeaderList");
		open_el(&x, "TraceHeader");
		el(&x, "OrganId", m->from.id, false);
		el(&x, "Timestamp", m->timestamp, false);
		close_el(&x);
		close_el(&x);
	}
	close_el(&x);
	body(&x, m);
	close_el(&x);
	if (!x.bad && xmlTextWriterEndDocument(x.w) < 0)
		x.bad = 1;
	xmlFreeTextWriter(x.w);
	x.w = NULL;
	if (x.bad) {
		/* libxml2 refuses text that is not UTF-8, and runs out of memory. */
		rc = lt_error_set(e, LT_EINVAL, "edxml",
				  "Không viết được thông điệp edXML (văn bản không phải UTF-8?)",
				  "Could not write the edXML message (text that is not UTF-8?)");
		goto out;
	}
	/* What leaves must be what the receiver's schema check accepts. */
	doc = xmlReadMemory((const char *)xmlBufferContent(b), xmlBufferLength(b), "edxml.xml",
			    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		rc = lt_error_set(e, LT_EINTERNAL, "edxml", "Thông điệp edXML viết ra bị lỗi",
				  "The written edXML message is broken");
	if (!rc)
		rc = validate(doc, e);
	if (!rc)
		rc = lt_buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	if (rc == LT_ENOMEM)
		lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
out:
	xmlFreeDoc(doc);
	if (x.w)
		xmlFreeTextWriter(x.w);
	xmlBufferFree(b);
	return rc;
}

/* ---------- reading ---------- */

/* The first child element of n named name (schema-checked, so namespaced). */
static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

static xmlNodePtr next_named(xmlNodePtr n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

/* The text of n's child name, in a; NULL when there is no such child. */
static const char *text(xmlNodePtr n, const char *name, lt_arena *a)
{
	xmlNodePtr c = child(n, name);
	xmlChar *s;
	char *r;

	if (!c)
		return NULL;
	s = xmlNodeGetContent(c);
	r = lt_arena_strdup(a, s ? (const char *)s : "");
	xmlFree(s);
	return r;
}

static int int_of(const char *s)
{
	return s ? atoi(s) : 0;
}

static void read_organ(xmlNodePtr n, lt_arena *a, lt_edxml_organ *o)
{
	o->id = text(n, "OrganId", a);
	o->name = text(n, "OrganName", a);
	o->email = text(n, "Email", a);
}

static void read_ref(xmlNodePtr n, lt_arena *a, lt_edxml_ref *r)
{
	r->organ_id = text(n, "OrganId", a);
	r->code = text(n, "Code", a);
	r->date = text(n, "PromulgationDate", a);
	r->document_id = text(n, "DocumentId", a);
}

static void read_header(xmlNodePtr h, lt_arena *a, lt_edxml_msg *m)
{
	xmlNodePtr n, c;
	lt_edxml_organ *to;
	size_t k = 0;

	read_organ(child(h, "From"), a, &m->from);
	for (n = child(h, "To"); n; n = next_named(n, "To"))
		k++;
	to = lt_arena_alloc(a, (k ? k : 1) * sizeof(*to));
	if (!to)
		return;
	k = 0;
	for (n = child(h, "To"); n; n = next_named(n, "To"))
		read_organ(n, a, &to[k++]);
	m->to = to;
	m->nto = k;
	m->document_id = text(h, "DocumentId", a);
	c = child(h, "Code");
	m->code_number = text(c, "CodeNumber", a);
	m->code_notation = text(c, "CodeNotation", a);
	c = child(h, "PromulgationInfo");
	m->place = text(c, "Place", a);
	m->date = text(c, "PromulgationDate", a);
	m->subject = text(h, "Subject", a);
	m->content = text(h, "Content", a);
	c = child(h, "SignerInfo");
	m->signer_competence = text(c, "Competence", a);
	m->signer_position = text(c, "Position", a);
	m->signer_name = text(c, "FullName", a);
	m->due_date = text(h, "DueDate", a);
	c = child(h, "OtherInfo");
	m->priority = c ? int_of(text(c, "Priority", a)) : 0; /* schema-checked: 0..4 */
	c = child(h, "ResponseFor");
	m->has_response_for = c != NULL;
	if (c)
		read_ref(c, a, &m->response_for);
	m->steering = int_of(text(h, "SteeringType", a)); /* schema-checked: 0..9 */
}

static void read_status(xmlNodePtr s, lt_arena *a, lt_edxml_msg *m)
{
	const char *code;

	m->is_status = true;
	m->has_response_for = true;
	read_ref(child(s, "ResponseFor"), a, &m->response_for);
	read_organ(child(s, "From"), a, &m->from);
	code = text(s, "StatusCode", a);
	snprintf(m->status_code, sizeof(m->status_code), "%s", code ? code : "");
	m->description = text(s, "Description", a);
	m->timestamp = text(s, "Timestamp", a);
}

static int read_files(xmlNodePtr body, lt_arena *a, lt_edxml_msg *m, lt_error *e)
{
	xmlNodePtr n, enc = child(body, "AttachmentEncoded");
	lt_edxml_file *f;
	size_t k = 0;

	for (n = child(enc, "Attachment"); n; n = next_named(n, "Attachment"))
		k++;
	if (!k)
		return 0;
	f = lt_arena_alloc(a, k * sizeof(*f));
	if (!f)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	k = 0;
	for (n = child(enc, "Attachment"); n; n = next_named(n, "Attachment"), k++) {
		const char *v = text(n, "Value", a);
		size_t vl = v ? strlen(v) : 0, bl = 0;
		uint8_t *bin = lt_arena_alloc(a, vl / 4 * 3 + 3);

		f[k].name = text(n, "AttachmentName", a);
		f[k].type = text(n, "ContentType", a);
		if (!v || !bin)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		if (sodium_base642bin(bin, vl / 4 * 3 + 3, v, vl, " \t\r\n", &bl, NULL,
				      sodium_base64_VARIANT_ORIGINAL))
			return lt_error_set(e, LT_EINVAL, "Value",
					    "<Value>: tệp đính kèm %zu không phải base64 hợp lệ",
					    "<Value>: attachment %zu is not valid base64", k + 1);
		f[k].data = bin;
		f[k].len = bl;
	}
	m->files = f;
	m->nfiles = k;
	return 0;
}

/* libxml2 reports some errors (bad encodings) only to its generic handler: say nothing there. */
static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int lt_edxml_parse(const char *data, size_t len, lt_arena *a, lt_edxml_msg *out, lt_error *e)
{
	xmlParserCtxtPtr pc = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, hdr, n;
	xmlGenericErrorFunc old_fn;
	void *old_ctx;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (len > LT_EDXML_MAX)
		return lt_error_set(e, LT_ETOOBIG, "edxml", "Thông điệp edXML quá lớn (tối đa %u MiB)",
				    "The edXML message is too large (at most %u MiB)",
				    LT_EDXML_MAX >> 20);
	if (!len)
		return lt_error_set(e, LT_EINVAL, "edxml", "Thông điệp edXML trống",
				    "The edXML message is empty");
	xmlInitParser();
	pc = xmlNewParserCtxt();
	if (!pc)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* The handler is the thread's own; the previous one is put back below. */
	old_ctx = xmlGenericErrorContext;
	old_fn = xmlGenericError;
	xmlSetGenericErrorFunc(NULL, quiet);
	/* No entity substitution, no DTD loading, no network: nothing outside the bytes. */
	doc = xmlCtxtReadMemory(pc, data, (int)len, "edxml.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					XML_PARSE_NOCDATA);
	if (!doc || !pc->wellFormed) {
		const xmlError *x = xmlCtxtGetLastError(pc);
		char msg[200];
		size_t k;

		snprintf(msg, sizeof(msg), "%s", x && x->message ? x->message : "");
		k = strlen(msg);
		while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
			msg[--k] = '\0';
		rc = lt_error_set(e, LT_EINVAL, "edxml",
				  "Thông điệp edXML không đúng cú pháp XML ở dòng %d: %s",
				  "The edXML message is not well-formed XML at line %d: %s",
				  x ? x->line : 0, msg);
		goto out;
	}
	rc = validate(doc, e);
	if (rc)
		goto out;
	root = xmlDocGetRootElement(doc);
	hdr = child(root, "edXMLHeader");
	n = child(hdr, "MessageHeader");
	if (n)
		read_header(n, a, out);
	else
		read_status(child(hdr, "Status"), a, out);
	n = child(child(hdr, "TraceHeaderList"), "TraceHeader");
	if (n && !out->timestamp)
		out->timestamp = text(n, "Timestamp", a);
	rc = read_files(child(root, "edXMLBody"), a, out, e);
	if (!rc && lt_arena_failed(a))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	xmlSetGenericErrorFunc(old_ctx, old_fn);
	return rc;
}

void lt_edxml_split_code(const char *number, lt_arena *a, const char **num, const char **notation)
{
	const char *slash = number ? strchr(number, '/') : NULL;

	if (!slash) {
		*num = lt_arena_strdup(a, number ? number : "");
		*notation = lt_arena_strdup(a, "");
		return;
	}
	*num = lt_arena_strndup(a, number, (size_t)(slash - number));
	*notation = lt_arena_strdup(a, slash + 1);
}
