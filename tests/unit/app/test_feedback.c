/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/feedback*.c: the use cases of workers' feedback on an
 * in-memory database, for every kind of actor — the receiving unit's cadre,
 * a sibling unit's cadre, the officers above (commune, district), an officer
 * of another district, an administrator, the console operator and the
 * public. Who may read, handle and re-classify which message; who sees a
 * sender (and the audit of it); all-or-nothing writes; bad input naming its
 * field. Rules, training, the summary, imports and the public form are in
 * test_feedback_rules.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/feedback.h"
#include "render/xlsx_read.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"
#include "test_feedback_app.h"

/* ---------- intake ---------- */

static void test_intake_classifies(void **state)
{
	fx *f = *state;
	lt_feedback_input in = { .channel = "hotline",
				 .text = "Công ty nợ lương tháng 12 của công nhân đã hai tháng rồi" };
	lt_fb_added out;
	lt_fb_view v;
	lt_error e;

	/* A cadre's message goes to the cadre's own unit unless told otherwise. */
	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, &v, &e), 0);
	assert_int_equal(strlen(out.receipt), 9);
	assert_string_equal(v.f.receipt, out.receipt);
	assert_int_equal(v.f.unit_id, f->g1);
	assert_true(v.f.topics & (1u << LT_TOPIC_TIEN_LUONG));
	assert_string_equal(v.f.topics_source, "model"); /* the shipped model */
	assert_non_null(strstr(v.f.why, "\"kind\":\"model\""));
	assert_true(v.f.urgent);
	assert_non_null(strstr(v.f.urgency_why, "lương"));
	assert_int_equal(v.f.due_at - v.f.received_at, 2 * 86400);
	assert_int_equal(v.nsteps, 1);
	assert_true(v.can_act);
	assert_true(v.holder_has_parent);
	/* thanks are never urgent (GUIDE.md rule 13); the shipped model of issue 14
	 * round 4 puts "Đề nghị tổ chức thêm giải bóng đá cho anh em" just above its
	 * urgency threshold, a known false alarm (data/feedback/README.md) */
	v = get_as(f, &f->cadre, add(f, f->g1, "Cảm ơn công đoàn đã tổ chức giải bóng đá cho anh em"));
	assert_false(v.f.urgent);
	assert_int_equal(v.f.due_at - v.f.received_at, 7 * 86400);
}

static void test_add_checks_scope_and_input(void **state)
{
	fx *f = *state;
	lt_feedback_input in = { .unit_id = f->g2, .channel = "form", .text = "Xin hỏi" };
	lt_fb_added out;
	lt_error e;

	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e),
			 LT_EFORBIDDEN); /* a sibling unit */
	assert_string_equal(e.field, "unit_id");
	in.unit_id = f->g1;
	assert_int_equal(lt_app_feedback_add(f->db, &f->other_officer, &in, &out, &f->a, NULL, &e),
			 LT_EFORBIDDEN); /* another district */
	assert_int_equal(lt_app_feedback_add(f->db, &f->pub, &in, &out, &f->a, NULL, &e), LT_EAUTH);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
	in.text = "   ";
	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "text");
	in.text = "ok";
	in.channel = "pigeon";
	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "channel");
	in.channel = "zalo";
	in.sender_phone = "call me";
	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "sender_phone");
	in.sender_phone = NULL;
	in.received_at = 1000;
	assert_int_equal(lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "received_at");
	in.received_at = 0;
	in.unit_id = 9999;
	assert_int_equal(lt_app_feedback_add(f->db, &f->op, &in, &out, &f->a, NULL, &e),
			 LT_ENOTFOUND);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
	/* Officers above and the operator record for any unit of their subtree. */
	in.unit_id = f->g1;
	assert_int_equal(lt_app_feedback_add(f->db, &f->commune_officer, &in, &out, &f->a, NULL, &e),
			 0);
	assert_int_equal(lt_app_feedback_add(f->db, &f->op, &in, &out, &f->a, NULL, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 2);
}

