/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/feedback*.c: intake and classification, near-duplicate
 * cases, personal-data masking and its audit, the handling flow with
 * escalation across two levels, rules, training, summary, imports, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/feedback.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"
#include "text/topics.h"

typedef struct fx {
	lt_db *db;
	int64_t city, district, commune, g1, g2;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *name, const char *level,
		  int64_t parent)
{
	lt_unit_input in = { .code = code, .name = name, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;
	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("create %s: %s", code, e.en);
	return id;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_feedback_config c;
	lt_error e;

	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->district = mk(f->db, "GL", "LĐLĐ huyện Gia Lâm", "district", f->city);
	f->commune = mk(f->db, "DT", "Công đoàn xã Đa Tốn", "commune", f->district);
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "CĐCS Trường THCS Đa Tốn", "grassroots", f->commune);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	free(f);
	return 0;
}

static int64_t add(fx *f, int64_t unit, const char *text, const char *name, const char *phone,
		   bool anon, char receipt[LT_FB_RECEIPT_LEN + 1])
{
	lt_feedback_input in = { .unit_id = unit, .channel = "form", .text = text,
				 .sender_name = name, .sender_phone = phone, .anonymous = anon };
	lt_error e;
	int64_t id = 0;
	if (lt_feedback_add(f->db, &in, 0, &id, receipt, &e))
		fail_msg("add: %s (%s)", e.en, e.field);
	return id;
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

static void get(fx *f, int64_t id, const lt_fb_viewer *v, lt_arena *a, lt_feedback *out)
{
	lt_error e;
	if (lt_feedback_get(f->db, id, v, a, out, &e))
		fail_msg("get: %s", e.en);
}

static void test_intake_classifies(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback fb;
	lt_fb_viewer v = { .unit_id = f->g1, .via = "get" };
	char receipt[LT_FB_RECEIPT_LEN + 1];
	int64_t id = add(f, f->g1, "Công ty nợ lương tháng 12 của công nhân đã hai tháng rồi",
			 NULL, NULL, false, receipt);

	lt_arena_init(&a);
	assert_int_equal(strlen(receipt), 9);
	assert_int_equal(receipt[4], '-');
	get(f, id, &v, &a, &fb);
	assert_true(fb.topics & (1u << LT_TOPIC_TIEN_LUONG));
	assert_string_equal(fb.topics_source, "rules");
	assert_non_null(strstr(fb.why, "\"kind\":\"rule\""));
	assert_true(fb.urgent);
	assert_non_null(strstr(fb.urgency_why, "lương"));
	assert_int_equal(fb.due_at - fb.received_at, 2 * 86400);
	assert_int_equal(fb.status, LT_FB_NEW);
	assert_int_equal(fb.sender, LT_FB_SENDER_NONE);
	/* A calm message gets the normal deadline. */
	id = add(f, f->g1, "Đề nghị công đoàn tổ chức thêm giải bóng đá cho anh em", NULL, NULL,
		 false, NULL);
	get(f, id, &v, &a, &fb);
	assert_false(fb.urgent);
	assert_int_equal(fb.due_at - fb.received_at, 7 * 86400);
	lt_arena_free(&a);
}

static void test_bad_input(void **state)
{
	fx *f = *state;
	lt_feedback_input in = { .unit_id = f->g1, .channel = "form", .text = "   " };
	lt_error e;

	assert_int_equal(lt_feedback_add(f->db, &in, 0, NULL, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "text");
	in.text = "ok";
	in.channel = "pigeon";
	assert_int_equal(lt_feedback_add(f->db, &in, 0, NULL, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "channel");
	in.channel = "zalo";
	in.sender_phone = "call me";
	assert_int_equal(lt_feedback_add(f->db, &in, 0, NULL, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "sender_phone");
	in.sender_phone = NULL;
	in.unit_id = 9999;
	assert_int_equal(lt_feedback_add(f->db, &in, 0, NULL, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
}

static void test_near_duplicates_form_a_case(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback *items;
	lt_feedback_query q = { .status = -1, .topic = -1, .urgent = -1, .leads_only = true };
	lt_fb_viewer v = { .unit_id = f->g1, .via = "list" };
	size_t n, total;
	lt_error e;
	int64_t id1 = add(f, f->g1, "Công ty chưa trả thưởng Tết năm nay cho công nhân", NULL,
			  NULL, false, NULL);
	int64_t id2 = add(f, f->g1, "cty chua tra thuong tet nam nay cho cong nhan a", NULL, NULL,
			  false, NULL);
	int64_t id3 = add(f, f->g1, "Công ty chưa trả thưởng Tết năm nay cho công nhân!!!", NULL,
			  NULL, false, NULL);
	int64_t other = add(f, f->g1, "Nhà vệ sinh khu xưởng B bị hỏng cả tuần", NULL, NULL,
			    false, NULL);
	int64_t elsewhere = add(f, f->g2, "Công ty chưa trả thưởng Tết năm nay cho công nhân",
				NULL, NULL, false, NULL);

	lt_arena_init(&a);
	q.within = "/";
	assert_int_equal(lt_feedback_list(f->db, &q, &v, &a, &items, &n, &total, &e), 0);
	assert_int_equal(n, 3); /* one case of three, the other message, the other unit's */
	for (size_t i = 0; i < n; i++) {
		if (items[i].case_id == id1) {
			assert_int_equal(items[i].case_count, 3);
			assert_int_equal(items[i].id, id3); /* the newest stands for the case */
		} else {
			assert_true(items[i].id == other || items[i].id == elsewhere);
			assert_int_equal(items[i].case_count, 1);
		}
	}
	/* Nothing was merged: every message is still there with its own receipt. */
	q.leads_only = false;
	q.case_id = id1;
	assert_int_equal(lt_feedback_list(f->db, &q, &v, &a, &items, &n, &total, &e), 0);
	assert_int_equal(n, 3);
	assert_true(items[0].id == id3 && items[1].id == id2 && items[2].id == id1);
	lt_arena_free(&a);
}

static void test_masking_and_audit(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback fb;
	lt_fb_viewer own = { .user_id = 0, .unit_id = f->g1, .via = "get" };
	lt_fb_viewer parent = { .unit_id = f->commune, .via = "get" };
	lt_fb_viewer admin = { .unit_id = f->city, .admin = true, .via = "get" };
	int64_t plain = add(f, f->g1, "Xin hỏi về chế độ thai sản", "Nguyễn Thị Hoa",
			    "0912 345 678", false, NULL);
	int64_t anon = add(f, f->g1, "Tổ trưởng bắt làm thêm giờ không trả tiền",
			   "Trần Văn Bình", "0987654321", true, NULL);
	int64_t base = count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'");

	lt_arena_init(&a);
	get(f, plain, &own, &a, &fb);
	assert_int_equal(fb.sender, LT_FB_SENDER_FULL);
	assert_string_equal(fb.sender_name, "Nguyễn Thị Hoa");
	assert_string_equal(fb.sender_phone, "0912 345 678");
	get(f, plain, &parent, &a, &fb);
	assert_int_equal(fb.sender, LT_FB_SENDER_MASKED);
	assert_string_equal(fb.sender_name, "N***");
	assert_string_equal(fb.sender_phone, "091*****78");
	/* Anonymous from the employer: the enterprise union sees nothing, nor the parent. */
	get(f, anon, &own, &a, &fb);
	assert_int_equal(fb.sender, LT_FB_SENDER_HIDDEN);
	assert_null(fb.sender_name);
	assert_null(fb.sender_phone);
	get(f, anon, &parent, &a, &fb);
	assert_int_equal(fb.sender, LT_FB_SENDER_HIDDEN);
	get(f, anon, &admin, &a, &fb);
	assert_int_equal(fb.sender, LT_FB_SENDER_FULL);
	assert_string_equal(fb.sender_name, "Trần Văn Bình");
	/* Two full views, two audit events, naming the message. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'"),
			 base + 2);
	lt_arena_free(&a);
}

static void act(fx *f, int64_t id, const char *action, const char *text, bool publish,
		int64_t unit, int expect)
{
	lt_fb_action x = { .action = action, .text = text, .publish = publish };
	lt_error e;
	int rc = lt_feedback_act(f->db, id, &x, 7, unit, &e);
	if (rc != expect)
		fail_msg("%s: got %d (%s), want %d", action, rc, e.en, expect);
}

static void test_flow_two_levels(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback fb;
	lt_fb_step *steps;
	lt_fb_public_status ps;
	lt_fb_viewer v = { .unit_id = f->g1, .via = "get" };
	size_t n;
	lt_error e;
	char receipt[LT_FB_RECEIPT_LEN + 1], lower[16];
	int64_t id = add(f, f->g1, "Xe đưa công nhân về quê ăn Tết chưa thấy đăng ký", NULL, NULL,
			 false, receipt);

	lt_arena_init(&a);
	act(f, id, "escalate", NULL, false, f->g1, LT_ECONFLICT); /* nothing proposed yet */
	act(f, id, "start", NULL, false, f->g1, 0);
	act(f, id, "start", NULL, false, f->g1, LT_ECONFLICT);
	act(f, id, "propose", "Đề nghị LĐLĐ bố trí 2 xe cho 80 công nhân", false, f->g1, 0);
	act(f, id, "escalate", NULL, false, f->g1, 0);
	get(f, id, &v, &a, &fb);
	assert_int_equal(fb.status, LT_FB_ESCALATED);
	assert_int_equal(fb.handler_unit_id, f->commune);
	/* The commune escalates further with its own proposal. */
	act(f, id, "escalate", "Xã đề nghị huyện đưa vào chuyến xe Tết Sum vầy", false, f->commune,
	    0);
	get(f, id, &v, &a, &fb);
	assert_int_equal(fb.handler_unit_id, f->district);
	assert_string_equal(fb.proposal, "Xã đề nghị huyện đưa vào chuyến xe Tết Sum vầy");
	act(f, id, "answer", "", false, f->district, LT_EINVAL);
	act(f, id, "answer", "Huyện đã bố trí 2 xe ngày 05/02", true, f->district, 0);
	get(f, id, &v, &a, &fb);
	assert_int_equal(fb.status, LT_FB_ANSWERED);
	assert_int_equal(fb.handler_unit_id, f->g1); /* back down to the receiving unit */
	assert_true(fb.answer_published);
	/* The worker checks with the receipt code, typed loosely. */
	snprintf(lower, sizeof(lower), "%c%c%c%c %s", receipt[0] | 0x20, receipt[1] | 0x20,
		 receipt[2] | 0x20, receipt[3] | 0x20, receipt + 5);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p |= 0x20;
	assert_int_equal(lt_feedback_status_by_receipt(f->db, lower, &a, &ps, &e), 0);
	assert_int_equal(ps.status, LT_FB_ANSWERED);
	assert_string_equal(ps.answer, "Huyện đã bố trí 2 xe ngày 05/02");
	assert_int_equal(lt_feedback_status_by_receipt(f->db, "ZZZZ-ZZZZ", &a, &ps, &e),
			 LT_ENOTFOUND);
	act(f, id, "close", NULL, false, f->g1, 0);
	act(f, id, "spam", NULL, false, f->g1, LT_ECONFLICT);
	assert_int_equal(lt_feedback_steps(f->db, id, &a, &steps, &n, &e), 0);
	assert_int_equal(n, 7); /* receive, start, propose, escalate ×2, answer, close */
	assert_string_equal(steps[4].action, "escalate");
	assert_int_equal(steps[4].unit_id, f->commune);
	assert_string_equal(steps[6].to_status, "closed");
	lt_arena_free(&a);
}

static void test_rule_preview_and_apply(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_fb_rule_change *ch;
	lt_feedback fb;
	lt_fb_viewer v = { .unit_id = f->g1, .via = "get" };
	size_t n = 0, changed = 0;
	int64_t rule = 0;
	lt_error e;
	int64_t m1 = add(f, f->g1, "Căng tin phục vụ cơm nguội quá", NULL, NULL, false, NULL);
	int64_t m2 = add(f, f->g2, "Bếp căng tin bẩn, cơm nguội", NULL, NULL, false, NULL);
	int64_t m3 = add(f, f->g1, "Cơm nguội ở căng tin lại tái diễn", NULL, NULL, false, NULL);

	lt_arena_init(&a);
	/* A cadre already decided m3: the rule must leave it alone. */
	assert_int_equal(lt_feedback_set_topics(f->db, m3, 1u << LT_TOPIC_AN_TOAN, 7, f->g1, &e), 0);
	assert_int_equal(lt_feedback_rule_preview(f->db, "/", "doi_song", "cơm nguội", 1, &a, &ch,
						  &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_true((ch[0].id == m1 || ch[0].id == m2) && ch[0].after == 1u << LT_TOPIC_DOI_SONG);
	assert_int_equal(lt_feedback_rule_preview(f->db, "/", "nope", "x", 1, &a, &ch, &n, &e),
			 LT_EINVAL);
	assert_int_equal(lt_feedback_rule_preview(f->db, "/", "doi_song", "a | b", 1, &a, &ch, &n,
						  &e),
			 LT_EINVAL);
	/* Preview wrote nothing. */
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rule"), 0);
	get(f, m1, &v, &a, &fb);
	assert_int_equal(fb.topics, 1u << LT_TOPIC_KHAC);
	assert_int_equal(lt_feedback_rule_add(f->db, "/", "doi_song", "cơm nguội", 1, 7, &rule,
					      &changed, &e),
			 0);
	assert_int_equal(changed, 2);
	get(f, m1, &v, &a, &fb);
	assert_int_equal(fb.topics, 1u << LT_TOPIC_DOI_SONG);
	assert_non_null(strstr(fb.why, "cơm nguội"));
	get(f, m3, &v, &a, &fb);
	assert_int_equal(fb.topics, 1u << LT_TOPIC_AN_TOAN);
	/* New messages use the rule at once. */
	get(f, add(f, f->g2, "com nguoi qua", NULL, NULL, false, NULL), &v, &a, &fb);
	assert_int_equal(fb.topics, 1u << LT_TOPIC_DOI_SONG);
	lt_arena_free(&a);
}

static void test_training_from_confirmed(void **state)
{
	fx *f = *state;
	lt_feedback_config c = *lt_feedback_config_get();
	lt_fb_model_info info;
	lt_fb_class cls;
	bool trained = true;
	size_t used = 0;
	lt_error e;
	/* Messages no built-in rule knows, taught by a cadre. */
	static const char *const karaoke[] = {
		"Phòng karaoke ký túc xá ồn ào đến khuya",
		"Karaoke ở khu trọ hát suốt đêm không ngủ được",
		"Đề nghị cấm karaoke sau 22 giờ ở ký túc xá",
	};

	c.min_train = 3;
	lt_feedback_config_set(&c);
	assert_int_equal(lt_feedback_train(f->db, 0, &trained, &used, &e), 0);
	assert_false(trained); /* too few: rules only */
	assert_int_equal(used, 0);
	for (size_t i = 0; i < 3; i++) {
		int64_t id = add(f, f->g1, karaoke[i], NULL, NULL, false, NULL);
		assert_int_equal(lt_feedback_set_topics(f->db, id, 1u << LT_TOPIC_DOI_SONG, 7, f->g1,
							&e),
				 0);
	}
	/* The third confirmation trained the first model. */
	assert_int_equal(lt_feedback_model_info(f->db, &info, &e), 0);
	assert_true(info.present);
	assert_int_equal(info.n_train, 3);
	assert_int_equal(info.confirmed, 3);
	assert_true(info.bytes > 0);
	assert_int_equal(lt_feedback_classify(f->db, "karaoke ồn quá", &cls, &e), 0);
	assert_string_equal(cls.source, "model");
	assert_true(cls.topics & (1u << LT_TOPIC_DOI_SONG));
	assert_non_null(strstr(cls.why, "karaoke"));
	free(cls.why);
	/* A later confirmation updates the model in place. */
	assert_int_equal(lt_feedback_set_topics(f->db, add(f, f->g1, "karaoke", NULL, NULL, false,
							   NULL),
						1u << LT_TOPIC_DOI_SONG, 7, f->g1, &e),
			 0);
	assert_int_equal(lt_feedback_model_info(f->db, &info, &e), 0);
	assert_int_equal(info.updates, 1);
}

static void test_summary(void **state)
{
	fx *f = *state;
	json_t *j = NULL, *t;
	size_t i;
	lt_error e;
	int64_t id = add(f, f->g1, "Công ty chưa trả thưởng Tết cho công nhân", NULL, NULL, false,
			 NULL);

	add(f, f->g1, "Cty chưa trả thưởng tết cho công nhân", "Lê Văn C", "0911111111", false,
	    NULL);
	add(f, f->g2, "Lương giáo viên hợp đồng trả chậm", NULL, NULL, false, NULL);
	act(f, id, "propose", "Đề nghị làm việc với công ty về thưởng Tết", false, f->g1, 0);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, NULL, NULL, 5, &j, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	json_array_foreach(json_object_get(j, "by_topic"), i, t) {
		if (!strcmp(json_string_value(json_object_get(t, "code")), "thuong_tet"))
			assert_int_equal(json_integer_value(json_object_get(t, "count")), 2);
	}
	assert_int_equal(json_array_size(json_object_get(j, "by_unit")), 2);
	t = json_array_get(json_object_get(j, "top_cases"), 0);
	assert_int_equal(json_integer_value(json_object_get(t, "count")), 2);
	assert_string_equal(json_string_value(json_object_get(t, "proposal")),
			    "Đề nghị làm việc với công ty về thưởng Tết");
	/* No personal data in a summary. */
	{
		char *s = json_dumps(j, 0);
		assert_null(strstr(s, "Lê Văn C"));
		assert_null(strstr(s, "0911111111"));
		free(s);
	}
	assert_int_equal(json_array_size(json_object_get(j, "by_week")), 1);
	json_decref(j);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, "2020-13-01", NULL, 5, &j, &e),
			 LT_EINVAL);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, "2000-01-01", "2000-12-31", 5, &j,
					     &e),
			 0);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
}

static void test_import_all_or_nothing(void **state)
{
	fx *f = *state;
	lt_feedback_input rows[3] = {
		{ .unit_id = f->g1, .channel = "zalo", .text = "Tin một" },
		{ .unit_id = f->g1, .channel = "zalo", .text = "Tin hai", .sender_phone = "abc" },
		{ .unit_id = f->g1, .channel = "zalo", .text = "Tin ba" },
	};
	size_t created = 9, bad = 9;
	lt_error e;

	assert_int_equal(lt_feedback_import(f->db, rows, 3, 0, &created, &bad, &e), LT_EINVAL);
	assert_int_equal(bad, 1);
	assert_string_equal(e.field, "sender_phone");
	assert_int_equal(created, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 0);
	rows[1].sender_phone = "0900000000";
	assert_int_equal(lt_feedback_import(f->db, rows, 3, 0, &created, &bad, &e), 0);
	assert_int_equal(created, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback WHERE channel = 'zalo'"), 3);
}

static void test_rate_limit(void **state)
{
	fx *f = *state;
	lt_feedback_config c = *lt_feedback_config_get();
	bool ok = false;
	lt_error e;

	c.form_max_per_ip = 2;
	c.form_max_per_unit = 3;
	lt_feedback_config_set(&c);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.1", f->g1, &ok, &e), 0);
		assert_true(ok);
	}
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.1", f->g1, &ok, &e), 0);
	assert_false(ok);
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.2", f->g1, &ok, &e), 0);
	assert_true(ok);
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.3", f->g1, &ok, &e), 0);
	assert_false(ok); /* the unit's limit */
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.3", f->g2, &ok, &e), 0);
	assert_true(ok);
	/* The IP is kept only as a hash. */
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rate WHERE ip_hash LIKE '10.%'"),
			 0);
}

static void test_parse_time(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(lt_feedback_parse_time("2024-01-18 08:30", &t), 0);
	assert_int_equal(t, 1705541400); /* 01:30 UTC */
	assert_int_equal(lt_feedback_parse_time("18/01/2024 08:30:00", &t), 0);
	assert_int_equal(t, 1705541400);
	assert_int_equal(lt_feedback_parse_time("2024-01-18T08:30:00", &t), 0);
	assert_int_equal(t, 1705541400);
	assert_int_equal(lt_feedback_parse_time("18/01/2024", &t), 0);
	assert_int_equal(t, 1705541400 - 8 * 3600 - 30 * 60);
	assert_int_equal(lt_feedback_parse_time("31/02/2024", &t), LT_EINVAL);
	assert_int_equal(lt_feedback_parse_time("2024-01-18 25:00", &t), LT_EINVAL);
	assert_int_equal(lt_feedback_parse_time("hôm qua", &t), LT_EINVAL);
	assert_int_equal(lt_feedback_parse_time("2024-01-18 08:30 x", &t), LT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intake_classifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near_duplicates_form_a_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_masking_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow_two_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_preview_and_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_training_from_confirmed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_limit, setup, teardown),
		cmocka_unit_test(test_parse_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
