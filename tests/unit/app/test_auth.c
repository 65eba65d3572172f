/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/auth.c: login, logout, and the login throttle of issue
 * 13 (OWASP's authentication guidance): counters per (login, address) and
 * per address with growing delays, kept in the database and charged before
 * the password is checked (fail closed), which never refuse the right
 * password from an address that has not failed.
 */
#include "test_unit_tree.h"

#include "app/auth.h"
#include "app/user.h"
#include "core/password.h"

static const lt_http_config cfg = { .session_ttl = 3600, .login_free = 3, .login_free_ip = 5,
				    .login_delay = 30, .login_delay_max = 300, .login_forget = 86400 };

/* The clock the app reads (core/clock.h), pinned. */
static void at(int64_t t)
{
	char s[32];

	snprintf(s, sizeof(s), "%lld", (long long)t);
	setenv("LANTOA_NOW", s, 1);
}

static int try_login(tree *t, const char *ip, const char *login, const char *password,
		     lt_session_new *s, lt_error *e)
{
	lt_actor who;

	lt_actor_public(&who, ip);
	return lt_app_auth_login(t->db, &who, &cfg, login, password, &t->a, s, e);
}

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
	lt_session_new s;
	lt_error e;

	at(1700000000);
	real_user(t, "worker", t->g1);
	real_user(t, "worker2", t->g2);
	assert_int_equal(try_login(t, "10.0.0.1", "nobody-here", "whatever1", &s, &e), LT_EAUTH);
	assert_string_equal(e.field, "password");
	assert_string_equal(e.en, "Wrong login or password");
	for (int i = 0; i < 3; i++) {
		assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_EAUTH);
		assert_int_equal(s.outcome, LT_LOGIN_FAILED);
	}
	/* From the address that failed, even the right password waits now… */
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "the-right-password", &s, &e),
			 LT_ETHROTTLE);
	assert_int_equal(s.outcome, LT_LOGIN_THROTTLED);
	assert_int_equal(s.retry_after, 30);
	assert_string_equal(e.field, "login");
	/* …but the account is not locked: its owner elsewhere logs in. */
	assert_int_equal(try_login(t, "10.0.0.1", "worker", "the-right-password", &s, &e), 0);
	assert_int_equal(s.outcome, LT_LOGIN_OK);
	/* Another account from the address that failed is fine too. */
	assert_int_equal(try_login(t, "10.0.0.2", "worker2", "the-right-password", &s, &e), 0);
	/* A disabled account is refused like a wrong password. */
	assert_int_equal(lt_db_exec(t->db, "UPDATE app_user SET disabled = 1 WHERE login = 'worker2'",
				    &e),
			 0);
	assert_int_equal(try_login(t, "10.0.0.1", "worker2", "the-right-password", &s, &e), LT_EAUTH);
	unsetenv("LANTOA_NOW");
}

/*
 * After the free failures of a (login, address), each further one doubles
 * the wait, up to the cap; a success forgets them, and so does a quiet day.
 */
static void test_delays_grow_and_reset(void **state)
{
	tree *t = *state;
	int64_t now = 1700000000;
	lt_session_new s;
	lt_error e;
	static const int waits[] = { 30, 60, 120, 240, 300, 300 };

	real_user(t, "worker", t->g1);
	at(now);
	/* Its own address (known there: the address's counter stays out of it). */
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "the-right-password", &s, &e), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_EAUTH);
	for (size_t k = 0; k < sizeof(waits) / sizeof(waits[0]); k++) {
		/* Refused before the wait is over, without a check… */
		at(now + waits[k] - 1);
		assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_ETHROTTLE);
		assert_int_equal(s.retry_after, 1);
		/* …one more check once it is. */
		now += waits[k];
		at(now);
		assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_EAUTH);
	}
	at(now + 299);
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "the-right-password", &s, &e),
			 LT_ETHROTTLE);
	assert_int_equal(s.retry_after, 1);
	at(now + 300);
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "the-right-password", &s, &e), 0);
	/* The success forgot the failures: three free ones again. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_EAUTH);
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_ETHROTTLE);
	/* A counter quiet for login_forget starts again. */
	at(now + 300 + 86400);
	assert_int_equal(try_login(t, "10.0.0.2", "worker", "wrong", &s, &e), LT_EAUTH);
	unsetenv("LANTOA_NOW");
}

/*
 * One address (a NAT) sprays unknown logins: the address counter slows the
 * logins not yet known there, never a login that succeeded from it before,
 * and never another address.
 */
static void test_a_busy_address_slows_only_unknown_logins(void **state)
{
	tree *t = *state;
	lt_session_new s;
	lt_error e;
	char login[32];

	at(1700000000);
	real_user(t, "known", t->g1);
	real_user(t, "newcomer", t->g2);
	assert_int_equal(try_login(t, "192.0.2.7", "known", "the-right-password", &s, &e), 0);
	for (int i = 0; i < 5; i++) {
		snprintf(login, sizeof(login), "guess%d", i);
		assert_int_equal(try_login(t, "192.0.2.7", login, "wrong", &s, &e), LT_EAUTH);
	}
	/* A sixth unknown login from that address waits, even one that exists. */
	assert_int_equal(try_login(t, "192.0.2.7", "guess9", "wrong", &s, &e), LT_ETHROTTLE);
	assert_int_equal(s.retry_after, 30);
	assert_int_equal(try_login(t, "192.0.2.7", "newcomer", "the-right-password", &s, &e),
			 LT_ETHROTTLE);
	/* The colleague who logged in from there before is not slowed… */
	assert_int_equal(try_login(t, "192.0.2.7", "known", "the-right-password", &s, &e), 0);
	/* …nor is anyone elsewhere. */
	assert_int_equal(try_login(t, "198.51.100.1", "newcomer", "the-right-password", &s, &e), 0);
	unsetenv("LANTOA_NOW");
}

/*
 * Fail closed: an attempt is counted before the password is checked; when
 * it cannot be counted (here: a full database) the attempt is refused, the
 * right password included, and no session is made.
 */
static void test_an_attempt_that_cannot_be_counted_is_refused(void **state)
{
	tree *t = *state;
	lt_session_new s;
	lt_error e;

	real_user(t, "worker", t->g1);
	assert_int_equal(lt_db_exec(t->db, "CREATE TRIGGER full BEFORE INSERT ON login_throttle"
					   " BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END",
				    &e),
			 0);
	assert_int_not_equal(try_login(t, "10.0.0.1", "worker", "the-right-password", &s, &e), 0);
	assert_int_not_equal(s.outcome, LT_LOGIN_OK);
	assert_int_not_equal(try_login(t, "10.0.0.1", "worker", "wrong", &s, &e), LT_EAUTH);
	assert_int_equal(lt_db_exec(t->db, "DROP TRIGGER full", &e), 0);
	assert_int_equal(try_login(t, "10.0.0.1", "worker", "the-right-password", &s, &e), 0);
}

static int init(void **state)
{
	(void)state;
	return lt_password_init(2, LT_PWHASH_MEMORY_MIN); /* the default cost: core_password */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_opens_a_session, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_failures_are_counted_and_throttled, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_delays_grow_and_reset, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_a_busy_address_slows_only_unknown_logins,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_an_attempt_that_cannot_be_counted_is_refused,
						tree_setup, tree_teardown),
	};
	return cmocka_run_group_tests(tests, init, NULL);
}
