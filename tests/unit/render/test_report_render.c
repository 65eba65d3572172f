/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/render/report_render.c and report_formats.c: a district
 * report snapshot as PDF (A4, header, number, date line, figures, diacritics
 * from NFD input), DOCX (converts with LibreOffice), XLSX and CSV (read back),
 * HTML (escaped). The snapshot is tests/data/reports/snapshot-gialam.json.
 * Then what people read in each document (issue 12): channels by their
 * names, themes once over their channels, "và N đơn vị khác" for the units
 * not listed, no row of dashes for the reporting unit, and the file name.
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

#include "render/csv.h"
#include "render/report_render.h"
#include "render/xlsx_read.h"
#include "shell_helpers.h"
#include "zip_helpers.h"

static json_t *snap;
static char dir[64];

static int setup(void **state)
{
	json_error_t jerr;
	(void)state;
	snap = json_load_file(SOURCE_ROOT "/tests/data/reports/snapshot-gialam.json", 0, &jerr);
	snprintf(dir, sizeof(dir), "/tmp/lantoa-rr-XXXXXX");
	return snap && mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	json_decref(snap);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *render_to_file(const char *format)
{
	lt_buf out;
	lt_error e;
	const char *type, *ext;
	char *path;
	FILE *f;

	lt_buf_init(&out, 64u << 20);
	if (lt_report_render(snap, "ab12cd34", format, &out, &type, &ext, &e))
		fail_msg("render %s: %s", format, e.en);
	assert_true(asprintf(&path, "%s/report.%s", dir, ext) > 0);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out.ptr, 1, out.len, f), out.len);
	fclose(f);
	lt_buf_free(&out);
	return path;
}

static void test_pdf(void **state)
{
	char *path = render_to_file("pdf"), cmd[512], *info, *text;
	(void)state;
	snprintf(cmd, sizeof(cmd), "pdfinfo %s", path);
	info = run(cmd);
	assert_non_null(info);
	assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s -", path);
	text = run(cmd);
	assert_non_null(text);
	assert_non_null(strstr(text, "LĐLĐ THÀNH PHỐ HÀ NỘI"));
	assert_non_null(strstr(text, "LĐLĐ HUYỆN GIA LÂM"));
	assert_non_null(strstr(text, "Số: 15/BC-LĐLĐ"));
	assert_non_null(strstr(text, "Gia Lâm, ngày 05 tháng 02 năm 2024"));
	assert_non_null(strstr(text, "BÁO CÁO"));
	assert_non_null(strstr(text, "1.234.567 đ"));
	assert_non_null(strstr(text, "1.520"));
	/* NFD in the snapshot comes out composed. */
	assert_non_null(strstr(text, "Tổng kinh phí hỗ trợ"));
	assert_non_null(strstr(text, "tặng quà Tết"));
	assert_non_null(strstr(text, "Nguyễn Đức Thê"));
	assert_non_null(strstr(text, "ab12cd34"));
	assert_non_null(strstr(text, "Nơi nhận"));
	assert_non_null(strstr(text, "Thưởng Tết: 12 tin nhắn"));
	assert_non_null(strstr(text, "làm việc với doanh nghiệp"));
	free(info);
	free(text);
	free(path);
}

