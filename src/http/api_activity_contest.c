/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_contest.c — contests ("Bên nhau là Tết") and their entries,
 * and link kits with their shares, over HTTP. Adapters over app/contest.h
 * and app/linkkit.h.
 */
#include <string.h>

#include "app/activity_json.h"
#include "app/contest.h"
#include "app/linkkit.h"
#include "core/page.h"
#include "http/api_activity.h"
#include "net/url.h"

/* ---------- contests ---------- */

int lt_api_contests_list(lt_http_req *req)
{
	lt_contest_row *v = NULL;
	const char *next = NULL;
	int64_t dir = 0;
	lt_page pg;
	size_t n = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "directive_id", &dir);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_contest_list(req->db, &req->actor, dir, &pg, &req->arena, &v, &n,
					 &req->err);
	if (!rc)
		rc = lt_page_next_id(&pg, &n, n > (size_t)pg.limit ? v[pg.limit - 1].id : 0,
				     &req->arena, &next, &req->err);
	if (!rc)
		rc = lt_app_contests_json(v, n, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, lt_json_set_next(j, next));
}

/* The keys an officer writes of a contest. */
#define CONTEST_KEYS "name", "hashtag", "rules", "starts_on", "ends_on", "kinds", "prize"

/* The fields of a contest in body b into in (strings borrowed from b; kinds in the arena). */
static int read_contest(lt_http_req *req, json_t *b, lt_app_contest_in *in)
{
	json_t *kinds = json_object_get(b, "kinds"), *x;
	const char **v;
	size_t i;
	int rc = lt_json_str_or_reply(req, b, "name", true, 300, &in->name);

	if (!rc)
		rc = lt_json_line_or_reply(req, b, "hashtag", false, 100, &in->hashtag);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "rules", false, 8000, &in->rules);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "starts_on", false, 10, &in->starts_on);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "ends_on", false, 10, &in->ends_on);
	if (!rc)
		rc = lt_json_line_or_reply(req, b, "prize", false, 500, &in->prize);
	if (rc || !kinds || json_is_null(kinds))
		return rc;
	if (!json_is_array(kinds) || json_array_size(kinds) > 2)
		return lt_req_fail(req, LT_EINVAL, "kinds",
				   "kinds phải là danh sách [\"writing\", \"video\"]",
				   "kinds must be a list of \"writing\" and \"video\"");
	v = lt_arena_alloc(&req->arena, (json_array_size(kinds) + 1) * sizeof(*v));
	if (!v)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_array_foreach(kinds, i, x)
		v[i] = json_string_value(x); /* NULL (not a string): app/ names kinds[i] */
	in->kinds = v;
	in->nkinds = json_array_size(kinds);
	return 0;
}

/*
 * POST /api/v1/contests {directive_id, name, hashtag?, rules?, starts_on?,
 * ends_on?, kinds?, prize?}: officers of a unit that records for the directive.
 */
int lt_api_contest_create(lt_http_req *req)
{
	lt_app_contest_in in;
	lt_contest_row c;
	json_t *b = NULL, *j = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "directive_id", CONTEST_KEYS,
								  NULL }, &b);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "directive_id", true, &in.directive_id);
	if (!rc)
		rc = read_contest(req, b, &in);
	if (!rc)
		rc = lt_app_contest_create(req->db, &req->actor, &in, &req->arena, &c, &req->err);
	if (!rc)
		rc = lt_app_contest_json(&c, 1, &j, &req->err);
	json_decref(b);
	return lt_api_act_reply(req, 201, rc, j);
}

/* PATCH /api/v1/contests/{id} with every field of the create but directive_id (a full replace). */
int lt_api_contest_update(lt_http_req *req)
{
	lt_app_contest_in in;
	lt_contest_row c;
	json_t *b = NULL, *j = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ CONTEST_KEYS, NULL }, &b);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = read_contest(req, b, &in);
	if (!rc)
		rc = lt_app_contest_update(req->db, &req->actor, req->params[0], &in, &req->arena,
					   &c, &req->err);
	if (!rc)
		rc = lt_app_contest_json(&c, 1, &j, &req->err);
	json_decref(b);
	return lt_api_act_reply(req, 200, rc, j);
}

