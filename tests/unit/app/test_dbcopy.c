/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/dbcopy.c (`lantoa db copy`), SQLite to SQLite: a copy
 * reports every table verified and keeps ids (the next id follows them);
 * only the operator may; a target with data, or at another schema version,
 * is refused naming it, and so is a source without a schema; a failure half-way leaves the target as empty as it
 * was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/dbcopy.h"
#include "store/store.h"

typedef struct fx {
	lt_db *from, *to;
	lt_actor op;
} fx;

static void must(int rc, const lt_error *e)
{
	if (rc < 0)
		fail_msg("%s", e->en);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	must(lt_db_open("sqlite::memory:", &f->from, &e), &e);
	must(lt_store_migrate(f->from, &e), &e);
	must(lt_db_open("sqlite::memory:", &f->to, &e), &e);
	must(lt_store_migrate(f->to, &e), &e);
	must(lt_db_exec(f->from,
			"INSERT INTO unit(id, code, name, name_fold, level, parent_id, path, members,"
			" active_from, created_at, updated_at) VALUES"
			" (5, '01', 'Hà Nội', 'ha noi', 'province', NULL, '/5/', 0, '2024-01-01', 1, 1),"
			" (9, '01.1', 'Gia Lâm', 'gia lam', 'district', 5, '/5/9/', 0, '2024-01-01', 1, 1);"
			"INSERT INTO mail_queue(id, kind, to_addr, subject, body, next_attempt_at,"
			" created_at) VALUES (3, 'report', 'a@b.vn', 's', 'b', 1, 1);"
			"INSERT INTO mail_attempt(mail_id, at, ok, reply) VALUES (3, 2, 1, '250 ok');",
			&e),
	     &e);
	lt_actor_operator(&f->op);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	lt_db_close(f->from);
	lt_db_close(f->to);
	free(f);
	return 0;
}

static int64_t units(lt_db *db)
{
	int64_t n = -1;
	lt_error e;

	must(lt_db_int(db, "SELECT count(*) FROM unit WHERE id > $1", &n, &e, LT_I(0)), &e);
	return n;
}

static void test_copy_verifies_every_table(void **state)
{
	fx *f = *state;
	lt_db_copy_result r;
	int64_t id = 0;
	lt_error e;

	must(lt_app_db_copy(f->from, f->to, &f->op, NULL, NULL, NULL, &r, &e), &e);
	assert_true(r.verified);
	assert_int_equal(r.rows, 2 + 1 + 1 + 6 + 22); /* with the seeded levels and indicators (22 since migration 19) */
	for (size_t i = 0; i < r.n; i++) {
		assert_true(r.tables[i].ok);
		assert_int_equal(r.tables[i].rows_from, r.tables[i].rows_to);
		assert_string_equal(r.tables[i].hash_from, r.tables[i].hash_to);
	}
	free(r.tables);
	assert_int_equal(units(f->to), 2);
	must(lt_db_int(f->to,
		       "INSERT INTO unit(code, name, name_fold, level, path, active_from, created_at,"
		       " updated_at) VALUES ($1, 'x', 'x', 'grassroots', '/x/', '2024-01-01', 1, 1)"
		       " RETURNING id",
		       &id, &e, LT_T("02")),
	     &e);
	assert_int_equal(id, 10);
	/* Copied once, the target now holds data: a second copy is refused, naming the table. */
	assert_int_equal(lt_app_db_copy(f->from, f->to, &f->op, NULL, NULL, NULL, &r, &e), LT_EEXIST);
	assert_string_equal(e.field, "--to");
	assert_non_null(strstr(e.en, "unit"));
	assert_null(r.tables);
}

static void test_only_the_operator(void **state)
{
	fx *f = *state;
	lt_db_copy_result r;
	lt_actor who;
	lt_error e;

	lt_actor_public(&who, "127.0.0.1");
	assert_int_equal(lt_app_db_copy(f->from, f->to, &who, NULL, NULL, NULL, &r, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(units(f->to), 0);
}

static void test_other_schema_version_refused(void **state)
{
	fx *f = *state;
	lt_db_copy_result r;
	lt_error e;

	must(lt_db_exec(f->to,
			"INSERT INTO schema_migration(version, name, applied_at) VALUES (999, 'later', 0)",
			&e),
	     &e);
	assert_int_equal(lt_app_db_copy(f->from, f->to, &f->op, NULL, NULL, NULL, &r, &e),
			 LT_ECONFLICT);
	assert_non_null(strstr(e.en, "999"));
	assert_int_equal(units(f->to), 0);
}

static void test_source_without_schema_refused(void **state)
{
	fx *f = *state;
	lt_db_copy_result r;
	lt_db *bare = NULL;
	lt_error e;

	must(lt_db_open("sqlite::memory:", &bare, &e), &e);
	assert_int_equal(lt_app_db_copy(bare, f->to, &f->op, NULL, NULL, NULL, &r, &e), LT_EINVAL);
	assert_string_equal(e.field, "--from");
	lt_db_close(bare);
}

/* A row the target refuses (an attempt of a mail that is not there), after units were written. */
static void test_failure_half_way_leaves_the_target_empty(void **state)
{
	fx *f = *state;
	lt_db_copy_result r;
	int64_t levels = 0;
	lt_error e;

	must(lt_db_exec(f->from,
			"PRAGMA foreign_keys = OFF;"
			"INSERT INTO mail_attempt(mail_id, at, ok, reply) VALUES (404, 2, 0, 'lost');",
			&e),
	     &e);
	assert_true(lt_app_db_copy(f->from, f->to, &f->op, NULL, NULL, NULL, &r, &e) < 0);
	assert_int_equal(units(f->to), 0);
	must(lt_db_int(f->to, "SELECT count(*) FROM level WHERE sort > $1", &levels, &e, LT_I(-1)),
	     &e);
	assert_int_equal(levels, 6); /* the seeded rows are back */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copy_verifies_every_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_the_operator, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_schema_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_without_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_half_way_leaves_the_target_empty, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
