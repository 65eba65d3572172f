/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * mail.h — the outgoing mail queue: messages with their attachments wait
 * in the database until sent; every attempt is logged with the server's
 * reply. SQL and rows only: when to retry and when to give up is decided
 * by app/mail.c.
 *
 * A message is sent by whoever claims it: lt_mail_claim takes one due row
 * in a single statement that only one claimer can win (its token and the
 * end of its lease are written on the row), and lt_mail_finish records the
 * outcome only while that claim is still held. A claim whose process died
 * is free again once its lease has passed.
 */
#ifndef LT_MAIL_H
#define LT_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_mail_att {
	const char *filename;
	const char *content_type;
	const void *data;
	size_t len;
} lt_mail_att;

/* A queued message as loaded for sending (strings and bytes in the caller's arena). */
typedef struct lt_mail_msg {
	int64_t id;
	const char *to, *subject, *body;
	int attempts;     /* attempts recorded before this one */
	lt_mail_att *att; /* natt attachments, in order */
	size_t natt;
} lt_mail_msg;

/* One attempt of a message, for the log view. */
typedef struct lt_mail_try {
	int64_t at;
	bool ok;
	const char *reply; /* the server's reply, or NULL */
} lt_mail_try;

/* A message and its attempts, for the log view. */
typedef struct lt_mail_entry {
	int64_t id;
	const char *to, *subject, *status; /* queued | sent | failed */
	int attempts;
	int64_t created_at, sent_at;       /* sent_at 0: not sent */
	lt_mail_try *tries;
	size_t ntries;
} lt_mail_entry;

/* Queue a message (kind: "report", "reminder", …; ref_id: what it is about). */
LT_MUST_CHECK int lt_mail_enqueue(lt_db *db, const char *kind, int64_t ref_id, const char *to,
				  const char *subject, const char *body, const lt_mail_att *att,
				  size_t natt, int64_t *id, lt_error *e);

/*
 * Claim the next message due at now (queued, next attempt reached, no live
 * claim) for token until the lease ends at until. *id gets it, or 0 when
 * nothing is due. One statement: of two claimers only one gets a row.
 */
LT_MUST_CHECK int lt_mail_claim(lt_db *db, int64_t now, int64_t until, const char *token,
				int64_t *id, lt_error *e);
/* Load message id with its attachments, copied into a. */
LT_MUST_CHECK int lt_mail_load(lt_db *db, int64_t id, lt_arena *a, lt_mail_msg *m, lt_error *e);
/*
 * Record an attempt made under token's claim: log it (at, ok, reply), count
 * it, set the status (queued | sent | failed), the next attempt and, when
 * sent, sent_at; release the claim. *held is false (and nothing is written)
 * when the claim was lost, its lease passed and someone else took it.
 */
LT_MUST_CHECK int lt_mail_finish(lt_db *db, int64_t id, const char *token, int64_t at, bool ok,
				 const char *reply, const char *status, int64_t next_at,
				 bool *held, lt_error *e);
/* Messages about (kind, ref_id) with their attempts, newest first; rows in a. */
LT_MUST_CHECK int lt_mail_log(lt_db *db, const char *kind, int64_t ref_id, lt_arena *a,
			      lt_mail_entry **out, size_t *n, lt_error *e);

#endif
