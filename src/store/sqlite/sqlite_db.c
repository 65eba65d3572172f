/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sqlite_db.c — the SQLite driver behind db.h.
 *
 * WAL journal synced at every commit (synchronous=FULL: an acknowledged
 * write survives a power loss), foreign keys on, one writer at a time per file
 * inside the process (the write lock below; a busy timeout against other
 * processes), and a per-connection cache
 * of prepared statements keyed by the SQL literal's address. SQL arrives in
 * PostgreSQL style; $N placeholders become ?N here, and the few words below
 * become SQLite's (db_driver.h, lt_db_translate).
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db_driver.h"

#define CACHE_BUCKETS 256

/* PostgreSQL's spelling → SQLite's (see db_driver.h). */
static const lt_sql_word sq_words[] = {
	{ "{{ID}}", "INTEGER PRIMARY KEY" },
	{ "GREATEST(", "max(" },
	{ "LEAST(", "min(" },
	{ "string_agg(", "group_concat(" },
	/* One writer at a time already: a claimed row cannot be claimed twice. */
	{ "FOR UPDATE SKIP LOCKED", "" },
	{ "FOR UPDATE", "" },
	{ "FOR NO KEY UPDATE", "" },
	{ "FOR SHARE OF u", "" },
	{ "FOR SHARE", "" },
};

typedef struct sq_stmt {
	lt_stmt head;
	sqlite3_stmt *st;
	const char *key; /* cached: the SQL literal */
	struct sq_stmt *next;
	bool cached;
} sq_stmt;

/* A connection waiting for a file's write lock (write_lock), in line. */
typedef struct sq_waiter {
	struct sq_waiter *next;
	bool granted; /* the last holder handed the lock to this one */
} sq_waiter;

/*
 * The write lock of one database file, shared by every connection of this
 * process to it: handed over in the order asked (first come, first served).
 * A plain mutex is not fair: the group writer, which takes the lock again the
 * moment its batch commits, kept a login's session write waiting past the
 * 10 s timeout under load (integration/group_commit_load).
 */
typedef struct sq_file {
	char *path;
	pthread_mutex_t mu; /* guards held and the line, never held during a write */
	pthread_cond_t turn;
	bool held;
	sq_waiter *head, *tail;
	int refs;
	struct sq_file *next;
} sq_file;

typedef struct sq_db {
	lt_db head;
	sqlite3 *conn;
	sq_file *file; /* NULL: an in-memory or temporary database, no one to share it with */
	bool writing;  /* this connection holds its file's write lock */
	bool reading;  /* in a read snapshot of lt_db_read_begin (BEGIN DEFERRED) */
	sqlite3_stmt *begin_st, *commit_st; /* its BEGIN and COMMIT, prepared once */
	sqlite3_stmt *version_st; /* PRAGMA data_version, prepared at its first use */
	uint64_t serial;          /* the connection's number in the process (lt_db_stamp_get) */
	sq_stmt *cache[CACHE_BUCKETS];
} sq_db;

/*
 * The column a constraint message names: "UNIQUE constraint failed: t.a, t.b"
 * → "b" (the last column: the leading ones are the scope, as in (contest_id,
 * url_canonical)), "CHECK constraint failed: role IN (…)" → "role". Empty
 * when the message names an index or an expression only.
 */
static void constraint_field(const char *msg, char *field, size_t cap)
{
	const char *p = strstr(msg, "failed: "), *last = NULL;
	size_t n = 0;

	field[0] = '\0';
	if (!p)
		return;
	p += 8;
	if (!strncmp(p, "index ", 6))
		return;
	for (;;) {
		const char *w = p, *dot;
		size_t k = strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
		if (!k)
			break;
		dot = memchr(w, '.', k);
		last = dot ? dot + 1 : w;
		n = (size_t)(w + k - last);
		p = w + k;
		if (strncmp(p, ", ", 2))
			break;
		p += 2;
	}
	if (last && n && n < cap) {
		memcpy(field, last, n);
		field[n] = '\0';
	}
}

