/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * user.h — the users of the union tree: list, create, set a password.
 *
 * Officers list and create the users of their subtree, never with a role
 * above their own; the console manages everyone. A password is changed by
 * its user, by an administrator of the user's unit, or at the console.
 * (Login throttling and password rules are to be redesigned with the
 * security work; the behaviour here is the one the server always had.)
 */
#ifndef LT_APP_USER_H
#define LT_APP_USER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"
#include "store/user.h"

typedef struct lt_user_new {
	const char *login;
	const char *name;
	const char *role; /* admin | officer | cadre */
	int64_t unit_id;
	const char *email;    /* may be NULL */
	const char *password; /* hashed here (8–256 bytes) … */
	const char *pw_hash;  /* … unless already hashed (the demo shares one hash) */
} lt_user_new;

/*
 * Users of unit_id's subtree (0: the actor's), matching q (NULL: all), in
 * tree order; pg (NULL: all of them) asks for one page: then up to
 * pg->limit + 1 users come back, the last only saying there is more.
 */
struct lt_page;
LT_MUST_CHECK int lt_app_user_list(lt_db *db, const lt_actor *who, int64_t unit_id,
				   const char *q, const struct lt_page *pg, lt_arena *a,
				   lt_user **items, size_t *n, lt_error *e);
/* A page of users: items (at most limit of n), next_cursor (null at the end). */
json_t *lt_app_users_page_json(const lt_user *items, size_t n, int limit, lt_arena *a);
/* Create a user; *out gets it (strings in a). */
LT_MUST_CHECK int lt_app_user_create(lt_db *db, const lt_actor *who, const lt_user_new *in,
				     lt_arena *a, lt_user *out, lt_error *e);
/*
 * Reset the password of user id to password (8–256 bytes, Argon2id) and end
 * all of its sessions: by an officer or administrator whose subtree holds
 * the user's unit, for a user whose role is not above the actor's, never
 * the actor itself (that is a change, with the current password: auth.h).
 * 404 naming "id" for a user outside the actor's subtree (its existence is
 * not told), 403 naming "id" for a role above the actor's or oneself.
 */
LT_MUST_CHECK int lt_app_user_reset_password(lt_db *db, const lt_actor *who, int64_t id,
					     const char *password, lt_error *e);
/* Set login's password (8–256 bytes) and end all of its sessions. */
LT_MUST_CHECK int lt_app_user_set_password(lt_db *db, const lt_actor *who, const char *login,
					   const char *password, lt_error *e);

/* ---------- the API's documents (user_json.c); new references ---------- */

/* {id, login, name, role, disabled, email, unit: {id, code, name}} */
json_t *lt_app_user_json(const lt_user *u);
/* {"user": …} */
json_t *lt_app_user_doc_json(const lt_user *u);
/* {"items": […]} */
json_t *lt_app_users_json(const lt_user *items, size_t n);

#endif
