/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/db.c: binds report their failure at the step; nested transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/db.h"

static int setup(void **state)
{
	lt_db *db = NULL;
	lt_error e;

	assert_int_equal(lt_db_open("sqlite::memory:", &db, &e), 0);
	assert_int_equal(lt_db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)", &e), 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	lt_db_close(*state);
	return 0;
}

static int64_t count(lt_db *db)
{
	lt_stmt *st = NULL;
	lt_error e;
	int64_t n = -1;

	assert_int_equal(lt_db_prepare(db, "SELECT count(*) FROM t", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return n;
}

/* A bind to a parameter that does not exist fails the step, which runs nothing. */
static void test_bind_error_reported_at_step(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;

	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, "a");
	lt_stmt_bind_int(st, 7, 1); /* no $7 */
	assert_true(lt_stmt_run(st, &e) < 0);
	assert_non_null(strstr(e.en, "parameter 7"));
	assert_int_equal(count(db), 0);
	/* The next use of the cached statement starts clean. */
	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, "a");
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(count(db), 1);
}

static void test_unique_violation_is_eexist(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;

	for (int i = 0; i < 2; i++) {
		assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, &e), 0);
		lt_stmt_bind_text(st, 1, "same");
		assert_int_equal(lt_stmt_run(st, &e), i ? LT_EEXIST : 0);
	}
}

/* An inner failure rolls back the whole outer transaction, which reports it. */
static void test_nested_transaction_rolls_back_all(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;

	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, "outer");
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_db_end(db, LT_EINVAL, &e), LT_EINVAL);
	assert_true(lt_db_in_tx(db));
	assert_int_equal(lt_db_end(db, 0, &e), LT_EDB);
	assert_false(lt_db_in_tx(db));
	assert_int_equal(count(db), 0);
	/* and a clean one commits */
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, "kept");
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(lt_db_end(db, 0, &e), 0);
	assert_int_equal(count(db), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bind_error_reported_at_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique_violation_is_eexist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_transaction_rolls_back_all, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
