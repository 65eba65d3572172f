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

#include "app/config.h"
#include "core/error.h"
#include "store/store.h"


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
