/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/digest.c: the digest setting, who is due, one claim a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/digest.h"
#include "fx_users.h"

static size_t due(fx *f, const char *day, int64_t *ids)
{
	const char *logins[10];
	size_t n = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_digest_due(f->db, day, 0, 10, &a, ids, logins, &n, &e), 0);
	lt_arena_free(&a);
	return n;
}

static void test_off_by_default_then_due_once_a_day(void **state)
{
	fx *f = *state;
	int64_t ids[10];
	bool on = true, fresh = false;
	lt_error e;

	assert_int_equal(lt_digest_get(f->db, f->lam, &on, &e), 0);
	assert_false(on);
	assert_int_equal(due(f, "2026-12-07", ids), 0);

	assert_int_equal(lt_digest_set(f->db, f->lam, true, &e), 0);
	assert_int_equal(lt_digest_set(f->db, f->off, true, &e), 0); /* no address: never due */
	assert_int_equal(lt_digest_get(f->db, f->lam, &on, &e), 0);
	assert_true(on);
	assert_int_equal(due(f, "2026-12-07", ids), 1);
	assert_int_equal(ids[0], f->lam);

	assert_int_equal(lt_digest_claim(f->db, f->lam, "2026-12-07", &fresh, &e), 0);
	assert_true(fresh);
	assert_int_equal(lt_digest_claim(f->db, f->lam, "2026-12-07", &fresh, &e), 0);
	assert_false(fresh); /* the second claim of a day loses */
	assert_int_equal(due(f, "2026-12-07", ids), 0);
	assert_int_equal(due(f, "2026-12-08", ids), 1);

	assert_int_equal(lt_digest_set(f->db, f->lam, false, &e), 0);
	assert_int_equal(due(f, "2026-12-08", ids), 0);
	assert_int_equal(lt_digest_set(f->db, 999999, true, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "id");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_off_by_default_then_due_once_a_day, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
