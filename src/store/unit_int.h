/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit_int.h — what unit.c, unit_query.c, the directive files and the other
 * lists of src/store/ share (internal to src/store/).
 */
#ifndef LT_UNIT_INT_H
#define LT_UNIT_INT_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/unit.h"

/* The columns lt_unit_read_row reads, from "unit u". */
#define UNIT_COLS                                                                          \
	"u.id, u.code, u.name, u.level, u.parent_id, u.path, u.email, u.members,"          \
	" u.active_from, u.active_to, u.merged_into,"                                       \
	" (SELECT count(*) FROM unit c WHERE c.parent_id = u.id AND c.active_to IS NULL)"

/* Read a UNIT_COLS row into *u; strings copied into a. */
void lt_unit_read_row(lt_stmt *st, lt_arena *a, lt_unit *u);

/*
 * Grow an arena array of n items of size bytes to hold one more, doubling
 * *cap (old copies stay in the arena until it is freed). NULL when out of
 * memory.
 */
void *lt_store_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size);
/*
 * "%first-token%" of a folded search text for LIKE ... ESCAPE '\\', the
 * wildcards of the token escaped; in a. NULL when the text has no first
 * token (or out of memory: the arena is then marked failed).
 */
char *lt_store_like_first(lt_arena *a, const char *fold);

/*
 * The ids of unit's path, root first (the unit last), at most cap; *n = 0
 * when it has none. For the writes of kept rows: the unit's row stays locked
 * against a move (FOR SHARE on PostgreSQL) until the transaction ends.
 */
LT_MUST_CHECK int lt_store_path_ids(lt_db *db, int64_t unit, int64_t *ids, size_t cap, size_t *n,
				    lt_error *e);

/*
 * A unit's subtree moving in the tree, as the kept counts and totals see it:
 * the strict ancestors it leaves (on the old path only) and joins (on the
 * current path only), root first. The ancestors both paths share keep what
 * they had (the subtree stays under them), so a move never touches them.
 */
#define LT_MOVE_DEPTH 64
typedef struct lt_store_move {
	int64_t unit;
	int64_t leave[LT_MOVE_DEPTH], join[LT_MOVE_DEPTH];
	size_t nleave, njoin;
} lt_store_move;

/* Copy the current row of st into item. */
typedef void (*lt_store_move_read_fn)(lt_stmt *st, void *item);
/* Take one item away from m->leave's rows and add it to m->join's. */
typedef int (*lt_store_move_apply_fn)(lt_db *db, const lt_store_move *m, void *item,
				      lt_error *e);

/*
 * unit's subtree left old_path for its current path: read every row of sql
 * (one parameter, $1 = unit) into an item of size bytes (read), then apply
 * each (so that apply may run statements of its own). Nothing to do when
 * the strict ancestors did not change. The caller holds the locks the
 * table's writers take first (lt_rollup_lock) and apply writes its rows in
 * their order.
 */
LT_MUST_CHECK int lt_store_move_rows(lt_db *db, int64_t unit, const char *old_path,
				     const char *sql, size_t size, lt_store_move_read_fn read,
				     lt_store_move_apply_fn apply, lt_error *e);

/*
 * What to bind to a list's "LIMIT $n" for a page of at most max rows (max
 * <= 0: no bound). The bound belongs in the SQL, not only in the loop that
 * reads the rows: PostgreSQL runs a statement to its end (and the driver
 * drains what the loop did not read), where SQLite stops with the loop.
 * No bound is the largest LIMIT, as PostgreSQL refuses a negative one.
 */
static inline int64_t lt_store_limit(int64_t max)
{
	return max > 0 ? max : INT64_MAX;
}

#endif
