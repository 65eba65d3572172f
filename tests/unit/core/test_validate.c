/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/core/validate.c's e-mail rule: one plain address (RFC 5321's
 * dot-atom local part, a DNS domain name, ASCII), nothing that a mail header
 * could read as a second line, a second address or a display name
 * (issue 13, finding 7); and the login rule: 2–64 of a-z, 0-9, '.', '_', '-'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/validate.h"

static void test_plain_addresses_pass(void **state)
{
	static const char *const ok[] = {
		"a@b.vn",
		"ldld.gialam@hanoi.gov.vn",
		"cong-doan_01+bao.cao@example.org",
		"x@sub-domain.example.com",
		"o'brien@example.ie",
		"a@xn--nhthng-vva.vn", /* an IDN in its ASCII form */
		"",                    /* empty: no address (the field is optional) */
		NULL,
	};
	lt_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(lt_check_email("to", ok[i], &e), 0);
}

static void test_header_injection_lists_and_oddities_fail(void **state)
{
	static const char *const bad[] = {
		"a@b.vn\r\nBcc: x@y.z", /* the probe's header injection */
		"a@b.vn\nBcc: x@y.z",
		"a@b.vn\rx",
		"a@b.vn, c@d.vn", /* lists */
		"a@b.vn,c@d.vn",
		"a@b.vn;c@d.vn",
		"a@b.vn c@d.vn",
		"Tên <a@b.vn>", /* display names */
		"<a@b.vn>",
		"\"a b\"@b.vn", /* quoted local parts */
		"a@b.vn\x01",   /* control characters */
		"a\x7f@b.vn",
		"a\t@b.vn",
		"thư@b.vn", /* non-ASCII (give the domain in its xn-- form) */
		"a@bưu.vn",
		"a@b",      /* no dot in the domain */
		"@b.vn",
		"a@",
		"a@@b.vn",
		"a@b@c.vn",
		".a@b.vn", /* dots out of place */
		"a.@b.vn",
		"a..b@b.vn",
		"a@.b.vn",
		"a@b..vn",
		"a@b.vn.",
		"a@-b.vn", /* hyphens at a label's ends */
		"a@b-.vn",
		"a@b.v", /* a one-letter top-level domain */
		"a@b.123",
		"a@[127.0.0.1]", /* address literals */
		"a@b_c.vn",
	};
	char long_local[80], long_label[80], long_all[300];
	lt_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (lt_check_email("to", bad[i], &e) != LT_EINVAL)
			fail_msg("accepted: \"%s\"", bad[i]);
		assert_string_equal(e.field, "to");
	}
	/* Lengths: local part ≤ 64, label ≤ 63, the whole ≤ 254. */
	memset(long_local, 'a', 65);
	strcpy(long_local + 65, "@b.vn");
	assert_int_equal(lt_check_email("to", long_local, &e), LT_EINVAL);
	memset(long_label, 'b', 64);
	memcpy(long_label, "a@", 2);
	strcpy(long_label + 66, ".vn");
	assert_int_equal(lt_check_email("to", long_label, &e), LT_EINVAL);
	strcpy(long_all, "a@");
	for (int i = 0; i < 26; i++)
		strcat(long_all, "bbbbbbbbb.");
	strcat(long_all, "vn");
	assert_int_equal(lt_check_email("to", long_all, &e), LT_EINVAL);
}

static void test_logins(void **state)
{
	static const char *const ok[] = { "vn", "hanoi", "cs-00577-01", "le.van_an", "a1" };
	static const char *const bad[] = { "", "v", "VN", "lê", "a b", "a@b", "a/b", NULL };
	char long_login[66];
	lt_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		assert_int_equal(lt_check_login("login", ok[i], &e), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		lt_error_clear(&e);
		assert_int_equal(lt_check_login("login", bad[i], &e), LT_EINVAL);
		assert_string_equal(e.field, "login");
	}
	memset(long_login, 'a', 64);
	long_login[64] = '\0';
	assert_int_equal(lt_check_login("login", long_login, &e), 0);
	long_login[64] = 'a';
	long_login[65] = '\0';
	assert_int_equal(lt_check_login("login", long_login, &e), LT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_addresses_pass),
		cmocka_unit_test(test_header_injection_lists_and_oddities_fail),
		cmocka_unit_test(test_logins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
