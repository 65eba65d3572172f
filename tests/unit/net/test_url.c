/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/net/url.c: canonical links and channel detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>

#include "../../lib/needs_shared.h"
#include "net/url.h"

static const struct row {
	const char *in;
	const char *want;
	const char *channel;
} table[] = {
	/* Facebook: hosts folded, share/tracking parameters dropped. */
	{ "https://www.facebook.com/congdoanvietnam/posts/pfbid0abcDEF123?mibextid=Nif5oz",
	  "https://facebook.com/congdoanvietnam/posts/pfbid0abcDEF123", "facebook" },
	{ "https://m.facebook.com/story.php?story_fbid=pfbid02Xyz&id=100064758712345&mibextid=Nif5oz",
	  "https://facebook.com/story.php?id=100064758712345&story_fbid=pfbid02Xyz", "facebook" },
	{ "https://mbasic.facebook.com/story.php?story_fbid=1234567890&id=100012345&refid=52&__tn__=%2AW-R",
	  "https://facebook.com/story.php?id=100012345&story_fbid=1234567890", "facebook" },
	{ "https://web.facebook.com/ldldgialam/photos/a.123/456/?_rdc=1&_rdr",
	  "https://facebook.com/ldldgialam/photos/a.123/456", "facebook" },
	{ "https://touch.facebook.com/permalink.php?story_fbid=987&id=123",
	  "https://facebook.com/permalink.php?id=123&story_fbid=987", "facebook" },
	{ "https://www.facebook.com/watch/?v=1234567890123456&ref=sharing",
	  "https://facebook.com/watch?v=1234567890123456", "facebook" },
	{ "https://www.facebook.com/groups/congdoangialam/posts/7212345678901234/?__cft__[0]=AZX&__tn__=%2CO%2CP-R",
	  "https://facebook.com/groups/congdoangialam/posts/7212345678901234", "facebook" },
	{ "https://www.facebook.com/share/p/1AbCdEfGh2/?mibextid=WC7FNe",
	  "https://facebook.com/share/p/1AbCdEfGh2", "facebook" },
	{ "https://www.facebook.com/share/v/18XyZ/?fbclid=IwAR0abc",
	  "https://facebook.com/share/v/18XyZ", "facebook" },
	{ "https://fb.watch/pQ3xYz1AbC/?mibextid=Nif5oz", "https://fb.watch/pQ3xYz1AbC", "facebook" },
	{ "https://www.facebook.com/reel/1234567890123456?s=yWDuG2&fs=e&mibextid=Nif5oz",
	  "https://facebook.com/reel/1234567890123456", "facebook" },
	{ "https://vi-vn.facebook.com/LDLDHuyenGiaLam/", "https://facebook.com/LDLDHuyenGiaLam",
	  "facebook" },
	{ "facebook.com/profile.php?id=100089123456789&mibextid=ZbWKwL",
	  "https://facebook.com/profile.php?id=100089123456789", "facebook" },
	{ "http://m.facebook.com/photo.php?fbid=123&set=a.456&type=3",
	  "https://facebook.com/photo.php?fbid=123&set=a.456&type=3", "facebook" },
	{ "https://m.me/congdoanvietnam", "https://m.me/congdoanvietnam", "facebook" },
	{ "https://www.messenger.com/t/123/", "https://www.messenger.com/t/123", "facebook" },

	/* YouTube: every video form → one watch URL with v only. */
	{ "https://youtu.be/dQw4w9WgXcQ?si=Ab12Cd34Ef56Gh78", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
	  "youtube" },
	{ "https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube" },
	{ "https://www.youtube.com/shorts/aBcDeFgHiJk?feature=share",
	  "https://www.youtube.com/watch?v=aBcDeFgHiJk", "youtube" },
	{ "https://youtube.com/shorts/aBcDeFgHiJk?si=xyz", "https://www.youtube.com/watch?v=aBcDeFgHiJk",
	  "youtube" },
	{ "https://m.youtube.com/watch?v=Xy_9-AbCdEf&feature=share",
	  "https://www.youtube.com/watch?v=Xy_9-AbCdEf", "youtube" },
	{ "https://www.youtube.com/watch?v=Xy_9-AbCdEf&t=1m30s&list=PLabc&index=3&pp=ygU",
	  "https://www.youtube.com/watch?v=Xy_9-AbCdEf", "youtube" },
	{ "https://www.youtube.com/live/Qw3rTy12345?si=abc", "https://www.youtube.com/watch?v=Qw3rTy12345",
	  "youtube" },
	{ "https://www.youtube.com/embed/Qw3rTy12345?autoplay=1",
	  "https://www.youtube.com/watch?v=Qw3rTy12345", "youtube" },
	{ "https://www.youtube-nocookie.com/embed/Qw3rTy12345",
	  "https://www.youtube.com/watch?v=Qw3rTy12345", "youtube" },
	{ "https://www.youtube.com/@CongdoanVietNam/videos", "https://www.youtube.com/@CongdoanVietNam/videos",
	  "youtube" },
	{ "https://youtube.com/playlist?list=PLx123&si=abc", "https://www.youtube.com/playlist?list=PLx123",
	  "youtube" },
	{ "HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ#t=30", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
	  "youtube" },

	/* TikTok. Short links need the network to resolve: kept. */
	{ "https://www.tiktok.com/@congdoanvietnam/video/7321234567890123456?is_from_webapp=1&sender_device=pc",
	  "https://www.tiktok.com/@congdoanvietnam/video/7321234567890123456", "tiktok" },
	{ "https://m.tiktok.com/@congdoan.hn/video/7312345678901234567?_t=8iAbCdEf&_r=1",
	  "https://www.tiktok.com/@congdoan.hn/video/7312345678901234567", "tiktok" },
	{ "https://vt.tiktok.com/ZSNabc123/", "https://vt.tiktok.com/ZSNabc123", "tiktok" },
	{ "https://vm.tiktok.com/ZMabc123/?_t=1", "https://vm.tiktok.com/ZMabc123", "tiktok" },
	{ "tiktok.com/@ldldgialam?lang=vi-VN&_t=8x", "https://www.tiktok.com/@ldldgialam?lang=vi-VN",
	  "tiktok" },

	/* Zalo. */
	{ "https://zalo.me/g/abcxyz123", "https://zalo.me/g/abcxyz123", "zalo" },
	{ "https://www.zalo.me/0912345678", "https://zalo.me/0912345678", "zalo" },
	{ "https://zalo.me/s/1234567890/?utm_source=zalo-qr", "https://zalo.me/s/1234567890", "zalo" },
	{ "https://oa.zalo.me/home", "https://oa.zalo.me/home", "zalo" },

	/* Electronic newspapers, opened from Facebook / Zalo with their tags. */
	{ "https://vnexpress.net/chuyen-tau-tet-0-dong-4701234.html?utm_source=facebook&utm_medium=social&fbclid=IwAR3x",
	  "https://vnexpress.net/chuyen-tau-tet-0-dong-4701234.html", "e-newspaper" },
	{ "https://tuoitre.vn/chuyen-xe-mua-xuan-2024-20240118.htm?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&gidzl=Xyz",
	  "https://tuoitre.vn/chuyen-xe-mua-xuan-2024-20240118.htm", "e-newspaper" },
	{ "https://thanhnien.vn/cho-tet-cong-doan-185240120.htm#comments",
	  "https://thanhnien.vn/cho-tet-cong-doan-185240120.htm", "e-newspaper" },
	{ "https://dantri.com.vn/lao-dong-viec-lam/tet-sum-vay-2024.htm?gclid=Cj0",
	  "https://dantri.com.vn/lao-dong-viec-lam/tet-sum-vay-2024.htm", "e-newspaper" },
	{ "https://laodong.vn/cong-doan/tet-sum-vay-1298765.ldo", "https://laodong.vn/cong-doan/tet-sum-vay-1298765.ldo",
	  "e-newspaper" },
	{ "https://nld.com.vn/cong-doan/chuyen-xe-nghia-tinh-196240118.htm?UTM_Source=Zalo",
	  "https://nld.com.vn/cong-doan/chuyen-xe-nghia-tinh-196240118.htm", "e-newspaper" },
	{ "https://m.vnexpress.net/tet-2024-4701235.html", "https://m.vnexpress.net/tet-2024-4701235.html",
	  "e-newspaper" },
	{ "https://WWW.Kinhtedothi.VN/ha-noi-cham-lo-tet.html", "https://www.kinhtedothi.vn/ha-noi-cham-lo-tet.html",
	  "e-newspaper" },
	{ "https://baochinhphu.vn/tet-sum-vay-102240118.htm?amp", "https://baochinhphu.vn/tet-sum-vay-102240118.htm?amp",
	  "e-newspaper" },
	{ "https://nhandan.vn/tet-sum-vay-post790123.html?b=2&a=1", "https://nhandan.vn/tet-sum-vay-post790123.html?a=1&b=2",
	  "e-newspaper" },
	{ "https://hanoimoi.vn/cham-lo-tet-cho-nguoi-lao-dong-655432.html",
	  "https://hanoimoi.vn/cham-lo-tet-cho-nguoi-lao-dong-655432.html", "e-newspaper" },
	{ "https://vietnamnet.vn/tet-sum-vay-2244556.html", "https://vietnamnet.vn/tet-sum-vay-2244556.html",
	  "e-newspaper" },
	{ "https://laodongthudo.vn/tet-sum-vay-2024-123456.html", "https://laodongthudo.vn/tet-sum-vay-2024-123456.html",
	  "e-newspaper" },
	{ "https://congdoan.vn/tin-tuc/tet-sum-vay-2024-123.tld", "https://congdoan.vn/tin-tuc/tet-sum-vay-2024-123.tld",
	  "e-newspaper" },

	/* Radio and television. */
	{ "https://vov.vn/xa-hoi/tet-sum-vay-post1069999.vov", "https://vov.vn/xa-hoi/tet-sum-vay-post1069999.vov",
	  "radio" },
	{ "https://vovgiaothong.vn/tet-sum-vay/", "https://vovgiaothong.vn/tet-sum-vay", "radio" },
	{ "https://vtv.vn/xa-hoi/chuyen-xe-tet-20240118.htm", "https://vtv.vn/xa-hoi/chuyen-xe-tet-20240118.htm", "tv" },
	{ "https://vtv.gov.vn/news", "https://vtv.gov.vn/news", "tv" },
	{ "https://hanoionline.vn/tet-sum-vay-2024-123456.htm", "https://hanoionline.vn/tet-sum-vay-2024-123456.htm", "tv" },
	{ "https://vtc.vn/tet-sum-vay-ar123456.html", "https://vtc.vn/tet-sum-vay-ar123456.html", "tv" },

	/* Union and other sites: www. kept. */
	{ "https://congdoanvietnam.org/tin-tuc/tet-sum-vay.html", "https://congdoanvietnam.org/tin-tuc/tet-sum-vay.html",
	  "website" },
	{ "https://www.congdoanhanoi.org.vn/tin-tuc/cho-tet-cong-doan-2024/",
	  "https://www.congdoanhanoi.org.vn/tin-tuc/cho-tet-cong-doan-2024", "website" },
	{ "https://hanoi.congdoan.vn/tin-tuc", "https://hanoi.congdoan.vn/tin-tuc", "website" },
	{ "http://ubnd.gialam.hanoi.gov.vn/", "https://ubnd.gialam.hanoi.gov.vn/", "website" },
	{ "https://shopee.vn/cho-tet-cong-doan?smtt=0.0.9", "https://shopee.vn/cho-tet-cong-doan?smtt=0.0.9", "website" },
	{ "https://x.com/congdoanvn/status/1745?s=20&t=AbC", "https://x.com/congdoanvn/status/1745", "other" },
	{ "https://www.instagram.com/p/C2abc/?igsh=MzRl", "https://www.instagram.com/p/C2abc", "other" },

	/* IDN hosts → punycode; non-ASCII paths percent-encoded. */
	{ "https://báo.vn/tết-2024/", "https://xn--bo-mia.vn/t%E1%BA%BFt-2024", "website" },
	{ "https://CÔNGĐOÀN.VN/", "https://xn--cngon-uqa0lsj.vn/", "website" },

	/* What a phone pastes: spaces, no scheme, upper case, ports, dots, slashes. */
	{ "  https://tuoitre.vn:443/thoi-su/  ", "https://tuoitre.vn/thoi-su", "e-newspaper" },
	{ "\xc2\xa0https://zalo.me/g/abc\xe2\x80\x8b\n", "https://zalo.me/g/abc", "zalo" },
	{ "http://thanhnien.vn:80/a/b//", "https://thanhnien.vn/a/b", "e-newspaper" },
	{ "https://vnexpress.net:8443/x", "https://vnexpress.net:8443/x", "e-newspaper" },
	{ "vnexpress.net/the-thao/bong-da-4701236.html", "https://vnexpress.net/the-thao/bong-da-4701236.html",
	  "e-newspaper" },
	{ "vnexpress.net:443/a", "https://vnexpress.net/a", "e-newspaper" },
	{ "//tuoitre.vn/van-hoa/", "https://tuoitre.vn/van-hoa", "e-newspaper" },
	{ "HTTP://VNEXPRESS.NET/", "https://vnexpress.net/", "e-newspaper" },
	/* http and https of one article are one link; an http server on its own port is not. */
	{ "http://nld.com.vn/cong-doan/tet-sum-vay-196240118.htm", "https://nld.com.vn/cong-doan/tet-sum-vay-196240118.htm",
	  "e-newspaper" },
	{ "https://nld.com.vn/cong-doan/tet-sum-vay-196240118.htm", "https://nld.com.vn/cong-doan/tet-sum-vay-196240118.htm",
	  "e-newspaper" },
	{ "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a", "website" },
	{ "http://vnexpress.net:443/a", "http://vnexpress.net:443/a", "e-newspaper" },
	{ "https://vnexpress.net/a/./b/../c", "https://vnexpress.net/a/c", "e-newspaper" },
	{ "https://laodong.vn/%7ecd/%e1%ba%bf", "https://laodong.vn/~cd/%E1%BA%BF", "e-newspaper" },
	{ "https://vnexpress.net./", "https://vnexpress.net/", "e-newspaper" },
	/* A stray '%' is escaped, so that "%%34" cannot turn into a new escape "%4…". */
	{ "https://vnexpress.net/a%%34b?q=100%", "https://vnexpress.net/a%254b?q=100%25", "e-newspaper" },
	{ "http://facebook.com:443/congdoanvn", "https://facebook.com/congdoanvn", "facebook" },
};

