/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* todo.c — the reads behind the to-do list; see todo.h. */
#include "store/todo.h"

#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/unit_int.h"

/*
 * Every query selects the same columns: directive id, number, subject,
 * unit id, unit name, status, due day, due epoch, at, ref id, note, count.
 */
static const struct {
	const char *params; /* $1, $2, …: u unit id, p path, e path end, l limit, n now, t today */
	const char *sql;
} sql[LT_TODO_KINDS] = {

	/* report_fix: the unit's returned reports (the last return comment). */
	{ "ul",
		"SELECT d.id, d.number, d.subject, p.unit_id, u.name, p.status, d.report_deadline, 0,"
		" p.updated_at, p.id, (SELECT v.review_comment FROM report_revision v"
		"  WHERE v.report_id = p.id AND v.review = 'returned' ORDER BY v.rev DESC LIMIT 1), 0"
		" FROM report p JOIN directive d ON d.id = p.directive_id JOIN unit u ON u.id = p.unit_id"
		" WHERE p.unit_id = $1 AND p.status = 'returned'"
		" ORDER BY d.report_deadline, d.id LIMIT $2" },
	/* report_write: directives addressed to the unit with a deadline and no report sent. */
	{ "ul",
		"SELECT d.id, d.number, d.subject, r.unit_id, u.name, COALESCE(p.status, 'draft'),"
		" d.report_deadline, 0, r.received_at, COALESCE(p.id, 0), NULL, 0"
		" FROM receipt r JOIN directive d ON d.id = r.directive_id JOIN unit u ON u.id = r.unit_id"
		" LEFT JOIN report p ON p.directive_id = r.directive_id AND p.unit_id = r.unit_id"
		" WHERE r.unit_id = $1 AND d.status = 'issued' AND d.report_deadline IS NOT NULL"
		"  AND (p.id IS NULL OR p.status = 'draft')"
		" ORDER BY d.report_deadline, d.id LIMIT $2" },
	/* directive_ack: received, not acknowledged. */
	{ "ul",
		"SELECT d.id, d.number, d.subject, r.unit_id, u.name, NULL, d.report_deadline, 0,"
		" r.received_at, 0, NULL, 0"
		" FROM receipt r JOIN directive d ON d.id = r.directive_id JOIN unit u ON u.id = r.unit_id"
		" WHERE r.unit_id = $1 AND r.acknowledged_at IS NULL AND d.status = 'issued'"
		" ORDER BY r.received_at DESC, d.id LIMIT $2" },
	/*
	 * report_review: submitted reports of units below, oldest first, each
	 * with its unit's path (the 13th column): the rows with an officer's
	 * unit between are left out in C (below_officer), that level reviewing
	 * them (approval by level).
	 */
	{ "pe",
		"SELECT d.id, d.number, d.subject, u.id, u.name, p.status, d.report_deadline, 0,"
		" p.last_submitted_at, p.id, NULL, 0, u.path"
		" FROM report p JOIN unit u ON u.id = p.unit_id JOIN directive d ON d.id = p.directive_id"
		" WHERE p.status = 'submitted' AND u.path > $1 AND u.path < $2"
		" ORDER BY p.last_submitted_at, p.id" },
	/*
	 * feedback_triage: the unit's messages new, escalated, reopened by the
	 * worker (status "reopened" until the holder acts), or open past their
	 * deadline.
	 */
	{ "unl",
		"SELECT 0, NULL, NULL, f.unit_id, u.name,"
		" CASE WHEN f.reopened_at IS NOT NULL THEN 'reopened' ELSE f.status END, NULL,"
		" f.due_at, f.received_at, f.id, substr(f.text, 1, 120), 0"
		" FROM feedback f JOIN unit u ON u.id = f.unit_id"
		" WHERE f.handler_unit_id = $1 AND (f.status IN ('new', 'escalated')"
		"  OR f.reopened_at IS NOT NULL"
		"  OR (f.status IN ('in_progress', 'proposed') AND f.due_at < $2))"
		" ORDER BY f.due_at, f.id LIMIT $3" },
	/* units_remind: the unit's directives past their deadline with units not reported. */
	{ "utl",
		"SELECT d.id, d.number, d.subject, 0, NULL, NULL, d.report_deadline, 0, 0, 0, NULL,"
		" COUNT(*)"
		" FROM directive d JOIN receipt r ON r.directive_id = d.id JOIN unit u ON u.id = r.unit_id"
		" WHERE d.issuer_id = $1 AND d.status = 'issued' AND d.report_deadline IS NOT NULL"
		"  AND d.report_deadline < $2 AND u.active_to IS NULL"
		"  AND NOT EXISTS (SELECT 1 FROM report p WHERE p.directive_id = d.id"
		"   AND p.unit_id = r.unit_id AND p.first_submitted_at IS NOT NULL)"
		" GROUP BY d.id, d.number, d.subject, d.report_deadline"
		" ORDER BY d.report_deadline DESC, d.id LIMIT $3" },
};

