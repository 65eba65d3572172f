/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/render/csv.c and the table model it fills (src/render/table.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "render/csv.h"

static lt_table *read_ok(const char *data, size_t len)
{
	lt_table *t = NULL;
	lt_error e = { 0 };
	int rc = lt_csv_read(data, len, NULL, &t, &e);

	if (rc)
		fail_msg("lt_csv_read: %d %s / %s", rc, e.field, e.en);
	assert_non_null(t);
	assert_int_equal(t->nsheets, 1);
	return t;
}

static const char *cell(const lt_table *t, int row, int col)
{
	return lt_sheet_cell(lt_table_sheet_at(t, 0), row, col)->text;
}

static void test_quotes_and_newlines(void **state)
{
	const char *in = "Mã,Tên,Ghi chú\r\n"
			 "\"DV01\",\"Công đoàn \"\"Sao Mai\"\"\",\"dòng 1\r\ndòng 2\"\r\n"
			 "DV02,\"a,b\",\r\n";
	lt_table *t = read_ok(in, strlen(in));
	const lt_sheet *s = lt_table_sheet_at(t, 0);
	(void)state;
	assert_int_equal(s->nrows, 3);
	assert_int_equal(s->ncols, 3);
	assert_string_equal(cell(t, 2, 1), "DV01");
	assert_string_equal(cell(t, 2, 2), "Công đoàn \"Sao Mai\"");
	assert_string_equal(cell(t, 2, 3), "dòng 1\r\ndòng 2");
	assert_string_equal(cell(t, 3, 2), "a,b");
	/* empty trailing field: present, empty */
	assert_int_equal(lt_sheet_row_len(s, 3), 3);
	assert_int_equal(lt_sheet_cell(s, 3, 3)->type, LT_CELL_EMPTY);
	assert_int_equal(lt_sheet_cell(s, 2, 2)->type, LT_CELL_STRING);
	/* outside the data: empty, never NULL */
	assert_int_equal(lt_sheet_cell(s, 99, 99)->type, LT_CELL_EMPTY);
	assert_string_equal(lt_sheet_cell(s, 0, 1)->text, "");
	lt_table_free(t);
}

static void test_semicolon_tab_bom_lf(void **state)
{
	const char *semi = "\xEF\xBB\xBFM\xC3\xA3;S\xE1\xBB\x91 ti\xE1\xBB\x81n\n"
			   "DV01;1.234.567,5\nDV02;\"7,5\"\n";
	const char *tab = "a\tb\tc\n1\t2\t3\n";
	lt_table *t = read_ok(semi, strlen(semi));
	(void)state;
	assert_int_equal(lt_csv_detect_sep(semi, strlen(semi)), ';');
	assert_string_equal(cell(t, 1, 1), "Mã"); /* BOM dropped */
	assert_string_equal(cell(t, 1, 2), "Số tiền");
	assert_string_equal(cell(t, 2, 2), "1.234.567,5");
	assert_string_equal(cell(t, 3, 2), "7,5");
	assert_int_equal(lt_table_sheet_at(t, 0)->nrows, 3);
	lt_table_free(t);

	t = read_ok(tab, strlen(tab));
	assert_int_equal(lt_csv_detect_sep(tab, strlen(tab)), '\t');
	assert_string_equal(cell(t, 2, 3), "3");
	assert_int_equal(lt_table_sheet_at(t, 0)->ncols, 3);
	lt_table_free(t);
}

static void test_separator_consistency_wins(void **state)
{
	/* The header has one comma inside a name and one ';' per record: ';'
	 * is the only separator consistent across records. */
	const char *in = "Tên đơn vị;Số người (nam, nữ)\nA;1\nB;2\n";
	(void)state;
	assert_int_equal(lt_csv_detect_sep(in, strlen(in)), ';');
}

static void test_ragged_and_blank_rows(void **state)
{
	const char *in = "a,b,c\n1\n\n4,5,6,7\n";
	lt_table *t = read_ok(in, strlen(in));
	const lt_sheet *s = lt_table_sheet_at(t, 0);
	(void)state;
	assert_int_equal(s->nrows, 4);
	assert_int_equal(lt_sheet_row_len(s, 2), 1);
	assert_int_equal(lt_sheet_cell(s, 3, 1)->type, LT_CELL_EMPTY);
	assert_int_equal(lt_sheet_row_len(s, 4), 4);
	assert_int_equal(s->ncols, 4);
	assert_string_equal(cell(t, 4, 4), "7");
	lt_table_free(t);
}

static void test_nfd_becomes_nfc(void **state)
{
	const char *in = "Gia La\xcc\x82m,x\n"; /* a + combining circumflex */
	lt_table *t = read_ok(in, strlen(in));
	(void)state;
	assert_string_equal(cell(t, 1, 1), "Gia Lâm");
	lt_table_free(t);
}

static void test_fast_nfc_set_is_stable(void **state)
{
	/* Every code point the fast path lets through must be its own NFC. */
	static const int32_t ranges[][2] = {
		{ 0x09, 0x0A }, { 0x0D, 0x0D }, { 0x20, 0x2FF }, { 0x1E00, 0x1EFF },
		{ 0x2010, 0x206F }, { 0x20A0, 0x20BF }
	};
	(void)state;
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
		for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			utf8proc_uint8_t s[8], *m = NULL;
			utf8proc_ssize_t n = utf8proc_encode_char(cp, s);
			assert_true(lt_table_fast_nfc((char *)s, (size_t)n));
			assert_true(utf8proc_map(s, n, &m, UTF8PROC_STABLE | UTF8PROC_COMPOSE) == n);
			assert_memory_equal(m, s, (size_t)n);
			free(m);
		}
}

