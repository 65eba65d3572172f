/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/db.c and the drivers behind it, on SQLite and, when
 * LANTOA_TEST_PG is set, on PostgreSQL (tests/lib/pg.h): values of every kind
 * go in and come back the same (also through the one-call forms lt_db_run,
 * lt_db_row and lt_db_int), binds report their failure at the step,
 * constraint violations map to the same codes naming the column, nested
 * transactions, RETURNING and changes, a statement run while another's rows
 * are being read, the dialect tokens, and the migrations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"
#include "../../lib/pg.h"

static int setup(void **state)
{
	lt_db *db = NULL;
	lt_error e;

	assert_int_equal(lt_test_db_open(&db, &e), 0);
	if (lt_db_exec(db,
		       "CREATE TABLE p(id {{ID}}, name TEXT NOT NULL UNIQUE);"
		       "CREATE TABLE t(id {{ID}}, v TEXT UNIQUE, n BIGINT, f DOUBLE PRECISION,"
		       " b BLOB, p_id BIGINT REFERENCES p(id),"
		       " kind TEXT CHECK (kind IN ('a', 'b')))",
		       &e))
		fail_msg("%s", e.en);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	lt_db_close(*state);
	return 0;
}

static int64_t scalar(lt_db *db, const char *sql)
{
	lt_stmt *st = NULL;
	lt_error e;
	int64_t n = -1;

	if (lt_db_prepare_once(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.en);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	n = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return n;
}

static int64_t count(lt_db *db)
{
	return scalar(db, "SELECT count(*) FROM t");
}

static int insert_v(lt_db *db, const char *v, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, v);
	return lt_stmt_run(st, e);
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
	assert_int_equal(lt_stmt_run(st, &e), LT_EINTERNAL);
	assert_non_null(strstr(e.en, "parameter 7"));
	assert_int_equal(count(db), 0);
	/* The next use of the cached statement starts clean. */
	assert_int_equal(insert_v(db, "a", &e), 0);
	assert_int_equal(count(db), 1);
}

/*
 * The one-call forms bind each kind of argument to its $n, an optional id 0
 * and an empty optional text as NULL, and report the statement's errors.
 */
