/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/linkcheck.c: only the server (or the operator) checks
 * links; a claimed link is recorded whatever the fetch gave — here a
 * loopback address refused without any connection — and a refused address
 * fails at once instead of being retried.
 */
#include "activity_fx.h"

#include "app/activity.h"
#include "app/linkcheck.h"

static void test_claim_fetch_record(void **state)
{
	fx *f = *state;
	lt_app_item_in in;
	lt_app_item it;
	lt_linkcheck_config c;
	lt_actor sys;
	int checked = -1;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	memset(&in, 0, sizeof(in));
	in.directive_id = f->dir;
	in.url = "http://127.0.0.1:9/bai-viet";
	in.channel = "website";
	in.title = "Nội bộ";
	assert_int_equal(lt_app_activity_create(f->db, &f->c1, &in, &a, &it, &e), 0);
	assert_string_equal(it.check.state, "pending");
	lt_linkcheck_config_defaults(&c);
	c.timeout_ms = 2000;
	c.connect_timeout_ms = 1000;
	/* A user does not run the checker. */
	assert_int_equal(lt_app_linkcheck_run(f->db, &f->c1, &c, 5, &checked, &e), LT_EFORBIDDEN);
	assert_int_equal(checked, 0);
	lt_actor_system(&sys);
	assert_int_equal(lt_app_linkcheck_run(f->db, &sys, &c, 5, &checked, &e), 0);
	assert_int_equal(checked, 1);
	assert_int_equal(lt_app_activity_get(f->db, &f->c1, it.row.id, &a, &it, &e), 0);
	assert_true(it.has_check);
	assert_string_equal(it.check.state, "failed");
	assert_int_equal(it.check.http_status, 0);
	assert_non_null(it.check.error);
	/* Nothing left to claim. */
	assert_int_equal(lt_app_linkcheck_run(f->db, &sys, &c, 5, &checked, &e), 0);
	assert_int_equal(checked, 0);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claim_fetch_record, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
