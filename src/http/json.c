/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* json.c — strict JSON input for handlers (jansson); see http.h. */
#include "core/page.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "text/fold.h"

static int failf(lt_http_req *req, int code, const char *field, const char *vi, const char *en,
		 const char *arg)
{
	lt_error_set(&req->err, code, field, vi, en, arg);
	return code;
}

/*
 * Every string in v (keys too) must be text lantoa can store and write into
 * its documents: the first that is not fails with the path of its field
 * ("title", "themes[1].items[0]"). JSON escapes such as \ufffe are decoded
 * by then, so this is the one place that sees them.
 */
static int check_text(lt_http_req *req, json_t *v, char *path, size_t n, size_t cap)
{
	const char *key;
	json_t *x;
	size_t i;
	int rc = 0;

	if (json_is_string(v))
		return lt_text_check_field(json_string_value(v), json_string_length(v),
					   lt_arena_strdup(&req->arena, n ? path : "body"), &req->err);
	if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			int k = snprintf(path + n, cap - n, "%s%s", n ? "." : "", key);
			size_t m = k < 0 || (size_t)k >= cap - n ? cap - 1 : n + (size_t)k;
			/* A bad key is named by where it sits, never echoed. */
			rc = lt_text_check_field(key, strlen(key),
						 n ? lt_arena_strndup(&req->arena, path, n) : "body",
						 &req->err);
			if (!rc)
				rc = check_text(req, x, path, m, cap);
			path[n] = '\0';
			if (rc)
				return rc;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			int k = snprintf(path + n, cap - n, "[%zu]", i);
			size_t m = k < 0 || (size_t)k >= cap - n ? cap - 1 : n + (size_t)k;
			rc = check_text(req, x, path, m, cap);
			path[n] = '\0';
			if (rc)
				return rc;
		}
	}
	return 0;
}

json_t *lt_req_json_parse(const lt_http_req *req, json_error_t *jerr)
{
	return json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, jerr);
}

int lt_req_json_or_reply(lt_http_req *req, const char *const *allowed, json_t **out)
{
	const char *ct = lt_req_header(req, "Content-Type");
	json_error_t jerr;
	json_t *j;
	const char *key;
	json_t *val;

	*out = NULL;
	if (!req->body_len)
		return lt_req_fail(req, LT_EINVAL, "body", "Thiếu nội dung JSON",
				   "A JSON body is required");
	if (!ct || strncmp(ct, "application/json", 16))
		return lt_req_fail(req, LT_EUNSUPPORTED, "Content-Type",
				   "Nội dung phải là application/json",
				   "The body must be application/json");
	if (!lt_utf8_valid(req->body, req->body_len))
		return lt_req_fail(req, LT_EINVAL, "body", "Nội dung không phải UTF-8 hợp lệ",
				   "The body is not valid UTF-8");
	/* Parsed already on the request's thread (server.c: a grouped write), or now. */
	j = req->json ? json_incref(req->json) : lt_req_json_parse(req, &jerr);
	if (!j) {
		lt_error_set(&req->err, LT_EINVAL, "body",
			     "JSON không hợp lệ ở dòng %d, cột %d: %s",
			     "Invalid JSON at line %d, column %d: %s", jerr.line, jerr.column,
			     jerr.text);
		return LT_EINVAL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return lt_req_fail(req, LT_EINVAL, "body", "Nội dung JSON phải là một đối tượng {…}",
				   "The JSON body must be an object {…}");
	}
	{
		char path[LT_ERR_FIELD_MAX] = "";
		int rc = check_text(req, j, path, 0, sizeof(path));
		if (rc) {
			json_decref(j);
			return rc;
		}
	}
	json_object_foreach(j, key, val) {
		bool ok = false;
		for (size_t i = 0; allowed && allowed[i]; i++)
			if (!strcmp(key, allowed[i]))
				ok = true;
		if (!ok) {
			const char *k = lt_arena_strdup(&req->arena, key);
			json_decref(j);
			/* A key "" cannot name itself: the body is at fault then. */
			return failf(req, LT_EINVAL, k && *k ? k : "body",
				     "Trường không được hỗ trợ: \"%s\"", "Unknown field: \"%s\"",
				     k ? k : "");
		}
	}
	*out = j;
	return 0;
}

int lt_json_str_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 size_t max, const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return failf(req, LT_EINVAL, key, "Thiếu trường bắt buộc %s",
				     "Missing required field %s", key);
		return 0;
	}
	if (!json_is_string(v))
		return failf(req, LT_EINVAL, key, "Trường %s phải là chuỗi",
			     "Field %s must be a string", key);
	if (json_string_length(v) > max) {
		lt_error_set(&req->err, LT_EINVAL, key, "Trường %s dài quá %zu byte",
			     "Field %s is longer than %zu bytes", key, max);
		return LT_EINVAL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v))
		return failf(req, LT_EINVAL, key, "Trường %s chứa ký tự NUL",
			     "Field %s contains a NUL character", key);
	*out = lt_arena_strdup(&req->arena, json_string_value(v));
	return 0;
}

int lt_json_int_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 int64_t *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			return failf(req, LT_EINVAL, key, "Thiếu trường bắt buộc %s",
				     "Missing required field %s", key);
		return 0;
	}
	if (!json_is_integer(v))
		return failf(req, LT_EINVAL, key, "Trường %s phải là số nguyên",
			     "Field %s must be an integer", key);
	*out = (int64_t)json_integer_value(v);
	return 0;
}

int lt_json_line_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			  size_t max, const char **out)
{
	int rc = lt_json_str_or_reply(req, obj, key, required, max, out);

	if (!rc && *out && strpbrk(*out, "\r\n")) {
		*out = NULL;
		rc = failf(req, LT_EINVAL, key, "Trường %s phải nằm trên một dòng",
			   "Field %s must be on one line", key);
	}
	return rc;
}

int lt_json_id0_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 int64_t *out)
{
	int64_t v = 0;
	int rc = lt_json_int_or_reply(req, obj, key, required, &v);

	if (!rc && json_is_integer(json_object_get(obj, key))) {
		if (v < 0)
			return failf(req, LT_EINVAL, key, "Trường %s không được âm",
				     "Field %s must not be negative", key);
		*out = v;
	}
	return rc;
}

int lt_json_count_or_reply(lt_http_req *req, json_t *obj, const char *key, int64_t *out)
{
	int rc = lt_json_int_or_reply(req, obj, key, false, out);

	if (!rc && json_is_integer(json_object_get(obj, key)) && *out < 0)
		*out = LT_COUNT_NEGATIVE;
	return rc;
}

int lt_page_or_reply(lt_http_req *req, lt_page *out)
{
	return lt_page_parse(lt_req_query(req, "limit"), lt_req_query(req, "cursor"), &req->arena,
			     out, &req->err);
}

json_t *lt_json_set_next(json_t *j, const char *next)
{
	if (j)
		json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return j;
}

int lt_query_int_or_reply(lt_http_req *req, const char *name, int64_t *out)
{
	const char *s = lt_req_query(req, name);
	char *end;
	long long v;

	if (!s)
		return 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || v < 0)
		return failf(req, LT_EINVAL, name, "Tham số %s phải là số nguyên không âm",
			     "Parameter %s must be a non-negative integer", name);
	*out = v;
	return 0;
}