static void test_one_call_forms(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;
	int64_t id = 0, n = -1;
	size_t len = 0;
	const void *b;

	assert_int_equal(lt_db_int(db,
				   "INSERT INTO t(v, n, f, b, p_id, kind) VALUES ($1, $2, $3, $4, $5, $6)"
				   " RETURNING id",
				   &id, &e, LT_T("x"), LT_I(5), LT_D(1.5), LT_BLOB("a\0b", 3), LT_ID(0),
				   LT_OT("")),
			 1);
	assert_true(id > 0);
	assert_int_equal(lt_db_row(db, "SELECT v, n, f, b, p_id, kind FROM t WHERE id = $1", &st, &e,
				   LT_I(id)),
			 1);
	assert_string_equal(lt_stmt_text(st, 0), "x");
	assert_int_equal(lt_stmt_int(st, 1), 5);
	assert_true(lt_stmt_double(st, 2) == 1.5);
	b = lt_stmt_blob(st, 3, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(b, "a\0b", 3);
	assert_true(lt_stmt_is_null(st, 4));
	assert_true(lt_stmt_is_null(st, 5));
	lt_stmt_done(st);

	/* A double that is not there is NULL; a text that is, is kept. */
	assert_int_equal(lt_db_run(db, "UPDATE t SET f = $2, kind = $3 WHERE id = $1", &e, LT_I(id),
				   LT_OD(false, 2.0), LT_OT("a")),
			 0);
	assert_int_equal(lt_db_int(db, "SELECT count(*) FROM t WHERE f IS NULL AND kind = $1", &n, &e,
				   LT_T("a")),
			 1);
	assert_int_equal(n, 1);
	/* No row: 0, and the output is left as it was. */
	n = 42;
	assert_int_equal(lt_db_int(db, "SELECT n FROM t WHERE v = $1", &n, &e, LT_T("none")), 0);
	assert_int_equal(n, 42);
	/* The statement's error comes back, naming what a user would fix. */
	assert_int_equal(lt_db_run(db, "INSERT INTO t(v) VALUES ($1)", &e, LT_T("x")), LT_EEXIST);
	assert_int_equal(lt_db_run(db, "INSERT INTO t(v, kind) VALUES ($1, $2)", &e, LT_T("y"),
				   LT_T("z")),
			 LT_EINVAL);
	assert_int_equal(count(db), 1);
}

/* Every kind of value comes back as it went in, and each reads as the others the way SQLite does. */
static void test_values_round_trip(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;
	const unsigned char blob[] = { 0, 1, 0xff, 0x80, '\\', 'x', 0, 42 };
	const char *text = "Công đoàn cơ sở — “Tết Sum vầy” 'quoted'";
	const void *p;
	size_t n;

	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v, n, f, b) VALUES ($1, $2, $3, $4),"
					   " ($5, $6, $7, $8)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, text);
	lt_stmt_bind_int(st, 2, INT64_C(1) << 40);
	lt_stmt_bind_double(st, 3, -2.5);
	lt_stmt_bind_blob(st, 4, blob, sizeof(blob));
	lt_stmt_bind_textn(st, 5, "abcdef", 3);
	lt_stmt_bind_int(st, 6, INT64_MIN + 1);
	lt_stmt_bind_null(st, 7);
	lt_stmt_bind_blob(st, 8, "", 0);
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(lt_db_changes(db), 2);

	assert_int_equal(lt_db_prepare(db, "SELECT v, n, f, b, p_id FROM t ORDER BY id", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	assert_int_equal(lt_stmt_columns(st), 5);
	assert_string_equal(lt_stmt_text(st, 0), text);
	assert_int_equal(lt_stmt_int(st, 1), INT64_C(1) << 40);
	assert_string_equal(lt_stmt_text(st, 1), "1099511627776");
	assert_true(lt_stmt_double(st, 1) == 1099511627776.0);
	assert_true(lt_stmt_double(st, 2) == -2.5);
	assert_int_equal(lt_stmt_int(st, 2), -2);
	p = lt_stmt_blob(st, 3, &n);
	assert_int_equal(n, sizeof(blob));
	assert_memory_equal(p, blob, sizeof(blob));
	assert_true(lt_stmt_is_null(st, 4));
	assert_null(lt_stmt_text(st, 4));
	assert_int_equal(lt_stmt_int(st, 4), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	assert_string_equal(lt_stmt_text(st, 0), "abc");
	assert_int_equal(lt_stmt_int(st, 1), INT64_MIN + 1);
	assert_true(lt_stmt_is_null(st, 2));
	assert_false(lt_stmt_is_null(st, 3));
	lt_stmt_blob(st, 3, &n);
	assert_int_equal(n, 0);
	assert_int_equal(lt_stmt_step(st, &e), 0);
	lt_stmt_done(st);

	/* Built at run time (prepare_once): the same values, by another path on PostgreSQL (text). */
	assert_int_equal(lt_db_prepare_once(db, "SELECT b, n, v, 1 < 2, 7 / 2 FROM t WHERE n > $1",
					    &st, &e), 0);
	lt_stmt_bind_int(st, 1, 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	p = lt_stmt_blob(st, 0, &n);
	assert_int_equal(n, sizeof(blob));
	assert_memory_equal(p, blob, sizeof(blob));
	assert_int_equal(lt_stmt_int(st, 1), INT64_C(1) << 40);
	assert_string_equal(lt_stmt_text(st, 2), text);
	assert_int_equal(lt_stmt_int(st, 3), 1); /* a comparison is 1, on both */
	assert_string_equal(lt_stmt_text(st, 3), "1");
	assert_int_equal(lt_stmt_int(st, 4), 3);
	assert_int_equal(lt_stmt_step(st, &e), 0);
	lt_stmt_free(st);
}

/* INSERT … RETURNING gives the new keys; changes counts what UPDATE and DELETE touched. */
static void test_returning_and_changes(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;
	int64_t id[3];

	for (int i = 0; i < 3; i++) {
		char v[8];
		snprintf(v, sizeof(v), "r%d", i);
		assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v, n) VALUES ($1, $2) RETURNING id",
					       &st, &e), 0);
		lt_stmt_bind_text(st, 1, v);
		lt_stmt_bind_int(st, 2, i);
		assert_int_equal(lt_stmt_step(st, &e), 1);
		id[i] = lt_stmt_int(st, 0);
		lt_stmt_done(st);
		assert_int_equal(lt_db_changes(db), 1);
		if (i)
			assert_true(id[i] > id[i - 1]);
	}
	assert_int_equal(lt_db_prepare(db, "UPDATE t SET n = n + 10 WHERE n >= $1", &st, &e), 0);
	lt_stmt_bind_int(st, 1, 1);
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(lt_db_changes(db), 2);
	/* A SELECT does not change the count. */
	assert_int_equal(count(db), 3);
	assert_int_equal(lt_db_changes(db), 2);
	assert_int_equal(lt_db_prepare(db, "DELETE FROM t WHERE id = $1", &st, &e), 0);
	lt_stmt_bind_int(st, 1, id[0] + 1000);
	assert_int_equal(lt_stmt_run(st, &e), 0);
	assert_int_equal(lt_db_changes(db), 0);
}

static void test_unique_violation_is_eexist(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(insert_v(db, "same", &e), 0);
	assert_int_equal(insert_v(db, "same", &e), LT_EEXIST);
	assert_string_equal(e.field, "v");
	assert_int_equal(count(db), 1);
}

/* Foreign key, check and not-null violations are bad input, naming the column where the database says it. */
static void test_constraints_are_einval(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;

	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v, p_id) VALUES ('x', $1)", &st, &e), 0);
	lt_stmt_bind_int(st, 1, 999);
	assert_int_equal(lt_stmt_run(st, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "does not exist"));
	if (lt_db_dialect(db) == LT_DIALECT_POSTGRES) /* SQLite's message names no column */
		assert_string_equal(e.field, "p_id");
	assert_int_equal(lt_db_prepare(db, "INSERT INTO t(v, kind) VALUES ('x', $1)", &st, &e), 0);
	lt_stmt_bind_text(st, 1, "c");
	assert_int_equal(lt_stmt_run(st, &e), LT_EINVAL);
	assert_string_equal(e.field, "kind");
	assert_int_equal(lt_db_exec(db, "INSERT INTO p(name) VALUES (NULL)", &e), LT_EINVAL);
	assert_string_equal(e.field, "name");
	assert_int_equal(count(db), 0);
}

