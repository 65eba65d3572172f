/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/unit.c and unit_query.c: the union tree and its history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"
#include "core/tree.h"

typedef struct fx {
	lt_db *db;
	int64_t city, district, a, b, g1, g2;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *name, const char *level,
		  int64_t parent, const char *from)
{
	lt_unit_input in = { .code = code, .name = name, .level = level, .parent_id = parent,
			     .active_from = from };
	lt_error e;
	int64_t id = 0;
	int rc = lt_unit_create(db, &in, 0, &id, &e);
	if (rc)
		fail_msg("create %s: %s", code, e.en);
	return id;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "LĐLĐ thành phố Hà Nội", "province", 0, "2020-01-01");
	f->district = mk(f->db, "GL", "LĐLĐ huyện Gia Lâm", "district", f->city, "2020-01-01");
	f->a = mk(f->db, "DT", "Công đoàn xã Đa Tốn", "commune", f->district, "2020-01-01");
	f->b = mk(f->db, "TQ", "Công đoàn thị trấn Trâu Quỳ", "commune", f->district, "2020-01-01");
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đức Giang", "grassroots", f->a, "2020-01-01");
	f->g2 = mk(f->db, "G2", "CĐCS Trường THCS Đa Tốn", "grassroots", f->a, "2020-01-01");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	free(f);
	return 0;
}

static size_t subtree(fx *f, int64_t root, const char *date, int64_t *out, size_t max)
{
	lt_arena a;
	lt_error e;
	int64_t *ids;
	size_t n;

	lt_arena_init(&a);
	assert_int_equal(lt_unit_subtree_asof(f->db, root, date, &a, &ids, &n, &e), 0);
	assert_true(n <= max);
	if (n)
		memcpy(out, ids, n * sizeof(*ids));
	lt_arena_free(&a);
	return n;
}

