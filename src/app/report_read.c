/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_read.c — what is read from a report and made of it: revisions,
 * comparison, verification, documents, the e-mail and its log, and the
 * dashboard's roll-up; see report.h.
 */
#include "app/report.h"
#include "app/report_int.h"

#include <string.h>

#include "core/password.h"
#include "core/validate.h"
#include "render/report_render.h"

/*
 * Look at the report of ref: the unit (in *u) and the report row (in *r),
 * or the draft it would be when nobody wrote it yet (reads do not write).
 */
int lt_app_report_look(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
		       lt_unit *u, lt_report *r, lt_error *e)
{
	int rc = lt_app_report_target(db, who, ref, a, u, e);

	if (!rc)
		rc = lt_report_find(db, ref->directive, u->id, a, r, e);
	return rc;
}

int lt_app_report_revisions(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			    lt_arena *a, lt_report *r, lt_report_rev **revs, size_t *n, lt_error *e)
{
	lt_unit u;
	int rc = lt_app_report_look(db, who, ref, a, &u, r, e);

	*revs = NULL;
	*n = 0;
	if (!rc)
		rc = lt_report_revisions(db, r->id, a, revs, n, e);
	return rc;
}

int lt_app_report_compare(lt_db *db, const lt_actor *who, const lt_report_ref *ref, int *from,
			  int *to, json_t **changes, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	lt_report r;
	json_t *x = NULL, *y = NULL;
	char sha[65];
	int rc;

	*changes = NULL;
	lt_arena_init(&a);
	rc = lt_app_report_look(db, who, ref, &a, &u, &r, e);
	if (!rc) {
		*from = *from > 0 ? *from : r.rev;
		*to = *to > 0 ? *to : r.rev;
		rc = lt_app_report_snapshot(db, r.id, *from, &a, &x, sha, e);
	}
	if (!rc)
		rc = lt_app_report_snapshot(db, r.id, *to, &a, &y, sha, e);
	if (!rc) {
		*changes = lt_report_compare(x, y);
		if (!*changes)
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	json_decref(x);
	json_decref(y);
	lt_arena_free(&a);
	return rc;
}

int lt_app_report_verify(lt_db *db, const lt_actor *who, const lt_report_ref *ref, int rev,
			 lt_report_check *out, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	lt_report r;
	const char *text = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	lt_arena_init(&a);
	rc = lt_app_report_look(db, who, ref, &a, &u, &r, e);
	if (!rc) {
		out->rev = rev > 0 ? rev : r.rev;
		rc = lt_report_revision_text(db, r.id, out->rev, &a, &text, out->stored, e);
	}
	if (!rc) {
		/* Hash the stored bytes, not a re-serialisation of them. */
		lt_sha256_hex(text, strlen(text), out->computed);
		out->ok = !strcmp(out->stored, out->computed);
	}
	lt_arena_free(&a);
	return rc;
}

int lt_app_report_document(lt_db *db, const lt_actor *who, const lt_report_file_in *in,
			   lt_arena *a, lt_report_file *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	json_t *snap = NULL, *narrative = NULL;
	char sha[65] = "";
	int rev = 0, rc = lt_app_report_look(db, who, &in->ref, a, &u, &r, e);

	out->type = out->ext = NULL;
	out->unit_code = out->filename = out->filename_utf8 = NULL;
	if (!rc) {
		out->unit_code = u.code;
		rev = in->rev > 0 ? in->rev : r.rev;
	}
	/* A submitted revision as it was sealed; else the live draft with its narrative. */
	if (!rc && rev > 0) {
		rc = lt_app_report_snapshot(db, r.id, rev, a, &snap, sha, e);
	} else if (!rc) {
		rc = lt_app_report_live(db, r.directive_id, &u, in->with_submitted, &snap, e);
		narrative = r.narrative ? json_loads(r.narrative, 0, NULL) : NULL;
		if (!rc)
			json_object_set_new(snap, "narrative", narrative ? narrative : json_object());
	}
	if (!rc)
		rc = lt_report_render(snap, sha[0] ? sha : NULL, in->format ? in->format : "pdf",
				      &out->bytes, &out->type, &out->ext, e);
	if (!rc && lt_report_file_names(snap, out->ext, a, &out->filename, &out->filename_utf8))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_decref(snap);
	return rc;
}

int lt_app_report_send(lt_db *db, const lt_actor *who, const lt_report_ref *ref, const char *to,
		       int64_t *mail_id, lt_arena *a, lt_mail_entry **log, size_t *nlog, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc = lt_app_report_look(db, who, ref, a, &u, &r, e);

	*mail_id = 0;
	/* Sending is the reporting unit's, like submitting. */
	if (!rc)
		rc = lt_app_report_need(who, &u, LT_REPORT_SUBMIT, e);
	if (!rc)
		rc = lt_check_email("to", to, e);
	if (!rc && r.rev < 1)
		rc = lt_error_set(e, LT_ECONFLICT, "status", "Báo cáo chưa nộp lần nào: chưa gửi được",
				  "The report has not been submitted yet: nothing to send");
	if (!rc)
		rc = lt_app_report_mail_queue(db, who, &u, &r, to, mail_id, e);
	if (!rc && log)
		rc = lt_mail_log(db, "report", r.id, a, log, nlog, e);
	return rc;
}

int lt_app_report_mail_log(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
			   lt_mail_entry **out, size_t *n, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc = lt_app_report_look(db, who, ref, a, &u, &r, e);

	*out = NULL;
	*n = 0;
	if (!rc)
		rc = lt_mail_log(db, "report", r.id, a, out, n, e);
	return rc;
}

int lt_app_report_rollup(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			 bool with_submitted, json_t **snap, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	int rc;

	*snap = NULL;
	lt_arena_init(&a);
	rc = lt_app_report_target(db, who, ref, &a, &u, e);
	if (!rc)
		rc = lt_app_report_live(db, ref->directive, &u, with_submitted, snap, e);
	lt_arena_free(&a);
	return rc;
}