static void test_docx_opens_in_libreoffice(void **state)
{
	char *path = render_to_file("docx"), cmd[1024], *text;
	(void)state;
	if (access("/usr/bin/libreoffice", X_OK)) {
		free(path);
		skip();
	}
	snprintf(cmd, sizeof(cmd),
		 "cd %s && timeout 120 libreoffice -env:UserInstallation=file://%s/lo --headless"
		 " --convert-to pdf report.docx >/dev/null 2>&1 && pdftotext report.pdf -",
		 dir, dir);
	text = run(cmd);
	assert_non_null(text);
	assert_non_null(strstr(text, "Số: 15/BC-LĐLĐ"));
	assert_non_null(strstr(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	free(text);
	free(path);
}

static void test_xlsx_and_csv_read_back(void **state)
{
	char *path = render_to_file("xlsx"), *data;
	lt_table *t = NULL;
	lt_sheet *s;
	lt_error e;
	FILE *f;
	long n;
	lt_buf out;
	const char *type, *ext;

	(void)state;
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_int_equal(lt_xlsx_read(data, (size_t)n, NULL, &t, &e), 0);
	s = lt_table_sheet(t, "Số liệu");
	assert_non_null(s);
	assert_string_equal(lt_sheet_cell(s, 2, 2)->text, "Công đoàn xã Đa Tốn");
	assert_true(lt_sheet_cell(s, 2, 4)->num == 600000);
	assert_string_equal(lt_sheet_cell(s, 3, 2)->text, "Tổng cộng");
	assert_true(lt_sheet_cell(s, 3, 4)->num == 1234567);
	assert_non_null(lt_table_sheet(t, "Tin bài"));
	s = lt_table_sheet(t, "Tiến độ");
	assert_non_null(s);
	assert_true(lt_sheet_cell(s, 2, 3)->num == 6);
	lt_table_free(t);
	free(data);
	free(path);
	/* CSV: the same figures sheet. */
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_report_render(snap, NULL, "csv", &out, &type, &ext, &e), 0);
	assert_int_equal(lt_csv_read(out.ptr, out.len, NULL, &t, &e), 0);
	s = lt_table_sheet_at(t, 0);
	assert_string_equal(lt_sheet_cell(s, 1, 2)->text, "Đơn vị");
	assert_string_equal(lt_sheet_cell(s, 3, 4)->text, "1234567");
	lt_table_free(t);
	lt_buf_free(&out);
}

static void test_html_escapes_and_charts(void **state)
{
	lt_buf out;
	lt_error e;
	const char *type, *ext;
	json_t *u = json_object_get(snap, "unit");
	(void)state;
	json_object_set_new(u, "name", json_string("LĐLĐ <b>Gia Lâm</b> & \"x\""));
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_report_render(snap, NULL, "html", &out, &type, &ext, &e), 0);
	assert_string_equal(type, "text/html; charset=utf-8");
	assert_null(strstr(out.ptr, "<b>Gia"));
	assert_non_null(strstr(out.ptr, "LĐLĐ &lt;b&gt;Gia Lâm&lt;/b&gt; &amp; &quot;x&quot;"));
	assert_non_null(strstr(out.ptr, "<svg"));
	assert_null(strstr(out.ptr, "style="));
	assert_null(strstr(out.ptr, "<script"));
	json_object_set_new(u, "name", json_string("LĐLĐ huyện Gia Lâm"));
	lt_buf_free(&out);
}

static void test_bad_format(void **state)
{
	lt_buf out;
	lt_error e;
	const char *type, *ext;
	(void)state;
	lt_buf_init(&out, 1024);
	assert_int_equal(lt_report_render(snap, NULL, "odt", &out, &type, &ext, &e), LT_EINVAL);
	assert_string_equal(e.field, "format");
	assert_string_equal(lt_report_place("LĐLĐ huyện Gia Lâm"), "Gia Lâm");
	assert_string_equal(lt_report_place("Công đoàn thị trấn Trâu Quỳ"), "Trâu Quỳ");
	lt_buf_free(&out);
}


static char *render_bytes(const char *format, size_t *len)
{
	lt_buf out;
	lt_error e;
	const char *type, *ext;
	char *p;

	lt_buf_init(&out, 64u << 20);
	if (lt_report_render(snap, "ab12cd34", format, &out, &type, &ext, &e))
		fail_msg("render %s: %s", format, e.en);
	*len = out.len;
	p = lt_buf_steal(&out);
	assert_non_null(p);
	return p;
}

