/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* user.c — users, sessions, login throttling; see user.h. */
#include "store/user.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/password.h"
#include "core/tree.h"
#include "core/validate.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/unit_int.h"
#include "text/fold.h"

#define USER_COLS                                                                      \
	"x.id, x.unit_id, x.login, x.name, x.role, x.email, x.disabled,"               \
	" u.code, u.name, u.level, u.path, x.pw_hash"

static void read_user(lt_stmt *st, lt_arena *a, lt_user *x)
{
	memset(x, 0, sizeof(*x));
	x->id = lt_stmt_int(st, 0);
	x->unit_id = lt_stmt_int(st, 1);
	x->login = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->name = lt_arena_strdup(a, lt_stmt_text(st, 3));
	x->role = lt_arena_strdup(a, lt_stmt_text(st, 4));
	x->email = lt_arena_strdup(a, lt_stmt_text(st, 5));
	x->disabled = lt_stmt_int(st, 6) != 0;
	x->unit_code = lt_arena_strdup(a, lt_stmt_text(st, 7));
	x->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 8));
	x->unit_level = lt_arena_strdup(a, lt_stmt_text(st, 9));
	x->unit_path = lt_arena_strdup(a, lt_stmt_text(st, 10));
}

bool lt_role_valid(const char *role)
{
	return role && (!strcmp(role, "admin") || !strcmp(role, "officer") ||
			!strcmp(role, "cadre"));
}

int lt_user_create(lt_db *db, const lt_user_input *in, int64_t actor, int64_t *id_out,
		   lt_error *e)
{
	char *fold = NULL;
	int64_t id = 0;
	int rc;

	rc = lt_check_login("login", in->login, e);
	if (!rc)
		rc = lt_check_text("name", in->name, 200, e);
	if (!rc)
		rc = lt_check_email("email", in->email, e);
	if (!rc && !lt_role_valid(in->role))
		rc = lt_error_set(e, LT_EINVAL, "role",
				  "Vai trò phải là admin, officer hoặc cadre",
				  "Role must be admin, officer or cadre");
	if (rc)
		return rc;
	fold = lt_text_fold(in->name, strlen(in->name));
	if (!fold)
		return lt_error_set(e, LT_EINVAL, "name", "Tên không phải UTF-8 hợp lệ",
				    "Name is not valid UTF-8");
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_db_int(db,
		       "INSERT INTO app_user(login, name, name_fold, unit_id, role, email,"
		       " pw_hash, created_at) SELECT $1, $2, $3, id, $5, $6, $7, $8 FROM unit"
		       " WHERE id = $4 AND active_to IS NULL RETURNING id",
		       &id, e, LT_T(in->login), LT_T(in->name), LT_T(fold), LT_I(in->unit_id),
		       LT_T(in->role), LT_OT(in->email), LT_T(in->pw_hash), LT_I(lt_now()));
	if (rc == LT_EEXIST) {
		lt_error_set(e, LT_EEXIST, "login", "Tên đăng nhập %s đã được dùng",
			     "Login %s is already taken", in->login);
		goto fail;
	}
	if (rc == 0) {
		rc = lt_error_set(e, LT_EINVAL, "unit", "Đơn vị không tồn tại hoặc đã giải thể",
				  "The unit does not exist or is closed");
		goto fail;
	}
	if (rc < 0)
		goto fail;
	rc = lt_audit(db, actor, "create", "user", id, NULL, e);
fail:
	rc = lt_db_end(db, rc < 0 ? rc : 0, e);
	if (!rc && id_out)
		*id_out = id;
out:
	free(fold);
	return rc;
}

int lt_user_set_password(lt_db *db, const char *login, const char *pw_hash, int64_t actor,
			 lt_error *e)
{
	int64_t id = 0;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_int(db, "UPDATE app_user SET pw_hash = $2 WHERE login = $1 RETURNING id", &id,
		       e, LT_T(login), LT_T(pw_hash));
	if (rc == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "login", "Không có người dùng %s",
				  "No such user: %s", login);
	if (rc < 0)
		goto fail;
	rc = lt_db_run(db, "DELETE FROM session WHERE user_id = $1", e, LT_I(id));
	if (!rc)
		rc = lt_audit(db, actor, "password", "user", id, NULL, e);
fail:
	return lt_db_end(db, rc, e);
}

int lt_user_get_by_login(lt_db *db, const char *login, lt_arena *a, lt_user *out,
			 char pw_hash[128], lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   "SELECT " USER_COLS " FROM app_user x JOIN unit u ON u.id = x.unit_id"
			   " WHERE x.login = $1",
			   &st, e, LT_T(login));

	if (rc == 1) {
		read_user(st, a, out);
		if (pw_hash)
			snprintf(pw_hash, 128, "%s", lt_stmt_text(st, 11));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "login", "Không có người dùng %s",
				    "No such user: %s", login);
	return rc < 0 ? rc : 0;
}