static void test_invalid_utf8_names_cell(void **state)
{
	/* "Hà Nội" in Windows-1258-ish bytes on row 3, column B. */
	const char *in = "a,b\nc,d\ne,H\xe0 N\xf4i\n";
	lt_table *t = (lt_table *)1;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_csv_read(in, strlen(in), NULL, &t, &e), LT_EINVAL);
	assert_null(t);
	assert_string_equal(e.field, "B3");
	assert_non_null(strstr(e.en, "Row 3, column B"));
	assert_non_null(strstr(e.en, "CSV UTF-8"));
	assert_non_null(strstr(e.vi, "Dòng 3, cột B"));
	assert_non_null(strstr(e.vi, "CSV UTF-8"));
}

/* A control character or a noncharacter in a cell is refused, naming the cell. */
static void test_forbidden_code_point_names_cell(void **state)
{
	const char *in = "a,b\nc,x\xef\xbf\xbey\n";
	lt_table *t = (lt_table *)1;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_csv_read(in, strlen(in), NULL, &t, &e), LT_EINVAL);
	assert_null(t);
	assert_string_equal(e.field, "B2");
	assert_non_null(strstr(e.en, "noncharacter"));
	assert_non_null(strstr(e.vi, "Dòng 2, cột B"));
}

static void test_utf16_refused(void **state)
{
	const char in[] = "\xFF\xFE" "a\0,\0b\0";
	lt_table *t = NULL;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_csv_read(in, sizeof(in) - 1, NULL, &t, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "UTF-16"));
}

static void test_big_cell_error(void **state)
{
	size_t n = 1 << 20;
	char *in = malloc(n + 16);
	lt_table *t = NULL;
	lt_error e = { 0 };
	(void)state;
	assert_non_null(in);
	memcpy(in, "a,b\nx,", 6);
	memset(in + 6, 'y', n);
	memcpy(in + 6 + n, "\n", 2);
	assert_int_equal(lt_csv_read(in, n + 7, NULL, &t, &e), LT_ETOOBIG);
	assert_null(t);
	assert_string_equal(e.field, "B2");
	assert_non_null(strstr(e.en, "too long"));
	/* quoted too */
	memcpy(in, "a,b\nx,\"", 7);
	memcpy(in + 6 + n, "\"\n", 3);
	assert_int_equal(lt_csv_read(in, n + 8, NULL, &t, &e), LT_ETOOBIG);
	assert_string_equal(e.field, "B2");
	free(in);
}

