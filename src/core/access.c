/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* access.c — see access.h. */
#include "core/access.h"

#include <string.h>

#include "core/tree.h"

int lt_role_rank(const char *role)
{
	if (!role)
		return 0;
	if (!strcmp(role, "admin"))
		return 3;
	if (!strcmp(role, "officer"))
		return 2;
	if (!strcmp(role, "cadre"))
		return 1;
	return 0;
}

bool lt_access_read(const char *user_path, const char *target_path)
{
	return lt_tree_path_under(target_path, user_path);
}

bool lt_access_structure(const char *role, const char *user_path, const char *target_path)
{
	return lt_role_rank(role) >= 2 && lt_tree_path_under(target_path, user_path) &&
	       strcmp(target_path, user_path) != 0;
}

bool lt_access_edit(const char *role, const char *user_path, const char *target_path)
{
	if (lt_role_rank(role) >= 2)
		return lt_tree_path_under(target_path, user_path);
	return lt_role_rank(role) == 1 && !strcmp(target_path, user_path);
}
