/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_units.c — the union tree over HTTP: levels, search, unit pages, structure changes. */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "http/api.h"

json_t *lt_api_unit_json(lt_http_req *req, const lt_unit *u)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)u->id, "code", u->code,
			      "name", u->name, "level", u->level);
	bool full = lt_access_read(req->user.unit_path, u->path);

	json_object_set_new(j, "parent_id",
			    u->parent_id ? json_integer(u->parent_id) : json_null());
	json_object_set_new(j, "active", json_boolean(u->active_to == NULL));
	json_object_set_new(j, "in_scope", json_boolean(full));
	if (!full)
		return j;
	json_object_set_new(j, "email", u->email ? json_string(u->email) : json_null());
	json_object_set_new(j, "members", json_integer(u->members));
	json_object_set_new(j, "active_from", json_string(u->active_from));
	json_object_set_new(j, "active_to", u->active_to ? json_string(u->active_to) : json_null());
	json_object_set_new(j, "child_count", json_integer(u->child_count));
	if (u->merged_into)
		json_object_set_new(j, "merged_into", json_integer(u->merged_into));
	return j;
}

static json_t *unit_list_json(lt_http_req *req, const lt_unit *items, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, lt_api_unit_json(req, &items[i]));
	return arr;
}

int lt_api_unit_in_scope(lt_http_req *req, int64_t id, lt_unit *u)
{
	int rc = lt_unit_get(req->db, id, &req->arena, u, &req->err);

	if (rc)
		return rc;
	if (!lt_access_read(req->user.unit_path, u->path))
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Đơn vị này nằm ngoài phạm vi của bạn",
				   "This unit is outside your part of the tree");
	return 0;
}

int lt_api_levels(lt_http_req *req)
{
	lt_stmt *st = NULL;
	json_t *arr;
	int rc = lt_db_prepare(req->db,
			       "SELECT code, name_vi, name_en, grassroots FROM level ORDER BY sort",
			       &st, &req->err);

	if (rc)
		return rc;
	arr = json_array();
	while ((rc = lt_stmt_step(st, &req->err)) == 1)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:b}", "code",
						     lt_stmt_text(st, 0), "name_vi",
						     lt_stmt_text(st, 1), "name_en",
						     lt_stmt_text(st, 2), "grassroots",
						     (int)lt_stmt_int(st, 3)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	return lt_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}

int lt_api_units_list(lt_http_req *req)
{
	lt_unit_query q = { 0 };
	lt_unit *items;
	size_t n;
	int64_t parent = 0, limit = 50, offset = 0;
	int rc;

	q.q = lt_req_query(req, "q");
	rc = lt_query_int_or_reply(req, "parent_id", &parent);
	if (!rc)
		rc = lt_query_int_or_reply(req, "limit", &limit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &offset);
	if (rc)
		return rc;
	if (q.q && strlen(q.q) > 200)
		return lt_req_fail(req, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	q.parent_id = parent;
	q.limit = (int)(limit > 500 ? 500 : limit);
	q.offset = (int)offset;
	q.include_closed = lt_req_query(req, "include_closed") != NULL;
	rc = lt_unit_list(req->db, &q, &req->arena, &items, &n, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o,s:I}", "items",
						 unit_list_json(req, items, n), "total",
						 (json_int_t)n));
}

int lt_api_unit_get(lt_http_req *req)
{
	lt_unit u, *anc = NULL, *kids = NULL;
	size_t nanc = 0, nkids = 0;
	lt_unit_query q = { 0 };
	json_t *j, *aj;
	int rc = lt_unit_get(req->db, req->params[0], &req->arena, &u, &req->err);

	if (rc)
		return rc;
	j = lt_api_unit_json(req, &u);
	/* Ancestors and children carry only public fields outside the user's subtree. */
	rc = lt_unit_ancestors(req->db, &u, &req->arena, &anc, &nanc, &req->err);
	q.parent_id = u.id;
	q.limit = 1000;
	if (!rc)
		rc = lt_unit_list(req->db, &q, &req->arena, &kids, &nkids, &req->err);
	if (rc) {
		json_decref(j);
		return rc;
	}
	aj = json_array();
	for (size_t i = 0; i < nanc; i++)
		json_array_append_new(aj, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)anc[i].id,
						    "code", anc[i].code, "name", anc[i].name));
	json_object_set_new(j, "ancestors", aj);
	return lt_reply_json(req, 200, json_pack("{s:o,s:o}", "unit", j, "children",
						 unit_list_json(req, kids, nkids)));
}

int lt_api_unit_create(lt_http_req *req)
{
	static const char *const keys[] = { "code",  "name",    "level",       "parent_id",
					    "email", "members", "active_from", NULL };
	lt_unit_input in = { 0 };
	lt_unit parent, u;
	json_t *b = NULL;
	int64_t id = 0;
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
	json_decref(b);
	if (rc)
		return rc;
	rc = lt_unit_get(req->db, in.parent_id, &req->arena, &parent, &req->err);
	if (rc) {
		strcpy(req->err.field, "parent_id");
		return rc;
	}
	if (!lt_access_read(req->user.unit_path, parent.path))
		return lt_req_fail(req, LT_EFORBIDDEN, "parent_id",
				   "Bạn chỉ được tạo đơn vị trong phạm vi của mình",
				   "You may only create units within your part of the tree");
	rc = lt_unit_create(req->db, &in, req->user.id, &id, &req->err);
	if (!rc)
		rc = lt_unit_get(req->db, id, &req->arena, &u, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 201, json_pack("{s:o}", "unit", lt_api_unit_json(req, &u)));
}

