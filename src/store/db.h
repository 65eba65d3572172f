/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db.h — the storage driver interface.
 *
 * Everything above src/store/ talks to the database through these calls
 * only. SQL is written once in PostgreSQL style ($1, $2 placeholders,
 * INSERT … RETURNING id, portable functions); each driver adapts it (the
 * SQLite driver rewrites $N to ?N). Drivers live in src/store/sqlite/ and,
 * later, src/store/postgres/; nothing driver-specific leaks above this file.
 *
 * A connection is used by one thread at a time (lt_store hands them out).
 * Prepared statements are cached per connection, keyed by the SQL text
 * pointer, so call sites pass string literals.
 */
#ifndef LT_DB_H
#define LT_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct lt_db lt_db;
typedef struct lt_stmt lt_stmt;

/* SQL dialect, for the few migration statements that differ. */
enum lt_db_dialect { LT_DIALECT_SQLITE, LT_DIALECT_POSTGRES };

/*
 * Open a connection. url: "sqlite:PATH" (or a bare path), "sqlite::memory:",
 * or "postgresql://USER:PASSWORD@HOST:PORT/DB?…" (also postgres://; any libpq
 * parameter). Returns 0 and an owned connection in *out, or LT_EDB (the
 * server refused, cannot be reached, the password is wrong: the message names
 * the server and the reason) / LT_EINVAL (a malformed URL, a PostgreSQL
 * database whose collation is not C) with e set, field "db".
 */
LT_MUST_CHECK int lt_db_open(const char *url, lt_db **out, lt_error *e);
/* url without its password ("postgresql://u:***@h/db"), for messages and logs. */
void lt_db_url_redact(const char *url, char *out, size_t cap);
/* Close and free (NULL is fine). */
void lt_db_close(lt_db *db);
int lt_db_dialect(const lt_db *db);
/*
 * How many times, since the process started, an SQLite connection found the
 * database locked and slept in its busy handler before trying again (the
 * busy timeout): a writer waiting for another writer. 0 on PostgreSQL.
 */
long long lt_db_busy_sleeps(void);
/*
 * How many times an SQLite connection waited for another connection of this
 * process to finish writing the same file (sqlite_db.c's write lock: woken when
 * it is free, never polling). 0 on PostgreSQL.
 */
long long lt_db_write_waits(void);

/* Run one or more parameterless statements (migrations, pragmas). */
LT_MUST_CHECK int lt_db_exec(lt_db *db, const char *sql, lt_error *e);

/*
 * Transactions nest: only the outermost begin/end reach the database.
 * lt_db_begin takes the write lock at once (SQLite: BEGIN IMMEDIATE) so that
 * a user action never fails half-way on a busy database.
 */
LT_MUST_CHECK int lt_db_begin(lt_db *db, lt_error *e);
/*
 * End the caller's transaction, the only way one ends: with rc (an earlier
 * error) roll back and return rc, else commit. A rollback at any depth makes
 * the outermost end roll back (and return LT_EDB); so does a statement that
 * failed inside the transaction.
 */
LT_MUST_CHECK int lt_db_end(lt_db *db, int rc, lt_error *e);
bool lt_db_in_tx(const lt_db *db);
/*
 * The number of the transaction open on db (a group-commit batch's, inside a
 * job), unique in the process; 0 when none is open. What a transaction read
 * may include its own uncommitted writes: a cache filled from it is tied to it.
 */
uint64_t lt_db_tx_seq(const lt_db *db);

/*
 * One read snapshot for a request that reads (issue 10 P1): after
 * lt_db_read_begin the statements that follow read the same snapshot of the
 * database and take its read lock once (SQLite: BEGIN DEFERRED … COMMIT; one
 * WAL read mark instead of one per statement), until lt_db_read_end. A write
 * ends the snapshot first (lt_db_begin, a statement that writes, lt_db_exec),
 * so that it then runs as it would have without one: it sees the latest data
 * and takes the write lock as usual. Nothing on PostgreSQL (each statement
 * keeps its own snapshot, with no extra round trip) nor inside a transaction.
 * Keep it as short as the request: while it is open, a WAL checkpoint cannot
 * get past its snapshot. lt_db_read_end does nothing when no snapshot is open.
 */
LT_MUST_CHECK int lt_db_read_begin(lt_db *db, lt_error *e);
void lt_db_read_end(lt_db *db);
/*
 * A stamp of the data a read snapshot sees, for a reply kept between requests
 * (app/kept.h): while a connection's stamp is the same, nothing it can read
 * has changed. SQLite: the connection's own number in the process, its
 * PRAGMA data_version (which moves when any other connection, of this process
 * or another, commits) and its count of changed rows (its own writes); no
 * two connections share a number. Only inside lt_db_read_begin's snapshot,
 * so that the stamp and what the request reads are of one snapshot;
 * elsewhere, and on PostgreSQL (whose app nodes would need a stamp shared
 * through the database), out->conn is 0: no stamp, keep nothing.
 */
