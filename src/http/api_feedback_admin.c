/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback_admin.c — the officers' side of feedback: the summary for
 * reports, topic rules (preview, then apply), the model (state, training)
 * and imports of chat exports (CSV/XLSX, columns chosen by the caller).
 */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "http/api.h"
#include "http/api_feedback.h"
#include "render/csv.h"
#include "render/xlsx_read.h"
#include "store/feedback.h"
#include "text/topics.h"

#define IMPORT_MAX_ROWS 20000

int lt_api_feedback_summary(lt_http_req *req)
{
	const char *from = lt_req_query(req, "from"), *to = lt_req_query(req, "to");
	int64_t unit = req->user.unit_id, top = 10;
	lt_unit u;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_query_int_or_reply(req, "top", &top);
	if (!rc)
		rc = lt_api_unit_in_scope(req, unit, &u);
	if (!rc)
		rc = lt_feedback_summary(req->db, unit, from, to, (int)(top > 100 ? 100 : top), &j,
					 &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o}", "summary", j));
}

int lt_api_feedback_rules(lt_http_req *req)
{
	lt_fb_rule *r;
	size_t n;
	json_t *arr;
	int rc = lt_feedback_rule_list(req->db, &req->arena, &r, &n, &req->err);

	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:f,s:I}", "id",
						     (json_int_t)r[i].id, "topic", r[i].topic,
						     "pattern", r[i].pattern, "weight", r[i].weight,
						     "created_at", (json_int_t)r[i].created_at));
	return lt_reply_json(req, 200, json_pack("{s:o,s:s}", "items", arr, "builtin",
						 lt_topics_default_text()));
}

/* Body {topic, pattern, weight?} of a rule. */
static int read_rule(lt_http_req *req, const char **topic, const char **pattern, double *w)
{
	static const char *const keys[] = { "topic", "pattern", "weight", NULL };
	json_t *b = NULL, *wj;
	int rc = lt_req_json_or_reply(req, keys, &b);

	*w = 1;
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "topic", true, 32, topic);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "pattern", true, 200, pattern);
	wj = b ? json_object_get(b, "weight") : NULL;
	if (!rc && wj && !json_is_number(wj))
		rc = lt_req_fail(req, LT_EINVAL, "weight", "weight phải là số",
				 "weight must be a number");
	if (!rc && wj)
		*w = json_number_value(wj);
	json_decref(b);
	return rc;
}

int lt_api_feedback_rule_preview(lt_http_req *req)
{
	const char *topic = NULL, *pattern = NULL;
	double w;
	lt_fb_rule_change *ch;
	size_t n;
	json_t *arr;
	int rc = read_rule(req, &topic, &pattern, &w);

	if (!rc)
		rc = lt_feedback_rule_preview(req->db, req->user.unit_path, topic, pattern, w,
					      &req->arena, &ch, &n, &req->err);
	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n && i < 200; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:o}", "id",
						     (json_int_t)ch[i].id, "text", ch[i].text,
						     "before", lt_feedback_topics_json(ch[i].before),
						     "after", lt_feedback_topics_json(ch[i].after)));
	return lt_reply_json(req, 200, json_pack("{s:I,s:o}", "count", (json_int_t)n, "changes",
						 arr));
}

int lt_api_feedback_rule_add(lt_http_req *req)
{
	const char *topic = NULL, *pattern = NULL;
	double w;
	int64_t id = 0;
	size_t changed = 0;
	int rc = read_rule(req, &topic, &pattern, &w);

	if (!rc)
		rc = lt_feedback_rule_add(req->db, req->user.unit_path, topic, pattern, w,
					  req->user.id, &id, &changed, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 201, json_pack("{s:I,s:I}", "id", (json_int_t)id, "changed",
						 (json_int_t)changed));
}

static json_t *model_json(const lt_fb_model_info *m)
{
	return json_pack("{s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "present", m->present, "n_train",
			 (json_int_t)m->n_train, "updates", (json_int_t)m->updates, "trained_at",
			 (json_int_t)m->trained_at, "bytes", (json_int_t)m->bytes, "features",
			 (json_int_t)m->nfeatures, "confirmed", (json_int_t)m->confirmed,
			 "min_train", (json_int_t)lt_feedback_config_get()->min_train);
}

int lt_api_feedback_model(lt_http_req *req)
{
	lt_fb_model_info m;
	int rc = lt_feedback_model_info(req->db, &m, &req->err);

	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:o}", "model", model_json(&m)));
}

int lt_api_feedback_train(lt_http_req *req)
{
	lt_fb_model_info m;
	bool trained = false;
	size_t used = 0;
	int rc = lt_feedback_train(req->db, req->user.id, &trained, &used, &req->err);

	if (!rc)
		rc = lt_feedback_model_info(req->db, &m, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:b,s:I,s:o}", "trained", trained, "messages",
						 (json_int_t)used, "model", model_json(&m)));
}

