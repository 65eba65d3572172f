/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.c — settings, codes, intake (one message, imports), the public
 * form's rate limit, time parsing and JSON; see feedback.h.
 */
#include "store/feedback.h"

#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/password.h"
#include "core/validate.h"
#include "store/audit.h"
#include "store/feedback_int.h"
#include "store/store.h"
#include "text/fold.h"
#include "text/simhash.h"

/* ---------- settings ---------- */

static lt_feedback_config g_cfg = {
	.urgent_days = 2,
	.normal_days = 7,
	.min_train = 30,
	.group_days = 60,
	.group_distance = LT_SIMHASH_NEAR,
	.form_max_per_ip = 5,
	.form_max_per_unit = 200,
	.form_window = 3600,
	.public_url = "",
};

void lt_feedback_config_defaults(lt_feedback_config *c)
{
	memset(c, 0, sizeof(*c));
	c->urgent_days = 2;
	c->normal_days = 7;
	c->min_train = 30;
	c->group_days = 60;
	c->group_distance = LT_SIMHASH_NEAR;
	c->form_max_per_ip = 5;
	c->form_max_per_unit = 200;
	c->form_window = 3600;
}

const lt_feedback_config *lt_feedback_config_get(void)
{
	return &g_cfg;
}

void lt_feedback_config_set(const lt_feedback_config *c)
{
	g_cfg = *c;
}

int lt_feedback_config_kv(lt_feedback_config *c, const char *key, const char *value,
			  lt_error *e)
{
	static const struct {
		const char *key;
		size_t off;
		long lo, hi;
	} ints[] = {
		{ "urgent_days", offsetof(lt_feedback_config, urgent_days), 1, 365 },
		{ "normal_days", offsetof(lt_feedback_config, normal_days), 1, 365 },
		{ "min_train", offsetof(lt_feedback_config, min_train), 1, 1000000 },
		{ "group_days", offsetof(lt_feedback_config, group_days), 1, 3650 },
		{ "group_distance", offsetof(lt_feedback_config, group_distance), 0, 64 },
		{ "form_max_per_ip", offsetof(lt_feedback_config, form_max_per_ip), 1, 1000000 },
		{ "form_max_per_unit", offsetof(lt_feedback_config, form_max_per_unit), 1, 10000000 },
		{ "form_window", offsetof(lt_feedback_config, form_window), 1, 30 * 86400 },
	};
	char *end;
	long x;

	if (!strcmp(key, "public_url")) {
		if (strlen(value) >= sizeof(c->public_url) ||
		    (strncmp(value, "http://", 7) && strncmp(value, "https://", 8)))
			goto bad;
		snprintf(c->public_url, sizeof(c->public_url), "%s", value);
		/* "https://x.vn/" and "https://x.vn" give the same links. */
		if (c->public_url[0] && c->public_url[strlen(c->public_url) - 1] == '/')
			c->public_url[strlen(c->public_url) - 1] = '\0';
		return 0;
	}
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (strcmp(key, ints[i].key))
			continue;
		x = strtol(value, &end, 10);
		if (!*value || *end || x < ints[i].lo || x > ints[i].hi)
			goto bad;
		*(int *)((char *)c + ints[i].off) = (int)x;
		return 0;
	}
	return lt_error_set(e, LT_EINVAL, "feedback", "Khoá cấu hình không rõ: feedback.%s",
			    "Unknown setting: feedback.%s", key);
bad:
	return lt_error_set(e, LT_EINVAL, "feedback", "Cấu hình feedback.%s không hợp lệ: \"%s\"",
			    "Invalid setting feedback.%s: \"%s\"", key, value);
}

/* ---------- codes ---------- */

static const char *const status_codes[LT_FB_STATUS_COUNT] = {
	"new", "in_progress", "proposed", "escalated", "answered", "closed", "spam", "duplicate",
};

const char *lt_fb_status_code(int s)
{
	return s >= 0 && s < LT_FB_STATUS_COUNT ? status_codes[s] : "new";
}

int lt_fb_status_from(const char *code)
{
	for (int i = 0; code && i < LT_FB_STATUS_COUNT; i++)
		if (!strcmp(code, status_codes[i]))
			return i;
	return -1;
}

bool lt_fb_channel_valid(const char *code)
{
	static const char *const ch[] = { "form",   "hotline", "zalo", "facebook",
					  "in_person", "import", "api",  "other" };
	for (size_t i = 0; code && i < sizeof(ch) / sizeof(ch[0]); i++)
		if (!strcmp(code, ch[i]))
			return true;
	return false;
}

