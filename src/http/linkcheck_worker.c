/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkcheck_worker.c — the background link checker's thread; see
 * linkcheck_worker.h. Each turn is one use case of app/linkcheck.h
 * (claim, fetch with no connection held, record), run as the system.
 */
#include "http/linkcheck_worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "app/actor.h"
#include "app/linkcheck.h"

static struct {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool running, stop;
	lt_store *store;
	lt_linkcheck_config cfg;
} W = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static bool wait_or_stop(int ms)
{
	struct timespec ts;
	bool stop;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&W.mu);
	while (!W.stop && pthread_cond_timedwait(&W.cv, &W.mu, &ts) != ETIMEDOUT)
		;
	stop = W.stop;
	pthread_mutex_unlock(&W.mu);
	return stop;
}

static bool stopping(void)
{
	bool stop;

	pthread_mutex_lock(&W.mu);
	stop = W.stop;
	pthread_mutex_unlock(&W.mu);
	return stop;
}

static void *run(void *arg)
{
	lt_actor sys;

	(void)arg;
	lt_actor_system(&sys);
	while (!stopping()) {
		lt_error e;
		bool done = false;
		int rc = lt_app_linkcheck_next(W.store, &sys, &W.cfg, &done, &e);
		if (rc)
			fprintf(stderr, "lantoa: link check: %s\n", e.en);
		/* The queue is empty, or the database busy or gone: try again after the pause. */
		if ((rc || !done) && wait_or_stop(W.cfg.interval_ms))
			break;
	}
	return NULL;
}

int lt_linkcheck_worker_start(lt_store *store, const lt_linkcheck_config *c, lt_error *e)
{
	lt_actor sys;
	lt_db *db;
	int rc;

	if (!c->enabled || W.running)
		return 0;
	W.store = store;
	W.cfg = *c;
	W.stop = false;
	lt_actor_system(&sys);
	/* Links a previous run left half-checked go back to the queue. */
	db = lt_store_acquire(store);
	rc = lt_app_linkcheck_reset(db, &sys, e);
	lt_store_release(store, db);
	if (rc)
		return rc;
	if (pthread_create(&W.thread, NULL, run, NULL))
		return lt_error_set(e, LT_EINTERNAL, "linkcheck", "Không khởi động được luồng kiểm tra liên kết",
				    "Cannot start the link-check thread");
	W.running = true;
	fprintf(stderr, "lantoa: link check on%s\n", c->allow_private ? " (private addresses allowed)" : "");
	return 0;
}

void lt_linkcheck_worker_stop(void)
{
	if (!W.running)
		return;
	pthread_mutex_lock(&W.mu);
	W.stop = true;
	pthread_cond_broadcast(&W.cv);
	pthread_mutex_unlock(&W.mu);
	pthread_join(W.thread, NULL);
	W.running = false;
}