int lt_user_login_of(lt_db *db, int64_t id, lt_arena *a, const char **login, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT login FROM app_user WHERE id = $1", &st, e);

	*login = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*login = lt_arena_strdup(a, lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có người dùng #%lld",
				    "No user #%lld", (long long)id);
	if (rc == 1 && !*login)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc < 0 ? rc : 0;
}

int lt_user_read_logins(lt_stmt *st, lt_arena *a, int64_t *ids, const char **logins, size_t max,
			size_t *n, lt_error *e)
{
	int rc = 0;

	*n = 0;
	while (*n < max && (rc = lt_stmt_step(st, e)) == 1) {
		if (ids)
			ids[*n] = lt_stmt_int(st, 0);
		logins[*n] = lt_arena_strdup(a, lt_stmt_text(st, 1));
		if (!logins[*n]) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		(*n)++;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_user_list(lt_db *db, const char *within, const char *q, const char *after_path,
		 const char *after_login, int limit, lt_arena *a, lt_user **items, size_t *n,
		 lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	char *fold = NULL;
	lt_user *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (q) {
		fold = lt_text_fold(q, strlen(q));
		if (!fold)
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
	}
	lt_tree_path_end(within ? within : "/", end);
	rc = lt_db_query(db,
			 "SELECT " USER_COLS ", x.name_fold FROM app_user x"
			 " JOIN unit u ON u.id = x.unit_id WHERE u.path >= $1 AND u.path < $2"
			 " AND ($3 IS NULL OR u.path > $3 OR (u.path = $3 AND x.login > $4))"
			 /* A search filters further in C: only a list without one is bounded here. */
			 " ORDER BY u.path, x.login LIMIT $5",
			 &st, e, LT_T(within ? within : "/"), LT_T(end), LT_OT(after_path),
			 LT_T(after_login ? after_login : ""), LT_I(lt_store_limit(fold ? 0 : limit)));
	if (rc)
		goto out;
	while ((limit <= 0 || cnt < (size_t)limit) && (rc = lt_stmt_step(st, e)) == 1) {
		if (fold && !lt_text_match_folded(lt_stmt_text(st, 12), fold) &&
		    !lt_text_match_folded(lt_stmt_text(st, 2), fold))
			continue;
		if (cnt == cap) {
			lt_user *p;
			cap = cap ? cap * 2 : 32;
			p = lt_arena_alloc(a, cap * sizeof(*p));
			if (!p) {
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
				break;
			}
			if (cnt)
				memcpy(p, arr, cnt * sizeof(*p));
			arr = p;
		}
		read_user(st, a, &arr[cnt++]);
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	*items = arr;
	*n = cnt;
out:
	free(fold);
	return rc;
}

int lt_session_create(lt_db *db, int64_t user_id, const char *ip, int64_t ttl,
		      char token[44], char csrf[44], lt_error *e)
{
	char hash[65];
	int64_t now = lt_now();

	lt_random_token(token);
	lt_random_token(csrf);
	lt_sha256_hex(token, strlen(token), hash);
	return lt_db_run(db,
			 "INSERT INTO session(token_hash, user_id, csrf, created_at, expires_at, ip,"
			 " created_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			 e, LT_T(hash), LT_I(user_id), LT_T(csrf), LT_I(now), LT_I(now + ttl),
			 LT_T(ip), LT_I(lt_now_us()));
}

int lt_session_lookup(lt_db *db, const char *token, lt_arena *a, lt_user *user,
		      char csrf[44], lt_error *e)
{
	lt_stmt *st = NULL;
	char hash[65];
	int rc;

	lt_sha256_hex(token, strlen(token), hash);
	rc = lt_db_row(db,
		       "SELECT " USER_COLS ", s.csrf FROM session s"
		       " JOIN app_user x ON x.id = s.user_id JOIN unit u ON u.id = x.unit_id"
		       " WHERE s.token_hash = $1 AND s.expires_at > $2 AND x.disabled = 0",
		       &st, e, LT_T(hash), LT_I(lt_now()));
	if (rc == 1) {
		read_user(st, a, user);
		snprintf(csrf, 44, "%s", lt_stmt_text(st, 12));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_EAUTH, NULL, "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại",
				    "Your session has expired, please log in again");
	return rc < 0 ? rc : 0;
}

int lt_session_delete(lt_db *db, const char *token, lt_error *e)
{
	char hash[65];

	lt_sha256_hex(token, strlen(token), hash);
	return lt_db_run(db, "DELETE FROM session WHERE token_hash = $1 OR expires_at < $2", e,
			 LT_T(hash), LT_I(lt_now()));
}

int lt_session_trim(lt_db *db, int64_t user_id, const char *token, int keep, lt_error *e)
{
	char hash[65];

	lt_sha256_hex(token, strlen(token), hash);
	return lt_db_run(db,
			 "DELETE FROM session WHERE user_id = $1 AND token_hash <> $2 AND"
			 " (expires_at <= $3 OR token_hash NOT IN (SELECT token_hash FROM session"
			 "  WHERE user_id = $1 AND token_hash <> $2 AND expires_at > $3"
			 "  ORDER BY created_us DESC, token_hash DESC LIMIT $4))",
			 e, LT_I(user_id), LT_T(hash), LT_I(lt_now()), LT_I(keep > 1 ? keep - 1 : 0));
}

/* ---------- the login throttle's counters (app/auth.c decides the policy) ---------- */

/* Prepare sql and bind its counter key, $1 kind, $2 login, $3 ip. */
static int counter_stmt(lt_db *db, const char *sql, const char *kind, const char *login,
			const char *ip, lt_stmt **st, lt_error *e)
{
	return lt_db_query(db, sql, st, e, LT_T(kind), LT_T(login), LT_T(ip));
}

/* Step st once into out (columns failures, blocked_until): 1 when a row came. */
static int step_count(lt_stmt *st, lt_login_count *out, lt_error *e)
{
	int rc = lt_stmt_step(st, e);

	if (rc == 1) {
		out->failures = (int)lt_stmt_int(st, 0);
		out->blocked_until = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	return rc;
}

int lt_login_charge(lt_db *db, const char *kind, const char *login, const char *ip, int64_t now,
		    int64_t forget, bool *charged, lt_login_count *out, lt_error *e)
{
	lt_stmt *st = NULL;
	/*
	 * One statement, so that two attempts at once (two threads, two
	 * servers) cannot both pass the check: the row is locked from the test
	 * of blocked_until to the count.
	 */
	int rc = counter_stmt(db,
			      "INSERT INTO login_throttle(kind, login, ip, failures, blocked_until,"
			      " updated_at) VALUES ($1, $2, $3, 1, 0, $4)"
			      " ON CONFLICT (kind, login, ip) DO UPDATE SET"
			      " failures = CASE WHEN login_throttle.updated_at <= $5 THEN 1"
			      " ELSE login_throttle.failures + 1 END,"
			      " blocked_until = CASE WHEN login_throttle.updated_at <= $5 THEN 0"
			      " ELSE login_throttle.blocked_until END,"
			      " updated_at = $4"
			      " WHERE login_throttle.blocked_until <= $4 OR login_throttle.updated_at <= $5"
			      " RETURNING failures, blocked_until",
			      kind, login, ip, &st, e);

	*charged = false;
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 4, now);
	lt_stmt_bind_int(st, 5, now - forget);
	rc = step_count(st, out, e);
	*charged = rc == 1;
	if (rc != 0)
		return rc < 0 ? rc : 0;
	/* Blocked: how long for. */
	rc = counter_stmt(db,
			  "SELECT failures, blocked_until FROM login_throttle"
			  " WHERE kind = $1 AND login = $2 AND ip = $3",
			  kind, login, ip, &st, e);
	if (!rc)
		rc = step_count(st, out, e);
	return rc < 0 ? rc : 0;
}

int lt_login_block(lt_db *db, const char *kind, const char *login, const char *ip, int64_t until,
		   lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = counter_stmt(db,
			      "UPDATE login_throttle SET blocked_until = $4"
			      " WHERE kind = $1 AND login = $2 AND ip = $3",
			      kind, login, ip, &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 4, until);
	return lt_stmt_run(st, e);
}

int lt_login_refund(lt_db *db, const char *kind, const char *login, const char *ip,
		    bool all, int *left, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_login_count c = { 0 };
	int rc = counter_stmt(db,
			      all ? "DELETE FROM login_throttle WHERE kind = $1 AND login = $2"
				    " AND ip = $3 RETURNING 0, 0"
				  : "UPDATE login_throttle SET failures = failures - 1"
				    " WHERE kind = $1 AND login = $2 AND ip = $3 AND failures > 0"
				    " RETURNING failures, blocked_until",
			      kind, login, ip, &st, e);

	*left = 0;
	if (!rc)
		rc = step_count(st, &c, e);
	*left = c.failures;
	return rc < 0 ? rc : 0;
}

int lt_login_known(lt_db *db, const char *login, const char *ip, int64_t since, bool *known,
		   lt_error *e)
{
	int64_t one;
	int rc = lt_db_int(db,
			   "SELECT 1 FROM login_known WHERE login = $1 AND ip = $2 AND last_ok >= $3",
			   &one, e, LT_T(login), LT_T(ip), LT_I(since));

	*known = rc == 1;
	return rc < 0 ? rc : 0;
}

int lt_login_known_put(lt_db *db, const char *login, const char *ip, int64_t now, lt_error *e)
{
	return lt_db_run(db,
			 "INSERT INTO login_known(login, ip, last_ok) VALUES ($1, $2, $3)"
			 " ON CONFLICT (login, ip) DO UPDATE SET last_ok = excluded.last_ok",
			 e, LT_T(login), LT_T(ip), LT_I(now));
}

int lt_login_prune(lt_db *db, int64_t counters_before, int64_t known_before, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM login_throttle WHERE updated_at <= $1", e,
			   LT_I(counters_before));

	return rc ? rc : lt_db_run(db, "DELETE FROM login_known WHERE last_ok < $1", e,
				   LT_I(known_before));
}
