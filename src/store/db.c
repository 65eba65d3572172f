/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db.c — driver dispatch and nested transactions; see db.h. */
#include "store/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_driver.h"

int lt_db_open(const char *url, lt_db **out, lt_error *e)
{
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');

	*out = NULL;
	if (!strncmp(url, "sqlite:", 7))
		return lt_sqlite_driver.open(url + 7, out, e);
	/* libpq reads the whole URL (postgresql:// or postgres://, and its ?options). */
	if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11))
		return lt_pg_driver.open(url, out, e);
	/* A bare path means SQLite. */
	if (!colon || (slash && slash < colon))
		return lt_sqlite_driver.open(url, out, e);
	/* Do not echo the rest: a URL may carry a password. */
	return lt_error_set(e, LT_EINVAL, "db",
			    "Địa chỉ cơ sở dữ liệu không hợp lệ (%.*s:…): dùng sqlite:ĐƯỜNG_DẪN"
			    " hoặc postgresql://máy/csdl",
			    "Invalid database URL (%.*s:…): use sqlite:PATH or postgresql://host/db",
			    (int)(colon - url) > 32 ? 32 : (int)(colon - url), url);
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* Length of the match of pattern p at s (whole words, any case, blanks flexible), or 0. */
static size_t match_word(const char *s, const char *p)
{
	const char *r = s;
	size_t plen = strlen(p);

	while (*p) {
		if (*p == ' ') {
			if (!isspace((unsigned char)*r))
				return 0;
			while (isspace((unsigned char)*r))
				r++;
			p++;
			continue;
		}
		if (tolower((unsigned char)*r) != tolower((unsigned char)*p))
			return 0;
		r++;
		p++;
	}
	/* A word must end where the pattern ends; a call "f(" or a token "{{X}}" ends itself. */
	if (plen && ident_char(p[-1]) && ident_char(*r))
		return 0;
	return (size_t)(r - s);
}

char *lt_db_translate(const char *sql, const lt_sql_word *table, size_t n, bool qmarks,
		      int *nparams)
{
	size_t len = strlen(sql), grow = 0, cap;
	char *out, *w;
	char quote = 0;
	int maxp = 0;

	for (size_t k = 0; k < n; k++) {
		size_t d = strlen(table[k].to);
		if (d > grow)
			grow = d;
	}
	/* Each replaced word is at least 2 characters long (the tokens are longer). */
	cap = len + (len / 2 + 1) * grow + 1;
	out = malloc(cap);
	if (!out)
		return NULL;
	w = out;
	for (size_t i = 0; i < len;) {
		char c = sql[i];
		if (quote) {
			if (c == quote)
				quote = 0;
			*w++ = sql[i++];
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			*w++ = sql[i++];
			continue;
		}
		if (c == '-' && sql[i + 1] == '-') { /* a comment runs to the end of the line */
			while (i < len && sql[i] != '\n')
				*w++ = sql[i++];
			continue;
		}
		if (c == '$' && isdigit((unsigned char)sql[i + 1])) {
			int v = atoi(sql + i + 1);
			if (v > maxp)
				maxp = v;
			*w++ = qmarks ? '?' : '$';
			i++;
			while (isdigit((unsigned char)sql[i]))
				*w++ = sql[i++];
			continue;
		}
		if (i == 0 || !ident_char(sql[i - 1])) {
			size_t k, m = 0;
			for (k = 0; k < n; k++) {
				m = match_word(sql + i, table[k].from);
				if (m)
					break;
			}
			if (m) {
				size_t d = strlen(table[k].to);
				memcpy(w, table[k].to, d);
				w += d;
				i += m;
				continue;
			}
			/* Copy the whole word, so that a pattern never matches inside one. */
			if (ident_char(c)) {
				while (i < len && ident_char(sql[i]))
					*w++ = sql[i++];
				continue;
			}
		}
		*w++ = sql[i++];
	}
	*w = '\0';
	if (nparams)
		*nparams = maxp;
	return out;
}

void lt_db_url_redact(const char *url, char *out, size_t cap)
{
	const char *scheme = strstr(url, "://"), *at, *colon, *pw;
	size_t w = 0;

	if (!cap)
		return;
	at = scheme ? strchr(scheme + 3, '@') : NULL;
	colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	for (const char *p = url; *p && w + 1 < cap;) {
		if (colon && p == colon + 1) { /* user:PASSWORD@ */
			for (const char *m = "***"; *m && w + 1 < cap; m++)
				out[w++] = *m;
			p = at;
			continue;
		}
		pw = (p > url && (p[-1] == '?' || p[-1] == '&')) ? p : NULL;
		if (pw && !strncmp(pw, "password=", 9)) { /* ?password=… */
			for (const char *m = "password=***"; *m && w + 1 < cap; m++)
				out[w++] = *m;
			p += strcspn(p, "&");
			continue;
		}
		out[w++] = *p++;
	}
	out[w] = '\0';
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

/*
 * Inside a group-commit job (lt_db_job_begin, tx_base > 0) the batch's
 * transaction is already open: a handler's outermost begin/end become
 * SAVEPOINT lt_tx / RELEASE or ROLLBACK TO it, so that one request's
 * failed transaction undoes only its own writes, as its own ROLLBACK did.
 */
#define JOB_TX "lt_tx"

static void undo_savepoint(lt_db *db, const char *name)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "ROLLBACK TO %s; RELEASE %s", name, name);
	lt_ignore(db->drv->exec(db, sql, NULL));
}

int lt_db_begin(lt_db *db, lt_error *e)
{
	int rc;

	if (db->tx_depth++ > db->tx_base)
		return 0;
	if (!db->tx_base) {
		static _Atomic uint64_t seq;
		db->tx_seq = ++seq;
	}
	db->tx_failed = false;
	rc = db->drv->exec(db, db->tx_base ? "SAVEPOINT " JOB_TX : db->drv->begin_sql, e);
	if (rc)
		db->tx_depth = db->tx_base;
	return rc;
}

