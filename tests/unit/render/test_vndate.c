/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/render/vndate.c: the date line and numbers of official documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "render/vndate.h"

static void check_line(const char *place, int y, int m, int d, const char *want)
{
	lt_buf b;

	lt_buf_init(&b, 256);
	assert_int_equal(lt_vndate_format_line(&b, place, y, m, d), 0);
	assert_string_equal(lt_buf_cstr(&b), want);
	lt_buf_free(&b);
}

/* Nghị định 30/2020: zero before days 1–9 and months 1–2 only. */
static void test_date_line_table(void **state)
{
	(void)state;
	check_line("Gia Lâm", 2024, 2, 5, "Gia Lâm, ngày 05 tháng 02 năm 2024");
	check_line("Gia Lâm", 2024, 1, 18, "Gia Lâm, ngày 18 tháng 01 năm 2024");
	check_line("Hà Nội", 2023, 12, 25, "Hà Nội, ngày 25 tháng 12 năm 2023");
	check_line("Hà Nội", 2024, 3, 10, "Hà Nội, ngày 10 tháng 3 năm 2024");
	check_line("Hà Nội", 2024, 9, 1, "Hà Nội, ngày 01 tháng 9 năm 2024");
	check_line("Gia Lâm", 2024, 2, 29, "Gia Lâm, ngày 29 tháng 02 năm 2024");
	check_line(NULL, 2025, 7, 1, "ngày 01 tháng 7 năm 2025");
	check_line("", 2025, 11, 30, "ngày 30 tháng 11 năm 2025");
}

static void test_date_invalid(void **state)
{
	lt_buf b;
	int y = 0, m = 0, d = 0;

	(void)state;
	lt_buf_init(&b, 256);
	assert_int_equal(lt_vndate_format_line(&b, "Gia Lâm", 2023, 2, 29), LT_EINVAL);
	assert_int_equal(lt_vndate_format_line(&b, "Gia Lâm", 2024, 13, 1), LT_EINVAL);
	assert_int_equal(lt_vndate_format_line(&b, "Gia Lâm", 2024, 4, 31), LT_EINVAL);
	assert_int_equal(b.len, 0);
	assert_int_equal(lt_vndate_parse_iso("2024-02-05", &y, &m, &d), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 5);
	assert_int_equal(lt_vndate_parse_iso("2024-2-5", &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso("2024-02-30", &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso("2024-02-05x", &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso("20a4-02-05", &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso(NULL, &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso("1900-02-29", &y, &m, &d), LT_EINVAL);
	assert_int_equal(lt_vndate_parse_iso("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(lt_vndate_format_short(&b, 2024, 1, 18), 0);
	assert_string_equal(lt_buf_cstr(&b), "18/01/2024");
	lt_buf_free(&b);
}

static void check_money(int64_t v, const char *want)
{
	lt_buf b;

	lt_buf_init(&b, 64);
	assert_int_equal(lt_vndate_format_money(&b, v), 0);
	assert_string_equal(lt_buf_cstr(&b), want);
	lt_buf_free(&b);
}

static void check_number(int64_t v, const char *want)
{
	lt_buf b;

	lt_buf_init(&b, 64);
	assert_int_equal(lt_vndate_format_number(&b, v), 0);
	assert_string_equal(lt_buf_cstr(&b), want);
	lt_buf_free(&b);
}

static void check_decimal(double v, int dec, const char *want)
{
	lt_buf b;

	lt_buf_init(&b, 64);
	assert_int_equal(lt_vndate_format_decimal(&b, v, dec), 0);
	assert_string_equal(lt_buf_cstr(&b), want);
	lt_buf_free(&b);
}

static void test_money(void **state)
{
	(void)state;
	check_money(1234567, "1.234.567 đ");
	check_money(0, "0 đ");
	check_money(-2500, "-2.500 đ");
	check_money(999, "999 đ");
	check_money(1000, "1.000 đ");
	check_money(7000000000000LL, "7.000.000.000.000 đ");
}

static void test_numbers(void **state)
{
	(void)state;
	check_number(12345, "12.345");
	check_number(0, "0");
	check_number(-5, "-5");
	check_number(-1234, "-1.234");
	check_number(243735, "243.735");
	check_number(100000, "100.000");
	check_number(INT64_MIN, "-9.223.372.036.854.775.808");
	check_number(INT64_MAX, "9.223.372.036.854.775.807");
	check_decimal(7.5, 1, "7,5");
	check_decimal(10.5, 2, "10,5");
	check_decimal(10500.25, 2, "10.500,25");
	check_decimal(3.0, 2, "3");
	check_decimal(-0.25, 2, "-0,25");
	check_decimal(0.004, 2, "0");
	check_decimal(1234567.891, 0, "1.234.568");
}

static void test_buf_cap(void **state)
{
	lt_buf b;

	(void)state;
	lt_buf_init(&b, 4);
	assert_int_equal(lt_vndate_format_money(&b, 1234567), LT_ETOOBIG);
	assert_int_equal(b.len, 0);
	lt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_line_table),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_buf_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
