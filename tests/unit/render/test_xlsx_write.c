/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/render/xlsx_write.c: round trip through lt_xlsx_read, and
 * the import template (drop-downs, constants, hidden list sheet). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "render/xlsx_read.h"
#include "render/xlsx_write.h"
#include "zip_helpers.h"

static lt_table *sample(void)
{
	lt_table *t = NULL;
	lt_sheet *s, *s2;
	static const char *hdr[] = { "Mã đơn vị", "Tên hoạt động", "Ngày", "Số người",
				     "Kinh phí (đ)", "Đã báo cáo", "Ghi chú" };

	assert_int_equal(lt_table_new(&t), 0);
	s = lt_table_add_sheet(t, "Hoạt động");
	assert_non_null(s);
	for (int c = 0; c < 7; c++)
		assert_int_equal(lt_sheet_set_text(s, 1, c + 1, hdr[c], strlen(hdr[c])), 0);
	for (int r = 2; r <= 40; r++) {
		char code[16], name[64];
		snprintf(code, sizeof(code), "ĐV%03d", r - 1);
		snprintf(name, sizeof(name), "Chợ Tết Công đoàn – gian hàng %d", r);
		assert_int_equal(lt_sheet_set_text(s, r, 1, code, strlen(code)), 0);
		assert_int_equal(lt_sheet_set_text(s, r, 2, name, strlen(name)), 0);
		assert_int_equal(lt_sheet_set_date(s, r, 3, r % 2 ? "2024-01-18" : "2024-02-05T08:30:00"), 0);
		assert_int_equal(lt_sheet_set_number(s, r, 4, r * 3.5, LT_NUMFMT_GENERAL), 0);
		assert_int_equal(lt_sheet_set_number(s, r, 5, 1234567.0 * r, LT_NUMFMT_MONEY), 0);
		assert_int_equal(lt_sheet_set_bool(s, r, 6, r % 3 == 0), 0);
		if (r % 4 == 0) /* others left empty */
			assert_int_equal(lt_sheet_set_text(s, r, 7, "=1+1 không phải công thức",
							   strlen("=1+1 không phải công thức")), 0);
	}
	/* a second sheet, a name Excel would refuse, a time of day */
	s2 = lt_table_add_sheet(t, "Phản ánh [2024]/Q1");
	assert_int_equal(lt_sheet_set_text(s2, 1, 1, "Giờ", strlen("Giờ")), 0);
	assert_int_equal(lt_sheet_set_date(s2, 2, 1, "13:45:00"), 0);
	return t;
}

static void assert_cells_equal(const lt_sheet *a, const lt_sheet *b)
{
	assert_int_equal(a->nrows, b->nrows);
	assert_int_equal(a->ncols, b->ncols);
	for (int r = 1; r <= a->nrows; r++)
		for (int c = 1; c <= a->ncols; c++) {
			const lt_cell *x = lt_sheet_cell(a, r, c), *y = lt_sheet_cell(b, r, c);
			if (x->type != y->type || strcmp(x->text, y->text) != 0 ||
			    x->num != y->num || x->numfmt != y->numfmt)
				fail_msg("R%dC%d: %d '%s' %g %d vs %d '%s' %g %d", r, c, x->type,
					 x->text, x->num, x->numfmt, y->type, y->text, y->num,
					 y->numfmt);
		}
}

/* An export with text XLSX cannot carry still opens: such text becomes U+FFFD. */
static void test_forbidden_code_points_in_export(void **state)
{
	lt_table *t = NULL, *back = NULL;
	lt_sheet *s;
	lt_buf b;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_table_new(&t), 0);
	s = lt_table_add_sheet(t, "Hoạt động");
	assert_int_equal(lt_sheet_set_text(s, 1, 1, "Tin\xef\xbf\xbe bài\x01",
					   strlen("Tin\xef\xbf\xbe bài\x01")), 0);
	assert_int_equal(lt_table_error(t), 0);
	lt_buf_init(&b, 16 << 20);
	assert_int_equal(lt_xlsx_write_buf(t, &b, &e), 0);
	assert_int_equal(lt_xlsx_read(b.ptr, b.len, NULL, &back, &e), 0);
	assert_string_equal(lt_sheet_cell(lt_table_sheet_at(back, 0), 1, 1)->text,
			    "Tin\xef\xbf\xbd bài\xef\xbf\xbd");
	lt_table_free(back);
	lt_table_free(t);
	lt_buf_free(&b);
}

