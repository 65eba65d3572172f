/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/render/doc_docx.c: the package a user opens in Word or
 * LibreOffice. Checks the zip parts, parses the XML with libxml2, and — when
 * LibreOffice is installed — converts to PDF headless and reads it back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "render/doc.h"
#include "render/doc_docx.h"
#include "render/doc_pdf.h"
#include "render/vndate.h"
#include "shell_helpers.h"

#define UNIT_TRICKY "Công ty TNHH Sản xuất & Thương mại <An Phát>"

static char tmpdir[64];

/* Letter 42/LĐLĐ as a công văn, with a 60-row table so that it spans pages. */
static lt_doc *build_directive(void)
{
	static const char *const hdr[] = { "STT", "Đơn vị", "Đoàn viên", "Tin, bài" };
	static const double w[] = { 0.8, 5, 1.5, 1.5 };
	static const bool numeric[] = { true, false, true, true };
	lt_doc *d = NULL;
	lt_doc_table *t = NULL;
	lt_doc_block *p = NULL;
	lt_error e;
	lt_buf a, b, c;

	lt_buf_init(&a, 64);
	lt_buf_init(&b, 64);
	lt_buf_init(&c, 256);
	assert_int_equal(lt_doc_new(&d, LT_DOC_DIRECTIVE, &e), 0);
	assert_int_equal(lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội",
					   "Liên đoàn Lao động huyện Gia Lâm", "42/LĐLĐ", &e), 0);
	assert_int_equal(lt_doc_set_place_date(d, "Gia Lâm", "2024-01-18", &e), 0);
	assert_int_equal(lt_doc_set_title(d, NULL, "V/v truyền thông các hoạt động chăm lo "
					  "đoàn viên, NLĐ dịp Tết Giáp Thìn 2024", &e), 0);
	assert_int_equal(lt_doc_add_recipient(d, "Ban Chấp hành Công đoàn cơ sở trực thuộc "
					      "LĐLĐ Huyện", &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, "Thực hiện Công văn số 228/LĐLĐ ngày 16/01/2024 "
		"của Liên đoàn Lao động thành phố Hà Nội về việc truyền thông các hoạt động chăm lo "
		"đoàn viên, NLĐ dịp Tết Giáp Thìn 2024; Liên đoàn Lao động huyện đề nghị Ban Chấp "
		"hành Công đoàn cơ sở truyền thông các hoạt động cao điểm chăm lo cho đoàn viên, "
		"người lao động với những nội dung như sau:", &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, "1. Truyền thông về tổng kết 10 năm Chương trình "
		"“Tết Sum vầy”", &e), 0);
	assert_int_equal(lt_doc_add_bullet(d, "-", "Lan tỏa sâu đậm dấu ấn 10 năm triển khai "
		"Chương trình “Tết Sum vầy” (những con số tiêu biểu, những mô hình hiệu quả,...).",
		&e), 0);
	assert_int_equal(lt_doc_begin_paragraph(d, "+", &p, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, "Tổng hợp và đề xuất kịp thời ", 0, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, "các tin nhắn phản hồi", LT_RUN_BOLD, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, " của đoàn viên, người lao động.", 0, &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, "2. Danh sách đơn vị thực hiện", &e), 0);
	assert_int_equal(lt_doc_add_table(d, 4, hdr, w, numeric, &t, &e), 0);
	for (int r = 0; r < 60; r++) {
		const char *cells[4];
		lt_buf_reset(&a);
		lt_buf_reset(&b);
		lt_buf_reset(&c);
		assert_int_equal(lt_vndate_format_number(&a, r + 1), 0);
		assert_int_equal(lt_vndate_format_number(&b, 1000 + r * 137), 0);
		assert_int_equal(lt_buf_printf(&c, "Trường Mầm non Đa Tốn số %d", r + 1), 0);
		cells[0] = lt_buf_cstr(&a);
		cells[1] = r == 7 ? UNIT_TRICKY : lt_buf_cstr(&c);
		cells[2] = lt_buf_cstr(&b);
		cells[3] = "12";
		assert_int_equal(lt_doc_table_add_row(d, t, cells, false, &e), 0);
	}
	assert_int_equal(lt_doc_add_paragraph(d, "Báo cáo kết quả thực hiện về Liên đoàn Lao động "
		"huyện qua địa chỉ email gialam@congdoanhanoi.org.vn.", &e), 0);
	assert_int_equal(lt_doc_add_cc(d, "Như kính gửi; (để thực hiện)", &e), 0);
	assert_int_equal(lt_doc_add_cc(d, "Lưu VP", &e), 0);
	assert_int_equal(lt_doc_set_signer(d, "TM. Ban Thường vụ", "Chủ tịch", "Nguyễn Đức Thê",
					   NULL, &e), 0);
	assert_int_equal(lt_doc_set_footer(d, "SHA-256: 9e1c0f", true, &e), 0);
	lt_buf_free(&a);
	lt_buf_free(&b);
	lt_buf_free(&c);
	return d;
}

