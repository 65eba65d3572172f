/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * access.h — who may read and change what, as pure rules over
 * materialised paths (core/tree.h). A user acts on its unit's subtree.
 */
#ifndef LT_ACCESS_H
#define LT_ACCESS_H

#include <stdbool.h>

/* Role ranks as in http.h: cadre 1, officer 2, admin 3. */
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
