// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on the layouts learned from tests/data/letters/holdout4
 * (the letters moved to real/ for it): each test is one general rule, on a
 * short letter written to show it and, where it matters, on a near case the
 * rule must leave alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "text/letter.h"

static lt_letter *parse(const char *s)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_letter_parse(s, strlen(s), &l, &e), 0);
	assert_non_null(l);
	return l;
}

/* Expect got to be want; want "" means "not found" (NULL). */
static void expect(const char *got, const char *want)
{
	if (!*want)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

/*
 * A page that stored the HTML source's line ends as the text "\r\n": three or
 * more of them are line ends again, so the header reads as lines.
 */
static void test_literal_line_ends(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("\\r\\n ỦY BAN NHÂN DÂN | \\r\\n \\r\\n CỘNG\\r\\n HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"
		  " \\r\\n\n\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020"
		  " \\r\\n | \\r\\n\nThực hiện Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019.\n");
	expect(l->issuer, "ỦY BAN NHÂN DÂN");
	expect(l->parent_body, "");
	expect(l->number, "54/KH-UBND");
	expect(l->place, "Lạng Sơn");
	expect(l->date, "2020-03-27");
	lt_letter_free(l);
	/* two literal pairs are left as they are: no header is made of them */
	l = parse("Số: 5/UBND\nHà Nội, ngày 2 tháng 3 năm 2020\nV/v tệp C:\\r\\n và D:\\r\\n\n"
		  "Kính gửi: Sở Nội vụ.\n");
	expect(l->subject, "tệp C:\\r\\n và D:\\r\\n");
	lt_letter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_line_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
