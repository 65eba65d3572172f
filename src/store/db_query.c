/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db_query.c — the one-call statement forms of db.h: prepare, bind a list
 * of parameters, and run or step, so that store functions need not spell
 * out the same prepare/bind/step/done sequence each time.
 */
#include "store/db.h"

void lt_stmt_bind_args(lt_stmt *st, const lt_arg *args, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int idx = (int)i + 1;
		const lt_arg *x = &args[i];

		switch (x->kind) {
		case LT_ARG_INT:
			lt_stmt_bind_int(st, idx, x->v.i);
			break;
		case LT_ARG_ID:
			lt_stmt_bind_id(st, idx, x->v.i);
			break;
		case LT_ARG_DOUBLE:
			lt_stmt_bind_double(st, idx, x->v.d);
			break;
		case LT_ARG_TEXT:
			lt_stmt_bind_text(st, idx, x->v.s);
			break;
		case LT_ARG_OTEXT:
			lt_stmt_bind_text(st, idx, x->v.s && *x->v.s ? x->v.s : NULL);
			break;
		case LT_ARG_BLOB:
			lt_stmt_bind_blob(st, idx, x->v.b.p, x->v.b.n);
			break;
		case LT_ARG_NULL:
			lt_stmt_bind_null(st, idx);
			break;
		}
	}
}

int lt_db_query_args(lt_db *db, const char *sql, lt_stmt **st, lt_error *e, const lt_arg *args,
		     size_t n)
{
	int rc;

	*st = NULL;
	rc = lt_db_prepare(db, sql, st, e);
	if (rc) {
		*st = NULL;
		return rc;
	}
	lt_stmt_bind_args(*st, args, n);
	return 0;
}

int lt_db_run_args(lt_db *db, const char *sql, lt_error *e, const lt_arg *args, size_t n)
{
	lt_stmt *st;
	int rc = lt_db_query_args(db, sql, &st, e, args, n);

	if (!rc)
		rc = lt_stmt_run(st, e);
	lt_stmt_done(st);
	return rc;
}

int lt_db_row_args(lt_db *db, const char *sql, lt_stmt **st, lt_error *e, const lt_arg *args,
		   size_t n)
{
	int rc = lt_db_query_args(db, sql, st, e, args, n);

	return rc ? rc : lt_stmt_step(*st, e);
}

int lt_db_int_args(lt_db *db, const char *sql, int64_t *out, lt_error *e, const lt_arg *args,
		   size_t n)
{
	lt_stmt *st;
	int rc = lt_db_row_args(db, sql, &st, e, args, n);

	if (rc == 1)
		*out = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc;
}
