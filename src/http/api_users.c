/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_users.c — users of the caller's subtree. */
#include <string.h>

#include "core/access.h"
#include "core/password.h"
#include "http/api.h"

static json_t *user_json(const lt_user *u)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:b,s:{s:I,s:s,s:s}}", "id", (json_int_t)u->id,
			      "login", u->login, "name", u->name, "role", u->role, "disabled",
			      u->disabled, "unit", "id", (json_int_t)u->unit_id, "code",
			      u->unit_code, "name", u->unit_name);

	json_object_set_new(j, "email", u->email ? json_string(u->email) : json_null());
	return j;
}

int lt_api_users_list(lt_http_req *req)
{
	lt_user *items;
	size_t n;
	json_t *arr;
	int rc = lt_user_list(req->db, req->user.unit_path, lt_req_query(req, "q"), &req->arena,
			      &items, &n, &req->err);

	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, user_json(&items[i]));
	return lt_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}

int lt_api_user_create(lt_http_req *req)
{
	static const char *const keys[] = { "login", "name", "role", "unit_id", "email",
					    "password", NULL };
	lt_user_input in = { 0 };
	const char *password = NULL;
	char hash[LT_PWHASH_MAX];
	lt_unit u;
	lt_user made;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "login", true, 64, &in.login);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "name", true, 200, &in.name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "role", true, 16, &in.role);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", true, &in.unit_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "email", false, 254, &in.email);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "password", true, 256, &password);
	json_decref(b);
	if (rc)
		return rc;
	if (lt_role_rank(in.role) > lt_role_rank(req->user.role))
		return lt_req_fail(req, LT_EFORBIDDEN, "role",
				   "Không thể cấp vai trò cao hơn vai trò của bạn",
				   "You cannot grant a role above your own");
	rc = lt_api_unit_in_scope(req, in.unit_id, &u);
	if (rc) {
		strcpy(req->err.field, "unit_id");
		return rc;
	}
	rc = lt_password_hash(password, hash, &req->err);
	if (!rc) {
		in.pw_hash = hash;
		rc = lt_user_create(req->db, &in, req->user.id, NULL, &req->err);
	}
	if (!rc)
		rc = lt_user_get_by_login(req->db, in.login, &req->arena, &made, NULL, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 201, json_pack("{s:o}", "user", user_json(&made)));
}
