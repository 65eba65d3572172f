/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * libFuzzer target for the DOCX writer (src/render/doc_docx.c): any text, as
 * a directive's title and paragraphs, gives either a clear error or a DOCX
 * whose word/document.xml is well-formed XML (libxml2).
 */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "render/doc.h"
#include "render/doc_docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_xml(const lt_buf *b, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *f;
	zip_stat_t st;
	char *xml;
	xmlDocPtr doc;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->ptr, b->len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za || zip_stat(za, name, 0, &st) || !(f = zip_fopen(za, name, 0)))
		abort();
	xml = malloc(st.size + 1);
	if (!xml || zip_fread(f, xml, st.size) != (zip_int64_t)st.size)
		abort();
	zip_fclose(f);
	doc = xmlReadMemory(xml, (int)st.size, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
							     XML_PARSE_NOWARNING);
	if (!doc)
		abort(); /* not well-formed */
	xmlFreeDoc(doc);
	free(xml);
	zip_close(za);
	zip_error_fini(&ze);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_doc *d = NULL;
	lt_buf b;
	lt_error e;
	char *text;
	int rc;

	if (size > 4096 || lt_doc_new(&d, LT_DOC_DIRECTIVE, &e))
		return 0;
	text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	rc = lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội", text, "1/LĐLĐ", &e);
	if (!rc)
		rc = lt_doc_set_place_date(d, "Gia Lâm", "2024-01-18", &e);
	if (!rc)
		rc = lt_doc_set_signer(d, "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", text, NULL, &e);
	if (!rc)
		rc = lt_doc_set_title(d, NULL, text, &e);
	if (!rc)
		rc = lt_doc_add_paragraph(d, text, &e);
	lt_buf_init(&b, 16 << 20);
	if (!rc && lt_doc_render_docx(d, &b, &e) == 0)
		check_xml(&b, "word/document.xml");
	lt_buf_free(&b);
	lt_doc_free(d);
	free(text);
	return 0;
}
