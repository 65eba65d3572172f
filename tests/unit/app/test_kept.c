/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/kept.c: a kept reply is given back only under the very
 * stamp it was kept under (same connection, nothing changed since), an entry
 * of a changed connection is dropped, nothing is kept without a stamp or
 * past the size bound, and the table holds LT_KEPT_SLOTS entries, the least
 * recently used going first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/kept.h"

static bool got(const lt_db_stamp *st, const char *key, const char *want)
{
	lt_buf b;
	bool hit;

	lt_buf_init(&b, 1 << 20);
	lt_buf_puts(&b, "<");
	hit = lt_kept_get(st, key, &b);
	if (hit)
		assert_string_equal(lt_buf_cstr(&b) + 1, want); /* appended after what was there */
	else
		assert_string_equal(lt_buf_cstr(&b), "<"); /* a miss leaves the buffer as it was */
	lt_buf_free(&b);
	return hit;
}

static void test_given_back_under_its_stamp_only(void **state)
{
	lt_db_stamp st = { 101, 5, 7 }, later = { 101, 6, 7 }, own = { 101, 5, 8 },
		    other = { 102, 5, 7 }, none = { 0, 5, 7 };
	long long h0, m0, h1, m1;

	(void)state;
	lt_kept_counts(&h0, &m0);
	lt_kept_put(&st, "summary 1", "{\"a\":1}", 7);
	assert_true(got(&st, "summary 1", "{\"a\":1}"));
	assert_false(got(&st, "summary 2", NULL));   /* another key */
	assert_false(got(&other, "summary 1", NULL)); /* another connection */
	assert_false(got(&none, "summary 1", NULL));  /* no stamp */
	assert_true(got(&st, "summary 1", "{\"a\":1}"));
	assert_false(got(&own, "summary 1", NULL));   /* the connection wrote */
	assert_false(got(&st, "summary 1", NULL));    /* ... and the entry went with it */
	lt_kept_put(&st, "summary 1", "{\"a\":1}", 7);
	assert_false(got(&later, "summary 1", NULL)); /* another connection committed */
	lt_kept_put(&later, "summary 1", "{\"a\":2}", 7);
	assert_true(got(&later, "summary 1", "{\"a\":2}"));
	lt_kept_put(&none, "summary 3", "x", 1); /* no stamp: not kept */
	assert_false(got(&none, "summary 3", NULL));
	lt_kept_counts(&h1, &m1);
	assert_int_equal(h1 - h0, 3);
	assert_int_equal(m1 - m0, 5); /* a lookup without a stamp is no lookup */
}

static void test_bounded_least_recent_first(void **state)
{
	lt_db_stamp st = { 201, 1, 1 };
	char key[32], *big;

	(void)state;
	for (int i = 0; i < LT_KEPT_SLOTS; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		lt_kept_put(&st, key, key, strlen(key));
	}
	assert_true(got(&st, "k0", "k0")); /* k0 used again: k1 is now the least recent */
	lt_kept_put(&st, "new", "new", 3);
	assert_true(got(&st, "new", "new"));
	assert_true(got(&st, "k0", "k0"));
	assert_false(got(&st, "k1", NULL));
	assert_true(got(&st, "k2", "k2"));
	/* A reply past the bound is not kept, and takes no one's place. */
	big = calloc(1, LT_KEPT_MAX + 2);
	assert_non_null(big);
	memset(big, 'x', LT_KEPT_MAX + 1);
	lt_kept_put(&st, "big", big, LT_KEPT_MAX + 1);
	assert_false(got(&st, "big", NULL));
	assert_true(got(&st, "k3", "k3"));
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given_back_under_its_stamp_only),
		cmocka_unit_test(test_bounded_least_recent_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