/* An inner failure rolls back the whole outer transaction, which reports it. */
static void test_nested_transaction_rolls_back_all(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(insert_v(db, "outer", &e), 0);
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_db_end(db, LT_EINVAL, &e), LT_EINVAL);
	assert_true(lt_db_in_tx(db));
	assert_int_equal(lt_db_end(db, 0, &e), LT_EDB);
	assert_false(lt_db_in_tx(db));
	assert_int_equal(count(db), 0);
	/* and a clean one commits */
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(insert_v(db, "kept", &e), 0);
	assert_int_equal(lt_db_end(db, 0, &e), 0);
	assert_int_equal(count(db), 1);
}

/* A failed statement fails its transaction on both (PostgreSQL aborts it; SQLite is made to). */
static void test_failed_statement_fails_the_transaction(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(insert_v(db, "taken", &e), 0);
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(insert_v(db, "new", &e), 0);
	assert_int_equal(insert_v(db, "taken", &e), LT_EEXIST);
	assert_int_equal(lt_db_end(db, 0, &e), LT_EDB);
	assert_int_equal(count(db), 1);
	/* A statement that does not prepare fails it too. */
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(insert_v(db, "new", &e), 0);
	lt_stmt *st = NULL;
	assert_true(lt_db_prepare(db, "SELECT no_such_column FROM t", &st, &e) < 0);
	assert_int_equal(lt_db_end(db, 0, &e), LT_EDB);
	assert_int_equal(count(db), 1);
}

