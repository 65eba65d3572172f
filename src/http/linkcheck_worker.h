/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkcheck_worker.h — the optional link-check worker ([linkcheck] in the
 * configuration, off by default): one background thread that takes each
 * new link from the queue (store/linkkit.h), fetches it once with
 * net/linkcheck.h (timeouts, size cap, redirect limit, no private or
 * loopback addresses unless allow_private) and stores the HTTP status and
 * the page title / og:title, which the activity API then shows.
 */
#ifndef LT_LINKCHECK_WORKER_H
#define LT_LINKCHECK_WORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "store/store.h"

typedef struct lt_linkcheck_config {
	bool enabled;            /* [linkcheck] enabled = false */
	bool allow_private;      /* tests only: allow 127.0.0.1 and private networks */
	long connect_timeout_ms; /* 5000 */
	long timeout_ms;         /* 15000 */
	size_t max_bytes;        /* 1 MiB */
	long max_redirects;      /* 5 */
	int interval_ms;         /* queue poll when idle: 2000 */
	int max_attempts;        /* 3 (network errors are retried) */
	char user_agent[128];    /* "" → net/linkcheck.h's default */
} lt_linkcheck_config;

/* Fill c with the defaults above (disabled). */
void lt_linkcheck_config_defaults(lt_linkcheck_config *c);

/*
 * Start the worker on store (borrowed; must outlive the worker) when
 * c->enabled, else do nothing. c is copied. 0 or LT_EINTERNAL.
 */
int lt_linkcheck_worker_start(lt_store *store, const lt_linkcheck_config *c, lt_error *e);
/* Stop the worker (if running) and wait for it; a fetch in flight finishes first. */
void lt_linkcheck_worker_stop(void);

/*
 * Check the queue once on db: claim links and fetch them until the queue is
 * empty or max links are done. Returns how many were checked (tests, CLI).
 */
int lt_linkcheck_run_once(lt_db *db, const lt_linkcheck_config *c, int max);

#endif
