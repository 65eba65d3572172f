/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/app/unit.c, unit_import.c, unit_json.c: who may do what to the tree. */
#include "test_unit_tree.h"

#include "app/unit.h"
#include "render/csv.h"

static lt_unit_input input(const char *code, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = "CĐCS mới", .level = "grassroots",
			     .parent_id = parent, .active_from = "2021-01-01" };
	return in;
}

static void test_create_within_the_subtree(void **state)
{
	tree *t = *state;
	lt_unit_input in = input("N1", 0);
	lt_unit u;
	lt_error e;

	in.parent_id = t->dt;
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), 0);
	assert_string_equal(u.code, "N1");
	assert_int_equal(u.parent_id, t->dt);
	/* Its own unit as parent is fine too. */
	in = input("N2", t->gl);
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), 0);
	/* Another district's subtree is not. */
	in = input("N3", t->da);
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "parent_id");
	assert_false(tree_has(t, "N3"));
	/* Cadres create nothing, not even under their own unit. */
	in = input("N4", t->g1);
	assert_int_equal(lt_app_unit_create(t->db, &t->c1, &in, &t->a, &u, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "role");
	/* A root only at the console. */
	in = input("ROOT", 0);
	in.level = "province";
	assert_int_equal(lt_app_unit_create(t->db, &t->hanoi, &in, &t->a, &u, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_create(t->db, &t->op, &in, &t->a, &u, &e), 0);
	assert_int_equal(u.parent_id, 0);
}

static void test_create_refuses_bad_input_and_writes_nothing(void **state)
{
	tree *t = *state;
	lt_unit_input in = input("BAD1", 0);
	lt_unit u;
	lt_error e;

	in.parent_id = 999999;
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "parent_id");
	in.parent_id = t->dt;
	in.level = "galaxy";
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_EINVAL);
	assert_string_equal(e.field, "level");
	in.level = "grassroots";
	in.email = "no-at-sign";
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_EINVAL);
	assert_string_equal(e.field, "email");
	in.email = NULL;
	in.code = "G1"; /* taken */
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_EEXIST);
	assert_string_equal(e.field, "code");
	assert_false(tree_has(t, "BAD1"));
}

