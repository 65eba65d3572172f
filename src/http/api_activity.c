/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity.c — the activity log over HTTP: list with filters, paste a
 * link to detect its channel and theme, create/edit/delete an item, and
 * the campaign's continuity. Access: a user records for its own unit only
 * (an admin for any unit of its subtree) and reads its subtree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/tree.h"
#include "core/validate.h"
#include "http/api.h"
#include "http/api_activity.h"
#include "net/url.h"
#include "store/directive.h"
#include "store/store.h"

/* ---------- access helpers ---------- */

int lt_api_act_directive(lt_http_req *req, int64_t id)
{
	lt_directive_meta m;
	int rc = lt_directive_get(req->db, id, &req->arena, &m, NULL, &req->err);

	if (rc == LT_ENOTFOUND)
		snprintf(req->err.field, sizeof(req->err.field), "directive_id");
	if (rc)
		return rc;
	if (lt_directive_access(req->db, &m, req->user.unit_id, req->user.unit_path) == LT_DIR_NONE)
		return lt_error_set(&req->err, LT_ENOTFOUND, "directive_id", "Không có công văn #%lld",
				    "No directive #%lld", (long long)id);
	return 0;
}

int lt_api_act_within(lt_http_req *req, int64_t unit, const char **within)
{
	lt_unit u;
	int rc;

	*within = req->user.unit_path;
	if (!unit)
		return 0;
	rc = lt_api_unit_in_scope(req, unit, &u);
	if (!rc)
		*within = u.path;
	return rc;
}

int lt_api_act_write_unit(lt_http_req *req, int64_t unit_id, int64_t *out)
{
	lt_unit u;
	int rc;

	if (!unit_id || unit_id == req->user.unit_id) {
		*out = req->user.unit_id;
		return 0;
	}
	rc = lt_unit_get(req->db, unit_id, &req->arena, &u, &req->err);
	if (rc)
		return rc;
	if (strcmp(req->user.role, "admin") || !lt_access_read(req->user.unit_path, u.path))
		return lt_req_fail(req, LT_EFORBIDDEN, "unit_id",
				   "Bạn chỉ ghi nhận được cho đơn vị của mình",
				   "You can only record for your own unit");
	*out = unit_id;
	return 0;
}

int lt_api_act_read_unit(lt_http_req *req, int64_t unit_id, int64_t *out)
{
	lt_unit u;

	if (!unit_id || unit_id == req->user.unit_id) {
		*out = req->user.unit_id;
		return 0;
	}
	return lt_api_unit_in_scope(req, unit_id, &u) ? req->err.code : (*out = unit_id, 0);
}

/* ---------- input ---------- */

static const char *const item_keys[] = { "directive_id", "unit_id", "theme_id", "kit_item_id",
					 "channel",      "kind",    "url",      "title",
					 "date",         "views",   "reactions", "comments",
					 "shares",       "counts_on", NULL };

/* A count: absent or null → -1. */
static int count_or_reply(lt_http_req *req, json_t *b, const char *key, int64_t *out)
{
	*out = -1;
	return lt_json_int_or_reply(req, b, key, false, out);
}

/*
 * Read an item from body b into in (strings in the request arena): the link
 * is canonicalised and gives the channel unless one is named; the kind is
 * "share" for a link-kit share, else "post"; the date is today; the theme
 * is guessed from the title and link when not given.
 */