static void check_canonical(const char *in, const char *want, const char *channel)
{
	char *got = NULL, *again = NULL;
	lt_channel ch = LT_CHANNEL_COUNT, ch2 = LT_CHANNEL_COUNT;
	lt_error e = { 0 };
	int rc = lt_url_canonical(in, &got, &ch, &e);

	if (rc != 0 || strcmp(got, want) != 0)
		print_message("input: %s\n  got: %s (%s)\n want: %s\n", in, got ? got : "(null)", e.en, want);
	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	assert_string_equal(lt_channel_code(ch), channel);
	/* Idempotent: the canonical form is its own canonical form. */
	assert_int_equal(lt_url_canonical(got, &again, &ch2, &e), 0);
	assert_string_equal(again, got);
	assert_int_equal(ch2, ch);
	free(got);
	free(again);
}

static void test_table(void **state)
{
	size_t n = sizeof(table) / sizeof(table[0]);

	(void)state;
	assert_true(n >= 50);
	for (size_t i = 0; i < n; i++)
		check_canonical(table[i].in, table[i].want, table[i].channel);
	print_message("%zu links checked\n", n);
}

static void check_error(const char *in, int code)
{
	char *got = (char *)1;
	lt_channel ch = LT_CHANNEL_COUNT;
	lt_error e = { 0 };

	assert_int_equal(lt_url_canonical(in, &got, &ch, &e), code);
	assert_null(got);
	assert_int_equal(ch, LT_CHANNEL_COUNT); /* untouched on error */
	assert_int_equal(e.code, code);
	assert_string_equal(e.field, "url");
	assert_true(e.vi[0] != '\0' && e.en[0] != '\0');
	assert_string_not_equal(e.vi, e.en);
}

