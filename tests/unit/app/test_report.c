/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/report.c and report_read.c: who may see, edit, submit,
 * review and send a unit's report (own unit, ancestor officer, sibling,
 * other subtree, cadre against officer, the console operator); the
 * workflow with its revisions, hashes and record locks; a failing step
 * leaves nothing written; bad input names its field.
 */
#include "report_fx.h"

static void test_who_may_submit(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), sibling = as(f, f->g2, "cadre");
	lt_actor above = as(f, f->gl, "officer"), other = as(f, f->d2, "officer");
	lt_actor public;
	lt_error e;

	lt_actor_public(&public, "10.0.0.9");
	/* Only the reporting unit itself submits: not a sibling, not the officer above. */
	assert_int_equal(submit(f, &sibling, f->g1, NULL, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(submit(f, &above, f->g1, NULL, &e), LT_EFORBIDDEN);
	/* Another district does not even see the directive. */
	assert_int_equal(submit(f, &other, f->g1, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(submit(f, &public, f->g1, NULL, &e), LT_EAUTH);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision"), 0);
	assert_int_equal(submit(f, &own, f->g1, "quick", &e), 0);
	/* The console operator acts as any unit. */
	assert_int_equal(submit(f, &f->op, f->g3, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision"), 2);
}

static void test_who_may_read(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), sibling = as(f, f->g2, "cadre");
	lt_actor above = as(f, f->gl, "officer"), other = as(f, f->d2, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_view v;
	lt_error e;

	assert_int_equal(lt_app_report_get(f->db, &own, &ref, false, &f->a, &v, &e), 0);
	assert_string_equal(v.report.status, "draft");
	assert_true(v.can_edit);
	assert_false(v.can_review);
	assert_non_null(json_object_get(v.snapshot, "rollup"));
	assert_string_equal(v.sha256, "");
	lt_app_report_view_free(&v);
	assert_int_equal(lt_app_report_get(f->db, &above, &ref, false, &f->a, &v, &e), 0);
	assert_false(v.can_edit);
	assert_true(v.can_review);
	lt_app_report_view_free(&v);
	assert_int_equal(lt_app_report_get(f->db, &sibling, &ref, false, &f->a, &v, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_report_get(f->db, &other, &ref, false, &f->a, &v, &e), LT_ENOTFOUND);
}

static void test_who_may_review(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), c1 = as(f, f->gl, "officer");
	lt_actor c2 = as(f, f->g2, "officer"), gl_cadre = as(f, f->gl, "cadre");
	lt_actor other = as(f, f->d2, "officer");
	lt_error e;

	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	/* Not its own reviewer; not a sibling; not a cadre above; not another district. */
	assert_int_equal(review(f, &own, f->g1, LT_REPORT_ACCEPT, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(review(f, &c2, f->g1, LT_REPORT_ACCEPT, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(review(f, &other, f->g1, LT_REPORT_ACCEPT, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(review(f, &gl_cadre, f->g1, LT_REPORT_ACCEPT, NULL, &e), LT_EFORBIDDEN);
	/* Access is decided before the input: a stranger without a comment is refused, not asked for one. */
	assert_int_equal(review(f, &own, f->g1, LT_REPORT_RETURN, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_RETURN, "", &e), LT_EINVAL);
	assert_string_equal(e.field, "comment");
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_RETURN, "Thiếu số quà", &e), 0);
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(review(f, &f->op, f->g1, LT_REPORT_ACCEPT, NULL, &e), 0);
	/* An accepted report is reopened by the officer above, not by the unit (its data
	 * stays locked) nor a sibling; while it only waits, the unit may take it back. */
	assert_int_equal(review(f, &own, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(review(f, &c2, f->g1, LT_REPORT_REOPEN, "Sửa", &e), LT_EFORBIDDEN);
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), 0);
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(review(f, &own, f->g1, LT_REPORT_REOPEN, "Sửa", &e), 0);
}

static void test_workflow_revisions_hash_and_locks(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), c1 = as(f, f->gl, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_view v;
	lt_report_check c;
	lt_report r;
	lt_report_rev *revs;
	json_t *changes = NULL;
	size_t n;
	int from = 1, to = 0;
	lt_error e;

	assert_int_equal(submit(f, &own, f->g1, "quick", &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 1);
	/* Submitted twice without a review: the table refuses, naming the state. */
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "status");
	assert_string_equal(e.en, "The report is submitted: cannot submit it again");
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_RETURN, "Thiếu số quà", &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 0);
	assert_int_equal(submit(f, &own, f->g1, "final", &e), 0);
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_ACCEPT, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 1);
	assert_int_equal(lt_app_report_get(f->db, &c1, &ref, false, &f->a, &v, &e), 0);
	assert_string_equal(v.report.status, "accepted");
	assert_string_equal(v.report.number, "1/BC-CĐCS"); /* one number for both revisions */
	assert_int_equal(v.nrevs, 2);
	assert_string_equal(v.revs[0].review, "returned");
	assert_string_equal(v.revs[0].comment, "Thiếu số quà");
	assert_string_equal(v.revs[1].review, "accepted");
	/* The accepted report shows its sealed revision, with its number and kind inside. */
	assert_string_equal(json_string_value(json_object_get(v.snapshot, "report_number")), "1/BC-CĐCS");
	assert_int_equal(json_integer_value(json_object_get(v.snapshot, "revision")), 2);
	assert_string_equal(v.sha256, v.revs[1].sha256);
	lt_app_report_view_free(&v);
	assert_int_equal(lt_app_report_compare(f->db, &own, &ref, &from, &to, &changes, &e), 0);
	assert_int_equal(to, 2);
	assert_true(json_is_array(changes));
	json_decref(changes);
	/* The stored revision verifies; a tampered one does not. */
	assert_int_equal(lt_app_report_verify(f->db, &own, &ref, 0, &c, &e), 0);
	assert_int_equal(c.rev, 2);
	assert_true(c.ok);
	assert_int_equal(lt_db_exec(f->db, "UPDATE report_revision SET snapshot = replace(snapshot, '\"revision\":2', '\"revision\":3') WHERE rev = 2", &e), 0);
	assert_int_equal(lt_app_report_verify(f->db, &own, &ref, 2, &c, &e), 0);
	assert_false(c.ok);
	assert_int_equal(lt_app_report_verify(f->db, &own, &ref, 9, &c, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "rev");
	/* A correction needs a reason, then unlocks the records. */
	assert_int_equal(review(f, &own, f->g1, LT_REPORT_REOPEN, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "reason");
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM record_lock"), 0);
	assert_int_equal(lt_app_report_revisions(f->db, &own, &ref, &f->a, &r, &revs, &n, &e), 0);
	assert_string_equal(r.status, "draft");
	assert_int_equal(n, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE entity = 'report'"), 5); /* submit, return, submit, accept, reopen */
}

static void test_a_failing_step_leaves_nothing(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre");
	lt_error e;

	/* The last write of a submission (the record lock) fails. */
	assert_int_equal(lt_db_exec(f->db, "CREATE TRIGGER boom BEFORE INSERT ON record_lock"
					   " BEGIN SELECT RAISE(ABORT, 'boom'); END", &e), 0);
	assert_int_not_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report WHERE status <> 'draft' OR number IS NOT NULL"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_number"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE entity = 'report'"), 0);
	assert_int_equal(lt_db_exec(f->db, "DROP TRIGGER boom", &e), 0);
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision"), 1);
}

/* Whether the directive reached the unit cannot be read (on PostgreSQL: the connection
 * lost in a failover): the submission fails with that error (503 for a lost connection),
 * not LT_ENOTFOUND, which the API answers 404 "no such directive". */
static void test_a_failed_receipt_lookup_is_not_a_missing_directive(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre");
	lt_error e;

	assert_int_equal(lt_db_exec(f->db, "ALTER TABLE receipt RENAME TO receipt_gone", &e), 0);
	assert_int_equal(submit(f, &own, f->g1, "quick", &e), LT_EDB);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision"), 0);
	assert_int_equal(lt_db_exec(f->db, "ALTER TABLE receipt_gone RENAME TO receipt", &e), 0);
	assert_int_equal(submit(f, &own, f->g1, "quick", &e), 0);
}

static void test_bad_input_names_the_field(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre");
	lt_report_submit_in in = { .ref = { f->dir, f->g1 }, .basis = "everything" };
	lt_report_ref ref = { f->dir, f->g1 };
	json_t *bad = json_pack("{s:i}", "general", 5), *good = json_pack("{s:s}", "general", "Đã làm");
	lt_report_view v;
	lt_error e;

	assert_int_equal(submit(f, &own, f->g1, "weekly", &e), LT_EINVAL);
	assert_string_equal(e.field, "kind");
	assert_int_equal(lt_app_report_submit(f->db, &own, &in, NULL, &f->a, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "basis");
	assert_int_equal(lt_app_report_narrative(f->db, &own, &ref, bad, &f->a, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "narrative");
	assert_int_equal(lt_app_report_narrative(f->db, &own, &ref, good, &f->a, &v, &e), 0);
	assert_string_equal(json_string_value(json_object_get(v.narrative, "general")), "Đã làm");
	lt_app_report_view_free(&v);
	/* The narrative goes into the sealed revision; a submitted report cannot be edited. */
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(lt_app_report_narrative(f->db, &own, &ref, good, &f->a, NULL, &e), LT_ECONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM report_revision WHERE snapshot LIKE '%Đã làm%'"), 1);
	json_decref(bad);
	json_decref(good);
}

static void test_send_queues_the_last_revision(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), c1 = as(f, f->gl, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_mail_entry *log = NULL;
	size_t n = 0;
	int64_t mail = 0;
	lt_error e;

	assert_int_equal(lt_app_report_send(f->db, &own, &ref, "x@example.org", &mail, &f->a, NULL, NULL, &e), LT_ECONFLICT);
	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	/* The directive names no address: one must be given. */
	assert_int_equal(lt_app_report_send(f->db, &own, &ref, NULL, &mail, &f->a, NULL, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "to");
	/* Sending is the unit's own, like submitting. */
	assert_int_equal(lt_app_report_send(f->db, &c1, &ref, "x@example.org", &mail, &f->a, NULL, NULL, &e), LT_EFORBIDDEN);
	/* To the commune above (its address on file). */
	assert_int_equal(lt_unit_update(f->db, f->c1, NULL, "cd@example.org", -1, NULL, 0, &e), 0);
	assert_int_equal(lt_app_report_send(f->db, &own, &ref, "cd@example.org", &mail, &f->a, &log, &n, &e), 0);
	assert_true(mail > 0);
	assert_int_equal(n, 1);
	assert_string_equal(log[0].to, "cd@example.org");
	assert_string_equal(log[0].status, "queued");
	assert_non_null(strstr(log[0].subject, "1/BC-CĐCS"));
	assert_int_equal(count(f, "SELECT count(*) FROM mail_attachment"), 2);
	/* Its officer above reads the log too. */
	assert_int_equal(lt_app_report_mail_log(f->db, &c1, &ref, &f->a, &log, &n, &e), 0);
	assert_int_equal(n, 1);
}

static void test_dashboard_rollup(void **state)
{
	fx *f = *state;
	lt_actor gl = as(f, f->gl, "officer"), own = as(f, f->g1, "cadre");
	lt_report_ref ref = { f->dir, f->gl };
	json_t *snap = NULL;
	lt_error e;

	assert_int_equal(submit(f, &own, f->g1, NULL, &e), 0);
	assert_int_equal(lt_app_report_rollup(f->db, &gl, &ref, true, &snap, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(snap, "completeness"), "expected")), 3);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(snap, "completeness"), "on_time")), 1);
	/* The workers' feedback of the subtree comes with it (none here). */
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(json_object_get(snap, "rollup"), "feedback"), "total")), 0);
	assert_non_null(json_object_get(json_object_get(snap, "rollup"), "feedback"));
	json_decref(snap);
	/* A unit's cadre does not see the district's roll-up. */
	assert_int_equal(lt_app_report_rollup(f->db, &own, &ref, true, &snap, &e), LT_EFORBIDDEN);
}

/*
 * Issue 13, finding 9: reads do not write. A report nobody wrote reads as a
 * draft without a row; a rejected write leaves none either; the first write
 * makes it.
 */
static void test_reads_do_not_write(void **state)
{
	fx *f = *state;
	lt_actor own = as(f, f->g1, "cadre"), above = as(f, f->gl, "officer");
	lt_actor sibling = as(f, f->g2, "cadre");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_file_in doc = { .ref = ref, .format = "csv" };
	json_t *bad = json_pack("{s:i}", "general", 5), *good = json_pack("{s:s}", "general", "Đã làm");
	json_t *changes = NULL;
	lt_report_file file = { 0 };
	lt_report_view v;
	lt_report_check c;
	lt_report r;
	lt_report_rev *revs;
	lt_mail_entry *log;
	size_t n;
	int from = 0, to = 0;
	lt_error e;

	assert_int_equal(lt_app_report_get(f->db, &own, &ref, false, &f->a, &v, &e), 0);
	assert_string_equal(v.report.status, "draft");
	assert_int_equal(v.report.rev, 0);
	assert_int_equal(v.nrevs, 0);
	assert_true(v.can_edit);
	assert_non_null(json_object_get(v.snapshot, "rollup"));
	lt_app_report_view_free(&v);
	assert_int_equal(lt_app_report_get(f->db, &above, &ref, true, &f->a, &v, &e), 0);
	lt_app_report_view_free(&v);
	assert_int_equal(lt_app_report_revisions(f->db, &above, &ref, &f->a, &r, &revs, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_string_equal(r.status, "draft");
	assert_int_equal(lt_app_report_compare(f->db, &own, &ref, &from, &to, &changes, &e), LT_ENOTFOUND);
	assert_int_equal(lt_app_report_verify(f->db, &own, &ref, 0, &c, &e), LT_ENOTFOUND);
	assert_int_equal(lt_app_report_mail_log(f->db, &own, &ref, &f->a, &log, &n, &e), 0);
	assert_int_equal(n, 0);
	lt_buf_init(&file.bytes, 1u << 20);
	assert_int_equal(lt_app_report_document(f->db, &own, &doc, &f->a, &file, &e), 0);
	assert_true(file.bytes.len > 0);
	lt_buf_free(&file.bytes);
	assert_int_equal(count(f, "SELECT count(*) FROM report"), 0);
	/* Rejected writes: bad input, a stranger, the officer above. */
	assert_int_equal(lt_app_report_narrative(f->db, &own, &ref, bad, &f->a, NULL, &e), LT_EINVAL);
	assert_int_equal(lt_app_report_narrative(f->db, &sibling, &ref, good, &f->a, NULL, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_report_narrative(f->db, &above, &ref, good, &f->a, NULL, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(review(f, &above, f->g1, LT_REPORT_ACCEPT, NULL, &e), LT_ECONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM report"), 0);
	/* The first write makes the row. */
	assert_int_equal(lt_app_report_narrative(f->db, &own, &ref, good, &f->a, &v, &e), 0);
	assert_true(v.report.id > 0);
	lt_app_report_view_free(&v);
	assert_int_equal(count(f, "SELECT count(*) FROM report"), 1);
	json_decref(bad);
	json_decref(good);
}

/*
 * Issue 13, finding 7: the address is checked when the report is queued:
 * one plain address (no header injection, no list), and a cadre mails only
 * the union's addresses (the directive's report address, its own unit's,
 * a unit's above it); an officer may mail any valid address, audited.
 */
static void test_send_checks_the_address(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), officer = as(f, f->g1, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	static const char *const bad[] = { "a@b.vn\r\nBcc: x@y.z", "a@b.vn, c@d.vn", "a@b.vn;c@d.vn",
					   "Tên <a@b.vn>", "a@b.vn\nSubject: x" };
	int64_t mail = 0;
	lt_error e;

	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(lt_unit_update(f->db, f->gl, NULL, "ldld@gialam.example.org", -1, NULL, 0, &e), 0);
	assert_int_equal(lt_unit_update(f->db, f->g1, NULL, "cdcs1@example.org", -1, NULL, 0, &e), 0);
	assert_int_equal(lt_unit_update(f->db, f->g2, NULL, "cdcs2@example.org", -1, NULL, 0, &e), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(lt_app_report_send(f->db, &officer, &ref, bad[i], &mail, &f->a, NULL, NULL, &e),
				 LT_EINVAL);
		assert_string_equal(e.field, "to");
	}
	assert_int_equal(count(f, "SELECT count(*) FROM mail_queue"), 0);
	/* A cadre: not an outside address, not a sibling union's… */
	assert_int_equal(lt_app_report_send(f->db, &cadre, &ref, "someone@gmail.example", &mail, &f->a, NULL, NULL, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "to");
	assert_int_equal(lt_app_report_send(f->db, &cadre, &ref, "cdcs2@example.org", &mail, &f->a, NULL, NULL, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM mail_queue"), 0);
	/* …but the district above (any case), and its own unit. */
	assert_int_equal(lt_app_report_send(f->db, &cadre, &ref, "LDLD@Gialam.example.org", &mail, &f->a, NULL, NULL, &e), 0);
	assert_int_equal(lt_app_report_send(f->db, &cadre, &ref, "cdcs1@example.org", &mail, &f->a, NULL, NULL, &e), 0);
	/* An officer of the unit may mail outside the union; the address is in the audit trail. */
	assert_int_equal(lt_app_report_send(f->db, &officer, &ref, "vanphong@ubnd.example.vn", &mail, &f->a, NULL, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM mail_queue"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'send' AND detail LIKE '%vanphong@ubnd.example.vn%'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_may_submit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_receipt_lookup_is_not_a_missing_directive,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_may_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_may_review, setup, teardown),
		cmocka_unit_test_setup_teardown(test_workflow_revisions_hash_and_locks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failing_step_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_names_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_queues_the_last_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_rollup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reads_do_not_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_checks_the_address, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