static void test_unterminated_quote(void **state)
{
	const char *in = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n";
	lt_table *t = NULL;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_csv_read(in, strlen(in), NULL, &t, &e), LT_EINVAL);
	assert_null(t);
	assert_string_equal(e.field, "B3"); /* where the quote was opened */
	assert_non_null(strstr(e.en, "never closed"));
}

static void test_limits(void **state)
{
	lt_table_limits lim = { 0 };
	lt_table *t = NULL;
	lt_error e = { 0 };
	const char *in = "a,b,c\n1,2,3\n4,5,6\n";
	(void)state;
	lim.max_rows = 2;
	assert_int_equal(lt_csv_read(in, strlen(in), &lim, &t, &e), LT_ETOOBIG);
	assert_non_null(strstr(e.en, "rows"));
	lim.max_rows = 0;
	lim.max_cols = 2;
	assert_int_equal(lt_csv_read(in, strlen(in), &lim, &t, &e), LT_ETOOBIG);
	assert_string_equal(e.field, "C1");
	/* a separator at the very end opens one more (empty) column: counted too */
	assert_int_equal(lt_csv_read("a,b,", 4, &lim, &t, &e), LT_ETOOBIG);
	assert_string_equal(e.field, "C1");
	lim.max_cols = 0;
	lim.max_bytes = 10;
	assert_int_equal(lt_csv_read(in, strlen(in), &lim, &t, &e), LT_ETOOBIG);
	lim.max_bytes = 0;
	lim.max_cell_bytes = 2;
	assert_int_equal(lt_csv_read("ab,abc\n", 7, &lim, &t, &e), LT_ETOOBIG);
	assert_string_equal(e.field, "B1");
	assert_null(t);
	/* exactly at the limits passes */
	lim.max_cell_bytes = 3;
	lim.max_rows = 3;
	lim.max_cols = 3;
	assert_int_equal(lt_csv_read(in, strlen(in), &lim, &t, &e), 0);
	lt_table_free(t);
}

static void test_empty_input(void **state)
{
	lt_table *t = read_ok("", 0);
	(void)state;
	assert_int_equal(lt_table_sheet_at(t, 0)->nrows, 0);
	lt_table_free(t);
	t = read_ok("\xEF\xBB\xBF", 3);
	assert_int_equal(lt_table_sheet_at(t, 0)->nrows, 0);
	lt_table_free(t);
}