static const char *dup_or_null(lt_arena *a, const char *s)
{
	return s ? lt_arena_strdup(a, s) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The paths of the units strictly below path (end its range's end) where an
 * officer (or an administrator) works, sorted, into *paths (in a). Read from
 * the users, a few thousand even nationally, not from the subtree's units.
 */
static int officer_units(lt_db *db, const char *path, const char *end, lt_arena *a,
			 const char ***paths, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT DISTINCT m.path FROM app_user x CROSS JOIN unit m"
			       " WHERE m.id = x.unit_id AND x.disabled = 0"
			       " AND x.role IN ('officer', 'admin') AND m.path > $1 AND m.path < $2",
			       &st, e);

	*paths = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, path);
	lt_stmt_bind_text(st, 2, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char **v = lt_store_grow(a, *paths, *n, &cap, sizeof(**paths));
		if (!v)
			break;
		*paths = v;
		(*paths)[(*n)++] = lt_arena_strdup(a, lt_stmt_text(st, 0));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (*n)
		qsort(*paths, *n, sizeof(**paths), cmp_str);
	return 0;
}

/*
 * Is one of unit_path's ancestors below top (a path longer than top's,
 * shorter than unit_path's: "/1/5/" of "/1/5/9/" under "/1/") an officer's
 * unit? A unit's ancestors are the prefixes of its path ending in '/'.
 */
static bool below_officer(const char *unit_path, size_t top_len, const char *const *paths,
			  size_t n)
{
	char pre[LT_PATH_MAX];
	size_t len = strlen(unit_path);

	if (!n || len >= sizeof(pre))
		return false;
	for (size_t k = top_len; k + 1 < len; k++) {
		const char *key = pre;
		if (unit_path[k] != '/')
			continue;
		memcpy(pre, unit_path, k + 1);
		pre[k + 1] = '\0';
		if (bsearch(&key, paths, n, sizeof(*paths), cmp_str))
			return true;
	}
	return false;
}

/* Append the rows of one kind to *out (capacity *cap). */
static int collect_kind(lt_db *db, const lt_todo_query *q, lt_todo_kind k, const char *end,
			lt_arena *a, lt_todo_row **out, size_t *n, size_t *cap, int *more,
			lt_error *e)
{
	lt_stmt *st = NULL;
	const char **officers = NULL;
	size_t got = 0, nofficers = 0, top_len = strlen(q->unit_path);
	int rc = k == LT_TODO_REPORT_REVIEW
			 ? officer_units(db, q->unit_path, end, a, &officers, &nofficers, e)
			 : 0;

	if (!rc)
		rc = lt_db_prepare(db, sql[k].sql, &st, e);
	if (rc)
		return rc;
	for (int i = 0; sql[k].params[i]; i++) {
		switch (sql[k].params[i]) {
		case 'u': lt_stmt_bind_int(st, i + 1, q->unit_id); break;
		case 'p': lt_stmt_bind_text(st, i + 1, q->unit_path); break;
		case 'e': lt_stmt_bind_text(st, i + 1, end); break;
		case 'l': lt_stmt_bind_int(st, i + 1, (int64_t)q->max + 1); break;
		case 'n': lt_stmt_bind_int(st, i + 1, q->now); break;
		default: lt_stmt_bind_text(st, i + 1, q->today); break;
		}
	}
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_todo_row *r;
		if (k == LT_TODO_REPORT_REVIEW &&
		    below_officer(lt_stmt_text(st, 12), top_len, officers, nofficers))
			continue;
		if (++got > q->max) {
			if (more)
				more[k] = 1;
			break;
		}
		r = lt_store_grow(a, *out, *n, cap, sizeof(*r));
		if (!r)
			break;
		*out = r;
		r = &(*out)[(*n)++];
		r->kind = k;
		r->directive_id = lt_stmt_int(st, 0);
		r->number = dup_or_null(a, lt_stmt_text(st, 1));
		r->subject = dup_or_null(a, lt_stmt_text(st, 2));
		r->unit_id = lt_stmt_int(st, 3);
		r->unit_name = dup_or_null(a, lt_stmt_text(st, 4));
		r->status = dup_or_null(a, lt_stmt_text(st, 5));
		r->due = dup_or_null(a, lt_stmt_text(st, 6));
		r->due_at = lt_stmt_int(st, 7);
		r->at = lt_stmt_int(st, 8);
		r->ref_id = lt_stmt_int(st, 9);
		r->note = dup_or_null(a, lt_stmt_text(st, 10));
		r->count = lt_stmt_int(st, 11);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_todo_collect(lt_db *db, const lt_todo_query *q, lt_arena *a, lt_todo_row **out, size_t *n,
		    int *more, lt_error *e)
{
	char end[LT_PATH_MAX];
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	lt_tree_path_end(q->unit_path, end);
	for (int k = 0; !rc && k < LT_TODO_KINDS; k++) {
		if (q->only >= 0 && q->only != k)
			continue;
		if (!q->reviewer && (k == LT_TODO_REPORT_REVIEW || k == LT_TODO_UNITS_REMIND))
			continue;
		rc = collect_kind(db, q, (lt_todo_kind)k, end, a, out, n, &cap, more, e);
	}
	return rc;
}
