/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/series.c: officers import past campaigns' figures from
 * CSV (all or nothing, errors naming row and column) for their own unit and
 * the units below it, the console for the whole country; anyone logged in
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
#include "test_unit_tree.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	lt_actor console, cadre, public;
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
	lt_actor_operator(&f->console); /* the national series: written at the console */
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

static void test_console_imports_everyone_reads(void **state)
{
	fx *f = *state;
	lt_series_point *p = NULL;
	lt_series_info *s = NULL;
	size_t n = 0;
	lt_error e;

	assert_int_equal(import(f, &f->cadre, "indicator,year,scope,value\nbus_trips,2023,VN,4800\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(import(f, &f->console,
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

	assert_int_equal(import(f, &f->console, "indicator,year,scope,value\nbus_trips,2023,VN,4800\nbus_trips,2024,VN,abc\n",
				&n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 3, column D (value)");
	assert_int_equal(import(f, &f->console, "indicator,year,scope,value\nbus_trips,2023,VN,4800\nno_such,2024,VN,1\n",
				&n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 3, column A (indicator)");
	assert_int_equal(import(f, &f->console, "indicator,year,scope,value\nbus_trips,1800,VN,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 2, column B (year)");
	assert_int_equal(import(f, &f->console, "indicator,year,scope,value\nbus_trips,2020,,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 2, column C (scope)");
	assert_int_equal(import(f, &f->console, "indicator,year,value\nbus_trips,2020,1\n", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "row 1");
	assert_int_equal(import(f, &f->console, "", &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "body");
	assert_int_equal(lt_app_series_list(f->db, &f->cadre, &f->a, &s, &n, &e), 0);
	assert_int_equal(n, 0);
}

/*
 * Issue 13, finding 1: a scope is written only by its own unit or a unit
 * above it ("VN", the whole country, only at the console when no unit has
 * that code); a row outside is refused by its row, and nothing is written.
 */
/* Import csv as who into the tree's database. */
static int tree_import(tree *t, const lt_actor *who, const char *csv, size_t *n, lt_error *e)
{
	return lt_app_series_import(t->db, who, csv, strlen(csv), n, e);
}

static void test_a_scope_is_written_from_above_only(void **state)
{
	tree *t = *state;
	lt_series_info *s = NULL;
	lt_series_point *p = NULL;
	size_t n = 0;
	lt_error e;

	/* A commune officer writes neither the country nor another district… */
	assert_int_equal(tree_import(t, &t->daton, "indicator,year,scope,value\n"
				"bus_trips,2023,DT,3\nbus_trips,2023,VN,1\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "row 3, column C (scope)");
	assert_non_null(strstr(e.en, "VN"));
	assert_int_equal(tree_import(t, &t->gialam, "indicator,year,scope,value\n"
				"bus_trips,2023,DA,1\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "row 2, column C (scope)");
	/* …nor the unit above it, nor a unit that does not exist. */
	assert_int_equal(tree_import(t, &t->daton, "indicator,year,scope,value\n"
				"bus_trips,2023,GL,1\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(tree_import(t, &t->hanoi, "indicator,year,scope,value\n"
				"bus_trips,2023,XX,1\n", &n, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "row 2, column C (scope)");
	assert_int_equal(lt_app_series_list(t->db, &t->c1, &t->a, &s, &n, &e), 0);
	assert_int_equal(n, 0);
	/* Its own unit and the units below: yes. The city writes the district's. */
	assert_int_equal(tree_import(t, &t->daton, "indicator,year,scope,value\n"
				"bus_trips,2023,DT,3\nbus_trips,2023,G1,2\n", &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(tree_import(t, &t->hanoi, "indicator,year,scope,value\n"
				"bus_trips,2023,GL,9\n", &n, &e),
			 0);
	/* The country's figures only at the console, here where no unit is "VN". */
	assert_int_equal(tree_import(t, &t->admin, "indicator,year,scope,value\n"
				"bus_trips,2023,VN,1\n", &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(tree_import(t, &t->op, "indicator,year,scope,value\n"
				"bus_trips,2023,VN,4800\n", &n, &e),
			 0);
	assert_int_equal(lt_app_series_get(t->db, &t->c1, "bus_trips", "VN", &t->a, &p, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_true(p[0].value == 4800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_console_imports_everyone_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_bad_row_imports_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_scope_is_written_from_above_only, tree_setup,
						tree_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
