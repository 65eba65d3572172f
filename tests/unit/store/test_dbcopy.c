/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/dbcopy.c: the catalogue of tables covers the schema,
 * shapes (columns, kinds, keys) read the same from both drivers, a copy keeps
 * every value (NULLs, floats, blobs with zero bytes, a forward reference
 * written in the second pass) and the per-table hash agrees across drivers
 * and changes with any value. The source is the test database (SQLite, or a
 * PostgreSQL schema with LANTOA_TEST_PG: tests/lib/pg.h), the target an
 * in-memory SQLite database, so on PostgreSQL this crosses the drivers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/dbcopy.h"
#include "store/migrations.h"
#include "store/store.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *a, *b;
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

	assert_int_equal(lt_test_db_open(&f->a, &e), 0);
	must(lt_store_migrate(f->a, &e), &e);
	must(lt_db_open("sqlite::memory:", &f->b, &e), &e);
	must(lt_store_migrate(f->b, &e), &e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	lt_db_close(f->a);
	lt_db_close(f->b);
	free(f);
	return 0;
}

/* Rows of every kind, and unit 2 whose parent (3) comes after it. */
static void fill(lt_db *db)
{
	static const unsigned char blob[] = { 0x89, 'P', 'N', 'G', 0, 0, 0xff, 0 };
	lt_error e;

	must(lt_db_exec(db,
			"INSERT INTO unit(id, code, name, name_fold, level, parent_id, path, email,"
			" members, active_from, created_at, updated_at) VALUES"
			" (1, '01', 'Hà Nội', 'ha noi', 'province', NULL, '/1/', NULL, 0, '2024-01-01', 1, 1),"
			" (2, '01.002', 'Đa Tốn', 'da ton', 'grassroots', NULL, '/1/3/2/', 'a@b.vn', 12,"
			"  '2024-01-01', 2, 2),"
			" (3, '01.003', 'Xã', 'xa', 'commune', 1, '/1/3/', NULL, 0, '2025-07-01', 3, 3);"
			"UPDATE unit SET parent_id = 3 WHERE id = 2;"
			"INSERT INTO directive(id, issuer_id, number, date, doc, search_fold, created_at,"
			" updated_at) VALUES (1, 1, '42/LĐLĐ', NULL, '{}', '', 5, 5);"
			"INSERT INTO indicator_value(directive_id, unit_id, code, value, note, updated_at)"
			" VALUES (1, 2, 'people_supported', 0.1, NULL, 7), (1, 3, 'support_vnd', 1e15, '', 7);"
			"INSERT INTO feedback_rate(ip_hash, unit_id, at) VALUES ('x', 2, 9), ('x', 2, 9), ('a', 1, 8);",
			&e),
	     &e);
	must(lt_db_run(db,
		       "INSERT INTO photo(hash, mime, width, height, bytes, data, created_at)"
		       " VALUES ('h1', 'image/png', 1, 1, $2, $1, 10)",
		       &e, LT_BLOB(blob, sizeof(blob)), LT_I((int64_t)sizeof(blob))),
	     &e);
}

static void copy_all(lt_db *from, lt_db *to)
{
	size_t done = 0;
	lt_error e;

	must(lt_db_begin(to, &e), &e);
	for (size_t i = 0; i < lt_schema_tables_count; i++) {
		const lt_schema_table *t = &lt_schema_tables[i];
		lt_table_shape s;
		int64_t n;
		must(lt_table_shape_read(from, t->name, &s, &e), &e);
		must(lt_table_count(from, t->name, &n, &e), &e);
		if (t->seeded)
			must(lt_table_clear(to, t->name, &e), &e);
		must(lt_table_copy(from, to, t->name, &s, n, t->late, NULL, NULL, &done, 0, &e), &e);
	}
	must(lt_db_end(to, 0, &e), &e);
}

static void hash_of(lt_db *db, const char *table, char hex[65], int64_t *rows)
{
	lt_table_shape s;
	lt_error e;

	must(lt_table_shape_read(db, table, &s, &e), &e);
	must(lt_table_hash(db, table, &s, hex, rows, &e), &e);
}

