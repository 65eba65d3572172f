/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback.c — the cadres' feedback API: inbox and lists, one message
 * with its history, recording a message, handling steps, topic
 * confirmation, exports. Masking and the audit of personal data happen in
 * the store (store/feedback.h); access is checked here on the subtree.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/access.h"
#include "http/api.h"
#include "http/api_feedback.h"
#include "render/csv.h"
#include "render/xlsx_write.h"
#include "store/feedback.h"
#include "text/topics.h"

static void viewer_of(lt_http_req *req, lt_fb_viewer *v, const char *via)
{
	memset(v, 0, sizeof(*v));
	v->user_id = req->user.id;
	v->unit_id = req->user.unit_id;
	v->admin = req->user.role && !strcmp(req->user.role, "admin");
	v->via = via;
}

/* A date query parameter "YYYY-MM-DD" as epoch seconds (end: the day after). */
static int date_param(lt_http_req *req, const char *name, bool end, int64_t *out)
{
	const char *s = lt_req_query(req, name);

	if (!s || !*s)
		return 0;
	if (lt_feedback_day_start(s, out))
		return lt_req_fail(req, LT_EINVAL, name, "Ngày phải có dạng YYYY-MM-DD",
				   "Dates must be YYYY-MM-DD");
	if (end)
		*out += 86400;
	return 0;
}

/* The list filters shared by the list and the export. */
static int read_query(lt_http_req *req, lt_feedback_query *q)
{
	const char *view = lt_req_query(req, "view"), *status = lt_req_query(req, "status");
	const char *topic = lt_req_query(req, "topic"), *urgent = lt_req_query(req, "urgent");
	const char *overdue = lt_req_query(req, "overdue"), *group = lt_req_query(req, "group");
	int64_t limit = 50, offset = 0, unit = 0, case_id = 0;
	int rc;

	memset(q, 0, sizeof(*q));
	q->status = -1;
	q->topic = -1;
	q->urgent = -1;
	q->within = req->user.unit_path;
	if (!view || !strcmp(view, "inbox"))
		q->involves = req->user.unit_id;
	else if (!strcmp(view, "held"))
		q->handler_unit_id = req->user.unit_id;
	else if (strcmp(view, "subtree"))
		return lt_req_fail(req, LT_EINVAL, "view", "view phải là inbox, held hoặc subtree",
				   "view must be inbox, held or subtree");
	if (status && !strcmp(status, "open"))
		q->status = -2;
	else if (status && *status && (q->status = lt_fb_status_from(status)) < 0)
		return lt_req_fail(req, LT_EINVAL, "status", "Trạng thái không hợp lệ",
				   "Unknown status");
	if (topic && *topic && (q->topic = lt_topic_from_code(topic, strlen(topic))) < 0)
		return lt_req_fail(req, LT_EINVAL, "topic", "Chủ đề không hợp lệ", "Unknown topic");
	if (urgent && *urgent)
		q->urgent = !strcmp(urgent, "1") || !strcmp(urgent, "true");
	q->overdue = overdue && (!strcmp(overdue, "1") || !strcmp(overdue, "true"));
	q->leads_only = group && !strcmp(group, "case");
	q->q = lt_req_query(req, "q");
	if (q->q && strlen(q->q) > 200)
		return lt_req_fail(req, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	rc = lt_query_int_or_reply(req, "limit", &limit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "offset", &offset);
	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &unit);
	if (!rc)
		rc = lt_query_int_or_reply(req, "case_id", &case_id);
	if (!rc)
		rc = date_param(req, "from", false, &q->from);
	if (!rc)
		rc = date_param(req, "to", true, &q->to);
	if (rc)
		return rc;
	q->limit = (int)(limit > 1000 ? 1000 : limit);
	q->offset = (int)(offset > 1000000 ? 1000000 : offset);
	q->case_id = case_id;
	if (unit) {
		lt_unit u;
		rc = lt_api_unit_in_scope(req, unit, &u);
		if (rc) {
			snprintf(req->err.field, sizeof(req->err.field), "unit_id");
			return rc;
		}
		q->unit_id = unit;
	}
	return 0;
}

