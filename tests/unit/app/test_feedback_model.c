/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/feedback_model.c and the model's use in classification:
 * a new database classifies with the shipped model (these tests fail if it
 * is not built in or does not load), main topic first, urgency with its
 * reasons, bad input as "khac" with the reason; an officer's rule overrides
 * the model and says so; a cadre's confirmation trains the database's copy
 * and is never re-labelled; a copy made from another shipped model or in
 * an old format is set aside; the stored copy is parsed once for each of its
 * stamps and shared, and another node's write is seen at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/feedback.h"
#include "app/feedback_int.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"
#include "test_feedback_fx.h"
#include "text/classify_fb.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	int64_t district, g1;
	lt_actor cadre, officer, op;
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
	f->district = mk(f->db, "GL", "LĐLĐ huyện Gia Lâm", "district", 0);
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", f->district);
	user(f, &f->cadre, "cs-g1", "cadre", f->g1);
	user(f, &f->officer, "gialam", "officer", f->district);
	lt_actor_operator(&f->op);
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

static lt_fb_class classify(fx *f, const char *text)
{
	lt_fb_class c;
	lt_error e;

	if (lt_app_feedback_classify(f->db, &f->cadre, text, &c, &e))
		fail_msg("classify: %s", e.en);
	return c;
}

static int64_t add(fx *f, const char *text)
{
	lt_feedback_input in = { .unit_id = f->g1, .channel = "hotline", .text = text };
	lt_fb_added out;
	lt_error e;

	if (lt_app_feedback_add(f->db, &f->cadre, &in, &out, &f->a, NULL, &e))
		fail_msg("add: %s", e.en);
	return out.id;
}

/* Messages written for this test, in the style of the corpus but not from it. */
static const struct {
	const char *text;
	int main;
} unseen[] = {
	/* a BHXH question that mentions the job is about BHXH (GUIDE.md rule 1) */
	{ "Tôi nghỉ việc ở công ty được 2 tháng, giờ muốn rút BHXH một lần thì cần giấy tờ gì?",
	  LT_TOPIC_BHXH_PHUC_LOI },
	{ "Em làm công ty may được 5 năm, nay em nghỉ việc thì có được hưởng bảo hiểm thất nghiệp"
	  " không ạ?",
	  LT_TOPIC_BHXH_PHUC_LOI },
	{ "Công ty bắt công nhân ký hợp đồng thời vụ 3 tháng một lần suốt hai năm nay, như vậy có"
	  " đúng luật không?",
	  LT_TOPIC_VIEC_LAM },
	{ "Khu nhà trọ của công nhân mất nước cả tuần, chủ trọ không sửa mà vẫn thu đủ tiền",
	  LT_TOPIC_DOI_SONG },
	{ "Xưởng sơn không có quạt hút, nhiều chị em bị ngất vì mùi hóa chất", LT_TOPIC_AN_TOAN },
	{ "Lương tăng ca tháng trước công ty tính thiếu, chỉ trả 150% thay vì 200% ngày nghỉ",
	  LT_TOPIC_TIEN_LUONG },
	{ "Gần Tết rồi mà công ty chưa nói gì về thưởng Tết, anh em lo lắm", LT_TOPIC_THUONG_TET },
	{ "Tổ trưởng thường xuyên nhắn tin gạ gẫm, quấy rối các chị em trong tổ", LT_TOPIC_KHAC },
	{ "xin hoi thu tuc huong che do thai san khi sinh con thu hai", LT_TOPIC_BHXH_PHUC_LOI },
	/* the job it mentions is a secondary topic (test_main_topic_first_and_secondaries) */
	{ "Tôi bị công ty cho thôi việc 2 tháng nay, giờ muốn rút BHXH một lần thì cần giấy tờ gì?",
	  LT_TOPIC_BHXH_PHUC_LOI },
};
#define SECONDARY (sizeof(unseen) / sizeof(unseen[0]) - 1)

static void test_a_new_database_classifies_with_the_shipped_model(void **state)
{
	fx *f = *state;
	lt_fb_model_info info;
	lt_error e;

	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_true(info.present);
	assert_true(info.shipped);
	assert_true(info.nfeatures > 10000);
	for (size_t i = 0; i < sizeof(unseen) / sizeof(unseen[0]); i++) {
		lt_fb_class c = classify(f, unseen[i].text);
		if (c.main_topic != unseen[i].main)
			fail_msg("\"%s\": %s, not %s", unseen[i].text, lt_topic_code(c.main_topic),
				 lt_topic_code(unseen[i].main));
		assert_true(c.topics & (1u << unseen[i].main));
		assert_string_equal(c.source, "model");
		/* why: the model's terms for the main topic */
		assert_non_null(strstr(c.why, "\"kind\":\"model\""));
		assert_non_null(strstr(c.why, lt_topic_code(unseen[i].main)));
		free(c.why);
	}
}

static void test_main_topic_first_and_secondaries(void **state)
{
	fx *f = *state;
	lt_fb_class c = classify(f, unseen[SECONDARY].text);
	json_t *j = lt_app_feedback_class_json(&c);

	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "topics"), 0)),
			    "bhxh_phuc_loi");
	/* the job it mentions is a secondary topic, above its calibrated threshold */
	assert_true(c.topics & (1u << LT_TOPIC_VIEC_LAM));
	json_decref(j);
	free(c.why);
}