static void test_near_duplicates_form_a_case(void **state)
{
	fx *f = *state;
	lt_fb_list_in in = { .view = "subtree", .by_case = true, .urgent = -1 };
	lt_fb_list l;
	lt_fb_view v;
	lt_error e;
	int64_t id1 = add(f, f->g1, "Công ty chưa trả thưởng Tết năm nay cho công nhân");
	int64_t id2 = add(f, f->g1, "cty chua tra thuong tet nam nay cho cong nhan a");
	int64_t id3 = add(f, f->g1, "Công ty chưa trả thưởng Tết năm nay cho công nhân!!!");

	add(f, f->g1, "Nhà vệ sinh khu xưởng B bị hỏng cả tuần");
	add(f, f->g2, "Công ty chưa trả thưởng Tết năm nay cho công nhân");
	assert_int_equal(lt_app_feedback_list(f->db, &f->commune_officer, &in, &f->a, &l, &e), 0);
	assert_int_equal(l.n, 3); /* the case of three, the other message, the other unit's */
	/* The message's view lists its case mates; nothing was merged. */
	v = get_as(f, &f->cadre, id1);
	assert_int_equal(v.f.case_count, 3);
	assert_int_equal(v.nmates, 2);
	assert_true((v.mates[0].id == id3 && v.mates[1].id == id2));
	/* A sibling unit's cadre sees none of it. */
	in.by_case = false;
	assert_int_equal(lt_app_feedback_list(f->db, &f->sibling, &in, &f->a, &l, &e), 0);
	assert_int_equal(l.n, 1);
}

/* ---------- reading and personal data ---------- */

