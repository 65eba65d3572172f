/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * group.c — group commit; see group.h.
 *
 * The queue is a list of jobs in their callers' memory (a waiting caller's
 * stack, or a suspended connection's state); one mutex guards it, one
 * condition wakes the writer, another wakes the waiting callers when a batch
 * is done. A job is QUEUED, then RUNNING (the writer owns it), then DONE. A
 * waiting caller whose wait runs out withdraws its job only while it is still
 * QUEUED; once RUNNING the writer may be writing into the caller's memory,
 * so the caller waits on. A submitted job (lt_group_submit) is never
 * withdrawn: the writer drops it unrun when it comes to it past its deadline,
 * and tells its done callback either way, outside the mutex.
 *
 * Why this is durable: the job's result is published (DONE) only after the
 * batch's COMMIT returned, and with synchronous=FULL SQLite's COMMIT returns
 * after the WAL is synced (PostgreSQL's, with synchronous_commit on, after
 * its WAL is flushed). Why it is fast: one BEGIN/COMMIT — one fsync — for
 * up to max_batch requests that arrived while the previous batch was syncing.
 * The writer never waits for more work to arrive: a lone request commits at
 * once, so batching costs no latency when the server is idle.
 *
 * On PostgreSQL the batch's locks (SELECT … FOR UPDATE in a job, rows written)
 * are held until its COMMIT; two jobs of one batch share them. A job of this
 * node's batch and one of another node's may deadlock: PostgreSQL cancels the
 * waiting statement of one, inside that job's savepoint, so that job alone
 * fails (LT_EBUSY, its handler's error: 503 with Retry-After), its savepoint
 * is rolled back and its locks released, and the rest of the batch commits.
 * A lost connection ends the batch's transaction: lt_db_job_end or the COMMIT
 * fails and every job of the batch gets LT_EBUSY; the driver connects again at
 * the next batch's BEGIN (pg_db.c), so the writer needs no reconnection of its own.
 */
#include "store/group.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

enum { QUEUED, RUNNING, DONE };

typedef lt_group_job job;

struct lt_group {
	lt_db *db;
	int max_batch;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work; /* the writer: a job is queued, or stop */
	pthread_cond_t done; /* the callers: a batch is done */
	job *head, *tail;
	job **batch; /* max_batch slots: the jobs of the running batch */
	bool stopping;
	bool joined; /* the writer has ended (lt_group_stop) */
	lt_group_stats stats;
	int queued;
};

/* Fail every job of the batch: nothing of it was committed. */
static void fail_all(job **batch, int n, const lt_error *why)
{
	for (int i = 0; i < n; i++) {
		/* A full or failing disk stays what it is (507): a retry will not help. */
		if (why->code == LT_EFULL || batch[i]->rc == LT_EFULL) {
			batch[i]->rc = LT_EFULL;
			if (batch[i]->e && why->code == LT_EFULL)
				*batch[i]->e = *why;
			continue;
		}
		batch[i]->rc = LT_EBUSY;
		lt_error_set(batch[i]->e, LT_EBUSY, NULL,
			     "Chưa lưu được, hãy thử lại sau giây lát (%s)",
			     "Not saved; try again in a moment (%s)", why->en);
	}
}

static void run_batch(lt_group *g, job **batch, int n)
{
	lt_error e;
	bool undone;
	int rc;

	lt_error_clear(&e);
	rc = lt_db_begin(g->db, &e);
	if (rc) {
		fail_all(batch, n, &e);
		return;
	}
	for (int i = 0; i < n; i++) {
		rc = lt_db_job_begin(g->db, &e);
		if (rc)
			break;
		batch[i]->rc = batch[i]->fn(g->db, batch[i]->arg);
		rc = lt_db_job_end(g->db, &undone, &e);
		if (rc)
			break;
		if (undone && batch[i]->rc == 0) /* its writes were undone (db.h): not saved */
			batch[i]->rc = lt_error_set(batch[i]->e, LT_EBUSY, NULL,
						    "Chưa lưu được, hãy thử lại sau giây lát",
						    "Not saved; try again in a moment");
	}
	if (rc) {
		/* The batch's transaction is lost: no job of it may be acknowledged. */
		lt_ignore(lt_db_end(g->db, rc, NULL));
		fail_all(batch, n, &e);
		return;
	}
	rc = lt_db_end(g->db, 0, &e);
	if (rc) {
		/* A COMMIT refused (a deferred constraint, a disk error) may leave the
		 * transaction open: end it, so the next batch starts clean. */
		lt_ignore(lt_db_exec(g->db, "ROLLBACK", NULL));
		fail_all(batch, n, &e);
	}
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Tell the submitted jobs of list (linked by next) their result. Without the mutex. */
static void call_done(job *list)
{
	job *next;

	for (; list; list = next) {
		next = list->next; /* read first: done may free the job */
		list->done(list->arg, list->rc);
	}
}

static void *writer(void *arg)
{
	lt_group *g = arg;
	job *late, *told, *j;
	long long now;
	int n;

	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!g->head && !g->stopping)
			pthread_cond_wait(&g->work, &g->mu);
		if (!g->head)
			break; /* stopping, and nothing left to do */
		now = now_ms();
		late = NULL;
		for (n = 0; g->head && n < g->max_batch;) {
			j = g->head;
			g->head = j->next;
			g->queued--;
			if (j->done && now > j->deadline_ms) {
				/* Queued past its deadline: the writer was stuck. Never run. */
				j->rc = lt_error_set(j->e, LT_EBUSY, NULL,
						     "Máy chủ đang bận ghi, hãy thử lại sau giây lát",
						     "The server is busy writing; try again in a moment");
				j->next = late;
				late = j;
				continue;
			}
			j->state = RUNNING;
			g->batch[n++] = j;
		}
		if (!g->head)
			g->tail = NULL;
		pthread_mutex_unlock(&g->mu);
		call_done(late);
		if (n)
			run_batch(g, g->batch, n);
		/* The submitted jobs are listed before the waiting callers are woken:
		 * once DONE, a waiting caller's job leaves its stack. */
		told = NULL;
		for (int i = n - 1; i >= 0; i--)
			if (g->batch[i]->done) {
				g->batch[i]->next = told;
				told = g->batch[i];
			}
		pthread_mutex_lock(&g->mu);
		if (n) {
			for (int i = 0; i < n; i++)
				g->batch[i]->state = DONE;
			g->stats.batches++;
			g->stats.jobs += n;
			if (n > g->stats.largest)
				g->stats.largest = n;
			pthread_cond_broadcast(&g->done);
		}
		pthread_mutex_unlock(&g->mu);
		call_done(told);
		pthread_mutex_lock(&g->mu);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

int lt_group_open(lt_db *db, int max_batch, lt_group **out, lt_error *e)
{
	lt_group *g;

	*out = NULL;
	if (max_batch < 1 || max_batch > 1024)
		return lt_error_set(e, LT_EINVAL, "group_commit", "Cỡ lô ghi từ 1 đến 1024",
				    "The write batch size is 1–1024");
	g = calloc(1, sizeof(*g));
	if (!g)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	g->batch = calloc((size_t)max_batch, sizeof(*g->batch));
	if (!g->batch) {
		free(g);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	g->db = db;
	g->max_batch = max_batch;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->work, NULL);
	pthread_cond_init(&g->done, NULL);
	if (pthread_create(&g->thread, NULL, writer, g)) {
		pthread_cond_destroy(&g->done);
		pthread_cond_destroy(&g->work);
		pthread_mutex_destroy(&g->mu);
		free(g->batch);
		free(g);
		return lt_error_set(e, LT_EINTERNAL, NULL, "Không khởi động được luồng ghi",
				    "Could not start the writer thread");
	}
	*out = g;
	return 0;
}

void lt_group_stop(lt_group *g)
{
	bool join;

	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stopping = true;
	join = !g->joined;
	g->joined = true;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	if (join)
		pthread_join(g->thread, NULL);
}

void lt_group_close(lt_group *g)
{
	if (!g)
		return;
	lt_group_stop(g);
	pthread_cond_destroy(&g->done);
	pthread_cond_destroy(&g->work);
	pthread_mutex_destroy(&g->mu);
	free(g->batch);
	free(g);
}

/* Queue j at the tail (the mutex held). */
static void enqueue(lt_group *g, job *j)
{
	j->state = QUEUED;
	j->next = NULL;
	if (g->tail)
		g->tail->next = j;
	else
		g->head = j;
	g->tail = j;
	g->queued++;
	pthread_cond_signal(&g->work);
}

static int stopping_error(lt_error *e)
{
	return lt_error_set(e, LT_EBUSY, NULL, "Máy chủ đang dừng", "The server is stopping");
}

int lt_group_submit(lt_group *g, lt_group_job *jb, lt_group_fn fn, lt_group_done_fn done,
		    void *arg, int wait_ms, lt_error *e)
{
	*jb = (job){ .fn = fn, .done = done, .arg = arg, .e = e,
		     .deadline_ms = now_ms() + wait_ms };
	pthread_mutex_lock(&g->mu);
	if (g->stopping) {
		pthread_mutex_unlock(&g->mu);
		return stopping_error(e);
	}
	enqueue(g, jb);
	pthread_mutex_unlock(&g->mu);
	return 0;
}

/* Take j out of the queue (it is QUEUED). */
static void withdraw(lt_group *g, job *j)
{
	job **p = &g->head, *prev = NULL;

	while (*p && *p != j) {
		prev = *p;
		p = &(*p)->next;
	}
	if (!*p)
		return;
	*p = j->next;
	if (g->tail == j)
		g->tail = prev;
	g->queued--;
}

int lt_group_run(lt_group *g, lt_group_fn fn, void *arg, int wait_ms, lt_error *e)
{
	job j = { .fn = fn, .arg = arg, .e = e };
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&g->mu);
	if (g->stopping) {
		pthread_mutex_unlock(&g->mu);
		return stopping_error(e);
	}
	enqueue(g, &j);
	while (j.state != DONE) {
		if (j.state == QUEUED && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&g->done, &g->mu, &until);
		else
			pthread_cond_wait(&g->done, &g->mu);
		if (rc == ETIMEDOUT && j.state == QUEUED) {
			withdraw(g, &j);
			pthread_mutex_unlock(&g->mu);
			return lt_error_set(e, LT_EBUSY, NULL,
					    "Máy chủ đang bận ghi, hãy thử lại sau giây lát",
					    "The server is busy writing; try again in a moment");
		}
	}
	pthread_mutex_unlock(&g->mu);
	return j.rc;
}

void lt_group_get_stats(lt_group *g, lt_group_stats *out)
{
	pthread_mutex_lock(&g->mu);
	*out = g->stats;
	out->queued = g->queued;
	pthread_mutex_unlock(&g->mu);
}
