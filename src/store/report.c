/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c — the report workflow and its revisions; see report.h. */
#include "store/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/password.h"
#include "core/report.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/unit.h"

#define REPORT_COLS                                                                       \
	"id, directive_id, unit_id, status, number, narrative, rev, first_submitted_at,"   \
	" last_submitted_at, accepted_at"

static void read_report(lt_stmt *st, lt_arena *a, lt_report *r)
{
	memset(r, 0, sizeof(*r));
	r->id = lt_stmt_int(st, 0);
	r->directive_id = lt_stmt_int(st, 1);
	r->unit_id = lt_stmt_int(st, 2);
	r->status = lt_arena_strdup(a, lt_stmt_text(st, 3));
	r->number = lt_arena_strdup(a, lt_stmt_text(st, 4));
	r->narrative = json_loads(lt_stmt_text(st, 5), 0, NULL);
	if (!r->narrative)
		r->narrative = json_object();
	r->rev = (int)lt_stmt_int(st, 6);
	r->first_submitted_at = lt_stmt_is_null(st, 7) ? 0 : lt_stmt_int(st, 7);
	r->last_submitted_at = lt_stmt_is_null(st, 8) ? 0 : lt_stmt_int(st, 8);
	r->accepted_at = lt_stmt_is_null(st, 9) ? 0 : lt_stmt_int(st, 9);
}

void lt_report_clear(lt_report *r)
{
	json_decref(r->narrative);
	r->narrative = NULL;
}

int lt_report_get(lt_db *db, int64_t id, lt_arena *a, lt_report *r, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT " REPORT_COLS " FROM report WHERE id = $1", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		read_report(st, a, r);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có báo cáo #%" PRId64,
				    "No report #%" PRId64, id);
	return rc < 0 ? rc : 0;
}

int lt_report_open(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, lt_report *r,
		   lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "INSERT INTO report(directive_id, unit_id, created_at, updated_at)"
			       " VALUES ($1, $2, $3, $3) ON CONFLICT (directive_id, unit_id) DO NOTHING",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_int(st, 2, unit);
	lt_stmt_bind_int(st, 3, lt_now());
	rc = lt_stmt_run(st, e);
	if (rc)
		return rc;
	rc = lt_db_prepare(db,
			   "SELECT " REPORT_COLS " FROM report WHERE directive_id = $1 AND unit_id = $2",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_int(st, 2, unit);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		read_report(st, a, r);
	lt_stmt_done(st);
	return rc == 1 ? 0 : rc < 0 ? rc : LT_EINTERNAL;
}

/* Run sql with $1 = id and $2 = now. */
static int exec_id(lt_db *db, const char *sql, int64_t id, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, sql, &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, lt_now());
	return lt_stmt_run(st, e);
}

/* Lock or unlock the unit's records for the report's directive. */
static int set_lock(lt_db *db, const lt_report *r, bool lock, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       lock ? "INSERT INTO record_lock(directive_id, unit_id, locked_at)"
				      " VALUES ($1, $2, $3) ON CONFLICT (directive_id, unit_id) DO NOTHING"
				    : "DELETE FROM record_lock WHERE directive_id = $1 AND unit_id = $2",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, r->directive_id);
	lt_stmt_bind_int(st, 2, r->unit_id);
	if (lock)
		lt_stmt_bind_int(st, 3, lt_now());
	return lt_stmt_run(st, e);
}

static int wrong_state(lt_error *e, const char *status, const char *what_vi, const char *what_en)
{
	return lt_error_set(e, LT_ECONFLICT, "status", "Báo cáo đang ở trạng thái %s: không thể %s%.0s",
			    "The report is %s: cannot %.0s%s", status, what_vi, what_en);
}

int lt_report_set_narrative(lt_db *db, int64_t id, json_t *narrative, int64_t actor, lt_error *e)
{
	lt_arena a;
	lt_report r = { 0 };
	char *text = NULL;
	const char *k;
	json_t *v;
	int rc;

	if (!json_is_object(narrative))
		return lt_error_set(e, LT_EINVAL, "narrative", "Phần thuyết minh phải là đối tượng",
				    "The narrative must be an object");
	json_object_foreach(narrative, k, v)
		if (!json_is_string(v) || json_string_length(v) > 20000)
			return lt_error_set(e, LT_EINVAL, "narrative",
					    "Mỗi đoạn thuyết minh là chuỗi tối đa 20.000 byte (%s)",
					    "Each narrative entry is a string of at most 20,000 bytes (%s)",
					    k);
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (!rc)
		rc = lt_report_get(db, id, &a, &r, e);
	if (!rc && strcmp(r.status, "draft") && strcmp(r.status, "returned"))
		rc = wrong_state(e, r.status, "sửa", "edit it");
	if (!rc) {
		lt_stmt *st = NULL;
		text = json_dumps(narrative, JSON_COMPACT);
		rc = lt_db_prepare(db, "UPDATE report SET updated_at = $2, narrative = $3 WHERE id = $1",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, id);
			lt_stmt_bind_int(st, 2, lt_now());
			lt_stmt_bind_text(st, 3, text);
			rc = lt_stmt_run(st, e);
		}
	}
	if (!rc)
		rc = lt_audit(db, actor, "narrative", "report", id, NULL, e);
	if (rc)
		lt_db_rollback(db);
	else
		rc = lt_db_commit(db, e);
	free(text);
	lt_report_clear(&r);
	lt_arena_free(&a);
	return rc;
}