static void test_who_reads_a_message(void **state)
{
	fx *f = *state;
	lt_fb_view v;
	lt_fb_list_in in = { .view = "subtree", .urgent = -1 };
	lt_fb_list l;
	lt_error e;
	int64_t id = add(f, f->g1, "Xin hỏi về chế độ thai sản");

	assert_int_equal(lt_app_feedback_get(f->db, &f->cadre, id, true, &f->a, &v, &e), 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->commune_officer, id, true, &f->a, &v, &e), 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->district_officer, id, true, &f->a, &v, &e),
			 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->admin, id, true, &f->a, &v, &e), 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->op, id, true, &f->a, &v, &e), 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->sibling, id, true, &f->a, &v, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "id");
	assert_int_equal(lt_app_feedback_get(f->db, &f->other_officer, id, true, &f->a, &v, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_feedback_get(f->db, &f->pub, id, true, &f->a, &v, &e), LT_EAUTH);
	assert_int_equal(lt_app_feedback_get(f->db, &f->op, id + 1, true, &f->a, &v, &e),
			 LT_ENOTFOUND);
	/* Lists stay in the subtree, and a unit filter outside it is refused. */
	assert_int_equal(lt_app_feedback_list(f->db, &f->other_officer, &in, &f->a, &l, &e), 0);
	assert_int_equal(l.n, 0);
	in.unit_id = f->g1;
	assert_int_equal(lt_app_feedback_list(f->db, &f->other_officer, &in, &f->a, &l, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	in.unit_id = 0;
	in.status = "lost";
	assert_int_equal(lt_app_feedback_list(f->db, &f->admin, &in, &f->a, &l, &e), LT_EINVAL);
	assert_string_equal(e.field, "status");
	in.status = NULL;
	in.view = "everything";
	assert_int_equal(lt_app_feedback_list(f->db, &f->admin, &in, &f->a, &l, &e), LT_EINVAL);
	assert_string_equal(e.field, "view");
	in.view = NULL;
	in.from = "2024-02-30";
	assert_int_equal(lt_app_feedback_list(f->db, &f->admin, &in, &f->a, &l, &e), LT_EINVAL);
	assert_string_equal(e.field, "from");
}

static void test_masking_and_audit(void **state)
{
	fx *f = *state;
	int64_t plain = add_as(f, &f->cadre, f->g1, "Xin hỏi về chế độ thai sản", "Nguyễn Thị Hoa",
			       "0912 345 678", false);
	int64_t anon = add_as(f, &f->cadre, f->g1, "Tổ trưởng bắt làm thêm giờ không trả tiền",
			      "Trần Văn Bình", "0987654321", true);
	int64_t base = views(f);
	lt_fb_view v;
	lt_fb_list_in in = { .view = "subtree", .urgent = -1, .reveal = false };
	lt_fb_list l;
	lt_error e;

	/* The receiving unit sees its sender in full, the unit above a mask. */
	v = get_as(f, &f->cadre, plain);
	assert_int_equal(v.f.sender, LT_FB_SENDER_FULL);
	assert_string_equal(v.f.sender_phone, "0912 345 678");
	v = get_as(f, &f->commune_officer, plain);
	assert_int_equal(v.f.sender, LT_FB_SENDER_MASKED);
	assert_string_equal(v.f.sender_name, "N***");
	assert_string_equal(v.f.sender_phone, "091*****78");
	assert_int_equal(views(f), base + 1);
	/* Anonymous from the employer: the enterprise union sees nothing, nor the one above. */
	v = get_as(f, &f->cadre, anon);
	assert_int_equal(v.f.sender, LT_FB_SENDER_HIDDEN);
	assert_null(v.f.sender_name);
	assert_null(v.f.sender_phone);
	v = get_as(f, &f->district_officer, anon);
	assert_int_equal(v.f.sender, LT_FB_SENDER_HIDDEN);
	v = get_as(f, &f->admin, anon);
	assert_int_equal(v.f.sender, LT_FB_SENDER_FULL);
	assert_string_equal(v.f.sender_name, "Trần Văn Bình");
	assert_int_equal(views(f), base + 2);
	/* The operator sees senders only when it asks (--personal), and that is logged too. */
	assert_int_equal(lt_app_feedback_list(f->db, &f->op, &in, &f->a, &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_true(l.items[0].sender != LT_FB_SENDER_FULL && l.items[1].sender != LT_FB_SENDER_FULL);
	assert_int_equal(views(f), base + 2);
	in.reveal = true;
	in.via = "cli";
	assert_int_equal(lt_app_feedback_list(f->db, &f->op, &in, &f->a, &l, &e), 0);
	assert_true(l.items[0].sender == LT_FB_SENDER_FULL && l.items[1].sender == LT_FB_SENDER_FULL);
	assert_int_equal(views(f), base + 4);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'"
				  " AND detail LIKE '%\"via\":\"cli\"%' AND user_id IS NULL"),
			 2);
}

static int to_buf(const void *p, size_t n, void *ctx)
{
	return lt_buf_add(ctx, p, n) ? -1 : 0;
}

static int export(fx *f, const lt_actor *who, const lt_fb_list_in *in, bool xlsx, lt_buf *out,
		  lt_error *e)
{
	int rc;

	lt_buf_init(out, 64u << 20);
	rc = lt_app_feedback_export(f->db, who, in, xlsx, to_buf, out, e);
	if (!rc && !lt_buf_add(out, "", 1)) /* the text ends */
		out->len--;
	return rc;
}

static void test_export_masks_like_the_list(void **state)
{
	fx *f = *state;
	lt_fb_list_in in = { .view = "subtree", .urgent = -1, .reveal = true };
	lt_buf out;
	lt_error e;
	int64_t base;

	add_as(f, &f->cadre, f->g1, "Hỏi về chế độ ốm đau", "Đặng Thị Cúc", "0904 123 987", false);
	base = views(f);
	assert_int_equal(export(f, &f->commune_officer, &in, false, &out, &e), 0);
	assert_non_null(strstr(out.ptr, "Đ***"));
	assert_null(strstr(out.ptr, "0904 123 987"));
	lt_buf_free(&out);
	assert_int_equal(views(f), base);
	assert_int_equal(export(f, &f->cadre, &in, false, &out, &e), 0);
	assert_non_null(strstr(out.ptr, "0904 123 987"));
	lt_buf_free(&out);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'"
				  " AND detail LIKE '%\"via\":\"export\"%'"),
			 1);
	assert_int_equal(export(f, &f->pub, &in, true, &out, &e), LT_EAUTH);
	lt_buf_free(&out);
}

static int full_sink(const void *p, size_t n, void *ctx)
{
	(void)p;
	(void)n;
	(void)ctx;
	return -1;
}

