/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * actor.h — who is acting, handed explicitly to every use case in app/.
 *
 * An adapter builds the actor once (http: from the session; cli: the
 * operator at the console, or the user named by --as) and passes it down.
 * Every access decision is made in app/ from the actor, never in an
 * adapter. A user acts on its unit's subtree with its role; the console
 * operator acts on the whole tree as an administrator; the system (the
 * server's background work) acts for no one in particular; the public is a
 * worker on the feedback form, with no login and no reads.
 */
#ifndef LT_APP_ACTOR_H
#define LT_APP_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/access.h"
#include "core/error.h"
#include "store/user.h"

typedef enum lt_actor_kind {
	LT_ACTOR_USER,
	LT_ACTOR_OPERATOR,
	LT_ACTOR_SYSTEM,
	LT_ACTOR_PUBLIC,
} lt_actor_kind;

typedef struct lt_actor {
	lt_actor_kind kind;
	int64_t user_id;       /* LT_ACTOR_USER only, else 0 (the audit's "system") */
	int64_t unit_id;       /* the user's unit; 0 (the whole tree) for the others */
	const char *unit_path; /* materialised path of unit_id; "/" for operator and system */
	int role;              /* enum lt_role */
	const char *login;     /* for messages and the audit, borrowed; NULL when none */
	const char *ip;        /* the client's address, borrowed; NULL at the console */
} lt_actor;

/* A logged-in user (borrows u's strings and ip). */
void lt_actor_user(lt_actor *a, const lt_user *u, const char *ip);
/* The console operator: the whole tree, as an administrator. */
void lt_actor_operator(lt_actor *a);
/* The server's own background work (mail delivery, reminders). */
void lt_actor_system(lt_actor *a);
/* A worker on the public form, from ip (borrowed). */
void lt_actor_public(lt_actor *a, const char *ip);

/* The id recorded in the audit trail: the user, or 0 for the system/console. */
int64_t lt_actor_audit_id(const lt_actor *a);
/* Has the actor at least role (enum lt_role)? */
bool lt_actor_at_least(const lt_actor *a, int role);
/* May the actor read the full record of the unit at path (its subtree)? */
bool lt_actor_reads(const lt_actor *a, const char *path);
/* Does the actor act as unit_id itself (its own unit; the operator acts as any)? */
bool lt_actor_is_unit(const lt_actor *a, int64_t unit_id);
/* May the actor review or change the structure at path: an officer strictly above it? */
bool lt_actor_oversees(const lt_actor *a, const char *path);
/* May the actor edit the details of the unit at path (officers: subtree; cadres: own unit)? */
bool lt_actor_edits(const lt_actor *a, const char *path);

/*
 * The same decisions as checks: 0, or LT_EFORBIDDEN (LT_EAUTH for the public)
 * with a bilingual message naming field.
 */
LT_MUST_CHECK int lt_actor_need_role(const lt_actor *a, int role, lt_error *e);
LT_MUST_CHECK int lt_actor_need_read(const lt_actor *a, const char *path, const char *field,
				     lt_error *e);
LT_MUST_CHECK int lt_actor_need_oversee(const lt_actor *a, const char *path, const char *field,
					lt_error *e);

#endif