/* Rows of one statement stay readable while another runs in the loop (store code does this). */
static void test_statement_inside_a_loop(void **state)
{
	lt_db *db = *state;
	lt_stmt *rd = NULL, *wr = NULL;
	lt_error e;
	int rows = 0;
	int64_t sum = 0;

	assert_int_equal(lt_db_begin(db, &e), 0);
	for (int i = 0; i < 300; i++) {
		assert_int_equal(lt_db_prepare(db, "INSERT INTO t(n) VALUES ($1)", &wr, &e), 0);
		lt_stmt_bind_int(wr, 1, i);
		assert_int_equal(lt_stmt_run(wr, &e), 0);
	}
	assert_int_equal(lt_db_end(db, 0, &e), 0);
	assert_int_equal(lt_db_prepare(db, "SELECT id, n FROM t WHERE n IS NOT NULL ORDER BY n", &rd,
				       &e), 0);
	while (lt_stmt_step(rd, &e) == 1) {
		int64_t n = lt_stmt_int(rd, 1);
		assert_int_equal(n, rows);
		assert_int_equal(lt_db_prepare(db, "UPDATE t SET v = $1 WHERE id = $2", &wr, &e), 0);
		char v[16];
		snprintf(v, sizeof(v), "v%lld", (long long)n);
		lt_stmt_bind_text(wr, 1, v);
		lt_stmt_bind_int(wr, 2, lt_stmt_int(rd, 0));
		assert_int_equal(lt_stmt_run(wr, &e), 0);
		/* The row read before the other statement ran is still the same row. */
		assert_int_equal(lt_stmt_int(rd, 1), n);
		sum += n;
		rows++;
	}
	lt_stmt_done(rd);
	assert_int_equal(rows, 300);
	assert_int_equal(sum, 299 * 300 / 2);
	assert_int_equal(scalar(db, "SELECT count(*) FROM t WHERE v = 'v' || n"), 300);
	/* Stopping early leaves the connection usable. */
	assert_int_equal(lt_db_prepare(db, "SELECT n FROM t ORDER BY n", &rd, &e), 0);
	assert_int_equal(lt_stmt_step(rd, &e), 1);
	lt_stmt_done(rd);
	assert_int_equal(count(db), 300);
}