static int sq_error(sqlite3 *conn, int rc, lt_error *e)
{
	int ext = sqlite3_extended_errcode(conn);
	const char *msg = sqlite3_errmsg(conn);
	char field[64];

	constraint_field(msg, field, sizeof(field));
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return lt_error_set(e, LT_EEXIST, field[0] ? field : NULL, "Giá trị đã tồn tại (%s)",
				    "Value already exists (%s)", msg);
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return lt_error_set(e, LT_EINVAL, NULL, "Tham chiếu không tồn tại (%s)",
				    "Referenced record does not exist (%s)", msg);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return lt_error_set(e, LT_EINVAL, field[0] ? field : NULL,
				    "Dữ liệu vi phạm ràng buộc (%s)", "Data violates a constraint (%s)",
				    msg);
	/* The disk is full or failing: say so in both languages, without SQLite's own text. */
	if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
		return lt_error_set(e, LT_EFULL, NULL,
				    "Máy chủ hết chỗ lưu trữ hoặc không ghi được: chưa ghi gì, hãy thử"
				    " lại sau và báo quản trị viên",
				    "The server's storage is full or failing: nothing was written; try"
				    " again later and tell the administrator");
	if ((rc & 0xff) == SQLITE_BUSY)
		return lt_error_set(e, LT_EBUSY, NULL, "Cơ sở dữ liệu đang bận, hãy thử lại",
				    "The database is busy, try again");
	return lt_error_set(e, LT_EDB, NULL, "Lỗi cơ sở dữ liệu: %s", "Database error: %s", msg);
}

/* The busy timeout, as sqlite3_busy_timeout's handler waits it out, with each sleep counted. */
#define BUSY_TIMEOUT_MS 10000
static atomic_llong busy_sleeps;

long long lt_db_busy_sleeps(void)
{
	return atomic_load(&busy_sleeps);
}

/* SQLite's own schedule (sqliteDefaultBusyCallback): sleep 1, 2, 5 … 100 ms, up to the timeout. */
static int sq_busy(void *arg, int tries)
{
	static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
	static const int totals[] = { 0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228 };
	const int n = (int)(sizeof(delays) / sizeof(delays[0]));
	int delay, prior;

	(void)arg;
	if (tries < n) {
		delay = delays[tries];
		prior = totals[tries];
	} else {
		delay = delays[n - 1];
		prior = totals[n - 1] + delay * (tries - (n - 1));
	}
	if (prior + delay > BUSY_TIMEOUT_MS) {
		delay = BUSY_TIMEOUT_MS - prior;
		if (delay <= 0)
			return 0;
	}
	atomic_fetch_add(&busy_sleeps, 1);
	sqlite3_sleep(delay);
	return 1;
}

/*
 * One writer at a time per file, within the process, by a mutex. SQLite lets
 * one connection write and makes the others wait in its busy handler, which
 * polls: it sleeps 1, 2, 5 … 100 ms and tries again, so a writer that finished
 * after 1 ms leaves the next one asleep for up to 100 ms, and the server's
 * write threads spend their time sleeping (issue 10: no thread sleeps in a busy
 * handler). Here a connection takes its file's mutex before it writes (BEGIN
 * IMMEDIATE, any other exec, a writing statement outside a transaction) and
 * gives it back when the connection is out of its transaction; a waiting writer
 * wakes as soon as the lock is free, and SQLite's own lock is then always free
 * within the process. The busy handler is left for other processes (a `lantoa`
 * command beside the server). The wait is bounded like the busy timeout: past
 * it, LT_EBUSY, as before.
 */
static pthread_mutex_t files_mu = PTHREAD_MUTEX_INITIALIZER;
static sq_file *files;
static atomic_llong write_waits;

long long lt_db_write_waits(void)
{
	return atomic_load(&write_waits);
}

