/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_auth.c — login, logout, who am I, a forgotten password (app/auth.h),
 * and the caller's daily digest setting (app/digest.h).
 */
#include <string.h>

#include "app/auth.h"
#include "app/digest.h"
#include "app/user.h"
#include "http/api.h"
#include "http/metrics.h"

/* The session s opened: its cookie, and {csrf_token, user}. */
static int reply_session(lt_http_req *req, const lt_session_new *s)
{
	const lt_http_config *cfg = &req->app->cfg;

	lt_reply_header(req, "Set-Cookie",
			lt_arena_printf(&req->arena,
					"lantoa_session=%s; Path=/; HttpOnly; SameSite=Strict;"
					" Max-Age=%lld%s",
					s->token, (long long)cfg->session_ttl,
					cfg->secure_cookies ? "; Secure" : ""));
	return lt_reply_json(req, 200, lt_app_auth_json(&s->user, s->csrf));
}

/* The body {keys[0], keys[1]}: both strings required, at most max0 / max1 bytes (copied). */
static int two_strings(lt_http_req *req, const char *const *keys, size_t max0, size_t max1,
		       const char **v0, const char **v1)
{
	json_t *body = NULL;
	int rc = lt_req_json_or_reply(req, keys, &body);

	if (!rc)
		rc = lt_json_str_or_reply(req, body, keys[0], true, max0, v0);
	if (!rc)
		rc = lt_json_str_or_reply(req, body, keys[1], true, max1, v1);
	json_decref(body);
	return rc;
}

/* A throttled answer (rc LT_ETHROTTLE) says when to try again. */
static void retry_after(lt_http_req *req, int rc, int64_t secs)
{
	if (rc == LT_ETHROTTLE)
		lt_reply_header(req, "Retry-After",
				lt_arena_printf(&req->arena, "%lld", (long long)secs));
}

int lt_api_login(lt_http_req *req)
{
	static const char *const keys[] = { "login", "password", NULL };
	static const char *const event[] = { [LT_LOGIN_OK] = "login_ok",
					     [LT_LOGIN_FAILED] = "login_fail",
					     [LT_LOGIN_THROTTLED] = "login_throttled",
					     [LT_LOGIN_ERROR] = NULL };
	const lt_http_config *cfg = &req->app->cfg;
	const char *login = NULL, *password = NULL;
	lt_session_new s;
	int rc = two_strings(req, keys, 64, 256, &login, &password);

	if (rc)
		return rc;
	rc = lt_app_auth_login(req->db, &req->actor, cfg, login, password, &req->arena, &s,
			       &req->err);
	if (event[s.outcome])
		lt_metrics_event(event[s.outcome]);
	retry_after(req, rc, s.retry_after);
	if (rc)
		return rc;
	return reply_session(req, &s);
}

int lt_api_logout(lt_http_req *req)
{
	int rc = lt_app_auth_logout(req->db, &req->actor, lt_req_cookie(req, "lantoa_session"),
				    &req->err);

	if (rc)
		return rc;
	lt_reply_header(req, "Set-Cookie",
			"lantoa_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return lt_reply_json(req, 200, json_object());
}

int lt_api_me(lt_http_req *req)
{
	return lt_reply_json(req, 200, lt_app_auth_json(&req->user, req->csrf));
}

/*
 * POST /api/v1/me/password {current_password, new_password}: the caller's
 * own password. Every session of the user ends; the caller gets a new one.
 */
int lt_api_me_password(lt_http_req *req)
{
	static const char *const keys[] = { "current_password", "new_password", NULL };
	const char *cur = NULL, *fresh = NULL;
	lt_session_new s;
	int rc = two_strings(req, keys, 256, 256, &cur, &fresh);

	if (rc)
		return rc;
	rc = lt_app_auth_change_password(req->db, &req->actor, &req->app->cfg, cur, fresh,
					 &req->arena, &s, &req->err);
	retry_after(req, rc, s.retry_after);
	return rc ? rc : reply_session(req, &s);
}

/*
 * POST /api/v1/users/{id}/password {password}: an officer or administrator
 * resets the password of a user of its subtree; the user's sessions end.
 */
int lt_api_user_password_reset(lt_http_req *req)
{
	static const char *const keys[] = { "password", NULL };
	const char *pw = NULL;
	json_t *body = NULL;
	int rc = lt_req_json_or_reply(req, keys, &body);

	if (!rc)
		rc = lt_json_str_or_reply(req, body, "password", true, 256, &pw);
	json_decref(body);
	if (!rc)
		rc = lt_app_user_reset_password(req->db, &req->actor, req->params[0], pw,
						&req->err);
	return rc ? rc : lt_reply_json(req, 200, json_object());
}

/*
 * POST /api/v1/password/forgot {login}: a login or an e-mail address. The
 * answer is the same whether or not such an account exists (app/auth.h);
 * 429 with Retry-After when the requests are throttled.
 */
int lt_api_password_forgot(lt_http_req *req)
{
	static const char *const keys[] = { "login", NULL };
	const char *ident = NULL;
	int64_t retry = 0;
	json_t *body = NULL;
	int rc = lt_req_json_or_reply(req, keys, &body);

	if (!rc)
		rc = lt_json_line_or_reply(req, body, "login", true, 254, &ident);
	json_decref(body);
	if (rc)
		return rc;
	rc = lt_app_auth_forgot(req->db, &req->actor, &req->app->cfg, ident, &retry, &req->err);
	retry_after(req, rc, retry);
	if (rc)
		return rc;
	return lt_reply_json(req, 200,
			     json_pack("{s:b,s:i}", "sent", 1, "expires_in_minutes",
				       LT_RESET_TTL / 60));
}

/*
 * POST /api/v1/password/reset {token, new_password}: set a new password
 * with the mailed token; every session of the user ends (no new one opens:
 * the user signs in with the new password).
 */
int lt_api_password_reset(lt_http_req *req)
{
	static const char *const keys[] = { "token", "new_password", NULL };
	const char *token = NULL, *pw = NULL;
	int rc = two_strings(req, keys, 64, 256, &token, &pw);

	if (!rc)
		rc = lt_app_auth_reset(req->db, &req->actor, token, pw, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_object());
}

/* GET /api/v1/me/digest: {"enabled": bool}, the caller's daily digest setting. */
int lt_api_me_digest(lt_http_req *req)
{
	bool on = false;
	int rc = lt_app_digest_get(req->db, &req->actor, &on, &req->err);

	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:b}", "enabled", on));
}

/* POST /api/v1/me/digest {enabled: bool}: turn the caller's daily digest on or off. */
int lt_api_me_digest_set(lt_http_req *req)
{
	static const char *const keys[] = { "enabled", NULL };
	json_t *body = NULL, *v;
	bool on;
	int rc = lt_req_json_or_reply(req, keys, &body);

	if (rc)
		return rc;
	v = json_object_get(body, "enabled");
	if (!v || !json_is_boolean(v)) {
		json_decref(body);
		return lt_req_fail(req, LT_EINVAL, "enabled", "enabled phải là true hoặc false",
				   "enabled must be true or false");
	}
	on = json_is_true(v);
	json_decref(body);
	rc = lt_app_digest_set(req->db, &req->actor, on, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:b}", "enabled", on));
}
