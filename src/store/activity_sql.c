/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_sql.c — statement and transaction shapes shared by the activity
 * feature's stores; see activity_sql.h.
 */
#include "store/activity_sql.h"

#include <string.h>

#include "store/audit.h"

void lt_act_bind_opt_text(lt_stmt *st, int idx, const char *s)
{
	lt_stmt_bind_text(st, idx, s && *s ? s : NULL);
}

void lt_act_bind_count(lt_stmt *st, int idx, int64_t v)
{
	if (v < 0)
		lt_stmt_bind_null(st, idx);
	else
		lt_stmt_bind_int(st, idx, v);
}

int lt_act_step_id(lt_stmt *st, int64_t *id, lt_error *e)
{
	int rc = lt_stmt_step(st, e);

	if (rc == 1)
		*id = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_act_tx_end_created(lt_db *db, int rc, int64_t actor, const char *entity, int64_t made,
			  int64_t *id, lt_error *e)
{
	if (!rc)
		rc = lt_audit(db, actor, "create", entity, made, NULL, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && id)
		*id = made;
	return rc;
}

int lt_act_grow(lt_arena *a, void **v, size_t *cap, size_t n, size_t size, lt_error *e)
{
	void *nv;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	nv = lt_arena_alloc(a, ncap * size);
	if (!nv)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (n)
		memcpy(nv, *v, n * size);
	*v = nv;
	*cap = ncap;
	return 0;
}
