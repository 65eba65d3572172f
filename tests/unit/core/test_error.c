/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/error.c: one mapping table for HTTP statuses and exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"

static void test_http_mapping(void **state)
{
	(void)state;
	assert_int_equal(lt_err_http_status(LT_OK), 200);
	assert_int_equal(lt_err_http_status(LT_EINVAL), 400);
	assert_int_equal(lt_err_http_status(LT_EAUTH), 401);
	assert_int_equal(lt_err_http_status(LT_EFORBIDDEN), 403);
	assert_int_equal(lt_err_http_status(LT_ECSRF), 403);
	assert_int_equal(lt_err_http_status(LT_ENOTFOUND), 404);
	assert_int_equal(lt_err_http_status(LT_EMETHOD), 405);
	assert_int_equal(lt_err_http_status(LT_EEXIST), 409);
	assert_int_equal(lt_err_http_status(LT_ECONFLICT), 409);
	assert_int_equal(lt_err_http_status(LT_ETOOBIG), 413);
	assert_int_equal(lt_err_http_status(LT_EUNSUPPORTED), 415);
	assert_int_equal(lt_err_http_status(LT_ETHROTTLE), 429);
	assert_int_equal(lt_err_http_status(LT_EDB), 500);
	assert_int_equal(lt_err_http_status(LT_EFULL), 507); /* a full disk is not a bug: issue 13 */
	assert_int_equal(lt_err_http_status(-999), 500); /* unknown codes are internal errors */
}

static void test_names_and_exit_codes(void **state)
{
	(void)state;
	assert_string_equal(lt_err_name(LT_EINVAL), "invalid");
	assert_string_equal(lt_err_name(LT_ETHROTTLE), "too_many_requests");
	assert_string_equal(lt_err_name(-999), "internal");
	assert_int_equal(lt_err_exit_code(LT_OK), 0);
	assert_int_equal(lt_err_exit_code(LT_EINVAL), 2);
	assert_int_equal(lt_err_exit_code(LT_ENOTFOUND), 3);
	assert_int_equal(lt_err_exit_code(LT_EEXIST), 4);
	assert_int_equal(lt_err_exit_code(LT_EFORBIDDEN), 5);
	assert_int_equal(lt_err_exit_code(LT_ETHROTTLE), 6);
	assert_string_equal(lt_err_name(LT_EFULL), "storage_full");
	assert_int_equal(lt_err_exit_code(LT_EFULL), 74);
}

static void test_messages_in_both_languages(void **state)
{
	lt_error e;
	(void)state;
	assert_int_equal(lt_error_set(&e, LT_EINVAL, "members", "Số %d không hợp lệ",
				      "Number %d is invalid", 7), LT_EINVAL);
	assert_string_equal(e.field, "members");
	assert_string_equal(lt_error_msg(&e, 0), "Số 7 không hợp lệ");
	assert_string_equal(lt_error_msg(&e, 1), "Number 7 is invalid");
	/* A message missing in one language falls back to the other. */
	lt_error_clear(&e);
	strcpy(e.vi, "chỉ tiếng Việt");
	assert_string_equal(lt_error_msg(&e, 1), "chỉ tiếng Việt");
	/* NULL is allowed and still returns the code. */
	assert_int_equal(lt_error_set(NULL, LT_EDB, NULL, "x", "y"), LT_EDB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http_mapping),
		cmocka_unit_test(test_names_and_exit_codes),
		cmocka_unit_test(test_messages_in_both_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
