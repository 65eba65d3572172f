/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/app/actor.c: the access decisions every use case makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/actor.h"

static lt_user user(int64_t id, int64_t unit, const char *path, const char *role)
{
	lt_user u;

	memset(&u, 0, sizeof(u));
	u.id = id;
	u.unit_id = unit;
	u.unit_path = path;
	u.role = role;
	u.login = "x";
	return u;
}

static void test_officer_of_a_district(void **state)
{
	lt_user u = user(7, 2, "/1/2/", "officer");
	lt_actor a;
	lt_error e;

	(void)state;
	lt_actor_user(&a, &u, "10.0.0.1");
	assert_int_equal(lt_actor_audit_id(&a), 7);
	assert_true(lt_actor_reads(&a, "/1/2/"));
	assert_true(lt_actor_reads(&a, "/1/2/5/9/"));
	assert_false(lt_actor_reads(&a, "/1/3/"));      /* a sibling district */
	assert_false(lt_actor_reads(&a, "/1/"));        /* the city above */
	assert_false(lt_actor_reads(&a, "/1/22/"));     /* not a prefix match on digits */
	assert_true(lt_actor_oversees(&a, "/1/2/5/"));
	assert_false(lt_actor_oversees(&a, "/1/2/"));   /* never its own unit */
	assert_true(lt_actor_is_unit(&a, 2));
	assert_false(lt_actor_is_unit(&a, 5));
	assert_int_equal(lt_actor_need_oversee(&a, "/1/3/", "unit_id", &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(lt_actor_need_role(&a, LT_ROLE_ADMIN, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_actor_need_role(&a, LT_ROLE_OFFICER, &e), 0);
}

static void test_cadre_edits_only_its_unit(void **state)
{
	lt_user u = user(8, 9, "/1/2/5/9/", "cadre");
	lt_actor a;

	(void)state;
	lt_actor_user(&a, &u, NULL);
	assert_true(lt_actor_edits(&a, "/1/2/5/9/"));
	assert_false(lt_actor_edits(&a, "/1/2/5/9/11/"));
	assert_false(lt_actor_oversees(&a, "/1/2/5/9/11/")); /* cadres review nothing */
}

static void test_operator_system_public(void **state)
{
	lt_actor op, sys, pub;
	lt_error e;

	(void)state;
	lt_actor_operator(&op);
	lt_actor_system(&sys);
	lt_actor_public(&pub, "1.2.3.4");
	assert_true(lt_actor_reads(&op, "/1/2/"));
	assert_true(lt_actor_is_unit(&op, 42));
	assert_int_equal(lt_actor_audit_id(&op), 0);
	assert_false(lt_actor_is_unit(&sys, 42));
	assert_false(lt_actor_reads(&pub, "/1/"));
	assert_int_equal(lt_actor_need_role(&pub, LT_ROLE_CADRE, &e), LT_EAUTH);
	assert_int_equal(lt_actor_need_role(&pub, LT_ROLE_PUBLIC, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_officer_of_a_district),
		cmocka_unit_test(test_cadre_edits_only_its_unit),
		cmocka_unit_test(test_operator_system_public),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
