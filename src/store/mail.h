/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * mail.h — the outgoing mail queue: messages with their attachments wait
 * in the database until sent; every attempt is logged with the server's
 * reply, and failures are retried with a growing delay.
 */
#ifndef LT_MAIL_H
#define LT_MAIL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

typedef struct lt_mail_att {
	const char *filename;
	const char *content_type;
	const void *data;
	size_t len;
} lt_mail_att;

#define LT_MAIL_MAX_ATTEMPTS 8

/* Queue a message (kind: "report", "reminder", …; ref_id: what it is about). */
LT_MUST_CHECK int lt_mail_enqueue(lt_db *db, const char *kind, int64_t ref_id, const char *to,
		    const char *subject, const char *body, const lt_mail_att *att, size_t natt,
		    int64_t *id, lt_error *e);
/* Ids of queued messages due at now (at most limit): new array. */
LT_MUST_CHECK int lt_mail_due(lt_db *db, int64_t now, int limit, json_t **ids, lt_error *e);
/*
 * Load message id: {to, subject, body, status, attempts} and its attachments
 * as an array of {filename, content_type, data (base64-free: raw via blob)}.
 * The attachment bytes are copied into *blobs (owned, free with free())
 * with offsets in the JSON ("offset", "len").
 */
LT_MUST_CHECK int lt_mail_load(lt_db *db, int64_t id, json_t **msg, unsigned char **blobs, lt_error *e);
/* Record an attempt: ok → sent; else retry later (or failed after the last attempt). */
LT_MUST_CHECK int lt_mail_attempt(lt_db *db, int64_t id, int ok, const char *reply, lt_error *e);
/* Messages and their attempts (newest first), for the log view: new array. */
LT_MUST_CHECK int lt_mail_log(lt_db *db, const char *kind, int64_t ref_id, json_t **out, lt_error *e);

#endif
