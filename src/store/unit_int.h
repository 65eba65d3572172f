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

/* The ids of unit's path, root first (the unit last), at most cap; *n = 0 when it has none. */
LT_MUST_CHECK int lt_store_path_ids(lt_db *db, int64_t unit, int64_t *ids, size_t cap, size_t *n,
				    lt_error *e);

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
