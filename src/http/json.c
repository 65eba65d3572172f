/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* json.c — strict JSON input for handlers (jansson); see http.h. */
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
	j = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
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
	json_object_foreach(j, key, val) {
		bool ok = false;
		for (size_t i = 0; allowed && allowed[i]; i++)
			if (!strcmp(key, allowed[i]))
				ok = true;
		if (!ok) {
			const char *k = lt_arena_strdup(&req->arena, key);
			json_decref(j);
			return failf(req, LT_EINVAL, k, "Trường không được hỗ trợ: %s",
				     "Unknown field: %s", k);
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
