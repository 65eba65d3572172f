/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_flow.c — a directive on its way down: issue to recipients,
 * receipts (received, opened, acknowledged), the inbox and issued lists,
 * and the implementing chain. See directive.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/audit.h"
#include "store/directive.h"
#include "store/rollup.h"
#include "store/register.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/unit_int.h"
#include "text/fold.h"

/* Insert a receipt for unit if it lies strictly inside the issuer's subtree and is active. */
static int add_receipt(lt_db *db, int64_t id, int64_t unit, const char *issuer_path,
		       int64_t now, int64_t *n, lt_error *e)
{
	char end[LT_PATH_MAX];
	int rc;

	lt_tree_path_end(issuer_path, end);
	rc = lt_db_run(db,
		       "INSERT INTO receipt(directive_id, unit_id, received_at)"
		       " SELECT $1, id, $2 FROM unit WHERE id = $3 AND active_to IS NULL"
		       " AND path > $4 AND path < $5",
		       e, LT_I(id), LT_I(now), LT_I(unit), LT_T(issuer_path), LT_T(end));
	if (rc == LT_EEXIST)
		return 0; /* listed twice */
	if (rc)
		return rc;
	if (lt_db_changes(db) == 0)
		return lt_error_set(e, LT_EINVAL, "recipients.unit_ids",
				    "Đơn vị #%" PRId64 " không thuộc phạm vi đơn vị ban hành hoặc đã giải thể",
				    "Unit #%" PRId64 " is not an active unit below the issuer", unit);
	(*n)++;
	return 0;
}