typedef struct lt_db_stamp {
	uint64_t conn, data, own;
} lt_db_stamp;
LT_MUST_CHECK int lt_db_stamp_get(lt_db *db, lt_db_stamp *out, lt_error *e);
/* Is a the same stamp as b, and a stamp at all? */
bool lt_db_stamp_same(const lt_db_stamp *a, const lt_db_stamp *b);

/*
 * How many reading statements an SQLite connection of this process ran outside
 * any transaction (each taking its own snapshot and WAL read lock), since the
 * process started. 0 on PostgreSQL.
 */
long long lt_db_lone_reads(void);
/*
 * Group commit (store/group.c): inside a batch transaction opened with
 * lt_db_begin, run one job between lt_db_job_begin and lt_db_job_end. Meanwhile
 * the job's own outermost lt_db_begin/lt_db_end become a savepoint released or
 * rolled back, so a failed request undoes only its own writes; nothing is
 * durable before the batch's lt_db_end commits. lt_db_job_end fails when the
 * batch's transaction itself was lost (every job of the batch fails); it sets
 * *undone when the job's writes were all undone because a statement of it
 * failed outside its own transaction (PostgreSQL aborts the savepoint then: a
 * job that returned 0 regardless must not be acknowledged).
 */
LT_MUST_CHECK int lt_db_job_begin(lt_db *db, lt_error *e);
LT_MUST_CHECK int lt_db_job_end(lt_db *db, bool *undone, lt_error *e);

/*
 * Prepare sql (cached; sql must outlive the connection, i.e. a literal).
 * The statement is reset and its bindings cleared. Borrowed: do not free;
 * call lt_stmt_done when finished reading so that the cache can reuse it.
 */
LT_MUST_CHECK int lt_db_prepare(lt_db *db, const char *sql, lt_stmt **out, lt_error *e);
/*
 * Prepare sql without caching (for SQL built at run time from fixed pieces —
 * never from user input). Owned: release with lt_stmt_free.
 */
LT_MUST_CHECK int lt_db_prepare_once(lt_db *db, const char *sql, lt_stmt **out, lt_error *e);
void lt_stmt_free(lt_stmt *st);

/*
 * Bind parameter idx (1-based). Text is copied. A bind cannot be forgotten
 * to check: the first one that fails is remembered by the statement, and
 * the next lt_stmt_step / lt_stmt_run returns its error (LT_ENOMEM, or
 * LT_EINTERNAL for a bad index) without running the statement.
 */
void lt_stmt_bind_int(lt_stmt *st, int idx, int64_t v);
void lt_stmt_bind_double(lt_stmt *st, int idx, double v);
void lt_stmt_bind_text(lt_stmt *st, int idx, const char *s); /* NULL binds NULL */
void lt_stmt_bind_textn(lt_stmt *st, int idx, const char *s, size_t n);
void lt_stmt_bind_blob(lt_stmt *st, int idx, const void *p, size_t n);
void lt_stmt_bind_null(lt_stmt *st, int idx);
/* An optional reference: id 0 (no parent, no theme, the system as actor) binds NULL. */
void lt_stmt_bind_id(lt_stmt *st, int idx, int64_t id);

/* Step: 1 = a row is ready, 0 = done, < 0 = error (e set; LT_EEXIST on a unique violation). */
LT_MUST_CHECK int lt_stmt_step(lt_stmt *st, lt_error *e);
/* Run a statement that returns no rows (or ignore them): 0 or < 0. */
LT_MUST_CHECK int lt_stmt_run(lt_stmt *st, lt_error *e);

/* Column readers for the current row; col is 0-based. Text is borrowed until the next step. */
bool lt_stmt_is_null(lt_stmt *st, int col);
int64_t lt_stmt_int(lt_stmt *st, int col);
double lt_stmt_double(lt_stmt *st, int col);
const char *lt_stmt_text(lt_stmt *st, int col); /* NULL for SQL NULL */
const void *lt_stmt_blob(lt_stmt *st, int col, size_t *n);
int lt_stmt_columns(lt_stmt *st);

/* Reset a cached statement after use (also done by the next prepare). */
void lt_stmt_done(lt_stmt *st);

/*
 * One-call forms (db_query.c): prepare a cached statement and bind its
 * parameters $1..$n from a list, so that a call site reads as its SQL and
 * its values:
 *
 *     rc = lt_db_run(db, "UPDATE t SET a = $2 WHERE id = $1", e, LT_I(id), LT_T(a));
 *
 * A failed bind is reported at the step, as for lt_stmt_bind_*. Each list
 * names at least one parameter (a statement without any uses lt_db_prepare).
 */
