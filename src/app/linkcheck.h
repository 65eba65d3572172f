/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkcheck.h — checking the links of activities: claim one pending link
 * from the queue (store/linkkit.h) in a short transaction, fetch it with
 * no database connection held (net/linkcheck.h: timeouts, size cap,
 * redirect limit, no private or loopback address unless allow_private;
 * it may take seconds), then record the HTTP status and the page title /
 * og:title in another short transaction. The thread that repeats this is
 * the server's (http/linkcheck_worker.c).
 */
#ifndef LT_APP_LINKCHECK_H
#define LT_APP_LINKCHECK_H

#include <stdbool.h>

#include "app/actor.h"
#include "app/config.h"
#include "core/error.h"
#include "store/db.h"
#include "store/store.h"

/*
 * Check the next pending link: a connection from store is held only around
 * the claim and around the record, never during the fetch. *done is false
 * when the queue was empty. who is the system (or the operator). A fetch
 * that fails is recorded as such (a refused address or a bad link fails at
 * once; a network error is retried up to c->max_attempts); the return value
 * says only whether the queue could be read and the outcome recorded.
 */
LT_MUST_CHECK int lt_app_linkcheck_next(lt_store *store, const lt_actor *who,
					const lt_linkcheck_config *c, bool *done, lt_error *e);

/*
 * The same on one connection db, for up to max links (tests, the console):
 * *checked gets how many were checked.
 */
LT_MUST_CHECK int lt_app_linkcheck_run(lt_db *db, const lt_actor *who,
				       const lt_linkcheck_config *c, int max, int *checked,
				       lt_error *e);

/* Put links a stopped worker left half-checked back to the queue (those whose lease has passed:
 * never the checks another server on the same database is running). */
LT_MUST_CHECK int lt_app_linkcheck_reset(lt_db *db, const lt_actor *who, lt_error *e);

#endif
