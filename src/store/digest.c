/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* digest.c — the daily digest's rows; see digest.h. */
#include "store/digest.h"

#include "store/user.h"

int lt_digest_get(lt_db *db, int64_t user_id, bool *on, lt_error *e)
{
	int64_t v = 0;
	int rc = lt_db_int(db, "SELECT digest FROM app_user WHERE id = $1", &v, e, LT_I(user_id));

	*on = v != 0;
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có người dùng #%lld",
				    "No user #%lld", (long long)user_id);
	return rc < 0 ? rc : 0;
}

int lt_digest_set(lt_db *db, int64_t user_id, bool on, lt_error *e)
{
	int64_t id = 0;
	int rc = lt_db_int(db, "UPDATE app_user SET digest = $2 WHERE id = $1 RETURNING id", &id, e,
			   LT_I(user_id), LT_I(on ? 1 : 0));

	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có người dùng #%lld",
				    "No user #%lld", (long long)user_id);
	return rc < 0 ? rc : 0;
}

int lt_digest_due(lt_db *db, const char *day, int64_t after_id, int limit, lt_arena *a,
		  int64_t *ids, const char **logins, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT id, login FROM app_user WHERE digest = 1 AND disabled = 0"
			     " AND email IS NOT NULL AND email <> ''"
			     " AND (digest_day IS NULL OR digest_day < $1) AND id > $2"
			     " ORDER BY id LIMIT $3",
			     &st, e, LT_T(day), LT_I(after_id), LT_I(limit));

	*n = 0;
	return rc ? rc : lt_user_read_logins(st, a, ids, logins, (size_t)limit, n, e);
}

int lt_digest_claim(lt_db *db, int64_t user_id, const char *day, bool *fresh, lt_error *e)
{
	int64_t id = 0;
	int rc = lt_db_int(db,
			   "UPDATE app_user SET digest_day = $2 WHERE id = $1"
			   " AND (digest_day IS NULL OR digest_day < $2) RETURNING id",
			   &id, e, LT_I(user_id), LT_T(day));

	*fresh = rc == 1;
	return rc < 0 ? rc : 0;
}