int lt_api_feedback_list(lt_http_req *req)
{
	lt_feedback_query q, late;
	lt_fb_viewer v;
	lt_feedback *items, *none;
	size_t n, total, noverdue = 0, k;
	json_t *arr;
	int rc = read_query(req, &q);

	if (rc)
		return rc;
	/* Overdue messages of the same view, whatever the other filters: the red badge. */
	memset(&late, 0, sizeof(late));
	late.within = q.within;
	late.involves = q.involves;
	late.handler_unit_id = q.handler_unit_id;
	late.status = -2;
	late.topic = -1;
	late.urgent = -1;
	late.overdue = true;
	late.limit = 1;
	viewer_of(req, &v, "list");
	rc = lt_feedback_list(req->db, &late, NULL, &req->arena, &none, &k, &noverdue, &req->err);
	if (!rc)
		rc = lt_feedback_list(req->db, &q, &v, &req->arena, &items, &n, &total, &req->err);
	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, lt_feedback_json(&items[i], req->en));
	return lt_reply_json(req, 200, json_pack("{s:o,s:I,s:I}", "items", arr, "total",
						 (json_int_t)total, "overdue",
						 (json_int_t)noverdue));
}

/* Load message params[0] masked for the user, after checking it lies in the user's subtree. */
static int load_in_scope(lt_http_req *req, const char *via, lt_feedback *fb)
{
	lt_fb_viewer v;
	int rc = lt_feedback_get(req->db, req->params[0], NULL, &req->arena, fb, &req->err);

	if (rc)
		return rc;
	if (!lt_access_read(req->user.unit_path, fb->unit_path))
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Ý kiến này nằm ngoài phạm vi của bạn",
				   "This message is outside your part of the tree");
	viewer_of(req, &v, via);
	return lt_feedback_get(req->db, req->params[0], &v, &req->arena, fb, &req->err);
}

static json_t *steps_json(lt_http_req *req, int64_t id, int *rc)
{
	lt_fb_step *s;
	size_t n;
	json_t *arr;

	*rc = lt_feedback_steps(req->db, id, &req->arena, &s, &n, &req->err);
	if (*rc)
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s}", "at", (json_int_t)s[i].at, "action",
				      s[i].action, "to_status", s[i].to_status);
		json_object_set_new(o, "from_status",
				    s[i].from_status ? json_string(s[i].from_status) : json_null());
		json_object_set_new(o, "user", s[i].user_name ? json_string(s[i].user_name)
							      : json_null());
		json_object_set_new(o, "unit", s[i].unit_name ? json_string(s[i].unit_name)
							      : json_null());
		json_object_set_new(o, "note", s[i].note ? json_string(s[i].note) : json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The message with what the user may do with it, its history and its case. */
static int reply_one(lt_http_req *req, int status, lt_feedback *fb)
{
	lt_feedback_query q;
	lt_feedback *mates;
	lt_fb_viewer v;
	size_t n, total;
	json_t *j = lt_feedback_json(fb, req->en), *steps, *arr;
	int rc;

	steps = steps_json(req, fb->id, &rc);
	if (rc) {
		json_decref(j);
		return rc;
	}
	json_object_set_new(j, "steps", steps);
	json_object_set_new(j, "can_act",
			    json_boolean(lt_access_read(req->user.unit_path, fb->handler_path)));
	json_object_set_new(j, "handler_has_parent",
			    json_boolean(strchr(fb->handler_path + 1, '/') !=
					 strrchr(fb->handler_path, '/')));
	/* The other messages of its near-duplicate case (masked like any list). */
	memset(&q, 0, sizeof(q));
	q.within = req->user.unit_path;
	q.case_id = fb->case_id;
	q.status = -1;
	q.topic = -1;
	q.urgent = -1;
	q.limit = 50;
	viewer_of(req, &v, "get");
	rc = fb->case_count > 1 ? lt_feedback_list(req->db, &q, &v, &req->arena, &mates, &n,
						   &total, &req->err)
				: 0;
	if (rc) {
		json_decref(j);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; fb->case_count > 1 && i < n; i++)
		if (mates[i].id != fb->id)
			json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s}", "id",
							     (json_int_t)mates[i].id, "text",
							     mates[i].text, "received_at",
							     (json_int_t)mates[i].received_at,
							     "status",
							     lt_fb_status_code(mates[i].status)));
	json_object_set_new(j, "case_messages", arr);
	return lt_reply_json(req, status, json_pack("{s:o}", "feedback", j));
}

int lt_api_feedback_get(lt_http_req *req)
{
	lt_feedback fb;
	int rc = load_in_scope(req, "get", &fb);

	return rc ? rc : reply_one(req, 200, &fb);
}

