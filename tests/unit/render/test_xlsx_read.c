/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/render/xlsx_read.c: cell types, dates, and bad files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "render/xlsx_read.h"
#include "zip_helpers.h"

static lt_table *read_ok(const char *data, size_t len)
{
	lt_table *t = NULL;
	lt_error e = { 0 };
	int rc = lt_xlsx_read(data, len, NULL, &t, &e);

	if (rc)
		fail_msg("lt_xlsx_read: %d %s / %s", rc, e.field, e.en);
	assert_non_null(t);
	return t;
}

/* Read a book built from sheet data; expect failure rc; return e. */
static lt_error read_fail(const char *data, size_t len, const lt_table_limits *lim, int want)
{
	lt_table *t = (lt_table *)1;
	lt_error e = { 0 };

	assert_int_equal(lt_xlsx_read(data, len, lim, &t, &e), want);
	assert_null(t);
	assert_true(e.vi[0] && e.en[0]);
	return e;
}

#define CELL(t, r, c) lt_sheet_cell(lt_table_sheet_at((t), 0), (r), (c))

static void test_shared_inline_and_types(void **state)
{
	const char *sst =
		"<si><t>Mã</t></si>"
		"<si><r><rPr><b/></rPr><t>Công đoàn </t></r><r><t xml:space=\"preserve\">Gia Lâm</t></r>"
		"<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
		"<si><t>dòng 1_x000D_\ndòng 2</t></si>"
		"<si><t/></si>";
	const char *data =
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Hành trình Tết</t></is></c>"
		"<c r=\"B2\" t=\"str\"><f>A2&amp;\"!\"</f><v>Hành trình Tết!</v></c>"
		"<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"e\"><v>#DIV/0!</v></c>"
		"<c r=\"E2\"><f>1+1</f><v>2</v></c><c r=\"F2\" s=\"0\"/>"
		"<c r=\"G2\"><v>1234.5</v></c></row>"
		/* no r= on rows or cells: sequential */
		"<row><c t=\"inlineStr\"><is><r><t>La\xcc\x82m</t></r></is></c><c><v>7</v></c></row>"
		"<row r=\"7\"><c r=\"AA7\" t=\"b\"><v>0</v></c></row>";
	size_t len = 0;
	char *z = make_book(data, sst, NULL, NULL, &len);
	lt_table *t;
	const lt_sheet *s;
	(void)state;
	assert_non_null(z);
	t = read_ok(z, len);
	s = lt_table_sheet_at(t, 0);
	assert_string_equal(s->name, "Data");
	assert_string_equal(CELL(t, 1, 1)->text, "Mã");
	assert_string_equal(CELL(t, 1, 2)->text, "Công đoàn Gia Lâm"); /* runs joined, no phonetic */
	assert_string_equal(CELL(t, 1, 3)->text, "dòng 1\r\ndòng 2");  /* _x000D_ decoded */
	assert_int_equal(CELL(t, 1, 4)->type, LT_CELL_EMPTY);
	assert_int_equal(CELL(t, 2, 1)->type, LT_CELL_STRING);
	assert_string_equal(CELL(t, 2, 1)->text, "Hành trình Tết");
	assert_string_equal(CELL(t, 2, 2)->text, "Hành trình Tết!");
	assert_int_equal(CELL(t, 2, 3)->type, LT_CELL_BOOL);
	assert_true(CELL(t, 2, 3)->num == 1);
	assert_string_equal(CELL(t, 2, 3)->text, "TRUE");
	assert_int_equal(CELL(t, 2, 4)->type, LT_CELL_ERROR);
	assert_string_equal(CELL(t, 2, 4)->text, "#DIV/0!");
	assert_int_equal(CELL(t, 2, 5)->type, LT_CELL_NUMBER);
	assert_true(CELL(t, 2, 5)->num == 2);
	assert_int_equal(CELL(t, 2, 6)->type, LT_CELL_EMPTY);
	assert_string_equal(CELL(t, 2, 7)->text, "1234.5");
	assert_string_equal(CELL(t, 3, 1)->text, "Lâm"); /* NFC */
	assert_true(CELL(t, 3, 2)->num == 7);
	assert_int_equal(CELL(t, 7, 27)->type, LT_CELL_BOOL);
	assert_string_equal(CELL(t, 7, 27)->text, "FALSE");
	assert_int_equal(s->nrows, 7);
	assert_int_equal(s->ncols, 27);
	lt_table_free(t);
	free(z);
}

