/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/feedback*.c: the use cases of workers' feedback on an
 * in-memory database, for every kind of actor — the receiving unit's cadre,
 * a sibling unit's cadre, the officers above (commune, district), an officer
 * of another district, an administrator, the console operator and the
 * public. Who may read, handle and re-classify which message; who sees a
 * sender (and the audit of it); all-or-nothing writes; bad input naming its
 * field.
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
#include "test_feedback_fx.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	int64_t city, district, commune, g1, g2, other, g3;
	lt_actor cadre, sibling, commune_officer, district_officer, other_officer, admin, op, pub;
} fx;

#define user(f, out, login, role, unit) mk_user((f)->db, &(f)->a, out, login, role, unit)

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_feedback_config c;
	lt_error e;

	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
	lt_arena_init(&f->a);
	assert_int_equal(lt_db_open("sqlite::memory:", &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->district = mk(f->db, "GL", "LĐLĐ huyện Gia Lâm", "district", f->city);
	f->commune = mk(f->db, "DT", "Công đoàn xã Đa Tốn", "commune", f->district);
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "CĐCS Trường THCS Đa Tốn", "grassroots", f->commune);
	f->other = mk(f->db, "LB", "LĐLĐ quận Long Biên", "district", f->city);
	f->g3 = mk(f->db, "G3", "CĐCS Công ty Cơ khí Long Biên", "grassroots", f->other);
	user(f, &f->cadre, "cs-g1", "cadre", f->g1);
	user(f, &f->sibling, "cs-g2", "cadre", f->g2);
	user(f, &f->commune_officer, "xa-dt", "officer", f->commune);
	user(f, &f->district_officer, "gialam", "officer", f->district);
	user(f, &f->other_officer, "longbien", "officer", f->other);
	user(f, &f->admin, "admin", "admin", f->city);
	lt_actor_operator(&f->op);
	lt_actor_public(&f->pub, "203.0.113.7");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	lt_arena_free(&f->a);
	free(f);
	return 0;
}

static int64_t count(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(lt_db_prepare_once(f->db, sql, &st, NULL), 0);
	if (lt_stmt_step(st, NULL) == 1)
		n = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return n;
}

static int64_t views(fx *f)
{
	return count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'");
}

static int64_t add_as(fx *f, const lt_actor *who, int64_t unit, const char *text,
		      const char *name, const char *phone, bool anon)
{
	lt_feedback_input in = { .unit_id = unit, .channel = "zalo", .text = text,
				 .sender_name = name, .sender_phone = phone, .anonymous = anon };
	lt_fb_added out;
	lt_error e;

	if (lt_app_feedback_add(f->db, who, &in, &out, &f->a, NULL, &e))
		fail_msg("add: %s (%s)", e.en, e.field);
	return out.id;
}

static int64_t add(fx *f, int64_t unit, const char *text)
{
	return add_as(f, &f->op, unit, text, NULL, NULL, false);
}

static lt_fb_view get_as(fx *f, const lt_actor *who, int64_t id)
{
	lt_fb_view v;
	lt_error e;

	if (lt_app_feedback_get(f->db, who, id, true, &f->a, &v, &e))
		fail_msg("get: %s", e.en);
	return v;
}

static int act(fx *f, const lt_actor *who, int64_t id, const char *action, const char *text,
	       bool publish, lt_error *e)
{
	lt_fb_action x = { .action = action, .text = text, .publish = publish };

	return lt_app_feedback_act(f->db, who, id, &x, &f->a, NULL, e);
}

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

/* ---------- topics, rules, model ---------- */

