/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_contest.c — contests ("Bên nhau là Tết") and their entries,
 * and link kits with their shares, over HTTP.
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
#include "store/linkkit.h"

/* ---------- contests ---------- */

int lt_api_contests_list(lt_http_req *req)
{
	int64_t dir = 0;
	json_t *arr = NULL, *out, *c;
	size_t i;
	int rc = lt_query_int_or_reply(req, "directive_id", &dir);

	if (!rc && dir)
		rc = lt_api_act_directive(req, dir);
	if (!rc)
		rc = lt_contest_list(req->db, dir, &arr, &req->err);
	if (rc)
		return rc;
	/* Contests of the reader's ancestors (to enter) and of its subtree (to follow). */
	out = json_array();
	json_array_foreach(arr, i, c) {
		const char *p = json_string_value(json_object_get(json_object_get(c, "issuer"), "path"));
		if (lt_tree_path_under(req->user.unit_path, p) || lt_tree_path_under(p, req->user.unit_path))
			json_array_append(out, c);
	}
	json_decref(arr);
	return lt_reply_json(req, 200, json_pack("{s:o}", "items", out));
}

/* POST /api/v1/contests {directive_id, name, hashtag?}: officers of the directive's issuing side. */
int lt_api_contest_create(lt_http_req *req)
{
	json_t *b = NULL, *out = NULL;
	const char *name = NULL, *hashtag = NULL;
	int64_t dir = 0, id = 0;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "directive_id", "name", "hashtag",
								  NULL }, &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "directive_id", true, &dir);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "name", true, 300, &name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "hashtag", false, 100, &hashtag);
	if (!rc)
		rc = lt_api_act_directive(req, dir);
	if (!rc)
		rc = lt_activity_check_scope(req->db, dir, req->user.unit_id, &req->err);
	if (!rc)
		rc = lt_contest_create(req->db, dir, req->user.unit_id, name, hashtag, req->user.id,
				       &id, &req->err);
	if (!rc)
		rc = lt_contest_get(req->db, id, &out, &req->err);
	json_decref(b);
	return rc ? rc : lt_reply_json(req, 201, out);
}

/* Load contest params[0]; the reader's unit must be under its issuer or above it. */
static int load_contest(lt_http_req *req, json_t **c, bool *issuer_side)
{
	const char *p;
	int rc = lt_contest_get(req->db, req->params[0], c, &req->err);

	if (rc)
		return rc;
	p = json_string_value(json_object_get(json_object_get(*c, "issuer"), "path"));
	*issuer_side = lt_tree_path_under(p, req->user.unit_path);
	if (!*issuer_side && !lt_tree_path_under(req->user.unit_path, p)) {
		json_decref(*c);
		*c = NULL;
		return lt_error_set(&req->err, LT_ENOTFOUND, "id", "Không có cuộc thi #%lld",
				    "No contest #%lld", (long long)req->params[0]);
	}
	return 0;
}

int lt_api_contest_get(lt_http_req *req)
{
	json_t *c = NULL;
	bool iss;
	int rc = load_contest(req, &c, &iss);

	if (rc)
		return rc;
	json_object_set_new(c, "issuer_side", json_boolean(iss));
	return lt_reply_json(req, 200, c);
}

int lt_api_contest_entries(lt_http_req *req)
{
	json_t *c = NULL, *items = NULL, *counts = NULL;
	int64_t unit = 0;
	const char *within = req->user.unit_path, *cat = lt_req_query(req, "category");
	bool iss;
	int rc = load_contest(req, &c, &iss);

	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &unit);
	if (!rc && unit) {
		lt_unit u;
		rc = lt_api_unit_in_scope(req, unit, &u);
		if (!rc)
			within = u.path;
	}
	if (!rc && cat && strcmp(cat, "writing") && strcmp(cat, "video"))
		rc = lt_req_fail(req, LT_EINVAL, "category", "category phải là writing hoặc video",
				 "category must be writing or video");
	if (!rc)
		rc = lt_contest_entries(req->db, req->params[0], within, 0, cat, lt_req_query(req, "q"),
					&items, &counts, &req->err);
	if (rc) {
		json_decref(c);
		return rc;
	}
	return lt_reply_json(req, 200, json_pack("{s:o,s:o,s:o}", "contest", c, "items", items,
						 "counts", counts));
}

/* POST /api/v1/contests/{id}/entries {member_name, category, platform?, url, hashtag?, posted_on, views?, unit_id?} */
int lt_api_contest_entry_add(lt_http_req *req)
{
	lt_contest_entry_in in = { 0 };
	json_t *b = NULL, *c = NULL;
	int64_t unit = 0, id = 0, existing = 0;
	char *canon = NULL;
	lt_channel ch = LT_CHANNEL_OTHER;
	bool iss;
	int rc = load_contest(req, &c, &iss);

	json_decref(c);
	if (!rc)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "member_name",
			"category", "platform", "url", "hashtag", "posted_on", "views", NULL }, &b);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = lt_api_act_write_unit(req, unit, &in.unit_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "member_name", true, 200, &in.member_name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "category", true, 16, &in.category);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "platform", false, 16, &in.platform);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "url", true, LT_URL_MAX, &in.url);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "hashtag", false, 200, &in.hashtag);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "posted_on", false, 10, &in.posted_on);
	in.views = -1;
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "views", false, &in.views);
	if (!rc)
		rc = lt_url_canonical(in.url, &canon, &ch, &req->err);
	if (rc)
		goto out;
	in.url_canonical = lt_arena_strdup(&req->arena, canon);
	if (!in.platform)
		in.platform = ch == LT_CHANNEL_FACEBOOK ? "facebook" : ch == LT_CHANNEL_TIKTOK ? "tiktok" : "other";
	if (!in.posted_on) {
		char today[11];
		lt_today(today);
		in.posted_on = lt_arena_strdup(&req->arena, today);
	}
	rc = lt_contest_entry_add(req->db, req->params[0], &in, req->user.id, &id, &existing,
				  &req->err);
	if (rc == LT_EEXIST) {
		/* The pointer to the entry that holds the link, for the UI to link to. */
		json_t *err = json_pack("{s:{s:s,s:s,s:s,s:I}}", "error", "code", "exists", "message",
					lt_error_msg(&req->err, req->en), "field", "url",
					"existing_id", (json_int_t)existing);
		rc = lt_reply_json(req, 409, err);
		goto out;
	}
	if (!rc)
		rc = lt_reply_json(req, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id,
						      "url_canonical", canon));