/* The shapes of optional filters: NULL text means "any", 0 means "any", integers are 64-bit. */
static void test_optional_filters(void **state)
{
	lt_db *db = *state;
	lt_stmt *st = NULL;
	lt_error e;
	const int64_t big = INT64_C(5000000000); /* past 32 bits: VND totals, far instants */
	static const char sql[] = "SELECT count(*) FROM t WHERE ($1 IS NULL OR v = $1)"
				  " AND ($2 = 0 OR n = $2) AND ($3 IS NULL OR v LIKE $3)";

	assert_int_equal(lt_db_exec(db, "INSERT INTO t(v, n) VALUES ('a', 1), ('b', 5000000000)", &e),
			 0);
	struct {
		const char *v;
		int64_t n;
		const char *like;
		int64_t want;
	} cases[] = {
		{ NULL, 0, NULL, 2 }, { "a", 0, NULL, 1 }, { NULL, big, NULL, 1 },
		{ "a", big, NULL, 0 }, { NULL, 0, "b%", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(lt_db_prepare(db, sql, &st, &e), 0);
		lt_stmt_bind_text(st, 1, cases[i].v);
		lt_stmt_bind_int(st, 2, cases[i].n);
		lt_stmt_bind_text(st, 3, cases[i].like);
		assert_int_equal(lt_stmt_step(st, &e), 1);
		assert_int_equal(lt_stmt_int(st, 0), cases[i].want);
		lt_stmt_done(st);
	}
}

/* The words each dialect spells its own way are written once and run on both. */
static void test_dialect_words(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(lt_db_exec(db, "INSERT INTO t(v, n) VALUES ('a', 1), ('b', 7), ('c', 3)",
				    &e), 0);
	assert_int_equal(scalar(db, "SELECT GREATEST(n, 4) FROM t WHERE v = 'a'"), 4);
	assert_int_equal(scalar(db, "SELECT LEAST(n, 4) FROM t WHERE v = 'b'"), 4);
	assert_int_equal(scalar(db, "SELECT length(string_agg(v, ',')) FROM t"), 5);
	/* A word inside a string or a longer name is left alone. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM t WHERE v <> '{{ID}} BLOB GREATEST('"), 3);
}

/* Rows copied with their ids: the next generated id follows the largest, on both. */
static void test_sync_ids_after_explicit_ids(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(lt_db_exec(db, "INSERT INTO t(id, v) VALUES (1, 'a'), (41, 'b')", &e), 0);
	assert_int_equal(lt_db_sync_ids(db, "t", &e), 0);
	assert_int_equal(insert_v(db, "c", &e), 0);
	assert_int_equal(scalar(db, "SELECT id FROM t WHERE v = 'c'"), 42);
	/* An empty table starts at 1; a name that is not one is refused. */
	assert_int_equal(lt_db_sync_ids(db, "p", &e), 0);
	assert_int_equal(lt_db_exec(db, "INSERT INTO p(name) VALUES ('x')", &e), 0);
	assert_int_equal(scalar(db, "SELECT id FROM p"), 1);
	assert_int_equal(lt_db_sync_ids(db, "t; DROP TABLE t", &e), LT_EINTERNAL);
}

/* Messages show a database URL without its password. */
static void test_url_redact(void **state)
{
	char out[128];

	(void)state;
	lt_db_url_redact("postgresql://lantoa:s3cret@db1:5432/lantoa?sslmode=require", out, sizeof(out));
	assert_string_equal(out, "postgresql://lantoa:***@db1:5432/lantoa?sslmode=require");
	lt_db_url_redact("postgres://h/db?user=u&password=s3cret&x=1", out, sizeof(out));
	assert_string_equal(out, "postgres://h/db?user=u&password=***&x=1");
	lt_db_url_redact("postgresql://lantoa@h/db", out, sizeof(out));
	assert_string_equal(out, "postgresql://lantoa@h/db");
	lt_db_url_redact("sqlite:data/lantoa.db", out, sizeof(out));
	assert_string_equal(out, "sqlite:data/lantoa.db");
	lt_db_url_redact("postgresql://u:s3cret@h/db", out, 12);
	assert_string_equal(out, "postgresql:");
}

/* Every migration applies, in one go, and again is a no-op. */
static void test_migrations_apply(void **state)
{
	lt_db *db = *state;
	lt_error e;

	assert_int_equal(lt_store_schema_version(db), 0);
	if (lt_store_migrate(db, &e))
		fail_msg("%s", e.en);
	assert_int_equal(lt_store_schema_version(db), lt_migrations[lt_migrations_count - 1].version);
	assert_int_equal(scalar(db, "SELECT count(*) FROM schema_migration"),
			 (int64_t)lt_migrations_count);
	assert_int_equal(lt_store_migrate(db, &e), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM schema_migration"),
			 (int64_t)lt_migrations_count);
	/* The seeded rows are there, and a key made by {{ID}} counts up. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM level"), 6);
	assert_int_equal(lt_db_exec(db,
				    "INSERT INTO unit(code, name, name_fold, level, path, active_from,"
				    " created_at, updated_at) VALUES ('A', 'A', 'a', 'national', '/1/',"
				    " '2020-01-01', 0, 0), ('B', 'B', 'b', 'province', '/1/2/',"
				    " '2020-01-01', 0, 0)", &e), 0);
	assert_int_equal(scalar(db, "SELECT max(id) - min(id) FROM unit"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bind_error_reported_at_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_call_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_returning_and_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique_violation_is_eexist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraints_are_einval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_transaction_rolls_back_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_statement_fails_the_transaction, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_statement_inside_a_loop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optional_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dialect_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_ids_after_explicit_ids, setup, teardown),
		cmocka_unit_test(test_url_redact),
		cmocka_unit_test_setup_teardown(test_migrations_apply, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
