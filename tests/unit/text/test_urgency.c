/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/urgency.c: urgent messages and their reasons, with and without diacritics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/urgency.h"

#define B(r) (1u << (r))

static const struct {
	const char *msg;
	uint32_t want;
} table[] = {
	{ "Công ty nợ lương 3 tháng", B(LT_URG_NO_LUONG) },
	{ "cty no luong 3 thang", B(LT_URG_NO_LUONG) },
	{ "Lương tháng 13 chưa trả", B(LT_URG_NO_LUONG) },
	{ "chậm lương hoài", B(LT_URG_NO_LUONG) },
	{ "cty chua tra luong cho cn", B(LT_URG_NO_LUONG) },
	{ "Sắp Tết mà chưa thưởng Tết", B(LT_URG_THUONG_TET) },
	{ "nam nay ko co thuong", B(LT_URG_THUONG_TET) },
	{ "Công ty cắt giảm 300 lao động", B(LT_URG_CAT_GIAM) },
	{ "sa thai hang loat", B(LT_URG_CAT_GIAM) },
	{ "Tai nạn ở xưởng, 2 người bị thương", B(LT_URG_TAI_NAN) },
	{ "co nguoi chet o cong truong", B(LT_URG_TAI_NAN) },
	{ "Công nhân đình công từ sáng", B(LT_URG_DINH_CONG) },
	{ "dinh cong", B(LT_URG_DINH_CONG) },
	{ "ngừng việc tập thể", B(LT_URG_DINH_CONG) },
	{ "anh em lãn công", B(LT_URG_DINH_CONG) },
	{ "nợ lương nên công nhân đình công", B(LT_URG_NO_LUONG) | B(LT_URG_DINH_CONG) },
	{ "Xưởng bị rò rỉ khí độc từ sáng", B(LT_URG_NGUY_HIEM) },
	{ "Công ty giữ sổ, không chốt sổ cho em", B(LT_URG_HAN_GAN) },
	{ "Cảm ơn công đoàn đã tặng quà Tết", 0 },
	{ "Công ty đã trả lương đầy đủ", 0 },
	{ "Đề nghị tăng lương cơ bản", 0 },
	{ "", 0 },
};

static void test_table(void **state)
{
	lt_tokens t;
	lt_urgency u;
	(void)state;
	lt_tokens_init(&t);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		assert_int_equal(lt_urgency_check(NULL, table[i].msg, strlen(table[i].msg), &t, &u), 0);
		if (u.reasons != table[i].want)
			fail_msg("\"%s\": reasons %#x, want %#x", table[i].msg, u.reasons, table[i].want);
		assert_int_equal(u.urgent, table[i].want != 0);
		assert_int_equal(u.why[0] != '\0', table[i].want != 0);
	}
	assert_int_equal(lt_urgency_check(NULL, "cty no luong", 12, &t, &u), 0);
	assert_string_equal(u.why, "nợ lương (nợ lương)");
	lt_tokens_free(&t);
}

static void test_custom_rules(void **state)
{
	lt_topic_rules r;
	lt_tokens t;
	lt_urgency u;
	lt_error e;
	(void)state;
	lt_urgency_rules_init(&r);
	lt_tokens_init(&t);
	assert_int_equal(lt_topics_parse(&r, "tai_nan | sập giàn giáo\n", strlen("tai_nan | sập giàn giáo\n"), &e), 0);
	assert_int_equal(lt_urgency_check(&r, "Sap gian giao o KCN", 19, &t, &u), 0);
	assert_int_equal(u.reasons, B(LT_URG_TAI_NAN));
	assert_non_null(strstr(u.why, "tai nạn"));
	assert_int_equal(lt_urgency_check(&r, "nợ lương", strlen("nợ lương"), &t, &u), 0);
	assert_int_equal(u.urgent, 0); /* only the custom rules apply */
	assert_string_equal(lt_urgency_code(LT_URG_DINH_CONG), "dinh_cong");
	assert_string_equal(lt_urgency_name_en(LT_URG_NO_LUONG), "wage arrears");
	lt_topics_free(&r);
	lt_tokens_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_custom_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
