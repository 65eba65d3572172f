/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* auth.c — logging in and out; see auth.h. */
#include "app/auth.h"
#include "app/auth_int.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/password.h"

/* How long a success from an address makes the login "known" there. */
#define KNOWN_FOR (90 * 86400)
/* Live sessions a user keeps: a login past them ends the oldest (phones, PCs, browsers). */
#define SESSIONS_PER_USER 20

/* The k-th delay (k = 0 the first): login_delay doubled k times, at most login_delay_max. */
static int64_t delay_after(const lt_http_config *cfg, int k)
{
	int64_t d = cfg->login_delay;

	while (k-- > 0 && d < cfg->login_delay_max)
		d *= 2;
	return d < cfg->login_delay_max ? d : cfg->login_delay_max;
}

/* The refusal of an attempt that must wait wait seconds. */
static int throttled(int64_t wait, lt_error *e)
{
	if (wait < 60)
		return lt_error_set(e, LT_ETHROTTLE, "login",
				    "Đăng nhập sai nhiều lần: hãy thử lại sau %lld giây",
				    "Too many failed logins: try again in %lld seconds", (long long)wait);
	return lt_error_set(e, LT_ETHROTTLE, "login",
			    "Đăng nhập sai nhiều lần: hãy thử lại sau %lld phút",
			    "Too many failed logins: try again in %lld minutes",
			    (long long)((wait + 59) / 60));
}

int lt_auth_throttle_say(int rc, int64_t wait, const char *field, const char *vi,
			 const char *en, lt_error *e)
{
	if (rc != LT_ETHROTTLE)
		return rc;
	return lt_error_set(e, LT_ETHROTTLE, field, vi, en, (long long)wait);
}

int lt_auth_charge(lt_db *db, const lt_http_config *cfg, const char *kind, const char *login,
		   const char *ip, int free_failures, int64_t now, int64_t *wait, lt_error *e)
{
	lt_login_count c;
	bool charged = false;
	int rc = lt_login_charge(db, kind, login, ip, now, cfg->login_forget, &charged, &c, e);

	if (rc)
		return rc;
	if (!charged) {
		*wait = c.blocked_until > now ? c.blocked_until - now : 1;
		return throttled(*wait, e);
	}
	if (c.failures >= free_failures)
		rc = lt_login_block(db, kind, login, ip,
				    now + delay_after(cfg, c.failures - free_failures), e);
	return rc;
}

/*
 * Count the attempt before the password is checked, in one transaction:
 * the (login, address) counter always, the address's counter when the
 * login has not succeeded from it (*by_address). Refused: LT_ETHROTTLE
 * with *wait, and nothing counted.
 */
static int reserve(lt_db *db, const lt_http_config *cfg, const char *login, const char *ip,
		   int64_t now, bool *by_address, int64_t *wait, lt_error *e)
{
	bool known = false;
	int rc = lt_db_begin(db, e);

	*by_address = false;
	if (rc)
		return rc;
	rc = lt_auth_charge(db, cfg, "pair", login, ip, cfg->login_free, now, wait, e);
	if (!rc)
		rc = lt_login_known(db, login, ip, now - KNOWN_FOR, &known, e);
	if (!rc && !known) {
		*by_address = true;
		rc = lt_auth_charge(db, cfg, "address", "", ip, cfg->login_free_ip, now, wait, e);
	}
	return lt_db_end(db, rc, e);
}

/*
 * The right password: forget the (login, address) failures, take this
 * attempt back from the address's counter, remember the address, and open
 * the session, in one transaction.
 */
static int succeed(lt_db *db, const lt_http_config *cfg, const char *login, const char *ip,
		   bool by_address, int64_t now, lt_session_new *out, lt_error *e)
{
	int left = 0, rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_login_refund(db, "pair", login, ip, true, &left, e);
	if (!rc && by_address)
		rc = lt_login_refund(db, "address", "", ip, false, &left, e);
	if (!rc && by_address && left < cfg->login_free_ip)
		rc = lt_login_block(db, "address", "", ip, 0, e);
	if (!rc)
		rc = lt_login_known_put(db, login, ip, now, e);
	if (!rc)
		rc = lt_login_prune(db, now - cfg->login_forget, now - KNOWN_FOR, e);
	if (!rc)
		rc = lt_session_create(db, out->user.id, ip, cfg->session_ttl, out->token, out->csrf,
				       e);
	/* Sessions are bounded: one account logging in in a loop cannot grow the table. */
	if (!rc)
		rc = lt_session_trim(db, out->user.id, out->token, SESSIONS_PER_USER, e);
	return lt_db_end(db, rc, e);
}

