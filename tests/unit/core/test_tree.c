/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/tree.c and src/core/access.c: path rules and subtree access. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/access.h"
#include "core/tree.h"

static void test_paths(void **state)
{
	char p[LT_PATH_MAX], end[LT_PATH_MAX];
	int64_t ids[8];
	(void)state;
	assert_int_equal(lt_tree_path_child(NULL, 1, p), 0);
	assert_string_equal(p, "/1/");
	assert_int_equal(lt_tree_path_child("/1/", 25, p), 0);
	assert_string_equal(p, "/1/25/");
	assert_int_equal(lt_tree_path_depth("/1/25/"), 2);
	assert_int_equal(lt_tree_path_ids("/1/25/300/", ids, 8), 3);
	assert_int_equal(ids[2], 300);
	/* The range end sorts after every descendant and before the next sibling. */
	lt_tree_path_end("/1/25/", end);
	assert_string_equal(end, "/1/250");
	assert_true(strcmp("/1/25/9999/", end) < 0);
	assert_true(strcmp("/1/25/", end) < 0);
	assert_true(strcmp("/1/250/", end) >= 0);
	assert_true(strcmp("/1/26/", end) > 0);
}

static void test_under_is_not_fooled_by_prefix_digits(void **state)
{
	(void)state;
	assert_true(lt_tree_path_under("/1/25/7/", "/1/25/"));
	assert_true(lt_tree_path_under("/1/25/", "/1/25/"));
	assert_false(lt_tree_path_under("/1/250/", "/1/25/"));
	assert_false(lt_tree_path_under("/1/", "/1/25/"));
	assert_int_equal(lt_tree_check_move("/1/25/", "/1/25/7/"), -1);
	assert_int_equal(lt_tree_check_move("/1/25/", "/1/26/"), 0);
}

static void test_access_rules(void **state)
{
	(void)state;
	/* Reading: own subtree only. */
	assert_true(lt_access_read("/1/2/", "/1/2/30/"));
	assert_false(lt_access_read("/1/2/30/", "/1/2/31/"));
	/* Structure: officers and admins, strictly below their unit. */
	assert_true(lt_access_structure("officer", "/1/2/", "/1/2/30/"));
	assert_false(lt_access_structure("officer", "/1/2/", "/1/2/"));
	assert_false(lt_access_structure("cadre", "/1/2/30/", "/1/2/30/"));
	assert_false(lt_access_structure("officer", "/1/2/", "/1/3/"));
	/* Editing details: a cadre its own unit only. */
	assert_true(lt_access_edit("cadre", "/1/2/30/", "/1/2/30/"));
	assert_false(lt_access_edit("cadre", "/1/2/30/", "/1/2/31/"));
	assert_true(lt_access_edit("officer", "/1/2/", "/1/2/"));
	assert_false(lt_access_edit("nobody", "/1/", "/1/"));
	assert_true(lt_role_rank("admin") > lt_role_rank("officer"));
	assert_true(lt_role_rank("officer") > lt_role_rank("cadre"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_under_is_not_fooled_by_prefix_digits),
		cmocka_unit_test(test_access_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
