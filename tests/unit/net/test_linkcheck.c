/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/net/linkcheck.c against a libmicrohttpd server started here
 * on 127.0.0.1 (a free port), serving fixture pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include "net/linkcheck.h"

#define BIG_SIZE (2 * 1024 * 1024)

static struct MHD_Daemon *daemon_;
static unsigned short port;
static char *big; /* BIG_SIZE bytes of HTML */

static const char page_title[] =
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>\n  T\xe1\xba\xbft Sum v\xe1\xba\xa7y"
	"   2024\n</title></head><body><p>x</p></body></html>";
static const char page_og[] =
	"<html><head><title>Trang ch\xe1\xbb\xa7</title>"
	"<meta property=\"og:title\" content=\"Ch\xe1\xbb\xa3 T\xe1\xba\xbft C\xc3\xb4ng \xc4\x91o\xc3\xa0n\">"
	"</head><body></body></html>";
static const char page_latin1[] = "<html><head><title>Caf\xe9 Ph\xf4</title></head></html>";
static const char page_404[] = "<html><head><title>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y</title></head></html>";

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *body, size_t len,
			     const char *ctype, const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (ctype)
		MHD_add_response_header(r, "Content-Type", ctype);
	if (location)
		MHD_add_response_header(r, "Location", location);
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
			       const char *version, const char *data, size_t *data_size, void **ctx)
{
	const char *html = "text/html; charset=utf-8";

	(void)cls, (void)method, (void)version, (void)data, (void)data_size, (void)ctx;
	if (!strcmp(url, "/title"))
		return reply(conn, 200, page_title, sizeof(page_title) - 1, "text/html", NULL);
	if (!strcmp(url, "/og"))
		return reply(conn, 200, page_og, sizeof(page_og) - 1, html, NULL);
	if (!strcmp(url, "/latin1"))
		return reply(conn, 200, page_latin1, sizeof(page_latin1) - 1,
			     "text/html; charset=ISO-8859-1", NULL);
	if (!strcmp(url, "/r1"))
		return reply(conn, 302, "", 0, NULL, "/r2");
	if (!strcmp(url, "/r2"))
		return reply(conn, 301, "moved", 5, "text/plain", "/og");
	if (!strcmp(url, "/loop"))
		return reply(conn, 302, "", 0, NULL, "/loop");
	if (!strcmp(url, "/big"))
		return reply(conn, 200, big, BIG_SIZE, html, NULL);
	if (!strcmp(url, "/slow")) {
		sleep(2);
		return reply(conn, 200, page_title, sizeof(page_title) - 1, html, NULL);
	}
	return reply(conn, 404, page_404, sizeof(page_404) - 1, html, NULL);
}

static int server_up(void **state)
{
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	const char *head = "<html><head><title>Big page</title></head><body>";

	(void)state;
	big = malloc(BIG_SIZE);
	if (!big)
		return -1;
	memset(big, 'x', BIG_SIZE);
	memcpy(big, head, strlen(head));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
				   NULL, NULL, handler, NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_END);
	if (!daemon_)
		return -1;
	info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	port = info ? info->port : 0;
	return port ? 0 : -1;
}

static int server_down(void **state)
{
	(void)state;
	MHD_stop_daemon(daemon_);
	free(big);
	return 0;
}

static void opts_local(lt_linkcheck_opts *o)
{
	lt_linkcheck_opts_default(o);
	o->allow_private = true;
	o->connect_timeout_ms = 2000;
	o->total_timeout_ms = 5000;
}

static int fetch(const char *path, const lt_linkcheck_opts *o, lt_linkcheck_result *r, lt_error *e)
{
	char url[128];

	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
	return lt_linkcheck_fetch(url, o, r, e);
}

static void test_title(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };

	(void)state;
	opts_local(&o);
	assert_int_equal(fetch("/title", &o, &r, &e), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.title, "T\xe1\xba\xbft Sum v\xe1\xba\xa7y 2024"); /* <meta charset>, spaces collapsed */
	assert_null(r.og_title);
	assert_false(r.truncated);
	assert_non_null(strstr(r.final_url, "/title"));
	lt_linkcheck_result_free(&r);

	assert_int_equal(fetch("/og", &o, &r, &e), 0);
	assert_string_equal(r.og_title, "Ch\xe1\xbb\xa3 T\xe1\xba\xbft C\xc3\xb4ng \xc4\x91o\xc3\xa0n");
	assert_string_equal(r.title, "Trang ch\xe1\xbb\xa7");
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	lt_linkcheck_result_free(&r);
}