static void test_rules_are_for_officers_and_spare_confirmed_topics(void **state)
{
	fx *f = *state;
	/* the canteen as the employer's welfare: the model says đời sống, the officers decide */
	lt_fb_rule_in rule = { .topic = "bhxh_phuc_loi", .pattern = "cơm nguội", .weight = 1 };
	lt_fb_rule_change *ch;
	lt_fb_rule *rules;
	size_t n = 0, changed = 0;
	int64_t rid = 0;
	lt_error e;
	int64_t m1 = add(f, f->g1, "Căng tin phục vụ cơm nguội quá");
	int64_t m2 = add(f, f->g2, "Bếp căng tin bẩn, cơm nguội");
	int64_t m3 = add(f, f->g1, "Cơm nguội ở căng tin lại tái diễn");

	add(f, f->g3, "Cơm nguội ở Long Biên"); /* outside the commune */
	/* A cadre already decided m3: the rule must leave it alone. */
	assert_int_equal(lt_app_feedback_set_topics(f->db, &f->cadre, m3, 1u << LT_TOPIC_AN_TOAN,
						    &f->a, NULL, &e),
			 0);
	assert_int_equal(lt_app_feedback_rule_preview(f->db, &f->cadre, &rule, &f->a, &ch, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_feedback_rule_preview(f->db, &f->commune_officer, &rule, &f->a, &ch,
						      &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_true((ch[0].id == m1 || ch[0].id == m2) && ch[0].after == 1u << LT_TOPIC_BHXH_PHUC_LOI);
	rule.topic = "nope";
	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->commune_officer, &rule, &rid, &changed,
						  &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "topic");
	rule.topic = "bhxh_phuc_loi";
	rule.pattern = "a | b";
	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->commune_officer, &rule, &rid, &changed,
						  &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "pattern");
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rule"), 0);
	rule.pattern = "cơm nguội";
	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->commune_officer, &rule, &rid, &changed,
						  &e),
			 0);
	assert_int_equal(changed, 2);
	assert_int_equal(get_as(f, &f->cadre, m1).f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_non_null(strstr(get_as(f, &f->cadre, m1).f.why, "cơm nguội"));
	/* the why says that a rule overrode the model */
	assert_non_null(strstr(get_as(f, &f->cadre, m1).f.why, "overridden_model"));
	assert_int_equal(get_as(f, &f->cadre, m3).f.topics, 1u << LT_TOPIC_AN_TOAN);
	assert_int_equal(lt_app_feedback_rules(f->db, &f->commune_officer, NULL, &f->a, &rules, &n, &e), 0);
	assert_true(n == 1 && rules[0].id == rid);
	/* New messages of the commune use the rule at once. */
	assert_int_equal(get_as(f, &f->op, add(f, f->g2, "com nguoi qua")).f.topics,
			 1u << LT_TOPIC_BHXH_PHUC_LOI);
}

/*
 * Issue 13, finding 3: a rule has the scope of the unit that made it. It
 * applies to the messages received inside that subtree only (a commune's
 * rule used to re-tag every future message in the country), another
 * subtree's officer does not see it, and a preview counts the changes in
 * the officer's subtree with the rules each message really gets. A user
 * sees the rules in force in its subtree: its units' and those above it.
 */