int lt_api_unit_update(lt_http_req *req)
{
	static const char *const keys[] = { "name", "email", "members", "date", NULL };
	const char *name = NULL, *email = NULL, *date = NULL;
	int64_t members = -1;
	lt_unit u;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc && json_object_get(b, "members"))
		rc = lt_json_int_or_reply(req, b, "members", true, &members);
	if (!rc && members < -1)
		rc = lt_req_fail(req, LT_EINVAL, "members", "Số đoàn viên không được âm",
				 "Member count must not be negative");
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "name", false, 200, &name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "email", false, 254, &email);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "date", false, 10, &date);
	json_decref(b);
	if (rc)
		return rc;
	rc = lt_unit_get(req->db, req->params[0], &req->arena, &u, &req->err);
	if (rc)
		return rc;
	/* Cadres keep their own unit's contact and member count; renaming is an officer's act. */
	if (!lt_access_edit(req->user.role, req->user.unit_path, u.path) ||
	    (name && lt_role_rank(req->user.role) < 2))
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Bạn không được sửa đơn vị này", "You may not edit this unit");
	rc = lt_unit_update(req->db, u.id, name, email, members, date, req->user.id, &req->err);
	if (!rc)
		rc = lt_unit_get(req->db, u.id, &req->arena, &u, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o}", "unit", lt_api_unit_json(req, &u)));
}

/* The unit of params[0], which the user may restructure. */
static int structural_target(lt_http_req *req, lt_unit *u)
{
	int rc = lt_unit_get(req->db, req->params[0], &req->arena, u, &req->err);

	if (rc)
		return rc;
	if (!lt_access_structure(req->user.role, req->user.unit_path, u->path))
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Bạn chỉ được thay đổi các đơn vị cấp dưới trong phạm vi của mình",
				   "You may only restructure units below your own");
	return 0;
}

/* Body {TARGET_KEY?: id, "date": "YYYY-MM-DD"?}; the target must be in scope. */
static int read_target(lt_http_req *req, const char *key, int64_t *target, const char **date)
{
	const char *keys[] = { key ? key : "date", "date", NULL };
	lt_unit t;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc && key)
		rc = lt_json_int_or_reply(req, b, key, true, target);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "date", false, 10, date);
	json_decref(b);
	if (rc || !key)
		return rc;
	rc = lt_unit_get(req->db, *target, &req->arena, &t, &req->err);
	if (rc) {
		snprintf(req->err.field, sizeof(req->err.field), "%s", key);
		return rc;
	}
	if (!lt_access_read(req->user.unit_path, t.path))
		return lt_req_fail(req, LT_EFORBIDDEN, key,
				   "Đơn vị đích nằm ngoài phạm vi của bạn",
				   "The target unit is outside your part of the tree");
	return 0;
}

static int reply_unit(lt_http_req *req, int64_t id)
{
	lt_unit u;
	int rc = lt_unit_get(req->db, id, &req->arena, &u, &req->err);

	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o}", "unit", lt_api_unit_json(req, &u)));
}

int lt_api_unit_move(lt_http_req *req)
{
	lt_unit u;
	int64_t parent = 0;
	const char *date = NULL;
	int rc = structural_target(req, &u);

	if (!rc)
		rc = read_target(req, "parent_id", &parent, &date);
	if (!rc)
		rc = lt_unit_move(req->db, u.id, parent, date, req->user.id, &req->err);
	return rc ? rc : reply_unit(req, u.id);
}

int lt_api_unit_merge(lt_http_req *req)
{
	lt_unit u;
	int64_t into = 0;
	const char *date = NULL;
	int rc = structural_target(req, &u);

	if (!rc)
		rc = read_target(req, "into_id", &into, &date);
	if (!rc)
		rc = lt_unit_merge(req->db, u.id, into, date, req->user.id, &req->err);
	return rc ? rc : reply_unit(req, u.id);
}

int lt_api_unit_close(lt_http_req *req)
{
	lt_unit u;
	const char *date = NULL;
	int rc = structural_target(req, &u);

	if (!rc)
		rc = read_target(req, NULL, NULL, &date);
	if (!rc)
		rc = lt_unit_close(req->db, u.id, date, req->user.id, &req->err);
	return rc ? rc : reply_unit(req, u.id);
}

int lt_api_unit_history(lt_http_req *req)
{
	lt_unit u;
	lt_unit_version *v;
	size_t n;
	json_t *arr;
	int rc = lt_api_unit_in_scope(req, req->params[0], &u);

	if (!rc)
		rc = lt_unit_history(req->db, u.id, &req->arena, &v, &n, &req->err);
	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "name", v[i].name, "path", v[i].path,
				      "valid_from", v[i].valid_from, "change", v[i].change);
		json_object_set_new(o, "parent_id",
				    v[i].parent_id ? json_integer(v[i].parent_id) : json_null());
		json_object_set_new(o, "valid_to",
				    v[i].valid_to ? json_string(v[i].valid_to) : json_null());
		json_array_append_new(arr, o);
	}
	return lt_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}