static void test_errors(void **state)
{
	lt_error e = { 0 };
	char *got = NULL;

	(void)state;
	check_error("javascript:alert(document.cookie)", LT_EINVAL);
	check_error("JavaScript:alert(1)", LT_EINVAL);
	check_error("data:text/html;base64,PHNjcmlwdD4=", LT_EINVAL);
	check_error("ftp://ftp.congdoan.vn/file.pdf", LT_EINVAL);
	check_error("file:///etc/passwd", LT_EINVAL);
	check_error("mailto:ldld@gialam.gov.vn", LT_EINVAL);
	check_error("https://admin:secret@congdoan.vn/", LT_EINVAL);
	check_error("https://facebook.com@evil.example/", LT_EINVAL);
	check_error("", LT_EINVAL);
	check_error(" \t\n", LT_EINVAL);
	check_error("https://", LT_EINVAL);
	check_error("https://vne xpress.net/", LT_EINVAL);
	check_error("https://vnexpress.net/\xff", LT_EINVAL);
	check_error("https://vnexpress.net/\xc3\x28", LT_EINVAL);
	check_error("https://vnexpress.net:99999/", LT_EINVAL);

	/* The messages say what is wrong, in both languages. */
	assert_int_equal(lt_url_canonical("javascript:alert(1)", &got, NULL, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "javascript:"));
	assert_non_null(strstr(e.vi, "Chỉ nhận liên kết http"));
	assert_int_equal(lt_url_canonical("https://a:b@x.vn/", &got, NULL, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "password"));
	assert_non_null(strstr(e.vi, "mật khẩu"));
}

