/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pg.h — the database a store unit test opens: SQLite in memory, or, when
 * LANTOA_TEST_PG holds a PostgreSQL URL (scripts/pg-test.sh start prints
 * one), a schema of that database made for this one test. The connection's
 * search_path is set in its URL (?options=-csearch_path=…), so it lasts
 * across a reconnection, and every table the test makes, migrations
 * included, lands in the fresh schema. The schemas are dropped when the test
 * program exits. Test code only.
 *
 *   assert_int_equal(lt_test_db_open(&db, &e), 0);
 */
#ifndef LT_TEST_PG_H
#define LT_TEST_PG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

#define LT_TEST_SCHEMAS_MAX 512

static char lt_test_schema[LT_TEST_SCHEMAS_MAX][32];
static int lt_test_nschema;

/* The PostgreSQL URL under test, or NULL when the tests run on SQLite. */
static inline const char *lt_test_pg_url(void)
{
	const char *url = getenv("LANTOA_TEST_PG");

	return url && *url ? url : NULL;
}

static inline void lt_test_drop_schemas(void)
{
	lt_db *db = NULL;
	char sql[96];

	if (lt_db_open(lt_test_pg_url(), &db, NULL))
		return;
	/* A connection the test left open could hold a lock: do not wait for ever. */
	lt_ignore(lt_db_exec(db, "SET lock_timeout = '10s'", NULL));
	for (int i = 0; i < lt_test_nschema; i++) {
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %.31s CASCADE", lt_test_schema[i]);
		lt_ignore(lt_db_exec(db, sql, NULL));
	}
	lt_db_close(db);
}

/* The URL of the database to test on, in url (cap bytes): a fresh schema on PostgreSQL. */
static inline int lt_test_db_url(char *url, size_t cap, lt_error *e)
{
	const char *pg = lt_test_pg_url();
	lt_db *admin = NULL;
	char sql[96], *name;
	int rc;

	if (!pg) {
		snprintf(url, cap, "sqlite::memory:");
		return 0;
	}
	if (lt_test_nschema == LT_TEST_SCHEMAS_MAX)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Quá nhiều lược đồ thử",
				    "Too many test schemas");
	name = lt_test_schema[lt_test_nschema];
	snprintf(name, sizeof(lt_test_schema[0]), "t%ld_%d", (long)getpid(), lt_test_nschema);
	rc = lt_db_open(pg, &admin, e);
	if (rc)
		return rc;
	snprintf(sql, sizeof(sql), "CREATE SCHEMA %.31s", name);
	rc = lt_db_exec(admin, sql, e);
	lt_db_close(admin);
	if (rc)
		return rc;
	if (lt_test_nschema++ == 0)
		atexit(lt_test_drop_schemas);
	snprintf(url, cap, "%s%soptions=-csearch_path%%3D%s", pg, strchr(pg, '?') ? "&" : "?",
		 name);
	return 0;
}

/* Open the database a test runs on (see above). */
static inline int lt_test_db_open(lt_db **out, lt_error *e)
{
	char url[1024];
	int rc = lt_test_db_url(url, sizeof(url), e);

	*out = NULL;
	return rc ? rc : lt_db_open(url, out, e);
}

#endif