static void test_write_quotes_bom_crlf_injection(void **state)
{
	lt_table *t = NULL;
	lt_sheet *s;
	lt_buf b;
	const char *want = "\xEF\xBB\xBF"
			   "Mã,Tên,Số tiền,Ngày,Công thức\r\n"
			   "DV01,\"Công đoàn \"\"Sao Mai\"\", Gia Lâm\",1234567,2024-01-18,'=SUM(A1:A2)\r\n"
			   "DV02,\"dòng 1\ndòng 2\",-5,,'@cmd\r\n";
	(void)state;
	lt_buf_init(&b, 1 << 20);
	assert_int_equal(lt_table_new(&t), 0);
	s = lt_table_add_sheet(t, "Danh sách");
	assert_non_null(s);
	assert_int_equal(lt_sheet_set_text(s, 1, 1, "Mã", strlen("Mã")), 0);
	assert_int_equal(lt_sheet_set_text(s, 1, 2, "Tên", strlen("Tên")), 0);
	assert_int_equal(lt_sheet_set_text(s, 1, 3, "Số tiền", strlen("Số tiền")), 0);
	assert_int_equal(lt_sheet_set_text(s, 1, 4, "Ngày", strlen("Ngày")), 0);
	assert_int_equal(lt_sheet_set_text(s, 1, 5, "Công thức", strlen("Công thức")), 0);
	assert_int_equal(lt_sheet_set_text(s, 2, 1, "DV01", 4), 0);
	assert_int_equal(lt_sheet_set_text(s, 2, 2, "Công đoàn \"Sao Mai\", Gia Lâm",
					   strlen("Công đoàn \"Sao Mai\", Gia Lâm")), 0);
	assert_int_equal(lt_sheet_set_number(s, 2, 3, 1234567, LT_NUMFMT_MONEY), 0);
	assert_int_equal(lt_sheet_set_date(s, 2, 4, "2024-01-18"), 0);
	assert_int_equal(lt_sheet_set_text(s, 2, 5, "=SUM(A1:A2)", 11), 0);
	assert_int_equal(lt_sheet_set_text(s, 3, 1, "DV02", 4), 0);
	assert_int_equal(lt_sheet_set_text(s, 3, 2, "dòng 1\ndòng 2", strlen("dòng 1\ndòng 2")), 0);
	assert_int_equal(lt_sheet_set_number(s, 3, 3, -5, LT_NUMFMT_GENERAL), 0); /* a number: no apostrophe */
	assert_int_equal(lt_sheet_set_text(s, 3, 5, "@cmd", 4), 0);
	assert_int_equal(lt_csv_write(s, 0, &b, NULL), 0);
	assert_string_equal(lt_buf_cstr(&b), want);
	lt_table_free(t);

	/* and it reads back (apostrophes stay: they are part of the text now) */
	t = read_ok(b.ptr, b.len);
	assert_string_equal(cell(t, 2, 2), "Công đoàn \"Sao Mai\", Gia Lâm");
	assert_string_equal(cell(t, 3, 2), "dòng 1\ndòng 2");
	assert_string_equal(cell(t, 2, 5), "'=SUM(A1:A2)");
	assert_string_equal(cell(t, 3, 3), "-5");
	lt_table_free(t);
	lt_buf_free(&b);
}

static void test_write_semicolon_and_cap(void **state)
{
	lt_table *t = NULL;
	lt_sheet *s;
	lt_buf b;
	lt_error e = { 0 };
	(void)state;
	assert_int_equal(lt_table_new(&t), 0);
	s = lt_table_add_sheet(t, "x");
	assert_int_equal(lt_sheet_set_text(s, 1, 1, "a;b", 3), 0);
	assert_int_equal(lt_sheet_set_text(s, 1, 2, "c,d", 3), 0);
	lt_buf_init(&b, 1024);
	assert_int_equal(lt_csv_write(s, ';', &b, NULL), 0);
	assert_string_equal(lt_buf_cstr(&b), "\xEF\xBB\xBF\"a;b\";\"c,d\"\r\n");
	lt_buf_free(&b);
	lt_buf_init(&b, 5);
	assert_int_equal(lt_csv_write(s, ';', &b, &e), LT_ETOOBIG);
	lt_buf_free(&b);
	lt_table_free(t);
}