static void test_length_limit(void **state)
{
	char in[4096], *got = NULL;
	const char *head = "https://vnexpress.net/";
	size_t hl = strlen(head);
	lt_error e = { 0 };

	(void)state;
	/* Exactly LT_URL_MAX bytes: accepted. */
	memcpy(in, head, hl);
	memset(in + hl, 'a', LT_URL_MAX - hl);
	in[LT_URL_MAX] = '\0';
	assert_int_equal(lt_url_canonical(in, &got, NULL, &e), 0);
	assert_int_equal(strlen(got), LT_URL_MAX);
	free(got);
	got = NULL;
	/* One more: refused. */
	in[LT_URL_MAX] = 'a';
	in[LT_URL_MAX + 1] = '\0';
	check_error(in, LT_ETOOBIG);
	/* Much longer: refused without reading it all. */
	memset(in + hl, 'a', sizeof(in) - hl - 1);
	in[sizeof(in) - 1] = '\0';
	check_error(in, LT_ETOOBIG);
	/* Short enough typed, too long once non-ASCII is %-encoded: refused. */
	memcpy(in, "https://a.vn/", 13);
	for (size_t i = 0; i < 900; i++)
		memcpy(in + 13 + 2 * i, "\xc3\xa9", 2); /* é */
	in[13 + 1800] = '\0';
	check_error(in, LT_ETOOBIG);
}

