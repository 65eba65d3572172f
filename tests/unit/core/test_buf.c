/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/buf.c and the arena's failure flag (src/core/arena.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"

static void test_append_and_steal(void **state)
{
	lt_buf b;
	char *s;

	(void)state;
	lt_buf_init(&b, 64);
	assert_int_equal(lt_buf_adds(&b, "Gia "), 0);
	assert_int_equal(lt_buf_printf(&b, "Lâm %d", 42), 0);
	assert_string_equal(lt_buf_cstr(&b), "Gia Lâm 42");
	assert_int_equal(lt_buf_error(&b), 0);
	s = lt_buf_steal(&b);
	assert_string_equal(s, "Gia Lâm 42");
	assert_int_equal(b.len, 0);
	free(s);
}

/* Past the cap the content is dropped and every later append fails: no silent gap. */
static void test_failure_is_sticky(void **state)
{
	lt_buf b;

	(void)state;
	lt_buf_init(&b, 8);
	assert_int_equal(lt_buf_adds(&b, "1234"), 0);
	assert_int_equal(lt_buf_adds(&b, "56789"), LT_ETOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(lt_buf_cstr(&b), "");
	assert_int_equal(lt_buf_adds(&b, "x"), LT_ETOOBIG); /* it fits, but b has failed */
	assert_int_equal(lt_buf_printf(&b, "%d", 1), LT_ETOOBIG);
	lt_buf_puts(&b, "y");
	assert_int_equal(lt_buf_error(&b), LT_ETOOBIG);
	assert_int_equal(b.len, 0);
	lt_buf_reset(&b); /* an explicit new start clears it */
	assert_int_equal(lt_buf_adds(&b, "ok"), 0);
	assert_string_equal(lt_buf_cstr(&b), "ok");
	lt_buf_free(&b);
	assert_int_equal(lt_buf_error(&b), 0);
}

/* The put* writers defer the check to one lt_buf_error at the end. */
static void test_put_defers_the_check(void **state)
{
	lt_buf b;

	(void)state;
	lt_buf_init(&b, 6);
	lt_buf_puts(&b, "abc");
	lt_buf_putf(&b, "%s", "def");
	assert_int_equal(lt_buf_error(&b), 0);
	assert_string_equal(lt_buf_cstr(&b), "abcdef");
	lt_buf_put(&b, "g", 1);
	lt_buf_puts(&b, "");
	assert_int_equal(lt_buf_error(&b), LT_ETOOBIG);
	assert_string_equal(lt_buf_cstr(&b), "");
	lt_buf_free(&b);
}

static void test_arena_take_buf(void **state)
{
	lt_arena a;
	lt_buf b;
	char *s;

	(void)state;
	lt_arena_init(&a);
	lt_buf_init(&b, 16);
	lt_buf_puts(&b, "1.234.567 đ");
	s = lt_arena_take_buf(&a, &b);
	assert_string_equal(s, "1.234.567 đ");
	assert_null(b.ptr);
	assert_int_equal(lt_arena_failed(&a), 0);
	lt_buf_init(&b, 2);
	lt_buf_puts(&b, "too long");
	assert_null(lt_arena_take_buf(&a, &b)); /* the buffer's failure passes to the arena */
	assert_int_equal(lt_arena_failed(&a), LT_ENOMEM);
	lt_arena_free(&a);
	assert_int_equal(lt_arena_failed(&a), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_steal),
		cmocka_unit_test(test_failure_is_sticky),
		cmocka_unit_test(test_put_defers_the_check),
		cmocka_unit_test(test_arena_take_buf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