/* Receipts for every unit of a rule: grassroots under the root, or the root's children. */
static int add_receipts_rule(lt_db *db, int64_t id, const lt_recipients *r,
			     const char *issuer_path, int64_t now, int64_t *n, lt_error *e)
{
	lt_arena a;
	lt_unit root;
	char end[LT_PATH_MAX];
	bool grassroots = r->mode == LT_RECIPIENTS_GRASSROOTS_UNDER;
	int rc;

	lt_arena_init(&a);
	rc = lt_unit_get(db, r->unit_id, &a, &root, e);
	if (rc) {
		if (e)
			snprintf(e->field, sizeof(e->field), "recipients.unit_id");
		goto out;
	}
	if (!lt_tree_path_under(root.path, issuer_path)) {
		rc = lt_error_set(e, LT_EFORBIDDEN, "recipients.unit_id",
				  "%s nằm ngoài phạm vi đơn vị ban hành",
				  "%s is outside the issuer's part of the tree", root.name);
		goto out;
	}
	lt_tree_path_end(root.path, end);
	if (grassroots)
		rc = lt_db_run(db,
			       "INSERT INTO receipt(directive_id, unit_id, received_at)"
			       " SELECT $1, u.id, $2 FROM unit u JOIN level l ON l.code = u.level"
			       " WHERE u.path > $3 AND u.path < $4 AND u.active_to IS NULL"
			       " AND l.grassroots = 1",
			       e, LT_I(id), LT_I(now), LT_T(root.path), LT_T(end));
	else
		rc = lt_db_run(db,
			       "INSERT INTO receipt(directive_id, unit_id, received_at)"
			       " SELECT $1, u.id, $2 FROM unit u WHERE u.parent_id = $5"
			       " AND u.active_to IS NULL AND u.path > $3 AND u.path < $4",
			       e, LT_I(id), LT_I(now), LT_T(root.path), LT_T(end), LT_I(root.id));
	if (!rc)
		*n += lt_db_changes(db);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_directive_issue_to(lt_db *db, int64_t id, const lt_recipients *r, int64_t actor,
			  int64_t *n, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	int64_t count = 0, now = lt_now();
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_directive_load(db, id, &a, &m, NULL, e);
	if (!rc && r->mode == LT_RECIPIENTS_UNITS)
		for (size_t i = 0; !rc && i < r->n; i++)
			rc = add_receipt(db, id, r->unit_ids[i], m.issuer_path, now, &count, e);
	else if (!rc)
		rc = add_receipts_rule(db, id, r, m.issuer_path, now, &count, e);
	if (!rc && count == 0)
		rc = lt_error_set(e, LT_EINVAL, "recipients", "Không có đơn vị nào nhận công văn này",
				  "No unit would receive this directive");
	if (!rc) {
		rc = lt_db_run(db,
			       "UPDATE directive SET status = 'issued', issued_at = $2, issued_by = $3"
			       " WHERE id = $1 AND status = 'draft'",
			       e, LT_I(id), LT_I(now), LT_ID(actor));
		if (rc == LT_EEXIST)
			rc = lt_error_set(e, LT_EEXIST, "number",
					  "Số công văn %s đã được dùng trong năm",
					  "Number %s is already used this year", m.number ? m.number : "");
		else if (!rc && lt_db_changes(db) == 0)
			rc = lt_directive_may("issued", LT_DIR_ACT_ISSUE, e);
	}
	if (!rc) /* the registers: out for the issuer, in for each recipient */
		rc = lt_register_directive_issued(db, id, now, e);
	if (!rc)
		rc = lt_audit(db, actor, "issue", "directive", id, NULL, e);
	if (!rc) /* the kept roll-up's completeness: its new recipients (store/rollup.h) */
		rc = lt_rollup_rebuild(db, id, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && n)
		*n = count;
out:
	lt_arena_free(&a);
	return rc;
}

/* Columns c.. of a receipt row: received_at, opened_at, acknowledged_at. */
static void read_times(lt_stmt *st, int c, lt_receipt *r)
{
	r->received_at = lt_stmt_int(st, c);
	r->opened_at = lt_stmt_is_null(st, c + 1) ? 0 : lt_stmt_int(st, c + 1);
	r->acknowledged_at = lt_stmt_is_null(st, c + 2) ? 0 : lt_stmt_int(st, c + 2);
}

int lt_receipt_of(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, lt_receipt *out,
		  bool *found, lt_error *e)
{
	lt_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = false;
	rc = lt_db_row(db,
		       "SELECT r.received_at, r.opened_at, r.acknowledged_at, u.code, u.name"
		       " FROM receipt r JOIN unit u ON u.id = r.unit_id"
		       " WHERE r.directive_id = $1 AND r.unit_id = $2",
		       &st, e, LT_I(directive), LT_I(unit));
	if (rc == 1) {
		*found = true;
		out->unit_id = unit;
		read_times(st, 0, out);
		out->unit_code = lt_arena_strdup(a, lt_stmt_text(st, 3));
		out->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 4));
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_receipt_addressed(lt_db *db, int64_t directive, const char *path, bool *yes, lt_error *e)
{
	int64_t ids[64];
	size_t k = path ? lt_tree_path_ids(path, ids, 64) : 0;
	int64_t one;
	int rc = 0;

	*yes = false;
	for (size_t i = 0; i < k && !*yes; i++) {
		rc = lt_db_int(db, "SELECT 1 FROM receipt WHERE directive_id = $1 AND unit_id = $2",
			       &one, e, LT_I(directive), LT_I(ids[i]));
		if (rc < 0)
			return rc;
		*yes = rc == 1;
	}
	if (!*yes && path && k) {
		char end[LT_PATH_MAX];
		lt_tree_path_end(path, end);
		rc = lt_db_int(db,
			       "SELECT 1 FROM receipt r JOIN unit u ON u.id = r.unit_id"
			       " WHERE r.directive_id = $1 AND u.path > $2 AND u.path < $3 LIMIT 1",
			       &one, e, LT_I(directive), LT_T(path), LT_T(end));
		if (rc < 0)
			return rc;
		*yes = rc == 1;
	}
	return 0;
}

/* Set a receipt timestamp once (first view / acknowledgement). */
static int stamp(lt_db *db, const char *sql, int64_t directive, int64_t unit, int64_t user,
		 const char *action, lt_error *e)
{
	lt_arena a;
	lt_receipt r;
	bool found = false;
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_receipt_of(db, directive, unit, &a, &r, &found, e);
	if (!rc && !found)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Đơn vị của bạn không nhận công văn này",
				  "Your unit is not a recipient of this directive");
	if (!rc)
		rc = lt_db_run(db, sql, e, LT_I(directive), LT_I(unit), LT_I(lt_now()), LT_ID(user));
	if (!rc && lt_db_changes(db) > 0)
		rc = lt_audit(db, user, action, "directive", directive, NULL, e);
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_receipt_open(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e)
{
	return stamp(db,
		     "UPDATE receipt SET opened_at = $3, opened_by = $4"
		     " WHERE directive_id = $1 AND unit_id = $2 AND opened_at IS NULL",
		     directive, unit, user, "open", e);
}

int lt_receipt_ack(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e)
{
	return stamp(db,
		     "UPDATE receipt SET acknowledged_at = $3, acknowledged_by = $4,"
		     " opened_at = COALESCE(opened_at, $3), opened_by = COALESCE(opened_by, $4)"
		     " WHERE directive_id = $1 AND unit_id = $2 AND acknowledged_at IS NULL",
		     directive, unit, user, "acknowledge", e);
}

int lt_receipt_rows(lt_db *db, int64_t directive, const char *state, lt_arena *a,
		    lt_receipt **items, size_t *n, lt_receipt_counts *counts, lt_error *e)
{
	return lt_receipt_page(db, directive, state, NULL, NULL, 0, a, items, n, counts, e);
}

int lt_receipt_page(lt_db *db, int64_t directive, const char *state, const char *below,
		    const char *after, int limit, lt_arena *a, lt_receipt **items, size_t *n,
		    lt_receipt_counts *counts, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_receipt *arr = NULL, r;
	lt_receipt_counts c = { 0 };
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT u.id, u.code, u.name, r.received_at, r.opened_at,"
			 " r.acknowledged_at, u.path FROM receipt r JOIN unit u ON u.id = r.unit_id"
			 " WHERE r.directive_id = $1 ORDER BY u.path",
			 &st, e, LT_I(directive));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (below && (!lt_tree_path_under(lt_stmt_text(st, 6), below) ||
			      !strcmp(lt_stmt_text(st, 6), below)))
			continue;
		read_times(st, 3, &r);
		c.recipients++;
		c.opened += r.opened_at != 0;
		c.acknowledged += r.acknowledged_at != 0;
		if (!lt_receipt_state_is(state, r.opened_at, r.acknowledged_at))
			continue;
		/* A page: the counts cover every recipient, the rows only those after the key. */
		if ((after && strcmp(lt_stmt_text(st, 6), after) <= 0) ||
		    (limit > 0 && cnt == (size_t)limit))
			continue;
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		r.unit_id = lt_stmt_int(st, 0);
		r.unit_code = lt_arena_strdup(a, lt_stmt_text(st, 1));
		r.unit_name = lt_arena_strdup(a, lt_stmt_text(st, 2));
		r.unit_path = lt_arena_strdup(a, lt_stmt_text(st, 6));
		arr[cnt++] = r;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	c.pending = c.recipients - c.acknowledged;
	if (counts)
		*counts = c;
	*items = arr;
	*n = cnt;
	return 0;
}