static void test_channel_codes(void **state)
{
	lt_channel c;
	lt_error e = { 0 };

	(void)state;
	for (int i = 0; i < LT_CHANNEL_COUNT; i++) {
		assert_int_equal(lt_channel_from_code(lt_channel_code((lt_channel)i), &c, &e), 0);
		assert_int_equal(c, i);
	}
	assert_string_equal(lt_channel_code(LT_CHANNEL_ENEWSPAPER), "e-newspaper");
	assert_string_equal(lt_channel_code(LT_CHANNEL_TV), "tv");
	assert_string_equal(lt_channel_code((lt_channel)99), "other");
	assert_int_equal(lt_channel_from_code("Facebook", &c, &e), LT_EINVAL);
	assert_string_equal(e.field, "channel");
	assert_int_equal(lt_channel_from_code("newspaper", &c, &e), LT_EINVAL);
	assert_int_equal(lt_channel_from_code(NULL, &c, &e), LT_EINVAL);
}

static void test_host_channel(void **state)
{
	(void)state;
	assert_int_equal(lt_url_host_channel("m.vnexpress.net"), LT_CHANNEL_ENEWSPAPER);
	assert_int_equal(lt_url_host_channel("vnexpress.net."), LT_CHANNEL_ENEWSPAPER);
	/* A look-alike is not a subdomain. */
	assert_int_equal(lt_url_host_channel("notvnexpress.net"), LT_CHANNEL_WEBSITE);
	assert_int_equal(lt_url_host_channel("vnexpress.net.evil.example"), LT_CHANNEL_WEBSITE);
	assert_int_equal(lt_url_host_channel("congdoan.vn"), LT_CHANNEL_ENEWSPAPER);
	assert_int_equal(lt_url_host_channel("www.congdoan.vn"), LT_CHANNEL_ENEWSPAPER);
	assert_int_equal(lt_url_host_channel("ldldhanoi.congdoan.vn"), LT_CHANNEL_WEBSITE);
	assert_int_equal(lt_url_host_channel("vov2.vov.vn"), LT_CHANNEL_RADIO);
	assert_int_equal(lt_url_host_channel("zalo.vn"), LT_CHANNEL_ZALO);
	assert_int_equal(lt_url_host_channel("music.youtube.com"), LT_CHANNEL_YOUTUBE);
	assert_int_equal(lt_url_host_channel("127.0.0.1"), LT_CHANNEL_WEBSITE);
	assert_int_equal(lt_url_host_channel(NULL), LT_CHANNEL_WEBSITE);
}

