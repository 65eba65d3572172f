/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_sql.h — statement and transaction shapes shared by the activity
 * feature's stores (activity.c, contest.c, linkkit.c, indicator.c): binding
 * optional values, reading the id of an INSERT … RETURNING id, growing an
 * arena array of rows, and ending a write transaction.
 */
#ifndef LT_ACTIVITY_SQL_H
#define LT_ACTIVITY_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Bind text at idx, or NULL when s is NULL or empty. s is borrowed until the step. */
void lt_act_bind_opt_text(lt_stmt *st, int idx, const char *s);
/* Bind a count at idx, or NULL when it is unknown (negative). */
void lt_act_bind_count(lt_stmt *st, int idx, int64_t v);

/*
 * Step a prepared INSERT … RETURNING id and finish st. *id is the new id
 * (left as is when the insert returned no row). 0 or a negative LT_E code.
 */
LT_MUST_CHECK int lt_act_step_id(lt_stmt *st, int64_t *id, lt_error *e);

/*
 * End the transaction that created row made of entity: unless rc already
 * failed, audit "create" by actor; then lt_db_end. On success *id (may
 * be NULL) is made.
 */
/*
 * Make room for one more element in the arena array *v of *n elements of
 * size bytes (capacity *cap). Old elements are copied; the old block stays in
 * the arena. 0 or LT_ENOMEM with e set.
 */
LT_MUST_CHECK int lt_act_grow(lt_arena *a, void **v, size_t *cap, size_t n, size_t size,
			      lt_error *e);

/*
 * Fill one row of size bytes at row (zeroed) from the current row of st,
 * strings into a; ctx is the caller's (a filter's query…). 0; 1 to leave
 * the row out (a filter); or < 0 with e set.
 */
typedef int (*lt_act_row_fn)(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e);

/*
 * Step st (prepared and bound) to its end, one row of size bytes per
 * result row made by fill, into the arena array *v of *n. st is finished
 * either way. 0 or < 0 (out of memory in a counts) with e set.
 */
LT_MUST_CHECK int lt_act_rows(lt_stmt *st, lt_arena *a, size_t size, lt_act_row_fn fill,
			      void *ctx, void **v, size_t *n, lt_error *e);
/*
 * The same, stopping after max rows kept (max <= 0: no bound): one page of
 * a list read from its key along an index, max the page's limit + 1.
 */
LT_MUST_CHECK int lt_act_rows_max(lt_stmt *st, lt_arena *a, size_t size, lt_act_row_fn fill,
				  void *ctx, int max, void **v, size_t *n, lt_error *e);

/*
 * Step st (prepared and bound) once: fill row from its result. 0; 1 when
 * there is no row (the caller says what is not found); or < 0 with e set.
 * st is finished either way.
 */
LT_MUST_CHECK int lt_act_row(lt_stmt *st, lt_arena *a, lt_act_row_fn fill, void *row,
			     lt_error *e);

/*
 * Prepare sql (a literal whose $1 is an id), bind id and read its one row
 * with fill into row. 0; 1 when there is none; or < 0 with e set.
 */
LT_MUST_CHECK int lt_act_one(lt_db *db, const char *sql, int64_t id, lt_arena *a,
			     lt_act_row_fn fill, void *row, lt_error *e);

/*
 * Prepare sql (a literal whose $1 is an id and $2, $3 the subtree range of
 * within, as lt_tree_path_end gives it) and read its rows as lt_act_rows.
 */
LT_MUST_CHECK int lt_act_subtree_rows(lt_db *db, const char *sql, int64_t id, const char *within,
				      lt_arena *a, size_t size, lt_act_row_fn fill, void **v,
				      size_t *n, lt_error *e);

/*
 * The same, one page: sql's $4 is the key after which the page starts
 * (NULL: the start) and $5 its LIMIT (limit <= 0: all).
 */
LT_MUST_CHECK int lt_act_subtree_page(lt_db *db, const char *sql, int64_t id, const char *within,
				      const char *after, int limit, lt_arena *a, size_t size,
				      lt_act_row_fn fill, void **v, size_t *n, lt_error *e);

LT_MUST_CHECK int lt_act_tx_end_created(lt_db *db, int rc, int64_t actor, const char *entity, int64_t made,
			  int64_t *id, lt_error *e);

#endif
