/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/group.c (group commit, SQLite and PostgreSQL): jobs queued while the
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
 *
 * With LANTOA_TEST_PG set (suite "store", run again as unit-pg) the same tests
 * run on PostgreSQL, and three more that only it has: a statement that fails
 * outside its job's own transaction (PostgreSQL aborts the job's savepoint)
 * fails only that job, and a job that ignored such a failure is not told
 * "saved"; a batch whose connection is lost fails every job in it and the next
 * batch runs on a new connection; a job of the batch that deadlocks with
 * another connection fails alone (LT_EBUSY) and the rest of its batch commits.
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
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	lt_group *g;
} fx;

static int setup(void **state)
{
	static fx f;
	lt_error e;

	memset(&f, 0, sizeof(f));
	assert_int_equal(lt_test_db_open(&f.db, &e), 0);
	if (lt_db_exec(f.db,
		       "CREATE TABLE p(id {{ID}}, v TEXT NOT NULL UNIQUE);"
		       "CREATE TABLE c(id {{ID}}, p_id BIGINT"
		       " REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);"
		       "INSERT INTO p(v) VALUES ('taken'), ('r1'), ('r2')",
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
	const char *bare;   /* PostgreSQL: first, outside its transaction, run this */
	bool ignore;        /* and return 0 when it fails, as if it had not */
	bool more;          /* with ignore: and go on with the insert instead */
	const char *lock;   /* in its transaction, first lock p's row v = lock (UPDATE) */
	lt_error e;
	int rc;
	lt_group *g;
} ins;

/* A request-like job: its own transaction around its writes, as the app's are. */
static int insert(lt_db *db, void *arg)
{
	ins *in = arg;
	int rc = 0;

	if (in->bare)
		rc = lt_db_exec(db, in->bare, &in->e);
	if (rc && !in->ignore)
		return rc;
	if (rc && !in->more)
		return 0;
	rc = lt_db_begin(db, &in->e);
	if (rc)
		return rc;
	if (in->lock)
		rc = lt_db_run(db, "UPDATE p SET v = v WHERE v = $1", &in->e, LT_T(in->lock));
	if (!rc && in->also)
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

	lt_error_clear(&e);
	in->rc = lt_group_run(in->g, insert, in, 30000, &e);
	if (e.code) /* the group's own error (the batch failed), not the job's */
		in->e = e;
	return NULL;
}

static void *submit_hold(void *arg)
{
	lt_error e;

	return (void *)(intptr_t)lt_group_run(arg, hold, NULL, 30000, &e);
}

/* Queue n jobs (size bytes each, run by start on a thread of their own, t[i])
 * behind a held first job (*h), in order, then let the writer go: they run as
 * one batch. join_batch waits for them all. */
static void start_batch(lt_group *g, void *(*start)(void *), void *jobs, size_t size, int n,
			pthread_t *h, pthread_t *t)
{
	lt_group_stats st;

	holding = released = false;
	assert_int_equal(pthread_create(h, NULL, submit_hold, g), 0);
	pthread_mutex_lock(&mu);
	while (!holding)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < n; i++) {
		assert_int_equal(pthread_create(&t[i], NULL, start, (char *)jobs + (size_t)i * size), 0);
		do { /* queued in this order */
			usleep(1000);
			lt_group_get_stats(g, &st);
		} while (st.queued < i + 1);
	}
	pthread_mutex_lock(&mu);
	released = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void join_batch(pthread_t h, pthread_t *t, int n)
{
	void *hrc;

	assert_int_equal(pthread_join(h, &hrc), 0);
	assert_int_equal((int)(intptr_t)hrc, 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
}

/* Run the jobs as one batch: all queued behind a held first job. */
static void run_batch_of(lt_group *g, ins *jobs, int n)
{
	pthread_t h, t[16];

	for (int i = 0; i < n; i++)
		jobs[i].g = g;
	start_batch(g, submit, jobs, sizeof(*jobs), n, &h, t);
	join_batch(h, t, n);
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
	char url[1024];
	lt_error e;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	/* Two connections to one database: a file on SQLite, a fresh schema on PostgreSQL. */
	if (lt_test_pg_url())
		assert_int_equal(lt_test_db_url(url, sizeof(url), &e), 0);
	else
		snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(lt_db_open(url, &db, &e), 0);
	assert_int_equal(lt_db_open(url, &other, &e), 0);
	assert_int_equal(lt_db_exec(db, "CREATE TABLE p(id {{ID}}, v TEXT NOT NULL UNIQUE);"
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

/* ---------- PostgreSQL only ---------- */

#define NEED_PG()                                                    \
	do {                                                         \
		if (!lt_test_pg_url()) {                             \
			print_message("# LANTOA_TEST_PG is not set\n"); \
			skip();                                      \
		}                                                    \
	} while (0)

/* PostgreSQL aborts the job's savepoint at a failed statement outside the job's
 * own transaction; SQLite would have undone the statement alone. */
static void a_bare_failure_fails_only_its_job(void **state)
{
	fx *f = *state;
	ins jobs[5] = {
		{ .v = "f1" },
		/* its own error (409 naming the field), its writes undone, the batch goes on */
		{ .v = "f2", .bare = "INSERT INTO p(v) VALUES ('taken')" },
		/* failed and carried on as if saved: never told "saved", nothing of it kept */
		{ .v = "f3", .bare = "INSERT INTO p(v) VALUES ('taken')", .ignore = true },
		/* failed and carried on: its next statement fails on PostgreSQL (the job's
		 * savepoint is aborted), its own error, not "saved" */
		{ .v = "f5", .bare = "INSERT INTO p(v) VALUES ('taken')", .ignore = true, .more = true },
		{ .v = "f4" },
	};

	NEED_PG();
	run_batch_of(f->g, jobs, 5);
	assert_int_equal(jobs[0].rc, 0);
	assert_int_equal(jobs[1].rc, LT_EEXIST);
	assert_string_equal(jobs[1].e.field, "v");
	assert_int_equal(jobs[2].rc, LT_EBUSY);
	assert_int_equal(jobs[3].rc, LT_EDB);
	assert_int_equal(jobs[4].rc, 0);
	assert_int_equal(count(f->db, "f1"), 1);
	assert_int_equal(count(f->db, "f2"), 0);
	assert_int_equal(count(f->db, "f3"), 0);
	assert_int_equal(count(f->db, "f5"), 0);
	assert_int_equal(count(f->db, "f4"), 1);
	assert_int_equal(count(f->db, "taken"), 1);
}

/* The server ends the writer's connection mid-batch (as a restart or a failover
 * does): no job of the batch is told "saved", none of their writes is kept, and
 * the next batch runs on a new connection, without anyone reopening the group. */
static void a_lost_connection_fails_the_batch_and_the_writer_reconnects(void **state)
{
	fx *f = *state;
	ins jobs[4] = {
		{ .v = "k1" },
		{ .v = "k2" },
		{ .v = "k3", .bare = "SELECT pg_terminate_backend(pg_backend_pid())" },
		{ .v = "k4" },
	};
	ins after = { .v = "k5" };
	int64_t pid0 = 0, pid1 = 0;
	lt_error e;

	NEED_PG();
	assert_int_equal(lt_db_int(f->db, "SELECT pg_backend_pid()", &pid0, &e), 1);
	run_batch_of(f->g, jobs, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(jobs[i].rc, LT_EBUSY);
	after.g = f->g;
	assert_int_equal(lt_group_run(f->g, insert, &after, 30000, &e), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(count(f->db, jobs[i].v), 0);
	assert_int_equal(count(f->db, "k5"), 1);
	assert_int_equal(lt_db_int(f->db, "SELECT pg_backend_pid()", &pid1, &e), 1);
	assert_true(pid1 != pid0);
}

/* Another node's transaction and a job of this node's batch wait for each
 * other: PostgreSQL cancels the statement that found the deadlock (the job's,
 * which waited first), inside the job's savepoint; that job alone fails, busy,
 * and the rest of its batch commits. */
static void a_deadlocked_job_fails_alone(void **state)
{
	fx *f = *state;
	ins jobs[3] = { { .lock = "r1", .v = "d1" }, { .lock = "r2", .v = "d2" },
			{ .lock = "taken", .v = "d3" } };
	lt_db *other = NULL, *watch = NULL;
	char url[1024];
	pthread_t h, t[3];
	int64_t waiting = 0, writer = 0;
	lt_error e;

	NEED_PG();
	/* The writer's backend, and the other node: its own connection to the same schema. */
	assert_int_equal(lt_db_int(f->db, "SELECT pg_backend_pid()", &writer, &e), 1);
	{
		lt_stmt *s = NULL;
		assert_int_equal(lt_db_prepare(f->db, "SELECT current_schema()", &s, &e), 0);
		assert_int_equal(lt_stmt_step(s, &e), 1);
		snprintf(url, sizeof(url), "%s%soptions=-csearch_path%%3D%s", lt_test_pg_url(),
			 strchr(lt_test_pg_url(), '?') ? "&" : "?", lt_stmt_text(s, 0));
		lt_stmt_done(s);
	}
	assert_int_equal(lt_db_open(url, &other, &e), 0);
	assert_int_equal(lt_db_open(url, &watch, &e), 0);
	assert_int_equal(lt_db_begin(other, &e), 0);
	assert_int_equal(lt_db_run(other, "UPDATE p SET v = v WHERE v = 'r2'", &e), 0);
	/* The batch: d1 locks r1, d2 waits for r2 (the other node's), d3 after it. */
	for (int i = 0; i < 3; i++)
		jobs[i].g = f->g;
	start_batch(f->g, submit, jobs, sizeof(*jobs), 3, &h, t);
	do { /* d2 is waiting for the other node's lock */
		usleep(10000);
		assert_int_equal(lt_db_int(watch,
					   "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = $1",
					   &waiting, &e, LT_I(writer)),
				 1);
	} while (waiting == 0);
	/* The other node now waits for r1 (d1's): a cycle. d2 waited first, so its
	 * deadlock check (deadlock_timeout after it began waiting) finds it. This
	 * returns once the batch committed and released r1. */
	if (lt_db_run(other, "UPDATE p SET v = v WHERE v = 'r1'", &e))
		fail_msg("the other node: %s", e.en);
	assert_int_equal(lt_db_end(other, 0, &e), 0);
	join_batch(h, t, 3);
	assert_int_equal(jobs[0].rc, 0);
	assert_int_equal(jobs[1].rc, LT_EBUSY);
	assert_non_null(strstr(jobs[1].e.en, "deadlock"));
	assert_int_equal(jobs[2].rc, 0);
	assert_int_equal(count(f->db, "d1"), 1);
	assert_int_equal(count(f->db, "d2"), 0);
	assert_int_equal(count(f->db, "d3"), 1);
	lt_db_close(watch);
	lt_db_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_failure_fails_only_its_request, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_commit_fails_the_whole_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(a_lone_job_commits_at_once, setup, teardown),
		cmocka_unit_test(submitted_jobs_are_told_after_their_commit),
		cmocka_unit_test_setup_teardown(a_bare_failure_fails_only_its_job, setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_lost_connection_fails_the_batch_and_the_writer_reconnects, setup, teardown),
		cmocka_unit_test_setup_teardown(a_deadlocked_job_fails_alone, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