static sq_file *file_ref(const char *path)
{
	sq_file *f;

	if (!path || !*path)
		return NULL;
	pthread_mutex_lock(&files_mu);
	for (f = files; f && strcmp(f->path, path); f = f->next)
		;
	if (!f && (f = calloc(1, sizeof(*f))) && !(f->path = strdup(path))) {
		free(f);
		f = NULL;
	} else if (f && !f->refs) {
		pthread_mutex_init(&f->mu, NULL);
		pthread_cond_init(&f->turn, NULL);
		f->next = files;
		files = f;
	}
	if (f)
		f->refs++;
	pthread_mutex_unlock(&files_mu);
	return f;
}

static void file_unref(sq_file *f)
{
	sq_file **p;

	if (!f)
		return;
	pthread_mutex_lock(&files_mu);
	if (--f->refs == 0) {
		for (p = &files; *p != f; p = &(*p)->next)
			;
		*p = f->next;
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->turn);
		free(f->path);
		free(f);
	}
	pthread_mutex_unlock(&files_mu);
}

/* Leave the line (a waiter whose time ran out). With f->mu. */
static void leave_line(sq_file *f, sq_waiter *w)
{
	sq_waiter **p = &f->head, *prev = NULL;

	while (*p != w) {
		prev = *p;
		p = &(*p)->next;
	}
	*p = w->next;
	if (f->tail == w)
		f->tail = prev;
}

static int write_lock(sq_db *d, lt_error *e)
{
	sq_file *f = d->file;
	sq_waiter w = { 0 };
	struct timespec until;
	bool got = true;
	int rc = 0;

	if (!f || d->writing)
		return 0;
	pthread_mutex_lock(&f->mu);
	if (!f->held && !f->head) {
		f->held = true;
	} else {
		atomic_fetch_add(&write_waits, 1);
		if (f->tail)
			f->tail->next = &w;
		else
			f->head = &w;
		f->tail = &w;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += BUSY_TIMEOUT_MS / 1000;
		while (!w.granted && !rc)
			rc = pthread_cond_timedwait(&f->turn, &f->mu, &until);
		got = w.granted;
		if (!got)
			leave_line(f, &w);
	}
	pthread_mutex_unlock(&f->mu);
	if (!got)
		return lt_error_set(e, LT_EBUSY, NULL, "Cơ sở dữ liệu đang bận, hãy thử lại",
				    "The database is busy, try again");
	d->writing = true;
	return 0;
}

/* Hand the write lock to the first in line, or free it. */
static void write_release(sq_file *f)
{
	pthread_mutex_lock(&f->mu);
	if (f->head) {
		sq_waiter *w = f->head;

		f->head = w->next;
		if (!f->head)
			f->tail = NULL;
		w->granted = true; /* held stays true: it is the waiter's now */
		pthread_cond_broadcast(&f->turn);
	} else {
		f->held = false;
	}
	pthread_mutex_unlock(&f->mu);
}

/* Give the lock back once the connection is out of its transaction. */
static void write_unlock_idle(sq_db *d)
{
	if (d->writing && sqlite3_get_autocommit(d->conn)) {
		d->writing = false;
		write_release(d->file);
	}
}

/*
 * The read snapshot of lt_db_read_begin (db.h). BEGIN DEFERRED takes no lock
 * by itself: the first read takes the WAL read mark and the snapshot, which
 * every later statement reuses, until COMMIT. Without it each statement of a
 * GET (the session, the access checks, the list, its count) was its own read
 * transaction, taking and dropping a read mark each time (issue 10 P1).
 */
static atomic_llong lone_reads;

long long lt_db_lone_reads(void)
{
	return atomic_load(&lone_reads);
}

