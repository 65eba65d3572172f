/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * access.h — who may read and change what, as pure rules over
 * materialised paths (core/tree.h). A user acts on its unit's subtree.
 */
#ifndef LT_ACCESS_H
#define LT_ACCESS_H

#include <stdbool.h>

/* Roles in increasing power; a route or command names the least it accepts. */
enum lt_role {
	LT_ROLE_PUBLIC = 0, /* no login needed */
	LT_ROLE_CADRE = 1,  /* any logged-in user */
	LT_ROLE_OFFICER = 2,
	LT_ROLE_ADMIN = 3,
};

/* Rank of a role name: "cadre" 1, "officer" 2, "admin" 3, anything else 0. */
int lt_role_rank(const char *role);
/* May a user of user_path read target_path's full record? (its subtree only) */
bool lt_access_read(const char *user_path, const char *target_path);
/*
 * May a user change the structure at target_path (create under it, move,
 * merge, close)? Officers and admins, strictly below their own unit —
 * nobody re-parents or closes the unit they belong to.
 */
bool lt_access_structure(const char *role, const char *user_path, const char *target_path);
/* May a user edit target's details (name, e-mail, members)? Its own unit or below; cadres only their own unit. */
bool lt_access_edit(const char *role, const char *user_path, const char *target_path);

#endif
