/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth_reset.c — a forgotten password: the mailed one-time link and the new
 * password set with it; see auth.h.
 *
 * The throttle reuses the login's counters with their own keys: "pair"
 * counts (forgot:IDENT, address), "address" counts (forgot:, address), so
 * that asking for mails neither spends nor is spent by login attempts.
 */
#include <stdio.h>
#include <string.h>

#include "app/auth.h"
#include "app/auth_int.h"
#include "app/digest.h"
#include "core/clock.h"
#include "core/feedback.h"
#include "core/password.h"
#include "store/mail.h"
#include "store/reset.h"

static int nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* Count the request on both counters (in the caller's transaction); refused: LT_ETHROTTLE and *wait. */
static int reserve(lt_db *db, const lt_http_config *cfg, const char *ident, const char *ip,
		   int64_t now, lt_arena *a, int64_t *wait, lt_error *e)
{
	const char *key = lt_arena_printf(a, "forgot:%s", ident);
	int rc;

	if (!key)
		return nomem(e);
	rc = lt_auth_charge(db, cfg, "pair", key, ip, cfg->login_free, now, wait, e);
	if (!rc)
		rc = lt_auth_charge(db, cfg, "address", "forgot:", ip, cfg->login_free_ip, now, wait,
				    e);
	return lt_auth_throttle_say(rc, *wait, "login",
				    "Đã yêu cầu đặt lại mật khẩu nhiều lần: hãy thử lại sau %lld giây",
				    "Too many password reset requests: try again in %lld seconds", e);
}

/* The mail of one token to user u. */
static int queue_mail(lt_db *db, const lt_user *u, const char *base, const char *token,
		      lt_arena *a, lt_error *e)
{
	const char *link = lt_arena_printf(a, "%s/#/reset?token=%s", base, token);
	const char *body = link ? lt_arena_printf(a,
		"Kính gửi: %s\n\n"
		"Có người (có thể là bạn) vừa yêu cầu đặt lại mật khẩu lantoa của tài khoản %s.\n"
		"Để đặt mật khẩu mới, hãy mở liên kết sau trong vòng %d phút (chỉ dùng được một lần):\n\n"
		"%s\n\n"
		"Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.\n\n"
		"Someone (perhaps you) asked to reset the lantoa password of account %s.\n"
		"To set a new one, open the link above within %d minutes (it works once).\n"
		"If you did not ask, ignore this mail: your password stays as it is.\n\n"
		"-- \nThư tự động từ lantoa.\n",
		u->name, u->login, LT_RESET_TTL / 60, link, u->login, LT_RESET_TTL / 60) : NULL;

	if (!body)
		return nomem(e);
	return lt_mail_enqueue(db, "password_reset", u->id, u->email,
			       "Đặt lại mật khẩu lantoa / Reset your lantoa password", body, NULL, 0,
			       NULL, e);
}

/* A new token for the account of login, kept (hashed) and mailed. */
static int mail_one(lt_db *db, const char *login, const char *base, int64_t now, lt_arena *a,
		    lt_error *e)
{
	lt_user u;
	char token[44], hash[65];
	int rc;

	lt_random_token(token);
	lt_sha256_hex(token, strlen(token), hash);
	rc = lt_user_get_by_login(db, login, a, &u, NULL, e);
	if (!rc)
		rc = lt_reset_put(db, u.id, hash, now, now + LT_RESET_TTL, e);
	if (!rc)
		rc = queue_mail(db, &u, base, token, a, e);
	return rc;
}

int lt_app_auth_forgot(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
		       const char *ident, int64_t *retry_after, lt_error *e)
{
	const char *ip = who->ip ? who->ip : "-", *logins[LT_RESET_MAX_USERS];
	const char *base = lt_app_digest_base(); /* configured, else the listen address (auth.h) */
	int64_t now = lt_now(), wait = 0;
	size_t n = 0;
	lt_arena a;
	int rc = 0;

	*retry_after = 0;
	if (!ident || !*ident || strlen(ident) > 254)
		return lt_error_set(e, LT_EINVAL, "login",
				    "Hãy nhập tên đăng nhập hoặc địa chỉ e-mail (tối đa 254 ký tự)",
				    "Enter a login or an e-mail address (at most 254 characters)");
	lt_arena_init(&a);
	/*
	 * One transaction, one commit, whether or not ident names an account:
	 * the answer's time tells as little as its text. A refused request
	 * counts nothing.
	 */
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = reserve(db, cfg, ident, ip, now, &a, &wait, e);
	if (rc == LT_ETHROTTLE)
		*retry_after = wait;
	if (rc)
		goto end;
	rc = lt_reset_find(db, ident, &a, logins, &n, e);
	for (size_t i = 0; !rc && i < n; i++)
		rc = mail_one(db, logins[i], base, now, &a, e);
end:
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

static int bad_token(lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "token",
			    "Liên kết đặt lại mật khẩu không đúng, đã được dùng hoặc đã hết hạn:"
			    " hãy yêu cầu liên kết mới",
			    "This password reset link is wrong, used or expired: ask for a new one");
}

int lt_app_auth_reset(lt_db *db, const lt_actor *who, const char *token, const char *new_password,
		      lt_error *e)
{
	char hash[65], fresh[LT_PWHASH_MAX];
	const char *login = NULL;
	int64_t uid = 0;
	lt_arena a;
	int rc;

	(void)who; /* the token is the credential: whoever holds it may use it, once */
	if (!token || strlen(token) != 43)
		return bad_token(e);
	/* Checked before the token is spent: a too-short password leaves the link working. */
	rc = lt_password_hash(new_password ? new_password : "", fresh, e);
	if (rc == LT_EINVAL)
		strcpy(e->field, "new_password");
	if (rc)
		return rc;
	lt_sha256_hex(token, strlen(token), hash);
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_reset_take(db, hash, lt_now(), &uid, e);
	if (!rc && !uid)
		rc = bad_token(e);
	if (!rc)
		rc = lt_user_login_of(db, uid, &a, &login, e);
	/* Sets the hash and ends every session of the user; audited as the user's own act. */
	if (!rc)
		rc = lt_user_set_password(db, login, fresh, uid, e);
	if (!rc)
		rc = lt_reset_drop_user(db, uid, e);
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}
