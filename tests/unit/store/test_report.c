/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/report.c and rollup.c: the rows of reports, revisions,
 * numbers, locks and reminders; the roll-up by aggregation rule over the
 * tree as it stood, and completeness (on time, late, missing). The workflow
 * itself is tested in tests/unit/app/test_report.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/directive.h"
#include "core/report.h"
#include "store/directive.h"
#include "store/report.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t district, c1, c2, g1, g2, g3, g4, dir;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = code, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;
	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("%s", e.en);
	return id;
}

static void value(lt_db *db, int64_t dir, int64_t unit, const char *code, double v)
{
	lt_stmt *st = NULL;
	lt_error e;
	assert_int_equal(lt_db_prepare(db,
				       "INSERT INTO indicator_value(directive_id, unit_id, code, value,"
				       " updated_at) VALUES ($1, $2, $3, $4, $5)",
				       &st, &e), 0);
	lt_stmt_bind_int(st, 1, dir);
	lt_stmt_bind_int(st, 2, unit);
	lt_stmt_bind_text(st, 3, code);
	lt_stmt_bind_double(st, 4, v);
	lt_stmt_bind_int(st, 5, unit); /* later units: later entries, for "latest" */
	assert_int_equal(lt_stmt_run(st, &e), 0);
}

static void at(const char *epoch)
{
	setenv("LANTOA_NOW", epoch, 1);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;
	json_t *in, *doc = NULL;
	int64_t n;

	unsetenv("LANTOA_NOW");
	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->district = mk(f->db, "GL", "district", 0);
	f->c1 = mk(f->db, "C1", "commune", f->district);
	f->c2 = mk(f->db, "C2", "commune", f->district);
	f->g1 = mk(f->db, "G1", "grassroots", f->c1);
	f->g2 = mk(f->db, "G2", "grassroots", f->c1);
	f->g3 = mk(f->db, "G3", "grassroots", f->c2);
	f->g4 = mk(f->db, "G4", "grassroots", f->c2);
	in = json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[s],s:s,s:[s,s]}", "number", "42/LĐLĐ", "date",
		       "2024-01-18", "subject", "Tết", "recipients", "mode", "grassroots_under",
		       "unit_id", (json_int_t)f->district, "tasks", "báo cáo", "report_deadline",
		       "2024-02-20", "indicators", "people_supported", "support_vnd");
	assert_int_equal(lt_directive_check(in, true, &doc, &e), 0);
	assert_int_equal(lt_directive_create(f->db, f->district, doc, "directive", 0, 0, 0, &f->dir, &e), 0);
	assert_int_equal(lt_directive_issue(f->db, f->dir, 0, &n, &e), 0);
	assert_int_equal(n, 4);
	json_decref(in);
	json_decref(doc);
	value(f->db, f->dir, f->g1, "people_supported", 10);
	value(f->db, f->dir, f->g2, "people_supported", 20);
	value(f->db, f->dir, f->g3, "people_supported", 30);
	value(f->db, f->dir, f->g4, "people_supported", 40);
	value(f->db, f->dir, f->g1, "support_vnd", 1000000);
	value(f->db, f->dir, f->g3, "support_vnd", 2500000);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	free(f);
	unsetenv("LANTOA_NOW");
	return 0;
}

/* Store a submitted revision of unit's report (the rows app/report.c writes); returns its id. */
static int64_t submit(fx *f, int64_t unit, const char *kind)
{
	lt_arena a;
	lt_report r;
	lt_error e;
	int64_t id;

	lt_arena_init(&a);
	assert_int_equal(lt_report_open(f->db, f->dir, unit, &a, &r, &e), 0);
	assert_int_equal(lt_report_add_revision(f->db, r.id, r.rev + 1, kind, "{\"n\":1}",
						"sha-of-n", 0, lt_now(), &e), 0);
	assert_int_equal(lt_report_mark_submitted(f->db, r.id, "1/BC-CĐCS", lt_now(), &e), 0);
	id = r.id;
	lt_arena_free(&a);
	return id;
}

/* Accept the last revision of report id. */
static int accept(fx *f, int64_t id)
{
	lt_arena a;
	lt_report r;
	lt_error e;
	int rc;

	lt_arena_init(&a);
	rc = lt_report_get(f->db, id, &a, &r, &e);
	if (!rc)
		rc = lt_report_mark_reviewed(f->db, id, r.rev, "accepted", NULL, 0, lt_now(), &e);
	lt_arena_free(&a);
	return rc;
}

static int64_t count(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	lt_error e;
	int64_t n;
	assert_int_equal(lt_db_prepare(f->db, sql, &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return n;
}

static double figure(json_t *snap, const char *code)
{
	json_t *x;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(snap, "rollup"), "figures"), i, x)
		if (!strcmp(json_string_value(json_object_get(x, "code")), code))
			return json_number_value(json_object_get(x, "value"));
	return -1;
}

