/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/text/docx_text.c: .docx files are built in memory with
 * libzip, their text checked line by line, and bad files refused clearly.
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
#include <zip.h>

#include "text/docx_text.h"
#include "text/letter.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOC(body) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
	"<w:document " W "><w:body>" body "<w:sectPr/></w:body></w:document>"
#define P(runs) "<w:p>" runs "</w:p>"
#define R(t) "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define RB(t) "<w:r><w:rPr><w:b/></w:rPr><w:t>" t "</w:t></w:r>"
#define TC(ps) "<w:tc>" ps "</w:tc>"

/* A zip holding one entry name → data (len 0: strlen). Returns malloc'd bytes. */
static char *make_zip(const char *name, const char *data, size_t dlen, size_t *len)
{
	char path[] = "/tmp/lt-test-docx-XXXXXX";
	int fd = mkstemp(path), err = 0;
	zip_t *za;
	zip_source_t *s;
	char *out = NULL;
	FILE *f;
	long n;

	assert_true(fd >= 0);
	close(fd);
	za = zip_open(path, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	s = zip_source_buffer(za, data, dlen ? dlen : strlen(data), 0);
	assert_non_null(s);
	assert_true(zip_file_add(za, name, s, ZIP_FL_OVERWRITE) >= 0);
	assert_int_equal(zip_close(za), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	out = malloc((size_t)n);
	assert_non_null(out);
	assert_int_equal(fread(out, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return out;
}

/* Text of a .docx whose document.xml is xml; asserts success. */
static char *docx_text(const char *xml)
{
	size_t len;
	char *zip = make_zip("word/document.xml", xml, 0, &len);
	lt_buf out;
	lt_error e = { 0 };

	lt_buf_init(&out, 1 << 20);
	assert_true(lt_docx_is_zip(zip, len));
	assert_int_equal(lt_docx_text(zip, len, &out, &e), 0);
	free(zip);
	return lt_buf_steal(&out);
}

static void test_paragraphs_tabs_breaks_bold(void **state)
{
	char *t = docx_text(DOC(P(R("Số: 42/LĐLĐ")) P(R("a") "<w:r><w:tab/></w:r>" R("b"))
				P(R("dòng 1") "<w:r><w:br/></w:r>" R("dòng 2"))
				P(RB("Truyền thông ") RB("về Tết") R(" và thường"))
				"<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>" R("Mục 1") "</w:p>"
				"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr>"
				R("ý một") "</w:p>"
				P(R("giữ") "<w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del>")));
	(void)state;
	assert_string_equal(t, "Số: 42/LĐLĐ\n"
			       "a\tb\n"
			       "dòng 1\ndòng 2\n"
			       "**Truyền thông về Tết** và thường\n"
			       "**Mục 1**\n"
			       "- ý một\n"
			       "giữ\n");
	free(t);
}

/* The header table of an official letter: line k = paragraph k of each cell. */
static void test_table_cells(void **state)
{
	char *t = docx_text(DOC("<w:tbl><w:tr>"
				TC(P(R("LĐLĐ THÀNH PHỐ HÀ NỘI")) P(RB("LĐLĐ HUYỆN GIA LÂM"))
				   P(R("Số: 42/LĐLĐ")))
				TC(P(RB("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
				   P(RB("Độc lập - Tự do - Hạnh phúc")))
				"</w:tr></w:tbl>" P(R("sau bảng"))));
	(void)state;
	assert_string_equal(t, "LĐLĐ THÀNH PHỐ HÀ NỘI | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
			       "**LĐLĐ HUYỆN GIA LÂM** | **Độc lập - Tự do - Hạnh phúc**\n"
			       "Số: 42/LĐLĐ | \n"
			       "sau bảng\n");
	free(t);
}

/* Entities are not expanded (no XML_PARSE_NOENT): a DTD cannot inject text. */
static void test_entities_not_expanded(void **state)
{
	char *t = docx_text("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"INJECTED\">]>"
			    "<w:document " W "><w:body>" P(R("a&x;b &amp; c")) "</w:body></w:document>");
	(void)state;
	assert_null(strstr(t, "INJECTED"));
	assert_string_equal(t, "ab & c\n");
	free(t);
}

/* A whole letter as .docx goes through the parser. */
static void test_letter_docx(void **state)
{
	char *t = docx_text(DOC("<w:tbl><w:tr>"
				TC(P(R("LĐLĐ THÀNH PHỐ HÀ NỘI")) P(RB("LĐLĐ HUYỆN GIA LÂM"))
				   P(R("Số: 42 /LĐLĐ")) P(R("V/v truyền thông các hoạt động chăm lo"))
				   P(R("đoàn viên dịp Tết")))
				TC(P(RB("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
				   P(RB("Độc lập - Tự do - Hạnh phúc")) P(R(""))
				   P(R("Gia Lâm, ngày 18 tháng 01 năm 2024")))
				"</w:tr></w:tbl>"
				P(R("Kính gửi: Ban Chấp hành Công đoàn cơ sở."))
				P(R("Liên đoàn Lao động huyện đề nghị thực hiện các nội dung sau:"))
				P(RB("*** Chợ Tết Công đoàn") RB("**"))
				P(R("- Gian hàng 0 đồng."))
				P(R("- Tư vấn pháp luật."))
				"<w:tbl><w:tr>" TC(P(R("Nơi nhận:")) P(R("- Như kính gửi;")) P(R("- Lưu VP.")))
				TC(P(RB("TM. BAN THƯỜNG VỤ")) P(RB("CHỦ TỊCH")) P(R("")) P(R("Nguyễn Đức Thê")))
				"</w:tr></w:tbl>"));
	lt_letter *l = NULL;
	lt_error e = { 0 };

	(void)state;
	assert_int_equal(lt_letter_parse(t, strlen(t), &l, &e), 0);
	assert_string_equal(l->number, "42/LĐLĐ");
	assert_string_equal(l->issuer, "LĐLĐ HUYỆN GIA LÂM");
	assert_string_equal(l->parent_body, "LĐLĐ THÀNH PHỐ HÀ NỘI");
	assert_string_equal(l->place, "Gia Lâm");
	assert_string_equal(l->date, "2024-01-18");
	assert_string_equal(l->subject, "truyền thông các hoạt động chăm lo đoàn viên dịp Tết");
	assert_int_equal(l->n_sections, 1);
	assert_string_equal(l->sections[0].title, "Chợ Tết Công đoàn");
	assert_int_equal(l->sections[0].items.n, 2);
	assert_int_equal(l->cc.n, 2);
	assert_string_equal(l->signer.authority, "TM. BAN THƯỜNG VỤ");
	assert_string_equal(l->signer.title, "CHỦ TỊCH");
	assert_string_equal(l->signer.name, "Nguyễn Đức Thê");
	lt_letter_free(l);
	free(t);
}

static void test_bad_files(void **state)
{
	lt_buf out;
	lt_error e = { 0 };
	size_t len;
	char *zip;

	(void)state;
	lt_buf_init(&out, 1 << 20);
	/* Not a zip at all. */
	assert_false(lt_docx_is_zip("hello", 5));
	assert_int_equal(lt_docx_text("hello world", 11, &out, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "Not a .docx"));
	assert_non_null(strstr(e.vi, "không phải .docx"));
	/* A zip without word/document.xml. */
	zip = make_zip("xl/workbook.xml", "<workbook/>", 0, &len);
	assert_int_equal(lt_docx_text(zip, len, &out, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "word/document.xml"));
	free(zip);
	/* document.xml that is not XML. */
	zip = make_zip("word/document.xml", "<w:document><w:body>", 0, &len);
	assert_int_equal(lt_docx_text(zip, len, &out, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "not well-formed"));
	free(zip);
	/* A truncated zip. */
	zip = make_zip("word/document.xml", DOC(P(R("x"))), 0, &len);
	assert_int_equal(lt_docx_text(zip, len / 2, &out, &e), LT_EINVAL);
	free(zip);
	lt_buf_free(&out);
}

/* A zip bomb: 21 MB of spaces compress to a few KB; refused by size. */
static void test_zip_bomb(void **state)
{
	size_t n = LT_DOCX_XML_MAX + (1 << 20), len;
	char *big = malloc(n), *zip;
	lt_buf out;
	lt_error e = { 0 };

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big, "<w:document>", 12);
	zip = make_zip("word/document.xml", big, n, &len);
	free(big);
	assert_true(len < n / 100);
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_docx_text(zip, len, &out, &e), LT_ETOOBIG);
	assert_non_null(strstr(e.en, "too big"));
	free(zip);
	lt_buf_free(&out);
}

/* The text cap of out is honoured. */
static void test_output_cap(void **state)
{
	size_t len;
	char *zip = make_zip("word/document.xml", DOC(P(R("0123456789")) P(R("0123456789"))), 0,
			     &len);
	lt_buf out;
	lt_error e = { 0 };

	(void)state;
	lt_buf_init(&out, 12);
	assert_int_equal(lt_docx_text(zip, len, &out, &e), LT_ETOOBIG);
	lt_buf_free(&out);
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_tabs_breaks_bold),
		cmocka_unit_test(test_table_cells),
		cmocka_unit_test(test_entities_not_expanded),
		cmocka_unit_test(test_letter_docx),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_output_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