static const char styles_xml[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"5\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"&quot;Ngày &quot;0\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[$-42A]d mmmm yyyy;@\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[Red]#,##0\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"General\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"9\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"3\"/><xf numFmtId=\"20\"/><xf numFmtId=\"166\"/>"
	"<xf numFmtId=\"22\"/><xf numFmtId=\"168\"/></cellXfs></styleSheet>";

static void test_date_styles(void **state)
{
	const char *data =
		"<row r=\"1\"><c r=\"A1\"><v>45309</v></c>"       /* general: a number */
		"<c r=\"B1\" s=\"1\"><v>45309</v></c>"             /* built-in 14 */
		"<c r=\"C1\" s=\"2\"><v>45309</v></c>"             /* custom dd/mm/yyyy */
		"<c r=\"D1\" s=\"3\"><v>45309</v></c>"             /* d only in quotes */
		"<c r=\"E1\" s=\"4\"><v>1234567</v></c>"           /* #,##0 money */
		"<c r=\"F1\" s=\"5\"><v>0.5</v></c>"               /* h:mm */
		"<c r=\"G1\" s=\"6\"><v>45327</v></c>"             /* [$-42A]d mmmm yyyy */
		"<c r=\"H1\" s=\"7\"><v>45309.75</v></c>"          /* m/d/yy h:mm */
		"<c r=\"I1\" s=\"8\"><v>3</v></c>"                 /* LibreOffice's custom General */
		"<c r=\"J1\" s=\"99\"><v>5</v></c>"                /* unknown style */
		"<c r=\"K1\" t=\"d\"><v>2024-01-18T00:00:00.000</v></c>"
		"<c r=\"L1\" s=\"1\"><v>60</v></c></row>";
	size_t len = 0;
	char *z = make_book(data, NULL, styles_xml, NULL, &len);
	lt_table *t;
	(void)state;
	t = read_ok(z, len);
	assert_int_equal(CELL(t, 1, 1)->type, LT_CELL_NUMBER);
	assert_string_equal(CELL(t, 1, 1)->text, "45309");
	assert_int_equal(CELL(t, 1, 2)->type, LT_CELL_DATE);
	assert_string_equal(CELL(t, 1, 2)->text, "2024-01-18");
	assert_true(CELL(t, 1, 2)->num == 45309);
	assert_string_equal(CELL(t, 1, 3)->text, "2024-01-18");
	assert_int_equal(CELL(t, 1, 4)->type, LT_CELL_NUMBER);
	assert_int_equal(CELL(t, 1, 5)->type, LT_CELL_NUMBER);
	assert_int_equal(CELL(t, 1, 5)->numfmt, LT_NUMFMT_MONEY);
	assert_int_equal(CELL(t, 1, 6)->type, LT_CELL_DATE);
	assert_string_equal(CELL(t, 1, 6)->text, "12:00:00");
	assert_string_equal(CELL(t, 1, 7)->text, "2024-02-05");
	assert_string_equal(CELL(t, 1, 8)->text, "2024-01-18T18:00:00");
	assert_int_equal(CELL(t, 1, 9)->type, LT_CELL_NUMBER);
	assert_int_equal(CELL(t, 1, 10)->type, LT_CELL_NUMBER);
	assert_int_equal(CELL(t, 1, 11)->type, LT_CELL_DATE);
	assert_string_equal(CELL(t, 1, 11)->text, "2024-01-18");
	assert_string_equal(CELL(t, 1, 12)->text, "1900-02-28"); /* the phantom 29 Feb */
	lt_table_free(t);
	free(z);
}

static void test_1904_system(void **state)
{
	const char *data = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43847</v></c>"
			   "<c r=\"B1\" s=\"1\"><v>0</v></c><c r=\"C1\"><v>43847</v></c></row>";
	size_t len = 0;
	char *z = make_book(data, NULL, styles_xml, "<workbookPr date1904=\"1\"/>", &len);
	lt_table *t;
	(void)state;
	t = read_ok(z, len);
	assert_string_equal(CELL(t, 1, 1)->text, "2024-01-18");
	assert_true(CELL(t, 1, 1)->num == 45309); /* normalised to the 1900 system */
	assert_string_equal(CELL(t, 1, 2)->text, "1904-01-01");
	assert_string_equal(CELL(t, 1, 3)->text, "43847"); /* numbers are not shifted */
	lt_table_free(t);
	free(z);
}

static void test_not_a_zip(void **state)
{
	lt_error e;
	(void)state;
	e = read_fail("Mã,Tên\nDV01,x\n", 15, NULL, LT_EINVAL);
	assert_non_null(strstr(e.en, "Not an XLSX file"));
	assert_non_null(strstr(e.vi, "Không phải tệp XLSX"));
	e = read_fail("", 0, NULL, LT_EINVAL);
	e = read_fail("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old", 12, NULL, LT_EINVAL);
	assert_non_null(strstr(e.en, ".xls"));
	e = read_fail("PK\x03\x04garbage", 11, NULL, LT_EINVAL);
}

static void test_zip_without_workbook(void **state)
{
	zpart p[] = { { "hello.txt", "xin chào", 0 } };
	size_t len = 0;
	char *z = make_zip(p, 1, &len);
	lt_error e;
	(void)state;
	e = read_fail(z, len, NULL, LT_EINVAL);
	assert_non_null(strstr(e.en, "xl/workbook.xml"));
	free(z);
}

static void test_missing_sheet_part(void **state)
{
	zpart p[] = { { "xl/workbook.xml",
			"<workbook " WB_NS "><sheets><sheet name=\"Đơn vị\" sheetId=\"1\" "
			"r:id=\"rId1\"/></sheets></workbook>", 0 } };
	size_t len = 0;
	char *z = make_zip(p, 1, &len);
	lt_error e;
	(void)state;
	e = read_fail(z, len, NULL, LT_EINVAL);
	assert_non_null(strstr(e.en, "lacks sheet “Đơn vị”"));
	free(z);
}

static void test_wrong_sheet_name_lists_names(void **state)
{
	size_t len = 0;
	char *z = make_book("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", NULL, NULL, NULL, &len);
	lt_table *t = read_ok(z, len);
	lt_buf names;
	(void)state;
	assert_null(lt_table_sheet(t, "Hoạt động"));
	assert_non_null(lt_table_sheet(t, "data")); /* case does not matter */
	lt_buf_init(&names, 1024);
	assert_int_equal(lt_table_sheet_names(t, &names), 0);
	assert_string_equal(lt_buf_cstr(&names), "“Data”");
	lt_buf_free(&names);
	{
		lt_sheet *sh = (lt_sheet *)1;
		lt_error e = { 0 };
		assert_int_equal(lt_table_sheet_require(t, "Hoạt động", &sh, &e), LT_ENOTFOUND);
		assert_null(sh);
		assert_string_equal(e.en, "No sheet “Hoạt động” in the file; it has: “Data”");
		assert_string_equal(e.vi, "Không có trang “Hoạt động” trong tệp; các trang có: “Data”");
		assert_int_equal(lt_table_sheet_require(t, "Data", &sh, &e), 0);
		assert_ptr_equal(sh, lt_table_sheet_at(t, 0));
	}
	lt_table_free(t);
	free(z);
}

static char *big_text(size_t n)
{
	char *p = malloc(n + 1);
	uint32_t x = 2463534242u;
	assert_non_null(p);
	for (size_t i = 0; i < n; i++) { /* xorshift letters: do not compress away */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (char)('a' + x % 26);
	}
	p[n] = '\0';
	return p;
}

static void test_big_cell(void **state)
{
	char *big = big_text(1 << 20);
	char *data = malloc((1 << 20) + 256), *sst = malloc((1 << 20) + 64);
	size_t len = 0;
	char *z;
	lt_error e;
	(void)state;
	sprintf(data, "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>%s</t></is></c></row>", big);
	z = make_book(data, NULL, NULL, NULL, &len);
	e = read_fail(z, len, NULL, LT_ETOOBIG);
	assert_string_equal(e.field, "Data!B2");
	assert_non_null(strstr(e.en, "row 2, column B"));
	assert_non_null(strstr(e.en, "too long"));
	free(z);
	/* the same through the shared strings: the error still names the cell */
	sprintf(sst, "<si><t>ok</t></si><si><t>%s</t></si>", big);
	z = make_book("<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"C3\" t=\"s\"><v>1</v></c></row>",
		      sst, NULL, NULL, &len);
	e = read_fail(z, len, NULL, LT_ETOOBIG);
	assert_string_equal(e.field, "Data!C3");
	free(z);
	free(big);
	free(data);
	free(sst);
}

static void test_bad_xml(void **state)
{
	static const char *bad[] = {
		"<row r=\"1\"><c r=\"A1\"><v>1</v></row>",        /* mismatched */
		"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData",
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", /* no such string */
		"<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",     /* bad reference */
		"<row r=\"1\"><c r=\"A1\">\x01</c></row>",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = 0;
		char *z = make_book(bad[i], i == 2 ? "<si><t>a</t></si>" : NULL, NULL, NULL, &len);
		lt_error e = read_fail(z, len, NULL, LT_EINVAL);
		if (i < 2)
			assert_non_null(strstr(e.en, "Bad XML in xl/worksheets/sheet1.xml"));
		free(z);
	}
}

static void test_dtd_refused(void **state)
{
	/* billion laughs: refused on the DTD, nothing expanded */
	const char *sheet =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>"
		"</sheetData></worksheet>";
	zpart p[] = { { "xl/workbook.xml",
			"<workbook " WB_NS "><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
			"</sheets></workbook>", 0 },
		      { "xl/worksheets/sheet1.xml", sheet, 0 } };
	size_t len = 0;
	char *z = make_zip(p, 2, &len);
	lt_error e;
	(void)state;
	e = read_fail(z, len, NULL, LT_EINVAL); /* libxml2 itself stops the loop */
	free(z);
	/* a harmless DTD is refused all the same: no entities at all */
	p[1].data = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY u \"x\">]>"
		    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&u;</t></is></c>"
		    "</row></sheetData></worksheet>";
	z = make_zip(p, 2, &len);
	e = read_fail(z, len, NULL, LT_EINVAL);
	assert_non_null(strstr(e.en, "DTD"));
	free(z);
}

static void test_zip_bomb(void **state)
{
	/* 120 MB of zeros deflate to ~120 KB: refused from the declared size and
	 * ratio before anything is inflated. */
	size_t n = 120u << 20, len = 0;
	char *zeros = calloc(1, n), *z;
	char wb[] = "<workbook " WB_NS "><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
		    "</sheets></workbook>";
	zpart p[] = { { "xl/workbook.xml", wb, 0 }, { "xl/worksheets/sheet1.xml", zeros, n } };
	lt_table_limits lim = { 0 };
	lt_error e;
	(void)state;
	assert_non_null(zeros);
	z = make_zip(p, 2, &len);
	assert_non_null(z);
	assert_true(len < (2u << 20));
	e = read_fail(z, len, NULL, LT_ETOOBIG);
	assert_non_null(strstr(e.en, "zip bomb"));
	/* with the ratio check out of the way, the total cap still stops it */
	lim.max_ratio = 1u << 30;
	e = read_fail(z, len, &lim, LT_ETOOBIG);
	/* a zip that lies about its size: inflating more than declared is caught
	 * while reading (patch the sizes in the local and central headers) */
	lim.max_unzipped = 1u << 30;
	{
		uint32_t fake = 4096;
		for (size_t i = 0; i + 46 < len; i++) {
			if (memcmp(z + i, "PK\x03\x04", 4) == 0 &&
			    memcmp(z + i + 30, "xl/worksheets", 13) == 0)
				memcpy(z + i + 22, &fake, 4);
			if (memcmp(z + i, "PK\x01\x02", 4) == 0 &&
			    memcmp(z + i + 46, "xl/worksheets", 13) == 0)
				memcpy(z + i + 24, &fake, 4);
		}
		e = read_fail(z, len, &lim, LT_ETOOBIG);
		assert_non_null(strstr(e.en, "zip bomb"));
	}
	free(z);
	free(zeros);
}

static void test_limits(void **state)
{
	const char *data = "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\"><v>1</v></c></row>"
			   "<row r=\"5\"><c r=\"A5\"><v>1</v></c></row>"
			   "<row r=\"900000\"><c r=\"XFD900000\" s=\"1\"/></row>"; /* style only: ignored */
	lt_table_limits lim = { 0 };
	size_t len = 0;
	char *z = make_book(data, NULL, NULL, NULL, &len);
	lt_table *t;
	lt_error e;
	(void)state;
	t = read_ok(z, len);
	assert_int_equal(lt_table_sheet_at(t, 0)->nrows, 5);
	lt_table_free(t);
	lim.max_rows = 4;
	e = read_fail(z, len, &lim, LT_ETOOBIG);
	assert_string_equal(e.field, "Data!A5");
	lim.max_rows = 0;
	lim.max_cols = 2;
	e = read_fail(z, len, &lim, LT_ETOOBIG);
	assert_string_equal(e.field, "Data!C1");
	lim.max_cols = 0;
	lim.max_bytes = len - 1;
	e = read_fail(z, len, &lim, LT_ETOOBIG);
	free(z);
}

/* LibreOffice-written file: the committed fixture, and a fresh conversion
 * when libreoffice is installed. */
static void check_libreoffice_table(const lt_table *t)
{
	const lt_sheet *s = lt_table_sheet_at(t, 0);
	assert_non_null(s);
	assert_int_equal(s->nrows, 4);
	assert_string_equal(lt_sheet_cell(s, 1, 1)->text, "Mã đơn vị");
	assert_string_equal(lt_sheet_cell(s, 2, 2)->text, "Chợ Tết Công đoàn 2024");
	assert_string_equal(lt_sheet_cell(s, 3, 2)->text, "Hành trình Tết, xe miễn phí");
	assert_string_equal(lt_sheet_cell(s, 4, 1)->text, "ĐV03");
	assert_int_equal(lt_sheet_cell(s, 2, 3)->type, LT_CELL_DATE);
	assert_string_equal(lt_sheet_cell(s, 2, 3)->text, "2024-01-18");
	assert_string_equal(lt_sheet_cell(s, 3, 3)->text, "2024-02-05");
	assert_string_equal(lt_sheet_cell(s, 4, 3)->text, "2024-02-05");
	assert_int_equal(lt_sheet_cell(s, 2, 4)->type, LT_CELL_NUMBER);
	assert_true(lt_sheet_cell(s, 2, 5)->num == 15000000);
	assert_int_equal(lt_sheet_cell(s, 4, 5)->type, LT_CELL_EMPTY);
}

static void test_libreoffice_fixture(void **state)
{
	const char *dir = getenv("LT_TABLES_DIR");
	char path[1024];
	size_t len = 0;
	char *z;
	lt_table *t;
	(void)state;
	if (!dir)
		skip();
	snprintf(path, sizeof(path), "%s/activities-libreoffice.xlsx", dir);
	z = slurp(path, &len);
	assert_non_null(z);
	t = read_ok(z, len);
	check_libreoffice_table(t);
	lt_table_free(t);
	free(z);
}

static void test_libreoffice_live(void **state)
{
	const char *dir = getenv("LT_TABLES_DIR");
	char tmp[] = "/tmp/lt-lo-XXXXXX", cmd[4096], path[1100];
	size_t len = 0;
	char *z;
	lt_table *t;
	(void)state;
	if (!dir || system("command -v libreoffice >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(tmp));
	/* own profile dir: a parallel LibreOffice would otherwise hold the lock */
	snprintf(cmd, sizeof(cmd),
		 "cd %s && libreoffice -env:UserInstallation=file://%s/profile --headless "
		 "--infilter=CSV:44,34,76,1,3/4,1066 --convert-to xlsx --outdir %s "
		 "%s/activities.csv >/dev/null 2>&1",
		 tmp, tmp, tmp, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/activities.xlsx", tmp);
	z = slurp(path, &len);
	assert_non_null(z);
	t = read_ok(z, len);
	check_libreoffice_table(t);
	lt_table_free(t);
	free(z);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_inline_and_types),
		cmocka_unit_test(test_date_styles),
		cmocka_unit_test(test_1904_system),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_zip_without_workbook),
		cmocka_unit_test(test_missing_sheet_part),
		cmocka_unit_test(test_wrong_sheet_name_lists_names),
		cmocka_unit_test(test_big_cell),
		cmocka_unit_test(test_bad_xml),
		cmocka_unit_test(test_dtd_refused),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_libreoffice_fixture),
		cmocka_unit_test(test_libreoffice_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