static void test_edit_own_unit_and_subtree(void **state)
{
	tree *t = *state;
	lt_unit_edit contact = { .email = "cd@example.org", .members = 321 };
	lt_unit_edit rename = { .name = "Tên mới", .members = -1 };
	lt_unit u;
	lt_error e;

	/* A cadre keeps its own unit's contact and member count… */
	assert_int_equal(lt_app_unit_update(t->db, &t->c1, t->g1, &contact, &t->a, &u, &e), 0);
	assert_int_equal(u.members, 321);
	assert_string_equal(u.email, "cd@example.org");
	/* …but renaming is an officer's act, and a sibling's unit is not its own. */
	assert_int_equal(lt_app_unit_update(t->db, &t->c1, t->g1, &rename, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_update(t->db, &t->c1, t->g2, &contact, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "id");
	/* An officer edits its subtree, including its own unit; not another district. */
	assert_int_equal(lt_app_unit_update(t->db, &t->gialam, t->g1, &rename, &t->a, &u, &e), 0);
	assert_string_equal(u.name, "Tên mới");
	assert_int_equal(lt_app_unit_update(t->db, &t->gialam, t->gl, &contact, &t->a, &u, &e), 0);
	assert_int_equal(lt_app_unit_update(t->db, &t->dan, t->g1, &contact, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_update(t->db, &t->op, t->g4, &rename, &t->a, &u, &e), 0);
}

static void test_structure_changes_below_the_officer(void **state)
{
	tree *t = *state;
	lt_unit u;
	lt_error e;

	assert_int_equal(lt_app_unit_move(t->db, &t->gialam, t->g1, t->yv, "2024-07-01", &t->a, &u, &e), 0);
	assert_int_equal(u.parent_id, t->yv);
	/* Nobody re-parents the unit it belongs to… */
	assert_int_equal(lt_app_unit_move(t->db, &t->gialam, t->gl, t->da, NULL, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "id");
	/* …nor moves a unit out of its own subtree. */
	assert_int_equal(lt_app_unit_move(t->db, &t->gialam, t->g3, t->da, NULL, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "parent_id");
	assert_int_equal(lt_app_unit_merge(t->db, &t->gialam, t->yv, t->g4, NULL, &t->a, &u, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "into_id");
	/* Cadres restructure nothing; a commune officer closes what is below it. */
	assert_int_equal(lt_app_unit_close(t->db, &t->c1, t->g1, NULL, &t->a, &u, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_close(t->db, &t->daton, t->g2, "2025-01-01", &t->a, &u, &e), 0);
	assert_string_equal(u.active_to, "2025-01-01");
	/* The district merges a commune, whose units move over; at the console anything goes. */
	assert_int_equal(lt_app_unit_merge(t->db, &t->gialam, t->yv, t->dt, "2025-07-01", &t->a, &u, &e), 0);
	assert_int_equal(u.merged_into, t->dt);
	assert_int_equal(lt_app_unit_move(t->db, &t->op, t->g4, t->dt, "2025-08-01", &t->a, &u, &e), 0);
}

static void test_history_and_public_fields(void **state)
{
	tree *t = *state;
	lt_unit_version *v;
	lt_unit_page p;
	lt_unit g2;
	size_t n;
	lt_error e;
	json_t *j;

	assert_int_equal(lt_app_unit_history(t->db, &t->c1, t->g2, NULL, &t->a, &v, &n, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_history(t->db, &t->c1, t->g1, NULL, &t->a, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(lt_app_unit_history(t->db, &t->hanoi, t->g4, NULL, &t->a, &v, &n, &e), 0);
	/* A sibling's page: only the public fields. */
	assert_int_equal(lt_app_unit_get(t->db, &t->c1, t->g2, &t->a, &p, &e), 0);
	j = lt_app_unit_page_json(&t->c1, &p);
	assert_false(json_is_true(json_object_get(json_object_get(j, "unit"), "in_scope")));
	assert_null(json_object_get(json_object_get(j, "unit"), "email"));
	assert_null(json_object_get(json_object_get(j, "unit"), "members"));
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "unit"), "ancestors")), 3);
	json_decref(j);
	/* The commune's page for its officer: everything, children included. */
	assert_int_equal(lt_app_unit_get(t->db, &t->daton, t->dt, &t->a, &p, &e), 0);
	assert_int_equal(p.nchildren, 2);
	j = lt_app_unit_json(&t->daton, &p.children[0]);
	assert_true(json_is_true(json_object_get(j, "in_scope")));
	assert_string_equal(json_string_value(json_object_get(j, "email")), "x@example.org");
	json_decref(j);
	/* in_scope is what other features use to act on a unit. */
	assert_int_equal(lt_app_unit_in_scope(t->db, &t->daton, t->g3, &t->a, &g2, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_in_scope(t->db, &t->op, t->g3, &t->a, &g2, &e), 0);
}

static void test_import_is_all_or_nothing_and_scoped(void **state)
{
	tree *t = *state;
	lt_unit_row rows[] = {
		{ .line = 2, .code = "I1", .name = "Một", .level = "grassroots", .parent_code = "DT" },
		{ .line = 3, .code = "I2", .name = "Hai", .level = "grassroots", .parent_code = "I0" },
		{ .line = 4, .code = "I0", .name = "Mẹ", .level = "commune", .parent_code = "GL" },
		{ .line = 5, .code = "I3", .name = "Ngoài", .level = "grassroots", .parent_code = "DA" },
	};
	size_t created = 0;
	int bad = 0;
	lt_error e;

	/* The last row is outside the district: nothing is written, and the row is named. */
	assert_int_equal(lt_app_unit_import(t->db, &t->gialam, rows, 4, false, NULL, NULL, &created,
					    &bad, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(bad, 5);
	assert_false(tree_has(t, "I1"));
	assert_false(tree_has(t, "I0"));
	/* Without it, parents in any order. */
	assert_int_equal(lt_app_unit_import(t->db, &t->gialam, rows, 3, false, NULL, NULL, &created,
					    &bad, &e),
			 0);
	assert_int_equal(created, 3);
	assert_true(tree_has(t, "I2"));
	/* Cadres import nothing; the console imports anywhere. */
	assert_int_equal(lt_app_unit_import(t->db, &t->c1, rows + 3, 1, false, NULL, NULL, &created,
					    &bad, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_unit_import(t->db, &t->op, rows + 3, 1, false, NULL, NULL, &created,
					    &bad, &e),
			 0);
}

static void test_import_table_names_row_and_column(void **state)
{
	tree *t = *state;
	static const char csv[] = "code;name;level;members;parent_code\n"
				  "T1;Một;grassroots;12;DT\n"
				  "T2;Hai;grassroots;-4;DT\n";
	static const char bad_level[] = "name,code,level,parent_code\nBa,T3,galaxy,DT\n";
	lt_table *tab = NULL;
	size_t created = 0;
	lt_error e;

	assert_int_equal(lt_csv_read(csv, sizeof(csv) - 1, NULL, &tab, &e), 0);
	assert_int_equal(lt_app_unit_import_table(t->db, &t->gialam, tab, NULL, NULL, &created, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "row 3, column D (members)");
	assert_false(tree_has(t, "T1"));
	lt_table_free(tab);
	assert_int_equal(lt_csv_read(bad_level, sizeof(bad_level) - 1, NULL, &tab, &e), 0);
	assert_int_equal(lt_app_unit_import_table(t->db, &t->gialam, tab, NULL, NULL, &created, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "row 2, column C (level)");
	lt_table_free(tab);
}

static void test_lists_need_a_login(void **state)
{
	tree *t = *state;
	lt_unit_query q = { .limit = 100 };
	lt_actor pub;
	lt_unit *items;
	lt_level *levels;
	size_t n;
	lt_error e;

	lt_actor_public(&pub, "10.0.0.1");
	assert_int_equal(lt_app_unit_list(t->db, &pub, &q, &t->a, &items, &n, &e), LT_EAUTH);
	assert_int_equal(lt_app_levels(t->db, &pub, &t->a, &levels, &n, &e), LT_EAUTH);
	/* Any logged-in user searches the whole tree (public fields outside its subtree). */
	assert_int_equal(lt_app_unit_list(t->db, &t->c1, &q, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 9);
	assert_int_equal(lt_app_levels(t->db, &t->c1, &t->a, &levels, &n, &e), 0);
	assert_true(n >= 4);
}

/*
 * Issue 13, finding 5: a child's level must be strictly below its parent's
 * (the level table's order), on create, move, merge and import; the
 * refusal is a 400 naming "level" and writes nothing.
 */
static void test_levels_keep_their_order(void **state)
{
	tree *t = *state;
	lt_unit_input in = input("P1", t->dt);
	lt_unit_input legacy = input("X1", t->g2);
	lt_unit_row rows[] = {
		{ .line = 2, .code = "R1", .name = "Một", .level = "grassroots", .parent_code = "DT" },
		{ .line = 3, .code = "R2", .name = "Hai", .level = "district", .parent_code = "DT" },
	};
	size_t created = 0;
	int64_t x1 = 0;
	int bad = 0;
	lt_unit u;
	lt_error e;

	/* A "province" under a commune, a commune under a commune, a union under a union. */
	in.level = "province";
	assert_int_equal(lt_app_unit_create(t->db, &t->daton, &in, &t->a, &u, &e), LT_EINVAL);
	assert_string_equal(e.field, "level");
	assert_int_equal(lt_err_http_status(e.code), 400);
	in.level = "commune";
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), LT_EINVAL);
	assert_string_equal(e.field, "level");
	in = input("P1", t->g1);
	assert_int_equal(lt_app_unit_create(t->db, &t->op, &in, &t->a, &u, &e), LT_EINVAL);
	assert_string_equal(e.field, "level");
	assert_false(tree_has(t, "P1"));
	/* One level down, or several, is fine. */
	in = input("P1", t->gl);
	in.level = "commune";
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), 0);
	in = input("P2", t->gl);
	assert_int_equal(lt_app_unit_create(t->db, &t->gialam, &in, &t->a, &u, &e), 0);

	/* A move under an equal or lower level is refused… */
	assert_int_equal(lt_app_unit_move(t->db, &t->gialam, t->dt, t->yv, NULL, &t->a, &u, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "level");
	assert_int_equal(lt_app_unit_move(t->db, &t->daton, t->g1, t->g2, NULL, &t->a, &u, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "level");
	assert_int_equal(lt_unit_get(t->db, t->g1, &t->a, &u, &e), 0);
	assert_int_equal(u.parent_id, t->dt);
	/* …and so is one whose subtree would break the order (a unit made before the rule). */
	legacy.level = "district";
	assert_int_equal(lt_unit_create(t->db, &legacy, 0, &x1, &e), 0);
	assert_int_equal(lt_app_unit_move(t->db, &t->gialam, t->g2, t->yv, NULL, &t->a, &u, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "level");
	/* A commune to another district is fine. */
	assert_int_equal(lt_app_unit_move(t->db, &t->hanoi, t->yv, t->da, NULL, &t->a, &u, &e), 0);

	/* A merge moves the units below: they must fit under the target too. */
	assert_int_equal(lt_app_unit_merge(t->db, &t->hanoi, t->yv, t->g4, NULL, &t->a, &u, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "level");

	/* An import names the row. */
	assert_int_equal(lt_app_unit_import(t->db, &t->gialam, rows, 2, false, NULL, NULL, &created,
					    &bad, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "level");
	assert_int_equal(bad, 3);
	assert_false(tree_has(t, "R1"));
	assert_int_equal(lt_app_unit_import(t->db, &t->op, rows + 1, 1, false, NULL, NULL, &created,
					    &bad, &e),
			 LT_EINVAL);
	assert_false(tree_has(t, "R2"));
}

/*
 * Issue 13, finding 8: a full database (here made full with SQLite's
 * max_page_count) is a 507 with a message in both languages, not a 500
 * carrying SQLite's own text, and the refused change is not partly written.
 */
static void test_a_full_database_is_507_in_both_languages(void **state)
{
	tree *t = *state;
	char code[16], sql[64];
	lt_stmt *st = NULL;
	lt_unit u;
	lt_error e;
	int rc = 0, i;

	assert_int_equal(lt_db_prepare(t->db, "PRAGMA page_count", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %lld", (long long)lt_stmt_int(st, 0) + 2);
	lt_stmt_done(st);
	assert_int_equal(lt_db_exec(t->db, sql, &e), 0);
	for (i = 0; i < 2000 && !rc; i++) {
		lt_unit_input in = input(code, t->dt);
		snprintf(code, sizeof(code), "FULL%d", i);
		in.name = "Công đoàn cơ sở có một cái tên khá dài để đầy trang nhanh hơn một chút";
		rc = lt_app_unit_create(t->db, &t->daton, &in, &t->a, &u, &e);
	}
	assert_int_not_equal(rc, 0);
	assert_int_equal(lt_err_http_status(rc), 507);
	assert_string_equal(lt_err_name(rc), "storage_full");
	assert_null(strstr(e.en, "database or disk is full"));
	assert_null(strstr(e.vi, "database or disk is full"));
	assert_non_null(strstr(e.en, "storage"));
	assert_non_null(strstr(e.vi, "lưu trữ"));
	assert_false(tree_has(t, code)); /* the unit that did not fit is not there */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_within_the_subtree, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_bad_input_and_writes_nothing,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_edit_own_unit_and_subtree, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_structure_changes_below_the_officer, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_history_and_public_fields, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_import_is_all_or_nothing_and_scoped, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_import_table_names_row_and_column, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_lists_need_a_login, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_levels_keep_their_order, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_a_full_database_is_507_in_both_languages, tree_setup,
						tree_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
