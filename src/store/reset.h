/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * reset.h — forgotten-password tokens in the database. The token itself is
 * mailed and never stored: a row keeps its SHA-256, the user, when it ends
 * and when it was used. SQL only: app/auth_reset.c decides the policy.
 */
#ifndef LT_STORE_RESET_H
#define LT_STORE_RESET_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Most accounts one request may reach (an e-mail address shared by several logins). */
#define LT_RESET_MAX_USERS 5

/*
 * The logins of the enabled users with an e-mail address whose login is
 * ident or whose address is ident (case ignored), in id order, at most
 * LT_RESET_MAX_USERS: logins[0..*n) in a.
 */
LT_MUST_CHECK int lt_reset_find(lt_db *db, const char *ident, lt_arena *a,
				const char *logins[LT_RESET_MAX_USERS], size_t *n, lt_error *e);
/*
 * Keep a new token (its hash) for user_id, valid until expires_at. The
 * user's unused tokens before it are dropped (only the newest mail works),
 * and so are tokens that ended a day before now.
 */
LT_MUST_CHECK int lt_reset_put(lt_db *db, int64_t user_id, const char *token_hash, int64_t now,
			       int64_t expires_at, lt_error *e);
/*
 * Use the token of token_hash at now, in one statement (of two uses at once
 * only one wins): *user_id gets its user, or 0 when the token is unknown,
 * used already or ended.
 */
LT_MUST_CHECK int lt_reset_take(lt_db *db, const char *token_hash, int64_t now, int64_t *user_id,
				lt_error *e);
/* Drop the unused tokens of user_id (its password was just set). */
LT_MUST_CHECK int lt_reset_drop_user(lt_db *db, int64_t user_id, lt_error *e);

#endif
