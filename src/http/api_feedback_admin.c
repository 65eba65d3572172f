/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback_admin.c — the officers' side of feedback over HTTP: the
 * summary for reports, topic rules (preview, then apply), the model (state,
 * training) and imports of chat exports (CSV/XLSX, columns chosen by the
 * caller). Adapters over app/feedback.h.
 */
#include <sodium.h>
#include <string.h>

#include "app/feedback.h"
#include "core/page.h"
#include "http/api.h"
#include "http/api.h"

int lt_api_feedback_summary(lt_http_req *req)
{
	lt_fb_summary_in in = { .from = lt_req_query(req, "from"), .to = lt_req_query(req, "to") };
	lt_fb_summary s;
	int64_t top = 10;
	int rc = lt_query_int_or_reply(req, "unit_id", &in.unit_id);

	if (!rc)
		rc = lt_query_int_or_reply(req, "top", &top);
	in.top = top > 100 ? 100 : (int)top;
	if (!rc)
		rc = lt_app_feedback_summary(req->db, &req->actor, &in, &req->arena, &s, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o}", "summary", lt_app_feedback_summary_json(&s)));
}

int lt_api_feedback_rules(lt_http_req *req)
{
	lt_fb_rule *r = NULL;
	const char *next = NULL;
	lt_page pg;
	size_t n = 0;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_feedback_rules(req->db, &req->actor, &pg, &req->arena, &r, &n, &req->err);
	if (!rc)
		rc = lt_page_next_id(&pg, &n, n > (size_t)pg.limit ? r[pg.limit - 1].id : 0,
				     &req->arena, &next, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200, lt_json_set_next(lt_app_feedback_rules_json(r, n), next));
}

/* Body {topic, pattern, weight?} of a rule. */
static int read_rule(lt_http_req *req, lt_fb_rule_in *in)
{
	static const char *const keys[] = { "topic", "pattern", "weight", NULL };
	json_t *b = NULL, *wj;
	int rc = lt_req_json_or_reply(req, keys, &b);

	in->weight = 1;
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "topic", true, 32, &in->topic);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "pattern", true, 200, &in->pattern);
	wj = b ? json_object_get(b, "weight") : NULL;
	if (!rc && wj && !json_is_number(wj))
		rc = lt_req_fail(req, LT_EINVAL, "weight", "weight phải là số",
				 "weight must be a number");
	if (!rc && wj)
		in->weight = json_number_value(wj);
	json_decref(b);
	return rc;
}

int lt_api_feedback_rule_preview(lt_http_req *req)
{
	lt_fb_rule_in in = { 0 };
	lt_fb_rule_change *ch;
	size_t n;
	int rc = read_rule(req, &in);

	if (!rc)
		rc = lt_app_feedback_rule_preview(req->db, &req->actor, &in, &req->arena, &ch, &n,
						  &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_preview_json(ch, n));
}

int lt_api_feedback_rule_add(lt_http_req *req)
{
	lt_fb_rule_in in = { 0 };
	int64_t id = 0;
	size_t changed = 0;
	int rc = read_rule(req, &in);

	if (!rc)
		rc = lt_app_feedback_rule_add(req->db, &req->actor, &in, &id, &changed, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 201, json_pack("{s:I,s:I}", "id", (json_int_t)id, "changed",
						 (json_int_t)changed));
}

int lt_api_feedback_model(lt_http_req *req)
{
	lt_fb_model_info m;
	int rc = lt_app_feedback_model(req->db, &req->actor, &m, &req->err);

	return rc ? rc
		  : lt_reply_json(req, 200, json_pack("{s:o}", "model", lt_app_feedback_model_json(&m)));
}

int lt_api_feedback_train(lt_http_req *req)
{
	lt_fb_trained t;
	int rc = lt_app_feedback_train(req->db, &req->actor, &t, &req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_feedback_trained_json(&t));
}

/* ---------- import ---------- */

/* The columns object {"text": "C", "time": "A", …} into in. */
static int read_columns(lt_http_req *req, json_t *cols, lt_fb_import_in *in)
{
	static const char *const names[] = { "time", "sender", "phone", "text" };
	int *slot[] = { &in->col_time, &in->col_sender, &in->col_phone, &in->col_text };
	const char *key;
	json_t *v;

	if (!json_is_object(cols))
		return lt_req_fail(req, LT_EINVAL, "columns",
				   "columns phải là {\"text\":\"C\",\"time\":\"A\",…}",
				   "columns must be {\"text\":\"C\",\"time\":\"A\",…}");
	json_object_foreach(cols, key, v) {
		size_t k = 0;
		while (k < 4 && strcmp(key, names[k]))
			k++;
		if (k == 4 || !json_is_string(v) ||
		    (*slot[k] = lt_app_feedback_column(json_string_value(v))) <= 0)
			return lt_req_fail(req, LT_EINVAL, "columns",
					   "Cột không hợp lệ: dùng time, sender, phone, text với chữ"
					   " cột (A, B, …)",
					   "Bad column: use time, sender, phone, text with column"
					   " letters (A, B, …)");
	}
	return 0;
}

/* The file: CSV text as is; XLSX as base64 inside the JSON body. */
static int read_data(lt_http_req *req, const char *data, lt_fb_import_in *in)
{
	unsigned char *bin;
	size_t len = strlen(data), binlen = 0;

	if (!strcmp(in->format, "csv")) {
		in->data = data;
		in->len = len;
		return 0;
	}
	if (strcmp(in->format, "xlsx"))
		return lt_req_fail(req, LT_EINVAL, "format", "format phải là csv hoặc xlsx",
				   "format must be csv or xlsx");
	bin = lt_arena_alloc(&req->arena, len + 1);
	if (!bin || sodium_base642bin(bin, len, data, len, " \r\n", &binlen, NULL,
				      sodium_base64_VARIANT_ORIGINAL))
		return lt_req_fail(req, LT_EINVAL, "data", "data phải là tệp XLSX mã hoá base64",
				   "data must be the XLSX file in base64");
	in->data = bin;
	in->len = binlen;
	return 0;
}

/* An optional boolean member (absent: dflt); 400 naming it when it is something else. */
static int flag(lt_http_req *req, json_t *b, const char *key, bool dflt, bool *out)
{
	json_t *v = json_object_get(b, key);

	if (v && !json_is_boolean(v))
		return lt_req_fail(req, LT_EINVAL, key, "Phải là true/false", "Must be true or false");
	*out = v ? json_is_true(v) : dflt;
	return 0;
}

int lt_api_feedback_import(lt_http_req *req)
{
	static const char *const keys[] = { "unit_id", "format", "data", "columns", "channel",
					    "header", "sheet", "dry_run", NULL };
	const char *data = NULL;
	lt_fb_import_in in = { 0 };
	lt_fb_import_out out;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &in.unit_id);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "format", true, 8, &in.format);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "data", true, req->body_len, &data);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "channel", false, 16, &in.channel);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "sheet", false, 100, &in.sheet);
	if (!rc)
		rc = read_columns(req, json_object_get(b, "columns"), &in);
	if (!rc)
		rc = flag(req, b, "header", true, &in.header);
	if (!rc)
		rc = flag(req, b, "dry_run", false, &in.dry_run);
	json_decref(b);
	if (!rc)
		rc = read_data(req, data, &in);
	if (!rc)
		rc = lt_app_feedback_import(req->db, &req->actor, &in, &req->arena, &out, &req->err);
	return rc ? rc : lt_reply_json(req, in.dry_run ? 200 : 201, lt_app_feedback_import_json(&out));
}