/* The XLSX of snap, read back (free with lt_table_free). */
static lt_table *render_book(void)
{
	size_t n;
	char *xlsx = render_bytes("xlsx", &n);
	lt_table *t = NULL;
	lt_error e;

	if (lt_xlsx_read(xlsx, n, NULL, &t, &e))
		fail_msg("read back: %s", e.en);
	free(xlsx);
	return t;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Two themes over three channels, as store/rollup orders them (theme by theme). */
static json_t *two_themes(void)
{
	return json_pack("[{s:i,s:s,s:s,s:i,s:i,s:i,s:i},{s:i,s:s,s:s,s:i,s:i,s:i,s:i},"
			 "{s:i,s:s,s:s,s:i,s:i,s:i,s:i},{s:i,s:s,s:s,s:i,s:i,s:i,s:i}]",
			 "theme_id", 5, "theme", "Chợ Tết Công đoàn năm 2024", "channel", "facebook",
			 "items", 30, "originals", 22, "shares", 8, "distinct_links", 25,
			 "theme_id", 5, "theme", "Chợ Tết Công đoàn năm 2024", "channel", "e-newspaper",
			 "items", 4, "originals", 4, "shares", 0, "distinct_links", 4,
			 "theme_id", 6, "theme", "Hành trình Tết Công đoàn", "channel", "tv",
			 "items", 2, "originals", 2, "shares", 0, "distinct_links", 2,
			 "theme_id", 6, "theme", "Hành trình Tết Công đoàn", "channel", "facebook",
			 "items", 7, "originals", 1, "shares", 6, "distinct_links", 3);
}

static void test_channels_by_name_and_themes_grouped(void **state)
{
	json_t *r = json_object_get(snap, "rollup"), *keep = json_incref(json_object_get(r, "items"));
	char *pdf_path, cmd[512], *text, *docx, *xml;
	size_t n;
	lt_table *t = NULL;
	lt_sheet *s;
	(void)state;
	json_object_set_new(r, "items", two_themes());

	/* PDF, as pdftotext reads it. */
	pdf_path = render_to_file("pdf");
	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s -", pdf_path);
	text = run(cmd);
	assert_non_null(text);
	assert_non_null(strstr(text, "Báo điện tử"));
	assert_non_null(strstr(text, "Truyền hình"));
	assert_null(strstr(text, "e-newspaper"));
	assert_null(strstr(text, "facebook")); /* "Facebook", by its name */
	assert_int_equal(count(text, "Chợ Tết Công đoàn năm 2024"), 1);
	assert_int_equal(count(text, "Hành trình Tết Công đoàn"), 1);
	/* The heading comes before its channels, the second theme after the first's rows. */
	assert_true(strstr(text, "Chợ Tết Công đoàn năm 2024") < strstr(text, "Báo điện tử"));
	assert_true(strstr(text, "Báo điện tử") < strstr(text, "Hành trình Tết Công đoàn"));
	assert_true(strstr(text, "Hành trình Tết Công đoàn") < strstr(text, "Truyền hình"));
	free(text);
	free(pdf_path);

	/* DOCX: the same words, the theme once in a cell across the table. */
	docx = render_bytes("docx", &n);
	xml = zip_entry(docx, n, "word/document.xml");
	assert_non_null(xml);
	assert_non_null(strstr(xml, "Báo điện tử"));
	assert_non_null(strstr(xml, "Truyền hình"));
	assert_null(strstr(xml, "e-newspaper"));
	assert_int_equal(count(xml, "Chợ Tết Công đoàn năm 2024"), 1);
	assert_int_equal(count(xml, "Hành trình Tết Công đoàn"), 1);
	assert_non_null(strstr(xml, "<w:gridSpan w:val=\"5\"/>"));
	free(xml);
	free(docx);

	/* XLSX: channel names in column B, each theme once, on its first row. */
	t = render_book();
	s = lt_table_sheet(t, "Tin bài");
	assert_non_null(s);
	assert_string_equal(lt_sheet_cell(s, 2, 1)->text, "Chợ Tết Công đoàn năm 2024");
	assert_string_equal(lt_sheet_cell(s, 2, 2)->text, "Facebook");
	assert_true(!lt_sheet_cell(s, 3, 1) || !lt_sheet_cell(s, 3, 1)->text ||
		    !*lt_sheet_cell(s, 3, 1)->text);
	assert_string_equal(lt_sheet_cell(s, 3, 2)->text, "Báo điện tử");
	assert_string_equal(lt_sheet_cell(s, 4, 1)->text, "Hành trình Tết Công đoàn");
	assert_string_equal(lt_sheet_cell(s, 4, 2)->text, "Truyền hình");
	assert_true(lt_sheet_cell(s, 5, 3)->num == 7);
	lt_table_free(t);

	/* The label table: one word per code, an unknown code shown as stored. */
	assert_string_equal(lt_channel_label("e-newspaper", false), "Báo điện tử");
	assert_string_equal(lt_channel_label("event", false), "Sự kiện trực tiếp");
	assert_string_equal(lt_channel_label(NULL, false), "Khác");
	assert_string_equal(lt_channel_label("podcast", false), "podcast");
	json_object_set_new(r, "items", keep);
}

static void test_missing_units_say_how_many_more(void **state)
{
	json_t *comp = json_object_get(snap, "completeness");
	json_t *keep = json_incref(json_object_get(comp, "missing_units")), *list = json_array();
	json_int_t was = json_integer_value(json_object_get(comp, "missing"));
	char *path, cmd[512], *text;
	lt_table *t = NULL;
	lt_sheet *s;
	bool more = false;
	(void)state;
	/* The store keeps up to 200 names; 60 here, of 132 missing. */
	for (int i = 1; i <= 60; i++)
		json_array_append_new(list, json_pack("{s:i,s:s#,s:s}", "id", 100 + i, "code", "x", 1,
						      "name", i == 50 ? "CĐCS Số Năm Mươi" : i == 51 ? "CĐCS Số Năm Mốt" : "CĐCS Trường"));
	json_object_set_new(comp, "missing_units", list);
	json_object_set_new(comp, "missing", json_integer(132));
	path = render_to_file("pdf");
	snprintf(cmd, sizeof(cmd), "pdftotext %s -", path);
	text = squash(run(cmd));
	assert_non_null(text);
	assert_non_null(strstr(text, "Các đơn vị chưa báo cáo (132 đơn vị):"));
	assert_non_null(strstr(text, "CĐCS Số Năm Mươi"));
	assert_null(strstr(text, "CĐCS Số Năm Mốt")); /* the 51st is counted, not named */
	assert_non_null(strstr(text, "và 82 đơn vị khác"));
	free(text);
	free(path);
	/* The workbook lists all 60 the snapshot holds and counts the other 72. */
	t = render_book();
	s = lt_table_sheet(t, "Tiến độ");
	for (int r = 1; r < 200; r++) {
		const lt_cell *c = lt_sheet_cell(s, r, 2);
		if (c && c->text && !strcmp(c->text, "và 72 đơn vị khác"))
			more = true;
	}
	assert_true(more);
	lt_table_free(t);
	json_object_set_new(comp, "missing_units", keep);
	json_object_set_new(comp, "missing", json_integer(was));
}

static void test_no_row_of_dashes(void **state)
{
	/* The reporting unit is counted (its own news items) but has no figures. */
	json_t *units = json_pack("[{s:i,s:s,s:s,s:{},s:i},{s:i,s:s,s:s,s:{s:i,s:i},s:i}]",
				  "id", 2, "code", "01.018", "name", "LĐLĐ huyện Gia Lâm", "figures",
				  "items", 3, "id", 3, "code", "01.018.00577", "name",
				  "Công đoàn xã Đa Tốn", "figures", "people_supported", 700, "support_vnd",
				  600000, "items", 20);
	char *path, cmd[512], *text, *line;
	(void)state;
	json_object_set_new(snap, "units", units);
	path = render_to_file("pdf");
	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s -", path);
	text = run(cmd);
	assert_non_null(text);
	assert_non_null(strstr(text, "Số liệu theo đơn vị"));
	assert_non_null(strstr(text, "Công đoàn xã Đa Tốn"));
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, "LĐLĐ huyện Gia Lâm"))
			assert_null(strstr(line, "—"));
	free(text);
	free(path);
	/* Nor an empty row in the workbook: row 2 is Đa Tốn, row 3 the total. */
	{
		lt_table *t = render_book();
		lt_sheet *s = lt_table_sheet(t, "Số liệu");
		assert_string_equal(lt_sheet_cell(s, 2, 2)->text, "Công đoàn xã Đa Tốn");
		assert_string_equal(lt_sheet_cell(s, 3, 2)->text, "Tổng cộng");
		lt_table_free(t);
	}
	json_object_del(snap, "units");
}