static bool has(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void test_create_paths_and_search(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_unit u, *items;
	size_t n;
	lt_error e;
	lt_unit_query q = { .q = "gia lam" };

	lt_arena_init(&a);
	assert_int_equal(lt_unit_get(f->db, f->g1, &a, &u, &e), 0);
	assert_string_equal(u.code, "G1");
	assert_int_equal(u.parent_id, f->a);
	assert_int_equal(lt_tree_path_depth(u.path), 4);
	assert_int_equal(lt_unit_list(f->db, &q, &a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].name, "LĐLĐ huyện Gia Lâm");
	q.q = "duc giang";
	assert_int_equal(lt_unit_list(f->db, &q, &a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, f->g1);
	q.q = "DA TON";
	assert_int_equal(lt_unit_list(f->db, &q, &a, &items, &n, &e), 0);
	assert_int_equal(n, 2); /* the commune and the school */
	/* Children of the district, with their counts. */
	memset(&q, 0, sizeof(q));
	q.parent_id = f->district;
	assert_int_equal(lt_unit_list(f->db, &q, &a, &items, &n, &e), 0);
	assert_int_equal(n, 2);
	/* In tree order (the path index, for keyset paging): Đa Tốn, made first, has two unions. */
	assert_int_equal(items[0].id, f->a);
	assert_int_equal(items[1].id, f->b);
	assert_int_equal(items[0].child_count, 2);
	assert_int_equal(items[1].child_count, 0);
	/* The next page starts after the last path seen. */
	q.after = items[0].path;
	assert_int_equal(lt_unit_list(f->db, &q, &a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, f->b);
	lt_arena_free(&a);
}

static void test_duplicate_code_and_bad_input(void **state)
{
	fx *f = *state;
	lt_unit_input in = { .code = "G1", .name = "X", .level = "grassroots", .parent_id = f->a };
	lt_error e;

	assert_int_equal(lt_unit_create(f->db, &in, 0, NULL, &e), LT_EEXIST);
	assert_string_equal(e.field, "code");
	in.code = "NEW";
	in.level = "no-such-level";
	assert_int_equal(lt_unit_create(f->db, &in, 0, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "level");
	in.level = "grassroots";
	in.email = "not-an-email";
	assert_int_equal(lt_unit_create(f->db, &in, 0, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "email");
	in.email = NULL;
	in.code = "bad code!";
	assert_int_equal(lt_unit_create(f->db, &in, 0, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "code");
	in.code = "NEW";
	in.parent_id = 9999;
	assert_int_equal(lt_unit_create(f->db, &in, 0, NULL, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "parent_id");
	assert_false(lt_db_in_tx(f->db));
}

static void test_move_keeps_history(void **state)
{
	fx *f = *state;
	int64_t ids[16];
	size_t n;
	lt_error e;
	lt_arena a;
	lt_unit u;

	/* Move Đa Tốn (with its two unions) under Trâu Quỳ from 2024-07-01. */
	assert_int_equal(lt_unit_move(f->db, f->a, f->b, "2024-07-01", 0, &e), 0);
	n = subtree(f, f->b, "2024-06-30", ids, 16);
	assert_int_equal(n, 1);
	n = subtree(f, f->b, "2024-07-01", ids, 16);
	assert_int_equal(n, 4);
	assert_true(has(ids, n, f->g1) && has(ids, n, f->g2));
	/* The district still holds everything both days. */
	assert_int_equal(subtree(f, f->district, "2024-06-30", ids, 16), 5);
	assert_int_equal(subtree(f, f->district, "2024-07-02", ids, 16), 5);
	/* Current path reflects the move. */
	lt_arena_init(&a);
	assert_int_equal(lt_unit_get(f->db, f->g1, &a, &u, &e), 0);
	assert_int_equal(lt_tree_path_depth(u.path), 5);
	lt_arena_free(&a);
	/* Cannot move under itself, nor back in time. */
	assert_int_equal(lt_unit_move(f->db, f->b, f->g1, "2024-08-01", 0, &e), LT_EINVAL);
	assert_int_equal(lt_unit_move(f->db, f->a, f->district, "2024-01-01", 0, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "date");
}

static void test_merge_and_close(void **state)
{
	fx *f = *state;
	int64_t ids[16];
	size_t n;
	lt_error e;
	lt_arena a;
	lt_unit u;

	/* Đa Tốn merges into Trâu Quỳ on 2025-07-01: its unions follow. */
	assert_int_equal(lt_unit_merge(f->db, f->a, f->b, "2025-07-01", 0, &e), 0);
	lt_arena_init(&a);
	assert_int_equal(lt_unit_get(f->db, f->a, &a, &u, &e), 0);
	assert_string_equal(u.active_to, "2025-07-01");
	assert_int_equal(u.merged_into, f->b);
	assert_int_equal(lt_unit_get(f->db, f->g1, &a, &u, &e), 0);
	assert_int_equal(u.parent_id, f->b);
	lt_arena_free(&a);
	/* As it stood before: Đa Tốn with its two unions. */
	n = subtree(f, f->a, "2025-06-30", ids, 16);
	assert_int_equal(n, 3);
	n = subtree(f, f->a, "2025-07-01", ids, 16);
	assert_int_equal(n, 0);
	n = subtree(f, f->b, "2025-07-01", ids, 16);
	assert_int_equal(n, 3);
	/* Close refuses a unit with children, accepts a leaf. */
	assert_int_equal(lt_unit_close(f->db, f->b, "2025-08-01", 0, &e), LT_ECONFLICT);
	assert_int_equal(lt_unit_close(f->db, f->g2, "2025-08-01", 0, &e), 0);
	assert_int_equal(subtree(f, f->district, "2025-07-31", ids, 16), 4);
	assert_int_equal(subtree(f, f->district, "2025-08-01", ids, 16), 3);
	assert_int_equal(lt_unit_close(f->db, f->g2, "2025-09-01", 0, &e), LT_ECONFLICT);
}

static void test_rename_history(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_unit_version *v;
	size_t n;
	lt_error e;

	assert_int_equal(lt_unit_update(f->db, f->b, "Công đoàn phường Trâu Quỳ", NULL, 1200,
					"2025-07-01", 0, &e), 0);
	/* A second change on the same day replaces that day's version. */
	assert_int_equal(lt_unit_update(f->db, f->b, "Công đoàn xã Gia Lâm", NULL, -1,
					"2025-07-01", 0, &e), 0);
	lt_arena_init(&a);
	assert_int_equal(lt_unit_history(f->db, f->b, NULL, 0, 0, &a, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Công đoàn thị trấn Trâu Quỳ");
	assert_string_equal(v[0].valid_to, "2025-07-01");
	assert_string_equal(v[1].name, "Công đoàn xã Gia Lâm");
	assert_null(v[1].valid_to);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_paths_and_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_code_and_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_keeps_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_and_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_history, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
