/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/arena.c: lt_arena_grow, the arrays the letter parser builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/error.h"

/* Pushed one by one: the capacity goes first, then doubles; what was pushed stays in order. */
static void test_grow_keeps_order_and_doubles(void **state)
{
	lt_arena a;
	int64_t *v = NULL;
	size_t n = 0, cap = 0;

	(void)state;
	lt_arena_init(&a);
	for (int64_t i = 0; i < 1000; i++) {
		assert_int_equal(lt_arena_grow(&a, &v, n, &cap, sizeof(*v), 8), 0);
		v[n++] = i * 7;
		if (n == 1)
			assert_int_equal(cap, 8);
	}
	assert_int_equal(cap, 1024);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int64_t)i * 7);
	/* Room left: nothing moves. */
	int64_t *same = v;
	assert_int_equal(lt_arena_grow(&a, &v, n, &cap, sizeof(*v), 8), 0);
	assert_ptr_equal(v, same);
	assert_int_equal(lt_arena_failed(&a), 0);
	lt_arena_free(&a);
}

/* A capacity whose double does not fit in memory: LT_ENOMEM, the array and its capacity untouched. */
static void test_grow_too_large_fails_untouched(void **state)
{
	lt_arena a;
	char *v = NULL;
	size_t cap = SIZE_MAX / 2 + 1;

	(void)state;
	lt_arena_init(&a);
	assert_int_equal(lt_arena_grow(&a, &v, cap, &cap, 1, 8), LT_ENOMEM);
	assert_null(v);
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	assert_int_equal(lt_arena_failed(&a), LT_ENOMEM);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_keeps_order_and_doubles),
		cmocka_unit_test(test_grow_too_large_fails_untouched),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
