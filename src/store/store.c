/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store.c — connection pools and migrations runner; see store.h.
 *
 * A pool hands out whole connections. A connection whose server went away
 * stays in the pool: its driver notices at the next use and connects again
 * (PostgreSQL: pg_db.c), so the pool needs no health checks of its own.
 */
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/migrations.h"

typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	int nfree;
	lt_db **all;
	lt_db **free;
} pool;

struct lt_store {
	pool w;        /* the primary: writes, and reads that must see them */
	pool r;        /* --db-read: a replica for reads that may lag (n == 0: none) */
};

int lt_store_schema_version(lt_db *db)
{
	lt_stmt *st = NULL;
	int v = 0;

	if (lt_db_prepare_once(db, "SELECT max(version) FROM schema_migration", &st, NULL))
		return 0;
	if (lt_stmt_step(st, NULL) == 1)
		v = (int)lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return v;
}

/* 1 when migration version is applied, 0 when not, -1 on error. */
static int applied(lt_db *db, int version)
{
	lt_stmt *st = NULL;
	int rc;

	if (lt_db_prepare(db, "SELECT 1 FROM schema_migration WHERE version = $1", &st, NULL))
		return -1;
	lt_stmt_bind_int(st, 1, version);
	rc = lt_stmt_step(st, NULL);
	lt_stmt_done(st);
	return rc < 0 ? -1 : rc;
}

int lt_store_migrate(lt_db *db, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc, have;

	rc = lt_db_exec(db,
			"CREATE TABLE IF NOT EXISTS schema_migration ("
			" version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
			e);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* Two nodes starting at once: the second waits here for the first's migrations
	 * (SQLite's BEGIN IMMEDIATE already waits for the write lock). */
	if (lt_db_dialect(db) == LT_DIALECT_POSTGRES) {
		rc = lt_db_exec(db, "LOCK TABLE schema_migration IN EXCLUSIVE MODE", e);
		if (rc)
			goto fail;
	}
	for (size_t i = 0; i < lt_migrations_count; i++) {
		const lt_migration *m = &lt_migrations[i];
		/* Applied by version, not "newer than the newest": features land in any order. */
		have = applied(db, m->version);
		if (have < 0) {
			rc = lt_error_set(e, LT_EDB, NULL, "Không đọc được phiên bản CSDL",
					  "Cannot read the schema version");
			goto fail;
		}
		if (have)
			continue;
		/* The drivers expand the SQL's dialect tokens ({{ID}}: db_driver.h). */
		rc = lt_db_exec(db, m->sql, e);
		if (rc) {
			lt_error why = { 0 };
			if (e)
				why = *e;
			lt_error_set(e, rc, why.field, "Lần chuyển đổi CSDL %d (%s) thất bại: %s",
				     "Migration %d (%s) failed: %s", m->version, m->name, why.en);
			goto fail;
		}
		rc = lt_db_prepare_once(db,
					"INSERT INTO schema_migration(version, name, applied_at)"
					" VALUES ($1, $2, $3)",
					&st, e);
		if (rc)
			goto fail;
		lt_stmt_bind_int(st, 1, m->version);
		lt_stmt_bind_text(st, 2, m->name);
		lt_stmt_bind_int(st, 3, lt_now());
		rc = lt_stmt_run(st, e);
		lt_stmt_free(st);
		st = NULL;
		if (rc)
			goto fail;
	}
fail:
	return lt_db_end(db, rc, e);
}

/* Open nconn connections to url into p; the first, with migrate, brings the schema up to date. */
static int pool_open(pool *p, const char *url, int nconn, bool migrate, lt_error *e)
{
	int rc = 0;

	if (nconn < 1)
		nconn = 1;
	p->all = calloc((size_t)nconn, sizeof(*p->all));
	p->free = calloc((size_t)nconn, sizeof(*p->free));
	if (!p->all || !p->free)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int i = 0; i < nconn; i++) {
		rc = lt_db_open(url, &p->all[i], e);
		if (rc)
			return rc;
		p->n++;
		if (i == 0 && migrate) {
			rc = lt_store_migrate(p->all[0], e);
			if (rc)
				return rc;
		}
		p->free[p->nfree++] = p->all[i];
	}
	return 0;
}

static void pool_close(pool *p)
{
	for (int i = 0; i < p->n; i++)
		lt_db_close(p->all[i]);
	free(p->all);
	free(p->free);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
}

int lt_store_open(const char *url, int nconn, lt_store **out, lt_error *e)
{
	lt_store *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	pthread_mutex_init(&s->w.mu, NULL);
	pthread_cond_init(&s->w.cv, NULL);
	pthread_mutex_init(&s->r.mu, NULL);
	pthread_cond_init(&s->r.cv, NULL);
	rc = pool_open(&s->w, url, nconn, true, e);
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	lt_store_close(s);
	return rc;
}

int lt_store_open_read(lt_store *s, const char *url, int nconn, lt_error *e)
{
	if (s->r.n)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Đã có kết nối đọc",
				    "The read connections are already open");
	return pool_open(&s->r, url, nconn, false, e);
}

bool lt_store_has_read(const lt_store *s)
{
	return s->r.n > 0;
}

void lt_store_close(lt_store *s)
{
	if (!s)
		return;
	pool_close(&s->w);
	pool_close(&s->r);
	free(s);
}

static lt_db *pool_take(pool *p)
{
	lt_db *db;

	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

lt_db *lt_store_acquire(lt_store *s)
{
	return pool_take(&s->w);
}

lt_db *lt_store_acquire_read(lt_store *s)
{
	return s->r.n ? pool_take(&s->r) : pool_take(&s->w);
}

void lt_store_release(lt_store *s, lt_db *db)
{
	pool *p = &s->w;

	for (int i = 0; i < s->r.n; i++)
		if (s->r.all[i] == db)
			p = &s->r;
	if (lt_db_in_tx(db)) {
		/* A handler left a transaction open: never let it leak into the next request. */
		while (lt_db_in_tx(db))
			lt_ignore(lt_db_end(db, LT_EINTERNAL, NULL));
	}
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
