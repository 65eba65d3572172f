/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/core/feedback.c: the handling flow as a transition table
 * (every action from every status), deadlines, masking of senders, message
 * times, and the [feedback] settings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/feedback.h"

/* A message in status s with a proposal, an answer and a parent above its holder. */
static lt_fb_state state(int s)
{
	lt_fb_state st = { .status = s, .has_proposal = true, .has_answer = true,
			   .holder_has_parent = true };
	return st;
}

/* Which statuses each action may start from, written out by hand against the table. */
static void test_every_action_from_every_status(void **unused)
{
	static const struct {
		int action;
		const char *from; /* one letter per status: n i p e a c s d; 'x' allowed */
		int to;           /* -1: unchanged */
	} want[] = {
		{ LT_FB_DO_START, "x.......", LT_FB_IN_PROGRESS },
		{ LT_FB_DO_PROPOSE, "xxx.....", LT_FB_PROPOSED },
		{ LT_FB_DO_ESCALATE, "..xx....", LT_FB_ESCALATED },
		{ LT_FB_DO_ANSWER, "xxxx....", LT_FB_ANSWERED },
		{ LT_FB_DO_PUBLISH, "....xx..", -1 },
		{ LT_FB_DO_CLOSE, "xxx.x...", LT_FB_CLOSED },
		{ LT_FB_DO_SPAM, "xx......", LT_FB_SPAM },
		{ LT_FB_DO_DUPLICATE, "xx......", LT_FB_DUPLICATE },
	};
	lt_error e;

	(void)unused;
	assert_int_equal(sizeof(want) / sizeof(want[0]), LT_FB_ACTION_COUNT);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		for (int s = 0; s < LT_FB_STATUS_COUNT; s++) {
			lt_fb_state st = state(s);
			lt_fb_move m;
			int rc = lt_fb_transition(want[i].action, &st, false, &m, &e);
			if (want[i].from[s] == 'x') {
				assert_int_equal(rc, 0);
				assert_int_equal(m.to, want[i].to >= 0 ? want[i].to : s);
			} else {
				/* Refused, and the message says which step and which status. */
				assert_int_equal(rc, LT_ECONFLICT);
				assert_string_equal(e.field, "action");
				assert_non_null(strstr(e.en, lt_fb_action_code(want[i].action)));
				assert_non_null(strstr(e.en, lt_fb_status_code(s)));
			}
		}
	}
}

/* The worker's verdict: only on a published answer, once; fixed closes, the others reopen. */
static void test_verdict(void **unused)
{
	lt_fb_move m;
	lt_error e;
	int v = -1;

	(void)unused;
	for (int s = 0; s < LT_FB_STATUS_COUNT; s++) {
		lt_fb_state st = { .status = s, .has_answer = true, .answer_published = true };
		int rc = lt_fb_verdict_transition(LT_FB_VERDICT_NOT_FIXED, &st, &m, &e);
		if (s == LT_FB_ANSWERED || s == LT_FB_CLOSED) {
			assert_int_equal(rc, 0);
			assert_int_equal(m.to, LT_FB_IN_PROGRESS);
			assert_int_equal(m.holder, LT_FB_HOLD_SAME);
			assert_true(m.new_deadline);
			assert_int_equal(lt_fb_verdict_transition(LT_FB_VERDICT_PARTLY, &st, &m, &e), 0);
			assert_int_equal(m.to, LT_FB_IN_PROGRESS);
			assert_int_equal(lt_fb_verdict_transition(LT_FB_VERDICT_FIXED, &st, &m, &e), 0);
			assert_int_equal(m.to, LT_FB_CLOSED);
			assert_false(m.new_deadline);
			st.verdict_given = true; /* once per answer */
			assert_int_equal(lt_fb_verdict_transition(LT_FB_VERDICT_FIXED, &st, &m, &e),
					 LT_ECONFLICT);
			assert_string_equal(e.field, "verdict");
			assert_non_null(strstr(e.en, "already"));
			st.verdict_given = false;
			st.answer_published = false; /* nothing to judge yet */
			assert_int_equal(lt_fb_verdict_transition(-1, &st, NULL, &e), LT_ECONFLICT);
			assert_non_null(strstr(e.en, "not published"));
		} else {
			assert_int_equal(rc, LT_ECONFLICT);
			assert_string_equal(e.field, "verdict");
		}
	}
	assert_int_equal(lt_fb_verdict_parse("not_fixed", &v, &e), 0);
	assert_int_equal(v, LT_FB_VERDICT_NOT_FIXED);
	assert_string_equal(lt_fb_verdict_code(v), "not_fixed");
	assert_int_equal(lt_fb_verdict_parse("yes", &v, &e), LT_EINVAL);
	assert_string_equal(e.field, "verdict");
	assert_int_equal(lt_fb_verdict_parse(NULL, &v, &e), LT_EINVAL);
}