static void test_round_trip(void **state)
{
	lt_table *t = sample(), *back = NULL;
	lt_buf b;
	lt_error e = { 0 };
	char *sheet1, *styles, *wb;
	(void)state;
	lt_buf_init(&b, 16 << 20);
	assert_int_equal(lt_xlsx_write_buf(t, &b, &e), 0);
	assert_true(b.len > 1000);
	assert_int_equal(lt_xlsx_read(b.ptr, b.len, NULL, &back, &e), 0);
	assert_int_equal(back->nsheets, 2);
	assert_string_equal(lt_table_sheet_at(back, 0)->name, "Hoạt động");
	assert_string_equal(lt_table_sheet_at(back, 1)->name, "Phản ánh _2024__Q1");
	assert_cells_equal(lt_table_sheet_at(t, 0), lt_table_sheet_at(back, 0));
	assert_cells_equal(lt_table_sheet_at(t, 1), lt_table_sheet_at(back, 1));
	assert_string_equal(lt_sheet_cell(lt_table_sheet_at(back, 0), 2, 3)->text,
			    "2024-02-05T08:30:00");
	assert_string_equal(lt_sheet_cell(lt_table_sheet_at(back, 1), 2, 1)->text, "13:45:00");

	/* what Excel shows: frozen header, bold, #,##0 and dd/mm/yyyy formats */
	sheet1 = zip_entry(b.ptr, b.len, "xl/worksheets/sheet1.xml");
	styles = zip_entry(b.ptr, b.len, "xl/styles.xml");
	wb = zip_entry(b.ptr, b.len, "xl/workbook.xml");
	assert_non_null(sheet1);
	assert_non_null(styles);
	assert_non_null(strstr(sheet1, "state=\"frozen\""));
	assert_non_null(strstr(sheet1, "ySplit=\"1\""));
	assert_non_null(strstr(sheet1, "<autoFilter ref=\"A1:G40\""));
	assert_non_null(strstr(sheet1, "<col min=\"2\" max=\"2\" width=\""));
	assert_non_null(strstr(styles, "formatCode=\"dd/mm/yyyy\""));
	assert_non_null(strstr(styles, "<b/>"));
	assert_non_null(strstr(styles, "numFmtId=\"3\"")); /* #,##0 is built-in 3 */
	assert_non_null(strstr(wb, "_xlnm._FilterDatabase"));
	free(sheet1);
	free(styles);
	free(wb);
	lt_table_free(t);
	lt_table_free(back);
	lt_buf_free(&b);
}

static void test_write_bad_path(void **state)
{
	lt_table *t = sample();
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_xlsx_write(t, "/nonexistent-dir/x.xlsx", &e), LT_EIO);
	assert_non_null(strstr(e.en, "Cannot write"));
	lt_table_free(t);
}

