/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * group.h — group commit: one writer thread owns one connection and runs the
 * writes of many request threads in one transaction, one fsync for the lot.
 *
 * A caller hands a job (fn, arg) to lt_group_run and blocks, or to
 * lt_group_submit and is called back when it is done. The writer takes
 * every queued job (at most max_batch), opens the batch's transaction (SQLite:
 * BEGIN IMMEDIATE; PostgreSQL: BEGIN), runs each job inside its own SAVEPOINT
 * (the job's own lt_db_begin/lt_db_end nest as a savepoint, db.h), then
 * COMMITs once — SQLite under synchronous=FULL, PostgreSQL under
 * synchronous_commit on: that commit is the WAL flush — and only then wakes the
 * callers. A job that fails undoes only its own savepoint (on PostgreSQL a
 * statement that fails outside the job's own transaction undoes the whole job,
 * db.h; a job that returned 0 regardless fails LT_EBUSY, never acknowledged);
 * a lost transaction or a COMMIT that fails fails every job of the batch with
 * LT_EBUSY. The writer's connection is the driver's: a PostgreSQL connection
 * lost with a batch (a restart, a failover) is made anew by the next batch.
 */
#ifndef LT_GROUP_H
#define LT_GROUP_H

#include "core/error.h"
#include "store/db.h"

typedef struct lt_group lt_group;

/* A job: run on the writer's db, inside the batch. Returns 0 or < 0 (its own error). */
typedef int (*lt_group_fn)(lt_db *db, void *arg);

/*
 * Start the writer on db (borrowed: the caller keeps it out of any pool until
 * lt_group_close). max_batch: jobs per transaction (1–1024). Owned group in *out.
 */
LT_MUST_CHECK int lt_group_open(lt_db *db, int max_batch, lt_group **out, lt_error *e);
/* Stop the writer after the queued jobs are done (lt_group_stop) and free g (NULL: nothing). */
void lt_group_close(lt_group *g);

/*
 * Run fn(db, arg) in the next batch and wait until that batch is durable.
 * Returns fn's result when the batch committed (0: the job's writes are
 * durable), or < 0 with *e set: LT_EBUSY when the batch could not be
 * committed (nothing of the job was kept), or when the job was still queued
 * after wait_ms (the writer is stuck; the job is withdrawn, never run).
 * A job the writer has started is always waited for: it uses the caller's memory.
 * fn reports its own errors through arg; e is set only for the group's own.
 */
LT_MUST_CHECK int lt_group_run(lt_group *g, lt_group_fn fn, void *arg, int wait_ms,
			       lt_error *e);

/*
 * The same without waiting, for a caller that must not block (the HTTP server
 * suspends the connection instead of its thread, so one thread can hand many
 * requests to the same batch). done(arg, rc) is called once, on the writer
 * thread, after the job's batch has committed (rc: fn's result, 0 = durable)
 * or failed (rc < 0, *e set as for lt_group_run); a job still queued wait_ms
 * after it was submitted is never run and done gets LT_EBUSY. After done
 * returns the writer no longer touches job, arg or e, so done may free them.
 * job: storage owned by the caller, left alone by it until done is called.
 * Returns 0 (queued: done will be called), or < 0 with *e set when the group
 * is stopping (done is not called).
 */
typedef void (*lt_group_done_fn)(void *arg, int rc);
typedef struct lt_group_job {
	/* group.c's fields */
	lt_group_fn fn;
	lt_group_done_fn done; /* NULL: a caller of lt_group_run waits for it */
	void *arg;
	lt_error *e;
	int rc;
	int state;
	long long deadline_ms; /* monotonic: never run after this */
	struct lt_group_job *next;
} lt_group_job;
LT_MUST_CHECK int lt_group_submit(lt_group *g, lt_group_job *job, lt_group_fn fn,
				  lt_group_done_fn done, void *arg, int wait_ms, lt_error *e);

/*
 * Refuse new jobs, run those already queued (their done callbacks included)
 * and stop the writer; g stays valid (a later submit gets LT_EBUSY) until
 * lt_group_close. A server calls it before it stops taking requests.
 */
void lt_group_stop(lt_group *g);

/* Counters since lt_group_open (for /metrics and tests). */
typedef struct lt_group_stats {
	long long batches; /* transactions committed or tried */
	long long jobs;    /* jobs run */
	int largest;       /* most jobs in one batch */
	int queued;        /* jobs waiting now */
} lt_group_stats;
void lt_group_get_stats(lt_group *g, lt_group_stats *out);

#endif