/* Render the directive; returns the .docx bytes in *out. */
static void render(lt_buf *out)
{
	lt_doc *d = build_directive();
	lt_error e;

	lt_buf_init(out, 64 << 20);
	lt_error_clear(&e);
	assert_int_equal(lt_doc_render_docx(d, out, &e), 0);
	assert_memory_equal(out->ptr, "PK\x03\x04", 4);
	lt_doc_free(d);
}

/* The named part of the zip in b, NUL-terminated, owned. */
static char *part(const lt_buf *b, const char *name, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *f;
	zip_stat_t st;
	char *data;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->ptr, b->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	if (zip_stat(za, name, 0, &st) != 0) {
		zip_close(za);
		return NULL;
	}
	f = zip_fopen(za, name, 0);
	assert_non_null(f);
	data = malloc(st.size + 1);
	assert_non_null(data);
	assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	data[st.size] = '\0';
	zip_fclose(f);
	zip_close(za);
	zip_error_fini(&ze);
	if (len)
		*len = st.size;
	return data;
}

static void test_docx_parts(void **state)
{
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
		"word/header1.xml", "word/header2.xml", "word/footer1.xml",
		"docProps/core.xml", "docProps/app.xml",
	};
	lt_buf b;

	(void)state;
	render(&b);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		size_t n = 0;
		char *x = part(&b, parts[i], &n);
		xmlDocPtr doc;

		assert_non_null(x);
		/* Every part is well-formed XML. */
		doc = xmlReadMemory(x, (int)n, parts[i], "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR);
		assert_non_null(doc);
		xmlFreeDoc(doc);
		free(x);
	}
	lt_buf_free(&b);
}

static char *xpath_str(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *s;

	assert_non_null(o);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	return s;
}

static void expect_xpath(xmlXPathContextPtr ctx, const char *expr, const char *want)
{
	char *s = xpath_str(ctx, expr);

	assert_string_equal(s, want);
	xmlFree(s);
}