static void test_file_name(void **state)
{
	char name[160];
	lt_arena a;
	const char *ascii, *utf8;
	(void)state;
	lt_report_file_name(snap, "pdf", name, sizeof(name));
	/* 42/LĐLĐ, LĐLĐ huyện Gia Lâm, generated on 05/02/2024 (Vietnam time). */
	assert_string_equal(name, "bao-cao-42-LDLD-gia-lam-2024-02-05.pdf");
	lt_arena_init(&a);
	assert_int_equal(lt_report_file_names(snap, "xlsx", &a, &ascii, &utf8), 0);
	assert_string_equal(ascii, "bao-cao-42-LDLD-gia-lam-2024-02-05.xlsx");
	assert_string_equal(utf8, "Báo cáo 42-LĐLĐ Gia Lâm 2024-02-05.xlsx");
	lt_arena_free(&a);
	/* Another directive and unit, another name; no two dashes, none at the ends. */
	{
		json_t *s2 = json_deep_copy(snap);
		json_object_set_new(json_object_get(s2, "directive"), "number", json_string("228/KH-LĐLĐ "));
		json_object_set_new(json_object_get(s2, "unit"), "name",
				    json_string("Công đoàn xã Đa Tốn"));
		lt_report_file_name(s2, "docx", name, sizeof(name));
		assert_string_equal(name, "bao-cao-228-KH-LDLD-da-ton-2024-02-05.docx");
		json_decref(s2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_docx_opens_in_libreoffice),
		cmocka_unit_test(test_xlsx_and_csv_read_back),
		cmocka_unit_test(test_html_escapes_and_charts),
		cmocka_unit_test(test_bad_format),
		cmocka_unit_test(test_channels_by_name_and_themes_grouped),
		cmocka_unit_test(test_missing_units_say_how_many_more),
		cmocka_unit_test(test_no_row_of_dashes),
		cmocka_unit_test(test_file_name),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
