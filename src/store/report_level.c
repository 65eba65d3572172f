/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — report states below a unit; see report_level.h. */
#include "store/report_level.h"

#include <string.h>

#include "core/tree.h"
#include "store/store.h"
#include "store/unit_int.h"

int lt_report_child_states(lt_db *db, int64_t directive, int64_t parent, int64_t after_id,
			   int max, lt_arena *a, lt_report_state **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_report_state *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT u.id, u.code, u.name, COALESCE(r.status, 'none') FROM receipt c"
			 " JOIN unit u ON u.id = c.unit_id"
			 " LEFT JOIN report r ON r.directive_id = c.directive_id AND r.unit_id = u.id"
			 " WHERE c.directive_id = $1 AND u.parent_id = $2 AND u.id > $3"
			 " ORDER BY u.id LIMIT $4",
			 &st, e, LT_I(directive), LT_I(parent), LT_I(after_id),
			 LT_I(max > 0 ? max : INT32_MAX));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		v[*n].unit_id = lt_stmt_int(st, 0);
		v[*n].code = lt_arena_strdup(a, lt_stmt_text(st, 1));
		v[*n].name = lt_arena_strdup(a, lt_stmt_text(st, 2));
		v[*n].status = lt_arena_strdup(a, lt_stmt_text(st, 3));
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

static void tally(lt_report_state_counts *c, const char *s, int64_t k)
{
	if (!strcmp(s, "submitted"))
		c->submitted += k;
	else if (!strcmp(s, "returned"))
		c->returned += k;
	else if (!strcmp(s, "accepted"))
		c->accepted += k;
	else if (!strcmp(s, "draft"))
		c->draft += k;
	else
		c->none += k;
}

static int count_rows(lt_stmt *st, lt_report_state_counts *c, lt_error *e)
{
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1)
		tally(c, lt_stmt_text(st, 0), lt_stmt_int(st, 1));
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_report_level_counts(lt_db *db, int64_t directive, int64_t parent, const char *path,
			   lt_report_state_counts *kids, lt_report_state_counts *subtree,
			   lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	memset(kids, 0, sizeof(*kids));
	memset(subtree, 0, sizeof(*subtree));
	rc = lt_db_query(db,
			 "SELECT COALESCE(r.status, 'none'), COUNT(*) FROM receipt c"
			 " JOIN unit u ON u.id = c.unit_id"
			 " LEFT JOIN report r ON r.directive_id = c.directive_id AND r.unit_id = u.id"
			 " WHERE c.directive_id = $1 AND u.parent_id = $2"
			 " GROUP BY COALESCE(r.status, 'none')",
			 &st, e, LT_I(directive), LT_I(parent));
	if (!rc)
		rc = count_rows(st, kids, e);
	if (rc)
		return rc;
	/* Strictly under path: the unit's own report is not its subtree's. */
	lt_tree_path_end(path, end);
	rc = lt_db_query(db,
			 "SELECT COALESCE(r.status, 'none'), COUNT(*) FROM receipt c"
			 " JOIN unit u ON u.id = c.unit_id"
			 " LEFT JOIN report r ON r.directive_id = c.directive_id AND r.unit_id = u.id"
			 " WHERE c.directive_id = $1 AND u.path > $2 AND u.path < $3"
			 " GROUP BY COALESCE(r.status, 'none')",
			 &st, e, LT_I(directive), LT_T(path), LT_T(end));
	return rc ? rc : count_rows(st, subtree, e);
}
