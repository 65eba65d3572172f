/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.c — see metrics.h. Lock-free counters with C11 atomics. */
#include "http/metrics.h"

#include "app/kept.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>

static const double bounds_ms[] = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500 };
#define NB (sizeof(bounds_ms) / sizeof(bounds_ms[0]))

static atomic_ullong by_class[6]; /* 1xx..5xx, [0] other */
static atomic_ullong hist[NB + 1];
static atomic_ullong sum_us;
static atomic_llong inflight;
static atomic_llong started;

static const char *const event_names[] = { "login_ok", "login_fail", "login_throttled",
					   "csrf_rejected" };
#define NE (sizeof(event_names) / sizeof(event_names[0]))
static atomic_ullong events[NE];
static lt_group *group;

void lt_metrics_group(lt_group *g)
{
	group = g;
}

void lt_metrics_request(int status, double ms)
{
	int c = status / 100;
	size_t i = 0;

	if (c < 1 || c > 5)
		c = 0;
	atomic_fetch_add(&by_class[c], 1);
	while (i < NB && ms > bounds_ms[i])
		i++;
	atomic_fetch_add(&hist[i], 1);
	atomic_fetch_add(&sum_us, (unsigned long long)(ms * 1000.0));
}

void lt_metrics_inflight(int delta)
{
	long long zero = 0;

	atomic_compare_exchange_strong(&started, &zero, (long long)time(NULL));
	atomic_fetch_add(&inflight, delta);
}

void lt_metrics_event(const char *name)
{
	for (size_t i = 0; i < NE; i++)
		if (!strcmp(name, event_names[i]))
			atomic_fetch_add(&events[i], 1);
}

int lt_metrics_render(lt_buf *out)
{
	unsigned long long cum = 0, total = 0;
	int rc = 0;

	rc |= lt_buf_adds(out, "# HELP lantoa_http_requests_total HTTP requests by status class.\n"
			       "# TYPE lantoa_http_requests_total counter\n");
	for (int c = 1; c <= 5; c++) {
		unsigned long long v = atomic_load(&by_class[c]);
		total += v;
		rc |= lt_buf_printf(out, "lantoa_http_requests_total{code=\"%dxx\"} %llu\n", c, v);
	}
	rc |= lt_buf_adds(out, "# HELP lantoa_http_request_duration_seconds Request latency.\n"
			       "# TYPE lantoa_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i < NB; i++) {
		cum += atomic_load(&hist[i]);
		rc |= lt_buf_printf(out,
				    "lantoa_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
				    bounds_ms[i] / 1000.0, cum);
	}
	cum += atomic_load(&hist[NB]);
	rc |= lt_buf_printf(out, "lantoa_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			    cum);
	rc |= lt_buf_printf(out, "lantoa_http_request_duration_seconds_sum %.6f\n",
			    (double)atomic_load(&sum_us) / 1e6);
	rc |= lt_buf_printf(out, "lantoa_http_request_duration_seconds_count %llu\n", cum);
	rc |= lt_buf_printf(out, "# HELP lantoa_http_requests_in_flight Requests being served.\n"
				 "# TYPE lantoa_http_requests_in_flight gauge\n"
				 "lantoa_http_requests_in_flight %lld\n",
			    atomic_load(&inflight));
	rc |= lt_buf_adds(out, "# HELP lantoa_events_total Security-relevant events.\n"
			       "# TYPE lantoa_events_total counter\n");
	for (size_t i = 0; i < NE; i++)
		rc |= lt_buf_printf(out, "lantoa_events_total{event=\"%s\"} %llu\n", event_names[i],
				    atomic_load(&events[i]));
	rc |= lt_buf_printf(out, "# HELP lantoa_start_time_seconds Process start.\n"
				 "# TYPE lantoa_start_time_seconds gauge\n"
				 "lantoa_start_time_seconds %lld\n",
			    atomic_load(&started));
	rc |= lt_buf_printf(out, "# HELP lantoa_sqlite_busy_sleeps_total Sleeps in SQLite's busy handler"
				 " (a writer waiting for another's lock).\n"
				 "# TYPE lantoa_sqlite_busy_sleeps_total counter\n"
				 "lantoa_sqlite_busy_sleeps_total %lld\n",
			    lt_db_busy_sleeps());
	rc |= lt_buf_printf(out, "# HELP lantoa_sqlite_write_waits_total Waits for another thread's write"
				 " to the same SQLite file (woken when it ends, no sleep).\n"
				 "# TYPE lantoa_sqlite_write_waits_total counter\n"
				 "lantoa_sqlite_write_waits_total %lld\n",
			    lt_db_write_waits());
	rc |= lt_buf_printf(out, "# HELP lantoa_sqlite_lone_reads_total Reading statements run outside any"
				 " transaction on SQLite, each taking its own snapshot (an API read runs"
				 " all of its statements in one).\n"
				 "# TYPE lantoa_sqlite_lone_reads_total counter\n"
				 "lantoa_sqlite_lone_reads_total %lld\n",
			    lt_db_lone_reads());
	{
		long long hits, misses;
		lt_kept_counts(&hits, &misses);
		rc |= lt_buf_printf(out, "# HELP lantoa_kept_replies_total Lookups of replies kept while the"
					 " data under them stands (app/kept.h), by result.\n"
					 "# TYPE lantoa_kept_replies_total counter\n"
					 "lantoa_kept_replies_total{result=\"hit\"} %lld\n"
					 "lantoa_kept_replies_total{result=\"miss\"} %lld\n",
				    hits, misses);
	}
	if (group) {
		lt_group_stats g;
		lt_group_get_stats(group, &g);
		rc |= lt_buf_printf(out,
				    "# HELP lantoa_group_commit_batches_total Group-commit transactions.\n"
				    "# TYPE lantoa_group_commit_batches_total counter\n"
				    "lantoa_group_commit_batches_total %lld\n"
				    "# HELP lantoa_group_commit_jobs_total Writes run in group-commit batches.\n"
				    "# TYPE lantoa_group_commit_jobs_total counter\n"
				    "lantoa_group_commit_jobs_total %lld\n"
				    "# HELP lantoa_group_commit_largest_batch Most writes in one batch.\n"
				    "# TYPE lantoa_group_commit_largest_batch gauge\n"
				    "lantoa_group_commit_largest_batch %d\n"
				    "# HELP lantoa_group_commit_queued Writes waiting for the writer.\n"
				    "# TYPE lantoa_group_commit_queued gauge\n"
				    "lantoa_group_commit_queued %d\n",
				    g.batches, g.jobs, g.largest, g.queued);
	}
	(void)total;
	return rc ? -1 : 0;
}
