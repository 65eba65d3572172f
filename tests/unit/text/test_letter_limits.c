// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on hostile input (src/text/letter_body.c): POST
 * /api/v1/directives/parse takes any cadre's text of up to 2 MB. The e-mail
 * pattern was searched with regexec from every position of a line, and on a
 * line of letters with no '@' each search ran to the line's end: 40,000
 * bytes took 2.5 s, the 2 MB the route accepts some hours of one server
 * thread. The e-mails are now found from each '@' outwards, in linear time;
 * these tests bound the time and keep what the pattern found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "text/letter.h"

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Parse n bytes made of unit (repeated) and return the seconds it took. */
static double parse_time(const char *unit, size_t n)
{
	size_t k = strlen(unit);
	char *s = malloc(n + 1);
	lt_letter *l = NULL;
	lt_error e = { 0 };
	double t0;

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = unit[i % k];
	s[n] = '\0';
	t0 = now_s();
	assert_int_equal(lt_letter_parse(s, n, &l, &e), 0);
	t0 = now_s() - t0;
	lt_letter_free(l);
	free(s);
	return t0;
}

/* One line of 1 MB in shapes that made a search run to the line's end: seconds, not hours. */
static void test_long_lines_linear(void **state)
{
	static const char *const shapes[] = { "a", "a.", "a@", "@", "a@b", "a@b.", "x-", "1/", ".@." };

	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		double t = parse_time(shapes[i], 1u << 20);
		if (t > 5.0)
			fail_msg("a 1 MB line of \"%s\" took %.1f s", shapes[i], t);
	}
}

static lt_letter *parse(const char *s)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_letter_parse(s, strlen(s), &l, &e), 0);
	return l;
}

/* What the pattern [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+ found is still found. */
static void test_emails_kept(void **state)
{
	lt_letter *l = parse("Báo cáo gửi về địa chỉ: bc.ldld-gialam@hanoi.gov.vn; "
			     "(sao gửi: VP_Ldld+tet@congdoan.vn.) hoặc a@b@c.vn, x@y, "
			     ".dot.@mail.example.org.");

	(void)state;
	assert_int_equal(l->emails.n, 4);
	assert_string_equal(l->emails.v[0], "bc.ldld-gialam@hanoi.gov.vn");
	assert_string_equal(l->emails.v[1], "VP_Ldld+tet@congdoan.vn");
	assert_string_equal(l->emails.v[2], "b@c.vn");
	assert_string_equal(l->emails.v[3], "dot.@mail.example.org");
	lt_letter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_lines_linear),
		cmocka_unit_test(test_emails_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