/* An export holds every match, not a page: 1,050 messages are two pages and a bit. */
static void test_export_every_page(void **state)
{
	fx *f = *state;
	lt_fb_list_in in = { .view = "subtree", .urgent = -1, .limit = 10 };
	lt_buf out;
	lt_error e;
	size_t lines = 0;
	char text[64];
	const char *p;

	for (int i = 0; i < 1050; i++) {
		snprintf(text, sizeof(text), "Tin nhắn số %04d về lương", i);
		add(f, i % 2 ? f->g1 : f->g2, text);
	}
	assert_int_equal(export(f, &f->commune_officer, &in, false, &out, &e), 0);
	/* One BOM and one header, then each message once, newest first. */
	assert_memory_equal(out.ptr, "\xEF\xBB\xBF", 3);
	assert_null(strstr(out.ptr + 3, "\xEF\xBB\xBF"));
	assert_null(strstr(strstr(out.ptr, "Thời điểm nhận") + 1, "Thời điểm nhận"));
	for (p = out.ptr; (p = strchr(p, '\n')); p++)
		lines++;
	assert_int_equal(lines, 1 + 1050);
	for (int i = 0; i < 1050; i++) {
		snprintf(text, sizeof(text), "Tin nhắn số %04d về lương", i);
		p = strstr(out.ptr, text);
		assert_non_null(p);
		assert_null(strstr(p + 1, text));
		if (i)
			assert_true(p < strstr(out.ptr, (snprintf(text, sizeof(text),
							  "Tin nhắn số %04d về lương", i - 1), text)));
	}
	lt_buf_free(&out);
	/* XLSX too, streamed a batch at a time: read back, the header and every message. */
	assert_int_equal(export(f, &f->commune_officer, &in, true, &out, &e), 0);
	{
		lt_table *t = NULL;
		const lt_sheet *sh;
		const lt_cell *c;
		assert_int_equal(lt_xlsx_read(out.ptr, out.len, NULL, &t, &e), 0);
		sh = lt_table_sheet_at(t, 0);
		assert_int_equal(sh->nrows, 1 + 1050);
		c = lt_sheet_cell(sh, 2, 11); /* the newest message's text */
		assert_true(c->len == strlen("Tin nhắn số 1049 về lương") &&
			    !memcmp(c->text, "Tin nhắn số 1049 về lương", c->len));
		c = lt_sheet_cell(sh, 1051, 11);
		assert_true(c->len == strlen("Tin nhắn số 0000 về lương") &&
			    !memcmp(c->text, "Tin nhắn số 0000 về lương", c->len));
		lt_table_free(t);
	}
	lt_buf_free(&out);
	/* A sink that cannot write fails the export. */
	assert_int_equal(lt_app_feedback_export(f->db, &f->commune_officer, &in, false, full_sink,
						NULL, &e),
			 LT_EIO);
}

/* ---------- handling ---------- */

