/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/page.c: limits, opaque cursors and the keys lists make of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/page.h"

static void test_parse(void **state)
{
	lt_arena a;
	lt_page pg;
	lt_error e;
	char *c;
	(void)state;
	lt_arena_init(&a);
	assert_int_equal(lt_page_parse(NULL, NULL, &a, &pg, &e), 0);
	assert_int_equal(pg.limit, LT_PAGE_DEFAULT);
	assert_null(pg.after);
	for (const char *const *bad = (const char *const[]){ "0", "501", "abc", "-1", "", NULL }; *bad;
	     bad++) {
		assert_int_equal(lt_page_parse(*bad, NULL, &a, &pg, &e), LT_EINVAL);
		assert_string_equal(e.field, "limit");
	}
	/* A cursor is the key in hexadecimal, and comes back as the key. */
	c = lt_page_cursor(&a, "2024-01-16|42");
	assert_int_equal(lt_page_parse("500", c, &a, &pg, &e), 0);
	assert_int_equal(pg.limit, 500);
	assert_string_equal(pg.after, "2024-01-16|42");
	for (const char *const *bad = (const char *const[]){ "zz", "abc", "0a", NULL }; *bad; bad++) {
		assert_int_equal(lt_page_parse(NULL, *bad, &a, &pg, &e), LT_EINVAL);
		assert_string_equal(e.field, "cursor");
	}
	lt_arena_free(&a);
}

static void test_keys(void **state)
{
	lt_arena a;
	lt_page pg = { .limit = 2 };
	lt_error e;
	const char *head, *next;
	int64_t id;
	int max;
	size_t n;
	(void)state;
	lt_arena_init(&a);
	/* "head|id": the last bar splits them. */
	assert_int_equal(lt_page_key_id("draft|2024-01-16|42", &a, &head, &id, &e), 0);
	assert_string_equal(head, "draft|2024-01-16");
	assert_int_equal(id, 42);
	assert_int_equal(lt_page_key_id("42", &a, NULL, &id, &e), 0);
	assert_int_equal(id, 42);
	for (const char *const *bad = (const char *const[]){ "x|0", "x|", "x|4a", "42", NULL }; *bad;
	     bad++) {
		assert_int_equal(lt_page_key_id(*bad, &a, &head, &id, &e), LT_EINVAL);
		assert_string_equal(e.field, "cursor");
	}
	assert_int_equal(lt_page_key_id("x|42", &a, NULL, &id, &e), LT_EINVAL);
	/* Lists keyed by id: limit + 1 rows read, the page cut to limit with the last id kept. */
	assert_int_equal(lt_page_cursor_id(&pg, &id, &max, &e), 0);
	assert_int_equal(id, 0);
	assert_int_equal(max, 3);
	assert_int_equal(lt_page_cursor_id(NULL, &id, &max, &e), 0);
	assert_int_equal(max, 0);
	n = 3;
	assert_int_equal(lt_page_next_id(&pg, &n, 7, &a, &next, &e), 0);
	assert_int_equal(n, 2);
	pg.after = NULL;
	assert_int_equal(lt_page_parse(NULL, next, &a, &pg, &e), 0);
	pg.limit = 2;
	assert_int_equal(lt_page_cursor_id(&pg, &id, &max, &e), 0);
	assert_int_equal(id, 7);
	n = 2;
	assert_int_equal(lt_page_next_id(&pg, &n, 5, &a, &next, &e), 0);
	assert_null(next);
	assert_int_equal(n, 2);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