static void test_rules_have_the_scope_of_their_unit(void **state)
{
	fx *f = *state;
	lt_fb_rule_in rule = { .topic = "bhxh_phuc_loi", .pattern = "cơm nguội", .weight = 1 };
	lt_fb_rule_in veto = { .topic = "bhxh_phuc_loi", .pattern = "cơm nguội", .weight = -1 };
	lt_fb_rule_change *ch;
	lt_fb_rule *rules;
	size_t n = 0, changed = 0;
	int64_t rid = 0, in1, in2, above, out;
	lt_fb_view v;
	lt_error e;

	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->commune_officer, &rule, &rid, &changed,
						  &e),
			 0);
	in1 = add(f, f->g1, "Căng tin cho ăn cơm nguội");
	in2 = add(f, f->g2, "com nguoi qua");
	above = add(f, f->district, "Cơm nguội ở căng tin huyện");
	out = add(f, f->g3, "Cơm nguội ở Long Biên");
	assert_int_equal(get_as(f, &f->op, in1).f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_int_equal(get_as(f, &f->op, in2).f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	/* Not above the commune, not in another district. */
	v = get_as(f, &f->op, above);
	assert_int_not_equal(v.f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_null(strstr(v.f.why, "cơm nguội"));
	v = get_as(f, &f->op, out);
	assert_int_not_equal(v.f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_null(strstr(v.f.why, "cơm nguội"));

	/* Who sees it: where it is in force (the commune and its unions), the district above; not Long Biên. */
	assert_int_equal(lt_app_feedback_rules(f->db, &f->commune_officer, NULL, &f->a, &rules, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rules[0].unit_id, f->commune);
	assert_int_equal(lt_app_feedback_rules(f->db, &f->district_officer, NULL, &f->a, &rules, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(lt_app_feedback_rules(f->db, &f->other_officer, NULL, &f->a, &rules, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(lt_app_feedback_rules(f->db, &f->cadre, NULL, &f->a, &rules, &n, &e), 0);
	assert_int_equal(n, 1);

	/* Previews: Long Biên's veto changes nothing (the commune's rule never applied there)… */
	assert_int_equal(lt_app_feedback_rule_preview(f->db, &f->other_officer, &veto, &f->a, &ch, &n,
						      &e),
			 0);
	assert_int_equal(n, 0);
	/* …the district's changes exactly the commune's two messages, not its own. */
	assert_int_equal(lt_app_feedback_rule_preview(f->db, &f->district_officer, &veto, &f->a, &ch,
						      &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_true(ch[0].id != above && ch[1].id != above);
	assert_true(ch[0].before == 1u << LT_TOPIC_BHXH_PHUC_LOI && ch[1].before == 1u << LT_TOPIC_BHXH_PHUC_LOI);
	/* Added, it re-tags those two; Long Biên's message is untouched. */
	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->district_officer, &veto, &rid, &changed,
						  &e),
			 0);
	assert_int_equal(changed, 2);
	assert_int_not_equal(get_as(f, &f->op, in1).f.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rule WHERE unit_id IS NOT NULL"), 2);
}

static void test_training_from_confirmed(void **state)
{
	fx *f = *state;
	lt_fb_trained t;
	lt_fb_model_info info;
	lt_fb_class cls;
	lt_error e;
	static const char *const karaoke[] = {
		"Phòng karaoke ký túc xá ồn ào đến khuya",
		"Karaoke ở khu trọ hát suốt đêm không ngủ được",
		"Đề nghị cấm karaoke sau 22 giờ ở ký túc xá",
	};

	/* A new database classifies with the shipped model from the first message. */
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_true(info.present);
	assert_true(info.shipped);
	assert_true(info.nfeatures > 1000);
	assert_int_equal(lt_app_feedback_train(f->db, &f->cadre, &t, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_feedback_train(f->db, &f->commune_officer, &t, &e), 0);
	assert_false(t.trained); /* nothing confirmed: the shipped model alone */
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(lt_app_feedback_set_topics(f->db, &f->cadre, add(f, f->g1, karaoke[i]),
							    1u << LT_TOPIC_DOI_SONG, &f->a, NULL,
							    &e),
				 0);
	/* The first confirmation made the database's copy; the next two updated it. */
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_true(info.present);
	assert_false(info.shipped);
	assert_int_equal(info.n_train, 1);
	assert_int_equal(info.updates, 2);
	assert_int_equal(lt_app_feedback_classify(f->db, &f->cadre, "karaoke ồn quá", &cls, &e), 0);
	assert_string_equal(cls.source, "model");
	assert_int_equal(cls.main_topic, LT_TOPIC_DOI_SONG);
	assert_non_null(strstr(cls.why, "karaoke")); /* a word the corpus never had, learnt */
	free(cls.why);
	assert_int_equal(lt_app_feedback_classify(f->db, &f->pub, "karaoke", &cls, &e), LT_EAUTH);
	/* A later confirmation updates the model in place; a bad mask is refused. */
	assert_int_equal(lt_app_feedback_set_topics(f->db, &f->cadre, add(f, f->g1, "karaoke"),
						    1u << LT_TOPIC_DOI_SONG, &f->a, NULL, &e),
			 0);
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_int_equal(info.updates, 3);
	assert_int_equal(lt_app_feedback_set_topics(f->db, &f->cadre, 1, 0, &f->a, NULL, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "topics");
	assert_int_equal(lt_app_feedback_set_topics(f->db, &f->sibling, 1, 1, &f->a, NULL, &e),
			 LT_EFORBIDDEN);
	/* train rebuilds the copy from the shipped model and the four confirmations */
	assert_int_equal(lt_app_feedback_train(f->db, &f->op, &t, &e), 0);
	assert_true(t.trained);
	assert_int_equal(t.used, 4);
	assert_false(t.model.shipped);
	assert_int_equal(lt_app_feedback_classify(f->db, &f->cadre, "karaoke ồn quá", &cls, &e), 0);
	assert_int_equal(cls.main_topic, LT_TOPIC_DOI_SONG);
	free(cls.why);
}

/* ---------- summary, import, form ---------- */

static void test_summary_is_the_reports_document(void **state)
{
	fx *f = *state;
	lt_fb_summary_in in = { .unit_id = f->commune, .top = 5 };
	lt_fb_summary s;
	json_t *app = NULL, *legacy = NULL;
	lt_error e;
	int64_t id = add(f, f->g1, "Công ty chưa trả thưởng Tết cho công nhân");

	add_as(f, &f->cadre, f->g1, "Cty chưa trả thưởng tết cho công nhân", "Lê Văn C",
	       "0911111111", false);
	add(f, f->g2, "Lương giáo viên hợp đồng trả chậm");
	assert_int_equal(act(f, &f->cadre, id, "propose", "Đề nghị làm việc với công ty về thưởng Tết",
			     false, &e),
			 0);
	assert_int_equal(lt_app_feedback_summary(f->db, &f->commune_officer, &in, &f->a, &s, &e), 0);
	assert_int_equal(s.total, 3);
	assert_int_equal(s.by_topic[LT_TOPIC_THUONG_TET], 2);
	assert_int_equal(s.cases[0].count, 2);
	assert_string_equal(s.cases[0].proposal, "Đề nghị làm việc với công ty về thưởng Tết");
	/* The API's document is the one the report embeds (store/rollup_collect.c). */
	app = lt_app_feedback_summary_json(&s);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, NULL, NULL, 5, &legacy, &e), 0);
	assert_true(json_equal(app, legacy));
	{
		char *txt = json_dumps(app, 0);
		assert_null(strstr(txt, "Lê Văn C"));
		assert_null(strstr(txt, "0911111111"));
		free(txt);
	}
	json_decref(app);
	json_decref(legacy);
	/* A cadre's default is its own unit; outside the subtree is refused. */
	in.unit_id = 0;
	assert_int_equal(lt_app_feedback_summary(f->db, &f->cadre, &in, &f->a, &s, &e), 0);
	assert_int_equal(s.unit_id, f->g1);
	assert_int_equal(s.total, 2);
	in.unit_id = f->city;
	assert_int_equal(lt_app_feedback_summary(f->db, &f->district_officer, &in, &f->a, &s, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	in.unit_id = f->commune;
	in.from = "2020-13-01";
	assert_int_equal(lt_app_feedback_summary(f->db, &f->commune_officer, &in, &f->a, &s, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "from");
}

static void test_import_all_or_nothing(void **state)
{
	fx *f = *state;
	static const char csv[] = "Thời gian,Người gửi,Điện thoại,Nội dung\n"
				  "18/01/2024 08:30,Chị Hoa,0900000000,Tổ may 3 chưa nhận lương\n"
				  "18/01/2024 09:10,,abc,Xin hỏi lịch nghỉ Tết\n"
				  "18/01/2024 09:20,Anh Nam,,Điều hòa xưởng hỏng\n";
	static const char fixed[] = "Thời gian,Người gửi,Điện thoại,Nội dung\n"
				    "18/01/2024 08:30,Chị Hoa,0900000000,Tổ may 3 chưa nhận lương\n"
				    "18/01/2024 09:10,,,Xin hỏi lịch nghỉ Tết\n"
				    "18/01/2024 09:20,Anh Nam,,Điều hòa xưởng hỏng\n";
	lt_fb_import_in in = { .channel = "zalo", .data = csv, .len = sizeof(csv) - 1,
			       .format = "csv", .header = true, .col_time = 1, .col_sender = 2,
			       .col_phone = 3, .col_text = 4 };
	lt_fb_import_out out;
	lt_error e;

	assert_int_equal(lt_app_feedback_import(f->db, &f->cadre, &in, &f->a, &out, &e), LT_EINVAL);
	assert_string_equal(e.field, "C3"); /* the cell of the bad phone */
	assert_non_null(strstr(e.vi, "Dòng 3, cột C"));
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
	in.data = fixed;
	in.len = sizeof(fixed) - 1;
	in.dry_run = true;
	assert_int_equal(lt_app_feedback_import(f->db, &f->cadre, &in, &f->a, &out, &e), 0);
	assert_int_equal(out.rows, 3);
	assert_int_equal(out.created, 0);
	assert_string_equal(out.preview[0][3], "Nội dung");
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
	in.dry_run = false;
	in.unit_id = f->g2;
	assert_int_equal(lt_app_feedback_import(f->db, &f->cadre, &in, &f->a, &out, &e),
			 LT_EFORBIDDEN);
	in.unit_id = 0;
	in.col_text = 0;
	assert_int_equal(lt_app_feedback_import(f->db, &f->cadre, &in, &f->a, &out, &e), LT_EINVAL);
	assert_string_equal(e.field, "columns.text");
	in.col_text = 4;
	assert_int_equal(lt_app_feedback_import(f->db, &f->cadre, &in, &f->a, &out, &e), 0);
	assert_int_equal(out.created, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback WHERE channel = 'zalo'"
				  " AND received_at = 1705541400"),
			 1);
	assert_int_equal(lt_app_feedback_column("AB"), 28);
	assert_int_equal(lt_app_feedback_column("c"), 3);
	assert_int_equal(lt_app_feedback_column("4"), 4);
	assert_int_equal(lt_app_feedback_column(""), 0);
	assert_int_equal(lt_app_feedback_column("A1"), -1);
	assert_int_equal(lt_app_feedback_column("999"), -1);
}

static void test_public_form_and_its_limits(void **state)
{
	fx *f = *state;
	lt_feedback_config c = *lt_feedback_config_get();
	lt_feedback_input in = { .unit_id = f->g1, .text = "Ý kiến về tiền ăn ca" };
	lt_fb_added out;
	lt_unit u;
	const char *url;
	lt_error e;

	c.form_max_per_ip = 2;
	lt_feedback_config_set(&c);
	assert_int_equal(lt_app_feedback_form_unit(f->db, &f->pub, f->g1, &f->a, &u, &e), 0);
	assert_int_equal(lt_app_feedback_form_unit(f->db, &f->pub, 9999, &f->a, &u, &e),
			 LT_ENOTFOUND);
	assert_int_equal(lt_app_feedback_form_post(f->db, &f->pub, &in, &out, &e), 0);
	in.text = "";
	assert_int_equal(lt_app_feedback_form_post(f->db, &f->pub, &in, &out, &e), LT_EINVAL);
	assert_string_equal(e.field, "text");
	in.text = "Ý kiến thứ ba";
	assert_int_equal(lt_app_feedback_form_post(f->db, &f->pub, &in, &out, &e), LT_ETHROTTLE);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback WHERE channel = 'form'"
				  " AND created_by IS NULL"),
			 1);
	/* The QR poster's link: the unit's officers and cadres only. */
	assert_int_equal(lt_app_feedback_form_link(f->db, &f->cadre, f->g1, "lantoa.test:8080", true,
						   &f->a, &u, &url, &e),
			 0);
	assert_string_equal(url, lt_arena_printf(&f->a, "https://lantoa.test:8080/f/%lld",
						 (long long)f->g1));
	assert_int_equal(lt_app_feedback_form_link(f->db, &f->cadre, f->g1, "evil/host", false, &f->a,
						   &u, &url, &e),
			 0);
	assert_string_equal(url, lt_arena_printf(&f->a, "http://localhost/f/%lld", (long long)f->g1));
	assert_int_equal(lt_app_feedback_form_link(f->db, &f->sibling, f->g1, "x", false, &f->a, &u,
						   &url, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_feedback_form_link(f->db, &f->pub, f->g1, "x", false, &f->a, &u, &url,
						   &e),
			 LT_EAUTH);
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
		cmocka_unit_test_setup_teardown(test_rules_are_for_officers_and_spare_confirmed_topics,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_have_the_scope_of_their_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_training_from_confirmed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_is_the_reports_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_public_form_and_its_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