static void test_table_helpers(void **state)
{
	char buf[8];
	char iso[20];
	double serial;
	lt_table *t = NULL;
	lt_buf names;
	(void)state;
	lt_table_colname(1, buf);
	assert_string_equal(buf, "A");
	lt_table_colname(26, buf);
	assert_string_equal(buf, "Z");
	lt_table_colname(27, buf);
	assert_string_equal(buf, "AA");
	lt_table_colname(702, buf);
	assert_string_equal(buf, "ZZ");
	lt_table_colname(703, buf);
	assert_string_equal(buf, "AAA");
	lt_table_colname(16384, buf);
	assert_string_equal(buf, "XFD");
	lt_table_colname(0, buf);
	assert_string_equal(buf, "?");

	/* Excel serials: 45309 is 18/01/2024; the 1900 leap-year bug. */
	assert_int_equal(lt_table_iso_to_serial("2024-01-18", &serial), 0);
	assert_true(serial == 45309);
	assert_int_equal(lt_table_serial_to_iso(45309, false, iso), 0);
	assert_string_equal(iso, "2024-01-18");
	assert_int_equal(lt_table_serial_to_iso(61, false, iso), 0);
	assert_string_equal(iso, "1900-03-01");
	assert_int_equal(lt_table_serial_to_iso(59, false, iso), 0);
	assert_string_equal(iso, "1900-02-28");
	assert_int_equal(lt_table_serial_to_iso(1, false, iso), 0);
	assert_string_equal(iso, "1900-01-01");
	assert_int_equal(lt_table_iso_to_serial("1900-01-01", &serial), 0);
	assert_true(serial == 1);
	assert_int_equal(lt_table_serial_to_iso(45309.75, false, iso), 0);
	assert_string_equal(iso, "2024-01-18T18:00:00");
	assert_int_equal(lt_table_serial_to_iso(0.5, true, iso), 0);
	assert_string_equal(iso, "12:00:00");
	assert_int_equal(lt_table_serial_to_iso(-1, false, iso), -1);
	assert_int_equal(lt_table_iso_to_serial("2023-02-29", &serial), -1);
	assert_int_equal(lt_table_iso_to_serial("2024-13-01", &serial), -1);
	assert_int_equal(lt_table_iso_to_serial("18/01/2024", &serial), -1);

	{
		char nb[32];
		lt_table_format_number(-1234567, nb);
		assert_string_equal(nb, "-1234567");
		lt_table_format_number(0.1, nb);
		assert_string_equal(nb, "0.1");
		lt_table_format_number(1e20, nb);
		assert_string_equal(nb, "1e+20");
		lt_table_format_number(-0.0, nb);
		assert_string_equal(nb, "0");
	}

	assert_int_equal(lt_table_new(&t), 0);
	assert_non_null(lt_table_add_sheet(t, "Đơn vị"));
	assert_non_null(lt_table_add_sheet(t, "Hoạt động"));
	assert_ptr_equal(lt_table_sheet(t, "Hoạt động"), lt_table_sheet_at(t, 1));
	assert_ptr_equal(lt_table_sheet(t, "ĐƠN VỊ"), lt_table_sheet_at(t, 0));
	assert_null(lt_table_sheet(t, "Phản ánh"));
	lt_buf_init(&names, 256);
	assert_int_equal(lt_table_sheet_names(t, &names), 0);
	assert_string_equal(lt_buf_cstr(&names), "“Đơn vị”, “Hoạt động”");
	lt_buf_free(&names);
	assert_int_equal(lt_sheet_set_date(lt_table_sheet_at(t, 0), 1, 1, "2024-02-30"),
			 LT_EINVAL);
	assert_int_equal(lt_sheet_set_text(lt_table_sheet_at(t, 0), 1, 1, "\xff", 1),
			 LT_EINVAL);
	assert_int_equal(lt_sheet_set_text(lt_table_sheet_at(t, 0), 0, 1, "a", 1),
			 LT_EINVAL);
	lt_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_and_newlines),
		cmocka_unit_test(test_semicolon_tab_bom_lf),
		cmocka_unit_test(test_separator_consistency_wins),
		cmocka_unit_test(test_ragged_and_blank_rows),
		cmocka_unit_test(test_nfd_becomes_nfc),
		cmocka_unit_test(test_fast_nfc_set_is_stable),
		cmocka_unit_test(test_invalid_utf8_names_cell),
		cmocka_unit_test(test_utf16_refused),
		cmocka_unit_test(test_forbidden_code_point_names_cell),
		cmocka_unit_test(test_big_cell_error),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_write_quotes_bom_crlf_injection),
		cmocka_unit_test(test_write_semicolon_and_cap),
		cmocka_unit_test(test_table_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