static void test_docx_document_xml(void **state)
{
	lt_buf b;
	size_t n = 0;
	char *x, *all;
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;

	(void)state;
	render(&b);
	x = part(&b, "word/document.xml", &n);
	assert_non_null(x);
	/* The raw XML carries the escaped form… */
	assert_non_null(strstr(x, "Sản xuất &amp; Thương mại &lt;An Phát&gt;"));
	doc = xmlReadMemory(x, (int)n, "document.xml", "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"w",
			   (const xmlChar *)"http://schemas.openxmlformats.org/wordprocessingml/2006/main");
	/* …and the parsed text the original one. */
	all = xpath_str(ctx, "string(/w:document/w:body)");
	assert_non_null(strstr(all, UNIT_TRICKY));
	assert_non_null(strstr(all, "Số: 42/LĐLĐ"));
	assert_non_null(strstr(all, "Gia Lâm, ngày 18 tháng 01 năm 2024"));
	assert_non_null(strstr(all, "V/v truyền thông các hoạt động chăm lo"));
	assert_non_null(strstr(all, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(all, "Độc lập - Tự do - Hạnh phúc"));
	assert_non_null(strstr(all, "LIÊN ĐOÀN LAO ĐỘNG HUYỆN GIA LÂM"));
	assert_non_null(strstr(all, "Kính gửi: Ban Chấp hành Công đoàn cơ sở"));
	assert_non_null(strstr(all, "TM. BAN THƯỜNG VỤ"));
	assert_non_null(strstr(all, "Nguyễn Đức Thê"));
	assert_null(strstr(all, "BÁO CÁO")); /* a công văn has no title */
	xmlFree(all);
	/* A4 and the margins 20/20/30/15 mm in twips. */
	expect_xpath(ctx, "string(//w:sectPr/w:pgSz/@w:w)", "11906");
	expect_xpath(ctx, "string(//w:sectPr/w:pgSz/@w:h)", "16838");
	expect_xpath(ctx, "string(//w:sectPr/w:pgMar/@w:top)", "1134");
	expect_xpath(ctx, "string(//w:sectPr/w:pgMar/@w:bottom)", "1134");
	expect_xpath(ctx, "string(//w:sectPr/w:pgMar/@w:left)", "1701");
	expect_xpath(ctx, "string(//w:sectPr/w:pgMar/@w:right)", "850");
	/* Numbering from page 2: a different (empty) first-page header. */
	expect_xpath(ctx, "count(//w:sectPr/w:titlePg)", "1");
	expect_xpath(ctx, "count(//w:sectPr/w:headerReference[@w:type='first'])", "1");
	/* The figures table repeats its header row; the header table has no borders. */
	expect_xpath(ctx, "count(//w:tr[w:trPr/w:tblHeader])", "1");
	expect_xpath(ctx, "string(//w:tr[w:trPr/w:tblHeader]/w:tc[2])", "Đơn vị");
	expect_xpath(ctx, "string((//w:tbl)[1]/w:tblPr/w:tblBorders/w:top/@w:val)", "nil");
	/* Numbers right-aligned, names left. */
	expect_xpath(ctx, "string((//w:tbl[w:tr/w:trPr/w:tblHeader]/w:tr)[last()]/w:tc[3]/w:p/w:pPr/w:jc/@w:val)",
		     "right");
	/* Bold run kept. */
	expect_xpath(ctx, "count(//w:r[w:rPr/w:b][w:t='các tin nhắn phản hồi'])", "1");
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	free(x);
	x = part(&b, "word/header1.xml", NULL);
	assert_non_null(strstr(x, " PAGE "));
	free(x);
	x = part(&b, "word/styles.xml", NULL);
	assert_non_null(strstr(x, "w:ascii=\"Times New Roman\""));
	assert_non_null(strstr(x, "<w:sz w:val=\"28\"/>"));
	free(x);
	lt_buf_free(&b);
}

static void test_xml_escape(void **state)
{
	lt_buf b;

	(void)state;
	lt_buf_init(&b, 256);
	assert_int_equal(lt_doc_xml_escape(&b, "a & b < c > d \"e\" 'f' \x01g\th"), 0);
	assert_string_equal(lt_buf_cstr(&b),
			    "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; g\th");
	lt_buf_free(&b);
}

/*
 * Text that XML cannot carry (a noncharacter, a control character), should any
 * reach a document despite the checks where text comes in, still leaves the
 * DOCX well-formed and the PDF renderable: it becomes U+FFFD.
 */
static void test_forbidden_code_points_stay_out(void **state)
{
	lt_doc *d = NULL;
	lt_buf out;
	lt_error e;
	char *xml;
	size_t n = 0;
	xmlDocPtr doc;

	(void)state;
	assert_int_equal(lt_doc_new(&d, LT_DOC_DIRECTIVE, &e), 0);
	assert_int_equal(lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội", "LĐLĐ huyện Gia Lâm",
					   "1/LĐLĐ", &e), 0);
	assert_int_equal(lt_doc_set_place_date(d, "Gia Lâm", "2024-01-18", &e), 0);
	assert_int_equal(lt_doc_set_signer(d, "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Văn A",
					   NULL, &e), 0);
	assert_int_equal(lt_doc_set_title(d, NULL, "Tiêu đề\xef\xbf\xbe có ký tự lạ", &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, "Đoạn \x0b văn \xef\xbf\xbf bản", &e), 0);
	lt_buf_init(&out, 64 << 20);
	assert_int_equal(lt_doc_render_docx(d, &out, &e), 0);
	xml = part(&out, "word/document.xml", &n);
	assert_non_null(xml);
	doc = xmlReadMemory(xml, (int)n, "document.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc); /* well-formed */
	xmlFreeDoc(doc);
	assert_null(strstr(xml, "\xef\xbf\xbe"));
	assert_non_null(strstr(xml, "\xef\xbf\xbd"));
	free(xml);
	lt_buf_reset(&out);
	assert_int_equal(lt_doc_pdf_init(&e), 0);
	assert_int_equal(lt_doc_render_pdf(d, &out, &e), 0);
	assert_memory_equal(out.ptr, "%PDF", 4);
	lt_buf_free(&out);
	lt_doc_free(d);
}

/* LibreOffice opens the file and lays it out as we meant. */
static void test_docx_libreoffice(void **state)
{
	char path[128], cmd[768], *txt, *info, *p2;
	lt_buf b;
	FILE *f;

	(void)state;
	if (!have("libreoffice") || !have("pdftotext"))
		skip();
	render(&b);
	snprintf(path, sizeof(path), "%s/cong-van-42.docx", tmpdir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.ptr, 1, b.len, f), b.len);
	assert_int_equal(fclose(f), 0);
	lt_buf_free(&b);
	snprintf(cmd, sizeof(cmd), "cd '%s' && timeout 180 libreoffice "
		 "-env:UserInstallation=file://%s/lo-profile --headless --convert-to pdf "
		 "--outdir '%s' '%s' >/dev/null 2>&1", tmpdir, tmpdir, tmpdir, path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s/cong-van-42.pdf' -", tmpdir);
	txt = run(cmd);
	assert_non_null(txt);
	squash(txt);
	assert_non_null(strstr(txt, "Số: 42/LĐLĐ"));
	assert_non_null(strstr(txt, "Gia Lâm, ngày 18 tháng 01 năm 2024"));
	assert_non_null(strstr(txt, "LIÊN ĐOÀN LAO ĐỘNG"));
	assert_non_null(strstr(txt, "Độc lập - Tự do - Hạnh phúc"));
	assert_non_null(strstr(txt, "V/v truyền thông các hoạt động chăm lo"));
	assert_non_null(strstr(txt, UNIT_TRICKY));
	assert_non_null(strstr(txt, "Nguyễn Đức Thê"));
	assert_non_null(strstr(txt, "SHA-256: 9e1c0f"));
	free(txt);
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s/cong-van-42.pdf'", tmpdir);
	info = run(cmd);
	assert_non_null(info);
	assert_non_null(strstr(info, "x 841.8"));
	assert_non_null(strstr(info, "(A4)"));
	assert_null(strstr(info, "Pages:           1\n"));
	free(info);
	/* Keep a copy to look at when LT_TEST_PNG_DIR is set. */
	if (getenv("LT_TEST_PNG_DIR")) {
		snprintf(cmd, sizeof(cmd), "cp '%s/cong-van-42.pdf' '%s' && pdftoppm -png -r 80 -f 1 -l 2 "
			 "'%s/cong-van-42.pdf' '%s/doc_cong_van_lo_page'", tmpdir,
			 getenv("LT_TEST_PNG_DIR"), tmpdir, getenv("LT_TEST_PNG_DIR"));
		info = run(cmd);
		assert_non_null(info);
		free(info);
	}
	/* Page 2 starts with its number and the repeated table header. */
	snprintf(cmd, sizeof(cmd), "pdftotext -f 2 -l 2 '%s/cong-van-42.pdf' -", tmpdir);
	p2 = run(cmd);
	assert_non_null(p2);
	squash(p2);
	assert_int_equal(strncmp(p2, "2 ", 2), 0);
	assert_non_null(strstr(p2, "STT Đơn vị"));
	free(p2);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lt_doc_docx_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_forbidden_code_points_stay_out),
		cmocka_unit_test(test_docx_parts),
		cmocka_unit_test(test_docx_document_xml),
		cmocka_unit_test(test_docx_libreoffice),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
