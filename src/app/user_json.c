/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* user_json.c — users as the API and `--json` show them; see user.h. */
#include "app/user.h"
#include "core/page.h"

json_t *lt_app_user_json(const lt_user *u)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:b,s:{s:I,s:s,s:s}}", "id", (json_int_t)u->id,
			      "login", u->login, "name", u->name, "role", u->role, "disabled",
			      u->disabled, "unit", "id", (json_int_t)u->unit_id, "code",
			      u->unit_code, "name", u->unit_name);

	json_object_set_new(j, "email", u->email ? json_string(u->email) : json_null());
	return j;
}

json_t *lt_app_user_doc_json(const lt_user *u)
{
	return json_pack("{s:o}", "user", lt_app_user_json(u));
}

json_t *lt_app_users_json(const lt_user *items, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, lt_app_user_json(&items[i]));
	return json_pack("{s:o}", "items", arr);
}

json_t *lt_app_users_page_json(const lt_user *items, size_t n, int limit, lt_arena *a)
{
	bool more = n > (size_t)limit;
	json_t *j = lt_app_users_json(items, more ? (size_t)limit : n);
	const char *key = more ? lt_arena_printf(a, "%s|%s", items[limit - 1].unit_path,
						 items[limit - 1].login)
			       : NULL;
	const char *next = key ? lt_page_cursor(a, key) : NULL;

	json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return j;
}