/* Columns 0..8 of a summary: id, number, date, subject, status, kind, deadline, issuer id, name. */
static void read_summary(lt_stmt *st, lt_arena *a, lt_directive_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->id = lt_stmt_int(st, 0);
	s->number = lt_arena_strdup(a, lt_stmt_text(st, 1));
	s->date = lt_arena_strdup(a, lt_stmt_text(st, 2));
	s->subject = lt_arena_strdup(a, lt_stmt_text(st, 3));
	s->status = lt_arena_strdup(a, lt_stmt_text(st, 4));
	s->kind = lt_arena_strdup(a, lt_stmt_text(st, 5));
	s->report_deadline = lt_arena_strdup(a, lt_stmt_text(st, 6));
	s->issuer_id = lt_stmt_int(st, 7);
	s->issuer_name = lt_arena_strdup(a, lt_stmt_text(st, 8));
}

/* The issued box's columns; one phase (status $4) from after the key ($5 id, $6 date). */
#define ISSUED_SQL                                                                                \
	"SELECT d.id, d.number, d.date, d.subject, d.status, d.kind,"                              \
	" d.report_deadline, u.id, u.name, d.search_fold,"                                         \
	" (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id),"                           \
	" (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id"                             \
	"   AND r.opened_at IS NOT NULL),"                                                         \
	" (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id"                             \
	"   AND r.acknowledged_at IS NOT NULL)"                                                    \
	" FROM directive d JOIN unit u ON u.id = d.issuer_id"                                      \
	" WHERE d.status = $4 AND u.path >= $2 AND u.path < $3"                                    \
	" AND ($1 IS NULL OR d.search_fold LIKE $1 ESCAPE '\\')"                                   \
	" AND ($5 = 0 OR COALESCE(d.date, '') < $6"                                                \
	"   OR (COALESCE(d.date, '') = $6 AND d.id < $5))"                                         \
	" ORDER BY COALESCE(d.date, '') DESC, d.id DESC LIMIT $7"