int64_t lt_fb_deadline(int64_t from, bool urgent)
{
	return from + (int64_t)(urgent ? g_cfg.urgent_days : g_cfg.normal_days) * 86400;
}

void *lt_fb_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size)
{
	void *p;

	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 32;
	p = lt_arena_alloc(a, *cap * size);
	if (p && n)
		memcpy(p, items, n * size);
	return p;
}

/* ---------- time ---------- */

static int epoch_vn(int y, int mo, int d, int h, int mi, int s, int64_t *out)
{
	char iso[16];

	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, mo, d);
	if (!lt_date_valid(iso) || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
		return LT_EINVAL;
	*out = lt_vn_epoch(y, mo, d, h, mi, s);
	return 0;
}

int lt_feedback_parse_time(const char *s, int64_t *out)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
	const char *t;

	if (!s)
		return LT_EINVAL;
	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10) {
		t = s + n;
	} else if (sscanf(s, "%2d/%2d/%4d%n", &d, &mo, &y, &n) == 3 && n >= 8 &&
		   s[n - 5] == '/') {
		t = s + n;
	} else {
		return LT_EINVAL;
	}
	if (*t == 'T' || *t == ' ') {
		int k = 0;
		t++;
		if (sscanf(t, "%2d:%2d%n", &h, &mi, &k) != 2 || k < 4)
			return LT_EINVAL;
		t += k;
		if (*t == ':') {
			if (sscanf(t + 1, "%2d%n", &sec, &k) != 1 || k != 2)
				return LT_EINVAL;
			t += 1 + k;
		}
	}
	while (*t == ' ')
		t++;
	if (*t)
		return LT_EINVAL;
	return epoch_vn(y, mo, d, h, mi, sec, out);
}

int lt_feedback_day_start(const char *date, int64_t *out)
{
	int y, mo, d, n = 0;

	if (!date || !lt_date_valid(date) || sscanf(date, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
	    n != 10)
		return LT_EINVAL;
	return epoch_vn(y, mo, d, 0, 0, 0, out);
}

/* ---------- JSON ---------- */

json_t *lt_feedback_topics_json(uint32_t topics)
{
	json_t *arr = json_array();

	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (topics & (1u << t))
			json_array_append_new(arr, json_string(lt_topic_code(t)));
	return arr;
}

int lt_feedback_topics_from_json(json_t *arr, const char *field, uint32_t *out, lt_error *e)
{
	size_t i;
	json_t *v;
	uint32_t m = 0;

	if (!json_is_array(arr) || !json_array_size(arr))
		return lt_error_set(e, LT_EINVAL, field, "%s phải là danh sách chủ đề, ít nhất một",
				    "%s must be a list of at least one topic", field);
	json_array_foreach(arr, i, v) {
		int t = json_is_string(v) ? lt_topic_from_code(json_string_value(v),
							       json_string_length(v))
					  : -1;
		if (t < 0)
			return lt_error_set(e, LT_EINVAL, field, "Chủ đề không hợp lệ ở vị trí %zu",
					    "Unknown topic at position %zu", i);
		m |= 1u << t;
	}
	*out = m;
	return 0;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *lt_feedback_json(const lt_feedback *f, bool en)
{
	static const char *const sender_state[] = { "none", "full", "masked", "hidden" };
	json_t *j = json_object(), *why = NULL, *names = json_array(), *sender;

	json_object_set_new(j, "id", json_integer(f->id));
	json_object_set_new(j, "unit", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)f->unit_id,
						 "code", f->unit_code ? f->unit_code : "",
						 "name", f->unit_name ? f->unit_name : ""));
	json_object_set_new(j, "handler", json_pack("{s:I,s:s}", "id",
						    (json_int_t)f->handler_unit_id, "name",
						    f->handler_name ? f->handler_name : ""));
	json_object_set_new(j, "receipt", str_or_null(f->receipt));
	json_object_set_new(j, "channel", json_string(f->channel ? f->channel : "other"));
	json_object_set_new(j, "text", json_string(f->text ? f->text : ""));
	sender = json_pack("{s:s}", "shown", sender_state[f->sender & 3]);
	json_object_set_new(sender, "name", str_or_null(f->sender_name));
	json_object_set_new(sender, "phone", str_or_null(f->sender_phone));
	json_object_set_new(j, "sender", sender);
	json_object_set_new(j, "anonymous", json_boolean(f->anonymous));
	json_object_set_new(j, "topics", lt_feedback_topics_json(f->topics));
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (f->topics & (1u << t))
			json_array_append_new(names, json_string(en ? lt_topic_name_en(t)
								    : lt_topic_name_vi(t)));
	json_object_set_new(j, "topic_names", names);
	json_object_set_new(j, "topics_source", json_string(f->topics_source ? f->topics_source
									     : "rules"));
	if (f->why)
		why = json_loads(f->why, 0, NULL);
	json_object_set_new(j, "why", why ? why : json_array());
	json_object_set_new(j, "urgent", json_boolean(f->urgent));
	json_object_set_new(j, "urgency_why", str_or_null(f->urgency_why));
	json_object_set_new(j, "status", json_string(lt_fb_status_code(f->status)));
	json_object_set_new(j, "proposal", str_or_null(f->proposal));
	json_object_set_new(j, "answer", str_or_null(f->answer));
	json_object_set_new(j, "answer_published", json_boolean(f->answer_published));
	json_object_set_new(j, "overdue", json_boolean(f->overdue));
	json_object_set_new(j, "case_id", json_integer(f->case_id));
	json_object_set_new(j, "case_count", json_integer(f->case_count));
	json_object_set_new(j, "received_at", json_integer(f->received_at));
	json_object_set_new(j, "due_at", json_integer(f->due_at));
	json_object_set_new(j, "updated_at", json_integer(f->updated_at));
	return j;
}