static void test_charset_header(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };

	(void)state;
	opts_local(&o);
	assert_int_equal(fetch("/latin1", &o, &r, &e), 0);
	assert_string_equal(r.title, "Caf\xc3\xa9 Ph\xc3\xb4"); /* ISO-8859-1 → UTF-8 */
	lt_linkcheck_result_free(&r);
}

static void test_redirects(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };
	char want[64];

	(void)state;
	opts_local(&o);
	assert_int_equal(fetch("/r1", &o, &r, &e), 0);
	snprintf(want, sizeof(want), "http://127.0.0.1:%u/og", port);
	assert_string_equal(r.final_url, want);
	assert_int_equal(r.status, 200);
	assert_non_null(r.og_title);
	lt_linkcheck_result_free(&r);

	o.max_redirects = 1; /* r1 → r2 → og needs two */
	assert_int_equal(fetch("/r1", &o, &r, &e), LT_EIO);
	assert_non_null(strstr(e.en, "redirects"));
	lt_linkcheck_result_free(&r);
	o.max_redirects = 5;
	assert_int_equal(fetch("/loop", &o, &r, &e), LT_EIO);
	assert_string_equal(e.field, "url");
	lt_linkcheck_result_free(&r);
}

static void test_size_cap(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };

	(void)state;
	opts_local(&o);
	o.max_bytes = 64 * 1024;
	assert_int_equal(fetch("/big", &o, &r, &e), 0);
	assert_true(r.truncated);
	assert_int_equal(r.bytes, 64 * 1024);
	assert_string_equal(r.title, "Big page"); /* the head was read */
	lt_linkcheck_result_free(&r);

	o.max_bytes = 4 * BIG_SIZE;
	assert_int_equal(fetch("/big", &o, &r, &e), 0);
	assert_false(r.truncated);
	assert_int_equal(r.bytes, BIG_SIZE);
	lt_linkcheck_result_free(&r);
}

static void test_not_found(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };

	(void)state;
	opts_local(&o);
	assert_int_equal(fetch("/gone", &o, &r, &e), 0); /* a dead link is a result */
	assert_int_equal(r.status, 404);
	assert_string_equal(r.title, "Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y");
	lt_linkcheck_result_free(&r);
}

static void test_timeout(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };
	struct timespec t0, t1;
	double ms;

	(void)state;
	opts_local(&o);
	o.total_timeout_ms = 300;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(fetch("/slow", &o, &r, &e), LT_EIO);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(ms < 1500);
	assert_non_null(strstr(e.en, "in time"));
	assert_null(r.final_url);
	lt_linkcheck_result_free(&r);
}

static void test_private_refused(void **state)
{
	static const char *const hosts[] = { "127.0.0.1", "localhost", "[::1]", "127.9.9.9", "0.0.0.0",
					     "[::ffff:127.0.0.1]", NULL };
	lt_linkcheck_result r;
	lt_error e = { 0 };
	char url[128];

	(void)state;
	for (size_t i = 0; hosts[i]; i++) {
		snprintf(url, sizeof(url), "http://%s:%u/title", hosts[i], port);
		/* Default options: allow_private is off. */
		assert_int_equal(lt_linkcheck_fetch(url, NULL, &r, &e), LT_EFORBIDDEN);
		assert_string_equal(e.field, "url");
		assert_non_null(strstr(e.en, "internal"));
		assert_null(r.title);
		lt_linkcheck_result_free(&r);
	}
}

static void test_bad_scheme(void **state)
{
	lt_linkcheck_opts o;
	lt_linkcheck_result r;
	lt_error e = { 0 };
	char url[128];

	(void)state;
	opts_local(&o);
	snprintf(url, sizeof(url), "ftp://127.0.0.1:%u/x", port);
	assert_int_equal(lt_linkcheck_fetch(url, &o, &r, &e), LT_EINVAL);
	lt_linkcheck_result_free(&r);
	assert_int_equal(lt_linkcheck_fetch("file:///etc/passwd", &o, &r, &e), LT_EINVAL);
	lt_linkcheck_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title),       cmocka_unit_test(test_charset_header),
		cmocka_unit_test(test_redirects),   cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_not_found),   cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_private_refused), cmocka_unit_test(test_bad_scheme),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
