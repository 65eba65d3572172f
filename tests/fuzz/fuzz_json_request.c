/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_json_request.c — libFuzzer target for the JSON request reader
 * (src/http/json.c): lt_req_json_or_reply and the typed field readers, on a
 * request built in memory as tests/unit/http/test_request.c does.
 *
 * Input: "QUERY\nBODY" when a newline comes in the first 24 bytes (QUERY is
 * the ?limit= argument), else the whole input is the body. Whatever the
 * bytes: no crash, no leak, no sanitizer report; a refusal names a field and
 * carries both messages; an accepted body's strings are valid UTF-8 text the
 * documents can carry (lt_text_check_field passes again), and an accepted
 * query number is non-negative.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *query_value;

static const char *lookup(lt_http_req *req, int kind, const char *name)
{
	(void)req;
	if (kind == LT_REQ_HEADER && !strcmp(name, "Content-Type"))
		return "application/json; charset=utf-8";
	if (kind == LT_REQ_QUERY && !strcmp(name, "limit"))
		return query_value;
	return NULL;
}

/* A refusal names the field and says why, in both languages. */
static void check_refusal(const lt_http_req *req, int rc)
{
	if (rc >= 0 || req->err.code != rc || !req->err.field[0] || !req->err.vi[0] ||
	    !req->err.en[0])
		abort();
}

static void check_text(const char *s)
{
	lt_error e;

	if (s && lt_text_check_field(s, strlen(s), "x", &e))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "name", "count", "flag", "items", "when", NULL };
	const uint8_t *nl = size ? memchr(data, '\n', size < 24 ? size : 24) : NULL;
	char *query = NULL, *body;
	size_t qlen = nl ? (size_t)(nl - data) : 0, blen = nl ? size - qlen - 1 : size;
	lt_http_req req;
	json_t *j = NULL;
	const char *name = NULL, *when = NULL;
	int64_t count = 0, limit = 0;
	int rc;

	if (size > 1 << 16)
		return 0;
	if (nl) {
		query = malloc(qlen + 1);
		if (!query)
			abort();
		memcpy(query, data, qlen);
		query[qlen] = '\0';
	}
	/* The server hands handlers a NUL-terminated body of body_len bytes. */
	body = malloc(blen + 1);
	if (!body)
		abort();
	memcpy(body, nl ? nl + 1 : data, blen);
	body[blen] = '\0';
	query_value = query;

	memset(&req, 0, sizeof(req));
	lt_arena_init(&req.arena);
	lt_buf_init(&req.out, 1 << 20);
	req.lookup = lookup;
	req.body = body;
	req.body_len = blen;

	rc = lt_query_int_or_reply(&req, "limit", &limit);
	if (rc)
		check_refusal(&req, rc);
	else if (limit < 0)
		abort();

	rc = lt_req_json_or_reply(&req, keys, &j);
	if (rc) {
		check_refusal(&req, rc);
		if (j)
			abort();
	} else {
		if (!json_is_object(j))
			abort();
		rc = lt_json_str_or_reply(&req, j, "name", true, 64, &name);
		if (rc)
			check_refusal(&req, rc);
		else if (!name || strlen(name) > 64)
			abort();
		check_text(name);
		rc = lt_json_str_or_reply(&req, j, "when", false, 32, &when);
		if (rc)
			check_refusal(&req, rc);
		check_text(when);
		rc = lt_json_int_or_reply(&req, j, "count", false, &count);
		if (rc)
			check_refusal(&req, rc);
		json_decref(j);
	}
	lt_arena_free(&req.arena);
	lt_buf_free(&req.out);
	free(body);
	free(query);
	return 0;
}