/* ---------- intake ---------- */

/* Receipt code: 8 symbols without look-alikes (no 0/O, 1/I/L), "ABCD-EFGH": 40 bits. */
static void new_receipt(char out[LT_FB_RECEIPT_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	int k = 0;

	for (int i = 0; i < 8; i++) {
		if (i == 4)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

static int check_phone(const char *p, lt_error *e)
{
	int digits = 0;

	if (strlen(p) > LT_FB_PHONE_MAX)
		goto bad;
	for (const char *c = p; *c; c++) {
		if (isdigit((unsigned char)*c))
			digits++;
		else if (!strchr(" +.-()", *c))
			goto bad;
	}
	if (digits >= 6)
		return 0;
bad:
	return lt_error_set(e, LT_EINVAL, "sender_phone",
			    "Số điện thoại không hợp lệ (chỉ gồm chữ số, ít nhất 6 số)",
			    "Invalid phone number (digits only, at least 6)");
}

/* Validated, NFC copies of the input's texts (owned by a). */
static int check_input(const lt_feedback_input *in, lt_arena *a, char **text, char **name,
		       char **phone, lt_error *e)
{
	char *t;
	size_t n;

	*text = *name = *phone = NULL;
	if (!lt_fb_channel_valid(in->channel))
		return lt_error_set(e, LT_EINVAL, "channel",
				    "Kênh không hợp lệ (form, hotline, zalo, facebook, in_person,"
				    " import, api, other)",
				    "Unknown channel (form, hotline, zalo, facebook, in_person,"
				    " import, api, other)");
	if (!in->text || !lt_utf8_valid(in->text, strlen(in->text)))
		return lt_error_set(e, LT_EINVAL, "text", "Nội dung trống hoặc không phải UTF-8",
				    "The text is missing or not valid UTF-8");
	if (strlen(in->text) > LT_FB_TEXT_MAX)
		return lt_error_set(e, LT_ETOOBIG, "text", "Nội dung dài quá %d byte",
				    "The text is longer than %d bytes", LT_FB_TEXT_MAX);
	t = lt_text_nfc(in->text, strlen(in->text));
	if (!t)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*text = lt_arena_strdup(a, t);
	free(t);
	n = strspn(*text, " \t\r\n");
	if (!(*text)[n])
		return lt_error_set(e, LT_EINVAL, "text", "Nội dung không được để trống",
				    "The text must not be empty");
	if (in->sender_name && *in->sender_name) {
		if (strlen(in->sender_name) > LT_FB_NAME_MAX ||
		    !lt_utf8_valid(in->sender_name, strlen(in->sender_name)))
			return lt_error_set(e, LT_EINVAL, "sender_name",
					    "Tên người gửi quá dài hoặc không hợp lệ",
					    "The sender's name is too long or invalid");
		t = lt_text_nfc(in->sender_name, strlen(in->sender_name));
		*name = t ? lt_arena_strdup(a, t) : NULL;
		free(t);
	}
	if (in->sender_phone && *in->sender_phone) {
		if (check_phone(in->sender_phone, e))
			return LT_EINVAL;
		*phone = lt_arena_strdup(a, in->sender_phone);
	}
	if (in->received_at < 0 || (in->received_at && in->received_at < 946684800) ||
	    in->received_at > lt_now() + 86400)
		return lt_error_set(e, LT_EINVAL, "received_at",
				    "Thời điểm nhận không hợp lệ (trước năm 2000 hoặc ở tương lai)",
				    "Invalid time received (before 2000 or in the future)");
	return 0;
}

/* The receiving unit must exist and be active. */
static int check_unit(lt_db *db, int64_t unit_id, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT active_to FROM unit WHERE id = $1", &st, e), closed = 0;

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, unit_id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		closed = !lt_stmt_is_null(st, 0);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "unit_id", "Không tìm thấy đơn vị #%" PRId64,
				    "No such unit: #%" PRId64, unit_id);
	if (rc < 0)
		return rc;
	if (closed)
		return lt_error_set(e, LT_ECONFLICT, "unit_id", "Đơn vị đã giải thể",
				    "The unit is closed");
	return 0;
}

/* Case of the nearest earlier message of the same unit within the window, or 0. */
static int find_case(lt_db *db, int64_t unit_id, uint64_t sig, int64_t at, int64_t *case_id,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	int best = 65, rc;

	*case_id = 0;
	if (!sig)
		return 0;
	rc = lt_db_prepare(db,
			   "SELECT case_id, simhash FROM feedback WHERE unit_id = $1"
			   " AND received_at >= $2 AND simhash != 0 AND status != 'spam'"
			   " ORDER BY id",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, unit_id);
	lt_stmt_bind_int(st, 2, at - (int64_t)g_cfg.group_days * 86400);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int d = lt_simhash_distance(sig, (uint64_t)lt_stmt_int(st, 1));
		if (d <= g_cfg.group_distance && d < best) {
			best = d;
			*case_id = lt_stmt_int(st, 0);
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static int add_one(lt_db *db, lt_fb_clf *clf, const lt_feedback_input *in, int64_t actor,
		   int64_t *id_out, char receipt[LT_FB_RECEIPT_LEN + 1], lt_error *e)
{
	lt_arena a;
	lt_fb_class cls = { 0 };
	lt_stmt *st = NULL;
	char *text, *name, *phone, *fold = NULL, code[LT_FB_RECEIPT_LEN + 1], detail[96];
	int64_t now = lt_now(), at, case_id = 0, id = 0;
	uint64_t sig = 0;
	int rc;

	lt_arena_init(&a);
	rc = check_input(in, &a, &text, &name, &phone, e);
	if (!rc)
		rc = check_unit(db, in->unit_id, e);
	if (rc)
		goto out;
	at = in->received_at ? in->received_at : now;
	fold = lt_text_fold(text, strlen(text));
	rc = lt_fb_clf_run(clf, text, strlen(text), &cls, e);
	if (!rc)
		rc = lt_simhash_text(text, strlen(text), &clf->tok, &sig) ? LT_ENOMEM : 0;
	if (!rc)
		rc = find_case(db, in->unit_id, sig, at, &case_id, e);
	if (rc || !fold) {
		rc = rc ? rc : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	/* A clash of 40-bit codes is rare; draw again a few times. */
	for (int tries = 0; tries < 5; tries++) {
		new_receipt(code);
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback(unit_id, handler_unit_id, receipt, channel,"
				   " received_at, text, text_fold, sender_name, sender_phone, anonymous,"
				   " topics, topics_source, why, urgent, urgency_why, simhash, case_id,"
				   " status, due_at, created_by, created_at, updated_at)"
				   " VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
				   " $14, $15, $16, 'new', $17, $18, $19, $19) RETURNING id",
				   &st, e);
		if (rc)
			goto out;
		lt_stmt_bind_int(st, 1, in->unit_id);
		lt_stmt_bind_text(st, 2, code);
		lt_stmt_bind_text(st, 3, in->channel);
		lt_stmt_bind_int(st, 4, at);
		lt_stmt_bind_text(st, 5, text);
		lt_stmt_bind_text(st, 6, fold);
		lt_stmt_bind_text(st, 7, name);
		lt_stmt_bind_text(st, 8, phone);
		lt_stmt_bind_int(st, 9, in->anonymous ? 1 : 0);
		lt_stmt_bind_int(st, 10, cls.topics);
		lt_stmt_bind_text(st, 11, cls.source);
		lt_stmt_bind_text(st, 12, cls.why);
		lt_stmt_bind_int(st, 13, cls.urgent ? 1 : 0);
		lt_stmt_bind_text(st, 14, cls.urgent ? cls.urgency_why : NULL);
		lt_stmt_bind_int(st, 15, (int64_t)sig);
		lt_stmt_bind_id(st, 16, case_id);
		lt_stmt_bind_int(st, 17, lt_fb_deadline(at, cls.urgent));
		lt_stmt_bind_id(st, 18, actor);
		lt_stmt_bind_int(st, 19, now);
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			id = lt_stmt_int(st, 0);
		lt_stmt_done(st);
		if (rc != LT_EEXIST)
			break;
	}
	if (rc < 0)
		goto out;
	if (!case_id) {
		rc = lt_db_prepare(db, "UPDATE feedback SET case_id = id WHERE id = $1", &st, e);
		if (rc)
			goto out;
		lt_stmt_bind_int(st, 1, id);
		rc = lt_stmt_run(st, e);
		if (rc)
			goto out;
	}
	rc = lt_db_prepare(db,
			   "INSERT INTO feedback_step(feedback_id, at, user_id, unit_id, action,"
			   " from_status, to_status, note) VALUES ($1, $2, $3, $4, 'receive', NULL,"
			   " 'new', $5)",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, now);
	lt_stmt_bind_id(st, 3, actor);
	lt_stmt_bind_int(st, 4, in->unit_id);
	lt_stmt_bind_text(st, 5, in->channel);
	rc = lt_stmt_run(st, e);
	snprintf(detail, sizeof(detail), "{\"unit_id\":%" PRId64 ",\"channel\":\"%s\"}",
		 in->unit_id, in->channel);
	if (!rc)
		rc = lt_audit(db, actor, "create", "feedback", id, detail, e);
	if (rc)
		goto out;
	if (id_out)
		*id_out = id;
	if (receipt)
		memcpy(receipt, code, sizeof(code));
out:
	free(cls.why);
	free(fold);
	lt_arena_free(&a);
	return rc;
}

int lt_feedback_add(lt_db *db, const lt_feedback_input *in, int64_t actor, int64_t *id_out,
		    char receipt[LT_FB_RECEIPT_LEN + 1], lt_error *e)
{
	lt_fb_clf clf;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_fb_clf_open(db, &clf, e);
	if (!rc) {
		rc = add_one(db, &clf, in, actor, id_out, receipt, e);
		lt_fb_clf_close(&clf);
	}
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	return lt_db_commit(db, e);
}

int lt_feedback_import(lt_db *db, const lt_feedback_input *rows, size_t n, int64_t actor,
		       size_t *created, size_t *bad_index, lt_error *e)
{
	lt_fb_clf clf;
	size_t i = 0;
	int rc = lt_db_begin(db, e);

	*created = 0;
	if (rc)
		return rc;
	rc = lt_fb_clf_open(db, &clf, e);
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	for (; i < n && !rc; i++)
		rc = add_one(db, &clf, &rows[i], actor, NULL, NULL, e);
	lt_fb_clf_close(&clf);
	if (rc) {
		if (bad_index)
			*bad_index = i - 1;
		lt_db_rollback(db);
		return rc;
	}
	rc = lt_db_commit(db, e);
	if (!rc)
		*created = n;
	return rc;
}

/* ---------- public form limits ---------- */

int lt_feedback_rate_take(lt_db *db, const char *ip, int64_t unit_id, bool *allowed,
			  lt_error *e)
{
	lt_stmt *st = NULL;
	char hash[65];
	int64_t now = lt_now(), since = now - g_cfg.form_window, by_ip = 0, by_unit = 0;
	int rc;

	*allowed = false;
	/* The IP is personal data too: only its hash is kept, and only for the window. */
	lt_sha256_hex(ip ? ip : "?", ip ? strlen(ip) : 1, hash);
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_db_prepare(db, "DELETE FROM feedback_rate WHERE at < $1", &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, since);
	rc = lt_stmt_run(st, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "SELECT (SELECT count(*) FROM feedback_rate WHERE ip_hash = $1"
				   " AND at >= $3), (SELECT count(*) FROM feedback_rate WHERE"
				   " unit_id = $2 AND at >= $3)",
				   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_text(st, 1, hash);
	lt_stmt_bind_int(st, 2, unit_id);
	lt_stmt_bind_int(st, 3, since);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		by_ip = lt_stmt_int(st, 0);
		by_unit = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto fail;
	if (by_ip >= g_cfg.form_max_per_ip || by_unit >= g_cfg.form_max_per_unit) {
		return lt_db_commit(db, e); /* only the expired rows went */
	}
	rc = lt_db_prepare(db, "INSERT INTO feedback_rate(ip_hash, unit_id, at) VALUES ($1, $2, $3)",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_text(st, 1, hash);
	lt_stmt_bind_int(st, 2, unit_id);
	lt_stmt_bind_int(st, 3, now);
	rc = lt_stmt_run(st, e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	if (!rc)
		*allowed = true;
	return rc;
fail:
	lt_db_rollback(db);
	return rc;
}