int lt_api_feedback_create(lt_http_req *req)
{
	static const char *const keys[] = { "unit_id",  "channel",      "text",      "sender_name",
					    "sender_phone", "anonymous", "received_at", NULL };
	lt_feedback_input in = { 0 };
	lt_feedback fb;
	lt_unit u;
	const char *when = NULL;
	char receipt[LT_FB_RECEIPT_LEN + 1];
	json_t *b = NULL, *anon, *ra;
	int64_t id = 0;
	int rc = lt_req_json_or_reply(req, keys, &b);

	in.unit_id = req->user.unit_id;
	in.channel = "api";
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
	anon = b ? json_object_get(b, "anonymous") : NULL;
	if (!rc && anon && !json_is_boolean(anon))
		rc = lt_req_fail(req, LT_EINVAL, "anonymous", "anonymous phải là true/false",
				 "anonymous must be true or false");
	in.anonymous = anon && json_is_true(anon);
	/* received_at: "YYYY-MM-DD HH:MM", "DD/MM/YYYY HH:MM" (Vietnam time) or epoch seconds. */
	ra = b ? json_object_get(b, "received_at") : NULL;
	if (!rc && ra && json_is_integer(ra))
		in.received_at = (int64_t)json_integer_value(ra);
	else if (!rc && ra && !json_is_null(ra)) {
		rc = lt_json_str_or_reply(req, b, "received_at", false, 32, &when);
		if (!rc && lt_feedback_parse_time(when, &in.received_at))
			rc = lt_req_fail(req, LT_EINVAL, "received_at",
					 "Thời điểm nhận phải có dạng YYYY-MM-DD HH:MM hoặc"
					 " DD/MM/YYYY HH:MM",
					 "received_at must be YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM");
	}
	json_decref(b);
	if (rc)
		return rc;
	rc = lt_api_unit_in_scope(req, in.unit_id, &u);
	if (rc) {
		snprintf(req->err.field, sizeof(req->err.field), "unit_id");
		return rc;
	}
	rc = lt_feedback_add(req->db, &in, req->user.id, &id, receipt, &req->err);
	if (rc)
		return rc;
	req->params[0] = id;
	rc = load_in_scope(req, "get", &fb);
	return rc ? rc : reply_one(req, 201, &fb);
}

int lt_api_feedback_act(lt_http_req *req)
{
	static const char *const keys[] = { "action", "note", "text", "publish", NULL };
	lt_fb_action act = { 0 };
	lt_feedback fb;
	json_t *b = NULL, *pub;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "action", true, 16, &act.action);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "note", false, LT_FB_NOTE_MAX, &act.note);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "text", false, LT_FB_NOTE_MAX, &act.text);
	pub = b ? json_object_get(b, "publish") : NULL;
	if (!rc && pub && !json_is_boolean(pub))
		rc = lt_req_fail(req, LT_EINVAL, "publish", "publish phải là true/false",
				 "publish must be true or false");
	act.publish = pub && json_is_true(pub);
	json_decref(b);
	if (!rc)
		rc = load_in_scope(req, "get", &fb);
	if (rc)
		return rc;
	/* Only the unit that holds the message (or one above it) moves it on. */
	if (!lt_access_read(req->user.unit_path, fb.handler_path))
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Ý kiến đang do đơn vị cấp trên xử lý",
				   "A unit above yours is handling this message now");
	rc = lt_feedback_act(req->db, fb.id, &act, req->user.id, req->user.unit_id, &req->err);
	if (!rc)
		rc = load_in_scope(req, "get", &fb);
	return rc ? rc : reply_one(req, 200, &fb);
}

int lt_api_feedback_topics(lt_http_req *req)
{
	static const char *const keys[] = { "topics", NULL };
	lt_feedback fb;
	uint32_t topics = 0;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_feedback_topics_from_json(json_object_get(b, "topics"), "topics", &topics,
						  &req->err);
	json_decref(b);
	if (!rc)
		rc = load_in_scope(req, "get", &fb);
	if (!rc)
		rc = lt_feedback_set_topics(req->db, fb.id, topics, req->user.id, req->user.unit_id,
					    &req->err);
	if (!rc)
		rc = load_in_scope(req, "get", &fb);
	return rc ? rc : reply_one(req, 200, &fb);
}

