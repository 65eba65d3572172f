/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * mail.h — delivering the mail queue (store/mail.h) over SMTP (net/smtp.h).
 *
 * Each message is claimed in one short transaction (only one claimer wins
 * it, however many servers and `lantoa mail run` compete), sent with no
 * transaction open and no pooled connection held, and its outcome recorded
 * in another short transaction. A claim whose process died comes back once
 * its lease (LT_MAIL_LEASE) has passed.
 */
#ifndef LT_APP_MAIL_H
#define LT_APP_MAIL_H

#include "app/actor.h"
#include "core/error.h"
#include "net/smtp.h"
#include "store/db.h"
#include "store/store.h"

/* Seconds a claim lasts: well beyond one SMTP transfer's timeout. */
#define LT_MAIL_LEASE 600
/* A message is failed for good after this many attempts. */
#define LT_MAIL_MAX_ATTEMPTS 8

/*
 * Where a use case that waits on the network takes a connection for each
 * of its short steps: borrowed from the server's pool and given back
 * before the network is touched, or the console's own connection.
 */
typedef struct lt_app_conn {
	lt_store *pool; /* the server's pool, or NULL */
	lt_db *db;      /* else this connection */
} lt_app_conn;

/* This run's outcomes. */
typedef struct lt_mail_run {
	int sent;   /* accepted by the SMTP server */
	int failed; /* refused or unreachable: retried later, or failed for good */
	int lost;   /* sent, but the claim had passed to another sender meanwhile */
} lt_mail_run;

/*
 * Deliver up to limit messages due now, one claim at a time. The actor must
 * be the system or an administrator (the console operator). The failure of
 * one message never stops the others; the return value is for database
 * errors and access only.
 */
LT_MUST_CHECK int lt_app_mail_deliver(const lt_app_conn *c, const lt_actor *who,
				      const lt_smtp_config *smtp, int limit, lt_mail_run *out,
				      lt_error *e);

/* When to try a message again after its attempts-th failure (0-based): seconds. */
int64_t lt_app_mail_retry_delay(int attempts);

#endif
