/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c — the rows of reports, revisions, record locks and reminders; see report.h. */
#include "store/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/report_level.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit_int.h"

#define REPORT_COLS                                                                       \
	"id, directive_id, unit_id, status, number, narrative, rev, first_submitted_at,"   \
	" last_submitted_at, accepted_at"

static int64_t int_or_0(lt_stmt *st, int col)
{
	return lt_stmt_is_null(st, col) ? 0 : lt_stmt_int(st, col);
}

static void read_report(lt_stmt *st, lt_arena *a, lt_report *r)
{
	memset(r, 0, sizeof(*r));
	r->id = lt_stmt_int(st, 0);
	r->directive_id = lt_stmt_int(st, 1);
	r->unit_id = lt_stmt_int(st, 2);
	r->status = lt_arena_strdup(a, lt_stmt_text(st, 3));
	r->number = lt_arena_strdup(a, lt_stmt_text(st, 4));
	r->narrative = lt_arena_strdup(a, lt_stmt_text(st, 5) ? lt_stmt_text(st, 5) : "{}");
	r->rev = (int)lt_stmt_int(st, 6);
	r->first_submitted_at = int_or_0(st, 7);
	r->last_submitted_at = int_or_0(st, 8);
	r->accepted_at = int_or_0(st, 9);
}

/* Step st once into r; rc 1 → 0, none → LT_ENOTFOUND naming field. */
static int step_report(lt_stmt *st, lt_arena *a, lt_report *r, const char *field, lt_error *e)
{
	int rc = lt_stmt_step(st, e);

	if (rc == 1)
		read_report(st, a, r);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, field, "Không có báo cáo này", "No such report");
	if (rc == 1 && lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc < 0 ? rc : 0;
}

int lt_report_get(lt_db *db, int64_t id, lt_arena *a, lt_report *r, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_query(db, "SELECT " REPORT_COLS " FROM report WHERE id = $1", &st, e, LT_I(id));

	return rc ? rc : step_report(st, a, r, "id", e);
}

#define REPORT_BY_PAIR "SELECT " REPORT_COLS " FROM report WHERE directive_id = $1 AND unit_id = $2"

/*
 * SELECT the report of (directive, unit) into r: 0, or LT_ENOTFOUND naming
 * "unit_id". With lock, the row stays locked until the transaction ends
 * (PostgreSQL; SQLite's one writer needs none), so that two writes that read
 * the status and then change it (two submissions on two servers) run one
 * after the other and the second sees the first's status.
 */
static int select_report(lt_db *db, int64_t directive, int64_t unit, bool lock, lt_arena *a,
			 lt_report *r, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_query(db, lock ? REPORT_BY_PAIR " FOR UPDATE" : REPORT_BY_PAIR, &st, e,
			     LT_I(directive), LT_I(unit));

	return rc ? rc : step_report(st, a, r, "unit_id", e);
}

int lt_report_find(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, lt_report *r,
		   lt_error *e)
{
	int rc = select_report(db, directive, unit, false, a, r, e);

	if (rc != LT_ENOTFOUND)
		return rc;
	/* Nobody wrote it yet: the draft it would be, without a row. */
	memset(r, 0, sizeof(*r));
	r->directive_id = directive;
	r->unit_id = unit;
	r->status = "draft";
	r->narrative = "{}";
	if (e)
		lt_error_clear(e);
	return 0;
}

int lt_report_open(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, lt_report *r,
		   lt_error *e)
{
	int rc = lt_db_run(db,
			   "INSERT INTO report(directive_id, unit_id, created_at, updated_at)"
			   " VALUES ($1, $2, $3, $3) ON CONFLICT (directive_id, unit_id) DO NOTHING",
			   e, LT_I(directive), LT_I(unit), LT_I(lt_now()));

	/* A new draft: the unit's recipient moves from "none" in the counts above it. */
	if (!rc && lt_db_changes(db) > 0)
		rc = lt_report_state_keep(db, directive, unit, "none", "draft", e);
	return rc ? rc : select_report(db, directive, unit, true, a, r, e);
}

int lt_report_set_narrative(lt_db *db, int64_t id, const char *text, int64_t at, lt_error *e)
{
	return lt_db_run(db, "UPDATE report SET updated_at = $2, narrative = $3 WHERE id = $1", e,
			 LT_I(id), LT_I(at), LT_T(text));
}

