/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback.c — the cadres' feedback API: inbox and lists, one message
 * with its history, recording a message, handling steps, topic
 * confirmation, classification, exports. Adapters: each parses the request,
 * calls one app/feedback.h use case with the request's actor and writes
 * the app's JSON document.
 */
#include "core/page.h"
#include <stdlib.h>
#include <string.h>

#include "app/feedback.h"
#include "http/api.h"
#include "http/api.h"

/* The list filters shared by the list and the export, as the query string gives them. */
static int read_query(lt_http_req *req, lt_fb_list_in *in)
{
	const char *urgent = lt_req_query(req, "urgent"), *overdue = lt_req_query(req, "overdue");
	const char *group = lt_req_query(req, "group");
	int64_t limit = 0, offset = 0;
	int rc;

	memset(in, 0, sizeof(*in));
	in->view = lt_req_query(req, "view");
	in->status = lt_req_query(req, "status");
	in->topic = lt_req_query(req, "topic");
	in->urgent = urgent && *urgent ? !strcmp(urgent, "1") || !strcmp(urgent, "true") : -1;
	in->overdue = overdue && (!strcmp(overdue, "1") || !strcmp(overdue, "true"));
	in->by_case = group && !strcmp(group, "case");
	in->q = lt_req_query(req, "q");
	in->from = lt_req_query(req, "from");
	in->to = lt_req_query(req, "to");
	in->reveal = true;
	rc = lt_query_int_or_reply(req, "limit", &limit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &offset);
	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &in->unit_id);
	if (!rc)
		rc = lt_query_int_or_reply(req, "case_id", &in->case_id);
	in->limit = limit < 0 ? 0 : limit > 1000 ? 1000 : (int)limit;
	in->offset = offset < 0 ? 0 : offset > 1000000 ? 1000000 : (int)offset;
	return rc;
}

int lt_api_feedback_list(lt_http_req *req)
{
	lt_fb_list_in in;
	lt_fb_list out;
	lt_page pg;
	int rc = read_query(req, &in);

	/* A page: limit 1..500 (400 naming limit past it) and the cursor. */
	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc) {
		in.limit = pg.limit;
		in.after = pg.after;
	}
	in.via = "list";
	if (!rc)
		rc = lt_app_feedback_list(req->db, &req->actor, &in, &req->arena, &out, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_list_json(&out, req->en));
}

int lt_api_feedback_get(lt_http_req *req)
{
	lt_fb_view v;
	int rc = lt_app_feedback_get(req->db, &req->actor, req->params[0], true, &req->arena, &v,
				     &req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_view_json(&v, req->en));
}

/* An optional boolean member of b into *out; 400 naming it when it is something else. */
static int bool_member(lt_http_req *req, json_t *b, const char *key, bool *out)
{
	json_t *v = b ? json_object_get(b, key) : NULL;

	if (v && !json_is_boolean(v))
		return lt_error_set(&req->err, LT_EINVAL, key, "%s phải là true/false",
				    "%s must be true or false", key);
	*out = v && json_is_true(v);
	return 0;
}

/* received_at: "YYYY-MM-DD HH:MM", "DD/MM/YYYY HH:MM" (Vietnam time) or epoch seconds. */
static int received_at(lt_http_req *req, json_t *b, int64_t *out)
{
	json_t *v = b ? json_object_get(b, "received_at") : NULL;
	const char *when = NULL;
	int rc;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	rc = lt_json_str_or_reply(req, b, "received_at", false, 32, &when);
	if (!rc && lt_feedback_parse_time(when, out, "received_at", &req->err))
		rc = lt_req_fail(req, LT_EINVAL, "received_at",
				 "Thời điểm nhận phải có dạng YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM",
				 "received_at must be YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM");
	return rc;
}

