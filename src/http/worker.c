/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * worker.c — the server's background thread: every few seconds it has
 * app/mail.c deliver the queued mail, and once an hour app/remind.c queue
 * the reminders of directives whose deadline is near and app/digest.c the
 * day's digests (the first round from 7:00 sends them). Only the thread and
 * the timing live here; the work is the app's, as the system actor. The
 * delivery borrows a pooled connection for each short step and never
 * holds one while it waits on the SMTP server.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "app/digest.h"
#include "app/mail.h"
#include "app/remind.h"
#include "http/worker.h"
#include "store/store.h"

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool running, stopping;

static void deliver(lt_app *app, const lt_actor *system)
{
	const lt_app_conn conn = { .pool = app->store };
	lt_mail_run run;
	lt_error e;

	if (lt_app_mail_deliver(&conn, system, &app->smtp, 50, &run, &e))
		fprintf(stderr, "lantoa: mail queue: %s\n", e.en);
	else if (run.sent || run.failed || run.lost)
		fprintf(stderr, "lantoa: mail: %d sent, %d failed, %d taken over\n", run.sent,
			run.failed, run.lost);
}

static void remind(lt_app *app, const lt_actor *system)
{
	lt_db *db = lt_store_acquire(app->store);
	lt_error e;
	int queued = 0;

	lt_digest_run run;

	if (lt_app_remind_due(db, system, app->remind_offsets, app->nremind, &queued, &e))
		fprintf(stderr, "lantoa: reminders: %s\n", e.en);
	/* The daily digests: queued once a day, from LT_DIGEST_HOUR on (app/digest.h). */
	if (lt_app_digest_send(db, system, false, &run, &e))
		fprintf(stderr, "lantoa: digests: %s\n", e.en);
	else if (run.queued)
		fprintf(stderr, "lantoa: digests: %d queued\n", run.queued);
	lt_store_release(app->store, db);
}

static void *run(void *arg)
{
	lt_app *app = arg;
	lt_actor system;
	time_t last_remind = 0;

	lt_actor_system(&system);
	pthread_mutex_lock(&mu);
	while (!stopping) {
		struct timespec until;
		pthread_mutex_unlock(&mu);
		deliver(app, &system);
		if (time(NULL) - last_remind >= 3600) {
			remind(app, &system);
			last_remind = time(NULL);
		}
		pthread_mutex_lock(&mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 3;
		if (!stopping)
			pthread_cond_timedwait(&cv, &mu, &until);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

int lt_worker_start(lt_app *app)
{
	if (!app->smtp.url[0])
		return 0; /* mail is off */
	stopping = false;
	if (pthread_create(&thread, NULL, run, app))
		return LT_EINTERNAL;
	running = true;
	return 0;
}

void lt_worker_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = true;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(thread, NULL);
	running = false;
}
