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
/* The login of user id (in a); LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_user_login_of(lt_db *db, int64_t id, lt_arena *a, const char **login,
				   lt_error *e);
/*
 * Users whose unit lies under path (NULL: all), optional search q; arena
 * array, in (unit path, login) order: after_path/after_login (NULL: from the
 * start) and limit (0: all) give a page of it.
 */
LT_MUST_CHECK int lt_user_list(lt_db *db, const char *within, const char *q, const char *after_path,
			       const char *after_login, int limit, lt_arena *a, lt_user **items,
			       size_t *n, lt_error *e);
/*
 * Step st, whose rows are (id, login), into ids[0..*n) (ids may be NULL)
 * and logins (copied into a), at most max rows; ends st either way.
 */
LT_MUST_CHECK int lt_user_read_logins(lt_stmt *st, lt_arena *a, int64_t *ids, const char **logins,
				      size_t max, size_t *n, lt_error *e);
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
/*
 * Delete user_id's expired sessions and all its live ones but the keep
 * newest; the session of token (borrowed) is never deleted and counts
 * among them.
 */
LT_MUST_CHECK int lt_session_trim(lt_db *db, int64_t user_id, const char *token, int keep,
				  lt_error *e);

/*
 * The login throttle's counters, in the database so that every server
 * process shares them. A counter is (kind, login, ip): kind "pair" counts a
 * login's attempts from one address, kind "address" an address's attempts
 * (login ""). SQL only: app/auth.c decides what they mean.
 */
typedef struct lt_login_count {
	int failures;          /* attempts counted, the one being made included */
	int64_t blocked_until; /* no attempt before this instant (0: none) */
} lt_login_count;

/*
 * Count one more attempt on a counter at now, in one statement, unless it
 * is blocked (blocked_until > now): *charged says which, *out gets the
 * counter after the count or, blocked, as it stands. A counter quiet since
 * now - forget starts again at 1.
 */
LT_MUST_CHECK int lt_login_charge(lt_db *db, const char *kind, const char *login, const char *ip,
				  int64_t now, int64_t forget, bool *charged, lt_login_count *out,
				  lt_error *e);
/* Block a counter until until (0: not blocked). */
LT_MUST_CHECK int lt_login_block(lt_db *db, const char *kind, const char *login, const char *ip,
				 int64_t until, lt_error *e);
/* Take one attempt back from a counter (all: drop it); *left gets what stays. */
LT_MUST_CHECK int lt_login_refund(lt_db *db, const char *kind, const char *login, const char *ip,
				  bool all, int *left, lt_error *e);
/* Did login succeed from ip since since? */
LT_MUST_CHECK int lt_login_known(lt_db *db, const char *login, const char *ip, int64_t since,
				 bool *known, lt_error *e);
/* login succeeded from ip at now. */
LT_MUST_CHECK int lt_login_known_put(lt_db *db, const char *login, const char *ip, int64_t now,
				     lt_error *e);
/* Drop counters quiet since counters_before and successes older than known_before. */
LT_MUST_CHECK int lt_login_prune(lt_db *db, int64_t counters_before, int64_t known_before,
				 lt_error *e);

#endif