static void test_escalation_needs_a_proposal_and_a_parent(void **unused)
{
	lt_fb_state st = state(LT_FB_PROPOSED);
	lt_fb_move m;
	lt_error e;

	(void)unused;
	assert_int_equal(lt_fb_transition(LT_FB_DO_ESCALATE, &st, false, &m, &e), 0);
	assert_int_equal(m.holder, LT_FB_HOLD_PARENT);
	assert_true(m.new_deadline);
	assert_false(m.publish);
	st.has_proposal = false;
	assert_int_equal(lt_fb_transition(LT_FB_DO_ESCALATE, &st, false, &m, &e), LT_EINVAL);
	assert_string_equal(e.field, "proposal");
	st.has_proposal = true;
	st.holder_has_parent = false; /* the root holds it: nowhere to go */
	assert_int_equal(lt_fb_transition(LT_FB_DO_ESCALATE, &st, false, &m, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "action");
	assert_non_null(strstr(e.en, "no parent"));
}

static void test_answer_goes_down_and_publish_needs_an_answer(void **unused)
{
	lt_fb_state st = state(LT_FB_ESCALATED);
	lt_fb_move m;
	lt_error e;

	(void)unused;
	assert_int_equal(lt_fb_transition(LT_FB_DO_ANSWER, &st, true, &m, &e), 0);
	assert_int_equal(m.holder, LT_FB_HOLD_RECEIVER);
	assert_true(m.publish);
	assert_int_equal(lt_fb_transition(LT_FB_DO_ANSWER, &st, false, &m, &e), 0);
	assert_false(m.publish);
	/* Publishing keeps the status; a closed message without an answer has nothing to show. */
	st = state(LT_FB_CLOSED);
	assert_int_equal(lt_fb_transition(LT_FB_DO_PUBLISH, &st, false, &m, &e), 0);
	assert_int_equal(m.to, LT_FB_CLOSED);
	assert_true(m.publish);
	st.has_answer = false;
	assert_int_equal(lt_fb_transition(LT_FB_DO_PUBLISH, &st, false, &m, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.en, "no answer"));
	/* Other steps keep the holder. */
	st = state(LT_FB_NEW);
	assert_int_equal(lt_fb_transition(LT_FB_DO_START, &st, true, &m, &e), 0);
	assert_int_equal(m.holder, LT_FB_HOLD_SAME);
	assert_false(m.publish); /* publish only means something with an answer */
}

static void test_action_codes(void **unused)
{
	lt_error e;
	int a = -1;

	(void)unused;
	for (int i = 0; i < LT_FB_ACTION_COUNT; i++) {
		assert_int_equal(lt_fb_action_parse(lt_fb_action_code(i), &a, &e), 0);
		assert_int_equal(a, i);
	}
	assert_int_equal(lt_fb_action_parse("delete", &a, &e), LT_EINVAL);
	assert_string_equal(e.field, "action");
	assert_int_equal(lt_fb_action_parse(NULL, &a, &e), LT_EINVAL);
	assert_int_equal(lt_fb_transition(LT_FB_ACTION_COUNT, NULL, false, NULL, &e), LT_EINVAL);
	assert_string_equal(lt_fb_action_text_field(LT_FB_DO_ANSWER), "answer");
	assert_string_equal(lt_fb_action_text_field(LT_FB_DO_ESCALATE), "proposal");
	assert_true(lt_fb_action_needs_text(LT_FB_DO_PROPOSE));
	assert_true(lt_fb_action_needs_text(LT_FB_DO_ANSWER));
	assert_false(lt_fb_action_needs_text(LT_FB_DO_ESCALATE));
	for (int s = 0; s < LT_FB_STATUS_COUNT; s++)
		assert_int_equal(lt_fb_status_from(lt_fb_status_code(s)), s);
	assert_int_equal(lt_fb_status_from("lost"), -1);
	assert_true(lt_fb_status_open(LT_FB_ESCALATED));
	assert_false(lt_fb_status_open(LT_FB_ANSWERED));
	assert_true(lt_fb_channel_valid("zalo"));
	assert_false(lt_fb_channel_valid("pigeon"));
}

static void test_deadlines_follow_the_settings(void **unused)
{
	lt_feedback_config c;

	(void)unused;
	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
	assert_int_equal(lt_fb_deadline(1000, true), 1000 + 2 * 86400);
	assert_int_equal(lt_fb_deadline(1000, false), 1000 + 7 * 86400);
	assert_int_equal(lt_feedback_config_kv(&c, "urgent_days", "1", NULL), 0);
	lt_feedback_config_set(&c);
	assert_int_equal(lt_fb_deadline(1000, true), 1000 + 86400);
	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
}

static void test_settings(void **unused)
{
	lt_feedback_config c;
	lt_error e;

	(void)unused;
	lt_feedback_config_defaults(&c);
	assert_int_equal(c.group_distance, LT_FB_GROUP_DISTANCE);
	assert_int_equal(lt_feedback_config_kv(&c, "public_url", "https://gopy.congdoan.vn/", &e), 0);
	assert_string_equal(c.public_url, "https://gopy.congdoan.vn");
	assert_int_equal(lt_feedback_config_kv(&c, "public_url", "ftp://x", &e), LT_EINVAL);
	assert_int_equal(lt_feedback_config_kv(&c, "normal_days", "0", &e), LT_EINVAL);
	assert_int_equal(lt_feedback_config_kv(&c, "normal_days", "7x", &e), LT_EINVAL);
	assert_int_equal(lt_feedback_config_kv(&c, "colour", "red", &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "feedback.colour"));
}

static void test_masks(void **unused)
{
	lt_arena a;

	(void)unused;
	lt_arena_init(&a);
	assert_string_equal(lt_fb_mask_name(&a, "Nguyễn Văn An"), "N***");
	assert_string_equal(lt_fb_mask_name(&a, "Đặng Thị Cúc"), "Đ***"); /* a whole character */
	assert_string_equal(lt_fb_mask_phone(&a, "0912 345 678"), "091*****78");
	assert_string_equal(lt_fb_mask_phone(&a, "+84 (912) 345-678"), "849******78");
	assert_string_equal(lt_fb_mask_phone(&a, "12345"), "***");
	lt_arena_free(&a);
}

static void test_parse_time(void **unused)
{
	int64_t t;
	lt_error e;

	(void)unused;
	assert_int_equal(lt_feedback_parse_time("2024-01-18 08:30", &t, "at", &e), 0);
	assert_int_equal(t, 1705541400); /* 01:30 UTC */
	assert_int_equal(lt_feedback_parse_time("18/01/2024 08:30:00", &t, "at", &e), 0);
	assert_int_equal(t, 1705541400);
	assert_int_equal(lt_feedback_parse_time("2024-01-18T08:30:00", &t, "at", &e), 0);
	assert_int_equal(t, 1705541400);
	assert_int_equal(lt_feedback_parse_time("18/01/2024", &t, "at", &e), 0);
	assert_int_equal(t, 1705541400 - 8 * 3600 - 30 * 60);
	assert_int_equal(lt_feedback_parse_time("31/02/2024", &t, "at", &e), LT_EINVAL);
	assert_string_equal(e.field, "at");
	assert_int_equal(lt_feedback_parse_time("2024-01-18 25:00", &t, "at", &e), LT_EINVAL);
	assert_int_equal(lt_feedback_parse_time("hôm qua", &t, "at", &e), LT_EINVAL);
	assert_int_equal(lt_feedback_parse_time("2024-01-18 08:30 x", &t, "at", NULL), LT_EINVAL);
	assert_int_equal(lt_feedback_day_start("2024-01-18", &t, "from", &e), 0);
	assert_int_equal(t, 1705541400 - 8 * 3600 - 30 * 60);
	assert_int_equal(lt_feedback_day_start("2024-1-18", &t, "from", &e), LT_EINVAL);
	assert_string_equal(e.field, "from");
}

static void test_grow(void **unused)
{
	lt_arena a;
	int *v = NULL;
	size_t cap = 0;

	(void)unused;
	lt_arena_init(&a);
	for (int i = 0; i < 100; i++) {
		v = lt_fb_grow(&a, v, (size_t)i, &cap, sizeof(*v));
		assert_non_null(v);
		v[i] = i;
	}
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	assert_true(cap >= 100);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_from_every_status),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_escalation_needs_a_proposal_and_a_parent),
		cmocka_unit_test(test_answer_goes_down_and_publish_needs_an_answer),
		cmocka_unit_test(test_action_codes),
		cmocka_unit_test(test_deadlines_follow_the_settings),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