/* ------------------------------------------------------------ WPT data */

static int starts_http(const char *s)
{
	while (*s && (unsigned char)*s <= ' ')
		s++;
	return strncasecmp(s, "http:", 5) == 0 || strncasecmp(s, "https:", 6) == 0;
}

/* True when s parses with curl as an http(s) URL. */
static int valid_http_url(const char *s)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	int ok = u && curl_url_set(u, CURLUPART_URL, s, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		 (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);

	curl_free(scheme);
	curl_url_cleanup(u);
	return ok;
}

static void test_wpt_urltestdata(void **state)
{
	const char *dir = getenv("LT_DATA_DIR");
	char path[1024];
	json_t *root = NULL, *v;
	json_error_t jerr;
	size_t i, ok = 0, refused = 0, fail_ok = 0, fail_refused = 0;

	(void)state;
	if (!dir)
		LT_SKIP_NEEDS_SHARED("wpt-url (LT_DATA_DIR unset)");
	snprintf(path, sizeof(path), "%s/wpt-url/urltestdata.json", dir);
	if (access(path, R_OK) != 0)
		LT_SKIP_NEEDS_SHARED(path);
	root = json_load_file(path, JSON_ALLOW_NUL, &jerr);
	assert_non_null(root);
	json_array_foreach(root, i, v) {
		json_t *jin = json_object_get(v, "input");
		const char *in;
		char *got = NULL, *again = NULL;
		lt_error e = { 0 };
		int rc;

		if (!json_is_string(jin))
			continue;
		in = json_string_value(jin);
		if (strlen(in) != json_string_length(jin) || !starts_http(in))
			continue;
		rc = lt_url_canonical(in, &got, NULL, &e);
		if (json_is_true(json_object_get(v, "failure"))) {
			/* Bad by the URL standard: refused, or a URL that is valid. */
			if (rc == 0) {
				assert_true(valid_http_url(got));
				fail_ok++;
			} else {
				fail_refused++;
			}
		} else if (rc == 0) {
			assert_true(valid_http_url(got));
			assert_int_equal(lt_url_canonical(got, &again, NULL, &e), 0);
			if (strcmp(again, got) != 0)
				print_message("not idempotent: %s → %s → %s\n", in, got, again);
			assert_string_equal(again, got);
			ok++;
		} else {
			refused++;
		}
		free(got);
		free(again);
	}
	json_decref(root);
	print_message("wpt urltestdata: %zu valid http(s) inputs canonical and idempotent, %zu refused; "
		      "%zu failure inputs refused, %zu accepted as valid URLs\n",
		      ok, refused, fail_refused, fail_ok);
	assert_true(ok > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_channel_codes),
		cmocka_unit_test(test_host_channel),
		cmocka_unit_test(test_wpt_urltestdata),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