int lt_api_feedback_create(lt_http_req *req)
{
	static const char *const keys[] = { "unit_id",  "channel",      "text",      "sender_name",
					    "sender_phone", "anonymous", "received_at", NULL };
	lt_feedback_input in = { 0 };
	lt_fb_added added;
	lt_fb_view v;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &in.unit_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "channel", false, 16, &in.channel);
	if (!rc && !in.channel)
		in.channel = "api";
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "text", true, LT_FB_TEXT_MAX, &in.text);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "sender_name", false, LT_FB_NAME_MAX,
					  &in.sender_name);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "sender_phone", false, LT_FB_PHONE_MAX,
					  &in.sender_phone);
	if (!rc)
		rc = bool_member(req, b, "anonymous", &in.anonymous);
	if (!rc)
		rc = received_at(req, b, &in.received_at);
	json_decref(b);
	if (!rc)
		rc = lt_app_feedback_add(req->db, &req->actor, &in, &added, &req->arena, &v,
					 &req->err);
	return rc ? rc : lt_reply_json(req, 201, lt_app_feedback_view_json(&v, req->en));
}

int lt_api_feedback_act(lt_http_req *req)
{
	static const char *const keys[] = { "action", "note", "text", "publish", NULL };
	lt_fb_action act = { 0 };
	lt_fb_view v;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "action", true, 16, &act.action);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "note", false, LT_FB_NOTE_MAX, &act.note);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "text", false, LT_FB_NOTE_MAX, &act.text);
	if (!rc)
		rc = bool_member(req, b, "publish", &act.publish);
	json_decref(b);
	if (!rc)
		rc = lt_app_feedback_act(req->db, &req->actor, req->params[0], &act, &req->arena, &v,
					 &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_view_json(&v, req->en));
}

int lt_api_feedback_topics(lt_http_req *req)
{
	static const char *const keys[] = { "topics", NULL };
	lt_fb_view v;
	uint32_t topics = 0;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_app_feedback_topics_from_json(json_object_get(b, "topics"), "topics", &topics,
						      &req->err);
	json_decref(b);
	if (!rc)
		rc = lt_app_feedback_set_topics(req->db, &req->actor, req->params[0], topics,
						&req->arena, &v, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_view_json(&v, req->en));
}

int lt_api_feedback_classify(lt_http_req *req)
{
	static const char *const keys[] = { "text", NULL };
	lt_fb_class c = { 0 };
	const char *text = NULL;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "text", true, LT_FB_TEXT_MAX, &text);
	json_decref(b);
	if (!rc)
		rc = lt_app_feedback_classify(req->db, &req->actor, text, &c, &req->err);
	if (!rc)
		rc = lt_reply_json(req, 200, lt_app_feedback_class_json(&c));
	free(c.why);
	return rc;
}

int lt_api_feedback_export(lt_http_req *req)
{
	const char *format = lt_req_query(req, "format");
	bool xlsx = format && !strcmp(format, "xlsx");
	lt_fb_list_in in;
	FILE *f;
	int rc;

	if (format && strcmp(format, "csv") && !xlsx)
		return lt_req_fail(req, LT_EINVAL, "format", "format phải là csv hoặc xlsx",
				   "format must be csv or xlsx");
	rc = read_query(req, &in);
	if (rc)
		return rc;
	/* Every matching message: written as it is read into a temporary file, sent from there. */
	if (!(f = tmpfile()))
		return lt_req_fail(req, LT_EIO, NULL, "Không tạo được tệp tạm",
				   "Cannot create a temporary file");
	rc = lt_app_feedback_export(req->db, &req->actor, &in, xlsx, lt_file_sink, f, &req->err);
	if (rc) {
		fclose(f);
		return rc;
	}
	rc = lt_reply_file(req, 200,
			   xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				: "text/csv; charset=utf-8",
			   f);
	lt_reply_header(req, "Content-Disposition",
			xlsx ? "attachment; filename=\"y-kien.xlsx\""
			     : "attachment; filename=\"y-kien.csv\"");
	return rc;
}
