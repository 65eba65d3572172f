/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* auth_json.c — the session's user as login and /me show it; see auth.h. */
#include "app/auth.h"

json_t *lt_app_auth_json(const lt_user *u, const char *csrf)
{
	return json_pack("{s:s,s:{s:I,s:s,s:s,s:s,s:{s:I,s:s,s:s,s:s}}}", "csrf_token", csrf,
			 "user", "id", (json_int_t)u->id, "login", u->login, "name", u->name,
			 "role", u->role, "unit", "id", (json_int_t)u->unit_id, "code",
			 u->unit_code, "name", u->unit_name, "level", u->unit_level);
}