static int read_item(lt_http_req *req, json_t *b, int64_t directive_id, lt_activity_in *in)
{
	const char *url = NULL, *channel = NULL;
	char *canon = NULL, today[11];
	lt_channel ch = LT_CHANNEL_OTHER;
	int rc;

	rc = lt_json_str_or_reply(req, b, "url", false, LT_URL_MAX, &url);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "channel", false, 32, &channel);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "kind", false, 32, &in->kind);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "title", false, LT_ACTIVITY_TITLE_MAX, &in->title);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "date", false, 10, &in->date);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "counts_on", false, 10, &in->counts_on);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "theme_id", false, &in->theme_id);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "kit_item_id", false, &in->kit_item_id);
	if (!rc)
		rc = count_or_reply(req, b, "views", &in->views);
	if (!rc)
		rc = count_or_reply(req, b, "reactions", &in->reactions);
	if (!rc)
		rc = count_or_reply(req, b, "comments", &in->comments);
	if (!rc)
		rc = count_or_reply(req, b, "shares", &in->shares);
	if (rc)
		return rc;
	if (url && *url) {
		rc = lt_url_canonical(url, &canon, &ch, &req->err);
		if (rc)
			return rc;
		in->url = url;
		in->url_canonical = lt_arena_strdup(&req->arena, canon);
		free(canon);
	}
	in->channel = channel ? channel : in->url_canonical ? lt_channel_code(ch) : NULL;
	if (!in->kind)
		in->kind = in->kit_item_id ? "share" : "post";
	if (!in->date) {
		lt_today(today);
		in->date = lt_arena_strdup(&req->arena, today);
	}
	/* A pasted link without a title keeps the link as its title until someone edits it. */
	if ((!in->title || !*in->title) && in->url_canonical)
		in->title = in->url_canonical;
	if (!in->theme_id && !json_object_get(b, "theme_id") && directive_id) {
		double score;
		lt_ignore(lt_activity_guess_theme(req->db, directive_id, in->title, in->url_canonical,
						  &in->theme_id, &score, NULL)); /* a guess: none is fine */
	}
	return 0;
}

/* ---------- handlers ---------- */

