/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/fold.c: the search fold every search relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/fold.h"

static void check_fold(const char *in, const char *want)
{
	char *got = lt_text_fold(in, strlen(in));
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_fold_table(void **state)
{
	(void)state;
	check_fold("Gia Lâm", "gia lam");
	check_fold("Nguyễn Đức Thê", "nguyen duc the");
	check_fold("ĐOÀN VIÊN", "doan vien");
	check_fold("  Liên   đoàn\tLao động  ", "lien doan lao dong");
	check_fold("Thưởng Tết", "thuong tet");
	/* NFD input: e + combining circumflex + combining dot below. */
	check_fold("Ti\xe1\xba\xbf\x6e", "tien");
	check_fold("ng\x65\xcc\x82\xcc\xa3", "nge");
	check_fold("", "");
}

static void test_nfc_composes_nfd(void **state)
{
	const char *nfd = "Gia La\xcc\x82m"; /* a + U+0302 */
	char *got = lt_text_nfc(nfd, strlen(nfd));
	(void)state;
	assert_non_null(got);
	assert_string_equal(got, "Gia Lâm");
	free(got);
}

static void test_invalid_utf8_rejected(void **state)
{
	(void)state;
	assert_false(lt_utf8_valid("\xc3\x28", 2));
	assert_false(lt_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	assert_false(lt_utf8_valid("\xc0\xaf", 2));     /* overlong */
	assert_false(lt_utf8_valid("a\0b", 3));
	assert_true(lt_utf8_valid("Đức", strlen("Đức")));
	assert_null(lt_text_fold("\xff", 1));
	assert_null(lt_text_nfc("\xff", 1));
}

static void test_match_tokens(void **state)
{
	(void)state;
	assert_true(lt_text_match_folded("nguyen duc the", "duc the"));
	assert_true(lt_text_match_folded("lien doan lao dong huyen gia lam", "gia lam"));
	assert_true(lt_text_match_folded("lien doan lao dong huyen gia lam", "lam lien"));
	assert_false(lt_text_match_folded("cong doan xa dang xa", "gia lam"));
	assert_true(lt_text_match_folded("anything", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_nfc_composes_nfd),
		cmocka_unit_test(test_invalid_utf8_rejected),
		cmocka_unit_test(test_match_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
