/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkcheck_worker.h — the optional link-check worker ([linkcheck] in the
 * configuration, off by default): one background thread that repeats the
 * use case of app/linkcheck.h — take the next new link from the queue,
 * fetch it once with no database connection held (timeouts, size cap,
 * redirect limit, no private or loopback addresses unless allow_private),
 * store the HTTP status and the page title / og:title, which the activity
 * API then shows — and sleeps when the queue is empty.
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
LT_MUST_CHECK int lt_linkcheck_worker_start(lt_store *store, const lt_linkcheck_config *c,
					    lt_error *e);
/* Stop the worker (if running) and wait for it; a fetch in flight finishes first. */
void lt_linkcheck_worker_stop(void);

#endif