int lt_api_activities_list(lt_http_req *req)
{
	lt_activity_filter f = { 0 };
	json_t *items = NULL, *counts = NULL;
	int64_t limit = 50, offset = 0, unit = 0;
	int rc;

	f.within = req->user.unit_path;
	rc = lt_query_int_or_reply(req, "directive_id", &f.directive_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &unit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "theme_id", &f.theme_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "kit_item_id", &f.kit_item_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "limit", &limit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &offset);
	if (rc)
		return rc;
	/* A unit and its subtree (a commune union sees its grassroots unions too). */
	rc = lt_api_act_within(req, unit, &f.within);
	if (rc)
		return rc;
	if (f.directive_id) {
		rc = lt_api_act_directive(req, f.directive_id);
		if (rc)
			return rc;
	}
	f.channel = lt_req_query(req, "channel");
	f.kind = lt_req_query(req, "kind");
	f.from = lt_req_query(req, "from");
	f.to = lt_req_query(req, "to");
	f.q = lt_req_query(req, "q");
	if ((f.from && *f.from && !lt_date_valid(f.from)) || (f.to && *f.to && !lt_date_valid(f.to)))
		return lt_req_fail(req, LT_EINVAL, f.from && *f.from && !lt_date_valid(f.from) ? "from" : "to",
				   "Ngày phải có dạng YYYY-MM-DD", "Dates must be YYYY-MM-DD");
	if (f.q && strlen(f.q) > 200)
		return lt_req_fail(req, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	f.limit = (int)(limit > 1000 ? 1000 : limit);
	f.offset = (int)(offset > 1000000 ? 1000000 : offset);
	rc = lt_activity_list(req->db, &f, &items, &counts, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o,s:o}", "items", items, "counts", counts));
}

/* Reply with item id (status 200 or 201). */
static int reply_item(lt_http_req *req, int64_t id, int status)
{
	json_t *o = NULL;
	int rc = lt_activity_get(req->db, id, &o, &req->err);

	if (rc)
		return rc;
	json_object_set_new(o, "can_edit", json_boolean(
		!lt_activity_locked(req->db, json_integer_value(json_object_get(o, "directive_id")),
				    json_integer_value(json_object_get(json_object_get(o, "unit"), "id"))) &&
		(json_integer_value(json_object_get(json_object_get(o, "unit"), "id")) == req->user.unit_id ||
		 !strcmp(req->user.role, "admin"))));
	return lt_reply_json(req, status, o);
}

int lt_api_activity_create(lt_http_req *req)
{
	lt_activity_in in = { 0 };
	json_t *b = NULL;
	int64_t directive_id = 0, unit = 0, id = 0;
	int rc = lt_req_json_or_reply(req, item_keys, &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "directive_id", true, &directive_id);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = lt_api_act_directive(req, directive_id);
	if (!rc)
		rc = lt_api_act_write_unit(req, unit, &in.unit_id);
	if (!rc)
		rc = read_item(req, b, directive_id, &in);
	if (!rc)
		rc = lt_activity_create(req->db, directive_id, &in, req->user.id, &id, &req->err);
	json_decref(b);
	return rc ? rc : reply_item(req, id, 201);
}

/*
 * GET /api/v1/activities/detect?url=…&directive_id=…[&title=…]: what the
 * form fills in after a paste — canonical link, channel, theme guess, the
 * units that already claimed the link, and its link check if any.
 */
int lt_api_activity_detect(lt_http_req *req)
{
	const char *url = lt_req_query(req, "url"), *title = lt_req_query(req, "title");
	int64_t directive_id = 0, theme = 0;
	double score = 0;
	char *canon = NULL;
	lt_channel ch;
	json_t *out, *claims = NULL;
	int rc;

	if (!url || !*url)
		return lt_req_fail(req, LT_EINVAL, "url", "Hãy dán đường dẫn", "Paste a link");
	rc = lt_query_int_or_reply(req, "directive_id", &directive_id);
	if (!rc && directive_id)
		rc = lt_api_act_directive(req, directive_id);
	if (!rc)
		rc = lt_url_canonical(url, &canon, &ch, &req->err);
	if (rc)
		return rc;
	out = json_pack("{s:s,s:s}", "url_canonical", canon, "channel", lt_channel_code(ch));
	if (directive_id) {
		rc = lt_activity_guess_theme(req->db, directive_id, title, canon, &theme, &score,
					     &req->err);
		if (!rc && theme) {
			json_t *themes = NULL, *t;
			size_t i;
			if (!lt_directive_themes(req->db, directive_id, &themes, NULL))
				json_array_foreach(themes, i, t)
					if (json_integer_value(json_object_get(t, "id")) == theme)
						json_object_set_new(out, "theme",
								    json_pack("{s:I,s:O,s:O,s:f}", "id",
									      (json_int_t)theme, "pos",
									      json_object_get(t, "pos"),
									      "title",
									      json_object_get(t, "title"),
									      "score", score));
			json_decref(themes);
		}
	}
	if (!json_object_get(out, "theme"))
		json_object_set_new(out, "theme", json_null());
	if (!rc)
		rc = lt_activity_claims(req->db, canon, &claims, &req->err);
	if (!rc) {
		/* Claims outside the reader's subtree show the unit's name only (public fields). */
		json_object_set_new(out, "claims", claims);
	}
	free(canon);
	if (rc) {
		json_decref(out);
		return rc;
	}
	return lt_reply_json(req, 200, out);
}

/* Load item params[0] and check the reader may see it (unit in its subtree). */
static int load_item(lt_http_req *req, int64_t *dir, int64_t *unit)
{
	lt_unit u;
	int rc = lt_activity_owner(req->db, req->params[0], dir, unit, &req->err);

	if (rc)
		return rc;
	rc = lt_unit_get(req->db, *unit, &req->arena, &u, &req->err);
	if (!rc && !lt_access_read(req->user.unit_path, u.path))
		return lt_error_set(&req->err, LT_ENOTFOUND, "id", "Không có hoạt động #%lld",
				    "No activity #%lld", (long long)req->params[0]);
	return rc;
}

int lt_api_activity_get(lt_http_req *req)
{
	int64_t dir = 0, unit = 0;
	int rc = load_item(req, &dir, &unit);

	return rc ? rc : reply_item(req, req->params[0], 200);
}

int lt_api_activity_update(lt_http_req *req)
{
	lt_activity_in in = { 0 };
	json_t *b = NULL, *cur = NULL, *merged = NULL;
	int64_t dir = 0, unit = 0, w = 0;
	const char *key;
	json_t *v;
	int rc = load_item(req, &dir, &unit);

	if (!rc)
		rc = lt_api_act_write_unit(req, unit, &w);
	if (!rc)
		rc = lt_req_json_or_reply(req, item_keys, &b);
	if (!rc && (json_object_get(b, "directive_id") || json_object_get(b, "unit_id")))
		rc = lt_req_fail(req, LT_EINVAL, "unit_id",
				 "Không đổi được công văn hoặc đơn vị của một hoạt động",
				 "An item's directive and unit cannot change");
	if (!rc)
		rc = lt_activity_get(req->db, req->params[0], &cur, &req->err);
	if (rc)
		goto out;
	/* PATCH: the stored fields, overridden by the body's. */
	merged = json_object();
	json_object_set_new(merged, "theme_id", json_is_object(json_object_get(cur, "theme"))
							? json_incref(json_object_get(json_object_get(cur, "theme"), "id"))
							: json_null());
	json_object_set(merged, "kit_item_id", json_object_get(cur, "kit_item_id"));
	json_object_set(merged, "channel", json_object_get(cur, "channel"));
	json_object_set(merged, "kind", json_object_get(cur, "kind"));
	json_object_set(merged, "url", json_object_get(cur, "url"));
	json_object_set(merged, "title", json_object_get(cur, "title"));
	json_object_set(merged, "date", json_object_get(cur, "date"));
	json_object_set(merged, "views", json_object_get(cur, "views"));
	json_object_set(merged, "reactions", json_object_get(cur, "reactions"));
	json_object_set(merged, "comments", json_object_get(cur, "comments"));
	json_object_set(merged, "shares", json_object_get(cur, "shares"));
	json_object_set(merged, "counts_on", json_object_get(cur, "counts_on"));
	/* A new link re-detects its channel unless the body names one. */
	if (json_object_get(b, "url") && !json_object_get(b, "channel"))
		json_object_del(merged, "channel");
	json_object_foreach(b, key, v)
		json_object_set(merged, key, v);
	in.unit_id = unit;
	rc = read_item(req, merged, 0, &in);
	if (!rc)
		rc = lt_activity_update(req->db, req->params[0], &in, req->user.id, &req->err);
out:
	json_decref(b);
	json_decref(cur);
	json_decref(merged);
	return rc ? rc : reply_item(req, req->params[0], 200);
}

int lt_api_activity_delete(lt_http_req *req)
{
	int64_t dir = 0, unit = 0, w = 0;
	int rc = load_item(req, &dir, &unit);

	if (!rc)
		rc = lt_api_act_write_unit(req, unit, &w);
	if (!rc)
		rc = lt_activity_delete(req->db, req->params[0], req->user.id, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:b}", "deleted", 1));
}

/* GET /api/v1/directives/{id}/continuity[?unit_id=&silent_days=N] */
int lt_api_activity_continuity(lt_http_req *req)
{
	int64_t unit = 0, silent = 0;
	const char *within = req->user.unit_path;
	char today[11];
	json_t *out = NULL;
	int rc = lt_api_act_directive(req, req->params[0]);

	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &unit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "silent_days", &silent);
	if (rc)
		return rc;
	rc = lt_api_act_within(req, unit, &within);
	if (rc)
		return rc;
	lt_today(today);
	rc = lt_activity_continuity(req->db, req->params[0], within, today,
				    (int)(silent > 3650 ? 3650 : silent), &out, &req->err);
	return rc ? rc : lt_reply_json(req, 200, out);
}