int lt_directive_summaries(lt_db *db, const lt_directive_filter *f, lt_arena *a,
			   lt_directive_summary **items, size_t *n, lt_error *e)
{
	static const char *const phases[] = { "draft", "issued" };
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	char *fold = NULL, *pat = NULL;
	lt_directive_summary *arr = NULL;
	bool inbox = f->box && !strcmp(f->box, "inbox");
	int limit = f->limit > 0 ? f->limit : 200;
	size_t cnt = 0, cap = 0;
	/* The issued box reads its drafts, then its issued directives; the inbox one pass. */
	size_t phase = !inbox && f->after_status && !strcmp(f->after_status, "issued") ? 1 : 0;
	int rc = 0;

	*items = NULL;
	*n = 0;
	if (f->q && *f->q) {
		fold = lt_text_fold(f->q, strlen(f->q));
		if (!fold)
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
		pat = lt_store_like_first(a, fold);
	}
	lt_tree_path_end(f->unit_path ? f->unit_path : "/", end);
	for (; !rc && (int)cnt < limit && phase < (inbox ? 1 : 2); phase++) {
		/* The key applies in its own phase; the next phase starts at its top. */
		bool keyed = f->after_id > 0 &&
			     (inbox || (f->after_status && !strcmp(f->after_status, phases[phase])));
		/* What the page still needs, unless rows are left out in C (a search, a state). */
		int64_t room = fold || (inbox && f->state && *f->state) ? 0 : limit - (int64_t)cnt;
		if (inbox)
			rc = lt_db_query(db,
					 "SELECT d.id, d.number, d.date, d.subject, d.status, d.kind,"
					 " d.report_deadline, u.id, u.name, d.search_fold,"
					 " r.received_at, r.opened_at, r.acknowledged_at"
					 " FROM receipt r JOIN directive d ON d.id = r.directive_id"
					 " JOIN unit u ON u.id = d.issuer_id"
					 " WHERE r.unit_id = $1"
					 " AND ($2 IS NULL OR d.search_fold LIKE $2 ESCAPE '\\')"
					 " AND ($3 = 0 OR r.received_at < $4"
					 "   OR (r.received_at = $4 AND r.directive_id < $3))"
					 " ORDER BY r.received_at DESC, r.directive_id DESC LIMIT $5",
					 &st, e, LT_I(f->unit_id), LT_OT(pat),
					 LT_I(keyed ? f->after_id : 0), LT_I(keyed ? f->after_at : 0),
					 LT_I(lt_store_limit(room)));
		else
			rc = lt_db_query(db, ISSUED_SQL, &st, e, LT_OT(pat),
					 LT_T(f->unit_path ? f->unit_path : "/"), LT_T(end),
					 LT_T(phases[phase]), LT_I(keyed ? f->after_id : 0),
					 LT_T(keyed && f->after_date ? f->after_date : ""),
					 LT_I(lt_store_limit(room)));
		if (rc)
			break;
		while ((int)cnt < limit && (rc = lt_stmt_step(st, e)) == 1) {
			lt_directive_summary *s;
			if (fold && !lt_text_match_folded(lt_stmt_text(st, 9), fold))
				continue;
			if (inbox && !lt_receipt_state_is(f->state, !lt_stmt_is_null(st, 11),
							  !lt_stmt_is_null(st, 12)))
				continue;
			arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
			if (!arr) {
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
				break;
			}
			s = &arr[cnt++];
			read_summary(st, a, s);
			if (inbox) {
				s->receipt.unit_id = f->unit_id;
				read_times(st, 10, &s->receipt);
			} else {
				s->counts.recipients = lt_stmt_int(st, 10);
				s->counts.opened = lt_stmt_int(st, 11);
				s->counts.acknowledged = lt_stmt_int(st, 12);
				s->counts.pending = s->counts.recipients - s->counts.acknowledged;
			}
		}
		lt_stmt_done(st);
		st = NULL;
		if (rc > 0)
			rc = 0;
	}
	if (rc < 0)
		goto out;
	rc = 0;
	*items = arr;
	*n = cnt;
out:
	free(fold);
	return rc;
}

