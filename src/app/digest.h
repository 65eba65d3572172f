/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * digest.h — the daily e-mail digest: each user may ask (off by default)
 * for one mail a day listing its open to-do items (app/todo.h, the same
 * list as GET /api/v1/todo). No mail when the list is empty, and never two
 * for one (Vietnam) day: the day is recorded with the user, in the same
 * transaction as the queued mail, by a statement only one sender wins.
 */
#ifndef LT_APP_DIGEST_H
#define LT_APP_DIGEST_H

#include <stdbool.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"

/* The scheduled round sends from this hour of the Vietnam day on. */
#define LT_DIGEST_HOUR 7
/* Items listed in one digest at most; more are counted, not listed. */
#define LT_DIGEST_ITEMS 50

/* Does the signed-in user (who) get the digest? */
LT_MUST_CHECK int lt_app_digest_get(lt_db *db, const lt_actor *who, bool *on, lt_error *e);
/* Turn the signed-in user's digest on or off. */
LT_MUST_CHECK int lt_app_digest_set(lt_db *db, const lt_actor *who, bool on, lt_error *e);

typedef struct lt_digest_run {
	int queued;  /* mails queued */
	int empty;   /* users with nothing to do: no mail, the day recorded */
	int failed;  /* users whose digest failed (retried at the next round) */
	bool early;  /* before LT_DIGEST_HOUR and not now: nothing done */
} lt_digest_run;

/*
 * Queue today's digest of every user who wants it and has not had today's
 * (the system's round, or the console operator: LT_EFORBIDDEN otherwise).
 * now: also before LT_DIGEST_HOUR. Links in the mail are absolute: they
 * start with the base lt_app_digest_set_base gave ([server] public_url, else
 * [feedback] public_url, else the address served). One user's failure does not stop the
 * others: its error is returned once all were tried.
 */
/*
 * The process-wide base of the digest's links (borrowed, copied):
 * public_url ("http(s)://host[:port][/path]", "" = none), else the
 * [feedback] public_url, else http://listen_host:port (a wildcard host:
 * localhost). Called once the configuration is read, before any digest.
 */
void lt_app_digest_set_base(const char *public_url, const char *listen_host, int port);

/*
 * The base of links in mail (the digest, password resets): [server]
 * public_url, else [feedback] public_url, else the listen address
 * ("http://127.0.0.1:8080" before any set).
 */
const char *lt_app_digest_base(void);

LT_MUST_CHECK int lt_app_digest_send(lt_db *db, const lt_actor *who, bool now,
				     lt_digest_run *out, lt_error *e);

#endif
