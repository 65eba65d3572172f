/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth.h — logging in and out, and the login throttle.
 *
 * The throttle follows OWASP's authentication guidance (issue 13). Every
 * attempt is counted in the database before its password is checked, in
 * one atomic step per counter: attempts made at once (threads, two server
 * processes) cannot pass a counter together, and an attempt that cannot be
 * counted (a full disk) is refused unchecked — fail closed. Two counters:
 *   - per (login, address): after login_free failures each further attempt
 *     waits a delay that doubles (login_delay, up to login_delay_max);
 *   - per address: the same with login_free_ip, but only for the logins not
 *     known at that address (none succeeded from it in 90 days), so that an
 *     address spraying logins is slowed while its known users are not.
 * Nothing counts a login's failures across addresses, so the right password
 * from an address that has not failed is never refused because someone
 * else failed: nobody can lock another person's account. A success forgets
 * the (login, address) failures; a counter quiet for login_forget starts
 * again. An unknown login is checked against a dummy hash so that the
 * answer takes as long.
 */
#ifndef LT_APP_AUTH_H
#define LT_APP_AUTH_H

#include <jansson.h>

#include "app/actor.h"
#include "app/config.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"
#include "store/user.h"

/* How a login attempt ended, for the adapter's metrics. */
enum lt_login_outcome {
	LT_LOGIN_OK,
	LT_LOGIN_FAILED,    /* wrong login or password, disabled account: LT_EAUTH */
	LT_LOGIN_THROTTLED, /* too many failures: LT_ETHROTTLE, retry after retry_after seconds */
	LT_LOGIN_ERROR,     /* the database failed */
};

typedef struct lt_session_new {
	lt_user user;   /* strings in the arena */
	char token[44]; /* the cookie's value */
	char csrf[44];  /* the session's CSRF token */
	int outcome;    /* enum lt_login_outcome */
	int64_t retry_after; /* LT_LOGIN_THROTTLED: seconds to wait */
} lt_session_new;

/* Log in from who->ip (who: the public), with cfg's throttle (see above). */
LT_MUST_CHECK int lt_app_auth_login(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
				    const char *login, const char *password, lt_arena *a,
				    lt_session_new *out, lt_error *e);
/*
 * Change who's own password: current must be right (counted like a login
 * from who->ip, and throttled the same way: LT_ETHROTTLE with
 * out->retry_after), new_password 8–256 bytes and not the current one; it
 * is hashed with Argon2id. Every session of the user ends, the caller's
 * too, and a new one is opened for the caller (out: token and CSRF token),
 * so a stolen session does not outlive the change. Errors name
 * "current_password" (wrong: 400) or "new_password".
 */
LT_MUST_CHECK int lt_app_auth_change_password(lt_db *db, const lt_actor *who,
					      const lt_http_config *cfg, const char *current,
					      const char *new_password, lt_arena *a,
					      lt_session_new *out, lt_error *e);
/* End the session of token (NULL: none) and drop expired ones. */
LT_MUST_CHECK int lt_app_auth_logout(lt_db *db, const lt_actor *who, const char *token,
				     lt_error *e);

/* ---------- a forgotten password (auth_reset.c) ---------- */

/* How long a mailed reset link works, seconds. */
#define LT_RESET_TTL (30 * 60)

/*
 * "Quên mật khẩu?": ident is a login or an e-mail address. Each enabled
 * account it names that has an e-mail address (at most
 * LT_RESET_MAX_USERS) gets a mail with a one-time link, base_url +
 * "/#/reset?token=…", that works for LT_RESET_TTL; only the token's SHA-256
 * is kept, and a newer mail voids the older link. The caller learns nothing
 * of whether ident exists: 0 either way, in one transaction (one commit)
 * that differs only by the two inserts. Requests are throttled as logins are (per ident and
 * address, and per address, with the same free counts and growing
 * delays): LT_ETHROTTLE with *retry_after. base_url is [server] public_url,
 * else [feedback] public_url, else the address the server listens on —
 * never the request's Host header, which a requester chooses: a link built
 * from it would send the victim's token to the requester's site
 * (OWASP Forgot Password cheat sheet, "Host header injection").
 */
LT_MUST_CHECK int lt_app_auth_forgot(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
				     const char *ident, int64_t *retry_after, lt_error *e);
/*
 * Set a new password with a mailed token: new_password as for a change
 * (8–256 bytes, Argon2id; errors name "new_password", and the token stays
 * usable). The token is used up in the same transaction, and every session
 * of the user ends. A wrong, used or ended token: LT_EINVAL naming "token".
 */
LT_MUST_CHECK int lt_app_auth_reset(lt_db *db, const lt_actor *who, const char *token,
				    const char *new_password, lt_error *e);

/* {"csrf_token": …, "user": {id, login, name, role, unit: {id, code, name, level}}} (new). */
json_t *lt_app_auth_json(const lt_user *u, const char *csrf);

#endif
