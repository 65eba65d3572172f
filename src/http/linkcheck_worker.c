/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkcheck_worker.c — the background link checker; see linkcheck_worker.h. */
#include "http/linkcheck_worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/linkcheck.h"
#include "store/linkkit.h"

static struct {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool running, stop;
	lt_store *store;
	lt_linkcheck_config cfg;
} W = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };


/* Fetch url (no database connection held: it may take seconds). */
static int fetch(const char *url, const lt_linkcheck_config *c, lt_linkcheck_result *r, lt_error *e)
{
	lt_linkcheck_opts o;

	lt_linkcheck_opts_default(&o);
	o.connect_timeout_ms = c->connect_timeout_ms;
	o.total_timeout_ms = c->timeout_ms;
	o.max_bytes = c->max_bytes;
	o.max_redirects = c->max_redirects;
	o.allow_private = c->allow_private;
	o.user_agent = c->user_agent[0] ? c->user_agent : NULL;
	memset(r, 0, sizeof(*r));
	lt_error_clear(e);
	return lt_linkcheck_fetch(url, &o, r, e);
}

/* Record the outcome rc of a fetch of url on db. */
static void record(lt_db *db, const char *url, int rc, const lt_linkcheck_result *r,
		   const lt_error *e, const lt_linkcheck_config *c)
{
	lt_error err;

	if (rc == 0)
		rc = lt_linkcheck_record(db, url, r->status, r->final_url, r->title, r->og_title,
					 NULL, c->max_attempts, &err);
	else
		/* A refused address or a bad link will not get better: fail it at once. */
		rc = lt_linkcheck_record(db, url, 0, NULL, NULL, NULL, e->en,
					 rc == LT_EIO ? c->max_attempts : 0, &err);
	if (rc)
		fprintf(stderr, "lantoa: link check of %s not recorded: %s\n", url, err.en);
}

static void check_one(lt_db *db, const char *url, const lt_linkcheck_config *c)
{
	lt_linkcheck_result r;
	lt_error e;
	int rc = fetch(url, c, &r, &e);

	record(db, url, rc, &r, &e, c);
	lt_linkcheck_result_free(&r);
}

int lt_linkcheck_run_once(lt_db *db, const lt_linkcheck_config *c, int max)
{
	int done = 0;

	while (done < max) {
		char *url = NULL;
		if (lt_linkcheck_claim(db, &url, NULL) || !url)
			break;
		check_one(db, url, c);
		free(url);
		done++;
	}
	return done;
}

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

static void *run(void *arg)
{
	(void)arg;
	for (;;) {
		char *url = NULL;
		lt_db *db;
		pthread_mutex_lock(&W.mu);
		if (W.stop) {
			pthread_mutex_unlock(&W.mu);
			break;
		}
		pthread_mutex_unlock(&W.mu);
		/* Hold a connection only around the queue's statements, never during a fetch. */
		db = lt_store_acquire(W.store);
		if (lt_linkcheck_claim(db, &url, NULL))
			url = NULL; /* the database is busy or gone: try again after the pause */
		lt_store_release(W.store, db);
		if (!url) {
			if (wait_or_stop(W.cfg.interval_ms))
				break;
			continue;
		}
		{
			lt_linkcheck_result r;
			lt_error e;
			int rc = fetch(url, &W.cfg, &r, &e);
			db = lt_store_acquire(W.store);
			record(db, url, rc, &r, &e, &W.cfg);
			lt_store_release(W.store, db);
			lt_linkcheck_result_free(&r);
		}
		free(url);
	}
	return NULL;
}

int lt_linkcheck_worker_start(lt_store *store, const lt_linkcheck_config *c, lt_error *e)
{
	lt_db *db;
	int rc;

	if (!c->enabled || W.running)
		return 0;
	W.store = store;
	W.cfg = *c;
	W.stop = false;
	/* Links a previous run left half-checked go back to the queue. */
	db = lt_store_acquire(store);
	rc = lt_linkcheck_reset_running(db, e);
	if (rc) {
		lt_store_release(store, db);
		return rc;
	}
	lt_store_release(store, db);
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
