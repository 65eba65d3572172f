/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/linkcheck.c: only the server (or the operator) checks
 * links; a claimed link is recorded whatever the fetch gave — here a
 * loopback address refused without any connection — and a refused address
 * fails at once instead of being retried. A claim holds a lease: nobody
 * else claims the link and a start-up reset leaves it alone until the lease
 * has passed (two servers on one database).
 */
#include "activity_fx.h"

#include "app/activity.h"
#include "app/linkcheck.h"
#include "store/linkkit.h"

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

static void test_claim_lease(void **state)
{
	fx *f = *state;
	int64_t attempts = 0;
	char *url = NULL;
	lt_error e;

	assert_int_equal(lt_db_run(f->db,
				   "INSERT INTO link_check(url_canonical, queued_at) VALUES ($1, 50)", &e,
				   LT_T("https://example.org/a")),
			 0);
	assert_int_equal(lt_linkcheck_claim(f->db, 100, 200, &url, &e), 0);
	assert_string_equal(url, "https://example.org/a");
	free(url);
	/* Leased: neither claimed again nor put back by another server's start-up. */
	assert_int_equal(lt_linkcheck_claim(f->db, 150, 250, &url, &e), 0);
	assert_null(url);
	assert_int_equal(lt_linkcheck_reset_running(f->db, 150, &e), 0);
	assert_int_equal(lt_linkcheck_claim(f->db, 199, 250, &url, &e), 0);
	assert_null(url);
	/* Its checker died: once the lease has passed, the link is claimed again. */
	assert_int_equal(lt_linkcheck_claim(f->db, 200, 300, &url, &e), 0);
	assert_string_equal(url, "https://example.org/a");
	free(url);
	assert_int_equal(lt_db_int(f->db, "SELECT attempts FROM link_check WHERE url_canonical = $1",
				   &attempts, &e, LT_T("https://example.org/a")),
			 1);
	assert_int_equal(attempts, 2);
	assert_int_equal(lt_linkcheck_reset_running(f->db, 300, &e), 0);
	assert_int_equal(lt_linkcheck_claim(f->db, 0, 10, &url, &e), 0);
	assert_non_null(url); /* pending again: claimed whatever the time */
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claim_fetch_record, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_claim_lease, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