static void test_urgency_with_reasons(void **state)
{
	fx *f = *state;
	lt_fb_class c = classify(f, "Công ty nợ lương 3 tháng nay, giám đốc không nghe máy,"
				    " anh em định ngừng việc");

	assert_true(c.urgent);
	assert_non_null(strstr(c.urgency_why, "nợ lương"));
	assert_non_null(strstr(c.urgency_why, "ngừng việc"));
	free(c.why);
	c = classify(f, "Công ty đột ngột thông báo cho 200 công nhân nghỉ việc từ tuần sau");
	assert_true(c.urgent);
	assert_true(c.urgency_why[0] != '\0');
	free(c.why);
	c = classify(f, "Xin hỏi thủ tục hưởng chế độ thai sản khi sinh con thứ hai");
	assert_false(c.urgent);
	assert_string_equal(c.urgency_why, "");
	free(c.why);
}

static void test_bad_input_is_khac_with_a_reason(void **state)
{
	fx *f = *state;
	static const char *const none[] = { "", "😀🎉🙏", "0912 345 678", "  !!! ...  " };
	char *big;
	size_t n = 0;
	lt_fb_class c;

	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		c = classify(f, none[i]);
		assert_int_equal(c.topics, 1u << LT_TOPIC_KHAC);
		assert_int_equal(c.main_topic, LT_TOPIC_KHAC);
		assert_false(c.urgent);
		assert_non_null(strstr(c.why, "\"kind\":\"no_words\""));
		free(c.why);
	}
	/* 100 KB: cut to the model's maximum and still classified */
	big = malloc(110000);
	assert_non_null(big);
	while (n + 40 < 102400) {
		memcpy(big + n, "Công ty nợ lương ba tháng rồi. ", 33);
		n += 33;
	}
	big[n] = '\0';
	c = classify(f, big);
	assert_int_equal(c.main_topic, LT_TOPIC_TIEN_LUONG);
	assert_true(c.urgent);
	free(c.why);
	free(big);
}

static void test_an_officers_rule_overrides_the_model(void **state)
{
	fx *f = *state;
	lt_fb_rule_in rule = { .topic = "bhxh_phuc_loi", .pattern = "nhà trọ", .weight = 1 };
	int64_t rid;
	size_t changed;
	lt_error e;
	lt_fb_class c;

	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->officer, &rule, &rid, &changed, &e), 0);
	c = classify(f, unseen[3].text); /* the model says doi_song */
	assert_string_equal(c.source, "rules");
	assert_int_equal(c.topics, 1u << LT_TOPIC_BHXH_PHUC_LOI);
	assert_int_equal(c.main_topic, LT_TOPIC_BHXH_PHUC_LOI);
	assert_non_null(strstr(c.why, "\"kind\":\"rule\""));
	assert_non_null(strstr(c.why, "nhà trọ"));
	/* the why says the model was overridden, and what it said */
	assert_non_null(strstr(c.why, "\"kind\":\"overridden_model\",\"topic\":\"doi_song\""));
	free(c.why);
	c = classify(f, unseen[4].text); /* no rule matches: the model */
	assert_string_equal(c.source, "model");
	free(c.why);
}

