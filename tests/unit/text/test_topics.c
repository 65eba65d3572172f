/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/topics.c: rule parsing, matching with "why", and what a new rule changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/topics.h"

#define BIT(t) (1u << (t))

static uint32_t topics_of(const lt_topic_rules *r, const char *msg)
{
	lt_tokens t;
	uint32_t mask = 0;
	lt_tokens_init(&t);
	assert_int_equal(lt_topics_apply_text(r, msg, strlen(msg), &t, &mask, NULL, 0, NULL), 0);
	lt_tokens_free(&t);
	return mask;
}

static void test_default_rules(void **state)
{
	lt_topic_rules r;
	lt_error e;
	(void)state;
	lt_topics_init_default(&r);
	assert_int_equal(lt_topics_parse(&r, lt_topics_default_text(),
					 strlen(lt_topics_default_text()), &e), 0);
	assert_true(r.n > 50);
	assert_int_equal(topics_of(&r, "Công ty chưa trả thưởng Tết"), BIT(LT_TOPIC_THUONG_TET));
	assert_int_equal(topics_of(&r, "cty no luong 2 thang"), BIT(LT_TOPIC_TIEN_LUONG));
	assert_int_equal(topics_of(&r, "Lương tháng 13 chưa trả"),
			 BIT(LT_TOPIC_TIEN_LUONG) | BIT(LT_TOPIC_THUONG_TET));
	assert_int_equal(topics_of(&r, "cty ko dong bhxh cho cn"), BIT(LT_TOPIC_BHXH_PHUC_LOI));
	assert_int_equal(topics_of(&r, "Tiền phòng trọ tăng quá"), BIT(LT_TOPIC_DOI_SONG));
	assert_int_equal(topics_of(&r, "Xưởng nóng, thiếu đồ bảo hộ"), BIT(LT_TOPIC_AN_TOAN));
	assert_int_equal(topics_of(&r, "Công ty sắp cắt giảm 200 lao động"), BIT(LT_TOPIC_VIEC_LAM));
	assert_int_equal(topics_of(&r, "Cảm ơn công đoàn"), BIT(LT_TOPIC_KHAC));
	lt_topics_free(&r);
}

/* Folded syllables match, but a syllable with diacritics on both sides must agree. */
static void test_diacritics_agree(void **state)
{
	lt_topic_rules r;
	lt_error e;
	const char *rules = "an_toan | bỏng\ndoi_song | đá bóng\n";
	(void)state;
	lt_topics_init_default(&r);
	assert_int_equal(lt_topics_parse(&r, rules, strlen(rules), &e), 0);
	assert_int_equal(topics_of(&r, "Chị ấy bị bỏng tay"), BIT(LT_TOPIC_AN_TOAN));
	assert_int_equal(topics_of(&r, "chi ay bi bong tay"), BIT(LT_TOPIC_AN_TOAN)); /* unmarked */
	assert_int_equal(topics_of(&r, "BỎNG"), BIT(LT_TOPIC_AN_TOAN));
	assert_int_equal(topics_of(&r, "Tổ chức giải đá bóng"), BIT(LT_TOPIC_DOI_SONG));
	assert_int_equal(topics_of(&r, "Giải bóng chuyền"), BIT(LT_TOPIC_KHAC)); /* bóng ≠ bỏng */
	lt_topics_free(&r);
}

static void test_why_and_weights(void **state)
{
	const char *txt = "# thử\n"
			  "tien_luong | tăng ca\n"
			  "thuong_tet\tthưởng + tết\n"
			  "an_toan | nóng | 0.5\n"
			  "an_toan | bụi | 0.5\n"
			  "tien_luong | tăng ca + tự nguyện | -1\n";
	lt_topic_rules r;
	lt_topic_match m[8];
	lt_tokens t;
	size_t nm = 0;
	uint32_t mask;
	lt_error e;
	(void)state;
	lt_topics_init_default(&r);
	lt_tokens_init(&t);
	assert_int_equal(lt_topics_parse(&r, txt, strlen(txt), &e), 0);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.v[1].nparts, 2);
	assert_int_equal(r.v[1].line, 3);
	/* all-of parts in any order, and which rule matched */
	assert_int_equal(lt_topics_apply_text(&r, "Tết này có thưởng không", strlen("Tết này có thưởng không"), &t, &mask, m, 8, &nm), 0);
	assert_int_equal(mask, BIT(LT_TOPIC_THUONG_TET));
	assert_int_equal(nm, 1);
	assert_int_equal(m[0].rule, 1);
	assert_string_equal(r.v[m[0].rule].text, "thưởng + tết");
	/* two half-weight rules must agree */
	assert_int_equal(topics_of(&r, "xưởng rất nóng"), BIT(LT_TOPIC_KHAC));
	assert_int_equal(topics_of(&r, "xưởng nóng và nhiều bụi"), BIT(LT_TOPIC_AN_TOAN));
	/* a negative weight vetoes */
	assert_int_equal(topics_of(&r, "bị ép tăng ca"), BIT(LT_TOPIC_TIEN_LUONG));
	assert_int_equal(topics_of(&r, "tăng ca tự nguyện"), BIT(LT_TOPIC_KHAC));
	/* phrase needs consecutive syllables */
	assert_int_equal(topics_of(&r, "tăng lương ca đêm"), BIT(LT_TOPIC_KHAC));
	lt_tokens_free(&t);
	lt_topics_free(&r);
}

