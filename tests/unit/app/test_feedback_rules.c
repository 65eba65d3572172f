/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/feedback*.c, continued from test_feedback.c: topic
 * rules and their scope, training from confirmed topics, the summary that
 * goes into a report, the all-or-nothing import of chat exports and the
 * public form with its limits, for every kind of actor.
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
#include "test_feedback_app.h"

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
		cmocka_unit_test_setup_teardown(test_rules_are_for_officers_and_spare_confirmed_topics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_have_the_scope_of_their_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_training_from_confirmed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_is_the_reports_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_public_form_and_its_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
