/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/sqlite/sqlite_db.c's write lock: threads of one process
 * writing the same file, in transactions and outside them, all get through
 * without one sleep in SQLite's busy handler (they wait on the file's lock and
 * are woken when it is free), every row is kept, and a write held past the
 * busy timeout still fails LT_EBUSY rather than hanging.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <cmocka.h>

#include "store/db.h"

#define THREADS 6
#define ROUNDS 150

static char path[64];

typedef struct {
	int n;
	int failed;
	char why[512];
} worker;

static void *writer(void *arg)
{
	worker *w = arg;
	lt_db *db = NULL;
	lt_error e;
	char url[96];

	snprintf(url, sizeof(url), "sqlite:%s", path);
	if (lt_db_open(url, &db, &e)) {
		w->failed++;
		snprintf(w->why, sizeof(w->why), "open: %s", e.en);
		return NULL;
	}
	for (int i = 0; i < ROUNDS; i++) {
		int rc;
		if (w->n % 2) { /* odd threads: outside a transaction, one statement at a time */
			rc = lt_db_run(db, "INSERT INTO t(who, i) VALUES ($1, $2)", &e, LT_I(w->n), LT_I(i));
		} else { /* even threads: two writes in one transaction */
			rc = lt_db_begin(db, &e);
			if (!rc)
				rc = lt_db_run(db, "INSERT INTO t(who, i) VALUES ($1, $2)", &e, LT_I(w->n), LT_I(i));
			if (!rc)
				rc = lt_db_run_args(db, "UPDATE c SET n = n + 1", &e, NULL, 0);
			rc = lt_db_end(db, rc, &e);
		}
		if (rc) {
			w->failed++;
			snprintf(w->why, sizeof(w->why), "round %d: %s", i, e.en);
		}
	}
	lt_db_close(db);
	return NULL;
}

static int64_t scalar(lt_db *db, const char *sql)
{
	int64_t n = -1;
	lt_error e;

	if (lt_db_int_args(db, sql, &n, &e, NULL, 0) != 1)
		fail_msg("%s: %s", sql, e.en);
	return n;
}

static lt_db *fresh(void)
{
	lt_db *db = NULL;
	lt_error e;
	char url[96];

	snprintf(path, sizeof(path), "/tmp/lt-sqlite-lock-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	if (lt_db_open(url, &db, &e))
		fail_msg("%s", e.en);
	if (lt_db_exec(db, "CREATE TABLE t(who BIGINT, i BIGINT, UNIQUE(who, i));"
			   "CREATE TABLE c(n BIGINT); INSERT INTO c VALUES (0)", &e))
		fail_msg("%s", e.en);
	return db;
}

static void cleanup(lt_db *db)
{
	char side[80];

	lt_db_close(db);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static void test_writers_never_sleep_in_the_busy_handler(void **state)
{
	pthread_t th[THREADS];
	worker w[THREADS];
	lt_db *db = fresh();
	long long sleeps = lt_db_busy_sleeps(), waits = lt_db_write_waits();

	(void)state;
	for (int i = 0; i < THREADS; i++) {
		w[i] = (worker){ .n = i };
		assert_int_equal(pthread_create(&th[i], NULL, writer, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		if (w[i].failed)
			fail_msg("thread %d: %d failed writes, last %s", i, w[i].failed, w[i].why);
	}
	assert_int_equal(scalar(db, "SELECT count(*) FROM t"), THREADS * ROUNDS);
	assert_int_equal(scalar(db, "SELECT n FROM c"), (THREADS / 2) * ROUNDS);
	assert_int_equal(lt_db_busy_sleeps() - sleeps, 0);
	/* They did meet: the lock made them wait for each other, and woke them. */
	assert_true(lt_db_write_waits() - waits > 0);
	cleanup(db);
}

static void *hold(void *arg)
{
	lt_db *db = arg;
	lt_error e;

	if (lt_db_begin(db, &e))
		return (void *)1;
	sleep(11); /* past the 10 s busy timeout */
	return lt_db_end(db, 0, &e) ? (void *)1 : NULL;
}

static void test_a_writer_held_past_the_timeout_is_busy_not_hung(void **state)
{
	lt_db *db = fresh(), *other = NULL;
	lt_error e;
	pthread_t th;
	void *ret;
	char url[96];

	(void)state;
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(lt_db_open(url, &other, &e), 0);
	assert_int_equal(pthread_create(&th, NULL, hold, other), 0);
	usleep(200 * 1000);
	int rc = lt_db_run_args(db, "INSERT INTO t(who, i) VALUES (1, 1)", &e, NULL, 0);
	assert_int_equal(rc, LT_EBUSY);
	assert_non_null(strstr(e.vi, "bận"));
	pthread_join(th, &ret);
	assert_null(ret);
	/* Free again: the same write goes through. */
	assert_int_equal(lt_db_run_args(db, "INSERT INTO t(who, i) VALUES (1, 1)", &e, NULL, 0), 0);
	lt_db_close(other);
	cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers_never_sleep_in_the_busy_handler),
		cmocka_unit_test(test_a_writer_held_past_the_timeout_is_busy_not_hung),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