int lt_directive_chain_rows(lt_db *db, int64_t id, lt_arena *a, lt_directive_summary **up,
			    size_t *nup, lt_directive_summary **down, size_t *ndown, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_directive_summary *u = NULL, *d = NULL;
	size_t nu = 0, capu = 0, nd = 0, capd = 0;
	int64_t cur = id;
	int rc = 0;

	*up = *down = NULL;
	*nup = *ndown = 0;
	/* Upward: follow implements_id (a chain is a handful of levels). */
	for (int depth = 0; depth < 16 && cur && !rc; depth++) {
		int64_t next = 0;
		rc = lt_db_row(db,
			       "SELECT p.id, p.number, p.date, p.subject, p.status, p.kind,"
			       " p.report_deadline, x.id, x.name, p.implements_id"
			       " FROM directive c JOIN directive p ON p.id = c.implements_id"
			       " JOIN unit x ON x.id = p.issuer_id WHERE c.id = $1",
			       &st, e, LT_I(cur));
		if (rc == 1) {
			u = lt_store_grow(a, u, nu, &capu, sizeof(*u));
			if (u) {
				read_summary(st, a, &u[nu++]);
				next = u[nu - 1].id;
				rc = 0;
			} else {
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			}
		}
		lt_stmt_done(st);
		cur = next;
	}
	/* Downward: every directive implementing this one, breadth first. */
	for (size_t i = 0; !rc && i <= nd && i < 10000; i++) {
		int64_t parent = i == 0 ? id : d[i - 1].id;
		rc = lt_db_query(db,
				 "SELECT c.id, c.number, c.date, c.subject, c.status, c.kind,"
				 " c.report_deadline, x.id, x.name, c.implements_id FROM directive c"
				 " JOIN unit x ON x.id = c.issuer_id WHERE c.implements_id = $1"
				 " ORDER BY x.path",
				 &st, e, LT_I(parent));
		if (rc)
			break;
		while ((rc = lt_stmt_step(st, e)) == 1) {
			d = lt_store_grow(a, d, nd, &capd, sizeof(*d));
			if (!d) {
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
				break;
			}
			read_summary(st, a, &d[nd]);
			d[nd++].implements_id = lt_stmt_int(st, 9);
		}
		lt_stmt_done(st);
		if (rc > 0)
			rc = 0;
	}
	if (rc < 0)
		return rc;
	*up = u;
	*nup = nu;
	*down = d;
	*ndown = nd;
	return 0;
}
