/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity.c — the activity log over HTTP: list with filters, paste a
 * link to detect its channel and theme, create/edit/delete an item, and
 * the campaign's continuity. Adapters over app/activity.h.
 */
#include <string.h>

#include "app/activity.h"
#include "app/activity_json.h"
#include "http/api_activity.h"
#include "core/page.h"
#include "net/url.h"

int lt_api_act_reply(lt_http_req *req, int status, int rc, json_t *j)
{
	if (rc) {
		json_decref(j);
		return rc;
	}
	return lt_reply_json(req, status, j);
}

/* ---------- input ---------- */

static const char *const item_keys[] = { "directive_id", "unit_id", "theme_id", "kit_item_id",
					 "channel",      "kind",    "url",      "title",
					 "date",         "views",   "reactions", "comments",
					 "shares",       "counts_on", NULL };

/* Mark flag given when key is in b (even as null). */
static void given(json_t *b, const char *key, unsigned flag, lt_app_item_in *in)
{
	if (json_object_get(b, key))
		in->given |= flag;
}

/* A count: absent or null → -1. */
static int count_or_reply(lt_http_req *req, json_t *b, const char *key, unsigned flag,
			  int64_t *out, lt_app_item_in *in)
{
	*out = -1;
	given(b, key, flag, in);
	return lt_json_count_or_reply(req, b, key, out);
}

/* A text field: absent or null → NULL. */
static int str_or_reply(lt_http_req *req, json_t *b, const char *key, unsigned flag, size_t max,
			const char **out, lt_app_item_in *in)
{
	given(b, key, flag, in);
	return lt_json_str_or_reply(req, b, key, false, max, out);
}

/* The item fields of body b into in (strings in the request arena), with what was given. */
static int read_item(lt_http_req *req, json_t *b, lt_app_item_in *in)
{
	int rc = str_or_reply(req, b, "url", LT_ITEM_URL, LT_URL_MAX, &in->url, in);

	if (!rc)
		rc = str_or_reply(req, b, "channel", LT_ITEM_CHANNEL, 32, &in->channel, in);
	if (!rc)
		rc = str_or_reply(req, b, "kind", LT_ITEM_KIND, 32, &in->kind, in);
	if (!rc)
		rc = str_or_reply(req, b, "title", LT_ITEM_TITLE, LT_ACTIVITY_TITLE_MAX, &in->title,
				  in);
	if (!rc)
		rc = str_or_reply(req, b, "date", LT_ITEM_DATE, 10, &in->date, in);
	if (!rc)
		rc = str_or_reply(req, b, "counts_on", LT_ITEM_COUNTS_ON, 10, &in->counts_on, in);
	given(b, "theme_id", LT_ITEM_THEME, in);
	given(b, "kit_item_id", LT_ITEM_KIT, in);
	/* Ids are never negative (0 or null: none). */
	if (!rc)
		rc = lt_json_id0_or_reply(req, b, "theme_id", false, &in->theme_id);
	if (!rc)
		rc = lt_json_id0_or_reply(req, b, "kit_item_id", false, &in->kit_item_id);
	if (!rc)
		rc = count_or_reply(req, b, "views", LT_ITEM_VIEWS, &in->views, in);
	if (!rc)
		rc = count_or_reply(req, b, "reactions", LT_ITEM_REACTIONS, &in->reactions, in);
	if (!rc)
		rc = count_or_reply(req, b, "comments", LT_ITEM_COMMENTS, &in->comments, in);
	if (!rc)
		rc = count_or_reply(req, b, "shares", LT_ITEM_SHARES, &in->shares, in);
	return rc;
}

int lt_api_act_reply_item(lt_http_req *req, int status, int rc, const lt_app_item *it)
{
	if (!rc)
		rc = lt_app_item_write(it, lt_reply_json_out(req), &req->err);
	return lt_reply_json_written(req, status, rc);
}

/* ---------- handlers ---------- */