static void test_template(void **state)
{
	static const char *kinds[] = { "Bài viết", "Video", "Ảnh", "Livestream" };
	const char *units[40];
	char unit_names[40][48];
	static const char *ins[] = { "Hướng dẫn nhập hoạt động",
				     "1. Mỗi dòng là một hoạt động.",
				     "2. Chọn loại và đơn vị trong danh sách." };
	lt_xlsx_col cols[] = {
		{ .header = "Mã đơn vị", .constant = "GL-0042" },
		{ .header = "Đơn vị thực hiện", .choices = units, .nchoices = 40 },
		{ .header = "Loại", .choices = kinds, .nchoices = 4, .hint = "Chọn một loại" },
		{ .header = "Ngày", .kind = LT_XLSX_DATE },
		{ .header = "Kinh phí (đ)", .kind = LT_XLSX_MONEY },
		{ .header = "Lượt xem", .kind = LT_XLSX_INTEGER },
	};
	lt_xlsx_template tpl = { .sheet = "Hoạt động", .cols = cols, .ncols = 6, .nrows = 50,
				 .instructions_sheet = "Hướng dẫn", .instructions = ins,
				 .ninstructions = 3 };
	lt_buf b;
	lt_error e = { 0 };
	lt_table *t = NULL;
	const lt_sheet *s, *lists;
	char *sheet1, *wb;
	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(unit_names[i], sizeof(unit_names[i]), "Công đoàn cơ sở số %02d", i + 1);
		units[i] = unit_names[i];
	}
	lt_buf_init(&b, 16 << 20);
	assert_int_equal(lt_xlsx_template_write_buf(&tpl, &b, &e), 0);
	assert_int_equal(lt_xlsx_read(b.ptr, b.len, NULL, &t, &e), 0);
	assert_int_equal(t->nsheets, 3);
	s = lt_table_sheet(t, "Hoạt động");
	assert_ptr_equal(s, lt_table_sheet_at(t, 0));
	assert_string_equal(lt_sheet_cell(s, 1, 2)->text, "Đơn vị thực hiện");
	for (int r = 2; r <= 51; r++)
		assert_string_equal(lt_sheet_cell(s, r, 1)->text, "GL-0042");
	assert_int_equal(lt_sheet_cell(s, 52, 1)->type, LT_CELL_EMPTY);
	assert_string_equal(lt_sheet_cell(lt_table_sheet(t, "Hướng dẫn"), 2, 1)->text,
			    "1. Mỗi dòng là một hoạt động.");
	/* the long list (40 names > 255 chars) is on the hidden "lists" sheet */
	lists = lt_table_sheet(t, "lists");
	assert_non_null(lists);
	assert_int_equal(lists->nrows, 40);
	assert_string_equal(lt_sheet_cell(lists, 40, 1)->text, "Công đoàn cơ sở số 40");
	wb = zip_entry(b.ptr, b.len, "xl/workbook.xml");
	sheet1 = zip_entry(b.ptr, b.len, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(wb, "name=\"lists\" sheetId=\"3\" state=\"hidden\""));
	assert_non_null(strstr(sheet1, "<formula1>lists!$A$1:$A$40</formula1>"));
	assert_non_null(strstr(sheet1, "<formula1>\"Bài viết,Video,Ảnh,Livestream\"</formula1>"));
	assert_non_null(strstr(sheet1, "sqref=\"B2:B51\""));
	assert_non_null(strstr(sheet1, "type=\"whole\""));
	assert_non_null(strstr(sheet1, "type=\"date\""));
	assert_non_null(strstr(sheet1, "promptTitle") == NULL ? "ok" : NULL);
	assert_non_null(strstr(sheet1, "prompt=\"Chọn một loại\""));
	assert_non_null(strstr(sheet1, "state=\"frozen\""));
	free(wb);
	free(sheet1);
	lt_table_free(t);
	lt_buf_free(&b);

	/* a bad template is refused before anything is written */
	tpl.nrows = 0;
	lt_buf_init(&b, 1 << 20);
	assert_int_equal(lt_xlsx_template_write_buf(&tpl, &b, &e), LT_EINVAL);
	assert_int_equal(b.len, 0);
	tpl.nrows = 5;
	cols[2].header = NULL;
	assert_int_equal(lt_xlsx_template_write_buf(&tpl, &b, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "column 3"));
	lt_buf_free(&b);
}

static void test_buf_cap(void **state)
{
	lt_table *t = sample();
	lt_buf b;
	lt_error e = { 0 };
	(void)state;
	lt_buf_init(&b, 100);
	assert_int_equal(lt_xlsx_write_buf(t, &b, &e), LT_ETOOBIG);
	lt_buf_free(&b);
	lt_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_forbidden_code_points_in_export),
		cmocka_unit_test(test_write_bad_path),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_buf_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
