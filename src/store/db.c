/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db.c — driver dispatch and nested transactions; see db.h. */
#include "store/db.h"

#include <string.h>

#include "store/db_driver.h"

static const lt_db_driver *const drivers[] = { &lt_sqlite_driver };

int lt_db_open(const char *url, lt_db **out, lt_error *e)
{
	const char *colon = strchr(url, ':');
	size_t n = colon ? (size_t)(colon - url) : 0;

	*out = NULL;
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
		if (colon && strlen(drivers[i]->scheme) == n &&
		    !strncmp(url, drivers[i]->scheme, n))
			return drivers[i]->open(colon + 1, out, e);
	}
	if (!strncmp(url, "postgres", 8))
		return lt_error_set(e, LT_EUNSUPPORTED, "db",
				    "Chưa hỗ trợ PostgreSQL trong bản dựng này: %s",
				    "PostgreSQL is not supported by this build yet: %s", url);
	/* A bare path means SQLite. */
	if (!colon || strchr(url, '/') < colon)
		return lt_sqlite_driver.open(url, out, e);
	return lt_error_set(e, LT_EINVAL, "db", "Địa chỉ cơ sở dữ liệu không hợp lệ: %s",
			    "Invalid database URL: %s", url);
}

void lt_db_close(lt_db *db)
{
	if (db)
		db->drv->close(db);
}

int lt_db_dialect(const lt_db *db)
{
	return db->drv->dialect;
}

int lt_db_exec(lt_db *db, const char *sql, lt_error *e)
{
	return db->drv->exec(db, sql, e);
}

int lt_db_begin(lt_db *db, lt_error *e)
{
	int rc;

	if (db->tx_depth++ > 0)
		return 0;
	db->tx_failed = false;
	rc = db->drv->exec(db, db->drv->dialect == LT_DIALECT_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", e);
	if (rc)
		db->tx_depth = 0;
	return rc;
}

int lt_db_commit(lt_db *db, lt_error *e)
{
	if (db->tx_depth <= 0)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Không có giao dịch", "No transaction");
	if (--db->tx_depth > 0)
		return 0;
	if (db->tx_failed) {
		lt_ignore(db->drv->exec(db, "ROLLBACK", NULL));
		return lt_error_set(e, LT_EDB, NULL, "Giao dịch đã bị huỷ", "Transaction was rolled back");
	}
	return db->drv->exec(db, "COMMIT", e);
}

void lt_db_rollback(lt_db *db)
{
	if (db->tx_depth <= 0)
		return;
	if (--db->tx_depth > 0) {
		db->tx_failed = true;
		return;
	}
	lt_ignore(db->drv->exec(db, "ROLLBACK", NULL)); /* the connection drops the transaction anyway */
}

int lt_db_end(lt_db *db, int rc, lt_error *e)
{
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	return lt_db_commit(db, e);
}

bool lt_db_in_tx(const lt_db *db)
{
	return db->tx_depth > 0;
}

int lt_db_prepare(lt_db *db, const char *sql, lt_stmt **out, lt_error *e)
{
	int rc = db->drv->prepare(db, sql, true, out, e);

	if (!rc)
		(*out)->bind_rc = 0;
	return rc;
}

int lt_db_prepare_once(lt_db *db, const char *sql, lt_stmt **out, lt_error *e)
{
	int rc = db->drv->prepare(db, sql, false, out, e);

	if (!rc)
		(*out)->bind_rc = 0;
	return rc;
}

void lt_stmt_free(lt_stmt *st)
{
	if (st)
		st->drv->stmt_free(st);
}

/* Remember the first failed bind; lt_stmt_step reports it. */
static void bound(lt_stmt *st, int idx, int rc)
{
	if (rc && !st->bind_rc) {
		st->bind_rc = rc;
		st->bind_idx = idx;
	}
}

void lt_stmt_bind_int(lt_stmt *st, int idx, int64_t v)
{
	bound(st, idx, st->drv->bind_int(st, idx, v));
}

void lt_stmt_bind_double(lt_stmt *st, int idx, double v)
{
	bound(st, idx, st->drv->bind_double(st, idx, v));
}

void lt_stmt_bind_text(lt_stmt *st, int idx, const char *s)
{
	bound(st, idx, s ? st->drv->bind_textn(st, idx, s, strlen(s)) : st->drv->bind_null(st, idx));
}

void lt_stmt_bind_textn(lt_stmt *st, int idx, const char *s, size_t n)
{
	bound(st, idx, st->drv->bind_textn(st, idx, s, n));
}

void lt_stmt_bind_blob(lt_stmt *st, int idx, const void *p, size_t n)
{
	bound(st, idx, st->drv->bind_blob(st, idx, p, n));
}

void lt_stmt_bind_null(lt_stmt *st, int idx)
{
	bound(st, idx, st->drv->bind_null(st, idx));
}

void lt_stmt_bind_id(lt_stmt *st, int idx, int64_t id)
{
	bound(st, idx, id ? st->drv->bind_int(st, idx, id) : st->drv->bind_null(st, idx));
}

int lt_stmt_step(lt_stmt *st, lt_error *e)
{
	int rc;

	if (st->bind_rc)
		rc = lt_error_set(e, st->bind_rc, NULL, "Không gán được tham số %d của câu lệnh",
				  "Could not bind parameter %d of the statement", st->bind_idx);
	else
		rc = st->drv->step(st, e);

	if (rc < 0 && st->db->tx_depth > 0)
		st->db->tx_failed = true; /* PostgreSQL aborts the transaction on any error; so do we */
	return rc;
}

int lt_stmt_run(lt_stmt *st, lt_error *e)
{
	int rc;

	do
		rc = lt_stmt_step(st, e);
	while (rc == 1);
	return rc;
}

bool lt_stmt_is_null(lt_stmt *st, int col)
{
	return st->drv->is_null(st, col);
}

int64_t lt_stmt_int(lt_stmt *st, int col)
{
	return st->drv->col_int(st, col);
}

double lt_stmt_double(lt_stmt *st, int col)
{
	return st->drv->col_double(st, col);
}

const char *lt_stmt_text(lt_stmt *st, int col)
{
	return st->drv->col_text(st, col);
}

const void *lt_stmt_blob(lt_stmt *st, int col, size_t *n)
{
	return st->drv->col_blob(st, col, n);
}

int lt_stmt_columns(lt_stmt *st)
{
	return st->drv->columns(st);
}

void lt_stmt_done(lt_stmt *st)
{
	if (!st)
		return;
	st->bind_rc = 0;
	st->drv->done(st);
}

int64_t lt_db_changes(lt_db *db)
{
	return db->drv->changes(db);
}

int lt_db_backup(lt_db *db, const char *path, lt_error *e)
{
	return db->drv->backup(db, path, e);
}
