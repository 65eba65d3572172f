/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_refs.c — what the activity pages look up beside the log: a
 * directive's themes, the unit codes of a subtree for a drop-down, and the
 * rows the continuity view is made of. See activity.h.
 */
#include <string.h>

#include "core/tree.h"
#include "store/activity.h"
#include "store/activity_sql.h"

static int theme_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_theme *t = row;

	(void)ctx;
	(void)e;
	t->id = lt_stmt_int(st, 0);
	t->pos = lt_stmt_int(st, 1);
	t->title = lt_arena_strdup(a, lt_stmt_text(st, 2));
	t->items = lt_arena_strdup(a, lt_stmt_text(st, 3) ? lt_stmt_text(st, 3) : "");
	return 0;
}

int lt_activity_themes(lt_db *db, int64_t directive_id, lt_arena *a, lt_activity_theme **v,
		       size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT id, pos, title, items FROM directive_theme WHERE directive_id = $1"
			       " ORDER BY pos",
			       &st, e);

	*v = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive_id);
	return lt_act_rows(st, a, sizeof(**v), theme_row, NULL, (void **)v, n, e);
}

static int code_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	(void)ctx;
	(void)e;
	*(const char **)row = lt_arena_strdup(a, lt_stmt_text(st, 0));
	return 0;
}

int lt_activity_unit_codes(lt_db *db, const char *within, lt_arena *a, const char ***codes,
			   size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	*codes = NULL;
	*n = 0;
	lt_tree_path_end(within, end);
	rc = lt_db_prepare(db,
			   "SELECT code FROM unit WHERE path >= $1 AND path < $2 AND active_to IS NULL"
			   " ORDER BY path LIMIT 5000",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, within);
	lt_stmt_bind_text(st, 2, end);
	return lt_act_rows(st, a, sizeof(**codes), code_row, NULL, (void **)codes, n, e);
}

/* ---------- continuity ---------- */

static int recipient_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_recipient *r = row;

	(void)ctx;
	(void)e;
	r->unit.id = lt_stmt_int(st, 0);
	r->unit.code = lt_arena_strdup(a, lt_stmt_text(st, 1));
	r->unit.name = lt_arena_strdup(a, lt_stmt_text(st, 2));
	r->received_at = lt_stmt_int(st, 3);
	r->unit.path = lt_arena_strdup(a, lt_stmt_text(st, 4));
	return 0;
}

static int day_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_day *d = row;

	(void)ctx;
	(void)e;
	d->unit_id = lt_stmt_int(st, 0);
	d->date = lt_arena_strdup(a, lt_stmt_text(st, 1));
	d->n = lt_stmt_int(st, 2);
	return 0;
}

int lt_activity_continuity_rows(lt_db *db, int64_t directive_id, const char *within,
				const char *after, int limit, lt_arena *a, lt_activity_days *out,
				lt_error *e)
{
	lt_stmt *st = NULL;
	const char *first, *last;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_db_prepare(db, "SELECT report_deadline FROM directive WHERE id = $1", &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive_id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		out->deadline = lt_arena_strdup(a, lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Recipients (and the issuer) under within, with their receipt time: one page in path order. */
	rc = lt_act_subtree_page(db,
				 "SELECT u.id, u.code, u.name, r.received_at, u.path FROM receipt r"
				 " JOIN unit u ON u.id = r.unit_id WHERE r.directive_id = $1"
				 " AND u.path >= $2 AND u.path < $3 AND ($4 IS NULL OR u.path > $4)"
				 " ORDER BY u.path LIMIT $5",
				 directive_id, within, after, limit, a, sizeof(*out->units),
				 recipient_row, (void **)&out->units, &out->nunits, e);
	if (rc || !out->nunits)
		return rc;
	/* The items per unit and day of those units only: the page's path range. */
	first = out->units[0].unit.path;
	last = out->units[out->nunits - 1].unit.path;
	rc = lt_db_prepare(db,
			   "SELECT a.unit_id, a.date, count(*) FROM activity a JOIN unit u"
			   " ON u.id = a.unit_id WHERE a.directive_id = $1 AND u.path >= $2"
			   " AND u.path <= $3 GROUP BY a.unit_id, a.date ORDER BY a.unit_id, a.date",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive_id);
	lt_stmt_bind_text(st, 2, first);
	lt_stmt_bind_text(st, 3, last);
	return lt_act_rows(st, a, sizeof(*out->days), day_row, NULL, (void **)&out->days,
			   &out->ndays, e);
}
