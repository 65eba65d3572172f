/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/render/report_render.c and report_formats.c: a district
 * report snapshot as PDF (A4, header, number, date line, figures, diacritics
 * from NFD input), DOCX (converts with LibreOffice), XLSX and CSV (read back),
 * HTML (escaped). The snapshot is tests/data/reports/snapshot-gialam.json.
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_docx_opens_in_libreoffice),
		cmocka_unit_test(test_xlsx_and_csv_read_back),
		cmocka_unit_test(test_html_escapes_and_charts),
		cmocka_unit_test(test_bad_format),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