/* ---------- import ---------- */

/* Column letter(s) "A".."ZZ" or a 1-based number to a column index; 0 when absent, -1 bad. */
static int col_index(const char *s)
{
	int c = 0;

	if (!s || !*s)
		return 0;
	if (*s >= '0' && *s <= '9')
		return atoi(s) > 0 && atoi(s) <= 256 ? atoi(s) : -1;
	for (; *s; s++) {
		char ch = (char)(*s & ~0x20);
		if (ch < 'A' || ch > 'Z')
			return -1;
		c = c * 26 + (ch - 'A' + 1);
		if (c > 256)
			return -1;
	}
	return c;
}

typedef struct import_map {
	int time, sender, phone, text;
} import_map;

static int read_map(lt_http_req *req, json_t *cols, import_map *m)
{
	static const char *const names[] = { "time", "sender", "phone", "text" };
	int *slot[] = { &m->time, &m->sender, &m->phone, &m->text };
	const char *key;
	json_t *v;

	memset(m, 0, sizeof(*m));
	if (!json_is_object(cols))
		return lt_req_fail(req, LT_EINVAL, "columns",
				   "columns phải là {\"text\":\"C\",\"time\":\"A\",…}",
				   "columns must be {\"text\":\"C\",\"time\":\"A\",…}");
	json_object_foreach(cols, key, v) {
		size_t k = 0;
		while (k < 4 && strcmp(key, names[k]))
			k++;
		if (k == 4 || !json_is_string(v) || (*slot[k] = col_index(json_string_value(v))) <= 0)
			return lt_req_fail(req, LT_EINVAL, "columns",
					   "Cột không hợp lệ: dùng time, sender, phone, text với chữ"
					   " cột (A, B, …)",
					   "Bad column: use time, sender, phone, text with column"
					   " letters (A, B, …)");
	}
	if (!m->text)
		return lt_req_fail(req, LT_EINVAL, "columns.text", "Cần chọn cột nội dung (text)",
				   "The text column is required");
	return 0;
}

/* The rows of s from first on as inputs; an error names the row and column. */
static int to_rows(lt_http_req *req, const lt_sheet *s, int first, const import_map *m,
		   int64_t unit, const char *channel, lt_feedback_input **rows, int **rowno,
		   size_t *n)
{
	lt_feedback_input *r;
	int *no;
	size_t k = 0;

	*n = 0;
	if (s->nrows - first + 1 > IMPORT_MAX_ROWS)
		return lt_req_fail(req, LT_ETOOBIG, "file", "Tệp quá nhiều dòng (tối đa 20.000)",
				   "Too many rows (at most 20,000)");
	r = lt_arena_alloc(&req->arena, (size_t)(s->nrows + 1) * sizeof(*r));
	no = lt_arena_alloc(&req->arena, (size_t)(s->nrows + 1) * sizeof(*no));
	if (!r || !no)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int row = first; row <= s->nrows; row++) {
		const char *text = lt_sheet_cell(s, row, m->text)->text;
		const char *when = m->time ? lt_sheet_cell(s, row, m->time)->text : "";
		char col[8];

		if (!*text && (!m->time || !*when))
			continue; /* blank line */
		no[k] = row;
		r[k].unit_id = unit;
		r[k].channel = channel;
		r[k].text = text;
		r[k].sender_name = m->sender ? lt_sheet_cell(s, row, m->sender)->text : NULL;
		r[k].sender_phone = m->phone ? lt_sheet_cell(s, row, m->phone)->text : NULL;
		if (m->time && lt_feedback_parse_time(when, &r[k].received_at)) {
			lt_table_colname(m->time, col);
			lt_error_set(&req->err, LT_EINVAL, lt_arena_printf(&req->arena, "%s%d", col, row),
				     "Dòng %d, cột %s: thời điểm \"%.40s\" không đọc được (dùng"
				     " DD/MM/YYYY HH:MM)",
				     "Row %d, column %s: cannot read the time \"%.40s\" (use"
				     " DD/MM/YYYY HH:MM)",
				     row, col, when);
			return LT_EINVAL;
		}
		k++;
	}
	*rows = r;
	*rowno = no;
	*n = k;
	return 0;
}

/* Name the sheet row and column of a store error on the row at sheet row `row`. */
static void place_error(lt_http_req *req, int row, const import_map *m)
{
	char col[8] = "?", msg[LT_ERR_MSG_MAX];
	int c = !strcmp(req->err.field, "sender_name")	? m->sender
		: !strcmp(req->err.field, "sender_phone") ? m->phone
		: !strcmp(req->err.field, "received_at")  ? m->time
							  : m->text;

	lt_table_colname(c, col);
	snprintf(req->err.field, sizeof(req->err.field), "%s%d", col, row);
	snprintf(msg, sizeof(msg), "Dòng %d, cột %s: %.300s", row, col, req->err.vi);
	memcpy(req->err.vi, msg, sizeof(msg));
	snprintf(msg, sizeof(msg), "Row %d, column %s: %.300s", row, col, req->err.en);
	memcpy(req->err.en, msg, sizeof(msg));
}

