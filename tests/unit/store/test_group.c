/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/group.c (group commit, SQLite): jobs queued while the
 * writer is busy run together in the next batch (one transaction); a job whose
 * transaction fails undoes only its own writes while the others of its batch
 * are committed; a batch whose COMMIT fails fails every job in it and keeps
 * none of their writes, and the next batch starts clean.
 *
 * Submitted jobs (lt_group_submit, no caller waiting) are told their result
 * once, after their batch's COMMIT, in the same batch as waiting callers'
 * jobs; one queued past its deadline is never run and is told LT_EBUSY; a
 * stopped group refuses new jobs.
 *
 * To make a batch deterministic, a first job holds the writer until the
 * others are queued behind it (lt_group_get_stats: queued).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/group.h"

typedef struct fx {
	lt_db *db;
	lt_group *g;
} fx;

static int setup(void **state)
{
	static fx f;
	lt_error e;

	memset(&f, 0, sizeof(f));
	assert_int_equal(lt_db_open("sqlite::memory:", &f.db, &e), 0);
	if (lt_db_exec(f.db,
		       "CREATE TABLE p(id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);"
		       "CREATE TABLE c(id INTEGER PRIMARY KEY, p_id BIGINT"
		       " REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);"
		       "INSERT INTO p(v) VALUES ('taken')",
		       &e))
		fail_msg("%s", e.en);
	assert_int_equal(lt_group_open(f.db, 64, &f.g, &e), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	lt_group_close(f->g);
	lt_db_close(f->db);
	return 0;
}

/* ---------- jobs ---------- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool holding, released;

/* The first job: tells the test it runs, then waits to be let go. */
static int hold(lt_db *db, void *arg)
{
	(void)db;
	(void)arg;
	pthread_mutex_lock(&mu);
	holding = true;
	pthread_cond_broadcast(&cv);
	while (!released)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	return 0;
}

typedef struct ins {
	const char *v;      /* insert into p */
	const char *also;   /* and first, in the same transaction, this (NULL: none) */
	int64_t bad_parent; /* or insert into c with this p_id (deferred: fails at COMMIT) */
	lt_error e;
	int rc;
	lt_group *g;
} ins;

/* A request-like job: its own transaction around its writes, as the app's are. */
static int insert(lt_db *db, void *arg)
{
	ins *in = arg;
	int rc = lt_db_begin(db, &in->e);

	if (rc)
		return rc;
	if (in->also)
		rc = lt_db_run(db, "INSERT INTO p(v) VALUES ($1)", &in->e, LT_T(in->also));
	if (!rc && in->bad_parent)
		rc = lt_db_run(db, "INSERT INTO c(p_id) VALUES ($1)", &in->e, LT_I(in->bad_parent));
	else if (!rc)
		rc = lt_db_run(db, "INSERT INTO p(v) VALUES ($1)", &in->e, LT_T(in->v));
	return lt_db_end(db, rc, &in->e);
}

static void *submit(void *arg)
{
	ins *in = arg;
	lt_error e;

	in->rc = lt_group_run(in->g, insert, in, 30000, &e);
	if (in->rc == LT_EBUSY)
		in->e = e;
	return NULL;
}

static void *submit_hold(void *arg)
{
	lt_error e;

	return (void *)(intptr_t)lt_group_run(arg, hold, NULL, 30000, &e);
}

/* Run the jobs as one batch: all queued behind a held first job. */
static void run_batch_of(lt_group *g, ins *jobs, int n)
{
	pthread_t h, t[16];
	lt_group_stats st;
	void *hrc;

	holding = released = false;
	assert_int_equal(pthread_create(&h, NULL, submit_hold, g), 0);
	pthread_mutex_lock(&mu);
	while (!holding)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < n; i++) {
		jobs[i].g = g;
		assert_int_equal(pthread_create(&t[i], NULL, submit, &jobs[i]), 0);
	}
	do { /* wait until all are queued behind the held job */
		usleep(1000);
		lt_group_get_stats(g, &st);
	} while (st.queued < n);
	pthread_mutex_lock(&mu);
	released = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	assert_int_equal(pthread_join(h, &hrc), 0);
	assert_int_equal((int)(intptr_t)hrc, 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
}

static int64_t count(lt_db *db, const char *v)
{
	int64_t n = -1;
	lt_error e;

	if (lt_db_int(db, "SELECT count(*) FROM p WHERE v = $1", &n, &e, LT_T(v)) != 1)
		fail_msg("%s", e.en);
	return n;
}

/* ---------- tests ---------- */

static void one_failure_fails_only_its_request(void **state)
{
	fx *f = *state;
	ins jobs[5] = {
		{ .v = "a" }, { .v = "b" },
		{ .v = "taken", .also = "c-half" }, /* UNIQUE at the SQL level, after a good insert */
		{ .v = "d" }, { .v = "e" },
	};
	lt_group_stats st;

	run_batch_of(f->g, jobs, 5);
	lt_group_get_stats(f->g, &st);
	assert_int_equal(st.batches, 2); /* the held job, then the five together */
	assert_int_equal(st.largest, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(jobs[i].rc, i == 2 ? LT_EEXIST : 0);
	assert_string_equal(jobs[2].e.field, "v");
	assert_int_equal(count(f->db, "a"), 1);
	assert_int_equal(count(f->db, "b"), 1);
	assert_int_equal(count(f->db, "d"), 1);
	assert_int_equal(count(f->db, "e"), 1);
	assert_int_equal(count(f->db, "c-half"), 0); /* its own first write is undone too */
	assert_int_equal(count(f->db, "taken"), 1);
	assert_false(lt_db_in_tx(f->db));
}

static void failed_commit_fails_the_whole_batch(void **state)
{
	fx *f = *state;
	ins jobs[3] = { { .v = "x" }, { .bad_parent = 999 }, { .v = "y" } };
	ins after = { .v = "z" };
	lt_error e;

	run_batch_of(f->g, jobs, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(jobs[i].rc, LT_EBUSY); /* nobody is told "saved" */
		assert_non_null(strstr(jobs[i].e.en, "Not saved"));
	}
	assert_int_equal(count(f->db, "x"), 0);
	assert_int_equal(count(f->db, "y"), 0);
	/* The next batch starts clean. */
	after.g = f->g;
	assert_int_equal(lt_group_run(f->g, insert, &after, 30000, &e), 0);
	assert_int_equal(count(f->db, "z"), 1);
}

static void a_lone_job_commits_at_once(void **state)
{
	fx *f = *state;
	ins one = { .v = "solo", .g = f->g };
	lt_group_stats st;
	lt_error e;

	assert_int_equal(lt_group_run(f->g, insert, &one, 30000, &e), 0);
	lt_group_get_stats(f->g, &st);
	assert_int_equal(st.batches, 1);
	assert_int_equal(st.jobs, 1);
	assert_int_equal(count(f->db, "solo"), 1);
}

typedef struct told {
	int calls, rc;
	int64_t seen; /* count(*) of the job's row seen by another connection when told */
	const char *v;
	lt_db *other;
} told;

static void on_done(void *arg, int rc)
{
	told *t = arg;
	lt_error e;

	t->calls++;
	t->rc = rc;
	/* Told after the COMMIT: another connection already sees the row. */
	if (t->other && lt_db_int(t->other, "SELECT count(*) FROM p WHERE v = $1", &t->seen, &e,
				  LT_T(t->v)) != 1)
		t->seen = -1;
}

static int insert_told(lt_db *db, void *arg)
{
	told *t = arg;
	lt_error e;

	return lt_db_run(db, "INSERT INTO p(v) VALUES ($1)", &e, LT_T(t->v));
}

static void submitted_jobs_are_told_after_their_commit(void **state)
{
	lt_db *db = NULL, *other = NULL;
	lt_group *g = NULL;
	lt_group_job jobs[4];
	told t[4] = { { .v = "s1" }, { .v = "s2" }, { .v = "taken" }, { .v = "late" } };
	told after = { .v = "after" };
	char side[64];
	lt_group_stats st;
	pthread_t h;
	void *hrc;
	char path[] = "/tmp/lantoa-group-XXXXXX";
	char url[64];
	lt_error e;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(lt_db_open(url, &db, &e), 0);
	assert_int_equal(lt_db_open(url, &other, &e), 0);
	assert_int_equal(lt_db_exec(db, "CREATE TABLE p(id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);"
				    "INSERT INTO p(v) VALUES ('taken')", &e), 0);
	assert_int_equal(lt_group_open(db, 64, &g, &e), 0);
	holding = released = false;
	assert_int_equal(pthread_create(&h, NULL, submit_hold, g), 0);
	pthread_mutex_lock(&mu);
	while (!holding)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < 4; i++) {
		t[i].other = other;
		/* The last one may wait 0 ms: it is past its deadline when the writer comes to it. */
		assert_int_equal(lt_group_submit(g, &jobs[i], insert_told, on_done, &t[i],
						 i == 3 ? 0 : 30000, &e), 0);
	}
	usleep(5000);
	for (int i = 0; i < 4; i++)
		assert_int_equal(t[i].calls, 0); /* nothing told while the writer is held */
	pthread_mutex_lock(&mu);
	released = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	assert_int_equal(pthread_join(h, &hrc), 0);
	/* Stopping runs what is queued and joins the writer: every job has been told. */
	lt_group_stop(g);
	lt_group_get_stats(g, &st);
	assert_int_equal(st.batches, 2); /* the held job, then the three in time together */
	assert_int_equal(st.largest, 3);
	for (int i = 0; i < 4; i++)
		assert_int_equal(t[i].calls, 1);
	assert_int_equal(t[0].rc, 0);
	assert_int_equal(t[0].seen, 1);
	assert_int_equal(t[1].rc, 0);
	assert_int_equal(t[1].seen, 1);
	assert_int_equal(t[2].rc, LT_EEXIST); /* fails alone */
	assert_int_equal(t[3].rc, LT_EBUSY);  /* never run */
	assert_int_equal(t[3].seen, 0);
	/* Stopped: refused at once, never told. */
	assert_int_equal(lt_group_submit(g, &jobs[0], insert_told, on_done, &after, 30000, &e),
			 LT_EBUSY);
	assert_int_equal(after.calls, 0);
	lt_group_close(g);
	lt_db_close(other);
	lt_db_close(db);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_failure_fails_only_its_request, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_commit_fails_the_whole_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(a_lone_job_commits_at_once, setup, teardown),
		cmocka_unit_test(submitted_jobs_are_told_after_their_commit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