static void test_catalogue_covers_the_schema(void **state)
{
	fx *f = *state;
	const char *sql = lt_db_dialect(f->a) == LT_DIALECT_POSTGRES
				  ? "SELECT table_name::text FROM information_schema.tables"
				    " WHERE table_schema = current_schema() AND table_name <> 'schema_migration'"
				  : "SELECT name FROM sqlite_master WHERE type = 'table'"
				    " AND name <> 'schema_migration'";
	lt_stmt *st = NULL;
	lt_error e;
	size_t n = 0;
	int rc;

	must(lt_db_prepare_once(f->a, sql, &st, &e), &e);
	while ((rc = lt_stmt_step(st, &e)) == 1) {
		const char *name = lt_stmt_text(st, 0);
		bool found = false;
		for (size_t i = 0; i < lt_schema_tables_count; i++)
			found |= !strcmp(lt_schema_tables[i].name, name);
		if (!found)
			fail_msg("table %s is not in lt_schema_tables", name);
		n++;
	}
	lt_stmt_free(st);
	assert_int_equal(rc, 0);
	assert_int_equal(n, lt_schema_tables_count);
}

static void test_shapes(void **state)
{
	fx *f = *state;
	lt_table_shape s, t;
	lt_error e;

	must(lt_table_shape_read(f->a, "indicator_value", &s, &e), &e);
	assert_int_equal(s.nkey, 3);
	assert_string_equal(s.name[s.key[0]], "directive_id");
	assert_string_equal(s.name[s.key[2]], "code");
	assert_int_equal(s.kind[3], LT_COL_DOUBLE);
	must(lt_table_shape_read(f->b, "indicator_value", &t, &e), &e);
	assert_true(lt_table_shape_equal(&s, &t));
	must(lt_table_shape_read(f->a, "photo", &s, &e), &e);
	assert_int_equal(s.nkey, 1);
	assert_int_equal(s.kind[5], LT_COL_BLOB);
	assert_int_equal(s.kind[2], LT_COL_INT);
	must(lt_table_shape_read(f->a, "unit", &s, &e), &e);
	assert_string_equal(s.name[s.key[0]], "id");
	assert_int_equal(s.kind[1], LT_COL_TEXT);
	must(lt_table_shape_read(f->a, "feedback_rate", &s, &e), &e);
	assert_int_equal(s.nkey, 0);
	assert_int_equal(lt_table_shape_read(f->a, "no_such_table", &s, &e), LT_ENOTFOUND);
	assert_int_equal(lt_table_shape_read(f->a, "unit; DROP", &s, &e), LT_EINVAL);
}

static void test_copy_keeps_every_value_and_hashes_agree(void **state)
{
	fx *f = *state;
	char ha[65], hb[65];
	int64_t ra, rb, parent = 0;
	lt_error e;

	fill(f->a);
	copy_all(f->a, f->b);
	for (size_t i = 0; i < lt_schema_tables_count; i++) {
		const char *t = lt_schema_tables[i].name;
		hash_of(f->a, t, ha, &ra);
		hash_of(f->b, t, hb, &rb);
		assert_int_equal(ra, rb);
		if (strcmp(ha, hb))
			fail_msg("table %s: %s != %s", t, ha, hb);
	}
	hash_of(f->b, "unit", hb, &rb);
	assert_int_equal(rb, 3);
	assert_int_equal(lt_db_int(f->b, "SELECT parent_id FROM unit WHERE id = $1", &parent, &e,
				   LT_I(2)),
			 1);
	assert_int_equal(parent, 3);
	/* One value changed (a float's last digits, "" to NULL) changes the hash. */
	hash_of(f->b, "indicator_value", ha, &ra);
	must(lt_db_run(f->b, "UPDATE indicator_value SET value = $1 WHERE unit_id = 2", &e,
		       LT_D(0.1000000000000001)),
	     &e);
	hash_of(f->b, "indicator_value", hb, &rb);
	assert_string_not_equal(ha, hb);
	hash_of(f->b, "unit", ha, &ra);
	must(lt_db_run(f->b, "UPDATE unit SET email = NULL WHERE id = $1", &e, LT_I(3)), &e);
	must(lt_db_run(f->b, "UPDATE unit SET email = '' WHERE id = $1", &e, LT_I(3)), &e);
	hash_of(f->b, "unit", hb, &rb);
	assert_string_not_equal(ha, hb);
}

/* Counted rows that are not there any more: the source changed. */
static void test_copy_refuses_a_changed_count(void **state)
{
	fx *f = *state;
	lt_table_shape s;
	size_t done = 0;
	lt_error e;

	fill(f->a);
	must(lt_table_shape_read(f->a, "feedback_rate", &s, &e), &e);
	must(lt_db_begin(f->b, &e), &e);
	assert_int_equal(lt_table_copy(f->a, f->b, "feedback_rate", &s, 4, NULL, NULL, NULL, &done,
				       0, &e),
			 LT_ECONFLICT);
	assert_string_equal(e.field, "feedback_rate");
	assert_int_equal(lt_db_end(f->b, LT_ECONFLICT, &e), LT_ECONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalogue_covers_the_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_keeps_every_value_and_hashes_agree, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_copy_refuses_a_changed_count, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
