/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/password.c: Argon2id with a memory cost the operator sets
 * ([security] hash_memory), never below OWASP's minimum, and verified with the
 * cost the hash itself carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/password.h"

static void test_default_cost_is_interactive(void **state)
{
	char h[LT_PWHASH_MAX];
	lt_error e;

	(void)state;
	assert_int_equal(lt_password_init(2, 0), 0);
	assert_int_equal(lt_password_hash("lantoa2024", h, &e), 0);
	assert_non_null(strstr(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
	assert_true(lt_password_verify(h, "lantoa2024"));
	assert_false(lt_password_verify(h, "lantoa2025"));
}

static void test_cost_set_and_old_hashes_still_verify(void **state)
{
	char old[LT_PWHASH_MAX], h[LT_PWHASH_MAX];
	lt_error e;

	(void)state;
	assert_int_equal(lt_password_init(2, 0), 0);
	assert_int_equal(lt_password_hash("mật khẩu cũ", old, &e), 0);
	assert_int_equal(lt_password_init(2, LT_PWHASH_MEMORY_MIN), 0);
	assert_int_equal(lt_password_hash("mật khẩu mới", h, &e), 0);
	assert_non_null(strstr(h, "$argon2id$v=19$m=19456,t=2,p=1$"));
	assert_true(lt_password_verify(h, "mật khẩu mới"));
	/* a hash made at the old cost is checked at its own cost */
	assert_true(lt_password_verify(old, "mật khẩu cũ"));
	assert_false(lt_password_verify(old, "mật khẩu mới"));
}

static void test_cost_below_owasp_refused(void **state)
{
	char h[LT_PWHASH_MAX];
	lt_error e;

	(void)state;
	assert_int_equal(lt_password_init(2, LT_PWHASH_MEMORY_MIN), 0);
	assert_int_equal(lt_password_init(2, LT_PWHASH_MEMORY_MIN - 1), LT_EINVAL);
	assert_int_equal(lt_password_init(2, LT_PWHASH_MEMORY_MAX + 1), LT_EINVAL);
	/* a refused setting changes nothing */
	assert_int_equal(lt_password_hash("lantoa2024", h, &e), 0);
	assert_non_null(strstr(h, "$m=19456,t=2,"));
	assert_int_equal(lt_password_hash("short", h, &e), LT_EINVAL);
	assert_string_equal(e.field, "password");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_cost_is_interactive),
		cmocka_unit_test(test_cost_set_and_old_hashes_still_verify),
		cmocka_unit_test(test_cost_below_owasp_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