static int commit(lt_db *db, lt_error *e)
{
	if (db->tx_depth <= db->tx_base)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Không có giao dịch", "No transaction");
	if (--db->tx_depth > db->tx_base)
		return 0;
	if (db->tx_failed) {
		if (db->tx_base)
			undo_savepoint(db, JOB_TX);
		else
			lt_ignore(db->drv->exec(db, "ROLLBACK", NULL));
		db->tx_failed = false;
		return lt_error_set(e, LT_EDB, NULL, "Giao dịch đã bị huỷ", "Transaction was rolled back");
	}
	/* In a job the batch commits later (lt_group): the reply waits for it. */
	return db->drv->exec(db, db->tx_base ? "RELEASE " JOB_TX : "COMMIT", e);
}

static void rollback(lt_db *db)
{
	if (db->tx_depth <= db->tx_base)
		return;
	if (--db->tx_depth > db->tx_base) {
		db->tx_failed = true;
		return;
	}
	if (db->tx_base) {
		undo_savepoint(db, JOB_TX);
		db->tx_failed = false;
		return;
	}
	lt_ignore(db->drv->exec(db, "ROLLBACK", NULL)); /* the connection drops the transaction anyway */
}

int lt_db_end(lt_db *db, int rc, lt_error *e)
{
	if (rc) {
		rollback(db);
		return rc;
	}
	return commit(db, e);
}

bool lt_db_in_tx(const lt_db *db)
{
	return db->tx_depth > db->tx_base;
}

uint64_t lt_db_tx_seq(const lt_db *db)
{
	return db->tx_depth > 0 ? db->tx_seq : 0;
}

int lt_db_read_begin(lt_db *db, lt_error *e)
{
	if (!db->drv->read_begin || db->tx_depth > 0)
		return 0;
	return db->drv->read_begin(db, e);
}

void lt_db_read_end(lt_db *db)
{
	if (db->drv->read_end)
		db->drv->read_end(db);
}

int lt_db_stamp_get(lt_db *db, lt_db_stamp *out, lt_error *e)
{
	*out = (lt_db_stamp){ 0, 0, 0 };
	if (!db->drv->stamp || db->tx_depth > 0)
		return 0;
	return db->drv->stamp(db, out, e);
}

bool lt_db_stamp_same(const lt_db_stamp *a, const lt_db_stamp *b)
{
	return a->conn && a->conn == b->conn && a->data == b->data && a->own == b->own;
}

#define JOB_SP "lt_job"

int lt_db_job_begin(lt_db *db, lt_error *e)
{
	int rc;

	if (db->tx_depth != 1 || db->tx_base)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Không có lô ghi đang mở",
				    "No write batch is open");
	rc = db->drv->exec(db, "SAVEPOINT " JOB_SP, e);
	if (rc)
		return rc;
	db->tx_base = 1;
	db->tx_failed = false;
	return 0;
}

int lt_db_job_end(lt_db *db, bool *undone, lt_error *e)
{
	int rc;

	*undone = false;

	if (db->tx_base != 1)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Không có việc ghi đang chạy",
				    "No write job is running");
	/* A job that left its own transaction open is undone whole, as the pool
	 * would have rolled it back at release (store.c). */
	if (db->tx_depth > db->tx_base)
		lt_ignore(db->drv->exec(db, "ROLLBACK TO " JOB_SP, NULL));
	db->tx_depth = 1;
	db->tx_base = 0;
	db->tx_failed = false;
	/* An I/O error, a full disk or a lost lock may end the whole transaction
	 * (SQLite then rolls it back), and so does a lost connection (PostgreSQL):
	 * the batch is lost, not just this job. */
	if (db->drv->in_tx && !db->drv->in_tx(db))
		return lt_error_set(e, LT_EBUSY, NULL, "Lô ghi đã bị huỷ, hãy thử lại",
				    "The write batch was rolled back; try again");
	/* PostgreSQL: a statement that failed outside the job's own transaction
	 * (SQLite would have undone that statement alone) left the job's savepoint
	 * aborted; nothing more runs in it until it is rolled back, so the job's
	 * writes are undone whole, and the batch goes on. */
	*undone = db->drv->tx_aborted && db->drv->tx_aborted(db);
	if (*undone) {
		rc = db->drv->exec(db, "ROLLBACK TO " JOB_SP, e);
		if (rc)
			return rc;
	}
	return db->drv->exec(db, "RELEASE " JOB_SP, e);
}

static int prepared(lt_db *db, int rc, lt_stmt **out)
{
	if (!rc)
		(*out)->bind_rc = 0;
	else if (db->tx_depth > 0)
		db->tx_failed = true; /* PostgreSQL aborts the transaction on a bad statement too */
	return rc;
}

int lt_db_prepare(lt_db *db, const char *sql, lt_stmt **out, lt_error *e)
{
	return prepared(db, db->drv->prepare(db, sql, true, out, e), out);
}

int lt_db_prepare_once(lt_db *db, const char *sql, lt_stmt **out, lt_error *e)
{
	return prepared(db, db->drv->prepare(db, sql, false, out, e), out);
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

int lt_db_sync_ids(lt_db *db, const char *table, lt_error *e)
{
	if (!*table || strspn(table, "abcdefghijklmnopqrstuvwxyz_0123456789") != strlen(table))
		return lt_error_set(e, LT_EINTERNAL, NULL, "Tên bảng không hợp lệ: %s",
				    "Invalid table name: %s", table);
	return db->drv->sync_ids ? db->drv->sync_ids(db, table, e) : 0;
}
