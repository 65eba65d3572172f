/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_sql.c — statement and transaction shapes shared by the activity
 * feature's stores; see activity_sql.h.
 */
#include "store/activity_sql.h"

#include <string.h>

#include "core/tree.h"
#include "store/audit.h"
#include "store/unit_int.h"

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

int lt_act_rows(lt_stmt *st, lt_arena *a, size_t size, lt_act_row_fn fill, void *ctx, void **v,
		size_t *n, lt_error *e)
{
	return lt_act_rows_max(st, a, size, fill, ctx, 0, v, n, e);
}

int lt_act_rows_max(lt_stmt *st, lt_arena *a, size_t size, lt_act_row_fn fill, void *ctx,
		    int max, void **v, size_t *n, lt_error *e)
{
	size_t cap = 0;
	int rc = 0;

	*v = NULL;
	*n = 0;
	while ((max <= 0 || *n < (size_t)max) && (rc = lt_stmt_step(st, e)) == 1) {
		char *row;
		rc = lt_act_grow(a, v, &cap, *n, size, e);
		if (rc)
			break;
		row = (char *)*v + *n * size;
		memset(row, 0, size);
		rc = fill(st, a, row, ctx, e);
		if (rc < 0)
			break;
		if (rc == 0)
			(*n)++;
	}
	lt_stmt_done(st);
	if (rc > 0)
		rc = 0;
	if (!rc && lt_arena_failed(a))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc;
}

int lt_act_row(lt_stmt *st, lt_arena *a, lt_act_row_fn fill, void *row, lt_error *e)
{
	int rc = lt_stmt_step(st, e);

	if (rc == 1)
		rc = fill(st, a, row, NULL, e);
	else if (rc == 0)
		rc = 1;
	lt_stmt_done(st);
	if (!rc && lt_arena_failed(a))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc;
}

int lt_act_one(lt_db *db, const char *sql, int64_t id, lt_arena *a, lt_act_row_fn fill, void *row,
	       lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, sql, &st, e); /* sql: the caller's literal */

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	return lt_act_row(st, a, fill, row, e);
}

/* Prepare sql and bind $1 (id) and $2, $3 (the subtree range of within). */
static int subtree_stmt(lt_db *db, const char *sql, int64_t id, const char *within, lt_stmt **st,
			lt_error *e)
{
	char end[LT_PATH_MAX];
	int rc = lt_db_prepare(db, sql, st, e); /* sql: the caller's literal */

	if (rc)
		return rc;
	lt_tree_path_end(within, end);
	lt_stmt_bind_int(*st, 1, id);
	lt_stmt_bind_text(*st, 2, within);
	lt_stmt_bind_text(*st, 3, end);
	return 0;
}

int lt_act_subtree_rows(lt_db *db, const char *sql, int64_t id, const char *within, lt_arena *a,
			size_t size, lt_act_row_fn fill, void **v, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = subtree_stmt(db, sql, id, within, &st, e);

	*v = NULL;
	*n = 0;
	return rc ? rc : lt_act_rows(st, a, size, fill, NULL, v, n, e);
}

int lt_act_subtree_page(lt_db *db, const char *sql, int64_t id, const char *within,
			const char *after, int limit, lt_arena *a, size_t size, lt_act_row_fn fill,
			void **v, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = subtree_stmt(db, sql, id, within ? within : "/", &st, e);

	*v = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 4, after);
	lt_stmt_bind_int(st, 5, lt_store_limit(limit));
	return lt_act_rows(st, a, size, fill, NULL, v, n, e);
}
