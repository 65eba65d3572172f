/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* reset.c — forgotten-password tokens; see reset.h. */
#include "store/reset.h"

#include <string.h>

#include "store/user.h"

int lt_reset_find(lt_db *db, const char *ident, lt_arena *a,
		  const char *logins[LT_RESET_MAX_USERS], size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT id, login FROM app_user WHERE (login = $1 OR lower(email) = lower($1))"
			     " AND disabled = 0 AND email IS NOT NULL AND email <> ''"
			     " ORDER BY id LIMIT $2",
			     &st, e, LT_T(ident), LT_I(LT_RESET_MAX_USERS));

	*n = 0;
	return rc ? rc : lt_user_read_logins(st, a, NULL, logins, LT_RESET_MAX_USERS, n, e);
}

int lt_reset_put(lt_db *db, int64_t user_id, const char *token_hash, int64_t now,
		 int64_t expires_at, lt_error *e)
{
	int rc = lt_db_run(db,
			   "DELETE FROM password_reset WHERE (user_id = $1 AND used_at IS NULL)"
			   " OR expires_at < $2",
			   e, LT_I(user_id), LT_I(now - 86400));

	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO password_reset(token_hash, user_id, created_at, expires_at)"
			       " VALUES ($1, $2, $3, $4)",
			       e, LT_T(token_hash), LT_I(user_id), LT_I(now), LT_I(expires_at));
	return rc;
}

int lt_reset_take(lt_db *db, const char *token_hash, int64_t now, int64_t *user_id, lt_error *e)
{
	int rc;

	*user_id = 0;
	rc = lt_db_int(db,
		       "UPDATE password_reset SET used_at = $2 WHERE token_hash = $1"
		       " AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
		       user_id, e, LT_T(token_hash), LT_I(now));
	return rc < 0 ? rc : 0;
}

int lt_reset_drop_user(lt_db *db, int64_t user_id, lt_error *e)
{
	return lt_db_run(db, "DELETE FROM password_reset WHERE user_id = $1 AND used_at IS NULL", e,
			 LT_I(user_id));
}