int lt_report_mark_submitted(lt_db *db, int64_t id, const char *number, int64_t at, lt_error *e)
{
	lt_rollup_mark m;
	int rc = lt_rollup_mark_report(db, id, &m, e);

	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE report SET status = 'submitted', rev = rev + 1,"
			       " number = COALESCE(number, $3), first_submitted_at ="
			       " COALESCE(first_submitted_at, $2), last_submitted_at = $2, updated_at = $2"
			       " WHERE id = $1",
			       e, LT_I(id), LT_I(at), LT_T(number));
	return rc ? rc : lt_rollup_keep_report(db, &m, e);
}

int lt_report_mark_draft(lt_db *db, int64_t id, int64_t at, lt_error *e)
{
	lt_rollup_mark m;
	int rc = lt_rollup_mark_report(db, id, &m, e);

	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE report SET status = 'draft', accepted_at = NULL, updated_at = $2"
			       " WHERE id = $1",
			       e, LT_I(id), LT_I(at));
	return rc ? rc : lt_rollup_keep_report(db, &m, e);
}

int lt_report_next_number(lt_db *db, int64_t unit, int year, int *n, lt_error *e)
{
	int64_t last = 0;
	int rc = lt_db_int(db,
			   "INSERT INTO report_number(unit_id, year, last) VALUES ($1, $2, 1)"
			   " ON CONFLICT (unit_id, year) DO UPDATE SET last = report_number.last + 1"
			   " RETURNING last",
			   &last, e, LT_I(unit), LT_I(year));

	*n = (int)last;
	return rc < 0 ? rc : 0;
}

int lt_report_add_revision(lt_db *db, int64_t id, int rev, const char *kind, const char *text,
			   const char *sha, int64_t actor, int64_t at, lt_error *e)
{
	return lt_db_run(db,
			 "INSERT INTO report_revision(report_id, rev, kind, snapshot, sha256,"
			 " submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			 e, LT_I(id), LT_I(rev), LT_T(kind), LT_T(text), LT_T(sha), LT_ID(actor),
			 LT_I(at));
}

int lt_report_mark_reviewed(lt_db *db, int64_t id, int rev, const char *verdict,
			    const char *comment, int64_t actor, int64_t at, lt_error *e)
{
	bool accept = !strcmp(verdict, "accepted");
	lt_rollup_mark m;
	int rc = lt_rollup_mark_report(db, id, &m, e);

	if (!rc)
		rc = lt_db_run(db,
			   "UPDATE report_revision SET review = $3, reviewed_by = $4,"
			   " reviewed_at = $5, review_comment = $6 WHERE report_id = $1 AND rev = $2",
			   e, LT_I(id), LT_I(rev), LT_T(verdict), LT_ID(actor), LT_I(at), LT_T(comment));

	if (!rc)
		rc = lt_db_run(db,
			       accept ? "UPDATE report SET status = 'accepted', accepted_at = $2,"
					" updated_at = $2 WHERE id = $1"
				      : "UPDATE report SET status = 'returned', updated_at = $2 WHERE id = $1",
			       e, LT_I(id), LT_I(at));
	return rc ? rc : lt_rollup_keep_report(db, &m, e);
}

int lt_report_lock(lt_db *db, int64_t directive, int64_t unit, bool lock, int64_t at,
		   lt_error *e)
{
	if (!lock)
		return lt_db_run(db, "DELETE FROM record_lock WHERE directive_id = $1 AND unit_id = $2",
				 e, LT_I(directive), LT_I(unit));
	return lt_db_run(db,
			 "INSERT INTO record_lock(directive_id, unit_id, locked_at)"
			 " VALUES ($1, $2, $3) ON CONFLICT (directive_id, unit_id) DO NOTHING",
			 e, LT_I(directive), LT_I(unit), LT_I(at));
}

