/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/fold.c: the search fold every search relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

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

/* What may stand in stored text: exactly what XML 1.0 carries and Unicode calls a character. */
static void test_code_point_policy(void **state)
{
	(void)state;
	assert_true(lt_text_cp_ok('\t'));
	assert_true(lt_text_cp_ok('\n'));
	assert_true(lt_text_cp_ok('\r'));
	assert_true(lt_text_cp_ok(' '));
	assert_true(lt_text_cp_ok(0x1EBF)); /* ế */
	assert_true(lt_text_cp_ok(0xFFFD));
	assert_true(lt_text_cp_ok(0x1F600));
	assert_false(lt_text_cp_ok(0x01));
	assert_false(lt_text_cp_ok(0x1F));
	assert_false(lt_text_cp_ok(0xFFFE));
	assert_false(lt_text_cp_ok(0xFFFF));
	assert_false(lt_text_cp_ok(0xFDD0));
	assert_false(lt_text_cp_ok(0xFDEF));
	assert_false(lt_text_cp_ok(0x1FFFE));
	assert_false(lt_text_cp_ok(0x10FFFF));
	assert_false(lt_text_cp_ok(0xD800));
}

static void test_check_names_field_and_code_point(void **state)
{
	lt_error e;
	int32_t cp = 0;

	(void)state;
	assert_int_equal(lt_text_check("Gia Lâm\n", strlen("Gia Lâm\n"), NULL), LT_TEXT_OK);
	assert_int_equal(lt_text_check("a\xef\xbf\xbe", 4, &cp), LT_TEXT_FORBIDDEN);
	assert_int_equal(cp, 0xFFFE);
	assert_int_equal(lt_text_check("a\x0b", 2, &cp), LT_TEXT_FORBIDDEN);
	assert_int_equal(lt_text_check("a\0", 2, &cp), LT_TEXT_NUL);
	assert_int_equal(lt_text_check("\xc3\x28", 2, &cp), LT_TEXT_BAD_UTF8);
	assert_int_equal(lt_text_check_field("x\xef\xbf\xbf", 4, "title", &e), LT_EINVAL);
	assert_string_equal(e.field, "title");
	assert_non_null(strstr(e.en, "U+FFFF"));
	assert_non_null(strstr(e.vi, "U+FFFF"));
	assert_int_equal(lt_text_check_field("Đức", strlen("Đức"), "title", &e), 0);
}

static void test_xml_safe_replaces(void **state)
{
	lt_buf b;

	(void)state;
	lt_buf_init(&b, 256);
	assert_int_equal(lt_text_xml_safe(&b, "Tết\x01\xef\xbf\xbe!\xff", 11), 0);
	assert_string_equal(lt_buf_cstr(&b), "Tết\xef\xbf\xbd\xef\xbf\xbd!\xef\xbf\xbd");
	assert_int_equal(lt_text_check(b.ptr, b.len, NULL), LT_TEXT_OK);
	lt_buf_free(&b);
}

/*
 * The oracle: utf8proc on the whole string, then the đ and white-space rules,
 * as lt_text_fold did before it folded code points below U+2000 by a table.
 */
static char *fold_oracle(const char *s, size_t n)
{
	utf8proc_uint8_t *m = NULL;
	char *w, *r;
	int space = 1;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK) < 0)
		return NULL;
	for (r = w = (char *)m; *r;) {
		if ((unsigned char)r[0] == 0xC4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r += 2;
			space = 0;
		} else if (strchr(" \t\n\r\f\v", *r)) {
			if (!space)
				*w++ = ' ';
			space = 1;
			r++;
		} else {
			*w++ = *r++;
			space = 0;
		}
	}
	if (w > (char *)m && w[-1] == ' ')
		w--;
	*w = '\0';
	return (char *)m;
}

static void same_as_oracle(const char *s, size_t n)
{
	char *got = lt_text_fold(s, n), *want = fold_oracle(s, n);

	assert_non_null(want);
	assert_non_null(got);
	if (strcmp(got, want))
		fail_msg("fold of \"%.*s\": \"%s\", utf8proc on the whole string: \"%s\"", (int)n,
			 s, got, want);
	free(got);
	free(want);
}

/* Every code point up to U+30FF alone, and after a base letter, folds as utf8proc does. */
static void test_fold_each_code_point(void **state)
{
	(void)state;
	for (int32_t cp = 1; cp < 0x3100; cp++) {
		utf8proc_uint8_t b[8] = "a";
		utf8proc_ssize_t k;
		if (cp >= 0xD800 || !utf8proc_codepoint_valid(cp))
			continue;
		k = utf8proc_encode_char(cp, b + 1);
		same_as_oracle((const char *)b + 1, (size_t)k);
		same_as_oracle((const char *)b, (size_t)k + 1);
	}
}

/* Mixed strings: Vietnamese in NFC and NFD, marks on every kind of base, spaces, jamo that compose. */
static void test_fold_mixed_strings(void **state)
{
	static const int32_t pool[] = { 'a', 'E', 'd', ' ', '\t', '\n', 0x0110, 0x0111, 0x00C2, 0x1EA0,
					0x1EC7, 0x01B0, 0x0300, 0x0301, 0x0302, 0x0303, 0x0309, 0x0323,
					0x0338, 0x0345, 0x0130, 0x00DF, 0x1E9E, 0x03A3, 0x03C2, 0x0390,
					0x1F80, 0x0149, 0x1100, 0x1161, 0x11A8, 0xAC00, 0x2126, 0xFB01,
					0x00A0, 0x0B47, 0x0B3E, 0x0041, 0x030A, 0x2013, 0x201C, 0x2026,
					0x2022, 0x2260, 0x3000, 0x1EF9, 0x20AB, 0x2160, 0x24B6, 0x2FFF,
					0x2F00, '=' };
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		utf8proc_uint8_t b[128];
		size_t n = 0;
		int len;
		seed = seed * 1103515245u + 12345u;
		len = 1 + (int)((seed >> 16) % 12);
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			n += (size_t)utf8proc_encode_char(pool[(seed >> 16) % (sizeof(pool) / sizeof(pool[0]))],
							  b + n);
		}
		same_as_oracle((const char *)b, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_point_policy),
		cmocka_unit_test(test_check_names_field_and_code_point),
		cmocka_unit_test(test_xml_safe_replaces),
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_each_code_point),
		cmocka_unit_test(test_fold_mixed_strings),
		cmocka_unit_test(test_nfc_composes_nfd),
		cmocka_unit_test(test_invalid_utf8_rejected),
		cmocka_unit_test(test_match_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