static json_t *collect(fx *f, int64_t unit, bool with_submitted)
{
	lt_rollup_opts o = { .include_submitted = with_submitted, .per_unit = true };
	lt_error e;
	json_t *snap = NULL;
	assert_int_equal(lt_rollup_collect(f->db, f->dir, unit, &o, &snap, &e), 0);
	return snap;
}

static void test_rows_revisions_numbers_locks(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_report r;
	lt_report_rev *revs = NULL;
	lt_error e;
	const char *text = NULL;
	char sha[65];
	size_t n = 0;
	int num = 0;
	int64_t id;

	at("1706000000"); /* 2024-01-23 */
	lt_arena_init(&a);
	id = submit(f, f->g1, "quick");
	assert_int_equal(lt_report_get(f->db, id, &a, &r, &e), 0);
	assert_string_equal(r.status, "submitted");
	assert_string_equal(r.number, "1/BC-CĐCS");
	assert_int_equal(r.rev, 1);
	assert_int_equal(r.first_submitted_at, 1706000000);
	assert_string_equal(r.narrative, "{}");
	/* The number is kept once given. */
	assert_int_equal(lt_report_mark_submitted(f->db, id, "9/BC-CĐCS", 1706000100, &e), 0);
	assert_int_equal(lt_report_get(f->db, id, &a, &r, &e), 0);
	assert_string_equal(r.number, "1/BC-CĐCS");
	assert_int_equal(r.first_submitted_at, 1706000000);
	assert_int_equal(r.last_submitted_at, 1706000100);
	/* A revision is unique per report. */
	assert_int_not_equal(lt_report_add_revision(f->db, id, 1, "final", "{}", "x", 0, 1, &e), 0);
	assert_int_equal(lt_report_mark_reviewed(f->db, id, 1, "returned", "Thiếu", 0, 1706000200, &e), 0);
	assert_int_equal(lt_report_revisions(f->db, id, &a, &revs, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(revs[0].kind, "quick");
	assert_string_equal(revs[0].review, "returned");
	assert_string_equal(revs[0].comment, "Thiếu");
	assert_int_equal(revs[0].reviewed_at, 1706000200);
	assert_int_equal(lt_report_revision_text(f->db, id, 1, &a, &text, sha, &e), 0);
	assert_string_equal(text, "{\"n\":1}");
	assert_string_equal(sha, "sha-of-n");
	assert_int_equal(lt_report_revision_text(f->db, id, 7, &a, &text, sha, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "rev");
	/* Report numbers count per unit and year. */
	assert_int_equal(lt_report_next_number(f->db, f->g1, 2024, &num, &e), 0);
	assert_int_equal(num, 1);
	assert_int_equal(lt_report_next_number(f->db, f->g1, 2024, &num, &e), 0);
	assert_int_equal(num, 2);
	assert_int_equal(lt_report_next_number(f->db, f->g1, 2025, &num, &e), 0);
	assert_int_equal(num, 1);
	/* Locks: one per (directive, unit), idempotent. */
	assert_int_equal(lt_report_lock(f->db, f->dir, f->g1, true, 1, &e), 0);
	assert_int_equal(lt_report_lock(f->db, f->dir, f->g1, true, 2, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 1);
	assert_int_equal(lt_report_lock(f->db, f->dir, f->g1, false, 3, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 0);
	lt_arena_free(&a);
}

static void test_rows_for_reminders(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_report_due *due = NULL;
	lt_report_dir d;
	lt_error e;
	int64_t ids[4];
	size_t n = 0;
	bool fresh = false;

	lt_arena_init(&a);
	submit(f, f->g2, "final");
	assert_int_equal(lt_report_unsubmitted(f->db, f->dir, &a, &due, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(due[0].unit_id, f->g1);
	assert_int_equal(due[1].unit_id, f->g3);
	assert_int_equal(lt_report_dir_get(f->db, f->dir, &a, &d, &e), 0);
	assert_string_equal(d.number, "42/LĐLĐ");
	assert_string_equal(d.deadline, "2024-02-20");
	assert_string_equal(d.issuer, "GL");
	assert_int_equal(lt_report_dir_get(f->db, 999, &a, &d, &e), LT_ENOTFOUND);
	assert_int_equal(lt_report_deadlines_between(f->db, "2024-02-01", "2024-02-29", ids, 4, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], f->dir);
	assert_int_equal(lt_report_deadlines_between(f->db, "2024-03-01", "2024-03-31", ids, 4, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(lt_reminder_mark(f->db, f->dir, f->g1, -3, &fresh, &e), 0);
	assert_true(fresh);
	assert_int_equal(lt_reminder_mark(f->db, f->dir, f->g1, -3, &fresh, &e), 0);
	assert_false(fresh);
	lt_arena_free(&a);
}

static void test_rollup_counts_reviewed_reports_only(void **state)
{
	fx *f = *state;
	json_t *snap;

	at("1706000000");
	assert_int_equal(accept(f, submit(f, f->g1, "final")), 0);
	submit(f, f->g3, "final"); /* submitted, not accepted */
	snap = collect(f, f->district, false);
	assert_true(figure(snap, "people_supported") == 10);
	assert_true(figure(snap, "support_vnd") == 1000000);
	json_decref(snap);
	snap = collect(f, f->district, true);
	assert_true(figure(snap, "people_supported") == 40);
	assert_true(figure(snap, "support_vnd") == 3500000);
	/* Per child: commune 1 has G1, commune 2 has G3. */
	assert_int_equal(json_array_size(json_object_get(snap, "children")), 2);
	json_decref(snap);
}

/* The items' distinct links per row (theme × channel) and in all: a link met in two rows counts in each. */
static void test_items_distinct_links(void **state)
{
	fx *f = *state;
	lt_error e;
	json_t *snap, *rows, *x;
	size_t i;
	int64_t fb = -1, zalo = -1;
	static const char *const items[][2] = {
		{ "facebook", "https://a.vn/1" }, { "facebook", "https://a.vn/1" },
		{ "facebook", "https://b.vn/2" }, { "zalo", "https://a.vn/1" },
	};

	at("1706000000");
	assert_int_equal(accept(f, submit(f, f->g1, "final")), 0);
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(lt_db_run(f->db,
					   "INSERT INTO activity(unit_id, directive_id, channel, kind, url,"
					   " url_canonical, title, search_fold, date, is_original, created_at,"
					   " updated_at) VALUES ($1, $2, $3, 'post', $4, $4, 't', 't',"
					   " '2024-01-20', $5, 1, 1)",
					   &e, LT_I(f->g1), LT_I(f->dir), LT_T(items[k][0]),
					   LT_T(items[k][1]), LT_I(k == 0 || k == 2)), 0);
	snap = collect(f, f->district, false);
	rows = json_object_get(json_object_get(snap, "rollup"), "items");
	json_array_foreach(rows, i, x) {
		const char *ch = json_string_value(json_object_get(x, "channel"));
		int64_t d = json_integer_value(json_object_get(x, "distinct_links"));
		if (!strcmp(ch, "facebook"))
			fb = d;
		else if (!strcmp(ch, "zalo"))
			zalo = d;
	}
	assert_int_equal(fb, 2);
	assert_int_equal(zalo, 1);
	x = json_object_get(json_object_get(snap, "rollup"), "item_totals");
	assert_int_equal(json_integer_value(json_object_get(x, "items")), 4);
	assert_int_equal(json_integer_value(json_object_get(x, "originals")), 2);
	assert_int_equal(json_integer_value(json_object_get(x, "distinct_links")), 2);
	json_decref(snap);
}

static void test_completeness_on_time_late_missing(void **state)
{
	fx *f = *state;
	json_t *snap, *c, *k;
	size_t i;

	at("1708000000"); /* 2024-02-15: on time */
	submit(f, f->g1, "final");
	at("1709000000"); /* 2024-02-27: after the 20/02 deadline */
	submit(f, f->g2, "final");
	snap = collect(f, f->district, true);
	c = json_object_get(snap, "completeness");
	assert_int_equal(json_integer_value(json_object_get(c, "expected")), 4);
	assert_int_equal(json_integer_value(json_object_get(c, "on_time")), 1);
	assert_int_equal(json_integer_value(json_object_get(c, "late")), 1);
	assert_int_equal(json_integer_value(json_object_get(c, "missing")), 2);
	assert_true(json_real_value(json_object_get(c, "reporting_rate")) == 0.5);
	assert_true(json_real_value(json_object_get(c, "on_time_rate")) == 0.25);
	assert_int_equal(json_array_size(json_object_get(c, "missing_units")), 2);
	json_array_foreach(json_object_get(snap, "children"), i, k) {
		json_t *kc = json_object_get(k, "completeness");
		if (json_integer_value(json_object_get(k, "id")) == f->c1)
			assert_true(json_real_value(json_object_get(kc, "reporting_rate")) == 1.0);
		else
			assert_int_equal(json_integer_value(json_object_get(kc, "missing")), 2);
	}
	json_decref(snap);
}

static void test_tree_as_it_stood(void **state)
{
	fx *f = *state;
	lt_error e;
	json_t *before, *after;

	at("1706000000");
	assert_int_equal(accept(f, submit(f, f->g1, "final")), 0);
	assert_int_equal(accept(f, submit(f, f->g3, "final")), 0);
	before = collect(f, f->c1, false);
	/* After the deadline, G1 moves from commune 1 to commune 2. */
	assert_int_equal(lt_unit_move(f->db, f->g1, f->c2, "2024-07-01", 0, &e), 0);
	after = collect(f, f->c1, false);
	assert_true(figure(before, "people_supported") == 10);
	assert_true(figure(after, "people_supported") == 10);
	json_decref(after);
	after = collect(f, f->c2, false);
	assert_true(figure(after, "people_supported") == 30); /* G1 not counted under C2 for this directive */
	json_decref(before);
	json_decref(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_revisions_numbers_locks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_for_reminders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollup_counts_reviewed_reports_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_distinct_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completeness_on_time_late_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_as_it_stood, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
