/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/core/report.c: the workflow table (every action in every
 * state, who takes it, which states lock the records), the narrative and
 * kind checks, comparing two revisions, deadlines and report numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/report.h"

static const char *states[] = { "draft", "submitted", "returned", "accepted" };

/* The state after act from, or "refused". */
static const char *after(const char *from, lt_report_act act)
{
	const char *to = NULL;
	lt_error e;
	int rc = lt_report_transition(from, act, &to, &e);

	if (rc) {
		assert_int_equal(rc, LT_ECONFLICT);
		assert_string_equal(e.field, "status");
		assert_null(to);
		return "refused";
	}
	return to;
}

static void test_every_action_in_every_state(void **state)
{
	/* rows: draft, submitted, returned, accepted */
	static const char *want[][4] = {
		[LT_REPORT_EDIT] = { "draft", "refused", "returned", "refused" },
		[LT_REPORT_SUBMIT] = { "submitted", "refused", "submitted", "refused" },
		[LT_REPORT_RETURN] = { "refused", "returned", "refused", "refused" },
		[LT_REPORT_ACCEPT] = { "refused", "accepted", "refused", "refused" },
		[LT_REPORT_REOPEN] = { "refused", "draft", "refused", "draft" },
	};

	(void)state;
	for (int act = LT_REPORT_EDIT; act <= LT_REPORT_REOPEN; act++)
		for (int s = 0; s < 4; s++)
			assert_string_equal(after(states[s], (lt_report_act)act), want[act][s]);
	assert_string_equal(after("bogus", LT_REPORT_SUBMIT), "refused");
	assert_string_equal(after(NULL, LT_REPORT_SUBMIT), "refused");
}

static void test_refusal_says_why_in_both_languages(void **state)
{
	const char *to;
	lt_error e;

	(void)state;
	assert_int_equal(lt_report_transition("accepted", LT_REPORT_SUBMIT, &to, &e), LT_ECONFLICT);
	assert_string_equal(e.vi, "Báo cáo đang ở trạng thái accepted: không thể nộp lại");
	assert_string_equal(e.en, "The report is accepted: cannot submit it again");
	assert_int_equal(lt_report_transition("draft", LT_REPORT_ACCEPT, &to, &e), LT_ECONFLICT);
	assert_string_equal(e.en, "The report is draft: cannot accept it");
}

static void test_who_takes_each_action(void **state)
{
	(void)state;
	assert_int_equal(lt_report_act_by(LT_REPORT_EDIT), LT_REPORT_BY_UNIT);
	assert_int_equal(lt_report_act_by(LT_REPORT_SUBMIT), LT_REPORT_BY_UNIT);
	assert_int_equal(lt_report_act_by(LT_REPORT_RETURN), LT_REPORT_BY_REVIEWER);
	assert_int_equal(lt_report_act_by(LT_REPORT_ACCEPT), LT_REPORT_BY_REVIEWER);
	assert_int_equal(lt_report_act_by(LT_REPORT_REOPEN), LT_REPORT_BY_UNIT | LT_REPORT_BY_REVIEWER);
	/* Records are locked while the report is under review or accepted. */
	assert_false(lt_report_state_locks("draft"));
	assert_true(lt_report_state_locks("submitted"));
	assert_false(lt_report_state_locks("returned"));
	assert_true(lt_report_state_locks("accepted"));
	assert_false(lt_report_state_locks(NULL));
}