static void test_flow_two_levels(void **state)
{
	fx *f = *state;
	lt_fb_public_status ps;
	lt_fb_view v;
	lt_feedback_input in = { .unit_id = f->g1, .channel = "form",
				 .text = "Xe đưa công nhân về quê ăn Tết chưa thấy đăng ký" };
	lt_fb_added added;
	lt_error e;
	int64_t id;

	assert_int_equal(lt_app_feedback_form_post(f->db, &f->pub, &in, &added, &e), 0);
	id = added.id;
	assert_int_equal(act(f, &f->cadre, id, "escalate", NULL, false, &e), LT_ECONFLICT);
	assert_int_equal(act(f, &f->cadre, id, "start", NULL, false, &e), 0);
	assert_int_equal(act(f, &f->cadre, id, "start", NULL, false, &e), LT_ECONFLICT);
	assert_int_equal(act(f, &f->cadre, id, "propose", "", false, &e), LT_EINVAL);
	assert_string_equal(e.field, "proposal");
	assert_int_equal(act(f, &f->cadre, id, "propose", "Đề nghị bố trí 2 xe cho 80 công nhân",
			     false, &e),
			 0);
	/* A sibling cadre cannot touch it; the receiving cadre escalates it. */
	assert_int_equal(act(f, &f->sibling, id, "escalate", NULL, false, &e), LT_EFORBIDDEN);
	assert_int_equal(act(f, &f->cadre, id, "escalate", NULL, false, &e), 0);
	v = get_as(f, &f->cadre, id);
	assert_int_equal(v.f.status, LT_FB_ESCALATED);
	assert_int_equal(v.f.handler_unit_id, f->commune);
	assert_false(v.can_act);
	/* Held by the commune now: the grassroots cadre can no longer move it. */
	assert_int_equal(act(f, &f->cadre, id, "answer", "x", false, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "id");
	assert_int_equal(act(f, &f->commune_officer, id, "escalate",
			     "Xã đề nghị huyện đưa vào chuyến xe Tết Sum vầy", false, &e),
			 0);
	v = get_as(f, &f->district_officer, id);
	assert_int_equal(v.f.handler_unit_id, f->district);
	assert_string_equal(v.f.proposal, "Xã đề nghị huyện đưa vào chuyến xe Tết Sum vầy");
	assert_int_equal(act(f, &f->commune_officer, id, "answer", "x", false, &e), LT_EFORBIDDEN);
	assert_int_equal(act(f, &f->other_officer, id, "answer", "x", false, &e), LT_EFORBIDDEN);
	assert_int_equal(act(f, &f->district_officer, id, "answer", "", false, &e), LT_EINVAL);
	assert_string_equal(e.field, "answer");
	assert_int_equal(act(f, &f->district_officer, id, "answer",
			     "Huyện đã bố trí 2 xe ngày 05/02", true, &e),
			 0);
	v = get_as(f, &f->cadre, id);
	assert_int_equal(v.f.status, LT_FB_ANSWERED);
	assert_int_equal(v.f.handler_unit_id, f->g1); /* back down to the receiving unit */
	assert_true(v.f.answer_published);
	assert_int_equal(lt_app_feedback_receipt(f->db, &f->pub, added.receipt, &f->a, &ps, &e), 0);
	assert_int_equal(ps.status, LT_FB_ANSWERED);
	assert_string_equal(ps.answer, "Huyện đã bố trí 2 xe ngày 05/02");
	assert_int_equal(act(f, &f->cadre, id, "close", NULL, false, &e), 0);
	assert_int_equal(act(f, &f->cadre, id, "spam", NULL, false, &e), LT_ECONFLICT);
	assert_int_equal(act(f, &f->cadre, id, "shred", NULL, false, &e), LT_EINVAL);
	assert_string_equal(e.field, "action");
	/* Each step names the unit that took it. */
	v = get_as(f, &f->cadre, id);
	assert_int_equal(v.nsteps, 7); /* receive, start, propose, escalate ×2, answer, close */
	assert_string_equal(v.steps[4].action, "escalate");
	assert_string_equal(v.steps[4].unit_name, "Công đoàn xã Đa Tốn");
	assert_string_equal(v.steps[5].unit_name, "LĐLĐ huyện Gia Lâm");
	assert_string_equal(v.steps[5].user_name, "gialam");
	assert_string_equal(v.steps[6].to_status, "closed");
}

static void test_a_refused_step_writes_nothing(void **state)
{
	fx *f = *state;
	lt_fb_view v;
	lt_error e;
	int64_t id = add(f, f->city, "Đề nghị tăng lương tối thiểu vùng");
	int64_t steps = count(f, "SELECT count(*) FROM feedback_step");
	int64_t audit = count(f, "SELECT count(*) FROM audit_event");

	/* The city holds it and has no parent: escalation is refused whole. */
	assert_int_equal(act(f, &f->op, id, "propose", "Đề nghị Tổng Liên đoàn", false, &e), 0);
	assert_int_equal(act(f, &f->op, id, "escalate", NULL, false, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.en, "no parent"));
	assert_int_equal(act(f, &f->op, id, "publish", NULL, false, &e), LT_ECONFLICT);
	v = get_as(f, &f->op, id);
	assert_int_equal(v.f.status, LT_FB_PROPOSED);
	assert_int_equal(v.f.handler_unit_id, f->city);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_step"), steps + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event"), audit + 1);
	/* The operator acts for the unit that holds the message. */
	assert_string_equal(v.steps[1].unit_name, "LĐLĐ thành phố Hà Nội");
	assert_null(v.steps[1].user_name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intake_classifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_checks_scope_and_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near_duplicates_form_a_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_a_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_masking_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_masks_like_the_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_every_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow_two_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_refused_step_writes_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
