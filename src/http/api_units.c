/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_units.c — the union tree over HTTP: levels, search, unit pages,
 * structure changes. Each handler parses, calls one app/unit.h function
 * with the request's actor, and replies with its document.
 */
#include <stdio.h>
#include <string.h>

#include "app/unit.h"
#include "core/page.h"
#include "http/api.h"

/*
 * Kept for the handlers of the features not yet moved to app/: thin
 * wrappers over lt_app_unit_json and lt_app_unit_in_scope.
 */
json_t *lt_api_unit_json(lt_http_req *req, const lt_unit *u)
{
	return lt_app_unit_json(&req->actor, u);
}

int lt_api_unit_in_scope(lt_http_req *req, int64_t id, lt_unit *u)
{
	return lt_app_unit_in_scope(req->db, &req->actor, id, &req->arena, u, &req->err);
}

int lt_api_levels(lt_http_req *req)
{
	lt_level *items;
	size_t n;
	int rc = lt_app_levels(req->db, &req->actor, &req->arena, &items, &n, &req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_levels_json(items, n));
}

int lt_api_units_list(lt_http_req *req)
{
	lt_unit_query q = { 0 };
	lt_page pg;
	lt_unit *items;
	size_t n;
	int64_t parent = 0;
	int rc;

	q.q = lt_req_query(req, "q");
	rc = lt_query_int_or_reply(req, "parent_id", &parent);
	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (rc)
		return rc;
	q.parent_id = parent;
	/* One more than asked: whether a next page exists. */
	q.limit = pg.limit + 1;
	q.after = pg.after;
	q.include_closed = lt_req_query(req, "include_closed") != NULL;
	rc = lt_app_unit_list(req->db, &req->actor, &q, &req->arena, &items, &n, &req->err);
	if (!rc)
		rc = lt_app_units_page_write(&req->actor, items, n, pg.limit, &req->arena,
					     lt_reply_json_out(req), &req->err);
	return lt_reply_json_written(req, 200, rc);
}

int lt_api_unit_get(lt_http_req *req)
{
	lt_unit_page p;
	int rc = lt_app_unit_get(req->db, &req->actor, req->params[0], &req->arena, &p, &req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_unit_page_json(&req->actor, &p));
}

int lt_api_unit_create(lt_http_req *req)
{
	static const char *const keys[] = { "code",  "name",    "level",       "parent_id",
					    "email", "members", "active_from", NULL };
	lt_unit_input in = { 0 };
	lt_unit u;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "code", true, 32, &in.code);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "name", true, 200, &in.name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "level", true, 32, &in.level);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "parent_id", true, &in.parent_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "email", false, 254, &in.email);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "members", false, &in.members);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "active_from", false, 10, &in.active_from);
	if (!rc)
		rc = lt_app_unit_create(req->db, &req->actor, &in, &req->arena, &u, &req->err);
	json_decref(b);
	return rc ? rc : lt_reply_json(req, 201, lt_app_unit_doc_json(&req->actor, &u));
}

int lt_api_unit_update(lt_http_req *req)
{
	static const char *const keys[] = { "name", "email", "members", "date", NULL };
	lt_unit_edit in = { .members = -1 };
	lt_unit u;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc && json_object_get(b, "members"))
		rc = lt_json_int_or_reply(req, b, "members", true, &in.members);
	/* -1 means "unchanged" inside; a body saying -1 is as wrong as any negative count. */
	if (!rc && json_object_get(b, "members") && in.members < 0)
		rc = lt_req_fail(req, LT_EINVAL, "members", "Số đoàn viên không được âm",
				 "Member count must not be negative");
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "name", false, 200, &in.name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "email", false, 254, &in.email);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "date", false, 10, &in.date);
	if (!rc)
		rc = lt_app_unit_update(req->db, &req->actor, req->params[0], &in, &req->arena, &u,
					&req->err);
	json_decref(b);
	return rc ? rc : lt_reply_json(req, 200, lt_app_unit_doc_json(&req->actor, &u));
}

/* Body {KEY: id, "date": "YYYY-MM-DD"?} of a structure change (key NULL: date only). */
static int read_change(lt_http_req *req, const char *key, int64_t *target, const char **date,
		       json_t **b)
{
	const char *keys[] = { key ? key : "date", "date", NULL };
	int rc = lt_req_json_or_reply(req, keys, b);

	if (!rc && key)
		rc = lt_json_int_or_reply(req, *b, key, true, target);
	if (!rc)
		rc = lt_json_str_or_reply(req, *b, "date", false, 10, date);
	return rc;
}

enum change { MOVE, MERGE, CLOSE };

static int change(lt_http_req *req, enum change what)
{
	static const char *const key[] = { [MOVE] = "parent_id", [MERGE] = "into_id", [CLOSE] = NULL };
	const char *date = NULL;
	int64_t target = 0, id = req->params[0];
	lt_unit u;
	json_t *b = NULL;
	int rc = read_change(req, key[what], &target, &date, &b);

	if (!rc && what == MOVE)
		rc = lt_app_unit_move(req->db, &req->actor, id, target, date, &req->arena, &u, &req->err);
	else if (!rc && what == MERGE)
		rc = lt_app_unit_merge(req->db, &req->actor, id, target, date, &req->arena, &u,
				       &req->err);
	else if (!rc)
		rc = lt_app_unit_close(req->db, &req->actor, id, date, &req->arena, &u, &req->err);
	json_decref(b);
	return rc ? rc : lt_reply_json(req, 200, lt_app_unit_doc_json(&req->actor, &u));
}

int lt_api_unit_move(lt_http_req *req)
{
	return change(req, MOVE);
}

int lt_api_unit_merge(lt_http_req *req)
{
	return change(req, MERGE);
}

int lt_api_unit_close(lt_http_req *req)
{
	return change(req, CLOSE);
}

int lt_api_unit_history(lt_http_req *req)
{
	lt_unit_version *v;
	lt_page pg;
	size_t n;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_unit_history(req->db, &req->actor, req->params[0], &pg, &req->arena, &v,
					 &n, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200,
				  lt_app_unit_history_page_json(v, n, pg.limit, &req->arena));
}