/* A signed report (issue 15): which states sign, and what each action does to the signature. */
static void test_signed_report_lock(void **state)
{
	lt_error e = { 0 };

	(void)state;
	assert_true(lt_report_state_signable("submitted"));
	assert_true(lt_report_state_signable("accepted"));
	assert_false(lt_report_state_signable("draft"));
	assert_false(lt_report_state_signable("returned"));
	assert_false(lt_report_state_signable(NULL));
	assert_int_equal(lt_report_signed_effect_of(LT_REPORT_ACCEPT), LT_SIGNED_KEEPS);
	assert_int_equal(lt_report_signed_effect_of(LT_REPORT_RETURN), LT_SIGNED_SUPERSEDES);
	assert_int_equal(lt_report_signed_effect_of(LT_REPORT_REOPEN), LT_SIGNED_SUPERSEDES);
	assert_int_equal(lt_report_signed_allows(LT_REPORT_ACCEPT, 2, &e), 0);
	assert_int_equal(lt_report_signed_allows(LT_REPORT_REOPEN, 2, &e), 0);
	assert_int_equal(lt_report_signed_allows(LT_REPORT_EDIT, 2, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "status");
	assert_non_null(strstr(e.en, "Revision 2 is digitally signed: cannot edit it"));
	assert_non_null(strstr(e.vi, "Lần nộp 2 đã được ký số: không thể sửa"));
	assert_int_equal(lt_report_signed_allows(LT_REPORT_SUBMIT, 3, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.en, "cannot submit it again"));
}

static void test_narrative_and_kind(void **state)
{
	json_t *ok = json_pack("{s:s,s:s}", "general", "Đã tổ chức", "12", "Chợ Tết");
	json_t *num = json_pack("{s:i}", "general", 3);
	json_t *arr = json_array();
	json_t *big = json_object();
	char *long_text = calloc(20002, 1);
	lt_error e;

	(void)state;
	memset(long_text, 'a', 20001);
	json_object_set_new(big, "general", json_string(long_text));
	assert_int_equal(lt_report_narrative_check(ok, &e), 0);
	assert_int_equal(lt_report_narrative_check(num, &e), LT_EINVAL);
	assert_string_equal(e.field, "narrative");
	assert_int_equal(lt_report_narrative_check(arr, &e), LT_EINVAL);
	assert_int_equal(lt_report_narrative_check(big, &e), LT_EINVAL);
	assert_int_equal(lt_report_narrative_check(NULL, &e), LT_EINVAL);
	assert_true(lt_report_kind_valid("quick"));
	assert_true(lt_report_kind_valid("final"));
	assert_false(lt_report_kind_valid("Final"));
	assert_false(lt_report_kind_valid(NULL));
	json_decref(ok);
	json_decref(num);
	json_decref(arr);
	json_decref(big);
	free(long_text);
}

static void test_compare_revisions(void **state)
{
	json_t *a = json_loads("{\"rollup\":{\"figures\":[{\"code\":\"x\",\"name\":\"X\",\"value\":10},"
			       "{\"code\":\"y\",\"name\":\"Y\",\"value\":5}],\"item_totals\":{\"items\":3}}}", 0, NULL);
	json_t *b = json_loads("{\"rollup\":{\"figures\":[{\"code\":\"x\",\"name\":\"X\",\"value\":14},"
			       "{\"code\":\"y\",\"name\":\"Y\",\"value\":5}],\"item_totals\":{\"items\":4}}}", 0, NULL);
	json_t *d = lt_report_compare(a, b);

	(void)state;
	assert_int_equal(json_array_size(d), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(d, 0), "key")), "x");
	assert_true(json_real_value(json_object_get(json_array_get(d, 0), "delta")) == 4.0);
	assert_string_equal(json_string_value(json_object_get(json_array_get(d, 1), "what")), "items");
	json_decref(a);
	json_decref(b);
	json_decref(d);
}

/* The narrative is compared too: "Lần 1 và lần 2 không khác nhau" when only it changed was wrong. */
static void test_compare_narrative(void **state)
{
	json_t *a = json_loads("{\"rollup\":{},\"narrative\":{\"12\":\"Đã trao 40 suất quà\","
			       "\"general\":\"Không\",\"signer_name\":\"Lê Văn A\"}}", 0, NULL);
	json_t *b = json_loads("{\"rollup\":{},\"narrative\":{\"12\":\"Đã trao 45 suất quà\","
			       "\"general\":\"Không\",\"13\":\"\"}}", 0, NULL);
	json_t *d = lt_report_compare(a, b), *c;

	(void)state;
	/* Theme 12 changed; "general" did not; an empty new theme is no change; the signer went. */
	assert_int_equal(json_array_size(d), 2);
	c = json_array_get(d, 0);
	assert_string_equal(json_string_value(json_object_get(c, "what")), "narrative");
	assert_string_equal(json_string_value(json_object_get(c, "key")), "12");
	assert_string_equal(json_string_value(json_object_get(c, "old")), "Đã trao 40 suất quà");
	assert_string_equal(json_string_value(json_object_get(c, "new")), "Đã trao 45 suất quà");
	c = json_array_get(d, 1);
	assert_string_equal(json_string_value(json_object_get(c, "key")), "signer_name");
	assert_true(json_is_null(json_object_get(c, "new")));
	json_decref(a);
	json_decref(b);
	json_decref(d);
}

static void test_deadline_and_numbers(void **state)
{
	char n[64];

	(void)state;
	/* 2024-02-20 23:59:59 in Vietnam is 16:59:59 UTC. */
	assert_int_equal(lt_deadline_end("2024-02-20"), 1708448399);
	assert_int_equal(lt_deadline_end("not a day"), 0);
	lt_report_number_format(15, "district", n);
	assert_string_equal(n, "15/BC-LĐLĐ");
	lt_report_number_format(1, "grassroots", n);
	assert_string_equal(n, "1/BC-CĐCS");
	lt_report_number_format(2, "commune", n);
	assert_string_equal(n, "2/BC-CĐ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_in_every_state),
		cmocka_unit_test(test_refusal_says_why_in_both_languages),
		cmocka_unit_test(test_who_takes_each_action),
		cmocka_unit_test(test_signed_report_lock),
		cmocka_unit_test(test_narrative_and_kind),
		cmocka_unit_test(test_compare_revisions),
		cmocka_unit_test(test_compare_narrative),
		cmocka_unit_test(test_deadline_and_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
