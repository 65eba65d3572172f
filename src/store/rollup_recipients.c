// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * rollup_recipients.c — the figures summary's totals and its pages of
 * recipients, bounded: the totals are one GROUP BY over the covering index
 * indicator_value_cover (migration 10), the units come a page at a time
 * on the path index; see rollup.h.
 */
#include "store/rollup.h"

#include <string.h>

#include "core/tree.h"
#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/unit_int.h"

int lt_rollup_recipient_totals(lt_db *db, int64_t directive, const char *within, lt_arena *a,
			       lt_rollup_total **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	lt_rollup_total *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	lt_tree_path_end(within ? within : "/", end);
	rc = lt_db_prepare(db,
			   "SELECT v.code, sum(v.value), max(v.value), count(*)"
			   " FROM receipt r JOIN unit u ON u.id = r.unit_id"
			   " JOIN indicator_value v ON v.directive_id = r.directive_id"
			   "  AND v.unit_id = r.unit_id"
			   " WHERE r.directive_id = $1 AND u.path >= $2 AND u.path < $3"
			   " GROUP BY v.code",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_text(st, 2, within ? within : "/");
	lt_stmt_bind_text(st, 3, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, cnt, &cap, sizeof(*v));
		if (!v) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		v[cnt].code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		v[cnt].sum = lt_stmt_double(st, 1);
		v[cnt].max = lt_stmt_double(st, 2);
		v[cnt].units = lt_stmt_int(st, 3);
		cnt++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*out = v;
	*n = cnt;
	return 0;
}

static int unit_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_act_unit *u = row;

	(void)ctx;
	(void)e;
	u->id = lt_stmt_int(st, 0);
	u->code = lt_arena_strdup(a, lt_stmt_text(st, 1));
	u->name = lt_arena_strdup(a, lt_stmt_text(st, 2));
	u->path = lt_arena_strdup(a, lt_stmt_text(st, 3));
	return 0;
}

int lt_rollup_recipients_page(lt_db *db, int64_t directive, const char *within, const char *after,
			      int limit, lt_arena *a, lt_act_unit **out, size_t *n, lt_error *e)
{
	return lt_act_subtree_page(db,
				   "SELECT u.id, u.code, u.name, u.path FROM unit u"
				   " JOIN receipt r ON r.directive_id = $1 AND r.unit_id = u.id"
				   " WHERE u.path >= $2 AND u.path < $3 AND ($4 IS NULL OR u.path > $4)"
				   " ORDER BY u.path LIMIT $5",
				   directive, within, after, limit, a, sizeof(**out), unit_row,
				   (void **)out, n, e);
}
