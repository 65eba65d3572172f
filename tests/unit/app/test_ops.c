/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/app/ops.c: who may read /metrics (address lists and CIDR blocks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/ops.h"

static void test_addresses_and_blocks(void **state)
{
	const char *list = "127.0.0.1, 10.20.0.0/16 ::1 fd00::/8";

	(void)state;
	assert_true(lt_app_addr_in_list("127.0.0.1", list));
	assert_false(lt_app_addr_in_list("127.0.0.2", list));
	assert_true(lt_app_addr_in_list("10.20.3.4", list));
	assert_false(lt_app_addr_in_list("10.21.3.4", list));
	assert_true(lt_app_addr_in_list("::1", list));
	assert_true(lt_app_addr_in_list("fd12:3456::1", list));
	assert_false(lt_app_addr_in_list("fe80::1", list));
	assert_false(lt_app_addr_in_list("not an address", list));
	assert_false(lt_app_addr_in_list(NULL, list));
	assert_false(lt_app_addr_in_list("127.0.0.1", ""));
	assert_true(lt_app_addr_in_list("203.0.113.9", "0.0.0.0/0"));
}

static void test_list_check(void **state)
{
	lt_error e;

	(void)state;
	assert_int_equal(lt_app_addr_list_check("127.0.0.1, ::1, 10.0.0.0/8", "x", &e), 0);
	assert_int_equal(lt_app_addr_list_check("127.0.0.1, 10.0.0.0/33", "server.metrics_allow", &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "server.metrics_allow");
	assert_non_null(strstr(e.en, "10.0.0.0/33"));
	assert_int_equal(lt_app_addr_list_check("localhost", "x", &e), LT_EINVAL);
}

static void test_metrics_allowed(void **state)
{
	lt_actor a;
	lt_error e;

	(void)state;
	lt_actor_public(&a, "127.0.0.1");
	assert_int_equal(lt_app_ops_metrics_allowed(&a, "127.0.0.1, ::1", &e), 0);
	lt_actor_public(&a, "198.51.100.7");
	assert_int_equal(lt_app_ops_metrics_allowed(&a, "127.0.0.1, ::1", &e), LT_EFORBIDDEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addresses_and_blocks),
		cmocka_unit_test(test_list_check),
		cmocka_unit_test(test_metrics_allowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