int lt_api_feedback_classify(lt_http_req *req)
{
	static const char *const keys[] = { "text", NULL };
	lt_fb_class c;
	const char *text = NULL;
	json_t *b = NULL, *why;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "text", true, LT_FB_TEXT_MAX, &text);
	json_decref(b);
	if (!rc)
		rc = lt_feedback_classify(req->db, text, &c, &req->err);
	if (rc)
		return rc;
	why = json_loads(c.why, 0, NULL);
	free(c.why);
	return lt_reply_json(req, 200,
			     json_pack("{s:o,s:s,s:o,s:b,s:s}", "topics",
				       lt_feedback_topics_json(c.topics), "source", c.source, "why",
				       why ? why : json_array(), "urgent", c.urgent, "urgency_why",
				       c.urgency_why));
}

/* ---------- export ---------- */

static void topics_text(uint32_t m, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int t = 0; t < LT_TOPIC_COUNT && k < n; t++)
		if (m & (1u << t))
			k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ", " : "",
					      lt_topic_name_vi(t));
}

static void local_time(int64_t t, char out[20])
{
	lt_vn_format(t, "%Y-%m-%d %H:%M", out, 20);
}

int lt_api_feedback_export(lt_http_req *req)
{
	static const char *const head[] = { "Mã", "Thời điểm nhận", "Đơn vị nhận", "Kênh",
					    "Chủ đề", "Khẩn", "Trạng thái", "Hạn xử lý", "Người gửi",
					    "Điện thoại", "Nội dung", "Đề xuất", "Trả lời" };
	const char *format = lt_req_query(req, "format");
	lt_feedback_query q;
	lt_fb_viewer v;
	lt_feedback *items;
	lt_table *t = NULL;
	lt_sheet *s;
	lt_buf out;
	size_t n, total;
	bool xlsx = format && !strcmp(format, "xlsx");
	int rc;

	if (format && strcmp(format, "csv") && !xlsx)
		return lt_req_fail(req, LT_EINVAL, "format", "format phải là csv hoặc xlsx",
				   "format must be csv or xlsx");
	rc = read_query(req, &q);
	if (rc)
		return rc;
	if (!lt_req_query(req, "limit"))
		q.limit = 1000;
	viewer_of(req, &v, "export");
	rc = lt_feedback_list(req->db, &q, &v, &req->arena, &items, &n, &total, &req->err);
	if (rc)
		return rc;
	lt_buf_init(&out, 64u << 20);
	if (lt_table_new(&t) || !(s = lt_table_add_sheet(t, "Ý kiến"))) {
		rc = lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (int c = 0; c < 13; c++)
		rc = rc ? rc : lt_sheet_set_text(s, 1, c + 1, head[c], strlen(head[c]));
	for (size_t i = 0; i < n && !rc; i++) {
		const lt_feedback *f = &items[i];
		char when[20], due[20], topics[256];
		const char *cells[13];
		int row = (int)i + 2;
		local_time(f->received_at, when);
		local_time(f->due_at, due);
		topics_text(f->topics, topics, sizeof(topics));
		cells[0] = lt_arena_printf(&req->arena, "%" PRId64, f->id);
		cells[1] = when;
		cells[2] = f->unit_name;
		cells[3] = f->channel;
		cells[4] = topics;
		cells[5] = f->urgent ? "khẩn" : "";
		cells[6] = lt_fb_status_code(f->status);
		cells[7] = due;
		cells[8] = f->sender == LT_FB_SENDER_HIDDEN ? "(ẩn danh)" : f->sender_name;
		cells[9] = f->sender_phone;
		cells[10] = f->text;
		cells[11] = f->proposal;
		cells[12] = f->answer;
		for (int c = 0; c < 13 && !rc; c++)
			if (cells[c])
				rc = lt_sheet_set_text(s, row, c + 1, cells[c], strlen(cells[c]));
	}
	if (rc) {
		rc = lt_req_fail(req, rc, NULL, "Không tạo được tệp xuất", "Cannot build the export");
		goto out;
	}
	rc = xlsx ? lt_xlsx_write_buf(t, &out, &req->err) : lt_csv_write(s, ',', &out, &req->err);
	if (rc)
		goto out;
	rc = lt_reply_bytes(req, 200,
			    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				 : "text/csv; charset=utf-8",
			    out.ptr, out.len);
	lt_reply_header(req, "Content-Disposition",
			xlsx ? "attachment; filename=\"y-kien.xlsx\""
			     : "attachment; filename=\"y-kien.csv\"");
out:
	lt_table_free(t);
	lt_buf_free(&out);
	return rc;
}