int lt_app_auth_login(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
		      const char *login, const char *password, lt_arena *a, lt_session_new *out,
		      lt_error *e)
{
	const char *ip = who->ip ? who->ip : "-";
	char hash[LT_PWHASH_MAX] = "";
	int64_t now = lt_now(), wait = 0;
	bool found, by_address = false;
	int rc;

	memset(out, 0, sizeof(*out));
	out->outcome = LT_LOGIN_ERROR;
	/* Counted first (atomically): an attempt that cannot be counted is not checked. */
	rc = reserve(db, cfg, login, ip, now, &by_address, &wait, e);
	if (rc == LT_ETHROTTLE) {
		out->outcome = LT_LOGIN_THROTTLED;
		out->retry_after = wait;
	}
	if (rc)
		return rc;
	found = lt_user_get_by_login(db, login, a, &out->user, hash, NULL) == 0;
	if (!lt_password_verify(found ? hash : lt_password_dummy_hash(), password) || !found ||
	    out->user.disabled) {
		out->outcome = LT_LOGIN_FAILED;
		return lt_error_set(e, LT_EAUTH, "password", "Sai tên đăng nhập hoặc mật khẩu",
				    "Wrong login or password");
	}
	rc = succeed(db, cfg, login, ip, by_address, now, out, e);
	if (!rc)
		out->outcome = LT_LOGIN_OK;
	return rc;
}

int lt_app_auth_change_password(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
				const char *current, const char *new_password, lt_arena *a,
				lt_session_new *out, lt_error *e)
{
	const char *ip = who->ip ? who->ip : "-";
	char hash[LT_PWHASH_MAX] = "", fresh[LT_PWHASH_MAX];
	int64_t now = lt_now(), wait = 0;
	bool by_address = false;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	out->outcome = LT_LOGIN_ERROR;
	if (!rc && (who->kind != LT_ACTOR_USER || !who->login))
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL, "Chỉ người dùng đã đăng nhập mới đổi được",
				  "Only a logged-in user can change a password");
	/* Counted first, as a login is: guessing here is no faster than there. */
	if (!rc)
		rc = reserve(db, cfg, who->login, ip, now, &by_address, &wait, e);
	if (rc == LT_ETHROTTLE) {
		out->outcome = LT_LOGIN_THROTTLED;
		out->retry_after = wait;
	}
	if (!rc)
		rc = lt_user_get_by_login(db, who->login, a, &out->user, hash, e);
	if (!rc && !lt_password_verify(hash, current)) {
		out->outcome = LT_LOGIN_FAILED;
		rc = lt_error_set(e, LT_EINVAL, "current_password", "Mật khẩu hiện tại không đúng",
				  "The current password is wrong");
	}
	if (!rc && !strcmp(current, new_password))
		rc = lt_error_set(e, LT_EINVAL, "new_password",
				  "Mật khẩu mới phải khác mật khẩu hiện tại",
				  "The new password must differ from the current one");
	if (!rc) {
		rc = lt_password_hash(new_password, fresh, e);
		if (rc == LT_EINVAL)
			strcpy(e->field, "new_password");
	}
	if (!rc)
		rc = lt_user_set_password(db, who->login, fresh, lt_actor_audit_id(who), e);
	if (!rc)
		rc = succeed(db, cfg, who->login, ip, by_address, now, out, e);
	if (!rc)
		out->outcome = LT_LOGIN_OK;
	return rc;
}

int lt_app_auth_logout(lt_db *db, const lt_actor *who, const char *token, lt_error *e)
{
	(void)who; /* anyone may end a session they hold the token of */
	return lt_session_delete(db, token ? token : "", e);
}
