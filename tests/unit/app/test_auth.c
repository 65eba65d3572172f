/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/app/auth.c: login, throttling, logout. */
#include "test_unit_tree.h"

#include "app/auth.h"
#include "app/user.h"
#include "core/password.h"

static const lt_http_config cfg = { .session_ttl = 3600, .login_max_per_login = 3,
				    .login_max_per_ip = 5, .login_window = 900 };

/* A user with a real password, for logging in. */
static void real_user(tree *t, const char *login, int64_t unit)
{
	lt_user_new in = { .login = login, .name = login, .role = "cadre", .unit_id = unit,
			   .password = "the-right-password" };
	lt_user made;
	lt_error e;

	assert_int_equal(lt_app_user_create(t->db, &t->op, &in, &t->a, &made, &e), 0);
}

static void test_login_opens_a_session(void **state)
{
	tree *t = *state;
	lt_actor pub;
	lt_session_new s;
	lt_user u;
	char csrf[44];
	lt_error e;
	json_t *j;

	real_user(t, "worker", t->g1);
	lt_actor_public(&pub, "10.0.0.1");
	assert_int_equal(lt_app_auth_login(t->db, &pub, &cfg, "worker", "the-right-password", &t->a,
					   &s, &e),
			 0);
	assert_int_equal(s.outcome, LT_LOGIN_OK);
	assert_int_equal(strlen(s.token), 43);
	assert_string_equal(s.user.unit_code, "G1");
	assert_int_equal(lt_session_lookup(t->db, s.token, &t->a, &u, csrf, &e), 0);
	assert_string_equal(csrf, s.csrf);
	j = lt_app_auth_json(&u, csrf);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "user"), "login")),
			    "worker");
	json_decref(j);
	assert_int_equal(lt_app_auth_logout(t->db, &t->c1, s.token, &e), 0);
	assert_int_equal(lt_session_lookup(t->db, s.token, &t->a, &u, csrf, &e), LT_EAUTH);
}

static void test_failures_are_counted_and_throttled(void **state)
{
	tree *t = *state;
	lt_actor pub, other;
	lt_session_new s;
	lt_error e;

	real_user(t, "worker", t->g1);
	real_user(t, "worker2", t->g2);
	lt_actor_public(&pub, "10.0.0.1");
	lt_actor_public(&other, "10.0.0.2");
	assert_int_equal(lt_app_auth_login(t->db, &pub, &cfg, "nobody-here", "whatever1", &t->a, &s, &e),
			 LT_EAUTH);
	assert_string_equal(e.field, "password");
	assert_string_equal(e.en, "Wrong login or password");
	for (int i = 0; i < 3; i++) {
		assert_int_equal(lt_app_auth_login(t->db, &other, &cfg, "worker", "wrong", &t->a, &s, &e),
				 LT_EAUTH);
		assert_int_equal(s.outcome, LT_LOGIN_FAILED);
	}
	/* Even the right password is refused while the account is throttled… */
	assert_int_equal(lt_app_auth_login(t->db, &pub, &cfg, "worker", "the-right-password", &t->a,
					   &s, &e),
			 LT_ETHROTTLE);
	assert_int_equal(s.outcome, LT_LOGIN_THROTTLED);
	/* …another account from the same address is not. */
	assert_int_equal(lt_app_auth_login(t->db, &pub, &cfg, "worker2", "the-right-password",
					   &t->a, &s, &e),
			 0);
	/* A disabled account is refused like a wrong password. */
	assert_int_equal(lt_db_exec(t->db, "UPDATE app_user SET disabled = 1 WHERE login = 'worker2'",
				    &e),
			 0);
	assert_int_equal(lt_app_auth_login(t->db, &pub, &cfg, "worker2", "the-right-password",
					   &t->a, &s, &e),
			 LT_EAUTH);
}

static int init(void **state)
{
	(void)state;
	return lt_password_init(2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_opens_a_session, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_failures_are_counted_and_throttled, tree_setup,
						tree_teardown),
	};
	return cmocka_run_group_tests(tests, init, NULL);
}
