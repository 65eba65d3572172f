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

/* Run one or more parameterless statements (migrations, pragmas). */
LT_MUST_CHECK int lt_db_exec(lt_db *db, const char *sql, lt_error *e);

/*
 * Transactions nest: only the outermost begin/commit reach the database.
 * A rollback at any depth makes the outermost commit roll back (returns
 * LT_EDB). lt_db_begin takes the write lock at once (SQLite: BEGIN IMMEDIATE)
 * so that a user action never fails half-way on a busy database.
 */
LT_MUST_CHECK int lt_db_begin(lt_db *db, lt_error *e);
LT_MUST_CHECK int lt_db_commit(lt_db *db, lt_error *e);
void lt_db_rollback(lt_db *db);
/* End the caller's transaction: with rc (an earlier error) roll back and return rc, else commit. */
LT_MUST_CHECK int lt_db_end(lt_db *db, int rc, lt_error *e);
bool lt_db_in_tx(const lt_db *db);

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