int lt_api_contest_get(lt_http_req *req)
{
	lt_contest_row c;
	bool iss = false;
	json_t *j = NULL;
	int rc = lt_app_contest_get(req->db, &req->actor, req->params[0], &req->arena, &c, &iss,
				    &req->err);

	if (!rc)
		rc = lt_app_contest_json(&c, iss, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

int lt_api_contest_entries(lt_http_req *req)
{
	lt_app_entries x;
	lt_page pg;
	int64_t unit = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_contest_entries_page(req->db, &req->actor, req->params[0], unit,
						 lt_req_query(req, "category"), lt_req_query(req, "q"),
						 &pg, &req->arena, &x, &req->err);
	if (!rc)
		rc = lt_app_entries_json(&x, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

/* POST /api/v1/contests/{id}/entries {member_name, category, platform?, url, hashtag?, posted_on, views?, unit_id?} */
int lt_api_contest_entry_add(lt_http_req *req)
{
	lt_app_entry_in in;
	json_t *b = NULL, *j = NULL;
	const char *canon = NULL;
	int64_t id = 0, existing = 0;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "member_name",
		"category", "platform", "url", "hashtag", "posted_on", "views", NULL }, &b);

	memset(&in, 0, sizeof(in));
	in.views = -1;
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &in.unit_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "member_name", true, 200, &in.member_name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "category", true, 16, &in.category);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "platform", false, 16, &in.platform);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "url", true, LT_URL_MAX, &in.url);
	if (!rc)
		rc = lt_json_line_or_reply(req, b, "hashtag", false, 200, &in.hashtag);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "posted_on", false, 10, &in.posted_on);
	if (!rc)
		rc = lt_json_count_or_reply(req, b, "views", &in.views);
	if (!rc)
		rc = lt_app_contest_entry_add(req->db, &req->actor, req->params[0], &in, &req->arena,
					      &id, &canon, &existing, &req->err);
	json_decref(b);
	if (rc == LT_EEXIST) {
		rc = lt_app_entry_exists_json(&req->err, req->en, existing, &j, &req->err);
		return lt_api_act_reply(req, 409, rc, j);
	}
	if (!rc)
		rc = lt_app_entry_added_json(id, canon, &j, &req->err);
	return lt_api_act_reply(req, 201, rc, j);
}

int lt_api_contest_entry_delete(lt_http_req *req)
{
	int rc = lt_app_contest_entry_delete(req->db, &req->actor, req->params[0], &req->err);

	return lt_api_act_reply(req, 200, rc, rc ? NULL : json_pack("{s:b}", "deleted", 1));
}

/* ---------- link kits ---------- */

int lt_api_linkkits_list(lt_http_req *req)
{
	lt_linkkit_row *v = NULL;
	const char *next = NULL;
	lt_page pg;
	size_t n = 0;
	json_t *j = NULL;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_linkkit_list(req->db, &req->actor, req->params[0], &pg, &req->arena, &v,
					 &n, &req->err);
	if (!rc)
		rc = lt_page_next_id(&pg, &n, n > (size_t)pg.limit ? v[pg.limit - 1].id : 0,
				     &req->arena, &next, &req->err);
	if (!rc)
		rc = lt_app_linkkits_json(v, n, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, lt_json_set_next(j, next));
}

/* The links [{url, title, source?}] of body b into in (arena); no array: n stays 0. */
static int read_links(lt_http_req *req, json_t *b, lt_app_kit_in *in)
{
	json_t *items = json_object_get(b, "items"), *x;
	lt_app_kit_link *v;
	size_t i;

	if (!json_is_array(items) || !json_array_size(items) || json_array_size(items) > 100)
		return 0; /* app/ says what is wrong with it */
	v = lt_arena_alloc(&req->arena, json_array_size(items) * sizeof(*v));
	if (!v)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_array_foreach(items, i, x) {
		v[i].url = lt_arena_strdup(&req->arena, json_string_value(json_object_get(x, "url")));
		v[i].title = lt_arena_strdup(&req->arena, json_string_value(json_object_get(x, "title")));
		v[i].source =
			lt_arena_strdup(&req->arena, json_string_value(json_object_get(x, "source")));
	}
	in->links = v;
	in->n = json_array_size(items);
	return 0;
}

/* POST /api/v1/directives/{id}/linkkits {title, note?, theme_id?, items:[{url, title, source?}]} */
int lt_api_linkkit_create(lt_http_req *req)
{
	lt_app_kit_in in;
	lt_linkkit_row k;
	json_t *b = NULL, *j = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "title", "note", "theme_id",
								  "items", NULL }, &b);

	memset(&in, 0, sizeof(in));
	in.directive_id = req->params[0];
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "title", true, 300, &in.title);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "note", false, 2000, &in.note);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "theme_id", false, &in.theme_id);
	if (!rc)
		rc = read_links(req, b, &in);
	if (!rc)
		rc = lt_app_linkkit_create(req->db, &req->actor, &in, &req->arena, &k, &req->err);
	if (!rc)
		rc = lt_app_linkkit_json(&k, &j, &req->err);
	json_decref(b);
	return lt_api_act_reply(req, 201, rc, j);
}

int lt_api_linkkit_shares(lt_http_req *req)
{
	lt_app_kit_shares x;
	json_t *j = NULL;
	int rc = lt_app_linkkit_shares(req->db, &req->actor, req->params[0], &req->arena, &x,
				       &req->err);

	if (!rc)
		rc = lt_app_kit_shares_json(&x, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}
