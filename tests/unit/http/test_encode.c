/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/http/encode.c: Accept-Encoding, gzip, entity tags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "http/encode.h"

static void test_accepts_coding(void **state)
{
	(void)state;
	assert_true(lt_accepts_coding("gzip, deflate, br", "br"));
	assert_true(lt_accepts_coding("gzip, deflate, br", "gzip"));
	assert_true(lt_accepts_coding("GZIP;q=0.5", "gzip"));
	assert_false(lt_accepts_coding("gzip;q=0, br", "gzip")); /* q=0 refuses */
	assert_false(lt_accepts_coding("gzipx, xbr", "gzip"));   /* whole tokens only */
	assert_false(lt_accepts_coding("identity", "br"));
	assert_false(lt_accepts_coding(NULL, "gzip"));
}

/* What lt_gzip writes, zlib reads back byte for byte, and smaller. */
static void test_gzip_round_trip(void **state)
{
	lt_buf z;
	char in[8192], back[8192];
	z_stream s;

	(void)state;
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = "{\"unit\":\"Công đoàn xã Đa Tốn\",\"value\":12}"[i % 40];
	lt_buf_init(&z, 1 << 20);
	assert_int_equal(lt_gzip(in, sizeof(in), &z), 0);
	assert_true(z.len < sizeof(in) / 4);
	assert_int_equal((unsigned char)z.ptr[0], 0x1f); /* gzip magic */
	assert_int_equal((unsigned char)z.ptr[1], 0x8b);
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 31), Z_OK);
	s.next_in = (unsigned char *)z.ptr;
	s.avail_in = (uInt)z.len;
	s.next_out = (unsigned char *)back;
	s.avail_out = sizeof(back);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, sizeof(in));
	inflateEnd(&s);
	assert_memory_equal(in, back, sizeof(in));
	lt_buf_free(&z);
	lt_buf_init(&z, 16); /* a cap too small fails, and says so */
	assert_int_equal(lt_gzip(in, sizeof(in), &z), LT_ETOOBIG);
	lt_buf_free(&z);
}

static void test_etags(void **state)
{
	char a[32], b[32], c[32];
	char list[128];

	(void)state;
	lt_etag_of("abc", 3, a);
	lt_etag_of("abc", 3, b);
	lt_etag_of("abd", 3, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(a[0], '"');
	assert_true(lt_etag_matches(a, a));
	assert_false(lt_etag_matches(c, a));
	snprintf(list, sizeof(list), "%s, W/%s", c, a);
	assert_true(lt_etag_matches(list, a)); /* a list, with a weak tag */
	assert_true(lt_etag_matches("*", a));
	assert_false(lt_etag_matches(NULL, a));
	assert_false(lt_etag_matches("", a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_coding),
		cmocka_unit_test(test_gzip_round_trip),
		cmocka_unit_test(test_etags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
