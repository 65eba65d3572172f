/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — report states below a unit; see report_level.h. */
#include "store/report_level.h"

#include <string.h>

#include "core/tree.h"
#include "store/store.h"
#include "store/unit_int.h"

/* Rows (unit_id, path or NULL, status) of st into *out. */
static int rows(lt_stmt *st, lt_arena *a, lt_report_state **out, size_t *n, lt_error *e)
{
	lt_report_state *v = NULL;
	size_t cap = 0;
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		v[*n].unit_id = lt_stmt_int(st, 0);
		v[*n].path = lt_stmt_text(st, 1) ? lt_arena_strdup(a, lt_stmt_text(st, 1)) : NULL;
		v[*n].status = lt_arena_strdup(a, lt_stmt_text(st, 2));
		(*n)++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*out = v;
	return 0;
}

int lt_report_states_under(lt_db *db, int64_t directive, const char *path, lt_arena *a,
			   lt_report_state **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	*out = NULL;
	*n = 0;
	lt_tree_path_end(path, end);
	/* Strictly under path: the unit's own report is not its subtree's. */
	rc = lt_db_query(db,
			 "SELECT u.id, u.path, COALESCE(r.status, 'none') FROM receipt c"
			 " JOIN unit u ON u.id = c.unit_id"
			 " LEFT JOIN report r ON r.directive_id = c.directive_id AND r.unit_id = u.id"
			 " WHERE c.directive_id = $1 AND u.path > $2 AND u.path < $3 ORDER BY u.path",
			 &st, e, LT_I(directive), LT_T(path), LT_T(end));
	return rc ? rc : rows(st, a, out, n, e);
}

int lt_report_child_reports(lt_db *db, int64_t directive, int64_t parent, lt_arena *a,
			    lt_report_state **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT r.unit_id, CAST(NULL AS TEXT), r.status FROM report r"
			 " JOIN unit u ON u.id = r.unit_id"
			 " WHERE r.directive_id = $1 AND u.parent_id = $2 ORDER BY r.unit_id",
			 &st, e, LT_I(directive), LT_I(parent));
	return rc ? rc : rows(st, a, out, n, e);
}