int lt_api_activities_list(lt_http_req *req)
{
	lt_app_activity_query q;
	lt_activity_page page;
	lt_page pg;
	int rc;

	memset(&q, 0, sizeof(q));
	q.limit = 50;
	rc = lt_query_int_or_reply(req, "directive_id", &q.directive_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &q.unit_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "theme_id", &q.theme_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "kit_item_id", &q.kit_item_id);
	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &q.offset);
	if (rc)
		return rc;
	q.limit = pg.limit;
	q.after = pg.after;
	q.channel = lt_req_query(req, "channel");
	q.kind = lt_req_query(req, "kind");
	q.from = lt_req_query(req, "from");
	q.to = lt_req_query(req, "to");
	q.q = lt_req_query(req, "q");
	rc = lt_app_activity_list(req->db, &req->actor, &q, &req->arena, &page, &req->err);
	if (!rc)
		rc = lt_app_activity_page_write(&page, lt_reply_json_out(req), &req->err);
	return lt_reply_json_written(req, 200, rc);
}

int lt_api_activity_create(lt_http_req *req)
{
	lt_app_item_in in;
	lt_app_item it;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, item_keys, &b);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "directive_id", true, &in.directive_id);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &in.unit_id);
	if (!rc)
		rc = read_item(req, b, &in);
	if (!rc)
		rc = lt_app_activity_create(req->db, &req->actor, &in, &req->arena, &it, &req->err);
	json_decref(b);
	return lt_api_act_reply_item(req, 201, rc, &it);
}

/*
 * GET /api/v1/activities/detect?url=…&directive_id=…[&title=…]: what the
 * form fills in after a paste — canonical link, channel, theme guess, the
 * units that already claimed the link.
 */
int lt_api_activity_detect(lt_http_req *req)
{
	lt_app_detect d;
	int64_t directive_id = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "directive_id", &directive_id);

	if (!rc)
		rc = lt_app_activity_detect(req->db, &req->actor, lt_req_query(req, "url"),
					    lt_req_query(req, "title"), directive_id, &req->arena,
					    &d, &req->err);
	if (!rc)
		rc = lt_app_detect_json(&d, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

int lt_api_activity_get(lt_http_req *req)
{
	lt_app_item it;
	int rc = lt_app_activity_get(req->db, &req->actor, req->params[0], &req->arena, &it,
				     &req->err);

	return lt_api_act_reply_item(req, 200, rc, &it);
}

int lt_api_activity_update(lt_http_req *req)
{
	lt_app_item_in in;
	lt_app_item it;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, item_keys, &b);

	memset(&in, 0, sizeof(in));
	if (!rc && (json_object_get(b, "directive_id") || json_object_get(b, "unit_id")))
		rc = lt_req_fail(req, LT_EINVAL, "unit_id",
				 "Không đổi được công văn hoặc đơn vị của một hoạt động",
				 "An item's directive and unit cannot change");
	if (!rc)
		rc = read_item(req, b, &in);
	if (!rc)
		rc = lt_app_activity_update(req->db, &req->actor, req->params[0], &in, &req->arena,
					    &it, &req->err);
	json_decref(b);
	return lt_api_act_reply_item(req, 200, rc, &it);
}

int lt_api_activity_delete(lt_http_req *req)
{
	int rc = lt_app_activity_delete(req->db, &req->actor, req->params[0], &req->err);

	return lt_api_act_reply(req, 200, rc, rc ? NULL : json_pack("{s:b}", "deleted", 1));
}

/* GET /api/v1/directives/{id}/continuity[?unit_id=&silent_days=N] */
int lt_api_activity_continuity(lt_http_req *req)
{
	lt_app_continuity c;
	lt_page pg;
	int64_t unit = 0, silent = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_query_int_or_reply(req, "silent_days", &silent);
	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_activity_continuity(req->db, &req->actor, req->params[0], unit, silent,
						&pg, &req->arena, &c, &req->err);
	if (!rc)
		rc = lt_app_continuity_json(&c, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}
