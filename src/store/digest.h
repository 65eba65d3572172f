/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * digest.h — the daily digest's rows: each user's setting (off by default)
 * and the last day a digest was queued for it. SQL only: app/digest.c
 * decides when and what to send.
 */
#ifndef LT_STORE_DIGEST_H
#define LT_STORE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Does user_id want the digest? LT_ENOTFOUND naming "id" for no such user. */
LT_MUST_CHECK int lt_digest_get(lt_db *db, int64_t user_id, bool *on, lt_error *e);
/* Turn user_id's digest on or off. */
LT_MUST_CHECK int lt_digest_set(lt_db *db, int64_t user_id, bool on, lt_error *e);
/*
 * Up to limit users after after_id (id order) who want the digest, are
 * enabled, have an e-mail address and got none on day (YYYY-MM-DD):
 * ids[0..*n) and logins (in a).
 */
LT_MUST_CHECK int lt_digest_due(lt_db *db, const char *day, int64_t after_id, int limit,
				lt_arena *a, int64_t *ids, const char **logins, size_t *n,
				lt_error *e);
/*
 * Record that user_id's digest of day is being sent, in one statement:
 * *fresh is false when that day was recorded already (someone else sent it).
 */
LT_MUST_CHECK int lt_digest_claim(lt_db *db, int64_t user_id, const char *day, bool *fresh,
				  lt_error *e);

#endif
