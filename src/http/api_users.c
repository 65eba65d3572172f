/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_users.c — users of the caller's subtree, through app/user.h. */
#include "app/user.h"
#include "core/page.h"
#include "http/api.h"

int lt_api_users_list(lt_http_req *req)
{
	lt_user *items;
	lt_page pg;
	size_t n;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_user_list(req->db, &req->actor, 0, lt_req_query(req, "q"), &pg,
				      &req->arena, &items, &n, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200, lt_app_users_page_json(items, n, pg.limit, &req->arena));
}

int lt_api_user_create(lt_http_req *req)
{
	static const char *const keys[] = { "login", "name", "role", "unit_id", "email",
					    "password", NULL };
	lt_user_new in = { 0 };
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
		rc = lt_json_str_or_reply(req, b, "password", true, 256, &in.password);
	json_decref(b);
	if (!rc)
		rc = lt_app_user_create(req->db, &req->actor, &in, &req->arena, &made, &req->err);
	return rc ? rc : lt_reply_json(req, 201, lt_app_user_doc_json(&made));
}