/* Make room for one more element of size in the arena array *v (n used, *cap room). */
static int out_of_memory(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_report_revisions(lt_db *db, int64_t id, lt_arena *a, lt_report_rev **out, size_t *n,
			lt_error *e)
{
	lt_stmt *st = NULL;
	lt_report_rev *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT rev, kind, sha256, submitted_at, review, reviewed_at,"
			 " review_comment FROM report_revision WHERE report_id = $1 ORDER BY rev",
			 &st, e, LT_I(id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_report_rev *x;
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		x = &v[(*n)++];
		x->rev = (int)lt_stmt_int(st, 0);
		x->kind = lt_arena_strdup(a, lt_stmt_text(st, 1));
		x->sha256 = lt_arena_strdup(a, lt_stmt_text(st, 2));
		x->submitted_at = lt_stmt_int(st, 3);
		x->review = lt_arena_strdup(a, lt_stmt_text(st, 4));
		x->reviewed_at = int_or_0(st, 5);
		x->comment = lt_arena_strdup(a, lt_stmt_text(st, 6));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return out_of_memory(e);
	*out = v;
	return 0;
}

int lt_report_revision_text(lt_db *db, int64_t id, int rev, lt_arena *a, const char **text,
			    char sha[65], lt_error *e)
{
	lt_stmt *st;
	int rc;

	*text = NULL;
	sha[0] = '\0';
	rc = lt_db_row(db,
		       "SELECT snapshot, sha256 FROM report_revision WHERE report_id = $1"
		       " AND rev = $2",
		       &st, e, LT_I(id), LT_I(rev));
	if (rc == 1) {
		*text = lt_arena_strdup(a, lt_stmt_text(st, 0));
		snprintf(sha, 65, "%s", lt_stmt_text(st, 1) ? lt_stmt_text(st, 1) : "");
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "rev", "Không có lần nộp số %d",
				    "No revision %d", rev);
	if (rc == 1 && !*text)
		return out_of_memory(e);
	return rc < 0 ? rc : 0;
}

int lt_report_dir_get(lt_db *db, int64_t id, lt_arena *a, lt_report_dir *d, lt_error *e)
{
	lt_stmt *st;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = lt_db_row(db,
		       "SELECT d.number, d.date, d.subject, d.report_deadline, x.name, d.doc"
		       " FROM directive d JOIN unit x ON x.id = d.issuer_id WHERE d.id = $1",
		       &st, e, LT_I(id));
	if (rc == 1) {
		d->id = id;
		d->number = lt_arena_strdup(a, lt_stmt_text(st, 0));
		d->date = lt_arena_strdup(a, lt_stmt_text(st, 1));
		d->subject = lt_arena_strdup(a, lt_stmt_text(st, 2));
		d->deadline = lt_arena_strdup(a, lt_stmt_text(st, 3));
		d->issuer = lt_arena_strdup(a, lt_stmt_text(st, 4));
		d->doc = lt_arena_strdup(a, lt_stmt_text(st, 5));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "directive", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, id);
	if (rc == 1 && lt_arena_failed(a))
		return out_of_memory(e);
	return rc < 0 ? rc : 0;
}

int lt_report_deadlines_between(lt_db *db, const char *lo, const char *hi, int64_t *ids,
				size_t max, size_t *n, lt_error *e)
{
	lt_stmt *st;
	int rc;

	*n = 0;
	rc = lt_db_query(db,
			 "SELECT id FROM directive WHERE status = 'issued'"
			 " AND report_deadline IS NOT NULL AND report_deadline >= $1"
			 " AND report_deadline <= $2 ORDER BY id",
			 &st, e, LT_T(lo), LT_T(hi));
	if (rc)
		return rc;
	while (*n < max && (rc = lt_stmt_step(st, e)) == 1)
		ids[(*n)++] = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_report_unsubmitted(lt_db *db, int64_t directive, lt_arena *a, lt_report_due **out,
			  size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_report_due *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT u.id, u.name, u.email FROM receipt r JOIN unit u ON u.id = r.unit_id"
			 " WHERE r.directive_id = $1 AND u.active_to IS NULL AND NOT EXISTS"
			 " (SELECT 1 FROM report p WHERE p.directive_id = r.directive_id"
			 "  AND p.unit_id = r.unit_id AND p.first_submitted_at IS NOT NULL)"
			 " ORDER BY u.path",
			 &st, e, LT_I(directive));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		v[*n].unit_id = lt_stmt_int(st, 0);
		v[*n].name = lt_arena_strdup(a, lt_stmt_text(st, 1));
		v[*n].email = lt_arena_strdup(a, lt_stmt_text(st, 2));
		(*n)++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return out_of_memory(e);
	*out = v;
	return 0;
}

int lt_reminder_mark(lt_db *db, int64_t directive, int64_t unit, int offset, bool *fresh,
		     lt_error *e)
{
	int rc = lt_db_run(db,
			   "INSERT INTO reminder_log(directive_id, unit_id, offset_days)"
			   " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
			   e, LT_I(directive), LT_I(unit), LT_I(offset));

	*fresh = false;
	if (!rc)
		*fresh = lt_db_changes(db) > 0;
	return rc;
}
