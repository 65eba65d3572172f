/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* auth.c — logging in and out; see auth.h. */
#include "app/auth.h"

#include <string.h>

#include "core/clock.h"
#include "core/password.h"

int lt_app_auth_login(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
		      const char *login, const char *password, lt_arena *a, lt_session_new *out,
		      lt_error *e)
{
	char hash[LT_PWHASH_MAX] = "";
	int by_login = 0, by_ip = 0, rc;
	bool found;

	memset(out, 0, sizeof(*out));
	out->outcome = LT_LOGIN_ERROR;
	rc = lt_login_failures(db, login, who->ip, lt_now() - cfg->login_window, &by_login, &by_ip,
			       e);
	if (rc)
		return rc;
	if (by_login >= cfg->login_max_per_login || by_ip >= cfg->login_max_per_ip) {
		out->outcome = LT_LOGIN_THROTTLED;
		return lt_error_set(e, LT_ETHROTTLE, "login",
				    "Đăng nhập sai quá nhiều lần, hãy thử lại sau 15 phút",
				    "Too many failed logins, try again in 15 minutes");
	}
	found = lt_user_get_by_login(db, login, a, &out->user, hash, NULL) == 0;
	if (!lt_password_verify(found ? hash : lt_password_dummy_hash(), password) || !found ||
	    out->user.disabled) {
		/* A failure that cannot be counted still refuses the login (fail closed). */
		out->outcome = LT_LOGIN_FAILED;
		rc = lt_login_failure_add(db, login, who->ip, e);
		if (rc)
			return rc;
		return lt_error_set(e, LT_EAUTH, "password", "Sai tên đăng nhập hoặc mật khẩu",
				    "Wrong login or password");
	}
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_login_failure_clear(db, login, e);
	if (!rc)
		rc = lt_session_create(db, out->user.id, who->ip, cfg->session_ttl, out->token,
				       out->csrf, e);
	rc = lt_db_end(db, rc, e);
	if (!rc)
		out->outcome = LT_LOGIN_OK;
	return rc;
}

int lt_app_auth_logout(lt_db *db, const lt_actor *who, const char *token, lt_error *e)
{
	(void)who; /* anyone may end a session they hold the token of */
	return lt_session_delete(db, token ? token : "", e);
}
