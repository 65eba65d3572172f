/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pg_int.h — the PostgreSQL driver's insides, shared by pg_db.c (the
 * connection: open, reconnect, exec, errors) and pg_stmt.c (prepared
 * statements: binds, rows, columns). Nothing outside src/store/postgres/
 * includes it.
 */
#ifndef LT_PG_INT_H
#define LT_PG_INT_H

#include <libpq-fe.h>

#include "store/db_driver.h"

#define PG_BUCKETS 256

/* libpq's connect_timeout (seconds) and the server's statement_timeout (ms),
 * defaults a URL may override (pg_db.c). */
#define PG_CONNECT_TIMEOUT "5"
#define PG_STATEMENT_TIMEOUT_MS "20000"

/* Type OIDs (catalog/pg_type.h; fixed since PostgreSQL 7). */
enum {
	BOOLOID = 16,
	BYTEAOID = 17,
	NAMEOID = 19,
	INT8OID = 20,
	INT2OID = 21,
	INT4OID = 23,
	TEXTOID = 25,
	OIDOID = 26,
	FLOAT4OID = 700,
	FLOAT8OID = 701,
	UNKNOWNOID = 705,
	BPCHAROID = 1042,
	VARCHAROID = 1043,
};

/* One parameter's value as libpq takes it: text, or binary for a blob. */
typedef struct pg_param {
	char *heap; /* the value when it does not fit in small */
	size_t cap;
	int len;
	bool null;
	bool binary;
	bool on_heap;
	char small[32];
} pg_param;

enum pg_state {
	PG_IDLE,     /* not run since prepare or done */
	PG_STREAM,   /* running: its rows arrive one by one on the connection */
	PG_BUFFERED, /* its remaining rows were read off the connection (another statement needed it) */
	PG_DONE,     /* all rows read */
};

typedef struct pg_stmt {
	lt_stmt head;
	const char *key; /* cached statements: the SQL literal; NULL for lt_db_prepare_once */
	char *sql;       /* the translated text, kept to prepare again after a reconnection */
	char name[16];   /* server-side name (cached statements) */
	unsigned gen;    /* connection generation it is prepared in; 0 = not prepared */
	int nparams;
	int pcap;
	pg_param *params;
	Oid *types; /* declared parameter types (0: the server infers it); see param_types */
	const char **vals;
	int *lens;
	int *fmts;
	int ncols;    /* known after describe (cached) or the first result */
	int binary;   /* result format: 1 when every column is a type pg_stmt.c decodes */
	int state;
	PGresult *res;  /* holds the current row */
	int row;        /* its index in res */
	PGresult *acc;  /* PG_BUFFERED: the rows still to read, in one result */
	PGresult *tail; /* PG_BUFFERED: the final result (status, or the error) */
	int tail_rc;    /* PG_BUFFERED: LT_ENOMEM when rows could not be kept */
	char **conv;    /* per column: the current row's value converted (text of a number, bytes of hex) */
	size_t *convcap;
	int nconv;
	struct pg_stmt *next;
} pg_stmt;

typedef struct pg_db {
	lt_db head;
	PGconn *conn;
	unsigned gen;    /* bumped at every (re)connection: statements prepare again */
	unsigned seq;    /* names of prepared statements */
	bool tx_open;    /* the server was inside a transaction after the last command */
	bool doomed;     /* the server said farewell (FATAL) while the connection was idle */
	bool stale;      /* the server refused a write as read-only (25006): made anew at the
			  * next use outside a transaction (pg_db.c) */
	int64_t changes; /* rows changed by the last INSERT/UPDATE/DELETE */
	pg_stmt *active; /* the statement whose rows are streaming on the connection */
	pg_stmt *cache[PG_BUCKETS];
	char where[192]; /* "host:port/database (user)" for messages; never the password */
} pg_db;

/* pg_db.c */
/* Make the connection ready for a new command: read off any streaming rows,
 * reconnect a dropped connection outside a transaction. */
int pg_ready(pg_db *d, lt_error *e);
/* The lt_error for a failed result r (NULL: the connection failed). Returns the code. */
int pg_fail(pg_db *d, const PGresult *r, lt_error *e);
/* Account for a command's final result r (changes), and, with done, for its end. */
void pg_note(pg_db *d, const PGresult *r);
void pg_command_done(pg_db *d);
/* With LANTOA_DB_TRACE set: print a failed statement (rc < 0) and its error to stderr. */
void pg_trace(const char *sql, int rc, const lt_error *e);
char *pg_translate(const char *sql, int *nparams);

/* pg_row.c: the current row's columns */
/* Is a result column of type t read in binary (else the statement asks for text)? */
bool pg_decodable(Oid t);

/* pg_stmt.c */
int pg_prepare(lt_db *db, const char *sql, bool cache, lt_stmt **out, lt_error *e);
void pg_stmt_free(lt_stmt *st);
void pg_stmt_destroy(pg_stmt *s);
/* Read the rest of s's rows off the connection so that another command can run. */
void pg_detach(pg_stmt *s);
int pg_bind_int(lt_stmt *st, int idx, int64_t v);
int pg_bind_double(lt_stmt *st, int idx, double v);
int pg_bind_textn(lt_stmt *st, int idx, const char *s, size_t n);
int pg_bind_blob(lt_stmt *st, int idx, const void *p, size_t n);
int pg_bind_null(lt_stmt *st, int idx);
int pg_step(lt_stmt *st, lt_error *e);
void pg_done(lt_stmt *st);
bool pg_is_null(lt_stmt *st, int col);
int64_t pg_col_int(lt_stmt *st, int col);
double pg_col_double(lt_stmt *st, int col);
const char *pg_col_text(lt_stmt *st, int col);
const void *pg_col_blob(lt_stmt *st, int col, size_t *n);
int pg_columns(lt_stmt *st);

#endif
