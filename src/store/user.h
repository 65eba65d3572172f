/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * user.h — users, sessions and login throttling in the database.
 * A user belongs to one unit and acts on that unit's subtree.
 */
#ifndef LT_USER_H
#define LT_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_user {
	int64_t id;
	int64_t unit_id;
	const char *login;
	const char *name;
	const char *role; /* admin | officer | cadre */
	const char *email;
	bool disabled;
	/* the user's unit, joined */
	const char *unit_code;
	const char *unit_name;
	const char *unit_level;
	const char *unit_path;
} lt_user;

typedef struct lt_user_input {
	const char *login;
	const char *name;
	const char *role;
	int64_t unit_id;
	const char *email;
	const char *pw_hash; /* from lt_password_hash */
} lt_user_input;

/* Create a user; *id_out gets its id. */
LT_MUST_CHECK int lt_user_create(lt_db *db, const lt_user_input *in, int64_t actor, int64_t *id_out,
		   lt_error *e);
/* Replace a user's password hash and end all of its sessions. */
LT_MUST_CHECK int lt_user_set_password(lt_db *db, const char *login, const char *pw_hash, int64_t actor,
			 lt_error *e);
LT_MUST_CHECK int lt_user_get_by_login(lt_db *db, const char *login, lt_arena *a, lt_user *out,
			 char pw_hash[128], lt_error *e);
/* Users whose unit lies under path (NULL: all), optional search q; arena array. */
LT_MUST_CHECK int lt_user_list(lt_db *db, const char *within, const char *q, lt_arena *a, lt_user **items,
		 size_t *n, lt_error *e);
/* Is role one of admin / officer / cadre? */
bool lt_role_valid(const char *role);

/*
 * Sessions. The cookie holds a random token; the database keeps only its
 * SHA-256, so a leaked database does not leak live sessions.
 */
LT_MUST_CHECK int lt_session_create(lt_db *db, int64_t user_id, const char *ip, int64_t ttl,
		      char token[44], char csrf[44], lt_error *e);
/* Look the token up; LT_EAUTH when unknown, expired or the user is disabled. */
LT_MUST_CHECK int lt_session_lookup(lt_db *db, const char *token, lt_arena *a, lt_user *user,
		      char csrf[44], lt_error *e);
LT_MUST_CHECK int lt_session_delete(lt_db *db, const char *token, lt_error *e);

/* Failed logins for login / from ip since a time. */
LT_MUST_CHECK int lt_login_failures(lt_db *db, const char *login, const char *ip, int64_t since,
		      int *by_login, int *by_ip, lt_error *e);
LT_MUST_CHECK int lt_login_failure_add(lt_db *db, const char *login, const char *ip, lt_error *e);
LT_MUST_CHECK int lt_login_failure_clear(lt_db *db, const char *login, lt_error *e);

#endif