static int sq_read_begin(lt_db *db, lt_error *e)
{
	sq_db *d = (sq_db *)db;
	int rc;

	if (d->reading || !sqlite3_get_autocommit(d->conn))
		return 0;
	if (!d->begin_st) {
		rc = sqlite3_prepare_v3(d->conn, "BEGIN DEFERRED", -1, SQLITE_PREPARE_PERSISTENT,
					&d->begin_st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v3(d->conn, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT,
						&d->commit_st, NULL);
		if (rc != SQLITE_OK)
			return sq_error(d->conn, rc, e);
	}
	rc = sqlite3_step(d->begin_st);
	sqlite3_reset(d->begin_st);
	if (rc != SQLITE_DONE)
		return sq_error(d->conn, rc, e);
	d->reading = true;
	return 0;
}

/* End the read snapshot, if one is open (the request ends, or a write comes). */
static void sq_read_end(lt_db *db)
{
	sq_db *d = (sq_db *)db;
	int rc;

	if (!d->reading)
		return;
	d->reading = false;
	if (sqlite3_get_autocommit(d->conn))
		return;
	rc = sqlite3_step(d->commit_st);
	sqlite3_reset(d->commit_st);
	/* A read-only transaction has nothing to lose: never leave it open. */
	if (rc != SQLITE_DONE)
		(void)sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
}

/* lt_db_stamp_get (db.h), inside a read snapshot of sq_read_begin. */
static int sq_stamp(lt_db *db, lt_db_stamp *out, lt_error *e)
{
	sq_db *d = (sq_db *)db;
	int rc;

	if (!d->reading || sqlite3_get_autocommit(d->conn))
		return 0;
	if (!d->version_st) {
		rc = sqlite3_prepare_v3(d->conn, "PRAGMA data_version", -1,
					SQLITE_PREPARE_PERSISTENT, &d->version_st, NULL);
		if (rc != SQLITE_OK)
			return sq_error(d->conn, rc, e);
	}
	/* The pragma reads in the open snapshot (and takes it, if no statement has). */
	rc = sqlite3_step(d->version_st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(d->version_st);
		return sq_error(d->conn, rc, e);
	}
	*out = (lt_db_stamp){ d->serial, (uint64_t)sqlite3_column_int64(d->version_st, 0),
			      (uint64_t)sqlite3_total_changes64(d->conn) };
	sqlite3_reset(d->version_st);
	return 0;
}

static char *sq_translate(const char *sql)
{
	return lt_db_translate(sql, sq_words, sizeof(sq_words) / sizeof(sq_words[0]), true, NULL);
}

static int sq_exec(lt_db *db, const char *sql, lt_error *e)
{
	sq_db *d = (sq_db *)db;
	char *text = sq_translate(sql);
	int rc;

	if (!text)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* Transaction control, DDL and other writes: exec never returns rows. */
	sq_read_end(db);
	rc = write_lock(d, e);
	if (rc) {
		free(text);
		return rc;
	}
	rc = sqlite3_exec(d->conn, text, NULL, NULL, NULL);
	free(text);
	rc = rc == SQLITE_OK ? 0 : sq_error(d->conn, rc, e);
	write_unlock_idle(d);
	return rc;
}

static void sq_close(lt_db *db)
{
	sq_db *d = (sq_db *)db;

	for (int i = 0; i < CACHE_BUCKETS; i++) {
		sq_stmt *s = d->cache[i];
		while (s) {
			sq_stmt *n = s->next;
			sqlite3_finalize(s->st);
			free(s);
			s = n;
		}
	}
	sq_read_end(db);
	sqlite3_finalize(d->begin_st);
	sqlite3_finalize(d->commit_st);
	sqlite3_finalize(d->version_st);
	sqlite3_close_v2(d->conn);
	if (d->writing)
		write_release(d->file);
	file_unref(d->file);
	free(d);
}

/*
 * Before SQLite initializes (the first open): no memory statistics. With them
 * on (SQLite's default) every allocation of every connection takes one
 * process-wide mutex; under 4 server threads that mutex and its futex waits
 * were 5-10% of GET /activities?limit=20's CPU (perf, issue 10 P1). lantoa
 * reads no SQLite memory statistic and sets no heap limit. Once the library
 * is initialized the call fails (SQLITE_MISUSE) and changes nothing.
 */
static void sq_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Connections' numbers (lt_db_stamp_get): one a connection, never reused in the process. */
static atomic_ullong serials;

static int sq_open(const char *target, lt_db **out, lt_error *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sq_db *d;
	int rc;

	pthread_once(&once, sq_configure);
	d = calloc(1, sizeof(*d));

	if (!d)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	d->head.drv = &lt_sqlite_driver;
	d->serial = atomic_fetch_add(&serials, 1) + 1;
	rc = sqlite3_open_v2(target, &d->conn,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
				     SQLITE_OPEN_URI,
			     NULL);
	if (rc != SQLITE_OK) {
		lt_error_set(e, LT_EDB, "db", "Không mở được cơ sở dữ liệu %s: %s",
			     "Cannot open database %s: %s", target,
			     d->conn ? sqlite3_errmsg(d->conn) : "out of memory");
		goto fail;
	}
	sqlite3_busy_handler(d->conn, sq_busy, NULL);
	sqlite3_extended_result_codes(d->conn, 1);
	rc = sq_exec(&d->head,
		     "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
		     /*
		      * FULL: each commit syncs the WAL before it returns, so a
		      * write the server acknowledged survives a power loss
		      * (NORMAL syncs only at checkpoints; issue 13 finding 10).
		      */
		     " PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"
		     /* Read big scans (roll-ups) from the page cache without copying. */
		     " PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;",
		     e);
	if (rc)
		goto fail;
	d->file = file_ref(sqlite3_db_filename(d->conn, "main"));
	*out = &d->head;
	return 0;
fail:
	sqlite3_close_v2(d->conn);
	free(d);
	return e ? e->code : LT_EDB;
}

static int sq_prepare(lt_db *db, const char *sql, bool cache, lt_stmt **out, lt_error *e)
{
	sq_db *d = (sq_db *)db;
	sq_stmt *s = NULL;
	char *text = NULL;
	int rc;
	unsigned b = lt_db_bucket(sql, CACHE_BUCKETS);

	*out = NULL;
	if (cache) {
		for (s = d->cache[b]; s; s = s->next) {
			if (s->key == sql) {
				sqlite3_reset(s->st);
				sqlite3_clear_bindings(s->st);
				*out = &s->head;
				return 0;
			}
		}
	}
	text = sq_translate(sql);
	s = calloc(1, sizeof(*s));
	if (!text || !s) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	rc = sqlite3_prepare_v3(d->conn, text, -1, cache ? SQLITE_PREPARE_PERSISTENT : 0, &s->st,
				NULL);
	if (rc != SQLITE_OK) {
		rc = sq_error(d->conn, rc, e);
		goto fail;
	}
	free(text);
	s->head.drv = &lt_sqlite_driver;
	s->head.db = db;
	s->cached = cache;
	if (cache) {
		s->key = sql;
		s->next = d->cache[b];
		d->cache[b] = s;
	}
	*out = &s->head;
	return 0;
fail:
	free(text);
	free(s);
	return rc;
}

static void sq_stmt_free(lt_stmt *st)
{
	sq_stmt *s = (sq_stmt *)st;

	if (s->cached) {
		sqlite3_reset(s->st);
		write_unlock_idle((sq_db *)st->db);
		return;
	}
	sqlite3_finalize(s->st);
	write_unlock_idle((sq_db *)st->db);
	free(s);
}

#define SQ(st) (((sq_stmt *)(st))->st)

static int bind_rc(int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	if (rc == SQLITE_RANGE)
		return LT_EINTERNAL; /* no such parameter: a bug in the caller */
	return rc == SQLITE_NOMEM ? LT_ENOMEM : LT_EINVAL;
}

static int sq_bind_int(lt_stmt *st, int idx, int64_t v)
{
	return bind_rc(sqlite3_bind_int64(SQ(st), idx, v));
}

static int sq_bind_double(lt_stmt *st, int idx, double v)
{
	return bind_rc(sqlite3_bind_double(SQ(st), idx, v));
}

static int sq_bind_textn(lt_stmt *st, int idx, const char *s, size_t n)
{
	return bind_rc(sqlite3_bind_text64(SQ(st), idx, s, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_blob(lt_stmt *st, int idx, const void *p, size_t n)
{
	return bind_rc(sqlite3_bind_blob64(SQ(st), idx, p, n, SQLITE_TRANSIENT));
}

static int sq_bind_null(lt_stmt *st, int idx)
{
	return bind_rc(sqlite3_bind_null(SQ(st), idx));
}

static int sq_step(lt_stmt *st, lt_error *e)
{
	sq_db *d = (sq_db *)st->db;
	bool ro = sqlite3_stmt_readonly(SQ(st));
	int rc;

	/* A write ends the read snapshot: it must see the latest data (sq_read_begin). */
	if (d->reading && !ro)
		sq_read_end(st->db);
	/* A write outside a transaction takes the lock for itself (write_lock above). */
	if (!d->writing && d->file && !ro && !sqlite3_stmt_busy(SQ(st)) &&
	    sqlite3_get_autocommit(d->conn)) {
		rc = write_lock(d, e);
		if (rc)
			return rc;
	}
	if (ro && !sqlite3_stmt_busy(SQ(st)) && sqlite3_get_autocommit(d->conn))
		atomic_fetch_add_explicit(&lone_reads, 1, memory_order_relaxed);
	rc = sqlite3_step(SQ(st));
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		write_unlock_idle(d); /* a write outside a transaction is committed at its end */
		return 0;
	}
	rc = sq_error(d->conn, rc, e);
	sqlite3_reset(SQ(st));
	write_unlock_idle(d);
	return rc;
}

static bool sq_is_null(lt_stmt *st, int col)
{
	return sqlite3_column_type(SQ(st), col) == SQLITE_NULL;
}

static int64_t sq_col_int(lt_stmt *st, int col)
{
	return sqlite3_column_int64(SQ(st), col);
}

static double sq_col_double(lt_stmt *st, int col)
{
	return sqlite3_column_double(SQ(st), col);
}

static const char *sq_col_text(lt_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(SQ(st), col);
}

static const void *sq_col_blob(lt_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(SQ(st), col);
	*n = (size_t)sqlite3_column_bytes(SQ(st), col);
	return p;
}

static int sq_columns(lt_stmt *st)
{
	return sqlite3_column_count(SQ(st));
}

static void sq_done(lt_stmt *st)
{
	sqlite3_reset(SQ(st));
	write_unlock_idle((sq_db *)st->db);
}

static int64_t sq_changes(lt_db *db)
{
	return sqlite3_changes64(((sq_db *)db)->conn);
}

static int sq_backup(lt_db *db, const char *path, lt_error *e)
{
	sq_db *d = (sq_db *)db;
	sqlite3 *dst = NULL;
	sqlite3_backup *bk = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		rc = lt_error_set(e, LT_EIO, "file", "Không tạo được tệp sao lưu %s",
				  "Cannot create backup file %s", path);
		goto out;
	}
	bk = sqlite3_backup_init(dst, "main", d->conn, "main");
	if (!bk) {
		rc = sq_error(dst, SQLITE_ERROR, e);
		goto out;
	}
	/* Copy in steps so writers are not blocked for the whole copy. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	rc = rc == SQLITE_DONE ? 0 : sq_error(dst, rc, e);
out:
	sqlite3_close_v2(dst);
	return rc;
}

static bool sq_in_tx(lt_db *db)
{
	return !sqlite3_get_autocommit(((sq_db *)db)->conn);
}

const lt_db_driver lt_sqlite_driver = {
	.scheme = "sqlite",
	.dialect = LT_DIALECT_SQLITE,
	.begin_sql = "BEGIN IMMEDIATE",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.stmt_free = sq_stmt_free,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_textn = sq_bind_textn,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.is_null = sq_is_null,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.columns = sq_columns,
	.done = sq_done,
	.changes = sq_changes,
	.backup = sq_backup,
	.in_tx = sq_in_tx,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.stamp = sq_stamp,
};