enum lt_arg_kind {
	LT_ARG_INT,    /* v.i */
	LT_ARG_ID,     /* v.i; 0 binds NULL, as lt_stmt_bind_id */
	LT_ARG_DOUBLE, /* v.d */
	LT_ARG_TEXT,   /* v.s; NULL binds NULL */
	LT_ARG_OTEXT,  /* v.s; NULL or "" binds NULL (an optional field left empty) */
	LT_ARG_BLOB,   /* v.b */
	LT_ARG_NULL,
};
typedef struct lt_arg {
	enum lt_arg_kind kind;
	union {
		int64_t i;
		double d;
		const char *s;
		struct {
			const void *p;
			size_t n;
		} b;
	} v;
} lt_arg;

#define LT_I(x) ((lt_arg){ .kind = LT_ARG_INT, .v.i = (x) })
#define LT_ID(x) ((lt_arg){ .kind = LT_ARG_ID, .v.i = (x) })
#define LT_D(x) ((lt_arg){ .kind = LT_ARG_DOUBLE, .v.d = (x) })
#define LT_T(x) ((lt_arg){ .kind = LT_ARG_TEXT, .v.s = (x) })
#define LT_OT(x) ((lt_arg){ .kind = LT_ARG_OTEXT, .v.s = (x) })
#define LT_BLOB(p, n) ((lt_arg){ .kind = LT_ARG_BLOB, .v.b = { (p), (n) } })
#define LT_NULL ((lt_arg){ .kind = LT_ARG_NULL })
/* A double that is there only when has is true (else NULL). */
#define LT_OD(has, x) ((has) ? LT_D(x) : LT_NULL)
/* The list as (array, count) for the *_args functions. */
#define LT_ARGS(...) \
	(const lt_arg[]){ __VA_ARGS__ }, sizeof((const lt_arg[]){ __VA_ARGS__ }) / sizeof(lt_arg)

/* Bind args[0..n) to $1..$n. */
void lt_stmt_bind_args(lt_stmt *st, const lt_arg *args, size_t n);
/* Prepare sql (a literal, cached) and bind; *st is NULL when it fails. The caller steps and calls lt_stmt_done. */
LT_MUST_CHECK int lt_db_query_args(lt_db *db, const char *sql, lt_stmt **st, lt_error *e,
				   const lt_arg *args, size_t n);
/* Prepare, bind and run a statement whose rows (if any) are not read: 0 or < 0. */
LT_MUST_CHECK int lt_db_run_args(lt_db *db, const char *sql, lt_error *e, const lt_arg *args,
				 size_t n);
/*
 * Prepare, bind and step once: 1 = the first row is ready in *st, 0 = no row,
 * < 0 = error (e set). In every case the caller ends with lt_stmt_done(*st)
 * (NULL when the prepare failed, which lt_stmt_done accepts).
 */
LT_MUST_CHECK int lt_db_row_args(lt_db *db, const char *sql, lt_stmt **st, lt_error *e,
				 const lt_arg *args, size_t n);
/*
 * The first column of the first row as an integer in *out (an INSERT …
 * RETURNING id, a count): 1 = found, 0 = no row (*out untouched), < 0 = error.
 */
LT_MUST_CHECK int lt_db_int_args(lt_db *db, const char *sql, int64_t *out, lt_error *e,
				 const lt_arg *args, size_t n);

#define lt_db_query(db, sql, st, e, ...) lt_db_query_args(db, sql, st, e, LT_ARGS(__VA_ARGS__))
#define lt_db_run(db, sql, e, ...) lt_db_run_args(db, sql, e, LT_ARGS(__VA_ARGS__))
#define lt_db_row(db, sql, st, e, ...) lt_db_row_args(db, sql, st, e, LT_ARGS(__VA_ARGS__))
#define lt_db_int(db, sql, out, e, ...) lt_db_int_args(db, sql, out, e, LT_ARGS(__VA_ARGS__))

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t lt_db_changes(lt_db *db);

/* Online backup of the whole database to a new SQLite file at path (SQLite only:
 * LT_EUNSUPPORTED on PostgreSQL, whose tools are pg_dump and pg_basebackup). */
LT_MUST_CHECK int lt_db_backup(lt_db *db, const char *path, lt_error *e);

/*
 * After rows were written with explicit ids into a table keyed by {{ID}} (a
 * copy between databases, a test fixture), make the next generated id follow
 * the largest. SQLite's rowid does so by itself; PostgreSQL's identity does
 * not see explicit ids, and would hand out one already taken.
 */
LT_MUST_CHECK int lt_db_sync_ids(lt_db *db, const char *table, lt_error *e);

#endif
