/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_intake.c — a message comes in: from a cadre (hotline, Zalo, in
 * person, the API), from a worker on the public form, or row by row from an
 * import (feedback_sheet.c). Each is checked, classified, flagged urgent,
 * given its deadline and joined to a near-duplicate case the same way; and
 * the worker checks the status with the receipt code.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "core/clock.h"
#include "text/fold.h"
#include "text/simhash.h"

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

/* NFC copy of s into a; NULL when out of memory. */
static const char *nfc(lt_arena *a, const char *s)
{
	char *t = lt_text_nfc(s, strlen(s));
	const char *out = t ? lt_arena_strdup(a, t) : NULL;

	free(t);
	return out;
}

/* The input checked, its texts in NFC (owned by a) into r. */
static int check_input(const lt_feedback_input *in, lt_arena *a, lt_feedback_row *r, lt_error *e)
{
	memset(r, 0, sizeof(*r));
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
	if (!(r->text = nfc(a, in->text)))
		return lt_app_fb_nomem(e);
	if (!r->text[strspn(r->text, " \t\r\n")])
		return lt_error_set(e, LT_EINVAL, "text", "Nội dung không được để trống",
				    "The text must not be empty");
	if (in->sender_name && *in->sender_name) {
		if (strlen(in->sender_name) > LT_FB_NAME_MAX ||
		    !lt_utf8_valid(in->sender_name, strlen(in->sender_name)))
			return lt_error_set(e, LT_EINVAL, "sender_name",
					    "Tên người gửi quá dài hoặc không hợp lệ",
					    "The sender's name is too long or invalid");
		if (!(r->sender_name = nfc(a, in->sender_name)))
			return lt_app_fb_nomem(e);
	}
	if (in->sender_phone && *in->sender_phone) {
		if (check_phone(in->sender_phone, e))
			return LT_EINVAL;
		r->sender_phone = in->sender_phone;
	}
	if (in->received_at < 0 || (in->received_at && in->received_at < 946684800) ||
	    in->received_at > lt_now() + 86400)
		return lt_error_set(e, LT_EINVAL, "received_at",
				    "Thời điểm nhận không hợp lệ (trước năm 2000 hoặc ở tương lai)",
				    "Invalid time received (before 2000 or in the future)");
	r->unit_id = in->unit_id;
	r->channel = in->channel;
	r->anonymous = in->anonymous;
	r->received_at = in->received_at ? in->received_at : lt_now();
	return 0;
}

/* The receiving unit must exist and be open. */
static int check_unit(lt_db *db, int64_t unit_id, lt_arena *a, lt_error *e)
{
	lt_unit u;
	int rc = lt_unit_get(db, unit_id, a, &u, e);

	if (rc == LT_ENOTFOUND)
		return lt_error_set(e, LT_ENOTFOUND, "unit_id", "Không tìm thấy đơn vị #%" PRId64,
				    "No such unit: #%" PRId64, unit_id);
	if (!rc && u.active_to)
		return lt_error_set(e, LT_ECONFLICT, "unit_id", "Đơn vị đã giải thể",
				    "The unit is closed");
	return rc;
}

int lt_app_fb_intake(lt_db *db, lt_fb_clf *clf, const lt_feedback_input *in, int64_t actor,
		     lt_fb_added *out, lt_error *e)
{
	const lt_feedback_config *cfg = lt_feedback_config_get();
	lt_arena a;
	lt_fb_class cls = { 0 };
	lt_feedback_row r;
	lt_fb_added got;
	char *fold = NULL;
	int rc;

	lt_arena_init(&a);
	rc = check_input(in, &a, &r, e);
	if (!rc)
		rc = check_unit(db, in->unit_id, &a, e);
	if (!rc)
		rc = lt_app_fb_clf_run(clf, r.text, strlen(r.text), &cls, e);
	if (!rc && lt_simhash_text(r.text, strlen(r.text), &clf->tok, &r.simhash))
		rc = lt_app_fb_nomem(e);
	if (!rc && !(fold = lt_text_fold(r.text, strlen(r.text))))
		rc = lt_app_fb_nomem(e);
	if (!rc)
		rc = lt_feedback_find_case(db, r.unit_id, r.simhash,
					   r.received_at - (int64_t)cfg->group_days * 86400,
					   cfg->group_distance, &r.case_id, e);
	if (rc)
		goto out;
	r.text_fold = fold;
	r.topics = cls.topics;
	r.topics_source = cls.source;
	r.why = cls.why;
	r.urgent = cls.urgent;
	r.urgency_why = cls.urgency_why;
	r.due_at = lt_fb_deadline(r.received_at, cls.urgent);
	rc = lt_feedback_insert(db, &r, actor, &got.id, got.receipt, e);
	if (!rc && out)
		*out = got;
out:
	free(cls.why);
	free(fold);
	lt_arena_free(&a);
	return rc;
}

