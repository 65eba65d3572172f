/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/reset.c: forgotten-password tokens (hash, end, single use). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/reset.h"
#include "fx_users.h"

static void test_find_by_login_or_address(void **state)
{
	fx *f = *state;
	const char *l[LT_RESET_MAX_USERS];
	size_t n = 9;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_reset_find(f->db, "lam", &a, l, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(l[0], "lam");
	assert_int_equal(lt_reset_find(f->db, "LAM@example.ORG", &a, l, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "lam");
	assert_string_equal(l[1], "hanh");
	/* No address: nobody to mail. Unknown: nobody. */
	assert_int_equal(lt_reset_find(f->db, "off", &a, l, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(lt_reset_find(f->db, "nobody", &a, l, &n, &e), 0);
	assert_int_equal(n, 0);
	lt_arena_free(&a);
}

static void test_take_once_before_the_end(void **state)
{
	fx *f = *state;
	int64_t uid = -1;
	lt_error e;

	assert_int_equal(lt_reset_put(f->db, f->lam, "h1", 1000, 2800, &e), 0);
	/* Ended: not taken. */
	assert_int_equal(lt_reset_take(f->db, "h1", 2800, &uid, &e), 0);
	assert_int_equal(uid, 0);
	/* Before the end: taken once, then never again. */
	assert_int_equal(lt_reset_take(f->db, "h1", 2799, &uid, &e), 0);
	assert_int_equal(uid, f->lam);
	assert_int_equal(lt_reset_take(f->db, "h1", 2799, &uid, &e), 0);
	assert_int_equal(uid, 0);
	assert_int_equal(lt_reset_take(f->db, "unknown", 1500, &uid, &e), 0);
	assert_int_equal(uid, 0);
}

static void test_newer_token_voids_older(void **state)
{
	fx *f = *state;
	int64_t uid = -1;
	lt_error e;

	assert_int_equal(lt_reset_put(f->db, f->hanh, "a1", 1000, 2800, &e), 0);
	assert_int_equal(lt_reset_put(f->db, f->hanh, "a2", 1100, 2900, &e), 0);
	assert_int_equal(lt_reset_take(f->db, "a1", 1200, &uid, &e), 0);
	assert_int_equal(uid, 0);
	assert_int_equal(lt_reset_take(f->db, "a2", 1200, &uid, &e), 0);
	assert_int_equal(uid, f->hanh);
	/* After a reset, the user's other unused tokens go. */
	assert_int_equal(lt_reset_put(f->db, f->hanh, "a3", 1300, 3100, &e), 0);
	assert_int_equal(lt_reset_drop_user(f->db, f->hanh, &e), 0);
	assert_int_equal(lt_reset_take(f->db, "a3", 1400, &uid, &e), 0);
	assert_int_equal(uid, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find_by_login_or_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_once_before_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_token_voids_older, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
