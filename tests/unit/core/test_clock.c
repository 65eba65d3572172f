/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/clock.c: the campaign's calendar is Vietnam's (UTC+7). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/clock.h"
#include "core/error.h"

/* 2024-01-18 17:30 UTC is 2024-01-19 00:30 in Hà Nội: already the next day. */
#define T_UTC_1730 1705599000

static void test_vietnam_day(void **state)
{
	char d[11], s[20];

	(void)state;
	lt_vn_date(T_UTC_1730, d);
	assert_string_equal(d, "2024-01-19");
	lt_vn_date(T_UTC_1730 - 3600, d); /* 23:30 in Hà Nội */
	assert_string_equal(d, "2024-01-18");
	lt_vn_format(T_UTC_1730, "%d/%m/%Y %H:%M", s, sizeof(s));
	assert_string_equal(s, "19/01/2024 00:30");
	assert_int_equal(lt_vn_day(T_UTC_1730), lt_days_from_civil(2024, 1, 19));
	assert_int_equal(lt_vn_day(T_UTC_1730 - 3600), lt_days_from_civil(2024, 1, 18));
}

static void test_civil_round_trip(void **state)
{
	long y;
	unsigned m, d;
	char iso[11];
	int64_t day = 0;

	(void)state;
	assert_int_equal(lt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(lt_days_from_civil(2024, 2, 29) + 1, lt_days_from_civil(2024, 3, 1));
	lt_civil_from_days(lt_days_from_civil(1899, 12, 30), &y, &m, &d);
	assert_int_equal(y, 1899);
	assert_int_equal(m, 12);
	assert_int_equal(d, 30);
	assert_int_equal(lt_iso_day("2024-01-18", &day), 0);
	lt_iso_of_day(day - 3, iso);
	assert_string_equal(iso, "2024-01-15");
	assert_int_equal(lt_iso_day("18/01/2024", &day), LT_EINVAL);
	assert_int_equal(lt_iso_day(NULL, &day), LT_EINVAL);
}

static void test_epoch_of_local_time(void **state)
{
	(void)state;
	assert_int_equal(lt_vn_epoch(2024, 1, 19, 0, 30, 0), T_UTC_1730);
}

static void test_pinned_now(void **state)
{
	char d[11];

	(void)state;
	setenv("LANTOA_NOW", "1705599000", 1);
	assert_int_equal(lt_now(), T_UTC_1730);
	lt_today(d);
	assert_string_equal(d, "2024-01-19");
	unsetenv("LANTOA_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnam_day),
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_epoch_of_local_time),
		cmocka_unit_test(test_pinned_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