int lt_api_feedback_import(lt_http_req *req)
{
	static const char *const keys[] = { "unit_id", "format", "data", "columns", "channel",
					    "header", "sheet", "dry_run", NULL };
	const char *format = NULL, *data = NULL, *channel = NULL, *sheet = NULL;
	lt_feedback_input *rows = NULL;
	int *rowno = NULL;
	lt_table *t = NULL;
	lt_sheet *s = NULL;
	import_map m;
	lt_unit u;
	json_t *b = NULL, *hj, *dj, *preview;
	unsigned char *bin = NULL;
	size_t binlen = 0, n = 0, created = 0, bad = 0;
	int64_t unit = req->user.unit_id;
	bool header = true, dry = false;
	int rc = lt_req_json_or_reply(req, keys, &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "format", true, 8, &format);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "data", true, req->body_len, &data);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "channel", false, 16, &channel);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "sheet", false, 100, &sheet);
	if (!rc)
		rc = read_map(req, json_object_get(b, "columns"), &m);
	hj = b ? json_object_get(b, "header") : NULL;
	dj = b ? json_object_get(b, "dry_run") : NULL;
	if (!rc && ((hj && !json_is_boolean(hj)) || (dj && !json_is_boolean(dj))))
		rc = lt_req_fail(req, LT_EINVAL, hj && !json_is_boolean(hj) ? "header" : "dry_run",
				 "Phải là true/false", "Must be true or false");
	header = !hj || json_is_true(hj);
	dry = dj && json_is_true(dj);
	json_decref(b);
	if (rc)
		return rc;
	if (!channel)
		channel = "import";
	if (!lt_fb_channel_valid(channel))
		return lt_req_fail(req, LT_EINVAL, "channel", "Kênh không hợp lệ", "Unknown channel");
	rc = lt_api_unit_in_scope(req, unit, &u);
	if (rc) {
		snprintf(req->err.field, sizeof(req->err.field), "unit_id");
		return rc;
	}
	if (!strcmp(format, "csv")) {
		rc = lt_csv_read(data, strlen(data), NULL, &t, &req->err);
	} else if (!strcmp(format, "xlsx")) {
		/* Binary files travel as base64 inside the JSON body. */
		binlen = strlen(data);
		bin = lt_arena_alloc(&req->arena, binlen + 1);
		if (!bin || sodium_base642bin(bin, binlen, data, strlen(data), " \r\n", &binlen, NULL,
					      sodium_base64_VARIANT_ORIGINAL))
			return lt_req_fail(req, LT_EINVAL, "data",
					   "data phải là tệp XLSX mã hoá base64",
					   "data must be the XLSX file in base64");
		rc = lt_xlsx_read(bin, binlen, NULL, &t, &req->err);
	} else {
		return lt_req_fail(req, LT_EINVAL, "format", "format phải là csv hoặc xlsx",
				   "format must be csv or xlsx");
	}
	if (rc)
		goto out;
	s = sheet ? lt_table_sheet(t, sheet) : lt_table_sheet_at(t, 0);
	if (!s) {
		rc = lt_req_fail(req, LT_EINVAL, "sheet", "Không có trang tính này",
				 "No such sheet");
		goto out;
	}
	rc = to_rows(req, s, header ? 2 : 1, &m, unit, channel, &rows, &rowno, &n);
	if (rc)
		goto out;
	/* A dry run imports inside a transaction that is then rolled back: same checks, no writes. */
	if (dry) {
		rc = lt_db_begin(req->db, &req->err);
		if (rc)
			goto out;
	}
	rc = lt_feedback_import(req->db, rows, n, req->user.id, &created, &bad, &req->err);
	if (dry)
		lt_db_rollback(req->db);
	if (rc) {
		if (bad < n)
			place_error(req, rowno[bad], &m);
		goto out;
	}
	preview = json_array();
	for (int row = 1; row <= s->nrows && row <= 6; row++) {
		json_t *cells = json_array();
		for (int c = 1; c <= s->ncols && c <= 26; c++)
			json_array_append_new(cells, json_string(lt_sheet_cell(s, row, c)->text));
		json_array_append_new(preview, cells);
	}
	rc = lt_reply_json(req, dry ? 200 : 201,
			   json_pack("{s:I,s:I,s:b,s:o}", "created", (json_int_t)(dry ? 0 : created),
				     "rows", (json_int_t)n, "dry_run", dry, "preview", preview));
out:
	lt_table_free(t);
	return rc;
}