static void test_confirmations_train_a_copy_and_stay(void **state)
{
	fx *f = *state;
	lt_fb_model_info info;
	lt_fb_trained t;
	lt_fb_view v;
	lt_error e;
	lt_fb_class c;
	int64_t id = add(f, "Ban quản lý khu tập thể cắt wifi của công nhân từ tối qua");
	lt_fb_rule_in rule = { .topic = "an_toan", .pattern = "wifi", .weight = 1 };
	int64_t rid;
	size_t changed = 9;

	/* the cadre says: living conditions */
	assert_int_equal(lt_app_feedback_set_topics(f->db, &f->cadre, id, 1u << LT_TOPIC_DOI_SONG,
						    &f->a, &v, &e),
			 0);
	assert_string_equal(v.f.topics_source, "cadre");
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_false(info.shipped); /* the database's copy now */
	c = classify(f, "Khu tập thể lại cắt wifi");
	assert_int_equal(c.main_topic, LT_TOPIC_DOI_SONG);
	free(c.why);
	/* neither a retraining nor a new rule re-labels what the cadre decided */
	assert_int_equal(lt_app_feedback_train(f->db, &f->op, &t, &e), 0);
	assert_true(t.trained);
	assert_int_equal(t.used, 1);
	assert_int_equal(lt_app_feedback_rule_add(f->db, &f->officer, &rule, &rid, &changed, &e), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(lt_app_feedback_get(f->db, &f->cadre, id, false, &f->a, &v, &e), 0);
	assert_int_equal(v.f.topics, 1u << LT_TOPIC_DOI_SONG);
	assert_string_equal(v.f.topics_source, "cadre");
}

static void test_a_foreign_copy_is_set_aside(void **state)
{
	fx *f = *state;
	static const lt_fbc_msg msgs[] = {
		{ "a", "công ty nợ lương", 2, 1u << 2, 1, "" },
		{ "b", "phòng trọ chật", 0, 1u << 0, 0, "" },
	};
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_buf b;
	lt_fb_model_info info;
	lt_error e;

	/* a model derived from another shipped model (an older lantoa) */
	lt_svm_opts_default(&o);
	assert_int_equal(lt_fbm_train(&o, msgs, 2, &m, &e), 0);
	lt_fbm_set_base(m, 12345);
	lt_buf_init(&b, 1u << 26);
	assert_int_equal(lt_fbm_save(m, &b, &e), 0);
	assert_int_equal(lt_feedback_model_put(f->db, b.ptr, b.len, 2, &e), 0);
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_true(info.shipped);
	assert_true(info.nfeatures > 10000);
	/* an old-format blob likewise */
	assert_int_equal(lt_feedback_model_put(f->db, "LTCLF\x02" "junk", 10, 2, &e), 0);
	assert_int_equal(lt_app_feedback_model(f->db, &f->cadre, &info, &e), 0);
	assert_true(info.shipped);
	lt_buf_free(&b);
	lt_fbm_free(m);
}

/*
 * Two connections to one file stand for two app nodes on one database. The
 * copy a node parsed serves every message while its stamp is the stored one;
 * when the other node learns, the next message is classified with the new copy.
 */
static void test_the_stored_copy_is_parsed_once_per_stamp(void **state)
{
	fx *f = *state;
	char dir[] = "/tmp/lantoa-fbm-XXXXXX", url[96], path[64], s1[LT_FB_STAMP_MAX],
	     s2[LT_FB_STAMP_MAX];
	const lt_fbm *m1, *m2, *m3, *m4, *shipped;
	lt_fb_shared *r1, *r2, *r3, *r4;
	lt_db *a, *b;
	lt_fb_view v;
	lt_error e;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(lt_db_open(url, &a, &e), 0);
	assert_int_equal(lt_store_migrate(a, &e), 0);
	assert_int_equal(lt_db_open(url, &b, &e), 0);
	/* nothing stored: the shipped model, no hold */
	assert_int_equal(lt_app_fb_shipped(&shipped, &e), 0);
	assert_int_equal(lt_app_fb_model_use(a, &m1, &r1, &e), 0);
	assert_ptr_equal(m1, shipped);
	assert_null(r1);

	/* node a learns a confirmation: a stored copy, then one parse shared by two messages */
	{
		fx g = *f;
		g.db = a;
		lt_arena_init(&g.a); /* its own: f's stays f's */
		g.district = mk(a, "GL", "LĐLĐ huyện Gia Lâm", "district", 0);
		g.g1 = mk(a, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", g.district);
		user(&g, &g.cadre, "cs-g1", "cadre", g.g1);
		assert_int_equal(lt_app_feedback_set_topics(a, &g.cadre, add(&g, "Nhà trọ mất điện cả tuần"),
							    1u << LT_TOPIC_DOI_SONG, &g.a, &v, &e),
				 0);
		assert_int_equal(lt_feedback_model_stamp(a, s1, &e), 0);
		assert_true(strlen(s1) >= 43);
		assert_int_equal(lt_app_fb_model_use(a, &m1, &r1, &e), 0);
		assert_int_equal(lt_app_fb_model_use(a, &m2, &r2, &e), 0);
		assert_ptr_not_equal(m1, shipped);
		assert_ptr_equal(m2, m1); /* the same copy, not parsed again */
		assert_ptr_equal(r2, r1);
		lt_app_fb_model_release(r2);

		/* node b learns another one: a new stamp, and node a's next message uses it */
		g.db = b;
		assert_int_equal(lt_app_feedback_set_topics(b, &g.cadre, add(&g, "Công ty nợ lương hai tháng"),
							    1u << LT_TOPIC_TIEN_LUONG, &g.a, &v, &e),
				 0);
		assert_int_equal(lt_feedback_model_stamp(a, s2, &e), 0);
		assert_string_not_equal(s2, s1);
		assert_int_equal(lt_app_fb_model_use(a, &m3, &r3, &e), 0);
		assert_ptr_not_equal(m3, m1); /* m1 is still held: a new address */
		assert_ptr_not_equal(m3, shipped);
		assert_int_equal(lt_app_fb_model_use(b, &m4, &r4, &e), 0);
		assert_ptr_equal(m4, m3); /* one process: b's messages share it too */
		lt_app_fb_model_release(r4);
		lt_app_fb_model_release(r3);
		lt_app_fb_model_release(r1); /* the old copy, no longer cached: freed (ASan's leak check) */
		lt_arena_free(&g.a);
	}
	lt_db_close(b);
	lt_db_close(a);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_new_database_classifies_with_the_shipped_model,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_main_topic_first_and_secondaries, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_urgency_with_reasons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_stored_copy_is_parsed_once_per_stamp, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_is_khac_with_a_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_officers_rule_overrides_the_model, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_confirmations_train_a_copy_and_stay, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_foreign_copy_is_set_aside, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
