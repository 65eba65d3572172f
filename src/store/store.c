/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* store.c — connection pool and migrations runner; see store.h. */
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/migrations.h"

struct lt_store {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	int nfree;
	lt_db **all;
	lt_db **free;
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

int lt_store_open(const char *url, int nconn, lt_store **out, lt_error *e)
{
	lt_store *s = calloc(1, sizeof(*s));
	int rc = 0;

	*out = NULL;
	if (!s)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (nconn < 1)
		nconn = 1;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->all = calloc((size_t)nconn, sizeof(*s->all));
	s->free = calloc((size_t)nconn, sizeof(*s->free));
	if (!s->all || !s->free) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	for (int i = 0; i < nconn; i++) {
		rc = lt_db_open(url, &s->all[i], e);
		if (rc)
			goto fail;
		s->n++;
		if (i == 0) {
			rc = lt_store_migrate(s->all[0], e);
			if (rc)
				goto fail;
		}
		s->free[s->nfree++] = s->all[i];
	}
	*out = s;
	return 0;
fail:
	lt_store_close(s);
	return rc;
}

void lt_store_close(lt_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		lt_db_close(s->all[i]);
	free(s->all);
	free(s->free);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

lt_db *lt_store_acquire(lt_store *s)
{
	lt_db *db;

	pthread_mutex_lock(&s->mu);
	while (s->nfree == 0)
		pthread_cond_wait(&s->cv, &s->mu);
	db = s->free[--s->nfree];
	pthread_mutex_unlock(&s->mu);
	return db;
}

void lt_store_release(lt_store *s, lt_db *db)
{
	if (lt_db_in_tx(db)) {
		/* A handler left a transaction open: never let it leak into the next request. */
		while (lt_db_in_tx(db))
			lt_ignore(lt_db_end(db, LT_EINTERNAL, NULL));
	}
	pthread_mutex_lock(&s->mu);
	s->free[s->nfree++] = db;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}
