/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * worker.c — the server's background work: deliver queued mail every few
 * seconds, and once an hour queue reminders for directives whose report
 * deadline is near. One thread; it borrows a connection from the pool
 * like a request does.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "http/worker.h"
#include "app/mail.h"
#include "app/report_mail.h"
#include "store/store.h"

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool running, stopping;

static void remind_all(lt_app *app, lt_db *db)
{
	lt_stmt *st = NULL;
	int64_t ids[256];
	int n = 0;

	/* Issued directives with a deadline within a month either side of today. */
	if (lt_db_prepare(db,
			  "SELECT id FROM directive WHERE status = 'issued' AND report_deadline IS NOT NULL"
			  " AND report_deadline >= $1 AND report_deadline <= $2",
			  &st, NULL))
		return;
	{
		char lo[11], hi[11];
		int64_t t = lt_now();
		lt_vn_date(t - 31 * 86400, lo);
		lt_vn_date(t + 31 * 86400, hi);
		lt_stmt_bind_text(st, 1, lo);
		lt_stmt_bind_text(st, 2, hi);
	}
	while (n < 256 && lt_stmt_step(st, NULL) == 1)
		ids[n++] = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	for (int i = 0; i < n; i++) {
		int queued = 0;
		lt_error e;
		if (lt_report_remind(db, ids[i], app->remind_offsets, app->nremind, &queued, &e))
			fprintf(stderr, "lantoa: reminders for directive %lld: %s\n", (long long)ids[i], e.en);
	}
}

static void *run(void *arg)
{
	lt_app *app = arg;
	time_t last_remind = 0;

	pthread_mutex_lock(&mu);
	while (!stopping) {
		struct timespec until;
		pthread_mutex_unlock(&mu);
		{
			lt_db *db = lt_store_acquire(app->store);
			lt_error e;
			int sent = 0, failed = 0;
			if (lt_mailq_run(db, &app->smtp, 50, &sent, &failed, &e))
				fprintf(stderr, "lantoa: mail queue: %s\n", e.en);
			else if (sent || failed)
				fprintf(stderr, "lantoa: mail: %d sent, %d failed\n", sent, failed);
			if (time(NULL) - last_remind >= 3600) {
				remind_all(app, db);
				last_remind = time(NULL);
			}
			lt_store_release(app->store, db);
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
