/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/text/json_write.c: the list pages written straight into a
 * buffer must be the very bytes jansson's json_dumps(JSON_COMPACT) printed for
 * the same document before (clients and ETags see no change).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/json_write.h"

/* Strings a unit name, a title or a URL may hold: quotes, backslashes, every
 * control character jansson escapes, '/', DEL and Vietnamese. */
static const char *const strs[] = {
	"",
	"Công đoàn cơ sở Công ty \"Sông Đà\"",
	"a\\b/c\x7f",
	"\b\f\n\r\t\x01\x1f end",
	"https://www.facebook.com/cd96.973/posts/1?x=1&y=2",
	"😀 ngoài BMP \xe2\x80\xa8",
};

static void test_same_bytes_as_jansson(void **state)
{
	static const int64_t ints[] = { 0, 1, -1, 42, 9223372036854775807LL, INT64_MIN };
	json_t *o = json_object(), *arr = json_array();
	lt_buf b;
	lt_jw w;
	lt_error e = { 0 };
	char *want;

	(void)state;
	lt_buf_init(&b, 1 << 20);
	lt_jw_init(&w, &b);
	lt_jw_open(&w, '{');
	lt_jw_key(&w, "items");
	lt_jw_open(&w, '[');
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		json_t *x = json_object();
		lt_jw_open(&w, '{');
		lt_jw_kint(&w, "id", ints[i]);
		json_object_set_new(x, "id", json_integer(ints[i]));
		lt_jw_kstr(&w, "s", strs[i]);
		json_object_set_new(x, "s", json_string(strs[i]));
		lt_jw_kstr(&w, strs[i], NULL); /* a key that needs escaping, a null */
		json_object_set_new(x, strs[i], json_null());
		lt_jw_kbool(&w, "t", i % 2);
		json_object_set_new(x, "t", json_boolean(i % 2));
		lt_jw_kint_or_null(&w, "n", 7, i % 2);
		json_object_set_new(x, "n", i % 2 ? json_null() : json_integer(7));
		lt_jw_key(&w, "empty");
		lt_jw_open(&w, '[');
		lt_jw_close(&w, ']');
		json_object_set_new(x, "empty", json_array());
		lt_jw_close(&w, '}');
		json_array_append_new(arr, x);
	}
	lt_jw_close(&w, ']');
	json_object_set_new(o, "items", arr);
	lt_jw_kint(&w, "total", 6);
	json_object_set_new(o, "total", json_integer(6));
	lt_jw_close(&w, '}');
	assert_int_equal(lt_jw_end(&w, &e), 0);
	want = json_dumps(o, JSON_COMPACT);
	assert_non_null(want);
	assert_string_equal(lt_buf_cstr(&b), want);
	free(want);
	json_decref(o);
	lt_buf_free(&b);
}

static void test_tree_round_trip(void **state)
{
	lt_jw w;
	json_t *j;

	(void)state;
	lt_jw_init(&w, NULL);
	lt_jw_open(&w, '{');
	lt_jw_kstr(&w, "name", strs[1]);
	lt_jw_kint(&w, "members", 1250);
	lt_jw_close(&w, '}');
	j = lt_jw_tree(&w);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "name")), strs[1]);
	assert_int_equal(json_integer_value(json_object_get(j, "members")), 1250);
	json_decref(j);
}

/* A stored string that is not UTF-8 (jansson refused it) fails the page, naming no field. */
static void test_not_utf8_fails(void **state)
{
	lt_buf b;
	lt_jw w;
	lt_error e = { 0 };

	(void)state;
	lt_buf_init(&b, 1 << 20);
	lt_jw_init(&w, &b);
	lt_jw_open(&w, '[');
	lt_jw_str(&w, "ok");
	lt_jw_str(&w, "bad \xc3\x28");
	lt_jw_str(&w, "ok again");
	lt_jw_close(&w, ']');
	assert_int_equal(lt_jw_end(&w, &e), LT_EINTERNAL);
	assert_int_equal(e.code, LT_EINTERNAL);
	assert_null(lt_jw_tree(&w));
}

/* The writer takes and refuses the same UTF-8 as json_string: overlong forms, surrogates,
 * code points past U+10FFFF, cut sequences and stray continuation bytes are refused. */
static void test_utf8_as_jansson(void **state)
{
	static const char *const cases[] = {
		"ASCII", "Đà Nẵng", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
		"\xef\xbf\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xed\x9f\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xff", "\x80", "a\xbf", "\xe1\xbb", "\xe1\xbb x", "\xc3", "\xc3\xa9\xc3",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lt_jw w;
		lt_error e = { 0 };
		json_t *j = json_string(cases[i]);
		int rc;

		lt_jw_init(&w, NULL);
		lt_jw_str(&w, cases[i]);
		rc = lt_jw_end(&w, &e);
		if (j)
			assert_int_equal(rc, 0);
		else
			assert_int_equal(rc, LT_EINTERNAL);
		lt_buf_free(w.b);
		json_decref(j);
	}
}

/*
 * Figures as numbers: the same bytes as the tree the summary built before
 * (json_integer for a whole value under 9e15, else json_real), in an array:
 * fractions, exponents both ways (jansson strips '+' and leading zeros),
 * whole values past 9e15 (".0" added), negative zero; NaN and infinity,
 * which jansson refuses, are null.
 */
static void test_numbers_as_jansson(void **state)
{
	static const double nums[] = {
		0.0, -0.0, 1.0, -7.0, 12500000.0, 0.1, 2.5, -1234.5678, 1e-5, 1.5e-7, 3.0e21,
		-2.5e-300, 8999999999999999.0, 9e15, 1e16, 123456789012345678.0, 1.7976931348623157e308,
		4.9e-324, 1.0 / 3.0,
	};
	json_t *arr = json_array();
	lt_jw w;
	lt_error e = { 0 };
	char *want;

	(void)state;
	lt_jw_init(&w, NULL);
	lt_jw_open(&w, '[');
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		double v = nums[i];
		lt_jw_num(&w, v);
		json_array_append_new(arr, v == (double)(int64_t)v && v < 9e15 && v > -9e15
						   ? json_integer((json_int_t)v)
						   : json_real(v));
	}
	lt_jw_num(&w, NAN);
	lt_jw_num(&w, -INFINITY);
	json_array_append_new(arr, json_null());
	json_array_append_new(arr, json_null());
	lt_jw_close(&w, ']');
	assert_int_equal(lt_jw_end(&w, &e), 0);
	want = json_dumps(arr, JSON_COMPACT);
	assert_non_null(want);
	assert_string_equal(lt_buf_cstr(w.b), want);
	assert_non_null(strstr(want, ",1.0000000000000001e-5,")); /* the cases above reach jansson's rewrites */
	free(want);
	json_decref(arr);
	lt_buf_free(w.b);
}

/* A buffer at its size limit fails the writer instead of cutting the document. */
static void test_too_big_fails(void **state)
{
	lt_buf b;
	lt_jw w;
	lt_error e = { 0 };

	(void)state;
	lt_buf_init(&b, 16);
	lt_jw_init(&w, &b);
	lt_jw_open(&w, '{');
	lt_jw_kstr(&w, "title", "longer than sixteen bytes");
	lt_jw_close(&w, '}');
	assert_int_equal(lt_jw_end(&w, &e), LT_ETOOBIG);
	lt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_as_jansson),
		cmocka_unit_test(test_tree_round_trip),
		cmocka_unit_test(test_not_utf8_fails),
		cmocka_unit_test(test_utf8_as_jansson),
		cmocka_unit_test(test_too_big_fails),
		cmocka_unit_test(test_numbers_as_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
