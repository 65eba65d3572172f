/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/app/user.c: listing and creating users, setting passwords. */
#include "test_unit_tree.h"

#include "app/user.h"
#include "core/password.h"

static bool has_user(tree *t, const char *login)
{
	lt_user u;

	return lt_user_get_by_login(t->db, login, &t->a, &u, NULL, NULL) == 0;
}

static void test_list_the_subtree(void **state)
{
	tree *t = *state;
	lt_user *items;
	size_t n;
	lt_error e;

	assert_int_equal(lt_app_user_list(t->db, &t->gialam, 0, NULL, NULL, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 5); /* gialam, glc, daton, cs1, cs3 */
	for (size_t i = 0; i < n; i++)
		assert_true(strncmp(items[i].unit_path, t->gialam.unit_path,
				    strlen(t->gialam.unit_path)) == 0);
	assert_int_equal(lt_app_user_list(t->db, &t->gialam, t->dt, NULL, NULL, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(lt_app_user_list(t->db, &t->gialam, t->da, NULL, NULL, &t->a, &items, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_user_list(t->db, &t->c1, 0, NULL, NULL, &t->a, &items, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_user_list(t->db, &t->op, 0, "dan", NULL, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
}

static void test_create_within_role_and_subtree(void **state)
{
	tree *t = *state;
	lt_user_new in = { .login = "new.officer", .name = "Lê Thị Hoa", .role = "officer",
			   .unit_id = t->dt, .password = "correct-horse-1" };
	lt_user made;
	lt_error e;

	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), 0);
	assert_string_equal(made.unit_code, "DT");
	assert_string_equal(made.role, "officer");
	/* Not above the creator's own role, not outside its subtree, not by a cadre. */
	in.login = "xx1";
	in.role = "admin";
	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "role");
	in.role = "cadre";
	in.unit_id = t->g4;
	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	in.unit_id = t->g1;
	assert_int_equal(lt_app_user_create(t->db, &t->c1, &in, &t->a, &made, &e), LT_EFORBIDDEN);
	/* Bad input names the field and writes nothing. */
	in.password = "abc";
	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), LT_EINVAL);
	assert_string_equal(e.field, "password");
	in.password = "correct-horse-1";
	in.login = "No Spaces";
	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), LT_EINVAL);
	assert_string_equal(e.field, "login");
	in.login = "new.officer";
	assert_int_equal(lt_app_user_create(t->db, &t->gialam, &in, &t->a, &made, &e), LT_EEXIST);
	assert_false(has_user(t, "xx1"));
	/* The console grants any role anywhere, with a hash made once (as the demo does). */
	in.login = "xx2";
	in.role = "admin";
	in.unit_id = t->g4;
	in.password = NULL;
	in.pw_hash = "shared-hash";
	assert_int_equal(lt_app_user_create(t->db, &t->op, &in, &t->a, &made, &e), 0);
}

static void test_set_password(void **state)
{
	tree *t = *state;
	lt_arena a;
	lt_user u;
	char tok[44], csrf[44], csrf2[44];
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_session_create(t->db, t->c1.user_id, "127.0.0.1", 3600, tok, csrf, &e), 0);
	/* Its own user, an administrator above it, or the console; nobody else. */
	assert_int_equal(lt_app_user_set_password(t->db, &t->c3, "cs1", "a-new-password", &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_user_set_password(t->db, &t->gialam, "cs1", "a-new-password", &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_session_lookup(t->db, tok, &a, &u, csrf2, &e), 0);
	assert_int_equal(lt_app_user_set_password(t->db, &t->c1, "cs1", "short", &e), LT_EINVAL);
	assert_int_equal(lt_app_user_set_password(t->db, &t->c1, "cs1", "a-new-password", &e), 0);
	/* A new password ends the user's sessions. */
	assert_int_equal(lt_session_lookup(t->db, tok, &a, &u, csrf2, &e), LT_EAUTH);
	assert_int_equal(lt_app_user_set_password(t->db, &t->admin, "cs3", "a-new-password", &e), 0);
	assert_int_equal(lt_app_user_set_password(t->db, &t->op, "dan", "a-new-password", &e), 0);
	assert_int_equal(lt_app_user_set_password(t->db, &t->op, "nobody", "a-new-password", &e),
			 LT_ENOTFOUND);
	lt_arena_free(&a);
}

static int init(void **state)
{
	(void)state;
	return lt_password_init(2, LT_PWHASH_MEMORY_MIN); /* the default cost: core_password */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_the_subtree, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_create_within_role_and_subtree, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_set_password, tree_setup, tree_teardown),
	};
	return cmocka_run_group_tests(tests, init, NULL);
}
