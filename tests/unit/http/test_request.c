/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/http/json.c, request.c and router.c: the request helpers
 * every handler uses to read input (strict JSON, typed fields, query
 * numbers) and the route table's matching, on requests built in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/http.h"
#include "http/router.h"

/* A fake transport: one header, one query argument. */
static const char *fake_lookup(lt_http_req *req, int kind, const char *name)
{
	(void)req;
	if (kind == LT_REQ_HEADER && !strcmp(name, "Content-Type"))
		return "application/json; charset=utf-8";
	if (kind == LT_REQ_QUERY && !strcmp(name, "limit"))
		return "20x";
	return NULL;
}

static void init(lt_http_req *req, const char *body)
{
	memset(req, 0, sizeof(*req));
	lt_arena_init(&req->arena);
	lt_buf_init(&req->out, 1 << 20);
	req->lookup = fake_lookup;
	req->body = body;
	req->body_len = body ? strlen(body) : 0;
}

static void done(lt_http_req *req)
{
	lt_arena_free(&req->arena);
	lt_buf_free(&req->out);
}

static const char *const keys[] = { "name", "count", NULL };

static void test_strict_json_body(void **state)
{
	lt_http_req req;
	json_t *j = NULL;
	const char *name = NULL;
	int64_t count = 0;

	(void)state;
	init(&req, "{\"name\":\"Đa Tốn\",\"count\":3}");
	assert_int_equal(lt_req_json_or_reply(&req, keys, &j), 0);
	assert_int_equal(lt_json_str_or_reply(&req, j, "name", true, 64, &name), 0);
	assert_string_equal(name, "Đa Tốn");
	assert_int_equal(lt_json_int_or_reply(&req, j, "count", true, &count), 0);
	assert_int_equal(count, 3);
	json_decref(j);
	done(&req);
}

/* Each malformed body is refused with a 400 that names the culprit. */
static void test_bad_bodies_name_the_field(void **state)
{
	static const struct {
		const char *body, *field, *en;
	} cases[] = {
		{ "", "body", "A JSON body is required" },
		{ "{\"name\":\"a\",\"name\":\"b\"}", "body", "Invalid JSON" }, /* duplicate key */
		{ "[1]", "body", "must be an object" },
		{ "{\"nme\":\"x\"}", "nme", "Unknown field: \"nme\"" },
		{ "{\"\":1}", "body", "Unknown field: \"\"" }, /* an empty key names the body */
		{ "{\"name\":\"\xc3\x28\"}", "body", "not valid UTF-8" },
		{ "{\"name\":", "body", "Invalid JSON at line 1" },
		/* decoded escapes are checked once decoded, and the error names the field */
		{ "{\"name\":\"a\\ufffe\"}", "name", "noncharacter (U+FFFE)" },
		{ "{\"name\":\"a\\u000b\"}", "name", "control character" },
		{ "{\"count\":[\"ok\",{\"x\":\"\\uffff\"}]}", "count[1].x", "U+FFFF" },
		{ "{\"name\":\"a\",\"\\ufdd0\":1}", "body", "U+FDD0" }, /* a key: never echoed */
	};
	lt_http_req req;
	json_t *j = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		init(&req, cases[i].body);
		assert_int_equal(lt_req_json_or_reply(&req, keys, &j), LT_EINVAL);
		assert_null(j);
		assert_string_equal(req.err.field, cases[i].field);
		assert_non_null(strstr(req.err.en, cases[i].en));
		assert_true(req.err.vi[0] != '\0'); /* and in Vietnamese */
		done(&req);
	}
}

static void test_typed_fields(void **state)
{
	lt_http_req req;
	json_t *j = NULL;
	const char *s = NULL;
	int64_t n = 7;

	(void)state;
	init(&req, "{\"name\":5,\"count\":\"3\"}");
	assert_int_equal(lt_req_json_or_reply(&req, keys, &j), 0);
	assert_int_equal(lt_json_str_or_reply(&req, j, "name", true, 64, &s), LT_EINVAL);
	assert_string_equal(req.err.field, "name");
	assert_int_equal(lt_json_int_or_reply(&req, j, "count", true, &n), LT_EINVAL);
	assert_string_equal(req.err.field, "count");
	assert_int_equal(n, 7); /* untouched */
	json_decref(j);
	done(&req);
	init(&req, "{\"name\":\"abcdef\"}");
	assert_int_equal(lt_req_json_or_reply(&req, keys, &j), 0);
	assert_int_equal(lt_json_str_or_reply(&req, j, "name", true, 5, &s), LT_EINVAL);
	assert_non_null(strstr(req.err.en, "longer than 5 bytes"));
	assert_int_equal(lt_json_str_or_reply(&req, j, "count", true, 5, &s), LT_EINVAL);
	assert_non_null(strstr(req.err.en, "Missing required field count"));
	json_decref(j);
	done(&req);
}

static void test_query_number(void **state)
{
	lt_http_req req;
	int64_t v = 50;

	(void)state;
	init(&req, NULL);
	assert_int_equal(lt_query_int_or_reply(&req, "limit", &v), LT_EINVAL);
	assert_string_equal(req.err.field, "limit");
	assert_int_equal(v, 50);
	assert_int_equal(lt_query_int_or_reply(&req, "offset", &v), 0); /* absent: unchanged */
	assert_int_equal(v, 50);
	done(&req);
}

static void test_reply_json(void **state)
{
	lt_http_req req;

	(void)state;
	init(&req, NULL);
	assert_int_equal(lt_reply_json(&req, 201, json_pack("{s:i}", "id", 4)), 0);
	assert_int_equal(req.status, 201);
	assert_string_equal(lt_buf_cstr(&req.out), "{\"id\":4}");
	assert_non_null(strstr(req.content_type, "application/json"));
	done(&req);
}

static void test_router_captures_ids(void **state)
{
	lt_http_req req;
	bool known = false;
	const lt_route *r;

	(void)state;
	init(&req, NULL);
	r = lt_route_find(&req, "GET", "/api/v1/units/42", &known);
	assert_non_null(r);
	assert_int_equal(req.nparams, 1);
	assert_int_equal(req.params[0], 42);
	assert_null(lt_route_find(&req, "GET", "/api/v1/units/0", &known));   /* ids start at 1 */
	assert_null(lt_route_find(&req, "GET", "/api/v1/units/4x2", &known));
	assert_null(lt_route_find(&req, "GET", "/api/v1/units/-1", &known));
	known = false;
	assert_null(lt_route_find(&req, "DELETE", "/api/v1/login", &known));
	assert_true(known); /* the path exists with another method: 405, not 404 */
	assert_non_null(lt_route_find(&req, "HEAD", "/api/v1/units/42", &known)); /* HEAD = GET */
	done(&req);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strict_json_body),
		cmocka_unit_test(test_bad_bodies_name_the_field),
		cmocka_unit_test(test_typed_fields),
		cmocka_unit_test(test_query_number),
		cmocka_unit_test(test_reply_json),
		cmocka_unit_test(test_router_captures_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
