/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_todo.c — GET /api/v1/todo (the signed-in user's tasks) and
 * POST /api/v1/directives/{id}/remind (remind late units now).
 */
#include "app/remind.h"
#include "app/todo.h"
#include "http/api.h"

int lt_api_todo(lt_http_req *req)
{
	lt_todo_in in = { .kind = lt_req_query(req, "kind"), .limit = LT_TODO_LIMIT_DEFAULT };
	lt_todo_page p;
	int rc = lt_query_int_or_reply(req, "limit", &in.limit);

	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &in.offset);
	if (!rc)
		rc = lt_app_todo_list(req->db, &req->actor, &in, &req->arena, &p, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_todo_json(&p));
}

int lt_api_directive_remind(lt_http_req *req)
{
	int queued = 0, late = 0;
	int rc = lt_app_report_remind_now(req->db, &req->actor, req->params[0], &queued, &late,
					  &req->err);

	return rc ? rc
		  : lt_reply_json(req, 200, json_pack("{s:i,s:i}", "queued", queued, "late", late));
}
