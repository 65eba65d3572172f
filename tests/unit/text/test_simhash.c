/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/simhash.c: the same complaint from many workers groups together. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/simhash.h"

static const char *const msgs[] = {
	/* 0..9: one complaint, ten ways */
	"Công ty X chưa trả thưởng Tết",
	"cty X chua tra thuong tet",
	"Công ty X vẫn chưa trả thưởng Tết cho công nhân",
	"CÔNG TY X CHƯA TRẢ THƯỞNG TẾT!!!",
	"công ty x chưa trả thưởng tết ạ",
	"Cty X ko trả thưởng Tết",
	"Công ty X đến giờ chưa trả thưởng Tết",
	"Tết rồi mà công ty X chưa trả thưởng Tết",
	"công ty X chưa trả tiền thưởng Tết",
	"Cong ty X chua tra thuong Tet nam nay",
	/* 10..: other complaints */
	"Nhà trọ gần khu công nghiệp quá đắt",
	"Xe đưa đón công nhân về quê dịp Tết",
	"Công ty Y chưa đóng bảo hiểm xã hội",
	"Tai nạn lao động ở xưởng cơ khí",
	"Công ty X chưa trả lương tháng 12",
	"Công ty Z cắt giảm 200 công nhân",
	"Đề nghị tăng lương cho công nhân",
	"",
};
#define N (sizeof(msgs) / sizeof(msgs[0]))

static void test_group_variants(void **state)
{
	uint64_t sig[N];
	size_t cl[N], k;
	lt_tokens t;
	(void)state;
	lt_tokens_init(&t);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(lt_simhash_text(msgs[i], strlen(msgs[i]), &t, &sig[i]), 0);
	assert_true(sig[0] == sig[1] && sig[0] == sig[3]); /* spelling, case, diacritics */
	assert_int_equal(sig[N - 1], 0);
	k = lt_simhash_group(sig, N, LT_SIMHASH_NEAR, cl);
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(cl[i], 0);
	for (size_t i = 10; i < N; i++)
		assert_int_equal(cl[i], i); /* each alone */
	assert_int_equal(k, 1 + (N - 10));
	lt_tokens_free(&t);
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(lt_simhash_distance(0, ~0ULL), 64);
	assert_int_equal(lt_simhash_distance(5, 6), 2);
	assert_int_equal(lt_simhash_distance(42, 42), 0);
	assert_int_equal(lt_simhash_group(NULL, 0, 10, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_variants),
		cmocka_unit_test(test_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