out:
	free(canon);
	json_decref(b);
	return rc;
}

int lt_api_contest_entry_delete(lt_http_req *req)
{
	int64_t contest = 0, unit = 0, w = 0;
	int rc = lt_contest_entry_owner(req->db, req->params[0], &contest, &unit, &req->err);

	if (!rc)
		rc = lt_api_act_write_unit(req, unit, &w);
	if (!rc)
		rc = lt_contest_entry_delete(req->db, req->params[0], req->user.id, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:b}", "deleted", 1));
}

/* ---------- link kits ---------- */

int lt_api_linkkits_list(lt_http_req *req)
{
	json_t *arr = NULL;
	int rc = lt_api_act_directive(req, req->params[0]);

	if (!rc)
		rc = lt_linkkit_list(req->db, req->params[0], req->user.unit_id, req->user.unit_path,
				     &arr, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}

/* POST /api/v1/directives/{id}/linkkits {title, note?, theme_id?, items:[{url, title, source?}]} */
int lt_api_linkkit_create(lt_http_req *req)
{
	json_t *b = NULL, *items, *x, *out = NULL;
	const char *title = NULL, *note = NULL;
	lt_linkkit_item_in *in = NULL;
	int64_t theme = 0, id = 0;
	size_t i, n = 0;
	int rc = lt_api_act_directive(req, req->params[0]);

	if (!rc)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "title", "note", "theme_id",
								      "items", NULL }, &b);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "title", true, 300, &title);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "note", false, 2000, &note);
	if (!rc)
		rc = lt_json_int_or_reply(req, b, "theme_id", false, &theme);
	if (rc)
		goto out;
	items = json_object_get(b, "items");
	if (!json_is_array(items) || !json_array_size(items) || json_array_size(items) > 100) {
		rc = lt_req_fail(req, LT_EINVAL, "items", "items: 1 đến 100 đường dẫn",
				 "items: 1 to 100 links");
		goto out;
	}
	in = lt_arena_alloc(&req->arena, json_array_size(items) * sizeof(*in));
	json_array_foreach(items, i, x) {
		char *canon = NULL;
		lt_channel ch;
		const char *url = json_string_value(json_object_get(x, "url"));
		const char *t = json_string_value(json_object_get(x, "title"));
		if (!url || lt_url_canonical(url, &canon, &ch, &req->err)) {
			if (!url)
				lt_error_set(&req->err, LT_EINVAL, "", "Thiếu đường dẫn", "Missing link");
			snprintf(req->err.field, sizeof(req->err.field), "items[%zu].url", i);
			rc = LT_EINVAL;
			goto out;
		}
		in[n].url = lt_arena_strdup(&req->arena, url);
		in[n].url_canonical = lt_arena_strdup(&req->arena, canon);
		in[n].channel = lt_channel_code(ch);
		in[n].title = lt_arena_strdup(&req->arena, t && *t ? t : canon);
		in[n].source = lt_arena_strdup(&req->arena, json_string_value(json_object_get(x, "source")));
		n++;
		free(canon);
	}
	if (lt_role_rank(req->user.role) < 2) {
		rc = lt_req_fail(req, LT_EFORBIDDEN, NULL,
				 "Chỉ cán bộ liên đoàn được gửi bộ đường dẫn",
				 "Only federation officers may publish link kits");
		goto out;
	}
	rc = lt_linkkit_create(req->db, req->params[0], req->user.unit_id, theme, title, note, in, n,
			       req->user.id, &id, &req->err);
	if (!rc)
		rc = lt_linkkit_get(req->db, id, req->user.unit_id, &out, &req->err);
out:
	json_decref(b);
	return rc ? rc : lt_reply_json(req, 201, out);
}

int lt_api_linkkit_shares(lt_http_req *req)
{
	json_t *kit = NULL, *shares = NULL;
	const char *p;
	int rc = lt_linkkit_get(req->db, req->params[0], req->user.unit_id, &kit, &req->err);

	if (rc)
		return rc;
	p = json_string_value(json_object_get(json_object_get(kit, "issuer"), "path"));
	/* The issuer's side (its unit and above) follows the shares. */
	if (!lt_tree_path_under(p, req->user.unit_path)) {
		json_decref(kit);
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Chỉ đơn vị gửi bộ đường dẫn xem được số lượt chia sẻ",
				   "Only the issuing side sees a link kit's shares");
	}
	rc = lt_linkkit_shares(req->db, req->params[0], p, &shares, &req->err);
	if (rc) {
		json_decref(kit);
		return rc;
	}
	json_object_set_new(kit, "shares", shares);
	return lt_reply_json(req, 200, kit);
}