/* One message in its own transaction. */
static int intake_one(lt_db *db, const lt_feedback_input *in, int64_t actor, lt_fb_added *out,
		      lt_error *e)
{
	lt_fb_clf clf;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_fb_clf_open_at(db, in->unit_id, &clf, e);
	if (!rc) {
		rc = lt_app_fb_intake(db, &clf, in, actor, out, e);
		lt_app_fb_clf_close(&clf);
	}
	return lt_db_end(db, rc, e);
}

int lt_app_feedback_add(lt_db *db, const lt_actor *who, const lt_feedback_input *in,
			lt_fb_added *out, lt_arena *a, lt_fb_view *view, lt_error *e)
{
	lt_feedback_input x = *in;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!x.unit_id)
		x.unit_id = who->unit_id;
	if (!rc && !x.unit_id)
		rc = lt_error_set(e, LT_EINVAL, "unit_id", "Cần chọn đơn vị nhận",
				  "The receiving unit is required");
	if (!rc)
		rc = lt_app_fb_unit(db, who, x.unit_id, "unit_id", a, &u, e);
	if (!rc)
		rc = intake_one(db, &x, lt_actor_audit_id(who), out, e);
	if (!rc && view)
		rc = lt_app_feedback_get(db, who, out->id, true, a, view, e);
	return rc;
}

/* ---------- the public form ---------- */

int lt_app_feedback_form_unit(lt_db *db, const lt_actor *who, int64_t unit_id, lt_arena *a,
			      lt_unit *out, lt_error *e)
{
	int rc = lt_unit_get(db, unit_id, a, out, e);

	(void)who; /* anyone may open a form: it shows only the unit's name */
	if ((!rc && out->active_to) || rc == LT_ENOTFOUND)
		return lt_error_set(e, LT_ENOTFOUND, "unit_id",
				    "Không có công đoàn nhận ý kiến ở địa chỉ này",
				    "No union takes messages at this address");
	return rc;
}

int lt_app_feedback_form_post(lt_db *db, const lt_actor *who, const lt_feedback_input *in,
			      lt_fb_added *out, lt_error *e)
{
	const lt_feedback_config *cfg = lt_feedback_config_get();
	lt_feedback_input x = *in;
	bool allowed = false;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_feedback_rate_take(db, who->ip, in->unit_id, cfg->form_window, cfg->form_max_per_ip,
				   cfg->form_max_per_unit, &allowed, e);
	if (rc)
		return rc;
	if (!allowed)
		return lt_error_set(e, LT_ETHROTTLE, NULL,
				    "Có quá nhiều ý kiến gửi từ máy của bạn hoặc tới đơn vị này trong"
				    " thời gian ngắn. Ý kiến vừa rồi chưa được lưu; vui lòng thử lại"
				    " sau ít phút.",
				    "Too many messages came from your device or to this unit in a"
				    " short time. This one was not saved; please try again in a few"
				    " minutes.");
	if (!in->text || !*in->text)
		return lt_error_set(e, LT_EINVAL, "text", "Vui lòng viết nội dung ý kiến.",
				    "Please write your message.");
	x.channel = "form";
	/* A worker is no user: the message is recorded as the system's. */
	return intake_one(db, &x, 0, out, e);
}
