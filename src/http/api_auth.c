/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_auth.c — login, logout, who am I. */
#include <stdio.h>
#include <string.h>

#include "core/password.h"
#include "http/api.h"
#include "http/metrics.h"
#include "store/store.h"

static json_t *user_json(const lt_user *u, const char *csrf)
{
	return json_pack("{s:s,s:{s:I,s:s,s:s,s:s,s:{s:I,s:s,s:s,s:s}}}", "csrf_token", csrf,
			 "user", "id", (json_int_t)u->id, "login", u->login, "name", u->name,
			 "role", u->role, "unit", "id", (json_int_t)u->unit_id, "code",
			 u->unit_code, "name", u->unit_name, "level", u->unit_level);
}

int lt_api_login(lt_http_req *req)
{
	static const char *const keys[] = { "login", "password", NULL };
	const lt_http_config *cfg = &req->app->cfg;
	json_t *body = NULL;
	const char *login, *password;
	char hash[128] = "", token[44], csrf[44];
	char *cookie;
	lt_user u;
	int by_login = 0, by_ip = 0, rc;
	bool found;

	rc = lt_req_json_or_reply(req, keys, &body);
	if (!rc)
		rc = lt_json_str_or_reply(req, body, "login", true, 64, &login);
	if (!rc)
		rc = lt_json_str_or_reply(req, body, "password", true, 256, &password);
	json_decref(body);
	if (rc)
		return rc;
	rc = lt_login_failures(req->db, login, req->ip, lt_now() - cfg->login_window, &by_login,
			       &by_ip, &req->err);
	if (rc)
		return rc;
	if (by_login >= cfg->login_max_per_login || by_ip >= cfg->login_max_per_ip) {
		lt_metrics_event("login_throttled");
		lt_reply_header(req, "Retry-After", "900");
		return lt_req_fail(req, LT_ETHROTTLE, "login",
				   "Đăng nhập sai quá nhiều lần, hãy thử lại sau 15 phút",
				   "Too many failed logins, try again in 15 minutes");
	}
	found = lt_user_get_by_login(req->db, login, &req->arena, &u, hash, NULL) == 0;
	if (!lt_password_verify(found ? hash : lt_password_dummy_hash(), password) || !found || u.disabled) {
		lt_metrics_event("login_fail");
		/* A failure that cannot be counted still refuses the login (fail closed). */
		rc = lt_login_failure_add(req->db, login, req->ip, &req->err);
		if (rc)
			return rc;
		return lt_req_fail(req, LT_EAUTH, "password",
				   "Sai tên đăng nhập hoặc mật khẩu",
				   "Wrong login or password");
	}
	rc = lt_db_begin(req->db, &req->err);
	if (!rc)
		rc = lt_login_failure_clear(req->db, login, &req->err);
	if (!rc)
		rc = lt_session_create(req->db, u.id, req->ip, cfg->session_ttl, token, csrf,
				       &req->err);
	if (rc) {
		lt_db_rollback(req->db);
		return rc;
	}
	rc = lt_db_commit(req->db, &req->err);
	if (rc)
		return rc;
	lt_metrics_event("login_ok");
	cookie = lt_arena_printf(&req->arena,
				 "lantoa_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
				 token, (long long)cfg->session_ttl,
				 cfg->secure_cookies ? "; Secure" : "");
	lt_reply_header(req, "Set-Cookie", cookie);
	return lt_reply_json(req, 200, user_json(&u, csrf));
}

int lt_api_logout(lt_http_req *req)
{
	const char *tok = lt_req_cookie(req, "lantoa_session");
	int rc = lt_session_delete(req->db, tok ? tok : "", &req->err);

	if (rc)
		return rc;
	lt_reply_header(req, "Set-Cookie",
			"lantoa_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return lt_reply_json(req, 200, json_object());
}

int lt_api_me(lt_http_req *req)
{
	return lt_reply_json(req, 200, user_json(&req->user, req->csrf));
}
