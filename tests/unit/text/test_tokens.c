/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/tokens.c and abbrev.c: folding, splitting, abbreviations, features. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/abbrev.h"
#include "text/tokens.h"

/* Folded text of s with the default abbreviations. */
static void check_tok(const char *in, const char *want)
{
	lt_tokens t;
	lt_tokens_init(&t);
	assert_int_equal(lt_tokenize(in, strlen(in), lt_abbrev_default(), &t), 0);
	assert_string_equal(t.text, want);
	lt_tokens_free(&t);
}

static void test_fold_table(void **state)
{
	(void)state;
	check_tok("Lương tháng 13 chưa trả", "luong thang 13 chua tra");
	check_tok("luong thang 13 chua tra", "luong thang 13 chua tra");
	check_tok("ĐÌNH CÔNG!!! ở Công ty Đức-Phát, 2024.", "dinh cong o cong ty duc phat 2024");
	check_tok("Thưởng Tết", "thuong tet");
	/* NFD: e + circumflex + acute, a + dot below */
	check_tok("Ti\x65\xcc\x82\xcc\x81n lu\x61\xcc\xa3", "tien lua");
	check_tok("", "");
	check_tok("  ,.;  ", "");
	/* invalid UTF-8 bytes separate tokens */
	check_tok("abc\xff" "def\xc3", "abc def");
}

static void test_abbreviations(void **state)
{
	(void)state;
	check_tok("cty ko tra lg", "cong ty khong tra luong");
	check_tok("k dc đc hok kh", "khong duoc duoc khong khong");
	check_tok("BHXH, bhyt", "bao hiem xa hoi bao hiem y te");
	check_tok("nld nlđ cn", "nguoi lao dong nguoi lao dong cong nhan");
	check_tok("sx tc ct tet", "san xuat tang ca cong ty tet");
}

static void test_same_features(void **state)
{
	const char *a = "Lương tháng 13 chưa trả", *b = "luong thang 13 chua tra";
	lt_tokens ta, tb;
	lt_feats fa, fb;
	(void)state;
	lt_tokens_init(&ta);
	lt_tokens_init(&tb);
	lt_feats_init(&fa);
	lt_feats_init(&fb);
	assert_int_equal(lt_tokenize(a, strlen(a), lt_abbrev_default(), &ta), 0);
	assert_int_equal(lt_tokenize(b, strlen(b), lt_abbrev_default(), &tb), 0);
	assert_int_equal(lt_features(&ta, LT_FEAT_UNI | LT_FEAT_BI, &fa), 0);
	assert_int_equal(lt_features(&tb, LT_FEAT_UNI | LT_FEAT_BI, &fb), 0);
	assert_int_equal(fa.n, 5 + 4);
	assert_int_equal(fa.n, fb.n);
	for (size_t i = 0; i < fa.n; i++)
		assert_true(fa.v[i].id == fb.v[i].id);
	/* a bigram's span is its two syllables */
	assert_memory_equal(ta.text + fa.v[1].off, "luong thang", fa.v[1].len);
	/* exact (diacritic) features differ, folded ones do not */
	assert_int_equal(lt_features(&ta, LT_FEAT_UNI | LT_FEAT_EXACT, &fa), 0);
	assert_int_equal(lt_features(&tb, LT_FEAT_UNI | LT_FEAT_EXACT, &fb), 0);
	assert_true(fa.n > fb.n);
	lt_tokens_free(&ta);
	lt_tokens_free(&tb);
	lt_feats_free(&fa);
	lt_feats_free(&fb);
}

static void test_abbrev_parse(void **state)
{
	const char *txt = "# comment\nxyz\tbảo hiểm\r\n\nđc\tđược rồi\n";
	lt_abbrev *a = NULL;
	lt_error e;
	lt_tokens t;
	(void)state;
	lt_tokens_init(&t);
	assert_int_equal(lt_abbrev_parse(txt, strlen(txt), &a, &e), 0);
	assert_int_equal(lt_abbrev_count(a), 2);
	assert_int_equal(lt_tokenize("XYZ dc", 6, a, &t), 0);
	assert_string_equal(t.text, "bao hiem duoc roi");
	lt_abbrev_free(a);
	assert_int_equal(lt_abbrev_parse("ko khong\n", 9, &a, &e), LT_EINVAL);
	assert_null(a);
	assert_non_null(strstr(e.en, "line 1"));
	assert_int_equal(lt_abbrev_parse("ok\nhai tu\tx\n", 12, &a, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "line 1"));
	assert_int_equal(lt_abbrev_parse("a b\tx\n", 6, &a, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "one syllable"));
	assert_true(lt_abbrev_count(lt_abbrev_default()) > 40);
	lt_tokens_free(&t);
}

static void test_long_token_cut(void **state)
{
	char s[300];
	lt_tokens t;
	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	lt_tokens_init(&t);
	assert_int_equal(lt_tokenize(s, strlen(s), NULL, &t), 0);
	assert_int_equal(t.n, 1);
	assert_true(t.v[0].len <= LT_TOK_MAX_LEN);
	lt_tokens_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_same_features),
		cmocka_unit_test(test_abbrev_parse),
		cmocka_unit_test(test_long_token_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
