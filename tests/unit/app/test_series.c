/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/series.c: officers import past campaigns' figures from
 * CSV (all or nothing, errors naming row and column), anyone logged in
 * reads them, the public does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/series.h"
#include "store/store.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	lt_actor officer, cadre, public;
} fx;

static lt_actor user(const char *role)
{
	lt_user u = { .id = 3, .unit_id = 2, .unit_path = "/1/2/", .role = role, .login = "x" };
	lt_actor a;
	lt_actor_user(&a, &u, NULL);
	return a;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	assert_int_equal(lt_db_open("sqlite::memory:", &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	lt_arena_init(&f->a);
	f->officer = user("officer");
	f->cadre = user("cadre");
	lt_actor_public(&f->public, "10.0.0.1");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	lt_arena_free(&f->a);
	free(f);
	return 0;
}

static int import(fx *f, const lt_actor *who, const char *csv, size_t *n, lt_error *e)
{
	return lt_app_series_import(f->db, who, csv, strlen(csv), n, e);
}

static void test_officer_imports_everyone_reads(void **state)
{
	fx *f = *state;
	lt_series_point *p = NULL;
	lt_series_info *s = NULL;
	size_t n = 0;
	lt_error e;

	assert_int_equal(import(f, &f->cadre, "indicator,year,scope,value\nbus_trips,2023,VN,4800\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(import(f, &f->officer,
				"value,year,indicator,scope,source\n4800,2023,bus_trips,VN,TLĐ\n"
				"5049,2024,bus_trips,VN,\n",
				&n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(lt_app_series_get(f->db, &f->cadre, "bus_trips", NULL, &f->a, &p, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].year, 2023);
	assert_true(p[1].value == 5049);
	assert_string_equal(p[0].source, "TLĐ");
	assert_int_equal(lt_app_series_list(f->db, &f->cadre, &f->a, &s, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].indicator, "bus_trips");
	assert_int_equal(s[0].from, 2023);
	assert_int_equal(s[0].to, 2024);
	assert_int_equal(lt_app_series_list(f->db, &f->public, &f->a, &s, &n, &e), LT_EAUTH);
	assert_int_equal(lt_app_series_get(f->db, &f->cadre, "", NULL, &f->a, &p, &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "indicator");
}

static void test_a_bad_row_imports_nothing(void **state)
{
	fx *f = *state;
	lt_series_info *s = NULL;
	size_t n = 0;
	lt_error e;

	assert_int_equal(import(f, &f->officer, "indicator,year,scope,value\nbus_trips,2023,VN,4800\nbus_trips,2024,VN,abc\n",
				&n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 3, column D (value)");
	assert_int_equal(import(f, &f->officer, "indicator,year,scope,value\nbus_trips,2023,VN,4800\nno_such,2024,VN,1\n",
				&n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 3, column A (indicator)");
	assert_int_equal(import(f, &f->officer, "indicator,year,scope,value\nbus_trips,1800,VN,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 2, column B (year)");
	assert_int_equal(import(f, &f->officer, "indicator,year,scope,value\nbus_trips,2020,,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 2, column C (scope)");
	assert_int_equal(import(f, &f->officer, "indicator,year,value\nbus_trips,2020,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 1");
	assert_int_equal(import(f, &f->officer, "", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "body");
	assert_int_equal(lt_app_series_list(f->db, &f->cadre, &f->a, &s, &n, &e), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_officer_imports_everyone_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_bad_row_imports_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
