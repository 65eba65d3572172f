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

LT_MUST_CHECK int lt_act_tx_end_created(lt_db *db, int rc, int64_t actor, const char *entity, int64_t made,
			  int64_t *id, lt_error *e);

#endif
