/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth.h — logging in and out.
 *
 * A login is refused while the account or the address has failed too often
 * in the window (cfg), checked against a dummy hash when the login is
 * unknown so that the answer takes as long; a failure that cannot be
 * recorded still refuses the login (fail closed). A success clears the
 * account's failures and opens a session in one transaction. (The rules are
 * to be redesigned with the security work; this is the behaviour the server
 * always had, moved here from the HTTP handler.)
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
	LT_LOGIN_THROTTLED, /* too many failures: LT_ETHROTTLE, retry after 15 minutes */
	LT_LOGIN_ERROR,     /* the database failed */
};

typedef struct lt_session_new {
	lt_user user;   /* strings in the arena */
	char token[44]; /* the cookie's value */
	char csrf[44];  /* the session's CSRF token */
	int outcome;    /* enum lt_login_outcome */
} lt_session_new;

/* Log in from who->ip (who: the public). */
LT_MUST_CHECK int lt_app_auth_login(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
				    const char *login, const char *password, lt_arena *a,
				    lt_session_new *out, lt_error *e);
/* End the session of token (NULL: none) and drop expired ones. */
LT_MUST_CHECK int lt_app_auth_logout(lt_db *db, const lt_actor *who, const char *token,
				     lt_error *e);

/* {"csrf_token": …, "user": {id, login, name, role, unit: {id, code, name, level}}} (new). */
json_t *lt_app_auth_json(const lt_user *u, const char *csrf);

#endif