/* The next number of the unit's reports this year. */
static int next_number(lt_db *db, int64_t unit, lt_arena *a, char out[64], lt_error *e)
{
	lt_stmt *st = NULL;
	lt_unit u;
	struct tm tm;
	int n = 0, rc;

	lt_vn_tm(lt_now(), &tm);
	rc = lt_unit_get(db, unit, a, &u, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO report_number(unit_id, year, last) VALUES ($1, $2, 1)"
				   " ON CONFLICT (unit_id, year) DO UPDATE SET last = report_number.last + 1"
				   " RETURNING last",
				   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, unit);
	lt_stmt_bind_int(st, 2, tm.tm_year + 1900);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		n = (int)lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	lt_report_number_format(n, u.level, out);
	return 0;
}

int lt_report_submit(lt_db *db, int64_t id, const char *kind, json_t *snapshot, int64_t actor,
		     int *rev, lt_error *e)
{
	lt_arena a;
	lt_report r = { 0 };
	lt_stmt *st = NULL;
	char sha[65], number[64] = "";
	char *text = NULL;
	int64_t now = lt_now();
	int rc;

	if (!kind || (strcmp(kind, "quick") && strcmp(kind, "final")))
		return lt_error_set(e, LT_EINVAL, "kind", "Loại báo cáo là quick (nhanh) hoặc final",
				    "The kind is quick or final");
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (!rc)
		rc = lt_report_get(db, id, &a, &r, e);
	if (!rc && strcmp(r.status, "draft") && strcmp(r.status, "returned"))
		rc = wrong_state(e, r.status, "nộp lại", "submit it again");
	if (!rc && !r.number)
		rc = next_number(db, r.unit_id, &a, number, e);
	if (rc)
		goto fail;
	/* The snapshot carries its own number and revision, so the hash covers them. */
	json_object_set_new(snapshot, "report_number", json_string(r.number ? r.number : number));
	json_object_set_new(snapshot, "revision", json_integer(r.rev + 1));
	json_object_set_new(snapshot, "kind", json_string(kind));
	json_object_set(snapshot, "narrative", r.narrative);
	text = lt_report_canonical(snapshot, sha);
	if (!text) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	rc = lt_db_prepare(db,
			   "INSERT INTO report_revision(report_id, rev, kind, snapshot, sha256,"
			   " submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, r.rev + 1);
	lt_stmt_bind_text(st, 3, kind);
	lt_stmt_bind_text(st, 4, text);
	lt_stmt_bind_text(st, 5, sha);
	lt_stmt_bind_id(st, 6, actor);
	lt_stmt_bind_int(st, 7, now);
	rc = lt_stmt_run(st, e);
	if (rc)
		goto fail;
	rc = lt_db_prepare(db,
			   "UPDATE report SET status = 'submitted', rev = rev + 1,"
			   " number = COALESCE(number, $3), first_submitted_at ="
			   " COALESCE(first_submitted_at, $2), last_submitted_at = $2, updated_at = $2"
			   " WHERE id = $1",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, now);
	lt_stmt_bind_text(st, 3, number[0] ? number : NULL);
	rc = lt_stmt_run(st, e);
	if (!rc)
		rc = set_lock(db, &r, true, e);
	if (!rc)
		rc = lt_audit(db, actor, "submit", "report", id, NULL, e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	if (!rc && rev)
		*rev = r.rev + 1;
	goto out;
fail:
	lt_db_rollback(db);
out:
	free(text);
	lt_report_clear(&r);
	lt_arena_free(&a);
	return rc;
}

/* Close the review of the last revision with a verdict. */
static int review(lt_db *db, int64_t id, const char *verdict, const char *comment, int64_t actor,
		  lt_error *e)
{
	lt_arena a;
	lt_report r = { 0 };
	lt_stmt *st = NULL;
	bool accept = !strcmp(verdict, "accepted");
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (!rc)
		rc = lt_report_get(db, id, &a, &r, e);
	if (!rc && strcmp(r.status, "submitted"))
		rc = wrong_state(e, r.status, accept ? "duyệt" : "trả lại",
				 accept ? "accept it" : "return it");
	if (!rc)
		rc = lt_db_prepare(db,
				   "UPDATE report_revision SET review = $3, reviewed_by = $4,"
				   " reviewed_at = $5, review_comment = $6 WHERE report_id = $1 AND rev = $2",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_int(st, 2, r.rev);
		lt_stmt_bind_text(st, 3, verdict);
		lt_stmt_bind_int(st, 4, actor);
		lt_stmt_bind_int(st, 5, lt_now());
		lt_stmt_bind_text(st, 6, comment);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = exec_id(db,
			     accept ? "UPDATE report SET status = 'accepted', accepted_at = $2,"
				      " updated_at = $2 WHERE id = $1"
				    : "UPDATE report SET status = 'returned', updated_at = $2 WHERE id = $1",
			     id, e);
	if (!rc && !accept)
		rc = set_lock(db, &r, false, e);
	if (!rc)
		rc = lt_audit(db, actor, accept ? "accept" : "return", "report", id, NULL, e);
	if (rc)
		lt_db_rollback(db);
	else
		rc = lt_db_commit(db, e);
	lt_report_clear(&r);
	lt_arena_free(&a);
	return rc;
}

int lt_report_return(lt_db *db, int64_t id, const char *comment, int64_t actor, lt_error *e)
{
	if (!comment || !*comment)
		return lt_error_set(e, LT_EINVAL, "comment", "Cần nêu lý do trả lại",
				    "A comment saying why is required");
	return review(db, id, "returned", comment, actor, e);
}

int lt_report_accept(lt_db *db, int64_t id, int64_t actor, lt_error *e)
{
	return review(db, id, "accepted", NULL, actor, e);
}

int lt_report_reopen(lt_db *db, int64_t id, const char *reason, int64_t actor, lt_error *e)
{
	lt_arena a;
	lt_report r = { 0 };
	char detail[600];
	int rc;

	if (!reason || !*reason)
		return lt_error_set(e, LT_EINVAL, "reason", "Cần nêu lý do điều chỉnh",
				    "A reason for the correction is required");
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (!rc)
		rc = lt_report_get(db, id, &a, &r, e);
	if (!rc && strcmp(r.status, "accepted") && strcmp(r.status, "submitted"))
		rc = wrong_state(e, r.status, "mở lại", "reopen it");
	if (!rc)
		rc = exec_id(db, "UPDATE report SET status = 'draft', accepted_at = NULL, updated_at = $2"
				 " WHERE id = $1",
			     id, e);
	if (!rc)
		rc = set_lock(db, &r, false, e);
	if (!rc) {
		json_t *j = json_pack("{s:s,s:i}", "reason", reason, "after_rev", r.rev);
		char *s = json_dumps(j, JSON_COMPACT);
		snprintf(detail, sizeof(detail), "%s", s ? s : "{}");
		free(s);
		json_decref(j);
		rc = lt_audit(db, actor, "reopen", "report", id, detail, e);
	}
	if (rc)
		lt_db_rollback(db);
	else
		rc = lt_db_commit(db, e);
	lt_report_clear(&r);
	lt_arena_free(&a);
	return rc;
}

int lt_report_revisions(lt_db *db, int64_t id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT rev, kind, sha256, submitted_at, review, reviewed_at,"
			       " review_comment FROM report_revision WHERE report_id = $1 ORDER BY rev",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, id);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:s?,s:o?,s:s?}", "rev",
						     (json_int_t)lt_stmt_int(st, 0), "kind",
						     lt_stmt_text(st, 1), "sha256", lt_stmt_text(st, 2),
						     "submitted_at", (json_int_t)lt_stmt_int(st, 3),
						     "review", lt_stmt_text(st, 4), "reviewed_at",
						     lt_stmt_is_null(st, 5) ? NULL
									    : json_integer(lt_stmt_int(st, 5)),
						     "comment", lt_stmt_text(st, 6)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/*
 * The stored text of revision rev (owned by the caller, free()) and its
 * stored hash. The text is exactly what was hashed at submission.
 */
static int revision_text(lt_db *db, int64_t id, int rev, char **text, char sha[65], lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT snapshot, sha256 FROM report_revision WHERE report_id = $1"
			       " AND rev = $2",
			       &st, e);

	*text = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, rev);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*text = strdup(lt_stmt_text(st, 0));
		snprintf(sha, 65, "%s", lt_stmt_text(st, 1));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "rev", "Không có lần nộp số %d",
				    "No revision %d", rev);
	if (rc == 1 && !*text)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc < 0 ? rc : 0;
}

int lt_report_revision(lt_db *db, int64_t id, int rev, json_t **snapshot, char sha[65],
		       lt_error *e)
{
	char *text = NULL;
	int rc = revision_text(db, id, rev, &text, sha, e);

	*snapshot = NULL;
	if (!rc) {
		*snapshot = json_loads(text, 0, NULL);
		if (!*snapshot)
			rc = lt_error_set(e, LT_EDB, "rev", "Bản lưu lần nộp %d hỏng",
					  "Revision %d is corrupt", rev);
	}
	free(text);
	return rc;
}

int lt_report_verify(lt_db *db, int64_t id, int rev, bool *ok, char stored[65],
		     char computed[65], lt_error *e)
{
	char *text = NULL;
	int rc = revision_text(db, id, rev, &text, stored, e);

	*ok = false;
	if (!rc) {
		/* Hash the stored bytes, not a re-serialisation of them. */
		lt_sha256_hex(text, strlen(text), computed);
		*ok = !strcmp(stored, computed);
	}
	free(text);
	return rc;
}