static void test_parse_errors(void **state)
{
	lt_topic_rules r;
	lt_error e;
	(void)state;
	lt_topics_init_default(&r);
	assert_int_equal(lt_topics_parse(&r, "tien_luong | lương\nluong | x\n", strlen("tien_luong | lương\nluong | x\n"), &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "line 2"));
	assert_non_null(strstr(e.en, "unknown topic"));
	assert_int_equal(r.n, 0); /* all or nothing */
	assert_int_equal(lt_topics_parse(&r, "an_toan | x | 0\n", strlen("an_toan | x | 0\n"), &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "weight"));
	assert_int_equal(lt_topics_parse(&r, "an_toan | x + \n", strlen("an_toan | x + \n"), &e), LT_EINVAL);
	assert_int_equal(lt_topics_parse(&r, "an_toan\n", strlen("an_toan\n"), &e), LT_EINVAL);
	assert_int_equal(lt_topics_parse(&r, "an_toan | a | 1 | 2\n", strlen("an_toan | a | 1 | 2\n"), &e), LT_EINVAL);
	assert_int_equal(lt_topics_add(&r, "an_toan", "sập giàn giáo", 1, &e), 0);
	assert_int_equal(lt_topics_add(&r, "nope", "x", 1, &e), LT_EINVAL);
	assert_int_equal(topics_of(&r, "sap gian giao o cong trinh"), BIT(LT_TOPIC_AN_TOAN));
	lt_topics_free(&r);
}

static void test_diff(void **state)
{
	const char *msgs[] = {
		"Phòng trọ không có nước sạch",
		"công ty chưa trả lương",
		"Nước uống ở xưởng bẩn",
		"Cảm ơn công đoàn",
	};
	lt_topic_rules r;
	lt_topic_change *ch = NULL;
	size_t n = 0;
	lt_error e;
	(void)state;
	lt_topics_init_default(&r);
	assert_int_equal(lt_topics_parse(&r, "doi_song | phòng trọ\ntien_luong | lương\n", strlen("doi_song | phòng trọ\ntien_luong | lương\n"), &e), 0);
	assert_int_equal(lt_topics_diff(&r, "an_toan | nước + bẩn\ndoi_song | nước sạch", msgs, 4,
					&ch, &n, &e), 0);
	/* message 0 already doi_song: unchanged; message 2 khac → an_toan */
	assert_int_equal(n, 1);
	assert_int_equal(ch[0].index, 2);
	assert_int_equal(ch[0].before, BIT(LT_TOPIC_KHAC));
	assert_int_equal(ch[0].after, BIT(LT_TOPIC_AN_TOAN));
	free(ch);
	assert_int_equal(r.n, 2); /* r itself unchanged */
	assert_int_equal(lt_topics_diff(&r, "an_toan | bụi + 1 | 1 | 1", msgs, 4, &ch, &n, &e), LT_EINVAL);
	assert_null(ch);
	lt_topics_free(&r);
}

static void test_codes(void **state)
{
	(void)state;
	assert_string_equal(lt_topic_code(LT_TOPIC_BHXH_PHUC_LOI), "bhxh_phuc_loi");
	assert_int_equal(lt_topic_from_code("thuong_tet", 10), LT_TOPIC_THUONG_TET);
	assert_int_equal(lt_topic_from_code("x", 1), -1);
	assert_string_equal(lt_topic_name_vi(LT_TOPIC_AN_TOAN), "An toàn lao động");
	assert_null(lt_topic_code(LT_TOPIC_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules),
		cmocka_unit_test(test_diacritics_agree),
		cmocka_unit_test(test_why_and_weights),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
